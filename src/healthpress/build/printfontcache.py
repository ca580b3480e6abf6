"""The cut print faces (render/printfontcut.py), cut once per build cache and checked before each use.

A cut face is named by what it is made of: the system font file (its path, size and modification time),
the face's index in it, the digest of the character set and uharfbuzz's version. As with the PDFs
(printcache.py), nothing is reused on trust: the digest of a face's bytes is recorded when it is cut (in
print-fonts.json, keyed with the cache secret), and its bytes are checked before a build gives it to
WeasyPrint; a face that fails is cut again, never used. A build without a cache cuts its faces into a
folder of its own (`face_folder`), removed when its PDFs are made, so its PDFs are the same bytes as a
cached build's. Without uharfbuzz, or when a face cannot be cut, no face is cut and the PDFs are set in
the system's faces.

Layout (`.cache/healthpress/<mode>/`):
    print-fonts/<name>.otf   a cut face
    print-fonts.json         name → digest of its bytes
After each build, the faces it did not use are deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from healthpress.engine.log import log
from healthpress.render.printfontcut import cut, cutter_version, set_digest
from healthpress.storage.files import (WRONG, Damaged, digest, is_file, read_json, remove_entry, verified_inode,
                                       write_cache_file, write_json)

INDEX_NAME = "print-fonts.json"
INDEX_VERSION = 1
FOLDER = "print-fonts"


@dataclass(frozen=True, slots=True)
class CutFaces:
    """The cut faces a build gives WeasyPrint: their files (in the cache) and their bytes' digests."""

    files: tuple[str, ...] = ()
    digests: tuple[str, ...] = ()

    @property
    def identity(self) -> str:
        """What a PDF's key holds of them: their digests only (no path)."""
        return ",".join(self.digests)


@contextlib.contextmanager
def face_folder(cache_root: Path | None) -> Iterator[Path]:
    """Where the cut faces are kept: the build cache, or without one a folder of the build's own,
    removed afterwards."""
    if cache_root is not None:
        yield cache_root
        return
    with tempfile.TemporaryDirectory(prefix="healthpress-print-faces-") as folder:
        yield Path(folder)


def cut_faces(root: Path | None, faces: tuple[tuple[str, int], ...], characters: frozenset[int]) -> CutFaces:
    """Each of `faces` (system file, face index) cut to `characters`, from the cache when it holds it
    (checked), else cut now and kept in `root`; none at all when there is no uharfbuzz or one face cannot
    be cut (the PDFs are then set in the system's faces, as without the cut)."""
    version = cutter_version()
    if root is None or version is None or not faces:
        return CutFaces()
    index = _read_index(root)
    wanted: dict[str, str] = {}
    files = []
    for path, face in faces:
        name = _name(path, face, set_digest(characters), version)
        if name is None:
            return _save(root, index, {}, CutFaces())
        file = root / FOLDER / f"{name}.otf"
        recorded = index.get(name)
        outcome = verified_inode(str(file), recorded) if recorded is not None else None
        if isinstance(outcome, tuple) and is_file(str(file), outcome):
            wanted[name] = recorded
        else:
            if outcome == WRONG or isinstance(outcome, tuple):
                log.info(f"打印版用的精简字体 {file.name} 与截取时的记录不符（文件被改动或损坏），已重新截取")
            data = cut(path, face, characters)
            if data is None:
                return _save(root, index, {}, CutFaces())
            try:
                write_cache_file(file, data)
            except OSError:  # a full disk, say: set in the system's faces this time
                return CutFaces()
            wanted[name] = digest(data)
        files.append(str(file))
    return _save(root, index, wanted, CutFaces(tuple(files), tuple(wanted[n] for n in wanted)))


def _name(path: str, face: int, characters: str, version: str) -> str | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    made_of = f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0{face}\0{characters}\0{version}"
    return hashlib.blake2b(made_of.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _save(root: Path, index: dict[str, str], wanted: dict[str, str], faces: CutFaces) -> CutFaces:
    """Keep exactly the faces this build uses."""
    if wanted != index:
        write_json(root / INDEX_NAME, {"version": INDEX_VERSION, "faces": wanted})
    folder = root / FOLDER
    if folder.is_dir() and not folder.is_symlink():
        with os.scandir(folder) as entries:
            for entry in entries:
                if not (entry.is_file(follow_symlinks=False) and entry.name.endswith(".otf")
                        and entry.name[:-4] in wanted):
                    remove_entry(entry.path, quiet=True)
    return faces


def _read_index(root: Path) -> dict[str, str]:
    try:
        data = read_json(root / INDEX_NAME)
    except Damaged:
        return {}
    if not (isinstance(data, dict) and data.get("version") == INDEX_VERSION and isinstance(data.get("faces"), dict)):
        return {}
    return {name: value for name, value in data["faces"].items() if isinstance(value, str)}
