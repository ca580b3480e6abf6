"""Parsed articles kept between builds: a file is read and checked again only when it has changed.

An entry is reused while the file's size, modification and change times and inode are those it was
parsed with, and the healthpress code, the limits and the name shown in findings are the same; its
findings are kept with it, so a warning is reported on every build, not only the first. Stored in
the page cache's folder as 64 JSON files (storage/files.py's, each with its own digest), each article
in the one its path falls into, so a build that changed one article rewrites 1/64 of the memo.

Articles and findings are written field by field, so a memo file holds data only. An article comes back
the way pickle brings one back: every field set as written, the digests and the address its constructor
made among them, without running the constructor again (half a second a build at 10,000 articles). So
an article is kept only when its JSON, made into an article by its constructor, gives the same fields
and digests; the memo's salt holds the code's digest, so only this code reads what it wrote. A file that
is damaged, or an entry whose values are not of the types the article declares (or whose address would
leave the site), is dropped (the files are read again) and the build says so once. Each memo file is keyed with the cache
secret (storage/files.py): an entry edited by hand (a draft made published, a title with HTML) is not
one this healthpress wrote, and its file is dropped.
"""

from __future__ import annotations

import datetime as dt
import os
import types
import typing
import zlib
from dataclasses import fields
from pathlib import Path
from typing import Callable

from healthpress.engine.log import log
from healthpress.model.articles import Article
from healthpress.model.findings import Finding, Level
from healthpress.model.slugs import is_valid_slug
from healthpress.storage import resident
from healthpress.storage.files import Damaged, real_folder, read_json, write_json

FOLDER = "articles"
BUCKETS = 64
OLD_FILE_NAMES = ("articles.pickle", *(f"{FOLDER}/{bucket:02d}.pickle" for bucket in range(BUCKETS)))
"""What earlier versions wrote: never read (a pickle can run code), deleted by the next save."""

Stamp = tuple[int, int, int, int]
Parsed = tuple[Article | None, list[Finding]]
Entry = tuple[Stamp, str, Parsed]


def stamp_of(stat: os.stat_result) -> Stamp:
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def bucket_of(src_uri: str) -> int:
    """The memo file of an article (the same in every process: not Python's salted hash)."""
    return zlib.crc32(src_uri.encode("utf-8")) % BUCKETS


class ArticleMemo:
    """`root=None` disables it."""

    def __init__(self, root: Path | None, salt: str):
        self.root, self.salt = root, salt
        self._entries: dict[str, Entry] = {}
        self._saved: list[frozenset[str]] = [frozenset()] * BUCKETS
        self._kept: dict[str, Entry] = {}
        self._changed: set[int] = set()
        self.reused = 0
        if root is None:
            return
        if os.path.lexists(root / FOLDER):
            real_folder(root / FOLDER)  # a link in its place is removed, never followed
        damaged = 0
        for bucket in range(BUCKETS):
            path = self._path(bucket)
            saved_salt, entries, bad = resident.load(path, lambda path=path: _read_bucket(path, salt))
            damaged += bad
            if bad:
                self._changed.add(bucket)
            if saved_salt == salt:
                self._entries.update(entries)
                self._saved[bucket] = frozenset(entries)
        if damaged:
            log.info(f"文章缓存（{FOLDER}/）里有 {damaged} 处损坏，已丢弃，这些文章重新读取")
        if any((root / name).exists() for name in OLD_FILE_NAMES):
            log.info("文章缓存是旧格式（pickle），不再读取，已丢弃，文章重新读取")
            self._changed.update(range(BUCKETS))

    def _path(self, bucket: int) -> Path:
        assert self.root is not None
        return self.root / FOLDER / f"{bucket:02d}.json"

    def get(self, src_uri: str, stamp: Stamp, shown: str) -> Parsed | None:
        entry = self._entries.get(src_uri)
        if entry is None or entry[0] != stamp or entry[1] != shown:
            return None
        self._kept[src_uri] = entry
        self.reused += 1
        return entry[2]

    def put(self, src_uri: str, stamp: Stamp, shown: str, result: Parsed) -> None:
        """Keep a parse's result, when its JSON form gives it back exactly (else the file is parsed again)."""
        self.keep(src_uri, stamp, shown, result, keepable(result))

    def keep(self, src_uri: str, stamp: Stamp, shown: str, result: Parsed, kept: bool) -> None:
        """`put`, told whether its JSON form gives it back (`keepable`, asked where the file was parsed)."""
        if self.root is None:
            return
        self._changed.add(bucket_of(src_uri))
        if kept:
            self._kept[src_uri] = (stamp, shown, result)

    def save(self) -> None:
        """Keep the entries of this build's files only; a file is written only when its entries changed."""
        if self.root is None:
            return
        buckets: list[dict[str, Entry]] = [{} for _ in range(BUCKETS)]
        for src_uri, entry in self._kept.items():
            buckets[bucket_of(src_uri)][src_uri] = entry
        for bucket, kept in enumerate(buckets):
            if bucket in self._changed or kept.keys() != self._saved[bucket]:
                path = self._path(bucket)
                value = (self.salt, kept, 0)
                resident.store(path, value, lambda path=path, kept=kept: write_json(path, {
                    "salt": self.salt,
                    "entries": {uri: [list(stamp), shown, _encode_parsed(parsed)]
                                for uri, (stamp, shown, parsed) in kept.items()}}))
        for name in OLD_FILE_NAMES:
            (self.root / name).unlink(missing_ok=True)


def keepable(result: Parsed) -> bool:
    """Whether a parse's JSON form gives it back exactly, its digests and address too (pure: the process
    that parsed the file asks it)."""
    try:
        again = _decode_parsed(_encode_parsed(result))
    except (Damaged, TypeError, ValueError):
        return False
    article = result[0]
    return again[1] == result[1] and (article is None if again[0] is None else
                                      _state(again[0]) == _state(article) == _made_anew(again[0]))


def _read_bucket(path: Path, salt: str) -> tuple[str | None, dict[str, Entry], int]:
    """(salt, entries, how many entries or files were damaged) of one memo file; its entries only when it
    was written with `salt` (other code's are of no use, and may have other fields)."""
    try:
        data = read_json(path)
    except Damaged:
        return None, {}, 1
    if data is None:
        return None, {}, 0
    if not isinstance(data, dict) or not isinstance(data.get("salt"), str) or not isinstance(data.get("entries"), dict):
        return None, {}, 1
    if data["salt"] != salt:
        return data["salt"], {}, 0
    entries: dict[str, Entry] = {}
    damaged = 0
    for src_uri, entry in data["entries"].items():
        try:
            stamp, shown, parsed = entry
            if not (isinstance(stamp, list) and len(stamp) == 4 and all(type(part) is int for part in stamp)
                    and isinstance(shown, str)):
                raise Damaged("stamp")
            result = _decode_parsed(parsed)
            if result[0] is not None and result[0].src_uri != src_uri:
                raise Damaged("another article")
        except (Damaged, TypeError, ValueError):
            damaged += 1
            continue
        entries[src_uri] = (tuple(stamp), shown, result)
    return data["salt"], entries, damaged


# ---------------------------------------------------------------- articles and findings as JSON

ARTICLE_FIELDS = tuple(f.name for f in fields(Article))
"""Every field, those its constructor makes (digests, address) too, in the order `__setstate__` takes them."""
CONSTRUCTOR_FIELDS = frozenset(f.name for f in fields(Article) if f.init)
_RESTORE = hasattr(Article, "__setstate__")  # a slots dataclass: the state pickle would restore
Decoder = Callable[[object], object]


def _encode_parsed(parsed: Parsed) -> list:
    article, findings = parsed
    return [None if article is None else [_encode(getattr(article, name)) for name in ARTICLE_FIELDS],
            [[f.path, f.line, f.field, f.code, f.message, f.fix, f.level.value] for f in findings]]


def _decode_parsed(data: object) -> Parsed:
    """Raises Damaged (or TypeError, ValueError) for data `_encode_parsed` did not make."""
    if type(data) is not list or len(data) != 2 or type(data[1]) is not list:
        raise Damaged("entry")
    article = None
    if data[0] is not None:
        if type(data[0]) is not list or len(data[0]) != len(ARTICLE_FIELDS):
            raise Damaged("article")
        values = [decode(value) for decode, value in zip(_ARTICLE_DECODERS, data[0])]
        if _RESTORE:
            article = Article.__new__(Article)
            article.__setstate__(values)
        else:
            article = Article(**{name: value for name, value in zip(ARTICLE_FIELDS, values) if name in CONSTRUCTOR_FIELDS})
        if not is_valid_slug(article.slug) or not _inside_the_site(article.url):  # never an address parse_article refuses
            raise Damaged("address")
    findings = []
    for item in data[1]:
        if type(item) is not list or len(item) != 7:
            raise Damaged("finding")
        path, line, field, code, message, fix, level = item
        if not (type(path) is str and (line is None or type(line) is int) and (field is None or type(field) is str)
                and type(code) is str and type(message) is str and type(fix) is str):
            raise Damaged("finding")
        findings.append(Finding(path, line, field, code, message, fix, Level(level)))
    return article, findings


def _state(article: Article) -> tuple:
    """Every field of an article, the digests too."""
    return tuple(getattr(article, name) for name in ARTICLE_FIELDS)


def _made_anew(article: Article) -> tuple:
    """Every field of the article its constructor makes from this one's."""
    return _state(Article(**{name: getattr(article, name) for name in CONSTRUCTOR_FIELDS}))


def _inside_the_site(url: str) -> bool:
    """A relative folder address that stays inside the site (`news/2013/05/slug/`)."""
    return url.endswith("/") and "\\" not in url and all(part not in ("", ".", "..") for part in url[:-1].split("/"))


def _encode(value: object) -> object:
    """A field's value as JSON: tuples as lists, date-times tagged with their time zone's offset and name."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, bytes):
        return {"bytes": value.hex()}
    if isinstance(value, dt.datetime):
        zone = value.tzinfo
        if zone is None:
            return {"datetime": value.isoformat()}
        if not isinstance(zone, dt.timezone):
            raise TypeError(f"time zone {zone!r}")
        return {"datetime": value.replace(tzinfo=None).isoformat(), "offset": value.utcoffset().total_seconds(),
                "zone": zone.tzname(None)}
    raise TypeError(f"no JSON form for {type(value).__name__}")


def _decode_any(value: object) -> object:
    """What `_encode` made of a value of any of the types it knows."""
    if value is None or type(value) in (bool, int, str):
        return value
    if type(value) is list:
        return tuple(_decode_any(item) for item in value)
    return _decode_datetime(value)


def _decode_datetime(value: object) -> dt.datetime:
    if type(value) is not dict or type(value.get("datetime")) is not str:
        raise Damaged(f"value {value!r}")
    moment = dt.datetime.fromisoformat(value["datetime"])
    if "offset" not in value:
        return moment
    offset, zone = value["offset"], value.get("zone")
    if type(offset) not in (int, float) or type(zone) is not str:
        raise Damaged("time zone")
    return moment.replace(tzinfo=dt.timezone(dt.timedelta(seconds=offset), zone))


def _decoder(hint: object) -> Decoder:
    """What makes a value of the type `hint` (one of the article's annotations) from its JSON, raising
    Damaged for JSON of another type."""
    if hint is object or hint is typing.Any:
        return _decode_any
    if hint is dt.datetime:
        return _decode_datetime
    if hint is bytes:
        def from_hex(value: object) -> bytes:
            if type(value) is not dict or type(value.get("bytes")) is not str:
                raise Damaged(f"not bytes: {value!r}")
            return bytes.fromhex(value["bytes"])
        return from_hex
    if hint in (str, int, bool, type(None)):
        def exact(value: object, hint=hint) -> object:
            if type(value) is not hint:
                raise Damaged(f"not a {hint.__name__}: {value!r}")
            return value
        return exact
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_decoder(option) for option in args if option is not type(None)]
        def union(value: object) -> object:
            if value is None and type(None) in args:
                return None
            for option in options:
                try:
                    return option(value)
                except Damaged:
                    continue
            raise Damaged(f"none of {hint}: {value!r}")
        return union
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        def sequence(value: object) -> tuple:
            if type(value) is not list:
                raise Damaged(f"not a list: {value!r}")
            return tuple(item(part) for part in value)
        return sequence
    if origin is tuple:
        parts = [_decoder(arg) for arg in args]
        def fixed(value: object) -> tuple:
            if type(value) is not list or len(value) != len(parts):
                raise Damaged(f"not a list of {len(parts)}: {value!r}")
            return tuple(part(item) for part, item in zip(parts, value))
        return fixed
    def unknown(value: object) -> object:  # a type with no JSON form: `_encode` never wrote one
        raise Damaged(f"no JSON form for {hint}")
    return unknown


_HINTS = typing.get_type_hints(Article)
_ARTICLE_DECODERS = [_decoder(_HINTS[name]) for name in ARTICLE_FIELDS]
