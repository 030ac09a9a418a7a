"""Assembly: the ticker chosen, a reading's legs and strategy built from :class:`_Facts`, its
remarks, and the confidence over competing readings.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date

from nlp import _calendar as cal
from nlp import _guard as guard
from nlp import _lexicon as lex
from nlp._extractor import _Extractor
from nlp._facts import _OPENING_DIRECTION, _Facts, _Strike
from nlp._legs import LegRequest, StrikeRef, build_legs
from nlp._models import Leg, LegType, ParsedOrder, PriceEffect, Side
from nlp._pipeline import STRATEGY_LABELS
from nlp._roles import Assignment, Limits
from nlp._tokens import _MAX_QUANTITY, _Item

# Confidence: readings within CONFIDENCE_WINDOW of the best share it (softmax at this
# temperature); those within ALTERNATIVE_MARGIN are offered as "Did you mean ...?".
CONFIDENCE_WINDOW = 4.0
CONFIDENCE_TEMPERATURE = 1.0
ALTERNATIVE_MARGIN = 2.0
MAX_ALTERNATIVES = 3
# A side read from no verb is a coin toss: below the bar the order pipeline asks at.
SIDE_UNKNOWN_CONFIDENCE = 0.5
_TYPE_BY_NAME: dict[str, LegType] = {"call": "call", "put": "put"}

# Why a stop order is refused: read as a limit or a market order it would trade now.
STOP_ORDER_NOTE = "a stop order: only market and limit orders are read, give a limit price"


# A single leg read with two strikes: half of a spread the message did not name.
TWO_STRIKES = "two strikes but no spread named: name the spread or write one leg per line"


def _choose_ticker(facts: _Facts, items: list[_Item], text: str) -> tuple[int, str] | None:
    """The underlying and the position it was read at (-1 inside an OCC symbol).

    The order's sentence owns the ticker: when the sentence of the action (else of the first
    strike) names one, a ticker in a lead-in sentence does not count ("VIX up again. in PLTR
    155p ..." is PLTR). Otherwise the best-ranked ticker, after the action when it has a choice.
    """
    anchor = facts.first_action
    if anchor >= 0 and items[anchor].lower in lex.WEAK_ACTION_WORDS and facts.code_at >= 0:
        # "TICK +712, ADD +1,340, VOLD 2.1. BTO 3 SPXW ...": a weak word read as the action
        # before the alert code; the code's sentence owns the ticker
        anchor = next((at for at, item in enumerate(items) if item.start == facts.code_at), anchor)
    breaks = [match.end() for match in guard.SENTENCE_BREAK.finditer(text)]
    if anchor >= 0 and facts.code_at > items[anchor].start:
        # "VIX is 12.9, time to sell some premium⏎STO 1 SPX ... IC": an action whose sentence
        # names no strike is talk; the alert code's sentence owns the ticker
        sentence = bisect_right(breaks, items[anchor].start)
        if not any(
            strike.position >= 0 and bisect_right(breaks, items[strike.position].start) == sentence
            for strike in facts.strikes
        ):
            anchor = next(
                (at for at, item in enumerate(items) if item.start == facts.code_at), anchor
            )
    if anchor < 0:
        anchor = next((strike.position for strike in facts.strikes if strike.position >= 0), -1)
    tickers = facts.tickers
    if anchor >= 0 and all(index >= 0 for _, index, _ in tickers):  # not an OCC root
        sentence = bisect_right(breaks, items[anchor].start)
        own = [
            ticker
            for ticker in tickers
            if ticker[1] >= 0 and bisect_right(breaks, items[ticker[1]].start) == sentence
        ]
        tickers = own or tickers
    for rank in (0, 1, 2, 3):
        candidates = [(index, symbol) for r, index, symbol in tickers if r == rank]
        if not candidates:
            continue
        if rank == 1 and facts.first_action >= 0:
            after = [c for c in candidates if c[0] > facts.first_action]
            if after:
                return after[0]
        return candidates[0]
    return None


def _both_sides_before_price(facts: _Facts) -> bool:
    """True when actions of both sides come before the price (or there is none): two trades,
    not an entry with its exit plan after the price ("BTO ... @ 2.15, sell at 3")."""
    price_at = facts.price_position if facts.price is not None else -1
    marks = facts.side_marks
    if any(code for _, _, code in marks):
        marks = [mark for mark in marks if mark[2]]  # an alert code outranks a verb ("cut")
    sides = {side for at, side, _ in marks if price_at < 0 or at < price_at}
    return len(sides) > 1


def _infer_strategy(facts: _Facts, is_option: bool) -> str:
    if not is_option:
        return "stock"
    if facts.strategy is not None:
        return facts.strategy
    if facts.groups:
        size = facts.groups[0]
        if size == 2:
            pair = [
                strike for strike in facts.strikes if strike.position == facts.strikes[0].position
            ]
            if len(pair) == 2 and {pair[0].type, pair[1].type} == {"call", "put"}:
                # "buy 1 TSLA 280p/330c 7/21": a put and a call, not a vertical of one type
                return "straddle" if pair[0].value == pair[1].value else "strangle"
            return "vertical"
        if size == 3:
            return "butterfly"
        if size >= 4:
            return "iron_condor"
    typed = [strike for strike in facts.strikes if strike.type is not None]
    if len(typed) >= 2 and {typed[0].type, typed[1].type} == {"call", "put"}:
        return "straddle" if typed[0].value == typed[1].value else "strangle"
    return "single"


def _closing_direction(facts: _Facts, strategy: str) -> PriceEffect | None:
    """The net direction of closing a structure whose opening direction is known.

    A credit spread is opened for a credit, so buying it back ("BTC 2 IWM 200/195 PCS",
    "buy back my PCS", "close my iron condor") inverts every leg and is a debit; closing a
    call debit spread sells the long call for a credit. A side against the structure's own
    direction is such a close too. The direction is the one the message states, else the
    structure's usual one (_OPENING_DIRECTION).
    """
    opening = facts.strategy_direction or _OPENING_DIRECTION.get(strategy)
    if opening is None or facts.effect == "open":
        return None
    natural_side: Side = "sell" if opening == "credit" else "buy"
    closing = facts.effect == "close" or (facts.side is not None and facts.side != natural_side)
    if not closing:
        return None
    return "debit" if opening == "credit" else "credit"


def _strikes_for(strategy: str, facts: _Facts) -> list[_Strike]:
    if strategy in ("single", "stock"):
        return facts.strikes[:1]
    if strategy in ("straddle", "calendar"):
        return facts.strikes[:1]
    if strategy in ("vertical", "strangle", "roll", "double_calendar"):
        return facts.strikes[:2]
    if strategy == "butterfly":
        return facts.strikes[:3]
    return facts.strikes[:4]


def _option_type(facts: _Facts) -> LegType | None:
    if facts.strategy_type is not None:
        return facts.strategy_type
    distinct = set(facts.types) or {s.type for s in facts.strikes if s.type is not None}
    if len(distinct) == 1:
        return distinct.pop()
    return None


def _none(
    *notes: str, suggestions: tuple[str, ...] = (), unknown: tuple[str, ...] = ()
) -> ParsedOrder:
    return ParsedOrder(kind="none", notes=notes, suggestions=suggestions, unknown_tokens=unknown)


def _suggestions(
    missing: list[str], legs: tuple[Leg, ...], market: bool, today: date
) -> tuple[str, ...]:
    hints: list[str] = []
    example = cal.next_monthly_after(today)
    if "expiration" in missing:
        hints.append(f"Add an expiration, e.g. {example.month}/{example.day}")
    if "strike" in missing:
        option_type = next((leg.type for leg in legs if leg.type in ("call", "put")), "call")
        hints.append(f"Add a strike, e.g. 450 {option_type} or 450{option_type[0]}")
    if "type" in missing:
        hints.append("Say call or put, e.g. 145c or 145 put")
    if market:
        hints.append("No price given, so this is a market order; add e.g. '@ 2.15' for a limit")
    return tuple(hints)


def _limits(facts: _Facts, strikes_needed: int) -> Limits:
    strong = sum(1 for slot in facts.slots if slot.strong_strike)
    return Limits(
        quantity=facts.quantity is None or not facts.quantity_strong,
        price=facts.price is None,
        weak_strikes=max(0, strikes_needed - len(facts.strikes) - strong),
        strikes=max(0, strikes_needed - len(facts.strikes)),
    )


def _apply(facts: _Facts, assignment: Assignment) -> _Facts:
    """A copy of ``facts`` with the numbers placed in the roles ``assignment`` gives them."""
    placed = replace(facts, strikes=list(facts.strikes), unknown=list(facts.unknown))
    for slot, role in zip(facts.slots, assignment.roles, strict=True):
        if role == "quantity" and 0 < slot.value <= _MAX_QUANTITY:
            placed.quantity = int(slot.value)
        elif role == "strike" and slot.value > 0:
            strike_type = _TYPE_BY_NAME.get(slot.strike_type or "")
            placed.strikes.append(_Strike(slot.value, strike_type, slot.position))
        elif role == "price" and slot.value >= 0:
            placed.price = slot.value
            placed.price_position = slot.position
        else:
            placed.unknown.append(slot.text)
    placed.strikes.sort(key=lambda strike: strike.position)
    return placed


def _strikes_before_sentence(facts: _Facts, extractor: _Extractor) -> bool:
    """True when a strike stands in a sentence ended before the strategy's name ("VIX 19.
    spreads > naked this week"): a number of another sentence, not the strategy's strike."""
    named = [index for index, item in enumerate(extractor.items) if item.label in STRATEGY_LABELS]
    if not named:
        return False
    first = named[0]
    for strike in facts.strikes:
        if strike.position >= first:
            continue
        between = extractor.items[strike.position : first]
        if any(item.text in (".", "!", "?") or item.line_end for item in between):
            return True
    return False


def _reading(
    facts: _Facts, extractor: _Extractor, underlying: str, unknown: tuple[str, ...]
) -> ParsedOrder:
    """One complete reading of the message once every number has its role."""
    is_option = not facts.shares and (
        extractor.option_context or bool(facts.strikes) or bool(facts.types)
    )
    has_contract = bool(facts.strikes) and (
        facts.strikes[0].type is not None or bool(facts.types) or facts.strategy_type is not None
    )
    if facts.side is None and facts.status:
        return _none(f"a quote, position or update: {facts.status[0]}", unknown=unknown)
    held = facts.side is None or (facts.side_from_leading and facts.side_rank == 2)
    if held and facts.entry_reference and facts.price is None and not facts.explicit_code:
        return _none("a position held (an entry price, no order price)", unknown=unknown)
    if (
        facts.side is None
        and (
            facts.strategy is None
            or len(facts.strikes) < max(1, extractor.strikes_needed)
            or (facts.price is None and _strikes_before_sentence(facts, extractor))
        )
        and not (has_contract and facts.price is not None)
    ):
        # without an action, an alert names a complete contract and a price, or a strategy
        # and its strikes ("IWM iron fly 195/200/205"); "SPY straddle pricing a 1.1% move" is
        # talk about one
        hint = "Start with buy/sell (or BTO/STO/BTC/STC), e.g. 'buy 1 SPY 600c 12/18 @ 2.15'"
        return _none("no action", suggestions=(hint,), unknown=unknown)
    strategy = _infer_strategy(facts, is_option)
    if facts.total_cost is not None and facts.price is None:
        return _none(
            f"a total cost ({facts.total_cost}): give the price per contract or per share",
            unknown=unknown,
        )
    if facts.multiple_price is not None and facts.price is None and not facts.market:
        # "sell 2 AMD 180c 12/18 at 3x": read as a market order it would sell now
        return _none(
            f"a price as a multiple of the entry ({facts.multiple_price}): give the limit price",
            unknown=unknown,
        )
    if facts.stop_level and facts.price is None and not facts.market:
        # "sell 50 AAPL stop 240" is a stop order; read as a market order it would sell now
        return _none(STOP_ORDER_NOTE, unknown=unknown)
    implied_pair = facts.strategy is None and strategy in ("straddle", "strangle")
    if (strategy in ("single", "stock") or implied_pair) and _both_sides_before_price(facts):
        # a put and a call, one sold and one bought ("sell 215p / buy 250c"), is no strangle
        # "buy 100 KO and sell 1 KO 70c @ 1.10" read as one leg would place half of it
        return _none(
            "both buy and sell: name the spread or write one leg per line", unknown=unknown
        )
    if strategy == "single" and len({strike.value for strike in facts.strikes}) > 1:
        # "buy SPY 600c and sell 610c" read as one leg would place half of what was meant
        return _none(TWO_STRIKES, unknown=unknown)
    explicit_side = facts.side
    direction = _closing_direction(facts, strategy) or facts.strategy_direction or facts.price_word
    if direction is None and explicit_side is not None and strategy not in ("single", "stock"):
        direction = "credit" if explicit_side == "sell" else "debit"
    if strategy == "butterfly" and facts.broken_wing and facts.effect != "close":
        # a broken-wing fly is bought, long wings and a short body, often for a credit: the
        # price's credit does not sell it ("QQQ broken wing put fly 600/590/575, 0.45 credit")
        direction = "credit" if explicit_side == "sell" else "debit"
    strikes = _strikes_for(strategy, facts)
    plan = build_legs(
        LegRequest(
            strategy=strategy,
            side=explicit_side,
            effect=facts.effect,
            quantity=facts.quantity or 1,
            strikes=tuple(StrikeRef(s.value, s.type) for s in strikes),
            option_type=_option_type(facts),
            expirations=tuple(facts.expirations or facts.day_words),
            direction=direction,
            width=facts.width,
        )
    )
    if facts.ratio is not None and not (strategy == "vertical" and len(strikes) == 2):
        return _none(
            "a ratio without its two strikes: write each leg with its count", unknown=unknown
        )
    if facts.ratio is not None:
        # "250/240 1x2 put spread": each strike its own count, in the order written
        counts = {strikes[0].value: facts.ratio[0], strikes[1].value: facts.ratio[1]}
        ratioed = tuple(
            replace(leg, quantity=leg.quantity * counts.get(leg.strike, 1))  # type: ignore[arg-type]
            for leg in plan.legs
        )
        plan = replace(plan, legs=ratioed)
        strategy = "ratio"
    market = facts.market or facts.price is None
    price = None if market else facts.price
    price_effect: PriceEffect | None = None
    if price is not None:
        side_effect: PriceEffect = "credit" if (explicit_side or "buy") == "sell" else "debit"
        price_effect = facts.price_word or plan.direction or side_effect
    missing: set[str] = set()
    for leg in plan.legs:
        if leg.type == "equity":
            continue
        if leg.strike is None:
            missing.add("strike")
        if leg.expiration is None:
            missing.add("expiration")
        if leg.type is None:
            missing.add("type")
    missing_sorted = sorted(missing)
    return ParsedOrder(
        kind="order",
        underlying=underlying,
        legs=plan.legs,
        order_type="market" if market else "limit",
        price=price,
        price_effect=price_effect,
        tif=facts.tif,
        missing=tuple(missing_sorted),
        strategy=strategy,
        unknown_tokens=unknown,
        suggestions=_suggestions(missing_sorted, plan.legs, market, extractor.today),
        remarks=_remarks(
            unknown, _company_name(extractor.items, underlying) if unknown else frozenset()
        ),
    )


_RE_UNREAD_NUMBER = re.compile(r"[$+-]?[\d.,/:%-]+", re.ASCII)
# "Abbott (ABT)", "Procter & Gamble, PG", "Duke Energy DUK": the company's name written right
# before its ticker, in capitals, of at most this many words.
_NAME_WORDS_MAX = 3
_NAME_JOINERS = frozenset({"&", "and"})
_NAME_MARKS = str.maketrans("", "", "'.&-")  # "McDonald's", "AT&T", "Coca-Cola"


def _company_name(items: list[_Item], underlying: str) -> frozenset[str]:
    """The words of the company's name written right before the ticker (see above)."""
    names: set[str] = set()
    for index, item in enumerate(items):
        if item.text.lstrip("$").upper().replace(".", "/") != underlying:
            continue
        position = index - 1
        if position >= 0 and items[position].text in ("(", ","):
            position -= 1
        words = 0
        while position >= 0 and words < _NAME_WORDS_MAX:
            text = items[position].text
            if text.lower() in _NAME_JOINERS:
                position -= 1
                continue
            if not (text[:1].isupper() and text.translate(_NAME_MARKS).isalpha()):
                break
            names.add(text)
            words += 1
            position -= 1
    return frozenset(names)


def _remarks(unknown: tuple[str, ...], names: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The unread words that are talk: not courtesies or form labels, not numbers, not the
    company's name written beside its ticker."""
    return tuple(
        word
        for word in unknown
        if word.lower() not in lex.COURTESY_AND_FORM_WORDS
        and not _RE_UNREAD_NUMBER.fullmatch(word)
        and word not in names
    )


def _fingerprint(order: ParsedOrder) -> tuple[object, ...]:
    """What a trader would see as "the same order" (not the notes or leftover tokens)."""
    return (
        order.kind,
        order.legs,
        order.order_type,
        order.price,
        order.price_effect,
        order.tif,
    )


def _with_confidence(scored: list[tuple[float, int, ParsedOrder]]) -> ParsedOrder:
    """The best reading, its confidence and the other readings close enough to ask about.

    Only readings that place at least as many numbers as the best compete (dropping a number
    the trader wrote is not a reading to offer). Confidence is the best reading's share of
    ``exp(score / temperature)`` over the distinct competing readings; the alternatives are
    the order readings within ``ALTERNATIVE_MARGIN`` of the best.
    """
    placed_by_best = scored[0][1]
    distinct: dict[tuple[object, ...], tuple[float, ParsedOrder]] = {}
    for score, placed, order in scored:
        if placed >= placed_by_best:
            distinct.setdefault(_fingerprint(order), (score, order))
    readings = list(distinct.values())
    best_score, best = readings[0]
    weights = [math.exp((score - best_score) / CONFIDENCE_TEMPERATURE) for score, _ in readings]
    confidence = round(1.0 / sum(weights), 3)
    alternatives = tuple(
        order
        for score, order in readings[1:]
        if order.kind == "order" and best_score - score <= ALTERNATIVE_MARGIN
    )[:MAX_ALTERNATIVES]
    if best.kind != "order":
        alternatives = ()
    return replace(best, confidence=confidence, alternatives=alternatives)


def _side_to_ask(best: ParsedOrder, facts: _Facts, ticker_position: int) -> str | None:
    """The unread word where a verb should be, when no known verb gives the side.

    "cash out the 6 CVS 80c ..." names a contract and a price but opens with a verb the
    lexicon lacks: reading it as a buy (the alert convention for "PLTR $150 put 8/22 $3.40")
    could buy what the trader meant to sell, so the trader is asked instead.
    """
    if best.kind != "order" or facts.side is not None or best.strategy not in ("single", "stock"):
        return None
    before = [position for position in facts.unknown_words if position < ticker_position]
    return facts.unknown[0] if before and facts.unknown else None
