"""Plain text: every text field of every schema refuses direction, invisible and control characters, HTML
tags and over-long text with the file, the line, the field as written and the fix; the body's hidden
characters are removed with a warning."""

from __future__ import annotations

import importlib
import pkgutil
import typing

import pytest
from pydantic import AfterValidator, BaseModel

import healthpress
from healthpress.bureau.disclosure import parse_disclosure
from healthpress.bureau.healthdays import parse_health_days
from healthpress.bureau.leaders import parse_leaders
from healthpress.bureau.letters import parse_letter
from healthpress.bureau.organisation import parse_leadership_group
from healthpress.bureau.terms import parse_terms
from healthpress.bureau.topics import read_topics
from healthpress.bureau.units import parse_units
from healthpress.model.articles import parse_article
from healthpress.model.columns import parse_column
from healthpress.model.datafile import parse_data
from healthpress.model.findings import Level
from healthpress.model.plaintext import (LINE_MAX, PlainTextError, check_plain_text, describe_character,
                                         hidden_in_body)
from healthpress.model.strict import StrictModel

DIRECTION = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e",
             "\u200f", "\u061c"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\ufeff", "\u00ad",
             "\u2028", "\u2029", "\u3164", "\U000e0041", "\ufff9"]
CONTROL = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\t", "\r", "\n"]


def refused(text: str, **kwargs) -> PlainTextError:
    with pytest.raises(PlainTextError) as caught:
        check_plain_text(text, **kwargs)
    return caught.value


@pytest.mark.parametrize("char", DIRECTION + INVISIBLE + CONTROL,
                         ids=[f"U+{ord(c):04X}" for c in DIRECTION + INVISIBLE + CONTROL])
def test_a_hidden_character_anywhere_is_refused_and_named(char):
    for text in (f"正常标题{char}gnp.exe", f"{char}标题", f"标题{char}"):
        error = refused(text)
        assert error.code == "hidden-character" and f"U+{ord(char):04X}（" in str(error), str(error)
        assert "重新输入" in error.fix


def test_the_message_names_the_character_and_where_it_is():
    error = refused("正常标题\u202egnp.exe")
    assert str(error).startswith("有看不见的字符 U+202E（从右向左覆盖），在第 5 个字符处（“正常标题”之后）")
    assert "显示方向" in str(error)
    assert "在开头" in str(refused("\u200b标题")) and "U+200B（零宽空格）" in str(refused("\u200b标题"))
    several = str(refused("甲\u200b乙\u202e丙\u2066丁"))
    assert "U+200B（零宽空格）" in several and "还有 U+202E（从右向左覆盖）、U+2066（从左向右隔离）" in several
    assert describe_character("\x07") == "U+0007（控制字符）" and describe_character("\u2064") == "U+2064（不可见加号）"


@pytest.mark.parametrize("text", ["<script>alert(1)</script>标题", "标题<img src=x onerror=alert(1)>", "</title>",
                                  "<b>加粗</b>", "<!-- 注释 -->", "<?xml", "<A href=x>", "<svg/onload=alert(1)>"])
def test_tag_like_text_is_refused(text):
    error = refused(text)
    assert error.code == "html-in-text" and "HTML 标签“<" in str(error) and "《》" in error.fix


@pytest.mark.parametrize("text", ["血压<140/90 mmHg", "《健康周刊》", "<<健康>>", "a < b & c > d", "“引号” '单引号' \"双引号\"",
                                  "宜卫办[2013]79号", "A&amp;B", "<健康>", "&lt;script&gt;", "100%", "　全角空格　",
                                  "x" * LINE_MAX, "北京\u00a0时间", "\ue000造字"])
def test_plain_text_passes_unchanged(text):
    assert check_plain_text(text) == text


def test_length_is_bounded_and_the_bound_said():
    error = refused("长" * 50_000)
    assert error.code == "text-too-long" and str(error) == "有 50000 个字，超过了 200 个字的上限" and "200" in error.fix
    assert refused("x" * (LINE_MAX + 1)).code == "text-too-long"
    assert check_plain_text("段" * 2000, 2000, lines=True)


def test_a_text_of_several_lines_keeps_its_line_breaks_but_not_hidden_characters():
    assert check_plain_text("第一段。\n\n第二段。\t缩进", 2000, lines=True)
    assert refused("第一段。\n第二\u202e段。", max_chars=2000, lines=True).code == "hidden-character"
    assert refused("第一段。\r\n第二段。", max_chars=2000, lines=True).code == "hidden-character"


# ---------------------------------------------------------------- every schema uses it

def _schemas() -> list[type[BaseModel]]:
    for module in pkgutil.walk_packages(healthpress.__path__, "healthpress."):
        if module.name.split(".")[1] in ("model", "bureau", "checks", "render"):
            importlib.import_module(module.name)
    found, todo = [], [StrictModel]
    while todo:
        model = todo.pop()
        found.append(model)
        todo += model.__subclasses__()
    return [model for model in found if model is not StrictModel and model.__module__.startswith("healthpress.")]


def _unchecked_text(annotation, metadata=()) -> bool:
    """True when a `str` somewhere in the annotation is not a plaintext type."""
    checked = any(isinstance(m, AfterValidator) and m.func.__module__ == "healthpress.model.plaintext" for m in metadata)
    if annotation is str:
        return not checked
    if typing.get_origin(annotation) is typing.Annotated:
        inner, *more = typing.get_args(annotation)
        return _unchecked_text(inner, (*metadata, *more))
    if typing.get_origin(annotation) is typing.Literal:
        return False
    return any(_unchecked_text(arg) for arg in typing.get_args(annotation))


def test_every_text_field_of_every_schema_is_plain_text():
    """A new schema or field written as plain `str` fails here: use PlainText, NonEmptyText, Paragraph or LongText."""
    schemas = _schemas()
    names = {model.__name__ for model in schemas}
    assert {"FrontMatter", "ColumnSchema", "LetterFields", "DisclosureFields", "UnitEntry", "LiaisonEntry", "TopicEntry",
            "TermEntry", "DayEntry", "LeaderEntry", "MemberEntry", "RoleEntry", "OfficeEntry", "GroupEntry"} <= names
    unchecked = [f"{model.__name__}.{name}" for model in schemas for name, field in model.model_fields.items()
                 if _unchecked_text(field.annotation, field.metadata)]
    assert unchecked == []
    assert not [m for m in BaseModel.__subclasses__() if m.__module__.startswith("healthpress.") and m is not StrictModel], \
        "every editor's schema inherits StrictModel"


# ---------------------------------------------------------------- findings name file, line and field as written

def article_findings(front: str, body: str = "正文。\n"):
    return parse_article("content/news/a.md", "news/a.md", f"---\n{front}---\n{body}")


@pytest.mark.parametrize("front, line, field, code, said", [
    ('title: "正常标题\\u202Egnp.exe"\ndate: 2013-05-08\n', 2, "title", "hidden-character", "U+202E（从右向左覆盖）"),
    ('标题: "通知\\u200B"\ndate: 2013-05-08\n', 2, "标题", "hidden-character", "U+200B（零宽空格）"),
    ("title: \"<script>alert('t')</script>标题\"\ndate: 2013-05-08\n", 2, "title", "html-in-text", "<script>"),
    ("title: 甲\ndate: 2013-05-08\nsummary: <img src=x onerror=alert(1)>\n", 4, "summary", "html-in-text", "<img"),
    ('title: 甲\ndate: 2013-05-08\nauthor: "张\\u2066明"\n', 4, "author", "hidden-character", "U+2066"),
    ('title: 甲\ndate: 2013-05-08\n单位: "</b>市人民医院"\n', 4, "单位", "html-in-text", "</"),
    ('title: 甲\ndate: 2013-05-08\ntags: [健康, "防\\u200D疫"]\n', 4, "tags", "hidden-character", "第 2 项：有看不见的字符"),
    ('title: 甲\ndate: 2013-05-08\n文号: "宜卫办\\x07[2013]"\n', 4, "文号", "hidden-character", "U+0007（控制字符）"),
    ('title: 甲\ndate: 2013-05-08\n来信人: "王\\u202D女士"\n', 4, "来信人", "hidden-character", "U+202D"),
    ('title: 甲\ndate: 2013-05-08\nreply: "答复<b>内容</b>"\n', 4, "reply", "html-in-text", "<b>"),
    ('title: 甲\ndate: 2013-05-08\n发布机构: "市卫生局\\uFEFF"\n', 4, "发布机构", "hidden-character", "BOM"),
    (f"title: {'长' * 50_000}\ndate: 2013-05-08\n", 2, "title", "text-too-long", "超过了 200 个字的上限"),
])
def test_front_matter_text_fields(front, line, field, code, said):
    article, findings = article_findings(front)
    assert article is None
    [finding] = findings
    assert (finding.path, finding.line, finding.field, finding.code, finding.level) == (
        "content/news/a.md", line, field, code, Level.ERROR)
    assert said in finding.message and finding.fix, finding


def test_letter_and_disclosure_fields_read_on_their_own_are_checked_too():
    letter, found = parse_letter("content/letters/a.md", None, {"来信人": "王女士\u202e", "来信日期": "2013-06-05"},
                                 {"来信人": 4, "来信日期": 5})
    assert letter is None and [(f.line, f.field, f.code) for f in found] == [(4, "来信人", "hidden-character")]
    fields, found = parse_disclosure("content/notices/a.md", None, {"publisher": "<i>市卫生局</i>"}, {"publisher": 6})
    assert fields is None and [(f.line, f.field, f.code) for f in found] == [(6, "publisher", "html-in-text")]


def test_column_files():
    column, found = parse_column("press", "columns/press.yml", 'title: 新闻发布\ndescription: "介绍\\u202e"\n')
    assert column is None and [(f.path, f.line, f.field, f.code) for f in found] == [
        ("columns/press.yml", 2, "description", "hidden-character")]
    column, found = parse_column("press", "columns/press.yml", "title: <b>新闻发布</b>\n")
    assert column is None and [(f.line, f.field, f.code) for f in found] == [(1, "title", "html-in-text")]


@pytest.mark.parametrize("parse, text, line, field", [
    (parse_units, '- name: 市人民医院\n  type: 医疗机构\n- name: "市\\u200b医院"\n  type: 医疗机构\n', 3, "name"),
    (parse_units, '- name: 市人民医院\n  type: 医疗机构\n  liaisons:\n    - name: "王\\u202e海燕"\n', 4, "name"),
    (parse_units, '- name: 市人民医院\n  aliases: [一院, "<b>院</b>"]\n  type: 医疗机构\n', 2, "aliases"),
    (lambda p, t: read_topics(parse_data(p, t)[0]), '- slug: a\n  title: "专题\\u2067"\n  tags: [甲]\n', 2, "title"),
    (parse_terms, '- wrong: 医闹\n  right: "涉医<em>违法</em>"\n  note: 说明\n', 2, "right"),
    (parse_health_days, '- name: 世界无烟日\n  slug: no-tobacco\n  date: "05-31"\n  description: "a\\u200fb"\n', 4,
     "description"),
    (parse_leaders, 'organisations: [市卫生局]\nleaders:\n  - name: "唐\\u200d远强"\n    titles: [局长]\n', 3, "name"),
    (parse_leaders, 'organisations: [市卫生局, "卫生局\\u202e"]\nleaders: []\n', 1, "organisations"),
    (parse_leadership_group, 'name: "领导小组\\u2060"\ngroups: []\noffice:\n  located_in: 办公室\n  duty: 日常\n', 1,
     "name"),
])
def test_data_files(parse, text, line, field):
    _, found = parse("data/x.yml", text)
    refusals = [f for f in found if f.code in ("hidden-character", "html-in-text", "text-too-long")]
    assert [(f.path, f.line, f.field) for f in refusals] == [("data/x.yml", line, field)], found
    assert refusals[0].fix


# ---------------------------------------------------------------- the body

def test_hidden_characters_in_the_body_are_removed_with_a_warning_per_line():
    body = "第一段。\n\n正常\u202e文字\u200b。\n\n```\n代码\u2066\n```\n"
    cleaned, found = hidden_in_body("content/news/a.md", body, 5)
    assert cleaned == "第一段。\n\n正常文字。\n\n```\n代码\n```\n"
    assert [(f.line, f.code, f.level) for f in found] == [(7, "hidden-character", Level.WARNING),
                                                          (10, "hidden-character", Level.WARNING)]
    assert "U+200B（零宽空格）、U+202E（从右向左覆盖）" in found[0].message and "发布时已删除" in found[0].message
    assert "（“正常”之后）" in found[0].message


def test_many_lines_of_hidden_characters_are_summed_up():
    cleaned, found = hidden_in_body("a.md", "\u200b行\n" * 25, 1)
    assert cleaned == "行\n" * 25 and len(found) == 11 and "另有 15 行" in found[-1].message


def test_an_article_body_is_published_without_them_and_the_editor_told():
    article, found = article_findings("title: 甲\ndate: 2013-05-08\n", "第一段\u202e。\n\n| 表\u200b格 |\t|\n")
    assert article is not None and article.body == "第一段。\n\n| 表格 |\t|\n"
    assert [(f.line, f.code, f.level) for f in found] == [(5, "hidden-character", Level.WARNING),
                                                          (7, "hidden-character", Level.WARNING)]
    clean, found = article_findings("title: 甲\ndate: 2013-05-08\n", "正文，无特殊字符。\r\n\t缩进\n")
    assert found == [] and clean.body == "正文，无特殊字符。\r\n\t缩进\n"


@pytest.mark.parametrize("reference, point", [
    ("&#7;", 0x07), ("&#x1B;", 0x1B), ("&#xFFFE;", 0xFFFE), ("&#xffff;", 0xFFFF), ("&#xD800;", 0xD800),
    ("&#8238;", 0x202E), ("&#x200B;", 0x200B), ("&#65279;", 0xFEFF), ("&#8238", 0x202E), ("&#0;", 0),
    ("&#150;", 0x96), ("&#0000008238;", 0x202E), ("&zwj;", 0x200D), ("&zwnj;", 0x200C), ("&lrm;", 0x200E),
    ("&rlm;", 0x200F), ("&shy;", 0xAD), ("&ZeroWidthSpace;", 0x200B), ("&NoBreak;", 0x2060),
])
def test_a_character_reference_to_a_hidden_or_xml_invalid_character_is_removed_like_the_character(reference, point):
    cleaned, found = hidden_in_body("a.md", f"第一段。\n\n通知{reference}exe.doc\n", 4)
    assert cleaned == "第一段。\n\n通知exe.doc\n"
    assert [(f.line, f.code, f.level) for f in found] == [(6, "hidden-character", Level.WARNING)]
    assert f"“{reference}”即 U+{point:04X}（" in found[0].message and "（“通知”之后）" in found[0].message


def test_references_to_ordinary_characters_stay():
    body = "中&#20013;&#x4e2d;&amp;&lt;&nbsp;&copy;&#9;&#10;&#13;&#x110000;&NewLine;&#xFFFD;\t\r\n"
    assert hidden_in_body("a.md", body, 1) == (body, [])
