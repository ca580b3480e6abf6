"""The day each file of a folder first entered its git repository, read from one `git log` of the repository.

One pass over the repository's whole history (`git log --name-status -M --reverse`) gives every file's first
commit, following renames (a file renamed, or moved into the folder from another, keeps the time it was first
added under its old name, even in a commit renaming thousands of files). One `git log --follow` per file would take a process per article (about 0.09 CPU-s
each: 90 s for 1,000 articles, against 0.08 s for this one pass; 1.2 s for 10,000 files and 2,050 commits), and
its guesses are wrong for a bureau's articles: it takes a new article for a copy of an older one much like it
and follows that. Here a copy is a new file, and only a file removed in the same commit can be renamed. A file
added, removed and added again keeps its first time. Times are committer times: when the commit entered the
repository, not when its author says it was written.

Model-free: paths and Unix times only; whether a time is too late for an article is checks/backdating.py's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

GIT_SECONDS = 300
"""Most seconds the history may take to read (10,000 files and 2,050 commits: about 1.2 CPU-s)."""

HEADER = "commit "

State = Literal["read", "not-checkout", "shallow", "partial", "no-git", "failed"]

REPOSITORY_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY",
                        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_IMPLICIT_WORK_TREE", "GIT_PREFIX", "GIT_NAMESPACE",
                        "GIT_SHALLOW_FILE", "GIT_GRAFT_FILE", "GIT_REPLACE_REF_BASE", "GIT_NO_REPLACE_OBJECTS")
"""The environment variables that point git at a repository (a git hook runs with GIT_DIR=.git, say): left
out, so the repository read is always the folder's own."""

SAFE_SETTINGS = ("protocol.allow=never", "core.fsmonitor=false", "log.showRoot=true", "diff.relative=false",
                 "log.showSignature=false")
"""Settings given to every git call: no transport (a partial clone would fetch missing contents by running the
program its .git/config names), no file-system monitor program; and the user's settings that would change what
is read set back (log.showRoot=false hides the first commit's files, diff.relative=true shortens the paths);
a setting this git does not know is ignored."""


@dataclass(frozen=True, slots=True)
class FolderHistory:
    """What git says of a folder: `state` "read" (then `first_added`), or why it could not be read."""

    state: State
    first_added: dict[str, int] = field(default_factory=dict)
    """Committer time (Unix seconds) of each file's first commit, by its path relative to the folder (with /);
    a file not yet committed is absent."""
    detail: str = ""
    """git's own words when it failed (its first error line, else its first line of error output)."""


def folder_history(folder: Path) -> FolderHistory:
    """The first commit time of every file under `folder` (the whole repository's history read, the paths
    outside `folder` left out), or why git history cannot tell them: not a git
    checkout, a shallow clone (its history cut off, so every file would seem added by its oldest commit), a
    partial clone lacking the old contents following a rename needs (never fetched), git not installed, or git failing (say, "dubious ownership")."""
    git = shutil.which("git")
    if git is None:
        return FolderHistory("no-git")
    asked = _git(git, folder, "rev-parse", "--is-shallow-repository", "--show-prefix")
    if isinstance(asked, str):
        return FolderHistory("not-checkout" if "not a git repository" in asked else "failed", detail=asked)
    shallow, _, prefix = asked.decode("utf-8", "surrogateescape").partition("\n")
    if shallow.strip() == "true":
        return FolderHistory("shallow")
    if isinstance(_git(git, folder, "rev-parse", "--verify", "--quiet", "HEAD"), str):
        return FolderHistory("read")  # a repository without a commit yet: nothing is committed
    # -l0: renames looked for among any number of files (git's default stops at 1,000 changed in one commit); a
    # commit renaming and editing 5,000 articles costs about 5 CPU-s more (the pairs compared grow as its square).
    logged = _git(git, folder, "log", "--format=" + HEADER + "%ct", "--name-status", "-M", "-l0", "--diff-filter=AR",
                  "-z", "--reverse", "--topo-order", "--no-color", "--no-ext-diff", "--no-textconv")
    if isinstance(logged, str):
        return FolderHistory("partial" if _partial_clone(git, folder) else "failed", detail=logged)
    return FolderHistory("read", first_additions(logged, prefix.strip()))


def first_additions(log: bytes, prefix: str = "") -> dict[str, int]:
    """Each file's first commit time from `git log -z --name-status --reverse` output whose commit lines are
    HEADER + time; paths are given relative to `prefix` (the folder's place in the repository, with /)."""
    first: dict[str, int] = {}
    tokens = log.decode("utf-8", "surrogateescape").split("\0")
    when = 0
    index = 0
    while index < len(tokens):
        token = tokens[index].lstrip("\n")
        index += 1
        if token.startswith(HEADER):
            when = int(token[len(HEADER):])
        elif token.startswith("A"):
            first.setdefault(tokens[index], when)
            index += 1
        elif token.startswith(("R", "C")):
            old, new = tokens[index], tokens[index + 1]
            index += 2
            added = first.pop(old, when) if token.startswith("R") else when
            first.setdefault(new, added)
        elif token:
            index += 1  # a status this reading does not ask for (M, D, T): one path
    return {path[len(prefix):]: when for path, when in first.items() if path.startswith(prefix)}


def _partial_clone(git: str, folder: Path) -> bool:
    """Whether the repository is a partial clone (git clone --filter): a remote promises the contents it lacks."""
    said = _git(git, folder, "config", "--get-regexp", r"^(remote\..*\.promisor|extensions\.partialclone)$")
    return isinstance(said, bytes) and any(not line.endswith(b" false") for line in said.splitlines() if line)


def _git(git: str, folder: Path, *args: str) -> bytes | str:
    """git's output, or its first line of error output (str) when it fails."""
    try:
        settings = [part for setting in SAFE_SETTINGS for part in ("-c", setting)]
        env = {name: value for name, value in os.environ.items() if name not in REPOSITORY_VARIABLES}
        done = subprocess.run([git, *settings, *args], cwd=folder, capture_output=True, stdin=subprocess.DEVNULL,
                              timeout=GIT_SECONDS, env={**env, "GIT_OPTIONAL_LOCKS": "0", "GIT_NO_LAZY_FETCH": "1",
                                                        "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc) or type(exc).__name__
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        fatal = [line for line in lines if line.startswith(("fatal:", "error:"))]
        return (fatal or lines or [f"git 退出码 {done.returncode}"])[0]
    return done.stdout
