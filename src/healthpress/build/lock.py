"""One build at a time: the locks a publishing build holds on its output folder and on its cache.

Two builds of one project started together both write the staging folder beside `site/` and the
page cache: one swaps in a folder the other is still writing, or sweeps away what the other wrote,
and both say they succeeded. So a build takes a lock on each before it touches either (`Build.configure`)
and keeps them until it has published or given up (`Build.finish`, `Build.abort`). A second build
waits for them, saying which process holds them, for at most `lock_timeout` seconds (mkdocs.yml, or
`healthpress build --wait`), then stops with a message and touches nothing.

The locks are the operating system's (filelock: `flock` on Unix, `LockFileEx` on Windows): a build
that dies, whatever kills it, holds nothing, since the kernel releases them with the process. Their
files sit beside `site/` (`.site.lock`) and in the cache folder (`build.lock`), never in the output;
each names its holder (process, command, start time) for the message of the build that waits, and is
removed by its holder before it lets go (a waiter that opened the old file then finds it unlinked
and opens the new one: filelock checks the link count after locking).

`serve` takes none: it writes its preview into a temporary folder and its cache into a subfolder
of its own, so a build beside it changes nothing it uses.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

_HELD_HERE: dict[str, FileLock] = {}
"""The locks this process holds, by file: one left by a build of this process that never ended
(an exception MkDocs does not hand to on_build_error) is taken over by the next build."""

UNSUPPORTED = frozenset({errno.ENOSYS, errno.ENOLCK, getattr(errno, "EOPNOTSUPP", errno.ENOSYS)})
"""A file system without locks (some network or FUSE mounts): the build goes on unlocked, saying so."""

NOTE_EVERY = 60.0
"""While waiting, say so again this often (seconds)."""


class LockTimeout(Exception):
    """Another build held a lock for longer than this build would wait (the message says which)."""


@dataclass(frozen=True)
class Guarded:
    """A lock file and what it guards, as an editor reads it (`site/`, `缓存 .cache/healthpress/build`)."""

    path: Path
    what: str


class BuildLock:
    """The locks of one build, taken in the given order (always the output, then the cache, so that two
    builds never wait for each other) and released in the reverse order."""

    def __init__(self, guarded: list[Guarded], timeout: float, say: Callable[[str], None]):
        self.guarded, self.timeout, self._say = guarded, max(0.0, float(timeout)), say
        self._held: list[tuple[Guarded, FileLock | None]] = []

    @property
    def held(self) -> bool:
        return bool(self._held)

    def acquire(self) -> None:
        """Take every lock, waiting (at most `timeout` seconds in all) for the build that holds one."""
        deadline = time.monotonic() + self.timeout
        try:
            for guarded in self.guarded:
                self._held.append((guarded, self._take(guarded, deadline)))
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        """Let go of every lock held (and remove its file); nothing happens when none is."""
        while self._held:
            guarded, lock = self._held.pop()
            if lock is not None:
                _let_go(guarded.path, lock)

    def _take(self, guarded: Guarded, deadline: float) -> FileLock | None:
        key = os.path.abspath(guarded.path)
        earlier = _HELD_HERE.pop(key, None)
        if earlier is not None:  # a build of this process that never ended: MkDocs runs one at a time
            _let_go(guarded.path, earlier)
        guarded.path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(guarded.path, thread_local=False, on_acquired=_write_holder)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            self._wait(guarded, lock, deadline)
        except OSError as exc:
            if exc.errno not in UNSUPPORTED:
                raise
            self._say(f"{guarded.what} 所在的文件系统不支持文件锁，这次生成不加锁：请不要同时运行两次生成。")
            return None
        _HELD_HERE[key] = lock
        return lock

    def _wait(self, guarded: Guarded, lock: FileLock, deadline: float) -> None:
        holder = describe_holder(guarded.path)
        if self.timeout <= 0:
            raise LockTimeout(f"{guarded.what} 正被{holder}使用，这次生成没有开始（lock_timeout 为 0，不等待）。"
                              f"{_what_to_do(holder)}")
        self._say(f"{guarded.what} 正被{holder}使用：等它结束后再开始生成"
                  f"（最多等 {_seconds(self.timeout)}，即 mkdocs.yml 里 healthpress 的 lock_timeout）……")
        started = time.monotonic()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                holder = describe_holder(guarded.path)
                raise LockTimeout(f"等了 {_seconds(self.timeout)}，{guarded.what} 仍被{holder}使用，"
                                  f"这次生成没有开始，原来的网站保持不变。{_what_to_do(holder)}"
                                  "要等得更久：加大 mkdocs.yml 里 healthpress 的 lock_timeout（秒），"
                                  "或者运行 healthpress build --wait 秒数。")
            try:
                lock.acquire(timeout=min(remaining, NOTE_EVERY))
                break
            except Timeout:
                self._say(f"仍在等待{describe_holder(guarded.path)}结束（已等 {_seconds(time.monotonic() - started)}）……")
        self._say(f"{guarded.what} 已空出（等了 {_seconds(time.monotonic() - started)}），开始生成。")


def _let_go(path: Path, lock: FileLock) -> None:
    _HELD_HERE.pop(os.path.abspath(path), None)
    if not lock.is_locked:
        return
    try:
        os.unlink(path)  # still held: a build that opens it from now on creates a new one
    except OSError:
        pass  # Windows: filelock removes it on release
    lock.release(force=True)


def _write_holder(fd: int) -> None:
    """Put who holds the lock into its file (best effort: a full disk must not stop the build here)."""
    text = json.dumps({"pid": os.getpid(), "command": _command(), "host": socket.gethostname(),
                       "started": time.strftime("%Y-%m-%d %H:%M:%S")}, ensure_ascii=False)
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text.encode("utf-8"))
    except OSError:
        pass


def describe_holder(path: Path) -> str:
    """"进程 4711（healthpress build，2026-12-07 13:05:02 开始）", or "另一次生成" when the file says nothing."""
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
        pid, command, started = int(holder["pid"]), str(holder["command"]), str(holder["started"])
    except (OSError, ValueError, KeyError, TypeError):
        return "另一次生成"
    host = holder.get("host")
    where = f"，在 {host} 上" if host and host != socket.gethostname() else ""
    return f"进程 {pid}（{command}，{started} 开始{where}）"


def _what_to_do(holder: str) -> str:
    pid = holder.removeprefix("进程 ").partition("（")[0] if holder.startswith("进程 ") else None
    stop = f"（如 kill {pid}）" if pid else ""
    return f"等那次生成结束后再运行；如果确定不再需要它，可以先结束那个进程{stop}。"


def _command() -> str:
    """This process' command as an editor typed it: `healthpress build`, `mkdocs build --strict`."""
    argv = sys.argv or ["python"]
    program = Path(argv[0])
    name = program.parent.name if program.name == "__main__.py" else program.stem
    if name == "cli" and program.parent.name == "healthpress":
        name = "healthpress"
    return " ".join([name or "python", *argv[1:4]])


def _seconds(value: float) -> str:
    if value < 10:
        return f"{value:.1f} 秒"
    value = int(round(value))
    if value < 120:
        return f"{value} 秒"
    minutes, seconds = divmod(value, 60)
    return f"{minutes} 分 {seconds} 秒" if seconds else f"{minutes} 分钟"
