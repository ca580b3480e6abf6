"""Files written so that a reader never sees half of one, and pages placed by hard link (no healthpress imports)."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path


def read_pickle(path: Path, default):
    """What healthpress pickled into `path`, or `default` when it is missing, cut short or from other code."""
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, TypeError, AttributeError, ImportError):
        return default


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename: a reader sees the old bytes or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def replace_link(source: str, destination: str) -> None:
    """`place` where another file is known to be at `destination`: unlink it and link, no look first."""
    try:
        os.unlink(destination)
        os.link(source, destination)
    except OSError:
        place(source, destination)


def place(source: Path | str, destination: Path | str) -> None:
    """Put a cached page into the site being built: a hard link when possible, else a copy.

    Nothing is done when the destination already is that file (a `serve` preview folder, or the
    previous output a build starts from). The link is tried first: in a fresh staging folder (a cold
    build, a build with no earlier output kept) that is the one system call a page needs."""
    try:
        os.link(source, destination)
        return
    except FileNotFoundError:  # its folder is not made yet (or the source is gone: said below)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
    except FileExistsError:
        try:
            if os.path.samefile(source, destination):
                return
        except OSError:
            pass
        os.unlink(destination)
    except OSError:  # another file system, or links refused: a copy
        shutil.copyfile(source, destination)
        return
    try:
        os.link(source, destination)
    except OSError:
        shutil.copyfile(source, destination)
