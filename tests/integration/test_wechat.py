"""`healthpress wechat ARTICLE`: an article for the bureau's WeChat official account (fragment, cover, summary)."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from helpers import article

EXAMPLE = "content/health-education/liugan-yimiao-jiezhong-2026.md"
EXAMPLE_URL = "https://www.example.gov.cn/health-education/2026/11/liugan-yimiao-jiezhong-2026/"
IMAGES = ("liugan-yimiao-renqun.png", "liugan-yimiao-liucheng.png")
PARAGRAPH = ("流感是由流感病毒引起的急性呼吸道传染病，每年秋冬季是流行高峰。接种流感疫苗是预防流感最经济、最有效的手段。"
             "目前全市各预防接种门诊已开始接种本年度流感疫苗，市民可就近预约。下面把优先接种的人群、接种时间和注意事项整理如下，供市民参考。")


def wechat(project: Path, *args: str):
    import os
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "healthpress.cli", "wechat", *args], cwd=project, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})


def fragment_of(folder: Path) -> BeautifulSoup:
    return BeautifulSoup((folder / "fragment.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def images_site(site, repo_root):
    """The `site` project with the example's two images in content/news/images/."""
    for name in IMAGES:
        target = site.root / "content" / "news" / "images" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(repo_root / "content" / "health-education" / "images" / name, target)
    return site


def test_the_example_article_with_a_table_and_two_images_pastes_with_inline_styles_and_absolute_addresses(example_copy):
    done = wechat(example_copy, EXAMPLE)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    folder = example_copy / "wechat" / "liugan-yimiao-jiezhong-2026"
    text = (folder / "fragment.html").read_text(encoding="utf-8")
    fragment = fragment_of(folder)
    assert "<script" not in text.lower() and "<style" not in text.lower() and "<html" not in text.lower()
    assert not [tag.name for tag in fragment.find_all(True) if tag.has_attr("class") or tag.has_attr("id")]
    addresses = [tag[name] for tag in fragment.find_all(True) for name in ("href", "src") if tag.has_attr(name)]
    assert addresses and all(a.startswith("https://www.example.gov.cn/") for a in addresses), addresses
    images = [img["src"] for img in fragment.find_all("img")]
    assert images == [f"https://www.example.gov.cn/health-education/images/{name}" for name in IMAGES]
    assert [h.get_text() for h in fragment.find_all("h2")] == ["哪些人要优先接种", "什么时候接种", "接种流程", "温馨提示"]
    assert len(fragment.find_all("li")) == 7 and fragment.find("ol") and fragment.find("ul")
    table = fragment.find("table")
    assert len(table.find_all("th")) == 3 and len(table.find_all("tr")) == 6
    assert "border:1px solid" in table.find("td")["style"]
    assert all(tag.has_attr("style") for tag in fragment.find_all(["p", "h2", "li", "table", "th", "td", "img"]))
    assert all("max-width:100%" in img["style"] and not img.has_attr("width") for img in fragment.find_all("img"))
    summary = (folder / "summary.txt").read_text(encoding="utf-8").strip()
    assert summary == PARAGRAPH and len(summary) <= 120  # the body cut at its last sentence end within 120
    assert (folder / "cover.png").read_bytes() == (example_copy / "content/health-education/images" / IMAGES[0]).read_bytes()
    preview = (folder / "preview.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in preview and text.strip() in preview
    assert EXAMPLE_URL in done.stdout


def test_the_fragment_says_what_the_published_page_says(example_copy, example_site):
    assert wechat(example_copy, EXAMPLE).returncode == 0
    fragment = fragment_of(example_copy / "wechat" / "liugan-yimiao-jiezhong-2026")
    body = example_site.page("health-education/2026/11/liugan-yimiao-jiezhong-2026/").select_one("#hp-article-text")
    assert " ".join(fragment.get_text(" ").split()) == " ".join(body.get_text(" ").split())
    assert [img["src"] for img in fragment.find_all("img")] == [urljoin(EXAMPLE_URL, img["src"]) for img in body.find_all("img")]
    assert all(example_site.site_dir.joinpath(img["src"].removeprefix("https://www.example.gov.cn/")).is_file()
               for img in fragment.find_all("img"))


def test_a_sensitive_article_without_its_approval_is_refused_and_nothing_is_written(site, run_cli):
    site.write("news/mingan.md", article("重大疫情通报", "2013-05-08", "正文。", sensitive=True, status="review"))
    done = run_cli(site, "wechat", "content/news/mingan.md")
    assert done.returncode == 1
    assert "content/news/mingan.md" in done.stderr and "敏感" in done.stderr and "approved_by（审核人）" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (site.root / "wechat").exists()
    site.write("news/mingan.md", article("重大疫情通报", "2013-05-08", "正文。", 敏感=True, 审核人="王局长"))
    done = run_cli(site, "wechat", "content/news/mingan.md")
    assert done.returncode == 1 and "审核日期" in done.stderr and not (site.root / "wechat").exists()


def test_an_approved_sensitive_article_is_exported(images_site, run_cli):
    images_site.write("news/mingan.md", article(
        "重大疫情通报", "2013-05-08", "通报如下。\n\n![通报图](images/liugan-yimiao-liucheng.png)", sensitive=True,
        approved_by="王局长", approved_on="2013-05-08"))
    done = run_cli(images_site, "wechat", "content/news/mingan.md")
    assert done.returncode == 0, done.stderr
    folder = images_site.root / "wechat" / "mingan"
    assert fragment_of(folder).find("img")["src"] == "https://health.example.gov.cn/news/images/liugan-yimiao-liucheng.png"
    assert (folder / "cover.png").is_file()  # no cover written: the body's first image
    assert (folder / "summary.txt").read_text(encoding="utf-8") == "通报如下。\n"


def test_a_path_outside_the_project_is_refused(site, run_cli, tmp_path):
    site.write("news/a.md", article("甲", "2013-05-08"))
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    outside.write_text(article("外面的文章", "2013-05-08"), encoding="utf-8")
    try:
        for given in (str(outside), f"../{outside.name}"):
            done = run_cli(site, "wechat", given)
            assert done.returncode == 1 and "不在这个网站项目" in done.stderr, done.stderr
    finally:
        outside.unlink()
    done = run_cli(site, "wechat", "mkdocs.yml")
    assert done.returncode == 1 and "不是文章" in done.stderr
    done = run_cli(site, "wechat", "content/news/meiyou.md")
    assert done.returncode == 1 and "找不到文章" in done.stderr
    assert not (site.root / "wechat").exists() and "Traceback" not in done.stderr


def test_an_article_with_errors_gives_its_findings_and_writes_nothing(site, run_cli):
    site.write("news/bad.md", "---\ntitle: 坏文章\ndate: 2013-13-45\n---\n\n正文。\n")
    done = run_cli(site, "wechat", "content/news/bad.md")
    assert done.returncode == 1
    assert "content/news/bad.md:3: date:" in done.stderr and "没有导出" in done.stderr
    assert "Traceback" not in done.stderr and not (site.root / "wechat").exists()
    site.write("news/no-cover.md", article("乙", "2013-05-08", cover="images/meiyou.png"))
    done = run_cli(site, "wechat", "content/news/no-cover.md")
    assert done.returncode == 1 and "content/news/no-cover.md:4: cover:" in done.stderr and "meiyou.png" in done.stderr
    site.write("news/no-image.md", article("丙", "2013-05-08", "正文。\n\n![图](images/meiyou.png)"))
    done = run_cli(site, "wechat", "content/news/no-image.md")
    assert done.returncode == 1 and "content/news/no-image.md:8: 图片“images/meiyou.png”" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not (site.root / "wechat").exists()


def test_a_site_without_site_url_is_told_in_chinese(site, run_cli):
    site.config.pop("site_url")
    site.write("news/a.md", article("甲", "2013-05-08"))
    done = run_cli(site, "wechat", "content/news/a.md")
    assert done.returncode == 1 and "site_url" in done.stderr and "网站的地址" in done.stderr
    assert not (site.root / "wechat").exists()


def test_hidden_characters_are_removed_as_on_the_site_and_the_editor_is_told(site, run_cli):
    site.write("news/a.md", article("甲", "2013-05-08", "正文\u200b第一段\u202e。"))
    done = run_cli(site, "wechat", "content/news/a.md", "--output", "out")
    assert done.returncode == 0, done.stderr
    assert "content/news/a.md:6" in done.stderr and "看不见的字符" in done.stderr
    assert fragment_of(site.root / "out").get_text().strip() == "正文第一段。"


def test_without_cover_or_image_the_editor_is_told_and_a_long_summary_is_cut(site, run_cli):
    long = "一二三四五六七八九十" * 13
    site.write("news/a.md", article("甲", "2013-05-08", long + "。"))
    done = run_cli(site, "wechat", "content/news/a.md", "-o", "-")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<p style=") and "没有封面" in done.stderr
    summary = next(line for line in done.stderr.splitlines() if line.startswith("摘要：")).removeprefix("摘要：")
    assert len(summary) == 120 and summary.endswith("…") and summary[:-1] == long[:119]
    assert not (site.root / "wechat").exists()


def test_an_output_folder_in_a_folder_that_does_not_exist_is_refused_before_the_project_is_read(site, run_cli):
    site.write("news/a.md", article("甲", "2013-05-08"))
    done = run_cli(site, "wechat", "content/news/a.md", "--output", "meiyou/gongzhonghao")
    assert done.returncode == 1 and "meiyou" in done.stderr and "不存在" in done.stderr, done.stderr
    assert not (site.root / "meiyou").exists()
    done = run_cli(site, "wechat", "content/news/a.md", "--output", "mkdocs.yml")
    assert done.returncode == 1 and "不是文件夹" in done.stderr
    done = run_cli(site, "wechat", "content/news/a.md", "--output", "gongzhonghao")
    assert done.returncode == 0 and (site.root / "gongzhonghao" / "fragment.html").is_file()


def test_a_link_at_the_name_of_an_export_file_is_neither_replaced_nor_written_through(images_site, run_cli, tmp_path):
    images_site.write("news/a.md", article("甲", "2013-05-08", "正文。\n\n![图](images/liugan-yimiao-liucheng.png)"))
    folder = images_site.root / "wechat" / "a"
    folder.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("别人的文件\n", encoding="utf-8")
    (folder / "cover.png").symlink_to(elsewhere)
    done = run_cli(images_site, "wechat", "content/news/a.md")
    assert done.returncode == 1 and "符号链接" in done.stderr, done.stderr
    assert elsewhere.read_text(encoding="utf-8") == "别人的文件\n" and (folder / "cover.png").is_symlink()
    assert sorted(p.name for p in folder.iterdir()) == ["cover.png"]  # nothing else written either


def test_an_image_linked_from_outside_the_content_folder_is_neither_read_nor_sent(images_site, run_cli, tmp_path):
    secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    secret.write_text("不该发出去的内容\n", encoding="utf-8")
    try:
        (images_site.root / "content" / "news" / "images" / "secret.png").symlink_to(secret)
        for name, text in (("cover", article("甲", "2013-05-08", cover="images/secret.png")),
                           ("body", article("乙", "2013-05-08", "正文。\n\n![图](images/secret.png)"))):
            images_site.write(f"news/{name}.md", text)
            done = run_cli(images_site, "wechat", f"content/news/{name}.md")
            assert done.returncode == 1, done.stdout
            assert "content/news/images/secret.png" in done.stderr and "symlink" in done.stderr, done.stderr
            assert "Traceback" not in done.stderr and not (images_site.root / "wechat").exists()
    finally:
        secret.unlink()


def test_what_the_sanitizer_removed_is_told_as_the_build_tells_it(site, run_cli):
    site.write("news/a.md", article("甲", "2013-05-08", "第一段<script>alert(1)</script>。\n\n"
                                   '<p onclick="steal()">第二段</p>\n\n[点我](javascript:alert(1))'))
    done = run_cli(site, "wechat", "content/news/a.md", "-o", "-")
    assert done.returncode == 0, done.stderr
    assert "script" not in done.stdout and "onclick" not in done.stdout and "javascript" not in done.stdout
    warnings = [line for line in done.stderr.splitlines() if line.startswith("警告：")]
    assert any("content/news/a.md:6:" in w and "<script>" in w for w in warnings), done.stderr
    assert any("content/news/a.md:8:" in w and "onclick" in w for w in warnings), done.stderr
    assert any("content/news/a.md:10:" in w and "javascript:alert(1)" in w for w in warnings), done.stderr


def test_an_output_folder_the_site_publishes_or_replaces_is_refused(site, run_cli):
    site.write("news/a.md", article("甲", "2013-05-08"))
    (site.root / "site").mkdir()
    for given, said in (("content/news/gongzhonghao", "content/"), ("content", "content/"), ("site/gongzhonghao", "site/")):
        done = run_cli(site, "wechat", "content/news/a.md", "--output", given)
        assert done.returncode == 1 and said in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not (site.root / "content" / "news" / "gongzhonghao").exists() and not (site.root / "content" / "fragment.html").exists()
    assert list((site.root / "site").iterdir()) == []


def test_a_folder_of_other_files_is_not_overwritten_and_an_earlier_export_is_renewed(images_site, run_cli):
    images_site.write("news/a.md", article("甲", "2013-05-08", "正文。\n\n![图](images/liugan-yimiao-liucheng.png)"))
    desktop = images_site.root / "desktop"
    desktop.mkdir()
    (desktop / "summary.txt").write_text("我自己的笔记\n", encoding="utf-8")
    (desktop / "cover.jpg").write_bytes(b"my photo")
    done = run_cli(images_site, "wechat", "content/news/a.md", "--output", "desktop")
    assert done.returncode == 1 and "summary.txt" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert sorted(p.name for p in desktop.iterdir()) == ["cover.jpg", "summary.txt"]
    assert (desktop / "summary.txt").read_text(encoding="utf-8") == "我自己的笔记\n"
    assert run_cli(images_site, "wechat", "content/news/a.md", "--output", "out").returncode == 0
    (images_site.root / "out" / "cover.jpg").write_bytes(b"an earlier export's cover")
    done = run_cli(images_site, "wechat", "content/news/a.md", "--output", "out")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (images_site.root / "out").iterdir()) == [
        "cover.png", "fragment.html", "preview.html", "summary.txt"]


def test_the_article_named_as_a_folder_a_windows_path_or_a_link_out_of_the_project_is_answered_as_the_build_would(
        site, run_cli, tmp_path):
    site.write("news/a.md", article("甲", "2013-05-08"))
    done = run_cli(site, "wechat", "content/news")
    assert done.returncode == 1 and "是一个文件夹" in done.stderr and "找不到" not in done.stderr, done.stderr
    done = run_cli(site, "wechat", "content\\news\\a.md", "-o", "-")  # as a colleague on Windows writes it
    assert done.returncode == 0 and done.stdout.startswith("<p style="), done.stderr
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    outside.write_text(article("外面的文章", "2013-05-08"), encoding="utf-8")
    try:
        (site.root / "content" / "news" / "link.md").symlink_to(outside)
        done = run_cli(site, "wechat", "content/news/link.md")
    finally:
        outside.unlink()
    assert done.returncode == 1 and "content/news/link.md" in done.stderr and "symlink" in done.stderr, done.stderr
    assert "不在这个网站项目" not in done.stderr and not (site.root / "wechat").exists()


def test_a_site_published_under_a_subpath_gets_every_image_where_the_build_puts_it(images_site, run_cli):
    images_site.config["site_url"] = "https://www.example.gov.cn/qy"  # no trailing slash either
    images_site.write("news/a.md", article("甲", "2013-05-08", "正文。\n\n![图](images/liugan-yimiao-liucheng.png)\n\n"
                                           '<img src="/news/images/liugan-yimiao-renqun.png" alt="人群">\n\n[上级](/news/)'))
    done = run_cli(images_site, "wechat", "content/news/a.md", "-o", "-")
    assert done.returncode == 0, done.stderr
    fragment = BeautifulSoup(done.stdout, "html.parser")
    built = images_site.build()
    sources = [img["src"] for img in fragment.find_all("img")]
    assert len(sources) == 2 and all(src.startswith("https://www.example.gov.cn/qy/news/images/") for src in sources), sources
    assert all(built.site_dir.joinpath(src.removeprefix("https://www.example.gov.cn/qy/")).is_file() for src in sources)
    assert fragment.find("a", string="上级")["href"] == "https://www.example.gov.cn/qy/news/"


def test_a_sensitive_article_whose_approval_is_dated_after_today_is_not_approved_yet(site, run_cli):
    today = {"SOURCE_DATE_EPOCH": "1796616000"}  # 2026-12-07 12:00 Asia/Shanghai
    for name, date, approved_on in (("later", "2026-11-20", "2026-12-20"), ("scheduled", "2027-01-21", "2027-01-21")):
        site.write(f"news/{name}.md", article("重大疫情通报", date, "正文。", sensitive=True, approved_by="王局长",
                                              approved_on=approved_on))
        done = run_cli(site, "wechat", f"content/news/{name}.md", env=today)
        assert done.returncode == 1, done.stdout
        assert f"content/news/{name}.md:6: approved_on:" in done.stderr and approved_on in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and not (site.root / "wechat").exists()
    site.write("news/today.md", article("重大疫情通报", "2026-11-20", "正文。", sensitive=True, approved_by="王局长",
                                        approved_on="2026-12-07"))
    assert run_cli(site, "wechat", "content/news/today.md", "-o", "-", env=today).returncode == 0


def test_a_body_longer_than_the_account_takes_is_told_and_a_chinese_summary_key_is_named_once(site, run_cli):
    paragraph = "这是一段很长的科普文字，讲述了流感疫苗接种的注意事项。" * 20
    site.write("news/long.md", "---\n标题: 长文\n日期: 2013-05-08\n摘要: " + "甲" * 121 + "\n---\n\n"
               + "\n\n".join([paragraph] * 40) + "\n")
    done = run_cli(site, "wechat", "content/news/long.md", "-o", "-")
    assert done.returncode == 0, done.stderr
    notes = [line for line in done.stderr.splitlines() if line.startswith("注意：")]
    assert any("2 万字" in note and "21,600" in note for note in notes), notes
    assert any(note.startswith("注意：摘要超过 120 字") for note in notes), notes


def test_an_admonition_and_a_details_block_keep_a_box_and_a_bold_title(example_copy):
    (example_copy / "content" / "health-education" / "tixing.md").write_text(
        "---\n标题: 提醒\n日期: 2026-11-21\n---\n\n正文。\n\n!!! warning \"注意\"\n    接种后留观 30 分钟。\n\n"
        "??? note \"常见问题\"\n    可以和新冠疫苗同时接种。\n", encoding="utf-8")
    done = wechat(example_copy, "content/health-education/tixing.md", "-o", "-")
    assert done.returncode == 0, done.stderr
    fragment = BeautifulSoup(done.stdout, "html.parser")
    boxes = fragment.find_all("blockquote")
    assert [box.find("strong").get_text() for box in boxes] == ["注意", "常见问题"], done.stdout
    assert [box.get_text(" ", strip=True) for box in boxes] == ["注意 接种后留观 30 分钟。", "常见问题 可以和新冠疫苗同时接种。"]
    assert all("border-left" in box["style"] for box in boxes) and not fragment.find(["details", "summary"])


def test_links_the_site_itself_reports_broken_refuse_the_export(site, run_cli):
    site.write("news/draft.md", article("草稿", "2013-05-01", status="draft"))
    site.write("news/ok.md", article("已发布", "2013-05-01"))
    site.write("news/a.md", article("甲", "2013-05-08", "## 小标题\n\n[草稿](draft.md) [没有](meiyou.md) [本节](#没有这节)\n\n"
                                   "[已发布](ok.md) [上文](#小标题) [草稿的节](draft.md#x)"))
    done = run_cli(site, "wechat", "content/news/a.md")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stdout
    told = [line.strip() for line in done.stderr.splitlines()[1:]]
    assert [line.split(" ", 1)[0] for line in told] == ["content/news/a.md:8:"] * 3 + ["content/news/a.md:10:"], told
    assert "#没有这节" in done.stderr and "meiyou.md" in done.stderr and not (site.root / "wechat").exists()
    site.write("news/a.md", article("甲", "2013-05-08", "## 小标题\n\n[已发布](ok.md) [上文](#小标题)"))
    assert run_cli(site, "wechat", "content/news/a.md", "-o", "-").returncode == 0


def test_a_cover_that_is_no_image_is_told_and_not_copied(site, run_cli):
    site.write("news/a.md", article("甲", "2013-05-08", cover="b.md"))
    site.write("news/b.md", article("乙", "2013-05-08"))
    done = run_cli(site, "wechat", "content/news/a.md")
    assert done.returncode == 0, done.stderr
    assert "不是图片" in done.stdout and "b.md" in done.stdout, done.stdout
    assert sorted(p.name for p in (site.root / "wechat" / "a").iterdir()) == ["fragment.html", "preview.html", "summary.txt"]


def test_a_wechat_folder_that_leads_into_content_is_refused_too(site, run_cli):
    site.write("news/a.md", article("甲", "2013-05-08"))
    (site.root / "wechat").symlink_to(site.root / "content" / "news")
    done = run_cli(site, "wechat", "content/news/a.md")
    assert done.returncode == 1 and "content/" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert sorted(p.name for p in (site.root / "content" / "news").iterdir()) == ["a.md"]


def test_a_raw_html_image_beside_the_article_is_told_as_the_build_tells_it(images_site, run_cli):
    images_site.write("news/a.md", article("甲", "2013-05-08", '正文。\n\n<img src="images/liugan-yimiao-liucheng.png" alt="图">'))
    done = run_cli(images_site, "wechat", "content/news/a.md")
    assert done.returncode == 1 and "content/news/a.md:8:" in done.stderr, done.stderr
    assert "文件存在，但读者打不开" in done.stderr and "![图片内容的说明](images/liugan-yimiao-liucheng.png)" in done.stderr
