"""Fixtures for portfolio reads: a trader linked to the simulator and synced once, and a
second trader (linked to the same simulator's other user) for isolation checks."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from integration.portfolio.rows import TRADER
from support.sync_world import link_and_sync

from services.broker.client import RetryPolicy
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

FAST = RetryPolicy(attempts=3, initial_wait=0.01, max_wait=0.05, jitter=0.01, request_timeout=5)


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, transactions=300) as running:
        yield running


@pytest.fixture
def vault() -> Vault:
    return Vault([generate_key()])


@pytest.fixture
async def synced(database: str, vault: Vault, sim: RunningSimulator) -> int:
    """The trader's Discord id, linked to both environments and synced once."""
    await link_and_sync(vault, sim, TRADER, FAST)
    return TRADER
