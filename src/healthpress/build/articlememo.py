"""Parsed articles kept between builds: a file is read and checked again only when it has changed.

An entry is reused while the file's size, modification and change times and inode are those it was
parsed with, and the healthpress code, the limits and the name shown in findings are the same; its
findings are kept with it, so a warning is reported on every build, not only the first. Stored in
the page cache's folder (written by healthpress alone, never by editors' commits) as 64 pickles,
each article in the one its path falls into, so a build that changed one article rewrites 1/64 of
the memo (at 10,000 articles: 0.7 MiB instead of 43 MiB).
"""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path

from healthpress.storage import resident
from healthpress.storage.files import read_pickle, write_atomic

FOLDER = "articles"
BUCKETS = 64
OLD_FILE_NAME = "articles.pickle"
"""The single file earlier versions wrote; removed on the first save."""

Stamp = tuple[int, int, int, int]
Entry = tuple[Stamp, str, object]


def stamp_of(stat: os.stat_result) -> Stamp:
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def bucket_of(src_uri: str) -> int:
    """The memo file of an article (the same in every process: not Python's salted hash)."""
    return zlib.crc32(src_uri.encode("utf-8")) % BUCKETS


class ArticleMemo:
    """`root=None` disables it."""

    def __init__(self, root: Path | None, salt: str):
        self.root, self.salt = root, salt
        self._entries: dict[str, Entry] = {}
        self._saved: list[frozenset[str]] = [frozenset()] * BUCKETS
        self._kept: dict[str, Entry] = {}
        self._changed: set[int] = set()
        self.reused = 0
        if root is not None:
            for bucket in range(BUCKETS):
                path = self._path(bucket)
                saved_salt, entries = resident.load(path, lambda path=path: read_pickle(path, (None, {})))
                if saved_salt == salt:
                    self._entries.update(entries)
                    self._saved[bucket] = frozenset(entries)

    def _path(self, bucket: int) -> Path:
        assert self.root is not None
        return self.root / FOLDER / f"{bucket:02d}.pickle"

    def get(self, src_uri: str, stamp: Stamp, shown: str):
        entry = self._entries.get(src_uri)
        if entry is None or entry[0] != stamp or entry[1] != shown:
            return None
        self._kept[src_uri] = entry
        self.reused += 1
        return entry[2]

    def put(self, src_uri: str, stamp: Stamp, shown: str, result) -> None:
        self._kept[src_uri] = (stamp, shown, result)
        self._changed.add(bucket_of(src_uri))

    def save(self) -> None:
        """Keep the entries of this build's files only; a file is written only when its entries changed."""
        if self.root is None:
            return
        buckets: list[dict[str, Entry]] = [{} for _ in range(BUCKETS)]
        for src_uri, entry in self._kept.items():
            buckets[bucket_of(src_uri)][src_uri] = entry
        for bucket, kept in enumerate(buckets):
            if bucket in self._changed or kept.keys() != self._saved[bucket]:
                path, value = self._path(bucket), (self.salt, kept)
                resident.store(path, value,
                               lambda path=path, value=value: write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))
        (self.root / OLD_FILE_NAME).unlink(missing_ok=True)
