"""The example bureau site in this repository builds completely and every internal link resolves."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from bs4 import BeautifulSoup

from helpers import BuiltSite

COLUMNS = ["service-year", "health-weekly", "safe-qingyuan", "medical-reform", "health-education", "press", "interviews",
           "surveys", "letters"]


def article_pages(site: BuiltSite) -> list[Path]:
    def is_article(parts: tuple[str, ...]) -> bool:
        return len(parts) == 5 and parts[0] in COLUMNS and parts[1].isdigit() and parts[2].isdigit()
    return [p for p in site.all_pages() if is_article(p.relative_to(site.site_dir).parts)]


def test_example_has_forty_articles_in_every_column_over_four_years(example_site):
    pages = article_pages(example_site)
    assert len(pages) >= 40
    columns = {p.relative_to(example_site.site_dir).parts[0] for p in pages}
    years = {p.relative_to(example_site.site_dir).parts[1] for p in pages}
    assert columns == set(COLUMNS)
    assert len(years) >= 4
    nav = [a.get_text(strip=True) for a in example_site.page("").select(".md-tabs__link")]
    assert nav == ["首页", "优质服务年", "健康周刊", "平安清远", "医改宣传", "健康教育", "新闻发布", "在线访谈", "征集调查",
                   "局长信箱", "归档"]


def test_the_two_plans_are_articles(example_site):
    anqing = example_site.page("service-year/2013/05/tishen-gongcheng-shishi-fangan/")
    assert "宜卫办[2013]79号" in anqing.select_one(".hp-meta").get_text()
    assert "2013年5月8日" in anqing.select_one(".hp-meta").get_text()
    assert "优质服务年" in anqing.select_one(".hp-article__body").get_text()
    qingyuan = example_site.page("safe-qingyuan/2013/04/chuangjian-pingan-qingyuan-xuanchuan-fangan/")
    assert "清远" in qingyuan.select_one("h1").get_text()


def test_the_draft_is_nowhere(example_site, repo_root):
    drafts = [p for p in (repo_root / "content").rglob("*.md")
              if "status: draft" in p.read_text(encoding="utf-8") or "状态: draft" in p.read_text(encoding="utf-8")]
    assert drafts, "the example keeps one draft to show that drafts stay unpublished"
    for draft in drafts:
        title = next(line.split(":", 1)[1].strip() for line in draft.read_text(encoding="utf-8").splitlines()
                     if line.startswith(("title:", "标题:")))
        for page in example_site.all_pages():
            assert title not in page.read_text(encoding="utf-8"), (draft, page)


def test_every_internal_link_and_image_resolves(example_site):
    broken = []
    for page in example_site.all_pages():
        url = "/" + str(page.relative_to(example_site.site_dir)).removesuffix("index.html")
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for node, attr in [(a, "href") for a in soup.select("a[href]")] + [(i, "src") for i in soup.select("[src]")]:
            target = urlparse(urljoin(url, node[attr]))
            if target.scheme or target.netloc or not target.path.startswith("/"):
                continue
            path = example_site.site_dir / unquote(target.path).lstrip("/")
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{url} -> {node[attr]}")
    assert not broken, broken[:20]


def test_the_example_interprets_its_policy_documents_and_has_an_interview_and_two_surveys(example_site):
    document = example_site.page("medical-reform/2025/03/jiating-yisheng-qianyue-tizhi-fangan-2025/")
    assert [a.get_text() for a in document.select(".hp-linked--interpretations a")] == [
        "做实家庭医生签约服务 让群众看病更方便", "《市家庭医生签约服务提质增效实施方案》政策解读"]
    plan = example_site.page("service-year/2013/05/tishen-gongcheng-shishi-fangan/")
    assert [a.get_text() for a in plan.select(".hp-linked--interpretations a")] == ["图解：安庆市卫生系统“提神工程”实施方案"]
    interview = example_site.page("interviews/2025/03/jiating-yisheng-fangtan-2025/")
    assert [li.get_text() for li in interview.select(".hp-guests li")] == ["陈丽霞（市卫生局副局长）", "王海燕（市人民医院全科医学科主任）"]
    assert len(interview.select(".hp-article__body img[alt]")) == 2
    assert interview.select_one(".hp-linked--documents a").get_text() == "关于印发《市家庭医生签约服务提质增效实施方案》的通知"
    done = example_site.page("surveys/2025/05/kongyan-tiaoli-zhengqiu-yijian-2025/")
    assert len(done.select(".hp-survey-results p")) == 3
    still_open = example_site.page("surveys/2026/11/jiuyi-tiyan-wenjuan/")
    assert still_open.select(".hp-survey-results--open") and not still_open.select(".hp-survey-results p")


def test_the_example_stays_free_of_dated_warnings_years_from_now(example_copy):
    """Its open survey is a standing one (closes far ahead): checked in 2031, no survey is past its close
    without results, so `./scripts/build` and `check` say nothing about it whatever the year."""
    import json
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "healthpress.cli", "check", "--compliance", "--format", "json"],
                          cwd=example_copy, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1939262400"})  # 2031-06-15
    found = json.loads(done.stdout)
    assert not [f for f in found if f["path"].startswith("content/surveys/")], found
