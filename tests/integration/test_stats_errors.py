"""`healthpress stats` rests on data/units.yml: its errors are reported as `check` reports them, and no
table is printed (exit status 1). Before, they were ignored and the command exited 0."""

from __future__ import annotations

from helpers import article

from healthpress.build.project import check_project, stats_report


def test_stats_reports_the_errors_of_the_units_and_fails(site):
    site.write("news/a.md", article("文章", "2013-05-08"))
    (site.root / "data").mkdir()
    (site.root / "data" / "units.yml").write_text("- name: 市人民医院\n  type: 医疗机构\n  liaisons: 5\n"
                                                  "- name: 市\u202e中医院\n  type: 医疗机构\n", encoding="utf-8")
    config = site.write_project()
    status, out, err = stats_report(config, "2013")
    assert status == 1 and out == ""
    expected = [f.render() for f in check_project(config) if "units.yml" in f.path and f.level.name == "ERROR"]
    assert expected and all(line in err for line in expected), (expected, err)


def test_stats_with_good_units_prints_the_table(site):
    site.write("news/a.md", article("文章", "2013-05-08", unit="市人民医院"))
    (site.root / "data").mkdir()
    (site.root / "data" / "units.yml").write_text("- name: 市人民医院\n  type: 医疗机构\n", encoding="utf-8")
    status, out, err = stats_report(site.write_project(), "2013")
    assert status == 0 and "市人民医院" in out and err == ""
    assert stats_report(site.write_project(), "2013-13")[0] == 2


MAY_2014 = "1399939200"
"""SOURCE_DATE_EPOCH of 2014-05-13: "today" for `healthpress stats` without a period."""


def test_stats_without_a_period_counts_this_year_or_the_latest_year_with_articles(site, run_cli):
    (site.root / "data").mkdir()
    (site.root / "data" / "units.yml").write_text("- name: 市人民医院\n  type: 医疗机构\n", encoding="utf-8")
    site.write("news/a.md", article("去年的", "2013-05-08", unit="市人民医院"))
    site.write("news/b.md", article("前年的", "2012-05-08", unit="市人民医院"))
    site.write("news/c.md", article("今年的草稿", "2014-03-08", unit="市人民医院", status="draft"))
    done = run_cli(site, "stats", env={"SOURCE_DATE_EPOCH": MAY_2014})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2013年各单位供稿统计（篇）\n")
    assert done.stdout.splitlines()[2].split()[-1] == "1"
    assert "统计的是有稿件的最近一年（2013年；2014年还没有发布的稿件）" in done.stderr and "--period" in done.stderr
    site.write("news/c.md", article("今年的", "2014-03-08", unit="市人民医院"))
    done = run_cli(site, "stats", "--csv", env={"SOURCE_DATE_EPOCH": MAY_2014})
    assert done.returncode == 0 and "统计的是今年（2014年）" in done.stderr
    assert done.stdout.splitlines()[1].split(",")[-1] == "1" and "3月" in done.stdout
