"""``GET``/``HEAD /download/<token>`` through the real web app: the happy path streams the
file, and malformed, missing, hostile, oversized, tampered, expired, reused, unknown and
other-trader tokens are refused with a clear page that never echoes them."""

from __future__ import annotations

import base64
import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from services.db.models import Transaction
from services.reports.exports import (
    LINK_TTL,
    ExportKind,
    ExportRequest,
    LinkSigner,
    Period,
    issue_download_link,
)

Client = TestClient[web.Request, web.Application]
TRADER, OTHER = 1001, 2002


async def year_of(discord_id: int) -> int:
    dates = await Transaction.filter(account__trader__discord_id=discord_id).values_list(
        "transaction_date", flat=True
    )
    years = [date.fromisoformat(str(day)).year for day in dates]
    return max(set(years), key=years.count)


async def link(signer: LinkSigner, kind: ExportKind, period: Period, **kwargs: object) -> str:
    issued = await issue_download_link(signer, TRADER, ExportRequest(kind, period), **kwargs)  # type: ignore[arg-type]
    return f"/download/{issued.token}"


async def test_a_link_streams_the_csv_once(
    synced: int, signer: LinkSigner, download_client: Client
) -> None:
    year = await year_of(TRADER)
    path = await link(signer, ExportKind.TRANSACTIONS_CSV, Period.year(year))

    response = await download_client.get(path)
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="tastybot-transactions-{year}.csv"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Length" not in response.headers  # streamed (chunked)
    exported = list(csv.DictReader(io.StringIO(await response.text(), newline="")))
    expected = await Transaction.filter(
        account__trader__discord_id=TRADER,
        transaction_date__gte=date(year, 1, 1),
        transaction_date__lte=date(year, 12, 31),
    ).count()
    assert len(exported) == expected > 0
    assert {row["Date"][:4] for row in exported} == {str(year)}

    again = await download_client.get(path)
    assert again.status == 403
    page = await again.text()
    assert "already used" in page and path.split("/")[-1] not in page


async def test_head_does_not_use_the_link(
    synced: int, signer: LinkSigner, download_client: Client
) -> None:
    path = await link(signer, ExportKind.REPORT_PDF, Period.year(await year_of(TRADER)))
    for _ in range(2):
        head = await download_client.head(path)
        assert head.status == 200
        assert head.headers["Content-Type"] == "application/pdf"
        assert await head.read() == b""
    response = await download_client.get(path)
    assert response.status == 200
    pdf = await response.read()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5_000
    assert (await download_client.head(path)).status == 403


async def test_expired_tampered_unknown_and_forged_trader_links_get_403(
    synced: int, signer: LinkSigner, download_client: Client
) -> None:
    period = Period.year(await year_of(TRADER))
    expired = await link(
        signer,
        ExportKind.LOTS_CSV,
        period,
        now=datetime.now(UTC) - LINK_TTL - timedelta(seconds=1),
    )
    good = await link(signer, ExportKind.LOTS_CSV, period)
    token = good.split("/")[-1]
    payload, signature = token.split(".")
    body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    forged_payload = (
        base64.urlsafe_b64encode(json.dumps({**body, "d": OTHER}, separators=(",", ":")).encode())
        .rstrip(b"=")
        .decode()
    )
    unknown, _ = signer.issue(
        TRADER, ExportRequest(ExportKind.LOTS_CSV, period), now=datetime.now(UTC)
    )
    other_key = LinkSigner(b"x" * 32).issue(
        TRADER, ExportRequest(ExportKind.LOTS_CSV, period), now=datetime.now(UTC)
    )[0]

    cases = {
        expired: "expired",
        f"/download/{forged_payload}.{signature}": "not valid",
        f"/download/{payload}.{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}": "not valid",
        f"/download/{unknown}": "not valid",
        f"/download/{other_key}": "not valid",
    }
    for path, says in cases.items():
        response = await download_client.get(path)
        text = await response.text()
        assert response.status == 403, path
        assert says in text and "/export" in text
        assert response.headers["Content-Type"].startswith("text/html")
    # none of those refusals used the good link
    assert (await download_client.get(good)).status == 200


@pytest.mark.parametrize(
    "path",
    [
        "/download/abc",
        "/download/" + "A" * 600,
        "/download/" + "A" * 5000,
        "/download/<script>alert(1)<%2Fscript>." + "A" * 43,
        "/download/%00%00%00",
        "/download/" + "é" * 40,
        "/download/a.b.c",
    ],
)
async def test_malformed_tokens_get_400_without_echo(
    database: str, download_client: Client, path: str
) -> None:
    response = await download_client.get(path)
    assert response.status == 400
    text = await response.text()
    assert "not a complete Tastybot download link" in text
    assert "script" not in text.lower().replace("<script", "")  # the CSP'd shell has no script


async def test_missing_and_traversal_paths_get_404(database: str, download_client: Client) -> None:
    for path in ("/download/", "/download", "/download/../status.json/x/y"):
        response = await download_client.get(path)
        assert response.status == 404, path


async def test_only_get_and_head(
    database: str, signer: LinkSigner, download_client: Client
) -> None:
    path = await link(signer, ExportKind.TRANSACTIONS_CSV, Period.year(2026))
    assert (await download_client.post(path)).status == 405
    assert (await download_client.delete(path)).status == 405


async def test_a_download_cancelled_mid_file_is_not_an_error(
    synced: int,
    signer: LinkSigner,
    download_client: Client,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The browser goes away after the first chunk: the server stops quietly (no error page,
    no 'unexpected error' log) and the link stays used."""
    year = await year_of(TRADER)
    path = await link(signer, ExportKind.TRANSACTIONS_CSV, Period.year(year))
    original_write = web.StreamResponse.write
    writes = 0

    async def write_then_reset(self: web.StreamResponse, data: bytes) -> None:
        nonlocal writes
        writes += 1
        if writes > 1:
            raise ConnectionResetError("Cannot write to closing transport")
        await original_write(self, data)

    monkeypatch.setattr(web.StreamResponse, "write", write_then_reset)
    caplog.set_level("INFO")

    response = await download_client.get(path)
    await response.read()
    monkeypatch.setattr(web.StreamResponse, "write", original_write)

    assert writes == 2
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    assert any("cancelled by the client" in r.getMessage() for r in caplog.records)
    assert (await download_client.get(path)).status == 403
