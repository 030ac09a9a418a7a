"""Fixtures: a running simulator and unmodified tastytrade SDK sessions routed to it.

Override ``sim_config`` in a test module (or with ``@pytest.mark.parametrize("sim_config",
[{...}], indirect=True)``) to change the simulator's configuration. The market ticker is off
by default (``market_tick=0``); tests step the market with ``await sim.step_market()``.
``"clock": "manual"`` runs the order engines on a ``ManualClock`` (``sim.simulation.clock``)
that stands at the simulated today's 15:00 UTC until the test advances it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, time
from typing import Any

import pytest
from tastytrade import Account, Session

from services.broker.transport import close_sdk_session, sdk_session
from simulator.clock import ManualClock
from simulator.server import RunningSimulator, run_simulator


@pytest.fixture
def sim_config(request: pytest.FixtureRequest) -> dict[str, Any]:
    base: dict[str, Any] = {"seed": 7, "market_tick": 0}
    base.update(getattr(request, "param", {}) or {})
    if base.get("clock") == "manual":
        # a clock of its own per test, starting at the simulated today's 15:00 UTC
        today = base.get("today") or datetime.now(UTC).date()
        base["clock"] = ManualClock(datetime.combine(today, time(15, 0), UTC))
    return base


@pytest.fixture
async def sim(sim_config: dict[str, Any]) -> AsyncIterator[RunningSimulator]:
    async with run_simulator(**sim_config) as running:
        yield running


def make_session(sim: RunningSimulator, env: str = "production", **kwargs: Any) -> Session:
    creds = sim.credentials()[env]
    return sdk_session(creds["base_url"], creds["client_secret"], creds["refresh_token"], **kwargs)


@pytest.fixture
async def prod_session(sim: RunningSimulator) -> AsyncIterator[Session]:
    session = make_session(sim, "production")
    async with session:
        yield session
    await close_sdk_session(session)


@pytest.fixture
async def sandbox_session(sim: RunningSimulator) -> AsyncIterator[Session]:
    session = make_session(sim, "sandbox")
    async with session:
        yield session
    await close_sdk_session(session)


@pytest.fixture
async def prod_account(prod_session: Session) -> Account:
    """The production margin account (the first one)."""
    accounts = await Account.get(prod_session)
    return next(a for a in accounts if a.margin_or_cash == "Margin")


@pytest.fixture
async def sandbox_account(sandbox_session: Session) -> Account:
    accounts = await Account.get(sandbox_session)
    return next(a for a in accounts if a.margin_or_cash == "Margin")


async def wait_for(
    check: Callable[[], Awaitable[Any]], limit: float = 3.0, interval: float = 0.02
) -> Any:
    """Poll ``check`` until it returns something truthy (returned) or fail after ``limit`` s."""
    deadline = asyncio.get_running_loop().time() + limit
    while True:
        result = await check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {limit}s (last: {result!r})")
        await asyncio.sleep(interval)


@pytest.fixture
def wait_until() -> Callable[..., Awaitable[Any]]:
    """``await wait_until(async_check, limit=3.0)`` (polls until truthy)."""
    return wait_for


@pytest.fixture
async def session_factory(sim: RunningSimulator) -> AsyncIterator[Callable[..., Session]]:
    """``session_factory("sandbox", timeout=...)``: a new SDK session, closed after the test."""
    made: list[Session] = []

    def factory(env: str = "production", **kwargs: Any) -> Session:
        session = make_session(sim, env, **kwargs)
        made.append(session)
        return session

    yield factory
    for session in made:
        await close_sdk_session(session)
