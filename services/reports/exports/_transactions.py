"""The transactions CSV: the trader's transactions in a period, oldest first, streamed.

Rows are read ``FETCH_ROWS`` at a time with keyset pagination on ``(executed_at, id)`` (no
OFFSET, so the last page costs what the first does) and written as they arrive; the whole
file never sits in memory.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from tortoise.expressions import Q

from services.db.models import Transaction
from services.reports.exports._csv import (
    Row,
    guard_cell,
    iso_date,
    money,
    number,
    price,
    stream_csv,
    utc_time,
)
from services.reports.exports._periods import Period

FETCH_ROWS = 1_000

HEADER: Row = (
    "Date",
    "Executed at (UTC)",
    "Account",
    "Environment",
    "Type",
    "Sub-type",
    "Action",
    "Symbol",
    "Underlying",
    "Instrument",
    "Quantity",
    "Price",
    "Value",
    "Fees",
    "Net value",
    "Description",
    "Tastytrade id",
)

_FIELDS = (
    "id",
    "executed_at",
    "transaction_date",
    "account__account_number",
    "account__environment",
    "transaction_type",
    "transaction_sub_type",
    "action",
    "symbol",
    "underlying_symbol",
    "instrument_type",
    "quantity",
    "price",
    "value",
    "fees",
    "net_value",
    "description",
    "tastytrade_id",
)


async def transaction_records(
    discord_id: int, period: Period, *, fetch_rows: int = FETCH_ROWS
) -> AsyncIterator[dict[str, Any]]:
    """The trader's transactions dated within ``period``, oldest first, ``fetch_rows`` per
    query."""
    scoped = Transaction.filter(
        account__trader__discord_id=discord_id,
        transaction_date__gte=period.start,
        transaction_date__lte=period.end,
    )
    after: tuple[datetime, int] | None = None
    while True:
        query = scoped
        if after is not None:
            moment, row_id = after
            query = query.filter(Q(executed_at__gt=moment) | Q(executed_at=moment, id__gt=row_id))
        page = await query.order_by("executed_at", "id").limit(fetch_rows).values(*_FIELDS)
        for record in page:
            yield record
        if len(page) < fetch_rows:
            return
        after = (page[-1]["executed_at"], page[-1]["id"])


def transaction_row(record: dict[str, Any]) -> Row:
    return (
        iso_date(record["transaction_date"]),
        utc_time(record["executed_at"]),
        guard_cell(record["account__account_number"]),
        str(record["account__environment"]),
        guard_cell(record["transaction_type"]),
        guard_cell(record["transaction_sub_type"]),
        guard_cell(record["action"]),
        guard_cell(record["symbol"]),
        guard_cell(record["underlying_symbol"]),
        guard_cell(record["instrument_type"]),
        number(record["quantity"]),
        price(record["price"]),
        money(record["value"]),
        money(record["fees"]),
        money(record["net_value"]),
        guard_cell(record["description"]),
        str(record["tastytrade_id"]),
    )


async def _rows(discord_id: int, period: Period, fetch_rows: int) -> AsyncIterator[Row]:
    async for record in transaction_records(discord_id, period, fetch_rows=fetch_rows):
        yield transaction_row(record)


def transactions_csv(
    discord_id: int, period: Period, *, fetch_rows: int = FETCH_ROWS
) -> AsyncIterator[bytes]:
    """The transactions CSV as a stream of byte chunks."""
    return stream_csv(HEADER, _rows(discord_id, period, fetch_rows))
