"""`healthpress serve` after a build that failed: the browser shows why, in Chinese, and recovers by itself.

MkDocs' preview server holds every request until a rebuild succeeds, and says only, in English, that
it "will appear stuck". Here every build the server runs (the first one too) is guarded: when it fails,
the error lines logged during it (healthpress' findings, `file:line: field: problem — fix`, then its
summary) are kept, the build counts as done, and every page request is answered at once with a Chinese
page listing them (status 200, so the browser shows it as it would the page, and MkDocs' request log
stays quiet). The page carries MkDocs' live-reload script: it reloads itself after the next rebuild,
and once one succeeds the failure is forgotten and the site shows again.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import traceback
from collections.abc import Callable, Iterable
from typing import Any

from mkdocs.exceptions import BuildError
from mkdocs.livereload import LiveReloadServer

from healthpress.engine import internals
from healthpress.engine.configwords import config_findings

log = logging.getLogger("mkdocs.plugins.healthpress")

FAILED = "预览没有更新：这次生成出错（原因见上）。浏览器里打开的页面会列出这些错误；改正并保存文件后，页面自动刷新。"
"""What the terminal says instead of MkDocs' "The server will appear stuck"."""
PLUGIN_PREFIX = "healthpress: "
"""What MkDocs' plugin logger puts before each of healthpress' lines; the page leaves it out."""


class _ErrorLines(logging.Handler):
    """The messages of the error records logged while it is attached, MkDocs' lines about the settings in
    `config_file` said as findings (one line each)."""

    def __init__(self, config_file: str) -> None:
        super().__init__(logging.ERROR)
        self.config_file = config_file
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().removeprefix(PLUGIN_PREFIX)
        findings = config_findings(message, self.config_file, error=True)
        self.lines += [message] if findings is None else [finding.render() for finding in findings]


class BuildFailure:
    """The error lines of the last build the preview server ran, while it failed; None after one succeeds.
    `describe` says in Chinese what an exception means, or None when the lines logged before it did."""

    def __init__(self, describe: Callable[[BaseException], str | None], config_file: str = "mkdocs.yml") -> None:
        self.describe = describe
        self.config_file = config_file
        self.lines: list[str] | None = None

    def guard(self, run: Callable[..., None], *, success_clears: bool = True) -> Callable[..., None]:
        """`run` (a build) that never raises an Exception: a failure is kept and said in Chinese. A run that
        succeeds forgets the last failure, unless it wraps a guarded build (`success_clears=False`)."""

        @functools.wraps(run)
        def guarded(*args: Any, **kwargs: Any) -> None:
            errors = _ErrorLines(self.config_file)
            internals.engine_logger().addHandler(errors)
            try:
                run(*args, **kwargs)
            except Exception as exc:
                failed: Exception | None = exc
            else:
                failed = None
            finally:  # Ctrl-C too
                internals.engine_logger().removeHandler(errors)
            if failed is not None:
                self._failed(errors.lines, failed)
            elif success_clears:
                self.lines = None

        return guarded

    def _failed(self, logged: list[str], exc: Exception) -> None:
        cause = exc.__context__  # MkDocs logs a BuildError's text, then raises its Abort from within
        if isinstance(cause, BuildError):  # the build's own summary ("发现 1 个错误（见上）…"): not a finding
            logged = [line for line in logged if line != str(cause).removeprefix(PLUGIN_PREFIX)]
        said = self.describe(exc)
        if said is not None:
            if os.environ.get("HEALTHPRESS_DEBUG"):
                traceback.print_exception(exc)
            log.error(said)
        self.lines = logged + ([said] if said is not None else [])
        log.error(FAILED)


def failure_page(lines: list[str]) -> bytes:
    """The page every address shows while the last build failed: each error line, escaped."""
    heading = f"预览没有更新：有 {len(lines)} 个问题要改正" if lines else "预览没有更新：这次生成出错"
    items = "\n".join(f"<li>{html.escape(line)}</li>" for line in lines) or \
        "<li>没有收到具体的出错信息：请看运行 healthpress serve 的窗口。</li>"
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{heading}</title>
<style>
body {{ margin: 0; font: 16px/1.7 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1a1a1a; background: #fff5f5; }}
main {{ max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
h1 {{ color: #a40000; font-size: 1.5rem; }}
ol {{ padding-left: 1.5rem; }}
li {{ margin: .6rem 0; padding: .5rem .75rem; background: #fff; border-left: 4px solid #c00; white-space: pre-wrap;
      overflow-wrap: anywhere; font-family: ui-monospace, "Sarasa Mono SC", monospace; }}
</style>
</head>
<body>
<main>
<h1>{heading}</h1>
<p>请按下面的说明改正并保存文件。保存后这个页面会自动刷新；改好了就显示网站。</p>
<ol class="hp-build-errors">
{items}
</ol>
</main>
</body>
</html>
""".encode()


class PreviewServer(LiveReloadServer):
    """MkDocs' preview server that answers every page request with `failure_page` while the last build
    failed, and whose rebuilds (reading mkdocs.yml again included) never leave it waiting."""

    def __init__(self, builder: Callable[..., None], *args: Any, failure: BuildFailure, **kwargs: Any) -> None:
        super().__init__(failure.guard(builder, success_clears=False), *args, **kwargs)
        self.failure = failure

    def serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not (path.startswith(self.mount_path) and path.endswith(("/", ".html"))):  # the site's pages only
            return super().serve_request(environ, start_response)
        epoch = internals.last_finished_build(self)
        lines = self.failure.lines
        if lines is None:
            return super().serve_request(environ, start_response)
        body = internals.with_livereload_script(self, failure_page(lines), epoch)
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                                  ("Cache-Control", "no-store")])
        return [body]


def serve(config_file: str, dev_addr: str, describe: Callable[[BaseException], str | None]) -> None:
    """MkDocs' `serve` with dirty rebuilds and live reload, showing a failed build's errors in the browser."""
    from mkdocs.commands.build import build
    from mkdocs.commands.serve import serve as engine_serve

    failure = BuildFailure(describe, config_file)
    with internals.serve_command_using(failure.guard(build), functools.partial(PreviewServer, failure=failure)):
        engine_serve(config_file, dev_addr=dev_addr, livereload=True, build_type="dirty")
