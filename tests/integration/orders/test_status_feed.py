"""The account-streamer feed a sandbox rehearsal follows its order on, with polling as the
fallback: a pushed fill settles a rehearsal before its first poll, a resting order is polled
before it is cancelled, a feed that is not (yet) subscribed or goes away leaves the rehearsal
to its polls, and an idle feed closes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from services.broker.client import BrokerClient
from services.broker.transport import session_transport
from services.environment import Environment
from services.orders._context import OrderContext, trader_client
from services.orders.broker_orders import RehearsalPolicy, rehearse
from services.orders.status_feed import StatusFeed
from simulator.server import RunningSimulator

from .conftest import account_numbers
from .test_broker_orders import stock_order

pytestmark = pytest.mark.db

# a fill follows Live within milliseconds at the simulator: its push comes long before the
# first poll would
FOLLOWING = RehearsalPolicy(settle_timeout_s=5, poll_s=1.0)


@pytest.fixture
async def sandbox(context: OrderContext, linked: int) -> AsyncIterator[BrokerClient]:
    async with trader_client(context, linked, Environment.SANDBOX) as client:
        yield client


async def _subscribed(feed: StatusFeed, account: str) -> None:
    for _ in range(250):
        if feed.subscribed(account):
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the feed never subscribed")


def _requests(client: BrokerClient) -> int:
    transport = session_transport(client.session)
    assert transport is not None
    return transport.requests


async def test_a_pushed_fill_settles_the_rehearsal_before_its_first_poll(
    sim: RunningSimulator, sandbox: BrokerClient
) -> None:
    account = (await account_numbers(sim, Environment.SANDBOX))[0]
    feed = StatusFeed(sandbox)
    try:
        async with feed.use(account):
            await _subscribed(feed, account)
            before = _requests(sandbox)
            result = await rehearse(
                sandbox, stock_order(account), account, "tb-f1", policy=FOLLOWING, feed=feed
            )
            sent = _requests(sandbox) - before
    finally:
        await feed.close()

    assert result.passed and result.status == "Filled"
    assert sent == 1  # the placement; every status after it was pushed
    assert result.timings["total_s"] < FOLLOWING.poll_s


async def test_a_resting_order_is_polled_before_it_is_cancelled(
    sim: RunningSimulator, sandbox: BrokerClient
) -> None:
    account = (await account_numbers(sim, Environment.SANDBOX))[0]
    resting = stock_order(account, price="5.00")  # the sandbox lets limits over $3 rest
    policy = RehearsalPolicy(settle_timeout_s=5, poll_s=0.2)
    feed = StatusFeed(sandbox)
    try:
        async with feed.use(account):
            await _subscribed(feed, account)
            before = _requests(sandbox)
            result = await rehearse(sandbox, resting, account, "tb-f2", policy=policy, feed=feed)
            sent = _requests(sandbox) - before
    finally:
        await feed.close()

    # pushed Live is not taken for resting: the poll says so, then the cancel and its check
    assert sent == 4
    assert result.passed
    assert [check.name for check in result.checks] == ["accepted", "working", "cancelled"]


class _SilentFeed:
    """A feed that follows every account and never pushes (its pushes are lost or late)."""

    def subscribed(self, account_number: str) -> bool:
        return True

    async def after(self, account_number: str, held: object, *, wait_s: float) -> None:
        await asyncio.sleep(wait_s)


async def test_a_following_feed_that_stays_silent_is_polled_after_its_silence(
    sim: RunningSimulator, sandbox: BrokerClient
) -> None:
    account = (await account_numbers(sim, Environment.SANDBOX))[0]
    policy = RehearsalPolicy(settle_timeout_s=5, poll_s=0.02, feed_silence_s=0.3)
    before = _requests(sandbox)

    result = await rehearse(
        sandbox,
        stock_order(account),
        account,
        "tb-f5",
        policy=policy,
        feed=_SilentFeed(),  # type: ignore[arg-type]
    )

    assert result.passed and result.status == "Filled"
    # not one poll every 20 ms while the feed was trusted: the placement, then one poll
    assert _requests(sandbox) - before == 2
    assert result.timings["total_s"] >= policy.feed_silence_s


async def test_a_feed_not_subscribed_yet_leaves_the_rehearsal_to_polling(
    sim: RunningSimulator, sandbox: BrokerClient
) -> None:
    account = (await account_numbers(sim, Environment.SANDBOX))[0]
    feed = StatusFeed(sandbox)  # never used: not subscribed
    policy = RehearsalPolicy(settle_timeout_s=5, poll_s=0.02)
    before = _requests(sandbox)

    result = await rehearse(
        sandbox, stock_order(account), account, "tb-f3", policy=policy, feed=feed
    )

    assert result.passed and result.status == "Filled"
    assert _requests(sandbox) - before >= 2  # the placement and at least one poll
    assert not feed.open


async def test_a_feed_that_goes_away_wakes_its_waiters_and_the_rehearsal_polls(
    sim: RunningSimulator, sandbox: BrokerClient
) -> None:
    account = (await account_numbers(sim, Environment.SANDBOX))[0]
    resting = stock_order(account, price="5.00")
    feed = StatusFeed(sandbox)
    async with feed.use(account):
        await _subscribed(feed, account)
        policy = RehearsalPolicy(settle_timeout_s=10, poll_s=1.0)
        rehearsal = asyncio.create_task(
            rehearse(sandbox, resting, account, "tb-f4", policy=policy, feed=feed)
        )
        await asyncio.sleep(0.3)  # the order rests Live: the rehearsal waits on the feed
        await feed.close()  # the socket is gone: the rehearsal goes on with its polls
        result = await asyncio.wait_for(rehearsal, timeout=5)

    assert result.passed
    assert [check.name for check in result.checks] == ["accepted", "working", "cancelled"]


async def test_an_idle_feed_closes_and_a_new_use_opens_it_again(
    sim: RunningSimulator, sandbox: BrokerClient
) -> None:
    account = (await account_numbers(sim, Environment.SANDBOX))[0]
    feed = StatusFeed(sandbox, idle_s=0.2)
    try:
        async with feed.use(account):
            await _subscribed(feed, account)
        for _ in range(100):
            if not feed.open:
                break
            await asyncio.sleep(0.05)
        assert not feed.open and not feed.subscribed(account)

        async with feed.use(account):
            await _subscribed(feed, account)
            assert feed.open
    finally:
        await feed.close()
