"""Data files: safe YAML with the line of every key and list item."""

from __future__ import annotations

import pytest

from healthpress.model.datafile import parse_data

TEXT = """\
# 注释
- name: 世界卫生日
  tags: [健康素养]
  date: "04-07"

- name: 世界无烟日
  nested:
    inner: 1
    items:
      - a
      - b
"""


def test_lines_of_keys_and_items():
    doc, findings = parse_data("data/x.yml", TEXT)
    assert findings == []
    assert doc.data[0] == {"name": "世界卫生日", "tags": ["健康素养"], "date": "04-07"}
    assert [doc.line(0), doc.line(0, "date"), doc.line(1), doc.line(1, "nested", "inner"), doc.line(1, "nested", "items", 1)] == [
        2, 4, 6, 8, 11]
    assert doc.key_lines(1, "nested") == {"inner": 8, "items": 9}


def test_line_falls_back_to_the_nearest_enclosing_key():
    doc, _ = parse_data("data/x.yml", TEXT)
    assert doc.line(1, "nested", "missing") == 7
    assert doc.line(5) is None


@pytest.mark.parametrize(
    "text, value",
    [("date: 2013-05-08\n", {"date": "2013-05-08"}), ("a: no\n", {"a": False}), ("", None), ("\ufeffa: 1\n", {"a": 1})],
    ids=["dates-stay-text", "yaml-booleans", "empty", "bom"],
)
def test_values(text, value):
    doc, findings = parse_data("data/x.yml", text)
    assert findings == [] and doc.data == value


@pytest.mark.parametrize(
    "text, line, code",
    [
        ("a: 1\na: 2\n", 2, "duplicate-key"),
        ("- a: 1\n  b: 2\n  a: 3\n", 3, "duplicate-key"),
        ("a: &x 1\nb: *x\n", 1, "yaml-alias"),
        ("a: !!python/name:os.system x\n", 1, "yaml-tag"),
        ("a: [1\nb: 2\n", 2, "data-yaml"),
        ("名称：世界卫生日\n", 1, "fullwidth-colon"),
    ],
    ids=["duplicate-top-key", "duplicate-nested-key", "alias", "tag", "unclosed", "fullwidth-colon"],
)
def test_unsafe_or_broken_files(text, line, code):
    doc, findings = parse_data("data/x.yml", text)
    assert doc is None
    assert (findings[0].path, findings[0].line, findings[0].code) == ("data/x.yml", line, code)


def test_every_committed_data_file_with_a_loader_loads_without_findings():
    from pathlib import Path

    from healthpress.bureau.leaders import load_leaders
    from healthpress.bureau.terms import load_terms
    from healthpress.bureau.healthdays import load_health_days
    from healthpress.bureau.organisation import load_leadership_group
    from healthpress.bureau.units import load_units

    loaders = {"health-days.yml": load_health_days, "units.yml": load_units, "leaders.yml": load_leaders,
               "terms.yml": load_terms, "leadership-group.yml": load_leadership_group}
    data = Path(__file__).resolve().parents[2] / "data"
    present = {p.name for p in data.glob("*.yml")}
    assert set(loaders) <= present
    for name, load in loaders.items():
        loaded, findings = load(data / name, f"data/{name}")
        assert findings == [], (name, [f.render() for f in findings])
        assert loaded
