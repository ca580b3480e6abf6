"""The article memo: reused while a file is unchanged, kept in 64 files, a file rewritten only when its entries change."""

from __future__ import annotations

from healthpress.build.articlememo import BUCKETS, ArticleMemo, bucket_of


def _fill(root, uris, salt="甲"):
    memo = ArticleMemo(root, salt)
    for n, uri in enumerate(uris):
        assert memo.get(uri, (n, 0, 0, 0), uri) is None
        memo.put(uri, (n, 0, 0, 0), uri, f"文章{n}")
    memo.save()


def test_entries_come_back_while_the_stamp_and_the_salt_are_the_same(tmp_path):
    uris = [f"news/a{n}.md" for n in range(200)]
    _fill(tmp_path, uris)
    memo = ArticleMemo(tmp_path, "甲")
    assert memo.get("news/a7.md", (7, 0, 0, 0), "news/a7.md") == "文章7"
    assert memo.get("news/a7.md", (7, 1, 0, 0), "news/a7.md") is None, "the file changed"
    assert ArticleMemo(tmp_path, "乙").get("news/a7.md", (7, 0, 0, 0), "news/a7.md") is None, "other code"
    assert len(list((tmp_path / "articles").iterdir())) == len({bucket_of(u) for u in uris}) <= BUCKETS


def test_a_changed_article_rewrites_only_its_own_file_and_a_deleted_one_leaves(tmp_path):
    uris = [f"news/a{n}.md" for n in range(200)]
    _fill(tmp_path, uris)
    files = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (tmp_path / "articles").iterdir()}
    memo = ArticleMemo(tmp_path, "甲")
    for n, uri in enumerate(uris):
        if uri == "news/a3.md":
            memo.put(uri, (99, 0, 0, 0), uri, "改过的文章3")
        elif uri != "news/a4.md":
            memo.get(uri, (n, 0, 0, 0), uri)
    memo.save()
    after = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (tmp_path / "articles").iterdir()}
    rewritten = {name for name in files if after[name] != files[name]}
    assert rewritten == {f"{bucket_of('news/a3.md'):02d}.pickle", f"{bucket_of('news/a4.md'):02d}.pickle"}
    again = ArticleMemo(tmp_path, "甲")
    assert again.get("news/a3.md", (99, 0, 0, 0), "news/a3.md") == "改过的文章3"
    assert again.get("news/a4.md", (4, 0, 0, 0), "news/a4.md") is None
