"""Each strategy edit on a real database: what it changes, what it refuses (with the reason),
and that its undo puts the grouping back exactly."""

from __future__ import annotations

import pytest
from integration.strategies.edits_world import (
    World,
    build_world,
    live_groups,
    members_of,
    restored,
    snapshot,
)

from services.db.models import EditEvent, GroupMember, GroupOrigin, StrategyGroup, UserStrategyType
from services.errors import NotFoundError, ValidationError
from services.strategies import edits

TRADER = 1001
OTHER = 2002


@pytest.fixture
async def world(database: str) -> World:
    return await build_world(TRADER)


async def test_split_moves_the_chosen_lots_into_a_new_group_of_the_traders(world: World) -> None:
    put_spread = (await world.lots(world.condor))[:2]

    outcome = await edits.split_group(TRADER, world.condor.id, put_spread)

    assert outcome.kind is edits.EditKind.SPLIT and outcome.seq == 1
    new = await StrategyGroup.get(id=outcome.group_id)
    assert await members_of(new.id) == put_spread
    assert len(await members_of(world.condor.id)) == 2
    assert (new.origin, new.user_edited, new.archived) == (GroupOrigin.USER, True, False)
    assert (new.underlying, new.account_id) == ("SPY", world.account.id)  # type: ignore[attr-defined]
    assert {m.origin for m in await GroupMember.filter(group_id=new.id)} == {GroupOrigin.USER}
    assert "out of group" in outcome.summary and f"#{new.id}" in outcome.summary


async def test_split_classifies_both_groups_again(world: World) -> None:
    put_spread = (await world.lots(world.condor))[:2]

    outcome = await edits.split_group(TRADER, world.condor.id, put_spread)

    source = await StrategyGroup.get(id=world.condor.id)
    new = await StrategyGroup.get(id=outcome.group_id)
    assert (source.strategy_key, new.strategy_key) == ("bear_call_spread", "bull_put_spread")
    assert source.user_edited


async def test_undoing_a_split_restores_the_grouping_and_archives_the_new_group(
    world: World,
) -> None:
    before = await snapshot(TRADER)
    outcome = await edits.split_group(TRADER, world.condor.id, (await world.lots(world.condor))[:1])

    undone = await edits.undo(TRADER)

    assert undone.seq == outcome.seq and undone.kind is edits.EditKind.SPLIT
    assert await restored(TRADER, before)
    assert (await StrategyGroup.get(id=outcome.group_id)).archived


async def test_split_refuses_all_or_no_lots_and_lots_of_other_groups(world: World) -> None:
    lots = await world.lots(world.condor)
    with pytest.raises(ValidationError, match="leaves lots in both groups"):
        await edits.split_group(TRADER, world.condor.id, lots)
    with pytest.raises(ValidationError, match="Choose the lots"):
        await edits.split_group(TRADER, world.condor.id, [])
    [put_lot] = await world.lots(world.put)
    with pytest.raises(ValidationError, match=f"Lot #{put_lot} is not in group #{world.condor.id}"):
        await edits.split_group(TRADER, world.condor.id, [lots[0], put_lot])
    assert await EditEvent.all().count() == 0


async def test_a_lot_named_twice_is_split_once(world: World) -> None:
    first = (await world.lots(world.condor))[0]

    outcome = await edits.split_group(TRADER, world.condor.id, [first, first])

    assert await members_of(outcome.group_id or 0) == [first]


async def test_merge_moves_every_lot_into_the_first_group_and_archives_the_others(
    world: World,
) -> None:
    outcome = await edits.merge_groups(TRADER, [world.covered.id, world.put.id])

    assert outcome.group_id == world.covered.id
    assert len(await members_of(world.covered.id)) == 3
    emptied = await StrategyGroup.get(id=world.put.id)
    assert emptied.archived and emptied.user_edited
    merged = await StrategyGroup.get(id=world.covered.id)
    assert merged.name == "Covered SPY" and merged.user_edited
    assert merged.strategy_key == "covered_call"  # of the open legs: the put was bought back
    assert outcome.summary == f"Merged group #{world.put.id} into group #{world.covered.id}"


async def test_merge_of_an_open_and_a_closed_group_is_open(world: World) -> None:
    await edits.merge_groups(TRADER, [world.put.id, world.covered.id])

    merged = await StrategyGroup.get(id=world.put.id)
    assert merged.status == "open" and merged.closed_at is None


async def test_a_group_of_closed_lots_is_closed_and_keyed_by_its_fullest_legs(
    world: World,
) -> None:
    outcome = await edits.create_group(TRADER, await world.lots(world.put))

    made = await StrategyGroup.get(id=outcome.group_id)
    assert (made.status, made.strategy_key) == ("closed", "short_put")
    assert made.closed_at is not None and made.opened_at is not None


async def test_merge_points_roll_chains_at_the_merged_group_and_undo_points_them_back(
    world: World,
) -> None:
    world.qqq.rolled_from_id = world.put.id
    await world.qqq.save()
    before = await snapshot(TRADER)

    await edits.merge_groups(TRADER, [world.covered.id, world.put.id])

    follower = await StrategyGroup.get(id=world.qqq.id)
    assert follower.rolled_from_id == world.covered.id  # type: ignore[attr-defined]
    assert not follower.user_edited  # repointing a chain is not the trader editing that group
    await edits.undo(TRADER)
    assert await restored(TRADER, before)


async def test_undoing_a_merge_brings_the_archived_groups_back(world: World) -> None:
    before = await snapshot(TRADER)
    await edits.merge_groups(TRADER, [world.condor.id, world.put.id, world.covered.id])

    await edits.undo(TRADER)

    assert await restored(TRADER, before)


async def test_merge_refuses_one_group_different_underlyings_and_accounts(world: World) -> None:
    with pytest.raises(ValidationError, match="at least two different groups"):
        await edits.merge_groups(TRADER, [world.put.id])
    with pytest.raises(ValidationError, match="at least two different groups"):
        await edits.merge_groups(TRADER, [world.put.id, world.put.id])
    with pytest.raises(ValidationError, match=r"on SPY and #\d+ on QQQ"):
        await edits.merge_groups(TRADER, [world.put.id, world.qqq.id])
    with pytest.raises(ValidationError, match="different accounts"):
        await edits.merge_groups(TRADER, [world.put.id, world.elsewhere.id])
    with pytest.raises(ValidationError, match="at most 10 groups"):
        await edits.merge_groups(TRADER, list(range(1, 13)))
    assert await EditEvent.all().count() == 0


async def test_move_lot_moves_one_lot_and_archives_the_group_it_empties(world: World) -> None:
    [put_lot] = await world.lots(world.put)

    outcome = await edits.move_lot(TRADER, put_lot, world.condor.id)

    assert put_lot in await members_of(world.condor.id)
    assert (await StrategyGroup.get(id=world.put.id)).archived
    member = await GroupMember.get(id=put_lot)
    assert member.origin == GroupOrigin.USER
    assert (
        outcome.summary
        == f"Moved lot #{put_lot} from group #{world.put.id} to group #{world.condor.id}"
    )


async def test_undoing_a_move_puts_the_lot_back(world: World) -> None:
    before = await snapshot(TRADER)
    await edits.move_lot(TRADER, (await world.lots(world.covered))[1], world.put.id)

    await edits.undo(TRADER)

    assert await restored(TRADER, before)


async def test_move_refuses_the_same_group_another_underlying_and_unknown_lots(
    world: World,
) -> None:
    [put_lot] = await world.lots(world.put)
    with pytest.raises(ValidationError, match=r"in group #\d+ already"):
        await edits.move_lot(TRADER, put_lot, world.put.id)
    with pytest.raises(ValidationError, match="only legs on one underlying"):
        await edits.move_lot(TRADER, put_lot, world.qqq.id)
    with pytest.raises(NotFoundError, match="You have no lot #999999"):
        await edits.move_lot(TRADER, 999_999, world.put.id)


async def test_create_group_gathers_lots_of_several_groups(world: World) -> None:
    chosen = [(await world.lots(world.condor))[0], *(await world.lots(world.put))]

    outcome = await edits.create_group(TRADER, chosen, name="Put side", type_name="Iron condor")

    made = await StrategyGroup.get(id=outcome.group_id)
    assert await members_of(made.id) == chosen
    assert (made.name, made.strategy_key, made.origin) == ("Put side", "iron_condor", "user")
    assert (await StrategyGroup.get(id=world.put.id)).archived


async def test_create_group_refuses_lots_of_two_accounts(world: World) -> None:
    chosen = [*(await world.lots(world.put)), *(await world.lots(world.elsewhere))]
    with pytest.raises(ValidationError, match="different accounts"):
        await edits.create_group(TRADER, chosen)


async def test_rename_sets_the_name_and_undo_clears_it(world: World) -> None:
    before = await snapshot(TRADER)

    outcome = await edits.rename_group(TRADER, world.condor.id, "  March   SPY condor ")

    assert (await StrategyGroup.get(id=world.condor.id)).name == "March SPY condor"
    assert outcome.summary == f"Renamed group #{world.condor.id} to March SPY condor"
    await edits.undo(TRADER)
    assert await restored(TRADER, before)


async def test_rename_refuses_a_hostile_name_and_changes_nothing(world: World) -> None:
    # the name rules themselves are unit-tested (tests/unit/strategies/test_edits_input.py)
    with pytest.raises(ValidationError, match="no markdown, mentions or emoji"):
        await edits.rename_group(TRADER, world.condor.id, "@everyone **free money**")

    assert (await StrategyGroup.get(id=world.condor.id)).name == ""
    assert await EditEvent.all().count() == 0


async def test_rename_to_the_same_name_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="already"):
        await edits.rename_group(TRADER, world.covered.id, "Covered SPY")


async def test_retype_takes_a_catalog_key_or_its_display_name(world: World) -> None:
    await edits.retype_group(TRADER, world.qqq.id, "bull_call_spread")
    assert (await StrategyGroup.get(id=world.qqq.id)).strategy_key == "bull_call_spread"

    outcome = await edits.retype_group(TRADER, world.qqq.id, "Long Call")

    assert (await StrategyGroup.get(id=world.qqq.id)).strategy_key == "long_call"
    assert outcome.summary == f"Retyped group #{world.qqq.id} as Long call"


async def test_retype_to_an_own_type_keeps_the_key_and_a_catalog_key_clears_the_type(
    world: World,
) -> None:
    await edits.add_user_type(TRADER, "Wheel")
    await edits.retype_group(TRADER, world.put.id, "WHEEL")
    group = await StrategyGroup.get(id=world.put.id).prefetch_related("user_type")
    assert group.user_type is not None and group.user_type.name == "Wheel"
    assert group.strategy_key == "short_put"

    await edits.retype_group(TRADER, world.put.id, "short_put")

    assert (await StrategyGroup.get(id=world.put.id)).user_type_id is None  # type: ignore[attr-defined]


async def test_retype_refuses_unknown_types_and_no_change(world: World) -> None:
    with pytest.raises(ValidationError, match="not a strategy type"):
        await edits.retype_group(TRADER, world.put.id, "moonshot")
    with pytest.raises(ValidationError, match="not a strategy type"):
        await edits.retype_group(TRADER, world.put.id, "x" * 10_000)
    with pytest.raises(ValidationError, match="is a Short put already"):
        await edits.retype_group(TRADER, world.put.id, "short_put")


async def test_add_user_type_refuses_duplicates_catalog_names_and_hostile_names(
    world: World,
) -> None:
    await edits.add_user_type(TRADER, "Earnings strangle")
    with pytest.raises(ValidationError, match="already"):
        await edits.add_user_type(TRADER, "earnings  STRANGLE")
    with pytest.raises(ValidationError, match="in the strategy catalog already"):
        await edits.add_user_type(TRADER, "iron condor")
    with pytest.raises(ValidationError, match="no markdown"):
        await edits.add_user_type(TRADER, "<@&1234> role")
    with pytest.raises(ValidationError, match="at most 40"):
        await edits.add_user_type(TRADER, "w" * 41)
    assert await UserStrategyType.all().count() == 1


async def test_undoing_a_type_deletes_it_and_redo_brings_back_the_same_row(world: World) -> None:
    added = await edits.add_user_type(TRADER, "Wheel")
    await edits.retype_group(TRADER, world.put.id, "Wheel")
    row = await UserStrategyType.get(name="Wheel")

    await edits.undo(TRADER)
    await edits.undo(TRADER)
    assert not await UserStrategyType.exists(name="Wheel")
    await edits.redo(TRADER)
    await edits.redo(TRADER)

    assert (await UserStrategyType.get(name="Wheel")).id == row.id
    assert (await StrategyGroup.get(id=world.put.id)).user_type_id == row.id  # type: ignore[attr-defined]
    assert added.kind is edits.EditKind.ADD_TYPE


async def test_every_edit_marks_its_groups_as_the_traders(world: World) -> None:
    await edits.rename_group(TRADER, world.qqq.id, "Tech")

    edited = {group.id for group in await live_groups(TRADER) if group.user_edited}

    assert edited == {world.qqq.id}


async def test_an_edit_and_its_record_are_written_together(world: World) -> None:
    lots = await world.lots(world.condor)
    with pytest.raises(NotFoundError):
        # the second group is unknown: nothing of the first half may stay
        await edits.merge_groups(TRADER, [world.condor.id, 424_242])
    await edits.split_group(TRADER, world.condor.id, lots[:1])

    [event] = await EditEvent.all()
    assert (event.seq, event.kind, event.state) == (1, "split", "applied")
    assert event.forward and event.inverse
