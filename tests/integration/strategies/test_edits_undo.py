"""Undo and redo of strategy edits: the order they step in, the redo branch a new edit
discards, survival across a restart, one trader's history out of another's reach, concurrent
edits of one trader, and edits that can no longer be applied."""

from __future__ import annotations

import asyncio

import pytest
from integration.strategies.edits_world import World, build_world, members_of, restored, snapshot

from services.db import close_db, init_db
from services.db.models import EditEvent, EditState, GroupMember, StrategyGroup
from services.errors import NotFoundError, ValidationError
from services.strategies import edits

TRADER = 1001
OTHER = 2002


@pytest.fixture
async def world(database: str) -> World:
    return await build_world(TRADER)


async def states() -> list[tuple[int, str]]:
    return [
        (e.seq, e.state) for e in await EditEvent.filter(trader__discord_id=TRADER).order_by("seq")
    ]


async def test_undo_steps_back_newest_first_and_redo_replays_oldest_first(world: World) -> None:
    start = await snapshot(TRADER)
    await edits.rename_group(TRADER, world.qqq.id, "Tech")
    after_one = await snapshot(TRADER)
    await edits.merge_groups(TRADER, [world.condor.id, world.put.id])
    after_two = await snapshot(TRADER)

    assert (await edits.undo(TRADER)).seq == 2
    assert await snapshot(TRADER) == after_one
    assert (await edits.undo(TRADER)).seq == 1
    assert await restored(TRADER, start)
    assert (await edits.redo(TRADER)).seq == 1
    assert await snapshot(TRADER) == after_one
    assert (await edits.redo(TRADER)).seq == 2
    assert await snapshot(TRADER) == after_two


async def test_nothing_to_undo_or_redo_is_said_plainly(world: World) -> None:
    with pytest.raises(ValidationError, match="Nothing to undo"):
        await edits.undo(TRADER)
    with pytest.raises(ValidationError, match="Nothing to redo"):
        await edits.redo(TRADER)
    await edits.rename_group(TRADER, world.qqq.id, "Tech")
    with pytest.raises(ValidationError, match="Nothing to redo"):
        await edits.redo(TRADER)


async def test_a_new_edit_after_an_undo_discards_the_redo_branch(world: World) -> None:
    await edits.rename_group(TRADER, world.qqq.id, "Tech")
    await edits.rename_group(TRADER, world.put.id, "Income")
    await edits.undo(TRADER)
    await edits.undo(TRADER)

    third = await edits.rename_group(TRADER, world.covered.id, "Shares")

    assert third.seq == 3
    assert await states() == [(1, "discarded"), (2, "discarded"), (3, "applied")]
    with pytest.raises(ValidationError, match="Nothing to redo"):
        await edits.redo(TRADER)
    await edits.undo(TRADER)
    with pytest.raises(ValidationError, match="Nothing to undo"):
        await edits.undo(TRADER)  # the discarded edits were undone already


async def test_undo_and_redo_survive_a_restart(world: World, database: str) -> None:
    before = await snapshot(TRADER)
    await edits.split_group(TRADER, world.condor.id, (await world.lots(world.condor))[:2])
    await edits.rename_group(TRADER, world.qqq.id, "Tech")
    await edits.undo(TRADER)
    await close_db()
    await init_db(database)  # a new process: nothing but the database remembers

    await edits.redo(TRADER)
    assert (await StrategyGroup.get(id=world.qqq.id)).name == "Tech"
    await edits.undo(TRADER)
    await edits.undo(TRADER)
    assert await restored(TRADER, before)


async def test_history_lists_edits_newest_first_with_their_state(world: World) -> None:
    await edits.rename_group(TRADER, world.qqq.id, "Tech")
    await edits.add_user_type(TRADER, "Wheel")
    await edits.undo(TRADER)

    entries = await edits.history(TRADER)

    assert [(e.seq, e.kind, e.state) for e in entries] == [
        (2, edits.EditKind.ADD_TYPE, EditState.UNDONE),
        (1, edits.EditKind.RENAME, EditState.APPLIED),
    ]
    assert entries[1].summary == f"Renamed group #{world.qqq.id} to Tech"
    assert entries[0].created_at.tzinfo is not None
    assert len(await edits.history(TRADER, limit=1)) == 1
    with pytest.raises(ValidationError, match="from 1 to 50"):
        await edits.history(TRADER, limit=51)


async def test_another_trader_can_neither_see_edit_nor_undo_the_first_traders_groups(
    world: World,
) -> None:
    await build_world(OTHER, "5WT00002")
    await edits.rename_group(TRADER, world.qqq.id, "Tech")
    mine = await snapshot(TRADER)
    [lot] = await world.lots(world.put)
    unknown = f"You have no strategy group #{world.qqq.id}. `/strategies` lists yours."

    for attempt in (
        edits.rename_group(OTHER, world.qqq.id, "Stolen"),
        edits.retype_group(OTHER, world.qqq.id, "long_put"),
        edits.split_group(OTHER, world.qqq.id, [lot]),
        edits.merge_groups(OTHER, [world.qqq.id, world.put.id]),
    ):
        with pytest.raises(NotFoundError) as refused:
            await attempt
        assert refused.value.user_message.startswith("You have no strategy group #")
    with pytest.raises(NotFoundError) as refused:
        await edits.rename_group(OTHER, world.qqq.id, "Stolen")
    assert refused.value.user_message == unknown  # the same words as for a group never made
    with pytest.raises(NotFoundError, match=f"You have no lot #{lot}"):
        await edits.move_lot(OTHER, lot, world.put.id)
    with pytest.raises(ValidationError, match="Nothing to undo"):
        await edits.undo(OTHER)
    assert [c.group_id for c in await edits.group_choices(OTHER, str(world.qqq.id))] != [
        world.qqq.id
    ]
    assert all("Tech" not in c.label for c in await edits.group_choices(OTHER))
    assert await edits.history(OTHER) == ()
    assert await snapshot(TRADER) == mine


async def test_a_merge_cannot_pull_in_another_traders_group(world: World) -> None:
    theirs = await build_world(OTHER, "5WT00002")

    with pytest.raises(NotFoundError, match=f"no strategy group #{theirs.put.id}"):
        await edits.merge_groups(TRADER, [world.put.id, theirs.put.id])
    with pytest.raises(NotFoundError):
        await edits.move_lot(TRADER, (await world.lots(world.put))[0], theirs.condor.id)
    assert await EditEvent.all().count() == 0


async def test_concurrent_edits_of_one_trader_get_one_number_each(world: World) -> None:
    results = await asyncio.gather(
        edits.rename_group(TRADER, world.qqq.id, "Tech"),
        edits.rename_group(TRADER, world.put.id, "Income"),
        edits.retype_group(TRADER, world.covered.id, "custom"),
        edits.merge_groups(TRADER, [world.condor.id, world.elsewhere.id]),
        return_exceptions=True,
    )

    assert sum(not isinstance(r, BaseException) for r in results) == 3  # the merge is refused
    assert sorted(seq for seq, _ in await states()) == [1, 2, 3]


async def test_two_concurrent_splits_of_the_same_lot_do_not_both_happen(world: World) -> None:
    lot = (await world.lots(world.condor))[0]

    results = await asyncio.gather(
        edits.split_group(TRADER, world.condor.id, [lot]),
        edits.split_group(TRADER, world.condor.id, [lot]),
        return_exceptions=True,
    )

    done = [r for r in results if isinstance(r, edits.EditOutcome)]
    [refused] = [r for r in results if isinstance(r, BaseException)]
    assert len(done) == 1 and isinstance(refused, ValidationError)
    assert await members_of(done[0].group_id or 0) == [lot]
    assert await GroupMember.filter(id=lot).count() == 1


async def test_concurrent_undos_take_back_two_different_edits(world: World) -> None:
    before = await snapshot(TRADER)
    await edits.rename_group(TRADER, world.qqq.id, "Tech")
    await edits.split_group(TRADER, world.condor.id, (await world.lots(world.condor))[:1])

    undone = await asyncio.gather(edits.undo(TRADER), edits.undo(TRADER))

    assert sorted(outcome.seq for outcome in undone) == [1, 2]
    assert await restored(TRADER, before)


async def test_an_undo_button_of_an_older_edit_does_not_undo_a_newer_one(world: World) -> None:
    first = await edits.rename_group(TRADER, world.qqq.id, "Tech")
    await edits.rename_group(TRADER, world.put.id, "Income")

    with pytest.raises(ValidationError, match="Edit 1 is not the one to undo now"):
        await edits.undo(TRADER, expected_seq=first.seq)
    assert (await StrategyGroup.get(id=world.put.id)).name == "Income"
    await edits.undo(TRADER, expected_seq=2)
    with pytest.raises(ValidationError, match="Edit 1 is not the one to redo now"):
        await edits.redo(TRADER, expected_seq=1)


async def test_a_redo_whose_lots_a_sync_regrouped_is_refused_and_set_aside(world: World) -> None:
    lots = await world.lots(world.condor)
    await edits.split_group(TRADER, world.condor.id, lots[:2])
    await edits.rename_group(TRADER, world.qqq.id, "Tech")
    await edits.undo(TRADER)
    await edits.undo(TRADER)
    # the undo gave the condor back to the grouping engine, which moved a lot elsewhere
    await GroupMember.filter(id=lots[0]).update(group_id=world.put.id)
    moved = await snapshot(TRADER)

    with pytest.raises(ValidationError, match="Edit 1 can no longer be redone") as refused:
        await edits.redo(TRADER)

    assert f"no longer in group #{world.condor.id}" in refused.value.user_message
    assert await snapshot(TRADER) == moved
    assert await states() == [(1, "discarded"), (2, "discarded")]


async def test_an_undo_whose_group_is_gone_is_set_aside_and_the_next_undo_goes_on(
    world: World,
) -> None:
    await edits.rename_group(TRADER, world.qqq.id, "Tech")
    await edits.rename_group(TRADER, world.put.id, "Income")
    await StrategyGroup.filter(id=world.put.id).delete()  # /forget purge, say

    with pytest.raises(ValidationError, match="Edit 2 can no longer be undone"):
        await edits.undo(TRADER)

    assert (await edits.undo(TRADER)).seq == 1
    assert (await StrategyGroup.get(id=world.qqq.id)).name == ""
    assert await states() == [(1, "undone"), (2, "discarded")]


async def test_a_damaged_record_is_refused_not_applied(world: World) -> None:
    await edits.rename_group(TRADER, world.qqq.id, "Tech")
    await EditEvent.filter(seq=1).update(inverse=[{"op": "drop", "table": "trader"}])

    with pytest.raises(ValidationError, match="Edit 1 can no longer be undone"):
        await edits.undo(TRADER)

    assert (await StrategyGroup.get(id=world.qqq.id)).name == "Tech"
