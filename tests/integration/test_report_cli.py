"""`healthpress report website|disclosure`: the yearly reports as Excel workbooks and CSV for submission."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

WEBSITE_HEADINGS = ["网站基本信息", "信息发布", "专栏专题", "解读回应", "办事服务", "互动交流", "安全防护", "移动新媒体",
                    "创新发展"]
DISCLOSURE_HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                       "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
MARCH_2026 = "1772330400"  # 2026-03-01 10:00 in Beijing


def report(project: Path, *args: str, epoch: str = MARCH_2026) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "healthpress.cli", "report", *args], cwd=project, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": epoch})


def column_a(path: Path) -> list[str]:
    sheet = openpyxl.load_workbook(path).active
    return [str(c.value) for c in sheet["A"] if c.value is not None]


@pytest.mark.parametrize("kind, headings", [("website", WEBSITE_HEADINGS), ("disclosure", DISCLOSURE_HEADINGS)])
def test_both_reports_open_in_openpyxl_with_every_heading_of_the_form(example_copy, kind, headings):
    (example_copy / "out").mkdir()
    done = report(example_copy, kind, "--year", "2025", "--xlsx", "out/r.xlsx", "--csv", "out/r.csv")
    assert done.returncode == 0, done.stderr
    cells = column_a(example_copy / "out" / "r.xlsx")
    assert cells[0].startswith("2025年") and all(h in cells for h in headings), cells
    sheet = openpyxl.load_workbook(example_copy / "out" / "r.xlsx").active
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.value == "缺"]  # the example is complete
    text = (example_copy / "out" / "r.csv").read_bytes().decode("utf-8")
    assert text.startswith("\ufeff") and all(h in text for h in headings)


def test_without_year_it_is_the_last_completed_year(example_copy):
    done = report(example_copy, "website", "--xlsx", "w.xlsx")
    assert done.returncode == 0 and "2025 年" in done.stderr, done.stderr
    assert column_a(example_copy / "w.xlsx")[0] == "2025年政府网站工作年度报表"
    assert report(example_copy, "website", "--year", "2026", "--xlsx", "x.xlsx").returncode == 2
    assert not (example_copy / "x.xlsx").exists()


FORMULAS = {"weibo_name": "=HYPERLINK(\"http://evil.example/\",\"点我\")", "wechat_name": "+1+2",
            "other_media": "@SUM(A1)", "head": "-3+4"}


def test_no_cell_of_the_csv_or_the_workbook_is_a_formula(example_copy):
    data = example_copy / "data" / "annual-report.yml"
    text = data.read_text(encoding="utf-8")
    for field, value in FORMULAS.items():
        start = text.index(f"    {field}: ")
        end = text.index("\n", start)
        text = text[:start] + f"    {field}: {json.dumps(value, ensure_ascii=False)}" + text[end:]
    data.write_text(text, encoding="utf-8")
    done = report(example_copy, "website", "--year", "2025", "--csv", "w.csv", "--xlsx", "w.xlsx")
    assert done.returncode == 0, done.stderr
    cells = [c for row in csv.reader(io.StringIO((example_copy / "w.csv").read_text(encoding="utf-8-sig"))) for c in row]
    for value in FORMULAS.values():
        assert "'" + value in cells, (value, cells)
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    sheet = openpyxl.load_workbook(example_copy / "w.xlsx").active
    written = {c.value: c for row in sheet.iter_rows() for c in row if c.value in FORMULAS.values()}
    assert set(written) == set(FORMULAS.values())
    assert all(c.data_type == "s" for c in written.values())


def test_a_bad_data_file_exports_nothing(example_copy):
    data = example_copy / "data" / "annual-report.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("page_views: 562190", "page_views: 五十六万"), encoding="utf-8")
    done = report(example_copy, "website", "--year", "2025", "--xlsx", "w.xlsx", "--csv", "w.csv")
    assert done.returncode == 1
    assert "data/annual-report.yml:" in done.stderr and "page_views" in done.stderr and "改正后再导出" in done.stderr
    assert not (example_copy / "w.xlsx").exists() and not (example_copy / "w.csv").exists()


def test_an_export_onto_a_folder_or_an_unwritable_place_is_one_chinese_line_naming_the_path_given(example_copy):
    (example_copy / "reports-out").mkdir()
    (example_copy / "blocked").write_text("a file, not a folder", encoding="utf-8")
    for target in ("reports-out", "blocked/w.xlsx"):
        done = report(example_copy, "website", "--year", "2025", "--xlsx", target)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr and f"无法写入 {target}" in done.stderr, done.stderr
        assert ".tmp" not in done.stderr, done.stderr
    assert "blocked 是一个文件，不是文件夹" in done.stderr, done.stderr
    assert "是一个文件夹" in report(example_copy, "website", "--year", "2025", "--csv", "reports-out").stderr
    assert [p.name for p in example_copy.iterdir() if p.name.endswith(".tmp")] == []


def test_an_export_into_a_folder_that_does_not_exist_is_refused_naming_it_and_writes_nothing(example_copy):
    done = report(example_copy, "website", "--year", "2025", "--xlsx", "年报/w.xlsx", "--csv", "w.csv")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "无法写入 年报/w.xlsx：文件夹 年报 不存在。请检查路径是否写错" in done.stderr, done.stderr
    assert not (example_copy / "年报").exists(), "a mistyped folder is never made"
    assert not (example_copy / "w.csv").exists(), "never one file of two"


def test_an_export_onto_a_link_or_a_pipe_is_refused_and_leaves_it_and_what_it_points_to_alone(example_copy, tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text("别人的文件", encoding="utf-8")
    (example_copy / "link.csv").symlink_to(outside)
    os.mkfifo(example_copy / "pipe.csv")
    for target, said in (("link.csv", "它是一个符号链接"), ("pipe.csv", "它是一个设备、管道或其他特殊文件")):
        done = report(example_copy, "website", "--year", "2025", "--csv", target)
        assert done.returncode == 1 and f"无法写入 {target}：{said}" in done.stderr, done.stderr
    assert (example_copy / "link.csv").is_symlink() and outside.read_text(encoding="utf-8") == "别人的文件"
    assert not (example_copy / "pipe.csv").is_file()


def test_the_example_checked_in_march_2026_has_no_warning_about_its_2026_entry(example_copy):
    done = subprocess.run([sys.executable, "-m", "healthpress.cli", "check", "--format", "json"], cwd=example_copy,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": MARCH_2026})
    assert [f for f in json.loads(done.stdout) if f["path"].endswith("annual-report.yml")] == []


def test_a_whole_amount_is_written_as_the_page_shows_it_not_with_a_trailing_point_zero(example_copy):
    website = report(example_copy, "website", "--year", "2025").stdout
    disclosure = report(example_copy, "disclosure", "--year", "2025").stdout
    assert "行政事业性收费,0\n" in disclosure, disclosure  # fees: 0, the page shows 0
    assert "平均办理时间（单位：天）,10\n" in website, website  # 10 days, as on the page


def test_an_article_with_an_error_stops_the_export_as_it_stops_the_build(example_copy):
    article = example_copy / "content" / "service-year" / "jiating-yisheng-fuwu-zhou-2025.md"
    article.write_text(article.read_text(encoding="utf-8").replace("date: 2025-", "date: 2025-13-45\nx: ", 1),
                       encoding="utf-8")
    done = report(example_copy, "website", "--year", "2025", "--xlsx", "w.xlsx", "--csv", "w.csv")
    assert done.returncode == 1, done.stderr
    assert "jiating-yisheng-fuwu-zhou-2025.md:3: date:" in done.stderr and "改正后再导出" in done.stderr, done.stderr
    assert not (example_copy / "w.xlsx").exists() and not (example_copy / "w.csv").exists()


@pytest.mark.parametrize("year", ["1999", "²⁰²⁵", "2025年"])
def test_a_year_outside_the_reports_range_says_which_years_can_be_asked_in_chinese(example_copy, year):
    done = report(example_copy, "website", "--year", year)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "2000 到 2100" in done.stderr and "invalid" not in done.stderr, done.stderr


@pytest.mark.parametrize("name", ["年报.csv", "年报", "年报.xls"])
def test_a_workbook_named_without_xlsx_is_refused_before_anything_is_written(example_copy, name):
    done = report(example_copy, "website", "--year", "2025", "--xlsx", name, "--csv", "w.csv")
    assert done.returncode == 2, done.stderr
    assert "--xlsx" in done.stderr and ".xlsx" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not (example_copy / name).exists() and not (example_copy / "w.csv").exists()
