"""searchcompare's pure parts: Pagefind markup, the gzip'ing test server's byte count, judging, the report."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request

import pytest

from benchmarks.corpus import write_corpus
from benchmarks.searchcompare import (Builds, Outcome, PagefindIndex, Transfer, add_pagefind_markup, judge, report,
                                       serve)

BARE = """<article class="hp-article">
  <nav class="hp-crumbs" aria-label="当前位置"><a href="../">首页</a></nav>
  <header class="hp-article__header">
    <h1>医改政策问答</h1>
    <dl class="hp-meta">
      <div><dt>发布时间</dt><dd><time datetime="2015-03-04T09:30:00+08:00">2015年3月4日</time></dd></div>
      <div><dt>栏目</dt><dd><a href="../../../">医改宣传</a></dd></div>
    </dl>
  </header>
  <nav class="hp-neighbours" aria-label="同栏目文章">上一篇</nav>
</article>"""

MARKED = """<article class="hp-article" data-pagefind-body>
  <div data-pagefind-ignore><nav class="hp-crumbs" aria-label="当前位置"></nav></div>
    <h1 data-pagefind-meta="title">医改政策问答</h1>
    <dl class="hp-meta">
      <div><dt>发布时间</dt><dd><time datetime="2015-03-04T09:30:00+08:00" data-pagefind-meta="date:2015-03-04">x</time></dd></div>
      <div><dt>栏目</dt><dd><a href="../../../" data-pagefind-filter="column">医改宣传</a></dd></div>
    </dl>
  <nav class="hp-neighbours" aria-label="同栏目文章" data-pagefind-ignore>上一篇</nav>
</article>"""


def test_markup_for_a_template_without_pagefind():
    html = add_pagefind_markup(BARE)
    for attribute in ('<article class="hp-article" data-pagefind-body>', '<nav class="hp-crumbs" data-pagefind-ignore',
                      '<h1 data-pagefind-meta="title">', '<dl class="hp-meta" data-pagefind-ignore>',
                      'data-pagefind-meta="date:2015-03-04"', 'data-pagefind-filter="column"',
                      'aria-label="同栏目文章" data-pagefind-ignore>'):
        assert attribute in html


def test_markup_already_in_the_template_is_kept_once():
    html = add_pagefind_markup(MARKED)
    assert html.count("data-pagefind-body") == 1
    assert html.count("data-pagefind-meta=\"date") == 1
    assert html.count("data-pagefind-filter") == 1
    assert html.count("data-pagefind-ignore") == 3  # crumbs, neighbours, and now the facts line
    assert '<dl class="hp-meta" data-pagefind-ignore>' in html


def test_other_pages_are_left_alone():
    page = "<main><h1>健康周刊</h1><ul class=\"hp-list\"></ul></main>"
    assert add_pagefind_markup(page) == page


def fetch(url: str, gzip_ok: bool) -> tuple[int, bytes, str | None]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read(), response.headers.get("Content-Encoding")
    except urllib.error.HTTPError as error:
        return error.code, b"", None


def test_the_server_gzips_like_nginx_and_counts_what_it_sends(tmp_path):
    (tmp_path / "search").mkdir()
    data = ('{"docs": [' + ",".join(['{"text": "医改"}'] * 500) + "]}").encode()
    (tmp_path / "search" / "search_index.json").write_bytes(data)
    (tmp_path / "index.html").write_text("<p>首页</p>", encoding="utf-8")
    (tmp_path / "chunk.pf_index").write_bytes(b"\x1f\x8b already compressed")
    with serve(tmp_path, precompress=("search/search_index.json",)) as (base, transfers):
        status, body, encoding = fetch(base + "/search/search_index.json", gzip_ok=True)
        assert (status, encoding) == (200, "gzip") and gzip.decompress(body) == data
        assert fetch(base + "/search/search_index.json", gzip_ok=False)[1] == data
        assert fetch(base + "/chunk.pf_index", gzip_ok=True)[2] is None
        assert fetch(base + "/", gzip_ok=False)[1] == "<p>首页</p>".encode()
        assert fetch(base + "/missing.js", gzip_ok=False)[0] == 404
        assert fetch(base + "/../../etc/passwd", gzip_ok=False)[0] == 404
    first, plain = transfers[0], transfers[1]
    assert first.path == "/search/search_index.json" and first.size == len(data)
    assert len(body) < first.sent < len(body) + 400  # body as sent plus status line and headers
    assert plain.sent > len(data)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("sc"), 60)


def test_judging_against_the_probes(small):
    probe = small.probes["医改"]
    right = list(probe.expected)
    assert judge(Outcome("x", "医改", urls=right[:5], total=9), probe).perfect
    wrong_first = judge(Outcome("x", "医改", urls=["press/2013/01/x/"] + right[:4], total=9), probe)
    assert not wrong_first.perfect and wrong_first.hits == min(4, len(right))
    nothing = small.probes["量子纠缠"]
    assert judge(Outcome("x", "量子纠缠", total=0), nothing).text() == "✓ none"
    assert judge(Outcome("x", "量子纠缠", urls=right[:1], total=3), nothing).text() == "✗ junk"
    assert judge(Outcome("x", "医改", error="TimeoutError"), probe) is None


def test_the_report_has_every_engine_and_query(small):
    builds = Builds(lunr_build_s=14.5, plain_build_s=10.0, lunr_index_bytes=3_000_000, lunr_index_gzip=300_000,
                    lunr_entries=400, article_pages=60,
                    pagefind=[PagefindIndex("1.5.2", "pagefind", 1.2, 60, 900, 800_000, 80, {"index": (4, 100_000)})])
    probe = small.probes["医改"]
    outcomes = [Outcome("lunr", "医改", urls=list(probe.expected[:5]), total=7, sent=300_000, size=3_000_000,
                        requests=4, seconds=1.5, fetched=[Transfer("/search/search_index.json", 300_000, 3_000_000)]),
                Outcome("Pagefind 1.5.2", "医改", urls=list(probe.expected[:2]), total=30, sent=150_000, requests=11,
                        seconds=0.4, fetched=[Transfer("/pagefind/pagefind.js", 13_000, 40_000)]),
                Outcome("lunr", "量子纠缠", total=0, cold=False), Outcome("Pagefind 1.5.2", "量子纠缠", total=0)]
    text = report(small, builds, outcomes, {"pagefind": "1.5.2"})
    assert "| query | lunr | Pagefind 1.5.2 |" in text
    assert "1.45x" in text and "300 kB" in text and "150 kB (11 req)" in text
    assert "| 量子纠缠 | 0 (0) | ✓ none, 0 | ✓ none, 0 |" in text
