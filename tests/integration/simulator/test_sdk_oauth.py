"""OAuth: refresh, expiry, the authorization-code flow and error shapes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
from tastytrade import Session
from tastytrade.utils import TastytradeError

from services.broker.transport import close_sdk_session, sdk_session
from simulator.server import RunningSimulator

REDIRECT = "http://127.0.0.1:8080/oauth/callback"


async def test_refresh_never_rotates(sim: RunningSimulator, prod_session: Session) -> None:
    await prod_session.refresh()
    first = prod_session.session_token
    await prod_session.refresh(force=True)
    assert prod_session.session_token != first
    creds = sim.credentials()["production"]
    assert prod_session.refresh_token == creds["refresh_token"]
    await prod_session.get_customer()  # the refresh token still works after two refreshes


@pytest.mark.parametrize("sim_config", [{"access_token_ttl": 60}], indirect=True)
async def test_short_lived_tokens_refresh_every_call(
    sim: RunningSimulator, prod_session: Session
) -> None:
    await prod_session.get_customer()
    first = prod_session.session_token
    await prod_session.get_customer()  # expires_in <= 60: the SDK refreshes before every call
    assert prod_session.session_token != first


async def test_server_side_expiry_gives_token_invalid(
    sim: RunningSimulator, prod_session: Session
) -> None:
    await prod_session.get_customer()
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{sim.url}/_sim/tokens/expire") as resp,
    ):
        assert (await resp.json())["expired"]["production"] >= 1
    with pytest.raises(TastytradeError, match="token_invalid"):
        await prod_session.get_customer()  # the SDK does not react to a 401 ...
    prod_session.session_expiration = 0  # ... only to its own expiry clock
    await prod_session.get_customer()


async def test_bad_refresh_token(sim: RunningSimulator) -> None:
    creds = sim.credentials()["production"]
    session = sdk_session(creds["base_url"], creds["client_secret"], "not-a-token")
    try:
        with pytest.raises(TastytradeError, match="invalid_grant"):
            await session.get_customer()
    finally:
        await close_sdk_session(session)


async def _authorize(
    http: aiohttp.ClientSession, base: str, creds: dict[str, str], **overrides: Any
) -> aiohttp.ClientResponse:
    params = {
        "client_id": creds["oauth_client_id"],
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "read trade openid",
        "state": "xyz",
    }
    form = {
        **params,
        "username": creds["username"],
        "password": creds["password"],
        "approve": "yes",
        **overrides,
    }
    return await http.post(f"{base}/auth.html", data=form, allow_redirects=False)


@pytest.mark.parametrize("env", ["production", "sandbox"])
async def test_authorization_code_flow(
    sim: RunningSimulator, env: str, session_factory: Callable[..., Session]
) -> None:
    creds = sim.credentials()[env]
    base = creds["base_url"]
    async with aiohttp.ClientSession() as http:
        page = await http.get(
            f"{base}/auth.html",
            params={
                "client_id": creds["oauth_client_id"],
                "redirect_uri": REDIRECT,
                "response_type": "code",
                "scope": "read",
                "state": "s1",
            },
        )
        html = await page.text()
        assert page.status == 200 and 'name="username"' in html and 'name="password"' in html
        bad = await http.get(
            f"{base}/auth.html",
            params={
                "client_id": creds["oauth_client_id"],
                "redirect_uri": "http://evil/cb",
                "response_type": "code",
            },
        )
        assert bad.status == 400
        wrong = await _authorize(http, base, creds, password="nope")
        assert wrong.status == 401
        resp = await _authorize(http, base, creds)
        assert resp.status == 302
        location = urlsplit(resp.headers["Location"])
        query = parse_qs(location.query)
        assert location.path == "/oauth/callback" and query["state"] == ["xyz"]
        code = query["code"][0]
        body = {
            "grant_type": "authorization_code",
            "code": code,
            "client_id": creds["oauth_client_id"],
            "client_secret": creds["client_secret"],
            "redirect_uri": REDIRECT,
        }
        mismatch = await http.post(f"{base}/oauth/token", data={**body, "code": "x"})
        assert mismatch.status == 400
        err = await mismatch.json()
        assert err["error_code"] == "invalid_grant" and "error_description" in err
        assert "error" not in err
        token = await http.post(f"{base}/oauth/token", data=body)  # a form body
        assert token.status == 200
        grant = await token.json()
        assert grant["token_type"] == "Bearer" and grant["refresh_token"] and grant["id_token"]
        reuse = await http.post(f"{base}/oauth/token", json=body)  # codes are single-use
        assert reuse.status == 400
        denied = await _authorize(http, base, creds, approve="no")
        assert "error=access_denied" in denied.headers["Location"]
    # the new refresh token works with the unmodified SDK
    session = session_factory(env)
    session.refresh_token = grant["refresh_token"]
    assert (await session.get_customer()).email
