"""Sharded Pagefind search index: the article pages split by publication date into bounded shards.

Pagefind keeps every parsed page (its text, word positions and result fragment) in memory until it
writes the bundle, so one run's peak memory and time grow with its page count (~0.6 MiB and ~5 ms of
CPU a page for our articles with the extended, Chinese-segmenting build) and it has no incremental mode.
Indexing the articles in shards of at most `max_pages` pages, one Pagefind process at a time, bounds
the peak memory of the build and lets a rebuild re-index only the shards whose pages changed; the
browser searches all shards at once with Pagefind's `mergeIndex` (one primary bundle, the others merged
in, the WebAssembly loaded once).

Shards follow a calendar tree, so the plan is deterministic and local:

    8-year block (2008-2015) -> 4 years (2016-2019) -> 2 years (2018-2019) -> year (2019)
      -> half (2019-h1) -> quarter (2019-q2) -> month (2019-05) -> numbered parts (2019-05-p1)

A site of at most `max_pages` articles has one shard, `all`. Otherwise a node of the tree becomes a
shard when it holds at most `max_pages` articles, and else its children are tried. Whether a node is
a shard depends only on the articles inside it, so

* editing an article (same date, same path) changes exactly one shard's input;
* adding the newest articles changes only the newest shard, until it overflows and splits into its
  children (re-indexing only that shard's pages, once; a site growing past `max_pages` articles
  leaves its single `all` shard once);
* deleting or re-dating an old article changes only the shards of its own calendar node.

Only the parts of a month too big for one shard depend on the order of articles within the month.

Nothing here depends on MkDocs: callers pass the site-relative paths of the article HTML files and
their publication dates.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from healthpress.search.indexedtext import search_record

OUTPUT_FOLDER = "pagefind"
MANIFEST_NAME = "shards.json"
# ~1.9 s and ~230-310 MiB peak per Pagefind run on 2 cores (0.61 MiB, 5 ms CPU per article).
DEFAULT_MAX_SHARD_PAGES = 500
_BLOCK_YEARS = (8, 4, 2)  # calendar-aligned multi-year blocks tried before single years


@dataclass(frozen=True)
class ArticlePage:
    """One article page: its HTML file relative to the site directory and its publication date."""

    path: str  # POSIX, e.g. "medical-reform/2019/03/ji-ben-yao-wu-01332/index.html"
    date: dt.date


@dataclass(frozen=True)
class _Node:
    name: str
    start: dt.date  # first day of the period, for ordering
    pages: tuple[ArticlePage, ...]


def _month_nodes(year: int, months: range, pages: Sequence[ArticlePage]) -> list[_Node]:
    return [
        _Node(f"{year}-{month:02d}", dt.date(year, month, 1), tuple(p for p in pages if p.date.month == month))
        for month in months
    ]


def _children(node: _Node, span: str) -> tuple[list[_Node], str] | None:
    """The calendar children of a node whose period is `span` (e.g. "8y", "year", "h1"), or None."""
    pages = node.pages
    if span.endswith("y"):  # a block of several years
        years = int(span[:-1])
        first = node.start.year
        if years > 2:
            half = years // 2
            parts = [(first, first + half - 1), (first + half, first + years - 1)]
            return [
                _Node(f"{a}-{b}", dt.date(a, 1, 1), tuple(p for p in pages if a <= p.date.year <= b))
                for a, b in parts
            ], f"{half}y"
        return [_Node(str(y), dt.date(y, 1, 1), tuple(p for p in pages if p.date.year == y))
                for y in (first, first + 1)], "year"
    year = node.start.year
    if span == "year":
        return [_Node(f"{year}-h{h}", dt.date(year, 6 * h - 5, 1),
                      tuple(p for p in pages if (p.date.month - 1) // 6 == h - 1)) for h in (1, 2)], "half"
    if span == "half":
        quarters = (1, 2) if node.start.month == 1 else (3, 4)
        return [_Node(f"{year}-q{q}", dt.date(year, 3 * q - 2, 1),
                      tuple(p for p in pages if (p.date.month - 1) // 3 == q - 1)) for q in quarters], "quarter"
    if span == "quarter":
        first_month = node.start.month
        return _month_nodes(year, range(first_month, first_month + 3), pages), "month"
    return None


def _split(node: _Node, span: str, max_pages: int, out: list[_Node]) -> None:
    if not node.pages:
        return
    if len(node.pages) <= max_pages:
        out.append(node)
        return
    children = _children(node, span)
    if children is None:  # a month with more than max_pages articles: fixed-size parts in date order
        ordered = sorted(node.pages, key=lambda p: (p.date, p.path))
        for index in range(0, len(ordered), max_pages):
            part = tuple(ordered[index:index + max_pages])
            out.append(_Node(f"{node.name}-p{index // max_pages + 1}", node.start, part))
        return
    nodes, child_span = children
    for child in nodes:
        _split(child, child_span, max_pages, out)


def plan_shards(pages: Iterable[ArticlePage], max_pages: int = DEFAULT_MAX_SHARD_PAGES) -> dict[str, list[str]]:
    """The shard plan: shard name -> sorted site-relative paths, in chronological order of the shards.

    Every page is in exactly one shard and no shard has more than `max_pages` pages. The plan depends
    only on the (path, date) pairs, not on their order; see the module docstring for why edits and new
    articles touch as few shards as possible.
    """
    if max_pages < 1:
        raise ValueError("max_pages must be at least 1")
    unique: dict[str, ArticlePage] = {}
    for page in pages:
        path = str(PurePosixPath(page.path))
        if path in unique and unique[path].date != page.date:
            raise ValueError(f"{path} is listed twice with different dates")
        unique[path] = ArticlePage(path, page.date)
    if 0 < len(unique) <= max_pages:  # a small site: one index, the fewest requests for a reader
        return {"all": sorted(unique)}
    block = _BLOCK_YEARS[0]
    blocks: dict[int, list[ArticlePage]] = {}
    for page in unique.values():
        blocks.setdefault(page.date.year - page.date.year % block, []).append(page)
    shards: list[_Node] = []
    for first in sorted(blocks):
        _split(_Node(f"{first}-{first + block - 1}", dt.date(first, 1, 1), tuple(blocks[first])), f"{block}y",
               max_pages, shards)
    shards.sort(key=lambda node: (node.start, node.name))
    return {node.name: sorted(page.path for page in node.pages) for node in shards}


class SearchIndexError(RuntimeError):
    """Pagefind failed on a shard: said in Chinese, with the end of what Pagefind printed."""

    def __init__(self, shard: str, returncode: int, output: str):
        how = f"被终止（信号 {-returncode}，可能是内存不足或被人停止）" if returncode < 0 else f"出错退出（代码 {returncode}）"
        said = output.strip()[-2000:]
        super().__init__(f"搜索索引没有生成：Pagefind 处理分片 {shard} 时{how}，网站没有更新，原来的网站保持不变 — "
                         "重新运行 healthpress build；仍然失败时" + (f"把以下信息发给网站维护人员：\n{said}" if said else
                                                               "请网站维护人员检查 Pagefind 和这台机器的内存"))


class PagefindRun:
    """One Pagefind process indexing a shard's pages (their search records, indexedtext.py, written into a
    scratch tree at their site paths), started at once and waited for later, so that the build goes on
    beside it."""

    def __init__(self, binary: Path, site_dir: Path, name: str, paths: Sequence[str], out_dir: Path, language: str,
                 background: bool = False):
        self.name, self.out_dir = name, out_dir
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        self.scratch = Path(tempfile.mkdtemp(prefix=f".scratch-{name}-", dir=out_dir.parent))
        self._cleanup: threading.Thread | None = None
        source = self.scratch / "site"
        source.mkdir()
        for folder in record_folders(paths):
            os.mkdir(source / folder)
        for path in paths:
            (source / path).write_bytes(search_record((site_dir / path).read_bytes()))
        self.bundle = self.scratch / "bundle"
        self.log = self.scratch / "pagefind.log"
        command = [str(binary), "--site", str(source), "--output-path", str(self.bundle),
                   "--force-language", language, "--silent"]
        if background:  # a preview's index must not slow the rebuild of the page being edited
            command = _idle_priority() + command
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def done(self) -> bool:
        return self.process.poll() is not None

    def pause(self) -> None:
        """Stop Pagefind where it is (`resume` goes on): a preview rebuild has the cores to itself.
        Where the system has no such signal (Windows), Pagefind goes on at its low priority."""
        if self.process.poll() is None and hasattr(signal, "SIGSTOP"):
            self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        if self.process.poll() is None and hasattr(signal, "SIGCONT"):
            self.process.send_signal(signal.SIGCONT)

    def finish(self) -> None:
        """Wait for Pagefind and move its bundle to `out_dir`; a failure says so in Chinese. The scratch tree is
        left for `clean_up` (a failed run's is deleted at once)."""
        try:
            returncode = self.process.wait()
            if returncode != 0:
                raise SearchIndexError(self.name, returncode, self.log.read_text(encoding="utf-8", errors="replace"))
            shutil.rmtree(self.out_dir, ignore_errors=True)
            shutil.move(str(self.bundle), str(self.out_dir))
        except BaseException:
            shutil.rmtree(self.scratch, ignore_errors=True)
            raise

    def clean_up(self) -> None:
        """Delete the scratch tree in a thread (`cleaned` waits for it), so that the next Pagefind need not wait.
        Never while pages are rendered: a build with a thread alive forks no workers (build/workers.py)."""
        if self._cleanup is None:
            self._cleanup = threading.Thread(target=shutil.rmtree, args=(self.scratch,),
                                             kwargs={"ignore_errors": True}, name=f"healthpress-scratch-{self.name}",
                                             daemon=True)
            self._cleanup.start()

    def cleaned(self) -> None:
        """Wait until the scratch tree is deleted (it is, once this returns, whatever happened before)."""
        if self._cleanup is not None:
            self._cleanup.join()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def abort(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.cleaned()


def record_folders(paths: Iterable[str]) -> Iterator[str]:
    """The folders the scratch tree needs for these site paths, each parent before its children and each once
    (no failed or repeated mkdir: an article has a folder of its own, so a tree has ~1.8 folders an article)."""
    folders = {"."}
    for path in paths:
        parent = PurePosixPath(path).parent
        missing = []
        while str(parent) not in folders:
            missing.append(str(parent))
            folders.add(str(parent))
            parent = parent.parent
        yield from reversed(missing)


def entry_page_count(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(lang["page_count"]) for lang in entry["languages"].values())


@dataclass(frozen=True)
class ShardEntry:
    """A shard as shards.json lists it: its bundle, its live pages and, when it is patched, the patch's
    bundle and the [page id, address] of the results of its own bundle that no longer hold."""

    name: str
    pages: int
    patch: str | None = None
    superseded: list[list[str]] | None = None

    def as_json(self) -> dict:
        data: dict = {"name": self.name, "bundle": f"{self.name}/", "pages": self.pages}
        if self.patch:
            data["patch"] = f"{self.patch}/"
        if self.superseded:
            data["superseded"] = self.superseded
        return data


def write_manifest(site_dir: Path, entries: Sequence[ShardEntry]) -> None:
    """`pagefind/shards.json`: the shards newest first, with the Pagefind version search.js checks.

    A site with no published article yet has no shard: the manifest lists none (and the folder is
    made for it), so the search page says there is nothing to find instead of failing."""
    shards = [entry.as_json() for entry in reversed(entries)]
    version = None
    for name in (entry.name for entry in entries):
        try:
            entry = (site_dir / OUTPUT_FOLDER / name / "pagefind-entry.json").read_text("utf-8")
            version = json.loads(entry)["version"]
            break
        except (OSError, ValueError, KeyError):
            continue
    text = json.dumps({"version": 1, "pagefind_version": version, "shards": shards}, ensure_ascii=False, indent=1)
    (site_dir / OUTPUT_FOLDER).mkdir(parents=True, exist_ok=True)
    (site_dir / OUTPUT_FOLDER / MANIFEST_NAME).write_text(text + "\n", encoding="utf-8")


@functools.cache
def _idle_priority() -> list[str]:
    """The command prefix that runs a program only on a core nothing else wants (Linux' idle class), or at
    the lowest priority where that class is refused (some containers) or missing."""
    chrt, nice = shutil.which("chrt"), shutil.which("nice")
    if chrt and sys.platform.startswith("linux"):
        try:
            subprocess.run([chrt, "--idle", "0", "true"], check=True, capture_output=True, timeout=10)
            return [chrt, "--idle", "0"]
        except (OSError, subprocess.SubprocessError):
            pass
    return [nice, "-n", "19"] if nice else []
