"""Linking a Tastytrade account through OAuth: the one-time start link and the callback.

Design of the start link
------------------------
``/link`` in Discord shows the trader ``/oauth/tastytrade/start?t=<token>``: ``t`` is a random
one-time token (made by ``services.linking.create_start_link``, stored only as a SHA-256 hash,
bound to the Discord user and environment, ten minutes). Opening it *uses it up* and makes a
fresh OAuth ``state`` (also random, hashed, single use, ten minutes), then answers ``302`` to
Tastytrade's authorize page with that state. So the link in the Discord message is worthless
once opened, and the state only ever travels browser -> Tastytrade -> callback.

The start response also sets a cookie holding the state (``HttpOnly``, ``SameSite=Lax``, path
``/oauth/tastytrade``, ten minutes; ``Secure`` behind https). The callback accepts a state only
in a browser whose cookie names a state of the *same Discord user*: a callback URL (with
someone else's code and state) opened in another person's browser is refused as "wrong user",
and one opened in a browser that never started a link is refused as "other browser". This is
the usual OAuth login-CSRF defence, keyed to the Discord user.

``HEAD`` is refused and link unfurlers (``Discordbot``) get a page without the link being used,
so a preview cannot burn the trader's link. The access log omits query strings (``_server``).

The callback exchanges the code, verifies the refresh token by listing the accounts, stores it
encrypted, shows a success page ("Linked N accounts; you can close this tab") or a failure
page that says why, and tells the trader through ``on_linked`` (a coroutine function the bot
passes in; nothing here imports Discord).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from aiohttp import hdrs, web

from services.errors import (
    BrokerUnavailableError,
    ConfigurationError,
    PermissionDeniedError,
    TastybotError,
)
from services.linking import (
    ConsentDeniedError,
    LinkingContext,
    LinkResult,
    MissingCodeError,
    OtherBrowserError,
    StateExpiredError,
    StateReusedError,
    UnknownStateError,
    WrongUserError,
    authorize_url,
    begin_authorization,
    complete_oauth_link,
    consume_state,
    is_token_shaped,
    state_owner,
)
from services.linking._oauth import MAX_CODE_CHARS
from services.linking._state import STATE_TTL
from web_status._pages import render_page

log = logging.getLogger(__name__)

BASE_PATH = "/oauth/tastytrade"
START_PATH = f"{BASE_PATH}/start"
CALLBACK_PATH = f"{BASE_PATH}/callback"
STATE_COOKIE = "tastybot_oauth_state"
MAX_ERROR_CODE_CHARS = 64
LINK_PREVIEWERS = ("discordbot", "slackbot", "twitterbot", "facebookexternalhit")

LinkedCallback = Callable[[LinkResult], Awaitable[None]]


@dataclass(frozen=True)
class OAuthWeb:
    """What the OAuth routes need: linking's context, the public root URL (a function: the
    bound port is known only once the server runs), and whom to tell about a new link."""

    context: LinkingContext
    public_url: Callable[[], str]
    on_linked: LinkedCallback | None = None

    def callback_url(self) -> str:
        return self.public_url().rstrip("/") + CALLBACK_PATH


OAUTH_KEY = web.AppKey("oauth_web", OAuthWeb)


def start_link_url(public_url: str, token: str) -> str:
    """The address ``/link`` shows the trader."""
    return f"{public_url.rstrip('/')}{START_PATH}?{urlencode({'t': token})}"


def oauth_routes(config: OAuthWeb) -> Callable[[web.Application], None]:
    """A ``create_app`` feature adding the start and callback routes."""

    def add_oauth_routes(app: web.Application) -> None:
        app[OAUTH_KEY] = config
        app.router.add_get(START_PATH, oauth_start, allow_head=False)
        app.router.add_get(CALLBACK_PATH, oauth_callback, allow_head=False)

    return add_oauth_routes


# pages --------------------------------------------------------------------------------------
def _page(status: int, title: str, message: str, *, ok: bool) -> web.Response:
    badge = (
        '<p class="badge ok" id="outcome">Linked</p>'
        if ok
        else '<p class="badge warn" id="outcome">Not linked</p>'
    )
    footer = (
        "You can close this tab and go back to Discord."
        if ok
        else "Nothing was linked. Run <code>/link</code> in Discord to try again."
    )
    body = (
        f'<header><h1 id="title">{escape(title)}</h1>{badge}</header>\n'
        f'<p id="message">{escape(message)}</p>\n'
        f"<footer>{footer}</footer>"
    )
    return web.Response(
        status=status,
        text=render_page(title, body),
        content_type="text/html",
        charset="utf-8",
    )


def _failure(status: int, message: str) -> web.Response:
    return _page(status, "Tastytrade account not linked", message, ok=False)


_STATUS_FOR: tuple[tuple[type[TastybotError], int], ...] = (
    (WrongUserError, 403),
    (StateReusedError, 410),
    (StateExpiredError, 410),
    (ConsentDeniedError, 403),
    (PermissionDeniedError, 403),
    (BrokerUnavailableError, 502),
    (ConfigurationError, 503),
)


def _error_page(error: TastybotError) -> web.Response:
    status = next((code for kind, code in _STATUS_FOR if isinstance(error, kind)), 400)
    return _failure(status, error.user_message)


def _single(request: web.Request, name: str) -> str | None:
    """The query parameter ``name`` if given exactly once; a repeated one counts as absent."""
    values = request.query.getall(name, [])
    return values[0] if len(values) == 1 else None


def _is_previewer(request: web.Request) -> bool:
    agent = request.headers.get(hdrs.USER_AGENT, "").lower()
    return any(bot in agent for bot in LINK_PREVIEWERS)


# handlers -----------------------------------------------------------------------------------
async def oauth_start(request: web.Request) -> web.Response:
    """Use up the one-time link and send the browser to Tastytrade's authorize page."""
    config = request.app[OAUTH_KEY]
    if _is_previewer(request):
        return _page(
            200, "Link your Tastytrade account", "Open this link in your browser.", ok=False
        )
    token = _single(request, "t")
    if not is_token_shaped(token):
        return _error_page(UnknownStateError())
    assert token is not None
    try:
        pending = await begin_authorization(token)
        client = config.context.oauth_client(pending.environment)
    except TastybotError as error:
        return _error_page(error)
    location = authorize_url(
        pending.environment,
        config.context.route,
        client,
        redirect_uri=config.callback_url(),
        state=pending.state,
    )
    response = web.Response(status=302, headers={hdrs.LOCATION: location})
    response.set_cookie(
        STATE_COOKIE,
        pending.state,
        max_age=int(STATE_TTL.total_seconds()),
        path=BASE_PATH,
        httponly=True,
        samesite="Lax",
        secure=config.public_url().startswith("https://"),
    )
    return response


async def oauth_callback(request: web.Request) -> web.Response:
    """Finish the authorization: check the state, exchange the code, verify, store, tell."""
    config = request.app[OAUTH_KEY]
    state = _single(request, "state")
    if state is None:
        return _failure(
            400,
            "This address only works as the end of a Tastytrade authorization started with /link.",
        )
    try:
        owner = await state_owner(request.cookies.get(STATE_COOKIE))
        if owner is None:
            raise OtherBrowserError()
        pending = await consume_state(state, discord_id=owner)
        error = _single(request, "error")
        if error is not None or "error" in request.query:
            raise _consent_error(error)
        code = _single(request, "code")
        if not code or len(code) > MAX_CODE_CHARS or not code.isprintable():
            raise MissingCodeError()
        result = await complete_oauth_link(
            config.context, pending, code=code, redirect_uri=config.callback_url()
        )
    except TastybotError as failure:
        return _error_page(failure)
    await _tell(config, result)
    count = result.account_count
    noun = "account" if count == 1 else "accounts"
    # The cookie stays until it expires: a replayed callback then says "already used".
    return _page(
        200,
        f"Linked {count} {noun}",
        f"Linked {count} Tastytrade {result.environment.value} {noun}; you can close this tab.",
        ok=True,
    )


def _consent_error(code: str | None) -> ConsentDeniedError:
    if code == "access_denied":
        return ConsentDeniedError(
            "You declined access on Tastytrade's page, so nothing was linked."
        )
    shown = (code or "")[:MAX_ERROR_CODE_CHARS]
    if not shown.replace("_", "").isalnum():
        shown = "unknown"
    return ConsentDeniedError(
        f"Tastytrade reported an error ({shown}), so nothing was linked. Try again with /link."
    )


async def _tell(config: OAuthWeb, result: LinkResult) -> None:
    """Tell the trader; the link is saved already, so a failed DM only gets logged."""
    if config.on_linked is None:
        return
    try:
        await config.on_linked(result)
    except Exception:
        log.exception("could not tell trader %s about the new link", result.discord_id)
