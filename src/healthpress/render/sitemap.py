"""sitemap.xml.gz dated by the newest page, so that two builds of one commit are byte-identical.

MkDocs dates the gzip by the pages of its own loop; healthpress renders articles and listings itself,
so the archive is written again here from every page the sitemap lists.
"""

from __future__ import annotations

import datetime as dt
import gzip
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    loc: str
    lastmod: str
    """YYYY-MM-DD: the article's date, or the newest article a listing shows."""


def write_sitemap_gz(site_dir: Path, entries: list[SitemapEntry], build_timestamp: int) -> None:
    """Gzip the sitemap, dated by its newest entry (`build_timestamp` when it has none: MkDocs' own, which
    honours SOURCE_DATE_EPOCH)."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    target = site_dir / "sitemap.xml.gz"
    target.unlink(missing_ok=True)
    newest = max((entry.lastmod for entry in entries), default=None)
    mtime = int(dt.datetime.fromisoformat(newest).timestamp()) if newest else build_timestamp
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, filename=str(target), mode="wb", mtime=mtime) as archive:
        archive.write(sitemap.read_bytes())
