"""在线访谈: an interview's announcement (预告) before it, its review (回顾) with the transcript after (pure).

An interview is an article of an `interviews` column. Its own fields: 访谈时间 (`interview_time`, required),
嘉宾 (`guests`, at least one), 主持人 (`host`) and 访谈阶段 (`stage`: 预告 until the review is written, then
回顾). The body is the announcement, then the transcript with the photos (Markdown images).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Mapping

from healthpress.bureau.kindfields import missing_field_findings
from healthpress.model.articles import Article
from healthpress.model.dates import SHANGHAI, chinese_datetime
from healthpress.model.findings import Finding, Level

REVIEW_AFTER_DAYS = 7
"""An interview still announced this many days after it was held: its review is overdue."""


@dataclass(frozen=True, slots=True)
class Interview:
    """An interview: when, who, and whether the page is its announcement or its review."""

    src_uri: str
    time: dt.datetime
    guests: tuple[str, ...]
    host: str | None
    stage: str

    @property
    def is_review(self) -> bool:
        return self.stage == "回顾"


def held(interview: Interview, now: dt.datetime) -> bool:
    """Whether the interview's time has come."""
    return interview.time <= now


def build_interviews(articles: Iterable[Article], interview_columns: set[str], paths: Mapping[str, str],
                     now: dt.datetime) -> tuple[dict[str, Interview], list[Finding]]:
    """Every interview of an interviews column, by src_uri, and what is wrong with them: a missing 访谈时间 or
    嘉宾, a review (回顾) of an interview not yet held when it appears (now, or its later date if scheduled)."""
    interviews: dict[str, Interview] = {}
    findings: list[Finding] = []
    for article in articles:
        if article.column not in interview_columns:
            continue
        path = paths.get(article.src_uri, article.src_uri)
        fields = dict(article.activity_fields)
        missing = missing_field_findings(article, path, {"interview_time": "访谈时间", "guests": "嘉宾"},
                                         "interview-field-missing", "在线访谈栏目")
        findings += missing
        if missing:
            continue
        interview = Interview(article.src_uri, fields["interview_time"], tuple(fields["guests"]), fields.get("host"),
                              fields.get("stage", "预告"))
        if interview.is_review and not held(interview, max(now, article.date)):
            line, key = article.where("stage")
            findings.append(Finding(path, line, key, "interview-review-too-early",
                                    f"访谈定于 {chinese_datetime(interview.time)} 举行，还没有举行，不能是回顾",
                                    "访谈举行前写 stage: 预告；访谈后改成 stage: 回顾，并在正文写访谈实录"))
        interviews[article.src_uri] = interview
    return interviews, findings


def overdue_reviews(interviews: Iterable[Interview], articles: Mapping[str, Article], paths: Mapping[str, str],
                    now: dt.datetime, after_days: int = REVIEW_AFTER_DAYS) -> list[Finding]:
    """A warning for each interview held more than `after_days` ago whose page is still its announcement
    (`healthpress check --compliance`)."""
    findings = []
    for interview in interviews:
        if interview.is_review or (now - interview.time).days <= after_days:
            continue
        article = articles[interview.src_uri]
        line, key = article.where("stage")
        if line is None:
            line, key = article.where("interview_time")
        findings.append(Finding(paths.get(interview.src_uri, interview.src_uri), line, key, "interview-review-missing",
                                f"访谈已于 {chinese_datetime(interview.time)} 举行，页面仍是预告",
                                "在正文写访谈实录、配上现场图片，并把 stage 改成 回顾", Level.WARNING))
    return findings


def interviews_held(interviews: Iterable[Interview], year: int, now: dt.datetime) -> list[Interview]:
    """The interviews held in `year` (their 访谈时间 in that year, Beijing time, and come by `now`)."""
    return [i for i in interviews if i.time.astimezone(SHANGHAI).year == year and held(i, now)]


def count_interviews_held(interviews: Iterable[Interview], year: int, now: dt.datetime) -> int:
    """How many interviews were held in `year`: the yearly form's 在线访谈期数."""
    return len(interviews_held(interviews, year, now))
