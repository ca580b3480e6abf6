"""The example site, built in a temporary folder, served by nginx with deploy/nginx/healthpress.conf,
and a Playwright-driven Debian chromium to read it.

The tools come from `scripts/lib/e2e-tools.sh` (run by ./scripts/test). Nothing here is skipped:
a missing nginx, chromium, java or node package fails with what to run.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
E2E_DIR = REPO / "tests" / "e2e"
NODE_MODULES = E2E_DIR / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
NGINX_CONF = REPO / "deploy" / "nginx" / "healthpress.conf"
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

INSTALL_HINT = "run ./scripts/test once (it installs the end-to-end tools), or source scripts/lib/e2e-tools.sh and run ensure_e2e_tools"

# Debian's chromium on a machine whose only network is the package registries: no sandbox (root),
# no GPU, and none of the background connections that would be refused or hang.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}

# The column whose page size the test copy lowers so that it has a page 2 (the example's columns
# hold fewer articles than their page_size of 15).
PAGED_COLUMN = "service-year"
PAGED_COLUMN_TITLE = "优质服务年"
SEARCH_TERM = "义诊"
SEARCH_SHARD_PAGES = 12
"""The example's 60 articles then make several Pagefind shards, as a big site's would."""
CATALOGUE_PAGE_SIZE = 2
"""The test copy's 政府信息公开目录 then has several pages (the example has a few official documents)."""
EDITED_ARTICLE = "health-weekly/xiaji-fang-zhongshu.md"
EDIT = ("，以免呛咳窒息。", "，以免引起窒息。高温下的重症中暑，医学上称为热射病。")
"""The example is built, then this article edited (a word gone, a word new) and the site rebuilt, as an
editor's correction is: the rebuild, from the first build's cache, indexes that article's shard again."""

def find_program(name: str, *candidates: str) -> str:
    """The path of a program the e2e tests need, or a failure that says how to install it."""
    found = shutil.which(name) or next((c for c in candidates if os.access(c, os.X_OK)), None)
    if not found:
        pytest.fail(f"{name} is not installed: {INSTALL_HINT}", pytrace=False)
    return found


def require_file(path: Path, what: str) -> Path:
    if not path.is_file():
        pytest.fail(f"{what} is missing ({path.relative_to(REPO)}): {INSTALL_HINT}", pytrace=False)
    return path


# ---- the site -------------------------------------------------------------------------------

@dataclass
class ExampleSite:
    root: Path  # the built site/ folder that nginx serves

    def html(self, url: str) -> Path:
        return self.root / url.strip("/") / "index.html"

    def page_urls(self, missing: str) -> list[str]:
        """The address of every HTML page of the site; the 404 page's is `missing`, an address that does not exist."""
        urls = []
        for page in sorted(self.root.rglob("*.html")):
            relative = page.relative_to(self.root).as_posix()
            if relative == "404.html":
                urls.append(missing)
            else:
                urls.append("/" + relative.removesuffix("index.html"))
        return urls

    def article_urls(self) -> list[str]:
        """Every article address, /<column>/<yyyy>/<mm>/<slug>/."""
        urls = []
        for page in sorted(self.root.glob("*/[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html")):
            urls.append("/" + page.parent.relative_to(self.root).as_posix() + "/")
        return urls


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> ExampleSite:
    """The repository's example site, copied and built in-process (as tests/integration do)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = tmp_path_factory.mktemp("e2e-example")
    for name in ("mkdocs.yml", "content", "columns", "theme", "data"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    column_file = project / "columns" / f"{PAGED_COLUMN}.yml"
    column = yaml.safe_load(column_file.read_text(encoding="utf-8"))
    column["page_size"] = 5
    column_file.write_text(yaml.safe_dump(column, allow_unicode=True), encoding="utf-8")
    config_file = project / "mkdocs.yml"  # small search shards, so the browser merges several
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        "  - healthpress:\n", f"  - healthpress:\n      search_shard_pages: {SEARCH_SHARD_PAGES}\n"
        f"      catalogue_page_size: {CATALOGUE_PAGE_SIZE}\n", 1), encoding="utf-8")
    build(load_config(str(config_file)))
    edited = project / "content" / EDITED_ARTICLE
    text = edited.read_text(encoding="utf-8")
    assert text.count(EDIT[0]) == 1, f"{EDITED_ARTICLE} no longer holds {EDIT[0]!r}"
    edited.write_text(text.replace(*EDIT), encoding="utf-8")
    build(load_config(str(config_file)))
    site = ExampleSite(project / "site")
    assert (site.root / "index.html").is_file(), "the example site did not build"
    assert site.html(f"/{PAGED_COLUMN}/page/2/").is_file(), f"/{PAGED_COLUMN}/page/2/ was not generated"
    return site


INTERVIEW_PAGE = "/interviews/2025/03/jiating-yisheng-fangtan-2025/"
"""The example's 在线访谈 review: its facts, guests, photos, and the 解读的文件 it interprets."""
SURVEY_PAGE = "/surveys/2025/05/kongyan-tiaoli-zhengqiu-yijian-2025/"
"""The example's 征集调查 with its results."""


@pytest.fixture(scope="session")
def sample_pages(example_site) -> dict[str, str]:
    """The page of each kind that the screenshots and axe look at. The article is the one with
    the largest HTML: the heaviest first view an article gives."""
    articles = example_site.article_urls()
    assert articles, "the example site has no articles"
    heaviest = max(articles, key=lambda url: example_site.html(url).stat().st_size)
    return {"home": "/", "column": f"/{PAGED_COLUMN}/", "article": heaviest, "archive": "/archive/",
            "search": f"/search/?q={SEARCH_TERM}", "stats": "/stats/", "catalogue": "/disclosure/catalogue/",
            "guide": "/disclosure/guide/", "interview": INTERVIEW_PAGE, "survey": SURVEY_PAGE,
            "website-report": "/reports/2025/website/", "disclosure-report": "/reports/2025/disclosure/"}


# ---- nginx ----------------------------------------------------------------------------------

@dataclass
class Fetched:
    status: int
    headers: http.client.HTTPMessage
    body: bytes  # as sent: gzip-compressed when Content-Encoding says so
    header_bytes: int

    def header(self, name: str) -> str:
        return self.headers.get(name, "")

    @property
    def text(self) -> str:
        raw = gzip.decompress(self.body) if self.header("Content-Encoding") == "gzip" else self.body
        return raw.decode("utf-8")


@dataclass
class Server:
    host: str
    port: int
    root: Path
    run_dir: Path
    process: subprocess.Popen = field(repr=False)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + quote(path, safe="/?=&%:#")

    def fetch(self, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> Fetched:
        """One request, redirects not followed, the body as nginx sent it."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            connection.request(method, quote(path, safe="/?=&%:#"), headers=headers or {})
            response = connection.getresponse()
            body = response.read()
            header_bytes = len(f"HTTP/1.1 {response.status} {response.reason}\r\n") + 2 + sum(
                len(f"{k}: {v}\r\n".encode()) for k, v in response.getheaders())
            return Fetched(response.status, response.msg, body, header_bytes)
        finally:
            connection.close()

    def error_log(self) -> str:
        log = self.run_dir / "error.log"
        return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""


def render_nginx_config(server_block: str, root: Path, port: int, run_dir: Path, mime_types: Path) -> str:
    """A complete nginx.conf around the deployed server block: only listen and root rewritten,
    nginx in the foreground as one process, every file it writes in run_dir."""
    block, listens = re.subn(r"^[ \t]*listen[ \t]+[^;]+;[ \t]*(#.*)?\n", "", server_block, flags=re.M)
    assert listens, f"no listen directive in {NGINX_CONF}"
    block, servers = re.subn(r"^server\s*\{", f"server {{\n    listen 127.0.0.1:{port};", block, count=1, flags=re.M)
    assert servers == 1, f"no server block in {NGINX_CONF}"
    block, roots = re.subn(r"^([ \t]*)root[ \t]+[^;]+;", lambda m: f"{m.group(1)}root {root};", block, flags=re.M)
    assert roots == 1, f"expected one root directive in {NGINX_CONF}"
    temp = "\n".join(f"    {kind}_temp_path {run_dir / kind};" for kind in
                     ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""daemon off;
master_process off;
worker_processes 1;
pid {run_dir / 'nginx.pid'};
error_log {run_dir / 'error.log'} warn;
events {{
    worker_connections 256;
}}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log {run_dir / 'access.log'};
    sendfile on;
{temp}

{block}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def nginx_serving(root: Path, run_dir: Path):
    """nginx serving the built site at root with the configuration a bureau deploys, its files in run_dir."""
    nginx = find_program("nginx", "/usr/sbin/nginx")
    mime_types = Path("/etc/nginx/mime.types")
    if not mime_types.is_file():
        pytest.fail(f"{mime_types} is missing (Debian's nginx-common installs it): {INSTALL_HINT}", pytrace=False)
    port = free_port()
    config = run_dir / "nginx.conf"
    config.write_text(render_nginx_config(NGINX_CONF.read_text(encoding="utf-8"), root, port,
                                          run_dir, mime_types), encoding="utf-8")
    command = [nginx, "-p", str(run_dir), "-e", str(run_dir / "error.log"), "-c", str(config)]
    check = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)
    if check.returncode:
        pytest.fail(f"nginx rejects the configuration:\n{check.stderr}\n--- {config}:\n{config.read_text()}",
                    pytrace=False)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    running = Server("127.0.0.1", port, root, run_dir, process)
    deadline = time.monotonic() + 15
    while True:
        if process.poll() is not None:
            pytest.fail(f"nginx exited with {process.returncode}:\n{process.stderr.read().decode()}\n"
                        f"{running.error_log()}", pytrace=False)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"nginx did not listen on 127.0.0.1:{port}\n{running.error_log()}", pytrace=False)
            time.sleep(0.05)
    try:
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def server(example_site, tmp_path_factory) -> Server:
    """nginx serving the built example site with the configuration a bureau deploys."""
    with nginx_serving(example_site.root, tmp_path_factory.mktemp("nginx")) as running:
        yield running


def wait_for_search_results(page, server: Server) -> None:
    """The search page's Pagefind results (.hp-search-results a), failing fast without an index."""
    assert server.fetch("/pagefind/shards.json").status == 200, "no Pagefind index at /pagefind/shards.json"
    page.locator(".hp-search-results a").first.wait_for(timeout=15_000)


# ---- the browser ----------------------------------------------------------------------------

def focus_by_tab(page, target, limit: int = 60) -> list[str]:
    """Press Tab from the top of the page until target has the focus; the trail of focused elements."""
    trail = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        trail.append(page.evaluate("""() => { const e = document.activeElement;
            return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} ` +
                   `"${(e.getAttribute('aria-label') || e.innerText || e.value || '').trim().slice(0, 20)}"`; }"""))
        if target.evaluate("el => el === document.activeElement"):
            return trail
    raise AssertionError(f"{limit} presses of Tab did not reach the target; focus went: " + " → ".join(trail))


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now (the page must bypass the CSP: axe is injected inline),
    each with its id, impact, help, helpUrl and the target and HTML of its nodes."""
    require_file(AXE_JS, "axe-core")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [{key: v[key] for key in ("id", "impact", "help", "helpUrl")} |
            {"nodes": [{"target": n["target"], "html": n["html"]} for n in v["nodes"]]}
            for v in result["violations"]]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … {len(v['nodes']) - 8} more")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright (never `playwright install`: no browser
    download here). Playwright starts every launch with a new, empty user-data directory of its own
    (it refuses --user-data-dir in launch(); each test then gets a fresh context on top)."""
    executable = CHROMIUM if os.access(CHROMIUM, os.X_OK) else find_program("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"Playwright for Python is not installed in this venv: {INSTALL_HINT}", pytrace=False)
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
    except Exception as error:
        playwright.stop()
        pytest.fail(f"chromium ({executable}) does not start under Playwright: {error}", pytrace=False)
    yield chromium
    chromium.close()
    playwright.stop()


@contextmanager
def page_opener(browser, server: Server):
    """open_("phone" | "desktop", bypass_csp=False, javascript=True) -> a page in a fresh context (empty cache,
    empty localStorage; scripts off with javascript=False) on the nginx server, recording console errors, uncaught exceptions and responses of
    400 and more in page.hp_console_errors, page.hp_page_errors, page.hp_bad_responses."""
    contexts = []

    def open_(viewport: str = "desktop", bypass_csp: bool = False, javascript: bool = True):
        context = browser.new_context(base_url=server.base_url, locale="zh-CN", timezone_id="Asia/Shanghai",
                                      bypass_csp=bypass_csp, java_script_enabled=javascript, **VIEWPORTS[viewport])
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.hp_console_errors = []
        page.hp_page_errors = []
        page.hp_bad_responses = []
        page.on("console", lambda m: m.type == "error" and page.hp_console_errors.append(m.text))
        page.on("pageerror", lambda e: page.hp_page_errors.append(str(e)))
        page.on("response", lambda r: r.status >= 400 and page.hp_bad_responses.append(f"{r.status} {r.url}"))
        return page

    try:
        yield open_
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def open_page(browser, server):
    """open_page("phone" | "desktop", bypass_csp=False): a page on the example site (page_opener)."""
    with page_opener(browser, server) as open_:
        yield open_


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ at the repository root (kept by CI, ignored by git)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
