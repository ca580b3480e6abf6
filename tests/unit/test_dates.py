"""parse_date (strict, Asia/Shanghai) and the Chinese date formats."""

from __future__ import annotations

import datetime as dt

import pytest

from healthpress.model.dates import (
    SHANGHAI, DateFormatError, chinese_date, chinese_datetime, chinese_month, iso_date, parse_date,
)

CST = dt.timezone(dt.timedelta(hours=8))
UTC = dt.timezone.utc


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2013-05-08", dt.datetime(2013, 5, 8, tzinfo=CST)),
        ("2013-05-08 09:30", dt.datetime(2013, 5, 8, 9, 30, tzinfo=CST)),
        ("2013-05-08T09:30", dt.datetime(2013, 5, 8, 9, 30, tzinfo=CST)),
        ("2013-05-08 09:30:15", dt.datetime(2013, 5, 8, 9, 30, 15, tzinfo=CST)),
        ("  2013-05-08  ", dt.datetime(2013, 5, 8, tzinfo=CST)),
        ("2012-02-29", dt.datetime(2012, 2, 29, tzinfo=CST)),
        ("2013-12-31 23:59", dt.datetime(2013, 12, 31, 23, 59, tzinfo=CST)),
        (dt.date(2013, 5, 8), dt.datetime(2013, 5, 8, tzinfo=CST)),
        (dt.datetime(2013, 5, 8, 9, 30), dt.datetime(2013, 5, 8, 9, 30, tzinfo=CST)),
        (dt.datetime(2013, 5, 8, 1, 30, tzinfo=UTC), dt.datetime(2013, 5, 8, 9, 30, tzinfo=CST)),
        (dt.datetime(2013, 5, 7, 16, 0, tzinfo=UTC), dt.datetime(2013, 5, 8, 0, 0, tzinfo=CST)),
    ],
    ids=[
        "date", "date-time", "iso-t", "seconds", "surrounding-spaces", "leap-day", "end-of-year",
        "date-object", "naive-datetime-is-beijing", "utc-converted", "utc-crossing-midnight",
    ],
)
def test_parse_date(value, expected):
    parsed = parse_date(value)
    assert parsed == expected
    assert parsed.utcoffset() == dt.timedelta(hours=8)
    assert (parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute) == (
        expected.year, expected.month, expected.day, expected.hour, expected.minute)


@pytest.mark.parametrize(
    "value, hint",
    [
        ("2013-02-30", "这个月没有这一天"),
        ("2013-02-29", "这个月没有这一天"),
        ("2013-13-01", "月份应在 1 到 12 之间"),
        ("2013-00-10", "月份应在 1 到 12 之间"),
        ("2013-05-08 25:00", "小时应在 0 到 23 之间"),
        ("2013-05-08 09:60", "分钟应在 0 到 59 之间"),
        ("2013-05-08 09:30:61", "秒应在 0 到 59 之间"),
        ("2013年5月8日", "无法识别的日期“2013年5月8日”"),
        ("2013/05/08", "无法识别的日期“2013/05/08”"),
        ("2013-5-8", "无法识别的日期“2013-5-8”"),
        ("2013.05.08", "无法识别的日期"),
        ("2013-05-08 9:30", "无法识别的日期"),
        ("2013-05-08T09:30:00+08:00", "无法识别的日期"),
        ("08/05/2013", "无法识别的日期"),
        ("", "无法识别的日期"),
        (20130508, "这里是 20130508"),
        (None, "这里是 None"),
        (True, "这里是 True"),
    ],
    ids=[
        "feb-30", "feb-29-not-leap", "month-13", "month-0", "hour-25", "minute-60", "second-61", "chinese-form",
        "slashes", "unpadded", "dots", "unpadded-hour", "offset-not-accepted", "day-first", "empty",
        "number", "none", "bool",
    ],
)
def test_parse_date_rejects(value, hint):
    with pytest.raises(DateFormatError) as caught:
        parse_date(value)
    assert hint in str(caught.value)
    assert "2013-05-08" in str(caught.value) or "不存在" in str(caught.value)


def test_date_format_error_is_a_value_error():
    assert issubclass(DateFormatError, ValueError)


@pytest.mark.parametrize(
    "moment, text",
    [
        (dt.date(2013, 5, 8), "2013年5月8日"),
        (dt.date(2013, 12, 31), "2013年12月31日"),
        (dt.date(2014, 1, 1), "2014年1月1日"),
        (dt.datetime(2013, 5, 8, 9, 30, tzinfo=SHANGHAI), "2013年5月8日"),
    ],
    ids=["may", "december", "january", "datetime-gives-date"],
)
def test_chinese_date(moment, text):
    assert chinese_date(moment) == text


@pytest.mark.parametrize(
    "moment, text",
    [
        (dt.datetime(2013, 5, 8, 0, 0, tzinfo=SHANGHAI), "2013年5月8日"),
        (dt.datetime(2013, 5, 8, 9, 30, tzinfo=SHANGHAI), "2013年5月8日 09:30"),
        (dt.datetime(2013, 5, 8, 9, 30, 45, tzinfo=SHANGHAI), "2013年5月8日 09:30"),
        (dt.datetime(2013, 5, 8, 0, 5, tzinfo=SHANGHAI), "2013年5月8日 00:05"),
        (dt.datetime(2013, 5, 8, 0, 0, 30, tzinfo=SHANGHAI), "2013年5月8日 00:00"),
        (dt.datetime(2013, 12, 31, 23, 59, tzinfo=SHANGHAI), "2013年12月31日 23:59"),
        (dt.datetime(2013, 5, 8, 1, 30, tzinfo=UTC), "2013年5月8日 09:30"),
    ],
    ids=["midnight-is-date-only", "morning", "seconds-not-shown", "just-after-midnight",
         "thirty-seconds-after-midnight", "last-minute-of-year", "utc-shown-in-beijing-time"],
)
def test_chinese_datetime(moment, text):
    assert chinese_datetime(moment) == text


@pytest.mark.parametrize(
    "moment, text",
    [
        (dt.datetime(2013, 5, 7, 16, 0, tzinfo=UTC), "2013年5月8日"),
        (dt.datetime(2013, 5, 8, 0, 0, tzinfo=UTC), "2013年5月8日 08:00"),
    ],
    ids=["beijing-midnight-given-in-utc", "utc-midnight-is-8am-in-beijing"],
)
def test_chinese_datetime_midnight_is_beijing_midnight(moment, text):
    assert chinese_datetime(moment) == text


@pytest.mark.parametrize(
    "year, month, text",
    [(2013, 5, "2013年5月"), (2013, 12, "2013年12月"), (2014, 1, "2014年1月")],
    ids=["may", "december", "january"],
)
def test_chinese_month(year, month, text):
    assert chinese_month(year, month) == text


@pytest.mark.parametrize(
    "moment, text",
    [(dt.date(2013, 5, 8), "2013-05-08"), (dt.datetime(2014, 1, 2, 9, 30, tzinfo=SHANGHAI), "2014-01-02")],
    ids=["date", "datetime"],
)
def test_iso_date(moment, text):
    assert iso_date(moment) == text
