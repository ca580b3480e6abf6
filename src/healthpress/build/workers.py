"""Run one function over many items on every core: forked worker processes, results in input order.

Workers are forked, so they inherit the build's state (configuration, theme, site model) without
pickling it; only the items and the (small) results cross between processes. A process with other
threads running (`mkdocs serve`, a test driving a browser) is never forked: a thread holding a lock at
the moment of the fork would leave the copy deadlocked, so those builds run serially.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from typing import Callable, Iterator, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS_PER_WORKER = 40
"""Below this, forking costs more than it saves."""

_job: Callable | None = None


def worker_count(requested: int, items: int) -> int:
    """How many processes to use: `requested` (0 = one per core), never more than the items justify."""
    cores = os.cpu_count() or 1
    wanted = cores if requested <= 0 else requested
    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(wanted, items // MIN_ITEMS_PER_WORKER))


def map_in_order(function: Callable[[Item], Result], items: Sequence[Item], workers: int,
                 on_done: Callable[[int], None] | None = None, chunk: int = 25) -> Iterator[Result]:
    """`function(item)` for every item, in input order; `on_done(n)` after each batch of n results."""
    if workers <= 1:
        for item in items:
            yield function(item)
            if on_done:
                on_done(1)
        return
    global _job
    _job = function
    batches = [items[i:i + chunk] for i in range(0, len(items), chunk)]
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=workers, initializer=_default_signals) as pool:
        for results in pool.imap(_run_batch, batches):
            yield from results
            if on_done:
                on_done(len(results))
    _job = None


def _default_signals() -> None:
    """A worker dies of SIGTERM, as the pool expects when it ends, whatever handler the parent set
    (`healthpress serve` turns SIGTERM into Ctrl-C: in a worker that left the pool's locks held)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run_batch(batch: Sequence) -> list:
    assert _job is not None
    return [_job(item) for item in batch]
