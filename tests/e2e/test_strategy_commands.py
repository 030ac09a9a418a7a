"""`strategies`, `strategy ...`, `undo` and `redo` on simulated Discord with the real bot: the
list and one group, split, merge and move with their Undo button (only the trader may press
it), undo and redo by command, refusals of malformed, missing, hostile and oversized input,
and a second trader who can neither see, edit nor undo the first's groups."""

from __future__ import annotations

from typing import Any

import discord
import pytest
from integration.strategies.edits_world import World, build_world, members_of, restored, snapshot
from support.discord_ui import FakeInteraction, press, view_of

from bot.bot import Tastybot
from bot.discord_sim import SimulatedDiscord
from cogs.strategies._views import UndoButton
from services.db.models import EditEvent, StrategyGroup

PRIVATE_POINTER = "I answered in your DMs (it is private)."


@pytest.fixture
async def world(discord_sim: SimulatedDiscord) -> World:
    """Member 0's groups (see ``edits_world``); the bot's database is ready."""
    return await build_world(discord_sim.member(0).id)


def texts(message: discord.Message) -> str:
    parts = [message.content or ""]
    for embed in message.embeds:
        parts += [embed.title or "", embed.description or "", embed.footer.text or ""]
        parts += [f"{field.name} {field.value}" for field in embed.fields]
    return "\n".join(parts)


def is_dm(message: discord.Message) -> bool:
    return isinstance(message.channel, discord.DMChannel)


async def private_answer(
    discord_sim: SimulatedDiscord, command: str, member: int = 0
) -> discord.Message:
    """The answer in the member's DMs (with only a pointer in the channel)."""
    exchange = await discord_sim.send(command, member=member)
    public = [m.content for m in exchange.replies if not is_dm(m)]
    assert public == [PRIVATE_POINTER], (command, public, exchange.error)
    [answer] = [m for m in exchange.replies if is_dm(m)]
    return answer


async def public_reply(discord_sim: SimulatedDiscord, command: str, member: int = 0) -> str:
    """The one answer in the channel (a refusal), nothing sent in DMs."""
    exchange = await discord_sim.send(command, member=member)
    assert [m for m in exchange.replies if is_dm(m)] == [], command
    [reply] = exchange.replies
    return texts(reply)


async def edit_count() -> int:
    return await EditEvent.all().count()


async def test_strategies_lists_the_traders_groups_privately(
    discord_sim: SimulatedDiscord, world: World
) -> None:
    shown = texts(await private_answer(discord_sim, "!strategies"))

    for group in (world.condor, world.put, world.covered, world.qqq):
        assert f"**#{group.id}**" in shown
    assert "Iron condor" in shown and "Covered SPY" in shown and "5 groups" in shown


async def test_strategies_filters_by_status_and_underlying(
    discord_sim: SimulatedDiscord, world: World
) -> None:
    qqq = texts(await private_answer(discord_sim, "!strategies QQQ"))
    closed = texts(await private_answer(discord_sim, "!strategies closed SPY"))

    assert f"#{world.qqq.id}**" in qqq and f"#{world.condor.id}**" not in qqq
    assert f"#{world.put.id}**" in closed and f"#{world.condor.id}**" not in closed
    assert "Your strategies · closed · SPY" in closed


async def test_strategy_show_lists_the_lots_with_their_numbers(
    discord_sim: SimulatedDiscord, world: World
) -> None:
    shown = texts(await private_answer(discord_sim, f"!strategy show #{world.condor.id}"))

    for lot in await world.lots(world.condor):
        assert f"`#{lot}`" in shown
    assert "SPY 2026-12-18 400P" in shown and "Lots (4)" in shown


async def test_strategy_alone_lists_its_commands(discord_sim: SimulatedDiscord) -> None:
    shown = texts(await private_answer(discord_sim, "!strategy"))

    assert "`!strategy split <group> <lots>` Move some lots of a group into a new group" in shown
    assert "`!strategy type add <name>` Add a strategy type of your own" in shown
    assert "`!strategy show <group>`" in shown and "`!strategy history`" in shown


async def test_split_answers_with_an_undo_button_that_takes_it_back(
    discord_sim: SimulatedDiscord, world: World
) -> None:
    before = await snapshot(world.discord_id)
    lots = await world.lots(world.condor)

    answer = await private_answer(
        discord_sim, f"!strategy split {world.condor.id} {lots[0]}, {lots[1]}"
    )

    assert answer.content.startswith("✅ Edit 1: Split 2 lots")
    assert len(await members_of(world.condor.id)) == 2
    view = view_of(discord_sim, answer, UndoButton)
    pressed = await press(view, "Undo", discord_sim.member(0))
    assert pressed.response.edited is not None
    assert pressed.response.edited["content"].startswith("↩️ Undid edit 1: Split 2 lots")
    assert await restored(world.discord_id, before)
    assert view.button.label == "Redo"
    await press(view, "Redo", discord_sim.member(0))
    assert len(await members_of(world.condor.id)) == 2


async def test_only_the_trader_may_press_the_undo_button(
    discord_sim: SimulatedDiscord, world: World
) -> None:
    answer = await private_answer(discord_sim, f"!strategy rename {world.qqq.id} Tech")
    view = view_of(discord_sim, answer, UndoButton)

    pressed = await press(view, "Undo", discord_sim.member(1))

    assert pressed.response.sent == "Only the trader who made this edit can undo it."
    assert (await StrategyGroup.get(id=world.qqq.id)).name == "Tech"


async def test_an_old_undo_button_does_not_undo_a_newer_edit(
    discord_sim: SimulatedDiscord, world: World
) -> None:
    first = await private_answer(discord_sim, f"!strategy rename {world.qqq.id} Tech")
    await private_answer(discord_sim, f"!strategy rename {world.put.id} Income")

    pressed = await press(view_of(discord_sim, first, UndoButton), "Undo", discord_sim.member(0))

    assert pressed.response.sent is not None
    assert "Edit 1 is not the one to undo now" in pressed.response.sent
    assert (await StrategyGroup.get(id=world.put.id)).name == "Income"


async def test_merge_then_undo_and_redo_by_command(
    discord_sim: SimulatedDiscord, world: World
) -> None:
    before = await snapshot(world.discord_id)

    merged = await private_answer(discord_sim, f"!strategy merge {world.covered.id} {world.put.id}")
    assert merged.content == (
        f"✅ Edit 1: Merged group #{world.put.id} into group #{world.covered.id}. "
        f"`/strategy show {world.covered.id}` shows it."
    )
    after = await snapshot(world.discord_id)

    undone = await private_answer(discord_sim, "!undo")
    assert undone.content.startswith("↩️ Undid edit 1: Merged group")
    assert await restored(world.discord_id, before)
    assert view_of(discord_sim, undone, UndoButton).button.label == "Redo"

    redone = await private_answer(discord_sim, "!redo")
    assert redone.content.startswith("↪️ Redid edit 1: Merged group")
    assert await snapshot(world.discord_id) == after
    assert "Nothing to redo" in await public_reply(discord_sim, "!redo")


async def test_move_retype_and_own_types_by_command(
    discord_sim: SimulatedDiscord, world: World
) -> None:
    [put_lot] = await world.lots(world.put)
    await private_answer(discord_sim, f"!strategy move {put_lot} {world.condor.id}")
    await private_answer(discord_sim, "!strategy type add Wheel")
    retyped = await private_answer(discord_sim, f"!strategy retype {world.covered.id} wheel")

    assert retyped.content.startswith(f"✅ Edit 3: Retyped group #{world.covered.id} as Wheel")
    assert put_lot in await members_of(world.condor.id)
    history = texts(await private_answer(discord_sim, "!strategy history"))
    assert "`3` ✅ done · Retyped" in history and "`1` ✅ done · Moved lot" in history


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("!strategy split", "Missing `group`"),
        ("!strategy split {condor}", "Missing `lots`"),
        ("!strategy split abc 1", "That is not a group number"),
        ("!strategy split {condor} 1.5", "That is not a lot number"),
        ("!strategy split 99999 1", "You have no strategy group #99999"),
        ("!strategy split 99999999999999999999 1", "That is not a group number"),
        ("!strategy split {condor} {condor_lots}", "leaves lots in both groups"),
        ("!strategy merge {condor}", "at least two different groups"),
        ("!strategy merge {condor} {qqq}", "only legs on one underlying"),
        ("!strategy merge {condor} <@&1> @everyone", "That is not a group number"),
        ("!strategy move 1 {condor} please", "Too many arguments"),
        ("!strategy rename {condor} @everyone look", "no markdown, mentions or emoji"),
        ("!strategy rename {condor} **loud** `code`", "no markdown, mentions or emoji"),
        ("!strategy rename {condor} " + "x" * 1900, "at most 80 characters"),
        ("!strategy retype {condor} <@123456>", "That is not a strategy type"),
        ("!strategy retype {condor} " + "y" * 1900, "That is not a strategy type"),
        ("!strategy type add ||spoiler||", "no markdown, mentions or emoji"),
        ("!strategy show", "Missing `group`"),
        ("!undo", "Nothing to undo"),
        ("!redo", "Nothing to redo"),
    ],
)
async def test_malformed_missing_hostile_or_oversized_input_is_refused(
    discord_sim: SimulatedDiscord, world: World, command: str, expected: str
) -> None:
    lots = " ".join(str(lot) for lot in await world.lots(world.condor))
    typed = command.format(condor=world.condor.id, qqq=world.qqq.id, condor_lots=lots)
    before = await snapshot(world.discord_id)

    reply = await public_reply(discord_sim, typed)

    assert expected in reply, reply
    assert "@everyone" not in reply and "<@" not in reply
    assert await snapshot(world.discord_id) == before and await edit_count() == 0


async def test_a_second_trader_can_neither_see_edit_nor_undo_the_firsts_groups(
    discord_sim: SimulatedDiscord, world: World
) -> None:
    await private_answer(discord_sim, f"!strategy rename {world.qqq.id} Tech")
    theirs = await build_world(discord_sim.member(1).id, "5WT00002")
    mine = await snapshot(world.discord_id)

    listed = texts(await private_answer(discord_sim, "!strategies", member=1))
    assert f"#{theirs.condor.id}**" in listed and f"#{world.condor.id}**" not in listed
    for command in (
        f"!strategy show {world.qqq.id}",
        f"!strategy rename {world.qqq.id} Mine",
        f"!strategy split {world.condor.id} {(await world.lots(world.condor))[0]}",
        f"!strategy merge {theirs.condor.id} {world.condor.id}",
    ):
        assert "You have no strategy group #" in await public_reply(discord_sim, command, 1)
    assert "You have no lot #" in await public_reply(
        discord_sim, f"!strategy move {(await world.lots(world.put))[0]} {theirs.put.id}", 1
    )
    assert "Nothing to undo" in await public_reply(discord_sim, "!undo", 1)
    assert await snapshot(world.discord_id) == mine


async def test_autocomplete_offers_only_the_askers_groups_and_types(
    discord_sim: SimulatedDiscord, tastybot: Tastybot, world: World
) -> None:
    cog: Any = tastybot.get_cog("Strategies")
    owner = FakeInteraction(discord_sim.member(0))
    stranger = FakeInteraction(discord_sim.member(1))

    mine = await cog.group_autocomplete(owner, "QQ")
    several = await cog.groups_autocomplete(owner, f"{world.condor.id}, QQ")
    types = await cog.type_autocomplete(owner, "condor")

    assert [choice.value for choice in mine] == [str(world.qqq.id)]
    assert mine[0].name.startswith(f"#{world.qqq.id} QQQ Long call")
    assert [choice.value for choice in several] == [f"{world.condor.id} {world.qqq.id}"]
    assert "iron_condor" in [choice.value for choice in types]
    assert await cog.group_autocomplete(stranger, "") == []
    assert await cog.group_autocomplete(stranger, str(world.qqq.id)) == []


async def test_slash_commands_describe_every_option(tastybot: Tastybot) -> None:
    tree = {
        command.name: command.to_dict(tastybot.tree) for command in tastybot.tree.get_commands()
    }

    strategy = tree["strategy"]
    names = [option["name"] for option in strategy["options"]]
    assert names == [
        "show",
        "split",
        "merge",
        "move",
        "create",
        "rename",
        "retype",
        "history",
        "type",
    ]
    retype = next(option for option in strategy["options"] if option["name"] == "retype")
    assert [option["name"] for option in retype["options"]] == ["group", "type"]
    for command in ("strategies", "undo", "redo", "strategy"):
        assert command in tree
    stack = list(strategy["options"]) + list(tree["strategies"]["options"])
    while stack:
        option = stack.pop()
        assert option["description"], option["name"]
        stack += option.get("options", [])
