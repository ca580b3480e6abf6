"""Which font files a print document's text would be set in, as a PDF's cache key names them.

WeasyPrint sets text through Pango, which asks fontconfig for the first installed family of each CSS
`font-family` list. `FontFiles.identity(document)` asks fontconfig (`fc-match`) the same for every
`font-family` the document declares, in the regular and the bold weight, and names each file it gets
by its name, size and modification time (not its folder: the key of a PDF holds no path of this
machine): after the system's fonts change (a font installed, removed or updated) the identity changes,
and so does the key of every PDF set in them. `FontFiles.faces(document, family)` is the file and face
index of each weight of the list that names `family` (the cut faces', render/printfontcut.py): the
faces to cut. The answers are kept for the object's life (one build): a print template's few
declarations are asked once, not per PDF.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

_FONT_FAMILY = re.compile(r"font-family\s*:\s*([^;}{<]+)", re.IGNORECASE)
_WEIGHTS = ("regular", "bold")


class FontFiles:
    """fontconfig's answers for one build."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, ...], str] = {}
        self._faces: dict[str, tuple[tuple[str, int], ...]] = {}
        self._fc_match = shutil.which("fc-match")

    def identity(self, document: str) -> str:
        """'name:size:mtime' of every font file the document's font-family lists resolve to, one a line
        (or '-' for a list fontconfig cannot answer for)."""
        lists = tuple(sorted({_family_pattern(m) for m in _FONT_FAMILY.findall(document)}))
        if lists not in self._known:
            files = sorted({self._resolve(f"{pattern}:weight={weight}") for pattern in lists for weight in _WEIGHTS})
            self._known[lists] = "\n".join(_file_identity(file) for file in files)
        return self._known[lists]

    def faces(self, document: str, family: str) -> tuple[tuple[str, int], ...]:
        """(file, face index) of the regular and the bold face fontconfig sets the first `font-family`
        list naming `family` in (that family left out), each once; () when no list names it."""
        for declaration in _FONT_FAMILY.findall(document):
            names = [name.strip().strip("\"'").strip() for name in declaration.split(",")]
            if family not in names:
                continue
            pattern = _family_pattern(",".join(name for name in names if name != family))
            if pattern not in self._faces:
                found = (self._resolve(f"{pattern}:weight={weight}", "%{file}\t%{index}") for weight in _WEIGHTS)
                self._faces[pattern] = tuple(dict.fromkeys(
                    (file, int(index)) for file, _, index in (answer.partition("\t") for answer in found)
                    if file and index.isdigit()))
            return self._faces[pattern]
        return ()

    def _resolve(self, pattern: str, answer: str = "%{file}") -> str:
        if self._fc_match is None:
            return ""
        try:
            return subprocess.run([self._fc_match, f"--format={answer}", pattern], capture_output=True,
                                  text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""


def _family_pattern(declaration: str) -> str:
    """The CSS list `"Noto Serif CJK SC", serif` as fontconfig's family list `Noto Serif CJK SC,serif`."""
    names = [name.strip().strip("\"'").strip() for name in declaration.split(",")]
    return ",".join(re.sub(r"([\\,:-])", r"\\\1", name) for name in names if name)


def _file_identity(file: str) -> str:
    if not file:
        return "-"
    name = os.path.basename(file)
    try:
        stat = os.stat(file)
    except OSError:
        return f"{name}:missing"
    return f"{name}:{stat.st_size}:{stat.st_mtime_ns}"
