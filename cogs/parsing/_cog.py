"""`/parse`: show how Tastybot reads a message as an order (nothing is placed)."""

from __future__ import annotations

from typing import Any

import discord
from discord.ext import commands

from cogs._common import BRAND_COLOUR
from cogs.parsing._views import ReadingChoice
from services.errors import ValidationError
from services.parsing import Interpretation, Reading, interpret_message

MAX_PARSE_CHARS = 2_000
NOT_AN_ORDER_COLOUR = discord.Colour.light_grey()
CHOICE_COLOUR = discord.Colour.gold()


def _quoted(text: str) -> str:
    return "> " + discord.utils.escape_mentions(discord.utils.escape_markdown(text[:200]))


def _footer(embed: discord.Embed, result: Interpretation) -> discord.Embed:
    embed.set_footer(text=f"Read as of {result.today:%a %Y-%m-%d} (New York). Nothing was placed.")
    return embed


def interpretation_embed(result: Interpretation, text: str) -> discord.Embed:
    """The order preview: legs, resolved expiration, price, what is missing, suggestions."""
    if result.is_order:
        title, colour = f"Order: {result.parsed.underlying}", BRAND_COLOUR
    else:
        title, colour = "Not an order", NOT_AN_ORDER_COLOUR
    embed = discord.Embed(title=title, description=_quoted(text), colour=colour)
    for name, value in result.lines:
        embed.add_field(name=name, value=value[:1024] or "-", inline=False)
    if not result.is_order:
        embed.add_field(
            name="Tip",
            value="Orders look like `BTO SPY 12/18 450C @ 2.15` or "
            "`buy 100 shares of MSFT at market`.",
            inline=False,
        )
    return _footer(embed, result)


def reading_embed(result: Interpretation, reading: Reading, text: str) -> discord.Embed:
    """One reading the trader picked from the "Did you mean ...?" choice."""
    embed = discord.Embed(
        title=f"Order: {reading.parsed.underlying}", description=_quoted(text), colour=BRAND_COLOUR
    )
    for name, value in reading.lines:
        embed.add_field(name=name, value=value[:1024] or "-", inline=False)
    return _footer(embed, result)


def choice_embed(result: Interpretation, text: str) -> discord.Embed:
    """The question asked when the best reading is not clearly ahead: one line per reading."""
    embed = discord.Embed(
        title="Did you mean ...?", description=_quoted(text), colour=CHOICE_COLOUR
    )
    choices = "\n".join(
        f"{number}. {reading.summary}" for number, reading in enumerate(result.readings, start=1)
    )
    embed.add_field(name="Readings", value=choices[:1024], inline=False)
    embed.add_field(
        name="Confidence",
        value=f"{result.parsed.confidence:.0%} for reading 1. Pick the one you meant.",
        inline=False,
    )
    return _footer(embed, result)


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
        private = ctx.interaction is not None  # slash replies are ephemeral (private by default)
        if not result.needs_choice:
            await ctx.send(embed=interpretation_embed(result, text), ephemeral=private)
            return
        view = ReadingChoice(
            result.readings,
            owner_id=ctx.author.id,
            embed_for=lambda reading: reading_embed(result, reading, text),
        )
        view.message = await ctx.send(
            embed=choice_embed(result, text), view=view, ephemeral=private
        )
