"""Cache files are keyed with the cache secret (storage/secret.py), and nothing in a cache is followed
or waited on (storage/files.py): links, FIFOs and folders in a cache file's place are removed."""

from __future__ import annotations

import hashlib
import os

import pytest

from healthpress.storage import secret
from healthpress.storage.files import (WRONG, Damaged, NotRegular, digest, read_json, verified_inode,
                                       write_cache_file, write_json)


@pytest.fixture(autouse=True)
def ci_secret(monkeypatch):
    monkeypatch.setenv(secret.ENVIRONMENT_VARIABLE, "甲")
    monkeypatch.setattr(secret, "_known", {})


def test_the_environment_secret_comes_first_and_keys_every_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "a.json"
    write_json(path, {"页面": 1})
    assert read_json(path) == {"页面": 1}
    assert not (tmp_path / "data").exists(), "the variable is used, no per-user file made"
    monkeypatch.setenv(secret.ENVIRONMENT_VARIABLE, "乙")
    with pytest.raises(Damaged):
        read_json(path)
    monkeypatch.delenv(secret.ENVIRONMENT_VARIABLE)
    with pytest.raises(Damaged):  # the user's own secret: another one again
        read_json(path)


def test_an_unkeyed_digest_is_refused(tmp_path):
    path = tmp_path / "a.json"
    write_json(path, {"status": "draft"})
    head, _, body = path.read_bytes().partition(b"\n")
    body = body.replace(b"draft", b"published")
    prefix = head.rsplit(b" ", 1)[0] + b" "
    for forged in (hashlib.sha256(body).hexdigest()[:32], hashlib.sha256(body).hexdigest()):
        path.write_bytes(prefix + forged.encode() + b"\n" + body)
        with pytest.raises(Damaged):
            read_json(path)


def test_no_secret_no_cache_file(tmp_path, monkeypatch):
    monkeypatch.delenv(secret.ENVIRONMENT_VARIABLE)
    monkeypatch.setattr(secret, "user_secret", lambda: None)
    path = tmp_path / "a.json"
    write_json(path, [1])
    assert not path.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_or_folder_or_link_is_removed_never_read_or_followed(tmp_path):
    outside = tmp_path / "outside.json"
    write_json(outside, [1])
    kept = outside.read_bytes()
    for make in (os.mkfifo, lambda p: (p / "inner").mkdir(parents=True), lambda p: p.symlink_to(outside)):
        path = tmp_path / "cache.json"
        make(path)
        with pytest.raises(NotRegular):
            read_json(path)
        assert not os.path.lexists(path)
        make(path)
        assert verified_inode(str(path), digest(kept)) == WRONG
        assert not os.path.lexists(path)
    assert outside.read_bytes() == kept, "the link's target is left alone"


def test_a_write_replaces_a_folder_or_link_and_never_writes_through_one(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.html").write_bytes(b"theirs")
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "page.html" / "inner").mkdir(parents=True)
    write_cache_file(folder / "page.html", b"ours")
    assert (folder / "page.html").read_bytes() == b"ours"
    (folder / "x.html").symlink_to(outside / "x.html")
    write_cache_file(folder / "x.html", b"ours")
    assert (outside / "x.html").read_bytes() == b"theirs" and not (folder / "x.html").is_symlink()
    linked = tmp_path / "linked"
    linked.symlink_to(outside, target_is_directory=True)
    write_cache_file(linked / "x.html", b"ours")
    assert (outside / "x.html").read_bytes() == b"theirs" and not linked.is_symlink()
    (folder / f".y.html.{os.getpid()}.tmp").symlink_to(outside / "x.html")
    write_cache_file(folder / "y.html", b"ours")
    assert (outside / "x.html").read_bytes() == b"theirs"
