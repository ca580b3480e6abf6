"""argparse in Chinese: every message argparse prints (help, usage, errors) through one small catalog.

argparse takes each of its words through gettext (`_("usage: ")`, `ngettext(...)`); `chinese_argparse`
puts this catalog in gettext's place while the command line is built and read, whatever the
machine's language settings. tests/integration/test_cli_words.py checks that the catalog has every
message of the running Python's argparse.
"""

from __future__ import annotations

import argparse
import gettext
from collections.abc import Iterator
from contextlib import contextmanager

ARGPARSE_WORDS = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "命令",
    "show this help message and exit": "显示这份说明，然后退出",
    "show program's version number and exit": "显示版本号，然后退出",
    " (default: %(default)s)": "（默认：%(default)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s：警告：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必须写的参数：%s",
    "one of the arguments %s is required": "这几个参数必须写一个：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "不能写 %(value)r（可以写：%(choices)s）",
    "invalid choice: %(value)r, maybe you meant %(closest)r?": "不能写 %(value)r，是不是 %(closest)r？",
    "invalid %(type)s value: %(value)r": "%(value)r 的写法不对",
    "expected one argument": "后面要写一个值",
    "expected at most one argument": "后面最多写一个值",
    "expected at least one argument": "后面至少要写一个值",
    "not allowed with argument %s": "不能和参数 %s 一起用",
    "ignored explicit argument %r": "这个选项后面不能写值（写了 %r）",
    "unexpected option string: %s": "这里不能写选项 %s",
    "can't open '%(filename)s': %(error)s": "打不开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r（可以写：%(choices)s）",
    "option '%(option)s' is deprecated": "选项 %(option)s 已经停用",
    "command '%(parser_name)s' is deprecated": "命令 %(parser_name)s 已经停用",
    "argument '%(argument_name)s' is deprecated": "参数 %(argument_name)s 已经停用",
    # What only a programmer adding options can cause, in Chinese all the same.
    ".__call__() not defined": " 没有定义 .__call__()",
    "'required' is an invalid argument for positionals": "位置参数不能用 'required'",
    "mutually exclusive arguments must be optional": "互斥的参数必须是选项",
    "%r is not callable": "%r 不能调用",
    "cannot merge actions - two groups are named %r": "无法合并：两个参数组都叫 %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r":
        "选项 %(option)r 写法不对：必须以 %(prefix_chars)r 之一开头",
    "dest= is required for options like %r": "%r 这样的选项要写 dest=",
    "invalid conflict_resolution value: %r": "conflict_resolution 不能是 %r",
    "cannot have multiple subparser arguments": "只能有一组命令",
    "conflicting subparser: %s": "命令重名：%s",
    "conflicting subparser alias: %s": "命令别名重名：%s",
    'argument "-" with mode %r': '参数 "-" 不能用模式 %r',
    "conflicting option string: %s": "选项重名：%s",
    "expected %s argument": "后面要写 %s 个值",
}
"""argparse's English message (its gettext id) and the Chinese printed instead. ngettext's messages are
keyed by their singular form; Chinese has one form for both."""


class ArgparseChinese(gettext.NullTranslations):
    """`ARGPARSE_WORDS` as a gettext translation; a message it does not have stays as it is."""

    def gettext(self, message: str) -> str:
        return ARGPARSE_WORDS.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return ARGPARSE_WORDS.get(singular, singular if n == 1 else plural)


@contextmanager
def chinese_argparse() -> Iterator[None]:
    """argparse speaks Chinese inside the block (its module-level `_` and `ngettext`, which it calls
    for every message, are this catalog's), and its own gettext again after it."""
    words = ArgparseChinese()
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = words.gettext, words.ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved
