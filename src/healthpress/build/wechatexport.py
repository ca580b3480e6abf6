"""`healthpress wechat ARTICLE`: one article for the bureau's WeChat official account.

The project is read as a build reads it (build/project.py: every article, so links to other articles get
their dated addresses; the articles a build parsed and that have not changed since are taken from its article
memo), the article's own findings decide whether it may go out (an error, or a sensitive article without
its approval or approved only after today, refuses it: nothing is written), and its body goes through the
site's own Markdown, sanitizer and image steps (engine/pagerender.py, render/pagehtml.py) before
render/wechat.py makes the fragment: what the website shows is what WeChat gets. What the build would
report of the body refuses it too (an image not in the project or not published, a link it reports
broken), and its warnings are the build's (what the sanitizer removed, an image without alt text).
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from healthpress.build.cachefolder import cache_dir_for
from healthpress.build.project import build_model, display_dir, files_with_errors, plugin_options
from healthpress.build.projectpaths import absolute, project_dir_of
from healthpress.bureau.data import load_bureau_data
from healthpress.checks.brokenlinks import broken_link_finding
from healthpress.model.articles import Article
from healthpress.model.columns import load_columns
from healthpress.model.findings import Finding, Level
from healthpress.render.links import PageLinks, resolve
from healthpress.render.pagehtml import missing_alt_finding, process_page_html
from healthpress.render.wechat import (WECHAT_BODY_LIMIT, body_text, cut_summary, first_image, has_video, text_length,
                                       wechat_fragment)

COVER_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".svg")
"""The image types a cover is copied as (`cover.jpg`, `cover.png`, ...)."""
WECHAT_COVER_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".bmp")
"""The image types the official account takes as a cover."""


class ExportRefused(Exception):
    """The article cannot go to WeChat: the Chinese reason, and its findings when they are the reason."""

    def __init__(self, message: str, findings: list[Finding] | None = None):
        super().__init__(message)
        self.findings = findings or []


@dataclass(frozen=True)
class WechatExport:
    """What the official account needs of one article."""

    title: str
    slug: str
    address: str
    """The article's address on the published site."""
    fragment: str
    summary: str
    cover: Path | None
    """The cover image's file in the project, or None (then `cover_note` says why)."""
    notes: list[str] = field(default_factory=list)
    """What the editor should know (a summary cut, a cover to find, a video left out, not yet published)."""
    findings: list[Finding] = field(default_factory=list)
    """The article's warnings, as a build gives them (what the sanitizer removed, hidden characters removed,
    images without alt text, ...)."""


def export_article(config, config_file: Path, article: str) -> WechatExport:
    """The export of the article file `article` (relative to the working folder, or absolute) of the project
    of `config` (MkDocs' settings, read); ExportRefused when it may not or cannot go out."""
    options = plugin_options(config, config_file)
    site_url = (config.site_url or "").strip()
    if not site_url:
        raise ExportRefused(f"{config_file.name} 没有写 site_url（网站的地址），无法给图片写出完整的网址：公众号从网址取图片。"
                            f"在 {config_file.name} 里加一行，如 site_url: https://www.example.gov.cn/")
    project_dir = project_dir_of(config)
    src_uri = _src_uri_of(Path(article), project_dir, absolute(config.docs_dir), display_dir(config))
    from mkdocs.structure.files import get_files

    from healthpress.engine.setup import configure_engine

    configure_engine(config)  # Chinese anchors, as a build renders them
    files = get_files(config)
    columns, findings = load_columns(project_dir / options.columns_dir, options.columns_dir)
    bureau, found = load_bureau_data(project_dir / options.data_dir, options.data_dir)
    cache_dir = cache_dir_for(project_dir, options.cache_dir, "build", options.cache)  # the build's parsed articles
    model = build_model(config, options, columns, findings + found, files, bureau=bureau, cache_dir=cache_dir)
    shown_path = f"{display_dir(config)}/{src_uri}"
    own = [f for f in model.findings if f.path.replace("\\", "/") == shown_path]
    chosen = _article_of(model, src_uri)
    if chosen is not None and chosen.sensitive and not (chosen.approved_by and chosen.approved_on):
        raise ExportRefused(_unapproved(chosen, shown_path))
    if chosen is not None and chosen.sensitive and chosen.approved_on > model.now:
        raise ExportRefused(_approved_later(chosen, shown_path))
    if chosen is None and not any(f.level is Level.ERROR for f in own):  # a page the build does not read as an article
        raise ExportRefused(f"{shown_path} 不是文章（栏目的说明页或其他页面），没有导出：只能导出栏目里的文章")
    if chosen is None or chosen.src_uri in model.refused or any(f.level is Level.ERROR for f in own):
        raise ExportRefused(f"{shown_path} 有错误，没有导出：改正下面的问题后再导出", own)
    return _export(config, options, files, model, chosen, shown_path, site_url,
                   [f for f in own if f.level is not Level.ERROR])


def _src_uri_of(path: Path, project_dir: Path, docs_dir: Path, docs_display: str) -> str:
    """The article's place in the docs folder, as the build lists it (a symbolic link by its own name: the
    build refuses one that leads out of the docs folder, with its finding); ExportRefused for a folder, a
    missing file, a path outside the project or a file that is no article. A path written with Windows'
    backslashes is read with slashes where no file has that name."""
    given = str(path)
    if os.sep == "/" and "\\" in given and not os.path.lexists(path):
        path = Path(given.replace("\\", "/"))
    example = f"如 healthpress wechat {docs_display}/栏目/文章.md"
    if path.is_dir():
        raise ExportRefused(f"“{given}”是一个文件夹，不是文章：写文章的 .md 文件，{example}")
    if not path.is_file():
        raise ExportRefused(f"找不到文章“{given}”：检查文件名和所在的文件夹（可以把文件拖进命令行窗口）")
    places = (Path(os.path.abspath(path)), Path(os.path.realpath(path.parent)) / path.name)
    src_uri = _relative(places, docs_dir)
    if src_uri is None and _relative(places, project_dir) is None:
        raise ExportRefused(f"“{given}”不在这个网站项目（{project_dir.name}/）里，没有导出：只能导出本项目 "
                            f"{docs_display}/ 里的文章，{example}")
    if src_uri is None or not (src_uri.endswith(".md") and "/" in src_uri):
        raise ExportRefused(f"“{given}”不是文章，没有导出：文章是 {docs_display}/ 的栏目文件夹里的 .md 文件，{example}")
    return src_uri


def _relative(places: tuple[Path, ...], folder: Path) -> str | None:
    """The first of `places` inside `folder` (as written, or with its links resolved), relative to it."""
    for root in (Path(os.path.abspath(folder)), Path(os.path.realpath(folder))):
        for place in places:
            if root in place.parents:
                return place.relative_to(root).as_posix()
    return None


def _article_of(model, src_uri: str) -> Article | None:
    """The article as the build read it: shown, withheld (a draft, scheduled, expired) or refused."""
    return (model.catalog.by_src.get(src_uri) or next((a for a in model.withheld if a.src_uri == src_uri), None)
            or model.refused.get(src_uri))


def _unapproved(article: Article, shown_path: str) -> str:
    missing = "、".join(f"{article.key_of(name)}（{label}）" for name, label, value in (
        ("approved_by", "审核人", article.approved_by), ("approved_on", "审核日期", article.approved_on)) if not value)
    line = article.line_of("sensitive")
    where = f"{shown_path}:{line}" if line else shown_path
    return (f"{where}: {article.key_of('sensitive')}: 这篇文章标为敏感或重大稿件，还没有审核（缺少 {missing}），"
            "没有导出到公众号 — 按审定的口径审核后，在文件头写上审核人和审核日期（如 approved_by: 王局长、"
            "approved_on: 2026-12-07），再导出")


def _approved_later(article: Article, shown_path: str) -> str:
    """A sensitive article whose approval is dated after today: not approved yet, so not for WeChat, which
    publishes the moment it is sent."""
    line = article.line_of("approved_on")
    where = f"{shown_path}:{line}" if line else shown_path
    day = article.approved_on.strftime("%Y-%m-%d")
    return (f"{where}: {article.key_of('approved_on')}: 审核日期是 {day}，还没到：这篇敏感或重大稿件还没有审核，"
            f"没有导出到公众号 — 审核以后把审核日期改成审核的那一天，再导出（定时发布的稿件也要先审核）")


def _export(config, options, files, model, article: Article, shown_path: str, site_url: str,
            warnings: list[Finding]) -> WechatExport:
    from mkdocs.structure.files import InclusionLevel

    from healthpress.engine import internals
    from healthpress.engine.pagerender import RenderSetup, render_body

    for each in (*model.catalog.articles, *model.withheld, *model.refused.values()):  # at their dated addresses
        file = files.get_file_from_path(each.src_uri)
        if file is not None:
            internals.set_dest_uri(file, each.dest_uri)
            file.inclusion = InclusionLevel.EXCLUDED
    html, page_url = render_body(RenderSetup.for_bodies(config, files), article.src_uri, article.text)
    withheld = files_with_errors(model.findings, display_dir(config))  # never published, nor read here
    sources = {"/" + unquote(f.url): Path(f.abs_src_path) for f in files
               if not f.is_documentation_page() and f.abs_src_path and f.src_uri not in withheld}
    processed = process_page_html(html, article.src_uri, page_url, frozenset(options.iframe_hosts), sources)
    images = [src for index, src in enumerate(processed.links.targets) if index in processed.links.images]
    problems = _image_problems(article, shown_path, images, page_url, sources, files, withheld, model.findings,
                               display_dir(config))
    problems += _dead_links(article, shown_path, processed.links, {
        "/" + files.get_file_from_path(each.src_uri).url for each in (*model.withheld, *model.refused.values())
        if each.src_uri != article.src_uri and files.get_file_from_path(each.src_uri) is not None})
    if problems:  # the build says so too (checks/brokenlinks.py), after rendering every page
        raise ExportRefused(f"{shown_path} 有错误，没有导出：改正下面的问题后再导出", problems)
    warnings += [removal.finding(shown_path, article.text, article.body_line) for removal in processed.removed]
    warnings += [missing_alt_finding(shown_path, article.text, article.body_line, image) for image in processed.missing_alt]
    warnings = list(dict.fromkeys(warnings))  # one table's cells, say, each losing the same style
    address = site_url.rstrip("/") + "/" + page_url
    notes: list[str] = []
    if model.state(article) != "published":
        notes.append("这篇文章还没有在网站上发布（草稿、待审核、定时发布或已下线）：公众号从网站取图片，"
                     "要等网站发布了这篇文章和它的图片后再粘贴正文")
    if has_video(processed.html):
        notes.append("正文里的视频在公众号里不能播放，已换成一句话和到网站这篇文章的链接；要放视频，在公众号后台另行插入")
    fragment = wechat_fragment(processed.html, address, site_url)
    if (length := text_length(fragment)) > WECHAT_BODY_LIMIT:
        notes.append(f"正文有 {length:,} 字，公众号一篇文章的正文最多 2 万字，粘贴后会发不出去："
                     "分成几篇发，或在公众号里只发摘要和到网站原文的链接")
    summary, cut = cut_summary(article.summary or body_text(processed.html))
    if cut:
        key = article.key_of("summary")
        written = "没有写摘要，正文" if not article.summary else "摘要" if key == "摘要" else f"摘要（{key}）"
        notes.append(f"{written}超过 120 字：公众号的摘要取到 120 字以内的最后一个句末")
    elif not summary:
        notes.append("没有摘要：这篇文章没有写 summary，正文里也没有段落文字；在公众号后台自己写一句摘要")
    cover, cover_note = _cover(article, processed.html, page_url, sources, files)
    if cover_note:
        notes.append(cover_note)
    return WechatExport(article.title, article.slug, address, fragment, summary,
                        cover, notes, warnings)


def _image_problems(article: Article, shown_path: str, images: list[str], page_url: str, sources: dict[str, Path],
                    files, withheld: set[str], findings: list[Finding], docs_display: str) -> list[Finding]:
    """Why an image the article shows (or its cover) would be broken in WeChat: one not in the project, on
    the article's line; one the build does not publish (a link out of the docs folder, say), by its own
    errors."""
    withheld_urls = {"/" + unquote(f.url): f.src_uri for f in files if f.src_uri in withheld}
    missing = [(src, images[:index].count(src), target[0]) for index, src in enumerate(images)
               if (target := resolve(page_url, src)) is not None and target[0] not in sources]
    problems = [broken_link_finding(shown_path, article.text, article.body_line, src, "missing", occurrence, "image",
                                    _beside_article(files, article.src_uri, src))
                for src, occurrence, path in missing if path not in withheld_urls]
    unpublished = {withheld_urls[path] for _, _, path in missing if path in withheld_urls}
    if article.cover_uri in withheld:
        unpublished.add(article.cover_uri)
    shown = {f"{docs_display}/{src_uri}" for src_uri in unpublished}
    return problems + [f for f in findings if f.level is Level.ERROR and f.path.replace("\\", "/") in shown]


def _beside_article(files, src_uri: str, address: str) -> bool:
    """Whether a relative address names a file taken from the article's own folder: MkDocs rewrites such an
    address in Markdown, so one left as it is was written in an HTML tag (the build's words say so)."""
    path = urlsplit(address).path
    if not path or path.startswith("/") or urlsplit(address).scheme:
        return False
    return files.get_file_from_path(posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(path)))) \
        is not None


def _dead_links(article: Article, shown_path: str, links: PageLinks, unpublished: set[str]) -> list[Finding]:
    """The links of the article the build reports as broken that can be told without building the site, in
    its words: a link to a .md file MkDocs found nothing at, one to an article the site does not show (a
    draft, scheduled, expired or refused one: `unpublished`, their addresses), an #anchor of the
    article's own that it lacks. (Anchors in other pages need them rendered: the build tells those.)"""
    found = []
    earlier: list[str] = []
    for index, target in enumerate(links.targets):
        if links.kind_of(index) == "image" or (resolved := resolve(links.url, target)) is None:
            continue
        path, fragment = resolved
        if path.endswith(".md") or path in unpublished:
            reason = "missing"
        elif path == "/" + links.url and fragment and fragment not in links.ids:
            reason = "anchor"
        else:
            reason = None
        if reason:
            found.append(broken_link_finding(shown_path, article.text, article.body_line, target, reason,
                                             earlier.count(target), "link"))
        earlier.append(target)
    return found


def _cover(article: Article, html: str, page_url: str, sources: dict[str, Path], files) -> tuple[Path | None, str | None]:
    """(the cover's file, a note): the front matter's cover, else the body's first image, else a note."""
    if article.cover:
        if article.cover_uri is None:
            return None, f"封面（cover）是其他网站的图片：{article.cover}。下载后在公众号后台上传为封面"
        file = files.get_file_from_path(article.cover_uri)
        return _cover_file(Path(file.abs_src_path) if file is not None else None, article.cover)
    src = first_image(html)
    if src is None:
        return None, ("这篇文章没有封面：没有写 cover（封面），正文里也没有图片。公众号发文必须有封面，"
                      "在文件头加一行 cover: images/封面.jpg，或在公众号后台另选一张图片")
    target = resolve(page_url, src)
    if target is None:
        return None, f"没有写 cover（封面），正文的第一张图片在其他网站：{src}。下载后在公众号后台上传为封面"
    return _cover_file(sources.get(target[0]), src)


def _cover_file(path: Path | None, written: str) -> tuple[Path | None, str | None]:
    """(the cover's file to copy, a note): None and why for a file that is missing or no image (an
    article, a PDF: copied, it would be an export's cover.md, which no later export replaces)."""
    if path is None:
        return None, f"封面图片“{written}”找不到：在公众号后台另选一张图片做封面"
    if path.suffix.lower() not in COVER_TYPES:
        return None, f"封面“{written}”不是图片（JPG、PNG 等）：在文件头的 cover 写一张图片，或在公众号后台另选一张图片做封面"
    if path.suffix.lower() not in WECHAT_COVER_TYPES:
        return path, (f"封面图片“{written}”是 {path.suffix.lstrip('.').upper()} 格式，公众号的封面要用 JPG 或 PNG："
                      "另存为 JPG 或 PNG 后上传")
    return path, None
