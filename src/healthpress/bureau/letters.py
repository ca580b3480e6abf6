"""局长信箱 / 互动平台: letters, their replies, overdue letters and personal data in them (pure).

A letter is an article of a `letters` column; the question is the body. Its own front-matter fields
(来信人, 来信日期, 答复, 答复单位, 答复日期) are not on `Article` yet: `parse_letter` reads them from
the raw front matter (`source.split_source(...).front_matter` and `.key_lines`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterable, Literal, Mapping

from pydantic import BeforeValidator, ConfigDict
from typing_extensions import Annotated

from healthpress.model.articles import CHINESE_KEYS, FIELD_HELP, LETTER_FIELDS, Article
from healthpress.model.dates import SHANGHAI, DateFormatError, iso_date, parse_date
from healthpress.model.findings import Finding, Level
from healthpress.model.plaintext import LongText, NonEmptyText, PlainText
from healthpress.model.strict import StrictModel
from healthpress.model.schema_errors import validate_fields

LETTER_KEYS = {chinese: name for chinese, name in CHINESE_KEYS.items() if name in LETTER_FIELDS}
LETTER_HELP = {name: FIELD_HELP[name] for name in LETTER_FIELDS}

ERROR_AFTER_DAYS = 90
"""Unanswered for more than three months: a failed indicator in the national inspection of government sites."""

WARN_AFTER_DAYS = 60

Status = Literal["已回复", "办理中"]


def _to_date(value: object) -> dt.date:
    try:
        return parse_date(value).date()
    except DateFormatError as exc:
        raise ValueError(str(exc)) from exc


LetterDate = Annotated[dt.date, BeforeValidator(_to_date)]


class LetterFields(StrictModel):
    """The front-matter fields of a letter (the article's other fields are ignored here)."""

    model_config = ConfigDict(extra="ignore")

    writer: NonEmptyText
    received: LetterDate
    reply: LongText | None = None
    replied_by: PlainText | None = None
    replied_on: LetterDate | None = None


@dataclass(frozen=True, slots=True)
class Letter:
    """A published letter: the article (question in its body) and the reply."""

    article: Article
    path: str
    writer: str
    received: dt.date
    reply: str | None
    replied_by: str | None
    replied_on: dt.date | None
    lines: tuple[tuple[str, str, int], ...] = ()
    """(field, key as written, line) of the letter fields."""

    def line_of(self, name: str) -> int | None:
        return next((line for field, _, line in self.lines if field == name), None)

    def key_of(self, name: str) -> str:
        return next((key for field, key, _ in self.lines if field == name), name)

    @property
    def response_days(self) -> int | None:
        return response_days(self.received, self.replied_on)


def parse_letter(
    path: str, article: Article, front_matter: Mapping[str, Any], key_lines: Mapping[str, int],
) -> tuple[Letter | None, list[Finding]]:
    """The letter fields of `article`, English or Chinese keys; a reply missing one of its three fields, a reply
    before the letter or a letter received after its publication date is an error."""
    fields, findings, written, lines = validate_fields(
        LetterFields, path, front_matter, key_lines, LETTER_KEYS, LETTER_HELP)
    if fields is None:
        return None, findings
    findings = reply_completeness(path, fields, written, lines)
    findings += received_after_published(path, article, fields, written, lines)
    if fields.replied_on is not None and fields.replied_on < fields.received:
        findings.append(Finding(path, lines.get("replied_on"), written.get("replied_on"), "letter-reply-before-received",
                                f"答复日期 {iso_date(fields.replied_on)} 早于来信日期 {iso_date(fields.received)}",
                                "核对两个日期"))
    if findings:
        return None, findings
    return Letter(article, path, fields.writer, fields.received, fields.reply or None, fields.replied_by,
                  fields.replied_on, tuple((n, written[n], lines[n]) for n in sorted(written))), []


REPLY_FIELDS = {"reply": "答复内容", "replied_by": "答复单位", "replied_on": "答复日期"}
"""The three fields of a reply, written together (docs/editors.md), and how a message names each."""


def reply_completeness(path: str, fields: LetterFields, written: Mapping[str, str],
                       lines: Mapping[str, int]) -> list[Finding]:
    """An error when a reply has some of its three fields (答复, 答复单位, 答复日期) but not all, on the line of
    the first one written, naming the missing ones."""
    present = {"reply": bool(fields.reply), "replied_by": bool(fields.replied_by and fields.replied_by.strip()),
               "replied_on": fields.replied_on is not None}
    if all(present.values()) or not any(present.values()):
        return []
    has = [name for name in REPLY_FIELDS if present[name]]
    lacks = [name for name in REPLY_FIELDS if not present[name]]
    first = min(has, key=lambda name: lines.get(name, 0))
    return [Finding(path, lines.get(first), written.get(first, first), "letter-reply-incomplete",
                    f"写了{'、'.join(REPLY_FIELDS[n] for n in has)}，但没有{'、'.join(REPLY_FIELDS[n] for n in lacks)}",
                    "答复的三项要一起写：" + "；".join("写法：" + LETTER_HELP[n] for n in lacks)
                    + "；还没有答复时三项都不写")]


def received_after_published(path: str, article: Article, fields: LetterFields, written: Mapping[str, str],
                             lines: Mapping[str, int]) -> list[Finding]:
    """An error when the letter was received after the date it is published on (its `date`)."""
    published = article.date.astimezone(SHANGHAI).date()
    if fields.received <= published:
        return []
    return [Finding(path, lines.get("received"), written.get("received"), "letter-received-after-published",
                    f"来信日期 {iso_date(fields.received)} 晚于发布日期 {iso_date(published)}",
                    "核对来信日期和文件头的 date：来信要先收到才能发布")]


def letter_status(received: dt.date, replied_on: dt.date | None, today: dt.date) -> Status:
    """已回复 once the reply date has come (and the letter itself is not dated after today), otherwise 办理中."""
    today = _as_date(today)
    if replied_on is not None and _as_date(received) <= today and _as_date(replied_on) <= today:
        return "已回复"
    return "办理中"


def response_days(received: dt.date, replied_on: dt.date | None) -> int | None:
    """Days from receipt to reply (None while unanswered)."""
    if replied_on is None:
        return None
    return (_as_date(replied_on) - _as_date(received)).days


def overdue_letters(
    letters: Iterable[Letter], today: dt.date, error_after_days: int = ERROR_AFTER_DAYS,
    warn_after_days: int = WARN_AFTER_DAYS,
) -> list[Finding]:
    """An error for each letter unanswered more than `error_after_days`, a warning past `warn_after_days`."""
    today = _as_date(today)
    findings = []
    for letter in sorted(letters, key=lambda l: (l.received, l.path)):
        if letter_status(letter.received, letter.replied_on, today) == "已回复":
            continue
        waiting = (today - letter.received).days
        if waiting > error_after_days:
            level, code, limit = Level.ERROR, "letter-overdue", error_after_days
        elif waiting > warn_after_days:
            level, code, limit = Level.WARNING, "letter-due-soon", warn_after_days
        else:
            continue
        findings.append(Finding(
            letter.path, letter.line_of("received"), letter.key_of("received"), code,
            f"{letter.writer} {iso_date(letter.received)} 的来信已 {waiting} 天未答复（超过 {limit} 天）"
            + ("，政府网站互动栏目来信超过 3 个月未答复属于普查不合格项" if level is Level.ERROR else ""),
            "督促承办单位答复后写上 reply（答复）、replied_by（答复单位）和 replied_on（答复日期）", level))
    return findings


_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
"""Full-width digits, letters and ＠ read as ASCII; one character for one, so offsets stay the same."""

PERSONAL_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("id-card", "身份证号码", re.compile(
        r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")),
    ("mobile", "手机号码", re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)")),
    ("landline", "固定电话号码", re.compile(r"(?<!\d)[(（]?0\d{2,3}[)）]?[- ]?[2-9]\d{6,7}(?!\d)")),
    ("email", "电子邮箱", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")),
)


@dataclass(frozen=True, slots=True)
class PersonalData:
    """One piece of personal data in a text: what it is, where, and the text masked for a message."""

    kind: str
    label: str
    start: int
    text: str

    @property
    def masked(self) -> str:
        visible = [i for i, c in enumerate(self.text) if c.isalnum()]
        keep = set(visible[:3] + visible[-2:]) if len(visible) > 6 else set(visible[:1])
        return "".join(c if i in keep or not c.isalnum() else "*" for i, c in enumerate(self.text))


def find_personal_data(text: str) -> list[PersonalData]:
    """Phone numbers, ID card numbers and e-mail addresses in `text`, in order of position."""
    ascii_text = text.translate(_FULLWIDTH)
    found: list[PersonalData] = []
    taken: list[range] = []
    for kind, label, pattern in PERSONAL_PATTERNS:
        for match in pattern.finditer(ascii_text):
            span = range(match.start(), match.end())
            if any(span.start < t.stop and t.start < span.stop for t in taken):
                continue
            taken.append(span)
            found.append(PersonalData(kind, label, match.start(), text[match.start():match.end()]))
    return sorted(found, key=lambda p: p.start)


def privacy_findings(letter: Letter) -> list[Finding]:
    """Errors for personal data beyond the writer's alias: in the alias itself or in the question."""
    findings = []
    for item in find_personal_data(letter.writer):
        findings.append(Finding(letter.path, letter.line_of("writer"), letter.key_of("writer"), f"letter-{item.kind}",
                                f"来信人只能写化名，这里有{item.label}“{item.masked}”",
                                "改成化名，如 writer: 王女士"))
    body = letter.article.text
    for item in find_personal_data(body):
        line = letter.article.body_line + body.count("\n", 0, item.start)
        findings.append(Finding(letter.path, line, None, f"letter-{item.kind}",
                                f"来信正文里有{item.label}“{item.masked}”，公开的来信只能保留来信人的化名",
                                f"删除它，或改成打码的形式“{item.masked}”"))
    return findings


def _as_date(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.astimezone(SHANGHAI).date() if value.tzinfo else value.date()
    return value


def build_letters(articles: Iterable[Article], letter_columns: set[str], paths: Mapping[str, str]
                  ) -> tuple[dict[str, Letter], list[Finding]]:
    """Every letter of a letters column, by src_uri, and what is wrong with them (privacy included)."""
    letters: dict[str, Letter] = {}
    findings: list[Finding] = []
    for article in articles:
        if article.column not in letter_columns:
            continue
        written = {article.key_of(name): value for name, value in article.letter_fields}
        lines = {article.key_of(name): article.line_of(name) or 1 for name, _ in article.letter_fields}
        letter, found = parse_letter(paths.get(article.src_uri, article.src_uri), article, written, lines)
        findings += found
        if letter is not None:
            findings += privacy_findings(letter)
            letters[article.src_uri] = letter
    return letters, findings
