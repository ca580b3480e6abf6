"""How the pages lay out for a reader in chromium: the statistics table on a phone, the chrome's Chinese
labels at 320 and 390 px (never one character a line), links in running text told apart by more than
colour. Screenshots go to test-artifacts/screenshots/ for a person to look at."""

from __future__ import annotations

import re

import pytest

from .conftest import SCREENSHOTS

NARROW_PHONES = [320, 390]
ARTICLE_WITH_LINKS = "/health-weekly/2013/06/jiankang-zhoukan-chuangkan/"
"""An example article whose body links to other articles."""


def open_at_width(open_page, width: int, path: str):
    """A phone page (390 x 844, touch) narrowed to `width`, at `path`."""
    page = open_page("phone")
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(path)
    return page


# ---- the statistics page ------------------------------------------------------------------------

STATS_CELLS = """table => [...table.querySelectorAll('th, td')].map(cell => {
    const style = getComputedStyle(cell), box = cell.getBoundingClientRect();
    const lineHeight = parseFloat(style.lineHeight);
    const range = document.createRange(); range.selectNodeContents(cell);
    const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
    return {text: cell.innerText.trim(), width: box.width, lines, lineHeight, fontSize: parseFloat(style.fontSize)};
})"""


@pytest.mark.parametrize("width", NARROW_PHONES)
def test_statistics_read_on_a_phone_a_sideways_table_with_its_unit_column_fixed(open_page, artifacts, width):
    page = open_at_width(open_page, width, "/stats/")
    table = page.locator("table.hp-stats")
    cells = table.evaluate(STATS_CELLS)
    rows = table.locator("tbody tr").count()
    wrapped = [c["text"] for c in cells if c["text"] and c["lines"] > 1]
    assert not wrapped, f"at {width} px these cells break over lines: {wrapped[:8]}"
    narrow = [c["text"] for c in cells if c["width"] < 2 * c["fontSize"]]
    assert not narrow, f"at {width} px cells narrower than two characters: {narrow[:8]}"
    height = page.evaluate("document.documentElement.scrollHeight")
    row_height = max(c["lineHeight"] for c in cells) * 1.6  # a line and its padding
    assert height < 1500 + rows * row_height, f"/stats/ is {height} px tall at {width} px for {rows} rows"
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page itself scrolls sideways"

    frame = page.locator(".hp-stats-scroll")
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth"), "the table does not scroll inside its frame"
    first = table.locator("tbody tr").first.locator("th")
    number = table.locator("tbody tr").first.locator("td").nth(3)
    before = (first.bounding_box()["x"], number.bounding_box()["x"])
    page.screenshot(path=str(SCREENSHOTS / f"stats-phone-{width}.png"))
    frame.evaluate("f => { f.scrollLeft = 200; }")
    page.wait_for_function("document.querySelector('.hp-stats-scroll').scrollLeft > 0")
    frame.scroll_into_view_if_needed()
    after = (first.bounding_box()["x"], number.bounding_box()["x"])
    assert abs(after[0] - before[0]) < 1, "the unit column scrolled away with the numbers"
    assert after[1] < before[1] - 100, "the numbers did not scroll"
    page.screenshot(path=str(SCREENSHOTS / f"stats-phone-{width}-scrolled.png"))


def test_statistics_open_on_the_newest_year_with_articles(open_page, example_site):
    page = open_page("phone")
    page.goto("/stats/")
    caption = page.locator("table.hp-stats caption").inner_text()
    year = int(re.match(r"(\d{4})年", caption).group(1))
    newest = max(int(p.parts[-4]) for p in example_site.root.glob("*/[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"))
    assert year == newest, f"/stats/ opens on {year}, the newest articles are of {newest}"
    total = page.locator("table.hp-stats tbody tr").last
    assert total.locator("th").inner_text() == "合计" and int(total.locator("td").last.inner_text()) > 0
    assert page.locator(".hp-stats__total").inner_text().startswith(f"{year}年共发布")
    shown = page.locator("table.hp-stats td:not(.hp-stats__zero)")
    assert shown.count() > 0 and all(int(t) > 0 for t in shown.all_inner_texts()), "a zero not marked as one"


def test_statistics_on_a_desktop_have_cell_borders(open_page):
    page = open_page("desktop")
    page.goto("/stats/")
    cell = page.locator("table.hp-stats tbody td").first
    style = cell.evaluate("c => { const s = getComputedStyle(c); return [s.borderTopStyle, s.borderTopWidth, s.borderRightStyle]; }")
    assert style[0] == "solid" and float(style[1].removesuffix("px")) >= 1 and style[2] == "solid", style
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.screenshot(path=str(SCREENSHOTS / "stats-desktop.png"), full_page=True)


# ---- the chrome's labels ------------------------------------------------------------------------

CHROME = ("footer a, footer .hp-footer__item, footer .hp-footer__ids > *, .md-header a, .md-header button, "
          ".md-tabs a, .hp-crumbs a, .hp-crumbs span, table th, .md-typeset dl.hp-meta dt, .md-typeset dl.hp-meta dd")

LINES_OF_LABELS = """selector => [...document.querySelectorAll(selector)].filter(e => e.offsetParent !== null).map(element => {
    const lines = new Map();
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.data.length; i++) {
            if (!node.data[i].trim()) continue;
            const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
            const rect = range.getBoundingClientRect();
            if (!rect.width) continue;
            const top = Math.round(rect.top / 4);
            lines.set(top, (lines.get(top) || '') + node.data[i]);
        }
    }
    return {text: element.innerText.trim(), lines: [...lines.values()]};
})"""


@pytest.mark.parametrize("width", NARROW_PHONES)
@pytest.mark.parametrize("name", ["home", "article", "archive", "stats"])
def test_no_label_of_the_chrome_breaks_one_character_a_line(open_page, sample_pages, width, name):
    page = open_at_width(open_page, width, "/stats/" if name == "stats" else sample_pages[name])
    labels = page.evaluate(LINES_OF_LABELS, CHROME)
    assert labels, "no chrome found"
    broken = [(label["text"], label["lines"]) for label in labels
              if len("".join(label["lines"])) > 1 and any(len(line) < 2 for line in label["lines"])]
    assert not broken, f"{name} at {width} px: labels broken a character a line: {broken[:6]}"


@pytest.mark.parametrize("width", NARROW_PHONES)
def test_each_footer_link_is_on_one_line(open_page, width):
    page = open_at_width(open_page, width, "/")
    links = page.locator("footer a").evaluate_all("""links => links.map(a => ({text: a.innerText,
        height: a.getBoundingClientRect().height, line: parseFloat(getComputedStyle(a).lineHeight)}))""")
    assert len(links) >= 5
    tall = [link["text"] for link in links if link["height"] > 1.5 * link["line"]]
    assert not tall, f"at {width} px these footer links take more than one line: {tall}"
    page.locator("footer").screenshot(path=str(SCREENSHOTS / f"footer-phone-{width}.png"))


# ---- links in running text ----------------------------------------------------------------------

RUNNING_TEXT_LINKS = [(ARTICLE_WITH_LINKS, ".hp-article__body a"), ("/stats/", ".hp-listing__links a"),
                      (ARTICLE_WITH_LINKS, ".hp-crumbs a")]


@pytest.mark.parametrize("path,selector", RUNNING_TEXT_LINKS)
def test_links_in_running_text_are_underlined(open_page, path, selector):
    page = open_page("desktop")
    page.goto(path)
    links = page.locator(selector).evaluate_all("links => links.map(a => [a.innerText, getComputedStyle(a).textDecorationLine])")
    assert links, f"no {selector} on {path}"
    plain = [text for text, line in links if "underline" not in line]
    assert not plain, f"links on {path} told apart by colour alone: {plain}"


# ---- the reading aids at every font step ----------------------------------------------------------

AID_WIDTHS = [360, 375, 390, 414, 600]
"""Common phones, and a small tablet (where the header keeps its page title)."""
AIDS = "#hp-font-smaller, #hp-font-larger, #hp-contrast-toggle, #hp-elder-toggle, #hp-search-input, .hp-search__button"
OUTSIDE = """selector => { const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll(selector)].map(e => [e.id || e.className, e.getBoundingClientRect()])
        .filter(([, box]) => box.left < 0 || box.right > width + 0.5)
        .map(([name, box]) => `${name} ${Math.round(box.left)}–${Math.round(box.right)}`); }"""


@pytest.mark.parametrize("mode", ["normal", "elder"])
@pytest.mark.parametrize("width", AID_WIDTHS)
@pytest.mark.parametrize("name", ["home", "article", "search"])
def test_every_reading_aid_stays_on_the_screen(open_page, sample_pages, artifacts, name, width, mode):
    """At each A+ step (and in 长者模式 too) the page never scrolls sideways and every reading aid and the
    search box stay inside the screen, where a finger can reach them (a 390 px phone once had 长者模式
    at 377–422 px after one A+)."""
    page = open_at_width(open_page, width, sample_pages[name])
    if mode == "elder":
        page.locator("#hp-elder-toggle").click()
    for step in range(4):
        if step:
            page.locator("#hp-font-larger").click()
            page.wait_for_function(f"document.documentElement.dataset.hpFontSize === '{step}'")
        scroll = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        outside = page.evaluate(OUTSIDE, AIDS)
        if outside or scroll[0] > scroll[1]:
            page.screenshot(path=str(SCREENSHOTS / f"aids-{name}-{width}-{mode}-{step}.png"))
        assert not outside, f"{name} at {width} px, {mode}, A+ × {step}: past the screen's edge: {outside}"
        assert scroll[0] <= scroll[1], f"{name} at {width} px, {mode}, A+ × {step}: the page is {scroll[0]} px wide"
