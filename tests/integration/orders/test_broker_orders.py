"""Orders at the simulator through the real SDK: placement exactly once whatever the network
does, lookups by external identifier, sandbox rehearsal, dry-run."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from support.orders import FAST_PLACEMENT

from services.environment import Environment
from services.orders._context import OrderContext, trader_client
from services.orders._model import ResolvedLeg, ResolvedOrder
from services.orders.broker_orders import (
    PlacementOutcome,
    dry_run,
    find_order,
    place_once_only,
    rehearse,
)
from simulator.server import RunningSimulator

from .conftest import account_numbers, set_faults, sim_orders

pytestmark = pytest.mark.db

TODAY = date(2000, 1, 1)  # history lookups start here: every order the simulator has counts


def stock_order(account: str, *, price: str = "2.00", quantity: int = 10) -> ResolvedOrder:
    return ResolvedOrder(
        account_number=account,
        underlying="AAPL",
        legs=(ResolvedLeg("AAPL", "Equity", "Buy to Open", Decimal(quantity)),),
        order_type="Limit",
        price=Decimal(price),
        price_effect="Debit",
        time_in_force="Day",
    )


async def _place(
    context: OrderContext, discord_id: int, order: ResolvedOrder, external: str
) -> tuple[PlacementOutcome, list[int], bool]:
    sends: list[int] = []

    async def before_send(attempt: int) -> None:
        sends.append(attempt)

    async with trader_client(context, discord_id, Environment.PRODUCTION) as client:
        result = await place_once_only(
            client, order, external, since=TODAY, before_send=before_send, policy=FAST_PLACEMENT
        )
    return result.outcome, sends, result.found_by_lookup


async def _count(sim: RunningSimulator, account: str, external: str) -> int:
    await set_faults(sim, [])
    orders = await sim_orders(sim, Environment.PRODUCTION, account)
    return sum(order.external_identifier == external for order in orders)


async def test_a_clean_placement_sends_once(
    context: OrderContext, linked: int, sim: RunningSimulator
) -> None:
    account = (await account_numbers(sim, Environment.PRODUCTION))[0]
    outcome, sends, looked_up = await _place(context, linked, stock_order(account), "tb-clean")

    assert (outcome, sends, looked_up) == (PlacementOutcome.PLACED, [1], False)
    assert await _count(sim, account, "tb-clean") == 1


async def test_a_dropped_answer_after_acceptance_is_found_not_resent(
    context: OrderContext, linked: int, sim: RunningSimulator
) -> None:
    account = (await account_numbers(sim, Environment.PRODUCTION))[0]
    await set_faults(
        sim, [{"kind": "drop", "path": "/accounts/*/orders", "method": "POST", "times": 1}]
    )
    outcome, sends, looked_up = await _place(context, linked, stock_order(account), "tb-drop")

    assert (outcome, sends, looked_up) == (PlacementOutcome.PLACED, [1], True)
    assert await _count(sim, account, "tb-drop") == 1


async def test_a_5xx_before_acceptance_is_sent_again_once_proven_absent(
    context: OrderContext, linked: int, sim: RunningSimulator
) -> None:
    account = (await account_numbers(sim, Environment.PRODUCTION))[0]
    await set_faults(
        sim,
        [
            {
                "kind": "error",
                "status": 502,
                "path": "/accounts/*/orders",
                "method": "POST",
                "times": 1,
            }
        ],
    )
    outcome, sends, _ = await _place(context, linked, stock_order(account), "tb-502")

    assert (outcome, sends) == (PlacementOutcome.PLACED, [1, 2])
    assert await _count(sim, account, "tb-502") == 1


async def test_a_broker_that_never_takes_the_order_is_escalated_and_nothing_is_placed(
    context: OrderContext, linked: int, sim: RunningSimulator
) -> None:
    account = (await account_numbers(sim, Environment.PRODUCTION))[0]
    await set_faults(
        sim, [{"kind": "error", "status": 503, "path": "/accounts/*/orders", "method": "POST"}]
    )
    outcome, sends, _ = await _place(context, linked, stock_order(account), "tb-503")

    assert outcome is PlacementOutcome.ESCALATED
    assert sends == [1, 2, 3]
    assert await _count(sim, account, "tb-503") == 0


async def test_when_lookups_fail_too_the_request_is_escalated_after_one_send(
    context: OrderContext, linked: int, sim: RunningSimulator
) -> None:
    account = (await account_numbers(sim, Environment.PRODUCTION))[0]
    await set_faults(sim, [{"kind": "error", "status": 500, "path": "/accounts/*/orders*"}])
    outcome, sends, _ = await _place(context, linked, stock_order(account), "tb-dark")

    assert (outcome, sends) == (PlacementOutcome.ESCALATED, [1])


async def test_a_rejected_order_is_not_retried(
    context: OrderContext, linked: int, sim: RunningSimulator
) -> None:
    account = (await account_numbers(sim, Environment.PRODUCTION))[0]
    bad = stock_order(account, quantity=0)
    outcome, sends, _ = await _place(context, linked, bad, "tb-bad")

    assert (outcome, sends) == (PlacementOutcome.REJECTED, [1])
    assert await _count(sim, account, "tb-bad") == 0


async def test_find_order_sees_only_its_own_identifier(
    context: OrderContext, linked: int, sim: RunningSimulator
) -> None:
    account = (await account_numbers(sim, Environment.PRODUCTION))[0]
    await _place(context, linked, stock_order(account), "tb-mine")
    async with trader_client(context, linked, Environment.PRODUCTION) as client:
        mine = await find_order(client, account, "tb-mine", since=TODAY)
        absent = await find_order(client, account, "tb-other", since=TODAY)

    assert mine is not None and mine.external_identifier == "tb-mine"
    assert absent is None


async def test_a_rehearsal_that_fills_passes(
    context: OrderContext, linked: int, sim: RunningSimulator
) -> None:
    account = (await account_numbers(sim, Environment.SANDBOX))[0]
    async with trader_client(context, linked, Environment.SANDBOX) as client:
        result = await rehearse(
            client, stock_order(account), account, "tb-r1", policy=context.rehearsal
        )

    assert result.passed and result.status == "Filled"
    assert [check.name for check in result.checks] == ["accepted", "filled"]


async def test_a_rehearsal_that_rests_is_cancelled_and_passes(
    context: OrderContext, linked: int, sim: RunningSimulator
) -> None:
    account = (await account_numbers(sim, Environment.SANDBOX))[0]
    resting = stock_order(account, price="5.00")  # the sandbox lets limits over $3 rest
    async with trader_client(context, linked, Environment.SANDBOX) as client:
        result = await rehearse(client, resting, account, "tb-r2", policy=context.rehearsal)

    assert result.passed
    assert [check.name for check in result.checks] == ["accepted", "working", "cancelled"]
    live = [
        o
        for o in await sim_orders(sim, Environment.SANDBOX, account)
        if o.external_identifier == "tb-r2"
    ]
    assert [order.status.value for order in live] == ["Cancelled"]


async def test_a_rehearsal_the_sandbox_rejects_fails_with_its_reason(
    context: OrderContext, linked: int, sim: RunningSimulator
) -> None:
    account = (await account_numbers(sim, Environment.SANDBOX))[0]
    async with trader_client(context, linked, Environment.SANDBOX) as client:
        result = await rehearse(
            client, stock_order(account, quantity=0), account, "tb-r3", policy=context.rehearsal
        )

    assert not result.passed
    assert result.reason


async def test_a_dry_run_reports_buying_power_and_fees(
    context: OrderContext, linked: int, sim: RunningSimulator
) -> None:
    account = (await account_numbers(sim, Environment.PRODUCTION))[0]
    async with trader_client(context, linked, Environment.PRODUCTION) as client:
        result = await dry_run(client, stock_order(account), "tb-dry")

    assert result.buying_power_change > 0
    assert result.fees >= 0
    assert await _count(sim, account, "tb-dry") == 0
