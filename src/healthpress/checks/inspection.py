"""The compliance inspection of a site, after the national indicators for government websites.

One function runs every check on the site model; the build uses it with its own levels (stale
columns off, so that the hourly build that publishes new items is never stopped by them), and
`healthpress check --compliance` with the inspection's levels.
"""

from __future__ import annotations

import datetime as dt
from typing import Mapping

from healthpress.bureau.data import BureauData
from healthpress.checks.compliance import (DEFAULT_LEVELS, apply_levels, check_freshness, check_identification,
                                           check_text, resolve_levels)
from healthpress.model.findings import Finding, Level
from healthpress.bureau.interpretation import uninterpreted_findings
from healthpress.bureau.interviews import overdue_reviews
from healthpress.bureau.letters import overdue_letters
from healthpress.bureau.surveys import missing_results
from healthpress.checks.reportsources import fields_the_site_counts, future_years, unused_figures
from healthpress.render.sitemodel import SiteModel

BUILD_OVERRIDES = {"stale-column": "off", "stale-home": "off", "blank-column": "off", "blank-home": "off",
                   "uninterpreted-document": "off", "interview-review-missing": "off", "survey-results-missing": "off"}
"""Columns, 解读, interviews' reviews and surveys' results are judged by `healthpress check --compliance`; a
build must publish even a young site."""


def levels_for(build: bool, configured: Mapping[str, str] | None) -> dict[str, Level | None]:
    """Each check's level: the inspection's defaults, the build's overrides, then mkdocs.yml's `compliance`."""
    base = dict(BUILD_OVERRIDES) if build else {}
    base.update(configured or {})
    return resolve_levels(base)


def inspect_site(model: SiteModel, bureau: BureauData, extra: Mapping | None, today: dt.date,
                 levels: Mapping[str, Level | None] = DEFAULT_LEVELS, letters_warn_days: int | None = None,
                 text: bool = True) -> list[Finding]:
    """Freshness and blank columns, the footer's identification, leaders' names and the wording rules
    (unless not `text`: a build checks each article's text where it renders its page, build/textchecks.py),
    the 行政规范性文件 without 解读, interviews without their review and surveys past their close date without
    results, a figure of data/annual-report.yml the site counts otherwise or of a year not yet begun, and (when `letters_warn_days` is given: the inspection, not the build) letters waiting for a reply."""
    latest = {column_id: articles[0].date if articles else None
              for column_id, articles in model.catalog.by_column.items()}
    thresholds = {c.id: c.update_days for c in model.columns.values() if c.update_days}
    findings = check_freshness(model.columns, latest, today, thresholds, levels=levels)
    findings += check_identification(extra, levels)
    checked = [a for a in model.text_checked if not a.verbatim]
    if text and (bureau.leaders or bureau.terms):
        findings += check_text(checked, bureau.leaders, bureau.terms, model.paths, levels)
    by_src = model.catalog.by_src
    findings += apply_levels(
        uninterpreted_findings(model.catalog.articles, model.columns, model.interpretations, model.paths)
        + overdue_reviews(model.interviews.values(), by_src, model.paths, model.now)
        + missing_results(model.surveys.values(), by_src, model.paths, today), levels)
    if bureau.annual_report is not None:
        kinds = {c.kind for c in model.columns.values()}
        findings += unused_figures(bureau.annual_report, model.surveys.values(), today, kinds)
        findings += future_years(bureau.annual_report, today)
        findings += fields_the_site_counts(bureau.annual_report, kinds)
    if letters_warn_days is not None:
        findings += overdue_letters(model.letters.values(), today, warn_after_days=letters_warn_days)
    return findings
