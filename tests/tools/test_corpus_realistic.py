"""benchmarks.corpus, realistic profile: a real bureau's lengths, data/ files and warnings (1.26 an article, no error)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import bench
from benchmarks.corpus import (COLUMNS, COUNTY_UNITS, REALISTIC_MAX_BODY, REALISTIC_WARNINGS_PER_ARTICLE, TERMS_TEXT,
                               WARNING_SLACK, write_corpus)
from healthpress.bureau.periodical import build_issues, periodical_findings
from healthpress.bureau.terms import parse_terms
from healthpress.bureau.units import parse_units
from healthpress.model.articles import parse_article

COUNT = 400
CHECKED = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("realistic"), COUNT, profile="realistic")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def parsed(info) -> list:
    out = []
    for record in info.articles:
        article, findings = parse_article(f"content/{record.src_uri}", record.src_uri,
                                          (info.docs_dir / record.src_uri).read_text(encoding="utf-8"))
        assert findings == [], (record.src_uri, findings)
        out.append(article)
    return out


def test_same_seed_same_bytes_and_another_profile_other_bytes(tmp_path, corpus):
    again = write_corpus(tmp_path / "again", COUNT, profile="realistic")
    assert tree(again.root) == tree(corpus.root) and again.warnings == corpus.warnings
    plain = write_corpus(tmp_path / "plain", COUNT)
    assert plain.profile == "plain" and plain.warnings == {} and not (plain.root / "data").exists()
    assert tree(plain.docs_dir) != tree(corpus.docs_dir)


def test_an_unknown_profile_is_refused(tmp_path):
    with pytest.raises(ValueError, match="realistic"):
        write_corpus(tmp_path, 3, profile="huge")


def test_lengths_run_from_short_notices_to_six_thousand_characters(corpus):
    lengths = sorted(len(article.body.strip()) for article in parsed(corpus))
    assert lengths[-1] <= REALISTIC_MAX_BODY
    assert lengths[0] < 600 and lengths[-1] > 4000, (lengths[0], lengths[-1])
    assert 1000 <= lengths[len(lengths) // 2] <= 1800  # the median
    assert sum(length > 3000 for length in lengths) >= COUNT // 50  # a long tail, not a few outliers


def test_tags_on_every_article_in_every_column(corpus):
    articles = parsed(corpus)
    assert all(article.tags for article in articles)
    assert {record.column for record in corpus.articles} == set(COLUMNS)


def test_weekly_articles_with_and_without_an_issue_number(corpus):
    weekly = [a for a in parsed(corpus) if a.src_uri.startswith("health-weekly/")]
    numbered = sorted(a.issue for a in weekly if a.issue is not None)
    assert numbered == list(range(1, len(numbered) + 1))  # no gap: only the missing numbers warn
    assert len(weekly) - len(numbered) == corpus.warnings["issue-missing"] > 0


def test_units_list_the_citys_units_and_not_the_countys(corpus):
    text = (corpus.root / "data" / "units.yml").read_text(encoding="utf-8")
    units, findings = parse_units("data/units.yml", text)
    assert findings == [] and units
    names = {name for unit in units for name in unit.names}
    assert not names & set(COUNTY_UNITS)
    sent = Counter(article.unit for article in parsed(corpus))
    assert sum(n for unit, n in sent.items() if unit not in names) == corpus.warnings["unknown-unit"] > 0


def test_the_terms_are_the_bureaus(corpus, repo_root):
    ours, findings = parse_terms("data/terms.yml", (corpus.root / "data" / "terms.yml").read_text(encoding="utf-8"))
    bureau, _ = parse_terms("data/terms.yml", (repo_root / "data" / "terms.yml").read_text(encoding="utf-8"))
    assert findings == [] and (corpus.root / "data" / "terms.yml").read_text(encoding="utf-8") == TERMS_TEXT
    assert {t.wrong: t for t in ours}.items() <= {t.wrong: t for t in bureau}.items()


def test_the_written_warnings_keep_to_the_rate_at_every_size(tmp_path):
    for count in (7, 25, 120):
        info = write_corpus(tmp_path / str(count), count, profile="realistic")
        assert abs(sum(info.warnings.values()) - REALISTIC_WARNINGS_PER_ARTICLE * count) <= WARNING_SLACK + 1, count


def test_healthpress_finds_those_warnings_and_no_error(tmp_path):
    """`healthpress check` (every check of a build) on the corpus: the planned warnings by code, none else."""
    info = write_corpus(tmp_path / "project", CHECKED, profile="realistic")
    done = subprocess.run([*bench.HEALTHPRESS, "check", "--format", "json"], cwd=info.root, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "SOURCE_DATE_EPOCH": str(info.build_epoch)})
    findings = json.loads(done.stdout)
    assert [f for f in findings if f["level"] == "error"] == []
    assert Counter(f["code"] for f in findings) == info.warnings
    assert len(findings) / CHECKED == pytest.approx(REALISTIC_WARNINGS_PER_ARTICLE, abs=0.06)
    assert done.returncode == 0, done.stderr
    terms = {f["message"].split("”")[0].lstrip("“") for f in findings if f["code"] == "term"}
    assert len(terms) >= 4 and all(re.fullmatch(r"[\u4e00-\u9fff]+", t) for t in terms)


def test_the_weekly_comes_out_once_a_week_with_several_articles_an_issue(tmp_path):
    """At 3,000 articles the weekly has several articles in many issues, each issue's within one calendar week,
    numbered without a gap: the periodical checks find the missing numbers and nothing else."""
    info = write_corpus(tmp_path / "project", 3000, profile="realistic")
    weekly = []
    for record in info.articles:
        if record.column == "health-weekly":
            article, _ = parse_article(f"content/{record.src_uri}", record.src_uri,
                                       (info.docs_dir / record.src_uri).read_text(encoding="utf-8"))
            weekly.append(article)
    issues = build_issues(weekly)
    assert [issue.number for issue in issues] == list(range(1, len(issues) + 1))
    assert sum(len(issue.articles) >= 2 for issue in issues) >= len(issues) // 10
    assert all(len({a.date.isocalendar()[:2] for a in issue.articles}) == 1 for issue in issues)
    found = Counter(f.code for f in periodical_findings(weekly, "健康周刊"))
    assert found == {"issue-missing": info.warnings["issue-missing"]}
