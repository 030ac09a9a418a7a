"""What the trader may read about their syncs: per-account status, past runs, a run's errors.

Every query is scoped by the acting trader's Discord id: another trader's run id reads as
not found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.db.models import BrokerAccount, SyncError, SyncRun, SyncStatus
from services.environment import Environment
from services.errors import NotFoundError, ValidationError

HISTORY_RUNS = 20  # /sync history shows this many recent runs
RUNS_PER_PAGE = 5
MAX_RUN_ID = 2**31 - 1


@dataclass(frozen=True)
class AccountSyncStatus:
    environment: Environment
    account_number: str
    nickname: str
    is_closed: bool
    last_synced_at: datetime | None
    last_sync_status: str | None
    last_sync_error: str | None


@dataclass(frozen=True)
class RunSummary:
    run_id: int
    trigger: str
    status: SyncStatus
    started_at: datetime
    finished_at: datetime | None
    counts: dict[str, int]


@dataclass(frozen=True)
class RunError:
    stage: str
    account_number: str | None
    message: str
    retryable: bool
    attempts: int


@dataclass(frozen=True)
class HistoryPage:
    runs: tuple[RunSummary, ...]
    page: int  # 1-based
    pages: int
    total: int


def _summary(run: SyncRun) -> RunSummary:
    counts = {key: int(value) for key, value in (run.counts or {}).items()}
    return RunSummary(run.id, run.trigger, run.status, run.started_at, run.finished_at, counts)


async def account_statuses(discord_id: int) -> tuple[AccountSyncStatus, ...]:
    """The trader's accounts with when and how each was last synced."""
    rows = await BrokerAccount.filter(trader__discord_id=discord_id).order_by(
        "environment", "account_number"
    )
    return tuple(
        AccountSyncStatus(
            environment=row.environment,
            account_number=row.account_number,
            nickname=row.nickname,
            is_closed=row.is_closed,
            last_synced_at=row.last_synced_at,
            last_sync_status=row.last_sync_status,
            last_sync_error=row.last_sync_error,
        )
        for row in rows
    )


async def sync_history(discord_id: int, page: int = 1) -> HistoryPage:
    """One page of the trader's most recent runs (newest first, 20 at most in all)."""
    total = min(await SyncRun.filter(trader__discord_id=discord_id).count(), HISTORY_RUNS)
    pages = max(1, -(-total // RUNS_PER_PAGE))
    if not 1 <= page <= pages:
        raise ValidationError(f"Choose a page from 1 to {pages}.")
    offset = (page - 1) * RUNS_PER_PAGE
    runs = (
        await SyncRun.filter(trader__discord_id=discord_id)
        .order_by("-id")
        .offset(offset)
        .limit(min(RUNS_PER_PAGE, total - offset))
    )
    return HistoryPage(tuple(_summary(run) for run in runs), page, pages, total)


async def latest_run(discord_id: int) -> RunSummary | None:
    run = await SyncRun.filter(trader__discord_id=discord_id).order_by("-id").first()
    return _summary(run) if run is not None else None


async def run_errors(
    discord_id: int, run_id: int | None = None
) -> tuple[RunSummary, tuple[RunError, ...]]:
    """A run of the trader's (the latest one with errors when ``run_id`` is None) and its
    errors."""
    runs = SyncRun.filter(trader__discord_id=discord_id)
    if run_id is None:
        run = await runs.filter(errors__id__isnull=False).order_by("-id").first()
        if run is None:
            raise NotFoundError("None of your syncs had errors.")
    else:
        if not 0 < run_id <= MAX_RUN_ID:
            raise NotFoundError(f"You have no sync #{run_id}.")
        run = await runs.get_or_none(id=run_id)
        if run is None:
            raise NotFoundError(f"You have no sync #{run_id}.")
    errors = await SyncError.filter(sync_run=run).order_by("id")
    return _summary(run), tuple(
        RunError(e.stage, e.account_number, e.message, e.retryable, e.attempts) for e in errors
    )
