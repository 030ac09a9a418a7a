"""CSV cells and a streaming CSV writer.

Amounts are written to the cent (``ROUND_HALF_UP``, never ``-0.00``), dates as ISO
``YYYY-MM-DD`` unless a format asks otherwise, times as ISO UTC. Text that comes from the
broker or the trader (descriptions, symbols) passes through ``guard_cell``: a spreadsheet runs a
cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula, so
such a cell is prefixed with a single quote (OWASP, "CSV Injection"). Numbers we format
ourselves are not guarded: a negative amount must stay a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncGenerator, AsyncIterable, Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Rows buffered before one chunk of bytes is handed on (a few tens of KB per chunk).
ROWS_PER_CHUNK = 500

Cell = str
Row = Sequence[Cell]


def money(amount: Decimal | None) -> Cell:
    """``Decimal("-12.345")`` -> ``"-12.35"``; None -> empty."""
    if amount is None:
        return ""
    cents = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    if cents == 0:
        cents = abs(cents)  # no "-0.00"
    return f"{cents:.2f}"


def number(value: Decimal | None) -> Cell:
    """A quantity or a price as written, without exponent or trailing zeros (``"10"``,
    ``"0.5"``, ``"2.15"``); None -> empty."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == 0:
        return "0"
    return f"{value.normalize():f}"


def price(value: Decimal | None) -> Cell:
    """A price with at least two decimals, more only when the price has them (``"2.15"``,
    ``"450.00"``, ``"0.0525"``)."""
    if value is None:
        return ""
    value = Decimal(value).normalize()
    exponent = value.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return f"{value:.{places}f}"


def iso_date(day: date | None) -> Cell:
    return "" if day is None else day.isoformat()


def us_date(day: date | None) -> Cell:
    """``MM/DD/YYYY``, as the IRS forms write dates."""
    return "" if day is None else f"{day.month:02d}/{day.day:02d}/{day.year:04d}"


def utc_time(moment: datetime | None) -> Cell:
    """``2026-03-02T14:30:00Z`` (naive times are taken as UTC, as the database stores them)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def guard_cell(text: str | None) -> Cell:
    """Text safe to open in a spreadsheet: a leading formula trigger gets a ``'`` prefix."""
    if not text:
        return ""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def encode_rows(rows: Iterable[Row]) -> bytes:
    """Rows as CSV bytes (UTF-8, CRLF line ends as RFC 4180 has them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


async def stream_csv(
    header: Row, rows: AsyncIterable[Row], *, rows_per_chunk: int = ROWS_PER_CHUNK
) -> AsyncGenerator[bytes, None]:
    """The CSV as chunks of bytes: the header, then ``rows_per_chunk`` rows at a time, so no
    more than one chunk of rows is ever held, whatever the file's length."""
    pending: list[Row] = [header]
    async for row in rows:
        pending.append(row)
        if len(pending) >= rows_per_chunk:
            yield encode_rows(pending)
            pending = []
    if pending:
        yield encode_rows(pending)
