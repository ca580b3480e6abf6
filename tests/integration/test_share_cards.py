"""What a link to a page shows where it is pasted: its own meta description and an Open Graph card
(og:title, og:description, og:image, og:url as absolute addresses), every value escaped."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest
import yaml

from helpers import article


def meta(page, name: str) -> str | None:
    """The content of <meta name=...> or <meta property=...>; None when the page has none."""
    tag = page.find("meta", attrs={"name": name}) or page.find("meta", attrs={"property": name})
    return tag["content"] if tag else None


def article_urls(site) -> list[str]:
    return ["/".join(p.relative_to(site.site_dir).parts[:-1]) + "/"
            for p in sorted(site.site_dir.glob("*/[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"))]


def test_every_example_article_describes_itself_with_its_summary_and_absolute_addresses(example_site, repo_root):
    mkdocs = yaml.safe_load((repo_root / "mkdocs.yml").read_text(encoding="utf-8"))
    site_url, site_description = mkdocs["site_url"], mkdocs["site_description"]
    written = {}  # the summaries editors wrote, by title
    for path in (repo_root / "content").rglob("*.md"):
        head = path.read_text(encoding="utf-8").split("---")[1] if path.read_text(encoding="utf-8").startswith("---") else ""
        fields = yaml.safe_load(head) or {}
        if isinstance(fields, dict) and fields.get("summary"):
            written[str(fields.get("title") or fields.get("标题"))] = fields["summary"]
    urls = article_urls(example_site)
    assert len(urls) >= 40
    descriptions = set()
    for url in urls:
        page = example_site.page(url)
        title = page.select_one("h1").get_text(strip=True)
        description = meta(page, "description")
        assert description and description != site_description, f"{url}: the site's description, not the article's"
        assert meta(page, "og:description") == description, url
        if title in written:
            assert description == written[title].strip(), url
        assert meta(page, "og:title") == title, url
        assert meta(page, "og:type") == "article", url
        assert meta(page, "og:url") == urljoin(site_url, url) == page.find("link", rel="canonical")["href"], url
        image = meta(page, "og:image")
        assert image and image.startswith(site_url), f"{url}: og:image {image!r} is not an absolute address"
        assert meta(page, "article:published_time").startswith(page.select_one(".hp-meta time")["datetime"][:10]), url
        descriptions.add(description)
    assert written and len(descriptions) > len(urls) * 0.9, "articles share one description"
    for url, title in (("stats/", "各单位供稿统计"), ("archive/", "归档")):
        listing = example_site.page(url)
        assert title in meta(listing, "og:title") and title in meta(listing, "description"), url
        assert meta(listing, "og:type") == "website" and meta(listing, "og:url") == urljoin(site_url, url)


def test_a_card_is_escaped_shows_a_raster_cover_and_a_listing_describes_itself(site):
    site.column("notices", "通知公告", description="本局发布的通知和公告")
    (site.root / "content" / "news" / "images").mkdir(parents=True)
    (site.root / "content" / "news" / "images" / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (site.root / "content" / "news" / "images" / "drawn.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    tricky = '“健康”周 & "义诊" \'今天\' a < b'
    site.write("news/a.md", article('标题 "引号" & < 号', "2013-05-08 09:30", summary=tricky, cover="images/cover.png"))
    site.write("news/b.md", article("矢量封面", "2013-05-09", cover="images/drawn.svg"))
    site.write("notices/c.md", article("通知", "2013-05-10"))
    built = site.build()

    page = built.page("news/2013/05/a/")
    assert meta(page, "description") == meta(page, "og:description") == tricky
    assert meta(page, "og:title") == '标题 "引号" & < 号'
    assert meta(page, "og:image") == "https://health.example.gov.cn/news/images/cover.png"
    assert meta(page, "og:url") == "https://health.example.gov.cn/news/2013/05/a/"
    assert meta(page, "article:published_time") == "2013-05-08T09:30:00+08:00"
    raw = built.path("news/2013/05/a/").read_text(encoding="utf-8")
    assert 'content="标题 "' not in raw and 'content="“健康”周 & "' not in raw, "a quote ended an attribute"

    drawn = built.page("news/2013/05/b/")
    assert meta(drawn, "og:image").startswith("https://health.example.gov.cn/") and not meta(drawn, "og:image").endswith(".svg")

    listing = built.page("notices/")
    assert meta(listing, "description") == meta(listing, "og:description") == "本局发布的通知和公告"
    assert meta(listing, "og:title") == "通知公告" and meta(listing, "og:url") == "https://health.example.gov.cn/notices/"


def test_the_examples_cards_without_a_cover_show_its_share_image(example_site):
    page = example_site.page("/")
    assert meta(page, "og:image") == "https://www.example.gov.cn/assets/share.png"
    assert (example_site.site_dir / "assets" / "share.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("configured, code", [("assets/nowhere.png", "share-image-missing"),
                                              ("https://cdn.example.com/a.png", "share-image-missing"),
                                              ("assets/dzjg.svg", "share-image-kind")])
def test_a_share_image_that_cards_cannot_show_is_said(site, run_cli, configured, code):
    site.config["plugins"] = [{"healthpress": {"search_index": False, "share_image": configured}}]
    site.write("news/a.md", article("预防流感", "2013-05-01"))
    result = run_cli(site, "check", "--format", "json")
    found = [f for f in json.loads(result.stdout) if f["code"] == code]
    assert found and found[0]["path"] == "mkdocs.yml" and found[0]["field"] == "share_image"
    assert configured in found[0]["message"]
