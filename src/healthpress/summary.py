"""The default summary of an article: the plain text of its first paragraph of rendered HTML."""

from __future__ import annotations

from html.parser import HTMLParser

SUMMARY_LIMIT = 120


class _FirstParagraph(HTMLParser):
    """Collects the text of the first top-level <p> that has any text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.done = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "p" and not self.done:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.depth:
            self.depth -= 1
            if "".join(self.parts).strip():
                self.done = True
            else:
                self.parts.clear()

    def handle_data(self, data: str) -> None:
        if self.depth and not self.done:
            self.parts.append(data)


def summarize_html(html: str, limit: int = SUMMARY_LIMIT) -> str:
    """Plain text of the first paragraph, cut at `limit` characters with an ellipsis."""
    parser = _FirstParagraph()
    parser.feed(html)
    parser.close()
    text = " ".join("".join(parser.parts).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
