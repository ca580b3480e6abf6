"""Reading time counted by Chinese characters (a clause of Chinese is many words, not one)."""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_CJK_RUN = re.compile(CJK.pattern + "+")
LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:[.'’-][A-Za-z0-9]+)*")
CHARACTERS_PER_MINUTE = 400
"""Adult silent reading of Chinese: about 300-500 characters a minute; a latin word counts as one."""
UNREAD_TAGS = frozenset({"script", "style", "pre"})
"""Whose text is not read (code, not prose)."""


class ReadableText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in UNREAD_TAGS:
            self.skip += 1

    def handle_endtag(self, tag) -> None:
        if tag in UNREAD_TAGS and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)

    def characters(self) -> int:
        """Chinese characters plus latin words and numbers."""
        return readable_characters("".join(self.parts))


def readable_characters(text: str) -> int:
    """Chinese characters plus latin words and numbers (the characters counted by runs: one match a run)."""
    return sum(map(len, _CJK_RUN.findall(text))) + len(LATIN_WORD.findall(text))


def reading_minutes(characters: int) -> int:
    """Whole minutes, at least one."""
    return max(1, math.ceil(characters / CHARACTERS_PER_MINUTE))
