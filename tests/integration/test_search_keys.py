"""A search shard is indexed again when what Pagefind reads from one of its pages changes, and only then:
a change the theme alone makes (the footer, the CSS) re-renders every page and re-indexes no shard."""

from __future__ import annotations

import gzip
import json
import logging

import pytest

from helpers import SiteFolder, article

FOOTER = '{% extends "base.html" %}\n{% block footer %}{{ super() }}<p class="site-note">{{ "NOTE" }}</p>{% endblock %}\n'
ARTICLES = {"a": ("news", "2014-01-05"), "b": ("news", "2014-07-05"), "c": ("notices", "2015-01-05")}


def write(site: SiteFolder, name: str, title: str | None = None, body: str | None = None, **fields) -> None:
    column, date = ARTICLES[name]
    fields = {"tags": ["预防接种"], "summary": f"{name} 的摘要", **fields}
    site.write(f"{column}/{name}.md", article(title or f"文章{name}", date, body or f"{name} 的正文：流感疫苗。",
                                              **fields))


@pytest.fixture
def shards(site: SiteFolder, caplog):
    """Three articles, each in a shard of its own, built once; a theme folder with a footer note and a CSS
    file. Returns `rebuild()`: the number of shards the next build takes from the cache."""
    caplog.set_level(logging.INFO)
    site.column("notices", "通知公告", order=3)
    site.config["plugins"][0]["healthpress"].update(search_index=True, search_shard_pages=1)
    site.config["theme"]["custom_dir"] = "theme"
    site.config["extra_css"] = ["assets/site.css"]
    (site.root / "theme" / "assets").mkdir(parents=True)
    (site.root / "theme" / "main.html").write_text(FOOTER.replace("NOTE", "页脚说明"), encoding="utf-8")
    (site.root / "theme" / "assets" / "site.css").write_text(".site-note { color: #333; }\n", encoding="utf-8")
    for name in ARTICLES:
        write(site, name)
    site.build()
    assert "3 个分片（0 个沿用缓存）" in caplog.text

    def rebuild() -> int:
        caplog.clear()
        site.build()
        line = next(r.getMessage() for r in caplog.records if "搜索索引" in r.getMessage())
        return int(line.split("个分片（")[1].split(" 个沿用缓存")[0])
    return rebuild


def test_a_theme_only_change_reindexes_no_shard(site, shards):
    page = next((site.root / "site" / "news" / "2014" / "01").rglob("index.html"))
    old = page.read_bytes()
    (site.root / "theme" / "main.html").write_text(FOOTER.replace("NOTE", "页脚说明改过"), encoding="utf-8")
    assert shards() == 3
    assert page.read_bytes() != old and "页脚说明改过" in page.read_text(encoding="utf-8")
    (site.root / "theme" / "assets" / "site.css").write_text(".site-note { color: #000; }\n", encoding="utf-8")
    assert shards() == 3


def test_a_summary_only_change_reindexes_no_shard(site, shards):
    """The summary is in the page's head and the listings, not in what Pagefind indexes."""
    page = next((site.root / "site" / "news" / "2014" / "01").rglob("index.html"))
    write(site, "a", summary="改过的摘要")
    assert shards() == 3
    assert "改过的摘要" in page.read_text(encoding="utf-8")


def fragments(site: SiteFolder) -> list[dict]:
    """The result data of every page the published index holds (Pagefind's gzipped fragment files)."""
    magic = b"pagefind_dcd"
    return [json.loads(gzip.decompress(path.read_bytes()).removeprefix(magic))
            for path in sorted((site.root / "site" / "pagefind").glob("*/fragment/*.pf_fragment"))]


def test_an_image_in_the_footer_is_no_results_image_nor_a_reason_to_reindex(site, shards):
    """Pagefind is given each article's body element alone (search/indexedtext.py), not the page: the footer's
    badge, the first image after an article's title on the page, is no result's image, and another image
    in the footer re-indexes no shard."""
    results = fragments(site)
    assert len(results) == 3 and all("image" not in result["meta"] for result in results), results
    assert {result["meta"]["title"] for result in results} == {"文章a", "文章b", "文章c"}
    footer = FOOTER.replace('<p class="site-note">{{ "NOTE" }}</p>', '<img src="/new-badge.png" alt="新标识">')
    (site.root / "theme" / "main.html").write_text(footer, encoding="utf-8")
    assert shards() == 3
    page = next((site.root / "site" / "news" / "2014" / "01").rglob("index.html"))
    assert 'src="/new-badge.png"' in page.read_text(encoding="utf-8")
    assert fragments(site) == results


@pytest.mark.parametrize("change", ["title", "tag", "body", "column title"])
def test_what_pagefind_reads_reindexes_that_shard(site, shards, change):
    if change == "title":
        write(site, "c", title="改过的标题")
    elif change == "tag":
        write(site, "c", tags=["预防接种", "健康教育"])
    elif change == "body":
        write(site, "c", body="c 改过的正文：手足口病。")
    else:  # the column's title is the page's search filter
        site.column("notices", "通知", order=3)
    assert shards() == 2
