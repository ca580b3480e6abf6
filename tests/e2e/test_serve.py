"""An editor's preview in chromium: `healthpress serve` on a copy of the example site, an article open,
its date broken and then fixed in the file, the browser never reloaded by the test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # collect anyway: the browser fixture fails every test here saying what to install
    expect = None

from .conftest import REPO, free_port

ARTICLE = "content/health-weekly/xiaji-fang-zhongshu.md"
ARTICLE_URL = "/health-weekly/2013/06/xiaji-fang-zhongshu/"
TITLE = "高温来袭，这份防中暑指南请收好"
DATE, BAD_DATE = "日期: 2013-06-12\n", "日期: 2013年6月12日\n"
FINDING = f"{ARTICLE}:3: 日期: 无法识别的日期“2013年6月12日”"


@pytest.fixture
def preview(tmp_path) -> str:
    """`healthpress serve` on a copy of the example site, its first build done; yields its address."""
    for name in ("mkdocs.yml", "content", "columns", "theme", "data"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    assert (tmp_path / ARTICLE).read_text(encoding="utf-8").count(DATE) == 1, f"{ARTICLE} no longer holds {DATE!r}"
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "serve.log"  # beside content/, so not watched
    with log_path.open("wb") as log:
        server = subprocess.Popen([sys.executable, "-m", "healthpress.cli", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
                                  env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            wait_for_page(address + ARTICLE_URL, server, log_path)
            yield address
        finally:
            server.terminate()
            server.wait(timeout=20)


def wait_for_page(url: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10):
                return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"healthpress serve never served {url}:\n{log_path.read_text(encoding='utf-8')[-3000:]}",
                            pytrace=False)
            time.sleep(0.2)


def test_a_broken_date_shows_its_finding_and_the_fix_brings_the_article_back(browser, preview, tmp_path):
    context = browser.new_context(base_url=preview, locale="zh-CN", timezone_id="Asia/Shanghai")
    try:
        page = context.new_page()
        page.goto(ARTICLE_URL)
        title = page.get_by_role("heading", level=1)
        expect(title).to_have_text(TITLE)
        article = tmp_path / ARTICLE
        article.write_text(article.read_text(encoding="utf-8").replace(DATE, BAD_DATE), encoding="utf-8")
        errors = page.locator(".hp-build-errors")
        expect(errors).to_contain_text(FINDING, timeout=3_000)  # the editor's browser, not a hung request
        expect(page.get_by_role("heading", level=1)).to_contain_text("预览没有更新")
        article.write_text(article.read_text(encoding="utf-8").replace(BAD_DATE, DATE), encoding="utf-8")
        expect(title).to_have_text(TITLE, timeout=10_000)  # reloaded by the page itself
        expect(errors).to_have_count(0)
    finally:
        context.close()
