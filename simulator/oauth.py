"""OAuth2 for the simulator: the login/consent page, ``/oauth/token`` and bearer checks.

* ``GET /auth.html?client_id=..&redirect_uri=..&response_type=code[&scope=..][&state=..]`` shows a
  real HTML login + consent form; ``POST /auth.html`` (the form) checks the user's password and
  redirects ``302`` to ``redirect_uri?code=..&state=..``.
* ``POST /oauth/token`` (JSON or form body): ``authorization_code`` (single-use code; checks
  ``client_id``, ``client_secret`` and ``redirect_uri``) and ``refresh_token`` grants. Refresh
  tokens never rotate. Errors are ``400 {"error_code", "error_description"}``.
* Every other non-public route needs ``Authorization: Bearer <access token>``; otherwise
  ``401 {"error": {"code": "token_invalid", ...}}``.
"""

from __future__ import annotations

import html
import json
import time
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from aiohttp import web

from simulator import wire
from simulator.state import ENV_KEY, USER_KEY, Environment, User, new_token

CODE_TTL_SECONDS = 300.0
VALID_SCOPES = ("read", "trade", "openid")
# ``state`` is echoed in the redirect's Location; URL-encoded (up to 3x) it must stay well under
# the 8 KiB request-line/header limits of common HTTP servers (aiohttp's is 8190 bytes)
MAX_STATE_BYTES = 1024

PUBLIC_EXACT = frozenset(
    {
        "/",
        "/oauth/token",
        "/auth.html",
        "/margin-requirements-public-configuration",
        "/dxlink",
        "/alerts",
        "/favicon.ico",
    }
)
PUBLIC_PREFIXES = ("/symbols/search/", "/_sim/", "/_sim")


def is_public(rel_path: str) -> bool:
    return rel_path in PUBLIC_EXACT or rel_path.startswith(PUBLIC_PREFIXES)


# tokens ------------------------------------------------------------------------------------
def issue_access_token(env: Environment, user: User) -> tuple[str, int]:
    """A fresh access token; returns it with the advertised ``expires_in``."""
    token = new_token("sim-at-")
    advertised = env.access_token_ttl
    lifetime = advertised
    if env.faults is not None:
        early = env.faults.token_lifetime(env.name)
        if early is not None:
            lifetime = min(lifetime, early)
    env.access_tokens[token] = (user.username, time.monotonic() + lifetime)
    _prune(env)
    return token, int(advertised)


def _prune(env: Environment) -> None:
    if len(env.access_tokens) < 10_000:
        return
    now = time.monotonic()
    for tok, (_, exp) in list(env.access_tokens.items()):
        if exp <= now:
            del env.access_tokens[tok]


def user_for_access_token(env: Environment, header_or_token: str | None) -> User | None:
    if not header_or_token:
        return None
    token = header_or_token.strip()
    if token[:7].lower() == "bearer ":
        token = token[7:].strip()
    entry = env.access_tokens.get(token)
    if entry is None:
        return None
    username, expires_at = entry
    if time.monotonic() >= expires_at:
        return None
    return env.users.get(username)


def expire_access_tokens(env: Environment, within: float = 0.0) -> int:
    """Make every current access token expire within ``within`` seconds; returns the count."""
    deadline = time.monotonic() + within
    count = 0
    for tok, (username, exp) in list(env.access_tokens.items()):
        if exp > deadline:
            env.access_tokens[tok] = (username, deadline)
            count += 1
    return count


def grant_refresh_token(env: Environment, user: User, client_id: str | None = None) -> str:
    token = new_token("sim-rt-")
    user.refresh_tokens.add(token)
    env.refresh_clients[token] = client_id or user.client_id
    return token


def client_secret_for(env: Environment, client_id: str) -> str | None:
    for user in env.users.values():
        if user.client_id == client_id:
            return user.client_secret
    return None


# /oauth/token ------------------------------------------------------------------------------
def _oauth_error(description: str, code: str = "invalid_grant", status: int = 400) -> web.Response:
    return wire.json_response({"error_code": code, "error_description": description}, status)


async def _read_body(request: web.Request) -> dict[str, str]:
    text = await request.text()
    ctype = request.content_type
    if not text:
        return {}
    if ctype == "application/json" or text.lstrip().startswith("{"):
        try:
            raw = json.loads(text)
        except ValueError:
            return {}
        return (
            {str(k): str(v) for k, v in raw.items() if v is not None}
            if isinstance(raw, dict)
            else {}
        )
    form = await request.post()
    return {k: str(v) for k, v in form.items()}


async def token_handler(request: web.Request) -> web.Response:
    env = request.app[ENV_KEY]
    body = await _read_body(request)
    grant = body.get("grant_type", "")
    if grant == "refresh_token":
        refresh = body.get("refresh_token", "")
        user = env.user_for_refresh_token(refresh)
        if user is None:
            return _oauth_error("Invalid JWT")
        client_id = env.refresh_clients.get(refresh, user.client_id)
        expected_secret = client_secret_for(env, client_id)
        if body.get("client_id") and body["client_id"] != client_id:
            return _oauth_error("client_id does not match the grant", "invalid_client")
        if not body.get("client_secret") or body.get("client_secret") != expected_secret:
            return _oauth_error("Invalid client credentials", "invalid_client")
        token, expires_in = issue_access_token(env, user)
        return wire.json_response(
            {"access_token": token, "token_type": "Bearer", "expires_in": expires_in}
        )
    if grant == "authorization_code":
        code = body.get("code", "")
        entry = env.auth_codes.pop(code, None)  # single use, even on failure
        if entry is None or entry["expires_at"] < time.monotonic():
            return _oauth_error("Invalid or expired authorization code")
        if body.get("client_id") != entry["client_id"]:
            return _oauth_error("client_id does not match the code", "invalid_client")
        if body.get("client_secret") != client_secret_for(env, entry["client_id"]):
            return _oauth_error("Invalid client credentials", "invalid_client")
        if body.get("redirect_uri") != entry["redirect_uri"]:
            return _oauth_error("redirect_uri does not match the authorization request")
        user = env.users.get(entry["username"])
        if user is None:
            return _oauth_error("Unknown user")
        refresh = grant_refresh_token(env, user, entry["client_id"])
        token, expires_in = issue_access_token(env, user)
        payload: dict[str, Any] = {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": expires_in,
            "refresh_token": refresh,
            "scope": entry["scope"],
        }
        if "openid" in entry["scope"].split():
            payload["id_token"] = new_token("sim-id-")
        return wire.json_response(payload)
    return _oauth_error(f"Unsupported grant_type {grant!r}", "unsupported_grant_type")


# /auth.html --------------------------------------------------------------------------------
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tastytrade simulator - authorize</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>*{{box-sizing:border-box}}
body{{font-family:system-ui,sans-serif;background:#f3f4f6;color:#1f2937;margin:0;padding:3rem 1rem}}
main{{max-width:26rem;margin:0 auto;background:#fff;border:1px solid #e5e7eb;border-radius:.75rem;
padding:1.5rem 1.75rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}}
h1{{font-size:1.25rem;margin:0 0 .75rem}}code{{font-size:.8rem;overflow-wrap:anywhere;
background:#f3f4f6;padding:.1rem .3rem;border-radius:.25rem}}
p{{font-size:.9rem;line-height:1.4}}label{{display:block;margin:.8rem 0;font-size:.9rem}}
input{{display:block;width:100%;margin-top:.3rem;padding:.5rem;font-size:1rem;
border:1px solid #d1d5db;border-radius:.375rem}}
button{{margin-top:.6rem;padding:.5rem 1.1rem;font-size:.95rem;border-radius:.375rem;
border:1px solid #d1d5db;background:#fff;cursor:pointer}}
#approve{{background:#c2410c;border-color:#c2410c;color:#fff}}
.err{{color:#b00;background:#fef2f2;border:1px solid #fecaca;padding:.5rem;border-radius:.375rem}}
</style></head>
<body><main><h1>Authorize <code>{client}</code></h1>
<p>Environment: <b>{env}</b>. The application asks for: <b>{scope}</b>.</p>
{error}
<form method="post" action="{action}">
<input type="hidden" name="client_id" value="{client_id}">
<input type="hidden" name="redirect_uri" value="{redirect_uri}">
<input type="hidden" name="response_type" value="code">
<input type="hidden" name="scope" value="{scope}">
<input type="hidden" name="state" value="{state}">
<label>Username <input name="username" id="username" autocomplete="username"></label>
<label>Password <input name="password" id="password" type="password"
 autocomplete="current-password"></label>
<button type="submit" name="approve" value="yes" id="approve">Approve</button>
<button type="submit" name="approve" value="no" id="deny">Deny</button>
</form></main></body></html>
"""


def _auth_params(source: Any) -> dict[str, str]:
    return {
        k: str(source.get(k, ""))
        for k in ("client_id", "redirect_uri", "response_type", "scope", "state")
    }


def _check_auth_request(env: Environment, params: dict[str, str]) -> str | None:
    if not params["client_id"] or client_secret_for(env, params["client_id"]) is None:
        return "unknown client_id"
    if not params["redirect_uri"] or params["redirect_uri"] not in env.redirect_uris:
        return "redirect_uri is not registered for this client"
    if params["response_type"] != "code":
        return "response_type must be code"
    bad = [s for s in params["scope"].split() if s not in VALID_SCOPES]
    if bad:
        return f"invalid scope {' '.join(bad)}"
    if len(params["state"].encode()) > MAX_STATE_BYTES:
        return f"state is too long (at most {MAX_STATE_BYTES} bytes)"
    return None


def _page(
    request: web.Request, params: dict[str, str], error: str = "", status: int = 200
) -> web.Response:
    env = request.app[ENV_KEY]
    esc = {k: html.escape(v, quote=True) for k, v in params.items()}
    text = _PAGE.format(
        client=esc["client_id"],
        env=html.escape(env.name),
        scope=esc["scope"] or "read",
        error=f'<p class="err">{html.escape(error)}</p>' if error else "",
        action=html.escape(request.path, quote=True),
        client_id=esc["client_id"],
        redirect_uri=esc["redirect_uri"],
        state=esc["state"],
    )
    return web.Response(text=text, status=status, content_type="text/html")


def _redirect(uri: str, extra: dict[str, str]) -> web.Response:
    parts = urlsplit(uri)
    query = "&".join(q for q in (parts.query, urlencode(extra)) if q)
    location = urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))
    return web.Response(status=302, headers={"Location": location})


async def auth_page(request: web.Request) -> web.Response:
    env = request.app[ENV_KEY]
    params = _auth_params(request.query)
    problem = _check_auth_request(env, params)
    if problem is not None:
        return web.Response(
            text=f"<!doctype html><p>Invalid authorization request: {html.escape(problem)}</p>",
            status=400,
            content_type="text/html",
        )
    return _page(request, params)


async def auth_submit(request: web.Request) -> web.Response:
    env = request.app[ENV_KEY]
    form = await request.post()
    params = _auth_params({**request.query, **form})
    problem = _check_auth_request(env, params)
    if problem is not None:
        return web.Response(
            text=f"<!doctype html><p>Invalid authorization request: {html.escape(problem)}</p>",
            status=400,
            content_type="text/html",
        )
    state = {"state": params["state"]} if params["state"] else {}
    if str(form.get("approve", "yes")) == "no":
        return _redirect(params["redirect_uri"], {"error": "access_denied", **state})
    user = env.users.get(str(form.get("username", "")))
    if user is None or str(form.get("password", "")) != user.password:
        return _page(request, params, "Invalid username or password", status=401)
    code = new_token("sim-code-")
    env.auth_codes[code] = {
        "username": user.username,
        "client_id": params["client_id"],
        "redirect_uri": params["redirect_uri"],
        "scope": params["scope"] or "read",
        "expires_at": time.monotonic() + CODE_TTL_SECONDS,
    }
    return _redirect(params["redirect_uri"], {"code": code, **state})


async def validate_session(request: web.Request) -> web.Response:
    user: User = request[USER_KEY]
    return wire.ok(
        request,
        {
            "email": user.customer.get("email", ""),
            "username": user.username,
            "external-id": user.external_id,
            "id": user.customer.get("id", ""),
        },
    )


def add_oauth_routes(app: web.Application) -> None:
    app.router.add_post("/oauth/token", token_handler)
    app.router.add_get("/auth.html", auth_page)
    app.router.add_post("/auth.html", auth_submit)
    app.router.add_post("/sessions/validate", validate_session)


def unauthorized(
    message: str = "Unauthorized: the access token is invalid or expired",
) -> web.Response:
    return wire.api_error(401, "token_invalid", message)
