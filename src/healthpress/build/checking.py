"""`healthpress check`: the real build in the check mode (mode.py), every finding it reports collected.

The Build runs every phase as `healthpress build` does (the same rules on the same pages, the page
cache of its own), renders into a folder it deletes, never touches site/, and never stops on a finding.
Whatever it reports reaches the check: each finding (its log record carries it, engine/log.py), MkDocs'
warnings and errors about the settings as findings of the configuration file in Chinese (engine/configwords.py),
and any other warning or error of the build or the engine, as a finding of the configuration file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from healthpress.build.mode import Mode
from healthpress.build.project import plugin_options
from healthpress.engine.configwords import config_findings
from healthpress.engine.internals import engine_logger
from healthpress.engine.log import FINDING
from healthpress.model.findings import Finding, Level


def check_site(config_file: Path, inspection: bool = False) -> list[Finding]:
    """Every finding a build of the project would report (with the inspection's levels when `inspection`)."""
    from mkdocs.commands.build import build
    from healthpress.engine.settings import load_settings
    from jinja2 import TemplateError
    from mkdocs.exceptions import Abort

    from healthpress.engine.templatewords import template_finding

    config = None
    collected = _Collected(str(config_file))
    logger = engine_logger()
    logger.addHandler(collected)  # before the settings are read: MkDocs' words about them are findings too
    try:
        try:
            config = load_settings(str(config_file))
        except Abort:  # invalid settings, each already logged (and so collected)
            return collected.findings
        plugin_options(config, config_file)  # a ProjectError when mkdocs.yml does not list healthpress
        config.plugins["healthpress"].mode = Mode.for_check(inspection)
        build(config)
    except Abort:  # a build error, already logged (and so collected) by the engine
        pass
    except TemplateError as exc:  # a template of theme/ the build could not render with
        collected.findings.append(template_finding(exc))
    except KeyboardInterrupt:  # MkDocs hands only exceptions to on_build_error: the Build lets go here
        plugin = config.plugins.get("healthpress") if config is not None else None
        running = getattr(plugin, "build", None)
        if running is not None:
            running.abort()
        raise
    finally:
        logger.removeHandler(collected)
    return collected.findings


class _Collected(logging.Handler):
    """The findings of a build's warnings and errors, instead of their lines on standard error."""

    def __init__(self, config_name: str):
        super().__init__(logging.WARNING)
        self.config_name = config_name
        self.findings: list[Finding] = []

    def emit(self, record: logging.LogRecord) -> None:
        finding = getattr(record, FINDING, None)
        if finding is None:
            said = config_findings(record.getMessage(), self.config_name, record.levelno >= logging.ERROR)
            if said is not None:
                self.findings += said
                return
            error = record.levelno >= logging.ERROR
            finding = Finding(self.config_name, None, None, "build-error" if error else "build-warning",
                              record.getMessage().removeprefix("healthpress: "), "",
                              Level.ERROR if error else Level.WARNING)
        self.findings.append(finding)
