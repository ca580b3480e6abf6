"""The page cache: finished pages kept between builds, under a key that digests everything the page shows.

A page's key (pagekeys.py, for pipeline.py's `Build`) digests the healthpress code, MkDocs, material and Markdown, mkdocs.yml, the templates, the column and data files,
the site's file list and nav, and the page's own view (the article, its neighbours, what is known of
them). A changed input gives a new key, so a stale page cannot be found; nothing is ever looked up by
file name or date.

A cached page is a hard link shared with the site folders it was placed in, so an edit of a published
file in place reaches it: no page is reused on trust. The digest of its bytes is recorded when it is
written, and before it is reused (linked into the staging folder, or left where the previous output
holds it) its bytes are read and checked; a page that fails is dropped and rendered again. `serve`
checks each page once in its process (the inodes it checked or wrote are kept in memory).

Layout (`.cache/healthpress/` by default):
    pages/ab/abcdef….html   the finished page
    pages.json              key → what the build learned rendering the page (summary, links, ...) and
                            the digest of its bytes (storage/files.py's JSON, with its own digest)
After a successful build, entries that build did not use are deleted.

pages.json is keyed with the cache secret (storage/files.py), so the digests it records are the ones
this healthpress wrote: a page file swapped with its digest recomputed is not in it. Nothing in pages/
is followed: a link or anything else in place of a folder or a page is removed (never its target).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from healthpress.engine.log import log
from healthpress.render.context import facts_from_json
from healthpress.render.links import PageLinks
from healthpress.storage import resident
from healthpress.storage.files import Damaged, real_folder, remove_entry, read_json, write_json

INDEX_NAME = "pages.json"
INDEX_VERSION = 1
OLD_INDEX_NAME = "pages.pickle"
"""What earlier versions wrote: never read (a pickle can run code), deleted by the next save."""
TRUSTED_NAME = "trusted"
"""Kept in memory only, by `serve` (resident.py): key → (device, inode) of each page file its process
checked or wrote, so that a page is read and checked once per process."""
PAGES_DIR = "pages"
OUTPUT_DIGEST = "output"
"""The key, in a page's facts, of the digest of its bytes (storage/files.py's `digest`)."""
_DIGEST = re.compile(r"[0-9a-f]{32}")


class PageCache:
    """The cache of one build; `root=None` disables it (every lookup misses, nothing is stored)."""

    def __init__(self, root: Path | None):
        self.root = root
        self._index: dict[str, dict] = {}
        self._used: set[str] = set()
        self._trusted: dict[str, tuple[int, int]] = {}
        self._written: set[str] = set()
        self._checked: set[str] = set()
        """Keys whose facts were found well-formed this build."""
        self._changed = False
        self.dropped = 0
        """Pages found damaged or changed this build (dropped, rendered again)."""
        self._pages = str(root / PAGES_DIR) if root is not None else ""
        if root is not None:
            _real_shards(root / PAGES_DIR)
            self._index = dict(resident.load(root / INDEX_NAME, lambda: _read_index(root)))  # a copy: `record` adds to it
            self._trusted = resident.load(root / TRUSTED_NAME, dict)  # serve: what its earlier rebuilds checked

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def path_of(self, key: str) -> Path:
        return Path(self.file_of(key))

    def file_of(self, key: str) -> str:
        assert self.root is not None
        return f"{self._pages}/{key[:2]}/{key}.html"  # a format string: pathlib's joins cost 30 µs a page

    def lookup(self, key: str) -> dict | None:
        """What was recorded with the page of this key (its digest under OUTPUT_DIGEST), or None. The page's
        bytes are not checked here: `trust` or `drop` it once they are."""
        if self.root is None:
            return None
        facts = self._index.get(key)
        if facts is None:
            return None
        if key not in self._checked:
            if not _well_formed(facts):
                self.drop(key, damaged=True)
                return None
            self._checked.add(key)
        self._used.add(key)
        return facts

    def trust(self, key: str, inode: tuple[int, int]) -> None:
        """The page of this key is the file `inode`, whose bytes were just checked against its digest."""
        self._trusted[key] = inode

    def drop(self, key: str, damaged: bool) -> None:
        """Forget the page of this key (`damaged`: its file was there with other bytes, or its facts were
        not well-formed; the build says how many)."""
        self._index.pop(key, None)
        self._used.discard(key)
        self._trusted.pop(key, None)
        self._changed = True
        self.dropped += damaged

    def inode_of(self, key: str) -> tuple[int, int] | None:
        """(device, inode) of the page of a key, when this process checked it or wrote it; else None."""
        known = self._trusted.get(key)
        if known is None and key in self._written:
            try:
                stat = os.lstat(self.file_of(key))
            except OSError:
                return None
            known = self._trusted[key] = (stat.st_dev, stat.st_ino)
        return known

    def reuse_in_place(self, key: str, inode: tuple[int, int]) -> dict | None:
        """What was recorded with the page of this key, without reading it again, when the file `inode` (a
        page already in the site folder) is that page as this process checked or wrote it (serve)."""
        if self._trusted.get(key) != inode:  # a build knows no inodes yet: no look-up at all
            return None
        facts = self._index.get(key)
        if facts is None:
            return None
        self._used.add(key)
        return facts

    def record(self, key: str, facts: dict) -> None:
        """The page of this key was written to the cache, with these facts (its digest among them)."""
        if self.root is not None:
            self._trusted.pop(key, None)  # its file was written again
            self._written.add(key)
            self._checked.add(key)
            self._index[key] = facts
            self._used.add(key)
            self._changed = True

    def save(self) -> None:
        """Keep exactly the entries this build used; written atomically."""
        if self.root is None:
            return
        if self.dropped:
            log.info(f"页面缓存里有 {self.dropped} 个页面与生成时的记录不符（文件被改动或损坏），已丢弃并重新生成")
        old = self.root / OLD_INDEX_NAME
        if not self._changed and self._used == self._index.keys() and not old.exists():
            return  # this build used exactly what the cache holds
        kept = {key: self._index[key] for key in sorted(self._used) if key in self._index}
        resident.store(self.root / INDEX_NAME, kept, lambda: self._write(kept))

    def _write(self, kept: dict[str, dict]) -> None:
        write_json(self.root / INDEX_NAME, {"version": INDEX_VERSION, "pages": kept})
        (self.root / OLD_INDEX_NAME).unlink(missing_ok=True)
        for shard in _real_shards(self.root / PAGES_DIR):
            with os.scandir(shard) as entries:
                for page in entries:
                    name, regular = page.name, page.is_file(follow_symlinks=False)
                    if not regular or not name.endswith(".html") or name[:-5] not in kept:
                        if regular or page.is_symlink():
                            try:
                                os.unlink(page.path)
                            except FileNotFoundError:
                                pass
                        else:
                            remove_entry(page.path)


def _real_shards(pages: Path) -> list[str]:
    """The shard folders of pages/, each a real folder: pages/ itself, or a shard, that is a link (or
    anything but a folder) is removed, the link and never its target, and said once."""
    try:
        if os.path.islink(pages) or (os.path.lexists(pages) and not os.path.isdir(pages)):
            real_folder(pages)
        shards = []
        with os.scandir(pages) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    shards.append(entry.path)
                else:
                    remove_entry(entry.path)
        return shards
    except FileNotFoundError:
        return []


def _read_index(root: Path) -> dict:
    """The index as the last build left it; empty (and said once) when it is damaged or of the old format."""
    try:
        data = read_json(root / INDEX_NAME)
    except Damaged:
        data = False
    if data is None:
        if (root / OLD_INDEX_NAME).exists():
            log.info(f"页面缓存是旧格式（{OLD_INDEX_NAME}），不再读取，已丢弃，页面重新生成")
        return {}
    if not (isinstance(data, dict) and data.get("version") == INDEX_VERSION and isinstance(data.get("pages"), dict)):
        log.info(f"页面缓存的索引（{INDEX_NAME}）已损坏，已丢弃，页面重新生成")
        return {}
    return data["pages"]


def _well_formed(facts: object) -> bool:
    """Whether a page's recorded facts have the types the build expects (never trusted blindly: a wrong
    type would stop the build with a traceback)."""
    if not isinstance(facts, dict) or not isinstance(facts.get(OUTPUT_DIGEST), str) \
            or not _DIGEST.fullmatch(facts[OUTPUT_DIGEST]):
        return False
    if "summary" not in facts:  # a listing: its bytes' digest is all the build reads
        return True
    try:
        summary, characters, links, missing_alt, removed = facts_from_json(facts)
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    texts = [*links.targets, *links.ids, *(text for image in missing_alt for text in (image.src, image.as_written)),
             *(text for removal in removed for text in (removal.code, removal.message, removal.fix, *removal.written))]
    counts = [image.occurrence for image in missing_alt] + [removal.occurrence for removal in removed] \
        + [*links.images]
    return (isinstance(summary, str) and type(characters) is int and isinstance(links, PageLinks)
            and isinstance(links.src_uri, str) and isinstance(links.url, str)
            and all(isinstance(text, str) for text in texts) and all(type(count) is int for count in counts))
