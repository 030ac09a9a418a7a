"""Exports over a trader synced from the simulator: the CSVs agree with the stored rows and
the P&L engine, the PDF renders, and a second trader gets nothing of the first's."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from tastytrade.account import Transaction as SdkTransaction

from services.db.models import BrokerAccount, Transaction
from services.environment import Environment
from services.errors import NotFoundError
from services.pnl import compute_pnl
from services.reports.exports import (
    ExportKind,
    ExportRequest,
    Period,
    open_export,
    read_if_small,
)
from services.reports.exports._transactions import transaction_records
from services.traders import trader_for

TRADER, OTHER = 1001, 2002
MARKER = "ONLY-THE-OTHER-TRADER"


async def body(discord_id: int, kind: ExportKind, period: Period) -> bytes:
    export = await open_export(discord_id, ExportRequest(kind, period))
    data = await read_if_small(export, 50_000_000)
    assert data is not None
    return data


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


async def busiest_year(discord_id: int) -> int:
    dates = await Transaction.filter(account__trader__discord_id=discord_id).values_list(
        "transaction_date", flat=True
    )
    years = [date.fromisoformat(str(day)).year for day in dates]
    return max(set(years), key=years.count)


async def test_transactions_csv_has_every_row_of_the_year_in_order(synced: int) -> None:
    year = await busiest_year(TRADER)
    stored = await Transaction.filter(
        account__trader__discord_id=TRADER,
        transaction_date__gte=date(year, 1, 1),
        transaction_date__lte=date(year, 12, 31),
    ).values_list("tastytrade_id", "value")
    exported = rows(await body(TRADER, ExportKind.TRANSACTIONS_CSV, Period.year(year)))

    assert sorted(int(row["Tastytrade id"]) for row in exported) == sorted(i for i, _ in stored)
    assert sum(Decimal(row["Value"]) for row in exported) == sum(
        Decimal(value).quantize(Decimal("0.01")) for _, value in stored
    )
    times = [row["Executed at (UTC)"] for row in exported]
    assert times == sorted(times)
    assert {row["Date"][:4] for row in exported} == {str(year)}


async def test_small_pages_read_the_same_rows(synced: int) -> None:
    period = Period.year(await busiest_year(TRADER))
    default = [r["id"] async for r in transaction_records(TRADER, period)]
    paged = [r["id"] async for r in transaction_records(TRADER, period, fetch_rows=7)]
    assert paged == default and len(default) > 7


async def test_lots_and_8949_agree_with_the_engine(synced: int) -> None:
    year = await busiest_year(TRADER)
    period = Period.year(year)
    payloads = await Transaction.filter(
        account__trader__discord_id=TRADER,
        account__environment=Environment.PRODUCTION,
        transaction_date__lte=period.end,
    ).values_list("account__account_number", "payload")
    expected = Decimal(0)
    for account in {number for number, _ in payloads}:
        models = [SdkTransaction.model_validate(p) for number, p in payloads if number == account]
        expected += compute_pnl(models).for_period(period.start, period.end).realized

    lots = rows(await body(TRADER, ExportKind.LOTS_CSV, period))
    form = rows(await body(TRADER, ExportKind.FORM_8949_CSV, period))

    assert lots, "the simulator's history closes some lots"
    assert len(form) == len(lots)
    assert {row["Account"][:3] for row in lots} == {"5WT"}  # production only
    realized = sum(Decimal(row["Realized P&L"]) for row in lots)
    assert abs(realized - expected) <= Decimal("0.01") * len(lots)
    for row in form:
        assert Decimal(row["Gain or (loss) (h)"]) == Decimal(row["Proceeds (d)"]) - Decimal(
            row["Cost or other basis (e)"]
        )
        assert row["Term"] in ("Short-term", "Long-term")
        assert datetime.strptime(row["Date sold or disposed of (c)"], "%m/%d/%Y").year == year
    gains = sum(Decimal(row["Gain or (loss) (h)"]) for row in form)
    assert abs(gains - expected) <= Decimal("0.01") * len(form)


async def test_the_pdf_report_renders(synced: int) -> None:
    year = await busiest_year(TRADER)
    pdf = await body(TRADER, ExportKind.REPORT_PDF, Period.year(year))
    assert (
        pdf.startswith(b"%PDF-") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 1
    )


async def add_other_trader_row() -> None:
    """A deposit of the other trader's, its payload a real SDK row with their own values."""
    template = await Transaction.filter(
        account__trader__discord_id=TRADER, transaction_type="Money Movement"
    ).first()
    assert template is not None
    payload = {
        **template.payload,
        "id": 1,
        "account-number": "5WB99999",
        "description": MARKER,
    }
    other = await trader_for(OTHER)
    account = await BrokerAccount.create(
        trader=other, environment=Environment.PRODUCTION, account_number="5WB99999"
    )
    await Transaction.create(
        account=account,
        tastytrade_id=1,
        transaction_type="Money Movement",
        transaction_sub_type="Deposit",
        value=Decimal("100"),
        net_value=Decimal("100"),
        executed_at=datetime(2026, 5, 1, 15, tzinfo=UTC),
        transaction_date=date(2026, 5, 1),
        description=MARKER,
        payload=payload,
    )


async def test_a_second_trader_exports_nothing_of_the_first(synced: int) -> None:
    year = await busiest_year(TRADER)
    with pytest.raises(NotFoundError):  # nothing synced yet
        await open_export(OTHER, ExportRequest(ExportKind.TRANSACTIONS_CSV, Period.year(year)))
    with pytest.raises(NotFoundError):
        await open_export(OTHER, ExportRequest(ExportKind.LOTS_CSV, Period.year(year)))

    await add_other_trader_row()
    theirs = rows(
        await body(OTHER, ExportKind.TRANSACTIONS_CSV, Period(date(2000, 1, 1), date(2100, 12, 31)))
    )
    assert [(row["Account"], row["Description"]) for row in theirs] == [("5WB99999", MARKER)]
    mine = await body(
        TRADER, ExportKind.TRANSACTIONS_CSV, Period(date(2000, 1, 1), date(2100, 12, 31))
    )
    assert MARKER.encode() not in mine and b"5WB99999" not in mine
    assert rows(await body(OTHER, ExportKind.LOTS_CSV, Period.year(year))) == []
