"""PyYAML's and libyaml's complaints said in Chinese (model/yamlwords.py), in every finding about YAML."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from helpers import english_words
from healthpress.model.columns import load_columns
from healthpress.model.datafile import parse_data
from healthpress.model.source import SourceError, load_yaml_mapping
from healthpress.model.yamlwords import PROBLEMS, yaml_problem

ALLOWED = ("YAML", "UTF", "Tab", "base64", "binary")


def installed_problems() -> set[str]:
    """Every `problem` text the installed PyYAML's scanner, parser, composer and constructor can raise:
    the third argument of each `...Error(context, context_mark, problem, ...)` in their source."""
    found = set()
    for module in ("scanner", "parser", "composer", "constructor"):
        tree = ast.parse((Path(yaml.__file__).parent / f"{module}.py").read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and getattr(call.func, "id", "").endswith("Error") and len(call.args) >= 3:
                problem = call.args[2]
                problem = problem.left if isinstance(problem, ast.BinOp) else problem  # "... %r" % value
                if isinstance(problem, ast.Constant) and isinstance(problem.value, str):
                    found.add(problem.value)
    return found


def test_every_problem_of_the_installed_pyyaml_is_in_the_table():
    problems = installed_problems()
    assert len(problems) > 40  # the scan found PyYAML's errors
    assert sorted(problems - PROBLEMS.keys()) == []


def test_every_chinese_problem_is_chinese():
    for english, chinese in PROBLEMS.items():
        assert english_words(chinese, ALLOWED) == [], (english, chinese)


@pytest.mark.parametrize("problem, said", [
    ("found character '@' that cannot start any token", "有不能出现在这里的字符 '@'"),
    ("expected a single mapping item, but found 3 items", "写了 3 个"),
    ("did not find expected ',' or ']'", "方括号 [ ] 写得不对"),
])
def test_a_quoted_character_or_count_is_kept(problem, said):
    assert said in yaml_problem(problem)


def test_every_problem_is_said_whatever_brackets_its_words_show():
    """Words that show [ { } (an unclosed quote's, a flow mapping's) are text, not places for the quote."""
    for english in PROBLEMS:
        problem = english.replace("%r", "'x'").replace("%d", "3").replace("%s", "x").replace("%%", "%")
        said = yaml_problem(problem)
        assert not said.startswith("格式有误") and "{0}" not in said, (english, said)


@pytest.mark.parametrize("front_matter, said", [
    ('title: "市人民医院', "括号或引号没有配对"),
    ("title: {a: b c: d", "花括号 { } 写得不对"),
])
def test_an_unclosed_quote_or_brace_is_a_finding_not_a_crash(front_matter, said):
    with pytest.raises(SourceError) as raised:
        load_yaml_mapping("content/news/a.md", front_matter, 2)
    assert said in raised.value.findings[0].message and raised.value.findings[0].line == 2


def test_an_unknown_problem_keeps_the_parser_text_as_a_detail():
    assert yaml_problem("something new") == "格式有误（解析器的原话：“something new”）"


def test_findings_of_front_matter_column_and_data_files_are_chinese(tmp_path):
    with pytest.raises(Exception) as raised:
        load_yaml_mapping("content/a.md", "title: [体检\ndate: 2013-05-08\n", first_line=2)
    front = raised.value.findings[0]
    assert front.message.startswith("文件头不是有效的 YAML：方括号"), front.message
    (tmp_path / "press.yml").write_text("title: 新闻\ntags: [a, b\norder: 1\n", encoding="utf-8")
    _, findings = load_columns(tmp_path, "columns")
    assert findings[0].message.startswith("栏目文件不是有效的 YAML：方括号"), findings[0].message
    _, findings = parse_data("data/units.yml", "- name: 甲\n  type: 医疗: 机构\n")
    assert findings[0].message.startswith("不是有效的 YAML：值里有“: ”"), findings[0].message
    for finding in (front, *findings):
        assert english_words(finding.message, ALLOWED) == [], finding.message
