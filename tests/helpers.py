"""Plain helpers of the tests: article text, a bureau project in a folder, its built pages.

Imported by name (`from helpers import article`); what a test needs set up for it (a project in its
temporary folder, the command line, the built example site) is a fixture in conftest.py.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml
from bs4 import BeautifulSoup

BASE_CONFIG = {
    "site_name": "测试卫生局",
    "site_url": "https://health.example.gov.cn/",
    "docs_dir": "content",
    "theme": {"name": "material", "language": "zh-CN", "font": False},
    "plugins": [{"healthpress": {"page_size": 20, "search_index": False}}],
    "extra": {"bureau": {"sponsor": "测试市卫生局", "address": "人民路 1 号", "phone": "0763-1234567",
                         "org_code": "12441800-0", "site_code": "4418000001", "icp": "粤ICP备12345678号",
                         "police_record": "粤公网安备 44180202000123号", "gov_site_badge": "assets/dzjg.svg"}},
}


EXAMPLE_DAY = "1796616000"
"""2026-12-07 12:00 in Beijing (SOURCE_DATE_EPOCH): the day the example site is built and checked on in the
tests, so that what it shows (a year's reports completed or not, a survey open or closed) never depends on
the real calendar."""

def article(title: str, date: str, body: str = "正文第一段。", **fields) -> str:
    """The text of an article file with the given front matter (English keys unless given)."""
    meta = {"title": title, "date": date, **fields}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"


def texts(soup: BeautifulSoup, selector: str) -> list[str]:
    """The text of every element `selector` matches, with its white space squeezed."""
    return [" ".join(node.get_text(" ", strip=True).split()) for node in soup.select(selector)]


@dataclass
class SiteFolder:
    """A bureau project in a temporary folder: write files, build, read pages."""

    root: Path
    config: dict = field(default_factory=lambda: yaml.safe_load(yaml.safe_dump(BASE_CONFIG)))

    def column(self, column_id: str, title: str, **fields) -> None:
        (self.root / "columns").mkdir(exist_ok=True)
        (self.root / "columns" / f"{column_id}.yml").write_text(
            yaml.safe_dump({"title": title, **fields}, allow_unicode=True), encoding="utf-8")

    def write(self, src_uri: str, text: str) -> Path:
        path = self.root / "content" / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def write_project(self) -> Path:
        """mkdocs.yml, the content folder and the footer's badge image; returns mkdocs.yml."""
        (self.root / "content").mkdir(exist_ok=True)
        badge = self.config.get("extra", {}).get("bureau", {}).get("gov_site_badge")
        if badge:
            (self.root / "content" / badge).parent.mkdir(parents=True, exist_ok=True)
            badge_file = self.root / "content" / badge
            if not badge_file.is_file():  # rewritten, its new date would make the page cache start over
                badge_file.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
        config_file = self.root / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(self.config, allow_unicode=True), encoding="utf-8")
        return config_file

    def build(self) -> "BuiltSite":
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        build(load_config(str(self.write_project())))
        return BuiltSite(self.root / "site")


@dataclass
class BuiltSite:
    """The output folder, read the way a browser would: by URL, parsed as HTML."""

    site_dir: Path

    def path(self, url: str) -> Path:
        return self.site_dir / url.strip("/") / "index.html" if not url.endswith(".xml") else self.site_dir / url

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()

    def page(self, url: str) -> BeautifulSoup:
        path = self.path(url)
        assert path.is_file(), f"no page at /{url.strip('/')}/"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def all_pages(self) -> list[Path]:
        return sorted(self.site_dir.rglob("*.html"))


NOT_PROSE = re.compile(r"https?://\S+"                      # addresses
                       r"|(?<![\w-])--?[A-Za-z][\w-]*"     # option names: --strict, -f
                       r"|[\w.~-]*\w[/.]\w[\w./~-]*/?"     # paths and file names: content/a.md, mkdocs.yml
                       r"|\b\w+/"                           # folders: site/
                       r"|\b[a-z]+(?:_[a-z]+)+\b"             # settings as written: allow_empty_body
                       r"|(?<!\w)\.\w+|</?\w+>")             # file name endings (.md), HTML tags (<img>)
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
COMMAND_WORDS = ("healthpress", "build", "check", "serve", "new", "stats", "fix-encoding", "report", "wechat", "website",
                 "disclosure", "text", "json", "JSON", "CSV", "Excel", "WPS", "CI", "GBK", "GB18030", "UTF-8", "UTF-16", "Ctrl", "Markdown", "HTML")
"""Words the command may print to an editor: its own name and commands, the names of formats and programs."""
FIELD_WORDS = ("title", "date", "author", "unit", "tags", "status", "draft", "published", "issue", "alt",
               "true", "false")
"""Names an editor writes as they are: front-matter fields and values, an image's alt, a setting of mkdocs.yml."""


def english_words(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """The English words an editor would have to read in `text`: what is left once addresses, option
    names (--strict), paths and file names (content/a.md, mkdocs.yml), COMMAND_WORDS and the `allowed`
    words (column ids, a unit's name...) are taken out."""
    text = NOT_PROSE.sub(" ", text)
    for word in sorted({*COMMAND_WORDS, *FIELD_WORDS, *allowed}, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", " ", text)
    return ENGLISH_WORD.findall(text)
