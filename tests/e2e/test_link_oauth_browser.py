"""Linking through OAuth in a real headless Chromium: the trader opens the start link from
/link, signs in and approves on the (simulated) Tastytrade consent page, and lands on our
success page with the refresh token stored encrypted. Reused and expired states, another
user's callback and a missing code each end on a clear failure page.

Playwright drives Debian's ``chromium`` (``executable_path``), never a browser of its own.
Locally the tests are skipped when Chromium is missing; in CI (``CI=true``) that is a failure.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
from playwright.async_api import Page
from pydantic import SecretStr
from support.browser import chromium_page
from support.oauth_site import oauth_app, simulator_linking
from tortoise import Tortoise

from services.broker import Environment, broker_route
from services.broker.client import RetryPolicy
from services.broker.credentials import load_connection
from services.broker.routing import OAuthClient
from services.db.models import BrokerCredential, CredentialKind, OAuthState
from services.linking import LinkResult, create_start_link
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, free_port, run_simulator
from web_status import WebServer
from web_status._routes_oauth import CALLBACK_PATH, start_link_url

pytestmark = pytest.mark.browser

TIMEOUT_MS = 15_000
FAST = RetryPolicy(attempts=3, initial_wait=0.01, max_wait=0.05, jitter=0.01, request_timeout=5)
ALICE, BOB = 7001, 7002


@dataclass
class Site:
    sim: RunningSimulator
    base: str
    vault: Vault
    told: list[LinkResult] = field(default_factory=list)

    async def start_url(self, discord_id: int, env: str = "sandbox") -> str:
        link = await create_start_link(discord_id, Environment(env))
        return start_link_url(self.base, link.token)


@pytest.fixture
async def site(database: str) -> AsyncIterator[Site]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with run_simulator(
        seed=7, market_tick=0, history=False, redirect_uris=[base + CALLBACK_PATH]
    ) as sim:
        vault = Vault([generate_key()])
        context = simulator_linking(sim, vault, FAST)
        result = Site(sim, base, vault)

        async def on_linked(linked: LinkResult) -> None:
            result.told.append(linked)

        app = oauth_app(context, base, on_linked)
        async with WebServer(app, host="127.0.0.1", port=port):
            yield result


@pytest.fixture
async def page() -> AsyncIterator[Page]:
    async with chromium_page(TIMEOUT_MS) as browser_page:
        yield browser_page


async def sign_in_and_approve(page: Page, site: Site, env: str = "sandbox") -> None:
    creds = site.sim.credentials()[env]
    await page.fill("#username", creds["username"])
    await page.fill("#password", creds["password"])
    await page.click("#approve")
    await page.wait_for_url(lambda url: url.startswith(site.base + CALLBACK_PATH))
    await page.wait_for_selector("#outcome")


async def outcome(page: Page) -> tuple[str, str]:
    return (await page.text_content("#title") or "", await page.text_content("#message") or "")


@pytest.mark.parametrize("env", ["sandbox", "production"])
async def test_oauth_link_end_to_end_in_chromium(page: Page, site: Site, env: str) -> None:
    response = await page.goto(await site.start_url(ALICE, env))

    assert response is not None and response.status == 200
    assert urlsplit(page.url).path.endswith("/auth.html")  # Tastytrade's consent page
    assert env in (await page.text_content("body") or "")
    await sign_in_and_approve(page, site, env)

    title, message = await outcome(page)
    count = site.told[0].account_count
    assert title == f"Linked {count} account{'s' if count != 1 else ''}" and count > 0
    assert message == f"Linked {count} Tastytrade {env} accounts; you can close this tab."
    assert await page.text_content("#outcome") == "Linked"
    credential = await BrokerCredential.get(trader__discord_id=ALICE)
    assert credential.kind is CredentialKind.OAUTH and credential.environment == env
    connection = await load_connection(
        site.vault,
        ALICE,
        Environment(env),
        broker_route(str(site.sim.url), demo_mode=True),
        {
            Environment(env): OAuthClient(
                "x", SecretStr(site.sim.credentials()[env]["client_secret"])
            )
        },
    )
    refresh = connection.refresh_token.get_secret_value()
    connection_db = Tortoise.get_connection("default")
    _count, rows = await connection_db.execute_query('SELECT * FROM "broker_credential"')
    assert refresh not in repr([dict(row) for row in rows])  # stored only encrypted
    assert refresh not in (await page.content()) and refresh not in page.url


async def test_a_reused_state_is_refused_in_chromium(page: Page, site: Site) -> None:
    await page.goto(await site.start_url(ALICE))
    await sign_in_and_approve(page, site)
    callback = page.url

    await page.goto(callback)

    title, message = await outcome(page)
    assert title == "Tastytrade account not linked" and "already used" in message
    assert len(site.told) == 1


async def test_an_expired_state_is_refused_in_chromium(page: Page, site: Site) -> None:
    await page.goto(await site.start_url(ALICE))
    await OAuthState.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    await sign_in_and_approve(page, site)

    _title, message = await outcome(page)
    assert "expired" in message
    assert await BrokerCredential.all().count() == 0


async def test_another_users_callback_is_refused_in_chromium(page: Page, site: Site) -> None:
    # Bob starts his own link in this browser; Alice's callback URL then arrives here.
    await page.goto(await site.start_url(BOB))
    async with aiohttp.ClientSession() as http:
        async with http.get(await site.start_url(ALICE), allow_redirects=False) as started:
            authorize = started.headers["Location"]
        creds = site.sim.credentials()["sandbox"]
        form = {k: v[0] for k, v in parse_qs(urlsplit(authorize).query).items()}
        form |= {"username": creds["username"], "password": creds["password"], "approve": "yes"}
        async with http.post(authorize.split("?")[0], data=form, allow_redirects=False) as done:
            alice_callback = done.headers["Location"]

    response = await page.goto(alice_callback)

    assert response is not None and response.status == 403
    _title, message = await outcome(page)
    assert "different Discord user" in message
    assert await BrokerCredential.all().count() == 0


async def test_a_missing_code_is_refused_in_chromium(page: Page, site: Site) -> None:
    await page.goto(await site.start_url(ALICE))
    state = parse_qs(urlsplit(page.url).query)["state"][0]

    response = await page.goto(f"{site.base}{CALLBACK_PATH}?state={state}")

    assert response is not None and response.status == 400
    _title, message = await outcome(page)
    assert "no authorization code" in message
    assert await BrokerCredential.all().count() == 0
