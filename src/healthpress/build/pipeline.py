"""One build of a bureau site, from mkdocs.yml to the published folder: the `Build` owns its state.

MkDocs drives a build through plugin events; the plugin hands each one to the Build, whose phases
run in this order (the methods below read top to bottom in the same order):

    configure  on_config      settings, columns and data files, the nav, the staging folder
    read       on_files       every article read, validated and modelled; listings added as files
    take_pages on_nav         articles and listings leave MkDocs' page loop (the Build renders them)
    render     on_env         article pages, then the link checks, then the listing pages
    finish     on_post_build  stop if any phase found an error; search index, feeds, sitemap, sweep,
                              caches saved, atomic publish
    abort      on_build_error the published site stays as it was

A build (not `serve`) holds the locks of its output folder and its cache from the start of
`configure` to the end of `finish` or `abort` (lock.py): a second build of the project waits.

MkDocs renders the editors' own pages (index.md, about/...) in its loop between `render` and
`finish`; `page_markdown`, `page_content` and `page_context` serve both loops. What differs between
`build`, `serve` and `check` is the `Mode`, decided once when MkDocs starts.

Findings do not stop a phase: every phase reports its own (each log record carries its Finding, for
`healthpress check`), files withheld for their own errors stay out of MkDocs' loop and out of the link
check's complaints, and `finish` stops the build once, before anything is published, if any was an error.
A check (`Mode.throwaway`) never stops: it renders into a folder of its cache and deletes it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urljoin

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_timestamp

from healthpress.build import heap, publish, templatecache
from healthpress.build.cachefolder import cache_dir_for
from healthpress.engine.configlines import SettingLines
from healthpress.build.diskfull import disk_full_error, disk_full_message, folder_size, footprint, free_space
from healthpress.build.keymemo import KeyMemo
from healthpress.build.lock import BuildLock, Guarded, LockTimeout
from healthpress.build.mode import Mode
from healthpress.build.output import OutputFolder, linked_site_problem
from healthpress.build.pagecache import PageCache
from healthpress.build.pagefacts import PageFacts
from healthpress.build.pagekeys import PageKeys
from healthpress.build.progress import Progress
from healthpress.build.project import build_model, display_dir, files_with_errors
from healthpress.build.printeditions import make_print_editions
from healthpress.build.projectpaths import own_theme_dirs, project_dir_of
from healthpress.build.sitedigest import site_digest
from healthpress.build.sitepages import SEARCH_DIGEST, PageJob, render_site_pages
from healthpress.build.textchecks import TEXT, TextChecks
from healthpress.bureau.data import load_bureau_data
from healthpress.bureau.disclosure import dead_replacement_findings
from healthpress.bureau.disclosureguide import missing_form_findings
from healthpress.bureau.mourning import far_future_mourning, mourning_at
from healthpress.checks.brokenlinks import site_paths
from healthpress.engine import fragments, internals
from healthpress.engine.log import log, report, stop_on_errors
from healthpress.engine.options import day_options, out_of_range_options
from healthpress.engine.pagerender import RenderSetup, render_body
from healthpress.engine.setup import configure_engine, floating_windows, nav_targets, require_settings, site_nav
from healthpress.engine.watcher import watch_folders
from healthpress.model.columns import load_columns
from healthpress.model.findings import Finding, errors
from healthpress.model.oswords import os_reason, write_problem
from healthpress.model.publication import build_moment
from healthpress.model.sitepaths import generated_files
from healthpress.render import jinja_filters
from healthpress.render.context import TemplateContext, build_article_view, footer_pages, last_modified
from healthpress.render.feeds import write_feeds
from healthpress.render.pagehtml import process_page_html
from healthpress.render.printedition import PrintEdition, body_of_page
from healthpress.render.sharecard import share_image_finding
from healthpress.render.sitemap import SitemapEntry, write_sitemap_gz
from healthpress.render.sitemodel import HOME_PAGE, SiteModel
from healthpress.render.views import src_uri_for
from healthpress.search.index import BackgroundIndex, IndexedPage, ShardedIndex
from healthpress.search.indexedtext import record_digest
from healthpress.search.pagefindbinary import choose_pagefind
from healthpress.search.shards import SearchIndexError
from healthpress.storage import resident
from healthpress.storage.files import write_atomic, write_export
from healthpress.storage.spill import TextSpill

ARTICLE_TEMPLATE = "healthpress/article.html"
CHECK_FOLDER = "output"
"""A check's folder in its cache (`check/output`): rendered into, deleted when the check ends."""


class Build:
    """A build's state and phases. `options` are the plugin's (engine/options.py); `key_memo` is serve's
    memory of the last rebuild's page keys (None for a build)."""

    def __init__(self, options, mode: Mode, key_memo: KeyMemo | None = None):
        self.options, self.mode, self.key_memo = options, mode, key_memo
        self.timings: dict[str, float] = {}
        self.warnings = 0
        self.findings: list[Finding] = []
        """Every finding reported so far, of every phase."""
        self.refused: set[str] = set()
        """The editors' files withheld for their own errors (src_uri): out of MkDocs' loop, and a link to
        one is not reported again as broken."""
        self.pages_written = 0
        self.print_placed: set[str] = set()
        """The print editions' PDFs this build put into the output (site-relative)."""
        self.setting_lines = SettingLines(None)
        """Where mkdocs.yml writes each setting: the line of a finding about one."""
        self.search: ShardedIndex | None = None
        self.lock: BuildLock | None = None
        """The output's and the cache's locks (a build's, not serve's); the output folders are this
        build's to touch only while they are held."""
        self._started = time.perf_counter()
        self._started_ns = time.time_ns()
        """When the build started (wall clock): what it wrote into the cache, should the disk fill up."""

    @contextmanager
    def _phase(self, name: str):
        """Time a phase (`healthpress build --timings FILE` writes them)."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started

    # ------------------------------------------------------------------ configure (on_config)

    def configure(self, config: MkDocsConfig) -> MkDocsConfig:
        """Settings checked, columns and data files read, MkDocs set up, the output folder chosen."""
        heap.build_started()
        with self._phase("config"):
            self.project_dir = project_dir_of(config)
            self.setting_lines = SettingLines(config.config_file_path, frozenset(self.options.keys()))
            require_settings(config, self.project_dir / self.options.cache_dir)
            # serve keeps a cache of its own (its pages differ: drafts, the local address): neither evicts the other's
            self.cache_dir = cache_dir_for(self.project_dir, self.options.cache_dir, self.mode.name, self.options.cache)
            if self.mode.publishes:
                linked = linked_site_problem(Path(config.site_dir), _shown(Path(config.site_dir), self.project_dir) + "/")
                if linked is not None:
                    raise PluginError(linked)
                self._lock_output(Path(config.site_dir))
            elif self.mode.throwaway and self.cache_dir is not None:
                self._lock_output(None)  # a second check of the project waits: they share the cache
            self.docs_display = display_dir(config)
            self.facts = PageFacts(config.site_url)
            self.progress = Progress(self.options.progress)
            self.columns, self.config_findings = load_columns(self.project_dir / self.options.columns_dir,
                                                              self.options.columns_dir)
            self.bureau, found = load_bureau_data(self.project_dir / self.options.data_dir, self.options.data_dir)
            self.config_findings += found
            self.pagefind = choose_pagefind(self.project_dir, self.options.pagefind_binary)
            if self.options.search_index:
                self.config_findings += self.pagefind.findings
            today = build_moment().date()
            self.config_findings += far_future_mourning(self.bureau.mourning, today)
            self.config_findings += out_of_range_options(self.options) + day_options(self.options, today)
            self.config_findings += floating_windows(config)
            self._report(self.config_findings)
            configure_engine(config)
            if config.nav is None:
                config.nav = site_nav(self.columns)
            if self.mode.long_lived:
                BackgroundIndex.pause()  # the last save's search index waits for this rebuild
            if not self.mode.writes_sitemap:  # 15,000 entries at 10,000 articles, for a page never crawled
                config.theme.static_templates.discard("sitemap.xml")
            self.output = OutputFolder(self._check_folder() if self.mode.throwaway else Path(config.site_dir),
                                       self.mode.publishes, self.cache_dir is not None, self.mode.throwaway)
            config.site_dir = str(self.output.path)
            if not self.mode.throwaway:  # a check's folder starts empty (_check_folder)
                self.output.clear()
        return config

    def _check_folder(self) -> Path:
        """Where a check renders, empty: a folder of its cache (where the cached pages are linked from),
        else a new temporary folder; deleted when the check ends (OutputFolder.clear)."""
        if self.cache_dir is None:
            return Path(tempfile.mkdtemp(prefix="healthpress-check-"))
        folder = self.cache_dir / CHECK_FOLDER
        publish.set_aside(folder)  # what a check that was killed left
        return folder

    def _report(self, findings: list[Finding]) -> None:
        """Log a phase's findings and keep them: the build stops on its errors in `finish`."""
        findings = self.setting_lines.fill(findings)
        self.findings += findings
        self.warnings += report(findings)

    def _lock_output(self, site_dir: Path | None) -> None:
        """Wait for another build of this output (None: a check, which has none) or cache to end
        (lock.py); a message if it does not."""
        guarded = [] if site_dir is None else [
            Guarded(publish.lock_file_for(site_dir.resolve()), _shown(site_dir, self.project_dir) + "/")]
        if self.cache_dir is not None:
            cache_root = self.project_dir / self.options.cache_dir
            guarded.append(Guarded(cache_root / f"{self.mode.name}.lock",
                                   "缓存 " + _shown(self.cache_dir, self.project_dir) + "/"))
        lock = BuildLock(guarded, self.options.lock_timeout, log.info)
        try:
            lock.acquire()
        except LockTimeout as exc:
            raise PluginError(str(exc)) from None
        self.lock = lock

    # ------------------------------------------------------------------ read, validate, model (on_files)

    def read(self, files: Files, config: MkDocsConfig) -> Files:
        """Every article read and checked (all findings reported together), the model built, the
        articles moved to their dated addresses and the listing pages added as generated files."""
        with self._phase("model"):
            self.model: SiteModel = build_model(
                config, self.options, self.columns, [], files, preview=self.mode.preview, bureau=self.bureau,
                inspection=self.mode.inspection, cache_dir=self.cache_dir,  # the configure phase's reported above
                text_checks=False, calendar=self.mode.name == "check")  # each article's text is checked where its page is rendered (`_facts_of`)
            self.text_checks = TextChecks.for_build(self.bureau, self.mode.inspection, self.options.compliance)
        shared = share_image_finding(self.options.share_image, {f.src_uri for f in files}, self.docs_display)
        self._report(self.model.findings + ([shared] if shared else []))
        self.listings = {listing.src_uri: listing for listing in self.model.listings}
        self.refused = self._withheld_for_errors(files)
        for article in self.model.withheld:
            files.get_file_from_path(article.src_uri).inclusion = InclusionLevel.EXCLUDED
        for src_uri in self.refused:  # neither rendered nor copied by MkDocs
            files.get_file_from_path(src_uri).inclusion = InclusionLevel.EXCLUDED
        for article in self.model.catalog.articles:  # at its dated address, out of the nav and of MkDocs' loop
            file = files.get_file_from_path(article.src_uri)
            internals.set_dest_uri(file, article.dest_uri)
            file.inclusion = InclusionLevel.EXCLUDED
        covers = {a.src_uri: _url_of(files, a.cover_uri) if a.cover_uri else a.cover
                  for a in self.model.catalog.articles if a.cover}
        self.facts.rendered.cover_urls = {src: url for src, url in covers.items() if url is not None}  # missing: reported
        self.sources = {"/" + unquote(f.url): Path(f.abs_src_path) for f in files
                        if not f.is_documentation_page() and f.abs_src_path and f.src_uri not in self.refused}
        self.taken_over = {article.src_uri: "article" for article in self.model.catalog.articles}
        nav_uris = {item for entry in config.nav for item in nav_targets(entry)}
        for listing in self.model.listings:
            if listing.src_uri == HOME_PAGE and files.get_file_from_path(HOME_PAGE):
                continue
            if (over := files.get_file_from_path(listing.src_uri)) is not None:  # an editor's page, refused
                files.remove(over)
            inclusion = InclusionLevel.INCLUDED if listing.src_uri in nav_uris else InclusionLevel.EXCLUDED
            files.append(File.generated(config, listing.src_uri, content="", inclusion=inclusion))
            self.taken_over[listing.src_uri] = "listing"
        if not self.mode.long_lived:  # serve keeps its parsed articles in memory between rebuilds
            self._spill_bodies()
        heap.settle()  # the model lives until the build ends (heap.py)
        return files

    def _spill_bodies(self) -> None:
        """The articles' bodies moved out of memory, to be read back where each page is rendered: the
        model (and every page worker forked from it) holds no text while the pages are rendered
        (storage/spill.py). The file lies in the project's folder, not the system's temporary one, which
        is often kept in memory (tmpfs) and would hold the bodies in memory again."""
        spill = TextSpill(str(self.project_dir))
        for article in (*self.model.catalog.articles, *self.model.withheld):
            article.move_body(spill.put)

    def _withheld_for_errors(self, files: Files) -> set[str]:
        """The editors' files an error was found in that healthpress does not render itself: the articles
        that could not be read or catalogued, and any other file (a page, an image) with an error."""
        uris = files_with_errors(self.model.findings, self.docs_display)
        uris |= set(self.model.paths) - {a.src_uri for a in (*self.model.catalog.articles, *self.model.withheld)}
        return {uri for uri in uris - set(self.model.catalog.by_src) if files.get_file_from_path(uri) is not None}

    # ------------------------------------------------------------------ take the pages over (on_nav)

    def take_pages(self, nav: Navigation, files: Files) -> Navigation:
        """Articles and listings leave MkDocs' page loop (rendered in `render`), staying in the nav."""
        self.nav = nav
        if self.mode.long_lived:  # dirty rebuilds skip unmodified pages; the editors' own (few) may list articles
            for file in files.documentation_pages(inclusion=InclusionLevel.all):
                if file.src_uri not in self.taken_over:
                    internals.always_modified(file)
        for src_uri in self.taken_over:  # those in the nav were kept for it until now
            files.src_uris[src_uri].inclusion = InclusionLevel.EXCLUDED
        return nav

    # ------------------------------------------------------------------ every page, in either loop

    def page_markdown(self, markdown: str, page: Page) -> str:
        """An article's body (already read), a listing's title and template, an editor's page as written."""
        src_uri = page.file.src_uri
        article = self.model.catalog.by_src.get(src_uri)
        listing = self.listings.get(src_uri)
        page.update_date = last_modified(article, listing, self.model.catalog)
        if article:
            page.meta = {"title": escape(article.title), "template": ARTICLE_TEMPLATE, "hide": ["navigation"]}
            return article.text
        if listing:
            page.meta = {"title": escape(listing.title), "template": listing.template, "hide": ["navigation", "toc"]}
        return markdown

    def page_content(self, html: str, page: Page) -> str:
        """An editor's HTML sanitized, its images and links prepared, its facts kept (pagehtml.py)."""
        if page.file.generated_by is not None:
            return html
        src_uri = page.file.src_uri
        processed = process_page_html(html, src_uri, page.url, frozenset(self.options.iframe_hosts), self.sources)
        self.facts.rendered_here(src_uri, processed, own=src_uri in self.taken_over)
        return processed.html

    def page_context(self, context: dict, page: Page, config: MkDocsConfig) -> dict:
        """The templates' `hp`: the page's view and look-ups into the site model."""
        article = self.model.catalog.by_src.get(page.file.src_uri)
        view = build_article_view(self.model, article) if article else self.listings.get(page.file.src_uri)
        context["hp"] = hp = TemplateContext(self.model, self.facts.rendered, view)
        card = hp.share_card(page.title or config.site_name, page.url, page.meta.get("description") or config.site_description or "",
                             config.site_name, config.site_url, self._share_image(config))
        page.meta["description"] = escape(card.description)  # material writes it unescaped
        context["hp_share"] = card
        return context

    def _share_image(self, config: MkDocsConfig) -> str | None:
        """The site's image for shared links of pages without a cover: the option, the logo, the favicon."""
        logo = config.theme.get("logo")
        return self.options.share_image or (logo if logo and "." in logo else None) or config.theme.get("favicon")

    # ------------------------------------------------------------------ render (on_env)

    def render(self, env, config: MkDocsConfig, files: Files):
        """The article pages (then the link check, which needs them all), then the listings (which show
        the articles' summaries), each from the page cache or rendered on every core."""
        if self.cache_dir is not None:
            templatecache.install(env, self.cache_dir)
        jinja_filters.install(env)
        fragments.install(env, config.theme.custom_dir)
        env.globals["hp_footer_pages"] = footer_pages(self.model.listings)
        env.globals["hp_urgent"] = [a for a in self.model.catalog.articles if a.urgent]
        env.globals["hp_mailbox_endpoint"] = self.options.mailbox_endpoint
        mourning = env.globals["hp_mourning"] = mourning_at(self.bureau.mourning, self.model.now, self.options.mourning_scope)
        if mourning is not None:
            log.info(mourning.summary)
        self.sitemap = env.globals["hp_sitemap"] = (
            self._sitemap_entries(files, config.site_url) if self.mode.writes_sitemap else [])
        site_dir = Path(config.site_dir)
        self.output.adopt([Path(f.abs_dest_path) for f in files if f.abs_dest_path and f.src_uri not in self.taken_over]
                          + [site_dir / name for name in (*config.theme.static_templates, *config.extra_templates)])
        self.setup = RenderSetup(config, files, self.nav, env, files.documentation_pages(inclusion=self.mode.shows))
        for name in {"main.html", ARTICLE_TEMPLATE} | {listing.template for listing in self.model.listings}:
            env.get_template(name)  # compiled once here, not once in every worker
        self.cache = PageCache(self.cache_dir)
        self.search_keys: dict[str, str] = {}
        """Article page (src_uri) -> its search key, learned as it is rendered or found (`_search_key`)."""
        self.pages_written = len(self.setup.doc_files)
        keys = PageKeys(self.model, TemplateContext(self.model, self.facts.rendered, None), self.key_memo)
        site = site_digest(config, self.options, self.mode.preview, files, self.nav, env, keys.articles)
        self.article_jobs = keys.for_articles(site, [u for u, kind in self.taken_over.items() if kind == "article"])
        if (self.options.search_index and not self.mode.long_lived  # serve indexes after the pages are shown
                and not self.mode.throwaway and not errors(self.findings)):  # nor for a build that stops
            self.search = ShardedIndex(site_dir, self._search_pages(), self.cache_dir,
                                       self.options.search_shard_pages, present=self.output.snapshot,
                                       binary=self.pagefind.path())
        with self._phase("articles"):
            indexed = self.options.search_index and not self.mode.throwaway  # a check indexes nothing
            learned = self._render_pages("文章", self.article_jobs, self.search, indexed=indexed)
        with self._phase("links"):
            if self.text_checks is not None:
                self._report(self.text_checks.findings(self.model.text_checked, learned, self.model.paths))
            self._check_refused_bodies()
            shown = [f.url for f in files if self.mode.shows(f.inclusion) or f.src_uri in self.taken_over]
            shown += [files.get_file_from_path(u).url for u in self.refused]  # each reported once, for its own errors
            shown += generated_files()  # written in `finish`, after the links are checked
            self._report(self.facts.link_and_image_findings(self.model, files, shown, self.docs_display))
            self._report(dead_replacement_findings(self.model.catalog.articles, self.model.columns,
                                                   self.model.paths, site_paths(shown)))
            if self.bureau.disclosure_guide is not None:
                self._report(missing_form_findings(self.bureau.disclosure_guide, site_paths(shown)))
        with self._phase("print"):
            self._print_editions(config)
        with self._phase("listings"):
            self.listing_jobs = keys.for_listings(
                [self.listings[u] for u, kind in self.taken_over.items() if kind == "listing"])
            self._render_pages("列表页", self.listing_jobs)
        return env

    def _print_editions(self, config: MkDocsConfig) -> None:
        """Each issue of the periodicals as an A4 PDF (build/printeditions.py), once every article page is
        written; its issue page, rendered next, links to it with its size. Only a build that publishes makes
        them: a check and serve's preview make none (seconds a PDF, for pages no one prints from them), nor
        does a build that stops on an error."""
        if not self.options.print_edition or not self.mode.publishes or errors(self.findings):
            return
        site_url = (config.site_url or "https://localhost/").rstrip("/") + "/"
        editions, found = make_print_editions(
            self.model, self.setup.env, Path(config.site_dir), site_url, config.site_name, self.sources,
            self.facts.rendered.cover_urls, self._shown_body, self.cache_dir, self.options.workers)
        self._report(found)
        by_index: dict[str, list[tuple[int, PrintEdition]]] = {}
        for url, edition in editions.items():
            src_uri = src_uri_for(url)
            issue = self.listings[src_uri] = dataclasses.replace(self.listings[src_uri], payload=edition)
            by_index.setdefault(src_uri_for(f"{issue.column.id}/issues/"), []).append((issue.issue.number, edition))
            self.print_placed.add(edition.url)
        for src_uri, listed in by_index.items():  # the list of issues links to them too
            if src_uri in self.listings:
                self.listings[src_uri] = dataclasses.replace(self.listings[src_uri], payload=tuple(sorted(listed)))

    def _shown_body(self, src_uri: str) -> str:
        """An article's body as its page shows it: read from its page, else rendered again (a theme whose
        article template has no #hp-article-text)."""
        page = Path(self.setup.files.src_uris[src_uri].abs_dest_path)
        try:
            body = body_of_page(page.read_bytes())
        except OSError:
            body = None
        if body is None:
            html, url = render_body(self.setup, src_uri, self.model.catalog.by_src[src_uri].text)
            body = process_page_html(html, src_uri, url, frozenset(self.options.iframe_hosts), self.sources).html
        return body

    def _check_refused_bodies(self) -> None:
        """The bodies of the articles refused for their own errors, rendered for their links, images and
        what the sanitizer would remove (their own errors stop the build: nothing of them is published)."""
        for src_uri, article in self.model.refused.items():
            if src_uri not in self.refused or self.setup.files.get_file_from_path(src_uri) is None:
                continue
            html, url = render_body(self.setup, src_uri, article.text)
            processed = process_page_html(html, src_uri, url, frozenset(self.options.iframe_hosts), self.sources)
            self.facts.rendered_here(src_uri, processed, own=False)

    def _render_pages(self, label: str, jobs: list[PageJob], search: ShardedIndex | None = None,
                      indexed: bool = False) -> dict[str, dict]:
        """`indexed`: pages the search index reads (their search keys are learned, `_search_key`). Returns
        what rendering each page taught, by src_uri (its facts)."""
        self.progress.start(label, len(jobs))
        present = self.output.present()

        def written(src_uri: str, learned: dict) -> None:  # the search index starts on a shard once its pages are
            search.page_written(self.setup.files.src_uris[src_uri].dest_uri, self._search_key(src_uri, learned))

        learned, counts = render_site_pages(self.setup, jobs, self.cache, self._facts_of, self.options.workers,
                                            self.progress.advance, present, written if search is not None else None,
                                            record_digest if indexed else None)
        if self.mode.long_lived:  # the preview folder is kept: next time these pages need not even be looked at
            for job in jobs:
                dest, inode = self.setup.files.src_uris[job.src_uri].dest_uri, self.cache.inode_of(job.key)
                if inode is None:
                    present.pop(dest, None)
                else:
                    present[dest] = (inode, 0, 0)
        self.progress.finish(counts)
        self.pages_written += len(jobs)
        for job in jobs:
            self.facts.absorb(job.src_uri, learned[job.src_uri])
            if indexed:
                self._search_key(job.src_uri, learned[job.src_uri])
        return learned

    def _facts_of(self, src_uri: str) -> dict:
        """What rendering a page taught (in the process that rendered it), an article's text findings among
        them (textchecks.py)."""
        learned = self.facts.facts_of(src_uri)
        article = self.model.catalog.by_src.get(src_uri)
        if article is not None and self.text_checks is not None:
            learned[TEXT] = self.text_checks.of(article)
        return learned

    def _search_key(self, src_uri: str, learned: dict) -> str:
        """An article page's search key: the digest of its search record, what Pagefind reads (search/indexedtext.py),
        recorded with the page when it was rendered, else read from its file (a page cached before)."""
        key = self.search_keys.get(src_uri)
        if key is None:
            key = learned.get(SEARCH_DIGEST) or record_digest(
                Path(self.setup.files.src_uris[src_uri].abs_dest_path).read_bytes())
            self.search_keys[src_uri] = key
        return key

    def _search_pages(self) -> list[IndexedPage]:
        """The article pages, with the keys that say whether a search shard can be reused: what Pagefind reads
        from each page once it is rendered (before, its page-cache key; `page_written` tells the index)."""
        by_src, files = self.model.catalog.by_src, self.setup.files
        return [IndexedPage(files.src_uris[job.src_uri].dest_uri, by_src[job.src_uri].date.date(),
                            self.search_keys.get(job.src_uri, job.key))
                for job in self.article_jobs]

    def _sitemap_entries(self, files: Files, site_url: str) -> list[SitemapEntry]:
        """Every page readers can open: MkDocs' own pages and the ones healthpress renders, but for those that
        only show again what the sitemap lists (`Listing.in_sitemap`)."""
        entries = []
        for file in files.documentation_pages(inclusion=InclusionLevel.all):
            if file.src_uri in self.taken_over:
                listing = self.listings.get(file.src_uri)
                if listing is not None and not listing.in_sitemap:
                    continue
                entries.append(SitemapEntry(_absolute(site_url, file.url), last_modified(
                    self.model.catalog.by_src.get(file.src_uri), listing, self.model.catalog)))
            elif file.page is not None and self.mode.shows(file.inclusion) and file.page.canonical_url:
                entries.append(SitemapEntry(file.page.canonical_url, file.page.update_date))
        return entries

    def watch(self, server, config: MkDocsConfig) -> None:
        """`serve` rebuilds when a column or data file changes too, or a template or style of the project's
        own theme/ (on_serve; MkDocs watches the theme only with --watch-theme)."""
        watch_folders(server, [self.project_dir / self.options.columns_dir, self.project_dir / self.options.data_dir,
                               *own_theme_dirs(config)])

    # ------------------------------------------------------------------ index, publish (on_post_build)

    def finish(self, config: MkDocsConfig) -> None:
        """Search index, feeds and sitemap; what the adopted output held and this build did not make is
        swept; the staging folder is swapped in (unless strict mode saw a warning); caches saved. A build
        any phase found an error in stops here, before anything is published; a check's folder is deleted."""
        if not self.mode.throwaway:
            stop_on_errors(self.findings)
        site_dir = Path(config.site_dir)
        if self.mode.long_lived:
            BackgroundIndex.resume()
            if self.options.search_index:
                BackgroundIndex.start(site_dir, self._search_pages(), self.cache_dir, self.options.search_shard_pages,
                                      self.pagefind.pagefind.path if self.pagefind.pagefind else None)
        search_placed: set[str] = set()
        if self.search is not None:
            with self._phase("search"):
                try:
                    indexed = self.search.finish()
                except SearchIndexError as failed:
                    raise PluginError(str(failed)) from None
            search_placed = indexed.placed
            log.info(f"{indexed.summary()}；用 Pagefind {self.pagefind.pagefind.version_text}")
        if not self.mode.throwaway:
            with self._phase("feeds"):
                write_feeds(site_dir, self.model, self.facts.rendered, config.site_name,
                            config.site_description or "", self.options.feed_items,
                            ((config.extra or {}).get("bureau") or {}).get("sponsor") or "")
        if self.mode.writes_sitemap:
            with self._phase("sitemap"):
                write_sitemap_gz(site_dir, self.sitemap, get_build_timestamp())
        self.output.sweep({self.setup.files.src_uris[u].dest_uri for u in self.taken_over} | search_placed
                          | self.print_placed)
        self.cache.save()  # before the swap: a full disk here must leave the published site as it was
        held_back = config.strict and internals.strict_warnings_counted()
        if self.output.published is not None:
            if not held_back:
                with self._phase("publish"):
                    config.site_dir = str(self.output.publish())
            else:  # strict mode saw a warning: MkDocs aborts once this returns
                self.output.clear()
        elif self.mode.throwaway:
            self.output.clear()
        self._unlock()
        if self.key_memo is not None:
            self.key_memo.finish()
        if not self.mode.throwaway:  # a check says what it found instead
            self.progress.summary(self.pages_written, self.warnings, published=not held_back)
        self._write_timings()
        self._ended()

    def _write_timings(self) -> None:
        if not self.options.timings:
            return
        self.timings["total"] = time.perf_counter() - self._started
        seconds = {name: round(value, 4) for name, value in self.timings.items()}
        try:
            write_export(self.project_dir / self.options.timings,
                         (json.dumps(seconds, ensure_ascii=False, indent=2) + "\n").encode())
        except OSError as exc:  # the site is published by now: only the timings are missing
            log.error(f"各阶段用时没有写入：{write_problem(self.options.timings, exc)}")

    def abort(self, error: BaseException | None = None) -> PluginError | None:
        """The build failed: the published site stays as it was; the staging folder is kept to start from,
        unless the disk is full: then it goes, with the kept previous output, and the error to raise
        instead of `error` says so in Chinese (None otherwise)."""
        BackgroundIndex.resume()
        if self.search is not None:
            self.search.abort()
        full = disk_full_error(error)
        problem = None
        if hasattr(self, "output") and (self.lock is not None or not self.mode.publishes):
            if full is not None and self.output.published is not None:
                problem = self._disk_full(full)
            else:
                self.output.clear()
        if full is not None and problem is None:
            problem = PluginError(f"磁盘空间不足，生成没有完成（{os_reason(full)}）。"
                                  "请在磁盘上腾出空间后重新生成；原来的网站保持不变。")
        self._unlock()
        self._ended()
        return problem

    def _disk_full(self, failure: OSError) -> PluginError:
        """Delete the staging folder and the kept previous output, then say what a build needs."""
        published = self.output.published
        written, in_cache = footprint(self.output.path, self.cache_dir, self._started_ns)
        published_size = folder_size(published) if published.is_dir() else None
        self.output.discard()
        target = failure.filename2 or failure.filename  # shutil's copies name the source first
        failed = Path(target) if isinstance(target, (str, os.PathLike)) else None
        failed_at = _shown(failed, self.project_dir) if failed is not None else None
        cache = self.project_dir / self.options.cache_dir
        if failed is not None and failed.is_relative_to(cache):
            disk = cache
        elif failed is None or failed.parent.is_relative_to(published.parent):
            disk = published
        else:
            disk = failed.parent
        return PluginError(disk_full_message(
            failure, published=_shown(published, self.project_dir) + "/", published_size=published_size,
            written=written, failed_at=failed_at, disk=_shown(disk, self.project_dir) + "/",
            free=free_space(disk), first=not published.exists(), in_cache=in_cache,
            cache=_shown(cache, self.project_dir) + "/" if cache.is_dir() else None))

    def _unlock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _ended(self) -> None:
        if self.mode.long_lived:
            heap.tidy_when_idle()
        else:
            heap.release()


def start_session(mode: Mode) -> KeyMemo | None:
    """What lives as long as MkDocs' process: for `serve`, memory kept between rebuilds and its page keys."""
    if not mode.long_lived:
        return None
    resident.enable()
    return KeyMemo()


def end_session() -> None:
    """MkDocs is stopping: the background search index finished, serve's memory written to disk."""
    heap.stop()
    BackgroundIndex.wait()
    resident.flush()


def _shown(path: Path, project_dir: Path) -> str:
    """A path as an editor reads it: relative to the project when inside it."""
    try:
        relative = Path(os.path.relpath(path, project_dir)).as_posix() if path.is_absolute() else path.as_posix()
    except ValueError:  # another drive (Windows)
        return path.as_posix()
    return path.as_posix() if relative.startswith("../") else relative


def _url_of(files: Files, src_uri: str) -> str | None:
    """The address of a file of the project, or None when there is none (reported as missing)."""
    file = files.get_file_from_path(src_uri)
    return file.url if file is not None else None


def _absolute(site_url: str, url: str) -> str:
    """urljoin(site_url, url) for a page's relative address, without parsing both each time."""
    if site_url.endswith("/") and not url.startswith(("/", ".")) and ":" not in url and "/." not in url:
        return site_url + url
    return urljoin(site_url, url)
