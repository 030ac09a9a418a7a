"""``GET /email/verify?token=...``: the link in the verification email confirms the address.

The page never echoes the token or the address; each outcome has its own fixed text.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from aiohttp import web

from services.notify.addresses import (
    MAX_TOKEN_CHARS,
    VERIFY_PATH,
    VerificationOutcome,
    is_wellformed_token,
    verify_token,
)
from web_status._pages import render_page

# outcome -> (HTTP status, heading, badge class, explanation)
_PAGES: Mapping[str, tuple[int, str, str, str]] = {
    VerificationOutcome.VERIFIED: (
        200,
        "Email address confirmed",
        "ok",
        "Tastybot will send the notices you chose in /settings to this address. "
        "You can close this page.",
    ),
    VerificationOutcome.EXPIRED: (
        410,
        "This link has expired",
        "warn",
        "Verification links work for 24 hours. Ask for a new one with /email set in Discord.",
    ),
    VerificationOutcome.ALREADY_USED: (
        409,
        "This link was already used",
        "ok",
        "The address is already confirmed; there is nothing more to do. "
        "See it with /email show in Discord.",
    ),
    VerificationOutcome.UNKNOWN: (
        404,
        "Unknown link",
        "warn",
        "This verification link is not valid (perhaps a newer one replaced it). "
        "Ask for a new one with /email set in Discord.",
    ),
    "missing": (
        400,
        "Verification link incomplete",
        "warn",
        "The link has no token. Open the whole link from the email, or ask for a new one "
        "with /email set in Discord.",
    ),
}


def _page(key: str) -> web.Response:
    status, heading, badge, text = _PAGES[key]
    badge_text = "Confirmed" if badge == "ok" else "Not confirmed"
    body = (
        f"<header><h1>{escape(heading)}</h1>"
        f'<p class="badge {badge}" id="outcome" data-outcome="{escape(key)}">'
        f"{badge_text}</p></header>\n<p>{escape(text)}</p>\n"
        "<footer>Tastybot email verification</footer>"
    )
    return web.Response(
        status=status,
        text=render_page(heading, body),
        content_type="text/html",
        charset="utf-8",
    )


async def email_verify(request: web.Request) -> web.Response:
    """Confirm the pending email address the link's token belongs to."""
    tokens = request.query.getall("token", [])
    if not tokens or not tokens[0].strip():
        return _page("missing")
    if len(tokens) > 1:
        return _page(VerificationOutcome.UNKNOWN)
    token = tokens[0].strip()
    if len(token) > MAX_TOKEN_CHARS or not is_wellformed_token(token):
        return _page(VerificationOutcome.UNKNOWN)
    return _page(await verify_token(token))


def add_email_routes(app: web.Application) -> None:
    """Register the verification route (a ``bot.web_features`` entry). GET only: a HEAD from
    a link scanner must not confirm an address."""
    app.router.add_get(VERIFY_PATH, email_verify, allow_head=False)
