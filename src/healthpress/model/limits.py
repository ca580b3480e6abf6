"""Bounds on what one article may be: size, line length and nesting depth (configurable).

Python-Markdown's time and memory grow badly with nesting (2,000 levels of indented list took
over 4 GiB and 4 minutes), so deep nesting is refused before the Markdown is rendered.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from healthpress.model.findings import Finding

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
CONTAINER_MARK = re.compile(r"(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s)) ?")
RAW_CONTAINER = re.compile(r"<(/?)(?:div|blockquote|ul|ol|table|section|details|span)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Limits:
    """What one article may be; set in mkdocs.yml under the healthpress plugin."""

    max_bytes: int = 1024 * 1024
    max_line_chars: int = 20_000
    max_depth: int = 20
    max_inline_marks: int = 256


def check_size(path: str, size: int, limits: Limits) -> Finding | None:
    """A file over the size limit is refused before it is read."""
    if size <= limits.max_bytes:
        return None
    return Finding(path, None, None, "file-too-large",
                   f"文件有 {math.ceil(size / 1024)} KB，超过了 {limits.max_bytes // 1024} KB 的上限",
                   "把文章拆成几篇，或把大表格、附件改为单独的文件（上限可在 mkdocs.yml 的 healthpress 设置 max_file_kb 中调整）")


def check_body(path: str, body: str, first_line: int, limits: Limits) -> list[Finding]:
    """Over-long lines and over-deep nesting (lists, quotes, raw HTML), each reported once per file."""
    if _plain(body, limits):
        return _too_deep(path, body, first_line, limits)
    findings: list[Finding] = []
    fence = ""
    html_depth = 0
    marks, paragraph_start = 0, None
    too_many = too_long = too_deep = False
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if line.strip():
            paragraph_start = paragraph_start or number
            marks += line.count("*") + line.count("_") + line.count("[")
        else:
            marks, paragraph_start = 0, None
        if marks > limits.max_inline_marks and not too_many:
            too_many = True
            findings.append(Finding(path, paragraph_start, None, "too-many-marks",
                                    f"这一段里的 * _ [ 标记超过 {limits.max_inline_marks} 个，无法安全排版",
                                    "删除多余的标记；需要显示这些符号时在前面加 \\，或放进代码块"))
        if len(line) > limits.max_line_chars and not too_long:
            too_long = True
            findings.append(Finding(path, number, None, "line-too-long",
                                    f"这一行有 {len(line)} 个字符，超过了 {limits.max_line_chars} 的上限",
                                    "在句子之间换行分段（上限可在 mkdocs.yml 的 healthpress 设置 max_line_chars 中调整）"))
        opening = FENCE.match(line) if "```" in line or "~~~" in line else None
        if opening and not fence:
            fence = opening.group(1)
            continue
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                    and not line.strip().lstrip(fence[0]):
                fence = ""
            continue
        if too_deep:
            continue
        if "<" in line:
            html_depth, deepest = _html_depth(line, html_depth)
        else:
            deepest = html_depth
        depth = max(_markdown_depth(line) if line[:1] in NESTING_STARTS else 0, deepest)
        if depth > limits.max_depth:
            too_deep = True
            findings.append(_too_deep_finding(path, number, depth, limits))
    return findings


NESTING_STARTS = frozenset(" \t>-*+0123456789")
"""The first characters of a line that can open a level (`_markdown_depth` is 0 for any other line)."""
NESTING_LINE = re.compile(r"^(?:[ \t>*+0-9-]|.*<).*$", re.MULTILINE)
"""A line that can reach a level deeper than the line before it: it opens one, or has raw HTML."""
OPENING_LINE = re.compile(r"^[ \t>*+0-9-].*$", re.MULTILINE)
"""`NESTING_LINE` in a body without any <."""


def _plain(body: str, limits: Limits) -> bool:
    """Whether nesting is all `check_body` can find in `body`: no fence, no line over the limit, fewer
    * _ [ in the whole body than one paragraph may hold (the usual article)."""
    return ("```" not in body and "~~~" not in body
            and body.count("*") + body.count("_") + body.count("[") <= limits.max_inline_marks
            and (len(body) <= limits.max_line_chars or max(map(len, body.split("\n"))) <= limits.max_line_chars))


def _too_deep(path: str, body: str, first_line: int, limits: Limits) -> list[Finding]:
    """`check_body` of a `_plain` body: only the lines that can be deeper than the line before them are
    looked at (on any other line the depth is the raw HTML's from before, reported already if too deep)."""
    html_depth, number, at = 0, first_line, 0
    for match in (NESTING_LINE if "<" in body else OPENING_LINE).finditer(body):
        number += body.count("\n", at, match.start())
        at = match.start()
        line = match.group()
        if "<" in line:
            html_depth, deepest = _html_depth(line, html_depth)
        else:
            deepest = html_depth
        depth = max(_markdown_depth(line) if line[:1] in NESTING_STARTS else 0, deepest)
        if depth > limits.max_depth:
            return [_too_deep_finding(path, number, depth, limits)]
    return []


def _too_deep_finding(path: str, number: int, depth: int, limits: Limits) -> Finding:
    return Finding(path, number, None, "too-deep", f"列表、引用或 HTML 嵌套了 {depth} 层，超过了 {limits.max_depth} 层的上限",
                   "减少缩进或嵌套层数；正文一般不需要超过三四层")


def _html_depth(line: str, depth: int) -> tuple[int, int]:
    """Raw HTML container depth after `line`, and the deepest it reached within the line."""
    deepest = depth
    for match in RAW_CONTAINER.finditer(line):
        depth = max(0, depth - 1) if match.group(1) else depth + 1
        deepest = max(deepest, depth)
    return depth, deepest


def _markdown_depth(line: str) -> int:
    """Nesting a line opens: indentation (4 columns a level) and quote and list markers, repeatedly."""
    rest, depth = line.expandtabs(4), 0
    while rest:
        indent = len(rest) - len(rest.lstrip(" "))
        depth += indent // 4
        match = CONTAINER_MARK.match(rest, indent)
        if not match:
            break
        depth += 1
        rest = rest[match.end():]
    return depth
