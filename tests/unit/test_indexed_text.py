"""A page's search record is its `data-pagefind-body` element, and its key covers the record and nothing the
theme alone changes around it."""

from __future__ import annotations

import pytest

from healthpress.search.indexedtext import RECORD_END, RECORD_START, record_digest, search_record

BODY = """<article class="hp-article" data-pagefind-body>
  <div data-pagefind-ignore>首页 &gt; 要闻</div>
  <h1 data-pagefind-meta="title">文章标题</h1>
  <a href="../news/" data-pagefind-filter="column">要闻</a>
  <p>正文第一段&nbsp;预防接种。<img src="a.png" alt="图"></p>
  <div id="hp-article-tags" data-pagefind-weight="3"><a>流感</a></div>
  <article><p>内嵌的一段</p></article>
  <p>结尾一段</p>
</article>"""
PAGE = f"""<!doctype html><html lang="zh"><head><title>文章 - 卫生局</title>
<link rel="stylesheet" href="assets/site.css?v=1"><meta name="description" content="摘要"></head>
<body><header class="md-header">卫生局网站</header><nav>栏目导航</nav>
{BODY}
<footer class="md-footer">页脚 <img src="badge.svg" alt="党政机关"></footer>
<script src="assets/app.js?v=1"></script></body></html>"""


def digest(page: str) -> str:
    return record_digest(page.encode("utf-8"))


def test_the_record_is_the_body_element_alone_in_a_bare_document():
    assert search_record(PAGE.encode("utf-8")) == RECORD_START + BODY.encode("utf-8") + RECORD_END


@pytest.mark.parametrize("before, after", [
    ("页脚 <img", "新的页脚文字 <img"),
    ('src="badge.svg"', 'src="badge.png"'),
    ("site.css?v=1", "site.css?v=2"),
    ("app.js?v=1", "app.js?v=2"),
    ("卫生局网站</header>", "卫生局门户</header>"),
    ("栏目导航", "新的栏目导航"),
    ('content="摘要"', 'content="新的摘要"'),
    ("<title>文章 - 卫生局", "<title>文章 - 卫生健康局"),
], ids=["footer text", "footer image", "css", "script", "header", "nav", "description", "page title"])
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
    ('src="a.png"', 'src="b.png"'),
    ("内嵌的一段", "内嵌改过"),
    ("结尾一段", "结尾改过"),
], ids=["title", "tag", "weight", "filter", "body", "entity", "image", "nested article", "after nested"])
def test_what_pagefind_reads_changes_the_key(before, after):
    assert before in PAGE
    assert digest(PAGE.replace(before, after)) != digest(PAGE)


@pytest.mark.parametrize("inserted", ["<script>var end = '</article>';</script>", "<!-- </article> -->",
                                      "</section>", "<article>"],
                         ids=["script", "comment", "stray end tag", "element left open"])
def test_markup_inside_the_body_does_not_end_the_record(inserted):
    page = PAGE.replace("<p>结尾一段</p>", inserted + "<p>结尾一段</p>")
    assert b"<p>\xe7\xbb\x93\xe5\xb0\xbe" in search_record(page.encode("utf-8"))
    assert digest(page.replace("结尾一段", "结尾改过")) != digest(page)


@pytest.mark.parametrize("page", [
    PAGE.replace("</footer>", '<span data-pagefind-meta="unit">宣传科</span></footer>'),
    PAGE.replace('<header class="md-header">', '<header class="md-header" data-pagefind-ignore>'),
    PAGE.replace("<p>结尾一段</p>\n</article>", "<p>结尾一段</p>"),
    PAGE.replace(" data-pagefind-body", ""),
], ids=["meta outside the body", "attribute outside the body", "body never closed", "no body"])
def test_a_page_pagefind_reads_beyond_its_body_is_its_own_record(page):
    """Pagefind reads such a page as it is: all of it is the record, and any change changes the key."""
    assert search_record(page.encode("utf-8")) == page.encode("utf-8")
    assert digest(page.replace("页脚", "新的页脚")) != digest(page)
