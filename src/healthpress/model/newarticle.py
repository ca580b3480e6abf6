"""`healthpress new`: a correctly named article file with its front matter filled in."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from healthpress.model.paths import WINDOWS_RESERVED
from healthpress.model.source import SourceError, split_source
from healthpress.model.slugs import slugify

BODY_HINT = "在这里写正文。第一段会作为列表页的摘要。\n"
ISSUE_KEYS = ("issue", "期号")


def new_article_text(title: str, moment: dt.datetime, *, author: str | None = None, unit: str | None = None,
                     issue: int | None = None, settings_file: str = "~/.config/healthpress/editor.yml") -> str:
    """The text of a new draft article: title, date, author, unit (and the weekly's issue number) filled in,
    the other fields ready to fill. An author or unit not known gets a comment saying where to set it once
    (`settings_file`, the editor's settings). Tabs and line breaks typed into the title become spaces: a
    title is one line of plain text (plaintext.py)."""
    title = re.sub(r"\s*[\t\r\n]+\s*", " ", title).strip()
    lines = ["---", _field("title", title), f"date: {moment:%Y-%m-%d %H:%M}"]
    if issue is not None:
        after = f"已有的最大期号是 {issue - 1}，这是下一期" if issue > 1 else "这是第一期"
        lines.append(f"issue: {issue:<18}# 期号：{after}；属于已有一期的稿件，改成那一期的期号")
    lines.append(_field("author", author) if author else f"author:                  # 作者：在 {settings_file} 里写一行“作者: 张明”，以后自动填上")
    lines.append(_field("unit", unit) if unit else f"unit:                    # 供稿单位：在 {settings_file} 里写一行“单位: 市人民医院”，以后自动填上")
    lines += ["tags: []", "status: draft            # 写完并审核后改为 published", "---", "", BODY_HINT]
    return "\n".join(lines)


def _field(name: str, value: str) -> str:
    """`name: value` as one YAML line, quoted when the value would otherwise read as something else."""
    return yaml.safe_dump({name: value}, allow_unicode=True, width=10_000).strip()


def next_issue(column_dir: Path) -> int:
    """The number after the highest issue (`issue`/`期号`) written in the articles of a periodical column's
    folder, drafts included; 1 for the first issue. Files that cannot be read are passed over."""
    highest = 0
    for path in column_dir.rglob("*.md") if column_dir.is_dir() else ():
        try:
            front_matter = split_source(path.name, path.read_text(encoding="utf-8-sig")).front_matter
        except (OSError, UnicodeDecodeError, SourceError):
            continue
        for key in ISSUE_KEYS:
            number = front_matter.get(key)
            if isinstance(number, int) or (isinstance(number, str) and number.strip().isdigit()):
                highest = max(highest, int(number))
    return highest + 1


def unnumbered_article_path(column_dir: Path, title: str) -> Path:
    """`<column>/<pinyin-of-title>.md`: the name `new` gives an article when that name is free."""
    base = slugify(title)[:60].rstrip("-") or "article"
    if base in WINDOWS_RESERVED:
        base += "-article"
    return column_dir / f"{base}.md"


def new_article_path(column_dir: Path, title: str) -> Path:
    """`<column>/<pinyin-of-title>.md`, with -2, -3 ... when that name is taken."""
    path, n = unnumbered_article_path(column_dir, title), 1
    base = path.stem
    while path.exists():
        n += 1
        path = column_dir / f"{base}-{n}.md"
    return path
