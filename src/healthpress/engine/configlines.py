"""The line of mkdocs.yml that a finding about a setting names: the one lookup for the build's own findings
about its settings (build/pipeline.py) and for MkDocs' words about them (configwords.py).

mkdocs.yml is composed once (YAML nodes with their line marks, nothing constructed, so `!ENV` and
`!!python/name:` tags are no trouble) into the line of every key path: `site_name`, `extra.bureau.sponsor`,
`extra.bureau.texts[0]`, and the plugin's own options as `plugins.healthpress.share_image` however the
plugins are listed. A finding about an option or text of the settings gets the line of its key, or, for
one not written, of the nearest key above it that is (`extra.bureau` for a missing `extra.bureau.org_code`).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from healthpress.model.findings import Finding

PLUGIN = "plugins.healthpress"


class SettingLines:
    """The lines of one mkdocs.yml, composed when a finding first needs them."""

    def __init__(self, config_file: str | Path | None, plugin_options: frozenset[str] = frozenset()):
        self.config_file = Path(config_file) if config_file else None
        self.plugin_options = plugin_options
        """The names of the plugin's options: a finding's field among them is under plugins.healthpress."""
        self._lines: dict[str, int] | None = None

    def fill(self, findings: list[Finding]) -> list[Finding]:
        """The findings, those about a setting of mkdocs.yml without a line given the line of its key."""
        names = {"mkdocs.yml"} | ({self.config_file.name} if self.config_file else set())
        return [dataclasses.replace(f, line=self.line_of(f.field)) if f.path in names and f.line is None and f.field
                else f for f in findings]

    def line_of(self, field: str) -> int | None:
        """The line of the setting `field` (a key path, or an option of the plugin), or of the nearest key
        above it that is written; None when not even that is."""
        lines = self._composed()
        path = f"{PLUGIN}.{field}" if re.split(r"[.\[]", field)[0] in self.plugin_options else field
        while path not in lines:
            shorter = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", path)
            if shorter == path:
                return None
            path = shorter
        return lines[path]

    def _composed(self) -> dict[str, int]:
        if self._lines is None:
            self._lines = {}
            try:
                text = self.config_file.read_text(encoding="utf-8-sig") if self.config_file else ""
                root = yaml.compose(text, Loader=yaml.SafeLoader)
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                root = None
            if root is not None:
                _walk(root, "", self._lines)
        return self._lines


def _walk(node: yaml.Node, path: str, lines: dict[str, int]) -> None:
    """The line (from 1) of every key path under `node`, whose own path is `path`."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                inner = f"{path}.{key.value}" if path else str(key.value)
                lines.setdefault(inner, key.start_mark.line + 1)
                _walk(value, inner, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.setdefault(f"{path}[{index}]", item.start_mark.line + 1)
            _walk(item, f"{path}[{index}]", lines)
            if isinstance(item, yaml.ScalarNode):  # plugins: [- healthpress]
                lines.setdefault(f"{path}.{item.value}", item.start_mark.line + 1)
            elif isinstance(item, yaml.MappingNode) and len(item.value) == 1 \
                    and isinstance(item.value[0][0], yaml.ScalarNode):  # plugins: [- healthpress: {...}]
                _walk(item, path, lines)
