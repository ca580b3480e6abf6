"""A project as MkDocs lists it, turned into the site model; and that model without building.

The Build's `read` phase (and so `healthpress check`, a build in the check mode) and `healthpress stats`
read a project the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

from healthpress.build.articlememo import ArticleMemo
from healthpress.bureau.data import BureauData, load_bureau_data
from healthpress.bureau.reportcounts import day_of
from healthpress.bureau.reportforms import SiteIdentity
from healthpress.checks.reportcalendar import calendar_findings, season_year
from healthpress.render.report_views import KINDS, Activities, build_report, report_index
from healthpress.build.fingerprint import code_digest
from healthpress.model.columns import Column, load_columns
from healthpress.checks.backdating import backdated_findings
from healthpress.checks.compliance import apply_levels
from healthpress.checks.inspection import inspect_site, levels_for
from healthpress.model.findings import Finding, Level
from healthpress.model.limits import Limits
from healthpress.model.publication import build_moment
from healthpress.build.loading import build_site_model, is_article_uri, load_articles
from healthpress.build.projectpaths import absolute, project_dir_of
from healthpress.render.sitemodel import SiteModel
from healthpress.storage.githistory import folder_history


def limits_from(options) -> Limits:
    """The plugin options that bound one article."""
    return Limits(max_bytes=options.max_file_kb * 1024, max_line_chars=options.max_line_chars,
                  max_depth=options.max_depth, max_inline_marks=options.max_inline_marks)


def files_with_errors(findings: list[Finding], docs_display: str) -> set[str]:
    """The editors' files (src_uri) an error was found in: a build publishes none of them, nor reads one
    that leads out of the docs folder (a symbolic link, model/paths.py)."""
    prefix = docs_display + "/"
    return {f.path.replace("\\", "/").removeprefix(prefix) for f in findings
            if f.level is Level.ERROR and f.path.replace("\\", "/").startswith(prefix)}


def display_dir(config) -> str:
    """How findings name the docs folder: relative to the project, e.g. `content`."""
    return os.path.relpath(absolute(config.docs_dir), project_dir_of(config)).replace(os.sep, "/")


def build_model(config, options, columns: dict[str, Column], findings: list[Finding], files,
                preview: bool = False, bureau: BureauData | None = None, inspection: bool = False,
                cache_dir: Path | None = None, text_checks: bool = True, calendar: bool = False) -> SiteModel:
    """Read the editors' files among `files` (an MkDocs Files) and build the site model.

    With `cache_dir`, articles parsed by an earlier build and unchanged since are not parsed again. Without
    `text_checks`, the articles' leader and wording checks are left to the caller (the Build runs them
    where it renders the pages, textchecks.py). With `calendar` (`healthpress check`, not a build), the
    yearly reports' season is judged too (checks/reportcalendar.py).
    """
    docs_dir = Path(config.docs_dir)
    in_docs = {folder: bool(folder) and Path(folder) == docs_dir for folder in {f.src_dir for f in files}}
    editors_files = [f.src_uri for f in files if in_docs[f.src_dir] and f.inclusion.is_in_serve()]
    articles = [uri for uri in editors_files if is_article_uri(uri)]
    limits = limits_from(options)
    memo = ArticleMemo(cache_dir, f"{code_digest()}:{limits!r}") if cache_dir else None
    loaded = load_articles(docs_dir, articles, editors_files, display_dir(config), limits, memo, options.workers)
    if memo:
        memo.save()
    identity = (config.extra or {}).get("bureau") or {}
    findings = findings + config_text_findings(config)
    now = build_moment()
    model = build_site_model(columns, loaded, findings, options.page_size, now, {f.src_uri for f in files},
                             preview, bureau, identity, options.catalogue_page_size, site_identity(config))
    try:
        levels = levels_for(build=not inspection, configured=options.compliance)
    except ValueError as exc:
        model.findings.append(Finding("mkdocs.yml", None, "compliance", "compliance-config", str(exc),
                                      "在 healthpress 设置的 compliance: 下只写 检查项: error/warning/off"))
        return model
    model.findings += inspect_site(model, bureau or BureauData(), config.extra, now.date(), levels,
                                   options.letters_warn_days if inspection else None, text=text_checks)
    if inspection:
        history = folder_history(docs_dir)
        model.findings += apply_levels(backdated_findings(model.catalog.articles, history, model.paths, now.date(),
                                                          options.backdate_tolerance_days, options.backdate_since,
                                                          display_dir(config)), levels)
    if calendar and bureau is not None:
        model.findings += season_findings(model, bureau, site_identity(config))
    return model


def season_findings(model: SiteModel, bureau: BureauData, site: SiteIdentity) -> list[Finding]:
    """In December and January, what data/annual-report.yml lacks for the reports due on 31 January."""
    year = season_year(model.now.date())
    if year is None or bureau.annual_report is None:
        return []
    activities = Activities(model.letters, model.surveys, model.interviews)
    index = report_index(model.catalog, model.withheld, model.columns, bureau.topics, model.now)
    forms = [build_report(kind, year, model.catalog, model.columns, bureau, activities, site, model.now, index)
             for kind in KINDS]
    published = any(day_of(a.date).year == year for a in model.catalog.articles)
    return calendar_findings(bureau.annual_report, forms, year, published)


def site_identity(config) -> SiteIdentity:
    """The site's basic facts for the 政府网站工作年度报表, from mkdocs.yml (None where it says nothing)."""
    bureau = (config.extra or {}).get("bureau") or {}

    def text(value) -> str | None:
        return str(value).strip() or None if value not in (None, "") else None

    return SiteIdentity(text(config.site_name), text(config.site_url), text(bureau.get("sponsor")),
                        text(bureau.get("site_code")), text(bureau.get("icp")), text(bureau.get("police_record")))


def config_text_findings(config) -> list[Finding]:
    """The text of mkdocs.yml that pages and feeds show (site_name, site_description, copyright, every text
    under extra.bureau) checked with the plain-text rules of every other field: no direction, invisible or
    control character, no HTML tag. The field is the key path, e.g. extra.bureau.sponsor."""
    from healthpress.model.plaintext import PARAGRAPH_MAX, text_finding

    found: list[Finding] = []

    def visit(key: str, value) -> None:
        if isinstance(value, str):
            finding = text_finding("mkdocs.yml", None, key, value, PARAGRAPH_MAX)
            if finding is not None:
                found.append(finding)
        elif isinstance(value, dict):
            for name, item in value.items():
                visit(f"{key}.{name}", item)
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                visit(f"{key}[{index}]", item)

    for key in ("site_name", "site_description", "copyright"):
        visit(key, config.get(key))
    visit("extra.bureau", (config.get("extra") or {}).get("bureau"))
    return found


class ProjectError(Exception):
    """A project healthpress cannot read, said in Chinese with the fix."""


def plugin_options(config, config_file: Path):
    """The healthpress plugin's options in mkdocs.yml, or a ProjectError saying how to list the plugin."""
    if "healthpress" not in config.plugins:
        name = config_file.name
        raise ProjectError(f"{name} 的 plugins 里没有 healthpress：在 {name} 里加上两行"
                           "“plugins:”和“  - healthpress”（已有 plugins: 的，在其下加一行“  - healthpress”），"
                           "可参照仓库里的 mkdocs.yml。")
    return config.plugins["healthpress"].config


def load_project(config_file: Path, inspection: bool = False) -> tuple[SiteModel, BureauData]:
    """The site model and the bureau's data, read the way MkDocs reads the project, without building."""
    model, bureau, _ = load_project_config(config_file, inspection)
    return model, bureau


def load_project_config(config_file: Path, inspection: bool = False):
    """`load_project`, and the MkDocs config it read (for what mkdocs.yml itself says)."""
    from healthpress.engine.settings import load_settings
    from mkdocs.structure.files import get_files

    config = load_settings(str(config_file))
    options = plugin_options(config, config_file)
    project_dir = project_dir_of(config)
    columns, findings = load_columns(project_dir / options.columns_dir, options.columns_dir)
    bureau, found = load_bureau_data(project_dir / options.data_dir, options.data_dir)
    model = build_model(config, options, columns, findings + found, get_files(config), bureau=bureau,
                        inspection=inspection)
    return model, bureau, config


def check_project(config_file: Path) -> list[Finding]:
    """Every finding of the read phase (the configure phase's included), without building."""
    return load_project(config_file)[0].findings


def stats_report(config_file: Path, period: str | None, as_csv: bool = False) -> tuple[int, str, str]:
    """`healthpress stats`: (exit status, output, error text). The counts rest on data/units.yml, so its
    errors are reported as `check` reports them and no table is printed (exit status 1). Without a period,
    this year (or the latest year with articles, `default_period`); the error text says which was chosen."""
    from healthpress.bureau.stats import (PeriodError, count_by_unit, default_period, parse_period, render_csv,
                                          render_text)
    from healthpress.model.findings import Level

    try:
        if period is not None:
            parse_period(period)
    except PeriodError as exc:
        return 2, "", f"{exc}\n"
    model, bureau = load_project(config_file)
    errors = [f for f in model.findings if f.level is Level.ERROR and f.path.replace("\\", "/").split("/")[-1]
              in ("units.yml", "units.yaml")]
    if errors:
        lines = [f.render() for f in errors]
        return 1, "", "\n".join(lines) + f"\n统计依据的单位名单有 {len(errors)} 个错误，改正后再统计\n"
    if not bureau.has_units:
        return 1, "", "没有 data/units.yml：先在其中列出各供稿单位和联络员\n"
    chosen = ""
    if period is None:
        period, why = default_period(model.catalog.articles, build_moment().date())
        chosen = f"没有写统计期间（--period），统计的是{why}。其他期间：--period 2013、2013Q2 或 2013-05\n"
    table = count_by_unit(model.catalog.articles, bureau.units, period)
    return 0, render_csv(table) if as_csv else render_text(table), chosen
