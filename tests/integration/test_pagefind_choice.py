"""A project installed with pip alone (PyPI's Pagefind 1.5.2) is told so by build and check; the 1.6
that ./scripts/build puts in the project's cache is found without any setting."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import article
from healthpress.search.pagefindbinary import NPM_CACHE, _npm_platform


@pytest.fixture
def pagefind_1_6() -> Path:
    """The Pagefind 1.6 the test run uses (./scripts/test installs it from npm)."""
    path = os.environ.get("PAGEFIND_BINARY_PATH")
    if not path:
        pytest.fail("PAGEFIND_BINARY_PATH is not set: run the tests with ./scripts/test (it installs Pagefind 1.6)")
    return Path(path)


@pytest.fixture
def searchable_site(site, tmp_path):
    site.config["plugins"] = [{"healthpress": {"search_index": True}}]
    site.write("news/a.md", article("预防流感", "2013-05-01", tags=["医改"]))
    return site


ONLY_PYPI = {"PATH": os.path.dirname(os.__file__) + os.pathsep + "/usr/bin:/bin"}
"""No Pagefind on PATH: the machine has only what `pip install` brought (PyPI's 1.5.2)."""


def test_a_build_with_only_pypis_pagefind_says_so_and_how_to_get_1_6(searchable_site, run_cli):
    result = run_cli(searchable_site, "build", env=ONLY_PYPI, unset=("PAGEFIND_BINARY_PATH",))
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "Pagefind 1.5.2" in output and "低于 1.6.0" in output and "./scripts/build" in output


def test_strict_mode_refuses_the_older_pagefind(searchable_site, run_cli):
    result = run_cli(searchable_site, "build", "--strict", env=ONLY_PYPI, unset=("PAGEFIND_BINARY_PATH",))
    assert result.returncode == 1 and "Pagefind 1.5.2" in result.stdout + result.stderr


def test_check_says_so_too(searchable_site, run_cli):
    result = run_cli(searchable_site, "check", env=ONLY_PYPI, unset=("PAGEFIND_BINARY_PATH",))
    assert "Pagefind 1.5.2" in result.stdout and "pagefind_binary" in result.stdout


def test_the_1_6_in_the_projects_cache_is_found_without_a_setting(searchable_site, run_cli, pagefind_1_6):
    program = searchable_site.root / NPM_CACHE / "node_modules" / "@pagefind" / _npm_platform() / "bin"
    program.mkdir(parents=True)
    shutil.copy2(pagefind_1_6, program / "pagefind_extended")
    result = run_cli(searchable_site, "build", env=ONLY_PYPI, unset=("PAGEFIND_BINARY_PATH",))
    assert result.returncode == 0, result.stderr
    assert "Pagefind" not in result.stdout.replace("Pagefind 1.6.0", "") + result.stderr.replace("Pagefind 1.6.0", "")
    manifest = (searchable_site.root / "site" / "pagefind" / "shards.json").read_text(encoding="utf-8")
    assert '"pagefind_version": "1.6.0"' in manifest


def test_a_configured_program_that_is_missing_stops_the_build_and_names_it(searchable_site, run_cli):
    searchable_site.config["plugins"] = [{"healthpress": {"search_index": True, "pagefind_binary": "tools/pagefind"}}]
    result = run_cli(searchable_site, "build")
    assert result.returncode == 1
    assert "tools/pagefind" in result.stderr and "pagefind_binary" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("dies_by, said", [("exit 3", "出错退出（代码 3）"), ("kill -KILL $$", "被终止（信号 9")])
def test_pagefind_failing_on_a_shard_is_a_chinese_error_and_the_site_stays(searchable_site, run_cli, dies_by, said):
    program = searchable_site.root / "tools" / "pagefind"
    program.parent.mkdir()
    program.write_text('#!/bin/sh\n[ "$1" = --version ] && { echo "pagefind 1.6.0"; exit 0; }\n'
                       f'echo "Pagefind 在这里说了些什么"\n{dies_by}\n', encoding="utf-8")
    program.chmod(0o755)
    searchable_site.config["plugins"] = [{"healthpress": {"search_index": True, "pagefind_binary": "tools/pagefind"}}]
    result = run_cli(searchable_site, "build")
    assert result.returncode == 1
    assert "搜索索引没有生成" in result.stderr and said in result.stderr and "healthpress build" in result.stderr
    assert "RuntimeError" not in result.stderr and "Traceback" not in result.stderr
    assert not (searchable_site.root / "site").exists(), "nothing published"
