"""The MkDocs plugin: event handlers only, each a few lines calling the domain modules."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import unquote, urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, get_build_timestamp
from markupsafe import escape
from pymdownx.slugs import slugify

from healthpress.build import heap, publish as atomic, staging, templatecache
from healthpress.engine import watcher
from healthpress.render import jinja_filters
from healthpress.storage import resident
from healthpress.build.sitedigest import site_digest
from healthpress.build.keymemo import KeyMemo
from healthpress.build.pagekeys import PageKeys
from healthpress.build.pagecache import PageCache
from healthpress.engine.pagerender import RenderSetup, page_for
from healthpress.build.progress import Progress
from healthpress.build.sitepages import OUTPUT_DIGEST, PageJob, render_site_pages
from healthpress.render.chrome import fix_chrome
from healthpress.bureau.data import load_bureau_data
from healthpress.model.columns import load_columns
from healthpress.render.context import (RenderedFacts, TemplateContext, build_article_view, facts_from_json, facts_to_json,
                      footer_pages, last_modified)
from healthpress.render.feeds import write_feeds
from healthpress.model.findings import Finding, Level, sort_findings
from healthpress.build.project import build_model, display_dir
from healthpress.render.sitemodel import HOME_PAGE, SiteModel
from healthpress.checks.brokenlinks import broken_link_finding, find_broken_links, site_paths
from healthpress.render.pagehtml import missing_alt_finding, process_page_html
from healthpress.search.index import BackgroundIndex, IndexedPage, ShardedIndex, finish_search_index
from healthpress.search.shards import DEFAULT_MAX_SHARD_PAGES
from healthpress.render.sitemap import SitemapEntry, write_sitemap_gz

log = get_plugin_logger(__name__)

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STYLESHEET = "assets/healthpress/healthpress.css"
"""Copied from TEMPLATES_DIR like any theme's static file."""


class HealthpressConfig(base.Config):
    columns_dir = c.Type(str, default="columns")
    data_dir = c.Type(str, default="data")
    page_size = c.Type(int, default=20)
    feed_items = c.Type(int, default=20)
    max_file_kb = c.Type(int, default=1024)
    max_line_chars = c.Type(int, default=20_000)
    max_depth = c.Type(int, default=20)
    max_inline_marks = c.Type(int, default=256)
    iframe_hosts = c.ListOfItems(c.Type(str), default=[])
    search_index = c.Type(bool, default=True)
    search_shard_pages = c.Type(int, default=DEFAULT_MAX_SHARD_PAGES)
    """Most articles in one Pagefind run (its memory grows ~0.6 MiB an article)."""
    compliance = c.Type(dict, default={})
    letters_warn_days = c.Type(int, default=60)
    mailbox_endpoint = c.Optional(c.Type(str))
    external_allowlist = c.ListOfItems(c.Type(str), default=[])
    workers = c.Type(int, default=0)
    """Processes rendering pages: 0 = one per core, 1 = this process only."""
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/healthpress")
    progress = c.Choice(("auto", "always", "never"), default="auto")


class HealthpressPlugin(BasePlugin[HealthpressConfig]):
    """Articles, columns, listings and the dated archive of a bureau site."""

    supports_multiple_instances = False
    command: str | None = None
    published_dir: Path | None = None
    key_memo: KeyMemo | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.key_memo = KeyMemo()  # serve's rebuilds keep their page keys (keymemo.py)
        if command == "serve":
            resident.enable()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        heap.build_started()
        if not config.use_directory_urls:
            raise PluginError("healthpress 需要目录式网址：请在 mkdocs.yml 里删除 use_directory_urls: false")
        if not config.site_url:
            raise PluginError("mkdocs.yml 缺少 site_url（网站的正式地址）：订阅源、站点地图和二维码都要用完整网址。"
                              "请在 mkdocs.yml 写一行 site_url: https://www.example.gov.cn/（换成本站地址）")
        self.project_dir = Path(config.config_file_path or ".").resolve().parent
        _check_cache_dir(self.project_dir / self.config.cache_dir, config)
        self.docs_display = display_dir(config)
        self.model: SiteModel | None = None
        self.facts = RenderedFacts(config.site_url)
        self.listings: dict = {}
        self.sources: dict[str, Path] = {}
        self.page_links: list = []
        self.missing_alt: list[tuple[str, str]] = []
        self.pending: dict[str, object] = {}
        self.taken_over: dict[str, str] = {}
        self.progress = Progress(self.config.progress)
        self.columns, self.column_findings = load_columns(self.project_dir / self.config.columns_dir,
                                                          self.config.columns_dir)
        self.bureau, found = load_bureau_data(self.project_dir / self.config.data_dir, self.config.data_dir)
        self.column_findings += found
        self.warnings = _report(self.column_findings)
        _configure_engine(config)
        if config.nav is None:
            config.nav = _site_nav(self.columns)
        self.published_dir = None
        if self.command == "serve":  # a preview is never crawled: no sitemap (15,000 entries at 10,000 articles)
            BackgroundIndex.pause()  # the last save's search index waits for this rebuild
            config.theme.static_templates.discard("sitemap.xml")
        else:
            self.published_dir = Path(config.site_dir)
            config.site_dir = str(atomic.staging_dir_for(self.published_dir))
            self._clear_staging(Path(config.site_dir))
        return config

    def _clear_staging(self, building: Path) -> None:
        """A failed or interrupted build's staging folder becomes the output the next build starts from (when
        there is none: any folder is safe to start from, staging.py sweeps it), or is deleted."""
        recycle = staging.recycle_dir_for(self.published_dir)
        if building.is_dir() and self._cache_dir() is not None and not recycle.exists():
            os.replace(building, recycle)
        else:
            atomic.discard(building)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.model = build_model(config, self.config, self.columns, self.column_findings, files,
                                 preview=self.command == "serve", bureau=self.bureau, cache_dir=self._cache_dir())
        self.warnings += _report(self.model.findings)
        self.listings = {listing.src_uri: listing for listing in self.model.listings}
        for article in self.model.withheld:
            files.get_file_from_path(article.src_uri).inclusion = InclusionLevel.EXCLUDED
        for article in self.model.catalog.articles:
            _move_article(files, article.src_uri, article.dest_uri)
        self.facts.cover_urls = {a.src_uri: files.get_file_from_path(a.cover_uri).url if a.cover_uri else a.cover
                                 for a in self.model.catalog.articles if a.cover}
        self.sources = {"/" + unquote(f.url): Path(f.abs_src_path) for f in files
                        if not f.is_documentation_page() and f.abs_src_path}
        nav_uris = {item for entry in config.nav for item in _nav_targets(entry)}
        self.taken_over = {article.src_uri: "article" for article in self.model.catalog.articles}
        for listing in self.model.listings:
            if listing.src_uri == HOME_PAGE and files.get_file_from_path(HOME_PAGE):
                continue
            inclusion = InclusionLevel.INCLUDED if listing.src_uri in nav_uris else InclusionLevel.EXCLUDED
            files.append(File.generated(config, listing.src_uri, content="", inclusion=inclusion))
            self.taken_over[listing.src_uri] = "listing"
        heap.settle()  # the model lives until the build ends (heap.py)
        return files

    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        """Articles and listings leave MkDocs' page loop (healthpress renders them in on_env), staying in the nav."""
        self.nav = nav
        if self.command == "serve":  # dirty rebuilds skip unmodified pages; the editors' own (few) pages may list articles
            for file in files.documentation_pages(inclusion=InclusionLevel.all):
                if file.src_uri not in self.taken_over:
                    file.is_modified = lambda: True
        for src_uri in self.taken_over:  # those in the nav were kept for it until now
            files.src_uris[src_uri].inclusion = InclusionLevel.EXCLUDED
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        src_uri = page.file.src_uri
        article = self.model.catalog.by_src.get(src_uri)
        listing = self.listings.get(src_uri)
        page.update_date = last_modified(article, listing, self.model.catalog)
        if article:
            page.meta = {"title": escape(article.title), "template": "healthpress/article.html", "hide": ["navigation"]}
            return article.body
        if listing:
            page.meta = {"title": escape(listing.title), "template": listing.template, "hide": ["navigation", "toc"]}
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by is not None:
            return html
        src_uri = page.file.src_uri
        processed = process_page_html(html, src_uri, page.url, frozenset(self.config.iframe_hosts), self.sources)
        if src_uri in self.taken_over:
            self.pending[src_uri] = processed  # handed back by facts_of, from whichever process rendered it
            self.facts.summaries[src_uri] = processed.summary  # the page's own template shows these
            self.facts.characters[src_uri] = processed.characters
        else:
            self._absorb(src_uri, facts_to_json(processed))  # a page of MkDocs' own loop, in this process
        return processed.html

    def facts_of(self, src_uri: str) -> dict:
        """What rendering this page taught us, for the page cache and for the building process."""
        processed = self.pending.pop(src_uri, None)
        return facts_to_json(processed) if processed is not None else {}

    def _absorb(self, src_uri: str, learned: dict) -> None:
        if "summary" not in learned:  # a listing: nothing to learn but its bytes' digest
            return
        summary, characters, links, missing_alt = facts_from_json(learned)
        self.page_links.append(links)
        self.missing_alt += [(src_uri, src) for src in missing_alt]
        self.facts.summaries[src_uri] = summary
        self.facts.characters[src_uri] = characters

    def on_env(self, env, config: MkDocsConfig, files: Files):
        if self._cache_dir() is not None:
            templatecache.install(env, self._cache_dir())
        jinja_filters.install(env)
        env.globals["hp_footer_pages"] = footer_pages(self.model.listings)
        env.globals["hp_urgent"] = [a for a in self.model.catalog.articles if a.urgent]
        env.globals["hp_mailbox_endpoint"] = self.config.mailbox_endpoint
        self.sitemap = env.globals["hp_sitemap"] = (
            [] if self.command == "serve" else self._sitemap_entries(files, config.site_url))
        self._render_own_pages(config, files, env)
        return env

    def _render_own_pages(self, config: MkDocsConfig, files: Files, env) -> None:
        """The articles (then the link check, which needs them all), then the listings (which show their summaries)."""
        self._adopt_previous_output(config, files)
        self.setup = RenderSetup(config, files, self.nav, env, files.documentation_pages(inclusion=self._visible))
        for name in {"main.html", "healthpress/article.html"} | {listing.template for listing in self.model.listings}:
            env.get_template(name)  # compiled once here, not once in every worker
        self.cache = PageCache(self._cache_dir())
        self.pages_written = len(self.setup.doc_files)
        keys = PageKeys(self.model, TemplateContext(self.model, self.facts, None),
                        self.key_memo if self.command == "serve" else None)
        site = site_digest(config, self.config, self.command == "serve", files, self.nav, env, keys.articles)
        self.article_jobs = keys.for_articles(site, [u for u, kind in self.taken_over.items() if kind == "article"])
        self.search = None
        if self.config.search_index and self.command != "serve":  # serve indexes after the pages are shown
            self.search = ShardedIndex(Path(config.site_dir), self._search_pages(), self._cache_dir(),
                                       self.config.search_shard_pages, present=self.snapshot)
        self._render("文章", self.article_jobs, self.search)
        self.warnings += _report(self._link_and_image_findings(files))
        self.listing_jobs = keys.for_listings([self.listings[u] for u, kind in self.taken_over.items() if kind == "listing"])
        self._render("列表页", self.listing_jobs)

    def _adopt_previous_output(self, config: MkDocsConfig, files: Files) -> None:
        """Start from the output the last build replaced (staging.py), when the page cache is on."""
        self.snapshot = None
        if self.published_dir is not None and self._cache_dir() is not None:
            self.snapshot = staging.adopt(staging.recycle_dir_for(self.published_dir), Path(config.site_dir))
        if self.snapshot is not None or self.command == "serve":  # both hold cached pages' links
            site_dir = Path(config.site_dir)
            written = ([Path(f.abs_dest_path) for f in files if f.abs_dest_path and f.src_uri not in self.taken_over]
                       + [site_dir / name for name in (*config.theme.static_templates, *config.extra_templates)])
            staging.unshare(written)  # what MkDocs writes in place must not be a cached page's link
            present = resident.placed(site_dir)
            for path in written:
                present.pop(path.relative_to(site_dir).as_posix(), None)

    def _sweep_previous_output(self, config: MkDocsConfig, search_placed: set[str]) -> None:
        """Remove what the adopted output held that this build did not make."""
        if self.snapshot is None:
            return
        claimed = {self.setup.files.src_uris[u].dest_uri for u in self.taken_over} | search_placed
        staging.sweep(Path(config.site_dir), self.snapshot, claimed)

    def _render(self, label: str, jobs: list[PageJob], search: ShardedIndex | None = None) -> None:
        self.progress.start(label, len(jobs))
        present = self.snapshot if self.snapshot is not None else resident.placed(Path(self.setup.config.site_dir))
        on_page = None
        if search is not None:
            def on_page(src_uri: str, learned: dict) -> None:
                search.page_written(self.setup.files.src_uris[src_uri].dest_uri, learned.get(OUTPUT_DIGEST))
        learned, counts = render_site_pages(self.setup, jobs, self.cache, self.facts_of, self.config.workers,
                                            self.progress.advance, present, on_page)
        if self.command == "serve":  # the preview folder is kept: next time these pages need not even be looked at
            for job in jobs:
                dest, inode = self.setup.files.src_uris[job.src_uri].dest_uri, self.cache.inode_of(job.key)
                if inode is None:
                    present.pop(dest, None)
                else:
                    present[dest] = (inode, 0, 0)
        self.progress.finish(counts)
        self.pages_written += len(jobs)
        for job in jobs:
            self._absorb(job.src_uri, learned[job.src_uri])

    def _search_pages(self) -> list[IndexedPage]:
        """The article pages, with the keys that say whether a search shard can be reused."""
        by_src, files = self.model.catalog.by_src, self.setup.files
        return [IndexedPage(files.src_uris[job.src_uri].dest_uri, by_src[job.src_uri].date.date(), job.key)
                for job in self.article_jobs]

    def _cache_dir(self) -> Path | None:
        """`serve` keeps its own cache (its pages differ: drafts, the local address), so neither evicts the other."""
        if not self.config.cache:
            return None
        return self.project_dir / self.config.cache_dir / ("serve" if self.command == "serve" else "build")

    def _visible(self, inclusion: InclusionLevel) -> bool:
        return inclusion.is_in_serve() if self.command == "serve" else inclusion.is_included()

    def _sitemap_entries(self, files: Files, site_url: str) -> list[SitemapEntry]:
        """Every page readers can open: MkDocs' own pages and the ones healthpress renders."""
        entries = []
        for file in files.documentation_pages(inclusion=InclusionLevel.all):
            if file.src_uri in self.taken_over:
                entries.append(SitemapEntry(_absolute(site_url, file.url), last_modified(
                    self.model.catalog.by_src.get(file.src_uri), self.listings.get(file.src_uri), self.model.catalog)))
            elif file.page is not None and self._visible(file.inclusion) and file.page.canonical_url:
                entries.append(SitemapEntry(file.page.canonical_url, file.page.update_date))
        return entries

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        src_uri = page.file.src_uri
        article = self.model.catalog.by_src.get(src_uri)
        view = build_article_view(self.model, article) if article else self.listings.get(src_uri)
        context["hp"] = TemplateContext(self.model, self.facts, view)
        return context

    def on_serve(self, server, config: MkDocsConfig, builder):
        """`healthpress serve` rebuilds when a column or data file changes too, not only content/; it is told of
        changes by the system rather than looking for them (watcher.py)."""
        for folder in (self.config.columns_dir, self.config.data_dir):
            if (self.project_dir / folder).is_dir():
                server.watch(str(self.project_dir / folder))
        watcher.use_native_observer(server)
        return server

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return fix_chrome(output)

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.command == "serve":
            BackgroundIndex.resume()
            if self.config.search_index:
                BackgroundIndex.start(Path(config.site_dir), self._search_pages(), self._cache_dir(),
                                      self.config.search_shard_pages)
        else:
            write_sitemap_gz(Path(config.site_dir), self.sitemap, get_build_timestamp())
        search_placed: set[str] = set()
        if self.search is not None:
            indexed = finish_search_index(self.search)
            search_placed = indexed.placed
            log.info(indexed.summary())
        write_feeds(Path(config.site_dir), self.model, self.facts, config.site_name,
                    config.site_description or "", self.config.feed_items)
        self._sweep_previous_output(config, search_placed)
        if self.published_dir and not (config.strict and _warnings_counted()):
            keep = staging.recycle_dir_for(self.published_dir) if self._cache_dir() is not None else None
            atomic.publish(Path(config.site_dir), self.published_dir, keep_previous=keep)
            config.site_dir = str(self.published_dir)
        self.cache.save()
        if self.command == "serve":
            self.key_memo.finish()
        self.progress.summary(self.pages_written, self.warnings)
        self._build_ended()

    def _build_ended(self) -> None:
        if self.command == "serve":
            heap.tidy_when_idle()
        else:
            heap.release()

    def on_shutdown(self) -> None:
        heap.stop()
        BackgroundIndex.wait()
        resident.flush()

    def on_build_error(self, error: Exception) -> None:
        """The published site stays as it was."""
        BackgroundIndex.resume()
        if getattr(self, "search", None) is not None:
            self.search.abort()
        if self.published_dir:
            self._clear_staging(atomic.staging_dir_for(self.published_dir))
        self._build_ended()

    def _link_and_image_findings(self, files: Files) -> list[Finding]:
        """Every internal link, image and #anchor must lead somewhere; every image needs alt text."""
        known = site_paths([f.url for f in files if self._visible(f.inclusion) or f.src_uri in self.taken_over])
        findings = []
        for page, target, reason in find_broken_links(self.page_links, known):
            findings.append(broken_link_finding(*self._source_of(page.src_uri), target, reason))
        for src_uri, src in self.missing_alt:
            findings.append(missing_alt_finding(*self._source_of(src_uri), src))
        return findings

    def _source_of(self, src_uri: str) -> tuple[str, str, int]:
        """(path as shown, Markdown body, its first line) of an editor's page."""
        article = self.model.catalog.by_src.get(src_uri)
        shown = self.model.paths.get(src_uri) or f"{self.docs_display}/{src_uri}"
        return (shown, article.body, article.body_line) if article else (shown, "", 1)


def _configure_engine(config: MkDocsConfig) -> None:
    """Our templates between the site's theme/ and material; Chinese anchors; our own link checks."""
    custom_dir = config.theme.custom_dir
    config.theme.dirs.insert(1 if custom_dir else 0, str(TEMPLATES_DIR))
    config.extra_css.insert(0, STYLESHEET)
    toc = config.mdx_configs.setdefault("toc", {})
    toc.setdefault("slugify", slugify(case="lower"))  # anchors in Chinese: [见上文](#活动宗旨)
    for check in ("not_found", "anchors", "unrecognized_links"):
        setattr(config.validation.links, check, logging.INFO)  # healthpress reports these itself


def _report(findings: list[Finding]) -> int:
    """Log every finding; raise after all of them if any is an error, else return how many warnings."""
    for finding in sort_findings(findings):
        (log.error if finding.level is Level.ERROR else log.warning)(finding.render())
    count = sum(1 for f in findings if f.level is Level.ERROR)
    if count:
        raise PluginError(f"发现 {count} 个错误（见上），网站没有生成；原来的网站保持不变。改正后重新生成。")
    return len(findings)


def _check_cache_dir(cache_dir: Path, config: MkDocsConfig) -> None:
    """The cache must live beside the site, not inside what is published or what editors write."""
    resolved = cache_dir.resolve()
    for folder, name in ((config.docs_dir, "docs_dir"), (config.site_dir, "site_dir")):
        if resolved.is_relative_to(Path(folder).resolve()):
            raise PluginError(f"healthpress 的 cache_dir（{cache_dir}）不能放在 {name}（{folder}）里面："
                              "请删除这一设置，使用默认的 .cache/healthpress")


def _warnings_counted() -> bool:
    """True when MkDocs' strict-mode counter saw a warning: the build is about to abort."""
    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)


def _move_article(files: Files, src_uri: str, dest_uri: str) -> None:
    """Publish an article at its dated URL, out of the nav and of MkDocs' page loop (healthpress renders it)."""
    file = files.get_file_from_path(src_uri)
    file.dest_uri = dest_uri  # MkDocs derives url and abs_dest_path from it, once: forget them
    for derived in ("url", "abs_dest_path"):
        file.__dict__.pop(derived, None)
    file.inclusion = InclusionLevel.EXCLUDED


def _site_nav(columns) -> list:
    """The nav holds the home page, the columns and the archive, never the articles."""
    return ([{"首页": "index.md"}] + [{col.title: f"{col.id}/index.md"} for col in columns.values()]
            + [{"归档": "archive/index.md"}])


def _absolute(site_url: str, url: str) -> str:
    """urljoin(site_url, url) for a page's relative address, without parsing both each time."""
    if site_url.endswith("/") and not url.startswith(("/", ".")) and ":" not in url and "/." not in url:
        return site_url + url
    return urljoin(site_url, url)


def _nav_targets(entry) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, dict):
        return [t for value in entry.values() for t in _nav_targets(value)]
    if isinstance(entry, list):
        return [t for value in entry for t in _nav_targets(value)]
    return []
