"""Where and how `healthpress wechat` writes an export (build/wechatexport.py makes it): its folder, never
inside the docs or site folder nor over someone's files, and its files, each written as every exported file
is (storage/files.py `write_export`)."""

from __future__ import annotations

import os
import stat
from html import escape
from pathlib import Path

from healthpress.build.projectpaths import absolute, project_dir_of
from healthpress.build.wechatexport import COVER_TYPES, ExportRefused, WechatExport
from healthpress.storage.files import export_refusal, write_export

FRAGMENT = "fragment.html"
PREVIEW = "preview.html"
SUMMARY = "summary.txt"
COVER = "cover"
"""The files of an export: the fragment, the same in a page a browser opens (to copy from), the summary,
and the cover image (`cover.jpg`, `cover.png`, ... after its own file)."""


def default_folder(project_dir: Path, export: WechatExport) -> Path:
    """Where an export goes unless told: `wechat/<slug>/` in the project (git ignores wechat/)."""
    return project_dir / "wechat" / export.slug


def output_refusal(config, folder: Path) -> str | None:
    """Why `folder` (the editor's --output) may not take an export, or None: inside the docs folder the next
    build would publish its files as the site's, inside the site folder the next build replaces them."""
    real = Path(os.path.realpath(folder))
    project_dir = project_dir_of(config)
    for place, what in ((absolute(config.docs_dir), "下次生成网站时，其中的文件会被当作网站的内容发布出去"),
                        (absolute(config.site_dir), "下次生成网站时，这个文件夹会被整个替换，导出的文件随之丢失")):
        root = Path(os.path.realpath(place))
        if real == root or root in real.parents:
            shown = os.path.relpath(place, project_dir).replace(os.sep, "/")
            return (f"不能导出到 {folder}：它在网站的 {shown}/ 文件夹里，{what}。"
                    f"写 {shown}/ 以外的文件夹（如 --output 公众号），或不写 --output（导出到 wechat/<别名>/）")
    return None


def _others_files(folder: Path) -> list[str]:
    """The files at the export's names in a folder that holds no earlier export (no fragment.html): an
    editor's own, which an export must not replace."""
    if not folder.is_dir() or (folder / FRAGMENT).exists():
        return []
    return sorted(path.name for path in folder.iterdir() if path.name in (PREVIEW, SUMMARY)
                  or (path.stem == COVER and path.suffix.lower() in COVER_TYPES))


def write_wechat_files(export: WechatExport, folder: Path) -> list[Path]:
    """The export's files in `folder` (made if missing), in order; an earlier export's files replaced (its
    cover of another type removed), but only regular files: a link, folder or device at one of the names
    is refused (storage/files.py `RefusedTarget`), and so is a folder holding no earlier export but files
    of the export's names, before anything is written."""
    if folder.exists() and not folder.is_dir():
        raise ExportRefused(f"无法写入 {folder}：这是一个文件，不是文件夹。用 --output 写一个文件夹的名字")
    folder.mkdir(parents=True, exist_ok=True)
    cover = folder / (COVER + export.cover.suffix.lower()) if export.cover is not None else None
    contents = [(folder / FRAGMENT, (export.fragment + "\n").encode("utf-8")),
                (folder / PREVIEW, preview_page(export).encode("utf-8")),
                (folder / SUMMARY, (export.summary + "\n").encode("utf-8"))]
    if cover is not None:
        contents.append((cover, export.cover.read_bytes()))
    for path, _ in contents:
        if (refusal := export_refusal(path)) is not None:
            raise refusal
    if others := _others_files(folder):
        raise ExportRefused(f"没有导出到 {folder}：这个文件夹里已经有 {'、'.join(others)}，不是以前导出的，导出会覆盖或删除它们。"
                            "写一个新的文件夹名（如 --output 公众号），或先把这些文件移走")
    for old in folder.glob(COVER + ".*"):  # an earlier export's cover of another type
        if old != cover and old.suffix.lower() in COVER_TYPES and stat.S_ISREG(os.lstat(old).st_mode):
            old.unlink()
    for path, data in contents:
        write_export(path, data)
    return [path for path, _ in contents]


def preview_page(export: WechatExport) -> str:
    """The fragment in a page of its own a browser opens in UTF-8: open it, select all, copy, paste."""
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{escape(export.title)}</title>\n</head>\n<body>\n{export.fragment}\n</body>\n</html>\n")
