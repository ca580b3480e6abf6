"""Year and month periods of the dated archive (pure; a groupby over date-sorted articles)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from healthpress.model.articles import Article


@dataclass(frozen=True, slots=True)
class Month:
    year: int
    month: int
    articles: tuple[Article, ...]

    @property
    def count(self) -> int:
        return len(self.articles)


@dataclass(frozen=True, slots=True)
class Year:
    year: int
    months: tuple[Month, ...]

    @property
    def count(self) -> int:
        return sum(m.count for m in self.months)

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(a for m in self.months for a in m.articles)


def build_periods(articles: tuple[Article, ...]) -> tuple[Year, ...]:
    """Years newest first, each with its months newest first; `articles` must be newest first."""
    years = []
    for year, in_year in groupby(articles, key=lambda a: a.date.year):
        months = tuple(
            Month(year, month, tuple(in_month))
            for month, in_month in groupby(in_year, key=lambda a: a.date.month)
        )
        years.append(Year(year, months))
    return tuple(years)
