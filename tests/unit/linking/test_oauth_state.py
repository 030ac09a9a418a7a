"""OAuth start links and states: random, stored only as SHA-256, bound to the Discord user and
environment, single use, ten minutes; each refusal has its own error."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import SecretStr

from services.broker import broker_route
from services.broker.routing import BrokerRoute, OAuthClient
from services.db.models import OAuthState
from services.environment import Environment
from services.linking import (
    STATE_TTL,
    StateExpiredError,
    StateReusedError,
    UnknownStateError,
    WrongUserError,
    authorize_url,
    begin_authorization,
    consume_state,
    create_start_link,
    state_owner,
)
from services.linking._oauth import AUTHORIZE_PAGES

ALICE, BOB = 11, 22
T0 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


async def test_only_hashes_are_stored(database: str) -> None:
    link = await create_start_link(ALICE, Environment.SANDBOX, now=T0)
    pending = await begin_authorization(link.token, now=T0)

    rows = await OAuthState.all().values("state_hash", "discord_id", "environment", "expires_at")
    stored = {row["state_hash"] for row in rows}
    assert hashlib.sha256(f"link:{link.token}".encode()).hexdigest() in stored
    assert hashlib.sha256(f"state:{pending.state}".encode()).hexdigest() in stored
    assert all(link.token not in str(row) and pending.state not in str(row) for row in rows)
    assert {row["discord_id"] for row in rows} == {ALICE}
    assert link.expires_at == T0 + STATE_TTL == T0 + timedelta(minutes=10)


async def test_links_and_states_are_random(database: str) -> None:
    tokens = {(await create_start_link(ALICE, Environment.SANDBOX)).token for _ in range(20)}
    assert len(tokens) == 20 and all(len(token) >= 40 for token in tokens)


async def test_a_start_link_works_once(database: str) -> None:
    link = await create_start_link(ALICE, Environment.PRODUCTION, now=T0)

    pending = await begin_authorization(link.token, now=T0 + timedelta(minutes=1))
    assert pending.discord_id == ALICE and pending.environment is Environment.PRODUCTION
    assert pending.state != link.token
    with pytest.raises(StateReusedError):
        await begin_authorization(link.token, now=T0 + timedelta(minutes=2))


async def test_an_expired_start_link_is_refused(database: str) -> None:
    link = await create_start_link(ALICE, Environment.SANDBOX, now=T0)
    with pytest.raises(StateExpiredError):
        await begin_authorization(link.token, now=T0 + STATE_TTL)


@pytest.mark.parametrize("token", ["", "short", "x" * 500, "not a token!", "ü" * 40, "a\x00" * 20])
async def test_malformed_or_unknown_links_are_unknown(database: str, token: str) -> None:
    with pytest.raises(UnknownStateError):
        await begin_authorization(token, now=T0)
    with pytest.raises(UnknownStateError):
        await consume_state(token, discord_id=ALICE, now=T0)


async def test_a_start_link_is_not_a_state_and_a_state_is_not_a_start_link(database: str) -> None:
    link = await create_start_link(ALICE, Environment.SANDBOX, now=T0)
    pending = await begin_authorization(link.token, now=T0)
    with pytest.raises(UnknownStateError):
        await consume_state(link.token, discord_id=ALICE, now=T0)
    with pytest.raises(UnknownStateError):
        await begin_authorization(pending.state, now=T0)


async def test_a_state_is_used_once_by_its_owner(database: str) -> None:
    link = await create_start_link(ALICE, Environment.SANDBOX, now=T0)
    pending = await begin_authorization(link.token, now=T0)

    with pytest.raises(WrongUserError):
        await consume_state(pending.state, discord_id=BOB, now=T0)
    consumed = await consume_state(pending.state, discord_id=ALICE, now=T0)  # still usable
    assert consumed.discord_id == ALICE and consumed.environment is Environment.SANDBOX
    with pytest.raises(StateReusedError):
        await consume_state(pending.state, discord_id=ALICE, now=T0)
    assert await state_owner(pending.state) == ALICE  # known after use, for the browser check


async def test_an_expired_state_is_refused(database: str) -> None:
    link = await create_start_link(ALICE, Environment.SANDBOX, now=T0)
    pending = await begin_authorization(link.token, now=T0)
    with pytest.raises(StateExpiredError):
        await consume_state(pending.state, discord_id=ALICE, now=T0 + STATE_TTL + timedelta(0, 1))


async def test_state_owner_of_nonsense_is_none(database: str) -> None:
    assert await state_owner(None) is None
    assert await state_owner("'; DROP TABLE oauth_state; --") is None
    assert await state_owner("A" * 43) is None


async def test_old_rows_are_cleaned_up(database: str) -> None:
    await create_start_link(ALICE, Environment.SANDBOX, now=T0)
    await create_start_link(BOB, Environment.SANDBOX, now=T0 + timedelta(days=2))
    assert await OAuthState.all().values_list("discord_id", flat=True) == [BOB]


CLIENT = OAuthClient("client-1", SecretStr("s" * 40))


@pytest.mark.parametrize("env", list(Environment))
def test_the_authorize_page_is_tastytrades_own(env: Environment) -> None:
    url = authorize_url(env, BrokerRoute(), CLIENT, redirect_uri="https://bot/cb", state="S1")
    assert url.startswith(AUTHORIZE_PAGES[env] + "?")
    assert "client_id=client-1" in url and "state=S1" in url and "response_type=code" in url
    assert "redirect_uri=https%3A%2F%2Fbot%2Fcb" in url and "s" * 40 not in url


def test_in_demo_mode_the_authorize_page_is_the_simulators() -> None:
    route = broker_route("http://127.0.0.1:8700", demo_mode=True)
    sandbox = authorize_url(Environment.SANDBOX, route, CLIENT, redirect_uri="x", state="S")
    production = authorize_url(Environment.PRODUCTION, route, CLIENT, redirect_uri="x", state="S")
    assert sandbox.startswith("http://127.0.0.1:8700/sandbox/auth.html?")
    assert production.startswith("http://127.0.0.1:8700/auth.html?")
    assert AUTHORIZE_PAGES[Environment.PRODUCTION] == "https://my.tastytrade.com/auth.html"
    assert AUTHORIZE_PAGES[Environment.SANDBOX] == "https://cert-my.staging-tasty.works/auth.html"
