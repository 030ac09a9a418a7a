"""Signal rules against the simulator: SPY's production price moves across a fixed gamma flip,
the rule fires exactly once, its order (an ``atm`` put: the listed strike nearest the spot) is
rehearsed in the sandbox and, with auto-execute on, confirmed and placed in production (the
simulator's ground truth holds one order); with auto-execute off the trader gets a preview by
DM instead and nothing is placed."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest

from services.db.models import OrderEvent, OrderRequest, SignalEvent
from services.db.models import TestResult as Rehearsal
from services.notify.events import Event
from services.orders._context import OrderContext
from services.orders._model import OrderSource, OrderState
from services.orders.limits import update_limits
from services.orders.pipeline import Previewed
from services.signals import SignalEvaluator, SignalPreview, add_rule
from simulator.server import RunningSimulator

from .conftest import TODAY, RecordingNotifier, SimulatorLevels

pytestmark = pytest.mark.db

CENT = Decimal("0.01")
# a limit order at the ask of the puts near the money (pinned by ``pin_puts``): a market order
# is refused while the market is closed, and tests run at any hour
RULE = "when SPY crosses below the gamma flip then buy 1 SPY 0dte atm put @ 1.10"


def put_price(sim: RunningSimulator, spot: Decimal) -> None:
    """Pin SPY's production quote (and so its spot) at ``spot``."""
    sim.production.market.override_quote(
        "SPY", bid=(spot - CENT).quantize(CENT), ask=(spot + CENT).quantize(CENT), last=spot
    )


async def order_of(event: SignalEvent) -> OrderRequest:
    """The order request a firing made."""
    return await OrderRequest.get(signal_events__id=event.id)


def pin_puts(sim: RunningSimulator, around: Decimal) -> None:
    """Quote today's SPY puts within 5 points of ``around`` at 1.00 x 1.10, whatever the hour
    (near the close a 0dte put is worth next to nothing)."""
    strike = (around - 5).quantize(Decimal(1))
    while strike <= around + 5:
        symbol = f"SPY   {TODAY:%y%m%d}P{int(strike * 1000):08d}"
        with contextlib.suppress(KeyError):  # not listed
            sim.production.market.override_quote(symbol, bid=Decimal("1.00"), ask=Decimal("1.10"))
        strike += Decimal("0.5")


def spot_of(sim: RunningSimulator) -> Decimal:
    quote = sim.production.market.quote("SPY")
    return Decimal(quote.mark).quantize(CENT)


async def cross_the_flip(
    evaluator: SignalEvaluator, sim: RunningSimulator, flip: Decimal
) -> list[tuple[int, ...]]:
    """Above the flip (the rule arms), below it (it fires), lower still, back up a little:
    what fired at each tick."""
    pin_puts(sim, flip * Decimal("0.995"))
    fired = []
    for spot in (flip * Decimal("1.01"), flip * Decimal("0.995"), flip * Decimal("0.99"),
                 flip * Decimal("0.9995")):  # fmt: skip
        put_price(sim, spot.quantize(CENT))
        fired.append((await evaluator.tick()).fired)
    await evaluator.drain()
    return fired


async def test_a_crossing_fires_once_and_the_order_is_rehearsed_auto_confirmed_and_placed(
    context: OrderContext, trader: int, sim: RunningSimulator, notifier: RecordingNotifier
) -> None:
    flip = spot_of(sim).quantize(Decimal(1))
    rule = await add_rule(trader, RULE, today=TODAY, auto_execute=True)
    evaluator = SignalEvaluator(context, SimulatorLevels(context, trader, flip))

    fired = await cross_the_flip(evaluator, sim, flip)

    assert fired == [(), (rule.id,), (), ()]
    [event] = await SignalEvent.filter(rule_id=rule.id, kind="fired")
    assert event.outcome in (OrderState.PLACED.value, OrderState.FILLED.value), [
        n.body for n in notifier.notices
    ]
    assert Decimal(event.levels["spot"]) < flip and Decimal(event.levels["zero_gamma"]) == flip
    request = await order_of(event)
    assert request.source == OrderSource.SIGNAL.value
    assert request.state in (OrderState.PLACED, OrderState.FILLED)
    [leg] = request.legs
    spot_then = Decimal(event.levels["spot"])
    assert leg["option_type"] == "put" and leg["expiration"] == TODAY.isoformat()
    assert abs(Decimal(leg["strike"]) - spot_then) <= Decimal("2.5")  # the listed strike nearest
    assert request.raw_text == f"buy 1 SPY 0dte {Decimal(leg['strike']).normalize():f} put @ 1.10"
    assert await Rehearsal.filter(order_request_id=request.id, passed=True).count() == 1
    accepted = sim.accepted_orders("production", external_identifier=request.external_identifier)
    assert len(accepted) == 1  # ground truth: one production order
    kinds = [e.kind for e in await OrderEvent.filter(order_request_id=request.id).order_by("id")]
    assert "rehearsed" in kinds and "confirmed" in kinds and "placed" in kinds
    [notice] = [n for n in notifier.notices if n.event is Event.SIGNAL_FIRED]
    assert notice.discord_id == trader and "Placed automatically" in notice.body


async def test_a_rules_order_with_talk_around_it_is_the_traders_word_and_asks_nothing(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    """The trader wrote the order into the rule with a command: the talk around it ("my
    cousin swears by it") leaves the parser unsure, but a firing does not ask whether it is
    an order."""
    flip = spot_of(sim).quantize(Decimal(1))
    rule = await add_rule(trader, f"{RULE}, my cousin swears by it", today=TODAY, auto_execute=True)
    evaluator = SignalEvaluator(context, SimulatorLevels(context, trader, flip))

    await cross_the_flip(evaluator, sim, flip)

    [event] = await SignalEvent.filter(rule_id=rule.id, kind="fired")
    assert event.outcome in (OrderState.PLACED.value, OrderState.FILLED.value)
    request = await order_of(event)
    assert "cousin" in request.raw_text
    assert "asked" not in [e.kind for e in await OrderEvent.filter(order_request_id=request.id)]


async def test_without_auto_execute_the_trader_gets_a_preview_by_dm_and_nothing_is_placed(
    context: OrderContext, trader: int, sim: RunningSimulator, notifier: RecordingNotifier
) -> None:
    flip = spot_of(sim).quantize(Decimal(1))
    rule = await add_rule(trader, RULE, today=TODAY)
    evaluator = SignalEvaluator(context, SimulatorLevels(context, trader, flip))
    previews: list[SignalPreview] = []

    async def on_preview(preview: SignalPreview) -> None:
        previews.append(preview)

    evaluator.on_signal_preview = on_preview

    fired = await cross_the_flip(evaluator, sim, flip)

    assert fired == [(), (rule.id,), (), ()]
    [event] = await SignalEvent.filter(rule_id=rule.id, kind="fired")
    assert event.outcome == "previewed"
    request = await order_of(event)
    assert request.state == OrderState.PREVIEWED
    assert await Rehearsal.filter(order_request_id=request.id, passed=True).count() == 1
    assert sim.accepted_orders("production", external_identifier=request.external_identifier) == []
    [preview] = previews
    assert preview.discord_id == trader and preview.rule_id == rule.id
    assert isinstance(preview.outcome, Previewed)
    assert preview.outcome.preview.order_id == request.id
    [notice] = [n for n in notifier.notices if n.event is Event.SIGNAL_FIRED]
    assert "Waiting for your confirmation" in notice.body
    assert f"Order #{request.id}" in notice.body


async def test_a_limit_rule_sends_its_own_strike_and_price(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    flip = spot_of(sim).quantize(Decimal(1))
    strike = (flip - 5).quantize(Decimal(1))
    text = f"when SPY crosses below the gamma flip then buy 1 SPY 0dte {strike} put @ 0.05"
    rule = await add_rule(trader, text, today=TODAY)
    evaluator = SignalEvaluator(context, SimulatorLevels(context, trader, flip))

    await cross_the_flip(evaluator, sim, flip)

    [event] = await SignalEvent.filter(rule_id=rule.id, kind="fired")
    request = await order_of(event)
    assert request.raw_text == f"buy 1 SPY 0dte {strike} put @ 0.05"
    assert request.price == Decimal("0.05") and Decimal(request.legs[0]["strike"]) == strike


async def test_a_rule_without_auto_execute_is_previewed_even_under_the_chat_threshold(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    await update_limits(trader, auto_confirm_threshold="10000")  # chat orders confirm alone
    flip = spot_of(sim).quantize(Decimal(1))
    rule = await add_rule(trader, RULE, today=TODAY)
    evaluator = SignalEvaluator(context, SimulatorLevels(context, trader, flip))

    await cross_the_flip(evaluator, sim, flip)

    [event] = await SignalEvent.filter(rule_id=rule.id, kind="fired")
    request = await order_of(event)
    assert event.outcome == "previewed" and request.state == OrderState.PREVIEWED
    assert sim.accepted_orders("production", external_identifier=request.external_identifier) == []
