"""Rendering helpers and the package's import boundaries."""

from __future__ import annotations

import subprocess
import sys

import pytest

from web_status._pages import format_utc, humanize_duration, render_error_page


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 seconds"),
        (1, "1 second"),
        (59, "59 seconds"),
        (60, "1 minute"),
        (61, "1 minute, 1 second"),
        (3_600, "1 hour"),
        (3_720, "1 hour, 2 minutes"),
        (86_400 + 7_200 + 180, "1 day, 2 hours"),
        (3 * 86_400 + 45, "3 days"),
        (-5, "0 seconds"),
    ],
)
def test_humanize_duration(seconds: int, text: str) -> None:
    assert humanize_duration(seconds) == text


def test_format_utc_converts_offsets() -> None:
    assert format_utc("2026-01-01T12:00:00-05:00") == "2026-01-01 17:00:00 UTC"


def test_error_page_escapes_its_texts() -> None:
    page = render_error_page(400, "<b>", "a & b")
    assert "<b>" not in page
    assert "&lt;b&gt;" in page
    assert "a &amp; b" in page


def test_web_status_imports_neither_orm_nor_discord() -> None:
    code = (
        "import sys, web_status; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'tortoise', 'discord'}); "
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
