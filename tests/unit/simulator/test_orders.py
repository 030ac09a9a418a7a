"""orders.py: parsing helpers, validation, fill models and the state machine (no HTTP)."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest

from simulator.app import SimConfig, Simulation
from simulator.orders import OrderEngine, OrderRejected, parse_delay, signed_price
from simulator.state import AccountState, Environment, User


def test_parse_delay() -> None:
    assert parse_delay(3) == 3.0
    assert parse_delay("PT5S") == 5.0
    assert parse_delay("PT1M30S") == 90.0
    assert parse_delay("P1D") == 86400.0
    assert parse_delay("2.5") == 2.5
    with pytest.raises(OrderRejected):
        parse_delay("soon")


def test_signed_price() -> None:
    assert signed_price({"price": "1.5", "price-effect": "Debit"}) == Decimal("-1.5")
    assert signed_price({"price": "1.5", "price-effect": "Credit"}) == Decimal("1.5")
    assert signed_price({}) is None


@pytest.fixture
def sim() -> Simulation:
    return Simulation(SimConfig(seed=3, market_tick=0, history=False, order_step_delay=0))


def first(env: Environment) -> tuple[User, AccountState, OrderEngine]:
    user = next(iter(env.users.values()))
    acct = next(a for a in user.accounts.values() if a.account["margin-or-cash"] == "Margin")
    return user, acct, env.engine


def body(symbol: str = "AAPL", action: str = "Buy to Open", **kw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "order-type": "Limit",
        "price": "2",
        "price-effect": "Debit",
        "time-in-force": "Day",
        "legs": [
            {"instrument-type": "Equity", "symbol": symbol, "action": action, "quantity": "5"}
        ],
    }
    out.update(kw)
    return out


def test_validation_errors(sim: Simulation) -> None:
    user, acct, engine = first(sim.sandbox)
    cases = [
        (body(**{"order-type": "Bogus"}), "invalid_order_type"),
        (body(**{"time-in-force": "Forever"}), "invalid_time_in_force"),
        (body(symbol="ZZZZ"), "invalid_symbol"),
        (body(legs=[]), "invalid_legs"),
        (body(price="x"), "invalid_price"),
        (body(behavior="sometimes"), "invalid_behavior"),
        (body(**{"order-type": "Stop"}), "invalid_stop_trigger"),
        (body(**{"order-type": "Notional Market"}), "invalid_value"),
        (body(**{"time-in-force": "GTD"}), "invalid_gtc_date"),
    ]
    for raw, code in cases:
        with pytest.raises(OrderRejected) as info:
            engine.validate(user, acct, raw)
        assert info.value.code == code
    with pytest.raises(OrderRejected) as info:
        engine.validate(user, acct, "nope")
    assert info.value.status == 400


def test_closing_without_position(sim: Simulation) -> None:
    user, acct, engine = first(sim.sandbox)
    order, warnings, _ = engine.validate(user, acct, body(action="Sell to Close"))
    assert warnings[0]["code"] == "closing_with_no_position"
    assert order["legs"][0]["action"] == "Sell to Open"
    strict = body(action="Sell to Close")
    strict["advanced-instructions"] = {"strict-position-effect-validation": True}
    with pytest.raises(OrderRejected, match="closing_with_no_position"):
        engine.validate(user, acct, strict)


def test_dry_run_shape(sim: Simulation) -> None:
    user, acct, engine = first(sim.sandbox)
    out = engine.dry_run(user, acct, body())
    assert out["order"]["status"] == "Received" and "id" not in out["order"]
    assert out["buying-power-effect"]["effect"] == "Debit"
    assert out["fee-calculation"]["total-fees-effect"] in ("Debit", "None")
    assert not any(k.startswith("_") for k in out["order"])
    assert acct.orders == {}


def test_legacy_and_quote_models(sim: Simulation) -> None:
    user, acct, engine = first(sim.sandbox)
    order, _, _ = engine.validate(user, acct, body(price="2"))
    assert engine.model_prices(order) == [Decimal(2)]
    dear, _, _ = engine.validate(user, acct, body(price="3.01"))
    assert engine.model_prices(dear) is None
    market, _, _ = engine.validate(user, acct, body(**{"order-type": "Market"}))
    assert engine.model_prices(market) == [Decimal(1)]
    prod_user, prod_acct, prod_engine = first(sim.production)
    quote = sim.market.quote("AAPL")
    above = prod_engine.validate(prod_user, prod_acct, body(price=str(quote.ask + 1)))[0]
    assert prod_engine.model_prices(above) == [quote.ask]
    below = prod_engine.validate(prod_user, prod_acct, body(price=str(quote.bid - 1)))[0]
    assert prod_engine.model_prices(below) is None
    sell = prod_engine.validate(
        prod_user,
        prod_acct,
        body(action="Sell to Open", price=str(quote.bid - 1), **{"price-effect": "Credit"}),
    )[0]
    assert prod_engine.model_prices(sell) == [quote.bid]


async def test_state_machine(sim: Simulation) -> None:
    user, acct, engine = first(sim.sandbox)
    placed = await engine.place(user, acct, body())
    oid = placed["order"]["id"]
    assert placed["order"]["status"] == "Routed"
    await asyncio.wait_for(asyncio.shield(engine.tasks[oid]), 5)  # routed -> live -> filled
    order = acct.orders[oid]
    assert order["status"] == "Filled" and order["legs"][0]["remaining-quantity"] == "0"
    assert acct.positions["AAPL"]["quantity"] in ("5", "5.0")
    assert any(t.get("order-id") == oid for t in acct.transactions)
    with pytest.raises(OrderRejected, match="order_not_cancellable"):
        await engine.cancel(acct, oid)
    resting = await engine.place(user, acct, body(price="7"))
    rid = resting["order"]["id"]
    new = await engine.replace(
        user, acct, rid, {"order-type": "Limit", "price": "8", "price-effect": "Debit"}
    )
    assert acct.orders[rid]["status"] == "Cancelled"
    assert acct.orders[rid]["replacing-order-id"] == new["id"]
    await engine.cancel(acct, new["id"])
    assert acct.orders[new["id"]]["status"] == "Cancelled"
    await engine.close()


# when working orders stop working ---------------------------------------------------------
def test_order_deadlines_follow_the_exchange_calendar() -> None:
    from datetime import UTC, datetime

    from simulator.orders import order_deadline

    def at(received: str, tif: str = "Day", **extra: str) -> datetime | None:
        return order_deadline({"time-in-force": tif, "received-at": received, **extra})

    # Monday 2026-11-23 10:00 New York -> that day's 16:00 close (21:00 UTC)
    assert at("2026-11-23T15:00:00+00:00") == datetime(2026, 11, 23, 21, 0, tzinfo=UTC)
    # after the close -> the next session's close
    assert at("2026-11-23T21:30:00+00:00") == datetime(2026, 11, 24, 21, 0, tzinfo=UTC)
    # Thanksgiving (closed) -> Friday's early 13:00 close
    assert at("2026-11-26T15:00:00+00:00") == datetime(2026, 11, 27, 18, 0, tzinfo=UTC)
    # GTD on a Saturday works until Friday's close; GTC never expires
    assert at("2026-11-23T15:00:00+00:00", "GTD", **{"gtc-date": "2026-12-05"}) == datetime(
        2026, 12, 4, 21, 0, tzinfo=UTC
    )
    assert at("2026-11-23T15:00:00+00:00", "GTC") is None
