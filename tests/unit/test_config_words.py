"""MkDocs' messages about mkdocs.yml (engine/configwords.py) and the OS's errors (model/oswords.py) in Chinese."""

from __future__ import annotations

import errno
import re

import pytest

from helpers import english_words
from healthpress.engine.configwords import MESSAGES, config_findings, config_problem, translate
from healthpress.model.findings import Level
from healthpress.model.oswords import os_reason

SETTINGS = ("docs_dir", "site_dir", "theme", "name", "material", "locale", "zh", "nav", "healthpress", "plugins",
            "mkdocs", "http", "https", "www", "example", "gov", "cn", "true", "false", "Markdown", "Python",
            "custom_dir", "list", "dict", "Tab")


@pytest.mark.parametrize("text, said", [
    ("Expected type: <class 'int'> but received: <class 'str'>", "应该写整数，这里写的是文字"),
    ("The path '/nowhere/x' isn't an existing directory.", "文件夹“/nowhere/x”不存在"),
    ("Unrecognised configuration name: bogus", "没有这个设置（可能拼错了）"),
    ("Required configuration not provided.", "缺少这个必填的设置"),
    ("Expected one of: ['a', 'b'] but received: 'c'", "只能写 ['a', 'b'] 之一，这里写的是 'c'"),
    ("Unrecognised theme name: 'materal'. The available installed themes are: material, mkdocs",
     "没有叫“materal”的主题"),
    ("Something MkDocs will say one day", "这个设置写得不对（MkDocs 的原话：“Something MkDocs will say one day”）"),
])
def test_mkdocs_messages_in_chinese(text, said):
    message, fix = translate(text)
    assert message == said
    assert english_words(fix, SETTINGS) == []


def test_every_known_shape_says_it_in_chinese():
    for _, message, fix in MESSAGES:
        template = re.sub(r"\{\w+\}", " ", message + " " + fix)  # the names of the values filled in
        assert english_words(template, SETTINGS) == [], (message, fix)


def test_a_plugins_several_invalid_options_are_one_finding_each():
    message = ("Config value 'plugins': Plugin 'healthpress' option 'page_size': Expected type: <class 'int'> but "
               "received: <class 'str'>\nPlugin 'healthpress' option 'feed_items': Expected type: <class 'int'> "
               "but received: <class 'str'>")
    findings = config_findings(message, "elsewhere/mkdocs.yml", error=True)
    assert [(f.field, f.level) for f in findings] == [("plugins: healthpress: page_size", Level.ERROR),
                                                     ("plugins: healthpress: feed_items", Level.ERROR)]
    assert config_findings("Building documentation...", "mkdocs.yml", error=False) is None


def test_config_problem_never_says_config_value():
    said = config_problem(Exception("Aborted with a configuration error!"), "mkdocs.yml")
    assert "Config value" not in said and "设置不对" in said


@pytest.mark.parametrize("number, said", [(errno.ENOENT, "文件或文件夹不存在"), (errno.EADDRNOTAVAIL, "这个地址不是本机的地址"),
                                          (errno.ENOSPC, "磁盘已满"), (9999, "系统错误（错误号 9999）")])
def test_os_errors_in_chinese(number, said):
    assert os_reason(OSError(number, "English")) == said
