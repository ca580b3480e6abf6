"""heap.py: the model is kept out of the cycle collector's passes during a build, and nothing leaks."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
import weakref

import pytest

from healthpress.build import heap


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


@pytest.fixture(autouse=True)
def _unfrozen(monkeypatch):
    monkeypatch.setattr(heap, "IDLE_SECONDS", 0.05)
    yield
    heap.stop()
    gc.unfreeze()


def test_settle_freezes_what_is_alive_and_release_gives_it_back():
    kept = [Node() for _ in range(100)]
    heap.settle()
    assert gc.get_freeze_count() >= len(kept)
    heap.release()
    assert gc.get_freeze_count() == 0


def test_a_serve_rebuild_frees_the_old_models_cycles_once_idle():
    old = Node()
    gone = weakref.ref(old)
    heap.build_started()
    heap.settle()
    del old
    gc.collect()
    assert gone() is not None, "frozen: the collector leaves it during the build"
    heap.tidy_when_idle()
    deadline = time.monotonic() + 2
    while gone() is not None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gone() is None, "collected once the preview was idle"
    while gc.get_freeze_count() == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gc.get_freeze_count() > 0, "and what is alive is settled again for the next rebuild"


def test_a_build_that_starts_first_puts_the_collection_off():
    old = Node()
    gone = weakref.ref(old)
    heap.settle()
    del old
    heap.tidy_when_idle()
    heap.build_started()
    time.sleep(0.2)
    assert gone() is not None, "no full collection while a build runs"
    heap.tidy_when_idle()
    deadline = time.monotonic() + 2
    while gone() is not None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gone() is None


FREE_AND_SETTLE = """
from healthpress.build import heap


def resident_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


blocks = [bytes(1000) + bytes([i % 256]) for i in range(60_000)]  # ~60 MiB from C's allocator
pinned = blocks[::50]  # still alive among the freed ones: the freed pages are not at the heap's top
del blocks
before = resident_kib()
heap.settle()
print(before, resident_kib(), len(pinned))
"""


def test_settle_gives_the_memory_freed_while_reading_back_to_the_system():
    """In a fresh process, as a build's main process starts: a long test run's own heap, full of holes
    from earlier tests, would take the blocks into its holes, leaving nothing whole to give back."""
    done = subprocess.run([sys.executable, "-c", FREE_AND_SETTLE], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 0, done.stderr
    before, after, pinned = map(int, done.stdout.split())
    assert before - after > 30_000, f"VmRSS {before} -> {after} KiB"
    assert pinned == 1200
