"""The compliance inspection on real projects: in the build and with `healthpress check --compliance`."""

from __future__ import annotations

import http.server
import json
import threading

import pytest
from mkdocs.exceptions import Abort

from helpers import article


def test_missing_footer_identification_fails_the_build(site, build_errors):
    del site.config["extra"]["bureau"]["icp"]
    site.write("news/a.md", article("甲", "2013-05-08"))
    site.write("health-weekly/b.md", article("乙", "2013-05-08", issue=1))
    with pytest.raises(Abort):
        site.build()
    line = (site.root / "mkdocs.yml").read_text(encoding="utf-8").split("\n").index("  bureau:") + 1  # icp's place
    assert any(e.startswith(f"mkdocs.yml:{line}: extra.bureau.icp:") and "icp: " in e for e in build_errors())


def test_footer_carries_the_identification(site):
    site.write("news/a.md", article("甲", "2013-05-08"))
    site.write("health-weekly/b.md", article("乙", "2013-05-08", issue=1))
    footer = site.build().page("").select_one(".hp-footer")
    assert "网站标识码：4418000001" in footer.get_text()
    assert footer.select_one('a[href="https://beian.miit.gov.cn/"]').get_text() == "粤ICP备12345678号"
    assert "44180202000123" in footer.select_one('a[href*="beian.mps.gov.cn"]')["href"]
    assert footer.select_one("img.hp-footer__badge")["alt"] == "党政机关网站标识"


def test_leader_names_and_terms_in_the_build(site, build_errors, caplog):
    (site.root / "data").mkdir()
    (site.root / "data" / "leaders.yml").write_text(
        "leaders:\n  - name: 唐远强\n    titles: [市卫生局局长]\norganisations: [市卫生局]\n", encoding="utf-8")
    (site.root / "data" / "terms.yml").write_text("- wrong: 医闹\n  right: 涉医违法犯罪\n", encoding="utf-8")
    site.write("health-weekly/b.md", article("乙", "2013-05-08", issue=1))
    site.write("news/a.md", article("会议召开", "2013-05-08", body="会上，市卫生局局长李四讲话。\n\n要依法打击医闹。\n"))
    with pytest.raises(Abort):
        site.build()
    errors = build_errors()
    assert any(e.startswith("content/news/a.md:6:") and "李四" in e and "唐远强" in e for e in errors), errors
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("content/news/a.md:8:" in w and "涉医违法犯罪" in w for w in warnings), warnings


def test_verbatim_documents_are_not_held_to_the_wording_rules(site, caplog):
    (site.root / "data").mkdir()
    (site.root / "data" / "terms.yml").write_text("- wrong: 医闹\n  right: 涉医违法犯罪\n", encoding="utf-8")
    site.write("health-weekly/b.md", article("乙", "2013-05-08", issue=1))
    site.write("news/a.md", article("原文照登的方案", "2013-05-08", verbatim=True, body="严厉打击医闹。\n"))
    site.build()
    assert not [r for r in caplog.records if r.levelname == "WARNING" and "医闹" in r.getMessage()]


def test_check_compliance_reports_stale_and_blank_columns_links_and_a_report_page(site, run_cli):
    site.write("news/a.md", article("旧闻", "2013-05-08"))
    assert run_cli(site, "build").returncode == 0, "blank and stale columns do not stop the build"
    (site.root / "site" / "news" / "index.html").write_text('<a href="../nowhere/">坏链接</a>', encoding="utf-8")
    result = run_cli(site, "check", "--compliance", "--report", "check.html")
    assert result.returncode == 1
    assert "columns/health-weekly.yml: 栏目“健康周刊”没有任何已发布的文章" in result.stdout
    assert "columns/news.yml: 栏目“要闻”已" in result.stdout and "14 天内更新" in result.stdout
    assert "site/news/index.html: 链接或图片“../nowhere/”指向不存在的文件" in result.stdout
    report = (site.root / "check.html").read_text(encoding="utf-8")
    assert "健康周刊" in report and "<script" not in report
    as_json = json.loads(run_cli(site, "check", "--compliance", "--format", "json").stdout)
    assert {f["code"] for f in as_json} >= {"blank-column", "stale-column", "stale-home", "broken-link-in-site"}


class _Answer(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):  # noqa: N802 (the http.server API)
        self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_external_links_are_checked_on_request_with_an_allowlist(site, run_cli):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    # the footer's government links are allowlisted: tests send traffic to this machine only
    site.config["plugins"] = [{"healthpress": {"search_index": False, "external_allowlist": [
        "beian.miit.gov.cn", "beian.mps.gov.cn"]}}]
    try:
        site.write("news/a.md", article("外链", "2013-05-08", body=f"[好]({base}/ok) [坏]({base}/gone)\n"))
        site.write("health-weekly/b.md", article("乙", "2013-05-08", issue=1))
        assert run_cli(site, "build").returncode == 0
        result = run_cli(site, "check", "--external")
        assert f"外部链接“{base}/gone”打不开（HTTP 404）" in result.stdout
        assert f"{base}/ok" not in result.stdout
        site.config["plugins"] = [{"healthpress": {"search_index": False, "external_allowlist": [
            "127.0.0.1", "beian.miit.gov.cn", "beian.mps.gov.cn"]}}]
        assert "打不开" not in run_cli(site, "check", "--external").stdout
    finally:
        server.shutdown()


def test_a_column_sets_its_own_update_period(site, monkeypatch, run_cli):
    site.column("news", "要闻", order=1, update_days=400)
    site.write("news/a.md", article("旧闻", "2013-05-08"))
    site.write("health-weekly/b.md", article("周刊", "2013-05-08", issue=1))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1388534400")  # 2014-01-01: 238 days later
    result = run_cli(site, "check", "--compliance")
    assert "栏目“要闻”" not in result.stdout, "within its own 400 days"
    assert "栏目“健康周刊”已 238 天没有更新" in result.stdout and "要求 14 天内更新" in result.stdout


def test_leaders_and_terms_are_reported_again_by_a_second_build_and_by_check(site, run_cli):
    """Many terms, a term inside a longer one, one that overlaps itself, a first mention: every build (the
    second takes its pages from the cache) and `check` report the same findings, in the same order."""
    (site.root / "data").mkdir()
    (site.root / "data" / "leaders.yml").write_text(
        "leaders:\n  - name: 唐远强\n    titles: [市卫生局局长, 局长]\norganisations: [市卫生局]\n", encoding="utf-8")
    terms = ["- wrong: 医闹\n  right: 涉医违法犯罪\n", "- wrong: 病人\n  right: 患者\n",
             "- wrong: 艾滋病病人\n  right: [艾滋病患者]\n", "- wrong: 哈哈\n  right: 呵呵\n",
             "- wrong: 新农合\n  right: 新型农村合作医疗\n  first_mention: true\n"]
    terms += [f"- wrong: 错词{n}\n  right: 正词{n}\n" for n in range(80)]
    (site.root / "data" / "terms.yml").write_text("".join(terms), encoding="utf-8")
    site.write("health-weekly/b.md", article("乙", "2013-05-08", issue=1))
    site.write("news/a.md", article("医闹与新农合", "2013-05-08", body=(
        "新农合参保，新型农村合作医疗。\n\n局长李四和局长唐远强看望艾滋病病人、精神病人。\n\n"
        "哈哈哈哈哈 错词7错词77 医闹\n")))
    site.config["plugins"][0]["healthpress"]["compliance"] = {"leader-name": "warning"}  # the build publishes
    runs = [run_cli(site, "build"), run_cli(site, "build"), run_cli(site, "check")]
    assert [r.returncode for r in runs] == [0, 0, 0]
    built, rebuilt, checked = ([line[line.index("content/news/a.md:"):] for line in output.splitlines()
                                if "content/news/a.md:" in line] for output in (*(r.stderr for r in runs[:2]), runs[2].stdout))
    assert built == rebuilt == checked and len(built) == 10, built  # 病人 and 错词7 inside longer wrong terms: theirs
    assert "“局长李四”：局长是唐远强，不是李四" in built[2] and built[-1].count("错词77") == 1


def test_an_old_name_is_flagged_after_its_reform_only_by_build_rebuild_and_check(site, run_cli):
    """卫生计生委 is wrong from 2018-03-27: the 2020 article and the one of the reform's day are flagged (file,
    line, term, fix) by a build, a cached rebuild and `check` alike; the 2016 one and the day before not.
    Moving the date in data/terms.yml moves the findings, the cached pages' too."""
    (site.root / "data").mkdir()
    terms = site.root / "data" / "terms.yml"
    terms.write_text("- wrong: 卫生计生委\n  right: 卫生健康委\n  since: 2018-03-27\n", encoding="utf-8")
    site.write("health-weekly/b.md", article("乙", "2013-05-08", issue=1))
    body = "按照国家卫生计生委的部署开展工作。\n"
    for name, date in (("y2016", "2016-05-10"), ("y2020", "2020-06-01"), ("eve", "2018-03-26 23:59"),
                       ("reform", "2018-03-27 00:00")):
        site.write(f"news/{name}.md", article(f"{name}工作会议", date, body))

    def flagged(output: str) -> list[str]:
        return [line[line.index("content/news/"):] for line in output.splitlines() if "content/news/" in line]

    runs = [run_cli(site, "build"), run_cli(site, "build"), run_cli(site, "check")]
    assert [r.returncode for r in runs] == [0, 0, 0], runs[0].stderr
    built, rebuilt, checked = flagged(runs[0].stderr), flagged(runs[1].stderr), flagged(runs[2].stdout)
    finding = ": “卫生计生委”不是规范用语，应当写“卫生健康委”（适用于2018年3月27日起发布的文章） — 改成“卫生健康委”"
    assert built == rebuilt == checked == [f"content/news/{name}.md:6{finding}" for name in ("reform", "y2020")], built
    terms.write_text("- wrong: 卫生计生委\n  right: 卫生健康委\n  since: 2021-01-01\n", encoding="utf-8")
    assert flagged(run_cli(site, "build").stderr) == flagged(run_cli(site, "check").stdout) == []


def test_an_article_without_a_readable_date_is_refused_before_its_terms_are_judged(site, run_cli):
    """Every article has its own date to be judged by: one without a date, or with one not readable, is refused
    for it by build and check alike, and its wording judged once its date is written."""
    (site.root / "data").mkdir()
    (site.root / "data" / "terms.yml").write_text(
        "- wrong: 卫生计生委\n  right: 卫生健康委\n  since: 2018-03-27\n", encoding="utf-8")
    site.write("health-weekly/b.md", article("乙", "2013-05-08", issue=1))
    site.write("news/nodate.md", "---\ntitle: 无日期\n---\n\n国家卫生计生委召开会议。\n")
    site.write("news/baddate.md", "---\ntitle: 坏日期\ndate: 2020年5月1日\n---\n\n国家卫生计生委召开会议。\n")
    built, checked = run_cli(site, "build"), run_cli(site, "check")
    assert built.returncode == checked.returncode == 1
    for output in (built.stderr, checked.stdout):
        assert "content/news/nodate.md:1: date: 缺少这个必填字段" in output
        assert "content/news/baddate.md:3: date: 无法识别的日期“2020年5月1日”" in output
        assert "卫生计生委" not in output
    site.write("news/nodate.md", "---\ntitle: 无日期\ndate: 2020-05-01\n---\n\n国家卫生计生委召开会议。\n")
    site.write("news/baddate.md", "---\ntitle: 坏日期\ndate: 2016-05-01\n---\n\n国家卫生计生委召开会议。\n")
    checked = run_cli(site, "check")
    assert "content/news/nodate.md:6: “卫生计生委”不是规范用语" in checked.stdout and "baddate" not in checked.stdout


READ_BY = """
import os, sys
from pathlib import Path
from healthpress.checks.phrases import PhraseFinder
record, in_lines = Path(sys.argv.pop(1)), PhraseFinder.in_lines

def reading(self, lines):
    with record.open("a") as out:
        out.write(f"{os.getpid()}\\n")
    return in_lines(self, lines)

PhraseFinder.in_lines = reading
print(f"main {os.getpid()}")
from healthpress.cli import entry
entry()
"""
"""`healthpress` that notes, in the file named first on its command line, the process of every article
text read for leaders' names and terms."""


def test_each_article_text_is_checked_in_the_process_rendering_its_page(site, run_cli, tmp_path):
    """The phrases of two workers' articles are looked for in those workers (not in the main process before
    the pages render), a page taken from the cache brings its findings back without reading its text again,
    and build, cached rebuild and check report the same findings in the same order."""
    (site.root / "data").mkdir()
    (site.root / "data" / "leaders.yml").write_text(
        "leaders:\n  - name: 唐远强\n    titles: [局长]\norganisations: [市卫生局]\n", encoding="utf-8")
    (site.root / "data" / "terms.yml").write_text("- wrong: 医闹\n  right: 涉医违法犯罪\n", encoding="utf-8")
    site.write("health-weekly/b.md", article("乙", "2013-05-08", issue=1))
    for n in range(90):
        body = f"第 {n} 篇。\n\n局长李四讲话。\n\n要依法打击医闹。\n" if n % 30 == 7 else f"第 {n} 篇。\n"
        site.write(f"news/a{n:03d}.md", article(f"文章{n:03d}", f"2014-{n % 12 + 1:02d}-{n % 27 + 1:02d}", body))
    site.config["plugins"][0]["healthpress"].update(workers=2, compliance={"leader-name": "warning"})
    records = [tmp_path / f"read-{n}.txt" for n in range(3)]
    runs = [run_cli(site, str(record), *command, program=("-c", READ_BY))
            for record, command in zip(records, (["build"], ["build"], ["check"]))]
    assert [r.returncode for r in runs] == [0, 0, 0], runs[0].stderr
    main = [int(r.stdout.split()[1]) for r in runs]
    built = [int(pid) for pid in records[0].read_text().split()]
    assert len(built) == 91 and main[0] not in built and len(set(built)) == 2, (main[0], sorted(set(built)))
    assert not records[1].exists(), "every page from the cache, with its findings"
    found = [[line[line.index("content/news/"):] for line in output.splitlines() if "content/news/a" in line]
             for output in (runs[0].stderr, runs[1].stderr, runs[2].stdout)]
    assert found[0] == found[1] == found[2] and len(found[0]) == 6, found
    assert found[0][0].startswith("content/news/a007.md:8: “局长李四”") and "医闹" in found[0][3], found


def test_a_scheduled_articles_wording_is_judged_now_on_its_own_date_by_build_and_check(site, run_cli):
    """An article set to go online on 2026-12-20 is held now to the terms in force on that day: found by the
    inspector once it is online, it was told to nobody before (its page is not made, so never checked). A
    draft is not judged yet."""
    (site.root / "data").mkdir()
    (site.root / "data" / "terms.yml").write_text(
        "- wrong: 卫生计生委\n  right: 卫生健康委\n  since: 2018-03-27\n", encoding="utf-8")
    site.write("health-weekly/b.md", article("乙", "2013-05-08", issue=1))
    body = "按照国家卫生计生委的部署开展工作。\n"
    site.write("news/now.md", article("现在的会议", "2020-06-01", body))
    site.write("news/later.md", article("定时发布的会议", "2026-12-20", body))
    site.write("news/draft.md", "---\ntitle: 草稿\ndate: 2020-06-01\nstatus: draft\n---\n\n" + body)
    today = {"SOURCE_DATE_EPOCH": "1796616000"}  # 2026-12-07 12:00 Asia/Shanghai

    def flagged(output: str) -> list[str]:
        return [line[line.index("content/news/"):].split(":")[0] for line in output.splitlines()
                if "content/news/" in line and "卫生计生委" in line]

    runs = [run_cli(site, "build", env=today), run_cli(site, "build", env=today), run_cli(site, "check", env=today)]
    assert [r.returncode for r in runs] == [0, 0, 0], runs[0].stderr
    built, rebuilt, checked = flagged(runs[0].stderr), flagged(runs[1].stderr), flagged(runs[2].stdout)
    assert built == rebuilt == checked == ["content/news/later.md", "content/news/now.md"], (built, rebuilt, checked)
