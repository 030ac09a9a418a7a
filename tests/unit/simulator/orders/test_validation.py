"""orders/validation.py: pure checks of a body against positions and listings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from simulator.market import Market
from simulator.orders.terms import OrderRejected
from simulator.orders.validation import validate_complex, validate_order

from .conftest import MONDAY_MORNING, order_body


@pytest.fixture(scope="module")
def market() -> Market:
    return Market(3, MONDAY_MORNING.date())


def check(body: Any, market: Market, positions: dict[str, Any] | None = None) -> Any:
    return validate_order(body, positions=positions or {}, listings=market)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"order-type": "Bogus"}, "invalid_order_type"),
        ({"time-in-force": "Forever"}, "invalid_time_in_force"),
        ({"legs": []}, "invalid_legs"),
        ({"price": "x"}, "invalid_price"),
        ({"price": "-1"}, "invalid_price"),
        ({"price-effect": "Maybe"}, "invalid_price_effect"),
        ({"behavior": "sometimes"}, "invalid_behavior"),
        ({"order-type": "Stop"}, "invalid_stop_trigger"),
        ({"order-type": "Notional Market"}, "invalid_value"),
        ({"time-in-force": "GTD"}, "invalid_gtc_date"),
        ({"time-in-force": "GTD", "gtc-date": "next week"}, "invalid_gtc_date"),
        ({"external-identifier": {"nested": 1}}, "invalid_external_identifier"),
        ({"advanced-instructions": ["strict"]}, "invalid_advanced_instructions"),
        ({"schedule": "tomorrowish"}, "invalid_schedule"),
        ({"delay": "soon"}, "invalid_delay"),
    ],
)
def test_a_bad_field_is_refused_with_its_code(
    market: Market, changes: dict[str, Any], code: str
) -> None:
    with pytest.raises(OrderRejected) as info:
        check(order_body(**changes), market)
    assert info.value.code == code and info.value.status == 422


def test_a_body_that_is_not_an_object_is_a_400(market: Market) -> None:
    with pytest.raises(OrderRejected) as info:
        check("nope", market)
    assert info.value.status == 400


def test_an_unknown_symbol_is_refused(market: Market) -> None:
    with pytest.raises(OrderRejected, match="invalid_symbol"):
        check(order_body(symbol="ZZZZ"), market)


def test_an_unlisted_strike_says_it_is_not_listed(market: Market) -> None:
    exp = market.expirations("SPY")[0]
    symbol = f"SPY   {exp.date:%y%m%d}C00000500"
    leg = {"instrument-type": "Equity Option", "symbol": symbol, "action": "Buy to Open"}
    with pytest.raises(OrderRejected, match="not listed"):
        check(order_body(legs=[{**leg, "quantity": "1"}]), market)


def test_five_legs_are_too_many(market: Market) -> None:
    leg = order_body()["legs"][0]
    legs = [{**leg, "symbol": s} for s in ("AAPL", "MSFT", "SPY", "QQQ", "IWM")]
    with pytest.raises(OrderRejected, match="too_many_legs"):
        check(order_body(legs=legs), market)


def test_legs_on_two_underlyings_are_refused(market: Market) -> None:
    leg = order_body()["legs"][0]
    with pytest.raises(OrderRejected, match="one underlying"):
        check(order_body(legs=[leg, {**leg, "symbol": "MSFT"}]), market)


def test_closing_without_a_position_opens_one_with_a_warning(market: Market) -> None:
    checked = check(order_body(action="Sell to Close"), market)
    assert checked.warnings[0]["code"] == "closing_with_no_position"
    assert checked.terms.legs[0].action == "Sell to Open"


def test_strict_validation_refuses_closing_without_a_position(market: Market) -> None:
    strict = order_body(action="Sell to Close")
    strict["advanced-instructions"] = {"strict-position-effect-validation": True}
    with pytest.raises(OrderRejected, match="closing_with_no_position"):
        check(strict, market)


def test_opening_against_an_opposite_position_is_refused(market: Market) -> None:
    positions = {"AAPL": {"quantity": "10", "quantity-direction": "Long"}}
    with pytest.raises(OrderRejected, match="invalid_position_effect"):
        check(order_body(action="Sell to Open"), market, positions)


def test_closing_a_held_position_keeps_the_closing_action(market: Market) -> None:
    positions = {"AAPL": {"quantity": "10", "quantity-direction": "Long"}}
    checked = check(order_body(action="Sell to Close"), market, positions)
    assert checked.terms.legs[0].action == "Sell to Close" and not checked.warnings


def test_terms_carry_the_typed_request(market: Market) -> None:
    terms = check(order_body(**{"external-identifier": "req-1", "behavior": "never"}), market).terms
    assert terms.order_type == "Limit" and terms.price == Decimal(2)
    assert terms.signed_price == Decimal(-2) and terms.size == Decimal(5)
    assert terms.external_identifier == "req-1" and terms.behavior == "never"
    assert terms.legs[0].multiplier == Decimal(1) and terms.underlying == "AAPL"
    assert terms.underlying_instrument_type == "Equity"


def test_an_index_underlying_is_reported_as_an_index(market: Market) -> None:
    exp = market.expirations("SPX")[0]
    strike = market.strikes("SPX", exp.date)[0]
    symbol = f"{exp.root:<6}{exp.date:%y%m%d}C{int(strike * 1000):08d}"
    leg = {"instrument-type": "Equity Option", "symbol": symbol, "action": "Buy to Open"}
    terms = check(order_body(legs=[{**leg, "quantity": "1"}]), market).terms
    assert terms.underlying_instrument_type == "Index"
    assert terms.legs[0].multiplier == Decimal(100)


def test_children_of_a_trigger_may_close_what_the_trigger_opens(market: Market) -> None:
    # the account already holds AAPL long: the child's close must not be read as an open
    positions = {"AAPL": {"quantity": "3", "quantity-direction": "Long"}}
    body = {
        "type": "OTO",
        "trigger-order": order_body(),
        "orders": [order_body(action="Sell to Close", price="50", **{"price-effect": "Credit"})],
    }
    checked = validate_complex(body, positions=positions, listings=market)
    assert checked.orders[0].legs[0].action == "Sell to Close"
    assert checked.trigger is not None and not checked.warnings


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"type": "PAIRS", "orders": [order_body()]}, "invalid_complex_order_type"),
        ({"type": "OCO", "orders": []}, "invalid_orders"),
        ({"type": "OCO", "orders": [order_body(), order_body()]}, "invalid_orders"),
        ({"type": "OTO", "orders": [order_body()]}, "invalid_orders"),
    ],
)
def test_a_bad_complex_order_is_refused(market: Market, body: Any, code: str) -> None:
    with pytest.raises(OrderRejected) as info:
        validate_complex(body, positions={}, listings=market)
    assert info.value.code == code
