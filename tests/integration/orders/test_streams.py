"""Order statuses from the account streamer: a change made outside Tastybot (the trader
cancels in Tastytrade's own app) reaches the request without any polling, and the stream
stops when nothing is left working."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from services.broker.transport import close_sdk_session, sdk_session
from services.db.models import OrderEvent, OrderRequest
from services.orders._context import OrderContext
from services.orders._model import OrderState
from services.orders.broker_orders import account_ref
from services.orders.confirmation import confirm_order
from services.orders.pipeline import Previewed, submit_order
from simulator.server import RunningSimulator

from .conftest import RecordingNotifier, cancel_elsewhere

pytestmark = pytest.mark.db

RESTING = "buy 1 SPY 600 call expiring next month @ 0.05"  # far under the market: it rests


async def _state_becomes(order_id: int, state: OrderState, seconds: float = 10) -> OrderRequest:
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        request = await OrderRequest.get(id=order_id)
        if request.state == state or asyncio.get_running_loop().time() > deadline:
            return request
        await asyncio.sleep(0.05)


async def test_a_cancel_made_elsewhere_arrives_by_the_streamer(
    context: OrderContext, trader: int, sim: RunningSimulator, notifier: RecordingNotifier
) -> None:
    outcome = await submit_order(context, trader, RESTING)
    assert isinstance(outcome, Previewed), outcome
    preview = outcome.preview
    placement = await confirm_order(context, trader, preview.order_id, preview.confirm_hash)
    assert placement.state is OrderState.PLACED
    assert context.streams.following(trader)
    await asyncio.sleep(0.5)  # the stream subscribes

    await cancel_elsewhere(sim, preview.order.account_number, placement.production_order_id or 0)

    request = await _state_becomes(preview.order_id, OrderState.CANCELLED)
    assert request.state == OrderState.CANCELLED
    # the audit entry follows the state's update (the update decides who records it)
    for _ in range(100):
        statuses = await OrderEvent.filter(
            order_request_id=preview.order_id, kind="status"
        ).order_by("id")
        if statuses:
            break
        await asyncio.sleep(0.05)
    assert statuses[-1].detail["status"] == "Cancelled"
    for _ in range(100):  # and the trader is told just after
        if any("cancelled" in notice.title for notice in notifier.notices):
            break
        await asyncio.sleep(0.05)
    assert any("cancelled" in notice.title for notice in notifier.notices)
    for _ in range(100):  # nothing left working: the stream ends by itself
        if not context.streams.following(trader):
            break
        await asyncio.sleep(0.05)
    assert not context.streams.following(trader)


async def test_a_push_that_repeats_the_last_one_is_not_read_for(
    context: OrderContext,
    trader: int,
    sim: RunningSimulator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    outcome = await submit_order(context, trader, RESTING)
    assert isinstance(outcome, Previewed), outcome
    preview = outcome.preview
    placement = await confirm_order(context, trader, preview.order_id, preview.confirm_hash)
    streams = context.streams
    await streams.close()  # this test feeds the pushes itself
    creds = sim.credentials()["production"]
    session = sdk_session(creds["base_url"], creds["client_secret"], creds["refresh_token"])
    try:
        account = account_ref(preview.order.account_number)
        live = await account.get_order(session, placement.production_order_id or 0)
        await account.delete_order(session, placement.production_order_id or 0)
        cancelled = await account.get_order(session, placement.production_order_id or 0)
    finally:
        await close_sdk_session(session)
    reads: list[object] = []
    lookup = OrderRequest.get_or_none

    def counted(*args: Any, **kwargs: Any) -> Any:
        reads.append(kwargs)
        return lookup(*args, **kwargs)

    monkeypatch.setattr(OrderRequest, "get_or_none", counted)

    assert await streams._apply(trader, live) is OrderState.PLACED
    assert await streams._apply(trader, live) is OrderState.PLACED  # Live again: not read
    assert len(reads) == 1
    assert await streams._apply(trader, cancelled) is OrderState.CANCELLED  # news: read
    assert len(reads) == 2
    request = await OrderRequest.get(id=preview.order_id)
    assert request.state == OrderState.CANCELLED
