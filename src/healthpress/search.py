"""The site search index: Pagefind's extended build (it segments Chinese) over the article pages.

Only elements marked `data-pagefind-body` (the article template's <article>) are indexed, so
listings, archives and tag pages do not crowd the results; a reader's browser then downloads only
the index chunks a query needs instead of the whole site's text.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

OUTPUT_FOLDER = "pagefind"


def _run_to_completion(coroutine_function) -> None:
    """asyncio.run, also from a thread whose event loop is already running (e.g. under Playwright)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine_function())
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: asyncio.run(coroutine_function())).result()


def build_search_index(site_dir: Path, language: str = "zh-cn") -> int:
    """Write `site_dir/pagefind/` for the pages in `site_dir`; returns the number of pages indexed."""

    async def run() -> None:
        config = IndexConfig(force_language=language, output_path=str(site_dir / OUTPUT_FOLDER))
        async with PagefindIndex(config=config) as index:
            await index.add_directory(str(site_dir))

    _run_to_completion(run)
    entry = json.loads((site_dir / OUTPUT_FOLDER / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(lang["page_count"]) for lang in entry["languages"].values())
