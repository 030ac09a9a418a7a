"""Rule evaluation (pure): when a condition holds, hysteresis (a crossing fires once and
re-arms only after clearing by the margin), the cooldown, and stale or missing levels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.rules import Condition
from services.market.gex import GexLevels
from services.market.levels import LevelsSnapshot
from services.signals.conditions import (
    GEX_MARGIN,
    MAX_LEVELS_AGE,
    PRICE_MARGIN,
    Observation,
    RuleState,
    evaluate,
    initial_armed,
)

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
COOLDOWN = timedelta(minutes=15)
FLIP = Decimal("580")
BELOW_FLIP = Condition("SPY", "price", "below", "zero_gamma", crossing=True)
ABOVE_520 = Condition("QQQ", "price", "above", "price", crossing=False, price=Decimal("520"))
GEX_NEGATIVE = Condition("SPY", "total_gex", "below", "zero", crossing=True)


def seen(
    spot: str | Decimal,
    *,
    flip: Decimal | None = FLIP,
    total: float | None = 1e9,
    gross: float = 5e9,
    at: datetime = NOW,
) -> Observation:
    return Observation(
        "SPY",
        Decimal(spot),
        at,
        zero_gamma=flip,
        call_wall=Decimal("600"),
        put_wall=Decimal("560"),
        total_gex=total,
        gross_gex=gross,
    )


def run(condition: Condition, spots: list[str], *, armed: bool | None = None,
        cooldown: timedelta = timedelta(0), step: timedelta = timedelta(seconds=10),
        ) -> list[bool]:  # fmt: skip
    """Feed spots one tick apart; which ticks fired."""
    state = RuleState(initial_armed(condition) if armed is None else armed)
    fired = []
    for index, spot in enumerate(spots):
        now = NOW + index * step
        result = evaluate(condition, seen(spot, at=now), state, now=now, cooldown=cooldown)
        fired.append(result.fire)
        state = RuleState(result.armed, now if result.fire else state.last_fired_at)
    return fired


def test_a_crossing_rule_starts_disarmed_and_a_state_rule_armed() -> None:
    assert not initial_armed(BELOW_FLIP)
    assert initial_armed(ABOVE_520)


def test_a_crossing_below_the_flip_fires_once() -> None:
    assert run(BELOW_FLIP, ["585", "579", "578", "577"]) == [False, True, False, False]


def test_a_crossing_rule_does_not_fire_when_it_starts_already_past_the_level() -> None:
    assert run(BELOW_FLIP, ["575", "574", "573"]) == [False, False, False]


def test_wiggles_inside_the_margin_do_not_fire_again() -> None:
    margin = FLIP * PRICE_MARGIN  # 0.58
    just_inside = str(FLIP + margin - Decimal("0.01"))

    assert run(BELOW_FLIP, ["585", "579", just_inside, "579.5", just_inside, "579"]) == [
        False, True, False, False, False, False,
    ]  # fmt: skip


def test_clearing_by_the_margin_re_arms_and_the_next_crossing_fires() -> None:
    cleared = str(FLIP + FLIP * PRICE_MARGIN)  # exactly the margin past the flip

    assert run(BELOW_FLIP, ["585", "579", cleared, "579"]) == [False, True, False, True]


def test_a_value_on_the_level_neither_holds_nor_clears() -> None:
    result = evaluate(BELOW_FLIP, seen("580"), RuleState(True), now=NOW, cooldown=COOLDOWN)

    assert result.holds is False and not result.fire and result.armed


def test_a_state_rule_fires_at_once_when_it_already_holds() -> None:
    assert run(ABOVE_520, ["525", "526", "519", "521"]) == [True, False, False, True]


def test_a_holding_condition_inside_the_cooldown_is_skipped_not_delayed() -> None:
    # fires, clears, holds again 20 s later (inside 15 min): skipped and disarmed
    fired = run(BELOW_FLIP, ["585", "579", "585", "579", "579", "579"], cooldown=COOLDOWN)

    assert fired == [False, True, False, False, False, False]


def test_after_the_cooldown_a_new_crossing_fires() -> None:
    step = timedelta(minutes=5)
    fired = run(BELOW_FLIP, ["585", "579", "585", "579", "585", "579"], cooldown=COOLDOWN,
                step=step)  # fmt: skip

    # the second crossing (10 min after the first firing) is skipped; the third (20 min) fires
    assert fired == [False, True, False, False, False, True]


def test_the_cooldown_reason_says_why_nothing_fired() -> None:
    state = RuleState(True, last_fired_at=NOW - timedelta(minutes=1))
    result = evaluate(BELOW_FLIP, seen("579"), state, now=NOW, cooldown=COOLDOWN)

    assert (result.fire, result.armed, result.reason) == (False, False, "cooldown")


def test_without_a_flip_nothing_changes() -> None:
    observation = seen("570", flip=None)
    result = evaluate(BELOW_FLIP, observation, RuleState(True), now=NOW, cooldown=COOLDOWN)

    assert (result.fire, result.armed, result.holds) == (False, True, None)
    assert result.reason == "no gamma flip available"


def test_old_levels_are_not_acted_on() -> None:
    old = seen("570", at=NOW - MAX_LEVELS_AGE - timedelta(seconds=1))
    result = evaluate(BELOW_FLIP, old, RuleState(True), now=NOW, cooldown=COOLDOWN)

    assert not result.fire and result.reason == "levels too old"


@pytest.mark.parametrize(("target", "spot", "holds"), [
    ("call_wall", "601", True), ("call_wall", "599", False),
    ("put_wall", "559", True), ("put_wall", "561", False),
])  # fmt: skip
def test_walls_are_compared_with_the_spot(target: str, spot: str, holds: bool) -> None:
    direction = "above" if target == "call_wall" else "below"
    condition = Condition("SPY", "price", direction, target, crossing=False)  # type: ignore[arg-type]
    result = evaluate(condition, seen(spot), RuleState(True), now=NOW, cooldown=COOLDOWN)

    assert result.holds is holds and result.fire is holds


def test_total_gex_turning_negative_fires_once_and_re_arms_past_its_margin() -> None:
    gross = 5e9
    margin = GEX_MARGIN * gross
    state = RuleState(initial_armed(GEX_NEGATIVE))
    fired = []
    for total in (2e9, -1e8, margin / 2, -1e8, margin, -1e8):
        result = evaluate(GEX_NEGATIVE, seen("580", total=total, gross=gross), state, now=NOW,
                          cooldown=timedelta(0))  # fmt: skip
        fired.append(result.fire)
        state = RuleState(result.armed)

    assert fired == [False, True, False, False, False, True]


def test_without_gex_a_gex_rule_waits() -> None:
    result = evaluate(GEX_NEGATIVE, seen("580", total=None), RuleState(True), now=NOW,
                      cooldown=COOLDOWN)  # fmt: skip

    assert not result.fire and result.reason == "no total GEX available"


def test_an_observation_from_a_snapshot_keeps_the_levels_it_needs() -> None:
    snapshot = LevelsSnapshot(
        "spy",
        Decimal("579.25"),
        GexLevels(
            spot=579.25,
            total_gex=-2.5e8,
            by_strike={Decimal("570"): -4e8, Decimal("590"): 1.5e8},
            zero_gamma=581.123456,
            call_wall=Decimal("590"),
            put_wall=Decimal("570"),
            contracts=2,
            as_of=NOW,
        ),
        NOW,
    )

    observation = Observation.from_snapshot(snapshot)

    assert observation.underlying == "SPY" and observation.spot == Decimal("579.25")
    assert observation.zero_gamma == Decimal("581.1235")
    assert observation.gross_gex == pytest.approx(5.5e8)
    assert observation.to_json()["zero_gamma"] == "581.1235"


def test_a_snapshot_without_levels_keeps_only_the_spot() -> None:
    observation = Observation.from_snapshot(LevelsSnapshot("QQQ", Decimal("521"), None, NOW))

    assert observation.zero_gamma is None and observation.total_gex is None
    result = evaluate(ABOVE_520, observation, RuleState(True), now=NOW, cooldown=COOLDOWN)
    assert result.fire  # a price rule needs only the spot


@settings(max_examples=200, deadline=None)
@given(st.lists(st.decimals(min_value=560, max_value=600, places=2), min_size=1, max_size=40))
def test_firings_are_separated_by_a_clearing(spots: list[Decimal]) -> None:
    """Between two firings of a crossing rule the spot was at least the margin above the flip."""
    state = RuleState(False)
    last_fire: int | None = None
    for index, spot in enumerate(spots):
        result = evaluate(BELOW_FLIP, seen(spot), state, now=NOW, cooldown=timedelta(0))
        if result.fire:
            window = spots[(last_fire if last_fire is not None else -1) + 1 : index]
            assert any(s >= FLIP + FLIP * PRICE_MARGIN for s in window)
            last_fire = index
        state = RuleState(result.armed)
