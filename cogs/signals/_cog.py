"""`/signal add|list|pause|resume|delete|test`: a trader's signal rules, and the loop that
evaluates every trader's rules.

Every answer is private (ephemeral for slash commands, a DM for prefix commands typed in a
server) and every service call carries the asking trader's id; rule ids autocomplete from the
trader's own rules. The loop (every ``TICK_SECONDS``, started when the bot has its vault) runs
:meth:`services.signals.SignalEvaluator.tick`; a firing that waits for the trader arrives by DM
as the orders feature's preview with its Confirm/Cancel buttons (or its question), besides the
notice every firing sends.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import discord
from discord import app_commands
from discord.ext import commands, tasks

from cogs._private import send_private
from cogs.orders._views import render_outcome
from cogs.portfolio._views import ListPager
from cogs.signals import _embeds as embeds
from services.errors import TastybotError
from services.market.levels import LevelsSource, MarketData
from services.orders.chat import remember_preview
from services.orders.confirmation import Placement
from services.orders.pipeline import Asked
from services.parsing import exchange_today
from services.portfolio import Page
from services.signals import (
    RuleView,
    SignalEvaluator,
    SignalPreview,
    TickReport,
    WatchersLevels,
    add_rule,
    delete_rule,
    get_rule,
    list_rules,
    parse_rule_id,
    pause_rule,
    resume_rule,
    test_rule,
)

if TYPE_CHECKING:
    from bot.bot import Tastybot
    from services.orders import OrderContext
    from services.orders._model import Preview
    from services.orders.workers import OrderSteps

log = logging.getLogger(__name__)

Choices = list[app_commands.Choice[str]]
TICK_SECONDS = 15.0  # how often every rule is evaluated
UNLOAD_WAIT_SECONDS = 10.0  # a tick in flight finishes its database writes
FIRINGS_WAIT_SECONDS = 30.0  # orders in flight at shutdown get this long to finish
RULES_PER_PAGE = 8
CHOICE_CHARS = 100  # Discord's limit for an autocomplete choice's name
RULE_HELP = "A rule number from /signal list, like 3"


@runtime_checkable
class PlacementFollower(Protocol):
    """The orders cog's part that follows a placed order on its message and draws a
    preview's payoff."""

    async def after_placement(
        self, placement: Placement, message: Any, owner_id: int, guild_id: int | None
    ) -> None: ...

    async def show_payoff(
        self, preview: Preview, message: discord.Message, owner_id: int
    ) -> None: ...


class SignalAddFlags(commands.FlagConverter, case_insensitive=True):
    """`/signal add`; typed as `signal add when SPY ... then buy ...` (a trailing `auto`, or
    `auto: yes`, turns auto-execute on)."""

    rule: str = commands.flag(
        positional=True,
        description="when <condition> then <order>: when SPY crosses below the flip then buy 1 "
        "SPY 0dte atm put",
    )
    auto: bool = commands.flag(
        default=False,
        description="Place its orders without asking when inside your risk limits",
    )


def _page(rules: tuple[RuleView, ...], number: int) -> Page[RuleView]:
    pages = max(1, -(-len(rules) // RULES_PER_PAGE))
    number = max(1, min(number, pages))
    start = (number - 1) * RULES_PER_PAGE
    return Page(rules[start : start + RULES_PER_PAGE], number, pages, len(rules), RULES_PER_PAGE)


class Signals(commands.Cog, name="Signals"):
    """Signal rules: when a market condition holds, send an order through the pipeline."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot
        # where levels come from: the market feature's data through the watchers' access;
        # a test or the demo may set its own source before the first tick
        self.levels: LevelsSource | None = None
        self._evaluator: SignalEvaluator | None = None

    # --- the evaluator ---------------------------------------------------------------------

    def order_context(self) -> OrderContext:
        return self.bot.order_context()

    def orders(self) -> OrderSteps:
        return self.bot.orders()

    def record_error(self) -> None:
        self.bot.status_board.record_error()

    def market_data(self) -> MarketData:
        """The bot's one market data service (shared with the other market readers)."""
        return self.bot.market_data()

    def evaluator(self) -> SignalEvaluator:
        """The one evaluator of every trader's rules, made on first use."""
        if self._evaluator is None:
            source = self.levels or WatchersLevels(self.market_data())
            self._evaluator = SignalEvaluator(self.order_context(), source)
            self._evaluator.on_signal_preview = self.send_preview
        return self._evaluator

    async def evaluate_once(self) -> TickReport:
        """One tick, then wait for its orders (the demo and tests drive the rules this way)."""
        evaluator = self.evaluator()
        report = await evaluator.tick()
        await evaluator.drain()
        return report

    async def cog_load(self) -> None:
        if self.bot.vault is not None:  # orders need the vault; a bot built without has none
            self.evaluate_rules.start()

    async def cog_unload(self) -> None:
        self.evaluate_rules.cancel()
        task = self.evaluate_rules.get_task()
        if task is not None and not task.done():
            await asyncio.wait({task}, timeout=UNLOAD_WAIT_SECONDS)
        evaluator, self._evaluator = self._evaluator, None
        if evaluator is not None:
            await evaluator.close(FIRINGS_WAIT_SECONDS)

    @tasks.loop(seconds=TICK_SECONDS)
    async def evaluate_rules(self) -> None:
        try:
            report = await self.evaluator().tick()
        except TastybotError as error:
            log.warning("signal tick failed: %s", type(error).__name__)
            return
        except Exception:
            log.exception("signal tick failed")
            self.record_error()
            return
        if report.fired:
            log.info("signal tick: %d rules, fired %s", report.rules, list(report.fired))

    async def send_preview(self, preview: SignalPreview) -> None:
        """DM the trader the order a rule made, with the orders feature's buttons (the hook
        of :class:`SignalEvaluator`)."""
        owner = preview.discord_id
        rendered = render_outcome(preview.outcome, owner_id=owner, desk=self, guild_id=None)
        user = self.bot.get_user(owner) or await self.bot.fetch_user(owner)
        kwargs: dict[str, Any] = {
            "content": f"Signal #{preview.rule_id} fired: {preview.rule_text}"[:2000],
            "embeds": rendered.embeds,
        }
        if rendered.view is not None:
            kwargs["view"] = rendered.view
        try:
            message = await user.send(**kwargs)
        except discord.Forbidden:
            log.info("signal rule %s: the trader's DMs are closed", preview.rule_id)
            return
        if rendered.view is not None:
            rendered.view.message = message
        outcome = preview.outcome
        order_id = outcome.order_id if isinstance(outcome, Asked) else outcome.preview.order_id
        await remember_preview(owner, order_id, message.channel.id, message.id)
        if not isinstance(outcome, Asked):
            await self.show_payoff(outcome.preview, message, owner)

    async def after_placement(
        self, placement: Placement, message: Any, owner_id: int, guild_id: int | None
    ) -> None:
        """A preview confirmed from a signal's DM: the orders feature follows it."""
        orders = self.bot.get_cog("Trading")
        if isinstance(orders, PlacementFollower):
            await orders.after_placement(placement, message, owner_id, guild_id)

    async def show_payoff(self, preview: Preview, message: discord.Message, owner_id: int) -> None:
        """The payoff diagram on a signal's preview, drawn by the orders feature."""
        orders = self.bot.get_cog("Trading")
        if isinstance(orders, PlacementFollower):
            await orders.show_payoff(preview, message, owner_id)

    # --- commands --------------------------------------------------------------------------

    @commands.hybrid_group(name="signal", invoke_without_command=True)  # type: ignore[arg-type]
    async def signal_group(self, ctx: commands.Context[Any]) -> None:
        """Signal rules: when a market condition holds, send an order (`signal add ...`)."""
        prefix = ctx.clean_prefix
        await send_private(
            ctx,
            f"`{prefix}signal add when <condition> then <order>` adds a rule; `list`, "
            f"`pause <id>`, `resume <id>`, `delete <id>` and `test <id>` manage them.\n"
            f"{embeds.ADD_HELP}",
        )

    @signal_group.command(name="add")  # type: ignore[arg-type]
    async def signal_add(self, ctx: commands.Context[Any], *, flags: SignalAddFlags) -> None:
        """Add a rule: `signal add when SPY crosses below the gamma flip then buy 1 SPY 0dte
        atm put` (add `auto` at the end to place its orders without asking)."""
        rule = await add_rule(
            ctx.author.id, flags.rule, today=exchange_today(), auto_execute=flags.auto
        )
        await send_private(ctx, embed=embeds.rule_embed(rule, f"Signal rule #{rule.id} added"))

    @signal_group.command(name="list", ignore_extra=False)  # type: ignore[arg-type]
    async def signal_list(self, ctx: commands.Context[Any]) -> None:
        """Your signal rules, with their state and last firing."""
        rules = await list_rules(ctx.author.id)

        async def load(number: int) -> Page[RuleView]:
            return _page(rules, number)

        pager: ListPager[RuleView] = ListPager(
            ctx.author.id,
            _page(rules, 1),
            load=load,
            render_page=embeds.rules_embed,
            render_item=embeds.rule_embed,
            label=embeds.rule_label,
        )
        pager.refusal = "These are someone else's rules; see yours with /signal list."
        pager.message = await send_private(ctx, embed=pager.embed(), view=pager)

    @signal_group.command(name="pause", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(rule=RULE_HELP)
    async def signal_pause(self, ctx: commands.Context[Any], rule: str) -> None:
        """Stop evaluating a rule until you resume it: `signal pause 3`."""
        paused = await pause_rule(ctx.author.id, parse_rule_id(rule))
        await send_private(ctx, embed=embeds.rule_embed(paused, f"Signal rule #{paused.id} paused"))

    @signal_group.command(name="resume", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(rule=RULE_HELP)
    async def signal_resume(self, ctx: commands.Context[Any], rule: str) -> None:
        """Evaluate a paused rule again: `signal resume 3` (a crossing waits to see the other
        side first)."""
        resumed = await resume_rule(ctx.author.id, parse_rule_id(rule))
        title = f"Signal rule #{resumed.id} resumed"
        await send_private(ctx, embed=embeds.rule_embed(resumed, title))

    @signal_group.command(name="delete", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(rule=RULE_HELP)
    async def signal_delete(self, ctx: commands.Context[Any], rule: str) -> None:
        """Delete a rule: `signal delete 3` (its firings stay on record)."""
        number = parse_rule_id(rule)
        await delete_rule(ctx.author.id, number, now=datetime.now(UTC))
        await send_private(ctx, f"Signal rule #{number} deleted; it will not fire again.")

    @signal_group.command(name="test", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(rule=RULE_HELP)
    async def signal_test(self, ctx: commands.Context[Any], rule: str) -> None:
        """Evaluate a rule against the market now, without ordering: `signal test 3`."""
        number = (await get_rule(ctx.author.id, parse_rule_id(rule))).id  # yours, or not found
        await ctx.defer(ephemeral=True)  # a chain's Greeks take a few seconds to stream in
        source = self.levels or self.market_data().for_trader(ctx.author.id)
        tested = await test_rule(ctx.author.id, number, source, now=datetime.now(UTC))
        await send_private(ctx, embed=embeds.test_embed(tested))

    # --- autocomplete: the asking trader's own rules only ----------------------------------

    @signal_pause.autocomplete("rule")
    @signal_resume.autocomplete("rule")
    @signal_delete.autocomplete("rule")
    @signal_test.autocomplete("rule")
    async def rule_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> Choices:
        """The trader's rules whose number or condition contains what is typed."""
        typed = current.strip().lstrip("#").lower()[:CHOICE_CHARS]
        choices = []
        for rule in await list_rules(interaction.user.id):
            label = embeds.rule_label(rule)
            if typed in str(rule.id) or typed in label.lower():
                choices.append(app_commands.Choice(name=label, value=str(rule.id)))
        return choices[:25]
