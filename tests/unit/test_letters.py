"""局长信箱: letter fields, status, response time, overdue letters and personal data in letters."""

from __future__ import annotations

import datetime as dt

import pytest

from healthpress.model.articles import parse_article
from healthpress.model.findings import Level
from healthpress.bureau.letters import (
    LETTER_HELP, LETTER_KEYS, find_personal_data, letter_status, overdue_letters, parse_letter, privacy_findings,
    response_days,
)
from healthpress.model.source import split_source

D = dt.date
PATH = "content/mailbox/laixin.md"


def read(fields: str, body: str = "请问市人民医院周末有没有专家门诊？\n", name: str = "laixin"):
    """Parse a letter file the way the build will: the article, then the letter fields of its front matter.

    Front-matter line 2 is `title`, line 3 `date`, the letter fields start on line 4.
    """
    path = f"content/mailbox/{name}.md"
    text = "---\ntitle: 关于周末专家门诊的咨询\ndate: 2013-06-05\n" + fields + "---\n" + body
    article, found = parse_article(path, f"mailbox/{name}.md", text)
    if article is None:  # a field the article schema itself refuses (e.g. a date in the wrong form)
        return None, found
    source = split_source(path, text)
    return parse_letter(path, article, source.front_matter, source.key_lines)


def letter(fields: str = "writer: 王女士\nreceived: 2013-06-05\n", body: str = "请问周末有门诊吗？\n",
           name: str = "laixin"):
    result, findings = read(fields, body, name)
    assert findings == [] and result is not None, findings
    return result


ANSWERED = """\
writer: 王女士
received: 2013-06-05
reply: 市人民医院周六上午开设内科、儿科专家门诊。
replied_by: 市卫生局医政科
replied_on: 2013-06-12
"""

CHINESE = """\
来信人: 王女士
来信日期: 2013-06-05
答复: 市人民医院周六上午开设内科、儿科专家门诊。
答复单位: 市卫生局医政科
答复日期: 2013-06-12
"""


def test_every_letter_field():
    item = letter(ANSWERED)
    assert (item.writer, item.received, item.replied_by, item.replied_on) == (
        "王女士", D(2013, 6, 5), "市卫生局医政科", D(2013, 6, 12))
    assert item.reply.startswith("市人民医院周六上午")
    assert item.article.body == "请问周末有门诊吗？\n"
    assert item.response_days == 7
    assert (item.line_of("received"), item.key_of("received")) == (5, "received")


def test_chinese_keys_give_the_same_letter():
    english, chinese = letter(ANSWERED), letter(CHINESE)
    assert (english.writer, english.received, english.reply, english.replied_by, english.replied_on) == (
        chinese.writer, chinese.received, chinese.reply, chinese.replied_by, chinese.replied_on)
    assert chinese.key_of("received") == "来信日期"


def test_the_key_tables_agree():
    assert sorted(LETTER_KEYS.values()) == sorted(LETTER_HELP)


@pytest.mark.parametrize(
    "fields, line, field, code",
    [
        ("received: 2013-06-05\n", None, None, "invalid-missing"),
        ("writer: 王女士\n", None, None, "invalid-missing"),
        ("writer: 王女士\nreceived: 2013年6月5日\n", 5, "received", "invalid-value_error"),
        ("writer: 王女士\n来信日期: 2013/06/05\n", 5, "来信日期", "invalid-value_error"),
        ("writer: 王女士\nreceived: 2013-06-05\nreply: 已转交承办单位。\n", 6, "reply", "letter-reply-incomplete"),
        ("writer: 王女士\nreceived: 2013-06-05\nreplied_on: 2013-06-08\n", 6, "replied_on", "letter-reply-incomplete"),
        ("writer: 王女士\nreceived: 2013-06-05\n答复日期: 2013-06-08\n", 6, "答复日期", "letter-reply-incomplete"),
        ("writer: 王女士\nreceived: 2013-06-05\nreply: 好\nreplied_by: 医政科\nreplied_on: 2013-06-01\n", 8,
         "replied_on", "letter-reply-before-received"),
        ("writer: 王女士\nreceived: 2013-06-05\nreply: 好\nreplied_on: 2013-06-08\n", 6, "reply",
         "letter-reply-incomplete"),
        ("writer: 王女士\nreceived: 2013-06-05\n答复单位: 医政科\n", 6, "答复单位", "letter-reply-incomplete"),
        ("writer: 王女士\nreceived: 2013-06-09\n", 5, "received", "letter-received-after-published"),
    ],
    ids=["no-writer", "no-received", "chinese-date-form", "slashes", "reply-without-date", "date-without-reply",
         "chinese-date-without-reply", "reply-before-letter", "reply-without-unit", "unit-without-reply",
         "received-after-published"],
)
def test_letter_field_errors(fields, line, field, code):
    result, findings = read(fields)
    assert result is None
    [finding] = findings
    assert finding.code == code and finding.level is Level.ERROR
    if line is not None:
        assert (finding.path, finding.line, finding.field) == (PATH, line, field)
    assert finding.fix


def test_reply_without_date_says_what_to_add():
    _, [finding] = read("writer: 王女士\nreceived: 2013-06-05\nreply: 已转交承办单位。\n")
    assert "答复日期" in finding.message and "replied_on" in finding.fix


def test_reply_without_its_unit_names_the_missing_field():
    _, [finding] = read("writer: 王女士\nreceived: 2013-06-05\nreply: 好\nreplied_on: 2013-06-08\n")
    assert finding.message == "写了答复内容、答复日期，但没有答复单位" and "replied_by" in finding.fix


def test_received_after_publication_gives_both_dates():
    _, [finding] = read("writer: 王女士\nreceived: 2013-06-09\n")
    assert finding.message == "来信日期 2013-06-09 晚于发布日期 2013-06-05"


@pytest.mark.parametrize(
    "received, replied_on, today, status",
    [
        (D(2013, 6, 5), None, D(2013, 6, 10), "办理中"),
        (D(2013, 6, 5), D(2013, 6, 8), D(2013, 6, 10), "已回复"),
        (D(2013, 6, 5), D(2013, 6, 10), D(2013, 6, 10), "已回复"),
        (D(2013, 6, 5), D(2013, 6, 12), D(2013, 6, 10), "办理中"),
        (dt.datetime(2013, 6, 5, 9, 0), dt.datetime(2013, 6, 8, 9, 0), dt.datetime(2013, 6, 10, 9, 0), "已回复"),
    ],
    ids=["unanswered", "answered", "answered-today", "reply-dated-later", "datetimes"],
)
def test_letter_status(received, replied_on, today, status):
    assert letter_status(received, replied_on, today) == status


@pytest.mark.parametrize(
    "received, replied_on, days",
    [(D(2013, 6, 5), None, None), (D(2013, 6, 5), D(2013, 6, 5), 0), (D(2013, 6, 5), D(2013, 9, 3), 90)],
)
def test_response_days(received, replied_on, days):
    assert response_days(received, replied_on) == days


@pytest.mark.parametrize(
    "received, today, code, level",
    [
        ("2013-06-05", D(2013, 7, 5), None, None),
        ("2013-06-05", D(2013, 8, 4), None, None),  # 60 days: not yet past the warning threshold
        ("2013-06-05", D(2013, 8, 5), "letter-due-soon", Level.WARNING),  # 61 days
        ("2013-06-05", D(2013, 9, 3), "letter-due-soon", Level.WARNING),  # 90 days
        ("2013-06-05", D(2013, 9, 4), "letter-overdue", Level.ERROR),  # 91 days
        ("2013-01-05", D(2014, 1, 5), "letter-overdue", Level.ERROR),
    ],
    ids=["30-days", "60-days", "61-days", "90-days", "91-days", "a-year"],
)
def test_overdue_letters(received, today, code, level):
    item = letter(f"writer: 王女士\nreceived: {received}\n")
    findings = overdue_letters([item], today)
    if code is None:
        assert findings == []
    else:
        [finding] = findings
        assert (finding.code, finding.level, finding.path, finding.line, finding.field) == (
            code, level, PATH, 5, "received")
        assert f"{(today - D.fromisoformat(received)).days} 天未答复" in finding.message


def test_answered_letters_are_never_overdue():
    assert overdue_letters([letter(ANSWERED)], D(2014, 6, 1)) == []


def test_thresholds_are_configurable():
    item = letter("writer: 王女士\nreceived: 2013-06-05\n")
    assert [f.level for f in overdue_letters([item], D(2013, 6, 25), error_after_days=30, warn_after_days=15)] == [
        Level.WARNING]
    assert [f.level for f in overdue_letters([item], D(2013, 7, 6), error_after_days=30, warn_after_days=15)] == [
        Level.ERROR]


def test_overdue_letters_oldest_first():
    items = [letter("writer: 李先生\nreceived: 2013-05-01\n", name="b"), letter("writer: 王女士\nreceived: 2013-03-01\n", name="a")]
    assert [f.path for f in overdue_letters(items, D(2013, 9, 1))] == ["content/mailbox/a.md", "content/mailbox/b.md"]


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("我的电话是13812345678，请回电。", ["mobile"]),
        ("手机 138-1234-5678", ["mobile"]),
        ("手机 138 1234 5678", ["mobile"]),
        ("+8613912345678", ["mobile"]),
        ("全角 １３８１２３４５６７８", ["mobile"]),
        ("座机 0763-3381234", ["landline"]),
        ("座机（020）87654321", ["landline"]),
        ("身份证 44180219850612341X", ["id-card"]),
        ("身份证 441802198506123418", ["id-card"]),
        ("邮箱 wang.li@163.com 或 li_wang@example.gov.cn", ["email", "email"]),
        ("12320 卫生热线、120 急救", []),
        ("2013-06-05 来信，编号 20130605001", []),
        ("已打码 138****5678", []),
        ("12345678901 不是手机号（第二位是 2）", []),
        ("4418021985061234181 是 19 位，不是身份证号", []),
    ],
    ids=["mobile", "mobile-dashes", "mobile-spaces", "mobile-86", "fullwidth", "landline", "landline-brackets",
         "id-x", "id-digit", "emails", "hotlines", "dates-and-serials", "masked", "not-mobile", "19-digits"],
)
def test_find_personal_data(text, kinds):
    assert [p.kind for p in find_personal_data(text)] == kinds


def test_id_card_number_is_not_also_read_as_a_phone_number():
    [found] = find_personal_data("441802198506123418")
    assert found.kind == "id-card"


def test_privacy_findings_name_the_line_and_mask_the_number():
    body = "局长您好：\n\n我家孩子在市人民医院看病。\n联系电话 13812345678，邮箱 wang@163.com。\n"
    item = letter("writer: 王女士\nreceived: 2013-06-05\n", body)
    findings = privacy_findings(item)
    assert [(f.line, f.code, f.level) for f in findings] == [
        (10, "letter-mobile", Level.ERROR), (10, "letter-email", Level.ERROR)]
    assert "13812345678" not in findings[0].message
    assert "138******78" in findings[0].message


def test_privacy_of_the_writer_alias():
    item = letter("来信人: 王女士13812345678\nreceived: 2013-06-05\n")
    [finding] = privacy_findings(item)
    assert (finding.line, finding.field, finding.code) == (4, "来信人", "letter-mobile")
    assert "化名" in finding.fix


def test_a_clean_letter_has_no_privacy_findings():
    assert privacy_findings(letter(ANSWERED, "请问12320热线几点上班？\n")) == []
