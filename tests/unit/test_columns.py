"""Column files: schema, findings, id rules and load order."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthpress.model.columns import RESERVED_IDS, Column, load_columns, parse_column
from healthpress.model.findings import Level


def parse(text: str, column_id: str = "press"):
    return parse_column(column_id, f"columns/{column_id}.yml", text)


def only_finding(text: str, column_id: str = "press"):
    column, findings = parse(text, column_id)
    assert column is None
    assert len(findings) == 1, findings
    return findings[0]


def write(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def test_valid_column_file():
    column, findings = parse(
        "title: 健康周刊\n"
        "description: 与广播电视报合办的《健康周刊》\n"
        "kind: periodical\n"
        "order: 20\n"
        "page_size: 15\n"
        "home_items: 0\n"
        "archived: true\n",
        "health-weekly",
    )
    assert findings == []
    assert column == Column(id="health-weekly", title="健康周刊", description="与广播电视报合办的《健康周刊》",
                            kind="periodical", order=20, page_size=15, home_items=0, archived=True)
    assert column.url == "health-weekly/"


def test_defaults():
    column, findings = parse("title: 新闻发布\n")
    assert findings == []
    assert column == Column(id="press", title="新闻发布", description="", kind="news", order=100, page_size=20,
                            home_items=6, archived=False)


def test_title_whitespace_is_stripped():
    column, _ = parse("title: '  新闻发布  '\n")
    assert column.title == "新闻发布"


@pytest.mark.parametrize(
    "text, line, field, code, hint",
    [
        ("title: 新闻发布\ncolour: red\n", 2, "colour", "invalid-extra_forbidden", "可用的字段：title、description"),
        ("title: 新闻发布\norder: '10'\n", 2, "order", "invalid-int_type", "order: 10"),
        ("title: 新闻发布\norder: 1.5\n", 2, "order", "invalid-int_type", "整数"),
        ("title: 123\n", 1, "title", "invalid-string_type", "应当是文字"),
        ("title:\n", 1, "title", "invalid-string_type", "空值"),
        ("title: ''\n", 1, "title", "invalid-string_too_short", "不能为空"),
        ("description: 无标题\n", None, "title", "invalid-missing", "title: 优质服务年"),
        ("title: 新闻发布\narchived: 'yes'\n", 2, "archived", "invalid-bool_type", "archived: true"),
        ("title: 新闻发布\nkind: blog\n", 2, "kind", "invalid-literal_error", "periodical"),
        ("title: 新闻发布\npage_size: 0\n", 2, "page_size", "invalid-greater_than_equal", "1 到 200"),
        ("title: 新闻发布\npage_size: 201\n", 2, "page_size", "invalid-less_than_equal", "1 到 200"),
        ("title: 新闻发布\npage_size: -5\n", 2, "page_size", "invalid-greater_than_equal", "1 到 200"),
        ("title: 新闻发布\nhome_items: -1\n", 2, "home_items", "invalid-greater_than_equal", "0 到 20"),
        ("title: 新闻发布\nhome_items: 21\n", 2, "home_items", "invalid-less_than_equal", "0 到 20"),
        ("title: 新闻发布\ntitle: 发布会\n", 2, "title", "duplicate-key", "第一次在第 1 行"),
        ("- 新闻发布\n", 1, None, "front-matter-not-mapping", "title:"),
        ("title: [新闻发布\norder: 1\n", 2, None, "front-matter-yaml", "英文半角"),
    ],
    ids=[
        "unknown-key", "order-as-text", "order-as-float", "title-as-number", "title-empty-value",
        "title-empty-string", "title-missing", "archived-as-text", "unknown-kind", "page-size-zero",
        "page-size-too-big", "page-size-negative", "home-items-negative", "home-items-too-big", "duplicate-key",
        "list-not-mapping", "yaml-error",
    ],
)
def test_invalid_column_file(text, line, field, code, hint):
    finding = only_finding(text)
    assert (finding.path, finding.line, finding.field, finding.code, finding.level) == (
        "columns/press.yml", line, field, code, Level.ERROR)
    assert hint in finding.message + finding.fix


@pytest.mark.parametrize("value", [1, 200], ids=["page-size-1", "page-size-200"])
def test_page_size_bounds_are_inclusive(value):
    column, findings = parse(f"title: 新闻发布\npage_size: {value}\n")
    assert findings == [] and column.page_size == value


@pytest.mark.parametrize("value", [0, 20], ids=["home-items-0", "home-items-20"])
def test_home_items_bounds_are_inclusive(value):
    column, findings = parse(f"title: 新闻发布\nhome_items: {value}\n")
    assert findings == [] and column.home_items == value


def test_several_invalid_fields_are_all_reported():
    column, findings = parse("title: 新闻发布\norder: x\npage_size: 0\n")
    assert column is None
    assert [(f.line, f.field) for f in findings] == [(2, "order"), (3, "page_size")]


def test_unknown_key_message_is_in_chinese():
    finding = only_finding("title: 新闻发布\ncolour: red\n")
    assert "Extra inputs" not in finding.message


@pytest.mark.parametrize(
    "column_id",
    ["Press", "health_weekly", "health weekly", "健康周刊", "-press", "press-"],
    ids=["upper-case", "underscore", "space", "chinese", "leading-hyphen", "trailing-hyphen"],
)
def test_invalid_column_ids(column_id):
    finding = only_finding("title: 新闻发布\n", column_id)
    assert (finding.path, finding.line, finding.field, finding.code, finding.level) == (
        f"columns/{column_id}.yml", None, None, "column-id", Level.ERROR)
    assert f"“{column_id}”" in finding.message
    assert "archive" in finding.fix and "tags" in finding.fix and "health-weekly.yml" in finding.fix


@pytest.mark.parametrize("column_id, url", [
    ("archive", "/archive/"), ("tags", "/tags/"), ("page", "/page/"), ("search", "/search/"), ("stats", "/stats/"),
    ("topics", "/topics/"), ("about", "/about/leadership-group/"), ("pagefind", "/pagefind/"), ("assets", "/assets/"),
    ("404", "/404.html"), ("sitemap", "/sitemap.xml"), ("feed", "/feed.xml"), ("atom", "/atom.xml"), ("index", "/"),
    ("static", "/static/"),
])
def test_a_column_cannot_take_a_generated_path(column_id, url):
    finding = only_finding("title: 新闻发布\n", column_id)
    assert (finding.path, finding.line, finding.field, finding.code, finding.level) == (
        f"columns/{column_id}.yml", None, None, "column-id", Level.ERROR)
    assert f"栏目编号“{column_id}”" in finding.message and f"（{url}）重名" in finding.message, finding.message
    assert f"{column_id}-news.yml" in finding.fix and "stats" in finding.fix and "pagefind" in finding.fix


def test_reserved_ids_are_every_generated_name_and_its_stem():
    from healthpress.model.sitepaths import GENERATED

    assert {"archive", "tags", "stats", "pagefind", "about", "404", "sitemap", "feed", "atom", "index"} <= RESERVED_IDS
    assert {name.split(".")[0] for name in GENERATED} == RESERVED_IDS


def test_load_columns_orders_by_order_then_id(tmp_path):
    directory = write(tmp_path / "columns", {
        "press.yml": "title: 新闻发布\norder: 60\n",
        "service-year.yml": "title: 优质服务年\norder: 10\n",
        "health-weekly.yaml": "title: 健康周刊\norder: 20\n",
        "b-column.yml": "title: 乙\norder: 20\n",
        "defaults.yml": "title: 默认排序\n",
    })
    columns, findings = load_columns(directory)
    assert findings == []
    assert list(columns) == ["service-year", "b-column", "health-weekly", "press", "defaults"]
    assert columns["health-weekly"].title == "健康周刊"


def test_load_columns_skips_hidden_and_other_files(tmp_path):
    directory = write(tmp_path / "columns", {
        "press.yml": "title: 新闻发布\n",
        ".draft.yml": "title: [broken\n",
        "README.md": "# 栏目说明\n",
        "notes.txt": "order: x\n",
    })
    columns, findings = load_columns(directory)
    assert (list(columns), findings) == (["press"], [])


def test_load_columns_accepts_a_bom(tmp_path):
    directory = tmp_path / "columns"
    directory.mkdir()
    (directory / "press.yml").write_bytes("\ufefftitle: 新闻发布\n".encode("utf-8"))
    columns, findings = load_columns(directory)
    assert findings == [] and columns["press"].title == "新闻发布"


def test_load_columns_reports_every_bad_file_and_keeps_the_good_ones(tmp_path):
    directory = write(tmp_path / "columns", {
        "press.yml": "title: 新闻发布\n",
        "archive.yml": "title: 归档\n",
        "weekly.yml": "title: 周刊\npage_size: 0\n",
    })
    columns, findings = load_columns(directory, "site/columns")
    assert list(columns) == ["press"]
    assert [(f.path, f.line, f.field, f.code) for f in findings] == [
        ("site/columns/archive.yml", None, None, "column-id"),
        ("site/columns/weekly.yml", 2, "page_size", "invalid-greater_than_equal"),
    ]


def test_missing_columns_directory(tmp_path):
    columns, findings = load_columns(tmp_path / "nowhere", "columns")
    assert columns == {}
    assert [(f.path, f.line, f.code, f.level) for f in findings] == [("columns", None, "columns-missing", Level.ERROR)]
    assert "columns/press.yml" in findings[0].fix


def test_empty_columns_directory(tmp_path):
    directory = write(tmp_path / "columns", {"README.md": "说明\n"})
    columns, findings = load_columns(directory, "columns")
    assert columns == {}
    assert [(f.path, f.code, f.level) for f in findings] == [("columns", "columns-empty", Level.ERROR)]
    assert "press.yml" in findings[0].fix


def test_two_files_for_the_same_column_id_are_reported(tmp_path):
    directory = write(tmp_path / "columns", {"press.yml": "title: 新闻发布\n", "press.yaml": "title: 发布会\n"})
    _, findings = load_columns(directory, "columns")
    errors = [f for f in findings if f.level is Level.ERROR]
    assert errors
    assert any("press.yml" in f.path + f.message and "press.yaml" in f.path + f.message for f in errors)
