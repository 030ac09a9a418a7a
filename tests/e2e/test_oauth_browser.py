"""The simulator's OAuth authorization-code flow driven by a real headless Chromium.

A user opens ``/auth.html`` (``/sandbox/auth.html``), signs in and approves; the browser follows
the ``302`` to a real callback server on loopback, which records the ``code`` and ``state``.
The code is then exchanged at ``/oauth/token`` and the refresh token is proven with the
unmodified ``tastytrade`` SDK. Hostile input (unregistered or tampered ``redirect_uri``, a
``state`` carrying markup, an oversized ``state``) must never redirect or run script.

Playwright drives Debian's ``chromium`` (``executable_path``); its own browser downloads are
never used. Locally the tests are skipped when Chromium is missing; in CI (``CI=true``) a
missing browser is a failure.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import aiohttp
import pytest
from aiohttp import web
from playwright.async_api import Dialog, Page
from support.browser import chromium_page
from tastytrade import Account

from services.broker.transport import close_sdk_session, sdk_session
from simulator.server import RunningSimulator, run_simulator

pytestmark = pytest.mark.browser

CALLBACK_PATH = "/oauth/tastytrade/callback"
SCOPE = "read trade openid"
TIMEOUT_MS = 10_000
XSS_STATE = "\"><script>alert(1)</script><img src=x onerror=alert(2)>'&x=1#frag"


@dataclass
class Callback:
    """The OAuth client's redirect endpoint: records every query it receives."""

    url: str
    hits: list[dict[str, list[str]]] = field(default_factory=list)
    raw_queries: list[str] = field(default_factory=list)


@dataclass
class Browser:
    page: Page
    dialogs: list[str]


@pytest.fixture
async def callback() -> AsyncIterator[Callback]:
    app = web.Application()
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    recorder = Callback(url="")

    async def handle(request: web.Request) -> web.Response:
        raw = request.rel_url.raw_query_string
        recorder.raw_queries.append(raw)
        recorder.hits.append(parse_qs(raw, keep_blank_values=True))
        return web.Response(
            text="<!doctype html><p id=done>signed in</p>", content_type="text/html"
        )

    app.router.add_get(CALLBACK_PATH, handle)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    recorder.url = f"http://127.0.0.1:{port}{CALLBACK_PATH}"
    try:
        yield recorder
    finally:
        await runner.cleanup()


@pytest.fixture
async def sim(callback: Callback) -> AsyncIterator[RunningSimulator]:
    async with run_simulator(
        seed=7, market_tick=0, history=False, redirect_uris=[callback.url]
    ) as running:
        yield running


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with chromium_page(TIMEOUT_MS) as page:
        dialogs: list[str] = []

        async def on_dialog(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            await dialog.dismiss()

        page.on("dialog", on_dialog)
        yield Browser(page, dialogs)


def auth_url(creds: dict[str, str], redirect_uri: str, state: str, **extra: str) -> str:
    root = creds["base_url"]
    query = {
        "client_id": creds["oauth_client_id"],
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "scope": SCOPE,
        "state": state,
        **extra,
    }
    return f"{root}/auth.html?{urlencode(query)}"


async def sign_in(page: Page, username: str, password: str) -> int:
    """Fill in the form and approve; returns the status of the form's ``POST``."""
    await page.fill("#username", username)
    await page.fill("#password", password)
    async with page.expect_response(lambda r: r.request.method == "POST") as posted:
        await page.click("#approve")
    return (await posted.value).status


async def approve_in_browser(
    browser: Browser, creds: dict[str, str], callback: Callback, state: str
) -> dict[str, list[str]]:
    """Open the login page, sign in, approve; returns the callback's query."""
    page = browser.page
    response = await page.goto(auth_url(creds, callback.url, state))
    assert response is not None and response.status == 200
    assert await page.input_value('input[name="state"]') == state
    assert await sign_in(page, creds["username"], creds["password"]) == 302
    await page.wait_for_url(lambda url: url.startswith(callback.url))
    assert await page.text_content("#done") == "signed in"
    assert len(callback.hits) == 1
    return callback.hits[0]


async def exchange(
    http: aiohttp.ClientSession, creds: dict[str, str], code: str, redirect_uri: str
) -> tuple[int, dict[str, Any]]:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": creds["oauth_client_id"],
        "client_secret": creds["client_secret"],
        "redirect_uri": redirect_uri,
    }
    async with http.post(f"{creds['base_url']}/oauth/token", data=form) as resp:
        body: dict[str, Any] = await resp.json()
        return resp.status, body


async def assert_sdk_works(creds: dict[str, str], refresh_token: str) -> None:
    session = sdk_session(creds["base_url"], creds["client_secret"], refresh_token)
    try:
        accounts = await Account.get(session)
        assert isinstance(accounts, list) and accounts
        assert all(account.account_number for account in accounts)
    finally:
        await close_sdk_session(session)


async def no_redirect(browser: Browser, callback: Callback, auth_path: str) -> None:
    assert urlsplit(browser.page.url).path == auth_path
    assert callback.hits == []
    assert browser.dialogs == []


@pytest.mark.parametrize("env", ["production", "sandbox"])
async def test_authorization_code_flow_in_browser(
    sim: RunningSimulator, callback: Callback, browser: Browser, env: str, tmp_path: Path
) -> None:
    creds = sim.credentials()[env]
    page = browser.page
    state = secrets.token_urlsafe(16)

    response = await page.goto(auth_url(creds, callback.url, state))
    assert response is not None and response.status == 200
    assert urlsplit(page.url).path == urlsplit(creds["base_url"]).path + "/auth.html"
    assert await page.is_visible("#username") and await page.is_visible("#password")
    assert await page.get_attribute("#password", "type") == "password"
    assert env in (await page.text_content("body") or "")
    shot = await page.screenshot(path=str(tmp_path / f"login-{env}.png"), full_page=True)
    assert shot.startswith(b"\x89PNG") and len(shot) > 2_000

    assert await sign_in(page, creds["username"], creds["password"]) == 302
    await page.wait_for_url(lambda url: url.startswith(callback.url))
    assert callback.hits and len(callback.hits) == 1
    query = callback.hits[0]
    assert query["state"] == [state]
    code = query["code"][0]
    assert code and "error" not in query

    async with aiohttp.ClientSession() as http:
        status, grant = await exchange(http, creds, code, callback.url)
        assert status == 200, grant
        assert grant["token_type"] == "Bearer" and grant["access_token"]
        assert grant["refresh_token"] and grant["id_token"]  # scope includes openid
        assert set(grant["scope"].split()) == set(SCOPE.split())
        status, again = await exchange(http, creds, code, callback.url)  # codes are single-use
        assert status == 400 and again["error_code"] == "invalid_grant"
    assert grant["refresh_token"] != creds["refresh_token"]
    await assert_sdk_works(creds, grant["refresh_token"])
    assert browser.dialogs == []


async def test_sandbox_code_and_password_do_not_work_on_production(
    sim: RunningSimulator, callback: Callback, browser: Browser
) -> None:
    creds = sim.credentials()
    prod, sandbox = creds["production"], creds["sandbox"]
    page = browser.page

    # sandbox credentials typed into the production login page: an error, no redirect
    await page.goto(auth_url(prod, callback.url, "s-prod"))
    assert await sign_in(page, sandbox["username"], sandbox["password"]) == 401
    await page.wait_for_selector(".err")
    assert "Invalid username or password" in (await page.text_content(".err") or "")
    await no_redirect(browser, callback, "/auth.html")
    # the re-rendered form keeps the request, so a correct retry goes through
    assert await page.input_value('input[name="state"]') == "s-prod"
    assert await sign_in(page, prod["username"], prod["password"]) == 302
    await page.wait_for_url(lambda url: url.startswith(callback.url))
    assert callback.hits[-1]["state"] == ["s-prod"]

    # a sandbox code is not accepted by production's token endpoint
    callback.hits.clear()
    query = await approve_in_browser(browser, sandbox, callback, "s-sandbox")
    code = query["code"][0]
    async with aiohttp.ClientSession() as http:
        status, body = await exchange(
            http, {**sandbox, "base_url": prod["base_url"]}, code, callback.url
        )
        assert status == 400 and body["error_code"] == "invalid_grant"
        status, grant = await exchange(http, sandbox, code, callback.url)
        assert status == 200 and grant["refresh_token"]
    await assert_sdk_works(sandbox, grant["refresh_token"])


async def test_unregistered_redirect_uri_never_redirects(
    sim: RunningSimulator, callback: Callback, browser: Browser
) -> None:
    creds = sim.credentials()["production"]
    page = browser.page
    for evil in (
        "https://evil.example/cb",
        callback.url + "/../evil",
        callback.url + "?next=https://evil.example",
        callback.url.replace("127.0.0.1", "localhost"),
    ):
        response = await page.goto(auth_url(creds, evil, "s"))
        assert response is not None and response.status == 400, evil
        assert "redirect_uri is not registered" in (await page.text_content("body") or "")
        assert await page.locator("form").count() == 0
        await no_redirect(browser, callback, "/auth.html")

    # a valid page whose hidden redirect_uri is tampered with before submitting
    await page.goto(auth_url(creds, callback.url, "s"))
    await page.eval_on_selector(
        'input[name="redirect_uri"]', "el => { el.value = 'https://evil.example/cb'; }"
    )
    assert await sign_in(page, creds["username"], creds["password"]) == 400
    await page.wait_for_load_state()
    assert "redirect_uri is not registered" in (await page.text_content("body") or "")
    await no_redirect(browser, callback, "/auth.html")


async def test_markup_in_state_is_never_executed(
    sim: RunningSimulator, callback: Callback, browser: Browser
) -> None:
    creds = sim.credentials()["production"]
    page = browser.page
    await page.goto(auth_url(creds, callback.url, XSS_STATE))
    assert await page.input_value('input[name="state"]') == XSS_STATE  # inert attribute text
    assert await page.locator("script").count() == 0
    assert await page.locator("img").count() == 0
    # the error re-render reflects the state too
    assert await sign_in(page, creds["username"], "wrong") == 401
    await page.wait_for_selector(".err")
    assert await page.locator("script, img").count() == 0
    await no_redirect(browser, callback, "/auth.html")

    assert await sign_in(page, creds["username"], creds["password"]) == 302
    await page.wait_for_url(lambda url: url.startswith(callback.url))
    assert callback.hits[0]["state"] == [XSS_STATE]  # echoed exactly ...
    raw = callback.raw_queries[0]
    assert not any(ch in raw for ch in "<>\"' #")  # ... but only URL-encoded
    assert "%3Cscript%3E" in raw
    assert browser.dialogs == []


async def test_oversized_state_is_rejected(
    sim: RunningSimulator, callback: Callback, browser: Browser
) -> None:
    creds = sim.credentials()["production"]
    page = browser.page
    big = "s" * 10_240
    # in the query string: refused before any page is served
    response = await page.goto(auth_url(creds, callback.url, big))
    assert response is not None and 400 <= response.status < 500
    assert await page.locator("form").count() == 0
    await no_redirect(browser, callback, "/auth.html")
    # small enough for the request line, still too long to echo back
    response = await page.goto(auth_url(creds, callback.url, "s" * 2_000))
    assert response is not None and response.status == 400
    assert "state is too long" in (await page.text_content("body") or "")
    # in the form body (a tampered hidden field): a clear 400, no code minted
    await page.goto(auth_url(creds, callback.url, "small"))
    await page.eval_on_selector('input[name="state"]', "(el, big) => { el.value = big; }", big)
    assert await sign_in(page, creds["username"], creds["password"]) == 400
    await page.wait_for_load_state()
    assert "state is too long" in (await page.text_content("body") or "")
    await no_redirect(browser, callback, "/auth.html")
    assert sim.production.auth_codes == {}
