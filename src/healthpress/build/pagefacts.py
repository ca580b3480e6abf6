"""What rendering the editors' pages teaches a build: summaries and lengths (the listings show them), and
each page's links and images without alt text (checked once every article is rendered)."""

from __future__ import annotations

from mkdocs.structure.files import Files

from healthpress.checks.brokenlinks import broken_link_finding, find_broken_links, site_paths
from healthpress.model.findings import Finding
from healthpress.render.context import RenderedFacts, facts_from_json, facts_to_json
from healthpress.render.links import PageLinks
from healthpress.render.pagehtml import ProcessedPage, missing_alt_finding
from healthpress.render.sitemodel import SiteModel


class PageFacts:
    """The facts of one build's pages, from whichever process rendered them (or the page cache)."""

    def __init__(self, site_url: str):
        self.rendered = RenderedFacts(site_url)
        """What the templates read of every article (summary, length, cover address)."""
        self._pending: dict[str, ProcessedPage] = {}
        self._links: list[PageLinks] = []
        self._missing_alt: list[tuple[str, str]] = []

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
        summary, characters, links, missing_alt = facts_from_json(learned)
        self._links.append(links)
        self._missing_alt += [(src_uri, src) for src in missing_alt]
        self.rendered.summaries[src_uri] = summary
        self.rendered.characters[src_uri] = characters

    def link_and_image_findings(self, model: SiteModel, files: Files, shown_urls: list[str],
                                docs_display: str) -> list[Finding]:
        """Every internal link, image and #anchor must lead somewhere; every image needs alt text."""
        known = site_paths(shown_urls)
        findings = []
        for page, target, reason in find_broken_links(self._links, known):
            findings.append(broken_link_finding(*_source_of(model, page.src_uri, docs_display), target, reason))
        for src_uri, src in self._missing_alt:
            findings.append(missing_alt_finding(*_source_of(model, src_uri, docs_display), src))
        return findings


def _source_of(model: SiteModel, src_uri: str, docs_display: str) -> tuple[str, str, int]:
    """(path as shown, Markdown body, its first line) of an editor's page."""
    article = model.catalog.by_src.get(src_uri)
    shown = model.paths.get(src_uri) or f"{docs_display}/{src_uri}"
    return (shown, article.body, article.body_line) if article else (shown, "", 1)
