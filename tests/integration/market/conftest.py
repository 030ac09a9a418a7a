"""Fixtures for market data tests: the simulator (market still unless a test steps it), a
trader linked to its production environment, the session pool and the market data service
with fast reconnects."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from support.sync_world import link_grant

from services.broker import broker_route
from services.broker.client import RetryPolicy
from services.broker.pool import ClientPool
from services.environment import Environment
from services.market.levels import MarketData
from services.market.stream import MarketStreams, StreamPolicy
from services.orders.market import ChainCache
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

TRADER = 5005
FAST_RETRY = RetryPolicy(attempts=3, max_seconds=10, initial_wait=0.01, max_wait=0.05, jitter=0.01)
FAST_STREAM = StreamPolicy(
    first_event_wait_s=60.0,  # a bound, not a timing: a loaded machine may be slow
    reconnect_initial_s=0.05,
    reconnect_max_s=0.2,
    reconnect_jitter_s=0.01,
)


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, transactions=10) as running:
        yield running


@pytest.fixture
def vault() -> Vault:
    return Vault([generate_key()])


@pytest.fixture
async def pool(database: str, vault: Vault, sim: RunningSimulator) -> AsyncIterator[ClientPool]:
    """Sessions on the simulator for a trader linked to production (``TRADER``)."""
    await link_grant(vault, TRADER, sim, Environment.PRODUCTION)
    made = ClientPool(vault, broker_route(sim.url, demo_mode=True), policy=FAST_RETRY)
    yield made
    await made.close()


@pytest.fixture
async def streams(pool: ClientPool) -> AsyncIterator[MarketStreams]:
    made = MarketStreams(pool, FAST_STREAM)
    yield made
    await made.close()


@pytest.fixture
async def market(pool: ClientPool) -> AsyncIterator[MarketData]:
    made = MarketData(pool, ChainCache(), FAST_STREAM)
    yield made
    await made.close()


async def eventually(check: Callable[[], Awaitable[bool] | bool], limit: float = 10.0) -> None:
    """Poll ``check`` (sync or async) until it is true; fail after ``limit`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while True:
        outcome = check()
        if inspect.isawaitable(outcome):
            outcome = await outcome
        if outcome:
            return
        if loop.time() > deadline:
            raise AssertionError(f"not true within {limit}s")
        await asyncio.sleep(0.02)
