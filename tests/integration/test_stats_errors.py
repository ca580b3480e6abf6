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
