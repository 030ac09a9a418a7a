"""The aiohttp app factory, its error pages and the security headers every response carries."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable, Mapping, Sequence
from http import HTTPStatus

from aiohttp import hdrs, web
from multidict import CIMultiDict

from services.status import DEFAULT_HEALTH_TIMEOUT, DbCheck, StatusBoard
from web_status._keys import BOARD_KEY, CONFIG_KEY, DB_CHECK_KEY, ROUTE_TEMPLATE, WebConfig
from web_status._pages import STYLE_CSP_SOURCE, render_error_page
from web_status._routes_status import routes as status_routes

log = logging.getLogger(__name__)

# None of our routes takes a body bigger than a form post; refuse anything larger early.
CLIENT_MAX_SIZE = 64 * 1024
# Limits of aiohttp's HTTP parser; beyond them it answers 400 before any handler runs.
MAX_LINE_SIZE = 8190
MAX_FIELD_SIZE = 8190
MAX_HEADERS = 64

SERVER_NAME = "tastybot"

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        f"style-src {STYLE_CSP_SOURCE}",
        "img-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    )
)

SECURITY_HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
HSTS_VALUE = "max-age=31536000; includeSubDomains"

_MESSAGES: Mapping[int, str] = {
    404: "There is nothing at this address.",
    405: "This address only answers GET and HEAD requests.",
    413: "The request body is too large.",
    500: "Something went wrong on our side.",
}
# Headers of an aiohttp HTTPException worth keeping on our own error response.
_KEPT_ERROR_HEADERS = (hdrs.ALLOW, hdrs.RETRY_AFTER, hdrs.WWW_AUTHENTICATE)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _wants_json(request: web.Request) -> bool:
    """Machine endpoints (health, *.json) and JSON clients get JSON errors; people get HTML."""
    path = request.path
    if path == "/healthz" or path.endswith(".json"):
        return True
    accept = request.headers.get(hdrs.ACCEPT, "")
    return "application/json" in accept and "text/html" not in accept


def error_response(
    request: web.Request,
    status: int,
    *,
    headers: Mapping[str, str] | None = None,
    reference: str | None = None,
) -> web.Response:
    """Our own error body for ``status``; it never echoes anything the client sent."""
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    message = _MESSAGES.get(status, title + ".")
    if reference:
        message = f"{message} Reference: {reference}."
    source = CIMultiDict(headers or {})
    kept = CIMultiDict((name, source[name]) for name in _KEPT_ERROR_HEADERS if name in source)
    if _wants_json(request):
        payload: dict[str, object] = {"error": title, "status": status, "message": message}
        if reference:
            payload["reference"] = reference
        return web.json_response(payload, status=status, headers=kept)
    return web.Response(
        status=status,
        text=render_error_page(status, title, message),
        content_type="text/html",
        charset="utf-8",
        headers=kept,
    )


@web.middleware
async def error_pages_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turn aiohttp's HTTP errors and unexpected exceptions into our own pages."""
    resource = request.match_info.route.resource
    request[ROUTE_TEMPLATE] = resource.canonical if resource is not None else None
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise  # redirects render fine; headers are added when the response is prepared
        return error_response(request, exc.status, headers=exc.headers)
    except Exception:
        reference = secrets.token_hex(4)
        log.exception(
            "unexpected error serving %s %s (reference %s)",
            request.method,
            request[ROUTE_TEMPLATE] or "(no route)",
            reference,
        )
        return error_response(request, 500, reference=reference)


def _security_headers_hook(
    *, hsts: bool
) -> Callable[[web.Request, web.StreamResponse], Awaitable[None]]:
    """An ``on_response_prepare`` hook: the one place that sees every response of this app,
    including error pages and responses a handler streams itself."""
    fixed = dict(SECURITY_HEADERS)
    if hsts:
        fixed["Strict-Transport-Security"] = HSTS_VALUE

    async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
        response.headers.update(fixed)
        # Do not advertise the aiohttp/Python versions.
        response.headers[hdrs.SERVER] = SERVER_NAME
        # Everything we serve is dynamic; a route with cacheable content sets its own value.
        response.headers.setdefault(hdrs.CACHE_CONTROL, "no-store")

    return add_security_headers


def create_app(
    board: StatusBoard,
    *,
    db_check: DbCheck,
    hsts: bool = False,
    health_timeout: float = DEFAULT_HEALTH_TIMEOUT,
    features: Sequence[Callable[[web.Application], None]] = (),
) -> web.Application:
    """Build the public web app: ``/`` status page, ``/status.json`` and ``/healthz``.

    ``db_check`` is a coroutine function answering whether the database is reachable (the bot
    passes ``services.db.db_is_reachable``). Set ``hsts`` only when the app is served over
    HTTPS (directly or behind a TLS-terminating proxy). Each of ``features`` adds its routes
    and typed state to the app (the OAuth callback, email verification, downloads), so every
    route gets the same security headers, size limits and error pages.
    """
    app = web.Application(
        middlewares=[error_pages_middleware],
        client_max_size=CLIENT_MAX_SIZE,
        handler_args={
            "max_line_size": MAX_LINE_SIZE,
            "max_field_size": MAX_FIELD_SIZE,
            "max_headers": MAX_HEADERS,
        },
    )
    app[BOARD_KEY] = board
    app[DB_CHECK_KEY] = db_check
    app[CONFIG_KEY] = WebConfig(hsts=hsts, health_timeout=health_timeout)
    app.on_response_prepare.append(_security_headers_hook(hsts=hsts))
    app.add_routes(status_routes)
    for add_feature in features:
        add_feature(app)
    return app
