"""Every MkDocs private name or undocumented behaviour healthpress relies on, in one place."""

from __future__ import annotations

from mkdocs.structure.files import File


def set_dest_uri(file: File, dest_uri: str) -> None:
    """Give a file a new output path. MkDocs derives `url` and `abs_dest_path` from `dest_uri` once and
    caches them in the instance's __dict__: they are forgotten so that they are derived again."""
    file.dest_uri = dest_uri
    for derived in ("url", "abs_dest_path"):
        file.__dict__.pop(derived, None)
