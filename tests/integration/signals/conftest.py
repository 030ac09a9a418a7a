"""Fixtures for signal tests: levels sources whose GEX levels are fixed (one reading the spot
from the simulator over the SDK, one with spots set by the test), a pipeline context, and the
order tests' simulator, vault, notifier and linked trader."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from integration.orders.conftest import (  # noqa: F401  (fixtures shared with the order tests)
    RecordingNotifier,
    account_numbers,
    linked,
    notifier,
    sim,
    unqualified,
    vault,
    vault_key,
)
from support.orders import fast_order_context

from services.db.models import TestResult
from services.environment import Environment
from services.errors import BrokerUnavailableError
from services.market.gex import GexLevels
from services.market.levels import LevelsSnapshot
from services.orders._context import OrderContext, trader_client
from services.orders.market import underlying_price
from services.orders.qualify import KIND as QUALIFICATION
from services.orders.qualify import SINGLE_OPTION_LIMIT
from services.parsing import EXCHANGE_TZ
from services.traders import trader_for
from services.vault import Vault
from simulator.server import RunningSimulator

FLIP = Decimal("580")


def levels_at(spot: Decimal, *, flip: Decimal | None = FLIP, total: float = 1e9,
              now: datetime | None = None) -> GexLevels:  # fmt: skip
    moment = now or datetime.now(UTC)
    return GexLevels(
        spot=float(spot),
        total_gex=total,
        by_strike={Decimal("560"): -2e9, Decimal("600"): 3e9},
        zero_gamma=None if flip is None else float(flip),
        call_wall=Decimal("600"),
        put_wall=Decimal("560"),
        contracts=2,
        as_of=moment,
    )


class ScriptedLevels:
    """A LevelsSource whose spots (and total GEX) the test sets; counts its reads."""

    def __init__(self, clock: Any = None) -> None:
        self.spots: dict[str, Decimal] = {}
        self.totals: dict[str, float] = {}
        self.flip: Decimal | None = FLIP
        self.failing: set[str] = set()
        self.reads: list[str] = []
        self.clock = clock or (lambda: datetime.now(UTC))

    async def levels(self, underlying: str) -> LevelsSnapshot:
        self.reads.append(underlying)
        if underlying in self.failing or underlying not in self.spots:
            raise BrokerUnavailableError(f"no market data for {underlying}")
        spot = self.spots[underlying]
        now = self.clock()
        total = self.totals.get(underlying, 1e9)
        return LevelsSnapshot(
            underlying, spot, levels_at(spot, flip=self.flip, total=total, now=now), now
        )


class SimulatorLevels:
    """A LevelsSource with a fixed gamma flip and the simulator's production spot, read over
    the SDK with the trader's grant (as the market feature reads it)."""

    def __init__(self, context: OrderContext, discord_id: int, flip: Decimal = FLIP) -> None:
        self.context = context
        self.discord_id = discord_id
        self.flip = flip

    async def levels(self, underlying: str) -> LevelsSnapshot:
        async with trader_client(self.context, self.discord_id, Environment.PRODUCTION) as client:
            spot = await underlying_price(client, underlying)
        if spot is None:
            raise BrokerUnavailableError(f"no quote for {underlying}")
        now = self.context.clock()
        return LevelsSnapshot(underlying, spot, levels_at(spot, flip=self.flip, now=now), now)


def trading_day(start: date) -> date:
    """The first weekday on or after ``start`` (0dte options are listed on trading days)."""
    day = start
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


TODAY = trading_day(datetime.now(EXCHANGE_TZ).date())


def shifted_clock() -> Any:
    """Real time moved by whole days to ``TODAY`` (as the simulator's own clock is)."""
    shift = timedelta(days=(TODAY - datetime.now(EXCHANGE_TZ).date()).days)
    return lambda: datetime.now(UTC) + shift


@pytest.fixture
def sim_config() -> dict[str, Any]:
    """The simulator on the trading day."""
    return {"seed": 7, "market_tick": 0, "transactions": 50, "today": TODAY}


@pytest.fixture
async def context(
    database: str,
    sim: RunningSimulator,  # noqa: F811
    vault: Vault,  # noqa: F811
    notifier: RecordingNotifier,  # noqa: F811
) -> AsyncIterator[OrderContext]:
    """As the order tests' context (closed before the database), on the trading day."""
    made = fast_order_context(vault, sim.url, notifier, clock=shifted_clock())
    yield made
    await made.close()


@pytest.fixture
async def trader(unqualified: int, context: OrderContext) -> int:  # noqa: F811
    """A linked trader, production trading on, qualified for single-option limit orders (the
    passed run is stored as ``qualify`` stores it; the run itself is tested with the orders)."""
    owner = await trader_for(unqualified)
    await TestResult.create(
        trader=owner, kind=QUALIFICATION, order_type=SINGLE_OPTION_LIMIT, passed=True
    )
    return unqualified
