"""Read every article of a site and build its model: catalog, listings and findings.

This is the whole domain pipeline without MkDocs: the plugin and `healthpress check` both
call it, so a check and a build always agree on what is wrong.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from .articles import Article, parse_article
from .catalog import Catalog, build_catalog
from .columns import Column
from .encoding import decode_source
from .findings import Finding, Level
from .views import Listing, build_listings

HOME_PAGE = "index.md"


@dataclass
class SiteModel:
    """Everything the build needs to know about the site's content."""

    columns: dict[str, Column]
    catalog: Catalog
    listings: list[Listing]
    drafts: list[Article]
    findings: list[Finding]
    paths: dict[str, str] = field(repr=False)

    @property
    def has_errors(self) -> bool:
        return any(f.level is Level.ERROR for f in self.findings)


def is_article_uri(src_uri: str) -> bool:
    """Markdown files inside a column folder are articles; top-level pages are plain pages."""
    return src_uri.endswith(".md") and "/" in src_uri


def load_articles(docs_dir: Path, src_uris: list[str], display_dir: str) -> tuple[list[Article], list[Finding], dict[str, str]]:
    """Parse every article file; returns the articles, all findings, and each file's display path."""
    articles: list[Article] = []
    findings: list[Finding] = []
    paths: dict[str, str] = {}
    for src_uri in sorted(src_uris):
        shown = posixpath.join(display_dir, src_uri)
        paths[src_uri] = shown
        text, found = decode_source(shown, (docs_dir / src_uri).read_bytes())
        findings += found
        if text is None:
            continue
        article, found = parse_article(shown, src_uri, text)
        findings += found
        if article:
            articles.append(article)
    return articles, findings, paths


def build_site_model(
    columns: dict[str, Column],
    articles: list[Article],
    paths: dict[str, str],
    findings: list[Finding],
    page_size: int,
    taken_uris: set[str] = frozenset(),
) -> SiteModel:
    """Catalog the published articles and describe every listing page."""
    published = [a for a in articles if not a.is_draft]
    drafts = [a for a in articles if a.is_draft]
    catalog, found = build_catalog(published, columns, paths)
    listings = build_listings(catalog, columns, page_size)
    clashes = [
        Finding(paths.get(l.src_uri, l.src_uri), None, None, "reserved-path",
                f"这个文件占用了系统生成页面 /{l.url} 的位置",
                "栏目首页、归档和标签页由系统生成；请把文件改名或移到别处，栏目介绍写在 columns/ 的 description 里")
        for l in listings if l.src_uri in taken_uris and l.src_uri != HOME_PAGE
    ]
    return SiteModel(columns, catalog, listings, drafts, findings + found + clashes, paths)
