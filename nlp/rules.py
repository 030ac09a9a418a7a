"""Signal rules typed in chat: ``when <condition> then <order>`` (pure: no network, database
or clock).

``parse_rule(text, today=...)`` returns a :class:`ParsedRule` or a :class:`RuleError` that says
what to fix. Examples::

    when SPY crosses below the gamma flip then buy 1 SPY 0dte atm put
    when QQQ above 520 then sell 1 QQQ 0dte 515 put @ 0.50
    when SPY rises above the call wall then buy 1 SPY 0dte atm call
    when total GEX turns negative then buy 1 SPY 0dte atm put
    if SPX drops below 5,800, sell 1 SPX 0dte 5750/5740 put spread @ 1.10 auto

**Condition.** An underlying (optional when it is the order's own), a subject (its price, or
its total GEX) and a direction against a target: a price (``520``, ``$520.50``, ``5,800``),
the gamma flip (zero gamma), the call wall or the put wall; GEX against zero (negative or
positive). A *crossing* (``crosses``, ``breaks``, ``drops``/``falls`` below, ``rises``/``climbs``
above, GEX ``turns``/``flips``/``goes`` negative) fires only on a move seen from one side to the
other; a *state* (``above 520``, ``is below the put wall``, ``GEX is negative``) fires as soon as
it holds. Either way a rule fires once and re-arms only after the condition clears (see
``services.signals.conditions`` for the hysteresis and the cooldown).

**Order.** The part after ``then`` (or after the first comma) is read by
:func:`nlp.parse_order` when the rule fires, with that day as ``today`` (so ``0dte`` means the
day it fires). It must be a complete order: the legs, quantities, type and expiration; a
missing price makes a market order. The word ``atm`` stands for a strike chosen when the rule
fires: the listed strike nearest the underlying's spot on the order's expiration.
:meth:`ParsedRule.order_text_at` writes that strike in place of ``atm`` and the result is the
exact text handed to the order pipeline (and kept as the order's ``raw_text``). ``atm`` needs
the order on the condition's underlying.

A trailing ``auto`` (or ``auto-execute``) asks for the order to be placed without a
confirmation when it is inside the trader's risk limits.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from nlp import parse_order
from nlp._models import ParsedOrder, format_decimal

MAX_RULE_CHARS = 500
MAX_LEVEL = Decimal(1_000_000)
# the order part must be read one way at least this clearly (the pipeline asks below it)
CLEAR_READING = 0.8
# a strike no listed chain has, standing in for ``atm`` while the order part is checked
ATM_PLACEHOLDER = Decimal("1234.5")

Subject = Literal["price", "total_gex"]
Direction = Literal["above", "below"]
Target = Literal["price", "zero_gamma", "call_wall", "put_wall", "zero"]

EXAMPLES = (
    "when SPY crosses below the gamma flip then buy 1 SPY 0dte atm put",
    "when QQQ above 520 then sell 1 QQQ 0dte 515 put @ 0.50",
    "when total GEX turns negative then buy 1 SPY 0dte atm put",
)

# --- vocabulary ----------------------------------------------------------------------------

# words that start a rule
_LEADS = ("when", "if", "once", "whenever", "as soon as")
# verbs of a crossing: the rule waits to see the move itself
_CROSSING_VERBS = frozenset(
    {"crosses", "cross", "breaks", "break", "moves", "goes", "gets", "turns", "flips", "becomes"}
)
_DOWN_VERBS = frozenset({"drops", "drop", "falls", "fall", "dips", "dip", "sinks", "sink"})
_UP_VERBS = frozenset({"rises", "rise", "climbs", "climb", "pops", "pop", "rallies", "rally"})
# verbs of a state: the rule fires as soon as the condition holds
_STATE_VERBS = frozenset({"is", "trades", "trading", "stays", "sits", "closes", "holds"})
_ABOVE = frozenset({"above", "over", ">", ">="})
_BELOW = frozenset({"below", "under", "<", "<="})
# words around the subject that change nothing ("SPY's price", "the spot", "back above")
_FILLERS = frozenset({"the", "price", "spot", "back", "level", "point", "line", "strike", "of"})
# the gamma flip, the call wall, the put wall, as phrases (after the fillers are gone)
_TARGETS: dict[str, Target] = {
    "gamma flip": "zero_gamma",
    "gex flip": "zero_gamma",
    "flip": "zero_gamma",
    "zero gamma": "zero_gamma",
    "zero-gamma": "zero_gamma",
    "gamma zero": "zero_gamma",
    "zero gex": "zero_gamma",
    "call wall": "call_wall",
    "put wall": "put_wall",
}
# what total gamma exposure is called (longest first, so "total gex" wins over "gex")
_GEX_WORDS = tuple(
    sorted(
        {
            f"{lead}{name}"
            for lead in ("", "total ", "net ", "total net ", "dealer ")
            for name in ("gex", "gamma exposure", "gamma")
        },
        key=len,
        reverse=True,
    )
)
_NEGATIVE = frozenset({"negative", "below zero", "under zero", "< 0", "<0"})
_POSITIVE = frozenset({"positive", "above zero", "over zero", "> 0", ">0"})
# every word the condition grammar knows (anything else that looks like a ticker is one)
_KNOWN_WORDS = (
    _CROSSING_VERBS
    | _DOWN_VERBS
    | _UP_VERBS
    | _STATE_VERBS
    | _ABOVE
    | _BELOW
    | _FILLERS
    | {"gamma", "gex", "flip", "zero", "call", "put", "wall", "total", "net", "exposure", "dealer"}
    | {"negative", "positive", "on", "for", "in", "its", "a", "an"}
)
_TICKER_RE = re.compile(r"^\$?([a-z][a-z0-9]{0,5}(?:[./][a-z0-9]{1,3})?)$", re.ASCII)
_NUMBER_RE = re.compile(r"^\$?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)$", re.ASCII)
_ATM_RE = re.compile(r"\batm\b", re.IGNORECASE)
_AUTO_RE = re.compile(r"[\s,;]+(?:--)?auto(?:[- ]?(?:execute|confirm|place))?[.!]?\s*$", re.I)
_THEN_RE = re.compile(r"\s*,?\s+then\s+|\s*(?:->|=>|→)\s*", re.IGNORECASE)
_COMMA_RE = re.compile(r",(?!\d)\s*")


@dataclass(frozen=True, slots=True)
class Condition:
    """What a rule watches: ``subject`` of ``underlying`` against ``target`` in ``direction``
    (``price`` is set when the target is a price). ``crossing`` rules fire on a move seen from
    the other side; state rules as soon as the condition holds."""

    underlying: str
    subject: Subject
    direction: Direction
    target: Target
    crossing: bool
    price: Decimal | None = None

    def describe(self) -> str:
        """The condition in words: ``SPY crosses below the gamma flip``."""
        if self.subject == "total_gex":
            verb = "turns" if self.crossing else "is"
            sign = "negative" if self.direction == "below" else "positive"
            return f"{self.underlying} total GEX {verb} {sign}"
        verb = "crosses " if self.crossing else ""
        target = {
            "zero_gamma": "the gamma flip",
            "call_wall": "the call wall",
            "put_wall": "the put wall",
        }.get(self.target)
        if target is None:
            target = format_decimal(self.price) if self.price is not None else "?"
        return f"{self.underlying} {verb}{self.direction} {target}"

    def to_json(self) -> dict[str, Any]:
        return {
            "underlying": self.underlying,
            "subject": self.subject,
            "direction": self.direction,
            "target": self.target,
            "crossing": self.crossing,
            "price": None if self.price is None else format_decimal(self.price),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Condition:
        """The condition as stored by :meth:`to_json` (``ValueError`` when it is not one)."""
        subject, direction, target = data["subject"], data["direction"], data["target"]
        if subject not in ("price", "total_gex") or direction not in ("above", "below"):
            raise ValueError(f"not a stored condition: {data!r}")
        if target not in ("price", "zero_gamma", "call_wall", "put_wall", "zero"):
            raise ValueError(f"not a stored condition target: {target!r}")
        price = None if data.get("price") is None else Decimal(str(data["price"]))
        if target == "price" and price is None:
            raise ValueError("a price condition without its price")
        return cls(
            underlying=str(data["underlying"]),
            subject=subject,
            direction=direction,
            target=target,
            crossing=bool(data["crossing"]),
            price=price,
        )


@dataclass(frozen=True, slots=True)
class ParsedRule:
    """A rule as understood: its condition, the order text to send when it fires, whether the
    order's strike is chosen then (``atm``) and whether the trader asked for ``auto``."""

    text: str
    condition: Condition
    order_text: str
    order_underlying: str
    atm: bool = False
    auto_execute: bool = False

    def order_text_at(self, strike: Decimal | None = None) -> str:
        """The order text handed to the pipeline: ``atm`` replaced by ``strike`` (required
        when the rule has ``atm``), written plainly (``580``, ``582.5``)."""
        if not self.atm:
            return self.order_text
        if strike is None or not strike.is_finite() or strike <= 0:
            raise ValueError("an atm rule needs a positive strike")
        return _ATM_RE.sub(format_decimal(strike), self.order_text)

    def atm_expirations(self, today: date) -> tuple[date, ...]:
        """The expirations of the ``atm`` legs when the order is read on ``today`` (the
        chain is searched for the strike on these dates)."""
        if not self.atm:
            return ()
        parsed = parse_order(self.order_text_at(ATM_PLACEHOLDER), today=today)
        return tuple(
            sorted(
                {
                    leg.expiration
                    for leg in parsed.legs
                    if leg.strike == ATM_PLACEHOLDER and leg.expiration is not None
                }
            )
        )

    def order_text_shown(self, spot: Decimal) -> str:
        """The order text for a person: ``atm`` spelled out as the strike it will be."""
        if not self.atm:
            return self.order_text
        words = f"atm (the listed strike nearest {format_decimal(spot)})"
        return _ATM_RE.sub(words, self.order_text)


@dataclass(frozen=True, slots=True)
class RuleError:
    """Why a rule could not be read, with an example of one that can."""

    message: str
    example: str = EXAMPLES[0]


def parse_rule(text: str, *, today: date) -> ParsedRule | RuleError:
    """Read a signal rule (see the module docstring). ``today`` is the day the order part is
    checked against; nothing here reads the clock. Never raises on any string."""
    if not isinstance(text, str):
        return RuleError("A rule is text.")
    cleaned = _clean(text)
    if not cleaned:
        return RuleError("Type a rule: `when <condition> then <order>`.")
    if len(text) > MAX_RULE_CHARS:
        return RuleError(
            f"That rule is {len(text):,} characters long; the limit is {MAX_RULE_CHARS}."
        )
    auto = _AUTO_RE.search(cleaned)
    if auto is not None:
        cleaned = cleaned[: auto.start()].strip()
    split = _split(cleaned)
    if isinstance(split, RuleError):
        return split
    condition_text, order_text = split
    order = _check_order(order_text, today)
    if isinstance(order, RuleError):
        return order
    condition = _parse_condition(condition_text, default_underlying=order.underlying or "")
    if isinstance(condition, RuleError):
        return condition
    atm = bool(_ATM_RE.search(order_text))
    underlying = (order.underlying or "").upper()
    if atm and condition.underlying != underlying:
        return RuleError(
            f"`atm` is the strike nearest {condition.underlying}'s price, so the order must be "
            f"on {condition.underlying} too (it is on {underlying}); type a strike instead."
        )
    return ParsedRule(
        text=cleaned,
        condition=condition,
        order_text=order_text,
        order_underlying=underlying,
        atm=atm,
        auto_execute=auto is not None,
    )


# --- steps ---------------------------------------------------------------------------------


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("’", "'").replace("‘", "'").replace("—", "-").replace("–", "-")
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def _split(text: str) -> tuple[str, str] | RuleError:
    lowered = text.lower()
    lead = next((word for word in _LEADS if lowered.startswith(word + " ")), None)
    if lead is None:
        return RuleError("A rule starts with `when` (or `if`): `when <condition> then <order>`.")
    rest = text[len(lead) :].strip()
    parts = _THEN_RE.split(rest, maxsplit=1)
    if len(parts) != 2:
        parts = _COMMA_RE.split(rest, maxsplit=1)
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        return RuleError("Put the order after `then`: `when <condition> then <order>`.")
    return parts[0].strip(), parts[1].strip()


def _check_order(order_text: str, today: date) -> ParsedOrder | RuleError:
    """The order part must be one complete order (``atm`` standing in for a strike)."""
    probe = _ATM_RE.sub(format_decimal(ATM_PLACEHOLDER), order_text)
    parsed = parse_order(probe, today=today)
    if parsed.kind != "order" or parsed.underlying is None or not parsed.legs:
        why = f" ({parsed.notes[0]})" if parsed.notes else ""
        return RuleError(f"I cannot read `{_shorten(order_text)}` as an order{why}.", EXAMPLES[1])
    if parsed.alternatives and parsed.confidence < CLEAR_READING:
        return RuleError(
            f"`{_shorten(order_text)}` can be read more than one way; type the order in full "
            "(quantity, ticker, expiration, strike, call or put, price).",
            EXAMPLES[1],
        )
    if parsed.missing:
        return RuleError(
            f"The order needs its {', '.join(parsed.missing)} (a rule cannot ask you when it "
            "fires); `atm` picks the strike nearest the price then.",
            EXAMPLES[0],
        )
    if _ATM_RE.search(order_text):
        atm_legs = [leg for leg in parsed.legs if leg.strike == ATM_PLACEHOLDER]
        if not atm_legs or any(leg.type not in ("call", "put") for leg in atm_legs):
            return RuleError("`atm` stands for an option's strike: `buy 1 SPY 0dte atm put`.")
    return parsed


def _shorten(text: str, limit: int = 80) -> str:
    text = text.replace("`", "'")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _parse_condition(text: str, *, default_underlying: str) -> Condition | RuleError:
    words = text.lower().replace("'s ", " ").replace("'s", "").split()
    tickers: list[str] = []
    kept: list[str] = []
    for raw in words:
        word = raw.rstrip(",;:!?.") or raw
        number = _NUMBER_RE.match(word)
        ticker = _TICKER_RE.match(word)
        symbol = ticker.group(1).upper() if ticker is not None and number is None else None
        # the first unknown word is the underlying; a later one is an unknown level or word
        if symbol is not None and word.lstrip("$") not in _KNOWN_WORDS and not tickers:
            tickers.append(symbol)
            if kept and kept[-1] in ("on", "for", "in", "of"):
                kept.pop()  # "GEX on SPY", "for SPY"
            continue
        kept.append(word)
    underlying = tickers[0] if tickers else default_underlying.upper()
    phrase = " ".join(kept)
    gex = _gex_condition(phrase, underlying)
    if gex is not None:
        return gex
    return _price_condition(phrase, underlying)


def _gex_condition(phrase: str, underlying: str) -> Condition | RuleError | None:
    subject = next((w for w in _GEX_WORDS if phrase == w or phrase.startswith(w + " ")), None)
    if subject is None:
        return None
    rest = phrase[len(subject) :].split()
    crossing = False
    if rest and rest[0] in _CROSSING_VERBS | _STATE_VERBS:
        crossing = rest.pop(0) in _CROSSING_VERBS
    sign = " ".join(rest)
    if sign in _NEGATIVE or sign in _POSITIVE:
        direction: Direction = "below" if sign in _NEGATIVE else "above"
        return Condition(underlying, "total_gex", direction, "zero", crossing)
    return RuleError(
        "Total GEX is compared with zero: `total GEX turns negative`, `turns positive`, "
        "`is negative`."
    )


def _price_condition(phrase: str, underlying: str) -> Condition | RuleError:
    words = [word for word in phrase.split() if word not in _FILLERS]
    crossing = False
    verb_side: Direction | None = None
    if words and words[0] in _CROSSING_VERBS | _DOWN_VERBS | _UP_VERBS | _STATE_VERBS:
        verb = words.pop(0)
        crossing = verb not in _STATE_VERBS
        if verb in _DOWN_VERBS:
            verb_side = "below"
        elif verb in _UP_VERBS:
            verb_side = "above"
    if not words or words[0] not in _ABOVE | _BELOW:
        return RuleError(
            "Say which way: `crosses below the gamma flip`, `above 520`, `drops below the put "
            "wall`, `total GEX turns negative`."
        )
    direction: Direction = "above" if words.pop(0) in _ABOVE else "below"
    if verb_side is not None and verb_side != direction:
        return RuleError(f"A price that {phrase.split()[0]} moves {verb_side}, not {direction}.")
    if not underlying:
        return RuleError("Name the underlying the rule watches: `when SPY crosses ...`.")
    target = " ".join(words)
    if target in _TARGETS:
        return Condition(underlying, "price", direction, _TARGETS[target], crossing)
    if len(words) == 1 and words[0].lstrip("$")[:1] in "0123456789.-":
        price = _price(words[0])
        if isinstance(price, RuleError):
            return price
        return Condition(underlying, "price", direction, "price", crossing, price)
    return RuleError(
        f"I do not know the level `{_shorten(target)}`: use a price (`520`), the gamma flip, "
        "the call wall or the put wall."
    )


def _price(word: str) -> Decimal | RuleError:
    if word.lstrip("$").startswith("-"):
        return RuleError("A price level is above zero.")
    match = _NUMBER_RE.match(word)
    if match is None:
        return RuleError(f"`{_shorten(word)}` is not a price: type it like `520` or `520.50`.")
    try:
        value = Decimal(match.group(1).replace(",", ""))
    except InvalidOperation:
        return RuleError(f"`{_shorten(word)}` is not a price.")
    if not value.is_finite() or not math.isfinite(float(value)) or value <= 0:
        return RuleError("A price level is above zero.")
    if value >= MAX_LEVEL:
        return RuleError(f"A price level is below {MAX_LEVEL:,}.")
    return value
