"""A folder's files listed with their identity (device and inode), time and size, to tell later which are still the same."""

from __future__ import annotations

import os
from pathlib import Path

Snapshot = dict[str, tuple[tuple[int, int], int, int]]
"""Site-relative POSIX path -> ((device, inode), modification time in ns, size) of each file."""


def list_files(root: Path) -> Snapshot:
    """Every regular file below `root` (symbolic links are not followed)."""
    found: Snapshot = {}
    pending = [("", str(root))]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append((relative + "/", entry.path))
                else:
                    stat = entry.stat(follow_symlinks=False)
                    found[relative] = ((stat.st_dev, stat.st_ino), stat.st_mtime_ns, stat.st_size)
    return found
