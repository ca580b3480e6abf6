"""Search patches (`serve` only): a shard with a few changed pages keeps its last full bundle and adds a small one.

Pagefind cannot add to or remove from a bundle, and indexing a whole shard again costs ~1.5 s for
500 articles. When only a few of a shard's pages differ from the ones its last full bundle (its
*base*) was made from, the build keeps the base, indexes just those pages into a *patch* bundle
(`pagefind/<shard>.patch/`), and lists in `shards.json` the base's results the patch supersedes:
the Pagefind page id and address of each base page that changed or is gone. search.js drops those
results, so a reader never sees the old text of an edited article nor a deleted one.

The base record (`search-bases/<shard>.json` in the cache) keeps the key of the base bundle, the
page keys it was made from and the Pagefind page id of each address in it (read once, when the base
is made). A build never patches: what it publishes must be what a build without a cache makes, and a
patched shard is not (index.py). Nothing here runs Pagefind.
"""

from __future__ import annotations

import gzip
import os
import json
from dataclasses import dataclass
from pathlib import Path

from healthpress.storage.files import Damaged, read_json, write_json

PATCH_SUFFIX = ".patch"
RECORDS_FOLDER = "search-bases"
FRAGMENT_MAGIC = b"pagefind_dcd"  # Pagefind's gzipped files start with this once decompressed


def patch_limit(max_pages: int) -> int:
    """The most changed pages a patch holds before the shard is indexed whole again."""
    return max(8, max_pages // 10)


@dataclass(frozen=True)
class BaseRecord:
    """The last full bundle of a shard: its cache key, the page keys (site-relative path -> key) it
    holds and Pagefind's page id of each address in it."""

    key: str
    pages: dict[str, str]
    ids: dict[str, str]


@dataclass(frozen=True)
class Patch:
    """What a shard's patch holds: the pages to index again (changed or new) and the pages gone since the base."""

    base: BaseRecord
    changed: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def superseded(self) -> tuple[str, ...]:
        """The base's pages whose results no longer hold."""
        return tuple(path for path in (*self.changed, *self.removed) if path in self.base.pages)


def record_path(cache_root: Path, name: str) -> Path:
    return cache_root / RECORDS_FOLDER / f"{name}.json"


def load_record(cache_root: Path, name: str) -> BaseRecord | None:
    """The shard's record, or None when it has none; raises `Damaged` for one healthpress did not write.
    A link in place of the records' folder is removed, never followed."""
    folder = cache_root / RECORDS_FOLDER
    if os.path.islink(folder):
        os.unlink(folder)
        return None
    data = read_json(record_path(cache_root, name))
    if data is None:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("key"), str) \
            or not all(_strings(data.get(part)) for part in ("pages", "ids")):
        raise Damaged("not a search base record")
    return BaseRecord(data["key"], data["pages"], data["ids"])


def _strings(mapping: object) -> bool:
    return isinstance(mapping, dict) and all(isinstance(value, str) for value in mapping.values())


def save_record(cache_root: Path, name: str, record: BaseRecord) -> None:
    write_json(record_path(cache_root, name), {"key": record.key, "pages": record.pages, "ids": record.ids})


def prune_records(cache_root: Path, shards: set[str]) -> None:
    """Forget the records of shards the plan no longer has (a shard that grew past its limit split)."""
    folder = cache_root / RECORDS_FOLDER
    if os.path.islink(folder):  # never followed: the link is removed
        os.unlink(folder)
    elif folder.is_dir():
        for record in folder.glob("*.json"):
            if record.stem not in shards:
                record.unlink(missing_ok=True)


def plan_patch(base: BaseRecord | None, pages: dict[str, str], max_pages: int) -> Patch | None:
    """The patch that brings `base` to `pages` (path -> key), or None when the shard is better indexed whole:
    no base, nothing in common, or more changed pages than `patch_limit`."""
    if base is None:
        return None
    changed = tuple(sorted(path for path, key in pages.items() if base.pages.get(path) != key))
    removed = tuple(sorted(set(base.pages) - set(pages)))
    touched = len(changed) + len(removed)
    if touched == 0 or touched > patch_limit(max_pages) or 2 * len(changed) >= len(pages):
        return None
    return Patch(base, changed, removed)


def page_url(path: str) -> str:
    """The address Pagefind records for a site-relative HTML file: "a/b/index.html" -> "/a/b/"."""
    return "/" + (path[: -len("index.html")] if path.endswith("index.html") else path)


def fragment_ids(bundle: Path) -> dict[str, str]:
    """The Pagefind page id of each address in a bundle (its fragment files: gzipped JSON with a "url")."""
    ids = {}
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(fragment.read_bytes())
        data = json.loads(raw[len(FRAGMENT_MAGIC):] if raw.startswith(FRAGMENT_MAGIC) else raw)
        ids[str(data["url"])] = fragment.stem
    return ids


def superseded_results(patch: Patch, patch_bundle: Path | None) -> list[list[str]]:
    """[page id, address] of each base result the patch replaces or removes. A changed page whose
    fragment came out the same (same id in both bundles) is left alone: search.js keeps one of the two."""
    base_ids = patch.base.ids
    patch_ids = fragment_ids(patch_bundle) if patch_bundle is not None else {}
    out = []
    for path in patch.superseded:
        url = page_url(path)
        if url in base_ids and base_ids[url] != patch_ids.get(url):
            out.append([base_ids[url], url])
    return sorted(out, key=lambda pair: pair[1])
