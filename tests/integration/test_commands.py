"""`healthpress new`, `fix-encoding` and `serve`, and `mkdocs build` itself, as an editor runs them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

import pytest

from helpers import article

PINNED_DAY = {"SOURCE_DATE_EPOCH": "1796616000"}
"""`new` writes today's date: 2026-12-07 12:00 in Beijing, never the real calendar (nor a midnight between the
command and the test's own clock)."""


def test_new_creates_a_named_draft_with_today(site, run_cli):
    result = run_cli(site, "new", "news", "市人民医院开展“优质服务年”义诊：百名专家进社区", env=PINNED_DAY)
    assert result.returncode == 0, result.stderr
    path = site.root / result.stdout.strip()
    assert path.relative_to(site.root).as_posix() == \
        "content/news/shi-ren-min-yi-yuan-kai-zhan-you-zhi-fu-wu-nian-yi-zhen-bai.md"
    text = path.read_text(encoding="utf-8")
    assert "title: 市人民医院开展“优质服务年”义诊：百名专家进社区" in text and "status: draft" in text
    assert "2026-12-07" in text
    assert run_cli(site, "check").returncode == 0


def test_new_refuses_a_title_it_has_made_a_file_for_unless_forced(site, run_cli):
    first = run_cli(site, "new", "news", "义诊活动")
    assert first.returncode == 0 and first.stdout.strip() == "content/news/yi-zhen-huo-dong.md"
    again = run_cli(site, "new", "news", "义诊活动")
    assert again.returncode == 1 and again.stdout == ""
    assert "content/news/yi-zhen-huo-dong.md 已经存在" in again.stderr and "--force" in again.stderr
    assert sorted(p.name for p in (site.root / "content" / "news").iterdir()) == ["yi-zhen-huo-dong.md"]
    forced = run_cli(site, "new", "--force", "news", "义诊活动")
    assert forced.returncode == 0 and forced.stdout.strip() == "content/news/yi-zhen-huo-dong-2.md"
    assert "已有 content/news/yi-zhen-huo-dong.md，新文件名加了 -2" in forced.stderr


def new_article(site, run_cli, env: dict[str, str], column: str = "news", title: str = "义诊活动"):
    """The article `healthpress new` writes (parsed), its text, and the command's error output."""
    from healthpress.model.articles import parse_article

    result = run_cli(site, "new", column, title, env=env)
    assert result.returncode == 0, result.stderr
    path = site.root / result.stdout.strip()
    text = path.read_text(encoding="utf-8")
    made, findings = parse_article(str(path), f"{column}/{path.name}", text)
    assert findings == [], findings
    return made, text, result.stderr


@pytest.mark.parametrize("settings", ["作者: 李华\n单位: 市人民医院\n", "author: 李华\nunit: 市人民医院\n"],
                         ids=["chinese-keys", "english-keys"])
def test_new_fills_author_and_unit_from_the_editors_settings(site, run_cli, editor_env, settings):
    folder = site.root / "config" / "healthpress"
    folder.mkdir(parents=True)
    (folder / "editor.yml").write_text(settings, encoding="utf-8")
    (site.root / "gitconfig").write_text("[user]\n\tname = 王芳\n", encoding="utf-8")
    made, text, err = new_article(site, run_cli, editor_env)
    assert (made.author, made.unit) == ("李华", "市人民医院") and err == ""
    assert "editor.yml" not in text


def test_new_takes_the_author_from_git_and_says_how_to_set_the_unit(site, run_cli, editor_env):
    (site.root / "gitconfig").write_text("[user]\n\tname = 王芳\n", encoding="utf-8")
    made, text, _ = new_article(site, run_cli, editor_env)
    assert (made.author, made.unit) == ("王芳", None)
    settings = site.root / "config" / "healthpress" / "editor.yml"
    assert f"unit:                    # 供稿单位：在 {settings.as_posix()} 里写一行“单位: 市人民医院”" in text


def test_new_without_any_settings_leaves_author_and_unit_to_fill(site, run_cli, editor_env):
    made, text, _ = new_article(site, run_cli, editor_env)
    assert (made.author, made.unit) == (None, None)
    assert "author:                  # 作者：在 " in text and "“作者: 张明”" in text


def test_new_warns_of_a_settings_file_it_cannot_use(site, run_cli, editor_env):
    folder = site.root / "config" / "healthpress"
    folder.mkdir(parents=True)
    (folder / "editor.yml").write_text("作者: 李华\n部门: 宣传科\n", encoding="utf-8")
    made, _, err = new_article(site, run_cli, editor_env)
    assert made.author == "李华"
    assert "警告：" in err and "部门 不认识" in err and "editor.yml" in err


def test_new_numbers_a_weekly_article_with_the_next_issue(site, run_cli, editor_env):
    made, text, _ = new_article(site, run_cli, editor_env, "health-weekly", "第一期的稿件")
    assert made.issue == 1 and "这是第一期" in text
    site.write("health-weekly/2013/a.md", article("甲", "2013-05-08", issue=7))
    site.write("health-weekly/b.md", "---\n标题: 乙\n日期: 2013-05-15\n期号: 12\nstatus: draft\n---\n")
    made, text, _ = new_article(site, run_cli, editor_env, "health-weekly", "夏季防暑小常识")
    assert made.issue == 13 and "已有的最大期号是 12" in text
    news, _, _ = new_article(site, run_cli, editor_env, "news", "要闻")
    assert news.issue is None


def test_new_refuses_an_unknown_column_listing_the_known_ones(site, run_cli):
    result = run_cli(site, "new", "nosuch", "标题")
    assert result.returncode == 1
    assert "nosuch" in result.stderr and "news（要闻）" in result.stderr and "health-weekly（健康周刊）" in result.stderr
    assert not (site.root / "content" / "nosuch").exists()


@pytest.mark.parametrize("title, said", [
    ("", "标题（title）不能为空"),
    ("   ", "标题（title）不能为空"),
    ("<b>义诊</b>活动", "标题（title）有 HTML 标签“<b>”"),
    ("义诊\u200b活动", "标题（title）有看不见的字符 U+200B"),
], ids=["empty", "spaces", "html", "hidden-character"])
def test_new_refuses_a_title_the_front_matter_would_refuse(site, run_cli, title, said):
    result = run_cli(site, "new", "news", title)
    assert result.returncode == 1 and said in result.stderr and "没有新建" in result.stderr, result.stderr
    assert not (site.root / "content" / "news").exists()


def test_new_refuses_the_title_of_an_article_with_another_file_name(site, run_cli):
    site.write("news/夏季食物中毒预防.md", "---\n标题: 夏季食物中毒预防\n日期: 2013-05-08\n---\n正文\n")
    result = run_cli(site, "new", "news", "夏季食物中毒预防")
    assert result.returncode == 1 and "content/news/夏季食物中毒预防.md 已经存在" in result.stderr, result.stderr
    assert sorted(p.name for p in (site.root / "content" / "news").iterdir()) == ["夏季食物中毒预防.md"]


def test_new_names_titles_without_pinyin_after_the_day_and_keeps_them_apart(site, run_cli):
    made = [run_cli(site, "new", "news", title, env=PINNED_DAY) for title in ("🎉🎉", "！！！")]
    assert [m.returncode for m in made] == [0, 0], [m.stderr for m in made]
    day = "2026-12-07"
    assert [m.stdout.strip() for m in made] == [f"content/news/{day}-1.md", f"content/news/{day}-2.md"]
    assert run_cli(site, "check").returncode == 0


def test_new_warns_of_a_settings_path_that_is_a_folder(site, run_cli, editor_env):
    (site.root / "config" / "healthpress" / "editor.yml").mkdir(parents=True)
    made, _, err = new_article(site, run_cli, editor_env)
    assert "警告：" in err and "editor.yml 是一个文件夹" in err


def test_fix_encoding_converts_gbk_and_keeps_a_backup_that_is_never_published(site, run_cli):
    original = "---\ntitle: 甲\ndate: 2013-05-08\n---\n正文\n".encode("gbk")
    path = site.root / "content" / "news" / "gbk.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(original)
    assert run_cli(site, "check").returncode == 1
    result = run_cli(site, "fix-encoding", "content/news/gbk.md")
    assert result.returncode == 0 and "gb18030" in result.stdout
    assert path.read_text(encoding="utf-8").startswith("---\ntitle: 甲")
    assert (path.parent / ".gbk.md.gb18030.bak").read_bytes() == original
    assert run_cli(site, "build").returncode == 0
    assert not list((site.root / "site").rglob("*.bak"))


@pytest.mark.parametrize("command", [("-m", "mkdocs", "build"), ("-m", "mkdocs", "build", "--strict"),
                                      ("-m", "healthpress.cli", "build")], ids=["mkdocs", "mkdocs-strict", "healthpress"])
def test_every_way_of_building_fails_on_the_same_error_and_keeps_the_site(site, command, run_cli):
    site.write("news/a.md", article("甲", "2013-05-08"))
    assert run_cli(site, program=command).returncode == 0
    before = (site.root / "site" / "news" / "index.html").read_bytes()
    site.write("news/b.md", "---\ntitle: 乙\ndate: 2013年5月8日\n---\n")
    result = run_cli(site, program=command)
    assert result.returncode != 0
    assert "content/news/b.md:3: date:" in result.stderr and "2013-05-08" in result.stderr
    assert (site.root / "site" / "news" / "index.html").read_bytes() == before


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@contextmanager
def serving(site):
    """`healthpress serve` on a free port for the test's project; yields the port."""
    site.write_project()
    port = free_port()
    with (site.root / "serve.log").open("wb") as log:  # beside content/, so not watched
        server = subprocess.Popen([sys.executable, "-m", "healthpress.cli", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=site.root, stdout=log, stderr=subprocess.STDOUT,
                                  env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            yield port
        finally:
            server.terminate()
            server.wait(timeout=20)


def test_serve_previews_drafts_marked_as_drafts(site):
    site.write("news/live.md", article("已发布", "2013-05-08"))
    site.write("news/draft.md", article("还在写的稿件", "2013-05-09", status="draft"))
    with serving(site) as port:
        deadline = time.monotonic() + 60
        draft = fetch(f"http://127.0.0.1:{port}/news/2013/05/draft/", deadline)
        assert "还在写的稿件" in draft and "预览" in draft and "草稿" in draft
        listing = fetch(f"http://127.0.0.1:{port}/news/", deadline)
        assert "还在写的稿件" in listing and "hp-badge--preview" in listing
    assert not (site.root / "site").exists(), "serve never writes the published site"


def test_serve_shows_a_saved_article_indexes_it_for_search_and_keeps_it_for_the_next_start(site):
    site.config["plugins"][0]["healthpress"]["search_index"] = True
    for n in range(3):
        site.write(f"news/n{n}.md", article(f"第{n}篇", f"2013-05-0{n + 1}", "原来的正文。"))
    site.write("index.md", "# 首页\n\n本站的介绍。\n")  # a page of the editors' own, rendered by MkDocs
    with serving(site) as port:
        deadline = time.monotonic() + 60
        assert "原来的正文" in fetch(f"http://127.0.0.1:{port}/news/2013/05/n1/", deadline)
        site.write("news/n1.md", article("第1篇", "2013-05-02", "改过的正文，标记甲乙丙。"))
        while "标记甲乙丙" not in fetch(f"http://127.0.0.1:{port}/news/2013/05/n1/", deadline):
            assert time.monotonic() < deadline, "the saved article never showed"
            time.sleep(0.2)
        assert "原来的正文" in fetch(f"http://127.0.0.1:{port}/news/2013/05/n0/", deadline)  # the others still served
        site.write("news/n9.md", article("新发的第九篇", "2013-06-01"))
        while "新发的第九篇" not in fetch(f"http://127.0.0.1:{port}/", deadline):  # the home page lists it
            assert time.monotonic() < deadline, "the home page never listed the new article"
            time.sleep(0.2)
        manifest = json.loads(fetch(f"http://127.0.0.1:{port}/pagefind/shards.json", deadline))
        assert sum(shard["pages"] for shard in manifest["shards"]) in (3, 4)
    memo = b"".join(p.read_bytes() for p in (site.root / ".cache" / "healthpress" / "serve" / "articles").iterdir())
    assert "标记甲乙丙".encode() in memo, "serve keeps the parsed articles in memory and writes them when it stops"


def test_serve_follows_a_home_page_of_the_editors_own_and_its_removal(site):
    """MkDocs writes the editors' home page where healthpress' was (a cached page's link); removed, healthpress' returns."""
    site.write("news/n0.md", article("第零篇新闻", "2013-05-01"))
    with serving(site) as port:
        deadline = time.monotonic() + 60
        home = f"http://127.0.0.1:{port}/"
        assert "第零篇新闻" in fetch(home, deadline)
        site.write("index.md", "# 首页\n\n标记丁戊己。\n")
        while "标记丁戊己" not in fetch(home, deadline):
            assert time.monotonic() < deadline, "the editors' home page never showed"
            time.sleep(0.2)
        (site.root / "content" / "index.md").unlink()
        while "标记丁戊己" in fetch(home, deadline):
            assert time.monotonic() < deadline, "healthpress' home page never came back"
            time.sleep(0.2)
        assert "第零篇新闻" in fetch(home, deadline)


def test_serve_says_everything_in_chinese(site):
    """Start-up, a save that breaks an article, its repair and the stop: MkDocs' lines in Chinese or left out."""
    from helpers import english_words

    site.write("news/a.md", article("甲", "2013-05-08"))
    log = site.root / "serve.log"
    with serving(site) as port:
        deadline = time.monotonic() + 60
        assert "甲" in fetch(f"http://127.0.0.1:{port}/news/2013/05/a/", deadline)
        site.write("news/b.md", "---\ntitle: 乙\ndate: 2013-02-30\n---\n")
        while "预览没有更新" not in log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.2)
        site.write("news/b.md", article("乙", "2013-05-09"))
        while "乙" not in fetch(f"http://127.0.0.1:{port}/news/", deadline):
            assert time.monotonic() < deadline, "the repaired article never showed"
            time.sleep(0.2)
    output = log.read_text(encoding="utf-8")
    assert f"预览地址：http://127.0.0.1:{port}/" in output and "错误：content/news/b.md:3: date:" in output
    assert "预览已关闭" in output
    assert english_words(output, ["news", "content", "columns"]) == [], output  # the folders it watches


def test_serve_renders_a_big_first_build_on_every_core_and_stops_cleanly(site):
    """serve turns SIGTERM into Ctrl-C; the forked workers of its first build must not inherit that."""
    site.config["plugins"][0]["healthpress"]["progress"] = "always"
    for n in range(120):
        site.write(f"news/n{n:03d}.md", article(f"第{n}篇", f"2013-{n % 12 + 1:02d}-{n % 27 + 1:02d}", "正文。"))
    with serving(site) as port:
        deadline = time.monotonic() + 40
        assert "第7篇" in fetch(f"http://127.0.0.1:{port}/news/2013/08/n007/", deadline)
    log = (site.root / "serve.log").read_text(encoding="utf-8")
    assert f"（{min(os.cpu_count() or 1, 3)} 个进程）" in log, log[-2000:]
    assert "Traceback" not in log and "KeyboardInterrupt" not in log, log[-2000:]


BAD_DATE = "---\ntitle: 乙\ndate: 2013年5月8日\n---\n\n乙的正文。\n"
FINDING = "content/news/b.md:3: date: 无法识别的日期“2013年5月8日”"


def answered(url: str) -> tuple[int, str]:
    """One request that must be answered within 10 seconds (no retry: a server that hangs fails)."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def test_serve_answers_a_failed_rebuild_with_its_findings_at_once_and_recovers(site):
    """A rebuild that fails must not hold the preview's requests (MkDocs' "will appear stuck"): every page
    answers at once with the Chinese findings, status 200, until a save fixes them."""
    site.write("news/a.md", article("甲", "2013-05-07"))
    site.write("news/b.md", article("乙", "2013-05-08", "乙的正文。"))
    with serving(site) as port:
        deadline = time.monotonic() + 60
        url = f"http://127.0.0.1:{port}/news/2013/05/b/"
        assert "乙的正文" in fetch(url, deadline)
        site.write("news/b.md", BAD_DATE)
        while True:
            status, text = answered(url)
            if FINDING in text:
                break
            assert time.monotonic() < deadline, "the findings never showed"
            time.sleep(0.2)
        assert status == 200 and "预览没有更新" in text and "— 写法：date: 2013-05-08" in text
        assert "/livereload/" in text, "the page reloads itself after the next rebuild"
        status, other = answered(f"http://127.0.0.1:{port}/news/")  # every page, not only the broken one
        assert status == 200 and FINDING in other
        site.write("news/b.md", article("乙", "2013-05-08", "改好后的正文。"))
        while "改好后的正文" not in answered(url)[1]:
            assert time.monotonic() < deadline, "the fixed article never showed"
            time.sleep(0.2)
    log = (site.root / "serve.log").read_text(encoding="utf-8")
    assert "预览没有更新" in log and FINDING in log
    assert "stuck" not in log and "Aborted" not in log and "Traceback" not in log, log[-2000:]


def test_serve_starts_on_a_failing_first_build_and_shows_its_findings(site):
    site.write("news/a.md", article("甲", "2013-05-07", "甲的正文。"))
    site.write("news/b.md", BAD_DATE)
    with serving(site) as port:
        deadline = time.monotonic() + 60
        home = f"http://127.0.0.1:{port}/"
        assert FINDING in fetch(home, deadline)
        site.write("news/b.md", article("乙", "2013-05-08"))
        while "甲的正文" not in answered(f"http://127.0.0.1:{port}/news/2013/05/a/")[1]:
            assert time.monotonic() < deadline, "the site never showed after the fix"
            time.sleep(0.2)
    log = (site.root / "serve.log").read_text(encoding="utf-8")
    assert "Traceback" not in log and "Aborted" not in log and "已停止" not in log, log[-2000:]
