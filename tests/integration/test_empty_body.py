"""An article with nothing under its title (`约 1 分钟（0 字）`) fails the build with its file, the line after
the front matter and the fix, unless its column allows empty bodies (`allow_empty_body: true`)."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

FRONT = "---\ntitle: 市医院开展义诊活动\ndate: 2013-05-08\n---\n"


@pytest.mark.parametrize("body", ["", "\n\n   \n", "\n## \n", "\n<!-- 正文待补充 -->\n", "\n<p></p>\n&nbsp;\n"],
                         ids=["nothing", "white-space", "empty-heading", "comment", "empty-html"])
def test_an_empty_body_is_an_error_at_the_line_after_the_front_matter(site, build_errors, body):
    site.write("news/a.md", FRONT + body)
    with pytest.raises(Abort):
        site.build()
    errors = [e for e in build_errors() if e.startswith("content/news/a.md")]
    assert len(errors) == 1, errors
    assert errors[0].startswith("content/news/a.md:5: 正文是空的"), errors
    assert "在文件头结束的 --- 下面写正文" in errors[0] and "columns/news.yml 里写 allow_empty_body: true" in errors[0]
    assert not (site.root / "site").exists()


@pytest.mark.parametrize("body", ["\n![义诊现场](images/yizhen.png)\n", "\n[实施方案](files/fangan.pdf)\n"],
                         ids=["image-alone", "attachment-alone"])
def test_an_image_or_an_attachment_alone_is_a_body(site, body):
    site.write("news/images/yizhen.png", "")
    (site.root / "content" / "news" / "images" / "yizhen.png").write_bytes(
        bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a80000000049454e44ae426082"))
    site.write("news/files/fangan.pdf", "%PDF-1.4\n%%EOF\n")
    site.write("news/a.md", FRONT + body)
    assert site.build().exists("news/2013/05/a/")


def test_a_column_may_allow_empty_bodies(site):
    site.column("news", "要闻", order=1, allow_empty_body=True)
    site.write("news/a.md", FRONT)
    built = site.build()
    assert built.page("news/2013/05/a/").select_one("h1").get_text(strip=True) == "市医院开展义诊活动"


def test_a_draft_may_be_empty_until_it_is_published(site):
    site.write("news/a.md", "---\ntitle: 甲\ndate: 2013-05-08\nstatus: draft\n---\n")
    site.write("news/b.md", FRONT + "\n正文。\n")
    assert site.build().exists("news/2013/05/b/")


def test_allow_empty_body_is_validated_like_the_other_column_options(site, build_errors):
    (site.root / "columns" / "news.yml").write_text("title: 要闻\norder: 1\nallow_empty_body: 可以\n", encoding="utf-8")
    site.write("news/a.md", FRONT + "\n正文。\n")
    with pytest.raises(Abort):
        site.build()
    assert any(e.startswith("columns/news.yml:3: allow_empty_body:") and "true 或 false" in e
               and "allow_empty_body: true" in e for e in build_errors()), build_errors()
