"""Inspection indicators: freshness, footer identification, leaders' names and titles, standard terms, levels."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from healthpress.model.articles import Article, parse_article
from healthpress.model.columns import Column
from healthpress.bureau.leaders import Leader, Leaders, load_leaders, parse_leaders
from healthpress.bureau.terms import Term, load_terms, parse_terms
from healthpress.checks.compliance import (
    DEFAULT_LEVELS, ICP_URL, apply_levels, check_freshness, check_identification, check_leaders, check_terms,
    resolve_levels,
)
from healthpress.model.findings import Finding, Level

D = dt.date
CST = dt.timezone(dt.timedelta(hours=8))
ROOT = Path(__file__).resolve().parents[2]
TODAY = D(2013, 7, 1)


def column(column_id: str, kind: str = "news", archived: bool = False) -> Column:
    return Column(column_id, f"栏目{column_id}", "", kind, 1, 20, 6, archived)


def article(body: str, title: str = "会议报道", date: str = "2013-06-05", name: str = "a") -> Article:
    """Front matter: title on line 2, date on line 3; the body starts on line 5."""
    a, findings = parse_article(f"content/press/{name}.md", f"press/{name}.md",
                                f"---\ntitle: {title}\ndate: {date}\n---\n{body}\n")
    assert a is not None, findings
    return a


# ---------------------------------------------------------------- levels


def test_resolve_levels_over_the_defaults():
    levels = resolve_levels({"term": "error", "stale-column": "off", "leader-name": "WARNING"})
    assert (levels["term"], levels["stale-column"], levels["leader-name"]) == (Level.ERROR, None, Level.WARNING)
    assert levels["blank-column"] is Level.ERROR
    assert resolve_levels(None) == DEFAULT_LEVELS


@pytest.mark.parametrize("config, words", [({"terms": "error"}, "不认识的检查项“terms”"),
                                           ({"term": "fatal"}, "应当是 error、warning 或 off")])
def test_resolve_levels_rejects_unknown_codes_and_words(config, words):
    with pytest.raises(ValueError, match=words):
        resolve_levels(config)


def test_apply_levels_changes_and_drops():
    found = [Finding("a", 1, None, "term", "x", level=Level.WARNING), Finding("b", 1, None, "stale-column", "y"),
             Finding("c", 1, None, "other", "z", level=Level.WARNING)]
    out = apply_levels(found, {"term": Level.ERROR, "stale-column": None})
    assert [(f.path, f.level) for f in out] == [("a", Level.ERROR), ("c", Level.WARNING)]


# ---------------------------------------------------------------- freshness

COLUMNS = {"news": column("news"), "weekly": column("weekly", "periodical"), "notices": column("notices", "notices"),
           "mailbox": column("mailbox", "letters"), "old": column("old", archived=True)}
FRESH = {"news": D(2013, 6, 30), "weekly": D(2013, 6, 20), "notices": D(2013, 1, 10), "mailbox": D(2012, 1, 1),
         "old": D(2010, 1, 1)}


def test_everything_fresh_has_no_findings():
    assert check_freshness(COLUMNS, FRESH, TODAY) == []


@pytest.mark.parametrize(
    "change, code, path, level",
    [
        ({"news": D(2013, 6, 17)}, None, None, None),  # 14 days
        ({"news": D(2013, 6, 16)}, "stale-column", "columns/news.yml", Level.WARNING),  # 15 days
        ({"news": dt.datetime(2013, 6, 16, 23, 0, tzinfo=CST)}, "stale-column", "columns/news.yml", Level.WARNING),
        ({"weekly": D(2013, 6, 1)}, "stale-column", "columns/weekly.yml", Level.WARNING),
        ({"notices": D(2013, 1, 2)}, None, None, None),  # 180 days
        ({"notices": D(2013, 1, 1)}, "stale-column", "columns/notices.yml", Level.WARNING),  # 181 days
        ({"news": None}, "blank-column", "columns/news.yml", Level.ERROR),
        ({"old": None}, "blank-column", "columns/old.yml", Level.ERROR),
    ],
    ids=["news-14-days", "news-15-days", "datetime", "periodical", "notices-180-days", "notices-181-days",
         "blank", "archived-but-blank"],
)
def test_freshness(change, code, path, level):
    findings = check_freshness(COLUMNS, {**FRESH, **change}, TODAY)
    if code is None:
        assert findings == []
    else:
        [finding] = findings
        assert (finding.code, finding.path, finding.level) == (code, path, level)


def test_a_column_missing_from_latest_dates_is_blank():
    findings = check_freshness(COLUMNS, {k: v for k, v in FRESH.items() if k != "notices"}, TODAY)
    assert [(f.code, f.path) for f in findings] == [("blank-column", "columns/notices.yml")]
    assert "空白栏目" in findings[0].message


def test_per_column_thresholds():
    assert check_freshness(COLUMNS, FRESH, TODAY, thresholds={"weekly": 5})[0].path == "columns/weekly.yml"
    stale = {**FRESH, "news": D(2013, 1, 1)}
    assert check_freshness(COLUMNS, stale, TODAY, thresholds={"news": None}) == [
        f for f in check_freshness(COLUMNS, stale, TODAY) if f.path != "columns/news.yml"]


def test_stale_home_page():
    old = {k: D(2013, 6, 1) for k in COLUMNS}
    findings = check_freshness(COLUMNS, old, TODAY, thresholds={"news": None, "weekly": None})
    assert [(f.code, f.path) for f in findings] == [("stale-home", "content")]
    assert "30 天" in findings[0].message


def test_no_article_at_all():
    codes = [f.code for f in check_freshness(COLUMNS, {}, TODAY)]
    assert codes == ["blank-column"] * 5 + ["blank-home"]


def test_freshness_levels():
    stale = {**FRESH, "news": D(2013, 1, 1)}
    [finding] = check_freshness(COLUMNS, stale, TODAY, levels=resolve_levels({"stale-column": "error"}))
    assert finding.level is Level.ERROR
    assert check_freshness(COLUMNS, stale, TODAY, levels=resolve_levels({"stale-column": "off"})) == []


# ---------------------------------------------------------------- identification

FOOTER = {"sponsor": "清远市卫生局", "site_code": "4418000001", "icp": "粤ICP备12345678号-1",
          "police_record": "粤公网安备 44180202000123号", "gov_site_badge": "assets/dzjg.png"}


def test_complete_footer():
    assert check_identification({"bureau": FOOTER}) == []
    assert ICP_URL == "https://beian.miit.gov.cn/"


@pytest.mark.parametrize("key", list(FOOTER))
def test_each_missing_footer_field_is_an_error_naming_the_key(key):
    bureau = {k: v for k, v in FOOTER.items() if k != key}
    [finding] = check_identification({"bureau": bureau})
    assert (finding.path, finding.field, finding.code, finding.level) == (
        "mkdocs.yml", f"extra.bureau.{key}", "missing-identification", Level.ERROR)
    assert f"{key}:" in finding.fix and "extra: bureau:" in finding.fix


@pytest.mark.parametrize("blank", [None, "", "  "])
def test_blank_counts_as_missing(blank):
    [finding] = check_identification({"bureau": {**FOOTER, "sponsor": blank}})
    assert finding.code == "missing-identification"


@pytest.mark.parametrize("extra", [None, {}, {"bureau": None}, {"bureau": "市卫生局"}])
def test_no_bureau_section_lists_every_key(extra):
    assert [f.field for f in check_identification(extra)] == [f"extra.bureau.{k}" for k in FOOTER]


@pytest.mark.parametrize(
    "key, value",
    [("site_code", "441800001"), ("site_code", "44180000010"), ("icp", "ICP备12345678号"), ("icp", "粤ICP12345678"),
     ("police_record", "粤公网安备 4418020200号"), ("gov_site_badge", "assets/dzjg.txt")],
)
def test_malformed_footer_fields_are_warnings(key, value):
    [finding] = check_identification({"bureau": {**FOOTER, key: value}})
    assert (finding.code, finding.level, finding.field) == ("invalid-identification", Level.WARNING, f"extra.bureau.{key}")


def test_site_code_as_a_yaml_integer_is_fine():
    assert check_identification({"bureau": {**FOOTER, "site_code": 4418000001}}) == []


# ---------------------------------------------------------------- leaders

LEADERS = Leaders(
    organisations=("清远市卫生局", "市卫生局", "卫生局", "局"),
    leaders=(Leader("唐远强", ("市政协副主席", "卫生局局长", "局长")), Leader("李思真", ("局党组书记", "党组书记")),
             Leader("陈丽霞", ("副局长",)), Leader("罗家泉", ("副局长",)), Leader("马军", ("副调研员",)),
             Leader("莫新铨", ("市人民医院党委书记",))),
)


@pytest.mark.parametrize(
    "text, found",
    [
        ("局长唐远强出席会议。", None),
        ("局长李四出席会议。", ("局长", "李四")),
        ("市卫生局局长李四指出，", ("卫生局局长", "李四")),
        ("清远市卫生局局长张三丰在会上讲话。", ("卫生局局长", "张三丰")),
        ("会上，局长王五强调：", ("局长", "王五")),
        ("局长欧阳明远一行", ("局长", "欧阳明远")),
        ("副局长陈丽霞、罗家泉出席。", None),
        ("副局长罗家泉主持会议。", None),
        ("副局长李四主持会议。", ("副局长", "李四")),
        ("市卫生局副局长李四主持会议。", ("副局长", "李四")),
        ("副调研员马军带队检查。", None),
        ("副调研员马军", None),
        ("副调研员马伟。", ("副调研员", "马伟")),
        ("局党组书记李思真讲话。", None),
        ("局党组书记唐远强讲话。", ("局党组书记", "唐远强")),
        ("市人民医院党委书记谢全生", ("市人民医院党委书记", "谢全生")),
        ("市公安局局长李四出席。", None),
        ("市第二医院党委书记李四出席。", None),
        ("原局长李四出席。", None),
        ("局长高度重视这项工作。", None),
        ("局长在会上指出，", None),
        ("局长向记者表示，", None),
        ("局长要求各单位……", None),
        ("局长信箱开通百日", None),
        ("| 组长 | 市政协副主席、卫生局局长 | 唐远强 |", None),
        ("市政协副主席李四", ("市政协副主席", "李四")),
    ],
    ids=["right-name", "wrong-name", "bureau-title", "city-bureau-three-chars", "after-comma", "compound-surname",
         "deputies", "deputy", "wrong-deputy", "bureau-deputy", "two-char-name", "two-char-name-at-end",
         "wrong-two-char", "party-secretary", "secretary-is-someone-else", "hospital-secretary", "other-bureau",
         "other-hospital", "former", "not-a-name", "preposition", "not-a-name-either", "verb", "mailbox", "table",
         "vice-chairman"],
)
def test_check_leaders(text, found):
    findings = check_leaders([article("开头一行\n" + text)], LEADERS)
    if found is None:
        assert findings == []
    else:
        [finding] = findings
        title, name = found
        assert (finding.path, finding.line, finding.code, finding.level) == ("press/a.md", 6, "leader-name", Level.ERROR)
        assert finding.message.startswith(f"“{title}{name}”：{title}是")
        assert name in finding.message


def test_leaders_checked_in_the_title_too():
    [finding] = check_leaders([article("正文", title="局长李四调研基层卫生院")], LEADERS, {"press/a.md": "content/press/a.md"})
    assert (finding.path, finding.line) == ("content/press/a.md", 2)


def test_a_leader_counts_only_during_their_term():
    leaders = Leaders(("局",), (Leader("唐远强", ("局长",), until=D(2015, 12, 31)), Leader("李四", ("局长",), since=D(2016, 1, 1))))
    assert check_leaders([article("局长李四出席。", date="2016-03-01")], leaders) == []
    assert len(check_leaders([article("局长李四出席。", date="2015-03-01")], leaders)) == 1
    assert check_leaders([article("局长唐远强出席。", date="2015-03-01")], leaders) == []


def test_leader_level_is_configurable():
    arts = [article("局长李四出席。")]
    assert check_leaders(arts, LEADERS, levels=resolve_levels({"leader-name": "off"})) == []
    assert check_leaders(arts, LEADERS, levels=resolve_levels({"leader-name": "warning"}))[0].level is Level.WARNING


@pytest.mark.parametrize(
    "text, line, field, code",
    [
        ("organisations: [局]\nleaders:\n  - name: 马  军\n    titles: [副调研员]\n", 3, "name", "invalid-value_error"),
        ("organisations: [局]\nleaders:\n  - name: 唐远强\n    titles: []\n", 4, "titles", "invalid-value_error"),
        ("organisations: [局]\nleaders:\n  - name: 唐远强\n    titles: [市政协副主席、卫生局局长]\n", 4, "titles",
         "invalid-value_error"),
        ("organisations: [局]\nleaders:\n  - name: 唐远强\n    titles: [局长]\n  - name: 唐远强\n    titles: [主任]\n", 5,
         "name", "duplicate-leader"),
        ("organisations: [局]\nleaders:\n  - name: 唐远强\n    titles: [局长]\n    post: 局长\n", 5, "post",
         "invalid-extra_forbidden"),
        ("organisations: [局]\nleaders:\n  - name: 唐远强\n    titles: [局长]\n    since: 2013年1月\n", 5, "since",
         "invalid-value_error"),
        ("organisations: 局\nleaders: []\n", 1, "organisations", "data-not-list"),
    ],
    ids=["padded-name", "no-titles", "titles-joined", "duplicate", "unknown-field", "bad-date", "organisations-not-list"],
)
def test_leaders_file_findings(text, line, field, code):
    _, findings = parse_leaders("data/leaders.yml", text)
    [finding] = findings
    assert (finding.line, finding.field, finding.code) == (line, field, code)


# ---------------------------------------------------------------- terms

TERMS = [Term("新农合", ("新型农村合作医疗",), first_mention=True), Term("医闹", ("涉医违法犯罪",)),
         Term("非典", ("传染性非典型肺炎",), ignore=("非典型",)), Term("艾滋病病人", ("艾滋病患者", "艾滋病病毒感染者"))]


@pytest.mark.parametrize(
    "body, expected",
    [
        ("严厉打击医闹行为。", [(5, "医闹")]),
        ("医闹、医闹。\n没有。\n医闹", [(5, "医闹"), (5, "医闹"), (7, "医闹")]),
        ("2003年非典期间", [(5, "非典")]),
        ("传染性非典型肺炎疫情", []),
        ("非典型肺炎和非典型增生", []),
        ("关心艾滋病病人", [(5, "艾滋病病人")]),
        ("关心艾滋病患者和艾滋病病毒感染者", []),
        ("新农合报销比例提高。", [(5, "新农合")]),
        ("新型农村合作医疗（新农合）报销比例提高，新农合基金运行平稳。", []),
        ("第一段。\n\n新型农村合作医疗报销比例提高。\n\n新农合基金运行平稳。", []),
        ("新农合报销。\n新农合基金。", [(5, "新农合")]),
        ("没有相关用语。", []),
    ],
    ids=["one", "each-occurrence", "abbreviation", "full-name-contains-it", "ignored-phrases", "discriminating",
         "right-terms", "first-mention-short", "first-mention-full-then-short", "full-earlier-line", "reported-once",
         "clean"],
)
def test_check_terms(body, expected):
    findings = check_terms([article(body)], TERMS)
    assert [(f.line, f.message.split("”")[0].lstrip("“")) for f in findings] == expected
    assert all(f.code == "term" and f.level is Level.WARNING for f in findings)


def test_term_finding_names_the_right_term():
    [finding] = check_terms([article("关心艾滋病病人")], TERMS, {"press/a.md": "content/press/a.md"})
    assert finding.path == "content/press/a.md"
    assert "“艾滋病患者”或“艾滋病病毒感染者”" in finding.message and "改成" in finding.fix


def test_terms_in_title_but_short_form_allowed_in_title_for_first_mention():
    findings = check_terms([article("新型农村合作医疗（新农合）", title="打击医闹 新农合提标")], TERMS)
    assert [(f.line, f.message[:4]) for f in findings] == [(2, "“医闹”")]


def test_terms_level_is_configurable():
    arts = [article("医闹")]
    assert check_terms(arts, TERMS, levels=resolve_levels({"term": "off"})) == []
    assert check_terms(arts, TERMS, levels=resolve_levels({"term": "error"}))[0].level is Level.ERROR


@pytest.mark.parametrize(
    "text, line, field, code",
    [
        ("- wrong: 医闹\n", 1, "right", "invalid-missing"),
        ("- wrong: 医闹\n  right: 涉医违法犯罪\n- wrong: 医闹\n  right: 其他\n", 3, "wrong", "duplicate-term"),
        ("- wrong: 医闹\n  right: 医闹\n", 1, "wrong", "term-same"),
        ("- wrong: 医闹\n  right: 涉医违法犯罪\n  first: true\n", 3, "first", "invalid-extra_forbidden"),
        ("- wrong: 医闹\n  right: 涉医违法犯罪\n  first_mention: 是\n", 3, "first_mention", "invalid-bool_type"),
    ],
)
def test_terms_file_findings(text, line, field, code):
    _, findings = parse_terms("data/terms.yml", text)
    [finding] = findings
    assert (finding.path, finding.line, finding.field, finding.code) == ("data/terms.yml", line, field, code)


# ---------------------------------------------------------------- terms in force from a day, or until a day

REFORM = "- wrong: 卫生计生委\n  right: 卫生健康委\n  since: 2018-03-27\n  ignore: [原卫生计生委]\n"


@pytest.mark.parametrize("date, flagged", [
    ("2016-05-10", False), ("2020-06-01", True),
    ("2018-03-26 23:59", False), ("2018-03-27", True), ("2018-03-27 00:00", True),  # `since` is its first day
])
def test_a_term_since_a_reform_holds_only_articles_of_its_days(date, flagged):
    terms, findings = parse_terms("data/terms.yml", REFORM)
    assert findings == []
    found = check_terms([article("按照国家卫生计生委的部署，原卫生计生委印发的文件继续有效。", date=date)], terms,
                        {"press/a.md": "content/press/a.md"})
    assert [(f.path, f.line, f.code) for f in found] == ([("content/press/a.md", 5, "term")] if flagged else [])
    if flagged:
        assert found[0].message == "“卫生计生委”不是规范用语，应当写“卫生健康委”（适用于2018年3月27日起发布的文章）"
        assert found[0].fix == "改成“卫生健康委”"


@pytest.mark.parametrize("period, dates", [
    ("  until: 2019-12-31\n", {"2019-12-31": True, "2020-01-01": False, "2013-01-01": True}),
    ("  since: 2016-01-01\n  until: 2016-01-01\n", {"2015-12-31": False, "2016-01-01": True, "2016-01-02": False}),
    ("  since: 2016-01-01\n  until: 2019-12-31\n", {"2015-12-31": False, "2016-01-01": True, "2019-12-31": True,
                                                   "2020-01-01": False}),
])
def test_until_is_the_last_day_a_term_holds(period, dates):
    terms, findings = parse_terms("data/terms.yml", "- wrong: 新农合\n  right: 城乡居民医保\n" + period)
    assert findings == []
    for date, flagged in dates.items():
        assert bool(check_terms([article("参加新农合。", date=date)], terms)) is flagged, date


def test_the_same_wording_for_other_days_has_another_right_form():
    """新农合: a short form its full name must introduce before 2020, a programme merged away after."""
    terms, findings = parse_terms("data/terms.yml", (
        "- wrong: 新农合\n  right: 新型农村合作医疗\n  first_mention: true\n  until: 2019-12-31\n"
        "- wrong: 新农合\n  right: 城乡居民基本医疗保险\n  since: 2020-01-01\n"))
    assert findings == []
    text = "新型农村合作医疗（新农合）参保。新农合报销。"
    assert check_terms([article(text, date="2019-12-31")], terms) == []
    found = check_terms([article(text, date="2020-01-01")], terms)
    assert [f.line for f in found] == [5, 5], "each 新农合, the one in brackets too"
    assert found[0].message.startswith("“新农合”不是规范用语，应当写“城乡居民基本医疗保险”（适用于2020年1月1日起")
    [finding] = check_terms([article("新农合参保。", date="2016-03-01")], terms)
    assert finding.message == "“新农合”第一次出现时应当写全称“新型农村合作医疗”（适用于2019年12月31日以前发布的文章）"


@pytest.mark.parametrize(
    "text, line, field, code, words",
    [
        (REFORM + "  until: 2018-03-01\n", 5, "until", "until-before-since", "until（2018-03-01）早于起始日期 since（2018-03-27）"),
        ("- wrong: 医闹\n  right: 涉医违法犯罪\n  since: 2018-3-27\n", 3, "since", "invalid-value_error", "2018-3-27"),
        ("- wrong: 医闹\n  right: 涉医违法犯罪\n  until: 2018-02-30\n", 3, "until", "invalid-value_error", "这个月没有这一天"),
        ("- wrong: 医闹\n  right: 涉医违法犯罪\n  since: 2018-03-27 10:00\n", 3, "since", "invalid-value_error", "只写年月日"),
        ("- wrong: 医闹\n  right: 涉医违法犯罪\n  since: 2018\n", 3, "since", "invalid-value_error", "整数 2018"),
        ("- wrong: 医闹\n  right: 涉医违法犯罪\n  until: [2018-03-27]\n", 3, "until", "invalid-value_error", "列表"),
        ("- wrong: 医闹\n  right: 涉医违法犯罪\n  since: true\n", 3, "since", "invalid-value_error", "真假值"),
        ("- wrong: 医闹\n  right: 涉医违法犯罪\n  since: \"\"\n", 3, "since", "invalid-value_error", "无法识别的日期"),
        (REFORM + "- wrong: 卫生计生委\n  right: 卫健委\n  until: 2018-03-27\n", 5, "wrong", "duplicate-term",
         "第 1 行），两条检查的日期有重叠（2018年3月27日起，2018年3月27日以前）"),
        (REFORM + "- wrong: 卫生计生委\n  right: 卫健委\n", 5, "wrong", "duplicate-term", "第 1 行），两条检查的日期有重叠"),
        (REFORM + "- wrong: 卫生健康委\n  right: 卫生计生委\n", 5, "wrong", "term-contradiction",
         "“卫生健康委”是第 1 行那一条的规范写法，这里又说它不规范，两条检查的日期有重叠（2018年3月27日起，不限日期）"),
        ("- wrong: 卫健委\n  right: 卫生健康委\n- wrong: 卫生计生委\n  right: [卫生健康委, 卫健委]\n", 4, "right",
         "term-contradiction", "规范写法“卫健委”是第 1 行那一条里的不规范写法"),
    ],
)
def test_terms_file_period_findings(text, line, field, code, words):
    terms, findings = parse_terms("data/terms.yml", text)
    [finding] = findings
    assert (finding.path, finding.line, finding.field, finding.code) == ("data/terms.yml", line, field, code)
    assert words in finding.message and finding.level is Level.ERROR
    assert terms == [] or [t.right for t in terms] == [("卫生健康委",)], "the entry with the finding is left out"


def test_the_same_wording_on_days_apart_is_no_duplicate():
    terms, findings = parse_terms("data/terms.yml", REFORM + "- wrong: 卫生计生委\n  right: 卫健委\n  until: 2018-03-26\n")
    assert findings == [] and [t.right for t in terms] == [("卫生健康委",), ("卫健委",)]


def test_an_old_and_a_new_name_each_wrong_on_the_other_side_of_the_reform():
    """卫生健康委 in an article before the reform is as wrong as 卫生计生委 after it: two entries, their right forms
    swapped, on days apart; a short form whose full name must come first may be another entry's right form."""
    terms, findings = parse_terms("data/terms.yml", REFORM + (
        "- wrong: 卫生健康委\n  right: 卫生计生委\n  until: 2018-03-26\n"
        "- wrong: 农合\n  right: 新农合\n- wrong: 新农合\n  right: 新型农村合作医疗\n  first_mention: true\n"))
    assert findings == [] and len(terms) == 4
    text = "国家卫生计生委、国家卫生健康委。"
    [before] = check_terms([article(text, date="2018-03-26")], terms)
    [after] = check_terms([article(text, date="2018-03-27")], terms)
    assert before.message.startswith("“卫生健康委”不是规范用语，应当写“卫生计生委”（适用于2018年3月26日以前")
    assert after.message.startswith("“卫生计生委”不是规范用语，应当写“卫生健康委”（适用于2018年3月27日起")


def test_a_leaders_term_that_ends_before_it_begins_is_an_error():
    leaders, [finding] = parse_leaders("data/leaders.yml", (
        "organisations: [市卫生局]\nleaders:\n  - name: 唐远强\n    titles: [局长]\n"
        "    since: 2016-01-01\n    until: 2015-12-31\n"))
    assert (finding.line, finding.field, finding.code) == (6, "until", "until-before-since")
    assert leaders.leaders == ()


# ---------------------------------------------------------------- the committed data files


def example_articles() -> list[Article]:
    arts = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        a, _ = parse_article(str(path), path.relative_to(ROOT / "content").as_posix(), path.read_text(encoding="utf-8"))
        if a is not None:
            arts.append(a)
    return arts


def test_committed_leaders_file_loads_and_passes_on_the_example_site():
    leaders, findings = load_leaders(ROOT / "data" / "leaders.yml")
    assert findings == []
    names = {leader.name: leader.titles for leader in leaders.leaders}
    assert "局长" in names["唐远强"] and "市政协副主席" in names["唐远强"]
    assert "市卫生局党组书记" in names["李思真"]
    assert "副局长" in names["陈丽霞"] and "副局长" in names["罗家泉"]
    assert check_leaders(example_articles(), leaders) == []


def test_committed_terms_file_loads():
    terms, findings = load_terms(ROOT / "data" / "terms.yml")
    assert findings == []
    wrong = {t.wrong: t for t in terms}
    assert wrong["新农合"].first_mention and wrong["新农合"].right == ("新型农村合作医疗",)
    assert wrong["医闹"].right == ("涉医违法犯罪",) and "非典型" in wrong["非典"].ignore
    assert "卫生部" not in wrong
    assert wrong["卫生计生委"].since == D(2018, 3, 27) and wrong["卫生和计划生育委员会"].since == D(2018, 3, 27)


def test_the_example_archive_keeps_the_names_of_its_time():
    """An example article before the 2018 reform names 国家卫生计生委 and one after it 国家卫生健康委: no
    warning, where the same names held to the terms regardless of date would give one."""
    terms, _ = load_terms(ROOT / "data" / "terms.yml")
    articles = [a for a in example_articles() if not a.verbatim]
    assert check_terms(articles, terms) == []
    assert any("国家卫生健康委" in a.body and a.date.year > 2018 for a in articles)
    undated = [Term(t.wrong, t.right, t.first_mention, t.ignore, t.note) for t in terms]
    found = check_terms(articles, undated)
    assert [f.message.split("”")[0] for f in found] == ["“卫生计生委"]
    assert (found[0].path, found[0].line) == ("press/diyi-jidu-xinwen-fabuhui-2014.md", 19)


def test_load_data_from_real_files(tmp_path):
    (tmp_path / "terms.yml").write_text("- wrong: 医闹\n  right: 涉医违法犯罪\n", encoding="utf-8")
    assert load_terms(tmp_path / "terms.yml", "data/terms.yml") == ([Term("医闹", ("涉医违法犯罪",))], [])
    leaders, [finding] = load_leaders(tmp_path / "leaders.yml", "data/leaders.yml")
    assert (leaders, finding.code) == (Leaders((), ()), "data-missing")


@pytest.mark.parametrize("written, meant", [("起始", "since"), ("开始日期", "since"), ("截止", "until"),
                                            ("截止日期", "until"), ("Since", "since"), ("UNTIL", "until")])
def test_a_period_field_written_in_chinese_is_told_its_name_not_to_be_deleted(written, meant):
    """Deleting the line, as the fix said, would hold every article of every day to the term."""
    _, [found] = parse_terms("data/terms.yml", f"- wrong: 卫生计生委\n  right: 卫生健康委\n  {written}: 2018-03-27\n")
    assert (found.line, found.field) == (3, written) and "不认识这个字段" in found.message
    assert f"改成 {meant}" in found.fix and f"{meant}: " in found.fix and "删除" not in found.fix, found.fix
    _, [found] = parse_leaders("data/leaders.yml", "organisations: [卫生局]\nleaders:\n  - name: 张三\n"
                               f"    titles: [局长]\n    {written}: 2018-03-27\n")
    assert found.field == written and f"改成 {meant}" in found.fix, found.fix


def test_a_right_form_inside_the_wrong_wording_does_not_hide_it():
    """After the 2018 reform 食品药品监督管理局 is wrong and 药品监督管理局 right: the right form lies inside the
    wrong wording, and the wrong one was never found (every article passed); the right form alone passes."""
    terms, found = parse_terms("data/terms.yml", "- wrong: 食品药品监督管理局\n  right: 药品监督管理局\n  since: 2018-03-27\n")
    assert found == []
    texts = {"old": ("2020-06-01", "市食品药品监督管理局召开会议。"), "new": ("2020-06-01", "市药品监督管理局召开会议。"),
             "before": ("2016-06-01", "市食品药品监督管理局召开会议。")}
    articles = [parse_article(f"content/news/{name}.md", f"news/{name}.md",
                              f"---\ntitle: 会议\ndate: {day}\n---\n\n{body}\n")[0] for name, (day, body) in texts.items()]
    [flagged] = check_terms(articles, terms)
    assert flagged.path == "news/old.md" and flagged.line == 6 and "“药品监督管理局”" in flagged.message


def test_a_wrong_wording_inside_a_longer_one_in_force_is_reported_once_as_the_longer():
    """计生委 and 卫生计生委 both wrong after the reform: 国家卫生计生委 is one finding (卫生健康委), not also one for
    计生委 whose fix would make 国家卫生卫健委; 计生委 alone is still found. Before the longer one is in force,
    the shorter is judged on its own."""
    terms, found = parse_terms("data/terms.yml", "- wrong: 计生委\n  right: 卫健委\n"
                               "- wrong: 卫生计生委\n  right: 卫生健康委\n  since: 2018-03-27\n")
    assert found == []

    def messages(day: str) -> list[str]:
        [item] = [parse_article("content/news/a.md", "news/a.md",
                                f"---\ntitle: 会议\ndate: {day}\n---\n\n国家卫生计生委和市计生委。\n")[0]]
        return [f.message.split("不是")[0] for f in check_terms([item], terms)]

    assert sorted(messages("2020-01-01")) == ["“卫生计生委”", "“计生委”"]
    assert messages("2016-01-01") == ["“计生委”", "“计生委”"]
