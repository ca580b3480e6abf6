"""Which font files a print document's text would be set in, as a PDF's cache key names them.

WeasyPrint sets text through Pango, which asks fontconfig for the first installed family of each CSS
`font-family` list. `FontFiles.identity(document)` asks fontconfig (`fc-match`) the same for every
`font-family` the document declares, in the regular and the bold weight, and names each file it gets
by its path, size and modification time: after the system's fonts change (a font installed, removed
or updated) the identity changes, and so does the key of every PDF set in them. The answers are kept
for the object's life (one build): a print template's few declarations are asked once, not per PDF.
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
        self._fc_match = shutil.which("fc-match")

    def identity(self, document: str) -> str:
        """'path:size:mtime' of every font file the document's font-family lists resolve to, one a line
        (or '-' for a list fontconfig cannot answer for)."""
        lists = tuple(sorted({_family_pattern(m) for m in _FONT_FAMILY.findall(document)}))
        if lists not in self._known:
            files = sorted({self._resolve(f"{pattern}:weight={weight}") for pattern in lists for weight in _WEIGHTS})
            self._known[lists] = "\n".join(_file_identity(file) for file in files)
        return self._known[lists]

    def _resolve(self, pattern: str) -> str:
        if self._fc_match is None:
            return ""
        try:
            return subprocess.run([self._fc_match, "--format=%{file}", pattern], capture_output=True,
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
    try:
        stat = os.stat(file)
    except OSError:
        return f"{file}:missing"
    return f"{file}:{stat.st_size}:{stat.st_mtime_ns}"
