"""Lots as grouping sees them: OCC symbols, openings joined to the P&L engine's lots, holdings
over time and legs for the classifier."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from services.pnl import CloseReason, Side
from services.strategies._grouping_lots import legs_of, parse_option_symbol
from services.strategies._model import Leg, LegSide, LegType

from .grouping_world import assigned, at, delivered, occ, openings, row

JAN5, JAN6, JAN30 = date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 30)
FAR = date(2030, 1, 18)


@pytest.mark.parametrize(
    ("symbol", "kind", "strike", "expiration"),
    [
        ("SPY   250620P00450000", LegType.PUT, Decimal(450), date(2025, 6, 20)),
        ("SPXW  261218C05000000", LegType.CALL, Decimal(5000), date(2026, 12, 18)),
        ("AAPL  300118C00212500", LegType.CALL, Decimal("212.5"), date(2030, 1, 18)),
        ("BRK/B 260116C00500000", LegType.CALL, Decimal(500), date(2026, 1, 16)),
    ],
)
def test_an_occ_symbol_names_its_contract(
    symbol: str, kind: LegType, strike: Decimal, expiration: date
) -> None:
    contract = parse_option_symbol(symbol)

    assert contract is not None
    assert (contract.type, contract.strike, contract.expiration) == (kind, strike, expiration)


@pytest.mark.parametrize(
    "symbol",
    ["SPY", "./ESZ5 EW4Z5 251219C5000", "BTC/USD", "SPY   251399P00450000", "", "X" * 200],
)
def test_anything_else_is_not_an_option(symbol: str) -> None:
    assert parse_option_symbol(symbol) is None


def test_a_partly_closed_lot_keeps_what_it_opened_and_what_is_left() -> None:
    """Sell 3 puts @ 2.00 (600, fees 3.42); buy 1 back @ 0.50 (-50) in order 101.
    Closed part: 200 - 1.14 - 50 = 148.86; two contracts stay open."""
    put = occ("SPY", FAR, "P", 500)
    (lot,) = openings(
        [
            row(1, at(JAN5), put, "Sell to Open", 3, 2, order=100),
            row(2, at(JAN6), put, "Buy to Close", 1, "0.5", order=101),
        ]
    )

    assert (lot.pk, lot.order_id, lot.side) == (1, 100, Side.SHORT)
    assert (lot.quantity, lot.open_quantity) == (Decimal(3), Decimal(2))
    assert lot.realized == Decimal("148.86")
    assert lot.open_basis == Decimal("400") - Decimal("2.28")
    assert lot.unrealized is None  # no mark
    (close,) = lot.closes
    assert (close.close_order_id, close.reason, close.quantity) == (101, CloseReason.TRADE, 1)
    assert lot.is_open and lot.closed_at is None
    assert lot.held_at(at(JAN5)) == 3 and lot.held_at(at(JAN6)) == 2
    assert lot.held_at(at(JAN5, 14)) == 0  # not opened yet


def test_stock_an_assignment_delivers_is_a_delivered_lot_without_an_order() -> None:
    put = occ("AAPL", JAN30, "P", 180)
    put_lot, stock_lot = openings(
        [
            row(1, at(JAN5), put, "Sell to Open", 1, 2, order=100),
            assigned(2, at(JAN30, 21), put, 1, "Buy to Close"),
            delivered(3, at(JAN30, 21), "AAPL", "Buy to Open", 100, 180),
        ]
    )

    assert put_lot.closes[0].reason is CloseReason.ASSIGNMENT
    assert put_lot.closed_at == at(JAN30, 21) and put_lot.is_short_put
    assert (stock_lot.delivered, stock_lot.order_id, stock_lot.is_stock) == (True, None, True)
    assert stock_lot.open_basis == Decimal(-18000)


def test_legs_add_up_lots_of_one_contract_and_keep_stock_in_shares() -> None:
    call = occ("MSFT", FAR, "C", 420)
    lots = openings(
        [
            row(1, at(JAN5), "MSFT", "Buy to Open", 60, 400, order=100),
            row(2, at(JAN5, 16), "MSFT", "Buy to Open", 40, 401, order=101),
            row(3, at(JAN6), call, "Sell to Open", 1, 5, order=102),
        ]
    )

    assert legs_of(lots, open_only=True) == (
        Leg(LegType.CALL, LegSide.SHORT, Decimal(1), Decimal(420), FAR),
        Leg(LegType.EQUITY, LegSide.LONG, Decimal(100)),
    )


def test_open_legs_leave_out_what_closed_and_opening_legs_keep_it() -> None:
    put = occ("SPY", FAR, "P", 500)
    lots = openings(
        [
            row(1, at(JAN5), put, "Sell to Open", 3, 2, order=100),
            row(2, at(JAN6), put, "Buy to Close", 3, 1, order=101),
        ]
    )

    assert legs_of(lots, open_only=True) == ()
    assert legs_of(lots, open_only=False) == (
        Leg(LegType.PUT, LegSide.SHORT, Decimal(3), Decimal(500), FAR),
    )


def test_a_lot_the_catalog_cannot_describe_has_no_legs() -> None:
    lots = openings(
        [
            row(1, at(JAN5), "SPY", "Buy to Open", 1, 500, order=100),
        ]
    )
    futures = [replace(lot, symbol="/ESZ5", instrument_type="Future") for lot in lots]

    assert legs_of(futures, open_only=True) is None
