"""Seeded placement faults through the unmodified SDK, checked against the ground truth.

Each fault is one a placement pipeline must survive without placing twice: the order may exist
although the client heard nothing (dropped connection, hang), or not exist although the client
heard an error (5xx, 429). The ground truth (``sim.simulation.accepted_orders`` and
``GET /_sim/orders``) says which, and ``GET /accounts/{n}/orders/live`` is how a client finds out.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import aiohttp
import httpx2
import pytest
from support.sdk import equity_leg
from tastytrade import Account, Session
from tastytrade.order import LimitOrder, OrderAction
from tastytrade.utils import TastytradeError

from simulator.placement_faults import KINDS
from simulator.server import RunningSimulator

BTO = OrderAction.BUY_TO_OPEN


async def set_faults(sim: RunningSimulator, spec: Any) -> dict[str, Any]:
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{sim.url}/_sim/faults", json=spec) as resp,
    ):
        assert resp.status == 200, await resp.text()
        result: dict[str, Any] = await resp.json()
        return result


async def only(sim: RunningSimulator, kind: str, **plan: Any) -> None:
    """Every first placement attempt in production gets ``kind``."""
    await set_faults(sim, {"seed": 1, "rules": [], "placement": {"rates": {kind: 1.0}, **plan}})


def order(external_identifier: str, price: str = "-1") -> LimitOrder:
    return LimitOrder(
        legs=[equity_leg(BTO, 1)], price=Decimal(price), external_identifier=external_identifier
    )


def accepted(sim: RunningSimulator, external_identifier: str | None = None) -> list[int]:
    rows = sim.accepted_orders("production", external_identifier=external_identifier)
    return [row.order_id for row in rows]


async def live_ids(session: Session, account: Account, external_identifier: str) -> list[int]:
    """How a client finds an order it is not sure it placed: today's orders, by identifier."""
    return [
        o.id
        for o in await account.get_live_orders(session)
        if o.external_identifier == external_identifier
    ]


async def test_a_drop_after_acceptance_leaves_the_order_placed(
    sim: RunningSimulator, prod_session: Session, prod_account: Account
) -> None:
    await only(sim, "drop_after_accept")
    with pytest.raises(httpx2.TransportError):
        await prod_account.place_order(prod_session, order("req-drop"), dry_run=False)
    assert len(accepted(sim, "req-drop")) == 1
    assert await live_ids(prod_session, prod_account, "req-drop") == accepted(sim, "req-drop")
    # recent orders (history from today) carry the identifier too
    today = sim.clock.now().date()
    history = await prod_account.get_order_history(prod_session, start_date=today)
    found = [o.id for o in history if o.external_identifier == "req-drop"]
    assert found == accepted(sim, "req-drop")
    attempt = sim.faults.placement.attempts[-1]
    assert (attempt.fault, attempt.outcome, attempt.order_id) == (
        "drop_after_accept",
        "accepted",
        accepted(sim, "req-drop")[0],
    )


@pytest.mark.parametrize(
    ("kind", "statuses"), [("error_before_accept", {500, 502, 503}), ("rate_limit", {429})]
)
async def test_a_refusal_before_acceptance_places_nothing(
    sim: RunningSimulator,
    prod_session: Session,
    prod_account: Account,
    kind: str,
    statuses: set[int],
) -> None:
    await only(sim, kind)
    with pytest.raises(TastytradeError):
        await prod_account.place_order(prod_session, order("req-refused"), dry_run=False)
    assert accepted(sim) == []
    assert await live_ids(prod_session, prod_account, "req-refused") == []
    attempt = sim.faults.placement.attempts[-1]
    assert attempt.outcome == "refused" and attempt.status in statuses
    # a retry of the same request is attempt 2, which the default plan leaves alone
    placed = await prod_account.place_order(prod_session, order("req-refused"), dry_run=False)
    assert accepted(sim, "req-refused") == [placed.order.id]


async def test_a_hang_after_acceptance_outlasts_the_client(
    sim: RunningSimulator,
    prod_account: Account,
    session_factory: Callable[..., Session],
) -> None:
    session = session_factory("production", timeout=0.3)
    await session.refresh()
    await only(sim, "hang_after_accept", hang_seconds=60)
    started = time.monotonic()
    with pytest.raises(httpx2.TimeoutException):
        await prod_account.place_order(session, order("req-hang"), dry_run=False)
    assert time.monotonic() - started < 5
    assert len(accepted(sim, "req-hang")) == 1
    assert await live_ids(session, prod_account, "req-hang") == accepted(sim, "req-hang")
    # no release here: stopping the simulator ends the held request (or this test would take
    # a minute to tear down)


async def test_the_plan_leaves_the_sandbox_alone(
    sim: RunningSimulator, sandbox_session: Session, sandbox_account: Account
) -> None:
    await only(sim, "rate_limit")
    placed = await sandbox_account.place_order(sandbox_session, order("req-sbx"), dry_run=False)
    rows = sim.simulation.accepted_orders("sandbox", external_identifier="req-sbx")
    assert [row.order_id for row in rows] == [placed.order.id]


async def test_a_rejected_order_is_recorded_as_rejected(
    sim: RunningSimulator, prod_session: Session, prod_account: Account
) -> None:
    await only(sim, "drop_after_accept")
    bad = LimitOrder(
        legs=[equity_leg(BTO, 1, "NOPE")], price=Decimal(-1), external_identifier="req-bad"
    )
    with pytest.raises(TastytradeError, match="invalid_symbol"):
        await prod_account.place_order(prod_session, bad, dry_run=False)
    assert sim.faults.placement.attempts[-1].outcome == "rejected"
    assert accepted(sim) == []


async def place_once(
    session: Session, account: Account, external_identifier: str, tries: int = 4
) -> str:
    """A careful client: after an unclear failure, look the order up before sending again,
    and send again only when the lookup answered and the order is absent."""
    for _ in range(tries):
        try:
            await account.place_order(session, order(external_identifier), dry_run=False)
            return "placed"
        except (httpx2.TransportError, TastytradeError):
            pass
        for _ in range(tries):
            try:
                found = await live_ids(session, account, external_identifier)
                break
            except (httpx2.TransportError, TastytradeError):
                continue
        else:
            return "gave up"
        if found:
            return "found"
    return "gave up"


async def test_seeded_faults_with_a_careful_client_place_each_request_once(
    sim: RunningSimulator,
    prod_account: Account,
    session_factory: Callable[..., Session],
) -> None:
    rates = {kind: 0.25 for kind in KINDS}
    await set_faults(
        sim, {"seed": 42, "rules": [], "placement": {"rates": rates, "hang_seconds": 30}}
    )
    session = session_factory("production", timeout=2.0)
    await session.refresh()
    keys = [f"run-{n}" for n in range(24)]
    outcomes = await asyncio.gather(*(place_once(session, prod_account, key) for key in keys))
    assert "gave up" not in outcomes
    by_key = {key: accepted(sim, key) for key in keys}
    assert all(len(ids) == 1 for ids in by_key.values()), by_key
    faults = {a.fault for a in sim.faults.placement.attempts if a.attempt == 1}
    assert faults == set(KINDS)  # 24 seeded first attempts met every kind


async def test_the_ground_truth_route_filters_accepted_orders(
    sim: RunningSimulator, prod_session: Session, prod_account: Account
) -> None:
    first = await prod_account.place_order(prod_session, order("gt-1"), dry_run=False)
    await prod_account.place_order(prod_session, order("gt-2"), dry_run=False)
    number = prod_account.account_number
    async with aiohttp.ClientSession() as http:
        async with http.get(
            f"{sim.url}/_sim/orders",
            params={"env": "production", "account": number, "external-identifier": "gt-1"},
        ) as resp:
            rows = (await resp.json())["orders"]
        async with http.get(f"{sim.url}/_sim/orders", params={"env": "sandbox"}) as resp:
            sandbox_rows = (await resp.json())["orders"]
        async with http.get(f"{sim.url}/_sim/orders", params={"env": "staging"}) as resp:
            assert resp.status == 400
    assert [(r["id"], r["external-identifier"], r["account-number"]) for r in rows] == [
        (first.order.id, "gt-1", number)
    ]
    assert sandbox_rows == []


async def test_the_accepted_log_survives_the_sandbox_reset(
    sim: RunningSimulator, sandbox_session: Session, sandbox_account: Account
) -> None:
    placed = await sandbox_account.place_order(sandbox_session, order("kept"), dry_run=False)
    sim.reset_sandbox()
    assert await sandbox_account.get_live_orders(sandbox_session) == []
    rows = sim.simulation.accepted_orders("sandbox", external_identifier="kept")
    assert [row.order_id for row in rows] == [placed.order.id]


async def test_a_bad_placement_plan_is_a_400_and_changes_nothing(sim: RunningSimulator) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.post(
            f"{sim.url}/_sim/faults", json={"placement": {"rates": {"meteor": 1}}}
        ) as resp:
            assert resp.status == 400
            assert "meteor" in (await resp.json())["error"]["message"]
        async with http.get(f"{sim.url}/_sim/faults") as resp:
            assert (await resp.json())["placement"]["plan"] is None


async def test_order_history_with_a_bad_date_is_a_400(
    sim: RunningSimulator, prod_session: Session, prod_account: Account
) -> None:
    await prod_session.refresh()
    headers = {"Authorization": f"Bearer {prod_session.session_token}"}
    url = f"{sim.url}/accounts/{prod_account.account_number}/orders"
    async with (
        aiohttp.ClientSession(headers=headers) as http,
        http.get(url, params={"start-date": "not-a-date"}) as resp,
    ):
        assert resp.status == 400
        assert (await resp.json())["error"]["code"] == "invalid_parameter"
