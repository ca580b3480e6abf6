"""Build tiny sites for real and check every kind of page by parsing its HTML."""

from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import Abort

from helpers import article, texts


def hrefs(soup, selector: str) -> list[str]:
    return [a["href"] for a in soup.select(selector)]


def test_article_page_shows_its_facts_and_neighbours(site):
    site.write("news/first.md", article("第一篇", "2013-05-08 09:30", author="张明", unit="市人民医院",
                                        tags=["医改", "义诊"], doc_no="宜卫办[2013]79号"))
    site.write("news/second.md", article("第二篇", "2013-06-01"))
    site.write("news/third.md", article("第三篇", "2013-07-01"))
    site.write("health-weekly/other.md", article("周刊文章", "2013-06-15"))
    built = site.build()

    page = built.page("news/2013/06/second/")
    assert page.html["lang"] == "zh-CN"
    assert texts(page, ".hp-article__header h1") == ["第二篇"]
    assert "2013年6月1日" in texts(page, ".hp-meta time")[0]
    assert texts(page, ".hp-crumbs a") == ["首页", "要闻"]
    newer, older = page.select(".hp-neighbours__item a")
    assert (newer.get_text(), older.get_text()) == ("第三篇", "第一篇")
    assert newer["href"] == "../../07/third/" and older["href"] == "../../05/first/"

    first = built.page("news/2013/05/first/")
    meta = " ".join(texts(first, ".hp-meta"))
    for fact in ("2013年5月8日 09:30", "要闻", "市人民医院", "张明", "宜卫办[2013]79号"):
        assert fact in meta
    assert texts(first, ".hp-article__tags a") == ["医改", "义诊"]
    assert hrefs(first, ".hp-article__tags a") == ["../../../../tags/yi-gai/", "../../../../tags/yi-zhen/"]
    assert texts(first, ".hp-neighbours__item a") == ["第二篇"], "neighbours stay inside the column"


def test_column_index_is_pinned_first_newest_first_and_paginated(site):
    for day in range(1, 8):
        site.write(f"news/n{day}.md", article(f"新闻{day}", f"2014-03-0{day}", pinned=(day == 2)))
    built = site.build()

    first = built.page("news/")
    assert texts(first, ".hp-list__title") == ["新闻2", "新闻7", "新闻6"]
    assert texts(first, ".hp-badge") == ["置顶"]
    assert texts(first, ".hp-list__date") == ["2014-03-02", "2014-03-07", "2014-03-06"]
    assert texts(first, ".hp-list__summary") == ["正文第一段。"] * 3
    assert texts(built.page("news/page/2/"), ".hp-list__title") == ["新闻5", "新闻4", "新闻3"]
    assert texts(built.page("news/page/3/"), ".hp-list__title") == ["新闻1"]
    assert not built.exists("news/page/4/")
    assert "第 3 / 3 页" in texts(built.page("news/page/3/"), ".hp-pager")[0]


@pytest.mark.parametrize("count, pages", [(3, 1), (4, 2), (6, 2), (7, 3)], ids=lambda v: str(v))
def test_pagination_boundary(site, count, pages):
    for n in range(count):
        site.write(f"news/a{n}.md", article(f"文章{n}", f"2015-01-{n + 10}"))
    built = site.build()
    assert built.exists(f"news/page/{pages}/") == (pages > 1)
    assert not built.exists(f"news/page/{pages + 1}/")
    total = sum(len(built.page(url).select(".hp-list__item"))
                for url in ["news/"] + [f"news/page/{n}/" for n in range(2, pages + 1)])
    assert total == count


def test_summary_is_first_paragraph_unless_given(site):
    site.write("news/a.md", article("甲", "2013-01-01", body="## 小标题\n\n第一段**加粗**文字。\n\n第二段。"))
    site.write("news/b.md", article("乙", "2013-01-02", summary="编辑写的摘要。"))
    built = site.build()
    assert texts(built.page("news/"), ".hp-list__summary") == ["编辑写的摘要。", "第一段加粗文字。"]


def test_dated_archive_counts_across_columns_and_years(site):
    site.write("news/a.md", article("甲", "2013-05-08"))
    site.write("news/b.md", article("乙", "2013-05-20"))
    site.write("health-weekly/c.md", article("丙", "2013-05-09"))
    site.write("health-weekly/d.md", article("丁", "2013-11-01"))
    site.write("news/e.md", article("戊", "2014-01-02"))
    built = site.build()

    archive = built.page("archive/")
    assert texts(archive, ".hp-years__year") == ["2014年", "2013年"]
    assert texts(archive, ".hp-years__item > .hp-count") == ["1 篇", "4 篇"]
    year = built.page("archive/2013/")
    assert texts(year, ".hp-months a") == ["2013年11月", "2013年5月"]
    assert texts(year, ".hp-months .hp-count") == ["1 篇", "3 篇"]
    month = built.page("archive/2013/05/")
    assert texts(month, ".hp-list__title") == ["乙", "丙", "甲"]
    assert texts(month, ".hp-list__column") == ["要闻", "健康周刊", "要闻"]
    column_year = built.page("health-weekly/archive/2013/")
    assert texts(column_year, ".hp-list__title") == ["丁", "丙"]
    assert texts(column_year, "h2") == ["2013年11月", "2013年5月"]
    assert texts(built.page("news/archive/"), ".hp-years__year") == ["2014年", "2013年"]
    assert not built.exists("news/archive/2012/")


def test_tag_pages_and_index(site):
    site.write("news/a.md", article("甲", "2013-05-08", tags=["平安清远", "医改"]))
    site.write("health-weekly/b.md", article("乙", "2013-06-08", tags=["医改"]))
    built = site.build()
    index = built.page("tags/")
    assert [a.contents[0] for a in index.select(".hp-tag")] == ["医改", "平安清远"]
    assert hrefs(index, ".hp-tag") == ["../tags/yi-gai/", "../tags/ping-an-qing-yuan/"] or \
        hrefs(index, ".hp-tag") == ["yi-gai/", "ping-an-qing-yuan/"]
    assert texts(built.page("tags/yi-gai/"), ".hp-list__title") == ["乙", "甲"]
    assert texts(built.page("tags/ping-an-qing-yuan/"), ".hp-list__title") == ["甲"]


def test_home_portal_has_a_block_per_column_pinned_first(site):
    site.column("news", "要闻", order=1, home_items=2)
    site.write("news/old-pinned.md", article("置顶旧闻", "2012-01-01", pinned=True))
    site.write("news/a.md", article("新闻甲", "2013-01-01"))
    site.write("news/b.md", article("新闻乙", "2013-02-01"))
    site.write("health-weekly/c.md", article("周刊一", "2013-03-01"))
    built = site.build()
    home = built.page("")
    assert texts(home, ".md-header__topic")[0] == "测试卫生局"
    blocks = home.select(".hp-home__grid .hp-block")
    assert [texts(b, "h2")[0] for b in blocks] == ["要闻", "健康周刊"]
    assert texts(blocks[0], ".hp-list__title") == ["置顶旧闻", "新闻乙"]
    assert texts(blocks[1], ".hp-list__title") == ["周刊一"]
    assert hrefs(blocks[0], ".hp-more") == ["news/"]
    assert texts(home, ".hp-home__latest .hp-list__title") == ["周刊一", "新闻乙", "新闻甲", "置顶旧闻"]
    assert "测试市卫生局" in texts(home, ".hp-footer")[0]


def test_articles_never_enter_the_nav(site):
    for n in range(30):
        site.write(f"news/a{n}.md", article(f"文章{n}", f"2016-02-{n % 28 + 1:02d} 08:{n:02d}"))
    built = site.build()
    for url in ("", "news/", "news/2016/02/a5/", "archive/2016/02/"):
        nav_links = hrefs(built.page(url), ".md-nav--primary a.md-nav__link")
        assert len(nav_links) <= 6, (url, nav_links)
        assert not any("/2016/" in href for href in nav_links)


def test_pinyin_slugs_for_chinese_and_mixed_file_names(site):
    site.write("news/世界无烟日.md", article("世界无烟日", "2013-05-31"))
    site.write("news/12320热线.md", article("热线", "2013-06-01"))
    site.write("news/自定义.md", article("自定义", "2013-06-02", slug="custom-name"))
    built = site.build()
    assert built.exists("news/2013/05/shi-jie-wu-yan-ri/")
    assert built.exists("news/2013/06/12320-re-xian/")
    assert built.exists("news/2013/06/custom-name/")
    for page in built.all_pages():
        assert re.fullmatch(r"[a-z0-9/._-]+", str(page.relative_to(built.site_dir))), page


def test_chinese_keys_mean_the_same_fields(site):
    site.write("news/zh.md", "---\n标题: 中文字段\n日期: 2013-05-08 09:30\n栏目: health-weekly\n别名: zhong-wen\n"
                             "摘要: 中文摘要\n作者: 李华\n单位: 市中医院\n标签: [健康]\n置顶: true\n文号: 宜卫办[2013]1号\n---\n正文\n")
    built = site.build()
    page = built.page("health-weekly/2013/05/zhong-wen/")
    meta = " ".join(texts(page, ".hp-meta"))
    assert texts(page, ".hp-article__header h1") == ["中文字段"]
    for fact in ("健康周刊", "李华", "市中医院", "宜卫办[2013]1号", "09:30"):
        assert fact in meta
    listing = built.page("health-weekly/")
    assert texts(listing, ".hp-badge") == ["置顶"]
    assert texts(listing, ".hp-list__summary") == ["中文摘要"]
    assert texts(built.page("tags/jian-kang/"), ".hp-list__title") == ["中文字段"]


def test_drafts_are_absent_from_every_page(site):
    site.write("news/pub.md", article("已发布", "2013-05-08", tags=["防疫"]))
    site.write("news/draft.md", article("草稿文章", "2013-05-09", tags=["防疫", "草稿标签"], status="draft"))
    site.write("health-weekly/draft2.md", "---\n标题: 第二篇草稿\n日期: 2014-01-01\n状态: draft\n---\n正文\n")
    built = site.build()
    assert not built.exists("news/2013/05/draft/")
    assert not built.exists("archive/2014/")
    assert not built.exists("tags/cao-gao-biao-qian/")
    assert texts(built.page("archive/"), ".hp-years__item > .hp-count") == ["1 篇"]
    for page in built.all_pages():
        html = page.read_text(encoding="utf-8")
        assert "草稿文章" not in html and "第二篇草稿" not in html and "草稿标签" not in html, page


def test_two_articles_with_the_same_url_fail_naming_both(site, build_errors):
    site.write("news/same.md", article("甲", "2013-05-08"))
    site.write("news/other.md", article("乙", "2013-05-20", slug="same"))
    with pytest.raises(Abort):
        site.build()
    errors = "\n".join(build_errors())
    assert "content/news/same.md" in errors and "content/news/other.md" in errors
    assert "/news/2013/05/same/" in errors and "slug:" in errors


def test_unknown_column_fails_listing_the_known_ones(site, build_errors):
    site.write("news/a.md", article("甲", "2013-05-08", column="nosuch"))
    with pytest.raises(Abort):
        site.build()
    errors = "\n".join(build_errors())
    assert "content/news/a.md" in errors and "nosuch" in errors
    assert "news（要闻）" in errors and "health-weekly（健康周刊）" in errors


def test_every_bad_file_is_reported_in_one_run(site, build_errors):
    site.write("news/no-title.md", "---\ndate: 2013-05-08\n---\n正文\n")
    site.write("news/bad-date.md", "---\ntitle: 甲\ndate: 2013年5月8日\n---\n正文\n")
    site.write("news/no-front-matter.md", "title: 乙\n\n正文\n")
    with pytest.raises(Abort):
        site.build()
    errors = build_errors()
    assert any(e.startswith("content/news/no-title.md:") and "title" in e for e in errors)
    assert any(e.startswith("content/news/bad-date.md:3: date:") and "2013-05-08" in e for e in errors)
    assert any(e.startswith("content/news/no-front-matter.md:1:") for e in errors)


def test_cover_image_is_shown_and_a_missing_one_fails(site, build_errors):
    from mkdocs.exceptions import Abort

    (site.root / "content" / "news" / "images").mkdir(parents=True)
    (site.root / "content" / "news" / "images" / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    site.write("news/a.md", "---\n标题: 有封面\n日期: 2013-05-08\n封面: images/cover.png\n---\n正文\n")
    built = site.build()
    img = built.page("news/2013/05/a/").select_one(".hp-cover img")
    assert img["src"] == "../../../images/cover.png" and img["alt"] == "有封面"
    site.write("news/b.md", "---\n标题: 封面丢了\n日期: 2013-05-09\n封面: images/nope.png\n---\n正文\n")
    with pytest.raises(Abort):
        site.build()
    assert any(e.startswith("content/news/b.md:4: 封面:") and "images/nope.png" in e for e in build_errors())


def test_no_page_has_autocomplete_on_a_checkbox_the_404_page_included(example_site):
    """material's base template puts `autocomplete` on its two checkboxes, which HTML does not allow."""
    pages = example_site.all_pages()
    assert example_site.site_dir / "404.html" in pages
    wrong = [p.name for p in pages if re.search(r'<input[^>]*type="checkbox"[^>]*autocomplete', p.read_text(encoding="utf-8"))]
    assert not wrong, f"autocomplete on a checkbox in {wrong[:5]}"
