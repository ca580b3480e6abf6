"""Split an article's text into its YAML front matter and Markdown body, keeping line numbers.

We split ourselves instead of trusting a lenient splitter: a front-matter block that is not
exactly at the top, or that is never closed, must be reported, never published as body text.
The YAML is read safely: no tags, no anchors or aliases (so no alias bombs), dates left as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

import yaml

from healthpress.model.findings import Finding
from healthpress.model.plaintext import describe_character, first_hidden
from healthpress.model.yamlwords import parser_problem, yaml_problem

DELIMITER = re.compile(r"^---[ \t]*$")
LOOKALIKE_DELIMITER = re.compile(r"^\s*[-－—–―─━‐‑]{2,}\s*$")
FULLWIDTH_COLON_KEY = re.compile(r"^[^\s:：#\-\[{'\"][^:：]{0,30}?\s*：")
NO_SPACE_AFTER_COLON = re.compile(r"^([A-Za-z_\u4e00-\u9fff]+):(?=[^\s/])")


class StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader, except that dates stay text: we parse them ourselves, strictly. Its
    scanner and parser are libyaml's (C) where PyYAML was built with it, as the wheels are: the same
    tokens, nodes and line marks, a few times faster than the pure-Python ones."""


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
    item_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """The line of each item of a list written one item a line (tags:\n  - 健康\n  - 防疫), by key."""


class SourceError(Exception):
    """The file's front matter cannot be read; carries every finding to report."""

    def __init__(self, findings: list[Finding] | Finding):
        self.findings = findings if isinstance(findings, list) else [findings]
        super().__init__("; ".join(f.render() for f in self.findings))


def split_source(path: str, text: str) -> Source:
    """Return the front matter (with the line of each key) and the body of `text`."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise SourceError(Finding(path, None, None, "empty-file", "文件是空的",
                                  "写上文件头（--- title: 标题 date: 2013-05-08 ---）和正文，或删除这个文件"))
    lines = text.split("\n")
    if not DELIMITER.match(lines[0].rstrip("\r")):
        raise SourceError(_missing_start(path, lines))
    for index in range(1, len(lines)):
        line = lines[index].rstrip("\r")
        if DELIMITER.match(line):
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            mapping, key_lines, item_lines = read_yaml_mapping(path, yaml_text, first_line=2)
            return Source(mapping, key_lines, body, body_line=index + 2, item_lines=item_lines)
        if LOOKALIKE_DELIMITER.match(line) and ":" not in line:
            raise SourceError(_bad_delimiter(path, index + 1, line))
    raise SourceError(
        Finding(path, 1, None, "front-matter-unclosed", "文件头（front matter）以 --- 开始，但没有结束的 ---",
                "在文件头最后一个字段的下一行单独写一行 ---，再写正文")
    )


def _missing_start(path: str, lines: list[str]) -> Finding:
    first_content = next((i for i, line in enumerate(lines) if line.strip()), 0)
    first = lines[first_content].rstrip("\r")
    if DELIMITER.match(first.strip()):
        if first_content:
            return Finding(path, first_content + 1, None, "front-matter-not-at-top",
                           f"文件头的 --- 前面有 {first_content} 个空行，文件头必须从第一行开始", "删除 --- 之前的空行")
        return Finding(path, 1, None, "front-matter-indented", "文件头的 --- 前面有空格", "删除 --- 前面的空格")
    if LOOKALIKE_DELIMITER.match(first):
        return _bad_delimiter(path, first_content + 1, first)
    return Finding(path, 1, None, "front-matter-missing", "文件没有以 --- 开始的文件头（front matter）",
                   "在第一行写 ---，然后写 title: 标题 和 date: 2013-05-08，再写一行 --- 结束")


def _bad_delimiter(path: str, line: int, text: str) -> Finding:
    return Finding(path, line, None, "front-matter-bad-delimiter",
                   f"文件头的分隔线“{text.strip()}”应当正好是三个英文减号（不能用全角“－”、破折号“—”或多于三个）",
                   "把这一行改成 ---")


def lint_yaml_lines(path: str, yaml_text: str, first_line: int) -> list[Finding]:
    """Mistakes editors make that YAML would misread or reject with an obscure message."""
    findings = []
    for offset, line in enumerate(yaml_text.split("\n")):
        number = offset + first_line
        if line.startswith("\t") or re.match(r"^ +\t", line):
            findings.append(Finding(path, number, None, "tab-indent", "行首用了制表符（Tab）",
                                    "删除 Tab，改用空格缩进（列表项写成两个空格加“- ”）"))
        elif FULLWIDTH_COLON_KEY.match(line) and ":" not in line.split("：", 1)[0]:
            key = line.split("：", 1)[0].strip()
            findings.append(Finding(path, number, key, "fullwidth-colon", "字段名后面用了中文冒号“：”",
                                    f"改成英文冒号加一个空格：{key}: {line.split('：', 1)[1].strip()}"))
        elif re.search(r":\u3000", line) or line.startswith("\u3000"):
            findings.append(Finding(path, number, line.split(":", 1)[0].strip() or None, "fullwidth-space",
                                    "用了全角空格（　）", "把全角空格换成普通的半角空格"))
        elif NO_SPACE_AFTER_COLON.match(line):
            key = NO_SPACE_AFTER_COLON.match(line).group(1)
            findings.append(Finding(path, number, key, "no-space-after-colon", "冒号后面缺少空格",
                                    f"在冒号后面加一个空格：{key}: {line.split(':', 1)[1]}"))
    return findings


def scan_with_keys(yaml_text: str) -> Iterator[tuple[yaml.Token, str | None]]:
    """Each YAML token with the key it belongs to as written (the last key read before it), if any."""
    key, expecting_key = None, False
    for token in yaml.scan(yaml_text, Loader=StrictLoader):
        if isinstance(token, yaml.KeyToken):
            expecting_key = True
        elif isinstance(token, yaml.ScalarToken) and expecting_key:
            key, expecting_key = str(token.value), False
        yield token, key


def _scan_for_forbidden(path: str, yaml_text: str, first_line: int) -> list[Finding]:
    """YAML tags run constructors and aliases can multiply a document: neither has a use here."""
    findings = []
    for token, key in scan_with_keys(yaml_text):
        line = token.start_mark.line + first_line
        if findings and findings[-1].line == line:
            continue  # one finding a line: `key: &a *b` is one problem to fix
        if isinstance(token, yaml.TagToken):
            findings.append(Finding(path, line, key, "yaml-tag", "文件头里不允许使用 YAML 标签（以 ! 开头）",
                                    "删除以 ! 开头的部分；值里确实要有 ! 时整体加引号"))
        elif isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
            findings.append(Finding(path, line, key, "yaml-alias", "文件头里不允许使用 YAML 锚点和引用（& 和 *）",
                                    "把内容直接写出来；值以 & 或 * 开头时整体加引号"))
        if len(findings) >= 5:
            break
    return findings


def load_yaml_mapping(path: str, yaml_text: str, first_line: int, what: str = "文件头"
                      ) -> tuple[dict[str, Any], dict[str, int]]:
    """Load a YAML mapping safely, with the 1-based file line of each top-level key; `what` names the
    text in a finding (the front matter's 文件头, a column file...)."""
    data, key_lines, _ = read_yaml_mapping(path, yaml_text, first_line, what)
    return data, key_lines


def read_yaml_mapping(path: str, yaml_text: str, first_line: int, what: str = "文件头"
                      ) -> tuple[dict[str, Any], dict[str, int], dict[str, tuple[int, ...]]]:
    """`load_yaml_mapping`, with the file line of each item of a top-level list too."""
    findings = lint_yaml_lines(path, yaml_text, first_line)
    if findings:
        raise SourceError(findings)
    try:
        node = _compose_allowed(path, yaml_text, first_line)
    except yaml.YAMLError as exc:
        raise SourceError(_yaml_finding(path, exc, first_line, what)) from exc
    if node is None:
        return {}, {}, {}
    if not isinstance(node, yaml.MappingNode):
        line = node.start_mark.line + first_line
        raise SourceError(Finding(path, line, None, "front-matter-not-mapping",
                                  "这里应当是“字段: 值”的形式，一行一个字段",
                                  "每行写一个字段，例如 title: 市人民医院开展义诊活动"))
    key_lines: dict[str, int] = {}
    item_lines: dict[str, tuple[int, ...]] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + first_line
        if isinstance(value_node, yaml.SequenceNode):
            item_lines[key] = tuple(item.start_mark.line + first_line for item in value_node.value)
        hidden = first_hidden(key)
        if hidden is not None:
            shown = "".join(char for char in key if first_hidden(char) is None)
            findings.append(Finding(path, line, shown, "zero-width-key",
                                    f"字段名里有看不见的字符 {describe_character(key[hidden])}",
                                    "删除这一行的字段名，重新输入"))
        if key in key_lines:
            findings.append(Finding(path, line, key, "duplicate-key", f"字段重复出现（第一次在第 {key_lines[key]} 行）",
                                    "只保留一个，删除多余的那一行"))
        key_lines[key] = line
    if findings:
        raise SourceError(findings)
    loader = StrictLoader("")
    try:
        data = loader.construct_document(node)
    except (yaml.YAMLError, ValueError) as exc:
        raise SourceError(_yaml_finding(path, exc, first_line, what)) from exc
    finally:
        loader.dispose()
    return data, key_lines, item_lines


def _compose_allowed(path: str, yaml_text: str, first_line: int) -> yaml.Node | None:
    """The YAML's node tree, once no tag, anchor or alias is found in it (SourceError). A text without
    any of ! & * can hold none, and is composed at once; should that fail, the tokens are read first, as
    for any other text, so that the error reported is the one the scanner meets first."""
    if not any(mark in yaml_text for mark in "!&*"):
        try:
            return yaml.compose(yaml_text, Loader=StrictLoader)
        except yaml.YAMLError:
            pass
    findings = _scan_for_forbidden(path, yaml_text, first_line)
    if findings:
        raise SourceError(findings)
    return yaml.compose(yaml_text, Loader=StrictLoader)


def _yaml_finding(path: str, exc: Exception, first_line: int, what: str) -> Finding:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + first_line if mark is not None else None
    return Finding(path, line, None, "front-matter-yaml",
                   f"{what}不是有效的 YAML：{yaml_problem(parser_problem(exc))}",
                   "每行写成“字段: 值”，冒号用英文半角“:”且后面加一个空格；值里有冒号或 # 时用引号括起来")
