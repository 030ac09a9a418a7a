"""market.py strike grids: monthlies and quarterlies list far from the money at the wide step,
weeklies and dailies stay near it, the same for a given seed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from simulator import calendar as cal
from simulator.market import Expiration, Market
from simulator.symbols import occ_symbol

TODAY = date(2025, 6, 2)
NEXT_MONTH = date(2025, 7, 18)  # July's monthly, "next month" seen from June 2
QUARTER_END = date(2025, 6, 30)  # SPY's June quarterly (not a monthly)


@pytest.fixture(scope="module")
def market() -> Market:
    return Market(7, TODAY)


def listing(market: Market, underlying: str, day: date) -> Expiration:
    return next(e for e in market.expirations(underlying) if e.date == day)


def test_next_month_spy_lists_strike_450_with_spy_near_600(market: Market) -> None:
    assert Decimal(550) < market.spot("SPY") < Decimal(650)
    assert listing(market, "SPY", NEXT_MONTH).expiration_type == "Regular"
    assert Decimal(450) in market.strikes("SPY", NEXT_MONTH)
    call = market.option(occ_symbol("SPY", NEXT_MONTH, "C", Decimal(450)))
    assert call is not None and call.strike == Decimal(450)
    quote = market.quote(call.occ)
    intrinsic = market.spot("SPY") - Decimal(450)
    assert intrinsic <= quote.ask and quote.bid < quote.ask


@pytest.mark.parametrize("day", [NEXT_MONTH, QUARTER_END])
def test_monthlies_and_quarterlies_list_forty_percent_each_side(market: Market, day: date) -> None:
    spot = market.opening_spot("SPY")
    strikes = market.strikes("SPY", day)
    reach = Decimal("0.39")  # +/-40% less a step's rounding
    assert min(strikes) <= spot * (1 - reach) and max(strikes) >= spot * (1 + reach)


def test_far_strikes_use_the_wide_step(market: Market) -> None:
    spot = market.opening_spot("SPY")
    far = [k for k in market.strikes("SPY", NEXT_MONTH) if abs(k - spot) > spot / 10]
    assert far and all(k % 5 == 0 for k in far)
    near = [k for k in market.strikes("SPY", NEXT_MONTH) if abs(k - spot) < 10]
    assert any(k % 5 for k in near)  # the near band keeps its $1 strikes


def test_weeklies_and_dailies_stay_near_the_money(market: Market) -> None:
    spot = market.opening_spot("SPY")
    short = [e for e in market.expirations("SPY") if e.date <= NEXT_MONTH]
    narrow = [e for e in short if e.expiration_type == "Weekly"]
    assert narrow
    for e in narrow:
        strikes = market.strikes("SPY", e.date)
        assert min(strikes) > spot * Decimal("0.75") and max(strikes) < spot * Decimal("1.25")
    assert Decimal(450) not in market.strikes("SPY", cal.next_trading_day(TODAY))


def test_spx_lists_the_wide_grid_for_both_roots_of_a_monthly(market: Market) -> None:
    am = next(e for e in market.expirations("SPX") if e.date == NEXT_MONTH and e.root == "SPX")
    pm = next(e for e in market.expirations("SPX") if e.date == NEXT_MONTH and e.root == "SPXW")
    spot = market.opening_spot("SPX")
    assert min(market.strikes("SPX", NEXT_MONTH)) <= spot * Decimal("0.61")
    assert {c.strike for c in market.chain("SPX", am)} == {
        c.strike for c in market.chain("SPX", pm)
    }


def test_stock_monthlies_are_wide_too(market: Market) -> None:
    monthly = next(e for e in market.expirations("AAPL") if e.date == NEXT_MONTH)
    weekly = next(e for e in market.expirations("AAPL") if e.expiration_type == "Weekly")
    spot = market.opening_spot("AAPL")
    assert min(market.strikes("AAPL", monthly.date)) <= spot * Decimal("0.6") + 10  # $10 step
    assert min(market.strikes("AAPL", weekly.date)) > spot * Decimal("0.75")


def test_the_grid_is_the_same_for_a_seed(market: Market) -> None:
    again = Market(7, TODAY)
    for day in (NEXT_MONTH, QUARTER_END):
        assert again.strikes("SPY", day) == market.strikes("SPY", day)
    assert Market(8, TODAY).strikes("SPY", NEXT_MONTH) != market.strikes("SPY", NEXT_MONTH)


def test_long_dated_expirations_keep_their_wider_grid(market: Market) -> None:
    leap = market.expirations("SPY")[-1]
    spot = market.opening_spot("SPY")
    assert min(market.strikes("SPY", leap.date)) <= spot * Decimal("0.5")
