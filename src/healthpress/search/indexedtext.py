"""What Pagefind reads from an article page: the page's search record, and its digest (the page's search key).

Pagefind indexes only the element marked `data-pagefind-body`. Around it, it reads the `lang` of `<html>`
(the build forces Chinese), the `<title>` (a fallback: the article's `<h1>` gives the title), every
`data-pagefind-meta`, `-filter`, `-sort`… element, and the first `<img>` after the title as the result's
image, which the search page does not show (on an article without images it was the footer's badge).

So Pagefind is given a record instead of the page: the element that carries `data-pagefind-body`, from
its start tag to the last end tag of its name on the page (an element of the same name inside it cannot
end the record early; what a template writes after it up to that end tag comes along, as it is), in a
bare document. An article page's record is a third of its bytes (the header, navigation, footer and scripts
are left out), Pagefind makes the same index from it but for the footer's image, and the page's search
key is the record's digest: a change the theme alone makes outside that element re-indexes no shard
(index.py). Slicing is two searches of the page's bytes, where reading its tags took 1.5 ms a page.

A page that marks no body element, leaves it open (fewer end tags of its name than start tags in the
record: it runs to the end of the page), or has a `data-pagefind-` attribute outside the record (a
template marking a meta field in its header) is its own record, whole: Pagefind reads it as it is.
"""

from __future__ import annotations

import functools
import hashlib
import re

RECORD_FORMAT = 1
"""Part of every shard's key: a bundle made from records of another form is never reused."""
SEARCH_DIGEST = "search"
"""The name of a page's search digest among the facts the page cache records with it."""

RECORD_START = b'<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n'
RECORD_END = b"\n</body></html>\n"
_BODY = b"data-pagefind-body"
_PAGEFIND = b"data-pagefind-"
_TAG_NAME = re.compile(rb"<([A-Za-z][A-Za-z0-9-]*)[\s>/]")


def search_record(page: bytes) -> bytes:
    """The document Pagefind indexes for this page (see the module docstring)."""
    marked = page.find(_BODY)
    start = page.rfind(b"<", 0, marked) if marked >= 0 else -1
    tag = _TAG_NAME.match(page, start) if start >= 0 else None
    if tag is None or b">" in page[start:marked]:
        return page
    end_tag = b"</" + tag[1] + b">"
    end = page.rfind(end_tag)
    if end < marked:
        return page
    end += len(end_tag)
    body = page[start:end]
    if len(_start_tags(tag[1]).findall(body)) > body.count(end_tag):  # the body element is never closed
        return page
    if page.find(_PAGEFIND, 0, start) >= 0 or page.find(_PAGEFIND, end) >= 0:
        return page
    return RECORD_START + body + RECORD_END


@functools.cache
def _start_tags(name: bytes) -> re.Pattern[bytes]:
    return re.compile(b"<" + re.escape(name) + rb"[\s/>]")


def record_digest(page: bytes) -> str:
    """The page's search key: the digest of its search record."""
    return hashlib.blake2b(search_record(page), digest_size=20).hexdigest()
