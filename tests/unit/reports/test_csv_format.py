"""CSV cells: money to the cent, quantities and prices, dates, the formula-injection guard."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from services.reports.exports._csv import (
    encode_rows,
    guard_cell,
    iso_date,
    money,
    number,
    price,
    us_date,
    utc_time,
)
from services.reports.exports._transactions import HEADER, transaction_row


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("12.345"), "12.35"),  # half up, not half even
        (Decimal("12.344999"), "12.34"),
        (Decimal("-12.345"), "-12.35"),
        (Decimal("-0.004"), "0.00"),  # never "-0.00"
        (Decimal("1000000"), "1000000.00"),
        (Decimal("0.1") + Decimal("0.2"), "0.30"),
        (None, ""),
    ],
)
def test_money_is_rounded_half_up_to_the_cent(amount: Decimal | None, text: str) -> None:
    assert money(amount) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("10.000000"), "10"),
        (Decimal("0.5"), "0.5"),
        (Decimal("1E+2"), "100"),
        (Decimal("-3"), "-3"),
        (Decimal("0E-6"), "0"),
        (None, ""),
    ],
)
def test_quantities_have_no_exponent_or_trailing_zeros(value: Decimal | None, text: str) -> None:
    assert number(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("2.150000"), "2.15"),
        (Decimal("450"), "450.00"),
        (Decimal("0.0525"), "0.0525"),
        (None, ""),
    ],
)
def test_prices_keep_at_least_two_decimals(value: Decimal | None, text: str) -> None:
    assert price(value) == text


def test_dates_and_times() -> None:
    assert iso_date(date(2026, 3, 2)) == "2026-03-02"
    assert us_date(date(2026, 3, 2)) == "03/02/2026"
    eastern = timezone(timedelta(hours=-5))
    assert utc_time(datetime(2026, 3, 2, 9, 30, tzinfo=eastern)) == "2026-03-02T14:30:00Z"
    assert utc_time(datetime(2026, 3, 2, 14, 30)) == "2026-03-02T14:30:00Z"  # naive is UTC
    assert iso_date(None) == us_date(None) == utc_time(None) == ""


@pytest.mark.parametrize(
    "hostile",
    ['=HYPERLINK("http://x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"],
)
def test_formula_triggers_are_prefixed_with_a_quote(hostile: str) -> None:
    guarded = guard_cell(hostile)
    assert guarded == "'" + hostile
    assert not guarded.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("benign", ["SPY", "Bought 10 SPY @ 450.00", "a=b", "", "/ESZ6"])
def test_ordinary_text_is_untouched(benign: str) -> None:
    assert guard_cell(benign) == benign


def test_csv_quotes_commas_quotes_and_newlines_and_round_trips() -> None:
    rows = [("a,b", 'say "hi"', "two\nlines")]
    data = encode_rows(rows)
    assert data.endswith(b"\r\n")
    assert list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""))) == [list(rows[0])]


def record(**overrides: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": 1,
        "executed_at": datetime(2026, 3, 2, 14, 30, 5, tzinfo=UTC),
        "transaction_date": date(2026, 3, 2),
        "account__account_number": "5WT00001",
        "account__environment": "production",
        "transaction_type": "Trade",
        "transaction_sub_type": "Sell to Open",
        "action": "Sell to Open",
        "symbol": "SPY   261218C00450000",
        "underlying_symbol": "SPY",
        "instrument_type": "Equity Option",
        "quantity": Decimal("2.000000"),
        "price": Decimal("2.150000"),
        "value": Decimal("430.000000"),
        "fees": Decimal("-2.284000"),
        "net_value": Decimal("427.716000"),
        "description": "Sold 2 SPY 12/18/26 Call 450.00 @ 2.15",
        "tastytrade_id": 987654,
    }
    base.update(overrides)
    return base


def test_a_transaction_row_has_one_cell_per_header_column() -> None:
    row = transaction_row(record())
    assert dict(zip(HEADER, row, strict=True)) == {
        "Date": "2026-03-02",
        "Executed at (UTC)": "2026-03-02T14:30:05Z",
        "Account": "5WT00001",
        "Environment": "production",
        "Type": "Trade",
        "Sub-type": "Sell to Open",
        "Action": "Sell to Open",
        "Symbol": "SPY   261218C00450000",
        "Underlying": "SPY",
        "Instrument": "Equity Option",
        "Quantity": "2",
        "Price": "2.15",
        "Value": "430.00",
        "Fees": "-2.28",
        "Net value": "427.72",
        "Description": "Sold 2 SPY 12/18/26 Call 450.00 @ 2.15",
        "Tastytrade id": "987654",
    }


def test_a_hostile_description_is_guarded_but_negative_amounts_stay_numbers() -> None:
    row = dict(
        zip(
            HEADER,
            transaction_row(record(description="=cmd|'/C calc'!A0", value=Decimal("-430"))),
            strict=True,
        )
    )
    assert row["Description"] == "'=cmd|'/C calc'!A0"
    assert row["Value"] == "-430.00"
