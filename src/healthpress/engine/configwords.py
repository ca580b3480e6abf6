"""MkDocs' words about mkdocs.yml said in Chinese: each warning or error it logs while reading the settings
("Config value 'KEY': ...") becomes a Finding of the configuration file (the setting, what is wrong, the fix),
and an exception that stopped the reading (no file, YAML that does not parse) becomes one too.

The message shapes are those of mkdocs/config/config_options.py and base.py; one that is not known is
said by a catch-all naming the setting, MkDocs' own text kept only as a quoted detail."""

from __future__ import annotations

import logging
import os
import re

from healthpress.engine.configlines import SettingLines
from healthpress.model.findings import Finding, Level

CONFIG_VALUE = re.compile(r"Config value '(?P<key>[^']*)': (?P<text>.*)$", re.S)
"""The line MkDocs logs for each invalid setting (base.py `load_config`)."""

_PLUGIN_OPTION = re.compile(r"Plugin '(?P<plugin>[^']*)' option '(?P<option>[^']*)': (?P<text>.*)$", re.S)
_PLUGIN_WARNING = re.compile(r"Plugin '(?P<plugin>[^']*)': (?P<text>.*)$", re.S)
_SUB_OPTION = re.compile(r"Sub-option '(?P<option>[^']*)': (?P<text>.*)$", re.S)

TYPES = {"int": "整数", "str": "文字", "bool": "true 或 false", "list": "列表（- 开头的若干行，或 [a, b]）",
         "dict": "若干“名称: 值”", "float": "数字", "NoneType": "空值", "tuple": "列表"}
"""Python's type names in MkDocs' messages, as an editor knows them."""

_CLASS = r"<class '(?P<{}>[\w.]+)'>"


def _kind(name: str) -> str:
    return TYPES.get(name, name)


MESSAGES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple((re.compile(pattern + "$", re.S), message, fix) for pattern, message, fix in (
    (r"Unrecognised configuration name: (?P<name>.*)", "没有这个设置（可能拼错了）",
     "对照仓库里的 mkdocs.yml 和 docs/operations.md 改正设置名，不用的设置整行删除"),
    (r"Expected type: " + _CLASS.format("want") + r" but received: " + _CLASS.format("got"),
     "应该写{want}，这里写的是{got}", "改成{want}"),
    (r"Expected type: " + _CLASS.format("want") + r" with length (?P<length>\d+) but received: (?P<value>.*) with length \d+",
     "应该写 {length} 项的{want}，这里写的是 {value}", "改成 {length} 项"),
    (r"Expected type: " + _CLASS.format("want") + r" for keys, but received: " + _CLASS.format("got") + r" \(key=(?P<value>.*)\)",
     "每个名称都应该是文字，{value} 不是", "给这个名称加上引号"),
    (r"Expected one of: (?P<choices>.*) but received: (?P<value>.*)", "只能写 {choices} 之一，这里写的是 {value}",
     "改成其中之一"),
    (r"The path '(?P<path>.*)' isn't an existing directory\.", "文件夹“{path}”不存在",
     "改成项目里已有的文件夹（相对于 mkdocs.yml 所在的文件夹），或者先建好这个文件夹"),
    (r"The path '(?P<path>.*)' isn't an existing file\.", "文件“{path}”不存在",
     "改成项目里已有的文件（相对于 mkdocs.yml 所在的文件夹）"),
    (r"Required configuration not provided\.", "缺少这个必填的设置", "在 mkdocs.yml 里写上这一项"),
    (r"Expected a list of items, but a " + _CLASS.format("got") + r" was given\.", "应该写列表，这里写的是{got}",
     "改成列表：每项一行，以“- ”开头"),
    (r"Expected a dict of items, but a " + _CLASS.format("got") + r" was given\.", "应该写若干“名称: 值”，这里写的是{got}",
     "改成每行一个“名称: 值”"),
    (r"Expected a string, got " + _CLASS.format("got"), "应该写文字，这里写的是{got}", "改成文字"),
    (r"Expected a multiline string, but a " + _CLASS.format("got") + r" was given\.", "应该写文字，这里写的是{got}",
     "改成文字"),
    (r"Unable to parse the URL\.", "网址写得不对", "写完整的网址，如 https://www.example.gov.cn/"),
    (r"The URL isn't valid, it should include the http:// \(scheme\)", "网址缺少开头的 http:// 或 https://",
     "写完整的网址，如 https://www.example.gov.cn/"),
    (r"Must be a string of format 'IP:PORT'", "应该写成 主机:端口", "如 127.0.0.1:8000"),
    (r"'(?P<value>.*)' is not a valid port", "“{value}”不是端口号", "写 1 到 65535 之间的整数"),
    (r"The \"(?P<name>.*)\" plugin is not installed", "没有安装插件 {name}（可能拼错了）",
     "改正插件名，或者删除这一项；需要这个插件时请运维人员安装"),
    (r"'(?P<name>.*)' is not a valid plugin name\.", "“{name}”不是插件名", "改正插件名"),
    (r"Invalid Plugins configuration(\. Expected a list or dict\.)?", "插件列表写得不对",
     "每个插件一行，以“- ”开头，可参照仓库里的 mkdocs.yml"),
    (r"Invalid config options for the '(?P<name>.*)' plugin\.", "插件 {name} 的设置写得不对",
     "在插件名后面写冒号，其下每行一个“名称: 值”"),
    (r"Plugin '(?P<name>.*)' was specified multiple times.*", "插件 {name} 写了不止一次", "只保留一项"),
    (r"Unrecognised theme name: '(?P<name>.*)'\. The available installed themes are: (?P<themes>.*)",
     "没有叫“{name}”的主题", "改成已安装的主题之一：{themes}"),
    (r"No theme name set\.", "没有写主题名", "写 name: material"),
    (r"At least one of 'name' or 'custom_dir' must be defined\.", "没有写主题名", "写 name: material"),
    (r"Invalid type " + _CLASS.format("got") + r"\. Expected a string or key/value pairs\.", "主题写得不对（这里写的是{got}）",
     "写主题名，或者若干“名称: 值”（如 name: material）"),
    (r"'locale' must be a string\.", "locale 应该写文字", "如 locale: zh"),
    (r"'(?P<name>.*)' is not a valid Markdown Extension name\.", "“{name}”不是 Markdown 扩展的名字", "改正扩展名"),
    (r"Invalid config options for Markdown Extension '(?P<name>.*)'\.", "Markdown 扩展 {name} 的设置写得不对",
     "在扩展名后面写冒号，其下每行一个“名称: 值”"),
    (r"Invalid Markdown Extensions configuration", "Markdown 扩展的列表写得不对", "每个扩展一行，以“- ”开头"),
    (r"Failed to load extension '(?P<name>.*?)'\..*", "Markdown 扩展 {name} 加载不了（可能拼错了，或者没有安装）",
     "改正扩展名，或者删除这一项"),
    (r"Cannot import path '(?P<path>.*)' as a Python module", "“{path}”不是能加载的 Python 模块", "改正路径"),
    (r"Expected nav to be a list, got .*", "导航应该写列表", "healthpress 自动生成导航：删除 nav"),
    (r"Expected nav item to be .*", "导航中有一项写得不对", "healthpress 自动生成导航：删除 nav"),
    (r"The '(?P<name>\w+)' should not be the parent directory of the config file\..*",
     "{name} 不能是 mkdocs.yml 所在文件夹的上一级", "改成 mkdocs.yml 旁边的一个文件夹"),
    (r"The 'docs_dir' should not be within the 'site_dir'.*", "docs_dir（文章所在的文件夹）不能放在 site_dir（生成的网站）里面",
     "把两者改成 mkdocs.yml 旁边两个不同的文件夹"),
    (r"The 'site_dir' should not be within the 'docs_dir'.*", "site_dir（生成的网站）不能放在 docs_dir（文章所在的文件夹）里面",
     "把两者改成 mkdocs.yml 旁边两个不同的文件夹"),
    (r"The configuration option '(?P<name>.*)' has been deprecated and will be removed in a future release\."
     r"( Use '(?P<moved>.*)' instead\.)?", "这个设置已经过时", "删除这一行{moved_hint}"),
    (r"The configuration option '(?P<name>.*)' was removed from MkDocs\.( Use '(?P<moved>.*)' instead\.)?",
     "这个设置已经取消", "删除这一行{moved_hint}"),
    (r"The option '(?P<name>.*)' has no effect when '(?P<other>.*)' is set\.", "写了 {other} 时 {name} 不起作用",
     "删除其中一个"),
    (r"Expected boolean but received: " + _CLASS.format("got"), "应该写 true 或 false，这里写的是{got}",
     "改成 true 或 false"),
))
"""Each message shape of MkDocs' settings checks: (pattern, the problem in Chinese, the fix in Chinese)."""

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def translate(text: str) -> tuple[str, str]:
    """(what is wrong, the fix) for one MkDocs message about a setting, in Chinese."""
    for pattern, message, fix in MESSAGES:  # first: a name or value the editor wrote in Chinese is in MkDocs' words too
        match = pattern.match(text)
        if match:
            values = {name: _kind(value) if name in ("want", "got") else _shown(value) if name == "path" else value
                      for name, value in match.groupdict().items() if value is not None}
            moved = match.groupdict().get("moved")
            values["moved_hint"] = f"，改用 {moved}" if moved else ""
            return message.format(**values), fix.format(**values)
    if CHINESE.search(text):  # healthpress' own option checks already speak Chinese
        return text, ""
    detail = text.strip().splitlines()[0] if text.strip() else text
    return f"这个设置写得不对（MkDocs 的原话：“{detail}”）", "对照仓库里的 mkdocs.yml 和 docs/operations.md 改正"


def _shown(path: str) -> str:
    """A path MkDocs made absolute, as the editor wrote it: relative to the current folder when under it."""
    if not os.path.isabs(path):
        return path
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def config_findings(message: str, config_file: str, error: bool) -> list[Finding] | None:
    """The findings of one line MkDocs logged about the settings (`Config value '...': ...`), or None for
    any other line. A plugin's several invalid options arrive in one line and become one finding each."""
    whole = CONFIG_VALUE.match(message)
    if whole is None:
        return None
    key, text = whole.group("key"), whole.group("text")
    level = Level.ERROR if error else Level.WARNING
    parts = _plugin_parts(text) if key == "plugins" else [(key, key, text)]
    lines = SettingLines(config_file)
    findings = []
    for field, shown, problem in parts:
        said, fix = translate(problem)
        findings.append(Finding(config_file, lines.line_of(field), shown, "config-error" if error
                                else "config-warning", said, fix, level))
    return findings


def _plugin_parts(text: str) -> list[tuple[str, str, str]]:
    """(the option's key path in mkdocs.yml, the field as shown, its message) of each line about the plugins'
    options."""
    parts = []
    for line in re.split(r"\n(?=Plugin ')", text):
        option = _PLUGIN_OPTION.match(line)
        if option:
            sub = _SUB_OPTION.match(option.group("text"))
            name = option.group("option") + (f".{sub.group('option')}" if sub else "")
            parts.append((f"plugins.{option.group('plugin')}.{name}", f"plugins: {option.group('plugin')}: {name}",
                          sub.group("text") if sub else option.group("text")))
            continue
        plugin = _PLUGIN_WARNING.match(line)
        if plugin:
            parts.append((f"plugins.{plugin.group('plugin')}", f"plugins: {plugin.group('plugin')}", plugin.group("text")))
        else:
            parts.append(("plugins", "plugins", line))
    return parts


def config_problem(exc: BaseException, config_file: str) -> str:
    """The Chinese line for MkDocs' ConfigurationError (or its Abort after invalid settings) while reading
    `config_file`: which file, what is wrong, how to fix it (each invalid setting is said above it)."""
    text = str(exc)
    if "does not exist" in text:
        return (f"找不到站点配置文件 {config_file}：请在网站项目的文件夹（有 mkdocs.yml 的那个）里运行，"
                "或者用 -f 指明配置文件（例如 -f 路径/mkdocs.yml）")
    if "error parsing the configuration file" in text:
        places = re.findall(r"line (\d+), column (\d+)", text)
        where = f"第 {places[-1][0]} 行第 {places[-1][1]} 列附近" if places else ""
        return (f"站点配置文件 {config_file} {where}的 YAML 格式有误（如括号、引号没有配对，缩进不齐）："
                "请改正后重新运行。")
    count = re.search(r"Aborted with (\d+|a) configuration (errors?|warnings)", text)
    if count:
        number = "" if count.group(1) == "a" else f" {count.group(1)} 处"  # MkDocs says "a" for any number
        kind = "设置不对" if count.group(2).startswith("error") else "设置有警告（严格模式 --strict 下视为错误）"
        return (f"站点配置文件 {config_file} 里有{number}{kind}（每一处的设置名和改法见上面）："
                "请按提示改正后重新运行。")
    if CHINESE.search(text):
        return f"站点配置文件 {config_file} 有误：{text}"
    return f"站点配置文件 {config_file} 有误（MkDocs 的原话：“{text}”）。请改正后重新运行。"


def problem_finding(exc: BaseException, config_file: str) -> Finding:
    """The finding of a configuration file MkDocs could not read at all (missing, YAML that does not parse)."""
    places = re.findall(r"line (\d+), column", str(exc))
    return Finding(config_file, int(places[-1]) if places else None, None, "config-error",
                   config_problem(exc, config_file), "", Level.ERROR)


class ConfigWarnings(logging.Handler):
    """Counts MkDocs' warnings about the settings logged while it is attached (a build's summary counts them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.WARNING:
            self.count += len(config_findings(record.getMessage(), "", False) or ())
