"""Which articles readers may see at a given moment: status, schedule and expiry (pure)."""

from __future__ import annotations

import datetime as dt
import os

from healthpress.model.articles import Article
from healthpress.model.dates import SHANGHAI

STATE_LABELS = {"draft": "草稿", "review": "待审核", "scheduled": "定时发布", "expired": "已下线", "published": "已发布"}


def build_moment(environ: dict[str, str] | None = None) -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so that a rebuild of one commit gives the same site."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), SHANGHAI)
        except (ValueError, OverflowError, OSError) as exc:  # not a whole number, or past year 9999
            raise BuildMomentError(
                f"环境变量 SOURCE_DATE_EPOCH 应当是 1970-01-01 0:00（UTC）以来的秒数，写成整数（如 1586000000），"
                f"这里是“{epoch}”。改正它，或者删除这个变量（就按现在的时间生成）") from exc
    return dt.datetime.now(SHANGHAI)


class BuildMomentError(ValueError):
    """SOURCE_DATE_EPOCH is not a moment: its message says so in Chinese, with the fix."""


def publication_state(article: Article, now: dt.datetime) -> str:
    """draft, review, scheduled (dated in the future), expired, or published."""
    if article.status != "published":
        return article.status
    if article.date > now:
        return "scheduled"
    if article.expires is not None and article.expires <= now:
        return "expired"
    return "published"


def is_public(article: Article, now: dt.datetime) -> bool:
    return publication_state(article, now) == "published"
