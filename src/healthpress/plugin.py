"""The MkDocs plugin: event handlers only, each a few lines calling the domain modules."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler
from markupsafe import escape
from pymdownx.slugs import slugify

from . import atomic, jinja_filters
from .columns import load_columns
from .context import TemplateContext, build_article_view, last_modified
from .findings import Finding, Level, sort_findings
from .project import build_model, display_dir
from .site import HOME_PAGE, SiteModel
from .links import broken_link_finding, collect_links, find_broken_links, site_paths
from .sanitize import sanitize_html
from .summary import summarize_html

log = get_plugin_logger(__name__)

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STYLESHEET = "assets/healthpress/healthpress.css"
"""Copied from TEMPLATES_DIR like any theme's static file."""


class HealthpressConfig(base.Config):
    columns_dir = c.Type(str, default="columns")
    page_size = c.Type(int, default=20)
    max_file_kb = c.Type(int, default=1024)
    max_line_chars = c.Type(int, default=20_000)
    max_depth = c.Type(int, default=20)
    max_inline_marks = c.Type(int, default=256)
    iframe_hosts = c.ListOfItems(c.Type(str), default=[])


class HealthpressPlugin(BasePlugin[HealthpressConfig]):
    """Articles, columns, listings and the dated archive of a bureau site."""

    supports_multiple_instances = False
    command: str | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project_dir = Path(config.config_file_path or ".").resolve().parent
        self.docs_display = display_dir(config)
        self.model: SiteModel | None = None
        self.summaries: dict[str, str] = {}
        self._listings: dict = {}
        self.page_links: list = []
        self.cover_urls: dict[str, str] = {}
        toc = config.mdx_configs.setdefault("toc", {})
        toc.setdefault("slugify", slugify(case="lower"))  # anchors in Chinese: [见上文](#活动宗旨)
        for check in ("not_found", "anchors", "unrecognized_links"):
            setattr(config.validation.links, check, logging.INFO)  # healthpress reports these itself
        if not config.use_directory_urls:
            raise PluginError("healthpress 需要目录式网址：请在 mkdocs.yml 里删除 use_directory_urls: false")
        self.columns, self.column_findings = load_columns(self.project_dir / self.config.columns_dir,
                                                          self.config.columns_dir)
        _report(self.column_findings)
        custom_dir = config.theme.custom_dir
        config.theme.dirs.insert(1 if custom_dir else 0, str(TEMPLATES_DIR))
        config.extra_css.insert(0, STYLESHEET)
        if config.nav is None:
            config.nav = _site_nav(self.columns)
        self.published_dir = None
        if self.command != "serve":
            self.published_dir = Path(config.site_dir)
            config.site_dir = str(atomic.staging_dir_for(self.published_dir))
            atomic.discard(Path(config.site_dir))
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.model = build_model(config, self.config, self.columns, self.column_findings, files,
                                 preview=self.command == "serve")
        _report(self.model.findings)
        self._listings = {listing.src_uri: listing for listing in self.model.listings}
        for article in self.model.withheld:
            files.get_file_from_path(article.src_uri).inclusion = InclusionLevel.EXCLUDED
        for article in self.model.catalog.articles:
            _move_article(files, article.src_uri, article.dest_uri)
        self.cover_urls = {a.src_uri: files.get_file_from_path(a.cover_uri).url if a.cover_uri else a.cover
                           for a in self.model.catalog.articles if a.cover}
        nav_uris = {item for entry in config.nav for item in _nav_targets(entry)}
        for listing in self.model.listings:
            if listing.src_uri == HOME_PAGE and files.get_file_from_path(HOME_PAGE):
                continue
            inclusion = InclusionLevel.INCLUDED if listing.src_uri in nav_uris else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, listing.src_uri, content="", inclusion=inclusion))
        return files

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.published_dir and not (config.strict and _warnings_counted()):
            atomic.publish(Path(config.site_dir), self.published_dir)
            config.site_dir = str(self.published_dir)

    def on_build_error(self, error: Exception) -> None:
        if self.published_dir:
            atomic.discard(atomic.staging_dir_for(self.published_dir))

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        src_uri = page.file.src_uri
        article = self.model.catalog.by_src.get(src_uri)
        listing = self._listings.get(src_uri)
        page.update_date = last_modified(article, listing, self.model.catalog)
        if article:
            page.meta = {"title": escape(article.title), "template": "healthpress/article.html", "hide": ["navigation"]}
            return article.body
        if listing:
            page.meta = {"title": escape(listing.title), "template": listing.template, "hide": ["navigation", "toc"]}
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by is None:
            html = sanitize_html(html, iframe_hosts=frozenset(self.config.iframe_hosts))
            self.page_links.append(collect_links(page.file.src_uri, page.url, html))
        article = self.model.catalog.by_src.get(page.file.src_uri)
        if article and not article.summary:
            self.summaries[article.src_uri] = summarize_html(html)
        return html

    def on_env(self, env, config: MkDocsConfig, files: Files):
        jinja_filters.install(env)
        self._check_links(files)
        return env

    def _check_links(self, files: Files) -> None:
        """Every internal link, image and #anchor of the editors' pages must lead somewhere."""
        visible = InclusionLevel.is_in_serve if self.command == "serve" else InclusionLevel.is_included
        known = site_paths([f.url for f in files if visible(f.inclusion)])
        findings = []
        for page, target, reason in find_broken_links(self.page_links, known):
            article = self.model.catalog.by_src.get(page.src_uri)
            body, first = (article.body, article.body_line) if article else ("", 1)
            shown = self.model.paths.get(page.src_uri) or f"{self.docs_display}/{page.src_uri}"
            findings.append(broken_link_finding(shown, body, first, target, reason))
        _report(findings)

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        src_uri = page.file.src_uri
        article = self.model.catalog.by_src.get(src_uri)
        view = build_article_view(self.model, article) if article else self._listings.get(src_uri)
        context["hp"] = TemplateContext(self.model, self.summaries, self.cover_urls, view)
        return context



def _report(findings: list[Finding]) -> None:
    """Log every finding; raise after all of them if any is an error."""
    for finding in sort_findings(findings):
        (log.error if finding.level is Level.ERROR else log.warning)(finding.render())
    count = sum(1 for f in findings if f.level is Level.ERROR)
    if count:
        raise PluginError(f"发现 {count} 个错误（见上），网站没有生成；原来的网站保持不变。改正后重新生成。")


def _warnings_counted() -> bool:
    """True when MkDocs' strict-mode counter saw a warning: the build is about to abort."""
    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)


def _move_article(files: Files, src_uri: str, dest_uri: str) -> None:
    """Publish an article at its dated URL and keep it out of the nav."""
    old = files.get_file_from_path(src_uri)
    files.remove(old)
    files.append(File(old.src_path, old.src_dir, old.dest_dir, old.use_directory_urls,
                      dest_uri=dest_uri, inclusion=InclusionLevel.NOT_IN_NAV))


def _site_nav(columns) -> list:
    """The nav holds the home page, the columns and the archive, never the articles."""
    return ([{"首页": "index.md"}] + [{col.title: f"{col.id}/index.md"} for col in columns.values()]
            + [{"归档": "archive/index.md"}])


def _nav_targets(entry) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, dict):
        return [t for value in entry.values() for t in _nav_targets(value)]
    if isinstance(entry, list):
        return [t for value in entry for t in _nav_targets(value)]
    return []
