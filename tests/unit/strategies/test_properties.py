"""Properties of ``classify`` on generated leg sets: any instance of a catalog pattern is that
key (or a key refining it) at any scale and in any order, and a custom match's parts cover
every leg, each part being what it says."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from services.strategies import Leg, LegSide, LegType
from services.strategies.catalog import PATTERNS, Pattern, Wings
from services.strategies.classifier import classify

from .legspec import scaled, totals

FIRST_EXPIRY = date(2025, 1, 17)
HALF = Decimal("0.5")


def refinements_of(key: str) -> set[str]:
    found = {key}
    grew = True
    while grew:
        more = {pattern.key for pattern in PATTERNS if pattern.refines in found}
        grew = not more <= found
        found |= more
    return found


@st.composite
def instances(draw: st.DrawFn, pattern: Pattern) -> list[Leg]:
    """One unit of ``pattern``: ordered labels get ascending values (equal or unequal wings as
    the pattern says), every other label any value."""
    order = pattern.strike_order
    gaps = [draw(st.integers(1, 40)) for _ in range(max(len(order) - 1, 0))]
    if pattern.wings is Wings.EQUAL:
        gaps[1] = gaps[0]
    elif pattern.wings is Wings.UNEQUAL:
        assume(gaps[1] != gaps[0])
    strike = Decimal(draw(st.integers(2, 1000))) * HALF
    strikes: dict[str, Decimal] = {}
    for position, label in enumerate(order):
        strikes[label] = strike
        if position < len(gaps):
            strike += gaps[position] * HALF
    expiry = FIRST_EXPIRY + timedelta(days=draw(st.integers(0, 400)))
    expiries: dict[str, date] = {}
    for label in pattern.expiry_order:
        expiries[label] = expiry
        expiry += timedelta(days=draw(st.integers(1, 120)))
    legs = []
    for slot in pattern.legs:
        if slot.type is LegType.EQUITY:
            legs.append(Leg(slot.type, slot.side, Decimal(slot.ratio)))
            continue
        assert slot.strike is not None and slot.expiry is not None
        if slot.strike not in strikes:
            strikes[slot.strike] = Decimal(draw(st.integers(2, 1000))) * HALF
        if slot.expiry not in expiries:
            expiries[slot.expiry] = FIRST_EXPIRY + timedelta(days=draw(st.integers(0, 400)))
        legs.append(
            Leg(
                slot.type,
                slot.side,
                Decimal(slot.ratio),
                strikes[slot.strike],
                expiries[slot.expiry],
            )
        )
    if pattern.distinct_strikes is not None:
        first, second = pattern.distinct_strikes
        assume(strikes[first] != strikes[second])
    return legs


@pytest.mark.parametrize("pattern", PATTERNS, ids=[pattern.key for pattern in PATTERNS])
@settings(max_examples=40, deadline=None)
@given(data=st.data(), factor=st.integers(1, 50), seed=st.integers(0, 2**16))
def test_a_pattern_instance_keeps_its_key_scaled_and_shuffled(
    pattern: Pattern, data: st.DataObject, factor: int, seed: int
) -> None:
    account_kind = "Cash" if pattern.cash_account_only else None
    instance = data.draw(instances(pattern))
    once = classify(instance, account_kind=account_kind)
    assert once.key in refinements_of(pattern.key)
    assert once.units == 1
    bigger = scaled(instance, factor)
    random.Random(seed).shuffle(bigger)
    again = classify(bigger, account_kind=account_kind)
    assert (again.key, again.units) == (once.key, factor)


STRIKES = [Decimal(strike) for strike in (90, 95, 100, 105, 110)]
EXPIRIES = [date(2025, 6, 20), date(2025, 7, 18)]

random_legs = st.lists(
    st.one_of(
        st.builds(
            Leg,
            type=st.just(LegType.EQUITY),
            side=st.sampled_from(LegSide),
            quantity=st.integers(1, 4).map(lambda hundreds: Decimal(hundreds * 50)),
        ),
        st.builds(
            Leg,
            type=st.sampled_from([LegType.CALL, LegType.PUT]),
            side=st.sampled_from(LegSide),
            quantity=st.integers(1, 4).map(Decimal),
            strike=st.sampled_from(STRIKES),
            expiration=st.sampled_from(EXPIRIES),
        ),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(legs=random_legs, cash=st.booleans(), seed=st.integers(0, 2**16))
def test_leg_order_never_changes_the_match(legs: list[Leg], cash: bool, seed: int) -> None:
    account_kind = "Cash" if cash else None
    shuffled = list(legs)
    random.Random(seed).shuffle(shuffled)
    assert classify(shuffled, account_kind=account_kind) == classify(
        legs, account_kind=account_kind
    )


@settings(max_examples=300, deadline=None)
@given(legs=random_legs, cash=st.booleans())
def test_custom_parts_cover_every_leg_and_each_is_what_it_says(legs: list[Leg], cash: bool) -> None:
    account_kind = "Cash" if cash else None
    match = classify(legs, account_kind=account_kind)
    if match.key != "custom":
        assert totals(list(match.legs)) == totals(legs)
        return
    assert len(match.parts) >= 2
    assert totals([leg for part in match.parts for leg in part.legs]) == totals(legs)
    for part in match.parts:
        alone = classify(part.legs, account_kind=account_kind)
        assert (alone.key, alone.units) == (part.key, part.units)
