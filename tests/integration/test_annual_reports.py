"""The yearly reports (reports/): counted from the content, filled from data/annual-report.yml, 缺 where neither."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml

from helpers import article

DATA_KEYS = {"标题": "title", "日期": "date", "栏目": "column", "文号": "doc_no", "状态": "status", "来信日期": "received",
             "答复": "reply", "答复日期": "replied_on", "成文日期": "written_on",
             "文件类型": "doc_type", "解读文件": "interprets"}


def form_values(page) -> dict[str, str]:
    """Each line of a report page's line tables: label (without its unit) -> the value as shown."""
    values = {}
    for row in page.select(".hp-report__rows tr"):
        th, td = row.find("th"), row.find("td")
        if td is not None:
            label = th.get_text(strip=True).split("（单位")[0]
            values.setdefault(label, td.get_text(strip=True))
    return values


def front_matters(content: Path) -> list[tuple[str, dict]]:
    """Every article of the example's content/ as (column folder, front matter), read without healthpress."""
    found = []
    for path in sorted(content.rglob("*.md")):
        relative = path.relative_to(content)
        if len(relative.parts) < 2:
            continue
        meta = yaml.load(path.read_text(encoding="utf-8").split("---")[1], Loader=yaml.BaseLoader)
        meta = {DATA_KEYS.get(k, k): v for k, v in meta.items()}
        if meta.get("status", "published") == "published":
            found.append((meta.get("column", relative.parts[0]), meta))
    return found


def test_the_example_2025_reports_match_its_content(example_site, repo_root):
    articles = front_matters(repo_root / "content")
    kinds = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")).get("kind", "news")
             for path in (repo_root / "columns").glob("*.yml")}
    in_2025 = [(column, meta) for column, meta in articles if meta["date"].startswith("2025")]
    documents = [m for c, m in in_2025 if m.get("doc_no") or kinds[c] == "notices"]
    news = [m for c, m in in_2025 if kinds[c] in ("news", "periodical", "notices") and m not in documents]
    letters = [m for c, m in articles if kinds[c] == "letters"]
    answered = [m for m in letters if m.get("replied_on", "").startswith("2025")]
    days = [(dt.date.fromisoformat(m["replied_on"]) - dt.date.fromisoformat(m["received"])).days for m in answered]
    interpretations = [m for c, m in in_2025 if m.get("interprets")]
    assert news and documents and answered and interpretations, "the example has 2025 content to count"

    website = form_values(example_site.page("reports/2025/website/"))
    data = yaml.safe_load((repo_root / "data" / "annual-report.yml").read_text(encoding="utf-8"))
    filled = next(entry for entry in data if entry["year"] == 2025)["website"]
    assert website["政务动态信息更新量"] == str(len(news))
    assert website["信息公开目录信息更新量"] == str(len(documents))
    assert website["总数"] == str(len(news) + len(documents) + filled["overview_updates"])
    assert website["收到留言数量"] == str(sum(1 for m in letters if m["received"].startswith("2025")))
    assert website["办结留言数量"] == str(len(answered))
    assert website["公开答复数量"] == str(sum(1 for m in answered if m.get("reply")))
    assert float(website["平均办理时间"]) == round(sum(days) / len(days), 1)
    assert website["解读材料数量"] == str(len(interpretations))
    assert website["网站总访问量"] == str(filled["page_views"])
    titles = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["title"]
              for path in (repo_root / "columns").glob("*.yml")}
    for column, title in titles.items():
        assert website[title] == str(sum(1 for c, _ in in_2025 if c == column)), title
    assert website["合计"] == str(len(in_2025))
    assert website["网站名称"] == "市卫生健康宣传网" and website["政府网站标识码"] == "3408000001"
    assert "缺" not in website.values()

    disclosure = example_site.page("reports/2025/disclosure/")
    text = disclosure.get_text()
    assert "缺" not in text
    normative = next(row for row in disclosure.select(".hp-report__grid tr") if row.th and row.th.get_text() == "行政规范性文件")
    made = sum(1 for c, m in articles if m.get("doc_type") == "行政规范性文件" and m.get("written_on", m["date"]).startswith("2025"))
    assert made
    assert [td.get_text() for td in normative.select("td")][0] == str(made)
    headings = [h.get_text(strip=True) for h in disclosure.select("h2")]
    assert headings == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def test_the_reports_page_lists_every_completed_year_and_the_footer_links_it(example_site):
    index = example_site.page("reports/")
    links = [a["href"] for a in index.select(".hp-reports a")]
    assert "../reports/2025/website/" in links or "2025/website/" in links, links
    assert not any("2026" in href for href in links)  # not over yet
    footer = example_site.page("").select_one(".hp-footer__reports")
    assert footer is not None and footer.get_text() == "年度报表和报告"


def test_without_the_data_file_what_the_site_cannot_count_is_missing_not_zero(site):
    site.write("news/a.md", article("一篇新闻", "2013-05-08"))
    built = site.build()
    values = form_values(built.page("reports/2013/website/"))
    assert values["政务动态信息更新量"] == "1"
    assert values["网站总访问量"] == "缺" and values["独立用户访问总量"] == "缺"
    assert values["总数"] == "缺"  # its 概况类 part is not known
    disclosure = built.page("reports/2013/disclosure/")
    assert "缺" in disclosure.select_one(".hp-report__section").get_text()  # 总体情况
    assert "尚未填报" in built.page("reports/").get_text()


def test_a_bad_data_file_fails_check_and_build_and_publishes_nothing(site, run_cli):
    site.write("news/a.md", article("一篇新闻", "2013-05-08"))
    (site.root / "data").mkdir()
    (site.root / "data" / "annual-report.yml").write_text(
        "- year: 2013\n  website:\n    page_views: -1\n- year: 2013\n", encoding="utf-8")
    done = run_cli(site, "check")
    assert done.returncode == 1
    assert "data/annual-report.yml:3: page_views:" in done.stdout and "不能小于 0" in done.stdout, done.stdout
    assert "data/annual-report.yml:4: year:" in done.stdout and "已经写过一项" in done.stdout, done.stdout
    built = run_cli(site, "build")
    assert built.returncode != 0 and not (site.root / "site").exists()


def grid_row(page, label: str) -> list[str]:
    row = next(r for r in page.select(".hp-report__grid tr") if r.th and r.th.get_text() == label)
    return [td.get_text(strip=True) for td in row.select("td")]


def test_normative_documents_are_made_repealed_and_in_force_by_their_dates(site):
    normative = {"doc_type": "行政规范性文件"}
    site.write("news/a.md", article("甲规定", "2013-05-08", doc_no="测卫〔2013〕1号", validity="废止",
                                    replaced_by="/news/2014/03/b/", **normative))
    site.write("news/b.md", article("乙规定", "2014-03-10", doc_no="测卫〔2014〕2号", written_on="2014-03-01", **normative))
    site.write("news/c.md", article("一般公文", "2014-04-10", doc_no="测卫〔2014〕3号"))
    built = site.build()
    assert grid_row(built.page("reports/2013/disclosure/"), "行政规范性文件") == ["1", "0", "1"]
    assert grid_row(built.page("reports/2014/disclosure/"), "行政规范性文件") == ["1", "1", "1"]
    site.write("news/d.md", article("丙规定", "2014-06-10", doc_no="测卫〔2014〕4号", validity="废止",
                                    replaced_by="https://www.example.gov.cn/xin/", **normative))
    built = site.build()
    assert grid_row(built.page("reports/2014/disclosure/"), "行政规范性文件") == ["2", "缺", "缺"]  # d's repeal: when?


def test_a_survey_opinions_figure_the_surveys_count_otherwise_is_a_warning_in_check_and_build(example_copy,
                                                                                               check_and_build):
    data = example_copy / "data" / "annual-report.yml"
    text = data.read_text(encoding="utf-8")
    assert "    survey_opinions: 37\n" not in text.split("- year: 2026")[0]  # the example's 2025 counts its surveys
    first = text.index("    interview_messages:")
    data.write_text(text[:first] + "    survey_opinions: 37\n" + text[first:], encoding="utf-8")
    line = text[:first].count("\n") + 1
    checked, built = check_and_build(example_copy)
    for found in ([(f["line"], f["field"], f["message"]) for f in checked if f["code"] == "annual-report-counted"],
                  [(f.line, f.field, f.message) for f in built if f.code == "annual-report-counted"]):
        assert [(ln, field) for ln, field, _ in found] == [(line, "survey_opinions")], found
        assert "合计 126 条" in found[0][2] and "37 不会用到" in found[0][2]


def test_an_entry_of_a_year_not_yet_begun_is_a_warning_at_its_year_in_check_and_build(example_copy, check_and_build):
    data = example_copy / "data" / "annual-report.yml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text + "\n- year: 2062\n  website:\n    page_views: 1\n", encoding="utf-8")
    line = text.count("\n") + 2
    checked, built = check_and_build(example_copy)
    assert [(f["line"], f["field"]) for f in checked if f["code"] == "annual-report-future-year"] == [(line, "year")]
    assert [(f.line, f.field) for f in built if f.code == "annual-report-future-year"] == [(line, "year")]
    assert "2062 年还没有到" in next(f.message for f in built if f.code == "annual-report-future-year")


def test_a_site_without_a_letters_surveys_or_interviews_column_shows_their_figures_missing_or_as_filled(site, run_cli):
    site.write("news/a.md", article("一篇新闻", "2013-05-08"))
    values = form_values(site.build().page("reports/2013/website/"))
    for label in ("收到留言数量", "办结留言数量", "平均办理时间", "公开答复数量", "征集调查期数", "收到意见数量",
                  "公布调查结果期数", "访谈期数"):
        assert values[label] == "缺", (label, values[label])  # the site does not know them: not 0
    (site.root / "data").mkdir()
    (site.root / "data" / "annual-report.yml").write_text(
        "- year: 2013\n  website:\n    letters_received: 40\n    letters_answered: 38\n    average_reply_days: 6.5\n"
        "    replies_published: 30\n    surveys_held: 2\n    survey_opinions: 17\n    survey_results: 1\n"
        "    interviews_held: 3\n", encoding="utf-8")
    values = form_values(site.build().page("reports/2013/website/"))
    assert [values[label] for label in ("收到留言数量", "办结留言数量", "平均办理时间", "公开答复数量", "征集调查期数",
                                        "收到意见数量", "公布调查结果期数", "访谈期数")] == [
        "40", "38", "6.5", "30", "2", "17", "1", "3"]
    checked = json.loads(run_cli(site, "check", "--format", "json").stdout)
    assert [f for f in checked if f["path"].endswith("annual-report.yml")] == []  # every figure is used


def test_a_letters_figure_written_on_a_site_with_a_letters_column_is_a_warning_at_its_line(example_copy,
                                                                                            check_and_build):
    data = example_copy / "data" / "annual-report.yml"
    text = data.read_text(encoding="utf-8")
    first = text.index("    interview_messages:")
    data.write_text(text[:first] + "    letters_received: 40\n    interviews_held: 2\n" + text[first:], encoding="utf-8")
    line = text[:first].count("\n") + 1
    checked, built = check_and_build(example_copy)
    expected = [(line, "letters_received"), (line + 1, "interviews_held")]
    assert [(f["line"], f["field"]) for f in checked if f["code"] == "annual-report-counted"] == expected
    assert [(f.line, f.field) for f in built if f.code == "annual-report-counted"] == expected


def test_an_article_published_in_a_year_and_expired_since_is_still_counted_in_that_years_report(site):
    site.write("news/a.md", article("一篇新闻", "2013-05-08", expires="2014-01-15"))
    site.write("news/b.md", article("另一篇新闻", "2015-03-02"))
    built = site.build()
    values = form_values(built.page("reports/2013/website/"))  # the year is listed though its only article expired
    assert values["政务动态信息更新量"] == "1" and values["合计"] == "1", values
    assert form_values(built.page("reports/2015/website/"))["合计"] == "1"


def test_an_expired_normative_document_is_made_in_its_year_and_in_force_until_it_expires(site):
    fields = {"doc_no": "市卫发〔2013〕1号", "doc_type": "行政规范性文件", "expires": "2014-06-30"}
    site.write("news/a.md", article("关于印发某办法的通知", "2013-05-08", **fields))
    site.write("news/b.md", article("一篇新闻", "2014-03-02"))
    built = site.build()
    assert grid_row(built.page("reports/2013/disclosure/"), "行政规范性文件") == ["1", "0", "1"]
    assert grid_row(built.page("reports/2014/disclosure/"), "行政规范性文件") == ["0", "0", "0"]


def test_a_completed_year_the_data_file_fills_has_its_reports_though_no_article_was_published_then(site):
    site.write("news/a.md", article("一篇新闻", "2013-05-08"))
    (site.root / "data").mkdir()
    (site.root / "data" / "annual-report.yml").write_text("- year: 2014\n  website:\n    page_views: 5600\n",
                                                          encoding="utf-8")
    built = site.build()
    values = form_values(built.page("reports/2014/website/"))
    assert values["网站总访问量"] == "5600" and values["合计"] == "0", values
    assert built.page("reports/2014/disclosure/") is not None
    assert "2014年政府网站工作年度报表" in built.page("reports/").get_text()
