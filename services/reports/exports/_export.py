"""Producing an export for the acting trader, and preparing its delivery in Discord."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

from services.db.models import BrokerAccount
from services.errors import NotFoundError
from services.pnl import NOT_SYNCED
from services.reports.exports._grants import DownloadLink, issue_download_link
from services.reports.exports._links import LinkSigner
from services.reports.exports._lots import form_8949_csv, lots_csv
from services.reports.exports._pdf import render_report_pdf, report_data
from services.reports.exports._realized import realized_data
from services.reports.exports._request import ExportFile, ExportKind, ExportRequest
from services.reports.exports._transactions import transactions_csv

# Files up to this size are also attached to the DM (Discord's smallest upload limit is far
# above it); bigger ones go by link only.
ATTACH_LIMIT = 1_000_000
PDF_CHUNK = 64 * 1024


async def _bytes_in_chunks(data: bytes) -> AsyncIterator[bytes]:
    for offset in range(0, len(data), PDF_CHUNK):
        yield data[offset : offset + PDF_CHUNK]


async def open_export(
    discord_id: int, request: ExportRequest, *, now: datetime | None = None
) -> ExportFile:
    """The export of ``discord_id``'s own data. CSV rows are produced while the caller reads
    the chunks; P&L figures and the PDF are computed before this returns (so their errors come
    before any byte is sent). ``NotFoundError`` when the trader has nothing synced."""
    now = now or datetime.now(UTC)
    kind, period = request.kind, request.period
    chunks: AsyncIterator[bytes]
    if kind is ExportKind.TRANSACTIONS_CSV:
        if not await BrokerAccount.filter(trader__discord_id=discord_id).exists():
            raise NotFoundError(NOT_SYNCED)
        chunks = transactions_csv(discord_id, period)
    else:
        realized = await realized_data(discord_id, period)
        if kind is ExportKind.LOTS_CSV:
            chunks = lots_csv(realized.closed_lots)
        elif kind is ExportKind.FORM_8949_CSV:
            chunks = form_8949_csv(realized.closed_lots)
        else:
            data = report_data(realized, period, now=now)
            chunks = _bytes_in_chunks(await asyncio.to_thread(render_report_pdf, data))
    return ExportFile(request.filename, kind.content_type, chunks)


async def read_if_small(export: ExportFile, limit: int) -> bytes | None:
    """The whole file when it has at most ``limit`` bytes, else None (reading stops as soon
    as the limit is passed, so a large export is never held)."""
    parts: list[bytes] = []
    size = 0
    chunks = export.chunks
    try:
        async for chunk in chunks:
            size += len(chunk)
            if size > limit:
                return None
            parts.append(chunk)
    finally:
        aclose = getattr(chunks, "aclose", None)
        if aclose is not None:
            await aclose()
    return b"".join(parts)


@dataclass(frozen=True)
class PreparedExport:
    """What the bot sends: always the link, and the file itself when it is small."""

    link: DownloadLink
    filename: str
    attachment: bytes | None


async def prepare_export(
    signer: LinkSigner,
    discord_id: int,
    request: ExportRequest,
    *,
    attach_limit: int = ATTACH_LIMIT,
    now: datetime | None = None,
) -> PreparedExport:
    """A single-use download link for ``request`` over ``discord_id``'s data, plus the file
    when it is at most ``attach_limit`` bytes."""
    export = await open_export(discord_id, request, now=now)
    attachment = await read_if_small(export, attach_limit)
    link = await issue_download_link(signer, discord_id, request, now=now)
    return PreparedExport(link, export.filename, attachment)
