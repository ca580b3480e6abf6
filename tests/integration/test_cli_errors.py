"""Every command ends a failure in one Chinese line, never a traceback: no mkdocs.yml or a malformed
one, no healthpress plugin, a bad preview address, a file that cannot be written, a full disk, a
closed pipe, Ctrl-C, and an error healthpress did not expect."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys

import pytest

from helpers import article

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def failed(done: subprocess.CompletedProcess, rc: int = 1, *words: str) -> None:
    assert done.returncode == rc, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    assert CHINESE.search(done.stderr), done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


COMMANDS = [("build",), ("check",), ("stats", "--period", "2013"), ("new", "news", "标题"),
            ("serve", "-a", f"127.0.0.1:{free_port()}")]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_no_mkdocs_yml(site, run_cli, command):
    site.write_project()
    (site.root / "mkdocs.yml").rename(site.root / "other.yml")
    done = subprocess.run([sys.executable, "-m", "healthpress.cli", *command], cwd=site.root,
                          capture_output=True, text=True, timeout=120)
    failed(done, 1, "找不到站点配置文件 mkdocs.yml", "-f")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_malformed_mkdocs_yml(site, run_cli, command):
    site.write_project()
    (site.root / "other.yml").write_text("site_name: [测试\n", encoding="utf-8")
    done = run_cli(site, "-f", "other.yml", *command)
    failed(done, 1, "other.yml", "YAML 格式有误", "第 2 行")


def test_an_invalid_setting_stops_the_build(site, run_cli):
    site.config["docs_dir"] = "nowhere"
    failed(run_cli(site, "build"), 1, "mkdocs.yml 里有设置不对", "docs_dir: 文件夹“nowhere”不存在")


def test_an_invalid_setting_is_a_finding_of_the_check(site, run_cli):
    site.config["docs_dir"] = "nowhere"
    done = run_cli(site, "check")
    assert done.returncode == 1, done.stderr
    assert "mkdocs.yml:" in done.stdout and "docs_dir: 文件夹“nowhere”不存在" in done.stdout, done.stdout
    assert "检查完毕：1 个错误，0 个警告。" in done.stdout, done.stdout


@pytest.mark.parametrize("command", [("check",), ("stats", "--period", "2013"), ("new", "news", "标题")],
                         ids=lambda c: c[0])
def test_no_healthpress_plugin(site, run_cli, command):
    site.config["plugins"] = ["search"]
    failed(run_cli(site, *command), 1, "mkdocs.yml 的 plugins 里没有 healthpress", "- healthpress")


@pytest.mark.parametrize("address", ["127.0.0.1:99999", "127.0.0.1:端口", "127.0.0.1:0"])
def test_serve_on_a_port_out_of_range(site, run_cli, address):
    failed(run_cli(site, "serve", "-a", address), 1, f"预览地址“{address}”写得不对", "1 到 65535")


def test_check_report_where_no_folder_can_be_made(site, run_cli):
    site.write("news/a.md", article("通知", "2013-05-08"))
    failed(run_cli(site, "check", "--report", "/proc/nope/r.html"), 1, "/proc/nope")


@pytest.mark.parametrize("command", [("check", "--report", "报告/check.html"), ("build", "--timings", "报告/t.json")],
                         ids=lambda c: c[0])
def test_a_file_named_in_a_folder_that_does_not_exist_is_refused_before_the_run(site, run_cli, command):
    site.write("news/a.md", article("通知", "2013-05-08"))
    failed(run_cli(site, *command), 1, f"无法写入 {command[2]}：文件夹 报告 不存在", "mkdir 报告")
    assert not (site.root / "报告").exists() and not (site.root / "site").exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_stats_csv_to_a_full_disk(site, run_cli):
    (site.root / "data").mkdir()
    (site.root / "data" / "units.yml").write_text("- name: 市人民医院\n  type: 医疗机构\n", encoding="utf-8")
    site.write("news/a.md", article("供稿", "2013-05-08", unit="市人民医院"))
    site.write_project()
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "healthpress.cli", "stats", "--period", "2013", "--csv"],
                              cwd=site.root, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    failed(done, 1, "磁盘已满")


def test_check_into_a_closed_pipe_stops_quietly(site, run_cli):
    """`healthpress check | head -2`: the reader has gone before check writes; no message at all."""
    site.write("news/a.md", article("通知", "2013-05-08"))
    site.write_project()
    process = subprocess.Popen([sys.executable, "-m", "healthpress.cli", "check"], cwd=site.root,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.stdout.close()
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 141, stderr
    assert stderr == ""


@pytest.mark.parametrize("command", [("check",), ("stats", "--period", "2013"), ("new", "news", "标题")],
                         ids=lambda c: c[0])
def test_ctrl_c_says_interrupted(site, monkeypatch, capsys, command):
    from healthpress import cli
    from healthpress.build import project

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    site.write_project()
    monkeypatch.chdir(site.root)
    monkeypatch.setattr(project, "load_project", interrupted)
    monkeypatch.setattr("mkdocs.config.load_config", interrupted)
    assert cli.main(list(command)) == 130
    assert "已中断" in capsys.readouterr().err


def test_an_unexpected_error_says_how_to_see_the_traceback(site, monkeypatch, capsys):
    from healthpress import cli
    from healthpress.build import project

    def broken(*args, **kwargs):
        raise ZeroDivisionError("除数为零")

    site.write_project()
    monkeypatch.chdir(site.root)
    monkeypatch.setattr(project, "load_project", broken)
    monkeypatch.setattr("mkdocs.config.load_config", broken)
    monkeypatch.delenv("HEALTHPRESS_DEBUG", raising=False)
    assert cli.main(["check"]) == 1
    err = capsys.readouterr().err
    assert "除数为零（ZeroDivisionError）" in err and "HEALTHPRESS_DEBUG=1" in err and "Traceback" not in err
    monkeypatch.setenv("HEALTHPRESS_DEBUG", "1")
    assert cli.main(["check"]) == 1
    assert "Traceback" in capsys.readouterr().err


@pytest.mark.parametrize("program,command", [((), "build"), ((), "check"), ((), "serve"), (("-m", "mkdocs"), "build")])
@pytest.mark.parametrize("epoch", ["abc", "1.5e9", "99999999999999"])
def test_a_source_date_epoch_that_is_no_moment_is_said_in_chinese(site, run_cli, program, command, epoch):
    """The build moment (and with it the mourning days, scheduled articles) comes from SOURCE_DATE_EPOCH: one
    that is not a whole number of seconds, or lies past year 9999, was an English ValueError."""
    site.write("news/a.md", article("社区义诊活动", "2019-05-08"))
    done = run_cli(site, command, program=program or ("-m", "healthpress.cli"), env={"SOURCE_DATE_EPOCH": epoch})
    said = done.stdout + done.stderr
    assert done.returncode != 0, said
    assert f"环境变量 SOURCE_DATE_EPOCH 应当是 1970-01-01 0:00（UTC）以来的秒数，写成整数（如 1586000000），这里是“{epoch}”" in said, said
    assert "Traceback" not in said and "invalid literal" not in said and "out of range" not in said, said
