"""The article memo: reused while a file is unchanged, kept in 64 JSON files, a file rewritten only when its
entries change; articles and findings come back exactly, anything else in a file is dropped."""

from __future__ import annotations

import logging
import json

import pytest

from healthpress.engine.internals import engine_name

from healthpress.build.articlememo import ARTICLE_FIELDS, BUCKETS, ArticleMemo, bucket_of
from healthpress.model.articles import parse_article
from healthpress.storage.files import read_json, write_json

TEXT = """---
title: 文章{n}
date: 2013-05-08 09:30
column: news
tags: [健康, 防疫]
index_no: 00325437-X/2013-0001{n}
written_on: 2013-05-01
writer: 王女士
received: 2013-06-05
未知字段: 1
---

第 {n} 篇的正文。
"""


def parsed(uri: str, n: int):
    return parse_article(f"content/{uri}", uri, TEXT.format(n=n))


def _fill(root, uris, salt="甲"):
    memo = ArticleMemo(root, salt)
    for n, uri in enumerate(uris):
        assert memo.get(uri, (n, 0, 0, 0), uri) is None
        memo.put(uri, (n, 0, 0, 0), uri, parsed(uri, n))
    memo.save()


def test_entries_come_back_exactly_while_the_stamp_and_the_salt_are_the_same(tmp_path):
    uris = [f"news/a{n}.md" for n in range(200)]
    _fill(tmp_path, uris)
    memo = ArticleMemo(tmp_path, "甲")
    article, findings = memo.get("news/a7.md", (7, 0, 0, 0), "news/a7.md")
    expected = parsed("news/a7.md", 7)
    assert (article, findings) == expected and article.digest == expected[0].digest and findings
    assert article.letter_fields == expected[0].letter_fields and article.date.tzinfo == expected[0].date.tzinfo
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
            memo.put(uri, (99, 0, 0, 0), uri, parsed(uri, 33))
        elif uri != "news/a4.md":
            memo.get(uri, (n, 0, 0, 0), uri)
    memo.save()
    after = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (tmp_path / "articles").iterdir()}
    rewritten = {name for name in files if after[name] != files[name]}
    assert rewritten == {f"{bucket_of('news/a3.md'):02d}.json", f"{bucket_of('news/a4.md'):02d}.json"}
    again = ArticleMemo(tmp_path, "甲")
    assert again.get("news/a3.md", (99, 0, 0, 0), "news/a3.md")[0].title == "文章33"
    assert again.get("news/a4.md", (4, 0, 0, 0), "news/a4.md") is None


def _entry_file(root, uri):
    return root / "articles" / f"{bucket_of(uri):02d}.json"


def _field(name: str, value):
    return lambda entry: entry[2][0].__setitem__(ARTICLE_FIELDS.index(name), value)


@pytest.mark.parametrize("spoil", [
    _field("title", 5),
    _field("slug", "../../etc"),  # a slug parse_article refuses
    _field("url", "news/../../../etc/"),  # an address outside the site
    _field("tags", "防疫"),
    _field("digest", "ab"),
    lambda entry: entry[2][0].pop(),  # a field short
    lambda entry: entry[2][1].append(["x", "一", None, "c", "m", "f", "error"]),  # a finding's line a string
    lambda entry: entry.__setitem__(0, [1, 2]),  # a stamp cut short
], ids=["title", "slug", "url", "tags", "digest", "fields", "finding", "stamp"])
def test_an_entry_of_the_wrong_types_is_dropped_alone_and_said(tmp_path, spoil, caplog):
    uris = ["news/a1.md", "news/a2.md"]
    _fill(tmp_path, uris)
    path = _entry_file(tmp_path, "news/a1.md")
    data = read_json(path)
    spoil(data["entries"]["news/a1.md"])
    write_json(path, data)
    memo = ArticleMemo(tmp_path, "甲")
    assert memo.get("news/a1.md", (0, 0, 0, 0), "news/a1.md") is None
    assert memo.get("news/a2.md", (1, 0, 0, 0), "news/a2.md") is not None
    assert "文章缓存" in caplog.text and "已丢弃" in caplog.text


def test_a_garbled_file_or_an_old_pickle_is_never_unpickled(tmp_path, caplog):
    _fill(tmp_path, ["news/a1.md"])
    path = _entry_file(tmp_path, "news/a1.md")
    text = path.read_bytes()
    path.write_bytes(text.replace("文章0".encode(), "文章9".encode()))  # valid JSON, not what was written
    json.loads(text.partition(b"\n")[2])
    (tmp_path / "articles" / "00.pickle").write_bytes(b"cos\nsystem\n(S'touch ran'\ntR.")
    memo = ArticleMemo(tmp_path, "甲")
    assert memo.get("news/a1.md", (0, 0, 0, 0), "news/a1.md") is None
    assert "已丢弃" in caplog.text and "旧格式" in caplog.text
    memo.save()
    assert not (tmp_path / "articles" / "00.pickle").exists() and not (tmp_path / "ran").exists()


@pytest.fixture(autouse=True)
def _info_lines(caplog):
    """The build's INFO lines (what it dropped), as the command line shows them."""
    caplog.set_level(logging.INFO, logger=f"{engine_name()}.plugins.healthpress")


def test_entries_of_other_code_are_not_read_nor_called_damaged(tmp_path, caplog, monkeypatch):
    import healthpress.build.articlememo as articlememo

    _fill(tmp_path, ["news/a1.md"], salt="旧代码")
    monkeypatch.setattr(articlememo, "ARTICLE_FIELDS", articlememo.ARTICLE_FIELDS + ("new_field",))  # its Article differs
    assert ArticleMemo(tmp_path, "新代码").get("news/a1.md", (0, 0, 0, 0), "news/a1.md") is None
    assert "已丢弃" not in caplog.text


def test_whether_a_parse_can_be_kept_is_known_where_it_was_parsed(tmp_path):
    """`keepable` (asked in the worker that parsed the file) decides; the memo keeps only what it allows."""
    from dataclasses import replace

    from healthpress.build.articlememo import keepable

    good = parsed("news/a1.md", 1)
    odd = (replace(good[0], disclosure_fields=(("topic", object()),)), good[1])  # no JSON form
    assert keepable(good) and not keepable(odd) and keepable((None, good[1]))
    memo = ArticleMemo(tmp_path, "甲")
    memo.keep("news/a1.md", (1, 0, 0, 0), "news/a1.md", good, True)
    memo.keep("news/a2.md", (2, 0, 0, 0), "news/a2.md", odd, False)
    memo.save()
    again = ArticleMemo(tmp_path, "甲")
    assert again.get("news/a1.md", (1, 0, 0, 0), "news/a1.md") == good
    assert again.get("news/a2.md", (2, 0, 0, 0), "news/a2.md") is None
