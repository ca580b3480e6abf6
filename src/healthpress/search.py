"""The site search index: Pagefind's extended build (it segments Chinese) over the article pages.

Only the article pages are indexed (and in them only the `data-pagefind-body` element), so listings,
archives and tag pages do not crowd the results; a reader's browser downloads only the index chunks
a query needs instead of the whole site's text.

Pagefind holds every page it indexes in memory (~0.6 MiB an article) and cannot add to an index, so
the articles are indexed in date shards of at most 500 pages (searchshards.py), one Pagefind process
at a time, and search.js merges the shards in the browser. A shard whose pages are unchanged (the
same page-cache keys) is hard-linked from the cache instead of indexed again. A build hands a shard
to Pagefind as soon as its last article is written, so the indexing runs beside the rendering.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .pagecache import place
from .staging import Snapshot, list_files
from .searchshards import (DEFAULT_MAX_SHARD_PAGES, OUTPUT_FOLDER, ArticlePage, PagefindRun, entry_page_count,
                           pagefind_executable, plan_shards, write_manifest)

CACHE_FOLDER = "search"
log = logging.getLogger("mkdocs.plugins.healthpress")


@dataclass(frozen=True, slots=True)
class IndexedPage:
    """An article page to index: its HTML file relative to the site, its date and its page-cache key."""

    path: str
    date: dt.date
    key: str


@dataclass
class SearchCounts:
    pages: int = 0
    shards: int = 0
    reused: int = 0
    placed: set[str] = field(default_factory=set)
    """Site-relative paths of the bundle files linked from the cache (the rest are new files)."""


class ShardedIndex:
    """The search index of one build. When the last page of a shard is written (`page_written`), the
    shard's key is made from its pages' keys; a shard the cache does not hold is handed to Pagefind
    at once, one Pagefind process at a time, while the build goes on rendering. `finish` waits for
    the rest, links the shards the cache holds and writes `shards.json`.

    A page's key is the digest of its bytes when the build reports it (a neighbour re-rendered to the
    same bytes leaves its shard alone), else the key it was listed with."""

    def __init__(self, site_dir: Path, pages: list[IndexedPage], cache_root: Path | None,
                 max_pages: int = DEFAULT_MAX_SHARD_PAGES, language: str = "zh-cn", present: Snapshot | None = None,
                 background: bool = False):
        self.site_dir, self.cache_root, self.language, self.present = site_dir, cache_root, language, present
        self.background = background
        self.plan = plan_shards([ArticlePage(page.path, page.date) for page in pages], max_pages)
        self._page_keys = {page.path: page.key for page in pages}
        self.binary = pagefind_executable()
        self._identity = f"{self.binary.resolve()}:{self.binary.stat().st_size}:{self.binary.stat().st_mtime_ns}:{language}"
        self.keys: dict[str, str] = {}
        self.bundle_root = site_dir / OUTPUT_FOLDER
        self._waiting = {name: len(paths) for name, paths in self.plan.items()}
        self._shard_of = {path: name for name, paths in self.plan.items() for path in paths}
        self._ready: list[str] = []
        self._running: PagefindRun | None = None
        self._indexed: set[str] = set()

    def _cached(self, name: str) -> Path | None:
        """The cached bundle of a shard whose pages are unchanged, or None."""
        if self.cache_root is None:
            return None
        cached = self.cache_root / CACHE_FOLDER / self.keys[name]
        return cached if (cached / "pagefind-entry.json").is_file() else None

    def page_written(self, path: str, key: str | None = None) -> None:
        """The page at this site-relative path is in the site folder, final (`key`: its bytes' digest)."""
        name = self._shard_of.pop(path, None)
        if name is not None:
            if key:
                self._page_keys[path] = key
            self._waiting[name] -= 1
            if self._waiting[name] == 0:
                self._complete(name)
        self._advance()

    def _complete(self, name: str) -> None:
        del self._waiting[name]
        pages = [(path, self._page_keys[path]) for path in self.plan[name]]
        self.keys[name] = hashlib.blake2b(json.dumps([self._identity, name, pages]).encode(), digest_size=20).hexdigest()
        if self._cached(name) is None:
            self._ready.append(name)

    def _advance(self, wait: bool = False) -> None:
        if self._running is not None and (wait or self._running.done()):
            run, self._running = self._running, None
            run.finish()
            self._indexed.add(run.name)
            if self.cache_root is not None:
                cached = self.cache_root / CACHE_FOLDER / self.keys[run.name]
                shutil.rmtree(cached, ignore_errors=True)
                _link_tree(run.out_dir, cached)
        if self._running is None and self._ready:
            name = self._ready.pop(0)
            self._running = PagefindRun(self.binary, self.site_dir, name, self.plan[name], self.bundle_root / name,
                                        self.language, self.background)

    def finish(self) -> SearchCounts:
        """Every shard in place and the manifest written."""
        for name in list(self._waiting):  # pages never reported: they are all written by now
            self._complete(name)
        self._ready += [name for name in self.plan  # a cached bundle gone since (another build pruned it)
                        if name not in self._indexed and name not in self._ready and self._cached(name) is None
                        and (self._running is None or self._running.name != name)]
        while self._running is not None or self._ready:
            self._advance(wait=True)
        counts = SearchCounts(shards=len(self.plan))
        page_counts: dict[str, int] = {}
        for name in self.plan:
            out_dir = self.bundle_root / name
            if name not in self._indexed:
                cached, prefix = self._cached(name), f"{OUTPUT_FOLDER}/{name}/"
                counts.placed.update(prefix + path for path in _link_tree(cached, out_dir, self.present, prefix))
                counts.reused += 1
            page_counts[name] = entry_page_count(out_dir)
        write_manifest(self.site_dir, self.plan, page_counts)
        if self.cache_root is not None:
            _prune(self.cache_root / CACHE_FOLDER, set(self.keys.values()))
        counts.pages = sum(page_counts.values())
        return counts

    def abort(self) -> None:
        """The build failed: stop Pagefind."""
        if self._running is not None:
            self._running.abort()
            self._running = None


def finish_search_index(index: ShardedIndex) -> SearchCounts:
    """What is left of the index once every page is written (a function of its own: the benchmark times it)."""
    return index.finish()


def build_search_index(site_dir: Path, pages: list[IndexedPage], cache_root: Path | None,
                       max_pages: int = DEFAULT_MAX_SHARD_PAGES, language: str = "zh-cn",
                       present: Snapshot | None = None, background: bool = False) -> SearchCounts:
    """Write `site_dir/pagefind/<shard>/` and `shards.json` for `pages`, whose files are all written
    (`background`: Pagefind at a lower priority than the build)."""
    return ShardedIndex(site_dir, pages, cache_root, max_pages, language, present, background).finish()


class BackgroundIndex:
    """`healthpress serve` indexes after the pages are served: the saved article shows at once and
    the search results follow a moment later. Indexes run one after another, never two at once."""

    _running: threading.Thread | None = None

    @classmethod
    def start(cls, *args, **kwargs) -> None:
        previous = cls._running

        def run() -> None:
            if previous is not None:
                previous.join()
            try:
                counts = build_search_index(*args, **kwargs, background=True)
                log.info(f"搜索索引：{counts.pages} 篇文章，{counts.shards} 个分片（{counts.reused} 个沿用缓存）")
            except Exception as exc:  # a preview without search is still a preview
                log.warning(f"预览的搜索索引没有生成：{exc}")

        cls._running = threading.Thread(target=run, name="healthpress-search-index", daemon=True)
        cls._running.start()

    @classmethod
    def wait(cls) -> None:
        if cls._running is not None:
            cls._running.join()
            cls._running = None


def _link_tree(source: Path, destination: Path, present: Snapshot | None = None, prefix: str = "") -> list[str]:
    """Place every file of `source` at the same place under `destination`; their relative paths.

    A file `present` already lists at `prefix + path` as that very file is left alone."""
    placed = []
    for relative, stat in sorted(list_files(source).items()):
        if present is None or present.get(prefix + relative, (None,))[0] != stat[0]:
            place(f"{source}/{relative}", f"{destination}/{relative}")
        placed.append(relative)
    return placed


def _prune(folder: Path, used: set[str]) -> None:
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.name not in used:
                shutil.rmtree(entry, ignore_errors=True)

