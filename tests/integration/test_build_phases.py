"""The Build's phases: `healthpress build --timings` writes the seconds of each, and a preview skips the
phases only a published site has."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from healthpress.build.mode import Mode

ARTICLE = "---\ntitle: 义诊活动\ndate: 2013-05-02\n---\n\n市卫生局组织义诊。\n"


def test_timings_name_every_phase_of_a_published_build(site, tmp_path):
    site.write("news/yizhen.md", ARTICLE)
    site.write_project()
    timings = tmp_path / "timings.json"
    result = subprocess.run([sys.executable, "-m", "healthpress.cli", "build", "--timings", str(timings)],
                            cwd=site.root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    seconds = json.loads(timings.read_text(encoding="utf-8"))
    assert list(seconds) == ["config", "model", "articles", "links", "print", "listings", "feeds", "sitemap", "publish",
                             "total"]  # the search index is off in the test sites
    assert all(value >= 0 for value in seconds.values())
    assert seconds["total"] >= sum(value for name, value in seconds.items() if name != "total")
    assert (site.root / "site" / "news" / "2013" / "05" / "yizhen" / "index.html").is_file()


@pytest.mark.parametrize("command, name, preview, publishes, long_lived, sitemap", [
    ("build", "build", False, True, False, True),
    ("gh-deploy", "build", False, True, False, True),
    (None, "build", False, True, False, True),
    ("serve", "serve", True, False, True, False),
])
def test_the_mode_is_decided_once_from_the_command(command, name, preview, publishes, long_lived, sitemap):
    mode = Mode.for_command(command)
    assert (mode.name, mode.preview, mode.publishes, mode.long_lived, mode.writes_sitemap) == (
        name, preview, publishes, long_lived, sitemap)
