"""The leadership group (data/leadership-group.yml): structure as the plan lists it, and file findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthpress.model.findings import Level
from healthpress.bureau.organisation import (
    LeadershipGroup, Member, Office, Role, load_leadership_group, parse_leadership_group,
)

ROOT = Path(__file__).resolve().parents[2]
FILE = "data/leadership-group.yml"

SMALL = """\
name: 市卫生局创建平安清远宣传工作领导小组
established_by: 市卫生局
groups:
  - role: 组长
    members:
      - post: 市政协副主席、卫生局局长
        name: 唐远强
  - role: 成员
    members:
      - post: 市中心血站站长
        name: 柳然
      - post: 局机关各科室负责人
office:
  located_in: 市卫生局办公室
  duty: 负责日常工作的处理
"""


def test_small_group():
    group, findings = parse_leadership_group(FILE, SMALL)
    assert findings == []
    assert group == LeadershipGroup(
        name="市卫生局创建平安清远宣传工作领导小组", established_by="市卫生局", source=None,
        roles=(Role("组长", (Member("市政协副主席、卫生局局长", "唐远强"),)),
               Role("成员", (Member("市中心血站站长", "柳然"), Member("局机关各科室负责人", None)))),
        office=Office("领导小组办公室", "市卫生局办公室", "负责日常工作的处理"))


@pytest.mark.parametrize("name, shown", [("柳然", "柳\u3000然"), ("唐远强", "唐远强"), ("欧阳明远", "欧阳明远"), (None, "")])
def test_display_name_aligns_two_character_names(name, shown):
    assert Member("职务", name).display_name == shown


def test_sentences_as_the_plan_writes_them():
    group, _ = parse_leadership_group(FILE, SMALL)
    assert group.intro == "市卫生局成立创建平安清远宣传工作领导小组："
    assert group.office.sentence == "领导小组下设办公室，设在市卫生局办公室，负责日常工作的处理。"
    assert group.people == ("唐远强", "柳然")


def test_committed_file_is_the_plan_exactly():
    group, findings = load_leadership_group(ROOT / "data" / "leadership-group.yml")
    assert findings == []
    listed = [(r.role, [(m.post, m.name) for m in r.members]) for r in group.roles]
    assert listed == [
        ("组长", [("市政协副主席、卫生局局长", "唐远强"), ("市卫生局党组书记", "李思真")]),
        ("副组长", [("市卫生局副局长", "陈丽霞"), ("市卫生局副局长", "罗家泉"), ("市卫生局副调研员", "马军"),
                  ("市人民医院党委书记", "莫新铨"), ("市中医院党委书记", "谢全生"), ("市妇幼保健院党委书记", "刘晓明")]),
        ("成员", [("市卫生监督所所长", "白伟家"), ("市疾病预防控制中心主任", "黄业草"), ("市爱卫办主任", "钟雪莲"),
                ("市慢性病防治医院院长", "唐杰彬"), ("市中心血站站长", "柳然"), ("市医疗急救指挥中心主任", "古淦元"),
                ("市医疗事故技术鉴定中心主任", "龙志坚"), ("局机关各科室负责人", None)]),
    ]
    assert group.intro == "市卫生局成立创建平安清远宣传工作领导小组："
    assert group.office.sentence == "领导小组下设办公室，设在市卫生局办公室，负责日常工作的处理。"


def test_committed_file_agrees_with_the_example_article_table():
    group, _ = load_leadership_group(ROOT / "data" / "leadership-group.yml")
    text = (ROOT / "content" / "safe-qingyuan" / "chuangjian-pingan-qingyuan-xuanchuan-fangan.md").read_text(encoding="utf-8")
    rows = [line.strip("| ").split(" | ") for line in text.splitlines() if line.startswith(("| 组长", "| 副组长", "| 成员"))]
    listed = [[r.role, m.post, *([m.name] if m.name else [])] for r in group.roles for m in r.members]
    assert [[cell.strip(" |") for cell in row if cell.strip(" |")] for row in rows] == listed


@pytest.mark.parametrize(
    "edit, line, field, code, level",
    [
        (("        name: 柳然\n", "        name: 柳  然\n"), 11, "name", "invalid-value_error", Level.ERROR),
        (("  - role: 成员\n", "  - role: 组长\n"), 8, "role", "duplicate-role", Level.ERROR),
        (("  - role: 组长\n", "  - role: 顾问\n"), 3, "groups", "no-leader", Level.ERROR),
        (("        name: 柳然\n", "        name: 唐远强\n"), 11, "name", "duplicate-person", Level.WARNING),
        (("      - post: 局机关各科室负责人\n", "      - 局机关各科室负责人\n"), 12, None, "data-not-mapping", Level.ERROR),
        (("      - post: 局机关各科室负责人\n", "      - name: 张三\n"), 12, "post", "invalid-missing", Level.ERROR),
        (("  duty: 负责日常工作的处理\n", ""), 13, "duty", "invalid-missing", Level.ERROR),
        (("  duty: 负责日常工作的处理\n", "  duty: 负责日常工作的处理\n  phone: 0763-3381234\n"), 16, "phone",
         "invalid-extra_forbidden", Level.ERROR),
        (("    members:\n      - post: 市政协副主席、卫生局局长\n        name: 唐远强\n", "    members: []\n"), 5, "members",
         "empty-role", Level.ERROR),
        (("name: 市卫生局创建平安清远宣传工作领导小组\n", ""), None, "name", "invalid-missing", Level.ERROR),
    ],
    ids=["padded-name", "role-twice", "no-leader", "person-twice", "member-as-text", "member-without-post",
         "office-without-duty", "office-unknown-field", "role-without-members", "no-group-name"],
)
def test_file_findings_with_lines(edit, line, field, code, level):
    old, new = edit
    assert old in SMALL
    group, findings = parse_leadership_group(FILE, SMALL.replace(old, new, 1))
    [finding] = findings
    assert (finding.path, finding.field, finding.code, finding.level) == (FILE, field, code, level)
    if line is not None:
        assert finding.line == line
    assert (group is None) is (level is Level.ERROR)


def test_not_a_mapping():
    group, [finding] = parse_leadership_group(FILE, "- 组长: 唐远强\n")
    assert (group, finding.code) == (None, "data-not-mapping")


def test_load_from_a_real_file(tmp_path):
    path = tmp_path / "leadership-group.yml"
    path.write_text(SMALL, encoding="utf-8")
    group, findings = load_leadership_group(path, FILE)
    assert findings == [] and group.people == ("唐远强", "柳然")
    assert load_leadership_group(tmp_path / "none.yml", FILE)[1][0].code == "data-missing"
