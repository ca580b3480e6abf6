"""A page's search key covers what Pagefind reads from it and nothing the theme alone changes."""

from __future__ import annotations

import pytest

from healthpress.search.indexedtext import indexed_digest

PAGE = """<!doctype html><html lang="zh"><head><title>文章 - 卫生局</title>
<link rel="stylesheet" href="assets/site.css?v=1"><meta name="description" content="摘要"></head>
<body><header class="md-header">卫生局网站</header><nav>栏目导航</nav>
<article class="hp-article" data-pagefind-body>
  <div data-pagefind-ignore>首页 &gt; 要闻</div>
  <h1 data-pagefind-meta="title">文章标题</h1>
  <a href="../news/" data-pagefind-filter="column">要闻</a>
  <p>正文第一段&nbsp;预防接种。<img src="a.png" alt="图"></p>
  <div id="hp-article-tags" data-pagefind-weight="3"><a>流感</a></div>
  <article><p>内嵌的一段</p></article>
  <p>结尾一段</p>
</article>
<span data-pagefind-meta="unit">宣传科</span>
<footer class="md-footer">页脚 <img src="badge.svg" alt="党政机关"></footer>
<script src="assets/app.js?v=1"></script></body></html>"""


def digest(page: str) -> str:
    return indexed_digest(page.encode("utf-8"))


@pytest.mark.parametrize("before, after", [
    ("页脚 <img", "新的页脚文字 <img"),
    ("site.css?v=1", "site.css?v=2"),
    ("app.js?v=1", "app.js?v=2"),
    ("卫生局网站</header>", "卫生局门户</header>"),
    ("栏目导航", "新的栏目导航"),
    ('content="摘要"', 'content="新的摘要"'),
], ids=["footer text", "css", "script", "header", "nav", "description"])
def test_what_the_theme_alone_changes_keeps_the_key(before, after):
    assert before in PAGE
    assert digest(PAGE.replace(before, after)) == digest(PAGE)


@pytest.mark.parametrize("before, after", [
    ("文章标题", "新标题"),
    ("<a>流感</a>", "<a>流感</a><a>疫苗</a>"),
    ('data-pagefind-weight="3"', 'data-pagefind-weight="5"'),
    (">要闻</a>", ">健康教育</a>"),
    ("正文第一段", "改过的正文"),
    ("&nbsp;", "&ensp;"),
    ("内嵌的一段", "内嵌改过"),
    ("结尾一段", "结尾改过"),
    ("宣传科", "办公室"),
    ('src="badge.svg"', 'src="badge.png"'),
    ("<title>文章 - 卫生局", "<title>文章 - 卫生健康局"),
    ('lang="zh"', 'lang="en"'),
], ids=["title", "tag", "weight", "filter", "body", "entity", "nested article", "after nested",
        "meta outside body", "image after title", "page title", "language"])
def test_what_pagefind_reads_changes_the_key(before, after):
    assert before in PAGE
    assert digest(PAGE.replace(before, after)) != digest(PAGE)


def test_an_element_left_open_runs_to_the_end_of_the_page():
    open_body = PAGE.replace("<p>结尾一段</p>\n</article>", "<p>结尾一段</p>")
    assert digest(open_body.replace("页脚 <img", "别的 <img")) != digest(open_body)


def test_a_stray_end_tag_does_not_end_the_body():
    stray = PAGE.replace("<p>结尾一段</p>", "</section><p>结尾一段</p>")
    assert digest(stray.replace("结尾一段", "结尾改过")) != digest(stray)


@pytest.mark.parametrize("inserted", ["<script>var end = '</article>';</script>", "<!-- </article> -->",
                                      "<style>/* </article> */</style>", "<span data-x/>"],
                         ids=["script", "comment", "style", "self-closing"])
def test_markup_that_is_not_an_end_tag_does_not_end_the_body(inserted):
    page = PAGE.replace("<p>结尾一段</p>", inserted + "<p>结尾一段</p>")
    assert digest(page.replace("结尾一段", "结尾改过")) != digest(page)


def test_a_meta_element_written_self_closing_keeps_its_text():
    page = PAGE.replace('<span data-pagefind-meta="unit">宣传科</span>', '<span data-pagefind-meta="unit"/>宣传科</span>')
    assert digest(page.replace("宣传科", "办公室")) != digest(page)
