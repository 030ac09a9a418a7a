"""Managing a production order after placement: cancel it, or change its limit price.

**Never a blind resend.** A cancel or a replace whose answer is lost (timeout, dropped
connection, 5xx) is not sent again: the order is read back from Tastytrade and what it says
is applied. A replace shows up on the old order as ``replacing-order-id``; an old order still
working without one was provably not replaced; when Tastytrade cannot even be asked, the
trader is told the outcome is unknown and nothing more is sent.

Every request is audited before it is sent (``cancel_requested``, ``replace_requested``) and
its outcome after (``cancel_sent``, ``replaced``, ``*_refused``, ``*_unknown``). A
replacement is a new order at Tastytrade: its id replaces the old one on the OrderRequest and
it carries the request's external identifier with an ``-r<n>`` suffix. While the replace is
in flight the request follows no broker order (its ``production_order_id`` is held empty), so
the old order's "Cancelled", pushed by the account streamer or polled, cannot end it.

A new price is held to the same rules as the first: positive, on the order's tick, not far
through the market, and inside the trader's limits (max notional and max loss grow with a
dearer debit), and production takes a replacement only from a trader whose ``replace``
qualification passed recently (``services.orders.qualify``). A cancel needs no qualification:
taking risk off must always be possible. A partially filled order is not repriced: cancel the
rest and send a new order.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tastytrade.order import OrderStatus, PlacedOrder

from services.broker.client import BrokerClient
from services.db.models import OrderRequest
from services.environment import Environment
from services.errors import (
    BrokerUnavailableError,
    PermissionDeniedError,
    RejectedError,
    ValidationError,
)
from services.orders import audit
from services.orders._context import OrderContext, trader_client
from services.orders._model import TERMINAL_STATES, OrderState, Problem, ResolvedOrder
from services.orders.broker_orders import (
    WORKING_STATUSES,
    account_ref,
    cancel_order,
    get_order,
    sdk_order,
)
from services.orders.confirmation import cancel_preview, owned_request, stored_order
from services.orders.limits import load_limits, risk_usage
from services.orders.market import ListedChain, Quote, listed_chain, quotes
from services.orders.qualify import QUALIFICATION_DAYS, REPLACE, is_qualified
from services.orders.risk import check_risk, order_risk
from services.orders.tracking import apply_broker_order
from services.orders.validate import MAX_PRICE, format_price, validate_order

MAX_PRICE_CHARS = 16
MAX_PRICE_PLACES = 4  # Tastytrade's finest tick is 0.0001 (stocks under $1)
WORKING = (OrderState.PLACED, OrderState.PARTIALLY_FILLED)
BEING_PLACED = (OrderState.CONFIRMED, OrderState.PLACING)
UNANSWERED = (OrderState.PREVIEWED, OrderState.NEEDS_CHOICE)


@dataclass(frozen=True)
class ManageResult:
    """What a cancel or replace did: the request's state afterwards, the broker order it now
    follows, and a sentence for the trader."""

    order_id: int
    state: OrderState
    production_order_id: int | None
    broker_status: str | None
    message: str
    replaced_order_id: int | None = None
    found_by_lookup: bool = False


def parse_price(text: str | Decimal) -> Decimal:
    """A limit price as typed (``1.05``, ``$1.05``); positive, finite, at most four places."""
    raw = str(text).strip().lstrip("$").replace(",", "").strip()
    try:
        price = Decimal(raw) if 0 < len(raw) <= MAX_PRICE_CHARS else None
    except InvalidOperation:
        price = None
    if price is None or not price.is_finite():
        raise ValidationError("Give the new limit price as a number, like `1.05`.")
    if price <= 0:
        raise ValidationError("The new limit price must be above 0.")
    if price > MAX_PRICE:
        raise ValidationError(f"The new limit price must be at most {format_price(MAX_PRICE)}.")
    if -price.normalize().as_tuple().exponent > MAX_PRICE_PLACES:  # type: ignore[operator]
        raise ValidationError("A price has at most four decimal places.")
    return price


def _state_label(state: OrderState) -> str:
    return state.value.replace("_", " ")


def _problems_text(problems: tuple[Problem, ...]) -> str:
    parts = []
    for problem in problems[:3]:
        text = problem.message
        if problem.suggestions:
            text += " Try " + " or ".join(problem.suggestions[:3]) + "."
        parts.append(text)
    return " ".join(parts)


# --- cancel -----------------------------------------------------------------------------------


async def cancel_working(context: OrderContext, discord_id: int, order_id: int) -> ManageResult:
    """Cancel the trader's order ``order_id``: a preview or question simply ends (nothing was
    sent); a working production order is cancelled at Tastytrade and the answer applied."""
    request = await owned_request(discord_id, order_id)
    state = OrderState(request.state)
    if state in UNANSWERED:
        await cancel_preview(context, discord_id, order_id)
        return ManageResult(
            order_id,
            OrderState.CANCELLED,
            None,
            None,
            "Cancelled before it was sent: nothing reached Tastytrade.",
        )
    if state in BEING_PLACED:
        raise ValidationError(f"Order #{order_id} is being placed right now; try in a moment.")
    placed_id, account = request.production_order_id, request.account_number
    if state in WORKING and placed_id is None:
        raise ValidationError(f"Order #{order_id} is being repriced right now; try in a moment.")
    if state not in WORKING or placed_id is None or account is None:
        raise ValidationError(
            f"Order #{order_id} is {_state_label(state)}: there is nothing to cancel."
        )
    await audit.record(request, "cancel_requested", {"order_id": placed_id}, now=context.clock())
    async with trader_client(context, discord_id, Environment.PRODUCTION) as client:
        try:
            placed = await cancel_order(client, account, placed_id)
        except RejectedError as error:
            return await _cancel_refused(context, client, request, account, placed_id, error)
        except BrokerUnavailableError:
            placed = await _read_back(context, client, request, account, placed_id, "cancel")
    after = await apply_broker_order(context, request, placed)
    await audit.record(request, "cancel_sent", {"status": placed.status.value}, now=context.clock())
    if after is OrderState.CANCELLED:
        message = f"Order #{order_id} is cancelled at Tastytrade."
    elif after in TERMINAL_STATES:
        message = f"Too late: order #{order_id} is {_state_label(after)}."
    else:
        message = (
            f"Cancel requested for order #{order_id}; Tastytrade says {placed.status.value}. "
            "You get a DM when it is cancelled."
        )
    return ManageResult(order_id, after, placed_id, placed.status.value, message)


async def _cancel_refused(
    context: OrderContext,
    client: BrokerClient,
    request: OrderRequest,
    account: str,
    placed_id: int,
    error: RejectedError,
) -> ManageResult:
    """Tastytrade refused the cancel: most often the order finished first. Read it back."""
    placed = await get_order(client, account, placed_id)
    after = await apply_broker_order(context, request, placed)
    await audit.record(
        request,
        "cancel_refused",
        {"reason": str(error)[:300], "status": placed.status.value},
        now=context.clock(),
    )
    if after in TERMINAL_STATES:
        return ManageResult(
            request.id,
            after,
            placed_id,
            placed.status.value,
            f"Too late: order #{request.id} is {_state_label(after)}.",
        )
    raise RejectedError(f"Tastytrade refused to cancel order #{request.id}: {error.user_message}")


async def _read_back(
    context: OrderContext,
    client: BrokerClient,
    request: OrderRequest,
    account: str,
    placed_id: int,
    what: str,
) -> PlacedOrder:
    """The order as Tastytrade has it after a lost answer; raises (audited) when it cannot
    be asked either."""
    try:
        return await get_order(client, account, placed_id)
    except BrokerUnavailableError:
        await audit.record(request, f"{what}_unknown", {"order_id": placed_id}, now=context.clock())
        raise BrokerUnavailableError(
            f"Tastytrade did not answer, so I cannot tell whether order #{request.id} changed. "
            f"Nothing was sent again; check it with `/order show {request.id}` in a moment."
        ) from None


# --- replace ----------------------------------------------------------------------------------


async def replace_price(
    context: OrderContext, discord_id: int, order_id: int, price: str | Decimal
) -> ManageResult:
    """Change the limit price of the trader's working order ``order_id`` (see the module
    docstring); the replacement's broker id is recorded on the request."""
    new_price = parse_price(price)
    request = await owned_request(discord_id, order_id)
    old_id, account = _replaceable(request)
    if request.price is not None and new_price == request.price:
        raise ValidationError(f"Order #{order_id} is already at {format_price(new_price)}.")
    now = context.clock()
    if not await is_qualified(request.trader_id, REPLACE, now=now):  # type: ignore[attr-defined]
        raise PermissionDeniedError(
            "Repricing a production order needs a passed sandbox qualification of replace in "
            f"the last {QUALIFICATION_DAYS} days: run `/qualify` first. Nothing was changed."
        )
    repriced = dataclasses.replace(stored_order(request), price=new_price)
    async with trader_client(context, discord_id, Environment.PRODUCTION) as client:
        await _check_new_price(context, discord_id, client, repriced)
        await _hold(request, old_id)
        try:
            placed, found = await _send_replacement(
                context, client, request, account, old_id, repriced
            )
        except BaseException:
            # not replaced (or nobody can tell): the old order is still the one to follow
            await OrderRequest.filter(id=request.id, production_order_id__isnull=True).update(
                production_order_id=old_id
            )
            raise
    result = await _record_replacement(context, request, old_id, new_price, placed, found)
    context.streams.follow(discord_id)  # the stream may have stopped while the id was held
    return result


async def _hold(request: OrderRequest, old_id: int) -> None:
    """Take the order out of status tracking while it is replaced: Tastytrade cancels the old
    order as part of the replace, and that "Cancelled" (pushed or polled) must not end the
    request. Holding also makes concurrent reprices of one order take turns."""
    held = await OrderRequest.filter(
        id=request.id, state=OrderState.PLACED, production_order_id=old_id
    ).update(production_order_id=None)
    if not held:
        raise ValidationError(f"Order #{request.id} changed meanwhile; look at it again.")


async def _send_replacement(
    context: OrderContext,
    client: BrokerClient,
    request: OrderRequest,
    account: str,
    old_id: int,
    repriced: ResolvedOrder,
) -> tuple[PlacedOrder, bool]:
    """Send the replace once; the replacement, and whether it was found by a lookup."""
    attempt = 1 + sum(
        1 for event in await audit.events(request.id) if event.kind == "replace_requested"
    )
    external = f"{request.external_identifier}-r{attempt}"
    await audit.record(
        request,
        "replace_requested",
        {"order_id": old_id, "price": str(repriced.price), "external_identifier": external},
        now=context.clock(),
    )
    new_order = sdk_order(repriced, external)
    try:
        placed = await client.call(
            lambda session: account_ref(account).replace_order(session, old_id, new_order),
            idempotent=False,
        )
    except RejectedError as error:
        await audit.record(
            request, "replace_refused", {"reason": str(error)[:300]}, now=context.clock()
        )
        old_price = format_price(request.price) if request.price is not None else "its price"
        raise RejectedError(
            f"Tastytrade refused the new price ({error.user_message}); order #{request.id} "
            f"keeps working at {old_price}."
        ) from None
    except BrokerUnavailableError:
        found = await _replacement_after_lost_answer(context, client, request, account, old_id)
        return found, True
    return placed, False


def _replaceable(request: OrderRequest) -> tuple[int, str]:
    state = OrderState(request.state)
    if state is OrderState.PARTIALLY_FILLED:
        raise ValidationError(
            f"Order #{request.id} is partially filled: cancel the rest "
            f"(`/order cancel {request.id}`) and send a new order for what is left."
        )
    if state in BEING_PLACED:
        raise ValidationError(f"Order #{request.id} is being placed right now; try in a moment.")
    if state is OrderState.PLACED and request.production_order_id is None:
        raise ValidationError(f"Order #{request.id} is being repriced right now; try in a moment.")
    if state is not OrderState.PLACED or request.production_order_id is None:
        raise ValidationError(
            f"Order #{request.id} is {_state_label(state)}: only a working order can be repriced."
        )
    if request.order_type != "Limit" or request.account_number is None:
        raise ValidationError(f"Order #{request.id} is not a limit order; it has no price.")
    return request.production_order_id, request.account_number


async def _optional_chain(client: BrokerClient, underlying: str) -> ListedChain | None:
    try:
        return await listed_chain(client, underlying)
    except RejectedError:
        return None


async def _optional_quotes(client: BrokerClient, symbols: list[str]) -> dict[str, Quote] | None:
    try:
        return await quotes(client, symbols)
    except RejectedError:
        return None


async def _check_new_price(
    context: OrderContext, discord_id: int, client: BrokerClient, order: ResolvedOrder
) -> None:
    """The new price must pass validation (tick, direction, width, not far through the
    market) and the trader's limits, like the first one did."""
    has_options = any(leg.instrument_type != "Equity" for leg in order.legs)
    chain = await _optional_chain(client, order.underlying) if has_options else None
    quoted = await _optional_quotes(client, [order.underlying, *(leg.symbol for leg in order.legs)])
    problems = validate_order(order, chain=chain, quotes=quoted, market_open=None)
    if problems:
        raise ValidationError(f"{_problems_text(problems)} Nothing was changed.")
    under = (quoted or {}).get(order.underlying)
    risk = order_risk(order, underlying_price=None if under is None else under.price)
    # a replacement is the same order, already counted today: it does not add one
    usage = await risk_usage(
        discord_id,
        account_number=order.account_number,
        now=context.clock(),
        order=order,
        count_orders=False,
    )
    limits = await load_limits(discord_id)
    breaches = check_risk(order, risk, limits, usage, environment=Environment.PRODUCTION)
    if breaches:
        reasons = " ".join(breach.message for breach in breaches)
        raise PermissionDeniedError(f"{reasons} Nothing was changed.")


async def _replacement_after_lost_answer(
    context: OrderContext,
    client: BrokerClient,
    request: OrderRequest,
    account: str,
    old_id: int,
) -> PlacedOrder:
    """The replacement if Tastytrade made one; raises when it provably did not (or when
    nobody can tell). Nothing is sent again either way."""
    old = await _read_back(context, client, request, account, old_id, "replace")
    if old.replacing_order_id is not None:
        return await _read_back(
            context, client, request, account, old.replacing_order_id, "replace"
        )
    if old.status in WORKING_STATUSES and old.status != OrderStatus.REPLACE_REQUESTED:
        await audit.record(
            request, "replace_not_applied", {"order_id": old_id}, now=context.clock()
        )
        raise BrokerUnavailableError(
            f"Tastytrade did not answer, and order #{request.id} was not repriced (checked): "
            "it keeps working at its old price. Try again in a moment."
        )
    if old.status == OrderStatus.REPLACE_REQUESTED:
        await audit.record(request, "replace_unknown", {"order_id": old_id}, now=context.clock())
        raise BrokerUnavailableError(
            f"Tastytrade is still working on the new price of order #{request.id}. Nothing "
            f"was sent again; check it with `/order show {request.id}` in a moment."
        )
    state = await apply_broker_order(context, request, old)
    raise ValidationError(f"Order #{request.id} is {_state_label(state)} now; it was not repriced.")


async def _record_replacement(
    context: OrderContext,
    request: OrderRequest,
    old_id: int,
    new_price: Decimal,
    placed: PlacedOrder,
    found: bool,
) -> ManageResult:
    old_price = request.price
    # Tastytrade took the replacement: it is the order to follow from now on
    await OrderRequest.filter(id=request.id).update(
        production_order_id=placed.id, price=new_price, broker_status=placed.status.value
    )
    await request.refresh_from_db()
    await audit.record(
        request,
        "replaced",
        {
            "old_order_id": old_id,
            "new_order_id": placed.id,
            "old_price": None if old_price is None else str(old_price),
            "new_price": str(new_price),
            "found_by_lookup": found,
        },
        now=context.clock(),
    )
    after = await apply_broker_order(context, request, placed)
    message = f"Order #{request.id} now works at {format_price(new_price)}"
    message += "; it filled." if after is OrderState.FILLED else "."
    return ManageResult(
        request.id,
        after,
        placed.id,
        placed.status.value,
        message,
        replaced_order_id=old_id,
        found_by_lookup=found,
    )
