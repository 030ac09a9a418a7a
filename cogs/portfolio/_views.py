"""A pager for every portfolio list: previous/next, and a select that opens one item's
details (with a button back to the list). The asking trader's only; disabled on timeout."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

import discord

from cogs._views import OwnedView
from services.portfolio import Page

T = TypeVar("T")
PAGER_TIMEOUT_SECONDS = 300.0
OPTION_LABEL_CHARS = 100  # Discord's limit for a select option's label

LoadPage = Callable[[int], Awaitable[Page[T]]]
RenderPage = Callable[[Page[T]], discord.Embed]
RenderItem = Callable[[T], discord.Embed]
Label = Callable[[T], str]


class ListPager(OwnedView, Generic[T]):
    """Pages through a list the service loads a page at a time; ``load`` is already bound to
    the owner (it was built from the owner's own query), so a page never shows anyone else's."""

    refusal = "These are someone else's accounts; see yours with the same command."

    def __init__(
        self,
        owner_id: int,
        page: Page[T],
        *,
        load: LoadPage[T],
        render_page: RenderPage[T],
        render_item: RenderItem[T],
        label: Label[T],
    ) -> None:
        super().__init__(owner_id, timeout=PAGER_TIMEOUT_SECONDS)
        self.page = page
        self.load = load
        self.render_page = render_page
        self.render_item = render_item
        self.label = label
        self.showing_item: int | None = None  # index on the page, when a detail is open
        self.previous_button: discord.ui.Button[ListPager[T]] = discord.ui.Button(
            label="◀ Previous", style=discord.ButtonStyle.secondary
        )
        self.next_button: discord.ui.Button[ListPager[T]] = discord.ui.Button(
            label="Next ▶", style=discord.ButtonStyle.secondary
        )
        self.back_button: discord.ui.Button[ListPager[T]] = discord.ui.Button(
            label="Back to the list", style=discord.ButtonStyle.primary
        )
        self.details: discord.ui.Select[ListPager[T]] = discord.ui.Select(
            placeholder="Details of…", min_values=1, max_values=1
        )
        self.previous_button.callback = self._previous  # type: ignore[method-assign]
        self.next_button.callback = self._next  # type: ignore[method-assign]
        self.back_button.callback = self._back  # type: ignore[method-assign]
        self.details.callback = self._picked  # type: ignore[method-assign]
        self._arrange()

    def embed(self) -> discord.Embed:
        """What the message shows now: the page, or the open item's details."""
        if self.showing_item is not None:
            return self.render_item(self.page.items[self.showing_item])
        return self.render_page(self.page)

    def _arrange(self) -> None:
        self.clear_items()
        if self.showing_item is not None:
            self.add_item(self.back_button)
            return
        if self.page.pages > 1:
            self.previous_button.disabled = self.page.page <= 1
            self.next_button.disabled = self.page.page >= self.page.pages
            self.add_item(self.previous_button)
            self.add_item(self.next_button)
        if self.page.items:
            self.details.options = [
                discord.SelectOption(
                    label=f"{self.page.number(index)}. {self.label(item)}"[:OPTION_LABEL_CHARS],
                    value=str(index),
                )
                for index, item in enumerate(self.page.items)
            ]
            self.add_item(self.details)

    async def _redraw(self, interaction: discord.Interaction[Any]) -> None:
        self._arrange()
        await interaction.response.edit_message(embed=self.embed(), view=self)

    async def show_page(self, interaction: discord.Interaction[Any], number: int) -> None:
        """Load page ``number`` (clamped to the pages there are) and show it."""
        self.page = await self.load(max(1, min(number, self.page.pages)))
        self.showing_item = None
        await self._redraw(interaction)

    async def show_item(self, interaction: discord.Interaction[Any], index: int) -> None:
        """Open the details of the page's item ``index``."""
        if not 0 <= index < len(self.page.items):
            await interaction.response.send_message(
                "That item is gone; page again.", ephemeral=True
            )
            return
        self.showing_item = index
        await self._redraw(interaction)

    async def _previous(self, interaction: discord.Interaction[Any]) -> None:
        await self.show_page(interaction, self.page.page - 1)

    async def _next(self, interaction: discord.Interaction[Any]) -> None:
        await self.show_page(interaction, self.page.page + 1)

    async def _back(self, interaction: discord.Interaction[Any]) -> None:
        self.showing_item = None
        await self._redraw(interaction)

    async def _picked(self, interaction: discord.Interaction[Any]) -> None:
        value = self.details.values[0] if self.details.values else ""
        await self.show_item(interaction, int(value) if value.isdigit() else -1)
