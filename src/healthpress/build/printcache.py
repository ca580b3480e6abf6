"""The print editions' cache: each issue's PDF kept under a key that digests everything it is made from.

The key (printeditions.py) digests the issue's print document as rendered (its articles' bodies as the
site shows them, the template and its stylesheet), the bytes of every image it names, and the versions of
WeasyPrint and the libraries that write the PDF. An issue nothing of which changed keeps its key, and its
PDF is not made again; a changed issue gets a new key, so a stale PDF cannot be found.

As with the pages (pagecache.py), nothing is reused on trust: the digest of a PDF's bytes is recorded
when it is written (in print.json, keyed with the cache secret, storage/files.py), and before it is linked
into the site its bytes are read and checked; a PDF that fails is dropped and made again. Nothing in
print/ is followed: a link or a folder in a PDF's place is removed (never its target).

Layout (`.cache/healthpress/` by default):
    print/ab/abcdef….pdf   the PDF
    print.json             key → {"digest": of its bytes, "size": in bytes}
After a successful build, entries that build did not use are deleted.

A process also keeps the PDFs it made last in memory (`MEMORY_BYTES` at most), by key: a second build
of another copy of the same project in one process (the test suite's) takes them from there instead of
making them again.
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from pathlib import Path

from healthpress.engine.log import log
from healthpress.storage.files import (WRONG, Damaged, digest, is_file, place, read_json, real_folder, remove_entry,
                                       verified_inode, write_atomic, write_cache_file, write_json)

INDEX_NAME = "print.json"
INDEX_VERSION = 1
FOLDER = "print"
MEMORY_BYTES = 64 * 1024 * 1024
_DIGEST = re.compile(r"[0-9a-f]{32}")
_memory: OrderedDict[str, bytes] = OrderedDict()


def remembered(key: str) -> bytes | None:
    """The PDF of this key if this process made or checked it lately."""
    data = _memory.get(key)
    if data is not None:
        _memory.move_to_end(key)
    return data


def remember(key: str, data: bytes) -> None:
    _memory[key] = data
    _memory.move_to_end(key)
    while sum(len(kept) for kept in _memory.values()) > MEMORY_BYTES and len(_memory) > 1:
        _memory.popitem(last=False)


class PrintCache:
    """The print editions' cache of one build; `root=None` disables it (every PDF is written into the site)."""

    def __init__(self, root: Path | None):
        self.root = root
        self._index: dict[str, dict] = _read_index(root) if root is not None else {}
        self._used: set[str] = set()
        self._changed = False
        self.dropped = 0

    def file_of(self, key: str) -> Path:
        assert self.root is not None
        return self.root / FOLDER / key[:2] / f"{key}.pdf"

    def place(self, key: str, destination: Path) -> int | None:
        """The cached PDF of this key, its bytes checked, linked in at `destination`: its size, or None
        when there is none (or it failed the check: dropped)."""
        if self.root is None:
            return None
        entry = self._index.get(key)
        if entry is None:
            return None
        source = str(self.file_of(key))
        outcome = verified_inode(source, entry["digest"])
        if isinstance(outcome, tuple) and not is_file(source, outcome):
            outcome = WRONG
        if not isinstance(outcome, tuple):
            self._index.pop(key, None)
            self._changed = True
            self.dropped += outcome == WRONG
            return None
        place(source, destination)
        self._used.add(key)
        return entry["size"]

    def store(self, key: str, data: bytes, destination: Path) -> None:
        """A PDF just made (or remembered): into the cache and linked in, or written into the site."""
        if self.root is None:
            write_atomic(destination, data)
            return
        write_cache_file(self.file_of(key), data)
        place(self.file_of(key), destination)
        self._index[key] = {"digest": digest(data), "size": len(data)}
        self._used.add(key)
        self._changed = True

    def save(self) -> None:
        """Keep exactly the PDFs this build used; written atomically."""
        if self.root is None:
            return
        if self.dropped:
            log.info(f"打印版缓存里有 {self.dropped} 个 PDF 与生成时的记录不符（文件被改动或损坏），已丢弃并重新生成")
        if not self._changed and self._used == self._index.keys():
            return
        kept = {key: self._index[key] for key in sorted(self._used) if key in self._index}
        write_json(self.root / INDEX_NAME, {"version": INDEX_VERSION, "editions": kept})
        folder = self.root / FOLDER
        if os.path.islink(folder) or (os.path.lexists(folder) and not os.path.isdir(folder)):
            real_folder(folder)
            return
        if not folder.is_dir():
            return
        with os.scandir(folder) as shards:
            for shard in shards:
                if not shard.is_dir(follow_symlinks=False):
                    remove_entry(shard.path)
                    continue
                with os.scandir(shard.path) as entries:
                    for entry in entries:
                        if not (entry.is_file(follow_symlinks=False) and entry.name.endswith(".pdf")
                                and entry.name[:-4] in kept):
                            remove_entry(entry.path, quiet=True)


def _read_index(root: Path) -> dict[str, dict]:
    """The index as the last build left it; empty when it is missing or damaged (said once)."""
    try:
        data = read_json(root / INDEX_NAME)
    except Damaged:
        data = False
    if data is None:
        return {}
    if not (isinstance(data, dict) and data.get("version") == INDEX_VERSION and isinstance(data.get("editions"), dict)):
        log.info(f"打印版缓存的索引（{INDEX_NAME}）已损坏，已丢弃，打印版重新生成")
        return {}
    return {key: entry for key, entry in data["editions"].items()
            if isinstance(entry, dict) and isinstance(entry.get("digest"), str) and _DIGEST.fullmatch(entry["digest"])
            and type(entry.get("size")) is int}
