"""Pages on two cores and from the page cache: always exactly the site a clean one-process build writes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SiteFolder, article

ARTICLES = 90
"""Enough for two worker processes (workers.MIN_ITEMS_PER_WORKER pages each)."""


def tree(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}


def png(width: int, height: int) -> bytes:
    """A valid PNG header with the given size (imagesize reads only the header)."""
    import struct
    import zlib
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))


@pytest.fixture
def busy_site(site: SiteFolder) -> SiteFolder:
    site.config["theme"]["custom_dir"] = "theme"
    site.config["plugins"][0]["healthpress"]["progress"] = "always"
    (site.root / "theme").mkdir()
    (site.root / "theme" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}<meta name="template" content="第一版">{% endblock %}\n', encoding="utf-8")
    for n in range(ARTICLES):
        column = "news" if n % 3 else "health-weekly"
        extra = {"issue": n // 3 + 1} if column == "health-weekly" else {}
        body = f"第 {n} 篇的正文。\n\n## 小标题\n\n[上一篇](a{n - 1:03d}.md)" if n and column == "news" and (n - 1) % 3 else f"第 {n} 篇的正文。"
        site.write(f"{column}/a{n:03d}.md", article(f"文章{n:03d}", f"2014-{n % 12 + 1:02d}-{n % 27 + 1:02d}", body,
                                                    tags=["防疫", f"标签{n % 5}"], **extra))
    (site.root / "content" / "news" / "pic.png").write_bytes(png(640, 480))
    site.write("news/a001.md", article("文章001", "2014-02-02", "有图的文章。\n\n![义诊现场](pic.png)"))
    return site


def build(folder: SiteFolder, capfd, **options) -> tuple[dict[str, bytes], str]:
    folder.config["plugins"][0]["healthpress"].update(options)
    capfd.readouterr()
    built = folder.build()
    return tree(built.site_dir), capfd.readouterr().err


def reference(folder: SiteFolder, tmp_path: Path, capfd) -> dict[str, bytes]:
    """The same project built cleanly in another folder: one process, no cache."""
    copy = tmp_path / "reference"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder.root, copy, ignore=shutil.ignore_patterns(".cache", "site", ".site.*"))
    other = SiteFolder(copy, config={**folder.config, "plugins": [{"healthpress": {
        **folder.config["plugins"][0]["healthpress"], "cache": False, "workers": 1}}]})
    return build(other, capfd)[0]


def reused(log: str) -> int:
    return int(re.search(r"（([\d,]+) 页沿用缓存）", log).group(1).replace(",", ""))


def build_in_a_new_process(folder: SiteFolder, **options) -> tuple[dict[str, bytes], str]:
    """`healthpress build` in a process of its own: no thread of the test runner stops it from forking."""
    folder.config["plugins"][0]["healthpress"].update(options)
    folder.write_project()
    done = subprocess.run([sys.executable, "-m", "healthpress.cli", "build"], cwd=folder.root, capture_output=True,
                          text=True, env={**os.environ, "CI": "true"})
    assert done.returncode == 0, done.stderr
    return tree(folder.root / "site"), done.stderr


def test_two_processes_write_byte_for_byte_what_one_writes(busy_site):
    one, log_one = build_in_a_new_process(busy_site, workers=1, cache=False)
    two, log_two = build_in_a_new_process(busy_site, workers=2, cache=False)
    assert "文章 90 页：生成 90，沿用缓存 0（1 个进程）" in log_one
    assert "文章 90 页：生成 90，沿用缓存 0（2 个进程）" in log_two
    assert len(one) > ARTICLES and two == one


def test_a_rebuild_with_nothing_changed_reuses_every_page(busy_site, capfd):
    first, log = build(busy_site, capfd)
    assert reused(log) == 0
    second, log = build(busy_site, capfd)
    pages = int(re.search(r"网站生成完毕，([\d,]+) 页", log).group(1).replace(",", ""))
    assert reused(log) == pages  # the site has no page of its own (index.md): healthpress made every page
    assert second == first


def _change_template(site: SiteFolder) -> str:
    (site.root / "theme" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}<meta name="template" content="第二版">{% endblock %}\n', encoding="utf-8")
    return 'content="第二版"'


def _change_column(site: SiteFolder) -> str:
    site.column("news", "要闻动态", order=1, page_size=3)
    return "要闻动态"


def _change_config(site: SiteFolder) -> str:
    site.config["extra"]["bureau"]["phone"] = "0763-7654321"
    return "0763-7654321"


def _change_article(site: SiteFolder) -> str:
    site.write("news/a002.md", article("文章002（更正）", "2014-03-03", "改过的正文。", tags=["防疫"]))
    return "文章002（更正）"


def _change_image(site: SiteFolder) -> str:
    (site.root / "content" / "news" / "pic.png").write_bytes(png(800, 600))
    return 'width="800"'


@pytest.mark.parametrize("change", [_change_template, _change_column, _change_config, _change_article, _change_image],
                         ids=["template", "column-file", "config", "article", "image"])
def test_a_rebuild_after_a_change_is_the_clean_build_of_the_changed_project(busy_site, capfd, tmp_path, change):
    before, _ = build(busy_site, capfd)
    marker = change(busy_site)
    after, log = build(busy_site, capfd)
    assert after == reference(busy_site, tmp_path, capfd)
    changed = [name for name, data in after.items() if before.get(name) != data]
    assert changed and all(marker.encode() in after[name] for name in changed if name.endswith(".html")
                           and change is not _change_article and change is not _change_image)
    if change is _change_article:
        assert marker.encode() in after["news/2014/03/a002/index.html"]
        assert reused(log) > ARTICLES - 10  # the article, its neighbours and the listings showing it were redone
    elif change is _change_image:
        assert marker.encode() in after["news/2014/02/a001/index.html"]
    else:
        assert reused(log) == 0


def test_a_setting_read_from_the_environment_is_part_of_the_key(busy_site, capfd, monkeypatch):
    """mkdocs.yml's bytes do not change when an !ENV value does; the pages must."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config_file = busy_site.write_project()
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(re.sub(r"^site_name: .*$", "site_name: !ENV [HP_TEST_SITE_NAME, 测试卫生局]", text, flags=re.M),
                           encoding="utf-8")
    monkeypatch.setenv("HP_TEST_SITE_NAME", "甲市卫生健康局")
    mkdocs_build(load_config(str(config_file)))
    assert "甲市卫生健康局" in (busy_site.root / "site" / "news" / "index.html").read_text(encoding="utf-8")
    monkeypatch.setenv("HP_TEST_SITE_NAME", "乙市卫生健康局")
    capfd.readouterr()
    mkdocs_build(load_config(str(config_file)))
    assert reused(capfd.readouterr().err) == 0
    page = (busy_site.root / "site" / "news" / "2014" / "03" / "a002" / "index.html").read_text(encoding="utf-8")
    assert "乙市卫生健康局" in page and "甲市卫生健康局" not in page


@pytest.mark.parametrize("first,second", [
    (("--timings", "a.json"), ("--timings", "b.json")),
    (("--wait", "5"), ("--wait", "0")),
], ids=["timings-file", "wait"])
def test_a_command_line_option_that_changes_no_page_reuses_every_page(busy_site, run_cli, first, second):
    """The timings file, how long to wait for another build: the same site, so no page is rendered again."""
    done = run_cli(busy_site, "build", *first)
    assert done.returncode == 0, done.stderr
    done = run_cli(busy_site, "build", *second)
    assert done.returncode == 0, done.stderr
    pages = int(re.search(r"网站生成完毕，([\d,]+) 页", done.stderr).group(1).replace(",", ""))
    assert reused(done.stderr) == pages, done.stderr[-800:]


@pytest.mark.parametrize("option,values", [("workers", (1, 2)), ("progress", ("always", "never")),
                                           ("lock_timeout", (1800, 60)), ("timings", ("a.json", "b.json"))])
def test_a_setting_that_changes_no_page_is_not_part_of_the_key(busy_site, capfd, option, values):
    """Settings of how a build runs (processes, progress, waiting, the timings file) in mkdocs.yml: a change
    of them alone reuses every page, and the site is byte for byte what it was."""
    first, log = build(busy_site, capfd, **{option: values[0]})
    second, log = build(busy_site, capfd, **{option: values[1]})
    pages = int(re.search(r"网站生成完毕，([\d,]+) 页", log).group(1).replace(",", ""))
    assert reused(log) == pages, f"{option}: {values[0]} → {values[1]} rendered pages again"
    assert second == first
