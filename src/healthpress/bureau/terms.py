"""Standard wording (规范用语) from `data/terms.yml`: a wrong wording and its right forms (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from healthpress.model.datafile import (DataDocument, Unique, ValidEntry, expect_list, load_data_file, parse_data,
                                        validate_entries)
from healthpress.model.findings import Finding
from healthpress.model.plaintext import NonEmptyText, Paragraph
from healthpress.model.strict import StrictModel

NonEmpty = NonEmptyText


TERM_HELP = {
    "wrong": "wrong: 医闹（不规范的写法）",
    "right": "right: 涉医违法犯罪（规范写法；几种都可以时写成列表 [艾滋病患者, 艾滋病病毒感染者]）",
    "first_mention": "first_mention: true（只要求第一次出现时写全称，之后可以用简称）",
    "ignore": "ignore: [非典型]（含这个词的写法不算错，如“非典型肺炎”里的“非典”）",
    "note": "note: 说明（显示在改法里）",
}


class TermEntry(StrictModel):
    wrong: NonEmpty
    right: NonEmpty | list[NonEmpty]
    first_mention: bool = False
    ignore: list[NonEmpty] = []
    note: Paragraph = ""


@dataclass(frozen=True, slots=True)
class Term:
    """A wrong wording and its right form(s)."""

    wrong: str
    right: tuple[str, ...]
    first_mention: bool = False
    ignore: tuple[str, ...] = ()
    note: str = ""


def read_terms(doc: DataDocument) -> tuple[list[Term], list[Finding]]:
    """Validate a loaded terms document; a wrong wording listed twice is an error."""
    entries, findings = expect_list(doc, doc.data, (), "用语", "- wrong: 医闹")

    def same_as_right(item: ValidEntry[TermEntry]) -> list[Finding]:
        if item.value.wrong not in _right(item.value):
            return []
        return [Finding(doc.path, doc.line(*item.key, "wrong"), "wrong", "term-same",
                        f"“{item.value.wrong}”的规范写法就是它自己", "改正 wrong 或 right")]

    valid, found = validate_entries(doc, entries, TermEntry, (), TERM_HELP, lambda n: f"第 {n} 条用语",
                                    unique=Unique("wrong", "duplicate-term", "删除其中一条"), check=same_as_right)
    terms = [Term(e.wrong, _right(e), e.first_mention, tuple(e.ignore), e.note) for e in (v.value for v in valid)]
    return terms, findings + found


def _right(entry: TermEntry) -> tuple[str, ...]:
    return (entry.right,) if isinstance(entry.right, str) else tuple(entry.right)


def load_terms(path: Path, display: str = "data/terms.yml") -> tuple[list[Term], list[Finding]]:
    doc, findings = load_data_file(path, display)
    return read_terms(doc) if doc is not None else ([], findings)


def parse_terms(path: str, text: str) -> tuple[list[Term], list[Finding]]:
    doc, findings = parse_data(path, text)
    return read_terms(doc) if doc is not None else ([], findings)
