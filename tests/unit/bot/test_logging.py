"""Secrets never reach a log line: redaction in the formatter, quiet third-party loggers."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from aiohttp.http_exceptions import LineTooLong

from bot.logging_setup import QuietBadRequests, configure_logging
from services.redaction import MASK, redact

DISCORD_TOKEN = "MTE4NzY1NDMyMTAxMjM0NTY3.GhIjKl.abcdefghijklmnopqrstuvwxyz012345"
FERNET_KEY = "qL3Oq0m6Cw8h0b8bXlq3e4bZ9Yw5sK3yq1mX8b1ZP2Q="

# (text as it appears on the wire or in a repr, the secret inside it)
SECRET_FORMS = [
    ("Authorization: Bearer eyJhbGciOi.abc.def", "eyJhbGciOi.abc.def"),
    ("headers={'Authorization': 'st-raw-session-77'}", "st-raw-session-77"),
    ("Authorization: st-raw-session-78", "st-raw-session-78"),
    ('{"session-token": "st-session-1"}', "st-session-1"),
    ('{"remember-token": "rem-token-2"}', "rem-token-2"),
    ('{"refresh_token": "rt-123456"}', "rt-123456"),
    ("refreshToken=rt-camel-3", "rt-camel-3"),
    ('{"accessToken":"at-camel-4"}', "at-camel-4"),
    ("grant_type=refresh_token&refresh_token%3Drt-encoded-5", "rt-encoded-5"),
    ("body=%22refresh_token%22%3A%22rt-encoded-json-6%22", "rt-encoded-json-6"),
    ('{"id_token": "idt-7-opaque"}', "idt-7-opaque"),
    ("GET /oauth/tastytrade/callback?code=oauth-code-8&state=abc", "oauth-code-8"),
    ("GET /oauth/tastytrade/callback?state=abc&code=oauth-code-9", "oauth-code-9"),
    ("client_secret=cs-987", "cs-987"),
    ("the client secret: cs-prose-10 was rejected", "cs-prose-10"),
    ("client secret is cs-prose-11", "cs-prose-11"),
    ("login password=hunter2-12", "hunter2-12"),
    ('{"password": "hunter2-13"}', "hunter2-13"),
    ("access-token: at-555", "at-555"),
    (f"TASTYBOT_SECRET_KEY={FERNET_KEY}", FERNET_KEY),
    (f"keys [{FERNET_KEY}]", FERNET_KEY),
    (f"token {DISCORD_TOKEN}", "GhIjKl.abcdefghijklmnopqrstuvwxyz012345"),
    (f"url token={DISCORD_TOKEN.replace('.', '%2E')}", "abcdefghijklmnopqrstuvwxyz012345"),
    (f"sent {DISCORD_TOKEN.replace('.', '%2E')}", "abcdefghijklmnopqrstuvwxyz012345"),
    ("ciphertext gAAAAABlZ3hhbXBsZS1jaXBoZXJ0ZXh0LWZvci10ZXN0aW5nLW9ubHk", "ZXhhbXBsZS1jaXBo"),
]


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """The real logging configuration, writing to a buffer; restored afterwards."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    buffer = io.StringIO()
    configure_logging("DEBUG", stream=buffer)
    yield buffer
    root.handlers[:] = saved_handlers
    root.setLevel(saved_level)
    logging.getLogger("aiohttp.server").filters.clear()


@pytest.mark.parametrize(("text", "secret"), SECRET_FORMS)
def test_redact_masks_each_form(text: str, secret: str) -> None:
    cleaned = redact(text)

    assert secret not in cleaned
    assert MASK in cleaned


@pytest.mark.parametrize(
    "text",
    [
        "synced 3 accounts for trader 42",
        "BTO 1 SPY 600c 12/18 @ 2.15",
        "error code: 500 from /accounts/5WZ00001/balances",
        "GET /status.json 200",
    ],
)
def test_redact_leaves_ordinary_text_alone(text: str) -> None:
    assert redact(text) == text


def test_an_exception_logged_through_the_real_configuration_carries_no_secret(
    log_output: io.StringIO,
) -> None:
    log = logging.getLogger("tastybot.test")
    try:
        raise RuntimeError("request failed: " + " | ".join(text for text, _ in SECRET_FORMS))
    except RuntimeError:
        log.exception("sync failed for %s", "Authorization: Bearer arg-secret-token")
    log.warning("with stack", stack_info=True, extra={})
    log.info("args too: %s", {"refresh_token": "rt-in-args"})

    output = log_output.getvalue()
    assert "Traceback" in output  # the traceback itself is kept, only masked
    assert "RuntimeError" in output
    for _, secret in SECRET_FORMS:
        assert secret not in output, secret
    assert "arg-secret-token" not in output
    assert "rt-in-args" not in output


def test_a_rejected_oversized_request_is_one_line_without_the_request(
    log_output: io.StringIO,
) -> None:
    line = "GET /oauth/tastytrade/callback?code=oversized-secret-code" + "x" * 9000
    try:
        raise LineTooLong(line.encode()[:100], 8190)
    except LineTooLong as exc:
        logging.getLogger("aiohttp.server").exception("Error handling request", exc_info=exc)

    output = log_output.getvalue()
    assert output.count("\n") == 1
    assert "rejected a malformed HTTP request: LineTooLong (status 400)" in output
    assert "oversized-secret-code" not in output
    assert "/oauth" not in output


def test_other_server_errors_keep_their_traceback() -> None:
    record = logging.LogRecord("aiohttp.server", logging.ERROR, __file__, 1, "boom", (), None)
    try:
        raise ValueError("handler bug")
    except ValueError as exc:
        record.exc_info = (ValueError, exc, exc.__traceback__)

    QuietBadRequests().filter(record)

    assert record.exc_info is not None
    assert record.getMessage() == "boom"


@pytest.mark.parametrize("name", ["aiosqlite", "asyncpg", "tortoise.db_client", "tastytrade"])
def test_database_and_sdk_loggers_stay_at_warning_under_debug(
    log_output: io.StringIO, name: str
) -> None:
    logger = logging.getLogger(name)
    logger.debug("params: gAAAAAB-ciphertext-parameter")

    assert logger.getEffectiveLevel() == logging.WARNING
    assert "ciphertext-parameter" not in log_output.getvalue()
    assert logging.getLogger().level == logging.DEBUG
