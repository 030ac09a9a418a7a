"""`/gex <underlying>` on simulated Discord with the real bot and the simulator's DXLink: the
levels and a PNG chart privately; malformed, missing, hostile and oversized symbols refused;
a trader without a linked production account told to link one."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
from PIL import Image
from support.sync_world import link_grant

from bot.bot import Tastybot
from bot.discord_sim import SimulatedDiscord
from cogs._private import SENT_TO_DMS
from cogs.market._cog import send_levels
from services.broker import broker_route
from services.environment import Environment
from services.reports.charts import RenderedChart
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

NOT_A_TICKER = "That is not a ticker symbol"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# autouse: the simulator starts before the bot and stops after it, so the bot closes its own
# streams and sessions first (a simulator stopping under a live bot drops its sockets mid-use)
@pytest.fixture(autouse=True)
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, transactions=10) as running:
        yield running


@pytest.fixture
async def linked(sim: RunningSimulator, tastybot: Tastybot, discord_sim: SimulatedDiscord) -> int:
    """Member 0 linked to the simulator's production environment; member 1 to the sandbox
    only. (``sim`` comes first so it stops after the bot.)"""
    tastybot.vault = Vault([generate_key()])
    tastybot.broker_route = broker_route(sim.url, demo_mode=True)
    trader = discord_sim.member(0).id
    await link_grant(tastybot.vault, trader, sim, Environment.PRODUCTION)
    await link_grant(tastybot.vault, discord_sim.member(1).id, sim, Environment.SANDBOX)
    return trader


def is_dm(message: discord.Message) -> bool:
    return isinstance(message.channel, discord.DMChannel)


def texts(messages: list[discord.Message]) -> str:
    """Everything the messages say: content, embed titles, descriptions and fields."""
    parts = []
    for message in messages:
        parts.append(message.content or "")
        for embed in message.embeds:
            parts += [embed.title or "", embed.description or ""]
            parts += [f"{field.name}: {field.value}" for field in embed.fields]
    return "\n".join(parts)


def fields(message: discord.Message) -> dict[str, str]:
    [embed] = message.embeds
    return {str(field.name): str(field.value) for field in embed.fields}


async def test_gex_answers_privately_with_the_levels_and_a_chart(
    discord_sim: SimulatedDiscord, linked: int, sim: RunningSimulator
) -> None:
    exchange = await discord_sim.send("!gex SPY")

    public = [m for m in exchange.replies if not is_dm(m)]
    private = [m for m in exchange.replies if is_dm(m)]
    assert [m.content for m in public] == [SENT_TO_DMS], texts(exchange.replies)
    [message] = private
    [embed] = message.embeds
    assert embed.title == "SPY gamma exposure (GEX)"
    shown = fields(message)
    quote = sim.market.quote("SPY")
    assert shown["Spot"] == f"${(quote.bid + quote.ask) / 2:,.2f}"
    assert shown["Total GEX"].endswith(" per 1% move") and "$" in shown["Total GEX"]
    assert shown["Gamma flip"].startswith("$") or shown["Gamma flip"] == "none within 20%"
    assert shown["Call wall"].startswith("$") and shown["Put wall"].startswith("$")
    assert int(shown["Contracts"].replace(",", "")) > 1_000
    assert shown["As of"].endswith(" UTC")
    [attachment] = message.attachments
    assert attachment.filename.startswith("gex-spy-") and attachment.filename.endswith(".png")
    data = await attachment.read()
    assert data.startswith(PNG_SIGNATURE)
    assert Image.open(io.BytesIO(data)).size == (1200, 675)
    assert embed.image.url == f"attachment://{attachment.filename}"


async def test_gex_in_a_dm_answers_there_with_a_light_chart(
    discord_sim: SimulatedDiscord, linked: int
) -> None:
    exchange = await discord_sim.send("!gex qqq theme: light", dm=True)

    [message] = exchange.replies
    assert is_dm(message) and message.embeds[0].title == "QQQ gamma exposure (GEX)"
    [attachment] = message.attachments
    assert (await attachment.read()).startswith(PNG_SIGNATURE)


async def test_a_trader_without_a_production_account_is_told_to_link_one(
    discord_sim: SimulatedDiscord, linked: int
) -> None:
    exchange = await discord_sim.send("!gex SPY", member=1)

    reply = texts(exchange.replies)
    assert "link your production account first with `/link production`" in reply
    assert not any(m.attachments for m in exchange.replies)


async def test_an_unknown_ticker_is_not_found(discord_sim: SimulatedDiscord, linked: int) -> None:
    exchange = await discord_sim.send("!gex ZZZZ")

    assert "Tastytrade has no market data for ZZZZ" in texts(exchange.replies)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("!gex", "Missing `underlying`"),
        ("!gex SPY;DROP TABLE", NOT_A_TICKER),
        ("!gex ../../etc/passwd", NOT_A_TICKER),
        ("!gex <@&1>", NOT_A_TICKER),
        ("!gex @everyone", NOT_A_TICKER),
        ("!gex " + "S" * 1_500, NOT_A_TICKER),
        ("!gex SPY QQQ", NOT_A_TICKER),
        ("!gex SPY theme: neon", "The theme is `dark` or `light`"),
    ],
)
async def test_malformed_hostile_missing_or_oversized_input_is_refused(
    discord_sim: SimulatedDiscord, command: str, expected: str
) -> None:
    # refusals come before any market data is read: no linked account is needed
    exchange = await discord_sim.send(command)

    reply = texts(exchange.replies)
    assert expected in reply, reply
    assert "<@&1>" not in reply and "@everyone" not in reply
    assert not any(m.attachments for m in exchange.replies)


async def test_the_slash_command_answers_ephemerally_with_the_chart_in_the_embed() -> None:
    sent: list[dict[str, Any]] = []

    class SlashContext:
        interaction = object()
        guild = object()

        async def send(self, **kwargs: Any) -> None:
            sent.append(kwargs)

    embed = discord.Embed(title="SPY gamma exposure (GEX)")
    chart = RenderedChart(PNG_SIGNATURE + b"rest", "SPY GEX +$1.00B per 1% move.", "gex-spy.png")
    await send_levels(SlashContext(), embed, chart)  # type: ignore[arg-type]

    [answer] = sent
    assert answer["ephemeral"] is True and answer["embed"].image.url == "attachment://gex-spy.png"
    assert answer["file"].filename == "gex-spy.png"
    assert answer["file"].description == chart.summary


async def test_the_slash_command_describes_its_options(tastybot: Tastybot) -> None:
    command = tastybot.tree.get_command("gex")
    assert isinstance(command, discord.app_commands.Command) and command.description
    assert [p.display_name for p in command.parameters] == ["underlying", "theme"]
    for parameter in command.parameters:
        assert parameter.description and parameter.description != "…", parameter.name
    assert [p.display_name for p in command.parameters if p.required] == ["underlying"]


async def test_the_underlying_autocompletes_popular_tickers_and_what_is_typed(
    tastybot: Tastybot,
) -> None:
    cog = tastybot.get_cog("Market")
    assert cog is not None

    spy = await cog.underlying_autocomplete(None, "sp")  # type: ignore[attr-defined]
    typed = await cog.underlying_autocomplete(None, "zzz")  # type: ignore[attr-defined]
    hostile = await cog.underlying_autocomplete(None, "<@&1>")  # type: ignore[attr-defined]

    assert [choice.value for choice in spy] == ["SPY", "SPX"]
    assert [choice.value for choice in typed] == ["ZZZ"]
    assert hostile == []


async def test_help_explains_gex(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!help gex")

    assert "Gamma exposure (GEX) levels of an underlying" in texts(exchange.replies)
