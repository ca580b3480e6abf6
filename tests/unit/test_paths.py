"""check_names / is_inside / check_links_outside: names every checkout can hold, and nothing outside content/."""

from __future__ import annotations

import os

import pytest

from healthpress.model.findings import Level
from healthpress.model.paths import check_links_outside, check_names, is_inside, hidden_names
from healthpress.model.plaintext import first_hidden

DOCS = "content"


def bad_names(src_uris: list[str]) -> list[tuple[str, str]]:
    return [(f.path, f.code) for f in check_names(src_uris, DOCS)]


@pytest.mark.parametrize(
    "src_uri, part, hint",
    [
        ("press/CON.md", "CON.md", "保留名称"),
        ("press/aux.md", "aux.md", "保留名称"),
        ("press/nul.md", "nul.md", "保留名称"),
        ("press/prn.md", "prn.md", "保留名称"),
        ("press/com1.md", "com1.md", "保留名称"),
        ("press/LPT9.txt", "LPT9.txt", "保留名称"),
        ("press/Com9.tar.gz", "Com9.tar.gz", "保留名称"),
        ("con/yizhen.md", "con", "保留名称"),
        ("press/AUX/images/a.png", "AUX", "保留名称"),
        ("press/yizhen.", "yizhen.", "以点或空格结尾"),
        ("press/yizhen.md ", "yizhen.md ", "以点或空格结尾"),
        ("press 2013 /yizhen.md", "press 2013 ", "以点或空格结尾"),
        ("press./yizhen.md", "press.", "以点或空格结尾"),
        ("press/abc..md", "abc..md", "扩展名前面是点或空格"),
        ("press/abc .md", "abc .md", "扩展名前面是点或空格"),
        ("press/问答:健康.md", "问答:健康.md", "不允许的字符"),
        ("press/为什么?.md", "为什么?.md", "不允许的字符"),
        ("press/*.md", "*.md", "不允许的字符"),
        ("press/a<b>.md", "a<b>.md", "不允许的字符"),
        ('press/"义诊".md', '"义诊".md', "不允许的字符"),
        ("press/a|b.md", "a|b.md", "不允许的字符"),
        ("press/a\\b.md", "a\\b.md", "不允许的字符"),
    ],
    ids=["CON", "aux", "nul", "prn", "com1", "LPT9-txt", "com9-double-extension", "folder-con", "nested-folder-AUX",
         "trailing-dot", "trailing-space", "folder-trailing-space", "folder-trailing-dot", "double-dot-before-extension",
         "space-before-extension", "colon", "question-mark", "star", "angle-brackets", "double-quotes", "pipe",
         "backslash"],
)
def test_name_windows_cannot_check_out(src_uri, part, hint):
    findings = check_names([src_uri], DOCS)
    assert [(f.path, f.line, f.field, f.code, f.level) for f in findings] == [
        (f"{DOCS}/{src_uri}", None, None, "bad-file-name", Level.ERROR)]
    assert f"“{part}”" in findings[0].message
    assert hint in findings[0].message
    assert "改个名字" in findings[0].fix


@pytest.mark.parametrize(
    "src_uri",
    [
        "press/World No-Tobacco Day.md",
        "press/世界卫生日控制高血压.md",
        "健康教育/2013年/义诊 活动.md",
        "press/yizhen.md",
        "press/a.b.md",
        "press/.yizhen.md.gb18030.bak",
        "press/console.md",
        "press/auxiliary.md",
        "press/com10.md",
        "press/nul-ceshi.md",
        "press/问答：健康？.md",
        "press/images/cover.JPG",
    ],
    ids=["spaces", "chinese", "chinese-folders-and-space", "ascii", "dot-in-stem", "hidden-backup", "con-prefix",
         "aux-prefix", "com10", "nul-prefix-with-hyphen", "fullwidth-colon-and-question-mark", "upper-case-extension"],
)
def test_ordinary_names_are_accepted(src_uri):
    assert check_names([src_uri], DOCS) == []


def test_only_the_first_bad_part_of_a_path_is_reported():
    findings = check_names(["con/aux.md"], DOCS)
    assert [(f.path, f.code) for f in findings] == [("content/con/aux.md", "bad-file-name")]
    assert "“con”" in findings[0].message


@pytest.mark.parametrize(
    "src_uris, clashing",
    [
        (["press/Yizhen.md", "press/yizhen.md", "press/tijian.md"], ["press/Yizhen.md", "press/yizhen.md"]),
        (["News/a.md", "news/a.md"], ["News/a.md", "news/a.md"]),
        (["press/a.md", "press/A.md", "press/a.MD"], ["press/A.md", "press/a.MD", "press/a.md"]),
        (["press/images/Cover.JPG", "press/images/cover.jpg"], ["press/images/Cover.JPG", "press/images/cover.jpg"]),
    ],
    ids=["file-name", "folder-name", "three-ways", "image-extension"],
)
def test_case_clash_is_reported_once_per_file_naming_all(src_uris, clashing):
    findings = check_names(src_uris, DOCS)
    assert [(f.path, f.line, f.field, f.code, f.level) for f in findings] == [
        (f"{DOCS}/{uri}", None, None, "case-clash", Level.ERROR) for uri in clashing]
    names = "、".join(f"{DOCS}/{uri}" for uri in clashing)
    for finding in findings:
        assert names in finding.message
        assert "只有大小写不同" in finding.message


def test_different_names_in_different_folders_do_not_clash():
    assert check_names(["press/yizhen.md", "news/yizhen.md", "Press/tijian.md"], DOCS) == []


def test_reserved_name_that_also_clashes_gets_both_findings():
    assert bad_names(["press/CON.md", "press/con.md"]) == [
        ("content/press/CON.md", "bad-file-name"), ("content/press/con.md", "bad-file-name"),
        ("content/press/CON.md", "case-clash"), ("content/press/con.md", "case-clash")]


def test_display_dir_prefixes_every_path():
    assert bad_names(["press/nul.md"]) == [("content/press/nul.md", "bad-file-name")]
    assert [f.path for f in check_names(["press/nul.md"], "site/content")] == ["site/content/press/nul.md"]


@pytest.fixture
def tree(tmp_path):
    """content/ with a real article, and a secret file in a sibling folder outside it."""
    docs = tmp_path / "content"
    (docs / "press").mkdir(parents=True)
    (docs / "press" / "yizhen.md").write_text("---\ntitle: 义诊\n---\n", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("机密", encoding="utf-8")
    (tmp_path / "content2").mkdir()
    (tmp_path / "content2" / "a.md").write_text("x", encoding="utf-8")
    return docs


OUTSIDE_FOLDER = ("shared", "{tmp}/outside")


@pytest.mark.parametrize(
    "links, path, inside",
    [
        ([], "press/yizhen.md", True),
        ([], ".", True),
        ([("press/leak.md", "{tmp}/outside/secret.md")], "press/leak.md", False),
        ([("press/leak.md", "../../outside/secret.md")], "press/leak.md", False),
        ([OUTSIDE_FOLDER], "shared/secret.md", False),
        ([OUTSIDE_FOLDER], "shared", False),
        ([("press/alias.md", "yizhen.md")], "press/alias.md", True),
        ([("press/alias.md", "{tmp}/content/press/yizhen.md")], "press/alias.md", True),
        ([("mirror", "press")], "mirror/yizhen.md", True),
        ([OUTSIDE_FOLDER, ("press/hop.md", "../shared/secret.md")], "press/hop.md", False),
        ([], "../outside/secret.md", False),
        ([], "press/../../outside/secret.md", False),
        ([], "press/../press/yizhen.md", True),
        ([], "..", False),
        ([], "../content2/a.md", False),
    ],
    ids=["plain-file", "root-itself", "file-link-absolute-outside", "file-link-relative-outside",
         "folder-link-outside-file", "folder-link-outside-itself", "file-link-inside-relative",
         "file-link-inside-absolute", "folder-link-inside", "link-to-link-outside", "dot-dot-outside",
         "dot-dot-through-folder", "dot-dot-back-inside", "parent-folder", "sibling-with-same-prefix"],
)
def test_is_inside(tree, links, path, inside):
    for link, target in links:
        os.symlink(target.format(tmp=tree.parent), tree / link)
    assert is_inside(tree / path, tree) is inside


def test_is_inside_through_a_symlinked_root(tree):
    alias = tree.parent / "content-alias"
    os.symlink(tree, alias)
    assert is_inside(alias / "press" / "yizhen.md", alias)
    assert is_inside(tree / "press" / "yizhen.md", alias)
    assert is_inside(alias / "press" / "yizhen.md", tree)
    assert not is_inside(tree.parent / "outside" / "secret.md", alias)


def test_links_outside_the_docs_folder_are_refused(tree):
    tmp = tree.parent
    os.symlink(tmp / "outside" / "secret.md", tree / "press" / "leak.md")
    os.symlink(tmp / "outside", tree / "shared")
    os.symlink("yizhen.md", tree / "press" / "alias.md")
    src_uris = ["press/alias.md", "press/leak.md", "press/yizhen.md", "shared/secret.md"]

    findings, refused = check_links_outside(tree, src_uris, DOCS)

    assert refused == {"press/leak.md", "shared/secret.md"}
    assert [(f.path, f.line, f.field, f.code, f.level) for f in findings] == [
        ("content/press/leak.md", None, None, "symlink-outside", Level.ERROR),
        ("content/shared/secret.md", None, None, "symlink-outside", Level.ERROR),
    ]
    for finding in findings:
        assert "symlink" in finding.message
        assert "复制到 content 目录里" in finding.fix


def test_no_links_no_findings(tree):
    assert check_links_outside(tree, ["press/yizhen.md"], DOCS) == ([], set())


@pytest.mark.parametrize("src_uri, shown, named", [
    ("news/通知\u202egnp.exe.md", "content/news/通知\\u202egnp.exe.md", "U+202E（从右向左覆盖）"),
    ("news/零宽\u200b空格.md", "content/news/零宽\\u200b空格.md", "U+200B（零宽空格）"),
    ("news/a\nforged: line.md", "content/news/a\\nforged: line.md", "U+000A（换行）"),
    ("news/a\rb.md", "content/news/a\\rb.md", "U+000D（回车）"),
    ("news/bell\x07.png", "content/news/bell\\u0007.png", "U+0007"),
    ("news/c1\x85.md", "content/news/c1\\u0085.md", "U+0085"),
    ("news\u2066/a.md", "content/news\\u2066/a.md", "U+2066"),
    ("news/tab\t.md", "content/news/tab\\t.md", "U+0009"),
])
def test_a_name_with_a_hidden_or_control_character_is_refused_and_shown_escaped(src_uri, shown, named):
    findings = check_names([src_uri, "news/ok.md", src_uri.upper()], "content")
    assert [(f.path, f.code) for f in findings if f.path == shown] == [(shown, "bad-file-name")], findings
    finding = next(f for f in findings if f.path == shown)
    assert named in finding.message and "改名" in finding.fix
    assert all(first_hidden(f.render(), lines=False) is None for f in findings), [f.render() for f in findings]
    assert hidden_names([src_uri, "news/ok.md"]) == {src_uri}
