"""Whether a rule fires: pure functions of a condition, the market's levels and the rule's
state (no I/O, no clock; ``now`` is passed in).

**What is watched.** A price condition compares the underlying's spot with a price typed in
the rule or with a GEX level of the moment (gamma flip, call wall, put wall); a GEX condition
compares total GEX with zero. A condition *holds* strictly past its level (``spot < flip`` for
``below``).

**Hysteresis.** A rule is *armed* or not. An armed rule whose condition holds fires and
disarms. A disarmed rule re-arms only once the condition *clears by the margin*: the value is
back on the other side by at least ``PRICE_MARGIN`` of the level (0.1%: 0.58 for a 580 flip)
for prices, or by ``GEX_MARGIN`` of the chain's gross exposure (the sum of every strike's
absolute exposure) for total GEX. So a price that hovers around its level fires once, not at
every wiggle. A *crossing* rule (``crosses``, ``drops``, ``turns``...) starts disarmed and
arms when it first sees the condition cleared, so it fires only on a crossing it watched; a
*state* rule (``above 520``) starts armed and fires as soon as the condition holds.

**Cooldown.** No rule fires twice within ``cooldown`` of its last firing. A condition that
holds during the cooldown is skipped, not delayed: the rule disarms as if it had fired and
must clear again (an order long after the moment it was meant for is worse than none).

**Stale or missing data.** Levels older than ``MAX_LEVELS_AGE`` or without the level the rule
needs (no gamma flip within +/-20%, no GEX at all) leave the rule's state as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from nlp.rules import Condition
from services.signals.ports import LevelsSnapshot

PRICE_MARGIN = Decimal("0.001")  # a price condition clears 0.1% of its level past it
GEX_MARGIN = 0.02  # total GEX clears 2% of the chain's gross exposure past zero
MAX_LEVELS_AGE = timedelta(minutes=2)  # older levels are not acted on
LEVEL_QUANTUM = Decimal("0.0001")

TARGET_NAMES = {
    "price": "price",
    "zero_gamma": "gamma flip",
    "call_wall": "call wall",
    "put_wall": "put wall",
    "zero": "zero",
}


def _decimal(value: float | Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(LEVEL_QUANTUM)


@dataclass(frozen=True, slots=True)
class Observation:
    """The figures of one underlying at one moment that rules compare (taken once per
    underlying per tick from a :class:`LevelsSnapshot`)."""

    underlying: str
    spot: Decimal
    as_of: datetime
    zero_gamma: Decimal | None = None
    call_wall: Decimal | None = None
    put_wall: Decimal | None = None
    total_gex: float | None = None
    gross_gex: float | None = None

    @classmethod
    def from_snapshot(cls, snapshot: LevelsSnapshot) -> Observation:
        levels = snapshot.levels
        if levels is None:
            return cls(snapshot.underlying.upper(), Decimal(snapshot.spot), snapshot.as_of)
        return cls(
            underlying=snapshot.underlying.upper(),
            spot=Decimal(snapshot.spot),
            as_of=snapshot.as_of,
            zero_gamma=_decimal(levels.zero_gamma),
            call_wall=levels.call_wall,
            put_wall=levels.put_wall,
            total_gex=float(levels.total_gex),
            gross_gex=float(sum(abs(value) for value in levels.by_strike.values())),
        )

    def to_json(self) -> dict[str, Any]:
        """The figures as stored on a SignalEvent (decimals as text, time ISO)."""

        def text(value: Decimal | None) -> str | None:
            return None if value is None else f"{value.normalize():f}"

        return {
            "underlying": self.underlying,
            "spot": text(self.spot),
            "as_of": self.as_of.isoformat(),
            "zero_gamma": text(self.zero_gamma),
            "call_wall": text(self.call_wall),
            "put_wall": text(self.put_wall),
            "total_gex": self.total_gex,
        }


@dataclass(frozen=True, slots=True)
class RuleState:
    """What a rule remembers between ticks (stored on its row)."""

    armed: bool
    last_fired_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """One rule against one observation: the figure watched and its level (``None`` when
    unavailable), whether the condition holds, the rule's next state and whether it fires.
    ``reason`` says what happened, for ``/signal test`` and the rule's last state."""

    value: Decimal | float | None
    level: Decimal | float | None
    holds: bool | None
    armed: bool
    fire: bool
    reason: str

    @property
    def changed(self) -> bool:
        return self.fire or self.reason in ("armed", "cooldown")


def initial_armed(condition: Condition) -> bool:
    """A crossing rule starts disarmed (it must see the other side first); a state rule
    starts armed."""
    return not condition.crossing


def watched(
    condition: Condition, observation: Observation
) -> tuple[Decimal | float | None, Decimal | float | None]:
    """The figure the condition watches and the level it is compared with."""
    if condition.subject == "total_gex":
        return observation.total_gex, 0.0
    level = {
        "price": condition.price,
        "zero_gamma": observation.zero_gamma,
        "call_wall": observation.call_wall,
        "put_wall": observation.put_wall,
    }.get(condition.target)
    return observation.spot, level


def margin(condition: Condition, level: Decimal | float, observation: Observation) -> Any:
    """How far past the level the value must be for the condition to clear."""
    if condition.subject == "total_gex":
        return GEX_MARGIN * (observation.gross_gex or 0.0)
    return abs(Decimal(level)) * PRICE_MARGIN


def evaluate(
    condition: Condition,
    observation: Observation,
    state: RuleState,
    *,
    now: datetime,
    cooldown: timedelta,
) -> Evaluation:
    """The rule's next state and whether it fires now (see the module docstring)."""
    value, level = watched(condition, observation)
    if value is None or level is None:
        missing = (
            "total GEX" if condition.subject == "total_gex" else TARGET_NAMES[condition.target]
        )
        return Evaluation(value, level, None, state.armed, False, f"no {missing} available")
    if now - observation.as_of > MAX_LEVELS_AGE:
        return Evaluation(value, level, None, state.armed, False, "levels too old")
    width = margin(condition, level, observation)
    if condition.direction == "below":
        holds = value < level
        cleared = value >= level + width
    else:
        holds = value > level
        cleared = value <= level - width
    if state.armed and holds:
        cooling = state.last_fired_at is not None and now - state.last_fired_at < cooldown
        if cooling:
            return Evaluation(value, level, True, False, False, "cooldown")
        return Evaluation(value, level, True, False, True, "fired")
    if not state.armed and cleared:
        return Evaluation(value, level, holds, True, False, "armed")
    reason = "waiting" if state.armed else "waiting to clear"
    return Evaluation(value, level, holds, state.armed, False, reason)
