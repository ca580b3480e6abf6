"""The reports' calendar: from 1 December to 31 January, what data/annual-report.yml still lacks (pure).

Both yearly reports of a year are due by 31 January of the next. In that season `healthpress check`
warns, once per report, which of its fields the data file does not fill yet for that year, naming the
file, the year's line and the part (website or disclosure). A site without the data file keeps its
reports elsewhere and is not told; nor is a site that published nothing that year and has no entry for it.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from healthpress.bureau.annualreport import AnnualReportData
from healthpress.bureau.reportforms import ReportForm
from healthpress.model.findings import Finding, Level

SHOWN = 8
"""Fields named in a warning; the rest are counted."""


def season_year(today: dt.date) -> int | None:
    """The year whose reports are being prepared on `today` (December: this year; January: last year)."""
    if today.month == 12:
        return today.year
    if today.month == 1:
        return today.year - 1
    return None


def calendar_findings(annual: AnnualReportData, forms: Iterable[ReportForm], year: int,
                      published_that_year: bool) -> list[Finding]:
    """A warning per report of `year` whose data-file fields are not all filled."""
    entry = annual.of(year)
    if entry is None and not published_that_year:
        return []
    findings = []
    for form in forms:
        missing = form.missing_fields()
        if not missing:
            continue
        part = form.kind
        named = "、".join(f"{label}（{field}）" for field, label in missing[:SHOWN])
        more = f"等 {len(missing)} 项" if len(missing) > SHOWN else f"共 {len(missing)} 项"
        where = "" if entry is not None else f"还没有 {year} 年的一项；"
        fix = (f"在 {year} 年那一项的 {part}: 下填写这些字段（含义见 docs/editors.md“年度报表和报告”）"
               if entry is not None else f"在文件里加一项“- year: {year}”，在其 {part}: 下填写这些字段")
        findings.append(Finding(
            annual.path, entry.line if entry is not None else None, part, "annual-report-missing",
            f"{where}{year} 年的{form.title}应在 {year + 1} 年 1 月 31 日前发布，数据文件还缺：{named}{more}",
            fix, Level.WARNING))
    return findings
