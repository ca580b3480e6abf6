"""The navigation, tabs, header and footer rendered once per place and nav state (engine/fragments.py) give
every page the same bytes as rendering them for each page."""

from __future__ import annotations

import shutil

from helpers import article

from healthpress.engine import fragments


def test_every_page_is_the_same_with_the_memo_and_without(site, monkeypatch, tmp_path):
    site.config["plugins"][0]["healthpress"]["workers"] = 1  # one process: the memo is this one's
    site.config["theme"]["features"] = ["navigation.tabs", "navigation.tabs.sticky"]
    for n in range(1, 8):  # pages at several depths in two sections: news is 3 to a page, so it has page 2, 3
        site.write(f"news/20{20 + n % 3}-0{n}-0{n}-n{n}.md", article(f"要闻{n}", f"20{20 + n % 3}-0{n}-0{n}",
                                                                     tags=["疫苗"]))
        site.write(f"health-weekly/2024-0{n}-0{n}-w{n}.md", article(f"周刊{n}", f"2024-0{n}-0{n}", issue=n))
    memos: list[fragments.FragmentMemo] = []
    install = fragments.install
    monkeypatch.setattr(fragments, "install", lambda env, custom_dir: memos.append(install(env, custom_dir)) or memos[-1])
    built = site.build()
    pages = {p.relative_to(built.site_dir): p.read_bytes() for p in built.site_dir.rglob("*") if p.is_file()}
    memo = memos[-1]
    html = [p for p in pages if p.suffix == ".html"]
    assert len(html) > 40 and not memo.unsafe
    # one render per place and nav state, not per page: the articles of a column share theirs
    assert 0 < memo.rendered["nav"] < len(html) / 2 and memo.rendered["footer"] < len(html) / 2

    shutil.move(built.site_dir, tmp_path / "memoised")
    (site.root / "theme" / "partials").mkdir(parents=True)  # a site's own partial: nothing memoised
    (site.root / "theme" / "partials" / "unused.html").write_text("", encoding="utf-8")
    site.config["theme"]["custom_dir"] = "theme"
    again = site.build()
    assert memos[-1].unsafe == set(fragments.FRAGMENTS) and not memos[-1].rendered
    assert {p.relative_to(again.site_dir): p.read_bytes() for p in again.site_dir.rglob("*") if p.is_file()} == pages
    for url, column in (("news/", "要闻"), ("health-weekly/", "健康周刊")):  # same depth, each its own active tab
        page = again.page(url)
        assert [a.get_text(strip=True) for a in page.select(".md-tabs__item--active a")] == [column]
        assert [a.get_text(strip=True) for a in page.select(".md-nav--primary .md-nav__item--active > a")] == [column]
