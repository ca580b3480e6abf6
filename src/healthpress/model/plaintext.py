"""Plain text that an editor or a correspondent writes in a field, and the characters no text may hide (pure).

Every text field of every schema (front matter, columns/*.yml, data/*.yml, letters, disclosure) is one
of the types below, so one validator decides for all of them. A field's text is refused when it holds

* a character that changes the direction text is shown in (U+202E makes `正常标题\u202egnp.exe` read
  “正常标题exe.png”), an invisible one (zero-width space, joiner, BOM, soft hyphen, other Unicode
  format characters) or a control character: what readers see would not be what was written;
* something that looks like an HTML tag (`<script`, `</`, `<!--`): the field is shown as text, so the
  tag would only be printed, escaped, in the page and in the feeds;
* more characters than the field can hold (a title of 50,000 characters is a pasted article).

The body (Markdown) is rendered and sanitized elsewhere; `hidden_in_body` finds the same direction and
invisible characters there, line by line, so they are removed with a warning, never silently.
"""

from __future__ import annotations

import re
import unicodedata
from html.entities import html5
from typing import Any

from pydantic import AfterValidator, Field
from typing_extensions import Annotated

from healthpress.model.findings import Finding, Level

LINE_MAX = 200
"""Most characters of a one-line field: a title, a name, a unit, a tag, a document number. The longest
title of the example site has 60; a bureau's titles stay far below 200."""
PARAGRAPH_MAX = 2000
"""Most characters of a summary, a column's description, a topic's introduction, a note."""
LONG_TEXT_MAX = 20000
"""Most characters of a letter's reply."""

DIRECTION = {
    0x061C: "阿拉伯文字母标记", 0x200E: "从左向右标记", 0x200F: "从右向左标记",
    0x202A: "从左向右嵌入", 0x202B: "从右向左嵌入", 0x202C: "方向格式结束", 0x202D: "从左向右覆盖",
    0x202E: "从右向左覆盖", 0x2066: "从左向右隔离", 0x2067: "从右向左隔离", 0x2068: "按首字方向隔离",
    0x2069: "方向隔离结束",
}
"""The Unicode bidirectional controls, with their Chinese names."""
INVISIBLE = {
    0x00AD: "软连字符", 0x034F: "组合用字形连接符", 0x115F: "朝鲜文初声填充符", 0x1160: "朝鲜文中声填充符",
    0x180E: "蒙古文元音分隔符", 0x200B: "零宽空格", 0x200C: "零宽不连字", 0x200D: "零宽连字",
    0x2028: "行分隔符", 0x2029: "段落分隔符", 0x2060: "零宽不换行符", 0x2061: "不可见函数符",
    0x2062: "不可见乘号", 0x2063: "不可见逗号", 0x2064: "不可见加号", 0x3164: "朝鲜文填充符",
    0xFEFF: "零宽不换行空格，即 BOM", 0xFFA0: "半角朝鲜文填充符",
}
"""Characters that show nothing (or nothing but a gap) and are not format characters for Python all."""
PRINTABLE_INVISIBLE = frozenset(chr(point) for point in INVISIBLE if chr(point).isprintable())
"""The invisible characters that `str.isprintable` lets through (fillers are letters to Unicode)."""
CONTROL_NAMES = {0x00: "空字符", 0x09: "制表符 Tab", 0x0A: "换行", 0x0D: "回车", 0x1B: "转义符 ESC", 0x7F: "删除符"}

HIDDEN_IN_BODY = re.compile(
    "[\ud800-\udfff\ufffe\uffff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f]")
"""The characters `hidden_in_body` removes from an article's Markdown (tab, line ends and CR kept)."""

TAG_LIKE = re.compile(r"<(?:[A-Za-z]|/|!|\?)")
"""What an HTML parser would start a tag, an end tag, a comment or a declaration at."""


class PlainTextError(ValueError):
    """A field's text refused, with the fix and the finding's code (schema_errors.py reads both)."""

    def __init__(self, message: str, code: str, fix: str):
        super().__init__(message)
        self.code, self.fix = code, fix


def describe_character(char: str) -> str:
    """`U+202E（从右向左覆盖）`: the code point and what it is, in Chinese."""
    point = ord(char)
    name = DIRECTION.get(point) or INVISIBLE.get(point) or CONTROL_NAMES.get(point)
    if name is None:
        category = unicodedata.category(char)
        name = {"Cc": "控制字符", "Cf": "不可见的格式字符", "Cs": "无效的代理字符",
                "Zl": "行分隔符", "Zp": "段落分隔符"}.get(category, "不可见字符")
    return f"U+{point:04X}（{name}）"


def _is_hidden(char: str, lines: bool) -> bool:
    point = ord(char)
    if point in DIRECTION or point in INVISIBLE:
        return True
    if lines and char in "\n\t":
        return False
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def first_hidden(text: str, lines: bool = False) -> int | None:
    """The index of the first direction, invisible or control character of `text` (`lines`: line breaks
    and tabs are allowed), or None. Printable text, nearly every field, is decided without a loop."""
    quick = text.replace("\n", "").replace("\t", "") if lines else text
    if quick.isprintable() and PRINTABLE_INVISIBLE.isdisjoint(text):
        return None
    return next((index for index, char in enumerate(text) if _is_hidden(char, lines)), None)


ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escaped(text: str) -> str:
    """`text` with every direction, invisible and control character written as an escape (`\\u202e`,
    `\\n`), so that showing it (a file name in a finding) can neither reorder nor forge a line."""
    if first_hidden(text) is None:
        return text
    return "".join(ESCAPES.get(char) or (f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
                   if _is_hidden(char, False) else char for char in text)


def _harm(char: str) -> str:
    if ord(char) in DIRECTION:
        return "它会改变文字的显示方向，读者看到的和这里写的不一样"
    if unicodedata.category(char) == "Cc":
        return "控制字符不能写在文字里"
    return "它藏在文字里，读者看不见，却会随文字发布，复制和搜索时出错"


def _where(text: str, index: int) -> str:
    before = "".join(char for char in text[max(0, index - 8):index] if not _is_hidden(char, False))
    return f"在第 {index + 1} 个字符处（“{before}”之后）" if before else "在开头"


def check_plain_text(text: str, max_chars: int = LINE_MAX, lines: bool = False) -> str:
    """`text` unchanged, or a `PlainTextError` saying which character, tag or length is the problem."""
    index = first_hidden(text, lines)
    if index is not None:
        others = {char for char in text[index + 1:] if _is_hidden(char, lines)} - {text[index]}
        more = f"；还有 {'、'.join(describe_character(c) for c in sorted(others)[:3])}" if others else ""
        raise PlainTextError(
            f"有看不见的字符 {describe_character(text[index])}，{_where(text, index)}{more}：{_harm(text[index])}",
            "hidden-character",
            "删除这个字符：把这段文字删掉后重新输入（从网页、微信或 Word 复制来的文字常带有这类字符）")
    tag = TAG_LIKE.search(text)
    if tag is not None:
        snippet = text[tag.start():tag.start() + 20]
        shown = snippet[:snippet.index(">") + 1] if ">" in snippet else snippet
        raise PlainTextError(
            f"有 HTML 标签“{shown}”：这里只能写纯文字，标签不会起作用，只会原样显示出来",
            "html-in-text",
            "删除尖括号和其中的标签；书名用书名号《》，要写小于号时在“<”后面加一个空格")
    if len(text) > max_chars:
        raise PlainTextError(
            f"有 {len(text)} 个字，超过了 {max_chars} 个字的上限",
            "text-too-long",
            f"缩短到 {max_chars} 个字以内" + ("；详细内容写在正文里" if max_chars <= LINE_MAX else ""))
    return text


def text_finding(path: str, line: int | None, field: str | None, text: str, max_chars: int = LINE_MAX,
                 lines: bool = False) -> Finding | None:
    """The finding for a text that no schema reads (a list of plain names), or None when it is plain text."""
    try:
        check_plain_text(text, max_chars, lines)
    except PlainTextError as exc:
        return Finding(path, line, field, exc.code, str(exc), exc.fix)
    return None


def plain_text(max_chars: int = LINE_MAX, lines: bool = False, min_length: int = 0) -> Any:
    """The type of a text field: a `str` that `check_plain_text` accepts (`lines`: it may span lines;
    `min_length`: 1 for a field that may not be empty)."""
    return Annotated[str, Field(min_length=min_length),
                     AfterValidator(lambda text: check_plain_text(text, max_chars, lines))]


PlainText = plain_text(LINE_MAX)
"""One line of plain text: titles, names, units, tags, numbers."""
NonEmptyText = plain_text(LINE_MAX, min_length=1)
Paragraph = plain_text(PARAGRAPH_MAX, lines=True)
"""Plain text that may span lines: summaries, descriptions, introductions, notes."""
LongText = plain_text(LONG_TEXT_MAX, lines=True)
"""A long plain text: a letter's reply."""


def _reference_point(text: str) -> int | None:
    """The code point a numeric character reference (`&#7;`, `&#x202E`) stands for."""
    digits = text[2:].rstrip(";")
    try:
        return int(digits[1:], 16) if digits[:1] in "xX" else int(digits)
    except ValueError:
        return None


def _hidden_point(point: int) -> bool:
    """A code point the body may not carry: a hidden character, or one XML cannot hold (lone surrogates,
    U+FFFE and U+FFFF; C0 and C1 controls are hidden already)."""
    if 0xD800 <= point <= 0xDFFF or point in (0xFFFE, 0xFFFF):
        return True
    return point <= 0x10FFFF and HIDDEN_IN_BODY.fullmatch(chr(point)) is not None


HIDDEN_ENTITIES = {name: value for name, value in html5.items() if HIDDEN_IN_BODY.search(value)}
"""Named references that stand for a hidden character (`&zwj;`, `&lrm;`, `&shy;`, `&ZeroWidthSpace;`…),
with and without the semicolon as HTML reads them."""
HIDDEN_OR_REFERENCE = re.compile(
    HIDDEN_IN_BODY.pattern + "|&#(?:[xX][0-9A-Fa-f]+|[0-9]+);?|&(?:"
    + "|".join(re.escape(name) for name in sorted(HIDDEN_ENTITIES, key=len, reverse=True)) + ")")
"""A hidden character, a numeric character reference (decided by `_hidden_point`) or a named reference
to a hidden character: the HTML shows a reference as the character itself."""


def _hidden_matches(line: str) -> list[re.Match[str]]:
    found = []
    for match in HIDDEN_OR_REFERENCE.finditer(line):
        text = match.group()
        if text.startswith("&#"):
            point = _reference_point(text)
            if point is None or not _hidden_point(point):
                continue
        found.append(match)
    return found


def _describe_match(text: str) -> str:
    if not text.startswith("&"):
        return describe_character(text)
    point = _reference_point(text) if text.startswith("&#") else ord(HIDDEN_ENTITIES[text[1:]][0])
    if 0xD800 <= point <= 0xDFFF:
        return f"字符引用“{text}”即 U+{point:04X}（无效的代理字符）"
    if point in (0xFFFE, 0xFFFF):
        return f"字符引用“{text}”即 U+{point:04X}（非字符，网页和订阅里不能有）"
    return f"字符引用“{text}”即 {describe_character(chr(point))}"


def hidden_in_body(path: str, body: str, first_line: int) -> tuple[str, list[Finding]]:
    """The body without direction, invisible and control characters, written as themselves or as character
    references (`&#8238;`, `&#x200B;`, `&zwj;`; and `&#7;`, `&#xFFFE;`, which XML cannot hold at all), and a
    warning per line that had any (at most 10, then one for the rest): the page is published without them,
    and the editor is told."""
    if HIDDEN_IN_BODY.search(body) is None and "&" not in body:
        return body, []
    findings: list[Finding] = []
    lines = body.split("\n")
    hidden_lines = []
    for number, line in enumerate(lines):
        matches = _hidden_matches(line)
        if not matches:
            continue
        hidden_lines.append(number)
        lines[number] = "".join(line[start:end] for start, end in zip(
            [0] + [m.end() for m in matches], [m.start() for m in matches] + [len(line)]))
        if len(hidden_lines) > 10:
            continue
        kinds = sorted({m.group() for m in matches}, key=lambda text: (text.startswith("&"), text))
        named = "、".join(_describe_match(text) for text in kinds[:3]) + ("等" if len(kinds) > 3 else "")
        findings.append(Finding(path, first_line + number, None, "hidden-character",
                                f"正文里有看不见的字符 {named}，{_where(line, matches[0].start())}；发布时已删除",
                                "在编辑器里删除这些字符（把这段文字删掉后重新输入），以免它们被复制到别处",
                                Level.WARNING))
    if len(hidden_lines) > 10:
        findings.append(Finding(path, first_line + hidden_lines[10], None, "hidden-character",
                                f"正文里另有 {len(hidden_lines) - 10} 行也有看不见的字符；发布时已删除",
                                "检查这些行，把文字删掉后重新输入", Level.WARNING))
    return ("\n".join(lines), findings) if hidden_lines else (body, [])
