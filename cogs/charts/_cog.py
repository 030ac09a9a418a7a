"""`/chart pnl|equity|breakdown|calendar|payoff`: your P&L, equity and positions as images.

Every answer is private (ephemeral for slash commands, a DM for prefix commands typed in a
server): the PNG with its one-line summary as the message and as the image's alt text. Every
service call carries the asking trader's id; loading and rendering run off the event loop.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from cogs._private import DMS_CLOSED, SENT_TO_DMS
from services.parsing import exchange_today
from services.portfolio import account_choices
from services.preferences import chart_theme_of
from services.reports.chart_data import (
    breakdown_chart,
    calendar_chart,
    equity_chart,
    payoff_chart,
    pnl_chart,
)
from services.reports.charts import RenderedChart, parse_theme
from services.strategies.reports import list_groups

if TYPE_CHECKING:
    from bot.bot import Tastybot

Choices = list[app_commands.Choice[str]]
PERIOD = "today, week, month, ytd, year 2026, last 30d, 2026-11, all or 2026-01-01..2026-03-31"
THEME_HELP = "dark or light (default: your /settings chart-theme)"
MAX_ALT_TEXT = 1_024  # Discord's limit on an attachment's description
MAX_CHOICES = 25  # Discord shows at most 25 autocomplete choices
MAX_CHOICE_CHARS = 100  # and cuts each at 100 characters


class PeriodFlags(commands.FlagConverter, case_insensitive=True):
    """`/chart pnl` and `/chart equity`; typed as `ytd account: 5WT00001 theme: light`."""

    period: str = commands.flag(default="ytd", positional=True, description=PERIOD)
    account: str | None = commands.flag(default=None, description="Only this account number")
    theme: str | None = commands.flag(
        default=None, description="dark or light (default: your /settings chart-theme)"
    )


class BreakdownFlags(commands.FlagConverter, case_insensitive=True):
    """`/chart breakdown`; typed as `ytd by: underlying`."""

    period: str = commands.flag(default="ytd", positional=True, description=PERIOD)
    by: str = commands.flag(default="underlying", description="underlying or strategy")
    account: str | None = commands.flag(default=None, description="Only this account number")
    theme: str | None = commands.flag(
        default=None, description="dark or light (default: your /settings chart-theme)"
    )


class CalendarFlags(commands.FlagConverter, case_insensitive=True):
    """`/chart calendar`; typed as `2026 theme: light`."""

    year: str | None = commands.flag(
        default=None, positional=True, description="The year, like 2026 (default this year)"
    )
    account: str | None = commands.flag(default=None, description="Only this account number")
    theme: str | None = commands.flag(
        default=None, description="dark or light (default: your /settings chart-theme)"
    )


class PayoffFlags(commands.FlagConverter, case_insensitive=True):
    """`/chart payoff`; typed as `BTO SPY 12/18 450C @ 2.15 spot: 452.10 iv: 18` or `12`."""

    text: str = commands.flag(
        name="order",
        positional=True,
        description="An order (BTO SPY 12/18 450C @ 2.15) or a strategy group number (12)",
    )
    spot: str | None = commands.flag(
        default=None, description="The underlying's price (default: your broker's quote)"
    )
    iv: str | None = commands.flag(
        default=None, description="Implied volatility in percent (default: quoted)"
    )
    rate: str | None = commands.flag(
        default=None, description="Interest rate in percent (default: quoted)"
    )
    theme: str | None = commands.flag(
        default=None, description="dark or light (default: your /settings chart-theme)"
    )


def chart_file(chart: RenderedChart) -> discord.File:
    """The PNG as an attachment whose alt text is the summary (screen readers say it)."""
    return discord.File(
        io.BytesIO(chart.png), filename=chart.filename, description=chart.summary[:MAX_ALT_TEXT]
    )


async def send_chart(ctx: commands.Context[Any], chart: RenderedChart) -> None:
    """Answer privately with the image and its summary: ephemeral for slash commands, in DM
    for prefix commands typed in a server (with a pointer in the channel)."""
    if ctx.interaction is not None:
        await ctx.send(chart.summary, file=chart_file(chart), ephemeral=True)
        return
    if ctx.guild is None:
        await ctx.send(chart.summary, file=chart_file(chart))
        return
    try:
        await ctx.author.send(chart.summary, file=chart_file(chart))
    except discord.Forbidden:
        await ctx.send(DMS_CLOSED)
        return
    await ctx.send(SENT_TO_DMS)


class Charts(commands.Cog, name="Charts"):
    """Your P&L, equity curve and positions as images."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot

    @commands.hybrid_group(  # type: ignore[arg-type]  # discord.py typing vs mypy
        name="chart", invoke_without_command=True
    )
    async def chart(self, ctx: commands.Context[Any]) -> None:
        """Charts of your P&L, equity, breakdowns, calendar and payoff diagrams."""
        prefix = ctx.clean_prefix or "!"
        embed = discord.Embed(
            title="Charts",
            description=(
                f"`{prefix}chart pnl ytd`: cumulative realized P&L, drawdowns shaded\n"
                f"`{prefix}chart equity last 90d`: net liquidating value over time\n"
                f"`{prefix}chart breakdown 2026`: realized P&L by underlying "
                "(`by: strategy` by strategy)\n"
                f"`{prefix}chart calendar 2026`: a year of daily P&L\n"
                f"`{prefix}chart payoff BTO SPY 12/18 450C @ 2.15`: an order's payoff, or "
                f"`{prefix}chart payoff 12` a strategy group's (numbers from /strategies)\n"
                "Add `account: 5WT00001` for one account, `theme: light` for a light image."
            ),
        )
        if ctx.interaction is not None:
            await ctx.send(embed=embed, ephemeral=True)
        else:
            await ctx.send(embed=embed)

    @chart.command(name="pnl")  # type: ignore[arg-type]
    async def chart_pnl(self, ctx: commands.Context[Any], *, flags: PeriodFlags) -> None:
        """Cumulative realized P&L of a period (default ytd), per account and total."""
        theme = parse_theme(flags.theme or await chart_theme_of(ctx.author.id))
        await ctx.defer(ephemeral=True)  # years of history take a moment to add up and draw
        chart = await pnl_chart(
            ctx.author.id, flags.period, today=exchange_today(), account=flags.account, theme=theme
        )
        await send_chart(ctx, chart)

    @chart.command(name="equity")  # type: ignore[arg-type]
    async def chart_equity(self, ctx: commands.Context[Any], *, flags: PeriodFlags) -> None:
        """Your net liquidating value over a period, from the balance each sync records."""
        theme = parse_theme(flags.theme or await chart_theme_of(ctx.author.id))
        await ctx.defer(ephemeral=True)
        chart = await equity_chart(
            ctx.author.id, flags.period, today=exchange_today(), account=flags.account, theme=theme
        )
        await send_chart(ctx, chart)

    @chart.command(name="breakdown")  # type: ignore[arg-type]
    async def chart_breakdown(self, ctx: commands.Context[Any], *, flags: BreakdownFlags) -> None:
        """Realized P&L of a period by underlying or by strategy, winners and losers as bars."""
        theme = parse_theme(flags.theme or await chart_theme_of(ctx.author.id))
        await ctx.defer(ephemeral=True)
        chart = await breakdown_chart(
            ctx.author.id,
            flags.period,
            flags.by,
            today=exchange_today(),
            account=flags.account,
            theme=theme,
        )
        await send_chart(ctx, chart)

    @chart.command(name="calendar")  # type: ignore[arg-type]
    async def chart_calendar(self, ctx: commands.Context[Any], *, flags: CalendarFlags) -> None:
        """A year of daily realized P&L as a calendar, with each month's total."""
        theme = parse_theme(flags.theme or await chart_theme_of(ctx.author.id))
        await ctx.defer(ephemeral=True)
        chart = await calendar_chart(
            ctx.author.id, flags.year, today=exchange_today(), account=flags.account, theme=theme
        )
        await send_chart(ctx, chart)

    @chart.command(name="payoff")  # type: ignore[arg-type]
    async def chart_payoff(self, ctx: commands.Context[Any], *, order: PayoffFlags) -> None:
        """An order's or a strategy group's payoff at expiration and today (nothing is placed).

        Break-evens, max profit and loss; priced with your broker's quote unless you give
        `spot`, `iv` or `rate`."""
        theme = parse_theme(order.theme or await chart_theme_of(ctx.author.id))
        await ctx.defer(ephemeral=True)
        quotes = self.bot.broker_quotes()
        chart = await payoff_chart(
            ctx.author.id,
            order.text,
            quotes=quotes,
            now=datetime.now(UTC),
            spot=order.spot,
            volatility=order.iv,
            rate=order.rate,
            theme=theme,
        )
        await send_chart(ctx, chart)

    @chart_payoff.autocomplete("text")
    async def group_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> Choices:
        """The asking trader's open strategy groups, while what is typed could be a number."""
        typed = current.strip().lstrip("#").strip()
        if typed and not typed.isdigit():
            return []  # an order is being typed
        choices = []
        for group in await list_groups(interaction.user.id, status="open"):
            if not str(group.id).startswith(typed):
                continue
            label = f"{group.id} · {group.underlying} · {group.name or group.strategy_name}"
            choices.append(app_commands.Choice(name=label[:MAX_CHOICE_CHARS], value=str(group.id)))
        return choices[:MAX_CHOICES]

    @chart_pnl.autocomplete("account")
    @chart_equity.autocomplete("account")
    @chart_breakdown.autocomplete("account")
    @chart_calendar.autocomplete("account")
    async def account_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> Choices:
        """The asking trader's own account numbers."""
        numbers = await account_choices(interaction.user.id, current)
        return [app_commands.Choice(name=number, value=number) for number in numbers]
