"""National mourning days (data/mourning.yml): the periods an entry means, whether a moment falls in one,
and every finding of a bad entry on the line of its field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from healthpress.bureau.mourning import Mourning, MourningPeriod, load_mourning, mourning_at, parse_mourning
from healthpress.model.dates import SHANGHAI
from healthpress.model.findings import Level

FILE = "data/mourning.yml"
DATA = Path(__file__).resolve().parents[2] / "data" / "mourning.yml"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.mark.parametrize("fields, start, end", [
    ("date: 2020-04-04", "2020-04-04 00:00", "2020-04-05 00:00"),
    ("start: 2020-04-04 10:00", "2020-04-04 10:00", "2020-04-05 00:00"),
    ("start: 2020-04-04 10:00\n  end: 2020-04-04 10:03", "2020-04-04 10:00", "2020-04-04 10:03"),
    ("start: 2008-05-19\n  end: 2008-05-21", "2008-05-19 00:00", "2008-05-22 00:00"),
    ("start: 2008-05-19 14:28\n  end: 2008-05-21", "2008-05-19 14:28", "2008-05-22 00:00"),
])
def test_an_entry_is_the_period_it_says_in_the_bureaus_time(fields, start, end):
    periods, findings = parse_mourning(FILE, f"- name: 全国哀悼日\n  {fields}\n")
    assert findings == []
    assert periods == [MourningPeriod("全国哀悼日", at(start), at(end))]


def test_a_moment_is_in_a_period_from_its_start_to_just_before_its_end():
    periods, _ = parse_mourning(FILE, "- name: 甲\n  date: 2020-04-04\n- name: 乙\n  start: 2010-04-21 10:00\n")
    assert mourning_at(periods, at("2020-04-03 23:59")) is None
    assert mourning_at(periods, at("2020-04-04 00:00")) == Mourning("甲", everywhere=False)
    assert mourning_at(periods, at("2020-04-04 23:59"), "all") == Mourning("甲", everywhere=True)
    assert mourning_at(periods, at("2020-04-05 00:00")) is None
    assert mourning_at(periods, at("2010-04-21 09:59")) is None
    assert mourning_at(periods, at("2010-04-21 10:00")) == Mourning("乙", everywhere=False)
    utc = dt.datetime(2020, 4, 3, 16, 0, tzinfo=dt.timezone.utc)  # 2020-04-04 00:00 in Beijing
    assert mourning_at(periods, utc) == Mourning("甲", everywhere=False)
    assert mourning_at(periods, utc - dt.timedelta(seconds=1)) is None


BAD = """\
- name: 日期写错
  date: 2020-4-4
- name: 没有这一天
  date: 2020-02-30
- name: 结束在开始之前
  start: 2020-04-04 10:00
  end: 2020-04-04 09:00
- name: 字段写错
  data: 2020-04-04
- name: 两样都写
  date: 2020-04-04
  start: 2020-04-04 10:00
- name: date 带时间
  date: 2020-04-04 10:00
- date: 2020-04-04
- name: 好的
  date: 2020-04-04
"""


def test_every_bad_entry_is_a_chinese_finding_on_its_fields_line_and_the_good_ones_are_kept():
    periods, findings = parse_mourning(FILE, BAD)
    assert periods == [MourningPeriod("好的", at("2020-04-04 00:00"), at("2020-04-05 00:00"))]
    where = [(f.line, f.field) for f in findings]
    assert where == [(2, "date"), (4, "date"), (7, "end"), (9, "data"), (12, "start"), (14, "date"), (15, "name")], \
        [f.render() for f in findings]
    text = [f.render() for f in findings]
    assert "无法识别的日期“2020-4-4”" in text[0] and "第 1 个哀悼日（日期写错）" in text[0]
    assert "这个月没有这一天" in text[1]
    assert "结束时间 2020年4月4日 09:00 不在开始时间 2020年4月4日 10:00 之后" in text[2]
    assert "可用的字段：name、date、start、end" in text[3]
    assert "只写 date" in text[4]
    assert "写成 start: 2020-04-04 10:00" in text[5]
    assert "缺少这个必填字段" in text[6] and "第 7 个哀悼日" in text[6]
    assert all(f.path == FILE and f.fix for f in findings)


def test_an_entry_without_its_day_is_a_finding_on_its_first_line():
    _, findings = parse_mourning(FILE, "- name: 好的\n  date: 2020-04-04\n- name: 哪天\n  end: 2020-04-04 12:00\n")
    assert [(f.line, f.field) for f in findings] == [(3, None)]
    assert "第 2 个哀悼日（哪天）：没有写哀悼的日子" in findings[0].message


def test_a_time_written_without_a_date_is_refused_with_the_form_to_write():
    _, findings = parse_mourning(FILE, "- name: 默哀\n  start: 10:00\n")  # YAML reads 10:00 as the number 600
    assert [(f.line, f.field) for f in findings] == [(2, "start")]
    assert "“10:00”" in findings[0].message and "时间前面要写日期" in findings[0].message
    assert "start: 2020-04-04 10:00" in findings[0].fix


@pytest.mark.parametrize("fields, line, field", [
    ("start: 2010-04-19\n  end: 2010-04-22 00:01", 6, "end"),
    ("start: 2020-04-04 10:00\n  end: 2021-04-04", 6, "end"),
])
def test_a_period_longer_than_three_days_is_used_with_a_warning_on_its_end(fields, line, field):
    text = f"- name: 三天\n  start: 2008-05-19\n  end: 2008-05-21\n- name: 太长\n  {fields}\n"
    periods, findings = parse_mourning(FILE, text)
    assert [p.name for p in periods] == ["三天", "太长"]
    assert [(f.line, f.field, f.level) for f in findings] == [(line, field, Level.WARNING)]
    assert "长于三天" in findings[0].message and "检查 end 是否写错" in findings[0].fix


def test_the_example_data_carries_one_past_day():
    periods, findings = load_mourning(DATA)
    assert findings == []
    assert [(p.start, p.end) for p in periods] == [(at("2020-04-04 00:00"), at("2020-04-05 00:00"))]


@pytest.mark.parametrize("fields,line,field", [("date: 9999-12-31", 4, "date"), ("start: 9999-12-31 10:00", 4, "start"),
                                               ("start: 2020-04-04 10:00\n  end: 9999-12-31", 5, "end")])
def test_a_day_too_far_to_end_is_a_finding_not_a_crash(fields, line, field):
    """The period of 9999-12-31 would end on a day no date can be (an OverflowError in every build before)."""
    periods, findings = parse_mourning(FILE, f"- name: 好的\n  date: 2020-04-04\n- name: 年份写错\n  {fields}\n")
    assert [p.name for p in periods] == ["好的"]
    assert [(f.line, f.field, f.level) for f in findings] == [(line, field, Level.ERROR)], findings
    assert "第 2 个哀悼日（年份写错）：日期“9999-12-31" in findings[0].message and "年份" in findings[0].fix


def test_a_field_written_in_chinese_is_told_the_field_it_means_not_to_be_deleted():
    """名称 / 日期 / 开始 / 结束 for name / date / start / end: deleting the line, as the fix said, drops the day."""
    _, findings = parse_mourning(FILE, "- 名称: 默哀\n  日期: 2020-04-04\n- name: 默哀\n  开始: 2020-04-04 10:00\n  结束时间: 2020-04-04 10:03\n")
    fixes = {f.field: f.fix for f in findings if f.field not in ("name", "date")}
    assert fixes["名称"].startswith("把 名称 改成 name") and fixes["日期"].startswith("把 日期 改成 date"), fixes
    assert fixes["开始"].startswith("把 开始 改成 start") and fixes["结束时间"].startswith("把 结束时间 改成 end"), fixes
    assert not [fix for fix in fixes.values() if "删除" in fix], fixes


@pytest.mark.parametrize("fields,said", [
    ("start: 2020-04-04 10:00\n  end: 2020-04-03", "结束时间 2020年4月3日 24:00 不在开始时间 2020年4月4日 10:00 之后"),
    ("date: 2020-04-04\n  end: 2020-04-03", "写了 date"),
    ("start: 2020-05-19\n  end: 2020-05-29", "从 2020年5月19日 到 2020年5月29日 24:00，长于三天"),
])
def test_an_end_written_as_a_day_is_said_as_that_days_end(fields, said):
    """end: 2020-04-03 runs to that day's 24:00: the finding says so, not the next day's date the editor never wrote."""
    _, findings = parse_mourning(FILE, f"- name: 哀悼\n  {fields}\n")
    assert any(said in f.message for f in findings), [f.message for f in findings]


def test_two_periods_that_share_time_are_a_warning_naming_both_lines_and_periods_that_only_touch_are_not():
    periods, findings = parse_mourning(FILE, """\
- name: 全国哀悼日
  date: 2020-04-04
- name: 默哀三分钟
  start: 2020-04-04 10:00
  end: 2020-04-04 10:03
- name: 第二天
  date: 2020-04-05
- name: 汶川
  start: 2008-05-19
  end: 2008-05-21
- name: 年份写错的汶川
  start: 2008-05-21 14:28
""")
    assert len(periods) == 5, "the overlapping periods are kept as written"
    assert [(f.line, f.field, f.code, f.level) for f in findings] == [
        (4, "start", "mourning-overlap", Level.WARNING), (12, "start", "mourning-overlap", Level.WARNING)], \
        [f.render() for f in findings]
    first, second = (f.render() for f in findings)
    assert "第 2 个哀悼日（默哀三分钟" in first and "第 2 行的第 1 个哀悼日（全国哀悼日" in first and "重叠" in first
    assert "第 5 个哀悼日（年份写错的汶川" in second and "第 9 行的第 4 个哀悼日（汶川" in second
