"""Follow placed orders to their end: broker statuses become OrderRequest states, each change
is audited and told to the trader (fill, partial fill, rejection, cancellation, expiry).

Statuses arrive from the account streamer or from polling (``poll_order``, and
``poll_working_orders`` as the fallback sweep). Either source may repeat or reorder updates,
so a change is applied only when it moves the request forward: a late ``Live`` after
``Filled`` changes nothing, and the same fill told twice is told once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from tastytrade.order import OrderStatus, PlacedOrder
from tastytrade.utils import TastytradeError

from services.db.models import OrderRequest
from services.environment import Environment
from services.errors import TastybotError
from services.notify.events import Event, Notice
from services.orders import audit
from services.orders._model import TERMINAL_STATES, OrderState
from services.orders.broker_orders import get_order

if TYPE_CHECKING:  # the context imports this module (its order streams apply statuses)
    from services.orders._context import OrderContext

log = logging.getLogger(__name__)

# how far along each state is: an update may only move a request to a higher rank
_RANK = {
    OrderState.CONFIRMED: 0,
    OrderState.PLACING: 1,
    OrderState.PLACED: 2,
    OrderState.PARTIALLY_FILLED: 3,
    OrderState.FILLED: 4,
    OrderState.CANCELLED: 4,
    OrderState.REJECTED: 4,
    OrderState.BROKER_EXPIRED: 4,
    OrderState.ESCALATED: 4,
}
TRACKED_STATES = (OrderState.PLACING, OrderState.PLACED, OrderState.PARTIALLY_FILLED)


@dataclass(frozen=True)
class Fill:
    quantity: Decimal
    average_price: Decimal | None


def fill_of(placed: PlacedOrder) -> Fill:
    """Units filled (of the order's size) and the average net price, from the legs' fills."""
    if not placed.legs or not placed.legs[0].fills:
        return Fill(Decimal(0), None)
    first = placed.legs[0]
    ratio = Decimal(first.quantity or 1) / Decimal(placed.size or first.quantity or 1)
    filled = sum((fill.quantity for fill in first.fills or ()), Decimal(0)) / ratio
    try:
        average = abs(placed.average_fill_price())
    except (TastytradeError, ZeroDivisionError, ArithmeticError):
        average = None
    return Fill(filled, average)


def state_for(placed: PlacedOrder, fill: Fill) -> OrderState:
    status = placed.status
    if status == OrderStatus.FILLED:
        return OrderState.FILLED
    if status == OrderStatus.REJECTED:
        return OrderState.REJECTED
    if status == OrderStatus.EXPIRED:
        return OrderState.BROKER_EXPIRED
    if status in (OrderStatus.CANCELLED, OrderStatus.REMOVED, OrderStatus.PARTIALLY_REMOVED):
        return OrderState.CANCELLED
    return OrderState.PARTIALLY_FILLED if fill.quantity > 0 else OrderState.PLACED


async def apply_broker_order(
    context: OrderContext, request: OrderRequest, placed: PlacedOrder, *, fresh: bool = False
) -> OrderState:
    """Apply one broker view of the order (see the module docstring); the request's state.
    ``fresh``: the caller has just read ``request`` (it is not read again first)."""
    if not fresh:  # another source (streamer, poll, command) may have moved it
        await request.refresh_from_db()
    if placed.replacing_order_id is not None:
        # a repriced order: Tastytrade cancels the original once its replacement stands, and
        # that Cancelled is not the request's end (the replacement carries it on)
        return OrderState(request.state)
    fill = fill_of(placed)
    state = state_for(placed, fill)
    current = OrderState(request.state)
    same_state_more_filled = state is current and fill.quantity > request.filled_quantity
    moves_forward = _RANK.get(state, 0) > _RANK.get(current, 0)
    if not (moves_forward or same_state_more_filled) or current in TERMINAL_STATES:
        return current
    changes: dict[str, object] = {
        "state": state,
        "broker_status": placed.status.value,
        "filled_quantity": fill.quantity,
        "average_fill_price": fill.average_price,
    }
    if state is OrderState.REJECTED:
        changes["reject_reason"] = placed.reject_reason or "no reason given"
    # only the update that still finds the state it read applies: two sources telling the same
    # change at once record and tell it once
    won = await OrderRequest.filter(
        id=request.id, state=current, filled_quantity=request.filled_quantity
    ).update(**changes)
    if not won:
        await request.refresh_from_db()
        return OrderState(request.state)
    await request.refresh_from_db()
    await audit.record(
        request,
        "status",
        {
            "status": placed.status.value,
            "filled": str(fill.quantity),
            "average_price": None if fill.average_price is None else str(fill.average_price),
        },
        now=context.clock(),
    )
    await _tell(context, request, state, fill)
    return state


async def _tell(
    context: OrderContext, request: OrderRequest, state: OrderState, fill: Fill
) -> None:
    if context.notifier is None or state is OrderState.PLACED:
        return
    discord_id = (await request.trader).discord_id
    what = _describe(request)
    price = "" if fill.average_price is None else f" at {fill.average_price}"
    if state is OrderState.FILLED:
        event, title, body = (
            Event.ORDER_FILLED,
            f"Order #{request.id} filled",
            f"{what} filled{price}.",
        )
    elif state is OrderState.PARTIALLY_FILLED:
        event, title = Event.ORDER_UPDATE, f"Order #{request.id} partially filled"
        body = f"{what}: {fill.quantity} filled so far{price}; the rest is working."
    elif state is OrderState.REJECTED:
        event, title = Event.ORDER_UPDATE, f"Order #{request.id} rejected"
        body = f"{what} was rejected: {request.reject_reason or 'no reason given'}."
    elif state is OrderState.BROKER_EXPIRED:
        event, title = Event.ORDER_UPDATE, f"Order #{request.id} expired"
        body = f"{what} expired unfilled at the close."
    else:
        event, title, body = (
            Event.ORDER_UPDATE,
            f"Order #{request.id} cancelled",
            f"{what} was cancelled.",
        )
    await context.notifier.notify(
        Notice(
            discord_id,
            event,
            title,
            body,
            dedupe_key=f"order:{request.id}:{state.value}:{fill.quantity}",
        )
    )


def _describe(request: OrderRequest) -> str:
    text = " ".join(request.raw_text.split())
    return f"`{text[:80]}`" if text else f"Order #{request.id}"


async def poll_order(context: OrderContext, request: OrderRequest) -> OrderState:
    """Ask Tastytrade for the order's status now and apply it."""
    from services.orders._context import trader_client

    if request.production_order_id is None or request.account_number is None:
        return OrderState(request.state)
    discord_id = (await request.trader).discord_id
    async with trader_client(context, discord_id, Environment.PRODUCTION) as client:
        placed = await get_order(client, request.account_number, request.production_order_id)
    return await apply_broker_order(context, request, placed)


async def poll_working_orders(context: OrderContext, *, limit: int = 200) -> int:
    """The fallback sweep: poll every production order still working; how many changed."""
    changed = 0
    working = (
        await OrderRequest.filter(
            state__in=(OrderState.PLACED, OrderState.PARTIALLY_FILLED),
            production_order_id__isnull=False,
        )
        .order_by("updated_at")
        .limit(limit)
    )
    for request in working:
        before = request.state
        try:
            after = await poll_order(context, request)
        except TastybotError as error:
            log.warning("status poll of order %s failed: %s", request.id, type(error).__name__)
            continue
        changed += after != before
    return changed
