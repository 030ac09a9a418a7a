"""Cancel and reprice a working production order against the simulator, checked against its
ground truth: never a second send, the replacement's id recorded, every step audited."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from services.db.models import BrokerAccount, OrderEvent, OrderRequest, TestResult
from services.environment import Environment
from services.errors import (
    BrokerUnavailableError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from services.orders._context import OrderContext
from services.orders._model import OrderState
from services.orders.audit import verify_chain
from services.orders.confirmation import confirm_order
from services.orders.limits import set_default_account, set_production_trading, update_limits
from services.orders.manage import cancel_working, parse_price, replace_price
from services.orders.qualify import KIND, REPLACE, SINGLE_OPTION_LIMIT
from services.orders.tracking import poll_order
from services.traders import trader_for
from simulator.server import RunningSimulator

from .conftest import OTHER, RecordingNotifier, account_numbers, previewed, set_faults

pytestmark = pytest.mark.db

WORKING = {"Received", "Routed", "In Flight", "Live"}  # the simulator's working statuses
RESTING = "buy 10 calls for SPY at strike 600 expiring next month @ 1.00"  # far below the ask


@pytest.fixture
async def trader(linked: int, sim: RunningSimulator) -> int:
    owner = await trader_for(linked)
    for environment in Environment:
        for number in await account_numbers(sim, environment):
            await BrokerAccount.create(trader=owner, environment=environment, account_number=number)
    await set_production_trading(linked, True)
    await set_default_account(linked, (await account_numbers(sim, Environment.PRODUCTION))[0])
    for kind in (SINGLE_OPTION_LIMIT, REPLACE):  # as `/qualify` stores a passed run
        await TestResult.create(trader=owner, kind=KIND, order_type=kind, passed=True)
    return linked


async def _working(context: OrderContext, trader: int) -> OrderRequest:
    """A production order resting at Tastytrade (its limit is far below the ask)."""
    preview = (await previewed(context, trader, RESTING)).preview
    placement = await confirm_order(context, trader, preview.order_id, preview.confirm_hash)
    assert placement.state is OrderState.PLACED, placement
    return await OrderRequest.get(id=preview.order_id)


def _sim_status(sim: RunningSimulator, account: str, order_id: int) -> str:
    orders = sim.state()["environments"]["production"]["accounts"][account]["orders"]
    [order] = [order for order in orders if order["id"] == order_id]
    return str(order["status"])


async def _kinds(order_id: int) -> list[str]:
    return [e.kind for e in await OrderEvent.filter(order_request_id=order_id).order_by("id")]


def _ask(sim: RunningSimulator, request: OrderRequest) -> Decimal:
    return Decimal(str(sim.market.quote(request.legs[0]["symbol"]).ask))


# --- cancel -----------------------------------------------------------------------------------


async def test_a_working_order_is_cancelled_at_tastytrade(
    context: OrderContext, trader: int, sim: RunningSimulator, notifier: RecordingNotifier
) -> None:
    request = await _working(context, trader)
    placed_id = request.production_order_id
    assert placed_id is not None and request.account_number is not None

    result = await cancel_working(context, trader, request.id)

    assert result.state is OrderState.CANCELLED
    assert _sim_status(sim, request.account_number, placed_id) == "Cancelled"
    await request.refresh_from_db()
    assert request.state == OrderState.CANCELLED
    kinds = await _kinds(request.id)
    assert kinds.index("cancel_requested") < kinds.index("cancel_sent")
    # the cancel's answer or the account streamer applies the status, whichever comes first;
    # the streamer tells the trader from its own task
    for _ in range(100):
        if notifier.notices:
            break
        await asyncio.sleep(0.02)
    assert [n.title for n in notifier.notices] == [f"Order #{request.id} cancelled"]
    assert await verify_chain(request.id)
    assert (
        len(sim.accepted_orders("production", external_identifier=request.external_identifier)) == 1
    )


async def test_cancelling_a_preview_ends_it_without_tastytrade(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    preview = (await previewed(context, trader, RESTING)).preview

    result = await cancel_working(context, trader, preview.order_id)

    assert result.state is OrderState.CANCELLED and "nothing reached" in result.message
    assert sim.accepted_orders("production") == []


async def test_a_finished_order_has_nothing_to_cancel(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    request = await _working(context, trader)
    await cancel_working(context, trader, request.id)

    with pytest.raises(ValidationError, match="nothing to cancel"):
        await cancel_working(context, trader, request.id)


async def test_another_trader_can_neither_cancel_nor_reprice_the_order(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    request = await _working(context, trader)
    assert request.production_order_id is not None and request.account_number is not None

    with pytest.raises(NotFoundError):
        await cancel_working(context, OTHER, request.id)
    with pytest.raises(NotFoundError):
        await replace_price(context, OTHER, request.id, "1.05")

    assert _sim_status(sim, request.account_number, request.production_order_id) in WORKING
    await request.refresh_from_db()
    assert request.state == OrderState.PLACED and request.price == Decimal("1.00")


async def test_a_cancel_whose_answer_is_lost_is_read_back_not_resent(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    request = await _working(context, trader)
    assert request.production_order_id is not None and request.account_number is not None
    await set_faults(
        sim,
        [{"kind": "drop", "method": "DELETE", "path": "/accounts/*/orders/*", "times": 1}],
    )

    result = await cancel_working(context, trader, request.id)

    assert result.state is OrderState.CANCELLED
    assert _sim_status(sim, request.account_number, request.production_order_id) == "Cancelled"


# --- replace ----------------------------------------------------------------------------------


async def test_a_new_price_replaces_the_order_and_records_the_new_id(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    request = await _working(context, trader)
    old_id = request.production_order_id
    assert old_id is not None and request.account_number is not None

    result = await replace_price(context, trader, request.id, "1.05")

    await request.refresh_from_db()
    assert result.replaced_order_id == old_id
    assert request.production_order_id == result.production_order_id != old_id
    assert request.price == Decimal("1.05") and request.state == OrderState.PLACED
    assert _sim_status(sim, request.account_number, old_id) == "Cancelled"
    [replacement] = [
        order
        for order in sim.accepted_orders("production", account=request.account_number)
        if order.replaces_order_id == old_id
    ]
    assert replacement.order_id == request.production_order_id
    assert replacement.external_identifier == f"{request.external_identifier}-r1"
    assert "replaced" in await _kinds(request.id)
    assert await verify_chain(request.id)


async def test_the_old_orders_cancel_pushed_by_the_streamer_does_not_end_the_request(
    context: OrderContext, trader: int, sim: RunningSimulator, notifier: RecordingNotifier
) -> None:
    request = await _working(context, trader)
    for _ in range(100):  # confirming started the account streamer: let it subscribe
        if context.streams.following(trader):
            break
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.5)

    await replace_price(context, trader, request.id, "1.05")
    await asyncio.sleep(0.5)  # the old order's "Cancelled" push arrives meanwhile

    await request.refresh_from_db()
    assert request.state == OrderState.PLACED
    assert not [n for n in notifier.notices if "cancelled" in n.title]


async def test_repricing_at_the_ask_fills_the_order(
    context: OrderContext, trader: int, sim: RunningSimulator, notifier: RecordingNotifier
) -> None:
    request = await _working(context, trader)

    result = await replace_price(context, trader, request.id, _ask(sim, request))
    state = result.state
    for _ in range(50):  # the simulator routes the replacement in the background
        if state is OrderState.FILLED:
            break
        await asyncio.sleep(0.1)
        await request.refresh_from_db()
        state = await poll_order(context, request)

    assert state is OrderState.FILLED
    for _ in range(100):  # told by whichever source recorded the fill, just after it did
        if f"Order #{request.id} filled" in [n.title for n in notifier.notices]:
            break
        await asyncio.sleep(0.05)
    assert f"Order #{request.id} filled" in [n.title for n in notifier.notices]


async def test_a_price_off_the_tick_is_refused_and_nothing_is_sent(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    request = await _working(context, trader)
    before = len(sim.accepted_orders("production"))

    with pytest.raises(ValidationError, match="steps of"):
        await replace_price(context, trader, request.id, "1.001")

    assert len(sim.accepted_orders("production")) == before
    await request.refresh_from_db()
    assert request.price == Decimal("1.00")


async def test_a_price_that_breaks_a_limit_is_refused_and_nothing_is_sent(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    request = await _working(context, trader)
    await update_limits(trader, max_notional="1500")
    before = len(sim.accepted_orders("production"))

    with pytest.raises(PermissionDeniedError, match="Max notional"):
        await replace_price(context, trader, request.id, "2.00")

    assert len(sim.accepted_orders("production")) == before


async def test_a_replacement_counts_as_no_new_order_today(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    request = await _working(context, trader)
    await update_limits(trader, max_orders_per_day="1")  # this order used the day's only one

    result = await replace_price(context, trader, request.id, "1.05")

    assert result.state is OrderState.PLACED


async def test_a_preview_cannot_be_repriced(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    preview = (await previewed(context, trader, RESTING)).preview

    with pytest.raises(ValidationError, match="only a working order"):
        await replace_price(context, trader, preview.order_id, "1.05")


async def test_the_same_price_is_refused(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    request = await _working(context, trader)

    with pytest.raises(ValidationError, match=r"already at 1\.00"):
        await replace_price(context, trader, request.id, "1.00")


async def test_a_replace_whose_answer_is_lost_finds_the_replacement(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    request = await _working(context, trader)
    old_id = request.production_order_id
    await set_faults(
        sim, [{"kind": "drop", "method": "PUT", "path": "/accounts/*/orders/*", "times": 1}]
    )

    result = await replace_price(context, trader, request.id, "1.05")

    assert result.found_by_lookup and result.replaced_order_id == old_id
    replacements = [
        order for order in sim.accepted_orders("production") if order.replaces_order_id == old_id
    ]
    assert len(replacements) == 1  # looked up, never sent twice
    await request.refresh_from_db()
    assert request.production_order_id == replacements[0].order_id


async def test_a_replace_that_tastytrade_cannot_be_asked_about_is_not_resent(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    request = await _working(context, trader)
    await set_faults(
        sim,
        [{"kind": "error", "status": 503, "path": "/accounts/*/orders*", "env": "production"}],
    )

    with pytest.raises(BrokerUnavailableError, match="Nothing was sent again"):
        await replace_price(context, trader, request.id, "1.05")

    await set_faults(sim, [])
    assert [o for o in sim.accepted_orders("production") if o.replaces_order_id] == []
    assert "replace_unknown" in await _kinds(request.id)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "as a number"),
        ("", "as a number"),
        ("NaN", "as a number"),
        ("Infinity", "as a number"),
        ("-1", "above 0"),
        ("0", "above 0"),
        ("1e400", "at most"),
        ("1.00001", "four decimal places"),
        ("9" * 40, "as a number"),
    ],
)
def test_a_malformed_price_is_refused(typed: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_price(typed)


def test_a_typed_price_may_carry_a_dollar_sign() -> None:
    assert parse_price(" $1,234.5 ") == Decimal("1234.5")


async def test_repricing_needs_a_passed_replace_qualification(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    request = await _working(context, trader)
    await TestResult.filter(order_type=REPLACE).delete()

    with pytest.raises(PermissionDeniedError, match="qualification of replace"):
        await replace_price(context, trader, request.id, "1.05")

    assert [o for o in sim.accepted_orders("production") if o.replaces_order_id] == []
