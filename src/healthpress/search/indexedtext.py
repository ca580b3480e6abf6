"""What Pagefind reads from a page, as one digest: a page's search key.

Pagefind indexes only the `data-pagefind-body` element of an article page, but it reads a few things
from the rest of the page too (its fossick parser): the `lang` of `<html>`, the `<title>` and the first
`<h1>` (title fallbacks), every `data-pagefind-meta`, `-default-meta`, `-filter`, `-sort` and
`-index-attrs` element anywhere (ignored ones too; a key without a value takes the element's text), and
the first `<img>` after the title (the result's image when no `image` meta is set). The digest covers
exactly those, raw: the body element's whole markup, those elements' start tags and content, and every
`<img>` tag after the first possible title. A change the theme alone makes (its CSS, header, footer text,
navigation) leaves it as it was, so a search shard is indexed again only when what Pagefind would index
from one of its pages can have changed (index.py).

Taking more than Pagefind reads only indexes a shard again for nothing; taking less would keep stale
results, so the parser errs on the side of more: an element whose end tag never comes runs to the end of
the page, an end tag with no open element of its name is kept and ignored.
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser

SEARCH_DIGEST = "search"
"""The name of a page's search digest among the facts the page cache records with it."""

_BODY = "data-pagefind-body"
_READ_ANYWHERE = ("data-pagefind-meta", "data-pagefind-default-meta", "data-pagefind-filter",
                  "data-pagefind-sort", "data-pagefind-index-attrs")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})


def indexed_digest(html: bytes) -> str:
    """The digest of what Pagefind reads from this page (see the module docstring)."""
    reader = _Reader()
    reader.feed(html.decode("utf-8", "surrogateescape"))
    reader.close()
    return reader.hash.hexdigest()


class _Reader(HTMLParser):
    """Feeds into `hash` the markup of every element Pagefind reads (a stack of the open elements says
    which are being taken), the `<title>`, the first `<h1>` and the `<img>` tags after it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.hash = hashlib.blake2b(digest_size=20)
        self.open: list[tuple[str, bool]] = []  # (tag, whether its content is taken)
        self.taken = 0  # open elements whose content is taken
        self.titled = False  # an <h1> or a meta element has started: an <img> from here on may be the image

    def _take(self, kind: str, text: str) -> None:
        self.hash.update(f"{kind}\0{text}\0".encode("utf-8", "surrogateescape"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        raw = self.get_starttag_text() or ""
        if tag == "html":
            self._take("html", dict(attrs).get("lang") or "")
        if tag == "h1" or "data-pagefind-meta" in names:
            self.titled = True
        if tag == "img" and self.titled and not self.taken:
            self._take("img", raw)
        taken = bool(self.taken) or _BODY in names or tag in ("title", "h1") or any(n in names for n in _READ_ANYWHERE)
        if taken:
            self._take("<", raw)
        if tag in _VOID:
            return
        self.open.append((tag, taken))
        self.taken += taken

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.open and self.open[-1][0] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.taken:
            self._take(">", tag)
        if not any(name == tag for name, _ in self.open):
            return
        while self.open:
            name, taken = self.open.pop()
            self.taken -= taken
            if name == tag:
                break

    def _text(self, kind: str, text: str) -> None:
        if self.taken:
            self._take(kind, text)

    def handle_data(self, data: str) -> None:
        self._text("t", data)

    def handle_entityref(self, name: str) -> None:
        self._text("&", name)

    def handle_charref(self, name: str) -> None:
        self._text("#", name)

    def handle_comment(self, data: str) -> None:
        self._text("!", data)
