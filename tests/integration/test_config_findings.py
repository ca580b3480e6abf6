"""MkDocs' words about mkdocs.yml reach the editor as Chinese findings: `check` finds every warning and
error `build` would meet in the settings (its JSON too, even when mkdocs.yml cannot be read), `build`
says and counts them, refuses a site without healthpress, and in strict mode says nothing was published."""

from __future__ import annotations

import json

from helpers import article, english_words

SETTINGS_WORDS = ("plugins", "docs_dir", "page_size", "bogus_opt", "iframe_hosts", "iframe_host")
"""The settings' names, as the editor wrote them."""


def test_check_finds_an_unknown_option_build_strict_fails_on(site, run_cli):
    site.config["plugins"] = [{"healthpress": {"page_size": 20, "search_index": False, "iframe_host": ["a.cn"]}}]
    site.write("news/a.md", article("一篇", "2013-05-01"))
    done = run_cli(site, "check")
    assert done.returncode == 0, done.stderr
    assert "plugins: healthpress: iframe_host: 没有这个设置" in done.stdout, done.stdout
    assert "检查完毕：0 个错误，1 个警告。" in done.stdout, done.stdout
    assert done.stderr == ""
    assert english_words(done.stdout, SETTINGS_WORDS) == [], done.stdout
    found = json.loads(run_cli(site, "check", "--format", "json").stdout)
    assert [(f["path"], f["field"], f["level"]) for f in found] == [
        ("mkdocs.yml", "plugins: healthpress: iframe_host", "warning")]
    assert found[0]["line"] == next(number for number, line in enumerate(
        (site.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1) if "iframe_host" in line)
    built = run_cli(site, "build")
    assert built.returncode == 0, built.stderr
    assert "1 个警告" in built.stderr.splitlines()[-1], built.stderr  # the summary counts it
    strict = run_cli(site, "build", "--strict")
    assert strict.returncode == 1, strict.stderr
    assert english_words(strict.stderr, SETTINGS_WORDS) == [], strict.stderr


def test_check_json_of_a_setting_of_the_wrong_type(site, run_cli):
    site.config["plugins"] = [{"healthpress": {"page_size": "abc"}}]
    done = run_cli(site, "check", "--format", "json")
    assert done.returncode == 1, done.stderr
    found = json.loads(done.stdout)
    assert [(f["field"], f["level"], f["message"]) for f in found] == [
        ("plugins: healthpress: page_size", "error", "应该写整数，这里写的是文字")]
    built = run_cli(site, "build")
    assert built.returncode == 1
    assert english_words(built.stderr, SETTINGS_WORDS) == [], built.stderr
    assert "page_size: 应该写整数" in built.stderr, built.stderr


def test_check_json_of_a_mkdocs_yml_that_does_not_parse(site, run_cli):
    site.write_project()
    (site.root / "other.yml").write_text("site_name: [测试\n", encoding="utf-8")
    done = run_cli(site, "-f", "other.yml", "check", "--format", "json")
    assert done.returncode == 1
    found = json.loads(done.stdout)
    assert [(f["path"], f["line"], f["level"]) for f in found] == [("other.yml", 2, "error")]
    assert "YAML 格式有误" in found[0]["message"]


def test_check_json_without_the_healthpress_plugin(site, run_cli):
    site.config["plugins"] = ["search"]
    found = json.loads(run_cli(site, "check", "--format", "json").stdout)
    assert len(found) == 1 and "plugins 里没有 healthpress" in found[0]["message"], found


def test_build_refuses_a_site_without_healthpress(site, run_cli):
    site.config["plugins"] = ["search"]
    done = run_cli(site, "build")
    assert done.returncode == 1, done.stderr
    assert "mkdocs.yml 的 plugins 里没有 healthpress" in done.stderr, done.stderr
    assert not (site.root / "site").exists()


def test_strict_build_says_the_site_was_not_published(site, run_cli):
    site.write("health-weekly/a.md", article("没写期号的周刊稿件", "2013-05-08"))  # a warning
    done = run_cli(site, "build", "--strict")
    assert done.returncode == 1, done.stderr
    assert "网站生成完毕" not in done.stderr, done.stderr
    assert "没有发布" in done.stderr, done.stderr


def test_an_unknown_top_level_setting(site, run_cli):
    site.config["bogus"] = 1
    done = run_cli(site, "check")
    assert "mkdocs.yml:1: bogus: 没有这个设置" in done.stdout, done.stdout


def test_new_and_stats_say_a_misspelled_option_in_chinese(site, run_cli, editor_env):
    site.config["plugins"] = [{"healthpress": {"page_size": 20, "iframe_host": ["a.cn"]}}]
    for command in (("new", "news", "标题"), ("stats", "--period", "2013")):
        done = run_cli(site, *command, env=editor_env)
        assert "plugins: healthpress: iframe_host: 没有这个设置" in done.stderr, done.stderr
        assert "Config value" not in done.stderr, done.stderr


def test_compliance_check_and_report_say_a_misspelled_option_once(site, run_cli):
    site.config["plugins"] = [{"healthpress": {"page_size": 20, "iframe_host": ["a.cn"]}}]
    done = run_cli(site, "check", "--compliance", "--report", "check.html")
    assert (done.stdout + done.stderr).count("iframe_host") == 1, done.stdout + done.stderr
    assert "Config value" not in done.stderr, done.stderr


def test_a_wrong_type_hides_no_other_problem_of_the_settings(site, run_cli):
    site.config["plugins"] = [{"healthpress": {"page_size": "abc", "search_index": False, "iframe_host": ["a.cn"]}}]
    site.config["site_url"] = 5
    site.config["use_directory_urls"] = "abc"
    site.config["site_nmae"] = "错名"
    site.write("news/a.md", article("一篇", "2013-05-01"))
    found = json.loads(run_cli(site, "check", "--format", "json").stdout)
    assert sorted((f["field"], f["level"]) for f in found) == [
        ("plugins: healthpress: iframe_host", "warning"), ("plugins: healthpress: page_size", "error"),
        ("site_nmae", "warning"), ("site_url", "error"), ("use_directory_urls", "error")], found
    assert all(f["line"] for f in found), found
    built = run_cli(site, "build")
    assert built.returncode == 1
    for field in ("iframe_host", "page_size", "site_nmae", "site_url", "use_directory_urls"):
        assert built.stderr.count(f"{field}:") == 1, built.stderr
