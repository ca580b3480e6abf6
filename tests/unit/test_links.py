"""collect_links / resolve / site_paths / find_broken_links / broken_link_finding: every internal link leads somewhere."""

from __future__ import annotations

import pytest

from healthpress.model.findings import Level
from healthpress.checks.brokenlinks import broken_link_finding, find_broken_links, site_paths
from healthpress.render.links import PageLinks, collect_links, resolve, root_relative_to_page

PAGE = "news/2013/05/yizhen/"
"""An article's directory URL, as MkDocs gives it (no leading slash)."""
PATH = "content/news/yizhen.md"


# --- collect_links ----------------------------------------------------------------------------------------------

def test_collect_links_gathers_link_targets_and_ids():
    html = """
<h2 id="活动宗旨">活动宗旨</h2>
<p>见 <a href="../tijian/#时间">体检</a>、<a href="https://www.nhc.gov.cn/">国家卫健委</a>、
<a href="?a=1&amp;b=2">分页</a>、<a name="old">旧锚点</a>、<a>无链接</a>。</p>
<p id="p2"><img src="images/%E5%9B%BE.png" alt="图"></p>
<video src="media/a.mp4"><source src="media/a.webm"></video>
<audio src="media/a.mp3"></audio>
<link href="style.css"><script src="x.js"></script>
<div id="note" class="x"></div>
"""
    page = collect_links("news/yizhen.md", PAGE, html)
    assert page == PageLinks(
        "news/yizhen.md", PAGE,
        ("../tijian/#时间", "https://www.nhc.gov.cn/", "?a=1&b=2", "images/%E5%9B%BE.png", "media/a.mp4",
         "media/a.webm", "media/a.mp3"),
        frozenset({"活动宗旨", "p2", "note"}), images=frozenset({3}),
    )


def test_collect_links_of_a_page_without_links():
    assert collect_links("index.md", "", "<p>正文</p>") == PageLinks("index.md", "", (), frozenset())


# --- resolve ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "target, expected",
    [
        ("../tijian/", ("/news/2013/05/tijian/", "")),
        ("../../../tijian/", ("/news/tijian/", "")),
        ("../x/", ("/news/2013/05/x/", "")),
        ("../tijian/#时间", ("/news/2013/05/tijian/", "时间")),
        ("#活动宗旨", ("/news/2013/05/yizhen/", "活动宗旨")),
        ("#%E6%B4%BB%E5%8A%A8%E5%AE%97%E6%97%A8", ("/news/2013/05/yizhen/", "活动宗旨")),
        ("#frag", ("/news/2013/05/yizhen/", "frag")),
        ("", ("/news/2013/05/yizhen/", "")),
        ("?page=2", ("/news/2013/05/yizhen/", "")),
        ("/abs/", ("/abs/", "")),
        ("/archive/2013/05/#top", ("/archive/2013/05/", "top")),
        ("./images/a.png", ("/news/2013/05/yizhen/images/a.png", "")),
        ("images/a.png", ("/news/2013/05/yizhen/images/a.png", "")),
        ("../../../images/cover.jpg", ("/news/images/cover.jpg", "")),
        ("%E5%B0%8F/", ("/news/2013/05/yizhen/小/", "")),
        ("../../../%E5%81%A5%E5%BA%B7/", ("/news/健康/", "")),
        ("images/%E5%9B%BE%201.png", ("/news/2013/05/yizhen/images/图 1.png", "")),
        ("../../../../../../../../x/", ("/x/", "")),
        ("a/./b/../c.pdf", ("/news/2013/05/yizhen/a/c.pdf", "")),
    ],
    ids=["sibling-article", "column-level", "relative-dot-dot", "with-fragment", "raw-chinese-fragment",
         "percent-encoded-fragment", "ascii-fragment", "empty", "query-only", "absolute", "absolute-with-fragment",
         "dot-slash-image", "image", "up-to-column-image", "percent-encoded-chinese-folder",
         "percent-encoded-chinese-up", "percent-encoded-space", "above-the-root", "dot-segments"],
)
def test_resolve_internal(target, expected):
    assert resolve(PAGE, target) == expected


@pytest.mark.parametrize(
    "target",
    ["https://www.nhc.gov.cn/", "http://example.gov.cn/a.md", "//cdn.example.com/a.js", "mailto:wsj@example.gov.cn",
     "tel:12320", "javascript:void(0)", "data:image/png;base64,iVBORw0KGgo="],
    ids=["https", "http", "protocol-relative", "mailto", "tel", "javascript", "data"],
)
def test_resolve_external_and_special_is_none(target):
    assert resolve(PAGE, target) is None


@pytest.mark.parametrize(
    "page_url, target, expected",
    [
        ("", "news/", ("/news/", "")),
        ("", "#top", ("/", "top")),
        ("", "../x/", ("/x/", "")),
        ("news/", "2013/05/yizhen/", ("/news/2013/05/yizhen/", "")),
    ],
    ids=["home-page", "home-page-fragment", "home-page-above-root", "column-page"],
)
def test_resolve_from_other_pages(page_url, target, expected):
    assert resolve(page_url, target) == expected


# --- site_paths -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "url, paths",
    [
        ("", {"/", "/index.html"}),
        ("news/", {"/news/", "/news/index.html", "/news"}),
        ("news/2013/05/yizhen/", {"/news/2013/05/yizhen/", "/news/2013/05/yizhen/index.html", "/news/2013/05/yizhen"}),
        ("news/index.html", {"/news/index.html", "/news/"}),
        ("404.html", {"/404.html"}),
        ("news/images/a.png", {"/news/images/a.png"}),
        ("%E5%81%A5%E5%BA%B7/", {"/健康/", "/健康/index.html", "/健康"}),
        ("images/%E5%9B%BE%201.png", {"/images/图 1.png"}),
    ],
    ids=["home", "column", "article", "index-html", "file-page", "image", "percent-encoded-folder",
         "percent-encoded-file"],
)
def test_site_paths_adds_the_forms_a_reader_can_open(url, paths):
    assert site_paths([url]) == paths


def test_site_paths_of_several_urls_is_their_union():
    assert site_paths(["", "news/", "news/a.png"]) == {
        "/", "/index.html", "/news/", "/news/index.html", "/news", "/news/a.png"}


# --- find_broken_links ------------------------------------------------------------------------------------------

def page(src_uri: str, url: str, targets: tuple[str, ...], ids: set[str] = frozenset()) -> PageLinks:
    return PageLinks(src_uri, url, targets, frozenset(ids))


TIJIAN = page("news/tijian.md", "news/2013/05/tijian/", (), {"时间", "地点"})
KNOWN = site_paths(["", "news/", "news/2013/05/yizhen/", "news/2013/05/tijian/", "news/2013/05/yizhen/images/a.png",
                    "archive/", "健康/"])


def broken(targets: tuple[str, ...], ids: set[str] = frozenset({"活动宗旨"})) -> list[tuple[str, str]]:
    yizhen = page("news/yizhen.md", PAGE, targets, ids)
    found = find_broken_links([yizhen, TIJIAN], KNOWN)
    assert all(p is yizhen for p, _, _ in found)
    return [(target, reason) for _, target, reason in found]


@pytest.mark.parametrize(
    "target",
    ["../tijian/", "../tijian/#时间", "../tijian/#%E6%97%B6%E9%97%B4", "../tijian", "../tijian/index.html",
     "/news/2013/05/tijian/#地点", "#活动宗旨", "#", "images/a.png", "./images/a.png", "../../../", "/", "/index.html",
     "../../../../archive/#whatever", "/%E5%81%A5%E5%BA%B7/", "/健康/#任意", "https://example.com/missing/",
     "mailto:wsj@example.gov.cn"],
    ids=["article", "article-anchor", "article-percent-encoded-anchor", "without-trailing-slash", "index-html",
         "absolute-with-anchor", "own-anchor", "empty-fragment", "image", "dot-slash-image", "column", "home",
         "home-index-html", "anchor-on-page-without-known-ids", "percent-encoded-folder",
         "raw-chinese-folder-with-anchor", "external", "mailto"],
)
def test_link_that_leads_somewhere_is_not_reported(target):
    assert broken((target,)) == []


@pytest.mark.parametrize(
    "target, reason",
    [
        ("../jiankang/", "missing"),
        ("../jiankang/#时间", "missing"),
        ("images/b.png", "missing"),
        ("./images/%E5%9B%BE.png", "missing"),
        ("yizhen.md", "missing"),
        ("/news/2014/", "missing"),
        ("../tijian/#费用", "anchor"),
        ("../tijian#费用", "anchor"),
        ("../tijian/#%E8%B4%B9%E7%94%A8", "anchor"),
        ("#活动内容", "anchor"),
        ("#top", "anchor"),
    ],
    ids=["missing-article", "missing-article-with-anchor", "missing-image", "missing-chinese-image",
         "unrewritten-md-link", "missing-absolute", "missing-anchor", "missing-anchor-without-slash",
         "missing-percent-encoded-anchor", "missing-own-anchor", "missing-own-ascii-anchor"],
)
def test_broken_link_is_reported_with_its_reason(target, reason):
    assert broken((target,)) == [(target, reason)]


def test_own_anchor_on_a_page_without_ids_is_reported():
    assert broken(("#活动宗旨",), ids=set()) == [("#活动宗旨", "anchor")]


def test_every_broken_link_of_every_page_is_reported_in_order():
    home = page("index.md", "", ("news/", "news/2013/05/yizhen/#活动宗旨", "news/2013/05/yizhen/#没有", "nowhere/"))
    yizhen = page("news/yizhen.md", PAGE, ("../tijian/#费用", "../tijian/", "images/b.png"), {"活动宗旨"})
    found = find_broken_links([home, yizhen, TIJIAN], KNOWN)
    assert [(p.src_uri, target, reason) for p, target, reason in found] == [
        ("index.md", "news/2013/05/yizhen/#没有", "anchor"),
        ("index.md", "nowhere/", "missing"),
        ("news/yizhen.md", "../tijian/#费用", "anchor"),
        ("news/yizhen.md", "images/b.png", "missing"),
    ]


def test_missing_anchor_on_an_index_html_link_is_reported():
    assert broken(("../tijian/index.html#费用",)) == [("../tijian/index.html#费用", "anchor")]


# --- broken_link_finding ----------------------------------------------------------------------------------------

BODY = """\
市人民医院开展义诊活动。

![现场照片](images/xianchang.png)

详见[体检安排](tijian.md#费用)和[通知](tongzhi.pdf)。

## 活动宗旨

返回[上文](#活动内容)。
"""
BODY_LINE = 7


@pytest.mark.parametrize(
    "target, reason, line, code, hint",
    [
        ("images/xianchang.png", "missing", 9, "missing-image", "图片“images/xianchang.png”不存在"),
        ("../../../images/xianchang.png", "missing", 9, "missing-image", "图片“../../../images/xianchang.png”"),
        ("tongzhi.pdf", "missing", 11, "broken-link", "链接的文件或文章“tongzhi.pdf”不存在"),
        ("../tijian/#费用", "anchor", 11, "missing-anchor", "“#费用”在目标页面上不存在"),
        ("tijian.md#费用", "anchor", 11, "missing-anchor", "“#费用”"),
        ("#活动内容", "anchor", 15, "missing-anchor", "“#活动内容”"),
        ("../../../images/%E7%8E%B0%E5%9C%BA.png", "missing", None, "missing-image", "图片“../../../images/现场.png”"),
    ],
    ids=["image-as-written", "rewritten-image-found-by-file-name", "attachment", "rewritten-article-anchor",
         "article-anchor-as-written", "own-anchor", "not-in-the-body"],
)
def test_broken_link_finding(target, reason, line, code, hint):
    finding = broken_link_finding(PATH, BODY, BODY_LINE, target, reason)
    assert (finding.path, finding.line, finding.field, finding.code, finding.level) == (
        PATH, line, None, code, Level.ERROR)
    assert hint in finding.message


@pytest.mark.parametrize(
    "target, image",
    [
        ("a.png", True), ("a.jpg", True), ("a.jpeg", True), ("a.gif", True), ("a.svg", True), ("a.webp", True),
        ("照片.PNG", True), ("a.JPG", True), ("a.pdf", False), ("a.docx", False), ("../tijian/", False),
        ("png/", False), ("a.png.md", False),
    ],
    ids=lambda v: str(v),
)
def test_image_extensions_are_named_images(target, image):
    finding = broken_link_finding(PATH, f"链接 {target}\n", BODY_LINE, target, "missing")
    assert finding.code == ("missing-image" if image else "broken-link")
    assert finding.message.startswith("图片" if image else "链接的文件或文章")
    assert finding.line == BODY_LINE
    assert ".md 文件名" in finding.fix


def test_percent_encoded_image_is_found_by_its_chinese_name_and_shown_decoded():
    body = "第一段\n\n![图](images/现场照片.jpg)\n"
    finding = broken_link_finding(PATH, body, BODY_LINE, "images/%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.jpg", "missing")
    assert (finding.line, finding.code) == (BODY_LINE + 2, "missing-image")
    assert "图片“images/现场照片.jpg”不存在" in finding.message


def test_anchor_finding_tells_how_to_fix_it():
    finding = broken_link_finding(PATH, BODY, BODY_LINE, "#活动内容", "anchor")
    assert "小标题" in finding.fix and "删除 # 及后面的部分" in finding.fix


COPIED = "#%E6%B4%BB%E5%8A%A8%E5%AE%97%E6%97%A8"
"""`#活动宗旨` as a browser's address bar copies it."""


def test_percent_encoded_anchor_as_written_is_found_on_its_line():
    body = "本次活动很成功。\n\n返回[上文](" + COPIED + ")。\n"
    finding = broken_link_finding(PATH, body, BODY_LINE, COPIED, "anchor")
    assert finding.line == BODY_LINE + 2


def test_percent_encoded_anchor_is_shown_decoded():
    finding = broken_link_finding(PATH, BODY, BODY_LINE, COPIED, "anchor")
    assert "“#活动宗旨”" in finding.message


@pytest.mark.parametrize(("page_url", "written", "published"), [
    ("news/2013/05/a/", '<a href="/feed.xml">', '<a href="../../../../feed.xml">'),
    ("news/2013/05/a/", '<img alt="图" src="/assets/a.png">', '<img alt="图" src="../../../../assets/a.png">'),
    ("news/2013/05/a/", '<a title="/x" href="/">', '<a title="/x" href="../../../../">'),
    ("", '<a href="/tags/">', '<a href="./tags/">'),
    ("news/2013/05/a/", '<a href="//cdn.example.cn/a.js">', '<a href="//cdn.example.cn/a.js">'),
    ("news/2013/05/a/", '<a href="https://www.gov.cn/">', '<a href="https://www.gov.cn/">'),
    ("news/2013/05/a/", '<a href="../b/">', '<a href="../b/">'),
    ("news/2013/05/a/", '<a data-src="/x" href="#top">', '<a data-src="/x" href="#top">'),
])
def test_a_root_relative_address_is_made_relative_to_the_page_and_reads_as_the_same_site_path(page_url, written,
                                                                                              published):
    assert root_relative_to_page(written, page_url) == published
    before, after = collect_links(page_url, page_url, written), collect_links(page_url, page_url, published)
    assert [resolve(page_url, t) for t in before.targets] == [resolve(page_url, t) for t in after.targets]


def test_the_home_page_and_the_files_written_beside_the_pages_are_paths_a_reader_can_open():
    from healthpress.model.sitepaths import generated_files

    known = site_paths(["./", "news/", *generated_files()])  # MkDocs' URL of the home page is "./"
    assert {"/", "/index.html", "/feed.xml", "/atom.xml", "/sitemap.xml", "/sitemap.xml.gz", "/404.html"} <= known
