"""Review before publication: drafts, review, approval, schedule and expiry leak nowhere."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest

from helpers import article

SECRET_TITLES = ["草稿稿件", "待审稿件", "定时稿件", "过期稿件"]


def epoch(text: str) -> str:
    moment = dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))
    return str(calendar.timegm(moment.utctimetuple()))


@pytest.fixture
def review_site(site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2020-06-01T12:00:00"))
    site.write("news/live.md", article("已发布稿件", "2020-05-01", tags=["公开"]))
    site.write("news/approved.md", article("已审定稿件", "2020-05-02", sensitive=True, approved_by="局办公室",
                                           approved_on="2020-05-02"))
    site.write("news/draft.md", article("草稿稿件", "2020-05-03", status="draft", tags=["秘密标签"]))
    site.write("news/review.md", article("待审稿件", "2020-05-04", status="review", sensitive=True, tags=["秘密标签"]))
    site.write("news/scheduled.md", article("定时稿件", "2020-06-01 12:30", tags=["秘密标签"]))
    site.write("news/expired.md", article("过期稿件", "2020-01-01", expires="2020-06-01 11:00", tags=["秘密标签"]))
    site.write("news/urgent.md", article("限时通知", "2020-05-30", expires="2020-06-02"))
    return site


def test_unpublished_items_leak_nowhere(review_site):
    built = review_site.build()
    for path in list(built.site_dir.rglob("*.html")) + list(built.site_dir.rglob("*.xml")):
        text = path.read_text(encoding="utf-8")
        for title in SECRET_TITLES + ["秘密标签", "mi-mi-biao-qian", "/news/2020/05/draft/", "scheduled", "expired"]:
            assert title not in text, (title, path)
    assert [a.get_text() for a in built.page("news/").select(".hp-list__title")] == ["限时通知", "已审定稿件", "已发布稿件"]
    assert [s.get_text() for s in built.page("archive/").select(".hp-years__item > .hp-count")] == ["3 篇"]
    assert not built.exists("tags/mi-mi-biao-qian/")
    sitemap = (built.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "/news/2020/05/live/" in sitemap and "<lastmod>2020-05-01</lastmod>" in sitemap


def test_scheduled_item_appears_once_its_time_has_come_and_expired_goes(review_site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2020-06-02T00:00:00"))
    built = review_site.build()
    assert built.exists("news/2020/06/scheduled/")
    assert not built.exists("news/2020/05/urgent/"), "withdrawn at its expiry"
    assert not built.exists("news/2020/01/expired/")


def test_sensitive_item_becomes_public_only_with_approval(review_site, build_errors):
    from mkdocs.exceptions import Abort

    review_site.write("news/review.md", article("待审稿件", "2020-05-04", sensitive=True))
    with pytest.raises(Abort):
        review_site.build()
    assert any(e.startswith("content/news/review.md:") and "approved_by" in e and "approved_on" in e
               for e in build_errors())


def test_two_builds_of_one_commit_are_byte_identical(review_site, monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    review_site.write("news/scheduled.md", article("定时稿件", "2099-01-01"))
    first = review_site.build().site_dir
    copy = {p.relative_to(first): p.read_bytes() for p in first.rglob("*") if p.is_file()}
    second = review_site.build().site_dir
    assert {p.relative_to(second): p.read_bytes() for p in second.rglob("*") if p.is_file()} == copy
    gzip_mtime = int.from_bytes((second / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert gzip_mtime == calendar.timegm((2020, 5, 2, 0, 0, 0)), "the newest article's date, not the clock"
