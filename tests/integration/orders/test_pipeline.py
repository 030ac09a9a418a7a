"""The order pipeline end to end against the simulator: chat text -> resolve -> validate ->
risk -> sandbox rehearsal + production dry-run -> preview -> confirm -> production placement,
checked against the simulator's own order book."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import timedelta

import pytest
from support.sync_world import link_grant
from tastytrade import Account
from tastytrade.order import InstrumentType, Leg, MarketOrder, OrderAction

from services.broker import broker_route
from services.db.models import BrokerCredential, OrderEvent, OrderRequest, TestResult
from services.environment import Environment
from services.errors import (
    NotFoundError,
    NotLinkedError,
    PermissionDeniedError,
    ValidationError,
)
from services.orders._context import OrderContext
from services.orders._model import OrderState
from services.orders.audit import verify_chain
from services.orders.broker_orders import RehearsalPolicy
from services.orders.confirmation import (
    AlreadyHandledError,
    PreviewExpiredError,
    cancel_preview,
    confirm_order,
)
from services.orders.limits import set_production_trading, update_limits
from services.orders.pipeline import (
    Asked,
    Chatter,
    Previewed,
    SandboxRequiredError,
    Stopped,
    answer_question,
    submit_order,
)
from services.vault import Vault
from simulator.server import RunningSimulator

from .conftest import (
    OTHER,
    RecordingNotifier,
    previewed,
    production_orders,
    set_faults,
    submitted,
)

pytestmark = pytest.mark.db

CALLS = "buy 10 calls for SPY at strike 600 expiring next month @ 1.00"


async def test_a_chat_order_is_rehearsed_previewed_confirmed_and_placed_once(
    context: OrderContext, trader: int, sim: RunningSimulator, notifier: RecordingNotifier
) -> None:
    outcome = await previewed(context, trader, CALLS)
    preview = outcome.preview

    assert preview.rehearsal.passed
    assert preview.order.underlying == "SPY"
    assert [leg.action for leg in preview.order.legs] == ["Buy to Open"]
    assert preview.order.legs[0].quantity == 10
    assert preview.order.legs[0].strike == 600
    request = await OrderRequest.get(id=preview.order_id)
    assert request.state == OrderState.PREVIEWED
    assert await production_orders(sim, request.external_identifier) == []  # not yet

    placement = await confirm_order(context, trader, preview.order_id, preview.confirm_hash)

    assert placement.state in (OrderState.PLACED, OrderState.FILLED)
    assert len(await production_orders(sim, request.external_identifier)) == 1
    assert await TestResult.filter(order_request_id=preview.order_id, passed=True).count() == 1
    assert await verify_chain(preview.order_id)
    kinds = [
        e.kind for e in await OrderEvent.filter(order_request_id=preview.order_id).order_by("id")
    ]
    assert kinds[:3] == ["received", "resolved", "rehearsed"]
    assert "confirmed" in kinds and "placed" in kinds


async def test_double_and_concurrent_confirmations_place_one_order(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    preview = (await previewed(context, trader, CALLS)).preview
    results = await asyncio.gather(
        *(confirm_order(context, trader, preview.order_id, preview.confirm_hash) for _ in range(5)),
        return_exceptions=True,
    )
    placed = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, AlreadyHandledError)]

    assert len(placed) == 1 and len(refused) == 4
    with pytest.raises(AlreadyHandledError):  # a replay later changes nothing either
        await confirm_order(context, trader, preview.order_id, preview.confirm_hash)
    request = await OrderRequest.get(id=preview.order_id)
    assert len(await production_orders(sim, request.external_identifier)) == 1


async def test_an_expired_preview_cannot_be_confirmed(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    preview = (await previewed(context, trader, CALLS)).preview
    later = dataclasses.replace(context, clock=lambda: preview.expires_at + timedelta(seconds=1))
    try:
        with pytest.raises(PreviewExpiredError):
            await confirm_order(later, trader, preview.order_id, preview.confirm_hash)
    finally:
        await later.close()

    request = await OrderRequest.get(id=preview.order_id)
    assert request.state == OrderState.EXPIRED
    assert await production_orders(sim, request.external_identifier) == []


async def test_a_confirmation_for_another_order_content_is_refused(
    context: OrderContext, trader: int
) -> None:
    preview = (await previewed(context, trader, CALLS)).preview
    with pytest.raises(Exception, match="does not match"):
        await confirm_order(context, trader, preview.order_id, "0" * 64)


async def test_another_trader_cannot_confirm_or_cancel_the_order(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    preview = (await previewed(context, trader, CALLS)).preview
    with pytest.raises(NotFoundError):
        await confirm_order(context, OTHER, preview.order_id, preview.confirm_hash)
    with pytest.raises(NotFoundError):
        await cancel_preview(context, OTHER, preview.order_id)

    request = await OrderRequest.get(id=preview.order_id)
    assert request.state == OrderState.PREVIEWED


async def test_a_cancelled_preview_sends_nothing(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    preview = (await previewed(context, trader, CALLS)).preview
    await cancel_preview(context, trader, preview.order_id)
    with pytest.raises(AlreadyHandledError):
        await confirm_order(context, trader, preview.order_id, preview.confirm_hash)
    request = await OrderRequest.get(id=preview.order_id)
    assert await production_orders(sim, request.external_identifier) == []


async def test_chatter_creates_nothing(context: OrderContext, trader: int) -> None:
    outcome = await submit_order(context, trader, "anyone buying SPY calls today?")

    assert isinstance(outcome, Chatter)
    assert await OrderRequest.all().count() == 0


async def test_an_unlisted_strike_is_invalid_with_suggestions_and_nothing_is_placed(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    outcome = await submit_order(context, trader, "buy 1 SPY 451.37 call next month @ 2.00")
    while isinstance(outcome, Asked):
        outcome = await answer_question(
            context,
            trader,
            outcome.order_id,
            outcome.question.topic,
            outcome.question.choices[0].value,
        )

    assert isinstance(outcome, Stopped) and outcome.state is OrderState.INVALID
    assert outcome.problems and outcome.problems[0].suggestions
    request = await OrderRequest.get(id=outcome.order_id)
    assert request.sandbox_order_id is None
    assert await production_orders(sim, request.external_identifier) == []


async def test_production_switched_off_refuses_before_any_rehearsal(
    context: OrderContext, trader: int
) -> None:
    await set_production_trading(trader, False)
    outcome = await submitted(context, trader, CALLS)

    assert isinstance(outcome, Stopped) and outcome.state is OrderState.REFUSED
    assert [breach.limit for breach in outcome.breaches] == ["production_trading"]
    assert await TestResult.filter(kind="rehearsal").count() == 0


async def test_production_switched_off_after_the_preview_cancels_it_and_sends_nothing(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    preview = (await previewed(context, trader, CALLS)).preview
    await set_production_trading(trader, False)

    with pytest.raises(PermissionDeniedError, match="switched off"):
        await confirm_order(context, trader, preview.order_id, preview.confirm_hash)

    request = await OrderRequest.get(id=preview.order_id)
    assert request.state == OrderState.CANCELLED
    assert await production_orders(sim, request.external_identifier) == []
    kinds = [
        e.kind for e in await OrderEvent.filter(order_request_id=preview.order_id).order_by("id")
    ]
    assert kinds[-2:] == ["confirmed", "cancelled"]  # the log says why it stopped
    assert await verify_chain(preview.order_id)


async def test_a_trader_without_a_sandbox_link_is_told_to_link_one(
    context: OrderContext, database: str, vault: Vault, sim: RunningSimulator
) -> None:
    await link_grant(vault, OTHER, sim, Environment.PRODUCTION)
    with pytest.raises(SandboxRequiredError):
        await submit_order(context, OTHER, CALLS)
    assert await OrderRequest.all().count() == 0  # nothing stored before the grants are there


async def test_a_stranger_is_told_to_link(context: OrderContext, database: str) -> None:
    with pytest.raises(NotLinkedError):
        await submit_order(context, 999, CALLS)


async def test_an_order_type_without_a_recent_qualification_is_refused(
    context: OrderContext, unqualified: int, sim: RunningSimulator
) -> None:
    outcome = await submit_order(context, unqualified, CALLS)

    assert isinstance(outcome, Stopped) and outcome.state is OrderState.REFUSED
    assert outcome.reason is not None and "/qualify" in outcome.reason
    assert await TestResult.filter(kind="rehearsal").count() == 0  # not even rehearsed


async def test_a_stranger_or_a_trader_missing_a_grant_leaves_no_request(
    context: OrderContext, database: str, vault: Vault, sim: RunningSimulator
) -> None:
    await link_grant(vault, OTHER, sim, Environment.SANDBOX)  # a sandbox grant only

    with pytest.raises(NotLinkedError) as refused:
        await submit_order(context, OTHER, CALLS)

    assert "/link production" in refused.value.user_message
    assert await OrderRequest.all().count() == 0


NAKED_CALL = "sell to open 1 SPY 660 call next month @ 0.50"


async def test_shares_tastytrade_reports_now_cover_a_short_call(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    """No sync has stored any position: the live positions the order was resolved with decide
    whether its short call is covered."""
    naked = await submit_order(context, trader, NAKED_CALL)
    assert isinstance(naked, Stopped) and naked.state is OrderState.REFUSED
    assert [breach.limit for breach in naked.breaches] == ["naked_options"]

    account = (await OrderRequest.get(id=naked.order_id)).account_number
    async with context.pool.client(trader, Environment.PRODUCTION) as client:
        session = client.session
        held = await Account.get(session, account)
        shares = Leg(
            instrument_type=InstrumentType.EQUITY,
            symbol="SPY",
            action=OrderAction.BUY_TO_OPEN,
            quantity=100,
        )
        await held.place_order(session, MarketOrder(legs=[shares]), dry_run=False)
        for _ in range(200):
            if any(p.symbol == "SPY" for p in await held.get_positions(session)):
                break
            await asyncio.sleep(0.02)

    covered = await submit_order(context, trader, NAKED_CALL)

    assert isinstance(covered, Previewed), covered
    assert covered.preview.order.account_number == account


async def test_a_confirmation_after_the_grant_was_unlinked_escalates_and_sends_nothing(
    context: OrderContext, trader: int, sim: RunningSimulator, notifier: RecordingNotifier
) -> None:
    preview = (await previewed(context, trader, CALLS)).preview
    await BrokerCredential.filter(
        trader__discord_id=trader, environment=Environment.PRODUCTION
    ).delete()

    placement = await confirm_order(context, trader, preview.order_id, preview.confirm_hash)

    assert placement.state is OrderState.ESCALATED
    request = await OrderRequest.get(id=preview.order_id)
    assert request.state == OrderState.ESCALATED and request.placement_attempts == 0
    assert await production_orders(sim, request.external_identifier) == []
    assert await verify_chain(preview.order_id)


async def test_a_first_rehearsal_follows_the_account_streamer_instead_of_polling(
    trader: int, sim: RunningSimulator, vault: Vault
) -> None:
    """The rehearsal account's status feed subscribes while the order is resolved, so even
    the first rehearsal of a new context is settled by a push, long before its first poll."""
    await set_faults(sim, [{"kind": "latency", "ms": 150}])  # Tastytrade's answers take time
    fresh = OrderContext(
        vault=vault,
        route=broker_route(sim.url, demo_mode=True),
        rehearsal=RehearsalPolicy(settle_timeout_s=10, poll_s=5.0),
    )
    try:
        outcome = await previewed(fresh, trader, CALLS)
    finally:
        await fresh.close()

    rehearsal = outcome.preview.rehearsal
    assert rehearsal.passed and rehearsal.status == "Filled"
    assert rehearsal.timings["total_s"] < 5.0


async def test_a_daily_cap_counts_the_orders_sent_today(context: OrderContext, trader: int) -> None:
    await update_limits(trader, max_orders_per_day="1")
    first = await previewed(context, trader, CALLS)
    await confirm_order(context, trader, first.preview.order_id, first.preview.confirm_hash)

    second = await submitted(context, trader, CALLS)

    assert isinstance(second, Stopped) and second.state is OrderState.REFUSED
    assert [breach.limit for breach in second.breaches] == ["max_orders_per_day"]


# an order with talk around it that no rule explains: the parser is not sure it is an order
TALKED_ABOUT = f"{CALLS}, my cousin swears this rockets"


async def test_a_message_the_parser_is_unsure_of_asks_first_and_rehearses_nothing(
    context: OrderContext, trader: int
) -> None:
    outcome = await submit_order(context, trader, TALKED_ABOUT)

    assert isinstance(outcome, Asked) and outcome.question.topic == "intent"
    assert "Is this an order?" in outcome.question.text
    assert [choice.value for choice in outcome.question.choices] == ["yes", "no"]
    request = await OrderRequest.get(id=outcome.order_id)
    assert request.state == OrderState.NEEDS_CHOICE and request.sandbox_order_id is None
    assert await TestResult.filter(kind="rehearsal").count() == 0


async def test_no_ends_it_and_nothing_is_rehearsed_or_placed(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    asked = await submit_order(context, trader, TALKED_ABOUT)
    assert isinstance(asked, Asked)

    outcome = await answer_question(context, trader, asked.order_id, "intent", "no")

    assert isinstance(outcome, Stopped) and outcome.state is OrderState.CANCELLED
    assert outcome.reason and "Not an order" in outcome.reason
    request = await OrderRequest.get(id=asked.order_id)
    assert request.sandbox_order_id is None
    assert await TestResult.filter(kind="rehearsal").count() == 0
    assert await production_orders(sim, request.external_identifier) == []
    kinds = [e.kind for e in await OrderEvent.filter(order_request_id=request.id).order_by("id")]
    assert kinds == ["received", "asked", "answered", "cancelled"]
    with pytest.raises(ValidationError):  # answered once: the question is gone
        await answer_question(context, trader, asked.order_id, "intent", "yes")


async def test_yes_goes_on_to_the_preview(context: OrderContext, trader: int) -> None:
    asked = await submit_order(context, trader, TALKED_ABOUT)
    assert isinstance(asked, Asked)

    outcome = await answer_question(context, trader, asked.order_id, "intent", "yes")

    assert isinstance(outcome, Previewed)
    assert outcome.preview.rehearsal.passed


async def test_the_order_command_is_the_traders_word_and_asks_nothing(
    context: OrderContext, trader: int
) -> None:
    outcome = await submit_order(context, trader, TALKED_ABOUT, by_command=True)

    assert isinstance(outcome, Previewed)
