"""How orders look in Discord: the preview, a question, a stop, a placement, lists and detail.

Pure rendering from the service's values; the trader's own words are escaped (no markdown,
no mentions) and every field stays within Discord's limits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import discord

from cogs._common import BRAND_COLOUR, ERROR_COLOUR
from cogs.portfolio._format import money, price, quantity, text, when
from services.orders._model import (
    Breach,
    OrderState,
    Preview,
    Problem,
    Question,
    RehearsalResult,
    ResolvedLeg,
)
from services.orders.confirmation import Placement
from services.orders.queries import OrderDetail, OrderLine
from services.orders.validate import leg_label

if TYPE_CHECKING:
    from services.orders.pipeline import Stopped
    from services.portfolio import Page

FIELD_CHARS = 1_024
DESCRIPTION_CHARS = 4_096
QUESTION_COLOUR = discord.Colour.gold()
DONE_COLOUR = discord.Colour.green()
WAITING_COLOUR = discord.Colour.blurple()
NOTHING_PLACED = "Nothing was placed."
CHATTER_HINT = (
    "That does not look like an order, so I did nothing. Orders look like "
    "`buy 10 SPY 600 calls next month @ 1.00`, `BTO SPY 12/18 450C @ 2.15` or "
    "`buy 100 shares of MSFT at market`; `/parse <text>` shows how I read a message."
)
STATE_TEXT = {
    OrderState.RECEIVED: "received",
    OrderState.NEEDS_CHOICE: "waiting for your answer",
    OrderState.INVALID: "not placed: invalid",
    OrderState.REFUSED: "not placed: refused by a limit",
    OrderState.REHEARSING: "rehearsing in the sandbox",
    OrderState.REHEARSAL_FAILED: "not placed: the sandbox rejected it",
    OrderState.PREVIEWED: "previewed, waiting for Confirm",
    OrderState.EXPIRED: "preview expired, not placed",
    OrderState.CANCELLED: "cancelled",
    OrderState.CONFIRMED: "confirmed, being placed",
    OrderState.PLACING: "being placed",
    OrderState.PLACED: "working at Tastytrade",
    OrderState.PARTIALLY_FILLED: "partially filled",
    OrderState.FILLED: "filled",
    OrderState.REJECTED: "rejected by Tastytrade",
    OrderState.BROKER_EXPIRED: "expired unfilled",
    OrderState.ESCALATED: "escalated: a person must check it",
}
STATE_COLOUR = {
    OrderState.FILLED: DONE_COLOUR,
    OrderState.PLACED: WAITING_COLOUR,
    OrderState.PARTIALLY_FILLED: WAITING_COLOUR,
    OrderState.REJECTED: ERROR_COLOUR,
    OrderState.ESCALATED: ERROR_COLOUR,
}


def state_text(state: OrderState) -> str:
    return STATE_TEXT.get(state, state.value)


def _clip(value: str, limit: int = FIELD_CHARS) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _lines(items: Iterable[str], limit: int = FIELD_CHARS) -> str:
    return _clip("\n".join(items), limit) or "-"


def leg_line(leg: ResolvedLeg) -> str:
    """``Buy to Open 10 × SPY 15 Jan 2027 600 call``."""
    return f"{leg.action} {quantity(leg.quantity)} × {text(leg_label(leg), 80)}"


def price_text(
    order_type: str, limit: Decimal | None, effect: str | None, time_in_force: str
) -> str:
    """``1.00 debit · limit · Day`` or ``market · Day``."""
    if order_type == "Market" or limit is None:
        return f"market · {time_in_force}"
    return f"{price(limit)} {(effect or '').lower()} · limit · {time_in_force}".replace("  ", " ")


def _rehearsal_text(rehearsal: RehearsalResult) -> str:
    verdict = "passed" if rehearsal.passed else "failed"
    total = rehearsal.timings.get("total_s")
    took = f" in {total:.2f} s" if isinstance(total, int | float) else ""
    checks = ", ".join(f"{check.name} {'✓' if check.passed else '✗'}" for check in rehearsal.checks)
    line = f"{'✅' if rehearsal.passed else '❌'} {verdict}: {text(rehearsal.status, 40)}{took}"
    if checks:
        line += f"\n{checks}"
    if rehearsal.reason:
        line += f"\n{text(rehearsal.reason, 300)}"
    return line


def _limit(amount: Decimal | None) -> str:
    return "unlimited" if amount is None else money(amount)


def preview_embed(preview: Preview) -> discord.Embed:
    """The preview the trader confirms: legs, price, fees, buying power, risk, rehearsal,
    notes and until when Confirm works."""
    order, risk, dry = preview.order, preview.risk, preview.dry_run
    embed = discord.Embed(
        title=f"Order #{preview.order_id}: preview",
        description=_lines((leg_line(leg) for leg in order.legs), DESCRIPTION_CHARS),
        colour=BRAND_COLOUR,
        timestamp=preview.expires_at,
    )
    embed.add_field(
        name="Price",
        value=price_text(order.order_type, order.price, order.price_effect, order.time_in_force),
    )
    embed.add_field(name="Account", value=text(order.account_number, 40))
    embed.add_field(name="Notional", value=money(risk.notional))
    embed.add_field(name="Estimated fees", value=money(dry.fees))
    after = "" if dry.new_buying_power is None else f"\nafter: {money(dry.new_buying_power)}"
    embed.add_field(
        name="Buying power",
        value=f"{money(dry.buying_power_change)} {dry.buying_power_effect.lower()}{after}",
    )
    embed.add_field(name="Max profit", value=_limit(risk.max_profit))
    embed.add_field(name="Max loss", value=_limit(risk.max_loss))
    embed.add_field(
        name="Break-even",
        value=", ".join(price(point) for point in risk.break_evens) or "n/a",
    )
    embed.add_field(name="Sandbox rehearsal", value=_clip(_rehearsal_text(preview.rehearsal)))
    notes = [*preview.notes, *dry.warnings]
    if notes:
        embed.add_field(
            name="Notes", value=_lines(f"• {text(note, 300)}" for note in notes), inline=False
        )
    if preview.auto_confirm:
        embed.add_field(
            name="Auto-confirmed",
            value="Inside your auto-confirm threshold and every limit: sent without a click.",
            inline=False,
        )
    else:
        embed.add_field(
            name="Confirm by",
            value=f"{when(preview.expires_at, 'T')} ({when(preview.expires_at)})",
            inline=False,
        )
    embed.set_footer(text="Only you can confirm. Nothing is sent to Tastytrade before Confirm.")
    return embed


def question_embed(order_id: int, question: Question) -> discord.Embed:
    embed = discord.Embed(
        title=f"Order #{order_id}: a question",
        description=text(question.text, 500),
        colour=QUESTION_COLOUR,
    )
    embed.set_footer(text="Pick one below. Nothing is placed before you confirm a preview.")
    return embed


def _problem_line(problem: Problem) -> str:
    line = f"• {text(problem.message, 300)}"
    if problem.suggestions:
        line += "\n  Try: " + ", ".join(text(s, 60) for s in problem.suggestions[:5])
    return line


def _breach_line(breach: Breach) -> str:
    return f"• {text(breach.message, 400)}"


def stopped_embed(stopped: Stopped) -> discord.Embed:
    """Why the order stopped, with what to change; nothing was placed."""
    embed = discord.Embed(
        title=f"Order #{stopped.order_id}: {state_text(stopped.state)}", colour=ERROR_COLOUR
    )
    if stopped.problems:
        embed.add_field(
            name="What to fix",
            value=_lines(_problem_line(problem) for problem in stopped.problems),
            inline=False,
        )
    if stopped.breaches:
        embed.add_field(
            name="Limits it breaks",
            value=_lines(_breach_line(breach) for breach in stopped.breaches),
            inline=False,
        )
        embed.add_field(
            name="Your limits",
            value="See or change them with `/settings risk`.",
            inline=False,
        )
    if stopped.rehearsal is not None:
        embed.add_field(
            name="Sandbox rehearsal", value=_clip(_rehearsal_text(stopped.rehearsal)), inline=False
        )
    elif stopped.reason:
        embed.add_field(name="Reason", value=text(stopped.reason, 1000), inline=False)
    embed.set_footer(text=NOTHING_PLACED)
    return embed


def placement_embed(preview: Preview | None, placement: Placement) -> discord.Embed:
    """What confirming did: placed (and maybe filled), rejected or escalated."""
    state = placement.state
    embed = discord.Embed(
        title=f"Order #{placement.order_id}: {state_text(state)}",
        colour=STATE_COLOUR.get(state, BRAND_COLOUR),
    )
    if preview is not None:
        embed.description = _lines((leg_line(leg) for leg in preview.order.legs), DESCRIPTION_CHARS)
        order = preview.order
        embed.add_field(
            name="Price",
            value=price_text(
                order.order_type, order.price, order.price_effect, order.time_in_force
            ),
        )
    if placement.production_order_id is not None:
        embed.add_field(name="Tastytrade order", value=str(placement.production_order_id))
    if placement.broker_status:
        embed.add_field(name="Tastytrade status", value=text(placement.broker_status, 40))
    if placement.reason:
        embed.add_field(name="Reason", value=text(placement.reason, 1000), inline=False)
    if state is OrderState.ESCALATED:
        embed.add_field(
            name="What now",
            value="Check your orders on Tastytrade before sending it again: Tastybot will not "
            "send it again by itself.",
            inline=False,
        )
    elif state in (OrderState.PLACED, OrderState.PARTIALLY_FILLED):
        embed.add_field(
            name="What now",
            value=f"You get a DM when it fills. `/order cancel {placement.order_id}` or "
            f"`/order replace {placement.order_id} <price>` while it works.",
            inline=False,
        )
    return embed


def status_embed(line: OrderLine) -> discord.Embed:
    """An order's status as the preview message shows it after placement."""
    embed = discord.Embed(
        title=f"Order #{line.order_id}: {state_text(line.state)}",
        description=_lines((leg_line(leg) for leg in line.legs), DESCRIPTION_CHARS),
        colour=STATE_COLOUR.get(line.state, BRAND_COLOUR),
    )
    embed.add_field(
        name="Price",
        value=price_text(line.order_type, line.price, line.price_effect, line.time_in_force),
    )
    if line.filled_quantity:
        filled = f"{quantity(line.filled_quantity)}"
        if line.average_fill_price is not None:
            filled += f" at {price(line.average_fill_price)}"
        embed.add_field(name="Filled", value=filled)
    return embed


def line_label(line: OrderLine) -> str:
    """``#12 SPY · working at Tastytrade · 1.00 debit`` (for lists and select options)."""
    what = line.underlying or line.text or "order"
    priced = (
        ""
        if line.price is None
        else f" · {price(line.price)} {(line.price_effect or '').lower()}".rstrip()
    )
    return f"#{line.order_id} {what} · {state_text(line.state)}{priced}"


def orders_embed(page: Page[OrderLine], scope: str) -> discord.Embed:
    """One page of the trader's orders."""
    titles = {"live": "Your live orders", "today": "Your orders today", "recent": "Your orders"}
    embed = discord.Embed(title=titles.get(scope, "Your orders"), colour=BRAND_COLOUR)
    if not page.items:
        empty = {
            "live": "No order is waiting or working.",
            "today": "No order today.",
            "recent": "No order yet.",
        }
        embed.description = (
            f"{empty.get(scope, 'No order.')} Type one, e.g. `buy 10 SPY 600 calls next month "
            "@ 1.00`."
        )
        return embed
    lines = []
    for line in page.items:
        legs = "; ".join(leg_line(leg) for leg in line.legs[:4]) or text(line.text, 100)
        what = text(line.underlying or "order", 20)
        priced = price_text(line.order_type, line.price, line.price_effect, line.time_in_force)
        lines.append(
            f"**#{line.order_id}** {what} · {state_text(line.state)} · {priced}\n"
            f"{legs} · {when(line.created_at)}"
        )
    embed.description = _lines(lines, DESCRIPTION_CHARS)
    noun = "order" if page.total == 1 else "orders"
    embed.set_footer(
        text=f"Page {page.page} of {page.pages} · {page.total} {noun} · details: /order show <id>"
    )
    return embed


def line_embed(line: OrderLine) -> discord.Embed:
    """One order of a list, opened from the list's menu."""
    embed = status_embed(line)
    embed.add_field(name="You typed", value=text(line.text, 300) or "-", inline=False)
    embed.add_field(name="Made", value=when(line.created_at))
    return embed


def _audit_lines(entries: Sequence[tuple[str, datetime]]) -> list[str]:
    shown = [f"{when(at, 'T')} {text(kind, 40)}" for kind, at in entries[-15:]]
    if len(entries) > len(shown):
        shown.insert(0, f"… {len(entries) - len(shown)} earlier")
    return shown


def detail_embed(detail: OrderDetail) -> discord.Embed:
    """`/order show`: state, legs, price, fills, Tastytrade ids, dry-run and the audit trail."""
    line = detail.line
    embed = status_embed(line)
    embed.add_field(name="Account", value=text(line.account_number or "not chosen yet", 40))
    if detail.production_order_id is not None:
        embed.add_field(name="Tastytrade order", value=str(detail.production_order_id))
    if detail.broker_status:
        embed.add_field(name="Tastytrade status", value=text(detail.broker_status, 40))
    if detail.fees is not None:
        embed.add_field(name="Estimated fees", value=money(detail.fees))
    if detail.buying_power_change is not None:
        effect = (detail.buying_power_effect or "").lower()
        embed.add_field(name="Buying power", value=f"{money(detail.buying_power_change)} {effect}")
    if detail.rehearsal_passed is not None:
        embed.add_field(
            name="Sandbox rehearsal", value="passed" if detail.rehearsal_passed else "failed"
        )
    for name, reason in (
        ("Rejected", detail.reject_reason),
        ("Escalated", detail.escalation_reason),
    ):
        if reason:
            embed.add_field(name=name, value=text(reason, 500), inline=False)
    embed.add_field(name="You typed", value=text(line.text, 300) or "-", inline=False)
    trail = _audit_lines([(entry.kind, entry.at) for entry in detail.audit])
    intact = "intact" if detail.audit_intact else "BROKEN: tell the operator"
    embed.add_field(name=f"Audit trail ({intact})", value=_lines(trail), inline=False)
    return embed
