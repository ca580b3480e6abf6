"""National mourning days (全国哀悼日) from `data/mourning.yml`, and whether a moment falls in one (pure).

Each entry has a `name` and either a whole day, `date: 2020-04-04`, or the times announced,
`start: 2020-04-04 10:00` with an optional `end` (a date alone: to the end of that day; no end: to the end
of the start's day). Times are the bureau's, Asia/Shanghai, as every date of the site
(model/dates.py). A build during one makes pages grey and hides the banners marked festive
(templates/healthpress/mourning.html); the hourly scheduled rebuild of the CI templates turns it on and off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Iterable, Literal

from pydantic import BeforeValidator

from healthpress.model.datafile import DataDocument, ValidEntry, expect_list, load_data_file, parse_data, validate_entries
from healthpress.model.dates import DateFormatError, beyond_a_year, chinese_date, chinese_datetime, parse_date
from healthpress.model.findings import Finding, Level
from healthpress.model.plaintext import NonEmptyText, PlainText
from healthpress.model.strict import StrictModel

MOURNING_HELP = {
    "name": "name: 全国哀悼日（名称或事由）",
    "date": "date: 2020-04-04（哀悼一整天，从 0:00 到 24:00）",
    "start": "start: 2020-04-04 10:00（公布了开始时间时写，代替 date）",
    "end": "end: 2020-04-04 12:00（公布了结束时间时写；只写日期表示到那天 24:00；不写表示到开始那天 24:00）",
}

Scope = Literal["home", "all"]
"""Which pages turn grey: the home page (as the rules require) or every page (mkdocs.yml `mourning_scope`)."""


def _written_as_text(value: object) -> object:
    """A date as written is text to YAML; a number is refused with what YAML made of it (10:00 is 600)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value < 25 * 60:
            raise ValueError(f"只写了时间（YAML 把“{value // 60}:{value % 60:02d}”读成了数 {value}），时间前面要写日期")
        raise ValueError(f"应当是日期，这里是数 {value}")
    return value


WrittenDate = Annotated[PlainText, BeforeValidator(_written_as_text)]


class MourningEntry(StrictModel):
    """One entry of mourning.yml as written; the dates are read by `read_mourning`."""

    name: NonEmptyText
    date: WrittenDate | None = None
    start: WrittenDate | None = None
    end: WrittenDate | None = None


@dataclass(frozen=True, slots=True)
class Written:
    """Where an entry of mourning.yml is: its file, the line of its start (`date` or `start`), its number."""

    path: str
    line: int | None
    field: str
    number: int


@dataclass(frozen=True, slots=True)
class MourningPeriod:
    """A mourning period: from `start` (included) to `end` (excluded), both Asia/Shanghai."""

    name: str
    start: dt.datetime
    end: dt.datetime
    written: Written | None = field(default=None, compare=False)

    def covers(self, moment: dt.datetime) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True, slots=True)
class Mourning:
    """What the pages of a build during a mourning period show (the templates' `hp_mourning`): every
    page hides its festive banners; the home page, or with `everywhere` every page, is grey."""

    name: str
    everywhere: bool

    @property
    def summary(self) -> str:
        """The build's line about it, for the CI log."""
        pages = "每个页面" if self.everywhere else "首页"
        return f"哀悼期间（data/mourning.yml）：{self.name}；{pages}显示为灰色，标着 hp-festive 的节日横幅不显示"


def mourning_at(periods: Iterable[MourningPeriod], moment: dt.datetime, scope: Scope = "home") -> Mourning | None:
    """The mourning the pages of a build made at `moment` show, or None on an ordinary day."""
    period = next((p for p in periods if p.covers(moment)), None)
    return Mourning(period.name, scope == "all") if period is not None else None


LONGEST = dt.timedelta(days=3)
"""The longest national mourning so far (2008-05-19 to 21): a longer period is most likely a mistyped end,
which would keep the site grey for as long; it is used, with a warning (a strict build stops on it)."""


def read_mourning(doc: DataDocument) -> tuple[list[MourningPeriod], list[Finding]]:
    """Validate a loaded mourning document: every entry's dates, an end after its start, a likely length."""
    entries, findings = expect_list(doc, doc.data, (), "哀悼日", "- name: 全国哀悼日\n  date: 2020-04-04")
    periods: list[MourningPeriod] = []
    warnings: list[Finding] = []

    def dates(item: ValidEntry[MourningEntry]) -> list[Finding]:
        period, found = _period(doc, item)
        if period is not None:
            periods.append(period)
            if period.end - period.start > LONGEST:
                field = "end" if item.value.end is not None else "start"
                warnings.append(Finding(
                    doc.path, doc.line(*item.key, field), field, "mourning-long",
                    f"第 {item.index + 1} 个哀悼日（{period.name}）从 {chinese_datetime(period.start)} 到 "
                    f"{_end_shown(period.end)}，长于三天：这期间网站一直是灰色的",
                    "检查 end 是否写错（全国哀悼日通常是一天，最长的一次是三天）", Level.WARNING))
        return found

    findings += validate_entries(doc, entries, MourningEntry, (), MOURNING_HELP, lambda n: f"第 {n} 个哀悼日",
                                 check=dates)[1]
    return periods, sorted(findings + warnings + _overlaps(periods), key=lambda f: f.line or 0)


def _overlaps(periods: list[MourningPeriod]) -> list[Finding]:
    """A warning on the later of every two periods that share some time, naming the other and its line:
    one mourning written twice, or a typo that makes the site grey on a day not meant."""
    found = []
    for i, later in enumerate(periods):
        for earlier in periods[:i]:
            if not (earlier.start < later.end and later.start < earlier.end) or later.written is None:
                continue
            other, where = earlier.written, later.written
            other_line = f"第 {other.line} 行" if other and other.line else "前面"
            number = other.number if other else "?"
            found.append(Finding(
                where.path, where.line, where.field, "mourning-overlap",
                f"第 {where.number} 个哀悼日（{later.name}，{chinese_datetime(later.start)} 到 {_end_shown(later.end)}）"
                f"与{other_line}的第 {number} 个哀悼日（{earlier.name}，{chinese_datetime(earlier.start)} 到 "
                f"{_end_shown(earlier.end)}）时间重叠",
                "同一次哀悼只写一项（一整天里的默哀几分钟不必另写）；不是同一次时检查两项的日期是否写错", Level.WARNING))
    return found


def _period(doc: DataDocument, item: ValidEntry[MourningEntry]) -> tuple[MourningPeriod | None, list[Finding]]:
    entry, where = item.value, f"第 {item.index + 1} 个哀悼日（{item.value.name}）"

    def finding(field: str | None, message: str, fix: str) -> Finding:
        line = doc.line(*item.key, field) if field else doc.line(*item.key)
        return Finding(doc.path, line, field, "mourning-date", f"{where}：{message}", fix)

    if entry.date is not None and (entry.start is not None or entry.end is not None):
        field = "start" if entry.start is not None else "end"
        return None, [finding(field, "写了 date（一整天），又写了 start 或 end",
                              "哀悼一整天只写 date；公布了时间时删除 date，写 start（和 end）")]
    if entry.date is None and entry.start is None:
        return None, [finding(None, "没有写哀悼的日子",
                              "写法：" + MOURNING_HELP["date"] + "；或 " + MOURNING_HELP["start"])]
    found: list[Finding] = []
    moments: dict[str, tuple[dt.datetime, bool]] = {}
    for field in ("date", "start", "end"):
        written = getattr(entry, field)
        if written is None:
            continue
        try:
            moments[field] = parse_date(written), _has_time(written)
        except DateFormatError as exc:
            found.append(finding(field, str(exc), "写法：" + MOURNING_HELP[field]))
            continue
        if field == "date" and moments[field][1]:
            found.append(finding(field, f"date 只写日期，这里写了时间“{written}”",
                                 f"写成 start: {written}（还可以写 end），或删除时间"))
    if found:
        return None, found
    start = moments["date" if entry.date is not None else "start"][0]
    try:
        end = start.replace(hour=0, minute=0, second=0) + dt.timedelta(days=1)
        if "end" in moments:
            written_end, with_time = moments["end"]
            end = written_end if with_time else written_end + dt.timedelta(days=1)
    except OverflowError:  # the period would end after 9999-12-31, the last day a date can be
        field = "end" if "end" in moments else "date" if entry.date is not None else "start"
        return None, [finding(field, f"日期“{getattr(entry, field)}”太远：哀悼期要到 9999 年以后才结束",
                              "检查年份是否写错，写成 " + MOURNING_HELP[field].split("（")[0].split(": ", 1)[1])]
    if end <= start:
        return None, [finding("end", f"结束时间 {_end_shown(end)} 不在开始时间 {chinese_datetime(start)} 之后",
                              "检查 end 是否写错；只写日期的 end 表示到那天 24:00")]
    start_field = "date" if entry.date is not None else "start"
    written = Written(doc.path, doc.line(*item.key, start_field), start_field, item.index + 1)
    return MourningPeriod(entry.name, start, end, written), []


def far_future_mourning(periods: Iterable[MourningPeriod], today: dt.date) -> list[Finding]:
    """A warning for every period that starts more than a year after `today` (the build's day): a
    mistyped year (2062 for 2026) that would leave the site ungrey on the day meant, and grey decades on."""
    findings = []
    for period in periods:
        where = period.written
        if where is None or not beyond_a_year(period.start.date(), today):
            continue
        findings.append(Finding(
            where.path, where.line, where.field, "mourning-far-future",
            f"第 {where.number} 个哀悼日（{period.name}）从 {chinese_datetime(period.start)} 开始，比今天"
            f"（{chinese_date(today)}）晚一年以上，多半是年份写错了：写错时网站到了哀悼那天不会变灰",
            f"检查 {where.field} 的年份（如把 2026 写成了 2062），改成国务院公布的日子", Level.WARNING))
    return findings


def _end_shown(end: dt.datetime) -> str:
    """An end at midnight as the day before's 24:00 (2020年4月3日 24:00), the day the editor wrote."""
    if (end.hour, end.minute, end.second) == (0, 0, 0):
        return chinese_date(end - dt.timedelta(days=1)) + " 24:00"
    return chinese_datetime(end)


def _has_time(written: str) -> bool:
    """Whether a date as written gives a time of day (2020-04-04 10:00), not just the day."""
    return len(written.strip()) > len("2020-04-04")


def load_mourning(path: Path, display: str = "data/mourning.yml") -> tuple[list[MourningPeriod], list[Finding]]:
    doc, findings = load_data_file(path, display)
    return read_mourning(doc) if doc is not None else ([], findings)


def parse_mourning(path: str, text: str) -> tuple[list[MourningPeriod], list[Finding]]:
    doc, findings = parse_data(path, text)
    return read_mourning(doc) if doc is not None else ([], findings)
