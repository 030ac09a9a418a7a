"""The evaluator on a real database with scripted levels (no broker: the traders are not
linked, so every firing ends as ``not_linked`` after its SignalEvent and notice): one firing
per crossing, levels read once per underlying per tick, paused and deleted rules left alone,
two evaluators racing for one firing, state kept across restarts, the cooldown, bounded work
per tick, and an underlying without levels not holding up the others."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from services.broker import broker_route
from services.db.models import SignalEvent, SignalRule
from services.notify.events import Event
from services.orders._context import OrderContext
from services.signals import SignalEvaluator, add_rule, delete_rule, pause_rule
from services.vault import Vault, generate_key

from .conftest import TODAY, RecordingNotifier, ScriptedLevels

pytestmark = pytest.mark.db

TRADER = 7007
OTHER = 8008
FLIP_RULE = "when SPY crosses below the gamma flip then buy 1 SPY 0dte 575 put @ 1.00"
QQQ_RULE = "when QQQ crosses above 520 then buy 1 QQQ 0dte 520 call @ 1.00"
ABOVE = Decimal("590")
BELOW = Decimal("575")


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def context(
    database: str, notifier: RecordingNotifier, clock: Clock
) -> AsyncIterator[OrderContext]:
    """A pipeline context whose broker is never reached (the traders are not linked)."""
    made = OrderContext(
        vault=Vault([generate_key()]),
        route=broker_route("http://127.0.0.1:9", demo_mode=True),
        notifier=notifier,
        clock=clock,
    )
    yield made
    await made.close()


@pytest.fixture
def source(clock: Clock) -> ScriptedLevels:
    return ScriptedLevels(clock)


async def ticks(evaluator: SignalEvaluator, source: ScriptedLevels, spots: list[Decimal],
                underlying: str = "SPY") -> list[tuple[int, ...]]:  # fmt: skip
    fired = []
    for spot in spots:
        source.spots[underlying] = spot
        fired.append((await evaluator.tick()).fired)
    await evaluator.drain()
    return fired


async def test_a_crossing_fires_once_with_its_event_and_notice(
    context: OrderContext, source: ScriptedLevels, notifier: RecordingNotifier
) -> None:
    rule = await add_rule(TRADER, FLIP_RULE, today=TODAY)
    evaluator = SignalEvaluator(context, source)

    fired = await ticks(evaluator, source, [ABOVE, BELOW, BELOW, Decimal("579.9"), BELOW])

    assert fired == [(), (rule.id,), (), (), ()]
    [event] = await SignalEvent.filter(rule_id=rule.id)
    assert event.kind == "fired" and event.outcome == "not_linked"
    assert event.levels["spot"] == "575" and event.levels["zero_gamma"] == "580"
    row = await SignalRule.get(id=rule.id)
    assert not row.armed and row.last_fired_at is not None
    assert row.last_state["reason"] == "fired"
    [notice] = notifier.notices
    assert notice.event is Event.SIGNAL_FIRED and notice.discord_id == TRADER
    assert notice.title == f"Signal #{rule.id} fired: SPY crosses below the gamma flip"
    assert "link" in notice.body.lower() and "Nothing was sent" in notice.body
    assert notice.dedupe_key == f"signal-event-{event.id}"


async def test_levels_are_read_once_per_underlying_per_tick(
    context: OrderContext, source: ScriptedLevels
) -> None:
    for trader in range(1, 21):
        await add_rule(trader, FLIP_RULE, today=TODAY)
        await add_rule(trader, QQQ_RULE, today=TODAY)
    source.spots.update(SPY=ABOVE, QQQ=Decimal("500"))
    evaluator = SignalEvaluator(context, source)

    report = await evaluator.tick()

    assert report.rules == 40 and report.underlyings == 2
    assert sorted(source.reads) == ["QQQ", "SPY"]
    assert len(report.armed) == 40


async def test_paused_and_deleted_rules_are_not_evaluated(
    context: OrderContext, source: ScriptedLevels, clock: Clock
) -> None:
    paused = await add_rule(TRADER, FLIP_RULE, today=TODAY)
    deleted = await add_rule(TRADER, FLIP_RULE, today=TODAY)
    await pause_rule(TRADER, paused.id)
    await delete_rule(TRADER, deleted.id, now=clock())
    evaluator = SignalEvaluator(context, source)

    fired = await ticks(evaluator, source, [ABOVE, BELOW])

    assert fired == [(), ()]
    assert source.reads == []  # no active rule: nothing to read
    assert await SignalEvent.all().count() == 0


async def test_two_evaluators_at_once_fire_a_crossing_once(
    context: OrderContext, source: ScriptedLevels
) -> None:
    rule = await add_rule(TRADER, FLIP_RULE, today=TODAY)
    first, second = SignalEvaluator(context, source), SignalEvaluator(context, source)
    source.spots["SPY"] = ABOVE
    await first.tick()
    source.spots["SPY"] = BELOW

    reports = await asyncio.gather(first.tick(), second.tick(), first.tick(), second.tick())
    await first.drain()
    await second.drain()

    assert sum(len(report.fired) for report in reports) == 1
    assert await SignalEvent.filter(rule_id=rule.id).count() == 1


async def test_a_rules_state_survives_a_restart(
    context: OrderContext, source: ScriptedLevels
) -> None:
    rule = await add_rule(TRADER, FLIP_RULE, today=TODAY)
    await ticks(SignalEvaluator(context, source), source, [ABOVE])  # armed, then the bot stops

    restarted = SignalEvaluator(context, source)
    fired = await ticks(restarted, source, [BELOW])

    assert fired == [(rule.id,)]


async def test_a_crossing_inside_the_cooldown_is_skipped_and_a_later_one_fires(
    context: OrderContext, source: ScriptedLevels, clock: Clock
) -> None:
    rule = await add_rule(TRADER, FLIP_RULE, today=TODAY)
    evaluator = SignalEvaluator(context, source)
    assert await ticks(evaluator, source, [ABOVE, BELOW]) == [(), (rule.id,)]

    clock.now += timedelta(minutes=5)
    source.spots["SPY"] = ABOVE
    await evaluator.tick()
    source.spots["SPY"] = BELOW
    skipped = await evaluator.tick()
    clock.now += timedelta(minutes=11)  # 16 minutes after the firing
    later = await ticks(evaluator, source, [ABOVE, BELOW])

    assert skipped.cooled == (rule.id,) and skipped.fired == ()
    assert later == [(), (rule.id,)]
    assert await SignalEvent.filter(rule_id=rule.id, kind="fired").count() == 2


async def test_firings_per_tick_are_bounded_and_the_rest_fire_next_tick(
    context: OrderContext, source: ScriptedLevels
) -> None:
    rules = [await add_rule(trader, FLIP_RULE, today=TODAY) for trader in (1, 2, 3)]
    evaluator = SignalEvaluator(context, source, max_firings_per_tick=2)

    fired = await ticks(evaluator, source, [ABOVE, BELOW, BELOW])

    assert fired == [(), (rules[0].id, rules[1].id), (rules[2].id,)]


async def test_rules_are_read_in_bounded_batches_that_go_round(
    context: OrderContext, source: ScriptedLevels
) -> None:
    rules = [await add_rule(trader, FLIP_RULE, today=TODAY) for trader in (1, 2, 3)]
    evaluator = SignalEvaluator(context, source, max_rules_per_tick=2)
    source.spots["SPY"] = ABOVE

    reports = [await evaluator.tick() for _ in range(3)]

    assert [report.rules for report in reports] == [2, 1, 2]  # then from the start again
    assert [report.armed for report in reports] == [(rules[0].id, rules[1].id), (rules[2].id,), ()]


async def test_an_underlying_without_levels_does_not_hold_up_the_others(
    context: OrderContext, source: ScriptedLevels
) -> None:
    spy = await add_rule(TRADER, FLIP_RULE, today=TODAY)
    await add_rule(OTHER, QQQ_RULE, today=TODAY)
    source.failing.add("QQQ")
    evaluator = SignalEvaluator(context, source)

    await ticks(evaluator, source, [ABOVE])
    report = await evaluator.tick()
    source.spots["SPY"] = BELOW
    report = await evaluator.tick()
    await evaluator.drain()

    assert report.unavailable == ("QQQ",) and report.fired == (spy.id,)


async def test_a_slow_source_times_out_and_the_tick_goes_on(
    context: OrderContext, source: ScriptedLevels
) -> None:
    class Slow(ScriptedLevels):
        async def levels(self, underlying: str):  # type: ignore[no-untyped-def]
            if underlying == "QQQ":
                await asyncio.sleep(30)
            return await super().levels(underlying)

    slow = Slow(source.clock)
    slow.spots.update(SPY=ABOVE, QQQ=Decimal("500"))
    await add_rule(TRADER, FLIP_RULE, today=TODAY)
    await add_rule(OTHER, QQQ_RULE, today=TODAY)
    evaluator = SignalEvaluator(context, slow, levels_timeout_s=0.2)

    report = await evaluator.tick()

    assert report.unavailable == ("QQQ",) and len(report.armed) == 1


async def test_old_levels_are_not_acted_on(
    context: OrderContext, source: ScriptedLevels, clock: Clock
) -> None:
    await add_rule(TRADER, FLIP_RULE, today=TODAY)
    evaluator = SignalEvaluator(context, source)
    await ticks(evaluator, source, [ABOVE])
    stale = datetime.now(UTC) - timedelta(minutes=10)
    source.clock = lambda: stale

    fired = await ticks(evaluator, source, [BELOW])

    assert fired == [()]
    assert await SignalEvent.all().count() == 0


async def test_an_atm_rule_of_an_unlinked_trader_ends_not_linked(
    context: OrderContext, source: ScriptedLevels, notifier: RecordingNotifier
) -> None:
    rule = await add_rule(
        TRADER, "when SPY crosses below the gamma flip then buy 1 SPY 0dte atm put", today=TODAY
    )
    evaluator = SignalEvaluator(context, source)

    await ticks(evaluator, source, [ABOVE, BELOW])

    [event] = await SignalEvent.filter(rule_id=rule.id)
    assert event.outcome == "not_linked" and event.order_request_id is None  # type: ignore[attr-defined]
    assert len(notifier.notices) == 1
