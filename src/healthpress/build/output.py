"""Where a build writes: the staging folder beside the published site, the previous output it starts
from (staging.py), and the swap that publishes it (publish.py); or, for `serve`, the preview folder
kept between rebuilds. A build touches these folders only while it holds the output's lock (lock.py)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from healthpress.build import publish, staging
from healthpress.engine.log import log
from healthpress.storage import resident
from healthpress.storage.snapshot import Snapshot


def linked_site_problem(site_dir: Path, shown: str) -> str | None:
    """A site folder that is a symbolic link (site -> /srv/www) cannot be published through: the swap
    renames a real folder in place of the link, and the link's target is never updated. Refused."""
    if not site_dir.is_symlink():
        return None
    target = Path(os.path.realpath(site_dir))
    return (f"{shown} 是一个符号链接（指向 {target}），healthpress 不能通过链接发布：每次生成都先在旁边写好"
            f"一份完整的网站再整个换上去，换上去的会是一个真实的文件夹，链接指向的 {target} 不会更新。"
            f"网站没有生成，{shown} 和 {target} 都没有改动。解决办法：在 mkdocs.yml 里把 site_dir 设为"
            f"链接指向的真实文件夹（site_dir: {target}），然后重新生成。")


class OutputFolder:
    """The folder one build writes into, and what it held before the build wrote anything."""

    def __init__(self, site_dir: Path, publishes: bool, recycles: bool, throwaway: bool = False):
        self.published = site_dir if publishes else None
        """The folder readers see; None for a preview or a check, which write in place."""
        self.path = publish.staging_dir_for(site_dir) if publishes else site_dir
        self._recycles = recycles
        self._throwaway = throwaway
        """A check's folder: deleted when it ends."""
        self.snapshot: Snapshot | None = None
        """The files of the adopted previous output (`adopt`), to sweep what this build did not make."""
        self.folders: list[str] = []
        """The folders of the adopted previous output: those left empty are removed by the sweep."""
        self.swapped = False
        """The staging folder has been swapped in: the new site is published (an interrupt after that
        must not say otherwise)."""

    def clear(self) -> None:
        """A failed or interrupted build's staging folder becomes the output the next build starts from
        (when there is none: any folder is safe to start from, staging.py sweeps it), or is deleted.
        A check's folder is renamed out of the way and deleted in the background."""
        if self._throwaway:
            publish.set_aside(self.path)
        if self.published is None:
            return
        recycle = staging.recycle_dir_for(self.published)
        if self.path.is_dir() and not self.path.is_symlink() and self._recycles and not recycle.exists():
            staging.record(self.path, staging.manifest_for(recycle))  # inodes and times survive the rename
            os.replace(self.path, recycle)
        else:
            publish.discard(self.path)

    def discard(self) -> None:
        """The disk is full: delete the staging folder and the previous output kept for the next build
        (which then starts from scratch), so that neither holds the space the next build needs."""
        if self.published is None:
            return
        publish.discard(self.path)
        publish.discard(staging.recycle_dir_for(self.published))
        staging.forget(staging.manifest_for(staging.recycle_dir_for(self.published)))

    def adopt(self, written_by_engine: Iterable[Path]) -> None:
        """Start from the output the last build replaced (or the preview folder as the last rebuild left
        it), making sure that what MkDocs is about to write in place is no cached page's link."""
        if self.published is not None and self._recycles:
            recycle = staging.recycle_dir_for(self.published)
            listing = staging.verified(recycle)
            staging.forget(staging.manifest_for(recycle))  # from here on the folder is this build's
            if listing is None:
                if os.path.lexists(recycle):
                    log.info(f"上次保留的输出 {recycle.name} 与记录不符（被改动过），不再沿用：这次从空文件夹开始生成。")
                    publish.set_aside(recycle)
            else:
                self.snapshot = staging.adopt(recycle, self.path)
                if self.snapshot is not None:
                    self.folders = [path for path, entry in listing.items() if entry[0] == "d"]
        if self.snapshot is not None or self.published is None:
            written = list(written_by_engine)
            staging.unshare(written)
            present = resident.placed(self.path)
            for path in written:
                present.pop(path.relative_to(self.path).as_posix(), None)

    def present(self) -> Snapshot:
        """The files already in the folder, by site-relative path (the adopted output, or serve's record)."""
        return self.snapshot if self.snapshot is not None else resident.placed(self.path)

    def sweep(self, claimed: set[str]) -> None:
        """Remove what the adopted output held that this build did not make."""
        if self.snapshot is not None:
            staging.sweep(self.path, self.snapshot, claimed, self.folders)

    def publish(self) -> Path:
        """Swap the staging folder in (the previous output kept for the next build when it recycles)."""
        assert self.published is not None
        keep = staging.recycle_dir_for(self.published) if self._recycles else None
        publish.publish(self.path, self.published, keep_previous=keep, on_swapped=self._swapped)
        return self.published

    def _swapped(self) -> None:
        self.swapped = True
