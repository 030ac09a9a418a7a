"""oauth.py: token grants, error shapes, the login page and bearer checks."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from simulator.app import SimConfig, Simulation
from simulator.oauth import (
    MAX_STATE_BYTES,
    expire_access_tokens,
    is_public,
    issue_access_token,
    user_for_access_token,
)

Client = Callable[..., Awaitable[TestClient[Any, Any]]]


@pytest.fixture
def simulation() -> Simulation:
    return Simulation(SimConfig(seed=3, market_tick=0, history=False, access_token_ttl=120))


def test_public_paths() -> None:
    for path in (
        "/oauth/token",
        "/auth.html",
        "/_sim/state",
        "/symbols/search/AA",
        "/alerts",
        "/dxlink",
        "/margin-requirements-public-configuration",
    ):
        assert is_public(path)
    assert not is_public("/customers/me") and not is_public("/sessions/validate")


def test_tokens(simulation: Simulation) -> None:
    env = simulation.production
    user = next(iter(env.users.values()))
    tok, expires_in = issue_access_token(env, user)
    assert expires_in == 120
    assert user_for_access_token(env, f"Bearer {tok}") is user
    assert user_for_access_token(env, tok) is user
    assert user_for_access_token(env, "Bearer nope") is None
    assert expire_access_tokens(env) == 1
    assert user_for_access_token(env, tok) is None
    assert env.faults is not None
    env.faults.configure([{"kind": "token_expiry", "seconds": 0.0}])
    tok2, advertised = issue_access_token(env, user)
    assert advertised == 120 and env.access_tokens[tok2][1] <= time.monotonic()


async def test_token_endpoint(aiohttp_client: Client, simulation: Simulation) -> None:
    client = await aiohttp_client(simulation.app)
    creds = simulation.credentials("")["production"]
    good = {
        "grant_type": "refresh_token",
        "refresh_token": creds["refresh_token"],
        "client_secret": creds["client_secret"],
    }
    resp = await client.post("/oauth/token", json=good)
    body = await resp.json()
    assert resp.status == 200 and body["expires_in"] == 120 and "refresh_token" not in body
    form = await client.post("/oauth/token", data=good)
    assert form.status == 200
    for bad in (
        {**good, "refresh_token": "x"},
        {**good, "client_secret": "x"},
        {"grant_type": "password"},
        {"grant_type": "authorization_code", "code": "nope"},
    ):
        resp = await client.post("/oauth/token", json=bad)
        err = await resp.json()
        assert resp.status == 400 and isinstance(err["error_code"], str)
        assert "error" not in err
    # the sandbox does not know production refresh tokens
    resp = await client.post("/sandbox/oauth/token", json=good)
    assert resp.status == 400


async def test_auth_page_and_validate(aiohttp_client: Client, simulation: Simulation) -> None:
    client = await aiohttp_client(simulation.app)
    creds = simulation.credentials("")["sandbox"]
    params = {
        "client_id": creds["oauth_client_id"],
        "redirect_uri": "http://127.0.0.1:8080/oauth/callback",
        "response_type": "code",
        "state": "<s>",
    }
    page = await client.get("/sandbox/auth.html", params=params)
    text = await page.text()
    assert page.status == 200 and "&lt;s&gt;" in text and "<form" in text
    for broken in ({"response_type": "token"}, {"client_id": "x"}, {"scope": "admin"}):
        assert (await client.get("/sandbox/auth.html", params={**params, **broken})).status == 400
    resp = await client.post(
        "/sandbox/auth.html",
        data={**params, "username": creds["username"], "password": creds["password"]},
        allow_redirects=False,
    )
    assert resp.status == 302 and "code=" in resp.headers["Location"]
    assert (await client.post("/sandbox/sessions/validate")).status == 401


async def test_oversized_state_is_refused_without_minting_a_code(
    aiohttp_client: Client, simulation: Simulation
) -> None:
    """A 10 KB ``state`` used to be echoed into a Location no HTTP client could read."""
    client = await aiohttp_client(simulation.app)
    creds = simulation.credentials("")["production"]
    params = {
        "client_id": creds["oauth_client_id"],
        "redirect_uri": "http://127.0.0.1:8080/oauth/callback",
        "response_type": "code",
        "state": "s" * MAX_STATE_BYTES,
    }
    login = {"username": creds["username"], "password": creds["password"]}
    assert (await client.get("/auth.html", params=params)).status == 200
    ok = await client.post("/auth.html", data={**params, **login}, allow_redirects=False)
    assert ok.status == 302 and len(ok.headers["Location"]) < 2 * MAX_STATE_BYTES
    simulation.production.auth_codes.clear()
    for state in ("s" * (MAX_STATE_BYTES + 1), "é" * 600, "s" * 10_240):
        page = await client.get("/auth.html", params={**params, "state": state[:4000]})
        assert page.status == 400 and "state is too long" in await page.text()
        resp = await client.post(
            "/auth.html", data={**params, **login, "state": state}, allow_redirects=False
        )
        assert resp.status == 400 and "Location" not in resp.headers
        assert "state is too long" in await resp.text()
    assert simulation.production.auth_codes == {}
