"""`/export`: your transactions, realized P&L lots, a Form 8949-style CSV or a PDF report.

Every answer is private (ephemeral for slash commands, a DM for prefix commands typed in a
server): a single-use download link that expires in 15 minutes, and the file itself in DM when
it is small. Every service call carries the asking trader's id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from cogs._private import send_private
from cogs.exports._views import attachment, export_embed
from services.errors import ConfigurationError, ValidationError
from services.reports.exports import (
    ExportKind,
    ExportRequest,
    LinkSigner,
    PeriodShape,
    parse_period,
    prepare_export,
)
from web_status._routes_download import download_url

if TYPE_CHECKING:
    from bot.bot import Tastybot

YEAR_OR_RANGE = frozenset({PeriodShape.YEAR, PeriodShape.RANGE})
YEAR_ONLY = frozenset({PeriodShape.YEAR})
MONTH_OR_YEAR = frozenset({PeriodShape.MONTH, PeriodShape.YEAR})
PNL_FORMATS = {"csv": ExportKind.LOTS_CSV, "8949": ExportKind.FORM_8949_CSV}
MAX_FORMAT_CHARS = 20


def parse_pnl_format(text: str | None) -> ExportKind:
    """``csv`` (the default) or ``8949``; ``format 8949`` and ``--format 8949`` read the same."""
    cleaned = (text or "csv").strip().lower()
    if len(cleaned) > MAX_FORMAT_CHARS:
        raise ValidationError("The format is `csv` or `8949`.")
    cleaned = cleaned.removeprefix("--").removeprefix("format").strip(" =")
    try:
        return PNL_FORMATS[cleaned or "csv"]
    except KeyError:
        raise ValidationError("The format is `csv` or `8949`.") from None


class Exports(commands.Cog, name="Exports"):
    """Downloads of your data: CSV, Form 8949-style CSV and PDF."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot

    def _signer(self) -> LinkSigner:
        if self.bot.vault is None:
            raise ConfigurationError("Exports are not available: the vault is not configured.")
        return LinkSigner.from_vault(self.bot.vault)

    async def _deliver(self, ctx: commands.Context[Any], request: ExportRequest) -> None:
        """Prepare the export, answer privately with its link, and DM the file when small."""
        signer = self._signer()
        await ctx.defer(ephemeral=True)  # P&L over years of history can take a few seconds
        prepared = await prepare_export(signer, ctx.author.id, request)
        url = download_url(self.bot.public_url(), prepared.link.token)
        message = await send_private(ctx, embed=export_embed(prepared, url))
        if message is None or prepared.attachment is None:
            return
        if isinstance(message.channel, discord.DMChannel):
            await message.channel.send(file=attachment(prepared))
            return
        try:
            await ctx.author.send(file=attachment(prepared))
        except discord.Forbidden:  # DMs closed: the slash answer is private too
            await ctx.send(file=attachment(prepared), ephemeral=True)

    @commands.hybrid_group(  # type: ignore[arg-type]  # discord.py typing vs mypy
        name="export", invoke_without_command=True
    )
    async def export(self, ctx: commands.Context[Any]) -> None:
        """Export your data: transactions, P&L lots, Form 8949-style CSV or a PDF report."""
        prefix = ctx.clean_prefix or "!"
        await send_private(
            ctx,
            embed=discord.Embed(
                title="Exports",
                description=(
                    f"`{prefix}export transactions 2026` (or a range "
                    "`2026-01-01..2026-03-31`): every transaction as CSV\n"
                    f"`{prefix}export pnl 2026`: realized P&L lots as CSV\n"
                    f"`{prefix}export pnl 2026 8949`: a Form 8949-style CSV\n"
                    f"`{prefix}export report 2026-03` (or a year): a PDF P&L report"
                ),
            ),
        )

    @export.command(name="transactions")  # type: ignore[arg-type]
    @app_commands.describe(period="A year (2026) or a range of dates (2026-01-01..2026-03-31)")
    async def export_transactions(self, ctx: commands.Context[Any], *, period: str) -> None:
        """Your transactions in a year or a range of dates, as CSV."""
        chosen = parse_period(period, accept=YEAR_OR_RANGE)
        await self._deliver(ctx, ExportRequest(ExportKind.TRANSACTIONS_CSV, chosen))

    @export.command(name="pnl")  # type: ignore[arg-type]
    @app_commands.describe(
        year="The tax year (2026)", format="csv: realized P&L lots; 8949: Form 8949-style CSV"
    )
    @app_commands.choices(
        format=[app_commands.Choice(name=name, value=name) for name in PNL_FORMATS]
    )
    async def export_pnl(
        self, ctx: commands.Context[Any], year: str, *, format: str = "csv"
    ) -> None:
        """Your realized P&L lots of a year as CSV, or a Form 8949-style CSV (format 8949)."""
        chosen = parse_period(year, accept=YEAR_ONLY)
        await self._deliver(ctx, ExportRequest(parse_pnl_format(format), chosen))

    @export.command(name="report")  # type: ignore[arg-type]
    @app_commands.describe(period="A month (2026-03) or a year (2026)")
    async def export_report(self, ctx: commands.Context[Any], *, period: str) -> None:
        """A PDF P&L report of a month or a year: summary, P&L by underlying, cumulative chart."""
        chosen = parse_period(period, accept=MONTH_OR_YEAR)
        await self._deliver(ctx, ExportRequest(ExportKind.REPORT_PDF, chosen))
