"""What nginx sends (compression, caching, security headers, 404, redirects), the Content-Security-
Policy against the pages' own scripts, accessibility (axe-core in chromium), validity (the Nu Html
Checker) and the weight of a phone's first view."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from .conftest import (NGINX_CONF, VNU_JAR, axe_violations, describe_violations, find_program, require_file,
                       wait_for_search_results)

PAGES = ["home", "column", "article", "archive", "search"]
# the search page with its results on screen: those need Pagefind's index
PAGES_WITH_RESULTS = [*PAGES[:4], "search"]
GZIP = {"Accept-Encoding": "gzip"}
ARTICLE_BUDGET = 150_000  # bytes a phone downloads for an article's first view, images aside


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


# ---- nginx: compression, caching, headers -----------------------------------------------------

def test_pages_are_gzipped_revalidated_and_carry_the_security_headers(server):
    page = server.fetch("/", GZIP)
    assert page.status == 200
    assert page.header("Content-Type") == "text/html; charset=utf-8"
    assert page.header("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in page.header("Vary")
    assert page.header("Cache-Control") == "no-cache"
    assert page.header("ETag") and page.header("Last-Modified")
    assert page.header("X-Content-Type-Options") == "nosniff"
    assert page.header("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert "nginx/" not in page.header("Server")
    csp = csp_directives(page.header("Content-Security-Policy"))
    assert csp["default-src"] == ["'self'"]
    assert {"'self'", "'wasm-unsafe-eval'"} <= set(csp["script-src"])
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert csp["style-src"] == ["'self'"]
    assert set(csp["img-src"]) == {"'self'", "data:"}
    assert csp["frame-src"] == ["https://player.v.qq.com"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert "<html" in page.text and "市卫生健康宣传网" in page.text


def test_an_unchanged_page_revalidates_to_304(server):
    first = server.fetch("/archive/", GZIP)
    again = server.fetch("/archive/", {**GZIP, "If-None-Match": first.header("ETag")})
    assert again.status == 304 and again.body == b""


def test_material_assets_are_gzipped_and_cached_for_a_year_ours_revalidate(server):
    soup = BeautifulSoup(server.fetch("/").text, "lxml")
    files = [link["href"] for link in soup.select('link[rel="stylesheet"]')] + [s["src"] for s in soup.select("script[src]")]
    hashed = [f for f in files if re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", f)]
    assert any(f.endswith(".css") for f in hashed) and any(f.endswith(".js") for f in hashed), files
    for file in files:
        asset = server.fetch(urljoin("/", file), GZIP)
        assert asset.status == 200, file
        assert asset.header("Content-Encoding") == "gzip", file
        expected = "public, max-age=31536000, immutable" if file in hashed else "no-cache"
        assert asset.header("Cache-Control") == expected, file
        assert asset.header("X-Content-Type-Options") == "nosniff"
        assert asset.header("Content-Security-Policy") == "", "the policy is for documents only"


@pytest.mark.parametrize("path", ["/sitemap.xml", "/feed.xml", "/atom.xml"])
def test_sitemap_and_feeds_are_cached_for_five_minutes(server, path):
    sitemap = server.fetch(path, GZIP)
    assert sitemap.status == 200
    assert sitemap.header("Cache-Control") == "public, max-age=300"
    assert sitemap.header("Content-Encoding") == "gzip"


def test_svg_images_may_not_run_scripts(server, example_site):
    svgs = sorted(example_site.root.rglob("*.svg"))
    assert svgs, "the example site publishes an SVG image (health-weekly)"
    path = "/" + svgs[0].relative_to(example_site.root).as_posix()
    svg = server.fetch(path, GZIP)
    assert svg.status == 200
    assert svg.header("Content-Type").startswith("image/svg+xml")
    assert svg.header("Content-Security-Policy") == "script-src 'none'"
    assert svg.header("Content-Encoding") == "gzip"
    assert svg.header("Cache-Control") == "public, max-age=86400"


def test_a_missing_page_answers_404_with_the_sites_404_page(server):
    missing = server.fetch("/health-weekly/2099/01/no-such-article/", GZIP)
    assert missing.status == 404
    assert missing.header("Content-Type") == "text/html; charset=utf-8"
    assert missing.header("Content-Security-Policy"), "security headers on error pages too"
    soup = BeautifulSoup(missing.text, "lxml")
    assert "页面不存在" in soup.get_text() and "市卫生健康宣传网" in soup.title.get_text()
    for link in soup.select('link[rel="stylesheet"]'):  # the 404 page works at any depth: absolute URLs
        assert server.fetch(urljoin("/health-weekly/2099/01/no-such-article/", link["href"])).status == 200, link


@pytest.mark.parametrize("path", ["/service-year", "/archive/2014", "/service-year/2013/05/tishen-gongcheng-shishi-fangan"])
def test_a_folder_address_without_its_slash_redirects_to_it(server, path):
    moved = server.fetch(path)
    assert moved.status == 301
    assert moved.header("Location") == path + "/"
    assert server.fetch(moved.header("Location")).status == 200


def test_dotfiles_are_never_served(server, example_site):
    (example_site.root / ".env").write_text("SECRET=1\n")
    assert server.fetch("/.env").status == 404


def test_pagefind_chunks_are_immutable_and_its_entry_revalidates(server, example_site):
    manifest = json.loads((example_site.root / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    pagefind = example_site.root / "pagefind" / manifest["shards"][0]["bundle"]
    assert (pagefind / "pagefind.js").is_file(), "no Pagefind index in the built site"
    assert server.fetch("/pagefind/shards.json", GZIP).header("Cache-Control") == "no-cache"
    assert server.fetch(f"/pagefind/{manifest['shards'][0]['bundle']}pagefind.js", GZIP).header("Cache-Control") == "no-cache"
    fragment = next((pagefind / "fragment").iterdir())
    chunk = server.fetch("/" + fragment.relative_to(example_site.root).as_posix(), GZIP)
    assert chunk.status == 200
    assert chunk.header("Cache-Control") == "public, max-age=31536000, immutable"


# ---- Content-Security-Policy against the pages ------------------------------------------------

def inline_script_hashes(site_root: Path) -> dict[str, str]:
    """'sha256-…' of every inline script the browser runs, with one example of it."""
    found = {}
    for page in site_root.rglob("*.html"):
        for script in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("script:not([src])"):
            if script.get("type", "text/javascript") not in ("text/javascript", "module", "application/javascript"):
                continue  # data blocks (application/json) are not run
            digest = base64.b64encode(hashlib.sha256(script.string.encode("utf-8")).digest()).decode()
            found.setdefault(f"'sha256-{digest}'", script.string[:70])
    return found


def test_csp_allows_each_inline_script_of_the_site_by_its_hash(server, example_site):
    allowed = set(csp_directives(server.fetch("/").header("Content-Security-Policy"))["script-src"])
    needed = inline_script_hashes(example_site.root)
    missing = {h: code for h, code in needed.items() if h not in allowed}
    unused = sorted(h for h in allowed if h.startswith("'sha256-") and h not in needed)
    if unused:
        print("hashes in the CSP that no page needs any more:", *unused, sep="\n  ")
    assert not missing, (
        f"inline scripts that {NGINX_CONF.name}'s Content-Security-Policy blocks — add to it:\n" + "\n".join(
            f'    set $hp_script_src "$hp_script_src {h}"; # {code}' for h, code in missing.items()))


@pytest.mark.parametrize("name", [*PAGES_WITH_RESULTS, "404"])
def test_pages_run_under_the_csp_without_a_violation_or_script_error(open_page, server, sample_pages, name):
    page = open_page("desktop")
    path = "/no-such-page/" if name == "404" else sample_pages[name]
    response = page.goto(path, wait_until="networkidle")
    assert response.status == (404 if name == "404" else 200)
    if name == "search":
        wait_for_search_results(page, server)  # Pagefind's wasm runs under the policy too
    page.locator("#hp-contrast-toggle").click()  # the reading tools' script runs too
    assert page.evaluate("() => document.documentElement.getAttribute('data-hp-contrast')") == "on"
    # chromium logs every response of 400 or more as "Failed to load resource"; those are listed by URL
    expected = [f"404 {response.url}"] if name == "404" else []
    bad = [r for r in page.hp_bad_responses if r not in expected]
    problems = [e for e in page.hp_console_errors if not e.startswith("Failed to load resource")]
    problems += page.hp_page_errors + [f"failed request: {r}" for r in bad]
    assert not problems, f"on {path}:\n" + "\n".join(problems)


# ---- accessibility: axe-core ------------------------------------------------------------------

# each page on both screens; the statistics page, whose tables are the widest, on a phone; the disclosure
# catalogue (a table whose headings are sort links) on both, the guide on a phone; an 在线访谈 review (its
# facts, guests, photos and 解读的文件) on a phone, a 征集调查 with its results on a desktop
AXE_PAGES = [(name, viewport) for viewport in ("phone", "desktop") for name in PAGES_WITH_RESULTS] + [
    ("stats", "phone"), ("catalogue", "phone"), ("catalogue", "desktop"), ("guide", "phone"), ("interview", "phone"),
    ("survey", "desktop"), ("website-report", "phone"), ("disclosure-report", "desktop")]


@pytest.mark.parametrize(("name", "viewport"), AXE_PAGES)
def test_axe_finds_no_serious_or_critical_violation(open_page, server, sample_pages, artifacts, name, viewport):
    page = open_page(viewport, bypass_csp=True)  # axe is injected as an inline script
    response = page.goto(sample_pages[name], wait_until="networkidle")
    assert response.status == 200
    if name == "search":
        wait_for_search_results(page, server)
    violations = axe_violations(page)
    report = artifacts / "axe" / f"{viewport}-{name}.json"
    report.parent.mkdir(exist_ok=True)
    report.write_text(json.dumps(violations, ensure_ascii=False, indent=1), encoding="utf-8")
    if violations:
        print(f"axe on {sample_pages[name]} ({viewport}):\n{describe_violations(violations)}")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe on {sample_pages[name]} ({viewport}):\n{describe_violations(serious)}"


# ---- validity: the Nu Html Checker ------------------------------------------------------------

MISSING_PAGE = "/no-such-page/"
"""Where the 404 page is checked: as nginx sends it for an address that does not exist."""


@pytest.fixture(scope="module")
def vnu_messages(server, example_site, artifacts) -> dict[str, tuple[int, str, list[dict]]]:
    """Every page of the example site as nginx serves it (404.html at a missing address), saved to
    test-artifacts/html/ and checked by vnu.jar in one run: address -> (HTTP status, file, vnu's messages)."""
    java = find_program("java")
    require_file(VNU_JAR, "vnu-jar")
    folder = artifacts / "html"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    statuses, files = {}, {}
    for url in example_site.page_urls(missing=MISSING_PAGE):
        fetched = server.fetch(url)
        statuses[url] = fetched.status
        files[url] = folder / f"{url.strip('/').replace('/', '~') or 'home'}.html"
        files[url].write_bytes(fetched.body)
    run = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--exit-zero-always",
                          *map(str, files.values())], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    by_file = {}
    for message in json.loads(run.stdout)["messages"]:
        by_file.setdefault(Path(unquote(urlsplit(message.get("url", "")).path)).name, []).append(message)
    return {url: (statuses[url], file.name, by_file.get(file.name, [])) for url, file in files.items()}


def describe_vnu(url: str, file: str, messages: list[dict]) -> str:
    return f"{url} (test-artifacts/html/{file}):\n" + "\n".join(
        f"  line {m.get('lastLine')}: {m['message']}\n      {' '.join(m.get('extract', '').split())[:160]}"
        for m in sorted(messages, key=lambda m: m.get("lastLine", 0)))


def test_vnu_finds_no_html_error_on_any_page(vnu_messages):
    assert len(vnu_messages) > 100, "every page of the example site"
    statuses = {url: status for url, (status, _, _) in vnu_messages.items()
                if status != (404 if url == MISSING_PAGE else 200)}
    assert not statuses, f"pages that did not answer as expected: {statuses}"
    warnings = Counter(m["message"] for _, _, messages in vnu_messages.values() for m in messages if m["type"] == "info")
    if warnings:
        print(f"vnu's warnings on {len(vnu_messages)} pages:", *(f"{n} × {w}" for w, n in warnings.most_common()),
              sep="\n  ")
    errors = {url: (file, [m for m in messages if m["type"] != "info"]) for url, (_, file, messages) in vnu_messages.items()}
    errors = {url: (file, found) for url, (file, found) in errors.items() if found}
    assert not errors, f"vnu finds errors on {len(errors)} of {len(vnu_messages)} pages:\n" + "\n".join(
        describe_vnu(url, file, found[:6]) for url, (file, found) in list(errors.items())[:15])


# ---- page weight --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["home", "article"])
def test_first_view_weight_on_a_phone(open_page, server, sample_pages, artifacts, name):
    """Bytes over the wire (headers + gzip bodies, as nginx sends them to chromium) for a phone's
    first view with an empty cache, article images aside."""
    page = open_page("phone")
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(sample_pages[name], wait_until="networkidle")
    rows, images, cached = [], [], []
    for response in responses:
        split = urlsplit(response.url)
        if response.request.resource_type == "image" and not split.path.startswith("/assets/"):
            images.append(split.path)
            continue
        sizes = response.request.sizes()
        if sizes["responseHeadersSize"] + sizes["responseBodySize"] <= 0:  # from chromium's cache
            cached.append(split.path)
            continue
        again = server.fetch(split.path + (f"?{split.query}" if split.query else ""),
                             {"Accept-Encoding": response.request.headers.get("accept-encoding", "gzip")})
        rows.append({"path": split.path, "type": response.request.resource_type, "status": response.status,
                     "encoding": response.headers.get("content-encoding", ""),
                     "chromium": sizes["responseHeadersSize"] + sizes["responseBodySize"],
                     "nginx": again.header_bytes + len(again.body)})
    total = sum(r["nginx"] for r in rows)
    chromium_total = sum(r["chromium"] for r in rows)
    table = "\n".join(f"  {r['nginx']:>8} {r['chromium']:>8}  {r['status']} {r['encoding'] or '-':5} {r['type']:10} {r['path']}"
                      for r in rows)
    print(f"\nfirst view of {sample_pages[name]} on a phone: {total} bytes ({total / 1000:.1f} kB) as nginx sends them, "
          f"chromium counted {chromium_total}; article images left out: {images or 'none'}; "
          f"from chromium's cache: {cached or 'none'}\n"
          f"     nginx chromium\n{table}")
    (artifacts / f"page-weight-{name}.json").write_text(json.dumps(
        {"page": sample_pages[name], "bytes": total, "chromium_bytes": chromium_total, "images_left_out": images,
         "from_cache": cached, "responses": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
    assert all(r["encoding"] == "gzip" for r in rows if r["type"] in ("document", "stylesheet", "script")), table
    if name == "article":
        assert total <= ARTICLE_BUDGET, f"an article's first view is {total} bytes, over {ARTICLE_BUDGET}:\n{table}"
