"""End-to-end tests: the example site served by nginx, driven in Debian's chromium by Playwright.

A package (this file) so that its conftest is imported as ``e2e.conftest`` and does not replace the
``conftest`` module of tests/, which the integration tests import by name.
"""
