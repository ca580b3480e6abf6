"""Run one function over many items on every core: forked worker processes, results in input order.

Workers are forked, so they inherit the build's state (configuration, theme, site model) without
pickling it; only the items and the (small) results cross between processes. A process with other
threads running (`mkdocs serve`, a test driving a browser) is never forked: a thread holding a lock at
the moment of the fork would leave the copy deadlocked, so those builds run serially.

A worker that dies (the system's out-of-memory killer, a `kill`) ends the build with `WORKER_DIED`, never
a wait for results that cannot come. Workers ignore Ctrl-C: the main process gets it and stops them.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterator, Sequence, TypeVar

from mkdocs.exceptions import PluginError

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS_PER_WORKER = 40
"""Below this, forking costs more than it saves."""

WORKER_DIED = ("一个生成网站的工作进程意外结束了（很可能是内存不足，被系统结束），这次生成已停止，"
               "已发布的网站保持不变。请重新运行；如果再次出现，请在 mkdocs.yml 的 healthpress 设置里把 "
               "workers 调小（如 workers: 1），同时使用的进程少，占用的内存也少。")
"""What a build says when a worker process died before handing back its results."""

_job: Callable | None = None


def worker_count(requested: int, items: int, per_worker: int = MIN_ITEMS_PER_WORKER) -> int:
    """How many processes to use: `requested` (0 = one per core), never more than the items justify
    (`per_worker` items each at least: fewer for slow items, as a PDF)."""
    cores = os.cpu_count() or 1
    wanted = cores if requested <= 0 else requested
    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(wanted, items // per_worker))


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
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_signals)
    try:
        for results in pool.map(_run_batch, batches):
            yield from results
            if on_done:
                on_done(len(results))
    except BrokenProcessPool:
        raise PluginError(WORKER_DIED) from None
    finally:  # on an error or Ctrl-C too: the batches not started are dropped, the running ones end
        pool.shutdown(wait=True, cancel_futures=True)
        _job = None


def _worker_signals() -> None:
    """A worker dies of SIGTERM whatever handler the parent set (`healthpress serve` turns SIGTERM into
    Ctrl-C: in a worker that left the pool's locks held), and ignores Ctrl-C, which the terminal sends
    to every process of the command: the main process stops the build and the workers."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_batch(batch: Sequence) -> list:
    assert _job is not None
    return [_job(item) for item in batch]
