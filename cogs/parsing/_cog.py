"""`/parse`: show how Tastybot reads a message as an order (nothing is placed)."""

from __future__ import annotations

from typing import Any

import discord
from discord.ext import commands

from cogs._common import BRAND_COLOUR, reply
from services.errors import ValidationError
from services.parsing import Interpretation, interpret_message

MAX_PARSE_CHARS = 2_000
NOT_AN_ORDER_COLOUR = discord.Colour.light_grey()


def interpretation_embed(result: Interpretation, text: str) -> discord.Embed:
    """The order preview: legs, resolved expiration, price, what is missing, suggestions."""
    if result.is_order:
        title, colour = f"Order: {result.parsed.underlying}", BRAND_COLOUR
    else:
        title, colour = "Not an order", NOT_AN_ORDER_COLOUR
    quoted = discord.utils.escape_mentions(discord.utils.escape_markdown(text[:200]))
    embed = discord.Embed(title=title, description=f"> {quoted}", colour=colour)
    for name, value in result.lines:
        embed.add_field(name=name, value=value[:1024] or "-", inline=False)
    if not result.is_order:
        embed.add_field(
            name="Tip",
            value="Orders look like `BTO SPY 12/18 450C @ 2.15` or "
            "`buy 100 shares of MSFT at market`.",
            inline=False,
        )
    embed.set_footer(text=f"Read as of {result.today:%a %Y-%m-%d} (New York). Nothing was placed.")
    return embed


class Parsing(commands.Cog, name="Orders"):
    """Reading orders typed in chat."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @commands.hybrid_command(name="parse")  # type: ignore[arg-type]  # discord.py typing vs mypy
    async def parse_show(self, ctx: commands.Context[Any], *, text: str) -> None:
        """Show how I read a message as an order, e.g. `parse BTO SPY 12/18 450C @ 2.15`."""
        if len(text) > MAX_PARSE_CHARS:
            raise ValidationError(
                f"That message is too long to be an order ({len(text)} characters; "
                f"the limit is {MAX_PARSE_CHARS})."
            )
        if not text.strip():
            raise ValidationError("Give me the order text, e.g. `BTO SPY 12/18 450C @ 2.15`.")
        result = interpret_message(text)
        await reply(ctx, embed=interpretation_embed(result, text))
