"""The bureau's own generated pages: unit statistics, health-day topics, the leadership group (pure)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from healthpress.bureau.data import BureauData
from healthpress.model.catalog import Catalog
from healthpress.bureau.healthdays import HealthDay, related_articles, upcoming
from healthpress.bureau.stats import UnitStats, count_by_unit
from healthpress.model.archive import build_periods
from healthpress.render.views import Crumb, Listing, paginate

HOME = Crumb("首页", "")
UPCOMING_DAYS = 4


@dataclass(frozen=True, slots=True)
class StatsPage:
    table: UnitStats
    years: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class HealthDayEntry:
    day: HealthDay
    next_date: dt.date
    url: str


def build_bureau_listings(catalog: Catalog, bureau: BureauData, today: dt.date, page_size: int = 20) -> list[Listing]:
    """Statistics (when data/units.yml exists), health days, and the leadership group page."""
    pages: list[Listing] = []
    if bureau.has_units:
        pages += _stats_pages(catalog, bureau, today)
    if bureau.health_days:
        pages += _health_day_pages(catalog, bureau.health_days, today, page_size)
    if bureau.topics or bureau.health_days:
        pages += _topic_pages(catalog, bureau, page_size)
    if bureau.leadership_group:
        pages.append(Listing(url="about/leadership-group/", kind="leadership-group",
                             title=bureau.leadership_group.name, crumbs=(HOME,), payload=bureau.leadership_group))
    return pages


def with_upcoming_days(home: Listing, bureau: BureauData, today: dt.date) -> Listing:
    """The home page, with the health days coming next."""
    coming = tuple(HealthDayEntry(day, date, health_day_url(day))
                   for day, date in upcoming(bureau.health_days, today, UPCOMING_DAYS))
    return dataclasses.replace(home, payload=coming)


def health_day_url(day: HealthDay) -> str:
    return f"topics/health-days/{day.slug}/"


def _stats_pages(catalog: Catalog, bureau: BureauData, today: dt.date) -> list[Listing]:
    years = tuple(sorted({a.date.year for a in catalog.articles}, reverse=True))
    index = Crumb("供稿统计", "stats/")
    pages = []
    for position, year in enumerate(years):
        table = count_by_unit(catalog.articles, bureau.units, str(year))
        url = index.url if position == 0 else f"stats/{year}/"
        pages.append(Listing(url=url, kind="stats", title=f"{year}年各单位供稿统计",
                             crumbs=(HOME,) if position == 0 else (HOME, index), payload=StatsPage(table, years)))
    if not years:
        pages.append(Listing(url=index.url, kind="stats", title="各单位供稿统计", crumbs=(HOME,),
                             payload=StatsPage(count_by_unit((), bureau.units, str(today.year)), ())))
    return pages


def _topic_pages(catalog: Catalog, bureau: BureauData, page_size: int) -> list[Listing]:
    """The topics index, and per topic its newest articles (paginated) and a page per year."""
    index = Crumb("专题", "topics/")
    pages = [Listing(url=index.url, kind="topics", title="专题", crumbs=(HOME,),
                     payload=(tuple(bureau.topics), bool(bureau.health_days)))]
    for topic in bureau.topics:
        here = Crumb(topic.title, topic.url)
        articles = topic.articles(catalog.articles)
        years = build_periods(articles)
        for chunk, pager in paginate(articles, page_size, topic.url):
            pages.append(Listing(url=pager.urls[pager.number - 1], kind="topic", title=topic.title,
                                 crumbs=(HOME, index), articles=chunk, pager=pager, years=years,
                                 description=topic.intro, payload=topic))
        for year in years:
            for chunk, pager in paginate(year.articles, page_size, f"{topic.url}{year.year}/"):
                pages.append(Listing(url=pager.urls[pager.number - 1], kind="topic-year",
                                     title=f"{topic.title} {year.year}年", crumbs=(HOME, index, here), articles=chunk,
                                     pager=pager, years=(year,), payload=topic))
    return pages


def _health_day_pages(catalog: Catalog, days: list[HealthDay], today: dt.date, page_size: int) -> list[Listing]:
    index = Crumb("卫生防病日", "topics/health-days/")
    entries = tuple(HealthDayEntry(day, date, health_day_url(day)) for day, date in upcoming(days, today, len(days)))
    pages = [Listing(url=index.url, kind="health-days", title=index.title, crumbs=(HOME,), payload=entries)]
    for entry in entries:
        articles = tuple(related_articles(entry.day, catalog.articles))
        for chunk, pager in paginate(articles, page_size, entry.url):
            pages.append(Listing(url=pager.urls[pager.number - 1], kind="health-day", title=entry.day.name,
                                 crumbs=(HOME, index), articles=chunk, pager=pager, description=entry.day.description,
                                 payload=entry))
    return pages

