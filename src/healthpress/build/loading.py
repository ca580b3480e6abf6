"""Read every article of a site and build its model: catalog, listings and findings.

This is the whole domain pipeline without MkDocs: the build and `healthpress check` both call it
(project.py), so a check and a build always agree on what is wrong.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from healthpress.build.articlememo import ArticleMemo, Stamp, keepable, stamp_of
from healthpress.build.workers import map_in_order, worker_count
from healthpress.bureau.data import BureauData
from healthpress.bureau.disclosure import build_disclosure_records, disclosure_rows
from healthpress.bureau.disclosureguide import complete_guide
from healthpress.bureau.interpretation import build_interpretations, scheduled_interpretation_findings
from healthpress.bureau.interviews import build_interviews
from healthpress.bureau.kindfields import unused_field_findings
from healthpress.bureau.letters import build_letters
from healthpress.bureau.surveys import build_surveys
from healthpress.bureau.periodical import periodical_findings
from healthpress.bureau.units import unit_findings
from healthpress.model.articles import (ACTIVITY_FIELDS, DISCLOSURE_FIELDS, INTERVIEW_FIELDS, LETTER_FIELDS,
                                       SURVEY_FIELDS, Article,
                                       parse_article, read_article)
from healthpress.model.assets import check_assets
from healthpress.model.catalog import Catalog, build_catalog, unknown_column_findings, url_clashes
from healthpress.model.columns import Column
from healthpress.model.emptybody import empty_body_finding, is_empty_body
from healthpress.model.encoding import decode_source
from healthpress.model.findings import Finding, Level, errors
from healthpress.model.limits import Limits, check_body, check_size
from healthpress.model.paths import check_links_outside, check_names, hidden_names
from healthpress.model.publication import publication_state
from healthpress.bureau.reportforms import SiteIdentity
from healthpress.render.bureau_views import build_bureau_listings, with_upcoming_days
from healthpress.render.disclosure_views import build_disclosure_listings
from healthpress.render.report_views import Activities, build_report_listings
from healthpress.render.sitemodel import HOME_PAGE, SiteModel
from healthpress.render.views import Listing, build_listings


def is_article_uri(src_uri: str) -> bool:
    """Markdown files inside a column folder are articles; top-level pages are plain pages."""
    return src_uri.endswith(".md") and "/" in src_uri


@dataclass
class LoadedArticles:
    articles: list[Article]
    findings: list[Finding]
    paths: dict[str, str]
    refused: set[str]
    display_dir: str = "content"
    """How findings name the docs folder."""
    refused_articles: dict[str, tuple[Article, frozenset[str]]] = field(default_factory=dict)
    """The articles refused for their own errors, as far as they could be read (placeholders for the fields
    that could not: the second item names them), by src_uri: the rules between articles and the body's
    checks still apply to them (`check_refused`), so that one run reports every problem."""


def load_articles(docs_dir: Path, src_uris: list[str], all_uris: list[str], display_dir: str,
                  limits: Limits = Limits(), memo: ArticleMemo | None = None, workers: int = 1) -> LoadedArticles:
    """Parse every article file, on `workers` processes (0 = every core); files unchanged since the
    build that filled `memo` are not parsed again; files that escape the docs folder are refused unread."""
    findings = check_names(sorted(all_uris), display_dir)
    outside, refused = check_links_outside(docs_dir, sorted(all_uris), display_dir)
    refused |= hidden_names(all_uris)
    findings += outside
    findings += check_assets(docs_dir, [uri for uri in sorted(all_uris) if uri not in refused], display_dir)
    paths = {src_uri: posixpath.join(display_dir, src_uri) for src_uri in sorted(src_uris)}
    results: dict[str, tuple[Article | None, list[Finding]]] = {}
    stamps: dict[str, Stamp] = {}
    for src_uri, shown in paths.items():
        if src_uri in refused:
            continue
        if memo:
            stamps[src_uri] = stamp_of((docs_dir / src_uri).stat())
            known = memo.get(src_uri, stamps[src_uri], shown)
            if known is not None:
                results[src_uri] = known
    unread = [uri for uri in paths if uri not in refused and uri not in results]

    def parse(src_uri: str) -> tuple[tuple[Article | None, list[Finding]], bool]:
        """The file parsed, and whether the memo can keep it (both in the worker process)."""
        parsed = load_article(docs_dir / src_uri, paths[src_uri], src_uri, limits)
        return parsed, memo is not None and keepable(parsed)

    for src_uri, (parsed, kept) in zip(unread, map_in_order(parse, unread, worker_count(workers, len(unread)))):
        results[src_uri] = parsed
        if memo:
            memo.keep(src_uri, stamps[src_uri], paths[src_uri], parsed, kept)
    articles: list[Article] = []
    partial: dict[str, tuple[Article, frozenset[str]]] = {}
    for src_uri in paths:
        article, found = results.get(src_uri, (None, []))
        findings += found
        if article:
            articles.append(article)
        elif src_uri not in refused and errors(found):
            read = read_refused(docs_dir / src_uri, paths[src_uri], src_uri, limits)
            if read is not None:
                partial[src_uri] = read
    return LoadedArticles(articles, findings, paths, refused, display_dir, partial)


def load_article(path: Path, shown: str, src_uri: str, limits: Limits) -> tuple[Article | None, list[Finding]]:
    """One article file, within the limits, decoded and parsed."""
    too_large = check_size(shown, path.stat().st_size, limits)
    if too_large:
        return None, [too_large]
    text, findings = decode_source(shown, path.read_bytes())
    if text is None:
        return None, findings
    article, found = parse_article(shown, src_uri, text)
    findings += found
    if article:
        findings += check_body(shown, article.text, article.body_line, limits)
    if any(f.level is Level.ERROR for f in findings):
        return None, findings
    return article, findings


def read_refused(path: Path, shown: str, src_uri: str, limits: Limits) -> tuple[Article, frozenset[str]] | None:
    """An article refused for its errors, as far as it can be read (its findings are reported already);
    None when nothing of it can be, or its body is over the limits (too deep to render safely)."""
    if check_size(shown, path.stat().st_size, limits):
        return None
    text, _ = decode_source(shown, path.read_bytes())
    if text is None:
        return None
    article, _, failed = read_article(shown, src_uri, text)
    if article is None or check_body(shown, article.text, article.body_line, limits):
        return None  # a body over the limits is not rendered, not even to be checked
    return article, failed


def check_refused(loaded: LoadedArticles, catalog: Catalog, columns: dict[str, Column],
                  now: dt.datetime | None = None, withheld: list[Article] = ()) -> list[Finding]:
    """The rules between articles, on the fields a refused article could read: its column is known, its
    address is no other article's, its body is not empty, a letter's fields (and privacy) are right, the
    documents a 解读 names exist, an interview's and a survey's fields are right."""
    paths, refused = loaded.paths, loaded.refused_articles
    findings = unknown_column_findings([a for a, failed in refused.values() if "column" not in failed], columns, paths)
    placed = [a for a, failed in refused.values()
              if a.column in columns and not failed & {"column", "slug", "date"}]
    if placed:  # the clashes a refused article makes (the oldest keeps the address, the others are told)
        known = set(url_clashes(list(catalog.articles), paths))
        findings += [f for f in url_clashes([*catalog.articles, *placed], paths) if f not in known]
    findings += check_empty_bodies([a for a, failed in refused.values() if "status" not in failed], columns, paths)
    letters = [a for a, failed in refused.values() if not failed.intersection(LETTER_FIELDS)]
    findings += build_letters(letters, {c.id for c in columns.values() if c.kind == "letters"}, paths)[1]
    interpreting = [a for a, failed in refused.values() if "interprets" not in failed]
    findings += build_interpretations(catalog.articles, paths, withheld, interpreting, now)[1]
    activities = [a for a, failed in refused.values() if not failed.intersection(ACTIVITY_FIELDS)]
    if now is not None:
        findings += build_interviews(activities, _of_kind(columns, "interviews"), paths, now)[1]
    findings += build_surveys(activities, _of_kind(columns, "surveys"), paths, now)[1]
    return findings


def check_refused_records(loaded: LoadedArticles, catalog: Catalog, columns: dict[str, Column],
                          bureau: BureauData, identity: dict) -> list[Finding]:
    """The rules of the bureau's records on the refused articles whose fields they read are valid: the
    supplying unit against data/units.yml, the weekly's numbers, an official document's disclosure fields;
    each finding that the published articles alone do not make (an issue gap, a duplicate 文号...)."""
    refused = [(a, failed) for a, failed in loaded.refused_articles.values()
               if a.column in columns and not failed & {"column", "date"}]
    paths, findings = loaded.paths, []
    if bureau.has_units:
        findings += unit_findings([a for a, failed in refused if "unit" not in failed], bureau.units, paths)
    for column in columns.values():
        numbered = [a for a, failed in refused if a.column == column.id and "issue" not in failed]
        if column.kind == "periodical" and numbered:
            known = set(periodical_findings(catalog.by_column[column.id], column.title, paths))
            findings += [f for f in periodical_findings([*catalog.by_column[column.id], *numbered], column.title, paths)
                         if f not in known]
    documents = [a for a, failed in refused if not failed & {"doc_no", *DISCLOSURE_FIELDS}]
    if documents:
        def disclosure(articles: list[Article]) -> list[Finding]:
            return build_disclosure_records(articles, columns, identity.get("org_code"), identity.get("sponsor") or "",
                                            paths, identity.get("index_no_format"))[1]
        known = set(disclosure(list(catalog.articles)))
        findings += [f for f in disclosure([*catalog.articles, *documents]) if f not in known]
    return findings


KIND_FIELDS = {"letters": LETTER_FIELDS, "interviews": INTERVIEW_FIELDS, "surveys": SURVEY_FIELDS}
"""Each kind with fields of its own, and those fields."""


def check_kindless(loaded: LoadedArticles, columns: dict[str, Column], now: dt.datetime) -> list[Finding]:
    """The kind's own rules on the articles of a column whose file has an error (`Columns.broken`: its kind
    unknown, a wrong `kind:` say): each article is checked as the kind most of whose fields it writes (a
    letter's, an interview's, a survey's), so the column file's error hides none of its articles' own."""
    broken = set(getattr(columns, "broken", frozenset()))
    kindless = [(a, frozenset()) for a in loaded.articles if a.column in broken]
    kindless += [(a, failed) for a, failed in loaded.refused_articles.values() if a.column in broken]
    by_kind: dict[str, list[Article]] = {kind: [] for kind in KIND_FIELDS}
    for article, failed in kindless:
        written = {name for name, _ in (*article.letter_fields, *article.activity_fields)}
        counts = {kind: len(written.intersection(names)) for kind, names in KIND_FIELDS.items()}
        kind = max(counts, key=counts.__getitem__)
        if counts[kind] and not failed.intersection(KIND_FIELDS[kind]):
            by_kind[kind].append(article)
    paths = loaded.paths
    return (build_letters(by_kind["letters"], broken, paths)[1]
            + build_interviews(by_kind["interviews"], broken, paths, now)[1]
            + build_surveys(by_kind["surveys"], broken, paths, now)[1])


def check_covers(articles: list[Article], existing: set[str], paths: dict[str, str]) -> list[Finding]:
    """A cover must be an image that exists in content/ (or an address on another site)."""
    return [
        Finding(paths[a.src_uri], a.line_of("cover"), a.key_of("cover"), "missing-cover", f"封面图片“{a.cover}”不存在",
                "写相对于本文的路径，如 cover: images/cover.jpg，并确认图片已提交")
        for a in articles if a.cover_uri is not None and a.cover_uri not in existing
    ]


def check_empty_bodies(articles: list[Article], columns: dict[str, Column], paths: dict[str, str]) -> list[Finding]:
    """An article to be published (now or at its date) with nothing a reader can see under its title is an
    error, unless its column allows empty bodies; drafts and articles in review are still being written."""
    return [
        empty_body_finding(paths[a.src_uri], a.body_line, a.column)
        for a in articles
        if a.status == "published" and a.column in columns and not columns[a.column].allow_empty_body
        and is_empty_body(a.text)
    ]


def build_site_model(
    columns: dict[str, Column],
    loaded: LoadedArticles,
    findings: list[Finding],
    page_size: int,
    now: dt.datetime,
    taken_uris: set[str] = frozenset(),
    preview: bool = False,
    bureau: BureauData | None = None,
    identity: dict | None = None,
    catalogue_page_size: int = 50,
    site: SiteIdentity | None = None,
) -> SiteModel:
    """Catalog what readers may see now (everything, marked, in a preview) and describe every listing."""
    shown: list[Article] = []
    withheld: list[Article] = []
    for article in loaded.articles:
        (shown if preview or publication_state(article, now) == "published" else withheld).append(article)
    catalog, found = build_catalog(shown, columns, loaded.paths)
    found += check_covers(shown, taken_uris, loaded.paths)
    found += check_empty_bodies(loaded.articles, columns, loaded.paths)
    found += check_refused(loaded, catalog, columns, now, withheld)
    found += check_kindless(loaded, columns, now)
    for column in columns.values():
        if column.kind == "periodical":
            found += periodical_findings(catalog.by_column[column.id], column.title, loaded.paths)
    bureau = bureau or BureauData()
    identity = identity or {}
    records, found_disclosure = build_disclosure_records(
        catalog.articles, columns, identity.get("org_code"), identity.get("sponsor") or "", loaded.paths,
        identity.get("index_no_format"))
    found += found_disclosure
    disclosures = {src_uri: disclosure_rows(record) for src_uri, record in records.items()}
    guide, found_guide = complete_guide(bureau.disclosure_guide, identity) if bureau.disclosure_guide else (None, [])
    found += found_guide
    letters, found_letters = build_letters(catalog.articles, {c.id for c in columns.values() if c.kind == "letters"},
                                           loaded.paths)
    found += found_letters
    interpretations, found_interpretations = build_interpretations(catalog.articles, loaded.paths, withheld, now=now)
    found += found_interpretations
    scheduled = [a for a in withheld if a.status == "published"]  # checked now: the build publishing it must not fail
    found += scheduled_interpretation_findings([*catalog.articles, *withheld], scheduled, loaded.paths)
    found += build_interviews(scheduled, _of_kind(columns, "interviews"), loaded.paths, now)[1]
    found += build_surveys(scheduled, _of_kind(columns, "surveys"), loaded.paths, now)[1]
    interviews, found_interviews = build_interviews(catalog.articles, _of_kind(columns, "interviews"), loaded.paths, now)
    found += found_interviews
    surveys, found_surveys = build_surveys(catalog.articles, _of_kind(columns, "surveys"), loaded.paths, now)
    found += found_surveys
    found += unused_field_findings(catalog.articles, columns, loaded.paths)
    listings = build_listings(catalog, columns, page_size)
    listings[0] = with_upcoming_days(listings[0], bureau, now.date())
    listings += build_bureau_listings(catalog, bureau, now.date(), page_size)
    listings += build_disclosure_listings(records, {a.src_uri: a for a in catalog.articles}, guide, catalogue_page_size)
    listings += build_report_listings(catalog, columns, bureau, Activities(letters, surveys, interviews),
                                      site or SiteIdentity(), now, withheld)
    if bureau.has_units:
        found += unit_findings(shown, bureau.units, loaded.paths)
    found += check_refused_records(loaded, catalog, columns, bureau, identity)
    return SiteModel(columns, catalog, listings, withheld,
                     findings + loaded.findings + found + _pages_over_listings(listings, loaded, taken_uris), now,
                     loaded.paths, preview, disclosures, letters,
                     {src_uri: article for src_uri, (article, _) in loaded.refused_articles.items()},
                     interpretations, interviews, surveys)


def _of_kind(columns: dict[str, Column], kind: str) -> set[str]:
    return {c.id for c in columns.values() if c.kind == kind}


def _pages_over_listings(listings: list[Listing], loaded: LoadedArticles, taken_uris: set[str]) -> list[Finding]:
    """An editor's page whose address is a generated page's (news.md or news/index.md over a column's
    first page) would replace it: an error, whether or not the column has a folder yet."""
    articles = {article.src_uri for article in loaded.articles}
    pages = {}
    for src_uri in sorted(taken_uris):
        if src_uri.endswith(".md") and src_uri not in articles:
            pages.setdefault(_directory_url(src_uri), src_uri)
    return [
        Finding(posixpath.join(loaded.display_dir, page), None, None, "reserved-path", f"这个文件占用了系统生成页面 /{l.url} 的位置",
                "栏目首页、归档和标签页由系统生成；请把文件改名或移到别处，栏目介绍写在 columns/ 的 description 里")
        for l in listings if (page := pages.get(l.url)) is not None and page != HOME_PAGE
    ]


def _directory_url(src_uri: str) -> str:
    """The address MkDocs gives a page with directory URLs: news.md and news/index.md are both news/."""
    if src_uri == HOME_PAGE:
        return ""
    if src_uri.endswith("/index.md"):
        return src_uri.removesuffix("index.md")
    return src_uri.removesuffix(".md") + "/"
