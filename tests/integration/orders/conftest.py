"""Fixtures for order tests: the simulator, a vault, a trader linked to both environments, the
pipeline's context with fast policies, and the account numbers the simulator gave them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import aiohttp
import pytest
from support.orders import fast_order_context
from support.sync_world import link_grant
from tastytrade import Account

from services.broker.transport import close_sdk_session, sdk_session
from services.db.models import BrokerAccount
from services.environment import Environment
from services.notify.events import Notice
from services.orders._context import OrderContext
from services.orders.broker_orders import account_ref
from services.orders.limits import set_default_account, set_production_trading
from services.orders.pipeline import (
    Asked,
    Previewed,
    SubmitOutcome,
    answer_question,
    submit_order,
)
from services.orders.qualify import qualify
from services.traders import trader_for
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

TRADER = 3003
OTHER = 4004


class RecordingNotifier:
    """The Notifier port, recording what it was told (a fake, not a mock)."""

    def __init__(self) -> None:
        self.notices: list[Notice] = []

    async def notify(self, notice: Notice) -> None:
        self.notices.append(notice)


@pytest.fixture
def sim_config() -> dict[str, Any]:
    return {"seed": 7, "market_tick": 0, "transactions": 50, "market_hours": "open"}


@pytest.fixture
async def sim(sim_config: dict[str, Any]) -> AsyncIterator[RunningSimulator]:
    async with run_simulator(**sim_config) as running:
        yield running


@pytest.fixture
def vault_key() -> str:
    """The vault's key (a second process confirming an order needs it to read the grant)."""
    return generate_key()


@pytest.fixture
def vault(vault_key: str) -> Vault:
    return Vault([vault_key])


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
async def context(
    database: str, sim: RunningSimulator, vault: Vault, notifier: RecordingNotifier
) -> AsyncIterator[OrderContext]:
    """The pipeline's context. It needs the database so that it is closed before the database
    is: its order streams write status changes until they stop, and a write after the ORM closed
    would open a connection nobody closes."""
    made = fast_order_context(vault, sim.url, notifier)
    yield made
    await made.close()


@pytest.fixture
async def linked(database: str, vault: Vault, sim: RunningSimulator) -> int:
    """The trader's Discord id, with the simulator's grants stored for both environments."""
    for environment in Environment:
        await link_grant(vault, TRADER, sim, environment)
    return TRADER


async def account_numbers(sim: RunningSimulator, environment: Environment) -> list[str]:
    """The environment's account numbers, margin accounts first."""
    creds = sim.credentials()[environment.value]
    session = sdk_session(creds["base_url"], creds["client_secret"], creds["refresh_token"])
    try:
        accounts = await Account.get(session)
    finally:
        await close_sdk_session(session)
    accounts.sort(key=lambda account: account.margin_or_cash != "Margin")
    return [account.account_number for account in accounts]


async def set_faults(sim: RunningSimulator, rules: list[dict[str, Any]], seed: int = 1) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{sim.url}/_sim/faults", json={"seed": seed, "rules": rules}) as response,
    ):
        assert response.status == 200, await response.text()


async def sim_orders(sim: RunningSimulator, environment: Environment, account: str) -> list[Any]:
    """Every order the simulator holds for the account (its ground truth), read over the SDK."""
    creds = sim.credentials()[environment.value]
    session = sdk_session(creds["base_url"], creds["client_secret"], creds["refresh_token"])
    try:
        return await Account.model_construct(account_number=account).get_order_history(
            session, page_offset=None, per_page=200
        )
    finally:
        await close_sdk_session(session)


async def cancel_elsewhere(sim: RunningSimulator, account_number: str, order_id: int) -> None:
    """Cancel a production order at the simulator over the SDK, as the trader would in
    Tastytrade's own app."""
    creds = sim.credentials()[Environment.PRODUCTION.value]
    session = sdk_session(creds["base_url"], creds["client_secret"], creds["refresh_token"])
    try:
        await account_ref(account_number).delete_order(session, order_id)
    finally:
        await close_sdk_session(session)


async def production_orders(sim: RunningSimulator, external: str) -> list[Any]:
    """The simulator's production orders (in every account) with this external identifier."""
    found = []
    for account in await account_numbers(sim, Environment.PRODUCTION):
        found += [
            order
            for order in await sim_orders(sim, Environment.PRODUCTION, account)
            if order.external_identifier == external
        ]
    return found


@pytest.fixture
async def trader(unqualified: int, context: OrderContext) -> int:
    """A trader ready to trade: qualified for single options in the sandbox."""
    await qualify(context, unqualified, types=("single_option_limit",), today=date.today())
    return unqualified


@pytest.fixture
async def unqualified(linked: int, sim: RunningSimulator) -> int:
    """The linked trader with the simulator's accounts known (as a sync stores them) and
    production trading on. Positions are not needed: live ones are read from Tastytrade."""
    owner = await trader_for(linked)
    for environment in Environment:
        for number in await account_numbers(sim, environment):
            await BrokerAccount.create(trader=owner, environment=environment, account_number=number)
    await set_production_trading(linked, True)
    await set_default_account(linked, (await account_numbers(sim, Environment.PRODUCTION))[0])
    return linked


async def submitted(
    context: OrderContext, discord_id: int, text: str, *, by_command: bool = False
) -> SubmitOutcome:
    """``text`` through the pipeline, every question answered with the first choice offered
    (several production accounts: the first one is taken)."""
    outcome = await submit_order(context, discord_id, text, by_command=by_command)
    while isinstance(outcome, Asked):
        question = outcome.question
        outcome = await answer_question(
            context, discord_id, outcome.order_id, question.topic, question.choices[0].value
        )
    return outcome


async def previewed(
    context: OrderContext, discord_id: int, text: str, *, by_command: bool = False
) -> Previewed:
    """``text`` through the pipeline to its preview."""
    outcome = await submitted(context, discord_id, text, by_command=by_command)
    assert isinstance(outcome, Previewed), outcome
    return outcome
