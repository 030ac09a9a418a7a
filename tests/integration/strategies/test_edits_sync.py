"""Edits on groups the grouping engine made from a synced simulator history: a later refresh
(what every sync runs) keeps the trader's edits and has nothing to correct, before and after
they are undone."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import AsyncIterator

import pytest
from integration.strategies.edits_world import members_of, restored, snapshot
from support.sync_world import link_and_sync

from services.broker.client import RetryPolicy
from services.db.models import GroupMember, StrategyGroup
from services.strategies import edits
from services.strategies.grouping import refresh_groups
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

TRADER = 1001
FAST = RetryPolicy(attempts=3, initial_wait=0.01, max_wait=0.05, jitter=0.01, request_timeout=5)


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, transactions=300) as running:
        yield running


@pytest.fixture
async def grouped(database: str, sim: RunningSimulator) -> int:
    await link_and_sync(Vault([generate_key()]), sim, TRADER, FAST)  # the sync groups too
    await refresh_groups(TRADER)
    assert await StrategyGroup.filter(trader__discord_id=TRADER).exists()
    return TRADER


async def test_a_refresh_keeps_edits_and_their_undo_and_has_nothing_to_correct(
    grouped: int,
) -> None:
    before = await snapshot(TRADER)
    places: dict[tuple[int | None, str], list[int]] = defaultdict(list)
    for group in await StrategyGroup.filter(trader__discord_id=TRADER).order_by("id"):
        places[(group.account_id, group.underlying)].append(group.id)  # type: ignore[attr-defined]
    pair = next(ids[:2] for ids in places.values() if len(ids) >= 2)
    sizes = Counter(
        member.group_id  # type: ignore[attr-defined]
        for member in await GroupMember.filter(group__trader__discord_id=TRADER)
    )
    big = next(group_id for group_id, size in sizes.items() if size >= 3 and group_id not in pair)

    merged = await edits.merge_groups(TRADER, pair)
    split = await edits.split_group(TRADER, big, (await members_of(big))[:1])
    edited = await snapshot(TRADER)

    assert not (await refresh_groups(TRADER)).changed
    assert await snapshot(TRADER) == edited
    assert merged.group_id == pair[0] and split.group_id not in pair

    await edits.undo(TRADER)
    await edits.undo(TRADER)
    assert not (await refresh_groups(TRADER)).changed
    assert await restored(TRADER, before)
