"""storage/spill.py: texts moved to an unnamed file come back exactly, in this process and in forked ones."""

from __future__ import annotations

import os

from healthpress.model.articles import parse_article
from healthpress.storage.spill import TextSpill

TEXTS = ["正文第一段。\n\n## 小标题\n\n第二段。", "", "lone surrogate \udc80 kept as read", "x" * 70_000]


def test_texts_come_back_exactly_and_compare_and_hash_as_the_text():
    spill = TextSpill()
    kept = [spill.put(text) for text in TEXTS]
    assert [k.read() for k in kept] == TEXTS
    assert kept == TEXTS and [hash(k) for k in kept] == [hash(t) for t in TEXTS]
    assert kept[0] != TEXTS[1] and kept[0] != kept[1]


def test_a_forked_process_reads_them_back():
    spill = TextSpill()
    kept = [spill.put(text) for text in TEXTS]
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        os.close(read)
        os.write(write, b"1" if [k.read() for k in reversed(kept)] == TEXTS[::-1] else b"0")
        os._exit(0)
    os.close(write)
    answer = os.read(read, 1)
    os.waitpid(child, 0)
    assert answer == b"1"


def test_an_article_whose_body_moved_is_the_same_article():
    article, _ = parse_article("content/news/a.md", "news/a.md", "---\ntitle: 标题\ndate: 2015-03-01\n---\n\n正文。\n")
    twin, _ = parse_article("content/news/a.md", "news/a.md", "---\ntitle: 标题\ndate: 2015-03-01\n---\n\n正文。\n")
    digest, hashed = article.digest, hash(article)
    article.move_body(TextSpill().put)
    assert not isinstance(article.body, str) and article.text == "\n正文。\n" == twin.text
    assert article == twin and hash(article) == hashed == hash(twin) and article.digest == digest
