"""Progress: a bar redrawn in place on a terminal, counts only when asked in CI, a summary line always."""

from __future__ import annotations

import io

from healthpress.build.progress import Progress
from healthpress.build.sitepages import RenderCounts


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_phase(progress: Progress) -> None:
    progress.start("文章", 3)
    for _ in range(3):
        progress.advance(1)
    progress.finish(RenderCounts(reused=1, rendered=2, workers=2))
    progress.summary(pages=5, warnings=1)


def test_a_terminal_gets_a_bar_redrawn_in_place_and_the_summary(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    screen = Terminal()
    run_phase(Progress("auto", screen))
    text = screen.getvalue()
    assert "\r\x1b[2K文章 [" in text and "3/3" in text
    assert "文章 3 页：生成 2，沿用缓存 1（2 个进程）" in text
    assert text.rstrip().splitlines()[-1].startswith("healthpress：网站生成完毕，5 页（1 页沿用缓存），用时 ")
    assert text.rstrip().endswith("1 个警告")


def test_ci_logs_get_only_the_summary_unless_asked(monkeypatch):
    monkeypatch.setenv("CI", "true")
    quiet, asked = Terminal(), io.StringIO()
    run_phase(Progress("auto", quiet))
    run_phase(Progress("always", asked))
    assert quiet.getvalue().count("\n") == 1 and quiet.getvalue().startswith("healthpress：网站生成完毕")
    assert "\r" not in asked.getvalue() and "文章 0/3\n文章 3/3\n" in asked.getvalue()


def test_never_means_only_the_summary(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    screen = Terminal()
    run_phase(Progress("never", screen))
    assert screen.getvalue().count("\n") == 1
