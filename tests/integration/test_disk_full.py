"""A build on a full disk (build/diskfull.py): it says so in Chinese, with what a build needs and what
is free, exits non-zero, publishes nothing, and leaves neither its staging folder nor the kept
previous output (`.site.recycle`) holding the disk.

The disk fills for real on a small tmpfs where mounting one is allowed, and by a stand-in everywhere:
`open` for writing fails with ENOSPC at a chosen file (a `sitecustomize` in the build's process, or a
monkeypatch in this one)."""

from __future__ import annotations

import builtins
import errno
import fnmatch
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from helpers import SiteFolder, article

HEALTHPRESS = (sys.executable, "-m", "healthpress.cli", "build")
MKDOCS = (sys.executable, "-m", "mkdocs", "build")
ENV = {**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1798732800"}

FULL_AT = """
import builtins, errno, fnmatch, io, os

_pattern = os.environ.get("HP_DISK_FULL_AT")
if _pattern:
    _open = io.open

    def _open_on_a_full_disk(file, mode="r", *args, **kwargs):
        if (any(m in mode for m in "wax+") and isinstance(file, (str, os.PathLike))
                and fnmatch.fnmatch(os.fspath(file), _pattern)):
            _open(file, mode, *args, **kwargs).close()  # created, then nothing fits: as a full disk does
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(file))
        return _open(file, mode, *args, **kwargs)

    builtins.open = io.open = _open_on_a_full_disk
    _os_open = os.open

    def _os_open_on_a_full_disk(path, flags, *args, **kwargs):  # healthpress' own cache writes
        if flags & (os.O_WRONLY | os.O_RDWR) and fnmatch.fnmatch(os.fspath(path), _pattern):
            os.close(_os_open(path, flags, *args, **kwargs))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(path))
        return _os_open(path, flags, *args, **kwargs)

    os.open = _os_open_on_a_full_disk
"""


def tree(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}


def run(site: SiteFolder, command=HEALTHPRESS, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), cwd=site.root, env={**ENV, **(env or {})}, text=True, capture_output=True,
                          timeout=120)


def left_beside(site_dir: Path) -> list[str]:
    """The folders beside the site (its record, `.site.manifest`, a few KB, may stay)."""
    return sorted(p.name for p in site_dir.parent.iterdir()
                  if p.name.startswith(f".{site_dir.name}.") and not p.name.endswith(".manifest"))


@pytest.fixture
def built(site: SiteFolder) -> SiteFolder:
    """Built twice, so that the output the second build replaced is kept (`.site.recycle`); then an article
    changed, so that the next build writes pages."""
    for n in range(4):
        site.write(f"news/n{n}.md", article(f"新闻{n}", f"2014-0{n + 1}-1{n}", f"第{n}篇新闻的正文。"))
    site.write_project()
    for _ in range(2):
        result = run(site)
        assert result.returncode == 0, result.stderr
    assert (site.root / ".site.recycle").is_dir()
    site.write("news/n2.md", article("新闻2（更正）", "2014-03-12", "更正后的正文。"))
    return site


def feeds_fill_the_disk(monkeypatch) -> None:
    """In this process, writing the feeds into the staging folder fails as on a full disk."""
    real_open = io.open

    def full(file, mode="r", *args, **kwargs):
        if "w" in mode and fnmatch.fnmatch(os.fspath(file), "*/.site.building/feed*"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", full)
    monkeypatch.setattr(builtins, "open", full)


def assert_said_and_cleaned(site_dir: Path, before: dict[str, bytes], result: subprocess.CompletedProcess) -> None:
    assert result.returncode != 0
    assert "磁盘空间不足，网站没有生成" in result.stderr and "可用" in result.stderr, result.stderr[-3000:]
    assert "腾出" in result.stderr and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert tree(site_dir) == before, "the published site changed"
    assert left_beside(site_dir) == [], "the staging folder or the kept output still holds the disk"


@pytest.mark.parametrize("command, at", [
    (HEALTHPRESS, "*/.site.building/assets/stylesheets/*"),  # MkDocs copying the theme's files
    (HEALTHPRESS, "*/.cache/healthpress/build/pages/*"),  # healthpress rendering a page into its cache
    (HEALTHPRESS, "*/.site.building/sitemap.xml.gz"),  # healthpress finishing, every page written
    (MKDOCS, "*/.site.building/assets/stylesheets/*"),
], ids=["healthpress-theme-files", "healthpress-page-cache", "healthpress-sitemap", "mkdocs-theme-files"])
def test_a_full_disk_is_said_in_chinese_and_leaves_the_site_and_no_folders(built, tmp_path, command, at):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "sitecustomize.py").write_text(FULL_AT, encoding="utf-8")
    site_dir = built.root / "site"
    before = tree(site_dir)
    result = run(built, command, env={"HP_DISK_FULL_AT": at,
                                      "PYTHONPATH": os.pathsep.join([str(tmp_path / "full"), os.environ.get("PYTHONPATH", "")])})
    assert_said_and_cleaned(site_dir, before, result)
    if command is HEALTHPRESS:
        assert "生成失败：磁盘空间不足" in result.stderr
        assert "和上次发布的网站一样多的可用空间" in result.stderr
    else:
        assert "Error: 磁盘空间不足" in result.stderr
    again = run(built)
    assert again.returncode == 0, again.stderr
    assert "更正后的正文" in (site_dir / "news" / "2014" / "03" / "n2" / "index.html").read_text("utf-8")


def test_a_full_disk_in_mkdocs_own_build_raises_the_chinese_message(built, monkeypatch):
    """`mkdocs.commands.build.build()` in this process: the plugin's on_build_error raises the message."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = built.root / "site"
    before = tree(site_dir)
    feeds_fill_the_disk(monkeypatch)
    with pytest.raises(PluginError, match="磁盘空间不足，网站没有生成") as raised:
        build(load_config(str(built.root / "mkdocs.yml")))
    assert "site/ 所在的磁盘现在可用" in str(raised.value) and "feed" in str(raised.value)
    assert tree(site_dir) == before and left_beside(site_dir) == []
    monkeypatch.undo()
    build(load_config(str(built.root / "mkdocs.yml")))  # the lock went with the failed build
    assert "更正后的正文" in (site_dir / "news" / "2014" / "03" / "n2" / "index.html").read_text("utf-8")


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs of 16 MiB (where this process may mount one)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def fill(disk: Path) -> None:
    """Write until the disk is full."""
    with open(disk / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * (1 << 16))
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


@pytest.mark.parametrize("command", [HEALTHPRESS, MKDOCS], ids=["healthpress", "mkdocs"])
def test_a_build_on_a_disk_that_is_really_full(built, small_disk, command):
    """The published site and the kept output on a tmpfs, filled to the last byte before the build."""
    site_dir = small_disk / "site"
    built.config["site_dir"] = str(site_dir)
    built.write_project()
    for _ in range(2):
        assert run(built).returncode == 0
    assert (small_disk / ".site.recycle").is_dir()
    built.write("news/n1.md", article("新闻1（再次更正）", "2014-02-11", "\n\n".join(["再次更正的正文，" * 200] * 20)))  # more than the kept output's record frees
    before = tree(site_dir)
    fill(small_disk)
    assert shutil.disk_usage(small_disk).free < 64 * 1024
    result = run(built, command)
    assert_said_and_cleaned(site_dir, before, result)
    assert "site/ 所在的磁盘现在可用" in result.stderr and "写入 disk/.site.building/" in result.stderr
    assert shutil.disk_usage(small_disk).free > 1 << 20, "the staging folder and the kept output were removed"
    (small_disk / "filler").unlink()
    again = run(built)
    assert again.returncode == 0, again.stderr
    assert "再次更正的正文" in (site_dir / "news" / "2014" / "02" / "n1" / "index.html").read_text("utf-8")


def test_a_full_disk_in_the_first_build_says_there_is_no_site_yet(site, monkeypatch):
    """No site/ yet: nothing "stays as it was"; the space asked for counts what the build wrote, the
    cache's part included, and says that the cache keeps it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    for n in range(4):
        site.write(f"news/n{n}.md", article(f"新闻{n}", f"2014-0{n + 1}-1{n}", f"第{n}篇新闻的正文。" * 50))
    site.write_project()
    feeds_fill_the_disk(monkeypatch)
    with pytest.raises(PluginError, match="磁盘空间不足，网站没有生成") as raised:
        build(load_config(str(site.root / "mkdocs.yml")))
    message = str(raised.value)
    assert "保持不变" not in message and "还没有发布过网站" in message, message
    assert "保留的上次输出" not in message, message
    assert "写进了缓存" in message and "至少" in message, message
    site_dir = site.root / "site"
    assert not site_dir.exists() and left_beside(site_dir) == []
    monkeypatch.undo()
    build(load_config(str(site.root / "mkdocs.yml")))
    assert (site_dir / "news" / "2014" / "03" / "n2" / "index.html").is_file()
