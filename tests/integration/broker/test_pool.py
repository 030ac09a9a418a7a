"""The session pool: one open session per trader, environment and grant, reused; a new grant
gets a new session, a forgotten one is refused, idle sessions are closed."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from functools import partial

import aiohttp
import pytest
from support.sync_world import link_grant
from tastytrade import Account

from services.broker import broker_route
from services.broker.client import BrokerClient
from services.broker.pool import ClientPool
from services.db.models import BrokerCredential
from services.environment import Environment
from services.errors import AuthExpiredError, NotLinkedError
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

pytestmark = pytest.mark.db

TRADER = 7007


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, transactions=10) as running:
        yield running


@pytest.fixture
def vault() -> Vault:
    return Vault([generate_key()])


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_one_session_serves_every_use_of_a_grant(
    database: str, vault: Vault, sim: RunningSimulator
) -> None:
    await link_grant(vault, TRADER, sim, Environment.PRODUCTION)
    pool = ClientPool(vault, broker_route(sim.url, demo_mode=True))
    try:
        async with pool.client(TRADER, Environment.PRODUCTION) as first:
            accounts = await first.call(Account.get)
        async with pool.client(TRADER, Environment.PRODUCTION) as second:
            await second.call(Account.get)
    finally:
        await pool.close()

    assert accounts and first is second


async def test_a_relinked_grant_gets_a_new_session_and_a_forgotten_one_is_refused(
    database: str, vault: Vault, sim: RunningSimulator
) -> None:
    await link_grant(vault, TRADER, sim, Environment.PRODUCTION)
    pool = ClientPool(vault, broker_route(sim.url, demo_mode=True))
    try:
        async with pool.client(TRADER, Environment.PRODUCTION) as before:
            pass
        await BrokerCredential.filter(trader__discord_id=TRADER).delete()
        with pytest.raises(NotLinkedError):
            async with pool.client(TRADER, Environment.PRODUCTION):
                pass
        await link_grant(vault, TRADER, sim, Environment.PRODUCTION)
        async with pool.client(TRADER, Environment.PRODUCTION) as after:
            await after.call(Account.get)
    finally:
        await pool.close()

    assert after is not before


async def test_idle_sessions_are_closed_and_reopened(
    database: str, vault: Vault, sim: RunningSimulator
) -> None:
    await link_grant(vault, TRADER, sim, Environment.PRODUCTION)
    clock = FakeClock()
    pool = ClientPool(vault, broker_route(sim.url, demo_mode=True), idle_s=60, clock=clock)
    try:
        async with pool.client(TRADER, Environment.PRODUCTION) as first:
            pass
        clock.now = 61
        async with pool.client(TRADER, Environment.PRODUCTION) as second:
            await second.call(Account.get)
    finally:
        await pool.close()

    assert second is not first
    assert first.session._client.is_closed


async def test_other_traders_never_share_a_session(
    database: str, vault: Vault, sim: RunningSimulator
) -> None:
    await link_grant(vault, TRADER, sim, Environment.PRODUCTION)
    await link_grant(vault, TRADER + 1, sim, Environment.PRODUCTION)
    pool = ClientPool(vault, broker_route(sim.url, demo_mode=True))
    try:
        async with pool.client(TRADER, Environment.PRODUCTION) as mine:
            pass
        async with pool.client(TRADER + 1, Environment.PRODUCTION) as theirs:
            pass
        async with pool.client(TRADER, Environment.PRODUCTION) as again:
            pass
    finally:
        await pool.close()

    assert mine is not theirs and again is mine


async def test_a_session_whose_grant_tastytrade_rejects_is_dropped(
    database: str, vault: Vault, sim: RunningSimulator
) -> None:
    """However the caller handles the AuthExpiredError, the dead session is not handed out
    again: the next use opens a new one."""
    await link_grant(vault, TRADER, sim, Environment.PRODUCTION)
    pool = ClientPool(vault, broker_route(sim.url, demo_mode=True))
    try:
        async with pool.client(TRADER, Environment.PRODUCTION) as before:
            await before.call(Account.get)
        for user in sim.production.users.values():
            user.refresh_tokens.clear()  # the grant is revoked at Tastytrade
        async with aiohttp.ClientSession() as http:
            await http.post(f"{sim.url}/_sim/tokens/expire")
        async with pool.client(TRADER, Environment.PRODUCTION) as dead:
            with pytest.raises(AuthExpiredError):  # caught here: it never reaches the pool
                await dead.call(Account.get)
        async with pool.client(TRADER, Environment.PRODUCTION) as after:
            pass
    finally:
        await pool.close()

    assert dead is before and dead.grant_rejected
    assert after is not before


async def _eventually(check: Callable[[], bool]) -> bool:
    """Whether ``check()`` comes true within 5 s."""
    for _ in range(100):
        if check():
            return True
        await asyncio.sleep(0.05)
    return False


def _has_token(client: BrokerClient) -> bool:
    return client.session.session_expiration > time.time()


async def test_new_sessions_fetch_their_tokens_before_their_first_call(
    database: str, vault: Vault, sim: RunningSimulator
) -> None:
    """A step that opens the production and the sandbox session gets both tokens at once,
    not each on its session's first call."""
    for environment in Environment:
        await link_grant(vault, TRADER, sim, environment)
    pool = ClientPool(vault, broker_route(sim.url, demo_mode=True))
    try:
        async with pool.clients(TRADER, Environment.PRODUCTION, Environment.SANDBOX) as opened:
            fetched = [await _eventually(partial(_has_token, client)) for client in opened]
            attempts = [client.attempts for client in opened]
            accounts = await opened[1].call(Account.get)
    finally:
        await pool.close()

    assert fetched == [True, True]
    assert attempts == [1, 1]  # the warm-up refresh only: no operation had run
    assert accounts


async def test_a_warm_up_that_fails_is_reported_by_the_first_call(
    database: str, vault: Vault, sim: RunningSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="services.broker.client")
    await link_grant(vault, TRADER, sim, Environment.PRODUCTION)
    for user in sim.production.users.values():
        user.refresh_tokens.clear()  # revoked at Tastytrade before the session opens
    pool = ClientPool(vault, broker_route(sim.url, demo_mode=True))
    try:
        async with pool.client(TRADER, Environment.PRODUCTION) as client:
            failed = await _eventually(lambda: client.grant_rejected)  # the warm-up's refresh
            with pytest.raises(AuthExpiredError):
                await client.call(Account.get)
    finally:
        await pool.close()

    assert failed and not _has_token(client)
    assert "warming a Tastytrade session failed (AuthExpiredError)" in caplog.text
