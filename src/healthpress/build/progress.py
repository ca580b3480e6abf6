"""Progress on a terminal while pages are made, and one summary line at the end of every build.

On a terminal (and not in CI) a line like `文章 4,200/10,000` is redrawn in place for each phase;
in CI logs and pipes only the summary line appears, unless `progress: always` asks for the counts.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, mode: str = "auto", stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()
        interactive = self.stream.isatty() and not os.environ.get("CI")
        self.live = mode == "always" or (mode == "auto" and interactive)
        self.redraw = interactive
        self.label, self.total, self.done = "", 0, 0
        self._last_drawn = 0.0
        self.reused = 0

    def start(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, total, 0
        self._draw(force=True)

    def advance(self, count: int) -> None:
        self.done += count
        self._draw()

    def finish(self, counts) -> None:
        """End the phase's line: how many pages were made, how many reused, on how many processes."""
        self.reused += counts.reused
        if self.live:
            self._write(f"{self.label} {counts.rendered + counts.reused:,} 页：生成 {counts.rendered:,}，"
                        f"沿用缓存 {counts.reused:,}（{counts.workers} 个进程）", end="\n")

    def summary(self, pages: int, warnings: int, published: bool = True) -> None:
        """The build's last line; unless `published`, it says strict mode kept the new site back."""
        seconds = time.perf_counter() - self.started
        if not published:
            self.stream.write(f"healthpress：严格模式（--strict）下有 {warnings} 个警告（见上），新生成的 {pages:,} 页没有发布，"
                              f"原来的网站保持不变；用时 {seconds:.1f} 秒\n")
        else:
            self.stream.write(f"healthpress：网站生成完毕，{pages:,} 页（{self.reused:,} 页沿用缓存），"
                              f"用时 {seconds:.1f} 秒，{warnings} 个警告\n")
        self.stream.flush()

    def _draw(self, force: bool = False) -> None:
        if not self.live or not self.total:
            return
        now = time.perf_counter()
        if not force and now - self._last_drawn < 0.2 and self.done < self.total:
            return
        self._last_drawn = now
        if self.redraw:
            width = 30
            filled = width * self.done // self.total
            self._write(f"{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done:,}/{self.total:,}", end="")
        elif self.done in (0, self.total):
            self._write(f"{self.label} {self.done:,}/{self.total:,}", end="\n")

    def _write(self, text: str, end: str) -> None:
        prefix = "\r\x1b[2K" if self.redraw else ""
        self.stream.write(prefix + text + end)
        self.stream.flush()
