"""An article may link to every address the build itself publishes (feeds, sitemap, search page, reports,
the disclosure guide and catalogue, tag, column and archive pages...), and a root-relative address (`/feed.xml`)
leads to the site's own root under any `site_url`: check and build agree, and the published page works."""

from __future__ import annotations

import base64
import json
import posixpath
import re
from pathlib import Path

import pytest

from helpers import BuiltSite, article

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")

GENERATED_TARGETS = ["feed.xml", "atom.xml", "sitemap.xml", "sitemap.xml.gz", "404.html", "search/", "reports/",
                     "disclosure/guide/", "disclosure/catalogue/", "tags/", "archive/", "stats/", "topics/",
                     "press/", "press/archive/", "press/archive/2013/", "archive/2013/", "tags/xin-wen-fa-bu/",
                     "health-weekly/issues/", "health-weekly/issues/1/", "about/leadership-group/", ""]
"""A page of each kind the build generates (none of them a file of content/), as site-relative addresses
(the last, "", is the home page)."""

LINKING = "content/press/links-to-generated.md"


def _link_to_everything(project: Path, site_url: str) -> None:
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {site_url}", text), encoding="utf-8")
    body = "\n\n".join(f"[第{i}个](/{target})" for i, target in enumerate(GENERATED_TARGETS, 1))
    (project / LINKING).write_text(
        f"---\ntitle: 本站的各种页面\ndate: 2013-04-11 10:00\nauthor: 周颖\nunit: 市卫生局宣传科\n---\n\n"
        f'{body}\n\n<a href="/feed.xml">订阅</a>\n', encoding="utf-8")


@pytest.mark.parametrize("site_url", ["https://www.example.gov.cn/", "https://www.example.gov.cn/qy/"])
def test_an_article_may_link_to_every_kind_of_generated_page(example_copy, check_and_build, site_url):
    _link_to_everything(example_copy, site_url)
    checked, built = check_and_build(example_copy)
    assert [f for f in checked if f["path"] == LINKING] == []
    assert [f for f in built if f.path == LINKING] == []


def test_a_root_relative_address_leads_to_the_site_root_under_a_subpath_site_url(site):
    """`/…` in an article (a Markdown link or image, a raw <a> or <img>) is the site's root, not the
    server's: under https://…/qy/ the published page must not send the browser to https://…/feed.xml."""
    site.config["site_url"] = "https://health.example.gov.cn/qy/"
    site.column("news", "新闻")
    (site.root / "content" / "assets").mkdir(parents=True)
    (site.root / "content" / "assets" / "a.png").write_bytes(PNG)
    site.write("news/a.md", article("甲", "2013-05-08", body=(
        '[订阅](/feed.xml)\n\n![院区](/assets/a.png)\n\n<a href="/tags/">标签</a>\n\n'
        '<img src="/assets/a.png" alt="院区">\n\n[首页](/)\n')))
    built = site.build()
    page = next(built.site_dir.rglob("news/*/*/*/index.html"))
    page_dir = "/" + page.parent.relative_to(built.site_dir).as_posix() + "/"
    addresses = [tag.get("href") or tag.get("src") for tag in built.page(page_dir).select("#hp-article-text a, #hp-article-text img")]
    assert len(addresses) == 5, addresses
    for address in addresses:  # as a browser reads it, under the site's own path
        assert not address.startswith("/"), address
        path = built.site_dir / posixpath.normpath(posixpath.join(page_dir, address)).lstrip("/")
        assert path.is_file() or (path / "index.html").is_file(), address


def test_a_repealed_documents_replacement_on_this_site_is_found_under_a_subpath_site_url(site):
    """`replaced_by: /news/…` (an address of this site, as the field asks) is linked from the document's page
    and from the catalogue relative to the page, so it works under https://…/qy/ too."""
    site.config["site_url"] = "https://health.example.gov.cn/qy/"
    site.config["extra"]["bureau"]["org_code"] = "00325437-X"
    site.write("news/new.md", article("新的实施方案", "2013-06-08", doc_no="宜卫办[2013]90号"))
    site.write("news/old.md", article("旧的实施方案", "2013-05-08", doc_no="宜卫办[2013]79号", validity="废止",
                                      replaced_by="/news/2013/06/new/"))
    built = site.build()
    new_page = built.site_dir / "news/2013/06/new/index.html"
    assert new_page.is_file()
    for page_dir, selector in [("/news/2013/05/old/", "table.hp-disclosure a"),
                               ("/disclosure/catalogue/", "table.hp-catalogue tbody a")]:
        hrefs = [a["href"] for a in built.page(page_dir).select(selector)
                 if a.get_text(strip=True) in ("废止", "查看替代文件") or "替代" in a.get_text()]
        assert hrefs, f"no link to the replacement on {page_dir}"
        for href in hrefs:
            assert not href.startswith("/"), (page_dir, href)
            target = built.site_dir / posixpath.normpath(posixpath.join(page_dir, href)).lstrip("/") / "index.html"
            assert target == new_page, (page_dir, href)


@pytest.mark.parametrize("site_url", ["https://health.example.gov.cn/", "https://health.example.gov.cn/qy/"])
def test_check_compliance_reads_a_templates_root_relative_address_as_a_browser_does(site, run_cli, site_url):
    """A theme override's `/feed.xml` leads to the site's feed only when the site is at the server's root;
    under https://…/qy/ the check of the built site says it is broken, and how to write it."""
    site.config["site_url"] = site_url
    site.config["theme"]["custom_dir"] = "theme"
    (site.root / "theme").mkdir()
    (site.root / "theme" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block hero %}<a href="/feed.xml">订阅</a>{% endblock %}\n', encoding="utf-8")
    site.write("news/a.md", article("甲", "2013-05-08"))
    assert run_cli(site, "build").returncode == 0
    findings = json.loads(run_cli(site, "check", "--compliance", "--format", "json").stdout)
    broken = {f["message"] for f in findings if f["code"] == "broken-link-in-site"}
    if site_url.endswith("/qy/"):
        assert any("“/feed.xml”以 / 开头" in message and "/qy/" in message for message in broken), broken
    else:
        assert broken == set()


def write_guide(site, form_url: str) -> None:
    """data/disclosure-guide.yml with this `form_url` (on line 4), and an official document to list."""
    (site.root / "data").mkdir()
    (site.root / "data" / "disclosure-guide.yml").write_text(
        f"scope:\n  - 规范性文件\napply:\n  form_url: {form_url}\n  channels:\n    - name: 当面申请\n"
        "      how: 到办公室填写申请表。\noffice:\n  name: 政府信息公开办公室\n  hours: 工作日 8:30—17:30\n"
        "fees: 不收取费用。\nremedies: 可以依法申请行政复议或者提起行政诉讼。\n", encoding="utf-8")
    site.write("news/a.md", article("甲", "2013-05-08", doc_no="测卫〔2013〕1号"))


def test_the_guides_form_address_on_this_site_is_found_under_a_subpath_site_url(site):
    """data/disclosure-guide.yml's `form_url: /assets/…` (an address of this site, as the field asks) is
    linked relative to the guide's page, so the form downloads under https://…/qy/ too."""
    site.config["site_url"] = "https://health.example.gov.cn/qy/"
    (site.root / "content" / "assets").mkdir(parents=True)
    (site.root / "content" / "assets" / "shenqingbiao.docx").write_bytes(b"form")
    write_guide(site, "/assets/shenqingbiao.docx")
    built = site.build()
    hrefs = [a["href"] for a in built.page("/disclosure/guide/").select("a") if a.get_text(strip=True) == "下载申请表"]
    assert len(hrefs) == 1 and not hrefs[0].startswith("/"), hrefs
    target = posixpath.normpath(posixpath.join("/disclosure/guide/", hrefs[0]))
    assert target == "/assets/shenqingbiao.docx" and built.site_dir.joinpath(target.lstrip("/")).is_file()


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_guides_form_address_on_this_site_to_no_file_is_an_error(site, run_cli, command):
    write_guide(site, "/assets/nowhere.docx")
    done = run_cli(site, command)
    assert done.returncode == 1
    assert "data/disclosure-guide.yml:4: form_url: 申请表的网址“/assets/nowhere.docx”在本站没有这个文件" \
        in done.stdout + done.stderr


def test_a_root_relative_markdown_link_to_an_articles_file_leads_to_its_page(site, check_and_build):
    """As MkDocs' `validation.links.absolute_links: relative_to_docs` reads it: `[…](/news/b.md)` is the file
    content/news/b.md, published at its dated address, under a subpath site_url too."""
    site.config["site_url"] = "https://health.example.gov.cn/qy/"
    site.write("news/b.md", article("乙", "2013-05-07"))
    site.write("news/a.md", article("甲", "2013-05-08", body="[见乙](/news/b.md)\n"))
    site.write_project()
    checked, built = check_and_build(site.root)
    assert [f for f in checked if f["path"].startswith("content/")] == []
    assert [f for f in built if f.path.startswith("content/")] == []
    page = BuiltSite(site.root / "site").page("/news/2013/05/a/")
    href = next(a["href"] for a in page.select("a") if a.get_text(strip=True) == "见乙")
    assert posixpath.normpath(posixpath.join("/news/2013/05/a/", href)) == "/news/2013/05/b"
