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
from nlp._models import Effect, Leg, ParsedOrder, PriceEffect, Side, TimeInForce
from nlp._roll_heading import ROLL_HEADING_LINE

MAX_LEGS = 4
# A plus between spaces joins legs too ("STC 4 SPY 530c 5/24 + BTO 4 SPY 535c 5/31"); a plus
# glued to a count is a leg's sign ("+1 SPY 600c"). A roll's direction is no break: "rolling
# down and out:", "up and out".
_PART_BREAK = re.compile(r"\n|;| / |,\s+|\s+(?:and|&|\+)\s+(?!(?:out|up|down)\b)", re.IGNORECASE)
_SIDE_WORDS = sorted({*lex.CODES, "buy", "sell", "buying", "selling", "long", "short"})
# A side opens the part, after a bullet, a short heading or a leg number ("- BTO", "Roll: BTC",
# "Leg 2: Sell", "1) Buy"), or after the imperative "go" / "get me" ("go short 5 F 12p, ...").
_LEG_OPENING = re.compile(
    rf"^[\W_]{{0,12}}(?:[A-Za-z][\w' -]{{0,40}}:[\W_]{{0,12}})?(?:(?:leg\s*\d*|\d)\s*[:.)-]?\s*)?"
    rf"(?:(?:go|get\s+me)\s+(?=long|short))?"
    r"(?:roll(?:ing)?\b[\W_]*(?=[bs]t[oc]\b))?"  # "ROLL STC 4 ... + BTO 4 ...": the roll's heading
    r"(?:i\s+(?:want|need)\s+to\s+(?=buy|sell))?"  # "I want to sell the 95 call and buy ..."
    r"(?:(?:please|pls|kindly)\s+(?=buy|sell))?"  # "please buy to open 10 XOM 110 puts ... and"
    rf"(?:{'|'.join(_SIDE_WORDS)})\b",
    re.IGNORECASE,
)
_CONTRACT = re.compile(r"\d(?:\.\d+)?\s?(?:c|p|calls?|puts?)\b", re.IGNORECASE)
_NET = re.compile(r"\bnet\b", re.IGNORECASE)
# A part that trades shares ("buy 200 F shares", "buy 100 shares"): a leg of a buy-write when
# another part sells calls against them.
SHARES = re.compile(r"\d\s+(?:\$?[A-Za-z.]{1,6}\s+)?(?:shares?|shs|sh)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LegReading:
    """What the ordinary parser read from one part: the order and the words it rests on."""

    order: ParsedOrder
    side_stated: bool  # a side word or code, not a default
    price_word: PriceEffect | None  # "credit"/"debit" (or "cr"/"db") written in the part


ReadPart = Callable[[str], LegReading]


# The effect of every leg said in the heading or the close: "closing", "close my ...", "opening".
_CONTEXT_EFFECT = re.compile(
    r"\b(?:closing|opening|close[ \t]+(?:my|out|the)|open[ \t]+(?:a|an|my|new))\b", re.IGNORECASE
)


def context_effect(context: str) -> Effect | None:
    """The effect every leg takes from words of the heading or the close ("closing", "close my
    ...", "opening"), or None when they say none or both."""
    effects = {
        "close" if word.lower().startswith("clos") else "open"
        for word in _CONTEXT_EFFECT.findall(context)
    }
    if len(effects) != 1:
        return None
    return "close" if effects == {"close"} else "open"


def written_legs(text: str) -> list[str]:
    """The parts of ``text`` that open with a side and name a contract ("BTO 4 IWM 250c"),
    and the shares of a buy-write beside them ("buy 200 F shares and sell 2 of the 13 calls")."""
    sided = [part for part in _PART_BREAK.split(text) if _LEG_OPENING.match(part)]
    options = [part for part in sided if _CONTRACT.search(part)]
    if not options:
        return []
    return [part for part in sided if part in options or SHARES.search(part)]


def _groups(text: str) -> list[str] | None:
    parts = _PART_BREAK.split(text)
    starts = [
        index
        for index, part in enumerate(parts)
        if _LEG_OPENING.match(part) and (_CONTRACT.search(part) or SHARES.search(part))
    ]  # a side without a contract ("STO put spread:") is a heading of the first leg
    if not 2 <= len(starts) <= MAX_LEGS:
        return None
    bounds = [0, *starts[1:], len(parts)]
    return ["\n".join(parts[start:end]) for start, end in pairwise(bounds)]


def names_no_ticker(reading: LegReading) -> bool:
    return reading.order.kind == "none" and "no ticker" in reading.order.notes


def option_leg(reading: LegReading) -> Leg | None:
    order = reading.order
    if order.kind != "order" or order.strategy != "single":
        return None
    if any(other.legs != order.legs for other in order.alternatives):
        return None  # (alternatives that differ only in the price leave the leg as it is)
    if not reading.side_stated or len(order.legs) != 1:
        return None
    leg = order.legs[0]
    if leg.type not in ("call", "put") or leg.strike is None:
        return None
    return leg


# A put and a call written as one slashed pair of typed strikes ("230p/250c").
_TYPED_PAIR = re.compile(
    r"\b\d{1,5}(?:\.\d{1,2})?[cp][ \t]*/[ \t]*\d{1,5}(?:\.\d{1,2})?[cp]\b", re.I
)


def _paired_legs(part: str, reading: LegReading) -> tuple[Leg, ...] | None:
    """The one leg of ``reading`` (see ``option_leg``), or the put and the call of a strike
    pair written as one leg ("sell 12/17 230p/250c, buy 12/31 225p/255c": a double diagonal,
    each side a strangle or a straddle of its own date)."""
    leg = option_leg(reading)
    if leg is not None:
        return (leg,)
    order = reading.order
    if order.kind != "order" or order.alternatives or not reading.side_stated:
        return None
    if _TYPED_PAIR.search(part) is None:
        return None
    if order.strategy not in ("strangle", "straddle") or len(order.legs) != 2:
        return None
    if {leg.type for leg in order.legs} != {"call", "put"} or any(
        leg.strike is None for leg in order.legs
    ):
        return None
    return order.legs


def share_leg(reading: LegReading) -> Leg | None:
    """The bought shares of a buy-write ("buy 200 F shares"), read with its side stated."""
    order = reading.order
    if order.kind != "order" or order.alternatives or order.strategy != "stock":
        return None
    if not reading.side_stated or len(order.legs) != 1 or order.legs[0].side != "buy":
        return None
    return order.legs[0]


def is_buy_write(legs: list[Leg]) -> bool:
    """Shares bought and calls sold against them, in one order: a buy-write."""
    if len(legs) != 2:
        return False
    kinds = sorted((leg.type or "", leg.side) for leg in legs)
    return kinds == [("call", "sell"), ("equity", "buy")]


# Another person named in a heading before the legs ("her", "his", "he", "she"; "their" is
# often a platform: "from their builder:").
_OTHER_PERSON = re.compile(r"\b(?:his|her|he|she)\b", re.IGNORECASE)


def headed_by_other_person(text: str) -> bool:
    """True when the heading before legs written one by one names another person ("Dana is
    rolling her TSLA puts: BTC ... / STO ...": her trade, not the writer's)."""
    groups = _groups(text)
    if groups is None:
        return False
    heading_end = groups[0].find(":")
    return heading_end > 0 and _OTHER_PERSON.search(groups[0], 0, heading_end) is not None


def _is_stock_collar(legs: list[Leg]) -> bool:
    """Shares bought with a put bought and a call sold against them: a collar on the stock."""
    if len(legs) != 3:
        return False
    kinds = sorted((leg.type or "", leg.side) for leg in legs)
    return kinds == [("call", "sell"), ("equity", "buy"), ("put", "buy")] and all(
        leg.expiration is not None for leg in legs if leg.type != "equity"
    )


# Every leg at market, said once ("..., all at market", "all at mkt", "market order").
_ALL_AT_MARKET = re.compile(
    r"\ball\s+(?:at|@)\s+(?:the\s+)?(?:market|mkt)\b|\ball\s+market\b", re.IGNORECASE
)


def shared_expiration(legs: list[Leg]) -> list[Leg]:
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


def net_direction(legs: list[Leg]) -> PriceEffect:
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


def strategy_of(legs: list[Leg]) -> str:
    if is_buy_write(legs):
        return "covered_call"
    types = sorted(leg.type or "" for leg in legs)
    expirations = {leg.expiration for leg in legs}
    sides = {leg.side for leg in legs}
    if len(legs) == 2 and types[0] == types[1] and len(sides) == 2:
        if len(expirations) == 1:
            # unequal counts under one net price: a ratio spread ("buy 1 660p / sell 2 640p")
            return "vertical" if legs[0].quantity == legs[1].quantity else "ratio"
        return "calendar" if legs[0].strike == legs[1].strike else "diagonal"
    if len(legs) == 2 and types == ["call", "put"] and len(sides) == 1:
        return "straddle" if legs[0].strike == legs[1].strike else "strangle"
    if len(legs) == 4 and types == ["call", "call", "put", "put"]:
        return "iron_condor"
    return "custom"


def _heading(text: str) -> tuple[str, list[str]] | None:
    """The parts before the first leg, and the legs after them, when the message opens with a
    heading line of its own ("NFLX iron condor 8/18" over "+1 1100p" ...)."""
    parts = _PART_BREAK.split(text)
    groups = _groups(text)
    if groups is None or _LEG_OPENING.match(parts[0]):
        return None
    first = next(index for index, part in enumerate(parts) if _LEG_OPENING.match(part))
    head = "\n".join(parts[:first])
    if head != text.split("\n", 1)[0]:
        return None  # the heading is the first line, the legs on the lines after it
    if _LEG_SIDE.search(head):
        return None  # "jade lizard on XOM 8/18: sell the 110 put, ...": a leg in the heading
    opening = _LEG_OPENING.match(parts[first])
    rest = parts[first][opening.end() :] if opening else parts[first]
    if not HEAD_TICKER.search(head) or HEAD_TICKER.search(rest):
        return None  # the heading lends a ticker the first leg does not write itself
    first_leg = "\n".join(groups[0].split("\n")[first:])  # a part holds no line break
    # the legs write their strikes, so a slashed pair in the heading is its date ("SPY 7/26
    # call spread" over "Buy 1 650c" / "Sell 1 660c")
    return _HEAD_DATE.sub(_head_date, head), [first_leg, *groups[1:]]


HEAD_TICKER = re.compile(r"(?<![\w$])\$?[A-Z]{1,6}\b(?![/.]\d)")
_HEAD_DATE = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?![\d/.])")
_MONTH_ABBREVIATIONS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
)  # fmt: skip


def _head_date(match: re.Match[str]) -> str:
    month, day = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return match.group(0)
    return f"{_MONTH_ABBREVIATIONS[month - 1]} {day}"


def _read_groups(
    groups: list[str], read_part: ReadPart, shared: SharedFields | None
) -> tuple[list[LegReading], list[Leg]] | None:
    readings: list[LegReading] = []
    complete: list[Leg] = []
    later: dict[str, LegReading] | None = None  # the later legs, read for their ticker
    for position, group in enumerate(groups):  # the first part that is no leg ends the reading
        if later is not None and group in later:
            reading = later[group]
            underlying = readings[0].order.underlying if readings else None
            if underlying is not None and names_no_ticker(reading):
                reading = read_part(f"{underlying} {group}")
        elif shared is not None:
            # under a heading that names the ticker or the date: "NFLX iron condor 8/18" over
            # "+1 1100p" / "-1 1120p" ...
            reading = completed_leg(group, shared, read_part)
        else:
            reading = read_part(group)
            underlying = readings[0].order.underlying if readings else None
            if underlying is None and not readings and names_no_ticker(reading):
                # "sell the 95 call and buy the 100 call on UBER, 8/4 expiry, for 1.30 credit":
                # the ticker written once, with the last leg
                later = _later_readings(groups[position + 1 :], read_part)
                named = {each.order.underlying for each in later.values()} - {None}
                underlying = named.pop() if len(named) == 1 else None
            if underlying is not None and names_no_ticker(reading):
                # "sell the SPY 640p and buy the 635p": one ticker for all legs
                reading = read_part(f"{underlying} {group}")
        leg = option_leg(reading) or share_leg(reading)
        if leg is None:
            return None
        readings.append(reading)
        complete.append(leg)
    return readings, complete


def _later_readings(groups: list[str], read_part: ReadPart) -> dict[str, LegReading]:
    """The legs after the first, read, when they write one word in capitals between them (the
    ticker: "on UBER and PLTR" names two); else none."""
    if len({word.lstrip("$") for word in HEAD_TICKER.findall(" ".join(groups))}) != 1:
        return {}
    return {group: read_part(group) for group in groups}


def _count_written_once(groups: list[str], legs: list[Leg]) -> list[Leg]:
    """Legs that write no count of their own share the count written once after the last one
    ("buy the IWM 245 put, sell the 235 put, 10/20 exp, 2 lots, ...": 2 of each, not a 1x2)."""
    if any(OWN_COUNT.match(_as_side(group.strip())) for group in groups):
        return legs
    counts = [leg.quantity for leg in legs]
    if (
        len(set(counts)) == 1
        or set(counts[:-1]) != {1}
        or any(leg.type == "equity" for leg in legs)
    ):
        return legs
    return [replace(leg, quantity=counts[-1]) for leg in legs]


def read_leg_list(text: str, read_part: ReadPart) -> ParsedOrder | None:
    """One order from a message written leg by leg, or None when it is not one."""
    roll_heading = ROLL_HEADING_LINE.match(text)
    if roll_heading is not None:
        # "roll AAPL 210p 9/13 down and out to the 205p 10/4" over "BTC 1 AAPL 210p 9/13 /
        # STO 1 AAPL 205p 10/4 for .30 credit", "NIO 4.98 😬 rolling" over its legs: the legs
        # after the line that announces them
        rolled = read_leg_list(text[roll_heading.end() :], read_part)
        if rolled is not None:
            return rolled
    groups = _groups(text)
    if groups is None:
        return None
    read = _read_groups(groups, read_part, None)
    if read is None:
        heading = _heading(text)
        if heading is None:
            return None
        shared = _shared(heading[0], read_part)
        if shared is None:
            return None
        groups = heading[1]
        read = _read_groups(groups, read_part, shared)
        if read is None or {leg.order.underlying for leg in read[0]} != {shared.underlying}:
            return None
    readings, complete = read
    complete = _count_written_once(groups, complete)
    if any(leg.type == "equity" for leg in complete) and not (
        is_buy_write(complete) or _is_stock_collar(complete)
    ):
        return None
    underlyings = {reading.order.underlying for reading in readings}
    priced = [reading for reading in readings if reading.order.price is not None]
    if len(underlyings) != 1:
        return None
    if not priced and _ALL_AT_MARKET.search(text) and _is_stock_collar(complete):
        # "buy 100 XOM shares at market, buy 1 XOM 110p, sell 1 XOM 125c, all at market"
        return ParsedOrder(
            kind="order",
            underlying=readings[0].order.underlying,
            legs=tuple(shared_expiration(complete)),
            order_type="market",
            price=None,
            price_effect=None,
            tif=next((reading.order.tif for reading in readings if reading.order.tif), None),
            missing=(),
            strategy="custom",
            notes=("written leg by leg",),
        )
    if len(priced) != 1 or _is_stock_collar(complete):
        return None
    if is_buy_write(complete):
        (priced_group,) = [
            group for group, reading in zip(groups, readings, strict=True) if reading in priced
        ]
        if priced[0].price_word != "debit" and not _NET.search(priced_group):
            return None  # "buy 100 AAPL shares and sell 1 AAPL 270c @ 3": the call's own price
    if len({(leg.type, leg.strike, leg.expiration) for leg in complete}) != len(complete):
        return None
    complete = shared_expiration(complete)
    price: Decimal | None = priced[0].order.price
    direction = priced[0].price_word or net_direction(complete)
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
        strategy=strategy_of(complete),
        notes=("written leg by leg",),
    )


# --- a heading naming the structure and the contract the legs share ------------------------------
# "put 1x2 on SPY 3/19: buy 1 660p / sell 2 640p @ 1.20 debit" (a ratio spread: each leg its own
# count under one net price), "put calendar on IWM 220: sell 3/5 buy 3/19, 2 contracts @ 1.15"
# (a calendar: the strike and type once, each side before its own date). The heading before the
# colon names a structure and what the legs share (the ticker, the type, a strike or a date);
# the body after it is the legs, each opening with its side; a leg takes from the heading what
# it does not write itself.
_HEADED = re.compile(r"\A[\W_]*(?P<head>[^:\n]{2,60}?)[ \t]*:\s*(?P<body>\S.*?)\s*\Z", re.DOTALL)
# ... or a heading closed by a comma, its legs right after it ("IWM calendar 235c, sell Dec buy
# Jan, 1.45 debit").
_HEADED_COMMA = re.compile(
    r"\A[\W_]*(?P<head>[^:,\n]{2,60}?)[ \t]*,[ \t]*(?P<body>\S.*?)\s*\Z", re.DOTALL
)
_STRUCTURE_NAME = re.compile(
    r"\b(?:\d{1,2}\s*[x×]\s*\d{1,2}|ratios?|(?:back|front)\s?spreads?|calendars?|diagonals?"
    r"|time\s+spreads?|spreads?|verticals?|(?:butter)?fly|flies|collars?|lizards?|risk\s+reversals?|rr"
    r"|bwbs?|broken[\s-]wing(?:\s+(?:butter)?fl(?:y|ies))?"
    r"|(?:bull|bear)(?:ish)?\s+(?:calls?|puts?))\b",
    re.IGNORECASE,
)
# A leg's own expiration may stand between its side and its strike ("long 2/18 660p, short
# 12/31 650p": a diagonal, each leg dated).
_LEG_DATE = r"(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?[ \t]+)?"
# ... and its own count before its strike ("long 1 320c, short 2 340c, long 1 350c": a
# broken-wing fly, each leg counted).
_HELD_COUNT = r"(?:\d{1,3}[ \t]*x?[ \t]+(?=\d))?"
# ... or no heading at all: the ticker and the date, then each leg's strike after "long" or
# "short" ("AMZN 8/25 short 215p long 250c @ 0.35": a risk reversal, one leg sold and one
# bought). Both sides must be written, so a list of held contracts of one side is not legs.
_INLINE_HELD = re.compile(
    r"\A[\W_]*(?P<head>\$?[A-Z]{1,5}(?:[ \t]+[^\s:,;]+){0,3}?)[ \t]+"
    r"(?P<body>(?:long|short)[ \t]+\d{1,5}(?:\.\d{1,2})?[cp]\b.*?)\s*\Z",
    re.DOTALL | re.IGNORECASE,
)
_OPPOSITE_HELD_THE = re.compile(
    r"\A(?:long\b.*\bshort|short\b.*\blong)\s+(?:the\s+)?(?:\$?[A-Za-z]{1,5}\s+)?"
    rf"{_LEG_DATE}"
    r"\d{1,5}(?:\.\d{1,2})?"
    r"(?:[cp]\b|\s*(?:calls?|puts?)\b)",
    re.DOTALL | re.IGNORECASE,
)
_OPPOSITE_HELD = re.compile(
    rf"\A(?:long\b.*\bshort|short\b.*\blong)[ \t]+{_HELD_COUNT}{_LEG_DATE}"
    r"\d{1,5}(?:\.\d{1,2})?[cp]\b",
    re.DOTALL | re.IGNORECASE,
)
# A ratio written with a colon before its name ("1:2 call ratio"): the same as "1x2".
_COLON_RATIO = re.compile(
    r"\b(\d{1,2}):(\d{1,2})(?=[ \t]+(?:(?:call|put)s?[ \t]+)?(?:back)?[ \t]*ratios?\b)",
    re.IGNORECASE,
)
_RATIO = re.compile(r"\b(\d{1,2})\s*[x×]\s*(\d{1,2})\b", re.IGNORECASE)
# The heading's count of the whole structure: "collar the JPM shares x2:", "2x IWM calendar:",
# "NVDA 270c calendar, 2 lots:".
_HEAD_COUNT = re.compile(
    r"(?<![\w/.])(?:x\s?(\d{1,3})|(\d{1,3})\s?x|(\d{1,3})[ \t]*(?:lots?|contracts?|cts))(?![\w/.])",
    re.IGNORECASE,
)
# A ratio named without its numbers: its legs must then write counts that differ.
_RATIO_NAME = re.compile(r"\b(?:ratios?|(?:back|front)\s?spreads?)\b", re.IGNORECASE)
_LEG_SIDE = re.compile(
    rf"(?:(?<=\s)|(?<=\A)|(?<=[/,;]))(?:{'|'.join(sorted({*lex.CODES, 'buy', 'sell'}))})\b"
    r"(?:\s+to\s+(?:open|close)\b)?",
    re.IGNORECASE,
)
_LEG_END = re.compile(r"(?:[\s/,;&+|-]|\band\b|\bthen\b)+\Z", re.IGNORECASE)
# Where a leg's own words end: a comma, a line break, or its price ("... @ 1.15").
_LEG_TAIL = re.compile(r",\s|\n|;|\s(?=@|(?:at|for|limit|lmt|net)\s*\$?\.?\d)", re.IGNORECASE)
_COUNT_WORDS = "|".join(sorted(lex.QUANTITY_WORDS, key=len, reverse=True))
# A leg that writes its own count right after its side ("buy 1 660p", "sell 2x 640p").
OWN_COUNT = re.compile(
    rf"\A\S+(?:\s+to\s+(?:open|close))?\s+(?:\d{{1,5}}\s*x?|x\s*\d{{1,5}}|(?:{_COUNT_WORDS}))"
    r"(?![/.\d])\s",
    re.IGNORECASE,
)


# A leg written with no word that could name a ticker: sides, counts, strikes, types, prices.
_LEG_WORDS_ONLY = re.compile(
    rf"(?:\s|[@$/,.;:&+-]|\d|(?<=\d)[cp]\b|\b(?:{'|'.join(sorted(lex.CODES))}"
    r"|buy|sell|to|open|close|the|[cp]|calls?|puts?|x|credit|debit|cr|db|net|for|at|limit|lmt|contracts?)\b)*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SharedFields:
    """What the heading names for every leg."""

    underlying: str
    type: str | None
    strike: Decimal | None
    expiration: date | None


def _shared(head: str, read_part: ReadPart) -> SharedFields | None:
    order = read_part(f"buy {_RATIO.sub(' ', head)}").order
    if order.kind != "order" or order.underlying is None or not order.legs:
        return None
    types = {leg.type for leg in order.legs}
    strikes = {leg.strike for leg in order.legs}
    dates = {leg.expiration for leg in order.legs}
    return SharedFields(
        order.underlying,
        next(iter(types)) if len(types) == 1 else None,
        next(iter(strikes)) if len(strikes) == 1 else None,
        next(iter(dates)) if len(dates) == 1 else None,
    )


# The order for the whole structure written after its legs ("long 2/18 660p, short 12/31 650p,
# buy 2 for 6.10"): a side with no strike, a count and the net price. Buying a structure pays
# for it, selling one is paid for it; the clause counts every leg, as "2 contracts" would.
_STRUCTURE_ORDER = re.compile(
    r"(?P<lead>[,;\n]\s*)(?P<side>buy|sell)[ \t]+(?:(?:it|them|one)[ \t]+)?"
    r"(?:(?P<count>\d{1,4})[ \t]?x?|x[ \t]?(?P<xcount>\d{1,4}))?[ \t]*"
    r"(?P<price>(?:for|@|at)[ \t]*\$?(?:\d{1,4}(?:\.\d{1,2})?|\.\d{1,2}))"
    r"(?:[ \t]+(?P<word>debit|credit|db|cr|dr))?[ \t]*\Z",
    re.IGNORECASE,
)
_CREDIT_WORDS = frozenset({"credit", "cr"})


def _structure_order(body: str) -> str:
    """``body`` with a closing order for the whole structure ("..., buy 2 for 6.10") written as
    its count and net price (", 2 contracts for 6.10 debit"); unchanged without one."""
    match = _STRUCTURE_ORDER.search(body)
    if match is None:
        return body
    sells = match.group("side").lower() == "sell"
    word = (match.group("word") or "").lower()
    if word and (word in _CREDIT_WORDS) != sells:
        return body  # "sell 2 for 1.10 debit": the side and the price word disagree
    count = match.group("count") or match.group("xcount")
    counted = f"{count} contracts " if count else ""
    effect = "credit" if sells else "debit"
    return f"{body[: match.start()]}{match.group('lead')}{counted}{match.group('price')} {effect}"


def _leg_parts(body: str, *, ordered: bool = False) -> list[str] | None:
    """The body cut before each side: one part per leg (under a heading that declares an
    order, "long the 290 put" opens a leg too)."""
    starts = [match.start() for match in _LEG_SIDE.finditer(body)]
    if "long" in body or "short" in body:
        held = _ORDERED_HELD_LEG_SIDE if ordered else _HELD_LEG_SIDE
        starts = sorted({*starts, *(match.start() for match in held.finditer(body))})
    if not starts or starts[0] != 0 or not 2 <= len(starts) <= MAX_LEGS:
        return None
    bounds = [*starts, len(body)]
    return [_as_side(_LEG_END.sub("", body[start:end])) for start, end in pairwise(bounds)]


_HELD_SIDE = re.compile(r"\A(long|short)\b", re.IGNORECASE)
# "long"/"short" right before a typed strike opens a leg too ("short 215p / long 250c").
_HELD_LEG_SIDE = re.compile(
    r"(?:(?<=\s)|(?<=\A)|(?<=[/,;]))(?:long|short)"
    rf"(?=\s+{_HELD_COUNT}{_LEG_DATE}\d{{1,5}}(?:\.\d{{1,2}})?[cp]\b)",
    re.IGNORECASE,
)


# Under a heading that declares an order ("UNH, enter: short the 300 put, long the 290 put,
# 8/25, 3.10 credit"), "the" may stand between the side and the strike: the writer enters
# those legs now, not a position described.
_ORDERED_HELD_LEG_SIDE = re.compile(
    r"(?:(?<=\s)|(?<=\A)|(?<=[/,;]))(?:long|short)(?=\s+(?:the\s+)?(?:\$?[A-Za-z]{1,5}\s+)?"
    rf"{_LEG_DATE}"
    r"\d{1,5}(?:\.\d{1,2})?(?:[cp]\b|\s*(?:calls?|puts?)\b))",
    re.IGNORECASE,
)
# A count written once for the structure: "1 contract", "2 lots", "x3", "3x".
_BODY_COUNT = re.compile(
    r"(?<![\w./])(?:\d{1,4}[ \t]*(?:contracts?|lots?|cts)\b|x[ \t]?\d{1,4}\b|\d{1,4}[ \t]?x\b)",
    re.IGNORECASE,
)
# The heading's side and count of the whole structure, its ticker or name after them ("buy 3
# DIA call debit spreads Oct:", "STO 2 SMH jade lizards 9/21:"); the code's effect is each leg's.
_HEAD_SIDE_COUNT = re.compile(
    rf"\A[\W_]*(?P<side>{'|'.join(sorted({*lex.CODES, 'buy', 'sell'}))})"
    r"(?:[ \t]+to[ \t]+(?:open|close))?[ \t]+(?P<count>\d{1,3})[ \t]+(?=\$?[A-Za-z])",
    re.IGNORECASE,
)
_HEAD_EFFECT: dict[str, Effect] = {
    "bto": "open", "sto": "open", "btc": "close", "stc": "close"
}  # fmt: skip
_ORDER_HEADING = re.compile(
    r"\A\s*(?:\$?[A-Z]{1,5}[ \t]*,?[ \t]*)?(?i:enter|entry|order|new[ \t]+trade)\s*\Z"
)  # the ticker in capitals: "his order:" is someone else's


def _as_side(part: str) -> str:
    """A leg opening with "long"/"short" buys/sells it ("short 215p / long 250c")."""
    return _HELD_SIDE.sub(lambda m: "buy" if m.group(1).lower() == "long" else "sell", part)


def _with_ticker(part: str, ticker: str) -> str:
    """The leg ``part`` with the heading's ticker written in: after the leg's side and count,
    where a trader writes it ("buy 1 SPY Oct 680p"; before the side, "SPY buy 1 Oct 680p" could
    read the count as a price), else before the leg ("SPY sell the 110 put")."""
    count = OWN_COUNT.match(part)
    if count is None:
        return f"{ticker} {part}"
    return f"{part[: count.end()]}{ticker} {part[count.end() :]}"


def completed_leg(part: str, shared: SharedFields, read_part: ReadPart) -> LegReading:
    """The leg ``part`` read, with what it leaves out taken from the heading: the ticker before
    it, a strike right after its side and count ("sell 220p 3/5"), the type and the date right
    after its own words (before a ", 2 contracts @ 1.15" tail)."""
    ticker: str | None = None
    if _LEG_WORDS_ONLY.fullmatch(part):
        # no word that could be a ticker ("sell the 110 put", "buy 1 1100p"): the heading's
        ticker = shared.underlying
        reading = read_part(_with_ticker(part, ticker))
    else:
        reading = read_part(part)
        if names_no_ticker(reading):
            ticker = shared.underlying
            reading = read_part(_with_ticker(part, ticker))
    order = reading.order
    if order.kind != "order" or len(order.legs) != 1:
        return reading
    leg = order.legs[0]
    option_type = leg.type or shared.type
    strike = ""
    if leg.strike is None and shared.strike is not None and option_type in ("call", "put"):
        strike = f"{shared.strike.normalize():f}{option_type[0]}"
    extra: list[str] = []
    if not strike and leg.type is None and shared.type in ("call", "put"):
        extra.append(f"{shared.type}s")
    if leg.expiration is None and shared.expiration is not None:
        extra.append(shared.expiration.isoformat())
    if not strike and not extra:
        return reading
    if strike:
        opening = OWN_COUNT.match(part) or _LEG_SIDE.match(part)
        at = opening.end() if opening else 0
        part = f"{part[:at].rstrip()} {strike} {part[at:].lstrip()}"
    tail = _LEG_TAIL.search(part)
    cut = tail.start() if tail else len(part)
    completed = f"{part[:cut]} {' '.join(extra)}{part[cut:]}".rstrip()
    return read_part(_with_ticker(completed, ticker) if ticker else completed)


def read_headed_legs(text: str, read_part: ReadPart) -> ParsedOrder | None:
    """One order from a heading that names a structure and the contract its legs share, and the
    legs after it (see above), or None when the message is not one."""
    if "atio" in text:
        text = _COLON_RATIO.sub(r"\1x\2", text)  # "COIN 1:2 call ratio, buy 2 340c, ..."
    match = _HEADED.match(text)
    if match is None:
        match = _HEADED_COMMA.match(text)
        if match is not None and _LEG_SIDE.search(match.group("head")):
            return None  # "buy 2 AAPL 260 call calendars, sell 10/23 buy 11/20": one order
        if (
            match is not None
            and _HELD_SIDE.match(match.group("body"))
            and not _OPPOSITE_HELD_THE.match(match.group("body"))
        ):
            return None  # "open a QQQ 600 put calendar, short next week and long next month"
            # ("RR in NVDA 10/27, short the 180 put and long the 220 call, ...": strikes held)
    ordered = False
    if match is None and ("short" in text or "Short" in text or "SHORT" in text):
        match = _INLINE_HELD.match(text)  # "AMZN 8/25 short 215p long 250c @ 0.35"
        if match is not None and not _OPPOSITE_HELD.search(match.group("body")):
            match = None
    elif match is not None and _STRUCTURE_NAME.search(match.group("head")):
        # "collar on MSFT 11/17: long the 480p / short the 560c, 1 contract, 0.35 debit": the
        # structure named, its legs held opposite ways, a count written: the order's legs
        ordered = bool(_OPPOSITE_HELD_THE.match(match.group("body"))) and bool(
            _BODY_COUNT.search(match.group("body"))
        )
    elif match is not None:
        ordered = _ORDER_HEADING.search(match.group("head")) is not None and bool(
            _OPPOSITE_HELD_THE.search(match.group("body"))
        )
        if not ordered:
            match = None
    if match is None:
        return None
    parts = _leg_parts(_structure_order(match.group("body")), ordered=ordered)
    if parts is None:
        return None
    shared = _shared(match.group("head"), read_part)
    if shared is None and ordered:
        # "order: long the spy 655c short the spy 665c, 8/4, ...": the legs name the ticker
        first = _shared(re.sub(r"\A\S+\s+", "", parts[0]), read_part)
        shared = replace(first, strike=None) if first is not None else None
    if shared is None:
        return None
    readings = [completed_leg(part, shared, read_part) for part in parts]
    grouped = [_paired_legs(part, reading) for part, reading in zip(parts, readings, strict=True)]
    if any(group is None for group in grouped) or sum(map(len, filter(None, grouped))) > MAX_LEGS:
        return None
    complete = [leg for group in grouped if group is not None for leg in group]
    if {reading.order.underlying for reading in readings} != {shared.underlying}:
        return None
    priced = [reading for reading in readings if reading.order.price is not None]
    if len(priced) != 1 or len({(leg.type, leg.strike, leg.expiration) for leg in complete}) != len(
        complete
    ):
        return None
    ratio_match = _RATIO.search(match.group("head"))
    ratio = [int(number) for number in ratio_match.groups()] if ratio_match else None
    if ratio is not None and len(ratio) != len(complete):
        return None
    stated = [bool(OWN_COUNT.match(part)) for part in parts]
    if not any(stated):
        # "sell 3/5 buy 3/19, 2 contracts": the count written once counts every leg (times the
        # heading's ratio: "1x2 ...: buy 660p / sell 640p, 3 contracts" is 3 by 6), or the
        # heading's own count ("collar ... x2: sell the 340c and buy the 290p ...")
        base = complete[-1].quantity
        head_count = _HEAD_COUNT.search(_RATIO.sub(" ", match.group("head")))
        if head_count is not None and base == 1:
            base = int(next(group for group in head_count.groups() if group))
        elif (side_count := _HEAD_SIDE_COUNT.match(match.group("head"))) and base == 1:
            base = int(side_count.group("count"))  # "buy 3 DIA call debit spreads Oct: ..."
        complete = [
            replace(leg, quantity=base * (ratio[index] if ratio else 1))
            for index, leg in enumerate(complete)
        ]
    elif ratio is not None and any(
        leg.quantity * ratio[0] != complete[0].quantity * ratio[index]
        for index, leg in enumerate(complete)
    ):
        return None  # "1x2: buy 2 ... / sell 2 ...": the counts contradict the ratio
    head_side = _HEAD_SIDE_COUNT.match(match.group("head"))
    effect = (
        _HEAD_EFFECT.get(head_side.group("side").lower())
        if head_side
        else context_effect(match.group("head"))
    )
    if effect is not None:
        # "STO 2 SMH jade lizards 9/21: short 260p, ...": each leg opens; "closing the JPM put
        # spread: buy ..., sell ...": each leg closes
        complete = [leg if leg.effect else replace(leg, effect=effect) for leg in complete]
    if _RATIO_NAME.search(match.group("head")) and len({leg.quantity for leg in complete}) == 1:
        return None  # "call ratio: buy 600c / sell 620c": the ratio is not written
    complete = shared_expiration(complete)
    direction = priced[0].price_word or net_direction(complete)
    tif: TimeInForce | None = next(
        (reading.order.tif for reading in readings if reading.order.tif), None
    )
    missing = sorted({"expiration" for leg in complete if leg.expiration is None})
    return ParsedOrder(
        kind="order",
        underlying=shared.underlying,
        legs=tuple(complete),
        order_type="limit",
        price=priced[0].order.price,
        price_effect=direction,
        tif=tif,
        missing=tuple(missing),
        strategy=strategy_of(complete),
        notes=("written leg by leg under a heading",),
    )
