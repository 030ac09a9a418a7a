"""What a sync reports, as plain values: progress while it runs, the result when it ends."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from services.db.models import SyncStatus
from services.environment import Environment


class SyncTrigger(StrEnum):
    MANUAL = "manual"  # /sync
    LAUNCH = "launch"  # sync on launch
    RETRY = "retry"  # the Retry button under a failed sync


class SyncStage(StrEnum):
    ACCOUNTS = "accounts"
    BALANCES = "balances"
    POSITIONS = "positions"
    TRANSACTIONS = "transactions"
    STORE = "store"
    REFRESH = "refresh"
    DONE = "done"


class AccountStatus(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@dataclass(frozen=True)
class SyncProgress:
    """Where a running sync is; sent to the progress callback as each stage finishes.
    ``pages``, ``new`` and ``updated`` are totals over the whole sync so far."""

    stage: SyncStage
    accounts: int
    accounts_done: int
    pages: int
    new: int
    updated: int
    environment: Environment | None = None
    account_number: str | None = None


ProgressCallback = Callable[[SyncProgress], Awaitable[None]]


@dataclass(frozen=True)
class AccountOutcome:
    """How one account's sync ended. Counts are transaction rows; ``positions`` is the size
    of the stored snapshot."""

    environment: Environment
    account_number: str
    status: AccountStatus
    positions: int = 0
    pages: int = 0
    new: int = 0
    updated: int = 0
    error: str | None = None


@dataclass(frozen=True)
class SyncResult:
    """One finished sync of one trader."""

    run_id: int
    trigger: SyncTrigger
    status: SyncStatus
    started_at: datetime
    finished_at: datetime
    accounts: tuple[AccountOutcome, ...]
    errors: tuple[str, ...]

    @property
    def new(self) -> int:
        return sum(outcome.new for outcome in self.accounts)

    @property
    def updated(self) -> int:
        return sum(outcome.updated for outcome in self.accounts)

    @property
    def pages(self) -> int:
        return sum(outcome.pages for outcome in self.accounts)


# What runs after a sync with the accounts that synced: strategy grouping
# (services.strategies.grouping.refresh_after_sync).
RefreshHook = Callable[[int, tuple[AccountOutcome, ...]], Awaitable[None]]
