"""`healthpress check` and `healthpress build` on real projects, as an editor runs them."""

from __future__ import annotations

import json
import shutil

from helpers import article


def test_check_passes_a_good_site(site, run_cli):
    site.write("news/a.md", article("甲", "2013-05-08"))
    result = run_cli(site, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "没有发现问题" in result.stdout


def test_check_reports_every_problem_with_file_line_field_and_fix(site, run_cli):
    site.write("news/a.md", "---\ntitle: 甲\ndate: 2013/05/08\n---\n正文。\n")
    site.write("news/b.md", "---\n标题: 乙\n日期: 2013-05-08\n标签: 健康，防疫\n---\n正文。\n")
    site.write("news/c.md", "---\ntitle: 丙\ndate: 2013-05-08\nauthr: 张明\n---\n正文。\n")
    result = run_cli(site, "check")
    assert result.returncode == 1
    assert "content/news/a.md:3: date: 无法识别的日期“2013/05/08”" in result.stdout
    assert "content/news/b.md:4: 标签: 应当是列表" in result.stdout and "[健康, 防疫]" in result.stdout
    assert "content/news/c.md:4: authr:" in result.stdout and "author" in result.stdout
    assert "2 个错误，1 个警告" in result.stdout


def test_check_json_for_tools(site, run_cli):
    site.write("news/a.md", "---\ntitle: 甲\n---\n正文。\n")
    result = run_cli(site, "check", "--format", "json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert findings == [{"path": "content/news/a.md", "line": 1, "field": "date", "code": "invalid-missing",
                         "level": "error", "message": "缺少这个必填字段",
                         "fix": "写法：date: 2013-05-08 或 date: 2013-05-08 09:30（北京时间）"}]


def test_failed_build_keeps_the_previous_site(site, run_cli):
    site.write("news/a.md", article("甲", "2013-05-08"))
    assert run_cli(site, "build").returncode == 0
    before = {p: p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file()}
    site.write("news/b.md", "---\ntitle: 乙\ndate: 2013-02-30\n---\n")
    result = run_cli(site, "build")
    assert result.returncode == 1
    assert "content/news/b.md:3: date:" in result.stderr
    after = {p: p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file()}
    assert after == before
    left = {p.name for p in site.root.iterdir() if p.name.startswith(".site.")}
    assert left <= {".site.recycle", ".site.recycle.manifest"}, "only the failed build's pages, for the next to start from"


def test_a_failing_search_indexer_fails_the_build_and_keeps_the_previous_site(site, run_cli):
    site.write("news/a.md", article("甲", "2013-05-08"))
    assert run_cli(site, "build").returncode == 0
    before = {p: p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file()}
    site.config["plugins"][0]["healthpress"]["search_index"] = True
    site.write("news/b.md", article("乙", "2013-05-09"))
    result = run_cli(site, "build", env={"PAGEFIND_BINARY_PATH": shutil.which("false")})
    assert result.returncode != 0
    assert "搜索索引没有生成" in result.stderr and "healthpress build" in result.stderr
    assert {p: p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file()} == before
