"""The article and listing pages of a build: reused from the page cache, or rendered on every core.

`render_site_pages` takes pages with their cache keys. Pages whose key is in the cache are
hard-linked into the site being built and their recorded facts returned; the others are rendered by
pagerender.py in worker processes (workers.py), written to the cache and linked in the same way (or
written straight into the site when the cache is off). Results come back in input order, so a build
on two cores writes byte for byte what a build on one writes.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .pagecache import PageCache, place, write_atomic
from .pagerender import RenderSetup, page_for, render_page
from .workers import map_in_order, worker_count


LINKING_THREADS = 8


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
                      requested_workers: int, progress: Callable[[int], None] | None = None
                      ) -> tuple[dict[str, dict], RenderCounts]:
    """Every job's page in the site folder; returns {src_uri: facts} and how the pages were made."""
    facts: dict[str, dict] = {}
    counts = RenderCounts()
    missing: list[PageJob] = []
    reused: list[tuple[Path, Path]] = []
    for job in jobs:
        known = cache.lookup(job.key)
        if known is None:
            missing.append(job)
            continue
        reused.append((cache.path_of(job.key), _destination(setup, job.src_uri)))
        facts[job.src_uri] = known
    with ThreadPoolExecutor(max_workers=LINKING_THREADS) as pool:  # file-system calls release the GIL
        for _ in pool.map(lambda pair: place(*pair), reused):
            if progress:
                progress(1)
    counts.reused = len(reused)

    def render(job: PageJob) -> dict:
        page = page_for(setup, job.src_uri)
        output = render_page(setup, page).encode("utf-8", errors="xmlcharrefreplace")
        destination = Path(page.file.abs_dest_path)
        if cache.enabled:
            write_atomic(cache.path_of(job.key), output)
            place(cache.path_of(job.key), destination)
        else:
            write_atomic(destination, output)
        return facts_of(job.src_uri)

    counts.workers = worker_count(requested_workers, len(missing))
    for job, learned in zip(missing, map_in_order(render, missing, counts.workers, progress)):
        cache.record(job.key, learned)
        facts[job.src_uri] = learned
        counts.rendered += 1
    return facts, counts


def _destination(setup: RenderSetup, src_uri: str) -> Path:
    file = setup.files.src_uris.get(src_uri)
    assert file is not None and file.abs_dest_path
    return Path(file.abs_dest_path)
