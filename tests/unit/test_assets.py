"""assets: an SVG in content/ is refused when, opened directly, it could run script; decided on a real XML
parse, so prefixes, encodings and character references do not hide a script."""

from __future__ import annotations

import pytest

from healthpress.model.assets import check_assets, svg_problem

NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
PNG = "data:image/png;base64,iVBORw0KGgo="


def svg(inner: str, attrs: str = "") -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<svg {NS}{attrs}>{inner}</svg>'.encode()


REFUSED = [
    ("script", svg("<script>alert(1)</script>")),
    ("prefixed-script", b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg">'
                        b"<s:script>alert(1)</s:script></svg>"),
    ("script-other-namespace", svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>')),
    ("uppercase-script", svg("<SCRIPT>alert(1)</SCRIPT>")),
    ("utf-16", svg("<script>alert(1)</script>").decode().replace("UTF-8", "UTF-16").encode("utf-16")),
    ("utf-16-harmless", svg("<rect/>").decode().replace("UTF-8", "UTF-16").encode("utf-16")),
    ("declared-latin-1", svg("<rect/>").replace(b"UTF-8", b"ISO-8859-1")),
    ("href-char-ref", svg('<a href="javascript&#58;alert(1)"><text>x</text></a>')),
    ("xlink-href-entity-tab", svg('<a xlink:href="java&#x9;script:alert(1)"><text>x</text></a>')),
    ("href-spaces-case", svg('<a href=" JaVaScRiPt:alert(1)"><text>x</text></a>')),
    ("foreignObject", svg('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>')),
    ("prefixed-foreignobject", svg('<q:foreignObject xmlns:q="urn:x"/>')),
    ("onload", svg("<rect/>", ' onload="alert(1)"')),
    ("prefixed-onclick", svg('<rect xmlns:e="urn:x" e:onclick="alert(1)"/>')),
    ("data-html", svg(f'<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"><text>x</text></a>')),
    ("data-svg-image", svg('<image href="data:image/svg+xml;base64,PHN2Zz4="/>')),
    ("data-png-on-a-link", svg(f'<a href="{PNG}"><text>x</text></a>')),
    ("animate-href", svg('<a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>')),
    ("animate-values", svg('<a><animate attributeName="xlink:href" values="x;javascript:alert(1)"/></a>')),
    ("entity", b'<!DOCTYPE svg [<!ENTITY x "javascript:alert(1)">]><svg xmlns="http://www.w3.org/2000/svg">'
               b'<a href="&x;"/></svg>'),
    ("xml-stylesheet", b'<?xml-stylesheet type="text/xsl" href="x.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
    ("not-well-formed", b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>'),
    ("iframe", svg("<iframe/>")),
    ("not-utf-8", svg("<text>\u4e2d</text>").replace("中".encode(), "中".encode("gbk"))),
]
ACCEPTED = [
    ("plain", svg('<rect width="10" height="10" fill="#c00"/><text>健康</text>')),
    ("link", svg('<a href="https://www.example.org/"><text>x</text></a>')),
    ("local-use", svg('<defs><circle id="c" r="1"/></defs><use xlink:href="#c"/>')),
    ("embedded-png", svg(f'<image href="{PNG}" width="1" height="1"/>')),
    ("bom", b"\xef\xbb\xbf" + svg("<rect/>")),
    ("no-declaration", b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'),
    ("words-in-text", svg("<text>onload javascript: script</text>")),
]


@pytest.mark.parametrize("data", [case[1] for case in REFUSED], ids=[case[0] for case in REFUSED])
def test_an_svg_that_could_run_script_or_cannot_be_read_is_refused(data):
    assert svg_problem(data) is not None


@pytest.mark.parametrize("data", [case[1] for case in ACCEPTED], ids=[case[0] for case in ACCEPTED])
def test_an_ordinary_svg_is_accepted(data):
    assert svg_problem(data) is None


def test_check_assets_names_the_file_and_the_problem(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "bad.svg").write_bytes(REFUSED[1][1])
    (tmp_path / "images" / "good.svg").write_bytes(ACCEPTED[0][1])
    findings = check_assets(tmp_path, ["images/bad.svg", "images/good.svg"], "content")
    assert [(f.path, f.code) for f in findings] == [("content/images/bad.svg", "svg-script")]
    assert "<script>" in findings[0].message and "PNG" in findings[0].fix
