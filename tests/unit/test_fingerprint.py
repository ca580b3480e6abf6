"""The page cache's digests: stable across processes, sensitive to every field, strict about types."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys

import pytest

from healthpress.render.context import TemplateContext
from healthpress.build.fingerprint import Fingerprinter
from tests.unit.test_catalog import article


def fingerprinter(facts=lambda article: ()) -> Fingerprinter:
    return Fingerprinter(facts)


@dataclasses.dataclass(frozen=True)
class Box:
    name: str
    tags: frozenset[str]
    when: dt.date


def test_equal_values_give_equal_digests_and_every_field_counts():
    f = fingerprinter()
    a = Box("甲", frozenset({"防疫", "医改", "健康"}), dt.date(2013, 5, 8))
    assert f.digest(a) == f.digest(Box("甲", frozenset({"健康", "医改", "防疫"}), dt.date(2013, 5, 8)))
    assert f.digest(a) != f.digest(Box("乙", a.tags, a.when))
    assert f.digest(a) != f.digest(Box("甲", a.tags | {"新"}, a.when))
    assert f.digest(a) != f.digest(Box("甲", a.tags, dt.date(2013, 5, 9)))
    assert f.digest(["1"]) != f.digest([1]) and f.digest(("a", "b")) != f.digest(("ab",))


def test_a_set_of_strings_digests_the_same_in_another_process():
    """str hashes differ between processes (PYTHONHASHSEED); the digest must not."""
    code = ("from healthpress.build.fingerprint import Fingerprinter;"
            "print(Fingerprinter(lambda a: ()).digest({'防疫', '医改', '健康', 'x', 'y'}, {'b': 1, 'a': 2}))")
    here = fingerprinter().digest({"防疫", "医改", "健康", "x", "y"}, {"a": 2, "b": 1})
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={"PYTHONHASHSEED": seed, "PATH": ""})
        assert out.stdout.strip() == here


def test_an_article_counts_as_all_its_fields_and_what_templates_say_of_it():
    said = {"news/a.md": "已发布"}
    f = Fingerprinter(lambda a: said[a.src_uri])
    one = article("news/a.md", "2013-05-08")
    base = f.digest(one)
    assert Fingerprinter(lambda a: said[a.src_uri]).digest(one) == base
    assert Fingerprinter(lambda a: said[a.src_uri]).digest(dataclasses.replace(one, body="改过的正文")) != base
    said["news/a.md"] = "审核中"
    assert Fingerprinter(lambda a: said[a.src_uri]).digest(one) != base


@dataclasses.dataclass(frozen=True)
class Shelf:
    title: str
    articles: tuple


def test_a_tracking_fingerprinter_tells_which_articles_a_digest_describes():
    """serve keeps a page's key while none of these changes (keymemo.py); the digest itself is the same."""
    a, b, c = (article(f"news/{n}.md", "2013-05-08") for n in "abc")
    shelf = Shelf("五月", (a, b))
    f = Fingerprinter(lambda article: (), track=True)
    digest, described = f.digest_and_articles("listing", shelf, c)
    assert digest == fingerprinter().digest("listing", shelf, c)
    assert frozenset().union(*described) == {"news/a.md", "news/b.md", "news/c.md"}
    _, again = f.digest_and_articles(Shelf("又一页", ()), shelf)  # the shelf's digest is made once, its articles kept
    assert frozenset().union(*again) == {"news/a.md", "news/b.md"}
    assert fingerprinter().digest_and_articles(shelf)[1] == (), "not tracking: nothing to tell"


def test_an_article_whose_facts_hold_another_describes_both():
    """A page showing `a` must be keyed again when `b`, which `a`'s facts hold, changes."""
    a, b = article("news/a.md", "2013-05-08"), article("news/b.md", "2013-05-09")
    inner = Fingerprinter(lambda article: b if article is a else (), track=True)
    _, described = inner.digest_and_articles(Shelf("只有甲", (a,)))
    assert frozenset().union(*described) == {"news/a.md", "news/b.md"}
    outer = Fingerprinter(lambda article: inner.article(article), track=True, inner=inner)
    _, described = outer.digest_and_articles(Shelf("只有甲", (a,)))
    assert frozenset().union(*described) == {"news/a.md", "news/b.md"}, "what the inner fingerprinter saw counts"


def test_seeded_article_digests_are_taken_only_when_they_describe_nothing_changed():
    a, b = article("news/a.md", "2013-05-08"), article("news/b.md", "2013-05-09")
    said = {"news/a.md": "甲", "news/b.md": "乙"}
    earlier = Fingerprinter(lambda article: said[article.src_uri], track=True)
    earlier.digest(a, b)
    known = earlier.known_articles()
    said["news/b.md"] = "改"
    later = Fingerprinter(lambda article: said[article.src_uri], track=True)
    later.seed(known, changed={"news/b.md"})
    assert later.digest(a, b) == Fingerprinter(lambda article: said[article.src_uri]).digest(a, b)
    marked = Fingerprinter(lambda article: said[article.src_uri], track=True)
    marked.seed({"news/a.md": (b"seeded", frozenset({"news/a.md"})), "news/b.md": (b"seeded", frozenset({"news/b.md"}))},
                changed={"news/b.md"})
    assert marked.article(a) == b"seeded", "an unchanged article's digest is taken, not made again"
    assert marked.article(b) != b"seeded", "a changed one is made again"


def test_an_unknown_type_is_refused_not_guessed():
    with pytest.raises(TypeError, match="cannot fingerprint a object"):
        fingerprinter().digest(object())


def test_every_lookup_templates_can_make_about_an_article_is_in_facts_of():
    """The cache keys an article by `facts_of`; a new `hp` look-up must be added there (and here)."""
    public = {name for name in dir(TemplateContext) if not name.startswith("_")}
    assert public == {"absolute_url", "article", "column", "column_of_page", "cover_url", "disclosure", "facts_of",
                      "interpretations", "interpreted", "interview", "letter", "listing", "qr_svg", "reading",
                      "share_card", "state", "summary", "survey", "tag_url"}
    # share_card says of the page's own article only its summary and cover_url, both in facts_of

