"""Fixes to material's page chrome that no template override can reach (material's base.html)."""

from __future__ import annotations

CHECKBOX_AUTOCOMPLETE = (
    ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
    ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
)
"""`autocomplete` is not allowed on checkboxes (the Nu Html Checker's error on every page)."""


def fix_chrome(html: str) -> str:
    """The page as material rendered it, minus the markup errors of its base template."""
    for old, new in CHECKBOX_AUTOCOMPLETE:
        html = html.replace(old, new, 1)
    return html
