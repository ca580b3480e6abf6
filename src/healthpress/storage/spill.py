"""Texts moved out of memory into an unnamed temporary file, each read back by its place when needed.

A big build holds every article while its pages are rendered, and the forked page workers inherit all of
it; the bodies are most of that (some 85 MiB at 30,000 articles), yet each is read once, by the worker
that renders its page. `TextSpill` writes them to one file the system deletes when the process ends (it
has no name, so nothing else can open it); a `SpilledText` reads its text back with `pread`, which
leaves the file's position alone, so the forked workers read the inherited file side by side.
"""

from __future__ import annotations

import os
import tempfile
from typing import IO


class SpilledText:
    """A text kept in a `TextSpill`: `read()` gives it back. Equal to the text (and hashes as it does), so
    whatever held the text compares and hashes the same after the text has moved."""

    __slots__ = ("_file", "_offset", "_length", "_hash")

    def __init__(self, file: IO[bytes], offset: int, length: int, text_hash: int):
        self._file, self._offset, self._length, self._hash = file, offset, length, text_hash  # the file stays open while a text in it may be read

    def read(self) -> str:
        data = os.pread(self._file.fileno(), self._length, self._offset)
        if len(data) != self._length:
            raise OSError(f"spill file ended early: {len(data)} of {self._length} bytes at {self._offset}")
        return data.decode("utf-8", errors="surrogatepass")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SpilledText):
            return (self._file, self._offset) == (other._file, other._offset) or self.read() == other.read()
        if isinstance(other, str):
            return self.read() == other
        return NotImplemented

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return f"SpilledText({self._length} bytes at {self._offset})"


class TextSpill:
    """An unnamed temporary file texts are appended to (`put`); it is closed (and so gone) once neither
    the spill nor any text in it is referred to, or when the process ends."""

    def __init__(self, folder: str | None = None):
        self._file = tempfile.TemporaryFile(dir=folder)
        self._end = 0

    def put(self, text: str) -> SpilledText:
        data = text.encode("utf-8", errors="surrogatepass")
        fd = self._file.fileno()
        written = 0
        while written < len(data):
            written += os.pwrite(fd, data[written:], self._end + written)
        spilled = SpilledText(self._file, self._end, len(data), hash(text))
        self._end += len(data)
        return spilled
