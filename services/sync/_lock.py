"""One sync per trader at a time.

On Postgres the lock is a session advisory lock (``pg_try_advisory_lock``) held on a
connection of its own for the length of the sync, so it holds across every process that
shares the database and is released by Postgres if the holder dies. SQLite is an embedded,
single-process database: there the lock lives in this process (the asyncio equivalent of a
non-blocking lock: test and set with no await in between).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from tortoise import connections
from tortoise.backends.base_postgres.client import BasePostgresClient

from services.errors import SyncInProgressError

log = logging.getLogger(__name__)

LOCK_NAMESPACE = "tastybot.sync.trader"
_CONNECT_OPTIONS = ("ssl", "timeout", "command_timeout")

# SQLite: the traders whose sync runs in this process.
_running_here: set[int] = set()


def advisory_key(discord_id: int) -> int:
    """A stable signed 64-bit key for the trader (Postgres advisory locks take a bigint)."""
    digest = hashlib.blake2b(f"{LOCK_NAMESPACE}:{discord_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


async def _lock_connection(client: BasePostgresClient) -> asyncpg.Connection:
    """A connection outside the ORM's pool: holding the lock must not take a pooled slot."""
    options = {key: client.extra[key] for key in _CONNECT_OPTIONS if key in client.extra}
    connection: asyncpg.Connection = await asyncpg.connect(
        host=client.host,
        port=client.port,
        user=client.user,
        password=client.password,
        database=client.database,
        **options,
    )
    return connection


@asynccontextmanager
async def trader_sync_lock(discord_id: int) -> AsyncIterator[None]:
    """Hold the trader's sync lock, or raise :class:`SyncInProgressError` at once."""
    client = connections.get("default")
    if not isinstance(client, BasePostgresClient):
        if discord_id in _running_here:
            raise SyncInProgressError()
        _running_here.add(discord_id)
        try:
            yield
        finally:
            _running_here.discard(discord_id)
        return
    key = advisory_key(discord_id)
    connection = await _lock_connection(client)
    try:
        if not await connection.fetchval("SELECT pg_try_advisory_lock($1)", key):
            raise SyncInProgressError()
        try:
            yield
        finally:
            await connection.execute("SELECT pg_advisory_unlock($1)", key)
    finally:
        # Closing also releases the lock should the unlock above have been interrupted.
        try:
            await connection.close(timeout=5)
        except BaseException:
            connection.terminate()
            raise
