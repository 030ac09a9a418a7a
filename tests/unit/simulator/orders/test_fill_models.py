"""orders/fill_models.py: the legacy table, quote fills and behaviour-forced prices."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from simulator.market import Market
from simulator.orders.fill_models import (
    LegacyFillModel,
    QuoteFillModel,
    fill_model,
    forced_prices,
)
from simulator.orders.terms import OrderTerms
from simulator.orders.validation import validate_order

from .conftest import MONDAY_MORNING, order_body


@pytest.fixture(scope="module")
def market() -> Market:
    return Market(3, MONDAY_MORNING.date())


def terms(market: Market, **kw: Any) -> OrderTerms:
    return validate_order(order_body(**kw), positions={}, listings=market).terms


def test_legacy_fills_cheap_limits_at_their_price(market: Market) -> None:
    assert LegacyFillModel().prices(terms(market, price="2")) == [Decimal(2)]
    assert LegacyFillModel().prices(terms(market, price="3")) == [Decimal(3)]


def test_legacy_leaves_limits_above_three_dollars_working(market: Market) -> None:
    assert LegacyFillModel().prices(terms(market, price="3.01")) is None


def test_legacy_fills_market_orders_at_one_dollar(market: Market) -> None:
    assert LegacyFillModel().prices(terms(market, **{"order-type": "Market"})) == [Decimal(1)]


def test_legacy_never_fills_a_stop(market: Market) -> None:
    stop = terms(market, **{"order-type": "Stop", "stop-trigger": "1"})
    assert LegacyFillModel().prices(stop) is None


def test_quote_fills_a_marketable_buy_at_the_ask(market: Market) -> None:
    quote = market.quote("AAPL")
    above = terms(market, price=str(quote.ask + 1))
    assert QuoteFillModel(market).prices(above) == [quote.ask]


def test_quote_leaves_a_buy_below_the_bid_working(market: Market) -> None:
    quote = market.quote("AAPL")
    assert QuoteFillModel(market).prices(terms(market, price=str(quote.bid - 1))) is None


def test_quote_fills_a_marketable_sell_at_the_bid(market: Market) -> None:
    quote = market.quote("AAPL")
    sell = terms(
        market, action="Sell to Open", price=str(quote.bid - 1), **{"price-effect": "Credit"}
    )
    assert QuoteFillModel(market).prices(sell) == [quote.bid]


def test_quote_triggers_a_buy_stop_only_at_or_above_the_mark(market: Market) -> None:
    mark = market.quote("AAPL").mark
    far = terms(market, **{"order-type": "Stop", "stop-trigger": str(mark * 2)})
    near = terms(market, **{"order-type": "Stop", "stop-trigger": str(mark - 1)})
    assert QuoteFillModel(market).prices(far) is None
    assert QuoteFillModel(market).prices(near) == [market.quote("AAPL").ask]


def test_the_model_is_chosen_by_name(market: Market) -> None:
    assert isinstance(fill_model("legacy", market), LegacyFillModel)
    assert isinstance(fill_model("quote", market), QuoteFillModel)


def test_a_forced_fill_of_a_working_limit_uses_the_limit(market: Market) -> None:
    dear = terms(market, price="7")
    assert forced_prices(LegacyFillModel(), dear, market) == [Decimal(7)]


def test_a_forced_fill_of_a_stop_uses_its_trigger(market: Market) -> None:
    stop = terms(market, **{"order-type": "Stop", "stop-trigger": "9"})
    assert forced_prices(LegacyFillModel(), stop, market) == [Decimal(9)]
