"""A smaller copy of the print template's Chinese faces, which WeasyPrint sets the text in first.

WeasyPrint subsets every font a PDF uses, keeping glyph ids, so its work grows with the whole face: a
Noto CJK face has 65,535 glyphs. A copy cut to a fixed character set (`character_set`: GB 2312, ASCII,
Latin-1, general and CJK punctuation, full-width forms, and every character of the print template) has
some 12,700 (with the forms its layout tables reach) and makes each PDF about 40% cheaper and half the size.
The set is fixed, so a new character in one article changes no other issue's PDF. HarfBuzz's subsetter
(`uharfbuzz`) cuts a face in about 0.2 s (`cut`); the build keeps the cut faces in its cache
(build/printfontcache.py). The template names the cut faces' family `CUT_FAMILY` first in its
`font-family` list, the system's after it: a character outside the set (a rare name) is set in the
system face. Without uharfbuzz, or on WeasyPrint other than 70, nothing is cut and the PDFs are set in
the system faces as before.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
from xml.etree.ElementTree import Element, SubElement, tostring

CUT_FAMILY = "Healthpress Print Serif"
"""The family fontconfig gives the cut faces, as the print template names it."""

_FIXED_RANGES = ((0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF))
"""ASCII, Latin-1, general punctuation, CJK symbols and punctuation, half- and full-width forms."""


@functools.cache
def _gb2312() -> frozenset[int]:
    """Every character of GB 2312 (its symbols and its level 1 and 2 hanzi)."""
    found = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return frozenset(found)


def character_set(template_source: str) -> frozenset[int]:
    """The characters the cut faces keep: the fixed set and every character of the print template."""
    fixed = {code for start, end in _FIXED_RANGES for code in range(start, end + 1)}
    return frozenset(_gb2312() | fixed | {ord(c) for c in template_source if not c.isspace() or c == "\u3000"})


def set_digest(characters: frozenset[int]) -> str:
    """A short digest of a character set, for the cut face's name."""
    return hashlib.blake2b(",".join(map(str, sorted(characters))).encode(), digest_size=10).hexdigest()


def cutter_version() -> str | None:
    """uharfbuzz's version, or None when it is not installed (nothing is cut)."""
    try:
        return importlib.metadata.version("uharfbuzz")
    except importlib.metadata.PackageNotFoundError:
        return None


def cut(path: str, index: int, characters: frozenset[int]) -> bytes | None:
    """Face `index` of the font file `path` cut to `characters` (an OpenType font), or None when it
    cannot be cut (no uharfbuzz, an unreadable or unknown file)."""
    try:
        import uharfbuzz
    except ImportError:
        return None
    try:
        face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(path), index)
        if face.glyph_count == 0:
            return None
        wanted = uharfbuzz.SubsetInput()
        wanted.unicode_set.update(characters)
        data = uharfbuzz.subset(face, wanted).blob.data
    except Exception:  # noqa: BLE001 - whatever HarfBuzz refuses, the system face is used instead
        return None
    return bytes(data) if data else None


@functools.lru_cache(maxsize=2)
def font_configuration(files: tuple[str, ...]):
    """WeasyPrint's font configuration (one a process, reused by every PDF) with the cut faces in `files`
    added under `CUT_FAMILY` beside the system's; None on a WeasyPrint other than 70, whose internals
    this uses (fontconfig's application fonts, read where they are, as its own @font-face does)."""
    import weasyprint
    if not files or not weasyprint.__version__.startswith("70."):
        return None
    from weasyprint.text.ffi import ffi, fontconfig, pangoft2
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    root = Element("fontconfig")
    for file in files:
        match = SubElement(root, "match", target="scan")
        test = SubElement(match, "test", name="file", compare="eq")
        SubElement(test, "string").text = file
        edit = SubElement(match, "edit", name="family", mode="prepend")
        SubElement(edit, "string").text = CUT_FAMILY
    xml = b'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n' + tostring(root)
    if not fontconfig.FcConfigParseAndLoadFromMemory(config._config, xml, True):
        return None
    for file in files:
        if not fontconfig.FcConfigAppFontAddFile(config._config, file.encode()):
            return None
    pangoft2.pango_fc_font_map_config_changed(ffi.cast("PangoFcFontMap *", config.font_map))
    return config
