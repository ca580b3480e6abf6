"""Turn pydantic validation errors into findings an editor can act on, in Chinese."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from pydantic import ValidationError

from healthpress.model.findings import Finding

TYPE_NAMES = {
    "str": "文字", "int": "整数", "float": "数字", "bool": "真假值（true/false）",
    "list": "列表", "dict": "字段集合", "NoneType": "空值", "date": "日期", "datetime": "日期时间",
}


RANGE_WORDS = {"greater_than_equal": "不能小于", "less_than_equal": "不能大于",
               "greater_than": "应当大于", "less_than": "应当小于"}


def describe_type(value: Any) -> str:
    """The Chinese name of a YAML value's type."""
    return TYPE_NAMES.get(type(value).__name__, type(value).__name__)


def findings_from_validation(
    error: ValidationError,
    path: str,
    written: Callable[[str], str],
    line_of: Callable[[str], int | None],
    fix_for: Callable[[str], str],
    line_at: Callable[[tuple[Any, ...]], int | None] | None = None,
) -> list[Finding]:
    """One finding per pydantic error, naming the field as the editor wrote it; at `line_of(field)`, or
    with `line_at` at the line of the error's whole location (the second item of a list, a key inside)."""
    found = []
    items = error.errors()
    judged = {item["loc"][:1] for item in items if hasattr(item.get("ctx", {}).get("error"), "code")}
    for item in items:
        if item["loc"][:1] in judged and item["type"].endswith("_type"):
            continue  # a union (text or list): the member that read the value says what is wrong with it
        field = str(item["loc"][0]) if item["loc"] else None
        name = written(field) if field else None
        # a validator's own error (plaintext.PlainTextError) names its code and fix
        cause = item.get("ctx", {}).get("error")
        code = getattr(cause, "code", None) or f"invalid-{item['type']}"
        fix = getattr(cause, "fix", None) or (fix_for(field) if field else "")
        message = _message(item)
        position = next((part for part in item["loc"][1:] if isinstance(part, int)), None)
        if position is not None:  # an item of a list: tags: [健康, 防疫] has its own line no more
            message = f"第 {position + 1} 项：{message}"
        line = (line_at(tuple(item["loc"])) if line_at is not None else line_of(field)) if field else None
        found.append(Finding(path, line, name, code, message, fix))
    return found


def _message(item: dict[str, Any]) -> str:
    kind, value = item["type"], item.get("input")
    if kind == "missing":
        return "缺少这个必填字段"
    if kind in ("string_type", "int_type", "bool_type", "list_type", "dict_type", "float_type",
                "int_from_float", "bool_parsing", "int_parsing"):
        expected = {"string_type": "文字", "int_type": "整数", "int_parsing": "整数", "int_from_float": "整数",
                    "bool_type": "true 或 false", "bool_parsing": "true 或 false", "list_type": "列表",
                    "dict_type": "字段集合", "float_type": "数字"}[kind]
        return f"应当是{expected}，这里是{describe_type(value)} {value!r}"
    if kind == "finite_number":
        return f"应当是有限的数字，这里是 {value!r}"
    if kind == "string_too_short":
        return "不能为空"
    if kind == "extra_forbidden":
        return "不认识这个字段"
    if kind == "literal_error":
        choices = item.get("ctx", {}).get("expected", "").replace("' or '", "、").replace("', '", "、").strip("'")
        return f"取值 {value!r} 无效（可选：{choices}）"
    if kind in RANGE_WORDS:
        return f"数值 {value!r} {RANGE_WORDS[kind]} {next(iter(item.get('ctx', {}).values()), '')}"
    if kind == "value_error":
        return str(item.get("ctx", {}).get("error", item["msg"]))
    return f"{item['msg']}（值：{value!r}）"


def validate_fields(model: type, path: str, front_matter: Mapping[str, Any], key_lines: Mapping[str, int],
                    aliases: Mapping[str, str], help_text: Mapping[str, str]):
    """Validate the fields of `help_text` found in `front_matter` (keys in English or as `aliases`).

    Returns (instance or None, findings, the key as written per field, the line per field).
    """
    values: dict[str, Any] = {}
    written: dict[str, str] = {}
    for key, value in front_matter.items():
        name = aliases.get(str(key).strip(), str(key).strip())
        if name in help_text and name not in values:
            values[name], written[name] = value, str(key)
    lines = {name: key_lines.get(key, 1) for name, key in written.items()}
    try:
        return model.model_validate(values), [], written, lines
    except ValidationError as exc:
        return None, findings_from_validation(
            exc, path, written=lambda f: written.get(f, f), line_of=lambda f: lines.get(f, 1),
            fix_for=lambda f: "写法：" + help_text.get(f, "")), written, lines
