"""symbols.py: the one OCC/streamer spelling and the one set of index underlyings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from simulator import history, ledger, market
from simulator.symbols import (
    CASH_SETTLED_ROOTS,
    INDEX_UNDERLYINGS,
    OptionSymbol,
    occ_symbol,
    parse_occ,
    streamer_symbol,
    streamer_to_occ,
    underlying_instrument_type,
)


def test_an_occ_symbol_round_trips() -> None:
    parsed = parse_occ("SPXW  250620C05925500")
    assert parsed == OptionSymbol("SPXW", date(2025, 6, 20), "C", Decimal("5925.5"))
    assert parsed is not None and parsed.occ == "SPXW  250620C05925500"


def test_a_whole_strike_keeps_a_plain_spelling() -> None:
    parsed = parse_occ("SPY   250620C00600000")
    assert parsed is not None and str(parsed.strike) == "600"


@pytest.mark.parametrize(
    "text",
    [
        "AAPL",
        "SPY250620C600",
        "spy   250620C00600000",
        "SPY   251340C00600000",
        "SPY   250620X00600000",
    ],
)
def test_what_is_not_an_occ_symbol_parses_to_none(text: str) -> None:
    assert parse_occ(text) is None


def test_streamer_symbols_convert_both_ways() -> None:
    assert streamer_symbol("SPY", date(2025, 6, 20), "P", Decimal("197.5")) == ".SPY250620P197.5"
    assert streamer_to_occ(".SPXW250620C5925") == occ_symbol(
        "SPXW", date(2025, 6, 20), "C", Decimal(5925)
    )
    assert streamer_to_occ(".TOOLONGROOT250620C1") is None
    assert streamer_to_occ("AAPL") is None


def test_vix_is_an_index_with_cash_settled_options() -> None:
    assert "VIX" in INDEX_UNDERLYINGS and "VIX" in CASH_SETTLED_ROOTS
    assert underlying_instrument_type("VIX") == "Index"
    assert underlying_instrument_type("SPY") == "Equity"
    vix_call = parse_occ(occ_symbol("VIX", date(2025, 6, 18), "C", Decimal(20)))
    assert vix_call is not None and vix_call.cash_settled


def test_every_index_underlying_settles_in_cash() -> None:
    assert INDEX_UNDERLYINGS <= CASH_SETTLED_ROOTS


def test_the_simulator_has_one_spelling_of_each_helper() -> None:
    # the ledger, market and history use these very functions and sets, not copies
    assert ledger.parse_occ is parse_occ
    assert market.occ_symbol is occ_symbol and market.parse_occ is parse_occ
    assert history.INDEX_UNDERLYINGS is INDEX_UNDERLYINGS
    assert history.CASH_SETTLED_ROOTS is CASH_SETTLED_ROOTS
