"""Connecting Tortoise to SQLite or Postgres, and applying the checked-in migrations."""

from __future__ import annotations

import logging
import os
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_delay,
    wait_exponential_jitter,
)
from tortoise import Tortoise, connections
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.exceptions import DBConnectionError
from tortoise.migrations.api import migrate as tortoise_migrate

from services.errors import ConfigurationError, DatabaseUnavailableError

log = logging.getLogger(__name__)

# One connection attempt, and any single statement: a server that accepts connections but
# never answers (a frozen proxy) fails the statement instead of hanging its caller.
CONNECT_TIMEOUT_S = 5
COMMAND_TIMEOUT_S = 15
# libpq's sslmode values; asyncpg takes the same names.
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
# Failures that mean "not reachable yet" (retried at start-up), not "misconfigured".
UNREACHABLE_ERRORS: tuple[type[BaseException], ...] = (OSError, TimeoutError, DBConnectionError)

MODELS_MODULE = "services.db.models"
MIGRATIONS_MODULE = "services.db.migrations"
APP_LABEL = "models"


class DatabaseKind(StrEnum):
    SQLITE = "sqlite"
    POSTGRES = "postgres"


_SCHEMES = {
    "sqlite": DatabaseKind.SQLITE,
    "postgres": DatabaseKind.POSTGRES,
    "postgresql": DatabaseKind.POSTGRES,
    "asyncpg": DatabaseKind.POSTGRES,
}


def database_kind(url: str) -> DatabaseKind:
    """Which database a URL points at; a ConfigurationError names the bad variable otherwise."""
    scheme = urlsplit(url).scheme.lower()
    kind = _SCHEMES.get(scheme)
    if kind is None:
        raise ConfigurationError(
            "DATABASE_URL must start with sqlite:// or postgres:// "
            f"(got a URL with scheme {scheme!r})"
            if scheme
            else "DATABASE_URL is not a URL; use sqlite://./data/tastybot.sqlite3 or postgres://..."
        )
    if kind is DatabaseKind.POSTGRES:
        parts = urlsplit(url)
        if not parts.hostname:
            raise ConfigurationError("DATABASE_URL names no Postgres host")
        try:
            parts.port  # noqa: B018 - raises ValueError on a malformed or out-of-range port
        except ValueError:
            raise ConfigurationError(
                "DATABASE_URL has a malformed port (a number from 1 to 65535)"
            ) from None
        sslmode = parse_qs(parts.query).get("sslmode", ["prefer"])[-1]
        if sslmode not in SSL_MODES:
            raise ConfigurationError(f"DATABASE_URL sslmode must be one of {', '.join(SSL_MODES)}")
    return kind


def database_address(url: str) -> str:
    """Where a URL points, safe to show: ``host:port`` for Postgres, the file for SQLite
    (never the user name or password)."""
    parts = urlsplit(url)
    if database_kind(url) is DatabaseKind.SQLITE:
        return url.split("://", 1)[1] or ":memory:"
    return f"{parts.hostname}:{parts.port or 5432}"


def normalise_url(url: str) -> str:
    """Map the URL forms Heroku and libpq use onto the ones Tortoise understands."""
    kind = database_kind(url)
    if kind is DatabaseKind.POSTGRES:
        rest = url.split("://", 1)[1]
        return f"postgres://{rest}"
    path = url.split("://", 1)[1]
    if path not in (":memory:", "") and not path.startswith("file:"):
        _create_private_file(Path(path).expanduser())
    return url


def _create_private_file(path: Path) -> None:
    """The SQLite file holds vault ciphertext and trading data: a new directory is 0700 and
    the file 0600 (an existing file is tightened to 0600)."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(descriptor)
    os.chmod(path, 0o600)


async def keep_session_state(connection: Any) -> None:
    """The pool's reset of a released connection, which asyncpg by default does with one more
    statement per query (advisory unlock, CLOSE ALL, UNLISTEN, RESET ALL). Nothing here leaves
    session state on a pooled connection (no SET, LISTEN or cursors; the sync lock's advisory
    lock lives on a connection of its own), and asyncpg still rolls back a transaction left
    open before calling this, so there is nothing to reset."""


def postgres_credentials(url: str) -> dict[str, Any]:
    """Tortoise's asyncpg credentials for a Postgres URL (Heroku's ``postgres://`` included):
    TLS from ``sslmode`` (Heroku Postgres needs ``require``), bounded connect and statement
    times, and the pool size from ``minsize``/``maxsize``."""
    database_kind(url)  # validates scheme, host, port and sslmode
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    credentials: dict[str, Any] = {
        "host": parts.hostname,
        "port": parts.port or 5432,
        "user": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password else None,
        "database": unquote(parts.path.lstrip("/")) or None,
        "minsize": int(query.get("minsize", 1)),
        "maxsize": int(query.get("maxsize", 5)),
        "timeout": CONNECT_TIMEOUT_S,
        "command_timeout": COMMAND_TIMEOUT_S,
        "reset": keep_session_state,
    }
    sslmode = query.get("sslmode")
    if sslmode is not None:
        credentials["ssl"] = sslmode
    return credentials


def _connection_config(url: str) -> str | dict[str, Any]:
    if database_kind(url) is DatabaseKind.POSTGRES:
        return {"engine": "tortoise.backends.asyncpg", "credentials": postgres_credentials(url)}
    return normalise_url(url)


def tortoise_config(url: str) -> dict[str, Any]:
    """The Tortoise configuration for our single app, with its migrations package."""
    return {
        "connections": {"default": _connection_config(url)},
        "apps": {
            APP_LABEL: {
                "models": [MODELS_MODULE],
                "migrations": MIGRATIONS_MODULE,
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


async def apply_migrations(url: str) -> None:
    """Apply every checked-in migration not yet applied (idempotent)."""
    await tortoise_migrate(config=tortoise_config(url))


async def init_db(url: str, *, migrate: bool = True) -> None:
    """Connect the ORM (global for this process) and bring the schema up to date."""
    if migrate:
        await apply_migrations(url)
        await Tortoise.close_connections()
    # Tortoise caches each model's prepared INSERT per connection *name*, not per database
    # kind: after a process used SQLite as "default", Postgres would get SQLite's `?`
    # placeholders. Start clean whenever the ORM is (re)connected.
    EXECUTOR_CACHE.clear()
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    log.info("database ready (%s)", database_kind(url).value)


async def connect_db(url: str, *, wait_s: float) -> None:
    """:func:`init_db`, retried with exponential backoff and jitter while the database is
    unreachable, for at most ``wait_s`` seconds; then one ``DatabaseUnavailableError`` that
    names the address (never the password) and the cause."""
    try:
        async for attempt in AsyncRetrying(
            stop=stop_after_delay(wait_s),
            wait=wait_exponential_jitter(multiplier=0.5, max=5, jitter=0.5),
            retry=retry_if_exception_type(UNREACHABLE_ERRORS),
            reraise=True,
        ):
            with attempt:
                if attempt.retry_state.attempt_number > 1:
                    log.warning(
                        "database at %s not reachable yet; attempt %d",
                        database_address(url),
                        attempt.retry_state.attempt_number,
                    )
                try:
                    await init_db(url)
                except BaseException:
                    await Tortoise.close_connections()
                    raise
    except UNREACHABLE_ERRORS as exc:
        raise DatabaseUnavailableError(
            f"the database at {database_address(url)} did not answer within {wait_s:g} s "
            f"({_reason(exc)})"
        ) from None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return type(exc).__name__


async def close_db() -> None:
    await Tortoise.close_connections()


async def db_is_reachable() -> bool:
    """True when a trivial query succeeds; used by the health check."""
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception:  # health checks report, they do not raise
        log.warning("database health check failed", exc_info=True)
        return False
    return True
