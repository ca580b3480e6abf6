"""`healthpress stats --csv` with unit and liaison names that a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io

from helpers import article

UNITS = """\
- name: "=SUM(A1)"
  type: 医疗机构
  liaisons:
    - name: "@SUM(1+1)*cmd|' /C calc'!A0"
- name: "+1+1"
  type: 其他
- name: "-2+3"
  type: 其他
"""


def test_stats_csv_never_starts_a_cell_with_a_formula(site, run_cli):
    (site.root / "data").mkdir()
    (site.root / "data" / "units.yml").write_text(UNITS, encoding="utf-8")
    site.write("news/a.md", article("供稿", "2013-05-08", unit="=SUM(A1)", author="@SUM(1+1)*cmd|' /C calc'!A0"))
    done = run_cli(site, "stats", "--period", "2013", "--csv")
    assert done.returncode == 0, done.stderr
    table = list(csv.reader(io.StringIO(done.stdout.removeprefix("\ufeff"))))
    assert [row[0] for row in table[1:]] == ["'=SUM(A1)", "'=SUM(A1)", "'+1+1", "'-2+3", "合计"]
    assert table[2][2:4] == ["'@SUM(1+1)*cmd|' /C calc'!A0", "联络员"] and table[2][-1] == "1"
    assert not [cell for row in table for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], table
