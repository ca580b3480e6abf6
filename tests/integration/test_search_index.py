"""The sharded search index, with the real Pagefind: a shard is indexed as soon as its pages are written,
beside the rest of the build, and the result is the index built after every page."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from healthpress.search.index import IndexedPage, ShardedIndex, build_search_index


def _site(root: Path) -> list[IndexedPage]:
    pages = []
    for n in range(6):
        path = f"news/2014/{n + 1:02d}/a{n}/index.html"
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(f'<!doctype html><html lang="zh-CN"><head><title>第{n}篇</title></head><body>'
                                 f'<article data-pagefind-body><h1>第{n}篇</h1><p>预防接种第{n}次宣传。</p></article>'
                                 f'</body></html>', encoding="utf-8")
        pages.append(IndexedPage(path, dt.date(2014, n + 1, 1), f"key{n}"))
    return pages


def _bundles(root: Path) -> dict[str, bytes]:
    folder = root / "pagefind"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_shard_is_indexed_while_the_other_pages_are_still_to_come(tmp_path):
    site = tmp_path / "site"
    pages = _site(site)
    index = ShardedIndex(site, pages, None, max_pages=3)
    assert list(index.plan) == ["2014-q1", "2014-q2"]
    first = "2014-q1"
    for path in index.plan[first]:
        assert index._running == []
        index.page_written(path)
    assert [run.name for run in index._running] == [first], "Pagefind starts on the full shard at once"
    counts = index.finish()
    assert counts.pages == 6 and counts.shards == len(index.plan) and counts.reused == 0
    manifest = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert sum(shard["pages"] for shard in manifest["shards"]) == 6
    streamed = _bundles(site)
    other = tmp_path / "other"
    build_search_index(other, _site(other), None, max_pages=3)
    assert _bundles(other) == streamed, "the same index as one built after every page"


def test_a_cached_shard_that_vanishes_before_the_end_is_indexed_again(tmp_path):
    import shutil

    site, cache = tmp_path / "site", tmp_path / "cache"
    pages = _site(site)
    assert build_search_index(site, pages, cache, max_pages=3).reused == 0
    index = ShardedIndex(site, pages, cache, max_pages=3)
    for page in pages:
        index.page_written(page.path)
    assert index._running == [], "both shards are in the cache"
    shutil.rmtree(cache / "search")  # another build pruned them meanwhile
    counts = index.finish()
    assert counts.reused == 0 and counts.pages == 6


def test_a_failed_build_stops_pagefind_and_leaves_no_scratch(tmp_path):
    site = tmp_path / "site"
    index = ShardedIndex(site, _site(site), None, max_pages=3)
    for path in next(iter(index.plan.values())):
        index.page_written(path)
    [run] = index._running
    index.abort()
    assert run.process.poll() is not None and not run.scratch.exists()


def test_a_shards_scratch_tree_is_made_with_one_mkdir_a_folder_and_none_failing(tmp_path, monkeypatch):
    """Each folder of a shard's search records is made once, parents first (on main: a failed mkdir for every
    new month, and the year and column made again for each article)."""
    made, failed, real_mkdir = [], [], os.mkdir

    def counted(path, *args, **kwargs):
        try:
            real_mkdir(path, *args, **kwargs)
        except OSError:
            failed.append(str(path))
            raise
        made.append(str(path))

    site = tmp_path / "site"
    pages = _site(site)
    monkeypatch.setattr(os, "mkdir", counted)
    index = ShardedIndex(site, pages, None, max_pages=6)
    for page in pages:
        index.page_written(page.path)
    [run] = index._running
    scratch_folders = [Path(path) for path in made if Path(path).is_relative_to(run.scratch / "site")]
    monkeypatch.undo()
    index.finish()
    assert failed == []
    # site/, news/, news/2014/, six months and six articles
    assert len(scratch_folders) == len(set(scratch_folders)) == 1 + 2 + 6 + 6
    assert not any(tmp_path.glob("site/pagefind/.scratch-*")), "deleted before finish returns"


def test_the_next_pagefind_starts_while_the_last_ones_scratch_tree_is_being_deleted(tmp_path, monkeypatch):
    """Deleting a shard's scratch tree (thousands of rmdirs) is off the build's path: the next Pagefind is
    started first; the tree is gone, still, when the index is finished (on main the deletion came first)."""
    import shutil
    import threading

    import healthpress.search.index as search
    import healthpress.search.shards as shards

    started, seen_at_deletion = [], []
    second_started = threading.Event()
    real_rmtree = shutil.rmtree

    class CountedRun(search.PagefindRun):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self.name)
            if len(started) == 2:
                second_started.set()

    def slow_rmtree(path, *args, **kwargs):
        if Path(path).name.startswith(".scratch-") and len(started) == 1:
            seen_at_deletion.append(second_started.wait(timeout=60))
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(search, "PagefindRun", CountedRun)
    monkeypatch.setattr(shards.shutil, "rmtree", slow_rmtree)
    monkeypatch.setattr(search, "TAIL_RUNS", 1)  # the second shard waits for the first to be taken
    site = tmp_path / "site"
    pages = _site(site)
    index = ShardedIndex(site, pages, None, max_pages=3)
    for page in pages:
        index.page_written(page.path)
    counts = index.finish()
    assert counts.pages == 6 and len(started) == 2
    assert seen_at_deletion and seen_at_deletion[0], "the second shard's Pagefind started before the first's scratch went"
    assert not any(tmp_path.glob("site/pagefind/.scratch-*"))


def test_a_shard_indexed_while_pages_are_rendered_leaves_no_thread_that_would_stop_the_next_fork(tmp_path):
    """The listings are rendered after the articles by forked workers, which a build with a thread alive does
    not fork (build/workers.py): a shard's scratch tree is deleted in a thread only once the index finishes."""
    import threading

    from healthpress.build.workers import worker_count

    before = set(threading.enumerate())  # other tests of this process may have left threads of their own
    site = tmp_path / "site"
    pages = _site(site)
    index = ShardedIndex(site, pages, None, max_pages=3)
    for page in pages[:3]:
        index.page_written(page.path)
    [first] = index._running
    first.process.wait()
    index.page_written(pages[3].path)  # the first shard's bundle is taken here
    assert (site / "pagefind" / first.name).is_dir()
    assert set(threading.enumerate()) == before
    if len(before) == 1:  # as in a build: then the listings still get every core
        assert worker_count(2, 1000) == min(2, os.cpu_count() or 1)
    for page in pages[4:]:
        index.page_written(page.path)
    assert index.finish().pages == 6
    assert not any(tmp_path.glob("site/pagefind/.scratch-*"))


def test_when_pagefind_fails_on_a_shard_no_scratch_tree_of_the_shards_before_is_left(tmp_path, monkeypatch):
    import shutil
    import threading

    import healthpress.search.index as search
    from healthpress.search.shards import SearchIndexError

    failing = tmp_path / "pagefind"
    failing.write_text('#!/bin/sh\ncase "$2" in *.scratch-2014-q2-*) exit 3;; esac\n'
                       f'exec "{os.environ["PAGEFIND_BINARY_PATH"]}" "$@"\n', encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setattr(search, "TAIL_RUNS", 1)
    real_rmtree = shutil.rmtree

    def slow_in_a_thread(path, *args, **kwargs):  # a loaded machine's deletion, still going when q2 fails
        if threading.current_thread() is not threading.main_thread():
            threading.Event().wait(1)
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(shutil, "rmtree", slow_in_a_thread)
    site = tmp_path / "site"
    pages = _site(site)
    index = ShardedIndex(site, pages, None, max_pages=3, binary=failing)
    with pytest.raises(SearchIndexError):
        index.finish()
    assert (site / "pagefind" / "2014-q1").is_dir(), "the first shard was indexed"
    assert not any(tmp_path.glob("site/pagefind/.scratch-*"))


def test_once_every_page_is_written_two_shards_are_indexed_at_once(tmp_path, monkeypatch):
    """Beside the rendering one Pagefind runs; the shards left at the end take both cores."""
    import healthpress.search.index as search

    alive, most = [], []

    class CountedRun(search.PagefindRun):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            alive.append(self)
            most.append(sum(1 for run in alive if not run.done()))

    monkeypatch.setattr(search, "PagefindRun", CountedRun)
    site = tmp_path / "site"
    pages = _site(site)
    index = ShardedIndex(site, pages, None, max_pages=2)
    for page in pages:
        index.page_written(page.path)
    assert len(index._running) == 1, "one at a time while pages are still being rendered"
    counts = index.finish()
    assert counts.pages == 6 and max(most) == 2
    other = tmp_path / "other"
    monkeypatch.setattr(search, "TAIL_RUNS", 1)
    build_search_index(other, _site(other), None, max_pages=2)
    assert _bundles(other) == _bundles(site), "the same index as one Pagefind at a time"


@pytest.fixture(autouse=True)
def _needs_pagefind():
    from healthpress.search.pagefindbinary import pagefind_executable
    try:
        pagefind_executable()
    except FileNotFoundError:
        pytest.fail("no Pagefind binary: run the tests with ./scripts/test")


def test_an_edited_article_reindexes_its_own_shard_only(site, capfd, caplog):
    """Its neighbours' pages are rendered again (they know it) to the same bytes: their shards stay."""
    import logging

    from helpers import article

    from healthpress.engine.internals import engine_name

    caplog.set_level(logging.INFO, logger=f"{engine_name()}.plugins.healthpress")
    site.config["plugins"][0]["healthpress"].update(search_index=True, search_shard_pages=1)
    for name, date in (("a", "2014-01-05"), ("b", "2014-07-05"), ("c", "2015-01-05")):
        site.write(f"news/{name}.md", article(f"文章{name}", date, f"{name} 的正文。"))
    site.build()
    assert "3 个分片（0 个沿用缓存）" in caplog.text
    caplog.clear()
    capfd.readouterr()
    site.write("news/b.md", article("文章b", "2014-07-05", "b 改过的正文，预防接种。"))
    site.build()
    assert "3 个分片（2 个沿用缓存）" in caplog.text, caplog.text[-1500:]
    pages = capfd.readouterr().err
    assert "页沿用缓存" in pages and "（3 页沿用缓存）" not in pages, "the neighbours were rendered again"


def _edit(site: Path, page: IndexedPage, text: str) -> IndexedPage:
    (site / page.path).write_text(f'<!doctype html><html lang="zh-CN"><head><title>改过</title></head><body>'
                                  f'<article data-pagefind-body><h1>改过</h1><p>{text}</p></article></body></html>',
                                  encoding="utf-8")
    return IndexedPage(page.path, page.date, page.key + "-edited")


def _manifest(site: Path) -> dict[str, dict]:
    shards = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    return {shard["name"]: shard for shard in shards}


def test_an_edited_page_is_indexed_alone_as_a_patch_to_its_shard(tmp_path):
    """The shard keeps its bundle; the patch holds the edited page; shards.json says which old result to drop."""
    from healthpress.search.patches import fragment_ids

    site, cache = tmp_path / "site", tmp_path / "cache"
    pages = _site(site)
    build_search_index(site, pages, cache, max_pages=3, patches=True)
    before = _bundles(site)
    old_ids = fragment_ids(site / "pagefind" / "2014-q1")
    assert set(old_ids) == {"/news/2014/01/a0/", "/news/2014/02/a1/", "/news/2014/03/a2/"}

    pages[1] = _edit(site, pages[1], "流感疫苗接种点新增三处。")
    counts = build_search_index(site, pages, cache, max_pages=3, patches=True)
    assert (counts.pages, counts.shards, counts.reused, counts.patched) == (6, 2, 1, 1)
    after = _bundles(site)
    assert {k: v for k, v in after.items() if not k.startswith("2014-q1.patch/") and k != "shards.json"} == \
        {k: v for k, v in before.items() if k != "shards.json"}, "the shards' own bundles are untouched"
    patch_ids = fragment_ids(site / "pagefind" / "2014-q1.patch")
    assert list(patch_ids) == ["/news/2014/02/a1/"]
    shard = _manifest(site)["2014-q1"]
    assert shard["patch"] == "2014-q1.patch/" and shard["pages"] == 3
    assert shard["superseded"] == [[old_ids["/news/2014/02/a1/"], "/news/2014/02/a1/"]]
    assert "patch" not in _manifest(site)["2014-q2"]

    again = build_search_index(site, pages, cache, max_pages=3, patches=True)
    assert (again.reused, again.patched) == (1, 1) and _bundles(site) == after, "the patch comes from the cache"
    assert sorted(p.stem for p in (cache / "search-bases").iterdir()) == ["2014-q1", "2014-q2"]
    build_search_index(site, pages, cache, max_pages=6, patches=True)
    assert [p.stem for p in (cache / "search-bases").iterdir()] == ["all"], "records of shards gone are forgotten"


def test_a_page_gone_from_a_shard_is_dropped_without_indexing(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    pages = _site(site)
    build_search_index(site, pages, cache, max_pages=3, patches=True)
    gone = pages.pop(3)
    counts = build_search_index(site, pages, cache, max_pages=3, patches=True)
    assert counts.patched == 1 and counts.pages == 5
    shard = _manifest(site)["2014-q2"]
    assert "patch" not in shard and shard["pages"] == 2
    assert [url for _, url in shard["superseded"]] == ["/" + gone.path.removesuffix("index.html")]


def test_too_many_edits_index_the_shard_whole_again(tmp_path):
    """Past the patch limit, or when most of a shard changed, the shard is indexed whole and becomes the new base."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    pages = _site(site)
    build_search_index(site, pages, cache, max_pages=3, patches=True)
    pages[0], pages[1] = _edit(site, pages[0], "一"), _edit(site, pages[1], "二")
    counts = build_search_index(site, pages, cache, max_pages=3, patches=True)
    assert (counts.reused, counts.patched) == (1, 0)
    assert not (site / "pagefind" / "2014-q1.patch").exists() and "patch" not in _manifest(site)["2014-q1"]
    pages[2] = _edit(site, pages[2], "三")
    assert build_search_index(site, pages, cache, max_pages=3, patches=True).patched == 1, "the whole run is the new base"


def test_a_patch_whose_base_is_gone_indexes_the_shard_whole(tmp_path):
    import shutil

    site, cache = tmp_path / "site", tmp_path / "cache"
    pages = _site(site)
    build_search_index(site, pages, cache, max_pages=3, patches=True)
    pages[1] = _edit(site, pages[1], "改")
    index = ShardedIndex(site, pages, cache, max_pages=3, patches=True)
    for page in pages:
        index.page_written(page.path)
    assert "2014-q1" in index.patches
    base = cache / "search" / index.keys["2014-q1"]
    index._advance(wait=True)
    shutil.rmtree(base)  # another build pruned it meanwhile
    counts = index.finish()
    assert counts.patched == 0 and counts.pages == 6
    assert not (site / "pagefind" / "2014-q1.patch").exists() and "patch" not in _manifest(site)["2014-q1"]


def _state(pid: int) -> str:
    """The process' state letter in /proc (T: stopped)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def _long_site(root: Path, count: int = 80) -> list[IndexedPage]:
    """Pages long enough that Pagefind takes a while on each shard."""
    pages = []
    for n in range(count):
        path = f"news/2014/{n % 12 + 1:02d}/b{n}/index.html"
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        text = "".join(f"<p>第{n}篇第{k}段：预防接种、健康教育与医疗改革的宣传报道。</p>" for k in range(200))
        (root / path).write_text(f'<!doctype html><html lang="zh-CN"><head><title>第{n}篇</title></head><body>'
                                 f'<article data-pagefind-body><h1>第{n}篇</h1>{text}</article></body></html>',
                                 encoding="utf-8")
        pages.append(IndexedPage(path, dt.date(2014, n % 12 + 1, 1), f"key{n}"))
    return pages


def test_a_preview_rebuild_pauses_the_background_index_and_resumes_it(tmp_path):
    """serve's search index waits while a save is rebuilt, without using a core, then finishes the same index."""
    import time

    from healthpress.search.index import BackgroundIndex

    site = tmp_path / "site"
    pages = _long_site(site)
    BackgroundIndex.pause()  # a save arrived before the last one's index began
    try:
        BackgroundIndex.start(site, pages, None, max_pages=40)
        deadline = time.monotonic() + 10
        while BackgroundIndex._index is None or BackgroundIndex._index.plan is None:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        index, cpu = BackgroundIndex._index, time.process_time()
        time.sleep(0.5)
        assert index._running == [], "no Pagefind starts while paused"
        assert time.process_time() - cpu < 0.2, "the waiting thread sleeps"
        BackgroundIndex.resume()
        while not index._running:
            assert time.monotonic() < deadline
            time.sleep(0.005)
        BackgroundIndex.pause()  # the next save, while Pagefind runs
        stopped = [run for run in index._running if run.process.poll() is None]
        assert stopped, "Pagefind was still running when the rebuild began"
        for run in stopped:
            while _state(run.process.pid) != "T":  # a signal takes a moment
                assert time.monotonic() < deadline
                time.sleep(0.01)
    finally:
        BackgroundIndex.resume()
        BackgroundIndex.wait()
    other = tmp_path / "other"
    build_search_index(other, _long_site(other), None, max_pages=40)
    assert _bundles(site) == _bundles(other)
