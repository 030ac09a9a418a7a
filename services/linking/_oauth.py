"""Tastytrade's authorization-code flow: the authorize page and the code exchange.

The authorize pages are Tastytrade's own (``my.tastytrade.com`` for production,
``cert-my.staging-tasty.works`` for the sandbox). In demo mode, and only there, the route is a
loopback simulator, whose pages are ``/auth.html`` and ``/sandbox/auth.html``. The code is
exchanged at the environment's API host (``POST /oauth/token``, form-encoded, with the
operator's OAuth client for that environment), through the same loopback transport as every
SDK call in demo mode.

An authorization code is single use, so the exchange is retried only when Tastytrade cannot
have seen it: a refused connection, or a 429.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx2
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from services.broker.client import RetryPolicy
from services.broker.routing import BrokerRoute, OAuthClient
from services.broker.transport import SANDBOX_PREFIX, LoopbackTransport
from services.environment import Environment
from services.errors import (
    BrokerUnavailableError,
    ConfigurationError,
    RateLimitedError,
    RejectedError,
)
from services.linking._errors import AuthorizationCodeRejectedError

log = logging.getLogger(__name__)

AUTHORIZE_PAGES = {
    Environment.PRODUCTION: "https://my.tastytrade.com/auth.html",
    Environment.SANDBOX: "https://cert-my.staging-tasty.works/auth.html",
}
API_HOSTS = {
    Environment.PRODUCTION: "https://api.tastyworks.com",
    Environment.SANDBOX: "https://api.cert.tastyworks.com",
}
TOKEN_PATH = "/oauth/token"
# `read` for sync, `trade` for orders; no `openid`: Tastybot keeps no identity token.
SCOPES = "read trade"
USER_AGENT = "tastybot/1.0"  # Tastytrade requires a product/version User-Agent
EXCHANGE_ATTEMPTS = 3
MAX_CODE_CHARS = 2048


@dataclass(frozen=True)
class TokenGrant:
    """What the code exchange returned that Tastybot keeps (the access token is dropped)."""

    refresh_token: str
    scopes: str

    def __repr__(self) -> str:
        return f"TokenGrant(scopes={self.scopes!r})"


def authorize_url(
    environment: Environment,
    route: BrokerRoute,
    client: OAuthClient,
    *,
    redirect_uri: str,
    state: str,
) -> str:
    """The authorize page to send the trader's browser to."""
    if route.local_url is None:
        page = AUTHORIZE_PAGES[environment]
    else:
        prefix = SANDBOX_PREFIX if environment is Environment.SANDBOX else ""
        page = f"{route.local_url}{prefix}/auth.html"
    query = urlencode(
        {
            "client_id": client.client_id,
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "scope": SCOPES,
            "state": state,
        }
    )
    return f"{page}?{query}"


def _error_code(response: httpx2.Response) -> str:
    try:
        body: Any = response.json()
    except ValueError:
        return ""
    code = body.get("error_code") or body.get("error") if isinstance(body, dict) else None
    return code if isinstance(code, str) else ""


async def _post_once(client: httpx2.AsyncClient, form: dict[str, str]) -> TokenGrant:
    try:
        response = await client.post(TOKEN_PATH, data=form)
    except httpx2.ConnectError:
        raise  # nothing reached Tastytrade: the caller may retry
    except (httpx2.TimeoutException, httpx2.TransportError) as exc:
        log.warning("oauth code exchange failed: %s", type(exc).__name__)
        raise BrokerUnavailableError() from None
    status = response.status_code
    if status == 429:
        raise RateLimitedError()
    if status >= 500:
        raise BrokerUnavailableError()
    if status >= 400:
        code = _error_code(response)
        log.info("tastytrade refused the code exchange: error %s (HTTP %d)", code or "?", status)
        if code == "invalid_client":
            raise ConfigurationError(
                "Tastytrade refused this bot's OAuth client; the operator must check its "
                "client id and secret."
            )
        if status in (400, 401):
            raise AuthorizationCodeRejectedError()
        raise RejectedError("Tastytrade refused the authorization.")
    try:
        body = response.json()
    except ValueError:
        body = None
    refresh = body.get("refresh_token") if isinstance(body, dict) else None
    if not isinstance(refresh, str) or not refresh.strip():
        raise RejectedError("Tastytrade sent no refresh token; nothing was linked.")
    scope = body.get("scope") if isinstance(body, dict) else None
    return TokenGrant(refresh_token=refresh.strip(), scopes=scope if isinstance(scope, str) else "")


async def exchange_code(
    environment: Environment,
    route: BrokerRoute,
    client: OAuthClient,
    *,
    code: str,
    redirect_uri: str,
    policy: RetryPolicy | None = None,
) -> TokenGrant:
    """Trade the authorization ``code`` for a refresh token (``grant_type=authorization_code``)."""
    policy = policy or RetryPolicy()
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": client.client_id,
        "client_secret": client.client_secret.get_secret_value(),
        "redirect_uri": redirect_uri,
    }
    transport = LoopbackTransport(route.local_url) if route.local_url is not None else None
    http = httpx2.AsyncClient(
        base_url=API_HOSTS[environment],
        headers={"Accept": "application/json", "User-Agent": USER_AGENT},
        timeout=httpx2.Timeout(policy.request_timeout, connect=policy.connect_timeout),
        transport=transport,
    )
    retrying = AsyncRetrying(
        stop=stop_after_attempt(EXCHANGE_ATTEMPTS),
        wait=wait_exponential_jitter(
            multiplier=policy.initial_wait, max=policy.max_wait, jitter=policy.jitter
        ),
        retry=retry_if_exception_type((httpx2.ConnectError, RateLimitedError)),
        reraise=True,
    )
    try:
        async with http:
            async for attempt in retrying:
                with attempt:
                    return await _post_once(http, form)
    except httpx2.ConnectError:
        log.warning("oauth code exchange: tastytrade unreachable")
        raise BrokerUnavailableError() from None
    finally:
        if transport is not None:
            await transport.really_close()
    raise AssertionError("unreachable: tenacity reraises the last error")  # pragma: no cover
