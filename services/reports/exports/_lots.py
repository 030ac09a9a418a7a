"""The realized P&L lots CSV and the Form 8949-style CSV.

Form 8949 conventions used here (write them down because a tax preparer will ask):

* one row per closed lot (a partial close is its own row), dated by the closing row's
  ``transaction_date``; only production accounts (sandbox when there is nothing else);
* long lots: proceeds = the closing cash flow less the closing fees, cost basis = the opening
  cash paid plus the opening fees; short lots (sold to open): proceeds = the opening credit
  less its fees, cost basis = the cash paid to close plus its fees (zero for an expired
  option). So gain or loss = proceeds - cost basis = the lot's realized P&L, both rounded to
  the cent first so every row adds up;
* date acquired = the day the lot opened, date sold = the day it closed (``MM/DD/YYYY``);
* term: long-term only for a long lot held more than one year (sold after the anniversary
  of the day after it was bought, IRS Publication 550); a short lot is always short-term
  (a written option's gain is short-term whatever its duration, and so, with rare exceptions,
  is a short sale's);
* wash sales are NOT computed: the column is there, empty, and its header says so. Check the
  broker's 1099-B, which applies them;
* futures and broad-based index options (Section 1256 contracts) belong on Form 6781, not
  8949: such rows are kept (the figures are still right) and flagged in the Note column.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from services.pnl import ClosedLot, Side
from services.reports.exports._csv import (
    Row,
    guard_cell,
    iso_date,
    money,
    number,
    price,
    stream_csv,
    us_date,
    utc_time,
)

CENT = Decimal("0.01")
# Broad-based index options: Section 1256 contracts (60/40 treatment on Form 6781).
SECTION_1256_UNDERLYINGS = frozenset(
    {"SPX", "SPXW", "XSP", "NDX", "NDXP", "RUT", "RUTW", "VIX", "VIXW", "DJX"}
)
FUTURES_TYPES = frozenset({"Future", "Future Option"})
SECTION_1256_NOTE = "Section 1256 contract: report on Form 6781, not Form 8949"
WASH_SALE_HEADER = "Wash sale loss disallowed (NOT COMPUTED: see your 1099-B)"


class Term(StrEnum):
    SHORT = "Short-term"
    LONG = "Long-term"


def one_year_after(day: date) -> date:
    """The anniversary of ``day`` (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def holding_term(lot: ClosedLot) -> Term:
    """Long-term only for a long lot sold more than one year after it was bought."""
    if lot.side is Side.LONG and lot.close_date > one_year_after(lot.open_date):
        return Term.LONG
    return Term.SHORT


@dataclass(frozen=True, slots=True)
class TaxFigures:
    """A lot as Form 8949 wants it, rounded to the cent."""

    proceeds: Decimal
    cost_basis: Decimal

    @property
    def gain(self) -> Decimal:
        return self.proceeds - self.cost_basis


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def tax_figures(lot: ClosedLot) -> TaxFigures:
    """Proceeds and cost basis of a lot (see the module docstring); fees are positive when
    charged and cash flows are signed (credit positive)."""
    if lot.side is Side.LONG:
        proceeds = lot.close_cash_flow - lot.close_fees
        cost = -lot.open_cash_flow + lot.open_fees
    else:
        proceeds = lot.open_cash_flow - lot.open_fees
        cost = -lot.close_cash_flow + lot.close_fees
    return TaxFigures(_cents(proceeds), _cents(cost))


def is_section_1256(lot: ClosedLot) -> bool:
    """Futures, futures options and broad-based index options."""
    if lot.instrument_type in FUTURES_TYPES:
        return True
    return lot.instrument_type == "Equity Option" and (
        lot.underlying.upper() in SECTION_1256_UNDERLYINGS
    )


def lot_description(lot: ClosedLot) -> str:
    """``10 SPY 261218C00450000``: quantity and symbol (OCC padding collapsed)."""
    return f"{number(lot.quantity)} {' '.join(lot.symbol.split())}"


LOTS_HEADER: Row = (
    "Account",
    "Symbol",
    "Underlying",
    "Instrument",
    "Side",
    "Quantity",
    "Open date",
    "Opened at (UTC)",
    "Open price",
    "Close date",
    "Closed at (UTC)",
    "Close price",
    "Closed by",
    "Open cash flow",
    "Close cash flow",
    "Fees",
    "Realized P&L",
    "Holding days",
    "Term",
)


def lot_row(lot: ClosedLot) -> Row:
    return (
        guard_cell(lot.account),
        guard_cell(lot.symbol),
        guard_cell(lot.underlying),
        guard_cell(lot.instrument_type),
        lot.side.value,
        number(lot.quantity),
        iso_date(lot.open_date),
        utc_time(lot.opened_at),
        price(lot.open_price),
        iso_date(lot.close_date),
        utc_time(lot.closed_at),
        price(lot.close_price),
        lot.close_reason.value,
        money(lot.open_cash_flow),
        money(lot.close_cash_flow),
        money(lot.fees),
        money(lot.realized),
        str((lot.close_date - lot.open_date).days),
        holding_term(lot).value,
    )


FORM_8949_HEADER: Row = (
    "Description of property (a)",
    "Date acquired (b)",
    "Date sold or disposed of (c)",
    "Proceeds (d)",
    "Cost or other basis (e)",
    "Code (f)",
    WASH_SALE_HEADER,
    "Gain or (loss) (h)",
    "Term",
    "Account",
    "Note",
)


def form_8949_row(lot: ClosedLot) -> Row:
    figures = tax_figures(lot)
    return (
        guard_cell(lot_description(lot)),
        us_date(lot.open_date),
        us_date(lot.close_date),
        money(figures.proceeds),
        money(figures.cost_basis),
        "",
        "",
        money(figures.gain),
        holding_term(lot).value,
        guard_cell(lot.account),
        SECTION_1256_NOTE if is_section_1256(lot) else "",
    )


async def _lot_rows(lots: Iterable[ClosedLot]) -> AsyncIterator[Row]:
    for lot in lots:
        yield lot_row(lot)


async def _form_rows(lots: Iterable[ClosedLot]) -> AsyncIterator[Row]:
    # Part I (short-term) before Part II (long-term), each in the order sold.
    ordered = sorted(lots, key=lambda lot: (holding_term(lot) is Term.LONG, lot.closed_at))
    for lot in ordered:
        yield form_8949_row(lot)


def lots_csv(lots: Iterable[ClosedLot]) -> AsyncIterator[bytes]:
    """The realized lots CSV as a stream of byte chunks."""
    return stream_csv(LOTS_HEADER, _lot_rows(lots))


def form_8949_csv(lots: Iterable[ClosedLot]) -> AsyncIterator[bytes]:
    """The Form 8949-style CSV as a stream of byte chunks."""
    return stream_csv(FORM_8949_HEADER, _form_rows(lots))
