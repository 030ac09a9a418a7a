"""``sync_trader``: one trader's Tastytrade accounts into the database, completely or not at all
per account, never twice at once, with every failure recorded and told.

Stages, per linked environment: accounts -> (per account, all accounts at once) balances ->
positions with marks -> transactions (every page; from the newest stored date minus an overlap
window, or the whole history the first time) -> store (one database transaction per account)
-> the P&L/strategy refresh hook. Broker calls go through :class:`BrokerClient`, which retries
reads with backoff and jitter; what still fails becomes a SyncError row and a notice.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from tastytrade import Account, Session

from services.broker.client import BrokerClient, RetryPolicy, broker_client
from services.broker.credentials import load_connection
from services.broker.routing import BrokerConnection, BrokerRoute, OAuthClient
from services.db.models import (
    BrokerAccount,
    BrokerCredential,
    SyncError,
    SyncRun,
    SyncStatus,
    Trader,
)
from services.environment import Environment
from services.errors import (
    AuthExpiredError,
    BrokerUnavailableError,
    NotFoundError,
    NotLinkedError,
    TastybotError,
    ValidationError,
)
from services.notify.events import Notice, Notifier
from services.preferences import preferences_of
from services.redaction import redact
from services.strategies.grouping import refresh_after_sync
from services.sync import _notices as notices
from services.sync._fetch import FetchedAccount, fetch_account
from services.sync._lock import trader_sync_lock
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
from services.sync._store import (
    mark_account_failed,
    store_account,
    transactions_since,
    uninterrupted,
    upsert_accounts,
)
from services.traders import existing_trader
from services.vault import Vault

log = logging.getLogger(__name__)

ACCOUNT_NUMBER = re.compile(r"[A-Za-z0-9-]{1,32}")
MAX_ERROR_CHARS = 500
EXCHANGE_TIME = ZoneInfo("America/New_York")
OPTION_TYPES = frozenset({"Equity Option", "Future Option"})
INTERRUPTED = "The sync stopped before it finished (the bot was stopped or restarted)."
CANCELLED = "The sync was cancelled before it finished; nothing partial was kept."


def _now() -> datetime:
    return datetime.now(UTC)


def clean_account_number(text: str | None) -> str | None:
    """An account number as typed, checked (None: every account)."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    if not ACCOUNT_NUMBER.fullmatch(text):
        raise ValidationError("That is not an account number (letters and digits, like 5WT00001).")
    return text.upper()


def _message(error: BaseException) -> str:
    text = error.user_message if isinstance(error, TastybotError) else "Unexpected error."
    return redact(text)[:MAX_ERROR_CHARS]


@dataclass
class _RunState:
    """What one sync has done so far (shared by its account tasks)."""

    trader: Trader
    run: SyncRun
    progress: ProgressCallback | None
    policy: RetryPolicy | None
    accounts: int = 0
    accounts_done: int = 0
    pages: int = 0
    new: int = 0
    updated: int = 0
    balances: int = 0
    positions: int = 0
    outcomes: list[AccountOutcome] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rejected: set[Environment] = field(default_factory=set)
    expiring: list[notices.ExpiringOption] = field(default_factory=list)
    assignments: list[notices.Assignment] = field(default_factory=list)

    async def report(
        self,
        stage: SyncStage,
        environment: Environment | None = None,
        account_number: str | None = None,
    ) -> None:
        if self.progress is None:
            return
        snapshot = SyncProgress(
            stage=stage,
            accounts=self.accounts,
            accounts_done=self.accounts_done,
            pages=self.pages,
            new=self.new,
            updated=self.updated,
            environment=environment,
            account_number=account_number,
        )
        try:
            await self.progress(snapshot)
        except Exception:  # a progress message that cannot be edited must not stop a sync
            log.warning("sync progress callback failed", exc_info=True)

    async def record_error(
        self,
        stage: SyncStage,
        error: BaseException,
        *,
        account_number: str | None = None,
        attempts: int = 1,
    ) -> str:
        message = _message(error)
        where = f"{account_number}: " if account_number else ""
        self.errors.append(f"{where}{message}")
        await SyncError.create(
            sync_run=self.run,
            stage=stage.value,
            account_number=account_number,
            message=message,
            retryable=isinstance(error, BrokerUnavailableError),
            attempts=max(1, attempts),
        )
        return message

    def counts(self) -> dict[str, int]:
        return {
            "accounts": self.accounts,
            "accounts_synced": sum(
                1 for outcome in self.outcomes if outcome.status is AccountStatus.SUCCEEDED
            ),
            "balances": self.balances,
            "positions": self.positions,
            "pages": self.pages,
            "transactions_new": self.new,
            "transactions_updated": self.updated,
            "errors": len(self.errors),
        }


async def _list_accounts(session: Session) -> list[Account]:
    return await Account.get(session)


async def _close_interrupted_runs(trader: Trader) -> None:
    """Runs still marked running belong to a process that stopped mid-sync (we hold the
    lock, so no other sync of this trader is alive): close them as failed."""
    for run in await SyncRun.filter(trader=trader, status=SyncStatus.RUNNING):
        run.status = SyncStatus.FAILED
        run.finished_at = _now()
        await run.save(update_fields=["status", "finished_at"])
        await SyncError.create(sync_run=run, stage="run", message=INTERRUPTED, retryable=True)


async def _sync_account(
    state: _RunState,
    connection: BrokerConnection,
    row: BrokerAccount,
    account: Account,
) -> None:
    environment = connection.environment
    number = account.account_number
    stage = SyncStage.BALANCES
    next_stage = {
        SyncStage.BALANCES: SyncStage.POSITIONS,
        SyncStage.POSITIONS: SyncStage.TRANSACTIONS,
        SyncStage.TRANSACTIONS: SyncStage.TRANSACTIONS,
    }

    async def stage_done(done: SyncStage, pages: int) -> None:
        nonlocal stage
        stage = next_stage[done]
        state.pages += pages
        await state.report(done, environment, number)

    client: BrokerClient | None = None
    try:
        since = await transactions_since(row)
        async with broker_client(connection, state.policy) as client:
            fetched = await fetch_account(client, account, since, stage_done)
        stage = SyncStage.STORE
        stored = await uninterrupted(store_account(row, fetched, state.run))
    except Exception as error:
        if not isinstance(error, TastybotError):
            log.exception("sync of account %s failed unexpectedly", number)
        attempts = client.attempts if client is not None else 1
        message = await state.record_error(stage, error, account_number=number, attempts=attempts)
        if isinstance(error, AuthExpiredError):
            state.rejected.add(environment)
        await mark_account_failed(row, message)
        state.outcomes.append(
            AccountOutcome(environment, number, AccountStatus.FAILED, error=message)
        )
        state.accounts_done += 1
        return
    state.balances += 1
    state.positions += stored.positions
    state.new += stored.new
    state.updated += stored.updated
    state.accounts_done += 1
    state.outcomes.append(
        AccountOutcome(
            environment,
            number,
            AccountStatus.SUCCEEDED,
            positions=stored.positions,
            pages=fetched.pages,
            new=stored.new,
            updated=stored.updated,
        )
    )
    _collect_news(state, environment, fetched, set(stored.new_ids))
    await state.report(SyncStage.STORE, environment, number)


def _collect_news(
    state: _RunState, environment: Environment, fetched: FetchedAccount, new_ids: set[int]
) -> None:
    number = fetched.account.account_number
    for position in fetched.positions:
        if position.expires_at is None or position.instrument_type.value not in OPTION_TYPES:
            continue
        state.expiring.append(
            notices.ExpiringOption(
                environment=environment,
                account_number=number,
                symbol=position.symbol,
                quantity=f"{position.quantity.normalize():f} {position.quantity_direction}",
                expires_on=position.expires_at.astimezone(EXCHANGE_TIME).date(),
            )
        )
    for transaction in fetched.transactions:
        if (
            transaction.id in new_ids
            and transaction.transaction_sub_type in notices.ASSIGNMENT_SUB_TYPES
        ):
            state.assignments.append(
                notices.Assignment(
                    environment=environment,
                    account_number=number,
                    tastytrade_id=transaction.id,
                    sub_type=transaction.transaction_sub_type,
                    symbol=transaction.symbol,
                    description=transaction.description,
                    executed_at=transaction.executed_at.astimezone(UTC),
                )
            )


async def _sync_environment(
    state: _RunState,
    environment: Environment,
    account_number: str | None,
    connect: Callable[[Environment], Awaitable[BrokerConnection]],
) -> None:
    attempts = 1
    try:
        connection = await connect(environment)
        async with broker_client(connection, state.policy) as client:
            try:
                accounts = await client.call(_list_accounts)
            finally:
                attempts = client.attempts
    except Exception as error:
        if not isinstance(error, TastybotError):
            log.exception("listing %s accounts failed unexpectedly", environment.value)
        message = await state.record_error(SyncStage.ACCOUNTS, error, attempts=attempts)
        if isinstance(error, AuthExpiredError):
            state.rejected.add(environment)
        for row in await BrokerAccount.filter(trader=state.trader, environment=environment):
            await mark_account_failed(row, message)
        return
    rows = await uninterrupted(upsert_accounts(state.trader, environment, accounts))
    targets = [
        account
        for account in accounts
        if not account.is_closed and account_number in (None, account.account_number)
    ]
    state.accounts += len(targets)
    await state.report(SyncStage.ACCOUNTS, environment)
    async with asyncio.TaskGroup() as group:
        for account in targets:
            group.create_task(
                _sync_account(state, connection, rows[account.account_number], account)
            )


def _status(state: _RunState) -> SyncStatus:
    if not state.errors:
        return SyncStatus.SUCCEEDED
    if any(outcome.status is AccountStatus.SUCCEEDED for outcome in state.outcomes):
        return SyncStatus.PARTIAL
    return SyncStatus.FAILED


async def _finish(state: _RunState, status: SyncStatus) -> None:
    state.run.status = status
    state.run.finished_at = _now()
    state.run.counts = state.counts()
    await state.run.save(update_fields=["status", "finished_at", "counts"])


async def _previous_status(state: _RunState) -> SyncStatus | None:
    previous = (
        await SyncRun.filter(trader=state.trader, id__lt=state.run.id)
        .exclude(status=SyncStatus.RUNNING)
        .order_by("-id")
        .first()
    )
    return previous.status if previous is not None else None


async def _notices_for(state: _RunState, status: SyncStatus, discord_id: int) -> list[Notice]:
    found: list[Notice] = []
    run_id = state.run.id
    for environment in sorted(state.rejected):
        found.append(notices.credentials_rejected(discord_id, run_id, environment))
    if status is not SyncStatus.SUCCEEDED:
        found.append(notices.sync_failed(discord_id, run_id, status, state.errors))
    elif await _previous_status(state) in (SyncStatus.FAILED, SyncStatus.PARTIAL):
        found.append(notices.sync_recovered(discord_id, run_id))
    now = _now()  # one clock for the run's notices
    today = now.astimezone(EXCHANGE_TIME).date()
    days = (await preferences_of(discord_id)).expiry_warning_days
    for option in notices.expiring_within(state.expiring, today, days):
        found.append(notices.options_expiring(discord_id, option, today))
    for assignment in state.assignments:
        if notices.is_news(assignment, now):
            found.append(notices.assignment_detected(discord_id, assignment))
    return found


async def sync_trader(
    discord_id: int,
    *,
    trigger: SyncTrigger,
    vault: Vault,
    route: BrokerRoute,
    oauth_clients: dict[Environment, OAuthClient] | None = None,
    notifier: Notifier | None = None,
    progress: ProgressCallback | None = None,
    account: str | None = None,
    policy: RetryPolicy | None = None,
    after_sync: RefreshHook = refresh_after_sync,
) -> SyncResult:
    """Sync every environment the trader linked (only ``account`` when given).

    Raises NotLinkedError (nothing linked), NotFoundError (``account`` is not theirs),
    ValidationError (malformed ``account``) or SyncInProgressError (a sync of this trader is
    running, here or in another process). Broker failures do not raise: they are recorded
    (SyncError rows, the account's last_sync_error), told through ``notifier`` and reported in
    the result. Cancelling the task keeps every account either fully stored or untouched.
    """
    account_number = clean_account_number(account)
    trader = await existing_trader(discord_id)
    if trader is None:
        raise NotLinkedError()
    credentials = await BrokerCredential.filter(trader=trader, revoked_at=None).order_by(
        "environment"
    )
    if not credentials:
        raise NotLinkedError()
    if account_number is not None and not await BrokerAccount.exists(
        trader=trader, account_number=account_number
    ):
        raise NotFoundError(f"You have no synced account {account_number}; run /sync first.")

    async def connect(environment: Environment) -> BrokerConnection:
        return await load_connection(vault, discord_id, environment, route, oauth_clients)

    async with trader_sync_lock(discord_id):
        await _close_interrupted_runs(trader)
        run = await SyncRun.create(
            trader=trader, trigger=trigger.value, status=SyncStatus.RUNNING, started_at=_now()
        )
        state = _RunState(trader=trader, run=run, progress=progress, policy=policy)
        try:
            for credential in credentials:
                await _sync_environment(state, credential.environment, account_number, connect)
            await _hand_off(state, discord_id, after_sync)
            status = _status(state)
            await _finish(state, status)
        except asyncio.CancelledError:
            state.errors.append(CANCELLED)
            await SyncError.create(sync_run=run, stage="run", message=CANCELLED, retryable=True)
            await _finish(state, SyncStatus.FAILED)
            raise
        for credential in credentials:
            if credential.environment not in state.rejected and any(
                outcome.environment is credential.environment
                and outcome.status is AccountStatus.SUCCEEDED
                for outcome in state.outcomes
            ):
                credential.last_ok_at = run.finished_at
                await credential.save(update_fields=["last_ok_at"])
        found = await _notices_for(state, status, discord_id)
    await state.report(SyncStage.DONE)
    await notices.deliver(notifier, found)
    assert run.finished_at is not None
    return SyncResult(
        run_id=run.id,
        trigger=trigger,
        status=status,
        started_at=run.started_at,
        finished_at=run.finished_at,
        accounts=tuple(
            sorted(state.outcomes, key=lambda item: (item.environment.value, item.account_number))
        ),
        errors=tuple(state.errors),
    )


async def _hand_off(state: _RunState, discord_id: int, after_sync: RefreshHook) -> None:
    """Hand the accounts that synced to strategy grouping (a failure there is recorded; the
    stored sync data stays). The hook decides what to do when nothing changed."""
    synced = tuple(
        outcome for outcome in state.outcomes if outcome.status is AccountStatus.SUCCEEDED
    )
    if not synced:
        return
    try:
        await after_sync(discord_id, synced)
    except Exception as error:
        log.exception("the post-sync refresh failed")
        await state.record_error(SyncStage.REFRESH, error)
    await state.report(SyncStage.REFRESH)
