"""Logging configured once, with third-party levels set explicitly and secrets redacted.

Redaction runs in the formatter, on the whole formatted text: the message, the traceback
(``exc_info``) and ``stack_info``. A filter that rewrote only ``record.msg`` would let an
exception's text through.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from aiohttp.http_exceptions import HttpProcessingError

from services.redaction import redact

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
DATE_FORMAT = "%H:%M:%S"

# Third-party loggers and the level each keeps whatever LOG_LEVEL says. The database drivers
# stay at WARNING even under DEBUG: at DEBUG they write every SQL parameter, vault ciphertext
# included.
LIBRARY_LEVELS: dict[str, int] = {
    "tastytrade": logging.WARNING,
    "discord": logging.WARNING,
    "discord.http": logging.WARNING,
    "discord.client": logging.ERROR,  # voice-support warnings are irrelevant here
    "tortoise": logging.WARNING,
    "tortoise.db_client": logging.WARNING,
    "aiosqlite": logging.WARNING,
    "asyncpg": logging.WARNING,
    "aiohttp.access": logging.WARNING,
    "aiohttp.server": logging.WARNING,
    "httpx": logging.WARNING,
    "httpx2": logging.WARNING,
    "httpcore": logging.WARNING,
    "httpcore2": logging.WARNING,
    "websockets": logging.WARNING,
    "asyncio": logging.WARNING,
}


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then masks secrets in the complete text, traceback included."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class QuietBadRequests(logging.Filter):
    """One line, without the request, for malformed HTTP that aiohttp's server rejects.

    aiohttp logs a rejected request (a line or header over 8 KB, bad syntax) at ERROR with the
    exception, whose text echoes the raw request line or header: an OAuth ``?code=`` or an
    ``Authorization`` value. The client already got its 4xx; the log needs only the kind.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, HttpProcessingError):
            record.msg = "rejected a malformed HTTP request: %s (status %s)"
            record.args = (type(exc).__name__, exc.code)
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def configure_logging(level: str = "INFO", stream: TextIO | None = None) -> logging.Handler:
    """Send every record to ``stream`` (stderr) through the redacting formatter; return the
    handler. Calling it again replaces the previous configuration."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(RedactingFormatter(LOG_FORMAT, DATE_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # The tastytrade SDK sets its own logger to DEBUG at import: import it first so the
    # level below is the one that stays.
    import tastytrade  # noqa: F401

    for name, lib_level in LIBRARY_LEVELS.items():
        logging.getLogger(name).setLevel(lib_level)
    server_logger = logging.getLogger("aiohttp.server")
    if not any(isinstance(f, QuietBadRequests) for f in server_logger.filters):
        server_logger.addFilter(QuietBadRequests())
    return handler
