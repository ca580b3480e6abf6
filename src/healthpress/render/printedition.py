"""The print edition of a periodical's issue (健康周刊 for the newspaper): its document and its A4 PDF.

The document is the template `healthpress/print-issue.html` rendered with a `PrintIssue`: the issue's
articles with their bodies as the site shows them (taken from their pages, `body_of_page`), every
address in them made absolute (`absolute_addresses`). WeasyPrint makes the PDF (`write_pdf`); it reads
only the site's own files (`SiteFetcher`: nothing from the network, no file outside the site) and the
PDF's dates come from the document, so an unchanged issue gives the same bytes on every build.
"""

from __future__ import annotations

import functools
import html
import logging
import mimetypes
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping
from urllib.parse import unquote, urljoin, urlsplit

from markupsafe import Markup

from healthpress.bureau.periodical import Issue
from healthpress.model.articles import Article
from healthpress.model.dates import SHANGHAI
from healthpress.render.printfontcut import font_configuration
from healthpress.render.printfonts import read_fonts_when_needed

PRINT_TEMPLATE = "healthpress/print-issue.html"


@dataclass(frozen=True, slots=True)
class PrintEdition:
    """An issue's PDF as its page links to it: its address (site-relative) and its size in bytes."""

    url: str
    size: int

    @property
    def size_text(self) -> str:
        """312 KB, 1.4 MB"""
        if self.size >= 1024 * 1024:
            return f"{self.size / (1024 * 1024):.1f} MB"
        return f"{max(1, round(self.size / 1024))} KB"


@dataclass(frozen=True, slots=True)
class PrintArticle:
    article: Article
    body: Markup
    cover: str | None
    """The cover image's absolute address, or None."""


@dataclass(frozen=True, slots=True)
class PrintIssue:
    """What the print template shows (`e`)."""

    site_name: str
    column_title: str
    issue: Issue
    articles: tuple[PrintArticle, ...]

    @property
    def created(self) -> str:
        """The PDF's creation date: the issue's own date (never the clock, so the bytes stay the same)."""
        return self.issue.date.astimezone(SHANGHAI).isoformat()

    @property
    def modified(self) -> str:
        """The PDF's modification date: the date of its latest article."""
        latest = max(a.article.date for a in self.articles)
        return latest.astimezone(SHANGHAI).isoformat()


def edition_url(column_id: str, number: int) -> str:
    """health-weekly/issues/8/health-weekly-8.pdf: beside the issue's page."""
    return f"{column_id}/issues/{number}/{column_id}-{number}.pdf"


_BODY_START = re.compile(rb'<div\b[^>]*\bid="hp-article-text"[^>]*>')
_DIVS = re.compile(rb"<div\b|</div\s*>")


def body_of_page(page: bytes) -> str | None:
    """The article's body as its page shows it (the element `#hp-article-text` of article.html), or None
    when the page has no such element (a theme that replaces the article template)."""
    start = _BODY_START.search(page)
    if start is None:
        return None
    depth = 1
    for tag in _DIVS.finditer(page, start.end()):
        depth += 1 if tag[0].startswith(b"<div") else -1
        if depth == 0:
            return page[start.end():tag.start()].decode("utf-8", "replace").strip()
    return None


_ADDRESS = re.compile(r'(\s(?:src|href)=")([^"]*)(")')


def absolute_addresses(body: str, page_url: str) -> str:
    """Every src and href of a body written as an absolute address, from the page it belongs to: the
    print document holds the bodies of several pages, each with addresses relative to its own."""
    def absolute(match: re.Match) -> str:
        written = html.unescape(match[2])
        if written.startswith("#") or not written:
            return match[0]
        return match[1] + html.escape(urljoin(page_url, written), quote=True) + match[3]
    return _ADDRESS.sub(absolute, body)


@functools.cache
def missing_requirement() -> str | None:
    """What the system lacks to make any print edition (once per process), or None: WeasyPrint needs
    Pango, and a Chinese font, or the PDF's text is empty boxes."""
    try:
        import weasyprint  # noqa: F401  (loads Pango)
    except (OSError, ImportError) as exc:
        return f"WeasyPrint 无法加载（{exc}），多半是系统缺少 Pango 库"
    fc_list = shutil.which("fc-list")
    if fc_list is not None:
        try:
            found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=60).stdout
        except (OSError, subprocess.SubprocessError):
            found = "?"
        if not found.strip():
            return "系统里没有中文字体，PDF 里的汉字会显示不出来"
    return None


class PrintFailed(Exception):
    """The PDF could not be made; the message says why, in Chinese."""


def site_file(url: str, site_url: str, sources: Mapping[str, Path]) -> Path | None:
    """The project's file served at the absolute address `url` (sources: '/path' → file), or None."""
    if not url.startswith(site_url):
        return None
    path = "/" + unquote(urlsplit(url[len(site_url):]).path).lstrip("/")
    return sources.get(path)


def write_pdf(document: str, site_url: str, sources: Mapping[str, Path], cut_faces: tuple[str, ...] = ()) -> bytes:
    """The PDF of a print document, set first in the cut faces (files, render/printfontcut.py) when
    there are any; raises PrintFailed (in Chinese) when an image or stylesheet it names
    is not one of the site's files, or WeasyPrint fails. Nothing is fetched from the network."""
    import weasyprint  # imported where used: a site without periodicals never loads it
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    read_fonts_when_needed()

    class SiteFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(fail_on_errors=True)
            self.failed: list[str] = []

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = site_file(url, site_url, sources)
            try:
                data = path.read_bytes() if path is not None else None
            except OSError:
                data = None
            if data is None:
                self.failed.append(url)
                raise ValueError(url)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, data, {"Content-Type": kind})

    fetcher = SiteFetcher()
    problems = _Problems()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(problems)
    logger.propagate = False  # its English lines are not the build's: what matters becomes PrintFailed
    try:
        pdf = weasyprint.HTML(string=document, base_url=site_url, url_fetcher=fetcher).write_pdf(
            font_config=font_configuration(cut_faces))
    except FatalURLFetchingError:
        missing = fetcher.failed[-1] if fetcher.failed else "?"
        raise PrintFailed(f"打印版要用的文件 {missing} 不是本网站的文件，或者读不出来") from None
    except Exception as exc:  # WeasyPrint's own failure: said, never a traceback
        raise PrintFailed(f"WeasyPrint 生成 PDF 时出错（{type(exc).__name__}: {exc}）") from None
    finally:
        logger.removeHandler(problems)
    if problems.images:  # an image it could not read: no PDF with a hole in it
        raise PrintFailed(f"图片 {problems.images[0]} 读不出来（文件损坏，或不是它的扩展名所说的格式）")
    if problems.lines:
        raise PrintFailed(f"WeasyPrint 读不出这一期用到的文件（{problems.lines[0]}）")
    return pdf


class _Problems(logging.Handler):
    """WeasyPrint's errors while it makes one PDF (an image it cannot decode, say)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []
        self.images: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith("Failed to load image") and record.args:
            self.images.append(str(record.args[0]))
        self.lines.append(record.getMessage())


def print_issue(site_name: str, column_title: str, issue: Issue, bodies: Mapping[str, str],
                covers: Mapping[str, str], site_url: str) -> PrintIssue:
    """The template's view of an issue: `bodies` by src_uri (as the site shows them), `covers` the
    cover images' site-relative addresses by src_uri."""
    return PrintIssue(site_name, column_title, issue, tuple(
        PrintArticle(a, Markup(absolute_addresses(bodies.get(a.src_uri, ""), site_url + a.url)),
                     urljoin(site_url, covers[a.src_uri]) if a.src_uri in covers else None)
        for a in issue.articles))
