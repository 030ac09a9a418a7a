"""Property: any sequence of strategy edits, followed by as many undos, restores the original
grouping exactly (every group's fields, every lot's group, the trader's types); as many redos
then replay it exactly. Each example is a new trader with a fresh set of groups."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from integration.strategies.edits_world import (
    build_world,
    live_groups,
    members_of,
    restored,
    snapshot,
)

from services.errors import NotFoundError, ValidationError
from services.strategies import edits

_traders = itertools.count(500_000)
KINDS = ("split", "merge", "move", "rename", "retype", "add_type", "create")
NAMES = ("Alpha", "March condor", "Hedge (50%)", "Mike's wheel")
TYPES = ("iron_condor", "Short put", "custom", "Wheel", "Earnings")
EDITS_PER_EXAMPLE = 6


async def applied(edit: Awaitable[edits.EditOutcome]) -> bool:
    """Whether the edit happened; a refusal (a split of every lot, a merge across
    underlyings, a type that does not exist) is part of the property: it changes nothing."""
    try:
        await edit
    except (ValidationError, NotFoundError):
        return False
    return True


async def random_edit(discord_id: int, data: st.DataObject) -> bool:
    groups = await live_groups(discord_id)
    kind = data.draw(st.sampled_from(KINDS), label="kind")
    group = data.draw(st.sampled_from(groups), label="group")
    lots = await members_of(group.id)
    some_lots = data.draw(st.lists(st.sampled_from(lots), min_size=1, unique=True), label="lots")
    if kind == "split":
        return await applied(edits.split_group(discord_id, group.id, some_lots))
    if kind == "merge":
        others = data.draw(st.lists(st.sampled_from(groups), min_size=1, max_size=3), label="with")
        return await applied(edits.merge_groups(discord_id, [group.id, *(g.id for g in others)]))
    if kind == "move":
        target = data.draw(st.sampled_from(groups), label="to")
        return await applied(edits.move_lot(discord_id, some_lots[0], target.id))
    if kind == "rename":
        name = data.draw(st.sampled_from(NAMES), label="name")
        return await applied(edits.rename_group(discord_id, group.id, name))
    if kind == "retype":
        type_name = data.draw(st.sampled_from(TYPES), label="type")
        return await applied(edits.retype_group(discord_id, group.id, type_name))
    if kind == "add_type":
        return await applied(edits.add_user_type(discord_id, data.draw(st.sampled_from(TYPES[3:]))))
    return await applied(edits.create_group(discord_id, some_lots, name="Mine"))


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_edits_then_as_many_undos_restore_the_grouping_and_redos_replay_it(
    database: str, data: st.DataObject
) -> None:
    discord_id = next(_traders)
    await build_world(discord_id, f"5WT{discord_id}")
    original = await snapshot(discord_id)
    done = 0
    for _ in range(data.draw(st.integers(1, EDITS_PER_EXAMPLE), label="edits")):
        done += await random_edit(discord_id, data)
    edited = await snapshot(discord_id)
    event(f"{done} edits applied")

    for _ in range(done):
        await edits.undo(discord_id)
    assert await restored(discord_id, original)

    for _ in range(done):
        await edits.redo(discord_id)
    assert await snapshot(discord_id) == edited


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_undoing_part_of_the_edits_restores_the_grouping_as_it_was_then(
    database: str, data: st.DataObject
) -> None:
    discord_id = next(_traders)
    await build_world(discord_id, f"5WT{discord_id}")
    states = [await snapshot(discord_id)]
    for _ in range(data.draw(st.integers(1, EDITS_PER_EXAMPLE), label="edits")):
        if await random_edit(discord_id, data):
            states.append(await snapshot(discord_id))
    back = data.draw(st.integers(0, len(states) - 1), label="undos")

    for _ in range(back):
        await edits.undo(discord_id)

    assert await restored(discord_id, states[len(states) - 1 - back])
