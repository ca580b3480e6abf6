"""The search page in chromium, on the example site as nginx serves it: paging through every result,
tags that find their articles, and excerpts taken from the article's text, from a sentence's start."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup

try:
    from playwright.sync_api import Page, expect
except ImportError:  # collect anyway: the browser fixture fails every test here saying what to install
    Page, expect = object, None

from .conftest import wait_for_search_results

PAGE_SIZE = 10
MANY_RESULTS_TERM = "健康"
TAG_ONLY = "惠民政策"
"""A tag of three example articles that no article's text, title or other field holds."""
TAG = "医改"
STARTS_A_CLAUSE = set("。！？；，、：!?;:,")
BLOCKS = "p, li, h2, h3, h4, h5, h6, td, th, dt, dd, blockquote, figcaption"


def search(page: Page, server, term: str, page_number: int | None = None) -> int:
    """Open the search page for the term (and page), wait for every shard's results; the total shown."""
    page.goto(f"/search/?q={term}" + (f"&page={page_number}" if page_number else ""))
    wait_for_search_results(page, server)
    status = page.locator(".hp-search-status")
    expect(status).not_to_contain_text("正在", timeout=15_000)
    found = re.search(r"找到 (\d+) 篇", status.inner_text())
    assert found, status.inner_text()
    return int(found.group(1))


def result_links(page: Page) -> list[str]:
    return page.locator(".hp-search-results a").evaluate_all("links => links.map(a => a.pathname)")


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def tagged(example_site, tag: str) -> set[str]:
    """The articles whose tag list holds the tag, as built."""
    return {url for url in example_site.article_urls()
            if tag in [a.get_text() for a in BeautifulSoup(example_site.html(url).read_text(encoding="utf-8"),
                                                           "html.parser").select(".hp-article__tags a.hp-tag")]}


def test_search_pages_through_every_result_with_the_keyboard_and_the_back_button(open_page, server, example_site):
    """健康 finds more than ten articles: ten a page, 下一页 by keyboard to the last page, each page in the
    address (?q=…&page=N) and the focus on the new page's results; every result seen once, as many as the
    count says; the back button goes to the page before, and an address with a page opens that page."""
    page = open_page("desktop")
    total = search(page, server, MANY_RESULTS_TERM)
    assert total > PAGE_SIZE, total
    pages = [result_links(page)]
    assert query_of(page) == {"q": [MANY_RESULTS_TERM]}
    while True:
        assert 0 < len(pages[-1]) <= PAGE_SIZE, pages
        status = page.locator(".hp-search-status").inner_text()
        assert f"找到 {total} 篇" in status and f"第 {len(pages)} / " in status, status
        following = page.get_by_role("navigation", name="搜索结果分页").get_by_role("link", name="下一页")
        if not following.count():
            break
        following.focus()
        page.keyboard.press("Enter")
        expect(page.locator(".hp-search-results")).to_be_focused()
        assert query_of(page) == {"q": [MANY_RESULTS_TERM], "page": [str(len(pages) + 1)]}
        expect(page.locator(".hp-search-pager [aria-current=page]")).to_have_text(str(len(pages) + 1))
        pages.append(result_links(page))
    seen = [link for links in pages for link in links]
    assert len(pages) == -(-total // PAGE_SIZE), [len(links) for links in pages]
    assert len(seen) == len(set(seen)) == total, (total, seen)
    assert all(MANY_RESULTS_TERM in example_site.html(link).read_text(encoding="utf-8") for link in seen)

    page.go_back()
    expect(page.locator(".hp-search-pager [aria-current=page]")).to_have_text(str(len(pages) - 1))
    assert query_of(page) == {"q": [MANY_RESULTS_TERM], "page": [str(len(pages) - 1)]}
    assert result_links(page) == pages[-2]

    search(page, server, MANY_RESULTS_TERM, 2)
    assert result_links(page) == pages[1]
    assert not page.hp_page_errors and not page.hp_console_errors, (page.hp_page_errors, page.hp_console_errors)


def test_a_tag_finds_exactly_the_articles_that_carry_it(open_page, server, example_site):
    """惠民政策 is only a tag: its search finds those articles and no other. 医改 (a tag, and a word of
    many articles' text) finds every article tagged with it, ranked before the others."""
    carrying = tagged(example_site, TAG_ONLY)
    assert len(carrying) >= 2, carrying
    page = open_page("desktop")
    assert search(page, server, TAG_ONLY) == len(carrying)
    assert set(result_links(page)) == carrying

    carrying = tagged(example_site, TAG)
    total = search(page, server, TAG)
    links = result_links(page)
    while page.locator(".hp-search-pager a[rel=next]").count():
        page.locator(".hp-search-pager a[rel=next]").click()
        expect(page.locator(".hp-search-pager [aria-current=page]")).to_have_text(str(len(links) // PAGE_SIZE + 1))
        links += result_links(page)
    assert len(links) == total and carrying <= set(links), (carrying - set(links), links)
    assert set(links[:len(carrying)]) == carrying, links
    assert not page.hp_page_errors, page.hp_page_errors


def body_blocks(example_site, url: str) -> list[str]:
    """The text of each block of the article that search indexes (not its title, tags or what Pagefind
    is told to ignore), white space removed."""
    soup = BeautifulSoup(example_site.html(url).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.hp-article")
    for ignored in article.select("[data-pagefind-ignore], h1, .hp-article__tags"):
        ignored.decompose()
    return [re.sub(r"\s+", "", block.get_text()) for block in article.select(BLOCKS)]


def starts_a_sentence_or_clause(text: str, blocks: list[str]) -> bool:
    """The text is in a block of the article, where the block or a sentence or clause starts."""
    for block in blocks:
        at = block.find(text)
        while at >= 0:
            if at == 0 or block[at - 1] in STARTS_A_CLAUSE:
                return True
            at = block.find(text, at + 1)
    return False


def test_excerpts_are_the_articles_text_from_a_sentence_start(open_page, server, example_site):
    """Every excerpt of 健康's results: the article's text, without its title glued on by ". ", starting
    where a sentence or clause of the article starts (never mid-word), the term marked."""
    page = open_page("desktop")
    search(page, server, MANY_RESULTS_TERM)
    checked = 0
    while True:
        for item in page.locator(".hp-search-result").all():
            url = item.locator("a").evaluate("a => a.pathname")
            title = item.locator("a").inner_text()
            text = item.locator(".hp-search-result__excerpt").inner_text()
            assert ". " not in text and not text.startswith(title), (url, text)
            head = re.split(r"\s", text.removeprefix("……"), maxsplit=1)[0].removesuffix("……")[:12]
            assert head and starts_a_sentence_or_clause(head, body_blocks(example_site, url)), (url, text)
            marks = item.locator(".hp-search-result__excerpt mark").all_inner_texts()
            assert MANY_RESULTS_TERM in "".join(marks) or MANY_RESULTS_TERM not in text, (url, text)
            checked += 1
        following = page.locator(".hp-search-pager a[rel=next]")
        if not following.count():
            break
        following.click()
        expect(page.locator(".hp-search-pager [aria-current=page]")).to_have_text(str(checked // PAGE_SIZE + 1))
    assert checked > PAGE_SIZE
