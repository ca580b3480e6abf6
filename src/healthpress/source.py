"""Split an article's text into its YAML front matter and Markdown body, keeping line numbers.

We split ourselves instead of trusting a lenient splitter: a front-matter block that is not
exactly at the top, or that is never closed, must be reported, never published as body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .findings import Finding

DELIMITER = re.compile(r"^---[ \t]*$")


class StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that dates stay text: we parse them ourselves, strictly."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True, slots=True)
class Source:
    """The parts of one article file."""

    front_matter: dict[str, Any]
    key_lines: dict[str, int]
    body: str
    body_line: int


class SourceError(Exception):
    """The file's front matter cannot be read; carries the finding to report."""

    def __init__(self, finding: Finding):
        super().__init__(finding.render())
        self.finding = finding


def split_source(path: str, text: str) -> Source:
    """Return the front matter (with the line of each key) and the body of `text`."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or not DELIMITER.match(lines[0].rstrip("\r")):
        raise SourceError(_missing_start(path, lines))
    for index in range(1, len(lines)):
        if DELIMITER.match(lines[index].rstrip("\r")):
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            mapping, key_lines = load_yaml_mapping(path, yaml_text, first_line=2)
            return Source(mapping, key_lines, body, body_line=index + 2)
    raise SourceError(
        Finding(path, 1, None, "front-matter-unclosed", "文件头（front matter）以 --- 开始，但没有结束的 ---",
                "在文件头最后一个字段的下一行单独写一行 ---，再写正文")
    )


def _missing_start(path: str, lines: list[str]) -> Finding:
    first_content = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first_content is not None and DELIMITER.match(lines[first_content].rstrip("\r")):
        return Finding(path, first_content + 1, None, "front-matter-not-at-top",
                       f"文件头的 --- 前面有 {first_content} 个空行，文件头必须从第一行开始",
                       "删除 --- 之前的空行")
    return Finding(path, 1, None, "front-matter-missing", "文件没有以 --- 开始的文件头（front matter）",
                   "在第一行写 ---，然后写 title: 标题 和 date: 2013-05-08，再写一行 --- 结束")


def load_yaml_mapping(path: str, yaml_text: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    """Load a YAML mapping safely, with the 1-based file line of each top-level key."""
    try:
        node = yaml.compose(yaml_text, Loader=StrictLoader)
    except yaml.YAMLError as exc:
        raise SourceError(_yaml_finding(path, exc, first_line)) from exc
    if node is None:
        return {}, {}
    if not isinstance(node, yaml.MappingNode):
        line = node.start_mark.line + first_line
        raise SourceError(Finding(path, line, None, "front-matter-not-mapping",
                                  "文件头应当是“字段: 值”的形式，这里不是",
                                  "每行写一个字段，例如 title: 市人民医院开展义诊活动"))
    key_lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + first_line
        if key in key_lines:
            raise SourceError(Finding(path, line, key, "duplicate-key",
                                      f"字段重复出现（第一次在第 {key_lines[key]} 行）",
                                      "只保留一个，删除多余的那一行"))
        key_lines[key] = line
    loader = StrictLoader("")
    try:
        data = loader.construct_document(node)
    except (yaml.YAMLError, ValueError) as exc:
        raise SourceError(_yaml_finding(path, exc, first_line)) from exc
    finally:
        loader.dispose()
    return data, key_lines


def _yaml_finding(path: str, exc: Exception, first_line: int) -> Finding:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + first_line if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc)
    return Finding(path, line, None, "front-matter-yaml",
                   f"文件头不是有效的 YAML（{problem}）",
                   "每行写成“字段: 值”，冒号用英文半角“:”且后面加一个空格；值里有冒号或 # 时用引号括起来")
