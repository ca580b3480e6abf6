"""bench: the table, the ratios, the phase bookkeeping (on a real 30-article build), the floor. No timed assertions."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from benchmarks import bench
from benchmarks.bench import (ChildRun, Measurement, PHASE_KEYS, PhaseTimes, derive_phases, install_hooks,
                               markdown_extensions, markdown_floor, markdown_table, ratio, render_report,
                               split_front_matter, tree_size)
from benchmarks.corpus import write_corpus

COUNT = 30


# --------------------------------------------------------------------------------------------- table and ratios


def test_markdown_table_aligns_first_column_left_and_the_rest_right():
    table = markdown_table(["Run", "Seconds", "× floor"], [["cold", "2.00", "4.0×"], ["floor", "0.50", "1.0×"]])
    assert table.splitlines() == [
        "| Run | Seconds | × floor |",
        "| --- | ---: | ---: |",
        "| cold | 2.00 | 4.0× |",
        "| floor | 0.50 | 1.0× |",
    ]


def test_markdown_table_takes_an_explicit_alignment():
    assert markdown_table(["a", "b", "c"], [], "lrl").splitlines()[1] == "| --- | ---: | --- |"


@pytest.mark.parametrize(("value", "floor", "expected"), [
    (10.0, 2.5, 4.0), (2.5, 2.5, 1.0), (1.0, 4.0, 0.25), (None, 2.0, None), (3.0, None, None), (3.0, 0.0, None),
])
def test_ratio(value, floor, expected):
    assert ratio(value, floor) == expected


def run(seconds: float, peak_kib: int = 200 * 1024, code: int = 0) -> ChildRun:
    return ChildRun(seconds, peak_kib, code, 0.0, seconds)


def test_report_shows_every_row_with_its_ratio_to_the_floor():
    m = Measurement(1000, corpus_bytes=4 * 2**20, cold=run(40.0), unchanged=run(40.0), unchanged_again=run(2.0),
                    changed=run(44.0),
                    serve_seconds=20.0, floor=run(4.0, 50 * 1024), floor_inner=3.0, site_bytes=2**30, site_files=9000)
    m.phases = PhaseTimes(dict.fromkeys(PHASE_KEYS, 40.0 / len(PHASE_KEYS)), pages=1200, generated_pages=200,
                          rss_self_kib=150 * 1024, rss_children_kib=200 * 1024)
    text = render_report(m)
    rows = {line.split(" | ")[0].lstrip("| "): line for line in text.splitlines() if line.startswith("| ")}
    assert "| 40.00 | 10.0× | 200 | 40.0 |" in rows["Cold full build (`healthpress build`, new process)"]
    assert "| 40.00 | 10.0× |" in rows["Rebuild, nothing changed (the first: no earlier output kept to start from)"]
    assert "| 2.00 | 0.5× |" in rows["Rebuild, nothing changed, again (from the output the last build replaced)"]
    assert "| 44.00 | 11.0× |" in rows["Rebuild, one article changed"]
    assert "| 20.00 | 5.0× | — |" in rows["`healthpress serve`: save → page has the change"]
    assert "| 4.00 | 1.0× | 50 | 4.0 |" in rows["Floor: Python-Markdown only, one process, no templates"]
    assert "nothing changed / cold = 1.00×" in text and "one article changed / cold = 1.10×" in text
    assert "nothing changed again / cold = 0.05×" in text
    assert "cold / floor = 10.0×" in text
    assert "1,024.0 MiB in 9,000 files" in text and "1,200 pages (1,000 articles + 200 generated)" in text
    assert "the Python build process 150 MiB, its largest child (Pagefind or a worker) 200 MiB" in text
    assert "30.0 pages/s" in text and "40.0 ms per article" in text
    assert all(label in text for _, label, _ in bench.PHASES)


def test_report_marks_failed_runs_and_leaves_their_ratio_out():
    m = Measurement(10, cold=run(5.0, code=1), floor=run(1.0))
    line = next(line for line in render_report(m).splitlines() if line.startswith("| Cold"))
    assert "| failed | — | — |" in line


# --------------------------------------------------------------------------------------------- phase bookkeeping


def synthetic_events() -> list:
    return [["hooks_loaded", 1.0], ["config_start", 1.5], ["config_end", 1.6], ["files_start", 1.7],
            ["model_start", 1.8], ["model_end", 2.3], ["files_end", 2.4], ["nav_end", 2.5],
            ["env_start", 5.0], ["articles_start", 5.1],
            ["articles_end", 6.5, {"pages": 2, "rendered": 2, "reused": 0, "workers": 2}], ["listings_start", 6.7],
            ["listings_end", 7.0, {"pages": 1, "rendered": 0, "reused": 1, "workers": 1}], ["env_end", 7.1],
            ["page", 7.2, {"g": 0}], ["post_page", 7.4],
            ["post_build_start", 8.0], ["search_start", 8.0], ["search_end", 9.0], ["feeds_start", 9.0],
            ["feeds_end", 9.25], ["publish_start", 9.25], ["publish_end", 9.5], ["post_build_end", 9.5, {"rss_self": 300 * 1024, "rss_children": 500 * 1024}]]


def test_derive_phases_splits_the_whole_run():
    p = derive_phases(synthetic_events(), spawn=0.0, exit_=10.0)
    expected = {"startup": 1.5, "read_validate": 1.0, "markdown": 2.5, "keys": 0.1, "templates": 1.4,
                "link_check": 0.2, "listings": 0.3, "static": 1.0, "search": 1.0, "feeds": 0.25,
                "publish": 0.25, "exit": 0.5}
    assert p.seconds == pytest.approx(expected)
    assert p.total == pytest.approx(10.0)
    assert (p.pages, p.generated_pages, p.model_seconds) == (4, 1, pytest.approx(0.5))
    assert (p.reused, p.workers) == (1, 2)
    assert (p.rss_self_kib, p.rss_children_kib) == (300 * 1024, 500 * 1024)


def test_derive_phases_refuses_incomplete_events():
    events = synthetic_events()
    with pytest.raises(ValueError, match="post_build_end"):
        derive_phases([e for e in events if e[0] != "post_build_end"], 0.0, 10.0)
    with pytest.raises(ValueError, match="2 pages started but 1 finished"):
        derive_phases(events[:-7] + [["page", 7.5, {"g": 0}]] + events[-7:], 0.0, 10.0)


def test_install_hooks_registers_once(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    install_hooks(tmp_path)
    install_hooks(tmp_path)
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert text.count("- bench_hooks.py") == 1 and (tmp_path / "bench_hooks.py").is_file()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("bench") / "project", COUNT)


@pytest.fixture(scope="module")
def timed_build(corpus, tmp_path_factory):
    """A real `healthpress build` of the corpus with the timing hooks, in a child process."""
    out = tmp_path_factory.mktemp("timed")
    plain = out / "plain-site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(corpus.build_epoch)}
    build = [sys.executable, "-m", "healthpress.cli", "build"]
    first = bench.run_child(build, cwd=corpus.root, env=env, log=out / "plain.log", timeout=600)
    assert first.returncode == 0, (out / "plain.log").read_text(encoding="utf-8")
    (corpus.root / "site").rename(plain)
    install_hooks(corpus.root)
    timings = out / "timings.json"
    result = bench.run_child(build, cwd=corpus.root, env={**env, bench.TIMINGS_ENV: str(timings)},
                             log=out / "timed.log", timeout=600)
    assert result.returncode == 0, (out / "timed.log").read_text(encoding="utf-8")
    return result, json.loads(timings.read_text(encoding="utf-8"))["events"], plain


def test_hooks_record_every_page_of_a_real_build(corpus, timed_build):
    result, events, _ = timed_build
    names = [e[0] for e in events]
    for name in ("hooks_loaded", "config_start", "config_end", "files_start", "model_start", "model_end", "files_end",
                 "nav_end", "env_start", "env_end", "post_build_start", "search_start", "search_end", "feeds_start",
                 "feeds_end", "publish_start", "publish_end", "post_build_end"):
        assert names.count(name) == 1, name
    moments = [e[1] for e in events]
    assert moments == sorted(moments)
    assert result.spawn <= moments[0] and moments[-1] <= result.exit
    p = derive_phases(events, result.spawn, result.exit)
    assert p.pages - p.generated_pages - names.count("post_page") == COUNT  # articles, listings, MkDocs' own pages
    assert p.generated_pages > 0 and p.reused == 0
    assert all(seconds >= 0 for seconds in p.seconds.values())
    assert p.total == pytest.approx(result.seconds)
    assert 0 < p.rss_self_kib <= result.peak_kib and p.rss_children_kib <= result.peak_kib


def test_hooks_do_not_change_the_site(corpus, timed_build):
    _, _, plain = timed_build

    def files(root: Path) -> dict[str, bytes]:
        # pagefind/ left out: PyPI's Pagefind 1.5.2 names its index files differently on every run (1.6.0 does not)
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
                if p.is_file() and p.relative_to(root).parts[0] != "pagefind"}

    assert files(corpus.root / "site") == files(plain)
    assert tree_size(plain)[1] == sum(1 for p in plain.rglob("*") if p.is_file())


# --------------------------------------------------------------------------------------------- the floor


def test_split_front_matter():
    meta, body = split_front_matter("\ufeff---\ntitle: 标题\ndate: 2013-05-08\n---\n\n正文。\n")
    assert meta["title"] == "标题" and body == "\n正文。\n"
    assert split_front_matter("没有文件头\n") == ({}, "没有文件头\n")


def test_floor_uses_the_sites_markdown_extensions_and_converts_every_article(corpus, tmp_path):
    names, configs = markdown_extensions(corpus.config_file)
    assert names == ["toc", "tables", "attr_list", "admonition", "pymdownx.details", "pymdownx.superfences"]
    assert configs == {"toc": {"permalink": False}, "tables": {"use_align_attribute": True}}
    result = markdown_floor(corpus.docs_dir, tmp_path / "html", corpus.config_file)
    pages = sorted((tmp_path / "html").rglob("*.html"))
    assert result["files"] == len(pages) == COUNT
    sample = pages[0].read_text(encoding="utf-8")
    assert "<h2" in sample and "title:" not in sample


def test_serve_build_times_reads_mkdocs_log(tmp_path):
    log = tmp_path / "serve.log"
    log.write_text("INFO    -  Documentation built in 26.40 seconds\nINFO    -  Serving on http://127.0.0.1:8000/\n"
                   "INFO    -  Detected file changes\nINFO    -  Documentation built in 25.10 seconds\n", encoding="utf-8")
    assert bench.serve_build_times(log) == [26.40, 25.10]
    assert bench.serve_build_times(tmp_path / "missing.log") == []
