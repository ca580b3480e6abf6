"""Publish a build atomically: build into a staging folder, swap it in only when it succeeded."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path


def staging_dir_for(site_dir: Path) -> Path:
    """A sibling of the output folder (same file system, so the swap is a rename)."""
    return site_dir.parent / f".{site_dir.name}.building"


def lock_file_for(site_dir: Path) -> Path:
    """The output's lock (lock.py): beside it, never in it, so never published."""
    return site_dir.parent / f".{site_dir.name}.lock"


def discard(staging_dir: Path) -> None:
    """Remove a failed or abandoned staging folder."""
    shutil.rmtree(staging_dir, ignore_errors=True)


def set_aside(folder: Path) -> None:
    """Rename `folder` out of the way and remove it in the background (a link is just unlinked)."""
    if folder.is_symlink():
        folder.unlink(missing_ok=True)
        return
    # named like a replaced site (`.site.previous.*`): a removal that was interrupted is finished by the next publish
    aside = folder.parent / f"{folder.name.removesuffix('.recycle')}.previous.discarded.{os.getpid()}.{time.monotonic_ns()}"
    try:
        os.replace(folder, aside)
    except FileNotFoundError:
        return
    remove_in_background(aside)


def publish(staging_dir: Path, site_dir: Path, keep_previous: Path | None = None,
            on_swapped: Callable[[], None] | None = None) -> None:
    """Replace `site_dir` by `staging_dir` with two renames; the old output is kept or deleted afterwards.

    With `keep_previous`, the old output is renamed there for the next build to start from
    (staging.py). Otherwise it is renamed aside and removed by a background process, since deleting
    a big site's folders takes seconds (10,000 articles: 20,000 folders); a leftover from an
    interrupted removal is picked up by the next publish.

    What the new site holds is recorded beside it (`.site.manifest`, staging.py), and the old site's
    record follows it to `keep_previous`, where the next build verifies it before reusing the folder.
    `on_swapped` is called as soon as the new site is in place (before a deferred Ctrl-C arrives).
    """
    from healthpress.build import staging

    leftovers = sorted(site_dir.parent.glob(f".{site_dir.name}.previous*"))
    previous = site_dir.parent / f".{site_dir.name}.previous.{os.getpid()}.{time.monotonic_ns()}"
    site_manifest = staging.manifest_for(site_dir)
    listing = staging.list_entries(staging_dir) if keep_previous is not None else None
    if keep_previous is not None:
        staging.forget(staging.manifest_for(keep_previous))
    with signals_deferred():  # Ctrl-C or SIGTERM between the renames would leave no site/ at all
        if keep_previous is not None and os.path.lexists(keep_previous):
            os.replace(keep_previous, previous)  # not adopted by this build: nothing uses it any more
            leftovers.append(previous)
        if os.path.lexists(site_dir):
            os.replace(site_dir, keep_previous or previous)
            if keep_previous is None:
                leftovers.append(previous)
            elif site_manifest.exists():
                os.replace(site_manifest, staging.manifest_for(keep_previous))
        staging.forget(site_manifest)
        os.replace(staging_dir, site_dir)
        if on_swapped is not None:
            on_swapped()
    if listing is not None:
        staging.record(site_dir, site_manifest, listing)
    for folder in leftovers:
        remove_in_background(folder)


@contextmanager
def signals_deferred():
    """SIGINT and SIGTERM held back until the block ends (then delivered as usual), where the system can."""
    deferred = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, deferred)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def remove_in_background(folder: Path) -> None:
    """`rm -rf folder` in a detached process (at once, in this one, where there is no rm)."""
    rm = shutil.which("rm")
    if rm is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    subprocess.Popen([rm, "-rf", "--", str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)
