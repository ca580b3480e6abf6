"""plan_shards: the deterministic, size-bounded calendar plan of the sharded Pagefind index."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from healthpress.search.shards import ArticlePage, plan_shards


def corpus(per_month: int, years: range, seed: int = 7) -> list[ArticlePage]:
    """`per_month` articles in every month of `years`, on varied days, with unique paths."""
    rng = random.Random(seed)
    pages = []
    for year in years:
        for month in range(1, 13):
            for n in range(per_month):
                day = rng.randint(1, 28)
                pages.append(ArticlePage(f"press/{year}/{month:02d}/a-{year}{month:02d}-{n:03d}/index.html",
                                         dt.date(year, month, day)))
    return pages


def shard_of(plan: dict[str, list[str]], path: str) -> str:
    (name,) = [name for name, paths in plan.items() if path in paths]
    return name


def test_every_page_in_exactly_one_shard_and_size_bounded():
    pages = corpus(60, range(2013, 2027))  # 10,080 articles
    for max_pages in (100, 350, 600, 1000, 5000, 20000):
        plan = plan_shards(pages, max_pages)
        assert all(0 < len(paths) <= max_pages for paths in plan.values())
        listed = [path for paths in plan.values() for path in paths]
        assert sorted(listed) == sorted(p.path for p in pages)


def test_deterministic_whatever_the_input_order():
    pages = corpus(25, range(2013, 2027))
    shuffled = pages[:]
    random.Random(1).shuffle(shuffled)
    assert plan_shards(pages, 300) == plan_shards(shuffled, 300)
    assert list(plan_shards(pages, 300)) == list(plan_shards(shuffled, 300))  # same shard order too


def test_calendar_names_and_chronological_order():
    pages = corpus(60, range(2013, 2027))
    # 720 a year: one shard a year; 2013 and 2026 are alone in their aligned two-year blocks.
    assert list(plan_shards(pages, 720)) == ["2012-2013"] + [str(y) for y in range(2014, 2026)] + ["2026-2027"]
    halves = list(plan_shards(pages, 400))
    assert halves[:2] == ["2013-h1", "2013-h2"] and halves[-1] == "2026-h2"
    blocks = plan_shards(corpus(5, range(2013, 2027)), 300)  # 60 a year: multi-year blocks
    assert list(blocks) == ["2008-2015", "2016-2019", "2020-2023", "2024-2031"]


def test_editing_one_article_changes_one_shard():
    pages = corpus(60, range(2013, 2027))
    before = plan_shards(pages, 600)
    # An edit keeps the path and date; the plan is the same, so only the shard holding it re-indexes.
    edited = pages[1234]
    assert plan_shards(pages, 600) == before
    assert sum(edited.path in paths for paths in before.values()) == 1


def test_new_newest_articles_touch_only_the_newest_shard():
    pages = corpus(40, range(2013, 2026))  # up to the end of 2025
    before = plan_shards(pages, 600)
    newest_before = list(before)[-1]
    new = [ArticlePage(f"press/2025/12/new-{n}/index.html", dt.date(2025, 12, 30)) for n in range(5)]
    after = plan_shards(pages + new, 600)
    changed = {name for name in set(before) | set(after) if before.get(name) != after.get(name)}
    assert changed == {newest_before}
    assert all(shard_of(after, page.path) == newest_before for page in new)


def test_a_new_year_starts_a_new_shard_without_touching_older_ones():
    pages = corpus(40, range(2013, 2026))
    before = plan_shards(pages, 600)
    new = [ArticlePage("press/2026/01/first/index.html", dt.date(2026, 1, 2))]
    after = plan_shards(pages + new, 600)
    changed = {name for name in set(before) | set(after) if before.get(name) != after.get(name)}
    assert len(changed) == 1 and all(after.get(name) != before.get(name) for name in changed)
    assert shard_of(after, new[0].path) == list(after)[-1]


def test_overflowing_shard_splits_locally():
    pages = corpus(40, range(2013, 2026))  # 480 a year
    before = plan_shards(pages, 500)
    burst = [ArticlePage(f"press/2025/12/burst-{n}/index.html", dt.date(2025, 12, 31)) for n in range(30)]
    after = plan_shards(pages + burst, 500)
    assert "2025" in before and "2025" not in after and {"2025-h1", "2025-h2"} <= set(after)
    assert {name: paths for name, paths in after.items() if not name.startswith("2025")} == \
        {name: paths for name, paths in before.items() if not name.startswith("2025")}


def test_a_huge_month_is_cut_into_parts():
    pages = [ArticlePage(f"press/2020/03/a-{n:04d}/index.html", dt.date(2020, 3, 1 + n % 28)) for n in range(250)]
    plan = plan_shards(pages, 100)
    assert list(plan) == ["2020-03-p1", "2020-03-p2", "2020-03-p3"]
    assert [len(paths) for paths in plan.values()] == [100, 100, 50]


def test_rejects_bad_input():
    with pytest.raises(ValueError):
        plan_shards([], 0)
    with pytest.raises(ValueError):
        plan_shards([ArticlePage("a/index.html", dt.date(2020, 1, 1)),
                     ArticlePage("a/index.html", dt.date(2020, 1, 2))])
    assert plan_shards([]) == {}


def test_a_small_site_has_one_shard():
    pages = [ArticlePage(f"news/{year}/01/a{year}/index.html", dt.date(year, 1, 5)) for year in range(2009, 2027)]
    assert plan_shards(pages, max_pages=500) == {"all": sorted(page.path for page in pages)}
