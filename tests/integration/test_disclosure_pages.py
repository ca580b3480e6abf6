"""The 政府信息公开指南 and 政府信息公开目录 pages (issue 18): the catalogue lists every disclosed document
once, by 索引号, in every sort order as static pages; the 索引号 pattern is a setting; the guide shows
every field of data/disclosure-guide.yml."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from lxml import etree
from mkdocs.exceptions import Abort

from helpers import article, texts

CATALOGUE = "disclosure/catalogue/"
GUIDE = "disclosure/guide/"


def natural(text: str) -> tuple:
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part)


def catalogue_rows(built, first_url: str) -> list[dict]:
    """Every row of one sort order, following its pager from its first page."""
    rows, url, seen = [], first_url, set()
    while url is not None:
        assert url not in seen
        seen.add(url)
        page = built.page(url)
        labels = [th.get_text(strip=True).split("（")[0].rstrip("▲▼⇅") for th in page.select("table.hp-catalogue thead th")]
        for tr in page.select("table.hp-catalogue tbody tr"):
            cells = dict(zip(labels, tr.select("td")))
            rows.append({label: cell.get_text(strip=True) for label, cell in cells.items()}
                        | {"href": cells["标题"].a["href"], "page": url})
        following = page.select_one(".hp-pager a[rel=next]")
        url = resolve(url, following["href"]) if following else None
    return rows


def resolve(base: str, href: str) -> str:
    import posixpath
    return posixpath.normpath(posixpath.join(base, href)).strip("/") + "/"


def front_matter(path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1]) if text.startswith("---\n") else {}


def test_the_catalogue_lists_every_disclosed_document_of_the_example_once_in_index_order(example_site, repo_root):
    kinds = {p.stem: (yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("kind", "news")
             for p in (repo_root / "columns").glob("*.yml")}
    expected = set()
    for path in (repo_root / "content").rglob("*.md"):
        meta = front_matter(path)
        column = path.relative_to(repo_root / "content").parts[0]
        status = meta.get("status") or meta.get("状态") or "published"
        if status == "published" and (meta.get("doc_no") or meta.get("文号") or kinds.get(column) == "notices"):
            expected.add(str(meta.get("title") or meta.get("标题")))
    assert len(expected) >= 3, "the example has several official documents"

    rows = catalogue_rows(example_site, CATALOGUE)
    assert sorted(row["标题"] for row in rows) == sorted(expected), "every document, each exactly once"
    numbers = [row["索引号"] for row in rows]
    assert numbers == sorted(numbers, key=natural) and len(set(numbers)) == len(numbers)
    for row in rows:  # each row links to its document, whose own disclosure table says the same
        document = example_site.page(resolve(row["page"], row["href"]))
        assert texts(document, "h1") == [row["标题"]]
        table = {th.get_text(): th.find_next_sibling("td").get_text() for th in document.select("table.hp-disclosure th")}
        assert (table["索引号"], table["主题分类"], table["文号"]) == (row["索引号"], row["分类"], row["文号"])
        assert table["有效性"].startswith(row["有效性"])
        back = document.select_one(".hp-disclosure__more a")
        assert resolve(resolve(row["page"], row["href"]), back["href"]) == CATALOGUE, "the document links to the catalogue"


def test_every_sort_order_is_a_static_series_of_pages_holding_every_document(site):
    site.column("notices", "通知公告", kind="notices", order=3)
    dates = ["2013-05-08", "2014-03-01", "2013-11-20", "2015-07-07", "2014-09-09"]
    for n, date in enumerate(dates, 1):
        validity = {"validity": "废止", "replaced_by": "https://www.example.gov.cn/x/"} if n == 2 else {}
        site.write(f"notices/doc{n}.md", article(f"第{n}号文件", date, doc_no=f"测卫〔{date[:4]}〕{n}号",
                                                 topic="医疗卫生" if n % 2 else "卫生、体育", **validity))
    site.write("news/plain.md", article("普通新闻", "2014-01-01"))
    site.config["plugins"][0]["healthpress"]["catalogue_page_size"] = 2
    built = site.build()
    first = built.page(CATALOGUE)
    headings = {a.get_text(strip=True).split("（")[0].rstrip("▲▼⇅"): resolve(CATALOGUE, a["href"])
                for a in first.select("table.hp-catalogue thead th a")}
    assert headings == {"索引号": f"{CATALOGUE}index-desc/", "分类": f"{CATALOGUE}topic-asc/",
                        "发文日期": f"{CATALOGUE}date-desc/", "文号": f"{CATALOGUE}docno-asc/",
                        "有效性": f"{CATALOGUE}validity-asc/"}
    assert [th["aria-sort"] for th in first.select("thead th[aria-sort]")] == [
        "ascending", "none", "none", "none", "none"]
    titles = {f"第{n}号文件" for n in range(1, 6)}
    by_index = catalogue_rows(built, CATALOGUE)
    assert [r["索引号"] for r in by_index] == ["12441800-0/2013-00001", "12441800-0/2013-00002",
                                               "12441800-0/2014-00001", "12441800-0/2014-00002",
                                               "12441800-0/2015-00001"]
    assert {r["page"] for r in by_index} == {CATALOGUE, f"{CATALOGUE}page/2/", f"{CATALOGUE}page/3/"}
    assert [r["序号"] for r in by_index] == ["1", "2", "3", "4", "5"]
    newest = catalogue_rows(built, f"{CATALOGUE}date-desc/")
    assert [r["发文日期"] for r in newest] == sorted(dates, reverse=True)
    assert [r["标题"] for r in catalogue_rows(built, f"{CATALOGUE}index-desc/")] == [r["标题"] for r in reversed(by_index)]
    for order in ("topic-asc", "topic-desc", "date-asc", "docno-asc", "docno-desc", "validity-asc", "validity-desc"):
        rows = catalogue_rows(built, f"{CATALOGUE}{order}/")
        assert {r["标题"] for r in rows} == titles and len(rows) == 5, order
    assert [r["有效性"] for r in catalogue_rows(built, f"{CATALOGUE}validity-desc/")][0] == "有效"
    assert [r["有效性"] for r in catalogue_rows(built, f"{CATALOGUE}validity-asc/")][0] == "废止"
    on_date_desc = built.page(f"{CATALOGUE}date-desc/")
    assert on_date_desc.select_one('thead th[aria-sort="descending"] a')["href"].endswith("date-asc/")
    assert "按发文日期从新到旧" in on_date_desc.select_one("title").get_text()
    footer = [a.get_text() for a in built.page("").select(".hp-footer__links a")]
    assert "政府信息公开目录" in footer and "政府信息公开指南" not in footer  # no data/disclosure-guide.yml here


def sitemap_locs(built) -> list[str]:
    tree = etree.fromstring((built.site_dir / "sitemap.xml").read_bytes())
    return [loc.text for loc in tree.iterfind(".//{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def test_the_sitemap_lists_the_index_order_and_the_first_page_of_every_other_order(site):
    """The other orders' later pages hold the same documents again: crawlers get each order once, and every
    page of the 索引号 order (on main the sitemap listed all 30 pages of the ten orders)."""
    site.column("notices", "通知公告", kind="notices", order=3)
    for n in range(1, 6):
        site.write(f"notices/doc{n}.md", article(f"第{n}号文件", f"2014-0{n}-01", doc_no=f"测卫〔2014〕{n}号"))
    site.config["plugins"][0]["healthpress"]["catalogue_page_size"] = 2
    built = site.build()
    assert built.page(f"{CATALOGUE}date-desc/page/3/").select("table.hp-catalogue tbody tr"), "the page is still there"
    base = "https://health.example.gov.cn/" + CATALOGUE
    listed = sorted(loc.removeprefix(base) for loc in sitemap_locs(built) if loc.startswith(base))
    orders = [f"{key}-{way}/" for key in ("index", "topic", "date", "docno", "validity") for way in ("asc", "desc")]
    assert listed == sorted(["", "page/2/", "page/3/"] + [order for order in orders if order != "index-asc/"])


def test_the_catalogue_shows_fifty_documents_a_page_unless_told(site):
    """50 rows, a printed table's usual length (on main 20: three pages for 51 documents)."""
    site.column("notices", "通知公告", kind="notices", order=3)
    for n in range(1, 52):
        site.write(f"notices/doc{n}.md", article(f"第{n}号文件", f"2014-{n % 12 + 1:02d}-01", doc_no=f"测卫〔2014〕{n}号"))
    built = site.build()
    rows = catalogue_rows(built, CATALOGUE)
    assert len(rows) == 51
    assert [sum(1 for r in rows if r["page"] == url) for url in (CATALOGUE, f"{CATALOGUE}page/2/")] == [50, 1]


def test_the_index_number_pattern_is_a_setting(site):
    site.write("news/a.md", article("甲文件", "2013-05-08", doc_no="测卫〔2013〕1号"))
    site.write("news/b.md", article("乙文件", "2013-06-08", doc_no="测卫〔2013〕2号"))
    before = [r["索引号"] for r in catalogue_rows(site.build(), CATALOGUE)]
    assert before == ["12441800-0/2013-00001", "12441800-0/2013-00002"]
    site.config["extra"]["bureau"]["index_no_format"] = "{org_code}-{year}-{seq:04d}"
    built = site.build()
    assert [r["索引号"] for r in catalogue_rows(built, CATALOGUE)] == ["12441800-0-2013-0001", "12441800-0-2013-0002"]
    rows = {th.get_text(): th.find_next_sibling("td").get_text() for th in built.page("news/2013/06/b/").select("table.hp-disclosure th")}
    assert rows["索引号"] == "12441800-0-2013-0002"


@pytest.mark.parametrize("pattern, said", [
    ("{org_code}-{seq:04d}", "缺少 {year}"),
    ("{org_code}-{year}-{no}", "{no} 不认识"),
    ("{org_code}-{year}-{seq:04d", "花括号不成对"),
])
def test_a_bad_index_number_pattern_is_a_chinese_error_at_its_line(site, build_errors, pattern, said):
    site.write("news/a.md", article("甲文件", "2013-05-08", doc_no="测卫〔2013〕1号"))
    site.config["extra"]["bureau"]["index_no_format"] = pattern
    config_file = site.write_project()
    line = next(n for n, text in enumerate(config_file.read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith("index_no_format:"))
    with pytest.raises(Abort):
        site.build()
    assert any(e.startswith(f"mkdocs.yml:{line}: extra.bureau.index_no_format: ") and said in e and "索引号格式" in e
               for e in build_errors()), build_errors()
    assert not (site.root / "site").exists(), "nothing published"


def test_the_guide_shows_every_field_of_the_data_file_and_the_bureau_office(example_site, repo_root):
    data = yaml.safe_load((repo_root / "data" / "disclosure-guide.yml").read_text(encoding="utf-8"))
    bureau = yaml.safe_load((repo_root / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["bureau"]

    def strings(value):
        if isinstance(value, dict):
            return [s for item in value.values() for s in strings(item)]
        if isinstance(value, list):
            return [s for item in value for s in strings(item)]
        return [str(value)]

    for field in ("intro", "scope", "apply", "office", "fees", "remedies"):
        assert field in data, f"the example guide fills {field}"
    for key in ("channels", "form", "time_limit"):
        assert key in data["apply"]
    guide = example_site.page(GUIDE)
    shown = " ".join(guide.select_one(".hp-listing").get_text(" ").split())
    for text in strings(data) + [bureau["address"], bureau["phone"], str(bureau["postcode"])]:
        assert " ".join(text.split()) in shown, text
    assert guide.select_one(f'.hp-guide a[href$="{CATALOGUE.removeprefix("disclosure/")}"]') is not None
    footer = {a.get_text(): a["href"] for a in example_site.page("").select(".hp-footer__links a")}
    assert footer["政府信息公开指南"].endswith(GUIDE) and footer["政府信息公开目录"].endswith(CATALOGUE)


def test_a_guide_office_without_address_anywhere_fails_naming_the_data_file(site, build_errors, repo_root):
    (site.root / "data").mkdir()
    (site.root / "data" / "disclosure-guide.yml").write_text(
        (repo_root / "data" / "disclosure-guide.yml").read_text(encoding="utf-8"), encoding="utf-8")
    del site.config["extra"]["bureau"]["address"]
    with pytest.raises(Abort):
        site.build()
    assert any(e.startswith("data/disclosure-guide.yml:") and ": address: " in e and "地址" in e
               for e in build_errors()), build_errors()


def test_a_guide_with_a_bad_top_level_field_still_has_its_scope_channels_and_office_checked(site, run_cli, repo_root):
    text = (repo_root / "data" / "disclosure-guide.yml").read_text(encoding="utf-8")
    text = text.replace("\nfees: ", "\nfee: 一条不认识的字段\nfees: ", 1)  # the top level fails: an unknown key
    text = text.replace("  - 本局制定的行政规范性文件", "  - 123\n  - 本局制定的行政规范性文件", 1)
    text = text.replace("      how: 到本局", "      how: <b>到本局</b>", 1)
    text = text.replace("  hours: ", "  hour: 全天\n  hours: ", 1)
    (site.root / "data").mkdir()
    (site.root / "data" / "disclosure-guide.yml").write_text(text, encoding="utf-8")
    checked = run_cli(site, "check", "--format", "json")
    assert "Traceback" not in checked.stderr
    found = {(f["field"], f["code"]) for f in json.loads(checked.stdout) if f["path"] == "data/disclosure-guide.yml"}
    assert {"fee", "scope", "how", "hour"} <= {field for field, _ in found}, found


def test_a_catalogue_without_documents_is_one_page_saying_so_in_chinese(site, repo_root):
    (site.root / "data").mkdir()
    (site.root / "data" / "disclosure-guide.yml").write_text(
        (repo_root / "data" / "disclosure-guide.yml").read_text(encoding="utf-8"), encoding="utf-8")
    site.write("news/plain.md", article("普通新闻", "2014-01-01"))
    built = site.build()
    text = " ".join(built.page(CATALOGUE).select_one(".hp-listing").get_text(" ").split())
    assert "共 0 件" in text and "暂无主动公开的文件" in text
    assert "点击表头" not in text and not built.page(CATALOGUE).select("table")
    pages = sorted(p.parent.relative_to(site.root / "site").as_posix() + "/"
                   for p in (site.root / "site" / CATALOGUE).rglob("index.html"))
    assert pages == [CATALOGUE], "no empty sort orders that nothing links to"


def test_the_catalogue_sorts_doc_nos_written_with_either_brackets_by_year_then_number(site):
    site.column("notices", "通知公告", kind="notices", order=3)
    for n, (date, doc_no) in enumerate([("2025-01-05", "测卫[2025]2号"), ("2025-02-05", "测卫〔2025〕10号"),
                                        ("2024-03-05", "测卫〔2024〕5号"), ("2024-04-05", "测卫（2024）12号")], 1):
        site.write(f"notices/doc{n}.md", article(f"第{n}号文件", date, doc_no=doc_no))
    rows = catalogue_rows(site.build(), f"{CATALOGUE}docno-asc/")
    assert [r["文号"] for r in rows] == ["测卫〔2024〕5号", "测卫（2024）12号", "测卫[2025]2号", "测卫〔2025〕10号"]


def test_two_documents_with_one_doc_no_are_a_warning_on_each_in_check_and_build(site, run_cli):
    site.column("notices", "通知公告", kind="notices", order=3)
    site.write("notices/a.md", article("甲文件", "2025-01-05", doc_no="测卫〔2025〕2号"))
    site.write("notices/b.md", article("乙文件", "2025-02-05", doc_no="测卫[2025]2号"))
    site.write("notices/c.md", article("丙文件", "2025-02-06", doc_no="测卫〔2025〕3号"))
    found = [f for f in json.loads(run_cli(site, "check", "--format", "json").stdout) if f["code"] == "duplicate-doc-no"]
    assert sorted((f["path"], f["line"], f["field"], f["level"]) for f in found) == [
        ("content/notices/a.md", 4, "doc_no", "warning"), ("content/notices/b.md", 4, "doc_no", "warning")]
    assert "content/notices/b.md" in next(f["message"] for f in found if f["path"] == "content/notices/a.md")
    built = run_cli(site, "build")
    assert built.returncode == 0 and "content/notices/a.md:4: doc_no:" in built.stderr + built.stdout
