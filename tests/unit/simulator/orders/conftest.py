"""Fixtures for the order engine's unit tests: a simulation without HTTP, its accounts, and
order bodies as the SDK sends them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, NamedTuple

import pytest

from simulator.app import SimConfig, Simulation
from simulator.clock import ManualClock
from simulator.orders import OrderEngine
from simulator.state import AccountState, Environment, User

# a Monday 10:00 in New York: the market is open
MONDAY_MORNING = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)

Body = Callable[..., dict[str, Any]]


@pytest.fixture
def sim() -> Simulation:
    return Simulation(SimConfig(seed=3, market_tick=0, history=False, order_step_delay=0))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(MONDAY_MORNING)


@pytest.fixture
def timed_sim(clock: ManualClock) -> Simulation:
    """A simulation whose order engines run on ``clock`` (time moves when the test says)."""
    config = SimConfig(
        seed=3,
        market_tick=0,
        history=False,
        order_step_delay=0.01,
        today=MONDAY_MORNING.date(),
        clock=clock,
    )
    return Simulation(config)


class Parts(NamedTuple):
    user: User
    acct: AccountState
    engine: OrderEngine


def margin_parts(env: Environment) -> Parts:
    """The primary user's margin account in ``env`` and the env's engine."""
    user = next(iter(env.users.values()))
    acct = next(a for a in user.accounts.values() if a.account["margin-or-cash"] == "Margin")
    assert env.engine is not None
    return Parts(user, acct, env.engine)


@pytest.fixture
def sandbox(sim: Simulation) -> Parts:
    """The sandbox (legacy fill model) margin account."""
    return margin_parts(sim.sandbox)


@pytest.fixture
def production(sim: Simulation) -> Parts:
    """The production (quote fill model) margin account."""
    return margin_parts(sim.production)


@pytest.fixture
def timed(timed_sim: Simulation) -> Parts:
    """The sandbox margin account of the simulation on the manual clock."""
    return margin_parts(timed_sim.sandbox)


@pytest.fixture
def always_open(clock: ManualClock) -> Parts:
    """The sandbox margin account of a simulation in "open" market hours on the manual clock."""
    config = SimConfig(
        seed=3,
        market_tick=0,
        history=False,
        order_step_delay=0.01,
        today=MONDAY_MORNING.date(),
        clock=clock,
        market_hours="open",
    )
    return margin_parts(Simulation(config).sandbox)


def order_body(symbol: str = "AAPL", action: str = "Buy to Open", **kw: Any) -> dict[str, Any]:
    """A one-leg equity Limit order of 5 at $2 (debit) unless ``kw`` says otherwise."""
    out: dict[str, Any] = {
        "order-type": "Limit",
        "price": "2",
        "price-effect": "Debit",
        "time-in-force": "Day",
        "legs": [
            {"instrument-type": "Equity", "symbol": symbol, "action": action, "quantity": "5"}
        ],
    }
    out.update(kw)
    return out


@pytest.fixture
def body() -> Body:
    return order_body
