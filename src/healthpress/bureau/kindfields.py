"""Fields that only one kind of article shows, written on another: a warning, since the page would not
show them and an editor's words must never vanish silently (pure)."""

from __future__ import annotations

from typing import Iterable, Mapping

from healthpress.bureau.disclosure import is_official_document
from healthpress.model.articles import FIELD_HELP, INTERVIEW_FIELDS, SURVEY_FIELDS, Article
from healthpress.model.columns import Column
from healthpress.model.findings import Finding, Level

KIND_FIELDS = {"interviews": (INTERVIEW_FIELDS, "在线访谈栏目（kind: interviews）"),
               "surveys": (SURVEY_FIELDS, "征集调查栏目（kind: surveys）")}


def missing_field_findings(article: Article, path: str, required: Mapping[str, str], code: str,
                           column_words: str) -> list[Finding]:
    """An error for each field of `required` (name -> what it is, in Chinese) the article leaves out or
    writes empty, at its line under its key as written (the front matter's first line when not written)."""
    fields = dict(article.activity_fields)
    findings = []
    for name, what in required.items():
        if fields.get(name):
            continue
        line, key = article.where(name)
        findings.append(Finding(path, line or 1, key or name, code, f"{column_words}的文章必须写{what}",
                                "在文件头加一行 " + FIELD_HELP[name]))
    return findings


def unused_field_findings(articles: Iterable[Article], columns: Mapping[str, Column],
                          paths: Mapping[str, str]) -> list[Finding]:
    """A warning for each interview field outside an interviews column, survey field outside a surveys
    column, and 文件类型 on an article that is no official document (no 文号, not in a notices column)."""
    findings = []
    for article in articles:
        column = columns.get(article.column)
        if column is None:
            continue
        written = {name for name, _ in article.activity_fields}
        for kind, (names, where) in KIND_FIELDS.items():
            if column.kind == kind:
                continue
            for name in names:
                if name in written:
                    findings.append(_unused(article, name, paths, f"这个字段只用于{where}，“{column.title}”栏目的文章不会显示它",
                                            f"删除这一行，或把文章移到{where}"))
        if "doc_type" in dict(article.disclosure_fields) and not is_official_document(article, column.kind):
            findings.append(_unused(article, "doc_type", paths, "文件类型只用于公文：这篇文章没有文号，也不在通知公告栏目",
                                    "写上文号（doc_no），或删除这一行"))
    return findings


def _unused(article: Article, name: str, paths: Mapping[str, str], message: str, fix: str) -> Finding:
    line, key = article.where(name)
    return Finding(paths.get(article.src_uri, article.src_uri), line, key or name, "field-not-used", message, fix,
                   Level.WARNING)
