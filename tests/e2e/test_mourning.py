"""National mourning days in chromium behind nginx: the example site built as the hourly rebuild would on
its mourning day (data/mourning.yml: 2020-04-04) is grey on its home page, by computed style, with the
bureau's festive greeting hidden; the build of the day after, made from the first one's cache, is not
grey; with `mourning_scope: all` an article page is grey too. The reading aids still work on the grey
page, and axe finds nothing serious there, in the high-contrast and the elder mode too."""

from __future__ import annotations

import datetime as dt
import shutil
from contextlib import ExitStack
from pathlib import Path

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # collect anyway: the browser fixture fails every test here saying what to install
    expect = None

from .conftest import REPO, SCREENSHOTS, axe_violations, describe_violations, nginx_serving, page_opener

DAY = dt.datetime(2020, 4, 4, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
"""Noon of the example's mourning day, Beijing time."""
ARTICLE = "/service-year/2013/05/youzhi-fuwu-nian-qidong/"
"""An article of the example published before the mourning day."""
GREY = "grayscale(1)"
"""How chromium computes `filter: grayscale(100%)`."""
HTML_FILTER = "() => getComputedStyle(document.documentElement).filter"
GREETING = ".site-hero__greeting.hp-festive"
"""The example's festive greeting (theme/main.html), on its home page."""


def build_example(project: Path, moment: dt.datetime, into: Path, scope: str | None = None) -> Path:
    """Build `project` as at `moment` (SOURCE_DATE_EPOCH), from its cache of earlier builds; copy its site to `into`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file = project / "mkdocs.yml"
    if scope is not None:
        text = config_file.read_text(encoding="utf-8")
        config_file.write_text(text.replace("  - healthpress:\n", f"  - healthpress:\n      mourning_scope: {scope}\n", 1),
                               encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))
        build(load_config(str(config_file)))
    shutil.copytree(project / "site", into)
    return into


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """nginx serving the example built on its mourning day, the day after (from the first build's cache),
    and on the mourning day with mourning_scope: all: {"day": Server, "after": ..., "all": ...}."""
    project = tmp_path_factory.mktemp("mourning-example")
    for name in ("mkdocs.yml", "content", "columns", "theme", "data"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    sites = tmp_path_factory.mktemp("mourning-sites")
    built = {"day": build_example(project, DAY, sites / "day")}
    assert any((project / ".cache" / "healthpress" / "build" / "pages").rglob("*.html")), "the mourning day's pages were not cached"
    built["after"] = build_example(project, DAY + dt.timedelta(days=1), sites / "after")
    built["all"] = build_example(project, DAY, sites / "all", scope="all")
    with ExitStack() as stack:
        yield {name: stack.enter_context(nginx_serving(root, tmp_path_factory.mktemp(f"nginx-{name}")))
               for name, root in built.items()}


@pytest.fixture
def open_on(browser, servers):
    """open_on("day" | "after" | "all", path, viewport="desktop", bypass_csp=False) -> a page of that build."""
    with ExitStack() as stack:
        def open_(name: str, path: str, viewport: str = "desktop", bypass_csp: bool = False):
            page = stack.enter_context(page_opener(browser, servers[name]))(viewport, bypass_csp=bypass_csp)
            assert page.goto(path, wait_until="networkidle").status == 200
            return page
        yield open_


def test_on_the_mourning_day_the_home_page_is_grey_and_the_festive_greeting_hidden(open_on):
    page = open_on("day", "/")
    assert page.evaluate(HTML_FILTER) == GREY
    assert page.locator(GREETING).count() == 1 and not page.locator(GREETING).is_visible()
    assert page.locator(".site-hero__hotline").is_visible(), "the hotline is no festive banner"
    page.screenshot(path=str(SCREENSHOTS / "mourning-home.png"))
    assert not page.hp_console_errors and not page.hp_bad_responses and not page.hp_page_errors


def test_on_the_mourning_day_an_article_keeps_its_colours_by_default(open_on):
    page = open_on("day", ARTICLE)
    assert page.evaluate(HTML_FILTER) == "none"


def test_the_day_after_the_rebuild_from_the_cache_is_not_grey_and_shows_the_greeting(open_on):
    page = open_on("after", "/")
    assert page.evaluate(HTML_FILTER) == "none"
    assert page.locator(GREETING).is_visible()


def test_mourning_scope_all_makes_an_article_page_grey_too(open_on):
    for path in ("/", ARTICLE, "/archive/"):
        page = open_on("all", path)
        assert page.evaluate(HTML_FILTER) == GREY, path


def test_the_reading_aids_work_on_the_grey_page_and_the_header_stays_on_top(open_on):
    page = open_on("day", "/")
    size = "() => parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)"
    before = page.evaluate(size)
    page.locator("#hp-font-larger").click()
    assert page.evaluate(size) > before, "the larger-text button did nothing on the grey page"
    page.locator("#hp-contrast-toggle").click()
    assert page.evaluate("() => document.documentElement.getAttribute('data-hp-contrast')") == "on"
    assert page.evaluate(HTML_FILTER) == GREY, "the contrast mode took the grey away"
    page.evaluate("() => window.scrollTo(0, 1500)")
    page.wait_for_function("() => window.scrollY > 1000")
    assert abs(page.locator(".md-header").bounding_box()["y"]) < 1, "the header no longer stays on top"
    page.locator("#hp-elder-toggle").click()
    assert page.evaluate("() => document.documentElement.getAttribute('data-hp-elder')") == "on"
    assert page.evaluate(HTML_FILTER) == GREY, "the elder mode took the grey away"


@pytest.mark.parametrize("aids", [(), ("#hp-contrast-toggle",), ("#hp-elder-toggle",)],
                         ids=["normal", "contrast", "elder"])
def test_axe_finds_nothing_serious_on_the_grey_home_page(open_on, aids):
    page = open_on("day", "/", "phone", bypass_csp=True)  # axe is injected as an inline script
    for toggle in aids:
        page.locator(toggle).click()
        expect(page.locator(toggle)).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(HTML_FILTER) == GREY
    serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not serious, describe_violations(serious)
