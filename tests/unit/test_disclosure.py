"""Government-information disclosure: which articles are documents, their fields, 索引号 and the table."""

from __future__ import annotations

import datetime as dt

import pytest

from healthpress.model.articles import Article, parse_article
from healthpress.model.columns import Column
from healthpress.bureau.disclosure import (
    DEFAULT_TOPIC, DISCLOSURE_HELP, DISCLOSURE_KEYS, LABELS, DisclosureFields, assign_index_numbers,
    disclosure_record, disclosure_rows, index_number_findings, is_official_document, official_documents,
    parse_disclosure,
)
from healthpress.bureau.indexformat import parse_index_format
from healthpress.model.findings import Level
from healthpress.model.source import split_source

ORG = "00325437-X"


def doc(name: str, date: str, column: str = "notices", extra: str = "") -> Article:
    text = f"---\ntitle: {name}\ndate: {date}\n{extra}---\n正文\n"
    article, findings = parse_article(f"content/{column}/{name}.md", f"{column}/{name}.md", text)
    assert article is not None, findings
    return article


def read(extra: str, date: str = "2013-05-08"):
    """Front-matter line 2 is title, 3 date; the disclosure fields start on line 4."""
    path = "content/notices/tongzhi.md"
    text = f"---\ntitle: 通知\ndate: {date}\n{extra}---\n正文\n"
    article, _ = parse_article(path, "notices/tongzhi.md", text)
    source = split_source(path, text)
    return article, *parse_disclosure(path, article, source.front_matter, source.key_lines)


def column(column_id: str, kind: str) -> Column:
    return Column(column_id, column_id, "", kind, 1, 20, 6, False)


COLUMNS = {"notices": column("notices", "notices"), "press": column("press", "news")}


@pytest.mark.parametrize(
    "column_id, extra, official",
    [
        ("notices", "", True),
        ("press", "", False),
        ("press", 'doc_no: "宜卫办[2013]79号"\n', True),
        ("press", '文号: "宜卫办[2013]79号"\n', True),
    ],
    ids=["notices-column", "news-article", "news-with-doc-no", "chinese-doc-no"],
)
def test_official_documents(column_id, extra, official):
    article = doc("wen", "2013-05-08", column_id, extra)
    assert is_official_document(article, COLUMNS[column_id].kind) is official
    assert official_documents([article], COLUMNS) == ([article] if official else [])


def test_fields_default_to_active_disclosure_and_valid():
    _, fields, findings = read("")
    assert findings == []
    assert fields == DisclosureFields()
    assert (fields.disclosure, fields.validity, fields.index_no) == ("主动公开", "有效", None)


def test_every_field_in_chinese():
    _, fields, findings = read("索引号: 00325437-X/2013-00012\n主题分类: 卫生、体育\n发布机构: 安庆市卫生局\n"
                               "成文日期: 2013-05-06\n公开方式: 依申请公开\n有效性: 废止\n"
                               "替代文件: /notices/2014/03/xin-fangan/\n")
    assert findings == []
    assert fields == DisclosureFields(index_no="00325437-X/2013-00012", topic="卫生、体育", publisher="安庆市卫生局",
                                      written_on=dt.date(2013, 5, 6), disclosure="依申请公开", validity="废止",
                                      replaced_by="/notices/2014/03/xin-fangan/")


def test_the_key_tables_agree():
    assert sorted(DISCLOSURE_KEYS.values()) == sorted(DISCLOSURE_HELP)


@pytest.mark.parametrize(
    "extra, line, field, code, level",
    [
        ("validity: 废止\n", 4, "validity", "repealed-without-replacement", Level.ERROR),
        ("有效性: 废止\n", 4, "有效性", "repealed-without-replacement", Level.ERROR),
        ("validity: 作废\n", 4, "validity", "invalid-literal_error", Level.ERROR),
        ("公开方式: 公开\n", 4, "公开方式", "invalid-literal_error", Level.ERROR),
        ("validity: 废止\nreplaced_by: 新方案\n", 5, "replaced_by", "replaced-by-not-url", Level.ERROR),
        ("replaced_by: https://www.example.gov.cn/a/\n", 4, "replaced_by", "replaced-by-unused", Level.WARNING),
        ("written_on: 2013-05-09\n", 4, "written_on", "written-after-published", Level.ERROR),
        ("成文日期: 2013年5月6日\n", 4, "成文日期", "invalid-value_error", Level.ERROR),
        ("index_no: ''\n", 4, "index_no", "invalid-string_too_short", Level.ERROR),
    ],
    ids=["repealed-no-url", "repealed-no-url-chinese", "unknown-validity", "unknown-disclosure", "not-a-url",
         "url-but-valid", "written-after-published", "chinese-date-form", "blank-index"],
)
def test_field_findings(extra, line, field, code, level):
    _, fields, findings = read(extra)
    [finding] = findings
    assert (finding.path, finding.line, finding.field, finding.code, finding.level) == (
        "content/notices/tongzhi.md", line, field, code, level)
    assert (fields is None) is (level is Level.ERROR)
    assert finding.fix


def test_repealed_with_url_is_fine():
    _, fields, findings = read("validity: 废止\nreplaced_by: https://www.example.gov.cn/notices/2014/03/x/\n")
    assert findings == [] and fields.replaced_by.startswith("https://")


def test_index_numbers_by_date_then_source_within_each_year():
    docs = [doc("c", "2013-06-01"), doc("a", "2013-05-08"), doc("b", "2013-05-08"), doc("d", "2014-01-02"),
            doc("e", "2013-12-31 23:59")]
    assert assign_index_numbers(docs, ORG) == {
        "notices/a.md": f"{ORG}/2013-00001", "notices/b.md": f"{ORG}/2013-00002",
        "notices/c.md": f"{ORG}/2013-00003", "notices/e.md": f"{ORG}/2013-00004",
        "notices/d.md": f"{ORG}/2014-00001"}


def test_explicit_numbers_are_kept_and_skipped_by_the_sequence():
    docs = [doc("a", "2013-05-08"), doc("b", "2013-05-09"), doc("c", "2013-05-10"), doc("d", "2013-05-11")]
    explicit = {"notices/c.md": f"{ORG}/2013-00002", "notices/d.md": "宜卫/2013-7"}
    assert assign_index_numbers(docs, ORG, explicit) == {
        "notices/a.md": f"{ORG}/2013-00001", "notices/b.md": f"{ORG}/2013-00003",
        "notices/c.md": f"{ORG}/2013-00002", "notices/d.md": "宜卫/2013-7"}


def test_an_explicit_number_reserves_the_year_written_in_it():
    docs = [doc("a", "2013-05-08"), doc("b", "2014-05-09")]
    numbers = assign_index_numbers(docs, ORG, {"notices/b.md": f"{ORG}/2013-00001"})
    assert numbers["notices/a.md"] == f"{ORG}/2013-00002"


def test_index_numbers_follow_the_configured_pattern_and_skip_its_explicit_numbers():
    docs = [doc("a", "2013-05-08"), doc("b", "2013-05-09"), doc("c", "2014-01-02")]
    pattern = parse_index_format("{org_code}-{year}-{seq:04d}")
    numbers = assign_index_numbers(docs, ORG, {"notices/b.md": f"{ORG}-2013-0001"}, pattern)
    assert numbers == {"notices/a.md": f"{ORG}-2013-0002", "notices/b.md": f"{ORG}-2013-0001",
                       "notices/c.md": f"{ORG}-2014-0001"}


def test_index_numbers_are_stable_whatever_the_input_order():
    docs = [doc(name, f"2013-05-{day:02d}") for name, day in (("x", 3), ("y", 1), ("z", 2), ("w", 1))]
    assert assign_index_numbers(docs, ORG) == assign_index_numbers(list(reversed(docs)), ORG)


def test_duplicate_explicit_index_number_names_both_files():
    explicit = {"notices/a.md": f"{ORG}/2013-00001", "notices/b.md": f" {ORG}/2013-00001 ",
                "notices/c.md": f"{ORG}/2013-00002"}
    paths = {s: "content/" + s for s in explicit}
    findings = index_number_findings(explicit, paths, {"notices/a.md": (4, "index_no"), "notices/b.md": (6, "索引号")})
    assert [(f.path, f.line, f.field, f.code, f.level) for f in findings] == [
        ("content/notices/a.md", 4, "index_no", "duplicate-index-no", Level.ERROR),
        ("content/notices/b.md", 6, "索引号", "duplicate-index-no", Level.ERROR)]
    assert "content/notices/b.md" in findings[0].message and "content/notices/a.md" in findings[1].message


def test_no_duplicates_no_findings():
    assert index_number_findings({"a.md": "1", "b.md": "2", "c.md": ""}) == []


def test_record_defaults():
    article = doc("tishen", "2013-05-08 09:30", "press", 'doc_no: "宜卫办[2013]79号"\nunit: 安庆市卫生局\n')
    record = disclosure_record(article, DisclosureFields(), f"{ORG}/2013-00001", "市卫生局")
    assert (record.topic, record.publisher, record.written_on, record.published_on, record.doc_no) == (
        DEFAULT_TOPIC, "安庆市卫生局", dt.date(2013, 5, 8), dt.date(2013, 5, 8), "宜卫办[2013]79号")
    no_unit = disclosure_record(doc("t", "2013-05-08"), DisclosureFields(), "x", "市卫生局")
    assert no_unit.publisher == "市卫生局"


def test_rows_in_table_order_with_chinese_dates():
    article = doc("tishen", "2013-05-08", "press", 'doc_no: "宜卫办[2013]79号"\n')
    fields = DisclosureFields(written_on=dt.date(2013, 5, 6), publisher="安庆市卫生局")
    rows = disclosure_rows(disclosure_record(article, fields, f"{ORG}/2013-00001", "市卫生局"))
    assert tuple(r.label for r in rows) == LABELS
    assert [r.text for r in rows] == [f"{ORG}/2013-00001", "卫生、体育", "安庆市卫生局", "2013年5月6日",
                                      "宜卫办[2013]79号", "2013年5月8日", "主动公开", "有效"]
    assert all(r.url is None for r in rows)


def test_repealed_row_links_to_the_replacement():
    fields = DisclosureFields(validity="废止", replaced_by="/notices/2014/03/x/")
    rows = disclosure_rows(disclosure_record(doc("t", "2013-05-08"), fields, "x", "市卫生局"))
    assert (rows[-1].text, rows[-1].url) == ("废止（查看替代文件）", "/notices/2014/03/x/")
    assert rows[4].text == "无"
