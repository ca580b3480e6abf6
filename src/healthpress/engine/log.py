"""Findings as MkDocs log lines, so that `--strict` counts healthpress' warnings like MkDocs' own."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from healthpress.model.findings import Finding, Level, sort_findings

log = get_plugin_logger(__name__)

FINDING = "healthpress_finding"
"""The attribute of a log record that carries the finding it says (`healthpress check` collects them)."""


def report(findings: list[Finding]) -> int:
    """Log every finding, each record carrying its Finding; returns how many are warnings. Never raises:
    a build reports every finding of every phase and stops once, at the end (`stop_on_errors`)."""
    for finding in sort_findings(findings):
        (log.error if finding.level is Level.ERROR else log.warning)(finding.render(), extra={FINDING: finding})
    return sum(1 for f in findings if f.level is Level.WARNING)


def stop_on_errors(findings: list[Finding]) -> None:
    """Raise once, after every finding was reported, if any of them is an error."""
    count = sum(1 for f in findings if f.level is Level.ERROR)
    if count:
        raise PluginError(f"发现 {count} 个错误（见上），网站没有生成；原来的网站保持不变。改正后重新生成。")
