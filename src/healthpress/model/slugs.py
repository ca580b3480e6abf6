"""ASCII slugs for URLs: the file name when it is ASCII, otherwise its pinyin (pypinyin)."""

from __future__ import annotations

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; Chinese characters become pinyin syllables."""
    text = unicodedata.normalize("NFKC", text)
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: [chars])
    words = [_NOT_SLUG.sub("-", part.lower()).strip("-") for part in syllables]
    return "-".join(word for word in words if word)


def is_valid_slug(slug: str) -> bool:
    """True for slugs made of lower-case ASCII letters, digits and single hyphens."""
    return bool(SLUG_PATTERN.fullmatch(slug))
