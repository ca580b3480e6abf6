"""Where a build keeps its caches, and whether it may: never in a folder that git tracks files of.

A cache is only ever what healthpress wrote on this machine. Files committed under the cache folder
(`git add -f`) arrive with a checkout, from whoever committed them; a build in such a project reads no
cache and writes none (it would change tracked files), and says how to stop tracking them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from healthpress.engine.log import log

GIT_SECONDS = 30


def cache_dir_for(project_dir: Path, configured: str, mode_name: str, enabled: bool) -> Path | None:
    """The folder of this mode's caches (`configured`/`mode_name`), or None when the cache is off or git
    tracks files under `configured`."""
    if not enabled:
        return None
    root = project_dir / configured
    tracked = tracked_files(project_dir, root)
    if tracked:
        shown = os.path.relpath(root, project_dir).replace(os.sep, "/")
        log.warning(f"缓存目录 {shown} 里有 {tracked} 个文件被 git 跟踪（提交进了仓库），这次生成不读也不写缓存 — "
                    f"运行 git rm -r --cached {shown} 并提交，再把 {shown}/ 写进 .gitignore")
        return None
    return root / mode_name


def tracked_files(project_dir: Path, folder: Path) -> int:
    """How many files under `folder` git tracks; 0 when the project is no git checkout (or git is missing)."""
    git = shutil.which("git")
    if git is None:
        return 0
    try:
        done = subprocess.run([git, "ls-files", "-z", "--", str(folder)], cwd=project_dir, capture_output=True,
                              stdin=subprocess.DEVNULL, timeout=GIT_SECONDS)
    except (OSError, subprocess.SubprocessError):
        return 0
    if done.returncode != 0:  # not a git checkout, or the folder is outside it
        return 0
    return done.stdout.count(b"\0")
