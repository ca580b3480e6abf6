"""Articles published per unit and per liaison in a year, quarter or month, as a table and CSV (pure).

Every unit of `data/units.yml` has a row, those that published nothing included: the publicity
office's assessment (宣传工作考核) needs to see who did not contribute.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Iterable

from babel.dates import format_date

from healthpress.model.articles import Article
from healthpress.model.dates import LOCALE, SHANGHAI, chinese_month
from healthpress.bureau.units import Unit, unit_index

_PERIOD = re.compile(r"^(\d{4})(?:[Qq]([1-4])|-(\d{2}))?$")

UNREGISTERED = "（未登记的单位）"
TOTAL = "合计"


class PeriodError(ValueError):
    """A period written in a form we do not accept; the message says how to write it."""


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """"2013", "2013Q2" or "2013-05" as (first day, last day), both included."""
    match = _PERIOD.match(str(text).strip())
    if not match:
        raise PeriodError(f"无法识别的统计时段“{text}”，应当写成 2013（全年）、2013Q2（第二季度）或 2013-05（5月）")
    year = int(match.group(1))
    if year < 1:
        raise PeriodError(f"统计时段“{text}”的年份不存在")
    if match.group(2):
        first_month = 3 * int(match.group(2)) - 2
        return dt.date(year, first_month, 1), _month_end(year, first_month + 2)
    if match.group(3):
        month = int(match.group(3))
        if not 1 <= month <= 12:
            raise PeriodError(f"统计时段“{text}”的月份 {month} 不存在（应在 01 到 12 之间）")
        return dt.date(year, month, 1), _month_end(year, month)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def period_label(text: str) -> str:
    """2013年 / 2013年第二季度 / 2013年5月 (babel)."""
    start, end = parse_period(text)
    if start.month == 1 and end.month == 12:
        return format_date(start, "y年", locale=LOCALE)
    if start.month == end.month:
        return chinese_month(start.year, start.month)
    return format_date(start, "y年QQQQ", locale=LOCALE)


def default_period(articles: Iterable[Article], today: dt.date) -> tuple[str, str]:
    """The period `healthpress stats` counts when none is given, and why: this year when it has a published
    article, else the latest year that has one (this year when none has)."""
    years = {_day(a).year for a in articles if a.status == "published"}
    if today.year in years or not years:
        return str(today.year), f"今年（{today.year}年）"
    latest = max(years)
    return str(latest), f"有稿件的最近一年（{latest}年；{today.year}年还没有发布的稿件）"


@dataclass(frozen=True, slots=True)
class StatsColumn:
    """A column of counts: a month, a quarter or the whole period."""

    label: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True, slots=True)
class StatsRow:
    """One unit (liaison None) or one liaison of a unit, with a count per column."""

    unit: str
    unit_type: str
    liaison: str | None
    role: str | None
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return self.counts[-1]


@dataclass(frozen=True, slots=True)
class UnitStats:
    """The table: months, then quarters (for a year), then the whole period."""

    period: str
    label: str
    columns: tuple[StatsColumn, ...]
    rows: tuple[StatsRow, ...]


def stats_columns(start: dt.date, end: dt.date) -> tuple[StatsColumn, ...]:
    """A column per month; per quarter too when the period is more than one quarter; the total last."""
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(StatsColumn(format_date(dt.date(year, month, 1), "M月", locale=LOCALE),
                                  dt.date(year, month, 1), _month_end(year, month)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    quarters = []
    if len(months) > 3:
        for first in range(1, 13, 3):
            q_start = dt.date(start.year, first, 1)
            quarters.append(StatsColumn(format_date(q_start, "QQQQ", locale=LOCALE), q_start,
                                        _month_end(start.year, first + 2)))
    total = StatsColumn(TOTAL if len(months) > 1 else months[0].label, start, end)
    return tuple(months + quarters + [total]) if len(months) > 1 else (total,)


def count_by_unit(articles: Iterable[Article], units: list[Unit], period: str) -> UnitStats:
    """Published articles of `period` per unit and per liaison (credited when `author` is the liaison's name).

    Pass the articles readers see; anything whose status is not `published` is skipped too.
    Articles whose unit is not in `units` (or have none) are counted in a row of their own.
    """
    start, end = parse_period(period)
    columns = stats_columns(start, end)
    in_period = [a for a in articles if a.status == "published" and start <= _day(a) <= end]

    def counts(selected: list[Article]) -> tuple[int, ...]:
        days = [_day(a) for a in selected]
        return tuple(sum(1 for d in days if c.start <= d <= c.end) for c in columns)

    by_unit: dict[str, list[Article]] = {u.name: [] for u in units}
    unregistered: list[Article] = []
    index = unit_index(units)
    for article in in_period:
        unit = index.get(article.unit.strip()) if article.unit else None  # resolve_unit, the list read once
        (by_unit[unit.name] if unit else unregistered).append(article)
    rows = []
    for unit in units:
        rows.append(StatsRow(unit.name, unit.type, None, None, counts(by_unit[unit.name])))
        for liaison in unit.liaisons:
            credited = [a for a in in_period if a.author and a.author.strip() == liaison.name]
            rows.append(StatsRow(unit.name, unit.type, liaison.name, liaison.role, counts(credited)))
    if unregistered:
        rows.append(StatsRow(UNREGISTERED, "", None, None, counts(unregistered)))
    rows.append(StatsRow(TOTAL, "", None, None, counts(in_period)))
    return UnitStats(period, period_label(period), columns, tuple(rows))


def render_csv(stats: UnitStats) -> str:
    """The table as CSV text for Excel.

    The text starts with a UTF-8 byte order mark (U+FEFF): without it Excel on Chinese Windows reads
    a CSV file as GBK and shows the unit names as mojibake. Write it with encoding="utf-8".
    """
    rows = [["单位", "单位类型", "联络员/信息员", "角色", *(c.label for c in stats.columns)]]
    rows += [[row.unit, row.unit_type, row.liaison or "", row.role or "", *row.counts] for row in stats.rows]
    return "\ufeff" + csv_text(rows)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
"""What makes Excel, WPS or LibreOffice read a cell as a formula (OWASP: CSV injection); the full-width
signs too, which a Chinese or Japanese Excel turns into the ASCII ones when it reads a cell as typed."""


def spreadsheet_cell(value: object) -> object:
    """A cell as a spreadsheet shows it, never run: text starting like a formula (`=SUM(A1)`, `@…`,
    `+…`, `-…`, their full-width forms `＝…`, a tab or a line break) gets a leading single quote, which spreadsheets read as
    "this is text". Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """Rows as CSV text (CRLF line ends, as Excel writes them), every cell through `spreadsheet_cell`:
    the one way the project writes CSV, so a unit named `=HYPERLINK(...)` in data/units.yml is never a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return out.getvalue()


def _day(article: Article) -> dt.date:
    return article.date.astimezone(SHANGHAI).date()


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def render_text(stats: UnitStats) -> str:
    """The table for a terminal: one line per unit and liaison, counts right-aligned."""
    labels = [c.label for c in stats.columns]
    names = [f"  {row.liaison}（{row.role}）" if row.liaison else row.unit for row in stats.rows]
    width = max(_display_width(name) for name in names) + 2
    lines = [f"{stats.label}各单位供稿统计（篇）", _pad("单位 / 联络员", width) + "".join(f"{label:>6}" for label in labels)]
    for name, row in zip(names, stats.rows):
        lines.append(_pad(name, width) + "".join(f"{count:>6}" for count in row.counts))
    return "\n".join(lines) + "\n"


def _display_width(text: str) -> int:
    """Columns a string takes in a terminal: Chinese characters take two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _display_width(text))
