"""What the sanitizer (sanitize.py) removes from an editor's page, each removal said to the editor.

One scan of the page's HTML before it is cleaned applies the sanitizer's own allowlists, its own URL
verdict (nh3's) and its own iframe host check: every element, attribute and address that will go
becomes a `Removal` with the message and fix an editor reads, and the ways it may have been written in
the Markdown body (its attribute as written, its raw tag, its address), so that the build names the
line (bodylines.py) on every build, the page cache's too. Removed: an element not allowed (script and
style with their content, the others leaving their text), an attribute not allowed, a class name
starting with md-, an address whose scheme is not allowed (the link's text stays, as plain text; the
image goes), an iframe from a host not allowed, an <a> without address or id, an <img> without address.
HTML comments are removed without a word: a comment is a note never meant to be shown.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from healthpress.model.findings import Finding, Level
from healthpress.render.bodylines import line_of, line_of_address
from healthpress.render.sanitize import (ALLOWED_ATTRIBUTES, ALLOWED_TAGS, CONTENT_REMOVED_TAGS,
                                         GENERIC_ATTRIBUTES, URL_SCHEMES, iframe_src_allowed, url_kept)

EMBEDDING_TAGS = frozenset({"object", "embed", "applet", "frame", "frameset", "video", "audio", "source", "track"})
FORM_TAGS = frozenset({"form", "input", "button", "select", "textarea", "option", "optgroup", "label", "fieldset",
                       "legend", "datalist", "output"})
PAGE_TAGS = frozenset({"base", "meta", "link", "title", "head", "html", "body"})
QUIET_INSIDE = frozenset({"form", "svg", "math", "object"})
"""Removed elements whose own removal says it all: the elements inside them are not named one by one."""
RAW_TEXT_TAGS = frozenset({"iframe", "textarea", "title", "xmp", "noembed", "noframes", "noscript", "plaintext"})
"""Whose content the sanitizer's parser reads as text: no tag inside them is an element."""
SHOWN_VALUE = 60
_ALLOWED_ON = {tag: GENERIC_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(tag, frozenset()) for tag in ALLOWED_TAGS}


@dataclass(frozen=True, slots=True)
class Removal:
    """One thing the sanitizer removed, as the editor is told it, and how to find where it was written."""

    code: str
    message: str
    fix: str
    written: tuple[str, ...]
    """The ways it may be written in the body, most exact first (bodylines.py `line_of`)."""
    occurrence: int
    """How many earlier removals of the page were written the same way (`written[0]`); for an address,
    how many earlier removed addresses of the same kind (link or image) were the same."""

    def finding(self, path: str, body: str, body_line: int) -> Finding:
        """The warning, on the line of the body that wrote the removed thing (an address: where the body
        writes it as the address of the k-th such link or image)."""
        if self.code == "removed-url":
            kind = "image" if self.written[-1] == "src=" else "link"
            line = line_of_address(body, body_line, kind, self.written[2], self.occurrence)
        else:
            line = line_of(body, body_line, self.written, self.occurrence)
        return Finding(path, line, None, self.code, self.message, self.fix, Level.WARNING)

    def to_json(self) -> list:
        return [self.code, self.message, self.fix, list(self.written), self.occurrence]

    @classmethod
    def from_json(cls, data: list) -> Removal:
        code, message, fix, written, occurrence = data
        return cls(code, message, fix, tuple(written), occurrence)


def find_removals(html: str, iframe_hosts: frozenset[str]) -> tuple[Removal, ...]:
    """Everything `sanitize_html(html, iframe_hosts=...)` removes from the page, in page order."""
    if nothing_to_remove(html):
        return ()
    scan = _RemovalScan(frozenset(h.lower() for h in iframe_hosts))
    scan.feed(html)
    scan.close()
    return tuple(scan.removals)


_START_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def nothing_to_remove(html: str) -> bool:
    """The quick answer for the usual page, whose every tag and attribute is allowed (one regular expression
    over its tags, a third of the scan's time): True only when the scan would find nothing. An iframe,
    a tag or attribute not allowed, an address with a scheme or a character reference the sanitizer
    refuses, an md- class name, an <a> or <img> without address: False, and the scan says what."""
    for tag_match in _START_TAG.finditer(html):
        tag = tag_match[1].lower()
        if tag not in ALLOWED_TAGS or tag == "iframe":
            return False
        allowed = _ALLOWED_ON[tag]
        names = set()
        for name, value in _ATTRIBUTE.findall(tag_match[2]):
            name = name.lower()
            names.add(name)
            value = value[1:-1] if value[:1] in ("'", '"') else value
            if name not in allowed or (name == "class" and "md-" in value):
                return False
            if name in ("href", "src") and (":" in value or "&" in value) and not url_kept(html_lib.unescape(value)):
                return False
        if (tag == "a" and not names & {"href", "id"}) or (tag == "img" and "src" not in names):
            return False
    return True


class _RemovalScan(HTMLParser):
    def __init__(self, iframe_hosts: frozenset[str]):
        super().__init__(convert_charrefs=True)
        self.hosts = iframe_hosts
        self.removals: list[Removal] = []
        self._seen: Counter[str] = Counter()
        self._raw_text: str | None = None
        self._quiet: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._raw_text is not None:
            return
        raw = self.get_starttag_text() or f"<{tag}>"
        if tag not in ALLOWED_TAGS:
            if not self._quiet:
                self._removed(*_element_removed(tag, self.hosts), (raw, raw[:len(tag) + 1]))
            if tag in QUIET_INSIDE:
                self._quiet.append(tag)
            if tag in RAW_TEXT_TAGS:
                self._raw_text = tag
            return
        if tag == "iframe":
            self._raw_text = tag
            src = dict(attrs).get("src")
            if src is None or not (url_kept(src) and iframe_src_allowed(src, self.hosts)):
                self._removed(*_iframe_removed(src, self.hosts), (raw, src or "", "<iframe"))
                return
        values = dict(attrs)
        kept_id = "id" in values  # the sanitizer keeps an <a> that names a place
        for name, value in attrs:
            found = _attribute_removed(tag, name, value or "", kept_id)
            if found is not None:
                address = f"{name}={value}" if found[0] == "removed-url" else None
                self._removed(*found, _written_attribute(raw, name, value or ""), address)
        if tag == "a" and "href" not in values and not kept_id:  # one whose address goes is said above
            self._removed("removed-element", "删除了没有链接地址的 <a>，其中的文字作为普通文字保留",
                          "要链接时写成 [文字](地址)；不链接时删除 <a> 和 </a>", (raw, "<a"))
        if tag == "img" and values.get("src") is None:
            self._removed("removed-element", "删除了没有图片地址（src）的 <img>", "写成 ![图片内容的说明](图片文件名)",
                          (raw, "<img"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in QUIET_INSIDE and self._quiet and self._quiet[-1] == tag:
            self._quiet.pop()

    def handle_endtag(self, tag: str) -> None:
        if self._raw_text is not None:
            if tag == self._raw_text:
                self._raw_text = None
            return
        if self._quiet and self._quiet[-1] == tag:
            self._quiet.pop()

    def _removed(self, code: str, message: str, fix: str, written: tuple[str, ...], key: str | None = None) -> None:
        """`key`: what makes two removals the same (`written[0]` unless given: an address's attribute and value)."""
        key = key or written[0]
        self.removals.append(Removal(code, message, fix, written, self._seen[key]))
        self._seen[key] += 1


def _element_removed(tag: str, hosts: frozenset[str]) -> tuple[str, str, str]:
    if tag == "script":
        return ("removed-script", "删除了 <script> 脚本（连同其中的代码）：文章里不能运行脚本",
                f"删除这段代码；嵌入视频请用 <iframe> 写{_hosts_text(hosts)}的播放器地址，其他互动功能请联系网站管理员")
    if tag == "style":
        return ("removed-style", "删除了 <style> 样式表（连同其中的内容）：文章的版式由网站统一设定",
                "删除这段样式；强调文字请用 **加粗**")
    if tag in EMBEDDING_TAGS:
        return ("removed-embed", f"删除了 <{tag}>：文章里不能嵌入插件、音视频文件或其他页面",
                f"视频请用 <iframe> 写{_hosts_text(hosts)}的播放器地址；文件请放在文章所在的目录，用 [说明](文件名) 链接")
    if tag in FORM_TAGS:
        return ("removed-form", f"删除了表单元素 <{tag}>（其中的文字保留）：文章里不能收集读者填写的内容",
                "需要读者留言或报名时，请链接到局长信箱或有关的办事页面")
    if tag in PAGE_TAGS:
        return ("removed-element", f"删除了 <{tag}>：它会改变整个页面，文章里不能使用", f"删除 <{tag}>")
    if tag in ("svg", "math"):
        return ("removed-element", f"删除了 <{tag}>（其中的文字保留）：文章里不能直接写矢量图或公式代码",
                "把图形存成 .svg 或 .png 文件，放在文章所在的目录，用 ![图片内容的说明](图形.png) 引用")
    removed = "连同其中的内容" if tag in CONTENT_REMOVED_TAGS else "其中的文字保留"
    return ("removed-element", f"删除了 <{tag}> 标签（{removed}）：文章里只能用基本的排版标签",
            f"请删除 <{tag}>，改用 Markdown 写法（段落、标题、列表、表格、链接、图片、**加粗**）")


def _iframe_removed(src: str | None, hosts: frozenset[str]) -> tuple[str, str, str]:
    fix = (f"嵌入视频请用{_hosts_text(hosts)}的 https:// 播放器地址；要嵌入其他网站，"
           "请网站管理员把它加进 mkdocs.yml 的 iframe_hosts")
    if not src:
        return "removed-iframe", "删除了没有地址（src）的 <iframe>", fix
    if not src.lower().startswith("https://"):
        return "removed-iframe", f"删除了嵌入“{_shown(src)}”的 <iframe>：嵌入的地址必须以 https:// 开头", fix
    return "removed-iframe", f"删除了嵌入“{_shown(src)}”的 <iframe>：这个网站不在允许嵌入的网站之列", fix


def _attribute_removed(tag: str, name: str, value: str, kept_id: bool) -> tuple[str, str, str] | None:
    """(code, message, fix) when the sanitizer removes this attribute (or part of it), else None."""
    allowed = GENERIC_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(tag, frozenset())
    if name.startswith("on"):
        return ("removed-script", f"删除了 <{tag}> 的 {name} 属性：on 开头的属性是脚本，文章里不能运行脚本",
                f"删除 {name}=\"…\"")
    if name == "style":
        if tag in ("th", "td") and re.fullmatch(r"\s*text-align:\s*\w+;?\s*", value):
            return ("removed-style", "表格的对齐方式没有生效：对齐写成了 style 属性，而文章里不能用 style",
                    "请网站管理员在 mkdocs.yml 的 tables 扩展里设置 use_align_attribute: true")
        return ("removed-style", f"删除了 <{tag}> 的 style 属性：文章的版式由网站统一设定",
                "删除 style=\"…\"；强调文字请用 **加粗**，表格的对齐请在表头下的分隔行写 :--- 、:---: 或 ---:")
    if name not in allowed:
        kept = "、".join(sorted(allowed))
        return ("removed-attribute", f"删除了 <{tag}> 的 {name} 属性：文章里不能使用它",
                f"删除 {name}；<{tag}> 只能写这些属性：{kept}")
    if name == "class" and any(token.startswith("md-") for token in value.split()):
        tokens = " ".join(token for token in value.split() if token.startswith("md-"))
        return ("removed-attribute", f"删除了 <{tag}> 的类名 {tokens}：md- 开头的类名留给网站的框架使用",
                "换一个不以 md- 开头的类名")
    if name in ("href", "src") and tag in ("a", "img") and not url_kept(value):
        what, left = ("链接", "，链接文字作为普通文字保留") if tag == "a" else ("图片", "，图片不显示")
        if tag == "a" and kept_id:
            left = ""
        scheme = re.sub(r"[\x00-\x20\x7f]", "", value).lower()
        if scheme.startswith(("javascript:", "vbscript:")):
            fix = "文章里不能运行脚本；链接请写完整的 https:// 地址，或本站文章的 .md 文件名"
        elif scheme.startswith("data:"):
            fix = "图片请放在文章所在的目录，用 ![图片内容的说明](图片文件名) 引用，不要把图片内容写进地址（data:）"
        else:
            fix = "链接请写完整的 https:// 地址、mailto:邮箱、tel:电话，或本站文章的 .md 文件名"
        schemes = "、".join(sorted(URL_SCHEMES))
        return ("removed-url", f"删除了{what}地址“{_shown(value)}”（只允许 {schemes} 开头的地址和本站的相对地址）{left}",
                fix)
    return None


def _written_attribute(raw_tag: str, name: str, value: str) -> tuple[str, ...]:
    """How an attribute may be written: as in the raw tag, its value, the raw tag, its name."""
    match = re.search(r"(?<![\w:-])" + re.escape(name) + r"""\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+)""", raw_tag, re.I)
    as_written = match[0] if match else ""
    raw_value = match[1].strip("\"'") if match else ""
    return (as_written or raw_tag, raw_value, value, raw_tag, name + "=")


def _hosts_text(hosts: frozenset[str]) -> str:
    return "允许嵌入的网站（" + "、".join(sorted(hosts)) + "）" if hosts else "允许嵌入的网站（网站管理员在 mkdocs.yml 的 iframe_hosts 里设定）"


def _shown(value: str) -> str:
    """An address as a message shows it: on one line, and not too long."""
    flat = re.sub(r"[\x00-\x20\x7f]+", " ", value).strip()
    return flat if len(flat) <= SHOWN_VALUE else flat[:SHOWN_VALUE] + "…"
