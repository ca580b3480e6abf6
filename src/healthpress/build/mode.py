"""What differs between `healthpress build` and `healthpress serve`, decided once when MkDocs starts."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.structure.files import InclusionLevel


@dataclass(frozen=True, slots=True)
class Mode:
    """How a build runs: published or previewed, once or again on every save."""

    name: str
    """"build" or "serve": also the cache's subfolder, so that neither evicts the other's pages."""
    preview: bool
    """Drafts and scheduled articles shown (marked), the local address, no sitemap (a preview is never crawled)."""
    publishes: bool
    """Built into a staging folder and swapped in whole only when the build succeeded (publish.py)."""
    long_lived: bool
    """One process rebuilds on every save: the preview folder, the page keys and serve's memory are kept
    between rebuilds, and the search index is made in the background after the pages are shown."""

    @classmethod
    def for_command(cls, command: str | None) -> Mode:
        """MkDocs' command (`serve`, `build`, `gh-deploy`) as a mode; a build unless it serves."""
        if command == "serve":
            return cls("serve", preview=True, publishes=False, long_lived=True)
        return cls("build", preview=False, publishes=True, long_lived=False)

    @property
    def writes_sitemap(self) -> bool:
        return not self.preview

    def shows(self, inclusion: InclusionLevel) -> bool:
        """Whether readers of this mode's output see a page of this inclusion level."""
        return inclusion.is_in_serve() if self.preview else inclusion.is_included()
