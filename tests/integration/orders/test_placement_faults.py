"""Production placement under seeded faults, checked against the simulator's own log of the
orders it accepted: the answer dropped after acceptance, a 5xx or 429 before it, a hang after
it. 200 confirmed requests: each ends placed, rejected or escalated, and no external
identifier is ever accepted twice."""

from __future__ import annotations

import asyncio
import dataclasses
from collections import Counter
from datetime import timedelta
from typing import Any

import aiohttp
import pytest

from services.db.models import OrderRequest
from services.orders._context import OrderContext
from services.orders._model import OrderState
from services.orders.broker_orders import PlacementPolicy
from services.orders.confirmation import confirm_order
from services.orders.pipeline import Previewed, new_external_identifier, submit_order
from simulator.server import RunningSimulator

pytestmark = pytest.mark.db

CALLS = "buy 1 SPY 600 call expiring next month @ 1.00"
RUNS = 200
PLACED = {OrderState.PLACED, OrderState.PARTIALLY_FILLED, OrderState.FILLED}
ENDED = PLACED | {OrderState.REJECTED, OrderState.ESCALATED}
QUARTER = {
    "drop_after_accept": 0.25,
    "error_before_accept": 0.25,
    "hang_after_accept": 0.25,
    "rate_limit": 0.25,
}


async def _placement_faults(sim: RunningSimulator, plan: dict[str, Any], seed: int) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"{sim.url}/_sim/faults", json={"seed": seed, "rules": [], "placement": plan}
        ) as response,
    ):
        assert response.status == 200, await response.text()


async def _accepted(sim: RunningSimulator) -> Counter[str]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{sim.url}/_sim/orders", params={"env": "production"}) as response,
    ):
        rows = (await response.json())["orders"]
    return Counter(row["external-identifier"] for row in rows if row.get("external-identifier"))


async def _previewed_copies(context: OrderContext, trader: int, count: int) -> list[OrderRequest]:
    """One order through the whole pipeline to its preview, then ``count`` previewed copies
    of it, each with its own external identifier (as ``count`` traders' previews would be)."""
    outcome = await submit_order(context, trader, CALLS)
    assert isinstance(outcome, Previewed), outcome
    template = await OrderRequest.get(id=outcome.preview.order_id)
    expires = context.clock() + timedelta(minutes=10)
    copies = []
    for _ in range(count):
        copies.append(
            await OrderRequest.create(
                trader_id=template.trader_id,  # type: ignore[attr-defined]
                source=template.source,
                raw_text=template.raw_text,
                parsed=template.parsed,
                underlying=template.underlying,
                legs=template.legs,
                order_type=template.order_type,
                price=template.price,
                price_effect=template.price_effect,
                state=OrderState.PREVIEWED,
                environment=template.environment,
                account_number=template.account_number,
                external_identifier=new_external_identifier(),
                confirm_hash=template.confirm_hash,
                preview_expires_at=expires,
            )
        )
    return copies


@pytest.mark.parametrize(
    ("faulted_attempts", "seed"),
    [(1, 11), (None, 12)],
    ids=["faults-then-recovery", "faults-on-every-attempt"],
)
async def test_every_confirmed_order_is_placed_at_most_once_under_placement_faults(
    context: OrderContext,
    trader: int,
    sim: RunningSimulator,
    faulted_attempts: int | None,
    seed: int,
) -> None:
    runs = RUNS // 2
    requests = await _previewed_copies(context, trader, runs)
    await _placement_faults(
        sim,
        {
            "env": "production",
            "rates": QUARTER,
            "faulted_attempts": faulted_attempts,
            "hang_seconds": 5,
        },
        seed,
    )
    quick = dataclasses.replace(
        context,
        placement=PlacementPolicy(
            max_attempts=3,
            absence_checks=2,
            absence_pause_s=0.01,
            lookup_deadline_s=5,
            lookup_pause_s=0.05,
            resend_pause_s=0.01,
        ),
    )
    try:
        placements = await asyncio.gather(
            *(confirm_order(quick, trader, r.id, r.confirm_hash or "") for r in requests)
        )
    finally:
        await quick.close()
    accepted = await _accepted(sim)
    states = Counter(placement.state for placement in placements)

    assert all(placement.state in ENDED for placement in placements), states
    assert max(accepted.values()) == 1  # no identifier accepted twice
    for request in requests:
        await request.refresh_from_db()
        if request.state in PLACED:
            assert accepted[request.external_identifier] == 1, request.id
        else:  # rejected or escalated: provably nothing at Tastytrade
            assert accepted[request.external_identifier] == 0, request.id
    if faulted_attempts == 1:  # every fault is followed by a clean attempt: all placed
        assert states.keys() <= PLACED, states
    else:  # faults that leave no order keep failing: those requests escalate
        assert states[OrderState.ESCALATED] > 0 and sum(states[s] for s in PLACED) > 0, states
