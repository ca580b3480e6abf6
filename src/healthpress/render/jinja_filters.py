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
    })
