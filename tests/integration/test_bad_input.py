"""Every kind of bad input fails the build with the file, the line, the field and the fix,
exits non-zero, and leaves the previous site byte for byte."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from helpers import article

GOOD = article("已发布的文章", "2013-05-01", tags=["健康"])
DEEP_LIST = "".join("\t" * depth + "- 第{}层\n".format(depth) for depth in range(800))
DEEP_QUOTE = ">" * 2000 + " 引用\n"
DEEP_MARKERS = "- " * 2000 + "列表\n"
DEEP_EMPHASIS = "*强调 " * 1000 + "文字" + " 强调*" * 1000 + "\n"
DEEP_HTML = "<div>" * 2000 + "内容" + "</div>" * 2000 + "\n"
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
             "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n" \
             "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"


def fm(front: str, body: str = "正文。\n") -> str:
    return f"---\n{front}---\n{body}"


# (id, {src_uri: text or bytes}, [(start of the error line, text in message or fix), ...])
CASES = [
    ("gbk", {"news/gbk.md": fm("title: 甲\ndate: 2013-05-08\n").encode("gbk")},
     [("content/news/gbk.md:", "GBK/GB18030"), ("content/news/gbk.md:", "healthpress fix-encoding content/news/gbk.md")]),
    ("gb18030", {"news/gb.md": fm("title: 䶮\ndate: 2013-05-08\n").encode("gb18030")},
     [("content/news/gb.md:", "GBK/GB18030")]),
    ("utf-16-bom", {"news/u16.md": fm("title: 甲\ndate: 2013-05-08\n").encode("utf-16")},
     [("content/news/u16.md:", "UTF-16")]),
    ("utf-16-le-no-bom", {"news/u16le.md": fm("title: 甲\ndate: 2013-05-08\n").encode("utf-16-le")},
     [("content/news/u16le.md:", "UTF-16")]),
    ("nul-byte", {"news/nul.md": fm("title: 甲\ndate: 2013-05-08\n", "正文\x00乱码\n")},
     [("content/news/nul.md:5:", "空字符")]),
    ("fullwidth-colon", {"news/a.md": fm("标题：市医院义诊\n日期: 2013-05-08\n")},
     [("content/news/a.md:2: 标题:", "中文冒号"), ("content/news/a.md:2:", "标题: 市医院义诊")]),
    ("fullwidth-space", {"news/a.md": fm("title:\u3000市医院义诊\ndate: 2013-05-08\n")},
     [("content/news/a.md:2:", "全角空格")]),
    ("fullwidth-delimiters", {"news/a.md": "———\ntitle: 甲\ndate: 2013-05-08\n———\n正文\n"},
     [("content/news/a.md:1:", "三个英文减号")]),
    ("fullwidth-closing-delimiter", {"news/a.md": "---\ntitle: 甲\ndate: 2013-05-08\n－－－\n正文\n"},
     [("content/news/a.md:4:", "三个英文减号")]),
    ("missing-delimiters", {"news/a.md": "title: 甲\ndate: 2013-05-08\n\n正文\n"},
     [("content/news/a.md:1:", "在第一行写 ---")]),
    ("blank-line-before", {"news/a.md": "\n" + fm("title: 甲\ndate: 2013-05-08\n")},
     [("content/news/a.md:2:", "删除 --- 之前的空行")]),
    ("tab-indent", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\ntags:\n\t- 健康\n")},
     [("content/news/a.md:5:", "制表符")]),
    ("unclosed", {"news/a.md": "---\ntitle: 甲\ndate: 2013-05-08\n\n正文\n"},
     [("content/news/a.md:1:", "没有结束的 ---")]),
    ("duplicate-key", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\ntitle: 乙\n")},
     [("content/news/a.md:4: title:", "第一次在第 2 行")]),
    ("english-and-chinese-key", {"news/a.md": fm("title: 甲\n标题: 乙\ndate: 2013-05-08\n")},
     [("content/news/a.md:3: 标题:", "同一个字段")]),
    ("list-not-mapping", {"news/a.md": fm("- 甲\n- 2013-05-08\n")},
     [("content/news/a.md:2:", "一行一个字段")]),
    ("scalar-not-mapping", {"news/a.md": fm("市医院开展义诊活动\n")},
     [("content/news/a.md:2:", "一行一个字段")]),
    ("python-tag", {"news/a.md": fm("title: !!python/object/apply:os.system [\"touch pwned\"]\ndate: 2013-05-08\n")},
     [("content/news/a.md:2:", "YAML 标签")]),
    ("alias-bomb", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\n" + ALIAS_BOMB)},
     [("content/news/a.md:4:", "锚点和引用")]),
    ("tags-as-string", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\ntags: 健康，防疫\n")},
     [("content/news/a.md:4: tags:", "[健康, 防疫]")]),
    ("title-as-number", {"news/a.md": fm("title: 2013\ndate: 2013-05-08\n")},
     [("content/news/a.md:2: title:", "加引号")]),
    ("unquoted-no", {"news/a.md": fm("title: no\ndate: 2013-05-08\n")},
     [("content/news/a.md:2: title:", "加引号")]),
    ("zero-width-key", {"news/a.md": fm("ti\u200btle: 甲\ndate: 2013-05-08\n")},
     [("content/news/a.md:2:", "看不见的字符")]),
    ("chinese-date", {"news/a.md": fm("title: 甲\ndate: 2013年5月8日\n")},
     [("content/news/a.md:3: date:", "2013-05-08")]),
    ("unpadded-date", {"news/a.md": fm("title: 甲\ndate: 2013-5-8\n")},
     [("content/news/a.md:3: date:", "2013-05-08")]),
    ("slashed-date", {"news/a.md": fm("title: 甲\ndate: 2013/05/08\n")},
     [("content/news/a.md:3: date:", "2013-05-08")]),
    ("impossible-day", {"news/a.md": fm("title: 甲\ndate: 2013-02-30\n")},
     [("content/news/a.md:3: date:", "这个月没有这一天")]),
    ("impossible-minute", {"news/a.md": fm("title: 甲\ndate: 2013-05-08 13:70\n")},
     [("content/news/a.md:3: date:", "分钟")]),
    ("empty-file", {"news/a.md": ""}, [("content/news/a.md:", "文件是空的")]),
    ("no-title", {"news/a.md": fm("date: 2013-05-08\n")}, [("content/news/a.md:1: title:", "缺少")]),
    ("unknown-column", {"nosuch/a.md": fm("title: 甲\ndate: 2013-05-08\n")},
     [("content/nosuch/a.md: 文章所在的目录“nosuch”不是栏目", "news（要闻）")]),
    ("trailing-dot", {"news/abc..md": fm("title: 甲\ndate: 2013-05-08\n")},
     [("content/news/abc..md:", "点或空格")]),
    ("windows-con", {"news/CON.md": fm("title: 甲\ndate: 2013-05-08\n")},
     [("content/news/CON.md:", "保留名称")]),
    ("windows-aux", {"news/aux.md": fm("title: 甲\ndate: 2013-05-08\n")},
     [("content/news/aux.md:", "保留名称")]),
    ("windows-nul", {"news/nul.md": fm("title: 甲\ndate: 2013-05-08\n")},
     [("content/news/nul.md:", "保留名称")]),
    ("differ-in-case", {"news/Yizhen.md": fm("title: 甲\ndate: 2013-05-08\n"),
                        "news/yizhen.md": fm("title: 乙\ndate: 2013-06-08\n")},
     [("content/news/Yizhen.md:", "只有大小写不同"), ("content/news/yizhen.md:", "content/news/Yizhen.md")]),
    ("same-url", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\n"), "news/b.md": fm("title: 乙\ndate: 2013-05-20\nslug: a\n")},
     [("content/news/b.md:4: slug:", "content/news/a.md:2")]),  # one error, on the newer article, naming the older
    ("slug-with-dots", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\nslug: ../../etc\n")},
     [("content/news/a.md:4: slug:", "只用小写字母")]),
    ("slug-with-slash", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\nslug: a/b\n")},
     [("content/news/a.md:4: slug:", "只用小写字母")]),
    ("missing-image", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\n", "\n文字\n\n![图](images/nope.png)\n")},
     [("content/news/a.md:8:", "图片“images/nope.png”不存在")]),
    ("missing-article", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\n", "见[另一篇](other.md)。\n")},
     [("content/news/a.md:5:", "other.md")]),
    ("missing-anchor", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\n", "## 背景\n\n见[上文](#背景资料)。\n")},
     [("content/news/a.md:7:", "#背景资料")]),
    ("link-to-a-draft", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\n", "见[草稿](b.md)。\n"),
                         "news/b.md": fm("title: 乙\ndate: 2013-05-08\nstatus: draft\n")},
     [("content/news/a.md:5:", "已发布")]),
    ("very-long-line", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\n", "字" * 20_001 + "\n")},
     [("content/news/a.md:5:", "max_line_chars")]),
    ("nested-800-deep-list", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\n", DEEP_LIST)},
     [("content/news/a.md:25:", "嵌套了 21 层")]),
    ("nested-2000-deep-quote", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\n", DEEP_QUOTE)},
     [("content/news/a.md:5:", "嵌套了 2000 层")]),
    ("nested-2000-list-markers", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\n", DEEP_MARKERS)},
     [("content/news/a.md:5:", "嵌套了 2000 层")]),
    ("nested-1000-emphasis", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\n", "第一段。\n\n" + DEEP_EMPHASIS)},
     [("content/news/a.md:7:", "标记超过 256 个")]),
    ("nested-2000-html", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\n", DEEP_HTML)},
     [("content/news/a.md:5:", "嵌套了 2000 层")]),
    ("html-page-in-content", {"news/page.html": "<script>alert(1)</script>"},
     [("content/news/page.html:", "“.html”文件")]),
    ("javascript-in-content", {"news/app.js": "alert(1)"}, [("content/news/app.js:", "“.js”文件")]),
    ("svg-with-script", {"news/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"},
     [("content/news/logo.svg:", "不含脚本")]),
    ("svg-with-event-handler", {"news/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"},
     [("content/news/logo.svg:", "事件属性")]),
    ("sensitive-unapproved", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\nsensitive: true\n")},
     [("content/news/a.md:4: sensitive:", "approved_by"), ("content/news/a.md:4:", "status: review")]),
    ("expires-before-date", {"news/a.md": fm("title: 甲\ndate: 2013-05-08\nexpires: 2013-05-01\n")},
     [("content/news/a.md:4: expires:", "发布日期之后")]),
    # plain-text fields (model/plaintext.py): direction, invisible and control characters, tags, length
    ("title-right-to-left-override", {"news/a.md": fm('title: "正常标题\u202egnp.exe"\ndate: 2013-05-08\n')},
     [("content/news/a.md:2: title:", "U+202E（从右向左覆盖），在第 5 个字符处（“正常标题”之后）")]),
    ("title-zero-width-chinese-key", {"news/a.md": fm('标题: "通\u200b知"\ndate: 2013-05-08\n')},
     [("content/news/a.md:2: 标题:", "U+200B（零宽空格）")]),
    ("tag-with-isolate", {"news/a.md": fm('title: 甲\ndate: 2013-05-08\ntags: [健康, "防\u2066疫"]\n')},
     [("content/news/a.md:4: tags:", "第 2 项：有看不见的字符 U+2066（从左向右隔离）")]),
    ("author-with-control", {"news/a.md": fm('title: 甲\ndate: 2013-05-08\nauthor: "张\\a明"\n')},
     [("content/news/a.md:4: author:", "U+0007（控制字符）")]),
    ("title-with-script-tag", {"news/a.md": fm("title: \"<script>alert(1)</script>通知\"\ndate: 2013-05-08\n")},
     [("content/news/a.md:2: title:", "HTML 标签“<script>”")]),
    ("unit-with-img-tag", {"news/a.md": fm('title: 甲\ndate: 2013-05-08\nunit: "<img src=x onerror=alert(1)>"\n')},
     [("content/news/a.md:4: unit:", "HTML 标签“<img")]),
    ("title-of-50000-characters", {"news/a.md": fm(f"title: {'长' * 50_000}\ndate: 2013-05-08\n")},
     [("content/news/a.md:2: title:", "有 50000 个字，超过了 200 个字的上限")]),
    ("summary-over-2000", {"news/a.md": fm(f"title: 甲\ndate: 2013-05-08\nsummary: {'摘' * 2001}\n")},
     [("content/news/a.md:4: summary:", "超过了 2000 个字的上限")]),
    ("page-taking-the-statistics", {"stats.md": "# 统计\n"},
     [("content/stats.md:", "系统生成的供稿统计页（/stats/）重名")]),
]


@pytest.fixture
def published(site):
    """A site that built once; returns the bytes of every file of that site."""
    site.write("news/good.md", GOOD)
    site.build()
    return snapshot(site.root / "site")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def write_raw(site, src_uri: str, content) -> None:
    path = site.root / "content" / src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


@pytest.mark.parametrize("files, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_fails_with_file_line_field_and_fix(site, published, build_errors, files, expected):
    for src_uri, content in files.items():
        write_raw(site, src_uri, content)
    with pytest.raises(Abort):
        site.build()
    errors = build_errors()
    for start, text in expected:
        assert any(e.startswith(start) and text in e for e in errors), (start, text, errors)
    assert all(" — " in e for e in errors if e.startswith("content/")), "every finding says how to fix it"
    assert len(errors) == len(set(errors)), "each problem is reported once"
    assert snapshot(site.root / "site") == published, "the previous site is untouched"
    assert not (site.root / "pwned").exists()


def test_symlink_outside_content_is_refused_and_never_read(site, published, build_errors, tmp_path_factory):
    secret = tmp_path_factory.mktemp("outside") / "secret.md"
    secret.write_text(fm("title: 机密文件\ndate: 2013-05-08\n", "不应发布的内容\n"), encoding="utf-8")
    os.symlink(secret, site.root / "content" / "news" / "link.md")
    outside_dir = secret.parent
    os.symlink(outside_dir, site.root / "content" / "news" / "folder")
    with pytest.raises(Abort):
        site.build()
    errors = build_errors()
    assert any(e.startswith("content/news/link.md:") and "symlink" in e for e in errors), errors
    assert any(e.startswith("content/news/folder/secret.md:") and "symlink" in e for e in errors), errors
    assert snapshot(site.root / "site") == published


def test_file_over_the_size_limit(site, published, build_errors):
    site.config["plugins"] = [{"healthpress": {"max_file_kb": 4}}]
    write_raw(site, "news/big.md", fm("title: 甲\ndate: 2013-05-08\n", "健康教育。\n" * 1000))
    with pytest.raises(Abort):
        site.build()
    assert any(e.startswith("content/news/big.md:") and "4 KB" in e and "max_file_kb" in e for e in build_errors())
    assert snapshot(site.root / "site") == published


def test_unknown_key_is_a_warning_that_names_the_closest_and_fails_strict(site, caplog):
    site.write("news/a.md", fm("title: 甲\ndate: 2013-05-08\nauthr: 张明\n"))
    built = site.build()
    assert built.exists("news/2013/05/a/")
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("content/news/a.md:4: authr:" in w and "author" in w for w in warnings), warnings
    site.config["strict"] = True
    before = snapshot(site.root / "site")
    with pytest.raises(Abort):
        site.build()
    assert snapshot(site.root / "site") == before


def test_a_strict_build_with_a_warning_publishes_nothing_new(site, run_cli):
    """The engine's strict-mode counter (MkDocs' or ProperDocs') stops the swap, not only the exit code."""
    site.write("news/a.md", fm("title: 甲\ndate: 2013-05-08\n"))
    assert run_cli(site, "build").returncode == 0
    site.write("news/b.md", fm("title: 乙\ndate: 2013-05-09\nauthr: 张明\n"))
    result = run_cli(site, "build", "--strict")
    assert result.returncode != 0
    assert "content/news/b.md:4: authr:" in result.stderr
    assert not (site.root / "site" / "news" / "2013" / "05" / "b").exists()
    assert (site.root / "site" / "news" / "2013" / "05" / "a" / "index.html").is_file()


@pytest.mark.parametrize("name, url", [
    ("news/义诊 活动.md", "news/2013/05/yi-zhen-huo-dong/"),
    ("news/with space.md", "news/2013/05/with-space/"),
    ("news/市医院.md", "news/2013/05/shi-yi-yuan/"),
], ids=["chinese-with-space", "ascii-with-space", "chinese"])
def test_names_with_spaces_and_chinese_get_ascii_urls(site, name, url):
    site.write(name, fm("title: 甲\ndate: 2013-05-08\n"))
    assert site.build().exists(url)


def test_bom_is_accepted(site):
    write_raw(site, "news/bom.md", "\ufeff" + fm("title: 甲\ndate: 2013-05-08\n"))
    assert site.build().exists("news/2013/05/bom/")


def test_character_references_to_hidden_or_xml_invalid_characters_are_removed_with_a_warning(site, run_cli):
    """`&#7;` crashed the feeds (lxml) after a clean check; `&#8238;`, `&#x200B;`, `&#65279;`, `&zwj;` reached
    the page unseen: check and build both warn, at the line, and neither the page nor a feed carries them."""
    from lxml import etree

    site.write("news/a.md", fm("title: 甲\ndate: 2013-05-08\n",
                               "正文里有一个 &#7; 响铃字符。\n\n通知&#8238;exe.doc 零宽&#x200B;空格 &#65279;\n\n"
                               "转义&#x1B;与非字符&#xFFFE;，连字&zwj;与方向&lrm;。中文&#20013;照常。\n"))
    checked = run_cli(site, "check")
    output = checked.stdout + checked.stderr
    assert checked.returncode == 0, output
    for line, reference in ((5, "&#7;"), (7, "&#8238;"), (9, "&#xFFFE;")):
        assert any(text.strip().startswith(f"content/news/a.md:{line}:") and reference in text and "发布时已删除" in text
                   for text in output.splitlines()), output
    built = run_cli(site, "build")
    assert built.returncode == 0, built.stderr
    assert all(f"content/news/a.md:{line}:" in built.stdout + built.stderr for line in (5, 7, 9))
    page = (site.root / "site" / "news" / "2013" / "05" / "a" / "index.html").read_text(encoding="utf-8")
    assert "中" in page and "响铃字符" in page
    for name in ("feed.xml", "atom.xml", "news/feed.xml"):
        path = site.root / "site" / name
        if path.exists():
            text = path.read_bytes().decode("utf-8")
            etree.fromstring(path.read_bytes())
            assert not any(char in text for char in "\x07\x1b\ufffe\u202e\u200b\ufeff\u200d\u200e"), name
    assert not any(char in page for char in "\x07\x1b\ufffe\u202e\u200b\u200d\u200e")
    assert "\ufeff" not in page[1:]


@pytest.mark.parametrize("name", ["news/通知\u202egnp.exe.md", "news/a\ncontent/news/b.md:1: 伪造的一行.md",
                                  "news/零宽\u200b.md", "news/c1\x85.md"])
def test_a_file_name_with_a_hidden_or_control_character_fails_check_and_build(site, published, run_cli, name):
    """Before, such names were published in URLs, and a newline in a name forged a line of `check`'s output."""
    write_raw(site, name, fm("title: 甲\ndate: 2013-05-08\n"))
    checked = run_cli(site, "check")
    output = checked.stdout + checked.stderr
    assert checked.returncode != 0
    assert "伪造的一行" not in output or "\\ncontent/news/b.md:1: 伪造的一行.md" in output
    assert not any(char in output for char in "\u202e\u200b\x85")
    assert "bad-file-name" in output or "看不见的字符" in output, output
    built = run_cli(site, "build")
    assert built.returncode != 0 and "看不见的字符" in built.stderr + built.stdout
    assert snapshot(site.root / "site") == published
