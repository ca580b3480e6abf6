"""政策解读 both ways in chromium, on the example site as nginx serves it: from a policy document's
相关解读 to a 解读, and from its 解读的文件 back to the document."""

from __future__ import annotations

from urllib.parse import urlsplit

try:
    from playwright.sync_api import Page, expect
except ImportError:  # collect anyway: the browser fixture fails every test here saying what to install
    Page, expect = object, None

DOCUMENT = "/medical-reform/2025/03/jiating-yisheng-qianyue-tizhi-fangan-2025/"
DOCUMENT_TITLE = "关于印发《市家庭医生签约服务提质增效实施方案》的通知"
INTERPRETATION_TITLE = "《市家庭医生签约服务提质增效实施方案》政策解读"


def box(page: Page, heading: str):
    """The aside of the article page headed `heading`."""
    return page.locator("aside", has=page.get_by_role("heading", name=heading, exact=True))


def test_from_a_document_to_its_interpretation_and_back(open_page):
    page = open_page("phone")
    page.goto(DOCUMENT)
    expect(page.get_by_role("heading", level=1)).to_have_text(DOCUMENT_TITLE)
    related = box(page, "相关解读")
    expect(related).to_be_visible()
    expect(related.get_by_role("link")).to_have_count(2)  # the 解读 article and the interview that interprets it
    related.get_by_role("link", name=INTERPRETATION_TITLE).click()
    page.wait_for_url(lambda url: urlsplit(url).path != DOCUMENT)
    expect(page.get_by_role("heading", level=1)).to_have_text(INTERPRETATION_TITLE)

    interpreted = box(page, "解读的文件")
    expect(interpreted).to_be_visible()
    expect(interpreted).to_contain_text("市卫发〔2025〕6号")
    interpreted.get_by_role("link", name=DOCUMENT_TITLE).click()
    page.wait_for_url(lambda url: urlsplit(url).path == DOCUMENT)
    expect(page.get_by_role("heading", level=1)).to_have_text(DOCUMENT_TITLE)
    assert not page.hp_page_errors, page.hp_page_errors
    assert not page.hp_bad_responses, page.hp_bad_responses
