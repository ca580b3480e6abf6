"""A page's facts (links, images without alt text, the sanitizer's removals) survive the page cache as they
were learned, and facts of the wrong shape are never trusted (the page is rendered again)."""

from __future__ import annotations

import copy

import pytest

from healthpress.build.pagecache import OUTPUT_DIGEST, PageCache
from healthpress.render.context import facts_from_json, facts_to_json
from healthpress.render.pagehtml import process_page_html
from healthpress.storage import secret
from healthpress.storage.files import write_json

HTML = ('<p>正文</p><p><img src="a.png"><a href="javascript:alert(1)">点我</a></p>'
        '<p onclick="alert(2)"><a href="b.md">链接</a></p>')
KEY = "0" * 32


@pytest.fixture
def learned() -> dict:
    processed = process_page_html(HTML, "news/a.md", "news/2013/05/a/", frozenset(), {})
    assert processed.missing_alt and len(processed.removed) == 2
    return {**facts_to_json(processed), OUTPUT_DIGEST: "f" * 32}


@pytest.fixture
def cache_root(tmp_path, monkeypatch):
    monkeypatch.setenv(secret.ENVIRONMENT_VARIABLE, "test-secret")
    monkeypatch.setattr(secret, "_known", {})
    return tmp_path


def cached(root, facts: dict) -> dict | None:
    write_json(root / "pages.json", {"version": 1, "pages": {KEY: facts}})
    return PageCache(root).lookup(KEY)


def test_facts_come_back_from_the_cache_as_they_were_learned(cache_root, learned):
    processed = process_page_html(HTML, "news/a.md", "news/2013/05/a/", frozenset(), {})
    found = cached(cache_root, learned)
    assert found is not None
    _, _, links, missing_alt, removed = facts_from_json(found)
    assert (links, missing_alt, removed) == (processed.links, processed.missing_alt, processed.removed)


@pytest.mark.parametrize("spoil", [
    lambda f: f.pop("removed"),
    lambda f: f.update(removed="删除了"),
    lambda f: f["removed"][0].pop(),
    lambda f: f["removed"][0].__setitem__(4, "0"),
    lambda f: f["removed"][0].__setitem__(1, None),
    lambda f: f["removed"][0].__setitem__(3, [1]),
    lambda f: f.update(missing_alt=["a.png"]),
    lambda f: f["missing_alt"][0].__setitem__(2, 1.5),
], ids=["no-removals", "removals-a-string", "removal-cut-short", "occurrence-a-string", "message-not-text",
        "written-not-text", "missing-alt-of-the-old-form", "occurrence-not-whole"])
def test_facts_of_the_wrong_shape_are_not_trusted(cache_root, learned, spoil):
    spoiled = copy.deepcopy(learned)
    spoil(spoiled)
    assert cached(cache_root, spoiled) is None
