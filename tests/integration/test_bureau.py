"""What only a bureau site has, built for real: the weekly's issues, ..."""

from __future__ import annotations

import logging

import pytest
from mkdocs.exceptions import Abort

from helpers import article, texts


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
    assert [a.get_text() for a in index.select(".hp-issues a:not(.hp-print-edition)")] == ["第4期", "第2期", "第1期"]
    assert len(index.select(".hp-issues a.hp-print-edition")) == 3

    home = built.page("")
    current = home.select_one(".hp-current-issue")
    assert "第4期" in current.select_one("h2").get_text()
    assert texts(current, ".hp-list__title") == ["第四期头条"]

    article_page = built.page("health-weekly/2013/06/c/")
    link = article_page.select_one(".hp-meta a[href$='issues/2/']")
    assert link.get_text() == "第2期"

    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("content/health-weekly/" in w and "3" in w and "期" in w for w in warnings), warnings


UNITS = """\
- name: 市人民医院
  type: 医疗机构
  liaisons:
    - name: 王海燕
      role: 联络员
- name: 市疾病预防控制中心
  short_name: 市疾控中心
  type: 公共卫生机构
- name: 市中心血站
  type: 公共卫生机构
"""


def with_units(site):
    (site.root / "data").mkdir(exist_ok=True)
    (site.root / "data" / "units.yml").write_text(UNITS, encoding="utf-8")
    site.write("news/a.md", article("医院甲", "2013-04-02", unit="市人民医院", author="王海燕"))
    site.write("news/b.md", article("医院乙", "2013-05-02", unit="市人民医院", author="张三"))
    site.write("news/c.md", article("疾控", "2013-05-20", unit="市疾控中心"))
    site.write("news/d.md", article("明年", "2014-01-02", unit="市人民医院"))
    site.write("news/e.md", article("错名", "2013-06-02", unit="市人名医院"))


def test_unit_statistics_page_counts_units_liaisons_and_zeros(site, caplog):
    with_units(site)
    built = site.build()
    page = built.page("stats/")
    assert texts(page, "h1") == ["2014年各单位供稿统计"]
    year = built.page("stats/2013/")
    rows = {r.select_one("th").get_text(strip=True): [td.get_text() for td in r.select("td")][-1]
            for r in year.select("table.hp-stats tbody tr")}
    assert rows["市人民医院"] == "2" and rows["王海燕（联络员）"] == "1"
    assert rows["市疾病预防控制中心"] == "1", "an alias counts for its unit"
    assert rows["市中心血站"] == "0", "units with nothing published are listed"
    assert rows["合计"] == "4"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("content/news/e.md" in w and "市人名医院" in w and "市人民医院" in w for w in warnings), warnings
    assert "stats/" in [a["href"].split("../")[-1] for a in built.page("").select(".hp-footer__links a")]


def test_statistics_of_a_site_with_no_articles_are_of_the_build_year_in_beijing(site, monkeypatch):
    """The build's moment (SOURCE_DATE_EPOCH, Beijing time), not the machine's date: 2030-12-31 20:00 UTC
    is 2031 in Beijing, and the same commit builds the same page anywhere."""
    (site.root / "data").mkdir(exist_ok=True)
    (site.root / "data" / "units.yml").write_text(UNITS, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1924977600")  # 2030-12-31 20:00 UTC
    page = site.build().page("stats/")
    assert page.select_one("table.hp-stats caption").get_text().startswith("2031年")


def test_stats_command_by_quarter_and_as_csv(site, run_cli):
    with_units(site)
    text = run_cli(site, "stats", "--period", "2013Q2")
    assert text.returncode == 0, text.stderr
    assert "2013年第二季度" in text.stdout and "市中心血站" in text.stdout
    csv_out = run_cli(site, "stats", "--period", "2013", "--csv")
    lines = csv_out.stdout.splitlines()
    assert lines[0].startswith("\ufeff单位,单位类型,联络员/信息员,角色,1月")
    assert any(line.startswith("市人民医院,医疗机构,,,0,0,0,1,1,") for line in lines), lines
    bad = run_cli(site, "stats", "--period", "2013Q5")
    assert bad.returncode == 2 and "2013Q2" in bad.stderr


def test_health_days_pages_and_upcoming_on_home(site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1369958400")  # 2013-05-31 08:00 in Beijing
    (site.root / "data").mkdir()
    (site.root / "data" / "health-days.yml").write_text(
        "- name: 世界无烟日\n  slug: world-no-tobacco-day\n  date: \"05-31\"\n  tags: [控烟]\n  description: 拒绝烟草。\n"
        "- name: 世界防治麻风病日\n  slug: world-leprosy-day\n  rule: last Sunday of January\n  tags: [麻风]\n"
        "  description: 消除歧视。\n", encoding="utf-8")
    site.write("news/a.md", article("控烟宣传", "2013-05-30", tags=["控烟"]))
    site.write("news/b.md", article("世界无烟日活动", "2012-05-31"))
    built = site.build()
    day = built.page("topics/health-days/world-no-tobacco-day/")
    assert texts(day, ".hp-list__title") == ["控烟宣传", "世界无烟日活动"]
    assert "每年5月31日" in texts(day, ".hp-lead")[0] and "2013年5月31日" in texts(day, ".hp-lead")[0]
    index = built.page("topics/health-days/")
    assert [a.get_text() for a in index.select(".hp-days a")] == ["世界无烟日", "世界防治麻风病日"]
    assert "2014年1月26日" in index.get_text(), "last Sunday of January 2014"
    home = built.page("")
    assert [a.get_text() for a in home.select(".hp-home__days a:not(.hp-more)")] == ["世界无烟日", "世界防治麻风病日"]


def test_leadership_group_page_as_the_plan_lists_it(site, repo_root):
    (site.root / "data").mkdir()
    (site.root / "data" / "leadership-group.yml").write_text(
        (repo_root / "data" / "leadership-group.yml").read_text(encoding="utf-8"), encoding="utf-8")
    page = site.build().page("about/leadership-group/")
    assert texts(page, "h1") == ["市卫生局创建平安清远宣传工作领导小组"]
    assert texts(page, "dl.hp-group dt") == ["组长", "副组长", "成员"]
    first = page.select_one("dl.hp-group li")
    assert first.select_one(".hp-group__post").get_text() == "市政协副主席、卫生局局长"
    assert first.select_one(".hp-group__name").get_text() == "唐远强"
    assert "马\u3000军" in page.get_text()
    assert "领导小组下设办公室，设在市卫生局办公室，负责日常工作的处理。" in page.get_text()


def test_a_bad_data_file_fails_the_build_with_its_line(site, build_errors):
    (site.root / "data").mkdir()
    (site.root / "data" / "units.yml").write_text("- name: 市人民医院\n  type: 医院\n", encoding="utf-8")
    with pytest.raises(Abort):
        site.build()
    assert any(e.startswith("data/units.yml:2:") and "type" in e for e in build_errors()), build_errors()


def test_urgent_notice_is_a_banner_on_every_page_until_it_expires(site, monkeypatch):
    site.write("news/urgent.md", article("关于做好H7N9防控工作的紧急通知", "2013-04-05 18:00", urgent=True,
                                         expires="2013-05-05"))
    site.write("news/other.md", article("普通新闻", "2013-04-01"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1366000000")  # 2013-04-15
    built = site.build()
    for url in ("", "news/", "news/2013/04/other/", "archive/", "tags/"):
        banner = built.page(url).select_one(".md-banner .hp-urgent")
        assert banner and "关于做好H7N9防控工作的紧急通知" in banner.get_text(), url
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1368000000")  # 2013-05-08, after it expired
    built = site.build()
    assert not built.page("").select(".md-banner")
    assert not built.exists("news/2013/04/urgent/")


def test_urgent_notice_needs_an_expiry(site, build_errors):
    site.write("news/urgent.md", article("紧急通知", "2013-04-05", urgent=True))
    with pytest.raises(Abort):
        site.build()
    assert any(e.startswith("content/news/urgent.md:4: urgent:") and "expires" in e for e in build_errors())


def test_official_documents_carry_the_disclosure_table(site, build_errors):
    site.config["extra"]["bureau"]["org_code"] = "00325437-X"
    site.write("news/notice.md", article("关于印发实施方案的通知", "2013-05-08", doc_no="宜卫办[2013]79号", unit="市卫生局"))
    site.write("news/second.md", article("第二份通知", "2013-06-01", doc_no="宜卫办[2013]80号", 索引号="00325437-X/2013-00001"))
    site.write("news/plain.md", article("普通新闻", "2013-05-09"))
    built = site.build()
    rows = {th.get_text(): th.find_next_sibling("td").get_text()
            for th in built.page("news/2013/05/notice/").select("table.hp-disclosure th")}
    assert rows == {"索引号": "00325437-X/2013-00002", "主题分类": "卫生、体育", "发布机构": "市卫生局",
                    "成文日期": "2013年5月8日", "文号": "宜卫办[2013]79号", "发布日期": "2013年5月8日",
                    "公开方式": "主动公开", "有效性": "有效"}, "the explicit number is kept and skipped"
    assert not built.page("news/2013/05/plain/").select("table.hp-disclosure")
    press = article("新闻发布会通稿", "2013-06-02", release_no="2013年第3号", spokesperson="李华")
    site.write("news/press.md", press)
    meta = built = site.build().page("news/2013/06/press/").select_one(".hp-meta").get_text()
    assert "2013年第3号" in meta and "李华" in meta


def test_special_topics_gather_articles_by_tag_with_intro_and_archive(site):
    (site.root / "data").mkdir()
    (site.root / "data" / "topics.yml").write_text(
        "- slug: min-sheng-bao-zhang\n  title: 民生保障工程\n  group: 创建平安清远\n  tags: [民生保障]\n"
        "  intro: 病有所医。\n", encoding="utf-8")
    site.write("news/a.md", article("民生一", "2013-05-08", tags=["民生保障"]))
    site.write("health-weekly/b.md", article("民生二", "2014-02-01", tags=["民生保障", "医改"], issue=1))
    site.write("news/c.md", article("无关", "2014-03-01", tags=["医改"]))
    built = site.build()
    topic = built.page("topics/min-sheng-bao-zhang/")
    assert texts(topic, "h1") == ["民生保障工程"] and texts(topic, ".hp-lead") == ["病有所医。"]
    assert texts(topic, ".hp-list__title") == ["民生二", "民生一"]
    assert [a.get_text() for a in topic.select(".hp-listing__links a")] == ["2014年", "2013年"]
    assert texts(built.page("topics/min-sheng-bao-zhang/2013/"), ".hp-list__title") == ["民生一"]
    index = built.page("topics/")
    assert texts(index, "h2") == ["创建平安清远"] and [a.get_text() for a in index.select(".hp-days a")] == ["民生保障工程"]


LETTER = """---
title: 住院费用清单看不懂怎么办？
date: 2013-06-20
writer: 李先生
received: 2013-06-08
reply: |
  李先生：您好！已转市人民医院办理。
  感谢您的支持。
replied_by: 市卫生局医政科
replied_on: 2013-06-18
---

费用清单很多项目看不懂。
"""


def letters_site(site):
    site.column("letters", "局长信箱", kind="letters", order=3)
    site.write("news/a.md", article("甲", "2013-06-01"))
    site.write("health-weekly/b.md", article("乙", "2013-06-01", issue=1))
    site.write("letters/fee.md", LETTER)
    return site


def test_letters_show_status_reply_and_reply_time(site):
    built = letters_site(site).build()
    listing = built.page("letters/")
    assert texts(listing, ".hp-letter-status") == ["已回复"]
    assert "来信人：李先生" in texts(listing, ".hp-list__summary")[0] and "（10 天）" in texts(listing, ".hp-list__summary")[0]
    letter = built.page("letters/2013/06/fee/")
    facts = texts(letter, ".hp-letter-facts")[0]
    assert "李先生" in facts and "2013年6月8日" in facts and "已回复" in facts
    assert texts(letter, ".hp-letter-reply p")[:2] == ["李先生：您好！已转市人民医院办理。", "感谢您的支持。"]
    assert "10 天内答复" in texts(letter, ".hp-letter-reply__by")[0]


def test_mailbox_page_posts_to_the_endpoint_or_gives_the_hotline(site):
    letters_site(site)
    site.config["extra"]["bureau"]["hotline"] = "12320"
    page = site.build().page("letters/write/")
    assert not page.select("form.hp-mailbox") and "12320" in texts(page, ".hp-mailbox-fallback")[0]
    site.config["plugins"] = [{"healthpress": {"search_index": False, "mailbox_endpoint": "https://mail.example.gov.cn/letters"}}]
    form = site.build().page("letters/write/").select_one("form.hp-mailbox")
    assert form["action"] == "https://mail.example.gov.cn/letters" and form["method"] == "post"
    assert {i["name"] for i in form.select("input, textarea")} == {"alias", "contact", "subject", "content"}


def test_a_letter_publishing_personal_data_fails(site, build_errors):
    letters_site(site)
    site.write("letters/phone.md", LETTER.replace("费用清单很多项目看不懂。", "请回电 13812345678。"))
    with pytest.raises(Abort):
        site.build()
    assert any(e.startswith("content/letters/phone.md:13:") and "手机号码" in e for e in build_errors()), build_errors()


def test_unanswered_letters_in_the_compliance_check(site, monkeypatch, run_cli):
    letters_site(site)
    site.write("letters/open.md", "---\ntitle: 还没答复\ndate: 2013-06-01\nwriter: 王女士\nreceived: 2013-06-01\n---\n问题。\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1378000000")  # 2013-09-01: 92 days later
    result = run_cli(site, "check", "--compliance")
    assert "content/letters/open.md:5: received: 王女士 2013-06-01 的来信已 92 天未答复" in result.stdout
    assert result.returncode == 1


def test_topic_and_health_day_pages_are_paginated(site):
    site.config["plugins"] = [{"healthpress": {"page_size": 2, "search_index": False}}]
    (site.root / "data").mkdir()
    (site.root / "data" / "topics.yml").write_text(
        "- slug: kong-yan\n  title: 控烟\n  tags: [控烟]\n", encoding="utf-8")
    (site.root / "data" / "health-days.yml").write_text(
        "- name: 世界无烟日\n  slug: world-no-tobacco-day\n  date: \"05-31\"\n  tags: [控烟]\n", encoding="utf-8")
    for day in range(1, 6):
        site.write(f"news/s{day}.md", article(f"控烟{day}", f"2013-05-0{day}", tags=["控烟"]))
    site.write("health-weekly/b.md", article("乙", "2013-05-08", issue=1))
    built = site.build()
    for base in ("topics/kong-yan/", "topics/kong-yan/2013/", "topics/health-days/world-no-tobacco-day/"):
        assert built.exists(f"{base}page/3/") and not built.exists(f"{base}page/4/"), base
    assert texts(built.page("topics/kong-yan/2013/page/3/"), ".hp-list__title") == ["控烟1"]


def test_statistics_page_shows_readers_no_maintainer_command(site):
    """The page is for the public: how the maintainers export the table (`healthpress stats --csv`) is not theirs."""
    with_units(site)
    built = site.build()
    for url in ("stats/", "stats/2013/"):
        main = built.page(url).select_one("main") or built.page(url)
        assert "healthpress" not in main.get_text() and "--csv" not in main.get_text()
        assert "数字随网站每次更新重新统计" in main.get_text()


def repealed(site, replaced_by: str) -> None:
    site.config["extra"]["bureau"]["org_code"] = "00325437-X"
    site.write("news/new.md", article("新的实施方案", "2013-06-08", doc_no="宜卫办[2013]90号"))
    site.write("news/old.md", article("旧的实施方案", "2013-05-08", doc_no="宜卫办[2013]79号", validity="废止",
                                      replaced_by=replaced_by))


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_repealed_document_replaced_by_no_page_of_the_site_is_an_error(site, run_cli, command):
    repealed(site, "/press/2099/01/nope/")
    done = run_cli(site, command)
    assert done.returncode == 1
    assert "content/news/old.md:6: replaced_by: 替代文件的网址“/press/2099/01/nope/”在本站没有这个页面" \
        in done.stdout + done.stderr


@pytest.mark.parametrize("replaced_by", ["/news/2013/06/new/", "/news/2013/06/new/#fu-jian", "https://www.gov.cn/zhengce/"])
def test_a_repealed_document_replaced_by_a_page_of_the_site_or_a_full_url_passes(site, run_cli, replaced_by):
    repealed(site, replaced_by)
    done = run_cli(site, "check")
    assert done.returncode == 0, done.stdout
