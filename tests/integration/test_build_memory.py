"""What a big build keeps in memory while its pages render: no article's body (moved out once the site is
modelled, storage/spill.py) and no rendered page's Markdown or HTML (engine/pagerender.py); the site it
writes, and every finding it reports, are exactly those of a build that keeps them."""

from __future__ import annotations

import shutil
from pathlib import Path

from healthpress.build import sitepages
from healthpress.build.pipeline import Build
from healthpress.model.findings import Finding

from helpers import SiteFolder, article

BODY = "第一段。\n\n## 小标题\n\n<p>第二段<span style=\"color: red\">红字</span>。</p>\n\n第三段\u200b结束。"
"""What the sanitizer removes (a warning found after the pages render, on its line of the body, read back
then) and a hidden character (found when the file is read)."""


def tree(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}


def _project(site: SiteFolder) -> SiteFolder:
    for n in range(6):
        site.write(f"news/a{n}.md", article(f"文章{n}", f"2015-03-0{n + 1}", f"第 {n} 篇。\n\n" + BODY, tags=["防疫"]))
    site.write("health-weekly/w1.md", article("周刊第一期", "2015-04-01", "周刊正文。", issue=1))
    site.write("news/later.md", article("定时发布", "2099-01-01", "以后才发布的正文。"))
    return site


def _build(site: SiteFolder, monkeypatch) -> tuple[dict[str, bytes], list[Finding], list[type]]:
    """The site built in this process: its files, the findings it reported, and the type each article's body
    had when the pages began to render."""
    reported: list[Finding] = []
    bodies: list[type] = []
    report, render = Build._report, Build.render

    def keep_report(self, findings):
        reported.extend(findings)
        return report(self, findings)

    def note_bodies(self, env, config, files):
        bodies.extend(type(a.body) for a in (*self.model.catalog.articles, *self.model.withheld))
        return render(self, env, config, files)

    monkeypatch.setattr(Build, "_report", keep_report)
    monkeypatch.setattr(Build, "render", note_bodies)
    site.config["plugins"][0]["healthpress"]["cache"] = False
    built = site.build()
    monkeypatch.undo()
    return tree(built.site_dir), reported, bodies


def test_the_pages_render_from_bodies_kept_out_of_memory(site, monkeypatch, tmp_path):
    files, findings, bodies = _build(_project(site), monkeypatch)
    assert len(bodies) == 8 and str not in bodies, "no article holds its body while the pages render"
    assert "第 3 篇。" in (site.root / "site" / "news" / "2015" / "03" / "a3" / "index.html").read_text("utf-8")
    lines = {(f.path, f.code, f.line) for f in findings if f.path.startswith("content/news/a")}
    assert {("content/news/a2.md", "removed-style", 14), ("content/news/a2.md", "hidden-character", 16)} <= lines, lines

    kept = SiteFolder(tmp_path / "kept", config=site.config)
    shutil.copytree(site.root, kept.root, ignore=shutil.ignore_patterns(".cache", "site", ".site.*"))
    monkeypatch.setattr(Build, "_spill_bodies", lambda self: None)
    files_kept, findings_kept, bodies_kept = _build(kept, monkeypatch)
    assert str in bodies_kept
    assert files_kept == files, "byte for byte the site of a build that keeps the bodies"
    assert findings_kept == findings


def test_a_rendered_page_keeps_no_markdown_or_html(site, monkeypatch):
    rendered = []
    render_page = sitepages.render_page

    def keep(setup, page):
        rendered.append(page)
        return render_page(setup, page)

    monkeypatch.setattr(sitepages, "render_page", keep)
    _project(site)
    site.config["plugins"][0]["healthpress"]["cache"] = False
    built = site.build()
    assert len(rendered) > 8 and "第 3 篇。" in built.page("news/2015/03/a3/").get_text()
    assert all(page.markdown is None and page.content is None for page in rendered)
    assert all(page.file.page is page for page in rendered), "each stays on its file, for MkDocs' anchor check"
