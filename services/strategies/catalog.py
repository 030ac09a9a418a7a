"""The strategy catalog as data: each key is a pattern of legs the classifier matches.

Legs read like the reference table: ``+1C`` is one long call, ``-2P`` two short puts, ``+100S``
a hundred long shares (stock is counted in shares, 100 per option contract). Each pattern leg
names a strike label and an expiration label; legs sharing a label share the value, and labels
are otherwise free unless a relation below ties them:

- ``strike_order``: strictly ascending strikes (``("K1", "K2")`` means K1 < K2);
- ``distinct_strikes``: two labels that must differ (the diagonals);
- ``wings``: over the first three labels of ``strike_order``, K2-K1 = K3-K2 (``EQUAL``) or
  K2-K1 != K3-K2 (``UNEQUAL``);
- ``expiry_order``: strictly ascending expirations (``("near", "far")``); one label shared by
  every option leg (``"E"``) means the same expiration;
- ``cash_account_only``: the pattern needs a cash or retirement account (``CASH_ACCOUNT_WORDS``);
- ``refines``: this pattern is a special case of another key and wins over it.

Every catalog pattern excludes every other except along ``refines`` (the property tests check
this on generated instances), so "the more specific key wins" needs no ranking beyond it.

| key | legs |
|---|---|
| long_stock / short_stock | +1S / -1S (units are shares) |
| long_call, short_call, long_put, short_put | one option leg |
| cash_secured_put | -1P in a cash or retirement account (refines short_put) |
| covered_call | +100S, -1C |
| protective_put | +100S, +1P |
| collar | +100S, +1P K1, -1C K2, K1 < K2, same exp |
| covered_strangle | +100S, -1P, -1C (no strike or expiration relation) |
| bull_call_spread / bear_call_spread | +1C K1, -1C K2 / -1C K1, +1C K2, same exp |
| bull_put_spread / bear_put_spread | -1P K2, +1P K1 / +1P K2, -1P K1, same exp |
| long_straddle / short_straddle | +1C K, +1P K / -1C K, -1P K, same exp |
| long_strangle / short_strangle | +1P K1, +1C K2 / -1P K1, -1C K2, same exp |
| strap / strip | +2C K, +1P K / +1C K, +2P K, same exp |
| iron_condor | +1P K1, -1P K2, -1C K3, +1C K4, same exp |
| reverse_iron_condor | -1P K1, +1P K2, +1C K3, -1C K4, same exp |
| iron_butterfly | +1P K1, -1P K2, -1C K2, +1C K3, same exp |
| reverse_iron_butterfly | -1P K1, +1P K2, +1C K2, -1C K3, same exp |
| long_call_butterfly / long_put_butterfly | +1 K1, -2 K2, +1 K3, equal wings, same exp |
| short_call_butterfly / short_put_butterfly | -1 K1, +2 K2, -1 K3, equal wings, same exp |
| broken_wing_call_butterfly / _put_ | +1 K1, -2 K2, +1 K3, unequal wings, same exp |
| call_condor / put_condor | +1 K1, -1 K2, -1 K3, +1 K4, same exp |
| call_calendar / put_calendar | -1 K near, +1 K far |
| call_diagonal / put_diagonal | -1 Kn near, +1 Kf far, Kn != Kf |
| poor_mans_covered_call | -1C Kn near, +1C Kf far, Kf < Kn (refines call_diagonal) |
| jade_lizard | -1P K1, -1C K2, +1C K3, same exp |
| reverse_jade_lizard | +1P K1, -1P K2, -1C K3, same exp |
| call_ratio_spread / call_backspread | +1C K1, -2C K2 / -1C K1, +2C K2, same exp |
| put_ratio_spread / put_backspread | +1P K2, -2P K1 / -1P K2, +2P K1, same exp |
| risk_reversal | -1P K1, +1C K2, same exp |
| synthetic_long / synthetic_short | +1C K, -1P K / -1C K, +1P K, same exp |
| box_spread | +1C K1, -1C K2, +1P K2, -1P K1, same exp |
| custom | anything else, decomposed into the patterns above (see ``classifier``) |
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from services.strategies._model import LegSide, LegType

CUSTOM = "custom"

#: Words (case-insensitive, anywhere in the account kind) naming an account whose short puts
#: are cash-secured: a cash account, or any retirement account (IRAs cannot sell naked puts,
#: even the ones Tastytrade calls "Margin").
CASH_ACCOUNT_WORDS = frozenset({"cash", "ira", "roth", "retirement"})


class Wings(StrEnum):
    """How the two wings of a three-strike pattern compare (K2-K1 against K3-K2)."""

    EQUAL = "equal"
    UNEQUAL = "unequal"


@dataclass(frozen=True, slots=True)
class LegPattern:
    """One leg of a pattern: ``ratio`` contracts (shares for equity) per unit of the strategy,
    with the labels of its strike and expiration (``None`` for equity)."""

    type: LegType
    side: LegSide
    ratio: int
    strike: str | None = None
    expiry: str | None = None


@dataclass(frozen=True, slots=True)
class Pattern:
    """A catalog entry; see the module docstring for what each relation means."""

    key: str
    name: str
    legs: tuple[LegPattern, ...]
    strike_order: tuple[str, ...] = ()
    distinct_strikes: tuple[str, str] | None = None
    wings: Wings | None = None
    expiry_order: tuple[str, ...] = ()
    cash_account_only: bool = False
    refines: str | None = None


_LEG_SPEC = re.compile(r"([+-])(\d+)([CPS])")
_TYPES = {"C": LegType.CALL, "P": LegType.PUT, "S": LegType.EQUITY}


def _leg(spec: str, strike: str | None = None, expiry: str = "E") -> LegPattern:
    """A pattern leg written as in the reference (``"+1C"``, ``"-2P"``, ``"+100S"``); option
    legs default to the shared expiration label ``"E"``."""
    found = _LEG_SPEC.fullmatch(spec)
    if found is None:
        raise ValueError(f"bad leg spec {spec!r}")
    sign, ratio, letter = found.groups()
    leg_type = _TYPES[letter]
    side = LegSide.LONG if sign == "+" else LegSide.SHORT
    if leg_type is LegType.EQUITY:
        return LegPattern(leg_type, side, int(ratio))
    return LegPattern(leg_type, side, int(ratio), strike or "K", expiry)


def _butterfly(key: str, name: str, letter: str, outer: str, inner: str, wings: Wings) -> Pattern:
    """Wings at K1 and K3 on ``outer`` side, the doubled body at K2 on ``inner`` side."""
    return Pattern(
        key,
        name,
        (
            _leg(f"{outer}1{letter}", "K1"),
            _leg(f"{inner}2{letter}", "K2"),
            _leg(f"{outer}1{letter}", "K3"),
        ),
        strike_order=("K1", "K2", "K3"),
        wings=wings,
    )


_K12 = ("K1", "K2")
_K123 = ("K1", "K2", "K3")
_K1234 = ("K1", "K2", "K3", "K4")
_NEAR_FAR = ("near", "far")

PATTERNS: tuple[Pattern, ...] = (
    # stock alone; units are shares
    Pattern("long_stock", "Long stock", (_leg("+1S"),)),
    Pattern("short_stock", "Short stock", (_leg("-1S"),)),
    # one option leg
    Pattern("long_call", "Long call", (_leg("+1C"),)),
    Pattern("short_call", "Short call", (_leg("-1C"),)),
    Pattern("long_put", "Long put", (_leg("+1P"),)),
    Pattern("short_put", "Short put", (_leg("-1P"),)),
    Pattern(
        "cash_secured_put",
        "Cash-secured put",
        (_leg("-1P"),),
        cash_account_only=True,
        refines="short_put",
    ),
    # stock with options: 100 shares per contract
    Pattern("covered_call", "Covered call", (_leg("+100S"), _leg("-1C"))),
    Pattern("protective_put", "Protective put", (_leg("+100S"), _leg("+1P"))),
    Pattern(
        "collar",
        "Collar",
        (_leg("+100S"), _leg("+1P", "K1"), _leg("-1C", "K2")),
        strike_order=_K12,
    ),
    Pattern(
        "covered_strangle",
        "Covered strangle",
        (_leg("+100S"), _leg("-1P", "Kp", "Ep"), _leg("-1C", "Kc", "Ec")),
    ),
    # vertical spreads
    Pattern(
        "bull_call_spread",
        "Bull call spread",
        (_leg("+1C", "K1"), _leg("-1C", "K2")),
        strike_order=_K12,
    ),
    Pattern(
        "bear_call_spread",
        "Bear call spread",
        (_leg("-1C", "K1"), _leg("+1C", "K2")),
        strike_order=_K12,
    ),
    Pattern(
        "bull_put_spread",
        "Bull put spread",
        (_leg("-1P", "K2"), _leg("+1P", "K1")),
        strike_order=_K12,
    ),
    Pattern(
        "bear_put_spread",
        "Bear put spread",
        (_leg("+1P", "K2"), _leg("-1P", "K1")),
        strike_order=_K12,
    ),
    # straddles, strangles and their weighted cousins
    Pattern("long_straddle", "Long straddle", (_leg("+1C"), _leg("+1P"))),
    Pattern("short_straddle", "Short straddle", (_leg("-1C"), _leg("-1P"))),
    Pattern(
        "long_strangle",
        "Long strangle",
        (_leg("+1P", "K1"), _leg("+1C", "K2")),
        strike_order=_K12,
    ),
    Pattern(
        "short_strangle",
        "Short strangle",
        (_leg("-1P", "K1"), _leg("-1C", "K2")),
        strike_order=_K12,
    ),
    Pattern("strap", "Strap", (_leg("+2C"), _leg("+1P"))),
    Pattern("strip", "Strip", (_leg("+1C"), _leg("+2P"))),
    # four-strike and iron patterns
    Pattern(
        "iron_condor",
        "Iron condor",
        (_leg("+1P", "K1"), _leg("-1P", "K2"), _leg("-1C", "K3"), _leg("+1C", "K4")),
        strike_order=_K1234,
    ),
    Pattern(
        "reverse_iron_condor",
        "Reverse iron condor",
        (_leg("-1P", "K1"), _leg("+1P", "K2"), _leg("+1C", "K3"), _leg("-1C", "K4")),
        strike_order=_K1234,
    ),
    Pattern(
        "iron_butterfly",
        "Iron butterfly",
        (_leg("+1P", "K1"), _leg("-1P", "K2"), _leg("-1C", "K2"), _leg("+1C", "K3")),
        strike_order=_K123,
    ),
    Pattern(
        "reverse_iron_butterfly",
        "Reverse iron butterfly",
        (_leg("-1P", "K1"), _leg("+1P", "K2"), _leg("+1C", "K2"), _leg("-1C", "K3")),
        strike_order=_K123,
    ),
    # butterflies: equal wings, or broken (unequal) wings
    _butterfly("long_call_butterfly", "Long call butterfly", "C", "+", "-", Wings.EQUAL),
    _butterfly("long_put_butterfly", "Long put butterfly", "P", "+", "-", Wings.EQUAL),
    _butterfly("short_call_butterfly", "Short call butterfly", "C", "-", "+", Wings.EQUAL),
    _butterfly("short_put_butterfly", "Short put butterfly", "P", "-", "+", Wings.EQUAL),
    _butterfly(
        "broken_wing_call_butterfly", "Broken-wing call butterfly", "C", "+", "-", Wings.UNEQUAL
    ),
    _butterfly(
        "broken_wing_put_butterfly", "Broken-wing put butterfly", "P", "+", "-", Wings.UNEQUAL
    ),
    Pattern(
        "call_condor",
        "Call condor",
        (_leg("+1C", "K1"), _leg("-1C", "K2"), _leg("-1C", "K3"), _leg("+1C", "K4")),
        strike_order=_K1234,
    ),
    Pattern(
        "put_condor",
        "Put condor",
        (_leg("+1P", "K1"), _leg("-1P", "K2"), _leg("-1P", "K3"), _leg("+1P", "K4")),
        strike_order=_K1234,
    ),
    # two expirations: short the near one, long the far one
    Pattern(
        "call_calendar",
        "Call calendar",
        (_leg("-1C", "K", "near"), _leg("+1C", "K", "far")),
        expiry_order=_NEAR_FAR,
    ),
    Pattern(
        "put_calendar",
        "Put calendar",
        (_leg("-1P", "K", "near"), _leg("+1P", "K", "far")),
        expiry_order=_NEAR_FAR,
    ),
    Pattern(
        "call_diagonal",
        "Call diagonal",
        (_leg("-1C", "Kn", "near"), _leg("+1C", "Kf", "far")),
        distinct_strikes=("Kn", "Kf"),
        expiry_order=_NEAR_FAR,
    ),
    Pattern(
        "put_diagonal",
        "Put diagonal",
        (_leg("-1P", "Kn", "near"), _leg("+1P", "Kf", "far")),
        distinct_strikes=("Kn", "Kf"),
        expiry_order=_NEAR_FAR,
    ),
    Pattern(
        "poor_mans_covered_call",
        "Poor man's covered call",
        (_leg("-1C", "Kn", "near"), _leg("+1C", "Kf", "far")),
        strike_order=("Kf", "Kn"),
        expiry_order=_NEAR_FAR,
        refines="call_diagonal",
    ),
    # lizards
    Pattern(
        "jade_lizard",
        "Jade lizard",
        (_leg("-1P", "K1"), _leg("-1C", "K2"), _leg("+1C", "K3")),
        strike_order=_K123,
    ),
    Pattern(
        "reverse_jade_lizard",
        "Reverse jade lizard",
        (_leg("+1P", "K1"), _leg("-1P", "K2"), _leg("-1C", "K3")),
        strike_order=_K123,
    ),
    # ratio spreads and backspreads
    Pattern(
        "call_ratio_spread",
        "Call ratio spread",
        (_leg("+1C", "K1"), _leg("-2C", "K2")),
        strike_order=_K12,
    ),
    Pattern(
        "put_ratio_spread",
        "Put ratio spread",
        (_leg("+1P", "K2"), _leg("-2P", "K1")),
        strike_order=_K12,
    ),
    Pattern(
        "call_backspread",
        "Call backspread",
        (_leg("-1C", "K1"), _leg("+2C", "K2")),
        strike_order=_K12,
    ),
    Pattern(
        "put_backspread",
        "Put backspread",
        (_leg("-1P", "K2"), _leg("+2P", "K1")),
        strike_order=_K12,
    ),
    # synthetics and the box
    Pattern(
        "risk_reversal",
        "Risk reversal",
        (_leg("-1P", "K1"), _leg("+1C", "K2")),
        strike_order=_K12,
    ),
    Pattern("synthetic_long", "Synthetic long", (_leg("+1C"), _leg("-1P"))),
    Pattern("synthetic_short", "Synthetic short", (_leg("-1C"), _leg("+1P"))),
    Pattern(
        "box_spread",
        "Box spread",
        (_leg("+1C", "K1"), _leg("-1C", "K2"), _leg("+1P", "K2"), _leg("-1P", "K1")),
        strike_order=_K12,
    ),
)

CATALOG_KEYS: tuple[str, ...] = (*(pattern.key for pattern in PATTERNS), CUSTOM)

_BY_KEY = {pattern.key: pattern for pattern in PATTERNS}
_NAMES = {**{pattern.key: pattern.name for pattern in PATTERNS}, CUSTOM: "Custom"}


def display_name(key: str) -> str:
    """The human name of a catalog key (``"iron_condor"`` -> ``"Iron condor"``); a key not in
    the catalog raises ``KeyError``."""
    try:
        return _NAMES[key]
    except KeyError:
        raise KeyError(f"{key!r} is not a strategy catalog key") from None


def pattern_for(key: str) -> Pattern:
    """The catalog pattern of ``key`` (``custom`` has none: ``KeyError``)."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"{key!r} has no leg pattern in the strategy catalog") from None


def is_cash_account(account_kind: str | None) -> bool:
    """Whether short puts in an account of this kind are cash-secured: ``account_kind`` is
    free text such as the account's type name and margin-or-cash (``"Roth IRA"``, ``"Cash"``,
    ``"Individual Margin"``); any word of ``CASH_ACCOUNT_WORDS`` in it counts, case-insensitive.
    ``None`` or an unknown kind (a margin account) is not."""
    if not account_kind:
        return False
    words = re.findall(r"[a-z0-9]+", account_kind.lower())
    return any(word in CASH_ACCOUNT_WORDS for word in words)
