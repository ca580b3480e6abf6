"""The article contract: front-matter schema and `parse_article(src_uri, text) -> Article` (pure)."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import posixpath
from dataclasses import dataclass, field, fields
from typing import Any, Callable, Literal, Protocol

from pydantic import BeforeValidator, Field, ValidationError
from typing_extensions import Annotated

from healthpress.model.dates import DateFormatError, parse_date
from healthpress.model.findings import Finding, Level
from healthpress.model.plaintext import LongText, NonEmptyText, Paragraph, PlainText, hidden_in_body
from healthpress.model.schema_errors import findings_from_validation
from healthpress.model.slugs import is_valid_slug, slugify
from healthpress.model.source import SourceError, split_source
from healthpress.model.strict import StrictModel

CHINESE_KEYS = {
    "标题": "title", "日期": "date", "栏目": "column", "别名": "slug", "摘要": "summary",
    "作者": "author", "单位": "unit", "标签": "tags", "封面": "cover", "状态": "status",
    "置顶": "pinned", "文号": "doc_no", "期号": "issue",
    "敏感": "sensitive", "审核人": "approved_by", "审核日期": "approved_on", "下线日期": "expires",
    "紧急": "urgent", "发布编号": "release_no", "发言人": "spokesperson", "原文": "verbatim",
    "索引号": "index_no", "主题分类": "topic", "发布机构": "publisher", "成文日期": "written_on",
    "公开方式": "disclosure", "有效性": "validity", "替代文件": "replaced_by",
    "来信人": "writer", "来信日期": "received", "答复": "reply", "答复单位": "replied_by", "答复日期": "replied_on",
    "解读文件": "interprets", "文件类型": "doc_type",
    "访谈时间": "interview_time", "嘉宾": "guests", "主持人": "host", "访谈阶段": "stage",
    "征集开始": "opens", "征集截止": "closes", "收到意见": "opinions", "结果": "results",
}

FIELD_HELP = {
    "title": "title: 市人民医院开展“优质服务年”义诊活动（纯数字的标题请加引号，如 title: \"2013\"）",
    "date": "date: 2013-05-08 或 date: 2013-05-08 09:30（北京时间）",
    "column": "column: health-weekly（栏目编号，即 columns/ 里的文件名）",
    "slug": "slug: yizhen-huodong（只用小写字母、数字和连字符）",
    "summary": "summary: 一句话摘要",
    "author": "author: 张明",
    "unit": "unit: 市人民医院",
    "tags": "tags: [健康, 防疫]（用方括号和英文逗号，或每行一个“- 标签”）",
    "cover": "cover: images/cover.jpg（相对于本文的图片路径；以 / 开头时从网站根目录算起）",
    "status": "status: published（发布）、review（待审核）或 draft（草稿）",
    "pinned": "pinned: true（置顶）或 pinned: false",
    "doc_no": "doc_no: 宜卫办[2013]79号（含方括号时整体加引号更稳妥）",
    "issue": "issue: 12（期号，整数）",
    "sensitive": "sensitive: true（敏感或重大稿件，须填写审核人和审核日期后才能发布）",
    "approved_by": "approved_by: 王局长（审核人）",
    "approved_on": "approved_on: 2013-05-08（审核日期）",
    "expires": "expires: 2013-06-30 或 2013-06-30 18:00（到期后自动从网站撤下）",
    "urgent": "urgent: true（紧急通知：在每个页面顶部显示，直到 expires）",
    "verbatim": "verbatim: true（公文、方案按原文刊登：不做规范用语检查）",
    "release_no": "release_no: 2013年第3号（新闻发布编号）",
    "spokesperson": "spokesperson: 张明（新闻发言人）",
    "index_no": "index_no: 00325437-X/2013-00012（索引号；不写时自动生成）",
    "topic": "topic: 卫生、体育（主题分类）",
    "publisher": "publisher: 市卫生局（发布机构；不写时用供稿单位）",
    "written_on": "written_on: 2013-05-08（成文日期；不写时同发布日期）",
    "disclosure": "disclosure: 主动公开 或 依申请公开",
    "validity": "validity: 有效 或 废止",
    "replaced_by": "replaced_by: /service-year/2014/03/xin-fangan/（废止时写替代它的文件的网址）",
    "writer": "writer: 王女士（来信人的化名，不写真实姓名和联系方式）",
    "received": "received: 2013-06-05（来信日期）",
    "reply": "reply: 答复的全文（多段时用 reply: | 后换行缩进书写）",
    "replied_by": "replied_by: 市卫生局医政科（答复单位）",
    "replied_on": "replied_on: 2013-06-12（答复日期）",
    "interprets": "interprets: 宜卫办[2013]79号（所解读文件的文号，或它在 content/ 里的路径；几份文件时每行写一个“- 文号”）",
    "doc_type": "doc_type: 行政规范性文件（或 规章；其他公文不写这一行）",
    "interview_time": "interview_time: 2025-06-18 15:00（访谈时间，北京时间）",
    "guests": "guests: [张明（市卫生健康委副主任）]（嘉宾，每人写“姓名（职务）”，几位时每行写一个“- 嘉宾”）",
    "host": "host: 李华（主持人）",
    "stage": "stage: 预告（访谈前）或 回顾（访谈后，正文写访谈实录和图片）",
    "opens": "opens: 2025-03-01（征集开始日期）",
    "closes": "closes: 2025-03-31（征集截止日期）",
    "opinions": "opinions: 126（收到的意见条数，整数）",
    "results": "results: 征集结果的全文（多段时用 results: | 后换行缩进书写）",
}


def _to_datetime(value: object) -> dt.datetime:
    try:
        return parse_date(value)
    except DateFormatError as exc:
        raise ValueError(str(exc)) from exc


def _as_list(value: object) -> object:
    """One item written without a list (interprets: 宜卫办[2013]79号) is a list of one."""
    return [value] if isinstance(value, str) else value


class FrontMatter(StrictModel):
    """The fields an editor may write at the top of an article."""

    title: NonEmptyText
    date: Annotated[dt.datetime, BeforeValidator(_to_datetime)]
    column: PlainText | None = None
    slug: PlainText | None = None
    summary: Paragraph | None = None
    author: PlainText | None = None
    unit: PlainText | None = None
    tags: list[NonEmptyText] = []
    cover: PlainText | None = None
    status: Literal["published", "review", "draft"] = "published"
    pinned: bool = False
    doc_no: PlainText | None = None
    issue: int | None = Field(default=None, ge=1)
    sensitive: bool = False
    approved_by: PlainText | None = None
    approved_on: Annotated[dt.datetime, BeforeValidator(_to_datetime)] | None = None
    expires: Annotated[dt.datetime, BeforeValidator(_to_datetime)] | None = None
    urgent: bool = False
    verbatim: bool = False
    release_no: PlainText | None = None
    spokesperson: PlainText | None = None
    index_no: PlainText | None = None
    topic: PlainText | None = None
    publisher: PlainText | None = None
    written_on: Annotated[dt.datetime, BeforeValidator(_to_datetime)] | None = None
    disclosure: Literal["主动公开", "依申请公开"] = "主动公开"
    validity: Literal["有效", "废止"] = "有效"
    replaced_by: PlainText | None = None
    writer: PlainText | None = None
    received: Annotated[dt.datetime, BeforeValidator(_to_datetime)] | None = None
    reply: LongText | None = None
    replied_by: PlainText | None = None
    replied_on: Annotated[dt.datetime, BeforeValidator(_to_datetime)] | None = None
    interprets: Annotated[list[NonEmptyText], BeforeValidator(_as_list)] = []
    doc_type: Literal["行政规范性文件", "规章"] | None = None
    interview_time: Annotated[dt.datetime, BeforeValidator(_to_datetime)] | None = None
    guests: Annotated[list[NonEmptyText], BeforeValidator(_as_list)] = []
    host: PlainText | None = None
    stage: Literal["预告", "回顾"] = "预告"
    opens: Annotated[dt.datetime, BeforeValidator(_to_datetime)] | None = None
    closes: Annotated[dt.datetime, BeforeValidator(_to_datetime)] | None = None
    opinions: int | None = Field(default=None, ge=0, le=999_999_999_999_999)  # what a spreadsheet keeps exactly
    results: LongText | None = None


class StoredText(Protocol):
    """A body kept outside its article (`Article.move_body`)."""

    def read(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Article:
    """One article, validated; small and picklable so rendering can move to worker processes."""

    src_uri: str
    title: str
    date: dt.datetime
    column: str
    slug: str
    summary: str | None
    author: str | None
    unit: str | None
    tags: tuple[str, ...]
    cover: str | None
    status: str
    pinned: bool
    doc_no: str | None
    issue: int | None
    body: str
    """The Markdown body as written (hidden characters removed); read it as `text`: a build moves it out of
    memory once the site is modelled (`move_body`)."""
    body_line: int
    sensitive: bool = False
    approved_by: str | None = None
    approved_on: dt.datetime | None = None
    expires: dt.datetime | None = None
    urgent: bool = False
    verbatim: bool = False
    release_no: str | None = None
    spokesperson: str | None = None
    disclosure_fields: tuple[tuple[str, object], ...] = ()
    """The disclosure fields the editor wrote (index_no, topic, ...), checked by disclosure.py."""
    letter_fields: tuple[tuple[str, object], ...] = ()
    """The letter fields the editor wrote (writer, received, reply, ...), checked by letters.py."""
    interprets: tuple[str, ...] = ()
    """The documents this article interprets (a 解读): each a 文号 or a path in content/ (bureau/interpretation.py)."""
    interprets_lines: tuple[int, ...] = ()
    """The line of each of `interprets`, for a finding about one of them."""
    activity_fields: tuple[tuple[str, object], ...] = ()
    """The interview and survey fields the editor wrote (访谈时间, 嘉宾, 征集截止, ...), checked by
    bureau/interviews.py and bureau/surveys.py."""
    written: tuple[tuple[str, str, int], ...] = field(default=(), compare=False)
    """(field, the key as the editor wrote it, its line), for findings about a field."""
    digest: bytes = field(default=b"", init=False, repr=False, compare=False)
    """Digest of every field above, made once when the article is made (and kept with it in the
    article memo), so the page cache need not describe the article again on every build."""
    url: str = field(default="", init=False, repr=False, compare=False)
    """`<column>/<yyyy>/<mm>/<slug>/`, relative to the site root (asked for some 40,000 times a build)."""
    front_digest: bytes = field(default=b"", init=False, repr=False, compare=False)
    """Digest of every field above but the body: what the site's listings, archive and tags are made from
    (keymemo.py: a preview rebuild after a change to bodies only keeps the other pages' keys)."""

    def __post_init__(self) -> None:  # also runs for dataclasses.replace, never for an unpickled article
        front = repr(tuple(getattr(self, name) for name in FRONT_FIELDS))
        front_digest = hashlib.blake2b(front.encode("utf-8"), digest_size=20).digest()
        object.__setattr__(self, "front_digest", front_digest)
        body = self.body.encode("utf-8", errors="surrogatepass")  # once: repr would escape it first
        object.__setattr__(self, "digest", hashlib.blake2b(front_digest + body, digest_size=20).digest())
        object.__setattr__(self, "url", f"{self.column}/{self.date:%Y}/{self.date:%m}/{self.slug}/")

    @property
    def text(self) -> str:
        """The body, wherever it is kept (here, or in the file `move_body` moved it to)."""
        body = self.body
        return body if type(body) is str else body.read()

    def move_body(self, keep: Callable[[str], StoredText]) -> None:
        """Keep the body where `keep` puts it instead of in this object (storage/spill.py: the stored text
        compares and hashes as the text does): a big build's articles then hold no text while their pages
        are rendered (build/pipeline.py)."""
        if type(self.body) is str:
            object.__setattr__(self, "body", keep(self.body))

    def line_of(self, name: str) -> int | None:
        return next((line for field_name, _, line in self.written if field_name == name), None)

    def key_of(self, name: str) -> str:
        return next((key for field_name, key, _ in self.written if field_name == name), name)

    def where(self, name: str) -> tuple[int | None, str | None]:
        """(line, key as the editor wrote it) of field `name`, for a finding about it; (None, None) when
        the editor did not write it (a column taken from the folder, a slug from the file name)."""
        return next(((line, key) for field_name, key, line in self.written if field_name == name), (None, None))

    @property
    def cover_uri(self) -> str | None:
        """The cover image's place in content/ (None for none, or for an address on another site): relative
        to the article, or from the site's root when it starts with `/` (as every address an editor writes
        in a field, render/jinja_filters.py `site_address`)."""
        if not self.cover or "://" in self.cover or self.cover.startswith("//"):
            return None
        if self.cover.startswith("/"):
            return posixpath.normpath(self.cover.lstrip("/"))
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.src_uri), self.cover))

    @property
    def dest_uri(self) -> str:
        return self.url + "index.html"


FRONT_FIELDS = tuple(f.name for f in fields(Article) if f.repr and f.name != "body")


def default_column(src_uri: str) -> str | None:
    """The first folder under content/, or None for a file at the top."""
    head, _, rest = src_uri.partition("/")
    return head if rest else None


def default_slug(src_uri: str) -> str:
    """The file name when it is ASCII, otherwise its pinyin."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    return slugify(stem)


def parse_article(path: str, src_uri: str, text: str) -> tuple[Article | None, list[Finding]]:
    """Validate one article file; `path` is how findings name it, `src_uri` where it lives in content/.
    A field with an error does not hide the rest: every rule whose own fields are valid is applied."""
    article, findings, _ = read_article(path, src_uri, text)
    if any(f.level is Level.ERROR for f in findings):
        return None, findings
    return article, findings


def read_article(path: str, src_uri: str, text: str) -> tuple[Article | None, list[Finding], frozenset[str]]:
    """`parse_article`, but the article is returned as far as it could be read even when it has errors
    (None only when its front matter cannot be read at all), with the fields that could not be read: a
    placeholder stands in for each (the refused article's body and its valid fields are still checked)."""
    try:
        source = split_source(path, text)
    except SourceError as exc:
        return None, exc.findings, frozenset()
    canonical, written, findings = _canonical_keys(path, source.front_matter, source.key_lines)
    body, hidden = hidden_in_body(path, source.body, source.body_line)
    findings += hidden
    lines = {name: source.key_lines[written[name]] for name in canonical}
    failed: frozenset[str] = frozenset()
    try:
        meta = FrontMatter.model_validate(canonical)
    except ValidationError as exc:
        findings += findings_from_validation(
            exc, path, written=lambda f: written.get(f, f), line_of=lambda f: lines.get(f, 1),
            fix_for=lambda f: "写法：" + FIELD_HELP.get(f, ""),
            line_at=lambda loc: _line_at(loc, lines, source.item_lines, written))
        failed = frozenset(str(item["loc"][0]) for item in exc.errors() if item["loc"])
        meta = _valid_part(canonical, failed)
        if meta is None:
            return None, findings, failed
    slug = meta.slug if meta.slug is not None and "slug" not in failed else default_slug(src_uri)
    if "slug" not in failed and not is_valid_slug(slug):
        findings.append(_slug_finding(path, meta.slug, written, lines, src_uri))
    column = (meta.column if "column" not in failed else None) or default_column(src_uri)
    findings += _publication_findings(path, meta, written, lines, failed)
    if column is None and "column" not in failed:
        findings.append(Finding(path, 1, None, "column-missing", "文章不在任何栏目目录里，也没有写栏目",
                                "把文件移到 content/<栏目>/ 下，或在文件头写 column: <栏目编号>"))
    if column is None or not is_valid_slug(slug):
        return None, findings, failed
    return Article(
        src_uri=src_uri, title=meta.title, date=meta.date, column=column, slug=slug,
        summary=meta.summary or None, author=meta.author, unit=meta.unit, tags=tuple(dict.fromkeys(meta.tags)),
        cover=meta.cover, status=meta.status, pinned=meta.pinned, doc_no=meta.doc_no, issue=meta.issue,
        body=body, body_line=source.body_line, sensitive=meta.sensitive, approved_by=meta.approved_by,
        approved_on=meta.approved_on, expires=meta.expires, urgent=meta.urgent, verbatim=meta.verbatim, release_no=meta.release_no,
        spokesperson=meta.spokesperson,
        disclosure_fields=tuple((name, getattr(meta, name)) for name in DISCLOSURE_FIELDS if name in meta.model_fields_set),
        letter_fields=tuple((name, getattr(meta, name)) for name in LETTER_FIELDS if name in meta.model_fields_set),
        interprets=tuple(meta.interprets), interprets_lines=_item_lines("interprets", len(meta.interprets), lines, source.item_lines, written),
        activity_fields=tuple((name, tuple(value) if isinstance(value := getattr(meta, name), list) else value)
                              for name in ACTIVITY_FIELDS if name in meta.model_fields_set),
        written=tuple((name, written[name], line) for name, line in sorted(lines.items())),
    ), findings, failed


PLACEHOLDERS = {"title": "（标题有误）", "date": dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)}
"""What stands in for a required field that could not be read, in an article refused for it."""


def _valid_part(canonical: dict[str, Any], failed: frozenset[str]) -> FrontMatter | None:
    """The front matter without the fields that failed (a placeholder for a required one)."""
    values = {name: value for name, value in canonical.items() if name not in failed}
    for name, placeholder in PLACEHOLDERS.items():
        if name not in values:
            values[name] = placeholder
    try:
        return FrontMatter.model_validate(values)
    except ValidationError:
        return None


def _line_at(location: tuple, lines: dict[str, int], item_lines: dict[str, tuple[int, ...]],
             written: dict[str, str]) -> int:
    """The line of a validation error: of the list item it is about (the second tag written on a line of
    its own), else of its field; 1 (the front matter's start) for a field not written."""
    name = str(location[0])
    items = item_lines.get(written.get(name, name), ())
    if len(location) > 1 and isinstance(location[1], int) and location[1] < len(items):
        return items[location[1]]
    return lines.get(name, 1)


LETTER_FIELDS = ("writer", "received", "reply", "replied_by", "replied_on")
DISCLOSURE_FIELDS = ("index_no", "topic", "publisher", "written_on", "disclosure", "validity", "replaced_by", "doc_type")
INTERVIEW_FIELDS = ("interview_time", "guests", "host", "stage")
SURVEY_FIELDS = ("opens", "closes", "opinions", "results")
ACTIVITY_FIELDS = INTERVIEW_FIELDS + SURVEY_FIELDS


def _item_lines(name: str, count: int, lines: dict[str, int], item_lines: dict[str, tuple[int, ...]],
                written: dict[str, str]) -> tuple[int, ...]:
    """The line of each of the `count` items of list field `name`: its own line when written one a line,
    else the field's."""
    own = item_lines.get(written.get(name, name), ())
    return tuple(own[i] if i < len(own) else lines.get(name, 1) for i in range(count))


def _publication_findings(path: str, meta: FrontMatter, written: dict[str, str], lines: dict[str, int],
                         failed: frozenset[str] = frozenset()) -> list[Finding]:
    """The bureau's review rule, and an expiry that would withdraw the item before it appears; each rule
    only when none of its fields is among the `failed` ones (reported already)."""
    findings = []

    def valid(*names: str) -> bool:
        return not failed.intersection(names)

    if valid("sensitive", "status", "approved_by", "approved_on") and meta.sensitive and meta.status == "published" and not (meta.approved_by and meta.approved_on):
        missing = "、".join(name for name, value in (("approved_by", meta.approved_by), ("approved_on", meta.approved_on))
                           if not value)
        findings.append(Finding(path, lines.get("sensitive"), written.get("sensitive", "sensitive"), "unapproved",
                                f"敏感或重大稿件须按审定的口径发布，但缺少 {missing}",
                                "经审核后填写 approved_by: 审核人 和 approved_on: 审核日期；审核前请写 status: review"))
    if valid("urgent", "expires") and meta.urgent and not meta.expires:
        findings.append(Finding(path, lines.get("urgent"), written.get("urgent", "urgent"), "urgent-without-expiry",
                                "紧急通知会显示在每个页面的顶部，必须写明到什么时候撤下",
                                "加一行 expires: 2013-06-30 18:00（下线日期）"))
    if valid("expires", "date") and meta.expires and meta.expires <= meta.date:
        findings.append(Finding(path, lines.get("expires"), written.get("expires", "expires"), "expires-before-date",
                                "下线日期不晚于发布日期，这篇文章永远不会出现在网站上",
                                "把 expires 改到发布日期之后，或删除这一行"))
    return findings


def _canonical_keys(path: str, data: dict[str, Any], key_lines: dict[str, int]):
    """Map Chinese keys to field names; unknown keys become warnings naming the closest field."""
    canonical: dict[str, Any] = {}
    written: dict[str, str] = {}
    findings: list[Finding] = []
    known = list(FIELD_HELP) + list(CHINESE_KEYS)
    for key, value in data.items():
        name = CHINESE_KEYS.get(str(key).strip(), str(key).strip())
        if name not in FIELD_HELP:
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.5)
            hint = f"是不是想写 {close[0]}？" if close else "可用的字段：" + "、".join(FIELD_HELP)
            findings.append(Finding(path, key_lines.get(str(key)), str(key), "unknown-field",
                                    "不认识这个字段，它的内容不会显示在网站上", hint, Level.WARNING))
            continue
        if name in canonical:
            findings.append(Finding(path, key_lines.get(str(key)), str(key), "duplicate-field",
                                    f"与第 {key_lines[written[name]]} 行的 {written[name]} 是同一个字段",
                                    "只保留其中一个"))
            continue
        canonical[name] = value
        written[name] = str(key)
    return canonical, written, findings


def _slug_finding(path, slug, written, lines, src_uri) -> Finding:
    if slug is not None:
        return Finding(path, lines.get("slug"), written.get("slug", "slug"), "invalid-slug",
                       f"别名“{slug}”不能用作网址（不能含 /、..、空格、大写字母或中文）",
                       "只用小写字母、数字和连字符，例如 slug: yizhen-huodong")
    return Finding(path, 1, None, "invalid-file-name",
                   f"无法从文件名“{posixpath.basename(src_uri)}”生成网址",
                   "把文件改名为含中文或字母数字的名字，或在文件头写 slug: yizhen-huodong")
