"""`/qualify`: run the sandbox qualification suite that unlocks order types for production."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from cogs._private import send_private
from services.errors import ValidationError
from services.orders.qualify import QUALIFICATION_DAYS, SUITE, CaseResult, qualify
from services.parsing import exchange_today

if TYPE_CHECKING:
    from bot.bot import Tastybot

MAX_TYPES_TEXT = 300
QUALIFY_COLOUR = discord.Colour.from_rgb(230, 80, 40)


def parse_types(text: str | None) -> tuple[str, ...]:
    """``None`` or ``all``: the whole suite; else order types separated by spaces or commas."""
    if text is None or not text.strip() or text.strip().lower() == "all":
        return SUITE
    if len(text) > MAX_TYPES_TEXT:
        raise ValidationError("That list of order types is too long.")
    wanted = tuple(dict.fromkeys(part for part in text.replace(",", " ").lower().split()))
    unknown = [kind for kind in wanted if kind not in SUITE]
    if unknown:  # not echoed back: it is the trader's free text
        raise ValidationError(
            f"{len(unknown)} unknown order type(s). The types are: {', '.join(SUITE)}."
        )
    return wanted


def results_embed(results: tuple[CaseResult, ...]) -> discord.Embed:
    passed = sum(result.passed for result in results)
    embed = discord.Embed(
        title=f"Sandbox qualification: {passed}/{len(results)} passed",
        colour=QUALIFY_COLOUR,
        description=(
            f"A passed type may go to production for {QUALIFICATION_DAYS} days; "
            "a failed one stays locked."
        ),
    )
    for result in results:
        mark = "✅" if result.passed else "❌"
        checks = ", ".join(f"{c.name} {'ok' if c.passed else 'failed'}" for c in result.checks)
        reason = f"\n{result.reason[:200]}" if result.reason and not result.passed else ""
        embed.add_field(
            name=f"{mark} {result.order_type.replace('_', ' ')}",
            value=f"{checks or 'no checks ran'} · {result.seconds:.1f} s{reason}"[:1024],
            inline=False,
        )
    return embed


class Qualify(commands.Cog, name="Qualify"):
    """Sandbox qualification of order types."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot

    @commands.hybrid_command(name="qualify")  # type: ignore[arg-type]
    @app_commands.describe(types="order types to run, e.g. single_option_limit (default: all)")
    async def qualify_run(self, ctx: commands.Context[Any], *, types: str | None = None) -> None:
        """Run real orders on your sandbox account, one per order type; a passed type may go
        to production for 30 days. Types: equity_market, equity_limit, single_option_market,
        single_option_limit, vertical_limit, iron_condor_limit, cancel, replace."""
        wanted = parse_types(types)
        await ctx.defer(ephemeral=True)
        results = await qualify(
            self.bot.order_context(), ctx.author.id, types=wanted, today=exchange_today()
        )
        await send_private(ctx, embed=results_embed(results))
