"""sanitize_html: attack vectors removed, article markup kept, iframes only from allowed hosts, idempotent.

Every output is checked by parsing it (lxml and html.parser), never by looking for substrings.
Markdown inputs are turned into real Python-Markdown output with the site's extensions.
"""

from __future__ import annotations

import textwrap

import markdown
import pytest
from bs4 import BeautifulSoup, Comment

from healthpress.render.removals import find_removals, nothing_to_remove
from healthpress.render.sanitize import sanitize_html

EXTENSIONS = ["toc", "tables", "attr_list", "admonition", "pymdownx.details", "pymdownx.superfences"]
PLAYER = "player.example.com"
HOSTS = frozenset({PLAYER})
FORBIDDEN_TAGS = {"script", "style", "iframe", "base", "meta", "link", "form", "input", "button", "select",
                  "textarea", "option", "object", "embed", "applet", "svg", "math", "template", "frame", "frameset"}
FORBIDDEN_SCHEMES = ("javascript:", "vbscript:", "data:")


def md(text: str, extra: tuple[str, ...] = (), **configs: dict) -> str:
    """Python-Markdown's HTML for `text`, as the site produces it."""
    return markdown.markdown(textwrap.dedent(text), extensions=EXTENSIONS + list(extra), extension_configs=configs)


def parsed(html: str) -> list[BeautifulSoup]:
    return [BeautifulSoup(html, parser) for parser in ("lxml", "html.parser")]


def squeeze(url: str) -> str:
    """A URL as a browser reads its scheme: no whitespace or control characters, lower case."""
    return "".join(ch for ch in url if ch > " " and ch != "\x7f").lower()


def assert_safe(html: str) -> None:
    for soup in parsed(html):
        for element in soup.find_all(True):
            assert element.name not in FORBIDDEN_TAGS, element
            for name, value in element.attrs.items():
                assert not name.lower().startswith(("on", "data-")), element
                assert name.lower() not in {"style", "srcset", "target", "srcdoc", "formaction", "action"}, element
                values = value if isinstance(value, list) else [value]
                assert not any(squeeze(v).startswith(FORBIDDEN_SCHEMES) for v in values), element
        assert not soup.find_all(string=lambda s: isinstance(s, Comment))


RAW_VECTORS = {
    "script": "<p>a</p><script>alert(1)</script>",
    "script-upper-case-with-src": "<SCRIPT SRC=//evil.com/x.js></SCRIPT>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "img-slashes": "<img/src=\"x\"/onerror=alert(1)>",
    "svg-onload": "<svg onload=alert(1)><circle r=1 /></svg>",
    "svg-script": "<svg><script>alert(1)</script><a xlink:href='javascript:alert(1)'>x</a></svg>",
    "math-href": "<math href='javascript:alert(1)'><mi>x</mi></math>",
    "math-mglyph-mxss": "<math><mtext><table><mglyph><style><!--</style>"
                        "<img title=\"--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;\">",
    # Parsers without scripting (lxml, html.parser) read this input as harmless; browsers do not.
    "noscript-mxss": "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "style-element": "<style>body{background:url(javascript:alert(1))}</style><p>x</p>",
    "style-attribute": "<p style='position:fixed;top:0;width:100%;height:100%'>x</p>",
    "href-entities-hex": "<a href='jav&#x61;script:alert(1)'>x</a>",
    "href-entities-decimal": "<a href='&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)'>x</a>",
    "href-named-colon": "<a href='javascript&colon;alert(1)'>x</a>",
    "href-tab-in-scheme": "<a href='java&#x09;script:alert(1)'>x</a>",
    "href-newline-in-scheme": "<a href='java\nscript:alert(1)'>x</a>",
    "href-leading-control": "<a href='&#x01; JAVASCRIPT:alert(1)'>x</a>",
    "href-vbscript": "<a href='VBScript:msgbox(1)'>x</a>",
    "href-data-html": "<a href='data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='>x</a>",
    "img-src-data": "<img src='data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+'>",
    "img-srcset": "<img src='a.png' srcset='javascript:alert(1) 2x, b.png 1x'>",
    "iframe-srcdoc": "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "iframe-javascript": "<iframe src='javascript:alert(1)'></iframe>",
    "iframe-content": "<iframe src='https://evil.com/'><script>alert(1)</script></iframe>",
    "base": "<base href='https://evil.com/'><a href='x'>x</a>",
    "meta-refresh": "<meta http-equiv='refresh' content='0;url=https://evil.com/'>",
    "link-stylesheet": "<link rel=stylesheet href='https://evil.com/x.css'>",
    "object-embed-applet": "<object data='https://evil.com/x.swf'></object><embed src='x.swf'><applet code=X>a</applet>",
    "form-controls": "<form action='https://evil.com/'><input name=pw type=password><select><option>1</option>"
                     "</select><textarea>t</textarea><button formaction='javascript:alert(1)'>go</button></form>",
    "data-md-attributes": "<div data-md-component='dialog' data-md-state='open'>x</div>",
    "target-blank": "<a href='https://evil.com/' target='_blank'>x</a>",
    "comments": "<!-- 内部备注 --><!--[if IE]><script>alert(1)</script><![endif]--><?php x ?><p>x</p>",
    "template": "<template><img src=x onerror=alert(1)></template>",
    "details-ontoggle": "<details open ontoggle=alert(1)><summary onclick=alert(1)>s</summary></details>",
    "media-onerror": "<video><source onerror=alert(1)></video><audio src=x onerror=alert(1)></audio>",
    "body-onload": "<body onload=alert(1)><html><frameset><frame src='javascript:alert(1)'>",
    "custom-element": "<x-widget onclick=alert(1) style='x'>x</x-widget>",
}

MARKDOWN_VECTORS = {
    "md-link-javascript": "[x](javascript:alert(1))",
    "md-link-upper-case": "[x](JAVASCRIPT:alert(1))",
    "md-link-entity": "[x](jav&#x61;script:alert(1))",
    "md-link-newline-entity": "[x](java&#10;script:alert(1))",
    "md-link-vbscript": "[x](vbscript:msgbox)",
    "md-image-data": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "md-reference-link": "[x][1]\n\n[1]: javascript:alert(1) \"t\"",
    "md-link-angle-brackets": "[x](<javascript:alert(1)>)",
    "md-attr-list-image-src": "![x](https://a.cn/a.png){: src=\"javascript:alert(1)\" }",
    "md-attr-list-paragraph": "段落\n{: onclick=\"alert(1)\" style=\"color:red\" }",
    "md-attr-list-heading": "## T {: onmouseover=alert(1) style=\"x\" data-md-color-scheme=slate }",
    "md-attr-list-href-override": "[x](https://a.cn){: href=\"javascript:alert(1)\" target=_blank }",
    "md-attr-list-image": "![x](a.png){: srcset=\"javascript:alert(1) 2x\" onerror=alert(1) }",
    "md-raw-script-block": "<script>alert(1)</script>\n\n正文",
    "md-raw-inline-img": "文字 <img src=x onerror=alert(1)> 文字",
    "md-admonition-title": "!!! note \"<img src=x onerror=alert(1)>\"\n    body",
    "md-details-summary": "??? note \"<script>alert(1)</script>\"\n    body",
    "md-comment": "<!-- 编辑备注：不要发布 -->\n\n正文",
    "md-fence-attributes": "```{.python onclick=\"alert(1)\" data-md-x=1}\nprint(1)\n```",
    "md-table-cell": "| a |\n|---|\n| <a href=\"javascript:alert(1)\">x</a> |",
    "md-raw-iframe": "<iframe src=\"https://evil.com/\"></iframe>",
    "md-raw-form": "<form action=\"https://evil.com\"><input name=\"pw\"><button>提交</button></form>",
    "md-raw-svg": "<svg><animate onbegin=alert(1) attributeName=x dur=1s></svg>",
    "md-raw-meta": "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.com/\">",
}

VECTORS = [pytest.param(html, id=name) for name, html in RAW_VECTORS.items()] + [
    pytest.param(md(text), id=name) for name, text in MARKDOWN_VECTORS.items()]


@pytest.mark.parametrize("html", VECTORS)
def test_attack_vector_is_removed(html):
    out = sanitize_html(html, iframe_hosts=HOSTS)
    assert_safe(out)
    assert sanitize_html(out, iframe_hosts=HOSTS) == out


COMMENTS_ONLY = {"comments", "md-comment"}
"""A comment is removed without a word: it is a note never meant to be shown (removals.py)."""


@pytest.mark.parametrize("html", [v for v in VECTORS if v.id not in COMMENTS_ONLY])
def test_what_each_attack_loses_is_said(html):
    """Before, the sanitizer removed all of these without a word (`0 个警告`)."""
    removals = find_removals(html, HOSTS)
    assert removals and all(r.message and r.fix and r.written[0] for r in removals)
    assert not nothing_to_remove(html), "the quick answer never hides a removal"


def test_there_are_enough_vectors():
    assert len(VECTORS) >= 30


def test_script_and_style_content_disappear_but_wrapper_text_stays():
    out = sanitize_html("<p>甲<script>alert(1)</script>乙<style>p{}</style><font>丙</font><button>丁</button></p>")
    assert BeautifulSoup(out, "lxml").get_text() == "甲乙丙丁"


def text_of(html: str) -> str:
    return BeautifulSoup(html, "lxml").get_text()


PERMALINK = {"toc": {"permalink": True}}
KEEP = [
    # (id, source html, css selector, attributes that must have these values; None: must be absent)
    ("heading-id-from-attr-list", md("## 活动成效 {: #results }", **PERMALINK), "h2#results", {}),
    ("headerlink", md("## 活动成效 {: #results }", **PERMALINK), "h2 a.headerlink",
     {"href": "#results", "title": "Permanent link", "rel": None}),
    ("toc-generated-id", md("# 标题\n\n## Results"), "h2", {"id": "results"}),
    ("table-align", md("| 左 | 中 |\n|:---|:--:|\n| a | b |", tables={"use_align_attribute": True}),
     "tbody td:nth-of-type(2)", {"align": "center"}),
    ("table-span", "<table><thead><tr><th colspan='2'>h</th></tr></thead>"
                   "<tbody><tr><td rowspan='2'>a</td><td>b</td></tr></tbody></table>", "thead th", {"colspan": "2"}),
    ("table-rowspan", "<table><tbody><tr><td rowspan='2'>a</td></tr></tbody></table>", "td", {"rowspan": "2"}),
    ("image", md('![图](../img/a.png "说明"){: width="300" height="200" loading=lazy }'), "img",
     {"src": "../img/a.png", "alt": "图", "title": "说明", "width": "300", "height": "200", "loading": "lazy"}),
    ("figure", "<figure><img src='a.png' alt='a'><figcaption>说明</figcaption></figure>", "figure figcaption", {}),
    ("admonition", md('!!! note "注意"\n    内容'), "div.admonition.note p.admonition-title", {}),
    ("details", md('???+ tip "展开"\n    详情'), "details.tip", {"open": "open"}),
    ("details-summary", md('??? tip "展开"\n    详情'), "details.tip summary", {}),
    ("code-pygments", md("```python\nprint(1)\n```"), "div.highlight pre code span.nb", {}),
    ("code-language-class", md("```python\nprint(1)\n```", extra=("pymdownx.highlight",), **{"pymdownx.highlight": {"use_pygments": False}}),
     "pre.highlight code.language-python", {}),
    ("raw-code-class", "<pre><code class='language-js'>x</code></pre>", "pre code.language-js", {}),
    ("footnote-ref", md("文字[^1]\n\n[^1]: 注释", extra=("footnotes",)), '[id="fnref:1"] a.footnote-ref',
     {"href": "#fn:1"}),
    ("footnote-backref", md("文字[^1]\n\n[^1]: 注释", extra=("footnotes",)), 'div.footnote [id="fn:1"] a.footnote-backref',
     {"href": "#fnref:1"}),
    ("mailto", md("[邮件](mailto:wsj@example.gov.cn)"), "a", {"href": "mailto:wsj@example.gov.cn",
                                                            "rel": "noopener noreferrer"}),
    ("tel", md("[热线](tel:12320)"), "a", {"href": "tel:12320"}),
    ("external", md("[外链](https://www.gov.cn/?a=1&b=2)"), "a",
     {"href": "https://www.gov.cn/?a=1&b=2", "rel": "noopener noreferrer"}),
    ("relative", md("[相对](../../2013/05/x/)"), "a", {"href": "../../2013/05/x/", "rel": None}),
    ("root-relative", md("[首页](/archive/)"), "a", {"href": "/archive/", "rel": None}),
    ("anchor", md("[锚](#活动成效)"), "a", {"href": "#活动成效", "rel": None}),
    ("abbr", md("WHO 发布\n\n*[WHO]: 世界卫生组织", extra=("abbr",)), "abbr", {"title": "世界卫生组织"}),
    ("def-list", md("术语\n:   定义", extra=("def_list",)), "dl dt + dd", {}),
    ("class-generally", md("导语\n{: .lead .md-header }"), "p.lead", {"class": "lead"}),
    ("inline-markup", "<blockquote><p><em>a</em><strong>b</strong>H<sub>2</sub>O x<sup>2</sup><br></p></blockquote>"
                      "<hr><ol start='3'><li>a</li></ol><ul><li>b</li></ul>", "blockquote p sub", {}),
]


def attr(element, name: str) -> str | None:
    value = element.get(name)
    return " ".join(value) if isinstance(value, list) else value


@pytest.mark.parametrize("html, selector, expected", [pytest.param(*case[1:], id=case[0]) for case in KEEP])
def test_article_markup_is_kept(html, selector, expected):
    out = sanitize_html(html)
    for soup in parsed(out):
        element = soup.select_one(selector)
        assert element is not None, out
        for name, value in expected.items():
            assert attr(element, name) == value, out
    assert text_of(out) == text_of(html)


@pytest.mark.parametrize("html", [pytest.param(case[1], id=case[0]) for case in KEEP if case[0] != "class-generally"])
def test_kept_markup_is_not_said_to_be_removed(html):
    assert find_removals(html, HOSTS) == ()
    assert nothing_to_remove(html), "the usual page gets the quick answer"


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<p><a href="javascript:alert(1)">点我</a>后</p>', "<p>点我后</p>"),
        ('<p><a href="javascript:alert(1)">甲</a><a href="https://a.cn/">乙</a></p>',
         '<p>甲<a href="https://a.cn/" rel="noopener noreferrer">乙</a></p>'),
        ('<p><a id="here" href="javascript:alert(1)">锚</a></p>', '<p><a id="here">锚</a></p>'),
        ('<p><a title="x">无地址</a></p>', "<p>无地址</p>"),
        ('<p><img src="data:image/png;base64,AAAA" alt="图">文字</p>', "<p>文字</p>"),
        ('<p><img alt="图"></p>', "<p></p>"),
        ('<p><img src="a.png" alt="图"></p>', '<p><img src="a.png" alt="图"></p>'),
    ],
    ids=["dead-link-unwrapped", "only-the-dead-one", "anchor-with-id-kept", "no-address", "data-image-dropped",
         "image-without-src-dropped", "image-kept"],
)
def test_no_dead_link_or_empty_image_is_left(html, expected):
    """Before, `<a href="javascript:...">点我</a>` left `<a>点我</a>`, a link to nowhere."""
    out = sanitize_html(html)
    assert out == expected
    assert sanitize_html(out) == out


@pytest.mark.parametrize("html", [pytest.param(case[1], id=case[0]) for case in KEEP])
def test_idempotent(html):
    once = sanitize_html(html, iframe_hosts=HOSTS)
    assert sanitize_html(once, iframe_hosts=HOSTS) == once


ALLOWED_IFRAME = (f'<iframe src="https://{PLAYER}/embed/1?t=2&amp;a=b" width="640" height="360" title="视频" '
                  'allowfullscreen frameborder="0" sandbox="allow-top-navigation allow-forms" allow="camera" '
                  'loading="eager" onload="alert(1)" data-x="1" style="position:fixed">备用文字<script>x</script>'
                  '</iframe>')


@pytest.mark.parametrize("html", [pytest.param(ALLOWED_IFRAME, id="raw"),
                                  pytest.param(md(f"正文\n\n{ALLOWED_IFRAME}\n\n正文"), id="in-markdown")])
def test_iframe_from_allowed_host_is_kept_sandboxed_and_lazy(html):
    out = sanitize_html(html, iframe_hosts=HOSTS)
    for soup in parsed(out):
        iframe = soup.find("iframe")
        assert iframe is not None, out
        assert {name: attr(iframe, name) for name in iframe.attrs} == {
            "src": f"https://{PLAYER}/embed/1?t=2&a=b", "width": "640", "height": "360", "title": "视频",
            "allowfullscreen": "", "frameborder": "0",
            "sandbox": "allow-scripts allow-presentation", "loading": "lazy"}
        assert iframe.get_text() == ""
    assert sanitize_html(out, iframe_hosts=HOSTS) == out


@pytest.mark.parametrize("sandbox", [None, "", "allow-same-origin", "allow-scripts allow-same-origin",
                                     "ALLOW-SAME-ORIGIN allow-scripts", "allow-top-navigation allow-popups-to-escape-sandbox"])
@pytest.mark.parametrize("wrap", [pytest.param(lambda h: h, id="raw"),
                                  pytest.param(lambda h: md(f"正文\n\n{h}\n\n正文"), id="in-markdown")])
def test_a_kept_iframe_runs_scripts_but_can_never_lift_its_own_sandbox(sandbox, wrap):
    """allow-scripts with allow-same-origin lets the framed page remove its sandbox: never both, whatever is written."""
    written = "" if sandbox is None else f' sandbox="{sandbox}"'
    out = sanitize_html(wrap(f'<iframe src="https://{PLAYER}/embed/1"{written} allowfullscreen></iframe>'),
                        iframe_hosts=HOSTS)
    for soup in parsed(out):
        frames = soup.find_all("iframe")
        assert len(frames) == 1, out
        tokens = attr(frames[0], "sandbox").lower().split()
        assert "allow-scripts" in tokens, "a video player needs its script"
        assert "allow-same-origin" not in tokens and not [t for t in tokens if "escape" in t or "top-navigation" in t]


def test_allowed_host_is_matched_without_regard_to_case():
    out = sanitize_html(f"<iframe src='https://{PLAYER.upper()}/v'></iframe>", iframe_hosts=frozenset({"Player.Example.com"}))
    assert BeautifulSoup(out, "lxml").find("iframe") is not None


@pytest.mark.parametrize(
    "src, hosts",
    [
        (f"http://{PLAYER}/embed/1", HOSTS),
        (f"https://{PLAYER}.evil.com/embed/1", HOSTS),
        (f"https://evil.com/{PLAYER}/embed/1", HOSTS),
        (f"https://{PLAYER}@evil.com/", HOSTS),
        (f"https://user:pw@{PLAYER}/", HOSTS),
        (f"https://evil.com\\@{PLAYER}/", HOSTS),
        (f"https://evil.com#@{PLAYER}/", HOSTS),
        (f"//{PLAYER}/embed/1", HOSTS),
        (f"/embed/{PLAYER}", HOSTS),
        (f"https://{PLAYER}./embed/1", HOSTS),
        ("javascript:alert(1)//https://player.example.com/", HOSTS),
        (f"https://{PLAYER}/embed/1", frozenset()),
    ],
    ids=["http", "look-alike-suffix", "host-in-path", "userinfo-trick", "userinfo-before-allowed-host",
         "backslash-userinfo", "fragment-userinfo", "protocol-relative", "relative", "trailing-dot",
         "javascript", "empty-allowlist"],
)
def test_other_iframes_are_removed_entirely(src, hosts):
    out = sanitize_html(f'<p>前</p><iframe src="{src}" width="640">备用<script>alert(1)</script></iframe><p>后</p>',
                        iframe_hosts=hosts)
    for soup in parsed(out):
        assert soup.find("iframe") is None, out
        assert soup.find("script") is None, out
    assert text_of(out) == "前后"


def test_no_character_xml_cannot_hold_leaves_the_sanitizer():
    """The feeds are XML: nh3 decodes `&#7;` to the character, which lxml refuses (the body scan warns first)."""
    html = '<p title="x&#7;">a&#7;b&#x1B;c&#xFFFE;d\x07e\x85f&#xFFFF;g</p>'
    assert sanitize_html(html) == '<p title="x">abcdefg</p>'
