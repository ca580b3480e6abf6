"""Where a project's files are: every path healthpress derives from its config file, made absolute.

MkDocs keeps the config file's path the way it was opened: `mkdocs build -f other.yml` hands it an open
file named `other.yml`, so `config_file_path` and the theme's `custom_dir` joined to it stay relative to
the working folder, while `docs_dir` and `site_dir` are absolute. healthpress takes every such path from
here, absolute the way MkDocs makes its own (`os.path.abspath`: no symbolic link followed), so that a
relative path and an absolute one never meet (`relative_to`, `relpath`, cache keys).
"""

from __future__ import annotations

import os
from pathlib import Path


def absolute(path: str | os.PathLike) -> Path:
    """`path` made absolute against the working folder, as MkDocs makes docs_dir and site_dir."""
    return Path(os.path.abspath(path))


def config_file_of(config) -> Path | None:
    """The config file MkDocs read (None when it was read from standard input)."""
    return absolute(config.config_file_path) if config.config_file_path else None


def project_dir_of(config) -> Path:
    """The project folder: the config file's folder (the working folder when there is no file)."""
    config_file = config_file_of(config)
    return config_file.parent if config_file is not None else absolute(".")


def project_dir_for(config_file: str | os.PathLike) -> Path:
    """The project folder of the config file named on the command line (`-f`), before MkDocs reads it."""
    return absolute(config_file).parent


def theme_dirs_of(config) -> list[Path]:
    """The theme's template folders, in MkDocs' search order."""
    return [absolute(folder) for folder in config.theme.dirs]


PACKAGE_DIR = Path(__file__).parents[1]
"""healthpress' own package: its templates change only with its code."""


def own_theme_dirs(config) -> list[Path]:
    """The theme folders the project itself holds (theme/, the `custom_dir`), in MkDocs' search order: not
    those inside installed packages (material, healthpress), which change only with their versions."""
    return [folder for folder in theme_dirs_of(config) if not _is_installed(folder)]


def _is_installed(folder: Path) -> bool:
    resolved = folder.resolve()
    return "site-packages" in resolved.parts or resolved.is_relative_to(PACKAGE_DIR.resolve())
