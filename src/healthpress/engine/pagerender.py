"""One page through MkDocs' page pipeline (plugin events, Markdown, theme template), outside its loop.

MkDocs renders pages one at a time and builds a new `Markdown` object for each. healthpress takes the
article and listing pages out of that loop (`Build.take_pages` in build/pipeline.py marks them excluded)
and renders them here, in worker processes (build/workers.py) or in this one: the same events in the
same order as MkDocs' `_populate_page` and `_build_page`, with one `Markdown` object per process, reset
between pages. The MkDocs internals this needs are in internals.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import jinja2
import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from healthpress.engine import internals
from healthpress.engine.templatewords import remember_where


@dataclass
class RenderSetup:
    """Everything a page render reads: set up once per build, inherited by forked workers."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    doc_files: list[File]
    _markdown: markdown.Markdown | None = field(default=None, repr=False)

    @classmethod
    def for_bodies(cls, config: MkDocsConfig, files: Files) -> RenderSetup:
        """A setup that renders article bodies only (`render_body`), without nav or templates: for a
        command that shows one article's body outside a build (`healthpress wechat`)."""
        return cls(config, files, Navigation([], []), jinja2.Environment(), [])

    def markdown_engine(self) -> markdown.Markdown:
        """This process' Markdown object (built on first use, so each worker builds its own)."""
        if self._markdown is None:
            self._markdown = markdown.Markdown(extensions=self.config["markdown_extensions"],
                                               extension_configs=self.config["mdx_configs"] or {})
        return self._markdown


def page_for(setup: RenderSetup, src_uri: str) -> Page:
    """The page object of a file (MkDocs makes them only for the pages it renders itself)."""
    file = setup.files.src_uris.get(src_uri)  # src_uri is already normalised: skip get_file_from_path's PurePath
    if file is None:
        raise KeyError(src_uri)
    return file.page if file.page is not None else Page(None, file, setup.config)


def render_page(setup: RenderSetup, page: Page) -> str:
    """The page's finished HTML: MkDocs' populate and build steps, without writing the file. The page object
    stays on its file (MkDocs' check of links to its anchors reads it) without its Markdown and HTML: kept,
    a worker's thousands of pages held every body twice until the build ended (some 130 MiB a worker at
    30,000 articles)."""
    config, files = setup.config, setup.files
    with internals.current_page(config, page):
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.markdown = ""  # healthpress' on_page_markdown supplies the body it has already read
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            _convert(setup, page)
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
            page.active = True
            context: dict[str, Any] = internals.page_context(setup.nav, setup.doc_files, config, page)
            template = setup.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=setup.nav)
            output = template.render(context)
            return config.plugins.on_post_page(output, page=page, config=config)
        except jinja2.TemplateError as failed:  # its traceback, which names the line, stays in a worker
            remember_where(failed)
            raise
        finally:
            page.active = False
            page.markdown = page.content = None  # see `render_page`'s docstring


def render_body(setup: RenderSetup, src_uri: str, markdown: str) -> tuple[str, str]:
    """(HTML, page address) of `markdown` rendered as the body of the page of `src_uri`, as MkDocs renders
    an editor's own page, without its template: for the checks of a page that is not published."""
    page = page_for(setup, src_uri)
    with internals.current_page(setup.config, page):
        page.markdown = markdown
        _convert(setup, page)
    return page.content or "", page.url


def _convert(setup: RenderSetup, page: Page) -> None:
    """`Page.render` with this process' Markdown object instead of a new one per page."""
    md = setup.markdown_engine()
    md.reset()
    internals.render_markdown(page, md, setup.files, setup.config)
