"""`data/annual-report.yml`: the figures of the two yearly reports that a site cannot count (pure).

One entry per year. Its `website` part fills the 政府网站工作年度报表 (visits, services, security checks,
new-media accounts, who signs), its `disclosure` part the 政府信息公开工作年度报告 (the application and
review tables and the prose). Every field is optional: a field not written is shown as missing (缺) in
the report, never as 0. What the site counts itself (articles, columns, letters, documents) is not
written here: `bureau/reportcounts.py` counts it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Mapping

from pydantic import AfterValidator, BeforeValidator, Field, create_model
from typing_extensions import Annotated

from healthpress.model.datafile import (DataDocument, Key, ValidEntry, expect_list, load_data_file,
                                        validate_entries, validate_entry)
from healthpress.model.dates import DateFormatError, parse_date
from healthpress.model.findings import Finding, Level, errors
from healthpress.model.plaintext import LONG_TEXT_MAX, NonEmptyText, plain_text
from healthpress.model.strict import StrictModel

EXCEL_LARGEST = 999_999_999_999_999
"""The largest whole number a spreadsheet keeps exactly (15 digits): a bigger one is a typing slip."""
Count = Annotated[int, Field(ge=0, le=EXCEL_LARGEST)]
"""A figure of the forms: a whole number, never negative, never beyond what Excel keeps exactly."""
Amount = Annotated[float, Field(ge=0, le=EXCEL_LARGEST, allow_inf_nan=False)]
Prose = plain_text(LONG_TEXT_MAX, lines=True, min_length=1)

APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
"""The applicant columns of the disclosure report's application table (总计 is added up)."""
OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结")
"""The columns of each part of the review and litigation table (总计 is added up)."""


def _to_date(value: object) -> dt.date:
    try:
        return parse_date(value).date()
    except DateFormatError as exc:
        raise ValueError(str(exc)) from exc


def _numbers(count: int, what: str):
    def check(values: list[int]) -> tuple[int, ...]:
        if len(values) != count:
            raise ValueError(f"应当写 {count} 个数（依次是{what}），这里写了 {len(values)} 个")
        return tuple(values)
    return check


ApplicantRow = Annotated[list[Count], AfterValidator(_numbers(len(APPLICANTS), "、".join(APPLICANTS)))]
OutcomeRow = Annotated[list[Count], AfterValidator(_numbers(len(OUTCOMES), "、".join(OUTCOMES)))]
FilledDate = Annotated[dt.date, BeforeValidator(_to_date)]

ENTRY_HELP = {
    "year": "year: 2025（报告的年度，每个年度只写一项）",
    "website": "website:（政府网站工作年度报表里网站自己统计不了的数，字段见 docs/editors.md）",
    "disclosure": "disclosure:（政府信息公开工作年度报告的申请、复议诉讼情况和文字部分）",
}

WEBSITE_HELP = {
    "site_kind": "site_kind: 部门网站（网站类型：政府门户网站、部门网站或专项网站）",
    "unique_visitors": "unique_visitors: 128000（独立用户访问总量，个）",
    "page_views": "page_views: 560000（网站总访问量，次）",
    "overview_updates": "overview_updates: 12（信息发布里的概况类信息更新量，条）",
    "interpretation_products": "interpretation_products: 3（解读产品数量：图解、视频等，个）",
    "media_reviews": "media_reviews: 2（媒体评论文章数量，篇）",
    "hot_responses": "hot_responses: 4（回应公众关注热点或重大舆情数量，次）",
    "service_catalogue": "service_catalogue: true（是否发布服务事项目录）",
    "registered_users": "registered_users: 3200（办事服务注册用户数，个）",
    "service_items": "service_items: 86（政务服务事项数量，项）",
    "online_service_items": "online_service_items: 60（可全程在线办理政务服务事项数量，项）",
    "natural_person_cases": "natural_person_cases: 1500（自然人办件量，件）",
    "legal_person_cases": "legal_person_cases: 420（法人办件量，件）",
    "unified_platform": "unified_platform: true（互动交流是否使用统一平台）",
    "letters_received": "letters_received: 40（收到留言数量，条；网站有局长信箱栏目时由网站统计，不写）",
    "letters_answered": "letters_answered: 38（办结留言数量，条；同上）",
    "average_reply_days": "average_reply_days: 6.5（留言平均办理时间，天，可以有小数；同上）",
    "replies_published": "replies_published: 30（公开答复数量，条；同上）",
    "surveys_held": "surveys_held: 2（征集调查期数；网站有征集调查栏目时由网站统计，不写）",
    "survey_opinions": "survey_opinions: 35（征集调查收到意见数量，条）",
    "survey_results": "survey_results: 1（公布调查结果期数；网站有征集调查栏目时由网站统计，不写）",
    "interviews_held": "interviews_held: 3（在线访谈期数；网站有在线访谈栏目时由网站统计，不写）",
    "interview_messages": "interview_messages: 48（在线访谈网民留言数量，条）",
    "interview_answers": "interview_answers: 40（在线访谈答复网民提问数量，条）",
    "smart_qa": "smart_qa: false（是否提供智能问答功能）",
    "security_checks": "security_checks: 4（安全检测评估次数，次）",
    "problems_found": "problems_found: 3（安全检测发现问题数量，个）",
    "problems_fixed": "problems_fixed: 3（问题整改数量，个）",
    "security_monitoring": "security_monitoring: true（是否建立安全监测预警机制）",
    "emergency_drills": "emergency_drills: true（是否开展应急演练）",
    "security_officer": "security_officer: true（是否明确网站安全责任人）",
    "new_media": "new_media: true（是否有移动新媒体）",
    "weibo_name": "weibo_name: 健康某市（微博名称；没有微博时写 无）",
    "weibo_posts": "weibo_posts: 320（微博信息发布量，条）",
    "weibo_followers": "weibo_followers: 15000（微博关注量，个）",
    "wechat_name": "wechat_name: 某市卫生健康（微信公众号名称；没有时写 无）",
    "wechat_posts": "wechat_posts: 260（微信信息发布量，条）",
    "wechat_subscribers": "wechat_subscribers: 42000（微信订阅数，个）",
    "other_media": "other_media: 抖音号“健康某市”（其他移动新媒体；没有时写 无）",
    "innovation": "innovation: [无障碍浏览, 搜索即服务]（创新发展：搜索即服务、多语言版本、无障碍浏览、千人千网或其他做法；没有时写 []）",
    "head": "head: 王某某（单位负责人）",
    "reviewer": "reviewer: 李某某（审核人）",
    "filler": "filler: 张某某（填报人）",
    "phone": "phone: 0556-5512345（联系电话）",
    "filled_on": "filled_on: 2026-01-20（填报日期）",
}

DISCLOSURE_HELP = {
    "overview": "overview: |（一、总体情况：一段或几段文字）",
    "rules_made": "rules_made: 0（规章本年制发件数；卫生局不制定规章时写 0）",
    "rules_repealed": "rules_repealed: 0（规章本年废止件数）",
    "rules_in_force": "rules_in_force: 0（规章现行有效件数）",
    "permits": "permits: 1250（行政许可本年处理决定数量）",
    "penalties": "penalties: 36（行政处罚本年处理决定数量）",
    "enforcement": "enforcement: 0（行政强制本年处理决定数量）",
    "fees": "fees: 0（行政事业性收费本年收费金额，万元，可以有小数）",
    "applications": "applications:（收到和处理政府信息公开申请情况：每行 6 个数，依次是" + "、".join(APPLICANTS) + "）",
    "reviews": "reviews:（行政复议、行政诉讼情况：每行 4 个数，依次是" + "、".join(OUTCOMES) + "）",
    "problems": "problems: |（五、存在的主要问题及改进情况）",
    "other": "other: |（六、其他需要报告的事项）",
}

APPLICATION_ROWS: dict[str, str] = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partly_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "refused_secret": "1.属于国家秘密",
    "refused_law": "2.其他法律行政法规禁止公开",
    "refused_safety": "3.危及“三安全一稳定”",
    "refused_third_party": "4.保护第三方合法权益",
    "refused_internal": "5.属于三类内部事务信息",
    "refused_process": "6.属于四类过程性信息",
    "refused_enforcement": "7.属于行政执法案卷",
    "refused_query": "8.属于行政查询事项",
    "unable_not_held": "1.本机关不掌握相关政府信息",
    "unable_needs_making": "2.没有现成信息需要另行制作",
    "unable_unclear": "3.补正后申请内容仍不明确",
    "unhandled_petition": "1.信访举报投诉类申请",
    "unhandled_repeated": "2.重复申请",
    "unhandled_publication": "3.要求提供公开出版物",
    "unhandled_mass": "4.无正当理由大量反复申请",
    "unhandled_confirm": "5.要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_no_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_else": "3.其他",
    "carried_forward": "四、结转下年度继续办理",
}
"""The rows of the application table an office writes, as the form names them (the 总计 rows are added up)."""

APPLICATION_HELP = {key: f"{key}: [0, 0, 0, 0, 0, 0]（{label}）" for key, label in APPLICATION_ROWS.items()}

REVIEW_ROWS = {"review": "行政复议", "litigation": "行政诉讼：未经复议直接起诉",
               "litigation_after_review": "行政诉讼：复议后起诉"}
REVIEW_HELP = {key: f"{key}: [0, 0, 0, 0]（{label}：依次是" + "、".join(OUTCOMES) + "）" for key, label in REVIEW_ROWS.items()}


class EntrySchema(StrictModel):
    year: Annotated[int, Field(ge=2000, le=2100)]
    website: object = None
    disclosure: object = None


class WebsiteFigures(StrictModel):
    """What the office fills in of the 政府网站工作年度报表; None where nothing is written."""

    site_kind: Literal["政府门户网站", "部门网站", "专项网站"] | None = None
    unique_visitors: Count | None = None
    page_views: Count | None = None
    overview_updates: Count | None = None
    interpretation_products: Count | None = None
    media_reviews: Count | None = None
    hot_responses: Count | None = None
    service_catalogue: bool | None = None
    registered_users: Count | None = None
    service_items: Count | None = None
    online_service_items: Count | None = None
    natural_person_cases: Count | None = None
    legal_person_cases: Count | None = None
    unified_platform: bool | None = None
    letters_received: Count | None = None
    letters_answered: Count | None = None
    average_reply_days: Amount | None = None
    replies_published: Count | None = None
    surveys_held: Count | None = None
    survey_opinions: Count | None = None
    survey_results: Count | None = None
    interviews_held: Count | None = None
    interview_messages: Count | None = None
    interview_answers: Count | None = None
    smart_qa: bool | None = None
    security_checks: Count | None = None
    problems_found: Count | None = None
    problems_fixed: Count | None = None
    security_monitoring: bool | None = None
    emergency_drills: bool | None = None
    security_officer: bool | None = None
    new_media: bool | None = None
    weibo_name: NonEmptyText | None = None
    weibo_posts: Count | None = None
    weibo_followers: Count | None = None
    wechat_name: NonEmptyText | None = None
    wechat_posts: Count | None = None
    wechat_subscribers: Count | None = None
    other_media: NonEmptyText | None = None
    innovation: list[NonEmptyText] | None = None
    head: NonEmptyText | None = None
    reviewer: NonEmptyText | None = None
    filler: NonEmptyText | None = None
    phone: NonEmptyText | None = None
    filled_on: FilledDate | None = None


class DisclosureFigures(StrictModel):
    """What the office fills in of the 政府信息公开工作年度报告 (the tables below are read on their own)."""

    overview: Prose | None = None
    rules_made: Count | None = None
    rules_repealed: Count | None = None
    rules_in_force: Count | None = None
    permits: Count | None = None
    penalties: Count | None = None
    enforcement: Count | None = None
    fees: Amount | None = None
    applications: object = None
    reviews: object = None
    problems: Prose | None = None
    other: Prose | None = None


ApplicationFigures = create_model(
    "ApplicationFigures", __base__=StrictModel, **{key: (ApplicantRow | None, None) for key in APPLICATION_ROWS})
"""The application table: a row of six counts for each line of the form an office writes."""
ReviewFigures = create_model("ReviewFigures", __base__=StrictModel, **{key: (OutcomeRow | None, None) for key in REVIEW_ROWS})
"""The review and litigation table: four counts for each of its three parts."""


@dataclass(frozen=True, slots=True)
class YearFigures:
    """One year's entry, validated: each part None when the entry does not write it."""

    year: int
    website: WebsiteFigures | None
    disclosure: DisclosureFigures | None
    applications: Any | None
    reviews: Any | None
    line: int | None
    """The line of the entry's `year`, for findings about the year."""
    website_lines: Mapping[str, int] = field(default_factory=dict)
    """The line of each field written under `website`, for findings about one figure."""


@dataclass(frozen=True, slots=True)
class AnnualReportData:
    """The data file as the reports use it: each year's entry, and the file's name for findings."""

    path: str
    years: tuple[YearFigures, ...] = ()

    def of(self, year: int) -> YearFigures | None:
        return next((entry for entry in self.years if entry.year == year), None)


def read_annual_report(doc: DataDocument) -> tuple[AnnualReportData, list[Finding]]:
    """Every year's entry of the data file, and everything wrong with them (file, line, field)."""
    entries, findings = expect_list(doc, doc.data, (), "年度", "- year: 2025\n  website:\n    page_views: 560000")
    findings += _repeated_years(doc, entries)
    valid, found = validate_entries(doc, entries, EntrySchema, (), ENTRY_HELP, lambda n: f"第 {n} 个年度",
                                    check=lambda item: _check_parts(doc, item))
    findings += found
    years = []
    for item in valid:
        figures, found = _figures(doc, item)
        years.append(figures)
        findings += found
    return AnnualReportData(doc.path, tuple(sorted(years, key=lambda y: y.year))), findings


def load_annual_report(path: Path, display: str = "data/annual-report.yml") -> tuple[AnnualReportData | None, list[Finding]]:
    doc, findings = load_data_file(path, display)
    if doc is None:
        return None, findings
    return read_annual_report(doc)


def _repeated_years(doc: DataDocument, entries: list[Any]) -> list[Finding]:
    """An error on every entry of a year that an earlier entry already has (whatever else is wrong with either)."""
    first: dict[int, int | None] = {}
    findings = []
    for index, entry in enumerate(entries):
        year = entry.get("year") if isinstance(entry, dict) else None
        if type(year) is not int:
            continue
        line = doc.line(index, "year")
        if year in first:
            findings.append(Finding(doc.path, line, "year", "annual-report-duplicate-year",
                                    f"{year} 年已经写过一项（第 {first[year]} 行），每个年度只能写一项",
                                    "把两项的内容合并到一项里，删除另一项"))
        else:
            first[year] = line
    return findings


def _parts(doc: DataDocument, item: ValidEntry[EntrySchema]) -> tuple[dict[str, Any], list[Finding]]:
    """Each part of a year's entry validated by its own schema, so a finding names the key as written."""
    year, key = item.value.year, item.key
    parts: dict[str, Any] = {}
    findings: list[Finding] = []

    def part(model, value, where: Key, help_text, what: str):
        if value is None:
            return None
        result, found = validate_entry(model, value, doc, where, help_text, what)
        findings.extend(found)
        return result

    parts["website"] = part(WebsiteFigures, item.value.website, (*key, "website"), WEBSITE_HELP, f"{year}年网站年度报表")
    disclosure = parts["disclosure"] = part(DisclosureFigures, item.value.disclosure, (*key, "disclosure"),
                                            DISCLOSURE_HELP, f"{year}年信息公开年度报告")
    if disclosure is not None:
        parts["applications"] = part(ApplicationFigures, disclosure.applications, (*key, "disclosure", "applications"),
                                     APPLICATION_HELP, f"{year}年信息公开申请情况")
        if parts["applications"] is not None:
            findings.extend(_unbalanced(doc, (*key, "disclosure", "applications"), parts["applications"], year))
        parts["reviews"] = part(ReviewFigures, disclosure.reviews, (*key, "disclosure", "reviews"),
                                REVIEW_HELP, f"{year}年行政复议、行政诉讼情况")
    return parts, findings


def _unbalanced(doc: DataDocument, key: Key, table, year: int) -> list[Finding]:
    """A warning for each applicant column whose rows the form says must balance and do not: 一 (new) plus
    二 (carried over) equals 三 (every result) plus 四 (carried forward). Columns with a row missing are skipped."""
    results = [name for name in APPLICATION_ROWS if name not in ("new", "carried_over", "carried_forward")]
    rows = {name: getattr(table, name) for name in APPLICATION_ROWS}
    if any(value is None for value in rows.values()):
        return []
    findings = []
    for index, applicant in enumerate(APPLICANTS):
        received = rows["new"][index] + rows["carried_over"][index]
        handled = sum(rows[name][index] for name in results) + rows["carried_forward"][index]
        if received != handled:
            findings.append(Finding(
                doc.path, doc.line(*key), "applications", "annual-report-unbalanced",
                f"{year}年信息公开申请情况“{applicant}”一列对不上：新收加上年结转共 {received} 件，"
                f"办理结果加结转下年度共 {handled} 件",
                "核对这一列：第一项加第二项之和应等于第三项（各种办理结果）加第四项之和", Level.WARNING))
    return findings


def _check_parts(doc: DataDocument, item: ValidEntry[EntrySchema]) -> list[Finding]:
    """The errors of an entry's parts (an entry with any is left out; its warnings come with its figures)."""
    return errors(_parts(doc, item)[1])


def _figures(doc: DataDocument, item: ValidEntry[EntrySchema]) -> tuple[YearFigures, list[Finding]]:
    parts, found = _parts(doc, item)
    return YearFigures(item.value.year, parts.get("website"), parts.get("disclosure"), parts.get("applications"),
                       parts.get("reviews"), doc.line(*item.key, "year"), doc.key_lines(*item.key, "website")), found
