"""Orders written leg by leg: one line (or one ``" / "`` part) per leg, one net price.

Broker tickets and some alert rooms spell a spread out as its legs::

    Sell 1 SPY 12/31/26 640 Put
    Buy 1 SPY 12/31/26 635 Put
    Limit 1.18 cr

    BTO 4 IWM 250c / STO 4 IWM 260c 12/18 net 2.10 debit

Each part that opens with a side (an alert code, buy/sell, long/short) is read as one leg by the
ordinary parser; the parts between them (a "Limit 1.18 cr" line, a heading) belong to the leg
before them, a heading to the first leg. The parts make one order only when every leg is a
complete option on the same underlying and exactly one of them carries the price: two prices
are two trades (a recap or a list), which the caller refuses as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from itertools import pairwise

from nlp import _lexicon as lex
from nlp._models import Leg, ParsedOrder, PriceEffect, Side, TimeInForce

MAX_LEGS = 4
_PART_BREAK = re.compile(r"\n|;| / |,\s+|\s+and\s+", re.IGNORECASE)
_SIDE_WORDS = sorted({*lex.CODES, "buy", "sell", "buying", "selling", "long", "short"})
# A side opens the part, after a bullet, a short heading or a leg number ("- BTO", "Roll: BTC",
# "Leg 2: Sell", "1) Buy").
_LEG_OPENING = re.compile(
    rf"^[\W_]*(?:[A-Za-z][\w' -]{{0,24}}:[\W_]*)?(?:(?:leg\s*\d*|\d)\s*[:.)-]?\s*)?"
    rf"(?:{'|'.join(_SIDE_WORDS)})\b",
    re.IGNORECASE,
)
_CONTRACT = re.compile(r"\d(?:\.\d+)?\s?(?:c|p|calls?|puts?)\b", re.IGNORECASE)
# A part that trades shares ("buy 200 F shares", "buy 100 shares"): a leg of a buy-write when
# another part sells calls against them.
_NET = re.compile(r"\bnet\b", re.IGNORECASE)
_SHARES = re.compile(r"\d\s+(?:\$?[A-Za-z.]{1,6}\s+)?(?:shares?|shs|sh)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LegReading:
    """What the ordinary parser read from one part: the order and the words it rests on."""

    order: ParsedOrder
    side_stated: bool  # a side word or code, not a default
    price_word: PriceEffect | None  # "credit"/"debit" (or "cr"/"db") written in the part


ReadPart = Callable[[str], LegReading]


def written_legs(text: str) -> list[str]:
    """The parts of ``text`` that open with a side and name a contract ("BTO 4 IWM 250c"),
    and the shares of a buy-write beside them ("buy 200 F shares and sell 2 of the 13 calls")."""
    sided = [part for part in _PART_BREAK.split(text) if _LEG_OPENING.match(part)]
    options = [part for part in sided if _CONTRACT.search(part)]
    if not options:
        return []
    return [part for part in sided if part in options or _SHARES.search(part)]


def _groups(text: str) -> list[str] | None:
    parts = _PART_BREAK.split(text)
    starts = [
        index
        for index, part in enumerate(parts)
        if _LEG_OPENING.match(part) and (_CONTRACT.search(part) or _SHARES.search(part))
    ]  # a side without a contract ("STO put spread:") is a heading of the first leg
    if not 2 <= len(starts) <= MAX_LEGS:
        return None
    bounds = [0, *starts[1:], len(parts)]
    return ["\n".join(parts[start:end]) for start, end in pairwise(bounds)]


def _names_no_ticker(reading: LegReading) -> bool:
    return reading.order.kind == "none" and "no ticker" in reading.order.notes


def _option_leg(reading: LegReading) -> Leg | None:
    order = reading.order
    if order.kind != "order" or order.alternatives or order.strategy != "single":
        return None
    if not reading.side_stated or len(order.legs) != 1:
        return None
    leg = order.legs[0]
    if leg.type not in ("call", "put") or leg.strike is None:
        return None
    return leg


def _share_leg(reading: LegReading) -> Leg | None:
    """The bought shares of a buy-write ("buy 200 F shares"), read with its side stated."""
    order = reading.order
    if order.kind != "order" or order.alternatives or order.strategy != "stock":
        return None
    if not reading.side_stated or len(order.legs) != 1 or order.legs[0].side != "buy":
        return None
    return order.legs[0]


def _is_buy_write(legs: list[Leg]) -> bool:
    """Shares bought and calls sold against them, in one order: a buy-write."""
    if len(legs) != 2:
        return False
    kinds = sorted((leg.type or "", leg.side) for leg in legs)
    return kinds == [("call", "sell"), ("equity", "buy")]


def _shared_expiration(legs: list[Leg]) -> list[Leg]:
    """Legs without a date take the one date the others share ("250c / 260c 12/18")."""
    dates = {leg.expiration for leg in legs if leg.expiration is not None}
    if len(dates) != 1:
        return legs
    (only,) = dates
    return [
        leg if leg.expiration is not None or leg.type == "equity" else replace(leg, expiration=only)
        for leg in legs
    ]


def _worth_more(first: Leg, second: Leg) -> bool:
    """True when ``first`` is the dearer of two legs of one type: the lower call strike, the
    higher put strike, the later expiration at one strike."""
    if first.strike == second.strike:
        return (first.expiration or date.min) > (second.expiration or date.min)
    assert first.strike is not None and second.strike is not None
    return first.strike < second.strike if first.type == "call" else first.strike > second.strike


def _net_direction(legs: list[Leg]) -> PriceEffect:
    """Debit or credit when the message does not say: each type's long/short pair is a debit
    when the long leg is the dearer one; legs all on one side follow that side."""
    sides = {leg.side for leg in legs}
    if len(sides) == 1:
        return "debit" if sides == {"buy"} else "credit"
    votes: list[PriceEffect] = []
    for option_type in ("call", "put"):
        longs = [leg for leg in legs if leg.type == option_type and leg.side == "buy"]
        shorts = [leg for leg in legs if leg.type == option_type and leg.side == "sell"]
        if len(longs) == 1 and len(shorts) == 1:
            votes.append("debit" if _worth_more(longs[0], shorts[0]) else "credit")
    if votes and len(set(votes)) == 1:
        return votes[0]
    first_side: Side = legs[0].side
    return "debit" if first_side == "buy" else "credit"


def _strategy(legs: list[Leg]) -> str:
    if _is_buy_write(legs):
        return "covered_call"
    types = sorted(leg.type or "" for leg in legs)
    expirations = {leg.expiration for leg in legs}
    sides = {leg.side for leg in legs}
    if len(legs) == 2 and types[0] == types[1] and len(sides) == 2:
        if len(expirations) == 1:
            return "vertical"
        return "calendar" if legs[0].strike == legs[1].strike else "diagonal"
    if len(legs) == 2 and types == ["call", "put"] and len(sides) == 1:
        return "straddle" if legs[0].strike == legs[1].strike else "strangle"
    if len(legs) == 4 and types == ["call", "call", "put", "put"]:
        return "iron_condor"
    return "custom"


def read_leg_list(text: str, read_part: ReadPart) -> ParsedOrder | None:
    """One order from a message written leg by leg, or None when it is not one."""
    groups = _groups(text)
    if groups is None:
        return None
    readings: list[LegReading] = []
    complete: list[Leg] = []
    for group in groups:  # read one by one: the first part that is no leg ends the reading
        reading = read_part(group)
        underlying = readings[0].order.underlying if readings else None
        if underlying is not None and _names_no_ticker(reading):
            # "sell the SPY 640p and buy the 635p": one ticker for all legs
            reading = read_part(f"{underlying} {group}")
        leg = _option_leg(reading) or _share_leg(reading)
        if leg is None:
            return None
        readings.append(reading)
        complete.append(leg)
    if any(leg.type == "equity" for leg in complete) and not _is_buy_write(complete):
        return None
    underlyings = {reading.order.underlying for reading in readings}
    priced = [reading for reading in readings if reading.order.price is not None]
    if len(underlyings) != 1 or len(priced) != 1:
        return None
    if _is_buy_write(complete):
        (priced_group,) = [
            group for group, reading in zip(groups, readings, strict=True) if reading in priced
        ]
        if priced[0].price_word != "debit" and not _NET.search(priced_group):
            return None  # "buy 100 AAPL shares and sell 1 AAPL 270c @ 3": the call's own price
    if len({(leg.type, leg.strike, leg.expiration) for leg in complete}) != len(complete):
        return None
    complete = _shared_expiration(complete)
    price: Decimal | None = priced[0].order.price
    direction = priced[0].price_word or _net_direction(complete)
    tif: TimeInForce | None = next(
        (reading.order.tif for reading in readings if reading.order.tif), None
    )
    missing = sorted(
        {"expiration" for leg in complete if leg.expiration is None and leg.type != "equity"}
    )
    return ParsedOrder(
        kind="order",
        underlying=readings[0].order.underlying,
        legs=tuple(complete),
        order_type="limit",
        price=price,
        price_effect=direction,
        tif=tif,
        missing=tuple(missing),
        strategy=_strategy(complete),
        notes=("written leg by leg",),
    )
