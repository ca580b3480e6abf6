"""Where a build keeps its caches, and whether it may: never in a folder that git tracks files of.

A cache is only ever what healthpress wrote on this machine. Files committed under the cache folder
(`git add -f`) arrive with a checkout, from whoever committed them; a build in such a project reads no
cache and writes none (it would change tracked files), and says how to stop tracking them. A project
with a `.git` where git fails (not installed, "dubious ownership") cannot be told apart from one that
tracks its cache: no cache is used, and the build says why. Nor is one used without a cache secret
(storage/secret.py): every cache file is keyed with it. A link in place of the cache folder is removed
(the link, never its target), and the folder is made anew.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from healthpress.engine.log import log
from healthpress.storage.files import real_folder
from healthpress.storage.secret import ENVIRONMENT_VARIABLE, cache_secret

GIT_SECONDS = 30


def cache_dir_for(project_dir: Path, configured: str, mode_name: str, enabled: bool) -> Path | None:
    """The folder of this mode's caches (`configured`/`mode_name`), or None when the cache is off or git
    tracks files under `configured`."""
    if not enabled:
        return None
    root = project_dir / configured
    tracked = tracked_files(project_dir, root)
    if tracked is None:
        log.warning("这个项目是 git 仓库，但 git 无法运行（未安装，或提示 dubious ownership 等），"
                    "无法确认缓存目录没有被提交进仓库，这次生成不读也不写缓存")
        return None
    if tracked:
        shown = os.path.relpath(root, project_dir).replace(os.sep, "/")
        log.warning(f"缓存目录 {shown} 里有 {tracked} 个文件被 git 跟踪（提交进了仓库），这次生成不读也不写缓存 — "
                    f"运行 git rm -r --cached {shown} 并提交，再把 {shown}/ 写进 .gitignore")
        return None
    if cache_secret() is None:
        log.info(f"没有可写的用户数据目录，也没有设置 {ENVIRONMENT_VARIABLE}，无法给缓存签名，这次生成不读也不写缓存")
        return None
    real_folder(root)
    return real_folder(root / mode_name)


def tracked_files(project_dir: Path, folder: Path) -> int | None:
    """How many files under `folder` git tracks; 0 when the project is no git checkout; None when it has
    a `.git` but git is missing or fails."""
    checkout = any(os.path.lexists(folder / ".git") for folder in (project_dir, *project_dir.resolve().parents))
    git = shutil.which("git")
    if git is None:
        return None if checkout else 0
    try:
        done = subprocess.run([git, "ls-files", "-z", "--", str(folder)], cwd=project_dir, capture_output=True,
                              stdin=subprocess.DEVNULL, timeout=GIT_SECONDS)
    except (OSError, subprocess.SubprocessError):
        return None if checkout else 0
    if done.returncode != 0:  # not a git checkout, or the folder is outside it; or git refused
        return None if checkout else 0
    return done.stdout.count(b"\0")
