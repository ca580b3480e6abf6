"""Health awareness days: rules, dates in a given year, what comes next, and data-file findings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from healthpress.model.articles import parse_article
from healthpress.model.findings import Level
from healthpress.bureau.healthdays import (
    HealthDay, Rule, RuleError, load_health_days, nth_weekday, occurrence, parse_fixed, parse_health_days,
    parse_rule, related_articles, upcoming,
)

D = dt.date
DATA = Path(__file__).resolve().parents[2] / "data" / "health-days.yml"
FILE = "data/health-days.yml"


def fixed(name: str, slug: str, month: int, day: int, tags=()) -> HealthDay:
    return HealthDay(name, slug, month, day, None, tuple(tags), "")


def ruled(name: str, slug: str, rule: str, tags=()) -> HealthDay:
    parsed = parse_rule(rule)
    return HealthDay(name, slug, parsed.month, None, parsed, tuple(tags), "")


@pytest.mark.parametrize(
    "text, rule",
    [
        ("last Sunday of January", Rule(-1, 6, 1)),
        ("second Sunday of May", Rule(2, 6, 5)),
        ("first Monday of September", Rule(1, 0, 9)),
        ("First Tuesday of May", Rule(1, 1, 5)),
        ("fourth thursday of nov", Rule(4, 3, 11)),
        ("  third  Friday   of  March ", Rule(3, 4, 3)),
        ("1月最后一个星期日", Rule(-1, 6, 1)),
        ("5月第二个星期日", Rule(2, 6, 5)),
        ("9月第一个周一", Rule(1, 0, 9)),
        ("十二月第3个星期六", Rule(3, 5, 12)),
        ("3月的第二个星期四", Rule(2, 3, 3)),
    ],
)
def test_parse_rule(text, rule):
    assert parse_rule(text) == rule


@pytest.mark.parametrize(
    "text, words",
    [
        ("last Sunday of Janury", "Janury"),
        ("last Sundy of January", "Sundy"),
        ("fifth Sunday of May", "fifth"),
        ("13月第二个星期日", "13月"),
        ("5月第五个星期日", "第五个"),
        ("5月第二个星期八", "星期八"),
        ("母亲节", "无法识别"),
        ("the last Sunday in January", "无法识别"),
    ],
)
def test_parse_rule_errors_say_what_is_wrong(text, words):
    with pytest.raises(RuleError, match=words):
        parse_rule(text)


@pytest.mark.parametrize(
    "text, month_day",
    [("04-07", (4, 7)), ("4-7", (4, 7)), ("12-01", (12, 1)), ("4月7日", (4, 7))],
)
def test_parse_fixed(text, month_day):
    assert parse_fixed(text) == month_day


@pytest.mark.parametrize(
    "text, words",
    [("13-01", "月份"), ("04-31", "4月没有31日"), ("02-29", "不是每年都有"), ("April 7", "无法识别"), ("0407", "无法识别")],
)
def test_parse_fixed_errors(text, words):
    with pytest.raises(RuleError, match=words):
        parse_fixed(text)


@pytest.mark.parametrize(
    "rule, year, date",
    [
        ("last Sunday of January", 2013, D(2013, 1, 27)),
        ("last Sunday of January", 2014, D(2014, 1, 26)),
        ("second Sunday of May", 2013, D(2013, 5, 12)),
        ("first Monday of September", 2013, D(2013, 9, 2)),
        ("first Tuesday of May", 2013, D(2013, 5, 7)),
        ("second Thursday of March", 2015, D(2015, 3, 12)),
        ("last Friday of February", 2016, D(2016, 2, 26)),
        ("fourth Sunday of February", 2015, D(2015, 2, 22)),
    ],
)
def test_nth_weekday(rule, year, date):
    assert nth_weekday(year, parse_rule(rule)) == date


def test_occurrence_fixed_and_ruled():
    assert occurrence(fixed("世界卫生日", "world-health-day", 4, 7), 2013) == D(2013, 4, 7)
    assert occurrence(ruled("世界防治麻风病日", "leprosy", "last Sunday of January"), 2017) == D(2017, 1, 29)


@pytest.mark.parametrize(
    "day, when",
    [
        (fixed("世界卫生日", "a", 4, 7), "每年4月7日"),
        (ruled("世界防治麻风病日", "b", "last Sunday of January"), "每年1月最后一个星期日"),
        (ruled("世界防治哮喘日", "c", "first Tuesday of May"), "每年5月第一个星期二"),
    ],
)
def test_when_in_chinese(day, when):
    assert day.when == when


DAYS = [fixed("世界艾滋病日", "aids", 12, 1), fixed("世界卫生日", "who", 4, 7), fixed("世界无烟日", "tobacco", 5, 31),
        ruled("世界防治麻风病日", "leprosy", "last Sunday of January")]


@pytest.mark.parametrize(
    "today, count, expected",
    [
        (D(2013, 4, 1), 2, [("who", D(2013, 4, 7)), ("tobacco", D(2013, 5, 31))]),
        (D(2013, 4, 7), 1, [("who", D(2013, 4, 7))]),
        (D(2013, 4, 8), 1, [("tobacco", D(2013, 5, 31))]),
        (D(2013, 12, 2), 3, [("leprosy", D(2014, 1, 26)), ("who", D(2014, 4, 7)), ("tobacco", D(2014, 5, 31))]),
        (D(2013, 1, 1), 10, [("leprosy", D(2013, 1, 27)), ("who", D(2013, 4, 7)), ("tobacco", D(2013, 5, 31)),
                             ("aids", D(2013, 12, 1))]),
        (D(2013, 1, 1), 0, []),
    ],
    ids=["soonest-first", "today-included", "day-after", "across-new-year", "count-above-length", "none"],
)
def test_upcoming(today, count, expected):
    assert [(day.slug, date) for day, date in upcoming(DAYS, today, count)] == expected


def test_upcoming_accepts_a_datetime():
    cst = dt.timezone(dt.timedelta(hours=8))
    assert upcoming(DAYS, dt.datetime(2013, 4, 7, 23, 0, tzinfo=cst), 1)[0][1] == D(2013, 4, 7)


def test_related_articles_by_tag_or_title():
    def article(name: str, title: str, tags: str):
        a, findings = parse_article(f"content/x/{name}.md", f"x/{name}.md",
                                    f"---\ntitle: {title}\ndate: 2013-05-31\ntags: [{tags}]\n---\n正文\n")
        assert a is not None, findings
        return a

    tagged = article("a", "拒绝烟草广告", "控烟")
    titled = article("b", "世界无烟日：创建无烟医院", "健康素养")
    other = article("c", "高血压日常管理", "健康素养")
    day = fixed("世界无烟日", "tobacco", 5, 31, tags=["控烟"])
    assert related_articles(day, [tagged, titled, other]) == [tagged, titled]


def test_committed_health_days_file_loads_without_findings():
    days, findings = load_health_days(DATA)
    assert findings == []
    assert len(days) >= 15
    by_name = {d.name: d for d in days}
    expected = {"世界防治麻风病日": D(2013, 1, 27), "全国爱耳日": D(2013, 3, 3), "世界防治结核病日": D(2013, 3, 24),
                "世界卫生日": D(2013, 4, 7), "全国儿童预防接种日": D(2013, 4, 25), "世界防治哮喘日": D(2013, 5, 7),
                "全国碘缺乏病防治日": D(2013, 5, 15), "世界无烟日": D(2013, 5, 31), "全国爱眼日": D(2013, 6, 6),
                "世界献血者日": D(2013, 6, 14), "全国爱牙日": D(2013, 9, 20), "全国高血压日": D(2013, 10, 8),
                "世界精神卫生日": D(2013, 10, 10), "联合国糖尿病日": D(2013, 11, 14), "世界艾滋病日": D(2013, 12, 1)}
    assert {name: occurrence(by_name[name], 2013) for name in expected} == expected
    assert "控烟" in by_name["世界无烟日"].tags and "艾滋病防治" in by_name["世界艾滋病日"].tags
    assert "疫苗接种" in by_name["全国儿童预防接种日"].tags
    assert all(d.slug.isascii() for d in days)


GOOD = """\
- name: 世界卫生日
  slug: world-health-day
  date: "04-07"
  tags: [健康素养]
  description: 世卫组织成立纪念日
- name: 世界防治麻风病日
  slug: world-leprosy-day
  rule: last Sunday of January
"""


def test_parse_health_days_in_file_order_with_lines():
    days, findings = parse_health_days(FILE, GOOD)
    assert findings == []
    assert [(d.slug, d.month, d.day, d.line) for d in days] == [("world-health-day", 4, 7, 1),
                                                                 ("world-leprosy-day", 1, None, 6)]
    assert days[0].tags == ("健康素养",) and days[0].description == "世卫组织成立纪念日"


@pytest.mark.parametrize(
    "text, line, field, code, words",
    [
        (GOOD + "- name: 全国爱牙日\n  slug: teeth\n  date: \"09-20\"\n  rule: third Friday of September\n",
         12, "rule", "date-and-rule", "同时写了 date（第 11 行）和 rule"),
        (GOOD + "- name: 全国爱牙日\n  slug: teeth\n", 9, None, "date-missing", "没有写日子"),
        (GOOD + "- name: 全国爱牙日\n  slug: teeth\n  rule: third Friday of Septembre\n", 11, "rule", "invalid-rule",
         "Septembre"),
        (GOOD + "- name: 全国爱牙日\n  slug: teeth\n  rule: 9月第三个星期八\n", 11, "rule", "invalid-rule", "星期八"),
        (GOOD + "- name: 全国爱牙日\n  slug: teeth\n  date: \"09-31\"\n", 11, "date", "invalid-date", "9月没有31日"),
        (GOOD + "- name: 另一个卫生日\n  slug: world-health-day\n  date: \"04-08\"\n", 10, "slug", "duplicate-slug",
         "第 2 行"),
        (GOOD + "- name: 全国爱牙日\n  slug: 爱牙日\n  date: \"09-20\"\n", 10, "slug", "invalid-slug", "不能用作网址"),
        (GOOD + "- name: 全国爱牙日\n  slug: teeth\n  date: \"09-20\"\n  tag: [口腔]\n", 12, "tag", "invalid-extra_forbidden",
         "不认识这个字段"),
        (GOOD + "- name: 全国爱牙日\n  slug: teeth\n  date: \"09-20\"\n  tags: 口腔，健康\n", 12, "tags", "invalid-list_type",
         "列表"),
        (GOOD + "- slug: teeth\n  date: \"09-20\"\n", 9, "name", "invalid-missing", "缺少"),
        (GOOD + "- 全国爱牙日\n", 9, None, "data-not-mapping", "第 3 个防病日"),
        (GOOD + "- name: 全国爱牙日\n  slug: teeth\n  slug: teeth2\n  date: \"09-20\"\n", 11, "slug", "duplicate-key",
         "第 10 行"),
    ],
    ids=["date-and-rule", "neither", "unknown-month", "unknown-weekday", "no-such-day", "duplicate-slug",
         "chinese-slug", "unknown-field", "tags-as-text", "no-name", "not-a-mapping", "duplicate-key"],
)
def test_bad_entries_are_findings_with_lines(text, line, field, code, words):
    days, findings = parse_health_days(FILE, text)
    [finding] = findings
    assert (finding.path, finding.line, finding.field, finding.code, finding.level) == (
        FILE, line, field, code, Level.ERROR)
    assert words in finding.message
    if code != "duplicate-key":
        assert [d.slug for d in days] == ["world-health-day", "world-leprosy-day"]  # good entries kept


@pytest.mark.parametrize(
    "text, code",
    [
        ("name: 世界卫生日\n", "data-not-list"),
        ("- name: [unclosed\n", "data-yaml"),
        ("- &a name: x\n", "yaml-alias"),
        ("- !!python/object:os.system name\n", "yaml-tag"),
        ("- name\t: x\n\tslug: y\n", "tab-indent"),
    ],
)
def test_unreadable_files(text, code):
    days, findings = parse_health_days(FILE, text)
    assert days == [] and findings[0].code == code


def test_empty_file_is_no_days():
    assert parse_health_days(FILE, "# 还没有\n") == ([], [])


def test_missing_and_non_utf8_files(tmp_path):
    days, [finding] = load_health_days(tmp_path / "health-days.yml", FILE)
    assert (days, finding.code, finding.path) == ([], "data-missing", FILE)
    gbk = tmp_path / "gbk.yml"
    gbk.write_bytes("- name: 世界卫生日\n".encode("gbk"))
    assert load_health_days(gbk, FILE)[1][0].code == "data-encoding"


def test_load_from_a_real_file_with_bom(tmp_path):
    path = tmp_path / "health-days.yml"
    path.write_text("\ufeff" + GOOD, encoding="utf-8")
    days, findings = load_health_days(path, FILE)
    assert findings == [] and len(days) == 2
