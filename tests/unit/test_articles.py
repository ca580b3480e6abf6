"""parse_article: the front-matter contract, Chinese key aliases, URLs and editor-facing findings."""

from __future__ import annotations

import datetime as dt

import pytest

from healthpress.model.articles import CHINESE_KEYS, FIELD_HELP, Article, default_column, default_slug, parse_article
from healthpress.model.findings import Level

SRC = "press/yizhen.md"
PATH = "content/press/yizhen.md"
CST = dt.timezone(dt.timedelta(hours=8))


def parse(front: str, src_uri: str = SRC, body: str = "正文\n"):
    """Parse an article whose front matter lines are `front` (its first line is file line 2)."""
    return parse_article("content/" + src_uri, src_uri, "---\n" + front + "---\n" + body)


def parse_ok(front: str, src_uri: str = SRC) -> Article:
    article, findings = parse(front, src_uri)
    assert findings == []
    assert article is not None
    return article


def only_finding(front: str, src_uri: str = SRC):
    article, findings = parse(front, src_uri)
    assert article is None
    assert len(findings) == 1, findings
    return findings[0]


MINIMAL = "title: 市人民医院开展义诊活动\ndate: 2013-05-08\n"

ENGLISH = """\
title: 市人民医院开展“优质服务年”义诊活动
date: 2013-05-08 09:30
column: health-weekly
slug: yizhen-huodong
summary: 百名专家走进社区
author: 张明
unit: 市人民医院
tags: [健康, 义诊]
cover: images/cover.jpg
status: draft
pinned: true
doc_no: "宜卫办[2013]79号"
issue: 12
sensitive: true
approved_by: 王局长
approved_on: 2013-05-07
expires: 2013-12-31
urgent: true
verbatim: true
release_no: 2013年第3号
spokesperson: 李华
index_no: 00325437-X/2013-00012
topic: 卫生、体育
publisher: 市卫生局
written_on: 2013-05-06
disclosure: 主动公开
validity: 有效
replaced_by: /press/
writer: 王女士
received: 2013-05-01
reply: 已转医政科办理。
replied_by: 市卫生局医政科
replied_on: 2013-05-03
interprets:
  - 宜卫办[2013]79号
  - service-year/fangan.md
doc_type: 行政规范性文件
interview_time: 2013-05-20 15:00
guests: [张明（市卫生局副局长）]
host: 李华
stage: 回顾
opens: 2013-05-01
closes: 2013-05-31
opinions: 12
results: 采纳 3 条。
"""

CHINESE = """\
标题: 市人民医院开展“优质服务年”义诊活动
日期: 2013-05-08 09:30
栏目: health-weekly
别名: yizhen-huodong
摘要: 百名专家走进社区
作者: 张明
单位: 市人民医院
标签: [健康, 义诊]
封面: images/cover.jpg
状态: draft
置顶: true
文号: "宜卫办[2013]79号"
期号: 12
敏感: true
审核人: 王局长
审核日期: 2013-05-07
下线日期: 2013-12-31
紧急: true
原文: true
发布编号: 2013年第3号
发言人: 李华
索引号: 00325437-X/2013-00012
主题分类: 卫生、体育
发布机构: 市卫生局
成文日期: 2013-05-06
公开方式: 主动公开
有效性: 有效
替代文件: /press/
来信人: 王女士
来信日期: 2013-05-01
答复: 已转医政科办理。
答复单位: 市卫生局医政科
答复日期: 2013-05-03
解读文件:
  - 宜卫办[2013]79号
  - service-year/fangan.md
文件类型: 行政规范性文件
访谈时间: 2013-05-20 15:00
嘉宾: [张明（市卫生局副局长）]
主持人: 李华
访谈阶段: 回顾
征集开始: 2013-05-01
征集截止: 2013-05-31
收到意见: 12
结果: 采纳 3 条。
"""


def test_every_field_read_into_the_article():
    article = parse_ok(ENGLISH)
    assert article == Article(
        src_uri=SRC, title="市人民医院开展“优质服务年”义诊活动",
        date=dt.datetime(2013, 5, 8, 9, 30, tzinfo=CST), column="health-weekly", slug="yizhen-huodong",
        summary="百名专家走进社区", author="张明", unit="市人民医院", tags=("健康", "义诊"),
        cover="images/cover.jpg", status="draft", pinned=True, doc_no="宜卫办[2013]79号", issue=12,
        body="正文\n", body_line=48, sensitive=True, approved_by="王局长",
        approved_on=dt.datetime(2013, 5, 7, tzinfo=CST), expires=dt.datetime(2013, 12, 31, tzinfo=CST),
        urgent=True, verbatim=True, release_no="2013年第3号", spokesperson="李华",
        disclosure_fields=(("index_no", "00325437-X/2013-00012"), ("topic", "卫生、体育"), ("publisher", "市卫生局"),
                           ("written_on", dt.datetime(2013, 5, 6, tzinfo=CST)), ("disclosure", "主动公开"),
                           ("validity", "有效"), ("replaced_by", "/press/"), ("doc_type", "行政规范性文件")),
        letter_fields=(("writer", "王女士"), ("received", dt.datetime(2013, 5, 1, tzinfo=CST)),
                       ("reply", "已转医政科办理。"), ("replied_by", "市卫生局医政科"),
                       ("replied_on", dt.datetime(2013, 5, 3, tzinfo=CST))),
        interprets=("宜卫办[2013]79号", "service-year/fangan.md"), interprets_lines=(36, 37),
        activity_fields=(("interview_time", dt.datetime(2013, 5, 20, 15, 0, tzinfo=CST)),
                         ("guests", ("张明（市卫生局副局长）",)), ("host", "李华"), ("stage", "回顾"),
                         ("opens", dt.datetime(2013, 5, 1, tzinfo=CST)), ("closes", dt.datetime(2013, 5, 31, tzinfo=CST)),
                         ("opinions", 12), ("results", "采纳 3 条。")),
    )


@pytest.mark.parametrize("written, items, lines", [
    ("interprets: 宜卫办[2013]79号\n", ("宜卫办[2013]79号",), (4,)),
    ("interprets: [宜卫办〔2013〕79号, a/b.md]\n", ("宜卫办〔2013〕79号", "a/b.md"), (4, 4)),
    ("解读文件:\n  - a/b.md\n  - c/d.md\n", ("a/b.md", "c/d.md"), (5, 6)),
], ids=["one-without-a-list", "inline-list", "one-a-line"])
def test_interprets_is_a_list_with_the_line_of_each_item(written, items, lines):
    article = parse_ok(MINIMAL + written)
    assert (article.interprets, article.interprets_lines) == (items, lines)


@pytest.mark.parametrize("written, field", [
    ("doc_type: 规范性文件\n", "doc_type"), ("stage: 结束\n", "stage"), ("opinions: -1\n", "opinions"),
    ("closes: 下个月\n", "closes"), ("guests: [\"\"]\n", "guests"),
], ids=["doc-type", "stage", "negative-opinions", "closes-not-a-date", "empty-guest"])
def test_a_wrong_value_of_a_new_field_is_an_error_on_its_line(written, field):
    finding = only_finding(MINIMAL + written)
    assert (finding.line, finding.field, finding.level) == (4, field, Level.ERROR)


def test_chinese_keys_give_the_same_article_as_english_keys():
    assert parse_ok(CHINESE) == parse_ok(ENGLISH)


def test_the_chinese_key_table_covers_every_field():
    assert sorted(CHINESE_KEYS.values()) == sorted(FIELD_HELP)


@pytest.mark.parametrize("chinese, english", sorted(CHINESE_KEYS.items()), ids=lambda v: v)
def test_each_chinese_key_alone_is_the_english_key(chinese, english):
    english_line = next(line for line in ENGLISH.splitlines() if line.startswith(english + ":"))
    chinese_front = ENGLISH.replace(english_line + "\n", english_line.replace(english, chinese, 1) + "\n")
    assert chinese_front != ENGLISH
    assert parse_ok(chinese_front) == parse_ok(ENGLISH)


def test_defaults_for_optional_fields():
    article = parse_ok(MINIMAL)
    assert (article.summary, article.author, article.unit, article.tags, article.cover) == (None, None, None, (), None)
    assert (article.status, article.pinned, article.doc_no, article.issue) == ("published", False, None, None)
    assert (article.sensitive, article.approved_by, article.approved_on, article.expires) == (False, None, None, None)


@pytest.mark.parametrize(
    "written, expected",
    [
        ("2013-05-08", dt.datetime(2013, 5, 8, 0, 0, tzinfo=CST)),
        ("2013-05-08 09:30", dt.datetime(2013, 5, 8, 9, 30, tzinfo=CST)),
        ("'2013-05-08 09:30'", dt.datetime(2013, 5, 8, 9, 30, tzinfo=CST)),
    ],
    ids=["date-only", "date-and-time", "quoted"],
)
def test_date_forms_are_beijing_time(written, expected):
    article = parse_ok(f"title: 体检\ndate: {written}\n")
    assert article.date == expected
    assert article.date.utcoffset() == dt.timedelta(hours=8)
    assert (article.date.hour, article.date.minute) == (expected.hour, expected.minute)


def test_url_is_column_year_month_slug():
    article = parse_ok("title: 体检\ndate: 2013-01-31 23:59\nslug: tijian\n", "health-weekly/tijian.md")
    assert article.url == "health-weekly/2013/01/tijian/"
    assert article.dest_uri == "health-weekly/2013/01/tijian/index.html"


@pytest.mark.parametrize(
    "src_uri, front, column",
    [
        ("press/yizhen.md", MINIMAL, "press"),
        ("press/2013/yizhen.md", MINIMAL, "press"),
        ("press/yizhen.md", MINIMAL + "column: health-weekly\n", "health-weekly"),
        ("press/yizhen.md", MINIMAL + "栏目: health-weekly\n", "health-weekly"),
        ("yizhen.md", MINIMAL + "column: health-weekly\n", "health-weekly"),
    ],
    ids=["first-folder", "first-of-nested-folders", "column-key-overrides", "chinese-key-overrides",
         "top-level-file-with-column"],
)
def test_column(src_uri, front, column):
    article = parse_ok(front, src_uri)
    assert article.column == column
    assert article.url == f"{column}/2013/05/{article.slug}/"


def test_top_level_file_without_column_is_an_error():
    finding = only_finding(MINIMAL, "yizhen.md")
    assert (finding.path, finding.line, finding.field, finding.code, finding.level) == (
        "content/yizhen.md", 1, None, "column-missing", Level.ERROR)
    assert "column:" in finding.fix


@pytest.mark.parametrize(
    "src_uri, front, slug",
    [
        ("press/shijie-wuyanri-2013.md", MINIMAL, "shijie-wuyanri-2013"),
        ("press/World_No-Tobacco Day.md", MINIMAL, "world-no-tobacco-day"),
        ("press/世界卫生日控制高血压.md", MINIMAL, "shi-jie-wei-sheng-ri-kong-zhi-gao-xue-ya"),
        ("health-education/12320热线健康咨询.md", MINIMAL, "12320-re-xian-jian-kang-zi-xun"),
        ("press/世界卫生日控制高血压.md", MINIMAL + "slug: world-health-day\n", "world-health-day"),
        ("press/世界卫生日控制高血压.md", MINIMAL + "别名: world-health-day\n", "world-health-day"),
    ],
    ids=["ascii-file-name", "ascii-file-name-normalised", "chinese-file-name", "digits-and-chinese",
         "slug-key", "chinese-slug-key"],
)
def test_slug(src_uri, front, slug):
    article = parse_ok(front, src_uri)
    assert article.slug == slug
    assert article.url.endswith(f"/2013/05/{slug}/")


@pytest.mark.parametrize(
    "key, value",
    [("slug", "../x"), ("slug", "a/b"), ("slug", "Upper"), ("slug", "'yi zhen'"), ("slug", "义诊"), ("别名", "../x")],
    ids=["dot-dot", "slash", "upper-case", "space", "chinese", "chinese-key"],
)
def test_invalid_slug_is_an_error_on_the_slug_line(key, value):
    finding = only_finding(f"title: 体检\ndate: 2013-05-08\n{key}: {value}\nauthor: 张明\n")
    assert (finding.path, finding.line, finding.field, finding.code, finding.level) == (
        PATH, 4, key, "invalid-slug", Level.ERROR)
    assert "slug: yizhen-huodong" in finding.fix


def test_file_name_without_letters_or_chinese_is_an_error():
    finding = only_finding(MINIMAL, "press/！！.md")
    assert (finding.line, finding.field, finding.code) == (1, None, "invalid-file-name")
    assert "！！.md" in finding.message
    assert "slug:" in finding.fix


@pytest.mark.parametrize(
    "tags, expected",
    [
        ("[健康, 防疫, 健康, 义诊, 防疫]", ("健康", "防疫", "义诊")),
        ("\n  - 防疫\n  - 健康\n  - 防疫\n", ("防疫", "健康")),
        ("[' 健康 ', 健康]", ("健康",)),
        ("[]", ()),
    ],
    ids=["flow-list", "block-list", "whitespace-stripped-then-deduplicated", "empty"],
)
def test_tags_deduplicated_keeping_order(tags, expected):
    assert parse_ok(f"{MINIMAL}tags: {tags}\n").tags == expected


@pytest.mark.parametrize("key", ["status", "状态"])
def test_draft_status(key):
    article = parse_ok(f"{MINIMAL}{key}: draft\n")
    assert article.status == "draft"


def test_empty_summary_means_no_summary():
    assert parse_ok(f"{MINIMAL}summary: ''\n").summary is None


def test_body_and_its_first_line():
    article, findings = parse(MINIMAL, body="\n第一段\n\n第二段\n")
    assert findings == []
    assert (article.body, article.body_line) == ("\n第一段\n\n第二段\n", 5)


@pytest.mark.parametrize(
    "front, line, field, code, hint",
    [
        ("date: 2013-05-08\n", 1, "title", "invalid-missing", "缺少"),
        ("标题: 体检\n", 1, "date", "invalid-missing", "date: 2013-05-08"),
        ("title: ''\ndate: 2013-05-08\n", 2, "title", "invalid-string_too_short", "不能为空"),
        ("date: 2013-05-08\ntitle: 2013\n", 3, "title", "invalid-string_type", 'title: "2013"'),
        ("date: 2013-05-08\n标题: 2013\n", 3, "标题", "invalid-string_type", 'title: "2013"'),
        ("title: no\ndate: 2013-05-08\n", 2, "title", "invalid-string_type", "False"),
        ("title: 体检\ndate: 2013-05-08\nauthor: no\n", 4, "author", "invalid-string_type", "author: 张明"),
        ("title: 体检\ndate: 2013-05-08\ntags: 健康，防疫\n", 4, "tags", "invalid-list_type", "tags: [健康, 防疫]"),
        ("title: 体检\ndate: 2013-05-08\n标签: 健康，防疫\n", 4, "标签", "invalid-list_type", "方括号"),
        ("title: 体检\ndate: 2013-02-30\n", 3, "date", "invalid-value_error", "这个月没有这一天"),
        ("title: 体检\n日期: 2013-02-30\n", 3, "日期", "invalid-value_error", "2013-02-30"),
        ("title: 体检\ndate: 2013-05-08 25:00\n", 3, "date", "invalid-value_error", "小时应在 0 到 23 之间"),
        ("title: 体检\ndate: 2013年5月8日\n", 3, "date", "invalid-value_error", "无法识别的日期“2013年5月8日”"),
        ("title: 体检\ndate: 2013/05/08\n", 3, "date", "invalid-value_error", "无法识别的日期“2013/05/08”"),
        ("title: 体检\ndate: 2013-5-8\n", 3, "date", "invalid-value_error", "无法识别的日期“2013-5-8”"),
        ("title: 体检\ndate: 20130508\n", 3, "date", "invalid-value_error", "2013-05-08"),
        ("title: 体检\ndate: 2013-05-08\nstatus: Draft\n", 4, "status", "invalid-literal_error", "draft（草稿）"),
        ("title: 体检\ndate: 2013-05-08\npinned: 'yes'\n", 4, "pinned", "invalid-bool_type", "pinned: true"),
        ("title: 体检\ndate: 2013-05-08\nissue: 0\n", 4, "issue", "invalid-greater_than_equal", "issue: 12"),
        ("title: 体检\ndate: 2013-05-08\n期号: '12'\n", 4, "期号", "invalid-int_type", "整数"),
        ("title: 体检\ndate: 2013-05-08\ntags: [健康, '']\n", 4, "tags", "invalid-string_too_short", "tags:"),
    ],
    ids=[
        "missing-title", "missing-date", "empty-title", "title-as-number", "chinese-title-as-number",
        "unquoted-no-title", "unquoted-no-author", "tags-as-string", "chinese-tags-as-string",
        "impossible-day", "impossible-day-chinese-key", "hour-25", "chinese-date-form", "slash-date-form",
        "unpadded-date-form", "date-as-number", "status-capitalised", "pinned-as-text", "issue-zero",
        "issue-as-text", "empty-tag",
    ],
)
def test_invalid_value_is_reported_on_its_line_as_written(front, line, field, code, hint):
    finding = only_finding(front)
    assert (finding.path, finding.line, finding.field, finding.code, finding.level) == (
        PATH, line, field, code, Level.ERROR)
    assert hint in finding.message + finding.fix


def test_every_invalid_field_is_reported_at_once():
    article, findings = parse("title: 2013\ndate: 2013/05/08\ntags: 健康\n")
    assert article is None
    assert [(f.line, f.field, f.code) for f in findings] == [
        (2, "title", "invalid-string_type"), (3, "date", "invalid-value_error"), (4, "tags", "invalid-list_type")]


def test_duplicate_key_is_an_error_on_the_second_line():
    finding = only_finding("title: 体检\ndate: 2013-05-08\ntitle: 义诊\n")
    assert (finding.path, finding.line, finding.field, finding.code, finding.level) == (
        PATH, 4, "title", "duplicate-key", Level.ERROR)
    assert "第一次在第 2 行" in finding.message


@pytest.mark.parametrize(
    "front, line, field, first",
    [
        ("title: 体检\ndate: 2013-05-08\n标题: 义诊\n", 4, "标题", "第 2 行的 title"),
        ("标题: 体检\ndate: 2013-05-08\ntitle: 义诊\n", 4, "title", "第 2 行的 标题"),
        ("title: 体检\ndate: 2013-05-08\n日期: 2013-05-09\n", 4, "日期", "第 3 行的 date"),
    ],
    ids=["english-then-chinese", "chinese-then-english", "date-twice"],
)
def test_english_and_chinese_key_for_the_same_field(front, line, field, first):
    article, findings = parse(front)
    assert article is None
    assert [(f.line, f.field, f.code, f.level) for f in findings] == [(line, field, "duplicate-field", Level.ERROR)]
    assert first in findings[0].message


@pytest.mark.parametrize(
    "key, hint",
    [
        ("titel", "是不是想写 title？"),
        ("tag", "是不是想写 tags？"),
        ("pined", "是不是想写 pinned？"),
        ("标提", "是不是想写 标题？"),
        ("xyzzy", "可用的字段：title、date、column"),
    ],
    ids=["typo-title", "singular-tag", "typo-pinned", "chinese-typo", "no-close-key"],
)
def test_unknown_key_is_a_warning_naming_the_closest_key(key, hint):
    article, findings = parse(f"title: 体检\ndate: 2013-05-08\n{key}: 值\n")
    assert article is not None and article.title == "体检"
    assert [(f.path, f.line, f.field, f.code, f.level) for f in findings] == [
        (PATH, 4, key, "unknown-field", Level.WARNING)]
    assert hint in findings[0].fix


def test_unknown_key_warning_travels_with_errors():
    article, findings = parse("title: 体检\ndate: 2013-02-30\ntitel: 体检\n")
    assert article is None
    assert [(f.code, f.level) for f in findings] == [
        ("unknown-field", Level.WARNING), ("invalid-value_error", Level.ERROR)]


def test_unknown_non_text_key_still_has_its_line():
    article, findings = parse("title: 体检\ndate: 2013-05-08\n2013: 值\n")
    assert article is not None
    assert [(f.line, f.field, f.code) for f in findings] == [(4, "2013", "unknown-field")]


@pytest.mark.parametrize(
    "text, line, code",
    [
        ("\n---\ntitle: 体检\ndate: 2013-05-08\n---\n正文", 2, "front-matter-not-at-top"),
        ("---\ntitle: 体检\ndate: 2013-05-08\n正文\n", 1, "front-matter-unclosed"),
        ("# 市人民医院开展义诊活动\n\n正文\n", 1, "front-matter-missing"),
        ("---\n- title: 体检\n- date: 2013-05-08\n---\n", 2, "front-matter-not-mapping"),
        ("---\ntitle: 体检: 义诊\n---\n", 2, "front-matter-yaml"),
    ],
    ids=["blank-line-before-dashes", "unclosed", "no-front-matter", "list-instead-of-mapping", "colon-in-value"],
)
def test_unreadable_front_matter(text, line, code):
    article, findings = parse_article(PATH, SRC, text)
    assert article is None
    assert [(f.path, f.line, f.field, f.code, f.level) for f in findings] == [(PATH, line, None, code, Level.ERROR)]


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff---\ntitle: 市人民医院开展义诊活动\ndate: 2013-05-08 09:30\n---\n正文\n",
        "---\r\ntitle: 市人民医院开展义诊活动\r\ndate: 2013-05-08 09:30\r\n---\r\n正文\r\n",
        "\ufeff---\r\ntitle: 市人民医院开展义诊活动\r\ndate: 2013-05-08 09:30\r\n---\r\n正文\r\n",
    ],
    ids=["bom", "crlf", "bom-and-crlf"],
)
def test_bom_and_crlf_are_accepted(text):
    article, findings = parse_article(PATH, SRC, text)
    assert findings == []
    assert (article.title, article.date, article.url, article.body_line) == (
        "市人民医院开展义诊活动", dt.datetime(2013, 5, 8, 9, 30, tzinfo=CST), "press/2013/05/yizhen/", 5)


@pytest.mark.parametrize(
    "src_uri, column",
    [("press/a.md", "press"), ("press/2013/05/a.md", "press"), ("a.md", None)],
    ids=["in-folder", "nested", "top-level"],
)
def test_default_column(src_uri, column):
    assert default_column(src_uri) == column


@pytest.mark.parametrize(
    "src_uri, slug",
    [("press/yizhen.md", "yizhen"), ("press/义诊活动.md", "yi-zhen-huo-dong"), ("press/a.b.md", "a-b")],
    ids=["ascii", "chinese", "dot-in-stem"],
)
def test_default_slug(src_uri, slug):
    assert default_slug(src_uri) == slug
