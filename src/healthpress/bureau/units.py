"""Contributing units (供稿单位) and their news liaisons (联络员 / 信息员) from `data/units.yml` (pure).

A liaison's phone number may be kept in the file for the publicity office, but the loaded
`Liaison` has no phone attribute, so no template can publish it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal, Mapping

from healthpress.model.articles import Article
from healthpress.model.datafile import DataDocument, expect_list, load_data_file, parse_data, validate_entries
from healthpress.model.findings import Finding, Level
from healthpress.model.plaintext import NonEmptyText, PlainText
from healthpress.model.strict import StrictModel

UNIT_TYPES = ("卫生行政部门", "局机关科室", "医疗机构", "公共卫生机构", "其他")

UNIT_HELP = {
    "name": "name: 市人民医院（单位全称，与文章的 unit 一致）",
    "short_name": "short_name: 人民医院（简称）",
    "aliases": "aliases: [市一院]（文章里可能写的其他名称）",
    "type": "type: " + "、".join(UNIT_TYPES) + " 之一",
    "liaisons": "liaisons:\n  - name: 王海燕\n    role: 联络员",
}

LIAISON_HELP = {
    "name": "name: 王海燕（与文章的 author 写法一致，才能计入他/她的稿件数）",
    "role": "role: 联络员 或 信息员",
    "phone": "phone: 内部联系电话（不会发布到网站上，可不写）",
}

NonEmpty = NonEmptyText


class LiaisonEntry(StrictModel):
    name: NonEmpty
    role: Literal["联络员", "信息员"] = "联络员"
    phone: PlainText | int | None = None


class UnitEntry(StrictModel):
    name: NonEmpty
    short_name: NonEmpty | None = None
    aliases: list[NonEmpty] = []
    type: Literal["卫生行政部门", "局机关科室", "医疗机构", "公共卫生机构", "其他"]
    liaisons: list[object] = []


@dataclass(frozen=True, slots=True)
class Liaison:
    """A unit's news liaison or information officer (no phone: it is never published)."""

    name: str
    role: str


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit that contributes articles."""

    name: str
    short_name: str | None
    aliases: tuple[str, ...]
    type: str
    liaisons: tuple[Liaison, ...]
    line: int | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name an article may use for this unit: full name, short name, aliases."""
        return tuple(dict.fromkeys(n for n in (self.name, self.short_name, *self.aliases) if n))


def read_units(doc: DataDocument) -> tuple[list[Unit], list[Finding]]:
    """Validate a loaded units document; a name used by two units, or a liaison in two units, is an error."""
    entries, findings = expect_list(doc, doc.data, (), "单位", "- name: 市人民医院")
    valid, found = validate_entries(doc, entries, UnitEntry, (), UNIT_HELP, lambda n: f"第 {n} 个单位")
    findings += found
    units: list[Unit] = []
    owner_of_name: dict[str, tuple[str, int | None]] = {}
    owner_of_liaison: dict[str, tuple[str, int | None]] = {}
    for item in valid:
        entry, index = item.value, item.index
        lines = doc.key_lines(index)
        raw, found = expect_list(doc, entry.liaisons, (index, "liaisons"), "联络员", "- name: 王海燕")
        findings += found
        valid_liaisons, found = validate_entries(doc, raw, LiaisonEntry, (index, "liaisons"), LIAISON_HELP,
                                                 lambda n: f"“{entry.name}”的第 {n} 个联络员")
        findings += found
        liaisons = []
        for liaison_entry in valid_liaisons:
            liaison = liaison_entry.value
            line = doc.line(*liaison_entry.key, "name")
            if liaison.name in owner_of_liaison:
                other, other_line = owner_of_liaison[liaison.name]
                findings.append(Finding(doc.path, line, "name", "duplicate-liaison",
                                        f"“{liaison.name}”已经是“{other}”的联络员（第 {other_line} 行），稿件无法确定计入哪个单位",
                                        "一个人只登记在一个单位下"))
                continue
            owner_of_liaison[liaison.name] = (entry.name, line)
            liaisons.append(Liaison(liaison.name, liaison.role))
        unit = Unit(entry.name, entry.short_name, tuple(dict.fromkeys(entry.aliases)), entry.type, tuple(liaisons),
                    doc.line(index))
        clash = next((n for n in unit.names if n in owner_of_name), None)
        if clash is not None:
            other, other_line = owner_of_name[clash]
            findings.append(Finding(doc.path, lines.get("name"), "name", "duplicate-unit",
                                    f"名称“{clash}”已经用于“{other}”（第 {other_line} 行）",
                                    "同一个单位只写一项；不同单位的简称和别名不能相同"))
            continue
        for name in unit.names:
            owner_of_name[name] = (unit.name, lines.get("name"))
        units.append(unit)
    return units, findings


def parse_units(path: str, text: str) -> tuple[list[Unit], list[Finding]]:
    """Units from a file's text; `path` is how findings name the file."""
    doc, findings = parse_data(path, text)
    return read_units(doc) if doc is not None else ([], findings)


def load_units(path: Path, display: str = "data/units.yml") -> tuple[list[Unit], list[Finding]]:
    """Units from `path`, in file order."""
    doc, findings = load_data_file(path, display)
    return read_units(doc) if doc is not None else ([], findings)


def resolve_unit(name: str | None, units: Iterable[Unit]) -> Unit | None:
    """The unit whose full name, short name or alias is `name` (surrounding spaces ignored)."""
    if not name:
        return None
    name = name.strip()
    return next((u for u in units if name in u.names), None)


def unit_index(units: Iterable[Unit]) -> dict[str, Unit]:
    """Every name (full, short, alias) to its unit, the first unit listed for a name used twice: `index.get(
    name.strip())` is `resolve_unit(name, units)` for a name that is not empty, without reading the list."""
    index: dict[str, Unit] = {}
    for unit in units:
        for alias in unit.names:
            index.setdefault(alias, unit)
    return index


def closest_unit(name: str, units: Iterable[Unit]) -> Unit | None:
    """The unit with the name (full, short or alias) most like `name`, or None when none is close."""
    by_name: dict[str, Unit] = {}
    for unit in units:
        for alias in unit.names:
            by_name.setdefault(alias, unit)
    close = difflib.get_close_matches(name.strip(), list(by_name), n=1, cutoff=0.5)
    return by_name[close[0]] if close else None


def unit_findings(articles: Iterable[Article], units: list[Unit], paths: Mapping[str, str] | None = None,
                  display: str = "data/units.yml") -> list[Finding]:
    """A warning for each article whose `unit` is not in the list, naming the closest unit."""
    findings = []
    index = unit_index(units)
    closest: dict[str, Unit | None] = {}  # the same unknown unit on many articles is looked up once
    for article in articles:
        if not article.unit or article.unit.strip() in index:
            continue
        if article.unit not in closest:
            closest[article.unit] = closest_unit(article.unit, units)
        close = closest[article.unit]
        hint = f"是不是“{close.name}”？" if close else ""
        findings.append(Finding(
            paths.get(article.src_uri, article.src_uri) if paths is not None else article.src_uri,
            article.line_of("unit"), article.key_of("unit"), "unknown-unit",
            f"供稿单位“{article.unit}”不在 {display} 的单位名单里，不会计入单位稿件统计",
            f"{hint}按名单改正单位名称；确实是新单位时在 {display} 里添加它", Level.WARNING))
    return findings
