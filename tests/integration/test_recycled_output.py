"""A build starts from the output the previous build replaced (staging.py): always exactly the clean build,
and never a write into the site readers have."""

from __future__ import annotations

from helpers import SiteFolder, article
from tests.integration.test_page_cache import (_change_article, _change_template, build, busy_site, reference,  # noqa: F401
                                               reused, tree)


def _edit_article(site: SiteFolder) -> str:
    _change_article(site)
    return "news/2014/03/a002/index.html"


def _edit_template(site: SiteFolder) -> str:
    _change_template(site)
    return "news/index.html"


def _delete_article(site: SiteFolder) -> str:
    (site.root / "content" / "news" / "a008.md").unlink()  # nothing links to it
    return "news/2014/09/a008/index.html"


def _drop_image(site: SiteFolder) -> str:
    site.write("news/a001.md", article("文章001", "2014-02-02", "图片已撤下。"))
    (site.root / "content" / "news" / "pic.png").unlink()
    return "news/pic.png"


def _nothing(site: SiteFolder) -> None:
    """Two builds of one project: the kept output and the published one share their cached pages' files."""


def _home_page_of_its_own(site: SiteFolder) -> str:
    """The home page was healthpress' (a cached page's link); now MkDocs writes it, in place."""
    site.write("index.md", "# 首页\n\n欢迎访问。\n")
    return "index.html"


def _retitle_article(site: SiteFolder) -> str:
    site.write("news/a004.md", article("文章004（再版）", "2014-05-05", "第三版的正文。", tags=["防疫"]))
    return "news/2014/05/a004/index.html"


CHANGES = (_edit_article, _delete_article, _drop_image, _edit_template, _nothing, _home_page_of_its_own, _retitle_article)


def test_every_build_from_the_previous_output_is_the_clean_build_and_leaves_the_published_site_alone(
        busy_site, capfd, tmp_path):
    build(busy_site, capfd)
    build(busy_site, capfd)
    recycle = busy_site.root / ".site.recycle"
    assert recycle.is_dir(), "the output the second build replaced is kept for the third"
    for change in CHANGES:
        published = tree(busy_site.root / "site")
        path = change(busy_site)
        after, log = build(busy_site, capfd)
        assert after == reference(busy_site, tmp_path, capfd), change.__name__
        assert tree(recycle) == published, f"{change.__name__}: the replaced site was written into"
        if change in (_delete_article, _drop_image):
            assert path not in after and path in published
        elif path is not None:
            assert after[path] != published.get(path)
    assert not (busy_site.root / ".site.building").exists()


def test_a_failed_build_keeps_the_site_and_the_next_build_starts_from_what_it_left(busy_site, capfd, tmp_path):
    build(busy_site, capfd)
    build(busy_site, capfd)
    published = tree(busy_site.root / "site")
    busy_site.write("news/a005.md", article("文章005", "2014-06-06", "[坏链接](nowhere.md)"))
    try:
        build(busy_site, capfd)
    except Exception:
        pass
    assert tree(busy_site.root / "site") == published
    assert not (busy_site.root / ".site.building").exists()
    busy_site.write("news/a005.md", article("文章005", "2014-06-06", "链接已改正。"))
    after, log = build(busy_site, capfd)
    assert after == reference(busy_site, tmp_path, capfd)
    assert reused(log) > 0


def test_without_the_page_cache_the_replaced_output_is_not_kept(busy_site, capfd):
    for _ in range(3):
        build(busy_site, capfd, cache=False)
    assert not (busy_site.root / ".site.recycle").exists()
