"""The engine's log lines as an editor sees them in a terminal: Chinese labels (错误：, 警告：) instead of
`ERROR -`/`WARNING -`/`INFO -`, healthpress' own messages without their "healthpress: " prefix, and
MkDocs' own English lines said in Chinese or left out (healthpress says the same in its own words)."""

from __future__ import annotations

import logging
import re

from healthpress.engine.configwords import config_findings

LABELS = {logging.CRITICAL: "错误：", logging.ERROR: "错误：", logging.WARNING: "警告："}
"""The label before a message of each level; an INFO line has none."""

PLUGIN_PREFIX = "healthpress: "
"""What MkDocs' plugin logger puts before each of healthpress' messages."""

_TIME = r"(?P<time>\[\d\d:\d\d:\d\d\] )?"
"""The time MkDocs' preview server puts before its lines, kept."""

ENGINE_LINES: tuple[tuple[re.Pattern[str], str | None], ...] = tuple((re.compile(_TIME + pattern + "$", re.S), said) for pattern, said in (
    # A build: healthpress ends it with its own summary line (pages, time, warnings).
    (r"Cleaning site directory", None),
    (r"Building documentation to directory: .*", None),
    (r"Documentation built in [\d.]+ seconds", None),
    (r"The directory contains stale files\. Use --clean to remove them\.", None),
    # healthpress checks every link and image itself, reporting file, line and fix.
    (r"Doc file '.*", None),
    # The preview (healthpress serve).
    (r"Building documentation\.\.\.", "正在生成预览……"),
    (r"Watching paths for changes: (?P<paths>.*)", "保存这些文件夹和文件里的改动后，预览自动刷新：\\g<paths>"),
    (r"Serving on (?P<url>\S+)( and opening it in a browser)?", "预览地址：\\g<url>（按 Ctrl+C 停止预览）"),
    (r"Detected file changes", "发现文件有改动，重新生成……"),
    (r"Reloading browsers", "已刷新浏览器里的页面"),
    (r"Shutting down\.\.\.", "预览已关闭。"),
    (r"Browser connected: .*", None),
    (r'"\S+ (?P<path>\S+) [^"]*" code 404', "预览里没有这个网址：\\g<path>（可能是链接写错了，或者文章还没有保存）"),
    (r'"\S+ (?P<path>\S+) [^"]*" code (?P<code>\d+)', "打开 \\g<path> 时出错（HTTP 状态 \\g<code>）"),
    (r"500 Internal Server Error", "预览服务器出错，这个页面没有打开（原因见下）；请重新运行 healthpress serve"),
    (r"Failed to render an error message!", "预览服务器没能显示出错页面"),
    (r"An error happened during the rebuild\. The server will appear stuck until build errors are resolved\.",
     "重新生成失败（原因见上）：浏览器里还是上一次的页面；改正后保存，预览会自动刷新。"),
))
"""MkDocs' own messages an editor meets, each with its Chinese (None: left out)."""


def editor_text(record: logging.LogRecord, config_file: str = "mkdocs.yml") -> str | None:
    """The line an editor reads for `record`, or None when it is left out (only ever a line of information:
    a warning or an error is always shown, strict mode counting it). MkDocs' lines about the settings in
    `config_file` are said as findings (engine/configwords.py)."""
    message = record.getMessage().removeprefix(PLUGIN_PREFIX)
    findings = config_findings(message, config_file, record.levelno >= logging.ERROR)
    if findings is not None:
        return "\n".join(LABELS.get(record.levelno, "") + finding.render() for finding in findings)
    for pattern, said in ENGINE_LINES:
        match = pattern.match(message)
        if match:
            if said is None:
                if record.levelno >= logging.WARNING:
                    break
                return None
            return (match.group("time") or "") + LABELS.get(record.levelno, "") + match.expand(said)
    return LABELS.get(record.levelno, "") + message


class EditorFormatter(logging.Formatter):
    """Each record as `editor_text` says it (a record left out becomes an empty string: see EditorFilter)."""

    def __init__(self, config_file: str = "mkdocs.yml") -> None:
        super().__init__()
        self.config_file = config_file

    def format(self, record: logging.LogRecord) -> str:
        return editor_text(record, self.config_file) or ""


class EditorFilter(logging.Filter):
    """Leaves out the records `editor_text` leaves out (on the terminal's handler only)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return editor_text(record) is not None
