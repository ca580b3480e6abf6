"""build_moment / publication_state / is_public, and the review rules parse_article applies (sensitive, expires)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from healthpress.model.articles import Article, parse_article
from healthpress.model.dates import SHANGHAI
from healthpress.model.findings import Level
from healthpress.model.publication import STATE_LABELS, build_moment, is_public, publication_state

SRC = "press/yizhen.md"
PATH = "content/press/yizhen.md"
NOW = dt.datetime(2013, 5, 8, 9, 30, tzinfo=SHANGHAI)
SECOND = dt.timedelta(seconds=1)


def parse(front: str):
    """Parse an article whose front matter lines are `front` (its first line is file line 2)."""
    return parse_article(PATH, SRC, "---\n" + front + "---\n正文\n")


def make(status: str = "published", date: dt.datetime = NOW, expires: dt.datetime | None = None) -> Article:
    article, findings = parse("title: 市人民医院开展义诊活动\ndate: 2013-05-08 09:30\n")
    assert findings == []
    return dataclasses.replace(article, status=status, date=date, expires=expires)


# --- publication_state ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "article, state",
    [
        (make("draft"), "draft"),
        (make("review"), "review"),
        (make("draft", date=NOW + dt.timedelta(days=30)), "draft"),
        (make("review", date=NOW - dt.timedelta(days=30), expires=NOW - SECOND), "review"),
        (make(date=NOW + SECOND), "scheduled"),
        (make(date=NOW + SECOND, expires=NOW - SECOND), "scheduled"),
        (make(date=NOW), "published"),
        (make(date=NOW - SECOND), "published"),
        (make(date=NOW - dt.timedelta(days=1), expires=NOW), "expired"),
        (make(date=NOW - dt.timedelta(days=1), expires=NOW - SECOND), "expired"),
        (make(date=NOW - dt.timedelta(days=1), expires=NOW + SECOND), "published"),
        (make(date=NOW, expires=NOW + SECOND), "published"),
    ],
    ids=["draft", "review", "draft-dated-in-the-future", "review-already-expired", "scheduled-one-second-ahead",
         "scheduled-beats-expired", "published-exactly-at-its-date", "published-one-second-after",
         "expired-exactly-at-expires", "expired-one-second-before", "published-one-second-before-expires",
         "published-at-date-expiring-next-second"],
)
def test_publication_state(article, state):
    assert publication_state(article, NOW) == state
    assert is_public(article, NOW) is (state == "published")
    assert state in STATE_LABELS


def test_state_compares_instants_not_wall_clocks():
    utc_now = NOW.astimezone(dt.timezone.utc)
    assert publication_state(make(date=NOW), utc_now) == "published"
    assert publication_state(make(date=NOW + SECOND), utc_now) == "scheduled"
    assert publication_state(make(date=NOW - SECOND, expires=NOW), utc_now) == "expired"


def test_every_state_has_a_chinese_label():
    assert STATE_LABELS == {"draft": "草稿", "review": "待审核", "scheduled": "定时发布", "expired": "已下线",
                            "published": "已发布"}


# --- build_moment -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "epoch, expected",
    [
        ("1368000000", dt.datetime(2013, 5, 8, 16, 0, tzinfo=SHANGHAI)),
        ("0", dt.datetime(1970, 1, 1, 8, 0, tzinfo=SHANGHAI)),
        ("1367942399", dt.datetime(2013, 5, 7, 23, 59, 59, tzinfo=SHANGHAI)),
    ],
    ids=["2013-05-08", "epoch-zero", "last-second-of-a-beijing-day"],
)
def test_source_date_epoch_gives_an_aware_shanghai_moment(epoch, expected):
    moment = build_moment({"SOURCE_DATE_EPOCH": epoch})
    assert moment == expected
    assert (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second) == (
        expected.year, expected.month, expected.day, expected.hour, expected.minute, expected.second)
    assert moment.utcoffset() == dt.timedelta(hours=8)
    assert moment.tzname() == "Asia/Shanghai"
    assert moment == dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)


def test_source_date_epoch_is_reproducible():
    assert build_moment({"SOURCE_DATE_EPOCH": "1368000000"}) == build_moment({"SOURCE_DATE_EPOCH": "1368000000"})


@pytest.mark.parametrize("environ", [{}, {"SOURCE_DATE_EPOCH": ""}, {"PATH": "/usr/bin"}],
                         ids=["empty-environ", "empty-value", "unrelated-variables"])
def test_without_source_date_epoch_it_is_now(environ):
    before = dt.datetime.now(dt.timezone.utc)
    moment = build_moment(environ)
    after = dt.datetime.now(dt.timezone.utc)
    assert before <= moment <= after
    assert moment.utcoffset() == dt.timedelta(hours=8)
    assert moment.tzname() == "Asia/Shanghai"


def test_process_environment_is_read_when_none_is_given(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1368000000")
    assert build_moment() == dt.datetime(2013, 5, 8, 16, 0, tzinfo=SHANGHAI)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert abs(build_moment() - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(seconds=5)


# --- review rules -----------------------------------------------------------------------------------------------

BASE = "title: 市卫生局关于甲型H7N9流感防控的通报\ndate: 2013-05-08 09:30\n"


@pytest.mark.parametrize(
    "extra, line, field, missing, not_missing",
    [
        ("sensitive: true\n", 4, "sensitive", "approved_by、approved_on", None),
        ("敏感: true\n", 4, "敏感", "approved_by、approved_on", None),
        ("sensitive: true\nstatus: published\n", 4, "sensitive", "approved_by、approved_on", None),
        ("status: published\n敏感: true\n", 5, "敏感", "approved_by、approved_on", None),
        ("sensitive: true\napproved_by: 王局长\n", 4, "sensitive", "approved_on", "approved_by"),
        ("敏感: true\n审核人: 王局长\n", 4, "敏感", "approved_on", "approved_by"),
        ("sensitive: true\napproved_on: 2013-05-07\n", 4, "sensitive", "approved_by", "approved_on"),
        ("敏感: true\n审核日期: 2013-05-07\n", 4, "敏感", "approved_by", "approved_on"),
        ("sensitive: true\napproved_by: ''\napproved_on: 2013-05-07\n", 4, "sensitive", "approved_by", "approved_on"),
        ("sensitive: true\napproved_by: '  '\napproved_on: 2013-05-07\n", 4, "sensitive", "approved_by",
         "approved_on"),
    ],
    ids=["english-nothing-approved", "chinese-nothing-approved", "explicitly-published",
         "chinese-after-status", "english-only-approved-by", "chinese-only-approved-by", "english-only-approved-on",
         "chinese-only-approved-on", "empty-approver", "blank-approver"],
)
def test_sensitive_published_article_needs_approval(extra, line, field, missing, not_missing):
    article, findings = parse(BASE + extra)
    assert article is None
    assert [(f.path, f.line, f.field, f.code, f.level) for f in findings] == [
        (PATH, line, field, "unapproved", Level.ERROR)]
    assert f"缺少 {missing}" in findings[0].message
    if not_missing:
        assert not_missing not in findings[0].message
    assert "status: review" in findings[0].fix
    assert "approved_by: 审核人" in findings[0].fix


@pytest.mark.parametrize(
    "extra, approved_on",
    [
        ("sensitive: true\napproved_by: 王局长\napproved_on: 2013-05-07\n", dt.datetime(2013, 5, 7, tzinfo=SHANGHAI)),
        ("敏感: true\n审核人: 王局长\n审核日期: 2013-05-07\n", dt.datetime(2013, 5, 7, tzinfo=SHANGHAI)),
        ("敏感: true\napproved_by: 王局长\n审核日期: 2013-05-07 18:00\n", dt.datetime(2013, 5, 7, 18, 0, tzinfo=SHANGHAI)),
    ],
    ids=["english", "chinese", "mixed-keys"],
)
def test_approved_sensitive_article_is_published(extra, approved_on):
    article, findings = parse(BASE + extra)
    assert findings == []
    assert (article.sensitive, article.approved_by, article.approved_on) == (True, "王局长", approved_on)
    assert publication_state(article, NOW) == "published"


@pytest.mark.parametrize(
    "extra, state",
    [
        ("sensitive: true\nstatus: draft\n", "draft"),
        ("sensitive: true\nstatus: review\n", "review"),
        ("敏感: true\n状态: review\n", "review"),
        ("敏感: true\n状态: draft\n审核人: 王局长\n", "draft"),
        ("sensitive: false\n", "published"),
        ("敏感: false\n", "published"),
    ],
    ids=["draft", "review", "chinese-review", "chinese-draft-half-approved", "not-sensitive", "chinese-not-sensitive"],
)
def test_unapproved_is_not_an_error_before_publication_or_when_not_sensitive(extra, state):
    article, findings = parse(BASE + extra)
    assert findings == []
    assert publication_state(article, NOW) == state


@pytest.mark.parametrize(
    "extra, line, field",
    [
        ("expires: 2013-05-08 09:30\n", 4, "expires"),
        ("expires: 2013-05-08\n", 4, "expires"),
        ("expires: 2013-05-01\n", 4, "expires"),
        ("下线日期: 2013-05-08 09:30\n", 4, "下线日期"),
        ("author: 张明\n下线日期: 2012-12-31\n", 5, "下线日期"),
    ],
    ids=["equal-to-date", "earlier-same-day", "a-week-before", "chinese-equal", "chinese-year-before"],
)
def test_expires_must_be_after_date(extra, line, field):
    article, findings = parse(BASE + extra)
    assert article is None
    assert [(f.path, f.line, f.field, f.code, f.level) for f in findings] == [
        (PATH, line, field, "expires-before-date", Level.ERROR)]
    assert "不晚于发布日期" in findings[0].message
    assert "expires" in findings[0].fix


@pytest.mark.parametrize(
    "extra, expires",
    [
        ("expires: 2013-05-08 09:31\n", dt.datetime(2013, 5, 8, 9, 31, tzinfo=SHANGHAI)),
        ("下线日期: 2013-06-30\n", dt.datetime(2013, 6, 30, tzinfo=SHANGHAI)),
    ],
    ids=["one-minute-after", "chinese-weeks-after"],
)
def test_expires_after_date_is_accepted(extra, expires):
    article, findings = parse(BASE + extra)
    assert findings == []
    assert article.expires == expires


def test_both_review_rules_are_reported_together():
    article, findings = parse(BASE + "敏感: true\n下线日期: 2013-05-01\n")
    assert article is None
    assert [(f.line, f.field, f.code) for f in findings] == [
        (4, "敏感", "unapproved"), (5, "下线日期", "expires-before-date")]


def test_expiry_rule_applies_to_drafts_too():
    article, findings = parse(BASE + "status: draft\nexpires: 2013-05-01\n")
    assert article is None
    assert [(f.line, f.field, f.code) for f in findings] == [(5, "expires", "expires-before-date")]
