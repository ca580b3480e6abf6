"""The architecture as a checked contract: layers as folders, imports downward only (import-linter, with the
contracts in pyproject.toml), the domain free of MkDocs, and a thin plugin."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "healthpress"
LAYERS = ("build", "engine", "checks", "render", "search", "bureau", "model", "storage")


def lint_imports(project: Path, package_parent: Path) -> subprocess.CompletedProcess:
    """import-linter run on `project`'s pyproject.toml, importing healthpress from `package_parent`."""
    program = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(program), "--config", str(project / "pyproject.toml"), "--no-cache"],
                          cwd=project, capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(package_parent)})


def test_the_layer_contracts_hold():
    result = lint_imports(ROOT, ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


BAD_IMPORTS = [
    ("model/findings.py", "import healthpress.build.pipeline", "healthpress.model is not allowed to import healthpress.build"),
    ("render/views.py", "import mkdocs.utils", "healthpress.render is not allowed to import mkdocs"),
    ("bureau/letters.py", "from healthpress.checks import compliance",
     "healthpress.bureau is not allowed to import healthpress.checks"),
]
"""An import upward, MkDocs in the domain, and one across to a higher sibling layer."""


def test_an_import_against_the_layers_fails_and_is_named(tmp_path):
    """The contracts are not vacuous: a copy of the package with bad imports breaks them, each by name."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    copy = tmp_path / "src" / "healthpress"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "templates"))
    for module, line, _ in BAD_IMPORTS:
        target = copy / module
        target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    result = lint_imports(tmp_path, tmp_path / "src")
    assert result.returncode != 0
    for module, _, named in BAD_IMPORTS:
        assert named in result.stdout
        assert "healthpress." + module.removesuffix(".py").replace("/", ".") in result.stdout


def test_the_top_folder_holds_only_the_plugin_the_cli_and_the_layers():
    modules = {path.name for path in PACKAGE.glob("*.py")}
    assert modules == {"__init__.py", "plugin.py", "cli.py", "cliwords.py"}  # cliwords: argparse's words in Chinese
    folders = {path.name for path in PACKAGE.iterdir() if path.is_dir() and path.name != "__pycache__"}
    assert folders == {*LAYERS, "templates"}


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_says_what_lives_there_and_what_it_may_import(layer):
    doc = (PACKAGE / layer / "__init__.py").read_text(encoding="utf-8")
    assert doc.startswith('"""') and "May import" in doc


def test_the_plugin_is_a_thin_adapter():
    lines = (PACKAGE / "plugin.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150
    assert not any('"serve"' in line or "command ==" in line for line in lines)
