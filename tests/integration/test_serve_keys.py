"""serve's rebuilds keep the keys of the pages a save did not reach (keymemo.py).

Each test builds a small site in serve mode, in this process, as MkDocs' server does (one plugin object
for all rebuilds), changes something, rebuilds, and compares every page key the rebuild kept or made
with the keys a rebuild that makes all of them gives for the same files.
"""

from __future__ import annotations

import datetime as dt

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from healthpress.build.keymemo import KeyMemo

from helpers import SiteFolder, article

SERVE_URL = "http://127.0.0.1:8000/"


class Preview:
    """The plugin object MkDocs' server keeps, and a rebuild of the project like the server's."""

    def __init__(self, site: SiteFolder, site_dir):
        self.site, self.site_dir = site, site_dir
        config = self._config()
        config.plugins.on_startup(command="serve", dirty=True)
        self.plugin = config.plugins["healthpress"]
        self.rebuild(config)

    def _config(self):
        config = load_config(str(self.site.write_project()), site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        return config

    def rebuild(self, config=None) -> dict[str, str]:
        build(config or self._config(), serve_url=SERVE_URL, dirty=True)
        made = self.plugin.build
        return {job.src_uri: job.key for job in [*made.article_jobs, *made.listing_jobs]}

    def keys_made_anew(self) -> dict[str, str]:
        """The keys of a rebuild with nothing remembered (the files as they are now)."""
        self.plugin.key_memo = KeyMemo()
        return self.rebuild()


@pytest.fixture
def preview(site, tmp_path, monkeypatch) -> Preview:
    """MkDocs keeps one plugin object per process: the test gives it back as it was, and keeps serve's
    in-memory state (resident.py) to itself."""
    from mkdocs.config.defaults import MkDocsConfig

    from healthpress.build import heap
    from healthpress.storage import resident

    for name, value in (("_values", {}), ("_writers", {}), ("_placed", {}), ("_enabled", False)):
        monkeypatch.setattr(resident, name, value)
    plugin = load_config(str(site.write_project())).plugins["healthpress"]  # the one object, made if need be
    assert MkDocsConfig.plugins.plugin_cache["healthpress"] is plugin
    monkeypatch.setattr(plugin, "mode", plugin.mode)
    monkeypatch.setattr(plugin, "key_memo", plugin.key_memo)
    monkeypatch.setattr(plugin, "build", plugin.build)
    monkeypatch.setattr(heap, "IDLE_SECONDS", 3600.0)  # no collection while the test runs
    yield _preview(site, tmp_path)
    heap.stop()
    heap.release()


def _preview(site, tmp_path) -> Preview:
    site.column("news", "要闻", order=1, page_size=2)
    for day in range(1, 8):
        site.write(f"news/n{day}.md", article(f"要闻第{day}篇", f"2013-05-0{day}", f"要闻{day}的第一段。\n\n第二段。",
                                            tags=["义诊"] if day % 2 else ["医改"]))
    for number in range(1, 4):
        site.write(f"health-weekly/w{number}.md", article(f"周刊第{number}期", f"2013-06-0{number}", "周刊正文。",
                                                          issue=number))
    preview = Preview(site, tmp_path / "preview")
    return preview


def rebuild_and_compare(preview: Preview) -> tuple[int, int]:
    """(keys kept, pages) of a rebuild, after checking each key against one made anew."""
    kept = preview.rebuild()
    reused = preview.plugin.key_memo.reused
    assert kept == preview.keys_made_anew()
    return reused, len(kept)


def test_a_body_edit_keeps_the_keys_of_the_pages_that_do_not_show_it(preview, site):
    site.write("news/n4.md", article("要闻第4篇", "2013-05-04", "要闻4的第一段。\n\n改过的第二段。", tags=["医改"]))
    reused, pages = rebuild_and_compare(preview)
    assert 0 < reused < pages
    kept = preview.rebuild()  # nothing changed since: every key kept
    assert preview.plugin.key_memo.reused == len(kept) == pages


def test_a_new_first_paragraph_reaches_the_listings_that_show_its_summary(preview, site):
    before = preview.rebuild()
    site.write("news/n4.md", article("要闻第4篇", "2013-05-04", "新的第一段。\n\n第二段。", tags=["医改"]))
    after = preview.rebuild()
    changed = {src_uri for src_uri in after if after[src_uri] != before[src_uri]}
    assert {"news/n4.md", "news/n3.md", "news/n5.md", "index.md", "tags/yi-gai/index.md"} <= changed
    assert "news/n1.md" not in changed
    assert after == preview.keys_made_anew()


def test_a_periodical_body_edit_reaches_its_issue_pages(preview, site):
    site.write("health-weekly/w2.md", article("周刊第2期", "2013-06-02", "改过的周刊正文。", issue=2))
    reused, pages = rebuild_and_compare(preview)
    assert 0 < reused < pages


@pytest.mark.parametrize("change", [
    lambda site: site.write("news/n4.md", article("要闻第4篇（改）", "2013-05-04", "要闻4的第一段。", tags=["医改"])),
    lambda site: site.write("news/n4.md", article("要闻第4篇", "2014-01-04", "要闻4的第一段。", tags=["医改"])),
    lambda site: site.write("news/n4.md", article("要闻第4篇", "2013-05-04", "要闻4的第一段。", tags=["新标签"])),
    lambda site: site.write("news/n8.md", article("要闻第8篇", "2013-05-08", "新文章。")),
    lambda site: (site.root / "content" / "news" / "n4.md").unlink(),
    lambda site: site.column("news", "新闻要闻", order=1, page_size=2),
], ids=["title", "date", "tags", "new article", "deleted article", "column file"])
def test_front_matter_articles_and_site_files_make_every_key_again(preview, site, change):
    change(site)
    reused, _ = rebuild_and_compare(preview)
    assert reused == 0


def test_facts_that_change_with_the_time_make_every_key_again(preview, site, monkeypatch):
    at = lambda hour: str(int(dt.datetime(2030, 1, 1, hour, tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp()))
    site.write("news/later.md", article("定时发布的通知", "2030-01-01 10:00", "十点上线。"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", at(9))
    preview.rebuild()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", at(11))  # the same day: the article goes live, its file unchanged
    reused, _ = rebuild_and_compare(preview)
    assert reused == 0


def test_a_rebuild_leaves_the_pages_already_in_the_preview_folder_alone(preview, site, monkeypatch):
    """The first build's pages were rendered, not looked up: the first save must not read and link them all
    again (serve checks a cached page once in its process)."""
    import healthpress.build.sitepages as sitepages

    placed: list[int] = []
    place_all = sitepages._check_and_place
    monkeypatch.setattr(sitepages, "_check_and_place", lambda links: placed.append(len(links)) or place_all(links))
    site.write("news/n4.md", article("要闻第4篇", "2013-05-04", "要闻4的第一段。\n\n改过的第二段。", tags=["医改"]))
    preview.rebuild()
    assert sum(placed) == 0, "only the rendered pages are written; the others stay as they are"
