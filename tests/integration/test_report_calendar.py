"""`healthpress check` knows the reports' calendar: 1 December to 31 January, what the data file still lacks."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from healthpress.checks.reportcalendar import season_year
from helpers import article

DEC_2026 = "1796868000"  # 2026-12-10 10:00 in Beijing
JAN_2027 = "1800000000"  # 2027-01-15
JUN_2026 = "1780000000"  # 2026-05-29
DATA = "- year: 2026\n  website:\n    page_views: 5600\n"


@pytest.mark.parametrize("day, year", [(dt.date(2026, 12, 1), 2026), (dt.date(2026, 12, 31), 2026),
                                       (dt.date(2027, 1, 1), 2026), (dt.date(2027, 1, 31), 2026),
                                       (dt.date(2027, 2, 1), None), (dt.date(2026, 11, 30), None)])
def test_the_season_runs_from_december_to_january(day, year):
    assert season_year(day) == year


def checked(run_cli, site, epoch: str) -> list[dict]:
    done = run_cli(site, "check", "--format", "json", env={"SOURCE_DATE_EPOCH": epoch})
    assert "Traceback" not in done.stderr, done.stderr
    return [f for f in json.loads(done.stdout) if f["code"] == "annual-report-missing"]


@pytest.fixture
def reporting_site(site):
    site.write("news/a.md", article("一篇新闻", "2026-03-01"))
    (site.root / "data").mkdir()
    (site.root / "data" / "annual-report.yml").write_text(DATA, encoding="utf-8")
    return site


@pytest.mark.parametrize("epoch", [DEC_2026, JAN_2027])
def test_in_the_season_check_names_the_file_the_year_and_each_missing_field(reporting_site, run_cli, epoch):
    found = checked(run_cli, reporting_site, epoch)
    assert [(f["path"], f["line"], f["field"], f["level"]) for f in found] == [
        ("data/annual-report.yml", 1, "website", "warning"), ("data/annual-report.yml", 1, "disclosure", "warning")]
    website, disclosure = found[0]["message"], found[1]["message"]
    assert "2026 年的政府网站工作年度报表" in website and "2027 年 1 月 31 日前" in website
    assert "独立用户访问总量（website.unique_visitors）" in website and "page_views" not in website
    assert "一、总体情况（disclosure.overview）" in disclosure


def test_out_of_the_season_nothing_is_said(reporting_site, run_cli):
    assert checked(run_cli, reporting_site, JUN_2026) == []


def test_a_year_with_no_entry_and_no_article_is_not_asked_for(site, run_cli):
    site.write("news/a.md", article("一篇新闻", "2025-03-01"))
    (site.root / "data").mkdir()
    (site.root / "data" / "annual-report.yml").write_text("- year: 2025\n", encoding="utf-8")
    assert checked(run_cli, site, DEC_2026) == []
    site.write("news/b.md", article("又一篇新闻", "2026-03-01"))
    found = checked(run_cli, site, DEC_2026)
    assert [f["line"] for f in found] == [None, None] and "还没有 2026 年的一项" in found[0]["message"]


def test_the_build_is_not_stopped_by_the_season(reporting_site, run_cli):
    done = run_cli(reporting_site, "build", "--strict", env={"SOURCE_DATE_EPOCH": DEC_2026})
    assert done.returncode == 0, done.stderr


def test_the_example_is_clean_in_the_season(example_copy):
    for epoch in (DEC_2026, JAN_2027):
        done = subprocess.run([sys.executable, "-m", "healthpress.cli", "check", "--format", "json"], cwd=example_copy,
                              capture_output=True, text=True, timeout=300,
                              env={**os.environ, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": epoch})
        assert json.loads(done.stdout) == [], done.stdout
