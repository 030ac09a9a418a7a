"""The public status page in a real headless Chromium (Debian's ``chromium`` package).

Locally the test is skipped when Chromium is not installed; in CI (``CI=true``) a missing
browser is a failure, so the job cannot go green without having rendered the page.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import struct
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from services.status import StatusBoard
from web_status import WebServer, create_app

pytestmark = pytest.mark.browser

BROWSER_TIMEOUT = 60.0
VERSION = "9.8.7-e2e"


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed; CI must install Debian's chromium package")
        pytest.skip("chromium not installed (apt-get install -y chromium); required in CI")
    return path


async def run_chromium(profile: Path, *args: str) -> tuple[str, str]:
    """Run headless Chromium to completion; returns (stdout, stderr)."""
    process = await asyncio.create_subprocess_exec(
        chromium_path(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-logging=stderr",
        f"--user-data-dir={profile}",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with asyncio.timeout(BROWSER_TIMEOUT):
            stdout, stderr = await process.communicate()
    except TimeoutError:
        process.kill()
        await process.wait()
        pytest.fail(f"chromium did not finish within {BROWSER_TIMEOUT:.0f} s")
    assert process.returncode == 0, stderr.decode(errors="replace")[-2000:]
    return stdout.decode(errors="replace"), stderr.decode(errors="replace")


@pytest.fixture
async def server() -> AsyncIterator[WebServer]:
    board = StatusBoard(version=VERSION, environment="demo", database_kind="sqlite")
    board.mark_connected(True)
    board.record_error()

    async def database_up() -> bool:
        return True

    async with WebServer(create_app(board, db_check=database_up), host="127.0.0.1") as running:
        yield running


async def test_status_page_renders_in_chromium(server: WebServer, tmp_path: Path) -> None:
    dom, log = await run_chromium(tmp_path / "profile", "--dump-dom", str(server.url))
    assert f'<dd id="version">{VERSION}</dd>' in dom
    assert '<dd id="bot-connected" data-connected="true">yes</dd>' in dom
    assert "Operational" in dom
    assert "UTC</time>" in dom
    # The inline stylesheet is allowed by its CSP hash; a mismatch would be logged here.
    assert "Content Security Policy" not in log


async def test_status_page_screenshot_is_a_png(server: WebServer, tmp_path: Path) -> None:
    shot = tmp_path / "status.png"
    await run_chromium(
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=800,600",
        str(server.url),
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # IHDR
    assert (width, height) == (800, 600)
    assert len(data) > 5_000  # a blank page compresses to far less
    if keep := os.environ.get("STATUS_SCREENSHOT_DIR"):
        shutil.copy(shot, Path(keep) / "status.png")
