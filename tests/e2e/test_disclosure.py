"""The 政府信息公开目录 and 指南 in chromium with JavaScript off, as nginx serves them: reached from the
footer, sorted and paged by links alone, and printed (print media) without the site's chrome."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

try:
    from playwright.sync_api import Page, expect
except ImportError:  # collect anyway: the browser fixture fails every test here saying what to install
    Page, expect = object, None

from .conftest import CATALOGUE_PAGE_SIZE


def natural(text: str) -> tuple:
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part)


def column(page: Page, label: str) -> list[str]:
    """The cells of one column of the catalogue table on this page, found by its heading."""
    texts = page.locator("table.hp-catalogue thead th").evaluate_all("ths => ths.map(th => th.textContent)")
    headings = [" ".join(h.split()).split("（")[0].rstrip("▲▼⇅ ") for h in texts]
    position = headings.index(label)
    return [row.locator("td").nth(position).inner_text().strip()
            for row in page.locator("table.hp-catalogue tbody tr").all()]


def every_page(page: Page, label: str) -> list[str]:
    """`label`'s cells over every page of the current order, moving on by the pager's 下一页 link."""
    cells, pages = column(page, label), 1
    assert len(cells) == CATALOGUE_PAGE_SIZE, "a full first page"
    pager = page.get_by_role("navigation", name="分页")
    while pager.get_by_role("link", name="下一页").count():
        pager.get_by_role("link", name="下一页").click()
        page.wait_for_load_state()
        pages += 1
        assert len(column(page, label)) <= CATALOGUE_PAGE_SIZE
        cells += column(page, label)
    assert pages > 1, "the test copy's catalogue has several pages"
    return cells


def total_stated(page: Page) -> int:
    return int(re.search(r"共 (\d+) 件", page.locator(".hp-listing .hp-lead").first.inner_text()).group(1))


def test_the_catalogue_sorts_and_pages_with_javascript_off(open_page):
    page = open_page("desktop", javascript=False)
    page.goto("/")
    assert "no-js" in page.locator("html").get_attribute("class"), "the page's scripts did not run"
    page.locator(".hp-footer__links").get_by_role("link", name="政府信息公开目录").click()
    page.wait_for_url("**/disclosure/catalogue/")
    expect(page.get_by_role("heading", level=1)).to_have_text("政府信息公开目录")
    total = total_stated(page)

    numbers = every_page(page, "索引号")
    assert len(numbers) == total and len(set(numbers)) == total
    assert numbers == sorted(numbers, key=natural)

    page.get_by_role("navigation", name="分页").get_by_role("link", name="1", exact=True).click()
    page.locator("table.hp-catalogue thead").get_by_role("link", name=re.compile("^发文日期")).click()
    page.wait_for_url("**/disclosure/catalogue/date-desc/")
    expect(page.locator('table.hp-catalogue th[aria-sort="descending"]')).to_contain_text("发文日期")
    dates = every_page(page, "发文日期")
    assert len(dates) == total and dates == sorted(dates, reverse=True)

    page.goto("/disclosure/catalogue/date-desc/")
    page.locator("table.hp-catalogue thead").get_by_role("link", name=re.compile("^发文日期")).click()
    page.wait_for_url("**/disclosure/catalogue/date-asc/")
    assert column(page, "发文日期") == sorted(dates)[:CATALOGUE_PAGE_SIZE]

    title = page.locator("table.hp-catalogue td.hp-catalogue__title a").first
    name = title.inner_text().strip()
    title.click()
    assert re.fullmatch(r"/[a-z0-9-]+/\d{4}/\d{2}/[a-z0-9-]+/", urlsplit(page.url).path)
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_the_guide_is_reached_from_the_footer_and_links_to_the_catalogue(open_page):
    page = open_page("phone", javascript=False)
    page.goto("/")
    page.locator(".hp-footer__links").get_by_role("link", name="政府信息公开指南").click()
    page.wait_for_url("**/disclosure/guide/")
    for heading in ("一、主动公开的范围", "二、依申请公开的办理", "三、办理机构", "四、收费", "五、监督和救济"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    page.locator(".hp-guide").get_by_role("link", name="政府信息公开目录").click()
    page.wait_for_url("**/disclosure/catalogue/")


def test_both_pages_print_the_content_without_the_site_chrome(open_page):
    page = open_page("desktop")
    for path, content in (("/disclosure/catalogue/", "table.hp-catalogue"), ("/disclosure/guide/", ".hp-guide")):
        page.goto(path)
        page.emulate_media(media="print")
        expect(page.locator(content)).to_be_visible()
        for chrome in (".md-header", ".md-footer", ".hp-crumbs", ".hp-pager"):
            if page.locator(chrome).count():
                expect(page.locator(chrome).first).to_be_hidden()
        if content == "table.hp-catalogue":  # the whole table on the paper: no scroll frame cuts it
            widths = page.evaluate("""() => { const t = document.querySelector('table.hp-catalogue');
                return [t.scrollWidth, t.parentElement.clientWidth]; }""")
            assert widths[0] <= widths[1] + 1, widths
        assert page.pdf(format="A4")[:4] == b"%PDF"
        page.emulate_media(media="screen")
