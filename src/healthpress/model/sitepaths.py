"""Every top-level path of the published site that healthpress, MkDocs or material makes itself (pure).

A column (columns/<id>.yml, its articles in content/<id>/) and an editor's own page, folder or file at
the top of content/ must not take one of these names: the generated page would be replaced without a
word, or would replace the editor's (content/stats.md becomes /stats/, where the statistics are).
`tests/integration/test_generated_paths.py` builds the example site and checks that every top-level
name of site/ is a column's folder, a file of content/ or theme/, or listed here, so a path a new
version generates cannot be forgotten.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from healthpress.model.findings import Finding


@dataclass(frozen=True, slots=True)
class Generated:
    """A path the site generates: what it is, for an editor, and its address."""

    what: str
    url: str


GENERATED: dict[str, Generated] = {
    # healthpress' listings (render/views.py, render/bureau_views.py)
    "index.html": Generated("首页", "/"),
    "archive": Generated("全站归档", "/archive/"),
    "tags": Generated("标签页", "/tags/"),
    "search": Generated("搜索页", "/search/"),
    "stats": Generated("供稿统计页", "/stats/"),
    "topics": Generated("专题和卫生防病日页", "/topics/"),
    "about": Generated("领导小组页", "/about/leadership-group/"),
    "disclosure": Generated("政府信息公开指南和目录", "/disclosure/guide/"),
    "reports": Generated("年度报表和报告页", "/reports/"),
    # the search index (search/shards.py), the feeds (render/feeds.py), the sitemap (render/sitemap.py)
    "pagefind": Generated("搜索索引", "/pagefind/"),
    "feed.xml": Generated("RSS 订阅", "/feed.xml"),
    "atom.xml": Generated("Atom 订阅", "/atom.xml"),
    "sitemap.xml": Generated("网站地图", "/sitemap.xml"),
    "sitemap.xml.gz": Generated("压缩的网站地图", "/sitemap.xml.gz"),
    # MkDocs and material: the theme's static pages and files, healthpress' own under assets/healthpress/
    "404.html": Generated("“页面不存在”提示页", "/404.html"),
    "assets": Generated("网站的样式、脚本和图标", "/assets/"),
    # kept for what listings and feeds may need: a listing's pages are <listing>/page/2/
    "page": Generated("分页网址", "/page/"),
    "feed": Generated("订阅网址", "/feed/"),
    "static": Generated("静态文件网址", "/static/"),
}
"""Top-level names of site/ -> what makes them."""

GENERATED_ASSETS: dict[str, Generated] = {
    "assets/healthpress": Generated("healthpress 的样式和脚本", "/assets/healthpress/"),
    "assets/javascripts": Generated("网站主题的脚本", "/assets/javascripts/"),
    "assets/stylesheets": Generated("网站主题的样式", "/assets/stylesheets/"),
    "assets/images/favicon.png": Generated("网站图标", "/assets/images/favicon.png"),
}
"""Inside assets/, which the site's own files share (content/assets/, theme/assets/): what is generated there."""



def generated_files() -> list[str]:
    """The site-relative addresses of the files the build writes beside the pages (feeds, sitemap, the
    "页面不存在" page): what a link may lead to though no file of content/ and no page makes it. The pages
    themselves (listings, tag and column pages, reports...) are in the build's list of pages."""
    return [generated.url.lstrip("/") for name, generated in GENERATED.items()
            if "." in name and name != "index.html"]


README = "readme.md"
"""MkDocs' other name for a folder's index.md (any case is refused: a case-insensitive disk, another engine)."""
HOME_PAGE = "index.md"
"""The editors' own home page, which replaces the generated one on purpose."""


def _stem(name: str) -> str:
    return name.casefold().split(".", 1)[0]


RESERVED_NAMES = frozenset(_stem(name) for name in GENERATED)
"""What a column id or the name of a page or folder at the top of content/ may not be: every generated
name, and every generated file's name without its extension (a column `sitemap` or `404` beside
sitemap.xml and 404.html would be taken for them)."""


def reserved(name: str) -> Generated | None:
    """What the site generates under this column id, page or folder name (case does not matter: some
    servers do not tell /Stats/ from /stats/), or None when the name is free."""
    stem = _stem(name)
    return next((generated for key, generated in GENERATED.items() if _stem(key) == stem), None)


def reserved_list() -> str:
    """The reserved names, for a fix."""
    return "、".join(sorted(RESERVED_NAMES))


def reserved_path_findings(src_uris: list[str], display_dir: str) -> list[Finding]:
    """The editors' files of content/ that would take a generated path: a page (`stats.md` is /stats/), a
    folder, a file at the top, a file under a generated part of assets/, and a page at the top that has
    the name of a folder of articles (`press.md` and content/press/ both make /press/)."""
    findings: list[Finding] = []
    folders: dict[str, str] = {}
    for src_uri in src_uris:
        head, _, rest = src_uri.partition("/")
        if rest and head not in folders:
            folders[head] = src_uri
    for folder, first in folders.items():
        if folder.casefold() == "assets":
            continue
        generated = reserved(folder)
        if generated is not None:
            findings.append(_clash(posixpath.join(display_dir, folder) + "/", f"目录名“{folder}”", generated,
                                   f"把目录改名（例如 {folder}-2）"))
    for src_uri in src_uris:
        head, _, rest = src_uri.partition("/")
        shown = posixpath.join(display_dir, src_uri)
        if posixpath.basename(src_uri).casefold() == README:
            findings.append(_readme(shown, src_uri, display_dir))
            continue
        if head.casefold() == "assets" and rest:
            generated = next((g for path, g in GENERATED_ASSETS.items()
                              if src_uri.casefold() == path or src_uri.casefold().startswith(path + "/")), None)
            if generated is not None:
                findings.append(_clash(shown, f"“{src_uri}”", generated, "把文件放到 assets/ 里的其他目录（例如 assets/tupian/）"))
            continue
        if rest or src_uri == HOME_PAGE:
            continue
        stem, extension = posixpath.splitext(src_uri)
        if extension.lower() == ".md":
            generated = reserved(stem)
            if generated is not None:
                findings.append(_clash(shown, f"这个页面的网址 /{stem}/", generated, f"把文件改名（例如 {stem}-shuoming.md）"))
            elif stem in folders and any(uri.endswith(".md") for uri in src_uris if uri.startswith(stem + "/")):
                findings.append(Finding(shown, None, None, "reserved-path",
                                        f"这个页面的网址 /{stem}/ 与目录 {display_dir}/{stem}/ 里的文章所在栏目的首页相同，"
                                        "两者只能留下一个",
                                        f"把文件改名（例如 {stem}-shuoming.md）；栏目介绍写在 columns/{stem}.yml 的 description 里"))
        elif src_uri.casefold() in GENERATED or (not extension and reserved(src_uri) is not None):
            findings.append(_clash(shown, f"文件名“{src_uri}”", GENERATED.get(src_uri.casefold()) or reserved(src_uri),
                                   "把文件改名或删除"))
    return findings


def _readme(shown: str, src_uri: str, display_dir: str) -> Finding:
    """MkDocs publishes a folder's README.md as the folder's index page (README.md at the top is the home
    page): a README.md would replace the generated home page or column page without a word."""
    folder = posixpath.dirname(src_uri)
    replaced = ("系统生成的首页（/）" if not folder
                else f"目录 {display_dir}/{folder}/ 的首页（/{folder}/，栏目的文章列表就在这里）")
    return Finding(shown, None, None, "reserved-path",
                   f"名为 README.md 的文件会被当作所在目录的首页发布，顶替{replaced}",
                   f"把文件改名（例如 {posixpath.join(folder, 'shuoming.md')}）；写给编辑看的说明请放在 content 目录以外")


def _clash(shown: str, name: str, generated: Generated, rename: str) -> Finding:
    return Finding(shown, None, None, "reserved-path",
                   f"{name}与系统生成的{generated.what}（{generated.url}）重名，发布时其中一个会被另一个顶替",
                   f"{rename}；这些名字由系统使用，页面、目录和栏目都不能用：{reserved_list()}")
