"""政策解读: the documents each 解读 interprets, both ways, and the 行政规范性文件 without any (pure).

A 解读 is an article with `interprets` (解读文件): each item names a document by its 文号, as the
document's `doc_no` writes it (the brackets [] 〔〕 【】 () （） and full-width digits compared as the same), or by
its file's path relative to content/. A document is any published article so named; a 行政规范性文件 is
an official document (bureau/disclosure.py: a 文号, or an article of a notices column) whose `doc_type`
(文件类型) says so: the 文号's form cannot tell it from the bureau's other documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from healthpress.bureau.disclosure import doc_no_key, official_documents
from healthpress.model.articles import Article
from healthpress.model.columns import Column
from healthpress.model.dates import SHANGHAI, chinese_datetime
from healthpress.model.publication import publication_state
from healthpress.model.findings import Finding, Level

NORMATIVE = "行政规范性文件"

@dataclass(frozen=True, slots=True)
class Interpretations:
    """Both directions, by src_uri, each in the order of the site (newest first)."""

    documents_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The documents each 解读 interprets."""
    interpretations_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The 解读 of each document."""


def is_interpretation(article: Article) -> bool:
    """An article that names a document it interprets."""
    return bool(article.interprets)


def is_normative_document(article: Article, column_kind: str | None) -> bool:
    """An official document whose 文件类型 (`doc_type`) is 行政规范性文件."""
    return (bool(article.doc_no) or column_kind == "notices") and dict(article.disclosure_fields).get("doc_type") == NORMATIVE


def build_interpretations(articles: Iterable[Article], paths: Mapping[str, str],
                          withheld: Iterable[Article] = (), interpreting: Iterable[Article] | None = None,
                          now: dt.datetime | None = None) -> tuple[Interpretations, list[Finding]]:
    """Resolve the documents of every 解读 among `interpreting` (default: `articles`) among `articles` (the
    published ones, newest first); a name that is none of them is an error on the line of that item (a
    document among `withheld` says it is not yet published, or, past its `expires` at `now`, expired)."""
    articles = list(articles)
    by_path = {a.src_uri: a for a in articles}
    by_doc_no: dict[str, list[Article]] = {}
    for a in reversed(articles):  # oldest first
        if a.doc_no:
            by_doc_no.setdefault(doc_no_key(a.doc_no), []).append(a)
    later = {a.src_uri: a for a in withheld} | {doc_no_key(a.doc_no): a for a in withheld if a.doc_no}
    documents_of: dict[str, tuple[str, ...]] = {}
    interpretations_of: dict[str, list[str]] = {}
    findings: list[Finding] = []
    for article in (articles if interpreting is None else interpreting):
        found: list[str] = []
        for index, name in enumerate(article.interprets):
            same_no = by_doc_no.get(doc_no_key(name), [])
            document = by_path.get(_as_path(name)) or (same_no[0] if len(same_no) == 1 else None)
            if document is None and len(same_no) > 1:
                findings.append(_ambiguous(article, index, name, same_no, paths))
            elif document is None or document.src_uri == article.src_uri:
                withheld_one = later.get(_as_path(name)) or later.get(doc_no_key(name))
                expired = withheld_one is not None and now is not None and publication_state(withheld_one, now) == "expired"
                findings.append(_unknown(article, index, name, paths, document is not None,
                                         withheld_one is not None, withheld_one.expires if expired else None))
            elif document.src_uri not in found:
                found.append(document.src_uri)
        if found:
            documents_of[article.src_uri] = tuple(found)
            for src_uri in found:
                interpretations_of.setdefault(src_uri, []).append(article.src_uri)
    return Interpretations(documents_of, {k: tuple(v) for k, v in interpretations_of.items()}), findings


def scheduled_interpretation_findings(articles: Iterable[Article], scheduled: Iterable[Article],
                                      paths: Mapping[str, str]) -> list[Finding]:
    """What each scheduled 解读 among `scheduled` will be told on its own date, told now: its documents are
    looked up among `articles` (every article, whatever its state) as they will be then, so a draft, a
    document dated after the 解读 or expired by then is an error now, not on the day the build publishes it."""
    everything = sorted(articles, key=lambda a: a.date, reverse=True)
    findings: list[Finding] = []
    for article in scheduled:
        if not article.interprets:
            continue
        public, hidden = [], []
        for other in everything:
            (public if publication_state(other, article.date) == "published" else hidden).append(other)
        findings += build_interpretations(public, paths, hidden, [article], article.date)[1]
    return findings


def _as_path(name: str) -> str:
    """A path as an editor may write it: relative to content/, or with content/ or / before it."""
    name = name.strip().lstrip("/")
    return name.removeprefix("content/")


def _unknown(article: Article, index: int, name: str, paths: Mapping[str, str], itself: bool,
             unpublished: bool, expired_on: dt.datetime | None = None) -> Finding:
    line = article.interprets_lines[index] if index < len(article.interprets_lines) else article.line_of("interprets")
    if itself:
        message, fix = "解读文件写的是这篇文章自己", "写被解读的文件的文号，或它在 content/ 里的路径"
    elif expired_on is not None:
        message = f"解读的文件“{name}”已于 {chinese_datetime(expired_on)} 到期下线（expires），网站上已不再显示"
        fix = "删除这一项；那份文件仍应公开时，推后或删除它文件头的 expires"
    elif unpublished:
        message = f"解读的文件“{name}”还没有发布（草稿、待审核或发布日期在后）"
        fix = "先发布那份文件，或把这篇解读的发布日期改到文件发布之后"
    else:
        message = f"解读的文件“{name}”在本站不存在：没有文章的文号是它，content/ 里也没有这个文件"
        fix = ("核对文号，照那份文件文件头的 doc_no（文号）抄写，如 interprets: 宜卫办[2013]79号；"
               "或写文件在 content/ 里的路径，如 interprets: service-year/fangan.md")
    return Finding(paths.get(article.src_uri, article.src_uri), line, article.key_of("interprets"),
                   "interprets-unknown", message, fix)


def _ambiguous(article: Article, index: int, name: str, documents: list[Article], paths: Mapping[str, str]) -> Finding:
    line = article.interprets_lines[index] if index < len(article.interprets_lines) else article.line_of("interprets")
    files = "、".join(paths.get(d.src_uri, d.src_uri) for d in documents)
    return Finding(paths.get(article.src_uri, article.src_uri), line, article.key_of("interprets"), "interprets-ambiguous",
                   f"解读的文件“{name}”不止一份：{files} 的文号都是它", "写所解读的那份文件在 content/ 里的路径，如 interprets: "
                   + documents[-1].src_uri + "；若是文号写错了，改正那份文件的 doc_no")


def uninterpreted_documents(articles: Iterable[Article], columns: Mapping[str, Column],
                            interpretations: Interpretations) -> list[Article]:
    """The 行政规范性文件 in force (有效) among `articles` that no 解读 interprets, in the given order."""
    return [a for a in official_documents(articles, columns)
            if is_normative_document(a, columns[a.column].kind if a.column in columns else None)
            and dict(a.disclosure_fields).get("validity", "有效") == "有效"
            and not interpretations.interpretations_of.get(a.src_uri)]


def uninterpreted_findings(articles: Iterable[Article], columns: Mapping[str, Column],
                           interpretations: Interpretations, paths: Mapping[str, str]) -> list[Finding]:
    """A warning for each 行政规范性文件 without a 解读 (`healthpress check --compliance`), on its 文件类型."""
    findings = []
    for document in uninterpreted_documents(articles, columns, interpretations):
        line, key = document.where("doc_type")
        named = f"（{document.doc_no}）" if document.doc_no else ""
        findings.append(Finding(
            paths.get(document.src_uri, document.src_uri), line, key, "uninterpreted-document",
            f"行政规范性文件“{document.title}”{named}还没有政策解读",
            "发布一篇解读文章，在它的文件头写 interprets: "
            + (document.doc_no or document.src_uri) + "（解读文件）；行政规范性文件应当与解读同步发布", Level.WARNING))
    return findings


def interpretations_published(articles: Iterable[Article], year: int) -> list[Article]:
    """The 解读 among `articles` (the published ones) dated in `year` (Beijing time), for the yearly form's
    解读回应 count."""
    return [a for a in articles if is_interpretation(a) and a.date.astimezone(SHANGHAI).year == year]


def count_interpretations(articles: Iterable[Article], year: int) -> int:
    """How many 解读 were published in `year`."""
    return len(interpretations_published(articles, year))
