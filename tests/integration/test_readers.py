"""What readers get besides pages: feeds, sitemap, reading time, QR codes, images, reading tools."""

from __future__ import annotations

import struct
import zlib

import feedparser
import pytest
from lxml import etree
from mkdocs.exceptions import Abort

from helpers import article


def png(width: int, height: int) -> bytes:
    """A real PNG of the given size (one grey pixel row repeated)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture
def news_site(site):
    site.config["plugins"] = [{"healthpress": {"feed_items": 3}}]
    for day in range(1, 6):
        site.write(f"news/n{day}.md", article(f"新闻{day}", f"2014-03-0{day} 09:00", tags=["医改"],
                                              body=f"第{day}条新闻的<b>第一段</b>。\n\n第二段。"))
    site.write("news/draft.md", article("草稿新闻", "2014-03-09", status="draft"))
    site.write("health-weekly/w.md", article("周刊文章", "2014-02-01"))
    return site


@pytest.mark.parametrize("path", ["feed.xml", "atom.xml", "news/feed.xml", "news/atom.xml"])
def test_feeds_parse_cleanly_newest_first_with_absolute_urls(news_site, path):
    built = news_site.build()
    feed = feedparser.parse((built.site_dir / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    titles = [entry.title for entry in feed.entries]
    assert titles == ["新闻5", "新闻4", "新闻3"], "newest feed_items articles, newest first, no draft"
    first = feed.entries[0]
    assert first.link == "https://health.example.gov.cn/news/2014/03/n5/"
    assert "+08:00" in first.published or "+0800" in first.published
    assert first.summary == "第5条新闻的第一段。"
    assert [t.term for t in first.tags] == ["医改"]


def test_feeds_are_linked_from_every_page_head_and_column_pages(news_site):
    built = news_site.build()
    for url in ("", "news/2014/03/n1/", "archive/", "tags/"):
        links = [l["href"] for l in built.page(url).select('head link[rel~="feed"]')]
        assert any(h.endswith("feed.xml") for h in links) and any(h.endswith("atom.xml") for h in links), url
    column_links = [l["href"] for l in built.page("news/").select('head link[rel~="feed"]')]
    assert "feed.xml" in column_links and "../feed.xml" in column_links


def test_a_build_without_site_url_fails_with_the_fix(news_site, caplog):
    del news_site.config["site_url"]
    with pytest.raises(Abort):
        news_site.build()
    assert any("site_url" in r.getMessage() and "https://" in r.getMessage() for r in caplog.records)


def test_sitemap_lists_every_published_page_with_article_dates(news_site):
    built = news_site.build()
    tree = etree.fromstring((built.site_dir / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in tree.findall("s:url", ns)}
    assert entries["https://health.example.gov.cn/news/2014/03/n2/"] == "2014-03-02"
    assert entries["https://health.example.gov.cn/news/"] == "2014-03-05"
    assert not any("draft" in loc for loc in entries)
    html_pages = [p for p in built.all_pages() if p.name == "index.html"]
    assert len(entries) == len(html_pages)


def test_reading_time_counts_chinese_characters_and_qr_code_carries_the_address(site):
    site.write("news/long.md", article("长文", "2014-03-01", body="健康" * 450 + "\n\nHealth 12320 hotline."))
    page = site.build().page("news/2014/03/long/")
    assert page.select_one(".hp-reading-time dd").get_text() == "约 3 分钟（903 字）"
    qr = page.select_one(".hp-qr svg")
    assert qr["role"] == "img" and qr.find("path")
    assert "https://health.example.gov.cn/news/2014/03/long/" in page.select_one(".hp-qr figcaption").get_text()


def test_images_are_lazy_with_intrinsic_size_and_need_alt_text(site, build_errors):
    (site.root / "content" / "news" / "images").mkdir(parents=True)
    (site.root / "content" / "news" / "images" / "chart.png").write_bytes(png(640, 360))
    site.write("news/a.md", article("有图", "2014-03-01", body="正文。\n\n![门诊量变化](images/chart.png)\n"))
    img = site.build().page("news/2014/03/a/").select_one(".hp-article__body img")
    assert (img["loading"], img["decoding"], img["width"], img["height"], img["alt"]) == ("lazy", "async", "640", "360", "门诊量变化")
    site.write("news/b.md", article("无说明", "2014-03-02", body="正文。\n\n![](images/chart.png)\n"))
    with pytest.raises(Abort):
        site.build()
    assert any(e.startswith("content/news/b.md:8:") and "alt" in e and "![图片内容的说明](images/chart.png)" in e
               for e in build_errors())


def test_every_page_has_the_search_box_and_reading_tools(news_site):
    built = news_site.build()
    for url in ("", "news/", "news/2014/03/n1/", "archive/2014/", "search/"):
        page = built.page(url)
        form = page.select_one("form#hp-search")
        assert form["action"] in ("./", "../search/") or form["action"].endswith("/search/") or form["action"] == "search/"
        assert form.select_one("input[name=q]")["type"] == "search"
        assert page.select_one("#hp-font-larger") and page.select_one("#hp-font-smaller")
        assert page.select_one("#hp-contrast-toggle")["aria-pressed"] == "false"
    search = built.page("search/")
    assert search.select_one("script[data-pagefind-shards]")["data-pagefind-shards"].endswith("pagefind/shards.json")
    article_page = built.page("news/2014/03/n1/")
    assert article_page.select_one("article[data-pagefind-body] h1[data-pagefind-meta=title]")
