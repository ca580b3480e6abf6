"""Files written so that a reader never sees half of one, cache files that hold data only and say when
they are damaged, and pages placed by hard link after their bytes are checked.

Nothing in a cache folder is followed or waited on: a cache file is opened without following a symbolic
link and without blocking (a FIFO), and read only when the opened file is a regular file; whatever else
stands at its place (a link, a FIFO, a folder) is removed — the link, never what it points to — and the
file counts as missing. Every cache JSON file carries a digest keyed with this user's secret
(storage/secret.py), so a file that this healthpress did not write for this user is not read."""

from __future__ import annotations

import errno
import hashlib
import hmac
import json
import logging
import os
import shutil
import stat as stat_module
from pathlib import Path

from healthpress.storage.secret import cache_secret



class _Prefixed(logging.LoggerAdapter):
    """Lines of healthpress' plugin logger, taken by name: this layer imports no engine (ProperDocs hangs
    the `mkdocs` loggers under its own)."""

    def process(self, msg, kwargs):
        return f"healthpress: {msg}", kwargs


log = _Prefixed(logging.getLogger("mkdocs.plugins.healthpress.storage"), {})

JSON_HEADER = b"healthpress-cache-json-2 "
"""The first line of a cache file `write_json` wrote: this, then the keyed digest of the JSON below it."""
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


class Damaged(Exception):
    """A cache file that is cut short, garbled, of another format, or holding what healthpress never wrote."""


class NotRegular(Damaged):
    """Something other than a regular file stood at a cache file's place (it has been removed)."""


def digest(data: bytes) -> str:
    """The digest a cache keeps of bytes it will reuse (a page, a search bundle's file): SHA-256, which
    processors compute in hardware (a build checks every page it reuses: 40 MB at 1,000 articles). It is
    kept in a keyed JSON file, so it cannot be recomputed for other bytes by whoever edits the cache."""
    return hashlib.sha256(data).hexdigest()[:32]


def keyed_digest(body: bytes, secret: bytes) -> str:
    """HMAC-SHA-256 of `body` with the cache secret: what only this user's healthpress can make."""
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def remove_entry(path: Path | str, what: str = "", quiet: bool = False) -> None:
    """Remove whatever is at `path` without following a link: a link or a FIFO is unlinked, a real folder
    removed with what it holds. Says so in one line (unless `quiet`: a folder known to be dropped)."""
    try:
        found = os.lstat(path)
    except OSError:
        return
    try:
        if stat_module.S_ISDIR(found.st_mode):
            shutil.rmtree(path)  # never follows links inside: a link there is unlinked
        else:
            os.unlink(path)
    except FileNotFoundError:
        pass
    if quiet:
        return
    kind = ("符号链接" if stat_module.S_ISLNK(found.st_mode) else "文件夹" if stat_module.S_ISDIR(found.st_mode)
            else "管道或特殊文件")
    log.info(f"缓存里的 {what or os.path.basename(path)} 是{kind}，不是普通文件，已删除（不跟随链接），重新生成")


def real_folder(path: Path) -> Path:
    """`path` as a real folder (made when missing): a link or anything else in its place is removed first."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        found = None
    if found is not None and not stat_module.S_ISDIR(found.st_mode):
        remove_entry(path)
    path.mkdir(parents=True, exist_ok=True)
    return path


def open_regular(path: Path | str) -> tuple[int, os.stat_result] | None:
    """An open descriptor of the regular file at `path` (not followed if a link, never blocking) and its
    status; None when nothing is there. Raises `NotRegular` (after removing it) for anything else there,
    `Damaged` when it cannot be opened."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO, errno.EMLINK, errno.ENOTDIR):
            remove_entry(path)
            raise NotRegular(str(path)) from exc
        raise Damaged(str(exc)) from exc
    try:
        found = os.fstat(descriptor)
    except OSError as exc:
        os.close(descriptor)
        raise Damaged(str(exc)) from exc
    if not stat_module.S_ISREG(found.st_mode):
        os.close(descriptor)
        remove_entry(path)
        raise NotRegular(str(path))
    return descriptor, found


def _read_all(descriptor: int, size: int) -> bytes:
    data = os.read(descriptor, size + 1)  # one more byte: a file that grew meanwhile shows it
    while len(data) < size:
        more = os.read(descriptor, size - len(data) + 1)
        if not more:
            break
        data += more
    return data


def read_regular(path: Path | str) -> bytes | None:
    """The bytes of the regular file at `path`; None when there is none (see `open_regular`)."""
    opened = open_regular(path)
    if opened is None:
        return None
    descriptor, found = opened
    try:
        return _read_all(descriptor, found.st_size)
    except OSError as exc:
        raise Damaged(str(exc)) from exc
    finally:
        os.close(descriptor)


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename: a reader sees the old bytes or the new, never half. The
    temporary file is made anew, never written through a link standing at its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        _write_new(temporary, data)
        os.replace(temporary, path)
    except BaseException:  # a full disk, say: the half-written temporary file must not stay behind
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


def _write_new(temporary: Path, data: bytes) -> None:
    """`data` into a file made at `temporary`: whatever was left there (a file, a link) is removed first,
    never followed."""
    try:
        descriptor = os.open(temporary, _NEW_FILE, 0o666)
    except FileExistsError:  # left behind, or put there: removed, never written through
        remove_entry(temporary, quiet=True)
        descriptor = os.open(temporary, _NEW_FILE, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
    finally:
        os.close(descriptor)


class RefusedTarget(OSError):
    """A file an editor named that is not written: `kind` says why ("no-folder": its folder does not exist,
    "parent-file": its folder's name is a file's;
    "folder", "link", "special": what stands at its name is a folder, a symbolic link, a device or pipe)."""

    def __init__(self, kind: str, path: Path) -> None:
        super().__init__({"no-folder": errno.ENOENT, "parent-file": errno.ENOTDIR}.get(kind, errno.EEXIST), kind,
                         str(path))
        self.kind = kind
        self.path = path


def export_refusal(path: Path) -> RefusedTarget | None:
    """Why `write_export` would not write `path`, or None: a folder that does not exist is a mistyped path,
    never made silently; only a regular file (or nothing) at `path` is replaced: a link is neither replaced
    nor written through, a folder or a device is not a file."""
    if not path.parent.is_dir():
        return RefusedTarget("parent-file" if path.parent.exists() else "no-folder", path.parent)
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError:
        return None  # said by the write itself (no permission, ...)
    if stat_module.S_ISLNK(found.st_mode):
        return RefusedTarget("link", path)
    if stat_module.S_ISDIR(found.st_mode):
        return RefusedTarget("folder", path)
    if not stat_module.S_ISREG(found.st_mode):
        return RefusedTarget("special", path)
    return None


def write_export(path: Path, data: bytes) -> None:
    """Write a file the editor named (an export, a report, the timings) atomically, into a folder that
    exists and over nothing but a regular file; raises `RefusedTarget` otherwise."""
    refusal = export_refusal(path)
    if refusal is not None:
        raise refusal
    write_atomic(path, data)


def write_cache_file(path: Path, data: bytes) -> None:
    """`write_atomic` for a file in a cache: its folder must be a real one (a link there is removed), the
    temporary file is made anew (never through a link), and whatever stands at `path` is replaced (a
    folder there is removed first)."""
    parent = path.parent
    try:
        if not stat_module.S_ISDIR(os.lstat(parent).st_mode):
            real_folder(parent)
    except FileNotFoundError:
        parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        _write_new(temporary, data)
        try:
            os.replace(temporary, path)
        except OSError:
            try:
                there = os.lstat(path)
            except FileNotFoundError:
                raise
            if not stat_module.S_ISDIR(there.st_mode):
                raise
            remove_entry(path)
            os.replace(temporary, path)
    except BaseException:  # a full disk, say: the half-written temporary file must not stay behind
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def write_json(path: Path, value: object) -> None:
    """`value` (JSON-ready) as JSON, after a line with the keyed digest of that JSON, written atomically.
    Nothing is written without a cache secret."""
    secret = cache_secret()
    if secret is None:
        return
    try:
        body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: escaped, as UTF-8 cannot hold it
        body = json.dumps(value, separators=(",", ":")).encode("ascii")
    write_cache_file(path, JSON_HEADER + keyed_digest(body, secret).encode("ascii") + b"\n" + body)


def read_json(path: Path) -> object:
    """What `write_json` wrote to `path`, for this user; None when there is no such file.

    Raises `Damaged` when the file cannot be read, is not a regular file (removed), or its JSON is not the
    one its keyed digest was made of (or there is no secret to check it with)."""
    data = read_regular(path)
    if data is None:
        return None
    secret = cache_secret()
    if secret is None:
        raise Damaged("no cache secret")
    head, newline, body = data.partition(b"\n")
    if not newline or not hmac.compare_digest(head, JSON_HEADER + keyed_digest(body, secret).encode("ascii")):
        raise Damaged(f"{path.name}: not written whole by healthpress for this user")
    try:
        return json.loads(body)
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise Damaged(f"{path.name}: {exc}") from exc


WRONG = "wrong"
"""`verified_inode`'s answer for a file that is there with other bytes than recorded (or is no regular file)."""


def verified_inode(path: str, expected: str) -> tuple[int, int] | str | None:
    """(device, inode) of the regular file at `path` when its bytes have the digest `expected`; `WRONG`
    when they have not (or it is a link, a FIFO, a folder: removed); None when there is no such file. The
    identity is the opened file's, so a page left in place because it is this file holds the bytes
    checked here; `link_verified` links that same file."""
    try:
        opened = open_regular(path)
    except Damaged:
        return WRONG
    if opened is None:
        return None
    descriptor, found = opened
    try:
        data = _read_all(descriptor, found.st_size)
    except OSError:
        return WRONG
    finally:
        os.close(descriptor)
    return (found.st_dev, found.st_ino) if digest(data) == expected else WRONG


def is_file(path: str, identity: tuple[int, int]) -> bool:
    """Whether `path` itself (not followed) is the regular file `identity` checked by `verified_inode`."""
    try:
        found = os.lstat(path)
    except OSError:
        return False
    return stat_module.S_ISREG(found.st_mode) and (found.st_dev, found.st_ino) == identity


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
