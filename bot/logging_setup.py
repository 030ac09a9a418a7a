"""Logging configured once, with third-party levels set explicitly and secrets redacted."""

from __future__ import annotations

import logging
import re

_SECRET_PATTERNS = [
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"),
    re.compile(r"(?i)((?:refresh|access)[_-]token[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]+"),
    re.compile(r"(?i)(client[_-]secret[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]+"),
    re.compile(r"[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38}"),  # Discord token
]


def redact(text: str) -> str:
    """Mask anything that looks like a token or client secret."""
    for pattern in _SECRET_PATTERNS:
        if pattern.groups:
            text = pattern.sub(lambda m: m.group(1) + "[redacted]", text)
        else:
            text = pattern.sub("[redacted]", text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's final message so secrets never reach a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%H:%M:%S")
    )
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # The tastytrade SDK sets its own logger to DEBUG at import: import it first so the
    # level below is the one that stays.
    import tastytrade  # noqa: F401

    for name, lib_level in {
        "tastytrade": logging.WARNING,
        "discord": logging.WARNING,
        "discord.http": logging.WARNING,
        "discord.client": logging.ERROR,  # voice-support warnings are irrelevant here
        "tortoise": logging.WARNING,
        "aiohttp.access": logging.WARNING,
        "httpx": logging.WARNING,
        "httpx2": logging.WARNING,
        "httpcore": logging.WARNING,
        "httpcore2": logging.WARNING,
        "asyncio": logging.WARNING,
    }.items():
        logging.getLogger(name).setLevel(lib_level)
