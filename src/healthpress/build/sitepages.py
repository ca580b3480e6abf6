"""The article and listing pages of a build: reused from the page cache, or rendered on every core.

`render_site_pages` takes pages with their cache keys. Pages whose key is in the cache are
hard-linked into the site being built and their recorded facts returned; the others are rendered by
pagerender.py in worker processes (workers.py), written to the cache and linked in the same way (or
written straight into the site when the cache is off). Results come back in input order, so a build
on two cores writes byte for byte what a build on one writes.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from healthpress.build.pagecache import PageCache
from healthpress.storage.files import place, replace_link, write_atomic
from healthpress.engine.pagerender import RenderSetup, page_for, render_page
from healthpress.storage.snapshot import Snapshot
from healthpress.build.workers import map_in_order, worker_count


OUTPUT_DIGEST = "output"
"""The key, in a page's facts, of the digest of its bytes (the search index is keyed by what pages say)."""
LINKING_THREADS = 8
LINKING_BATCH = 200


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


def render_site_pages(setup: RenderSetup, jobs: list[PageJob], cache: PageCache, facts_of: FactsOf,
                      requested_workers: int, progress: Callable[[int], None] | None = None,
                      present: Snapshot | None = None, on_page: Callable[[str, dict], None] | None = None
                      ) -> tuple[dict[str, dict], RenderCounts]:
    """Every job's page in the site folder; returns {src_uri: facts} and how the pages were made.

    `present` lists the files the site folder already holds (staging.py): a page whose file there
    is already its cached page is left as it is. `on_page(src_uri, facts)` is told of each page once
    its file is in place (the search index starts on a shard as soon as its pages are); the facts
    hold the digest of the page's bytes under OUTPUT_DIGEST."""
    facts: dict[str, dict] = {}
    counts = RenderCounts()
    missing: list[PageJob] = []
    reused: list[tuple[str, str, bool]] = []  # (cached page, destination, another file is there)
    present = present or {}
    for job in jobs:
        file = setup.files.src_uris[job.src_uri]
        there = present.get(file.dest_uri)
        known = cache.reuse_in_place(job.key, there[0]) if there is not None else None
        if known is not None:  # serve: already in the preview folder, as its last rebuild saw it
            facts[job.src_uri] = known
            counts.reused += 1
            continue
        known = cache.lookup(job.key)
        if known is None:
            missing.append(job)
            continue
        facts[job.src_uri] = known
        counts.reused += 1
        if there is None:
            reused.append((str(cache.path_of(job.key)), file.abs_dest_path, False))
        elif there[0] != cache.inode_of(job.key):
            reused.append((str(cache.path_of(job.key)), file.abs_dest_path, True))
    if progress:
        progress(counts.reused - len(reused))
    batches = [reused[i:i + LINKING_BATCH] for i in range(0, len(reused), LINKING_BATCH)]
    with ThreadPoolExecutor(max_workers=LINKING_THREADS) as pool:  # file-system calls release the GIL
        for done in pool.map(_place_all, batches):
            if progress:
                progress(done)
    if on_page:
        for src_uri, known in facts.items():
            on_page(src_uri, known)

    def render(job: PageJob) -> dict:
        page = page_for(setup, job.src_uri)
        output = render_page(setup, page).encode("utf-8", errors="xmlcharrefreplace")
        destination = Path(page.file.abs_dest_path)
        if cache.enabled:
            write_atomic(cache.path_of(job.key), output)
            place(cache.path_of(job.key), destination)
        else:
            write_atomic(destination, output)
        return {**facts_of(job.src_uri), OUTPUT_DIGEST: hashlib.blake2b(output, digest_size=16).hexdigest()}

    counts.workers = worker_count(requested_workers, len(missing))
    for job, learned in zip(missing, map_in_order(render, missing, counts.workers, progress)):
        cache.record(job.key, learned)
        facts[job.src_uri] = learned
        counts.rendered += 1
        if on_page:
            on_page(job.src_uri, learned)
    return facts, counts


def _place_all(links: list[tuple[str, str, bool]]) -> int:
    for source, destination, occupied in links:
        if occupied:
            replace_link(source, destination)
        else:
            place(source, destination)
    return len(links)
