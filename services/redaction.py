"""Masking secrets in text before it is logged or shown.

The patterns cover what Tastytrade, OAuth and Discord actually put on the wire, in every spelling
that reaches a log line: ``key=value``, JSON (``"key": "value"``), Python reprs of header dicts,
camelCase keys, URL-encoded forms (``refresh_token%3D...``), prose ("client secret: ..."),
``Authorization`` headers with or without a scheme, OAuth ``code=`` query parameters, Fernet keys
and ciphertexts, and Discord bot tokens (also with URL-encoded dots).

Redaction errs on the side of masking: a false positive costs a readable log line, a false
negative costs a credential.
"""

from __future__ import annotations

import re

MASK = "[redacted]"

# Key names whose value is a secret, as regex fragments (case-insensitive; `[ _-]?` covers
# snake_case, kebab-case, camelCase and prose).
_SECRET_KEYS = (
    r"(?:refresh|access|session|remember|id|auth|bearer)[ _-]?token",
    r"(?:client|provider|app|oauth)[ _-]?secret",
    r"secret[ _-]?key",
    r"api[ _-]?key",
    r"pass(?:word|wd|phrase)",
    r"authorization",
    r"x-api-key",
    r"dxlink[ _-]?token",
)
# Between a key and its value: optional closing quote (plain or URL-encoded), then `:` or `=`
# (plain or URL-encoded), an optional "is", then an optional opening quote.
_QUOTE = r"(?:[\"']|%22|%27)?"
_SEPARATOR = rf"{_QUOTE}\s*(?:[:=]|%3[AaDd]|\s+is\b)\s*{_QUOTE}"
_VALUE = r"[^\s\"',;}&<>)\]]+"

_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "Bearer <token>" wherever it appears (headers, reprs, prose).
    re.compile(r"(?i)(\bbearer\s+)[A-Za-z0-9._~+/=-]+"),
    # key <sep> value, for every secret key.
    re.compile(
        rf"(?i)((?<![a-z])(?:{'|'.join(_SECRET_KEYS)}){_SEPARATOR}\s*)(?!{re.escape(MASK)}){_VALUE}"
    ),
    # The OAuth authorization code in a callback URL (?code=... or &code=..., maybe encoded).
    re.compile(r"(?i)((?:[?&]|%3F|%26)code(?:=|%3D))[^\s&\"'#]+"),
    # Discord bot tokens: three base64url segments joined by dots (or %2E).
    re.compile(
        r"\b[A-Za-z\d_-]{23,28}(?:\.|%2[Ee])[A-Za-z\d_-]{6,7}(?:\.|%2[Ee])[A-Za-z\d_-]{27,40}\b"
    ),
    # Fernet ciphertexts (version byte 0x80 -> "gAAAAA") and Fernet keys (32 bytes, base64url).
    re.compile(r"\bgAAAAA[A-Za-z0-9_-]{40,}={0,2}"),
    re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}=(?![A-Za-z0-9_=-])"),
    # JSON Web Tokens (OAuth id_token / access tokens) wherever they appear.
    re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"),
)


def redact(text: str) -> str:
    """Return ``text`` with anything that looks like a token, key or password masked."""
    for pattern in _PATTERNS:
        if pattern.groups:
            text = pattern.sub(lambda match: match.group(1) + MASK, text)
        else:
            text = pattern.sub(MASK, text)
    return text
