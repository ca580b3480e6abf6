"""The print document's parts: an article's body taken from its page, its addresses made absolute, the size
the issue page shows, and the site's own files the PDF may read."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthpress.render.printedition import PrintEdition, absolute_addresses, body_of_page, site_file, write_pdf


def test_the_body_is_the_whole_element_with_the_divs_inside_it():
    page = ('<html><body><article><div class="hp-article__body" id="hp-article-text">\n'
            '<p>第一段</p><div class="admonition"><p>提示</p><div>里面</div></div><p>最后</p>\n'
            '</div><div class="hp-article__tags">标签</div></article></body></html>').encode()
    assert body_of_page(page) == '<p>第一段</p><div class="admonition"><p>提示</p><div>里面</div></div><p>最后</p>'


@pytest.mark.parametrize("page", [b"<html><body><article><p>theme without the body element</p></article></body></html>",
                                  b'<div id="hp-article-text"><div><p>never closed</p></div>'])
def test_a_page_without_a_whole_body_element_gives_none(page):
    assert body_of_page(page) is None


def test_addresses_become_absolute_from_the_article_page():
    body = ('<p><a href="../other/">另一篇</a> <a href="#part">本页</a> <a href="https://www.gov.cn/">国务院</a>'
            '<img src="../../../images/a%20b.png?x=1&amp;y=2" alt="图"></p>')
    assert absolute_addresses(body, "https://site.gov.cn/health-weekly/2013/06/one/") == (
        '<p><a href="https://site.gov.cn/health-weekly/2013/06/other/">另一篇</a> <a href="#part">本页</a> '
        '<a href="https://www.gov.cn/">国务院</a>'
        '<img src="https://site.gov.cn/health-weekly/images/a%20b.png?x=1&amp;y=2" alt="图"></p>')


@pytest.mark.parametrize("size, shown", [(300, "1 KB"), (312 * 1024, "312 KB"), (int(1.44 * 1024 * 1024), "1.4 MB")])
def test_the_size_as_the_link_shows_it(size, shown):
    assert PrintEdition("w/issues/1/w-1.pdf", size).size_text == shown


def test_only_the_sites_own_files_are_read(tmp_path: Path):
    image = tmp_path / "图.png"
    sources = {"/health-weekly/images/图.png": image}
    site = "https://site.gov.cn/"
    assert site_file("https://site.gov.cn/health-weekly/images/%E5%9B%BE.png?v=2", site, sources) == image
    assert site_file("https://other.example.com/health-weekly/images/%E5%9B%BE.png", site, sources) is None
    assert site_file("file:///etc/passwd", site, sources) is None
    assert site_file("https://site.gov.cn/health-weekly/images/none.png", site, sources) is None


def test_a_pdf_is_made_without_copying_the_chinese_font_files():
    """WeasyPrint 70 copied each font's whole file (Noto CJK: 20–27 MB) for every PDF, only to replace the
    copy with its subset: printfonts reads a file only when WeasyPrint needs it whole."""
    import tracemalloc

    document = ('<html lang="zh-CN"><body style="font-family: \'Noto Serif CJK SC\'"><h1 style="font-weight: bold">'
                '健康周刊</h1><p>第1期：夏季防暑降温。</p></body></html>')
    write_pdf(document, "https://site.gov.cn/", {})  # WeasyPrint loaded and warm
    tracemalloc.start()
    try:
        pdf = write_pdf(document, "https://site.gov.cn/", {})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert pdf.startswith(b"%PDF-")
    assert peak < 12 * 1024 * 1024, f"{peak / 1024 / 1024:.1f} MB held while making one PDF"
