"""`/gex <underlying>`: gamma exposure (GEX) levels of an underlying with a chart by strike.

Market data comes from the trader's own Tastytrade production access (DXLink), so the answer
is private like every answer built from a trader's account: ephemeral for the slash command,
a DM for the prefix command typed in a server (market data is licensed for the trader's own
use). Reading a chain's Greeks takes seconds: the command defers first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from cogs._common import BRAND_COLOUR
from cogs._private import DMS_CLOSED, SENT_TO_DMS
from cogs.charts._cog import chart_file
from services.market.gex import DEFAULT_HORIZON_DAYS
from services.market.gex_chart import render_gex_async, signed_gex_money
from services.market.levels import LevelsSnapshot, MarketData, chain_levels, clean_underlying
from services.preferences import chart_theme_of
from services.reports.charts import RenderedChart, parse_theme

if TYPE_CHECKING:
    from bot.bot import Tastybot

Choices = list[app_commands.Choice[str]]
MAX_CHOICES = 25  # Discord's limit of autocomplete choices
# optionable underlyings traders most often ask GEX of (suggestions only; any ticker works)
POPULAR_UNDERLYINGS = (
    "SPY", "SPX", "QQQ", "IWM", "NDX", "DIA", "TLT", "GLD", "AAPL", "AMD", "AMZN", "GOOGL",
    "META", "MSFT", "NVDA", "TSLA",
)  # fmt: skip


class GexFlags(commands.FlagConverter, case_insensitive=True):
    """`/gex`; typed as `SPY` or `SPY theme: light`."""

    symbol: str = commands.flag(
        name="underlying",
        positional=True,
        description="The underlying's ticker, like SPY, SPX or QQQ",
    )
    theme: str | None = commands.flag(
        default=None, description="dark or light (default: your /settings chart-theme)"
    )


def _price(value: float | None) -> str:
    return "none within 20%" if value is None else f"${value:,.2f}"


def levels_embed(snapshot: LevelsSnapshot) -> discord.Embed:
    """The levels as an embed: spot, total GEX, flip, walls, contracts counted, as of."""
    embed = discord.Embed(title=f"{snapshot.underlying} gamma exposure (GEX)", colour=BRAND_COLOUR)
    embed.add_field(name="Spot", value=f"${snapshot.spot:,.2f}")
    as_of = snapshot.as_of.strftime("%Y-%m-%d %H:%M:%S UTC")
    levels = snapshot.levels
    if levels is None:
        embed.description = (
            f"No listed option of {snapshot.underlying} expiring within {DEFAULT_HORIZON_DAYS} "
            "days had Greeks and open interest, so there is no GEX to show."
        )
        embed.add_field(name="As of", value=as_of)
        return embed
    embed.add_field(name="Total GEX", value=f"{signed_gex_money(levels.total_gex)} per 1% move")
    embed.add_field(name="Gamma flip", value=_price(levels.zero_gamma))
    embed.add_field(
        name="Call wall", value="-" if levels.call_wall is None else f"${levels.call_wall:,}"
    )
    embed.add_field(
        name="Put wall", value="-" if levels.put_wall is None else f"${levels.put_wall:,}"
    )
    embed.add_field(name="Contracts", value=f"{levels.contracts:,}")
    embed.add_field(name="As of", value=as_of)
    embed.set_footer(
        text=f"Options expiring within {DEFAULT_HORIZON_DAYS} days; dealers assumed long calls "
        "and short puts. Market data from your Tastytrade production access."
    )
    return embed


async def send_levels(
    ctx: commands.Context[Any], embed: discord.Embed, chart: RenderedChart | None
) -> None:
    """Answer privately with the embed and the chart (shown inside the embed)."""
    kwargs: dict[str, Any] = {"embed": embed}
    if chart is not None:
        embed.set_image(url=f"attachment://{chart.filename}")
        kwargs["file"] = chart_file(chart)
    if ctx.interaction is not None:
        await ctx.send(ephemeral=True, **kwargs)
        return
    if ctx.guild is None:
        await ctx.send(**kwargs)
        return
    try:
        await ctx.author.send(**kwargs)
    except discord.Forbidden:
        await ctx.send(DMS_CLOSED)
        return
    await ctx.send(SENT_TO_DMS)


class Market(commands.Cog, name="Market"):
    """Market data from your own Tastytrade access: gamma exposure levels."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot

    def market_data(self) -> MarketData:
        """The bot's one market data service (shared with the other market readers)."""
        return self.bot.market_data()

    @commands.hybrid_command(name="gex")  # type: ignore[arg-type]  # discord.py typing vs mypy
    async def gex(self, ctx: commands.Context[Any], *, underlying: GexFlags) -> None:
        """Gamma exposure (GEX) levels of an underlying, with a chart by strike.

        Spot, total GEX in dollars per 1% move, the gamma flip and the call and put walls of
        the options expiring within 45 days, from your linked production account's market
        data: `gex SPY`, `gex QQQ theme: light`."""
        theme = parse_theme(underlying.theme or await chart_theme_of(ctx.author.id))
        symbol = clean_underlying(underlying.symbol)
        await ctx.defer(ephemeral=True)  # a chain's Greeks take a few seconds to stream in
        snapshot = await chain_levels(self.market_data(), ctx.author.id, symbol)
        chart = await render_gex_async(snapshot, theme=theme) if snapshot.levels else None
        await send_levels(ctx, levels_embed(snapshot), chart)

    @gex.autocomplete("symbol")
    async def underlying_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> Choices:
        """Popular optionable underlyings starting with what is typed, else what is typed."""
        typed = current.strip().upper()[:10]
        matches = [symbol for symbol in POPULAR_UNDERLYINGS if symbol.startswith(typed)]
        if not matches and typed.isalnum():
            matches = [typed]
        return [app_commands.Choice(name=symbol, value=symbol) for symbol in matches][:MAX_CHOICES]
