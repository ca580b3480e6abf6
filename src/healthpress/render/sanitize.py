"""Article HTML made safe for readers: an allowlist sanitizer built on nh3 (Rust's ammonia).

Articles come from editors and from untrusted correspondents, and Markdown lets them write raw
HTML, attr_list attributes (``{: onclick=... }``) and any URL. ``sanitize_html`` runs once per
article on the HTML that Python-Markdown produced and keeps only the elements and attributes below;
everything else goes: script/style *with their content*, comments, every ``on*``/``data-*``/``style``
/``srcset``/``target`` attribute, URLs whose scheme is not in ``URL_SCHEMES`` (the check is nh3's and
sees the decoded, whitespace-stripped URL, so ``jav&#x61;script:`` and ``JAVA\\nSCRIPT:`` go too),
forms and their controls, svg/math, object/embed, base/meta/link. Removed harmless wrappers (``<font>``,
``<button>``) leave their text, as nh3 does by default.

nh3 alone cannot drop an element because of an attribute's value, nor add ``rel`` only to some links,
so one small pass over nh3's own, normalised output (attributes always double-quoted, ``<`` ``>`` ``"``
escaped in values and text) removes every ``<iframe>`` whose ``src`` the host check refused, empties
the kept ones, adds ``rel="noopener noreferrer"`` to links with a scheme or a host, and leaves no dead
remains: an ``<a>`` with neither ``href`` nor ``id`` (its ``javascript:`` address removed, say) is
unwrapped, its text kept, and an ``<img>`` without ``src`` goes. Nothing goes unsaid: removals.py tells
the editor every removal, with its line.

Known and accepted: ``id`` is kept (toc anchors, footnotes), so an article can name an element after
a global (``id="config"`` makes ``window.config``); healthpress' and material's scripts do not read
globals that way. Class tokens starting with ``md-`` are dropped so an article cannot borrow material's
fixed-position chrome (headers, dialogs) to overlay the page. Python-Markdown's tables write
alignment as ``style``, which is removed: configure ``tables: {use_align_attribute: true}`` to keep it.
A kept iframe gets ``sandbox="allow-scripts allow-presentation"``, whatever the article wrote: a video
player runs its script and can go full screen (``allowfullscreen``), but it runs in an opaque origin.
``allow-same-origin`` is never added: together with ``allow-scripts`` it lets the framed page reach
into its own ``<iframe>`` element and remove the sandbox (and, were the site's own host ever listed in
``iframe_hosts``, read and script the site itself). The cost is that a player cannot use the video
site's cookies or storage (a signed-in reader's history, a saved volume); playback does not need them.
"""

from __future__ import annotations

import functools
import html as html_lib
import re
from collections.abc import Callable

import nh3

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var", "wbr",
    "iframe",  # kept only for an allowed host: see _post_pass
})
CONTENT_REMOVED_TAGS = frozenset({"script", "style"})
GENERIC_ATTRIBUTES = frozenset({"class", "id", "title", "lang"})
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "iframe": frozenset({"src", "width", "height", "allowfullscreen", "frameborder"}),
}
IFRAME_SANDBOX = "allow-scripts allow-presentation"
"""Never with allow-same-origin: see the module's docstring."""
IFRAME_FORCED_ATTRIBUTES = {"sandbox": IFRAME_SANDBOX, "loading": "lazy"}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
LINK_REL = "noopener noreferrer"

_IFRAME_SRC = re.compile(r"https://([a-z0-9.-]+)(?::[0-9]{1,5})?(?:[/?#][^\x00-\x20\x7f\\]*)?", re.I)
_BAD_URL = re.compile(r"(?:javascript|vbscript|data):")
_NOT_IN_URL = re.compile(r"[\x00-\x20\x7f]")
_LOCAL_HREF = re.compile(r"$|#|\?|\.\.?(?:/|$)|/(?![/\\])|[^/\\:?#]+(?:[/?#]|$)")
_SERIALIZED = re.compile(r'<iframe\b((?:[^>"]|"[^"]*")*)>.*?</iframe>|<a\b((?:[^>"]|"[^"]*")*)>|(</a>)'
                         r'|<img\b((?:[^>"]|"[^"]*")*)>', re.S)
_ATTRIBUTE = re.compile(r'\s([^\s="/>]+)(?:="([^"]*)")?')


_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (C0 controls but tab and line ends, lone surrogates, U+FFFE, U+FFFF)
and the C1 controls: the feeds are XML, and lxml refuses the whole feed for one of them."""


def sanitize_html(html: str, *, iframe_hosts: frozenset[str] = frozenset()) -> str:
    """Article HTML (Python-Markdown output, after MkDocs rewrote links) made safe for readers, without a
    character XML cannot hold. The body scan (model/plaintext.py `hidden_in_body`) removes them first, with
    a warning; removing them here too is the last line of defence: nh3 decodes `&#7;` to the character."""
    cleaned = _SERIALIZED.sub(_PostPass(), _cleaner(frozenset(h.lower() for h in iframe_hosts)).clean(html))
    return _NOT_IN_XML.sub("", cleaned)


def url_kept(value: str) -> bool:
    """Whether the sanitizer keeps this address (decoded) in an ``href`` or ``src``: nh3's own verdict."""
    return not _BAD_URL.match(_NOT_IN_URL.sub("", value).lower()) and _url_kept_by_nh3(value)


def iframe_src_allowed(value: str, iframe_hosts: frozenset[str]) -> bool:
    """Whether an ``<iframe>`` may show this address: https, on one of the (lower-case) hosts."""
    match = _IFRAME_SRC.fullmatch(value)
    return bool(match) and match[1].lower() in iframe_hosts


@functools.lru_cache(maxsize=1024)
def _url_kept_by_nh3(value: str) -> bool:
    probe = nh3.clean(f'<a href="{html_lib.escape(value)}"></a>', tags={"a"}, attributes={"a": {"href"}},
                      url_schemes=set(URL_SCHEMES), link_rel=None)
    return "href=" in probe


@functools.lru_cache(maxsize=8)
def _cleaner(iframe_hosts: frozenset[str]) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS), clean_content_tags=set(CONTENT_REMOVED_TAGS),
        attributes={"*": set(GENERIC_ATTRIBUTES), **{tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()}},
        attribute_filter=_attribute_filter(iframe_hosts), strip_comments=True, link_rel=None,
        set_tag_attribute_values={"iframe": dict(IFRAME_FORCED_ATTRIBUTES)}, url_schemes=set(URL_SCHEMES),
    )


def _attribute_filter(iframe_hosts: frozenset[str]) -> Callable[[str, str, str], str | None]:
    def keep(tag: str, attr: str, value: str) -> str | None:
        if attr == "class":
            return " ".join(c for c in value.split() if not c.startswith("md-")) or None
        if attr in ("href", "src") and _BAD_URL.match(_NOT_IN_URL.sub("", value).lower()):
            return None  # nh3 already refused these schemes; a second look costs nothing
        if tag == "iframe" and attr == "src":
            return value if iframe_src_allowed(value, iframe_hosts) else None
        return value
    return keep


class _PostPass:
    """Drop an iframe without an allowed src (and any iframe's raw content); mark external links; unwrap
    an <a> that neither links nor names a place, and drop an <img> that shows nothing. nh3's output never
    nests <a> (the HTML parser closes one before the next), so the next </a> closes an unwrapped one."""

    def __init__(self) -> None:
        self.unwrapped = False

    def __call__(self, match: re.Match[str]) -> str:
        if match[1] is not None:
            names = {name for name, _ in _ATTRIBUTE.findall(match[1])}
            return f"<iframe{match[1]}></iframe>" if "src" in names else ""
        if match[3] is not None:
            closes_unwrapped, self.unwrapped = self.unwrapped, False
            return "" if closes_unwrapped else match[3]
        if match[4] is not None:
            return match[0] if "src" in dict(_ATTRIBUTE.findall(match[4])) else ""
        attrs = match[2]
        values = dict(_ATTRIBUTE.findall(attrs))
        href = values.get("href")
        self.unwrapped = href is None and "id" not in values
        if self.unwrapped:
            return ""
        if href is not None and not _LOCAL_HREF.match(re.sub(r"[\t\n\r]", "", html_lib.unescape(href)).strip()):
            attrs += f' rel="{LINK_REL}"'
        return f"<a{attrs}>"
