"""Periodical columns (健康周刊): issues, years, neighbours, the current issue, and numbering warnings."""

from __future__ import annotations

import datetime as dt

import pytest

from healthpress.model.articles import Article, parse_article
from healthpress.model.findings import Level
from healthpress.bureau.periodical import (
    Issue, all_issue_neighbours, build_issues, current_issue, find_issue, format_numbers, issue_neighbours, issues_by_year,
    periodical_findings,
)

CST = dt.timezone(dt.timedelta(hours=8))


def weekly(name: str, date: str, issue: int | None = None, key: str = "issue") -> Article:
    """A real health-weekly article; the issue line (if any) is file line 4."""
    front = f"title: {name}\ndate: {date}\n" + (f"{key}: {issue}\n" if issue is not None else "")
    article, findings = parse_article(f"content/health-weekly/{name}.md", f"health-weekly/{name}.md",
                                      "---\n" + front + "---\n正文\n")
    assert findings == [] and article is not None
    return article


def numbers(issues) -> list[int]:
    return [i.number for i in issues]


def test_articles_grouped_into_issues_in_number_order():
    arts = [weekly("c", "2013-06-19", 3), weekly("a", "2013-06-05", 1), weekly("b2", "2013-06-12 10:00", 2),
            weekly("b1", "2013-06-12 10:00", 2), weekly("b0", "2013-06-12 08:00", 2), weekly("none", "2013-06-13")]
    issues = build_issues(arts)
    assert numbers(issues) == [1, 2, 3]
    second = issues[1]
    assert [a.src_uri for a in second.articles] == [
        "health-weekly/b0.md", "health-weekly/b1.md", "health-weekly/b2.md"]  # by date, then source path
    assert second.date == dt.datetime(2013, 6, 12, 8, 0, tzinfo=CST)
    assert (second.year, second.label) == (2013, "第2期")


def test_chinese_issue_key_counts_the_same():
    assert numbers(build_issues([weekly("a", "2013-06-05", 7, key="期号")])) == [7]


def test_no_issues():
    assert build_issues([]) == ()
    assert current_issue(()) is None
    assert issues_by_year(()) == ()


def test_issues_by_year_newest_first():
    arts = [weekly("a", "2013-12-25", 30), weekly("b", "2014-01-01", 31), weekly("c", "2014-01-08", 32),
            weekly("d", "2013-12-18", 29)]
    years = issues_by_year(build_issues(arts))
    assert [(y.year, numbers(y.issues), y.count) for y in years] == [(2014, [32, 31], 2), (2013, [30, 29], 2)]


def test_issue_year_is_that_of_its_earliest_article():
    issue = build_issues([weekly("a", "2014-01-02", 31), weekly("b", "2013-12-31 23:00", 31)])[0]
    assert issue.year == 2013


@pytest.mark.parametrize(
    "number, expected",
    [(1, (None, 2)), (2, (1, 5)), (5, (2, 6)), (6, (5, None)), (3, (2, 5)), (99, (6, None))],
    ids=["first", "before-gap", "after-gap", "last", "missing-number", "beyond-last"],
)
def test_issue_neighbours(number, expected):
    issues = build_issues([weekly(f"n{n}", f"2013-06-{n + 1:02d}", n) for n in (1, 2, 5, 6)])
    previous, following = issue_neighbours(issues, number)
    assert (previous and previous.number, following and following.number) == expected
    if find_issue(issues, number):
        assert all_issue_neighbours(issues)[number] == (previous, following)


def test_current_issue_is_the_highest_number_and_find_issue():
    issues = build_issues([weekly("a", "2013-06-05", 1), weekly("c", "2013-06-19", 3), weekly("b", "2013-06-12", 2)])
    assert current_issue(issues).number == 3
    assert find_issue(issues, 2).articles[0].src_uri == "health-weekly/b.md"
    assert find_issue(issues, 4) is None


@pytest.mark.parametrize(
    "given, text",
    [([5], "5"), ([5, 6], "5、6"), ([5, 6, 7], "5–7"), ([2, 4, 5, 6, 9], "2、4–6、9"), ([], "")],
)
def test_format_numbers(given, text):
    assert format_numbers(given) == text


def test_complete_numbering_has_no_findings():
    arts = [weekly(f"n{n}", f"2013-06-{n:02d}", n) for n in range(1, 6)]
    assert periodical_findings(arts, "健康周刊") == []


def test_gap_names_missing_numbers_and_the_files_around_it():
    arts = [weekly("four", "2013-06-26", 4), weekly("seven", "2013-07-17", 7), weekly("three", "2013-06-19", 3)]
    paths = {a.src_uri: "content/" + a.src_uri for a in arts}
    [finding] = periodical_findings(arts, "健康周刊", paths)
    assert (finding.path, finding.line, finding.field, finding.code, finding.level) == (
        "content/health-weekly/seven.md", 4, "issue", "issue-gap", Level.WARNING)
    assert "缺少第 5、6 期" in finding.message
    assert "content/health-weekly/four.md" in finding.message and "content/health-weekly/seven.md" in finding.message


def test_gap_finding_uses_the_key_as_written():
    arts = [weekly("a", "2013-06-05", 1, key="期号"), weekly("b", "2013-06-26", 9, key="期号")]
    [finding] = periodical_findings(arts)
    assert finding.field == "期号"
    assert "第 2–8 期" in finding.message


def test_article_without_issue_is_a_warning_naming_the_file():
    arts = [weekly("a", "2013-06-05", 1), weekly("loose", "2013-06-12")]
    [finding] = periodical_findings(arts, "健康周刊", {a.src_uri: "content/" + a.src_uri for a in arts})
    assert (finding.path, finding.code, finding.level) == ("content/health-weekly/loose.md", "issue-missing", Level.WARNING)
    assert "健康周刊" in finding.message and "issue: 12" in finding.fix


@pytest.mark.parametrize(
    "second_date, warned",
    [("2013-06-19", False), ("2013-06-26", False), ("2013-06-26 00:01", True), ("2013-08-21", True)],
    ids=["same-day", "exactly-7-days", "just-over-7-days", "two-months"],
)
def test_repeated_number_far_apart_is_probably_a_typo(second_date, warned):
    arts = [weekly("first", "2013-06-19", 3), weekly("later", second_date, 3),
            weekly("two", "2013-06-12", 2), weekly("four", "2013-06-26", 4)]
    findings = [f for f in periodical_findings(arts) if f.code == "issue-reused"]
    assert bool(findings) is warned
    if warned:
        [finding] = findings
        assert finding.path == "health-weekly/later.md" and finding.line == 4 and finding.level is Level.WARNING
        assert "health-weekly/first.md" in finding.message and "health-weekly/later.md" in finding.message


def test_typo_hint_names_the_issue_nearest_in_date():
    arts = [weekly(f"n{n}", f"2013-{5 + n // 4:02d}-{1 + 7 * (n % 4):02d}", n) for n in range(1, 9)]
    arts.append(weekly("typo", "2013-07-08", 2))  # issue 8 is dated 2013-07-01, issue 2 2013-05-15
    [finding] = [f for f in periodical_findings(arts) if f.code == "issue-reused"]
    assert finding.path == "health-weekly/typo.md"
    assert "第 8 期" in finding.fix


def test_issue_is_frozen_data():
    issue = build_issues([weekly("a", "2013-06-05", 1)])[0]
    assert isinstance(issue, Issue)
    with pytest.raises(AttributeError):
        issue.number = 2  # type: ignore[misc]
