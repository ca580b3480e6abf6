"""What `healthpress serve` keeps in memory between its rebuilds, written to disk once when it stops.

A build reads the article memo and the page-cache index from `.cache/` and writes them back when
they changed: at 10,000 articles that is tens of MiB of JSON each way, a second of every rebuild
after a save. A preview process rebuilds many times, so while it runs it keeps the last
value of each file here and writes them when it stops (`flush`, from the plugin's `on_shutdown`).
Nothing changes for `healthpress build`: `enable` is called for `serve` only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

Value = TypeVar("Value")

_values: dict[str, object] = {}
_writers: dict[str, Callable[[], None]] = {}
_placed: dict[str, dict] = {}
_enabled = False


def enable() -> None:
    global _enabled
    _enabled = True


def load(path: Path, read: Callable[[], Value]) -> Value:
    """The value this process last stored for `path`, or `read()` (from the file) the first time."""
    if _enabled and str(path) in _values:
        return _values[str(path)]  # type: ignore[return-value]
    value = read()
    if _enabled:
        _values[str(path)] = value
    return value


def store(path: Path, value: object, write: Callable[[], None]) -> None:
    """Keep `value` for `path`; `write()` it to the file now, or (in serve) when `flush` is called."""
    if not _enabled:
        write()
        return
    _values[str(path)] = value
    _writers[str(path)] = write


def placed(site_dir: Path) -> dict:
    """site-relative path -> ((device, inode), 0, 0) of the cached pages this process put in `site_dir`
    (a page there is reused as it is only while it is the file the page cache checked or wrote)."""
    return _placed.setdefault(str(site_dir), {}) if _enabled else {}


def flush() -> None:
    """Write what `store` kept (serve stopping)."""
    while _writers:
        _, write = _writers.popitem()
        write()
