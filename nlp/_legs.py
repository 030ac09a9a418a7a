"""Turn extracted strikes, types and expirations into the legs of a strategy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from nlp._models import Effect, Leg, LegType, PriceEffect, Side


@dataclass(frozen=True, slots=True)
class StrikeRef:
    """A strike as written, with the option type attached to it if any (``450c``)."""

    value: Decimal
    type: LegType | None


@dataclass(frozen=True, slots=True)
class LegRequest:
    """Everything the leg builder needs, already extracted from the message."""

    strategy: str
    side: Side | None
    effect: Effect | None
    quantity: int
    strikes: tuple[StrikeRef, ...]
    option_type: LegType | None
    expirations: tuple[date, ...]
    direction: PriceEffect | None
    width: Decimal | None = None  # "25 wide": a body's wings this far on each side


@dataclass(frozen=True, slots=True)
class LegPlan:
    """The legs plus the net direction the structure implies (None if it implies nothing)."""

    legs: tuple[Leg, ...]
    direction: PriceEffect | None


def _opposite(side: Side) -> Side:
    return "sell" if side == "buy" else "buy"


def _padded(values: list[Decimal], size: int) -> list[Decimal | None]:
    padded: list[Decimal | None] = list(values[:size])
    padded.extend([None] * (size - len(padded)))
    return padded


class _Builder:
    def __init__(self, request: LegRequest) -> None:
        self.request = request
        self.expiration = request.expirations[0] if request.expirations else None

    def leg(
        self,
        side: Side,
        option_type: LegType | None,
        strike: Decimal | None,
        *,
        ratio: int = 1,
        expiration: date | None = None,
    ) -> Leg:
        return Leg(
            side=side,
            effect=self.request.effect,
            quantity=self.request.quantity * ratio,
            type=option_type,
            strike=strike,
            expiration=expiration if expiration is not None else self.expiration,
        )

    def typed(self, option_type: LegType) -> list[Decimal]:
        return [strike.value for strike in self.request.strikes if strike.type == option_type]

    @property
    def values(self) -> list[Decimal]:
        return [strike.value for strike in self.request.strikes]

    def short_premium(self, *, default: bool) -> bool:
        """True for credit structures (sold iron condor, short straddle...)."""
        if self.request.direction is not None:
            return self.request.direction == "credit"
        if self.request.side is not None:
            return self.request.side == "sell"
        return default


def _single(builder: _Builder) -> LegPlan:
    request = builder.request
    side = request.side or "buy"
    if request.strategy == "stock":
        return LegPlan((Leg(side, request.effect, request.quantity, "equity", None, None),), None)
    strike = request.strikes[0] if request.strikes else None
    option_type = (strike.type if strike else None) or request.option_type
    leg = builder.leg(side, option_type, strike.value if strike else None)
    return LegPlan((leg,), None)


def _vertical(builder: _Builder) -> LegPlan:
    request = builder.request
    option_type = request.option_type
    if option_type is None:
        types = {strike.type for strike in request.strikes[:2]} - {None}
        option_type = types.pop() if len(types) == 1 else None
    direction = request.direction
    first, second = _padded(builder.values, 2)
    if first is not None and second is None and request.width and option_type in ("call", "put"):
        # "5-wide call debit spread starting at the 255": the other strike one width further
        # out of the money (above for calls, below for puts)
        second = first + request.width if option_type == "call" else first - request.width
        if second <= 0:
            second = None  # "7.65 max risk, 10 wide": no strike below zero
    if first is not None and second is not None and direction and option_type in ("call", "put"):
        low, high = sorted((first, second))
        debit = direction == "debit"
        long_strike = (
            (low if debit else high) if option_type == "call" else (high if debit else low)
        )
        short_strike = high if long_strike == low else low
        legs = (
            builder.leg("buy", option_type, long_strike),
            builder.leg("sell", option_type, short_strike),
        )
        return LegPlan(legs, direction)
    # Without a stated direction, the first strike written is the leg on the order's side.
    main_side: Side = request.side or ("sell" if direction == "credit" else "buy")
    legs = (
        builder.leg(main_side, option_type, first),
        builder.leg(_opposite(main_side), option_type, second),
    )
    if direction is None:
        direction = "debit" if main_side == "buy" else "credit"
        if first is not None and second is not None and option_type in ("call", "put"):
            long_strike, short_strike = (first, second) if main_side == "buy" else (second, first)
            cheaper_is_long = (
                long_strike > short_strike if option_type == "put" else long_strike < short_strike
            )
            direction = "debit" if cheaper_is_long else "credit"
    return LegPlan(legs, direction)


def _wings(
    builder: _Builder, *, shared_body: bool
) -> tuple[list[Decimal | None], list[Decimal | None]]:
    puts, calls = builder.typed("put"), builder.typed("call")
    if len(puts) >= 2 and len(calls) >= 2:
        return list(sorted(puts[:2])), list(sorted(calls[:2]))
    width = builder.request.width
    one_pair = len(puts) == 1 and len(calls) == 1 and len(builder.values) == 2
    if not shared_body and one_pair and width is not None and 0 < width < puts[0] < calls[0]:
        # "condor on SPY 11/3, short 640p/710c, wings 5 wide": the short strikes, each wing
        # one width further out
        return [puts[0] - width, puts[0]], [calls[0], calls[0] + width]
    values = sorted(set(builder.values[:4]))
    if shared_body and len(values) == 3:
        return [values[0], values[1]], [values[1], values[2]]
    if shared_body and len(values) == 1:
        width = builder.request.width
        if width is not None and 0 < width < values[0]:
            # "645 iron fly with 15-point wings": the wings one width from the body
            return [values[0] - width, values[0]], [values[0], values[0] + width]
        return [None, values[0]], [values[0], None]
    if len(values) >= 4:
        return [values[0], values[1]], [values[2], values[3]]
    padded = _padded(list(values), 4)
    return padded[:2], padded[2:]


def _four_legs(builder: _Builder, *, shared_body: bool) -> LegPlan:
    put_wing, call_wing = _wings(builder, shared_body=shared_body)
    short = builder.short_premium(default=True)
    outer: Side = "buy" if short else "sell"
    inner: Side = _opposite(outer)
    legs = (
        builder.leg(outer, "put", put_wing[0]),
        builder.leg(inner, "put", put_wing[1]),
        builder.leg(inner, "call", call_wing[0]),
        builder.leg(outer, "call", call_wing[1]),
    )
    return LegPlan(legs, "credit" if short else "debit")


def _straddle(builder: _Builder) -> LegPlan:
    short = builder.short_premium(default=False)
    side: Side = "sell" if short else "buy"
    strike = builder.values[0] if builder.values else None
    legs = (builder.leg(side, "call", strike), builder.leg(side, "put", strike))
    return LegPlan(legs, "credit" if short else "debit")


def _put_and_call_strikes(builder: _Builder) -> tuple[Decimal | None, Decimal | None]:
    """The put's strike and the call's: each typed one, else the lower and the higher."""
    puts, calls = builder.typed("put"), builder.typed("call")
    if puts and calls:
        return puts[0], calls[0]
    low, high = _padded(sorted(builder.values[:2]), 2)
    return low, high


def _strangle(builder: _Builder) -> LegPlan:
    short = builder.short_premium(default=False)
    side: Side = "sell" if short else "buy"
    put_strike, call_strike = _put_and_call_strikes(builder)
    legs = (builder.leg(side, "put", put_strike), builder.leg(side, "call", call_strike))
    return LegPlan(legs, "credit" if short else "debit")


def _butterfly(builder: _Builder) -> LegPlan:
    short = builder.short_premium(default=False)
    outer: Side = "sell" if short else "buy"
    low, body, high = _padded(sorted(set(builder.values[:3])), 3)
    width = builder.request.width
    if body is None and low is not None and width is not None and 0 < width < low:
        # "the 2300 call fly, 25 wide": the one strike is the body, the wings a width away
        low, body, high = low - width, low, low + width
    option_type = builder.request.option_type
    legs = (
        builder.leg(outer, option_type, low),
        builder.leg(_opposite(outer), option_type, body, ratio=2),
        builder.leg(outer, option_type, high),
    )
    return LegPlan(legs, "credit" if short else "debit")


def _calendar(builder: _Builder) -> LegPlan:
    short = builder.short_premium(default=False)
    expirations = sorted(set(builder.request.expirations))
    near = expirations[0] if expirations else None
    far = expirations[1] if len(expirations) > 1 else None
    strike = builder.values[0] if builder.values else None
    option_type = builder.request.option_type
    far_side: Side = "sell" if short else "buy"
    near_leg = builder.leg(_opposite(far_side), option_type, strike, expiration=near)
    far_leg = Leg(
        far_side, builder.request.effect, builder.request.quantity, option_type, strike, far
    )
    return LegPlan((near_leg, far_leg), "credit" if short else "debit")


def _double_calendar(builder: _Builder) -> LegPlan:
    """A put calendar at the lower strike and a call calendar at the higher one ("670p/720c
    double calendar Apr/May"): each sells the near expiration and buys the far one (bought;
    sold, the other way round)."""
    short = builder.short_premium(default=False)
    expirations = sorted(set(builder.request.expirations))
    near = expirations[0] if expirations else None
    far = expirations[1] if len(expirations) > 1 else None
    put_strike, call_strike = _put_and_call_strikes(builder)
    far_side: Side = "sell" if short else "buy"
    legs: list[Leg] = []
    types: tuple[tuple[LegType, Decimal | None], ...] = (("put", put_strike), ("call", call_strike))
    for option_type, strike in types:
        legs.append(builder.leg(_opposite(far_side), option_type, strike, expiration=near))
        request = builder.request
        legs.append(Leg(far_side, request.effect, request.quantity, option_type, strike, far))
    return LegPlan(tuple(legs), "credit" if short else "debit")


def _roll(builder: _Builder) -> LegPlan:
    """A roll: the position's contract (the first strike and expiration written) is closed and
    the new one (the last) opened; ``side`` is the new contract's (a short is rolled by selling
    the new one and buying the old one back)."""
    request = builder.request
    new_side = request.side or "sell"
    strikes = list(request.strikes)
    old_strike = strikes[0] if strikes else None
    new_strike = strikes[-1] if strikes else None
    expirations = request.expirations
    old_expiration = expirations[0] if expirations else None
    new_expiration = expirations[-1] if expirations else None

    def leg(side: Side, strike: StrikeRef | None, expiration: date | None) -> Leg:
        option_type = (strike.type if strike else None) or request.option_type
        value = strike.value if strike else None
        return builder.leg(side, option_type, value, expiration=expiration)

    legs = (
        leg(_opposite(new_side), old_strike, old_expiration),
        leg(new_side, new_strike, new_expiration),
    )
    return LegPlan(legs, request.direction)


def build_legs(request: LegRequest) -> LegPlan:
    """Legs for ``request.strategy`` (stock, single, vertical, iron_condor, iron_fly, ...)."""
    builder = _Builder(request)
    strategy = request.strategy
    if strategy == "vertical":
        return _vertical(builder)
    if strategy == "roll":
        return _roll(builder)
    if strategy == "iron_condor":
        return _four_legs(builder, shared_body=False)
    if strategy == "iron_fly":
        return _four_legs(builder, shared_body=True)
    if strategy == "straddle":
        return _straddle(builder)
    if strategy == "strangle":
        return _strangle(builder)
    if strategy == "butterfly":
        return _butterfly(builder)
    if strategy == "calendar":
        return _calendar(builder)
    if strategy == "double_calendar":
        return _double_calendar(builder)
    return _single(builder)
