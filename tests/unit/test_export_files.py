"""Files an editor names on the command line (storage/files.py write_export): written into a folder that
exists, over nothing but a regular file, never through a link."""

from __future__ import annotations

import os

import pytest

from healthpress.model.oswords import write_problem
from healthpress.storage.files import RefusedTarget, write_atomic, write_export


def test_a_regular_file_is_replaced_whole(tmp_path):
    target = tmp_path / "w.csv"
    target.write_bytes(b"old")
    write_export(target, b"new")
    assert target.read_bytes() == b"new" and sorted(p.name for p in tmp_path.iterdir()) == ["w.csv"]


@pytest.mark.parametrize("kind", ["link", "folder", "special", "no-folder", "parent-file"])
def test_a_link_a_folder_a_pipe_or_a_missing_folder_is_refused_and_nothing_is_touched(tmp_path, kind):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    project = tmp_path / "project"
    project.mkdir()
    target = project / "w.csv"
    if kind == "link":
        target.symlink_to(outside)
    elif kind == "folder":
        target.mkdir()
    elif kind == "special":
        os.mkfifo(target)
    elif kind == "parent-file":
        (project / "blocked").write_bytes(b"a file")
        target = project / "blocked" / "w.csv"
    else:
        target = project / "missing" / "w.csv"
    with pytest.raises(RefusedTarget) as refused:
        write_export(target, b"new")
    assert refused.value.kind == kind
    assert outside.read_bytes() == b"keep"
    assert os.path.lexists(target) == (kind not in ("no-folder", "parent-file"))
    assert not (kind == "link" and not target.is_symlink()), "the link stays a link"
    assert not [p for p in project.rglob("*.tmp")]
    said = write_problem("w.csv", refused.value)
    assert said.startswith("无法写入 w.csv：") and "Errno" not in said and "请" in said


def test_a_link_planted_at_the_temporary_files_name_is_not_written_through(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    project = tmp_path / "project"
    project.mkdir()
    target = project / "timings.json"
    (project / f".timings.json.{os.getpid()}.tmp").symlink_to(outside)
    write_atomic(target, b"{}")
    assert outside.read_bytes() == b"keep" and target.read_bytes() == b"{}" and not target.is_symlink()
