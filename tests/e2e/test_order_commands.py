"""Orders from chat end to end: the real bot on simulated Discord, the real pipeline against
the simulator, checked against the simulator's ground truth (every order it ever accepted).

A typed order becomes a preview (sandbox rehearsal passed), Confirm places it once, the
trader hears of its fill by DM; an invalid order gets suggestions and nothing reaches
Tastytrade; a Confirm after the market moved says what moved and sends nothing; chatter in
an order channel gets no reply; another member's presses change nothing; a double Confirm
and a redelivered message make one order; bad input gets a clear answer everywhere."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, cast

import discord
import pytest
from discord.ext.test import backend
from support.discord_ui import press, view_of
from support.sync_world import link_grant
from tastytrade import Account

from bot.bot import Tastybot
from bot.discord_sim import Exchange, SimulatedDiscord, render_message
from bot.notify_dm import DiscordDirectMessenger
from cogs.orders._embeds import CHATTER_HINT
from cogs.orders._views import PreviewView, QuestionView
from services.broker import broker_route
from services.broker.transport import close_sdk_session, sdk_session
from services.db.models import BrokerAccount, ChatMessage, OrderRequest, TestResult
from services.environment import Environment
from services.guild_config import set_order_channel, set_trading_role
from services.notify import NotificationService
from services.orders._model import OrderState
from services.orders.limits import set_default_account, set_production_trading, update_limits
from services.orders.qualify import KIND, REPLACE, SINGLE_OPTION_LIMIT
from services.orders.workers import OrderWorkers
from services.traders import trader_for
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

TRADER, OTHER = 0, 1
RESTING = "buy 10 calls for SPY at strike 600 expiring next month @ 1.00"  # below the ask
REFUSED = "That order was already confirmed or cancelled; nothing more was sent."
INVALID = "buy 1 SPY 451.37 call next month @ 2.00"  # no such strike
VAULT_KEY = generate_key()  # this run's: the order workers build their vault from it too


# autouse: the simulator starts before the bot and stops after it, so the bot closes its own
# streams and sessions first (a simulator stopping under a live bot drops its sockets mid-use)
@pytest.fixture(autouse=True)
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, transactions=50) as running:
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
def vaulted(discord_sim: SimulatedDiscord) -> Tastybot:
    """The bot with a vault (orders need one) and no broker: a test using only this never
    reaches Tastytrade (its traders are not linked, so nothing is asked of a broker)."""
    bot = cast(Tastybot, discord_sim.bot)
    bot.vault = Vault([generate_key()])
    bot.broker_route = broker_route("http://127.0.0.1:9", demo_mode=True)
    return bot


@pytest.fixture
async def trading(discord_sim: SimulatedDiscord, sim: RunningSimulator) -> AsyncIterator[Tastybot]:
    """The bot wired to the simulator with DM notices; member 0 linked to both environments,
    the simulator's accounts stored, production trading on, qualified for single options."""
    bot = cast(Tastybot, discord_sim.bot)
    bot.vault = Vault([VAULT_KEY])
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
    for kind in (SINGLE_OPTION_LIMIT, REPLACE):  # as `/qualify` stores a passed run
        await TestResult.create(trader=owner, kind=KIND, order_type=kind, passed=True)
    yield bot
    # the status poll, the account streams and the pooled sessions end before the simulator
    cog = bot.get_cog("Trading")
    if cog is not None:
        await cog.cog_unload()
    await bot.order_context().close()


def dms(exchange: Exchange) -> list[discord.Message]:
    return [m for m in exchange.replies if isinstance(m.channel, discord.DMChannel)]


def in_channel(exchange: Exchange, discord_sim: SimulatedDiscord) -> list[discord.Message]:
    return [m for m in exchange.replies if m.channel == discord_sim.channel]


def fields_of(message: discord.Message, embed: int = 0) -> dict[str, str]:
    return {str(f.name): str(f.value) for f in message.embeds[embed].fields}


def text_of(exchange: Exchange) -> str:
    return "\n".join(render_message(message) for message in exchange.replies)


async def _preview(discord_sim: SimulatedDiscord, text: str = RESTING) -> discord.Message:
    exchange = await discord_sim.send(text, dm=True)
    [message] = dms(exchange)
    assert message.embeds and message.embeds[0].title, text_of(exchange)
    assert message.embeds[0].title.endswith(": preview"), text_of(exchange)
    return message


async def _request(message: discord.Message) -> OrderRequest:
    title = str(message.embeds[0].title)
    order_id = int(title.split("#")[1].split(":")[0])
    return await OrderRequest.get(id=order_id)


def _production(sim: RunningSimulator, request: OrderRequest) -> list[Any]:
    return sim.accepted_orders("production", external_identifier=request.external_identifier)


async def _latest(message: discord.Message, discord_sim: SimulatedDiscord) -> discord.Message:
    """The message as it is now (edits included)."""
    channel = message.channel
    assert isinstance(channel, discord.abc.Messageable)
    return await channel.fetch_message(message.id)


# --- the order's way from a DM to a fill -----------------------------------------------------


async def test_a_dm_order_is_rehearsed_previewed_and_confirmed_once(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    message = await _preview(discord_sim)

    shown = fields_of(message)
    assert "Buy to Open 10 × SPY" in str(message.embeds[0].description)
    assert "600 call" in str(message.embeds[0].description)
    assert shown["Price"] == "1.00 debit · limit · Day"
    assert shown["Sandbox rehearsal"].startswith("✅ passed")
    assert shown["Estimated fees"].startswith("$")
    assert shown["Max loss"] == "$1,000.00"
    assert shown["Max profit"] == "unlimited"
    assert shown["Break-even"] == "601.00"
    assert "Confirm by" in shown
    request = await _request(message)
    assert _production(sim, request) == []  # nothing before Confirm
    # the payoff diagram joins the preview once it is shown
    shown_now = await _latest(message, discord_sim)
    [chart] = shown_now.attachments
    assert chart.filename == f"order-{request.id}-payoff.png"
    assert chart.description is not None and "SPY" in chart.description

    view = view_of(discord_sim, message, PreviewView)
    pressed = await press(view, "Confirm", discord_sim.member(TRADER))

    assert pressed.response.edited is not None
    assert pressed.response.edited["content"] == "Placing the order at Tastytrade…"
    now = await _latest(message, discord_sim)
    assert now.embeds[0].title == f"Order #{request.id}: working at Tastytrade"
    assert fields_of(now)["Tastytrade order"].isdigit()
    assert len(_production(sim, request)) == 1
    await request.refresh_from_db()
    assert request.state == OrderState.PLACED
    assert (request.preview_channel_id, request.preview_message_id) == (
        message.channel.id,
        message.id,
    )


async def _reprice_to_fill(
    discord_sim: SimulatedDiscord, sim: RunningSimulator, request: OrderRequest
) -> Exchange:
    """Replace the working order's price with the ask, so that it fills."""
    ask = Decimal(str(sim.market.quote(request.legs[0]["symbol"]).ask))
    return await discord_sim.send(f"!order replace {request.id} {ask}", dm=True)


def _fill_dms(trading: Tastybot, request: OrderRequest) -> list[discord.Message]:
    """The DMs that told the trader the order filled."""
    return [
        m
        for m in trading.cached_messages
        if isinstance(m.channel, discord.DMChannel)
        and m.embeds
        and m.embeds[0].title == f"Order #{request.id} filled"
    ]


async def _until_filled_and_told(
    discord_sim: SimulatedDiscord,
    trading: Tastybot,
    request: OrderRequest,
    message: discord.Message,
) -> discord.Message:
    """The order's message once the fill is recorded, told by DM and shown on the message.

    The fill arrives by the streamer or by the fallback poll (the cog's loop runs it every few
    seconds, and edits the order's message then); the source that records it DMs the trader
    just after, so the three are awaited together."""
    cog = trading.get_cog("Trading")
    assert cog is not None
    for _ in range(50):
        await cog.poll_once()  # type: ignore[attr-defined]
        await request.refresh_from_db()
        now = await _latest(message, discord_sim)
        shown = now.embeds[0].title if now.embeds else None
        edited = shown == f"Order #{request.id}: filled"
        if request.state == OrderState.FILLED and _fill_dms(trading, request) and edited:
            break
        await asyncio.sleep(0.1)
    return now


async def test_a_filled_order_reaches_the_trader_by_dm_and_edits_its_message(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    message = await _preview(discord_sim)
    request = await _request(message)
    await press(view_of(discord_sim, message, PreviewView), "Confirm", discord_sim.member(TRADER))

    repriced = await _reprice_to_fill(discord_sim, sim, request)
    now = await _until_filled_and_told(discord_sim, trading, request, message)

    assert f"Order #{request.id} now works at" in dms(repriced)[0].content
    assert request.state == OrderState.FILLED
    assert len(_fill_dms(trading, request)) == 1
    assert now.embeds[0].title == f"Order #{request.id}: filled"
    assert fields_of(now)["Filled"].startswith("10 at ")


async def test_with_order_workers_an_order_is_previewed_placed_and_its_fill_told_once(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    """ORDER_WORKERS: the steps run in worker processes, the conversation stays here."""
    await trading.start_order_workers(2, [VAULT_KEY])
    assert isinstance(trading.orders(), OrderWorkers)
    message = await _preview(discord_sim)
    request = await _request(message)
    assert fields_of(message)["Sandbox rehearsal"].startswith("✅ passed")

    await press(view_of(discord_sim, message, PreviewView), "Confirm", discord_sim.member(TRADER))

    now = await _latest(message, discord_sim)
    assert now.embeds[0].title == f"Order #{request.id}: working at Tastytrade"
    assert len(_production(sim, request)) == 1
    # repriced to the ask it fills; the worker that placed it follows it, and so do this
    # process's poll and the replace's own stream: the trader is told once
    await _reprice_to_fill(discord_sim, sim, request)
    now = await _until_filled_and_told(discord_sim, trading, request, message)
    await asyncio.sleep(0.5)  # a second notice, were there one, would have come by now

    assert request.state == OrderState.FILLED
    assert len(_fill_dms(trading, request)) == 1
    assert now.embeds[0].title == f"Order #{request.id}: filled"


async def test_a_working_order_is_cancelled_by_command(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    message = await _preview(discord_sim)
    request = await _request(message)
    await press(view_of(discord_sim, message, PreviewView), "Confirm", discord_sim.member(TRADER))

    exchange = await discord_sim.send(f"!order cancel {request.id}", dm=True)

    said = [m.content for m in dms(exchange) if m.content]
    assert said == [f"Order #{request.id} is cancelled at Tastytrade."]
    await request.refresh_from_db()
    assert request.state == OrderState.CANCELLED
    [accepted] = _production(sim, request)
    account = sim.state()["environments"]["production"]["accounts"][accepted.account_number]
    [order] = [o for o in account["orders"] if o["id"] == accepted.order_id]
    assert order["status"] == "Cancelled"


async def test_an_invalid_order_gets_suggestions_and_nothing_is_placed(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    exchange = await discord_sim.send(INVALID, dm=True)

    [message] = dms(exchange)
    while message.embeds[0].title and "a question" in message.embeds[0].title:
        view = view_of(discord_sim, message, QuestionView)
        await press(view, view.question.choices[0].label[:10], discord_sim.member(TRADER))
        message = await _latest(message, discord_sim)
    embed = message.embeds[0]
    assert str(embed.title).endswith("not placed: invalid")
    assert "Try:" in fields_of(message)["What to fix"]
    assert embed.footer.text == "Nothing was placed."
    assert sim.accepted_orders("production") == []
    assert sim.accepted_orders("sandbox") == []


async def test_a_breached_limit_says_which_and_by_how_much(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    await update_limits(discord_sim.member(TRADER).id, max_contracts="5")

    [message] = dms(await discord_sim.send(RESTING, dm=True))

    assert str(message.embeds[0].title).endswith("not placed: refused by a limit")
    breaches = fields_of(message)["Limits it breaks"]
    assert "Max contracts is 5; this order has 10 (5 over)." in breaches
    assert sim.accepted_orders() == []


async def test_a_cancelled_preview_sends_nothing(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    message = await _preview(discord_sim)
    request = await _request(message)
    view = view_of(discord_sim, message, PreviewView)

    pressed = await press(view, "Cancel", discord_sim.member(TRADER))

    assert pressed.response.edited is not None
    assert pressed.response.edited["content"] == "Cancelled: nothing was sent to Tastytrade."
    assert all(getattr(item, "disabled", False) for item in view.children)
    await request.refresh_from_db()
    assert request.state == OrderState.CANCELLED
    assert _production(sim, request) == []


async def test_an_expired_preview_greys_out_and_cannot_be_confirmed(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    message = await _preview(discord_sim)
    request = await _request(message)
    view = view_of(discord_sim, message, PreviewView)
    await OrderRequest.filter(id=request.id).update(
        preview_expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )

    await view.on_timeout()
    pressed = await press(view, "Confirm", discord_sim.member(TRADER))

    assert all(getattr(item, "disabled", False) for item in view.children)
    assert (await _latest(message, discord_sim)).content.startswith("That preview expired")
    assert pressed.response.edited is not None
    assert _production(sim, request) == []


async def test_confirm_after_the_market_moved_tells_what_moved_and_sends_nothing(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    market = sim.production.market
    market.override_quote(
        "SPY", bid=Decimal("600.09"), ask=Decimal("600.11"), last=Decimal("600.10")
    )
    message = await _preview(discord_sim)
    request = await _request(message)
    view = view_of(discord_sim, message, PreviewView)
    market.override_quote(
        "SPY", bid=Decimal("607.24"), ask=Decimal("607.26"), last=Decimal("607.25")
    )

    pressed = await press(view, "Confirm", discord_sim.member(TRADER))

    assert pressed.response.edited is not None  # "Placing…" first, then the refusal
    said = (await _latest(message, discord_sim)).content or ""
    assert said.startswith("SPY moved from 600.10 to 607.25"), said
    assert said.endswith("nothing was sent. Send the order again for a fresh preview."), said
    assert all(getattr(item, "disabled", False) for item in view.children)
    await request.refresh_from_db()
    assert request.state == OrderState.EXPIRED
    assert _production(sim, request) == []


async def test_a_question_is_answered_with_a_button_and_leads_to_the_preview(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    await set_default_account(discord_sim.member(TRADER).id, None)  # several accounts: asked

    exchange = await discord_sim.send(RESTING, dm=True)
    [message] = dms(exchange)
    assert str(message.embeds[0].title).endswith(": a question")
    view = view_of(discord_sim, message, QuestionView)
    assert view.question.topic == "account"
    others = await press(view, view.question.choices[0].label[:8], discord_sim.member(OTHER))
    assert others.response.sent is not None and "someone else's order" in others.response.sent

    await press(view, view.question.choices[0].label[:8], discord_sim.member(TRADER))

    now = await _latest(message, discord_sim)
    assert str(now.embeds[0].title).endswith(": preview")
    assert fields_of(now)["Account"] == view.question.choices[0].value
    preview = view_of(discord_sim, now, PreviewView)  # the same message now holds Confirm
    await press(preview, "Confirm", discord_sim.member(TRADER))
    assert len(_production(sim, await _request(now))) == 1


# --- one order, whatever happens twice ---------------------------------------------------------


async def test_another_member_pressing_confirm_or_cancel_is_refused_and_changes_nothing(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    message = await _preview(discord_sim)
    request = await _request(message)
    view = view_of(discord_sim, message, PreviewView)

    confirm = await press(view, "Confirm", discord_sim.member(OTHER))
    cancel = await press(view, "Cancel", discord_sim.member(OTHER))

    for pressed in (confirm, cancel):
        assert pressed.response.sent is not None and "someone else's order" in pressed.response.sent
        assert pressed.response.edited is None
    await request.refresh_from_db()
    assert request.state == OrderState.PREVIEWED
    assert not any(getattr(item, "disabled", False) for item in view.children)
    assert _production(sim, request) == []


async def test_a_double_confirm_places_one_order(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    message = await _preview(discord_sim)
    request = await _request(message)
    view = view_of(discord_sim, message, PreviewView)
    member = discord_sim.member(TRADER)

    first, second = await asyncio.gather(
        press(view, "Confirm", member), press(view, "Confirm", member)
    )
    third = await press(view, "Confirm", member)  # a late replay

    assert len(_production(sim, request)) == 1
    said = [p.response.sent for p in (first, second, third) if p.response.sent]
    assert said.count(REFUSED) == 2  # the two presses that lost, whichever they were
    assert set(said) <= {REFUSED, "Placed."}
    now = await _latest(message, discord_sim)
    assert now.embeds[0].title == f"Order #{request.id}: working at Tastytrade"


async def test_a_redelivered_message_makes_one_order(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    message = await _preview(discord_sim)
    typed = next(
        m
        for m in trading.cached_messages
        if m.author == discord_sim.member(TRADER) and m.content == RESTING
    )
    cog = trading.get_cog("Trading")
    assert cog is not None

    await cog.on_message(typed)  # type: ignore[attr-defined]  # Discord delivers it again

    assert await OrderRequest.all().count() == 1
    assert await ChatMessage.filter(discord_message_id=typed.id).count() == 1
    assert (await ChatMessage.get(discord_message_id=typed.id)).outcome == "order"
    assert (await _request(message)).state == OrderState.PREVIEWED


# --- servers: order channels, mentions and trading roles ----------------------------------------


async def test_chatter_in_an_order_channel_gets_no_reply(
    discord_sim: SimulatedDiscord, vaulted: Tastybot
) -> None:
    await set_order_channel(discord_sim.channel.guild.id, discord_sim.channel.id, True)

    exchange = await discord_sim.send("gm everyone, SPY looking strong into the close")

    assert exchange.replies == [] and exchange.error is None
    [row] = await ChatMessage.all()
    assert row.outcome == "chatter"
    assert await OrderRequest.all().count() == 0


async def test_a_plain_channel_is_not_read(
    discord_sim: SimulatedDiscord, vaulted: Tastybot
) -> None:
    exchange = await discord_sim.send(RESTING)

    assert exchange.replies == []
    assert await ChatMessage.all().count() == 0


async def test_an_order_in_an_order_channel_is_previewed_in_dm_with_a_public_pointer(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    await set_order_channel(discord_sim.channel.guild.id, discord_sim.channel.id, True)

    exchange = await discord_sim.send(RESTING)

    [public] = in_channel(exchange, discord_sim)
    [private] = dms(exchange)
    request = await _request(private)
    assert public.content.endswith(
        f"order #{request.id}: I answered in your DMs (orders are private)."
    )
    assert "SPY" not in public.content and not public.embeds
    assert private.embeds[0].title == f"Order #{request.id}: preview"


async def test_a_message_that_may_be_talk_is_asked_about_in_dm_alone(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    await set_order_channel(discord_sim.channel.guild.id, discord_sim.channel.id, True)

    exchange = await discord_sim.send(TALKED_ABOUT)

    assert in_channel(exchange, discord_sim) == []  # the channel hears nothing, as of chatter
    [private] = dms(exchange)
    assert str(private.embeds[0].title).endswith(": a question")
    assert view_of(discord_sim, private, QuestionView).question.topic == "intent"
    request = await _request(private)
    assert request.sandbox_order_id is None


async def test_a_mention_is_read_as_an_order(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    bot_user = trading.user
    assert bot_user is not None

    exchange = await discord_sim.send(f"{bot_user.mention} {RESTING}")

    [private] = dms(exchange)
    assert str(private.embeds[0].title).endswith(": preview")
    request = await _request(private)
    assert request.raw_text == RESTING
    acks = [m.content for m in in_channel(exchange, discord_sim) if "I answered" in m.content]
    assert acks == [
        f"{discord_sim.member(TRADER).mention} order #{request.id}: I answered in your DMs "
        "(orders are private)."
    ]


async def test_auto_confirm_places_an_order_command_but_never_a_chat_message(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    """Under the trader's auto-confirm threshold, `!order ...` is placed at once; the same
    order typed as a plain DM is previewed and waits for Confirm (a chat line read as an
    order may be a misreading, never placed on that reading alone)."""
    await update_limits(discord_sim.member(TRADER).id, auto_confirm_threshold="5000")

    message = await _preview(discord_sim)
    chatted = await _request(message)
    commanded = await discord_sim.send(f"!order {RESTING}", dm=True)

    assert chatted.state == OrderState.PREVIEWED and _production(sim, chatted) == []
    assert view_of(discord_sim, message, PreviewView) is not None
    [placed] = await OrderRequest.filter(id__gt=chatted.id)
    assert placed.raw_text == RESTING, text_of(commanded)
    assert placed.state in (OrderState.PLACED, OrderState.FILLED), text_of(commanded)
    assert len(_production(sim, placed)) == 1


TALKED_ABOUT = f"{RESTING}, my cousin swears this rockets"  # talk no rule explains


async def test_a_message_the_parser_is_unsure_of_is_asked_about_and_no_ends_it(
    discord_sim: SimulatedDiscord, trading: Tastybot, sim: RunningSimulator
) -> None:
    exchange = await discord_sim.send(TALKED_ABOUT, dm=True)
    [message] = dms(exchange)
    assert str(message.embeds[0].title).endswith(": a question"), text_of(exchange)
    assert "Is this an order?" in str(message.embeds[0].description)
    view = view_of(discord_sim, message, QuestionView)
    assert view.question.topic == "intent"
    request = await _request(message)

    await press(view, "No, ignore", discord_sim.member(TRADER))

    now = await _latest(message, discord_sim)
    assert "Not an order" in render_message(now)
    await request.refresh_from_db()
    assert request.state == OrderState.CANCELLED and request.sandbox_order_id is None
    assert sim.accepted_orders("sandbox", external_identifier=request.external_identifier) == []
    assert _production(sim, request) == []


async def test_the_same_message_sent_with_the_order_command_is_previewed_at_once(
    discord_sim: SimulatedDiscord, trading: Tastybot
) -> None:
    exchange = await discord_sim.send(f"!order {TALKED_ABOUT}", dm=True)

    [message] = dms(exchange)
    assert str(message.embeds[0].title).endswith(": preview"), text_of(exchange)


async def test_a_slash_order_typed_as_text_is_read_as_the_order(
    discord_sim: SimulatedDiscord, trading: Tastybot
) -> None:
    """The Discord client sends "/order ..." as a message when it did not make it a command
    (a slow client, a pasted line): the trader still means the order. Another bot's command
    is not read."""
    message = await _preview(discord_sim, f"/order {RESTING}")
    calc = await discord_sim.send(f"/calc {RESTING}", dm=True)

    assert (await _request(message)).raw_text == RESTING
    assert [m.content for m in dms(calc)] == [CHATTER_HINT]


async def test_a_member_without_the_trading_role_is_refused_and_their_chatter_ignored(
    discord_sim: SimulatedDiscord, vaulted: Tastybot
) -> None:
    guild = discord_sim.channel.guild
    traders = backend.make_role("Traders", guild)
    await set_order_channel(guild.id, discord_sim.channel.id, True)
    await set_trading_role(guild.id, traders.id, True)

    order = await discord_sim.send(RESTING)
    chatter = await discord_sim.send("what a day")
    talk = await discord_sim.send(TALKED_ABOUT)  # may be chatter: silence, as for chatter
    command = await discord_sim.send(f"!order {RESTING}")

    [refusal] = in_channel(order, discord_sim)
    assert "only members with a trading role may trade" in refusal.content
    assert chatter.replies == [] and talk.replies == []
    assert "Only members with a trading role" in in_channel(command, discord_sim)[0].content
    assert await OrderRequest.all().count() == 0


async def test_an_order_from_someone_not_linked_is_answered_privately(
    discord_sim: SimulatedDiscord, vaulted: Tastybot
) -> None:
    await set_order_channel(discord_sim.channel.guild.id, discord_sim.channel.id, True)

    exchange = await discord_sim.send(RESTING)

    assert in_channel(exchange, discord_sim) == []
    [private] = dms(exchange)
    assert "link" in private.content.lower()
    assert (await ChatMessage.get()).outcome == "failed"


async def test_chatter_in_a_dm_gets_a_hint(
    discord_sim: SimulatedDiscord, vaulted: Tastybot
) -> None:
    exchange = await discord_sim.send("anyone buying SPY calls today?", dm=True)

    [hint] = dms(exchange)
    assert hint.content.startswith("That does not look like an order")
    assert await OrderRequest.all().count() == 0


# --- lists and detail --------------------------------------------------------------------------


async def test_orders_lists_and_shows_only_the_traders_own(
    discord_sim: SimulatedDiscord, vaulted: Tastybot
) -> None:
    mine = await trader_for(discord_sim.member(TRADER).id)
    theirs = await trader_for(discord_sim.member(OTHER).id)
    rows = {}
    for owner, name in ((mine, "mine"), (theirs, "theirs")):
        rows[name] = await OrderRequest.create(
            trader=owner,
            source="chat",
            raw_text=f"buy 1 SPY 600c @ 1 ({name})",
            underlying="SPY",
            state=OrderState.PLACED,
            price=Decimal(1),
            price_effect="Debit",
            environment=Environment.PRODUCTION,
            external_identifier=f"tb-{name}",
        )

    listed = await discord_sim.send("!orders recent", dm=True)
    shown = await discord_sim.send(f"!order show {rows['mine'].id}", dm=True)
    other = await discord_sim.send(f"!order show {rows['theirs'].id}", dm=True)

    listing = str(dms(listed)[0].embeds[0].description)
    assert f"**#{rows['mine'].id}** SPY · working at Tastytrade · 1.00 debit" in listing
    assert f"#{rows['theirs'].id}**" not in listing
    detail = dms(shown)[0].embeds[0]
    assert detail.title == f"Order #{rows['mine'].id}: working at Tastytrade"
    assert dms(other)[0].content == f"No order #{rows['theirs'].id} of yours."


# --- bad input ---------------------------------------------------------------------------------


async def test_malformed_missing_hostile_and_oversized_input_gets_a_clear_answer(
    discord_sim: SimulatedDiscord, vaulted: Tastybot
) -> None:
    cases = {
        "!order": "Missing `text`",
        "!order " + "buy 1 SPY 600c " * 200: "too long to be an order",
        "!order \x00\x01": "Give me the order",
        "!order cancel": "Missing `order`",
        "!order cancel abc": "Give the order's number",
        "!order cancel -3": "Give the order's number",
        "!order cancel 99999999999999999999999": "Give the order's number",
        "!order cancel 12": "No order #12 of yours.",
        "!order show #12": "No order #12 of yours.",
        "!order show '; DROP TABLE order_request; --": "Give the order's number",
        "!order replace 12": "Missing `price`",
        "!order replace 12 abc": "as a number",
        "!order replace 12 -1": "above 0",
        "!order replace 12 NaN": "as a number",
        "!order replace 12 1e400": "at most",
        "!order replace 12 1.05": "No order #12 of yours.",
        "!orders bogus": "Choose `live`, `today` or `recent`.",
        "!order @everyone buy 1 SPY 600c next month @ 1": "link",
    }
    for typed, expected in cases.items():
        exchange = await discord_sim.send(typed, dm=True)
        answer = "\n".join(m.content or "" for m in exchange.replies)
        assert expected.lower() in answer.lower(), (typed[:60], answer)
    assert await OrderRequest.all().count() == 0
    shown = [m.content for m in trading_messages(discord_sim)]
    assert not any("@everyone" in (content or "") for content in shown)


def trading_messages(discord_sim: SimulatedDiscord) -> list[discord.Message]:
    return [m for m in discord_sim.bot.cached_messages if m.author == discord_sim.bot.user]


async def test_an_oversized_message_in_a_dm_is_refused_and_recorded(
    discord_sim: SimulatedDiscord, vaulted: Tastybot
) -> None:
    exchange = await discord_sim.send("buy 1 SPY 600c next month @ 1 " * 80, dm=True)

    assert "too long to be an order" in dms(exchange)[0].content
    row = await ChatMessage.get()
    assert row.outcome == "refused" and len(row.content) == 2_000
