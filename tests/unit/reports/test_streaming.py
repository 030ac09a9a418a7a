"""Streaming: 100,000 generated rows go through the real row formatter and CSV writer in
chunks, the source read only as fast as chunks are taken (no list of the file is built)."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from services.reports.exports._csv import ROWS_PER_CHUNK, Row, stream_csv
from services.reports.exports._transactions import HEADER, transaction_row

ROWS = 100_000
START = datetime(2026, 1, 2, 14, 30, tzinfo=UTC)


class CountingSource:
    """Generates transaction records one by one and counts how many were produced."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.produced = 0

    async def records(self) -> AsyncIterator[dict[str, Any]]:
        for index in range(self.total):
            self.produced += 1
            yield {
                "id": index,
                "executed_at": START + timedelta(seconds=index),
                "transaction_date": date(2026, 1, 2),
                "account__account_number": "5WT00001",
                "account__environment": "production",
                "transaction_type": "Trade",
                "transaction_sub_type": "Buy to Open",
                "action": "Buy to Open",
                "symbol": "AAPL",
                "underlying_symbol": "AAPL",
                "instrument_type": "Equity",
                "quantity": Decimal(1 + index % 7),
                "price": Decimal("190.25"),
                "value": Decimal(-(1 + index % 7)) * Decimal("190.25"),
                "fees": Decimal("-0.01"),
                "net_value": Decimal(-(1 + index % 7)) * Decimal("190.25") - Decimal("0.01"),
                "description": f"Bought {1 + index % 7} AAPL @ 190.25",
                "tastytrade_id": 10_000_000 + index,
            }

    async def rows(self) -> AsyncIterator[Row]:
        async for record in self.records():
            yield transaction_row(record)


async def test_100k_rows_stream_in_bounded_chunks_pulled_lazily() -> None:
    source = CountingSource(ROWS)
    stream = stream_csv(HEADER, source.rows())

    first = await anext(stream)
    # the first chunk was written after one chunk's worth of rows, not after the whole file
    assert source.produced == ROWS_PER_CHUNK - 1  # the header fills the first slot

    chunks = 1
    largest = len(first)
    lines = first.count(b"\r\n")
    value_column = HEADER.index("Value")
    first_rows = list(csv.reader(io.StringIO(first.decode("utf-8"), newline="")))
    assert tuple(first_rows[0]) == tuple(HEADER)
    total_value = sum((Decimal(row[value_column]) for row in first_rows[1:]), Decimal(0))
    produced_at_chunk: list[int] = []
    async for chunk in stream:
        chunks += 1
        largest = max(largest, len(chunk))
        lines += chunk.count(b"\r\n")
        produced_at_chunk.append(source.produced)
        for row in csv.reader(io.StringIO(chunk.decode("utf-8"), newline="")):
            total_value += Decimal(row[value_column])

    assert lines == ROWS + 1  # the header and every row
    assert chunks == -(-(ROWS + 1) // ROWS_PER_CHUNK)
    # rows were produced only as chunks were taken: never more than one chunk ahead
    for index, produced in enumerate(produced_at_chunk, start=2):
        assert produced <= index * ROWS_PER_CHUNK
    assert largest < 200 * ROWS_PER_CHUNK  # a chunk is a few hundred rows, not the file
    expected = sum(Decimal(-(1 + i % 7)) * Decimal("190.25") for i in range(ROWS))
    assert total_value == expected


async def test_a_consumer_that_stops_early_stops_the_source() -> None:
    source = CountingSource(ROWS)
    stream = stream_csv(HEADER, source.rows())
    await anext(stream)
    await anext(stream)
    await stream.aclose()
    assert source.produced < 3 * ROWS_PER_CHUNK
