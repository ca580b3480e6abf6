"""benchmarks.corpus: same seed same bytes, the asked number of valid articles, and probes that match the files."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from healthpress.model.articles import parse_article
from benchmarks.corpus import COLUMNS, PHRASE_LIMITS, PROBES, write_corpus

COUNT = 150


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), COUNT)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def articles(info) -> dict[str, str]:
    """src_uri -> text of every article file on disk."""
    return {p.relative_to(info.docs_dir).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(info.docs_dir.rglob("*.md"))}


def test_same_seed_gives_the_same_bytes(tmp_path, corpus):
    again = write_corpus(tmp_path / "again", COUNT)
    assert tree(again.root) == tree(corpus.root)
    assert again.probes == corpus.probes
    assert again.articles == corpus.articles


def test_another_seed_gives_other_articles(tmp_path, corpus):
    other = write_corpus(tmp_path / "other", COUNT, seed=7)
    assert tree(other.root) != tree(corpus.root)


def test_it_refuses_to_write_over_a_corpus(corpus):
    with pytest.raises(FileExistsError):
        write_corpus(corpus.root, 3)


def test_the_project_files(corpus):
    assert corpus.config_file.read_text(encoding="utf-8").startswith("# A generated bureau site")
    assert sorted(p.stem for p in corpus.columns_dir.glob("*.yml")) == sorted(COLUMNS)
    assert "kind: periodical" in (corpus.columns_dir / "health-weekly.yml").read_text(encoding="utf-8")


def test_count_and_records(corpus):
    texts = articles(corpus)
    assert len(texts) == corpus.count == len(corpus.articles) == COUNT
    assert sorted(texts) == sorted(a.src_uri for a in corpus.articles)
    assert len({a.url for a in corpus.articles}) == COUNT


def test_every_article_parses_cleanly_at_its_recorded_url(corpus):
    records = {a.src_uri: a for a in corpus.articles}
    for src_uri, text in articles(corpus).items():
        article, findings = parse_article(f"content/{src_uri}", src_uri, text)
        assert findings == [], (src_uri, findings)
        assert article.url == records[src_uri].url
        assert article.title == records[src_uri].title
        assert 1 <= len(article.tags) <= 4
        assert 1000 <= len(article.body.strip()) <= 3000, src_uri


def test_dates_spread_over_the_years_in_order(corpus):
    dates = [a.date for a in corpus.articles]
    assert dates[0].startswith("2013-01-01")
    assert dates[-1] >= "2026-11"
    assert [d[:10] for d in dates] == sorted(d[:10] for d in dates)


def test_editors_variety(corpus):
    texts = articles(corpus)
    assert any(re.search(r"^标题: ", t, re.MULTILINE) for t in texts.values())
    assert any(re.search(r"[\u4e00-\u9fff]", src) for src in texts)
    assert any("\n## " in t for t in texts.values())
    assert any("| ---: |" in t for t in texts.values())
    issues = [int(m) for t in texts.values() for m in re.findall(r"^(?:issue|期号): (\d+)$", t, re.MULTILINE)]
    assert sorted(issues) == list(range(1, len(issues) + 1))


def test_links_and_images_lead_to_files(corpus):
    texts = articles(corpus)
    links = images = 0
    for src_uri, text in texts.items():
        for alt, target in re.findall(r"(!?)\[[^\]]*\]\(([^)]+)\)", text):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))
            assert (corpus.docs_dir / path).is_file(), (src_uri, target)
            if alt:
                images += 1
                assert (corpus.docs_dir / path).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
            else:
                links += 1
    assert (links, images) == (corpus.links, corpus.images)
    assert links >= COUNT // 25 and images >= COUNT // 40


def test_probes_match_the_files(corpus):
    texts = articles(corpus)
    by_src = {a.src_uri: a for a in corpus.articles}
    assert set(corpus.probes) == set(PROBES)
    for query, probe in corpus.probes.items():
        containing = [by_src[src].url for src, text in texts.items() if query in text]
        titled = [by_src[src].url for src in texts if query in by_src[src].title]
        assert probe.mentions == len(containing)
        if probe.kind == "title":
            assert sorted(probe.expected) == sorted(titled) and probe.expected
            assert probe.mentions > 2 * len(titled), "the query should also occur in many other articles' text"
        elif probe.kind == "phrase":
            assert sorted(probe.expected) == sorted(containing)
            assert 0 < len(probe.expected) <= PHRASE_LIMITS[query]
        else:
            assert probe.expected == () and probe.mentions == 0


@pytest.mark.bench  # 1,200 articles: about a second, more on a busy machine
def test_phrases_reach_their_exact_counts_on_a_larger_site(tmp_path):
    info = write_corpus(tmp_path, 1200)
    assert {q: len(info.probes[q].expected) for q in PHRASE_LIMITS} == PHRASE_LIMITS
