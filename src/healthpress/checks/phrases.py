"""Where a fixed set of phrases occurs in a text, every phrase in one pass (pure).

The wording and leader checks look for dozens to hundreds of phrases (wrong and right terms, leaders'
titles) in every line of every article. A `PhraseFinder` is an Aho–Corasick automaton (pyahocorasick)
built once per build from all of them, so a text is read once whatever the number of phrases; an
article's lines are read together, in one call.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Sequence

import ahocorasick


class PhraseFinder:
    """The occurrences of a set of phrases in a text."""

    def __init__(self, phrases: Iterable[str]):
        self.phrases = tuple(dict.fromkeys(p for p in phrases if p))
        self._automaton = ahocorasick.Automaton()
        for phrase in self.phrases:
            self._automaton.add_word(phrase, phrase)
        self._automaton.make_automaton()

    def occurrences(self, text: str) -> dict[str, list[int]]:
        """{phrase: its start offsets} for the phrases found in `text`: per phrase left to right and not
        overlapping each other, as `re.finditer` finds one phrase (in "哈哈哈", "哈哈" once, at 0)."""
        if not self.phrases:
            return {}
        found: dict[str, list[int]] = {}
        ends: dict[str, int] = {}
        for last, phrase in self._automaton.iter(text):
            start = last + 1 - len(phrase)
            if start >= ends.get(phrase, 0):
                found.setdefault(phrase, []).append(start)
                ends[phrase] = last + 1
        return found

    def in_lines(self, lines: Sequence[str]) -> dict[int, dict[str, list[int]]]:
        """{index of a line: its `occurrences`} for the lines holding any phrase, all lines read in one pass
        (a phrase is found within a line, never across two)."""
        if not self.phrases or not lines:
            return {}
        starts, offset = [], 0
        for line in lines:
            starts.append(offset)
            offset += len(line) + 1
        found: dict[int, dict[str, list[int]]] = {}
        ends: dict[tuple[int, str], int] = {}
        for last, phrase in self._automaton.iter("\n".join(lines)):
            start = last + 1 - len(phrase)
            index = bisect_right(starts, start) - 1
            start -= starts[index]
            end = start + len(phrase)
            if end > len(lines[index]) or start < ends.get((index, phrase), 0):
                continue
            found.setdefault(index, {}).setdefault(phrase, []).append(start)
            ends[index, phrase] = end
        return found
