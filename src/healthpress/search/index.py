"""The site search index: Pagefind's extended build (it segments Chinese) over the article pages.

Only the article pages are indexed (and in them only the `data-pagefind-body` element), so listings,
archives and tag pages do not crowd the results; a reader's browser downloads only the index chunks
a query needs instead of the whole site's text.

Pagefind holds every page it indexes in memory (~0.6 MiB an article) and cannot add to an index, so
the articles are indexed in date shards of at most 500 pages (shards.py), one Pagefind process
at a time beside the rendering and two once every page is written, and search.js merges the shards
in the browser. Pagefind reads each page's search record (its `data-pagefind-body` element alone,
indexedtext.py), not the page. A shard whose pages are unchanged for Pagefind (the same search keys: the
digests of their records, so a change the theme alone makes re-indexes nothing) is
hard-linked from the cache instead of indexed again, once its files are checked (bundles.py). In `serve`, a shard with a
few changed pages keeps its last full bundle and indexes only those pages into a patch (patches.py);
a build never patches: it publishes exactly the bundles a build without a cache makes. A build hands a
shard to Pagefind as soon as its last article is written, so the indexing runs beside the rendering.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from healthpress.storage.files import Damaged
from healthpress.storage.snapshot import Snapshot
from healthpress.search.bundles import BundleCache, CachedBundle, place_bundle
from healthpress.search.indexedtext import RECORD_FORMAT
from healthpress.search.patches import (PATCH_SUFFIX, RECORDS_FOLDER, BaseRecord, Patch, fragment_ids, load_record,
                                        plan_patch, prune_records, save_record, superseded_results)
from healthpress.search.pagefindbinary import pagefind_executable
from healthpress.search.shards import (DEFAULT_MAX_SHARD_PAGES, OUTPUT_FOLDER, ArticlePage, PagefindRun, ShardEntry,
                           entry_page_count, plan_shards, write_manifest)

CACHE_FOLDER = "search"
TAIL_RUNS = 2
"""Pagefind processes at once after the last page is written: the rendering workers have ended by then, so
two of them (about 300 MiB each) take the cores the workers had, and the build's total memory stays below
what it was while rendering."""
POLL_SECONDS = 0.02
log = logging.getLogger("mkdocs.plugins.healthpress")


@dataclass(frozen=True, slots=True)
class IndexedPage:
    """An article page to index: its HTML file relative to the site, its date and its search key (what Pagefind
    reads from it; its page-cache key until it is rendered)."""

    path: str
    date: dt.date
    key: str


@dataclass
class SearchCounts:
    pages: int = 0
    shards: int = 0
    reused: int = 0
    patched: int = 0
    """Shards kept from their last full bundle plus a patch of their changed pages."""
    placed: set[str] = field(default_factory=set)
    """Site-relative paths of the bundle files linked from the cache (the rest are new files)."""
    dropped: int = 0
    """Cached bundles (or patch records) that failed their check: deleted, their shards indexed again."""

    def summary(self) -> str:
        patched = f"，{self.patched} 个只补索引改动的文章" if self.patched else ""
        dropped = (f"；缓存里有 {self.dropped} 个分片与记录不符（文件被改动或损坏），已丢弃并重新建立索引"
                   if self.dropped else "")
        return f"搜索索引：{self.pages} 篇文章，{self.shards} 个分片（{self.reused} 个沿用缓存{patched}）{dropped}"


class ShardedIndex:
    """The search index of one build. When the last page of a shard is written (`page_written`), the
    shard's key is made from its pages' keys; a shard the cache does not hold is handed to Pagefind
    at once (whole, or only its changed pages as a patch to its last full bundle), one Pagefind
    process at a time, while the build goes on rendering. `finish` waits for the rest, links the
    bundles the cache holds and writes `shards.json`.

    A page's key is the digest of its search record when the build reports it (a neighbour
    re-rendered to other bytes but the same indexed text leaves its shard alone), else the key it was
    listed with. `patches` (serve) lets a shard
    with a few changed pages be patched instead of indexed whole."""

    def __init__(self, site_dir: Path, pages: list[IndexedPage], cache_root: Path | None,
                 max_pages: int = DEFAULT_MAX_SHARD_PAGES, language: str = "zh-cn", present: Snapshot | None = None,
                 background: bool = False, patches: bool = False, binary: Path | None = None):
        self.site_dir, self.cache_root, self.language, self.present = site_dir, cache_root, language, present
        self.background, self.max_pages, self.patching = background, max_pages, patches
        self.bundles = BundleCache(cache_root / CACHE_FOLDER if cache_root is not None else None)
        self._dropped_records = 0
        self.plan = plan_shards([ArticlePage(page.path, page.date) for page in pages], max_pages)
        self._page_keys = {page.path: page.key for page in pages}
        self.binary = binary or pagefind_executable()
        self._identity = (f"{self.binary.resolve()}:{self.binary.stat().st_size}:{self.binary.stat().st_mtime_ns}:"
                          f"{language}:{RECORD_FORMAT}")
        self.keys: dict[str, str] = {}
        """Bundle name (a shard's, or its patch's: `<shard>.patch`) -> the cache key of the bundle placed there."""
        self.patches: dict[str, Patch] = {}
        self.bundle_root = site_dir / OUTPUT_FOLDER
        self._waiting = {name: len(paths) for name, paths in self.plan.items()}
        self._shard_of = {path: name for name, paths in self.plan.items() for path in paths}
        self._ready: list[str] = []
        self._running: list[PagefindRun] = []
        self._taken: list[PagefindRun] = []
        """Runs whose bundles are in place, their scratch trees still to delete: in threads once `finish` has begun
        (while pages are rendered, a thread alive would keep the next phase from forking its workers);
        `_cleaned` waits for them."""
        self._finishing = False
        self._at_once = 1
        """Pagefind processes at a time: one beside the rendering, TAIL_RUNS once every page is written."""
        self._indexed: set[str] = set()
        self._paused = False
        self._lock = threading.Lock()
        """Held while Pagefind processes are started, paused or resumed (a preview pauses from another thread)."""

    def pause(self, paused: bool = True) -> None:
        """Stop the Pagefind processes and start no more (`paused=False`: go on)."""
        with self._lock:
            self._paused = paused
            for run in self._running:
                run.pause() if paused else run.resume()

    def resume(self) -> None:
        self.pause(False)

    def _cached(self, bundle: str) -> CachedBundle | None:
        """The cached bundle of this name's key, its files checked, or None."""
        return self.bundles.get(self.keys[bundle])

    def _bundles(self, name: str) -> list[str]:
        """The bundles a shard is made of: its own, and its patch's when the patch indexes pages."""
        patch = self.patches.get(name)
        return [name, name + PATCH_SUFFIX] if patch is not None and patch.changed else [name]

    def _paths(self, bundle: str) -> list[str]:
        if bundle.endswith(PATCH_SUFFIX):
            return list(self.patches[bundle[: -len(PATCH_SUFFIX)]].changed)
        return self.plan[bundle]

    def page_written(self, path: str, key: str | None = None) -> None:
        """The page at this site-relative path is in the site folder, final (`key`: its search key)."""
        name = self._shard_of.pop(path, None)
        if name is not None:
            if key:
                self._page_keys[path] = key
            self._waiting[name] -= 1
            if self._waiting[name] == 0:
                self._complete(name)
        self._advance()

    def _digest(self, *parts) -> str:
        return hashlib.blake2b(json.dumps([self._identity, *parts]).encode(), digest_size=20).hexdigest()

    def _complete(self, name: str) -> None:
        del self._waiting[name]
        pages = [(path, self._page_keys[path]) for path in self.plan[name]]
        self.keys[name] = self._digest(name, pages)
        if self._cached(name) is not None:
            return
        patch = self._patch(name, dict(pages))
        if patch is None:
            self._ready.append(name)
            return
        self.patches[name], self.keys[name] = patch, patch.base.key
        if patch.changed:
            bundle = name + PATCH_SUFFIX
            self.keys[bundle] = self._digest(bundle, patch.base.key, [(p, self._page_keys[p]) for p in patch.changed],
                                             patch.removed)
            if self._cached(bundle) is None:
                self._ready.append(bundle)

    def _patch(self, name: str, pages: dict[str, str]) -> Patch | None:
        """A patch to the shard's last full bundle, when patching and the cache still holds that bundle."""
        if self.cache_root is None or not self.patching:
            return None
        try:
            record = load_record(self.cache_root, name)
        except Damaged:
            record = None
            self._dropped_records += 1
        patch = plan_patch(record, pages, self.max_pages)
        if patch is None or self.bundles.get(patch.base.key) is None:
            return None
        return patch

    def _advance(self, wait: bool = False) -> None:
        """Take the bundles Pagefind has made (`wait`: until one is made, or the pause is over), then start
        the next ones."""
        while wait and (self._paused or (self._running and not any(run.done() for run in self._running))):
            time.sleep(POLL_SECONDS)
        with self._lock:
            finished = [run for run in self._running if run.done()]
            self._running = [run for run in self._running if run not in finished]
        self._taken.extend(finished)
        for run in finished:
            self._take(run)
        with self._lock:
            while not self._paused and len(self._running) < self._at_once and self._ready:
                bundle = self._ready.pop(0)
                self._running.append(PagefindRun(self.binary, self.site_dir, bundle, self._paths(bundle),
                                                 self.bundle_root / bundle, self.language, self.background))

    def _take(self, run: PagefindRun) -> None:
        run.finish()
        if self._finishing:
            run.clean_up()
        self._indexed.add(run.name)
        if self.cache_root is not None:
            self.bundles.put(self.keys[run.name], run.out_dir)
            if self.patching and run.name in self.plan:  # a full bundle: the base of this shard's next patches
                save_record(self.cache_root, run.name, BaseRecord(
                    self.keys[run.name], {path: self._page_keys[path] for path in self.plan[run.name]},
                    fragment_ids(run.out_dir)))

    def finish(self) -> SearchCounts:
        """Every shard in place and the manifest written."""
        self._finishing = True
        for run in self._taken:
            run.clean_up()
        for name in list(self._waiting):  # pages never reported: they are all written by now
            self._complete(name)
        for name in self.plan:
            if name in self.patches and self._cached(name) is None:  # its base gone since: index it whole
                del self.patches[name]
                self.keys.pop(name + PATCH_SUFFIX, None)
                self._ready = [b for b in self._ready if b != name + PATCH_SUFFIX]
                self._indexed.discard(name + PATCH_SUFFIX)
                shutil.rmtree(self.bundle_root / (name + PATCH_SUFFIX), ignore_errors=True)
                self.keys[name] = self._digest(name, [(path, self._page_keys[path]) for path in self.plan[name]])
        running = {run.name for run in self._running}
        reused: dict[str, CachedBundle] = {}
        for name in self.plan:
            for bundle in self._bundles(name):
                if bundle not in self._indexed and bundle not in self._ready and bundle not in running:
                    cached = self._cached(bundle)
                    if cached is None:  # cached, but gone or changed since
                        self._ready.append(bundle)
                    else:
                        reused[bundle] = cached
        self._at_once = TAIL_RUNS if not self.background else 1
        self._advance()
        try:
            while self._running or self._ready:
                self._advance(wait=True)
        finally:  # a failed shard too: the scratch trees of those taken are gone when this raises
            self._cleaned()
        counts = SearchCounts(shards=len(self.plan))
        entries = []
        for name in self.plan:
            for bundle in self._bundles(name):
                if bundle not in self._indexed:
                    prefix = f"{OUTPUT_FOLDER}/{bundle}/"
                    placed = place_bundle(reused[bundle], self.bundle_root / bundle, self.present, prefix)
                    counts.placed.update(prefix + path for path in placed)
            entries.append(self._entry(name))
            counts.reused += name not in self._indexed and name not in self.patches
            counts.patched += name in self.patches
        write_manifest(self.site_dir, entries)
        if self.cache_root is not None:
            self.bundles.prune(set(self.keys.values()))
            if self.patching:
                prune_records(self.cache_root, set(self.plan))
            else:  # a build makes no patches: the records are serve's
                shutil.rmtree(self.cache_root / RECORDS_FOLDER, ignore_errors=True)
        counts.pages = sum(entry.pages for entry in entries)
        counts.dropped = self.bundles.dropped + self._dropped_records
        return counts

    def _entry(self, name: str) -> ShardEntry:
        """The shard's line in shards.json: its bundles and, for a patched shard, the results it drops."""
        patch = self.patches.get(name)
        if patch is None:
            return ShardEntry(name, entry_page_count(self.bundle_root / name))
        patch_bundle = self.bundle_root / (name + PATCH_SUFFIX) if patch.changed else None
        return ShardEntry(name, len(self.plan[name]), patch_bundle.name if patch_bundle else None,
                          superseded_results(patch, patch_bundle))

    def abort(self) -> None:
        """The build failed: stop Pagefind."""
        with self._lock:
            for run in self._running:
                run.resume()
                run.abort()
            self._running = []
        self._cleaned()

    def _cleaned(self) -> None:
        """Every scratch tree of the runs taken is deleted."""
        for run in self._taken:
            run.cleaned()
        self._taken = []


def build_search_index(site_dir: Path, pages: list[IndexedPage], cache_root: Path | None,
                       max_pages: int = DEFAULT_MAX_SHARD_PAGES, language: str = "zh-cn",
                       present: Snapshot | None = None, background: bool = False, patches: bool = False) -> SearchCounts:
    """Write `site_dir/pagefind/<shard>/` and `shards.json` for `pages`, whose files are all written
    (`background`: Pagefind at a lower priority than the build; `patches`: as `serve` indexes)."""
    return ShardedIndex(site_dir, pages, cache_root, max_pages, language, present, background, patches).finish()


class BackgroundIndex:
    """`healthpress serve` indexes after the pages are served: the saved article shows at once and
    the search results follow a moment later. Indexes run one after another, never two at once, on
    cores nothing else wants, and wait while the preview rebuilds (`pause`, `resume`)."""

    _running: threading.Thread | None = None
    _index: ShardedIndex | None = None
    _paused = False
    _lock = threading.Lock()

    @classmethod
    def start(cls, site_dir: Path, pages: list[IndexedPage], cache_root: Path | None,
              max_pages: int = DEFAULT_MAX_SHARD_PAGES, binary: Path | None = None) -> None:
        previous = cls._running

        def run() -> None:
            if previous is not None:
                previous.join()
            try:
                index = ShardedIndex(site_dir, pages, cache_root, max_pages, background=True, patches=True,
                                     binary=binary)
                with cls._lock:
                    cls._index = index
                    index.pause(cls._paused)
                counts = index.finish()
                log.info(counts.summary())
            except Exception as exc:  # a preview without search is still a preview
                log.warning(f"预览的搜索索引没有生成：{exc}")

        cls._running = threading.Thread(target=run, name="healthpress-search-index", daemon=True)
        cls._running.start()

    @classmethod
    def pause(cls, paused: bool = True) -> None:
        """A rebuild begins: the index being made waits (`paused=False`: the rebuild is over)."""
        with cls._lock:
            cls._paused = paused
            if cls._index is not None:
                cls._index.pause(paused)

    @classmethod
    def resume(cls) -> None:
        cls.pause(False)

    @classmethod
    def wait(cls) -> None:
        cls.resume()
        if cls._running is not None:
            cls._running.join()
            cls._running = None
