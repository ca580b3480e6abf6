"""The article and listing pages of a build: reused from the page cache, or rendered on every core.

`render_site_pages` takes pages with their cache keys. A page whose key is in the cache is read and
checked against the digest recorded when it was written, then hard-linked into the site being built
(or left there, when the folder already holds that very file) and its recorded facts returned; a page
that fails the check is dropped from the cache and rendered again. The others are rendered by
pagerender.py in worker processes (workers.py), written to the cache and linked in the same way (or
written straight into the site when the cache is off). Results come back in input order, so a build
on two cores writes byte for byte what a build on one writes.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from healthpress.build.pagecache import OUTPUT_DIGEST, PageCache
from healthpress.storage.files import (WRONG, digest, is_file, place, replace_link, verified_inode, write_atomic,
                                       write_cache_file)
from healthpress.engine.pagerender import RenderSetup, page_for, render_page
from healthpress.search.indexedtext import SEARCH_DIGEST
from healthpress.storage.snapshot import Snapshot
from healthpress.build.workers import map_in_order, worker_count

__all__ = ["OUTPUT_DIGEST", "SEARCH_DIGEST", "PageJob", "RenderCounts", "render_site_pages"]

CHECKING_THREADS = min(8, max(2, os.cpu_count() or 2))
"""Reading, digesting and linking cached pages (file-system calls and hashing release the GIL): more
threads than cores only make them wait for each other."""
CHECKING_BATCH = 100


@dataclass(frozen=True, slots=True)
class PageJob:
    src_uri: str
    key: str


@dataclass
class RenderCounts:
    reused: int = 0
    rendered: int = 0
    workers: int = 1


FactsOf = Callable[[str], dict]
"""What the build learned rendering a page (JSON-ready), asked of the plugin right after rendering it."""
Inode = tuple[int, int]


def render_site_pages(setup: RenderSetup, jobs: list[PageJob], cache: PageCache, facts_of: FactsOf,
                      requested_workers: int, progress: Callable[[int], None] | None = None,
                      present: Snapshot | None = None, on_page: Callable[[str, dict], None] | None = None,
                      search_digest: Callable[[bytes], str] | None = None) -> tuple[dict[str, dict], RenderCounts]:
    """Every job's page in the site folder; returns {src_uri: facts} and how the pages were made.

    `present` lists the files the site folder already holds (staging.py): a page whose file there
    is already its cached page, checked, is left as it is. `on_page(src_uri, facts)` is told of each
    page once its file is in place (the search index starts on a shard as soon as its pages are); the
    facts hold the digest of the page's bytes under OUTPUT_DIGEST and, with `search_digest`, the digest of
    what the search index reads from a page rendered here under SEARCH_DIGEST (a cached page's facts hold
    it when it was rendered so)."""
    facts: dict[str, dict] = {}
    counts = RenderCounts()
    found: list[tuple[PageJob, dict]] = []
    checks: list[tuple[str, str, str, Inode | None]] = []  # (cached page, its digest, destination, file there)
    present = present or {}
    for job in jobs:
        file = setup.files.src_uris[job.src_uri]
        there = present.get(file.dest_uri)
        known = cache.reuse_in_place(job.key, there[0]) if there is not None else None
        if known is not None:  # serve: already in the preview folder, as this process checked or wrote it
            facts[job.src_uri] = known
            counts.reused += 1
            continue
        known = cache.lookup(job.key)
        if known is not None:
            found.append((job, known))
            checks.append((cache.file_of(job.key), known[OUTPUT_DIGEST], file.abs_dest_path,
                           there[0] if there is not None else None))
    if progress:
        progress(counts.reused)
    batches = [checks[i:i + CHECKING_BATCH] for i in range(0, len(checks), CHECKING_BATCH)]
    outcomes: list[Inode | str | None] = []
    with ThreadPoolExecutor(max_workers=CHECKING_THREADS) as pool:
        for done in pool.map(_check_and_place, batches):
            outcomes += done
            if progress:
                progress(sum(1 for outcome in done if isinstance(outcome, tuple)))
    for (job, known), outcome in zip(found, outcomes):
        if isinstance(outcome, tuple):
            cache.trust(job.key, outcome)
            facts[job.src_uri] = known
            counts.reused += 1
        else:  # gone since, or not the bytes it was written with: rendered again
            cache.drop(job.key, damaged=outcome == WRONG)
    if on_page:
        for src_uri, known in facts.items():
            on_page(src_uri, known)

    def render(job: PageJob) -> dict:
        page = page_for(setup, job.src_uri)
        output = render_page(setup, page).encode("utf-8", errors="xmlcharrefreplace")
        destination = Path(page.file.abs_dest_path)
        if cache.enabled:
            write_cache_file(cache.path_of(job.key), output)
            place(cache.path_of(job.key), destination)
        else:
            write_atomic(destination, output)
        learned = {**facts_of(job.src_uri), OUTPUT_DIGEST: digest(output)}
        if search_digest is not None:
            learned[SEARCH_DIGEST] = search_digest(output)
        return learned

    missing = [job for job in jobs if job.src_uri not in facts]
    counts.workers = worker_count(requested_workers, len(missing))
    for job, learned in zip(missing, map_in_order(render, missing, counts.workers, progress)):
        cache.record(job.key, learned)
        facts[job.src_uri] = learned
        counts.rendered += 1
        if on_page:
            on_page(job.src_uri, learned)
    return facts, counts


def _check_and_place(batch: list[tuple[str, str, str, Inode | None]]) -> list[Inode | str | None]:
    """Each cached page's identity once its bytes are checked, and the page put in place; else why not
    (files.py's `verified_inode`: None when gone, WRONG when its bytes differ)."""
    outcomes: list[Inode | str | None] = []
    for source, expected, destination, there in batch:
        outcome = verified_inode(source, expected)
        if isinstance(outcome, tuple) and there != outcome and not is_file(source, outcome):
            outcome = WRONG  # replaced since it was read (a link, say): linked only as the file checked
        if isinstance(outcome, tuple):
            if there is None:
                place(source, destination)
            elif there != outcome:
                replace_link(source, destination)
        outcomes.append(outcome)
    return outcomes
