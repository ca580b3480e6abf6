"""Plain text in a real build: column and data files refuse hidden characters and tags with their line and
field; hidden characters in an article's body are removed from the page with a warning naming the line."""

from __future__ import annotations

import logging

import pytest
from mkdocs.exceptions import Abort

from helpers import article


def test_a_column_file_with_a_hidden_character_fails_the_build(site, build_errors):
    (site.root / "columns" / "news.yml").write_text('title: 要闻\ndescription: "本栏目\\u202e介绍"\n', encoding="utf-8")
    site.write("news/a.md", article("文章", "2013-05-08"))
    with pytest.raises(Abort):
        site.build()
    assert any(e.startswith("columns/news.yml:2: description: 有看不见的字符 U+202E（从右向左覆盖）") and " — " in e
               for e in build_errors()), build_errors()


@pytest.mark.parametrize("name, text, where, said", [
    ("units.yml", '- name: 市人民医院\n  type: 医疗机构\n  liaisons:\n    - name: "王\\u200b海燕"\n',
     "data/units.yml:4: name: ", "“市人民医院”的第 1 个联络员：有看不见的字符 U+200B（零宽空格）"),
    ("topics.yml", "- slug: a\n  title: <b>民生</b>\n  tags: [民生]\n", "data/topics.yml:2: title: ",
     "第 1 个专题：有 HTML 标签“<b>”"),
])
def test_a_data_file_with_a_hidden_character_or_a_tag_fails_the_build(site, build_errors, name, text, where, said):
    (site.root / "data").mkdir()
    (site.root / "data" / name).write_text(text, encoding="utf-8")
    site.write("news/a.md", article("文章", "2013-05-08"))
    with pytest.raises(Abort):
        site.build()
    assert any(e.startswith(where + said) for e in build_errors()), (where, build_errors())


def test_hidden_characters_in_the_body_are_removed_from_the_page_with_a_warning(site, caplog, run_cli):
    site.write("news/a.md", article("文章", "2013-05-08", body="第一段文字。\n\n请拨打\u202e0213-4567\u202c咨询。\u200b\n"))
    built = site.build()
    page = built.path("news/2013/05/a/").read_text(encoding="utf-8")
    assert "请拨打0213-4567咨询。" in page and "\u202e" not in page and "\u200b" not in page
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("content/news/a.md:8:" in w and "U+202E（从右向左覆盖）" in w and "发布时已删除" in w for w in warnings), warnings
    checked = run_cli(site, "check")
    assert checked.returncode == 0 and "content/news/a.md:8:" in checked.stdout and "U+200B（零宽空格）" in checked.stdout
