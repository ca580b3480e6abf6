"""Compiled theme templates kept between builds (Jinja's own bytecode cache), outside site/.

Compiling material's templates and healthpress' costs every build about a quarter of a second.
Jinja checks each cached template against the checksum of its source and against its own and
Python's versions; what it does not check, the environment's options and the versions of the
libraries whose templates these are, names the folder (one folder per combination, the others deleted).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import jinja2

from healthpress.build.fingerprint import code_digest

FOLDER = "templates"


def install(env: jinja2.Environment, cache_root: Path) -> None:
    """Give `env` a bytecode cache under `cache_root`, before it loads any template."""
    folder = cache_root / FOLDER / _environment_digest(env)
    if not folder.is_dir():
        shutil.rmtree(cache_root / FOLDER, ignore_errors=True)
        folder.mkdir(parents=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


def _environment_digest(env: jinja2.Environment) -> str:
    options = (sorted(env.extensions), getattr(env.autoescape, "__qualname__", env.autoescape), env.block_start_string,
               env.block_end_string, env.variable_start_string, env.variable_end_string, env.comment_start_string,
               env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
               env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized)
    return hashlib.blake2b(f"{code_digest()}{options!r}".encode(), digest_size=12).hexdigest()
