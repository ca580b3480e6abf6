"""Every problem in one run: a broken column or data file is one finding, not a flood of false ones on
the articles that depend on it (and `check` and `build` agree on it)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from helpers import article

DATA_FILES = ("units.yml", "leaders.yml", "terms.yml", "health-days.yml", "leadership-group.yml", "topics.yml",
              "annual-report.yml", "mourning.yml")


def codes(checked: list[dict]) -> Counter:
    return Counter((f["path"], f["code"]) for f in checked)


def same_as_build(checked: list[dict], built: list) -> None:
    assert Counter((f["path"], f["line"], f["code"]) for f in checked) == \
        Counter((f.path, f.line, f.code) for f in built)


def test_a_broken_column_file_is_one_finding_and_its_folder_stays_a_column(example_copy, check_and_build):
    (example_copy / "columns" / "press.yml").write_text("title: 新闻发布\ndescription: [x\n", encoding="utf-8")
    checked, built = check_and_build(example_copy)
    assert [f["path"] for f in checked if f["level"] == "error"] == ["columns/press.yml"], checked
    assert not [f for f in checked if f["code"] == "unknown-column"]
    same_as_build(checked, built)


@pytest.mark.parametrize("name", DATA_FILES)
def test_a_data_file_with_a_yaml_error_is_one_finding(example_copy, check_and_build, name):
    path = example_copy / "data" / name
    path.write_text(path.read_text(encoding="utf-8") + "\n: [x\n", encoding="utf-8")
    checked, built = check_and_build(example_copy)
    assert [(f["path"], f["level"]) for f in checked] == [(f"data/{name}", "error")], checked
    same_as_build(checked, built)


BAD_ALL = """---
标题: x
日期: 2013年5月8日
作者: y
栏目: nosuch-column
别名: youzhi-fuwu-nian-qidong
标签: 健康，防疫
---

![图片一](images/missing1.png)

[x](no-such-article.md)

<script>alert(1)</script>

<p onclick="alert(2)">t</p>

[坏链接](javascript:alert(3))

![](images/missing2.png)
"""


def test_an_article_with_front_matter_errors_still_has_its_other_problems_found(example_copy, check_and_build):
    (example_copy / "content" / "press" / "bad-all.md").write_text(BAD_ALL, encoding="utf-8")
    checked, built = check_and_build(example_copy)
    assert sorted((f["line"], f["code"]) for f in checked) == [
        (3, "invalid-value_error"), (5, "unknown-column"), (7, "invalid-list_type"), (10, "missing-image"),
        (12, "broken-link"), (14, "removed-script"), (16, "removed-script"), (18, "removed-url"),
        (20, "missing-alt"), (20, "missing-image")], checked
    assert {f["path"] for f in checked} == {"content/press/bad-all.md"}
    same_as_build(checked, built)


def test_a_refused_article_whose_address_is_taken_is_told_so(example_copy, check_and_build):
    """Its date and column valid, its tags not: the slug another article has is found in the same run."""
    text = BAD_ALL.replace("2013年5月8日", "2013-05-21").replace("nosuch-column", "service-year")
    (example_copy / "content" / "press" / "bad-all.md").write_text(text, encoding="utf-8")
    checked, built = check_and_build(example_copy)
    assert {(f["line"], f["code"]) for f in checked if f["line"] is None or f["line"] < 9} == {
        (6, "duplicate-url"), (7, "invalid-list_type")}, checked
    same_as_build(checked, built)


def test_every_rule_of_a_refused_article_with_valid_fields_applies(site, check_and_build):
    site.write("news/two.md", "---\ntitle: 两处错\ndate: 2013年5月8日\nsensitive: true\nurgent: true\n---\n")
    site.write_project()
    checked, built = check_and_build(site.root)
    assert sorted((f["line"], f["code"]) for f in checked) == [
        (3, "invalid-value_error"), (4, "unapproved"), (5, "urgent-without-expiry"), (7, "empty-body")], checked
    same_as_build(checked, built)


def test_a_refused_letter_still_has_its_expiry_and_privacy_checked(site, check_and_build):
    site.column("letters", "局长信箱", kind="letters")
    site.write("letters/q.md", "---\ntitle: 来信\ndate: 2013-06-05\nexpires: 2013-06-01\ntags: 健康，防疫\n"
                               "writer: 王女士 13812345678\nreceived: 2013-06-05\n---\n\n问题。\n")
    site.write_project()
    checked, built = check_and_build(site.root)
    assert sorted((f["line"], f["code"]) for f in checked) == [
        (4, "expires-before-date"), (5, "invalid-list_type"), (6, "letter-mobile")], checked
    same_as_build(checked, built)


def test_a_folder_that_is_no_column_is_one_finding_not_one_per_article(site, run_cli):
    for number in range(5):
        site.write(f"newcol/a{number}.md", article(f"第 {number} 篇", "2013-05-01"))
    findings = json.loads(run_cli(site, "check", "--format", "json").stdout)
    [found] = [f for f in findings if f["code"] == "unknown-column"]
    assert found["path"] == "content/newcol/a0.md" and "5 篇" in found["message"] and "newcol.yml" in found["fix"]


def test_a_refused_article_still_has_its_unit_issue_and_disclosure_checked(site, check_and_build):
    """Refused for its status alone: the supplying unit, the weekly's numbers and an official document's
    disclosure fields are checked as on a published article, so that check finds everything build would."""
    site.column("notices", "通知公告", kind="notices", order=3)
    (site.root / "data").mkdir()
    (site.root / "data" / "units.yml").write_text("- name: 市人民医院\n  type: 医疗机构\n", encoding="utf-8")
    site.write("health-weekly/b.md", article("乙", "2025-01-08", issue=1, unit="市人民医院"))
    site.write("health-weekly/c.md", article("丙", "2025-01-22", issue=3, status="发布", unit="市人民医院"))
    site.write("news/a.md", article("甲", "2025-01-08", status="发布", unit="市人民医"))
    site.write("notices/n.md", article("通知", "2025-01-08", status="发布", doc_no="卫发〔2025〕1号", validity="废止",
                                       unit="市人民医院"))
    site.write_project()
    checked, built = check_and_build(site.root)
    assert sorted((f["path"], f["line"], f["code"]) for f in checked if "literal" not in f["code"]) == [
        ("content/health-weekly/c.md", 4, "issue-gap"), ("content/news/a.md", 5, "unknown-unit"),
        ("content/notices/n.md", 6, "repealed-without-replacement")], checked
    same_as_build(checked, built)
