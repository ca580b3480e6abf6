"""Article images: lazy loading and intrinsic width and height (imagesize). Alt text is checked with the
links (links.py), where each image's place on the page is known."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path
from typing import Callable

import imagesize

IMG_TAG = re.compile(r"<img\b([^>]*?)(/?)>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')


def prepare_images(html: str, source_of: Callable[[str], Path | None]) -> str:
    """Add loading, decoding, width and height to every <img>.

    `html` is sanitizer output (attributes always double-quoted); `source_of(src)` finds the image
    file for a src, or None for an image on another site.
    """
    def rewrite(match: re.Match[str]) -> str:
        attributes = {name.lower(): value for name, value in ATTRIBUTE.findall(match.group(1))}
        src = html_lib.unescape(attributes.get("src", ""))
        attributes.setdefault("loading", "lazy")
        attributes.setdefault("decoding", "async")
        if "width" not in attributes and "height" not in attributes:
            size = _size_of(source_of(src))
            if size:
                attributes["width"], attributes["height"] = (str(n) for n in size)
        rendered = " ".join(f'{name}="{value}"' if value is not None else name for name, value in attributes.items())
        return f"<img {rendered}>"

    return IMG_TAG.sub(rewrite, html)


def _size_of(path: Path | None) -> tuple[int, int] | None:
    if path is None or not path.is_file():
        return None
    try:
        width, height = imagesize.get(str(path))
    except (OSError, ValueError):
        return None
    return (round(width), round(height)) if width > 0 and height > 0 else None
