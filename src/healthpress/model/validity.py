"""When an entry of a data file is in force: its `since` and `until` days, both included (pure).

A standard term after a reform (data/terms.yml) and a leader's term of office (data/leaders.yml) are
written this way; an open end is not written. An article is judged by the entries in force on its day.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BeforeValidator
from typing_extensions import Annotated

from healthpress.model.dates import chinese_date, parse_date
from healthpress.model.findings import Finding
from healthpress.model.schema_errors import describe_type

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _day(value: object) -> dt.date:
    """`2018-03-27` (a day, no time: the entry is in force from the start of `since` to the end of `until`)."""
    if not isinstance(value, str):
        raise ValueError(f"日期应当写成 2018-03-27，这里是{describe_type(value)} {value!r}")
    if not _DAY.match(value.strip()):
        raise ValueError(f"无法识别的日期“{value}”，应当写成 2018-03-27（只写年月日，月和日都写两位）")
    return parse_date(value).date()  # DateFormatError (a ValueError) for a day that does not exist


Day = Annotated[dt.date, BeforeValidator(_day)]
"""A `since` / `until` field: a day written 2018-03-27."""


def in_force(since: dt.date | None, until: dt.date | None, day: dt.date) -> bool:
    """Whether `day` lies in the period (an end not given is open)."""
    return (since is None or since <= day) and (until is None or day <= until)


def overlap(first: tuple[dt.date | None, dt.date | None], second: tuple[dt.date | None, dt.date | None]) -> bool:
    """Whether two periods (since, until) share a day."""
    (since_a, until_a), (since_b, until_b) = first, second
    return (since_a is None or until_b is None or since_a <= until_b) and \
        (since_b is None or until_a is None or since_b <= until_a)


def period_words(since: dt.date | None, until: dt.date | None) -> str:
    """The period in Chinese: 2018年3月27日起, 2019年12月31日以前, 2016年1月1日至2019年12月31日, 不限日期."""
    if since and until:
        return f"{chinese_date(since)}至{chinese_date(until)}"
    if since:
        return f"{chinese_date(since)}起"
    if until:
        return f"{chinese_date(until)}以前"
    return "不限日期"


def reversed_period(path: str, line: int | None, since: dt.date | None, until: dt.date | None) -> list[Finding]:
    """A finding at `until`'s line when it comes before `since`: the entry would never be in force."""
    if since is None or until is None or since <= until:
        return []
    return [Finding(path, line, "until", "until-before-since",
                    f"截止日期 until（{until:%Y-%m-%d}）早于起始日期 since（{since:%Y-%m-%d}），这一条永远不会生效",
                    "把 until 改成 since 当天或以后的日期（两个日期写反了就对调）")]
