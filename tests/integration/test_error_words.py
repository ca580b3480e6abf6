"""What reaches the editor when a template, a settings file or the operating system fails is Chinese:
the template's file and line, the YAML problem, the errno's meaning (never Python's English)."""

from __future__ import annotations

import json
import logging

import pytest

from helpers import article, english_words
from healthpress.engine.console import editor_text


@pytest.mark.parametrize("line, said", [
    ("{% if %}", "这里缺少表达式"),
    ("{{ page.title | nosuchfilter }}", "没有叫 nosuchfilter 的过滤器"),
    ("{{ nosuch.attr.x }}", "用到了没有定义的名字 nosuch"),
], ids=["syntax", "filter", "undefined"])
def test_a_template_error_names_the_theme_file_and_line(site, run_cli, line, said):
    site.config["theme"]["custom_dir"] = "theme"
    (site.root / "theme").mkdir()
    (site.root / "theme" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block styles %}\n' + line + "\n{{ super() }}\n{% endblock %}\n", encoding="utf-8")
    site.write("news/a.md", article("一篇", "2013-05-01"))
    done = run_cli(site, "build")
    assert done.returncode == 1, done.stderr
    assert f"模板 theme/main.html 第 3 行：{said}" in done.stderr, done.stderr
    assert english_words(done.stderr, ("nosuchfilter", "nosuch", "if")) == [], done.stderr
    checked = run_cli(site, "check", "--format", "json")
    assert checked.returncode == 1, checked.stderr
    found = [(f["path"], f["line"], f["code"]) for f in json.loads(checked.stdout)]
    assert ("theme/main.html", 3, "template-error") in found, checked.stdout


@pytest.mark.parametrize("settings, said", [
    ("作者: [张明\n".encode(), "不是有效的 YAML："),
    ("作者: 张明\n".encode("gbk"), "不是 UTF-8 编码"),
], ids=["yaml", "encoding"])
def test_new_with_a_broken_editor_yml_says_why_in_chinese(site, run_cli, editor_env, tmp_path, settings, said):
    folder = tmp_path / "config" / "healthpress"
    folder.mkdir(parents=True)
    (folder / "editor.yml").write_bytes(settings)
    done = run_cli(site, "new", "news", "标题", env=editor_env)
    assert done.returncode == 0, done.stderr
    assert said in done.stderr, done.stderr
    assert english_words(done.stderr, ["YAML"]) == [], done.stderr


def test_fix_encoding_of_a_missing_file(site, run_cli):
    done = run_cli(site, "fix-encoding", "nosuch.md")
    assert done.returncode == 1
    assert "nosuch.md: 无法转换（文件或文件夹不存在）" in done.stderr, done.stderr
    assert english_words(done.stderr) == [], done.stderr


def test_serve_on_an_address_not_of_this_machine(site, run_cli):
    done = run_cli(site, "serve", "-a", "192.0.2.1:8000")  # TEST-NET-1: never this machine's
    assert done.returncode == 1
    assert "这个地址不是本机的地址" in done.stderr, done.stderr
    assert english_words(done.stderr) == [], done.stderr


def test_the_preview_request_log_is_chinese():
    record = logging.LogRecord("mkdocs.livereload", logging.WARNING, "", 0, '"GET /x HTTP/1.1" code 404', None, None)
    said = editor_text(record)
    assert said == "警告：预览里没有这个网址：/x（可能是链接写错了，或者文章还没有保存）"


def test_a_template_error_met_in_a_worker_process_still_names_the_file_and_line(site, run_cli):
    """Rendered on two processes, the error comes back pickled, without the traceback that held its line."""
    site.config["theme"]["custom_dir"] = "theme"
    site.config["plugins"][0]["healthpress"]["workers"] = 2
    (site.root / "theme").mkdir()
    (site.root / "theme" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block styles %}\n{{ config.site_name.x.y }}\n{{ super() }}\n{% endblock %}\n',
        encoding="utf-8")
    for number in range(80):
        site.write(f"news/a{number}.md", article(f"第 {number} 篇", "2013-05-01"))
    done = run_cli(site, "build")
    assert done.returncode == 1 and "模板 theme/main.html 第 3 行" in done.stderr, done.stderr
    checked = run_cli(site, "check", "--format", "json")
    found = [(f["path"], f["line"], f["code"]) for f in json.loads(checked.stdout)]
    assert ("theme/main.html", 3, "template-error") in found, checked.stdout
