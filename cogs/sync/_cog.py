"""`/sync`: sync your Tastytrade accounts now, see how the last syncs went, retry failures.

Every answer is private (ephemeral for slash commands, a DM for prefix commands typed in a
server) and every service call carries the asking trader's id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from cogs._private import send_private
from cogs.sync._views import (
    HistoryPager,
    ProgressMessage,
    RetryView,
    errors_embed,
    history_embed,
    message_embed,
    progress_embed,
    result_embed,
    status_embed,
)
from services.broker.client import RetryPolicy
from services.errors import ConfigurationError, TastybotError, ValidationError
from services.sync import SyncStatus, SyncTrigger, clean_account_number, sync_trader
from services.sync.reports import (
    HISTORY_RUNS,
    MAX_RUN_ID,
    RUNS_PER_PAGE,
    account_statuses,
    latest_run,
    run_errors,
    sync_history,
)

if TYPE_CHECKING:
    from bot.bot import Tastybot

MAX_ACCOUNT_CHARS = 32
NOT_AN_ACCOUNT = "That is not an account number (letters and digits, like 5WT00001)."
MAX_HISTORY_PAGE = HISTORY_RUNS // RUNS_PER_PAGE


class Sync(commands.Cog, name="Sync"):
    """Syncing your linked Tastytrade accounts."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot
        self.retry_policy: RetryPolicy | None = None  # None: the broker client's default

    @commands.hybrid_group(  # type: ignore[arg-type]  # discord.py typing vs mypy
        name="sync", fallback="now", invoke_without_command=True, ignore_extra=False
    )
    @app_commands.describe(account="Only this account number (every linked account if empty)")
    async def sync_now(self, ctx: commands.Context[Any], account: str | None = None) -> None:
        """Sync your linked Tastytrade accounts now; one message shows the progress."""
        if account is not None and len(account) > MAX_ACCOUNT_CHARS:
            raise ValidationError(NOT_AN_ACCOUNT)
        account_number = clean_account_number(account)
        await ctx.defer(ephemeral=True)
        message = await send_private(ctx, embed=progress_embed(None))
        if message is not None:
            await self.run_sync(ctx.author.id, message, account_number, SyncTrigger.MANUAL)

    async def run_sync(
        self,
        discord_id: int,
        message: discord.Message,
        account: str | None,
        trigger: SyncTrigger,
    ) -> None:
        """Run one sync, editing ``message`` with its progress and then its result."""
        vault = self.bot.vault
        progress = ProgressMessage(message)
        try:
            if vault is None:
                raise ConfigurationError("Syncing is not available: the vault is not configured.")
            result = await sync_trader(
                discord_id,
                trigger=trigger,
                vault=vault,
                route=self.bot.broker_route,
                oauth_clients=self.bot.oauth_clients,
                notifier=self.bot.notifier,
                progress=progress.update,
                account=account,
                policy=self.retry_policy,
            )
        except TastybotError as error:
            await message.edit(embed=message_embed("No sync", error.user_message), view=None)
            return
        view: RetryView | None = None
        if result.status is not SyncStatus.SUCCEEDED:
            view = RetryView(discord_id, self._retry_in(message, account))
            view.message = message
        await message.edit(embed=result_embed(result), view=view)

    def _retry_in(self, message: discord.Message, account: str | None) -> Any:
        async def retry(interaction: discord.Interaction[Any]) -> None:
            await interaction.response.edit_message(embed=progress_embed(None), view=None)
            await self.run_sync(interaction.user.id, message, account, SyncTrigger.RETRY)

        return retry

    @sync_now.command(name="status", ignore_extra=False)  # type: ignore[arg-type]
    async def sync_status(self, ctx: commands.Context[Any]) -> None:
        """When each of your accounts was last synced, and how it went."""
        accounts = await account_statuses(ctx.author.id)
        latest = await latest_run(ctx.author.id)
        await send_private(ctx, embed=status_embed(accounts, latest))

    @sync_now.command(name="history", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(page="Page of the last 20 syncs (1 is the newest)")
    async def sync_history(
        self, ctx: commands.Context[Any], page: commands.Range[int, 1, MAX_HISTORY_PAGE] = 1
    ) -> None:
        """Your last 20 syncs, newest first, with buttons to page."""
        result = await sync_history(ctx.author.id, page)
        view = HistoryPager(ctx.author.id, result, sync_history)
        view.message = await send_private(ctx, embed=history_embed(result), view=view)

    @sync_now.command(name="errors", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(run="The sync's number from /sync history (empty: the latest failed)")
    async def sync_errors(
        self, ctx: commands.Context[Any], run: commands.Range[int, 1, MAX_RUN_ID] | None = None
    ) -> None:
        """What went wrong in a sync, with a Retry button."""
        summary, errors = await run_errors(ctx.author.id, run)
        view: RetryView | None = None
        if summary.status in (SyncStatus.FAILED, SyncStatus.PARTIAL):
            view = RetryView(ctx.author.id, self._retry_here())
        message = await send_private(ctx, embed=errors_embed(summary, errors), view=view)
        if view is not None:
            view.message = message

    def _retry_here(self) -> Any:
        async def retry(interaction: discord.Interaction[Any]) -> None:
            await interaction.response.edit_message(embed=progress_embed(None), view=None)
            message = interaction.message
            if message is not None:
                await self.run_sync(interaction.user.id, message, None, SyncTrigger.RETRY)

        return retry
