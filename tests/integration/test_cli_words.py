"""Everything `healthpress` prints is Chinese: argparse's own words (help, usage, errors) through
healthpress.cliwords, every option with a help text, and MkDocs' log lines with Chinese labels, said in
Chinese or left out (engine/console.py). Each run's whole output is scanned for English words."""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import article, english_words

from healthpress import cli
from healthpress.cliwords import ARGPARSE_WORDS

COLUMN_IDS = ("news", "health-weekly")
"""The columns of the `site` fixture."""


def argparse_messages() -> set[str]:
    """Every message the running Python's argparse passes through gettext (singular forms of ngettext)."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext")
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)}


def test_the_catalog_has_every_message_of_argparse():
    messages = argparse_messages()
    assert {"usage: ", "positional arguments", "expected one argument"} <= messages  # the scan finds them
    assert sorted(messages - ARGPARSE_WORDS.keys()) == []


def test_each_translation_formats_as_its_message_does():
    """Its %s and %r as many as the message's (filled in order); its named ones among the message's."""
    placeholders = re.compile(r"%(?:\(\w+\))?[sr]")
    for english, chinese in ARGPARSE_WORDS.items():
        named = {p for p in placeholders.findall(chinese) if "(" in p}
        assert named <= set(placeholders.findall(english)), english
        assert [p for p in placeholders.findall(chinese) if "(" not in p] == \
            [p for p in placeholders.findall(english) if "(" not in p], english
        assert not english_words(placeholders.sub(" ", chinese), ["__call__", "dest", "required", "conflict_resolution"]), \
            chinese


INVOCATIONS = [
    ("-h",), ("build", "-h"), ("check", "-h"), ("serve", "-h"), ("new", "-h"), ("stats", "-h"),
    ("fix-encoding", "-h"), ("report", "-h"), ("wechat", "-h"), ("wechat",),
    (), ("bogus",), ("-f",), ("check", "--format"), ("check", "--format", "xml"), ("check", "--nope"),
    ("build", "--wait", "x"), ("build", "extra"), ("stats", "--period"), ("new",), ("new", "news"),
    ("fix-encoding",), ("--config",), ("check", "--form", "xml"),
    ("report",), ("report", "web"), ("report", "website", "--year", "x"), ("report", "website", "--year", "1999"),
]


@pytest.mark.parametrize("argv", INVOCATIONS, ids=lambda argv: " ".join(argv) or "nothing")
def test_help_and_every_mistake_on_the_command_line_are_chinese(site, monkeypatch, capsys, argv):
    site.write_project()
    monkeypatch.chdir(site.root)
    with pytest.raises(SystemExit) as stop:
        cli.main(list(argv))
    out, err = capsys.readouterr()
    assert stop.value.code == (0 if "-h" in argv else 2), err
    assert (out if "-h" in argv else err).startswith("用法：healthpress"), out + err
    assert english_words(out + err, (*COLUMN_IDS, *argv)) == [], out + err  # what the editor typed comes back


def test_every_option_has_help():
    parser = cli._parser([])
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in [("healthpress", parser), *commands.choices.items()]:
        for action in command._actions:
            assert action.help, (name, action.option_strings or action.dest)


def test_new_help_lists_the_projects_columns_with_their_titles(site, monkeypatch, capsys):
    site.column("service-year", "优质服务年", order=0)
    site.write_project()
    monkeypatch.chdir(site.root)
    with pytest.raises(SystemExit):
        cli.main(["new", "--help"])
    out = capsys.readouterr().out
    assert re.search(r"service-year +优质服务年\n +news +要闻\n +health-weekly +健康周刊（期刊", out), out
    site.root.joinpath("mkdocs.yml").rename(site.root / "other.yml")
    with pytest.raises(SystemExit):
        cli.main(["new", "--help"])
    out = capsys.readouterr().out
    assert "栏目编号就是栏目文件名" in out and "-f" in out and "service-year" not in out
    with pytest.raises(SystemExit):
        cli.main(["-f", "other.yml", "new", "--help"])
    assert "service-year" in capsys.readouterr().out


def chinese_run(run_cli, site, *argv, allowed=(), env=None, rc=0) -> str:
    """The whole output of a run, checked: its exit status, no English word in it."""
    done = run_cli(site, *argv, env=env)
    output = done.stdout + done.stderr
    assert done.returncode == rc, output
    assert english_words(output, (*COLUMN_IDS, *allowed)) == [], output
    return output


def test_build_says_everything_in_chinese(site, run_cli):
    site.write("news/a.md", article("甲", "2013-05-08", body="见[乙](b.md)。"))
    site.write("news/b.md", article("乙", "2013-05-09"))
    output = chinese_run(run_cli, site, "build")
    assert "网站生成完毕" in output and "INFO" not in output
    link = site.write("news/d.md", article("丁", "2013-05-10", body="见[戊](nowhere.md)。"))
    output = chinese_run(run_cli, site, "build", rc=1)  # MkDocs' own line about the link is left out
    assert "错误：content/news/d.md:6:" in output and "nowhere.md" in output
    link.unlink()
    site.write("news/c.md", "---\ntitle: 丙\ndate: 2013-02-30\n---\n")
    output = chinese_run(run_cli, site, "build", rc=1)
    assert "错误：content/news/c.md:3: date:" in output
    assert "原来的网站保持不变" in output


def test_a_strict_build_with_a_warning_says_so_in_chinese(site, run_cli):
    site.write("health-weekly/a.md", article("没写期号的周刊稿件", "2013-05-08"))
    output = chinese_run(run_cli, site, "build", "--strict", rc=1)
    assert "警告：" in output and "严格模式" in output


def test_check_new_stats_and_fix_encoding_say_everything_in_chinese(site, run_cli, editor_env):
    site.write("news/a.md", article("甲", "2013-05-08", unit="市人民医院"))
    chinese_run(run_cli, site, "check")
    chinese_run(run_cli, site, "new", "health-weekly", "夏季防暑小常识", env=editor_env)
    chinese_run(run_cli, site, "new", "health-weekly", "夏季防暑小常识", env=editor_env, rc=1)
    (site.root / "data").mkdir()
    (site.root / "data" / "units.yml").write_text("- name: 市人民医院\n  type: 医疗机构\n", encoding="utf-8")
    chinese_run(run_cli, site, "stats")
    site.write("news/gbk.md", "")
    (site.root / "content" / "news" / "gbk.md").write_bytes("---\ntitle: 乙\ndate: 2013-05-08\n---\n".encode("gbk"))
    chinese_run(run_cli, site, "check", rc=1)
    chinese_run(run_cli, site, "fix-encoding", "content/news/gbk.md", allowed=("gb18030",))
