"""The healthpress plugin's options in mkdocs.yml, as MkDocs' typed config schema."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from healthpress.search.shards import DEFAULT_MAX_SHARD_PAGES


class HealthpressConfig(base.Config):
    columns_dir = c.Type(str, default="columns")
    data_dir = c.Type(str, default="data")
    page_size = c.Type(int, default=20)
    feed_items = c.Type(int, default=20)
    max_file_kb = c.Type(int, default=1024)
    max_line_chars = c.Type(int, default=20_000)
    max_depth = c.Type(int, default=20)
    max_inline_marks = c.Type(int, default=256)
    iframe_hosts = c.ListOfItems(c.Type(str), default=[])
    search_index = c.Type(bool, default=True)
    search_shard_pages = c.Type(int, default=DEFAULT_MAX_SHARD_PAGES)
    """Most articles in one Pagefind run (its memory grows ~0.6 MiB an article)."""
    pagefind_binary = c.Optional(c.Type(str))
    """The Pagefind program to index with (search/pagefindbinary.py); unset: healthpress looks for a 1.6."""
    compliance = c.Type(dict, default={})
    letters_warn_days = c.Type(int, default=60)
    mailbox_endpoint = c.Optional(c.Type(str))
    share_image = c.Optional(c.Type(str))
    """The image a shared link's card shows for pages without a cover (site-relative); else the logo, else the favicon."""
    external_allowlist = c.ListOfItems(c.Type(str), default=[])
    workers = c.Type(int, default=0)
    """Processes rendering pages: 0 = one per core, 1 = this process only."""
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/healthpress")
    progress = c.Choice(("auto", "always", "never"), default="auto")
    timings = c.Optional(c.Type(str))
    """A JSON file to write each phase's seconds into after the build (`healthpress build --timings`)."""
    lock_timeout = c.Type((int, float), default=1800)
    """Seconds a build waits for another build of the same output or cache to end (build/lock.py); 0 = not at all."""
