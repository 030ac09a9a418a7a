"""A page in Debian's headless ``chromium``, driven by Playwright (never a browser of its own).

Locally the browser tests are skipped when Chromium is missing; in CI (``CI=true``) that is a
failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from playwright.async_api import Page, async_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium() -> None:
    """Skip the test without Chromium (fail it in CI)."""
    if shutil.which("chromium") is None and not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed; CI must install Debian's chromium package")
        pytest.skip("chromium not installed (apt-get install -y chromium); required in CI")


@asynccontextmanager
async def chromium_page(timeout_ms: int) -> AsyncIterator[Page]:
    """A fresh page (900x700) whose waits give up after ``timeout_ms``; closed on exit."""
    require_chromium()
    async with async_playwright() as pw:
        chromium = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = await chromium.new_context(viewport={"width": 900, "height": 700})
            page = await context.new_page()
            page.set_default_timeout(timeout_ms)
            yield page
        finally:
            await chromium.close()
