"""`sync`, `sync status`, `sync history` and `sync errors` on simulated Discord with the real
bot, the real SDK and the simulator; private answers; trader B sees nothing of trader A's."""

from __future__ import annotations

from collections.abc import AsyncIterator

import discord
import pytest
from support.discord_ui import FakeInteraction, view_of
from support.sync_world import compare, link_grant

from bot.bot import Tastybot
from bot.discord_sim import SimulatedDiscord
from cogs.sync._views import HistoryPager, ProgressMessage, RetryView
from services.broker import broker_route
from services.broker.client import RetryPolicy
from services.environment import Environment
from services.sync import SyncProgress, SyncStage, SyncTrigger, sync_trader
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

FAST = RetryPolicy(attempts=3, initial_wait=0.01, max_wait=0.02, jitter=0.01, request_timeout=2)


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, transactions=300) as running:
        yield running


@pytest.fixture
def wired(tastybot: Tastybot, sim: RunningSimulator) -> Tastybot:
    """The bot with a vault and the simulator as its Tastytrade (demo routing)."""
    tastybot.vault = Vault([generate_key()])
    tastybot.broker_route = broker_route(sim.url, demo_mode=True)
    return tastybot


async def link(bot: Tastybot, sim: RunningSimulator, discord_id: int) -> None:
    assert bot.vault is not None
    for environment in Environment:
        await link_grant(bot.vault, discord_id, sim, environment)


def texts(message: discord.Message) -> str:
    parts = [message.content or ""]
    for embed in message.embeds:
        parts += [embed.title or "", embed.description or "", (embed.footer.text or "")]
        parts += [f"{field.name} {field.value}" for field in embed.fields]
    return "\n".join(parts)


def is_dm(message: discord.Message) -> bool:
    return isinstance(message.channel, discord.DMChannel)


async def final(message: discord.Message) -> discord.Message:
    return await message.channel.fetch_message(message.id)


async def test_sync_then_status_shows_the_accounts_privately(
    discord_sim: SimulatedDiscord, wired: Tastybot, sim: RunningSimulator
) -> None:
    trader = discord_sim.member(0)
    await link(wired, sim, trader.id)

    exchange = await discord_sim.send("!sync")

    public = [m for m in exchange.replies if not is_dm(m)]
    private = [m for m in exchange.replies if is_dm(m)]
    assert [m.content for m in public] == ["I answered in your DMs (it is private)."]
    assert len(private) == 1  # one message, edited as the stages finish
    done = await final(private[0])
    assert "Sync succeeded" in texts(done)
    assert "5WT00001 (production)" in texts(done) and "5WZ00001 (sandbox)" in texts(done)
    assert (await compare(sim, trader.id)).equal

    status = await discord_sim.send("!sync status")
    shown = texts(next(m for m in status.replies if is_dm(m)))
    for number in ("5WT00001", "5WT00002", "5WT00003", "5WZ00001"):
        assert number in shown
    assert "last outcome: succeeded" in shown

    history = await discord_sim.send("!sync history")
    assert "#1 · manual · succeeded" in texts(next(m for m in history.replies if is_dm(m)))


async def test_one_account_and_malformed_or_oversized_accounts(
    discord_sim: SimulatedDiscord, wired: Tastybot, sim: RunningSimulator
) -> None:
    await link(wired, sim, discord_sim.member(0).id)
    await discord_sim.send("!sync")

    one = await discord_sim.send("!sync 5wt00002")
    done = await final(next(m for m in one.replies if is_dm(m)))
    assert "5WT00002 (production)" in texts(done) and "5WT00001" not in texts(done)

    for hostile in ("!sync 5WT;DROP", "!sync " + "9" * 40, "!sync <@&1>", "!sync @everyone"):
        refused = await discord_sim.send(hostile)
        assert "not an account number" in texts(refused.replies[-1]), hostile
    unknown = await discord_sim.send("!sync ZZZ99999")
    assert "no synced account ZZZ99999" in texts(
        await final(next(m for m in unknown.replies if is_dm(m)))
    )
    extra = await discord_sim.send("!sync status please")
    assert "Too many arguments" in texts(extra.replies[-1])


async def test_unlinked_trader_is_told_to_link(
    discord_sim: SimulatedDiscord, wired: Tastybot
) -> None:
    exchange = await discord_sim.send("!sync")

    answer = await final(next(m for m in exchange.replies if is_dm(m)))
    assert "/link" in texts(answer)


async def test_a_sync_already_running_is_said_so(
    discord_sim: SimulatedDiscord, wired: Tastybot, sim: RunningSimulator
) -> None:
    trader = discord_sim.member(0)
    await link(wired, sim, trader.id)
    from services.sync._lock import trader_sync_lock

    async with trader_sync_lock(trader.id):  # another process's sync, as far as /sync knows
        exchange = await discord_sim.send("!sync")

    answer = await final(next(m for m in exchange.replies if is_dm(m)))
    assert "already running" in texts(answer)


async def test_failed_sync_shows_errors_and_retry_completes_it(
    discord_sim: SimulatedDiscord, wired: Tastybot, sim: RunningSimulator
) -> None:
    trader = discord_sim.member(0)
    await link(wired, sim, trader.id)
    cog = wired.get_cog("Sync")
    cog.retry_policy = FAST  # type: ignore[union-attr]
    none_yet = await discord_sim.send("!sync errors")
    assert "None of your syncs had errors" in texts(none_yet.replies[-1])
    await sim.set_faults([{"kind": "page_fail", "path": "/accounts/*/transactions"}])

    exchange = await discord_sim.send("!sync")

    message = await final(next(m for m in exchange.replies if is_dm(m)))
    assert "Sync partly failed" in texts(message) and "Retry" in texts(message)
    errors = await discord_sim.send("!sync errors")
    details = texts(next(m for m in errors.replies if is_dm(m)))
    assert "transactions · 5WT00001" in details and "temporary" in details
    retry = view_of(discord_sim, message)
    assert type(retry).__name__ == RetryView.__name__
    stranger = FakeInteraction(discord_sim.member(1), message)
    assert not await retry.interaction_check(stranger)  # type: ignore[arg-type]
    assert stranger.response.sent is not None and "Only the trader" in stranger.response.sent

    await sim.set_faults([])
    owner = FakeInteraction(trader, message)
    assert await retry.interaction_check(owner)  # type: ignore[arg-type]
    await retry.children[0].callback(owner)  # type: ignore[attr-defined]

    assert "Sync succeeded" in texts(await final(message))
    assert (await compare(sim, trader.id)).equal
    history = await discord_sim.send("!sync history")
    shown = texts(next(m for m in history.replies if is_dm(m)))
    assert "#2 · retry · succeeded" in shown and "#1 · manual · partly failed" in shown


async def test_history_pages_with_buttons(
    discord_sim: SimulatedDiscord, wired: Tastybot, sim: RunningSimulator
) -> None:
    trader = discord_sim.member(0)
    await link(wired, sim, trader.id)
    assert wired.vault is not None
    for _ in range(7):
        await sync_trader(
            trader.id,
            trigger=SyncTrigger.MANUAL,
            vault=wired.vault,
            route=wired.broker_route,
            policy=FAST,
        )

    exchange = await discord_sim.send("!sync history")

    message = next(m for m in exchange.replies if is_dm(m))
    assert "#7 · manual" in texts(message) and "Page 1/2" in texts(message)
    pager = view_of(discord_sim, message)
    assert type(pager).__name__ == HistoryPager.__name__
    click = FakeInteraction(trader, message)
    await pager.children[1].callback(click)  # type: ignore[attr-defined]
    assert click.response.edited is not None
    older = click.response.edited["embed"]
    assert "Page 2/2" in (older.footer.text or "")
    assert [field.name.split(" ")[0] for field in older.fields] == ["#2", "#1"]
    for hostile in ("!sync history 0", "!sync history 99", "!sync history two"):
        refused = await discord_sim.send(hostile)
        assert "Usage" in texts(refused.replies[-1]) or "doesn't look right" in texts(
            refused.replies[-1]
        ), hostile


async def test_trader_b_sees_and_changes_nothing_of_trader_a(
    discord_sim: SimulatedDiscord, wired: Tastybot, sim: RunningSimulator
) -> None:
    a = discord_sim.member(0)
    await link(wired, sim, a.id)
    await sim.set_faults([{"kind": "page_fail", "path": "/accounts/*/transactions"}])
    wired.get_cog("Sync").retry_policy = FAST  # type: ignore[union-attr]
    await discord_sim.send("!sync")  # A has accounts, a partial run and its errors
    await sim.set_faults([])
    before = await compare(sim, a.id)

    seen = ""
    for command in (
        "!sync status",
        "!sync history",
        "!sync errors",
        "!sync errors 1",
        "!sync 5WT00001",
        "!sync",
    ):
        exchange = await discord_sim.send(command, member=1)
        for reply in exchange.replies:
            seen += texts(await final(reply)) + "\n"

    for secret in ("5WT0000", "5WZ0000", "#1 ·", "transactions ·"):
        assert secret not in seen
    assert "No synced accounts yet" in seen and "You have no sync #1" in seen
    assert "None of your syncs had errors" in seen and "/link" in seen
    after = await compare(sim, a.id)
    assert (after.lost, after.transactions) == (before.lost, before.transactions)


async def test_progress_message_is_edited_at_most_once_a_second() -> None:
    edits: list[discord.Embed] = []

    class Message:
        async def edit(self, *, embed: discord.Embed) -> None:
            edits.append(embed)

    now = [0.0]
    progress = ProgressMessage(Message(), clock=lambda: now[0])  # type: ignore[arg-type]
    update = SyncProgress(SyncStage.ACCOUNTS, 3, 0, 0, 0, 0)
    await progress.update(update)
    now[0] = 0.5
    await progress.update(SyncProgress(SyncStage.BALANCES, 3, 0, 0, 0, 0))
    now[0] = 1.6
    await progress.update(SyncProgress(SyncStage.TRANSACTIONS, 3, 1, 4, 250, 0))

    assert len(edits) == 2
    assert "250 new" in " ".join(str(field.value) for field in edits[-1].fields)
