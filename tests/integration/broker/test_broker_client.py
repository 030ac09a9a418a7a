"""The broker client against the simulator with the unmodified SDK: each HTTP failure becomes
our error, transient ones are retried (reads only), and the grant's death is told apart."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from pydantic import SecretStr
from tastytrade import Account, Session

from services.broker import BrokerConnection, Environment, broker_route
from services.broker.client import RetryPolicy, broker_client
from services.errors import (
    AuthExpiredError,
    BrokerUnavailableError,
    RateLimitedError,
    RejectedError,
)
from simulator.server import RunningSimulator, run_simulator

FAST = RetryPolicy(attempts=4, initial_wait=0.01, max_wait=0.05, jitter=0.01, request_timeout=2)


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0) as running:
        yield running


def connection(sim: RunningSimulator, **overrides: Any) -> BrokerConnection:
    creds = sim.credentials()["production"]
    values: dict[str, Any] = {
        "environment": Environment.PRODUCTION,
        "client_secret": SecretStr(creds["client_secret"]),
        "refresh_token": SecretStr(creds["refresh_token"]),
        "route": broker_route(str(sim.url), demo_mode=True),
    }
    values.update(overrides)
    return BrokerConnection(**values)


async def set_faults(sim: RunningSimulator, rules: list[dict[str, Any]]) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{sim.url}/_sim/faults", json={"seed": 1, "rules": rules}) as response,
    ):
        assert response.status == 200


async def list_accounts(session: Session) -> list[Account]:
    return await Account.get(session)


async def test_a_plain_read_succeeds_in_one_attempt(sim: RunningSimulator) -> None:
    async with broker_client(connection(sim), FAST) as client:
        accounts = await client.call(list_accounts)

    assert accounts
    assert client.attempts == 1


@pytest.mark.parametrize("status", [429, 500, 502, 503])
async def test_transient_errors_are_retried_until_they_pass(
    sim: RunningSimulator, status: int
) -> None:
    await set_faults(sim, [{"kind": "error", "status": status, "path": "/customers/*", "times": 2}])

    async with broker_client(connection(sim), FAST) as client:
        accounts = await client.call(list_accounts)

    assert accounts
    assert client.attempts == 3


async def test_persistent_rate_limiting_gives_up_with_a_rate_limit_error(
    sim: RunningSimulator,
) -> None:
    await set_faults(sim, [{"kind": "error", "status": 429, "path": "/customers/*"}])

    async with broker_client(connection(sim), FAST) as client:
        with pytest.raises(RateLimitedError):
            await client.call(list_accounts)

    assert client.attempts == FAST.attempts


async def test_a_hang_times_out_and_is_retried(sim: RunningSimulator) -> None:
    await set_faults(sim, [{"kind": "hang", "seconds": 3, "path": "/customers/*", "times": 1}])
    policy = RetryPolicy(attempts=3, initial_wait=0.01, max_wait=0.05, request_timeout=0.5)

    async with broker_client(connection(sim), policy) as client:
        accounts = await client.call(list_accounts)

    assert accounts
    assert client.attempts == 2


async def test_an_access_token_expired_early_is_refreshed_and_the_call_retried(
    sim: RunningSimulator,
) -> None:
    async with broker_client(connection(sim), FAST) as client:
        await client.call(list_accounts)
        await set_faults(sim, [{"kind": "token_expiry", "seconds": 1}])
        await asyncio.sleep(1.5)  # the server now refuses the token the client still trusts
        accounts = await client.call(list_accounts)

    assert accounts
    assert client.attempts == 3  # the first call, the refused one, the retry


async def test_a_dead_refresh_token_is_auth_expired_and_not_retried(sim: RunningSimulator) -> None:
    dead = connection(sim, refresh_token=SecretStr("not-a-real-refresh-token"))

    async with broker_client(dead, FAST) as client:
        with pytest.raises(AuthExpiredError):
            await client.call(list_accounts)

    assert client.attempts == 1


async def test_a_refused_request_is_rejected_with_the_reason_and_not_retried(
    sim: RunningSimulator,
) -> None:
    async def other_account(session: Session) -> Account:
        return await Account.get(session, "5WZ99999")

    async with broker_client(connection(sim), FAST) as client:
        with pytest.raises(RejectedError, match="Tastytrade refused the request"):
            await client.call(other_account)

    assert client.attempts == 1


async def test_writes_are_never_retried(sim: RunningSimulator) -> None:
    await set_faults(sim, [{"kind": "error", "status": 500, "path": "/customers/*", "times": 1}])

    async with broker_client(connection(sim), FAST) as client:
        with pytest.raises(BrokerUnavailableError):
            await client.call(list_accounts, idempotent=False)

    assert client.attempts == 1
