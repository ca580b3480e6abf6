"""split_source / load_yaml_mapping: front matter at the very top, with the file line of each key."""

from __future__ import annotations

import pytest

from healthpress.model.findings import Level
from healthpress.model.source import SourceError, load_yaml_mapping, split_source

PATH = "content/press/yizhen.md"


def split_error(text: str):
    with pytest.raises(SourceError) as caught:
        split_source(PATH, text)
    return caught.value.findings[0]


def test_front_matter_keys_lines_and_body():
    text = (
        "---\n"
        "title: 市人民医院开展义诊活动\n"
        "tags:\n"
        "  - 健康\n"
        "  - 义诊\n"
        "date: 2013-05-08\n"
        "---\n"
        "正文第一段\n"
    )
    source = split_source(PATH, text)
    assert source.front_matter == {"title": "市人民医院开展义诊活动", "tags": ["健康", "义诊"], "date": "2013-05-08"}
    assert source.key_lines == {"title": 2, "tags": 3, "date": 6}
    assert source.body == "正文第一段\n"
    assert source.body_line == 8


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2013-05-08", "2013-05-08"),
        ("2013-05-08 09:30:00", "2013-05-08 09:30:00"),
        ("2013-05-08T09:30:00+08:00", "2013-05-08T09:30:00+08:00"),
    ],
    ids=["date", "datetime", "iso-with-offset"],
)
def test_timestamps_stay_text_for_strict_parsing(value, expected):
    source = split_source(PATH, f"---\ndate: {value}\n---\n")
    assert source.front_matter["date"] == expected


@pytest.mark.parametrize(
    "scalar, expected",
    [("12", 12), ("true", True), ("no", False), ("'no'", "no"), ("~", None), ("[a, b]", ["a", "b"])],
    ids=["int", "true", "yaml11-no-is-false", "quoted-no", "null", "flow-list"],
)
def test_other_yaml_types_are_resolved_as_usual(scalar, expected):
    assert split_source(PATH, f"---\nx: {scalar}\n---\n").front_matter == {"x": expected}


def test_bom_is_stripped():
    source = split_source(PATH, "\ufeff---\ntitle: 体检\n---\n正文")
    assert source.front_matter == {"title": "体检"}
    assert source.key_lines == {"title": 2}
    assert source.body == "正文"


def test_crlf_line_endings():
    source = split_source(PATH, "---\r\ntitle: 体检\r\ndate: 2013-05-08\r\n---\r\n正文\r\n")
    assert source.front_matter == {"title": "体检", "date": "2013-05-08"}
    assert source.key_lines == {"title": 2, "date": 3}
    assert source.body_line == 5
    assert source.body.replace("\r", "") == "正文\n"


def test_delimiter_may_have_trailing_spaces():
    source = split_source(PATH, "--- \ntitle: 体检\n---\t\n正文")
    assert source.front_matter == {"title": "体检"}
    assert source.body == "正文"


def test_empty_front_matter_is_an_empty_mapping():
    source = split_source(PATH, "---\n---\n正文")
    assert (source.front_matter, source.key_lines, source.body, source.body_line) == ({}, {}, "正文", 3)


def test_a_later_dashes_line_in_the_body_is_body_text():
    source = split_source(PATH, "---\ntitle: 体检\n---\n第一段\n---\n第二段\n")
    assert source.body == "第一段\n---\n第二段\n"


@pytest.mark.parametrize(
    "text, line, code, hint",
    [
        ("\n---\ntitle: 体检\n---\n", 2, "front-matter-not-at-top", "1 个空行"),
        ("\n\n \n---\ntitle: 体检\n---\n", 4, "front-matter-not-at-top", "3 个空行"),
        ("---\ntitle: 体检\ndate: 2013-05-08\n正文", 1, "front-matter-unclosed", "没有结束的 ---"),
        ("title: 体检\n正文\n", 1, "front-matter-missing", "在第一行写 ---"),
        ("", None, "empty-file", "写上文件头"),
        ("----\ntitle: 体检\n----\n", 1, "front-matter-bad-delimiter", "改成 ---"),
        ("---\n- 健康\n- 防疫\n---\n", 2, "front-matter-not-mapping", "title: "),
        ("---\n\n\n体检\n---\n", 4, "front-matter-not-mapping", "title: "),
        ("---\ntitle: [体检\ndate: 2013-05-08\n---\n", 3, "front-matter-yaml", "英文半角"),
        ("---\ntitle: 体检\ndate: 2013-05-08\ntitle: 义诊\n---\n", 4, "duplicate-key", "第一次在第 2 行"),
    ],
    ids=[
        "blank-line-before-dashes",
        "three-blank-lines",
        "unclosed",
        "no-front-matter",
        "empty-file",
        "four-dashes-is-not-a-delimiter",
        "list-not-mapping",
        "scalar-not-mapping-after-blank-lines",
        "yaml-syntax-error",
        "duplicate-key",
    ],
)
def test_unreadable_front_matter_is_a_finding(text, line, code, hint):
    finding = split_error(text)
    assert (finding.path, finding.line, finding.code, finding.level) == (PATH, line, code, Level.ERROR)
    assert hint in finding.message + finding.fix


def test_duplicate_key_names_the_key():
    finding = split_error("---\ntitle: 体检\ntitle: 义诊\n---\n")
    assert (finding.line, finding.field) == (3, "title")


def test_source_error_renders_the_finding():
    with pytest.raises(SourceError) as caught:
        split_source(PATH, "no front matter")
    assert str(caught.value) == caught.value.findings[0].render()
    assert str(caught.value).startswith(f"{PATH}:1: ")


@pytest.mark.parametrize(
    "first_line, expected",
    [(1, {"title": 1, "order": 3}), (2, {"title": 2, "order": 4})],
    ids=["column-file-starts-at-1", "front-matter-starts-at-2"],
)
def test_load_yaml_mapping_offsets_key_lines(first_line, expected):
    data, key_lines = load_yaml_mapping("columns/press.yml", "title: 新闻发布\n# 注释\norder: 10\n", first_line)
    assert data == {"title": "新闻发布", "order": 10}
    assert key_lines == expected


def test_load_yaml_mapping_of_nothing():
    assert load_yaml_mapping("columns/press.yml", "# 只有注释\n", 1) == ({}, {})


def test_load_yaml_mapping_rejects_python_tags():
    with pytest.raises(SourceError) as caught:
        load_yaml_mapping("columns/press.yml", "title: !!python/object/apply:os.getcwd []\n", 1)
    assert caught.value.findings[0].code == "yaml-tag"
