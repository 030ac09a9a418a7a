"""The values the strategy engine speaks: legs in, a match out (plain frozen dataclasses)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any


class LegType(StrEnum):
    CALL = "call"
    PUT = "put"
    EQUITY = "equity"


class LegSide(StrEnum):
    LONG = "long"
    SHORT = "short"


@dataclass(frozen=True, slots=True)
class Leg:
    """One leg of a position: ``quantity`` is positive (contracts, or shares for equity);
    ``strike`` and ``expiration`` are ``None`` for equity."""

    type: LegType
    side: LegSide
    quantity: Decimal
    strike: Decimal | None = None
    expiration: date | None = None

    @classmethod
    def of(cls, value: Leg | Mapping[str, Any] | Any) -> Leg:
        """A Leg from a Leg, a mapping or any object with the same attribute names (type and
        side as strings or enums; quantity, strike as anything Decimal accepts)."""
        if isinstance(value, Leg):
            return value

        def get(name: str) -> Any:
            if isinstance(value, Mapping):
                return value.get(name)
            return getattr(value, name, None)

        strike = get("strike")
        return cls(
            type=LegType(str(get("type")).lower()),
            side=LegSide(str(get("side")).lower()),
            quantity=abs(Decimal(str(get("quantity")))),
            strike=None if strike is None else Decimal(str(strike)),
            expiration=get("expiration"),
        )


@dataclass(frozen=True, slots=True)
class StrategyMatch:
    """What ``classify`` found: the catalog ``key`` and its display ``name``; ``units`` is how
    many of the pattern the legs hold (10 iron condors: 10). For legs that fit no single
    pattern, ``key`` is ``"custom"`` and ``parts`` decomposes them into known matches (empty
    when nothing known fits)."""

    key: str
    name: str
    units: Decimal = Decimal(1)
    legs: tuple[Leg, ...] = ()
    parts: tuple[StrategyMatch, ...] = field(default=())
