"""MkDocs' settings, read with every problem of mkdocs.yml said in one run.

MkDocs stops validating mkdocs.yml at the first invalid setting (the settings after it are never looked
at) and drops the warnings of a plugin whose options have an error (an unknown option beside a wrong
type). When MkDocs stops so, every setting is validated again here, each on its own, and every problem
MkDocs did not say is logged the way MkDocs logs its own ("Config value 'KEY': ..."), so that the
console, the check and serve turn them into findings (configwords.py) like the rest.
"""

from __future__ import annotations

import logging
import os
from typing import Any


def load_settings(config_file: str, **options: Any):
    """MkDocs' `load_config(config_file, **options)`; when it stops on an invalid setting, the problems it
    did not say are logged before its Abort is raised again."""
    from mkdocs.config import base, load_config
    from mkdocs.exceptions import Abort

    said = _Said()
    base.log.addHandler(said)
    try:
        return load_config(config_file, **options)
    except Abort as stop:
        if "configuration error" not in str(stop):
            raise
        base.log.removeHandler(said)
        errors, warnings = _every_problem(config_file, options)
        for key, warning in warnings:
            if f"Config value '{key}': {warning}" not in said.lines:
                base.log.warning(f"Config value '{key}': {warning}")
        for key, error in errors:  # MkDocs said one error (a path in it made absolute its own way): by its key
            if not any(line.startswith(f"Config value '{key}': ") for line in said.errors):
                base.log.error(f"Config value '{key}': {error}")
        raise
    finally:
        base.log.removeHandler(said)


def _every_problem(config_file: str, options: dict) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(errors, warnings) of every setting, each validated on its own: a setting that fails takes its
    default, so that the settings after it are validated as MkDocs would."""
    from mkdocs import utils
    from mkdocs.config.base import ValidationError, get_schema
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig(config_file_path=os.path.abspath(config_file))
    try:
        with open(config_file, "rb") as text:
            config.load_dict(utils.yaml_load(text) or {})
        config.load_dict({k: v for k, v in options.items() if v is not None})
    except Exception:  # said by MkDocs already: nothing more to find
        return [], []
    schema = get_schema(MkDocsConfig)
    for _, option in schema:  # the options are shared: MkDocs' stop left its warnings in them
        option.reset_warnings()
    errors: list[tuple[str, str]] = []
    warnings: list[tuple[str, str]] = []
    for step in ("pre_validation", "validate", "post_validation"):
        for key, option in schema:
            try:
                if step == "validate":
                    config[key] = option.validate(config.get(key))
                else:
                    getattr(option, step)(config, key_name=key)
            except ValidationError as problem:
                errors.append((key, str(problem)))
                if step == "validate":
                    config[key] = option.default
            except Exception:  # a setting that needs one that failed: its own problem is not known
                pass
            warnings += [(key, str(w)) for w in option.warnings]
            option.reset_warnings()
        if errors and step == "validate":
            break
    known = {key for key, _ in schema}
    warnings += [(key, f"Unrecognised configuration name: {key}") for key in sorted(set(config.keys()) - known)]
    return errors, list(dict.fromkeys(warnings))


class _Said(logging.Handler):
    """The lines MkDocs logged about the settings."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: set[str] = set()
        self.errors: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.add(record.getMessage())
        if record.levelno >= logging.ERROR:
            self.errors.add(record.getMessage())
