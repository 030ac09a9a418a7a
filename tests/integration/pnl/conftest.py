"""A trader linked to the seeded simulator and synced once (real SDK over HTTP, a real
database), for the P&L service tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import pytest
from support.sync_world import link_and_sync

from services.broker.client import RetryPolicy
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

TRADER = 1001
OTHER = 2002
FAST = RetryPolicy(
    attempts=6, max_seconds=20, initial_wait=0.01, max_wait=0.05, jitter=0.01, request_timeout=5
)


# the seeded year of trading ends here, whatever day the tests run: its lots close every way
# Tastytrade books them (a moving end date can leave one way out, such as a cash settlement)
TODAY = date(2026, 12, 2)


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, transactions=400, today=TODAY) as running:
        yield running


@pytest.fixture
async def synced(database: str, sim: RunningSimulator) -> int:
    """The trader's Discord id, linked to both simulated environments and synced once."""
    await link_and_sync(Vault([generate_key()]), sim, TRADER, FAST)
    return TRADER
