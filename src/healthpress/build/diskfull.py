"""A build that failed because the disk is full: recognised in whatever MkDocs or healthpress raised,
and said in Chinese with what the build needed, what is free and what to do.

The Build cleans up before it says so (`Build.abort`): the staging folder and the previous output
kept for the next build (`.site.recycle`) are deleted, since on a full disk they hold the space the
next build needs; the published site is never touched.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from healthpress.model.oswords import os_reason

FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def disk_full_error(error: BaseException | None) -> OSError | None:
    """The "no space left" (or quota exceeded) error behind `error`, following its causes; else None."""
    seen = 0
    while error is not None and seen < 8:
        if isinstance(error, OSError) and error.errno in FULL:
            return error
        error = error.__cause__ or error.__context__
        seen += 1
    return None


def _file_stats(folder: Path):
    """The lstat of every file under `folder` (one that vanishes meanwhile is passed over)."""
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                yield os.lstat(os.path.join(root, name))
            except OSError:
                continue


def folder_size(folder: Path) -> int:
    """Bytes of the files under `folder`, each file once (a page hard-linked twice is counted once)."""
    return footprint(folder, None, 0)[0]


def footprint(staging_dir: Path, cache_dir: Path | None, since_ns: int) -> tuple[int, int]:
    """Bytes a failed build wrote, each file once: its staging folder's files and the cache files written
    since it started (`since_ns`); and how many of them are in the cache (kept there after the failure)."""
    seen: set[tuple[int, int]] = set()
    total = in_cache = 0
    for folder, recent_only in ((cache_dir, True), (staging_dir, False)):
        if folder is None:
            continue
        for stat in _file_stats(folder):
            if (recent_only and stat.st_mtime_ns < since_ns) or (stat.st_dev, stat.st_ino) in seen:
                continue
            seen.add((stat.st_dev, stat.st_ino))
            total += stat.st_size
            if recent_only:
                in_cache += stat.st_size
    return total, in_cache


def free_space(path: Path) -> int | None:
    """Bytes free for this user on the disk holding `path` (its nearest existing folder)."""
    for folder in (path, *path.parents):
        try:
            return shutil.disk_usage(folder).free
        except OSError:
            continue
    return None


def size_text(size: int | None) -> str:
    if size is None:
        return "未知"
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} 字节"


def disk_full_message(failure: OSError, *, published: str, published_size: int | None, written: int,
                      failed_at: str | None, disk: str, free: int | None, cache: str | None,
                      first: bool = False, in_cache: int = 0) -> str:
    """What happened, what a build needs, what is free and what to do, for an editor."""
    quota = getattr(errno, "EDQUOT", None) is not None and failure.errno == errno.EDQUOT
    reason = "磁盘配额已用完" if quota else "磁盘空间不足"
    where = f"写入 {failed_at} 时" if failed_at else "生成时"
    if published_size:
        need = (f"每次生成都在 {published} 旁边另写一份完整的网站，成功后再换上去，"
                f"所以要有和上次发布的网站一样多的可用空间：{size_text(published_size)}")
        room = published_size
    else:
        kept = f"（其中 {size_text(in_cache)} 写进了缓存 {cache}，仍保留着，下次生成直接用上）" if in_cache and cache else ""
        need = f"出错时这次生成已写了 {size_text(written)}{kept}，完整的网站比这更大，所以至少要有这么多空间"
        room = written
    cache_hint = f"；也可以删除缓存 {cache}，只是下次生成会慢一些" if cache else ""
    shortfall = room - free if free is not None else room
    if shortfall > 0:
        todo = f"在这块磁盘上再腾出至少 {size_text(shortfall)}（删除不需要的文件{cache_hint}），然后重新生成。"
    else:
        todo = (f"删掉临时文件夹后空间可能已经够了，可以重新生成试试；如果再次写满，"
                f"请在这块磁盘上腾出更多空间（删除不需要的文件{cache_hint}）。")
    state = (f"还没有发布过网站（{published} 不存在），这次也没有发布" if first
             else f"原来的 {published} 保持不变")
    removed = "这次生成的临时文件夹已经删除" if first else "这次生成的临时文件夹和保留的上次输出已经删除"
    cached = f"（缓存里这次写入的 {size_text(in_cache)} 没有删除，仍占着空间）" if in_cache and cache else ""
    return (f"{reason}，网站没有生成，{state}。{where}出错（{os_reason(failure)}）。"
            f"{need}。{removed}，{disk} 所在的磁盘现在可用 "
            f"{size_text(free)}{cached}。解决办法：{todo}")
