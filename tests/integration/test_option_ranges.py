"""A number of the healthpress settings outside its range is an error at its line, and the run goes on to
report every other problem instead of crashing (page_size: 0 divided by zero) or silently dropping articles
(page_size: -1 left the last article off every listing)."""

from __future__ import annotations

import json

import pytest

from helpers import article
from healthpress.engine.options import OPTION_RANGES


@pytest.mark.parametrize("name, value", [("page_size", 0), ("page_size", -1), ("page_size", 500), ("feed_items", 0),
                                         ("workers", -2), ("search_shard_pages", 0), ("lock_timeout", -1),
                                         ("letters_warn_days", 0), ("max_depth", 0)])
def test_an_option_out_of_range_is_an_error_at_its_line_in_check_and_build(site, run_cli, name, value):
    site.config["plugins"] = [{"healthpress": {"search_index": False, name: value}}]
    site.write("news/a.md", article("预防流感", "2013-05-01", body="正文。\n\n![图](images/nope.png)\n"))
    checked = run_cli(site, "check", "--format", "json")
    findings = json.loads(checked.stdout)
    [bad] = [f for f in findings if f["code"] == "option-out-of-range"]
    text = (site.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert bad["path"] == "mkdocs.yml" and bad["field"] == name and f"{name}:" in text[bad["line"] - 1]
    low, high, _ = OPTION_RANGES[name]
    assert f"{low:g} 到 {high:g}" in bad["fix"]
    assert any(f["code"] == "missing-image" for f in findings), "the rest of the run still reported"
    assert checked.returncode == 1
    built = run_cli(site, "build")
    assert built.returncode == 1 and "超出了允许的范围" in built.stderr + built.stdout
    assert "Traceback" not in built.stderr and "ZeroDivisionError" not in built.stderr
