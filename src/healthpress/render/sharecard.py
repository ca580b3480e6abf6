"""What a link to a page shows where it is pasted (WeChat, a search engine, a chat): the page's own
description and an Open Graph card of absolute addresses (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin

from healthpress.model.articles import Article
from healthpress.model.dates import SHANGHAI
from healthpress.model.findings import Finding, Level
from healthpress.render.views import Listing


@dataclass(frozen=True, slots=True)
class ShareCard:
    """The Open Graph card of one page; addresses are absolute, or None when the site has no site_url."""

    title: str
    description: str
    url: str | None
    image: str | None
    kind: str
    """og:type: "article" for an article, "website" for any other page."""
    published: str | None = None
    """article:published_time, ISO 8601 in Beijing time."""


def absolute_url(site_url: str | None, url: str | None) -> str | None:
    """`url` (site-relative, or already an address on another site) as an absolute address."""
    if url is None:
        return None
    if url.startswith(("http://", "https://")):
        return url
    if not site_url:
        return None
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", url.lstrip("/"))


def _is_svg(url: str) -> bool:
    """WeChat and most link previews show no SVG: a cover drawn in SVG gives way to the site's image."""
    return url.split("?", 1)[0].split("#", 1)[0].lower().endswith(".svg")


def published_time(moment: dt.datetime) -> str:
    """An article's date (Beijing time when the editor wrote none) as ISO 8601 with its offset."""
    moment = moment.astimezone(SHANGHAI) if moment.tzinfo else moment.replace(tzinfo=SHANGHAI)
    return moment.isoformat()


def article_card(article: Article, summary: str, cover_url: str | None, site_url: str | None,
                 default_image: str | None) -> ShareCard:
    """An article's card: its summary, its cover (else the site's image), its address and date."""
    image = cover_url if cover_url and not _is_svg(cover_url) else default_image
    return ShareCard(article.title, summary.strip() or article.title, absolute_url(site_url, article.url),
                     absolute_url(site_url, image),
                     "article", published_time(article.date))


def page_card(title: str, description: str, url: str | None, site_url: str | None,
              default_image: str | None) -> ShareCard:
    """A listing's or an editor's page's card: its own title and description, the site's image."""
    return ShareCard(title, description.strip(), absolute_url(site_url, url),
                     absolute_url(site_url, default_image), "website")


def listing_description(listing: Listing, site_name: str) -> str:
    """A listing's own description, or one made of its title."""
    return listing.description.strip() or f"{site_name}：{listing.title}"


SHARE_IMAGE_KINDS = (".png", ".jpg", ".jpeg")
"""What WeChat and the others show on a card (not SVG, nor the icons' formats)."""


def share_image_finding(configured: str | None, src_uris: set[str], docs_dir: str) -> Finding | None:
    """`share_image:` in mkdocs.yml must name a PNG or JPEG in the content folder, else every card shows none."""
    if not configured:
        return None
    if configured.startswith(("http://", "https://")) or configured.lstrip("/") not in src_uris:
        return Finding("mkdocs.yml", None, "share_image", "share-image-missing",
                       f"share_image 写的图片“{configured}”不在 {docs_dir}/ 里，分享卡片上将没有图片",
                       f"把图片放进 {docs_dir}/（如 {docs_dir}/assets/share.png），share_image 写相对于 {docs_dir}/ 的路径"
                       "（如 assets/share.png）")
    if not configured.lower().endswith(SHARE_IMAGE_KINDS):
        return Finding("mkdocs.yml", None, "share_image", "share-image-kind",
                       f"share_image 写的图片“{configured}”不是 PNG 或 JPEG，微信等不显示这种图片",
                       "换成 300×300 以上的 .png 或 .jpg 图片", Level.WARNING)
    return None
