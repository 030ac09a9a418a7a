"""`parse` shows how a message is read as an order, and never places anything."""

from __future__ import annotations

from bot.discord_sim import SimulatedDiscord


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


async def test_oversized_text_is_refused_clearly(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!parse " + "buy SPY " * 300)

    assert "too long to be an order" in exchange.replies[0].content


async def test_mentions_and_markdown_are_neutralised(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!parse @everyone **BTO** SPY 12/18 600C @ 2.15")

    description = exchange.replies[0].embeds[0].description or ""
    assert "@everyone" not in description.replace("@\u200beveryone", "")
    assert "\\*\\*BTO\\*\\*" in description
