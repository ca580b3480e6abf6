"""The yearly reports in chromium as nginx serves them: reached from the home page's footer, and printed on
A4 with every table whole on the paper and without the site's chrome."""

from __future__ import annotations

try:
    from playwright.sync_api import expect
except ImportError:  # collect anyway: the browser fixture fails every test here saying what to install
    expect = None


def test_the_footer_leads_to_both_reports_of_2025(open_page):
    page = open_page("phone")
    page.goto("/")
    page.locator(".hp-footer").get_by_role("link", name="年度报表和报告").click()
    page.wait_for_url("**/reports/")
    page.get_by_role("link", name="2025年政府网站工作年度报表").click()
    page.wait_for_url("**/reports/2025/website/")
    expect(page.get_by_role("heading", name="互动交流")).to_be_visible()
    page.go_back()
    page.get_by_role("link", name="2025年政府信息公开工作年度报告").click()
    page.wait_for_url("**/reports/2025/disclosure/")
    expect(page.get_by_role("heading", name="三、收到和处理政府信息公开申请情况")).to_be_visible()


def test_each_report_prints_on_a4_with_its_tables_whole(open_page):
    page = open_page("desktop")
    for path in ("/reports/2025/website/", "/reports/2025/disclosure/"):
        page.goto(path)
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
        for chrome in (".md-header", ".md-footer", ".hp-crumbs"):
            if page.locator(chrome).count():
                expect(page.locator(chrome).first).to_be_hidden()
        overflowing = page.evaluate("""() => [...document.querySelectorAll('.hp-report table')]
            .filter(t => t.scrollWidth > t.parentElement.clientWidth + 1).length""")
        assert overflowing == 0, path
        assert page.pdf(format="A4")[:4] == b"%PDF"
        page.emulate_media(media="screen")
        page.set_viewport_size({"width": 1280, "height": 900})
