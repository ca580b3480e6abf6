"""`healthpress wechat`'s export in chromium: preview.html opened, selected, copied and pasted into an editable
page (as an editor pastes into the official account's editor), with the images fetched from the published
site (nginx serving the built example, in the place of www.example.gov.cn)."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import unquote, urlsplit

ARTICLE = "content/health-education/liugan-yimiao-jiezhong-2026.md"
SITE_URL = "https://www.example.gov.cn"


def test_the_export_pasted_from_the_browser_keeps_headings_lists_the_table_and_the_images(example_site, server, browser,
                                                                                          tmp_path):
    done = subprocess.run([sys.executable, "-m", "healthpress.cli", "wechat", ARTICLE, "--output", str(tmp_path / "out")],
                          cwd=example_site.root.parent, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"])

    def from_the_published_site(route):  # www.example.gov.cn is the nginx serving the built example
        fetched = server.fetch(unquote(urlsplit(route.request.url).path))
        route.fulfill(status=fetched.status, body=fetched.body, content_type=fetched.headers.get("Content-Type"))

    context.route(f"{SITE_URL}/**", from_the_published_site)
    try:
        preview = context.new_page()
        preview.goto((tmp_path / "out" / "preview.html").as_uri())
        preview.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)", timeout=10_000)
        preview.keyboard.press("Control+A")
        preview.keyboard.press("Control+C")
        editor = context.new_page()
        editor.set_content('<!DOCTYPE html><meta charset="utf-8"><div id="editor" contenteditable="true"></div>')
        editor.focus("#editor")
        editor.keyboard.press("Control+V")
        pasted = editor.locator("#editor")
        assert pasted.locator("h2").all_inner_texts() == ["哪些人要优先接种", "什么时候接种", "接种流程", "温馨提示"]
        assert pasted.locator("ol > li").count() == 4 and pasted.locator("ul > li").count() == 3
        assert pasted.locator("table tr").count() == 6 and pasted.locator("table th").count() == 3
        assert pasted.locator("table").get_attribute("width") == "100%"  # a phone's width, not the window's pixels
        assert "border" in pasted.locator("td").first.get_attribute("style")
        images = pasted.locator("img")
        assert [images.nth(i).get_attribute("src") for i in range(images.count())] == [
            f"{SITE_URL}/health-education/images/liugan-yimiao-renqun.png",
            f"{SITE_URL}/health-education/images/liugan-yimiao-liucheng.png"]
        editor.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)", timeout=10_000)
        assert editor.evaluate("document.querySelectorAll('#editor [class], #editor script, #editor [id]').length") == 0
        assert editor.evaluate("document.querySelector('#editor img').getBoundingClientRect().width") <= 390
    finally:
        context.close()
