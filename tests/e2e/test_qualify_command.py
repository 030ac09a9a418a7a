"""`/qualify` on simulated Discord: the suite runs on the trader's sandbox account and answers
privately with a result per type; bad input is refused and nothing runs."""

from __future__ import annotations

from collections.abc import AsyncIterator

import discord
import pytest
from support.sync_world import link_grant

from bot.bot import Tastybot
from bot.discord_sim import SimulatedDiscord
from services.broker import broker_route
from services.db.models import TestResult
from services.environment import Environment
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

PRIVATE_POINTER = "I answered in your DMs (it is private)."


# autouse: the simulator starts before the bot and stops after it, so the bot closes its own
# streams and sessions first (a simulator stopping under a live bot drops its sockets mid-use)
@pytest.fixture(autouse=True)
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, transactions=10) as running:
        yield running


@pytest.fixture
async def linked(tastybot: Tastybot, discord_sim: SimulatedDiscord, sim: RunningSimulator) -> int:
    tastybot.vault = Vault([generate_key()])
    tastybot.broker_route = broker_route(sim.url, demo_mode=True)
    trader = discord_sim.member(0).id
    for environment in Environment:
        await link_grant(tastybot.vault, trader, sim, environment)
    return trader


def _dm_embed(replies: list[discord.Message]) -> discord.Embed:
    [message] = [m for m in replies if isinstance(m.channel, discord.DMChannel)]
    [embed] = message.embeds
    return embed


async def test_qualify_runs_the_chosen_types_and_answers_privately(
    discord_sim: SimulatedDiscord, linked: int
) -> None:
    exchange = await discord_sim.send("!qualify single_option_limit cancel")

    embed = _dm_embed(exchange.replies)
    assert embed.title == "Sandbox qualification: 2/2 passed"
    assert [field.name for field in embed.fields] == ["✅ single option limit", "✅ cancel"]
    assert [
        m.content for m in exchange.replies if not isinstance(m.channel, discord.DMChannel)
    ] == [PRIVATE_POINTER]
    assert await TestResult.filter(kind="qualification", passed=True).count() == 2


@pytest.mark.parametrize(
    "text",
    ["!qualify futures", "!qualify " + "x" * 400, "!qualify <@1> @everyone", "!qualify ``` drop"],
    ids=["unknown", "oversized", "hostile-mention", "hostile-markdown"],
)
async def test_bad_types_are_refused_and_nothing_runs(
    discord_sim: SimulatedDiscord, linked: int, text: str
) -> None:
    exchange = await discord_sim.send(text)

    reply = "\n".join(m.content or "" for m in exchange.replies)
    assert "order type" in reply.lower()
    assert "@everyone" not in reply
    assert await TestResult.all().count() == 0


async def test_a_trader_who_has_not_linked_is_told_to_link(discord_sim: SimulatedDiscord) -> None:
    discord_sim.bot.vault = Vault([generate_key()])  # type: ignore[attr-defined]
    exchange = await discord_sim.send("!qualify")

    reply = "\n".join(m.content or "" for m in exchange.replies)
    assert "link" in reply.lower()
    assert await TestResult.all().count() == 0
