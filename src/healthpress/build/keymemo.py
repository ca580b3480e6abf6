"""Page keys kept between `healthpress serve`'s rebuilds: after a save that changed article bodies only,
the keys of the pages that show none of those articles are the last build's, not made again.

A page's key (pagekeys.py, for pipeline.py's `Build`) digests the site's digest and the page's view: the
article or listing, every article it shows, and what the templates say of those articles (their facts).
The views are made from the site's inputs (in the site's digest), every article's front matter and the
day (build/loading.py, render/sitemodel.py): while those are the same, every view has the same shape,
and a page's key can change only through the articles it shows. So a rebuild keeps a page's last key
when the site's digest, the front matter of every article and the day are unchanged, and none of the
articles its key described (fingerprint.py tracks them) has new bytes or new facts. Anything else, an
article added, removed or given new front matter, a column, data or configuration file, a new day, or
facts that changed while their article did not (a scheduled article going live), makes every key again,
as a build does.

Only `serve` keeps one (its plugin object lives as long as the preview); `build` makes every key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Callable, Iterable

from healthpress.model.articles import Article
from healthpress.build.fingerprint import Described, Fingerprinter

MakeKey = Callable[[], tuple[str, Described]]
ArticleFacts = tuple[bytes, object]
"""An article's digest, and what the templates say of it before it is rendered."""


def structure_digest(articles: Iterable[Article], day: dt.date) -> bytes:
    """Digest of what the listings, archive and tags are made from besides the site's digest."""
    h = hashlib.blake2b(day.isoformat().encode(), digest_size=20)
    for article in articles:
        h.update(article.src_uri.encode("utf-8") + b"\0" + article.front_digest)
    return h.digest()


@dataclass
class _Build:
    site: str
    structure: bytes
    facts: dict[str, ArticleFacts]
    rendered: dict[str, object] = field(default_factory=dict)
    pages: dict[str, tuple[str, Described]] = field(default_factory=dict)
    article_digests: dict[str, dict[str, tuple[bytes, frozenset[str]]]] = field(default_factory=dict)
    """Each fingerprinter's article digests (an archive page describes thousands of articles)."""


class KeyMemo:
    """The last successful rebuild's page keys, and what they were made from."""

    def __init__(self) -> None:
        self._last: _Build | None = None
        self._this: _Build | None = None
        self._changed: set[str] | None = None
        self.reused = 0

    def start(self, site: str, structure: bytes, facts: dict[str, ArticleFacts]) -> None:
        """A build begins; `facts` holds, for every article, its digest and what templates say of it."""
        self._this, last, self.reused = _Build(site, structure, facts), self._last, 0
        self._changed = None
        if last is None or (last.site, last.structure) != (site, structure) or last.facts.keys() != facts.keys():
            return
        changed = {src_uri for src_uri, known in facts.items() if known != last.facts[src_uri]}
        if all(facts[u][0] != last.facts[u][0] for u in changed):  # facts new only where the article is
            self._changed = changed

    def rendered(self, facts: dict[str, object]) -> None:
        """What rendering the articles taught (summaries, lengths), before the listings are keyed."""
        assert self._this is not None
        self._this.rendered = facts
        if self._changed is not None and self._last is not None:
            last = self._last.rendered
            self._changed |= {src_uri for src_uri, known in facts.items() if known != last.get(src_uri)}

    def seed(self, name: str, fingerprinter: Fingerprinter) -> None:
        """Give the fingerprinter `name` the last build's digests of the articles that did not change."""
        if self._changed is not None and self._last is not None:
            fingerprinter.seed(self._last.article_digests.get(name, {}), self._changed)

    def remember(self, name: str, fingerprinter: Fingerprinter) -> None:
        """Keep the fingerprinter's article digests for the next build."""
        assert self._this is not None
        self._this.article_digests[name] = fingerprinter.known_articles()

    def key(self, src_uri: str, make: MakeKey) -> str:
        """The page's key: the last one when nothing it describes changed, else `make()`'s."""
        assert self._this is not None
        if self._changed is not None and self._last is not None:
            known = self._last.pages.get(src_uri)
            if known is not None and all(part.isdisjoint(self._changed) for part in known[1]):
                self._this.pages[src_uri] = known
                self.reused += 1
                return known[0]
        made = self._this.pages[src_uri] = make()
        return made[0]

    def finish(self) -> None:
        """The build succeeded: its keys are the ones the next rebuild starts from."""
        self._last, self._this = self._this, None
