"""Which Pagefind program indexes the site, and whether it is new enough for Chinese.

Pagefind 1.6 segments Chinese the same way when it indexes and when a reader searches; 1.5.2, the
newest on PyPI (what `pip install healthpress` brings), does not, and its results for 医改 are wrong.
So the build looks for a 1.6 in the places a bureau's machine has one, in this order:

1. `pagefind_binary:` in mkdocs.yml (the healthpress plugin's settings), relative to the project;
2. the environment variable PAGEFIND_BINARY_PATH (what Pagefind's own Python package reads);
3. the project's cache, where `./scripts/build` installs it from npm (`.cache/pagefind-npm/`);
4. `pagefind_extended` or `pagefind` on PATH;
5. PyPI's `pagefind_bin_extended` (or `pagefind_bin`), installed with healthpress.

The first two are the maintainer's choice and are used as they are; among the others the first of
version 1.6 or newer is taken, else the newest found. Whatever is older than 1.6 is said in the build's
output and by `check` (a warning, so `--strict` refuses it): never a silent downgrade.
"""

from __future__ import annotations

import functools
import os
import platform
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from healthpress.model.findings import Finding, Level

MINIMUM_VERSION = (1, 6, 0)
"""The first Pagefind whose Chinese search finds what it indexed."""
NPM_CACHE = Path(".cache") / "pagefind-npm"
"""Where ./scripts/build installs Pagefind from npm, relative to the project."""
SETTING = "pagefind_binary"
ENVIRONMENT = "PAGEFIND_BINARY_PATH"
VERSION_TIMEOUT = 20


@dataclass(frozen=True)
class Pagefind:
    """A Pagefind program, its version (None when it would not say) and where it was found (in Chinese)."""

    path: Path
    version: tuple[int, ...] | None
    found_in: str

    @property
    def version_text(self) -> str:
        return ".".join(map(str, self.version)) if self.version else "版本不明"

    @property
    def new_enough(self) -> bool:
        return self.version is not None and self.version >= MINIMUM_VERSION


@dataclass(frozen=True)
class PagefindChoice:
    """The Pagefind a build uses (None: none found) and what the editor should be told about it."""

    pagefind: Pagefind | None
    findings: tuple[Finding, ...] = ()

    def path(self) -> Path:
        """The program to run, or FileNotFoundError with the Chinese explanation."""
        if self.pagefind is None:
            raise FileNotFoundError(self.findings[0].message if self.findings else _NONE_FOUND)
        return self.pagefind.path


_NONE_FOUND = "没有找到 Pagefind（生成搜索索引的程序）"
_MINIMUM = ".".join(map(str, MINIMUM_VERSION))
_HOW_TO_GET = (f"运行一次 ./scripts/build（它把 Pagefind {_MINIMUM} 从 npm 装进 .cache/pagefind-npm/）；"
               f"或自行安装 Pagefind {_MINIMUM} 以上的 pagefind_extended，在 mkdocs.yml 的 healthpress 设置里写 "
               f"{SETTING}: 它的路径；不需要搜索的网站可写 search_index: false")


def choose_pagefind(project_dir: Path | None, configured: str | None = None) -> PagefindChoice:
    """The Pagefind this project's build runs (module docstring), with a warning if it is older than 1.6
    and an error if the configured one is missing or none is found."""
    if configured:
        path = Path(configured).expanduser()
        path = path if path.is_absolute() or project_dir is None else project_dir / path
        if not _runnable(path):
            return PagefindChoice(None, (Finding(
                "mkdocs.yml", None, SETTING, "pagefind-missing", f"{SETTING} 写的 Pagefind 程序“{configured}”不存在或不能运行",
                "改正路径（相对于 mkdocs.yml 所在目录），或删除这一行让 healthpress 自己寻找；" + _HOW_TO_GET),))
        return _judged(_probe(path, f"mkdocs.yml 的 {SETTING}"))
    from_environment = os.environ.get(ENVIRONMENT)
    if from_environment and _runnable(Path(from_environment)):
        return _judged(_probe(Path(from_environment), f"环境变量 {ENVIRONMENT}"))
    found = [_probe(path, where) for path, where in _automatic_candidates(project_dir)]
    if not found:
        return PagefindChoice(None, (Finding("mkdocs.yml", None, SETTING, "pagefind-missing", _NONE_FOUND + "，无法生成搜索索引",
                                             _HOW_TO_GET),))
    good = next((pagefind for pagefind in found if pagefind.new_enough), None)
    return _judged(good or max(found, key=lambda pagefind: pagefind.version or ()))


def _judged(pagefind: Pagefind) -> PagefindChoice:
    if pagefind.new_enough:
        return PagefindChoice(pagefind)
    return PagefindChoice(pagefind, (Finding(
        "mkdocs.yml", None, SETTING, "pagefind-old",
        f"搜索索引用的是 Pagefind {pagefind.version_text}（{pagefind.found_in}：{pagefind.path}），"
        f"低于 {_MINIMUM}：它建索引和搜索时切分中文的方式不同，读者搜到的结果会不对",
        _HOW_TO_GET, Level.WARNING),))


def _automatic_candidates(project_dir: Path | None) -> list[tuple[Path, str]]:
    """The programs found in the project's cache, on PATH and in PyPI's packages, in that order."""
    candidates: list[tuple[Path, str]] = []
    if project_dir is not None:
        for name in _program_names():
            path = project_dir / NPM_CACHE / "node_modules" / "@pagefind" / _npm_platform() / "bin" / name
            candidates.append((path, f"项目缓存 {NPM_CACHE.as_posix()}/"))
    for name in ("pagefind_extended", "pagefind"):
        found = shutil.which(name)
        if found:
            candidates.append((Path(found), "PATH"))
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            package = __import__(module)
            candidates.append((Path(package.get_executable()), f"Python 包 {module}"))
        except (ImportError, OSError, AttributeError):
            continue
    seen: set[Path] = set()
    unique = []
    for path, where in candidates:
        if _runnable(path) and path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append((path, where))
    return unique


def _program_names() -> tuple[str, ...]:
    suffix = ".exe" if sys.platform == "win32" else ""
    return (f"pagefind_extended{suffix}", f"pagefind{suffix}")


def _npm_platform() -> str:
    """npm's package name for this machine's Pagefind, e.g. linux-x64 (@pagefind/linux-x64)."""
    system = {"win32": "windows", "darwin": "darwin"}.get(sys.platform, "linux")
    machine = platform.machine().lower()
    return f"{system}-{'arm64' if machine in ('arm64', 'aarch64') else 'x64'}"


def _runnable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def _probe(path: Path, found_in: str) -> Pagefind:
    stat = path.stat()
    return Pagefind(path, _version(str(path), stat.st_size, stat.st_mtime_ns), found_in)


@functools.cache
def _version(path: str, size: int, mtime_ns: int) -> tuple[int, ...] | None:
    """`pagefind --version` as numbers (once per program file and process)."""
    try:
        result = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=VERSION_TIMEOUT,
                                stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+)\.(\d+)\.(\d+)", result.stdout)
    return tuple(int(part) for part in match.groups()) if match else None


def pagefind_executable(project_dir: Path | None = None, configured: str | None = None) -> Path:
    """The program `choose_pagefind` takes, or FileNotFoundError saying in Chinese that there is none."""
    return choose_pagefind(project_dir, configured).path()
