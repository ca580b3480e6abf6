"""The links, images and ids of a rendered page (and its images without alt text), collected while it is
rendered, and resolved against its address (pure; checks/brokenlinks.py judges them against the built site)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {("a", "href"), ("img", "src"), ("source", "src"), ("video", "src"), ("audio", "src")}


@dataclass(frozen=True, slots=True)
class PageLinks:
    """What one rendered page links to, and the anchors it offers."""

    src_uri: str
    url: str
    targets: tuple[str, ...]
    ids: frozenset[str]
    images: frozenset[int] = frozenset()
    """Which of the targets (by index) are images' addresses; the others are links'."""

    def kind_of(self, index: int) -> str:
        """"image" or "link": what the `index`-th target is the address of."""
        return "image" if index in self.images else "link"


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []
        self.images: set[int] = set()
        self.ids: set[str] = set()
        self.missing_alt: list[tuple[str, int]] = []
        """(src, how many earlier images have that src) of each image without alt text, in page order."""

    def links(self, src_uri: str, url: str) -> PageLinks:
        return PageLinks(src_uri, url, tuple(self.targets), frozenset(self.ids), frozenset(self.images))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            src = dict(attrs).get("src") or ""
            self.missing_alt.append((src, sum(1 for i in self.images if self.targets[i] == src)))
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif (tag, name) in LINK_ATTRIBUTES:
                if tag == "img":
                    self.images.add(len(self.targets))
                self.targets.append(value)


def collect_links(src_uri: str, url: str, html: str) -> PageLinks:
    """The link targets and ids of a page's HTML; `url` is its site-relative directory URL."""
    collector = LinkCollector()
    collector.feed(html)
    collector.close()
    return collector.links(src_uri, url)


def resolve(page_url: str, target: str) -> tuple[str, str] | None:
    """(site path, fragment) of an internal target, or None for external and special links."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
        return None
    base = "/" + page_url
    path = unquote(parts.path)
    if not path:
        joined = base
    elif path.startswith("/"):
        joined = path
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(base.rstrip("/") + "/x"), path))
        if path.endswith("/") and not joined.endswith("/"):
            joined += "/"
    return joined, unquote(parts.fragment)


_ROOT_RELATIVE = re.compile(r'(<(?:a|img|source|video|audio)\b[^>]*?\s(?:href|src)=")/(?!/)', re.IGNORECASE)


def root_relative_to_page(html: str, page_url: str) -> str:
    """A page's HTML with each root-relative address (`/feed.xml`, `/assets/a.png`) made relative to the page
    (`../../../../feed.xml`): an editor's `/` is the site's own root, which is not the server's when
    `site_url` has a path (https://x.gov.cn/qy/), where a browser would read `/feed.xml` as the server's.
    MkDocs makes the editors' relative addresses relative to the page in the same way; `resolve` reads
    both as the same site path, so the link check is unchanged."""
    depth = len([part for part in posixpath.dirname("/" + page_url).split("/") if part])
    prefix = "../" * depth or "./"
    return _ROOT_RELATIVE.sub(lambda match: match.group(1) + prefix, html)
