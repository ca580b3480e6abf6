"""The wheel ships healthpress and only healthpress: its modules, subpackages, templates and entry points,
and nothing of the benchmarks (benchmarks/ at the repository's root, run from there).

Builds the wheel with pip from a copy of the project (so no build/ or stale build/lib in the working
tree): a few seconds, and PyPI for the build's setuptools unless the virtualenv's own is new enough.
Marked `wheel`: left out of the default run, `./scripts/test -m wheel` runs it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "healthpress"
PROJECT_FILES = ("pyproject.toml", "README.md")
COPIED_TREES = ("src", "benchmarks")
"""benchmarks/ is copied too, so that the wheel shows the package finder leaving it out."""
GONE = re.compile(r"(^|/)(bench|benchcorpus|searchcompare|benchmarks)(\.py|/)")

pytestmark = pytest.mark.wheel


def _setuptools_required() -> tuple[int, ...]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'"setuptools>=([0-9.]+)"', text)
    return tuple(int(part) for part in found.group(1).split(".")) if found else (0,)


def _own_setuptools_will_do() -> bool:
    """Whether this virtualenv's setuptools meets build-system.requires (then no isolated build, no network)."""
    try:
        import setuptools
    except ImportError:
        return False
    version = tuple(int(part) for part in re.findall(r"\d+", setuptools.__version__)[:3])
    return version >= _setuptools_required()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    project = tmp_path_factory.mktemp("project")
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, project / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in COPIED_TREES:
        shutil.copytree(ROOT / name, project / name, ignore=ignore)
    out = tmp_path_factory.mktemp("wheel")
    argv = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q", "-w", str(out),
            str(project)]
    if _own_setuptools_will_do():
        argv.insert(4, "--no-build-isolation")
    done = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    wheels = sorted(out.glob("healthpress-*.whl"))
    assert len(wheels) == 1, wheels
    return zipfile.ZipFile(wheels[0])


def _names(wheel: zipfile.ZipFile) -> list[str]:
    return [name for name in wheel.namelist() if not name.endswith("/")]


def test_nothing_of_the_benchmarks_is_shipped(wheel):
    assert [name for name in _names(wheel) if GONE.search(name)] == []


def test_only_healthpress_and_its_metadata_at_the_top(wheel):
    tops = {name.split("/")[0] for name in _names(wheel)}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"healthpress"}


def test_every_module_and_subpackage_is_shipped(wheel):
    names = set(_names(wheel))
    assert {"healthpress/__init__.py", "healthpress/plugin.py", "healthpress/cli.py"} <= names
    on_disk = {"healthpress/" + path.relative_to(SRC).as_posix() for path in SRC.rglob("*.py")
               if "__pycache__" not in path.parts}
    assert on_disk - names == set()
    subpackages = {path.parent.relative_to(SRC).as_posix() for path in SRC.glob("*/__init__.py")}
    assert {"build", "bureau", "checks", "engine", "model", "render", "search", "storage"} <= subpackages
    assert all(f"healthpress/{package}/__init__.py" in names for package in subpackages)


def test_the_templates_are_shipped(wheel):
    names = set(_names(wheel))
    templates = {"healthpress/templates/" + path.relative_to(SRC / "templates").as_posix()
                 for path in (SRC / "templates").rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    assert templates and templates - names == set()
    assert "healthpress/templates/healthpress/article.html" in names


def test_the_entry_points(wheel):
    entry_points = next(name for name in _names(wheel) if name.endswith(".dist-info/entry_points.txt"))
    text = wheel.read(entry_points).decode("utf-8")
    assert "[mkdocs.plugins]\nhealthpress = healthpress.plugin:HealthpressPlugin" in text
    assert "[console_scripts]\nhealthpress = healthpress.cli:entry" in text
