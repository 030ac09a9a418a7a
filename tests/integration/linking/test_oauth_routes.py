"""The OAuth web routes, through aiohttp's test client against the simulator: the happy path,
and malformed, missing, hostile and oversized input on both routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from support.oauth_site import oauth_app, simulator_linking

from services.broker import Environment, broker_route
from services.broker.client import RetryPolicy
from services.db.models import BrokerCredential, CredentialKind, OAuthState
from services.linking import LinkingContext, LinkResult, create_start_link
from services.status import StatusBoard
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, free_port, run_simulator
from web_status import create_app
from web_status._routes_oauth import (
    CALLBACK_PATH,
    START_PATH,
    STATE_COOKIE,
    OAuthWeb,
    oauth_routes,
    start_link_url,
)

FAST = RetryPolicy(attempts=3, initial_wait=0.01, max_wait=0.05, jitter=0.01, request_timeout=3)
ALICE, BOB = 501, 502


@dataclass
class Harness:
    sim: RunningSimulator
    client: TestClient
    base: str
    told: list[LinkResult] = field(default_factory=list)

    async def start(self, discord_id: int, env: str = "sandbox") -> aiohttp.ClientResponse:
        link = await create_start_link(discord_id, Environment(env))
        path = urlsplit(start_link_url(self.base, link.token))
        return await self.client.get(f"{path.path}?{path.query}", allow_redirects=False)

    async def consent(self, location: str, env: str = "sandbox", approve: str = "yes") -> str:
        """Sign in and approve on the simulator's page; returns our callback's path+query."""
        creds = self.sim.credentials()[env]
        query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
        form = {**query, "username": creds["username"], "password": creds["password"]}
        form["approve"] = approve
        async with (
            aiohttp.ClientSession() as http,
            http.post(location.split("?")[0], data=form, allow_redirects=False) as resp,
        ):
            assert resp.status == 302
            target = urlsplit(resp.headers["Location"])
        assert target.path == CALLBACK_PATH
        return f"{target.path}?{target.query}"

    async def state_from(self, discord_id: int, env: str = "sandbox") -> tuple[str, str]:
        """Open a start link as ``discord_id``: (authorize URL, state)."""
        response = await self.start(discord_id, env)
        assert response.status == 302
        location = response.headers["Location"]
        return location, parse_qs(urlsplit(location).query)["state"][0]


@pytest.fixture
async def harness(database: str) -> AsyncIterator[Harness]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with run_simulator(
        seed=7, market_tick=0, history=False, redirect_uris=[base + CALLBACK_PATH]
    ) as sim:
        context = simulator_linking(sim, Vault([generate_key()]), FAST)
        told: list[LinkResult] = []

        async def on_linked(result: LinkResult) -> None:
            told.append(result)

        app = oauth_app(context, base, on_linked)
        async with TestClient(TestServer(app, host="127.0.0.1", port=port)) as client:
            yield Harness(sim, client, base, told)


def page_text(body: str) -> str:
    return body.replace("&#x27;", "'")


@pytest.mark.parametrize("env", ["sandbox", "production"])
async def test_start_consent_and_callback_link_the_account(harness: Harness, env: str) -> None:
    response = await harness.start(ALICE, env)

    assert response.status == 302
    location = response.headers["Location"]
    prefix = "/sandbox" if env == "sandbox" else ""
    assert location.startswith(f"{harness.sim.url}{prefix}/auth.html?")
    query = parse_qs(urlsplit(location).query)
    assert query["redirect_uri"] == [harness.base + CALLBACK_PATH]
    assert query["response_type"] == ["code"]
    cookie = response.cookies[STATE_COOKIE]
    assert cookie.value == query["state"][0]
    assert (
        cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/oauth/tastytrade"
    )

    callback = await harness.consent(location, env)
    done = await harness.client.get(callback)

    body = await done.text()
    assert done.status == 200, body
    assert "Linked" in body and "you can close this tab" in body
    assert done.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert len(harness.told) == 1 and harness.told[0].discord_id == ALICE
    assert f"Linked {harness.told[0].account_count} Tastytrade {env}" in body
    credential = await BrokerCredential.get(trader__discord_id=ALICE)
    assert credential.kind is CredentialKind.OAUTH and credential.environment == env


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?t=",
        "?t=short",
        "?t=%3Cscript%3Ealert(1)%3C%2Fscript%3E" + "a" * 30,
        "?x=1",
        "?t=" + "A" * 43 + "&t=" + "B" * 43,
        "?t=" + "a" * 2000,
    ],
)
async def test_a_bad_start_link_gets_a_clear_page(harness: Harness, query: str) -> None:
    response = await harness.client.get(START_PATH + query, allow_redirects=False)

    body = await response.text()
    assert response.status == 400
    assert "not valid" in body and "/link" in body
    assert "<script>alert" not in body and STATE_COOKIE not in response.cookies


async def test_an_oversized_start_link_is_refused_before_the_handler(harness: Harness) -> None:
    response = await harness.client.get(START_PATH + "?t=" + "a" * 9000, allow_redirects=False)
    assert response.status == 400 and "Location" not in response.headers


async def test_a_start_link_works_once(harness: Harness) -> None:
    link = await create_start_link(ALICE, Environment.SANDBOX)
    path = START_PATH + f"?t={link.token}"
    assert (await harness.client.get(path, allow_redirects=False)).status == 302

    again = await harness.client.get(path, allow_redirects=False)

    assert again.status == 410 and "already used" in await again.text()


async def test_an_expired_start_link_is_refused(harness: Harness) -> None:
    link = await create_start_link(
        ALICE, Environment.SANDBOX, now=datetime.now(UTC) - timedelta(minutes=11)
    )
    response = await harness.client.get(START_PATH + f"?t={link.token}", allow_redirects=False)
    assert response.status == 410 and "expired" in await response.text()


async def test_previews_and_head_requests_do_not_use_the_link(harness: Harness) -> None:
    link = await create_start_link(ALICE, Environment.SANDBOX)
    path = START_PATH + f"?t={link.token}"
    preview = await harness.client.get(
        path, headers={"User-Agent": "Mozilla/5.0 (compatible; Discordbot/2.0)"}
    )
    head = await harness.client.head(path)
    post = await harness.client.post(path)

    assert preview.status == 200 and head.status == 405 and post.status == 405
    assert await OAuthState.filter(used_at__isnull=False).count() == 0
    assert (await harness.client.get(path, allow_redirects=False)).status == 302


async def test_no_oauth_client_for_the_environment_is_a_clear_page(database: str) -> None:
    context = LinkingContext(
        vault=Vault([generate_key()]), route=broker_route(None, demo_mode=False)
    )

    async def db_ok() -> bool:
        return True

    board = StatusBoard(version="t", environment="demo", database_kind="sqlite")
    app = create_app(board, db_check=db_ok, features=[oauth_routes(OAuthWeb(context, lambda: "x"))])
    link = await create_start_link(ALICE, Environment.PRODUCTION)
    async with TestClient(TestServer(app)) as client:
        response = await client.get(START_PATH + f"?t={link.token}", allow_redirects=False)
        assert response.status == 503
        assert "no Tastytrade OAuth client for production" in await response.text()


async def test_a_reused_state_is_refused(harness: Harness) -> None:
    location, _state = await harness.state_from(ALICE)
    callback = await harness.consent(location)
    assert (await harness.client.get(callback)).status == 200

    again = await harness.client.get(callback)

    assert again.status == 410 and "already used" in await again.text()
    assert len(harness.told) == 1


async def test_an_expired_state_is_refused(harness: Harness) -> None:
    location, _state = await harness.state_from(ALICE)
    callback = await harness.consent(location)
    await OAuthState.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))

    response = await harness.client.get(callback)

    assert response.status == 410 and "expired" in await response.text()
    assert await BrokerCredential.all().count() == 0


async def test_another_users_callback_is_refused_as_wrong_user(harness: Harness) -> None:
    # Bob's browser opened Bob's link; Alice's callback URL then arrives in Bob's browser.
    alice_location, _ = await harness.state_from(ALICE)
    alice_callback = await harness.consent(alice_location)
    harness.client.session.cookie_jar.clear()
    await harness.state_from(BOB)

    response = await harness.client.get(alice_callback)

    body = page_text(await response.text())
    assert response.status == 403 and "different Discord user" in body
    assert await BrokerCredential.all().count() == 0


async def test_a_callback_in_a_browser_that_never_started_is_refused(harness: Harness) -> None:
    location, _ = await harness.state_from(ALICE)
    callback = await harness.consent(location)
    harness.client.session.cookie_jar.clear()

    response = await harness.client.get(callback)

    assert response.status == 400 and "not started in this browser" in await response.text()
    assert await BrokerCredential.all().count() == 0


async def test_a_missing_code_is_refused(harness: Harness) -> None:
    _location, state = await harness.state_from(ALICE)
    response = await harness.client.get(CALLBACK_PATH + f"?state={state}")
    assert response.status == 400 and "no authorization code" in await response.text()


async def test_denied_consent_is_a_clear_page(harness: Harness) -> None:
    location, _ = await harness.state_from(ALICE)
    callback = await harness.consent(location, approve="no")

    response = await harness.client.get(callback)

    body = page_text(await response.text())
    assert response.status == 403 and "You declined access" in body
    assert harness.told == []


async def test_a_hostile_error_code_is_not_reflected(harness: Harness) -> None:
    _location, state = await harness.state_from(ALICE)
    response = await harness.client.get(
        CALLBACK_PATH, params={"state": state, "error": "<img src=x onerror=alert(1)>"}
    )
    body = await response.text()
    assert response.status == 403 and "(unknown)" in body and "<img" not in body


async def test_a_code_tastytrade_refuses_is_a_clear_page(harness: Harness) -> None:
    _location, state = await harness.state_from(ALICE)
    response = await harness.client.get(
        CALLBACK_PATH, params={"state": state, "code": "sim-code-forged"}
    )
    assert response.status == 400 and "did not accept the authorization" in await response.text()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?code=abc",
        "?state=",
        "?state=x&state=y",
        "?state=%27%3B+DROP+TABLE+oauth_state",
        "?state=" + "s" * 3000,
    ],
)
async def test_a_bad_callback_is_refused(harness: Harness, query: str) -> None:
    response = await harness.client.get(CALLBACK_PATH + query)
    body = await response.text()
    assert response.status == 400 and "Tastytrade account not linked" in body
    assert "DROP" not in body


async def test_an_oversized_code_is_refused(harness: Harness) -> None:
    _location, state = await harness.state_from(ALICE)
    response = await harness.client.get(CALLBACK_PATH, params={"state": state, "code": "c" * 4000})
    assert response.status == 400 and "no authorization code" in await response.text()


async def test_the_callback_answers_only_get(harness: Harness) -> None:
    assert (await harness.client.post(CALLBACK_PATH, data={"state": "x"})).status == 405
