"""The site model: every page's content as the build will render it (catalog, listings, findings).

build/loading.py makes it; the templates' context (context.py) and the inspection (checks/) read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from healthpress.bureau.interpretation import Interpretations
from healthpress.model.articles import Article
from healthpress.model.catalog import Catalog
from healthpress.model.columns import Column
from healthpress.model.findings import Finding, Level
from healthpress.model.publication import publication_state
from healthpress.render.views import Listing

HOME_PAGE = "index.md"


@dataclass
class SiteModel:
    """Everything the build needs to know about the site's content."""

    columns: dict[str, Column]
    catalog: Catalog
    listings: list[Listing]
    withheld: list[Article]
    findings: list[Finding]
    now: dt.datetime
    paths: dict[str, str] = field(repr=False)
    preview: bool = False
    disclosures: dict = field(default_factory=dict, repr=False)
    """The government-information disclosure table of each official document, by src_uri."""
    letters: dict = field(default_factory=dict, repr=False)
    """The letters of the letters columns (局长信箱), by src_uri."""
    refused: dict[str, Article] = field(default_factory=dict, repr=False)
    """The articles refused for their own errors, as far as they could be read, by src_uri: never shown,
    their bodies still checked (rendered into the build's pages' facts, not published)."""
    interpretations: Interpretations = field(default_factory=Interpretations, repr=False)
    """The documents each 解读 interprets and the 解读 of each document (bureau/interpretation.py)."""
    interviews: dict = field(default_factory=dict, repr=False)
    """The interviews of the interviews columns (在线访谈), by src_uri."""
    surveys: dict = field(default_factory=dict, repr=False)
    """The surveys of the surveys columns (征集调查), by src_uri."""

    @property
    def has_errors(self) -> bool:
        return any(f.level is Level.ERROR for f in self.findings)

    def state(self, article: Article) -> str:
        return publication_state(article, self.now)

    @property
    def text_checked(self) -> list[Article]:
        """The articles whose wording and leaders are judged: those published, then those scheduled (dated
        later, judged now on their own date, so the build that publishes them tells nothing new)."""
        return [*self.catalog.articles, *(a for a in self.withheld if self.state(a) == "scheduled")]
