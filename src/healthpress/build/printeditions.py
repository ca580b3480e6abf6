"""The print edition of every issue of the site's periodicals: one A4 PDF an issue, made when it changed.

Run by the Build once every article page is written and before the listings (the issue page links to
its PDF with its size). Each issue's print document is rendered in this process from its articles'
pages (render/printedition.py); its key (printcache.py) digests that document, the font files fontconfig
sets it in (printfontfiles.py, asked once a build), the bytes of every image it names and the versions
of the PDF libraries. A PDF whose key the cache holds is checked and linked in;
the others are made by WeasyPrint on every core (workers.py), each whole or not at all: one that cannot be
made is a warning saying which issue and why, and its page shows no link.

WeasyPrint leaves each PDF's layout in reference cycles (some 3 MB a PDF) that only a full collection
frees, and a process holding the build's objects runs one seldom: a worker grew to 724 MiB over 1,772
PDFs. So every PDF is followed by a collection, which, the build's objects settled first (heap.py),
looks at that PDF's objects only.
"""

from __future__ import annotations

import gc
import hashlib
import html
import importlib.metadata
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Callable, Mapping

from healthpress.build import heap
from healthpress.build.printcache import PrintCache, remember, remembered
from healthpress.build.printfontcache import CutFaces, cut_faces, face_folder
from healthpress.build.workers import map_in_order, worker_count
from healthpress.bureau.periodical import build_issues
from healthpress.engine.log import log
from healthpress.model.findings import Finding, Level
from healthpress.render.printedition import (PRINT_TEMPLATE, PrintEdition, PrintFailed, edition_url, missing_requirement,
                                             print_issue, site_file, write_pdf)
from healthpress.render.printfontcut import CUT_FAMILY, character_set
from healthpress.render.printfontfiles import FontFiles
from healthpress.render.sitemodel import SiteModel
from healthpress.render.views import issue_url

KEY_FORMAT = 3
LIBRARIES = ("weasyprint", "pydyf", "fonttools", "pillow", "tinycss2", "cssselect2", "tinyhtml5", "uharfbuzz")
_IMAGE = re.compile(r'<img\b[^>]*?\ssrc="([^"]*)"')


@dataclass(frozen=True, slots=True)
class EditionJob:
    listing_url: str
    """The issue page's address (site-relative): what the edition is linked from."""
    url: str
    key: str
    document: str
    shown: str
    """The path of the issue's first article, as findings name it."""
    label: str


def make_print_editions(model: SiteModel, env, site_dir: Path, site_url: str, site_name: str,
                        sources: Mapping[str, Path], covers: Mapping[str, str], page_of: Callable[[str], str],
                        cache_root: Path | None, requested_workers: int) -> tuple[dict[str, PrintEdition], list[Finding]]:
    """{issue page's address: its edition} and the findings of the issues whose PDF could not be made.
    `page_of(src_uri)` is an article's body as the site shows it; `sources` maps '/address' to the file,
    `covers` an article's src_uri to its cover's address. A build without a cache cuts the faces into a
    folder of its own, removed afterwards: its PDFs are the same bytes as a cached build's."""
    with face_folder(cache_root) as font_root:
        return _make_print_editions(model, env, site_dir, site_url, site_name, sources, covers, page_of,
                                    cache_root, font_root, requested_workers)


def _make_print_editions(model: SiteModel, env, site_dir: Path, site_url: str, site_name: str,
                         sources: Mapping[str, Path], covers: Mapping[str, str], page_of: Callable[[str], str],
                         cache_root: Path | None, font_root: Path,
                         requested_workers: int) -> tuple[dict[str, PrintEdition], list[Finding]]:
    template = env.get_template(PRINT_TEMPLATE)
    fonts = FontFiles()
    cut: CutFaces | None = None
    jobs = []
    for column in model.columns.values():
        if column.kind != "periodical":
            continue
        for issue in build_issues(model.catalog.by_column[column.id]):
            document = template.render(e=print_issue(
                site_name, column.title, issue, {a.src_uri: page_of(a.src_uri) for a in issue.articles},
                covers, site_url))
            if cut is None:
                cut = _cut_faces(env, template, document, fonts, font_root)
            first = issue.articles[0]
            jobs.append(EditionJob(issue_url(column, issue.number), edition_url(column.id, issue.number),
                                   _key(document, f"{fonts.identity(document)}\n{cut.identity}", site_url, sources),
                                   document,
                                   model.paths.get(first.src_uri, first.src_uri), f"{column.title}{issue.label}"))
    store = PrintCache(cache_root)
    editions: dict[str, PrintEdition] = {}
    missing: list[EditionJob] = []
    for job in jobs:
        size = store.place(job.key, site_dir / job.url)
        if size is None and (data := remembered(job.key)) is not None:
            store.store(job.key, data, site_dir / job.url)
            size = len(data)
        if size is None:
            missing.append(job)
        else:
            editions[job.listing_url] = PrintEdition(job.url, size)
    findings = []
    if missing and (problem := missing_requirement()) is not None:
        findings.append(Finding("mkdocs.yml", None, "print_edition", "print-edition-unavailable",
                                f"{len(missing)} 期的打印版（PDF）没有生成：{problem}",
                                "在 Debian/Ubuntu 上安装 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
                                "fonts-noto-cjk（./scripts/build 会自动安装）；不需要打印版时在 healthpress 的设置里写 "
                                "print_edition: false", Level.WARNING))
        missing = []

    def make(job: EditionJob) -> bytes | str:
        try:
            return write_pdf(job.document, site_url, sources, cut.files if cut is not None else ())
        except PrintFailed as failed:
            return str(failed)
        finally:
            gc.collect()  # the PDF's layout, left in reference cycles; scans only what came after `settle`

    made = 0
    workers = worker_count(requested_workers, len(missing), per_worker=2)
    if missing:
        heap.settle()  # the pages' phase's objects too: kept out of those collections (and out of the workers' copies)
    for job, pdf in zip(missing, map_in_order(make, missing, workers, chunk=1)):
        if isinstance(pdf, str):
            findings.append(Finding(job.shown, None, None, "print-edition-failed",
                                    f"{job.label}的打印版（PDF）没有生成：{pdf}",
                                    "核对这一期文章里的图片是否都在本网站、能打开；改好后重新生成", Level.WARNING))
            continue
        store.store(job.key, pdf, site_dir / job.url)
        remember(job.key, pdf)
        editions[job.listing_url] = PrintEdition(job.url, len(pdf))
        made += 1
    store.save()
    if jobs:
        log.info(f"打印版：{len(jobs)} 期，新生成 {made} 期，沿用 {len(editions) - made} 期")
    return editions, findings


def _cut_faces(env, template, document: str, fonts: FontFiles, font_root: Path) -> CutFaces:
    """The faces the template's first family list (the one naming `CUT_FAMILY`) is set in, cut to the
    fixed set and the template's own characters; none when the template does not name the cut family."""
    faces = fonts.faces(document, CUT_FAMILY)
    if not faces:
        return CutFaces()
    source = env.loader.get_source(env, template.name)[0] if env.loader is not None else ""
    return cut_faces(font_root, faces, character_set(source))


def _key(document: str, fonts: str, site_url: str, sources: Mapping[str, Path]) -> str:
    """The document, the font files it is set in (the cut faces by their digests), the bytes of every image it names (or that it is
    missing), the PDF libraries."""
    h = hashlib.blake2b(f"{KEY_FORMAT}:{_versions()}".encode(), digest_size=20)
    h.update(fonts.encode("utf-8", "surrogateescape") + b"\0")
    h.update(document.encode("utf-8", "surrogatepass"))
    for src in _IMAGE.findall(document):
        path = site_file(html.unescape(src), site_url, sources)
        try:
            data = path.read_bytes() if path is not None else b"\0missing"
        except OSError:
            data = b"\0unreadable"
        h.update(b"\0" + hashlib.blake2b(data, digest_size=20).digest())
    return h.hexdigest()


@cache
def _versions() -> str:
    return ",".join(f"{name}={_version(name)}" for name in LIBRARIES)


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"
