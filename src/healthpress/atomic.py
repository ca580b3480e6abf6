"""Publish a build atomically: build into a staging folder, swap it in only when it succeeded."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def staging_dir_for(site_dir: Path) -> Path:
    """A sibling of the output folder (same file system, so the swap is a rename)."""
    return site_dir.parent / f".{site_dir.name}.building"


def discard(staging_dir: Path) -> None:
    """Remove a failed or abandoned staging folder."""
    shutil.rmtree(staging_dir, ignore_errors=True)


def publish(staging_dir: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `staging_dir`; the old output is only removed after the swap."""
    previous = site_dir.parent / f".{site_dir.name}.previous"
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        os.replace(site_dir, previous)
    os.replace(staging_dir, site_dir)
    shutil.rmtree(previous, ignore_errors=True)
