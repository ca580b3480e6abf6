"""Findings about what a page's body wrote: every one on the line where the thing was written, and every
removal of the sanitizer said, on every build (a page taken from the page cache says it again).

Before, the sanitizer dropped scripts, on* attributes and javascript: links without a word (`0 个警告`),
leaving `<a>点我</a>`, and three identical <img> on three lines were all reported on the first one's line.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re

import pytest
from mkdocs.exceptions import Abort

from helpers import SiteFolder, article
from tests.integration.test_serve_keys import preview  # noqa: F401  (serve's plugin object, in this process)

PATH = "content/news/body.md"

REMOVALS_BODY = """\
第一段正文。

<script>alert('脚本')</script>

<style>body { display: none }</style>

<p onclick="alert('点击')">点击属性</p>

段落属性
{: onmouseover="alert('悬停')" }

<p style="position:fixed">样式属性</p>

<a href="javascript:alert('a')">点我</a>

[脚本链接](vbscript:msgbox(1))

![数据图片](data:image/png;base64,AAAA)

<iframe src="https://evil.example/video"></iframe>

<iframe src="http://player.v.qq.com/x"></iframe>

<object data="flash.swf"></object>

<embed src="flash.swf">

<form action="https://evil.example/"><input name="password"></form>

<svg><circle r="1"/></svg>

<p class="md-header lead">框架类名</p>

<div data-md-component="dialog">数据属性</div>

<a href="https://example.org/" target="_blank">外部链接</a>

<a title="无处可去">没有地址的链接</a>
"""

REMOVALS = [
    # (id, code, what the line holds, what the message says)
    ("script", "removed-script", "<script>", "<script>"),
    ("style-element", "removed-style", "<style>", "<style>"),
    ("on-attribute", "removed-script", "onclick=", "onclick"),
    ("on-attribute-from-attr-list", "removed-script", "onmouseover=", "onmouseover"),
    ("style-attribute", "removed-style", 'style="position', "style 属性"),
    ("javascript-url", "removed-url", "javascript:", "javascript:alert('a')"),
    ("vbscript-url", "removed-url", "vbscript:", "vbscript:msgbox(1)"),
    ("data-url", "removed-url", "data:image", "图片不显示"),
    ("iframe-host-not-allowed", "removed-iframe", "evil.example/video", "不在允许嵌入的网站之列"),
    ("iframe-not-https", "removed-iframe", "http://player", "https://"),
    ("object", "removed-embed", "<object", "<object>"),
    ("embed", "removed-embed", "<embed", "<embed>"),
    ("form", "removed-form", "<form", "<form>"),
    ("svg", "removed-element", "<svg>", "<svg>"),
    ("md-class", "removed-attribute", "md-header", "md-header"),
    ("data-attribute", "removed-attribute", "data-md-component", "data-md-component"),
    ("target", "removed-attribute", "target=", "target"),
    ("a-without-address", "removed-element", "无处可去", "没有链接地址的 <a>"),
]


def line_holding(text: str, needle: str) -> int:
    """The line of a file's text that holds `needle` (exactly one does)."""
    lines = [n for n, line in enumerate(text.split("\n"), 1) if needle in line]
    assert len(lines) == 1, (needle, lines)
    return lines[0]


@contextlib.contextmanager
def findings_logged():
    """The finding lines ("path:line: message — fix") healthpress logs meanwhile, and MkDocs' stderr."""
    logged: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: logged.append(record.getMessage().removeprefix("healthpress: "))
    from healthpress.engine.log import log

    logger = log.logger  # mkdocs.plugins.healthpress, or properdocs.plugins.healthpress under ProperDocs
    logger.addHandler(handler)
    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            yield logged, stderr
    finally:
        logger.removeHandler(handler)


def removal_site(root) -> SiteFolder:
    folder = SiteFolder(root)
    folder.column("news", "要闻", order=1)
    folder.config["plugins"][0]["healthpress"]["iframe_hosts"] = ["player.v.qq.com"]
    folder.config["markdown_extensions"] = ["attr_list", "md_in_html"]
    folder.write("news/body.md", article("清理测试", "2013-05-08", body=REMOVALS_BODY))
    return folder


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The site built twice: the second build takes the article's page from the page cache."""
    folder = removal_site(tmp_path_factory.mktemp("removals"))
    runs = []
    for _ in range(2):
        with findings_logged() as (logged, stderr):
            built = folder.build()
        runs.append((list(logged), stderr.getvalue()))
    return folder, built, runs


@pytest.mark.parametrize("code, marker, said", [pytest.param(*case[1:], id=case[0]) for case in REMOVALS])
def test_each_removal_is_a_warning_on_its_line_on_every_build(two_builds, code, marker, said):
    folder, _, runs = two_builds
    line = line_holding((folder.root / PATH).read_text(encoding="utf-8"), marker)
    for logged, _ in runs:
        mine = [f for f in logged if f.startswith(f"{PATH}:{line}: ") and said in f]
        assert mine, (line, logged)
        assert " — " in mine[0], "every removal says how to fix it"


def test_the_second_build_takes_the_page_from_the_cache_and_says_the_same(two_builds):
    _, _, ((first, first_err), (second, second_err)) = two_builds
    assert first == second and len(first) >= len(REMOVALS)
    assert re.search(r"（[1-9][\d,]* 页沿用缓存）", second_err), second_err
    assert f"{len(first)} 个警告" in first_err and f"{len(first)} 个警告" in second_err


def test_a_removed_link_leaves_its_text_and_no_empty_link(two_builds):
    _, built, _ = two_builds
    body = built.page("news/2013/05/body/").select_one(".hp-article__body")
    assert "点我" in body.get_text() and "脚本链接" in body.get_text() and "没有地址的链接" in body.get_text()
    assert not [a for a in body.find_all("a") if not a.get("href") and not a.get("id")]
    assert not [img for img in body.find_all("img") if not img.get("src")]


FINDINGS_BODY = """\
第一段正文。

<img src="same.png"> 第一张没有说明的图

<img src="same.png"> 第二张没有说明的图

<img src="same.png"> 第三张没有说明的图

![](pic.png) 没有说明的图片

![现场](nowhere.png) 不存在的图片

[不存在的文章](nowhere.md) 第一个坏链接

[不存在的锚点](#nowhere) 坏锚点

[同一篇不存在的文章](nowhere.md) 第二个坏链接

<script>alert(1)</script> 脚本

<iframe src="https://evil.example/"></iframe> 嵌入
"""

BODY_FINDINGS = [
    # (code, what the line holds)
    ("missing-alt", "第一张"), ("missing-alt", "第二张"), ("missing-alt", "第三张"), ("missing-alt", "没有说明的图片"),
    ("missing-image", "第一张"), ("missing-image", "第二张"), ("missing-image", "第三张"),
    ("missing-image", "不存在的图片"), ("broken-link", "第一个坏链接"), ("broken-link", "第二个坏链接"),
    ("missing-anchor", "坏锚点"), ("removed-script", "脚本"), ("removed-iframe", "嵌入"),
]


def test_every_body_finding_carries_its_own_line(site, caplog):
    site.write("news/body.md", article("行号测试", "2013-05-08", body=FINDINGS_BODY))
    (site.root / "content" / "news" / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (site.root / "content" / "news" / "same.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(Abort):
        site.build()
    text = (site.root / PATH).read_text(encoding="utf-8")
    found = {(r.getMessage().removeprefix("healthpress: "), r.levelno) for r in caplog.records
             if r.getMessage().startswith(f"healthpress: {PATH}:")}
    lines = sorted(int(re.match(rf"{re.escape(PATH)}:(\d+):", message)[1]) for message, _ in found)
    expected = sorted(line_holding(text, marker) for _, marker in BODY_FINDINGS)
    assert lines == expected, sorted(found)
    codes = {"missing-alt": "没有说明文字", "missing-image": "图片“", "broken-link": "链接的文件或文章“nowhere.md”",
             "missing-anchor": "“#nowhere”", "removed-script": "<script>", "removed-iframe": "<iframe>"}
    for code, marker in BODY_FINDINGS:
        line = line_holding(text, marker)
        assert [m for m, _ in found if m.startswith(f"{PATH}:{line}: ") and codes[code] in m], (code, line, sorted(found))


def test_an_editors_own_page_names_the_line_of_what_was_removed(site, caplog):
    site.write("guide.md", "---\ntitle: 办事指南\n---\n\n# 办事指南\n\n办事须知。\n\n<a href=\"javascript:void(0)\">联系</a>\n")
    site.build()
    warnings = [r.getMessage().removeprefix("healthpress: ") for r in caplog.records if r.levelno == logging.WARNING]
    assert [w for w in warnings if w.startswith("content/guide.md:9: ") and "javascript:void(0)" in w], warnings


def test_serve_says_the_removals_on_every_rebuild(preview, site, caplog):
    """serve leaves a page it already made in its preview folder: its removals are said again all the same."""
    site.write("news/body.md", article("预览清理", "2013-05-20", body="第一段。\n\n<p onclick=\"alert(1)\">点击</p>\n"))
    line = line_holding((site.root / PATH).read_text(encoding="utf-8"), "onclick")
    shown = preview.site_dir / "news" / "2013" / "05" / "body" / "index.html"
    said, files = [], []
    for _ in range(2):
        caplog.clear()
        preview.rebuild()
        said.append([r.getMessage() for r in caplog.records if f"{PATH}:{line}: " in r.getMessage()])
        files.append((shown.stat().st_ino, shown.stat().st_mtime_ns))
    assert files[0] == files[1], "the second rebuild left the page as it was"
    assert said[0] and said[0] == said[1], said
    assert "onclick" in said[0][0]


# Each layout: the body, and (marker of the line, what its finding says) for every finding of the body. The
# address is written earlier in text, inline code, a fenced or indented code block, a fine image or a link:
# those lines are never named (issue 16; before, every finding was on the first line holding the address).
LAYOUTS = {
    "text-code-and-fence-before": (
        "第一段。\n\n写法示例：`![说明](images/nope.png)`，文件 no-such.md 已删除。\n\n```\n![说明](images/nope.png)\n```\n\n"
        "![真图](images/nope.png) 真图\n\n[文章](no-such.md) 真链接\n",
        [("真图", "不存在"), ("真链接", "不存在")]),
    "indented-code-and-comment-before": (
        "第一段。\n\n    ![代码](images/nope.png)\n\n<!-- ![注释](images/nope.png) -->\n\n![真图](images/nope.png) 真图\n",
        [("真图", "不存在")]),
    "fine-markdown-image-before-html-img": (
        "第一段。\n\n![好图](images/cover.png) 好图\n\n<img src=\"images/cover.png\" alt=\"HTML 图\"> HTML 图\n",
        [("HTML 图", "HTML 写法 <img> 里的相对地址不会按文章发布后的网址调整")]),
    "script-link-before-script-image": (
        "第一段。\n\n[链接](javascript:alert(1)) 脚本链接\n\n![脚本图](javascript:alert(1)) 脚本图\n",
        [("脚本链接", "删除了链接地址"), ("脚本图", "删除了图片地址")]),
    "link-before-image-of-the-same-address": (
        "第一段。\n\n[下载](images/nope.png) 链接\n\n![](images/nope.png) 图片\n",
        [("链接", "链接的文件或文章“images/nope.png”不存在"), ("图片", "图片“images/nope.png”不存在"),
         ("图片", "没有说明文字")]),
    "reference-definitions": (
        "第一段。\n\n`[文章][坏]` 是引用写法，no-such.md 已删除。\n\n[文章][坏] 引用\n\n[坏]: no-such.md\n",
        [("[坏]:", "不存在")]),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_body_finding_names_the_line_that_writes_the_address(site, layout):
    body, expected = LAYOUTS[layout]
    site.write("news/body.md", article("行号测试", "2013-05-08", body=body))
    (site.root / "content" / "news" / "images").mkdir()
    (site.root / "content" / "news" / "images" / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    text = (site.root / PATH).read_text(encoding="utf-8")
    with findings_logged() as (logged, _):
        with contextlib.suppress(Abort):
            site.build()
    mine = sorted(f for f in logged if f.startswith(f"{PATH}:"))
    assert len(mine) == len(expected), mine
    for marker, said in expected:
        line = [n for n, written in enumerate(text.split("\n"), 1) if marker in written][-1]
        assert [f for f in mine if f.startswith(f"{PATH}:{line}: ") and said in f], (marker, line, mine)
