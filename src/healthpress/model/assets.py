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
SVG_ACTIVE_CONTENT = re.compile(
    rb"<\s*(script|foreignObject|iframe|embed|object|handler)\b|\bon[a-z]+\s*=|javascript:|<!ENTITY|xlink:href\s*=\s*[\"']\s*data:",
    re.IGNORECASE,
)


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
        elif extension == ".svg" and SVG_ACTIVE_CONTENT.search((docs_dir / src_uri).read_bytes()):
            findings.append(Finding(shown, None, None, "svg-script",
                                    "SVG 图片里含有脚本、事件属性或嵌入内容，读者直接打开时会执行",
                                    "用绘图软件重新导出为不含脚本的 SVG，或改用 PNG/JPG"))
    return findings
