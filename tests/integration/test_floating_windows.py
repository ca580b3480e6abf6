"""No pop-up and no floating window (the 适老化 rules): material's back-to-top button (`navigation.top`) and its
cookie consent (`extra.consent`) written in mkdocs.yml are each a warning at their line, and the pages carry
no back-to-top button; a site without them has no such warning."""

from __future__ import annotations

import json

from helpers import article


def test_floating_features_are_warned_at_their_line_and_left_off_the_pages(site, run_cli):
    site.config["theme"]["features"] = ["navigation.tabs", "navigation.top"]
    site.config["extra"]["consent"] = {"title": "Cookie 同意"}
    site.write("news/a.md", article("预防流感", "2013-05-01"))
    checked = run_cli(site, "check", "--format", "json")
    found = [f for f in json.loads(checked.stdout) if f["code"] == "floating-window"]
    text = (site.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert [f["field"] for f in found] == ["extra.consent", "theme.features[1]"], found
    assert all(f["level"] == "warning" and f["path"] == "mkdocs.yml" for f in found), found
    assert "navigation.top" in text[found[1]["line"] - 1] and "consent:" in text[found[0]["line"] - 1]
    assert "返回顶部" in found[1]["message"] and "删除" in found[1]["fix"]
    assert not site.build().page("/").select(".md-top"), "material's back-to-top button is on the home page"


def test_a_site_without_them_has_no_such_warning(site, run_cli):
    site.write("news/a.md", article("预防流感", "2013-05-01"))
    checked = run_cli(site, "check", "--format", "json")
    assert not [f for f in json.loads(checked.stdout) if f["code"] == "floating-window"]
