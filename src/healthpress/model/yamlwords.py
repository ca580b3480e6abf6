"""What a YAML parser's complaint means, in Chinese: a finding says this instead of PyYAML's or libyaml's
English ("did not find expected ',' or ']'", "mapping values are not allowed in this context").

PROBLEMS holds every `problem` text of PyYAML's pure-Python scanner, parser, composer and constructor
(tests/unit/test_yaml_words.py checks the installed PyYAML against it) and those of libyaml, which
PyYAML's fast loader uses; `%r`, `%s` and `%d` stand for the character or name the parser quotes."""

from __future__ import annotations

import re

_UNCLOSED = "括号或引号没有配对：开头的 [ { \" ' 要有对应的 ] } \" '"
_COLON = "值里有“: ”（冒号加空格）：把整个值用引号括起来，或者这一行的缩进不对"
_INDENT = "缩进不对：同一层的各行要对齐，只用空格缩进"
_TAB = "用了制表符（Tab）缩进：YAML 只能用空格缩进"
_CHARACTER = "有不能出现在这里的字符 {0}：值以 @ ` % 等符号开头时用引号括起来"
_ESCAPE = "双引号里有不认识的转义写法：反斜杠 \\ 改成单引号括起来，或者写成 \\\\"
_ENCODING = "文件里有不是 UTF-8 的字节：用 UTF-8 编码另存这个文件"

PROBLEMS: dict[str, str] = {
    # PyYAML's scanner (scanner.py)
    "could not find expected ':'": "少了“字段: 值”里的冒号，或者多行的值没有用引号括好",
    "expected ' ', but found %r": "这里应该有一个空格，写的是 {0}",
    "expected '!', but found %r": "标签写得不对（不要用 ! 开头的写法）",
    "expected '>', but found %r": "标签写得不对（不要用 ! 开头的写法）",
    "expected URI escape sequence of 2 hexadecimal numbers, but found %r": "标签写得不对（不要用 ! 开头的写法）",
    "expected URI, but found %r": "标签写得不对（不要用 ! 开头的写法）",
    "expected a comment or a line break, but found %r": "这里只能是换行或 # 注释，写的是 {0}：值里有引号时把整个值换一种引号括起来",
    "expected a digit or ' ', but found %r": "% 开头的指令写得不对：删除这一行",
    "expected a digit or '.', but found %r": "% 开头的指令写得不对：删除这一行",
    "expected a digit, but found %r": "% 开头的指令写得不对：删除这一行",
    "expected alphabetic or numeric character, but found %r": "& 或 * 后面应该是字母或数字：值以 & 或 * 开头时用引号括起来",
    "expected chomping or indentation indicators, but found %r": "| 或 > 后面写得不对：| 或 > 后面直接换行",
    "expected escape sequence of %d hexadecimal numbers, but found %r": _ESCAPE,
    "expected indentation indicator in the range 1-9, but found 0": "| 或 > 后面写得不对：| 或 > 后面直接换行",
    "found character %r that cannot start any token": _CHARACTER,
    "found unexpected document separator": "多行的值里有一行只有 --- 或 ...：把这个值用引号括起来",
    "found unexpected end of stream": _UNCLOSED,
    "found unknown escape character %r": _ESCAPE,
    "mapping keys are not allowed here": "这里不能写“? ”：值以 ? 开头时用引号括起来",
    "mapping values are not allowed here": _COLON,
    "sequence entries are not allowed here": "这里不能写“- ”列表项：列表项要另起一行并对齐",
    # PyYAML's parser (parser.py)
    "duplicate tag handle %r": "% 开头的指令写得不对：删除这一行",
    "expected ',' or ']', but got %r": "方括号 [ ] 写得不对：开头的 [ 要有对应的 ]，值里有逗号或方括号时用引号括起来",
    "expected ',' or '}', but got %r": "花括号 { } 写得不对：开头的 { 要有对应的 }，值里有逗号或花括号时用引号括起来",
    "expected '<document start>', but found %r": "这里应该是文件的开头：删除多余的 --- 或 % 开头的行",
    "expected <block end>, but found %r": _INDENT,
    "expected the node content, but found %r": "这里少了值：值以 , [ ] { } 等符号开头时用引号括起来",
    "found duplicate YAML directive": "% 开头的指令写得不对：删除这一行",
    "found incompatible YAML document (version 1.* is required)": "% 开头的指令写得不对：删除这一行",
    "found undefined tag handle %r": "标签写得不对（不要用 ! 开头的写法）",
    # PyYAML's composer (composer.py)
    "but found another document": "文件里有 ---，被分成了两份：删除多余的 ---",
    "found undefined alias %r": "* 开头的引用没有对应的 &：值以 * 开头时用引号括起来",
    "second occurrence": "& 开头的名字重复了：值以 & 开头时用引号括起来",
    # PyYAML's constructor (constructor.py)
    "blacklisted key '%s' in instance state found": "用了不允许的标签（不要用 ! 开头的写法）",
    "cannot find %r in the module %r": "用了不允许的标签（不要用 ! 开头的写法）",
    "cannot find module %r (%s)": "用了不允许的标签（不要用 ! 开头的写法）",
    "could not determine a constructor for the tag %r": "用了不允许的标签 {0}（不要用 ! 开头的写法）",
    "expected a class, but found %r": "用了不允许的标签（不要用 ! 开头的写法）",
    "expected a mapping for merging, but found %s": "<< 后面应该是若干“字段: 值”：不要用 << 合并",
    "expected a mapping node, but found %s": "这里应该是若干“字段: 值”",
    "expected a mapping of length 1, but found %s": "这里应该是一个“字段: 值”",
    "expected a mapping or list of mappings for merging, but found %s": "<< 后面应该是若干“字段: 值”：不要用 << 合并",
    "expected a scalar node, but found %s": "这里应该是一个值，不是列表或若干“字段: 值”",
    "expected a sequence node, but found %s": "这里应该是列表（以“- ”开头的若干行）",
    "expected a sequence, but found %s": "这里应该是列表（以“- ”开头的若干行）",
    "expected a single mapping item, but found %d items": "这里应该是一个“字段: 值”，写了 {0} 个",
    "expected non-empty name appended to the tag": "用了不允许的标签（不要用 ! 开头的写法）",
    "expected the empty value, but found %r": "这里应该空着",
    "failed to convert base64 data into ascii: %s": "!!binary 的内容不是 base64：删除这个标签",
    "failed to decode base64 data: %s": "!!binary 的内容不是 base64：删除这个标签",
    "found unconstructable recursive node": "& 和 * 的引用绕成了圈：删除 & 和 * 开头的写法",
    "found unhashable key": "字段名不能是列表或若干“字段: 值”：把字段名写成文字",
    "module %r is not imported": "用了不允许的标签（不要用 ! 开头的写法）",
    # PyYAML's reader (reader.py) and the fast loader's composer
    "special characters are not allowed": "文件里有控制字符（看不见的特殊字符）：删除它，或者重新输入这一行",
    "expected a single document in the stream": "文件里有 ---，被分成了两份：删除多余的 ---",
    "found duplicate anchor %r; first occurrence": "& 开头的名字重复了：值以 & 开头时用引号括起来",
    "found duplicate anchor; first occurrence": "& 开头的名字重复了：值以 & 开头时用引号括起来",
    # libyaml (scanner.c, parser.c, reader.c), used by PyYAML's fast loader
    "block sequence entries are not allowed in this context": "这里不能写“- ”列表项：列表项要另起一行并对齐",
    "control characters are not allowed": "文件里有控制字符（看不见的特殊字符）：删除它，或者重新输入这一行",
    "could not find expected directive name": "% 开头的指令写得不对：删除这一行",
    "did not find URI escaped octet": "标签写得不对（不要用 ! 开头的写法）",
    "did not find expected '!'": "标签写得不对（不要用 ! 开头的写法）",
    "did not find expected ',' or ']'": "方括号 [ ] 写得不对：开头的 [ 要有对应的 ]，值里有逗号或方括号时用引号括起来",
    "did not find expected ',' or '}'": "花括号 { } 写得不对：开头的 { 要有对应的 }，值里有逗号或花括号时用引号括起来",
    "did not find expected '-' indicator": "列表写得不对：每一项以“- ”开头，各项对齐",
    "did not find expected <document start>": "这里应该是文件的开头：删除多余的 --- 或 % 开头的行",
    "did not find expected <stream-start>": "文件的开头读不出来：用 UTF-8 编码另存这个文件",
    "did not find expected alphabetic or numeric character": "& 或 * 后面应该是字母或数字：值以 & 或 * 开头时用引号括起来",
    "did not find expected comment or line break": "这里只能是换行或 # 注释：值里有引号时把整个值换一种引号括起来",
    "did not find expected digit or '.' character": "% 开头的指令写得不对：删除这一行",
    "did not find expected hexdecimal number": _ESCAPE,
    "did not find expected key": _INDENT,
    "did not find expected node content": "这里少了值：值以 , [ ] { } 等符号开头时用引号括起来",
    "did not find expected tag URI": "标签写得不对（不要用 ! 开头的写法）",
    "did not find expected version number": "% 开头的指令写得不对：删除这一行",
    "did not find expected whitespace or line break": "这里应该有空格或换行：| 或 > 后面直接换行",
    "did not find expected whitespace": "% 开头的指令写得不对：删除这一行",
    "did not find the expected '>'": "标签写得不对（不要用 ! 开头的写法）",
    "expected low surrogate area": _ESCAPE,
    "found a tab character that violates indentation": _TAB,
    "found a tab character where an indentation space is expected": _TAB,
    "found an incorrect leading UTF-8 octet": _ENCODING,
    "found an incorrect trailing UTF-8 octet": _ENCODING,
    "found an indentation indicator equal to 0": "| 或 > 后面写得不对：| 或 > 后面直接换行",
    "found character that cannot start any token": "有不能出现在这里的字符：值以 @ ` % 等符号开头时用引号括起来",
    "found duplicate %TAG directive": "% 开头的指令写得不对：删除这一行",
    "found duplicate %YAML directive": "% 开头的指令写得不对：删除这一行",
    "found extremely long version number": "% 开头的指令写得不对：删除这一行",
    "found incompatible YAML document": "% 开头的指令写得不对：删除这一行",
    "found invalid Unicode character escape code": _ESCAPE,
    "found undefined alias": "* 开头的引用没有对应的 &：值以 * 开头时用引号括起来",
    "found undefined tag handle": "标签写得不对（不要用 ! 开头的写法）",
    "found unexpected ':'": _COLON,
    "found unexpected document indicator": "多行的值里有一行只有 --- 或 ...：把这个值用引号括起来",
    "found unexpected non-alphabetical character": "% 开头的指令写得不对：删除这一行",
    "found unknown directive name": "% 开头的指令写得不对：删除这一行",
    "found unknown escape character": _ESCAPE,
    "incomplete UTF-16 character": _ENCODING,
    "incomplete UTF-16 surrogate pair": _ENCODING,
    "incomplete UTF-8 octet sequence": _ENCODING,
    "input error": "文件读不出来：用 UTF-8 编码另存这个文件",
    "input is too long": "文件太长，读不下",
    "invalid Unicode character": _ENCODING,
    "invalid leading UTF-8 octet": _ENCODING,
    "invalid length of a UTF-8 sequence": _ENCODING,
    "invalid trailing UTF-8 octet": _ENCODING,
    "mapping keys are not allowed in this context": "这里不能写“? ”：值以 ? 开头时用引号括起来",
    "mapping values are not allowed in this context": _COLON,
    "unexpected low surrogate area": _ESCAPE,
    "Maximum nesting level reached, set with yaml_set_max_nest_level())": "括号或缩进的层数太多",
}
"""Each problem text of PyYAML and libyaml, in Chinese (`{0}`: what the parser quoted, where it did)."""

_PATTERNS = tuple((re.compile(re.sub(r"%[rsd]", "(.+?)", re.escape(english).replace("%%", "%")) + "$", re.S), chinese)
                  for english, chinese in PROBLEMS.items())


def yaml_problem(problem: str | None) -> str:
    """What the parser's `problem` text means, in Chinese; one not in PROBLEMS is said in general words,
    the parser's text kept only as a quoted detail."""
    if problem:
        for pattern, chinese in _PATTERNS:
            match = pattern.match(problem)
            if match:
                return chinese.replace("{0}", match.group(1)) if match.groups() else chinese  # its [ { } are text
    detail = f"（解析器的原话：“{problem}”）" if problem else ""
    return f"格式有误{detail}"


def parser_problem(exc: Exception) -> str | None:
    """The `problem` text of a YAML error (a reader error's `reason`); another error's own text."""
    return getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc) or None
