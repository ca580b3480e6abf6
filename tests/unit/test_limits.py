"""check_size / check_body: file size, line length and nesting depth, refused before Markdown sees them."""

from __future__ import annotations

import re

import pytest

from healthpress.model.findings import Level
from healthpress.model.limits import Limits, check_body, check_size

PATH = "content/press/yizhen.md"
LIMITS = Limits()
FIRST = 7
"""The body's first line in the file (after a five-line front matter)."""


def findings_of(body: str, limits: Limits = LIMITS):
    return [(f.path, f.line, f.field, f.code, f.level) for f in check_body(PATH, body, FIRST, limits)]


def nested_list(levels: int) -> str:
    """An indented list `levels` deep, one item per line: the deepest item is `levels` levels in."""
    return "".join("    " * level + f"- 第{level + 1}层\n" for level in range(levels))


def test_defaults():
    assert (LIMITS.max_bytes, LIMITS.max_line_chars, LIMITS.max_depth) == (1024 * 1024, 20_000, 20)


# --- size -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "size, limits",
    [(0, LIMITS), (1024 * 1024, LIMITS), (2048, Limits(max_bytes=2048))],
    ids=["empty", "exactly-1024-kb", "exactly-custom-2-kb"],
)
def test_size_at_the_limit_is_accepted(size, limits):
    assert check_size(PATH, size, limits) is None


@pytest.mark.parametrize(
    "size, limits, shown, limit",
    [
        (3 * 1024 * 1024, LIMITS, "3072 KB", "1024 KB"),
        (1536 * 1024, LIMITS, "1536 KB", "1024 KB"),
        (4096, Limits(max_bytes=2048), "4 KB", "2 KB"),
    ],
    ids=["3-mb", "1.5-mb", "custom-limit"],
)
def test_size_over_the_limit_names_both_figures(size, limits, shown, limit):
    finding = check_size(PATH, size, limits)
    assert (finding.path, finding.line, finding.field, finding.code, finding.level) == (
        PATH, None, None, "file-too-large", Level.ERROR)
    assert f"文件有 {shown}" in finding.message
    assert f"超过了 {limit} 的上限" in finding.message
    assert "max_file_kb" in finding.fix


def test_one_byte_over_the_limit_is_refused():
    finding = check_size(PATH, 1024 * 1024 + 1, LIMITS)
    assert finding is not None and finding.code == "file-too-large"


def test_one_byte_over_the_limit_shows_a_size_above_the_limit():
    finding = check_size(PATH, 1024 * 1024 + 1, LIMITS)
    shown = re.search(r"文件有 ([\d.]+) KB", finding.message)
    assert shown and float(shown.group(1)) > 1024


# --- line length ------------------------------------------------------------------------------------------------

def test_line_exactly_at_the_limit_is_accepted():
    assert findings_of("第一段\n" + "字" * 20_000 + "\n第三段\n") == []


def test_line_one_over_the_limit_is_reported_on_its_line():
    findings = check_body(PATH, "第一段\n\n" + "字" * 20_001 + "\n第四段\n", FIRST, LIMITS)
    assert [(f.path, f.line, f.field, f.code, f.level) for f in findings] == [
        (PATH, FIRST + 2, None, "line-too-long", Level.ERROR)]
    assert "20001 个字符" in findings[0].message
    assert "20000 的上限" in findings[0].message
    assert "max_line_chars" in findings[0].fix


def test_custom_line_limit():
    limits = Limits(max_line_chars=80)
    assert findings_of("a" * 80, limits) == []
    assert findings_of("a" * 81, limits) == [(PATH, FIRST, None, "line-too-long", Level.ERROR)]


def test_long_lines_are_reported_once_per_file_at_the_first():
    body = "短\n" + "字" * 20_001 + "\n短\n" + "字" * 30_000 + "\n"
    assert findings_of(body) == [(PATH, FIRST + 1, None, "line-too-long", Level.ERROR)]


# --- nesting depth ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "line",
    [
        "    " * 19 + "- 第20层",
        "\t" * 19 + "- 第20层",
        ">" * 20 + " 引用",
        "> " * 20 + "引用",
        "- " * 20 + "x",
        "* " * 20 + "x",
        "+ " * 20 + "x",
        "1. " * 20 + "x",
        "1) " * 20 + "x",
        "    " * 10 + "> " * 10 + "x",
        "<div>" * 20 + "x" + "</div>" * 20,
        "<div><blockquote><ul><ol><table>" * 4 + "x",
    ],
    ids=["indented-list", "tab-indented-list", "quotes", "spaced-quotes", "dash-markers", "star-markers",
         "plus-markers", "ordered-dot-markers", "ordered-paren-markers", "indent-and-quotes", "html-on-one-line",
         "mixed-html-containers"],
)
def test_depth_exactly_at_the_limit_is_accepted(line):
    assert findings_of("第一段\n\n" + line + "\n") == []


@pytest.mark.parametrize(
    "line",
    [
        "    " * 20 + "- 第21层",
        "\t" * 20 + "- 第21层",
        ">" * 21 + " 引用",
        "> " * 21 + "引用",
        "- " * 21 + "x",
        "* " * 21 + "x",
        "+ " * 21 + "x",
        "1. " * 21 + "x",
        "1) " * 21 + "x",
        "    " * 10 + "> " * 11 + "x",
        "<div>" * 21 + "x" + "</div>" * 21,
        "<DIV>" * 21 + "x",
        "<div><blockquote><ul><ol><table>" * 4 + "<section>x",
    ],
    ids=["indented-list", "tab-indented-list", "quotes", "spaced-quotes", "dash-markers", "star-markers",
         "plus-markers", "ordered-dot-markers", "ordered-paren-markers", "indent-and-quotes", "html-on-one-line",
         "upper-case-html", "mixed-html-containers"],
)
def test_depth_one_over_the_limit_is_reported_on_its_line(line):
    findings = check_body(PATH, "第一段\n\n" + line + "\n第四段\n", FIRST, LIMITS)
    assert [(f.path, f.line, f.field, f.code, f.level) for f in findings] == [
        (PATH, FIRST + 2, None, "too-deep", Level.ERROR)]
    assert "嵌套了 21 层" in findings[0].message
    assert "20 层的上限" in findings[0].message


@pytest.mark.parametrize(
    "body, line, depth",
    [
        (nested_list(2000), FIRST + 20, 21),
        (">" * 50 + " 五十层引用\n", FIRST, 50),
        ("".join(">" * n + " 第%d层\n" % n for n in range(1, 51)), FIRST + 20, 21),
        ("<div>\n" * 30 + "正文\n" + "</div>\n" * 30, FIRST + 20, 21),
        ("<div>" * 30 + "正文" + "</div>" * 30 + "\n", FIRST, 30),
        ("- " * 200 + "x\n", FIRST, 200),
    ],
    ids=["2000-level-indented-list", "50-quotes-on-one-line", "50-quotes-one-more-a-line", "30-divs-one-a-line",
         "30-divs-on-one-line", "200-dash-markers"],
)
def test_pathological_nesting_is_reported_once_where_it_crosses_the_limit(body, line, depth):
    findings = check_body(PATH, body, FIRST, LIMITS)
    assert [(f.path, f.line, f.code) for f in findings] == [(PATH, line, "too-deep")]
    assert f"嵌套了 {depth} 层" in findings[0].message


def test_custom_depth_limit():
    limits = Limits(max_depth=3)
    assert findings_of(nested_list(3), limits) == []
    assert findings_of(nested_list(4), limits) == [(PATH, FIRST + 3, None, "too-deep", Level.ERROR)]


def test_closed_html_does_not_count_towards_later_nesting():
    body = "<div>\n" * 20 + "</div>\n" * 20 + "<div>\n" * 20 + "正文\n" + "</div>\n" * 20
    assert findings_of(body) == []


def test_stray_closing_tags_do_not_make_depth_negative():
    body = "</div>\n" * 10 + "<div>\n" * 20 + "正文\n"
    assert findings_of(body) == []


def test_a_tag_name_that_only_starts_like_a_container_is_not_counted():
    assert findings_of("<divider>" * 30 + "\n" + "<spanner>" * 30 + "\n") == []


@pytest.mark.parametrize("fence", ["```", "~~~", "```python", "  ```"], ids=["backticks", "tildes", "info-string",
                                                                            "indented-fence"])
def test_deep_indentation_inside_fenced_code_is_ignored(fence):
    close = fence.split("python")[0]
    body = "示例代码：\n\n" + fence + "\n" + nested_list(100) + "<div>" * 50 + "\n" + close + "\n\n正文\n"
    assert findings_of(body) == []


def test_nesting_after_a_closed_fence_is_checked_again():
    body = "```\n" + nested_list(30) + "```\n\n" + nested_list(30)
    assert findings_of(body) == [(PATH, FIRST + 33 + 20, None, "too-deep", Level.ERROR)]


def test_long_line_and_deep_nesting_are_both_reported_once():
    body = "字" * 20_001 + "\n" + nested_list(30) + "字" * 20_001 + "\n" + nested_list(30)
    assert findings_of(body) == [
        (PATH, FIRST, None, "line-too-long", Level.ERROR),
        (PATH, FIRST + 1 + 20, None, "too-deep", Level.ERROR),
    ]


def test_ordinary_article_has_no_findings():
    body = """
市人民医院开展义诊活动。

## 活动内容

1. 免费测量血压、血糖
2. 健康咨询
    - 内科
    - 外科
        - 普外科

> 引用：“健康是最大的财富。”
>
> > 嵌套引用

<div class="note"><span>提示</span></div>

```python
def f():
                                                                                    return 1
```
"""
    assert findings_of(body) == []


def test_deep_list_inside_a_blockquote_is_reported():
    body = "".join("> " + "    " * level + "- x\n" for level in range(2000))
    # level 19: one quote, 19 indentation levels and a list item make 21 levels
    assert findings_of(body) == [(PATH, FIRST + 19, None, "too-deep", Level.ERROR)]


@pytest.mark.parametrize(
    "code_block",
    ["~~~\n```\n~~~\n", "````markdown\n```python\n````\n"],
    ids=["backticks-inside-tildes", "three-inside-four-backticks"],
)
def test_deep_nesting_after_a_fence_containing_another_fence_kind_is_reported(code_block):
    body = code_block + "\n" + nested_list(30)
    line = FIRST + code_block.count("\n") + 1 + 20
    assert findings_of(body) == [(PATH, line, None, "too-deep", Level.ERROR)]


@pytest.mark.parametrize("body, line", [
    ("正文。\n\n<div><div>\n\n普通的一行\n\n<div>\n\n- 列表", 13),  # raw HTML from lines before, a list on the last
    ("正文。\n<div><div>\n普通的一行<span>", 9),
    ("文字\n\n" + "> " * 3 + "引用", 9),
])
def test_nesting_in_a_plain_body_is_found_on_its_line(body, line):
    """A body with no fence, no long line and few marks (most articles: only its lines that can open a
    level are read) is judged as any other: depth carried over plain lines, found where it crosses."""
    limits = Limits(max_depth=2)
    assert [(f.line, f.code) for f in check_body(PATH, body, FIRST, limits)] == [(line, "too-deep")]
    fenced = body + "\n\n```\n代码\n```"  # the same body read line by line: the same finding
    assert [(f.line, f.code) for f in check_body(PATH, fenced, FIRST, limits)] == [(line, "too-deep")]
