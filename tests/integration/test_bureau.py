"""What only a bureau site has, built for real: the weekly's issues, ..."""

from __future__ import annotations

import logging

from conftest import article


def texts(soup, selector: str) -> list[str]:
    return [" ".join(node.get_text(" ", strip=True).split()) for node in soup.select(selector)]


def test_periodical_issues_pages_neighbours_and_home(site, caplog):
    site.write("health-weekly/a.md", article("第一期头条", "2013-06-05", issue=1))
    site.write("health-weekly/b.md", article("第一期二条", "2013-06-05 10:00", issue=1))
    site.write("health-weekly/c.md", article("第二期头条", "2013-06-12", issue=2))
    site.write("health-weekly/d.md", article("第四期头条", "2014-01-08", issue=4))
    built = site.build()

    issue = built.page("health-weekly/issues/1/")
    assert texts(issue, "h1") == ["健康周刊 第1期"]
    assert texts(issue, ".hp-issue-contents .hp-list__title") == ["第一期头条", "第一期二条"]
    assert "2013年6月5日" in texts(issue, ".hp-lead")[0]
    assert texts(issue, ".hp-neighbours a[rel=next]") == ["第2期"] and not issue.select(".hp-neighbours a[rel=prev]")
    second = built.page("health-weekly/issues/2/")
    assert texts(second, ".hp-neighbours a[rel=prev]") == ["第1期"]
    assert texts(second, ".hp-neighbours a[rel=next]") == ["第4期"]

    index = built.page("health-weekly/issues/")
    assert texts(index, "h2") == ["2014年（1 期）", "2013年（2 期）"]
    assert [a.get_text() for a in index.select(".hp-issues a")] == ["第4期", "第2期", "第1期"]

    home = built.page("")
    current = home.select_one(".hp-current-issue")
    assert "第4期" in current.select_one("h2").get_text()
    assert texts(current, ".hp-list__title") == ["第四期头条"]

    article_page = built.page("health-weekly/2013/06/c/")
    link = article_page.select_one(".hp-meta a[href$='issues/2/']")
    assert link.get_text() == "第2期"

    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("content/health-weekly/" in w and "3" in w and "期" in w for w in warnings), warnings
