"""What differs between `healthpress build`, `serve` and `check`, decided once when MkDocs starts."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.structure.files import InclusionLevel


@dataclass(frozen=True, slots=True)
class Mode:
    """How a build runs: published, previewed or only checked; once or again on every save."""

    name: str
    """"build", "serve" or "check": also the cache's subfolder, so that none evicts another's pages."""
    preview: bool
    """Drafts and scheduled articles shown (marked), the local address, no sitemap (a preview is never crawled)."""
    publishes: bool
    """Built into a staging folder and swapped in whole only when the build succeeded (publish.py)."""
    long_lived: bool
    """One process rebuilds on every save: the preview folder, the page keys and serve's memory are kept
    between rebuilds, and the search index is made in the background after the pages are shown."""
    throwaway: bool = False
    """Only checked (`healthpress check`): every page rendered into a folder in the cache that is deleted
    afterwards; site/ never touched; no search index, feeds or sitemap; findings never stop the build."""
    inspection: bool = False
    """The national inspection's levels of the compliance checks (`healthpress check --compliance`)."""

    @classmethod
    def for_command(cls, command: str | None) -> Mode:
        """MkDocs' command (`serve`, `build`, `gh-deploy`) as a mode; a build unless it serves."""
        if command == "serve":
            return cls("serve", preview=True, publishes=False, long_lived=True)
        return cls("build", preview=False, publishes=True, long_lived=False)

    @classmethod
    def for_check(cls, inspection: bool = False) -> Mode:
        """`healthpress check`: the build's pages and rules, nothing published."""
        return cls("check", preview=False, publishes=False, long_lived=False, throwaway=True, inspection=inspection)

    @property
    def writes_sitemap(self) -> bool:
        return not self.preview and not self.throwaway

    def shows(self, inclusion: InclusionLevel) -> bool:
        """Whether readers of this mode's output see a page of this inclusion level."""
        return inclusion.is_in_serve() if self.preview else inclusion.is_included()
