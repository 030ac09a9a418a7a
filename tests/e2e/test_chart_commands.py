"""`/chart pnl|equity|breakdown|calendar|payoff` on simulated Discord with the real bot and a
trader synced from the simulator: each answers privately with a PNG and its one-line summary;
empty data gets a clear message; malformed, missing, hostile and oversized arguments are
refused; trader B sees nothing of trader A's."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import discord
import pytest
from integration.portfolio.rows import account_of, balance
from PIL import Image
from support.sync_world import link_grant

from bot.bot import Tastybot
from bot.discord_sim import SimulatedDiscord
from cogs.charts._cog import send_chart
from services.broker import broker_route
from services.db.models import BrokerAccount, Transaction
from services.environment import Environment
from services.reports.charts import RenderedChart
from services.strategies.grouping import refresh_groups
from services.strategies.reports import group_legs, list_groups
from services.sync import SyncStatus, SyncTrigger, sync_trader
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

PRIVATE_POINTER = "I answered in your DMs (it is private)."
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, transactions=300) as running:
        yield running


@pytest.fixture
async def synced(tastybot: Tastybot, discord_sim: SimulatedDiscord, sim: RunningSimulator) -> int:
    """Member 0, linked to both simulated environments and synced once."""
    tastybot.vault = Vault([generate_key()])
    tastybot.broker_route = broker_route(sim.url, demo_mode=True)
    trader = discord_sim.member(0).id
    for environment in Environment:
        await link_grant(tastybot.vault, trader, sim, environment)
    result = await sync_trader(
        trader, trigger=SyncTrigger.MANUAL, vault=tastybot.vault, route=tastybot.broker_route
    )
    assert result.status is SyncStatus.SUCCEEDED
    return trader


def is_dm(message: discord.Message) -> bool:
    return isinstance(message.channel, discord.DMChannel)


def texts(messages: list[discord.Message]) -> str:
    parts = []
    for message in messages:
        parts.append(message.content or "")
        for embed in message.embeds:
            parts += [embed.title or "", embed.description or ""]
    return "\n".join(parts)


async def private_chart(discord_sim: SimulatedDiscord, command: str) -> tuple[str, Image.Image]:
    """Send ``command`` in the server; the answer must be one DM with one PNG and its summary,
    and only a pointer in the channel."""
    exchange = await discord_sim.send(command)
    public = [m for m in exchange.replies if not is_dm(m)]
    private = [m for m in exchange.replies if is_dm(m)]
    assert [m.content for m in public] == [PRIVATE_POINTER], (command, texts(exchange.replies))
    assert not any(m.attachments for m in public)
    [message] = private
    [attachment] = message.attachments
    assert attachment.filename.endswith(".png")
    data = await attachment.read()
    assert data.startswith(PNG_SIGNATURE)
    return message.content, Image.open(io.BytesIO(data))


async def public_reply(discord_sim: SimulatedDiscord, command: str, member: int = 0) -> str:
    exchange = await discord_sim.send(command, member=member)
    assert exchange.replies, command
    assert not any(m.attachments for m in exchange.replies), command
    return texts(exchange.replies)


class Asking:
    """The part of an autocomplete interaction the cog reads: who is asking."""

    def __init__(self, user: discord.abc.User) -> None:
        self.user = user


async def busiest_year(discord_id: int) -> int:
    dates = await Transaction.filter(account__trader__discord_id=discord_id).values_list(
        "transaction_date", flat=True
    )
    years = [date.fromisoformat(str(day)).year for day in dates]
    return max(set(years), key=years.count)


async def test_chart_pnl_sends_the_cumulative_pnl_privately(
    discord_sim: SimulatedDiscord, synced: int
) -> None:
    summary, image = await private_chart(discord_sim, "!chart pnl all")

    assert summary.startswith("Cumulative realized P&L, all time (production · 5WT00001")
    assert "closing days" in summary and "$" in summary
    assert image.size == (1200, 675)


async def test_chart_breakdown_and_calendar(discord_sim: SimulatedDiscord, synced: int) -> None:
    year = await busiest_year(synced)

    breakdown, bars = await private_chart(discord_sim, "!chart breakdown all theme: light")
    calendar, heatmap = await private_chart(discord_sim, f"!chart calendar {year}")

    assert breakdown.startswith("Realized P&L by underlying, all time")
    assert bars.convert("RGB").getpixel((2, 2)) == (255, 255, 255)  # the light theme
    assert calendar.startswith(f"Realized P&L calendar, {year}") and "best month" in calendar
    assert heatmap.size == (1200, 945)
    assert heatmap.convert("RGB").getpixel((2, 2)) != (255, 255, 255)  # dark by default


async def test_charts_follow_the_traders_theme_unless_one_is_named(
    discord_sim: SimulatedDiscord, synced: int
) -> None:
    await discord_sim.send("!settings chart-theme light")

    _, mine = await private_chart(discord_sim, "!chart pnl all")
    _, named = await private_chart(discord_sim, "!chart pnl all theme: dark")

    assert mine.convert("RGB").getpixel((2, 2)) == (255, 255, 255)
    assert named.convert("RGB").getpixel((2, 2)) != (255, 255, 255)


async def test_chart_equity_draws_the_balances_of_each_sync(
    discord_sim: SimulatedDiscord, synced: int
) -> None:
    account = await BrokerAccount.get(
        trader__discord_id=synced, environment=Environment.PRODUCTION, account_number="5WT00001"
    )
    assert account.last_synced_at is not None
    await balance(account, account.last_synced_at - timedelta(days=1), "90000")

    summary, image = await private_chart(discord_sim, "!chart equity last 30d")

    assert summary.startswith("Equity curve, last 30 days (production · 5WT00001")
    assert "net liq $" in summary and image.size == (1200, 675)


async def test_chart_payoff_of_a_typed_order_uses_the_brokers_quote(
    discord_sim: SimulatedDiscord, synced: int
) -> None:
    summary, image = await private_chart(discord_sim, "!chart payoff BTO SPY 12/18 450C @ 2.15")
    given, _ = await private_chart(
        discord_sim,
        "!chart payoff sell 1 SPY 12/18 440/445/460/465 iron condor @ 1.50 spot: 452.10 iv: 18",
    )

    assert summary.startswith("Long call on SPY at ") and "max profit unbounded" in summary
    assert "max loss -$215.00" in summary and "break-even $452.15" in summary
    assert image.size == (1200, 675)
    assert given.startswith("Iron condor on SPY") and "spot $452.10" in given
    assert "break-even $443.50, $461.50" in given and "max loss -$350.00" in given


async def open_group(discord_id: int) -> int:
    """Group the synced lots (as the sync's hand-off will) and pick an open option group."""
    await refresh_groups(discord_id)
    groups = await list_groups(discord_id, status="open")
    for group in groups:
        if (await group_legs(discord_id, group.id)) and group.strategy_key != "long_stock":
            return group.id
    raise AssertionError("the simulated history has no open option group")


async def test_chart_breakdown_by_strategy(discord_sim: SimulatedDiscord, synced: int) -> None:
    await refresh_groups(synced)

    summary, image = await private_chart(discord_sim, "!chart breakdown all by: strategy")

    assert summary.startswith("Realized P&L by strategy, all time (production · 5WT00001")
    assert image.size[0] == 1200


async def test_chart_payoff_of_a_strategy_group(
    discord_sim: SimulatedDiscord, tastybot: Tastybot, synced: int
) -> None:
    group_id = await open_group(synced)

    summary, image = await private_chart(discord_sim, f"!chart payoff #{group_id}")
    theirs = await public_reply(discord_sim, f"!chart payoff {group_id}", member=1)
    cog = tastybot.get_cog("Charts")
    assert cog is not None
    offered = await cog.group_autocomplete(Asking(discord_sim.member(0)), "")  # type: ignore[attr-defined]
    offered_to_b = await cog.group_autocomplete(Asking(discord_sim.member(1)), "")  # type: ignore[attr-defined]
    typing_an_order = await cog.group_autocomplete(Asking(discord_sim.member(0)), "BTO SPY")  # type: ignore[attr-defined]

    assert " expiration: max profit " in summary or " now: max profit " in summary
    assert "spot $" in summary and image.size == (1200, 675)
    assert f"You have no strategy group #{group_id}" in theirs
    assert str(group_id) in [choice.value for choice in offered]
    assert offered_to_b == [] and typing_an_order == []


async def test_chart_alone_lists_the_charts(discord_sim: SimulatedDiscord) -> None:
    shown = await public_reply(discord_sim, "!chart")

    for name in ("pnl", "equity", "breakdown", "calendar", "payoff"):
        assert f"!chart {name}" in shown


async def test_an_account_without_closed_trades_is_told_there_is_nothing_to_chart(
    discord_sim: SimulatedDiscord,
) -> None:
    await account_of(discord_sim.member(0).id, "5WT00001", Environment.PRODUCTION)

    assert "No closed trades in year to date yet: nothing to chart." in await public_reply(
        discord_sim, "!chart pnl"
    )
    assert "No closed trades in 2026 yet" in await public_reply(discord_sim, "!chart calendar 2026")
    assert "No closed trades" in await public_reply(discord_sim, "!chart breakdown")
    assert "Fewer than two balances" in await public_reply(discord_sim, "!chart equity")


@pytest.mark.parametrize("command", ["!chart pnl", "!chart equity", "!chart calendar"])
async def test_an_unlinked_trader_is_told_to_link(
    discord_sim: SimulatedDiscord, command: str
) -> None:
    assert "Link one with /link, then run /sync" in await public_reply(discord_sim, command)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("!chart pnl fortnight", "or a range like `2026-01-01..2026-03-31`"),
        ("!chart pnl " + "9" * 300, "Say a period like"),
        ("!chart pnl 2026-03-31..2026-01-01", "end comes before its start"),
        ("!chart pnl ytd theme: neon", "The theme is `dark` or `light`"),
        ("!chart pnl ytd account: 5WT;1", "not an account number"),
        ("!chart pnl ytd account: ZZZ99999", "no synced account ZZZ99999"),
        ("!chart equity <@&1>", "Say a period like"),
        ("!chart breakdown ytd by: sector", "by `underlying` or `strategy`"),
        ("!chart breakdown ytd by: strategy account: 5WT00001", "leave out `account`"),
        ("!chart payoff #99999", "You have no strategy group #99999"),
        ("!chart payoff 99999999999", "not an order I can draw"),
        ("!chart calendar 2099", "Choose a year"),
        ("!chart calendar @everyone", "takes a year"),
        ("!chart payoff anyone buying SPY calls?", "not an order I can draw"),
        ("!chart payoff STC 5 TSLA 250p 1/15 @3.40", "closes a position"),
        ("!chart payoff BTO SPY 12/18 450C @ 2.15 spot: -5", "price as a number"),
        ("!chart payoff BTO SPY 12/18 450C @ 2.15 iv: 9000", "percentage from 1 to 500"),
        ("!chart payoff BTO SPY 12/18 450C " + "x" * 1500, "too long"),
        ("!chart payoff", "Missing `order`"),
        ("!chart nonsense", "!chart payoff"),
    ],
)
async def test_malformed_hostile_missing_or_oversized_input_is_refused(
    discord_sim: SimulatedDiscord, command: str, expected: str
) -> None:
    # every refusal comes before any of the trader's data is read, so none is needed
    reply = await public_reply(discord_sim, command)

    assert expected in reply, reply
    assert "<@&1>" not in reply and "@everyone" not in reply


async def test_trader_b_gets_nothing_of_trader_a(
    discord_sim: SimulatedDiscord, synced: int
) -> None:
    seen = ""
    for command in (
        "!chart pnl all",
        "!chart pnl all account: 5WT00001",
        "!chart equity all",
        "!chart breakdown all",
        "!chart calendar",
    ):
        seen += await public_reply(discord_sim, command, member=1) + "\n"

    assert "Link one with /link" in seen and "no synced account 5WT00001" in seen
    rest = seen.replace("You have no synced account 5WT00001.", "")
    assert "5WT0000" not in rest and "$" not in rest


async def test_every_slash_option_is_described(tastybot: Tastybot) -> None:
    group = tastybot.tree.get_command("chart")
    assert isinstance(group, discord.app_commands.Group)

    names = sorted(command.name for command in group.commands)
    assert names == ["breakdown", "calendar", "equity", "payoff", "pnl"]
    for command in group.commands:
        assert isinstance(command, discord.app_commands.Command)
        assert command.description and not command.description.endswith("…"), command.name
        for parameter in command.parameters:
            description = parameter.description
            assert description and not description.endswith("…"), parameter.name
    payoff = next(command for command in group.commands if command.name == "payoff")
    assert [p.display_name for p in payoff.parameters if p.required] == ["order"]


async def test_a_slash_command_answers_ephemerally_with_the_summary_as_alt_text() -> None:
    sent: list[dict[str, Any]] = []

    class SlashContext:
        interaction = object()
        guild = object()

        async def send(self, content: str, **kwargs: Any) -> None:
            sent.append({"content": content, **kwargs})

    chart = RenderedChart(PNG_SIGNATURE + b"rest", "Cumulative realized P&L: +$5.00.", "pnl.png")
    await send_chart(SlashContext(), chart)  # type: ignore[arg-type]

    [answer] = sent
    assert answer["ephemeral"] is True and answer["content"] == chart.summary
    assert answer["file"].filename == "pnl.png"
    assert answer["file"].description == chart.summary


async def test_autocomplete_offers_only_the_askers_accounts(
    discord_sim: SimulatedDiscord, tastybot: Tastybot, synced: int
) -> None:
    cog = tastybot.get_cog("Charts")
    assert cog is not None

    mine = await cog.account_autocomplete(Asking(discord_sim.member(0)), "5wt")  # type: ignore[attr-defined]
    theirs = await cog.account_autocomplete(Asking(discord_sim.member(1)), "")  # type: ignore[attr-defined]

    assert [choice.value for choice in mine] == ["5WT00001", "5WT00002", "5WT00003"]
    assert theirs == []
