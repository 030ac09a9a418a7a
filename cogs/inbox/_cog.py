"""`/inbox`: the trader's notifications, newest first, with buttons to page and mark read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from discord.ext import commands

from cogs._private import send_private
from cogs.inbox._views import InboxPager, inbox_embed
from services.errors import ValidationError
from services.notify.inbox import MAX_PAGE, inbox_page, mark_all_read, mark_read

if TYPE_CHECKING:
    from bot.bot import Tastybot

MAX_NOTIFICATION_ID = 2**31 - 1


def parse_which(text: str) -> int | None:
    """``all`` -> None, ``#12`` or ``12`` -> 12; anything else is refused."""
    cleaned = text.strip().lower().removeprefix("#")
    if cleaned == "all":
        return None
    if not cleaned.isascii() or not cleaned.isdigit() or len(cleaned) > 10:
        raise ValidationError("Say which notice: its number from /inbox (e.g. `12`) or `all`.")
    number = int(cleaned)
    if not 0 < number <= MAX_NOTIFICATION_ID:
        raise ValidationError("Say which notice: its number from /inbox (e.g. `12`) or `all`.")
    return number


class Inbox(commands.Cog, name="Inbox"):
    """Your notifications: sync failures and recoveries, credentials, expiries, assignments."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot

    @commands.hybrid_group(  # type: ignore[arg-type]  # discord.py typing vs mypy
        name="inbox", fallback="show", invoke_without_command=True, ignore_extra=False
    )
    async def inbox_show(
        self, ctx: commands.Context[Any], page: commands.Range[int, 1, MAX_PAGE] = 1
    ) -> None:
        """Show your notifications, newest first (only you see them)."""
        await self._show(ctx, page)

    async def _show(self, ctx: commands.Context[Any], page: int) -> None:
        result = await inbox_page(ctx.author.id, page)
        view = InboxPager(ctx.author.id, result)
        view.message = await send_private(ctx, embed=inbox_embed(result), view=view)

    @inbox_show.command(  # type: ignore[arg-type]
        name="page", aliases=["show"], with_app_command=False, ignore_extra=False
    )
    async def inbox_show_prefix(
        self, ctx: commands.Context[Any], page: commands.Range[int, 1, MAX_PAGE] = 1
    ) -> None:
        """Show your notifications, newest first (`inbox show 2` for page 2)."""
        await self._show(ctx, page)

    @inbox_show.command(name="read", ignore_extra=False)  # type: ignore[arg-type]
    async def inbox_read(self, ctx: commands.Context[Any], which: str) -> None:
        """Mark one notice read by its number, or `all` of them."""
        number = parse_which(which)
        if number is None:
            changed = await mark_all_read(ctx.author.id)
            await send_private(ctx, f"Marked {changed} notice{'s' if changed != 1 else ''} read.")
            return
        await mark_read(ctx.author.id, number)
        await send_private(ctx, f"Marked #{number} read.")
