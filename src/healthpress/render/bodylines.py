"""Where in a Markdown body a thing of the rendered HTML was written: the line a finding names (pure).

Python-Markdown keeps no source lines, so a thing is found by how it was written. A link's or image's
address is looked for only where the body writes an address (`Place`): a Markdown link or image
`[..](addr)` / `![..](addr)`, a reference `[..][id]` (at its definition `[id]: addr`), an autolink
`<addr>`, an HTML `<a href>` or `<img src>`; never inside inline code, a fenced or indented code block
or an HTML comment, nor in ordinary text. Links and images are told apart, so the k-th image of the
page with an address is the k-th image written with it. Other things (a raw tag, an attribute) are
found as text, outside code first.
"""

from __future__ import annotations

import html as html_lib
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal
from urllib.parse import unquote

Kind = Literal["link", "image"]


@dataclass(frozen=True, slots=True)
class Place:
    """One address written as a link's or image's target."""

    kind: Kind
    address: str
    """As written (without <> around it)."""
    offset: int
    """Where the line that writes it starts counting: the address itself, or a reference's definition."""
    raw_html: bool
    """Written in an HTML tag, whose relative address MkDocs does not rewrite to the page's address."""


def line_of(body: str, body_line: int, written: Iterable[str], occurrence: int = 0) -> int | None:
    """The line (counted in the file: the body starts at `body_line`) of the `occurrence`-th (from 0)
    place the thing is written, by the first of its `written` forms the body holds outside code (or,
    failing that, anywhere); None if it holds none."""
    written = [form for form in written if form]
    for text in (_outside_code(body), body):
        for needle in written:
            starts = _starts(text, needle)
            if starts:
                return body_line + body.count("\n", 0, starts[min(occurrence, len(starts) - 1)])
    return None


def line_of_address(body: str, body_line: int, kind: Kind | None, rendered: str, occurrence: int = 0,
                    as_written: str = "", raw_html: bool | None = None) -> int | None:
    """The line of the `occurrence`-th `kind` (None: link or image) of the page whose address is
    `rendered` (as in the page's HTML; `as_written`: the same address relative to the article's folder,
    when MkDocs rewrote it). `raw_html`: only places in HTML tags (True) or in Markdown (False).
    Falls back on the address's anchor or file name, then on the text anywhere outside code."""
    places = [p for p in body_places(body)
              if (kind is None or p.kind == kind) and (raw_html is None or p.raw_html == raw_html)]
    wanted = _plain(rendered)
    fragment = wanted.split("#", 1)[1] if "#" in wanted else ""
    name = _file_name(wanted)
    tiers = (
        lambda p: _plain(p.address) == wanted or (not p.raw_html and bool(as_written)
                                                   and _normal(p.address) == _normal(as_written)),
        lambda p: bool(fragment) and _plain(p.address).endswith("#" + fragment),
        lambda p: bool(name) and _file_name(_plain(p.address)) == name,
    )
    for matches in tiers:
        found = [p for p in places if matches(p)]
        if found:
            return body_line + body.count("\n", 0, found[min(occurrence, len(found) - 1)].offset)
    return line_of(body, body_line, address_forms(rendered), occurrence)


def line_of_target(body: str, body_line: int, target: str, occurrence: int = 0) -> int | None:
    """The line of the body that wrote a link or image address, its `occurrence`-th time on the page
    among links and images alike."""
    return line_of_address(body, body_line, None, target, occurrence)


def address_forms(target: str) -> list[str]:
    """How an address of the rendered HTML may have been written in the body, the most exact first."""
    fragment = target.split("#", 1)[1] if "#" in target else ""
    return [target, unquote(target), "#" + fragment if fragment else "", "#" + unquote(fragment) if fragment else "",
            _file_name(unquote(target))]


target_forms = address_forms


@lru_cache(maxsize=32)
def body_places(body: str) -> tuple[Place, ...]:
    """Every link and image address the body writes, in the order the rendered page has them."""
    text = _outside_code(body)
    definitions = {_label(m["label"]): (m["address"], m.start("address")) for m in _DEFINITION.finditer(text)
                   if not m["label"].startswith("^")}  # [^1]: a footnote
    text = _DEFINITION.sub(lambda m: " " * len(m[0]), text)  # a definition is no link itself
    found: list[tuple[int, Place]] = []
    for start, kind, address, offset in _markdown_places(text, definitions):
        found.append((start, Place(kind, address, offset, False)))
    for m in _AUTOLINK.finditer(text):
        found.append((m.start(), Place("link", m[1], m.start(1), False)))
    for tag in _HTML_TAG.finditer(text):
        name = tag[1].lower()
        attribute = "src" if name == "img" else "href"
        value = re.search(r"(?<![\w:-])" + attribute + r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""",
                          tag[2], re.IGNORECASE)
        if value:
            group = next(i for i in (1, 2, 3) if value[i] is not None)
            found.append((tag.start(), Place("image" if name == "img" else "link", html_lib.unescape(value[group]),
                                             tag.start(2) + value.start(group), True)))
    return tuple(place for _, place in sorted(found, key=lambda item: item[0]))


_DEFINITION = re.compile(r"""^[ ]{0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*\n?[ \t]*<?(?P<address>[^\s>]+)>?[^\n]*$""",
                         re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto|tel):[^\s<>]+)>", re.IGNORECASE)
_HTML_TAG = re.compile(r"""<(img|a)\b((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.IGNORECASE)


def _markdown_places(text: str, definitions: dict[str, tuple[str, int]]) -> Iterable[tuple[int, Kind, str, int]]:
    """(where the link starts, kind, address, where its address is written) of every Markdown link and
    image: `[..](addr)`, `[..][id]`, `[id][]` and `[id]` with `id` defined; brackets may nest."""
    openers: list[tuple[int, bool]] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "\n" and text[i + 1:i + 2] == "\n":
            openers.clear()  # a paragraph ends
        elif char == "[":
            openers.append((i, i > 0 and text[i - 1] == "!"))
        elif char == "]" and openers:
            start, image = openers.pop()
            kind: Kind = "image" if image else "link"
            begin = start - 1 if image else start
            if text[i + 1:i + 2] == "(":
                address, offset = _inline_address(text, i + 2)
                if address is not None:
                    yield begin, kind, address, offset
                    if not image:
                        openers.clear()  # no link inside a link
            else:
                reference = re.match(r"\[([^\]\n]*)\]", text[i + 1:])
                label = _label(reference[1] if reference and reference[1] else text[start + 1:i])
                if label in definitions and not text[i + 1:i + 2] == ":":
                    address, offset = definitions[label]
                    yield begin, kind, address, offset
                    if reference:
                        i += len(reference[0])
        i += 1


def _inline_address(text: str, at: int) -> tuple[str | None, int]:
    """The address of an inline link whose `(` is just before `at`, and where it starts."""
    while at < len(text) and text[at] in " \t\n":
        at += 1
    if text[at:at + 1] == "<":
        end = text.find(">", at)
        return (text[at + 1:end], at + 1) if end > 0 else (None, at)
    depth, end = 0, at
    while end < len(text) and not text[end].isspace():
        if text[end] == "\\":
            end += 2
            continue
        if text[end] == "(":
            depth += 1
        elif text[end] == ")":
            if depth == 0:
                break
            depth -= 1
        end += 1
    return text[at:end], at


@lru_cache(maxsize=32)
def _outside_code(body: str) -> str:
    """The body with inline code, fenced and indented code blocks and HTML comments blanked out (every
    character but the line ends becomes a space: offsets and lines stay)."""
    blank = lambda m: re.sub(r"[^\n]", " ", m[0])  # noqa: E731
    lines = body.split("\n")
    fence: str | None = None
    in_list = False
    previous_blank = True
    for n, line in enumerate(lines):
        stripped = line.strip()
        if fence is not None:
            if re.fullmatch(re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*", stripped):
                fence = None
            lines[n] = " " * len(line)
            continue
        opening = re.match(r"\s*(`{3,}|~{3,})", line)
        if opening:
            fence = opening[1]
            lines[n] = " " * len(line)
            continue
        indented = line.startswith(("    ", "\t"))
        if indented and stripped and not in_list and previous_blank:
            lines[n] = " " * len(line)
            continue
        if stripped and not indented:
            in_list = bool(re.match(r"\s{0,3}([-*+]|\d+[.)])\s", line))
        previous_blank = not stripped
    text = "\n".join(lines)
    text = re.sub(r"<!--.*?-->", blank, text, flags=re.DOTALL)
    return re.sub(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", blank, text, flags=re.DOTALL)


def _label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _plain(address: str) -> str:
    return unquote(html_lib.unescape(address.strip()))


def _normal(address: str) -> str:
    path = _plain(address)
    return posixpath.normpath(path) if path else path


def _file_name(address: str) -> str:
    return posixpath.basename(address.split("#", 1)[0].rstrip("/"))


def _starts(body: str, needle: str) -> list[int]:
    """Where `needle` starts in the body as a whole address or word (`a.png` is not in `data.png`), or,
    when it never stands alone, anywhere."""
    before = r"(?<![\w.%-])" if re.match(r"[\w.%]", needle) else ""
    after = r"(?![\w%-]|\.\w)" if re.search(r"[\w%]$", needle) else ""
    alone = [m.start() for m in re.finditer(before + re.escape(needle) + after, body)]
    return alone or [m.start() for m in re.finditer(re.escape(needle), body)]
