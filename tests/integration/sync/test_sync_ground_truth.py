"""A full sync against the simulator with the real SDK equals the simulator's ground truth;
a second sync adds nothing; new trades appear after the next sync."""

from __future__ import annotations

from support.sync_world import compare

from services.db.models import BrokerAccount, SyncRun, SyncStatus, Transaction
from services.sync import AccountStatus, SyncProgress, SyncStage
from simulator.server import RunningSimulator

from .conftest import TRADER, SyncOnce, place_filled_order


async def test_first_sync_equals_the_ground_truth(
    sim: RunningSimulator, linked: int, sync_once: SyncOnce
) -> None:
    result = await sync_once()

    assert result.status is SyncStatus.SUCCEEDED
    assert {outcome.account_number for outcome in result.accounts} == {
        "5WT00001",
        "5WT00002",
        "5WT00003",
        "5WZ00001",
        "5WZ00002",
        "5WZ00003",
    }
    assert all(outcome.status is AccountStatus.SUCCEEDED for outcome in result.accounts)
    comparison = await compare(sim, TRADER)
    assert comparison.equal, comparison.details
    assert comparison.transactions == result.new > 400


async def test_a_second_sync_adds_nothing(
    sim: RunningSimulator, linked: int, sync_once: SyncOnce
) -> None:
    await sync_once()
    stored = await Transaction.all().count()
    accounts = await BrokerAccount.all().count()

    again = await sync_once()

    assert again.status is SyncStatus.SUCCEEDED
    assert (again.new, again.updated) == (0, 0)
    assert await Transaction.all().count() == stored
    assert await BrokerAccount.all().count() == accounts
    # incremental: one page per account (from the newest date minus the overlap window)
    assert all(outcome.pages == 1 for outcome in again.accounts)
    assert (await compare(sim, TRADER)).equal


async def test_a_new_trade_appears_after_the_next_sync(
    sim: RunningSimulator, linked: int, sync_once: SyncOnce
) -> None:
    await sync_once()
    order_id = await place_filled_order(sim)

    result = await sync_once()

    assert result.new >= 1
    stored = await Transaction.filter(order_id=order_id).values_list("symbol", flat=True)
    assert stored == ["AAPL"]
    comparison = await compare(sim, TRADER)
    assert comparison.equal, comparison.details


async def test_progress_reports_every_stage_with_running_totals(
    linked: int, sync_once: SyncOnce
) -> None:
    seen: list[SyncProgress] = []

    async def progress(update: SyncProgress) -> None:
        seen.append(update)

    result = await sync_once(progress=progress)

    stages = [update.stage for update in seen]
    assert stages[0] is SyncStage.ACCOUNTS and stages[-1] is SyncStage.DONE
    for stage in (SyncStage.BALANCES, SyncStage.POSITIONS, SyncStage.TRANSACTIONS):
        assert stages.count(stage) >= 6  # every account of both environments
    assert seen[-1].accounts == seen[-1].accounts_done == 6
    assert (seen[-1].pages, seen[-1].new) == (result.pages, result.new)
    assert [update.new for update in seen] == sorted(update.new for update in seen)


async def test_one_account_can_be_synced_alone(linked: int, sync_once: SyncOnce) -> None:
    await sync_once()

    result = await sync_once(account=" 5wt00002 ")

    assert [outcome.account_number for outcome in result.accounts] == ["5WT00002"]
    run = await SyncRun.get(id=result.run_id)
    assert run.counts["accounts"] == 1


async def test_a_failing_progress_callback_does_not_stop_the_sync(
    sim: RunningSimulator, linked: int, sync_once: SyncOnce
) -> None:
    async def broken(update: SyncProgress) -> None:
        raise RuntimeError("the message was deleted")

    result = await sync_once(progress=broken)

    assert result.status is SyncStatus.SUCCEEDED
    assert (await compare(sim, TRADER)).equal
