"""data/annual-report.yml: each bad figure is a Chinese finding naming the file, the line and the field."""

from __future__ import annotations

import pytest

from healthpress.bureau.annualreport import read_annual_report
from healthpress.model.datafile import parse_data

GOOD = """\
- year: 2025
  website:
    page_views: 560000
    innovation: [无障碍浏览]
    filled_on: 2026-01-20
  disclosure:
    fees: 1.5
    applications:
      new: [5, 1, 0, 0, 1, 0]
    reviews:
      review: [1, 0, 0, 0]
"""


def read(text: str):
    doc, findings = parse_data("data/annual-report.yml", text)
    assert doc is not None, findings
    return read_annual_report(doc)


def test_a_good_file_reads_every_part():
    data, findings = read(GOOD)
    assert findings == []
    entry = data.of(2025)
    assert entry.website.page_views == 560000 and entry.website.unique_visitors is None
    assert entry.disclosure.fees == 1.5
    assert entry.applications.new == (5, 1, 0, 0, 1, 0) and entry.applications.granted is None
    assert entry.reviews.review == (1, 0, 0, 0)
    assert data.of(2024) is None


@pytest.mark.parametrize("text, line, field, words", [
    ("- year: 2025\n  website:\n    page_views: -3\n", 3, "page_views", "不能小于 0"),
    ("- year: 2025\n  website:\n    page_views: 五十万\n", 3, "page_views", "应当是整数"),
    ("- year: 2025\n  website:\n    page_views: \"1200\"\n", 3, "page_views", "应当是整数"),
    ("- year: 2025\n  disclosure:\n    fees: 免费\n", 3, "fees", "应当是数字"),
    ("- year: 2025\n  websites:\n    page_views: 1\n", 2, "websites", "不认识这个字段"),
    ("- year: 2025\n  website:\n    visits: 1\n", 3, "visits", "不认识这个字段"),
    ("- year: 2025\n  disclosure:\n    applications:\n      newly: [0, 0, 0, 0, 0, 0]\n", 4, "newly", "不认识这个字段"),
    ("- year: 2025\n  disclosure:\n    applications:\n      new: [1, 2]\n", 4, "new", "应当写 6 个数"),
    ("- year: 2025\n  disclosure:\n    applications:\n      new:\n        - 1\n        - -2\n", 6, "new", "不能小于 0"),
    ("- year: 2025\n  disclosure:\n    reviews:\n      review: [0, 0, x, 0]\n", 4, "review", "应当是整数"),
    ("- year: 2025\n- year: 2024\n- year: 2025\n  website: {page_views: 1}\n", 3, "year", "2025 年已经写过一项（第 1 行）"),
    ("- year: 二〇二五\n", 1, "year", "应当是整数"),
    ("- year: 2025\n  website:\n    - page_views: 12\n", 2, "website", "应当是“字段: 值”的集合"),
    ("- year: 2025\n  disclosure: 5\n", 2, "disclosure", "应当是“字段: 值”的集合"),
    ("- year: 2025\n  disclosure:\n    reviews: [1, 0, 0, 0]\n", 3, "reviews", "应当是“字段: 值”的集合"),
    ("- year: 2025\n  disclosure:\n    fees: .inf\n", 3, "fees", "应当是有限的数字"),
    ("- year: 2025\n  disclosure:\n    fees: .nan\n", 3, "fees", "应当是有限的数字"),
    ("- year: 2025\n  website:\n    page_views: 999999999999999999999999999999\n", 3, "page_views", "不能大于"),
    ("- year: 2025\n  disclosure:\n    applications:\n      new: [10000000000000000, 0, 0, 0, 0, 0]\n", 4, "new",
     "不能大于"),
])
def test_bad_input_names_file_line_and_field(text, line, field, words):
    data, findings = read(text)
    assert [(f.path, f.line, f.field) for f in findings] == [("data/annual-report.yml", line, field)], findings
    assert words in findings[0].message and findings[0].level.value == "error"
    assert findings[0].fix


def test_a_repeated_year_is_reported_even_when_both_entries_have_errors():
    data, findings = read("- year: 2025\n  website: {page_views: -1}\n- year: 2025\n  website: {page_views: -2}\n")
    assert sorted((f.line, f.field) for f in findings) == [(2, "page_views"), (3, "year"), (4, "page_views")]


def test_an_application_table_that_does_not_balance_is_a_warning_on_its_line():
    rows = {"new": "[2, 0, 0, 0, 0, 0]", "carried_over": "[1, 0, 0, 0, 0, 0]", "granted": "[2, 0, 0, 0, 0, 0]"}
    others = ["partly_granted", "refused_secret", "refused_law", "refused_safety", "refused_third_party",
              "refused_internal", "refused_process", "refused_enforcement", "refused_query", "unable_not_held",
              "unable_needs_making", "unable_unclear", "unhandled_petition", "unhandled_repeated",
              "unhandled_publication", "unhandled_mass", "unhandled_confirm", "other_no_correction", "other_no_fee",
              "other_else", "carried_forward"]
    table = "".join(f"      {k}: {v}\n" for k, v in rows.items()) + "".join(f"      {k}: [0, 0, 0, 0, 0, 0]\n" for k in others)
    data, findings = read("- year: 2025\n  disclosure:\n    applications:\n" + table)
    assert [(f.line, f.field, f.level.value, f.code) for f in findings] == [
        (3, "applications", "warning", "annual-report-unbalanced")]
    assert "“自然人”一列" in findings[0].message and "3 件" in findings[0].message and "2 件" in findings[0].message
    assert data.of(2025) is not None  # a warning: the figures are still used
    balanced = table.replace("carried_forward: [0, 0, 0, 0, 0, 0]", "carried_forward: [1, 0, 0, 0, 0, 0]")
    assert read("- year: 2025\n  disclosure:\n    applications:\n" + balanced)[1] == []
