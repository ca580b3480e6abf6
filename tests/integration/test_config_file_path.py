"""`-f other.yml`: a config file named relative to the working folder, from the project's folder and from
its parent, before or after the command, with healthpress' commands and MkDocs' own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import SiteFolder, article

OTHER_NAME = "另一个卫生局"


@pytest.fixture
def project(tmp_path: Path) -> SiteFolder:
    """A project in `project/` whose settings are `other.yml` (its own site name) with a theme folder of its
    own (`custom_dir`), one article and a list of units; its mkdocs.yml names another site."""
    folder = SiteFolder(tmp_path / "project")
    (folder.root / "theme" / "assets").mkdir(parents=True)
    (folder.root / "theme" / "assets" / "site.css").write_text("body { margin: 0; }\n", encoding="utf-8")
    folder.config["theme"]["custom_dir"] = "theme"
    folder.column("news", "要闻")
    folder.write("news/2024-05-01-first.md", article("第一篇", "2024-05-01", unit="市卫生局宣传科", author="张三"))
    (folder.root / "data").mkdir()
    (folder.root / "data" / "units.yml").write_text(yaml.safe_dump(
        [{"name": "市卫生局宣传科", "type": "局机关科室", "liaisons": [{"name": "张三", "role": "联络员"}]}],
        allow_unicode=True), encoding="utf-8")
    other = {**folder.config, "site_name": OTHER_NAME}
    (folder.root / "other.yml").write_text(yaml.safe_dump(other, allow_unicode=True), encoding="utf-8")
    return folder


def where(project: SiteFolder, place: str) -> tuple[Path, str]:
    """(working folder, -f value): in the project's folder, or in its parent."""
    return (project.root, "other.yml") if place == "project" else (project.root.parent, "project/other.yml")


PLACES = ["project", "parent"]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("before", [True, False], ids=["f-before-command", "f-after-command"])
def test_healthpress_build_check_and_stats_read_the_named_config_file(project, run_cli, place, before):
    cwd, config = where(project, place)

    def run(command: str, *args: str):
        line = ("-f", config, command, *args) if before else (command, "-f", config, *args)
        return run_cli(project, *line, cwd=cwd)

    built = run("build", "--strict")
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    assert OTHER_NAME in (project.root / "site" / "index.html").read_text(encoding="utf-8")
    checked = run("check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "检查完毕：没有发现问题。" in checked.stdout
    stats = run("stats", "--period", "2024", "--csv")
    assert stats.returncode == 0, stats.stderr
    assert "市卫生局宣传科" in stats.stdout and "张三" in stats.stdout


@pytest.mark.parametrize("place", PLACES)
def test_mkdocs_builds_with_a_relative_config_file_and_shares_healthpress_cache(project, run_cli, place):
    """MkDocs keeps `-f`'s path relative (and the theme folder joined to it): the build must not fail on
    it, and it reuses every page healthpress built from the same settings named another way."""
    cwd, config = where(project, place)
    first = run_cli(project, "-f", str(project.root / "other.yml"), "build", cwd=project.root.parent)
    assert first.returncode == 0, first.stderr
    again = run_cli(project, "build", "-f", config, program=("-m", "mkdocs"), cwd=cwd)
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr
    assert OTHER_NAME in (project.root / "site" / "index.html").read_text(encoding="utf-8")
    pages = next(line for line in again.stderr.splitlines() if "网站生成完毕" in line)
    total = pages.split("网站生成完毕，")[1].split(" 页")[0]
    assert f"（{total} 页沿用缓存）" in pages, pages


@pytest.mark.parametrize("place", PLACES)
def test_new_writes_into_the_named_projects_content(project, run_cli, editor_env, place):
    cwd, config = where(project, place)
    made = run_cli(project, "new", "-f", config, "news", "新的稿件", env=editor_env, cwd=cwd)
    assert made.returncode == 0, made.stderr
    created = cwd / made.stdout.strip()
    assert created.parent == project.root / "content" / "news"
    assert "新的稿件" in created.read_text(encoding="utf-8")
