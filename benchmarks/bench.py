"""Build benchmark: how long healthpress takes on N articles, where the time goes, and the floor.

`python -m benchmarks.bench --count 1000 [--count 10000 ...]` from the repository's root (or
`./scripts/bench`) writes a deterministic corpus of N articles (benchmarks.corpus) and measures, in one
run:

- a cold full build (`healthpress build` in a new process), a rebuild with nothing changed, and a
  rebuild after one article changed (a sentence appended);
- `healthpress serve`: seconds from saving an article to the served page containing the new sentence;
- where each build's time goes, from two sources: a small MkDocs hooks file written next to the
  corpus' mkdocs.yml (`hooks: [bench_hooks.py]`, MkDocs' public hooks feature) that records
  `time.perf_counter()` at each MkDocs event, and healthpress' own phase timings
  (`healthpress build --timings FILE`: a JSON object of phase name → seconds, read after the build;
  a phase it does not report shows as "—");
- peak memory (maximum resident set size of the build process or its biggest waited-for child, e.g.
  the Pagefind binary; `os.wait4`), the bytes and files of site/, pages per second;
- the floor: Python-Markdown converting every article (front matter split with PyYAML, same
  `markdown_extensions` as mkdocs.yml, one `Markdown` instance reset between files) and writing the
  HTML, in one process, no templates.

healthpress is used as any user would use it: its command line, its mkdocs.yml, its output. Prints
one markdown report per N and appends it to benchmarks/build-bench.md. Every build runs with
SOURCE_DATE_EPOCH set to the corpus' build_epoch, so every generated article is published.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported lazily: the floor's process should load Markdown and PyYAML only
    from benchmarks.corpus import CorpusInfo

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = REPO_ROOT / "benchmarks" / "build-bench.md"
HOOKS_FILE = "bench_hooks.py"
DEFAULT_SEED = 2013
SEED_RETRIES = 5
EVENTS_ENV = "HEALTHPRESS_BENCH_EVENTS"
"""Where the hooks file writes its events (JSON); unset, it writes nothing."""
CHANGE_SENTENCE = "（基准测试：本文于第 {n} 次修改时追加了这句话，标记 {token}。）"
HEALTHPRESS = [sys.executable, "-m", "healthpress.cli"]
"""healthpress' command line, in this interpreter (the project's virtualenv)."""

# ---------------------------------------------------------------------------------------------
# The timing hooks (written into the corpus and registered with `hooks:` in its mkdocs.yml)

HOOKS_SOURCE = '''\
"""Written by benchmarks.bench: time.perf_counter() at MkDocs events, saved as JSON to $HEALTHPRESS_BENCH_EVENTS.

Hooks run after plugins of the same priority, so each event has a first handler (priority 100, before
healthpress) and a last one (priority -100, after it). MkDocs' public hooks only: nothing of
healthpress is imported or replaced, and the site is the same with or without this file. healthpress'
own phases come from `healthpress build --timings FILE`.
"""
import json
import os
import resource
import time

from mkdocs.plugins import CombinedEvent, event_priority

EVENTS = []


def _mark(name, **extra):
    EVENTS.append([name, time.perf_counter(), extra] if extra else [name, time.perf_counter()])


_mark("hooks_loaded")


@event_priority(100)
def _config_first(config):
    _mark("config_start")
    return config


@event_priority(-100)
def _config_last(config):
    _mark("config_end")
    return config


@event_priority(100)
def _files_first(files, config):
    _mark("files_start")
    return files


@event_priority(-100)
def _files_last(files, config):
    _mark("files_end")
    return files


@event_priority(-100)
def on_nav(nav, config, files):
    _mark("nav_end")
    return nav


@event_priority(100)
def _env_first(env, config, files):
    _mark("env_start")
    return env


@event_priority(-100)
def _env_last(env, config, files):
    _mark("env_end")
    return env


@event_priority(100)
def on_page_context(context, page, config, nav):
    _mark("page")
    return context


@event_priority(-100)
def on_post_page(output, page, config):
    _mark("post_page")
    return output


@event_priority(100)
def _post_build_first(config):
    _mark("post_build_start")


@event_priority(-100)
def _post_build_last(config):
    _mark("post_build_end", rss_self=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
          rss_children=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    out = os.environ.get("HEALTHPRESS_BENCH_EVENTS")
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            json.dump({"events": EVENTS}, handle)
    EVENTS.clear()


on_config = CombinedEvent(_config_first, _config_last)
on_files = CombinedEvent(_files_first, _files_last)
on_env = CombinedEvent(_env_first, _env_last)
on_post_build = CombinedEvent(_post_build_first, _post_build_last)
'''


def install_hooks(corpus_root: Path) -> Path:
    """Write the timing hooks next to mkdocs.yml and register them there (idempotent)."""
    corpus_root = Path(corpus_root)
    hooks = corpus_root / HOOKS_FILE
    hooks.write_text(HOOKS_SOURCE, encoding="utf-8")
    config = corpus_root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if f"- {HOOKS_FILE}" not in text:
        config.write_text(text.rstrip("\n") + f"\n\nhooks:   # benchmarks.bench: MkDocs event timings\n  - {HOOKS_FILE}\n",
                          encoding="utf-8")
    return hooks


# ---------------------------------------------------------------------------------------------
# Where the time goes, 1: MkDocs' events (the hooks) plus the parent's spawn and exit times. These
# spans follow one another and add up to the whole run.

PHASES: tuple[tuple[str, str, str], ...] = (
    ("startup", "Start-up", "new Python process, imports (MkDocs, material, healthpress), mkdocs.yml loaded and validated"),
    ("read_validate", "Read + validate",
     "on_config (columns, data/) → get_files walks content/ → on_files: healthpress reads, validates and models every "
     "article and builds the catalog and listings → nav"),
    ("markdown", "Markdown (MkDocs' loop)",
     "the pages healthpress leaves to MkDocs (the home page's text, about pages): read, Python-Markdown, nh3"),
    ("pages", "healthpress' pages (on_env)",
     "article pages, link and image checks, listing pages: in worker processes, or hard-linked from the page cache "
     "when their key is unchanged"),
    ("static", "Static files + MkDocs' pages",
     "theme assets copied, the pages left to MkDocs rendered and written, sitemap.xml and 404 page"),
    ("post_build", "After the pages (on_post_build)", "what is left of the search index, the feeds, the publish"),
    ("exit", "Exit", "after on_post_build: MkDocs' last log line, interpreter shutdown"),
)
PHASE_KEYS = tuple(key for key, _, _ in PHASES)

# Where the time goes, 2: healthpress' own phases, as `healthpress build --timings FILE` reports them.

BUILD_PHASES: tuple[tuple[str, str, str], ...] = (
    ("config", "Config", "settings checked, columns and data/ read, MkDocs set up, the output folder chosen"),
    ("model", "Model", "read, validate and model the articles"),
    ("articles", "Articles", "render the article pages (from the page cache where their key is unchanged)"),
    ("links", "Links + images", "every internal link, #anchor and image checked against the site"),
    ("print", "Print editions", "the weekly's issues as A4 PDFs (WeasyPrint; from the print cache when an issue is unchanged)"),
    ("listings", "Listings", "render the listing pages (column pages, archive, tags, issues)"),
    ("search", "Search index", "finish the search index (Pagefind, extended, Chinese) once the pages are written"),
    ("feeds", "Feeds", "RSS/Atom feeds"),
    ("sitemap", "Sitemap", "the compressed sitemap"),
    ("publish", "Publish", "swap the staging folder into site/"),
)
BUILD_TOTAL = "total"


@dataclass
class PhaseTimes:
    seconds: dict[str, float]
    """The spans of PHASES, from the hooks' events."""
    mkdocs_pages: int = 0
    """Pages MkDocs rendered itself (on_page_context … on_post_page)."""
    rss_self_kib: int | None = None
    """Peak RSS of the build's Python process itself (at the end of on_post_build)."""
    rss_children_kib: int | None = None
    """Peak RSS of its largest finished child by then (the Pagefind binary or a page worker)."""
    build: dict[str, float] = field(default_factory=dict)
    """healthpress' own phases (`healthpress build --timings`); empty when it reported none."""

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def derive_phases(events: list, spawn: float, exit_: float) -> PhaseTimes:
    """Split [spawn, exit_] into PHASES from the hooks' events (all `time.perf_counter()`, CLOCK_MONOTONIC)."""
    first: dict[str, float] = {}
    started = finished = 0
    for event in events:
        name, moment = event[0], event[1]
        first.setdefault(name, moment)
        started += name == "page"
        finished += name == "post_page"
    if started != finished:
        raise ValueError(f"{started} pages started but {finished} finished")
    need = ("config_start", "nav_end", "env_start", "env_end", "post_build_start", "post_build_end")
    missing = [name for name in need if name not in first]
    if missing:
        raise ValueError(f"events missing: {', '.join(missing)}")
    seconds = {
        "startup": first["config_start"] - spawn,
        "read_validate": first["nav_end"] - first["config_start"],
        "markdown": first["env_start"] - first["nav_end"],
        "pages": first["env_end"] - first["env_start"],
        "static": first["post_build_start"] - first["env_end"],
        "post_build": first["post_build_end"] - first["post_build_start"],
        "exit": exit_ - first["post_build_end"],
    }
    rss = next((e[2] for e in events if e[0] == "post_build_end" and len(e) > 2), {})
    return PhaseTimes(seconds, started, rss.get("rss_self"), rss.get("rss_children"))


def read_build_timings(path: Path) -> dict[str, float]:
    """healthpress' `--timings` file: a JSON object of phase name → seconds (ValueError when it is not one)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a JSON object of phase → seconds expected, not {type(data).__name__}")
    timings = {}
    for name, seconds in data.items():
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not math.isfinite(seconds):
            raise ValueError(f"{path}: phase {name!r} has {seconds!r}, not a number of seconds")
        timings[str(name)] = float(seconds)
    return timings


def build_offers_timings(env: dict[str, str] | None = None) -> bool:
    """Whether this healthpress' `build` command takes `--timings FILE` (its help says so)."""
    try:
        shown = subprocess.run([*HEALTHPRESS, "build", "--help"], capture_output=True, text=True, env=env, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return shown.returncode == 0 and "--timings" in shown.stdout


# ---------------------------------------------------------------------------------------------
# Child processes: wall time and peak memory of exactly that process


@dataclass
class ChildRun:
    seconds: float
    peak_kib: int
    returncode: int
    spawn: float
    exit: float
    log: Path | None = None


def run_child(argv: list[str], *, cwd: Path, env: dict[str, str], log: Path, timeout: float) -> ChildRun:
    """Run argv to completion; its wall time and ru_maxrss (KiB) from os.wait4 on its own pid."""
    with open(log, "wb") as out:
        spawn = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        timer = threading.Timer(timeout, lambda: _kill_group(proc.pid))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        end = time.perf_counter()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return ChildRun(end - spawn, usage.ru_maxrss, proc.returncode, spawn, end, log)


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass


# ---------------------------------------------------------------------------------------------
# The floor: Python-Markdown alone


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter, body) of an article: YAML between the first two `---` lines."""
    import yaml

    text = text.lstrip("\ufeff")
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 3)
    if end < 0:
        return {}, text
    return (yaml.safe_load(text[4:end + 1]) or {}), text[end + 5:]


def markdown_extensions(config_file: Path) -> tuple[list[str], dict[str, dict]]:
    """The `markdown_extensions` of a mkdocs.yml as Markdown(extensions=..., extension_configs=...)."""
    import yaml

    config = yaml.safe_load(Path(config_file).read_text(encoding="utf-8"))
    names, configs = [], {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, str):
            names.append(entry)
        else:
            for name, options in entry.items():
                names.append(name)
                if options:
                    configs[name] = options
    return names, configs


def markdown_floor(docs_dir: Path, out_dir: Path, config_file: Path) -> dict:
    """Convert every article under docs_dir with Python-Markdown and write it; seconds of that work."""
    import markdown

    names, configs = markdown_extensions(config_file)
    start = time.perf_counter()
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    files = written = 0
    for path in sorted(Path(docs_dir).rglob("*.md")):
        _, body = split_front_matter(path.read_text(encoding="utf-8"))
        html = md.reset().convert(body)
        target = Path(out_dir) / path.relative_to(docs_dir).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        data = html.encode("utf-8")
        target.write_bytes(data)
        files += 1
        written += len(data)
    return {"seconds": time.perf_counter() - start, "files": files, "bytes": written}


# ---------------------------------------------------------------------------------------------
# Ratios, sizes and the report


def ratio(value: float | None, floor: float | None) -> float | None:
    """value / floor, None when either is missing or the floor is not positive."""
    if value is None or floor is None or floor <= 0:
        return None
    return value / floor


def tree_size(root: Path) -> tuple[int, int]:
    """(bytes, files) of every regular file under root."""
    total = count = 0
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                total += os.path.getsize(path)
                count += 1
    return total, count


def pdf_files(root: Path) -> tuple[int, int]:
    """(how many, total bytes) of the print editions (PDFs) under `root`."""
    sizes = [path.stat().st_size for path in root.rglob("*.pdf")] if root.is_dir() else []
    return len(sizes), sum(sizes)


def html_pages(root: Path) -> int:
    """The HTML pages under root (every page a browser can open, the 404 page included)."""
    return sum(1 for _ in Path(root).rglob("*.html"))


def _num(value: float | None, digits: int = 2, suffix: str = "") -> str:
    return "—" if value is None else f"{value:,.{digits}f}{suffix}"


def _mib(kib: int | None) -> str:
    return "—" if kib is None else f"{kib / 1024:,.0f}"


def markdown_table(header: list[str], rows: list[list[str]], align: str | None = None) -> str:
    """A GitHub markdown table; `align` is one of 'l'/'r' per column (default: first left, rest right)."""
    align = align or "l" + "r" * (len(header) - 1)
    rule = ["---" if a == "l" else "---:" for a in align]
    lines = [header, rule, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


@dataclass
class Measurement:
    """Everything measured at one N."""

    count: int
    corpus_bytes: int = 0
    cold: ChildRun | None = None
    unchanged: ChildRun | None = None
    unchanged_again: ChildRun | None = None
    changed: ChildRun | None = None
    serve_seconds: float | None = None
    serve_startup: float | None = None
    serve_note: str = ""
    floor: ChildRun | None = None
    floor_inner: float | None = None
    phases: PhaseTimes | None = None
    rebuild_phases: dict[str, PhaseTimes] = field(default_factory=dict)
    """The phases of each rebuild, by its label in the phase table (for where a rebuild's time goes)."""
    site_bytes: int = 0
    site_files: int = 0
    site_pages: int = 0
    site_pdfs: tuple[int, int] = (0, 0)
    """The print editions in site/: (how many PDFs, their bytes)."""
    timings_note: str = ""
    """Why healthpress' own phases are missing, when they are."""
    notes: list[str] = field(default_factory=list)
    context: dict[str, str] = field(default_factory=dict)


def render_report(m: Measurement) -> str:
    floor = m.floor.seconds if m.floor and m.floor.returncode == 0 else None
    per_article = (lambda s: None if s is None else s / m.count * 1000)

    def row(label: str, run: ChildRun | None, seconds: float | None = None) -> list[str]:
        ok = run is not None and run.returncode == 0
        value = run.seconds if ok else seconds
        failed = run is not None and run.returncode != 0
        return [label, "failed" if failed else _num(value), _num(ratio(value, floor), 1, "×"),
                _mib(run.peak_kib) if ok else "—", _num(per_article(value), 1)]

    ctx = m.context
    out = [f"## N = {m.count:,} — {ctx.get('date', '')}", ""]
    out.append(f"Machine: {ctx.get('cpus')} CPUs ({ctx.get('machine')}), load average {ctx.get('load_start')} at start, "
               f"{ctx.get('load_end')} at end. {ctx.get('versions')}. Pagefind: {ctx.get('pagefind')}.")
    profile = f"profile {ctx['profile']}, " if ctx.get("profile", "plain") != "plain" else ""
    out.append(f"Corpus: benchmarks.corpus {profile}seed {ctx.get('seed')}, {m.count:,} articles, "
               f"{m.corpus_bytes / 2**20:,.1f} MiB of Markdown; SOURCE_DATE_EPOCH={ctx.get('epoch')}.")
    out.append("")
    rows = [row("Cold full build (`healthpress build`, new process)", m.cold),
            row("Rebuild, nothing changed (the first: no earlier output kept to start from)", m.unchanged),
            row("Rebuild, nothing changed, again (from the output the last build replaced)", m.unchanged_again),
            row("Rebuild, one article changed", m.changed),
            ["`healthpress serve`: save → page has the change", _num(m.serve_seconds),
             _num(ratio(m.serve_seconds, floor), 1, "×"), "—", "—"],
            row("Floor: Python-Markdown only, one process, no templates", m.floor)]
    out.append(markdown_table(["Run", "Seconds", "× floor", "Peak MiB", "ms / article"], rows))
    out.append("")
    if m.cold and m.cold.returncode == 0:
        lines = []
        if m.unchanged and m.unchanged.returncode == 0:
            lines.append(f"nothing changed / cold = {_num(ratio(m.unchanged.seconds, m.cold.seconds))}×")
        if m.unchanged_again and m.unchanged_again.returncode == 0:
            lines.append(f"nothing changed again / cold = {_num(ratio(m.unchanged_again.seconds, m.cold.seconds))}×")
        if m.changed and m.changed.returncode == 0:
            lines.append(f"one article changed / cold = {_num(ratio(m.changed.seconds, m.cold.seconds))}×")
        if m.serve_seconds is not None:
            lines.append(f"serve save→page / cold = {_num(ratio(m.serve_seconds, m.cold.seconds))}×")
        if floor:
            lines.append(f"cold / floor = {_num(ratio(m.cold.seconds, floor), 1)}×")
        out.append("Ratios: " + "; ".join(lines) + ".")
        out.append("")
    if m.floor_inner is not None and m.floor:
        out.append(f"Floor: {_num(m.floor_inner)} s converting and writing inside the process "
                   f"({_num(m.floor.seconds)} s with interpreter start-up and imports, the figure used for the ratios).")
        out.append("")
    if m.serve_startup is not None or m.serve_note:
        text = f"serve: first page answered {_num(m.serve_startup)} s after start" if m.serve_startup is not None else "serve:"
        out.append(text + (f"; {m.serve_note}" if m.serve_note else "") + ".")
        out.append("")
    if m.phases:
        out.extend(_phase_table(m.phases, m.rebuild_phases))
        out.extend(_build_phase_table(m.phases, m.rebuild_phases, m.timings_note))
    if m.cold and m.cold.returncode == 0:
        pages = m.site_pages
        split = ""
        if m.phases and m.phases.rss_self_kib is not None:
            split = (f": the Python build process {_mib(m.phases.rss_self_kib)} MiB, its largest child (Pagefind or a worker) "
                     f"{_mib(m.phases.rss_children_kib)} MiB")
        out.append(f"Cold build: peak memory {_mib(m.cold.peak_kib)} MiB (max RSS of the build process or its largest "
                   f"child{split}); site/ {m.site_bytes / 2**20:,.1f} MiB in {m.site_files:,} files; "
                   + (f"{pages:,} HTML pages ({m.count:,} articles, the rest listings and MkDocs' own), "
                      f"{pages / m.cold.seconds:,.1f} pages/s; " if pages else "")
                   + (f"{m.site_pdfs[0]:,} print editions (PDF, {m.site_pdfs[1] / 2**20:,.1f} MiB); " if m.site_pdfs[0] else "")
                   + f"{m.count / m.cold.seconds:,.1f} articles/s, {per_article(m.cold.seconds):,.1f} ms per article.")
        out.append("")
    for note in m.notes:
        out.append(f"- {note}")
    if m.notes:
        out.append("")
    return "\n".join(out)


def _phase_table(cold: PhaseTimes, rebuilds: dict[str, PhaseTimes]) -> list[str]:
    """MkDocs' events: the cold build's seconds and share, then each rebuild's seconds."""
    header = ["Phase", "Cold s", "Share", *(f"{label} s" for label in rebuilds), "What it contains"]
    rows = []
    for key, label, what in PHASES:
        seconds = cold.seconds[key]
        rows.append([label, _num(seconds), f"{seconds / cold.total * 100:.0f}%" if cold.total else "—",
                     *(_num(p.seconds[key]) for p in rebuilds.values()), what])
    rows.append(["**Total**", _num(cold.total), "100%", *(_num(p.total) for p in rebuilds.values()),
                 "spawn → process exit"])
    return ["Each build by MkDocs' events (`time.perf_counter()` at each event, hooks file `bench_hooks.py`):", "",
            markdown_table(header, rows, "lrr" + "r" * len(rebuilds) + "l"), ""]


def _build_phase_table(cold: PhaseTimes, rebuilds: dict[str, PhaseTimes], note: str = "") -> list[str]:
    """healthpress' own phases (`--timings`): "—" for a phase a build did not report."""
    header = ["healthpress phase", "Cold s", "Share", *(f"{label} s" for label in rebuilds), "What it contains"]
    builds = [cold, *rebuilds.values()]
    known = {key for key, _, _ in BUILD_PHASES} | {BUILD_TOTAL}
    others = sorted({key for p in builds for key in p.build} - known)
    total = cold.build.get(BUILD_TOTAL)
    rows = []
    for key, label, what in (*BUILD_PHASES, *((key, key, "") for key in others)):
        seconds = cold.build.get(key)
        share = f"{seconds / total * 100:.0f}%" if seconds is not None and total else "—"
        rows.append([label, _num(seconds), share, *(_num(p.build.get(key)) for p in rebuilds.values()), what])
    rows.append(["**Total**", _num(total), "100%" if total else "—",
                 *(_num(p.build.get(BUILD_TOTAL)) for p in rebuilds.values()), "healthpress' build as it times itself"])
    intro = "healthpress' own phases (`healthpress build --timings FILE`; — where a build reported none):"
    return [intro, "", markdown_table(header, rows, "lrr" + "r" * len(rebuilds) + "l"), "",
            *([note, ""] if note else [])]


# ---------------------------------------------------------------------------------------------
# Running it


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, OSError):
        return 0, ""


def append_sentence(path: Path, sentence: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n\n" + sentence + "\n", encoding="utf-8")


def measure_serve(info: CorpusInfo, env: dict[str, str], log: Path, timeout: float) -> tuple[float | None, float | None, str]:
    """(seconds from writing the file to the page having the change, seconds to the first page, note)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    article = info.articles[len(info.articles) // 3]
    url = base + urllib.parse.quote(article.url)
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen([*HEALTHPRESS, "serve", "-a", f"127.0.0.1:{port}"],
                                cwd=info.root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = start + timeout
            ready = None
            while time.perf_counter() < deadline and proc.poll() is None:
                status, _ = _get(base, 5)
                if status == 200:
                    ready = time.perf_counter() - start
                    break
                time.sleep(0.25)
            if ready is None:
                return None, None, f"the server did not answer within {timeout:.0f} s (see {log})"
            status, body = _get(url, timeout)
            if status != 200:
                return None, ready, f"{article.url} answered {status} before the change"
            times, builds = [], []
            for n in range(1, SERVE_SAVES + 1):  # the first right after the first build, its search index running
                token = f"serve-{n}-{time.time_ns()}"
                builds_before = _builds_started(log)
                append_sentence(info.docs_dir / article.src_uri, CHANGE_SENTENCE.format(n=n, token=token))
                seconds = _wait_for(url, token, timeout, proc)
                if seconds is None:
                    return None, ready, f"the change of save {n} did not appear within {timeout:.0f} s"
                time.sleep(QUIET_AFTER_SAVE)
                times.append(seconds)
                builds.append(_builds_started(log) - builds_before)
            each = ", ".join(f"{t:.2f}" for t in times)
            return max(times), ready, (
                f"the slowest of {SERVE_SAVES} saves ({each} s), each {QUIET_AFTER_SAVE:.0f} s after the last showed; "
                f"article `{article.src_uri}` polled every 0.05 s; includes the file watcher (the system's change "
                f"notices, watcher.py), the 0.05 s wait after the last change (watcher.py) and a rebuild (healthpress serves with MkDocs' dirty "
                f"rebuilds: unchanged pages stay, the search index follows in the background, the first build's "
                f"still running beside the first save's rebuild); builds started by each save: "
                f"{', '.join(map(str, builds))}" + ("" if set(builds) == {1} else " (one expected: serve rebuilds on its own)"))
        finally:
            _kill_group(proc.pid)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


QUIET_AFTER_SAVE = 5.0
"""Seconds serve is watched after the change shows, to see that the save started one build and no more."""
SERVE_SAVES = 3
"""Saves measured one after another; the report gives the slowest."""


def _wait_for(url: str, token: str, timeout: float, proc: subprocess.Popen) -> float | None:
    """Seconds until the page at `url` has `token` (polled every 0.05 s), or None."""
    saved = time.perf_counter()
    while time.perf_counter() < saved + timeout and proc.poll() is None:
        status, body = _get(url, timeout)
        if token in body:
            return time.perf_counter() - saved
        time.sleep(0.05)
    return None


def _builds_started(log: Path) -> int:
    return Path(log).read_text(encoding="utf-8", errors="replace").count("Building documentation")


def serve_build_times(log: Path) -> list[float]:
    """Seconds of every build in a serve log, as healthpress' summary line reports them
    ("healthpress：网站生成完毕，N 页（…），用时 2.5 秒，…"; `healthpress serve` leaves MkDocs' own line out)."""
    try:
        text = Path(log).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [float(x.replace(",", "")) for x in re.findall(r"网站生成完毕，.*?用时 ([0-9,.]+) 秒", text)]


def _context(info: CorpusInfo) -> dict[str, str]:
    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "?"

    binary = os.environ.get("PAGEFIND_BINARY_PATH")
    pagefind = f"PyPI pagefind {version('pagefind')} (pagefind_bin_extended {version('pagefind_bin_extended')})"
    if binary:
        try:
            shown = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
        except OSError:
            shown = "?"
        pagefind = f"{shown or 'binary'} via PAGEFIND_BINARY_PATH"
    versions = ", ".join(f"{n} {version(n)}" for n in ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions",
                                                       "Jinja2", "nh3", "healthpress"))
    return {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "cpus": str(os.cpu_count()),
            "machine": f"{platform.machine()}, {platform.system()} {platform.release()}",
            "load_start": _load(), "versions": f"Python {platform.python_version()}, {versions}",
            "pagefind": pagefind, "seed": str(info.seed), "epoch": str(info.build_epoch)}


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def timed_build(project: Path, env: dict[str, str], *, log: Path, events: Path, timings: Path | None,
                timeout: float) -> tuple[ChildRun, PhaseTimes | None, str]:
    """`healthpress build` in `project`, the hooks' events written to `events` and, unless `timings` is None,
    with `--timings timings`: (the run, its phases or None, why they are missing or "")."""
    events.unlink(missing_ok=True)
    argv = [*HEALTHPRESS, "build"]
    if timings is not None:
        timings.unlink(missing_ok=True)
        argv += ["--timings", str(timings)]
    run = run_child(argv, cwd=project, env={**env, EVENTS_ENV: str(events)}, log=log, timeout=timeout)
    if run.returncode != 0:
        return run, None, ""
    try:
        phases = derive_phases(json.loads(events.read_text(encoding="utf-8"))["events"], run.spawn, run.exit)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return run, None, f"MkDocs' events unavailable ({exc})"
    if timings is not None:
        try:
            phases.build = read_build_timings(timings)
        except (OSError, ValueError) as exc:
            return run, phases, f"healthpress' phases unavailable ({exc})"
    return run, phases, ""


def measure(count: int, workdir: Path, seed: int, serve: bool, timeout: float, log=print,
            retry_seed: bool = False, profile: str = "plain") -> Measurement:
    from benchmarks.corpus import write_corpus

    root = workdir / f"n{count}"
    if root.exists():
        shutil.rmtree(root)
    log(f"==> N={count}: writing the corpus to {root}")
    m = Measurement(count)
    info = None
    for attempt in range(seed, seed + (SEED_RETRIES if retry_seed else 1)):
        try:
            info = write_corpus(root / "project", count, attempt, profile=profile)
            break
        except RuntimeError as exc:  # the corpus' own probe check; the probes do not matter to this benchmark
            if attempt + 1 >= seed + (SEED_RETRIES if retry_seed else 1):
                raise
            m.notes.append(f"corpus seed {attempt} failed its probe check at N={count} ({exc}); used seed {attempt + 1}")
            log(f"    seed {attempt}: {exc}; trying seed {attempt + 1}")
            shutil.rmtree(root / "project")
    install_hooks(info.root)
    m.corpus_bytes = sum(p.stat().st_size for p in info.docs_dir.rglob("*.md"))
    m.context = _context(info)
    m.context["profile"] = profile
    events, timings = root / "events.json", root / "timings.json"
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(info.build_epoch), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop(EVENTS_ENV, None)
    offers_timings = build_offers_timings(env)
    if not offers_timings:
        m.timings_note = "This healthpress' `build` takes no `--timings FILE`: its own phases were not measured."

    def build(label: str | None, log_name: str) -> ChildRun:
        run, phases, note = timed_build(info.root, env, log=root / log_name, events=events,
                                        timings=timings if offers_timings else None, timeout=timeout)
        if phases is not None:
            if label is None:
                m.phases = phases
            else:
                m.rebuild_phases[label] = phases
        if note:
            m.notes.append(f"{'cold build' if label is None else f'rebuild ({label})'}: {note}")
        return run

    log(f"==> N={count}: cold build")
    m.cold = build(None, "cold.log")
    if m.cold.returncode != 0:
        m.notes.append(f"cold build failed (exit {m.cold.returncode}), see {m.cold.log}")
    else:
        m.site_bytes, m.site_files = tree_size(info.root / "site")
        m.site_pages = html_pages(info.root / "site")
        m.site_pdfs = pdf_files(info.root / "site")

    log(f"==> N={count}: rebuild, nothing changed")
    m.unchanged = build("Nothing changed", "unchanged.log")
    log(f"==> N={count}: rebuild, nothing changed, again")
    m.unchanged_again = build("Again", "unchanged-again.log")
    log(f"==> N={count}: rebuild, one article changed")
    changed = info.articles[len(info.articles) // 2]
    append_sentence(info.docs_dir / changed.src_uri, CHANGE_SENTENCE.format(n=1, token=f"build-{time.time_ns()}"))
    m.changed = build("One changed", "changed.log")
    for name, run in (("nothing changed", m.unchanged), ("nothing changed, again", m.unchanged_again),
                      ("one article changed", m.changed)):
        if run.returncode != 0:
            m.notes.append(f"rebuild ({name}) failed (exit {run.returncode}), see {run.log}")

    if serve:
        log(f"==> N={count}: healthpress serve, save → page")
        limit = max(120.0, 4 * (m.cold.seconds if m.cold else 60))
        m.serve_seconds, m.serve_startup, m.serve_note = measure_serve(info, env, root / "serve.log", min(limit, timeout))
        builds = serve_build_times(root / "serve.log")
        if m.serve_seconds is not None and len(builds) >= 2:
            m.serve_note += (f"; healthpress' log: initial build {builds[0]:.1f} s, rebuilds after the saves "
                             + ", ".join(f"{b:.1f}" for b in builds[1:]) + " s")
        if m.serve_seconds is None:
            m.notes.append(f"serve not measured: {m.serve_note}")
            m.serve_note = ""
    else:
        m.notes.append("serve not measured (--no-serve)")

    log(f"==> N={count}: floor (Python-Markdown only)")
    floor_out = root / "floor.json"
    m.floor = run_child([sys.executable, "-m", "benchmarks.bench", "--floor", str(info.docs_dir), str(root / "floor-html"),
                         str(info.config_file), str(floor_out)], cwd=REPO_ROOT, env=env, log=root / "floor.log",
                        timeout=timeout)  # cwd: `-m benchmarks.bench` is found from the repository's root
    if m.floor.returncode == 0:
        m.floor_inner = json.loads(floor_out.read_text(encoding="utf-8"))["seconds"]
    else:
        m.notes.append(f"floor failed (exit {m.floor.returncode}), see {m.floor.log}")
    m.context["load_end"] = _load()
    return m


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, action="append", help="articles (repeatable; default 1000)")
    parser.add_argument("--workdir", type=Path, help="where corpora and sites go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the workdir afterwards")
    parser.add_argument("--seed", type=int, help=f"corpus seed (default {DEFAULT_SEED}; when it fails the corpus' probe "
                        f"check, the next of {SEED_RETRIES} seeds is used and the report says so)")
    parser.add_argument("--profile", choices=("plain", "realistic"), default="plain",
                        help="corpus profile (benchmarks.corpus; realistic: lengths to 6,000 characters, 1.26 warnings "
                        "an article)")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve measurement")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed for each build (default 3600)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="markdown file the reports are appended to")
    parser.add_argument("--floor", nargs=4, metavar=("DOCS", "OUT", "CONFIG", "JSON"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor:
        docs, out, config, result = args.floor
        Path(result).write_text(json.dumps(markdown_floor(Path(docs), Path(out), Path(config))), encoding="utf-8")
        return 0
    counts = args.count or [1000]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="healthpress-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    status = 0
    try:
        for count in counts:
            m = measure(count, workdir.resolve(), DEFAULT_SEED if args.seed is None else args.seed, not args.no_serve,
                        args.timeout, log=lambda s: print(s, file=sys.stderr, flush=True), retry_seed=args.seed is None,
                        profile=args.profile)
            report = render_report(m)
            print(report, flush=True)
            args.output.parent.mkdir(parents=True, exist_ok=True)
            new = not args.output.exists() or args.output.stat().st_size == 0
            with open(args.output, "a", encoding="utf-8") as handle:
                if new:
                    handle.write("# Build benchmark (`scripts/bench`)\n\nAppended by `python -m benchmarks.bench`; "
                                 "newest last.\n\n")
                handle.write(report + "\n")
            if m.cold is None or m.cold.returncode != 0:
                status = 1
    finally:
        if args.keep or args.workdir:
            print(f"workdir kept: {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
