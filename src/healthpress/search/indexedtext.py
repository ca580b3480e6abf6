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
results, so the scan errs on the side of more: an element whose end tag never comes runs to the end of
the page, an end tag with no open element of its name is ignored. It reads the tags only (comments and
the text of <script> and <style> skipped), and takes each element it keeps as the page's raw slice:
about 1.5 ms for an article page.
"""

from __future__ import annotations

import hashlib
import re

SEARCH_DIGEST = "search"
"""The name of a page's search digest among the facts the page cache records with it."""

_BODY = "data-pagefind-body"
_READ_ANYWHERE = frozenset({"data-pagefind-meta", "data-pagefind-default-meta", "data-pagefind-filter",
                            "data-pagefind-sort", "data-pagefind-index-attrs"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})
_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)"  # a comment (none of its tags count)
    r"|<(?P<end>/?)(?P<tag>[A-Za-z][^\s/>]*)(?P<attrs>(?:[^>\"']+|\"[^\"]*\"|'[^']*')*)>",  # a tag, quotes and all
    re.S)
_RAW_TEXT = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}
_PAGEFIND = re.compile(r"(?:^|[\s\"'])(data-pagefind-[a-z-]+)", re.I)
_LANG = re.compile(r"""(?:^|\s)lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*))""", re.I)


def indexed_digest(html: bytes) -> str:
    """The digest of what Pagefind reads from this page (see the module docstring)."""
    page = html.decode("utf-8", "surrogateescape")
    found = hashlib.blake2b(digest_size=20)

    def take(kind: str, text: str) -> None:
        found.update(f"{kind}\0{text}\0".encode("utf-8", "surrogateescape"))

    open_tags: list[tuple[str, bool]] = []  # (tag, whether its content is taken), the open elements
    taken_from = -1  # where the outermost taken element now open starts
    titled = False  # an <h1> or a meta element has started: an <img> from here on may be the result's image
    at = 0
    while (token := _TOKEN.search(page, at)) is not None:
        at = token.end()
        tag = (token["tag"] or "").lower()
        if not tag:
            continue  # a comment
        if token["end"]:
            if any(name == tag for name, _ in open_tags):
                while open_tags:
                    name, taken = open_tags.pop()
                    if taken and not any(t for _, t in open_tags):
                        take("<", page[taken_from:at])
                        taken_from = -1
                    if name == tag:
                        break
            continue
        attrs = token["attrs"]
        names = {name.lower() for name in _PAGEFIND.findall(attrs)} if "data-pagefind-" in attrs.lower() else set()
        if tag == "html":
            lang = _LANG.search(attrs)
            take("html", next((g for g in lang.groups() if g is not None), "") if lang else "")
        if tag == "h1" or "data-pagefind-meta" in names:
            titled = True
        inside = taken_from >= 0
        if tag == "img" and titled and not inside:
            take("img", token.group())
        taken = inside or _BODY in names or tag in ("title", "h1") or bool(names & _READ_ANYWHERE)
        if tag in _RAW_TEXT:  # its text is not markup: skip to its end tag
            close = _RAW_TEXT[tag].search(page, at)
            at = close.start() if close else len(page)
        if tag in _VOID:  # `/>` closes nothing else in HTML (an <svg>'s children: closed with it)
            if taken and not inside:
                take("<", token.group())
            continue
        if taken and not inside:
            taken_from = token.start()
        open_tags.append((tag, taken))
    if taken_from >= 0:  # an element whose end never came: to the end of the page
        take("<", page[taken_from:])
    return found.hexdigest()
