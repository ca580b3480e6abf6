"""Listing pages (home, column, archive, tag) described as plain data (pure).

Each `Listing` names the generated source file it becomes (`src_uri`), its title, its
breadcrumbs and the slice of articles it shows; the plugin turns them into MkDocs files and
the templates in `templates/healthpress/` render them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from healthpress.model.archive import Month, Year, build_periods
from healthpress.bureau.periodical import Issue, IssueYear, all_issue_neighbours, build_issues, current_issue, issues_by_year
from healthpress.model.articles import Article
from healthpress.model.catalog import Catalog, pinned_then_newest
from healthpress.model.columns import Column
from healthpress.model.dates import chinese_month

HOME_LATEST = 10


@dataclass(frozen=True, slots=True)
class Crumb:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a page sits in a paginated listing; URLs are relative to the site root."""

    number: int
    total: int
    urls: tuple[str, ...]

    @property
    def previous_url(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.urls[self.number] if self.number < self.total else None


@dataclass(frozen=True, slots=True)
class HomeBlock:
    column: Column
    articles: tuple[Article, ...]
    total: int


@dataclass(frozen=True)
class Listing:
    """One generated page of the site."""

    url: str
    kind: str
    title: str
    crumbs: tuple[Crumb, ...]
    articles: tuple[Article, ...] = ()
    pager: Pager | None = None
    column: Column | None = None
    years: tuple[Year, ...] = ()
    months: tuple[Month, ...] = ()
    tags: tuple[tuple[str, str, int], ...] = ()
    blocks: tuple[HomeBlock, ...] = field(default=(), repr=False)
    description: str = ""
    issue: Issue | None = None
    issue_years: tuple[IssueYear, ...] = ()
    neighbours: tuple[Issue | None, Issue | None] = (None, None)
    current_issues: tuple[tuple[Column, Issue], ...] = ()
    payload: object = None
    """Kind-specific data of the bureau's own pages (statistics, health days, groups)."""
    in_sitemap: bool = True
    """False for a page that only shows again what other pages of the sitemap list (a later page of one
    of the catalogue's other sort orders)."""

    @property
    def src_uri(self) -> str:
        return src_uri_for(self.url)

    @property
    def archive_base(self) -> str:
        """Where this listing's year pages live: the column's archive or the site's."""
        return f"{self.column.id}/archive/" if self.column else "archive/"

    @property
    def template(self) -> str:
        return f"healthpress/{self.kind}.html"


def src_uri_for(url: str) -> str:
    """The generated source file whose directory URL is `url` ('' is the home page)."""
    return f"{url}index.md"


def paginate(items: tuple[Article, ...], size: int, base_url: str) -> Iterator[tuple[tuple[Article, ...], Pager]]:
    """Slices of `items`, the first at `base_url`, then `base_url/page/2/` ...; one empty page if none."""
    total = max(1, -(-len(items) // size))
    urls = tuple(base_url if n == 1 else f"{base_url}page/{n}/" for n in range(1, total + 1))
    for n in range(1, total + 1):
        yield items[(n - 1) * size : n * size], Pager(n, total, urls)


def build_listings(catalog: Catalog, columns: dict[str, Column], page_size: int) -> list[Listing]:
    """Every generated page of the site, in a stable order."""
    home = Crumb("首页", "")
    listings = [build_home(catalog, columns)]
    for column in columns.values():
        listings += _column_pages(catalog, column, home)
    listings += _archive_pages(catalog.articles, page_size, home)
    listings += _tag_pages(catalog, page_size, home)
    listings.append(Listing(url="search/", kind="search", title="搜索", crumbs=(home,)))
    return listings


def build_home(catalog: Catalog, columns: dict[str, Column]) -> Listing:
    blocks = tuple(
        HomeBlock(column, tuple(sorted(catalog.by_column[column.id], key=pinned_then_newest)[: column.home_items]),
                  len(catalog.by_column[column.id]))
        for column in columns.values() if column.home_items > 0
    )
    current = tuple((column, issue) for column in columns.values() if column.kind == "periodical"
                    for issue in [current_issue(build_issues(catalog.by_column[column.id]))] if issue)
    return Listing(url="", kind="home", title="首页", crumbs=(), articles=catalog.articles[:HOME_LATEST],
                   blocks=blocks, current_issues=current)


def _column_pages(catalog: Catalog, column: Column, home: Crumb) -> list[Listing]:
    in_column = tuple(sorted(catalog.by_column[column.id], key=pinned_then_newest))
    here = Crumb(column.title, column.url)
    pages = [
        Listing(url=pager.urls[pager.number - 1], kind="column", title=_numbered(column.title, pager),
                crumbs=(home,) if pager.number == 1 else (home, here), articles=chunk, pager=pager,
                column=column, description=column.description)
        for chunk, pager in paginate(in_column, column.page_size, column.url)
    ]
    if column.kind == "periodical":
        pages += _issue_pages(catalog.by_column[column.id], column, home, here)
    if column.kind == "letters":
        pages.append(Listing(url=f"{column.id}/write/", kind="mailbox", title=f"给{column.title}写信",
                             crumbs=(home, here), column=column, description=column.description))
    years = build_periods(catalog.by_column[column.id])
    archive_url = f"{column.id}/archive/"
    archive = Crumb(f"{column.title}归档", archive_url)
    pages.append(Listing(url=archive_url, kind="archive-index", title=archive.title, crumbs=(home, here),
                         years=years, column=column))
    for year in years:
        for chunk, pager in paginate(year.articles, column.page_size, f"{archive_url}{year.year}/"):
            pages.append(Listing(url=pager.urls[pager.number - 1], kind="archive-year",
                                 title=_numbered(f"{column.title} {year.year}年", pager),
                                 crumbs=(home, here, archive), articles=chunk, pager=pager, column=column,
                                 years=(year,)))
    return pages


def issue_url(column: Column, number: int) -> str:
    return f"{column.id}/issues/{number}/"


def _issue_pages(articles: tuple[Article, ...], column: Column, home: Crumb, here: Crumb) -> list[Listing]:
    """A periodical's list of issues by year, and a page per issue (第N期) with its neighbours."""
    issues = build_issues(articles)
    index = Crumb(f"{column.title}各期", f"{column.id}/issues/")
    pages = [Listing(url=index.url, kind="issues", title=index.title, crumbs=(home, here), column=column,
                     issue_years=issues_by_year(issues))]
    neighbours = all_issue_neighbours(issues)
    for issue in issues:
        pages.append(Listing(url=issue_url(column, issue.number), kind="issue",
                             title=f"{column.title} {issue.label}", crumbs=(home, here, index),
                             articles=issue.articles, column=column, issue=issue,
                             neighbours=neighbours[issue.number]))
    return pages


def _archive_pages(articles: tuple[Article, ...], page_size: int, home: Crumb) -> list[Listing]:
    years = build_periods(articles)
    archive = Crumb("归档", "archive/")
    pages = [Listing(url=archive.url, kind="archive-index", title="归档", crumbs=(home,), years=years)]
    for year in years:
        year_crumb = Crumb(f"{year.year}年", f"archive/{year.year}/")
        pages.append(Listing(url=year_crumb.url, kind="archive-months", title=f"{year.year}年归档",
                             crumbs=(home, archive), years=(year,), months=year.months))
        for month in year.months:
            base = f"archive/{year.year}/{month.month:02d}/"
            for chunk, pager in paginate(month.articles, page_size, base):
                pages.append(Listing(url=pager.urls[pager.number - 1], kind="archive-month",
                                     title=_numbered(chinese_month(year.year, month.month), pager),
                                     crumbs=(home, archive, year_crumb), articles=chunk, pager=pager,
                                     months=(month,)))
    return pages


def _tag_pages(catalog: Catalog, page_size: int, home: Crumb) -> list[Listing]:
    tags = tuple((tag, catalog.tag_slugs[tag], len(items)) for tag, items in catalog.by_tag.items())
    index = Crumb("标签", "tags/")
    pages = [Listing(url=index.url, kind="tags", title="标签", crumbs=(home,), tags=tags)]
    for tag, slug, _ in tags:
        for chunk, pager in paginate(catalog.by_tag[tag], page_size, f"tags/{slug}/"):
            pages.append(Listing(url=pager.urls[pager.number - 1], kind="tag",
                                 title=_numbered(f"标签：{tag}", pager), crumbs=(home, index),
                                 articles=chunk, pager=pager))
    return pages


def _numbered(title: str, pager: Pager) -> str:
    return title if pager.number == 1 else f"{title}（第{pager.number}页）"
