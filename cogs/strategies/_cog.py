"""`/strategies`, `/strategy ...`, `/undo` and `/redo`: the trader's strategy groups and the
edits that correct them.

Every answer is private (ephemeral for slash commands, a DM for prefix commands typed in a
server) and every service call carries the asking trader's id. An edit's answer carries an
Undo button only that trader may press. Group numbers autocomplete from the trader's own groups.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from cogs._private import send_private
from cogs.portfolio._views import ListPager
from cogs.strategies import _embeds as embeds
from cogs.strategies._views import UndoButton
from services.portfolio import Page
from services.strategies import edits
from services.strategies.reports import GroupSummary, list_groups

if TYPE_CHECKING:
    from bot.bot import Tastybot

Choices = list[app_commands.Choice[str]]
GROUPS_PER_PAGE = 8
STATUS_WORDS = frozenset({"open", "closed", "all"})
CHOICE_CHARS = 100  # Discord's limit for an autocomplete choice's name and value
GROUP_HELP = "A group number from /strategies, like 12"


def _page(groups: tuple[GroupSummary, ...], number: int) -> Page[GroupSummary]:
    pages = max(1, -(-len(groups) // GROUPS_PER_PAGE))
    number = max(1, min(number, pages))
    start = (number - 1) * GROUPS_PER_PAGE
    shown = groups[start : start + GROUPS_PER_PAGE]
    return Page(shown, number, pages, len(groups), GROUPS_PER_PAGE)


def _summary(command: commands.Command[Any, ..., Any]) -> str:
    """The first line of a command's docstring."""
    return (inspect.getdoc(command.callback) or "").split("\n", 1)[0]


def _choice(label: str, value: str) -> app_commands.Choice[str]:
    return app_commands.Choice(name=label[:CHOICE_CHARS], value=value[:CHOICE_CHARS])


class Strategies(commands.Cog, name="Strategies"):
    """Your positions as strategies (iron condors, wheels, ...) and your corrections to them."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot

    async def _answer_edit(self, ctx: commands.Context[Any], outcome: edits.EditOutcome) -> None:
        view = UndoButton(ctx.author.id, outcome.seq)
        view.message = await send_private(ctx, embeds.edit_text(outcome), view=view)

    @commands.hybrid_command(name="strategies", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(
        status="open, closed or all (default all)", underlying="Only groups on this underlying"
    )
    async def strategies_list(
        self, ctx: commands.Context[Any], status: str | None = None, underlying: str | None = None
    ) -> None:
        """Your strategy groups, newest first: `strategies [open|closed] [underlying]`."""
        if status is not None and underlying is None and status.strip().lower() not in STATUS_WORDS:
            status, underlying = None, status  # `!strategies SPY`
        await ctx.defer(ephemeral=True)
        groups = await list_groups(ctx.author.id, status=status, underlying=underlying)
        words = ((status or "").strip().lower(), (underlying or "").strip().upper())
        scope = " · ".join(word for word in words if word and word != "all")

        async def load(number: int) -> Page[GroupSummary]:
            return _page(groups, number)

        pager: ListPager[GroupSummary] = ListPager(
            ctx.author.id,
            _page(groups, 1),
            load=load,
            render_page=lambda page: embeds.groups_embed(page, scope),
            render_item=embeds.group_summary_embed,
            label=embeds.group_label,
        )
        pager.refusal = "These are someone else's strategies; see yours with /strategies."
        pager.message = await send_private(ctx, embed=pager.embed(), view=pager)

    @commands.hybrid_group(name="strategy", invoke_without_command=True)  # type: ignore[arg-type]
    async def strategy_group(self, ctx: commands.Context[Any]) -> None:
        """Look at one strategy group or correct your groups (`strategy show 12`)."""
        found: list[commands.Command[Any, ..., Any]] = list(self.strategy_group.walk_commands())
        listed = [
            (f"{command.qualified_name} {command.signature}".strip(), _summary(command))
            for command in found
            if not isinstance(command, commands.Group)
        ]
        await send_private(ctx, embed=embeds.commands_embed(ctx.clean_prefix, listed))

    @strategy_group.command(name="show", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(group=GROUP_HELP)
    async def strategy_show(self, ctx: commands.Context[Any], group: str) -> None:
        """One group: its lots (with their numbers), P&L and roll chain."""
        await ctx.defer(ephemeral=True)
        shown = await edits.show_group(ctx.author.id, edits.parse_id(group))
        await send_private(ctx, embed=embeds.group_embed(shown))

    @strategy_group.command(name="split")  # type: ignore[arg-type]
    @app_commands.describe(group=GROUP_HELP, lots="Lot numbers to move out, like 57 58")
    async def strategy_split(self, ctx: commands.Context[Any], group: str, *, lots: str) -> None:
        """Move some lots of a group into a new group: `strategy split 12 57 58`."""
        await ctx.defer(ephemeral=True)
        outcome = await edits.split_group(
            ctx.author.id, edits.parse_id(group), edits.parse_ids(lots)
        )
        await self._answer_edit(ctx, outcome)

    @strategy_group.command(name="merge")  # type: ignore[arg-type]
    @app_commands.describe(groups="Group numbers, the first one kept, like 12 15")
    async def strategy_merge(self, ctx: commands.Context[Any], *, groups: str) -> None:
        """Merge groups into the first one: `strategy merge 12 15`."""
        await ctx.defer(ephemeral=True)
        numbers = edits.parse_ids(groups, "group", limit=edits.MAX_MERGE_GROUPS)
        await self._answer_edit(ctx, await edits.merge_groups(ctx.author.id, numbers))

    @strategy_group.command(name="move", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(lot="A lot number from /strategy show", group="The group to move it to")
    async def strategy_move(self, ctx: commands.Context[Any], lot: str, group: str) -> None:
        """Move one lot to another group: `strategy move 57 15`."""
        await ctx.defer(ephemeral=True)
        outcome = await edits.move_lot(
            ctx.author.id, edits.parse_id(lot, "lot"), edits.parse_id(group)
        )
        await self._answer_edit(ctx, outcome)

    @strategy_group.command(name="create")  # type: ignore[arg-type]
    @app_commands.describe(lots="Lot numbers from /strategy show, like 57 61")
    async def strategy_create(self, ctx: commands.Context[Any], *, lots: str) -> None:
        """Make a new group of some lots: `strategy create 57 61`."""
        await ctx.defer(ephemeral=True)
        outcome = await edits.create_group(ctx.author.id, edits.parse_ids(lots))
        await self._answer_edit(ctx, outcome)

    @strategy_group.command(name="rename")  # type: ignore[arg-type]
    @app_commands.describe(group=GROUP_HELP, name="Letters, digits, spaces, a little punctuation")
    async def strategy_rename(self, ctx: commands.Context[Any], group: str, *, name: str) -> None:
        """Name a group: `strategy rename 12 March condor`."""
        await ctx.defer(ephemeral=True)
        outcome = await edits.rename_group(ctx.author.id, edits.parse_id(group), name)
        await self._answer_edit(ctx, outcome)

    @strategy_group.command(name="retype")  # type: ignore[arg-type]
    @app_commands.rename(strategy_type="type")
    @app_commands.describe(
        group=GROUP_HELP, strategy_type="A catalog strategy (iron_condor) or one of your own types"
    )
    async def strategy_retype(
        self, ctx: commands.Context[Any], group: str, *, strategy_type: str
    ) -> None:
        """Set a group's strategy: `strategy retype 12 iron_condor` or one of your own types."""
        await ctx.defer(ephemeral=True)
        outcome = await edits.retype_group(ctx.author.id, edits.parse_id(group), strategy_type)
        await self._answer_edit(ctx, outcome)

    @strategy_group.command(name="history", ignore_extra=False)  # type: ignore[arg-type]
    async def strategy_history(self, ctx: commands.Context[Any]) -> None:
        """Your latest strategy edits, newest first, and what became of each."""
        await send_private(ctx, embed=embeds.history_embed(await edits.history(ctx.author.id)))

    @strategy_group.group(name="type", invoke_without_command=True)  # type: ignore[arg-type]
    async def strategy_type(self, ctx: commands.Context[Any]) -> None:
        """Your own strategy types: `strategy type add Wheel`."""
        await send_private(ctx, f"`{ctx.clean_prefix}strategy type add <name>` adds one.")

    @strategy_type.command(name="add")  # type: ignore[arg-type]
    @app_commands.describe(name="Like Wheel or Earnings strangle")
    async def strategy_type_add(self, ctx: commands.Context[Any], *, name: str) -> None:
        """Add a strategy type of your own, for `strategy retype`."""
        await self._answer_edit(ctx, await edits.add_user_type(ctx.author.id, name))

    @commands.hybrid_command(name="undo", ignore_extra=False)  # type: ignore[arg-type]
    async def strategy_undo(self, ctx: commands.Context[Any]) -> None:
        """Take back your latest strategy edit."""
        await ctx.defer(ephemeral=True)
        outcome = await edits.undo(ctx.author.id)
        view = UndoButton(ctx.author.id, outcome.seq, undone=True)
        view.message = await send_private(ctx, embeds.step_text(outcome, undone=True), view=view)

    @commands.hybrid_command(name="redo", ignore_extra=False)  # type: ignore[arg-type]
    async def strategy_redo(self, ctx: commands.Context[Any]) -> None:
        """Bring back the strategy edit you undid last."""
        await ctx.defer(ephemeral=True)
        outcome = await edits.redo(ctx.author.id)
        view = UndoButton(ctx.author.id, outcome.seq)
        view.message = await send_private(ctx, embeds.step_text(outcome, undone=False), view=view)

    # autocomplete: the asking trader's own groups and types only

    @strategy_show.autocomplete("group")
    @strategy_split.autocomplete("group")
    @strategy_move.autocomplete("group")
    @strategy_rename.autocomplete("group")
    @strategy_retype.autocomplete("group")
    async def group_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> Choices:
        found = await edits.group_choices(interaction.user.id, current)
        return [_choice(choice.label, str(choice.group_id)) for choice in found]

    @strategy_merge.autocomplete("groups")
    async def groups_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> Choices:
        """Completes the last group number typed, keeping the ones before it."""
        typed, _, last = current.replace(",", " ").rpartition(" ")
        typed = " ".join(typed.split())
        found = await edits.group_choices(interaction.user.id, last)
        return [
            _choice(
                f"{typed} + {choice.label}" if typed else choice.label,
                f"{typed} {choice.group_id}".strip(),
            )
            for choice in found
        ]

    @strategy_retype.autocomplete("strategy_type")
    async def type_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> Choices:
        found = await edits.type_choices(interaction.user.id, current)
        return [_choice(name, name) for name in found]
