"""Article dates: Asia/Shanghai time, parsed strictly and written the Chinese way (babel)."""

from __future__ import annotations

import datetime as dt
import re

from babel import Locale
from babel.dates import format_date, format_datetime

SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
"""China has kept UTC+8 without daylight saving since 1991; a fixed offset needs no tz database."""

LOCALE = Locale.parse("zh_CN")
"""Parsed once: babel parses a locale name again on every call (0.12 ms against 0.003 ms a date)."""
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$")


class DateFormatError(ValueError):
    """A date written in a form we do not accept; the message says how to write it."""


def parse_date(value: object) -> dt.datetime:
    """`2013-05-08` or `2013-05-08 09:30` (or a YAML date) as an aware Asia/Shanghai datetime."""
    if isinstance(value, dt.datetime):
        return value.astimezone(SHANGHAI) if value.tzinfo else value.replace(tzinfo=SHANGHAI)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=SHANGHAI)
    if not isinstance(value, str):
        raise DateFormatError(f"日期应当写成 2013-05-08 或 2013-05-08 09:30，这里是 {value!r}")
    match = _DATE.match(value.strip())
    if not match:
        raise DateFormatError(f"无法识别的日期“{value}”，应当写成 2013-05-08 或 2013-05-08 09:30")
    year, month, day, hour, minute, second = (int(part) if part else 0 for part in match.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=SHANGHAI)
    except ValueError as exc:
        raise DateFormatError(f"日期“{value}”不存在（{_explain(exc)}）") from exc


def _explain(exc: ValueError) -> str:
    text = str(exc)
    if "year" in text:
        return "年份应在 1 到 9999 之间"
    if "day" in text:
        return "这个月没有这一天"
    if "month" in text:
        return "月份应在 1 到 12 之间"
    if "hour" in text:
        return "小时应在 0 到 23 之间"
    if "minute" in text:
        return "分钟应在 0 到 59 之间"
    if "second" in text:
        return "秒应在 0 到 59 之间"
    return text


def chinese_date(moment: dt.date) -> str:
    """2013年5月8日"""
    return format_date(moment, format="long", locale=LOCALE)


def chinese_datetime(moment: dt.datetime) -> str:
    """2013年5月8日 09:30, or just the date when no time of day was given."""
    moment = moment.astimezone(SHANGHAI)
    if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return chinese_date(moment)
    return format_datetime(moment, "y年M月d日 HH:mm", tzinfo=SHANGHAI, locale=LOCALE)


def chinese_month(year: int, month: int) -> str:
    """2013年5月"""
    return format_date(dt.date(year, month, 1), format="y年M月", locale=LOCALE)


def iso_date(moment: dt.date) -> str:
    """2013-05-08, for <time datetime> and short list dates."""
    return moment.strftime("%Y-%m-%d")


def beyond_a_year(day: dt.date, today: dt.date) -> bool:
    """Whether `day` is more than a year after `today`: a date no editor plans, most likely a mistyped
    year (2062 for 2026)."""
    try:
        a_year_on = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        a_year_on = today.replace(year=today.year + 1, day=28)
    return day > a_year_on
