"""Name a position's legs: one catalog strategy, or ``custom`` with a decomposition into parts.

The rules, in the order ``classify`` applies them:

1. **Legs.** Each leg is a ``Leg``, a mapping or an object with the same names (``Leg.of``).
   Legs with the same type, side, strike and expiration merge (quantities add); a long and a
   short of the same contract do not net (the caller passes what is open). Equity legs ignore
   strike and expiration. An ISO string or a datetime expiration is read as a date. No legs, a
   quantity that is not a positive finite number (or above ``MAX_QUANTITY``), an option leg
   without a positive strike or an expiration, or a value ``Leg.of`` cannot read raise
   ``ValueError`` naming the leg.
2. **One pattern.** The merged legs match a catalog pattern when they map one-to-one onto its
   legs (any order) with the pattern's types, sides, strike and expiration relations, and every
   quantity is the same ``units`` times the leg's ratio. ``units`` is a positive whole number,
   except for a single leg where it is the quantity itself (shares for stock, fractional ones
   included). Stock counts 100 shares per contract, so 150 shares and one short call are not a
   covered call.
3. **Specificity.** Catalog patterns exclude each other except along ``Pattern.refines``; the
   refining key wins (``poor_mans_covered_call`` over ``call_diagonal``, ``cash_secured_put``
   over ``short_put``).
4. **Cash-secured puts.** ``cash_secured_put`` needs ``account_kind`` naming a cash or
   retirement account (``catalog.is_cash_account``: any of the words cash, ira, roth,
   retirement, case-insensitive, e.g. ``"Cash"``, ``"Roth IRA"``, ``"Traditional IRA Margin"``);
   without one it is ``short_put``.
5. **Custom.** Legs that fit no single pattern are ``custom``, with ``parts`` found greedily:
   repeatedly take the first pattern, in ``DECOMPOSITION_ORDER`` (most legs first, a refining
   pattern before the one it refines, then catalog order), that fits some of the remaining
   quantities, as many whole units as they allow (the assignment with the most units; the
   first in leg order on ties: stock, then by expiration, strike, type and side). When no
   multi-leg pattern fits, every leg with quantity left becomes a single-leg part
   (``long_call``, ``short_stock``, ...). The parts always add up to every leg.

**Bound.** A whole match is tried only on at most four merged legs (no pattern has more), so
at most 4^4 assignments per pattern. The decomposition spends one ``SEARCH_BUDGET`` per call:
every leg it scans (to list a pattern's candidates or count what is left) and every candidate
it tries costs one; once spent, the greedy step stops and what is left becomes single-leg
parts (still a complete decomposition, maybe a less grouped one). So a call is linear in the
legs (merging sorts them) plus at most ``SEARCH_BUDGET`` search steps, whatever the legs; the
budget is far above what 12 legs use (at most about 7,000 on 1,000 random 12-leg sets and
21,000 on 20-leg ones; ``bench/strategies.py`` times them) and caps hostile input at tens of
milliseconds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from services.strategies._model import Leg, LegSide, LegType, StrategyMatch
from services.strategies.catalog import (
    CUSTOM,
    PATTERNS,
    Pattern,
    Wings,
    display_name,
    is_cash_account,
    pattern_for,
)

#: Search steps (a leg scanned or a candidate tried) one decomposition may take.
SEARCH_BUDGET = 50_000
#: The largest quantity of one leg (contracts or shares) ``classify`` accepts.
MAX_QUANTITY = Decimal(10) ** 12

_Ordered = TypeVar("_Ordered", Decimal, date)

_TYPE_RANK = {LegType.EQUITY: 0, LegType.CALL: 1, LegType.PUT: 2}
_SIDE_RANK = {LegSide.LONG: 0, LegSide.SHORT: 1}


def _refinement_depth(pattern: Pattern) -> int:
    """How many keys ``pattern`` refines in turn (``cash_secured_put``: 1)."""
    depth = 0
    while pattern.refines is not None:
        depth += 1
        pattern = pattern_for(pattern.refines)
    return depth


#: The order in which patterns are tried: most legs first, refinements before what they refine,
#: then catalog order.
DECOMPOSITION_ORDER: tuple[Pattern, ...] = tuple(
    sorted(
        PATTERNS,
        key=lambda pattern: (
            -len(pattern.legs),
            -_refinement_depth(pattern),
            PATTERNS.index(pattern),
        ),
    )
)
_MULTI_LEG = tuple(pattern for pattern in DECOMPOSITION_ORDER if len(pattern.legs) > 1)
_SINGLE_LEG = tuple(pattern for pattern in DECOMPOSITION_ORDER if len(pattern.legs) == 1)
_MAX_PATTERN_LEGS = max(len(pattern.legs) for pattern in PATTERNS)


@dataclass(frozen=True, slots=True)
class _Rules:
    """A pattern's relations in the shape the search checks them."""

    strike_rank: dict[str, int]
    expiry_rank: dict[str, int]
    buckets: Counter[tuple[LegType, LegSide]]


def _rules(pattern: Pattern) -> _Rules:
    return _Rules(
        strike_rank={label: rank for rank, label in enumerate(pattern.strike_order)},
        expiry_rank={label: rank for rank, label in enumerate(pattern.expiry_order)},
        buckets=Counter((leg.type, leg.side) for leg in pattern.legs),
    )


_RULES = {pattern.key: _rules(pattern) for pattern in PATTERNS}


class _Budget:
    """What is left of one decomposition's ``SEARCH_BUDGET``."""

    __slots__ = ("left",)

    def __init__(self, steps: int) -> None:
        self.left = steps


def classify(
    legs: Iterable[Leg | Mapping[str, Any] | Any], *, account_kind: str | None = None
) -> StrategyMatch:
    """The catalog strategy ``legs`` form (see the module docstring for the rules): a match with
    the key, display name, ``units`` and the merged legs in pattern order; for legs that fit no
    single pattern, key ``custom`` with ``parts`` covering every leg. ``account_kind`` (such as
    ``"Cash"`` or ``"Roth IRA"``) decides between ``cash_secured_put`` and ``short_put``.
    No legs or an unreadable leg raise ``ValueError``."""
    merged = _merge(_normalize(legs))
    cash = is_cash_account(account_kind)
    quantities = [leg.quantity for leg in merged]
    if len(merged) <= _MAX_PATTERN_LEGS:
        for pattern in DECOMPOSITION_ORDER:
            if len(pattern.legs) != len(merged) or (pattern.cash_account_only and not cash):
                continue
            found = _best_assignment(pattern, merged, quantities, exact=True, budget=None)
            if found is not None:
                order, units = found
                return StrategyMatch(
                    key=pattern.key,
                    name=pattern.name,
                    units=units,
                    legs=tuple(merged[index] for index in order),
                )
    return StrategyMatch(
        key=CUSTOM,
        name=display_name(CUSTOM),
        units=Decimal(1),
        legs=tuple(merged),
        parts=_decompose(merged, cash=cash),
    )


def _decompose(merged: Sequence[Leg], *, cash: bool) -> tuple[StrategyMatch, ...]:
    remaining = [leg.quantity for leg in merged]
    parts: list[StrategyMatch] = []
    budget = _Budget(SEARCH_BUDGET)
    while budget.left > 0:
        taken = _take_largest(merged, remaining, budget)
        if taken is None:
            break
        parts.append(taken)
    for index, leg in enumerate(merged):
        if remaining[index] > 0:
            parts.append(_single(_with_quantity(leg, remaining[index]), cash=cash))
    return tuple(parts)


def _take_largest(
    merged: Sequence[Leg], remaining: list[Decimal], budget: _Budget
) -> StrategyMatch | None:
    """The first multi-leg pattern (in decomposition order) that fits the remaining quantities,
    with as many units as they allow, taken out of ``remaining``."""
    available = Counter(
        (leg.type, leg.side) for index, leg in enumerate(merged) if remaining[index] > 0
    )
    budget.left -= len(merged)
    for pattern in _MULTI_LEG:
        needs = _RULES[pattern.key].buckets
        if any(available[bucket] < count for bucket, count in needs.items()):
            continue
        found = _best_assignment(pattern, merged, remaining, exact=False, budget=budget)
        if found is None:
            if budget.left <= 0:
                return None
            continue
        order, units = found
        part_legs = []
        for slot, index in zip(pattern.legs, order, strict=True):
            used = units * slot.ratio
            remaining[index] -= used
            part_legs.append(_with_quantity(merged[index], used))
        return StrategyMatch(pattern.key, pattern.name, units, tuple(part_legs))
    return None


def _single(leg: Leg, *, cash: bool) -> StrategyMatch:
    for pattern in _SINGLE_LEG:
        slot = pattern.legs[0]
        if (slot.type, slot.side) == (leg.type, leg.side) and (
            cash or not pattern.cash_account_only
        ):
            return StrategyMatch(pattern.key, pattern.name, leg.quantity, (leg,))
    raise AssertionError(f"the catalog has no single-leg pattern for {leg.side} {leg.type}")


def _best_assignment(
    pattern: Pattern,
    legs: Sequence[Leg],
    quantities: Sequence[Decimal],
    *,
    exact: bool,
    budget: _Budget | None,
) -> tuple[tuple[int, ...], Decimal] | None:
    """The assignment of ``legs`` (indices, in pattern-leg order) to the pattern with the most
    units, or ``None``. ``exact``: every quantity is units times its ratio (a whole match);
    otherwise units are the whole number the quantities allow (a part)."""
    rules = _RULES[pattern.key]
    slots = pattern.legs
    candidates = [
        [
            index
            for index, leg in enumerate(legs)
            # a part needs at least one unit's worth; a whole match checks ratios at the end
            if (quantities[index] > 0 if exact else quantities[index] >= slot.ratio)
            and leg.type is slot.type
            and leg.side is slot.side
        ]
        for slot in slots
    ]
    if budget is not None:
        budget.left -= len(legs) * len(slots)  # the scan above
    if any(not found for found in candidates):
        return None
    chosen: list[int] = []
    strikes: dict[str, Decimal] = {}
    expiries: dict[str, date] = {}
    best: tuple[tuple[int, ...], Decimal] | None = None

    def units_of(order: list[int]) -> Decimal | None:
        if exact:
            if len(slots) == 1:
                return quantities[order[0]]
            units = quantities[order[0]] / slots[0].ratio
            if units != units.to_integral_value() or units < 1:
                return None
            if any(
                quantities[i] != units * slot.ratio for slot, i in zip(slots, order, strict=True)
            ):
                return None
            return units
        return min(quantities[i] // slot.ratio for slot, i in zip(slots, order, strict=True))

    def extend(depth: int) -> None:
        nonlocal best
        if depth == len(slots):
            if not _whole_pattern_holds(pattern, strikes):
                return
            units = units_of(chosen)
            if units is not None and units > 0 and (best is None or units > best[1]):
                best = (tuple(chosen), units)
            return
        slot = slots[depth]
        for index in candidates[depth]:
            if budget is not None:
                if budget.left <= 0:
                    return
                budget.left -= 1
            if index in chosen:
                continue
            leg = legs[index]
            new_strike = _bind(strikes, rules.strike_rank, slot.strike, leg.strike)
            if new_strike is None:
                continue
            new_expiry = _bind(expiries, rules.expiry_rank, slot.expiry, leg.expiration)
            if new_expiry is not None:
                chosen.append(index)
                extend(depth + 1)
                chosen.pop()
            # dicts pop their last insertion: exactly the label this step bound
            if new_expiry:
                expiries.popitem()
            if new_strike:
                strikes.popitem()

    extend(0)
    return best


def _bind(
    bound: dict[str, _Ordered], rank: dict[str, int], label: str | None, value: _Ordered | None
) -> bool | None:
    """Bind a pattern label to a leg's value: ``True`` if newly bound, ``False`` if there is
    nothing to bind (equity) or it already holds that value, ``None`` if the value conflicts
    (another value, or out of the label's order)."""
    if label is None:
        return False
    if label in bound:
        return False if bound[label] == value else None
    if value is None or not _fits_order(rank, bound, label, value):
        return None
    bound[label] = value
    return True


def _fits_order(
    rank: dict[str, int], bound: Mapping[str, _Ordered], label: str, value: _Ordered
) -> bool:
    """Whether binding ``label`` to ``value`` keeps the strictly ascending ``rank`` order with
    the labels already bound."""
    mine = rank.get(label)
    if mine is None:
        return True
    for other, other_value in bound.items():
        theirs = rank.get(other)
        if theirs is None:
            continue
        if theirs < mine and not other_value < value:
            return False
        if theirs > mine and not value < other_value:
            return False
    return True


def _whole_pattern_holds(pattern: Pattern, strikes: Mapping[str, Decimal]) -> bool:
    """The relations that need every strike bound: distinct strikes and wing widths."""
    if pattern.distinct_strikes is not None:
        first, second = pattern.distinct_strikes
        if strikes[first] == strikes[second]:
            return False
    if pattern.wings is not None:
        low, body, high = (strikes[label] for label in pattern.strike_order[:3])
        equal = body - low == high - body
        if equal != (pattern.wings is Wings.EQUAL):
            return False
    return True


def _with_quantity(leg: Leg, quantity: Decimal) -> Leg:
    return Leg(leg.type, leg.side, quantity, leg.strike, leg.expiration)


def _merge(legs: Sequence[Leg]) -> list[Leg]:
    """Identical contracts (type, side, strike, expiration) as one leg, in leg order."""
    totals: dict[tuple[LegType, LegSide, Decimal | None, date | None], Decimal] = {}
    for leg in legs:
        key = (leg.type, leg.side, leg.strike, leg.expiration)
        totals[key] = totals.get(key, Decimal(0)) + leg.quantity
    merged = [
        Leg(leg_type, side, quantity, strike, expiration)
        for (leg_type, side, strike, expiration), quantity in totals.items()
    ]
    merged.sort(key=_leg_order)
    return merged


def _leg_order(leg: Leg) -> tuple[int, date, Decimal, int, int]:
    return (
        0 if leg.type is LegType.EQUITY else 1,
        leg.expiration or date.min,
        leg.strike if leg.strike is not None else Decimal(0),
        _TYPE_RANK[leg.type],
        _SIDE_RANK[leg.side],
    )


def _normalize(legs: Iterable[Leg | Mapping[str, Any] | Any]) -> list[Leg]:
    if isinstance(legs, (str, bytes, Mapping)):
        raise ValueError("classify takes a sequence of legs, not a single value")
    normalized = [_normalize_leg(position, value) for position, value in enumerate(legs, 1)]
    if not normalized:
        raise ValueError("classify needs at least one leg")
    return normalized


def _normalize_leg(position: int, value: Leg | Mapping[str, Any] | Any) -> Leg:
    try:
        leg = Leg.of(value)
    except (ValueError, TypeError, ArithmeticError) as error:
        raise ValueError(f"leg {position} cannot be read: {error}") from None
    if not leg.quantity.is_finite() or leg.quantity <= 0:
        raise ValueError(f"leg {position} needs a positive quantity, not {leg.quantity}")
    if leg.quantity > MAX_QUANTITY:
        raise ValueError(f"leg {position} has a quantity above {MAX_QUANTITY}")
    if leg.type is LegType.EQUITY:
        return Leg(leg.type, leg.side, leg.quantity)
    if leg.strike is None or not leg.strike.is_finite() or leg.strike <= 0:
        raise ValueError(f"leg {position} is an option without a positive strike")
    return Leg(leg.type, leg.side, leg.quantity, leg.strike, _expiration(position, leg.expiration))


def _expiration(position: int, value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(
                f"leg {position} has an unreadable expiration {value[:40]!r}"
            ) from None
    raise ValueError(f"leg {position} is an option without an expiration")
