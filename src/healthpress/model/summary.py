"""The default summary of an article: the plain text of its first top-level paragraph of HTML."""

from __future__ import annotations

from html.parser import HTMLParser

SUMMARY_LIMIT = 120
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                       "track", "wbr"})


class FirstParagraph(HTMLParser):
    """Collects the text of the first <p> that is not inside another element and has any text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open_tags: list[str] = []
        self.in_paragraph = False
        self.parts: list[str] = []
        self.done = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "br" and self.in_paragraph:
            self.parts.append(" ")
        if tag in VOID_TAGS or self.done:
            return
        if tag == "p" and not self.open_tags:
            self.in_paragraph = True
        self.open_tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open_tags or self.done:
            return
        while self.open_tags and self.open_tags.pop() != tag:
            pass
        if tag == "p" and self.in_paragraph and not self.open_tags:
            self.in_paragraph = False
            if "".join(self.parts).strip():
                self.done = True
            else:
                self.parts.clear()

    def handle_data(self, data: str) -> None:
        if self.in_paragraph and not self.done:
            self.parts.append(data)

    def summary(self, limit: int = SUMMARY_LIMIT) -> str:
        text = " ".join("".join(self.parts).split())
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def summarize_html(html: str, limit: int = SUMMARY_LIMIT) -> str:
    """Plain text of the first paragraph, cut at `limit` characters with an ellipsis."""
    parser = FirstParagraph()
    parser.feed(html)
    parser.close()
    return parser.summary(limit)
