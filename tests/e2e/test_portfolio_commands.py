"""`dashboard`, `positions`, `transactions`, `trades` and `pnl` on simulated Discord with the
real bot and a trader synced from the simulator: private answers, pagers and detail views,
refusals of malformed or hostile input, and trader B sees nothing of trader A's."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, cast

import discord
import pytest
from integration.portfolio.rows import account_of
from support.sync_world import link_grant

from bot.bot import Tastybot
from bot.discord_sim import SimulatedDiscord
from cogs.portfolio._views import ListPager
from services.broker import broker_route
from services.environment import Environment
from services.sync import SyncStatus, SyncTrigger, sync_trader
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

PRIVATE_POINTER = "I answered in your DMs (it is private)."


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


def texts(message: discord.Message | discord.Embed) -> str:
    embeds = [message] if isinstance(message, discord.Embed) else message.embeds
    parts = [] if isinstance(message, discord.Embed) else [message.content or ""]
    for embed in embeds:
        parts += [embed.title or "", embed.description or "", embed.footer.text or ""]
        parts += [f"{field.name} {field.value}" for field in embed.fields]
    return "\n".join(parts)


def is_dm(message: discord.Message) -> bool:
    return isinstance(message.channel, discord.DMChannel)


async def private_answer(discord_sim: SimulatedDiscord, command: str, member: int = 0) -> Any:
    exchange = await discord_sim.send(command, member=member)
    public = [m.content for m in exchange.replies if not is_dm(m)]
    assert public == [PRIVATE_POINTER], (command, public)
    return next(m for m in exchange.replies if is_dm(m))


async def public_reply(discord_sim: SimulatedDiscord, command: str, member: int = 0) -> str:
    exchange = await discord_sim.send(command, member=member)
    assert exchange.replies, command
    return texts(exchange.replies[-1])


def pager_of(bot: Tastybot, message: discord.Message) -> ListPager[Any]:
    # dpytest drops components; discord.py still tracks the view sent with a message.
    view = bot._connection._view_store._synced_message_views[message.id]
    assert type(view).__name__ == ListPager.__name__
    return cast(ListPager[Any], view)


class _Response:
    def __init__(self) -> None:
        self.edited: dict[str, Any] | None = None
        self.sent: str | None = None

    async def edit_message(self, **kwargs: Any) -> None:
        self.edited = kwargs

    async def send_message(self, content: str, **kwargs: Any) -> None:
        self.sent = content


class _Click:
    def __init__(self, user: discord.abc.User) -> None:
        self.user = user
        self.response = _Response()


async def click(pager: ListPager[Any], user: discord.abc.User, control: str) -> discord.Embed:
    """Press ``previous``/``next``/``back`` or pick item ``0``.. from the select."""
    interaction = _Click(user)
    assert await pager.interaction_check(interaction)  # type: ignore[arg-type]
    if control.isdigit():
        pager.details._values = [control]  # what Discord sends when an option is picked
        await pager.details.callback(interaction)  # type: ignore[arg-type]
    else:
        button = {"previous": pager.previous_button, "next": pager.next_button}.get(
            control, pager.back_button
        )
        assert button in pager.children and not button.disabled, control
        await button.callback(interaction)  # type: ignore[arg-type]
    assert interaction.response.edited is not None
    embed = interaction.response.edited["embed"]
    assert isinstance(embed, discord.Embed)
    return embed


async def test_dashboard_is_private_and_has_every_figure(
    discord_sim: SimulatedDiscord, synced: int
) -> None:
    answer = await private_answer(discord_sim, "!dashboard")

    shown = texts(answer)
    assert len(answer.embeds) == 1
    for expected in (
        "Total · production · 3 account(s)",
        "Total · sandbox · 3 account(s)",
        "5WT00001 · Individual (production)",
        "Net liq $",
        "BP $",
        "Day change n/a",  # the first sync: no balance from before today
        "Realized: today",
        "MTD",
        "YTD",
        "Unrealized",
        "Largest positions",
        "Last 5 transactions",
        "Last synced <t:",
    ):
        assert expected in shown, expected
    assert len(answer.embeds[0]) < 6000


async def test_positions_page_and_open_details(
    discord_sim: SimulatedDiscord, tastybot: Tastybot, synced: int
) -> None:
    answer = await private_answer(discord_sim, "!positions")
    assert "Positions" in texts(answer) and "pick one for details" in texts(answer)
    pager = pager_of(tastybot, answer)
    owner = discord_sim.member(0)

    detail = await click(pager, owner, "0")
    assert "Average open price" in texts(detail) and "Market value" in texts(detail)
    listed = await click(pager, owner, "back")
    assert "1. " in texts(listed)

    stranger = _Click(discord_sim.member(1))
    assert not await pager.interaction_check(stranger)  # type: ignore[arg-type]
    assert stranger.response.sent is not None and "someone else's" in stranger.response.sent

    only_qqq = texts(await private_answer(discord_sim, "!positions qqq"))
    assert "Positions on QQQ" in only_qqq and "MSFT" not in only_qqq
    none = texts(await private_answer(discord_sim, "!positions ZZZZ"))
    assert "No open positions on ZZZZ" in none


async def test_transactions_filter_page_and_detail(
    discord_sim: SimulatedDiscord, tastybot: Tastybot, synced: int
) -> None:
    answer = await private_answer(discord_sim, "!transactions symbol: SPY since: 2026-01-01")
    shown = texts(answer)
    assert "Filters: symbol SPY, since 2026-01-01" in shown and "Page 1/" in shown
    pager = pager_of(tastybot, answer)
    owner = discord_sim.member(0)

    second = await click(pager, owner, "next")
    assert "Page 2/" in (second.footer.text or "")
    assert "9. " in texts(second)  # numbering continues across pages
    first = await click(pager, owner, "previous")
    assert "Page 1/" in (first.footer.text or "")
    detail = await click(pager, owner, "0")
    assert "Tastytrade id" in texts(detail) and "Net value" in texts(detail)

    money = texts(await private_answer(discord_sim, "!transactions type: money movement"))
    assert "Deposit" in money or "Interest" in money
    empty = texts(await private_answer(discord_sim, "!transactions symbol: ZZZZ"))
    assert "No transactions match symbol ZZZZ" in empty


async def test_trades_list_and_detail(
    discord_sim: SimulatedDiscord, tastybot: Tastybot, synced: int
) -> None:
    answer = await private_answer(discord_sim, "!trades all")
    shown = texts(answer)
    assert "Closed trades · all time" in shown and "production: 5WT00001" in shown
    pager = pager_of(tastybot, answer)

    detail = await click(pager, discord_sim.member(0), "0")
    assert "Realized" in texts(detail) and "FIFO" in (detail.footer.text or "")

    today = texts(await private_answer(discord_sim, "!trades today"))
    assert "No trades closed in today" in today or "Closed trades · today" in today


async def test_pnl_by_underlying_month_and_strategy(
    discord_sim: SimulatedDiscord, synced: int
) -> None:
    by_underlying = texts(await private_answer(discord_sim, "!pnl all"))
    by_month = texts(await private_answer(discord_sim, "!pnl ytd month"))

    assert "P&L · all time" in by_underlying and "By underlying" in by_underlying
    assert "Fees paid in the period" in by_underlying and "Dividends" in by_underlying
    assert "By month" in by_month
    quoted = texts(await private_answer(discord_sim, '!pnl "last 30d" month'))
    assert "P&L · last 30 days" in quoted and "By month" in quoted
    strategy = await public_reply(discord_sim, "!pnl ytd strategy")
    assert "not available yet" in strategy and "later release" in strategy


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("!pnl lastweekish", "Say a period like"),
        ("!pnl 99999d", "Choose from 1 to 3660 days"),
        ("!pnl " + "9" * 200, "Say a period like"),
        ("!pnl ytd sector", "Group by"),
        ("!trades 2099-01", "Choose a year"),
        ("!positions <@&1>", "not a symbol"),
        ("!positions @everyone", "not a symbol"),
        ("!positions " + "A" * 60, "not a symbol"),
        ("!transactions since: 2026-02-30", "real date"),
        ("!transactions since: yesterday", "date like"),
        ("!transactions since: 2026-03-01 until: 2026-02-01", "must not be after"),
        ("!transactions type: trade'; DROP TABLE", "not a transaction type"),
        ("!transactions account: 5WT;1", "not an account number"),
        ("!transactions account: ZZZ99999", "no synced account ZZZ99999"),
        ("!pnl ytd underlying ZZZ99999", "no synced account ZZZ99999"),
        ("!dashboard now please", "Too many arguments"),
    ],
)
async def test_malformed_hostile_or_oversized_input_is_refused(
    discord_sim: SimulatedDiscord, synced: int, command: str, expected: str
) -> None:
    reply = await public_reply(discord_sim, command)

    assert expected in reply, reply
    assert "<@&1>" not in reply and "@everyone" not in reply


@pytest.mark.parametrize(
    "command", ["!dashboard", "!positions", "!transactions", "!trades", "!pnl"]
)
async def test_an_unlinked_trader_is_told_to_link(
    discord_sim: SimulatedDiscord, command: str
) -> None:
    reply = await public_reply(discord_sim, command)

    assert "Link one with /link, then run /sync" in reply


async def test_an_account_without_data_says_so_clearly(discord_sim: SimulatedDiscord) -> None:
    await account_of(discord_sim.member(0).id, "5WT00001", Environment.PRODUCTION)

    assert "No open positions in your last sync" in texts(
        await private_answer(discord_sim, "!positions")
    )
    assert "No transactions yet" in texts(await private_answer(discord_sim, "!transactions"))
    assert "No trades closed in year to date" in texts(await private_answer(discord_sim, "!trades"))
    assert "Nothing closed in year to date" in texts(await private_answer(discord_sim, "!pnl"))
    board = texts(await private_answer(discord_sim, "!dashboard"))
    assert "No open positions." in board and "No transactions yet." in board
    assert "Net liq n/a" in board


async def test_trader_b_gets_nothing_of_trader_a(
    discord_sim: SimulatedDiscord, synced: int
) -> None:
    seen = ""
    for command in (
        "!dashboard",
        "!positions",
        "!positions QQQ",
        "!transactions",
        "!transactions account: 5WT00001",
        "!trades all",
        "!trades all 5WT00001",
        "!pnl all",
        "!pnl all month 5WT00001",
    ):
        exchange = await discord_sim.send(command, member=1)
        seen += "\n".join(texts(reply) for reply in exchange.replies) + "\n"

    assert "Link one with /link" in seen and "no synced account 5WT00001" in seen
    rest = seen.replace("You have no synced account 5WT00001.", "")  # B's own words echoed
    assert "5WT0000" not in rest and "5WZ0000" not in rest and "$" not in rest


async def test_autocomplete_offers_only_the_askers_accounts_and_underlyings(
    discord_sim: SimulatedDiscord, tastybot: Tastybot, synced: int
) -> None:
    cog = tastybot.get_cog("Portfolio")
    assert cog is not None
    owner, stranger = _Click(discord_sim.member(0)), _Click(discord_sim.member(1))

    mine = await cog.account_autocomplete(owner, "5wt")  # type: ignore[attr-defined]
    theirs = await cog.account_autocomplete(stranger, "")  # type: ignore[attr-defined]
    symbols = await cog.underlying_autocomplete(owner, "Q")  # type: ignore[attr-defined]

    assert [choice.value for choice in mine] == ["5WT00001", "5WT00002", "5WT00003"]
    assert theirs == [] and await cog.underlying_autocomplete(stranger, "") == []  # type: ignore[attr-defined]
    assert [choice.value for choice in symbols] == ["QQQ"]
