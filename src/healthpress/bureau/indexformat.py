"""The pattern of generated 索引号 (`extra.bureau.index_no_format` in mkdocs.yml), checked and applied (pure).

A pattern is text with three fields in braces, as Python's `str.format` writes them: `{org_code}` (the
bureau's 组织机构代码, `extra.bureau.org_code`), `{year}` (the year the document was published) and
`{seq}` (its number within that year, from 1), which may be zero-padded: `{seq:04d}` writes 0007.
`{year}` and `{seq}` are required, so that no two documents get the same number.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

DEFAULT_INDEX_FORMAT = "{org_code}/{year}-{seq:05d}"
"""The 索引号 healthpress has always generated: 00325437-X/2013-00001."""

FIELDS = ("org_code", "year", "seq")
_SEQ_SPEC = re.compile(r"0?(\d{0,2})d?")
EXAMPLE = "{org_code}-{year}-{seq:04d}"


class IndexFormatError(ValueError):
    """A pattern that cannot make 索引号; the message says why, in Chinese."""


@dataclass(frozen=True, slots=True)
class IndexFormat:
    """A checked pattern: `render` makes a 索引号, `matcher` recognises the numbers it makes."""

    pattern: str
    parts: tuple[tuple[str, str | None, int], ...]
    """(literal text before, field or None at the end, zero-padded width of seq or 0)."""

    def render(self, org_code: str, year: int, seq: int) -> str:
        out = []
        for literal, name, width in self.parts:
            out.append(literal)
            if name == "org_code":
                out.append(org_code)
            elif name == "year":
                out.append(str(year))
            elif name == "seq":
                out.append(f"{seq:0{width}d}" if width else str(seq))
        return "".join(out)

    def matcher(self, org_code: str) -> re.Pattern[str]:
        """A regular expression that a generated 索引号 matches in full, with groups `year` and `seq`."""
        pieces = []
        for literal, name, width in self.parts:
            pieces.append(re.escape(literal))
            if name == "org_code":
                pieces.append(re.escape(org_code))
            elif name == "year":
                pieces.append(r"(?P<year>\d{4})")
            elif name == "seq":
                pieces.append(rf"(?P<seq>\d{{{width},}})" if width else r"(?P<seq>[1-9]\d*)")
        return re.compile("".join(pieces))


def parse_index_format(pattern: object) -> IndexFormat:
    """The checked pattern, or an IndexFormatError saying in Chinese what is wrong with it."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise IndexFormatError("索引号格式应是一段文字，例如 " + EXAMPLE)
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        raise IndexFormatError(f"索引号格式“{pattern}”的花括号不成对：字段写在一对 {{}} 里，"
                               "花括号本身不能用作文字") from None
    parts: list[tuple[str, str | None, int]] = []
    seen: list[str] = []
    for literal, name, spec, conversion in parsed:
        if name is None:
            parts.append((literal, None, 0))
            continue
        if name not in FIELDS:
            shown = name or "（空）"
            raise IndexFormatError(f"索引号格式“{pattern}”里的字段 {{{shown}}} 不认识：只能用 "
                                   "{org_code}（组织机构代码）、{year}（年份）、{seq}（当年的顺序号）")
        if name in seen:
            raise IndexFormatError(f"索引号格式“{pattern}”里的字段 {{{name}}} 写了两次")
        seen.append(name)
        if conversion:
            raise IndexFormatError(f"索引号格式“{pattern}”里的字段 {{{name}}} 不能带 !{conversion}")
        width = 0
        if spec:
            match = _SEQ_SPEC.fullmatch(spec) if name == "seq" else None
            if match is None or not spec.endswith("d") or (match.group(1) and not spec.startswith("0")):
                allowed = "只能写 {seq:04d} 这样的补零位数" if name == "seq" else "不能带格式"
                raise IndexFormatError(f"索引号格式“{pattern}”里的 {{{name}:{spec}}} 不对：{{{name}}} {allowed}")
            width = int(match.group(1) or 0)
        parts.append((literal, name, width))
    missing = [name for name in ("year", "seq") if name not in seen]
    if missing:
        fields = "、".join("{" + name + "}" for name in missing)
        raise IndexFormatError(f"索引号格式“{pattern}”缺少 {fields}：没有年份和当年的顺序号，不同文件会得到相同的索引号")
    return IndexFormat(pattern, tuple(parts))
