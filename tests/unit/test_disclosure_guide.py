"""The 政府信息公开指南 (data/disclosure-guide.yml): what it holds, the office completed from extra.bureau,
and every problem of the file with its line and field, in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthpress.bureau.disclosureguide import (Channel, Office, complete_guide, load_disclosure_guide,
                                                parse_disclosure_guide)
from healthpress.model.findings import Level

ROOT = Path(__file__).resolve().parents[2]
FILE = "data/disclosure-guide.yml"

SMALL = """\
scope:
  - 规范性文件
apply:
  channels:
    - name: 当面申请
      how: 到办公室填写申请表。
office:
  name: 政府信息公开办公室
  hours: 工作日 8:30—17:30
fees: 不收取费用。
remedies: 可以依法申请行政复议或者提起行政诉讼。
"""


def test_a_small_guide_takes_the_office_address_and_phone_from_the_bureau():
    guide, findings = parse_disclosure_guide(FILE, SMALL)
    assert findings == []
    assert guide.scope == ("规范性文件",) and guide.channels == (Channel("当面申请", "到办公室填写申请表。"),)
    assert (guide.intro, guide.form, guide.form_url, guide.time_limit) == (None, None, None, None)
    completed, findings = complete_guide(guide, {"address": "人民路 1 号", "phone": "0763-1234567", "postcode": "511500"})
    assert findings == []
    assert completed.office == Office("政府信息公开办公室", "工作日 8:30—17:30", "人民路 1 号", "511500", "0763-1234567")


def test_an_office_without_address_or_phone_anywhere_is_an_error_on_the_office_line():
    guide, _ = parse_disclosure_guide(FILE, SMALL)
    completed, findings = complete_guide(guide, {"phone": "0763-1234567"})
    assert completed is None
    [finding] = findings
    assert (finding.path, finding.line, finding.field, finding.level) == (FILE, 7, "address", Level.ERROR)
    assert "地址" in finding.message and "extra.bureau" in finding.message


def test_the_office_written_in_the_file_wins_over_the_bureau():
    guide, _ = parse_disclosure_guide(FILE, SMALL.replace("  hours:", "  phone: 0763-7654321\n  hours:"))
    completed, _ = complete_guide(guide, {"address": "人民路 1 号", "phone": "0763-1234567"})
    assert completed.office.phone == "0763-7654321"


@pytest.mark.parametrize("change, line, field, said", [
    (("fees: 不收取费用。\n", ""), 1, "fees", "fees"),
    (("remedies:", "remedy:"), 11, "remedy", "不认识"),
    (("  - 规范性文件\n", "  - 规范性文件\n  - 3\n"), 3, "scope", "第 2 项"),
    (("scope:\n  - 规范性文件\n", "scope: 规范性文件\n"), 1, "scope", "列表"),
    (("scope:\n  - 规范性文件\n", "scope: []\n"), 1, "scope", "没有写任何一项"),
    (("      how: 到办公室填写申请表。\n", ""), 5, "how", "第 1 种申请方式"),
    (("      how: 到办公室填写申请表。\n", "      how: 到办公室填写申请表。\n    - name: 当面申请\n      how: 另一种。\n"),
     7, "name", "已经写过"),
    (("  channels:\n", "  form_url: javascript:alert(1)\n  channels:\n"), 4, "form_url", "不是网址"),
    (("  hours: 工作日 8:30—17:30\n", ""), 7, "hours", "办理机构"),
    (("  name: 政府信息公开办公室\n", "  name: 政府信息公开办公室\n  room: 301\n"), 9, "room", "不认识"),
    (("fees: 不收取费用。", "fees: 不收取<b>费用</b>。"), 10, "fees", "HTML"),
])
def test_every_problem_names_its_line_and_field(change, line, field, said):
    text = SMALL.replace(*change)
    assert text != SMALL
    guide, findings = parse_disclosure_guide(FILE, text)
    assert guide is None
    assert any((f.path, f.line, f.field) == (FILE, line, field) and said in f.message + f.fix for f in findings), \
        [(f.line, f.field, f.message, f.fix) for f in findings]
    assert all(f.fix for f in findings)


def test_the_committed_guide_is_valid_and_complete_with_the_example_bureau():
    import yaml

    guide, findings = load_disclosure_guide(ROOT / "data" / "disclosure-guide.yml")
    assert findings == []
    bureau = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["bureau"]
    completed, findings = complete_guide(guide, bureau)
    assert findings == [] and completed.office.address == bureau["address"] and completed.office.phone == bureau["phone"]
