"""What rendering the editors' pages teaches a build: summaries and lengths (the listings show them), and
each page's links, images without alt text and what the sanitizer removed (reported once every article is
rendered, each on the line of the body that wrote it, on every build: a cached page keeps its facts)."""

from __future__ import annotations

import posixpath
from collections import Counter
from urllib.parse import unquote, urlsplit

from mkdocs.structure.files import Files
from mkdocs.utils.meta import get_data

from healthpress.checks.brokenlinks import broken_link_finding, find_broken_links, site_paths
from healthpress.model.findings import Finding
from healthpress.render.context import RenderedFacts, facts_from_json, facts_to_json
from healthpress.render.links import PageLinks
from healthpress.render.pagehtml import MissingAlt, ProcessedPage, missing_alt_finding
from healthpress.render.removals import Removal
from healthpress.render.sitemodel import SiteModel


class PageFacts:
    """The facts of one build's pages, from whichever process rendered them (or the page cache)."""

    def __init__(self, site_url: str):
        self.rendered = RenderedFacts(site_url)
        """What the templates read of every article (summary, length, cover address)."""
        self._pending: dict[str, ProcessedPage] = {}
        self._links: list[PageLinks] = []
        self._missing_alt: list[tuple[str, MissingAlt]] = []
        self._removed: list[tuple[str, Removal]] = []

    def rendered_here(self, src_uri: str, processed: ProcessedPage, own: bool) -> None:
        """A page's HTML processed in this process: an article or listing of healthpress' (`own`), handed
        back by `facts_of` after its render, or a page of MkDocs' own loop, learned from at once."""
        if own:
            self._pending[src_uri] = processed
            self.rendered.summaries[src_uri] = processed.summary  # the page's own template shows these
            self.rendered.characters[src_uri] = processed.characters
        else:
            self.absorb(src_uri, facts_to_json(processed))

    def facts_of(self, src_uri: str) -> dict:
        """What rendering this page taught (JSON-ready), for the page cache and for the building process."""
        processed = self._pending.pop(src_uri, None)
        return facts_to_json(processed) if processed is not None else {}

    def absorb(self, src_uri: str, learned: dict) -> None:
        """Take in what a page's render taught, wherever it was rendered or found in the cache."""
        if "summary" not in learned:  # a listing: nothing to learn but its bytes' digest
            return
        summary, characters, links, missing_alt, removed = facts_from_json(learned)
        self._links.append(links)
        self._missing_alt += [(src_uri, image) for image in missing_alt]
        self._removed += [(src_uri, removal) for removal in removed]
        self.rendered.summaries[src_uri] = summary
        self.rendered.characters[src_uri] = characters

    def link_and_image_findings(self, model: SiteModel, files: Files, shown_urls: list[str],
                                docs_display: str) -> list[Finding]:
        """Every internal link, image and #anchor must lead somewhere; every image needs alt text; whatever
        the sanitizer removed is said. Each finding on the line of the body that wrote the thing."""
        known = site_paths(shown_urls)
        sources: dict[str, tuple[str, str, int]] = {}

        def source_of(src_uri: str) -> tuple[str, str, int]:
            if src_uri not in sources:
                sources[src_uri] = _source_of(model, files, src_uri, docs_display)
            return sources[src_uri]

        findings = []
        seen: Counter[tuple[str, str]] = Counter()  # the same address broken twice on a page: which time
        seen_as: Counter[tuple[str, str, str]] = Counter()  # ... and which time as a link, or as an image
        for page, target, reason in find_broken_links(self._links, known):
            kind = page.kind_of([i for i, t in enumerate(page.targets) if t == target][seen[page.src_uri, target]])
            seen[page.src_uri, target] += 1
            occurrence = seen_as[page.src_uri, target, kind]
            seen_as[page.src_uri, target, kind] += 1
            in_raw_html = reason == "missing" and _next_to_source(files, page.src_uri, target)
            findings.append(broken_link_finding(*source_of(page.src_uri), target, reason, occurrence, kind, in_raw_html))
        for src_uri, image in self._missing_alt:
            findings.append(missing_alt_finding(*source_of(src_uri), image))
        for src_uri, removal in self._removed:
            findings.append(removal.finding(*source_of(src_uri)))
        return list(dict.fromkeys(findings))  # one table's cells, say, each losing the same style


def _next_to_source(files: Files, src_uri: str, target: str) -> bool:
    """Whether a relative address names a file of the site taken from the page's own folder: MkDocs
    rewrites such an address in Markdown, so one left as it is was written in an HTML tag."""
    path = urlsplit(target).path
    if not path or path.startswith("/") or urlsplit(target).scheme:
        return False
    return files.get_file_from_path(posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(path)))) \
        is not None


def _source_of(model: SiteModel, files: Files, src_uri: str, docs_display: str) -> tuple[str, str, int]:
    """(path as shown, Markdown body, its first line) of an editor's page: an article's as read (a refused
    one's too), another
    page's as MkDocs reads it (after its front matter)."""
    article = model.catalog.by_src.get(src_uri) or model.refused.get(src_uri)
    shown = model.paths.get(src_uri) or f"{docs_display}/{src_uri}"
    if article:
        return shown, article.text, article.body_line
    file = files.get_file_from_path(src_uri)
    try:
        text = file.content_string if file is not None else ""
    except (OSError, UnicodeDecodeError):
        return shown, "", 1
    body, _ = get_data(text)
    return shown, body, (text[: len(text) - len(body)].count("\n") + 1 if text.endswith(body) else 1)
