"""The article QR code: the SVG drawn from the module matrix reads back as the article's address."""

from __future__ import annotations

import re

import zxingcpp

from healthpress.render.sharing import QUIET_ZONE, render_qr_svg

URL = "https://www.example.gov.cn/medical-reform/2019/03/ji-ben-yao-wu-zhi-00445/"


def _pixels_of(svg: str, scale: int = 4) -> tuple[bytes, int]:
    """Rasterise the code's strokes (M x y.5 h length) back into a grey image, white around it."""
    size = int(re.search(r'd="M0 0h(\d+)v', svg).group(1))
    grid = [[255] * size for _ in range(size)]
    strokes = re.search(r'class="qrline" stroke="#000" d="([^"]+)"', svg).group(1)
    for x, y, length in re.findall(r"M(\d+) (\d+)\.5h(\d+)", strokes):
        for column in range(int(x), int(x) + int(length)):
            grid[int(y)][column] = 0
    margin = 8
    width = (size + 2 * margin) * scale
    rows = [bytes([255]) * width] * (margin * scale)
    for line in grid:
        wide = bytes(value for value in [255] * margin + line + [255] * margin for _ in range(scale))
        rows += [wide] * scale
    rows += [bytes([255]) * width] * (margin * scale)
    return b"".join(rows), width


def test_the_svg_reads_back_as_the_address():
    svg = render_qr_svg(URL)
    pixels, width = _pixels_of(svg)
    image = zxingcpp.ImageView(memoryview(pixels), width, len(pixels) // width, zxingcpp.ImageFormat.Lum)
    found = zxingcpp.read_barcode(image)
    assert found is not None and found.text == URL and found.format == zxingcpp.BarcodeFormat.QRCode
    assert found.ec_level == "M"


def test_the_svg_is_named_for_screen_readers_and_sized_by_css():
    svg = render_qr_svg(URL, label="扫码阅读")
    assert svg.startswith('<svg role="img" aria-label="扫码阅读" viewBox="0 0 ')
    assert "<title>扫码阅读</title>" in svg and "width=" not in svg and "height=" not in svg
    assert f'd="M{QUIET_ZONE} {QUIET_ZONE}.5h7' in svg  # the finder pattern's top row, inside the quiet zone
