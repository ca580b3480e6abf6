"""`healthpress serve` hears of a saved file from the operating system instead of scanning for it.

MkDocs' preview server polls: every 0.5 s a thread looks at every watched file (10,000 articles,
10,000 stat calls), so a save is noticed 0.25 s late on average and the scans take the interpreter
from the rebuild they interrupt. watchdog's native observer (inotify on Linux) is told of each change
at once. Where the system has no such observer, or refuses the watches (a full inotify table, a
network drive), MkDocs' polling stays.

The native observer also reports a file being opened or read; MkDocs rebuilds on any event, and a
rebuild reads mkdocs.yml and the articles, so it would set off the next rebuild, without end. Only
changes (a file created, written, moved, deleted or its times set) reach MkDocs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from watchdog import events
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from healthpress.engine import internals
from healthpress.model.oswords import os_reason

log = logging.getLogger("mkdocs.plugins.healthpress")


CHANGES: tuple[type[events.FileSystemEvent], ...] = (
    events.FileCreatedEvent, events.FileModifiedEvent, events.FileClosedEvent, events.FileMovedEvent,
    events.FileDeletedEvent, events.FileAttribEvent, events.DirCreatedEvent, events.DirMovedEvent,
    events.DirDeletedEvent)
"""The events that can mean a file's text changed; opening and reading one does not."""


BUILD_DELAY = 0.05
"""Seconds MkDocs waits after the last change before it rebuilds (its own 0.1 s is sized for polling);
a save's events arrive together, within milliseconds."""


class ChangesObserver(Observer):
    """The system's observer, told to report changes only (CHANGES)."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or list(CHANGES),
                                follow_symlink=follow_symlink)


def use_native_observer(server) -> bool:
    """Move every path MkDocs' LiveReloadServer watches to a native observer; True when it did."""
    if Observer is PollingObserver or server.observer.is_alive():
        return False
    watched = internals.watched_paths(server)  # path -> how many times it was asked for
    polling = server.observer
    for path, times in watched.items():
        for _ in range(times):
            server.unwatch(path)
    server.observer = ChangesObserver()
    try:
        for path, times in watched.items():
            for _ in range(times):
                server.watch(path)
        server.build_delay = min(server.build_delay, BUILD_DELAY)
        return True
    except OSError as exc:  # e.g. the inotify watch limit: back to polling, every path again
        log.info(f"预览：系统不能监视这些文件夹（{os_reason(exc)}），改为每 0.5 秒检查一次")
        internals.forget_watches(server)
        server.observer = polling
        for path, times in watched.items():
            for _ in range(times):
                server.watch(path)
        return False


def watch_folders(server, folders: list[Path]) -> None:
    """Rebuild when a file in `folders` (columns, data) changes too, not only in content/; the system
    tells of changes rather than MkDocs looking for them."""
    for folder in folders:
        if folder.is_dir():
            server.watch(str(folder))
    use_native_observer(server)
