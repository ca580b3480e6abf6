"""Units and liaisons (data/units.yml), unknown units, periods, per-unit counts and the CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from healthpress.model.articles import Article, parse_article
from healthpress.model.findings import Level
from healthpress.bureau.stats import (PeriodError, count_by_unit, default_period, parse_period, period_label,
                                      render_csv)
from healthpress.bureau.units import Liaison, Unit, closest_unit, load_units, parse_units, resolve_unit, unit_findings

D = dt.date
ROOT = Path(__file__).resolve().parents[2]
FILE = "data/units.yml"

UNITS_YML = """\
- name: 市人民医院
  short_name: 人民医院
  aliases: [市一院]
  type: 医疗机构
  liaisons:
    - name: 王海燕
      role: 联络员
    - name: 张伟
      role: 信息员
      phone: "13800000000"
- name: 市疾病预防控制中心
  short_name: 市疾控中心
  type: 公共卫生机构
  liaisons:
    - name: 黄晓东
- name: 市医疗事故技术鉴定中心
  type: 其他
"""


def units() -> list[Unit]:
    loaded, findings = parse_units(FILE, UNITS_YML)
    assert findings == []
    return loaded


def article(name: str, date: str, unit: str | None = None, author: str | None = None, status: str = "published",
            key: str = "unit") -> Article:
    front = f"title: {name}\ndate: {date}\n"
    front += f"{key}: {unit}\n" if unit else ""
    front += f"author: {author}\n" if author else ""
    front += f"status: {status}\n"
    a, findings = parse_article(f"content/news/{name}.md", f"news/{name}.md", "---\n" + front + "---\n正文\n")
    assert a is not None, findings
    return a


def test_units_read_in_file_order():
    loaded = units()
    assert [u.name for u in loaded] == ["市人民医院", "市疾病预防控制中心", "市医疗事故技术鉴定中心"]
    first = loaded[0]
    assert first.names == ("市人民医院", "人民医院", "市一院")
    assert first.liaisons == (Liaison("王海燕", "联络员"), Liaison("张伟", "信息员"))
    assert loaded[1].liaisons == (Liaison("黄晓东", "联络员"),)  # the default role
    assert (first.type, first.line) == ("医疗机构", 1)


def test_a_liaison_phone_is_never_loaded():
    assert not hasattr(units()[0].liaisons[1], "phone")
    assert "13800000000" not in repr(units())


@pytest.mark.parametrize(
    "text, line, field, code",
    [
        ("- name: 市人民医院\n", 1, "type", "invalid-missing"),
        ("- name: 市人民医院\n  type: 医院\n", 2, "type", "invalid-literal_error"),
        ("- name: 市人民医院\n  type: 医疗机构\n  liaison: [王海燕]\n", 3, "liaison", "invalid-extra_forbidden"),
        ("- name: 市人民医院\n  type: 医疗机构\n  liaisons:\n    - name: 王海燕\n      role: 通讯员\n", 5, "role",
         "invalid-literal_error"),
        ("- name: 市人民医院\n  type: 医疗机构\n  liaisons: 王海燕\n", 3, "liaisons", "invalid-list_type"),
        ("- name: 市人民医院\n  type: 医疗机构\n  liaisons:\n    - 王海燕\n", 4, None, "data-not-mapping"),
        ("- name: 市人民医院\n  type: 医疗机构\n- name: 市中医院\n  short_name: 市人民医院\n  type: 医疗机构\n", 3, "name",
         "duplicate-unit"),
        ("- name: 市人民医院\n  type: 医疗机构\n  liaisons:\n    - name: 王海燕\n"
         "- name: 市中医院\n  type: 医疗机构\n  liaisons:\n    - name: 王海燕\n", 8, "name", "duplicate-liaison"),
    ],
    ids=["no-type", "unknown-type", "unknown-field", "unknown-role", "liaisons-as-text", "liaison-as-text",
         "name-used-twice", "liaison-in-two-units"],
)
def test_unit_file_findings(text, line, field, code):
    _, findings = parse_units(FILE, text)
    [finding] = findings
    assert (finding.path, finding.line, finding.field, finding.code, finding.level) == (FILE, line, field, code, Level.ERROR)
    assert finding.fix


@pytest.mark.parametrize(
    "name, expected",
    [("市人民医院", "市人民医院"), ("人民医院", "市人民医院"), (" 市一院 ", "市人民医院"), ("市疾控中心", "市疾病预防控制中心"),
     ("市中医院", None), ("", None), (None, None)],
)
def test_resolve_unit(name, expected):
    found = resolve_unit(name, units())
    assert (found.name if found else None) == expected


@pytest.mark.parametrize(
    "name, expected",
    [("市人民医阮", "市人民医院"), ("人民医院急诊科", "市人民医院"), ("市疾控", "市疾病预防控制中心"),
     ("医疗事故鉴定中心", "市医疗事故技术鉴定中心"), ("市公安局", None)],
)
def test_closest_unit(name, expected):
    found = closest_unit(name, units())
    assert (found.name if found else None) == expected


def test_unknown_unit_is_a_warning_naming_the_closest():
    arts = [article("a", "2013-05-08", "市人民医阮"), article("b", "2013-05-08", "人民医院"), article("c", "2013-05-08"),
            article("d", "2013-05-08", "市公安局", key="单位")]
    findings = unit_findings(arts, units(), {a.src_uri: "content/" + a.src_uri for a in arts})
    assert [(f.path, f.line, f.field, f.code, f.level) for f in findings] == [
        ("content/news/a.md", 4, "unit", "unknown-unit", Level.WARNING),
        ("content/news/d.md", 4, "单位", "unknown-unit", Level.WARNING)]
    assert "是不是“市人民医院”？" in findings[0].fix
    assert "是不是" not in findings[1].fix


def test_a_county_unit_on_many_articles_is_compared_with_the_list_once(monkeypatch):
    """A realistic bureau's articles name the same few county units thousands of times: each name not in
    the list is matched against it once, and every article still gets its warning with the hint."""
    import difflib

    calls = []
    compare = difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda *a, **k: calls.append(a[0]) or compare(*a, **k))
    arts = [article(f"a{n}", "2013-05-08", "市人民医阮" if n % 2 else "东山县卫生局") for n in range(40)]
    findings = unit_findings(arts, units())
    assert len(findings) == 40 and all(f.code == "unknown-unit" for f in findings)
    assert ["是不是“市人民医院”？" in f.fix for f in findings] == [n % 2 == 1 for n in range(40)]
    assert sorted(calls) == ["东山县卫生局", "市人民医阮"]


@pytest.mark.parametrize(
    "text, period",
    [
        ("2013", (D(2013, 1, 1), D(2013, 12, 31))),
        ("2013Q1", (D(2013, 1, 1), D(2013, 3, 31))),
        ("2013Q2", (D(2013, 4, 1), D(2013, 6, 30))),
        ("2013q4", (D(2013, 10, 1), D(2013, 12, 31))),
        ("2013-05", (D(2013, 5, 1), D(2013, 5, 31))),
        ("2016-02", (D(2016, 2, 1), D(2016, 2, 29))),
        (" 2013-12 ", (D(2013, 12, 1), D(2013, 12, 31))),
    ],
)
def test_parse_period(text, period):
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["2013Q5", "2013-13", "2013-5", "13", "2013年", "2013-05-01", "Q2", "", "2013 Q2"])
def test_parse_period_errors_say_how_to_write_it(text):
    with pytest.raises(PeriodError, match="统计时段“.*”"):
        parse_period(text)


def test_unreadable_period_message_gives_the_three_forms():
    with pytest.raises(PeriodError, match="2013（全年）、2013Q2（第二季度）或 2013-05（5月）"):
        parse_period("2013Q5")


@pytest.mark.parametrize("text, label", [("2013", "2013年"), ("2013Q2", "2013年第二季度"), ("2013-05", "2013年5月")])
def test_period_label(text, label):
    assert period_label(text) == label


ARTICLES = [
    article("r1", "2013-04-03", "市人民医院", "王海燕"),
    article("r2", "2013-05-20 09:00", "人民医院", "王海燕"),
    article("r3", "2013-06-30 23:59", "市一院", "李四"),
    article("c1", "2013-06-01", "市疾控中心", "黄晓东"),
    article("c2", "2013-07-01", "市疾病预防控制中心", "黄晓东"),  # next quarter
    article("x1", "2013-05-05", "市公安局", "黄晓东"),  # credited to the liaison, unit unregistered
    article("n1", "2013-05-06"),
    article("draft", "2013-05-07", "市人民医院", "王海燕", status="draft"),
    article("old", "2012-06-01", "市人民医院", "王海燕"),
]


def rows(stats):
    return [(r.unit, r.liaison, r.counts) for r in stats.rows]


def test_count_by_quarter_per_unit_and_liaison_including_zero():
    stats = count_by_unit(ARTICLES, units(), "2013Q2")
    assert [c.label for c in stats.columns] == ["4月", "5月", "6月", "合计"]
    assert stats.label == "2013年第二季度"
    assert rows(stats) == [
        ("市人民医院", None, (1, 1, 1, 3)),
        ("市人民医院", "王海燕", (1, 1, 0, 2)),
        ("市人民医院", "张伟", (0, 0, 0, 0)),
        ("市疾病预防控制中心", None, (0, 0, 1, 1)),
        ("市疾病预防控制中心", "黄晓东", (0, 1, 1, 2)),
        ("市医疗事故技术鉴定中心", None, (0, 0, 0, 0)),
        ("（未登记的单位）", None, (0, 2, 0, 2)),
        ("合计", None, (1, 3, 2, 6)),
    ]


def test_count_by_year_has_months_then_quarters_then_total():
    stats = count_by_unit(ARTICLES, units(), "2013")
    assert [c.label for c in stats.columns] == [f"{m}月" for m in range(1, 13)] + [
        "第一季度", "第二季度", "第三季度", "第四季度", "合计"]
    first = stats.rows[0]
    assert (first.unit, first.counts[3:6], first.counts[12:16], first.total) == ("市人民医院", (1, 1, 1), (0, 3, 0, 0), 3)
    cdc = stats.rows[3]
    assert (cdc.unit, cdc.counts[12:16], cdc.total) == ("市疾病预防控制中心", (0, 1, 1, 0), 2)


def test_count_by_month():
    stats = count_by_unit(ARTICLES, units(), "2013-06")
    assert [c.label for c in stats.columns] == ["6月"]
    assert [(r.unit, r.liaison, r.total) for r in stats.rows if r.total] == [
        ("市人民医院", None, 1), ("市疾病预防控制中心", None, 1), ("市疾病预防控制中心", "黄晓东", 1), ("合计", None, 2)]


def test_no_articles_still_lists_every_unit():
    stats = count_by_unit([], units(), "2014")
    assert [(r.unit, r.liaison, r.total) for r in stats.rows] == [
        ("市人民医院", None, 0), ("市人民医院", "王海燕", 0), ("市人民医院", "张伟", 0), ("市疾病预防控制中心", None, 0),
        ("市疾病预防控制中心", "黄晓东", 0), ("市医疗事故技术鉴定中心", None, 0), ("合计", None, 0)]


def test_count_by_unit_rejects_a_bad_period():
    with pytest.raises(PeriodError):
        count_by_unit(ARTICLES, units(), "2013Q0")


def test_csv_starts_with_a_bom_and_opens_as_a_table(tmp_path):
    text = render_csv(count_by_unit(ARTICLES, units(), "2013Q2"))
    assert text.startswith("\ufeff单位,单位类型,联络员/信息员,角色,4月,5月,6月,合计\r\n")
    path = tmp_path / "stats.csv"
    path.write_text(text, encoding="utf-8")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert table[1] == ["市人民医院", "医疗机构", "", "", "1", "1", "1", "3"]
    assert table[2] == ["市人民医院", "医疗机构", "王海燕", "联络员", "1", "1", "0", "2"]
    assert table[-1] == ["合计", "", "", "", "1", "3", "2", "6"]


def test_committed_units_file_loads_without_findings_and_covers_the_example_content():
    loaded, findings = load_units(ROOT / "data" / "units.yml")
    assert findings == []
    arts = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        a, _ = parse_article(str(path), path.relative_to(ROOT / "content").as_posix(), path.read_text(encoding="utf-8"))
        if a is not None:
            arts.append(a)
    assert unit_findings(arts, loaded) == []
    stats = count_by_unit(arts, loaded, "2013")
    unit_totals = {r.unit: r.total for r in stats.rows if r.liaison is None}
    assert any(total == 0 for total in unit_totals.values())  # a unit that published nothing is listed
    liaison_totals = {r.liaison: r.total for r in stats.rows if r.liaison}
    assert sum(1 for total in liaison_totals.values() if total) >= 5
    assert any(total == 0 for total in liaison_totals.values())


def test_load_units_from_a_real_file(tmp_path):
    path = tmp_path / "units.yml"
    path.write_text(UNITS_YML, encoding="utf-8")
    loaded, findings = load_units(path, FILE)
    assert findings == [] and len(loaded) == 3
    assert load_units(tmp_path / "none.yml", FILE)[1][0].code == "data-missing"


FORMULA_UNITS_YML = """\
- name: "=SUM(A1)"
  type: 医疗机构
  liaisons:
    - name: "@SUM(1+1)*cmd|' /C calc'!A0"
- name: "+1+1"
  short_name: "-2+3"
  type: 其他
- name: "-HYPERLINK(\\"http://evil.example/\\")"
  type: 其他
- name: 市人民医院 =安全
  type: 医疗机构
"""


def test_csv_neutralises_cells_that_a_spreadsheet_would_run_as_formulas():
    loaded, findings = parse_units(FILE, FORMULA_UNITS_YML)
    assert findings == []
    table = list(csv.reader(io.StringIO(render_csv(count_by_unit((), loaded, "2013")).removeprefix("\ufeff"))))
    cells = [cell for row in table for cell in row]
    assert [row[0] for row in table[1:]] == [
        "'=SUM(A1)", "'=SUM(A1)", "'+1+1", "'-HYPERLINK(\"http://evil.example/\")", "市人民医院 =安全", "合计"]
    assert table[2][2] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\n")], cells
    assert table[-1][-1] == "0", "counts stay numbers"


@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("\n=1", "'\n=1"), ("＝1+1", "'＝1+1"), ("＋1", "'＋1"), ("－1", "'－1"), ("＠A1", "'＠A1"),
    ("市人民医院", "市人民医院"), ("a=1", "a=1"), ("", ""), (-1, -1), (3, 3),
])
def test_spreadsheet_cell(value, cell):
    from healthpress.bureau.stats import spreadsheet_cell

    assert spreadsheet_cell(value) == cell


@pytest.mark.parametrize("dates, period", [
    ((), "2014"),
    (("2013-05-08", "2012-01-01"), "2013"),
    (("2013-05-08", "2014-01-01"), "2014"),
    (("2013-12-31 23:30",), "2013"),
], ids=["no-articles", "latest-year-with-articles", "this-year", "new-years-eve-in-beijing"])
def test_default_period_is_this_year_or_the_latest_with_a_published_article(dates, period):
    articles = [article(f"a{n}", date) for n, date in enumerate(dates)]
    articles.append(article("draft", "2014-02-01", status="draft"))
    chosen, why = default_period(articles, D(2014, 5, 13))
    assert chosen == period and f"{period}年" in why
