"""What a rule's firing does: the order text (``atm`` resolved to a listed strike), the order
through the pipeline (source ``signal``), the confirmation when the rule allows it, and what the
trader is told. Every firing ends with its SignalEvent's outcome and order id filled in.

**The order.** The rule's order text goes to :func:`services.orders.pipeline.submit_order`
exactly as typed, except that ``atm`` becomes the listed strike nearest the spot the rule saw:
the strikes listed (Tastytrade's chain for the underlying, through the order pipeline's shared
chain cache) on the expiration the order names when read on the day it fires (or, when nothing
is listed that day, the next listed expiration); ties go to the lower strike.

**Confirmation.** The pipeline rehearses the order in the sandbox, dry-runs it in production
and refuses any order that breaks a risk limit. A rule with auto-execute on then confirms the
preview at once (:func:`services.orders.confirmation.confirm_order`), which places it in
production. Otherwise the trader gets the preview by DM: a notice through the notifier (text),
and the preview with Confirm/Cancel buttons through the ``on_signal_preview`` hook when the bot
registered one. A question (which account, which reading) is sent the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import nlp.rules as nlp_rules
from services.db.models import SignalEvent, SignalRule
from services.environment import Environment
from services.errors import NotLinkedError, TastybotError, ValidationError
from services.notify.events import Event, Notice
from services.orders._context import OrderContext, trader_client
from services.orders._model import OrderSource, ResolvedOrder
from services.orders.confirmation import Placement, confirm_order
from services.orders.market import ListedChain
from services.orders.pipeline import Asked, Chatter, Previewed, Stopped, submit_order
from services.parsing import exchange_today
from services.signals.conditions import Observation
from services.signals.rules import stored_rule

log = logging.getLogger(__name__)

OUTCOME_CHARS = 32  # SignalEvent.outcome


@dataclass(frozen=True)
class SignalPreview:
    """A firing that waits for the trader: a preview to confirm or a question to answer."""

    discord_id: int
    rule_id: int
    rule_text: str
    event_id: int
    outcome: Previewed | Asked


PreviewHook = Callable[[SignalPreview], Awaitable[None]]


@dataclass(frozen=True)
class FiringResult:
    """What one firing became: ``outcome`` as stored on its SignalEvent."""

    rule_id: int
    event_id: int
    order_id: int | None
    outcome: str
    placement: Placement | None = None


def nearest_strike(strikes: Iterable[Decimal], spot: Decimal) -> Decimal | None:
    """The strike nearest ``spot`` (the lower one on a tie); None without strikes."""
    return min(strikes, key=lambda strike: (abs(strike - spot), strike), default=None)


def atm_strikes(chain: ListedChain, expiration: date) -> tuple[Decimal, ...]:
    """The strikes listed on ``expiration`` (every root), or on the next listed expiration
    when nothing is listed that day."""
    listings = chain.expirations_on(expiration)
    if not listings:
        later = [day for day in chain.expiration_dates() if day >= expiration]
        listings = chain.expirations_on(later[0]) if later else ()
    return tuple(sorted({strike for listed in listings for strike in listed.strike_prices}))


async def atm_strike(
    context: OrderContext,
    discord_id: int,
    rule: nlp_rules.ParsedRule,
    spot: Decimal,
    today: date,
) -> Decimal:
    """The listed strike the rule's ``atm`` stands for now (see the module docstring)."""
    expirations = rule.atm_expirations(today)
    if not expirations:
        raise ValidationError("The rule's order names no expiration for its `atm` strike.")
    async with trader_client(context, discord_id, Environment.PRODUCTION) as client:
        chain = await context.chains.get(client, rule.order_underlying)
    strike = nearest_strike(atm_strikes(chain, expirations[0]), spot)
    if strike is None:
        raise ValidationError(
            f"{rule.order_underlying} lists no options on or after {expirations[0]:%Y-%m-%d}, "
            "so `atm` has no strike."
        )
    return strike


def _money(value: Decimal | None) -> str:
    return "market" if value is None else f"{value.normalize():f}"


def order_line(order: ResolvedOrder) -> str:
    """``Buy to Open 1 SPY   260303P00579000 @ 1.2 Debit`` (one line per order)."""
    legs = ", ".join(
        f"{leg.action} {leg.quantity.normalize():f} {leg.symbol.strip()}" for leg in order.legs
    )
    price = _money(order.price)
    effect = f" {order.price_effect}" if order.price_effect and order.price is not None else ""
    return f"{legs} @ {price}{effect} ({order.time_in_force})"


def _levels_line(observation: Observation) -> str:
    parts = [f"{observation.underlying} {observation.spot.normalize():f}"]
    for name, value in (
        ("flip", observation.zero_gamma),
        ("call wall", observation.call_wall),
        ("put wall", observation.put_wall),
    ):
        if value is not None:
            parts.append(f"{name} {value.normalize():f}")
    if observation.total_gex is not None:
        parts.append(f"total GEX ${observation.total_gex:,.0f} per 1%")
    return " · ".join(parts)


class Firing:
    """One claimed firing of one rule, carried to its end (see the module docstring)."""

    def __init__(
        self,
        context: OrderContext,
        *,
        rule_id: int,
        event_id: int,
        observation: Observation,
        hook: PreviewHook | None = None,
    ) -> None:
        self.context = context
        self.rule_id = rule_id
        self.event_id = event_id
        self.observation = observation
        self.hook = hook

    async def run(self) -> FiringResult:
        rule_row = await SignalRule.get(id=self.rule_id).prefetch_related("trader")
        discord_id = int(rule_row.trader.discord_id)
        rule = stored_rule(rule_row)
        title = f"Signal #{self.rule_id} fired: {rule.condition.describe()}"
        lines = [_levels_line(self.observation)]
        order_id: int | None = None
        placement: Placement | None = None
        try:
            text = rule.order_text
            if rule.atm:
                today = exchange_today(self.context.clock())
                strike = await atm_strike(
                    self.context, discord_id, rule, self.observation.spot, today
                )
                text = rule.order_text_at(strike)
            lines.append(f"Order: `{text}`")
            outcome = await submit_order(self.context, discord_id, text, source=OrderSource.SIGNAL)
            result, order_id, placement = await self._settle(discord_id, rule, outcome, lines)
        except NotLinkedError as error:
            result = "not_linked"
            lines.append(f"Nothing was sent: {error.user_message}")
        except TastybotError as error:
            result = "error"
            lines.append(f"Nothing was sent: {error.user_message}")
        except Exception:
            log.exception(
                "signal rule %s: the firing failed (event %s)", self.rule_id, self.event_id
            )
            result = "error"
            lines.append("Nothing was sent: something went wrong on our side (it is logged).")
        await SignalEvent.filter(id=self.event_id).update(
            outcome=result[:OUTCOME_CHARS], order_request_id=order_id
        )
        log.info(
            "signal rule %s (trader %s) fired: event %s, order %s, outcome %s",
            self.rule_id,
            discord_id,
            self.event_id,
            order_id,
            result,
        )
        await self._tell(discord_id, title, "\n".join(lines))
        return FiringResult(self.rule_id, self.event_id, order_id, result, placement)

    async def _settle(
        self,
        discord_id: int,
        rule: nlp_rules.ParsedRule,
        outcome: Chatter | Asked | Stopped | Previewed,
        lines: list[str],
    ) -> tuple[str, int | None, Placement | None]:
        if isinstance(outcome, Chatter):
            lines.append("Nothing was sent: the order text is not an order today.")
            return "not_an_order", None, None
        if isinstance(outcome, Stopped):
            reasons = [p.message for p in outcome.problems] + [b.message for b in outcome.breaches]
            if outcome.reason:
                reasons.append(outcome.reason)
            lines.append(
                f"Order #{outcome.order_id} stopped ({outcome.state.value}); nothing was placed: "
                + ("; ".join(reasons) or "see `/order show`.")
            )
            return outcome.state.value, outcome.order_id, None
        if isinstance(outcome, Asked):
            lines.append(f"Order #{outcome.order_id} needs your answer: {outcome.question.text}")
            await self._preview(discord_id, rule, outcome)
            return "asked", outcome.order_id, None
        preview = outcome.preview
        lines.append(f"Order #{preview.order_id}: {order_line(preview.order)}")
        placement = outcome.placement
        if placement is None and rule.auto_execute:
            try:
                placement = await confirm_order(
                    self.context, discord_id, preview.order_id, preview.confirm_hash
                )
            except TastybotError as error:
                lines.append(f"Auto-execute could not confirm it: {error.user_message}")
                return "confirm_refused", preview.order_id, None
        if placement is not None:
            status = placement.state.value.replace("_", " ")
            lines.append(f"Placed automatically in production: {status}.")
            if placement.reason:
                lines.append(placement.reason)
            return placement.state.value, preview.order_id, placement
        expires = preview.expires_at.strftime("%H:%M:%S UTC")
        lines.append(f"Waiting for your confirmation (the preview expires at {expires}).")
        await self._preview(discord_id, rule, outcome)
        return "previewed", preview.order_id, None

    async def _preview(
        self, discord_id: int, rule: nlp_rules.ParsedRule, outcome: Previewed | Asked
    ) -> None:
        if self.hook is None:
            return
        try:
            await self.hook(
                SignalPreview(discord_id, self.rule_id, rule.text, self.event_id, outcome)
            )
        except Exception:  # the notice still reaches the trader; the DM view is extra
            log.exception("signal rule %s: the preview hook failed", self.rule_id)

    async def _tell(self, discord_id: int, title: str, body: str) -> None:
        notifier = self.context.notifier
        if notifier is None:
            return
        await notifier.notify(
            Notice(
                discord_id=discord_id,
                event=Event.SIGNAL_FIRED,
                title=title[:200],
                body=body,
                dedupe_key=f"signal-event-{self.event_id}",
            )
        )
