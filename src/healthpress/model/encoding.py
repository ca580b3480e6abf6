"""Read editors' files as UTF-8, and name the encoding when a file is not (GBK, GB18030, UTF-16)."""

from __future__ import annotations

import codecs
from pathlib import Path

from healthpress.model.findings import Finding

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def detect_encoding(data: bytes) -> str | None:
    """'utf-8', 'utf-16' or 'gb18030' (which includes GBK), or None when it is none of them."""
    if data.startswith(UTF16_BOMS):
        return "utf-16"
    if b"\x00" in data and _looks_like_utf16(data):
        return "utf-16-be" if data[0:1] == b"\x00" else "utf-16-le"
    try:
        data.decode("utf-8-sig")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return None
    try:
        data.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        return None


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 text with a few stray bytes (not GBK, which `fix-encoding` would turn into garbage)."""
    text = data.decode("utf-8", errors="replace")
    chinese = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return chinese >= 4 and text.count("\ufffd") * 10 <= chinese


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: an article starts with `---`, or every other byte of ASCII text is NUL."""
    if data.startswith((b"-\x00-\x00-\x00", b"\x00-\x00-\x00-")):
        return True
    sample = data[:200]
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4


def decode_source(path: str, data: bytes) -> tuple[str | None, list[Finding]]:
    """The file's text, or a finding that names its encoding and the command that converts it."""
    if b"\x00" not in data and not data.startswith(UTF16_BOMS):  # what detect_encoding calls UTF-8, decoded once
        try:
            return data.decode("utf-8-sig"), []
        except UnicodeDecodeError:
            pass
    encoding = detect_encoding(data)
    fix = f"运行 healthpress fix-encoding {path} 转换为 UTF-8（会保留一份备份），或用编辑器“另存为 UTF-8”"
    if encoding == "utf-8":
        text = data.decode("utf-8-sig")
        if "\x00" in text:
            line = text[: text.index("\x00")].count("\n") + 1
            return None, [Finding(path, line, None, "nul-byte", "文件里有空字符（NUL），可能是从其他软件复制时带入的",
                                  "用编辑器删除这一行的乱码，或重新输入这一行")]
        return text, []
    if encoding is None:
        bad = _first_bad_byte(data)
        line = data[:bad].count(b"\n") + 1
        return None, [Finding(path, line, None, "encoding-unknown",
                              "文件里有无法识别的字节（不是有效的 UTF-8，也不是 GBK）",
                              "检查这一行是否有乱码，删除后重新输入，再用编辑器“另存为 UTF-8”")]
    name = "GBK/GB18030" if encoding == "gb18030" else "UTF-16"
    return None, [Finding(path, None, None, "encoding", f"文件是 {name} 编码，网站只接受 UTF-8", fix)]


def _first_bad_byte(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def fix_encoding(path: Path) -> tuple[str, Path | None]:
    """Convert `path` to UTF-8 in place; the original is kept as a hidden `.<name>.<encoding>.bak`.

    Returns the encoding found and the backup (None when the file was UTF-8 already).
    Hidden files are never published, so the backup does not reach the site.
    """
    data = path.read_bytes()
    encoding = detect_encoding(data)
    if encoding is None:
        raise ValueError(f"{path}: 无法识别文件编码")
    if encoding == "utf-8":
        return encoding, None
    text = data.decode(encoding)
    backup = path.with_name(f".{path.name}.{encoding}.bak")
    backup.write_bytes(data)
    path.write_text(text.lstrip("\ufeff").replace("\r\n", "\n"), encoding="utf-8")
    return encoding, backup
