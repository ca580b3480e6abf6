"""Whether an article's body shows a reader anything: text, an image, a link, a table (pure).

A body of white space, HTML comments, empty headings (`##`), rules (`---`), bare list or quote markers,
`&nbsp;` and tags that wrap nothing (`<p></p>`, `<br>`) is empty: the page would show a title and
nothing under it. An image alone (`![图](a.jpg)`, `<img>`) or an attachment link alone is not.
"""

from __future__ import annotations

import re

from healthpress.model.findings import Finding

COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
"""An HTML comment, or one never closed (it hides the rest of the file just the same)."""
BLANK_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|thinsp|#160|#x[aA]0|#12288|#x3000);")
"""Entities that only make space."""
MARKERS_ONLY = re.compile(r"^(?:[>#*+\-_=|:\s]|\d+[.)])*$")
"""What is left of a line of nothing but Markdown markup: empty headings, rules, list and quote markers,
an empty table row, a setext underline."""
TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)\b[^>]*>")
VISIBLE_TAGS = frozenset({"img", "picture", "svg", "video", "audio", "iframe", "object", "embed", "canvas", "input",
                          "select", "textarea", "button", "hr", "meter", "progress", "math"})
"""Elements a reader sees with no text inside (an <a> shows nothing without text, so it is not here)."""


def is_empty_body(body: str) -> bool:
    """True when `body` (Markdown, with HTML) has nothing a reader can see."""
    if "<!--" in body:
        body = COMMENT.sub("", body)
    for line in body.splitlines():
        text = line.strip()
        if not text or MARKERS_ONLY.match(text):
            continue
        if "&" in text:
            text = BLANK_ENTITY.sub("", text)
        if "<" in text:
            if any(tag.lower() in VISIBLE_TAGS for tag in TAG.findall(text)):
                return False
            text = TAG.sub("", text)
        if not MARKERS_ONLY.match(text.strip()):
            return False
    return True


def empty_body_finding(path: str, body_line: int, column: str) -> Finding:
    """The error for an empty body, at the line after the front matter; `column` is the column's id."""
    return Finding(path, body_line, None, "empty-body",
                   "正文是空的：文件头下面没有任何文字、图片或附件，读者打开只能看到标题",
                   f"在文件头结束的 --- 下面写正文；这个栏目确实只需要标题时，在 columns/{column}.yml 里写"
                   " allow_empty_body: true")
