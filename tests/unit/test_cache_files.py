"""Cache files (storage/files.py): JSON behind its digest, read back only whole; a reused file's bytes
checked against the digest recorded when it was written."""

from __future__ import annotations

import pytest

from healthpress.storage import secret
from healthpress.storage.files import WRONG, Damaged, digest, read_json, verified_inode, write_json


@pytest.fixture(autouse=True)
def ci_secret(monkeypatch):
    """The cache secret from the environment: no file in the user's data folder."""
    monkeypatch.setenv(secret.ENVIRONMENT_VARIABLE, "test")
    monkeypatch.setattr(secret, "_known", {})


def test_json_comes_back_whole_or_not_at_all(tmp_path):
    path = tmp_path / "a.json"
    assert read_json(path) is None
    value = {"页面": ["摘要", 3, None, True], "\ud800": "lone surrogate"}
    write_json(path, value)
    assert read_json(path) == value
    data = path.read_bytes()
    for spoiled in (data[:-3], data[: len(data) // 2], b"", b"\x80\x04K\x01.", data.replace(b"3", b"4"),
                    data.split(b"\n", 1)[1]):
        path.write_bytes(spoiled)
        with pytest.raises(Damaged):
            read_json(path)


def test_a_file_is_verified_by_its_bytes_and_named_by_the_file_read(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b"<p>\xe6\xad\xa3\xe6\x96\x87</p>")
    expected = digest(path.read_bytes())
    stat = path.stat()
    assert verified_inode(str(path), expected) == (stat.st_dev, stat.st_ino)
    with path.open("ab") as page:
        page.write(b"<script></script>")
    assert verified_inode(str(path), expected) == WRONG
    path.write_bytes(b"")
    assert verified_inode(str(path), expected) == WRONG
    assert verified_inode(str(tmp_path / "gone.html"), expected) is None


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    """A full disk half-way through a write: the reader still sees the old bytes, and nothing is left over."""
    import errno
    import os

    from healthpress.storage.files import write_atomic

    target = tmp_path / "pages.json"
    write_atomic(target, b"old")
    real_write = os.write

    def full(descriptor, data):
        real_write(descriptor, bytes(data[:1]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OSError):
        write_atomic(target, b"new bytes")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages.json"]
