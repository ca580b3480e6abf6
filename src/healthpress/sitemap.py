"""sitemap.xml.gz dated by the newest page, so that two builds of one commit are byte-identical.

MkDocs dates the gzip by the pages of its own loop; healthpress renders articles and listings itself,
so the archive is written again here from every page the sitemap lists.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_timestamp


def write_sitemap_gz(site_dir: Path, pages: list[Page]) -> None:
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    target = site_dir / "sitemap.xml.gz"
    target.unlink(missing_ok=True)
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, filename=str(target), mode="wb",
                                                  mtime=get_build_timestamp(pages=pages or None)) as archive:
        archive.write(sitemap.read_bytes())
