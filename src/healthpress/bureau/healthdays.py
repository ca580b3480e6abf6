"""Health awareness days (卫生防病日) from `data/health-days.yml`: dates, rules and what comes next (pure).

Each entry has a `name`, an ASCII `slug`, either a fixed `date: "04-07"` or a `rule:` such as
`last Sunday of January` / `1月最后一个星期日`, `tags` to gather related articles, and a `description`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from babel.dates import format_date, get_day_names

from healthpress.model.articles import Article
from healthpress.model.datafile import DataDocument, expect_list, load_data_file, parse_data, validate_entries
from healthpress.model.dates import LOCALE
from healthpress.model.findings import Finding
from healthpress.model.plaintext import NonEmptyText, Paragraph, PlainText
from healthpress.model.slugs import is_valid_slug
from healthpress.model.strict import StrictModel

DAY_HELP = {
    "name": "name: 世界卫生日",
    "slug": "slug: world-health-day（只用小写字母、数字和连字符）",
    "date": 'date: "04-07"（每年固定的日子，月-日）',
    "rule": "rule: last Sunday of January 或 rule: 1月最后一个星期日（每年按星期推算的日子）",
    "tags": "tags: [控烟, 健康素养]（相关文章的标签）",
    "description": "description: 一句话介绍",
}

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
CHINESE_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                   "十一": 11, "十二": 12}
CHINESE_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

_ENGLISH_RULE = re.compile(r"^(\w+)\s+(\w+)\s+of\s+(\w+)$", re.IGNORECASE)
_CHINESE_RULE = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]{1,3})月(?:的)?(第(\d|[一二三四])个|最后一个)(?:星期|周|礼拜)(.)$")
_FIXED = re.compile(r"^(\d{1,2})-(\d{1,2})$|^(\d{1,2})月(\d{1,2})日$")


class RuleError(ValueError):
    """A date or rule that cannot be read; the message (Chinese) says what is wrong."""


@dataclass(frozen=True, slots=True)
class Rule:
    """The `ordinal` (1–4, or -1 for last) `weekday` (0 = Monday) of `month`."""

    ordinal: int
    weekday: int
    month: int


@dataclass(frozen=True, slots=True)
class HealthDay:
    """One awareness day: a fixed (month, day) or a weekday rule."""

    name: str
    slug: str
    month: int
    day: int | None
    rule: Rule | None
    tags: tuple[str, ...]
    description: str
    line: int | None = None

    @property
    def when(self) -> str:
        """每年4月7日 / 每年1月最后一个星期日 (month and weekday names from babel)."""
        if self.rule is None:
            return "每年" + format_date(dt.date(2000, self.month, self.day), "M月d日", locale=LOCALE)
        weekday = get_day_names("wide", locale=LOCALE)[self.rule.weekday]
        which = "最后一个" if self.rule.ordinal == -1 else f"第{'一二三四'[self.rule.ordinal - 1]}个"
        month = format_date(dt.date(2000, self.month, 1), "M月", locale=LOCALE)
        return f"每年{month}{which}{weekday}"


class DayEntry(StrictModel):
    """One entry of health-days.yml as written."""

    name: NonEmptyText
    slug: NonEmptyText
    date: PlainText | None = None
    rule: PlainText | None = None
    tags: list[NonEmptyText] = []
    description: Paragraph = ""


def parse_fixed(text: str) -> tuple[int, int]:
    """"04-07", "4-7" or "4月7日" as (month, day); 02-29 is refused (not every year has it)."""
    match = _FIXED.match(text.strip())
    if not match:
        raise RuleError(f"无法识别的日期“{text}”，应当写成 \"04-07\"（月-日）")
    month, day = (int(x) for x in (match.group(1, 2) if match.group(1) else match.group(3, 4)))
    if not 1 <= month <= 12:
        raise RuleError(f"“{text}”里的月份 {month} 不存在（应在 1 到 12 之间）")
    if (month, day) == (2, 29):
        raise RuleError("2月29日不是每年都有，请换一个日子或写成规则")
    if not 1 <= day <= calendar.monthrange(2001, month)[1]:
        raise RuleError(f"{month}月没有{day}日")
    return month, day


def parse_rule(text: str) -> Rule:
    """`second Sunday of May` or `5月第二个星期日` as a Rule."""
    text = text.strip()
    english = _ENGLISH_RULE.match(text)
    if english:
        ordinal, weekday, month = (part.lower() for part in english.groups())
        if ordinal not in ORDINALS:
            raise RuleError(f"“{english.group(1)}”不是可用的序数词（可用：{', '.join(ORDINALS)}）")
        if weekday not in WEEKDAYS:
            raise RuleError(f"“{english.group(2)}”不是星期几（可用：{', '.join(calendar.day_name)}）")
        if month not in MONTHS:
            raise RuleError(f"“{english.group(3)}”不是月份（可用：{', '.join(calendar.month_name[1:])}）")
        return Rule(ORDINALS[ordinal], WEEKDAYS[weekday], MONTHS[month])
    chinese = _CHINESE_RULE.match(text)
    if chinese:
        month_text, which, nth, weekday_text = chinese.groups()
        month = int(month_text) if month_text.isdigit() else CHINESE_NUMBERS.get(month_text, 0)
        if not 1 <= month <= 12:
            raise RuleError(f"“{month_text}月”不是月份（应在 1 到 12 之间）")
        if weekday_text not in CHINESE_WEEKDAYS:
            raise RuleError(f"“星期{weekday_text}”不是星期几（可用：星期一 到 星期日）")
        if which == "最后一个":
            ordinal = -1
        else:
            ordinal = int(nth) if nth.isdigit() else CHINESE_NUMBERS[nth]
            if not 1 <= ordinal <= 4:
                raise RuleError(f"“{which}”超出范围（只能写第一个到第四个，或最后一个）")
        return Rule(ordinal, CHINESE_WEEKDAYS[weekday_text], month)
    raise RuleError(f"无法识别的规则“{text}”，应当写成 last Sunday of January 或 1月最后一个星期日")


def nth_weekday(year: int, rule: Rule) -> dt.date:
    """The date in `year` that `rule` names."""
    days = [d for d in calendar.Calendar().itermonthdates(year, rule.month)
            if d.month == rule.month and d.weekday() == rule.weekday]
    return days[-1] if rule.ordinal == -1 else days[rule.ordinal - 1]


def occurrence(day: HealthDay, year: int) -> dt.date:
    """The date of `day` in `year`."""
    if day.rule is not None:
        return nth_weekday(year, day.rule)
    return dt.date(year, day.month, day.day)


def upcoming(days: Iterable[HealthDay], today: dt.date, count: int) -> list[tuple[HealthDay, dt.date]]:
    """The next `count` occurrences on or after `today`, soonest first (today's day included)."""
    if isinstance(today, dt.datetime):
        today = today.date()
    dates = []
    for day in days:
        when = occurrence(day, today.year)
        if when < today:
            when = occurrence(day, today.year + 1)
        dates.append((day, when))
    return sorted(dates, key=lambda pair: (pair[1], pair[0].slug))[:max(count, 0)]


def related_articles(day: HealthDay, articles: Iterable[Article]) -> list[Article]:
    """Articles with one of the day's tags or whose title names the day, in their given order."""
    tags = set(day.tags)
    return [a for a in articles if tags.intersection(a.tags) or day.name in a.title]


def read_health_days(doc: DataDocument) -> tuple[list[HealthDay], list[Finding]]:
    """Validate a loaded health-days document; bad entries are left out with a finding each."""
    entries, findings = expect_list(doc, doc.data, (), "卫生防病日", "- name: 世界卫生日")
    valid, found = validate_entries(doc, entries, DayEntry, (), DAY_HELP, lambda n: f"第 {n} 个防病日")
    findings += found
    days: list[HealthDay] = []
    slugs: dict[str, int | None] = {}
    for item in valid:
        entry = item.value
        what = f"“{entry.name}”"
        lines = doc.key_lines(*item.key)
        day, found = _to_day(entry, doc.path, lines, doc.line(*item.key), what)
        findings += found
        if day is None:
            continue
        if entry.slug in slugs:
            findings.append(Finding(doc.path, lines.get("slug"), "slug", "duplicate-slug",
                                    f"{what}的别名“{entry.slug}”与第 {slugs[entry.slug]} 行的防病日重复",
                                    "给其中一个换一个别名"))
            continue
        slugs[entry.slug] = lines.get("slug")
        days.append(day)
    return days, findings


def _to_day(entry: DayEntry, path: str, lines: dict[str, int], line: int | None,
            what: str) -> tuple[HealthDay | None, list[Finding]]:
    if not is_valid_slug(entry.slug):
        return None, [Finding(path, lines.get("slug"), "slug", "invalid-slug",
                              f"{what}的别名“{entry.slug}”不能用作网址", "写法：" + DAY_HELP["slug"])]
    if entry.date is not None and entry.rule is not None:
        return None, [Finding(path, lines.get("rule"), "rule", "date-and-rule",
                              f"{what}同时写了 date（第 {lines.get('date')} 行）和 rule，只能写一个",
                              "固定日子保留 date，按星期推算的日子保留 rule")]
    if entry.date is None and entry.rule is None:
        return None, [Finding(path, line, None, "date-missing", f"{what}没有写日子",
                              "写法：" + DAY_HELP["date"] + "；或 " + DAY_HELP["rule"])]
    try:
        if entry.rule is not None:
            rule = parse_rule(entry.rule)
            month, day_of_month = rule.month, None
        else:
            rule = None
            month, day_of_month = parse_fixed(entry.date)
    except RuleError as exc:
        key = "rule" if entry.rule is not None else "date"
        return None, [Finding(path, lines.get(key), key, f"invalid-{key}", f"{what}：{exc}",
                              "写法：" + DAY_HELP[key])]
    return HealthDay(entry.name, entry.slug, month, day_of_month, rule, tuple(dict.fromkeys(entry.tags)),
                     entry.description, line), []


def parse_health_days(path: str, text: str) -> tuple[list[HealthDay], list[Finding]]:
    """Health days from a file's text; `path` is how findings name the file."""
    doc, findings = parse_data(path, text)
    if doc is None:
        return [], findings
    return read_health_days(doc)


def load_health_days(path: Path, display: str = "data/health-days.yml") -> tuple[list[HealthDay], list[Finding]]:
    """Health days from `path`, in file order; `display` is how findings name the file."""
    doc, findings = load_data_file(path, display)
    if doc is None:
        return [], findings
    return read_health_days(doc)
