"""`parse` shows how a message is read as an order, and never places anything."""

from __future__ import annotations

import discord
from support.discord_ui import FakeInteraction, has_view, view_of

from bot.discord_sim import SimulatedDiscord
from cogs.parsing._views import CHOICE_TIMEOUT_SECONDS, ReadingChoice


def _fields(exchange_reply: object) -> dict[str, str]:
    embed = exchange_reply.embeds[0]  # type: ignore[attr-defined]
    return {field.name: field.value for field in embed.fields}


async def test_alert_shorthand_is_read_as_an_order(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!parse BTO SPY 12/18 600C @ 2.15")

    embed = exchange.replies[0].embeds[0]
    fields = _fields(exchange.replies[0])
    assert embed.title == "Order: SPY"
    assert "Buy to open 1 SPY" in fields["Leg"]
    assert "600 call" in fields["Leg"]
    assert fields["Price"].startswith("2.15 debit")
    assert "Nothing was placed" in (embed.footer.text or "")


async def test_incomplete_order_lists_what_is_missing(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!parse buy SPY calls")

    fields = _fields(exchange.replies[0])
    assert fields["Missing"] == "expiration, strike"
    assert "Add an expiration" in fields["Suggestions"]


async def test_chatter_is_not_an_order(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!parse anyone buying SPY calls today?")

    assert exchange.replies[0].embeds[0].title == "Not an order"


async def test_an_order_pointing_at_a_pasted_row_trades_that_row(
    discord_sim: SimulatedDiscord,
) -> None:
    exchange = await discord_sim.send(
        "!parse TSLA $600 Call 1/15 · 2 contracts · avg $15.55 · mark $21.90\n"
        "AMD $265 Call 1/15 · 2 contracts · avg $6.20 · mark $6.40\n"
        "STC the TSLA line, both @ 21.90"
    )

    fields = _fields(exchange.replies[0])
    assert exchange.replies[0].embeds[0].title == "Order: TSLA"
    assert "Sell to close 2 TSLA" in fields["Leg"] and "600 call" in fields["Leg"]
    assert fields["Price"].startswith("21.90 credit")


async def test_a_row_holding_a_spread_is_closed_leg_by_leg(
    discord_sim: SimulatedDiscord,
) -> None:
    exchange = await discord_sim.send(
        "!parse # | tkr | spread | exp | qty\n"
        "1 | SPY | 625/620 PCS | 1/15 | -4\n"
        "2 | IWM | 230/225 PCS | 1/15 | -2\n"
        "BTC row 1 @ .20 gtc"
    )

    embed = exchange.replies[0].embeds[0]
    legs = _fields(exchange.replies[0])["Legs"]
    assert embed.title == "Order: SPY"
    assert "Buy to close 4 SPY" in legs and "625 put" in legs
    assert "Sell to close 4 SPY" in legs and "620 put" in legs


async def test_a_jade_lizard_by_its_strikes_is_read_leg_by_leg(
    discord_sim: SimulatedDiscord,
) -> None:
    exchange = await discord_sim.send("!parse STO 1 NVDA 420/500/505 jade lizard 1/15 @ 7.90 cr")

    legs = _fields(exchange.replies[0])["Legs"]
    assert exchange.replies[0].embeds[0].title == "Order: NVDA"
    assert "Sell to open 1 NVDA" in legs and "420 put" in legs and "500 call" in legs
    assert "Buy to open 1 NVDA" in legs and "505 call" in legs


async def test_a_message_of_one_mark_repeated_is_answered_at_once(
    discord_sim: SimulatedDiscord,
) -> None:
    # 1,990 commas took spaCy's tokenizer three seconds; the run is shortened before reading
    exchange = await discord_sim.send("!parse BTO 2 SPY 600C 12/18 @ 2.15 " + "," * 1950)

    fields = _fields(exchange.replies[0])
    assert "Buy to open 2 SPY" in fields["Leg"]


async def test_oversized_text_is_refused_clearly(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!parse " + "buy SPY " * 300)

    assert "too long to be an order" in exchange.replies[0].content


async def test_mentions_and_markdown_are_neutralised(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!parse @everyone **BTO** SPY 12/18 600C @ 2.15")

    description = exchange.replies[0].embeds[0].description or ""
    assert "@everyone" not in description.replace("@\u200beveryone", "")
    assert "\\*\\*BTO\\*\\*" in description


AMBIGUOUS = "!parse sell 2 AMD 20 12/18 call"  # is 20 the strike or the limit price?


def _buttons(view: ReadingChoice) -> list[discord.ui.Button[ReadingChoice]]:
    return [item for item in view.children if isinstance(item, discord.ui.Button)]


async def test_ambiguous_message_asks_did_you_mean(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send(AMBIGUOUS)

    embed = exchange.replies[0].embeds[0]
    fields = _fields(exchange.replies[0])
    assert embed.title == "Did you mean ...?"
    readings = fields["Readings"].splitlines()
    assert len(readings) >= 2
    assert readings[0].startswith("1. Sell 2 AMD") and "20 call" in readings[0]
    assert "@ 20 credit" in fields["Readings"]
    view = view_of(discord_sim, exchange.replies[0], ReadingChoice)
    assert [button.label[:2] for button in _buttons(view)] == [
        f"{number}." for number in range(1, len(readings) + 1)
    ]


async def test_clear_message_has_no_choice(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!parse sell 2 AMD 150 calls 12/18 @ 3.20")

    assert exchange.replies[0].embeds[0].title == "Order: AMD"
    assert not has_view(discord_sim, exchange.replies[0])


async def test_picking_a_reading_shows_it_and_disables_the_buttons(
    discord_sim: SimulatedDiscord,
) -> None:
    exchange = await discord_sim.send(AMBIGUOUS)
    view = view_of(discord_sim, exchange.replies[0], ReadingChoice)
    second = _buttons(view)[1]
    interaction = FakeInteraction(discord_sim.member(0))

    assert await view.interaction_check(interaction)  # type: ignore[arg-type]
    await second.callback(interaction)  # type: ignore[arg-type]

    assert view.chosen is not None and view.chosen.parsed.price is not None
    assert interaction.response.edited is not None
    chosen_embed = interaction.response.edited["embed"]
    assert chosen_embed.title == "Order: AMD"
    assert all(button.disabled for button in _buttons(view))


async def test_only_the_asking_trader_may_pick(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send(AMBIGUOUS)
    view = view_of(discord_sim, exchange.replies[0], ReadingChoice)
    interaction = FakeInteraction(discord_sim.member(1))

    assert not await view.interaction_check(interaction)  # type: ignore[arg-type]
    assert interaction.response.sent is not None and "Only the trader" in interaction.response.sent
    assert view.chosen is None


async def test_the_choice_expires_with_its_buttons_disabled(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send(AMBIGUOUS)
    view = view_of(discord_sim, exchange.replies[0], ReadingChoice)

    await view.on_timeout()

    assert all(button.disabled for button in _buttons(view))
    assert view.timeout == CHOICE_TIMEOUT_SECONDS
