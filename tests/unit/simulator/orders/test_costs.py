"""orders/costs.py: cash effect, requirement, fees and buying power before a fill."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from simulator.market import Market
from simulator.orders.costs import (
    OrderCosts,
    available_buying_power,
    buying_power_effect,
    check_buying_power,
    estimate_costs,
    fee_calculation,
)
from simulator.orders.terms import OrderRejected, OrderTerms
from simulator.orders.validation import validate_order
from simulator.symbols import occ_symbol

from .conftest import MONDAY_MORNING, order_body


@pytest.fixture(scope="module")
def market() -> Market:
    return Market(3, MONDAY_MORNING.date())


def terms(market: Market, **kw: Any) -> OrderTerms:
    return validate_order(order_body(**kw), positions={}, listings=market).terms


def option_leg(market: Market, offset: int, action: str) -> dict[str, Any]:
    exp = market.expirations("SPY")[3]
    strikes = market.strikes("SPY", exp.date)
    atm = min(range(len(strikes)), key=lambda i: abs(strikes[i] - market.spot("SPY")))
    symbol = occ_symbol(exp.root, exp.date, "C", strikes[atm + offset])
    return {"instrument-type": "Equity Option", "symbol": symbol, "action": action, "quantity": "1"}


def test_a_limit_buy_costs_its_limit(market: Market) -> None:
    costs = estimate_costs(terms(market, price="2"), market)
    assert costs.cash_effect == Decimal("-10.00")  # 5 shares at $2, a debit
    assert costs.requirement == 0
    assert costs.impact == Decimal("10.00") + costs.total_fees


def test_a_market_buy_costs_the_ask(market: Market) -> None:
    costs = estimate_costs(terms(market, **{"order-type": "Market"}), market)
    assert costs.cash_effect == (-market.quote("AAPL").ask * 5).quantize(Decimal("0.01"))


def test_a_short_stock_needs_one_and_a_half_times_its_price(market: Market) -> None:
    sell = terms(market, action="Sell to Open", **{"order-type": "Market"})
    assert estimate_costs(sell, market).requirement == (
        market.quote("AAPL").bid * 5 * Decimal("1.5")
    ).quantize(Decimal("0.01"))


def test_a_vertical_spread_needs_at_most_its_width(market: Market) -> None:
    legs = [option_leg(market, 0, "Buy to Open"), option_leg(market, 2, "Sell to Open")]
    spread = validate_order(order_body(legs=legs, price="1"), positions={}, listings=market).terms
    naked = validate_order(
        order_body(legs=legs[1:], price="1", **{"price-effect": "Credit"}),
        positions={},
        listings=market,
    ).terms
    assert estimate_costs(spread, market).requirement < estimate_costs(naked, market).requirement


def test_option_fees_follow_the_ledger_schedule(market: Market) -> None:
    costs = estimate_costs(
        validate_order(
            order_body(legs=[option_leg(market, 0, "Buy to Open")], price="1"),
            positions={},
            listings=market,
        ).terms,
        market,
    )
    assert costs.commission == Decimal("1.00") and costs.clearing == Decimal("0.10")
    assert costs.total_fees == Decimal("1.10")


def test_more_than_the_buying_power_is_refused() -> None:
    costs = OrderCosts(cash_effect=Decimal(-500), requirement=Decimal(0), impact=Decimal(500))
    check_buying_power(costs, Decimal(500))
    with pytest.raises(OrderRejected, match="insufficient_buying_power"):
        check_buying_power(costs, Decimal("499.99"))


def test_a_cash_account_spends_its_cash() -> None:
    balance = {"cash-balance": "100", "derivative-buying-power": "400"}
    assert available_buying_power({"margin-or-cash": "Cash"}, balance) == 100
    assert available_buying_power({"margin-or-cash": "Margin"}, balance) == 400


def test_wire_effects_carry_signs_as_effects() -> None:
    costs = OrderCosts(
        cash_effect=Decimal(-10),
        requirement=Decimal(0),
        impact=Decimal("10.50"),
        clearing=Decimal("0.50"),
        total_fees=Decimal("0.50"),
    )
    effect = buying_power_effect(costs, Decimal(1000))
    assert effect["new-buying-power"] == "989.50" and effect["effect"] == "Debit"
    assert effect["change-in-buying-power-effect"] == "Debit"
    fees = fee_calculation(costs)
    assert fees["total-fees"] == "0.50" and fees["total-fees-effect"] == "Debit"
