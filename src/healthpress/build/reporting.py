"""`healthpress report`: one yearly report of a project, read the way a build reads it.

The figures rest on data/annual-report.yml and on the site's articles, so any error (as `check` reports
it; an article with one would be left out of the counts) means no file is written (exit status 1): a
report is never handed in half right.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from healthpress.build.project import load_project_config, site_identity
from healthpress.bureau.reportforms import ReportForm
from healthpress.model.findings import Level
from healthpress.model.publication import build_moment
from healthpress.render.report_views import Activities, build_report, last_completed_year, report_index

DATA_FILE = "annual-report.yml"


@dataclass(frozen=True, slots=True)
class ReportResult:
    """The form (None when it cannot be made), the exit status, and what to tell the user."""

    form: ReportForm | None
    status: int
    message: str


def make_report(config_file: Path, kind: str, year: int | None) -> ReportResult:
    """The report `kind` ("website" or "disclosure") of `year`, or of the last completed year when None."""
    now = build_moment()
    if year is not None and year >= now.year:
        return ReportResult(None, 2, f"{year} 年还没有结束，年度报表和报告只能做已结束的年度（{now.year - 1} 年及以前）\n")
    model, bureau, config = load_project_config(config_file)
    errors = [f for f in model.findings if f.level is Level.ERROR]
    if errors:  # an article with an error is left out of the counts, as the build refuses to publish it
        lines = "\n".join(f.render() for f in errors)
        where = ("年度报表的数据文件" if all(f.path.replace("\\", "/").split("/")[-1] == DATA_FILE for f in errors)
                 else "网站")
        return ReportResult(None, 1, f"{lines}\n{where}有 {len(errors)} 个错误（网站也不会生成），改正后再导出\n")
    chosen = year if year is not None else last_completed_year(now.date())
    note = "" if year is not None else f"没有写年度（--year），导出的是上一个已结束的年度：{chosen} 年\n"
    form = build_report(kind, chosen, model.catalog, model.columns, bureau,
                        Activities(model.letters, model.surveys, model.interviews), site_identity(config), now,
                        report_index(model.catalog, model.withheld, model.columns, bureau.topics, now))
    missing = form.missing_fields()
    if missing:
        note += f"{chosen} 年的{form.title}还缺 {len(missing)} 项，表中写作“缺”：" \
                + "、".join(label for _, label in missing) + "\n"
    return ReportResult(form, 0, note)
