"""The inbox pager: previous/next, mark this page read, mark all read; the owner only."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import discord

from cogs._views import OwnedView
from services.notify.inbox import InboxPage, inbox_page, mark_all_read, mark_many_read

PAGER_TIMEOUT_SECONDS = 300.0
BODY_PREVIEW_CHARS = 300
INBOX_COLOUR = discord.Colour.from_rgb(230, 80, 40)
_DELIVERY_WORDS = {"sent": "sent", "failed": "failed", "skipped": "off", "pending": "pending"}

Render = Callable[[InboxPage], discord.Embed]


def inbox_embed(page: InboxPage) -> discord.Embed:
    """One page of the inbox: newest first, unread marked, with each notice's deliveries."""
    embed = discord.Embed(title=f"Inbox: {page.unread} unread", colour=INBOX_COLOUR)
    if not page.items:
        embed.description = (
            "Nothing here yet. Sync failures, recoveries, rejected credentials, expiring "
            "options and assignments will be listed here."
        )
    for item in page.items:
        marker = "🔵" if not item.read else "⚪"
        body = (
            item.body
            if len(item.body) <= BODY_PREVIEW_CHARS
            else (item.body[: BODY_PREVIEW_CHARS - 1] + "…")
        )
        when = discord.utils.format_dt(item.created_at, "R")
        deliveries = (
            f"DM {_DELIVERY_WORDS.get(item.dm_status, item.dm_status)}, "
            f"email {_DELIVERY_WORDS.get(item.email_status, item.email_status)}"
        )
        embed.add_field(
            name=f"{marker} #{item.id} · {item.title}"[:256],
            value=f"{discord.utils.escape_mentions(body)}\n-# {when} · {deliveries}"[:1024],
            inline=False,
        )
    embed.set_footer(
        text=f"Page {page.page}/{page.pages} · {page.total} notices · "
        "mark one read with /inbox read <number>"
    )
    return embed


class InboxPager(OwnedView):
    """Buttons under an inbox page; they act on the asking trader's inbox only."""

    refusal = "This is someone else's inbox; see yours with /inbox."

    def __init__(
        self,
        owner_id: int,
        page: InboxPage,
        *,
        load: Callable[[int, int], Awaitable[InboxPage]] = inbox_page,
    ) -> None:
        super().__init__(owner_id, timeout=PAGER_TIMEOUT_SECONDS)
        self.page = page
        self.load = load
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        self.previous_page.disabled = self.page.page <= 1
        self.next_page.disabled = self.page.page >= self.page.pages
        self.mark_page_read.disabled = not any(not item.read for item in self.page.items)
        self.mark_everything_read.disabled = self.page.unread == 0

    async def show(self, interaction: discord.Interaction[Any], page_number: int) -> None:
        self.page = await self.load(self.owner_id, page_number)
        self._refresh_buttons()
        await interaction.response.edit_message(embed=inbox_embed(self.page), view=self)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous_page(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[InboxPager]
    ) -> None:
        await self.show(interaction, max(1, self.page.page - 1))

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary)
    async def next_page(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[InboxPager]
    ) -> None:
        await self.show(interaction, self.page.page + 1)

    @discord.ui.button(label="Mark these read", style=discord.ButtonStyle.primary)
    async def mark_page_read(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[InboxPager]
    ) -> None:
        await mark_many_read(self.owner_id, [item.id for item in self.page.items])
        await self.show(interaction, self.page.page)

    @discord.ui.button(label="Mark all read", style=discord.ButtonStyle.secondary)
    async def mark_everything_read(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[InboxPager]
    ) -> None:
        await mark_all_read(self.owner_id)
        await self.show(interaction, self.page.page)
