"""Where in a Markdown body a thing of the rendered HTML was written: the line a finding names (pure).

Python-Markdown keeps no source lines, so a thing (a link's address, an image, a raw tag) is found by
how it was written. The same thing written on several lines is told apart by its `occurrence`: the
k-th time it appears in the rendered HTML is the k-th time it is written in the body, so three
identical images each get their own line, not the first one's.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from urllib.parse import unquote


def line_of(body: str, body_line: int, written: Iterable[str], occurrence: int = 0) -> int | None:
    """The line (counted in the file: the body starts at `body_line`) of the `occurrence`-th (from 0)
    place the thing is written, by the first of its `written` forms the body holds; None if none is."""
    for needle in filter(None, written):
        starts = _starts(body, needle)
        if starts:
            start = starts[min(occurrence, len(starts) - 1)]
            return body_line + body.count("\n", 0, start)
    return None


def line_of_target(body: str, body_line: int, target: str, occurrence: int = 0) -> int | None:
    """The line of the body that wrote a link or image address (as written, decoded, by its #anchor, or
    by its file name once MkDocs rewrote it relative to the page), its `occurrence`-th time on the page."""
    return line_of(body, body_line, target_forms(target), occurrence)


def target_forms(target: str) -> list[str]:
    """How an address of the rendered HTML may have been written in the body, the most exact first."""
    fragment = target.split("#", 1)[1] if "#" in target else ""
    return [target, unquote(target), "#" + fragment if fragment else "", "#" + unquote(fragment) if fragment else "",
            posixpath.basename(unquote(target).split("#", 1)[0].rstrip("/"))]


def _starts(body: str, needle: str) -> list[int]:
    """Where `needle` starts in the body as a whole address or word (`a.png` is not in `data.png`), or,
    when it never stands alone, anywhere."""
    before = r"(?<![\w.%-])" if re.match(r"[\w.%]", needle) else ""
    after = r"(?![\w%-]|\.\w)" if re.search(r"[\w%]$", needle) else ""
    alone = [m.start() for m in re.finditer(before + re.escape(needle) + after, body)]
    return alone or [m.start() for m in re.finditer(re.escape(needle), body)]
