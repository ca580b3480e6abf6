"""serve's memory of a failed build (engine/servefailure.py): what it keeps, what it forgets, the page."""

from __future__ import annotations

import logging

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import get_plugin_logger

from healthpress.engine.servefailure import BuildFailure, failure_page

log = get_plugin_logger("healthpress.test")


def failing_build() -> None:
    """As MkDocs' build ends on healthpress' PluginError: its text logged, then an Abort raised within."""
    log.warning("content/news/a.md:5: tags: 只是一个警告")
    log.error("content/news/b.md:3: date: 无法识别的日期“2013年5月8日” — 写法：date: 2013-05-08")
    try:
        raise PluginError("发现 1 个错误（见上），网站没有生成；原来的网站保持不变。改正后重新生成。")
    except PluginError as error:
        logging.getLogger("mkdocs.commands.build").error(str(error))
        raise Abort("Aborted with a BuildError!")


def test_a_failed_build_keeps_its_error_lines_and_a_later_success_forgets_them():
    described = []
    failure = BuildFailure(lambda exc: described.append(exc))  # None: the lines logged say why
    failure.guard(failing_build)()  # does not raise
    assert failure.lines == ["content/news/b.md:3: date: 无法识别的日期“2013年5月8日” — 写法：date: 2013-05-08"]
    assert len(described) == 1 and isinstance(described[0], Abort)
    failure.guard(lambda: None, success_clears=False)()  # the server's builder around a guarded build
    assert failure.lines is not None
    failure.guard(lambda: None)()
    assert failure.lines is None


def test_an_exception_nothing_logged_is_described_in_chinese():
    failure = BuildFailure(lambda exc: f"出错了：{exc}")

    def broken() -> None:
        raise PluginError("模板坏了")

    failure.guard(broken, success_clears=False)()
    assert failure.lines == ["出错了：模板坏了"]


def test_the_page_escapes_what_an_editor_wrote():
    page = failure_page(['content/news/b.md:2: title: 标题里有 <script>alert(1)</script> & “引号”']).decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; “引号”" in page and "<script>" not in page
    assert '<html lang="zh-CN">' in page and "预览没有更新" in page


def test_the_page_lists_findings_under_a_preview_heading():
    page = failure_page(["content/news/b.md:3: date: 无法识别的日期", "mkdocs.yml:6: docs_dir: 文件夹“x”不存在"]).decode()
    assert "<h1>预览没有更新：有 2 个问题要改正</h1>" in page
    assert page.count("<li>") == 2 and "网站没有生成" not in page


def test_mkdocs_lines_about_the_settings_are_findings_on_the_page():
    def bad_settings() -> None:
        logging.getLogger("mkdocs.config").error(
            "Config value 'plugins': Plugin 'healthpress' option 'page_size': "
            "Expected type: <class 'int'> but received: <class 'str'>")
        raise Abort("Aborted with a configuration error!")

    failure = BuildFailure(lambda exc: None, "elsewhere/mkdocs.yml")  # no file to find the line in
    failure.guard(bad_settings)()
    assert failure.lines == ["elsewhere/mkdocs.yml: plugins: healthpress: page_size: 应该写整数，这里写的是文字 — 改成整数"]
