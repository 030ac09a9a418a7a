"""orders/lifecycle.py on a manual clock: every wait and timestamp follows the engine's clock."""

from __future__ import annotations

from datetime import timedelta

from simulator import wire
from simulator.clock import ManualClock
from simulator.orders.working import order_deadline

from .conftest import MONDAY_MORNING, Body, Parts

STEP = 0.01  # the timed simulation's order_step_delay


async def test_routing_waits_for_the_clock(timed: Parts, clock: ManualClock, body: Body) -> None:
    user, acct, engine = timed
    placed = await engine.place(user, acct, body(behavior="never"))
    order = acct.orders[placed["order"]["id"]]
    await clock.settle()
    assert order["status"] == "Routed"  # nothing moves while time stands still
    await clock.advance(STEP)
    assert order["status"] == "In Flight"
    await clock.advance(STEP)
    assert order["status"] == "Live"
    assert order["live-at"] == wire.iso(MONDAY_MORNING + timedelta(seconds=2 * STEP))
    await engine.close()


async def test_a_delayed_order_fills_when_its_delay_has_passed(
    timed: Parts, clock: ManualClock, body: Body
) -> None:
    user, acct, engine = timed
    placed = await engine.place(user, acct, body(price="9", behavior="delayed", delay="PT1H"))
    order = acct.orders[placed["order"]["id"]]
    await clock.advance(2 * STEP + 3599)
    assert order["status"] == "Live"
    await clock.advance(1)
    assert order["status"] == "Filled"
    assert order["legs"][0]["fills"][0]["fill-price"] == "9"  # forced: at its limit
    await engine.close()


async def test_a_scheduled_order_fills_at_its_time_on_the_engine_clock(
    timed: Parts, clock: ManualClock, body: Body
) -> None:
    user, acct, engine = timed
    # the manual clock is far from the wall clock: the schedule must be read on the former
    when = MONDAY_MORNING + timedelta(minutes=10)
    placed = await engine.place(
        user, acct, body(price="9", behavior="scheduled", schedule=when.isoformat())
    )
    order = acct.orders[placed["order"]["id"]]
    await clock.advance(9 * 60)
    assert order["status"] == "Live"
    await clock.advance(60)
    assert order["status"] == "Filled"
    assert order["terminal-at"] == wire.iso(when)
    await engine.close()


async def test_a_partial_order_fills_half_then_the_rest(
    timed: Parts, clock: ManualClock, body: Body
) -> None:
    user, acct, engine = timed
    placed = await engine.place(user, acct, body(behavior="partial", legs=_legs("4")))
    order = acct.orders[placed["order"]["id"]]
    await clock.advance(2 * STEP)
    assert [f["quantity"] for f in order["legs"][0]["fills"]] == ["2"]
    assert order["status"] == "Live" and order["legs"][0]["remaining-quantity"] == "2"
    await clock.advance(1)
    assert [f["quantity"] for f in order["legs"][0]["fills"]] == ["2", "2"]
    assert order["status"] == "Filled"
    await engine.close()


async def test_a_reject_behaviour_rejects_after_one_step(
    timed: Parts, clock: ManualClock, body: Body
) -> None:
    user, acct, engine = timed
    placed = await engine.place(user, acct, body(behavior="reject"))
    order = acct.orders[placed["order"]["id"]]
    await clock.advance(STEP)
    assert order["status"] == "Rejected" and "behavior=reject" in order["reject-reason"]
    await engine.close()


async def test_a_day_order_expires_at_the_close_on_the_engine_clock(
    timed: Parts, clock: ManualClock, body: Body
) -> None:
    user, acct, engine = timed
    day = await engine.place(user, acct, body(price="9"))
    gtc = await engine.place(user, acct, body(price="9", **{"time-in-force": "GTC"}))
    await clock.advance(2 * STEP)
    order = acct.orders[day["order"]["id"]]
    deadline = order_deadline(order)
    assert deadline is not None and order["status"] == "Live"
    await clock.advance_to(deadline - timedelta(seconds=1))
    assert await engine.on_market_step() == 0 and order["status"] == "Live"
    await clock.advance(2)
    await engine.on_market_step()
    assert order["status"] == "Expired"
    assert order["terminal-at"] == wire.iso(deadline + timedelta(seconds=1))
    assert acct.orders[gtc["order"]["id"]]["status"] == "Live"
    await engine.close()


async def test_nothing_expires_at_the_close_in_open_market_hours(
    always_open: Parts, clock: ManualClock, body: Body
) -> None:
    user, acct, engine = always_open
    day = await engine.place(user, acct, body(price="9"))
    gtd = await engine.place(
        user, acct, body(price="9", **{"time-in-force": "GTD", "gtc-date": "2026-11-23"})
    )
    await clock.advance(2 * STEP)
    orders = [acct.orders[day["order"]["id"]], acct.orders[gtd["order"]["id"]]]
    deadline = order_deadline(orders[0])
    assert deadline is not None and order_deadline(orders[1]) == deadline
    await clock.advance_to(deadline + timedelta(days=3))  # past the close, and the next ones
    assert await engine.lifecycle.expire_orders() == 0
    await engine.on_market_step()
    assert [order["status"] for order in orders] == ["Live", "Live"]
    await engine.close()


async def test_a_fill_books_the_ledger_at_the_clock_time(
    timed: Parts, clock: ManualClock, body: Body
) -> None:
    user, acct, engine = timed
    placed = await engine.place(user, acct, body())
    await clock.advance(2 * STEP)
    trade = next(t for t in acct.transactions if t.get("order-id") == placed["order"]["id"])
    assert trade["executed-at"] == wire.iso(MONDAY_MORNING + timedelta(seconds=2 * STEP))
    await engine.close()


def _legs(quantity: str) -> list[dict[str, str]]:
    return [
        {
            "instrument-type": "Equity",
            "symbol": "AAPL",
            "action": "Buy to Open",
            "quantity": quantity,
        }
    ]
