"""A leadership group (领导小组) and its office from `data/leadership-group.yml`, as a plan lists them (pure).

The template renders `group.intro`, then each role (组长, 副组长, 成员) with its members' posts and
names (two-character names padded with a full-width space, as Chinese name lists align them), then
`group.office.sentence`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import AfterValidator
from typing_extensions import Annotated

from healthpress.model.datafile import (DataDocument, Unique, expect_list, load_data_file, parse_data, validate_entry,
                                        validate_entries)
from healthpress.model.findings import Finding, Level
from healthpress.model.plaintext import PARAGRAPH_MAX, NonEmptyText, PlainText, plain_text
from healthpress.model.strict import StrictModel

GROUP_HELP = {
    "name": "name: 市卫生局创建平安清远宣传工作领导小组",
    "established_by": "established_by: 市卫生局（成立领导小组的单位）",
    "source": "source: 清远市卫生局创建平安清远宣传工作方案（出处）",
    "groups": "groups:\n  - role: 组长\n    members:\n      - post: 市政协副主席、卫生局局长\n        name: 唐远强",
    "office": "office:\n  name: 领导小组办公室\n  located_in: 市卫生局办公室\n  duty: 负责日常工作的处理",
}
ROLE_HELP = {"role": "role: 组长（或 副组长、成员）", "members": "members:（每人一项，写 post 和 name）"}
MEMBER_HELP = {"post": "post: 市卫生局副局长（单位及职务）", "name": "name: 陈丽霞（姓名，不加空格；没有具体姓名时不写）"}
OFFICE_HELP = {"name": "name: 领导小组办公室", "located_in": "located_in: 市卫生局办公室（设在哪里）",
               "duty": "duty: 负责日常工作的处理"}

LEADING_ROLE = "组长"


def _person_name(value: str) -> str:
    if re.search(r"\s", value):
        raise ValueError(f"姓名“{value}”中间有空格：对齐用的空格不要写进文件，网站会自动对齐两个字的姓名")
    if not re.fullmatch(r"[\u4e00-\u9fff·]{2,6}", value):
        raise ValueError(f"姓名“{value}”只能是 2 到 6 个汉字")
    return value


NonEmpty = NonEmptyText
NonEmptyParagraph = plain_text(PARAGRAPH_MAX, lines=True, min_length=1)


class MemberEntry(StrictModel):
    post: NonEmpty
    name: Annotated[PlainText, AfterValidator(_person_name)] | None = None


class RoleEntry(StrictModel):
    role: NonEmpty
    members: list[object]


class OfficeEntry(StrictModel):
    name: NonEmpty = "领导小组办公室"
    located_in: NonEmpty
    duty: NonEmptyParagraph


class GroupEntry(StrictModel):
    name: NonEmpty
    established_by: NonEmpty | None = None
    source: NonEmpty | None = None
    groups: list[object]
    office: object


@dataclass(frozen=True, slots=True)
class Member:
    """One line of the list: the post, and the name (None for a line such as 局机关各科室负责人)."""

    post: str
    name: str | None

    @property
    def display_name(self) -> str:
        """马　军: a two-character name with a full-width space, so names line up in the list."""
        if self.name and len(self.name) == 2:
            return f"{self.name[0]}\u3000{self.name[1]}"
        return self.name or ""


@dataclass(frozen=True, slots=True)
class Role:
    """组长, 副组长 or 成员, and its members in the plan's order."""

    role: str
    members: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class Office:
    """The group's office (领导小组办公室): where it sits and what it does."""

    name: str
    located_in: str
    duty: str

    @property
    def sentence(self) -> str:
        """领导小组下设办公室，设在市卫生局办公室，负责日常工作的处理。"""
        short = self.name.removeprefix("领导小组")
        return f"领导小组下设{short}，设在{self.located_in}，{self.duty}。"


@dataclass(frozen=True, slots=True)
class LeadershipGroup:
    """The leadership group as the plan lists it."""

    name: str
    established_by: str | None
    source: str | None
    roles: tuple[Role, ...]
    office: Office

    @property
    def intro(self) -> str:
        """市卫生局成立创建平安清远宣传工作领导小组："""
        group = self.name
        if self.established_by and group.startswith(self.established_by):
            group = group[len(self.established_by):]
        return f"{self.established_by}成立{group}：" if self.established_by else f"成立{group}："

    @property
    def people(self) -> tuple[str, ...]:
        """Every named member, in list order."""
        return tuple(m.name for r in self.roles for m in r.members if m.name)


def read_leadership_group(doc: DataDocument) -> tuple[LeadershipGroup | None, list[Finding]]:
    """Validate a loaded leadership-group document; every role once, a 组长 required."""
    top, findings = validate_entry(GroupEntry, doc.data, doc, (), GROUP_HELP, "领导小组")
    if top is None:
        return None, findings
    roles: list[Role] = []
    person_lines: dict[str, int | None] = {}
    groups, found = expect_list(doc, top.groups, ("groups",), "职务分组", "- role: 组长")
    findings += found
    valid_groups, found = validate_entries(doc, groups, RoleEntry, ("groups",), ROLE_HELP, lambda n: f"第 {n} 组",
                                           unique=Unique("role", "duplicate-role", "把这一组的成员合并到前面那一组"))
    findings += found
    for group in valid_groups:
        entry = group.value
        raw, found = expect_list(doc, entry.members, (*group.key, "members"), "成员", "- post: 市卫生局副局长")
        findings += found
        valid_members, found = validate_entries(doc, raw, MemberEntry, (*group.key, "members"), MEMBER_HELP,
                                                lambda n: f"{entry.role}的第 {n} 人")
        findings += found
        members = []
        for item in valid_members:
            member, line = item.value, doc.line(*item.key, "name")
            if member.name and member.name in person_lines:
                findings.append(Finding(doc.path, line, "name", "duplicate-person",
                                        f"{member.name}在名单里出现了两次（第一次在第 {person_lines[member.name]} 行）",
                                        "核对名单，一个人只列一次", Level.WARNING))
            elif member.name:
                person_lines[member.name] = line
            members.append(Member(member.post, member.name))
        if not members and not raw:
            findings.append(Finding(doc.path, doc.line(*group.key, "members"), "members", "empty-role", f"“{entry.role}”没有成员",
                                    "写法：" + ROLE_HELP["members"]))
        roles.append(Role(entry.role, tuple(members)))
    if not any(r.role == LEADING_ROLE for r in roles) and not any(f.code.startswith("invalid") for f in findings):
        findings.append(Finding(doc.path, doc.line("groups"), "groups", "no-leader", "领导小组没有组长",
                                "写法：" + GROUP_HELP["groups"].replace("\n", " ")))
    office, found = validate_entry(OfficeEntry, top.office, doc, ("office",), OFFICE_HELP, "领导小组办公室")
    findings += found
    if office is None or any(f.level is Level.ERROR for f in findings):
        return None, findings
    return LeadershipGroup(top.name, top.established_by, top.source, tuple(roles),
                           Office(office.name, office.located_in, office.duty)), findings


def parse_leadership_group(path: str, text: str) -> tuple[LeadershipGroup | None, list[Finding]]:
    """The group from a file's text; `path` is how findings name the file."""
    doc, findings = parse_data(path, text)
    return read_leadership_group(doc) if doc is not None else (None, findings)


def load_leadership_group(path: Path, display: str = "data/leadership-group.yml") -> tuple[LeadershipGroup | None, list[Finding]]:
    """The group from `path`."""
    doc, findings = load_data_file(path, display)
    return read_leadership_group(doc) if doc is not None else (None, findings)
