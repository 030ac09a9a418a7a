"""The account streamer as the services open it: only the alert types a caller reads are
parsed and kept; the others (a balance and a position push follow every fill) are dropped."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import pytest
from support.sdk import equity_leg
from tastytrade import Account, Session
from tastytrade.account import CurrentPosition
from tastytrade.order import LimitOrder, OrderAction, PlacedOrder

from services.broker.alerts import alert_streamer
from services.broker.transport import close_sdk_session, sdk_session
from services.orders.own_orders import OwnOrders
from simulator.server import RunningSimulator, run_simulator


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0) as running:
        yield running


@pytest.fixture
async def session(sim: RunningSimulator) -> AsyncIterator[Session]:
    creds = sim.credentials()["sandbox"]
    made = sdk_session(creds["base_url"], creds["client_secret"], creds["refresh_token"])
    try:
        yield made
    finally:
        await close_sdk_session(made)


async def _fill_one(session: Session, external_identifier: str | None = None) -> Account:
    account = next(a for a in await Account.get(session) if a.margin_or_cash == "Margin")
    order = LimitOrder(
        legs=[equity_leg(OrderAction.BUY_TO_OPEN, 2)],
        price=Decimal("-1.5"),
        external_identifier=external_identifier,
    )
    await account.place_order(session, order, dry_run=False)
    return account


async def test_an_order_streamer_keeps_the_order_pushes_and_drops_the_rest(
    session: Session,
) -> None:
    async with alert_streamer(session) as streamer:
        await streamer.subscribe_accounts(await Account.get(session))
        account = await _fill_one(session)

        async def until_filled() -> list[str]:
            statuses = []
            async for pushed in streamer.listen(PlacedOrder):
                statuses.append(pushed.status.value)
                if pushed.status.value == "Filled":
                    return statuses
            raise AssertionError("the stream ended")

        statuses = await asyncio.wait_for(until_filled(), 5)
        await asyncio.sleep(0.2)  # the fill's position and balance pushes come after it

        assert statuses[-1] == "Filled" and account.account_number
        # the SDK makes a queue for each type it maps: only the orders' exists
        assert set(streamer._queues) == {"Order"}


async def test_a_streamer_reads_only_the_pushes_its_accept_takes(session: Session) -> None:
    own = OwnOrders()
    own.add("tb-0123456789abcdef01234567")
    async with alert_streamer(session, accept=own.accepts) as streamer:
        await streamer.subscribe_accounts(await Account.get(session))
        await _fill_one(session, "tb-fedcba9876543210fedcba98")  # another process's order
        await _fill_one(session, "tb-0123456789abcdef01234567-s1")  # a rehearsal of ours

        pushed = await asyncio.wait_for(anext(streamer.listen(PlacedOrder)), 5)
        await asyncio.sleep(0.3)  # every push of both orders has come by now

        assert pushed.external_identifier == "tb-0123456789abcdef01234567-s1"
        assert all(
            order.external_identifier == "tb-0123456789abcdef01234567-s1"
            for order in _queued(streamer)
        )


def _queued(streamer: Any) -> list[PlacedOrder]:
    """The order pushes the streamer parsed and keeps unread."""
    queue = streamer._queues["Order"]
    kept = []
    while True:
        try:
            kept.append(queue.receive_nowait())
        except Exception:  # anyio's WouldBlock: nothing more
            return kept


async def test_a_streamer_asked_for_positions_yields_them(session: Session) -> None:
    async with alert_streamer(session, alerts=(CurrentPosition,)) as streamer:
        await streamer.subscribe_accounts(await Account.get(session))
        await _fill_one(session)

        position = await asyncio.wait_for(anext(streamer.listen(CurrentPosition)), 5)

        assert position.symbol == "AAPL" and position.quantity == 2
        assert "Order" not in streamer._queues


async def test_a_type_the_streamer_does_not_push_is_refused(session: Session) -> None:
    with pytest.raises(ValueError, match="not alert types"):
        async with alert_streamer(session, alerts=(Account,)):
            raise AssertionError("a streamer was opened")
