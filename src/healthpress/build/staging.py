"""The previous output recycled as the next build's staging folder, and swept of what that build did not make.

A build writes into a staging folder beside `site/` and swaps it in when it succeeded (publish.py).
Filling an empty staging folder means one hard link per page (15,000 at 10,000 articles) even when
nothing changed. Instead, the output that the last swap replaced is kept aside (`.site.recycle`),
and the next build starts from it: a page whose file there already is the cached page of its key is
left alone (compared by device and inode), every other page is linked anew, and MkDocs and healthpress write the
rest as usual. Published files are never touched: the recycled folder is not published until it is
swapped in whole.

What the recycled folder held and this build did not make must not be published. The files are
listed when the folder is adopted (device and inode, modification time, size); before the swap,
each listed file that is still the same file and that this build did not claim (its pages, its
search bundles) is deleted, and so are the folders it leaves empty. A writer that keeps a file's inode, time and
size while rewriting it (none among MkDocs, material and healthpress) would see its file removed.

A cached page is a hard link shared with the cache and with the published site, so nothing may
write into it in place: healthpress replaces files (rename, or unlink and link), and the files
MkDocs is about to write over are unlinked first when they are shared (`unshare`).

The kept folder is a cache, and is verified before it is reused: whenever a folder is about to become
the kept output (the site a swap replaces, a failed build's staging folder), what it holds is recorded
in a manifest beside it (`.site.recycle.manifest`: every entry's path and type, and for a file its
device and inode, size and modification time). The published site's own record waits in
`.site.manifest` and follows it when the swap keeps it. On adoption the folder is listed again
(symbolic links never followed) and compared: a missing manifest, any entry not listed, of another
type or changed, and the whole folder is discarded; the build then starts from an empty staging folder.
Folders that are empty after the sweep (whether the sweep emptied them or they came empty) are removed.
"""

from __future__ import annotations

import json
import os
import stat as stat_kinds
from collections.abc import Iterable
from pathlib import Path

from healthpress.storage.files import write_atomic
from healthpress.storage.snapshot import Snapshot, list_files, walk

Listing = dict[str, list]
"""Folder-relative POSIX path -> [kind] for a folder ("d"), a symbolic link ("l") or anything else ("o"),
[kind, device, inode, size, mtime_ns] for a regular file ("f")."""


def recycle_dir_for(site_dir: Path) -> Path:
    """Where the output replaced by the last swap is kept for the next build (same file system)."""
    return site_dir.parent / f".{site_dir.name}.recycle"


def manifest_for(folder: Path) -> Path:
    """Where the record of what `folder` holds is kept: beside it, never in it."""
    return folder.parent / f"{folder.name}.manifest"


def list_entries(root: Path) -> Listing:
    """Every entry below `root`, folders and links included; symbolic links are not followed."""
    found: Listing = {}
    for relative, entry in walk(root):
        stat = entry.stat(follow_symlinks=False)
        if stat_kinds.S_ISDIR(stat.st_mode):
            found[relative] = ["d"]
        elif stat_kinds.S_ISREG(stat.st_mode):
            found[relative] = ["f", stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns]
        else:
            found[relative] = ["l" if stat_kinds.S_ISLNK(stat.st_mode) else "o"]
    return found


def record(folder: Path, manifest: Path, listing: Listing | None = None) -> None:
    """Write what `folder` holds (or `listing`, taken of it earlier) to `manifest`; on failure there is
    none, and the folder is never reused (a missing manifest discards it)."""
    try:
        if listing is None:
            listing = list_entries(folder)
        write_atomic(manifest, json.dumps(listing, separators=(",", ":")).encode())
    except OSError:
        forget(manifest)


def forget(manifest: Path) -> None:
    try:
        os.unlink(manifest)
    except OSError:
        pass


def verified(recycle_dir: Path) -> Listing | None:
    """What the kept output holds, when it is exactly what its manifest recorded; else None."""
    if recycle_dir.is_symlink() or not recycle_dir.is_dir():
        return None
    try:
        recorded = json.loads(manifest_for(recycle_dir).read_text(encoding="utf-8"))
        present = list_entries(recycle_dir)
    except (OSError, ValueError):
        return None
    if not isinstance(recorded, dict) or recorded != present:
        return None
    if any(entry[0] not in ("f", "d") for entry in present.values()):
        return None  # no build makes links or special files
    return present


def adopt(recycle_dir: Path, staging_dir: Path) -> Snapshot | None:
    """Move the kept output in as the (empty or missing) staging folder; the files it holds, or None."""
    if not recycle_dir.is_dir() or recycle_dir.is_symlink():
        return None
    try:
        staging_dir.rmdir()  # MkDocs may have left it, cleaned and empty
    except FileNotFoundError:
        pass
    except OSError:
        return None  # something already wrote into it: build from scratch
    os.replace(recycle_dir, staging_dir)
    return list_files(staging_dir)


def unshare(paths: Iterable[Path]) -> None:
    """Unlink those of `paths` that are hard links, so that writing them cannot reach another copy."""
    for path in paths:
        try:
            if os.lstat(path).st_nlink > 1:
                os.unlink(path)
        except FileNotFoundError:
            continue


def sweep(root: Path, snapshot: Snapshot, claimed: set[str], folders: Iterable[str] = ()) -> int:
    """Delete the files of `snapshot` this build neither claimed nor wrote, then the folders left empty
    and those of `folders` (the adopted output's) that are empty.

    Returns how many files were deleted."""
    deleted = 0
    emptied: set[str] = set()
    for relative, before in snapshot.items():
        if relative in claimed:
            continue
        path = f"{root}/{relative}"
        try:
            stat = os.lstat(path)
        except FileNotFoundError:
            continue
        if ((stat.st_dev, stat.st_ino), stat.st_mtime_ns, stat.st_size) == before:
            os.unlink(path)
            deleted += 1
            emptied.add(relative.rpartition("/")[0])
    emptied.update(folders)
    for folder in sorted(emptied, key=lambda f: f.count("/"), reverse=True):
        while folder:
            try:
                os.rmdir(f"{root}/{folder}")
            except OSError:  # not empty (or already gone)
                break
            folder = folder.rpartition("/")[0]
    return deleted
