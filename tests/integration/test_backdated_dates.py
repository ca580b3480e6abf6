"""Backdated release dates (issue 19): `healthpress check --compliance` compares each article's date with the
day its file first entered the site's git repository, following renames, and says when the history
cannot tell (not a git checkout, a shallow clone) instead of passing in silence."""

from __future__ import annotations

import json

from helpers import SiteFolder, article

TODAY = {"SOURCE_DATE_EPOCH": "1796616000"}  # 2026-12-07 12:00 Asia/Shanghai


def compliance(run_cli, site, *codes: str, env=TODAY) -> list[dict]:
    """The findings of `check --compliance --format json` with one of `codes`."""
    done = run_cli(site, "check", "--compliance", "--format", "json", env=env)
    assert "Traceback" not in done.stderr, done.stderr
    return [f for f in json.loads(done.stdout) if f["code"] in codes]


def test_an_article_dated_ten_days_before_its_first_commit_is_reported_one_day_before_is_not(site, git_site, run_cli):
    site.write("news/late.md", "---\n标题: 倒签的通知\n日期: 2026-03-01\n---\n\n正文。\n")
    site.write("news/prepared.md", article("提前写好的通知", "2026-03-10"))
    git_site.commit("2026-03-11")
    [found] = compliance(run_cli, site, "backdated-release", "release-history-missing")
    assert (found["path"], found["line"], found["field"], found["level"]) == ("content/news/late.md", 3, "日期", "error")
    assert "2026-03-01" in found["message"] and "2026-03-11" in found["message"] and "早 10 天" in found["message"]
    assert "改成实际发布的日期 2026-03-11" in found["fix"] and "backdate_tolerance_days" in found["fix"]
    assert "旧稿不要改日期" in found["fix"] and "backdate_since: 2026-03-12" in found["fix"], "an archive moved in"
    plain = run_cli(site, "check", "--format", "json", env=TODAY)
    assert not [f for f in json.loads(plain.stdout) if f["code"] == "backdated-release"], "check --compliance only"


def test_a_renamed_file_keeps_the_day_it_was_first_committed(site, git_site, run_cli):
    site.write("news/old-name.md", article("改过文件名的文章", "2026-03-01"))
    (site.root / "drafts").mkdir()
    (site.root / "drafts" / "draft.md").write_text(article("在草稿文件夹里写好的", "2026-03-01"), encoding="utf-8")
    git_site.commit("2026-03-01")
    git_site.git("mv", "content/news/old-name.md", "content/news/new-name.md")
    git_site.git("mv", "drafts/draft.md", "content/news/draft.md")
    git_site.commit("2026-04-20", "改文件名")
    assert compliance(run_cli, site, "backdated-release", "release-history-missing") == []
    site.write("news/new-name.md", article("改过文件名的文章", "2026-03-01", body="改过的正文。"))
    git_site.git("mv", "content/news/new-name.md", "content/news/third.md")
    git_site.commit("2026-05-20", "又改文件名，也改了正文")
    assert compliance(run_cli, site, "backdated-release", "release-history-missing") == []


def test_the_users_git_settings_do_not_change_the_first_days(site, git_site, run_cli):
    """log.showRoot=false would hide the files of the first commit, diff.relative=true change every path."""
    site.write("news/a.md", article("第一次提交里的文章", "2026-03-01"))
    git_site.commit("2026-03-11")
    settings = {"GIT_CONFIG_COUNT": "2", "GIT_CONFIG_KEY_0": "log.showRoot", "GIT_CONFIG_VALUE_0": "false",
                "GIT_CONFIG_KEY_1": "diff.relative", "GIT_CONFIG_VALUE_1": "true"}
    [found] = compliance(run_cli, site, "backdated-release", "release-history-missing", env={**TODAY, **settings})
    assert "2026-03-11" in found["message"] and "早 10 天" in found["message"], found


def test_a_file_not_committed_yet_entered_the_repository_today(site, git_site, run_cli):
    site.write("news/first.md", article("第一篇", "2026-03-01"))
    git_site.commit("2026-03-01")
    site.write("news/today.md", article("今天写的", "2026-12-06"))
    site.write("news/old.md", article("还没提交却写了旧日期", "2026-11-01"))
    [found] = compliance(run_cli, site, "backdated-release", "release-history-missing")
    assert found["path"] == "content/news/old.md" and "比今天 2026-12-07（文件还没有提交进仓库）早 36 天" in found["message"]


def test_the_tolerance_setting_is_honoured(site, git_site, run_cli):
    site.write("news/a.md", article("十天前", "2026-03-01"))
    site.write("news/b.md", article("一天前", "2026-03-10"))
    git_site.commit("2026-03-11")
    site.config["plugins"][0]["healthpress"]["backdate_tolerance_days"] = 10
    assert compliance(run_cli, site, "backdated-release") == []
    site.config["plugins"][0]["healthpress"]["backdate_tolerance_days"] = 0
    found = compliance(run_cli, site, "backdated-release")
    assert sorted(f["path"] for f in found) == ["content/news/a.md", "content/news/b.md"]
    assert "早 1 天（允许 0 天）" in next(f["message"] for f in found if f["path"].endswith("b.md"))


def test_articles_first_committed_before_backdate_since_are_the_sites_older_articles(site, git_site, run_cli):
    site.write("news/moved-in.md", article("迁入的旧稿", "2013-05-08"))
    git_site.commit("2026-11-23", "迁入旧网站的文章")
    site.write("news/new.md", article("迁入后倒签的稿件", "2026-11-30"))
    git_site.commit("2026-12-05")
    site.config["plugins"][0]["healthpress"]["backdate_since"] = "2026-12-01"
    [found] = compliance(run_cli, site, "backdated-release")
    assert found["path"] == "content/news/new.md" and "早 5 天" in found["message"]


def test_a_bad_tolerance_or_day_is_a_chinese_error_of_mkdocs_yml(site, run_cli):
    site.write("news/a.md", article("一篇", "2026-03-01"))
    for name, value, said in (("backdate_tolerance_days", "三天", "应该写整数，这里写的是文字"),
                              ("backdate_tolerance_days", -1, "超出了允许的范围"),
                              ("backdate_since", "去年", "无法识别的日期“去年”"),
                              ("backdate_since", "2026-02-30", "这个月没有这一天")):
        site.config["plugins"][0]["healthpress"] = {"search_index": False, name: value}
        done = run_cli(site, "check", "--compliance", "--format", "json", env=TODAY)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        [bad] = [f for f in json.loads(done.stdout) if name in (f["field"] or "")]
        assert bad["path"] == "mkdocs.yml" and bad["level"] == "error" and said in bad["message"], bad
        assert bad["line"] is not None


def test_a_site_that_is_not_a_git_checkout_is_said_so(site, run_cli):
    site.write("news/a.md", article("一篇", "2013-05-08"))
    [found] = compliance(run_cli, site, "backdated-release", "release-history-missing")
    assert found["path"] == "content" and found["level"] == "warning" and "不是 git 仓库" in found["message"]
    done = run_cli(site, "check", "--compliance", env=TODAY)
    assert "无法核对文章的发布日期是否倒签" in done.stdout and "Traceback" not in done.stderr


def test_a_shallow_clone_is_said_so_with_the_fix(site, git_site, run_cli, tmp_path):
    site.write("news/a.md", article("倒签的通知", "2026-03-01"))
    git_site.commit("2026-03-11")
    site.write("news/b.md", article("第二篇", "2026-04-01"))
    git_site.commit("2026-04-01")
    clone = tmp_path / "clone"
    git_site.git("clone", "--quiet", "--depth", "1", f"file://{site.root}", str(clone), cwd=tmp_path)
    cloned = SiteFolder(clone, site.config)
    [found] = compliance(run_cli, cloned, "backdated-release", "release-history-missing")
    assert found["level"] == "warning" and "浅克隆" in found["message"], found
    assert "fetch-depth: 0" in found["fix"] and "GIT_DEPTH: 0" in found["fix"] and "git fetch --unshallow" in found["fix"]
    git_site.git("fetch", "--quiet", "--unshallow", cwd=clone)
    [found] = compliance(run_cli, cloned, "backdated-release", "release-history-missing")
    assert found["path"] == "content/news/a.md" and "2026-03-11" in found["message"]


def test_a_machine_without_git_is_said_so(site, git_site, run_cli, tmp_path):
    site.write("news/a.md", article("一篇", "2026-03-01"))
    git_site.commit("2026-03-11")
    (tmp_path / "empty-bin").mkdir()
    [found] = compliance(run_cli, site, "backdated-release", "release-history-missing",
                         env={**TODAY, "PATH": str(tmp_path / "empty-bin")})
    assert found["level"] == "warning" and "没有安装 git" in found["message"] and "apt-get install git" in found["fix"]


def test_git_variables_of_a_hook_do_not_point_the_check_at_another_repository(site, git_site, run_cli):
    """A git hook (pre-commit, pre-push) runs its commands with GIT_DIR=.git and GIT_INDEX_FILE set: the
    history read is still the content folder's own repository, not "not a git repository" nor another one."""
    site.write("news/a.md", article("倒签的通知", "2026-03-01"))
    git_site.commit("2026-03-11")
    hook = {**TODAY, "GIT_DIR": ".git", "GIT_INDEX_FILE": ".git/index", "GIT_WORK_TREE": "."}
    [found] = compliance(run_cli, site, "backdated-release", "release-history-missing", env=hook)
    assert found["path"] == "content/news/a.md" and "早 10 天" in found["message"], found


def test_a_partial_clones_settings_run_no_program_and_it_is_said_so(site, git_site, run_cli, tmp_path):
    """A clone made with --filter lacks old file contents that following a rename needs: git would fetch
    them by running the program .git/config names (remote.origin.uploadpack): the check runs nothing and
    says the history is incomplete, with the fix."""
    site.write("news/a.md", article("改过名又改过正文的文章", "2026-03-01", body="第一段。\n\n第二段。\n\n第三段。"))
    git_site.commit("2026-03-01")
    site.write("news/a.md", article("改过名又改过正文的文章", "2026-03-01", body="第一段。\n\n第二段。\n\n新的第三段。"))
    git_site.git("mv", "content/news/a.md", "content/news/b.md")
    git_site.commit("2026-04-20", "改名并修改")
    git_site.git("config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "partial"
    git_site.git("clone", "--quiet", "--filter=blob:none", f"file://{site.root}", str(clone), cwd=tmp_path)
    ran = tmp_path / "ran"
    program = tmp_path / "program.sh"
    program.write_text(f"#!/bin/sh\necho ran > '{ran}'\nexit 1\n", encoding="utf-8")
    program.chmod(0o755)
    git_site.git("config", "remote.origin.uploadpack", str(program), cwd=clone)
    [found] = compliance(run_cli, SiteFolder(clone, site.config), "backdated-release", "release-history-missing")
    assert not ran.exists(), "a program named in the repository's .git/config was run"
    assert found["level"] == "warning" and "部分克隆" in found["message"] and "--filter" in found["fix"], found


def test_a_commit_dated_after_today_by_a_wrong_clock_counts_as_today(site, git_site, run_cli):
    """A computer whose clock runs ahead commits "on" 2026-12-20: the article entered the repository by
    today at the latest, and the fix must not ask for a release date in the future."""
    site.write("news/fresh.md", article("昨天的通知", "2026-12-06"))
    site.write("news/old.md", article("旧日期的通知", "2026-11-01"))
    git_site.commit("2026-12-20")
    [found] = compliance(run_cli, site, "backdated-release", "release-history-missing")
    assert found["path"] == "content/news/old.md" and "早 36 天" in found["message"], found
    assert "2026-12-20" in found["message"] and "今天 2026-12-07" in found["message"], found
    assert "改成实际发布的日期 2026-12-07" in found["fix"] and "2026-12-2" not in found["fix"], found


def test_a_site_none_of_whose_files_is_committed_is_said_so_once(site, git_site, run_cli, tmp_path):
    """A site copied into a folder of another git repository (a home folder kept in git), or a repository
    without a commit yet: nothing of content/ is committed, and every older article is not "backdated"."""
    site.write("news/a.md", article("一篇", "2013-05-08"))
    site.write("news/b.md", article("另一篇", "2014-05-08"))
    for history in ("没有提交", "只提交了别的文件"):
        if history == "只提交了别的文件":
            git_site.git("add", ".gitignore")
            git_site.git("commit", "--quiet", "-m", "别的文件")
        [found] = compliance(run_cli, site, "backdated-release", "release-history-missing")
        assert found["path"] == "content" and found["level"] == "warning", (history, found)
        assert "都还没有提交" in found["message"] and "git commit" in found["fix"], (history, found)


def test_a_backdate_since_more_than_a_year_ahead_is_a_warning_on_its_line_from_check_and_build(site, check_and_build):
    """2062 for 2026 would silently leave every article unjudged for decades."""
    site.write("news/a.md", article("一篇", "2026-03-01"))
    site.config["plugins"][0]["healthpress"] = {"search_index": False, "backdate_since": "2062-12-01"}
    site.write_project()
    checked, built = check_and_build(site.root)
    from_check = [(f["path"], f["line"], f["field"], f["level"], f["message"]) for f in checked
                  if f["code"] == "option-far-future"]
    from_build = [(f.path, f.line, f.field, f.level.value, f.message) for f in built if f.code == "option-far-future"]
    assert from_check == from_build and len(from_check) == 1, (from_check, from_build)
    path, line, field, level, message = from_check[0]
    assert (path, field, level) == ("mkdocs.yml", "backdate_since", "warning") and line is not None
    assert "2062年12月1日" in message and "晚一年以上" in message and "2026年12月7日" in message
    site.config["plugins"][0]["healthpress"]["backdate_since"] = "2027-12-01"  # within a year: a plan, said nothing
    site.write_project()
    checked, built = check_and_build(site.root)
    assert not [f for f in checked if f["code"] == "option-far-future"]
