"""Site data files (`data/*.yml`): safe YAML with the line of every key and list item (pure).

Front matter only needs the lines of top-level keys (`source.load_yaml_mapping`); data files are
lists of entries, so a finding must point at the line of a key inside the third entry. The YAML is
read the same safe way: no tags, anchors or aliases, dates left as text, duplicate keys reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Generic, Mapping, Sequence, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from healthpress.model.findings import Finding
from healthpress.model.schema_errors import describe_type, findings_from_validation
from healthpress.model.source import StrictLoader, lint_yaml_lines, scan_with_keys
from healthpress.model.yamlwords import parser_problem, yaml_problem

Key = tuple[Any, ...]
"""Where a value sits in a document: ("days", 2, "rule") is the `rule` of the third day."""

Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class DataDocument:
    """A loaded data file: its display path, its value and the 1-based line of every key and item."""

    path: str
    data: Any
    lines: Mapping[Key, int]

    def line(self, *key: Any) -> int | None:
        """The line of `key`, or of the nearest enclosing key or item that has one."""
        for end in range(len(key), -1, -1):
            if key[:end] in self.lines:
                return self.lines[key[:end]]
        return None

    def line_within(self, key: Key, location: Sequence[Any]) -> int | None:
        """The line of a validation error's `location` inside the value at `key` (("tags", 1): the second
        tag); the parts that name no key or item of the document (a union's member) are skipped."""
        found = tuple(key)
        for part in location:
            if (*found, part) in self.lines:
                found = (*found, part)
        return self.line(*found)

    def key_lines(self, *key: Any) -> dict[str, int]:
        """The lines of the keys directly inside the mapping at `key`."""
        return {str(k[-1]): line for k, line in self.lines.items()
                if len(k) == len(key) + 1 and k[: len(key)] == key and isinstance(k[-1], str)}


def parse_data(path: str, text: str) -> tuple[DataDocument | None, list[Finding]]:
    """Read a data file's text safely; `path` is how findings name the file."""
    if text.startswith("\ufeff"):
        text = text[1:]
    findings = lint_yaml_lines(path, text, first_line=1)
    if findings:
        return None, findings
    try:
        findings = _forbidden_tokens(path, text)
        if findings:
            return None, findings
        node = yaml.compose(text, Loader=StrictLoader)
    except yaml.YAMLError as exc:
        return None, [_yaml_finding(path, exc)]
    if node is None:
        return DataDocument(path, None, {}), []
    lines: dict[Key, int] = {(): node.start_mark.line + 1}
    findings = _walk(path, node, (), lines)
    if findings:
        return None, findings
    loader = StrictLoader("")
    try:
        data = loader.construct_document(node)
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        return None, [_yaml_finding(path, exc)]
    finally:
        loader.dispose()
    return DataDocument(path, data, lines), []


def load_data_file(path: Path, display: str) -> tuple[DataDocument | None, list[Finding]]:
    """Read `path` (UTF-8, BOM allowed); a missing or undecodable file is a finding."""
    if not path.is_file():
        return None, [Finding(display, None, None, "data-missing", "找不到这个数据文件",
                              f"新建 {display}（UTF-8 编码的 YAML 文件），可参照示例站点里的同名文件")]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Finding(display, None, None, "data-encoding", "文件不是 UTF-8 编码（可能是 GBK）",
                              "用编辑器把文件另存为 UTF-8 编码")]
    return parse_data(display, text)


def validate_entry(
    model: type[Model], value: Any, doc: DataDocument, key: Key, help_text: Mapping[str, str], what: str,
) -> tuple[Model | None, list[Finding]]:
    """Validate one mapping entry of a data file with `model`; findings point at the entry's keys."""
    if not isinstance(value, dict):
        example = "；".join(list(help_text.values())[:2])
        field = key[-1] if key and isinstance(key[-1], str) else None  # the key as written; an item has none
        return None, [Finding(doc.path, doc.line(*key), field, "data-not-mapping",
                              f"{what}应当是“字段: 值”的集合，这里是{describe_type(value)} {value!r}",
                              f"每个字段写一行，例如 {example}")]
    try:
        return model.model_validate(value), []
    except ValidationError as exc:
        found = findings_from_validation(
            exc, doc.path, written=lambda f: f, line_of=lambda f: doc.line(*key, f),
            line_at=lambda loc: doc.line_within(key, loc),
            fix_for=lambda f: _field_fix(f, help_text))
        return None, [_with_where(f, what) for f in found]


FIELD_WORDS = {
    "since": ("起始", "起始日期", "开始", "开始日期", "起", "自", "从", "生效", "生效日期", "起始时间", "开始时间"),
    "until": ("截止", "截止日期", "结束", "结束日期", "止", "至", "到", "终止", "失效", "失效日期", "截止时间", "结束时间"),
    "name": ("名称", "名字", "事由", "标题"),
    "date": ("日期", "日子", "哀悼日", "哀悼日期"),
    "start": ("开始", "开始时间", "开始日期", "起始", "起始时间", "起", "从"),
    "end": ("结束", "结束时间", "结束日期", "截止", "截止时间", "止", "至", "到"),
}
"""Words an editor may write for a data file's English field name: the fix names the field meant."""


def _field_fix(written: str, help_text: Mapping[str, str]) -> str:
    """How to fix the field `written`: its right form; for an unknown one that means a known field (起始 for
    since, Since), renaming it (deleting it would drop what the editor meant); else delete it."""
    if written in help_text:
        return "写法：" + help_text[written]
    meant = next((name for name in help_text if written.strip().lower() == name
                  or written.strip() in FIELD_WORDS.get(name, ())), None)
    if meant is not None:
        return f"把 {written} 改成 {meant}（字段名照写英文）：{help_text[meant]}"
    return "删除这一行；可用的字段：" + "、".join(help_text)


@dataclass(frozen=True, slots=True)
class ValidEntry(Generic[Model]):
    """An entry of a list in a data file that passed its model: its position, its key and its value."""

    index: int
    key: Key
    """Where the entry sits in the document: ("groups", 2) is the third of the groups."""
    value: Model


@dataclass(frozen=True, slots=True)
class Unique:
    """A field no two entries of a list may share: a repeat is left out with `code` and `fix`."""

    field: str
    code: str
    fix: str


def validate_entries(
    doc: DataDocument, entries: Sequence[Any], model: type[Model], key: Key, help_text: Mapping[str, str],
    what: Callable[[int], str], *, unique: Unique | None = None,
    check: Callable[[ValidEntry[Model]], list[Finding]] | None = None,
) -> tuple[list[ValidEntry[Model]], list[Finding]]:
    """Validate each entry of the list at `key` with `model`, in order; `what(n)` names the n-th (1-based).

    An invalid entry is left out with its findings. With `unique`, so is an entry whose field an
    earlier entry already wrote ("“X”已经写过（第 N 行）"). `check` then gives further findings about an
    entry; one with any is left out too, and its field does not count as written.
    """
    valid: list[ValidEntry[Model]] = []
    findings: list[Finding] = []
    first_lines: dict[Any, int | None] = {}
    for index, value in enumerate(entries):
        entry_key = (*key, index)
        entry, found = validate_entry(model, value, doc, entry_key, help_text, what(index + 1))
        findings += found
        if entry is None:
            continue
        item = ValidEntry(index, entry_key, entry)
        if unique is not None:
            written, line = getattr(entry, unique.field), doc.line(*entry_key, unique.field)
            if written in first_lines:
                findings.append(Finding(doc.path, line, unique.field, unique.code,
                                        f"“{written}”已经写过（第 {first_lines[written]} 行）", unique.fix))
                continue
        found = check(item) if check is not None else []
        if found:
            findings += found
            continue
        if unique is not None:
            first_lines[written] = line
        valid.append(item)
    return valid, findings


def expect_list(doc: DataDocument, value: Any, key: Key, what: str, example: str) -> tuple[list[Any], list[Finding]]:
    """`value` as a list, or a finding saying that a list of `what` was expected."""
    if value is None:
        return [], []
    if isinstance(value, list):
        return value, []
    return [], [Finding(doc.path, doc.line(*key), str(key[-1]) if key else None, "data-not-list",
                        f"应当是{what}的列表，这里是{describe_type(value)}", f"每项以“- ”开头，例如：{example}")]


def _with_where(finding: Finding, what: str) -> Finding:
    return Finding(finding.path, finding.line, finding.field, finding.code, f"{what}：{finding.message}",
                   finding.fix, finding.level)


def _walk(path: str, node: yaml.Node, key: Key, lines: dict[Key, int]) -> list[Finding]:
    findings: list[Finding] = []
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            line = key_node.start_mark.line + 1
            if key + (name,) in lines:
                findings.append(Finding(path, line, str(name), "duplicate-key",
                                        f"字段重复出现（第一次在第 {lines[key + (name,)]} 行）",
                                        "只保留一个，删除多余的那一行"))
                continue
            lines[key + (name,)] = line
            findings += _walk(path, value_node, key + (name,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[key + (index,)] = item.start_mark.line + 1
            findings += _walk(path, item, key + (index,), lines)
    return findings


def _forbidden_tokens(path: str, text: str) -> list[Finding]:
    """YAML tags run constructors and aliases can multiply a document: neither has a use here."""
    findings = []
    for token, key in scan_with_keys(text):
        line = token.start_mark.line + 1
        if isinstance(token, yaml.TagToken):
            findings.append(Finding(path, line, key, "yaml-tag", "数据文件里不允许使用 YAML 标签（以 ! 开头）",
                                    "删除以 ! 开头的部分；值里确实要有 ! 时整体加引号"))
        elif isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
            findings.append(Finding(path, line, key, "yaml-alias", "数据文件里不允许使用 YAML 锚点和引用（& 和 *）",
                                    "把内容直接写出来；值以 & 或 * 开头时整体加引号"))
        if len(findings) >= 5:
            break
    return findings


def _yaml_finding(path: str, exc: Exception) -> Finding:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    return Finding(path, line, None, "data-yaml", f"不是有效的 YAML：{yaml_problem(parser_problem(exc))}",
                   "每行写成“字段: 值”，冒号用英文半角“:”且后面加一个空格；列表项以“- ”开头，缩进用空格；"
                   "值里有冒号或 # 时用引号括起来")
