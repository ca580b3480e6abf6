"""End-to-end tests: the example site served by nginx, driven in Debian's chromium by Playwright.

A package (this file) so that its conftest is imported as ``e2e.conftest``, apart from tests/conftest.py.
"""
