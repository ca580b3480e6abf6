"""Every problem in one run: a broken column or data file is one finding, not a flood of false ones on
the articles that depend on it (and `check` and `build` agree on it)."""

from __future__ import annotations

from collections import Counter

import pytest

DATA_FILES = ("units.yml", "leaders.yml", "terms.yml", "health-days.yml", "leadership-group.yml", "topics.yml")


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
