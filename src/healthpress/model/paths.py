"""File names and locations that would break a checkout, a URL or the project's boundary."""

from __future__ import annotations

import os
import posixpath
from collections import defaultdict
from pathlib import Path

from healthpress.model.findings import Finding, Level
from healthpress.model.plaintext import describe_character, escaped, first_hidden
from healthpress.model.sitepaths import reserved_path_findings

WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
)
WINDOWS_FORBIDDEN_CHARS = set('<>:"|?*\\')


def check_names(src_uris: list[str], display_dir: str) -> list[Finding]:
    """Names Windows cannot check out, names that differ only in case, and names that take a path the
    site generates (sitepaths.py: content/stats.md would replace the statistics at /stats/)."""
    findings = []
    for src_uri in src_uris:
        shown = posixpath.join(display_dir, src_uri)
        hidden = first_hidden(src_uri)
        if hidden is not None:
            findings.append(Finding(escaped(shown), None, None, "bad-file-name",
                                    f"文件名或目录名里有看不见的字符 {describe_character(src_uri[hidden])}"
                                    "（名字按转义写出）：它会随网址发布，读者看到的名字和实际的不一样；"
                                    "这个文件不会被读取或发布",
                                    "把文件（或目录）改名，重新输入名字，例如用拼音"))
            continue
        for part in src_uri.split("/"):
            stem = part.split(".", 1)[0].lower()
            problem = None
            if stem in WINDOWS_RESERVED:
                problem = f"“{part}”是 Windows 的保留名称，其他编辑在 Windows 上无法取出这个文件"
            elif part != part.rstrip(". "):
                problem = f"“{part}”以点或空格结尾，Windows 上无法使用"
            elif posixpath.splitext(part)[0] != posixpath.splitext(part)[0].rstrip(". "):
                problem = f"“{part}”的扩展名前面是点或空格，Windows 上无法使用"
            elif WINDOWS_FORBIDDEN_CHARS & set(part):
                problem = f"“{part}”含有 Windows 不允许的字符（< > : \" | ? * \\）"
            if problem:
                findings.append(Finding(shown, None, None, "bad-file-name", problem,
                                        "把文件（或目录）改个名字，例如用拼音或去掉结尾的点"))
                break
    src_uris = [src_uri for src_uri in src_uris if first_hidden(src_uri) is None]  # reported above, once
    by_folded: dict[str, list[str]] = defaultdict(list)
    for src_uri in src_uris:
        by_folded[src_uri.casefold()].append(src_uri)
    for group in by_folded.values():
        if len(group) > 1:
            names = "、".join(posixpath.join(display_dir, s) for s in sorted(group))
            for src_uri in sorted(group):
                findings.append(Finding(posixpath.join(display_dir, src_uri), None, None, "case-clash",
                                        f"这些文件名只有大小写不同：{names}（Windows 和 macOS 上会互相覆盖）",
                                        "删除或改名其中一个"))
    return findings + reserved_path_findings(src_uris, display_dir)


def hidden_names(src_uris: list[str]) -> set[str]:
    """The files whose name (or a folder's) holds a hidden or control character: refused unread."""
    return {src_uri for src_uri in src_uris if first_hidden(src_uri) is not None}


def is_inside(path: Path, root: Path) -> bool:
    """True when `path`, with every symlink resolved, is inside `root`."""
    real = Path(os.path.realpath(path))
    real_root = Path(os.path.realpath(root))
    return real == real_root or real_root in real.parents


def check_links_outside(docs_dir: Path, src_uris: list[str], display_dir: str) -> tuple[list[Finding], set[str]]:
    """Files whose real location is outside the docs folder (through a symlink): refused, never read."""
    findings, refused = [], set()
    real_root = os.path.realpath(docs_dir)
    real_folders: dict[str, str] = {}  # each folder resolved once, not once per file in it
    for src_uri in src_uris:
        folder, name = posixpath.split(src_uri)
        if folder not in real_folders:
            real_folders[folder] = os.path.realpath(docs_dir / folder)
        path = os.path.join(real_folders[folder], name)
        real = os.path.realpath(path) if os.path.islink(path) else path
        if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
            refused.add(src_uri)
            findings.append(Finding(posixpath.join(display_dir, src_uri), None, None, "symlink-outside",
                                    "这是指向 content 目录以外的链接（symlink），不会被读取或发布",
                                    "把文件本身复制到 content 目录里，删除这个链接", Level.ERROR))
    return findings, refused
