"""build_catalog: ordering, indexes, unknown columns, URL clashes, neighbours and tag slugs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest

from healthpress.model.articles import Article
from healthpress.model.catalog import build_catalog, build_tag_slugs, newest_first, pinned_then_newest
from healthpress.model.columns import Column
from healthpress.model.dates import SHANGHAI
from healthpress.model.findings import Level


def article(src_uri: str, when: str, *, column: str | None = None, slug: str | None = None, tags=(),
            pinned: bool = False, status: str = "published") -> Article:
    """An Article as parse_article would build it; `when` is Beijing time, e.g. '2013-05-08 09:30'."""
    return Article(
        src_uri=src_uri, title=f"标题 {src_uri}", date=dt.datetime.fromisoformat(when).replace(tzinfo=SHANGHAI),
        column=column or src_uri.split("/")[0], slug=slug or src_uri.rsplit("/", 1)[-1].removesuffix(".md"),
        summary=None, author=None, unit=None, tags=tuple(tags), cover=None, status=status, pinned=pinned,
        doc_no=None, issue=None, body="正文\n", body_line=5,
    )


def column(column_id: str, title: str, order: int = 100) -> Column:
    return Column(id=column_id, title=title, description="", kind="news", order=order, page_size=20, home_items=6,
                  archived=False)


COLUMNS = {c.id: c for c in [column("press", "新闻发布", 10), column("weekly", "健康周刊", 20)]}


def paths_for(articles) -> dict[str, str]:
    return {a.src_uri: f"content/{a.src_uri}" for a in articles}


def catalog_of(articles, columns=COLUMNS):
    catalog, findings = build_catalog(list(articles), columns, paths_for(articles))
    assert findings == []
    return catalog


def uris(articles) -> list[str]:
    return [a.src_uri for a in articles]


def test_newest_first_with_ties_broken_by_source_path():
    articles = [
        article("weekly/a.md", "2013-05-08"),
        article("press/b.md", "2013-05-08"),
        article("press/a.md", "2013-05-08"),
        article("press/later.md", "2013-05-08 09:30"),
        article("press/old.md", "2012-12-31 23:59"),
        article("weekly/new.md", "2014-01-01"),
    ]
    expected = ["weekly/new.md", "press/later.md", "press/a.md", "press/b.md", "weekly/a.md", "press/old.md"]
    for order in itertools.permutations(articles):
        assert uris(catalog_of(order).articles) == expected


def test_newest_first_compares_instants_not_wall_clock():
    beijing_morning = article("press/a.md", "2013-05-08 09:00")
    utc_written_later = dataclasses.replace(beijing_morning, src_uri="press/b.md", slug="b",
                                      date=dt.datetime(2013, 5, 8, 2, 0, tzinfo=dt.timezone.utc))  # 10:00 Beijing
    assert sorted([beijing_morning, utc_written_later], key=newest_first) == [utc_written_later, beijing_morning]


def test_pinned_then_newest():
    articles = [
        article("press/new.md", "2014-01-01"),
        article("press/pinned-old.md", "2012-01-01", pinned=True),
        article("press/mid.md", "2013-01-01"),
        article("press/pinned-new.md", "2013-06-01", pinned=True),
        article("press/mid-b.md", "2013-01-01"),
    ]
    assert uris(sorted(articles, key=pinned_then_newest)) == [
        "press/pinned-new.md", "press/pinned-old.md", "press/new.md", "press/mid-b.md", "press/mid.md"]


def test_by_column_holds_every_column_newest_first_and_pinned_does_not_reorder_it():
    articles = [
        article("press/a.md", "2013-01-01", pinned=True),
        article("press/b.md", "2013-03-01"),
        article("weekly/c.md", "2013-02-01"),
        article("weekly/d.md", "2013-02-01", column="press"),
    ]
    columns = {**COLUMNS, "empty": column("empty", "空栏目")}
    catalog = catalog_of(articles, columns)
    assert {k: uris(v) for k, v in catalog.by_column.items()} == {
        "press": ["press/b.md", "weekly/d.md", "press/a.md"],
        "weekly": ["weekly/c.md"],
        "empty": [],
    }
    assert set(catalog.by_src) == {"press/a.md", "press/b.md", "weekly/c.md", "weekly/d.md"}
    assert catalog.by_src["weekly/d.md"] is articles[3]


def test_unknown_column_is_a_finding_listing_the_known_columns():
    articles = [article("press/a.md", "2013-05-08"), article("health/b.md", "2013-05-09")]
    catalog, findings = build_catalog(articles, COLUMNS, paths_for(articles))
    assert [(f.path, f.line, f.field, f.code, f.level) for f in findings] == [
        ("content/health/b.md", None, None, "unknown-column", Level.ERROR)]
    assert "“health”" in findings[0].message
    assert "press（新闻发布）" in findings[0].fix and "weekly（健康周刊）" in findings[0].fix
    assert "columns/" in findings[0].fix
    assert uris(catalog.articles) == ["press/a.md"]
    assert "health/b.md" not in catalog.by_src
    assert "health" not in catalog.by_column


def test_same_url_is_one_finding_on_the_newest_naming_the_other():
    """Before, one finding on each file: one problem counted as two errors, and both articles withheld."""
    first = article("press/yizhen.md", "2013-05-08")
    second = article("press/2013/yizhen.md", "2013-05-20")
    other = article("press/other.md", "2013-05-08")
    articles = [second, first, other]
    _, findings = build_catalog(articles, COLUMNS, paths_for(articles))
    assert [(f.path, f.code, f.level) for f in findings] == [("content/press/2013/yizhen.md", "duplicate-url", Level.ERROR)]
    assert "/press/2013/05/yizhen/" in findings[0].message and "content/press/yizhen.md" in findings[0].message
    assert "slug:" in findings[0].fix


def test_same_url_from_a_slug_in_another_folder():
    articles = [article("press/a.md", "2013-05-08"), article("weekly/b.md", "2013-05-31", column="press", slug="a")]
    _, findings = build_catalog(articles, COLUMNS, paths_for(articles))
    assert [f.path for f in findings] == ["content/weekly/b.md"]


def test_three_way_clash_is_one_finding_on_each_article_but_the_oldest_naming_the_others():
    articles = [article(f"press/{d}/x.md", "2013-05-08", slug="x") for d in ("a", "b", "c")]
    _, findings = build_catalog(articles, COLUMNS, paths_for(articles))
    assert [f.path for f in findings] == ["content/press/b/x.md", "content/press/c/x.md"]
    for finding in findings:
        assert all(f"content/press/{d}/x.md" in finding.message for d in ("a", "b", "c") if d not in finding.path)


@pytest.mark.parametrize(
    "one, two",
    [
        (article("press/a.md", "2013-05-08"), article("press/b/a.md", "2013-06-08")),
        (article("press/a.md", "2013-05-08"), article("press/b/a.md", "2014-05-08")),
        (article("press/a.md", "2013-05-08"), article("weekly/a.md", "2013-05-08")),
    ],
    ids=["same-slug-other-month", "same-slug-other-year", "same-slug-other-column"],
)
def test_no_clash_when_the_urls_differ(one, two):
    _, findings = build_catalog([one, two], COLUMNS, paths_for([one, two]))
    assert findings == []


def test_drafts_are_not_the_catalogs_business():
    draft = article("press/draft.md", "2013-05-08", status="draft", tags=["健康"])
    published = article("press/a.md", "2013-05-01")
    catalog = catalog_of([draft, published])
    assert uris(catalog.articles) == ["press/draft.md", "press/a.md"]
    assert uris(catalog.by_tag["健康"]) == ["press/draft.md"]


def test_empty_catalog():
    catalog = catalog_of([])
    assert catalog.articles == () and catalog.by_tag == {} and catalog.tag_slugs == {}
    assert catalog.by_column == {"press": (), "weekly": ()}


NEIGHBOURS = [
    article("press/jan.md", "2013-01-10"),
    article("press/mar.md", "2013-03-10", pinned=True),
    article("weekly/apr.md", "2013-04-10"),
    article("press/may.md", "2013-05-10"),
    article("weekly/solo-jun.md", "2013-06-10"),
]


@pytest.mark.parametrize(
    "src_uri, newer, older",
    [
        ("press/may.md", None, "press/mar.md"),
        ("press/mar.md", "press/may.md", "press/jan.md"),
        ("press/jan.md", "press/mar.md", None),
        ("weekly/apr.md", "weekly/solo-jun.md", None),
        ("weekly/solo-jun.md", None, "weekly/apr.md"),
    ],
    ids=["newest", "middle-and-pinned", "oldest", "other-column-oldest", "other-column-newest"],
)
def test_neighbours_stay_inside_the_column(src_uri, newer, older):
    catalog = catalog_of(NEIGHBOURS)
    found = catalog.column_neighbours(catalog.by_src[src_uri])
    assert tuple(a.src_uri if a else None for a in found) == (newer, older)


def test_single_article_has_no_neighbours():
    catalog = catalog_of([article("press/a.md", "2013-05-08"), article("weekly/b.md", "2013-05-09")])
    assert catalog.column_neighbours(catalog.by_src["press/a.md"]) == (None, None)


def test_by_tag_most_used_first_then_by_name_each_newest_first():
    articles = [
        article("press/a.md", "2013-01-01", tags=["防疫", "健康"]),
        article("press/b.md", "2013-02-01", tags=["健康"]),
        article("weekly/c.md", "2013-03-01", tags=["义诊", "防疫", "健康"]),
        article("weekly/d.md", "2013-04-01", tags=["控烟"]),
    ]
    catalog = catalog_of(articles)
    assert [(tag, uris(items)) for tag, items in catalog.by_tag.items()] == [
        ("健康", ["weekly/c.md", "press/b.md", "press/a.md"]),
        ("防疫", ["weekly/c.md", "press/a.md"]),
        ("义诊", ["weekly/c.md"]),
        ("控烟", ["weekly/d.md"]),
    ]
    assert catalog.tag_slugs == {"健康": "jian-kang", "防疫": "fang-yi", "义诊": "yi-zhen", "控烟": "kong-yan"}


@pytest.mark.parametrize(
    "tags, slugs",
    [
        (["健康", "COVID-19", "12320热线"], {"健康": "jian-kang", "COVID-19": "covid-19", "12320热线": "12320-re-xian"}),
        (["医疗", "衣料"], {"医疗": "yi-liao", "衣料": "yi-liao-2"}),
        (["衣料", "医疗"], {"医疗": "yi-liao", "衣料": "yi-liao-2"}),
        (["health", "Health", "HEALTH"], {"HEALTH": "health", "Health": "health-2", "health": "health-3"}),
        (["！", "？"], {"！": "tag", "？": "tag-2"}),
        (["tag", "！"], {"tag": "tag", "！": "tag-2"}),
        (["A", "a", "a 2"], {"A": "a", "a": "a-2", "a 2": "a-2-2"}),
    ],
    ids=["plain", "homophones", "homophones-any-input-order", "case-variants", "punctuation-only",
         "punctuation-after-real-tag-named-tag", "suffix-never-reuses-a-taken-slug"],
)
def test_tag_slugs_and_collision_suffixes(tags, slugs):
    result = build_tag_slugs({tag: [] for tag in tags})
    assert result == slugs
    assert len(set(result.values())) == len(result)


def test_catalog_tag_slugs_come_from_the_articles_tags():
    articles = [article("press/a.md", "2013-05-08", tags=["医疗"]), article("press/b.md", "2013-05-09", tags=["衣料"])]
    assert catalog_of(articles).tag_slugs == {"医疗": "yi-liao", "衣料": "yi-liao-2"}
