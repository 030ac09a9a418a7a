"""Syncing a trader's Tastytrade accounts into the database (see ``_engine`` for the stages)."""

from services.db.models import SyncStatus
from services.sync._engine import clean_account_number, sync_trader
from services.sync._lock import advisory_key
from services.sync._model import (
    AccountOutcome,
    AccountStatus,
    ProgressCallback,
    RefreshHook,
    SyncProgress,
    SyncResult,
    SyncStage,
    SyncTrigger,
)

__all__ = [
    "AccountOutcome",
    "AccountStatus",
    "ProgressCallback",
    "RefreshHook",
    "SyncProgress",
    "SyncResult",
    "SyncStage",
    "SyncStatus",
    "SyncTrigger",
    "advisory_key",
    "clean_account_number",
    "sync_trader",
]
