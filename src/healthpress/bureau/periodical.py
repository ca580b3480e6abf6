"""A periodical column (健康周刊): its articles grouped into numbered issues (期号), and their gaps (pure).

Every function takes the published articles of ONE periodical column (e.g.
`catalog.by_column["health-weekly"]`); two periodicals each have their own issue 1.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping

from healthpress.model.articles import Article
from healthpress.model.dates import SHANGHAI, iso_date
from healthpress.model.findings import Finding, Level

SAME_ISSUE_DAYS = 7
"""Articles of one weekly issue are dated within a week of each other; further apart is likely a typo."""


@dataclass(frozen=True, slots=True)
class Issue:
    """One issue: its number, the date of its earliest article, its articles by date then source path."""

    number: int
    date: dt.datetime
    articles: tuple[Article, ...]

    @property
    def year(self) -> int:
        return self.date.astimezone(SHANGHAI).year

    @property
    def label(self) -> str:
        """第8期"""
        return f"第{self.number}期"


@dataclass(frozen=True, slots=True)
class IssueYear:
    """The issues whose date falls in one year, newest (highest number) first."""

    year: int
    issues: tuple[Issue, ...]

    @property
    def count(self) -> int:
        return len(self.issues)


def _in_issue_order(article: Article) -> tuple:
    return (article.date.timestamp(), article.src_uri)


def build_issues(articles: Iterable[Article]) -> tuple[Issue, ...]:
    """The issues of one periodical column in number order; articles without `issue` are left out."""
    numbered: dict[int, list[Article]] = defaultdict(list)
    for article in articles:
        if article.issue is not None:
            numbered[article.issue].append(article)
    issues = []
    for number in sorted(numbered):
        members = tuple(sorted(numbered[number], key=_in_issue_order))
        issues.append(Issue(number, members[0].date, members))
    return tuple(issues)


def issues_by_year(issues: Iterable[Issue]) -> tuple[IssueYear, ...]:
    """Years newest first, each with its issues newest first (the 往期 list)."""
    years: dict[int, list[Issue]] = defaultdict(list)
    for issue in issues:
        years[issue.year].append(issue)
    return tuple(IssueYear(year, tuple(sorted(years[year], key=lambda i: -i.number)))
                 for year in sorted(years, reverse=True))


def find_issue(issues: Iterable[Issue], number: int) -> Issue | None:
    """The issue numbered `number`, or None."""
    return next((issue for issue in issues if issue.number == number), None)


def issue_neighbours(issues: tuple[Issue, ...], number: int) -> tuple[Issue | None, Issue | None]:
    """(previous, next) issue by number around issue `number`; a missing number is skipped over."""
    ordered = sorted(issues, key=lambda i: i.number)
    earlier = [i for i in ordered if i.number < number]
    later = [i for i in ordered if i.number > number]
    return (earlier[-1] if earlier else None, later[0] if later else None)


def all_issue_neighbours(issues: Iterable[Issue]) -> dict[int, tuple[Issue | None, Issue | None]]:
    """`issue_neighbours` of every issue at once (one sort, not one per issue)."""
    ordered = sorted(issues, key=lambda i: i.number)
    return {issue.number: (ordered[n - 1] if n > 0 else None, ordered[n + 1] if n + 1 < len(ordered) else None)
            for n, issue in enumerate(ordered)}


def current_issue(issues: Iterable[Issue]) -> Issue | None:
    """The latest issue (the highest number), or None when there is none yet."""
    return max(issues, key=lambda i: i.number, default=None)


def periodical_findings(
    articles: Iterable[Article], column_title: str = "期刊", paths: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Warnings for one periodical column: articles without a number, gaps, numbers reused weeks apart.

    `paths` maps src_uri to the path findings name (default: the src_uri itself).
    """
    articles = list(articles)
    shown = (lambda a: paths.get(a.src_uri, a.src_uri)) if paths is not None else (lambda a: a.src_uri)
    findings = [
        Finding(shown(a), 1, None, "issue-missing",
                f"这篇文章在期刊栏目“{column_title}”里，但没有写期号",
                "在文件头写 issue: 12 或 期号: 12（这篇文章所在那一期的期号）", Level.WARNING)
        for a in sorted(articles, key=_in_issue_order) if a.issue is None
    ]
    issues = build_issues(articles)
    findings += _gap_findings(issues, shown)
    findings += _spread_findings(issues, shown)
    return findings


def _gap_findings(issues: tuple[Issue, ...], shown) -> list[Finding]:
    findings = []
    for before, after in zip(issues, issues[1:]):
        if after.number == before.number + 1:
            continue
        missing = format_numbers(range(before.number + 1, after.number))
        first_after = after.articles[0]
        findings.append(Finding(
            shown(first_after), first_after.line_of("issue"), first_after.key_of("issue"), "issue-gap",
            f"期号不连续，缺少第 {missing} 期：第 {before.number} 期（{shown(before.articles[-1])}）"
            f"之后是第 {after.number} 期（{shown(first_after)}）",
            f"补上第 {missing} 期的文章，或核对这两篇文章的期号是否写错", Level.WARNING))
    return findings


def _spread_findings(issues: tuple[Issue, ...], shown) -> list[Finding]:
    findings = []
    for issue in issues:
        first = issue.articles[0]
        far = [a for a in issue.articles if a.date - first.date > dt.timedelta(days=SAME_ISSUE_DAYS)]
        if not far:
            continue
        listed = "、".join(f"{shown(a)}（{iso_date(a.date)}）" for a in issue.articles)
        for article in far:
            days = (article.date.date() - first.date.date()).days
            nearest = _nearest_other_issue(issues, issue, article.date)
            hint = f"；日期最接近的是第 {nearest.number} 期（{iso_date(nearest.date)}）" if nearest else ""
            findings.append(Finding(
                shown(article), article.line_of("issue"), article.key_of("issue"), "issue-reused",
                f"第 {issue.number} 期的文章日期相差 {days} 天（超过 {SAME_ISSUE_DAYS} 天），可能是期号写错了：{listed}",
                f"核对这篇文章的期号{hint}", Level.WARNING))
    return findings


def _nearest_other_issue(issues: tuple[Issue, ...], issue: Issue, moment: dt.datetime) -> Issue | None:
    others = [i for i in issues if i.number != issue.number]
    return min(others, key=lambda i: (abs((i.date - moment).total_seconds()), i.number), default=None)


def format_numbers(numbers: Iterable[int]) -> str:
    """5、6 or 5–60: runs of three or more numbers shortened with a dash."""
    numbers = sorted(numbers)
    parts: list[str] = []
    start = prev = None
    for n in numbers + [None]:
        if start is not None and n is not None and n == prev + 1:
            prev = n
            continue
        if start is not None:
            parts.append(f"{start}–{prev}" if prev - start >= 2 else
                         "、".join(str(x) for x in range(start, prev + 1)))
        start = prev = n
    return "、".join(parts)
