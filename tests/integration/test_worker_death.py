"""A worker process that dies mid-build (the out-of-memory killer) ends the build at once, in Chinese,
with the published site as it was; workers ignore Ctrl-C, which the main process handles."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from helpers import SiteFolder, article

ARTICLES = 90
"""Enough for two worker processes (workers.MIN_ITEMS_PER_WORKER items each) both reading and rendering."""

KILLED_WORKER = """
import os, signal, sys
import healthpress.build.workers as workers
main, job, run_batch = os.getpid(), sys.argv.pop(1), workers._run_batch

def dying(batch):
    if os.getpid() != main and workers._job.__name__ == job:  # a worker of that pool, mid-job
        os.kill(os.getpid(), signal.SIGKILL)
    return run_batch(batch)

workers._run_batch = dying
from healthpress.cli import entry
entry()
"""
"""`healthpress` whose workers of one pool (`parse`: reading the articles, `render`: the pages) are killed
as the out-of-memory killer does; the job's name comes first on the command line."""


def tree(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}


@pytest.fixture
def published(site: SiteFolder, run_cli) -> SiteFolder:
    """A project of many articles, built and published once, set to use two worker processes."""
    for n in range(ARTICLES):
        site.write(f"news/a{n:03d}.md", article(f"文章{n:03d}", f"2014-{n % 12 + 1:02d}-{n % 27 + 1:02d}"))
    site.config["plugins"][0]["healthpress"].update(workers=2, cache=False)
    done = run_cli(site, "build")
    assert done.returncode == 0, done.stderr
    return site


@pytest.mark.parametrize("job", ["parse", "render"])
@pytest.mark.parametrize("command", ["build", "check"])
def test_a_killed_worker_ends_the_run_in_chinese_and_leaves_the_site(published, run_cli, command, job):
    before = tree(published.root / "site")
    published.write("news/a000.md", article("改过的文章", "2014-01-01"))  # something new to publish
    done = run_cli(published, job, command, program=("-c", KILLED_WORKER))  # run_cli's timeout bounds a hang
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "工作进程意外结束" in output and "内存不足" in output and "workers" in output, output
    assert "已发布的网站保持不变" in output, output
    assert "Traceback" not in output, output
    assert tree(published.root / "site") == before


def test_workers_ignore_ctrl_c():
    from healthpress.build.workers import map_in_order

    handlers = list(map_in_order(lambda _: signal.getsignal(signal.SIGINT), list(range(100)), 2))
    assert set(handlers) == {signal.SIG_IGN}
