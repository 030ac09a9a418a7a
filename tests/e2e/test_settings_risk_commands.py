"""/settings risk end to end: it shows the trader's own limits privately, each command sets one
through services.orders.limits, production trading turns on only through its Confirm button,
bad input changes nothing, and another member sees and changes nothing of the trader's."""

from __future__ import annotations

from decimal import Decimal

import discord
import pytest
from support.discord_ui import FakeInteraction, dm_reply, press, view_of

from bot.bot import Tastybot
from bot.discord_sim import SimulatedDiscord
from cogs.settings._views import ProductionConfirm
from services.db.models import BrokerAccount, Environment
from services.orders._model import RiskLimits
from services.orders.limits import load_limits, risk_settings
from services.traders import trader_for

TRADER, OTHER = 0, 1
D = Decimal


def fields_of(message: discord.Message) -> dict[str, str]:
    return {str(f.name): str(f.value) for f in message.embeds[0].fields}


async def limits_of(discord_sim: SimulatedDiscord, member: int = TRADER) -> RiskLimits:
    return await load_limits(discord_sim.member(member).id)


async def test_risk_shows_the_defaults_privately(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!settings risk")

    message = dm_reply(exchange)
    shown = fields_of(message)
    assert message.embeds[0].title == "Your order limits"
    assert shown["Production trading"] == "off (orders stop before Tastytrade)"
    assert shown["Max contracts"] == "no limit"
    assert shown["Naked short options"] == "refused"
    assert shown["Auto-confirm"] == "off"
    assert shown["Allowed underlyings"] == "any"
    assert shown["Default account"] == "none: you are asked for each order"
    assert [m.content for m in exchange.replies if m.channel == discord_sim.channel] == [
        "I answered in your DMs (it is private)."
    ]


async def test_prefix_risk_show_is_the_same(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!settings risk show")

    assert dm_reply(exchange).embeds[0].title == "Your order limits"


async def test_commands_set_each_limit(discord_sim: SimulatedDiscord) -> None:
    for command in (
        "!settings risk max-contracts 10",
        "!settings risk max-notional $5,000",
        "!settings risk max-loss 2.5k",
        "!settings risk max-orders 20",
        "!settings risk underlyings spy, qqq IWM",
        "!settings risk naked on",
    ):
        await discord_sim.send(command)
    last = await discord_sim.send("!settings risk auto-confirm 500")

    assert await limits_of(discord_sim) == RiskLimits(
        max_contracts=10,
        max_notional=D(5000),
        max_loss_per_order=D(2500),
        max_orders_per_day=20,
        allowed_underlyings=frozenset({"SPY", "QQQ", "IWM"}),
        naked_options_allowed=True,
        auto_confirm_threshold=D(500),
    )
    reply = dm_reply(last)
    assert reply.content.startswith("Orders up to $500.00 notional")
    shown = fields_of(reply)
    assert shown["Max notional"] == "$5,000.00"
    assert shown["Max loss per order"] == "$2,500.00"
    assert shown["Allowed underlyings"] == "IWM, QQQ, SPY"


async def test_none_clears_a_limit(discord_sim: SimulatedDiscord) -> None:
    await discord_sim.send("!settings risk max-contracts 10")
    await discord_sim.send("!settings risk underlyings SPY")

    cleared = await discord_sim.send("!settings risk max-contracts none")
    await discord_sim.send("!settings risk underlyings none")

    assert dm_reply(cleared).content == "Max contracts: no limit."
    assert await limits_of(discord_sim) == RiskLimits()


async def test_a_value_reply_says_what_is_set(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!settings risk max-contracts 1,000")

    assert dm_reply(exchange).content == "Max contracts: 1,000."


async def test_production_on_waits_for_the_confirm_button(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!settings risk production on")
    message = dm_reply(exchange)

    assert message.embeds[0].title == "Turn production trading on?"
    assert not (await limits_of(discord_sim)).production_trading_enabled

    view = view_of(discord_sim, message, ProductionConfirm)
    pressed = await press(view, "Turn production trading on", discord_sim.member(TRADER))

    assert (await limits_of(discord_sim)).production_trading_enabled
    assert pressed.response.edited is not None
    assert pressed.response.edited["content"] == "Production trading is on."
    assert all(getattr(item, "disabled", False) for item in view.children)


async def test_cancel_leaves_production_off(discord_sim: SimulatedDiscord) -> None:
    view = view_of(
        discord_sim,
        dm_reply(await discord_sim.send("!settings risk production on")),
        ProductionConfirm,
    )

    pressed = await press(view, "Cancel", discord_sim.member(TRADER))

    assert not (await limits_of(discord_sim)).production_trading_enabled
    assert pressed.response.edited is not None
    assert pressed.response.edited["content"] == "Production trading stays off."


async def test_another_member_cannot_confirm_production(discord_sim: SimulatedDiscord) -> None:
    view = view_of(
        discord_sim,
        dm_reply(await discord_sim.send("!settings risk production on")),
        ProductionConfirm,
    )

    pressed = await press(view, "Turn production trading on", discord_sim.member(OTHER))

    assert pressed.response.sent is not None and "someone else's" in pressed.response.sent
    assert not (await limits_of(discord_sim, TRADER)).production_trading_enabled
    assert not (await limits_of(discord_sim, OTHER)).production_trading_enabled


async def test_the_confirmation_expires_with_its_buttons_disabled(
    discord_sim: SimulatedDiscord,
) -> None:
    view = view_of(
        discord_sim,
        dm_reply(await discord_sim.send("!settings risk production on")),
        ProductionConfirm,
    )

    await view.on_timeout()

    assert all(getattr(item, "disabled", False) for item in view.children)
    assert not (await limits_of(discord_sim)).production_trading_enabled


async def test_production_off_needs_no_confirmation(discord_sim: SimulatedDiscord) -> None:
    view = view_of(
        discord_sim,
        dm_reply(await discord_sim.send("!settings risk production on")),
        ProductionConfirm,
    )
    await press(view, "Turn production trading on", discord_sim.member(TRADER))

    exchange = await discord_sim.send("!settings risk production off")

    assert "Production trading is off" in dm_reply(exchange).content
    assert not (await limits_of(discord_sim)).production_trading_enabled


async def test_production_on_when_already_on_asks_nothing(discord_sim: SimulatedDiscord) -> None:
    view = view_of(
        discord_sim,
        dm_reply(await discord_sim.send("!settings risk production on")),
        ProductionConfirm,
    )
    await press(view, "Turn production trading on", discord_sim.member(TRADER))

    exchange = await discord_sim.send("!settings risk production on")

    assert dm_reply(exchange).content == "Production trading is already on."


async def _accounts(discord_sim: SimulatedDiscord) -> None:
    mine = await trader_for(discord_sim.member(TRADER).id)
    theirs = await trader_for(discord_sim.member(OTHER).id)
    for trader, number, environment in (
        (mine, "5WT00001", Environment.PRODUCTION),
        (mine, "5WT00002", Environment.PRODUCTION),
        (mine, "5WZ00001", Environment.SANDBOX),
        (theirs, "5WT00009", Environment.PRODUCTION),
    ):
        await BrokerAccount.create(
            trader=trader, environment=environment, account_number=number, nickname="Main"
        )


async def test_the_default_account_is_set_and_cleared(discord_sim: SimulatedDiscord) -> None:
    await _accounts(discord_sim)
    trader_id = discord_sim.member(TRADER).id

    chosen = await discord_sim.send("!settings risk account 5wt00002")
    assert (await risk_settings(trader_id)).default_account_number == "5WT00002"
    assert fields_of(dm_reply(chosen))["Default account"] == "5WT00002"

    await discord_sim.send("!settings risk account none")
    assert (await risk_settings(trader_id)).default_account_number is None


@pytest.mark.parametrize(
    ("account", "expected"),
    [
        ("5WZ00001", "is a sandbox account"),
        ("5WT00009", "no linked production account 5WT00009"),
        ("5WT-1", "not an account number"),
    ],
)
async def test_an_account_that_is_not_a_production_account_of_yours_is_refused(
    discord_sim: SimulatedDiscord, account: str, expected: str
) -> None:
    await _accounts(discord_sim)

    exchange = await discord_sim.send(f"!settings risk account {account}")

    assert expected in exchange.replies[0].content
    assert (await risk_settings(discord_sim.member(TRADER).id)).default_account_number is None


async def test_account_autocomplete_offers_only_the_askers_production_accounts(
    discord_sim: SimulatedDiscord, tastybot: Tastybot
) -> None:
    await _accounts(discord_sim)
    cog = tastybot.get_cog("Settings")
    assert cog is not None

    mine = await cog.account_autocomplete(FakeInteraction(discord_sim.member(TRADER)), "5w")  # type: ignore[attr-defined]
    theirs = await cog.account_autocomplete(FakeInteraction(discord_sim.member(OTHER)), "5WT0000")  # type: ignore[attr-defined]

    assert [(c.name, c.value) for c in mine] == [
        ("5WT00001 Main", "5WT00001"),
        ("5WT00002 Main", "5WT00002"),
    ]
    assert [c.value for c in theirs] == ["5WT00009"]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("!settings risk max-contracts 0", "whole number from 1 to 10,000"),
        ("!settings risk max-contracts -1", "whole number"),
        ("!settings risk max-contracts 1e9", "whole number"),
        ("!settings risk max-contracts ten", "whole number"),
        ("!settings risk max-contracts", "Missing `value`"),
        ("!settings risk max-contracts 10 20", "Too many arguments"),
        ("!settings risk max-contracts " + "9" * 1500, "too long"),
        ("!settings risk max-notional NaN", "amount in dollars above 0"),
        ("!settings risk max-notional 99999999999", "at most $1,000,000,000"),
        ("!settings risk max-loss @everyone", "amount in dollars"),
        ("!settings risk max-orders 5000", "from 1 to 1,000"),
        ("!settings risk auto-confirm 0.001", "cents at most"),
        ("!settings risk underlyings SPY;DROP", "not a ticker"),
        ("!settings risk underlyings " + "SPY " * 600, "too long"),
        ("!settings risk underlyings", "Missing `tickers`"),
        ("!settings risk naked maybe", "That input doesn't look right"),
        ("!settings risk production yes", "That input doesn't look right"),
        ("!settings risk account <@&1>", "not an account number"),
        ("!settings risk bogus 1", "Too many arguments"),
    ],
)
async def test_malformed_hostile_and_oversized_input_is_refused(
    discord_sim: SimulatedDiscord, command: str, expected: str
) -> None:
    await discord_sim.send("!settings risk max-contracts 5")
    before = await risk_settings(discord_sim.member(TRADER).id)

    exchange = await discord_sim.send(command)

    assert expected in exchange.replies[0].content
    assert len(exchange.replies[0].content) < 500
    assert await risk_settings(discord_sim.member(TRADER).id) == before


async def test_another_member_sees_and_changes_nothing(discord_sim: SimulatedDiscord) -> None:
    await discord_sim.send("!settings risk max-contracts 3")
    await discord_sim.send("!settings risk naked on")
    before = await risk_settings(discord_sim.member(TRADER).id)

    theirs = await discord_sim.send("!settings risk", member=OTHER)
    await discord_sim.send("!settings risk max-contracts 99", member=OTHER)
    await discord_sim.send("!settings risk naked off", member=OTHER)
    await discord_sim.send("!settings risk max-notional none", member=OTHER)

    assert fields_of(dm_reply(theirs))["Max contracts"] == "no limit"
    assert await risk_settings(discord_sim.member(TRADER).id) == before
    assert (await limits_of(discord_sim, OTHER)).max_contracts == 99


async def test_the_settings_panel_points_to_risk(discord_sim: SimulatedDiscord) -> None:
    message = dm_reply(await discord_sim.send("!settings"))

    footer = message.embeds[0].footer.text or ""
    assert "/settings risk" in footer
