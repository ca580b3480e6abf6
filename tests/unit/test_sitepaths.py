"""sitepaths: the paths the site generates, and the editors' files in content/ that would take one."""

from __future__ import annotations

import pytest

from healthpress.model.paths import check_names
from healthpress.model.sitepaths import GENERATED, RESERVED_NAMES, reserved, reserved_path_findings

DOCS = "content"


def clashes(*src_uris: str) -> list[tuple[str, str]]:
    return [(f.path, f.code) for f in reserved_path_findings(sorted(src_uris), DOCS)]


@pytest.mark.parametrize("page, url", [
    ("stats.md", "/stats/"), ("search.md", "/search/"), ("tags.md", "/tags/"), ("archive.md", "/archive/"),
    ("topics.md", "/topics/"), ("about.md", "/about/leadership-group/"), ("pagefind.md", "/pagefind/"),
    ("assets.md", "/assets/"), ("404.md", "/404.html"), ("sitemap.md", "/sitemap.xml"), ("feed.md", "/feed.xml"),
    ("Stats.md", "/stats/"), ("SEARCH.md", "/search/"),
])
def test_an_editors_page_cannot_take_a_generated_address(page, url):
    findings = reserved_path_findings(["news/a.md", page], DOCS)
    assert [(f.path, f.line, f.field, f.code) for f in findings] == [(f"content/{page}", None, None, "reserved-path")]
    assert f"/{page[:-3]}/" in findings[0].message and f"（{url}）重名" in findings[0].message, findings[0].message
    assert f"{page[:-3]}-shuoming.md" in findings[0].fix and "pagefind" in findings[0].fix


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml", "sitemap.xml", "sitemap.xml.gz", "404.html", "index.html",
                                  "Feed.XML", "search", "pagefind"])
def test_a_file_at_the_top_cannot_take_a_generated_file(name):
    assert clashes(name) == [(f"content/{name}", "reserved-path")]


def test_a_folder_at_the_top_with_a_generated_name_is_reported_once():
    assert clashes("stats/a.md", "stats/b.md", "stats/chart.png", "Topics/x.png", "pagefind/x.txt") == [
        ("content/Topics/", "reserved-path"), ("content/pagefind/", "reserved-path"), ("content/stats/", "reserved-path")]


def test_the_sites_own_assets_share_assets_but_not_what_is_generated_there():
    assert clashes("assets/site.css", "assets/dzjg.svg", "assets/images/logo.png", "assets/tupian/a.png") == []
    assert clashes("assets/javascripts/x.js", "assets/stylesheets/a.css", "assets/images/favicon.png",
                   "assets/healthpress/search.js", "assets/Healthpress/x.css") == [
        ("content/assets/Healthpress/x.css", "reserved-path"), ("content/assets/healthpress/search.js", "reserved-path"),
        ("content/assets/images/favicon.png", "reserved-path"), ("content/assets/javascripts/x.js", "reserved-path"),
        ("content/assets/stylesheets/a.css", "reserved-path")]


def test_a_page_with_the_name_of_a_column_folder_would_replace_its_column_page():
    findings = reserved_path_findings(["press.md", "press/a.md"], DOCS)
    assert [(f.path, f.code) for f in findings] == [("content/press.md", "reserved-path")]
    assert "content/press/" in findings[0].message and "columns/press.yml" in findings[0].fix
    assert clashes("press.md", "press/photo.png") == [], "a folder of pictures has no page of its own"


def test_ordinary_names_are_free():
    assert clashes("index.md", "guide.md", "zhinan.md", "news/a.md", "press/2013/a.md", "robots.txt",
                   "statistics.md", "archives/a.png", "news/archive.md") == []


def test_check_names_reports_them_with_the_other_name_problems():
    assert [(f.path, f.code) for f in check_names(["stats.md", "con.md"], DOCS)] == [
        ("content/con.md", "bad-file-name"), ("content/stats.md", "reserved-path")]


def test_reserved_names_and_lookup():
    assert {"archive", "tags", "search", "stats", "topics", "about", "disclosure", "pagefind", "assets", "404", "sitemap",
            "feed", "atom", "index", "page", "static", "reports"} == RESERVED_NAMES
    assert reserved("STATS").url == "/stats/" and reserved("sitemap").url == "/sitemap.xml"
    assert reserved("news") is None and reserved("statistics") is None
    assert all(g.url.startswith("/") and g.what for g in GENERATED.values())


@pytest.mark.parametrize("src_uri, replaced", [
    ("README.md", "首页（/）"), ("readme.md", "首页（/）"), ("ReadMe.MD", "首页（/）"),
    ("news/README.md", "/news/"), ("guide/sub/Readme.md", "/guide/sub/"),
])
def test_a_readme_would_replace_its_folders_index_page(src_uri, replaced):
    """MkDocs publishes README.md as index.md: content/README.md silently replaced the generated home page."""
    findings = reserved_path_findings(["news/a.md", src_uri], DOCS)
    assert [(f.path, f.code) for f in findings] == [(f"content/{src_uri}", "reserved-path")]
    assert replaced in findings[0].message and "README.md" in findings[0].message
    assert "改名" in findings[0].fix and "shuoming.md" in findings[0].fix


def test_a_readme_in_a_name_is_free():
    assert clashes("readme-2013.md", "news/my-readme.md", "index.md") == []
