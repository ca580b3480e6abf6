"""Side by side: healthpress against Hugo + Pagefind on the same articles, paired run by run.

`python -m benchmarks.sidebyside --count 1000 [--count 10000 ...] [--repeat 3]` (or
`./scripts/bench --side-by-side ...`, which installs Debian's Hugo when it is missing) writes a corpus
(benchmarks.corpus, the realistic profile unless `--profile plain`), the same articles as a Hugo
project (benchmarks.hugosite) and measures, cold each time, these contenders:

- floor: Python-Markdown converting and writing every article, one process (benchmarks.bench's floor);
- Hugo: `hugo` (Debian's package) building the Hugo project;
- Hugo + Pagefind: `hugo`, then the Pagefind binary healthpress uses (search/pagefindbinary.py's
  choice, `--force-language zh-cn`, as healthpress runs it) on Hugo's output;
- healthpress, search off: `healthpress build` with `search_index: false`;
- healthpress full: `healthpress build`, every feature on, with its phases (`--timings`).

"Paired": each repetition runs every contender once, in turn (the order turns by one each repetition),
so a drift of the machine's load touches all of them alike; the report gives each figure's median
over the repetitions, every repetition's wall time, and the ratios taken within each repetition.
Wall, CPU (user + system of the whole process tree) and peak memory of the tree: see benchmarks.treerun.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.bench import BUILD_PHASES, BUILD_TOTAL, HEALTHPRESS, REPO_ROOT, markdown_table, read_build_timings
from benchmarks.treerun import SAMPLE_SECONDS, TreeRun, combined, run_tree

DEFAULT_OUTPUT = REPO_ROOT / "benchmarks" / "side-by-side.md"
DEFAULT_SEED = 2013
NO_SEARCH_CONFIG = "mkdocs-nosearch.yml"

FLOOR, HUGO, HUGO_PAGEFIND, HP_NO_SEARCH, HP_FULL = "floor", "hugo", "hugo+pagefind", "healthpress-nosearch", "healthpress"
CONTENDERS: tuple[tuple[str, str], ...] = (
    (HP_FULL, "healthpress full (search index, feeds, checks)"),
    (HP_NO_SEARCH, "healthpress, search off (`search_index: false`)"),
    (FLOOR, "floor: Python-Markdown only, one process"),
    (HUGO, "Hugo alone"),
    (HUGO_PAGEFIND, "Hugo + Pagefind (`--force-language zh-cn`)"),
)
"""Every contender: its key and its row label, in the report's order."""
LABELS = dict(CONTENDERS)


@dataclass
class Project:
    """Where one count's projects are, and how to run each contender on them."""

    root: Path
    corpus: Path
    docs: Path
    config: Path
    hugo: Path
    pagefind: Path
    epoch: int


@dataclass
class SideBySide:
    """Every run at one count: runs[contender] holds one TreeRun per repetition, in repetition order."""

    count: int
    repeat: int
    runs: dict[str, list[TreeRun]] = field(default_factory=dict)
    phases: list[dict[str, float]] = field(default_factory=list)
    """healthpress full's own phases (`--timings`), one per repetition."""
    order: list[list[str]] = field(default_factory=list)
    warnings: list[int | None] = field(default_factory=list)
    """The warnings each healthpress full build reported."""
    context: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------- running


def hugo_program() -> str:
    """The `hugo` on PATH (FileNotFoundError saying how to get it)."""
    found = shutil.which("hugo")
    if found is None:
        raise FileNotFoundError("hugo is not installed: ./scripts/bench --side-by-side installs Debian's package "
                                "(apt-get install hugo)")
    return found


def prepare(count: int, workdir: Path, seed: int, profile: str) -> Project:
    """Write the corpus, its search-off config and its Hugo project under workdir/n<count>."""
    from benchmarks.corpus import config_text, write_corpus
    from benchmarks.hugosite import write_hugo_site
    from healthpress.search.pagefindbinary import choose_pagefind

    root = workdir / f"n{count}"
    if root.exists():
        shutil.rmtree(root)
    info = write_corpus(root / "project", count, seed, profile=profile)
    text = info.config_file.read_text(encoding="utf-8")
    no_search = config_text(search_index=False, site_dir="site-nosearch")
    if text != config_text():
        raise RuntimeError(f"{info.config_file} is not what benchmarks.corpus.config_text() writes")
    (info.root / NO_SEARCH_CONFIG).write_text(no_search, encoding="utf-8")
    write_hugo_site(info, root / "hugo")
    return Project(root, info.root, info.docs_dir, info.config_file, root / "hugo",
                   choose_pagefind(info.root).path(), info.build_epoch)


def _clean(*paths: Path) -> None:
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


def _cold_healthpress(project: Project) -> None:
    """No site, no earlier output and no cache: every healthpress build starts cold."""
    _clean(project.corpus / ".cache", *project.corpus.glob("site*"), *project.corpus.glob(".site*"))


def run_contender(key: str, project: Project, env: dict[str, str], logs: Path, rep: int,
                  timeout: float) -> tuple[TreeRun, dict[str, float] | None]:
    """Run one contender cold; (its measurement, healthpress' phases for the full build)."""
    log = logs / f"{key}-{rep}.log"
    if key == FLOOR:
        _clean(project.root / "floor-html")
        run = run_tree([sys.executable, "-m", "benchmarks.bench", "--floor", str(project.docs),
                        str(project.root / "floor-html"), str(project.config), str(project.root / "floor.json")],
                       cwd=REPO_ROOT, env=env, log=log, timeout=timeout)
        return run, None
    if key in (HUGO, HUGO_PAGEFIND):
        _clean(project.hugo / "public", project.hugo / "resources")
        hugo = run_tree([hugo_program(), "--quiet"], cwd=project.hugo, env=env, log=log, timeout=timeout)
        if key == HUGO or not hugo.ok:
            return hugo, None
        pagefind = run_tree([str(project.pagefind), "--site", "public", "--output-path", "public/pagefind",
                             "--force-language", "zh-cn", "--silent"], cwd=project.hugo, env=env,
                            log=logs / f"{key}-{rep}-pagefind.log", timeout=timeout)
        return combined(hugo, pagefind), None
    _cold_healthpress(project)
    timings = project.root / f"timings-{key}-{rep}.json"
    argv = [*HEALTHPRESS] + (["-f", NO_SEARCH_CONFIG] if key == HP_NO_SEARCH else []) + [
        "build", "--timings", str(timings)]
    run = run_tree(argv, cwd=project.corpus, env=env, log=log, timeout=timeout)
    phases = read_build_timings(timings) if run.ok and timings.is_file() else None
    return run, phases


def reported_warnings(log: Path) -> int | None:
    """The warnings healthpress' summary line reports ("…，用时 2.5 秒，1,260 个警告")."""
    found = re.findall(r"用时 [0-9,.]+ 秒，([0-9,]+) 个警告", Path(log).read_text(encoding="utf-8", errors="replace"))
    return int(found[-1].replace(",", "")) if found else None


def measure(count: int, workdir: Path, repeat: int, seed: int = DEFAULT_SEED, profile: str = "realistic",
            timeout: float = 3600, contenders: tuple[str, ...] = tuple(LABELS), log=print) -> SideBySide:
    """Every contender `repeat` times at `count` articles, paired (module docstring)."""
    log(f"==> N={count}: writing the corpus ({profile}) and its Hugo project")
    project = prepare(count, workdir, seed, profile)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(project.epoch), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("HEALTHPRESS_BENCH_EVENTS", None)
    result = SideBySide(count, repeat, {key: [] for key in contenders})
    result.context = _context(project, count, seed, profile)
    logs = project.root / "logs"
    logs.mkdir()
    for rep in range(repeat):
        order = list(contenders[rep % len(contenders):] + contenders[:rep % len(contenders)])
        result.order.append(order)
        for key in order:
            log(f"==> N={count}: repetition {rep + 1}/{repeat}: {LABELS[key]}")
            run, phases = run_contender(key, project, env, logs, rep, timeout)
            result.runs[key].append(run)
            if not run.ok:
                result.notes.append(f"{LABELS[key]}, repetition {rep + 1}: failed (exit {run.returncode}), see {run.log}")
            if key == HP_FULL:
                result.phases.append(phases or {})
                result.warnings.append(reported_warnings(run.log))
    result.context["load_end"] = _load()
    return result


# ---------------------------------------------------------------------------------------------- the report


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _fmt(value: float | None, digits: int = 2, suffix: str = "") -> str:
    return "—" if value is None else f"{value:,.{digits}f}{suffix}"


def paired_ratios(result: SideBySide, key: str, base: str) -> list[float]:
    """wall(key) / wall(base) within each repetition where both succeeded."""
    return [run.wall / other.wall for run, other in zip(result.runs.get(key, []), result.runs.get(base, []))
            if run.ok and other.ok and other.wall > 0]


def render(result: SideBySide) -> str:
    ctx = result.context
    out = [f"## N = {result.count:,}, side by side — {ctx.get('date', '')}", "",
           f"Machine: {ctx.get('cpus')} CPUs, load average {ctx.get('load_start')} at start, {ctx.get('load_end')} at "
           f"end (a shared machine: the figures are noisy, read the paired ratios). {ctx.get('versions')}.",
           f"Corpus: benchmarks.corpus, profile {ctx.get('profile')}, seed {ctx.get('seed')}, {result.count:,} articles, "
           f"{ctx.get('corpus_mib')} MiB of Markdown. {result.repeat} repetition{'s' if result.repeat != 1 else ''}, "
           f"each running every contender once "
           f"in turn (the order turning by one each time); medians.", ""]
    rows = []
    for key, label in CONTENDERS:
        runs = [run for run in result.runs.get(key, []) if run.ok]
        if key not in result.runs:
            continue
        walls = [run.wall for run in runs]
        rows.append([label, _fmt(_median(walls)), ", ".join(f"{w:.2f}" for w in walls) or "failed",
                     _fmt(_median([run.cpu for run in runs])),
                     _fmt(_median([run.peak_tree_kib / 1024 for run in runs]), 0),
                     _fmt(_median([run.peak_process_kib / 1024 for run in runs]), 0),
                     _fmt(_median(paired_ratios(result, key, FLOOR)), 2, "×"),
                     _fmt(_median(paired_ratios(result, key, HUGO_PAGEFIND)), 2, "×")])
    out.append(markdown_table(["Contender", "Wall s", "Each repetition s", "CPU s", "Peak MiB (tree)",
                               "Largest process MiB", "× floor", "× Hugo + Pagefind"], rows, "lrlrrrrr"))
    out.append("")
    out.append("Wall: spawn to exit. CPU: user + system of the process and all its waited-for descendants "
               "(`os.wait4`). Peak (tree): the largest sum of the tree's proportional set sizes, sampled every "
               f"{SAMPLE_SECONDS:g} s (never below the largest process). Largest process: the largest peak RSS "
               "(VmHWM) of any one process of the tree. × columns: the median of the ratios taken within each "
               "repetition.")
    out.append("")
    out.extend(_phase_table(result))
    warned = [w for w in result.warnings if w is not None]
    if warned:
        out.append(f"healthpress full reported {warned[0]:,} warnings ({warned[0] / result.count:.2f} an article).")
        out.append("")
    for note in result.notes:
        out.append(f"- {note}")
    if result.notes:
        out.append("")
    return "\n".join(out)


def _phase_table(result: SideBySide) -> list[str]:
    builds = [phases for phases in result.phases if phases]
    if not builds:
        return []
    known = [key for key, _, _ in BUILD_PHASES]
    others = sorted({key for p in builds for key in p} - set(known) - {BUILD_TOTAL})
    total = _median([p[BUILD_TOTAL] for p in builds if BUILD_TOTAL in p])
    labels = {key: label for key, label, _ in BUILD_PHASES}
    rows = []
    for key in (*known, *others):
        seconds = _median([p[key] for p in builds if key in p])
        share = f"{seconds / total * 100:.0f}%" if seconds is not None and total else "—"
        rows.append([labels.get(key, key), _fmt(seconds), share])
    rows.append(["**Total** (as healthpress times itself)", _fmt(total), "100%" if total else "—"])
    return ["healthpress full, its phases (`healthpress build --timings`; medians):", "",
            markdown_table(["Phase", "Seconds", "Share"], rows), ""]


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def _context(project: Project, count: int, seed: int, profile: str) -> dict[str, str]:
    import importlib.metadata
    import platform

    def output(argv: list[str]) -> str:
        try:
            return subprocess.run(argv, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return "?"

    versions = [f"Python {platform.python_version()}", f"healthpress {importlib.metadata.version('healthpress')}",
                f"mkdocs {importlib.metadata.version('mkdocs')}", output([hugo_program(), "version"]),
                output([str(project.pagefind), "--version"])]
    markdown = sum(p.stat().st_size for p in project.docs.rglob("*.md"))
    return {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "cpus": str(os.cpu_count()),
            "load_start": _load(), "versions": ", ".join(versions), "seed": str(seed), "profile": profile,
            "corpus_mib": f"{markdown / 2**20:,.1f}"}


def _interrupted(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.sidebyside", description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, action="append", help="articles (repeatable; default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions, each running every contender (default 3)")
    parser.add_argument("--profile", choices=("realistic", "plain"), default="realistic", help="corpus profile")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"corpus seed (default {DEFAULT_SEED})")
    parser.add_argument("--workdir", type=Path, help="where corpora and sites go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the workdir afterwards")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed for each run (default 3600)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="markdown file the reports are appended to")
    args = parser.parse_args(argv)
    hugo_program()
    signal.signal(signal.SIGTERM, _interrupted)  # so that the running contender's processes are ended too
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="healthpress-sidebyside-"))
    workdir.mkdir(parents=True, exist_ok=True)
    status = 0
    try:
        for count in args.count or [1000]:
            result = measure(count, workdir.resolve(), args.repeat, args.seed, args.profile, args.timeout,
                             log=lambda s: print(s, file=sys.stderr, flush=True))
            report = render(result)
            print(report, flush=True)
            new = not args.output.exists() or args.output.stat().st_size == 0
            args.output.parent.mkdir(parents=True, exist_ok=True)
            with open(args.output, "a", encoding="utf-8") as handle:
                if new:
                    handle.write("# Side by side: healthpress, Hugo + Pagefind (`scripts/bench --side-by-side`)\n\n"
                                 "Appended by `python -m benchmarks.sidebyside`; newest last.\n\n")
                handle.write(report + "\n")
            status |= int(any(not run.ok for runs in result.runs.values() for run in runs))
    finally:
        if args.keep or args.workdir:
            print(f"workdir kept: {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
