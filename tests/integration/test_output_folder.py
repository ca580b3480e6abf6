"""The output folder: the kept previous output is verified before it is reused, and a symbolic link
in place of the site is refused."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from healthpress.build import staging
from helpers import SiteFolder
from tests.integration.test_page_cache import build, busy_site, reference, tree  # noqa: F401

DISCARDED = "与记录不符"


def entries(root: Path) -> dict[str, object]:
    """Every file (its bytes) and folder (None) below `root`, links not followed."""
    found: dict[str, object] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            found[os.path.relpath(os.path.join(folder, name), root)] = None
        for name in files:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, root)] = Path(path).read_bytes()
    return found


def reference_entries(site: SiteFolder, tmp_path: Path, capfd) -> dict[str, object]:
    reference(site, tmp_path, capfd)
    return entries(tmp_path / "reference" / "site")


def _feed_made_a_folder(recycle: Path) -> None:
    (recycle / "feed.xml").unlink()
    (recycle / "feed.xml").mkdir()


def _article_page_made_a_folder(recycle: Path) -> None:
    page = recycle / "news" / "2014" / "03" / "a002" / "index.html"
    page.unlink()
    page.mkdir()


def _empty_folders_added(recycle: Path) -> None:
    (recycle / "evil").mkdir()
    (recycle / "press" / "2099").mkdir(parents=True)


@pytest.mark.parametrize("tamper", [_feed_made_a_folder, _article_page_made_a_folder, _empty_folders_added])
def test_a_tampered_kept_output_is_not_reused_and_the_site_is_the_clean_build(busy_site, capfd, tmp_path, tamper,
                                                                              caplog):
    caplog.set_level(logging.INFO)
    build(busy_site, capfd)
    build(busy_site, capfd)
    assert DISCARDED not in caplog.text, "an untouched kept output is reused"
    recycle = busy_site.root / ".site.recycle"
    assert recycle.is_dir()
    tamper(recycle)
    expected = reference_entries(busy_site, tmp_path, capfd)
    for round in range(3):
        caplog.clear()
        build(busy_site, capfd)
        assert (DISCARDED in caplog.text) == (round == 0), caplog.text
        assert entries(busy_site.root / "site") == expected, round


def test_empty_folders_a_failed_build_left_are_never_published(busy_site, capfd, tmp_path, caplog):
    """A failed build's staging folder is kept (recorded as it is): the folders it made and left empty
    are not the next build's, and are removed by its sweep."""
    caplog.set_level(logging.INFO)
    build(busy_site, capfd)
    build(busy_site, capfd)
    recycle = busy_site.root / ".site.recycle"
    (recycle / "news" / "2099" / "01").mkdir(parents=True)
    (recycle / "half-written").mkdir()
    staging.record(recycle, staging.manifest_for(recycle))  # as Build.abort records its staging folder
    expected = reference_entries(busy_site, tmp_path, capfd)
    for _ in range(2):
        caplog.clear()
        build(busy_site, capfd)
        assert DISCARDED not in caplog.text
        assert entries(busy_site.root / "site") == expected


def test_a_site_folder_that_is_a_symbolic_link_is_refused_and_left_alone(busy_site, capfd, tmp_path, caplog):
    target = tmp_path / "www"
    target.mkdir()
    (target / "old.html").write_text("旧", encoding="utf-8")
    (busy_site.root / "site").symlink_to(target)
    with pytest.raises(Exception) as failure:
        build(busy_site, capfd)
    message = str(failure.value) + caplog.text
    assert "符号链接" in message and "site_dir" in message and str(target) in message
    assert (busy_site.root / "site").is_symlink() and os.readlink(busy_site.root / "site") == str(target)
    assert entries(target) == {"old.html": "旧".encode()}
    assert not (busy_site.root / ".site.building").exists()


def _interrupt_in_the_swap(monkeypatch, *, after: bool) -> None:
    """Ctrl-C during the swap, delivered where signals_deferred lets it through: at the end of the block
    (after the renames), or, for comparison, before the block starts."""
    from contextlib import contextmanager

    from healthpress.build import publish

    @contextmanager
    def interrupted():
        if not after:
            raise KeyboardInterrupt
        yield
        raise KeyboardInterrupt

    monkeypatch.setattr(publish, "signals_deferred", interrupted)


@pytest.mark.parametrize("after", [True, False], ids=["after-the-renames", "before-the-renames"])
def test_ctrl_c_in_the_swap_says_whether_the_site_was_published(site, monkeypatch, capsys, after):
    from healthpress import cli

    site.write_project()
    monkeypatch.chdir(site.root)
    assert cli.main(["build"]) == 0
    before = os.stat(site.root / "site").st_ino
    site.write("news/new.md", "---\ntitle: 新文章\ndate: 2014-03-03\n---\n新的正文。\n")
    capsys.readouterr()
    _interrupt_in_the_swap(monkeypatch, after=after)
    assert cli.main(["build"]) == 130
    err = capsys.readouterr().err
    swapped = os.stat(site.root / "site").st_ino != before
    assert swapped == after
    if after:
        assert "已经发布" in err and "没有更新" not in err, err
    else:
        assert "网站没有更新，原来的网站保持不变" in err, err
    assert not (site.root / ".site.building").exists()
