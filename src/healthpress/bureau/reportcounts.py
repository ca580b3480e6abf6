"""What the yearly reports count from the site itself for one year (pure).

Articles published in the year by column and kind, the columns and topics kept up and opened, 解读,
letters (received, answered, the average days to answer, the replies published), consultations and
interviews, and the 主动公开 table of 行政规范性文件 (文件类型 行政规范性文件: made, repealed, in force).
Every figure counts the published articles the catalog holds: what readers see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

from healthpress.bureau.interpcounts import InterpCounts, count_interpretation
from healthpress.bureau.interpretation import is_normative_document
from healthpress.bureau.interviews import Interview
from healthpress.bureau.letters import Letter
from healthpress.bureau.surveys import Survey
from healthpress.bureau.topics import Topic
from healthpress.model.articles import Article
from healthpress.model.columns import Column
from healthpress.model.dates import SHANGHAI

NEWS_KINDS = frozenset({"news", "periodical", "notices"})
"""Column kinds whose articles are 政务动态 (letters, interviews and consultations are counted as 互动交流)."""


@dataclass(frozen=True, slots=True)
class ColumnCount:
    """Articles one column published in the year."""

    title: str
    kind: str
    count: int


@dataclass(frozen=True, slots=True)
class SiteCounts:
    """Everything the site knows of one year, as the two forms ask for it; None where it cannot know."""

    year: int
    articles: int
    """Articles published in the year (every column)."""
    news: int
    """Of them 政务动态: articles of news, periodical and notices columns that are no official document."""
    documents: int
    """Official documents (with a 文号, or of a notices column) published in the year: the 信息公开目录's new entries."""
    by_column: tuple[ColumnCount, ...]
    columns_kept: int
    """Columns and topics with an article published in the year."""
    columns_opened: int
    """Of them, those whose first article was published in the year."""
    interp: InterpCounts
    letters_received: int | None
    """None (with the three below) on a site without a 局长信箱 (letters) column: it does not know them."""
    letters_answered: int | None
    average_reply_days: float | None
    """Over the letters answered in the year; None when none was."""
    replies_published: int | None
    normative_made: int
    """行政规范性文件 written (成文日期, else published) in the year."""
    normative_repealed: int | None
    """Documents repealed in the year (the date their replacement on this site was published); None when a
    repealed document's replacement is not on this site, so its year cannot be known."""
    normative_in_force: int | None
    """行政规范性文件 published by the year's end and not repealed by then; None when a repeal's year is unknown."""


@lru_cache(maxsize=1 << 16)
def day_of(moment: dt.datetime | dt.date) -> dt.date:
    """A date or an aware moment as a day in Beijing (each moment worked out once: the report of every year
    asks it of every article)."""
    if isinstance(moment, dt.datetime):
        return moment.astimezone(SHANGHAI).date() if moment.tzinfo else moment.date()
    return moment


def published_in(articles: Iterable[Article], year: int) -> list[Article]:
    return [a for a in articles if day_of(a.date).year == year]


@dataclass(frozen=True)
class YearIndex:
    """The site's articles sorted once for every year's counts: by year, the years each column and topic
    published in, and the 行政规范性文件."""

    articles: tuple[Article, ...]
    by_year: Mapping[int, tuple[Article, ...]]
    group_years: tuple[frozenset[int], ...]
    normative: tuple[Article, ...]


def index_years(articles: tuple[Article, ...], columns: Mapping[str, Column], topics: Iterable[Topic]) -> YearIndex:
    """One pass over the articles (and one per topic's tags) for the counts of any number of years."""
    by_year: dict[int, list[Article]] = {}
    column_years: dict[str, set[int]] = {c: set() for c in columns}
    for article in articles:
        year = day_of(article.date).year
        by_year.setdefault(year, []).append(article)
        if article.column in column_years:
            column_years[article.column].add(year)
    groups = [frozenset(years) for years in column_years.values()]
    groups += [frozenset(day_of(a.date).year for a in topic.articles(articles)) for topic in topics]
    normative = tuple(a for a in articles
                      if is_normative_document(a, columns[a.column].kind if a.column in columns else None))
    return YearIndex(articles, {y: tuple(found) for y, found in by_year.items()}, tuple(groups), normative)


def count_year(
    year: int, index: YearIndex, columns: Mapping[str, Column],
    letters: Mapping[str, Letter], surveys: Mapping[str, Survey], interviews: Mapping[str, Interview],
    now: dt.datetime,
) -> SiteCounts:
    """The site's figures of `year`: `index` is the catalog's articles (published, newest first) indexed,
    `letters`, `surveys` and `interviews` the site model's, `now` the build's moment (a reply dated after
    it is not counted yet)."""
    today = day_of(now)
    in_year = index.by_year.get(year, ())
    documents = [a for a in in_year if _is_document(a, columns)]
    news = [a for a in in_year if columns[a.column].kind in NEWS_KINDS and not _is_document(a, columns)]
    by_column = tuple(ColumnCount(c.title, c.kind, sum(1 for a in in_year if a.column == c.id)) for c in columns.values())
    kept = [found for found in index.group_years if year in found]
    opened = sum(1 for found in kept if min(found) == year)
    received = [l for l in letters.values() if l.received.year == year]
    answered = [l for l in letters.values() if l.replied_on is not None and l.replied_on.year == year
                and l.replied_on <= today]
    days = [l.response_days for l in answered if l.response_days is not None]
    made, repealed, in_force = _normative(year, index)
    kinds = frozenset(c.kind for c in columns.values())
    letterbox = "letters" in kinds
    return SiteCounts(
        year=year, articles=len(in_year), news=len(news), documents=len(documents), by_column=by_column,
        columns_kept=len(kept), columns_opened=opened,
        interp=count_interpretation(year, in_year, surveys, interviews, now, kinds),
        letters_received=len(received) if letterbox else None, letters_answered=len(answered) if letterbox else None,
        average_reply_days=round(sum(days) / len(days), 1) if days else None,
        replies_published=sum(1 for l in answered if l.reply) if letterbox else None,
        normative_made=made, normative_repealed=repealed, normative_in_force=in_force)


def _is_document(article: Article, columns: Mapping[str, Column]) -> bool:
    return bool(article.doc_no) or columns[article.column].kind == "notices"


def _normative(year: int, index: YearIndex) -> tuple[int, int | None, int | None]:
    """(made, repealed, in force) of the 行政规范性文件, by their disclosure fields (one past its `expires`
    by the year's end is no longer in force)."""
    by_address: dict[str, Article] | None = None  # made when a repealed document is met (every year asks)
    made = repealed = in_force = 0
    unknown = False
    end = dt.date(year, 12, 31)
    for article in index.normative:
        fields = dict(article.disclosure_fields)
        written = fields.get("written_on") or article.date
        if day_of(written).year == year:
            made += 1
        if day_of(article.date) > end:
            continue
        repealed_on = None
        if fields.get("validity") == "废止":
            if by_address is None:
                by_address = {"/" + a.dest_uri.removesuffix("index.html"): a for a in index.articles}
            replacement = by_address.get(str(fields.get("replaced_by") or "").split("#")[0].split("?")[0])
            if replacement is None:
                unknown = True
            else:
                repealed_on = day_of(replacement.date)
                repealed += repealed_on.year == year
        expired = article.expires is not None and day_of(article.expires) <= end  # its 有效期 over by the year's end
        if (repealed_on is None or repealed_on > end) and not expired:
            in_force += not (fields.get("validity") == "废止" and repealed_on is None)
    return made, None if unknown else repealed, None if unknown else in_force
