"""The leader and wording checks of the articles (checks/compliance.py), run where each page is rendered.

A build makes one `TextChecks` (its phrase automaton among it) in the main process once the data files are
read; the forked page workers inherit it, check each article as they render its page, and hand the findings
back with the page's facts, which the page cache keeps, so a page taken from the cache reports them again.
The build then reports them as `check_text` would: every article's leader findings, then every article's
wording findings, in the catalog's order, at the levels of the build (or of the inspection).
"""

from __future__ import annotations

from typing import Mapping

from healthpress.bureau.data import BureauData
from healthpress.checks.compliance import apply_levels, article_text_findings, text_finder
from healthpress.checks.inspection import levels_for
from healthpress.model.articles import Article
from healthpress.model.findings import Finding, Level

TEXT = "text"
"""The key, in an article page's facts, of its text findings: {"leaders": [...], "terms": [...]}."""
KINDS = ("leaders", "terms")


class TextChecks:
    """The checks of one build: its data's leaders and terms, the automaton of their phrases, its levels."""

    def __init__(self, bureau: BureauData, levels: Mapping[str, Level | None]):
        self.leaders, self.terms, self.levels = bureau.leaders, list(bureau.terms), levels
        self.finder = text_finder(self.leaders, self.terms)

    @classmethod
    def for_build(cls, bureau: BureauData, inspection: bool, configured: Mapping[str, str] | None
                  ) -> TextChecks | None:
        """None when there is nothing to check, or the levels in mkdocs.yml are wrong (reported already:
        the inspection does not run)."""
        if not (bureau.leaders or bureau.terms):
            return None
        try:
            levels = levels_for(build=not inspection, configured=configured)
        except ValueError:
            return None
        return cls(bureau, levels)

    def of(self, article: Article) -> dict:
        """One article's findings, JSON-ready for its page's facts (an article printed verbatim has none)."""
        if article.verbatim:
            return {kind: [] for kind in KINDS}
        found = article_text_findings(article, self.leaders, self.terms, self.finder)
        return {kind: [[f.line, f.field, f.code, f.message, f.fix] for f in findings]
                for kind, findings in zip(KINDS, found)}

    def findings(self, articles: list[Article], learned: Mapping[str, dict], paths: Mapping[str, str]
                 ) -> list[Finding]:
        """Every article's findings from its page's facts (checked here when they hold none), leaders' first."""
        by_kind: dict[str, list[Finding]] = {kind: [] for kind in KINDS}
        for article in articles:
            text = (learned.get(article.src_uri) or {}).get(TEXT)
            if not well_formed(text):
                text = self.of(article)
            shown = paths.get(article.src_uri, article.src_uri)
            for kind in KINDS:
                by_kind[kind] += [Finding(shown, *finding) for finding in text[kind]]
        return apply_levels(by_kind["leaders"] + by_kind["terms"], self.levels)


def well_formed(text: object) -> bool:
    """Whether a page's recorded text findings have the form `TextChecks.of` gives them."""
    return isinstance(text, dict) and all(
        isinstance(text.get(kind), list) and all(
            isinstance(f, list) and len(f) == 5 and (f[0] is None or type(f[0]) is int)
            and (f[1] is None or isinstance(f[1], str)) and all(isinstance(part, str) for part in f[2:])
            for f in text[kind])
        for kind in KINDS)
