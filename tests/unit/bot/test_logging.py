"""Secrets are masked before any log handler sees them."""

from __future__ import annotations

import logging

import pytest

from bot.logging_setup import RedactingFilter, configure_logging, redact


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Authorization: Bearer eyJhbGciOi.abc.def", "eyJhbGciOi.abc.def"),
        ('{"refresh_token": "rt-123456"}', "rt-123456"),
        ("client_secret=cs-987", "cs-987"),
        ("access-token: at-555", "at-555"),
        ("token MTE4NzY1NDMyMTAxMjM0NTY3.GhIjKl.abcdefghijklmnopqrstuvwxyz012345", "GhIjKl"),
    ],
)
def test_redact_masks_tokens(text: str, secret: str) -> None:
    assert secret not in redact(text)
    assert "[redacted]" in redact(text)


def test_redact_leaves_ordinary_text_alone() -> None:
    assert redact("synced 3 accounts for trader 42") == "synced 3 accounts for trader 42"


def test_filter_rewrites_formatted_message() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "got %s", ("Bearer abc.def",), None)

    RedactingFilter().filter(record)

    assert "abc.def" not in record.getMessage()


def test_configure_logging_quiets_the_sdk_logger() -> None:
    configure_logging("INFO")

    assert logging.getLogger("tastytrade").level == logging.WARNING
    assert logging.getLogger().level == logging.INFO
