"""WeasyPrint reads a font's whole file only when it needs it, not for every font of every PDF.

WeasyPrint 70 copies the whole file of each font a document uses into Python bytes as it starts writing
the PDF (`weasyprint.pdf.fonts.Font.__init__`); when the font is subset (always, for the print editions)
that copy is replaced by the subset unread. For the Chinese fonts (Noto CJK collections of 20–27 MB)
the copy was about a tenth of each PDF's CPU time and most of its memory. `read_fonts_when_needed()`
makes `Font.file_content` read the file the first time it is asked for (a full font, a variable or
colour font, the fallback subsetter), from the same HarfBuzz face, so every PDF is the same bytes.
Another WeasyPrint version is left as it is (the cache key of a PDF holds the version).
"""

from __future__ import annotations

import sys

_LATER = object()
"""What `Font.__init__` is given instead of the file's bytes."""


def read_fonts_when_needed() -> None:
    """Install the deferred read into WeasyPrint 70 for this process (idempotent)."""
    import weasyprint
    from weasyprint.pdf import fonts  # imported where used: a site without periodicals never loads it

    if not weasyprint.__version__.startswith("70.") or isinstance(getattr(fonts.Font, "file_content", None), property):
        return
    read_face = fonts.get_hb_object_data
    font_start = fonts.Font.__init__.__code__

    def get_hb_object_data(hb_object, ot_color=None, glyph=None):
        if ot_color is None and glyph is None and sys._getframe(1).f_code is font_start:
            return _LATER
        return read_face(hb_object, ot_color, glyph)

    def file_content(font) -> bytes:
        content = font.__dict__.get("_hp_file_content", _LATER)
        if content is _LATER:
            content = font.__dict__["_hp_file_content"] = read_face(font.hb_face)
        return content

    def set_file_content(font, content) -> None:
        font.__dict__["_hp_file_content"] = content

    fonts.Font.file_content = property(file_content, set_file_content)
    fonts.get_hb_object_data = get_hb_object_data
