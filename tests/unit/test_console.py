"""engine/console.py: the engine's log lines as an editor reads them (labels, MkDocs' lines in Chinese or left out)."""

from __future__ import annotations

import inspect
import logging
import re

import pytest

from healthpress.engine.console import ENGINE_LINES, editor_text


def record(message: str, level: int = logging.INFO, name: str = "mkdocs.commands.build") -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, message, None, None)


@pytest.mark.parametrize("level, label", [(logging.ERROR, "错误："), (logging.WARNING, "警告："), (logging.INFO, "")],
                         ids=["error", "warning", "info"])
def test_each_level_has_its_chinese_label_and_no_plugin_prefix(level, label):
    assert editor_text(record("healthpress: content/a.md:3: date: 日期不对", level)) == label + "content/a.md:3: date: 日期不对"


@pytest.mark.parametrize("message", ["Cleaning site directory", "Building documentation to directory: /x/site",
                                     "Documentation built in 1.12 seconds",
                                     "Doc file 'news/a.md' contains a link 'b.md', but the target is not found."])
def test_mkdocs_build_lines_are_left_out(message):
    assert editor_text(record(message)) is None


def test_a_left_out_line_is_shown_when_it_is_a_warning_strict_mode_counts():
    warning = record("Doc file 'news/a.md' contains a link 'b.md', but the target is not found.", logging.WARNING)
    assert editor_text(warning) == "警告：Doc file 'news/a.md' contains a link 'b.md', but the target is not found."


@pytest.mark.parametrize("message, said", [
    ("[10:00:01] Serving on http://127.0.0.1:8000/", "[10:00:01] 预览地址：http://127.0.0.1:8000/（按 Ctrl+C 停止预览）"),
    ("[10:00:01] Serving on http://127.0.0.1:8000/ and opening it in a browser",
     "[10:00:01] 预览地址：http://127.0.0.1:8000/（按 Ctrl+C 停止预览）"),
    ("Building documentation...", "正在生成预览……"),
    ("[10:00:02] Detected file changes", "[10:00:02] 发现文件有改动，重新生成……"),
    ("Shutting down...", "预览已关闭。"),
], ids=["serving", "serving-and-opening", "building", "changes", "shutting-down"])
def test_the_preview_servers_lines_are_chinese_with_their_time_kept(message, said):
    assert editor_text(record(message)) == said


def test_every_line_known_is_one_the_engine_logs():
    """A release of the engine that rewords a line fails here, not silently in front of an editor."""
    from mkdocs import livereload
    from mkdocs.commands import build, serve
    from mkdocs.structure import pages

    source = "".join(inspect.getsource(module) for module in (build, serve, livereload, pages))
    for pattern, _ in ENGINE_LINES:
        words = max(re.findall(r"[A-Za-z ]+", pattern.pattern.split(")?", 1)[1]), key=len).strip()
        assert words in source, words
