"""A site with no published article yet (an empty content/, or only a scheduled article) builds a whole,
working site: home, column pages that say there is nothing yet, a search page over an empty index,
feeds without items and a sitemap; with the search index on and off."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from helpers import article

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

SEARCH_PAGE_IN_NODE = r"""
const fs = require("fs");
const [script, manifestFile] = process.argv.slice(1);  // node -e SCRIPT search.js shards.json
const status = {textContent: ""}, list = {textContent: "", appendChild() {}}, input = {value: ""};
globalThis.location = new URL("https://health.example.gov.cn/search/?q=%E5%8C%BB%E6%94%B9");
globalThis.document = {
  currentScript: {getAttribute: (name) => name === "data-pagefind-shards" ? "../pagefind/shards.json" : "../"},
  getElementById: (id) => id === "hp-search-page-input" ? input : null,
  querySelector: (selector) => selector === ".hp-search-status" ? status : list,
  createElement: () => ({appendChild() {}}),
};
globalThis.fetch = async () => ({ok: true, json: async () => JSON.parse(fs.readFileSync(manifestFile, "utf8"))});
new Function(fs.readFileSync(script, "utf8"))();
setTimeout(() => console.log(JSON.stringify({status: status.textContent, query: input.value})), 200);
"""


def _content(site, kind: str, repo_root) -> None:
    """Every kind of column and every bureau data file of the example (topics, health days, units, ...)."""
    site.column("letters", "局长信箱", kind="letters", order=3)
    site.column("notices", "通知公告", kind="notices", order=4)
    site.column("interviews", "在线访谈", kind="interviews", order=5)
    site.column("surveys", "征集调查", kind="surveys", order=6)
    shutil.copytree(repo_root / "data", site.root / "data")
    if kind == "scheduled":
        site.write("news/jiang-lai.md", article("定时发布的文章", "2099-01-01 09:00", tags=["将来"]))


@pytest.fixture(params=["empty", "scheduled"])
def content(request):
    return request.param


@pytest.mark.parametrize("search_index", [True, False], ids=["search-on", "search-off"])
def test_a_site_with_no_published_article_builds_every_page(site, content, search_index, run_cli, repo_root):
    site.config["plugins"][0]["healthpress"]["search_index"] = search_index
    _content(site, content, repo_root)
    checked = run_cli(site, "check")
    assert checked.returncode == 0 and "没有发现问题" in checked.stdout, checked.stdout + checked.stderr
    built = site.build()

    home = built.page("")
    assert "暂无文章" in home.get_text()
    for column in ("news/", "health-weekly/", "letters/", "notices/", "news/archive/", "archive/"):
        assert "暂无文章" in built.page(column).get_text(), column
    assert "暂无标签" in built.page("tags/").get_text()
    for bureau_page in ("stats/", "topics/", "topics/health-days/", "about/leadership-group/", "health-weekly/issues/",
                        "letters/write/"):
        assert built.exists(bureau_page), bureau_page
    search = built.page("search/")
    assert search.select_one("form.hp-search-page input[name=q]") is not None
    assert not list(built.site_dir.glob("news/20*")), "the scheduled article waits for its date"

    manifest = built.site_dir / "pagefind" / "shards.json"
    if search_index:
        assert json.loads(manifest.read_text(encoding="utf-8"))["shards"] == []
    else:
        assert not manifest.exists()

    for rss_path, atom_path in (("feed.xml", "atom.xml"), ("news/feed.xml", "news/atom.xml")):
        channel = ET.parse(built.site_dir / rss_path).getroot().find("channel")
        assert channel.findtext("title") and channel.findtext("link") and channel.findtext("description")
        assert channel.findall("item") == []
        atom = ET.parse(built.site_dir / atom_path).getroot()
        assert atom.findtext(f"{ATOM}id") and atom.findtext(f"{ATOM}title") and atom.findtext(f"{ATOM}updated")
        assert atom.findall(f"{ATOM}entry") == []

    urls = [loc.text for loc in ET.parse(built.site_dir / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert {"https://health.example.gov.cn/", "https://health.example.gov.cn/news/",
            "https://health.example.gov.cn/search/"} <= set(urls)
    # no dated page but the yearly reports of the completed years data/annual-report.yml fills (2025)
    assert not [url for url in urls if "/20" in url and "/reports/" not in url], urls
    assert built.exists("reports/2025/website/") and built.exists("reports/2025/disclosure/")
    assert gzip.decompress((built.site_dir / "sitemap.xml.gz").read_bytes()).startswith(b"<?xml")


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the search page's script")
def test_the_search_page_of_an_empty_index_says_there_is_nothing_yet(site, content, repo_root):
    _content(site, content, repo_root)
    site.config["plugins"][0]["healthpress"]["search_index"] = True
    built = site.build()
    ran = subprocess.run(["node", "-e", SEARCH_PAGE_IN_NODE, str(built.site_dir / "assets/healthpress/search.js"),
                          str(built.site_dir / "pagefind/shards.json")], capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    shown = json.loads(ran.stdout)
    assert shown["query"] == "医改"
    assert shown["status"] == "网站还没有发布文章，暂时没有可以搜索的内容。", shown
