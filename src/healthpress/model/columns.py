"""Columns (专栏): one YAML file per column in `columns/`, validated with pydantic."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from healthpress.model.findings import Finding
from healthpress.model.plaintext import NonEmptyText, Paragraph
from healthpress.model.schema_errors import findings_from_validation
from healthpress.model.sitepaths import RESERVED_NAMES, reserved, reserved_list
from healthpress.model.slugs import is_valid_slug
from healthpress.model.source import SourceError, load_yaml_mapping
from healthpress.model.strict import StrictModel

RESERVED_IDS = RESERVED_NAMES
"""Every name the site generates at its top (sitepaths.py): a column there would take its place."""

COLUMN_FIELD_HELP = {
    "title": "title: 优质服务年",
    "description": "description: 一句话介绍这个栏目",
    "kind": "kind: news（新闻类）、periodical（期刊，如健康周刊）、letters（信件）、notices（通知公告）、"
            "interviews（在线访谈）或 surveys（征集调查）",
    "order": "order: 10（数字越小越靠前）",
    "page_size": "page_size: 20（每页条数，1 到 200）",
    "home_items": "home_items: 6（首页显示条数，0 到 20）",
    "archived": "archived: true（已结束的专题栏目）",
    "update_days": "update_days: 30（合规检查要求的更新周期，天；不写时新闻类 14 天、通知公告类 180 天）",
    "allow_empty_body": "allow_empty_body: true（这个栏目的文章可以只有标题、没有正文；默认 false：正文是空的就报错）",
}


class ColumnSchema(StrictModel):
    """What a column file may say."""

    title: NonEmptyText
    description: Paragraph = ""
    kind: Literal["news", "periodical", "letters", "notices", "interviews", "surveys"] = "news"
    order: int = 100
    page_size: int = Field(default=20, ge=1, le=200)
    home_items: int = Field(default=6, ge=0, le=20)
    archived: bool = False
    update_days: int | None = Field(default=None, ge=1, le=3650)
    allow_empty_body: bool = False


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the site: its id is the file name and the first folder of its articles."""

    id: str
    title: str
    description: str
    kind: str
    order: int
    page_size: int
    home_items: int
    archived: bool
    update_days: int | None = None
    allow_empty_body: bool = False
    """Whether its articles may have no body (a title-only column); otherwise an empty body is an error."""

    @property
    def url(self) -> str:
        return f"{self.id}/"


class Columns(dict):
    """The site's columns by id, in display order; `broken` names the column files that exist but could
    not be read: their folders are still columns (their articles are not told they are in none), the
    file's own findings say what to fix."""

    def __init__(self, columns: dict[str, Column] | None = None, broken: frozenset[str] = frozenset()):
        super().__init__(columns or {})
        self.broken = broken


def parse_column(column_id: str, path: str, text: str) -> tuple[Column | None, list[Finding]]:
    """Validate one column file's text."""
    if not is_valid_slug(column_id):
        return None, [Finding(path, None, None, "column-id",
                              f"栏目文件名“{column_id}”不能用作网址",
                              "文件名只用小写字母、数字和连字符，例如 health-weekly.yml，且不能是 " + reserved_list())]
    generated = reserved(column_id)
    if generated is not None:
        return None, [Finding(path, None, None, "column-id",
                              f"栏目编号“{column_id}”（即文件名）与系统生成的{generated.what}（{generated.url}）重名，"
                              "栏目的网址 /" + column_id + "/ 会与它互相顶替",
                              f"把栏目文件改名（例如 {column_id}-news.yml），content/ 里这个栏目的目录也一起改名；"
                              "这些名字由系统使用，不能用作栏目编号：" + reserved_list())]
    try:
        data, key_lines = load_yaml_mapping(path, text, first_line=1, what="栏目文件")
    except SourceError as exc:
        return None, exc.findings
    try:
        schema = ColumnSchema.model_validate(data)
    except ValidationError as exc:
        return None, findings_from_validation(
            exc, path, written=lambda f: f, line_of=key_lines.get,
            fix_for=lambda f: "写法：" + COLUMN_FIELD_HELP.get(f, "删除这一行；可用的字段："
                                                          + "、".join(COLUMN_FIELD_HELP)))
    return Column(id=column_id, **schema.model_dump()), []


def load_columns(columns_dir: Path, display_dir: str = "columns") -> tuple[Columns, list[Finding]]:
    """Every column in `columns_dir`, in display order (order, then id), and the ids of those whose file
    has an error (`Columns.broken`)."""
    columns: list[Column] = []
    findings: list[Finding] = []
    if not columns_dir.is_dir():
        return Columns(), [Finding(display_dir, None, None, "columns-missing", "找不到栏目目录",
                            f"新建目录 {display_dir}/，每个栏目一个文件，如 {display_dir}/press.yml（内容 title: 新闻发布）")]
    seen: dict[str, str] = {}
    for path in sorted(columns_dir.iterdir()):
        if path.suffix not in (".yml", ".yaml") or path.name.startswith("."):
            continue
        shown = f"{display_dir}/{path.name}"
        if path.stem in seen:
            findings.append(Finding(shown, None, None, "duplicate-column",
                                    f"与 {seen[path.stem]} 是同一个栏目“{path.stem}”", "删除其中一个文件"))
            continue
        seen[path.stem] = shown
        column, found = parse_column(path.stem, shown, path.read_text(encoding="utf-8-sig"))
        findings.extend(found)
        if column:
            columns.append(column)
    if not columns and not findings:
        findings.append(Finding(display_dir, None, None, "columns-empty", "没有任何栏目",
                                f"在 {display_dir}/ 里为每个栏目建一个文件，如 press.yml（内容 title: 新闻发布）"))
    columns.sort(key=lambda c: (c.order, c.id))
    return Columns({c.id: c for c in columns}, frozenset(seen) - {c.id for c in columns}), findings
