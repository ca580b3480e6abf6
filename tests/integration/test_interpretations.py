"""政策解读 both ways, 在线访谈 and 征集调查 on real builds, and their findings in `check` and the build."""

from __future__ import annotations

import json

import pytest
from mkdocs.exceptions import Abort

from helpers import article, texts

DOCUMENT = article("关于印发家庭医生签约服务实施方案的通知", "2025-03-10", doc_no="市卫发〔2025〕3号",
                   doc_type="行政规范性文件", body="各有关单位：现将实施方案印发给你们。\n")
OTHER = article("关于做好春季传染病防控的通知", "2025-04-01", doc_no="市卫办[2025]9号", 文件类型="行政规范性文件",
                body="各有关单位：请做好防控。\n")


def policy_site(site):
    site.column("policy", "政策文件", kind="notices", order=3)
    site.write("health-weekly/b.md", article("乙", "2025-01-08", issue=1))
    site.write("policy/fangan.md", DOCUMENT)
    site.write("policy/chuanranbing.md", OTHER)
    return site


def test_a_document_lists_its_interpretations_and_each_links_back(site):
    policy_site(site)
    site.write("news/jiedu.md", article("图解家庭医生签约服务", "2025-03-12", interprets="市卫发[2025]3号"))
    site.write("news/wenda.md", article("家庭医生签约服务问答", "2025-03-15",
                                        interprets=["policy/fangan.md", "市卫办[2025]9号"]))
    built = site.build()
    document = built.page("policy/2025/03/fangan/")
    related = document.select(".hp-linked--interpretations a")
    assert [a.get_text() for a in related] == ["家庭医生签约服务问答", "图解家庭医生签约服务"]
    assert document.select_one("#hp-interpretations").get_text() == "相关解读"
    answer = built.page("news/2025/03/wenda/")
    assert texts(answer, ".hp-linked--documents h2") == ["解读的文件"]
    back = answer.select(".hp-linked--documents li")
    assert [li.a.get_text() for li in back] == ["关于印发家庭医生签约服务实施方案的通知", "关于做好春季传染病防控的通知"]
    assert "市卫发〔2025〕3号" in back[0].get_text()
    assert back[0].a["href"] == "../../../../policy/2025/03/fangan/"
    assert not built.page("news/2025/03/jiedu/").select(".hp-linked--interpretations")


def test_an_interpretation_of_a_document_that_does_not_exist_is_an_error_in_check_and_build(site, run_cli,
                                                                                          build_errors):
    policy_site(site)
    site.write("news/jiedu.md", "---\ntitle: 解读\ndate: 2025-03-12\n解读文件:\n  - 市卫发〔2025〕3号\n"
                                "  - 市卫发〔2025〕99号\n---\n\n正文。\n")
    checked = run_cli(site, "check", "--format", "json")
    assert "Traceback" not in checked.stderr
    found = [f for f in json.loads(checked.stdout) if f["code"] == "interprets-unknown"]
    assert [(f["path"], f["line"], f["field"], f["level"]) for f in found] == [("content/news/jiedu.md", 6, "解读文件", "error")]
    assert "市卫发〔2025〕99号" in found[0]["message"] and "不存在" in found[0]["message"]
    with pytest.raises(Abort):
        site.build()
    assert any(e.startswith("content/news/jiedu.md:6: 解读文件:") and "99号" in e for e in build_errors())


def test_check_compliance_lists_normative_documents_without_interpretation(site, run_cli):
    policy_site(site)
    site.write("news/jiedu.md", article("图解", "2025-03-12", interprets="市卫发〔2025〕3号"))
    site.build()  # the build publishes: a document without 解读 is the inspection's
    result = run_cli(site, "check", "--compliance", "--format", "json")
    found = [f for f in json.loads(result.stdout) if f["code"] == "uninterpreted-document"]
    assert [(f["path"], f["line"], f["field"], f["level"]) for f in found] == [
        ("content/policy/chuanranbing.md", 5, "文件类型", "warning")]
    assert "关于做好春季传染病防控的通知" in found[0]["message"]


def test_an_interview_shows_its_time_guests_and_stage(site):
    site.column("interviews", "在线访谈", kind="interviews", order=4)
    site.write("health-weekly/b.md", article("乙", "2025-01-08", issue=1))
    site.write("interviews/yugao.md", article("访谈预告：儿童免疫接种", "2025-01-10", interview_time="2099-06-18 15:00",
                                              guests=["王敏（市疾控中心主任）"], host="李华"))
    site.write("interviews/huigu.md", article("家庭医生签约服务在线访谈", "2025-05-20", 访谈时间="2025-05-18 15:00",
                                              嘉宾=["张明（市卫生健康委副主任）", "刘芳（社区卫生服务中心主任）"],
                                              访谈阶段="回顾", body="**主持人**：各位网友好。\n"))
    built = site.build()
    review = built.page("interviews/2025/05/huigu/")
    facts = dict(zip(texts(review, ".hp-interview-facts dt"), texts(review, ".hp-interview-facts dd")))
    assert facts["访谈状态"] == "访谈回顾" and facts["访谈时间"] == "2025年5月18日 15:00"
    assert texts(review, ".hp-guests li") == ["张明（市卫生健康委副主任）", "刘芳（社区卫生服务中心主任）"]
    listed = built.page("interviews/")
    assert texts(listed, ".hp-list .hp-activity-status") == ["访谈回顾", "访谈预告"]
    assert "访谈时间：2025年5月18日 15:00 嘉宾：张明（市卫生健康委副主任）、刘芳（社区卫生服务中心主任）" in texts(listed, ".hp-list__summary")
    notice = built.page("interviews/2025/01/yugao/")
    assert dict(zip(texts(notice, ".hp-interview-facts dt"), texts(notice, ".hp-interview-facts dd")))["主持人"] == "李华"
    assert texts(notice, ".hp-activity-status") == ["访谈预告"]


def test_a_survey_shows_its_dates_and_results_and_one_past_its_close_without_results_is_a_warning(site, run_cli):
    site.column("surveys", "征集调查", kind="surveys", order=4)
    site.write("health-weekly/b.md", article("乙", "2025-01-08", issue=1))
    site.write("surveys/done.md", article("征求意见：控烟条例", "2025-02-01", opens="2025-02-01", closes="2025-02-28",
                                          opinions=126, results="共收到意见 126 条。\n采纳 30 条。"))
    site.write("surveys/late.md", "---\ntitle: 问卷：就医体验\ndate: 2025-03-01\n征集开始: 2025-03-01\n"
                                  "征集截止: 2025-03-31\n---\n\n请填写问卷。\n")
    site.write("surveys/open.md", article("问卷：健康素养", "2025-04-01", opens="2025-04-01", closes="2099-12-31"))
    built = site.build()
    done = built.page("surveys/2025/02/done/")
    assert texts(done, ".hp-survey-results p") == ["共收到意见 126 条。", "采纳 30 条。"]
    facts = dict(zip(texts(done, ".hp-survey-facts dt"), texts(done, ".hp-survey-facts dd")))
    assert facts == {"征集状态": "已公布结果", "征集时间": "2025年2月1日 至 2025年2月28日", "收到意见": "126 条"}
    assert texts(built.page("surveys/2025/04/open/"), ".hp-activity-status") == ["征集中"]
    assert texts(built.page("surveys/"), ".hp-list .hp-activity-status") == ["征集中", "已截止", "已公布结果"]
    found = [f for f in json.loads(run_cli(site, "check", "--compliance", "--format", "json").stdout)
             if f["code"].startswith("survey")]
    assert [(f["path"], f["line"], f["field"], f["code"], f["level"]) for f in found] == [
        ("content/surveys/late.md", 5, "征集截止", "survey-results-missing", "warning")]
    assert not [f for f in json.loads(run_cli(site, "check", "--format", "json").stdout) if f["code"].startswith("survey")]


def test_survey_results_published_before_the_survey_closes_are_a_warning_of_build_and_check(site, run_cli):
    site.column("surveys", "征集调查", kind="surveys", order=4)
    site.write("health-weekly/b.md", article("乙", "2025-01-08", issue=1))
    site.write("surveys/early.md", "---\ntitle: 问卷：健康素养\ndate: 2025-04-01\n征集开始: 2025-04-01\n"
                                   "征集截止: 2099-12-31\n结果: 共收到意见 3 条。\n---\n\n请填写问卷。\n")
    for args in (("build",), ("check",), ("check", "--compliance")):
        result = run_cli(site, *args, "--format", "json") if args[0] == "check" else run_cli(site, *args)
        if args[0] == "build":
            assert result.returncode == 0 and "content/surveys/early.md:6: 结果: 征集到 2099-12-31 才截止" in result.stderr
            continue
        found = [f for f in json.loads(result.stdout) if f["code"].startswith("survey")]
        assert [(f["path"], f["line"], f["field"], f["code"], f["level"]) for f in found] == [
            ("content/surveys/early.md", 6, "结果", "survey-results-too-early", "warning")], args


def test_a_survey_without_its_dates_is_an_error(site, build_errors):
    site.column("surveys", "征集调查", kind="surveys", order=4)
    site.write("health-weekly/b.md", article("乙", "2025-01-08", issue=1))
    site.write("surveys/a.md", article("问卷", "2025-03-01", closes="2025-02-01", opens="2025-03-01"))
    site.write("surveys/b.md", article("问卷二", "2025-03-01", opens="2025-03-01"))
    with pytest.raises(Abort):
        site.build()
    errors = build_errors()
    assert any(e.startswith("content/surveys/a.md:4: closes:") and "早于" in e for e in errors), errors
    assert any(e.startswith("content/surveys/b.md:1: closes:") for e in errors), errors


@pytest.mark.parametrize("kind, writes, found", [
    ("survey", {"opens": "2025-03-01"}, ("closes", "survey-field-missing")),
    ("interview", {"interview_time": "2025-03-01 15:00"}, ("guests", "interview-field-missing")),
    ("letter", {"writer": "王女士", "received": "2025-03-01", "replied_on": "2025-02-01"}, ("replied_on", "letter-reply-before-received")),
])
def test_a_wrong_column_kind_hides_none_of_its_articles_kind_findings(site, run_cli, kind, writes, found):
    site.column("odd", "专栏", kind=kind, order=4)
    site.write("health-weekly/b.md", article("乙", "2025-01-08", issue=1))
    site.write("odd/a.md", article("甲", "2025-03-01", **writes))
    site.write("odd/plain.md", article("丙", "2025-03-02"))
    site.write_project()
    findings = json.loads(run_cli(site, "check", "--format", "json").stdout)
    assert [(f["path"], f["field"]) for f in findings if f["path"].startswith("columns/")] == [("columns/odd.yml", "kind")]
    told = [(f["path"], f["field"], f["code"]) for f in findings if f["path"].startswith("content/")]
    assert ("content/odd/a.md", *found) in told and {path for path, _, _ in told} == {"content/odd/a.md"}, told


def test_a_field_of_another_kind_of_column_is_a_warning_not_silently_dropped(site, run_cli):
    site.write("health-weekly/b.md", article("乙", "2025-01-08", issue=1))
    site.write("news/a.md", article("甲", "2025-01-08", 征集截止="2025-02-01", 嘉宾=["张明"], doc_type="行政规范性文件"))
    found = [f for f in json.loads(run_cli(site, "check", "--format", "json").stdout) if f["code"] == "field-not-used"]
    assert [(f["line"], f["field"], f["level"]) for f in found] == [(4, "征集截止", "warning"), (5, "嘉宾", "warning"),
                                                                    (7, "doc_type", "warning")]
    assert "征集调查栏目" in found[0]["message"] and "文号" in found[2]["message"]


def test_an_article_refused_for_another_error_still_has_its_interpretation_and_survey_checked(site, run_cli):
    policy_site(site)
    site.column("surveys", "征集调查", kind="surveys", order=4)
    site.write("news/jiedu.md", article("解读", "2025-03-12", status="发布", interprets="市卫发〔2025〕99号"))
    site.write("surveys/a.md", article("问卷", "2025-03-01", status="发布", opens="2025-03-01", closes="2025-02-01"))
    found = {(f["path"], f["line"], f["field"], f["code"]) for f in json.loads(run_cli(site, "check", "--format", "json").stdout)}
    assert {("content/news/jiedu.md", 4, "status", "invalid-literal_error"), ("content/news/jiedu.md", 5, "interprets", "interprets-unknown"),
            ("content/surveys/a.md", 6, "closes", "survey-closes-before-opens")} <= found, found


def test_a_scheduled_interpretation_or_survey_with_an_error_is_reported_before_its_day(site, run_cli):
    policy_site(site)
    site.write("news/later.md", article("解读", "2099-03-12", interprets="市卫发〔2025〕99号"))
    site.write("news/with-doc.md", article("另一篇解读", "2099-03-12", interprets="policy/later-doc.md"))
    site.write("policy/later-doc.md", article("以后的文件", "2099-03-10", doc_no="市卫发〔2099〕1号"))
    site.column("surveys", "征集调查", kind="surveys", order=4)
    site.write("surveys/later.md", article("问卷", "2099-03-01", closes="2099-03-31"))
    found = [f for f in json.loads(run_cli(site, "check", "--format", "json").stdout)
             if f["code"] in ("interprets-unknown", "survey-field-missing")]
    assert [(f["path"], f["line"], f["field"]) for f in found] == [("content/news/later.md", 4, "interprets"),
                                                                   ("content/surveys/later.md", 1, "opens")]


def test_a_doc_no_that_two_documents_share_is_an_error_in_a_jiedu_not_a_silent_choice(site, run_cli, build_errors):
    policy_site(site)
    site.write("policy/chongfu.md", article("另一份文件", "2025-03-11", doc_no="市卫发〔2025〕3号", body="正文。\n"))
    site.write("news/jiedu.md", article("解读", "2025-03-12", interprets="市卫发[2025]3号"))
    checked = run_cli(site, "check", "--format", "json")
    found = [f for f in json.loads(checked.stdout) if f["path"] == "content/news/jiedu.md"]
    assert [(f["code"], f["field"], f["level"]) for f in found] == [("interprets-ambiguous", "interprets", "error")]
    assert "content/policy/fangan.md" in found[0]["message"] and "content/policy/chongfu.md" in found[0]["message"]
    with pytest.raises(Abort):
        site.build()
    assert any(e.startswith("content/news/jiedu.md:") and "chongfu.md" in e for e in build_errors()), build_errors()
    site.write("news/jiedu.md", article("解读", "2025-03-12", interprets="policy/chongfu.md"))  # the path settles it
    built = site.build()
    assert [a.get_text() for a in built.page("news/2025/03/jiedu/").select(".hp-linked--documents a")] == ["另一份文件"]


def test_a_jiedu_of_an_expired_document_says_it_expired_not_that_it_is_not_yet_published(site, run_cli):
    policy_site(site)
    site.write("policy/guoqi.md", article("临时通知", "2025-03-01", doc_no="市卫发〔2025〕5号", expires="2025-03-31",
                                          body="正文。\n"))
    site.write("news/jiedu.md", article("解读", "2025-03-12", interprets="市卫发〔2025〕5号"))
    checked = run_cli(site, "check", "--format", "json")
    found = [f for f in json.loads(checked.stdout) if f["path"] == "content/news/jiedu.md"]
    assert [(f["code"], f["field"]) for f in found] == [("interprets-unknown", "interprets")]
    assert "2025年3月31日" in found[0]["message"] and "到期" in found[0]["message"]
    assert "还没有发布" not in found[0]["message"]


def test_a_survey_date_or_interview_guests_written_empty_is_reported_at_its_own_line_and_key(site, run_cli):
    site.column("surveys", "征集调查", kind="surveys", order=4)
    site.column("interviews", "在线访谈", kind="interviews", order=5)
    site.write("surveys/a.md", "---\ntitle: 问卷\ndate: 2025-03-01\n征集开始:\n征集截止: 2025-03-31\n---\n\n正文。\n")
    site.write("interviews/a.md", "---\ntitle: 访谈\ndate: 2025-03-01\n访谈时间: 2025-03-01 15:00\n嘉宾: []\n---\n\n正文。\n")
    found = {(f["path"], f["line"], f["field"], f["code"])
             for f in json.loads(run_cli(site, "check", "--format", "json").stdout)}
    assert ("content/surveys/a.md", 4, "征集开始", "survey-field-missing") in found, found
    assert ("content/interviews/a.md", 5, "嘉宾", "interview-field-missing") in found, found


def test_a_scheduled_jiedu_of_a_draft_or_of_a_document_dated_after_it_is_reported_before_its_day(site, run_cli):
    policy_site(site)
    site.write("policy/draft.md", article("草稿文件", "2025-03-01", doc_no="市卫发〔2025〕7号", status="draft"))
    site.write("policy/after.md", article("更晚的文件", "2099-05-01", doc_no="市卫发〔2099〕2号"))
    site.write("policy/before.md", article("更早的文件", "2099-03-01", doc_no="市卫发〔2099〕1号"))
    site.write("news/later.md", "---\ntitle: 解读\ndate: 2099-04-01\ninterprets:\n  - 市卫发〔2025〕7号\n"
                                "  - 市卫发〔2099〕2号\n  - 市卫发〔2099〕1号\n---\n\n正文。\n")
    found = [f for f in json.loads(run_cli(site, "check", "--format", "json").stdout) if f["code"] == "interprets-unknown"]
    assert [(f["path"], f["line"]) for f in found] == [("content/news/later.md", 5), ("content/news/later.md", 6)]
    assert all("还没有发布" in f["message"] for f in found)


def test_a_survey_opinions_count_beyond_what_the_yearly_form_keeps_is_an_error_at_its_line(site, run_cli):
    site.column("surveys", "征集调查", kind="surveys", order=4)
    site.write("surveys/a.md", article("问卷", "2025-03-01", opens="2025-03-01", closes="2025-03-31",
                                       opinions=10 ** 20, results="采纳 3 条。"))
    found = [f for f in json.loads(run_cli(site, "check", "--format", "json").stdout) if f["path"] == "content/surveys/a.md"]
    assert [(f["line"], f["field"], f["level"]) for f in found] == [(6, "opinions", "error")], found
