"""Files other than articles that editors commit to content/: only kinds that cannot run script.

MkDocs copies every other file to the site as it is, so an `.html` page or an SVG with a script,
opened directly, would run in the bureau's own origin.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from healthpress.model.findings import Finding

ALLOWED_EXTENSIONS = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".ico", ".avif",
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".et", ".dps", ".ofd", ".txt", ".csv",
    ".zip", ".rar", ".7z", ".mp4", ".webm", ".mp3", ".m4a", ".ogg",
})
ACTIVE_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"})
"""Elements (their local name, in any namespace, any case) that run script or embed a document."""
URL_ATTRIBUTES = frozenset({"href", "src"})
"""Attributes (local name, any namespace: `href`, `xlink:href`) that take an address."""
ANIMATED_VALUES = frozenset({"to", "from", "by", "values"})
"""Attributes of `<set>`/`<animate>` that could write a `javascript:` address into an `href`."""
EMBEDDED_IMAGE = re.compile(r"data:image/(?:png|jpeg|jpg|gif|webp);", re.IGNORECASE)
"""The only `data:` addresses allowed: bitmaps embedded by drawing programs, on `<image>`."""
_NOT_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\s]")
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']""")


def _parse(data: bytes):
    """The SVG's XML tree, with defusedxml when it is installed; the standard library's otherwise (which
    resolves no external entity; DTDs, entity bombs included, are refused before parsing)."""
    try:
        from defusedxml.ElementTree import fromstring
    except ImportError:
        from xml.etree.ElementTree import fromstring
    return fromstring(data)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].casefold()


def svg_problem(data: bytes) -> str | None:
    """Why this SVG could run script when opened directly, or None. Decided on a real XML parse: element
    and attribute names in any namespace or prefix, attribute values with their references decoded."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "SVG 图片不是 UTF-8 编码（例如存成了 UTF-16），无法检查其中是否有脚本"
    declared = _DECLARED_ENCODING.match(data.lstrip())
    if declared and declared.group(1).decode("ascii", "replace").lower().replace("_", "-") not in ("utf-8", "utf8"):
        return f"SVG 图片声明的编码是“{declared.group(1).decode('ascii', 'replace')}”而不是 UTF-8，无法检查其中是否有脚本"
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.IGNORECASE):
        return "SVG 图片里有 DOCTYPE 或实体声明（<!ENTITY），可能引用外部内容或无限展开"
    if re.search(rb"<\?xml-stylesheet", data, re.IGNORECASE):
        return "SVG 图片引用了样式表（<?xml-stylesheet?>），样式表可能带有脚本"
    try:
        root = _parse(data)
    except Exception:  # ParseError, or defusedxml's refusals
        return "SVG 图片不是格式正确的 XML，无法检查其中是否有脚本"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        if tag in ACTIVE_ELEMENTS:
            return f"SVG 图片里有 <{tag}> 元素（脚本或嵌入内容）"
        for name, value in element.attrib.items():
            attribute = _local(name)
            if attribute.startswith("on"):
                return f"SVG 图片里有事件属性 {attribute}"
            url = _NOT_IN_URL.sub("", value).casefold()
            if attribute in URL_ATTRIBUTES or (tag in ("set", "animate") and attribute in ANIMATED_VALUES) \
                    or (tag in ("set", "animate") and attribute == "attributename" and url.endswith("href")):
                if "javascript:" in url or "vbscript:" in url:
                    return f"SVG 图片里有 javascript: 地址（{attribute}）"
                if tag in ("set", "animate") and attribute == "attributename":
                    return "SVG 图片里有改写链接地址的动画（<set>/<animate> 的 attributeName 是 href）"
                if url.startswith("data:") and not (tag == "image" and EMBEDDED_IMAGE.match(url)):
                    return f"SVG 图片里有 data: 地址（{attribute}），只有 <image> 里嵌入的 PNG/JPEG/GIF/WebP 图片可以这样写"
            elif "javascript:" in url and attribute in ("style", "filter", "mask", "clip-path", "fill", "stroke"):
                return f"SVG 图片里有 javascript: 地址（{attribute}）"
    return None


def check_assets(docs_dir: Path, src_uris: list[str], display_dir: str) -> list[Finding]:
    """Every non-Markdown file must be of an allowed kind; SVG images must carry no active content."""
    findings = []
    for src_uri in src_uris:
        extension = posixpath.splitext(src_uri)[1].lower()
        if extension == ".md":
            continue
        shown = posixpath.join(display_dir, src_uri)
        if extension not in ALLOWED_EXTENSIONS:
            findings.append(Finding(shown, None, None, "file-type",
                                    f"content 目录里不能放“{extension or '无扩展名'}”文件（网页、脚本等会原样发布到网站上）",
                                    "文章写成 .md；附件可以是图片、PDF、Office/WPS 文档、压缩包或音视频："
                                    + " ".join(sorted(ALLOWED_EXTENSIONS))))
        elif extension == ".svg" and (problem := svg_problem((docs_dir / src_uri).read_bytes())):
            findings.append(Finding(shown, None, None, "svg-script",
                                    f"{problem}：SVG 里的脚本、事件属性或嵌入内容，读者直接打开图片时会执行",
                                    "用绘图软件重新导出为不含脚本的 SVG，或改用 PNG/JPG"))
    return findings
