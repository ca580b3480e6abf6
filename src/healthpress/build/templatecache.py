"""Compiled theme templates kept between builds (a Jinja bytecode cache), outside site/.

Compiling material's templates and healthpress' costs every build about a quarter of a second. A
compiled template is Python code that Jinja runs when it loads it, so no file is loaded on trust: each
is written with a digest keyed by this user's secret (storage/secret.py), and one whose digest does not
match (changed, cut short, written by someone else or on another machine) is deleted and compiled again.
Jinja checks each template against the checksum of its source and against its own and Python's
versions; what it does not check, the environment's options and the versions of the libraries whose
templates these are, names the folder (one folder per combination, the others deleted).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

import jinja2

from healthpress.build.fingerprint import code_digest
from healthpress.engine.log import log
from healthpress.storage.files import Damaged, read_regular, real_folder, remove_entry, write_cache_file
from healthpress.storage.secret import cache_secret

FOLDER = "templates"
FORMAT = "keyed-1"
MAC_SIZE = 32


def install(env: jinja2.Environment, cache_root: Path) -> None:
    """Give `env` a bytecode cache under `cache_root`, before it loads any template (none without a secret)."""
    secret = cache_secret()
    if secret is None:
        log.debug("没有可写的用户数据目录，编译好的模板不缓存")
        return
    name = _environment_digest(env)
    real_folder(cache_root / FOLDER)
    folder = cache_root / FOLDER / name
    if os.path.islink(folder) or not folder.is_dir():
        with os.scandir(cache_root / FOLDER) as entries:  # the folders of other options and versions
            for entry in entries:
                remove_entry(entry.path, quiet=True)
        folder.mkdir()
    env.bytecode_cache = KeyedBytecodeCache(folder, secret, name)


class KeyedBytecodeCache(jinja2.BytecodeCache):
    """`<bucket key>.cache`: a digest keyed by the secret, then Jinja's own bytes for the template."""

    def __init__(self, folder: Path, secret: bytes, environment: str):
        self.folder, self._secret, self._environment = folder, secret, environment.encode()
        self.dropped = 0

    def _mac(self, key: str, payload: bytes) -> bytes:
        return hashlib.blake2b(self._environment + b"\0" + key.encode() + b"\0" + payload, key=self._secret,
                               digest_size=MAC_SIZE).digest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        path = self.folder / f"{bucket.key}.cache"
        try:
            data = read_regular(path)
        except Damaged:
            return
        if data is None:
            return
        mac, payload = data[:MAC_SIZE], data[MAC_SIZE:]
        if len(data) <= MAC_SIZE or not hmac.compare_digest(mac, self._mac(bucket.key, payload)):
            path.unlink(missing_ok=True)
            if not self.dropped:
                log.info("模板缓存里有文件无法验证（被改动、损坏，或不是这台电脑上的这个用户写的），已丢弃，模板重新编译")
            self.dropped += 1
            return
        bucket.bytecode_from_string(payload)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        payload = bucket.bytecode_to_string()
        write_cache_file(self.folder / f"{bucket.key}.cache", self._mac(bucket.key, payload) + payload)


def _environment_digest(env: jinja2.Environment) -> str:
    options = (sorted(env.extensions), getattr(env.autoescape, "__qualname__", env.autoescape), env.block_start_string,
               env.block_end_string, env.variable_start_string, env.variable_end_string, env.comment_start_string,
               env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
               env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized)
    return hashlib.blake2b(f"{FORMAT}{code_digest()}{options!r}".encode(), digest_size=12).hexdigest()
