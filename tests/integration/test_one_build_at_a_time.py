"""One build at a time (build/lock.py): two builds of one project started together both succeed and
publish the complete site; a build waits for the one that holds the output, names it, and gives up
after `lock_timeout`; the locks go with the build however it ends; `serve` and a build of the same
project leave each other alone; `serve` on a port in use says so."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers import SiteFolder, article
from healthpress.build.lock import BuildLock, Guarded
from tests.integration.test_commands import fetch, serving

HEALTHPRESS = (sys.executable, "-m", "healthpress.cli", "build")
MKDOCS = (sys.executable, "-m", "mkdocs", "build")
ENV = {**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1798732800"}
PAIRS = 20


def tree(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}


@pytest.fixture
def project(site: SiteFolder) -> SiteFolder:
    """A few articles in two columns, search index off: a build takes well under a second."""
    for n in range(6):
        site.write(f"news/n{n}.md", article(f"新闻{n}", f"2014-0{n + 1}-1{n}", f"第{n}篇新闻的正文。", tags=["防疫"]))
    site.write("health-weekly/w1.md", article("合理用药", "2014-03-03", "周刊正文。", issue=1))
    site.write_project()
    return site


def start(project: SiteFolder, command: tuple[str, ...], *args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([*command, *args], cwd=project.root, env={**ENV, **(env or {})}, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def run(project: SiteFolder, command: tuple[str, ...] = HEALTHPRESS, *args: str,
        env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*command, *args], cwd=project.root, env={**ENV, **(env or {})}, text=True,
                          capture_output=True, timeout=120)


class StderrLines:
    """A running command's standard error, read as it comes (so a test can wait for a line, not a time)."""

    def __init__(self, process: subprocess.Popen):
        self._lines: list[str] = []
        self._said = threading.Condition()
        self._reader = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._reader.start()

    def _read(self, process: subprocess.Popen) -> None:
        for line in process.stderr:
            with self._said:
                self._lines.append(line)
                self._said.notify_all()

    def wait_for(self, words: str, seconds: float) -> bool:
        """Whether a line with `words` came within `seconds`."""
        with self._said:
            return self._said.wait_for(lambda: any(words in line for line in self._lines), timeout=seconds)

    def text(self) -> str:
        """Everything said so far; once the process has ended, everything it said."""
        self._reader.join(timeout=5)
        with self._said:
            return "".join(self._lines)


def leftovers(project: SiteFolder) -> list[str]:
    """What a build that ended must not leave beside site/: its staging folder and its lock."""
    return sorted(p.name for p in project.root.iterdir() if p.name in (".site.building", ".site.lock"))


def reference(project: SiteFolder) -> dict[str, bytes]:
    result = run(project)
    assert result.returncode == 0, result.stderr
    return tree(project.root / "site")


def test_two_builds_started_together_both_succeed_and_publish_the_complete_site(project):
    """20 pairs, each a `healthpress build` and a `mkdocs build` started at once (the lock is the Build's,
    not the CLI's); every other pair starts from nothing (no site, no kept output, no cache)."""
    expected = reference(project)
    assert len(expected) > 40 and "index.html" in expected and "sitemap.xml.gz" in expected
    waited = 0
    for pair in range(PAIRS):
        if pair % 2 == 0:
            for name in ("site", ".site.recycle", ".cache"):
                shutil.rmtree(project.root / name, ignore_errors=True)
        builds = [start(project, HEALTHPRESS), start(project, MKDOCS)]
        results = [(build.wait(timeout=120), *build.communicate()) for build in builds]
        for code, _out, err in results:
            assert code == 0, f"pair {pair}: {err[-3000:]}"
            assert "Traceback" not in err, err[-3000:]
        waited += sum("等它结束后再开始生成" in err for _code, _out, err in results)
        published = tree(project.root / "site")
        assert sorted(published) == sorted(expected), f"pair {pair}: {sorted(set(expected) ^ set(published))[:10]}"
        assert published == expected, f"pair {pair}: the files differ"
        assert leftovers(project) == [], f"pair {pair}"
    assert waited >= PAIRS // 2, f"only {waited} of {PAIRS} pairs overlapped: the test did not race the builds"


@pytest.fixture
def held(project):
    """The output's lock, held by the test as another build would hold it (after two builds: the second
    kept the output the first published, `.site.recycle`)."""
    reference(project)
    reference(project)
    lock = BuildLock([Guarded(project.root / ".site.lock", "site/")], 0, print)
    lock.acquire()
    yield lock
    lock.release()


def test_a_build_waits_for_the_one_that_holds_the_output_naming_it_and_then_builds(project, held):
    before = tree(project.root / "site")
    project.write("news/n0.md", article("新闻0（更正）", "2014-01-10", "更正后的正文。"))
    build = start(project, HEALTHPRESS)
    said = StderrLines(build)
    assert said.wait_for("等它结束后再开始生成", seconds=60), said.text()  # not a fixed sleep: a loaded machine
    assert build.poll() is None, "the second build did not wait"  # takes seconds only to start the build
    assert tree(project.root / "site") == before and not (project.root / ".site.building").exists()
    held.release()
    code = build.wait(timeout=60)
    err = said.text()
    assert code == 0, err
    assert f"site/ 正被进程 {os.getpid()}（" in err and "等它结束后再开始生成" in err and "lock_timeout" in err
    assert "site/ 已空出" in err
    assert "更正后的正文" in (project.root / "site" / "news" / "2014" / "01" / "n0" / "index.html").read_text("utf-8")
    assert leftovers(project) == []


@pytest.mark.parametrize("how", [("--wait", "1"), ("lock_timeout", 0)], ids=["wait-option", "lock_timeout-0"])
def test_a_build_that_waited_long_enough_stops_with_a_message_and_touches_nothing(project, held, how):
    before = tree(project.root / "site")
    recycle = tree(project.root / ".site.recycle")
    args: tuple[str, ...] = ()
    if how[0] == "--wait":
        args = how
    else:
        project.config["plugins"][0]["healthpress"]["lock_timeout"] = how[1]
        project.write_project()
    project.write("news/n1.md", article("新闻1（更正）", "2014-02-11", "更正后的正文。"))
    started = time.monotonic()
    result = run(project, HEALTHPRESS, *args)
    assert result.returncode == 1
    assert time.monotonic() - started < 20
    assert f"site/ 正被进程 {os.getpid()}（" in result.stderr and "这次生成没有开始" in result.stderr
    assert f"kill {os.getpid()}" in result.stderr
    if how[0] == "--wait":
        assert "等了 1.0 秒" in result.stderr and "healthpress build --wait 秒数" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.rstrip().endswith("生成失败（原因见上），原来的网站保持不变。")
    assert tree(project.root / "site") == before
    assert tree(project.root / ".site.recycle") == recycle, "the kept output belongs to the build that holds the lock"
    mkdocs = run(project, MKDOCS, env={"NO_COLOR": "1"}) if how[0] != "--wait" else None
    if mkdocs is not None:
        assert mkdocs.returncode != 0 and "这次生成没有开始" in mkdocs.stderr and "Traceback" not in mkdocs.stderr


PAUSE_HOOK = """
import os
import time

from mkdocs.plugins import event_priority


@event_priority(100)  # before healthpress' own: every page is in the staging folder, nothing is published
def on_post_build(config):
    marker = os.environ.get("HP_PAUSED")
    if marker:
        open(marker, "w").close()
        time.sleep(60)
"""


@pytest.mark.parametrize("command, stop, code", [
    (HEALTHPRESS, signal.SIGTERM, 143), (HEALTHPRESS, signal.SIGINT, 130), (MKDOCS, signal.SIGTERM, -15),
    (MKDOCS, signal.SIGKILL, -9)], ids=["healthpress-sigterm", "healthpress-ctrl-c", "mkdocs-sigterm", "mkdocs-kill"])
def test_a_build_stopped_half_way_holds_nothing_and_leaves_the_site(project, tmp_path, command, stop, code):
    (project.root / "pause.py").write_text(PAUSE_HOOK, encoding="utf-8")
    project.config["hooks"] = ["pause.py"]
    project.write_project()
    expected = reference(project)
    marker = tmp_path / "paused"
    build = start(project, command, env={"HP_PAUSED": str(marker)})
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert build.poll() is None and time.monotonic() < deadline, build.communicate()
        time.sleep(0.05)
    assert (project.root / ".site.lock").exists() and (project.root / ".site.building").is_dir()
    build.send_signal(stop)
    assert build.wait(timeout=30) == code
    err = build.communicate()[1]
    if command is HEALTHPRESS:
        assert "生成已中断，网站没有更新，原来的网站保持不变。" in err and "Traceback" not in err, err
        assert leftovers(project) == []
    assert tree(project.root / "site") == expected
    again = run(project, HEALTHPRESS, "--wait", "0")  # nobody holds the locks: the kernel let go with the process
    assert again.returncode == 0, again.stderr
    assert tree(project.root / "site") == expected
    assert leftovers(project) == []


def test_a_failed_or_strict_build_lets_go_of_its_locks(project):
    expected = reference(project)
    project.write("news/bad.md", "---\ntitle: 坏\ndate: 2014年5月8日\n---\n")
    failed = run(project)
    assert failed.returncode == 1 and "content/news/bad.md:3: date:" in failed.stderr
    assert leftovers(project) == []
    project.write("news/bad.md", article("坏", "2014-05-08", authr="张明"))  # a warning
    strict = run(project, HEALTHPRESS, "--strict")
    assert strict.returncode == 1 and "严格模式（--strict）下出现了警告" in strict.stderr
    assert tree(project.root / "site") == expected and leftovers(project) == []
    (project.root / "content" / "news" / "bad.md").unlink()
    assert run(project, HEALTHPRESS, "--wait", "0").returncode == 0
    assert tree(project.root / "site") == expected


def test_builds_beside_serve_of_the_same_project_publish_the_complete_site(project):
    """serve writes its preview into a temporary folder and its cache into its own subfolder and takes no
    lock: builds beside it (while it rebuilds, too) publish exactly the site a build alone publishes."""
    expected = reference(project)
    shutil.rmtree(project.root / "site")
    with serving(project) as port:
        deadline = time.monotonic() + 60
        assert "新闻3" in fetch(f"http://127.0.0.1:{port}/news/", deadline)
        config = (project.root / "mkdocs.yml").read_bytes()
        for _ in range(3):
            build = start(project, HEALTHPRESS)
            time.sleep(0.3)
            (project.root / "mkdocs.yml").write_bytes(config)  # the same bytes: serve rebuilds, the build's site is the same
            code, _out, err = build.wait(timeout=120), *build.communicate()
            assert code == 0, err
            assert "正被" not in err, "serve held the build's lock"
            assert tree(project.root / "site") == expected
            assert leftovers(project) == []
        assert "新闻3" in fetch(f"http://127.0.0.1:{port}/news/", deadline)
        assert "第3篇新闻的正文" in fetch(f"http://127.0.0.1:{port}/news/2014/04/n3/", deadline), "serve still previews"
    log = (project.root / "serve.log").read_text(encoding="utf-8")
    assert "Traceback" not in log, log[-3000:]
    assert (project.root / ".cache" / "healthpress" / "serve").is_dir()
    assert tree(project.root / "site") == expected


def test_serve_on_a_port_in_use_says_which_and_how_to_choose_another(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "healthpress.cli", "serve", "-a", f"127.0.0.1:{port}"],
                                cwd=project.root, env=ENV, text=True, capture_output=True, timeout=60)
    assert result.returncode == 1
    assert f"端口 {port} 已被占用" in result.stderr and f"healthpress serve -a 127.0.0.1:{port + 1}" in result.stderr
    assert "Traceback" not in result.stderr
    assert time.monotonic() - started < 10, "it said so before building the site"
