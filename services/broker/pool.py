"""Open SDK sessions kept for reuse, one per trader, environment and grant.

Opening a session costs an OAuth token refresh (a round trip) and a new HTTP connection; an
order touches Tastytrade several times in a few seconds, and a busy trader sends several
orders. The pool keeps each session open while it is used and closes it after ``idle_s``
without use. The grant is read from the database on every use (one small query), so a
relinked grant gets a new session and a forgotten one is refused at once; a session whose
grant Tastytrade rejects is dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from services.broker.client import BrokerClient, RetryPolicy, open_broker_client
from services.broker.credentials import load_connection
from services.broker.routing import BrokerRoute, OAuthClient
from services.db.models import BrokerCredential
from services.db.statements import Statement, fetch_rows
from services.environment import Environment
from services.errors import GrantMissingError
from services.vault import Vault

log = logging.getLogger(__name__)

IDLE_S = 600.0
_Key = tuple[int, Environment, str]


@dataclass
class _Entry:
    client: BrokerClient
    users: int = 0
    last_used: float = 0.0


# one row per environment at most (unique trader and environment)
_LIVE_GRANTS = Statement(
    """
    SELECT c.environment, c.id, c.refresh_token_encrypted
    FROM broker_credential c JOIN trader t ON t.id = c.trader_id
    WHERE t.discord_id = ? AND c.revoked_at IS NULL
    """
)


async def live_grants(
    discord_id: int, environments: tuple[Environment, ...]
) -> dict[Environment, tuple[int, str]]:
    """The trader's unrevoked grants of ``environments``: credential id and refresh-token
    ciphertext by environment. One small read for every environment a step uses; the pool
    makes it on every use (hand-written: :mod:`services.db.statements`)."""
    rows = await fetch_rows(BrokerCredential, _LIVE_GRANTS, discord_id)
    found = {Environment(row[0]): (int(row[1]), str(row[2])) for row in rows}
    return {environment: found[environment] for environment in environments if environment in found}


class ClientPool:
    """``async with pool.client(discord_id, environment) as client: ...``; ``await
    pool.close()`` at shutdown."""

    def __init__(
        self,
        vault: Vault,
        route: BrokerRoute,
        oauth_clients: dict[Environment, OAuthClient] | None = None,
        policy: RetryPolicy | None = None,
        *,
        idle_s: float = IDLE_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.vault = vault
        self.route = route
        self.oauth_clients = oauth_clients
        self.policy = policy or RetryPolicy()
        self.idle_s = idle_s
        self._clock = clock
        self._entries: dict[_Key, _Entry] = {}
        self._lock = asyncio.Lock()

    async def _keys(self, discord_id: int, environments: tuple[Environment, ...]) -> list[_Key]:
        found = await live_grants(discord_id, environments)
        keys = []
        for environment in environments:
            if environment not in found:
                raise GrantMissingError(environment)
            credential_id, refresh_token = found[environment]
            grant = hashlib.sha256(f"{credential_id}:{refresh_token}".encode()).hexdigest()
            keys.append((discord_id, environment, grant))
        return keys

    @asynccontextmanager
    async def client(
        self, discord_id: int, environment: Environment
    ) -> AsyncIterator[BrokerClient]:
        async with self.clients(discord_id, environment) as (client,):
            yield client

    @asynccontextmanager
    async def clients(
        self, discord_id: int, *environments: Environment
    ) -> AsyncIterator[tuple[BrokerClient, ...]]:
        """One session per environment, in order, their grants read in one query."""
        keys = await self._keys(discord_id, environments)
        async with contextlib.AsyncExitStack() as stack:
            yield tuple([await stack.enter_async_context(self._use(key)) for key in keys])

    @asynccontextmanager
    async def _use(self, key: _Key) -> AsyncIterator[BrokerClient]:
        discord_id, environment, _ = key
        async with self._lock:
            await self._evict(keep=key)
            entry = self._entries.get(key)
            if entry is None:
                connection = await load_connection(
                    self.vault, discord_id, environment, self.route, self.oauth_clients
                )
                entry = _Entry(open_broker_client(connection, self.policy))
                entry.client.warm_up()  # the sessions a step opens get their tokens at once
                self._entries[key] = entry
            entry.users += 1
        try:
            yield entry.client
        finally:
            entry.users -= 1
            entry.last_used = self._clock()
            if entry.client.grant_rejected:
                await self._drop(key, entry)

    async def _drop(self, key: _Key, entry: _Entry) -> None:
        """Forget a session whose grant Tastytrade rejected (closed once nobody uses it)."""
        async with self._lock:
            if self._entries.get(key) is entry:
                del self._entries[key]
            if entry.users == 0:
                await entry.client.close()

    async def _evict(self, *, keep: _Key) -> None:
        """Close sessions idle for ``idle_s`` and sessions of grants replaced since (the
        caller holds the lock)."""
        now = self._clock()
        for key, entry in list(self._entries.items()):
            replaced = key[:2] == keep[:2] and key != keep
            if entry.users == 0 and (replaced or now - entry.last_used > self.idle_s):
                del self._entries[key]
                await entry.client.close()

    async def close(self) -> None:
        async with self._lock:
            entries = list(self._entries.values())
            self._entries.clear()
        for entry in entries:
            try:
                await entry.client.close()
            except Exception:  # closing must go on for the others
                log.exception("closing a pooled Tastytrade session failed")
