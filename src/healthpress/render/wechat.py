"""An article's body as the WeChat official account's editor takes it: one HTML fragment with inline styles.

The input is the site's own article HTML (Markdown, then sanitize.py and images.py, as the page shows it),
so what goes to WeChat is what the website says. The editor of the official account keeps no stylesheet,
no class and no script, and keeps only simple inline CSS; so each element gets a fixed inline style by its
tag (`STYLES`: font size, line height, colour, margins, table borders) in one nh3 pass, which also drops
every class and id and makes every address absolute (the images are fetched from the published site when
the fragment is pasted). A style per tag needs no CSS parser and no selector matching: the site's HTML has
no styles of its own to keep (the sanitizer removed them), only elements, and classes the site's stylesheet
draws by: of those only an admonition's or a details block's box and title carry meaning, and they become
a blockquote led by its title in bold (`_boxes`); the rest (a code block's colours) go with their class.
"""

from __future__ import annotations

import functools
import html as html_lib
import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urljoin

import nh3

from healthpress.render.sanitize import ALLOWED_TAGS, URL_SCHEMES
from healthpress.render.serialized import scan, start_tags, text_of

WECHAT_SUMMARY_LIMIT = 120
"""The official account's 摘要 holds at most 120 characters."""
WECHAT_BODY_LIMIT = 20_000
"""The official account's editor takes a body of at most 20,000 characters (2 万字)."""

_TEXT = "font-size:16px;line-height:1.75;color:#333333;"
_CELL = "border:1px solid #bfbfbf;padding:6px 8px;font-size:14px;line-height:1.6;color:#333333;"
STYLES: dict[str, str] = {
    "p": "margin:0 0 1em 0;" + _TEXT,
    "h1": "margin:1.2em 0 0.6em 0;font-size:22px;line-height:1.4;font-weight:bold;color:#1a1a1a;",
    "h2": "margin:1.2em 0 0.6em 0;font-size:20px;line-height:1.4;font-weight:bold;color:#1a1a1a;",
    "h3": "margin:1em 0 0.5em 0;font-size:18px;line-height:1.4;font-weight:bold;color:#1a1a1a;",
    "h4": "margin:1em 0 0.5em 0;font-size:16px;line-height:1.4;font-weight:bold;color:#1a1a1a;",
    "h5": "margin:1em 0 0.5em 0;font-size:16px;line-height:1.4;font-weight:bold;color:#1a1a1a;",
    "h6": "margin:1em 0 0.5em 0;font-size:16px;line-height:1.4;font-weight:bold;color:#1a1a1a;",
    "ul": "margin:0 0 1em 0;padding-left:2em;list-style-type:disc;" + _TEXT,
    "ol": "margin:0 0 1em 0;padding-left:2em;list-style-type:decimal;" + _TEXT,
    "li": "margin:0.25em 0;" + _TEXT,
    "dl": "margin:0 0 1em 0;" + _TEXT,
    "dt": "font-weight:bold;" + _TEXT,
    "dd": "margin:0 0 0.5em 2em;" + _TEXT,
    "table": "border-collapse:collapse;margin:0 0 1em 0;",  # its width as an attribute: see `ATTRIBUTE_VALUES`
    "caption": "padding:4px 0;font-size:14px;color:#666666;",
    "th": _CELL + "background-color:#f2f2f2;font-weight:bold;",
    "td": _CELL,
    "img": "display:block;max-width:100%;height:auto;margin:0.5em auto;",
    "figure": "margin:1em 0;",
    "figcaption": "margin:0.25em 0 1em 0;font-size:14px;line-height:1.6;color:#666666;text-align:center;",
    "blockquote": "margin:1em 0;padding:0.5em 1em;border-left:4px solid #d0d0d0;background-color:#f7f7f7;color:#555555;",
    "pre": "margin:0 0 1em 0;padding:12px;background-color:#f5f5f5;font-size:14px;line-height:1.5;"
           "white-space:pre-wrap;word-break:break-all;",
    "code": "font-family:Consolas,Menlo,monospace;font-size:14px;background-color:#f5f5f5;",
    "a": "color:#1e6bb8;text-decoration:underline;",
    "hr": "margin:1.5em 0;border:0;border-top:1px solid #d0d0d0;",
    "strong": "font-weight:bold;",
    "b": "font-weight:bold;",
    "mark": "background-color:#fff3a3;",
}
"""The inline style of each element, whatever its place: the only CSS the fragment carries."""

TAGS = ALLOWED_TAGS - {"iframe"}
"""The site's elements, but the iframe: the account's editor shows no other site's player (see `_videos`)."""
ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href"},
    "img": {"src", "alt"},  # no width or height: the image fits the phone's width (STYLES)
    "th": {"colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},  # the numbers the site shows
    "li": {"value"},
}
"""What is kept of each element: no class, id, title or lang (the editor drops them or a style hangs on them)."""
ATTRIBUTE_VALUES: dict[str, dict[str, str]] = {
    **{tag: {"style": style} for tag, style in STYLES.items()},
    "table": {"style": STYLES["table"], "width": "100%"},
}
"""What each element is given. A table's width is an attribute, not a style: a browser copying the page
writes a style's percentage as the pixels it measured (a table as wide as the editor's window, not the
phone's), and leaves an attribute as it is."""

_IFRAME = re.compile(r"<iframe\b[^>]*>\s*</iframe>")
_BOX_TAG = re.compile(r'<(/?)(div|details|summary|p)\b([^>]*)>')
_CLASS = re.compile(r'\sclass="([^"]*)"')


def wechat_fragment(html: str, page_address: str, site_address: str) -> str:
    """The site's article HTML (sanitized, images prepared) as one fragment for the account's editor:
    inline styles, no class or id, every href and src absolute: a relative one against `page_address`
    (the article's absolute address on the published site), one starting with / against `site_address`
    (site_url: the site's root, which the build's link check reads it as, even below a subpath); a video
    (iframe) becomes a link to the article's page."""
    html = _boxes(_IFRAME.sub(_video_note(page_address), html))
    site_root = site_address.rstrip("/") + "/"

    def absolute(tag: str, attribute: str, value: str) -> str | None:
        if attribute in ("href", "src"):
            value = value.strip()
            if value.startswith("/") and not value.startswith("//"):
                return urljoin(site_root, value.lstrip("/"))
            return urljoin(page_address, value)
        return value

    cleaner = nh3.Cleaner(tags=set(TAGS), clean_content_tags={"script", "style"},
                          attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
                          set_tag_attribute_values={tag: dict(values) for tag, values in ATTRIBUTE_VALUES.items()},
                          attribute_filter=absolute, url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=True)
    return cleaner.clean(html).strip()


def _boxes(html: str) -> str:
    """Admonitions (`!!! note`, a div.admonition) and details blocks (`??? note`), whose box and title the
    site's stylesheet draws by class, as blockquotes (a box in `STYLES`) led by their title in bold; a
    details block is open, as the account shows no folding. `html` is the sanitizer's (attributes
    double-quoted, no `>` in a value)."""
    admonitions: list[bool] = []  # each open div: whether it is an admonition's
    in_title = False

    def swap(match: re.Match[str]) -> str:
        nonlocal in_title
        closing, tag = match[1], match[2]
        classes = set(found[1].split()) if (found := _CLASS.search(match[3])) else set()
        if tag == "div" and closing:
            return "</blockquote>" if admonitions and admonitions.pop() else match[0]
        if tag == "div":
            admonitions.append("admonition" in classes)
            return "<blockquote>" if admonitions[-1] else match[0]
        if tag == "details":
            return "</blockquote>" if closing else "<blockquote>"
        if tag == "summary":
            return "</strong></p>" if closing else "<p><strong>"
        if closing and in_title:
            in_title = False
            return "</strong></p>"
        if not closing and "admonition-title" in classes:
            in_title = True
            return "<p><strong>"
        return match[0]

    return _BOX_TAG.sub(swap, html)


@functools.lru_cache(maxsize=8)
def _video_note(page_address: str) -> str:
    link = html_lib.escape(page_address)
    return f'<p>（这里是一段视频，公众号里不能播放，请到网站观看：<a href="{link}">{link}</a>）</p>'


def text_length(html: str) -> int:
    """The characters a reader sees in `html` (the fragment), white space not counted: what the
    account's editor counts against `WECHAT_BODY_LIMIT`."""
    return len("".join(text_of(html).split()))


def has_video(html: str) -> bool:
    """Whether the article shows a video (an iframe), which the fragment replaces by a link."""
    return _IFRAME.search(html) is not None


def first_image(html: str) -> str | None:
    """The address of the first image of the site's article HTML, as the page writes it, or None."""
    for tag, attributes in start_tags(html):
        if tag == "img":
            src = dict(attributes).get("src")
            if src:
                return src
    return None


class _Paragraphs(HTMLParser):
    """The text of the body's paragraphs (<p> anywhere), in order; headings, tables and code left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "p":
            self.depth += 1
        elif tag == "br" and self.depth:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.depth:
            self.depth -= 1
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def body_text(html: str) -> str:
    """The plain text of the body's paragraphs run together (Chinese puts no space between sentences), the
    white space within each made one space."""
    reader = _Paragraphs()
    scan(html, reader)
    lines = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    return "".join(line for line in lines if line)


_SENTENCE_END = frozenset("。！？!?；;…")
_CLOSING = frozenset("”’」』）)】》\"'")


def cut_summary(text: str, limit: int = WECHAT_SUMMARY_LIMIT) -> tuple[str, bool]:
    """(`text` in at most `limit` characters, whether it was cut). A longer text ends at its last sentence
    end within the limit (。！？； and a closing quote after it); with none there, it is cut before the
    limit with an ellipsis, never between a character and the marks that belong to it."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text, False
    ends = [i + 1 for i in range(limit) if text[i] in _SENTENCE_END]
    if ends:
        end = ends[-1]
        while end < limit and text[end] in _CLOSING:
            end += 1
        return text[:end].rstrip(), True
    end = limit - 1
    while end > 0 and (_belongs_to_previous(text[end]) or text[end - 1] == "\u200d"):
        end -= 1
    return text[:end].rstrip() + "…", True


def _belongs_to_previous(character: str) -> bool:
    """A combining mark, a variation selector or a joiner: never the first character after a cut."""
    return (unicodedata.combining(character) > 0 or unicodedata.category(character) in ("Mn", "Me")
            or "\ufe00" <= character <= "\ufe0f" or character in "\u200d\u200c")
