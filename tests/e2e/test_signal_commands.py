"""`signal add|list|pause|resume|delete|test` on simulated Discord with the real bot, and a rule
firing in the bot: its order arrives by DM as the orders feature's preview, Confirm places it
once (the simulator's ground truth); malformed, missing, hostile and oversized input get a
clear answer with nothing stored; another member sees, changes and receives nothing."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import cast

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext.test import runner as dpytest_runner
from support.discord_ui import press, view_of
from support.sync_world import link_grant
from tastytrade import Account

import nlp
from bot.bot import Tastybot
from bot.discord_sim import SimulatedDiscord
from bot.notify_dm import DiscordDirectMessenger
from cogs.orders._views import PreviewView
from cogs.signals._cog import Signals
from services.broker import broker_route
from services.broker.transport import close_sdk_session, sdk_session
from services.db.models import BrokerAccount, OrderRequest, SignalEvent, SignalRule
from services.db.models import TestResult as Qualification
from services.environment import Environment
from services.market.gex import GexLevels
from services.market.levels import LevelsSnapshot
from services.notify import NotificationService
from services.orders._model import OrderState
from services.orders.limits import set_default_account, set_production_trading
from services.orders.qualify import KIND, SINGLE_OPTION_LIMIT
from services.parsing import exchange_today
from services.traders import trader_for
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

TRADER, OTHER = 0, 1
SENT_TO_DMS = "I answered in your DMs (it is private)."
FLIP_RULE = "when SPY crosses below the gamma flip then buy 1 SPY 0dte atm put"
CENT = Decimal("0.01")


def is_dm(message: discord.Message) -> bool:
    return isinstance(message.channel, discord.DMChannel)


def text_of(messages: list[discord.Message]) -> str:
    """Everything the messages say: content, embed titles, descriptions, fields, footers."""
    parts = []
    for message in messages:
        parts.append(message.content or "")
        for embed in message.embeds:
            parts += [embed.title or "", embed.description or "", embed.footer.text or ""]
            parts += [f"{field.name}: {field.value}" for field in embed.fields]
    return "\n".join(parts)


async def private_answer(discord_sim: SimulatedDiscord, command: str, member: int = TRADER) -> str:
    """The answer in the member's DMs (a pointer in the channel)."""
    exchange = await discord_sim.send(command, member=member)
    public = [m.content for m in exchange.replies if not is_dm(m)]
    assert public == [SENT_TO_DMS], (command, text_of(exchange.replies), exchange.error)
    return text_of([m for m in exchange.replies if is_dm(m)])


async def public_reply(discord_sim: SimulatedDiscord, command: str, member: int = TRADER) -> str:
    """The one answer in the channel (a refusal), nothing sent in DMs."""
    exchange = await discord_sim.send(command, member=member)
    assert [m for m in exchange.replies if is_dm(m)] == [], command
    [reply] = exchange.replies
    return text_of([reply])


async def sent_since() -> list[discord.Message]:
    """What the bot sent on its own (a firing's DM), after the events settle."""
    await dpytest.run_all_events()
    queue = dpytest_runner.sent_queue
    messages = []
    while not queue.empty():
        messages.append(queue.get_nowait())
    return messages


async def dms_to(member: discord.Member, messages: list[discord.Message]) -> list[discord.Message]:
    """The messages that went to ``member``'s DMs with the bot."""
    channel = await member.create_dm()
    return [message for message in messages if message.channel.id == channel.id]


def signals_cog(discord_sim: SimulatedDiscord) -> Signals:
    cog = discord_sim.bot.get_cog("Signals")
    assert cog is not None
    return cast(Signals, cog)


# --- commands without a broker --------------------------------------------------------------


async def test_add_answers_privately_with_the_rule_as_read(discord_sim: SimulatedDiscord) -> None:
    shown = await private_answer(discord_sim, f"!signal add {FLIP_RULE}")

    row = await SignalRule.get(trader__discord_id=discord_sim.member(TRADER).id)
    assert f"Signal rule #{row.id} added" in shown
    assert "SPY crosses below the gamma flip" in shown and "buy 1 SPY 0dte atm put" in shown
    assert "preview by DM to confirm" in shown and "waiting for the condition to clear" in shown


async def test_a_trailing_auto_or_the_flag_turns_auto_execute_on(
    discord_sim: SimulatedDiscord,
) -> None:
    by_word = await private_answer(discord_sim, f"!signal add {FLIP_RULE} auto")
    by_flag = await private_answer(discord_sim, f"!signal add {FLIP_RULE} auto: yes")

    assert "auto-execute" in by_word and "auto-execute" in by_flag
    assert await SignalRule.filter(auto_execute=True).count() == 2


async def test_list_pause_resume_and_delete(discord_sim: SimulatedDiscord) -> None:
    await private_answer(discord_sim, f"!signal add {FLIP_RULE}")
    await private_answer(discord_sim, "!signal add when QQQ above 520 then buy 1 QQQ 0dte 520 call")
    first, second = [row.id for row in await SignalRule.all().order_by("id")]

    listed = await private_answer(discord_sim, "!signal list")
    paused = await private_answer(discord_sim, f"!signal pause {first}")
    resumed = await private_answer(discord_sim, f"!signal resume #{first}")
    deleted = await private_answer(discord_sim, f"!signal delete {second}")
    after = await private_answer(discord_sim, "!signal list")

    assert f"#{first}" in listed and f"#{second}" in listed and "2 rules" in listed
    assert f"Signal rule #{first} paused" in paused and "State: paused" in paused
    assert f"Signal rule #{first} resumed" in resumed
    assert f"Signal rule #{second} deleted" in deleted
    assert f"#{first}" in after and f"#{second}" not in after
    assert (await SignalRule.get(id=second)).deleted_at is not None


async def test_another_member_sees_and_changes_nothing(discord_sim: SimulatedDiscord) -> None:
    await private_answer(discord_sim, f"!signal add {FLIP_RULE}")
    [rule] = await SignalRule.all()

    listed = await private_answer(discord_sim, "!signal list", member=OTHER)
    refusals = [
        await public_reply(discord_sim, f"!signal {action} {rule.id}", member=OTHER)
        for action in ("pause", "resume", "delete", "test")
    ]

    assert "You have no signal rules" in listed and "SPY crosses below" not in listed
    assert all(f"You have no signal rule #{rule.id}" in refusal for refusal in refusals)
    await rule.refresh_from_db()
    assert not rule.paused and rule.deleted_at is None
    assert await SignalEvent.all().count() == 0


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("!signal add buy 1 SPY 0dte atm put", "A rule starts with `when`"),
        ("!signal add when SPY crosses the flip then buy 1 SPY 0dte atm put", "Say which way"),
        ("!signal add when SPY above 500 then <@&1> @everyone `rm -rf`", "cannot read"),
        ("!signal add when QQQ above 520 then buy 1 QQQ put", "needs its expiration, strike"),
        ("!signal add when SPY above 500 then buy 1 SPY 0dte 500 put " + "x" * 900, "limit is 500"),
        ("!signal add", "Usage"),
        ("!signal pause", "Missing `rule`"),
        ('!signal pause "1; DROP TABLE signal_rule"', "A rule id is a number"),
        ("!signal delete @everyone", "A rule id is a number"),
        ("!signal resume 99999999999", "A rule id is a number"),
        ("!signal test -1", "A rule id is a number"),
        ("!signal pause 12345", "You have no signal rule #12345"),
    ],
)
async def test_malformed_missing_hostile_and_oversized_input_is_refused(
    discord_sim: SimulatedDiscord, command: str, expected: str
) -> None:
    reply = await public_reply(discord_sim, command)

    assert expected in reply, reply
    assert "@everyone" not in reply or "`" in reply
    assert await SignalRule.all().count() == 0


async def test_signal_alone_explains_the_commands(discord_sim: SimulatedDiscord) -> None:
    shown = await private_answer(discord_sim, "!signal")

    assert "signal add when <condition> then <order>" in shown and "test <id>" in shown


async def test_without_market_data_a_test_says_so(discord_sim: SimulatedDiscord) -> None:
    await private_answer(discord_sim, f"!signal add {FLIP_RULE}")
    [rule] = await SignalRule.all()

    reply = await public_reply(discord_sim, f"!signal test {rule.id}")

    assert "need the vault" in reply  # this bot was built without one
    assert await SignalEvent.all().count() == 0


# --- with the simulator ----------------------------------------------------------------------


# autouse: the simulator starts before the bot and stops after it, so the bot closes its own
# streams and sessions first (a simulator stopping under a live bot drops its sockets mid-use)
@pytest.fixture(autouse=True)
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, transactions=10) as running:
        yield running


async def _account_numbers(sim: RunningSimulator, environment: Environment) -> list[str]:
    creds = sim.credentials()[environment.value]
    session = sdk_session(creds["base_url"], creds["client_secret"], creds["refresh_token"])
    try:
        accounts = await Account.get(session)
    finally:
        await close_sdk_session(session)
    accounts.sort(key=lambda account: account.margin_or_cash != "Margin")
    return [account.account_number for account in accounts]


@pytest.fixture
async def trading(sim: RunningSimulator, discord_sim: SimulatedDiscord) -> Tastybot:
    """The bot wired to the simulator with DM notices; member 0 linked to both environments,
    the simulator's accounts stored, production trading on, qualified for single options.
    (``sim`` comes first so it stops after the bot.)"""
    bot = cast(Tastybot, discord_sim.bot)
    bot.vault = Vault([generate_key()])
    bot.broker_route = broker_route(str(sim.url), demo_mode=True)
    bot.notifier = NotificationService(
        messenger=DiscordDirectMessenger(bot), mailer=None, base_url="http://127.0.0.1"
    )
    trader = discord_sim.member(TRADER).id
    owner = await trader_for(trader)
    for environment in Environment:
        await link_grant(bot.vault, trader, sim, environment)
        for number in await _account_numbers(sim, environment):
            await BrokerAccount.create(trader=owner, environment=environment, account_number=number)
    await set_production_trading(trader, True)
    await set_default_account(trader, (await _account_numbers(sim, Environment.PRODUCTION))[0])
    await Qualification.create(trader=owner, kind=KIND, order_type=SINGLE_OPTION_LIMIT, passed=True)
    return bot


class FixedFlip:
    """Levels with a fixed gamma flip and the simulator's own SPY spot."""

    def __init__(self, sim: RunningSimulator, flip: Decimal) -> None:
        self.sim = sim
        self.flip = flip

    async def levels(self, underlying: str) -> LevelsSnapshot:
        spot = Decimal(self.sim.production.market.quote(underlying).mark).quantize(CENT)
        now = datetime.now(UTC)
        levels = GexLevels(
            spot=float(spot),
            total_gex=1e9,
            by_strike={self.flip: 1e9},
            zero_gamma=float(self.flip),
            call_wall=self.flip + 20,
            put_wall=self.flip - 20,
            contracts=1,
            as_of=now,
        )
        return LevelsSnapshot(underlying, spot, levels, now)


def put_spy_at(sim: RunningSimulator, spot: Decimal) -> None:
    spot = spot.quantize(CENT)
    sim.production.market.override_quote("SPY", bid=spot - CENT, ask=spot + CENT, last=spot)


def pin_puts(sim: RunningSimulator, expiration: object, around: Decimal) -> None:
    """Quote the puts near ``around`` at 1.00 x 1.10 (an order at 1.10 is marketable)."""
    strike = (around - 5).quantize(Decimal(1))
    while strike <= around + 5:
        symbol = f"SPY   {expiration:%y%m%d}P{int(strike * 1000):08d}"
        with contextlib.suppress(KeyError):  # not listed
            sim.production.market.override_quote(symbol, bid=Decimal("1.00"), ask=Decimal("1.10"))
        strike += Decimal("0.5")


async def test_a_firing_rule_dms_the_preview_and_confirm_places_it_once(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    # a monthly at a limit price: listed and accepted whatever the day and hour of the run
    order = "buy 1 SPY next month atm put @ 1.10"
    expiration = nlp.parse_order("buy 1 SPY next month 600 put", today=exchange_today()).legs[0]
    flip = Decimal(sim.production.market.quote("SPY").mark).quantize(Decimal(1))
    pin_puts(sim, expiration.expiration, flip * Decimal("0.995"))
    await private_answer(
        discord_sim, f"!signal add when SPY crosses below the gamma flip then {order}"
    )
    cog = signals_cog(discord_sim)
    cog.levels = FixedFlip(sim, flip)

    put_spy_at(sim, flip * Decimal("1.01"))
    armed = await cog.evaluate_once()
    put_spy_at(sim, flip * Decimal("0.995"))
    fired = await cog.evaluate_once()
    again = await cog.evaluate_once()
    messages = await sent_since()

    assert armed.fired == () and len(fired.fired) == 1 and again.fired == ()
    trader, other = discord_sim.member(TRADER), discord_sim.member(OTHER)
    to_trader = await dms_to(trader, messages)
    assert to_trader and await dms_to(other, messages) == [], text_of(messages)
    [preview] = [m for m in to_trader if m.embeds and (m.embeds[0].title or "").endswith("preview")]
    assert preview.content.startswith(f"Signal #{fired.fired[0]} fired:")
    [event] = await SignalEvent.filter(rule_id=fired.fired[0])
    request = await OrderRequest.get(signal_events__id=event.id)
    assert event.outcome == "previewed" and request.state == OrderState.PREVIEWED
    assert sim.accepted_orders("production", external_identifier=request.external_identifier) == []

    view = view_of(discord_sim, preview, PreviewView)
    refused = await press(view, "Confirm", other)  # another member: refused, nothing sent
    assert refused.response.sent and "someone else's" in refused.response.sent
    await press(view, "Confirm", trader)

    await request.refresh_from_db()
    assert request.state in (OrderState.PLACED, OrderState.FILLED)
    accepted = sim.accepted_orders("production", external_identifier=request.external_identifier)
    assert len(accepted) == 1


async def test_an_auto_rule_places_its_order_and_tells_the_trader(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    order = "buy 1 SPY next month atm put @ 1.10"
    expiration = nlp.parse_order("buy 1 SPY next month 600 put", today=exchange_today()).legs[0]
    flip = Decimal(sim.production.market.quote("SPY").mark).quantize(Decimal(1))
    pin_puts(sim, expiration.expiration, flip * Decimal("0.995"))
    rule = f"when SPY crosses below the gamma flip then {order} auto"
    await private_answer(discord_sim, f"!signal add {rule}")
    cog = signals_cog(discord_sim)
    cog.levels = FixedFlip(sim, flip)

    put_spy_at(sim, flip * Decimal("1.01"))
    await cog.evaluate_once()
    put_spy_at(sim, flip * Decimal("0.995"))
    fired = await cog.evaluate_once()
    messages = await sent_since()

    [event] = await SignalEvent.filter(rule_id=fired.fired[0])
    request = await OrderRequest.get(signal_events__id=event.id)
    assert request.state in (OrderState.PLACED, OrderState.FILLED)
    assert (
        len(sim.accepted_orders("production", external_identifier=request.external_identifier)) == 1
    )
    told = text_of([m for m in messages if is_dm(m)])
    assert "Placed automatically" in told and "preview" not in told.lower().split("signal #")[0]


async def test_a_test_reads_the_traders_own_market_data(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    await private_answer(discord_sim, f"!signal add {FLIP_RULE}")
    [rule] = await SignalRule.all()

    shown = await private_answer(discord_sim, f"!signal test {rule.id}")

    assert f"Signal rule #{rule.id}: test" in shown and "Nothing was ordered" in shown
    assert "the listed strike nearest" in shown
    [event] = await SignalEvent.filter(rule_id=rule.id)
    assert event.kind == "test" and event.levels["underlying"] == "SPY"
    assert await OrderRequest.all().count() == 0


async def test_every_slash_command_and_option_is_described_in_full(tastybot: Tastybot) -> None:
    group = tastybot.tree.get_command("signal")
    assert isinstance(group, discord.app_commands.Group)

    names = sorted(command.name for command in group.commands)
    assert names == ["add", "delete", "list", "pause", "resume", "test"]
    for command in group.commands:
        assert isinstance(command, discord.app_commands.Command)
        assert command.description and not command.description.endswith("…"), command.name
        for parameter in command.parameters:
            description = parameter.description
            assert description and not description.endswith("…"), (command.name, parameter.name)
    add = next(command for command in group.commands if command.name == "add")
    assert isinstance(add, discord.app_commands.Command)
    assert [(p.display_name, p.required) for p in add.parameters] == [
        ("rule", True),
        ("auto", False),
    ]
