"""Files written so that a reader never sees half of one, cache files that hold data only and say when
they are damaged, and pages placed by hard link after their bytes are checked (no healthpress imports)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

JSON_HEADER = b"healthpress-cache-json-1 "
"""The first line of a cache file `write_json` wrote: this, then the digest of the JSON below it."""


class Damaged(Exception):
    """A cache file that is cut short, garbled, of another format, or holding what healthpress never wrote."""


def digest(data: bytes) -> str:
    """The digest a cache keeps of bytes it will reuse (a page, a search bundle's file): SHA-256, which
    processors compute in hardware (a build checks every page it reuses: 40 MB at 1,000 articles)."""
    return hashlib.sha256(data).hexdigest()[:32]


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename: a reader sees the old bytes or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:  # a full disk, say: the half-written temporary file must not stay behind
        temporary.unlink(missing_ok=True)
        raise


def write_json(path: Path, value: object) -> None:
    """`value` (JSON-ready) as JSON, after a line with the digest of that JSON, written atomically."""
    try:
        body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: escaped, as UTF-8 cannot hold it
        body = json.dumps(value, separators=(",", ":")).encode("ascii")
    write_atomic(path, JSON_HEADER + digest(body).encode("ascii") + b"\n" + body)


def read_json(path: Path) -> object:
    """What `write_json` wrote to `path`; None when there is no such file.

    Raises `Damaged` when the file cannot be read or its JSON is not the one its digest was made of."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Damaged(str(exc)) from exc
    head, newline, body = data.partition(b"\n")
    if not newline or head != JSON_HEADER + digest(body).encode("ascii"):
        raise Damaged(f"{path.name}: not written whole by healthpress")
    try:
        return json.loads(body)
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise Damaged(f"{path.name}: {exc}") from exc


WRONG = "wrong"
"""`verified_inode`'s answer for a file that is there with other bytes than recorded."""


def verified_inode(path: str, expected: str) -> tuple[int, int] | str | None:
    """(device, inode) of the file at `path` when its bytes have the digest `expected`; `WRONG` when they
    have not; None when there is no such file. The identity is the opened file's, so a page left in place
    because it is this file holds the bytes checked here."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))  # no buffered file: 10% of the time
    except FileNotFoundError:
        return None
    except OSError:
        return WRONG
    try:
        stat = os.fstat(descriptor)
        data = os.read(descriptor, stat.st_size + 1)  # one more byte: a file that grew meanwhile shows it
        while len(data) < stat.st_size:
            more = os.read(descriptor, stat.st_size - len(data) + 1)
            if not more:
                break
            data += more
    except OSError:
        return WRONG
    finally:
        os.close(descriptor)
    return (stat.st_dev, stat.st_ino) if digest(data) == expected else WRONG


def replace_link(source: str, destination: str) -> None:
    """`place` where another file is known to be at `destination`: unlink it and link, no look first."""
    try:
        os.unlink(destination)
        os.link(source, destination)
    except OSError:
        place(source, destination)


def place(source: Path | str, destination: Path | str) -> None:
    """Put a cached file (checked by the caller) into the site being built: a hard link when possible,
    else a copy.

    Nothing is done when the destination already is that file (a `serve` preview folder, or the
    previous output a build starts from). The link is tried first: in a fresh staging folder (a cold
    build, a build with no earlier output kept) that is the one system call a page needs."""
    try:
        os.link(source, destination)
        return
    except FileNotFoundError:  # its folder is not made yet (or the source is gone: said below)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
    except FileExistsError:
        try:
            if os.path.samefile(source, destination):
                return
        except OSError:
            pass
        os.unlink(destination)
    except OSError:  # another file system, or links refused: a copy
        shutil.copyfile(source, destination)
        return
    try:
        os.link(source, destination)
    except OSError:
        shutil.copyfile(source, destination)
