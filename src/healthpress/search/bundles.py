"""Search bundles kept between builds, each file checked against the digest recorded when it was cached.

A cached bundle's files are hard links shared with the site folders it was placed in, so an edit of a
published file in place reaches them: a bundle is reused only after every file it lists has been read
and found to hold the bytes it was cached with. A bundle that fails is deleted (the caller indexes the
shard again); files in its folder that its list does not name are never placed.

Layout, under the cache's `search/`:
    <key>/…         the bundle's files, as Pagefind wrote them
    <key>.json      relative path → digest of each file (storage/files.py's JSON, with its own digest)
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from healthpress.storage.files import (Damaged, digest, is_file, place, read_json, real_folder, remove_entry,
                                       verified_inode, write_json)
from healthpress.storage.snapshot import Snapshot, list_files

MANIFEST_VERSION = 1
ENTRY_FILE = "pagefind-entry.json"
_DIGEST = re.compile(r"[0-9a-f]{32}")
Inode = tuple[int, int]


@dataclass(frozen=True)
class CachedBundle:
    """A cached bundle whose files were checked: its folder and each file's identity."""

    folder: Path
    files: dict[str, Inode]


class BundleCache:
    """The bundles under one cache folder (`root`); `root=None` holds none."""

    def __init__(self, root: Path | None):
        self.root = root
        if root is not None and os.path.lexists(root):
            real_folder(root)  # a link in its place is removed, never followed
        self._checked: dict[str, CachedBundle] = {}
        self.dropped = 0
        """Bundles found damaged or changed (deleted; their shards are indexed again)."""

    def get(self, key: str) -> CachedBundle | None:
        """The bundle cached under `key`, its files checked; None when there is none or it fails the check.
        A bundle checked earlier in this index is checked again only if one of its files was replaced."""
        if self.root is None:
            return None
        known = self._checked.get(key)
        if known is not None and all(_identity(f"{known.folder}/{path}") == inode for path, inode in known.files.items()):
            return known
        self._checked.pop(key, None)
        folder, manifest = self.root / key, self.root / f"{key}.json"
        try:
            listed = _listed(read_json(manifest))
        except Damaged:
            listed = None
            self.dropped += 1
        else:
            if listed is None:  # none cached (or a folder an interrupted build left without its list)
                shutil.rmtree(folder, ignore_errors=True)
                return None
        files: dict[str, Inode] = {}
        if listed is not None and not _real_folders(folder, listed):
            self.dropped += 1
            listed = None
        for path, expected in (listed or {}).items():
            outcome = verified_inode(f"{folder}/{path}", expected)
            if not isinstance(outcome, tuple):
                self.dropped += 1
                listed = None
                break
            files[path] = outcome
        if listed is None:
            self.delete(key)
            return None
        self._checked[key] = CachedBundle(folder, files)
        return self._checked[key]

    def put(self, key: str, bundle: Path) -> None:
        """Cache the bundle Pagefind just wrote to `bundle` (its files linked, their digests listed)."""
        if self.root is None:
            return
        self.delete(key)
        listed = {}
        for path in sorted(list_files(bundle)):
            listed[path] = digest((bundle / path).read_bytes())
            place(bundle / path, self.root / key / path)
        write_json(self.root / f"{key}.json", {"version": MANIFEST_VERSION, "files": listed})

    def delete(self, key: str) -> None:
        if self.root is not None:
            self._checked.pop(key, None)
            for path in (self.root / f"{key}.json", self.root / key):  # a link is unlinked, never followed
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    try:
                        os.unlink(path)
                    except FileNotFoundError:
                        pass

    def prune(self, used: set[str]) -> None:
        """Delete every bundle but those of `used` keys, and whatever else the folder holds."""
        if self.root is None or os.path.islink(self.root) or not self.root.is_dir():
            return
        with os.scandir(self.root) as entries:
            for entry in entries:
                name = entry.name
                if entry.is_dir(follow_symlinks=False):
                    if name not in used:
                        shutil.rmtree(entry.path, ignore_errors=True)
                elif not name.endswith(".json") or name[:-5] not in used or not entry.is_file(follow_symlinks=False):
                    try:
                        os.unlink(entry.path)
                    except FileNotFoundError:
                        pass


def place_bundle(bundle: CachedBundle, destination: Path, present: Snapshot | None = None, prefix: str = "") -> list[str]:
    """Place every checked file of `bundle` at the same place under `destination`; their relative paths.

    A file `present` already lists at `prefix + path` as that very (checked) file is left alone."""
    for path, inode in sorted(bundle.files.items()):
        if present is None or present.get(prefix + path, (None,))[0] != inode:
            source = f"{bundle.folder}/{path}"
            if not is_file(source, inode):  # replaced since it was checked: never a link into the site
                raise FileNotFoundError(source)
            place(source, f"{destination}/{path}")
    return sorted(bundle.files)


def _listed(manifest: object) -> dict[str, str] | None:
    """The files a bundle's list names, with their digests; None for no list; Damaged for a list that is not
    one healthpress writes (a path out of the folder, a digest that is no digest, no entry file)."""
    if manifest is None:
        return None
    files = manifest.get("files") if isinstance(manifest, dict) and manifest.get("version") == MANIFEST_VERSION else None
    if not isinstance(files, dict) or ENTRY_FILE not in files:
        raise Damaged("not a bundle's list")
    for path, expected in files.items():
        parts = PurePosixPath(path).parts
        if (not isinstance(expected, str) or not _DIGEST.fullmatch(expected) or not parts or path.startswith("/")
                or any(part in ("", ".", "..") for part in parts) or "\\" in path or path != "/".join(parts)):
            raise Damaged(f"not a bundle's file: {path!r}")
    return files


def _real_folders(folder: Path, listed: dict[str, str]) -> bool:
    """Whether the bundle's folder and every folder its files are in are real folders (no link followed);
    one that is not is removed, the link and never its target."""
    seen: set[str] = set()
    for path in listed:
        parts = path.split("/")[:-1]
        for depth in range(len(parts) + 1):
            inner = "/".join(parts[:depth])
            if inner in seen:
                continue
            seen.add(inner)
            where = f"{folder}/{inner}" if inner else str(folder)
            if os.path.islink(where) or (os.path.lexists(where) and not os.path.isdir(where)):
                remove_entry(where)
                return False
    return True


def _identity(path: str) -> Inode | None:
    try:
        stat = os.lstat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino
