"""Signed download links: ``/download/<token>``.

A token is ``<payload>.<signature>``, both unpadded base64url. The payload is compact JSON
naming the trader (Discord id), the export (kind, first and last date), the expiry (Unix
seconds, 15 minutes after issue) and a random nonce; the signature is HMAC-SHA256 over a
version prefix and the payload, keyed with ``Vault.derive_key(SIGNING_PURPOSE)`` (HKDF from
the vault's primary key: no new secret to configure; rotating the vault key voids links still
out, which live 15 minutes anyway). So nobody can change whose data, which export or how long
without the key, and checking a token costs no database read.

Single use is the database's job (``_grants``): only the SHA-256 of a token is stored, and
using it is one conditional UPDATE.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from services.errors import TastybotError
from services.reports.exports._periods import Period
from services.reports.exports._request import ExportKind, ExportRequest

LINK_TTL = timedelta(minutes=15)
SIGNING_PURPOSE = "download-links/v1"
_SIGNED_PREFIX = b"tastybot-download-v1."
MAX_TOKEN_CHARS = 512
_SIGNATURE_CHARS = 43  # 32 bytes of HMAC-SHA256 in unpadded base64url
TOKEN_SHAPE = re.compile(rf"[A-Za-z0-9_-]{{16,400}}\.[A-Za-z0-9_-]{{{_SIGNATURE_CHARS}}}")
_CLAIM_KEYS = frozenset({"d", "k", "s", "e", "x", "n"})
MAX_DISCORD_ID = 2**63 - 1


class DownloadLinkError(TastybotError):
    """A download link that cannot be used; the subclasses say why."""

    user_message = "This download link cannot be used."


class MalformedLinkError(DownloadLinkError):
    """Not shaped like one of our tokens at all (truncated, oversized, garbage)."""

    user_message = "This is not a Tastybot download link; copy the whole link from Discord."


class InvalidLinkError(DownloadLinkError):
    """Shaped like a token but not one we issued (tampered, signed with another key, unknown,
    or another trader's)."""

    user_message = "This download link is not valid. Ask for a new one with /export in Discord."


class ExpiredLinkError(DownloadLinkError):
    user_message = (
        "This download link has expired (links work for 15 minutes). "
        "Ask for a new one with /export."
    )


class UsedLinkError(DownloadLinkError):
    user_message = (
        "This download link was already used (each link works once). "
        "Ask for a new one with /export."
    )


class KeyDeriver(Protocol):
    """What signs links: the vault (``Vault.derive_key``)."""

    def derive_key(self, purpose: str, *, length: int = 32) -> bytes: ...


@dataclass(frozen=True, slots=True)
class LinkClaims:
    """What a verified token says."""

    discord_id: int
    request: ExportRequest
    expires_at: datetime
    nonce: str


def token_hash(token: str) -> str:
    """The SHA-256 (hex) under which a token's grant is stored."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class LinkSigner:
    """Signs and verifies download tokens with one key."""

    __slots__ = ("_key",)

    def __init__(self, key: bytes) -> None:
        if len(key) < 32:
            raise ValueError("a link signing key needs at least 32 bytes")
        self._key = key

    def __repr__(self) -> str:
        return "<LinkSigner, key hidden>"

    @classmethod
    def from_vault(cls, vault: KeyDeriver) -> LinkSigner:
        return cls(vault.derive_key(SIGNING_PURPOSE))

    def _signature(self, payload: str) -> str:
        mac = hmac.new(self._key, _SIGNED_PREFIX + payload.encode("ascii"), hashlib.sha256)
        return _b64(mac.digest())

    def issue(
        self, discord_id: int, request: ExportRequest, *, now: datetime
    ) -> tuple[str, LinkClaims]:
        """A new token for ``request`` of ``discord_id``'s data, valid ``LINK_TTL`` from now."""
        expires_at = (now + LINK_TTL).astimezone(UTC).replace(microsecond=0)
        claims = LinkClaims(discord_id, request, expires_at, _b64(secrets.token_bytes(16)))
        body = {
            "d": discord_id,
            "k": request.kind.value,
            "s": request.period.start.isoformat(),
            "e": request.period.end.isoformat(),
            "x": int(expires_at.timestamp()),
            "n": claims.nonce,
        }
        payload = _b64(json.dumps(body, separators=(",", ":"), sort_keys=True).encode("ascii"))
        return f"{payload}.{self._signature(payload)}", claims

    def verify(self, token: object, *, now: datetime) -> LinkClaims:
        """The claims of an authentic, unexpired token.

        ``MalformedLinkError`` when it is not token-shaped, ``InvalidLinkError`` when the
        signature does not match (tampered, another key), ``ExpiredLinkError`` when too old.
        """
        if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS:
            raise MalformedLinkError()
        if not TOKEN_SHAPE.fullmatch(token):
            raise MalformedLinkError()
        payload, signature = token.split(".")
        if not hmac.compare_digest(signature, self._signature(payload)):
            raise InvalidLinkError()
        claims = _parse_claims(payload)
        if now >= claims.expires_at:
            raise ExpiredLinkError()
        return claims


def _parse_claims(payload: str) -> LinkClaims:
    """Claims from a payload whose signature matched: anything odd is still refused."""
    try:
        body: Any = json.loads(_unb64(payload))
        if not isinstance(body, dict) or set(body) != _CLAIM_KEYS:
            raise ValueError("claims")
        discord_id, expires = body["d"], body["x"]
        if type(discord_id) is not int or not 0 < discord_id <= MAX_DISCORD_ID:
            raise ValueError("trader")
        if type(expires) is not int:
            raise ValueError("expiry")
        if not isinstance(body["n"], str):
            raise ValueError("nonce")
        request = ExportRequest(
            ExportKind(body["k"]),
            Period(date.fromisoformat(body["s"]), date.fromisoformat(body["e"])),
        )
        expires_at = datetime.fromtimestamp(expires, tz=UTC)
    except (
        ValueError,
        TypeError,
        binascii.Error,
        UnicodeDecodeError,
        OverflowError,
        TastybotError,
    ):
        raise InvalidLinkError() from None
    return LinkClaims(discord_id, request, expires_at, body["n"])
