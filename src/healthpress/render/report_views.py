"""The yearly reports as pages: `reports/` lists every completed year, each report a page of its own (pure).

A year is listed once it is over (before the build's day) and the site published an article in it (an
entry of data/annual-report.yml alone makes no report: the site did not yet exist that year). Each year has its 政府网站工作年度报表
(`reports/<year>/website/`) and its 政府信息公开工作年度报告 (`reports/<year>/disclosure/`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from healthpress.bureau.data import BureauData
from healthpress.bureau.interviews import Interview
from healthpress.bureau.letters import Letter
from healthpress.bureau.surveys import Survey
from healthpress.bureau.reportcounts import YearIndex, count_year, index_years
from healthpress.bureau.reportforms import ReportForm, SiteIdentity, build_disclosure_form, build_website_form
from healthpress.bureau.topics import Topic
from healthpress.model.articles import Article
from healthpress.model.catalog import Catalog
from healthpress.model.columns import Column
from healthpress.model.publication import publication_state
from healthpress.render.views import Crumb, Listing

HOME = Crumb("首页", "")
INDEX = Crumb("年度报表和报告", "reports/")
KINDS = ("website", "disclosure")


@dataclass(frozen=True, slots=True)
class Activities:
    """The site model's letters, surveys and interviews, by src_uri: what the reports count of them."""

    letters: Mapping[str, Letter]
    surveys: Mapping[str, Survey]
    interviews: Mapping[str, Interview]


@dataclass(frozen=True, slots=True)
class ReportLink:
    """One report on the index: its year, title, address and whether every value of it is there."""

    year: int
    title: str
    url: str
    complete: bool


def report_url(year: int, kind: str) -> str:
    return f"reports/{year}/{kind}/"


def completed_years(index: YearIndex, today: dt.date, filled: Iterable[int] = ()) -> tuple[int, ...]:
    """The years the reports page lists, newest first: over by `today`, with an article published then
    or an entry in data/annual-report.yml (`filled`)."""
    return tuple(sorted((y for y in {*index.by_year, *filled} if y < today.year), reverse=True))


def report_index(catalog: Catalog, withheld: Sequence[Article], columns: Mapping[str, Column],
                 topics: Iterable[Topic], now: dt.datetime) -> YearIndex:
    """The articles the reports count, indexed: those published now and those published once and expired
    since (`withheld`: the site model's; an article taken down in 2026 was still published in 2025)."""
    expired = [a for a in withheld if publication_state(a, now) == "expired"]
    articles = tuple(sorted((*catalog.articles, *expired), key=lambda a: a.date, reverse=True)) if expired \
        else catalog.articles
    return index_years(articles, columns, topics)


def last_completed_year(today: dt.date) -> int:
    return today.year - 1


def build_report(kind: str, year: int, catalog: Catalog, columns: Mapping[str, Column], bureau: BureauData,
                 activities: Activities, site: SiteIdentity, now: dt.datetime, index: YearIndex | None = None
                 ) -> ReportForm:
    """One report of one year: what the site counts and what the data file says (`index`: the catalog's
    articles indexed once for several reports)."""
    index = index or index_years(catalog.articles, columns, bureau.topics)
    counts = count_year(year, index, columns, activities.letters, activities.surveys, activities.interviews, now)
    figures = bureau.annual_report.of(year) if bureau.annual_report else None
    if kind == "website":
        return build_website_form(year, counts, figures, site)
    return build_disclosure_form(year, counts, figures)


def build_report_listings(catalog: Catalog, columns: Mapping[str, Column], bureau: BureauData,
                          activities: Activities, site: SiteIdentity, now: dt.datetime,
                          withheld: Sequence[Article] = ()) -> list[Listing]:
    """The reports page and a page per report of every completed year."""
    today = now.date()
    pages: list[Listing] = []
    links: list[ReportLink] = []
    index = report_index(catalog, withheld, columns, bureau.topics, now)
    filled = (entry.year for entry in bureau.annual_report.years) if bureau.annual_report else ()
    for year in completed_years(index, today, filled):
        for kind in KINDS:
            form = build_report(kind, year, catalog, columns, bureau, activities, site, now, index)
            links.append(ReportLink(year, form.heading, report_url(year, kind), form.complete))
            pages.append(Listing(url=report_url(year, kind), kind="report", title=form.heading, crumbs=(HOME, INDEX),
                                 payload=form))
    pages.insert(0, Listing(url=INDEX.url, kind="reports", title=INDEX.title, crumbs=(HOME,), payload=tuple(links)))
    return pages
