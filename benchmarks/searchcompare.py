"""Material's search (lunr + jieba) against Pagefind (extended, Chinese) on a generated site.

`python -m benchmarks.searchcompare --count 10000` (or `./scripts/search-compare`) writes a corpus
(benchmarks.corpus) into a temporary folder, builds it twice — with material's `search`
plugin (`lang: zh`) and with healthpress alone — indexes the second with the `pagefind_extended`
binary (`--force-language zh-cn`), serves each site on 127.0.0.1 with gzip like nginx, and runs the
real search code of each in headless Chromium (material's search worker; pagefind.js through its
JS API) for the probe queries. Every byte the server sends is logged, so the "bytes before the first
results" are what the browser received, not an estimate. Prints a markdown report and writes it to
`benchmarks/search-compare.md`.

Needs (installed by scripts/search-compare): jieba, pagefind[extended] 1.5.x, playwright, and a
Chromium (Debian's /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import importlib.metadata
import json
import mimetypes
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from benchmarks.corpus import CorpusInfo, Probe, config_text, write_corpus

DEFAULT_QUERIES = ("医改", "健康周刊", "平安", "12320", "母婴安全", "健康素养促进行动", "量子纠缠")
BUDGET_BYTES = 1_000_000
"""The goal: the first results after at most 1 MB of transfer."""
TOP = 5
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
LUNR_PATHS = ("/search/search_index.json", "/assets/javascripts/workers/", "/assets/javascripts/lunr/")
PAGEFIND_PATHS = ("/pagefind/",)

# ---------------------------------------------------------------------------------------------
# The markup Pagefind needs in the article template (added to the built copy where it is missing)

PAGEFIND_MARKUP = (
    ('<article class="hp-article">', '<article class="hp-article" data-pagefind-body>'),
    ('<nav class="hp-crumbs"', '<nav class="hp-crumbs" data-pagefind-ignore'),
    ('<nav class="hp-neighbours" aria-label="同栏目文章">', '<nav class="hp-neighbours" aria-label="同栏目文章" data-pagefind-ignore>'),
    ("<h1>", '<h1 data-pagefind-meta="title">'),
    ('<dl class="hp-meta">', '<dl class="hp-meta" data-pagefind-ignore>'),
)
"""(what a template without Pagefind writes, what Pagefind needs there): index the article only, not
its breadcrumbs, its neighbours' titles or its facts line (发布时间 … 栏目 医改宣传 … would make every
article of a column match the column's name, and fill every excerpt); the title as the result title."""
DATE_MARKUP = re.compile(r'(<dt>发布时间</dt><dd><time datetime="([^"]{10})[^"]*")(?![^>]*data-pagefind-meta)')
COLUMN_MARKUP = re.compile(r'(<dt>栏目</dt><dd><a )(?![^>]*data-pagefind-filter)')


def add_pagefind_markup(html: str) -> str:
    """An article page with Pagefind's attributes; what the template already has is kept as it is."""
    if '<article class="hp-article"' not in html:
        return html
    aware = "data-pagefind-body" in html  # a template written for Pagefind: add only what it lacks
    for old, new in PAGEFIND_MARKUP:
        if old in html and new not in html and (not aware or old.startswith("<dl")):
            html = html.replace(old, new, 1)
    html = DATE_MARKUP.sub(r'\1 data-pagefind-meta="date:\2"', html, count=1)
    return COLUMN_MARKUP.sub(r'\1data-pagefind-filter="column" ', html, count=1)


def mark_site_for_pagefind(site: Path) -> tuple[int, int]:
    """Add the markup to every article page of a built site: (article pages, pages that needed a change)."""
    pages = changed = 0
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if '<article class="hp-article"' not in html:
            continue
        pages += 1
        marked = add_pagefind_markup(html)
        if marked != html:
            page.write_text(marked, encoding="utf-8")
            changed += 1
    return pages, changed


# ---------------------------------------------------------------------------------------------
# Building and indexing


@dataclass
class PagefindIndex:
    """One Pagefind binary's bundle in the site."""

    version: str
    subdir: str
    seconds: float = 0.0
    pages: int = 0
    words: int = 0
    bytes: int = 0
    files: int = 0
    parts: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass
class Builds:
    """Wall seconds and sizes of the two builds and the Pagefind indexes."""

    lunr_build_s: float = 0.0
    plain_build_s: float = 0.0
    lunr_index_bytes: int = 0
    lunr_index_gzip: int = 0
    lunr_entries: int = 0
    article_pages: int = 0
    markup_changed: int = 0
    pagefind: list[PagefindIndex] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
    """The 1-minute load average when the builds started and when the browser runs ended."""


def _healthpress() -> list[str]:
    script = Path(sys.executable).with_name("healthpress")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from healthpress.cli import main; sys.exit(main())"]


def _run(command: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None) -> float:
    """Run a command, its output to `log`; wall seconds. Raises with the log's tail on failure."""
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
    seconds = time.perf_counter() - started
    if done.returncode:
        tail = "".join(log.read_text(encoding="utf-8", errors="replace").splitlines(True)[-30:])
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}); {log}:\n{tail}")
    return seconds


def pagefind_binaries(extra: list[str]) -> list[list[str]]:
    """The PyPI `pagefind_extended` (pagefind-bin-extended), then any other binaries given."""
    return [[sys.executable, "-m", "pagefind_bin_extended"]] + [[path] for path in extra]


def index_with_pagefind(site: Path, command: list[str], root: Path, say) -> PagefindIndex:
    """Run one pagefind_extended over `site` into its own subfolder; time and measure the bundle."""
    version = subprocess.run(command + ["--version"], capture_output=True, text=True, check=True).stdout.split()[-1]
    subdir = "pagefind" if command[0] == sys.executable else f"pagefind-{version}"
    index = PagefindIndex(version, subdir)
    log = root / f"pagefind-{version}.log"
    say(f"Pagefind {version} (extended) over site/ into {subdir}/ …")
    index.seconds = _run(command + ["--site", str(site), "--output-subdir", subdir, "--force-language", "zh-cn"],
                         root, log)
    text = log.read_text(encoding="utf-8", errors="replace")
    for name, pattern in (("pages", r"Indexed (\d+) pages?"), ("words", r"Indexed (\d+) words?")):
        found = re.search(pattern, text)
        setattr(index, name, int(found.group(1)) if found else 0)
    bundle = site / subdir
    files = [p for p in bundle.rglob("*") if p.is_file()]
    index.files = len(files)
    index.bytes = sum(p.stat().st_size for p in files)
    for part in ("index", "fragment", "filter"):
        sizes = [p.stat().st_size for p in files if p.parent.name == part]
        index.parts[part] = (len(sizes), sum(sizes))
    top = [p.stat().st_size for p in files if p.parent == bundle]
    index.parts["entry, wasm, js"] = (len(top), sum(top))
    say(f"  {index.seconds:.1f} s, {index.pages} pages, {index.words} words")
    return index


def build_both(info: CorpusInfo, pagefinds: list[list[str]], say) -> Builds:
    """Build with material's search, build without any search (healthpress' own Pagefind step off in both),
    then run each Pagefind over the second site, timed on its own."""
    root = info.root
    (root / "mkdocs-lunr.yml").write_text(config_text(material_search=True, site_dir="site-lunr", search_index=False),
                                          encoding="utf-8")
    (root / "mkdocs-plain.yml").write_text(config_text(search_index=False), encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(info.build_epoch)}
    figures = Builds(load=[os.getloadavg()[0]])
    say(f"build (a): healthpress + material search (lang: zh, jieba) of {info.count} articles …")
    figures.lunr_build_s = _run(_healthpress() + ["-f", "mkdocs-lunr.yml", "build"], root, root / "build-lunr.log", env)
    say(f"  {figures.lunr_build_s:.1f} s")
    say("build (b): healthpress alone …")
    figures.plain_build_s = _run(_healthpress() + ["-f", "mkdocs-plain.yml", "build"], root, root / "build-plain.log", env)
    say(f"  {figures.plain_build_s:.1f} s")
    data = (root / "site-lunr" / "search" / "search_index.json").read_bytes()
    figures.lunr_index_bytes = len(data)
    figures.lunr_index_gzip = len(gzip.compress(data, 6))
    figures.lunr_entries = len(json.loads(data)["docs"])
    del data
    site = root / "site"
    figures.article_pages, figures.markup_changed = mark_site_for_pagefind(site)
    say(f"Pagefind markup added to {figures.markup_changed} of {figures.article_pages} article pages")
    figures.pagefind = [index_with_pagefind(site, command, root, say) for command in pagefinds]
    return figures


# ---------------------------------------------------------------------------------------------
# A static server that gzips like nginx and logs every byte it sends

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml", "application/xml")


@dataclass(frozen=True, slots=True)
class Transfer:
    path: str
    sent: int
    """Bytes on the wire for this response: status line, headers, body (gzip'd when the browser accepts it)."""
    size: int
    """The file's own size."""


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    root: Path
    transfers: list[Transfer]
    gzipped: dict[Path, bytes]

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if self.root not in target.parents or not target.is_file():
            self._send(404, b"not found", "text/plain", path, 9)
            return
        body = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix == ".js":
            kind = "text/javascript"
        size = len(body)
        encoding = None
        if "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(COMPRESSIBLE):
            if target not in self.gzipped:
                self.gzipped[target] = gzip.compress(body, 6, mtime=0)
            body, encoding = self.gzipped[target], "gzip"
        self._send(200, body, kind, path, size, encoding)

    def _send(self, status: int, body: bytes, kind: str, path: str, size: int, encoding: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        head = sum(len(line) for line in self._headers_buffer) + 2
        self.transfers.append(Transfer(path, head + len(body), size))  # logged before the browser can see it
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(site: Path, precompress: tuple[str, ...] = ()) -> Iterator[tuple[str, list[Transfer]]]:
    """Serve `site` on 127.0.0.1 (a free port) until the block ends; yields (base URL, transfer log).

    Files in `precompress` are gzip'd before the first request, like nginx's gzip_static, so that
    compressing a big index does not count as the browser's waiting time."""
    transfers: list[Transfer] = []
    gzipped = {(site / name).resolve(): gzip.compress((site / name).read_bytes(), 6, mtime=0)
               for name in precompress if (site / name).is_file()}
    handler = type("Handler", (_Handler,), {"root": site.resolve(), "transfers": transfers, "gzipped": gzipped})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", transfers
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------------------------------------
# Running each engine's own code in Chromium


@dataclass
class Outcome:
    """One engine's answer to one query."""

    engine: str
    query: str
    urls: list[str] = field(default_factory=list)
    total: int = 0
    sent: int = 0
    size: int = 0
    requests: int = 0
    seconds: float = 0.0
    cold: bool = True
    error: str = ""
    fetched: list[Transfer] = field(default_factory=list)


def _search_traffic(transfers: list[Transfer], start: int, prefixes: tuple[str, ...]) -> list[Transfer]:
    return [t for t in transfers[start:] if t.path.startswith(prefixes)]


def _url_path(url: str) -> str:
    """`/a/b/#x` or `http://host/a/b/` -> `a/b/` (the form of ArticleRecord.url)."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    return path.lstrip("/")


LUNR_SEARCH = """async ([indexUrl, workerUrl, queries, top]) => {
  // What material's bundle does when its search box is on the page (setupSearchWorker, mountSearchQuery):
  // fetch search_index.json, hand it to material's search worker (lunr + lunr.zh), post the raw query.
  const started = performance.now();
  const index = await (await fetch(indexUrl)).json();
  const worker = new Worker(workerUrl);
  const reply = () => new Promise(resolve => worker.addEventListener('message', e => resolve(e.data), {once: true}));
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  await reply();
  const out = [];
  for (const query of queries) {
    const asked = performance.now();
    worker.postMessage({type: 2, data: query});
    const message = await reply();
    const items = message.data.items;
    out.push({query, total: items.length, ms: performance.now() - (out.length ? asked : started),
              urls: items.slice(0, top).map(group => group[0].location)});
  }
  worker.terminate();
  return out;
}"""


def run_lunr(browser, base: str, transfers: list[Transfer], queries: list[str], timeout_s: float) -> list[Outcome]:
    """Material's search worker in a freshly loaded page: the first query pays for everything (index,
    worker, lunr scripts, building the index); the index stays loaded for the others, as for one reader."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(timeout_s * 1000)
    outcomes = []
    try:
        page.goto(base + "/", wait_until="load")
        worker_file = _material_worker()
        mark = len(transfers)
        found = page.evaluate(LUNR_SEARCH, [base + "/search/search_index.json",
                                            base + "/assets/javascripts/workers/" + worker_file, queries, TOP])
        fetched = _search_traffic(transfers, mark, LUNR_PATHS)
        for number, item in enumerate(found):
            outcome = Outcome("lunr", item["query"], urls=[_url_path(u) for u in item["urls"]], total=item["total"],
                              seconds=item["ms"] / 1000, cold=number == 0)
            if number == 0:
                outcome.fetched = fetched
                outcome.sent = sum(t.sent for t in fetched)
                outcome.size = sum(t.size for t in fetched)
                outcome.requests = len(fetched)
            outcomes.append(outcome)
    except Exception as exc:  # a timeout or a crashed worker is a result here
        error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
        outcomes = [Outcome("lunr", q, error=error) for q in queries]
    finally:
        context.close()
    return outcomes


def _material_worker() -> str:
    """The file name of material's search worker (it carries a content hash)."""
    import material

    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    return next(p.name for p in workers.glob("search.*.min.js"))


PAGEFIND_SEARCH = """async ([bundle, query, top, exact]) => {
  const started = performance.now();
  const pagefind = await import(bundle + 'pagefind.js');
  await pagefind.options({basePath: bundle, excerptLength: 30});
  const ranked = await pagefind.search(query);
  let results = ranked.results;
  if (exact) {
    // Only pages that contain the query as written, in Pagefind's own ranking order.
    const found = await pagefind.search('"' + query + '"');
    const ids = new Set(found.results.map(r => r.id));
    results = results.filter(r => ids.has(r.id));
  }
  const data = await Promise.all(results.slice(0, top).map(r => r.data()));
  const list = document.createElement('ol');
  for (const d of data) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = d.url;
    a.textContent = d.meta.title;
    const p = document.createElement('p');
    p.innerHTML = d.excerpt;
    li.append(a, p);
    list.append(li);
  }
  document.body.prepend(list);
  return {ms: performance.now() - started, total: results.length, urls: data.map(d => d.url)};
}"""


def run_pagefind(browser, base: str, page_url: str, transfers: list[Transfer], queries: list[str], bundle: str,
                 engine: str, exact: bool, timeout_s: float) -> list[Outcome]:
    """pagefind.js as a header search box would call it, one fresh browser (empty cache) per query."""
    outcomes = []
    for query in queries:
        outcome = Outcome(engine, query)
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(timeout_s * 1000)
        try:
            page.goto(base + "/" + page_url, wait_until="load")
            mark = len(transfers)
            found = page.evaluate(PAGEFIND_SEARCH, [f"/{bundle}/", query, TOP, exact])
            outcome.seconds = found["ms"] / 1000
            outcome.total = found["total"]
            outcome.urls = [_url_path(u) for u in found["urls"]]
            outcome.fetched = _search_traffic(transfers, mark, (f"/{bundle}/",))
            outcome.sent = sum(t.sent for t in outcome.fetched)
            outcome.size = sum(t.size for t in outcome.fetched)
            outcome.requests = len(outcome.fetched)
        except Exception as exc:
            outcome.error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
        finally:
            context.close()
        outcomes.append(outcome)
    return outcomes


def engines(builds: Builds) -> list[tuple[str, PagefindIndex | None, bool]]:
    """(name, Pagefind bundle or None for lunr, exact filter) for every engine compared."""
    chosen: list[tuple[str, PagefindIndex | None, bool]] = [("lunr", None, False)]
    for index in builds.pagefind:
        chosen += [(f"Pagefind {index.version}", index, False), (f"Pagefind {index.version} exact", index, True)]
    return chosen


def measure(info: CorpusInfo, builds: Builds, queries: list[str], chromium: str, timeout_s: float,
            say) -> list[Outcome]:
    from playwright.sync_api import sync_playwright

    outcomes: list[Outcome] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            with serve(info.root / "site") as (base, transfers):
                for name, index, exact in engines(builds):
                    if index is not None:
                        say(f"Chromium: {name}, one cold browser per query …")
                        outcomes += run_pagefind(browser, base, info.articles[0].url, transfers, queries,
                                                 index.subdir, name, exact, timeout_s)
            say("Chromium: material's search worker (lunr), first query cold …")
            with serve(info.root / "site-lunr", precompress=("search/search_index.json",)) as (base, transfers):
                outcomes += run_lunr(browser, base, transfers, queries, timeout_s)
        finally:
            browser.close()
    return outcomes


# ---------------------------------------------------------------------------------------------
# Judging and reporting


@dataclass(frozen=True, slots=True)
class Judgement:
    hits: int
    """How many of the top results are right articles."""
    ideal: int
    """How many of the top results could be right (fewer when fewer right articles exist)."""
    first_right: bool

    def text(self) -> str:
        if self.ideal == 0:
            return "✓ none" if self.first_right else "✗ junk"
        return f"{self.hits}/{self.ideal}{'' if self.first_right else ' ✗1st'}"

    @property
    def perfect(self) -> bool:
        return self.hits == self.ideal and self.first_right


def judge(outcome: Outcome, probe: Probe | None) -> Judgement | None:
    if outcome.error or probe is None:
        return None
    expected = set(probe.expected)
    if not expected:
        return Judgement(0, 0, outcome.total == 0)
    hits = sum(url in expected for url in outcome.urls[:TOP])
    return Judgement(hits, min(TOP, len(expected)), bool(outcome.urls) and outcome.urls[0] in expected)


def _kb(n: int) -> str:
    if n >= 10_000_000:
        return f"{n / 1_000_000:,.1f} MB"
    return f"{n / 1000:,.0f} kB" if n >= 10_000 else f"{n / 1000:,.1f} kB"


def versions(chromium: str) -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in ("mkdocs", "mkdocs-material", "jieba", "pagefind", "pagefind-bin-extended", "playwright"):
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    found["lunr (in material's worker)"] = "2.3.9"
    try:
        found["chromium"] = subprocess.run([chromium, "--version"], capture_output=True, text=True,
                                           timeout=60).stdout.strip().removeprefix("Chromium ").split(" ")[0]
    except OSError:
        found["chromium"] = "?"
    return found


def info_load(builds: Builds) -> str:
    return " / ".join(f"{value:.1f}" for value in builds.load) if builds.load else "?"


def summary_rows(info: CorpusInfo, builds: Builds, outcomes: list[Outcome], names: list[str],
                 queries: list[str]) -> list[str]:
    """One line per engine: its build cost, its worst first search, how many queries it gets right."""
    rows = []
    for name in names:
        mine = [o for o in outcomes if o.engine == name]
        failed = [o for o in mine if o.error]
        if name == "lunr":
            build = f"{builds.lunr_build_s:.0f} s ({builds.lunr_build_s / builds.plain_build_s:.2f}x)"
            first = next((o for o in mine if o.cold and not o.error), None)
            most = first.sent if first else 0
            slowest = f"{first.seconds:.1f} s" if first else "—"
        else:
            index = next(i for i in builds.pagefind if name.startswith(f"Pagefind {i.version}"))
            build = (f"{builds.plain_build_s + index.seconds:.0f} s "
                     f"({(builds.plain_build_s + index.seconds) / builds.plain_build_s:.2f}x)")
            most = max((o.sent for o in mine if not o.error), default=0)
            slowest = f"{max((o.seconds for o in mine if not o.error), default=0):.1f} s"
        right = sum(1 for o in mine if (v := judge(o, info.probes.get(o.query))) and v.perfect)
        within = "✗ error" if failed else ("✓" if most <= BUDGET_BYTES else "✗")
        rows.append(f"| {name} | {build} | {_kb(most)} | {slowest} | {right}/{len(queries)} | {within} |")
    return rows


def report(info: CorpusInfo, builds: Builds, outcomes: list[Outcome], found_versions: dict[str, str]) -> str:
    """The whole comparison as markdown."""
    by = {(o.engine, o.query): o for o in outcomes}
    names = list(dict.fromkeys(o.engine for o in outcomes))
    queries = list(dict.fromkeys(o.query for o in outcomes))
    titles = {a.url: a.title for a in info.articles}
    lunr_first = next((o for o in outcomes if o.engine == "lunr" and o.cold and not o.error), None)
    plain = builds.plain_build_s
    lines = [
        f"# Search on a {info.count:,}-article site: material's search (lunr + jieba) vs Pagefind",
        "",
        f"`./scripts/search-compare --count {info.count}` (benchmarks.searchcompare) on a generated site "
        f"(benchmarks.corpus, seed {info.seed}: {info.count:,} articles dated 2013–2026 in six columns, "
        f"1,000–3,000 characters each). {os.cpu_count()} cores. Versions: "
        + ", ".join(f"{k} {v}" for k, v in found_versions.items()) + ".",
        "",
        f"Load average (1 min) at the start and the end of the run: {info_load(builds)}; the machine is "
        "shared, so the times are indicative, the bytes and results are exact.",
        "",
        "## Summary",
        "",
        f"| engine | build + index | most bytes before the first results | slowest first results | "
        f"queries with the right articles first | within {BUDGET_BYTES // 1_000_000} MB |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
        *summary_rows(info, builds, outcomes, names, queries),
        "",
        "## Build and index",
        "",
        "| | wall time | what a reader's browser may fetch |",
        "| --- | ---: | --- |",
        f"| `healthpress build`, no search | {plain:.1f} s | — |",
        f"| `healthpress build` with `search: {{lang: zh}}` (material, jieba) | {builds.lunr_build_s:.1f} s "
        f"(**{builds.lunr_build_s / plain:.2f}x**, +{builds.lunr_build_s - plain:.1f} s) | one "
        f"`search/search_index.json` of {_kb(builds.lunr_index_bytes)} ({_kb(builds.lunr_index_gzip)} gzip'd), "
        f"{builds.lunr_entries:,} entries (every section of every page, listings too) |",
    ]
    for index in builds.pagefind:
        parts = ", ".join(f"{k}: {n:,} files, {_kb(b)}" for k, (n, b) in index.parts.items())
        lines.append(f"| `pagefind_extended` {index.version} after the plain build | +{index.seconds:.1f} s "
                     f"(**{(plain + index.seconds) / plain:.2f}x** in all) | `{index.subdir}/`: {_kb(index.bytes)} in "
                     f"{index.files:,} files ({parts}); {index.pages:,} article pages, {index.words:,} words |")
    lines += [
        "",
        "## Bytes a browser downloads before the first results",
        "",
        "Cold cache, one fresh browser context per query (lunr: one page, the first query pays). Counted by "
        "the test server for every response (status line, headers and body as sent; HTML/JSON/JS gzip'd at "
        "level 6 as nginx does with `gzip_types application/json application/javascript`; Pagefind's "
        "index files are already compressed). Only search traffic counts, the page itself is the same for all. "
        "lunr: `search_index.json` + material's worker + `lunr.stemmer.support`/`lunr.zh`, until the worker "
        "answers. Pagefind: from `import('/pagefind/pagefind.js')` until `data()` of the first "
        f"{TOP} results has arrived (pagefind.js, worker, entry, wasm, meta, index chunks, fragments). "
        "Time is in the browser on this machine.",
        "",
        "| query | " + " | ".join(names) + " |",
        "| --- |" + " ---: |" * len(names),
    ]
    for query in queries:
        cells = []
        for name in names:
            outcome = by.get((name, query))
            if outcome is None or outcome.error:
                cells.append(outcome.error if outcome else "—")
            elif name == "lunr":
                paid = f"{_kb(lunr_first.sent)}, " if lunr_first and outcome.cold else "0 (loaded), "
                cells.append(f"{paid}{outcome.seconds:.2f} s" if outcome.cold else f"0 more, {outcome.seconds:.2f} s")
            else:
                mark = "" if outcome.sent <= BUDGET_BYTES else " ✗"
                cells.append(f"{_kb(outcome.sent)}{mark} ({outcome.requests} req), {outcome.seconds:.2f} s")
        lines.append(f"| {query} | " + " | ".join(cells) + " |")
    if lunr_first:
        lines += ["", "lunr's first query, in full: " + ", ".join(
            f"`{t.path}` {t.sent:,} B" for t in lunr_first.fetched) + f" — {_kb(lunr_first.sent)} on the wire, "
            f"{_kb(lunr_first.size)} unpacked, {lunr_first.seconds:.1f} s until the worker answered."]
    pagefind_outcomes = [o for o in outcomes if o.engine != "lunr" and not o.error]
    if pagefind_outcomes:
        worst = max(pagefind_outcomes, key=lambda o: o.sent)
        lines += ["", f"The largest Pagefind first search ({worst.engine}, {worst.query}), request by request: "
                  + ", ".join(f"`{t.path.rsplit('/', 1)[-1]}` {t.sent:,} B" for t in worst.fetched) + "."]
    lines += [
        "",
        f"## Are the right articles first? (top {TOP})",
        "",
        "The right articles: for 医改, 健康周刊, 平安 and 12320 those with the word in their title (many more "
        "mention it only in their text, see the count in brackets); for 母婴安全 (four characters) and "
        "健康素养促进行动 exactly the articles that contain the phrase; 量子纠缠 is in no article. "
        f"`hits/ideal` = right articles among the first {TOP} results (✗1st: the first result is not one); "
        "then the number of results. `exact` = Pagefind's ranked results kept only when a second, quoted "
        "(exact phrase) search also finds the page — what the header UI can do in two lines of JS.",
        "",
        "| query | right (mentioning) | " + " | ".join(names) + " |",
        "| --- | ---: |" + " --- |" * len(names),
    ]
    score: dict[str, int] = {name: 0 for name in names}
    for query in queries:
        probe = info.probes.get(query)
        cells = []
        for name in names:
            outcome = by.get((name, query))
            verdict = judge(outcome, probe) if outcome else None
            if verdict and verdict.perfect:
                score[name] += 1
            cells.append(f"{verdict.text()}, {outcome.total:,}" if verdict else (outcome.error if outcome else "—"))
        counts = f"{len(probe.expected):,} ({probe.mentions:,})" if probe else "—"
        lines.append(f"| {query} | {counts} | " + " | ".join(cells) + " |")
    lines.append("| **all right** | | " + " | ".join(f"**{score[n]}/{len(queries)}**" for n in names) + " |")
    lines += ["", "### The first results", ""]
    for query in queries:
        probe = info.probes.get(query)
        expected = set(probe.expected) if probe else set()
        for name in names:
            outcome = by.get((name, query))
            if not outcome or outcome.error or not outcome.urls:
                continue
            shown = "; ".join(f"{'✓' if url in expected else '✗'} {titles.get(url, '/' + url)}" for url in outcome.urls)
            lines.append(f"- {query} — {name}: {shown}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------


def _chromium(given: str | None) -> str:
    for candidate in (given, os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    raise SystemExit("没有找到 Chromium：请安装（Debian: apt-get install chromium）或用 --chromium 指定路径")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="search-compare", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="articles in the generated site (default 10000)")
    parser.add_argument("--seed", type=int, default=2013)
    parser.add_argument("--workdir", type=Path, help="keep the corpus and both sites here (default: a temporary folder)")
    parser.add_argument("--output", type=Path, default=Path(__file__).resolve().parent / "search-compare.md")
    parser.add_argument("--chromium", help="path of the Chromium binary (default /usr/bin/chromium)")
    parser.add_argument("--also-pagefind", action="append", default=[], metavar="BINARY",
                        help="another pagefind_extended binary to compare too (e.g. a newer one from npm)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds to wait for one engine's results")
    parser.add_argument("--query", action="append", help="a query (repeatable; default: the corpus probes)")
    args = parser.parse_args(argv)
    chromium = _chromium(args.chromium)

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    temporary = None
    if args.workdir is None:
        temporary = tempfile.TemporaryDirectory(prefix="search-compare-")
        workdir = Path(temporary.name)
    else:
        workdir = args.workdir
    try:
        say(f"corpus: {args.count} articles into {workdir} …")
        info = write_corpus(workdir, args.count, args.seed)
        builds = build_both(info, pagefind_binaries(args.also_pagefind), say)
        queries = args.query or list(DEFAULT_QUERIES)
        outcomes = measure(info, builds, queries, chromium, args.timeout, say)
        builds.load.append(os.getloadavg()[0])
        text = report(info, builds, outcomes, versions(chromium))
    finally:
        if temporary is not None:
            temporary.cleanup()
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    say(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
