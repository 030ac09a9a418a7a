"""Confirm a previewed order and place it in production, exactly once.

A confirmation names the order and the hash of the exact order it was shown
(``ResolvedOrder.fingerprint``). One conditional UPDATE moves the request from ``previewed`` to
``confirmed`` only while the hash matches, the preview has not expired and the order belongs to
the trader, so a double click, a replayed confirmation or two processes confirming at once
leave exactly one winner; every loser is told why and nothing else happens. The winner places
the order through :func:`services.orders.broker_orders.place_once_only` and records every
attempt before it is sent.

Before that UPDATE, a preview that kept its market (``dry_run["quoted"]``) is compared with
the market now (:mod:`services.orders.market_moves`): the trader agreed to figures worked out
at those quotes, so a move past the context's ``market_move`` policy expires the preview
(:class:`MarketMovedError`). Quotes that cannot be read now do not block the confirmation: the
preview's expiry still bounds how stale it is.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from services.broker.client import BrokerClient
from services.db.batching import save_fields
from services.db.models import OrderRequest
from services.db.statements import Statement, fetch_models
from services.environment import Environment
from services.errors import NotFoundError, PermissionDeniedError, TastybotError, ValidationError
from services.notify.events import Event, Notice
from services.orders import audit
from services.orders._context import OrderContext, trader_client
from services.orders._model import OrderState, ResolvedLeg, ResolvedOrder
from services.orders.broker_orders import PlacementOutcome, PlacementResult, place_once_only
from services.orders.market_moves import (
    MarketMove,
    QuotedMarket,
    market_from_quotes,
    market_moves,
    moved_message,
)
from services.traders import existing_trader

log = logging.getLogger(__name__)

# how far back a lookup by external identifier searches the order history
LOOKUP_DAYS = timedelta(days=1)


class PreviewExpiredError(ValidationError):
    user_message = "That preview expired: send the order again for a fresh preview."


class AlreadyHandledError(ValidationError):
    user_message = "That order was already confirmed or cancelled; nothing more was sent."


class MarketMovedError(ValidationError):
    """The market moved past the policy since the preview: the preview expired unsent."""

    def __init__(self, moves: Sequence[MarketMove]) -> None:
        self.moves = tuple(moves)
        super().__init__(moved_message(self.moves))


@dataclass(frozen=True)
class Placement:
    """What confirming did: the request's final state after placement, and the broker id."""

    order_id: int
    state: OrderState
    production_order_id: int | None
    broker_status: str | None
    reason: str | None
    found_by_lookup: bool = False


def stored_order(request: OrderRequest) -> ResolvedOrder:
    """The ResolvedOrder a request was previewed with (as saved on the row)."""
    return ResolvedOrder(
        account_number=request.account_number or "",
        underlying=request.underlying or "",
        legs=tuple(ResolvedLeg.from_json(leg) for leg in request.legs),
        order_type=request.order_type,
        price=request.price,
        price_effect=request.price_effect,
        time_in_force=request.time_in_force,
    )


# a request by id, of one trader (every confirmation reads it: hand-written, with the trader
# read by ``existing_trader``'s own statement; see services.db.statements)
_TRADERS_REQUEST = Statement("SELECT * FROM order_request WHERE id = ? AND trader_id = ?")


async def owned_request(discord_id: int, order_id: int) -> OrderRequest:
    """The trader's request ``order_id``; another trader's is reported as not found."""
    trader = await existing_trader(discord_id)
    found = (
        []
        if trader is None
        else await fetch_models(OrderRequest, _TRADERS_REQUEST, order_id, trader.id)
    )
    if trader is None or not found:
        raise NotFoundError(f"No order #{order_id} of yours.")
    request = found[0]
    request.trader = trader  # the steps after read it several times
    return request


async def confirm_order(
    context: OrderContext, discord_id: int, order_id: int, confirm_hash: str
) -> Placement:
    """Confirm and place (see the module docstring). Raises NotFoundError (unknown or not
    the trader's), PreviewExpiredError, MarketMovedError, AlreadyHandledError,
    PermissionDeniedError (production trading switched off)."""
    request = await owned_request(discord_id, order_id)
    # one session for the market check and the placement; only a request still waiting for
    # its confirmation can win one (a replay is answered by the conditional UPDATE alone)
    async with _production_session(
        context, discord_id, wanted=request.state == OrderState.PREVIEWED
    ) as client:
        return await _confirm_and_place(context, request, client, confirm_hash)


async def _confirm_and_place(
    context: OrderContext, request: OrderRequest, client: BrokerClient | None, confirm_hash: str
) -> Placement:
    await _refuse_if_market_moved(context, request, client, confirm_hash)
    now = context.clock()  # after the quotes were read: the expiry is checked as of now
    won = await OrderRequest.filter(
        id=request.id,
        trader_id=request.trader_id,  # type: ignore[attr-defined]
        state=OrderState.PREVIEWED,
        confirm_hash=confirm_hash,
        preview_expires_at__gt=now,
    ).update(state=OrderState.CONFIRMED, confirmed_at=now)
    if not won:
        await request.refresh_from_db()
        if request.state == OrderState.PREVIEWED and request.confirm_hash != confirm_hash:
            raise ValidationError("That confirmation does not match the order shown.")
        if request.state == OrderState.PREVIEWED:
            await _expire(request, now)
            raise PreviewExpiredError()
        raise AlreadyHandledError()
    # what the conditional update wrote, without reading the row back
    request.state, request.confirmed_at = OrderState.CONFIRMED, now
    await audit.record(request, "confirmed", {"hash": confirm_hash}, now=now)
    trader = await request.trader
    if not trader.production_trading_enabled:
        # switched off between the preview and the click: refuse, nothing sent
        request.reject_reason = "production trading is switched off"
        await _finish(request, OrderState.CANCELLED, "reject_reason")
        await audit.record(
            request, OrderState.CANCELLED.value, {"reason": request.reject_reason}, now=now
        )
        raise PermissionDeniedError(
            "Production trading is switched off (`/settings risk production on`); nothing was sent."
        )
    return await place_confirmed(context, request, client)


@asynccontextmanager
async def _production_session(
    context: OrderContext, discord_id: int, *, wanted: bool
) -> AsyncIterator[BrokerClient | None]:
    """The trader's production session when ``wanted``; ``None`` when it cannot be opened now
    (the market check is skipped, and placing tries again and escalates if it fails)."""
    async with contextlib.AsyncExitStack() as stack:
        client = None
        if wanted:
            try:
                client = await stack.enter_async_context(
                    trader_client(context, discord_id, Environment.PRODUCTION)
                )
            except TastybotError as error:
                log.info("the production session could not be opened (%s)", type(error).__name__)
        yield client


async def _expire(
    request: OrderRequest, now: Any, detail: dict[str, Any] | None = None, **fields: Any
) -> bool:
    """Expire a preview still waiting for confirmation; False when something else (a
    confirmation, a cancel, another expiry) moved it first."""
    updated = await OrderRequest.filter(id=request.id, state=OrderState.PREVIEWED).update(
        state=OrderState.EXPIRED, **fields
    )
    if updated:
        await audit.record(request, "expired", detail or {}, now=now)
    return bool(updated)


def previewed_market(request: OrderRequest) -> QuotedMarket | None:
    """The market the request was previewed at (``None``: previewed without market data)."""
    dry = request.dry_run if isinstance(request.dry_run, dict) else {}
    return QuotedMarket.from_json(dry.get("quoted"))


async def _refuse_if_market_moved(
    context: OrderContext, request: OrderRequest, client: BrokerClient | None, confirm_hash: str
) -> None:
    """Expire the preview and raise MarketMovedError when the market moved past the policy
    since it was shown. Only a confirmation that could still win asks for quotes: a replay of
    a placed or expired order is answered by the conditional UPDATE as before."""
    then = previewed_market(request)
    expires = request.preview_expires_at
    if (
        then is None
        or request.state != OrderState.PREVIEWED
        or request.confirm_hash != confirm_hash
        or expires is None
        or expires <= context.clock()
    ):
        return
    now = None if client is None else await _market_now(context, request, client, then)
    if now is None:
        return
    moves = market_moves(stored_order(request).legs, then, now, context.market_move)
    if not moves:
        return
    message = moved_message(moves)
    detail = {
        "reason": "market_moved",
        "moves": [
            {"what": move.what, "before": str(move.before), "after": str(move.after)}
            for move in moves
        ],
    }
    if await _expire(request, context.clock(), detail, reject_reason=message):
        raise MarketMovedError(moves)
    await request.refresh_from_db()
    if request.state == OrderState.EXPIRED:  # a concurrent press saw the same move first
        raise MarketMovedError(moves)
    raise AlreadyHandledError()  # another press won the confirmation meanwhile


async def _market_now(
    context: OrderContext, request: OrderRequest, client: BrokerClient, then: QuotedMarket
) -> QuotedMarket | None:
    """The market now for the symbols ``then`` holds, through the trader's production
    session; ``None`` when it cannot be read in time (the confirmation goes on)."""
    symbols = [then.underlying, *then.leg_prices]
    try:
        async with asyncio.timeout(context.market_move.read_timeout_s):
            quoted = await context.live.quotes(client, symbols)
    except (TastybotError, TimeoutError) as error:
        log.info(
            "order %s: the market could not be read at confirmation (%s); confirming without "
            "comparing it",
            request.id,
            type(error).__name__,
        )
        return None
    return market_from_quotes(then.underlying, quoted)


async def cancel_preview(context: OrderContext, discord_id: int, order_id: int) -> None:
    """The trader pressed Cancel: a previewed (or waiting) request ends, nothing is sent."""
    request = await owned_request(discord_id, order_id)
    updated = await OrderRequest.filter(
        id=order_id, state__in=(OrderState.PREVIEWED, OrderState.NEEDS_CHOICE)
    ).update(state=OrderState.CANCELLED)
    if not updated:
        raise AlreadyHandledError()
    await audit.record(request, "cancelled_by_trader", {}, now=context.clock())


async def place_confirmed(
    context: OrderContext, request: OrderRequest, client: BrokerClient | None = None
) -> Placement:
    """Place a confirmed request in production (the caller won the confirmation), through
    ``client`` when the caller has the trader's production session open."""
    order = stored_order(request)
    since = (request.created_at - LOOKUP_DAYS).date()

    async def before_send(attempt: int) -> None:
        request.state = OrderState.PLACING
        request.placement_attempts = attempt
        await save_fields(request, ["state", "placement_attempts", "updated_at"])
        await audit.record(
            request,
            "send",
            {"attempt": attempt, "external_identifier": request.external_identifier},
            now=context.clock(),
        )

    discord_id = (await request.trader).discord_id
    context.sending(request.external_identifier)
    try:
        async with _session_or(client, context, discord_id) as session:
            result = await place_once_only(
                session,
                order,
                request.external_identifier,
                since=since,
                before_send=before_send,
                policy=context.placement,
            )
    except Exception as error:
        # the grant could not be loaded or the session not built: nothing was sent unless an
        # attempt was recorded; either way a person must look
        log.exception("placement of order %s failed before an answer", request.id)
        result = PlacementResult(
            PlacementOutcome.ESCALATED,
            reason=f"placement stopped unexpectedly ({type(error).__name__})",
            attempts=request.placement_attempts,
        )
    return await _record_result(context, request, result)


@asynccontextmanager
async def _session_or(
    client: BrokerClient | None, context: OrderContext, discord_id: int
) -> AsyncIterator[BrokerClient]:
    if client is not None:
        yield client
        return
    async with trader_client(context, discord_id, Environment.PRODUCTION) as opened:
        yield opened


async def _record_result(
    context: OrderContext, request: OrderRequest, result: PlacementResult
) -> Placement:
    if result.outcome is PlacementOutcome.PLACED and result.order is not None:
        placed = result.order
        request.production_order_id = placed.id
        request.broker_status = placed.status.value
        await _finish(request, OrderState.PLACED, "production_order_id", "broker_status")
        await audit.record(
            request,
            "placed",
            {
                "order_id": placed.id,
                "status": placed.status.value,
                "attempts": result.attempts,
                "found_by_lookup": result.found_by_lookup,
            },
            now=context.clock(),
        )
        from services.orders.tracking import apply_broker_order  # status follows placement

        # the request as just saved; a status pushed meanwhile makes its conditional update
        # miss, and it then reads the row
        state = await apply_broker_order(context, request, placed, fresh=True)
        if state in (OrderState.PLACED, OrderState.PARTIALLY_FILLED):
            context.streams.follow((await request.trader).discord_id)
        return Placement(
            request.id,
            state,
            placed.id,
            placed.status.value,
            None,
            found_by_lookup=result.found_by_lookup,
        )
    state = (
        OrderState.REJECTED if result.outcome is PlacementOutcome.REJECTED else OrderState.ESCALATED
    )
    if state is OrderState.REJECTED:
        request.reject_reason = result.reason or "no reason given"
        await _finish(request, state, "reject_reason")
    else:
        request.escalation_reason = result.reason or "the outcome could not be proven"
        await _finish(request, state, "escalation_reason")
    await audit.record(
        request,
        state.value,
        {"reason": result.reason, "attempts": result.attempts},
        now=context.clock(),
    )
    await _tell(context, request, state, result.reason)
    return Placement(request.id, state, None, None, result.reason)


async def _finish(request: OrderRequest, state: OrderState, *changed: str) -> None:
    """Write the end of a placement: the state and the ``changed`` fields this step set, and
    no other column (a whole-row save would encode and send every field again)."""
    request.state = state
    await save_fields(request, ["state", *changed, "updated_at"])


async def _tell(
    context: OrderContext, request: OrderRequest, state: OrderState, reason: str | None
) -> None:
    if context.notifier is None:
        return
    discord_id = (await request.trader).discord_id
    if state is OrderState.ESCALATED:
        notice = Notice(
            discord_id,
            Event.ORDER_ESCALATED,
            f"Order #{request.id} needs a person",
            f"{reason or 'The outcome could not be proven.'} Check Tastytrade before trying "
            "again; Tastybot will not send it again.",
            dedupe_key=f"order:{request.id}:escalated",
        )
    else:
        notice = Notice(
            discord_id,
            Event.ORDER_UPDATE,
            f"Order #{request.id} rejected",
            f"Tastytrade rejected the order: {reason or 'no reason given'}.",
            dedupe_key=f"order:{request.id}:rejected",
        )
    await context.notifier.notify(notice)
