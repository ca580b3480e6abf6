"""bench: the table, the ratios, the phase bookkeeping, the floor. No timed assertions.

The tests marked `bench` build a 30-article corpus for real, in child processes (tens of seconds on two
cores): left out of the default run, run with `./scripts/test -m bench`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from benchmarks import bench
from benchmarks.bench import (BUILD_PHASES, ChildRun, Measurement, PHASE_KEYS, PhaseTimes, derive_phases, html_pages,
                              install_hooks, markdown_extensions, markdown_floor, markdown_table, ratio,
                              read_build_timings, render_report, split_front_matter, timed_build, tree_size)
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
    m.site_pages = 1200
    m.phases = PhaseTimes(dict.fromkeys(PHASE_KEYS, 40.0 / len(PHASE_KEYS)), rss_self_kib=150 * 1024,
                          rss_children_kib=200 * 1024, build={"model": 2.0, "articles": 20.0, "total": 38.0})
    m.rebuild_phases["Again"] = PhaseTimes(dict.fromkeys(PHASE_KEYS, 2.0 / len(PHASE_KEYS)), build={"total": 1.5})
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
    assert "1,024.0 MiB in 9,000 files" in text and "1,200 HTML pages (1,000 articles," in text
    assert "the Python build process 150 MiB, its largest child (Pagefind or a worker) 200 MiB" in text
    assert "30.0 pages/s" in text and "40.0 ms per article" in text
    assert all(label in text for _, label, _ in bench.PHASES)
    assert "| Model | 2.00 | 5% | — | read, validate and model the articles |" in text
    assert rows["Articles"].startswith("| Articles | 20.00 | 53% | — |")
    assert rows["Feeds"].startswith("| Feeds | — | — | — |")
    totals = [line for line in text.splitlines() if line.startswith("| **Total**")]
    assert totals[1].startswith("| **Total** | 38.00 | 100% | 1.50 |")


def test_report_without_healthpress_phases_shows_dashes_and_says_why():
    m = Measurement(10, cold=run(5.0), floor=run(1.0), timings_note="No `--timings` here.")
    m.phases = PhaseTimes(dict.fromkeys(PHASE_KEYS, 0.5))
    text = render_report(m)
    for _, label, _ in BUILD_PHASES:
        assert f"| {label} | — | — |" in text
    assert "| **Total** | — | — |" in text and "No `--timings` here." in text


def test_report_keeps_phases_it_does_not_know():
    m = Measurement(10, cold=run(5.0), floor=run(1.0))
    m.phases = PhaseTimes(dict.fromkeys(PHASE_KEYS, 0.5), build={"total": 4.0, "warm-up": 1.0})
    assert "| warm-up | 1.00 | 25% |" in render_report(m)


def test_report_marks_failed_runs_and_leaves_their_ratio_out():
    m = Measurement(10, cold=run(5.0, code=1), floor=run(1.0))
    line = next(line for line in render_report(m).splitlines() if line.startswith("| Cold"))
    assert "| failed | — | — |" in line


# --------------------------------------------------------------------------------------------- phase bookkeeping


def synthetic_events() -> list:
    return [["hooks_loaded", 1.0], ["config_start", 1.5], ["config_end", 1.6], ["files_start", 1.7],
            ["files_end", 2.4], ["nav_end", 2.5], ["page", 2.6], ["post_page", 2.7],
            ["env_start", 5.0], ["env_end", 7.1],
            ["page", 7.2], ["post_page", 7.4],
            ["post_build_start", 8.0], ["post_build_end", 9.5, {"rss_self": 300 * 1024, "rss_children": 500 * 1024}]]


def test_derive_phases_splits_the_whole_run():
    p = derive_phases(synthetic_events(), spawn=0.0, exit_=10.0)
    expected = {"startup": 1.5, "read_validate": 1.0, "markdown": 2.5, "pages": 2.1, "static": 0.9,
                "post_build": 1.5, "exit": 0.5}
    assert p.seconds == pytest.approx(expected)
    assert tuple(p.seconds) == PHASE_KEYS
    assert p.total == pytest.approx(10.0)
    assert p.mkdocs_pages == 2 and p.build == {}
    assert (p.rss_self_kib, p.rss_children_kib) == (300 * 1024, 500 * 1024)


def test_derive_phases_refuses_incomplete_events():
    events = synthetic_events()
    with pytest.raises(ValueError, match="post_build_end"):
        derive_phases([e for e in events if e[0] != "post_build_end"], 0.0, 10.0)
    with pytest.raises(ValueError, match="3 pages started but 2 finished"):
        derive_phases(events[:-2] + [["page", 7.5]] + events[-2:], 0.0, 10.0)


def test_read_build_timings(tmp_path):
    path = tmp_path / "timings.json"
    path.write_text(json.dumps({"model": 1.25, "articles": 3, "total": 5.5}), encoding="utf-8")
    assert read_build_timings(path) == {"model": 1.25, "articles": 3.0, "total": 5.5}
    for wrong in ([1.0], {"model": "1.0"}, {"model": None}, {"model": True}):
        path.write_text(json.dumps(wrong), encoding="utf-8")
        with pytest.raises(ValueError):
            read_build_timings(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError):
        read_build_timings(path)


def test_the_hooks_touch_nothing_of_healthpress():
    code = bench.HOOKS_SOURCE.split('"""', 2)[2]  # after its docstring
    assert "healthpress" not in code and "setattr" not in code
    assert "from mkdocs.plugins import CombinedEvent, event_priority" in code


def test_html_pages(tmp_path):
    for name in ("index.html", "a/index.html", "404.html", "feed.xml", "a/b.css"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert html_pages(tmp_path) == 3


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
def built(corpus, tmp_path_factory):
    """A plain `healthpress build` of the corpus, then one with the timing hooks (and `--timings` when offered)."""
    out = tmp_path_factory.mktemp("timed")
    plain = out / "plain-site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(corpus.build_epoch)}
    env.pop(bench.EVENTS_ENV, None)
    first = bench.run_child([*bench.HEALTHPRESS, "build"], cwd=corpus.root, env=env, log=out / "plain.log",
                            timeout=600)
    assert first.returncode == 0, (out / "plain.log").read_text(encoding="utf-8")
    (corpus.root / "site").rename(plain)
    install_hooks(corpus.root)
    offered = bench.build_offers_timings(env)
    result, phases, note = timed_build(corpus.root, env, log=out / "timed.log", events=out / "events.json",
                                       timings=out / "timings.json" if offered else None, timeout=600)
    assert result.returncode == 0, (out / "timed.log").read_text(encoding="utf-8")
    assert note == "" and phases is not None
    events = json.loads((out / "events.json").read_text(encoding="utf-8"))["events"]
    return result, events, phases, offered, plain


@pytest.mark.bench
def test_hooks_record_every_event_of_a_real_build(corpus, built):
    result, events, p, _, _ = built
    names = [e[0] for e in events]
    for name in ("hooks_loaded", "config_start", "config_end", "files_start", "files_end", "nav_end", "env_start",
                 "env_end", "post_build_start", "post_build_end"):
        assert names.count(name) == 1, name
    moments = [e[1] for e in events]
    assert moments == sorted(moments)
    assert result.spawn <= moments[0] and moments[-1] <= result.exit
    assert p.mkdocs_pages == names.count("post_page") > 0
    assert html_pages(corpus.root / "site") > COUNT + p.mkdocs_pages  # the articles, MkDocs' pages, the listings
    assert all(seconds >= 0 for seconds in p.seconds.values())
    assert p.total == pytest.approx(result.seconds)
    assert 0 < p.rss_self_kib <= result.peak_kib and p.rss_children_kib <= result.peak_kib


@pytest.mark.bench
def test_the_build_reports_its_own_phases(built):
    result, _, p, offered, _ = built
    if not offered:
        pytest.skip("this healthpress' build takes no --timings FILE")
    known = {key for key, _, _ in BUILD_PHASES} | {bench.BUILD_TOTAL}
    assert p.build and set(p.build) <= known, set(p.build) - known
    assert all(seconds >= 0 for seconds in p.build.values())
    assert p.build[bench.BUILD_TOTAL] <= result.seconds


@pytest.mark.bench
def test_hooks_do_not_change_the_site(corpus, built):
    *_, plain = built

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
    log.write_text("healthpress：网站生成完毕，1,681 页（0 页沿用缓存），用时 1,026.4 秒，0 个警告\n"
                   "[10:00:00] 预览地址：http://127.0.0.1:8000/（按 Ctrl+C 停止预览）\n[10:01:00] 发现文件有改动，重新生成……\n"
                   "healthpress：网站生成完毕，1,681 页（1,680 页沿用缓存），用时 25.1 秒，0 个警告\n", encoding="utf-8")
    assert bench.serve_build_times(log) == [1026.4, 25.1]
    assert bench.serve_build_times(tmp_path / "missing.log") == []


def test_report_names_the_corpus_profile_when_not_plain():
    m = Measurement(10, cold=run(5.0), floor=run(1.0))
    m.context = {"seed": "2013", "profile": "realistic"}
    assert "Corpus: benchmarks.corpus profile realistic, seed 2013, 10 articles" in render_report(m)
    m.context["profile"] = "plain"
    assert "Corpus: benchmarks.corpus seed 2013, 10 articles" in render_report(m)
