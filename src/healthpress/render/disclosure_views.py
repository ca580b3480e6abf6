"""The 政府信息公开指南 and 政府信息公开目录 pages, described as listings (pure).

The catalogue lists every disclosed document (bureau/disclosure.py: the official documents) by 索引号.
Sorting and paging need no server and no JavaScript: every sort order is its own series of static
pages (`disclosure/catalogue/` by 索引号, `disclosure/catalogue/date-desc/` newest first, each with
`page/2/` ...), and each column heading of the table links to the page of its order. The sitemap lists
every page of the 索引号 order and the first page of each other order: their later pages are the same
documents again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from healthpress.bureau.disclosure import DisclosureRecord
from healthpress.bureau.disclosureguide import DisclosureGuide
from healthpress.bureau.interpretation import doc_no_key
from healthpress.model.articles import Article
from healthpress.render.views import Crumb, Listing, paginate

HOME = Crumb("首页", "")
GUIDE_URL = "disclosure/guide/"
CATALOGUE_URL = "disclosure/catalogue/"
GUIDE_TITLE = "政府信息公开指南"
CATALOGUE_TITLE = "政府信息公开目录"


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """One row of the catalogue: a document's disclosure record, its title and its address."""

    record: DisclosureRecord
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class SortColumn:
    """A sortable column of the table: its key in addresses, its heading, and its first direction."""

    key: str
    label: str
    descending_first: bool = False


SORT_COLUMNS = (
    SortColumn("index", "索引号"),
    SortColumn("topic", "分类"),
    SortColumn("date", "发文日期", descending_first=True),
    SortColumn("docno", "文号"),
    SortColumn("validity", "有效性"),
)
DEFAULT_ORDER = ("index", False)


def order_url(key: str, descending: bool) -> str:
    """The first page of an order: the catalogue itself for 索引号 ascending, else `<key>-asc|desc/`."""
    if (key, descending) == DEFAULT_ORDER:
        return CATALOGUE_URL
    return f"{CATALOGUE_URL}{key}-{'desc' if descending else 'asc'}/"


@dataclass(frozen=True, slots=True)
class Heading:
    """A column heading on one page: where clicking it leads, and how the page is sorted by it."""

    label: str
    url: str
    sort: str
    """aria-sort: ascending, descending or none."""
    action: str
    """What the link does, for a screen reader and a tooltip."""


@dataclass(frozen=True, slots=True)
class CataloguePage:
    """One page of one order of the catalogue."""

    entries: tuple[CatalogueEntry, ...]
    headings: tuple[Heading, ...]
    order_label: str
    total: int
    first_number: int
    guide_url: str | None


def natural_key(text: str | None) -> tuple:
    """Text with its runs of digits compared as numbers (…-2 before …-10); None last."""
    if text is None:
        return (1,)
    return (0, tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part))


def _sort_key(key: str):
    def index(entry: CatalogueEntry):
        return natural_key(entry.record.index_no)
    keys = {
        "index": index,
        "topic": lambda e: (e.record.topic, index(e)),
        "date": lambda e: (e.record.written_on, index(e)),
        "docno": lambda e: (natural_key(doc_no_key(e.record.doc_no) if e.record.doc_no else None), index(e)),
        "validity": lambda e: (e.record.validity, index(e)),
    }
    return keys[key]


def _order_label(column: SortColumn, descending: bool) -> str:
    if column.key == "date":
        return f"按{column.label}从新到旧" if descending else f"按{column.label}从旧到新"
    return f"按{column.label}降序" if descending else f"按{column.label}升序"


def _headings(key: str, descending: bool) -> tuple[Heading, ...]:
    headings = []
    for column in SORT_COLUMNS:
        if column.key == key:
            sort = "descending" if descending else "ascending"
            target = not descending
        else:
            sort, target = "none", column.descending_first
        headings.append(Heading(column.label, order_url(column.key, target), sort, _order_label(column, target)))
    return tuple(headings)


def catalogue_entries(records: Mapping[str, DisclosureRecord], articles: Mapping[str, Article]) -> tuple[CatalogueEntry, ...]:
    """Every disclosed document that readers see, in 索引号 order."""
    entries = [CatalogueEntry(record, articles[src_uri].title, articles[src_uri].url)
               for src_uri, record in records.items() if src_uri in articles]
    return tuple(sorted(entries, key=_sort_key("index")))


def build_disclosure_listings(
    records: Mapping[str, DisclosureRecord], articles: Mapping[str, Article], guide: DisclosureGuide | None,
    page_size: int,
) -> list[Listing]:
    """The guide (with data/disclosure-guide.yml) and the catalogue's pages in every order (when the site
    has a disclosed document; with a guide and none, the catalogue's one page saying so)."""
    entries = catalogue_entries(records, articles)
    pages: list[Listing] = []
    if guide is not None:
        pages.append(Listing(url=GUIDE_URL, kind="disclosure-guide", title=GUIDE_TITLE, crumbs=(HOME,),
                             payload=GuidePage(guide, CATALOGUE_URL)))
    if not entries and guide is None:
        return pages
    here = Crumb(CATALOGUE_TITLE, CATALOGUE_URL)
    for column in SORT_COLUMNS:
        for descending in (False, True):
            if not entries and (column.key, descending) != DEFAULT_ORDER:
                continue  # nothing to sort: the catalogue's one page says so
            ordered = tuple(sorted(entries, key=_sort_key(column.key), reverse=descending))
            label = _order_label(column, descending)
            headings = _headings(column.key, descending)
            base = order_url(column.key, descending)
            for chunk, pager in paginate(ordered, page_size, base):
                url = pager.urls[pager.number - 1]
                notes = [label] if base != CATALOGUE_URL else []
                notes += [f"第{pager.number}页"] if pager.number > 1 else []
                title = CATALOGUE_TITLE + (f"（{'，'.join(notes)}）" if notes else "")
                page = CataloguePage(chunk, headings, label, len(entries), (pager.number - 1) * page_size + 1,
                                     GUIDE_URL if guide is not None else None)
                pages.append(Listing(url=url, kind="disclosure-catalogue", title=title,
                                     crumbs=(HOME,) if url == CATALOGUE_URL else (HOME, here), pager=pager,
                                     payload=page, in_sitemap=base == CATALOGUE_URL or pager.number == 1))
    return pages


@dataclass(frozen=True, slots=True)
class GuidePage:
    """The guide, and the catalogue's address it links to."""

    guide: DisclosureGuide
    catalogue_url: str
