"""summarize_html: plain text of the first paragraph, cut with an ellipsis."""

from __future__ import annotations

import pytest

from healthpress.model.summary import SUMMARY_LIMIT, summarize_html


@pytest.mark.parametrize(
    "html, summary",
    [
        ("<p>第一段。</p><p>第二段。</p>", "第一段。"),
        ("<h1>标题</h1><p>正文第一段</p>", "正文第一段"),
        ("<p></p><p>  \n </p><p>第一段</p>", "第一段"),
        ("<p><img src='a.jpg' alt='图'></p><p>第一段</p>", "第一段"),
        ("<p>市人民医院<strong>开展</strong><a href='x/'>义诊</a>活动</p>", "市人民医院开展义诊活动"),
        ("<p>  市人民医院\n   开展义诊  </p>", "市人民医院 开展义诊"),
        ("<p>A &amp; B &lt;C&gt; &quot;D&quot; &#20013;&#x6587;</p>", 'A & B <C> "D" 中文'),
        ("<p>12320&nbsp;热线</p>", "12320 热线"),
        ("<h2>只有标题</h2><ul><li>列表</li></ul>", ""),
        ("", ""),
    ],
    ids=[
        "first-paragraph", "heading-skipped", "empty-paragraphs-skipped", "image-only-paragraph-skipped",
        "inline-markup-flattened", "whitespace-collapsed", "entities-unescaped", "nbsp-is-a-space",
        "no-paragraph", "empty-html",
    ],
)
def test_first_non_empty_paragraph(html, summary):
    assert summarize_html(html) == summary


@pytest.mark.parametrize(
    "text, limit, summary",
    [
        ("一二三四五六", 6, "一二三四五六"),
        ("一二三四五六七", 6, "一二三四五…"),
        ("abcd efg", 6, "abcd…"),
        ("ab", 6, "ab"),
        ("字" * SUMMARY_LIMIT, SUMMARY_LIMIT, "字" * SUMMARY_LIMIT),
        ("字" * (SUMMARY_LIMIT + 10), SUMMARY_LIMIT, "字" * (SUMMARY_LIMIT - 1) + "…"),
    ],
    ids=["exactly-the-limit", "one-over-the-limit", "space-before-cut-dropped", "short",
         "default-limit-exact", "default-limit-over"],
)
def test_truncation_at_the_limit(text, limit, summary):
    result = summarize_html(f"<p>{text}</p>", limit)
    assert result == summary
    assert len(result) <= limit


def test_default_limit_is_used():
    assert summarize_html("<p>" + "字" * 200 + "</p>") == "字" * (SUMMARY_LIMIT - 1) + "…"


def test_entities_count_as_one_character_for_the_limit():
    assert summarize_html("<p>&amp;&amp;&amp;&amp;&amp;</p>", 5) == "&&&&&"


@pytest.mark.parametrize(
    "html",
    [
        '<div class="admonition note"><p class="admonition-title">注意</p><p>提示内容</p></div><p>正文第一段</p>',
        "<blockquote><p>引用的话</p></blockquote><p>正文第一段</p>",
    ],
    ids=["admonition", "blockquote"],
)
def test_first_top_level_paragraph(html):
    assert summarize_html(html) == "正文第一段"
