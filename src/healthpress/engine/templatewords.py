"""A Jinja template error said in Chinese: which template file (theme/... or healthpress' own), which
line, and what is wrong, instead of Jinja's English ("Expected an expression, got 'end of statement block'")."""

from __future__ import annotations

import os
import re
import traceback

from jinja2 import TemplateError, TemplateSyntaxError
from jinja2.exceptions import TemplateNotFound

from healthpress.model.findings import Finding

_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern + "$", re.S), said) for pattern, said in (
    (r"No filter named '(?P<name>.*?)'\.?.*", "没有叫 {name} 的过滤器（| 后面的名字，可能拼错了）"),
    (r"No test named '(?P<name>.*?)'\.?.*", "没有叫 {name} 的判断（is 后面的名字，可能拼错了）"),
    (r"Expected an expression, got '(?P<got>.*)'", "这里缺少表达式（如 {{{{ }}}} 或 {{% if %}} 里空着）"),
    (r"unexpected '(?P<got>.*)'", "多了一个“{got}”"),
    (r"unexpected end of template.*", "模板提前结束了：有 {{% if %}}、{{% for %}} 或 {{% block %}} 没有写对应的 {{% end... %}}"),
    (r"Encountered unknown tag '(?P<name>.*?)'.*", "不认识的标签 {name}（可能拼错了，或者少写了开头的标签）"),
    (r"expected token '(?P<want>.*?)', got '(?P<got>.*)'", "这里应该是“{want}”，写的是“{got}”"),
    (r"'(?P<name>.*)' is undefined", "用到了没有定义的名字 {name}（可能拼错了）"),
    (r"'(?P<owner>.*)' has no attribute '(?P<name>.*)'", "{owner} 里没有 {name}（可能拼错了）"),
    (r".* object has no attribute '(?P<name>.*)'", "用到了不存在的 {name}（可能拼错了）"),
))
"""Jinja's common messages, each in Chinese."""


def template_problem(exc: TemplateError) -> str:
    """`模板 theme/x.html 第 3 行：what is wrong` for a Jinja error, with the fix."""
    path, line = _where(exc)
    where = f"模板 {path}" + (f" 第 {line} 行" if line else "") if path else "模板"
    return f"{where}：{_what(exc)}。{_FIX}"


def template_finding(exc: TemplateError) -> Finding:
    """The finding of a Jinja error: the template file and line, what is wrong, the fix."""
    path, line = _where(exc)
    return Finding(path or "theme", line, None, "template-error", f"模板有误：{_what(exc)}", _FIX)


_FIX = "请改正模板后重新生成。"


def _what(exc: TemplateError) -> str:
    if isinstance(exc, TemplateNotFound):
        return f"找不到模板文件 {exc.name}（检查 theme/ 里的文件名，或者改正 extends/include 里写的名字）"
    message = exc.message or ""
    for pattern, said in _SHAPES:
        match = pattern.match(message)
        if match:
            return said.format(**match.groupdict())
    return f"写法有误（Jinja 的原话：“{message}”）"


def remember_where(exc: TemplateError) -> None:
    """Keep the template file and line on `exc` itself: a worker process hands its exceptions back
    pickled, without the traceback `_where` reads them from (the exception's attributes go along)."""
    if getattr(exc, "where", None) is None:
        exc.where = _where(exc)


def _where(exc: TemplateError) -> tuple[str | None, int | None]:
    """The template file and line of `exc`: its own for a syntax error, else the innermost template frame."""
    remembered = getattr(exc, "where", None)
    if remembered is not None:
        return remembered
    if isinstance(exc, TemplateSyntaxError) and (exc.filename or exc.name):
        return _shown(exc.filename or exc.name), exc.lineno
    for frame, line in reversed(list(traceback.walk_tb(exc.__traceback__))):
        filename = frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".j2", ".jinja")):
            return _shown(filename), line
    return None, None


def _shown(filename: str) -> str:
    """A template's path as the editor knows it: relative to the current folder when under it."""
    relative = os.path.relpath(filename)
    return filename if relative.startswith("..") else relative

