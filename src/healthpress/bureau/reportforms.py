"""The two yearly reports in the national forms' fixed structure, every value in place (pure).

政府网站工作年度报表 follows the form of 国办函〔2018〕12号 (网站基本信息, 信息发布, 专栏专题, 解读回应,
办事服务, 互动交流, 安全防护, 移动新媒体, 创新发展); 政府信息公开工作年度报告 follows 国办公开办函〔2021〕
30号 (six parts, its tables row for row). A value is what the site counted (`reportcounts.py`), what
`data/annual-report.yml` or mkdocs.yml says, or None: missing, shown as 缺, never as 0. A sum is None
when any of its parts is. The page, the spreadsheet and the CSV are all made from these objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from healthpress.bureau.annualreport import (APPLICANTS, APPLICATION_ROWS, OUTCOMES, REVIEW_ROWS, DisclosureFigures,
                                             WebsiteFigures, YearFigures)
from healthpress.bureau.reportcounts import SiteCounts

Value = int | float | str | bool | None
MISSING = "缺"
WEBSITE_TITLE = "政府网站工作年度报表"
ANNEX = "附：本年各栏目发布的文章"
"""Not a part of the national form: the 信息发布 counts column by column, for the office to check them."""
DISCLOSURE_TITLE = "政府信息公开工作年度报告"


@dataclass(frozen=True, slots=True)
class SiteIdentity:
    """The basic facts of the site, from mkdocs.yml (site_name, site_url, extra.bureau)."""

    name: str | None = None
    url: str | None = None
    sponsor: str | None = None
    site_code: str | None = None
    icp: str | None = None
    police_record: str | None = None


@dataclass(frozen=True, slots=True)
class FormRow:
    """One line of a form: its label as the form words it, the value, the unit; `field` names the key of
    data/annual-report.yml the value comes from (None: counted, or from mkdocs.yml); `depth` indents."""

    label: str
    value: Value
    unit: str = ""
    depth: int = 0
    field: str | None = None
    heading: bool = False
    """A line that only groups the lines under it (no value of its own)."""


@dataclass(frozen=True, slots=True)
class HeadCell:
    label: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class TableRow:
    """A row of a grid table: its label, one value per column; a heading row has no values."""

    label: str
    values: tuple[Value, ...] = ()
    depth: int = 0
    field: str | None = None


@dataclass(frozen=True, slots=True)
class FormTable:
    caption: str
    head: tuple[tuple[HeadCell, ...], ...]
    rows: tuple[TableRow, ...]
    note: str = ""
    labelled: bool = True
    """Whether each row starts with its label (the review table's one row has none)."""

    @property
    def width(self) -> int:
        return sum(cell.colspan for cell in self.head[0])


@dataclass(frozen=True, slots=True)
class FormSection:
    """A part of a form: lines, grid tables, or prose (`text`; `prose` says it is a prose part)."""

    heading: str
    rows: tuple[FormRow, ...] = ()
    tables: tuple[FormTable, ...] = ()
    prose: bool = False
    text: str | None = None
    field: str | None = None


@dataclass(frozen=True, slots=True)
class ReportForm:
    kind: str
    """"website" or "disclosure"."""
    title: str
    year: int
    sections: tuple[FormSection, ...]

    @property
    def heading(self) -> str:
        return f"{self.year}年{self.title}"

    def missing_fields(self) -> tuple[tuple[str, str], ...]:
        """(key in data/annual-report.yml, what the form calls it) of every value not yet filled, in form order."""
        found: list[tuple[str, str]] = []
        for section in self.sections:
            if section.prose and section.text is None and section.field:
                found.append((section.field, section.heading))
            found += [(row.field, row.label) for row in section.rows if row.field and row.value is None]
            for table in section.tables:
                found += [(row.field, row.label or section.heading) for row in table.rows if row.field and row.values
                          and any(v is None for v in row.values)]
        unique: dict[str, str] = {}
        for field, label in found:
            unique.setdefault(field, label)
        return tuple(unique.items())

    @property
    def complete(self) -> bool:
        return all(value is not None for value in self.values())

    def values(self) -> Iterable[Value]:
        for section in self.sections:
            if section.prose:
                yield section.text
            for row in section.rows:
                if not row.heading:
                    yield row.value
            for table in section.tables:
                for row in table.rows:
                    yield from row.values


def total(*values: Value) -> Value:
    """The sum, or None when any part is missing."""
    if any(v is None for v in values):
        return None
    return sum(values)  # type: ignore[arg-type]


def show(value: Value) -> str:
    """A value as the page and the CSV print it: 缺 for missing, 是/否, one decimal at most."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def build_website_form(year: int, counts: SiteCounts, figures: YearFigures | None, site: SiteIdentity) -> ReportForm:
    """政府网站工作年度报表 of `year`."""
    w = (figures.website if figures else None) or WebsiteFigures()

    def filled(label: str, name: str, unit: str = "", depth: int = 0) -> FormRow:
        value = getattr(w, name)
        if isinstance(value, list):
            value = "、".join(value) if value else "无"
        return FormRow(label, value, unit, depth, f"website.{name}")

    def counted(label: str, value: Value, unit: str = "", depth: int = 0) -> FormRow:
        return FormRow(label, value, unit, depth)

    def counted_or_filled(label: str, value: Value, name: str, unit: str) -> FormRow:
        """What the site counts, or (when it cannot) what the data file says."""
        return counted(label, value, unit, 1) if value is not None else filled(label, name, unit, 1)

    interp = counts.interp
    sections = (
        FormSection("网站基本信息", (
            counted("网站名称", site.name), counted("首页网址", site.url), counted("主办单位", site.sponsor),
            filled("网站类型", "site_kind"), counted("政府网站标识码", site.site_code),
            counted("ICP备案号", site.icp), counted("公安机关备案号", site.police_record),
            filled("独立用户访问总量", "unique_visitors", "个"), filled("网站总访问量", "page_views", "次"))),
        FormSection("信息发布", (
            counted("总数", total(w.overview_updates, counts.news, counts.documents), "条"),
            filled("概况类信息更新量", "overview_updates", "条", 1),
            counted("政务动态信息更新量", counts.news, "条", 1),
            counted("信息公开目录信息更新量", counts.documents, "条", 1))),
        FormSection("专栏专题", (
            counted("维护数量", counts.columns_kept, "个"), counted("新开设数量", counts.columns_opened, "个"))),
        FormSection("解读回应", (
            counted("解读信息发布总数", total(interp.interpretations, w.interpretation_products, w.media_reviews), "条"),
            counted("解读材料数量", interp.interpretations, "条", 1),
            filled("解读产品数量", "interpretation_products", "个", 1),
            filled("媒体评论文章数量", "media_reviews", "篇", 1),
            filled("回应公众关注热点或重大舆情数量", "hot_responses", "次"))),
        FormSection("办事服务", (
            filled("是否发布服务事项目录", "service_catalogue"), filled("注册用户数", "registered_users", "个"),
            filled("政务服务事项数量", "service_items", "项"),
            filled("可全程在线办理政务服务事项数量", "online_service_items", "项"),
            counted("办件量总数", total(w.natural_person_cases, w.legal_person_cases), "件"),
            filled("自然人办件量", "natural_person_cases", "件", 1), filled("法人办件量", "legal_person_cases", "件", 1))),
        FormSection("互动交流", (
            filled("是否使用统一平台", "unified_platform"),
            FormRow("留言办理", None, heading=True),
            *((counted("收到留言数量", counts.letters_received, "条", 1),
               counted("办结留言数量", counts.letters_answered, "条", 1),
               counted("平均办理时间", counts.average_reply_days if counts.average_reply_days is not None else "无",
                       "天", 1),
               counted("公开答复数量", counts.replies_published, "条", 1)) if counts.letters_received is not None
              else (filled("收到留言数量", "letters_received", "条", 1), filled("办结留言数量", "letters_answered", "条", 1),
                    filled("平均办理时间", "average_reply_days", "天", 1),
                    filled("公开答复数量", "replies_published", "条", 1))),
            FormRow("征集调查", None, heading=True),
            counted_or_filled("征集调查期数", interp.surveys, "surveys_held", "期"),
            counted_or_filled("收到意见数量", interp.survey_opinions, "survey_opinions", "条"),
            counted_or_filled("公布调查结果期数", interp.survey_results, "survey_results", "期"),
            FormRow("在线访谈", None, heading=True),
            counted_or_filled("访谈期数", interp.interviews, "interviews_held", "期"),
            filled("网民留言数量", "interview_messages", "条", 1),
            filled("答复网民提问数量", "interview_answers", "条", 1),
            filled("是否提供智能问答功能", "smart_qa"))),
        FormSection("安全防护", (
            filled("安全检测评估次数", "security_checks", "次"), filled("发现问题数量", "problems_found", "个"),
            filled("问题整改数量", "problems_fixed", "个"), filled("是否建立安全监测预警机制", "security_monitoring"),
            filled("是否开展应急演练", "emergency_drills"), filled("是否明确网站安全责任人", "security_officer"))),
        FormSection("移动新媒体", (
            filled("是否有移动新媒体", "new_media"),
            FormRow("微博", None, heading=True),
            filled("名称", "weibo_name", "", 1), filled("信息发布量", "weibo_posts", "条", 1),
            filled("关注量", "weibo_followers", "个", 1),
            FormRow("微信", None, heading=True),
            filled("名称", "wechat_name", "", 1), filled("信息发布量", "wechat_posts", "条", 1),
            filled("订阅数", "wechat_subscribers", "个", 1),
            filled("其他", "other_media"))),
        FormSection("创新发展", (filled("创新做法（搜索即服务、多语言版本、无障碍浏览、千人千网等）", "innovation"),)),
        FormSection("填报信息", (
            filled("单位负责人", "head"), filled("审核人", "reviewer"), filled("填报人", "filler"),
            filled("联系电话", "phone"), filled("填报日期", "filled_on"))),
        FormSection(ANNEX, tuple(counted(c.title, c.count, "条") for c in counts.by_column)
                    + (counted("合计", counts.articles, "条"),)),
    )
    return ReportForm("website", WEBSITE_TITLE, year, tuple(_dates_as_text(s) for s in sections))


def _dates_as_text(section: FormSection) -> FormSection:
    rows = tuple(FormRow(r.label, r.value.isoformat() if hasattr(r.value, "isoformat") else r.value, r.unit, r.depth,
                         r.field, r.heading) for r in section.rows)
    return FormSection(section.heading, rows, section.tables, section.prose, section.text, section.field)


def build_disclosure_form(year: int, counts: SiteCounts, figures: YearFigures | None) -> ReportForm:
    """政府信息公开工作年度报告 of `year`."""
    d = (figures.disclosure if figures else None) or DisclosureFigures()
    applications = figures.applications if figures else None
    reviews = figures.reviews if figures else None

    def prose(heading: str, name: str) -> FormSection:
        return FormSection(heading, prose=True, text=getattr(d, name), field=f"disclosure.{name}")

    two = (HeadCell("信息内容"), HeadCell("本年处理决定数量"))
    active = FormSection("二、主动公开政府信息情况", tables=(
        FormTable("第二十条第（一）项", ((HeadCell("信息内容"), HeadCell("本年制发件数"), HeadCell("本年废止件数"),
                                       HeadCell("现行有效件数")),), (
            TableRow("规章", (d.rules_made, d.rules_repealed, d.rules_in_force), field="disclosure.rules_made、rules_repealed、rules_in_force"),
            TableRow("行政规范性文件", (counts.normative_made, counts.normative_repealed, counts.normative_in_force)))),
        FormTable("第二十条第（五）项", (two,), (TableRow("行政许可", (d.permits,), field="disclosure.permits"),)),
        FormTable("第二十条第（六）项", (two,), (
            TableRow("行政处罚", (d.penalties,), field="disclosure.penalties"),
            TableRow("行政强制", (d.enforcement,), field="disclosure.enforcement"))),
        FormTable("第二十条第（八）项", ((HeadCell("信息内容"), HeadCell("本年收费金额（单位：万元）")),),
                  (TableRow("行政事业性收费", (d.fees,), field="disclosure.fees"),)),
    ))
    return ReportForm("disclosure", DISCLOSURE_TITLE, year, (
        prose("一、总体情况", "overview"),
        active,
        FormSection("三、收到和处理政府信息公开申请情况", tables=(_application_table(applications),)),
        FormSection("四、政府信息公开行政复议、行政诉讼情况", tables=(_review_table(reviews),)),
        prose("五、存在的主要问题及改进情况", "problems"),
        prose("六、其他需要报告的事项", "other"),
    ))


APPLICATION_GROUPS = (
    ("三、本年度办理结果", None, ("granted", "partly_granted")),
    ("（三）不予公开", 1, ("refused_secret", "refused_law", "refused_safety", "refused_third_party", "refused_internal",
                      "refused_process", "refused_enforcement", "refused_query")),
    ("（四）无法提供", 1, ("unable_not_held", "unable_needs_making", "unable_unclear")),
    ("（五）不予处理", 1, ("unhandled_petition", "unhandled_repeated", "unhandled_publication", "unhandled_mass",
                      "unhandled_confirm")),
    ("（六）其他处理", 1, ("other_no_correction", "other_no_fee", "other_else")),
)
"""The result rows of the application table under their headings (the (一) and (二) rows sit under 三 directly)."""


def _application_table(figures) -> FormTable:
    def row_values(key: str) -> tuple[Value, ...]:
        written = getattr(figures, key, None) if figures is not None else None
        values: tuple[Value, ...] = tuple(written) if written is not None else (None,) * len(APPLICANTS)
        return (*values, total(*values))

    def row(key: str, depth: int) -> TableRow:
        return TableRow(APPLICATION_ROWS[key], row_values(key), depth, f"disclosure.applications.{key}")

    rows = [row("new", 0), row("carried_over", 0)]
    results: list[str] = []
    for heading, depth, keys in APPLICATION_GROUPS:
        if depth is None:
            rows.append(TableRow(heading))
            rows += [row(key, 1) for key in keys]
        else:
            rows.append(TableRow(heading, depth=1))
            rows += [row(key, 2) for key in keys]
        results += keys
    sums = [row_values(key) for key in results]
    rows.append(TableRow("（七）总计", tuple(total(*column) for column in zip(*sums)), 1))
    rows.append(row("carried_forward", 0))
    head = ((HeadCell("", rowspan=3), HeadCell("申请人情况", colspan=len(APPLICANTS) + 1)),
            (HeadCell("自然人", rowspan=2), HeadCell("法人或其他组织", colspan=len(APPLICANTS) - 1),
             HeadCell("总计", rowspan=2)),
            tuple(HeadCell(name) for name in APPLICANTS[1:]))
    return FormTable("", head, tuple(rows), "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和")


def _review_table(figures) -> FormTable:
    values: list[Value] = []
    for key in REVIEW_ROWS:
        written = getattr(figures, key, None) if figures is not None else None
        part: tuple[Value, ...] = tuple(written) if written is not None else (None,) * len(OUTCOMES)
        values += [*part, total(*part)]
    outcomes = tuple(HeadCell(name) for name in (*OUTCOMES, "总计"))
    head = ((HeadCell("行政复议", colspan=5, rowspan=2), HeadCell("行政诉讼", colspan=10)),
            (HeadCell("未经复议直接起诉", colspan=5), HeadCell("复议后起诉", colspan=5)),
            outcomes * 3)
    return FormTable("", head, (TableRow("", tuple(values), field="disclosure.reviews"),), labelled=False)
