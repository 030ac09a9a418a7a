"""orders/working.py: wire rendering, public views, deadlines and the history filter."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from simulator.market import Market
from simulator.orders.validation import validate_order
from simulator.orders.working import (
    order_deadline,
    order_history_filter,
    public_order,
    render_order,
)

from .conftest import MONDAY_MORNING, order_body


@pytest.fixture(scope="module")
def market() -> Market:
    return Market(3, MONDAY_MORNING.date())


def test_a_rendered_order_has_the_fields_the_sdk_requires(market: Market) -> None:
    body = order_body(**{"external-identifier": "x-1", "stop-trigger": "1.5"})
    terms = validate_order(body, positions={}, listings=market).terms
    order = render_order(terms, account_number="5WT1", user_id="9", username="demo")
    for key in ("account-number", "time-in-force", "order-type", "underlying-symbol"):
        assert key in order
    assert order["underlying-instrument-type"] == "Equity"
    assert order["price"] == "2" and order["price-effect"] == "Debit"
    assert order["stop-trigger"] == "1.5" and order["external-identifier"] == "x-1"
    assert order["legs"][0] == {
        "instrument-type": "Equity",
        "symbol": "AAPL",
        "quantity": "5",
        "remaining-quantity": "5",
        "action": "Buy to Open",
        "fills": [],
    }


def test_a_notional_order_has_no_leg_quantity_until_it_fills(market: Market) -> None:
    body = order_body(**{"order-type": "Notional Market", "value": "100"})
    del body["legs"][0]["quantity"]
    terms = validate_order(body, positions={}, listings=market).terms
    order = render_order(terms, account_number="5WT1", user_id="9", username="demo")
    assert "quantity" not in order["legs"][0] and order["value"] == "100"
    assert order["size"] == "0"


def test_a_public_view_is_a_copy(market: Market) -> None:
    terms = validate_order(order_body(), positions={}, listings=market).terms
    order = render_order(terms, account_number="5WT1", user_id="9", username="demo")
    view = public_order(order)
    view["legs"][0]["symbol"] = "MSFT"
    view["status"] = "Filled"
    assert order["legs"][0]["symbol"] == "AAPL" and "status" not in order


def at(received: str, tif: str = "Day", **extra: str) -> datetime | None:
    return order_deadline({"time-in-force": tif, "received-at": received, **extra})


def test_a_day_order_works_until_that_days_close() -> None:
    # Monday 2026-11-23 10:00 New York -> that day's 16:00 close (21:00 UTC)
    assert at("2026-11-23T15:00:00+00:00") == datetime(2026, 11, 23, 21, 0, tzinfo=UTC)


def test_a_day_order_after_the_close_works_the_next_session() -> None:
    assert at("2026-11-23T21:30:00+00:00") == datetime(2026, 11, 24, 21, 0, tzinfo=UTC)


def test_a_holiday_order_works_until_the_next_early_close() -> None:
    # Thanksgiving (closed) -> Friday's early 13:00 close
    assert at("2026-11-26T15:00:00+00:00") == datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


def test_gtd_on_a_weekend_works_until_friday_and_gtc_never_expires() -> None:
    assert at("2026-11-23T15:00:00+00:00", "GTD", **{"gtc-date": "2026-12-05"}) == datetime(
        2026, 12, 4, 21, 0, tzinfo=UTC
    )
    assert at("2026-11-23T15:00:00+00:00", "GTC") is None


def _row(oid: int, status: str, received: str, underlying: str = "AAPL") -> dict[str, Any]:
    return {
        "id": oid,
        "status": status,
        "received-at": received,
        "underlying-symbol": underlying,
        "underlying-instrument-type": "Equity",
    }


def test_history_filters_by_status_underlying_and_date_newest_first() -> None:
    rows = [
        _row(1, "Filled", "2026-11-20T15:00:00+00:00"),
        _row(2, "Live", "2026-11-23T15:00:00+00:00"),
        _row(3, "Filled", "2026-11-23T16:00:00+00:00", "SPY"),
    ]
    assert [r["id"] for r in order_history_filter(rows, {}, [], [])] == [3, 2, 1]
    assert [r["id"] for r in order_history_filter(rows, {}, ["Filled"], [])] == [3, 1]
    assert [r["id"] for r in order_history_filter(rows, {}, [], ["AAPL"])] == [2, 1]
    since = {"start-date": "2026-11-23", "sort": "Asc"}
    assert [r["id"] for r in order_history_filter(rows, since, [], [])] == [2, 3]
