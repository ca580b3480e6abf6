"""The recycled staging folder: adopted whole, swept of what the build did not make, shared files unlinked."""

from __future__ import annotations

import os
from pathlib import Path

from healthpress.build.staging import adopt, recycle_dir_for, sweep, unshare
from healthpress.storage.snapshot import list_files


def _write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_kept_output_sits_beside_the_site():
    assert recycle_dir_for(Path("/p/site")) == Path("/p/.site.recycle")


def test_adopting_moves_the_kept_output_in_and_lists_its_files(tmp_path):
    kept, building = tmp_path / ".site.recycle", tmp_path / ".site.building"
    _write(kept, "a/index.html", "一")
    _write(kept, "b/c/index.html", "二")
    building.mkdir()  # MkDocs' cleaned, empty folder
    snapshot = adopt(kept, building)
    assert not kept.exists() and (building / "b" / "c" / "index.html").read_text(encoding="utf-8") == "二"
    assert set(snapshot) == {"a/index.html", "b/c/index.html"}


def test_nothing_is_adopted_when_there_is_nothing_kept_or_the_staging_folder_has_files(tmp_path):
    building = tmp_path / ".site.building"
    assert adopt(tmp_path / ".site.recycle", building) is None
    _write(tmp_path / ".site.recycle", "index.html", "旧")
    _write(building, "new.html", "新")
    assert adopt(tmp_path / ".site.recycle", building) is None
    assert (building / "new.html").is_file() and (tmp_path / ".site.recycle" / "index.html").is_file()


def test_the_sweep_deletes_only_what_was_neither_claimed_nor_written(tmp_path):
    for name in ("kept/index.html", "claimed/index.html", "rewritten.xml", "gone/deep/index.html", "gone/x.css"):
        _write(tmp_path, name, "旧")
    snapshot = list_files(tmp_path)
    _write(tmp_path, "rewritten.xml", "新的内容")
    (tmp_path / "kept" / "index.html").unlink()
    _write(tmp_path, "kept/index.html", "旧")  # same size, new file: written by this build
    _write(tmp_path, "fresh.html", "新")
    deleted = sweep(tmp_path, snapshot, claimed={"claimed/index.html"})
    assert deleted == 2
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "claimed", "claimed/index.html", "fresh.html", "kept", "kept/index.html", "rewritten.xml"]


def test_unshare_unlinks_hard_links_only(tmp_path):
    cached = _write(tmp_path, "cache/page.html", "缓存")
    linked = tmp_path / "site" / "index.html"
    linked.parent.mkdir()
    os.link(cached, linked)
    alone = _write(tmp_path, "site/alone.html", "独有")
    unshare([linked, alone, tmp_path / "site" / "missing.html"])
    assert not linked.exists() and alone.is_file() and cached.read_text(encoding="utf-8") == "缓存"
