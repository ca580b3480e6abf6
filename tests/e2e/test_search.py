"""The search page in chromium, on the example site as nginx serves it: paging through every result,
tags that find their articles, and excerpts taken from the article's text, from a sentence's start."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from helpers import SiteFolder, article

try:
    from playwright.sync_api import Page, expect
except ImportError:  # collect anyway: the browser fixture fails every test here saying what to install
    Page, expect = object, None

from .conftest import Server, nginx_serving, page_opener, wait_for_search_results

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


def every_result(page: Page, server, term: str) -> list[str]:
    """Every result of the term, page after page by the pager's 下一页, as many as the count says."""
    total = search(page, server, term)
    links = result_links(page)
    while page.locator(".hp-search-pager a[rel=next]").count():
        page.locator(".hp-search-pager a[rel=next]").click()
        expect(page.locator(".hp-search-pager [aria-current=page]")).to_have_text(str(len(links) // PAGE_SIZE + 1))
        links += result_links(page)
    assert len(links) == len(set(links)) == total, (total, links)
    return links


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


def test_a_tag_finds_the_articles_that_carry_it_first(open_page, server, example_site):
    """惠民政策 is only a tag, as one word: its search finds those articles first, then the articles whose
    text holds its words 惠民 and 政策 apart. 医改 (a tag, and a word of many articles' text) finds every
    article tagged with it, ranked before the others, and only articles that write 医改 (split, it is two
    single characters, which nearly every page holds)."""
    carrying = tagged(example_site, TAG_ONLY)
    assert len(carrying) >= 2, carrying
    page = open_page("desktop")
    links = every_result(page, server, TAG_ONLY)
    assert set(links[:len(carrying)]) == carrying, links
    for link in links[len(carrying):]:
        text = indexed_text(example_site, link)
        assert TAG_ONLY not in text and "惠民" in text and "政策" in text, link

    carrying = tagged(example_site, TAG)
    links = every_result(page, server, TAG)
    assert carrying <= set(links), (carrying - set(links), links)
    assert all(TAG in indexed_text(example_site, link) for link in links), links  # 医 and 改 apart say nothing
    assert set(links[:len(carrying)]) == carrying, links
    assert not page.hp_page_errors, page.hp_page_errors


def indexed_text(example_site, url: str) -> str:
    """The text of the article that search indexes (without what Pagefind is told to ignore), white space removed."""
    article = BeautifulSoup(example_site.html(url).read_text(encoding="utf-8"), "html.parser").select_one("article.hp-article")
    for ignored in article.select("[data-pagefind-ignore]"):
        ignored.decompose()
    return re.sub(r"\s+", "", article.get_text())


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


# ---- a site made for search: a tag no body writes as one word, a column's name, a unit ---------------

TAG_OF_MANY = "疫苗接种"
"""Pagefind splits it into 疫苗 and 接种; the tagged articles' bodies hold both, never side by side."""
COLUMN_NAME = "免疫规划"
UNIT_NAME = "英德市妇幼保健院"
TAGGED, SIDE_BY_SIDE, APART, ONE_WORD, IN_COLUMN, FROM_UNIT, OTHERS = 30, 2, 4, 3, 6, 5, 8


@dataclass
class SearchSite:
    server: Server
    tagged: set[str]        # tagged 疫苗接种, bodies with 疫苗 and 接种 apart
    side_by_side: set[str]  # not tagged, bodies that write 疫苗接种
    apart: set[str]         # not tagged, bodies with 疫苗 and 接种 apart
    one_word: set[str]      # bodies with 疫苗 and not 接种
    in_column: set[str]     # the articles of the column 免疫规划 (no body holds its name)
    from_unit: set[str]     # the articles whose unit is 英德市妇幼保健院 (no body holds it)


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> SearchSite:
    """A site of 58 articles in five search shards, built and served by nginx as the example is."""
    folder = SiteFolder(tmp_path_factory.mktemp("search-site"))
    folder.config["plugins"] = [{"healthpress": {"search_shard_pages": 12}}]
    folder.column("news", "要闻", order=1)
    folder.column("immunization", COLUMN_NAME, order=2)
    urls: dict[str, set[str]] = {name: set() for name in ("tagged", "side_by_side", "apart", "one_word", "in_column", "from_unit")}

    def add(group: str | None, n: int, column: str, title: str, body: str, **fields) -> None:
        day = f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        slug = f"{(group or 'other').replace('_', '-')}-{n}"
        folder.write(f"{column}/{slug}.md", article(title, day, body, **fields))
        if group:
            urls[group].add(f"/{column}/{day[:4]}/{day[5:7]}/{slug}/")

    for n in range(TAGGED):
        add("tagged", n, "news", f"秋冬季流感防治提示第{n + 1}期",
            "社区卫生服务中心为辖区儿童接种流感疫苗，家长可以电话预约。", tags=[TAG_OF_MANY, "流感"])
    for n in range(SIDE_BY_SIDE):
        add("side_by_side", 100 + n, "news", f"全市工作推进会第{n + 1}次", "会议部署全市疫苗接种工作。")
    for n in range(APART):
        add("apart", 200 + n, "news", f"新到一批冷链物资第{n + 1}批", "新到的疫苗已经入库，下周一开始接种。")
    for n in range(ONE_WORD):
        add("one_word", 250 + n, "news", f"冷库巡查第{n + 1}次", "冷库里的疫苗存放温度符合要求。")
    for n in range(IN_COLUMN):
        add("in_column", 300 + n, "immunization", f"儿童保健门诊时间调整第{n + 1}号", "门诊周六上午照常开放。")
    for n in range(FROM_UNIT):
        add("from_unit", 400 + n, "news", f"孕产妇健康讲座第{n + 1}场", "讲座在医院三楼会议室举行。", unit=UNIT_NAME)
    for n in range(OTHERS):
        add(None, 500 + n, "news", f"夏季防暑提醒第{n + 1}则", "高温天气注意防暑降温，多喝水。", unit="清城区人民医院")
    folder.build()
    with nginx_serving(folder.root / "site", tmp_path_factory.mktemp("nginx-search")) as running:
        yield SearchSite(running, **urls)


@pytest.fixture
def open_search_page(browser, search_site):
    with page_opener(browser, search_site.server) as open_:
        yield open_


def test_a_tag_finds_every_article_holding_its_words_those_with_the_phrase_first(open_search_page, search_site):
    """疫苗接种 finds all 30 articles tagged with it (their bodies never write it) and the others that hold
    疫苗 and 接种 apart, ranked after the articles that hold 疫苗接种 as typed (in a tag or the text); not
    the articles that hold only 疫苗."""
    page = open_search_page("desktop")
    links = every_result(page, search_site.server, TAG_OF_MANY)
    phrase = search_site.tagged | search_site.side_by_side
    assert set(links) == phrase | search_site.apart, (set(links) ^ (phrase | search_site.apart))
    assert set(links[:len(phrase)]) == phrase, links
    assert not page.hp_page_errors and not page.hp_console_errors, (page.hp_page_errors, page.hp_console_errors)


def test_a_column_name_and_a_unit_find_their_articles(open_search_page, search_site):
    """免疫规划, the name of a column that none of its articles writes, finds that column's articles; 英德市妇幼保健院,
    the unit of five articles that none of them writes, finds those five. The excerpts are the body's text."""
    page = open_search_page("desktop")
    assert set(every_result(page, search_site.server, COLUMN_NAME)) == search_site.in_column
    excerpts = page.locator(".hp-search-result__excerpt").all_inner_texts()
    assert excerpts and all(text.startswith("门诊周六上午照常开放") for text in excerpts), excerpts
    assert set(every_result(page, search_site.server, UNIT_NAME)) == search_site.from_unit
    excerpts = page.locator(".hp-search-result__excerpt").all_inner_texts()
    assert excerpts and all(text.startswith("讲座在医院三楼会议室举行") for text in excerpts), excerpts
