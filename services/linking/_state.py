"""One-time start links and OAuth ``state`` values, stored only as SHA-256 hashes.

``/link`` makes a *start link* token; opening ``/oauth/tastytrade/start?t=<token>`` uses it up
and makes the OAuth *state* that travels through Tastytrade's authorize page back to the
callback, where it is used up in turn. Both are random, bound to the Discord user and the
environment, single use, and expire after :data:`STATE_TTL`. The database holds only
``sha256("<kind>:<value>")``: a token read from a database dump is useless, and a start-link
token can never be replayed as a state (or the other way round) because the kinds differ.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from services.db.models import OAuthState
from services.environment import Environment
from services.linking._errors import (
    StateExpiredError,
    StateReusedError,
    UnknownStateError,
    WrongUserError,
)

STATE_TTL = timedelta(minutes=10)
# Expired rows are kept a while so a late click still says "expired" rather than "unknown".
KEEP_EXPIRED = timedelta(days=1)
TOKEN_BYTES = 32
# token_urlsafe(32) is 43 characters; anything far longer or outside base64url is not ours.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,128}")

_LINK = "link"
_STATE = "state"


def _digest(kind: str, token: str) -> str:
    return hashlib.sha256(f"{kind}:{token}".encode()).hexdigest()


def is_token_shaped(token: str | None) -> bool:
    """Whether ``token`` could be one of ours (checked before any database query)."""
    return token is not None and _TOKEN.fullmatch(token) is not None


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


@dataclass(frozen=True)
class StartLink:
    """A one-time link token for ``/oauth/tastytrade/start`` (shown only to its trader)."""

    token: str
    discord_id: int
    environment: Environment
    expires_at: datetime


@dataclass(frozen=True)
class PendingAuthorization:
    """An OAuth ``state`` on its way through Tastytrade's authorize page."""

    state: str
    discord_id: int
    environment: Environment
    expires_at: datetime


async def _create(kind: str, discord_id: int, environment: Environment, now: datetime) -> str:
    await OAuthState.filter(expires_at__lt=now - KEEP_EXPIRED).delete()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    await OAuthState.create(
        state_hash=_digest(kind, token),
        discord_id=discord_id,
        environment=environment,
        expires_at=now + STATE_TTL,
    )
    return token


async def _use_up(kind: str, token: str, now: datetime, discord_id: int | None) -> OAuthState:
    """Mark the row single-use-consumed, refusing unknown, other-user, reused or expired."""
    if not is_token_shaped(token):
        raise UnknownStateError()
    row = await OAuthState.get_or_none(state_hash=_digest(kind, token))
    if row is None:
        raise UnknownStateError()
    if discord_id is not None and row.discord_id != discord_id:
        raise WrongUserError()  # not theirs to burn: the owner's flow stays usable
    if row.used_at is not None:
        raise StateReusedError()
    if row.expires_at <= now:
        raise StateExpiredError()
    # Conditional update: of two concurrent uses, exactly one changes the row.
    changed = await OAuthState.filter(id=row.id, used_at=None).update(used_at=now)
    if changed != 1:
        raise StateReusedError()
    return row


async def create_start_link(
    discord_id: int, environment: Environment, *, now: datetime | None = None
) -> StartLink:
    """A fresh one-time start link for the trader (valid for :data:`STATE_TTL`)."""
    moment = _now(now)
    token = await _create(_LINK, discord_id, environment, moment)
    return StartLink(token, discord_id, environment, moment + STATE_TTL)


async def begin_authorization(
    link_token: str, *, now: datetime | None = None
) -> PendingAuthorization:
    """Use up a start link and make the OAuth state for the authorize page."""
    moment = _now(now)
    row = await _use_up(_LINK, link_token, moment, None)
    environment = Environment(row.environment)
    state = await _create(_STATE, row.discord_id, environment, moment)
    return PendingAuthorization(state, row.discord_id, environment, moment + STATE_TTL)


async def state_owner(state: str | None) -> int | None:
    """The Discord id an OAuth state was made for (used or not), or None if unknown."""
    if state is None or not is_token_shaped(state):
        return None
    row = await OAuthState.get_or_none(state_hash=_digest(_STATE, state))
    return None if row is None else row.discord_id


async def consume_state(
    state: str, *, discord_id: int, now: datetime | None = None
) -> PendingAuthorization:
    """Use up an OAuth state returned by Tastytrade for ``discord_id``.

    Raises :class:`UnknownStateError`, :class:`WrongUserError` (made for someone else),
    :class:`StateReusedError` or :class:`StateExpiredError`.
    """
    moment = _now(now)
    row = await _use_up(_STATE, state, moment, discord_id)
    return PendingAuthorization(state, row.discord_id, Environment(row.environment), row.expires_at)


async def discard_pending(discord_id: int, environment: Environment | None = None) -> int:
    """Delete the trader's links and states (``/forget``); returns how many."""
    query = OAuthState.filter(discord_id=discord_id)
    if environment is not None:
        query = query.filter(environment=environment)
    return await query.delete()
