"""The lots CSV and the Form 8949-style CSV: proceeds, basis, gain, terms, the wash-sale
column and the order of rows (figures worked out in each test)."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from services.pnl import ClosedLot, CloseReason, Side
from services.reports.exports._lots import (
    FORM_8949_HEADER,
    LOTS_HEADER,
    SECTION_1256_NOTE,
    Term,
    form_8949_csv,
    holding_term,
    lots_csv,
    one_year_after,
    tax_figures,
)


def lot(
    *,
    side: Side = Side.LONG,
    opened: date = date(2025, 1, 10),
    closed: date = date(2026, 3, 2),
    open_cash: str = "-1000.00",
    close_cash: str = "1250.00",
    open_fees: str = "1.00",
    close_fees: str = "1.50",
    symbol: str = "AAPL",
    underlying: str = "AAPL",
    instrument: str = "Equity",
    quantity: str = "10",
    reason: CloseReason = CloseReason.TRADE,
) -> ClosedLot:
    realized = Decimal(open_cash) + Decimal(close_cash) - Decimal(open_fees) - Decimal(close_fees)
    return ClosedLot(
        account="5WT00001",
        symbol=symbol,
        underlying=underlying,
        instrument_type=instrument,
        side=side,
        quantity=Decimal(quantity),
        multiplier=Decimal(1),
        opened_at=datetime.combine(opened, time(15), tzinfo=UTC),
        open_date=opened,
        open_price=Decimal("100"),
        open_transaction_id=1,
        closed_at=datetime.combine(closed, time(15), tzinfo=UTC),
        close_date=closed,
        close_price=Decimal("125"),
        close_transaction_id=2,
        close_reason=reason,
        open_cash_flow=Decimal(open_cash),
        close_cash_flow=Decimal(close_cash),
        open_fees=Decimal(open_fees),
        close_fees=Decimal(close_fees),
        realized=realized,
    )


async def read(chunks: AsyncIterator[bytes]) -> list[dict[str, str]]:
    data = b"".join([chunk async for chunk in chunks]).decode("utf-8")
    return list(csv.DictReader(io.StringIO(data, newline="")))


def test_long_lot_proceeds_and_basis_include_fees() -> None:
    """Bought 10 for 1,000.00 + 1.00 fee, sold for 1,250.00 - 1.50 fee:
    proceeds 1,248.50, basis 1,001.00, gain 247.50 = realized."""
    figures = tax_figures(lot())
    assert (figures.proceeds, figures.cost_basis, figures.gain) == (
        Decimal("1248.50"),
        Decimal("1001.00"),
        Decimal("247.50"),
    )
    assert figures.gain == lot().realized


def test_short_lot_proceeds_are_the_opening_credit() -> None:
    """Sold a put to open for 215.00 credit (1.14 fees), bought back for 50.00 (1.14 fees):
    proceeds 213.86, basis 51.14, gain 162.72."""
    short = lot(
        side=Side.SHORT,
        open_cash="215.00",
        close_cash="-50.00",
        open_fees="1.14",
        close_fees="1.14",
        instrument="Equity Option",
    )
    figures = tax_figures(short)
    assert (figures.proceeds, figures.cost_basis, figures.gain) == (
        Decimal("213.86"),
        Decimal("51.14"),
        Decimal("162.72"),
    )
    assert figures.gain == short.realized


def test_expired_short_option_has_zero_basis() -> None:
    expired = lot(
        side=Side.SHORT,
        open_cash="120.00",
        close_cash="0",
        open_fees="1.00",
        close_fees="0",
        reason=CloseReason.EXPIRATION,
    )
    figures = tax_figures(expired)
    assert (figures.proceeds, figures.cost_basis, figures.gain) == (
        Decimal("119.00"),
        Decimal("0.00"),
        Decimal("119.00"),
    )


def test_rounding_each_figure_to_the_cent_keeps_the_row_adding_up() -> None:
    odd = lot(open_cash="-333.333", close_cash="444.445", open_fees="0.005", close_fees="0.005")
    figures = tax_figures(odd)
    assert figures.proceeds == Decimal("444.44")  # 444.440 rounds to 444.44
    assert figures.cost_basis == Decimal("333.34")  # 333.338 rounds half up
    assert figures.gain == figures.proceeds - figures.cost_basis == Decimal("111.10")


@pytest.mark.parametrize(
    ("opened", "closed", "term"),
    [
        (date(2025, 3, 2), date(2026, 3, 2), Term.SHORT),  # exactly one year: not more than
        (date(2025, 3, 2), date(2026, 3, 3), Term.LONG),  # one day more
        (date(2024, 2, 29), date(2025, 2, 28), Term.SHORT),  # leap day's anniversary
        (date(2024, 2, 29), date(2025, 3, 1), Term.LONG),
        (date(2026, 1, 2), date(2026, 12, 31), Term.SHORT),
    ],
)
def test_long_lots_are_long_term_only_after_more_than_one_year(
    opened: date, closed: date, term: Term
) -> None:
    assert holding_term(lot(opened=opened, closed=closed)) is term


def test_short_lots_are_short_term_whatever_the_holding_period() -> None:
    written = lot(side=Side.SHORT, opened=date(2023, 1, 3), closed=date(2026, 3, 2))
    assert holding_term(written) is Term.SHORT


def test_anniversary() -> None:
    assert one_year_after(date(2024, 2, 29)) == date(2025, 2, 28)
    assert one_year_after(date(2025, 7, 4)) == date(2026, 7, 4)


async def test_form_8949_rows_short_term_first_with_an_empty_wash_sale_column() -> None:
    long_term = lot(opened=date(2024, 1, 5), closed=date(2026, 2, 1))
    short_term = lot(
        opened=date(2026, 3, 1),
        closed=date(2026, 6, 1),
        symbol="SPY   261218C00450000",
        underlying="SPY",
        instrument="Equity Option",
        quantity="2",
    )
    index = lot(
        opened=date(2026, 4, 1),
        closed=date(2026, 4, 2),
        symbol="SPXW  260402P05000000",
        underlying="SPXW",
        instrument="Equity Option",
        quantity="1",
    )
    rows = await read(form_8949_csv([long_term, short_term, index]))

    wash = next(name for name in FORM_8949_HEADER if name.startswith("Wash sale"))
    assert "NOT COMPUTED" in wash
    assert list(rows[0]) == list(FORM_8949_HEADER)
    assert [row["Term"] for row in rows] == ["Short-term", "Short-term", "Long-term"]
    assert [row[wash] for row in rows] == ["", "", ""]
    assert [row["Code (f)"] for row in rows] == ["", "", ""]
    # Part I in the order sold: the SPXW put (April) before the SPY call (June)
    assert rows[0]["Description of property (a)"] == "1 SPXW 260402P05000000"
    assert rows[1]["Description of property (a)"] == "2 SPY 261218C00450000"
    assert (rows[1]["Date acquired (b)"], rows[1]["Date sold or disposed of (c)"]) == (
        "03/01/2026",
        "06/01/2026",
    )
    assert (
        rows[2]["Proceeds (d)"],
        rows[2]["Cost or other basis (e)"],
        rows[2]["Gain or (loss) (h)"],
    ) == ("1248.50", "1001.00", "247.50")
    assert rows[0]["Note"] == SECTION_1256_NOTE and rows[1]["Note"] == ""


async def test_lots_csv_has_one_row_per_lot_with_realized_to_the_cent() -> None:
    rows = await read(
        lots_csv(
            [
                lot(),
                lot(
                    side=Side.SHORT,
                    symbol="=cmd",
                    open_cash="10",
                    close_cash="-4",
                    open_fees="0.005",
                    close_fees="0",
                ),
            ]
        )
    )
    assert list(rows[0]) == list(LOTS_HEADER)
    assert rows[0]["Realized P&L"] == "247.50" and rows[0]["Term"] == "Long-term"
    assert rows[0]["Holding days"] == str((date(2026, 3, 2) - date(2025, 1, 10)).days)
    assert rows[1]["Symbol"] == "'=cmd"  # guarded
    assert rows[1]["Realized P&L"] == "6.00"  # 10 - 4 - 0.005 = 5.995, half up
    assert rows[1]["Side"] == "short"
