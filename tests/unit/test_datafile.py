"""Data files: safe YAML with the line of every key and list item."""

from __future__ import annotations

import pytest
from pydantic import Field

from healthpress.model.datafile import Unique, ValidEntry, parse_data, validate_entries
from healthpress.model.findings import Finding
from healthpress.model.strict import StrictModel

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
    assert doc.line(5) == 2, "past the last item: the line where the document starts"


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


class Item(StrictModel):
    name: str = Field(min_length=1)
    size: int = 0


ITEM_HELP = {"name": "name: 甲", "size": "size: 3"}
NAME_ONCE = Unique("name", "duplicate-item", "删除其中一项")


def _no_size_9(item: ValidEntry[Item]) -> list[Finding]:
    return [Finding("data/x.yml", None, "size", "size-9", "不能是 9", "换一个数")] if item.value.size == 9 else []


@pytest.mark.parametrize(
    "text, options, kept, found",
    [
        ("- name: 甲\n- name: 乙\n  size: 2\n", {}, [0, 1], []),
        ("- name: 甲\n- 乙\n", {}, [0], [(2, None, "data-not-mapping", "第 2 项应当是“字段: 值”的集合，这里是文字 '乙'")]),
        ("- name: 甲\n- size: 2\n", {}, [0], [(2, "name", "invalid-missing", "第 2 项：缺少这个必填字段")]),
        ("- name: 甲\n- name: 甲\n", {}, [0, 1], []),
        ("- name: 甲\n- name: 乙\n- size: 2\n  name: 甲\n", {"unique": NAME_ONCE}, [0, 1],
         [(4, "name", "duplicate-item", "“甲”已经写过（第 1 行）")]),
        ("- name: 甲\n  size: x\n- name: 甲\n", {"unique": NAME_ONCE}, [1],
         [(2, "size", "invalid-int_type", "第 1 项：应当是整数，这里是文字 'x'")]),
        ("- name: 甲\n  size: 9\n- name: 甲\n", {"unique": NAME_ONCE, "check": _no_size_9}, [1],
         [(None, "size", "size-9", "不能是 9")]),
        ("- name: 甲\n- name: 甲\n  size: 9\n", {"unique": NAME_ONCE, "check": _no_size_9}, [0],
         [(2, "name", "duplicate-item", "“甲”已经写过（第 1 行）")]),
    ],
    ids=["all-valid", "not-a-mapping", "invalid", "repeats-allowed", "repeat-at-its-field", "invalid-is-not-written",
         "checked-out-is-not-written", "repeat-before-check"],
)
def test_validate_entries(text, options, kept, found):
    """Entries are checked in order; the left-out ones each have findings (file lines), the rest are kept."""
    doc, _ = parse_data("data/x.yml", text)
    entries, findings = validate_entries(doc, doc.data, Item, (), ITEM_HELP, lambda n: f"第 {n} 项", **options)
    assert [(e.index, e.key, type(e.value)) for e in entries] == [(i, (i,), Item) for i in kept]
    assert [(f.line, f.field, f.code, f.message) for f in findings] == found
    assert all(f.fix for f in findings)


def test_validate_entries_of_a_nested_list_name_their_keys_and_lines():
    doc, _ = parse_data("data/x.yml", "title: 示例\ngroups:\n  - name: 甲\n  - name: 甲\n    size: 2\n  - name: 乙\n")
    entries, findings = validate_entries(doc, doc.data["groups"], Item, ("groups",), ITEM_HELP, lambda n: f"第 {n} 组",
                                         unique=NAME_ONCE)
    assert [(e.key, e.value.name) for e in entries] == [(("groups", 0), "甲"), (("groups", 2), "乙")]
    assert [f.render() for f in findings] == ["data/x.yml:4: name: “甲”已经写过（第 3 行） — 删除其中一项"]
