"""Signed download tokens: what verifies and every way one is refused (no database)."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime, timedelta

import pytest

from services.reports.exports import (
    LINK_TTL,
    MAX_TOKEN_CHARS,
    ExpiredLinkError,
    ExportKind,
    ExportRequest,
    InvalidLinkError,
    LinkSigner,
    MalformedLinkError,
    Period,
)
from services.vault import Vault, generate_key

NOW = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
TRADER = 111
REQUEST = ExportRequest(ExportKind.TRANSACTIONS_CSV, Period.year(2026))


@pytest.fixture
def signer() -> LinkSigner:
    return LinkSigner.from_vault(Vault([generate_key()]))


def payload_of(token: str) -> dict[str, object]:
    part = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def with_payload(token: str, body: dict[str, object]) -> str:
    encoded = (
        base64.urlsafe_b64encode(json.dumps(body, separators=(",", ":")).encode())
        .rstrip(b"=")
        .decode()
    )
    return f"{encoded}.{token.split('.')[1]}"


def test_a_fresh_token_verifies_to_its_trader_request_and_expiry(signer: LinkSigner) -> None:
    token, issued = signer.issue(TRADER, REQUEST, now=NOW)
    claims = signer.verify(token, now=NOW + timedelta(minutes=14, seconds=59))
    assert claims == issued
    assert (claims.discord_id, claims.request) == (TRADER, REQUEST)
    assert claims.expires_at == NOW + LINK_TTL == NOW + timedelta(minutes=15)


def test_two_tokens_for_the_same_export_differ(signer: LinkSigner) -> None:
    first, _ = signer.issue(TRADER, REQUEST, now=NOW)
    second, _ = signer.issue(TRADER, REQUEST, now=NOW)
    assert first != second


def test_an_expired_token_is_refused(signer: LinkSigner) -> None:
    token, _ = signer.issue(TRADER, REQUEST, now=NOW)
    with pytest.raises(ExpiredLinkError):
        signer.verify(token, now=NOW + LINK_TTL)


@pytest.mark.parametrize(
    "change",
    [
        {"d": 222},  # another trader
        {"k": "form-8949"},  # another export
        {"s": "2020-01-01"},  # a wider period
        {"x": 4102444800},  # a later expiry
    ],
)
def test_a_tampered_payload_is_refused(signer: LinkSigner, change: dict[str, object]) -> None:
    token, _ = signer.issue(TRADER, REQUEST, now=NOW)
    forged = with_payload(token, {**payload_of(token), **change})
    with pytest.raises(InvalidLinkError):
        signer.verify(forged, now=NOW)


def test_a_token_signed_with_another_key_is_refused(signer: LinkSigner) -> None:
    other = LinkSigner.from_vault(Vault([generate_key()]))
    token, _ = other.issue(TRADER, REQUEST, now=NOW)
    with pytest.raises(InvalidLinkError):
        signer.verify(token, now=NOW)


def test_a_flipped_signature_character_is_refused(signer: LinkSigner) -> None:
    token, _ = signer.issue(TRADER, REQUEST, now=NOW)
    last = "A" if token[-2] != "A" else "B"
    with pytest.raises(InvalidLinkError):
        signer.verify(token[:-2] + last + token[-1], now=NOW)


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "abc",
        "a.b",
        "no-dot-at-all" * 5,
        "x" * 40 + "." + "y" * 42,
        "../../etc/passwd",
        "%00" * 30,
        "é" * 60 + "." + "z" * 43,
        None,
        12345,
        b"bytes",
    ],
)
def test_garbage_is_malformed(signer: LinkSigner, garbage: object) -> None:
    with pytest.raises(MalformedLinkError):
        signer.verify(garbage, now=NOW)


def test_an_oversized_token_is_malformed_before_any_hmac(signer: LinkSigner) -> None:
    token, _ = signer.issue(TRADER, REQUEST, now=NOW)
    huge = "A" * (MAX_TOKEN_CHARS + 1 - len(token)) + token
    assert len(huge) > MAX_TOKEN_CHARS
    with pytest.raises(MalformedLinkError):
        signer.verify(huge, now=NOW)


def test_a_validly_signed_but_odd_payload_is_still_refused() -> None:
    key = b"k" * 32
    signer = LinkSigner(key)
    token, _ = signer.issue(TRADER, REQUEST, now=NOW)
    body = payload_of(token)
    for odd in (
        {**body, "d": True},
        {**body, "k": "everything"},
        {**body, "e": "2025-01-01"},
        {key: value for key, value in body.items() if key != "n"},
    ):
        encoded = base64.urlsafe_b64encode(json.dumps(odd).encode()).rstrip(b"=").decode()
        resigned = f"{encoded}.{signer._signature(encoded)}"
        with pytest.raises(InvalidLinkError):
            signer.verify(resigned, now=NOW)


def test_the_signing_key_is_derived_per_purpose_and_follows_the_primary_key() -> None:
    key = generate_key()
    vault = Vault([key])
    assert vault.derive_key("download-links/v1") == Vault([key, generate_key()]).derive_key(
        "download-links/v1"
    )
    assert vault.derive_key("download-links/v1") != vault.derive_key("something-else")
    assert vault.derive_key("download-links/v1") != Vault([generate_key(), key]).derive_key(
        "download-links/v1"
    )
    assert base64.urlsafe_b64decode(key) not in (vault.derive_key("download-links/v1"),)
    assert "hidden" in repr(LinkSigner.from_vault(vault))


def test_the_request_names_a_safe_file() -> None:
    assert REQUEST.filename == "tastybot-transactions-2026.csv"
    ranged = ExportRequest(ExportKind.REPORT_PDF, Period(date(2026, 1, 5), date(2026, 2, 1)))
    assert ranged.filename == "tastybot-report-2026-01-05_2026-02-01.pdf"
