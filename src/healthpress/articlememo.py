"""Parsed articles kept between builds: a file is read and checked again only when it has changed.

An entry is reused while the file's size, modification and change times and inode are those it was
parsed with, and the healthpress code, the limits and the name shown in findings are the same; its
findings are kept with it, so a warning is reported on every build, not only the first. Stored as
one pickle in the page cache's folder (written by healthpress alone, never by editors' commits).
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from . import resident
from .pagecache import write_atomic

FILE_NAME = "articles.pickle"

Stamp = tuple[int, int, int, int]


def stamp_of(stat: os.stat_result) -> Stamp:
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


class ArticleMemo:
    """`root=None` disables it."""

    def __init__(self, root: Path | None, salt: str):
        self.root, self.salt = root, salt
        self._entries: dict[str, tuple[Stamp, str, object]] = {}
        self._kept: dict[str, tuple[Stamp, str, object]] = {}
        self.reused = 0
        self._put = False
        if root is not None:
            saved_salt, entries = resident.load(root / FILE_NAME, self._read)
            if saved_salt == salt:
                self._entries = entries

    def _read(self) -> tuple[str | None, dict]:
        try:
            return pickle.loads((self.root / FILE_NAME).read_bytes())
        except (OSError, ValueError, EOFError, pickle.UnpicklingError, TypeError, AttributeError, ImportError):
            return None, {}

    def get(self, src_uri: str, stamp: Stamp, shown: str):
        entry = self._entries.get(src_uri)
        if entry is None or entry[0] != stamp or entry[1] != shown:
            return None
        self._kept[src_uri] = entry
        self.reused += 1
        return entry[2]

    def put(self, src_uri: str, stamp: Stamp, shown: str, result) -> None:
        self._kept[src_uri] = (stamp, shown, result)
        self._put = True

    def save(self) -> None:
        """Keep the entries of this build's files only (nothing is written when they are the saved ones)."""
        if self.root is not None and (self._put or self._kept.keys() != self._entries.keys()):
            path, value = self.root / FILE_NAME, (self.salt, self._kept)
            resident.store(path, value, lambda: write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))
