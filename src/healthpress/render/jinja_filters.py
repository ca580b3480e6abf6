"""Jinja filters for dates written the Chinese way and a report's values, installed into MkDocs' template environment."""

from __future__ import annotations

from healthpress.bureau.reportforms import show
from healthpress.model.dates import chinese_date, chinese_datetime, chinese_month, iso_date


def install(env) -> None:
    env.filters.update({
        "hp_date": chinese_date,
        "hp_datetime": chinese_datetime,
        "hp_iso": iso_date,
        "hp_month": lambda pair: chinese_month(*pair),
        "hp_report_value": show,
        "hp_site_address": site_address,
    })


def site_address(address: str) -> str:
    """An address an editor wrote in a field or data file, ready for MkDocs' `url` filter: one starting with
    `/` is from the site's own root (not the server's, which differs under a `site_url` with a path), so it
    is given without the `/`, and `url` makes it relative to the page; any other is left as it is."""
    if address.startswith("/") and not address.startswith("//"):
        return address[1:] or "."
    return address
