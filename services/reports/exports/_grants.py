"""Download grants: the database side of single-use links.

``issue_download_link`` signs a token and stores a ``DownloadGrant`` holding only the token's
SHA-256, the trader, the export kind and its parameters. ``check_download`` (for ``HEAD``)
verifies without using the link; ``redeem_download`` uses it with one conditional UPDATE
(``used_at IS NULL AND expires_at > now``), so of two concurrent downloads exactly one gets
the row count 1 and the other is refused, on SQLite and Postgres alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from services.db.models import DownloadGrant
from services.reports.exports._links import (
    ExpiredLinkError,
    InvalidLinkError,
    LinkClaims,
    LinkSigner,
    UsedLinkError,
    token_hash,
)
from services.reports.exports._request import ExportRequest
from services.traders import trader_for


@dataclass(frozen=True, slots=True)
class DownloadLink:
    """A link just issued: the token goes in the URL, nowhere else."""

    token: str
    expires_at: datetime
    request: ExportRequest


def _params(request: ExportRequest) -> dict[str, Any]:
    return {"start": request.period.start.isoformat(), "end": request.period.end.isoformat()}


async def issue_download_link(
    signer: LinkSigner, discord_id: int, request: ExportRequest, *, now: datetime | None = None
) -> DownloadLink:
    """A signed, single-use link to ``request`` over the data of ``discord_id`` (15 minutes)."""
    now = now or datetime.now(UTC)
    token, claims = signer.issue(discord_id, request, now=now)
    trader = await trader_for(discord_id)
    await DownloadGrant.create(
        token_hash=token_hash(token),
        trader=trader,
        kind=request.kind.value,
        params=_params(request),
        expires_at=claims.expires_at,
    )
    return DownloadLink(token, claims.expires_at, request)


async def _grant_for(claims: LinkClaims, token: str) -> DownloadGrant:
    """The grant a verified token names; refused unless trader, kind and parameters agree."""
    grant = await DownloadGrant.get_or_none(token_hash=token_hash(token)).select_related("trader")
    if (
        grant is None
        or grant.trader.discord_id != claims.discord_id
        or grant.kind != claims.request.kind.value
        or grant.params != _params(claims.request)
    ):
        raise InvalidLinkError()
    return grant


async def check_download(
    signer: LinkSigner,
    token: object,
    *,
    discord_id: int | None = None,
    now: datetime | None = None,
) -> LinkClaims:
    """The claims of a token that a download would accept right now, without using it.

    ``discord_id``, when given, is the trader who asks: another trader's link is refused.
    """
    now = now or datetime.now(UTC)
    claims = signer.verify(token, now=now)
    assert isinstance(token, str)  # verify refused anything else
    if discord_id is not None and discord_id != claims.discord_id:
        raise InvalidLinkError()
    grant = await _grant_for(claims, token)
    if grant.used_at is not None:
        raise UsedLinkError()
    if grant.expires_at <= now:
        raise ExpiredLinkError()
    return claims


async def redeem_download(
    signer: LinkSigner,
    token: object,
    *,
    discord_id: int | None = None,
    now: datetime | None = None,
) -> LinkClaims:
    """Use the link once: its claims, or why it cannot be used (``DownloadLinkError``)."""
    now = now or datetime.now(UTC)
    claims = await check_download(signer, token, discord_id=discord_id, now=now)
    assert isinstance(token, str)
    used = await DownloadGrant.filter(
        token_hash=token_hash(token), used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if used != 1:  # another download took it between the check and here (or it just expired)
        raise UsedLinkError()
    return claims
