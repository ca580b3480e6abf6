"""Keep Python's cycle collector off the site model, which lives as long as the build.

At 10,000 articles the model, the article memo and the caches' indexes are a few million objects.
The cycle collector looks through all of them on each of its full passes, a few a build, and each
pass takes a few tenths of a second, to find nothing: none of them is garbage before the build ends.
Once the model is made, `settle` moves everything alive into the collector's permanent generation
(`gc.freeze`), so the rest of the build pays only for what it makes itself, and worker processes
forked afterwards do not touch (and so copy) the model's memory pages when they collect.

A build ends with `release` (`gc.unfreeze`). `healthpress serve` makes a new model on every save,
and the old one may hold reference cycles that only the collector frees; `tidy_when_idle` collects
once the preview is up to date and nothing is being built, then freezes what is left, so the next
save's rebuild does not pay for that collection.
"""

from __future__ import annotations

import gc
import threading

IDLE_SECONDS = 1.0
"""How long after a preview rebuild the collection waits (the browser's reload is served first)."""

_timer: threading.Timer | None = None
_lock = threading.Lock()
_building = threading.Event()


def settle() -> None:
    """Everything alive now lives until the build ends: keep it out of the collector's passes."""
    gc.freeze()


def release() -> None:
    """The build is over: its objects are the collector's again (a process may go on to other builds)."""
    gc.unfreeze()


def build_started() -> None:
    """A build begins: no collection of the whole heap until it ends."""
    _building.set()
    _cancel()


def tidy_when_idle() -> None:
    """After a preview rebuild: in IDLE_SECONDS, unless another build has begun, free the previous
    builds' cycles and settle what is left."""
    global _timer
    _building.clear()
    with _lock:
        _cancel_locked()
        _timer = threading.Timer(IDLE_SECONDS, _tidy)
        _timer.daemon = True
        _timer.start()


def _tidy() -> None:
    if _building.is_set():
        return
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _cancel() -> None:
    with _lock:
        _cancel_locked()


def _cancel_locked() -> None:
    global _timer
    if _timer is not None:
        _timer.cancel()
        _timer = None


def stop() -> None:
    """The preview server is stopping: no collection pending."""
    _cancel()
