"""Fixtures for the strategy grouping tests: a trader linked to the simulator and synced (a
seeded year of trading, or the exact histories of ``histories``), with the grouping run as
the sync's after-sync hook, exactly as the bot wires it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from integration.strategies.histories import TODAY, write_scenario
from support.sync_world import link_grant

from services.broker import broker_route
from services.broker.client import RetryPolicy
from services.environment import Environment
from services.strategies.grouping import refresh_after_sync
from services.sync import SyncResult, SyncStatus, SyncTrigger, sync_trader
from services.traders import trader_for
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

TRADER = 1001
OTHER = 2002
FAST = RetryPolicy(
    attempts=6, max_seconds=20, initial_wait=0.01, max_wait=0.05, jitter=0.01, request_timeout=5
)


@pytest.fixture
def vault() -> Vault:
    return Vault([generate_key()])


async def sync(vault: Vault, sim: RunningSimulator, discord_id: int = TRADER) -> SyncResult:
    """One sync with grouping as its after-sync hook; it must succeed."""
    result = await sync_trader(
        discord_id,
        trigger=SyncTrigger.MANUAL,
        vault=vault,
        route=broker_route(sim.url, demo_mode=True),
        policy=FAST,
        after_sync=refresh_after_sync,
    )
    assert result.status is SyncStatus.SUCCEEDED, result.errors
    return result


async def link_and_sync(vault: Vault, sim: RunningSimulator) -> int:
    for environment in Environment:
        await link_grant(vault, TRADER, sim, environment)
    await sync(vault, sim)
    await trader_for(OTHER)  # a second trader of the same server, with nothing synced
    return TRADER


@pytest.fixture
async def seeded_sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, transactions=400) as running:
        yield running


@pytest.fixture
async def seeded(database: str, vault: Vault, seeded_sim: RunningSimulator) -> int:
    """The trader's Discord id: a seeded year of trading, synced and grouped."""
    return await link_and_sync(vault, seeded_sim)


@pytest.fixture
async def exact_sim(tmp_path: Path) -> AsyncIterator[RunningSimulator]:
    path = write_scenario(tmp_path)
    async with run_simulator(seed=7, market_tick=0, today=TODAY, scenario=path) as running:
        yield running


@pytest.fixture
async def exact(database: str, vault: Vault, exact_sim: RunningSimulator) -> int:
    """The trader's Discord id: the histories of ``histories``, synced and grouped."""
    return await link_and_sync(vault, exact_sim)
