"""`/dashboard`, `/positions`, `/transactions`, `/trades` and `/pnl`: reading your synced
Tastytrade accounts.

Every answer is private (ephemeral for slash commands, a DM for prefix commands typed in a
server) and every service call carries the asking trader's id. Lists page with buttons and
open one item's details from a select; the buttons are the asker's only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from cogs._private import send_private
from cogs.portfolio import _embeds as embeds
from cogs.portfolio._views import ListPager
from services.parsing import exchange_today
from services.portfolio import (
    Page,
    PositionLine,
    TransactionFilter,
    TransactionLine,
    account_choices,
    closed_trades,
    dashboard,
    parse_day,
    pnl_summary,
    positions_page,
    transactions_page,
    underlying_choices,
)

if TYPE_CHECKING:
    from bot.bot import Tastybot

Choices = list[app_commands.Choice[str]]


class TransactionFlags(commands.FlagConverter, case_insensitive=True):
    """`/transactions` filters; typed as `symbol: SPY since: 2026-01-01` after a prefix."""

    account: str | None = commands.flag(default=None, description="Only this account number")
    symbol: str | None = commands.flag(default=None, description="A symbol or underlying, like SPY")
    type: str | None = commands.flag(
        default=None, description="Trade, Receive Deliver or Money Movement"
    )
    since: str | None = commands.flag(default=None, description="From this date (2026-01-31)")
    until: str | None = commands.flag(default=None, description="Up to this date (2026-03-31)")

    def to_filter(self) -> TransactionFilter:
        return TransactionFilter(
            account_number=self.account,
            symbol=self.symbol,
            transaction_type=self.type,
            since=parse_day(self.since, "since") if self.since else None,
            until=parse_day(self.until, "until") if self.until else None,
        )

    def describe(self) -> str:
        parts = [
            f"{name} {value}"
            for name, value in (
                ("account", self.account),
                ("symbol", self.symbol),
                ("type", self.type),
                ("since", self.since),
                ("until", self.until),
            )
            if value
        ]
        return ", ".join(parts)


async def _send_pager(ctx: commands.Context[Any], pager: ListPager[Any]) -> None:
    pager.message = await send_private(ctx, embed=pager.embed(), view=pager)


class Portfolio(commands.Cog, name="Portfolio"):
    """Your accounts at a glance: balances, positions, transactions, closed trades and P&L."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot

    @commands.hybrid_command(name="dashboard", ignore_extra=False)  # type: ignore[arg-type]
    async def dashboard_show(self, ctx: commands.Context[Any]) -> None:
        """Your accounts at a glance: balances, day change, P&L, largest positions, latest
        transactions."""
        await ctx.defer(ephemeral=True)
        board = await dashboard(ctx.author.id)
        await send_private(ctx, embed=embeds.dashboard_embed(board))

    @commands.hybrid_command(name="positions", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(underlying="Only positions on this underlying, like SPY")
    async def positions_show(
        self, ctx: commands.Context[Any], underlying: str | None = None
    ) -> None:
        """Your open positions as of your last sync, largest first; pick one for details."""
        owner = ctx.author.id
        first = await positions_page(owner, underlying)
        shown = first.items[0].underlying_symbol if underlying and first.items else underlying

        async def load(number: int) -> Page[PositionLine]:
            return await positions_page(owner, underlying, number)

        pager: ListPager[PositionLine] = ListPager(
            owner,
            first,
            load=load,
            render_page=lambda page: embeds.positions_embed(page, shown and shown.upper()),
            render_item=embeds.position_embed,
            label=embeds.position_label,
        )
        await _send_pager(ctx, pager)

    @commands.hybrid_command(name="transactions")  # type: ignore[arg-type]
    async def transactions_show(
        self, ctx: commands.Context[Any], *, filters: TransactionFlags
    ) -> None:
        """Your transactions, newest first; filter by account, symbol, type and dates."""
        owner = ctx.author.id
        wanted = filters.to_filter()
        await ctx.defer(ephemeral=True)
        first = await transactions_page(owner, wanted)

        async def load(number: int) -> Page[TransactionLine]:
            return await transactions_page(owner, wanted, number)

        described = filters.describe()
        pager: ListPager[TransactionLine] = ListPager(
            owner,
            first,
            load=load,
            render_page=lambda page: embeds.transactions_embed(page, described),
            render_item=embeds.transaction_embed,
            label=embeds.transaction_label,
        )
        await _send_pager(ctx, pager)

    @commands.hybrid_command(name="trades", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(
        period="today, week, month, ytd, year 2026, last 30d, 2026-11 or all (default ytd)",
        account="Only this account number",
    )
    async def trades_show(
        self, ctx: commands.Context[Any], period: str = "ytd", account: str | None = None
    ) -> None:
        """The lots you closed in a period (FIFO), newest first; pick one for details."""
        owner = ctx.author.id
        await ctx.defer(ephemeral=True)
        trades = await closed_trades(owner, period, today=exchange_today(), account=account)

        async def load(number: int) -> Page[Any]:
            return trades.page(number)

        pager: ListPager[Any] = ListPager(
            owner,
            trades.page(1),
            load=load,
            render_page=lambda page: embeds.trades_embed(trades, page),
            render_item=embeds.trade_embed,
            label=embeds.trade_label,
        )
        await _send_pager(ctx, pager)

    @commands.hybrid_command(name="pnl", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(
        period="today, week, month, ytd, year 2026, last 30d, 2026-11 or all (default ytd)",
        by="underlying, month or strategy",
        account="Only this account number",
    )
    async def pnl_show(
        self,
        ctx: commands.Context[Any],
        period: str = "ytd",
        by: str = "underlying",
        account: str | None = None,
    ) -> None:
        """Realized P&L of a period after fees, by underlying or by month."""
        await ctx.defer(ephemeral=True)
        summary = await pnl_summary(
            ctx.author.id, period, by, today=exchange_today(), account=account
        )
        await send_private(ctx, embed=embeds.pnl_embed(summary))

    # autocomplete: the asking trader's own accounts and underlyings only

    @positions_show.autocomplete("underlying")
    @transactions_show.autocomplete("symbol")
    async def underlying_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> Choices:
        symbols = await underlying_choices(interaction.user.id, current)
        return [app_commands.Choice(name=symbol, value=symbol) for symbol in symbols]

    @transactions_show.autocomplete("account")
    @trades_show.autocomplete("account")
    @pnl_show.autocomplete("account")
    async def account_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> Choices:
        numbers = await account_choices(interaction.user.id, current)
        return [app_commands.Choice(name=number, value=number) for number in numbers]
