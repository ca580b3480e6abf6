"""build_periods: years and months of the dated archive, newest first, with counts."""

from __future__ import annotations

import datetime as dt

import pytest

from healthpress.model.archive import build_periods
from healthpress.model.articles import Article
from healthpress.model.catalog import newest_first
from healthpress.model.dates import SHANGHAI


def article(src_uri: str, when: str) -> Article:
    return Article(
        src_uri=src_uri, title=src_uri, date=dt.datetime.fromisoformat(when).replace(tzinfo=SHANGHAI),
        column=src_uri.split("/")[0], slug=src_uri.rsplit("/", 1)[-1].removesuffix(".md"), summary=None,
        author=None, unit=None, tags=(), cover=None, status="published", pinned=False, doc_no=None, issue=None,
        body="", body_line=5,
    )


ARTICLES = tuple(sorted([
    article("press/a.md", "2012-12-31 23:59"),
    article("press/b.md", "2013-01-01 00:00"),
    article("weekly/c.md", "2013-01-15"),
    article("press/d.md", "2013-05-08"),
    article("press/e.md", "2013-05-08 09:30"),
    article("weekly/f.md", "2013-05-31"),
    article("press/g.md", "2013-12-01"),
    article("weekly/h.md", "2015-03-03"),
], key=newest_first))


def shape(years):
    return [(y.year, y.count, [(m.month, m.count) for m in y.months]) for y in years]


def test_years_and_months_newest_first_with_counts():
    assert shape(build_periods(ARTICLES)) == [
        (2015, 1, [(3, 1)]),
        (2013, 6, [(12, 1), (5, 3), (1, 2)]),
        (2012, 1, [(12, 1)]),
    ]


def test_each_period_holds_its_articles_newest_first():
    years = build_periods(ARTICLES)
    by_month = {(m.year, m.month): [a.src_uri for a in m.articles] for y in years for m in y.months}
    assert by_month == {
        (2015, 3): ["weekly/h.md"],
        (2013, 12): ["press/g.md"],
        (2013, 5): ["weekly/f.md", "press/e.md", "press/d.md"],
        (2013, 1): ["weekly/c.md", "press/b.md"],
        (2012, 12): ["press/a.md"],
    }
    year_2013 = years[1]
    assert [a.src_uri for a in year_2013.articles] == [
        "press/g.md", "weekly/f.md", "press/e.md", "press/d.md", "weekly/c.md", "press/b.md"]


def test_counts_add_up_to_every_article():
    years = build_periods(ARTICLES)
    assert sum(y.count for y in years) == len(ARTICLES)
    assert [a for y in years for a in y.articles] == list(ARTICLES)


def test_years_without_articles_are_skipped():
    assert [y.year for y in build_periods(ARTICLES)] == [2015, 2013, 2012]


def test_periods_follow_beijing_time():
    utc = dt.timezone.utc
    new_year = article("press/new-year.md", "2013-01-01 00:30")  # 2012-12-31 16:30 UTC
    assert new_year.date.astimezone(utc).year == 2012
    assert shape(build_periods((new_year,))) == [(2013, 1, [(1, 1)])]


@pytest.mark.parametrize(
    "articles, expected",
    [
        ((), []),
        ((article("press/a.md", "2013-05-08"),), [(2013, 1, [(5, 1)])]),
    ],
    ids=["no-articles", "one-article"],
)
def test_small_inputs(articles, expected):
    assert shape(build_periods(articles)) == expected
