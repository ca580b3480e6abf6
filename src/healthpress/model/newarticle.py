"""`healthpress new`: a correctly named article file with its front matter filled in."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from healthpress.model.paths import WINDOWS_RESERVED
from healthpress.model.plaintext import PlainTextError, check_plain_text
from healthpress.model.source import SourceError, split_source
from healthpress.model.slugs import slugify

BODY_HINT = "在这里写正文。第一段会作为列表页的摘要。\n"
ISSUE_KEYS = ("issue", "期号")
TITLE_KEYS = ("title", "标题")


def typed_title(title: str) -> str:
    """The title as `new` writes it: tabs and line breaks typed into it become spaces, ends trimmed."""
    return re.sub(r"\s*[\t\r\n]+\s*", " ", title).strip()


def title_problem(title: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) when `title` is not what the front matter's `title` accepts: empty,
    or not plain text (plaintext.py: an HTML tag, a hidden character, too long); else None."""
    title = typed_title(title)
    if not title:
        return "不能为空", "写上文章的标题，如 healthpress new news \"市人民医院开展义诊活动\""
    try:
        check_plain_text(title)
    except PlainTextError as exc:
        return str(exc), exc.fix
    return None


def same_title_article(column_dir: Path, title: str) -> Path | None:
    """An article of the column's folder (drafts included) whose `title`/`标题` is `title`, whatever its
    file name; None when there is none. Files that cannot be read are passed over."""
    title = typed_title(title)
    for path in sorted(column_dir.rglob("*.md")) if column_dir.is_dir() else ():
        try:
            front_matter = split_source(path.name, path.read_text(encoding="utf-8-sig")).front_matter
        except (OSError, UnicodeDecodeError, SourceError):
            continue
        if any(front_matter.get(key) is not None and str(front_matter[key]).strip() == title for key in TITLE_KEYS):
            return path
    return None


KIND_LINES = {
    "interviews": ("interview_time:          # 访谈时间，如 {date} 15:00",
                   "guests: []               # 嘉宾，如 [张明（市卫生局副局长）]",
                   "stage: 预告              # 访谈后在正文写实录、配上图片，改为 回顾"),
    "surveys": ("opens: {date}        # 征集开始",
                "closes:                  # 征集截止，如 {date}；截止后写 opinions:（收到意见条数）和 results:（征集结果）"),
}
"""The fields an interview or a survey must have, ready to fill, by column kind."""


def new_article_text(title: str, moment: dt.datetime, *, author: str | None = None, unit: str | None = None,
                     issue: int | None = None, settings_file: str = "~/.config/healthpress/editor.yml",
                     kind: str | None = None) -> str:
    """The text of a new draft article: title, date, author, unit (and the weekly's issue number) filled in,
    the other fields ready to fill (an interview's and a survey's too, by the column's `kind`). An author or unit not known gets a comment saying where to set it once
    (`settings_file`, the editor's settings). Tabs and line breaks typed into the title become spaces: a
    title is one line of plain text (plaintext.py)."""
    title = typed_title(title)
    lines = ["---", _field("title", title), f"date: {moment:%Y-%m-%d %H:%M}"]
    if issue is not None:
        after = f"已有的最大期号是 {issue - 1}，这是下一期" if issue > 1 else "这是第一期"
        lines.append(f"issue: {issue:<18}# 期号：{after}；属于已有一期的稿件，改成那一期的期号")
    lines.append(_field("author", author) if author else f"author:                  # 作者：在 {settings_file} 里写一行“作者: 张明”，以后自动填上")
    lines.append(_field("unit", unit) if unit else f"unit:                    # 供稿单位：在 {settings_file} 里写一行“单位: 市人民医院”，以后自动填上")
    lines += [line.format(date=f"{moment:%Y-%m-%d}") for line in KIND_LINES.get(kind or "", ())]
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


def unnumbered_article_path(column_dir: Path, title: str, day: dt.date | None = None) -> Path:
    """`<column>/<pinyin-of-title>.md`: the name `new` gives an article when that name is free. A title
    with nothing to spell in pinyin (emoji, punctuation) is named after `day`: `<column>/2013-05-08-1.md`."""
    base = slugify(title)[:60].rstrip("-")
    if not base:
        base = f"{day:%Y-%m-%d}-1" if day is not None else "article"
    if base in WINDOWS_RESERVED:
        base += "-article"
    return column_dir / f"{base}.md"


def new_article_path(column_dir: Path, title: str, day: dt.date | None = None) -> Path:
    """`<column>/<pinyin-of-title>.md`, with -2, -3 ... when that name is taken (for a title named after
    `day`, the number after the date counts up: 2013-05-08-2.md)."""
    path, n = unnumbered_article_path(column_dir, title, day), 1
    base = path.stem.removesuffix("-1") if day is not None and path.stem == f"{day:%Y-%m-%d}-1" else path.stem
    while path.exists():
        n += 1
        path = column_dir / f"{base}-{n}.md"
    return path
