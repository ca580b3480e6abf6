"""The bureau's leaders from `data/leaders.yml`: names, the titles written before them, their terms (pure)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import AfterValidator, BeforeValidator
from typing_extensions import Annotated

from healthpress.model.datafile import (DataDocument, Unique, expect_list, load_data_file, parse_data,
                                        validate_entries)
from healthpress.model.dates import DateFormatError, parse_date
from healthpress.model.findings import Finding
from healthpress.model.plaintext import PlainText, text_finding
from healthpress.model.strict import StrictModel
from healthpress.model.validity import reversed_period


def _to_date(value: object) -> dt.date:
    try:
        return parse_date(value).date()
    except DateFormatError as exc:
        raise ValueError(str(exc)) from exc


def _person_name(value: str) -> str:
    if not re.fullmatch(r"[\u4e00-\u9fff·]{2,6}", value):
        raise ValueError(f"姓名“{value}”只能是 2 到 6 个汉字，中间不加空格")
    return value


def _title(value: str) -> str:
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,}", value):
        raise ValueError(f"职务“{value}”只能是汉字，每个职务单独一项（不要用顿号连在一起）")
    return value


def _some_titles(value: list[str]) -> list[str]:
    if not value:
        raise ValueError("至少写一个职务")
    return value


Name = Annotated[PlainText, AfterValidator(_person_name)]
Title = Annotated[PlainText, AfterValidator(_title)]

LEADER_HELP = {
    "name": "name: 唐远强（姓名，不加空格）",
    "titles": "titles: [卫生局局长, 局长]（文章里写在姓名前面的职务）",
    "since": "since: 2013-01-01（任职起始日期，可不写）",
    "until": "until: 2016-12-31（离任日期，在任可不写）",
}


class LeaderEntry(StrictModel):
    name: Name
    titles: Annotated[list[Title], AfterValidator(_some_titles)]
    since: Annotated[dt.date, BeforeValidator(_to_date)] | None = None
    until: Annotated[dt.date, BeforeValidator(_to_date)] | None = None


@dataclass(frozen=True, slots=True)
class Leader:
    """A leader, the titles written before their name, and their term (None: open)."""

    name: str
    titles: tuple[str, ...]
    since: dt.date | None = None
    until: dt.date | None = None

    def serves_on(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


@dataclass(frozen=True, slots=True)
class Leaders:
    """The bureau's names as written before a title (市卫生局局长), and its leaders."""

    organisations: tuple[str, ...]
    leaders: tuple[Leader, ...]


def read_leaders(doc: DataDocument) -> tuple[Leaders, list[Finding]]:
    """Validate a loaded leaders document."""
    data = doc.data if isinstance(doc.data, dict) else {}
    findings = [] if isinstance(doc.data, dict) else [
        Finding(doc.path, doc.line(), None, "data-not-mapping", "应当有 organisations 和 leaders 两项",
                "写法：organisations: [市卫生局, 卫生局] 和 leaders:（每位领导一项）")]
    organisations, found = expect_list(doc, data.get("organisations"), ("organisations",), "单位名称", "[市卫生局, 卫生局]")
    findings += found
    entries, found = expect_list(doc, data.get("leaders"), ("leaders",), "领导", "- name: 唐远强")
    findings += found
    valid, found = validate_entries(doc, entries, LeaderEntry, ("leaders",), LEADER_HELP, lambda n: f"第 {n} 位领导",
                                    unique=Unique("name", "duplicate-leader", "把职务合并到同一项的 titles 里"),
                                    check=lambda item: reversed_period(doc.path, doc.line(*item.key, "until"),
                                                                       item.value.since, item.value.until))
    findings += found
    leaders = [Leader(e.name, tuple(dict.fromkeys(e.titles)), e.since, e.until) for e in (v.value for v in valid)]
    names: list[str] = []
    for index, name in enumerate(str(o).strip() for o in organisations):
        refused = text_finding(doc.path, doc.line("organisations", index), "organisations", name)
        if refused is not None:
            findings.append(refused)
        elif name:
            names.append(name)
    return Leaders(tuple(names), tuple(leaders)), findings


def load_leaders(path: Path, display: str = "data/leaders.yml") -> tuple[Leaders, list[Finding]]:
    doc, findings = load_data_file(path, display)
    return read_leaders(doc) if doc is not None else (Leaders((), ()), findings)


def parse_leaders(path: str, text: str) -> tuple[Leaders, list[Finding]]:
    doc, findings = parse_data(path, text)
    return read_leaders(doc) if doc is not None else (Leaders((), ()), findings)
