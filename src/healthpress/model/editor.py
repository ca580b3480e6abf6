"""Who is writing: the editor's own settings file (author, unit), else git's user name, for `healthpress new`.

The file is `editor.yml` in healthpress' folder of the editor's settings: `$XDG_CONFIG_HOME/healthpress/`,
by default `~/.config/healthpress/`. It belongs to the editor, not to the site, and holds two fields in
English or Chinese: `author:`/`作者:` and `unit:`/`单位:`.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import yaml

from healthpress.model.oswords import os_reason
from healthpress.model.yamlwords import parser_problem, yaml_problem

SETTINGS_NAME = "editor.yml"
FIELDS = {"author": "author", "作者": "author", "unit": "unit", "单位": "unit"}


@dataclass(frozen=True, slots=True)
class Editor:
    """The author and unit a new article starts with (None: not known), and where they can be set."""

    author: str | None
    unit: str | None
    settings_file: str
    """The settings file as the editor would type it (`~/.config/healthpress/editor.yml`)."""
    problem: str | None = None
    """Why the settings file could not be used, in Chinese, or None."""


def settings_path(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_CONFIG_HOME/healthpress/editor.yml`, or `~/.config/healthpress/editor.yml`."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CONFIG_HOME") or ""
    folder = Path(base) if Path(base).is_absolute() else Path.home() / ".config"
    return folder / "healthpress" / SETTINGS_NAME


def shown_path(path: Path) -> str:
    """`path` with the home folder written `~`, as an editor types it (and as a file in the project may show it)."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return path.as_posix()


def read_editor(path: Path, cwd: Path) -> Editor:
    """The editor's author and unit: the settings file at `path` first, git's `user.name` (in `cwd`) for
    an author the file does not give."""
    shown = shown_path(path)
    fields, problem = _settings(path, shown)
    author = fields.get("author") or git_user_name(cwd)
    return Editor(author, fields.get("unit"), shown, problem)


def _reason(exc: Exception) -> str:
    """Why the settings file could not be read, in Chinese."""
    if isinstance(exc, UnicodeDecodeError):
        return "不是 UTF-8 编码"
    if isinstance(exc, OSError):
        return os_reason(exc)
    return f"不是有效的 YAML：{yaml_problem(parser_problem(exc))}"


def _settings(path: Path, shown: str) -> tuple[dict[str, str], str | None]:
    if path.is_dir():
        return {}, f"{shown} 是一个文件夹，不是设置文件，没有用它：删除或改名这个文件夹，再在那里新建文本文件 {path.name}，写“作者: 张明”和“单位: 市人民医院”两行"
    if not path.is_file():
        return {}, None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        where = getattr(exc, "problem_mark", None)
        line = f"第 {where.line + 1} 行" if where is not None else ""
        return {}, f"{shown} {line}读不出来（{_reason(exc)}），没有用它：应写成两行，如“作者: 张明”和“单位: 市人民医院”，用 UTF-8 保存"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, f"{shown} 的内容应写成两行，如“作者: 张明”和“单位: 市人民医院”，没有用它"
    fields, unknown = {}, []
    for key, value in data.items():
        name = FIELDS.get(str(key).strip())
        if name is None:
            unknown.append(str(key))
        elif value is not None and str(value).strip():
            fields[name] = " ".join(str(value).split())
    problem = (f"{shown} 里的 {'、'.join(unknown)} 不认识，没有用：只能写 作者（author）和 单位（unit）"
               if unknown else None)
    return fields, problem


def git_user_name(cwd: Path) -> str | None:
    """`git config user.name` as git sees it in `cwd`, or None (no git, no name set)."""
    try:
        done = subprocess.run(["git", "config", "user.name"], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    name = " ".join(done.stdout.split())
    return name if done.returncode == 0 and name else None
