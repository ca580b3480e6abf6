"""`healthpress check` runs the build itself (its rules, its pages) without writing a site, so it finds
everything `healthpress build` finds; and a build, too, reports every finding of every phase in one run."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from helpers import article
from healthpress.model.findings import Finding, Level

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
PROBLEMS = {("content/news/a.md", 6, "missing-image"), ("content/news/a.md", 8, "missing-alt"),
            ("content/news/a.md", 10, "broken-link"), ("content/news/b.md", 3, "invalid-value_error")}
"""What the problems `write_problems` writes are found as: (path, line, code)."""


def write_good(site) -> None:
    site.write("health-weekly/w.md", article("周刊", "2013-05-08", issue=1))
    site.write("news/d.md", article("丁", "2013-05-07", body="![院区全景](images/there.png)\n"))
    (site.root / "content" / "news" / "images").mkdir(parents=True, exist_ok=True)
    (site.root / "content" / "news" / "images" / "there.png").write_bytes(PNG)


def write_problems(site) -> None:
    """A missing image, an image without alt text, a link to a missing article (all found only by
    rendering the page), a date the read phase refuses, and a link to that refused article (no finding:
    the article's own error is enough)."""
    site.write("news/a.md", article("甲", "2013-05-08", body=(
        "![图](images/nowhere.png)\n\n![](images/there.png)\n\n[见](gone.md)\n")))
    site.write("news/b.md", article("乙", "2013年5月8日"))
    site.write("news/c.md", article("丙", "2013-05-09", body="[见乙](b.md)\n"))


def found(checked) -> list[dict]:
    assert "Traceback" not in checked.stderr, checked.stderr
    return json.loads(checked.stdout)


def where(findings: list[dict]) -> set[tuple[str, int | None, str]]:
    return {(f["path"], f["line"], f["code"]) for f in findings}


def site_folders(root: Path) -> dict[str, tuple]:
    """site/ and what a build keeps beside it (staging, kept output, locks), every file and folder with
    its identity and times."""
    seen = {}
    for folder, dirs, files in os.walk(root):
        if Path(folder) == root:
            dirs[:] = [d for d in dirs if d == "site" or d.startswith(".site")]
            files = [f for f in files if f.startswith(".site")]
        for name in dirs + files:
            stat = os.lstat(Path(folder, name))
            seen[Path(folder, name).relative_to(root).as_posix()] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return seen


def test_check_finds_what_the_build_finds_and_leaves_the_site_as_it_was(site, run_cli, build_errors):
    write_good(site)
    site.build()
    published = site_folders(site.root)
    assert "site/index.html" in published
    write_problems(site)
    checked = run_cli(site, "check", "--format", "json")
    assert checked.returncode == 1, checked.stderr
    findings = found(checked)
    assert where(findings) == PROBLEMS
    assert site_folders(site.root) == published, "site/ and what is beside it untouched"
    assert not (site.root / ".cache" / "healthpress" / "check" / "output").exists(), "the check's pages are gone"

    with pytest.raises(Abort):  # one build, every finding
        site.build()
    logged = build_errors()
    stop = [line for line in logged if line.startswith("发现 ")]
    assert stop == ["发现 4 个错误（见上），网站没有生成；原来的网站保持不变。改正后重新生成。"]
    rendered = [Finding(f["path"], f["line"], f["field"], f["code"], f["message"], f["fix"], Level(f["level"])).render()
                for f in findings]
    assert sorted(line for line in logged if line not in stop) == sorted(rendered), "each once, as check says it"
    assert (site.root / "site" / "index.html").is_file() and not (site.root / "site" / "news" / "a").exists()


def test_the_command_line_build_says_the_same_in_one_run(site, run_cli):
    write_good(site)
    write_problems(site)
    checked = found(run_cli(site, "check", "--format", "json"))
    assert where(checked) == PROBLEMS
    built = run_cli(site, "build")
    assert built.returncode == 1
    for finding in checked:
        line = Finding(finding["path"], finding["line"], finding["field"], finding["code"], finding["message"],
                       finding["fix"]).render()
        assert built.stderr.count(line) == 1, (line, built.stderr)
    assert not (site.root / "site").exists()


def test_a_clean_site_passes_and_no_site_is_written(site, run_cli):
    write_good(site)
    checked = run_cli(site, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == "检查完毕：没有发现问题。\n"
    assert checked.stderr == ""
    assert site_folders(site.root) == {}
    assert (site.root / ".cache" / "healthpress" / "check" / "pages.json").is_file(), "the check's own page cache"
    assert not (site.root / ".cache" / "healthpress" / "build").exists()


def test_a_second_check_takes_its_pages_from_the_cache_and_says_the_same(site, run_cli):
    site.config["plugins"] = [{"healthpress": {"search_index": False, "progress": "always"}}]
    write_good(site)
    write_problems(site)
    first = run_cli(site, "check")
    second = run_cli(site, "check")
    assert "文章 4 页：生成 4，沿用缓存 0" in first.stderr, first.stderr
    assert "文章 4 页：生成 0，沿用缓存 4" in second.stderr, second.stderr
    assert second.returncode == first.returncode == 1
    assert second.stdout == first.stdout
    assert "没有说明文字（alt）" in second.stdout and "“images/nowhere.png”不存在" in second.stdout, second.stdout


def test_files_refused_for_their_own_errors_are_not_rendered_and_links_to_them_are_not_broken(site, run_cli,
                                                                                             build_errors):
    """A partial model (a column file, an article unreadable, another in no column, another with a bad issue
    number, a missing cover, a page over a column's address, a GBK file): the build still renders what it
    can and checks its links, a link to a refused file is not a second finding, and nothing crashes."""
    write_good(site)
    (site.root / "columns" / "broken.yml").write_text("title: [坏\n", encoding="utf-8")
    site.write("broken/x.md", article("坏栏目", "2013-05-08"))
    site.write("health-weekly/w2.md", article("周刊2", "2013-05-09", issue="二"))
    site.write("news/a.md", article("甲", "2013-05-08", cover="images/none.jpg", tags=["健康"]))
    site.write("news/index.md", "# 占位\n")
    (site.root / "content" / "news" / "g.md").write_bytes("---\ntitle: 国标\ndate: 2013-05-08\n---\n正文\n".encode("gbk"))
    site.write("news/link.md", article("链接", "2013-05-10", body=(
        "[a](a.md) [g](g.md) [x](../broken/x.md) [w](../health-weekly/w2.md) [i](index.md)\n\n"
        "![图](images/gone.png)\n")))
    checked = run_cli(site, "check", "--format", "json")
    assert checked.returncode == 1
    findings = found(checked)
    from_link = {(f["code"], f["line"]) for f in findings if f["path"] == "content/news/link.md"}
    assert from_link == {("missing-image", 8)}, "only its own missing image: the refused files are reported once"
    assert {f["path"] for f in findings} >= {"columns/broken.yml", "content/health-weekly/w2.md",
                                             "content/news/a.md", "content/news/index.md", "content/news/g.md"}
    assert "content/broken/x.md" not in {f["path"] for f in findings}, "its column's file is the one to fix"
    with pytest.raises(Abort):
        site.build()
    rendered = [Finding(f["path"], f["line"], f["field"], f["code"], f["message"], f["fix"], Level(f["level"])).render()
                for f in findings if f["level"] == "error"]
    assert sorted(line for line in build_errors() if not line.startswith("发现 ")) == sorted(rendered)
