"""Finished pages kept between builds, outside site/: a page is reused only when its key is unchanged.

A key is the digest of everything the page is made from (fingerprint.py): the healthpress code and
the versions of MkDocs, material and Markdown, mkdocs.yml, the templates, the column and data files,
the site's file list and nav, and the page's own view (the article, its neighbours, what is known of
them). A changed input gives a new key, so a stale page cannot be found; nothing is ever looked up by
file name or date.

Layout (`.cache/healthpress/` by default):
    pages/ab/abcdef….html   the finished page, hard-linked into the staging folder when reused
    pages.pickle            key → what the build learned rendering the page (summary, links, ...)
After a successful build, entries that build did not use are deleted.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from healthpress.storage import resident
from healthpress.storage.files import read_pickle, write_atomic

INDEX_NAME = "pages.pickle"
INODES_NAME = "inodes"
"""Kept in memory only, by `serve` (resident.py): (device, inode) of each page file its rebuilds looked at."""
PAGES_DIR = "pages"


class PageCache:
    """The cache of one build; `root=None` disables it (every lookup misses, nothing is stored)."""

    def __init__(self, root: Path | None):
        self.root = root
        self._index: dict[str, dict] = {}
        self._used: set[str] = set()
        self._inodes: dict[str, tuple[int, int]] = {}
        self._recorded = False
        self._pages = str(root / PAGES_DIR) if root is not None else ""
        if root is not None:
            index = resident.load(root / INDEX_NAME, lambda: read_pickle(root / INDEX_NAME, {}))
            self._index = dict(index)  # a copy: `record` adds to it
            self._inodes = resident.load(root / INODES_NAME, dict)  # serve: what its earlier rebuilds saw

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def path_of(self, key: str) -> Path:
        return Path(self._file_of(key))

    def _file_of(self, key: str) -> str:
        assert self.root is not None
        return f"{self._pages}/{key[:2]}/{key}.html"  # a format string: pathlib's joins cost 30 µs a page

    def lookup(self, key: str) -> dict | None:
        """What was recorded with the page of this key, when the page is still there; else None."""
        if self.root is None:
            return None
        facts = self._index.get(key)
        if facts is None:
            return None
        try:
            stat = os.stat(self._file_of(key))
            self._inodes[key] = (stat.st_dev, stat.st_ino)
        except OSError:
            return None
        self._used.add(key)
        return facts

    def inode_of(self, key: str) -> tuple[int, int] | None:
        """(device, inode) of the page of a key (a folder that already holds it need not link it); None when
        the cache does not hold it."""
        known = self._inodes.get(key)
        if known is None and self.root is not None and key in self._index:
            try:
                stat = os.stat(self._file_of(key))
            except OSError:
                return None
            known = self._inodes[key] = (stat.st_dev, stat.st_ino)
        return known

    def reuse_in_place(self, key: str, inode: tuple[int, int]) -> dict | None:
        """What was recorded with the page of this key, without looking at the cache, when the file `inode`
        (a page already in the site folder) is that page as an earlier rebuild of `serve` placed it."""
        if self._inodes.get(key) != inode:  # a build (not serve) knows no inodes yet: no look-up at all
            return None
        facts = self._index.get(key)
        if facts is None:
            return None
        self._used.add(key)
        return facts

    def record(self, key: str, facts: dict) -> None:
        if self.root is not None:
            self._inodes.pop(key, None)  # its file was written again
            self._index[key] = facts
            self._used.add(key)
            self._recorded = True

    def save(self) -> None:
        """Keep exactly the entries this build used; written atomically."""
        if self.root is None or (not self._recorded and self._used == self._index.keys()):
            return  # this build used exactly what the cache holds
        kept = {key: self._index[key] for key in sorted(self._used) if key in self._index}
        resident.store(self.root / INDEX_NAME, kept, lambda: self._write(kept))

    def _write(self, kept: dict[str, dict]) -> None:
        write_atomic(self.root / INDEX_NAME, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
        pages = self.root / PAGES_DIR
        if pages.is_dir():
            for shard in pages.iterdir():
                for page in shard.iterdir():
                    if page.suffix != ".html" or page.stem not in kept:
                        page.unlink(missing_ok=True)
