"""orders/engine.py: dry runs, placement, cancel, replace and complex orders (no HTTP)."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from simulator.orders import OrderRejected

from .conftest import Body, Parts


def test_a_dry_run_shows_a_received_order_and_places_nothing(sandbox: Parts, body: Body) -> None:
    user, acct, engine = sandbox
    out = sandbox.engine.dry_run(user, acct, body())
    assert out["order"]["status"] == "Received" and "id" not in out["order"]
    assert out["buying-power-effect"]["effect"] == "Debit"
    assert out["fee-calculation"]["total-fees-effect"] in ("Debit", "None")
    assert not any(k.startswith("_") for k in out["order"])
    assert acct.orders == {} and engine.accepted == []


def test_a_dry_run_reports_a_shortfall_as_an_error(sandbox: Parts, body: Body) -> None:
    user, acct, engine = sandbox
    out = engine.dry_run(user, acct, body(price="1000000"))
    assert out["errors"][0]["code"] == "insufficient_buying_power"


async def test_a_placed_order_is_routed_then_filled(sandbox: Parts, body: Body) -> None:
    user, acct, engine = sandbox
    placed = await engine.place(user, acct, body())
    oid = placed["order"]["id"]
    assert placed["order"]["status"] == "Routed"
    await asyncio.wait_for(asyncio.shield(engine.tasks[oid]), 5)  # routed -> live -> filled
    order = acct.orders[oid]
    assert order["status"] == "Filled" and order["legs"][0]["remaining-quantity"] == "0"
    assert acct.positions["AAPL"]["quantity"] in ("5", "5.0")
    assert any(t.get("order-id") == oid for t in acct.transactions)
    await engine.close()


async def test_the_wire_order_holds_no_private_state(sandbox: Parts, body: Body) -> None:
    user, acct, engine = sandbox
    placed = await engine.place(user, acct, body(behavior="never"))
    wire_order = acct.orders[placed["order"]["id"]]
    assert not [k for k in wire_order if k.startswith("_")]
    assert not [k for leg in wire_order["legs"] for k in leg if k.startswith("_")]
    await engine.close()


async def test_a_filled_order_cannot_be_cancelled(sandbox: Parts, body: Body) -> None:
    user, acct, engine = sandbox
    placed = await engine.place(user, acct, body())
    await asyncio.wait_for(asyncio.shield(engine.tasks[placed["order"]["id"]]), 5)
    with pytest.raises(OrderRejected, match="order_not_cancellable"):
        await engine.cancel(acct, placed["order"]["id"])
    await engine.close()


async def test_replace_cancels_the_old_order_and_links_both(sandbox: Parts, body: Body) -> None:
    user, acct, engine = sandbox
    resting = await engine.place(user, acct, body(price="7"))
    rid = resting["order"]["id"]
    new = await engine.replace(
        user, acct, rid, {"order-type": "Limit", "price": "8", "price-effect": "Debit"}
    )
    assert acct.orders[rid]["status"] == "Cancelled"
    assert acct.orders[rid]["replacing-order-id"] == new["id"]
    assert new["replaces-order-id"] == rid and new["price"] == "8"
    await engine.cancel(acct, new["id"])
    assert acct.orders[new["id"]]["status"] == "Cancelled"
    await engine.close()


async def test_a_replacement_with_legs_is_a_400(sandbox: Parts, body: Body) -> None:
    user, acct, engine = sandbox
    resting = await engine.place(user, acct, body(price="7"))
    with pytest.raises(OrderRejected) as info:
        await engine.replace(user, acct, resting["order"]["id"], body(price="8"))
    assert info.value.status == 400
    await engine.close()


async def test_every_accepted_order_is_logged_with_its_identifier(
    sandbox: Parts, body: Body
) -> None:
    user, acct, engine = sandbox
    first = await engine.place(user, acct, body(price="7", **{"external-identifier": "a-1"}))
    replaced = await engine.replace(
        user,
        acct,
        first["order"]["id"],
        {"order-type": "Limit", "price": "8", "external-identifier": "a-2"},
    )
    logged = [(o.order_id, o.external_identifier, o.replaces_order_id) for o in engine.accepted]
    assert logged == [
        (first["order"]["id"], "a-1", None),
        (replaced["id"], "a-2", first["order"]["id"]),
    ]
    assert engine.accepted[0].legs[0].quantity == "5"
    await engine.close()


async def test_a_refused_placement_is_not_logged(sandbox: Parts, body: Body) -> None:
    user, acct, engine = sandbox
    with pytest.raises(OrderRejected):
        await engine.place(user, acct, body(symbol="NOPE"))
    assert engine.accepted == [] and acct.orders == {}


async def test_an_oto_routes_its_child_after_the_trigger_fills(sandbox: Parts, body: Body) -> None:
    user, acct, engine = sandbox
    oto = {
        "type": "OTO",
        "trigger-order": body(price="2"),
        "orders": [body(action="Sell to Close", price="50", **{"price-effect": "Credit"})],
    }
    placed = await engine.complex.place(user, acct, oto)
    child_id = placed["complex-order"]["orders"][0]["id"]
    assert acct.orders[child_id]["status"] == "Contingent"
    with pytest.raises(OrderRejected, match="contingent child"):
        await engine.cancel(acct, child_id)
    trigger_id = placed["complex-order"]["trigger-order"]["id"]
    await asyncio.wait_for(asyncio.shield(engine.tasks[trigger_id]), 5)
    await asyncio.wait_for(asyncio.shield(engine.tasks[child_id]), 5)
    assert acct.orders[child_id]["contingent-status"] == "Triggered"
    assert acct.orders[child_id]["status"] == "Live"  # $50 is dear for the legacy table
    await engine.close()


async def test_cancelling_a_complex_order_cancels_every_order_in_it(
    sandbox: Parts, body: Body
) -> None:
    user, acct, engine = sandbox
    otoco = {
        "type": "OTOCO",
        "trigger-order": body(price="9"),
        "orders": [
            body(action="Sell to Close", price="20", **{"price-effect": "Credit"}),
            body(action="Sell to Close", **{"order-type": "Stop", "stop-trigger": "1"}),
        ],
    }
    placed = await engine.complex.place(user, acct, otoco)
    cid = placed["complex-order"]["id"]
    state = await engine.complex.cancel(acct, cid)
    view = engine.complex.public(acct, state)
    assert {o["status"] for o in view["orders"]} == {"Cancelled"}
    assert view["trigger-order"]["status"] == "Cancelled" and "terminal-at" in view
    assert not engine.complex.is_live(acct, state)
    with pytest.raises(OrderRejected, match="finished"):
        await engine.complex.cancel(acct, cid)
    await engine.close()


async def test_an_unknown_order_or_complex_order_is_a_404(sandbox: Parts) -> None:
    _, acct, engine = sandbox
    with pytest.raises(OrderRejected) as info:
        engine.get_order(acct, 123456)
    assert info.value.status == 404
    with pytest.raises(OrderRejected) as info:
        engine.complex.get(acct, 123456)
    assert info.value.status == 404


async def test_a_quote_model_buy_books_at_the_ask(production: Parts, body: Body) -> None:
    user, acct, engine = production
    ask = engine.env.market.quote("AAPL").ask
    placed = await engine.place(user, acct, body(**{"order-type": "Market"}))
    await asyncio.wait_for(asyncio.shield(engine.tasks[placed["order"]["id"]]), 5)
    fill = acct.orders[placed["order"]["id"]]["legs"][0]["fills"][0]
    assert Decimal(fill["fill-price"]) == ask
    await engine.close()
