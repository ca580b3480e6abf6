"""A reader in chromium, on the site as nginx serves it: walking the site, searching, the keyboard
alone, the reading tools, and screenshots at a phone and a desktop size."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

try:
    from playwright.sync_api import Page, expect
except ImportError:  # collect anyway: the browser fixture fails every test here saying what to install
    Page, expect = object, None

from .conftest import (EDITED_ARTICLE, PAGED_COLUMN, PAGED_COLUMN_TITLE, SCREENSHOTS, SEARCH_TERM,
                       focus_by_tab, wait_for_search_results)

ARTICLE_PATH = re.compile(r"^/([a-z0-9-]+)/(\d{4})/(\d{2})/([a-z0-9-]+)/$")


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def links_in_content(page: Page) -> list[dict]:
    """The links of the main content: text, href as written, absolute path."""
    return page.locator(".md-content a[href]").evaluate_all(
        """links => links.filter(a => a.offsetParent !== null).map(a => ({
               text: a.innerText.trim(), href: a.getAttribute('href'), path: new URL(a.href).pathname}))""")


def open_link(page: Page, link: dict) -> None:
    page.locator(f'.md-content a[href="{link["href"]}"]').first.click()
    page.wait_for_url(lambda url: urlsplit(url).path == link["path"])


def first_article_link(page: Page, **parts: str) -> dict:
    """The first visible link to an article, optionally in a given column/year/month."""
    for link in links_in_content(page):
        match = ARTICLE_PATH.match(link["path"])
        if match and all(match.group(i) == parts[name] for i, name in enumerate(("column", "year", "month"), 1)
                         if name in parts):
            return link
    raise AssertionError(f"no article link {parts or ''} on {path_of(page)}")


def h1(page: Page):
    return page.get_by_role("heading", level=1)


def assert_article(page: Page, title: str) -> None:
    assert ARTICLE_PATH.match(path_of(page)), path_of(page)
    expect(h1(page)).to_have_text(title)
    expect(h1(page)).to_be_visible()


# ---- walking the site -------------------------------------------------------------------------

def test_walk_home_column_page_two_article_archive_year_month_article(open_page):
    page = open_page("desktop")
    page.goto("/")
    expect(page).to_have_title(re.compile("市卫生健康宣传网"))
    expect(page.get_by_role("heading", name="最新动态")).to_be_visible()

    page.get_by_role("navigation", name="标签").get_by_role("link", name=PAGED_COLUMN_TITLE, exact=True).click()
    page.wait_for_url(f"**/{PAGED_COLUMN}/")
    expect(h1(page)).to_have_text(PAGED_COLUMN_TITLE)

    page.get_by_role("navigation", name="分页").get_by_role("link", name="2", exact=True).click()
    page.wait_for_url(f"**/{PAGED_COLUMN}/page/2/")
    expect(h1(page)).to_contain_text(PAGED_COLUMN_TITLE)
    expect(h1(page)).to_contain_text("2")

    article = first_article_link(page, column=PAGED_COLUMN)
    open_link(page, article)
    assert_article(page, article["text"])

    page.get_by_role("navigation", name="标签").get_by_role("link", name="归档", exact=True).click()
    page.wait_for_url("**/archive/")
    expect(h1(page)).to_have_text("归档")

    year = next(link for link in links_in_content(page) if re.fullmatch(r"\d{4}年", link["text"]))
    open_link(page, year)
    assert re.fullmatch(r"/archive/\d{4}/", path_of(page)), path_of(page)
    expect(h1(page)).to_contain_text(year["text"])

    month = next(link for link in links_in_content(page) if re.fullmatch(r"/archive/\d{4}/\d{2}/", link["path"]))
    open_link(page, month)
    _, _, y, m, _ = path_of(page).split("/")
    expect(h1(page)).to_have_text(f"{y}年{int(m)}月")

    article = first_article_link(page, year=y, month=m)
    open_link(page, article)
    assert_article(page, article["text"])
    assert not page.hp_page_errors, page.hp_page_errors


def search_from_the_header(page: Page) -> None:
    """Type the term into the header's search box and press Enter: the search page for it."""
    box = page.locator("form#hp-search input[name=q]")
    expect(box).to_have_attribute("type", "search")
    expect(page.get_by_role("searchbox", name="搜索")).to_be_visible()
    box.fill(SEARCH_TERM)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert path_of(page) == "/search/"
    assert parse_qs(urlsplit(page.url).query)["q"] == [SEARCH_TERM]


def test_the_header_search_form_goes_to_the_search_page(open_page):
    page = open_page("desktop")
    page.goto(f"/{PAGED_COLUMN}/")
    search_from_the_header(page)
    expect(h1(page)).to_be_visible()
    assert not page.hp_page_errors, page.hp_page_errors


def test_search_a_chinese_term_and_open_a_result(open_page, server):
    page = open_page("desktop")
    page.goto("/")
    search_from_the_header(page)
    wait_for_search_results(page, server)
    results = page.locator(".hp-search-results a")
    results.first.click()
    page.wait_for_url(lambda url: ARTICLE_PATH.match(urlsplit(url).path) is not None)
    expect(h1(page)).to_be_visible()
    expect(page.locator(".md-content")).to_contain_text(SEARCH_TERM)
    assert not page.hp_page_errors, page.hp_page_errors


# ---- the keyboard alone -----------------------------------------------------------------------

def test_keyboard_alone_reaches_a_column_tab_and_opens_it(open_page):
    page = open_page("desktop")
    page.goto("/")
    tab = page.get_by_role("navigation", name="标签").get_by_role("link", name="健康周刊", exact=True)
    focus_by_tab(page, tab)
    expect(tab).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/health-weekly/")
    expect(h1(page)).to_have_text("健康周刊")


def test_keyboard_alone_reaches_the_search_box_and_searches(open_page):
    page = open_page("desktop")
    page.goto("/")
    box = page.get_by_role("searchbox", name="搜索")
    focus_by_tab(page, box)
    expect(box).to_be_focused()
    page.keyboard.type(SEARCH_TERM)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert parse_qs(urlsplit(page.url).query)["q"] == [SEARCH_TERM]


# ---- reading tools ----------------------------------------------------------------------------

def root_state(page: Page) -> dict:
    return page.evaluate("""() => ({
        size: document.documentElement.getAttribute('data-hp-font-size'),
        contrast: document.documentElement.getAttribute('data-hp-contrast'),
        storedSize: localStorage.getItem('hp-font-size'),
        storedContrast: localStorage.getItem('hp-contrast'),
        fontPx: parseFloat(getComputedStyle(document.querySelector('.md-content .md-typeset') ||
                                            document.body).fontSize),
        colors: (s => s.color + ' on ' + s.backgroundColor)(getComputedStyle(document.body)) })""")


def test_font_size_buttons_change_the_text_and_persist_across_pages(open_page):
    page = open_page("desktop")
    page.goto(f"/{PAGED_COLUMN}/")
    larger, smaller = page.locator("#hp-font-larger"), page.locator("#hp-font-smaller")
    expect(larger).to_be_visible()
    for _ in range(4):  # down to the smallest step
        if root_state(page)["size"] == "0" or not smaller.is_enabled():
            break
        smaller.click()
    smallest = root_state(page)
    assert smallest["size"] == "0", smallest
    larger.click()
    bigger = root_state(page)
    assert bigger["size"] == "1" and bigger["storedSize"] == "1", bigger
    assert bigger["fontPx"] > smallest["fontPx"], (smallest, bigger)
    for _ in range(4):
        if root_state(page)["size"] == "3" or not larger.is_enabled():
            break
        larger.click()
    assert root_state(page)["size"] == "3"

    page.goto("/archive/")  # another page keeps the choice
    kept = root_state(page)
    assert kept["size"] == "3" and kept["storedSize"] == "3", kept
    assert kept["fontPx"] > smallest["fontPx"]
    smaller.click()
    assert root_state(page)["size"] == "2"


def test_contrast_toggle_changes_the_colours_and_persists_across_pages(open_page):
    page = open_page("desktop")
    page.goto("/")
    toggle = page.locator("#hp-contrast-toggle")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    before = root_state(page)
    assert before["contrast"] != "on", before
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    on = root_state(page)
    assert on["contrast"] == "on" and on["storedContrast"], on
    assert on["colors"] != before["colors"], "the contrast mode does not change the page's colours"

    page.goto(f"/{PAGED_COLUMN}/")
    expect(page.locator("#hp-contrast-toggle")).to_have_attribute("aria-pressed", "true")
    assert root_state(page)["contrast"] == "on"
    page.locator("#hp-contrast-toggle").click()
    expect(page.locator("#hp-contrast-toggle")).to_have_attribute("aria-pressed", "false")
    page.goto("/")
    assert root_state(page)["contrast"] != "on"


# ---- screenshots ------------------------------------------------------------------------------

SHOTS = ["home", "column", "article", "archive", "search"]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("name", SHOTS)
def test_screenshot(open_page, server, sample_pages, artifacts, name, viewport):
    page = open_page(viewport)
    response = page.goto(sample_pages[name], wait_until="networkidle")
    waiting = None
    if name == "search":
        try:
            wait_for_search_results(page, server)
        except Exception as error:  # the screenshot is taken all the same: it shows what went wrong
            waiting = error
    path = SCREENSHOTS / f"{viewport}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert response.status == 200, f"{sample_pages[name]} answered {response.status} (screenshot: {path})"
    if waiting:
        raise waiting
    heading = page.get_by_role("heading", name="最新动态") if name == "home" else h1(page)
    expect(heading).to_be_visible()
    assert path.stat().st_size > 10_000


def test_search_after_an_edit_finds_the_new_text_and_not_the_old(open_page, server, example_site):
    """The rebuild indexes the edited article's shard again, whole, as a build from nothing would (a build
    publishes no search patch): its old word is gone from the results, its new word finds it, once."""
    manifest = json.loads((example_site.root / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert not [shard for shard in manifest["shards"] if shard.get("patch")], manifest
    assert not list((example_site.root / "pagefind").glob("*.patch")), "a build published a search patch"
    slug = EDITED_ARTICLE.rsplit("/", 1)[1].removesuffix(".md")
    [edited_url] = [url for url in example_site.article_urls() if url.endswith(f"/{slug}/")]
    page = open_page("desktop")
    for word, expected in (("呛咳", []), ("热射病", [edited_url])):
        page.goto(f"/search/?q={word}")
        expect(page.locator(".hp-search-status")).not_to_contain_text("正在", timeout=15_000)
        links = page.locator(".hp-search-results a").evaluate_all("links => links.map(a => a.pathname)")
        assert links == expected, (word, links)
        status = page.locator(".hp-search-status").inner_text()
        assert ("找到 1 篇" in status) if expected else ("没有找到" in status), status
    assert not page.hp_page_errors, page.hp_page_errors


def test_search_merges_every_shard_of_the_index(open_page, server, example_site):
    """Results come from the newest shard and the oldest alike, each link to a real article."""
    manifest = json.loads((example_site.root / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert len(manifest["shards"]) >= 4, manifest
    page = open_page("desktop")
    page.goto(f"/search/?q={SEARCH_TERM}")
    wait_for_search_results(page, server)
    expect(page.locator(".hp-search-status")).not_to_contain_text("正在检索更早的文章")
    links = page.locator(".hp-search-results a").evaluate_all("links => links.map(a => a.pathname)")
    assert len(links) >= 3 and len(set(links)) == len(links)
    for link in links:
        assert SEARCH_TERM in example_site.html(link).read_text(encoding="utf-8"), link
    years = {link.split("/")[2] for link in links}
    assert len(years) > 1, links
    assert not page.hp_page_errors, page.hp_page_errors
