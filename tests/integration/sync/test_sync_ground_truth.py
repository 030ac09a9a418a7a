"""A full sync against the simulator with the real SDK equals the simulator's ground truth;
a second sync adds nothing; new trades appear after the next sync."""

from __future__ import annotations

from support.sync_world import compare

from services.db.models import BrokerAccount, SyncRun, SyncStatus, Transaction
from services.sync import AccountStatus, SyncStage
from simulator.server import RunningSimulator

from .conftest import TRADER, SyncOnce


async def test_first_sync_equals_the_ground_truth(
    sim: RunningSimulator, linked: int, sync_once: SyncOnce
) -> None:
    result = await sync_once()

    assert result.status is SyncStatus.SUCCEEDED
    assert {outcome.account_number for outcome in result.accounts} == {
        "5WT00001", "5WT00002", "5WT00003", "5WZ00001", "5WZ00002", "5WZ00003",
    }
    assert all(outcome.status is AccountStatus.SUCCEEDED for outcome in result.accounts)
    comparison = await compare(sim, TRADER)
    assert comparison.equal, comparison.details
    assert comparison.transactions == result.new > 400
