"""A QR code of an article's address, made at build time as inline SVG (segno; no network)."""

from __future__ import annotations

import segno

QR_MASK = 0
"""Any of the eight masks makes a valid code; choosing the 'best' one costs segno 4 ms an article."""


def render_qr_svg(url: str, label: str = "用手机扫码阅读本文") -> str:
    """An inline <svg> QR code of `url`, sized by CSS, with an accessible name."""
    code = segno.make(url, error="m", micro=False, mask=QR_MASK)
    svg = code.svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=True, svgclass="hp-qr__code",
                          title=label, svgid=None)
    return svg.replace("<svg ", '<svg role="img" aria-label="' + label + '" ', 1)
