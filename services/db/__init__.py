"""Database: Tortoise models, connection setup and migrations."""

from services.db.setup import (
    DatabaseKind,
    apply_migrations,
    close_db,
    connect_db,
    database_address,
    database_kind,
    db_is_reachable,
    init_db,
    tortoise_config,
)

__all__ = [
    "DatabaseKind",
    "apply_migrations",
    "close_db",
    "connect_db",
    "database_address",
    "database_kind",
    "db_is_reachable",
    "init_db",
    "tortoise_config",
]
