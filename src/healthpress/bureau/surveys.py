"""征集调查: a call for opinions with its open and close dates, then its published results (pure).

A survey is an article of a `surveys` column; the body is the call. Its own fields: 征集开始 (`opens`) and
征集截止 (`closes`), both required; 收到意见 (`opinions`, how many were received) and 结果 (`results`, the
results' text, shown on the same page under 征集结果) once they are published.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Literal, Mapping

from healthpress.bureau.kindfields import missing_field_findings
from healthpress.model.articles import Article
from healthpress.model.dates import SHANGHAI, iso_date
from healthpress.model.findings import Finding, Level

Status = Literal["未开始", "征集中", "已截止", "已公布结果"]


@dataclass(frozen=True, slots=True)
class Survey:
    """A survey: its dates (Beijing time), how many opinions came in and its results once published."""

    src_uri: str
    opens: dt.date
    closes: dt.date
    opinions: int | None
    results: str | None


def _day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(SHANGHAI).date() if moment.tzinfo else moment.date()


def survey_status(survey: Survey, today: dt.date) -> Status:
    """未开始 before its open date, 征集中 until the end of its close date, then 已截止 until its results
    are written (已公布结果)."""
    if survey.results:
        return "已公布结果"
    if today < survey.opens:
        return "未开始"
    return "征集中" if today <= survey.closes else "已截止"


def build_surveys(articles: Iterable[Article], survey_columns: set[str], paths: Mapping[str, str],
                  now: dt.datetime | None = None) -> tuple[dict[str, Survey], list[Finding]]:
    """Every survey of a surveys column, by src_uri, and what is wrong with them: a missing date, a close
    date before the open date, and (given `now`) results that appear before the survey has closed."""
    surveys: dict[str, Survey] = {}
    findings: list[Finding] = []
    for article in articles:
        if article.column not in survey_columns:
            continue
        path = paths.get(article.src_uri, article.src_uri)
        fields = dict(article.activity_fields)
        missing = missing_field_findings(article, path, {"opens": "征集开始日期", "closes": "征集截止日期"},
                                         "survey-field-missing", "征集调查栏目")
        findings += missing
        if missing:
            continue
        survey = Survey(article.src_uri, _day(fields["opens"]), _day(fields["closes"]), fields.get("opinions"),
                        fields.get("results") or None)
        if survey.closes < survey.opens:
            line, key = article.where("closes")
            findings.append(Finding(path, line, key, "survey-closes-before-opens",
                                    f"征集截止日期 {iso_date(survey.closes)} 早于开始日期 {iso_date(survey.opens)}",
                                    "核对两个日期"))
            continue
        if now is not None:
            findings += early_results(survey, article, path, now)
        surveys[article.src_uri] = survey
    return surveys, findings


def early_results(survey: Survey, article: Article, path: str, now: dt.datetime) -> list[Finding]:
    """A warning when the results appear (now, or at the article's later date if it is scheduled) on or
    before the close date: the survey was still open, so the date or the results are wrong."""
    shown_on = max(_day(now), _day(article.date))
    if not survey.results or shown_on > survey.closes:
        return []
    line, key = article.where("results")
    return [Finding(path, line, key, "survey-results-too-early",
                    f"征集到 {iso_date(survey.closes)} 才截止，结果却在 {iso_date(shown_on)} 就公布了",
                    "截止日期写错时改正征集截止；征集还没有结束时先删去结果，截止后再写", Level.WARNING)]


def missing_results(surveys: Iterable[Survey], articles: Mapping[str, Article], paths: Mapping[str, str],
                    today: dt.date) -> list[Finding]:
    """A warning for each survey past its close date without results (`healthpress check --compliance`)."""
    findings = []
    for survey in surveys:
        if survey_status(survey, today) != "已截止":
            continue
        line, key = articles[survey.src_uri].where("closes")
        findings.append(Finding(paths.get(survey.src_uri, survey.src_uri), line, key, "survey-results-missing",
                                f"征集已于 {iso_date(survey.closes)} 截止，还没有公布结果",
                                "在文件头写 results: 征集结果（收到的意见及采纳情况），和 opinions: 收到的意见条数",
                                Level.WARNING))
    return findings


def surveys_held(surveys: Iterable[Survey], year: int) -> list[Survey]:
    """The surveys opened in `year`: the yearly form's 征集调查期数."""
    return [s for s in surveys if s.opens.year == year]


def count_surveys_held(surveys: Iterable[Survey], year: int) -> int:
    """How many surveys opened in `year`."""
    return len(surveys_held(surveys, year))


def count_surveys_with_results(surveys: Iterable[Survey], year: int) -> int:
    """How many surveys opened in `year` have their results published: the form's 公布调查结果期数."""
    return sum(1 for s in surveys_held(surveys, year) if s.results)


def count_opinions(surveys: Iterable[Survey], year: int) -> int | None:
    """The opinions received by the surveys opened in `year` (the form's 收到意见数量), None when a survey of
    the year has not said how many (a figure not known is not 0)."""
    held = surveys_held(surveys, year)
    if any(s.opinions is None for s in held):
        return None
    return sum(s.opinions or 0 for s in held)
