"""Connecting Tortoise to SQLite or Postgres, and applying the checked-in migrations."""

from __future__ import annotations

import logging
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tortoise import Tortoise, connections
from tortoise.migrations.api import migrate as tortoise_migrate

from services.errors import ConfigurationError

log = logging.getLogger(__name__)

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
    if kind is DatabaseKind.POSTGRES and not urlsplit(url).hostname:
        raise ConfigurationError("DATABASE_URL names no Postgres host")
    return kind


def normalise_url(url: str) -> str:
    """Map the URL forms Heroku and libpq use onto the ones Tortoise understands."""
    kind = database_kind(url)
    if kind is DatabaseKind.POSTGRES:
        rest = url.split("://", 1)[1]
        return f"postgres://{rest}"
    path = url.split("://", 1)[1]
    if path not in (":memory:", "") and not path.startswith("file:"):
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return url


def tortoise_config(url: str) -> dict[str, Any]:
    """The Tortoise configuration for our single app, with its migrations package."""
    return {
        "connections": {"default": normalise_url(url)},
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
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    log.info("database ready (%s)", database_kind(url).value)


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
