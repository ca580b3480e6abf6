"""The pattern of generated 索引号 (extra.bureau.index_no_format): checked, applied, and recognised."""

from __future__ import annotations

import pytest

from healthpress.bureau.indexformat import DEFAULT_INDEX_FORMAT, IndexFormatError, parse_index_format

ORG = "00325437-X"


@pytest.mark.parametrize("pattern, year, seq, expected", [
    (DEFAULT_INDEX_FORMAT, 2013, 1, f"{ORG}/2013-00001"),
    ("{org_code}-{year}-{seq:04d}", 2013, 7, f"{ORG}-2013-0007"),
    ("{org_code}-{year}-{seq:04d}", 2013, 12345, f"{ORG}-2013-12345"),
    ("WJW/{year}/{seq}", 2016, 8, "WJW/2016/8"),
    ("{year}{seq:03d}（{org_code}）", 2025, 3, f"2025003（{ORG}）"),
    ("{seq:d}-{year}", 2014, 2, "2-2014"),
])
def test_a_pattern_makes_numbers_its_matcher_reads_back(pattern, year, seq, expected):
    index_format = parse_index_format(pattern)
    assert index_format.render(ORG, year, seq) == expected
    match = index_format.matcher(ORG).fullmatch(expected)
    assert match and (int(match.group("year")), int(match.group("seq"))) == (year, seq)


@pytest.mark.parametrize("pattern, said", [
    ("{org_code}-{seq:04d}", "缺少 {year}"),
    ("{org_code}/{year}", "缺少 {seq}"),
    ("{org_code}", "缺少 {year}、{seq}"),
    ("{org_code}-{year}-{number}", "{number} 不认识"),
    ("{org_code}-{year}-{}", "{（空）} 不认识"),
    ("{org_code}-{year}-{seq:04d", "花括号不成对"),
    ("{org_code}-{year}-seq}", "花括号不成对"),
    ("{org_code}-{year}-{seq:4d}", "{seq:4d} 不对"),
    ("{org_code}-{year}-{seq:x}", "{seq:x} 不对"),
    ("{org_code:>10}-{year}-{seq}", "{org_code:>10} 不对"),
    ("{org_code}-{year}-{seq!r}", "不能带 !r"),
    ("{year}-{year}-{seq}", "{year} 写了两次"),
    ("", "一段文字"),
    (2013, "一段文字"),
])
def test_a_bad_pattern_is_a_chinese_error_saying_what_is_wrong(pattern, said):
    with pytest.raises(IndexFormatError) as raised:
        parse_index_format(pattern)
    assert said in str(raised.value)
