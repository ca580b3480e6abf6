"""Standard wording (规范用语) from `data/terms.yml`: a wrong wording, its right forms, and the days it is
wrong on (an old institution's name is wrong after its reform only: `since` / `until`) (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from healthpress.model.datafile import (DataDocument, ValidEntry, expect_list, load_data_file, parse_data,
                                        validate_entries)
from healthpress.model.findings import Finding
from healthpress.model.plaintext import NonEmptyText, Paragraph
from healthpress.model.strict import StrictModel
from healthpress.model.validity import Day, in_force, overlap, period_words, reversed_period

NonEmpty = NonEmptyText


TERM_HELP = {
    "wrong": "wrong: 医闹（不规范的写法）",
    "right": "right: 涉医违法犯罪（规范写法；几种都可以时写成列表 [艾滋病患者, 艾滋病病毒感染者]）",
    "first_mention": "first_mention: true（只要求第一次出现时写全称，之后可以用简称）",
    "ignore": "ignore: [非典型]（含这个词的写法不算错，如“非典型肺炎”里的“非典”）",
    "note": "note: 说明（显示在改法里）",
    "since": "since: 2018-03-27（从这一天起发布的文章才按这一条检查，可不写）",
    "until": "until: 2019-12-31（到这一天为止发布的文章才按这一条检查，可不写）",
}


class TermEntry(StrictModel):
    wrong: NonEmpty
    right: NonEmpty | list[NonEmpty]
    first_mention: bool = False
    ignore: list[NonEmpty] = []
    note: Paragraph = ""
    since: Day | None = None
    until: Day | None = None


@dataclass(frozen=True, slots=True)
class Term:
    """A wrong wording and its right form(s), wrong in articles dated from `since` to `until` (None: open)."""

    wrong: str
    right: tuple[str, ...]
    first_mention: bool = False
    ignore: tuple[str, ...] = ()
    note: str = ""
    since: dt.date | None = None
    until: dt.date | None = None

    def in_force_on(self, day: dt.date) -> bool:
        """Whether an article of `day` is held to this term."""
        return in_force(self.since, self.until, day)

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None

    @property
    def period(self) -> str:
        """When it is in force, in Chinese (2018年3月27日起)."""
        return period_words(self.since, self.until)


Period = tuple[dt.date | None, dt.date | None]
"""(since, until) of an entry."""


def read_terms(doc: DataDocument) -> tuple[list[Term], list[Finding]]:
    """Validate a loaded terms document. A wrong wording listed twice for days in common is an error (listed
    again for other days, as an old name that is right before a reform, wrong after, it is not); so is a
    right form that another entry calls wrong on days in common (an editor following one would be told off
    by the other; a short form that its full name must only come before, `first_mention`, is not wrong)."""
    entries, findings = expect_list(doc, doc.data, (), "用语", "- wrong: 医闹")
    wrongs: dict[str, list[tuple[Period, int | None]]] = {}  # wrong: the period and line of each entry kept
    banned: dict[str, list[tuple[Period, int | None]]] = {}  # the same, of the entries without first_mention
    rights: dict[str, list[tuple[Period, int | None]]] = {}  # a right form: the same

    def judge(item: ValidEntry[TermEntry]) -> list[Finding]:
        entry, line = item.value, doc.line(*item.key, "wrong")
        if entry.wrong in _right(entry):
            return [Finding(doc.path, line, "wrong", "term-same", f"“{entry.wrong}”的规范写法就是它自己",
                            "改正 wrong 或 right")]
        period = (entry.since, entry.until)
        found = reversed_period(doc.path, doc.line(*item.key, "until"), *period)
        if found:
            return found
        if (earlier := _overlapping(wrongs, entry.wrong, period)) is not None:
            return [_duplicate(doc.path, line, entry.wrong, earlier, period)]
        if not entry.first_mention and (earlier := _overlapping(rights, entry.wrong, period)) is not None:
            return [_contradiction(doc.path, line, "wrong", f"“{entry.wrong}”是第 {earlier[1]} 行那一条的规范写法，"
                                   "这里又说它不规范", earlier, period)]
        for right in _right(entry):
            if (earlier := _overlapping(banned, right, period)) is not None:
                return [_contradiction(doc.path, doc.line(*item.key, "right"), "right",
                                       f"规范写法“{right}”是第 {earlier[1]} 行那一条里的不规范写法", earlier, period)]
        wrongs.setdefault(entry.wrong, []).append((period, line))
        if not entry.first_mention:
            banned.setdefault(entry.wrong, []).append((period, line))
        for right in _right(entry):
            rights.setdefault(right, []).append((period, line))
        return []

    valid, found = validate_entries(doc, entries, TermEntry, (), TERM_HELP, lambda n: f"第 {n} 条用语", check=judge)
    terms = [Term(e.wrong, _right(e), e.first_mention, tuple(e.ignore), e.note, e.since, e.until)
             for e in (v.value for v in valid)]
    return terms, findings + found


def _overlapping(kept: dict[str, list[tuple[Period, int | None]]], phrase: str, period: Period
                 ) -> tuple[Period, int | None] | None:
    """The first entry kept for `phrase` whose days meet `period`."""
    return next((other for other in kept.get(phrase, ()) if overlap(other[0], period)), None)


def _days_in_common(earlier: Period, period: Period) -> str:
    if earlier == period == (None, None):
        return ""
    return f"，两条检查的日期有重叠（{period_words(*earlier)}，{period_words(*period)}）"


def _duplicate(path: str, line: int | None, wrong: str, earlier: tuple[Period, int | None], period: Period) -> Finding:
    """A wrong wording listed again for days an earlier entry (its period and line) already covers."""
    return Finding(path, line, "wrong", "duplicate-term",
                   f"“{wrong}”已经写过（第 {earlier[1]} 行）{_days_in_common(earlier[0], period)}",
                   "删除其中一条；同一个写法在不同时期有不同的规范写法时，用 since 和 until 把两条的日期分开")


def _contradiction(path: str, line: int | None, field: str, message: str, earlier: tuple[Period, int | None],
                   period: Period) -> Finding:
    """One entry's right form is another's wrong wording on days in common."""
    return Finding(path, line, field, "term-contradiction", message + _days_in_common(earlier[0], period),
                   "改正其中一条；旧写法和新写法在改名前后对调时，用 since 和 until 把两条的日期分开")


def _right(entry: TermEntry) -> tuple[str, ...]:
    return (entry.right,) if isinstance(entry.right, str) else tuple(entry.right)


def load_terms(path: Path, display: str = "data/terms.yml") -> tuple[list[Term], list[Finding]]:
    doc, findings = load_data_file(path, display)
    return read_terms(doc) if doc is not None else ([], findings)


def parse_terms(path: str, text: str) -> tuple[list[Term], list[Finding]]:
    doc, findings = parse_data(path, text)
    return read_terms(doc) if doc is not None else ([], findings)
