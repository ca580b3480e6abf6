"""The example site built on MkDocs and on ProperDocs: the two outputs must be the same, byte for byte,
apart from the generator tag (`<meta name="generator" content="mkdocs-1.6.1, ...">` names the engine).

`python -m benchmarks.compare_engines --python mkdocs=.venv/bin/python --python properdocs=.venv-properdocs/bin/python`
(or `./scripts/compare-engines`) copies the example project (mkdocs.yml, content/, columns/, theme/,
data/) into one folder per engine, runs `healthpress build` there with that engine's Python, and
compares the two site/ folders: every file present in both, HTML with its generator tag taken out,
gzip files by their contents (the sitemap's archive header holds a date). Prints the figures and
exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROJECT = ("mkdocs.yml", "content", "columns", "theme", "data")
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def normalised(path: Path) -> bytes:
    """A file's bytes as compared: without the generator tag (HTML), decompressed (gzip)."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        return gzip.decompress(data)
    if path.suffix in (".html", ".htm"):
        return GENERATOR.sub(b"", data)
    return data


def generator(site: Path) -> str:
    """The generator tag's content on the home page ("" when it has none)."""
    found = GENERATOR.search((site / "index.html").read_bytes())
    return found.group(0).split(b'content="', 1)[1].rstrip(b'">').decode() if found else ""


@dataclass
class Comparison:
    compared: int = 0
    html: int = 0
    differing: list[str] = field(default_factory=list)
    only_first: list[str] = field(default_factory=list)
    only_second: list[str] = field(default_factory=list)
    generators_removed: int = 0

    @property
    def identical(self) -> bool:
        return not (self.differing or self.only_first or self.only_second)


def compare(first: Path, second: Path) -> Comparison:
    """Every file of two site folders, as `normalised` reads them."""
    files = lambda root: {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    a, b = files(first), files(second)
    result = Comparison(only_first=sorted(a - b), only_second=sorted(b - a))
    for name in sorted(a & b):
        result.compared += 1
        if name.endswith((".html", ".htm")):
            result.html += 1
            result.generators_removed += len(GENERATOR.findall((first / name).read_bytes()))
        if normalised(first / name) != normalised(second / name):
            result.differing.append(name)
    return result


def build(python: str, engine: str, workdir: Path) -> tuple[Path, float]:
    """The example project copied to workdir/engine and built there with `python -m healthpress.cli build`."""
    project = workdir / engine
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    for name in PROJECT:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    env = {**os.environ, "HEALTHPRESS_ENGINE": engine}
    started = time.perf_counter()
    subprocess.run([python, "-m", "healthpress.cli", "build"], cwd=project, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return project / "site", time.perf_counter() - started


def report(comparison: Comparison, sites: dict[str, Path], seconds: dict[str, float]) -> str:
    lines = ["# 两种引擎生成的示例网站对比", ""]
    for engine, site in sites.items():
        lines.append(f"- {engine}：{generator(site)}（生成用了 {seconds[engine]:.1f} 秒）")
    first, second = sites
    lines += ["", f"比较了两边都有的 {comparison.compared} 个文件（其中网页 {comparison.html} 个，"
              f"去掉了 {comparison.generators_removed} 个 generator 标记）。",
              f"只在 {first} 一边：{len(comparison.only_first)} 个；只在 {second} 一边：{len(comparison.only_second)} 个；"
              f"内容不同：{len(comparison.differing)} 个。"]
    for title, names in (("内容不同", comparison.differing), (f"只在 {first}", comparison.only_first),
                         (f"只在 {second}", comparison.only_second)):
        lines += [f"  {title}：{name}" for name in names[:20]]
        if len(names) > 20:
            lines.append(f"  ……还有 {len(names) - 20} 个")
    lines += ["", "结论：除 generator 标记外完全相同。" if comparison.identical else "结论：两种引擎的输出不同（见上）。"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="compare-engines", description="用两种引擎生成示例网站并逐字节比较")
    parser.add_argument("--python", action="append", required=True, metavar="ENGINE=PYTHON",
                        help="一种引擎和装有它的 Python，如 properdocs=.venv-properdocs/bin/python（给两次）")
    parser.add_argument("--workdir", type=Path, help="生成网站的文件夹（默认临时文件夹，比较完删除）")
    args = parser.parse_args(argv)
    pythons = {engine: os.path.abspath(python) for engine, python in (item.split("=", 1) for item in args.python)}
    if len(pythons) != 2:
        parser.error("--python 要给两次，每种引擎一次")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="compare-engines-"))
    try:
        sites, seconds = {}, {}
        for engine, python in pythons.items():
            print(f"==> 用 {engine} 生成示例网站", file=sys.stderr)
            sites[engine], seconds[engine] = build(python, engine, workdir)
        comparison = compare(*sites.values())
        print(report(comparison, sites, seconds))
        return 0 if comparison.identical else 1
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
