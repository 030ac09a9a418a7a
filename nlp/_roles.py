"""Global assignment of roles (quantity, strike, price) to the bare numbers of a message.

The tagging pass records, for every bare number, how strongly each role is cued by its
neighbours (:class:`NumberSlot`). :func:`rank_assignments` then searches the consistent
assignments (at most one quantity and one price, no more weakly cued strikes than the strategy
needs), scores each by its cues plus a few whole-message checks (a price written before the
strike, a premium above the strike, strikes of very different magnitudes) and returns the best
ones, best first.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Role = Literal["quantity", "strike", "price", "none"]

# Cue weights: how much one neighbour says about a number's role.
CUE_DECISIVE = 8.0  # "5 contracts", "strike 450", "450 calls"
CUE_STRONG = 5.0  # "@ 2.15", "2.10 credit", "450 iron condor"
CUE_MEDIUM = 3.0  # "buy 5 ...", "5 SPY": a count right after the verb or before the ticker
CUE_WEAK = 2.0  # a number in an options message that may be a strike
CUE_HINT = 1.0  # a number may always be a price; the last number of the line leans that way

# Whole-message checks.
_PRICE_BEFORE_STRIKE = 1.5
_PREMIUM_ABOVE_STRIKE = 4.0
_STRIKE_SPREAD_RATIO = 3
_STRIKE_SPREAD_PENALTY = 3.0
_EXTRA_STRIKE = 4.0
_MAX_SEARCHED_SLOTS = 7  # beyond this many bare numbers the rest stay unassigned
_KEPT = 6  # assignments returned to the caller


@dataclass(slots=True)
class NumberSlot:
    """One bare number and the score each role would earn from its cues."""

    position: int
    text: str
    value: Decimal
    scores: dict[Role, float]
    strong_strike: bool = False  # cued as a strike by its own neighbours, not only by context
    strike_type: str | None = None  # "call"/"put" when a type word follows it
    negative: bool = False

    def cue(self, role: Role, weight: float) -> None:
        """Add ``weight`` to ``role`` (creating the role as a candidate)."""
        self.scores[role] = self.scores.get(role, 0.0) + weight

    def forbid(self, role: Role) -> None:
        """Remove ``role`` from the candidates (a decimal is never a quantity)."""
        self.scores.pop(role, None)


@dataclass(frozen=True, slots=True)
class Assignment:
    """One reading of the numbers: a role per slot, in slot order, and its total score."""

    roles: tuple[Role, ...]
    score: float

    @property
    def placed(self) -> int:
        """How many numbers this reading uses (the rest are left unread)."""
        return sum(1 for role in self.roles if role != "none")


@dataclass(frozen=True, slots=True)
class Limits:
    """How many of each role are still free after the words themselves filled some."""

    quantity: bool
    price: bool
    weak_strikes: int
    strikes: int  # strikes the strategy still needs; more than this costs EXTRA_STRIKE each


def _whole_message(slots: list[NumberSlot], roles: tuple[Role, ...], limits: Limits) -> float:
    adjustment = 0.0
    strikes = [slot for slot, role in zip(slots, roles, strict=True) if role == "strike"]
    adjustment -= _EXTRA_STRIKE * max(0, len(strikes) - limits.strikes)
    prices = [slot for slot, role in zip(slots, roles, strict=True) if role == "price"]
    if prices and strikes:
        price = prices[0]
        if price.scores.get("price", 0.0) <= CUE_HINT * 2 and price.position < strikes[0].position:
            adjustment -= _PRICE_BEFORE_STRIKE
        if price.value > min(strike.value for strike in strikes):
            adjustment -= _PREMIUM_ABOVE_STRIKE
    if len(strikes) >= 2:
        values = [strike.value for strike in strikes if strike.value > 0]
        if values and max(values) > min(values) * _STRIKE_SPREAD_RATIO:
            adjustment -= _STRIKE_SPREAD_PENALTY
    return adjustment


def rank_assignments(slots: list[NumberSlot], limits: Limits) -> list[Assignment]:
    """The best consistent assignments of roles to ``slots``, best first (at least one)."""
    searched = slots[:_MAX_SEARCHED_SLOTS]
    unread: Role = "none"
    tail: tuple[Role, ...] = (unread,) * (len(slots) - len(searched))
    leaves: list[Assignment] = []
    roles: list[Role] = []

    def search(index: int, total: float, quantity: int, price: int, weak: int) -> None:
        if index == len(searched):
            chosen = tuple(roles)
            score = total + _whole_message(searched, chosen, limits)
            leaves.append(Assignment(chosen + tail, score))
            return
        slot = searched[index]
        for role, weight in slot.scores.items():
            next_quantity = quantity + (role == "quantity")
            next_price = price + (role == "price")
            next_weak = weak + (role == "strike" and not slot.strong_strike)
            if next_quantity > limits.quantity or next_price > limits.price:
                continue
            if next_weak > limits.weak_strikes:
                continue
            roles.append(role)
            search(index + 1, total + weight, next_quantity, next_price, next_weak)
            roles.pop()

    for slot in searched:
        slot.scores.setdefault("none", 0.0)
    search(0, 0.0, 0, 0, 0)
    # Ties keep the search order, which tries each slot's roles in cue order (stable sort).
    leaves.sort(key=lambda leaf: -leaf.score)
    return leaves[:_KEPT] or [Assignment((unread,) * len(slots), 0.0)]
