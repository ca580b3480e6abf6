"""Everything done once to the HTML of an editor's page: sanitize, images, links, summary, length."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from dataclasses import dataclass
from pathlib import Path

from healthpress.model.findings import Finding
from healthpress.render.images import prepare_images
from healthpress.render.links import LinkCollector, PageLinks, line_of_target, resolve
from healthpress.model.reading import ReadableText
from healthpress.render.sanitize import sanitize_html
from healthpress.model.summary import FirstParagraph


@dataclass(frozen=True, slots=True)
class ProcessedPage:
    html: str
    links: PageLinks
    missing_alt: tuple[str, ...]
    summary: str
    characters: int


def process_page_html(html: str, src_uri: str, page_url: str, iframe_hosts: frozenset[str],
                      sources: dict[str, Path]) -> ProcessedPage:
    """Safe HTML with prepared images, plus what listings and checks need to know about the page."""
    safe = sanitize_html(html, iframe_hosts=iframe_hosts)

    def source_of(src: str) -> Path | None:
        target = resolve(page_url, src)
        return sources.get(target[0]) if target else None

    prepared, missing_alt = prepare_images(safe, source_of)
    as_written = tuple(_as_written(src, src_uri, page_url) for src in missing_alt)
    links, summary, text = LinkCollector(), FirstParagraph(), ReadableText()
    _OneScan(links, summary, text).scan(prepared)
    return ProcessedPage(prepared, links.links(src_uri, page_url), as_written, summary.summary(), text.characters())


class _OneScan(HTMLParser):
    """One tokenizing pass over the HTML, each event handed to several parsers' handlers."""

    def __init__(self, *listeners: HTMLParser):
        super().__init__(convert_charrefs=True)
        self.listeners = listeners

    def scan(self, html: str) -> None:
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs) -> None:
        for listener in self.listeners:
            listener.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        for listener in self.listeners:
            listener.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        for listener in self.listeners:
            listener.handle_data(data)


def _as_written(src: str, src_uri: str, page_url: str) -> str:
    """An image address as the editor wrote it: relative to the article's folder, not its page."""
    target = resolve(page_url, src)
    if target is None:
        return src
    return posixpath.relpath(target[0], "/" + posixpath.dirname(src_uri))


def missing_alt_finding(path: str, body: str, body_line: int, src: str) -> Finding:
    return Finding(path, line_of_target(body, body_line, src), None, "missing-alt",
                   f"图片“{src}”没有说明文字（alt）", f"写成 ![图片内容的说明]({src})：看不见图片的读者靠读屏软件读出这段说明")
