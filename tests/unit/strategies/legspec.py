"""Leg sets written the way the catalog reference writes them, so tables stay readable.

``legs("+1P90 -1P95 -1C105 +1C110")`` is an iron condor expiring ``NEAR``; ``@far`` moves a leg
to ``FAR`` (``@later`` to ``LATER``); ``+100S`` is a hundred long shares."""

from __future__ import annotations

import random
import re
from datetime import date
from decimal import Decimal

from services.strategies import Leg, LegSide, LegType

NEAR = date(2025, 6, 20)
FAR = date(2025, 7, 18)
LATER = date(2025, 9, 19)
EXPIRIES = {"near": NEAR, "far": FAR, "later": LATER}

_SPEC = re.compile(r"([+-])(\d+(?:\.\d+)?)([CPS])(\d+(?:\.\d+)?)?(?:@(\w+))?")
_TYPES = {"C": LegType.CALL, "P": LegType.PUT, "S": LegType.EQUITY}


def leg(spec: str) -> Leg:
    found = _SPEC.fullmatch(spec)
    if found is None:
        raise ValueError(f"bad leg spec {spec!r}")
    sign, quantity, letter, strike, expiry = found.groups()
    leg_type = _TYPES[letter]
    side = LegSide.LONG if sign == "+" else LegSide.SHORT
    if leg_type is LegType.EQUITY:
        return Leg(leg_type, side, Decimal(quantity))
    assert strike is not None, spec
    return Leg(leg_type, side, Decimal(quantity), Decimal(strike), EXPIRIES[expiry or "near"])


def legs(specs: str) -> list[Leg]:
    return [leg(spec) for spec in specs.split()]


def scaled(values: list[Leg], factor: int) -> list[Leg]:
    return [
        Leg(item.type, item.side, item.quantity * factor, item.strike, item.expiration)
        for item in values
    ]


def shuffled(values: list[Leg], seed: int) -> list[Leg]:
    copy = list(values)
    random.Random(seed).shuffle(copy)
    return copy


def totals(values: list[Leg]) -> dict[tuple[object, ...], Decimal]:
    """Quantity per contract (type, side, strike, expiration), to compare leg sets."""
    found: dict[tuple[object, ...], Decimal] = {}
    for item in values:
        key = (item.type, item.side, item.strike, item.expiration)
        found[key] = found.get(key, Decimal(0)) + item.quantity
    return found
