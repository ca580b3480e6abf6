"""Fixtures that write tiny bureau sites into a temporary folder and build them for real.

The plain helpers they use (`article`, `SiteFolder`, `BuiltSite`) are in helpers.py.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from helpers import EXAMPLE_DAY, BuiltSite, SiteFolder

CLI = ("-m", "healthpress.cli")
EXAMPLE_PROJECT = ("mkdocs.yml", "content", "columns", "theme", "data")
"""What the example site in the repository is made of."""


@pytest.fixture
def site(tmp_path: Path) -> SiteFolder:
    """An empty project with two columns, ready for articles."""
    folder = SiteFolder(tmp_path)
    folder.column("news", "要闻", order=1, page_size=3)
    folder.column("health-weekly", "健康周刊", kind="periodical", order=2)
    return folder


@pytest.fixture
def build_errors(caplog):
    """The error lines logged while a build fails."""
    def read() -> list[str]:
        return [r.getMessage().removeprefix("healthpress: ") for r in caplog.records if r.levelno >= logging.ERROR]
    return read


@pytest.fixture(scope="session")
def run_cli() -> Callable[..., subprocess.CompletedProcess]:
    """`run_cli(site, "check", ...)`: the command line in the project's folder, as an editor runs it.

    The project (mkdocs.yml, content/) is written first. `program` runs another module instead, as
    ("-m", "mkdocs"); `env` adds environment variables, `unset` names some to leave out; `cwd` runs it in
    another folder (as the project's parent). Output is captured as text.
    """
    def run(site: SiteFolder, *args: str, program: tuple[str, ...] = CLI,
            env: dict[str, str] | None = None, unset: tuple[str, ...] = (),
            cwd: Path | None = None) -> subprocess.CompletedProcess:
        site.write_project()
        environment = {name: value for name, value in os.environ.items() if name not in unset}
        return subprocess.run([sys.executable, *program, *args], cwd=cwd or site.root, capture_output=True, text=True,
                              timeout=120, env={**environment, "NO_COLOR": "1", **(env or {})})
    return run


@pytest.fixture
def editor_env(tmp_path: Path) -> dict[str, str]:
    """Environment variables giving `run_cli` an editor of the test's own: an empty settings folder
    (XDG_CONFIG_HOME, for config/healthpress/editor.yml) and a git without any user name."""
    (tmp_path / "config").mkdir()
    (tmp_path / "gitconfig").write_text("", encoding="utf-8")
    return {"XDG_CONFIG_HOME": str(tmp_path / "config"), "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CEILING_DIRECTORIES": str(tmp_path)}


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository: its example site (content/, columns/, data/) and mkdocs.yml."""
    return Path(__file__).resolve().parents[1]


@pytest.fixture
def example_copy(repo_root: Path, tmp_path: Path) -> Path:
    """A copy of the repository's example site to change, not built; returns its folder."""
    for name in EXAMPLE_PROJECT:
        source = repo_root / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    return tmp_path


@pytest.fixture
def check_and_build(caplog) -> Callable[[Path], tuple[list[dict], list]]:
    """`check_and_build(project)`: the findings of `healthpress check --format json` (as JSON) and those a
    build of the same project reports (Finding objects, from its log records), each in one run."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from healthpress.engine.log import FINDING

    def run(project: Path) -> tuple[list[dict], list]:
        pinned = {"SOURCE_DATE_EPOCH": EXAMPLE_DAY}  # the same day for both, never the real calendar
        checked = subprocess.run([sys.executable, *CLI, "check", "--format", "json"], cwd=project,
                                 capture_output=True, text=True, timeout=300,
                                 env={**os.environ, "NO_COLOR": "1", **pinned})
        assert "Traceback" not in checked.stderr, checked.stderr
        caplog.clear()
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", EXAMPLE_DAY)
            try:
                build(load_config(str(project / "mkdocs.yml")))
            except Abort:
                pass
        built = [getattr(r, FINDING) for r in caplog.records if hasattr(r, FINDING)]
        return json.loads(checked.stdout), built
    return run


@pytest.fixture(scope="session")
def example_site(repo_root: Path, tmp_path_factory) -> BuiltSite:
    """The repository's example site, copied and built once for the session."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = tmp_path_factory.mktemp("example")
    for name in EXAMPLE_PROJECT:
        source = repo_root / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EXAMPLE_DAY)
        build(load_config(str(project / "mkdocs.yml")))
    return BuiltSite(project / "site")


@pytest.fixture
def git_site(site: SiteFolder, editor_env: dict[str, str]):
    """`site` as a git repository whose commits are made at chosen days: `git_site.commit("2026-03-11")`
    writes the project and commits every file at that day's noon (Asia/Shanghai) as author and committer;
    `git_site.git("mv", a, b)` runs any git command in it. Its `env` keeps the user's git settings out."""
    class GitSite:
        env = {**os.environ, **editor_env, "GIT_AUTHOR_NAME": "编辑", "GIT_AUTHOR_EMAIL": "editor@example.gov.cn",
               "GIT_COMMITTER_NAME": "编辑", "GIT_COMMITTER_EMAIL": "editor@example.gov.cn"}

        def git(self, *args: str, cwd: Path | None = None) -> str:
            done = subprocess.run(["git", *args], cwd=cwd or site.root, capture_output=True, text=True,
                                  env=self.env, timeout=60)
            assert done.returncode == 0, done.stderr
            return done.stdout

        def commit(self, day: str, message: str = "提交") -> None:
            site.write_project()
            self.git("add", "--all")
            moment = f"{day}T12:00:00+08:00"
            self.env = {**self.env, "GIT_AUTHOR_DATE": moment, "GIT_COMMITTER_DATE": moment}
            self.git("commit", "--quiet", "--allow-empty", "-m", message)

    repo = GitSite()
    repo.git("init", "--quiet", "--initial-branch=main")
    (site.root / ".gitignore").write_text(".cache/\nsite/\n", encoding="utf-8")
    return repo
