"""Reading each file's first commit from one `git log -z --name-status --reverse` (storage/githistory.py)."""

from __future__ import annotations

from healthpress.storage.githistory import HEADER, first_additions


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
