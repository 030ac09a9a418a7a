"""What /sync shows: the progress message, the result, status, history and error details,
the history pager and the Retry button (the asking trader's only; disabled on timeout)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from cogs._views import OwnedView
from services.sync import AccountStatus, SyncProgress, SyncResult, SyncStage, SyncStatus
from services.sync.reports import AccountSyncStatus, HistoryPage, RunError, RunSummary

VIEW_TIMEOUT_SECONDS = 300.0
EDIT_INTERVAL_SECONDS = 1.0  # Discord allows about five edits per five seconds per message
SYNC_COLOUR = discord.Colour.from_rgb(230, 80, 40)
STATUS_COLOURS = {
    SyncStatus.SUCCEEDED: discord.Colour.green(),
    SyncStatus.PARTIAL: discord.Colour.gold(),
    SyncStatus.FAILED: discord.Colour.red(),
    SyncStatus.RUNNING: SYNC_COLOUR,
}
STATUS_WORDS = {
    SyncStatus.SUCCEEDED: "succeeded",
    SyncStatus.PARTIAL: "partly failed",
    SyncStatus.FAILED: "failed",
    SyncStatus.RUNNING: "running",
}
STAGE_WORDS = {
    SyncStage.ACCOUNTS: "Listing accounts",
    SyncStage.BALANCES: "Reading balances",
    SyncStage.POSITIONS: "Reading positions",
    SyncStage.TRANSACTIONS: "Reading transactions",
    SyncStage.STORE: "Saving",
    SyncStage.REFRESH: "Refreshing P&L",
    SyncStage.DONE: "Done",
}


def _text(value: str, limit: int = 1024) -> str:
    clean = discord.utils.escape_mentions(discord.utils.escape_markdown(value))
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def progress_embed(update: SyncProgress | None) -> discord.Embed:
    embed = discord.Embed(title="Syncing your Tastytrade accounts…", colour=SYNC_COLOUR)
    if update is None:
        embed.description = "Starting."
        return embed
    where = f" ({update.account_number})" if update.account_number else ""
    embed.description = f"{STAGE_WORDS[update.stage]}{where}."
    embed.add_field(name="Accounts", value=f"{update.accounts_done}/{update.accounts} done")
    embed.add_field(name="Pages fetched", value=str(update.pages))
    embed.add_field(name="Transactions", value=f"{update.new} new, {update.updated} updated")
    return embed


def result_embed(result: SyncResult) -> discord.Embed:
    embed = discord.Embed(
        title=f"Sync {STATUS_WORDS[result.status]}", colour=STATUS_COLOURS[result.status]
    )
    seconds = (result.finished_at - result.started_at).total_seconds()
    embed.description = (
        f"{len(result.accounts)} account(s), {result.pages} page(s) read, "
        f"{result.new} new and {result.updated} updated transaction(s) in {seconds:.1f} s."
    )
    for outcome in result.accounts[:20]:
        if outcome.status is AccountStatus.SUCCEEDED:
            value = (
                f"✅ {outcome.new} new, {outcome.updated} updated, {outcome.positions} positions"
            )
        else:
            value = f"❌ {_text(outcome.error or 'failed', 900)}"
        name = f"{outcome.account_number} ({outcome.environment.value})"
        embed.add_field(name=name, value=value, inline=False)
    unattributed = [error for error in result.errors if ": " not in error[:40]]
    for error in unattributed[:3]:
        embed.add_field(name="Problem", value=_text(error), inline=False)
    if result.status is not SyncStatus.SUCCEEDED:
        embed.set_footer(text=f"Sync #{result.run_id} · press Retry or run /sync again")
    else:
        embed.set_footer(text=f"Sync #{result.run_id}")
    return embed


def message_embed(title: str, text: str, *, failed: bool = True) -> discord.Embed:
    colour = STATUS_COLOURS[SyncStatus.FAILED] if failed else SYNC_COLOUR
    return discord.Embed(title=title, description=_text(text, 4000), colour=colour)


def status_embed(
    accounts: tuple[AccountSyncStatus, ...], latest: RunSummary | None
) -> discord.Embed:
    embed = discord.Embed(title="Sync status", colour=SYNC_COLOUR)
    if not accounts:
        embed.description = "No synced accounts yet. Link one with /link, then run /sync."
        return embed
    if latest is not None:
        embed.description = (
            f"Last sync #{latest.run_id} ({latest.trigger}) "
            f"{STATUS_WORDS[latest.status]} {discord.utils.format_dt(latest.started_at, 'R')}."
        )
    for account in accounts[:25]:
        when = (
            discord.utils.format_dt(account.last_synced_at, "R")
            if account.last_synced_at
            else "never"
        )
        outcome = account.last_sync_status or "not synced yet"
        value = f"Last synced {when} · last outcome: {outcome}"
        if account.last_sync_error and account.last_sync_status == "failed":
            value += f"\n{_text(account.last_sync_error, 600)}"
        if account.is_closed:
            value += "\n(closed at Tastytrade)"
        name = f"{account.account_number} · {account.nickname or '-'} ({account.environment.value})"
        embed.add_field(name=_text(name, 256), value=value, inline=False)
    return embed


def _duration(run: RunSummary) -> str:
    if run.finished_at is None:
        return "still running"
    return f"{(run.finished_at - run.started_at).total_seconds():.1f} s"


def history_embed(page: HistoryPage) -> discord.Embed:
    embed = discord.Embed(title="Sync history", colour=SYNC_COLOUR)
    if not page.runs:
        embed.description = "No syncs yet. Run /sync."
    for run in page.runs:
        counts = run.counts
        embed.add_field(
            name=f"#{run.run_id} · {run.trigger} · {STATUS_WORDS[run.status]}",
            value=(
                f"{discord.utils.format_dt(run.started_at, 'f')} · {_duration(run)}\n"
                f"{counts.get('accounts_synced', 0)}/{counts.get('accounts', 0)} accounts, "
                f"{counts.get('transactions_new', 0)} new, "
                f"{counts.get('transactions_updated', 0)} updated, "
                f"{counts.get('errors', 0)} error(s)"
            ),
            inline=False,
        )
    embed.set_footer(
        text=f"Page {page.page}/{page.pages} · last {page.total} syncs · details: /sync errors <#>"
    )
    return embed


def errors_embed(run: RunSummary, errors: tuple[RunError, ...]) -> discord.Embed:
    embed = discord.Embed(
        title=f"Sync #{run.run_id} {STATUS_WORDS[run.status]}", colour=STATUS_COLOURS[run.status]
    )
    embed.description = f"Started {discord.utils.format_dt(run.started_at, 'f')} ({run.trigger})."
    if not errors:
        embed.description += "\nNo errors."
    for error in errors[:20]:
        where = f"{error.stage}" + (f" · {error.account_number}" if error.account_number else "")
        hint = "temporary; retrying may work" if error.retryable else "needs a change first"
        embed.add_field(
            name=where,
            value=f"{_text(error.message, 800)}\n-# {error.attempts} attempt(s), {hint}",
            inline=False,
        )
    return embed


Retry = Callable[[discord.Interaction[Any]], Awaitable[None]]


class RetryView(OwnedView):
    """A Retry button under a failed or partial sync: runs the sync again in this message."""

    def __init__(self, owner_id: int, retry: Retry) -> None:
        super().__init__(owner_id, timeout=VIEW_TIMEOUT_SECONDS)
        self.retry = retry
        self.pressed = False

    @discord.ui.button(label="Retry", style=discord.ButtonStyle.primary)
    async def retry_button(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[RetryView]
    ) -> None:
        self.pressed = True
        self.disable_all()
        self.stop()
        await self.retry(interaction)


LoadPage = Callable[[int, int], Awaitable[HistoryPage]]


class HistoryPager(OwnedView):
    """Previous/next through the trader's last 20 syncs."""

    def __init__(self, owner_id: int, page: HistoryPage, load: LoadPage) -> None:
        super().__init__(owner_id, timeout=VIEW_TIMEOUT_SECONDS)
        self.page = page
        self.load = load
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous_page.disabled = self.page.page <= 1
        self.next_page.disabled = self.page.page >= self.page.pages

    async def _show(self, interaction: discord.Interaction[Any], number: int) -> None:
        self.page = await self.load(self.owner_id, number)
        self._sync_buttons()
        await interaction.response.edit_message(embed=history_embed(self.page), view=self)

    @discord.ui.button(label="◀ Newer", style=discord.ButtonStyle.secondary)
    async def previous_page(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[HistoryPager]
    ) -> None:
        await self._show(interaction, max(1, self.page.page - 1))

    @discord.ui.button(label="Older ▶", style=discord.ButtonStyle.secondary)
    async def next_page(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[HistoryPager]
    ) -> None:
        await self._show(interaction, min(self.page.pages, self.page.page + 1))


class ProgressMessage:
    """Edits one message as a sync moves on: the first update at once, then at most one edit
    a second (the result replaces it at the end)."""

    def __init__(self, message: discord.Message, clock: Callable[[], float] = time.monotonic):
        self.message = message
        self.clock = clock
        self.edits = 0
        self._last = float("-inf")

    async def update(self, progress: SyncProgress) -> None:
        now = self.clock()
        if self.edits and now - self._last < EDIT_INTERVAL_SECONDS:
            return
        self._last = now
        self.edits += 1
        await self.message.edit(embed=progress_embed(progress))
