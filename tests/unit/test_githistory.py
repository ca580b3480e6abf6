"""Reading each file's first commit from one `git log -z --name-status --reverse` (storage/githistory.py)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

from healthpress.storage.githistory import HEADER, first_additions, folder_history


def log(*commits: tuple[int, list[tuple[str, ...]]]) -> bytes:
    """`git log -z --name-status` output: a header per commit, then each change's status and paths."""
    out = []
    for when, changes in commits:
        out.append(f"{HEADER}{when}")
        for index, (status, *paths) in enumerate(changes):
            out += [("\n" if index == 0 else "") + status, *paths]
    return ("\0".join(out) + "\0").encode("utf-8")


def test_renames_keep_the_first_time_copies_and_re_additions_do_not_change_it():
    history = log((100, [("A", "content/news/a.md"), ("A", "content/news/中文 名.md"), ("A", "README.md")]),
                  (200, [("R100", "content/news/a.md", "content/news/b.md"), ("M", "content/news/中文 名.md")]),
                  (300, [("R087", "content/news/b.md", "content/notices/c.md"), ("D", "content/news/中文 名.md")]),
                  (400, [("A", "content/news/中文 名.md"), ("C090", "content/notices/c.md", "content/news/copy.md")]),
                  (500, []),
                  (600, [("A", "content/news/new.md")]))
    assert first_additions(history, "content/") == {"notices/c.md": 100, "news/中文 名.md": 100,
                                                     "news/copy.md": 400, "news/new.md": 600}


def test_a_rename_into_the_folder_from_outside_keeps_its_first_time_and_nothing_logged_is_nothing():
    history = log((100, [("A", "drafts/a.md")]), (200, [("R100", "drafts/a.md", "content/a.md")]))
    assert first_additions(history, "content/") == {"a.md": 100}
    assert first_additions(b"", "content/") == {}


def test_a_commit_renaming_and_editing_more_files_than_gits_default_limit_keeps_their_first_times(tmp_path):
    """git skips looking for renames among more than 1,000 files changed in one commit unless told not to: a
    site reorganised in one commit (every article renamed and given a new field) would have every file seem
    new, and every article backdated."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "编辑",
           "GIT_AUTHOR_EMAIL": "e@example.gov.cn", "GIT_COMMITTER_NAME": "编辑", "GIT_COMMITTER_EMAIL": "e@example.gov.cn"}

    def git(*args: str, day: str = "2026-01-01") -> None:
        moment = f"{day}T12:00:00+08:00"
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                       env={**env, "GIT_AUTHOR_DATE": moment, "GIT_COMMITTER_DATE": moment})

    folder = tmp_path / "content"
    folder.mkdir()
    count = 1001
    for number in range(count):
        (folder / f"a{number}.md").write_text(f"---\ntitle: 第 {number} 篇\ndate: 2025-12-31\n---\n\n"
                                              + "正文。\n" * 20, encoding="utf-8")
    git("init", "--quiet")
    git("add", "--all")
    git("commit", "--quiet", "-m", "迁入")
    for number in range(count):
        text = (folder / f"a{number}.md").read_text(encoding="utf-8").replace("---\n\n", "tags: [旧稿]\n---\n\n")
        (folder / f"a{number}.md").unlink()
        (folder / f"wenzhang-{number}.md").write_text(text, encoding="utf-8")
    git("add", "--all")
    git("commit", "--quiet", "-m", "改文件名并加标签", day="2026-06-01")
    history = folder_history(folder)
    assert history.state == "read"
    assert set(history.first_added.values()) == {int(dt.datetime(2026, 1, 1, 4).timestamp())}
