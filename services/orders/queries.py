"""What `/orders` and `/order show` read: a trader's order requests as plain frozen values.

Every read is scoped by the asking trader: another trader's order is reported as not found,
exactly like an order that does not exist, so an id reveals nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, cast

from tortoise.expressions import Q

from services.db.models import OrderRequest, TestResult
from services.environment import Environment
from services.errors import NotFoundError, ValidationError
from services.orders import audit
from services.orders._model import TERMINAL_STATES, OrderState, ResolvedLeg
from services.orders.limits import exchange_day_bounds
from services.parsing import exchange_today
from services.portfolio import Page

OrderScope = Literal["live", "today", "recent"]
SCOPES: tuple[OrderScope, ...] = ("live", "today", "recent")
PER_PAGE = 10
MAX_LISTED = 100  # the newest this many of a scope; older orders are read one by one
MAX_ORDER_ID = 2**31 - 1  # the id column is a 32-bit integer
MAX_TEXT_CHARS = 120  # of the trader's own words, in a list
MAX_CHOICES = 25  # Discord shows at most 25 autocomplete choices
MAX_SHOWN = 500  # working orders whose messages the bot follows at once
LIVE_STATES = tuple(state for state in OrderState if state not in TERMINAL_STATES)
WORKING_STATES = (OrderState.PLACED, OrderState.PARTIALLY_FILLED)


@dataclass(frozen=True)
class OrderLine:
    """One order in a list: what the trader typed, what it resolved to, where it is."""

    order_id: int
    state: OrderState
    created_at: datetime
    text: str
    underlying: str | None
    legs: tuple[ResolvedLeg, ...]
    order_type: str
    price: Decimal | None
    price_effect: str | None
    time_in_force: str
    account_number: str | None
    filled_quantity: Decimal
    average_fill_price: Decimal | None

    @property
    def is_working(self) -> bool:
        """Working at Tastytrade: it may still be cancelled or repriced."""
        return self.state in WORKING_STATES


@dataclass(frozen=True)
class AuditEntry:
    kind: str
    at: datetime


@dataclass(frozen=True)
class OrderDetail:
    """Everything `/order show` tells about one order, with its audit trail."""

    line: OrderLine
    environment: Environment
    production_order_id: int | None
    sandbox_order_id: int | None
    broker_status: str | None
    reject_reason: str | None
    escalation_reason: str | None
    fees: Decimal | None
    buying_power_change: Decimal | None
    buying_power_effect: str | None
    rehearsal_passed: bool | None
    placement_attempts: int
    preview_expires_at: datetime | None
    audit: tuple[AuditEntry, ...]
    audit_intact: bool


def parse_scope(text: str | None) -> OrderScope:
    """``live`` (the default), ``today`` or ``recent``; anything else is refused."""
    cleaned = (text or "live").strip().lower()
    if cleaned not in SCOPES:
        raise ValidationError("Choose `live`, `today` or `recent`.")
    return cast(OrderScope, cleaned)


def parse_order_id(text: str | int) -> int:
    """An order number as typed (``12`` or ``#12``); anything else is refused."""
    raw = str(text).strip().lstrip("#")
    if not raw.isascii() or not raw.isdigit() or len(raw) > len(str(MAX_ORDER_ID)):
        raise ValidationError("Give the order's number, like `12` (see `/orders`).")
    number = int(raw)
    if not 0 < number <= MAX_ORDER_ID:
        raise ValidationError("Give the order's number, like `12` (see `/orders`).")
    return number


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _legs(stored: Any) -> tuple[ResolvedLeg, ...]:
    if not isinstance(stored, list):
        return ()
    return tuple(ResolvedLeg.from_json(leg) for leg in stored if isinstance(leg, dict))


def _shown_state(request: OrderRequest, now: datetime) -> OrderState:
    """The request's state as the trader should read it: a preview past its expiry is
    expired (it is marked so only when someone next touches it)."""
    state = OrderState(request.state)
    expires = request.preview_expires_at
    if state is OrderState.PREVIEWED and expires is not None and expires <= now:
        return OrderState.EXPIRED
    return state


def _line(request: OrderRequest, now: datetime | None = None) -> OrderLine:
    text = " ".join(request.raw_text.split())
    return OrderLine(
        order_id=request.id,
        state=_shown_state(request, now or datetime.now(UTC)),
        created_at=request.created_at,
        text=text[:MAX_TEXT_CHARS],
        underlying=request.underlying,
        legs=_legs(request.legs),
        order_type=request.order_type,
        price=request.price,
        price_effect=request.price_effect,
        time_in_force=request.time_in_force,
        account_number=request.account_number,
        filled_quantity=request.filled_quantity,
        average_fill_price=request.average_fill_price,
    )


async def list_orders(
    discord_id: int, scope: OrderScope, *, page: int = 1, now: datetime | None = None
) -> Page[OrderLine]:
    """The trader's orders, newest first: ``live`` (not finished yet: waiting for an answer,
    previewed, being placed or working), ``today`` (made on today's exchange date) or
    ``recent`` (the newest, any state); at most :data:`MAX_LISTED`."""
    if scope not in SCOPES:
        raise ValidationError("Choose `live`, `today` or `recent`.")
    query = OrderRequest.filter(trader__discord_id=discord_id)
    moment = now or datetime.now(UTC)
    if scope == "live":
        query = query.filter(state__in=[state.value for state in LIVE_STATES]).filter(
            ~Q(state=OrderState.PREVIEWED.value) | Q(preview_expires_at__gt=moment)
        )
    elif scope == "today":
        start, end = exchange_day_bounds(exchange_today(moment))
        query = query.filter(created_at__gte=start, created_at__lt=end)
    total = min(await query.count(), MAX_LISTED)
    pages = max(1, -(-total // PER_PAGE))
    if not 1 <= page <= pages:
        raise ValidationError(f"Choose a page from 1 to {pages}.")
    offset = (page - 1) * PER_PAGE
    rows = await query.order_by("-id").offset(offset).limit(min(PER_PAGE, total - offset))
    return Page(tuple(_line(row, moment) for row in rows), page, pages, total, PER_PAGE)


async def order_detail(discord_id: int, order_id: int) -> OrderDetail:
    """One of the trader's orders in full (NotFoundError for an unknown or another's)."""
    request = await OrderRequest.get_or_none(id=order_id, trader__discord_id=discord_id)
    if request is None:
        raise NotFoundError(f"No order #{order_id} of yours.")
    events = await audit.events(request.id)
    rehearsal = (
        await TestResult.filter(order_request_id=request.id, kind="rehearsal")
        .order_by("-id")
        .first()
    )
    dry = request.dry_run if isinstance(request.dry_run, dict) else {}
    return OrderDetail(
        line=_line(request),
        environment=Environment(request.environment),
        production_order_id=request.production_order_id,
        sandbox_order_id=request.sandbox_order_id,
        broker_status=request.broker_status,
        reject_reason=request.reject_reason,
        escalation_reason=request.escalation_reason,
        fees=_decimal(dry.get("fees")),
        buying_power_change=_decimal(dry.get("buying_power_change")),
        buying_power_effect=dry.get("buying_power_effect"),
        rehearsal_passed=None if rehearsal is None else rehearsal.passed,
        placement_attempts=request.placement_attempts,
        preview_expires_at=request.preview_expires_at,
        audit=tuple(AuditEntry(event.kind, event.created_at) for event in events),
        audit_intact=await audit.verify_chain(request.id),
    )


async def order_choices(
    discord_id: int, typed: str = "", *, working_only: bool = False
) -> tuple[OrderLine, ...]:
    """The trader's newest orders whose number starts with what they typed (autocomplete)."""
    prefix = typed.strip().lstrip("#")[:12]
    query = OrderRequest.filter(trader__discord_id=discord_id)
    if working_only:
        query = query.filter(state__in=[state.value for state in WORKING_STATES])
    rows = await query.order_by("-id").limit(MAX_LISTED)
    lines = [_line(row) for row in rows if str(row.id).startswith(prefix)]
    return tuple(lines[:MAX_CHOICES])


async def order_lines(discord_id: int, order_ids: Iterable[int]) -> tuple[OrderLine, ...]:
    """The trader's orders among ``order_ids`` (others' and unknown ids are left out)."""
    wanted = list(dict.fromkeys(order_ids))[:MAX_LISTED]
    if not wanted:
        return ()
    rows = await OrderRequest.filter(trader__discord_id=discord_id, id__in=wanted).order_by("id")
    return tuple(_line(row) for row in rows)


@dataclass(frozen=True)
class ShownPreview:
    """Where the message that placed a working order is (for status edits)."""

    order_id: int
    discord_id: int
    channel_id: int
    message_id: int
    line: OrderLine


async def shown_previews(*, limit: int = MAX_SHOWN) -> tuple[ShownPreview, ...]:
    """Every working order's preview message, newest first (not scoped by a trader: the bot's
    status refresher reads them to edit each trader's own message)."""
    rows = (
        await OrderRequest.filter(
            state__in=[state.value for state in WORKING_STATES],
            preview_channel_id__isnull=False,
            preview_message_id__isnull=False,
        )
        .order_by("-id")
        .limit(limit)
        .prefetch_related("trader")
    )
    return tuple(
        ShownPreview(
            row.id,
            row.trader.discord_id,
            int(row.preview_channel_id or 0),
            int(row.preview_message_id or 0),
            _line(row),
        )
        for row in rows
    )
