"""An article may link to every address the build itself publishes (feeds, sitemap, search page, reports,
the disclosure guide and catalogue, tag, column and archive pages...), and a root-relative address (`/feed.xml`)
leads to the site's own root under any `site_url`: check and build agree, and the published page works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

GENERATED_TARGETS = ["feed.xml", "atom.xml", "sitemap.xml", "sitemap.xml.gz", "404.html", "search/", "reports/",
                     "disclosure/guide/", "disclosure/catalogue/", "tags/", "archive/", "stats/", "topics/",
                     "press/", "about/leadership-group/"]
"""A page of each kind the build generates (none of them a file of content/), as site-relative addresses."""

LINKING = "content/press/links-to-generated.md"


def _link_to_everything(project: Path, site_url: str) -> None:
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {site_url}", text), encoding="utf-8")
    body = "\n\n".join(f"[第{i}个](/{target})" for i, target in enumerate(GENERATED_TARGETS, 1))
    (project / LINKING).write_text(
        f"---\ntitle: 本站的各种页面\ndate: 2013-04-11 10:00\nauthor: 周颖\nunit: 市卫生局宣传科\n---\n\n"
        f'{body}\n\n<a href="/feed.xml">订阅</a>\n', encoding="utf-8")


@pytest.mark.parametrize("site_url", ["https://www.example.gov.cn/", "https://www.example.gov.cn/qy/"])
def test_an_article_may_link_to_every_kind_of_generated_page(example_copy, check_and_build, site_url):
    _link_to_everything(example_copy, site_url)
    checked, built = check_and_build(example_copy)
    assert [f for f in checked if f["path"] == LINKING] == []
    assert [f for f in built if f.path == LINKING] == []
