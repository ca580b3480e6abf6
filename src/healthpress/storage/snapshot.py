"""A folder's files listed with their identity (device and inode), time and size, to tell later which are still the same."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

Snapshot = dict[str, tuple[tuple[int, int], int, int]]
"""Site-relative POSIX path -> ((device, inode), modification time in ns, size) of each file."""


def walk(root: Path) -> Iterator[tuple[str, os.DirEntry]]:
    """Every entry below `root` with its root-relative POSIX path, folders before what they hold;
    symbolic links are listed, never followed."""
    pending = [("", str(root))]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                relative = prefix + entry.name
                yield relative, entry
                if entry.is_dir(follow_symlinks=False):
                    pending.append((relative + "/", entry.path))


def list_files(root: Path) -> Snapshot:
    """Every entry below `root` that is not a folder (symbolic links are not followed)."""
    found: Snapshot = {}
    for relative, entry in walk(root):
        if not entry.is_dir(follow_symlinks=False):
            stat = entry.stat(follow_symlinks=False)
            found[relative] = ((stat.st_dev, stat.st_ino), stat.st_mtime_ns, stat.st_size)
    return found
