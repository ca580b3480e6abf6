"""The page-cache keys of one build: the article pages first, then the listings, which show what
rendering the articles taught (summaries, lengths).

A key digests the site's digest (sitedigest.py) and the page's view with what the templates say of
every article in it (fingerprint.py). `serve` passes the memo of its last rebuild (keymemo.py), and
the keys of the pages no change reached are taken from it instead of being made again.
"""

from __future__ import annotations

from typing import Callable

from healthpress.render.context import TemplateContext, build_article_view
from healthpress.build.fingerprint import Described, Fingerprinter
from healthpress.build.keymemo import KeyMemo, structure_digest
from healthpress.render.sitemodel import SiteModel
from healthpress.build.sitepages import PageJob
from healthpress.render.views import Listing


class PageKeys:
    """Keys for the pages of one build of `model`; `context` is the templates' `hp` without a page."""

    def __init__(self, model: SiteModel, context: TemplateContext, memo: KeyMemo | None = None):
        self._model, self._context, self._memo = model, context, memo
        self.articles = Fingerprinter(lambda article: context.facts_of(article, False), track=memo is not None)
        """Article digests with what is known before rendering; the site's digest is made with it too."""
        self._site = ""

    def for_articles(self, site: str, src_uris: list[str]) -> list[PageJob]:
        """The article pages' keys, once the site's digest is made."""
        model, self._site = self._model, site
        if self._memo is not None:
            articles = model.catalog.articles
            self._memo.start(site, structure_digest([*articles, *model.withheld], model.now.date()),
                             {a.src_uri: (a.digest, self._context.facts_of(a, False)) for a in articles})
            self._memo.seed("article", self.articles)
        by_src = model.catalog.by_src
        return [PageJob(u, self._key(u, lambda u=u: self.articles.digest_and_articles(
            "article", site, build_article_view(model, by_src[u])))) for u in src_uris]

    def for_listings(self, listings: list[Listing]) -> list[PageJob]:
        """The listings' keys, once every article is rendered."""
        context = self._context
        digests = Fingerprinter(lambda article: (self.articles.article(article), context.facts_of(article, True)),
                                track=self._memo is not None, inner=self.articles)
        if self._memo is not None:
            self._memo.rendered({a.src_uri: context.facts_of(a, True) for a in self._model.catalog.articles})
            self._memo.seed("listing", digests)
        jobs = [PageJob(listing.src_uri, self._key(listing.src_uri, lambda listing=listing: digests.digest_and_articles(
            "listing", self._site, listing))) for listing in listings]
        if self._memo is not None:
            self._memo.remember("article", self.articles)
            self._memo.remember("listing", digests)
        return jobs

    def _key(self, src_uri: str, make: Callable[[], tuple[str, Described]]) -> str:
        return self._memo.key(src_uri, make) if self._memo is not None else make()[0]
