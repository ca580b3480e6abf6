"""The print edition: every issue of the weekly as an A4 PDF (WeasyPrint), linked from the issue's page,
the same bytes from every clean build, and made again only when its issue changed."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdf

from helpers import EXAMPLE_DAY, SiteFolder, article


def pdf_text(path: Path) -> str:
    """The PDF's text as a reader copies it, white space left out (a long title wraps)."""
    reader = pypdf.PdfReader(path)
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def edition_of(site_dir: Path, issue_page: Path) -> tuple[Path, str]:
    """(the PDF the issue page links to, the link's text)."""
    html = issue_page.read_text(encoding="utf-8")
    link = re.search(r'<p class="hp-print-edition"><a href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert link, f"{issue_page} does not link to its print edition"
    return (issue_page.parent / link[1]).resolve(), link[2]


def weekly(site: SiteFolder, *issues: int) -> None:
    for number in issues:
        site.write(f"health-weekly/issue-{number}.md", article(
            f"第{number}期的文章：夏季防暑", f"2024-06-{number:02d}", f"本期第{number}期的正文，讲防暑降温。", issue=number))


def test_every_example_issue_has_a_pdf_with_its_number_and_titles(example_site):
    issue_pages = sorted((example_site.site_dir / "health-weekly" / "issues").glob("*/index.html"))
    assert len(issue_pages) == 8
    for page in issue_pages:
        number = int(page.parent.name)
        pdf, link_text = edition_of(example_site.site_dir, page)
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF-")
        assert re.fullmatch(r"下载本期打印版（PDF，\d+ KB）", link_text), link_text
        assert f"{round(pdf.stat().st_size / 1024)} KB" in link_text
        text = pdf_text(pdf)
        assert f"第{number}期" in text
        titles = re.findall(r'class="hp-list__title" href="[^"]*">([^<]+)</a>', page.read_text(encoding="utf-8"))
        assert titles
        for title in titles:
            assert re.sub(r"\s+", "", title.replace("&#34;", '"').replace("&#39;", "'")) in text, (number, title)
        first = pypdf.PdfReader(pdf).pages[0].mediabox
        assert (round(float(first.width)), round(float(first.height))) == (595, 842)  # A4 in points
    index = (example_site.site_dir / "health-weekly" / "issues" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<a class="hp-print-edition" href="(\d+)/health-weekly-\1\.pdf"', index)
    assert sorted(map(int, listed)) == list(range(1, 9))  # the list of issues links to every PDF too


def test_the_contents_rules_are_lines_not_thousands_of_dots(example_site):
    """The contents list's rule under each title is one stroked line: a dotted border is drawn dot by dot
    (two thousand curves on the first page, a seventh of each PDF's CPU time and 30 KB of each file)."""
    for pdf in sorted((example_site.site_dir / "health-weekly" / "issues").glob("*/*.pdf")):
        reader = pypdf.PdfReader(pdf)
        operators = [op for _, op in pypdf.generic.ContentStream(reader.pages[0].get_contents(), reader).operations]
        assert operators.count(b"c") == 0, pdf.name  # a dot is four curves; a line none


def test_another_clean_build_in_another_process_writes_the_same_bytes(example_site, example_copy):
    built = subprocess.run([sys.executable, "-m", "healthpress.cli", "build"], cwd=example_copy, capture_output=True,
                           text=True, timeout=300, env={**os.environ, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": EXAMPLE_DAY})
    assert built.returncode == 0, built.stderr
    ours = sorted((example_site.site_dir / "health-weekly" / "issues").glob("*/*.pdf"))
    theirs = sorted((example_copy / "site" / "health-weekly" / "issues").glob("*/*.pdf"))
    assert [p.name for p in ours] == [p.name for p in theirs] and len(ours) == 8
    for one, other in zip(ours, theirs):
        assert one.read_bytes() == other.read_bytes(), one.name


def test_a_second_build_reuses_every_pdf_and_a_changed_article_remakes_only_its_issue(site: SiteFolder, caplog):
    weekly(site, 1, 2, 3)
    caplog.set_level(logging.INFO)
    built = site.build()
    pdfs = {n: built.site_dir / f"health-weekly/issues/{n}/health-weekly-{n}.pdf" for n in (1, 2, 3)}
    first = {n: os.stat(path).st_ino for n, path in pdfs.items()}
    caplog.clear()
    site.build()
    assert {n: os.stat(path).st_ino for n, path in pdfs.items()} == first
    assert "打印版：3 期，新生成 0 期，沿用 3 期" in caplog.text
    site.write("health-weekly/issue-2.md", article("第2期的文章：夏季防暑", "2024-06-02", "改过的正文：多喝水，避开正午。", issue=2))
    caplog.clear()
    site.build()
    assert "打印版：3 期，新生成 1 期，沿用 2 期" in caplog.text
    now = {n: os.stat(path).st_ino for n, path in pdfs.items()}
    assert now[1] == first[1] and now[3] == first[3] and now[2] != first[2]
    assert "改过的正文" in pdf_text(pdfs[2])


def test_each_pdf_s_layout_is_freed_as_soon_as_it_is_made(site: SiteFolder):
    """WeasyPrint leaves a document's boxes in reference cycles, which a process holding a large site
    seldom collects: a worker grew to 724 MiB over a 10,000-article build. Three issues are made in this
    process (too few to fork): none of their boxes outlives the build, and the collector is left as it was."""
    import gc

    from weasyprint.formatting_structure.boxes import Box
    weekly(site, 1, 2, 3)
    built = site.build()
    assert len(list(built.site_dir.rglob("*.pdf"))) == 3
    assert gc.get_freeze_count() == 0
    assert not [o for o in gc.get_objects() if isinstance(o, Box)]


def test_an_image_the_pdf_cannot_use_is_a_chinese_warning_and_no_pdf(site: SiteFolder, caplog):
    weekly(site, 1)
    site.write("health-weekly/issue-2.md", article("第2期：图片读不出", "2024-06-02", "![体检现场](images/bad.png)", issue=2))
    (site.root / "content/health-weekly/images").mkdir(parents=True)
    (site.root / "content/health-weekly/images/bad.png").write_bytes(_png_header_only(40, 30))
    caplog.set_level(logging.INFO)
    built = site.build()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and "打印版" in r.getMessage()]
    assert len(warnings) == 1 and "健康周刊第2期的打印版（PDF）没有生成" in warnings[0], warnings
    assert "图片 https://health.example.gov.cn/health-weekly/images/bad.png 读不出来" in warnings[0]
    said = [r.getMessage() for r in caplog.records if not r.name.startswith("weasyprint")]  # what the editor reads
    assert not [line for line in said if "Traceback" in line or "Failed to load" in line]
    folder = built.site_dir / "health-weekly/issues/2"
    assert sorted(p.name for p in folder.iterdir()) == ["index.html"]  # no PDF, whole or half
    assert "hp-print-edition" not in (folder / "index.html").read_text(encoding="utf-8")
    assert (built.site_dir / "health-weekly/issues/1/health-weekly-1.pdf").is_file()


def test_print_edition_false_makes_no_pdf_and_no_link(site: SiteFolder):
    weekly(site, 1)
    assert list(site.build().site_dir.rglob("*.pdf"))  # on by default
    site.config["plugins"][0]["healthpress"]["print_edition"] = False
    built = site.build()
    assert not list(built.site_dir.rglob("*.pdf"))
    assert "hp-print-edition" not in (built.site_dir / "health-weekly/issues/1/index.html").read_text(encoding="utf-8")


def test_a_system_without_what_weasyprint_needs_is_one_warning_and_no_pdf(site: SiteFolder, caplog, monkeypatch):
    from healthpress.build import printeditions
    monkeypatch.setattr(printeditions, "missing_requirement", lambda: "系统里没有中文字体，PDF 里的汉字会显示不出来")
    weekly(site, 1, 2)
    site.write("health-weekly/extra.md", article("第1期另一篇", "2024-06-01", "这一期的新内容，缓存里没有。", issue=1))
    built = site.build()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "print_edition" in warnings[0] and "系统里没有中文字体" in warnings[0], warnings
    assert "期的打印版（PDF）没有生成" in warnings[0] and "fonts-noto-cjk" in warnings[0]
    assert not (built.site_dir / "health-weekly/issues/1/health-weekly-1.pdf").exists()


def test_a_theme_whose_article_page_has_no_body_element_still_prints_the_bodies(site: SiteFolder):
    site.config["theme"]["custom_dir"] = "theme"
    (site.root / "theme" / "healthpress").mkdir(parents=True)
    (site.root / "theme" / "healthpress" / "article.html").write_text(
        '{% extends "healthpress/page.html" %}\n{% block content %}<h1>{{ page.title }}</h1>'
        '<section class="bureau-body">{{ page.content }}</section>{% endblock %}\n', encoding="utf-8")
    site.write("health-weekly/one.md", article("本局自己的文章模板", "2024-06-01", "换了模板的正文：勤洗手、戴口罩。", issue=1))
    built = site.build()
    assert "换了模板的正文：勤洗手、戴口罩。" in pdf_text(built.site_dir / "health-weekly/issues/1/health-weekly-1.pdf")


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header says its size (the site reads it) but that holds no image (WeasyPrint cannot)."""
    import struct
    import zlib
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def _fontconfig_with_one_font(folder: Path, font: Path, monkeypatch) -> Path:
    """A fontconfig setup (FONTCONFIG_FILE) whose only font is `folder/cjk.ttc`, a link to `font`."""
    (folder / "fonts").mkdir(parents=True, exist_ok=True)
    (folder / "fonts" / "cjk.ttc").symlink_to(font)
    conf = folder / "fonts.conf"
    conf.write_text(f"<?xml version=\"1.0\"?><fontconfig><dir>{folder / 'fonts'}</dir>"
                    f"<cachedir>{folder / 'cache'}</cachedir></fontconfig>", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    return folder / "fonts" / "cjk.ttc"


def _system_font(family: str) -> Path:
    return Path(subprocess.run(["fc-match", "--format=%{file}", family], capture_output=True, text=True,
                               env={k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}).stdout)


def test_a_change_of_the_system_fonts_remakes_the_pdfs(site: SiteFolder, caplog, monkeypatch, tmp_path):
    """The cache key holds the font files fontconfig sets the print template in: a cached PDF set in the
    old fonts is not reused after they change (before, the cache had to be deleted by hand)."""
    serif, sans = _system_font("Noto Serif CJK SC"), _system_font("Noto Sans CJK SC")
    assert serif.is_file() and sans.is_file() and serif != sans
    link = _fontconfig_with_one_font(tmp_path / "fontconfig", serif, monkeypatch)
    weekly(site, 1, 2)
    caplog.set_level(logging.INFO)
    site.build()
    caplog.clear()
    site.build()
    assert "打印版：2 期，新生成 0 期，沿用 2 期" in caplog.text  # the same fonts: reused
    link.unlink()
    link.symlink_to(sans)  # the font the template's families resolve to is now another file
    caplog.clear()
    site.build()
    assert "打印版：2 期，新生成 2 期，沿用 0 期" in caplog.text


def test_a_cover_written_from_the_sites_root_is_on_the_page_and_in_the_pdf_under_a_site_url_with_a_path(site):
    """cover: /images/cover.png is the site's images/cover.png, as every address an editor writes from the
    root (hp_site_address): not the server's root, not a missing cover (before, the build failed on it)."""
    import io

    from PIL import Image

    site.config["site_url"] = "https://www.example.gov.cn/weijian/"
    image = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(image, "PNG")
    (site.root / "content" / "images").mkdir(parents=True)
    (site.root / "content" / "images" / "cover.png").write_bytes(image.getvalue())
    site.write("health-weekly/one.md", article("有封面的一期", "2024-06-01", "本期正文。", issue=1, cover="/images/cover.png"))
    built = site.build()
    assert built.page("health-weekly/2024/06/one/").select_one(".hp-cover img")["src"] == "../../../../images/cover.png"
    pdf = pypdf.PdfReader(built.site_dir / "health-weekly/issues/1/health-weekly-1.pdf")
    assert len(pdf.pages[0].images) == 1 and pdf.pages[0].images[0].image.size == (40, 30)


def glyphs_of(pdf: Path, character: str) -> dict[str, int]:
    """{font's name: the glyph id it draws `character` with} for every font of the PDF's first page that
    draws it (read from the font's ToUnicode map; glyph 0 would be the empty box .notdef)."""
    target = character.encode("utf-16-be").hex()
    found = {}
    for font in pypdf.PdfReader(pdf).pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        cmap = font["/ToUnicode"].get_object().get_data().decode("ascii")
        for glyph, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", cmap):
            if text.lower() == target:
                found[str(font["/BaseFont"]).split("+", 1)[1]] = int(glyph, 16)
    return found


def test_the_text_is_set_in_the_cut_faces_and_a_rare_character_in_the_system_face(site: SiteFolder):
    """The common characters come from the build's cut copy of Noto Serif CJK SC (GB 2312 and the
    template's characters: a PDF half the size, cheaper to make); 䶮 and 𠀾, outside that set, are still
    in the PDF's text and drawn, from the system's face."""
    site.write("health-weekly/issue-1.md", article("南汉刘䶮的故事", "2024-06-01", "刘䶮与𠀾两个字，本期正文讲防暑。", issue=1))
    built = site.build()
    pdf = built.site_dir / "health-weekly/issues/1/health-weekly-1.pdf"
    assert "刘䶮与𠀾两个字" in pdf_text(pdf)
    assert glyphs_of(pdf, "防").keys() == {"Healthpress-Print-Serif"}
    assert glyphs_of(pdf, "故").keys() == {"Healthpress-Print-Serif", "Healthpress-Print-Serif-Bold"}  # title, contents
    for rare, fonts in (("䶮", {"Noto-Serif-CJK-SC", "Noto-Serif-CJK-SC-Bold"}), ("𠀾", {"Noto-Serif-CJK-SC"})):
        drawn = glyphs_of(pdf, rare)
        assert drawn.keys() == fonts and 0 not in drawn.values(), (rare, drawn)


def test_a_damaged_cut_face_in_the_cache_is_cut_again_never_used(site: SiteFolder, caplog):
    """The cut faces are kept in the build's cache and checked before each use: one changed on disk is cut
    again (the same bytes as before), and the PDFs keep their keys."""
    weekly(site, 1)
    caplog.set_level(logging.INFO)
    built = site.build()
    faces = sorted((site.root / ".cache" / "healthpress" / "build" / "print-fonts").glob("*.otf"))
    assert len(faces) == 2  # the regular and the bold face
    first = {face: face.read_bytes() for face in faces}
    with open(faces[0], "r+b") as damaged:
        damaged.seek(len(first[faces[0]]) // 2)
        damaged.write(b"\0" * 4096)
    caplog.clear()
    site.build()
    assert "精简字体" in caplog.text and "重新截取" in caplog.text
    assert {face: face.read_bytes() for face in faces} == first
    assert "打印版：1 期，新生成 0 期，沿用 1 期" in caplog.text
    assert "第1期的文章" in pdf_text(built.site_dir / "health-weekly/issues/1/health-weekly-1.pdf")


def test_without_uharfbuzz_the_pdfs_are_set_in_the_system_faces(site: SiteFolder, monkeypatch):
    """Nothing cut (uharfbuzz missing): no error, the text set in the system's faces as before."""
    monkeypatch.setattr("healthpress.build.printfontcache.cutter_version", lambda: None)
    weekly(site, 1)
    built = site.build()
    pdf = built.site_dir / "health-weekly/issues/1/health-weekly-1.pdf"
    assert "第1期的文章" in pdf_text(pdf)
    assert glyphs_of(pdf, "防").keys() == {"Noto-Serif-CJK-SC", "Noto-Serif-CJK-SC-Bold"}  # body, title
    assert not list((site.root / ".cache").rglob("*.otf"))


def test_a_build_without_a_cache_sets_the_same_pdf_in_the_cut_faces_and_leaves_no_folder(site: SiteFolder, monkeypatch,
                                                                                         tmp_path):
    """`cache: false` changes no byte of the site: its PDFs are cut in a folder of the build's own (removed
    afterwards), the same bytes as a cached build's."""
    weekly(site, 1)
    pdf = "health-weekly/issues/1/health-weekly-1.pdf"
    cached = (site.build().site_dir / pdf).read_bytes()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    site.config["plugins"][0]["healthpress"].update(cache=False)
    uncached = site.build().site_dir / pdf
    assert uncached.read_bytes() == cached
    assert glyphs_of(uncached, "防").keys() == {"Healthpress-Print-Serif", "Healthpress-Print-Serif-Bold"}  # body, title
    assert list(scratch.iterdir()) == []
