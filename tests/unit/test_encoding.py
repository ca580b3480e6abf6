"""detect_encoding / decode_source / fix_encoding: UTF-8 only, and a named encoding with the command to convert."""

from __future__ import annotations

import codecs

import pytest

from healthpress.model.articles import parse_article
from healthpress.model.encoding import decode_source, detect_encoding, fix_encoding
from healthpress.model.findings import Level

PATH = "content/press/yizhen.md"
ARTICLE = "---\ntitle: 市人民医院开展“优质服务年”义诊活动\ndate: 2013-05-08 09:30\n---\n百名专家走进社区。\n"
ARTICLE_CRLF = ARTICLE.replace("\n", "\r\n")
SHORT = "---\ntitle: 义诊\ndate: 2013-05-08\n---\n正文\n"
RARE = "---\ntitle: 𠀀䶮\ndate: 2013-05-08\n---\n𠀀䶮是 GBK 里没有的字\n"
"""U+20000 and U+4DAE exist in GB18030 but not in GBK."""
GB18030_BOM = b"\x84\x31\x95\x33"


def test_the_rare_characters_really_are_outside_gbk():
    for char in "𠀀䶮":
        with pytest.raises(UnicodeEncodeError):
            char.encode("gbk")
        assert char.encode("gb18030").decode("gb18030") == char


@pytest.mark.parametrize(
    "data, encoding",
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8"),
        (b"---\ntitle: ascii only\n---\n", "utf-8"),
        (b"", "utf-8"),
        (ARTICLE.encode("gbk"), "gb18030"),
        (ARTICLE_CRLF.encode("gbk"), "gb18030"),
        (RARE.encode("gb18030"), "gb18030"),
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16"),
        (ARTICLE.encode("utf-16"), "utf-16"),
        (SHORT.encode("utf-16-le"), "utf-16-le"),
        (SHORT.encode("utf-16-be"), "utf-16-be"),
        (b"---\ntitle: x\n---\n\xff\xfe\xff", None),
        (b"---\ntitle: x\n---\nab\x80cd\n", None),
    ],
    ids=["utf-8", "utf-8-bom", "ascii", "empty", "gbk", "gbk-crlf", "gb18030-only-chars", "utf-16-le-bom",
         "utf-16-be-bom", "utf-16-native-bom", "utf-16-le-no-bom", "utf-16-be-no-bom", "ff-bytes", "lone-0x80"],
)
def test_detect_encoding(data, encoding):
    assert detect_encoding(data) == encoding


def test_utf16_le_without_bom_of_a_chinese_article_is_recognised():
    text = ("---\n标题: 市人民医院开展“优质服务年”义诊活动\n日期: 2013-05-08\n---\n"
            + "市人民医院组织内科、外科、儿科等科室的专家，在人民广场开展义诊活动。" * 5)
    assert detect_encoding(text.encode("utf-16-le")) == "utf-16-le"


@pytest.mark.parametrize(
    "data",
    [ARTICLE.encode("utf-8"), codecs.BOM_UTF8 + ARTICLE.encode("utf-8")],
    ids=["utf-8", "utf-8-bom-removed"],
)
def test_utf8_is_read(data):
    assert decode_source(PATH, data) == (ARTICLE, [])


def test_utf8_crlf_is_read_as_is():
    assert decode_source(PATH, ARTICLE_CRLF.encode("utf-8")) == (ARTICLE_CRLF, [])


@pytest.mark.parametrize(
    "data, name",
    [
        (ARTICLE.encode("gbk"), "GBK/GB18030"),
        (RARE.encode("gb18030"), "GBK/GB18030"),
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "UTF-16"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "UTF-16"),
        (SHORT.encode("utf-16-le"), "UTF-16"),
    ],
    ids=["gbk", "gb18030-only-chars", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le-no-bom"],
)
def test_other_encoding_is_named_with_the_command_that_converts_it(data, name):
    text, findings = decode_source(PATH, data)
    assert text is None
    assert [(f.path, f.line, f.field, f.code, f.level) for f in findings] == [
        (PATH, None, None, "encoding", Level.ERROR)]
    assert f"{name} 编码" in findings[0].message
    assert "UTF-8" in findings[0].message
    assert f"healthpress fix-encoding {PATH}" in findings[0].fix


@pytest.mark.parametrize(
    "data, line",
    [
        (b"\x00---\ntitle: x\n", 1),
        (b"---\ntitle: x\ndate: 2013-05-08\n---\n\xe6\xad\xa3\x00\xe6\x96\x87\n", 5),
        (codecs.BOM_UTF8 + b"---\ntitle: x\n\x00\n", 3),
        (b"---\r\ntitle: x\r\ndate: 2013-05-08\r\n---\r\nab\x00\r\n", 5),
    ],
    ids=["first-byte", "inside-chinese-body", "after-bom", "crlf"],
)
def test_nul_byte_in_utf8_names_its_line(data, line):
    text, findings = decode_source(PATH, data)
    assert text is None
    assert [(f.path, f.line, f.field, f.code, f.level) for f in findings] == [
        (PATH, line, None, "nul-byte", Level.ERROR)]
    assert "NUL" in findings[0].message


@pytest.mark.parametrize(
    "data, line",
    [
        (b"\xff---\n", 1),
        (b"---\ntitle: x\ndate: 2013-05-08\n---\nab\xffcd\n", 5),
        ("---\ntitle: 义诊\ndate: 2013-05-08\n---\n正文第一段。\n".encode() + b"\xe9\n" + "第二段\n".encode(), 6),
        ("---\ntitle: 义诊\n---\n".encode() + b"\xa0\n", 4),
    ],
    ids=["first-byte", "ascii-line", "latin-1-byte-among-chinese", "latin-1-nbsp"],
)
def test_undecodable_bytes_name_their_line(data, line):
    text, findings = decode_source(PATH, data)
    assert text is None
    assert [(f.path, f.line, f.field, f.code, f.level) for f in findings] == [
        (PATH, line, None, "encoding-unknown", Level.ERROR)]
    assert "UTF-8" in findings[0].message and "GBK" in findings[0].message
    assert "另存为 UTF-8" in findings[0].fix


@pytest.mark.parametrize(
    "original, text, encoding",
    [
        (ARTICLE.encode("gbk"), ARTICLE, "gb18030"),
        (ARTICLE_CRLF.encode("gbk"), ARTICLE, "gb18030"),
        (RARE.replace("\n", "\r\n").encode("gb18030"), RARE, "gb18030"),
        (GB18030_BOM + ARTICLE.encode("gb18030"), ARTICLE, "gb18030"),
        (codecs.BOM_UTF16_LE + ARTICLE_CRLF.encode("utf-16-le"), ARTICLE, "utf-16"),
        (codecs.BOM_UTF16_BE + ARTICLE_CRLF.encode("utf-16-be"), ARTICLE, "utf-16"),
        (SHORT.replace("\n", "\r\n").encode("utf-16-le"), SHORT, "utf-16-le"),
        (SHORT.encode("utf-16-be"), SHORT, "utf-16-be"),
    ],
    ids=["gbk", "gbk-crlf", "gb18030-only-chars-crlf", "gb18030-bom", "utf-16-le-bom-crlf", "utf-16-be-bom-crlf",
         "utf-16-le-no-bom-crlf", "utf-16-be-no-bom"],
)
def test_fix_encoding_converts_to_utf8_and_keeps_a_hidden_backup(tmp_path, original, text, encoding):
    path = tmp_path / "press" / "yizhen.md"
    path.parent.mkdir()
    path.write_bytes(original)

    found, backup = fix_encoding(path)

    assert found == encoding
    assert path.read_bytes() == text.encode("utf-8")
    assert not path.read_bytes().startswith(codecs.BOM_UTF8)
    assert b"\r\n" not in path.read_bytes()
    assert backup == path.parent / f".yizhen.md.{encoding}.bak"
    assert backup.read_bytes() == original
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([".yizhen.md." + encoding + ".bak", "yizhen.md"])


def test_converted_file_reads_as_an_article(tmp_path):
    path = tmp_path / "yizhen.md"
    path.write_bytes(ARTICLE_CRLF.encode("gbk"))
    fix_encoding(path)
    text, findings = decode_source(PATH, path.read_bytes())
    assert findings == []
    article, findings = parse_article(PATH, "press/yizhen.md", text)
    assert findings == []
    assert article.title == "市人民医院开展“优质服务年”义诊活动"


@pytest.mark.parametrize(
    "original",
    [ARTICLE.encode("utf-8"), codecs.BOM_UTF8 + ARTICLE_CRLF.encode("utf-8"), b""],
    ids=["utf-8", "utf-8-bom-crlf", "empty"],
)
def test_fix_encoding_leaves_utf8_untouched(tmp_path, original):
    path = tmp_path / "yizhen.md"
    path.write_bytes(original)
    assert fix_encoding(path) == ("utf-8", None)
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["yizhen.md"]


def test_fix_encoding_twice_converts_once_and_keeps_the_first_backup(tmp_path):
    path = tmp_path / "yizhen.md"
    original = ARTICLE.encode("gbk")
    path.write_bytes(original)
    _, backup = fix_encoding(path)
    assert fix_encoding(path) == ("utf-8", None)
    assert path.read_bytes() == ARTICLE.encode("utf-8")
    assert backup.read_bytes() == original


@pytest.mark.parametrize(
    "original",
    [b"---\ntitle: x\n---\n\xff\xfe\xff", b"ab\x80cd\n"],
    ids=["ff-bytes", "lone-0x80"],
)
def test_fix_encoding_refuses_undecodable_bytes(tmp_path, original):
    path = tmp_path / "yizhen.md"
    path.write_bytes(original)
    with pytest.raises(ValueError, match="无法识别文件编码"):
        fix_encoding(path)
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["yizhen.md"]
