"""What data/annual-report.yml writes that no report will use: a figure the site counts itself, a year
not yet begun (pure).

The form's 收到意见数量 is the sum of the surveys' 收到意见 when every survey of the year gives it; the
data file's `survey_opinions` is only for a year whose surveys do not. Written there with another number,
the editor would hand in a report that does not say what they wrote: a warning on its line says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from healthpress.bureau.annualreport import AnnualReportData
from healthpress.bureau.surveys import Survey, count_opinions, surveys_held
from healthpress.model.findings import Finding, Level


def unused_figures(annual: AnnualReportData, surveys: Iterable[Survey], today: dt.date,
                   kinds: Iterable[str] = ("surveys",)) -> list[Finding]:
    """A warning for each year whose `survey_opinions` differs from the opinions its surveys count (a year
    still running without a survey yet is not judged: one may come; a site without a 征集调查 column
    counts none, its figure is used)."""
    surveys = list(surveys)
    findings = []
    if "surveys" not in set(kinds):
        return findings
    for entry in annual.years:
        written = entry.website.survey_opinions if entry.website is not None else None
        counted = count_opinions(surveys, entry.year)
        held = surveys_held(surveys, entry.year)
        if written is None or counted is None or written == counted or (not held and entry.year >= today.year):
            continue
        counted_how = (f"{entry.year} 年的征集调查文章都写了收到意见，合计 {counted} 条" if held
                       else f"{entry.year} 年网站上没有征集调查，收到意见是 0 条")
        findings.append(Finding(
            annual.path, entry.website_lines.get("survey_opinions", entry.line), "survey_opinions",
            "annual-report-counted",
            f"{counted_how}，报表的“收到意见数量”用这个数；这里写的 {written} 不会用到",
            "删除这一行；要改收到意见数量，改征集调查文章里的 收到意见（opinions）", Level.WARNING))
    return findings


def future_years(annual: AnnualReportData, today: dt.date) -> list[Finding]:
    """A warning for each entry of a year not yet begun: no report shows it (a slip such as 2062 for 2026)."""
    return [Finding(annual.path, entry.line, "year", "annual-report-future-year",
                    f"{entry.year} 年还没有到，这一项不会出现在任何报告上（报告只做已结束的年度）",
                    f"检查年份是否写错；今年是 {today.year} 年", Level.WARNING)
            for entry in annual.years if entry.year > today.year]


COUNTED_BY_KIND = {
    "letters": ("局长信箱", ("letters_received", "letters_answered", "average_reply_days", "replies_published")),
    "surveys": ("征集调查", ("surveys_held", "survey_results")),
    "interviews": ("在线访谈", ("interviews_held",)),
}
"""The data-file fields a site fills only without a column of that kind: with one, the site counts them."""


def fields_the_site_counts(annual: AnnualReportData, kinds: Iterable[str]) -> list[Finding]:
    """A warning for each such field written on a site that has the column kind, so counts it itself."""
    kinds = set(kinds)
    findings = []
    for entry in annual.years:
        for kind, (name, fields) in COUNTED_BY_KIND.items():
            if kind not in kinds or entry.website is None:
                continue
            for field in fields:
                written = getattr(entry.website, field)
                if written is not None:
                    findings.append(Finding(
                        annual.path, entry.website_lines.get(field, entry.line), field, "annual-report-counted",
                        f"网站有{name}栏目，{entry.year} 年的这个数由网站统计；这里写的 {written} 不会用到",
                        f"删除这一行（只有没有{name}栏目的网站才写它）", Level.WARNING))
    return findings
