"""Every MkDocs private name and undocumented behaviour healthpress relies on, in one place.

MkDocs 1.6 is frozen, and ProperDocs 1.6 (its continuation) keeps these the same; a release of either
that changes one breaks tests/unit/test_engine_internals.py, which checks each function here against
the engine it runs on. Nothing else in healthpress may use a private name of the engine: it calls these.
(The switch that makes `mkdocs.*` resolve to ProperDocs runs before any engine import: engine/choice.py.)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import markdown
import mkdocs
from mkdocs.commands import build as _build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import (Page, _ExtractAnchorsTreeprocessor, _ExtractTitleTreeprocessor,
                                    _RawHTMLPreprocessor, _RelativePathTreeprocessor)
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

DERIVED_FROM_DEST_URI = ("url", "abs_dest_path")
"""The `File` properties MkDocs computes from `dest_uri` on first use and then keeps (cached_property)."""


def engine_name() -> str:
    """The package `mkdocs.*` imports resolve to: "mkdocs", or "properdocs" (engine/choice.py)."""
    return mkdocs.__name__


def engine_version() -> str:
    """The engine and its version, e.g. "mkdocs 1.6.1" or "properdocs 1.6.7": a ProperDocs venv holds the
    `mkdocs` distribution too (material requires it), so its version does not tell which one runs."""
    return f"{mkdocs.__name__} {mkdocs.__version__}"


def engine_logger() -> logging.Logger:
    """The logger every engine message goes through, and the one strict mode counts warnings on:
    "mkdocs", or "properdocs" under ProperDocs (which hangs "mkdocs" beneath it)."""
    return logging.getLogger(engine_name())


DIRTY_BUILD_WARNING = "'dirty' build"
"""Part of the warning `build()` logs on every dirty (`serve`) rebuild, about stale navigation."""


def build_logger() -> logging.Logger:
    """The logger of the engine's build module, which logs the dirty-build warning (DIRTY_BUILD_WARNING)."""
    return _build.log


def strict_warnings_counted() -> bool:
    """True when strict mode's counter saw a warning, so the build is about to abort. Relies on
    `build()` adding a `CountHandler` to the engine logger in strict mode, and removing it after."""
    return any(isinstance(h, CountHandler) and h.get_counts() for h in engine_logger().handlers)


def absolute_links_from_docs(config: MkDocsConfig) -> None:
    """MkDocs' `validation.links.absolute_links: relative_to_docs`: a Markdown link or image starting with
    `/` names a file of the docs folder (`/press/a.md`, `/assets/a.png`) and is made relative to the page,
    as a relative one is. Relies on the private enum MkDocs 1.6 parses that setting into."""
    try:
        from mkdocs.config.defaults import _AbsoluteLinksValidationValue
    except ImportError:  # an engine without it: `/…` is still the site's root (render/links.py), not a file
        return
    config.validation.links.absolute_links = _AbsoluteLinksValidationValue.RELATIVE_TO_DOCS


def set_dest_uri(file: File, dest_uri: str) -> None:
    """Publish `file` at `dest_uri`. `File.url` and `File.abs_dest_path` are cached_properties derived
    from `dest_uri` on first use; relies on their cached value living in the instance `__dict__`."""
    file.dest_uri = dest_uri
    for derived in DERIVED_FROM_DEST_URI:
        file.__dict__.pop(derived, None)


def always_modified(file: File) -> None:
    """Make a dirty (`serve`) rebuild render this page every time. Relies on `_build_page` skipping a
    page when `page.file.is_modified()` is false, and on an instance attribute shadowing that method."""
    file.is_modified = lambda: True


@contextmanager
def current_page(config: MkDocsConfig, page: Page) -> Iterator[None]:
    """The page being rendered, while it is. Relies on `config._current_page`, which MkDocs'
    `_populate_page` and `_build_page` set and the `!relative` YAML tag of `markdown_extensions` reads."""
    config._current_page = page
    try:
        yield
    finally:
        config._current_page = None


def page_context(nav: Navigation, doc_files: list[File], config: MkDocsConfig, page: Page) -> dict[str, Any]:
    """A page's template context as `_build_page` makes it: `mkdocs.commands.build.get_context`
    (public in the module, not in the documented plugin API)."""
    return _build.get_context(nav, doc_files, config, page)


def render_markdown(page: Page, md: markdown.Markdown, files: Files, config: MkDocsConfig) -> None:
    """`Page.render` with a `Markdown` object made (and reset) by the caller instead of a new one per page:
    sets the page's content, toc, title from its first h1 and anchor ids. Relies on the private pre- and
    treeprocessors `Page.render` registers (`_RawHTMLPreprocessor`, `_ExtractAnchorsTreeprocessor`,
    `_RelativePathTreeprocessor`, `_ExtractTitleTreeprocessor`), their `_register(md)` and attributes,
    and on `Page._title_from_render`."""
    raw_html = _RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = _ExtractAnchorsTreeprocessor(page.file, files, config)
    anchors._register(md)
    _RelativePathTreeprocessor(page.file, files, config)._register(md)
    title = _ExtractTitleTreeprocessor()
    title._register(md)
    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = title.title
    page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids


def watched_paths(server) -> dict[str, int]:
    """Each path the preview server (`LiveReloadServer`) watches, and how many times it was asked to:
    its private `_watched_paths`."""
    return dict(server._watched_paths)


def forget_watches(server) -> None:
    """Make the preview server forget every watch without unscheduling it (its observer is being
    replaced): clears its private `_watched_paths` and `_watch_refs`."""
    server._watched_paths.clear()
    server._watch_refs.clear()


@contextmanager
def serve_command_using(build: Callable[..., None], server_class: Callable[..., Any]) -> Iterator[None]:
    """While it lasts, the engine's `serve()` (mkdocs.commands.serve) runs every build, its first one
    included, through `build`, and makes its preview server with `server_class`. Relies on `serve()`
    looking up its module's names `build` and `LiveReloadServer` each time it runs."""
    from mkdocs.commands import serve as _serve_command  # here: a build need not load the server

    saved = _serve_command.build, _serve_command.LiveReloadServer
    _serve_command.build, _serve_command.LiveReloadServer = build, server_class
    try:
        yield
    finally:
        _serve_command.build, _serve_command.LiveReloadServer = saved


def last_finished_build(server) -> int:
    """Wait for the preview server's rebuild under way (if one is) to end; then the number (epoch) of
    the last build it finished, as it waits before serving a page. Relies on its private `_epoch_cond`,
    `_visible_epoch` and `_wanted_epoch`."""
    with server._epoch_cond:
        server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)
        return server._visible_epoch


def with_livereload_script(server, html: bytes, epoch: int) -> bytes:
    """`html` with the script the preview server adds to each page it serves: the page reloads itself
    once a build newer than `epoch` is done. Relies on the server's private `_inject_js_into_html`."""
    return server._inject_js_into_html(html, epoch)
