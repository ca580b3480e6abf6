"""healthpress on the engine the suite runs on (MkDocs 1.6, or ProperDocs 1.6 with
HEALTHPRESS_ENGINE=properdocs ./scripts/test): the example site builds, every page says which engine
made it, and the comparison behind ./scripts/compare-engines (benchmarks/compare_engines.py) tells an
engine's generator tag from a real difference."""

from __future__ import annotations

import gzip
import importlib.metadata
import os
import re
import shutil
from pathlib import Path

import pytest

from benchmarks.compare_engines import PROJECT, compare, generator, normalised
from healthpress.engine import choice, internals

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """The example site (the repository's mkdocs.yml and folders) built in this process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = tmp_path_factory.mktemp("example-engine")
    for name in PROJECT:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    build(load_config(str(project / "mkdocs.yml")))
    return project / "site"


def expected_generator() -> str:
    material = importlib.metadata.version("mkdocs-material")
    if internals.engine_name() == "properdocs":
        return f"mkdocs-ProperDocs {importlib.metadata.version('properdocs')}, mkdocs-material-{material}"
    return f"mkdocs-{importlib.metadata.version('mkdocs')}, mkdocs-material-{material}"


def test_the_suite_builds_with_the_engine_asked_for():
    asked = os.environ.get(choice.ENGINE_VARIABLE)
    assert internals.engine_name() == choice.engine_in_use() == (asked or internals.engine_name())


def test_the_example_site_is_built_by_the_engine_in_use(example):
    assert generator(example) == expected_generator()
    pages = sorted(example.rglob("*.html"))
    assert len(pages) > 200
    tags = {re.search(rb'<meta name="generator" content="([^"]*)">', p.read_bytes()).group(1).decode() for p in pages}
    assert tags == {expected_generator()}  # the pages healthpress renders itself and the engine's own


def test_the_example_sites_articles_and_listings_are_complete(example):
    article = (example / "service-year/2013/05/tishen-gongcheng-shishi-fangan/index.html").read_text(encoding="utf-8")
    assert "宜卫办[2013]79号" in article and 'class="hp-article__body"' in article
    assert (example / "archive" / "index.html").is_file() and (example / "sitemap.xml.gz").is_file()
    assert b"service-year/2013/05/tishen-gongcheng-shishi-fangan/" in gzip.decompress(
        (example / "sitemap.xml.gz").read_bytes())


def site(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


PAGE = b'<html><head><meta name="generator" content="%s"><title>t</title></head><body>%s</body></html>'


def test_two_sites_differing_only_in_the_generator_tag_and_a_gzip_date_are_identical(tmp_path):
    sitemap = b"<urlset><url><loc>https://example.gov.cn/</loc></url></urlset>"
    first = site(tmp_path / "a", {"index.html": PAGE % (b"mkdocs-1.6.1, mkdocs-material-9.8.1", b"x"),
                                  "sitemap.xml.gz": gzip.compress(sitemap, mtime=1), "a.css": b"body{}"})
    second = site(tmp_path / "b", {"index.html": PAGE % (b"mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1", b"x"),
                                   "sitemap.xml.gz": gzip.compress(sitemap, mtime=2), "a.css": b"body{}"})
    result = compare(first, second)
    assert result.identical and (result.compared, result.html, result.generators_removed) == (3, 1, 1)
    assert generator(second) == "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1"
    assert normalised(first / "index.html") == PAGE.replace(b'<meta name="generator" content="%s">', b"") % b"x"


def test_a_changed_byte_or_a_missing_file_is_a_difference(tmp_path):
    first = site(tmp_path / "a", {"index.html": PAGE % (b"g", b"x"), "only-here.js": b"1", "b.css": b"a"})
    second = site(tmp_path / "b", {"index.html": PAGE % (b"g", b"y"), "only-there.js": b"1", "b.css": b"b"})
    result = compare(first, second)
    assert not result.identical
    assert (result.differing, result.only_first, result.only_second) == (["b.css", "index.html"], ["only-here.js"],
                                                                         ["only-there.js"])
