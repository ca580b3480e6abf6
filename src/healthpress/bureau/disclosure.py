"""Government-information disclosure (政府信息公开) metadata of official documents, and 索引号 (pure).

An official document is an article with a 文号 (`doc_no`) or any article of a `notices` column. Its
disclosure table shows 索引号, 主题分类, 发布机构, 成文日期, 文号, 发布日期, 公开方式 and 有效性.
The fields other than 文号 and 发布日期 are not on `Article` yet: `parse_disclosure` reads them from
the raw front matter (`source.split_source(...).front_matter` and `.key_lines`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Literal, Mapping

from pydantic import BeforeValidator, ConfigDict
from typing_extensions import Annotated

from healthpress.bureau.indexformat import (DEFAULT_INDEX_FORMAT, EXAMPLE as EXAMPLE_FORMAT, IndexFormat, IndexFormatError,
                                           parse_index_format)
from healthpress.model.articles import CHINESE_KEYS, DISCLOSURE_FIELDS, FIELD_HELP, Article
from healthpress.model.columns import Column
from healthpress.model.dates import SHANGHAI, DateFormatError, chinese_date, parse_date
from healthpress.model.findings import Finding, Level
from healthpress.model.plaintext import NonEmptyText
from healthpress.model.strict import StrictModel
from healthpress.model.schema_errors import validate_fields

DISCLOSURE_KEYS = {chinese: name for chinese, name in CHINESE_KEYS.items() if name in DISCLOSURE_FIELDS}
DISCLOSURE_HELP = {name: FIELD_HELP[name] for name in DISCLOSURE_FIELDS}

DEFAULT_TOPIC = "卫生、体育"
"""The 主题分类 of health documents in the State Council's topic classification of government information."""

LABELS = ("索引号", "主题分类", "发布机构", "成文日期", "文号", "发布日期", "公开方式", "有效性")

_URL = re.compile(r"^(?:https?://\S+|/\S*)$")


def _to_date(value: object) -> dt.date:
    try:
        return parse_date(value).date()
    except DateFormatError as exc:
        raise ValueError(str(exc)) from exc


class DisclosureFields(StrictModel):
    """The disclosure fields an editor may write in an official document's front matter (the article's
    other fields are ignored here)."""

    model_config = ConfigDict(extra="ignore")

    index_no: NonEmptyText | None = None
    topic: NonEmptyText | None = None
    publisher: NonEmptyText | None = None
    written_on: Annotated[dt.date, BeforeValidator(_to_date)] | None = None
    disclosure: Literal["主动公开", "依申请公开"] = "主动公开"
    validity: Literal["有效", "废止"] = "有效"
    replaced_by: NonEmptyText | None = None


@dataclass(frozen=True, slots=True)
class DisclosureRecord:
    """The disclosure table of one document, every value resolved."""

    index_no: str
    topic: str
    publisher: str
    written_on: dt.date
    doc_no: str | None
    published_on: dt.date
    disclosure: str
    validity: str
    replaced_by: str | None


@dataclass(frozen=True, slots=True)
class DisclosureRow:
    """One row of the table as the template shows it: label, text, and a link when there is one."""

    label: str
    text: str
    url: str | None = None


def is_official_document(article: Article, column_kind: str | None) -> bool:
    """True for an article with a 文号, or any article of a notices column."""
    return bool(article.doc_no) or column_kind == "notices"


_SAME = str.maketrans({"〔": "[", "〕": "]", "【": "[", "】": "]", "［": "[", "］": "]", "（": "[", "）": "]", "(": "[", ")": "]",
                       **{chr(0xFF10 + d): str(d) for d in range(10)}})


def doc_no_key(doc_no: str) -> str:
    """A 文号 as compared: brackets and digits of either width the same, no spaces."""
    return "".join(doc_no.translate(_SAME).split())


def official_documents(articles: Iterable[Article], columns: Mapping[str, Column]) -> list[Article]:
    """The official documents among `articles`, in their given order."""
    return [a for a in articles if is_official_document(a, columns[a.column].kind if a.column in columns else None)]


def parse_disclosure(
    path: str, article: Article, front_matter: Mapping[str, Any], key_lines: Mapping[str, int],
) -> tuple[DisclosureFields | None, list[Finding]]:
    """The disclosure fields of `article` (English or Chinese keys); 废止 needs the replacing document's URL."""
    fields, findings, written, lines = validate_fields(
        DisclosureFields, path, front_matter, key_lines, DISCLOSURE_KEYS, DISCLOSURE_HELP)
    if fields is None:
        return None, findings
    findings = []
    if fields.validity == "废止" and not fields.replaced_by:
        findings.append(Finding(path, lines.get("validity"), written.get("validity"), "repealed-without-replacement",
                                "文件已废止，但没有写替代它的文件的网址", "写法：" + DISCLOSURE_HELP["replaced_by"]))
    if fields.replaced_by and not _URL.match(fields.replaced_by):
        findings.append(Finding(path, lines.get("replaced_by"), written.get("replaced_by"), "replaced-by-not-url",
                                f"“{fields.replaced_by}”不是网址", "写本站的网址（以 / 开头）或完整网址（以 https:// 开头）"))
    elif fields.replaced_by and fields.validity == "有效":
        findings.append(Finding(path, lines.get("replaced_by"), written.get("replaced_by"), "replaced-by-unused",
                                "有效的文件不会显示替代文件", "文件已废止时写 validity: 废止；否则删除这一行", Level.WARNING))
    published = article.date.astimezone(SHANGHAI).date()
    if fields.written_on and fields.written_on > published:
        findings.append(Finding(path, lines.get("written_on"), written.get("written_on"), "written-after-published",
                                f"成文日期 {fields.written_on.isoformat()} 晚于发布日期 {published.isoformat()}",
                                "核对成文日期和文件头的 date"))
    if any(f.level is Level.ERROR for f in findings):
        return None, findings
    return fields, findings


def assign_index_numbers(
    documents: Iterable[Article], org_code: str, explicit: Mapping[str, str] | None = None,
    index_format: IndexFormat | None = None,
) -> dict[str, str]:
    """索引号 of every document: explicit ones kept, the rest made by `index_format` (by default
    `<org_code>/<year>-<00001>`, bureau/indexformat.py).

    Within a year (of the publication date) the sequence follows (date, src_uri); numbers used by
    explicit values of the same form are skipped. The same content always gives the same numbers;
    a document added with an earlier date shifts the numbers after it, so pin published numbers
    by writing them in the front matter.
    """
    explicit = explicit or {}
    index_format = index_format or parse_index_format(DEFAULT_INDEX_FORMAT)
    documents = sorted(documents, key=lambda a: (a.date.timestamp(), a.src_uri))
    taken: dict[int, set[int]] = defaultdict(set)
    own = index_format.matcher(org_code)
    for value in explicit.values():
        match = own.fullmatch(value.strip())
        if match:
            taken[int(match.group("year"))].add(int(match.group("seq")))
    numbers: dict[str, str] = {}
    next_number: dict[int, int] = defaultdict(lambda: 1)
    for article in documents:
        if explicit.get(article.src_uri):
            numbers[article.src_uri] = explicit[article.src_uri].strip()
            continue
        year = article.date.astimezone(SHANGHAI).year
        number = next_number[year]
        while number in taken[year]:
            number += 1
        next_number[year] = number + 1
        numbers[article.src_uri] = index_format.render(org_code, year, number)
    return numbers


def duplicate_doc_no_findings(documents: Iterable[Article], paths: Mapping[str, str]) -> list[Finding]:
    """A warning on each official document whose 文号 another one also has (brackets and digits of either
    width the same, `doc_no_key`), naming the others: the catalogue would list one document twice, or two
    documents under one 文号."""
    owners: dict[str, list[Article]] = defaultdict(list)
    for document in documents:
        if document.doc_no:
            owners[doc_no_key(document.doc_no)].append(document)
    findings = []
    for same in owners.values():
        for document in same if len(same) > 1 else ():
            others = "、".join(paths.get(d.src_uri, d.src_uri) for d in same if d is not document)
            line, key = document.where("doc_no")
            findings.append(Finding(paths.get(document.src_uri, document.src_uri), line, key, "duplicate-doc-no",
                                    f"文号“{document.doc_no}”与 {others} 相同", "核对文号，照文件原件抄写；"
                                    "同一份文件只发布一次（转载时不写文号）", Level.WARNING))
    return findings


def index_number_findings(
    explicit: Mapping[str, str], paths: Mapping[str, str] | None = None,
    where: Mapping[str, tuple[int | None, str | None]] | None = None,
) -> list[Finding]:
    """An error for each document whose explicit 索引号 another document also has, naming both files;
    `where` gives each document's (line, key as written) of its 索引号."""
    owners: dict[str, list[str]] = defaultdict(list)
    for src_uri, value in sorted(explicit.items()):
        if value and value.strip():
            owners[value.strip()].append(src_uri)
    shown = (lambda s: paths.get(s, s)) if paths is not None else (lambda s: s)
    findings = []
    for value, sources in sorted(owners.items()):
        if len(sources) < 2:
            continue
        for src_uri in sources:
            others = "、".join(shown(s) for s in sources if s != src_uri)
            line, key = (where or {}).get(src_uri, (None, "index_no"))
            findings.append(Finding(shown(src_uri), line, key, "duplicate-index-no",
                                    f"索引号“{value}”与 {others} 重复，每份文件的索引号必须唯一",
                                    "改正其中一个，或删除 index_no 这一行让它自动生成"))
    return findings


def disclosure_record(
    article: Article, fields: DisclosureFields, index_no: str, default_publisher: str, default_topic: str = DEFAULT_TOPIC,
) -> DisclosureRecord:
    """The resolved table: publisher defaults to the article's unit, then `default_publisher`; 成文日期 to 发布日期."""
    published = article.date.astimezone(SHANGHAI).date()
    return DisclosureRecord(
        index_no=index_no, topic=fields.topic or default_topic,
        publisher=fields.publisher or article.unit or default_publisher,
        written_on=fields.written_on or published, doc_no=article.doc_no, published_on=published,
        disclosure=fields.disclosure, validity=fields.validity,
        replaced_by=fields.replaced_by if fields.validity == "废止" else None)


def disclosure_rows(record: DisclosureRecord) -> tuple[DisclosureRow, ...]:
    """The table in the order of `LABELS`, dates written the Chinese way; a missing 文号 shows as 无."""
    validity = DisclosureRow("有效性", "废止（查看替代文件）", record.replaced_by) if record.replaced_by \
        else DisclosureRow("有效性", record.validity)
    return (
        DisclosureRow("索引号", record.index_no),
        DisclosureRow("主题分类", record.topic),
        DisclosureRow("发布机构", record.publisher),
        DisclosureRow("成文日期", chinese_date(record.written_on)),
        DisclosureRow("文号", record.doc_no or "无"),
        DisclosureRow("发布日期", chinese_date(record.published_on)),
        DisclosureRow("公开方式", record.disclosure),
        validity,
    )


def build_disclosure_records(
    articles: Iterable[Article], columns: Mapping[str, Column], org_code: str | None, default_publisher: str,
    paths: Mapping[str, str], index_format: object = None,
) -> tuple[dict[str, DisclosureRecord], list[Finding]]:
    """The resolved disclosure table of every official document among `articles` (by src_uri), and what is
    wrong with them; `index_format` is `extra.bureau.index_no_format` as written (None: the default)."""
    records: dict[str, DisclosureRecord] = {}
    findings: list[Finding] = []
    documents = official_documents(articles, columns)
    fields_of: dict[str, DisclosureFields] = {}
    for article in documents:
        written = {article.key_of(name): value for name, value in article.disclosure_fields}
        lines = {article.key_of(name): article.line_of(name) or 1 for name, _ in article.disclosure_fields}
        fields, found = parse_disclosure(paths.get(article.src_uri, article.src_uri), article, written, lines)
        findings += found
        if fields is not None:
            fields_of[article.src_uri] = fields
    findings += duplicate_doc_no_findings(documents, paths)
    explicit = {src: fields.index_no for src, fields in fields_of.items() if fields.index_no}
    findings += index_number_findings(explicit, paths, {a.src_uri: a.where("index_no") for a in documents})
    try:
        pattern = parse_index_format(DEFAULT_INDEX_FORMAT if index_format is None else index_format)
    except IndexFormatError as exc:
        findings.append(Finding("mkdocs.yml", None, "extra.bureau.index_no_format", "index-format-invalid", str(exc),
                                f"改成例如 index_no_format: \"{EXAMPLE_FORMAT}\"（字段：{{org_code}} 组织机构代码、"
                                "{year} 发布年份、{seq} 当年顺序号，{seq:04d} 补零到 4 位），或删除这一行用默认格式 "
                                + DEFAULT_INDEX_FORMAT))
        return records, findings
    needs_code = any(name == "org_code" for _, name, _ in pattern.parts)
    if len(explicit) < len(fields_of) and needs_code and not org_code:
        findings.append(Finding("mkdocs.yml", None, "extra.bureau.org_code", "org-code-missing",
                                "有公文没有写索引号，生成索引号需要本单位的组织机构代码",
                                "在 mkdocs.yml 的 extra: bureau: 下写 org_code: 00325437-X（本单位的组织机构代码）"))
        return records, findings
    numbers = assign_index_numbers([a for a in documents if a.src_uri in fields_of], org_code or "", explicit, pattern)
    for article in documents:
        if article.src_uri in fields_of:
            records[article.src_uri] = disclosure_record(article, fields_of[article.src_uri], numbers[article.src_uri],
                                                         default_publisher)
    return records, findings


def dead_replacement_findings(
    articles: Iterable[Article], columns: Mapping[str, Column], paths: Mapping[str, str], site_paths: set[str],
) -> list[Finding]:
    """An error for each official document whose `replaced_by` is an address of this site (starting with /)
    that no page of the site has: the repealed document's "查看替代文件" would lead nowhere. `site_paths`
    are the paths a reader can open (checks/brokenlinks.py `site_paths`); a full http(s) URL is not checked."""
    findings = []
    for document in official_documents(articles, columns):
        value = dict(document.disclosure_fields).get("replaced_by")
        if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
            continue
        path = re.split(r"[?#]", value.strip(), maxsplit=1)[0]
        if path in site_paths or path + "/" in site_paths:
            continue
        line, key = document.where("replaced_by")
        findings.append(Finding(paths.get(document.src_uri, document.src_uri), line, key, "replaced-by-missing",
                                f"替代文件的网址“{value}”在本站没有这个页面",
                                "核对替代文件的网址（可在浏览器里打开那份文件，复制地址栏里 / 开头的部分），"
                                "或写完整网址（以 https:// 开头）"))
    return findings
