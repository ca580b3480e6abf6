"""Stable digests of what a page is made from: equal inputs give equal digests in any process.

The page cache (pagecache.py) keys each page by the digest of its view (the article, or the listing
with every article it shows) together with the site's digest. Anything a digest cannot describe
faithfully is refused with a TypeError rather than guessed at: a cache that guesses serves stale pages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
import json
import sys
from functools import cache
from pathlib import Path
from typing import Callable, Iterable

from pydantic import BaseModel

from healthpress.engine.internals import engine_version
from healthpress.model.articles import Article

ArticleFacts = Callable[[Article], object]
CACHE_FORMAT = 1
PACKAGE_DIR = Path(__file__).parents[1]
LIBRARIES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "nh3", "zxing-cpp", "Babel",
             "imagesize", "pypinyin", "pydantic", "PyYAML")


Described = tuple[frozenset[str], ...]
"""The src_uri of every article a digest describes, in parts that digests share (a year's articles)."""
NOTHING: frozenset[str] = frozenset()


class _Frame:
    """The articles met while one digest is being made."""

    __slots__ = ("direct", "shared")

    def __init__(self) -> None:
        self.direct: set[str] = set()
        self.shared: dict[int, frozenset[str]] = {}

    def parts(self) -> Described:
        return tuple(part for part in (frozenset(self.direct), *self.shared.values()) if part)

    def union(self) -> frozenset[str]:
        return frozenset(self.direct).union(*self.shared.values())


class Fingerprinter:
    """Digests of values; an article counts as its every field plus what `facts(article)` says of it.

    With `track`, it also tells which articles each digest describes (`digest_and_articles`), counting
    those of `inner`, the fingerprinter whose article digests `facts` returns."""

    def __init__(self, facts: ArticleFacts, track: bool = False, inner: Fingerprinter | None = None):
        self._facts = facts
        self._track = track
        self._inner = inner
        self._frames: list[_Frame] = []
        self._articles: dict[str, bytes] = {}
        self._described: dict[str, frozenset[str]] = {}
        self._objects: dict[int, tuple[object, bytes, frozenset[str]]] = {}

    def digest(self, *values: object) -> str:
        h = hashlib.blake2b(digest_size=20)
        for value in values:
            self._feed(h, value)
        return h.hexdigest()

    def digest_and_articles(self, *values: object) -> tuple[str, Described]:
        """The digest, and (when tracking; else ()) the articles it describes."""
        if not self._track:
            return self.digest(*values), ()
        frame = _Frame()
        self._frames.append(frame)
        try:
            digest = self.digest(*values)
        finally:
            self._frames.pop()
        return digest, frame.parts()

    def article(self, article: Article) -> bytes:
        """An article's digest, computed once per build."""
        src_uri = article.src_uri
        known = self._articles.get(src_uri)
        if known is None:
            h = hashlib.blake2b(article.digest, digest_size=20)
            self._articles[src_uri] = article.digest  # what its own facts see of it (a letter holds its article)
            if self._track:
                frame = _Frame()
                self._frames.append(frame)
                try:
                    self._feed(h, self._facts(article))
                finally:
                    self._frames.pop()
                inner = self._inner.described(src_uri) if self._inner is not None else NOTHING
                self._described[src_uri] = frame.union().union(inner, (src_uri,))
            else:
                self._feed(h, self._facts(article))
            known = self._articles[src_uri] = h.digest()
        if self._frames:
            self._frames[-1].direct.update(self._described.get(src_uri, (src_uri,)))
        return known

    def known_articles(self) -> dict[str, tuple[bytes, frozenset[str]]]:
        """Every article digest made (or seeded) so far, with the articles each describes."""
        return {src_uri: (digest, self.described(src_uri)) for src_uri, digest in self._articles.items()}

    def seed(self, known: dict[str, tuple[bytes, frozenset[str]]], changed: set[str]) -> None:
        """Take the article digests of an earlier build (`known_articles`) that describe none of `changed`,
        the articles whose bytes or facts are new since."""
        for src_uri, (digest, described) in known.items():
            if described.isdisjoint(changed):
                self._articles[src_uri], self._described[src_uri] = digest, described

    def described(self, src_uri: str) -> frozenset[str]:
        """The articles an article's digest describes (itself, and any its facts hold), once it is made."""
        return self._described.get(src_uri, frozenset((src_uri,)))

    def _frozen(self, value) -> bytes:
        """A frozen dataclass' digest, once per object (kept alive here, so its id stays its own)."""
        known = self._objects.get(id(value))
        if known is None or known[0] is not value:
            h = hashlib.blake2b(digest_size=20)
            if self._track:
                frame = _Frame()
                self._frames.append(frame)
                try:
                    self._feed_fields(h, value)
                finally:
                    self._frames.pop()
                known = self._objects[id(value)] = (value, h.digest(), frame.union())
            else:
                self._feed_fields(h, value)
                known = self._objects[id(value)] = (value, h.digest(), NOTHING)
        if self._frames and known[2]:
            self._frames[-1].shared[id(known[2])] = known[2]
        return known[1]

    def _feed_fields(self, h, value) -> None:
        h.update(f"<{type(value).__qualname__}".encode())
        for name in _field_names(type(value)):
            h.update(name.encode() + b"=")
            self._feed(h, getattr(value, name))
        h.update(b">")

    def _feed(self, h, value: object) -> None:
        kind = type(value)  # the common exact types first: a build feeds about 50 values a page
        if kind in _SCALARS:
            h.update(repr(value).encode("utf-8") + b";")
        elif kind is tuple or kind is list:
            h.update(b"[")
            for item in value:
                self._feed(h, item)
            h.update(b"]")
        elif kind is Article:
            h.update(b"A" + self.article(value))
        elif _shape(kind) == "frozen":  # the same column or crumb is in thousands of views
            h.update(b"D" + self._frozen(value))
        elif _shape(kind) == "dataclass":
            self._feed_fields(h, value)
        elif value is None or isinstance(value, (bool, int, float, str, dt.date, dt.timedelta)):
            h.update(repr(value).encode("utf-8") + b";")  # repr tells 1 from '1', a date from a datetime
        elif isinstance(value, Article):
            h.update(b"A" + self.article(value))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            if value.__dataclass_params__.frozen:  # the same column or crumb is in thousands of views
                h.update(b"D" + self._frozen(value))
            else:
                self._feed_fields(h, value)
        elif isinstance(value, (list, tuple)):
            h.update(b"[")
            for item in value:
                self._feed(h, item)
            h.update(b"]")
        elif isinstance(value, dict):
            h.update(b"{")
            for key in sorted(value, key=repr):
                self._feed(h, key)
                self._feed(h, value[key])
            h.update(b"}")
        elif isinstance(value, (set, frozenset)):
            h.update(b"(" + b"".join(sorted(bytes.fromhex(self.digest(item)) for item in value)) + b")")
        elif isinstance(value, BaseModel):
            self._feed(h, (type(value).__qualname__, value.model_dump()))
        else:
            raise TypeError(f"page cache: cannot fingerprint a {type(value).__qualname__}; "
                            "teach fingerprint.py how to describe it")


_SCALARS = frozenset({type(None), bool, int, float, str, bytes, dt.date, dt.datetime, dt.timedelta})
"""Exactly these types are described by their repr (subclasses, such as Markup, take the longer way)."""


@cache
def _shape(kind: type) -> str:
    """"frozen" or "dataclass" for the instances of a dataclass, else "other"."""
    if not dataclasses.is_dataclass(kind) or kind is Article:
        return "other"
    return "frozen" if kind.__dataclass_params__.frozen else "dataclass"


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def files_digest(paths: Iterable[Path], root: Path) -> str:
    """Digest of the names and contents of files (templates, column and data files)."""
    h = hashlib.blake2b(digest_size=20)
    for path in sorted(paths):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def tree_files(root: Path) -> list[Path]:
    """Every regular file under `root` (none when it does not exist)."""
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def stat_digest(entries: Iterable[tuple[str, Path]]) -> str:
    """Digest of (name, size, modification time) of files whose bytes are too many to read each build."""
    h = hashlib.blake2b(digest_size=20)
    for name, path in sorted(entries):
        stat = path.stat()
        h.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return h.hexdigest()


@cache
def code_digest() -> str:
    """healthpress' own code, templates and assets, and the library versions, once per process."""
    versions = {name: importlib.metadata.version(name) for name in LIBRARIES}
    versions["engine"] = engine_version()  # a ProperDocs venv holds MkDocs' distribution too
    code = files_digest([p for p in tree_files(PACKAGE_DIR) if "__pycache__" not in p.parts], PACKAGE_DIR)
    return f"{CACHE_FORMAT}:{sys.version_info[:2]}:{json.dumps(versions, sort_keys=True)}:{code}"
