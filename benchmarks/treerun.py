"""Run a command and measure its whole process tree: wall time, CPU time and peak memory.

- wall: from spawn to the moment `os.wait4` returns for the command's process;
- CPU: user + system seconds from that `os.wait4`: the process itself and every descendant that was
  waited for (Linux adds a reaped child's times to its parent's, all the way up: healthpress' page
  workers and its Pagefind runs, Hugo's threads, Pagefind's threads);
- peak memory of the tree: every `interval` seconds a thread finds the tree (the processes of the
  command's session, which it leads, and every descendant by parent pid, for one that left the session)
  and adds up their proportional set size (PSS from /proc/PID/smaps_rollup: a page shared by N processes
  counts 1/N in each, so the pages a forked worker shares with its parent count once); the largest sum
  is the tree's peak;
- the largest process: the largest peak RSS (VmHWM in /proc/PID/status) any process of the tree had
  when last sampled. Not `ru_maxrss`: Linux carries the spawning process' peak over an exec, so a child
  of this (large) Python process would never show less than it.

A peak shorter than the interval can be missed; the tree's figure is never below the largest process'.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.1
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass
class TreeRun:
    """One run of a command, measured."""

    wall: float
    user: float
    system: float
    peak_tree_kib: int
    """Largest sampled PSS sum of the tree, never below `peak_process_kib`."""
    peak_process_kib: int
    """The largest VmHWM (peak RSS) sampled of any process of the tree."""
    returncode: int
    samples: int = 0
    sampled_peak_kib: int = 0
    """The largest sampled sum itself (0 when no sample caught the tree)."""
    log: Path | None = None

    @property
    def cpu(self) -> float:
        return self.user + self.system

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def _proc_table() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, session id) of every process now."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2:].split()  # after "pid (comm) ": state ppid pgrp session ...
        table[int(name)] = (int(fields[1]), int(fields[3]))
    return table


def tree_pids(root: int, table: dict[int, tuple[int, int]] | None = None) -> set[int]:
    """`root`, the processes of its session and every descendant of any of them by parent pid."""
    table = _proc_table() if table is None else table
    found = {pid for pid, (_, session) in table.items() if session == root} | ({root} if root in table else set())
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in table.items():
        children.setdefault(parent, []).append(pid)
    stack = list(found)
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def hwm_kib(pid: int) -> int:
    """Peak RSS of a process so far (VmHWM, KiB); 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def pss_kib(pid: int) -> int:
    """Proportional set size of a process (KiB); its RSS where smaps_rollup cannot be read; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * PAGE_KIB
    except OSError:
        return 0


class _Sampler(threading.Thread):
    def __init__(self, root: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.stop = threading.Event()
        self.peak = self.largest = self.samples = 0

    def run(self) -> None:
        while not self.stop.is_set():
            pids = tree_pids(self.root)
            self.peak = max(self.peak, sum(pss_kib(pid) for pid in pids))
            self.largest = max(self.largest, *(hwm_kib(pid) for pid in pids), 0)
            self.samples += 1
            self.stop.wait(self.interval)


def run_tree(argv: list[str], *, cwd: Path, env: dict[str, str], log: Path, timeout: float,
             interval: float = SAMPLE_SECONDS) -> TreeRun:
    """Run argv (its output to `log`) in a new session to completion and measure it (module docstring)."""
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        sampler = _Sampler(proc.pid, interval)
        sampler.start()
        timer = threading.Timer(timeout, lambda: _kill_group(proc.pid))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # interrupted: the command's session goes too, not left running on its own
            _kill_group(proc.pid)
            proc.wait()
            raise
        finally:
            timer.cancel()
            sampler.stop.set()
        wall = time.perf_counter() - start
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return TreeRun(wall, usage.ru_utime, usage.ru_stime, max(sampler.peak, sampler.largest), sampler.largest,
                   proc.returncode, sampler.samples, sampler.peak, log)


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass


def combined(*runs: TreeRun) -> TreeRun:
    """Runs one after another as one: times added, the largest peaks, the first failure's exit code."""
    failed = next((run.returncode for run in runs if run.returncode != 0), 0)
    return TreeRun(sum(r.wall for r in runs), sum(r.user for r in runs), sum(r.system for r in runs),
                   max(r.peak_tree_kib for r in runs), max(r.peak_process_kib for r in runs), failed,
                   sum(r.samples for r in runs), max(r.sampled_peak_kib for r in runs), runs[-1].log)
