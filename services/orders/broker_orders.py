"""Orders at Tastytrade through the SDK: build the SDK order, dry-run it, place it without ever
placing it twice, look it up by its external identifier, follow and cancel it.

**Never a blind retry.** ``place_once_only`` sends the order with the ``external-identifier``
the OrderRequest saved before anything was sent. When the answer is lost (timeout, dropped
connection, 5xx, 429), it does not send again: it looks the order up by that identifier among
the account's live orders and today's history. Found: the order was placed. Absent in
``absence_checks`` consecutive lookups ``absence_pause_s`` apart: provably not placed, and only
then is it sent again (at most ``max_attempts`` sends). When the lookups themselves keep failing
until ``lookup_deadline_s``, nobody can tell, so the request is **escalated** for a person.
A 422 (or any other 4xx) is Tastytrade refusing the order: rejected, never retried.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, cast

from tastytrade import Account, Session
from tastytrade.order import (
    InstrumentType,
    Leg,
    LimitOrder,
    MarketOrder,
    OrderAction,
    OrderStatus,
    OrderTimeInForce,
    PlacedOrder,
    PlacedOrderResponse,
)

from services.broker.client import BrokerClient
from services.errors import BrokerUnavailableError, RateLimitedError, RejectedError
from services.orders._model import DryRun, RehearsalCheck, RehearsalResult, ResolvedOrder

if TYPE_CHECKING:
    from services.orders.status_feed import StatusFeed

log = logging.getLogger(__name__)

WORKING_STATUSES = frozenset(
    {
        OrderStatus.RECEIVED,
        OrderStatus.ROUTED,
        OrderStatus.IN_FLIGHT,
        OrderStatus.LIVE,
        OrderStatus.CONTINGENT,
        OrderStatus.CANCEL_REQUESTED,
        OrderStatus.REPLACE_REQUESTED,
    }
)
TERMINAL_STATUSES = frozenset(
    {
        OrderStatus.FILLED,
        OrderStatus.CANCELLED,
        OrderStatus.EXPIRED,
        OrderStatus.REJECTED,
        OrderStatus.REMOVED,
        OrderStatus.PARTIALLY_REMOVED,
    }
)


def account_ref(account_number: str) -> Account:
    """An SDK Account for calls that only need its number (no round trip to fetch it)."""
    return Account.model_construct(account_number=account_number)


async def send_order(
    session: Session, account: Account, request: LimitOrder | MarketOrder
) -> PlacedOrder:
    """Send ``request`` for real (not a dry-run); the order Tastytrade answered with."""
    response: PlacedOrderResponse[Any] = await account.place_order(
        session, cast(Any, request), dry_run=False
    )
    placed: PlacedOrder = response.order
    return placed


def sdk_order(order: ResolvedOrder, external_identifier: str) -> LimitOrder | MarketOrder:
    """The SDK order for ``order``: the SDK's sign convention is negative = debit."""
    legs = [
        Leg(
            instrument_type=InstrumentType(leg.instrument_type),
            symbol=leg.symbol,
            action=OrderAction(leg.action),
            quantity=leg.quantity,
        )
        for leg in order.legs
    ]
    tif = OrderTimeInForce.GTC if order.time_in_force.upper() == "GTC" else OrderTimeInForce.DAY
    if order.order_type == "Market" or order.price is None:
        return MarketOrder(time_in_force=tif, legs=legs, external_identifier=external_identifier)
    signed = -order.price if order.price_effect == "Debit" else order.price
    return LimitOrder(
        time_in_force=tif, legs=legs, price=signed, external_identifier=external_identifier
    )


async def dry_run(client: BrokerClient, order: ResolvedOrder, external_identifier: str) -> DryRun:
    """Production's dry-run of ``order`` (a read: retried when transient)."""
    account = account_ref(order.account_number)
    request = sdk_order(order, external_identifier)
    response = await client.call(lambda session: account.place_order(session, request))
    effect = response.buying_power_effect
    fees = response.fee_calculation
    return DryRun(
        buying_power_change=abs(effect.change_in_buying_power),
        buying_power_effect=str(effect.effect.value),
        new_buying_power=effect.new_buying_power,
        fees=Decimal(0) if fees is None else abs(fees.total_fees),
        warnings=tuple(message.message for message in response.warnings or ()),
        errors=tuple(message.message for message in response.errors or ()),
    )


async def find_order(
    client: BrokerClient, account_number: str, external_identifier: str, *, since: date
) -> PlacedOrder | None:
    """The account's order carrying ``external_identifier`` (live, or in the history since
    ``since``), or ``None``. Raises when Tastytrade cannot be asked."""
    account = account_ref(account_number)
    live = await client.call(account.get_live_orders)
    for placed in live:
        if placed.external_identifier == external_identifier:
            return placed
    history = await client.call(
        lambda session: account.get_order_history(
            session, start_date=since, page_offset=None, per_page=200
        )
    )
    for placed in history:
        if placed.external_identifier == external_identifier:
            return placed
    return None


class PlacementOutcome(StrEnum):
    PLACED = "placed"
    REJECTED = "rejected"
    ESCALATED = "escalated"


@dataclass(frozen=True)
class PlacementResult:
    outcome: PlacementOutcome
    order: PlacedOrder | None = None
    reason: str | None = None
    attempts: int = 0
    found_by_lookup: bool = False


@dataclass(frozen=True)
class PlacementPolicy:
    """How hard to try (seconds). ``max_attempts`` counts sends, never more than proven safe."""

    max_attempts: int = 3
    absence_checks: int = 2
    absence_pause_s: float = 0.25
    lookup_deadline_s: float = 30.0
    lookup_pause_s: float = 0.5
    resend_pause_s: float = 0.25


class _Unknown(Exception):
    """Nobody can tell whether the order exists."""


async def _prove(
    client: BrokerClient,
    order: ResolvedOrder,
    external_identifier: str,
    *,
    since: date,
    policy: PlacementPolicy,
) -> PlacedOrder | None:
    """The order if Tastytrade has it; ``None`` only when proven absent; raises ``_Unknown``."""
    deadline = time.monotonic() + policy.lookup_deadline_s
    absent = 0
    while True:
        try:
            found = await find_order(client, order.account_number, external_identifier, since=since)
        except (BrokerUnavailableError, RejectedError) as error:
            log.warning("order lookup failed (%s)", type(error).__name__)
            if time.monotonic() + policy.lookup_pause_s > deadline:
                raise _Unknown() from None
            await asyncio.sleep(policy.lookup_pause_s)
            continue
        if found is not None:
            return found
        absent += 1
        if absent >= policy.absence_checks:
            return None
        await asyncio.sleep(policy.absence_pause_s)


async def place_once_only(
    client: BrokerClient,
    order: ResolvedOrder,
    external_identifier: str,
    *,
    since: date,
    before_send: Callable[[int], Awaitable[None]],
    policy: PlacementPolicy | None = None,
) -> PlacementResult:
    """Place ``order`` at most once (see the module docstring). ``before_send(attempt)`` runs
    before every send, so the caller records the attempt before the order can exist."""
    policy = policy or PlacementPolicy()
    account = account_ref(order.account_number)
    request = sdk_order(order, external_identifier)
    failure = "no answer"
    for attempt in range(1, policy.max_attempts + 1):
        await before_send(attempt)
        try:
            placed = await client.call(
                lambda session: send_order(session, account, request), idempotent=False
            )
            return PlacementResult(PlacementOutcome.PLACED, placed, attempts=attempt)
        except RejectedError as error:
            return PlacementResult(PlacementOutcome.REJECTED, reason=str(error), attempts=attempt)
        except BrokerUnavailableError as error:
            failure = type(error).__name__
            pause = (
                error.retry_after
                if isinstance(error, RateLimitedError) and error.retry_after
                else policy.resend_pause_s
            )
        try:
            found = await _prove(client, order, external_identifier, since=since, policy=policy)
        except _Unknown:
            return PlacementResult(
                PlacementOutcome.ESCALATED,
                reason=(
                    f"Tastytrade did not answer the order ({failure}) and could not be asked "
                    "whether it has it: the order may or may not be working."
                ),
                attempts=attempt,
            )
        if found is not None:
            return PlacementResult(
                PlacementOutcome.PLACED, found, attempts=attempt, found_by_lookup=True
            )
        log.info("order %s provably absent after %s; sending again", external_identifier, failure)
        await asyncio.sleep(pause)
    return PlacementResult(
        PlacementOutcome.ESCALATED,
        reason=(
            f"Tastytrade did not take the order after {policy.max_attempts} tries ({failure}); "
            "it is NOT placed (checked by its identifier)."
        ),
        attempts=policy.max_attempts,
    )


@dataclass(frozen=True)
class RehearsalPolicy:
    settle_timeout_s: float = 5.0
    # how often the order is polled (the account streamer can end a wait early)
    poll_s: float = 0.1
    # with the account streamer following the account, the first poll waits until it has been
    # silent this long: in a burst its pushes come late, and each early poll is one more
    # request the busy loop (and Tastytrade) must serve
    feed_silence_s: float = 0.5


async def rehearse(
    client: BrokerClient,
    order: ResolvedOrder,
    sandbox_account: str,
    external_identifier: str,
    *,
    policy: RehearsalPolicy | None = None,
    feed: StatusFeed | None = None,
) -> RehearsalResult:
    """Place the same order on the sandbox account, follow it until it fills, rests working or
    is rejected, cancel it if still working, and say what happened. Its statuses come from
    ``feed`` (the account streamer) when it was following the account before the order went
    in, else, and whenever the feed is silent, from polling."""
    policy = policy or RehearsalPolicy()
    rehearsal_order = ResolvedOrder(
        account_number=sandbox_account,
        underlying=order.underlying,
        legs=order.legs,
        order_type=order.order_type,
        price=order.price,
        price_effect=order.price_effect,
        time_in_force=order.time_in_force,
    )
    account = account_ref(sandbox_account)
    request = sdk_order(rehearsal_order, external_identifier)
    started = time.monotonic()
    checks: list[RehearsalCheck] = []
    # a feed that subscribed after the order went in may have missed its first pushes
    following = feed if feed is not None and feed.subscribed(sandbox_account) else None
    try:
        placed = await client.call(
            lambda session: send_order(session, account, request), idempotent=False
        )
    except RejectedError as error:
        checks.append(RehearsalCheck("accepted", False, str(error)))
        return RehearsalResult(
            False, "Rejected", None, tuple(checks), _since(started), reason=str(error)
        )
    except BrokerUnavailableError:
        silent = "the sandbox did not answer; try again in a moment"
        checks.append(RehearsalCheck("accepted", False, silent))
        return RehearsalResult(False, "Unknown", None, tuple(checks), _since(started), silent)
    accepted_s = time.monotonic() - started
    checks.append(RehearsalCheck("accepted", True, f"order {placed.id}"))
    placed = await _settle(client, account, placed, policy, following)
    status = placed.status
    timings = {"accepted_s": round(accepted_s, 3)}
    reason: str | None = None
    if status == OrderStatus.FILLED:
        checks.append(RehearsalCheck("filled", True))
        passed = True
    elif status in WORKING_STATUSES:
        checks.append(RehearsalCheck("working", True, str(status.value)))
        cancelled = await _cancel(client, account, placed.id)
        checks.append(RehearsalCheck("cancelled", cancelled))
        passed = cancelled
        reason = None if cancelled else "the sandbox order could not be cancelled"
    else:
        ended = placed.reject_reason or f"the sandbox order ended {status.value}"
        checks.append(RehearsalCheck("not rejected", False, ended))
        passed, reason = False, ended
    timings.update(_since(started))
    return RehearsalResult(passed, status.value, placed.id, tuple(checks), timings, reason)


def _since(started: float) -> dict[str, float]:
    return {"total_s": round(time.monotonic() - started, 3)}


async def _settle(
    client: BrokerClient,
    account: Account,
    placed: PlacedOrder,
    policy: RehearsalPolicy,
    feed: StatusFeed | None = None,
) -> PlacedOrder:
    """Follow the order until it is terminal or rests Live, or the timeout. It is polled every
    ``poll_s`` (a Live order then rests); a ``feed`` following the account cuts a wait short
    when it pushes a terminal status, so it saves polls and never adds one, and while it
    follows, the first poll waits for ``feed_silence_s`` of silence. A push that the order is
    Live is not taken as resting: a busy loop can read the fill that followed it late, so the
    poll has the last word, ``poll_s`` after that push."""
    started = time.monotonic()
    deadline = started + policy.settle_timeout_s
    number = account.account_number
    following = feed is not None and feed.subscribed(number)
    poll_at = started + (max(policy.poll_s, policy.feed_silence_s) if following else policy.poll_s)
    while placed.status not in TERMINAL_STATUSES:
        now = time.monotonic()
        if now >= deadline:
            break
        if now < poll_at:
            wait_s = min(poll_at, deadline) - now
            if feed is not None and feed.subscribed(number):
                pushed = await feed.after(number, placed, wait_s=wait_s)
                if pushed is not None:
                    placed = pushed
                    if placed.status == OrderStatus.LIVE:  # resting, or a fill follows
                        poll_at = min(poll_at, time.monotonic() + policy.poll_s)
                    continue
            else:
                await asyncio.sleep(wait_s)
            continue
        placed = await get_order(client, number, placed.id)
        if placed.status == OrderStatus.LIVE:
            break  # resting
        poll_at = time.monotonic() + policy.poll_s
    return placed


async def _cancel(client: BrokerClient, account: Account, order_id: int) -> bool:
    try:
        await client.call(lambda session: account.delete_order(session, order_id))
        after = await client.call(lambda session: account.get_order(session, order_id))
    except (RejectedError, BrokerUnavailableError):
        log.warning("could not cancel sandbox order %s", order_id)
        return False
    return after.status in (OrderStatus.CANCELLED, OrderStatus.CANCEL_REQUESTED)


async def cancel_order(client: BrokerClient, account_number: str, order_id: int) -> PlacedOrder:
    """Ask Tastytrade to cancel a working order; the order as it is afterwards."""
    account = account_ref(account_number)
    await client.call(lambda session: account.delete_order(session, order_id), idempotent=False)
    return await client.call(lambda session: account.get_order(session, order_id))


async def get_order(client: BrokerClient, account_number: str, order_id: int) -> PlacedOrder:
    account = account_ref(account_number)
    return await client.call(lambda session: account.get_order(session, order_id))
