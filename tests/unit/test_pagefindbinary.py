"""Which Pagefind a build runs: a 1.6 wherever the machine has one, and never an older one silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthpress.model.findings import Level
from healthpress.search import pagefindbinary
from healthpress.search.pagefindbinary import NPM_CACHE, choose_pagefind


def fake_pagefind(path: Path, version: str) -> Path:
    """A program that answers `--version` as Pagefind `version` does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho 'pagefind {version}'\n", encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def machine(tmp_path, monkeypatch):
    """A machine with nothing on PATH, no PAGEFIND_BINARY_PATH and PyPI's Pagefind 1.5.2 (a stand-in)."""
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    (tmp_path / "bin").mkdir()
    pypi = fake_pagefind(tmp_path / "pypi" / "pagefind_extended", "1.5.2")

    class FromPyPI:
        @staticmethod
        def get_executable():
            return pypi

    monkeypatch.setitem(__import__("sys").modules, "pagefind_bin_extended", FromPyPI)
    monkeypatch.setitem(__import__("sys").modules, "pagefind_bin", None)
    project = tmp_path / "project"
    project.mkdir()
    return project


def npm_cache_program(project: Path) -> Path:
    return project / NPM_CACHE / "node_modules" / "@pagefind" / pagefindbinary._npm_platform() / "bin" / "pagefind_extended"


def test_only_pypis_older_pagefind_is_used_with_a_warning_that_says_how_to_get_1_6(machine):
    choice = choose_pagefind(machine)
    assert choice.pagefind.version == (1, 5, 2)
    [finding] = choice.findings
    assert finding.level is Level.WARNING and finding.code == "pagefind-old" and finding.field == "pagefind_binary"
    assert "1.5.2" in finding.message and "1.6.0" in finding.message and "中文" in finding.message
    assert "./scripts/build" in finding.fix and "pagefind_binary" in finding.fix


def test_the_1_6_in_the_projects_cache_wins_over_pypis_1_5(machine):
    program = fake_pagefind(npm_cache_program(machine), "1.6.0")
    choice = choose_pagefind(machine)
    assert choice.pagefind.path == program and choice.findings == ()


def test_a_1_6_on_path_wins_over_pypis_1_5(machine, tmp_path):
    program = fake_pagefind(tmp_path / "bin" / "pagefind", "1.6.1")
    assert choose_pagefind(machine).pagefind.path == program


def test_an_older_one_first_in_the_order_does_not_hide_a_newer_one(machine, tmp_path):
    fake_pagefind(npm_cache_program(machine), "1.4.0")
    newer = fake_pagefind(tmp_path / "bin" / "pagefind_extended", "1.6.0")
    assert choose_pagefind(machine).pagefind.path == newer


def test_the_setting_in_mkdocs_yml_is_used_relative_to_the_project_and_judged(machine):
    fake_pagefind(machine / "tools" / "pagefind", "1.5.0")
    choice = choose_pagefind(machine, "tools/pagefind")
    assert choice.pagefind.path == machine / "tools" / "pagefind"
    assert [f.code for f in choice.findings] == ["pagefind-old"]


def test_a_setting_naming_no_program_is_an_error_that_names_it(machine):
    choice = choose_pagefind(machine, "tools/missing")
    [finding] = choice.findings
    assert finding.level is Level.ERROR and "tools/missing" in finding.message
    with pytest.raises(FileNotFoundError, match="tools/missing"):
        choice.path()


def test_the_environment_variable_is_the_maintainers_choice(machine, tmp_path, monkeypatch):
    fake_pagefind(npm_cache_program(machine), "1.6.0")
    chosen = fake_pagefind(tmp_path / "elsewhere" / "pagefind", "1.6.2")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(chosen))
    assert choose_pagefind(machine).pagefind.path == chosen


def test_no_pagefind_anywhere_is_an_error_in_chinese(machine, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "pagefind_bin_extended", None)
    choice = choose_pagefind(machine)
    assert choice.pagefind is None and choice.findings[0].level is Level.ERROR
    assert "没有找到 Pagefind" in choice.findings[0].message
    with pytest.raises(FileNotFoundError):
        choice.path()


def test_a_program_that_will_not_tell_its_version_is_not_taken_as_new_enough(machine, tmp_path):
    silent = tmp_path / "bin" / "pagefind"
    silent.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    silent.chmod(0o755)
    choice = choose_pagefind(machine)
    assert choice.pagefind.version == (1, 5, 2), "the one that says 1.5.2 beats one that says nothing"
