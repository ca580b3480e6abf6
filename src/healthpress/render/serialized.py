"""The sanitizer's own output read with regular expressions: html.parser's events at a fraction of its cost.

nh3 serialises what it keeps in one way only: every ``<`` opens a tag and every ``>`` closes one (both are
escaped in text and in attribute values), attributes are written ``name="value"``, and there is no comment,
no ``<!`` declaration, no script or style. In such HTML a tag is ``<`` to the next ``>``, so a regular
expression finds it where html.parser, a general tokenizer written in Python, took most of the time a page's
HTML needed after Markdown. The events are the ones html.parser gives (``convert_charrefs=True``): tag and
attribute names in lower case, character references in text and values decoded, an attribute without a
value as None, ``<tag/>`` as a start and an end. Only for sanitize.py's output (then images.py's, which
keeps its form): other HTML goes to html.parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html import unescape
from html.parser import HTMLParser

Attributes = list[tuple[str, str | None]]

_TAG = re.compile(r"<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)([^>]*)>")
_START_TAG = re.compile(r"<([a-zA-Z][^\t\n\r\f />\x00]*)([^>]*)>")
_ANY_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_ATTRIBUTE = re.compile(r'\s([^\s="/>]+)(?:="([^"]*)")?')


def attributes_of(written: str) -> Attributes:
    """The attributes of a start tag, from what follows its name."""
    return [(match[1].lower(), unescape(match[2]) if match[2] else match[2]) for match in _ATTRIBUTE.finditer(written)]


def start_tags(html: str) -> Iterator[tuple[str, Attributes]]:
    """Every start tag of the page, in order, with its attributes."""
    for match in _START_TAG.finditer(html):
        yield match[1].lower(), attributes_of(match[2]) if match[2] else []


def text_of(html: str) -> str:
    """All the page's text, decoded: what html.parser's `handle_data` calls hold, joined."""
    return "".join(map(unescape, _ANY_TAG.split(html)))


def scan(html: str, listener: HTMLParser, until: Callable[[], bool] = lambda: False) -> None:
    """Hand every event of the page, in order, to the `listener`'s handlers, stopping once `until()` is true."""
    position = 0
    for match in _TAG.finditer(html):
        start = match.start()
        if position < start:
            listener.handle_data(unescape(html[position:start]))
        position = match.end()
        tag = match[2].lower()
        if match[1]:
            listener.handle_endtag(tag)
        else:
            attributes = attributes_of(match[3]) if match[3] else []
            if match[3].endswith("/"):
                listener.handle_startendtag(tag, attributes)
            else:
                listener.handle_starttag(tag, attributes)
        if until():
            return
    if position < len(html):
        listener.handle_data(unescape(html[position:]))
