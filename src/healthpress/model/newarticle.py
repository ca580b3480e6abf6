"""`healthpress new`: a correctly named article file with its front matter filled in."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from healthpress.model.paths import WINDOWS_RESERVED
from healthpress.model.slugs import slugify

BODY_HINT = "在这里写正文。第一段会作为列表页的摘要。\n"


def new_article_text(title: str, moment: dt.datetime) -> str:
    """The text of a new draft article: title and date filled in, the other fields ready to fill. Tabs and
    line breaks typed into the title become spaces: a title is one line of plain text (plaintext.py)."""
    title = re.sub(r"\s*[\t\r\n]+\s*", " ", title).strip()
    title_line = yaml.safe_dump({"title": title}, allow_unicode=True, width=10_000).strip()
    return (
        "---\n"
        f"{title_line}\n"
        f"date: {moment:%Y-%m-%d %H:%M}\n"
        "author: \n"
        "unit: \n"
        "tags: []\n"
        "status: draft            # 写完并审核后改为 published\n"
        "---\n\n"
        f"{BODY_HINT}"
    )


def new_article_path(column_dir: Path, title: str) -> Path:
    """`<column>/<pinyin-of-title>.md`, with -2, -3 ... when that name is taken."""
    base = slugify(title)[:60].rstrip("-") or "article"
    if base in WINDOWS_RESERVED:
        base += "-article"
    path, n = column_dir / f"{base}.md", 1
    while path.exists():
        n += 1
        path = column_dir / f"{base}-{n}.md"
    return path
