"""政策解读, 在线访谈 and 征集调查: resolving 解读 to documents, statuses, and the yearly counts (pure)."""

from __future__ import annotations

import datetime as dt

import pytest

from healthpress.bureau.interpretation import (build_interpretations, count_interpretations, doc_no_key,
                                               uninterpreted_documents)
from healthpress.bureau.interviews import build_interviews, count_interviews_held, overdue_reviews
from healthpress.bureau.surveys import (Survey, build_surveys, count_opinions, count_surveys_held,
                                        count_surveys_with_results, missing_results, survey_status)
from healthpress.model.articles import parse_article
from healthpress.model.columns import Column

CST = dt.timezone(dt.timedelta(hours=8))


def make(src_uri: str, front: str):
    article, findings = parse_article("content/" + src_uri, src_uri, "---\ntitle: 题\n" + front + "---\n正文\n")
    assert article is not None, findings
    return article


def column(column_id: str, kind: str) -> Column:
    return Column(column_id, column_id, "", kind, 1, 20, 6, False)


COLUMNS = {"policy": column("policy", "notices"), "news": column("news", "news")}
PATHS: dict[str, str] = {}


@pytest.mark.parametrize("a, b", [("宜卫办[2013]79号", "宜卫办〔2013〕79号"), ("宜卫办【2013】79号", "宜卫办 [2013] ７９号"),
                                  ("宜卫办(2013)79号", "宜卫办〔2013〕79号"), ("宜卫办（2013）79号", "宜卫办[2013]79号")])
def test_brackets_digits_and_spaces_of_a_doc_no_compare_the_same(a, b):
    assert doc_no_key(a) == doc_no_key(b)


def test_each_interpretation_finds_its_documents_by_doc_no_or_path_and_each_document_its_interpretations():
    document = make("policy/a.md", "date: 2025-03-01\ndoc_no: 市卫发〔2025〕3号\n")
    other = make("policy/b.md", "date: 2025-03-02\n")
    first = make("news/x.md", "date: 2025-03-05\ninterprets: 市卫发[2025]3号\n")
    second = make("news/y.md", "date: 2025-03-06\ninterprets:\n  - /content/policy/b.md\n  - policy/a.md\n")
    found, findings = build_interpretations([second, first, other, document], PATHS)
    assert findings == []
    assert found.documents_of == {"news/y.md": ("policy/b.md", "policy/a.md"), "news/x.md": ("policy/a.md",)}
    assert found.interpretations_of == {"policy/b.md": ("news/y.md",), "policy/a.md": ("news/y.md", "news/x.md")}


@pytest.mark.parametrize("front, withheld, line, words", [
    ("interprets:\n  - policy/a.md\n  - 市卫发〔2025〕99号\n", False, 6, "不存在"),
    ("interprets: news/x.md\n", False, 4, "自己"),
    ("interprets: 市卫发〔2025〕7号\n", True, 4, "还没有发布"),
], ids=["unknown-doc-no", "itself", "not-yet-published"])
def test_a_name_that_is_no_published_document_is_an_error_on_its_line(front, withheld, line, words):
    document = make("policy/a.md", "date: 2025-03-01\n")
    later = make("policy/c.md", "date: 2099-03-01\ndoc_no: 市卫发〔2025〕7号\n")
    interpretation = make("news/x.md", "date: 2025-03-05\n" + front)
    _, findings = build_interpretations([interpretation, document], {"news/x.md": "content/news/x.md"},
                                        [later] if withheld else [])
    assert [(f.path, f.line, f.field, f.code) for f in findings] == [
        ("content/news/x.md", line, "interprets", "interprets-unknown")]
    assert words in findings[0].message


def test_normative_documents_in_force_without_interpretation():
    interpreted = make("policy/a.md", "date: 2025-03-01\ndoc_no: 甲〔2025〕1号\ndoc_type: 行政规范性文件\n")
    alone = make("policy/b.md", "date: 2025-03-02\ndoc_no: 甲〔2025〕2号\ndoc_type: 行政规范性文件\n")
    repealed = make("policy/c.md", "date: 2025-03-02\ndoc_no: 甲〔2025〕3号\ndoc_type: 行政规范性文件\n"
                                   "validity: 废止\nreplaced_by: /policy/\n")
    rule = make("policy/d.md", "date: 2025-03-02\ndoc_no: 甲〔2025〕4号\ndoc_type: 规章\n")
    plain = make("policy/e.md", "date: 2025-03-02\ndoc_no: 甲〔2025〕5号\n")
    news = make("news/f.md", "date: 2025-03-02\ndoc_type: 行政规范性文件\n")
    interpretation = make("news/x.md", "date: 2025-03-05\ninterprets: 甲〔2025〕1号\n")
    articles = [interpretation, interpreted, alone, repealed, rule, plain, news]
    found, _ = build_interpretations(articles, PATHS)
    assert [a.src_uri for a in uninterpreted_documents(articles, COLUMNS, found)] == ["policy/b.md"]


def test_interpretations_are_counted_by_their_year_in_beijing_time():
    articles = [make("news/a.md", "date: 2025-01-01 00:30\ninterprets: x\n"), make("news/b.md", "date: 2024-12-31\ninterprets: x\n"),
                make("news/c.md", "date: 2025-06-01\n")]
    assert (count_interpretations(articles, 2025), count_interpretations(articles, 2024)) == (1, 1)


NOW = dt.datetime(2025, 7, 1, 12, 0, tzinfo=CST)


def test_interviews_need_time_and_guests_a_review_comes_after_and_held_ones_are_counted():
    good = make("talk/a.md", "date: 2025-05-20\ninterview_time: 2025-05-18 15:00\nguests: [甲]\nstage: 回顾\n")
    announced = make("talk/b.md", "date: 2025-06-01\ninterview_time: 2025-06-10 15:00\nguests: [乙]\n")
    coming = make("talk/c.md", "date: 2025-06-20\ninterview_time: 2025-07-10 15:00\nguests: [丙]\n")
    early = make("talk/d.md", "date: 2025-06-20\ninterview_time: 2025-08-10\nguests: [丁]\nstage: 回顾\n")
    bare = make("talk/e.md", "date: 2025-06-20\nguests: [戊]\n")
    scheduled = make("talk/f.md", "date: 2025-08-12\ninterview_time: 2025-08-10\nguests: [己]\nstage: 回顾\n")
    interviews, findings = build_interviews([good, announced, coming, early, bare, scheduled], {"talk"}, PATHS, NOW)
    assert [(f.path, f.line, f.field, f.code) for f in findings] == [
        ("talk/d.md", 6, "stage", "interview-review-too-early"), ("talk/e.md", 1, "interview_time", "interview-field-missing")]
    assert count_interviews_held(interviews.values(), 2025, NOW) == 2
    by_src = {a.src_uri: a for a in [good, announced, coming]}
    late = overdue_reviews(interviews.values(), by_src | {"talk/d.md": early}, PATHS, NOW)
    assert [(f.path, f.line, f.code) for f in late] == [("talk/b.md", 4, "interview-review-missing")]


@pytest.mark.parametrize("today, status", [
    (dt.date(2025, 2, 28), "未开始"), (dt.date(2025, 3, 1), "征集中"), (dt.date(2025, 3, 31), "征集中"),
    (dt.date(2025, 4, 1), "已截止"),
])
def test_survey_status_by_its_dates(today, status):
    survey = Survey("s/a.md", dt.date(2025, 3, 1), dt.date(2025, 3, 31), None, None)
    assert survey_status(survey, today) == status
    assert survey_status(Survey("s/a.md", survey.opens, survey.closes, 3, "结果"), today) == "已公布结果"


def test_surveys_past_their_close_without_results_are_warned_and_counted_by_the_year_they_opened():
    done = make("s/a.md", "date: 2025-02-01\nopens: 2025-02-01\ncloses: 2025-02-28\nopinions: 20\nresults: 好\n")
    late = make("s/b.md", "date: 2025-03-01\n征集开始: 2025-03-01\n征集截止: 2025-03-31\nopinions: 5\n")
    open_ = make("s/c.md", "date: 2025-06-01\nopens: 2025-06-01\ncloses: 2025-07-31\n")
    wrong = make("s/d.md", "date: 2025-06-01\nopens: 2025-06-01\ncloses: 2025-05-31\n")
    surveys, findings = build_surveys([done, late, open_, wrong], {"s"}, PATHS)
    assert [(f.path, f.line, f.code) for f in findings] == [("s/d.md", 5, "survey-closes-before-opens")]
    by_src = {a.src_uri: a for a in [done, late, open_]}
    warned = missing_results(surveys.values(), by_src, PATHS, NOW.date())
    assert [(f.path, f.line, f.field, f.code) for f in warned] == [("s/b.md", 5, "征集截止", "survey-results-missing")]
    assert (count_surveys_held(surveys.values(), 2025), count_surveys_with_results(surveys.values(), 2025)) == (3, 1)
    assert count_opinions(surveys.values(), 2025) is None, "a survey that has not said how many: not 0"
    assert count_opinions([s for s in surveys.values() if s.opinions is not None], 2025) == 25


def test_survey_results_that_appear_before_the_survey_closes_are_a_warning():
    early = make("s/a.md", "date: 2025-06-01\nopens: 2025-06-01\ncloses: 2025-07-31\nresults: 好\n")
    last_day = make("s/b.md", "date: 2025-06-01\nopens: 2025-06-01\ncloses: 2025-06-20\nresults: 好\n")
    scheduled = make("s/c.md", "date: 2025-07-01\nopens: 2025-06-01\ncloses: 2025-06-25\nresults: 好\n")
    on_time = make("s/d.md", "date: 2025-05-01\nopens: 2025-05-01\ncloses: 2025-05-31\nresults: 好\n")
    now = dt.datetime(2025, 6, 20, 12, 0, tzinfo=CST)
    surveys, findings = build_surveys([early, last_day, scheduled, on_time], {"s"}, PATHS, now)
    assert [(f.path, f.line, f.field, f.code, f.level.value) for f in findings] == [
        ("s/a.md", 6, "results", "survey-results-too-early", "warning"),
        ("s/b.md", 6, "results", "survey-results-too-early", "warning")]
    assert "2025-07-31" in findings[0].message and "2025-06-20" in findings[0].message
    assert len(surveys) == 4, "the survey is still shown: a warning, not a refusal"
