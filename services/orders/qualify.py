"""Order-type qualification: before production takes an order of a type, that type must have
passed a sandbox run in the last ``QUALIFICATION_DAYS`` days.

``qualify(context, discord_id)`` runs the suite on the trader's sandbox account, one case per
type (equity market and limit, single option market and limit, vertical limit, iron condor
limit, cancel, replace), each with real orders on SPY's nearest monthly around the middle of
its listed strikes, and stores a TestResult (kind ``qualification``) per type with its checks
and timings. ``qualification_type(order)`` names the type an order needs; multi-leg market
orders and 3-4 leg structures other than an iron condor need the multi-leg limit case.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from tastytrade.order import LimitOrder, OrderStatus

from services.broker.client import BrokerClient
from services.db.models import TestResult, Trader
from services.db.statements import Statement, fetch_rows
from services.environment import Environment
from services.errors import BrokerError, NotLinkedError, TastybotError
from services.orders._context import OrderContext, trader_client
from services.orders._model import RehearsalCheck, RehearsalResult, ResolvedLeg, ResolvedOrder
from services.orders.accounts import sandbox_account
from services.orders.broker_orders import (
    account_ref,
    cancel_order,
    get_order,
    rehearse,
    sdk_order,
    send_order,
)
from services.orders.market import ListedChain, ListedExpiration, listed_chain

log = logging.getLogger(__name__)

QUALIFICATION_DAYS = 30
KIND = "qualification"
SUITE_UNDERLYING = "SPY"
TARGET_DAYS_OUT = 30
RESTING_PRICE = Decimal("5.00")  # above the sandbox's immediate-fill limit: the order rests
FILLING_PRICE = Decimal("1.00")

EQUITY_MARKET = "equity_market"
EQUITY_LIMIT = "equity_limit"
SINGLE_OPTION_MARKET = "single_option_market"
SINGLE_OPTION_LIMIT = "single_option_limit"
VERTICAL_LIMIT = "vertical_limit"
IRON_CONDOR_LIMIT = "iron_condor_limit"
CANCEL = "cancel"
REPLACE = "replace"
SUITE = (
    EQUITY_MARKET,
    EQUITY_LIMIT,
    SINGLE_OPTION_MARKET,
    SINGLE_OPTION_LIMIT,
    VERTICAL_LIMIT,
    IRON_CONDOR_LIMIT,
    CANCEL,
    REPLACE,
)


def qualification_type(order: ResolvedOrder) -> str:
    """The qualification an order needs before production takes it."""
    options = [leg for leg in order.legs if leg.instrument_type != "Equity"]
    market = order.order_type == "Market"
    if not options:
        return EQUITY_MARKET if market else EQUITY_LIMIT
    if len(order.legs) == 1:
        return SINGLE_OPTION_MARKET if market else SINGLE_OPTION_LIMIT
    if len(order.legs) == 2 and len(options) == 2:
        return VERTICAL_LIMIT
    return IRON_CONDOR_LIMIT


# the latest qualification of a type in the window (the ORM's order: newest, then highest id)
_LATEST_QUALIFICATION = Statement(
    """
    SELECT passed FROM test_result
    WHERE trader_id = ? AND kind = ? AND order_type = ? AND created_at >= ?
    ORDER BY created_at DESC, id DESC LIMIT 1
    """
)


async def is_qualified(trader_id: int, order_type: str, *, now: datetime) -> bool:
    """Whether the trader's latest qualification of ``order_type`` in the window passed (one
    row read: every order asks this before its rehearsal, hence hand-written SQL)."""
    since = (now - timedelta(days=QUALIFICATION_DAYS)).astimezone(UTC)  # stored in UTC
    rows = await fetch_rows(TestResult, _LATEST_QUALIFICATION, trader_id, KIND, order_type, since)
    return bool(rows and rows[0][0])


@dataclass(frozen=True)
class CaseResult:
    order_type: str
    passed: bool
    checks: tuple[RehearsalCheck, ...]
    seconds: float
    reason: str | None = None


Case = Callable[[BrokerClient, str, ListedChain], Awaitable[RehearsalResult]]


def _expiration(chain: ListedChain, today: date) -> ListedExpiration:
    root = chain.root(SUITE_UNDERLYING) or (chain.roots[0] if chain.roots else None)
    listed = [e for e in (root.expirations if root else ()) if len(e.strikes) >= 4]
    if not listed:
        raise BrokerError(f"The sandbox lists no {SUITE_UNDERLYING} options to qualify with.")
    return min(listed, key=lambda e: abs((e.expiration - today).days - TARGET_DAYS_OUT))


def _option(listed: ListedExpiration, index: int, kind: str, action: str) -> ResolvedLeg:
    strike = listed.strikes[index]
    return ResolvedLeg(
        symbol=strike.call if kind == "call" else strike.put,
        instrument_type="Equity Option",
        action=action,
        quantity=Decimal(1),
        option_type=kind,
        strike=strike.strike,
        expiration=listed.expiration,
    )


def _order(
    account: str,
    legs: tuple[ResolvedLeg, ...],
    price: Decimal | None,
    effect: str | None = "Debit",
) -> ResolvedOrder:
    return ResolvedOrder(
        account_number=account,
        underlying=SUITE_UNDERLYING,
        legs=legs,
        order_type="Market" if price is None else "Limit",
        price=price,
        price_effect=None if price is None else effect,
        time_in_force="Day",
    )


def _orders(account: str, chain: ListedChain, today: date) -> dict[str, ResolvedOrder]:
    listed = _expiration(chain, today)
    mid = len(listed.strikes) // 2
    share = (ResolvedLeg(SUITE_UNDERLYING, "Equity", "Buy to Open", Decimal(1)),)
    call = (_option(listed, mid, "call", "Buy to Open"),)
    vertical = (
        _option(listed, mid, "call", "Buy to Open"),
        _option(listed, mid + 1, "call", "Sell to Open"),
    )
    condor = (
        _option(listed, mid - 2, "put", "Buy to Open"),
        _option(listed, mid - 1, "put", "Sell to Open"),
        _option(listed, mid + 1, "call", "Sell to Open"),
        _option(listed, mid + 2, "call", "Buy to Open"),
    )
    return {
        EQUITY_MARKET: _order(account, share, None),
        EQUITY_LIMIT: _order(account, share, FILLING_PRICE),
        SINGLE_OPTION_MARKET: _order(account, call, None),
        SINGLE_OPTION_LIMIT: _order(account, call, FILLING_PRICE),
        VERTICAL_LIMIT: _order(account, vertical, Decimal("0.50")),
        IRON_CONDOR_LIMIT: _order(account, condor, Decimal("0.50"), "Credit"),
        CANCEL: _order(account, call, RESTING_PRICE),
        REPLACE: _order(account, call, RESTING_PRICE),
    }


async def _resting(client: BrokerClient, order: ResolvedOrder, external: str) -> int:
    account = account_ref(order.account_number)
    request = sdk_order(order, external)
    placed = await client.call(
        lambda session: send_order(session, account, request), idempotent=False
    )
    return placed.id


async def _cancel_case(
    client: BrokerClient, order: ResolvedOrder, external: str
) -> RehearsalResult:
    started = time.monotonic()
    order_id = await _resting(client, order, external)
    after = await cancel_order(client, order.account_number, order_id)
    cancelled = after.status in (OrderStatus.CANCELLED, OrderStatus.CANCEL_REQUESTED)
    checks = (RehearsalCheck("accepted", True), RehearsalCheck("cancelled", cancelled))
    return RehearsalResult(
        cancelled,
        after.status.value,
        order_id,
        checks,
        {"total_s": round(time.monotonic() - started, 3)},
        None if cancelled else f"the order ended {after.status.value}",
    )


async def _replace_case(
    client: BrokerClient, order: ResolvedOrder, external: str
) -> RehearsalResult:
    started = time.monotonic()
    order_id = await _resting(client, order, external)
    account = account_ref(order.account_number)
    price = (order.price or RESTING_PRICE) + Decimal("0.05")
    new = LimitOrder(time_in_force=sdk_order(order, external).time_in_force, legs=[], price=-price)
    replaced = await client.call(
        lambda session: account.replace_order(session, order_id, new), idempotent=False
    )
    old = await get_order(client, order.account_number, order_id)
    old_gone = old.status in (OrderStatus.CANCELLED, OrderStatus.REPLACE_REQUESTED)
    new_price_ok = replaced.price is not None and abs(replaced.price) == price
    final = await cancel_order(client, order.account_number, replaced.id)
    cleaned = final.status in (OrderStatus.CANCELLED, OrderStatus.CANCEL_REQUESTED)
    checks = (
        RehearsalCheck("accepted", True),
        RehearsalCheck("replaced", new_price_ok, f"order {replaced.id} at {price}"),
        RehearsalCheck("original cancelled", old_gone, old.status.value),
        RehearsalCheck("replacement cancelled", cleaned),
    )
    passed = new_price_ok and old_gone and cleaned
    return RehearsalResult(
        passed,
        final.status.value,
        replaced.id,
        checks,
        {"total_s": round(time.monotonic() - started, 3)},
        None if passed else "the replace did not behave as Tastytrade documents",
    )


async def qualify(
    context: OrderContext,
    discord_id: int,
    *,
    types: tuple[str, ...] = SUITE,
    today: date,
) -> tuple[CaseResult, ...]:
    """Run the suite (or ``types`` of it) on the trader's sandbox account; store and return
    one result per type. A case that errors fails with the reason; the others still run."""
    unknown = [kind for kind in types if kind not in SUITE]
    if unknown or not types:
        raise TastybotError(f"Unknown order types: {', '.join(unknown) or 'none given'}.")
    trader = await Trader.get_or_none(discord_id=discord_id)
    if trader is None:
        raise NotLinkedError()
    results: list[CaseResult] = []
    async with trader_client(context, discord_id, Environment.SANDBOX) as client:
        account = await sandbox_account(trader.id, client)
        orders = _orders(account, await listed_chain(client, SUITE_UNDERLYING), today)
        for kind in types:
            results.append(await _run_case(context, client, trader, kind, orders[kind]))
    return tuple(results)


async def _run_case(
    context: OrderContext, client: BrokerClient, trader: Trader, kind: str, order: ResolvedOrder
) -> CaseResult:
    external = f"tbq-{kind}-{int(time.time() * 1000)}"
    started = time.monotonic()
    try:
        if kind == CANCEL:
            result = await _cancel_case(client, order, external)
        elif kind == REPLACE:
            result = await _replace_case(client, order, external)
        else:
            result = await rehearse(
                client, order, order.account_number, external, policy=context.rehearsal
            )
    except TastybotError as error:
        result = RehearsalResult(
            False,
            "Error",
            None,
            (RehearsalCheck("ran", False, error.user_message),),
            reason=error.user_message,
        )
    seconds = round(time.monotonic() - started, 3)
    await TestResult.create(
        trader=trader,
        kind=KIND,
        order_type=kind,
        checks=[{"name": c.name, "passed": c.passed, "detail": c.detail} for c in result.checks],
        timings={**result.timings, "case_s": seconds},
        passed=result.passed,
    )
    return CaseResult(kind, result.passed, result.checks, seconds, result.reason)
