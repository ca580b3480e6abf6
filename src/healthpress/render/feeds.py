"""RSS 2.0 and Atom feeds of the newest articles, rendered with feedgen (pure: returns bytes).

Every date in a feed comes from the articles, never from the clock, so feeds rebuild byte-identical.
Every entry has an author (RFC 4287 4.1.2): the article's unit and author when it names them, else the
bureau, which is the Atom feed's own author and the RSS item's dc:creator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from feedgen.feed import FeedGenerator

from healthpress.model.articles import Article


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed: where it lives and what it carries."""

    title: str
    description: str
    page_url: str
    rss_path: str
    atom_path: str
    articles: tuple[Article, ...]
    updated: dt.datetime
    """The newest article's date; for an empty feed the site's newest, never the clock."""


def render_feeds(spec: FeedSpec, site_url: str, summary: Callable[[Article], str], bureau: str,
                 language: str = "zh-CN") -> tuple[bytes, bytes]:
    """(RSS 2.0, Atom) for `spec`, with absolute URLs under `site_url`, dates in +08:00 and `bureau` the
    author of every article that names none."""
    base = site_url.rstrip("/") + "/"
    rss = _feed(spec, base, base + spec.rss_path, summary, bureau, language).rss_str(pretty=True)
    atom = _feed(spec, base, base + spec.atom_path, summary, bureau, language).atom_str(pretty=True)
    return rss, atom


def _feed(spec: FeedSpec, base: str, self_href: str, summary: Callable[[Article], str], bureau: str,
          language: str) -> FeedGenerator:
    feed = FeedGenerator()
    feed.load_extension("dc", atom=False, rss=True)  # RSS's author without an email; Atom has atom:author
    feed.id(base + spec.page_url)
    feed.author(name=bureau)
    feed.title(spec.title)
    feed.subtitle(spec.description or spec.title)
    feed.description(spec.description or spec.title)
    feed.link(href=self_href, rel="self")
    feed.link(href=base + spec.page_url, rel="alternate")  # last: feedgen takes RSS's <link> from it
    feed.language(language)
    feed.generator("healthpress")
    feed.updated(spec.updated)
    feed.lastBuildDate(spec.updated)
    feed.pubDate(spec.updated)
    for article in reversed(spec.articles):
        _add_entry(feed, article, base, summary(article), bureau)
    return feed


def _add_entry(feed: FeedGenerator, article: Article, base: str, summary: str, bureau: str) -> None:
    url = base + article.url
    entry = feed.add_entry()
    entry.id(url)
    entry.guid(url, permalink=True)
    entry.title(article.title)
    entry.link(href=url)
    entry.published(article.date)
    entry.updated(article.date)
    entry.summary(summary or article.title)
    for tag in article.tags:
        entry.category(term=tag)
    credit = " ".join(part for part in (article.unit, article.author) if part)
    if credit:
        entry.author(name=credit)
    entry.dc.dc_creator(credit or bureau)


def feed_specs(site_title: str, site_description: str, columns: Iterable, by_column: dict[str, tuple[Article, ...]],
               newest: tuple[Article, ...], items: int) -> list[FeedSpec]:
    """The site's feed and one per column."""
    site_updated = newest[0].date if newest else EPOCH
    specs = [FeedSpec(site_title, site_description, "", "feed.xml", "atom.xml", newest[:items], site_updated)]
    for column in columns:
        in_column = by_column[column.id]
        specs.append(FeedSpec(f"{column.title} - {site_title}", column.description, column.url,
                              f"{column.id}/feed.xml", f"{column.id}/atom.xml", in_column[:items],
                              in_column[0].date if in_column else site_updated))
    return specs


def write_feeds(site_dir: Path, model, facts, site_name: str, site_description: str, items: int,
                bureau: str = "") -> None:
    """The site's RSS and Atom feeds and each column's, into the output folder; `bureau` (the sponsor,
    else the site's name) is the feeds' author."""
    summary = lambda article: article.summary or facts.summaries.get(article.src_uri, "")  # noqa: E731
    specs = feed_specs(site_name, site_description, model.columns.values(), model.catalog.by_column,
                       model.catalog.articles, items)
    for spec in specs:
        rss, atom = render_feeds(spec, facts.site_url, summary, bureau or site_name)
        for relative, data in ((spec.rss_path, rss), (spec.atom_path, atom)):
            path = site_dir / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
