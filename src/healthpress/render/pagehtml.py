"""Everything done once to the HTML of an editor's page: sanitize (saying what it removed), images, links,
summary, length."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from healthpress.model.findings import Finding
from healthpress.render.bodylines import line_of, line_of_address
from healthpress.render.images import prepare_images
from healthpress.render.links import LinkCollector, PageLinks, resolve, root_relative_to_page
from healthpress.model.reading import UNREAD_TAGS, ReadableText, readable_characters
from healthpress.render.removals import Removal, find_removals
from healthpress.render.sanitize import sanitize_html
from healthpress.render.serialized import scan, start_tags, text_of
from healthpress.model.summary import FirstParagraph


@dataclass(frozen=True, slots=True)
class MissingAlt:
    """An image without alt text: its address in the page, as the editor wrote it, and how many earlier
    images of the page have the same address (which of them it is, to find its line)."""

    src: str
    as_written: str
    occurrence: int


@dataclass(frozen=True, slots=True)
class ProcessedPage:
    html: str
    links: PageLinks
    missing_alt: tuple[MissingAlt, ...]
    summary: str
    characters: int
    removed: tuple[Removal, ...] = ()


def process_page_html(html: str, src_uri: str, page_url: str, iframe_hosts: frozenset[str],
                      sources: dict[str, Path]) -> ProcessedPage:
    """Safe HTML with prepared images, plus what listings and checks need to know about the page."""
    removed = find_removals(html, iframe_hosts)
    safe = sanitize_html(html, iframe_hosts=iframe_hosts)

    def source_of(src: str) -> Path | None:
        target = resolve(page_url, src)
        return sources.get(target[0]) if target else None

    prepared = root_relative_to_page(prepare_images(safe, source_of), page_url)
    links = LinkCollector()
    for tag, attrs in start_tags(prepared):
        links.handle_starttag(tag, attrs)
    summary = FirstParagraph()
    scan(prepared, summary, until=lambda: summary.done)
    missing_alt = tuple(MissingAlt(src, _as_written(src, src_uri, page_url), occurrence)
                        for src, occurrence in links.missing_alt)
    return ProcessedPage(prepared, links.links(src_uri, page_url), missing_alt, summary.summary(),
                         _characters(prepared), removed)


_UNREAD_TAG = re.compile("<(?:" + "|".join(sorted(UNREAD_TAGS)) + r")[\t\n\r\f />\x00]", re.I)


def _characters(html: str) -> int:
    """The page's readable characters (reading.py): its whole text, unless code is shown."""
    if not _UNREAD_TAG.search(html):
        return readable_characters(text_of(html))
    reader = ReadableText()
    scan(html, reader)
    return reader.characters()


def _as_written(src: str, src_uri: str, page_url: str) -> str:
    """An image address as the editor wrote it: relative to the article's folder, not its page."""
    target = resolve(page_url, src)
    if target is None:
        return src
    return posixpath.relpath(target[0], "/" + posixpath.dirname(src_uri))


def missing_alt_finding(path: str, body: str, body_line: int, image: MissingAlt) -> Finding:
    """The finding for an image without alt text, on its line, naming it as written (an address the body
    holds as it is in the page, a raw <img>'s, was not rewritten)."""
    written = image.src if line_of(body, body_line, [image.src]) is not None else image.as_written
    line = line_of_address(body, body_line, "image", image.src, image.occurrence, as_written=image.as_written)
    return Finding(path, line, None, "missing-alt", f"图片“{written}”没有说明文字（alt）",
                   f"写成 ![图片内容的说明]({written})：看不见图片的读者靠读屏软件读出这段说明")
