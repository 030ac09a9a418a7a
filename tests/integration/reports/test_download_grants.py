"""Single-use grants in the database: one use, concurrent downloads, expiry, wrong trader,
unknown tokens, and only the token's hash stored."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from services.db.models import DownloadGrant
from services.reports.exports import (
    LINK_TTL,
    ExpiredLinkError,
    ExportKind,
    ExportRequest,
    InvalidLinkError,
    LinkSigner,
    Period,
    UsedLinkError,
    check_download,
    issue_download_link,
    redeem_download,
)

TRADER, OTHER = 1001, 2002
REQUEST = ExportRequest(ExportKind.TRANSACTIONS_CSV, Period.year(2026))


async def test_a_link_works_once(database: str, signer: LinkSigner) -> None:
    link = await issue_download_link(signer, TRADER, REQUEST)
    claims = await redeem_download(signer, link.token)
    assert (claims.discord_id, claims.request) == (TRADER, REQUEST)
    with pytest.raises(UsedLinkError):
        await redeem_download(signer, link.token)
    with pytest.raises(UsedLinkError):
        await check_download(signer, link.token)


async def test_checking_does_not_use_the_link(database: str, signer: LinkSigner) -> None:
    link = await issue_download_link(signer, TRADER, REQUEST)
    for _ in range(3):
        await check_download(signer, link.token)
    await redeem_download(signer, link.token)


async def test_concurrent_downloads_cannot_both_pass(database: str, signer: LinkSigner) -> None:
    link = await issue_download_link(signer, TRADER, REQUEST)
    outcomes = await asyncio.gather(
        *(redeem_download(signer, link.token) for _ in range(6)), return_exceptions=True
    )
    assert sum(not isinstance(outcome, BaseException) for outcome in outcomes) == 1
    assert all(
        isinstance(outcome, UsedLinkError)
        for outcome in outcomes
        if isinstance(outcome, BaseException)
    )


async def test_an_expired_link_is_refused(database: str, signer: LinkSigner) -> None:
    issued_at = datetime.now(UTC) - LINK_TTL - timedelta(seconds=1)
    link = await issue_download_link(signer, TRADER, REQUEST, now=issued_at)
    with pytest.raises(ExpiredLinkError):
        await redeem_download(signer, link.token)
    assert (await DownloadGrant.get(trader__discord_id=TRADER)).used_at is None


async def test_another_trader_cannot_use_the_link(database: str, signer: LinkSigner) -> None:
    link = await issue_download_link(signer, TRADER, REQUEST)
    with pytest.raises(InvalidLinkError):
        await redeem_download(signer, link.token, discord_id=OTHER)
    assert (await redeem_download(signer, link.token, discord_id=TRADER)).discord_id == TRADER


async def test_a_signed_token_without_a_grant_is_unknown(database: str, signer: LinkSigner) -> None:
    token, _ = signer.issue(TRADER, REQUEST, now=datetime.now(UTC))
    with pytest.raises(InvalidLinkError):
        await redeem_download(signer, token)


async def test_a_grant_whose_row_disagrees_with_the_token_is_refused(
    database: str, signer: LinkSigner
) -> None:
    link = await issue_download_link(signer, TRADER, REQUEST)
    await DownloadGrant.filter(trader__discord_id=TRADER).update(
        params={"start": "2000-01-01", "end": "2026-12-31"}
    )
    with pytest.raises(InvalidLinkError):
        await redeem_download(signer, link.token)


async def test_only_the_tokens_hash_is_stored(database: str, signer: LinkSigner) -> None:
    link = await issue_download_link(signer, TRADER, REQUEST)
    grant = await DownloadGrant.get(trader__discord_id=TRADER)
    stored = " ".join(str(value) for value in (grant.token_hash, grant.kind, grant.params))
    assert link.token not in stored and link.token.split(".")[1] not in stored
    assert len(grant.token_hash) == 64
    assert grant.kind == "transactions"
    assert grant.params == {"start": "2026-01-01", "end": "2026-12-31"}
    assert grant.expires_at == link.expires_at
