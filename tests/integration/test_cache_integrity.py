"""The cache never decides what is published: whatever it holds (tampered pages, a published file edited in
place, old pickles with a payload, garbage, a cache tracked by git), `healthpress build` publishes exactly
what a clean build of the same sources publishes, runs nothing it finds there, and says what it dropped."""

from __future__ import annotations

import copy
import io
import marshal
import os
import pickle
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import SiteFolder, article

SCRIPT = b'<script>alert("tampered")</script>'
CACHE = Path(".cache/healthpress/build")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def write_articles(site: SiteFolder, count: int = 8, **options) -> None:
    site.config["plugins"][0]["healthpress"].update(options)
    for n in range(count):
        site.write(f"news/a{n:02d}.md", article(f"文章{n:02d}", f"2014-{n % 12 + 1:02d}-{n % 27 + 1:02d}",
                                                f"第 {n} 篇的正文：预防接种与健康教育。"))


@pytest.fixture
def build(run_cli, tmp_path):
    """`healthpress build` in the project's folder; returns its log. The secret that keys the compiled
    templates lives in the test's own folder."""
    def run(site: SiteFolder, marker: Path | None = None) -> str:
        done = run_cli(site, "build", env={"XDG_DATA_HOME": str(tmp_path / "data")})
        assert marker is None or not marker.exists(), "a cache file ran code"
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
        return done.stderr
    return run


@pytest.fixture
def clean(build, tmp_path):
    """The same sources built in another folder with no cache at all: the site every build must equal."""
    def run(site: SiteFolder) -> dict[str, bytes]:
        other = tmp_path / "clean"
        shutil.rmtree(other, ignore_errors=True)
        shutil.copytree(site.root, other, ignore=shutil.ignore_patterns(".cache", "site", ".site.*", ".git"))
        folder = SiteFolder(other, config=copy.deepcopy(site.config))
        folder.config["plugins"][0]["healthpress"]["cache"] = False
        build(folder)
        return tree(other / "site")
    return run


def cached_file_of(site: SiteFolder, page: Path) -> Path:
    """The page cache's file holding the bytes of this published page."""
    data = page.read_bytes()
    [found] = [p for p in (site.root / CACHE / "pages").rglob("*.html") if p.read_bytes() == data]
    return found


def no_script_anywhere(site: SiteFolder) -> None:
    for folder in (site.root / "site", site.root / CACHE):
        assert not [p for p in folder.rglob("*") if p.is_file() and SCRIPT in p.read_bytes()], folder


PAGE = "site/news/2014/03/a02/index.html"


def _replaced(path: Path) -> None:
    """A new file in the cached page's place (the published file is left alone)."""
    data = path.read_bytes().replace(b"</body>", SCRIPT + b"</body>")
    path.unlink()
    path.write_bytes(data)


def _garbage_in_place(path: Path) -> None:
    with path.open("r+b") as file:
        file.seek(200)
        file.write(SCRIPT)


def _emptied_in_place(path: Path) -> None:
    path.open("wb").close()


@pytest.mark.parametrize("tamper", [_replaced, _garbage_in_place, _emptied_in_place],
                         ids=["replaced", "garbage-in-place", "emptied-in-place"])
def test_a_tampered_cached_page_is_not_published(site, build, clean, tamper):
    write_articles(site)
    build(site)
    build(site)  # the next build starts from the output this one replaces
    tamper(cached_file_of(site, site.root / PAGE))
    log = build(site)
    expected = clean(site)
    assert tree(site.root / "site") == expected
    no_script_anywhere(site)
    assert "已丢弃" in log and "页面" in log
    shutil.rmtree(site.root / "site")
    shutil.rmtree(site.root / ".site.recycle", ignore_errors=True)
    build(site)
    assert tree(site.root / "site") == expected, "the cache was repaired, not kept"


def test_a_published_file_edited_in_place_is_not_republished_and_the_cache_stays_sound(site, build, clean):
    write_articles(site)
    build(site)
    build(site)
    with (site.root / PAGE).open("ab") as page:
        page.write(SCRIPT)
    build(site)
    expected = clean(site)
    assert tree(site.root / "site") == expected
    no_script_anywhere(site)
    shutil.rmtree(site.root / "site")
    shutil.rmtree(site.root / ".site.recycle", ignore_errors=True)
    build(site)
    assert tree(site.root / "site") == expected


class _Payload:
    """Unpickled, it creates the marker file (what a crafted cache file could do with a shell command)."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return open, (self.marker, "w")


def test_old_pickles_with_a_payload_run_nothing(site, build, clean, tmp_path):
    write_articles(site)
    build(site)
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Payload(marker))
    cache = site.root / CACHE
    for path in [cache / "pages.pickle", cache / "articles.pickle",
                 *(cache / "articles" / f"{n:02d}.pickle" for n in range(64))]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(payload)
    log = build(site, marker)
    assert tree(site.root / "site") == clean(site)
    assert "旧格式" in log
    assert not list(cache.rglob("*.pickle")), "the old files are gone"


@pytest.fixture
def pagefind():
    from healthpress.search.pagefindbinary import pagefind_executable
    try:
        pagefind_executable()
    except FileNotFoundError:
        pytest.fail("no Pagefind binary: run the tests with ./scripts/test")


def test_garbage_in_every_cache_file_is_dropped_with_a_line_and_rebuilt(site, build, clean, pagefind):
    write_articles(site, search_index=True, search_shard_pages=3)
    build(site)
    cache = site.root / CACHE
    indexes = [p for p in cache.rglob("*") if p.is_file() and p.suffix != ".html"
               and "search" not in p.relative_to(cache).parts[:1]]
    entries = list((cache / "search").rglob("pagefind-entry.json"))
    assert indexes and entries
    for path in indexes + entries:
        path.write_bytes(b'{"\xff garbage')
    log = build(site)
    assert tree(site.root / "site") == clean(site)
    assert "已丢弃" in log


def test_truncated_and_mistyped_cache_files_are_dropped(site, build, clean, tmp_path, monkeypatch):
    """Cut short, or well-formed but holding values of the wrong types (written as healthpress writes, with
    the same secret: the types are checked too)."""
    from healthpress.storage import secret
    from healthpress.storage.files import write_json

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(secret.ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setattr(secret, "_known", {})

    write_articles(site)
    build(site)
    cache = site.root / CACHE
    files = [p for p in cache.rglob("*") if p.is_file() and p.suffix != ".html"]
    for n, path in enumerate(files):
        data = path.read_bytes()
        if n % 2:
            path.write_bytes(data[: len(data) // 2])
        else:
            write_json(path, [1, {"a": None}, "x"] if n % 4 else {"version": 1, "pages": {"ab": 3}, "salt": 7,
                                                                   "entries": {"news/a00.md": "x"}})
    log = build(site)
    assert tree(site.root / "site") == clean(site)
    assert "已丢弃" in log


def test_a_crafted_compiled_template_runs_nothing(site, build, clean, tmp_path):
    from jinja2.bccache import bc_magic

    write_articles(site)
    build(site)
    marker = tmp_path / "ran"
    code = marshal.dumps(compile(f"open({str(marker)!r}, 'w').close()", "template", "exec"))
    crafted = 0
    for path in (site.root / CACHE / "templates").rglob("*"):
        data = path.read_bytes() if path.is_file() else b""
        start = data.find(bc_magic)
        if start < 0:
            continue
        checksum = pickle.Unpickler(io.BytesIO(data[start + len(bc_magic):])).load()  # the test's own file
        path.write_bytes(data[:start] + bc_magic + pickle.dumps(checksum, 2) + code)
        crafted += 1
    assert crafted
    log = build(site, marker)
    assert tree(site.root / "site") == clean(site)
    assert "已丢弃" in log and "模板" in log


def test_a_cache_tracked_by_git_is_neither_read_nor_written(site, build, clean):
    git = shutil.which("git")
    if git is None:
        pytest.skip("no git")
    write_articles(site)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run([git, "init", "-q"], cwd=site.root, check=True, env=env)
    build(site)
    subprocess.run([git, "add", "-f", ".cache"], cwd=site.root, check=True, env=env)
    cache = site.root / CACHE
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in cache.rglob("*") if p.is_file()}
    tampered = cached_file_of(site, site.root / PAGE)
    _replaced(tampered)
    before[tampered] = None
    log = build(site)
    assert tree(site.root / "site") == clean(site)
    assert "git rm -r --cached" in log and "（0 页沿用缓存）" in log
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in cache.rglob("*") if p.is_file()}
    assert after.keys() == before.keys()
    assert all(after[p] == before[p] for p in after if before[p] is not None), "the build wrote into the cache"


def test_a_rebuild_with_the_search_index_is_byte_for_byte_the_clean_build(site, build, clean, pagefind):
    """No patches in a build: the shard of an edited article is indexed whole, as a clean build indexes it;
    a bundle file edited in the published site is not published again."""
    write_articles(site, count=16, search_index=True, search_shard_pages=6)
    build(site)
    build(site)
    site.write("news/a05.md", article("文章05", "2014-06-06", "第 5 篇改过的正文：流感疫苗接种点新增三处。"))
    build(site)
    published = tree(site.root / "site")
    assert not [name for name in published if ".patch/" in name]
    assert published == clean(site)
    entry = next((site.root / "site" / "pagefind").rglob("pagefind-entry.json"))
    with entry.open("ab") as file:
        file.write(b" ")
    log = build(site)
    assert tree(site.root / "site") == published
    assert "已丢弃" in log and "搜索" in log


def test_a_theme_only_rebuild_reuses_every_shard_and_is_byte_for_byte_the_clean_build(site, build, clean, pagefind):
    """Shards are keyed by what Pagefind reads (search/indexedtext.py): a footer and CSS change re-renders
    every page, re-indexes nothing, and the bundles kept are the ones a clean build makes."""
    write_articles(site, count=16, search_index=True, search_shard_pages=6)
    site.config["theme"]["custom_dir"] = "theme"
    (site.root / "theme" / "assets").mkdir(parents=True)
    footer = '{% extends "base.html" %}\n{% block footer %}{{ super() }}<p>页脚说明 VERSION</p>{% endblock %}\n'
    (site.root / "theme" / "main.html").write_text(footer.replace("VERSION", "1"), encoding="utf-8")
    (site.root / "theme" / "assets" / "site.css").write_text("p { margin: 0; }\n", encoding="utf-8")
    site.config["extra_css"] = ["assets/site.css"]
    build(site)
    (site.root / "theme" / "main.html").write_text(footer.replace("VERSION", "2"), encoding="utf-8")
    (site.root / "theme" / "assets" / "site.css").write_text("p { margin: 1px; }\n", encoding="utf-8")
    log = build(site)
    assert "3 个分片（3 个沿用缓存）" in log and "（0 页沿用缓存）" in log, log[-1500:]
    assert tree(site.root / "site") == clean(site)


from tests.integration.test_serve_keys import preview  # noqa: E402,F401  (serve's plugin object, in this process)


def test_a_new_serve_process_checks_the_cached_pages_before_it_shows_them(preview, site, monkeypatch):
    """serve trusts a page it checked or wrote itself; the cache a stopped serve left is checked again."""
    from healthpress.storage import resident

    resident.flush()  # serve stopping: what it kept in memory goes to .cache/
    for name in ("_values", "_writers", "_placed"):  # a new process
        monkeypatch.setattr(resident, name, {})
    shown = preview.site_dir / "news" / "2013" / "05" / "n4" / "index.html"
    [cached] = [p for p in (site.root / ".cache/healthpress/serve/pages").rglob("*.html")
                if p.read_bytes() == shown.read_bytes()]
    _replaced(cached)
    preview.rebuild()
    assert SCRIPT not in shown.read_bytes() and SCRIPT not in cached.read_bytes()
    _replaced(cached)  # changed again behind the running preview's back: it checked that page already
    preview.rebuild()
    assert SCRIPT not in shown.read_bytes()


# ---------------------------------------------------------------- forged, linked, FIFO and folder entries

import hashlib  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402


def _resign_unkeyed(path: Path, edit) -> None:
    """Edit a cache JSON file and write it back behind a digest anyone can compute (plain SHA-256 of the
    JSON, in the format of the file's own first line): what someone who can write the cache can make."""
    head, _, body = path.read_bytes().partition(b"\n")
    value = edit(json.loads(body))
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    prefix = head.rsplit(b" ", 1)[0] + b" "
    path.write_bytes(prefix + hashlib.sha256(body).hexdigest()[:32].encode() + b"\n" + body)


@pytest.mark.parametrize("forged", [SCRIPT, b""], ids=["script", "empty"])
def test_a_forged_page_with_its_digest_recorded_again_is_not_published(site, build, clean, forged):
    write_articles(site)
    build(site)
    cached = cached_file_of(site, site.root / PAGE)
    old = hashlib.sha256(cached.read_bytes()).hexdigest()[:32]
    data = cached.read_bytes().replace(b"</body>", forged + b"</body>") if forged else b""
    cached.unlink()
    cached.write_bytes(data)

    def edit(index):
        for facts in index["pages"].values():
            if facts.get("output") == old:
                facts["output"] = hashlib.sha256(data).hexdigest()[:32]
        return index
    _resign_unkeyed(site.root / CACHE / "pages.json", edit)
    build(site)
    assert tree(site.root / "site") == clean(site)
    assert (site.root / PAGE).stat().st_size > 0
    no_script_anywhere(site)


def test_a_forged_article_memo_entry_is_not_published(site, build, clean):
    write_articles(site, count=4)
    site.write("news/draft.md", article("草稿一篇", "2014-06-06", "尚未发布的正文。", status="draft"))
    build(site)
    forged = 0
    for path in (site.root / CACHE / "articles").glob("*.json"):
        def edit(memo):
            nonlocal forged
            for uri, entry in memo["entries"].items():
                fields = entry[2][0]
                if uri == "news/draft.md" and fields:
                    entry[2][0] = ["published" if value == "draft" else
                                   "伪造<b>标题</b>" if value == "草稿一篇" else value for value in fields]
                    forged += 1
            return memo
        _resign_unkeyed(path, edit)
    assert forged == 1
    build(site)
    assert tree(site.root / "site") == clean(site)
    assert not [p for p in (site.root / "site").rglob("*") if p.is_file() and "伪造".encode() in p.read_bytes()]


def test_a_cache_written_with_one_ci_secret_is_not_read_with_another(site, run_cli, tmp_path):
    write_articles(site)
    nowhere = {"XDG_DATA_HOME": str(tmp_path / "data")}
    first = run_cli(site, "build", env={**nowhere, "HEALTHPRESS_CACHE_SECRET": "甲-secret"})
    assert first.returncode == 0, first.stderr[-3000:]
    same = run_cli(site, "build", env={**nowhere, "HEALTHPRESS_CACHE_SECRET": "甲-secret"})
    assert same.returncode == 0 and "（0 页沿用缓存）" not in same.stderr, same.stderr[-3000:]
    other = run_cli(site, "build", env={**nowhere, "HEALTHPRESS_CACHE_SECRET": "乙-secret"})
    assert other.returncode == 0, other.stderr[-3000:]
    assert "（0 页沿用缓存）" in other.stderr, other.stderr[-3000:]


def _links_in(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_symlink()]


def test_a_linked_pages_folder_is_not_followed(site, build, clean, tmp_path):
    write_articles(site)
    build(site)
    pages = site.root / CACHE / "pages"
    outside = tmp_path / "outside"
    shutil.move(pages, outside)
    (outside / "zz").mkdir()
    (outside / "zz" / "keep.html").write_bytes(b"not the cache's")
    before = tree(outside)
    pages.symlink_to(outside, target_is_directory=True)
    log = build(site)
    assert tree(outside) == before, "the build changed files outside the cache"
    assert not pages.is_symlink()
    assert not _links_in(site.root / "site")
    assert tree(site.root / "site") == clean(site)
    assert "符号链接" in log


def test_a_cached_page_replaced_by_a_link_is_not_linked_into_the_site(site, build, clean, tmp_path):
    write_articles(site)
    build(site)
    cached = cached_file_of(site, site.root / PAGE)
    outside = tmp_path / "outside.html"
    outside.write_bytes(cached.read_bytes())  # the very bytes recorded: only the link is wrong
    cached.unlink()
    cached.symlink_to(outside)
    (site.root / "site").rename(site.root / "old-site")  # no previous output: the page is linked afresh
    build(site)
    assert not _links_in(site.root / "site")
    assert tree(site.root / "site") == clean(site)
    assert outside.read_bytes() == (site.root / PAGE).read_bytes() and not outside.samefile(site.root / PAGE)


def _cache_file(site: SiteFolder, kind: str) -> Path:
    cache = site.root / CACHE
    if kind == "page":
        return cached_file_of(site, site.root / PAGE)
    if kind == "index":
        return cache / "pages.json"
    if kind == "memo":
        return sorted((cache / "articles").glob("*.json"))[0]
    if kind == "template":
        return sorted((cache / "templates").rglob("*.cache"))[0]
    return sorted((cache / "search").glob("*.json"))[0]


KINDS = ["page", "index", "memo", "template", "search"]


def _render_every_page_again(site: SiteFolder, kind: str) -> None:
    """For a template: forget the page cache's index, so that the rebuild renders every page and so loads
    every template the first build compiled (which template's file sorts first depends on the folder the
    theme is installed in; with its pages reused, the rebuild might never read it)."""
    if kind == "template":
        (site.root / CACHE / "pages.json").unlink()


def _build_within(site: SiteFolder, tmp_path: Path, seconds: int = 60) -> subprocess.CompletedProcess:
    site.write_project()
    try:
        return subprocess.run([sys.executable, "-m", "healthpress.cli", "build"], cwd=site.root, capture_output=True,
                              text=True, timeout=seconds, stdin=subprocess.DEVNULL,
                              env={**os.environ, "NO_COLOR": "1", "XDG_DATA_HOME": str(tmp_path / "data")})
    except subprocess.TimeoutExpired:
        pytest.fail("the build hung on a FIFO in the cache")


@pytest.mark.parametrize("kind", KINDS)
def test_a_fifo_in_the_cache_is_removed_and_rebuilt(site, build, clean, tmp_path, kind, pagefind):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs")
    write_articles(site, search_index=kind == "search", search_shard_pages=3)
    build(site)
    path = _cache_file(site, kind)
    path.unlink()
    os.mkfifo(path)
    _render_every_page_again(site, kind)
    done = _build_within(site, tmp_path)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    assert path.is_file() or not os.path.lexists(path)
    assert tree(site.root / "site") == clean(site)


@pytest.mark.parametrize("kind", KINDS)
def test_a_folder_in_place_of_a_cache_file_is_removed_and_rebuilt(site, build, clean, tmp_path, kind, pagefind):
    write_articles(site, search_index=kind == "search", search_shard_pages=3)
    build(site)
    path = _cache_file(site, kind)
    path.unlink()
    (path / "inner").mkdir(parents=True)
    _render_every_page_again(site, kind)
    log = build(site)
    assert tree(site.root / "site") == clean(site)
    assert not path.is_dir()
    build(site)  # and the next build too
    assert "文件夹" in log or kind == "template"


def test_a_checkout_where_git_fails_uses_no_cache(site, run_cli, clean, tmp_path):
    git = shutil.which("git")
    if git is None:
        pytest.skip("no git")
    write_articles(site)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run([git, "init", "-q"], cwd=site.root, check=True, env=env)
    data = {"XDG_DATA_HOME": str(tmp_path / "data")}
    assert run_cli(site, "build", env=data).returncode == 0
    _replaced(cached_file_of(site, site.root / PAGE))
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text("#!/bin/sh\necho 'fatal: detected dubious ownership in repository' >&2\nexit 128\n")
    (fake / "git").chmod(0o755)
    done = run_cli(site, "build", env={**data, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert "git 无法运行" in done.stderr and "（0 页沿用缓存）" in done.stderr, done.stderr[-3000:]
    assert tree(site.root / "site") == clean(site)
