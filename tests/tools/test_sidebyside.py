"""benchmarks.sidebyside, treerun and hugosite: the paired table, the process tree's figures, the Hugo project.

The test marked `bench` builds a 20-article realistic corpus for real with every contender (healthpress
full and without search, the floor, Hugo from Debian, Hugo + Pagefind): left out of the default run,
run with `./scripts/test -m bench` (which installs Hugo when it is missing)."""

from __future__ import annotations

import json
import sys
import textwrap

import pytest

from benchmarks import sidebyside
from benchmarks.bench import split_front_matter
from benchmarks.corpus import write_corpus
from benchmarks.hugosite import write_hugo_site
from benchmarks.sidebyside import (CONTENDERS, FLOOR, HP_FULL, HUGO, HUGO_PAGEFIND, SideBySide, paired_ratios, render,
                                   reported_warnings)
from benchmarks.treerun import TreeRun, combined, run_tree, tree_pids

COUNT = 20
MIB = 1024


def tree_run(wall: float, cpu: float = 1.0, peak_mib: int = 100, code: int = 0) -> TreeRun:
    return TreeRun(wall, cpu * 0.75, cpu * 0.25, peak_mib * 1024, peak_mib * 1024 // 2, code)


def synthetic() -> SideBySide:
    """Two repetitions; in the second the machine is twice as slow for everyone."""
    walls = {HP_FULL: (6.0, 12.0), "healthpress-nosearch": (4.0, 8.0), FLOOR: (2.0, 4.0), HUGO: (0.5, 1.0),
             HUGO_PAGEFIND: (3.0, 6.0)}
    result = SideBySide(1000, 2, {key: [tree_run(w) for w in pair] for key, pair in walls.items()})
    result.phases = [{"model": 1.0, "articles": 3.0, "search": 1.5, "total": 5.5},
                     {"model": 2.0, "articles": 6.0, "search": 3.0, "total": 11.0}]
    result.warnings = [1260, 1260]
    result.context = {"date": "2026-12-07 16:00 UTC", "cpus": "2", "profile": "realistic", "seed": "2013"}
    return result


def rows(text: str) -> dict[str, list[str]]:
    return {line.split(" | ")[0].lstrip("| "): [c.strip() for c in line.strip("| ").split(" | ")[1:]]
            for line in text.splitlines() if line.startswith("| ")}


def test_paired_ratios_are_taken_within_each_repetition():
    result = synthetic()
    assert paired_ratios(result, HP_FULL, HUGO_PAGEFIND) == [2.0, 2.0]
    assert paired_ratios(result, HUGO, FLOOR) == [0.25, 0.25]
    result.runs[FLOOR][1] = tree_run(4.0, code=1)
    assert paired_ratios(result, HP_FULL, FLOOR) == [3.0]  # a failed run leaves its repetition out


def test_the_table_has_every_contender_with_wall_cpu_peaks_and_paired_ratios():
    text = render(synthetic())
    table = rows(text)
    assert table["Contender"] == ["Wall s", "Each repetition s", "CPU s", "Peak MiB (tree)", "Largest process MiB",
                                  "× floor", "× Hugo + Pagefind"]
    for _, label in CONTENDERS:
        assert label in table, label
    assert table[sidebyside.LABELS[HP_FULL]] == ["9.00", "6.00, 12.00", "1.00", "100", "50", "3.00×", "2.00×"]
    assert table[sidebyside.LABELS[HUGO_PAGEFIND]][-1] == "1.00×"
    assert table[sidebyside.LABELS[FLOOR]][-2] == "1.00×"
    assert table["Search index"] == ["2.25", "27%"] and table["Articles"] == ["4.50", "55%"]
    assert table["Feeds"] == ["—", "—"]
    assert "1,260 warnings (1.26 an article)" in text


def test_a_failed_run_is_named_and_kept_out_of_the_medians():
    result = synthetic()
    result.runs[HUGO][0] = tree_run(0.1, code=2)
    result.notes.append("Hugo alone, repetition 1: failed (exit 2)")
    table = rows(render(result))
    assert table[sidebyside.LABELS[HUGO]][:2] == ["1.00", "1.00"]
    assert "- Hugo alone, repetition 1: failed (exit 2)" in render(result)


def test_reported_warnings_reads_healthpress_summary(tmp_path):
    log = tmp_path / "build.log"
    log.write_text("警告：…\nhealthpress：网站生成完毕，1,681 页（0 页沿用缓存），用时 26.4 秒，1,260 个警告\n", encoding="utf-8")
    assert reported_warnings(log) == 1260
    log.write_text("没有总结行\n", encoding="utf-8")
    assert reported_warnings(log) is None


def test_combined_runs_add_times_and_keep_the_largest_peaks():
    hugo, pagefind = tree_run(1.0, 0.8, 60), tree_run(5.0, 6.0, 640)
    both = combined(hugo, pagefind)
    assert (both.wall, both.cpu, both.peak_tree_kib, both.returncode) == (6.0, pytest.approx(6.8), 640 * 1024, 0)
    assert combined(hugo, tree_run(1.0, code=3)).returncode == 3


def test_run_tree_counts_every_process_of_the_tree(tmp_path):
    """A parent and its forked child each fill 80 MiB of their own at once, and the child spins 0.5 s of CPU:
    the tree's peak holds both, the largest process one, the CPU the child's too."""
    script = tmp_path / "tree.py"
    script.write_text(textwrap.dedent("""\
        import os, time
        pid = os.fork()
        own = (b"\\x02" if pid == 0 else b"\\x01") * (80 << 20)
        if pid == 0:
            while time.process_time() < 0.5:
                pass
            time.sleep(1.5)
            os._exit(0)
        os.waitpid(pid, 0)
        """), encoding="utf-8")
    run = run_tree([sys.executable, str(script)], cwd=tmp_path, env={}, log=tmp_path / "tree.log", timeout=120)
    assert run.ok, (tmp_path / "tree.log").read_text()
    assert run.cpu >= 0.5
    assert run.peak_tree_kib >= 160 * MIB
    assert 80 * MIB <= run.peak_process_kib < 130 * MIB  # one process' own peak, not the benchmark's
    assert run.samples >= 5


def test_tree_pids_follows_parents_and_the_session():
    table = {10: (1, 10), 11: (10, 10), 12: (11, 99), 13: (12, 99), 20: (1, 20), 21: (1, 10)}
    assert tree_pids(10, table) == {10, 11, 12, 13, 21}


@pytest.fixture(scope="module")
def realistic(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("sbs") / "project", COUNT, profile="realistic")


def test_the_hugo_project_has_every_article_with_its_fields(realistic, tmp_path):
    root = write_hugo_site(realistic, tmp_path / "hugo")
    for record in realistic.articles:
        meta, body = split_front_matter((root / "content" / record.src_uri).read_text(encoding="utf-8"))
        _, original = split_front_matter((realistic.docs_dir / record.src_uri).read_text(encoding="utf-8"))
        assert body == original and meta["title"] == record.title and meta["tags"]
        assert meta["date"].startswith(record.date[:10]) and meta["date"].endswith("+08:00")
        assert record.url.endswith(f"/{meta['slug']}/")
    assert sorted(p.name for p in (root / "layouts" / "_default").iterdir()) == ["baseof.html", "list.html",
                                                                                   "single.html"]


@pytest.mark.bench
def test_side_by_side_on_a_small_corpus(tmp_path):
    """Every contender really runs (Hugo from Debian, Pagefind, healthpress twice, the floor) once."""
    result = sidebyside.measure(COUNT, tmp_path, repeat=1, log=lambda _: None)
    assert result.notes == []
    assert {key for key, _ in CONTENDERS} == set(result.runs)
    for key, runs in result.runs.items():
        assert len(runs) == 1 and runs[0].ok, key
        assert runs[0].wall > 0 and runs[0].cpu > 0 and runs[0].peak_tree_kib >= runs[0].peak_process_kib > 0
    again = write_corpus(tmp_path / "again", COUNT, profile="realistic")
    root = tmp_path / f"n{COUNT}"
    public, site = root / "hugo" / "public", root / "project" / "site-nosearch"  # the full build's site is cleared
    for record in again.articles:  # the same articles at the same addresses
        assert (public / record.url / "index.html").is_file() and (site / record.url / "index.html").is_file()
    entry = json.loads((public / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh-cn"] and entry["languages"]["zh-cn"]["page_count"] == COUNT
    assert not (site / "pagefind").exists()
    assert result.phases[0]["total"] > 0 and result.phases[0]["search"] > 0
    assert result.warnings[0] == sum(again.warnings.values())  # the realistic profile's warnings, 1.26 an article
    table = rows(render(result))
    assert all(label in table for _, label in CONTENDERS)


def test_an_interrupted_run_ends_the_commands_processes(tmp_path):
    """Ctrl-C (or SIGTERM, which the side-by-side mode turns into it) while a contender runs: its whole
    session is ended, not left building on its own."""
    import os
    import signal
    import threading
    import time

    script = tmp_path / "tree.py"
    script.write_text(textwrap.dedent(f"""\
        import pathlib, subprocess, time
        child = subprocess.Popen(["sleep", "600"])
        pathlib.Path({str(tmp_path / "pid")!r}).write_text(str(child.pid))
        time.sleep(600)
        """), encoding="utf-8")
    def interrupt_once_started():
        while not (tmp_path / "pid").exists():
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGINT)

    timer = threading.Thread(target=interrupt_once_started, daemon=True)
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        run_tree([sys.executable, str(script)], cwd=tmp_path, env={}, log=tmp_path / "tree.log", timeout=600)
    grandchild = int((tmp_path / "pid").read_text())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _alive(grandchild):
        time.sleep(0.1)
    assert not _alive(grandchild)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().split(b") ")[1][:1] != b"Z"
    except OSError:
        return False
