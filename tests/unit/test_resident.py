"""What serve keeps in memory: read once, written only when it stops; a build writes at once."""

from __future__ import annotations

import pytest

from healthpress.storage import resident


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(resident, "_values", {})
    monkeypatch.setattr(resident, "_writers", {})
    monkeypatch.setattr(resident, "_placed", {})
    monkeypatch.setattr(resident, "_enabled", False)
    return resident


def test_a_build_reads_and_writes_every_time(fresh, tmp_path):
    reads, writes = [], []
    assert fresh.load(tmp_path / "a", lambda: reads.append(1) or "值") == "值"
    fresh.load(tmp_path / "a", lambda: reads.append(1) or "值")
    fresh.store(tmp_path / "a", "新值", lambda: writes.append("新值"))
    assert len(reads) == 2 and writes == ["新值"] and fresh.placed(tmp_path) == {}


def test_serve_reads_once_keeps_the_last_value_and_writes_it_when_flushed(fresh, tmp_path):
    fresh.enable()
    reads, writes = [], []
    assert fresh.load(tmp_path / "a", lambda: reads.append(1) or "旧值") == "旧值"
    fresh.store(tmp_path / "a", "第二版", lambda: writes.append("第二版"))
    fresh.store(tmp_path / "a", "第三版", lambda: writes.append("第三版"))
    assert fresh.load(tmp_path / "a", lambda: reads.append(1) or "旧值") == "第三版"
    assert reads == [1] and writes == []
    fresh.flush()
    assert writes == ["第三版"]
    fresh.flush()
    assert writes == ["第三版"]
    fresh.placed(tmp_path)["index.html"] = ((1, 2), 0, 0)
    assert fresh.placed(tmp_path) == {"index.html": ((1, 2), 0, 0)}
