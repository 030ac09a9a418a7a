"""Fixtures for sync tests: the simulator, a vault, a trader linked to both environments,
a recording notifier and a fast retry policy."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import Any

import aiohttp
import pytest
from support.sdk import equity_leg
from support.sync_world import link_grant
from tastytrade import Account
from tastytrade.order import LimitOrder, OrderAction, OrderStatus

from services.broker import broker_route
from services.broker.client import RetryPolicy
from services.broker.transport import close_sdk_session, sdk_session
from services.environment import Environment
from services.notify.events import Notice
from services.sync import SyncResult, SyncTrigger, sync_trader
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

TRADER = 1001
OTHER = 2002
FAST = RetryPolicy(
    attempts=6, max_seconds=20, initial_wait=0.01, max_wait=0.05, jitter=0.01, request_timeout=2
)


class RecordingNotifier:
    """The Notifier port, recording what it was told (a fake, not a mock)."""

    def __init__(self) -> None:
        self.notices: list[Notice] = []

    async def notify(self, notice: Notice) -> None:
        self.notices.append(notice)

    def events(self) -> list[str]:
        return [notice.event.value for notice in self.notices]


# the seeded history ends here whatever day the tests run: the tests pick positions from it (a
# short option to assign, one expiring within a month), and a moving end date can leave none
TODAY = date(2026, 12, 2)


@pytest.fixture
def sim_config() -> dict[str, Any]:
    return {"seed": 7, "market_tick": 0, "transactions": 400, "today": TODAY}


@pytest.fixture
async def sim(sim_config: dict[str, Any]) -> AsyncIterator[RunningSimulator]:
    async with run_simulator(**sim_config) as running:
        yield running


@pytest.fixture
def vault() -> Vault:
    return Vault([generate_key()])


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
async def linked(database: str, vault: Vault, sim: RunningSimulator) -> int:
    """The trader's Discord id, with the simulator's grants stored for both environments."""
    for environment in Environment:
        await link_grant(vault, TRADER, sim, environment)
    return TRADER


SyncOnce = Callable[..., Awaitable[SyncResult]]


@pytest.fixture
def sync_once(sim: RunningSimulator, vault: Vault, notifier: RecordingNotifier) -> SyncOnce:
    """``await sync_once(**overrides)``: one manual sync of the linked trader."""

    async def run(**overrides: Any) -> SyncResult:
        arguments: dict[str, Any] = {
            "trigger": SyncTrigger.MANUAL,
            "vault": vault,
            "route": broker_route(sim.url, demo_mode=True),
            "notifier": notifier,
            "policy": FAST,
        }
        arguments.update(overrides)
        discord_id = arguments.pop("discord_id", TRADER)
        return await sync_trader(discord_id, **arguments)

    return run


async def set_faults(sim: RunningSimulator, rules: list[dict[str, Any]], seed: int = 1) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{sim.url}/_sim/faults", json={"seed": seed, "rules": rules}) as response,
    ):
        assert response.status == 200, await response.text()


async def place_filled_order(sim: RunningSimulator, deadline_s: float = 5.0) -> int:
    """Buy 10 AAPL on the sandbox margin account with the SDK and wait for the fill (the
    sandbox fills limit orders at or under $3 at once); returns the order id."""
    creds = sim.credentials()["sandbox"]
    session = sdk_session(creds["base_url"], creds["client_secret"], creds["refresh_token"])
    try:
        accounts = await Account.get(session)
        account = next(item for item in accounts if item.margin_or_cash == "Margin")
        order = LimitOrder(legs=[equity_leg(OrderAction.BUY_TO_OPEN, 10)], price=Decimal("-2"))
        placed = await account.place_order(session, order, dry_run=False)
        order_id = placed.order.id
        loop = asyncio.get_running_loop()
        deadline = loop.time() + deadline_s
        while (await account.get_order(session, order_id)).status is not OrderStatus.FILLED:
            assert loop.time() < deadline, "the order did not fill in time"
            await asyncio.sleep(0.02)
        return order_id
    finally:
        await close_sdk_session(session)
