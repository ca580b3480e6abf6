"""The site search index: Pagefind's extended build (it segments Chinese) over the article pages.

Only the article pages are indexed (and in them only the `data-pagefind-body` element), so listings,
archives and tag pages do not crowd the results; a reader's browser downloads only the index chunks
a query needs instead of the whole site's text.

Pagefind holds every page it indexes in memory (~0.6 MiB an article) and cannot add to an index, so
the articles are indexed in date shards of at most 500 pages (searchshards.py), one Pagefind process
at a time, and search.js merges the shards in the browser. A shard whose pages are unchanged (the
same page-cache keys) is hard-linked from the cache instead of indexed again.
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
from .searchshards import (DEFAULT_MAX_SHARD_PAGES, OUTPUT_FOLDER, ArticlePage, entry_page_count, pagefind_executable, plan_shards,
                           run_pagefind, write_manifest)

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


def build_search_index(site_dir: Path, pages: list[IndexedPage], cache_root: Path | None,
                       max_pages: int = DEFAULT_MAX_SHARD_PAGES, language: str = "zh-cn",
                       present: Snapshot | None = None) -> SearchCounts:
    """Write `site_dir/pagefind/<shard>/` and `shards.json` for `pages` (`present`: what `site_dir` holds)."""
    plan = plan_shards([ArticlePage(page.path, page.date) for page in pages], max_pages)
    keys = {page.path: page.key for page in pages}
    binary = pagefind_executable()
    identity = f"{binary.resolve()}:{binary.stat().st_size}:{binary.stat().st_mtime_ns}:{language}"
    bundle_root = site_dir / OUTPUT_FOLDER
    bundle_root.mkdir(parents=True, exist_ok=True)
    counts, used = SearchCounts(shards=len(plan)), set()
    page_counts: dict[str, int] = {}
    for name, paths in plan.items():
        out_dir = bundle_root / name
        key = hashlib.blake2b(json.dumps([identity, name, [(p, keys[p]) for p in paths]]).encode(),
                              digest_size=20).hexdigest()
        cached = cache_root / CACHE_FOLDER / key if cache_root else None
        if cached is not None and (cached / "pagefind-entry.json").is_file():
            prefix = f"{OUTPUT_FOLDER}/{name}/"
            counts.placed.update(prefix + path for path in _link_tree(cached, out_dir, present, prefix))
            counts.reused += 1
        else:
            run_pagefind(binary, site_dir, name, paths, out_dir, language)
            if cached is not None:
                shutil.rmtree(cached, ignore_errors=True)
                _link_tree(out_dir, cached)
        used.add(key)
        page_counts[name] = entry_page_count(out_dir)
    write_manifest(site_dir, plan, page_counts)
    if cache_root is not None:
        _prune(cache_root / CACHE_FOLDER, used)
    counts.pages = sum(page_counts.values())
    return counts


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
                counts = build_search_index(*args, **kwargs)
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

