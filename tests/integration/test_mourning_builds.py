"""National mourning days on real builds: the pages a build during one links to its stylesheets, the page
cache across a change of day (never a stale page, and an hourly rebuild with no change stays cheap), and
the findings of data/mourning.yml, the same from `check` as from a build."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
from pathlib import Path

import pytest

from helpers import SiteFolder, article, english_words

DAY = "2020-04-04"
MOURNING_YML = f"# 全国哀悼日\n- name: 清明哀悼\n  date: {DAY}\n"
GREY = "assets/healthpress/mourning-gray.css"
FESTIVE = "assets/healthpress/mourning.css"
ARTICLE = "/news/2019/03/qingming/"
FESTIVE_PARAGRAPH = "倡议全文如下。\n\n祝大家节日快乐！\n{: .hp-festive }\n"
"""A paragraph an editor marks festive (attr_list): kept as written, hidden by mourning.css on a mourning day."""


def epoch(moment: str) -> str:
    """SOURCE_DATE_EPOCH of a moment in Beijing time, `2020-04-04 10:00`."""
    return str(int(dt.datetime.fromisoformat(moment).replace(tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp()))


@pytest.fixture
def mourning_site(site: SiteFolder) -> SiteFolder:
    (site.root / "data").mkdir()
    (site.root / "data" / "mourning.yml").write_text(MOURNING_YML, encoding="utf-8")
    site.config["markdown_extensions"] = ["attr_list"]
    site.write("news/qingming.md", article("清明节文明祭扫倡议", "2019-03-28 09:00", FESTIVE_PARAGRAPH))
    site.write("news/yizhen.md", article("社区义诊活动", "2019-05-08"))
    site.write("health-weekly/di-yi-qi.md", article("健康周刊第一期", "2019-01-04", issue=1))
    return site


def build_at(folder: SiteFolder, moment: str, monkeypatch, capfd) -> str:
    """Build as the scheduled rebuild at `moment` (Beijing time) does; returns what the build printed."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(moment))
    capfd.readouterr()
    folder.build()
    return capfd.readouterr().err


def sheets(folder: SiteFolder, url: str) -> set[str]:
    """The mourning stylesheets a built page links to, as site-relative paths."""
    page = folder.root / "site" / url.strip("/") / "index.html"
    links = re.findall(r'<link rel="stylesheet" href="([^"]*mourning[^"]*)"', page.read_text(encoding="utf-8"))
    return {re.sub(r"^(\.\./)*", "", link) for link in links}


def reused(log: str) -> int:
    return int(re.search(r"（([\d,]+) 页沿用缓存）", log).group(1).replace(",", ""))


def tree(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}


def logged(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records)


def test_on_the_day_the_home_page_is_grey_and_every_page_hides_the_festive_banners(mourning_site, monkeypatch, capfd,
                                                                                   caplog):
    caplog.set_level(logging.INFO)
    build_at(mourning_site, f"{DAY} 12:00", monkeypatch, capfd)
    assert "哀悼期间（data/mourning.yml）：清明哀悼；首页显示为灰色，标着 hp-festive 的节日横幅不显示" in logged(caplog)
    assert sheets(mourning_site, "/") == {GREY, FESTIVE}
    assert sheets(mourning_site, ARTICLE) == {FESTIVE}
    assert sheets(mourning_site, "/news/") == {FESTIVE}
    site_dir = mourning_site.root / "site"
    assert "grayscale(100%)" in (site_dir / GREY).read_text(encoding="utf-8")
    assert ".hp-festive" in (site_dir / FESTIVE).read_text(encoding="utf-8")
    assert '<p class="hp-festive">祝大家节日快乐！</p>' in (site_dir / ARTICLE.strip("/") / "index.html").read_text(encoding="utf-8")

    caplog.clear()
    build_at(mourning_site, "2020-04-05 00:00", monkeypatch, capfd)
    assert sheets(mourning_site, "/") == sheets(mourning_site, ARTICLE) == set()
    assert "哀悼" not in logged(caplog)
    build_at(mourning_site, "2020-04-03 23:59", monkeypatch, capfd)
    assert sheets(mourning_site, "/") == set()


def test_mourning_scope_all_makes_every_page_grey(mourning_site, monkeypatch, capfd):
    mourning_site.config["plugins"][0]["healthpress"]["mourning_scope"] = "all"
    build_at(mourning_site, f"{DAY} 08:00", monkeypatch, capfd)
    for url in ("/", ARTICLE, "/news/", "/archive/"):
        assert sheets(mourning_site, url) == {GREY, FESTIVE}, url


def test_a_site_without_the_data_file_is_never_in_mourning(site, monkeypatch, capfd):
    site.write("news/yizhen.md", article("社区义诊活动", "2019-05-08"))
    build_at(site, f"{DAY} 12:00", monkeypatch, capfd)
    assert sheets(site, "/") == set()


def test_the_cache_never_serves_a_page_of_the_other_state_and_an_hourly_rebuild_stays_cheap(
        mourning_site, monkeypatch, capfd, tmp_path):
    """Each hour's rebuild from the last one's cache: the day's change re-renders, the hours between reuse
    every page, and the output is at every step byte for byte a clean build's of the same moment."""
    def clean_build(moment: str) -> dict[str, bytes]:
        copy = tmp_path / "clean"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(mourning_site.root, copy, ignore=shutil.ignore_patterns(".cache", "site", ".site.*"))
        other = SiteFolder(copy, config={**mourning_site.config, "plugins": [{"healthpress": {
            **mourning_site.config["plugins"][0]["healthpress"], "cache": False}}]})
        build_at(other, moment, monkeypatch, capfd)
        return tree(copy / "site")

    hours = [("2020-04-03 22:07", None), ("2020-04-03 23:07", "all"), ("2020-04-04 00:07", "none"),
             ("2020-04-04 01:07", "all"), ("2020-04-05 00:07", "none"), ("2020-04-05 01:07", "all")]
    for moment, expected in hours:
        log = build_at(mourning_site, moment, monkeypatch, capfd)
        pages = int(re.search(r"([\d,]+) 页（", log).group(1).replace(",", ""))
        if expected == "all":
            assert reused(log) == pages, f"{moment}: the state did not change, yet pages were rendered again"
        elif expected == "none":
            assert reused(log) == 0, f"{moment}: the state changed, yet a page was reused"
        assert tree(mourning_site.root / "site") == clean_build(moment), moment
        assert (GREY in sheets(mourning_site, "/")) == moment.startswith(DAY), moment


BAD_YML = """\
- name: 全国哀悼日
  date: 2020-4-4
- name: 默哀三分钟
  start: 2020-04-04 10:00
  end: 2020-04-04 09:57
- name: 字段写错
  dat: 2020-04-04
"""


def test_a_bad_data_file_fails_the_build_with_each_finding_on_its_fields_line(mourning_site, build_errors):
    from mkdocs.exceptions import Abort

    (mourning_site.root / "data" / "mourning.yml").write_text(BAD_YML, encoding="utf-8")
    with pytest.raises(Abort):
        mourning_site.build()
    found = [line for line in build_errors() if "mourning.yml" in line]
    assert [re.match(r"data/mourning\.yml:(\d+): (\w+):", line).groups() for line in found] == [
        ("2", "date"), ("5", "end"), ("7", "dat")], found
    assert "无法识别的日期“2020-4-4”" in found[0]
    assert "结束时间 2020年4月4日 09:57 不在开始时间 2020年4月4日 10:00 之后" in found[1]
    assert "不认识这个字段" in found[2] and "可用的字段：name、date、start、end" in found[2]
    assert english_words("\n".join(found), ("name", "start", "end", "dat")) == [], found


def test_check_finds_what_the_build_finds(mourning_site, check_and_build):
    (mourning_site.root / "data" / "mourning.yml").write_text(BAD_YML, encoding="utf-8")
    mourning_site.write_project()
    checked, built = check_and_build(mourning_site.root)
    from_check = [(f["path"], f["line"], f["field"], f["message"]) for f in checked if f["path"] == "data/mourning.yml"]
    from_build = [(f.path, f.line, f.field, f.message) for f in built if f.path == "data/mourning.yml"]
    assert len(from_check) == 3 and from_check == from_build


def test_an_unknown_scope_is_a_chinese_finding_of_mkdocs_yml(mourning_site, run_cli):
    mourning_site.config["plugins"][0]["healthpress"]["mourning_scope"] = "everywhere"
    done = run_cli(mourning_site, "check")
    assert done.returncode != 0
    assert "mourning_scope: 只能写" in done.stdout + done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("key,value", [("mourning_scope", "首页"), ("灰色范围", "all")])
def test_a_setting_written_in_chinese_is_told_in_chinese(mourning_site, run_cli, key, value):
    """A value or name the editor wrote in Chinese does not make MkDocs' English words pass for healthpress' own."""
    mourning_site.config["plugins"][0]["healthpress"][key] = value
    done = run_cli(mourning_site, "check")
    said = [line for line in (done.stdout + done.stderr).splitlines() if key in line]
    assert said, done.stdout + done.stderr
    assert english_words("\n".join(said), (key, "healthpress", "plugins", "mkdocs", "yml", "home", "all")) == [], said


def test_a_period_more_than_a_year_ahead_is_a_warning_on_its_line_from_check_and_build(mourning_site, check_and_build):
    """2062 for 2026: a typo that would leave the site ungrey on the day meant. The day is pinned (2026-12-07)."""
    (mourning_site.root / "data" / "mourning.yml").write_text(
        "- name: 清明哀悼\n  date: 2020-04-04\n- name: 明年的哀悼日\n  date: 2027-12-01\n"
        "- name: 年份写错\n  start: 2062-12-01 10:00\n  end: 2062-12-01 12:00\n", encoding="utf-8")
    mourning_site.write_project()
    checked, built = check_and_build(mourning_site.root)
    from_check = [(f["path"], f["line"], f["field"], f["level"], f["message"], f["fix"]) for f in checked
                  if f["code"] == "mourning-far-future"]
    from_build = [(f.path, f.line, f.field, f.level.value, f.message, f.fix) for f in built
                  if f.code == "mourning-far-future"]
    assert from_check == from_build and len(from_check) == 1, (from_check, from_build)
    path, line, field, level, message, fix = from_check[0]
    assert (path, line, field, level) == ("data/mourning.yml", 6, "start", "warning")
    assert "第 3 个哀悼日（年份写错）从 2062年12月1日 10:00 开始" in message and "晚一年以上" in message
    assert "年份" in fix and english_words(message + fix, ("start",)) == []
