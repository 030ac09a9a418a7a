"""What one pass over a message collects (:class:`_Facts`, :class:`_Strike`) and the strategy
tables it reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from nlp._guard import Cue
from nlp._models import Effect, LegType, PriceEffect, Side, TimeInForce
from nlp._roles import NumberSlot


@dataclass(slots=True)
class _Strike:
    value: Decimal
    type: LegType | None
    position: int  # index of the item it was read from, so strikes keep the written order


@dataclass(slots=True)
class _Facts:
    side: Side | None = None
    side_rank: int = 0
    side_from_leading: bool = False  # the side came only from "long"/"short"/"in" at the start
    entry_reference: bool = False  # "from 2.10", "avg 2.10": a price already paid
    effect: Effect | None = None
    width: Decimal | None = None  # "25 wide", "15-point wings": the distance to a body's wings
    explicit_code: bool = False
    first_action: int = -1
    last_action: int = -1  # the latest action: its count follows it ("... on 100 KO: STO 1 KO")
    # every action's side, and whether it was an alert code
    side_marks: list[tuple[int, Side, bool]] = field(default_factory=list)
    price_position: int = -1  # where the price was read (-1: unknown or none)
    stop_level: bool = False  # "stop 240", "SL 1.20": a stop level was written
    total_cost: str | None = None  # "for $215 total": the order's whole cost, not a price
    multiple_price: str | None = None  # "sell ... at 3x": a price as a multiple of the entry
    quantity: int | None = None
    quantity_strong: bool = False
    tickers: list[tuple[int, int, str]] = field(default_factory=list)
    strikes: list[_Strike] = field(default_factory=list)
    # "could you sell 1 DIS 125 call ... at 1.40 or better?": the "?" of a request to the bot,
    # an order only when it names a whole contract and its price (else a question)
    request_question: bool = False
    groups: list[int] = field(default_factory=list)  # group sizes
    types: list[LegType] = field(default_factory=list)
    expirations: list[date] = field(default_factory=list)
    # "today", "tomorrow": an expiration only when no date is written ("today I BTO ... 12/18")
    day_words: list[date] = field(default_factory=list)
    price: Decimal | None = None
    market: bool = False
    price_word: PriceEffect | None = None
    tif: TimeInForce | None = None
    strategy: str | None = None
    strategy_type: LegType | None = None
    strategy_direction: PriceEffect | None = None
    # "broken wing put fly", "BWB": a butterfly bought (long wings) even for a credit
    broken_wing: bool = False
    # "250/240 1x2 put spread": the counts of the strikes in the order written (a ratio spread)
    ratio: tuple[int, int] | None = None
    shares: bool = False
    slots: list[NumberSlot] = field(default_factory=list)  # bare numbers, roles still open
    cues: list[Cue] = field(default_factory=list)  # signs of chatter, for the guard (_guard.py)
    code_at: int = -1  # where the first alert code starts (a character offset)
    status: list[str] = field(default_factory=list)  # quote/position words (STATUS_WORDS)
    unknown: list[str] = field(default_factory=list)
    unknown_words: list[int] = field(default_factory=list)  # positions of unread prose words


_STRATEGY_NAMES = {
    "VERTICAL": "vertical",
    "IRON_CONDOR": "iron_condor",
    "IRON_FLY": "iron_fly",
    "STRADDLE": "straddle",
    "STRANGLE": "strangle",
    "BUTTERFLY": "butterfly",
    "CALENDAR": "calendar",
    "DOUBLE_CALENDAR": "double_calendar",
}
# How a structure is usually opened when the message does not say (iron condors are sold).
_OPENING_DIRECTION: dict[str, PriceEffect] = {
    "iron_condor": "credit",
    "iron_fly": "credit",
    "butterfly": "debit",
}
# How many strikes a strategy takes: bare numbers fill them before they count as a price.
_STRIKES_NEEDED = {
    "vertical": 2,
    "strangle": 2,
    "double_calendar": 2,
    "butterfly": 3,
    "iron_fly": 3,
    "iron_condor": 4,
}
