"""A secret of this user's, kept outside every project, that keys the digests of every cache file.

Compiled templates are Python code, and the page index, the article memo and the search lists decide
what is published: a cache file that could be swapped for another would run or publish what it holds.
Their digests are keyed with this secret, which lives in the user's data folder (not in the project,
not in `.cache/`, so neither a commit nor a cache restored from elsewhere carries it): a file that
healthpress did not write for this user fails its digest. `HEALTHPRESS_CACHE_SECRET` (any string,
hashed) takes its place, so a CI that keeps its cache between pipelines keeps it valid by holding the
secret in its secret store. Without either there is no secret, and no cache is read or written.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

ENVIRONMENT_VARIABLE = "HEALTHPRESS_CACHE_SECRET"

FILE_NAME = "cache-secret"
SIZE = 32
_known: dict[str, bytes | None] = {}


def secret_path() -> Path:
    """`healthpress/cache-secret` in the user's data folder ($XDG_DATA_HOME, ~/.local/share; %LOCALAPPDATA%)."""
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "healthpress" / FILE_NAME


def cache_secret() -> bytes | None:
    """The secret that keys every cache file: `HEALTHPRESS_CACHE_SECRET` (hashed) when set, else the user's."""
    given = os.environ.get(ENVIRONMENT_VARIABLE)
    if given:
        return hashlib.sha256(b"healthpress-cache-secret\0" + given.encode("utf-8", "surrogateescape")).digest()
    return user_secret()


def user_secret() -> bytes | None:
    """The secret (made the first time, readable by this user only); None when it cannot be kept."""
    try:
        path = secret_path()
    except RuntimeError:  # no home folder
        return None
    if str(path) not in _known:
        _known[str(path)] = _read_or_make(path)
    return _known[str(path)]


def _read_or_make(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
        if len(data) == SIZE:
            return data
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(descriptor, os.urandom(SIZE))
        finally:
            os.close(descriptor)
        try:
            if path.exists():  # not a secret (cut short): replaced
                os.replace(temporary, path)
            else:
                os.link(temporary, path)  # never over another process' new secret
        except FileExistsError:
            pass
        finally:
            temporary.unlink(missing_ok=True)
        data = path.read_bytes()
    except OSError:
        return None
    return data if len(data) == SIZE else None
