"""Listing pages: pagination, the set of generated URLs, home blocks and src_uri_for."""

from __future__ import annotations

import datetime as dt

import pytest

from healthpress.model.articles import Article
from healthpress.model.catalog import build_catalog
from healthpress.model.columns import Column
from healthpress.model.dates import SHANGHAI
from healthpress.render.views import HOME_LATEST, Pager, build_home, build_listings, paginate, src_uri_for


def article(src_uri: str, when: str, *, tags=(), pinned: bool = False) -> Article:
    return Article(
        src_uri=src_uri, title=f"标题 {src_uri}", date=dt.datetime.fromisoformat(when).replace(tzinfo=SHANGHAI),
        column=src_uri.split("/")[0], slug=src_uri.rsplit("/", 1)[-1].removesuffix(".md"), summary=None,
        author=None, unit=None, tags=tuple(tags), cover=None, status="published", pinned=pinned, doc_no=None,
        issue=None, body="", body_line=5,
    )


def column(column_id: str, title: str, *, order: int = 100, page_size: int = 20, home_items: int = 6,
           description: str = "") -> Column:
    return Column(id=column_id, title=title, description=description, kind="news", order=order,
                  page_size=page_size, home_items=home_items, archived=False)


def catalog_of(articles, columns):
    catalog, findings = build_catalog(list(articles), columns, {a.src_uri: a.src_uri for a in articles})
    assert findings == []
    return catalog


def uris(articles) -> list[str]:
    return [a.src_uri for a in articles]


ITEMS = tuple(article(f"press/a{n:02d}.md", f"2013-05-{n:02d}") for n in range(1, 8))


@pytest.mark.parametrize(
    "count, size, chunks, urls",
    [
        (0, 3, [0], ("press/",)),
        (1, 3, [1], ("press/",)),
        (3, 3, [3], ("press/",)),
        (4, 3, [3, 1], ("press/", "press/page/2/")),
        (7, 3, [3, 3, 1], ("press/", "press/page/2/", "press/page/3/")),
        (6, 3, [3, 3], ("press/", "press/page/2/")),
        (7, 1, [1] * 7, ("press/",) + tuple(f"press/page/{n}/" for n in range(2, 8))),
    ],
    ids=["no-items-one-empty-page", "one-item", "exactly-page-size", "page-size-plus-one", "three-pages",
         "exact-multiple", "page-size-one"],
)
def test_paginate_boundaries(count, size, chunks, urls):
    pages = list(paginate(ITEMS[:count], size, "press/"))
    assert [len(chunk) for chunk, _ in pages] == chunks
    assert [(pager.number, pager.total, pager.urls) for _, pager in pages] == [
        (n, len(chunks), urls) for n in range(1, len(chunks) + 1)]
    assert [a for chunk, _ in pages for a in chunk] == list(ITEMS[:count])


def test_paginate_page_size_plus_one_keeps_order():
    pages = list(paginate(ITEMS[:4], 3, "archive/2013/05/"))
    assert [(uris(chunk), pager.urls[pager.number - 1]) for chunk, pager in pages] == [
        (["press/a01.md", "press/a02.md", "press/a03.md"], "archive/2013/05/"),
        (["press/a04.md"], "archive/2013/05/page/2/"),
    ]


@pytest.mark.parametrize(
    "number, total, previous_url, next_url",
    [(1, 1, None, None), (1, 3, None, "x/page/2/"), (2, 3, "x/", "x/page/3/"), (3, 3, "x/page/2/", None)],
    ids=["only-page", "first-of-three", "middle", "last"],
)
def test_pager_previous_and_next(number, total, previous_url, next_url):
    urls = ("x/",) + tuple(f"x/page/{n}/" for n in range(2, total + 1))
    pager = Pager(number, total, urls)
    assert (pager.previous_url, pager.next_url) == (previous_url, next_url)


@pytest.mark.parametrize(
    "url, src_uri",
    [("", "index.md"), ("press/", "press/index.md"), ("press/page/2/", "press/page/2/index.md"),
     ("archive/2013/05/", "archive/2013/05/index.md"), ("tags/jian-kang/", "tags/jian-kang/index.md")],
    ids=["home", "column", "column-page-2", "archive-month", "tag"],
)
def test_src_uri_for(url, src_uri):
    assert src_uri_for(url) == src_uri


COLUMNS = {c.id: c for c in [
    column("press", "新闻发布", order=10, page_size=2, description="新闻发布会"),
    column("weekly", "健康周刊", order=20),
]}

ARTICLES = [
    article("press/a.md", "2013-05-08", tags=["健康"]),
    article("press/b.md", "2013-05-20", tags=["健康", "防疫"]),
    article("press/c.md", "2014-01-02", pinned=True),
    article("weekly/d.md", "2013-06-01", tags=["防疫"]),
]


@pytest.fixture
def listings():
    return build_listings(catalog_of(ARTICLES, COLUMNS), COLUMNS, page_size=20)


def test_build_listings_urls(listings):
    assert [(l.url, l.kind) for l in listings] == [
        ("", "home"),
        ("press/", "column"),
        ("press/page/2/", "column"),
        ("press/archive/", "archive-index"),
        ("press/archive/2014/", "archive-year"),
        ("press/archive/2013/", "archive-year"),
        ("weekly/", "column"),
        ("weekly/archive/", "archive-index"),
        ("weekly/archive/2013/", "archive-year"),
        ("archive/", "archive-index"),
        ("archive/2014/", "archive-months"),
        ("archive/2014/01/", "archive-month"),
        ("archive/2013/", "archive-months"),
        ("archive/2013/06/", "archive-month"),
        ("archive/2013/05/", "archive-month"),
        ("tags/", "tags"),
        ("tags/jian-kang/", "tag"),
        ("tags/fang-yi/", "tag"),
        ("search/", "search"),
    ]
    assert all(l.src_uri == l.url + "index.md" for l in listings)
    assert all(l.template == f"healthpress/{l.kind}.html" for l in listings)


def test_build_listings_with_a_small_page_size_paginates_archives_and_tags():
    listings = build_listings(catalog_of(ARTICLES, COLUMNS), COLUMNS, page_size=1)
    urls = [l.url for l in listings]
    assert len(urls) == len(set(urls))
    assert {"archive/2013/05/page/2/", "tags/jian-kang/page/2/", "tags/fang-yi/page/2/"} <= set(urls)
    assert "archive/2013/06/page/2/" not in urls
    assert "weekly/page/2/" not in urls  # a column keeps its own page_size


def test_column_pages_pinned_first_then_newest(listings):
    pages = {l.url: l for l in listings}
    assert uris(pages["press/"].articles) == ["press/c.md", "press/b.md"]
    assert uris(pages["press/page/2/"].articles) == ["press/a.md"]
    assert (pages["press/"].title, pages["press/page/2/"].title) == ("新闻发布", "新闻发布（第2页）")
    assert [c.url for c in pages["press/"].crumbs] == [""]
    assert [c.url for c in pages["press/page/2/"].crumbs] == ["", "press/"]
    assert pages["press/"].description == "新闻发布会"
    assert pages["press/"].column is COLUMNS["press"]


def test_column_archive_pages(listings):
    pages = {l.url: l for l in listings}
    index = pages["press/archive/"]
    assert (index.title, [y.year for y in index.years], index.archive_base) == (
        "新闻发布归档", [2014, 2013], "press/archive/")
    year = pages["press/archive/2013/"]
    assert year.title == "新闻发布 2013年"
    assert uris(year.articles) == ["press/b.md", "press/a.md"]
    assert [c.url for c in year.crumbs] == ["", "press/", "press/archive/"]


def test_site_archive_pages(listings):
    pages = {l.url: l for l in listings}
    assert [y.year for y in pages["archive/"].years] == [2014, 2013]
    assert pages["archive/"].archive_base == "archive/"
    months = pages["archive/2013/"]
    assert (months.title, [m.month for m in months.months]) == ("2013年归档", [6, 5])
    may = pages["archive/2013/05/"]
    assert (may.title, uris(may.articles)) == ("2013年5月", ["press/b.md", "press/a.md"])
    assert [c.url for c in may.crumbs] == ["", "archive/", "archive/2013/"]


def test_tag_pages(listings):
    pages = {l.url: l for l in listings}
    assert pages["tags/"].tags == (("健康", "jian-kang", 2), ("防疫", "fang-yi", 2))
    assert (pages["tags/fang-yi/"].title, uris(pages["tags/fang-yi/"].articles)) == (
        "标签：防疫", ["weekly/d.md", "press/b.md"])
    assert [c.url for c in pages["tags/fang-yi/"].crumbs] == ["", "tags/"]


def test_empty_site_still_has_home_columns_archive_and_tags():
    columns = {"press": column("press", "新闻发布")}
    listings = build_listings(catalog_of([], columns), columns, page_size=20)
    assert [l.url for l in listings] == ["", "press/", "press/archive/", "archive/", "tags/", "search/"]
    assert listings[1].articles == () and listings[1].pager == Pager(1, 1, ("press/",))


def test_home_blocks_pinned_first_limited_to_home_items():
    columns = {c.id: c for c in [
        column("press", "新闻发布", order=10, home_items=3),
        column("hidden", "不上首页", order=20, home_items=0),
        column("weekly", "健康周刊", order=30, home_items=6),
    ]}
    articles = [
        article("press/p1.md", "2013-01-01"),
        article("press/p2.md", "2013-02-01"),
        article("press/p3.md", "2013-03-01", pinned=True),
        article("press/p4.md", "2013-04-01"),
        article("press/p5.md", "2013-05-01"),
        article("hidden/h1.md", "2013-06-01"),
        article("weekly/w1.md", "2013-01-15"),
    ]
    home = build_home(catalog_of(articles, columns), columns)
    assert (home.url, home.kind, home.title, home.src_uri) == ("", "home", "首页", "index.md")
    assert [(b.column.id, uris(b.articles), b.total) for b in home.blocks] == [
        ("press", ["press/p3.md", "press/p5.md", "press/p4.md"], 5),
        ("weekly", ["weekly/w1.md"], 1),
    ]


def test_home_latest_is_the_newest_articles_of_every_column():
    columns = {"press": column("press", "新闻发布"), "weekly": column("weekly", "健康周刊")}
    articles = [article(f"{'press' if n % 2 else 'weekly'}/n{n:02d}.md", f"2013-01-{n:02d}", pinned=n == 1)
                for n in range(1, HOME_LATEST + 3)]
    home = build_home(catalog_of(articles, columns), columns)
    assert len(home.articles) == HOME_LATEST
    assert uris(home.articles) == [a.src_uri for a in sorted(articles, key=lambda a: a.date, reverse=True)][:HOME_LATEST]
    assert "press/n01.md" not in uris(home.articles)  # pinned matters in a column block, not in the latest list
