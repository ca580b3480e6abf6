"""Findings as MkDocs log lines, so that `--strict` counts healthpress' warnings like MkDocs' own."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from healthpress.model.findings import Finding, Level, sort_findings

log = get_plugin_logger(__name__)


def report(findings: list[Finding]) -> int:
    """Log every finding; raise after all of them if any is an error, else return how many warnings."""
    for finding in sort_findings(findings):
        (log.error if finding.level is Level.ERROR else log.warning)(finding.render())
    count = sum(1 for f in findings if f.level is Level.ERROR)
    if count:
        raise PluginError(f"发现 {count} 个错误（见上），网站没有生成；原来的网站保持不变。改正后重新生成。")
    return len(findings)
