"""Order extraction: spaCy tokens and Matcher spans in, a :class:`ParsedOrder` out."""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc

from nlp import _calendar as cal
from nlp import _guard as guard
from nlp import _lexicon as lex
from nlp._corrections import apply_corrections
from nlp._guard import Cue
from nlp._leg_list import LegReading, ReadPart, read_headed_legs, read_leg_list, written_legs
from nlp._legs import LegRequest, StrikeRef, build_legs
from nlp._models import Effect, Leg, LegType, ParsedOrder, PriceEffect, Side, TimeInForce
from nlp._noise import strip_discord_noise
from nlp._normalize import normalize
from nlp._pipeline import STRATEGY_LABELS, OrderPipeline
from nlp._roles import (
    CUE_DECISIVE,
    CUE_HINT,
    CUE_MEDIUM,
    CUE_STRONG,
    CUE_WEAK,
    Assignment,
    Limits,
    NumberSlot,
    rank_assignments,
)

MAX_INPUT_CHARS = 2000

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_RE_NUM = re.compile(_NUM, re.ASCII)
_RE_INT = re.compile(r"[0-9]+(?:,[0-9]{3})*", re.ASCII)
_RE_TYPED = re.compile(rf"({_NUM})(c|p|call|put|calls|puts)", re.IGNORECASE | re.ASCII)
_RE_SLASH = re.compile(
    r"(?:\d+(?:\.\d+)?|\.\d+)[cp]?(?:/(?:\d+(?:\.\d+)?|\.\d+)[cp]?)+", re.IGNORECASE | re.ASCII
)
_RE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_RE_SIGNED_NUMBER = re.compile(r"[+-]\d+(?:\.\d+)?", re.ASCII)  # "+62" of "+62%"
_RE_QTY_X = re.compile(r"(\d{1,6})x|x(\d{1,6})", re.IGNORECASE | re.ASCII)
_RE_PRICE_QTY = re.compile(r"(\d+(?:\.\d+)?|\.\d+)x(\d{1,6})", re.IGNORECASE | re.ASCII)
_RE_DTE = re.compile(r"(\d{1,3})dte", re.IGNORECASE | re.ASCII)
_RE_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)", re.IGNORECASE | re.ASCII)
_RE_OCC = re.compile(r"\$?([A-Za-z]{1,6})(\d{2})(\d{2})(\d{2})([CPcp])(\d{8})", re.ASCII)
_RE_DOLLAR_TICKER = re.compile(r"\$([A-Za-z]{1,6}(?:[./][A-Za-z]{1,2})?)", re.ASCII)
_RE_UPPER_TICKER = re.compile(r"[A-Z]{1,5}(?:[./][A-Z]{1,2})?", re.ASCII)
_RE_LOWER_TICKER = re.compile(r"[a-z]{2,5}", re.ASCII)
_RE_IGNORE_WORD = re.compile(r"(?:pt|tp|sl)\d{0,2}", re.IGNORECASE | re.ASCII)
_RE_SUFFIXED_PART = re.compile(r"(\d+(?:\.\d+)?|\.\d+)([cp]?)", re.IGNORECASE | re.ASCII)
_AMOUNT_UNITS = frozenset({"k", "m", "b", "mm", "bn"})
_RE_PAST_FORM = re.compile(r"[a-z]{3,}ed", re.ASCII)
_RE_AMOUNT = re.compile(r"(?:\d+(?:\.\d+)?|\.\d+)(?:k|m|b|mm|bn)", re.IGNORECASE | re.ASCII)
_RE_DAY_NUMBER = re.compile(r"\d{1,2}", re.ASCII)  # a month or a day of "11-20"
# After "1-2", these make it a range of counts, widths or days, not a month and a day.
_RANGE_UNITS = (
    lex.SHARE_WORDS | lex.CONTRACT_WORDS | lex.WIDTH_WORDS | lex.SIZE_WORDS
    | frozenset({"x", "dte", "days", "day", "weeks", "months", "k"})
)  # fmt: skip
# An action's clause starts after these: numbers, contracts, tickers, dates, "market".
_CLAUSE_STARTS = STRATEGY_LABELS | {
    "NUM", "TYPED", "SLASH", "ISO", "OCC", "DTICKER", "QTYX", "PRICEQTY", "DTE", "ORD",
    "MARKET", "QTYWORDS", "ACTION", "VERB", "TAKE_OFF",
}  # fmt: skip
# How far before the owner of an idea its copula stands ("was the dog's idea").
_BLAME_REACH = 4
_ACTION_LABELS = frozenset({"ACTION", "VERB", "WISH", "TAKE_OFF"})
_CLAUSE_JOINS = frozenset({"and", "but", "so", "then", "&", "+", "or"})
_PARTICLES = frozenset({"off", "in", "up", "out", "down", "on"})
_MAX_CLAUSE_WORDS = 12
_CLAUSE_ENDS = frozenset({".", ";", "!", "|", "?"})
_LEAD_IN_BREAKS = frozenset({".", ";", "!", ",", ":", "—", "–", "-", "?"})
_PASS_THROUGH = frozenset({"$", ":", "~", "=", "-"})
_QUANTITY_FILLERS = frozenset({"my", "all", "the", "another", "a", "an", "me"})
_MAX_QUANTITY = 1_000_000
# What may end an answer to a question ("filled? nope. ok then ...").
_ANSWER_ENDS = frozenset({".", "!", ",", ";", "...", "…", "-", "—", "–", ":"})
_PRICE_MOVE = "a price move (a result, not an order)"
# Confidence: readings within CONFIDENCE_WINDOW of the best share it (softmax at this
# temperature); those within ALTERNATIVE_MARGIN are offered as "Did you mean ...?".
CONFIDENCE_WINDOW = 4.0
CONFIDENCE_TEMPERATURE = 1.0
ALTERNATIVE_MARGIN = 2.0
MAX_ALTERNATIVES = 3
# A side read from no verb is a coin toss: below the bar the order pipeline asks at.
SIDE_UNKNOWN_CONFIDENCE = 0.5
_MAX_DAY = 31
_COUNT_MAGNITUDE = 5  # "SPY 5 600": 5 is a count because the next number is this many times larger
_PLURAL_TYPES = frozenset({"calls", "puts", "cals", "callz"})
_YEARS_AHEAD = 3  # "Jan 15 27" reads 27 as a year only within this many years of today
_TYPE_BY_LETTER: dict[str, LegType] = {"c": "call", "p": "put"}
_TYPE_BY_NAME: dict[str, LegType] = {"call": "call", "put": "put"}

TokenClass = Literal[
    "NUM", "TYPED", "SLASH", "ISO", "QTYX", "PRICEQTY", "DTE", "ORD", "OCC", "DTICKER", "WORD",
    "SYM",
]  # fmt: skip


_NUMERIC_CLASSES: tuple[tuple[re.Pattern[str], TokenClass], ...] = (
    (_RE_TYPED, "TYPED"),
    (_RE_SLASH, "SLASH"),
    (_RE_ISO, "ISO"),
    (_RE_PRICE_QTY, "PRICEQTY"),
    (_RE_QTY_X, "QTYX"),
    (_RE_DTE, "DTE"),
    (_RE_ORDINAL, "ORD"),
    (_RE_OCC, "OCC"),
    (_RE_DOLLAR_TICKER, "DTICKER"),
)


@lru_cache(maxsize=4096)
def _classify(text: str) -> TokenClass:
    if _RE_NUM.fullmatch(text):
        return "NUM"
    if text[0].isdigit() or text[0] in ".$":
        for pattern, name in _NUMERIC_CLASSES:
            if pattern.fullmatch(text):
                return name
        return "SYM"
    if _RE_QTY_X.fullmatch(text):
        return "QTYX"
    if _RE_OCC.fullmatch(text):
        return "OCC"
    if any(char.isalpha() for char in text):
        return "WORD"
    return "SYM"


@dataclass(frozen=True, slots=True)
class _Item:
    text: str
    lower: str
    label: str  # a Matcher label for phrases, else the token class
    glued: bool  # no whitespace before the next item
    line_end: bool = False  # the last item of its line
    phrase: str = ""  # a Matcher span's lower-case tokens joined by one space ("twenty - five")
    start: int = 0  # where the item starts in the text (a character offset)


def _items(doc: Doc, pipeline: OrderPipeline) -> list[_Item]:
    spans = {}
    matches = pipeline.matcher(doc)
    # Longest match first, then leftmost; overlapping shorter matches are dropped.
    taken: set[int] = set()
    for match_id, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
        if taken.intersection(range(start, end)):
            continue
        taken.update(range(start, end))
        spans[start] = (pipeline.nlp.vocab.strings[match_id], end)
    items: list[_Item] = []
    index = 0
    while index < len(doc):
        token = doc[index]
        if index in spans:
            label, end = spans[index]
            span = doc[index:end]
            phrase = " ".join(token.lower_ for token in span)
            glued = not doc[end - 1].whitespace_
            items.append(
                _Item(
                    span.text, span.text.lower(), label, glued, phrase=phrase, start=span.start_char
                )
            )
            index = end
            continue
        index += 1
        if token.is_space:
            if "\n" in token.text and items:
                items[-1] = replace(items[-1], line_end=True)
            continue
        items.append(
            _Item(
                token.text,
                token.lower_,
                _classify(token.text),
                not token.whitespace_,
                start=token.idx,
            )
        )
    return items


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _is_int_text(text: str) -> bool:
    return _RE_INT.fullmatch(text) is not None


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 2000 <= int(text) <= 2100


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
}
# How a structure is usually opened when the message does not say (iron condors are sold).
_OPENING_DIRECTION: dict[str, PriceEffect] = {
    "iron_condor": "credit",
    "iron_fly": "credit",
    "butterfly": "debit",
}
# How many strikes a strategy takes: bare numbers fill them before they count as a price.
_STRIKES_NEEDED = {"vertical": 2, "strangle": 2, "butterfly": 3, "iron_fly": 3, "iron_condor": 4}
_OPTION_CONTEXT_LABELS = STRATEGY_LABELS | {
    "TYPED", "OCC", "DTE", "ISO", "EXP_THIS_WEEK", "EXP_NEXT_WEEK", "EXP_NEXT_FRIDAY",
    "EXP_THIS_FRIDAY", "EXP_NEXT_MONTH",
}  # fmt: skip
_OPTION_CONTEXT_WORDS = (
    frozenset({"call", "calls", "put", "puts", "weekly", "weeklys", "weeklies", "eow"})
    | lex.EXPIRATION_MARKERS
    | lex.STRIKE_MARKERS
    | lex.CONTRACT_WORDS
    | (frozenset(lex.MONTHS) - {"may"})
    | frozenset(lex.WEEKDAYS)
)


# Trading words that keep their meaning even in the ticker's place ("BUY 2 CALLS", "SELL 5
# SHARES @ 10").
_NEVER_IN_TICKER_SLOT = (
    frozenset(lex.TYPE_WORDS)
    | frozenset(lex.MONTHS)
    | frozenset(lex.WEEKDAYS)
    | frozenset(lex.CODES)
    | frozenset(lex.ACTION_WORDS)
    | frozenset(lex.LEADING_ACTION_WORDS)
    | frozenset(lex.WEAK_ACTION_WORDS)
    | frozenset(lex.LEADING_EFFECT_WORDS)
    | frozenset(lex.EFFECT_WORDS)
    | frozenset(lex.QUANTITY_WORDS)
    | lex.SHARE_WORDS
    | lex.CONTRACT_WORDS
    | lex.MARKET_WORDS
    | lex.PRICE_MARKERS
    | lex.STRIKE_MARKERS
    | lex.EXPIRATION_MARKERS
    | lex.RELATIVE_DATE_WORDS
    | lex.GTC_WORDS
    | lex.DAY_WORDS
    | frozenset({"x", "to", "open", "close"})
)

# Words that may follow a lower-case ticker in an order ("buy spy calls", "sell amd shares").
_ORDER_DETAIL_WORDS = (
    frozenset(lex.TYPE_WORDS)
    | lex.PRICE_MARKERS
    | lex.SHARE_WORDS
    | lex.CONTRACT_WORDS
    | lex.MARKET_WORDS
    | lex.EXPIRATION_MARKERS
    | lex.STRIKE_MARKERS
    | frozenset(lex.MONTHS)
    | frozenset(lex.WEEKDAYS)
    | lex.RELATIVE_DATE_WORDS
    | frozenset({"x"})
)


# The trade's own vocabulary: its action, contract, price and fill. A main clause after a
# condition that holds none of it is a statement of its own ("if this goes to zero, I'm blaming
# Powell."), not the order or a trade decided on ("if SPY breaks 600, I'm in.").
_TRADE_TALK = (
    frozenset(lex.CODES)
    | frozenset(lex.ACTION_WORDS)
    | frozenset(lex.LEADING_ACTION_WORDS)
    | frozenset(lex.WEAK_ACTION_WORDS)
    | frozenset(lex.EFFECT_WORDS)
    | frozenset(lex.TYPE_WORDS)
    | frozenset(lex.CREDIT_DEBIT)
    | lex.PRICE_MARKERS
    | lex.STRIKE_MARKERS
    | lex.EXPIRATION_MARKERS
    | lex.CONTRACT_WORDS
    | lex.SHARE_WORDS
    | lex.CLOSE_WORDS
    | lex.ROLL_WORDS
    | lex.TRADE_NOUNS
    | lex.DOING_VERBS
    | lex.FILL_WORDS
    | (lex.PAST_WORDS - lex.PAST_NOT_REPORTS)
    | guard.GO_VERBS
    | guard.GO_TRADE_VERBS
    | frozenset({"out"})
)
# A question with any of these is about the order (lex.ORDER_QUESTION_WORDS), or about the
# tool that places it ("is the bot up? ..."). "going" and "doing" tell how something goes
# ("how's everyone's week going?", "how is everyone doing?"); the writer or the reader going in
# is named by "I", "we", "you", and "going to" is a modal (see _Extractor._aside_question).
_PROGRESS_VERBS = frozenset({"going", "doing"})
_ORDER_QUESTION_TALK = (
    (_TRADE_TALK - _PROGRESS_VERBS) | lex.QUESTION_TAILS | lex.ORDER_QUESTION_WORDS
    | lex.TESTED_TOOLS | frozenset({"app", "apps", "broker", "account", "platform", "server"})
)  # fmt: skip
# A remark after the order (_Extractor._after_order_remark) holds none of the trade's words;
# "for" and "at" with no number after them are prepositions, not prices.
_REMARK_TALK = _TRADE_TALK - lex.PRICE_MARKERS
_LAUGHED_REMARK_WORDS = 4  # the laugh and three words of the remark's own
# A condition holds a subject, a verb and more before a main clause without its comma ("if
# 2026 taught me anything it's ..."): the main clause's subject stands this far on at least.
_CONDITION_WORDS_BEFORE_MAIN = 4
# In a question to the room (_Extractor._room_question), the words that make it one about
# the order: as in any question, less the world's timing ("is the CPI out yet?").
_ROOM_CLAUSE_TALK = _ORDER_QUESTION_TALK - lex.WORLD_TIMING_WORDS
_RELATIVE_TIME_LABELS = frozenset(
    {"EXP_THIS_WEEK", "EXP_NEXT_WEEK", "EXP_NEXT_FRIDAY", "EXP_THIS_FRIDAY", "EXP_NEXT_MONTH"}
)
# An item that ends a sentence: its punctuation or an emoji.
_SENTENCE_END_ITEM = re.compile(r"[.!?…;]+|[\u2600-\u27bf\U0001f300-\U0001faff\ufe0f]+")
# Punctuation a remark may hold (no price, amount or ticker sign).
_REMARK_PUNCTUATION = re.compile(r"[,'\u2019\"()….!;:\-]+")


class _Extractor:
    """One left-to-right pass over the items, filling :class:`_Facts`."""

    def __init__(self, items: list[_Item], today: date) -> None:
        self.items = items
        self.today = today
        self.facts = _Facts()
        self.pending_price = False
        self.armed_now = False
        self.pending_strike = False
        self.ignore_window = 0
        self.exit_plan = False  # inside a target or stop clause's action (_in_exit_plan)
        self.position = 0  # the item being read
        self.consumed: set[int] = set()
        self.past_forms: list[int] = []  # unread words ending in "-ed" ("skipped", "passed")
        self.lower_openers: list[int] = []  # a lower-case word opening a line before a strike
        self.roll: tuple[int, Side | None] | None = None  # "roll my short ...": where, what side
        self.request_at = -1  # "could you", "can u" opening a request to the bot
        self.relative_dates: list[tuple[int, date]] = []  # "next week": where, which Friday
        self.questions: list[int] = []  # where each "?" asked a question
        strategy_labels = [item.label for item in items if item.label in STRATEGY_LABELS]
        self.has_strategy = bool(strategy_labels)
        self.strikes_needed = _STRIKES_NEEDED.get(
            _STRATEGY_NAMES[strategy_labels[0]] if strategy_labels else "", 1
        )
        self.option_context = any(self._gives_option_context(i) for i in range(len(items)))
        self.has_type_word = any(
            self._is_type_word(i) or item.label == "TYPED" for i, item in enumerate(items)
        )
        self.quote_layout = any(self._is_quote_side(i) for i in range(len(items)))
        if self.quote_layout:
            self.facts.status.append("a quote (bid and ask)")

    # --- helpers ---------------------------------------------------------------------------------
    def _at(self, index: int) -> _Item | None:
        return self.items[index] if 0 <= index < len(self.items) else None

    def _gives_option_context(self, index: int) -> bool:
        item = self.items[index]
        if item.label in _OPTION_CONTEXT_LABELS:
            return True
        if item.label == "SLASH":
            return not self._is_fraction(index)
        return item.label == "WORD" and item.lower in _OPTION_CONTEXT_WORDS

    def _is_quote_side(self, index: int) -> bool:
        """True for a side of a quoted market: "ask 6.35", "5.10 ask", "4.90 bid", "bid/ask",
        and the "x" of "3.20 x 3.40" (bid x ask; a count is whole: "600c x 3")."""
        item = self.items[index]
        previous, following = self._at(index - 1), self._at(index + 1)
        if item.lower == "x":
            return all(
                near is not None and near.label == "NUM" and "." in near.text
                for near in (previous, following)
            )
        if item.label != "WORD" or item.lower not in lex.BID_WORDS | lex.ASK_WORDS:
            return False
        if previous is not None and previous.label == "NUM":
            return True
        if item.lower in lex.BID_WORDS:
            ask = self._at(index + 2)  # "bid/ask", "bid-ask": the spread itself
            return (
                following is not None
                and following.text in ("/", "-")
                and ask is not None
                and ask.lower in lex.ASK_WORDS
            )
        if following is not None and following.text in (":", "$", "-"):
            following = self._at(index + 2)
        return following is not None and following.label in ("NUM", "SLASH")

    def _chatter(self, reason: str, text: str, *, frames: bool) -> None:
        """Record a cue of chatter that an explicit alert code outweighs.

        ``frames`` marks words that, written before an alert code, make the code something
        reported or conditional rather than placed: "Yesterday: STO ...", "Whale alert BTO
        ...", "if SPY breaks 600, BTO ...". Such a frame outweighs the code (see guard.decide).
        """
        weight = guard.FRAME if frames and not self.facts.explicit_code else guard.SOFT
        self.facts.cues.append(Cue(reason, text, self.items[self.position].start, weight))

    def _veto(self, reason: str, text: str) -> None:
        """Record a cue that makes the message chatter unless the instruction stands in a later
        sentence of its own (see guard.decide)."""
        self.facts.cues.append(Cue(reason, text, self.items[self.position].start, guard.VETO))

    def _is_fraction(self, index: int) -> bool:
        item = self.items[index]
        after = self._at(index + 1)
        parts = item.text.split("/")
        if len(parts) != 2 or not all(part.isdigit() for part in parts):
            return False
        if after is not None and after.lower in lex.SIZE_WORDS:
            return True
        previous = self._at(index - 1)
        # "Trim 1/2 NVDA 200c 12/18 @ 6.40", "sell 1/3 ...": a part of the position sold
        return (
            parts in (["1", "2"], ["1", "3"], ["2", "3"], ["1", "4"], ["3", "4"])
            and previous is not None
            and previous.lower in lex.ACTION_WORDS
            and lex.ACTION_WORDS[previous.lower][0] == "sell"
            and (self._before_ticker(index + 1) or self._strikes_follow(index + 1))
        )

    def _is_type_word(self, index: int) -> bool:
        item = self._at(index)
        if item is None or item.label != "WORD" or item.lower not in lex.TYPE_WORDS:
            return False
        if item.lower in ("c", "p"):  # "600 c", and "600 12/18 C" in alerts
            previous = self._at(index - 1)
            return previous is not None and previous.label in ("NUM", "SLASH", "ISO")
        following = self._at(index + 1)
        # "call wall 7000", "put wall": a dealer-positioning level, not an option
        return following is None or following.lower not in lex.LEVEL_NOUNS

    def _strategy_type_at(self, index: int) -> LegType | None:
        item = self._at(index)
        if item is None or item.label not in STRATEGY_LABELS:
            return None
        words = item.lower.split()
        return lex.TYPE_WORDS.get(words[0]) if words else None

    def _before_idiom(self, index: int) -> str | None:
        """The object of a saying right after an action: "buy the dip", "sell the news",
        "selling premium"."""
        if self.items[index].line_end:
            return None  # "Side: Buy\nPremium: 2.15": the next line is another field
        article, noun = self._at(index + 1), self._at(index + 2)
        if article is not None and article.lower in lex.STRATEGY_OBJECTS:
            return article.text
        if article is None or noun is None or article.lower != "the":
            return None
        return noun.text if noun.lower in lex.IDIOM_OBJECTS else None

    def _tests_the_tool(self, index: int) -> bool:
        """True for a test of the tool, not negated: "testing the bot", "bot test", "test
        alert", or "test"/"testing" heading the message ("testing: BTO ...", "test test");
        "not a test", "SPY testing 600" are not."""
        before = [item.lower for item in self.items[max(0, index - 3) : index]]
        if any(word in lex.NEGATING_ADVERBS or word in lex.NEGATION_WORDS for word in before):
            return False  # "(this one is real, not a test)"
        if before[-1:] and before[-1] in lex.TESTED_TOOLS:
            return True  # "bot test - buy ..."
        position = index + 1
        while (item := self._at(position)) is not None and item.lower in (
            "the", "this", "my", "a", "an", "our", "new"
        ):  # fmt: skip
            position += 1
        tested = self._at(position)
        if tested is not None and tested.lower in lex.TESTED_TOOLS:
            return True  # "testing the bot, ...", "test alert please ignore"
        heads = index == 0 or (index == 1 and self.items[0].lower == "just")
        following = self._at(index + 1)
        return heads and (
            following is None
            or following.text in (":", "-", "—", "–", ",")
            or following.lower in lex.TEST_WORDS
        )

    def _condition_phrase(self, index: int) -> str | None:
        """The condition ending at ``index`` ("in case", "as long as", "as soon as"), or None
        ("in any case" is not one)."""
        for phrase in lex.CONDITION_PHRASES:
            start = index - len(phrase) + 1
            if start < 0:
                continue
            words = tuple(item.lower for item in self.items[start : index + 1])
            following = self._at(index + 1)
            if words != phrase or following is None or following.text in _ANSWER_ENDS:
                continue  # ("... just in case": a precaution, not a condition)
            if phrase == ("in", "case") and 0 <= self.facts.first_action < start:
                continue  # "buy 2 SPY 585p ... in case SPY drops": a hedge bought now
            if phrase[-1] in lex.MOMENT_NOUNS and not self._moment_clause(start):
                continue  # "at the moment", "the second leg": a time or an ordinal
            return " ".join(phrase)
        return None

    def _moment_clause(self, start: int) -> bool:
        """True for "the moment" (or "minute", "second", "instant") at ``start`` opening a
        clause of time, "as soon as" said another way: not after a preposition ("at the
        moment"), and a subject and its verb follow ("the moment gold breaks 4200", "the
        second it dips")."""
        before = self._at(start - 1)
        if before is not None and before.lower in lex.TIME_PREPOSITIONS:
            return False
        subject, verb = self._at(start + 2), self._at(start + 3)
        if subject is None or verb is None or "WORD" not in (subject.label, verb.label):
            return False
        if subject.lower in lex.SUBJECT_PRONOUNS:
            return verb.label == "WORD"
        return (
            verb.label == "WORD"
            and subject.lower not in lex.TIMEFRAME_NOUNS
            and verb.lower.endswith("s")
            and not self._is_type_word(start + 3)
            and verb.lower not in lex.SHARE_WORDS | lex.CONTRACT_WORDS
        )

    def _shows_form(self, index: int) -> bool:
        """True for "like this:" / "like so:" before a colon: the form of an example."""
        what, colon = self._at(index + 1), self._at(index + 2)
        return (
            what is not None
            and what.lower in ("this", "so", "these")
            and colon is not None
            and colon.text == ":"
        )

    def _connective(self, index: int) -> bool:
        """True for "as a result": a connective, not a report heading."""
        words = [item.lower for item in self.items[max(0, index - 2) : index]]
        return words == ["as", "a"]

    def _after_auto(self, index: int) -> bool:
        """True for "generated" written "auto-generated" or "auto generated"."""
        words = [item.lower for item in self.items[max(0, index - 2) : index]]
        return words[-1:] == ["auto"] or words == ["auto", "-"]

    def _conditions_code(self, index: int) -> bool:
        """True for a condition in the clause of an alert code, after its details ("STO 1 SPY
        640p 12/18 @ 3 if SPY holds 600"); after a comma or on a line of its own it is the
        plan for the position ("..., add more if it dips", "Will roll if tested")."""
        position = index - 1
        while (item := self._at(position)) is not None:
            if item.line_end or item.text in _CLAUSE_ENDS or item.text == ",":
                return False
            if item.lower in lex.CODES:
                return True
            position -= 1
        return False

    def _negated_statement(self, index: int) -> bool:
        """True for an auxiliary opening the message with its negation and a sentence ended by
        a full stop, not a "?" ("didn't fill. buy ...", "doesn't matter. sell ..."): a
        statement with its subject left out, not a question."""
        following = self._at(index + 1)
        if following is None or following.lower not in ("n't", "nt"):
            return False
        for item in self.items[index + 2 :]:
            if item.text.startswith("?"):
                return False
            if item.text in (".", "!") or item.line_end:
                return True
        return False

    def _before_gerund(self, index: int) -> bool:
        """True for a past verb right before a gerund that is no trade ("stopped being a
        chicken", "stopped overthinking it"): it tells what the writer ceased doing, a statement
        about the writer, not a trade reported, so it heads nothing after it ("stopped buying
        calls" still reports trades)."""
        following = self._at(index + 1)
        return (
            following is not None
            and following.label == "WORD"
            and following.lower.endswith("ing")
            and len(following.lower) > 4
            and following.lower not in lex.ACTION_WORDS
            and following.lower not in lex.WEAK_ACTION_WORDS
            and following.lower not in lex.LEADING_ACTION_WORDS
            and following.lower not in lex.PAST_AFTER_GERUND_TRADES
        )

    def _after_chart_gap(self, index: int) -> bool:
        """True for "filled" / "fill" after "gap" ("gap filled", "the gap fill"): the chart's
        price gap closing, not an order's fill."""
        previous = self._at(index - 1)
        return previous is not None and previous.lower in ("gap", "gaps")

    def _market_subject(self, index: int) -> bool:
        """True when the subject right before ``index`` (past an auxiliary or an adverb) is the
        stock or the market ("it ran", "it's gonna", "SPY was", "the market will"), not a
        person: its verb tells what the price did or will do."""
        position = index - 1
        while (item := self._at(position)) is not None and item.lower in lex.SUBJECT_LINKS:
            position -= 1
        subject = self._at(position)
        if subject is None:
            return False
        if subject.lower in lex.MARKET_SUBJECTS:
            return True
        return subject.label == "DTICKER" or (
            subject.lower not in lex.NOT_TICKERS
            and _RE_UPPER_TICKER.fullmatch(subject.text) is not None
            and len(subject.text) >= 2
        )

    def _takes_offer(self, index: int) -> bool:
        """True for "I'll take" / "we'll take" right before the count taken ("I'll take 5 of the
        IWM 260c ...", "I'll take a couple of ..."): the formula of ordering, an acceptance made
        now, not a plan (a condition or a later time in the message still counts)."""
        subject, verb = self._at(index - 1), self._at(index + 1)
        if subject is None or verb is None:
            return False
        if subject.lower not in ("i", "we") or verb.lower != "take":
            return False
        return self._is_count(index + 2)

    def _subjectless_modal(self, index: int) -> bool:
        """True for a modal opening the message right before a bare verb or a perfect ("would
        be nice to ...", "should've bought more", "could have waited"): a question puts its
        subject after the modal ("would you ...", "should I ..."), so this is a statement with
        its subject left out, a wish or a regret."""
        following = self._at(index + 1)
        return (
            self.items[index].lower in guard.MODAL_CUES
            and following is not None
            and following.lower in lex.BARE_AFTER_MODAL
        )

    def _self_answered(self, index: int) -> bool:
        """True when the question opening the message ends at a "?" the writer answers right
        after it ("Am I sure? yes. STO ...", "too late? nah. buy ..."): asked of oneself."""
        for position in range(index + 1, len(self.items)):
            item = self.items[position]
            if item.text.startswith("?"):
                return self._answered(position)
            if item.text in (".", "!") or item.line_end:
                return False
        return False

    def _frame_over(self, index: int) -> bool:
        """True for a frame word declared over or fired in its own clause ("quiz is over, now
        ...", "paper trading is done, going live: ...", "reminder to myself done, ...", "the
        reminder went off, ...", "price alert hit, so ..."): the quiz, the practice or the
        reminder has ended, and what follows is not part of it."""
        items = self.items[index + 1 : index + 6]
        for offset, item in enumerate(items):
            if item.text in _ANSWER_ENDS or item.label in ("ACTION", "VERB"):
                return False
            if item.lower in lex.DEFERRED_WORDS:
                if offset > 0 and items[offset - 1].lower in lex.UNTIL_WORDS:
                    return False  # "idea for later: ...": a plan for later, still a frame
                rest = items[offset + 1 :]
                return bool(rest) and rest[0].text in _ANSWER_ENDS  # "journal can wait, ..."
            if item.lower in lex.OVER_WORDS | lex.FIRED_WORDS:
                rest = items[offset + 1 :]
                if rest and item.lower in lex.FIRED_WORDS and rest[0].lower == "off":
                    rest = rest[1:]  # "the reminder went off, ..."
                return bool(rest) and rest[0].text in _ANSWER_ENDS
        return False

    def _result_on(self, index: int) -> bool:
        """True for a profit or loss on a quoted alert code: "down 2k on STO ...", "up $500 on
        BTO ..." (the amount, then "on" and the code)."""
        for position in range(index + 2, index + 5):
            item = self.items[position] if position < len(self.items) else None
            if item is None:
                return False
            if item.lower == "on":
                code = self._at(position + 1)
                return code is not None and code.lower in lex.CODES
            if item.text in _ANSWER_ENDS or item.label in ("ACTION", "VERB"):
                return False
        return False

    def _note_to_self(self, index: int) -> bool:
        """True for "note to self" / "note to myself": a reminder the writer keeps."""
        following, after = self._at(index + 1), self._at(index + 2)
        return (
            following is not None
            and following.lower == "to"
            and after is not None
            and after.lower in lex.REFLEXIVES
        )

    def _disowns_trade(self, index: int) -> bool:
        """True for "not my trade", "not our play": the trade quoted is someone else's."""
        following, after = self._at(index + 1), self._at(index + 2)
        return (
            following is not None
            and following.lower in {"my", "our"}
            and after is not None
            and after.lower in lex.TRADE_NOUNS
        )

    def _frame_denied(self, index: int) -> bool:
        """True for a frame word negated in its own clause ("not a backtest:", "this isn't a
        tutorial,", "no reminder needed,"): the writer says the frame does not hold."""
        for position in range(index - 1, max(index - 4, -1), -1):
            item = self.items[position]
            if item.text in _ANSWER_ENDS:
                return False
            if item.lower in lex.NEGATING_ADVERBS or item.lower in {"n't", "nt"}:
                return True
        return False

    def _deliberation_over(self, index: int) -> bool:
        """True for a deliberation declared over, in its own clause ("thinking done.", "done
        waiting,", "enough thinking.", "no more waiting,", "after thinking it over,"): what
        follows is the decision, not a plan."""
        previous, following = self._at(index - 1), self._at(index + 1)
        before = self._at(index - 2)
        if previous is not None and (
            previous.lower in lex.OVER_WORDS
            or previous.lower == "after"
            or (previous.lower == "more" and before is not None and before.lower == "no")
        ):
            position = index + 1
        elif following is not None and following.lower in lex.OVER_WORDS:
            position = index + 2
        else:
            return False
        for item in self.items[position : position + 4]:  # "after thinking it over,"
            if item.text in _ANSWER_ENDS:
                return True
            if item.label in ("ACTION", "VERB") or item.lower in lex.ACTION_WORDS:
                return False
        return False

    def _answer_at(self, index: int) -> str | None:
        """The answer word at ``index`` when a sentence break or the end follows it ("nope.",
        "yes,"), else None."""
        answer, after = self._at(index), self._at(index + 1)
        if answer is not None and answer.lower == "not" and after is not None:
            if after.lower != "yet":
                return None
            answer, after = after, self._at(index + 2)  # "filled? not yet. ..."
            return "not yet" if after is None or after.text in _ANSWER_ENDS else None
        if answer is None or answer.lower not in lex.ANSWER_WORDS:
            return None
        if after is not None and not answer.line_end and after.text not in _ANSWER_ENDS:
            return None
        return answer.lower

    def _answered(self, index: int) -> bool:
        """True for a "?" the writer answers right after it, with more after the answer
        ("filled? nope. ok then buy ..."): a question to oneself, not one asked."""
        if self._answer_at(index + 1) is None:
            return False
        rest = self.items[index + 2 :]
        return any(item.text not in _ANSWER_ENDS for item in rest)

    def _fill_denied(self, index: int) -> bool:
        """True for a fill negated ("not filled yet", "never filled") or asked about and
        denied ("filled? nope"): no fill is reported."""
        if self._negated(index):
            return True
        mark = self._at(index + 1)
        return (
            mark is not None
            and mark.text.startswith("?")
            and self._answer_at(index + 2) in lex.NEGATIVE_ANSWERS
        )

    def _negated(self, index: int) -> bool:
        """True for a word right after a negation ("not kidding", "n't joking")."""
        previous = self._at(index - 1)
        return previous is not None and (
            previous.lower in lex.NEGATING_ADVERBS or previous.lower in lex.NEGATION_WORDS
        )

    def _refuses(self, index: int) -> bool:
        """True for "no way" before a first-person clause ("no way I'm closing ..."): a refusal
        ("no way SPY holds here" doubts the market instead)."""
        way, subject = self._at(index + 1), self._at(index + 2)
        return (
            way is not None
            and way.lower == "way"
            and subject is not None
            and subject.lower in guard.FIRST_PERSON
        )

    def _subject_before(self, index: int) -> str | None:
        """The subject right before an action when it is not the writer ("you STO ...", "you
        can't STO ...", "you should BTO ...")."""
        position = index - 1
        while (item := self._at(position)) is not None and (
            item.lower in lex.SUBJECT_ADVERBS or item.lower in lex.SUBJECT_MODALS
        ):
            position -= 1
        item = self._at(position)
        if item is None or item.lower not in lex.OTHER_SUBJECTS:
            return None
        modal = self._at(position - 1)
        if (
            modal is not None
            and modal.lower in guard.REQUEST_MODALS
            and item.lower in guard.REQUEST_ADDRESSEES
        ):
            return None  # "could you grab me 2 ...": a request to the reader, not their trade
        return item.text

    def _praise_before(self, index: int) -> str | None:
        """The praise right before an action ("good job taking profits on ...", "kudos on
        cutting ..."): the action praised is a trade already made, and someone else's."""
        position = index - 1
        for skippable in (lex.PRAISE_LINKS, lex.PRAISE_ADDRESSEES):
            if (item := self._at(position)) is not None and item.lower in skippable:
                position -= 1
        item = self._at(position)
        if item is None or not (item.label == "PRAISE" or item.lower in lex.PRAISE_WORDS):
            return None
        return item.text

    def _after_preposition(self, index: int) -> bool:
        """True for a word right after a preposition ("for me", "as for me"): its object, not
        a speaker opening a caption."""
        previous = self._at(index - 1)
        return previous is not None and previous.lower in lex.OBJECT_PREPOSITIONS

    def _meme_opener(self, index: int) -> bool:
        """ "Me after BTO ...", "me watching my ...": a meme's caption, not "me too, BTO ...".
        The caption opens its sentence, also after a heading's colon ("caption for the pic: me
        after STO ...")."""
        following = self._at(index + 1)
        previous = self._at(index - 1)
        opens = self._opens_sentence(index) or (previous is not None and previous.text == ":")
        return opens and following is not None and following.lower in lex.MEME_CAPTIONS

    def _speaker_label(self, index: int) -> bool:
        """True for a person named as a speaker before a colon, opening the message ("wife:
        we have savings at home", "my boss: ..."): a dialogue, the words after it are that
        person's, not the writer's instruction."""
        if not self._before_colon(index) or self.items[index].lower not in lex.SPEAKER_NOUNS:
            return False
        previous = self._at(index - 1)
        if previous is not None and previous.lower in lex.HOLDER_POSSESSIVES:
            index -= 1
        return index == 0

    def _self_speaker(self, index: int) -> bool:
        """True for a part of the writer named as a speaker in a heading opening the message
        (lex.SELF_SPEAKERS: "my last brain cell at the open: BTO ...", "my gut: sell ..."): the
        heading is the writer's possessive and a few words, the part's noun among them, before
        the colon; the words after it are the part's line, a meme."""
        first = self.items[0]
        if first.lower not in lex.HOLDER_POSSESSIVES or index > lex.SPEAKER_HEADING_WORDS:
            return False
        limit = min(len(self.items), index + lex.SPEAKER_HEADING_WORDS + 1)
        colon = next((at for at in range(index, limit) if self.items[at].text == ":"), None)
        return colon is not None and all(
            item.label == "WORD" and not item.line_end for item in self.items[:colon]
        )

    def _hyperbole(self, index: int) -> str | None:
        """The object of an action that is no security but a thing one owns or is ("sell my
        house and BTO ...", "I'd sell my kidney for ..."): hyperbole, a joke, not a trade."""
        position = index + 1
        while (item := self._at(position)) is not None and item.lower in lex.HOLDER_POSSESSIVES:
            position += 1
        owned = self._at(position)
        if position == index + 1 or owned is None or owned.lower not in lex.HYPERBOLE_OBJECTS:
            return None
        after = self._at(position + 1)
        if not owned.text.islower() or (after is not None and after.label in ("NUM", "TYPED")):
            return None  # "sell my CAT 400 calls": a ticker in capitals, or before its strike
        return f"{self.items[index].text} {self.items[position - 1].text} {owned.text}"

    def _before_hypothesis(self, index: int) -> bool:
        """True for "in theory", "in principle": what follows is reasoned about, not done."""
        following = self._at(index + 1)
        return following is not None and following.lower in lex.HYPOTHESIS_NOUNS

    def _modifies_noun(self, index: int) -> bool:
        """True for an action word that only modifies the noun after it ("the buying power",
        "selling pressure", "a sell-off"): a compound noun, not the action."""
        following = self._at(index + 1)
        if following is None:
            return False
        if following.text == "-" and self.items[index].glued and following.glued:
            head = self._at(index + 2)
            heads = lex.HYPHENED_ACTION_HEADS | lex.ACTION_COMPOUND_HEADS
            return head is not None and head.lower in heads
        return following.lower in lex.ACTION_COMPOUND_HEADS

    def _after_noun_modifier(self, index: int) -> bool:
        previous = self._at(index - 1)
        return previous is not None and previous.lower in lex.NOUN_MODIFIERS

    def _repeats_saying(self, index: int) -> bool:
        """True for "saying" after a link that repeats it ("keeps saying", "he's been saying",
        "is always saying") in a clause whose subject is not the writer ("I keep saying I
        should, so: ..." is the writer's own)."""
        previous = self._at(index - 1)
        if previous is None or previous.lower not in lex.REPEATED_SAYING_LINKS:
            return False
        return not any(word in guard.FIRST_PERSON for word in self._clause_before(index))

    def _other_world(self, index: int) -> bool:
        """True for "in another timeline", "in a parallel universe", "in a perfect world":
        "in", an optional article, a marker of another world and the world's noun."""
        marker = self._at(index - 1)
        if marker is None or marker.lower not in lex.COUNTERFACTUAL_WORLD_MARKERS:
            return False
        position = index - 2
        if (article := self._at(position)) is not None and article.lower in ("a", "an", "the"):
            position -= 1
        link = self._at(position)
        return link is not None and link.lower == "in"

    def _update_posts_code(self, index: int) -> bool:
        """True for "update" heading a line of its own, addressed at most to the room ("Runner
        update", "update for the room"), when the next line opens with an alert code: the
        update is that alert, posted now ("Position update: long 2 ..." and "Update on this
        morning's BTO ..." report)."""
        if self.items[index].lower not in lex.UPDATE_HEADINGS:
            return False
        position = index + 1
        while (item := self._at(position)) is not None and not self.items[position - 1].line_end:
            if item.lower not in lex.ROOM_ADDRESS_WORDS:
                return False
            position += 1
        code = self._at(position)
        # the heading ends its line, and the next line opens with the code
        return code is not None and self.items[position - 1].line_end and code.lower in lex.CODES

    def _idea_not_posted(self, index: int) -> bool:
        """True for "idea" that heads no trade idea: the idea before applied to the writer's
        own ("same idea on my IWM:", "same idea for me:"), or a blame in a statement ("this
        was her idea", "it's the dog's idea"): whose idea it was, not an idea posted."""
        previous = self._at(index - 1)
        following = self._at(index + 1)
        if previous is None:
            return False
        if previous.lower == "same":
            owner = self._at(index + 2)
            return (
                following is not None
                and following.lower in lex.IDEA_APPLIED_LINKS
                and owner is not None
                and owner.lower in lex.IDEA_OWN_WORDS
            )
        if previous.lower not in lex.OTHER_POSSESSIVES:
            return False
        start = self._sentence_start(index)
        return any(
            item.lower in lex.BLAME_COPULAS
            for item in self.items[max(start, index - _BLAME_REACH) : index - 1]
        )

    def _action_follows(self, index: int) -> bool:
        """True when an action comes right after ``index`` (past "to", ":" or a quote)."""
        position = index + 1
        while (item := self._at(position)) is not None and item.text in ("to", ":", "'", '"'):
            position += 1
        item = self._at(position)
        return item is not None and (
            item.label in ("ACTION", "VERB")
            or item.lower in lex.CODES
            or item.lower in lex.ACTION_WORDS
        )

    def _after_holder(self, index: int) -> bool:
        previous = self._at(index - 1)
        return previous is not None and previous.lower in lex.HOLDER_WORDS

    def _level_follows(self, index: int) -> bool:
        """True when a number follows a stop word, maybe after "at", "@", "$" or "limit"."""
        for offset in range(3):
            item = self._at(index + offset)
            if item is None:
                return False
            if item.label in ("NUM", "SLASH"):
                return True
            if item.text not in ("@", "$", ":") and item.lower not in ("at", "limit", "lmt"):
                return False
        return False

    def _after_the_or_at(self, index: int) -> bool:
        previous = self._at(index - 1)
        return previous is not None and previous.lower in ("the", "at", "@")

    def _before_price(self, index: int) -> bool:
        item = self._at(index)
        if item is not None and item.text == "$":
            return True
        return item is not None and item.label == "NUM" and "." in item.text

    def _counts_shares(self, index: int) -> bool:
        """True when a share word names what is traded ("100 shares", "shares of KO", "KO
        shares"), not shares already held ("... 70c against my shares")."""
        previous, following = self._at(index - 1), self._at(index + 1)
        if self._held_shares(index):
            return False
        if previous is not None and (
            previous.label in ("NUM", "QTYWORDS", "QTYX", "DTICKER")
            or self._before_ticker(index - 1)
        ):
            return True
        if previous is not None and previous.lower in lex.QUANTITY_WORDS:
            return True
        return following is not None and (
            following.lower == "of"
            or following.label == "DTICKER"
            or self._before_ticker(index + 1)
        )

    def _held_shares(self, index: int) -> bool:
        """True for the shares a covered call is written on: "sell 2 covered calls on my INTC
        shares", "write calls on my 300 shares of T" (a possessive before the share word in a
        message about options); "sell my 200 shares of T" sells them."""
        item = self._at(index)
        if not self.has_type_word or item is None or item.lower not in lex.SHARE_WORDS:
            return False
        for offset in (1, 2, 3):
            item = self._at(index - offset)
            if item is None or item.line_end:
                return False
            if item.lower in lex.HOLDER_POSSESSIVES:
                return True
        return False

    def _amount_follows(self, index: int) -> bool:
        """True for an amount of money at ``index``: "$400", "1.2k", "$1,240" (after "up" or
        "down" it is a profit or a loss, not a price)."""
        item = self._at(index)
        if item is not None and item.text == "$":
            item = self._at(index + 1)
            return item is not None and item.label == "NUM"
        if item is not None and _RE_AMOUNT.fullmatch(item.text):
            return True  # "1.2k" as one word
        unit = self._at(index + 1)
        return (
            item is not None
            and item.label == "NUM"
            and unit is not None
            and item.glued
            and unit.lower in _AMOUNT_UNITS
        )

    def _signed_amount(self, index: int) -> bool:
        """True for a signed dollar amount ("+$1,240", "-$310"): a profit or a loss."""
        dollar, amount = self._at(index + 1), self._at(index + 2)
        return (
            dollar is not None
            and dollar.text == "$"
            and amount is not None
            and amount.label == "NUM"
        )

    def _entry_price_follows(self, index: int) -> bool:
        """True for "at 1.45" or "@ 1.45" at ``index``: after a leading "in" or "long" it is
        the price a position was entered at ("in at 1.45 on the AMD 200c"), a report."""
        marker, price = self._at(index), self._at(index + 1)
        if price is not None and price.text == "$":
            price = self._at(index + 2)
        return (
            marker is not None
            and marker.lower in ("at", "@")
            and price is not None
            and price.label == "NUM"
        )

    def _rolled_side(self, index: int) -> Side | None:
        """The side that opens the new contract of "roll my short 5 QQQ 580p ...", "roll down
        and out my 2 short NVDA ...": a short is rolled by selling the new one, a long by
        buying it (None when the roll does not say)."""
        for offset in range(1, 7):
            item = self._at(index + offset)
            if item is None:
                return None
            if item.lower in lex.ROLLED_POSITIONS:
                return lex.ROLLED_POSITIONS[item.lower]
            if not (item.lower in lex.ROLL_FILLERS or self._is_count(index + offset)):
                return None
        return None

    def _strike_items(self) -> int:
        """How many strikes the message writes with their type ("380 calls", "430c")."""
        return sum(
            1
            for index, item in enumerate(self.items)
            if self._is_strike_item(index)
            or (item.label == "NUM" and self._before_strike_marker(index + 1))
        )

    def _read_roll(self) -> None:
        """A roll of a position it names ("roll my short 5 QQQ 580p 10/9 out to 10/23, .65
        credit"): one contract at two expirations is a calendar whose far leg takes the rolled
        side (a short is bought back and sold further out). Any other roll stays refused: a
        roll that does not say short or long, or that changes the strike, is sent as legs."""
        facts = self.facts
        if self.roll is None or facts.first_action >= 0 or facts.strategy is not None:
            return
        index, side = self.roll
        strikes = {strike.value for strike in facts.strikes}
        expirations = len(set(facts.expirations))
        if side is None:
            return
        if expirations == 2 and max(len(strikes), self._strike_items()) == 1:
            strategy = "calendar"
        elif self._strike_items() == 2 and expirations in (1, 2):
            # "roll my long 3 TSLA 380 calls up to the 420 strike, same expiry 12/18", "roll
            # short TSLA 400c 5/21/27 up & out to 6/17/27 430c": the old contract is closed,
            # the new one opened
            strategy = "roll"
            self.strikes_needed = 2
        else:
            return
        self.position = index
        if self._instruction_veto(index, 2):
            return  # "he's rolling his short ...", "not rolling my short ...": talked about
        facts.cues = [
            cue
            for cue in facts.cues
            if cue.reason != guard.ROLL and not cue.reason.startswith(_PRICE_MOVE)
        ]
        facts.strategy = strategy
        facts.side, facts.side_rank = side, 2
        facts.first_action = facts.last_action = index

    def _after_to(self, index: int) -> bool:
        previous = self._at(index - 1)
        return previous is not None and previous.lower == "to"

    def _after_entry_price(self, index: int) -> bool:
        """True for an exit right after an entry and its price ("entry 6.40 exit 11.20",
        "in 1.10 out 2.30"): a trade's round trip reported, not an order."""
        price, marker = self._at(index - 1), self._at(index - 2)
        if price is not None and price.text == ",":
            price, marker = marker, self._at(index - 3)
        return (
            price is not None
            and price.label == "NUM"
            and marker is not None
            and marker.lower in lex.ENTRY_MARKERS
            and lex.ACTION_WORDS[self.items[index].lower][0] == "sell"
        )

    def _after_bot_address(self, index: int) -> bool:
        """True right after the bot addressed by name opening the message ("bot, short 100
        SPY ...", "hey tastybot: long 50 AMD ..."): the instruction starts there."""
        if index < 2 or self.items[index - 1].text not in (",", ":"):
            return False
        return all(item.lower in guard.INTERJECTIONS for item in self.items[: index - 1]) and any(
            item.lower in lex.BOT_NAMES for item in self.items[: index - 1]
        )

    def _after_request(self, index: int) -> bool:
        """True right after "can you", "could you please": "can you short 100 shares ..."."""
        start = self.request_at
        if start < 0 or index <= start + 1 or self.items[index].lower not in lex.REQUESTED_LEADS:
            return False
        between = self.items[start + 2 : index]
        return all(item.lower in guard.INTERJECTIONS for item in between)

    def _after_alert_heading(self, index: int) -> bool:
        """True right after an alert's heading that only tags it ("🚨 Stock alert: Long $HIMS
        300 sh @ 41.15", "Swing entry: long ..."): the word opens the alert itself."""
        colon, ticker, detail = self._at(index - 1), self._at(index + 1), self._at(index + 2)
        if colon is None or colon.text != ":" or index < 2:
            return False
        if not self._before_ticker(index + 1) or detail is None or ticker is None:
            return False
        if detail.label not in ("NUM", "TYPED", "SLASH", "OCC"):
            return False  # "Stock alert: long HIMS is my favorite": talk, no order follows
        position = index - 2
        words = 0
        while (item := self._at(position)) is not None and not item.line_end:
            if item.label == "WORD":
                if item.lower in lex.POSITION_HEADINGS:
                    return False  # "Position: long 4 SOFI 25c ...": a position held
                if item.lower not in guard.ALERT_TAGS and item.lower not in lex.ALERT_KINDS:
                    return False
                words += 1
            elif any(char.isalnum() for char in item.text):
                return False
            position -= 1
        return words > 0

    def _closed_side(self, index: int) -> Side:
        """The side that closes the position after "close": a short is bought back ("close my
        2 short MSFT 460 puts"), anything else sold."""
        for offset in range(1, 5):
            item = self._at(index + offset)
            if item is None or item.line_end:
                break
            if item.lower in lex.ROLLED_POSITIONS:
                return "buy" if item.lower == "short" else "sell"
            if not (item.lower in lex.CLOSE_FILLERS or self._is_count(index + offset)):
                break
        return "sell"

    def _closes_position(self, index: int) -> bool:
        """ "close my ...", "close out ...", "close position" inside an instruction clause
        ("please close my ...", "I need to close my ...", "..., close my 2 long ..."): not "at
        the close", "close 3.10"."""
        following = self._at(index + 1)
        if following is None or following.lower not in lex.CLOSE_OBJECTS:
            return False
        return guard.clause_reason(self._clause_before(index)) is None

    def _opens_request(self, index: int) -> bool:
        """True for "could you", "can u", "will you" right before an action (past "please"):
        a request addressed to the reader or the bot."""
        addressee = self._at(index + 1)
        if addressee is None:
            return False
        if addressee.lower == "i":
            return self._asks_to_get(index + 2)  # "can I get 3 AAPL 250 calls ...?"
        if addressee.lower not in guard.REQUEST_ADDRESSEES:
            return False
        position = index + 2
        polite = False
        while (item := self._at(position)) is not None and item.lower in guard.INTERJECTIONS:
            polite = polite or item.lower in guard.COURTESIES
            position += 1
        if self.items[index].lower in guard.POLITE_MODALS and not polite:
            return False  # "would you buy ...?": an opinion asked
        words = [item.lower for item in self.items[position : position + 5]]
        if words[:2] == ["help", "me"]:
            position += 3 if words[2:3] == ["to"] else 2  # "could you help me sell ..."
            words = [item.lower for item in self.items[position : position + 5]]
        for length in range(2, 6):
            if guard.places_order(words[:length]):
                position += length  # "could you place an order to buy ..."
                break
        return self._action_at(position)

    def _asks_to_get(self, index: int) -> bool:
        """True for "get"/"have" and a count after "can I", "could I", "may I": "can I get 3
        AAPL 250 calls for Dec 18 at 4.10?" asks the bot for them."""
        verb, modal = self._at(index), self._at(index - 2)
        return (
            verb is not None
            and verb.lower in lex.GET_VERBS
            and modal is not None
            and modal.lower in lex.GET_MODALS
            and self._is_count(index + 1)
        )

    def _after_code_or_action(self, index: int) -> bool:
        previous = self._at(index - 1)
        return previous is not None and (
            previous.label == "ACTION"
            or previous.lower in lex.CODES
            or previous.lower in lex.ACTION_WORDS
        )

    def _bot_speaker(self, index: int) -> bool:
        """True for a bot's name heading the message ("AlgoBot:", "FlowBot -"): its post."""
        lower = self.items[index].lower
        return index == 0 and len(lower) > 3 and lower.endswith("bot") and self._before_colon(index)

    def _closes_request(self, index: int) -> bool:
        """True for a "?" ending the sentence of a request to the bot ("could you sell 1 DIS
        125 call ... at 1.40 or better?"), its action read after the request."""
        start = self.request_at
        if start < 0 or not start < self.facts.first_action < index:
            return False
        between = self.items[start + 1 : index]
        if any(item.line_end or item.text in _CLAUSE_ENDS for item in between):
            return False
        for position in range(self.facts.first_action + 1, index):
            lower = self.items[position].lower
            following = self._at(position + 1)
            if lower in lex.QUESTION_STARTERS:
                return False  # "can you sell ... at 1.40, or is that too low?": a question
            if lower == "or" and not (
                following is not None and following.lower in lex.PRICE_TOLERANCES
            ):
                return False  # "... or should I wait?" ("or better" is the price's)
        return True

    def _action_at(self, index: int) -> bool:
        item = self._at(index)
        return item is not None and (
            item.label in ("ACTION", "VERB")
            or item.lower in lex.CODES
            or item.lower in lex.ACTION_WORDS
            or item.lower in lex.REQUESTED_LEADS
        )

    def _asks_price(self, index: int) -> bool:
        """True for "want 1.60", "need $2" after the order's action: the price asked."""
        position = index + 1
        while (item := self._at(position)) is not None and (
            item.text == "$" or item.lower in lex.PRICE_BOUND_WORDS
        ):
            position += 1  # "I'd like at least 9.50", "want $2"
        following = self._at(position)
        return self.facts.first_action >= 0 and following is not None and following.label == "NUM"

    def _heading_opens_line(self, index: int) -> bool:
        """True for a heading word before its colon opening its line, alone or after the
        writer's possessive ("Positions:", "my book:")."""
        if not self._before_colon(index):
            return False
        previous = self._at(index - 1)
        if previous is not None and previous.lower in lex.HOLDER_POSSESSIVES:
            return self._opens_sentence(index - 1)
        return self._opens_sentence(index)

    def _opens_sentence(self, index: int) -> bool:
        """True at the start of a line or after a sentence's "." / "!" ("Good morning!
        Position: ...")."""
        previous = self._at(index - 1)
        return self._opens_line(index) or (previous is not None and previous.text in (".", "!"))

    def _opens_line(self, index: int) -> bool:
        previous = self._at(index - 1)
        return previous is None or previous.line_end

    def _puts_on_voice(self, index: int) -> bool:
        """True for an impersonation before the order: "voice" (or "impression") after the
        name of whom it imitates and closing its phrase ("*puts on WSB voice*", "in my best
        Cramer voice:", "(trump voice)"), before the first action. "voice to text", "voice
        memo", "my voice" are the writer's own voice or dictation."""
        facts = self.facts
        if facts.explicit_code or facts.strikes or facts.slots:
            return False  # after the order's details: "... voice" is talk about something else
        previous, following = self._at(index - 1), self._at(index + 1)
        if previous is None or not previous.text.isalpha() or previous.lower in lex.VOICE_OWNERS:
            return False
        if following is None or following.label == "SYM" or following.text.isupper():
            return True  # the phrase closes: "... voice* SIR, BUY ...", "... voice: BTO ..."
        leads = self.items[max(0, index - 5) : index - 1]
        return any(item.lower in lex.IMPERSONATION_LEADS for item in leads)

    def _past_object(self, index: int) -> bool:
        """True for a report word that is the object of a past verb ("took the loss on META
        yesterday", "booked a win"): the past tense already reports it, in its own sentence,
        and the word heads nothing ("Loss: STC ..." does)."""
        if self._before_colon(index) or self.items[index].line_end:
            return False
        for back in (1, 2):
            item = self._at(index - back)
            if item is None:
                return False
            if item.lower in lex.PAST_WORDS and item.lower not in lex.PAST_NOT_REPORTS:
                return True
            if item.lower not in lex.OBJECT_DETERMINERS:
                return False
        return False

    def _names_source(self, index: int) -> bool:
        """True for a platform after "on", "from" or "via" ending a heading before the first
        action ("saw on twitter: BTO ...", "from reddit —"): where the trade was seen."""
        previous, following = self._at(index - 1), self._at(index + 1)
        heading_ends = (
            self.items[index].line_end
            or following is None
            or following.text in (":", "-", "—", "–")
        )
        return (
            self.facts.first_action < 0
            and previous is not None
            and previous.lower in lex.SOURCE_LINKS
            and heading_ends
        )

    def _in_heading(self, index: int) -> bool:
        """True for a word in a heading before the order: a colon follows it within a few
        words, before any action ("schwab statement: 01/05 STC ...")."""
        if self.facts.first_action >= 0:
            return False
        for position in range(index + 1, index + 2 + lex.HEADING_WORDS_MAX):
            item = self._at(position)
            if item is None or self._action_at(position):
                return False
            if item.text == ":":
                return True
        return False

    def _before_colon(self, index: int) -> bool:
        following = self._at(index + 1)
        return following is not None and following.text == ":"

    def _reports_leaving(self, index: int, is_first: bool) -> bool:
        """ "Out of AMD 160c at 4.20", "I'm out of ...", "all out": a position already left."""
        previous = self._at(index - 1)
        leads = is_first or (previous is not None and previous.lower in lex.OUT_SUBJECTS)
        following = self._at(index + 1)
        names_what = following is not None and (
            following.lower == "of" or self._before_ticker(index + 1) or self._is_count(index + 1)
        )
        return leads and names_what and self.facts.first_action < 0

    def _company_before_infinitive(self, index: int) -> str | None:
        """The company in a headline's "AMD to acquire ...": the ticker is the one acting."""
        marker, company = self._at(index - 1), self._at(index - 2)
        if marker is None or company is None or marker.lower != "to":
            return None
        if company.label == "DTICKER" or self._before_ticker(index - 2):
            return company.text
        return None

    def _after_key(self, index: int, keys: frozenset[str]) -> bool:
        """True for the value of a key-value line: "Qty: 2", "Ticker: AMD", "qty = 2"."""
        separator, key = self._at(index - 1), self._at(index - 2)
        return (
            separator is not None
            and separator.text in (":", "=", "-")
            and key is not None
            and key.lower in keys
        )

    def _in_ticker_slot(self, index: int) -> bool:
        """True for a chat word written in capitals where the ticker goes: after the action
        and its count ("buy 3 U 30c", "sell 75 LOW shares"), after "shares of", after a
        "Ticker:" key, or opening a verbless alert ("NOW 900c 12/18 @ 5")."""
        item = self.items[index]
        if (
            _RE_UPPER_TICKER.fullmatch(item.text) is None
            or not item.text.isalpha()
            or (item.lower in _NEVER_IN_TICKER_SLOT and not self._letter_before_typed(index))
        ):
            return False
        if self._after_key(index, lex.TICKER_KEYS):
            return True
        previous, before = self._at(index - 1), self._at(index - 2)
        if (
            previous is not None
            and previous.lower == "of"
            and before is not None
            and before.lower in lex.SHARE_WORDS
        ):
            return item.lower not in lex.DETERMINERS  # "100 shares of ALL", not "of THE"
        following = self._at(index + 1)
        if following is None:
            return False
        contract_follows = following.label in ("TYPED", "SLASH", "OCC") or (
            following.label == "NUM" and self._is_type_word(index + 2)
        )
        if item.lower in lex.NOT_TICKERS_IN_SLOT:
            # "sell 2 NOW 180p", "STO 5 ALL 200p": no plain word stands between a count and
            # its contract ("STC ALL 600C", "BUY 2 MORE 600C" keep their words)
            return (
                contract_follows
                and item.lower in lex.WORD_TICKERS_AFTER_COUNT
                and self._after_action_and_count(index)
            )
        if index == 0:
            return contract_follows
        detail_follows = (
            contract_follows
            or following.label == "NUM"
            or following.text == "@"
            or following.lower in lex.SHARE_WORDS
        )
        action = self.facts.first_action
        after_action = action >= 0 and (
            index == action + 1
            or self._after_action_and_count(index)
            or (
                index == action + 3
                and self._is_count(action + 1)
                and self.items[action + 2].lower in lex.MORE_WORDS
            )  # "add 2 more COST 1000 calls ..."
        )
        return detail_follows and after_action

    def _after_action_and_count(self, index: int) -> bool:
        """True right after the action and its count ("sell 2 ...", "BTO 5 ...")."""
        action = self.facts.first_action
        return action >= 0 and index == action + 2 and self._is_count(action + 1)

    def _letter_before_typed(self, index: int) -> bool:
        """True for a capital type letter right before a strike that names its own type ("buy
        2 C 110c ..."): the strike says call already, so the letter is the ticker's."""
        item, following = self.items[index], self._at(index + 1)
        return (
            len(item.text) == 1
            and item.text.isupper()
            and item.lower in lex.TYPE_WORDS
            and following is not None
            and following.label == "TYPED"
        )

    def _in_quantity_slot(self, index: int) -> bool:
        facts = self.facts
        if facts.quantity is not None:
            return False
        for action in {facts.first_action, facts.last_action}:
            if not 0 <= action < index <= action + 4:
                continue
            between = self.items[action + 1 : index]
            # "close out my 2 long DIS ...": the particle and the object words of "close"
            fillers = (
                _QUANTITY_FILLERS | lex.CLOSE_FILLERS
                if self.items[action].lower in lex.CLOSE_WORDS
                else _QUANTITY_FILLERS
            )
            if all(item.lower in fillers or item.label == "EFFECT" for item in between):
                return True
        if self.roll is not None and facts.first_action < 0:
            # "roll my 5 short SPY ...", "roll down and out my 2 short ...": the count rolled
            between = self.items[self.roll[0] + 1 : index]
            return len(between) <= 5 and all(
                item.lower in lex.ROLL_FILLERS or item.lower in lex.ROLLED_POSITIONS
                for item in between
            )
        return False

    def _arm_price(self) -> None:
        self.pending_price = True
        self.armed_now = True

    def _clause_before(self, index: int) -> list[str]:
        """The words of the action's clause before it, lower case and in order: back to the
        message or line start, punctuation, an emoji, a conjunction, a number, a contract or a
        ticker ("SPY buy 2 ...", "600c 12/18, buy ..." start a clause of their own)."""
        words: list[str] = []
        position = index - 1
        while len(words) < _MAX_CLAUSE_WORDS and (item := self._at(position)) is not None:
            if item.line_end or item.label in _CLAUSE_STARTS or item.lower in _CLAUSE_JOINS:
                break
            if item.label == "SYM" and not any(char.isalnum() for char in item.text):
                if item.text != "'":
                    break
            elif item.label == "WORD" and (
                self._before_ticker(position) or item.lower in lex.ACTION_WORDS
            ):
                break  # "SPY buy 2 ...", "buy to cover ...": the clause starts after it
            else:
                words[:0] = (item.phrase or item.lower).split()
            position -= 1
        return words

    def _instruction_veto(self, index: int, rank: int) -> bool:
        """Record why the action at ``index`` is not an instruction, if it is not: someone
        else's trade, a negation, praise, or a clause that talks about the action ("people
        are buying ...", "I'm done selling ...", "worth buying ...", see guard.clause_reason).
        """
        subject = self._subject_before(index)
        if subject is not None:
            self._veto(guard.OTHER_SUBJECT, subject)
            return True
        previous = self._at(index - 1)
        if previous is not None and previous.lower in lex.NEGATING_ADVERBS:
            self._veto(guard.NEGATION, previous.text)  # "NOT buying the ..."
            return True
        before = self._at(index - 2)
        if (
            previous is not None
            and previous.lower in lex.DOING_VERBS
            and before is not None
            and before.lower in lex.NEGATING_ADVERBS
        ):
            self._veto(guard.NEGATION, before.text)  # "I'm NOT doing STO 4 MSTR ..."
            return True
        praise = self._praise_before(index)
        if praise is not None:
            self._veto(guard.PRAISE, praise)
            return True
        if self.items[index].lower in lex.CODES or rank < 2:
            # a code is an instruction wherever it stands (frames decide the rest), and so is
            # an alert room's "added" ("MU calls $850 $3.45 ... added")
            return False
        words = self._clause_before(index)
        if words and words[-1] in ("a", "an"):
            # "fire off a sell for ...": the action is the noun of the verb before it
            words = words[:-1]
            if words and words[-1] in _PARTICLES:
                words.pop()
            if words:
                words.pop()
        reason = guard.clause_reason(words)
        if reason is not None:
            self._veto(reason, self.items[index].text)
            return True
        return False

    def _in_exit_plan(self, index: int) -> bool:
        """True for an action after the order's own, inside a target or stop clause: "BTO ...
        @ 1.10 target: sell 1 at 2.20", "..., stop loss sell at 1.60". It is the exit plan,
        not the order: neither its count nor its price is the order's."""
        if self.facts.first_action < 0 or self.items[index].lower in lex.CODES:
            return False
        if self.ignore_window:
            return True
        return any(word in lex.EXIT_PLAN_WORDS for word in self._clause_before(index))

    def _set_side(self, side: Side, effect: Effect | None, rank: int, index: int) -> None:
        facts = self.facts
        if self._in_exit_plan(index):
            self.exit_plan = True
            return
        if self._instruction_veto(index, rank):
            return
        company = self._company_before_infinitive(index)
        if company is not None:
            self._veto("news", f"{company} to {self.items[index].text}")
        if facts.first_action < 0:
            # "SPY is up. buy 2 ...": the order's count is not the level a lead-in spoke of; a
            # later action keeps the window ("... @ 1.10, stop loss sell at .60" is a stop)
            self.ignore_window = 0
        idiom = self._before_idiom(index)
        if idiom is not None:
            self._chatter("a saying", idiom, frames=False)
        if rank > facts.side_rank:
            facts.side, facts.side_rank = side, rank
        if effect is not None and facts.effect is None:
            facts.effect = effect
        if facts.first_action < 0:
            facts.first_action = index
        facts.last_action = index
        if rank >= 2:
            facts.side_marks.append((index, side, rank >= 3))

    def _set_quantity(self, value: int, *, strong: bool) -> None:
        facts = self.facts
        if not 0 < value <= _MAX_QUANTITY:
            return
        if facts.quantity is None or (strong and not facts.quantity_strong):
            facts.quantity, facts.quantity_strong = value, strong

    def _set_price(self, value: Decimal, text: str, position: int) -> None:
        if self.facts.price is None and value >= 0:
            self.facts.price = value
            self.facts.price_position = position
        else:
            self.facts.unknown.append(text)

    def _add_strike(self, value: Decimal, option_type: LegType | None, position: int) -> None:
        if value > 0:
            self.facts.strikes.append(_Strike(value, option_type, position))

    def _add_relative_expiration(self, index: int, value: date | None) -> None:
        """A day, a week or a month said relative to today ("friday", "this week", "next
        week", "next month"): an expiration, unless it stands in a lead-in and the order writes
        its own date (see :meth:`_drop_lead_in_dates`)."""
        if value is not None:
            self.relative_dates.append((index, value))
        self._add_expiration(value)

    def _drop_lead_in_dates(self) -> None:
        """A relative day, week or month in a clause before the instruction's ("earnings next
        week and IV is cheap, so BTO ... 2/19/27", "3 for 3 this week\nnew one: buy ... 0dte",
        "happy friday 🍻 sell ... next friday") dates the lead-in's news, not the contract, when
        the order writes its own expiration."""
        first = self.facts.first_action
        if first < 0 or not self.relative_dates:
            return
        for index, value in self.relative_dates:
            if index >= first or not any(
                item.text in _LEAD_IN_BREAKS
                or item.line_end
                or item.lower in _CLAUSE_JOINS
                or self._ends_sentence(at)
                for at, item in enumerate(self.items[index + 1 : first], start=index + 1)
            ):
                continue
            if self.facts.expirations.count(value) == 1 and len(set(self.facts.expirations)) > 1:
                self.facts.expirations.remove(value)

    def _add_expiration(self, value: date | None) -> None:
        if value is not None:
            self.facts.expirations.append(value)

    # --- the pass --------------------------------------------------------------------------------
    def run(self) -> _Facts:
        first_word = next((i for i, item in enumerate(self.items) if item.label != "SYM"), -1)
        for index, item in enumerate(self.items):
            if index in self.consumed:
                continue
            if item.text == "=" and self._after_quoted_trade(index):
                self.position = index
                # "STO 1 SPY 580p @ 2.10 = $210 credit": the trade explained, not placed
                self._veto("an explanation of a trade (=)", "")
            if item.text in _PASS_THROUGH:
                continue
            self.armed_now = False
            self.position = index
            self._dispatch(index, item, first_word)
            if item.line_end or item.text in _CLAUSE_ENDS:
                self.exit_plan = False
            if not self.armed_now:
                self.pending_price = False
            if self.ignore_window:
                self.ignore_window -= 1
        facts = self.facts
        self._drop_lead_in_dates()
        self._read_roll()
        if self.lower_openers and facts.first_action >= 0:
            # a lower-case ticker opening the line right before its strike, with the action
            # after the contract ("spxw 6850p 1dte bto 2 @ 6.40"); without an action it is
            # prose ("nice 600c ...")
            index = self.lower_openers[0]
            facts.tickers.append((2, index, self.items[index].text.upper()))
        if self.past_forms and facts.first_action < 0 and not facts.explicit_code:
            # no action but a past verb: "skipped the IWM 240/235 PCS today" reports a trade
            # (not) made; a contract and a price alone would read as an alert
            item = self.items[self.past_forms[0]]
            facts.cues.append(Cue(guard.PAST, item.text, item.start, guard.SOFT))
        self._close_asides()
        self._close_conditions()
        self._close_remarks()
        return facts

    # --- asides closed in a sentence of their own --------------------------------------------
    def _ends_sentence(self, index: int) -> bool:
        item = self.items[index]
        return item.line_end or (
            item.label == "SYM" and _SENTENCE_END_ITEM.fullmatch(item.text) is not None
        )

    def _sentence_start(self, index: int) -> int:
        """The first item of the sentence holding ``index`` (after a line break, a sentence's
        punctuation or an emoji)."""
        start = index
        while start > 0 and not self._ends_sentence(start - 1):
            start -= 1
        return start

    def _is_remark(self, start: int, end: int, vocabulary: frozenset[str]) -> bool:
        """True when the items from ``start`` to ``end`` (exclusive) are prose of two words or
        more, with no number, price, contract or phrase of the order and no word of
        ``vocabulary``, and name no ticker named elsewhere in the message."""
        words = [item for item in self.items[start:end] if item.label == "WORD"]
        return (
            len(words) >= 2
            and self._plain(start, end, vocabulary, times=False)
            and not self._names_ticker_outside(start, end)
        )

    def _plain(self, start: int, end: int, vocabulary: frozenset[str], *, times: bool) -> bool:
        """True when the items from ``start`` to ``end`` are words and punctuation (and with
        ``times`` a relative time: "this week") with no word of ``vocabulary``."""
        return all(
            (self._remark_item(item) or (times and item.label in _RELATIVE_TIME_LABELS))
            and item.lower not in vocabulary
            for item in self.items[start:end]
        )

    def _names_ticker_outside(self, start: int, end: int) -> bool:
        """True when a word from ``start`` to ``end`` names a ticker named elsewhere."""
        words = [item for item in self.items[start:end] if item.label == "WORD"]
        named = {item.text.upper().replace(".", "/") for item in words}
        named |= {
            lex.COMPANY_TICKERS[item.lower] for item in words if item.lower in lex.COMPANY_TICKERS
        }
        outside = {symbol for _, at, symbol in self.facts.tickers if not start <= at < end}
        return bool(named & outside)

    @staticmethod
    def _remark_item(item: _Item) -> bool:
        """True for a word, punctuation or "market" talked about (not "at market")."""
        if item.label == "SYM":
            return _REMARK_PUNCTUATION.fullmatch(item.text) is not None
        return item.label == "WORD" or (item.label == "MARKET" and item.lower in lex.MARKET_WORDS)

    def _aside_question(self, index: int) -> int | None:
        """Where the question ending at the "?" at ``index`` starts, when it stands in a
        sentence of its own before or after the order's and is not about the order: no word of
        the order, no deciding, judging or pointing at it (lex.ORDER_QUESTION_WORDS), no ticker
        the order names ("why is everyone so scared of banks? buy 2 C ...", "... @ 2.05. anyone
        else playing earnings?"). None for a question about the order ("buy 2 C 110c @ 3.30?",
        "should I buy ...?", "thoughts on BTO ...?")."""
        first = self.facts.first_action
        start = self._sentence_start(index)
        if first < 0 or start <= first <= index:
            return None
        words = [item.lower for item in self.items[start:index]]
        if any(a == "going" and b == "to" for a, b in itertools.pairwise(words)):
            return None  # "is it going to rip?": what will happen, asked about the trade
        if self._is_remark(start, index, _ORDER_QUESTION_TALK) or self._room_question(start, index):
            return start
        return None

    def _room_question(self, start: int, end: int) -> bool:
        """True for a question to the room about the world, in the items from ``start`` to
        ``end``: a lead of plain words ("quick Q for the room, does"), the room addressed
        (lex.ROOM_ADDRESSEES, "else") with a verb asking what it knows or thinks, or "is it
        just me or", then a clause with no word of the order, no deciding or judging and no
        pointing at the trade (the world's timing and a relative time may stand in it: "...
        out yet?", "... this week?"). Asked what the room knows, the clause may name the
        order's ticker ("does anyone know when NFLX reports?"); asked what it thinks, it may
        not ("anyone else think NFLX is done?" asks about the trade), nor may a question about
        the trade itself ("anyone else buying this?", "anyone in NFLX 90p?")."""
        words = [item.lower for item in self.items[start:end]]
        for at, word in enumerate(words):
            if tuple(words[at : at + len(lex.ROOM_IDIOM)]) == lex.ROOM_IDIOM:
                verb_at, knowing = at + len(lex.ROOM_IDIOM) - 1, False
                break
            if word in lex.ROOM_ADDRESSEES:
                verb_at = at + 1 + (words[at + 1 : at + 2] == ["else"])
                verb = words[verb_at] if verb_at < len(words) else ""
                knowing = verb in lex.KNOWING_VERBS
                if knowing or verb in lex.OPINION_VERBS:
                    break
        else:
            return False
        lead_vocabulary = _ORDER_QUESTION_TALK - lex.PRICE_MARKERS
        clause = start + verb_at + 1
        return (
            self._plain(start, start + at, lead_vocabulary, times=False)
            and not self._names_ticker_outside(start, start + at)
            and clause < end
            and self._plain(clause, end, _ROOM_CLAUSE_TALK, times=True)
            and (knowing or not self._names_ticker_outside(clause, end))
        )

    def _close_asides(self) -> None:
        """Turn each question aside (_aside_question) from a veto into a soft remark."""
        for index in self.questions:
            start = self._aside_question(index)
            if start is None:
                continue
            begin, end = self.items[start].start, self.items[index].start
            self.facts.cues = [
                cue
                for cue in self.facts.cues
                if not (cue.reason == guard.QUESTION and begin <= cue.at <= end)
            ]
            self.facts.cues.append(Cue(guard.ASIDE_QUESTION, "", end, guard.SOFT))

    def _after_order_remark(self, index: int) -> bool:
        """True for the word at ``index`` standing in a remark of its own after the order's
        sentence: prose with no word of the trade (_REMARK_TALK), no number and no ticker the
        order names, and with laughter three words or more ("will post the result later",
        "what's everyone eating for lunch lol"; not "will do it later", "lol")."""
        first = self.facts.first_action
        if first < 0 or not any(self._ends_sentence(at) for at in range(first, index)):
            return False
        start = self._sentence_start(index)
        end = next((at for at in range(index, len(self.items)) if self._ends_sentence(at)), None)
        stop = len(self.items) if end is None else end + (self.items[end].label == "WORD")
        words = sum(item.label == "WORD" for item in self.items[start:stop])
        laughs = self.items[index].lower in lex.LAUGH_WORDS
        return (not laughs or words >= _LAUGHED_REMARK_WORDS) and self._is_remark(
            start, stop, _REMARK_TALK
        )

    def _close_remarks(self) -> None:
        """Turn a modal or a laugh in a remark after the order (_after_order_remark) soft."""
        candidates = [cue for cue in self.facts.cues if self._remark_candidate(cue)]
        if self.facts.first_action < 0 or not candidates:
            return
        at_item = {item.start: index for index, item in enumerate(self.items)}
        closed = {
            id(cue)
            for cue in candidates
            if cue.at in at_item and self._after_order_remark(at_item[cue.at])
        }
        self.facts.cues = [
            replace(cue, reason=guard.REMARK, weight=guard.SOFT) if id(cue) in closed else cue
            for cue in self.facts.cues
        ]

    @staticmethod
    def _remark_candidate(cue: Cue) -> bool:
        """True for a modal ("will") or a laugh ("lol"): a remark's, after the order."""
        word = cue.text.lower()
        return (cue.reason == guard.HYPOTHETICAL and word in guard.MODAL_CUES) or (
            cue.reason == guard.JOKE and word in lex.LAUGH_WORDS
        )

    def _closed_condition(self, index: int) -> bool:
        """True for a condition at ``index`` whose main clause, after its comma, is a finished
        statement that is not the order and names no trade ("if this goes to zero, I'm blaming
        Powell. BTO ..."): it conditions that statement, not the order. Not when the main clause
        is the order ("if SPY breaks 600, buy ..."), decides a trade or acts ("if it dips, I'm
        in.", "..., doing it:"), or is missing ("if NFLX holds 100. buy ...")."""
        first = self.facts.first_action
        comma = next(
            (
                at
                for at in range(index + 1, max(first, index + 1))
                if self.items[at].text == "," or self._ends_sentence(at)
            ),
            None,
        )
        if comma is None:
            return False
        marked = self.items[comma].text == "," and not self._ends_sentence(comma)
        main_at = comma + 1 if marked else self._unmarked_main_clause(index, comma)
        if main_at is None:
            return False
        if any(
            item.label in _ACTION_LABELS
            or item.lower in lex.CODES
            or item.lower in lex.ACTION_WORDS
            for item in self.items[index + 1 : main_at]
        ):
            return False  # "if you're buying, ...": the condition is a trade
        end = next((at for at in range(main_at, first) if self._ends_sentence(at)), None)
        if end is None:
            return False
        stop = end + 1 if self.items[end].line_end and self.items[end].label == "WORD" else end
        main = [item.lower for item in self.items[main_at:stop] if item.label == "WORD"]
        talk = _TRADE_TALK
        if any(
            self.items[at].lower in lex.IDEA_WORDS and self._idea_not_posted(at)
            for at in range(main_at, stop)
        ):
            talk = _TRADE_TALK - lex.IDEA_WORDS  # "..., this was her idea 😂": a blame
        return self._is_remark(main_at, stop, talk) and not guard.is_go_clause(main)

    def _unmarked_main_clause(self, index: int, end: int) -> int | None:
        """Where the main clause of the condition at ``index`` starts when no comma marks it,
        before the sentence end at ``end``: at a subject pronoun after the condition's own
        subject, verb and object ("if 2026 taught me anything it's that I never learn."); None
        when there is none ("if NFLX holds 100. buy ...")."""
        return next(
            (
                at
                for at in range(index + _CONDITION_WORDS_BEFORE_MAIN, end)
                if self.items[at].lower in lex.SUBJECT_PRONOUNS
            ),
            None,
        )

    def _close_conditions(self) -> None:
        """Turn each condition closed by its own main clause (_closed_condition) soft."""
        if self.facts.first_action < 0 or not any(
            cue.text.lower() in guard.OPEN_CONDITIONS for cue in self.facts.cues
        ):
            return
        at_item = {item.start: index for index, item in enumerate(self.items)}
        self.facts.cues = [
            replace(cue, reason=guard.CLOSED_CONDITION, weight=guard.SOFT)
            if cue.reason == guard.HYPOTHETICAL
            and cue.text.lower() in guard.OPEN_CONDITIONS
            and cue.at in at_item
            and self._closed_condition(at_item[cue.at])
            else cue
            for cue in self.facts.cues
        ]

    def _dispatch(self, index: int, item: _Item, first_word: int) -> None:
        label = item.label
        if label == "NUM":
            self._on_number(index, item)
        elif label == "WORD":
            self._on_word(index, item, index == first_word)
        elif label == "TYPED":
            self._on_typed(index, item)
        elif label == "SLASH":
            self._on_slash(index, item)
        elif label in STRATEGY_LABELS:
            self._on_strategy(item)
        else:
            self._on_other(index, item)

    def _on_other(self, index: int, item: _Item) -> None:
        facts, label = self.facts, item.label
        if label == "ACTION":
            words = item.lower.split()
            if words[0] in lex.PAST_WORDS:  # "sold to open ...": a report of a past trade
                self._chatter("past tense", item.text, frames=True)
                return
            side: Side = "buy" if words[0].startswith("b") else "sell"
            self._set_side(side, "open" if words[-1] == "open" else "close", 3, index)
        elif label == "VERB":
            phrase_side, phrase_effect = lex.ACTION_PHRASES[item.phrase]
            self._set_side(phrase_side, phrase_effect, 2, index)
        elif label == "WISH":
            self._on_wish(index, item)
        elif label == "TAKE_OFF":
            self._set_side("sell", None, 2, index)
        elif label == "STORY":
            self._chatter("a story, an opinion or a test", item.text, frames=True)
        elif label == "NOTICE":
            self._veto(guard.NOTICE, item.text)
        elif label == "FLOW":
            self._chatter("flow report or recap", item.text, frames=True)
        elif label == "PAST_TIME" and self._names_repeated_trade(index):
            pass  # "same trade as last week: STO ...": the trade it repeats, not a report
        elif label == "PAST_TIME":
            self._chatter("past tense", item.text, frames=True)
            if (
                facts.explicit_code
                and item.phrase in lex.PAST_DAYS
                and self._after_quoted_trade(index)
            ):
                self._veto("a trade already made", item.text)
        elif label == "RECAP":
            self._veto(guard.RECAP, item.text)
        elif label == "STATUS":
            facts.status.append(item.text)
        elif label == "QTYWORDS":
            count = lex.phrase_count(item.phrase)
            if count is not None:
                self._on_quantity_word(index, item, count)
        elif label == "EFFECT":
            facts.effect = "open" if item.lower.endswith("open") else "close"
            if self._closes_after_wish(index):
                # "I need to close my 5 long SOFI ...": the wish's verb is the close
                self._set_side(self._closed_side(index), "close", 2, index)
            elif self._opens_after_wish(index):
                facts.first_action = index  # "I'd like to open a put credit spread on SPY"
        elif label == "TIF_GTC":
            facts.tif = "gtc"
        elif label == "TIF_DAY":
            facts.tif = "day"
        elif label == "MARKET":
            facts.market = facts.market or self._names_order_type(index, item)
        elif label == "CHATTER":
            self._chatter("hypothetical", item.text, frames=False)
        elif label == "PLAN":
            if not self._thinks_of_no_trade(index):  # "woke up thinking about rates lol."
                self._chatter("a plan", item.text, frames=True)
        elif label == "EXP_THIS_WEEK":
            self._add_relative_expiration(index, cal.this_week_friday(self.today))
        elif label == "EXP_NEXT_WEEK" and self._dating_heading(index):
            self._chatter(guard.PLAN, item.text, frames=True)  # "next week: BTO ...": later
        elif label == "EXP_NEXT_WEEK":
            self._add_relative_expiration(index, cal.next_week_friday(self.today))
        elif label == "EXP_NEXT_FRIDAY":
            self._add_expiration(cal.next_weekday(self.today, 4, strictly_after=True))
        elif label == "EXP_THIS_FRIDAY":
            self._add_expiration(cal.next_weekday(self.today, 4, strictly_after=False))
        elif label == "EXP_NEXT_MONTH" and self._dating_heading(index):
            self._chatter(guard.PLAN, item.text, frames=True)  # "next week: BTO ...": later
        elif label == "EXP_NEXT_MONTH":
            self._add_relative_expiration(index, cal.next_month_expiration(self.today))
        elif label == "ISO":
            match = _RE_ISO.fullmatch(item.text)
            if match:
                year, month, day = (int(part) for part in match.groups())
                self._add_expiration(cal.month_day(month, day, self.today, year))
        elif label == "OCC":
            self._on_occ(item)
        elif label == "DTICKER":
            symbol = item.text[1:].upper().replace(".", "/")
            facts.tickers.append((0, index, symbol))
        elif label == "DTE":
            match = _RE_DTE.fullmatch(item.text)
            if match:
                self._add_expiration(cal.days_to_expiration(self.today, int(match.group(1))))
        elif label == "QTYX":
            match = _RE_QTY_X.fullmatch(item.text)
            if match and match.group(1) and self._is_multiple(index):
                self._on_multiple(index, item)
            elif match:
                self._set_quantity(int(match.group(1) or match.group(2)), strong=True)
        elif label == "PRICEQTY":
            match = _RE_PRICE_QTY.fullmatch(item.text)
            if match:
                price = _decimal(match.group(1))
                if price is not None:
                    self._set_price(price, match.group(1), index)
                self._set_quantity(int(match.group(2)), strong=True)
        elif label == "ORD":
            self._on_ordinal(index, item)
        elif item.text in ("?", "?!", "??") and self._closes_request(index):
            facts.request_question = True  # "Could you place an order to buy ...?"
        elif (item.text == "?" or item.text.startswith("?")) and self._answered(index):
            return  # "filled? nope. ok then buy ...": the writer answers it, nobody is asked
        elif item.text == "?" or item.text.startswith("?") or "🤔" in item.text:
            self._veto(guard.QUESTION, "")
            if item.text.startswith("?"):
                self.questions.append(index)
        elif item.text == "@":
            self._arm_price()
        elif any(mark in item.text for mark in lex.SARCASM_MARKS) and self._ironic_tail(index):
            self._veto(guard.JOKE, f"sarcasm {item.text}")  # "sure, let me just BTO ... 🙄"
        elif any(symbol in item.text for symbol in lex.JOKE_SYMBOLS):
            self._chatter("a joke", item.text, frames=False)
        elif item.text in ("+", "-") and self._signed_amount(index):
            facts.status.append("a profit or loss")  # "+$1,240 on 4 TSLA 400c": a result
            self.consumed.add(index + 2)
        elif _RE_SIGNED_NUMBER.fullmatch(item.text) and self._before_percent(index):
            if not self.ignore_window:  # "SL -50%" is a stop level, "+62%" a result
                facts.status.append(f"a profit or loss: {item.text}%")
        elif item.text in lex.TRIGGER_SIGNS:
            self.ignore_window = 2  # "$HOOD 125c > 121": the next number is a trigger level
        elif item.text in lex.STATUS_WORDS:  # "2.15 → 3.40": an update
            facts.status.append(item.text)
            if self._between_prices(index):  # even after a code: "BTO ... @ 1.20 → 3.50"
                self._veto(_PRICE_MOVE, "")

    def _names_order_type(self, index: int, item: _Item) -> bool:
        """True when "market" asks for a market order: "at market", "@ m", "market order", or
        the bare word right before the action on its line ("Market buy 40 ...") or ending the
        order after it ("sell 50 sh NVDA mkt", "... CALL MKT GTC"). Anywhere else it is the
        market talked about ("market looking heavy, buy ... @ 5.30", "crazy market. buy ... @
        5.30" and "not loving this market\nbuy ... @ 3.40" are limit orders)."""
        words = item.phrase.split() or [item.lower]
        if words[0] in ("at", "@") or words[-1] == "order":
            return True
        following = self._at(index + 1)
        if (
            following is not None
            and not item.line_end  # "not loving this market\nbuy ...": the line's last word
        ) and (
            following.label in ("ACTION", "VERB")
            or following.lower in lex.CODES
            or following.lower in lex.ACTION_WORDS
        ):
            return True
        if not 0 <= self.facts.first_action < index:
            return False
        return (
            item.line_end
            or following is None
            or following.label in ("SYM", "TIF_GTC", "TIF_DAY")
            or following.lower in lex.GTC_WORDS | lex.DAY_WORDS | lex.PRICE_MARKERS
        )

    def _is_multiple(self, index: int) -> bool:
        """True when "2x" is a multiple of the premium, not a count: after a level or result
        word ("at 2x", "already 2x", "stop at 2x"), or before what it multiplies ("2x credit",
        "a 10x return"). A count sits by the contract instead ("sell 2x IWM 210c", "620p
        12/18 5x @ 2.40")."""
        previous, following = self._at(index - 1), self._at(index + 1)
        if self.ignore_window:
            return True  # "stop at 2x", "PT 3x": a target or a stop level
        if previous is not None and previous.lower in lex.MULTIPLE_LEADS:
            return True
        return following is not None and following.lower in lex.MULTIPLE_NOUNS

    def _on_multiple(self, index: int, item: _Item) -> None:
        """A multiple after a target or stop word is that level ("PT 3x"); anywhere else it
        reports how far a trade has come ("420c 1/8 already 2x", "up 2x"): without an action, a
        result. After a price word it is a target too ("sell ... at 3x"), which no limit order
        places."""
        previous = self._at(index - 1)
        if self.ignore_window and not (previous is not None and previous.lower in lex.CHANGE_WORDS):
            return
        if self.pending_price:  # "sell ... at 3x": when it triples, not a price to place now
            self.facts.multiple_price = self.facts.multiple_price or item.text
        self.facts.status.append(f"a multiple (a result): {item.text}")

    def _before_percent(self, index: int) -> bool:
        following = self._at(index + 1)
        return following is not None and following.text.startswith("%")

    def _on_wish(self, index: int, item: _Item) -> None:
        """ "I want 10 PYPL ...", "need 800 F shares": a buy; "I want SPY to hold 600": a wish.
        After the order's action, a number is the price asked ("..., need 1.60 or better")."""
        if self._asks_price(index):
            self._arm_price()
        elif self._in_cleft(index):
            return  # "what I want is to sell ...": the verb decides
        elif self._is_count(index + 1):
            phrase_side, phrase_effect = lex.WISH_PHRASES[item.phrase]
            self._set_side(phrase_side, phrase_effect, 2, index)
        elif self._wishes_capital(index):
            return  # "close my 3 MSFT ... @ 6.30, need the buying power for ...": the reason
        elif not (
            self._is_to_verb(index + 1)
            or self._is_verb(index + 1)
            or self._closes_after_wish(index + 1)
            or self._opens_after_wish(index + 1)
            or self._pays_after_wish(index + 1)
            or self._asks_reader_to(index + 1)
        ):
            # "I'd like to buy ...", "i want sell 1 put ...": the verb decides
            self._chatter("hypothetical", item.text, frames=False)

    def _wishes_capital(self, index: int) -> bool:
        """True for a wish after the order's action whose object is the capital the order
        frees ("..., need the buying power for something else", "..., need the cash"), not
        followed by "to" (which makes a condition: "..., need the cash to settle first")."""
        if not 0 <= self.facts.first_action < index:
            return False
        at = index + 1
        while (word := self._at(at)) is not None and word.lower in lex.CAPITAL_DETERMINERS:
            at += 1
        if self._modifies_noun(at):
            at += 1  # "the buying power": the compound's noun
            word = self._at(at)
            if word is None or word.lower != "power":
                return False
        elif word is None or word.lower not in lex.CAPITAL_NOUNS:
            return False
        following = self._at(at + 1)
        return following is None or following.lower != "to"

    def _is_to_verb(self, index: int) -> bool:
        """True for "to" followed by an action ("to buy", "to pick up", "to sell to close")."""
        marker, verb = self._at(index), self._at(index + 1)
        if marker is None or verb is None or marker.lower != "to":
            return False
        return self._is_verb(index + 1)

    def _asks_reader_to(self, index: int) -> bool:
        """True for "you to" and a verb after a wish: "I want you to buy 2 SPY ..."."""
        addressee = self._at(index)
        return (
            addressee is not None
            and addressee.lower in guard.REQUEST_ADDRESSEES
            and self._is_to_verb(index + 1)
        )

    def _pays_after_wish(self, index: int) -> bool:
        """True for "to pay" after a wish once the order is read ("..., max I want to pay is
        3.20"): the price, not a wish."""
        marker, verb = self._at(index), self._at(index + 1)
        return (
            self.facts.first_action >= 0
            and marker is not None
            and marker.lower == "to"
            and verb is not None
            and verb.lower in lex.PAY_VERBS
        )

    def _in_cleft(self, index: int) -> bool:
        """True for the wish of "what I want is to sell ...", "all I need is to buy ..."."""
        previous, copula = self._at(index - 1), self._at(index + 1)
        return (
            previous is not None
            and previous.lower in ("what", "all")
            and copula is not None
            and copula.lower == "is"
            and self._is_to_verb(index + 2)
        )

    def _wish_of_writer(self, index: int) -> bool:
        """ "I want to buy", "I am want to buy", "i wish to acquire": the writer's own wish
        right before its verb (the verb's clause test decides); "next week I want to open
        ...", "kinda want to try ..." stay plans."""
        words = self._clause_before(index)
        if not words or guard.clause_reason(words) is not None:
            return False
        if not any(word in guard.FIRST_PERSON for word in words):
            return False
        return self._is_to_verb(index + 1) or self._is_verb(index + 1)

    def _indirect_question(self, index: int) -> bool:
        """True for "if" after "not sure", "don't know", "wondering", and "when" after "know"
        ("does anyone know when NFLX reports?"): whether, when; not a condition."""
        previous = self._at(index - 1)
        return previous is not None and previous.lower in lex.DOUBT_WORDS

    def _opens_after_wish(self, index: int) -> bool:
        """True for "to open" right after the writer's wish ("I'd like to open a put credit
        spread ..."): the count and strategy follow as after "open" ("next week I want to open
        ..." stays a plan)."""
        item, previous = self._at(index), self._at(index - 1)
        return (
            item is not None
            and item.lower.split() == ["to", "open"]
            and previous is not None
            and previous.label == "WISH"
            and self.facts.first_action < 0
            and guard.clause_reason(self._clause_before(index - 1)) is None
        )

    def _closes_after_wish(self, index: int) -> bool:
        """True for "to close my ..." right after a wish ("I need to close my 5 ...")."""
        item, previous, following = self._at(index), self._at(index - 1), self._at(index + 1)
        return (
            item is not None
            and item.lower.split() == ["to", "close"]
            and previous is not None
            and previous.label == "WISH"
            and following is not None
            and following.lower in lex.CLOSE_OBJECTS
        )

    def _is_verb(self, index: int) -> bool:
        """True for an action at ``index`` ("buy", "pick up", "close my ...", "get 3 ...")."""
        verb = self._at(index)
        if verb is None:
            return False
        if verb.lower in lex.CLOSE_WORDS:
            following = self._at(index + 1)
            return following is not None and following.lower in lex.CLOSE_OBJECTS
        if verb.lower in lex.LEADING_ACTION_WORDS and verb.lower == "get":
            return self._is_count(index + 1)  # "I'd like to get three AMD 210 calls"
        if verb.lower in lex.ROLL_WORDS:
            return self._rolled_side(index) is not None  # "I'd like to roll my short 2 KO ..."
        return verb.label in ("ACTION", "VERB") or verb.lower in lex.ACTION_WORDS

    def _is_count(self, index: int) -> bool:
        """True for a count at ``index``: "10", "a couple of", "twelve", "5x"."""
        item = self._at(index)
        if item is None:
            return False
        if item.label in ("QTYWORDS", "QTYX"):
            return True
        if item.label == "NUM":
            return _is_int_text(item.text)
        return item.label == "WORD" and item.lower in lex.QUANTITY_WORDS

    def _on_occ(self, item: _Item) -> None:
        match = _RE_OCC.fullmatch(item.text)
        if not match:
            return
        root, yy, mm, dd, flag, strike = match.groups()
        self.facts.tickers.append((0, -1, root.upper()))
        self._add_expiration(cal.month_day(int(mm), int(dd), self.today, 2000 + int(yy)))
        self._add_strike(Decimal(int(strike)) / 1000, _TYPE_BY_LETTER[flag.lower()], -1)

    def _on_strategy(self, item: _Item) -> None:
        facts = self.facts
        words = item.lower.split()
        name = _STRATEGY_NAMES[item.label]
        if facts.strategy is None:
            facts.strategy = name
        option_type = next((lex.TYPE_WORDS[w] for w in words if w in lex.TYPE_WORDS), None)
        if words and words[0] in ("pcs", "pds"):
            option_type = "put"
        elif words and words[0] in ("ccs", "cds"):
            option_type = "call"
        if option_type is not None and facts.strategy_type is None:
            facts.strategy_type = option_type
        direction: PriceEffect | None = None
        if "credit" in words or (words and words[0] in ("pcs", "ccs")):
            direction = "credit"
        elif "debit" in words or (words and words[0] in ("pds", "cds")):
            direction = "debit"
        elif option_type is not None and words[0] in ("bull", "bullish", "bear", "bearish"):
            bullish = words[0].startswith("bull")
            direction = "debit" if bullish == (option_type == "call") else "credit"
        if direction is not None and facts.strategy_direction is None:
            facts.strategy_direction = direction

    def _on_number(self, index: int, item: _Item) -> None:
        """Tag a bare number with the roles its neighbours suggest; roles are assigned later."""
        value = _decimal(item.text)
        if value is None or self.exit_plan:
            return  # "... target: sell 1 at 2.20": the exit plan's numbers are not the order's
        following = self._at(index + 1)
        previous = self._at(index - 1)
        is_int = _is_int_text(item.text)
        dashed = self._dashed_month_day(index)
        if dashed is not None:
            self._add_expiration(dashed)  # "exp 11-20", "150p 11-20": a month and a day
            self.consumed.add(index + 2)
            return
        if following is not None and item.glued and following.lower in _AMOUNT_UNITS:
            self.consumed.add(index + 1)  # "$8M", "2k": an amount, not a price
            return
        if following is not None and following.text.startswith("%"):
            if previous is not None and previous.lower in lex.CHANGE_WORDS:
                self.facts.status.append(f"a profit or loss: {previous.text} {item.text}%")
            return
        if self._before_width(index + 1):
            return  # "a 5-wide PCS", "10 points wide": the spread's width, not a role
        if self.ignore_window:
            self.ignore_window = 0
            return
        if previous is not None and previous.lower in ("leg", "#"):
            return  # "Leg 1: Buy ...", "#2": a leg's or an item's number
        if following is not None and following.lower in lex.TOTAL_WORDS:
            self.facts.total_cost = item.text  # "for $215 total": not a per-contract price
            return
        slot = NumberSlot(position=index, text=item.text, value=value, scores={})
        if self.pending_strike:
            self.pending_strike = False
            slot.cue("strike", CUE_DECISIVE)
            slot.strong_strike = True
        if is_int:
            self._cue_quantity(index, slot, previous, following)
        if self.pending_price:
            self.pending_price = False
            slot.cue("price", CUE_STRONG)
        if is_int and self._counted_contracts(index + 1):
            slot.cue("quantity", CUE_DECISIVE)  # "5 call of AMD 200", "3 puts on QQQ strike 590"
        elif self._is_type_word(index + 1) and following is not None:
            slot.cue("strike", CUE_DECISIVE)
            slot.strong_strike = True
            slot.strike_type = lex.TYPE_WORDS[following.lower]
        elif following is not None and following.label in STRATEGY_LABELS:
            slot.cue("strike", CUE_STRONG)
            slot.strong_strike = True
            slot.strike_type = self._strategy_type_at(index + 1)
        if self._before_strike_marker(index + 1):
            slot.cue("strike", CUE_DECISIVE)  # "35 strike", "600-strike calls"
            slot.strong_strike = True
        if following is not None and following.lower in lex.CREDIT_DEBIT:
            slot.cue("price", CUE_STRONG)
        elif following is not None and following.lower in lex.PRICE_EFFECT_ABBREVIATIONS:
            slot.cue("price", CUE_STRONG)  # "@ 3.70 db", "1.18 cr"
            abbreviated = lex.PRICE_EFFECT_ABBREVIATIONS[following.lower]
            self.facts.price_word = self.facts.price_word or abbreviated
            self.consumed.add(index + 1)
        if following is not None and following.lower == "for" and self._is_count(index + 2):
            slot.cue("price", CUE_STRONG)  # "3.10 for 7 LULU ...": a price, then the count
        if self.option_context and value > 0:
            slot.cue("strike", CUE_WEAK)
        slot.cue("price", CUE_HINT)
        if self._ends_line(index):
            slot.cue("price", CUE_HINT)
        if "." in item.text:
            slot.cue("price", CUE_HINT)  # "4.20" looks like a premium; strikes are mostly whole
        if not is_int:
            slot.forbid("quantity")
        self.facts.slots.append(slot)

    def _dashed_month_day(self, index: int) -> date | None:
        """The date in "exp 11-20" or "NVDA 150p 11-20": a month and a day joined by a dash
        beside an expiration word or a strike. Elsewhere two numbers joined by a dash are a
        range ("1-2 contracts", "5-10 wide") or a strike pair, so they are left alone."""
        dash, day, after = self._at(index + 1), self._at(index + 2), self._at(index + 3)
        item = self.items[index]
        if dash is None or day is None or dash.text != "-" or not (item.glued and dash.glued):
            return None
        if not (_RE_DAY_NUMBER.fullmatch(item.text) and _RE_DAY_NUMBER.fullmatch(day.text)):
            return None
        if after is not None and (after.text in ("-", "/", "%") or after.lower in _RANGE_UNITS):
            return None
        before = index - 1
        while (previous := self._at(before)) is not None and previous.lower in (":", "on"):
            before -= 1  # "expiring on 11-20", "exp: 11-20"
        beside_contract = previous is not None and (
            previous.lower in lex.EXPIRATION_MARKERS
            or previous.label == "TYPED"
            or self._is_type_word(before)
            or (self._ticker_read_at(before) and self._strikes_follow(index + 3))
        )
        if not beside_contract:
            return None
        return cal.month_day(int(item.text), int(day.text), self.today)

    def _counted_contracts(self, index: int) -> bool:
        """True for a type word naming what is counted, its strike written after the ticker:
        "5 call of AMD 200", "3 puts on QQQ strike 590"."""
        if not self._is_type_word(index):
            return False
        marker = self._at(index + 1)
        if marker is None or marker.lower not in ("of", "on") or not self._before_ticker(index + 2):
            return False
        after = self._at(index + 3)
        return after is not None and (after.label == "NUM" or after.lower in lex.STRIKE_MARKERS)

    def _strike_group_follows(self, index: int) -> bool:
        """True when a later slash group holds every strike the strategy needs (and cannot be
        a date): "SPY 12/31 IC: 640/645/720/725"."""
        for item in self.items[index + 1 :]:
            parts = item.text.split("/")
            if (
                item.label == "SLASH"
                and len(parts) >= max(self.strikes_needed, 2)
                and self._slash_date(parts) is None
            ):
                return True
        return False

    def _strikes_follow(self, index: int) -> bool:
        """True for a strike ("150p", "150 put") or a strike pair ("600/605") at ``index``."""
        item = self._at(index)
        if item is not None and item.label == "SLASH":
            return self._slash_date(item.text.split("/")) is None
        return self._is_strike_item(index)

    def _ticker_read_at(self, index: int) -> bool:
        return self._before_ticker(index) or any(at == index for _, at, _ in self.facts.tickers)

    def _cue_quantity(
        self, index: int, slot: NumberSlot, previous: _Item | None, following: _Item | None
    ) -> None:
        if previous is not None and previous.lower in ("only", "x", "qty", "quantity"):
            slot.cue("quantity", CUE_DECISIVE)  # "only 2", "600c 12/18 x 3", "qty 2"
        elif self._after_key(index, lex.QUANTITY_KEYS):
            slot.cue("quantity", CUE_DECISIVE)  # "Qty: 2", "Contracts: 3"
        if self._held_shares(index + 1):
            pass  # "calls on my 300 shares of T": the shares held, not the count traded
        elif following is not None and following.lower in (
            lex.SHARE_WORDS | lex.CONTRACT_WORDS | {"x"}
        ):
            slot.cue("quantity", CUE_DECISIVE)
        elif self._before_count_of(index) or (
            previous is not None and previous.lower in lex.COUNT_VERBS
        ):
            slot.cue("quantity", CUE_DECISIVE)  # "5 of them", "4 of the SPY ...", "do 4 at 1.25"
        if self._in_quantity_slot(index):
            slot.cue("quantity", CUE_MEDIUM)
            if following is not None and following.lower in _PLURAL_TYPES:
                slot.cue("quantity", CUE_DECISIVE)  # "buy 10 calls": a count of contracts
        if self._before_ticker(index + 1):
            slot.cue("quantity", CUE_MEDIUM)
        elif self._is_strike_item(index + 1):
            slot.cue("quantity", CUE_MEDIUM)  # "AAPL 10 190 calls": a count before the strike
        elif self._after_ticker(index) and self._much_smaller_than_next(index, slot.value):
            slot.cue("quantity", CUE_WEAK)  # "SPY 5 600 12/18": a count, then the strike
        if previous is not None and previous.label == "NUM" and "." in previous.text:
            slot.cue("quantity", CUE_WEAK)  # "350c 4.20 2": a count after the premium

    def _before_count_of(self, index: int) -> bool:
        """True for a whole number before "of them", "of those", "of the": a count of the
        contracts named ("5 of them", "4 of the SPY 660/665 call spreads")."""
        item, marker, what = self._at(index), self._at(index + 1), self._at(index + 2)
        return (
            item is not None
            and _is_int_text(item.text)
            and marker is not None
            and marker.lower == "of"
            and what is not None
            and what.lower in lex.COUNTED_OBJECTS
        )

    def _word_after_dash(self, index: int) -> _Item | None:
        """The item at ``index``, or the one after it when it is a dash ("5-wide")."""
        item = self._at(index)
        if item is not None and item.text == "-":
            return self._at(index + 1)
        return item

    def _before_width(self, index: int) -> bool:
        item = self._word_after_dash(index)
        return item is not None and item.lower in lex.WIDTH_WORDS

    def _before_strike_marker(self, index: int) -> bool:
        item = self._word_after_dash(index)
        return item is not None and item.lower in lex.STRIKE_MARKERS

    def _before_ticker(self, index: int) -> bool:
        """True when the item at ``index`` reads as a ticker ("5 NFLX", "4 $DIS")."""
        item = self._at(index)
        if item is None:
            return False
        if item.label == "DTICKER":
            return True
        return (
            item.label == "WORD"
            and item.lower not in lex.NOT_TICKERS
            and _RE_UPPER_TICKER.fullmatch(item.text) is not None
        )

    def _after_ticker(self, index: int) -> bool:
        return self._before_ticker(index - 1)

    def _much_smaller_than_next(self, index: int, value: Decimal) -> bool:
        """A number far below the bare number after it reads as a count, not a strike."""
        following = self._at(index + 1)
        if following is None or following.label != "NUM":
            return False
        next_value = _decimal(following.text)
        return next_value is not None and next_value >= value * _COUNT_MAGNITUDE

    def _is_strike_item(self, index: int) -> bool:
        item = self._at(index)
        if item is None:
            return False
        if item.label == "TYPED":
            return True
        return item.label == "NUM" and self._is_type_word(index + 1)

    def _in_company_slot(self, index: int) -> bool:
        """True for a company name where the ticker goes: after the action (and its count)
        before the order's details, after "shares of" / "puts on", or before the strike."""
        if self._after_contract_of(index):
            return True
        if self._is_strike_item(index + 1) and self._lower_ticker_lead(index):
            return True
        action = self.facts.first_action
        after_action = action >= 0 and (
            index == action + 1 or (index == action + 2 and self._is_count(action + 1))
        )
        return after_action and self._before_order_detail(index + 1)

    def _lower_ticker_lead(self, index: int) -> bool:
        """True when what stands before a lower-case word can lead a ticker: nothing on the
        line, a count ("sell two uber 85 calls"), the action, or "my", "the", "long"."""
        previous = self._at(index - 1)
        return (
            self._opens_line(index)
            or self._is_count(index - 1)
            or self._action_at(index - 1)
            or (previous is not None and previous.lower in lex.LOWER_TICKER_LEADS)
        )

    def _after_contract_of(self, index: int) -> bool:
        """True after "shares of", "puts on", "calls for": the word names what is traded."""
        marker, noun = self._at(index - 1), self._at(index - 2)
        if marker is None or noun is None or marker.lower not in ("of", "on"):
            return False
        return (
            noun.lower in lex.SHARE_WORDS
            or noun.lower in _PLURAL_TYPES
            or (noun.lower in ("call", "put") and marker.lower == "on")
        )

    def _ends_line(self, index: int) -> bool:
        return index == len(self.items) - 1 or self.items[index].line_end

    def _on_quantity_word(self, index: int, item: _Item, value: int) -> None:
        """A count written in words ("twelve", "a couple"): only ever a quantity."""
        slot = NumberSlot(position=index, text=item.text, value=Decimal(value), scores={})
        following = self._at(index + 1)
        if following is not None and following.lower in (lex.SHARE_WORDS | lex.CONTRACT_WORDS):
            slot.cue("quantity", CUE_DECISIVE)
        if self._in_quantity_slot(index):
            slot.cue("quantity", CUE_MEDIUM)
        if self._before_ticker(index + 1) or self._is_strike_item(index + 1):
            slot.cue("quantity", CUE_MEDIUM)
        if slot.scores:
            self.facts.slots.append(slot)

    def _on_typed(self, index: int, item: _Item) -> None:
        match = _RE_TYPED.fullmatch(item.text)
        if not match:
            return  # a typed strike is never a target or a level ("Hit PT1 on SPY 600c")
        value = _decimal(match.group(1))
        if value is not None:
            self._add_strike(value, lex.TYPE_WORDS[match.group(2).lower()], index)
        self.pending_price = self.pending_strike = False  # "Strike: 260C" names it

    def _slash_date(self, parts: list[str]) -> date | None:
        if not all(part.isdigit() for part in parts) or len(parts) not in (2, 3):
            return None
        month, day = int(parts[0]), int(parts[1])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        year = None
        if len(parts) == 3:
            if len(parts[2]) == 2:
                year = 2000 + int(parts[2])
            elif len(parts[2]) == 4:
                year = int(parts[2])
            else:
                return None
        return cal.month_day(month, day, self.today, year)

    def _on_slash(self, index: int, item: _Item) -> None:
        if self._is_fraction(index):
            return
        parts = item.text.split("/")
        as_date = self._slash_date(parts)
        following = self._at(index + 1)
        before_strategy = following is not None and following.label in STRATEGY_LABELS
        before_type = self._is_type_word(index + 1)
        ambiguous = before_type and (self.has_strategy or bool(self.facts.expirations))
        if as_date is not None and (
            (not before_strategy and not ambiguous) or self._strike_group_follows(index)
        ):
            # "SPY 12/31 IC: 640/645/720/725": the strikes come after, this is the date
            self._add_expiration(as_date)
            return
        group_type: LegType | None = None
        if before_type and following is not None:
            group_type = lex.TYPE_WORDS[following.lower]
        elif before_strategy:
            group_type = self._strategy_type_at(index + 1)
        last = _RE_SUFFIXED_PART.fullmatch(parts[-1])
        if group_type is None and last is not None and last.group(2):
            group_type = _TYPE_BY_LETTER.get(last.group(2).lower())  # "700/705c": both calls
        added = 0
        for part in parts:
            match = _RE_SUFFIXED_PART.fullmatch(part)
            value = _decimal(match.group(1)) if match else None
            if match is None or value is None:
                continue
            suffix = match.group(2).lower()
            self._add_strike(value, _TYPE_BY_LETTER.get(suffix, group_type), index)
            added += 1
        self.facts.groups.append(added)
        self.pending_price = self.pending_strike = False

    def _on_ordinal(self, index: int, item: _Item) -> None:
        following = self._at(index + 1)
        match = _RE_ORDINAL.fullmatch(item.text)
        if match and following is not None and following.lower in lex.MONTHS:
            self.consumed.add(index + 1)
            month = lex.MONTHS[following.lower]
            self._add_expiration(cal.month_day(month, int(match.group(1)), self.today))

    def _leading_day(self, index: int) -> int | None:
        """The day in "9 Jan" / "23 JAN 27", unless that number is the order's count."""
        previous = self._at(index - 1)
        slot = self.facts.slots[-1] if self.facts.slots else None
        if previous is None or slot is None or slot.position != index - 1:
            return None
        if not previous.text.isdigit() or not 1 <= int(previous.text) <= _MAX_DAY:
            return None
        following = self._at(index + 1)
        year_follows = following is not None and (
            _is_year(following.text) or self._two_digit_year(following.text) is not None
        )
        if slot.scores.get("quantity", 0.0) >= CUE_MEDIUM and not year_follows:
            return None
        self.facts.slots.pop()
        return int(previous.text)

    def _two_digit_year(self, text: str) -> int | None:
        """20YY for a two-digit year within the next few years, else None."""
        if len(text) != 2 or not text.isdigit():
            return None
        year = 2000 + int(text)
        return year if self.today.year <= year <= self.today.year + _YEARS_AHEAD else None

    def _trailing_year(self, index: int, month: int, day: int) -> int | None:
        """The year after "Jan 15": ``2027`` always, ``27`` unless it is a strike ("27 calls")."""
        item = self._at(index)
        if item is None or item.label != "NUM":
            return None
        if _is_year(item.text):
            return int(item.text)
        year = self._two_digit_year(item.text)
        following = self._at(index + 1)
        if year is None or self._is_type_word(index + 1):
            return None
        if following is not None and following.label in STRATEGY_LABELS:
            return None
        if cal.month_day(month, day, self.today, year) is None:
            return None
        return year

    def _well_wish(self, index: int) -> bool:
        """True for "wish" before a person and a good wish or the clause's end ("wish me
        luck", "wishing you all green", "wish us well"): a wish for someone, not a wish that
        things were otherwise ("I wish I had bought ...")."""
        person, wished = self._at(index + 1), self._at(index + 2)
        if person is None or person.lower not in guard.WISHED_PERSONS:
            return False
        return wished is None or wished.label == "SYM" or wished.lower in lex.WISHED_GOODS

    def _contract_for_month(self, index: int) -> bool:
        """True for "for" between a contract and the month at ``index`` ("the 150/160 call
        spreads for May at 3.90", "2 AMD 150c for May"): the contract's month, not the modal
        "may"."""
        marker, contract = self._at(index - 1), self._at(index - 2)
        following = self._at(index + 1)
        return (
            (following is None or following.lower not in ("be", "have", "not", "well"))
            and marker is not None
            and marker.lower == "for"
            and contract is not None
            and (
                contract.lower in lex.TYPE_WORDS
                or contract.label == "TYPED"
                or contract.label in STRATEGY_LABELS
            )
        )

    def _on_month(self, index: int, item: _Item) -> None:
        month = lex.MONTHS[item.lower]
        following = self._at(index + 1)
        previous = self._at(index - 1)
        leading_day = self._leading_day(index)
        if leading_day is not None:
            year = self._trailing_year(index + 1, month, leading_day)
            if year is not None:
                self.consumed.add(index + 1)
            self._add_expiration(cal.month_day(month, leading_day, self.today, year))
            return
        day_text: str | None = None
        if following is not None and following.label == "NUM" and _is_int_text(following.text):
            if (
                following.text.isdigit()
                and 1 <= int(following.text) <= 31
                and not self._is_type_word(index + 2)
            ):
                day_text = following.text
        elif following is not None and following.label == "ORD":
            day_text = following.text[:-2]
        if item.lower == "may" and day_text is None:
            context = previous is not None and (
                previous.lower in lex.EXPIRATION_MARKERS
                or previous.lower == "in"
                or previous.lower in lex.TYPE_WORDS
                or previous.label == "TYPED"
                or self._contract_for_month(index)
            )
            if not context:
                return
        if day_text is None:
            if following is not None and following.label == "NUM" and _is_year(following.text):
                self.consumed.add(index + 1)
                self._add_expiration(cal.monthly_expiration(int(following.text), month))
                return
            self._add_expiration(cal.upcoming_monthly(month, self.today))
            return
        self.consumed.add(index + 1)
        after = index + 2
        if (item_after := self._at(after)) is not None and item_after.text == ",":
            after += 1
        explicit_year = self._trailing_year(after, month, int(day_text))
        if explicit_year is not None:
            self.consumed.add(after)
        self._add_expiration(cal.month_day(month, int(day_text), self.today, explicit_year))

    def _on_word(self, index: int, item: _Item, is_first: bool) -> None:
        facts, lower = self.facts, item.lower
        if self._in_ticker_slot(index):  # a chat word in capitals is a fallback ticker
            facts.tickers.append((1 if lower not in lex.NOT_TICKERS else 3, index, item.text))
            return
        if (
            lower in lex.MEME_SPEAKERS
            and (self._before_colon(index) or self._meme_opener(index))
            and not self._after_preposition(index)  # "wider wings for me: STO ...": my own
        ):
            self._chatter("a joke", item.text, frames=True)  # "Nobody:\nMe: BTO ...": a meme
            return
        if lower in lex.SELF_SPEAKERS and self._self_speaker(index):
            self._chatter(guard.JOKE, item.text, frames=True)  # "my last brain cell: BTO ..."
            return
        if self._speaker_label(index):
            self._chatter(guard.REPORTED, item.text, frames=True)  # "wife: ...": a dialogue
            return
        if lower in lex.HYPOTHETICAL_LEADS and self._before_hypothesis(index):
            self._veto(guard.HYPOTHETICAL, f"{item.text} {self.items[index + 1].text}")
            return  # "in theory a ... fly for 2.30 pays 7.70": reasoning about a trade
        if lower in lex.ACTION_WORDS and (owned := self._hyperbole(index)) is not None:
            self._chatter(guard.JOKE, owned, frames=True)  # "let me sell my house and BTO ..."
            return
        if lower in lex.HELD_OPEN_WORDS and self._held_open(index):
            facts.status.append(f"a position held: with ... {item.text}")  # "with 2 ... open"
            return
        if lower in ("long", "short") and not is_first and self._after_holder(index):
            facts.status.append(f"a position held: {item.text}")  # "I'm short 2 SPY 580p"
            return
        if lower in lex.POSITION_HEADINGS | lex.POSITION_STATES and self._heading_opens_line(index):
            # "Position: long 3 AMD ...", "my book: short 1 AAPL ...": positions held. A
            # heading names what the writer already holds, so an alert code under it is the
            # entry being tracked ("position: STO 1 TSLA ... @ 6.20, sitting at +40%", "in:
            # STO ..."); an order opening one says so before it ("start a position: ...").
            facts.status.append(f"a position: {item.text}")
            self._chatter(guard.REPORT, f"a position: {item.text}", frames=True)
            return
        if lower == "out" and self._reports_leaving(index, is_first):
            self._chatter("a report", "out of", frames=True)  # "Out of AMD 160c at 4.20"
            return
        if lower in lex.STATUS_WORDS:
            facts.status.append(item.text)
        if (
            lower in lex.ACTION_WORDS
            or lower in lex.LEADING_ACTION_WORDS
            or lower in lex.WEAK_ACTION_WORDS
        ) and self._modifies_noun(index):
            return  # "need the buying power for ...", "selling pressure", "a sell-off"
        if lower in lex.CODES:
            previous = self._at(index - 1)
            if previous is not None and (
                previous.lower
                in lex.COPULAS | lex.POSSESSIVES | lex.CODE_DETERMINERS | lex.CODE_PREPOSITIONS
            ):
                # "is BTO ...", "my STO ... got assigned", "Jay's BTO ... alert", "that BTO ...
                # alert was fire", "buying power for STO ...": a trade talked about (a
                # possessive, a determiner or a preposition makes the code a noun)
                self._veto("a trade talked about", f"{previous.text} {item.text}")
            if not facts.explicit_code:
                facts.code_at = item.start
            side, effect = lex.CODES[lower]
            facts.explicit_code = True
            self._set_side(side, effect, 3, index)
        elif is_first and lower in lex.ENTERED_WORDS and self._entry_price_follows(index + 1):
            facts.status.append(f"a position entered: {item.text}")  # "in at 1.45 on the ..."
        elif lower in lex.LEADING_ACTION_WORDS and (
            is_first
            or self._after_alert_heading(index)
            or self._after_request(index)
            or self._after_bot_address(index)
        ):
            leading_side, leading_effect = lex.LEADING_ACTION_WORDS[lower]
            if lower in lex.CLOSE_WORDS:
                leading_side = self._closed_side(index)  # "close my 2 short MSFT 460 puts"
            self._set_side(leading_side, leading_effect, 2, index)
            facts.side_from_leading = facts.side_rank == 2
            if lower in lex.PRICE_MARKERS:
                self._arm_price()
        elif lower == "get" and self._after_to(index) and self._is_count(index + 1):
            self._set_side("buy", None, 2, index)  # "I'd like to get three AMD 210 calls"
        elif lower in lex.GET_VERBS and self._asks_to_get(index) and self.request_at >= 0:
            # "can I get 3 AAPL 250 calls ...?": the request is the action (its clause is the
            # request itself, so it is not tested again)
            self._set_side("buy", None, 1, index)
        elif lower in lex.CLOSE_WORDS and self._closes_position(index):
            # "please close my 2 ...", "I need to close my ...", "..., close out my short 3
            # ...": closing the position named; a short is bought back, a long sold
            self._set_side(self._closed_side(index), "close", 2, index)
            facts.side_from_leading = facts.side_rank == 2
        elif is_first and lower in lex.LEADING_EFFECT_WORDS:
            facts.effect = lex.LEADING_EFFECT_WORDS[lower]
            facts.first_action = index  # "open 4 IWM ...": the count follows as after a verb
        elif self.quote_layout and lower in lex.BID_WORDS | lex.ASK_WORDS:
            facts.status.append(item.text)  # "bid 6.20 / ask 6.35": a quote, not a bid to buy
        elif lower in lex.PRICE_ACTION_WORDS and self._after_the_or_at(index):
            return  # "sell ... at the bid", "hit on the offer": a price level, not an action
        elif lower in lex.ACCEPT_WORDS and self._before_price(index + 1):
            self._arm_price()  # "..., take 0.30": accepting a price, not buying
        elif lower in lex.NOUN_LIKE_ACTIONS and self._after_noun_modifier(index):
            return  # "rate cut", "a trim": a noun, not an action
        elif lower in lex.ACTION_WORDS and self._after_entry_price(index):
            self._veto("a result (an entry and an exit)", item.text)  # "entry 6.40 exit 11.20"
        elif lower in lex.ACTION_WORDS:
            self._set_side(*lex.ACTION_WORDS[lower], 2, index)
            if lower in lex.PRICE_ACTION_WORDS:
                self._arm_price()  # "bid 1.15 for ...": the verb is also a price marker
        elif lower in lex.WEAK_ACTION_WORDS and is_first and lower.endswith("ed"):
            # "added 2 more NVDA 210c ... at 5.10": opening the message, a past form reports
            # the trade (an alert room's "added" tag follows the contract: "... 12/18 added")
            self._chatter("past tense", item.text, frames=True)
        elif lower in lex.WEAK_ACTION_WORDS:
            self._set_side(*lex.WEAK_ACTION_WORDS[lower], 1, index)
        elif lower in lex.EFFECT_WORDS:
            facts.effect = lex.EFFECT_WORDS[lower]
        elif self._is_type_word(index):
            facts.types.append(lex.TYPE_WORDS[lower])
        elif lower in lex.MONTHS:
            self._on_month(index, item)
        elif lower in lex.WEEKDAYS:
            self._add_relative_expiration(
                index, cal.next_weekday(self.today, lex.WEEKDAYS[lower], strictly_after=False)
            )
        elif lower in lex.RELATIVE_DATE_WORDS:
            self._on_relative(index, item)
        elif lower in lex.PRICE_MARKERS:
            self._arm_price()
        elif lower in lex.STRIKE_MARKERS:
            previous = self._at(index - 1)
            if previous is not None and previous.text == "-":
                previous = self._at(index - 2)
            if previous is None or previous.label != "NUM":  # "35 strike" names it already
                self.pending_strike, self.pending_price = True, False
        elif lower in lex.CREDIT_DEBIT:
            facts.price_word = facts.price_word or lex.CREDIT_DEBIT[lower]
            self._arm_price()
        elif lower in lex.SHARE_WORDS:
            facts.shares = facts.shares or self._counts_shares(index)
        elif lower in lex.CONTRACT_WORDS:
            return  # "contracts" only tells us this is about options (see option_context)
        elif lower in lex.GTC_WORDS:
            facts.tif = "gtc"
        elif lower in lex.DAY_WORDS:
            if self._is_day_order(index):
                facts.tif = "day"
        elif self.roll is not None and lower in lex.ROLL_FILLERS:
            return  # "roll ... up to the 420 strike": the roll's direction, not a target
        elif lower in lex.IGNORE_NUMBER_WORDS or _RE_IGNORE_WORD.fullmatch(lower):
            reported = facts.first_action < 0 and not self._past_object(index)
            if lower in lex.REPORT_WORDS and reported and self._settles_dispute(index):
                self._veto(guard.DISPUTE, item.text)  # "fine, you win. buy ...": conceded
            elif lower in lex.REPORT_WORDS and reported:
                self._chatter("a report", item.text, frames=True)  # "Loss: STC ...", "Targets:"
            if lower in lex.CHANGE_WORDS and self._amount_follows(index + 1):
                facts.status.append(f"a profit or loss: {item.text}")  # "down 1.2k on ..."
                if self._result_on(index):
                    self._chatter("a result", item.text, frames=True)  # "down 2k on STO ..."
            self.ignore_window = 4
            facts.entry_reference = facts.entry_reference or lower in lex.ENTRY_REFERENCE_WORDS
            facts.stop_level = facts.stop_level or (
                lower in lex.STOP_ORDER_WORDS and self._level_follows(index + 1)
            )
        elif lower in lex.QUANTITY_WORDS:
            self._on_quantity_word(index, item, lex.QUANTITY_WORDS[lower])
        else:
            self._on_other_word(index, item, is_first)

    def _ironic_tail(self, index: int) -> bool:
        """True for a mark of irony ending the message after the instruction ("sure, let me
        just BTO 50 SPY ... 🙄", "... /s"): it takes back what was said (opening the message, an
        eye-roll is a mood: "mondays man 🙄 anyway, buy ...")."""
        if not 0 <= self.facts.first_action < index:
            return False
        return all(item.label == "SYM" for item in self.items[index + 1 :])

    def _after_order_details(self, index: int) -> bool:
        """True right after the order's details, or a comma or dash after them ("BTO ... @
        1.35, expired worthless", "STO ... @ .50 — assigned")."""
        if not 0 <= self.facts.first_action < index:
            return False
        previous = self._at(index - 1)
        if previous is not None and previous.text in (",", "-", "—", "–"):
            previous = self._at(index - 2)
        return previous is not None and previous.label in (
            "NUM", "TYPED", "SLASH", "ISO", "OCC", "DTE", "MARKET"
        )  # fmt: skip

    def _restricts_time(self, index: int) -> bool:
        """True for "only" after the order's details restricting when it may go ("buy ... @
        2.50 but only on a break of 225", "sell ... only after earnings"): a condition."""
        following = self._at(index + 1)
        return (
            0 <= self.facts.first_action < index
            and bool(self.facts.slots or self.facts.strikes)
            and following is not None
            and following.lower in lex.RESTRICTED_TIMES
        )

    def _inverted_condition(self, index: int) -> bool:
        """True for an auxiliary before its subject after the order's details, in the order's
        sentence ("STO ... @ 1.00 should CPI come in cool", "..., were SPY to break 600", "...
        had it held 600"): a condition said without "if", not yet met. The subject is a name
        (a capital), a subject pronoun, or after "should" and "were" a determiner ("should the
        Fed cut"); "... should print", "... had a good run" and "... should be fine" have none."""
        first = self.facts.first_action
        if not 0 <= first < index or not (self.facts.slots or self.facts.strikes):
            return False
        if any(item.line_end or item.text in _CLAUSE_ENDS for item in self.items[first:index]):
            return False  # "... @ 2. should be fine": a remark in a sentence of its own
        subject, verb = self._at(index + 1), self._at(index + 2)
        if subject is None or verb is None or subject.label != "WORD" or verb.label != "WORD":
            return False
        if subject.lower in lex.SUBJECT_PRONOUNS:
            return True
        if self.items[index].lower == "had":
            return False
        return subject.lower in lex.INVERTED_DETERMINERS or subject.text[:1].isupper()

    def _held_already(self, index: int) -> bool:
        """True for "already" before a position word ahead of any action ("already in from
        the open: BTO ...", "already long: ..."): a position held, the trade made before now."""
        following = self._at(index + 1)
        return (
            self.facts.first_action < 0
            and following is not None
            and following.lower in lex.HELD_AFTER_ALREADY
        )

    def _held_open(self, index: int) -> bool:
        """True for "open" closing a contract held "with" ("into the weekend with 2 AAPL 225c
        7/9 open", "CPI with 4 SPY 600 puts still open"), with no action or alert code before
        it: a position the writer holds, not an order."""
        facts = self.facts
        if facts.first_action >= 0 or facts.explicit_code:
            return False
        position, named = index - 1, False
        while (item := self._at(position)) is not None and item.lower in lex.HELD_OPEN_FILLERS:
            position -= 1
        while (item := self._at(position)) is not None:
            if item.lower in lex.HELD_OPEN_LEADS:
                return named
            if item.label == "TYPED" or item.lower in lex.TYPE_WORDS:
                named = True
            elif item.label not in ("NUM", "SLASH", "DATE") and not (
                item.label == "WORD" and item.text.isupper()
            ):
                return False
            position -= 1
        return False

    def _settles_dispute(self, index: int) -> bool:
        """True for an argument with someone settled before the order's action, outside a
        heading: another person's opinion ("he can keep his opinion", "my sister has an
        opinion") or their win conceded ("fine, you win", "ok she wins the debate"). It is a
        statement about the other person, which a full stop ends (guard.DISPUTE)."""
        if self.facts.first_action >= 0 or self._in_heading(index):
            return False
        item, previous = self.items[index], self._at(index - 1)
        if previous is None:
            return False
        if item.lower in lex.DISPUTE_WINS:
            return previous.lower in lex.DISPUTE_WINNERS
        if previous.lower in lex.DISPUTE_HOLDERS:
            return True
        before = self._at(index - 2)
        return previous.lower == "an" and before is not None and before.lower in ("has", "have")

    def _verdict(self, index: int) -> bool:
        """True for "wins" as the verb of a comparison's verdict ("the iron condor wins on
        theta.", "B wins."): a strategy or a one-letter label before it, and a sentence end or
        what it wins on after it."""
        item, previous, following = self.items[index], self._at(index - 1), self._at(index + 1)
        if item.lower != "wins" or previous is None:
            return False
        labelled = (
            previous.label in STRATEGY_LABELS
            or previous.lower in lex.VERDICT_SUBJECTS
            or (len(previous.text) == 1 and previous.text.isupper())
        )
        return labelled and (
            following is None
            or self._ends_sentence(index)
            or following.lower in lex.VERDICT_TAILS
            or following.text in (",", ".", "!", ";")
        )

    def _compares_trades(self, index: int) -> bool:
        """True for "vs" after the order's action, with another trade named after it in the
        same sentence ("BTO 1 MSFT 460c @ 5.90 vs a 460/470 call debit spread @ 3.80")."""
        if not 0 <= self.facts.first_action < index:
            return False
        for position in range(index + 1, index + 1 + lex.COMPARED_TRADE_REACH):
            item = self._at(position)
            if item is None:
                return False
            if (
                item.label in STRATEGY_LABELS
                or item.label in ("TYPED", "OCC", "ACTION")
                or item.lower in lex.CODES
                or item.lower in lex.COMPARED_TRADE_WORDS
            ):
                return True
            if self._ends_sentence(position):
                return False
        return False

    def _dreams_order(self, index: int) -> bool:
        """True for a dream before the order's action in its sentence ("recurring dream where I
        try to submit BTC ..."), not negated ("no dreams just vibes. buy ...")."""
        if self._negated(index) or self.facts.first_action >= 0:
            return False
        linked = False
        for position in range(index + 1, len(self.items)):
            if self._action_at(position):
                return linked
            linked = linked or self.items[position].lower in lex.DREAM_LINKS
            if self._ends_sentence(position):
                return False
        return False

    def _heads_stored_text(self, index: int) -> bool:
        """True for a place where text is stored ("preset", "snippet", "hotkey") before the
        order's action, a colon between them in one sentence, and no negation before it."""
        if self.facts.first_action >= 0:
            return False
        start = self._sentence_start(index)
        if any(item.lower in lex.STORED_TEXT_NEGATIONS for item in self.items[start:index]):
            return False  # "not using the hotkey this time, typing it out: buy ..."
        colon = False
        for position in range(index + 1, len(self.items)):
            item = self.items[position]
            if item.text == ":":
                colon = True
            elif self._action_at(position):
                return colon
            if self._ends_sentence(position):
                return False
        return False

    def _vetoes_trade(self, index: int) -> bool:
        """True for a veto whose object is the trade ("vetoed the BTO ...", "VETO on 'STO
        ...'"): only a preposition, a determiner or a quote between them."""
        position = index + 1
        while (item := self._at(position)) is not None and (
            item.lower in lex.VETO_FILLERS or item.text in ("'", '"', ":")
        ):
            position += 1
        return self._action_at(position)

    def _said_no_to(self, index: int) -> bool:
        """True for "no to" right before an action ("said no to STO 5 JPM ...")."""
        following = self._at(index + 1)
        return following is not None and following.lower == "to" and self._action_at(index + 2)

    def _thinks_of_no_trade(self, index: int) -> bool:
        """True for "thinking about" whose object, up to the end of its sentence, names no
        trade ("woke up at 4am thinking about rates lol. sell ..."): a mood, not a plan.
        ("thinking about NVDA calls. BTO ..." and "thinking about BTO ..." stay plans.)"""
        if self.items[index].phrase != "thinking about" or self.facts.first_action >= 0:
            return False
        end = next((at for at in range(index, len(self.items)) if self._ends_sentence(at)), None)
        if end is None or not any(self._action_at(at) for at in range(end + 1, len(self.items))):
            return False
        return self._is_remark(index + 1, end + 1, _REMARK_TALK)

    def _record_verdict(self, index: int) -> bool:
        """True for a record as the subject of a verb of saying whose sentence states a verdict
        and ends before the order ("spreadsheet says covered call beats CSP here. sell ..."):
        the writer's reason. "spreadsheet says: BTO ..." pastes the record."""
        following = self._at(index + 1)
        if following is None or following.lower not in lex.RECORD_VERBS:
            return False
        if self.facts.first_action >= 0:
            return False
        for position in range(index + 2, len(self.items)):
            item = self.items[position]
            if item.text == ":" or self._action_at(position) or item.lower in lex.CODES:
                return False
            if self._ends_sentence(position):
                return any(self._action_at(at) for at in range(position + 1, len(self.items)))
        return False

    def _once_idiom(self, index: int) -> bool:
        """True for "once" in an idiom ("for once", "at once", "this once", "once again")."""
        previous, following = self._at(index - 1), self._at(index + 1)
        return (previous is not None and previous.lower in lex.ONCE_IDIOM_BEFORE) or (
            following is not None and following.lower in lex.ONCE_IDIOM_AFTER
        )

    def _judges_after_order(self, index: int) -> bool:
        """True for "looks" / "seems" whose own subject (a word or two, not a person nor a
        pronoun that may point at the order) opens a clause after a comma or a dash that follows
        the order's details ("buy 1 AMZN 185p 6/25 @ 2.40, chart looks toppy", "..., IV seems
        cheap"): a judgement of the market, the writer's reason. "looks like", "seems to" and
        "looks right" still hedge or ask."""
        following = self._at(index + 1)
        if following is None or following.lower in lex.HEDGING_COMPLEMENTS:
            return False
        position = index - 1
        while (item := self._at(position)) is not None and item.label in ("WORD", "DTICKER"):
            if item.lower in lex.UNJUDGED_SUBJECTS or index - position > lex.JUDGED_SUBJECT_WORDS:
                return False
            position -= 1
        if position == index - 1:
            return False
        return self._after_order_details(position + 1)

    def _names_repeated_trade(self, index: int) -> bool:
        """True for a past time right after "same ... as" / "same ... like" ("same as
        yesterday, one more time: buy ...", "same trade as last week: STO ..."): the earlier
        trade that the order repeats, named for comparison, not this order's time."""
        link = self._at(index - 1)
        if link is None or link.lower not in lex.COMPARISON_LINKS:
            return False
        for position in range(index - 2, index - 3 - lex.SAME_GAP_WORDS, -1):
            item = self._at(position)
            if item is None or item.label != "WORD":
                return False
            if item.lower in lex.SAME_WORDS:
                return True
        return False

    def _copied_from_own_source(self, index: int) -> bool:
        """True for a copy verb in a heading before the first action whose source is the
        writer's own broker, account or app ("copied from my other broker: BUY +1 ...",
        "pasted from my schwab account —"): the writer's own order entered again here. A source
        that is someone else's or a record ("copied from twitter", "from my journal", "from my
        account history") still frames the trade."""
        if self.facts.first_action >= 0:
            return False
        link, owner = self._at(index + 1), self._at(index + 2)
        if link is None or owner is None or link.lower not in lex.COPY_LINKS:
            return False
        if owner.lower != "my":
            return False
        position = index + 3
        while (item := self._at(position)) is not None and item.lower in (
            lex.OWN_SOURCE_MODIFIERS | lex.OWN_ORDER_SOURCES
        ):
            position += 1
        source, end = self._at(position - 1), self._at(position)
        return (
            position > index + 3
            and source is not None
            and source.lower in lex.OWN_ORDER_SOURCES
            and (end is None or source.line_end or end.text in (":", ",", "-", "—", "–"))
        )

    def _is_conditional(self, index: int) -> bool:
        """A condition, modal or plan ("if", "I'd", "paper"), or any hypothetical word before
        "to" ("waiting to BTO ...", "hoping to sell ..."): an intention, not an order now."""
        following = self._at(index + 1)
        return self.items[index].lower in lex.CONDITIONAL_WORDS or (
            following is not None and following.lower == "to"
        )

    def _between_prices(self, index: int) -> bool:
        """True for an arrow from one number to another ("1.20 → 3.50", "700c → +85%")."""
        previous, following = self._at(index - 1), self._at(index + 1)
        numeric = ("NUM", "TYPED", "SLASH")
        return (
            previous is not None
            and following is not None
            and previous.label in numeric
            and (following.label in numeric or following.text[:1] in ("+", "-"))
        )

    def _after_price(self, index: int) -> bool:
        """True when the item before ``index`` is a number cued as the price ("at 5.20")."""
        slot = self.facts.slots[-1] if self.facts.slots else None
        return (
            slot is not None
            and slot.position == index - 1
            and slot.scores.get("price", 0.0) >= CUE_STRONG
        )

    def _person_did(self, index: int) -> bool:
        """True for "did" (or "does") right after a person named as its subject, past adverbs
        ("wife just did STO 2 COST ...", "my buddy did BTO ..."), with an action after it: the
        person's trade reported."""
        position = index - 1
        while (previous := self._at(position)) is not None and previous.lower in (
            lex.SUBJECT_ADVERBS
        ):
            position -= 1
        return (
            previous is not None
            and previous.lower in lex.SPEAKER_NOUNS | lex.PERSON_NOUNS
            and self._action_follows(index)
        )

    def _numbered_steps(self, index: int) -> bool:
        """True for "Step 1:" opening the message before an action ("Step 1: BTO ...\nStep 2:
        ???\nStep 3: lambo"): the first of a list of steps, a recipe or a meme."""
        number, colon = self._at(index + 1), self._at(index + 2)
        if number is None or colon is None or number.label != "NUM" or colon.text != ":":
            return False
        return index == 0 and self._action_follows(index + 1)

    def _gerund_subject(self, index: int) -> bool:
        """True for a copula after a clause that an action in "-ing" opens ("buying 500 shares
        of GME @ 30.00 ... is how accounts die"): the gerund is the sentence's subject."""
        first = self.facts.first_action
        if not 0 <= first < index or not self.items[first].lower.endswith("ing"):
            return False
        before = self._at(first - 1)
        if (
            before is not None
            and before.text not in (":", ".", "!", "?", "\n")
            and not (before.line_end)
        ):
            return False
        return not any(
            item.text in (".", "!", "?", ";", ",") or item.line_end
            for item in self.items[first:index]
        )

    def _dating_heading(self, index: int) -> bool:
        """True for "next week" opening its line and a heading that ends in a colon before the
        first action ("next week: BTO ...", "next week, after CPI: buy ..."): the order is
        dated later. As an expiration ("... calls expiring next week") it follows the action."""
        if self._heading_opens_line(index):
            return True
        if not self._opens_sentence(index) or self.facts.first_action >= 0:
            return False
        for item in self.items[index + 1 :]:
            if item.label in ("ACTION", "VERB") or item.lower in lex.CODES or item.line_end:
                return False
            if item.text == ":":
                return True
        return False

    def _after_quoted_trade(self, index: int) -> bool:
        """True right after a number or contract: "STO 1 KO 60p 1/16 @ .50 is free money"."""
        previous = self._at(index - 1)
        return previous is not None and previous.label in ("NUM", "TYPED", "SLASH", "ISO", "OCC")

    def _tells_outcome(self, index: int) -> bool:
        """True when "and" after a quoted trade goes on to what happened: "and it ripped",
        "and got roasted", "and it's up 80%"."""
        following, after = self._at(index + 1), self._at(index + 2)
        if following is None:
            return False
        if following.lower in lex.PAST_WORDS or following.lower == "got":
            return True
        if following.lower not in lex.OUTCOME_SUBJECTS or after is None:
            return False
        told = after.lower
        return told in lex.PAST_WORDS or told.endswith("ed") or told in {"'s", "is"}

    def _sets_price_alert(self, index: int) -> bool:
        """True for an alert on a price, set to notify ("price alert set: ...", "set an alert
        on TSLA ...", "alert me at ..."): a notification, not an order."""
        previous, before = self._at(index - 1), self._at(index - 2)
        if previous is not None and previous.lower == "price":
            return True
        return (
            previous is not None
            and previous.lower in {"a", "an"}
            and before is not None
            and before.lower in lex.ALERT_SETTERS
        )

    def _before_order_detail(self, index: int) -> bool:
        """True when the item at ``index`` is part of an order: a number, a contract, "@", a
        price, type, share or date word. A lower-case ticker ("stc 50 nvda @ m", "taking spy
        670p") is always followed by one; "buy gold", "BTO ramen noodles" are prose."""
        item = self._at(index)
        if item is None:
            return False
        if item.label not in ("WORD", "SYM"):
            return True  # a number, contract, date or phrase such as "at market"
        return item.text in ("@", "$") or item.lower in _ORDER_DETAIL_WORDS

    def _is_day_order(self, index: int) -> bool:
        """``day`` is a time in force beside the order: after a "tif" key, or after the
        order's action or details and not as a noun ("long day, buy ...", "rough day", "day
        trade", "50 day"); "day order" and "good for the day" are matched as phrases."""
        following = self._at(index + 1)
        if following is not None and following.lower.startswith("trad"):
            return False
        previous = self._at(index - 1)
        if previous is not None and previous.text == ":":
            previous = self._at(index - 2)
        if previous is not None and previous.lower in lex.TIF_KEYS:
            return True  # "tif day", "TIF: DAY"
        facts = self.facts
        after_order = 0 <= facts.first_action < index or bool(facts.strikes or facts.slots)
        if not after_order or (previous is not None and previous.lower in lex.DAY_NOUN_LEADS):
            return False
        if previous is None or previous.label != "NUM" or not _is_int_text(previous.text):
            return True
        marker = self._at(index - 2)
        return marker is not None and (marker.lower in lex.PRICE_MARKERS or marker.text == "@")

    def _on_relative(self, index: int, item: _Item) -> None:
        lower = item.lower
        if lower == "today":
            self.facts.day_words.append(self.today)
        elif lower == "tomorrow" and self._after_price(index):
            # "selling my MU 140c at 5.20 tomorrow": when to act, not the expiration
            self._chatter("a plan for later", item.text, frames=False)
        elif lower == "tomorrow":
            tomorrow = cal.next_trading_day(self.today)
            if tomorrow is not None:
                self.facts.day_words.append(tomorrow)
        else:
            self._add_expiration(cal.this_week_friday(self.today))

    def _on_other_word(self, index: int, item: _Item, is_first: bool) -> None:
        facts, lower, text = self.facts, item.lower, item.text
        if (
            is_first
            and lower in lex.QUESTION_STARTERS
            and not self._opens_request(index)
            and not self._in_cleft(index + 1)  # "what I want is to sell ...": a statement
            and not self._negated_statement(index)  # "didn't fill. buy ...": a statement
            and not self._subjectless_modal(index)  # "would be nice to see a bounce. BTO ..."
            and not self._self_answered(index)  # "Am I sure? yes. STO ...": answered at once
        ):
            self._veto(guard.QUESTION, text)
            return
        if lower in guard.REQUEST_MODALS | guard.POLITE_MODALS | lex.GET_MODALS and (
            self._opens_request(index)
        ):
            if guard.clause_reason(self._clause_before(index)) is None:
                self.request_at = index  # opening its sentence: "hey bot, could you ..."
            return  # "can you sell 1 MSFT ...": a request (a "?" still makes it a question)
        if lower in lex.PRICE_WISHES and self._asks_price(index):
            self._arm_price()  # "sell ... iron condor, want 1.60 or better": the limit
            return
        following = self._at(index + 1)
        if (
            lower in lex.WISH_MODALS
            and following is not None
            and following.lower in lex.PRICE_WISHES
            and self._asks_price(index + 1)
        ):
            return  # "..., and I'd want at least 1.15 credit": the price asked

        if lower in lex.RECAP_WORDS | lex.STORY_WORDS | lex.HELP_WORDS | lex.SIMULATED_WORDS and (
            self._frame_over(index) or self._frame_denied(index)
        ):
            # "quiz is over, now the real order: ...", "not a backtest: sell ...": the frame
            # has ended or is denied
            return
        if lower in lex.SARCASM_MARKS and self._ironic_tail(index):
            self._veto(guard.JOKE, f"sarcasm {text}")  # "BTO ... /s": said, not meant
            return
        if lower in lex.TRADE_OUTCOMES and self._after_order_details(index):
            self._veto("a trade already made", text)  # "BTO ... @ 1.35, expired worthless"
            return
        if (
            lower in lex.RESULT_HEADINGS
            and 0 <= facts.first_action < index
            and (following := self._at(index + 1)) is not None
            and following.text == ":"
        ):
            self._veto("a result", text)  # "BTO ... — result: -100%": the trade is over
            return
        if lower == "only" and self._restricts_time(index):
            self._veto(guard.HYPOTHETICAL, f"only {self.items[index + 1].text}")
            return
        if lower in lex.INVERTED_CONDITION_AUXILIARIES and self._inverted_condition(index):
            # "STO 1 XSP 650p 0dte @ 1.00 should CPI come in cool": a condition without "if"
            self._veto(guard.HYPOTHETICAL, f"{text} {self.items[index + 1].text}")
            return
        if lower == "already" and self._held_already(index):
            self._chatter(guard.PAST, f"already {self.items[index + 1].text}", frames=True)
            return
        if lower == "note" and self._note_to_self(index):
            self._chatter(guard.RECAP, "note to self", frames=True)  # a reminder, for later
            return
        if (
            lower in lex.PERSON_NOUNS
            and self._before_colon(index)
            and (previous_word := self._at(index - 1)) is not None
            and previous_word.lower in lex.POINTING_DETERMINERS
        ):
            # "look at this guy: STO 10 TSLA ...": a heading that points at someone else
            self._chatter(guard.OTHER_SUBJECT, f"{previous_word.text} {text}", frames=True)
            return
        if lower in lex.NEGATING_ADVERBS and self._disowns_trade(index):
            self._chatter(guard.OTHER_SUBJECT, "not my trade", frames=True)
            return
        if (
            lower in lex.PAST_ADVERBS
            and facts.first_action < 0
            and not (self._before_colon(index) or item.line_end)
        ):
            # "sorry for the spam earlier. bto ...": an adverb of time dates its own sentence,
            # like "yesterday"; it heads nothing ("earlier:" stays a recap's heading)
            self._chatter(guard.PAST, text, frames=True)
            return
        if lower in lex.IDEA_WORDS and self._idea_not_posted(index):
            # "same idea on my IWM: BTC ...", "this was her idea 😂 BTO ...": no trade idea
            # posted, the writer's own trade after it
            return
        if lower in lex.RECAP_WORDS:
            if lower in lex.FILL_WORDS and self._after_chart_gap(index):
                return  # "gap filled on QQQ": the price closed a chart gap, no order filled
            if not (lower in lex.FILL_WORDS and self._fill_denied(index)):
                self._veto(guard.RECAP, text)  # ("not filled yet so ...": no fill to report)
            return
        if lower in lex.SIGNAL_NOUNS and self._after_code_or_action(index):
            self._veto(guard.NEWS, f"{self.items[index - 1].text} {text}")  # "STO signal SPX ..."
            return
        if lower in lex.MACHINE_WORDS or (lower == "generated" and self._after_auto(index)):
            self._veto(guard.NEWS, text)  # "... (automated, not advice)": a bot's post
            return
        if lower in lex.READER_POSSESSIVES and (
            (following := self._at(index + 1)) is not None and following.lower in lex.NOTICE_OBJECTS
        ):
            self._veto(guard.NOTICE, f"{text} {following.text}")  # "your order to STO ..."
            return
        if lower in lex.READER_POSSESSIVES and self._after_code_or_action(index):
            self._veto(guard.OTHER_SUBJECT, text)  # "sell your NVDA 190c ...": advice
            return
        if lower == "like" and self._shows_form(index):
            self._veto(guard.HELP, "like this")  # "like this: BTO 2 SPY ...": an example
            return
        if lower in lex.TEST_WORDS and self._tests_the_tool(index):
            self._veto(guard.STORY, text)  # "just testing the bot, sell ...": a test
            return
        if self._bot_speaker(index):
            self._chatter(guard.NEWS, text, frames=True)  # "AlgoBot: STO ...": a bot's post
            return
        if (
            lower in lex.LATER_WORDS
            and facts.first_action < 0
            and (before := self._at(index - 1)) is not None
            and before.lower in lex.UNTIL_WORDS
            and (self._before_colon(index) or item.line_end)
        ):
            # "bookmarking for later: sell 2 IWM ...", "saving this one for later\nBTO ...": a
            # heading that keeps the order to act on later, a plan and not an order now
            self._chatter(guard.LATER, f"{before.text} {text}", frames=True)
            return
        if lower in lex.ROLE_PLAY_WORDS and self._puts_on_voice(index):
            # "*puts on WSB voice* SIR, BUY 50 ...", "in my best Cramer voice: BTO ...": the
            # writer performs someone else, and the order is the character's line
            self._veto(guard.JOKE, f"role-play: {text}")
            return
        if lower in lex.LATER_WORDS and self._after_price(index):
            # "I'd like to buy 2 more NVDA 190 calls 12/18 at 5 later": not now ("... at 7.40.
            # back later" is the writer leaving)
            self._chatter(guard.LATER, text, frames=False)
            return
        previous = self._at(index - 1)
        if (
            lower in lex.ADVICE_HEADINGS
            and self._before_colon(index)
            and (previous is None or previous.lower in lex.HOLDER_POSSESSIVES)
        ):  # ("not financial advice: buy ..." is a disclaimer before a real order)
            # "my advice: buy 1 SPY 640 put ...": advice to others, not the writer's order
            self._chatter("advice to others", text, frames=True)
            return
        if lower in lex.RECORD_SUBJECTS and self._record_verdict(index):
            return  # "spreadsheet says covered call beats CSP here. sell ...": a reason
        if lower in lex.COPY_VERBS and self._copied_from_own_source(index):
            return  # "copied from my other broker: BUY +1 ...": the writer's own order again
        if lower in lex.DISPUTE_OPINIONS and self._settles_dispute(index):
            self._veto(guard.DISPUTE, text)  # "he can keep his opinion. buy ...": his, not mine
            return
        if lower in lex.STORY_WORDS or (
            lower in lex.HEADING_FRAME_WORDS and self._in_heading(index)
        ):
            self._chatter("a story, an opinion or a test", text, frames=True)
            return
        if lower in lex.SOURCE_PLATFORMS and self._names_source(index):
            # "saw on twitter: BTO ...": a heading naming where the trade was seen
            self._chatter(guard.REPORTED, f"{self.items[index - 1].text} {text}", frames=True)
            return
        if lower == "saying" and self._repeats_saying(index):
            # "my brother-in-law keeps saying STO ...": someone's words, repeated
            self._chatter(guard.REPORTED, text, frames=self._action_follows(index))
            return
        if lower in lex.COUNTERFACTUAL_WORLDS and self._other_world(index):
            # "in another timeline I STC ...": what the writer does in another world
            self._veto(guard.HYPOTHETICAL, f"in {self.items[index - 1].text} {text}")
            return
        if lower in lex.DREAM_WORDS and self._dreams_order(index):
            self._veto(guard.DREAMT, text)  # "recurring dream where I try to submit BTC ..."
            return
        if lower in lex.AGO_WORDS and self._in_heading(index):
            self._chatter(guard.PAST, text, frames=True)  # "one year ago today: BTO ..."
            return
        if lower in lex.STORED_TEXT_WORDS and self._heads_stored_text(index):
            self._chatter(guard.HELP, f"stored text: {text}", frames=True)  # "saved preset:"
            return
        if lower == "answer" and following is not None and following.lower in lex.ANSWER_KEYS:
            self._chatter(guard.HELP, f"{text} {following.text}", frames=True)  # "Answer key:"
            return
        if (lower in lex.VETO_WORDS and self._vetoes_trade(index)) or (
            lower == "no" and self._said_no_to(index)
        ):
            self._veto(guard.NEGATION, f"refused: {text}")  # "my buddy said no to STO ..."
            return
        if lower in lex.COMPARISON_WORDS and self._compares_trades(index):
            self._veto("a comparison of trades", text)  # "BTO ... @ 5.90 vs a 460/470 CDS ..."
            return
        if lower in lex.MARKET_DATA_WORDS:
            self._veto(guard.NEWS, f"market data: {text}")  # "... @ 8.25 MMID CBOE 09:41:02"
            return
        if lower in lex.REPORTED_SPEECH and self._after_quoted_trade(index):
            # "BTO 2 NVDA 210c ... @ 8.50 says 34% chance": the trade is the subject
            self._veto("a statement about a trade", text)
            return
        if lower in lex.REPORTED_SPEECH:
            # "Bro said BTO 50 SPY ...": the words said are the trade; "Powell says rates
            # stay, BTO TLT ..." reports news before a real alert
            self._chatter("someone's words reported", text, frames=self._action_follows(index))
            return
        if lower in lex.TYPING_VERBS and self._before_colon(index) and self._action_follows(index):
            self._veto(guard.HELP, text)  # "..., type: buy 1 SPY ...": the words to type
            return
        if lower in lex.HELP_WORDS and not (following is not None and following.lower == "size"):
            self._veto(guard.HELP, text)  # ("small sample size, but BTO ...": a statistic)
            return
        if lower in lex.WATCHLIST_WORDS:
            self._chatter("a watchlist", text, frames=True)
            return
        if lower in lex.THIRD_PERSON_VERBS:
            self._veto(guard.OTHER_SUBJECT, text)  # "my friend buys NVDA 140c ... every week"
            return
        if lower in lex.DONE_AUXILIARIES and self._person_did(index):
            self._veto(guard.OTHER_SUBJECT, text)  # "wife just did STO 2 COST ...": her trade
            return
        if lower in lex.STEP_WORDS and self._numbered_steps(index):
            self._veto(guard.JOKE, "numbered steps")  # "Step 1: BTO ...\nStep 2: ???": a meme
            return
        if lower in lex.COPULAS and self._gerund_subject(index):
            # "buying 500 shares of GME @ 30.00 on margin is how accounts die": the action is
            # the subject of a statement, not an instruction
            self._veto("a statement about a trade", text)
            return
        if lower in lex.NEWS_WORDS:
            self._chatter("news or an indicator", text, frames=False)
            return
        if text in ("BOT", "SLD") and self._is_count(index + 1):
            self._chatter("past tense", text, frames=True)  # IBKR fills: "BOT 2 NVDA ..."
            return
        if (
            lower in lex.REPORT_WORDS
            and facts.first_action < 0
            and not self._connective(index)
            and not (lower in lex.FILL_WORDS and self._fill_denied(index))  # "didn't fill."
            and not (lower in lex.FILL_WORDS and self._after_chart_gap(index))  # "gap fill"
            and not self._past_object(index)  # "booked a win on KO.": the past verb reports it
            and not self._update_posts_code(index)  # "Runner update\nSTC 1 ...": the update
            and not self._verdict(index)  # "after the comparison, the condor wins on theta."
        ):
            if self._settles_dispute(index):
                self._veto(guard.DISPUTE, text)  # "fine, you win. buy ...": a win conceded
                return
            self._chatter("a report", text, frames=True)  # "Today's fills: BTO ..."
            return
        if lower in lex.JOKE_WORDS:
            if not self._negated(index):  # "no I'm not kidding, buy ...": in earnest
                self._chatter("a joke", text, frames=False)
            return
        if lower == "no" and self._refuses(index):
            self._veto(guard.NEGATION, "no way")  # "no way I'm closing my QQQ 600c ..."
            return
        if lower in lex.SIMULATED_WORDS:
            self._veto(guard.SIMULATED, text)
            return
        if lower in lex.QUESTION_TAILS and self._ends_line(index):
            self._veto(guard.QUESTION, text)
            return
        if lower == "and" and self._after_quoted_trade(index) and self._tells_outcome(index):
            # "STO 4 TSLA 420c 12/18 @ 6.00 and it ripped to 470": what the trade did
            self._veto("a statement about a trade", text)
            return
        if (
            lower in lex.ALERT_NOUNS
            and self._sets_price_alert(index)
            and not self._frame_over(index)  # "price alert hit, so now buy ...": it fired
        ):
            self._veto("a price alert", text)  # "price alert set: AAPL ...", "set an alert on"
            return
        if lower in lex.COPULAS | lex.COUNTERFACTUALS and self._after_quoted_trade(index):
            self._veto("a statement about a trade", text)
            return
        if lower in lex.PAST_DAYS and facts.explicit_code and self._after_quoted_trade(index):
            self._veto("a trade already made", text)  # "BTO ... @ 5 yesterday"
            return
        if lower == "got" and (following := self._at(index + 1)) and following.lower == "ta":
            return  # "gotta" ("got", "ta"): "have got to", an obligation now, not the past
        if lower in lex.ROLL_WORDS and facts.first_action < 0:
            if self.roll is None:
                self.roll = (index, self._rolled_side(index))
            self._chatter(
                "a roll (close one contract, open another): send each leg", text, frames=False
            )
            return
        if lower in lex.PAST_NOT_REPORTS | lex.FORECAST_MODALS and self._market_subject(index):
            # "... last time it did this it ran 20%", "..., it's gonna pull back": what the
            # stock did or will do, a reason, not a trade reported or planned
            facts.status.append(f"the market: {text}")
            return
        if lower in lex.OFFER_TAKING_MODALS and self._takes_offer(index):
            return  # "I'll take 5 of the IWM 260c ...": accepting now, as one orders
        if lower in lex.WELL_WISHES and self._well_wish(index):
            return  # "..., wish me luck", "wishing you all green": a wish for someone
        if lower in lex.FIRST_PERSON_WISHES and self._wish_of_writer(index):
            return  # "I am want to buy ...", "i wish to acquire ...": the verb decides
        if lower in lex.COMPLEMENTIZERS and self._indirect_question(index):
            return  # "not sure if I'm doing this right": a doubt, not a condition
        if (phrase := self._condition_phrase(index)) is not None:
            if self._conditions_code(index):
                # "BTO ... @ 6.20 as soon as gold breaks 4200": the code's clause is conditional
                self._veto(guard.HYPOTHETICAL, phrase)
                return
            self._chatter("hypothetical", phrase, frames=True)  # "in case SPY drops ...,"
            return
        if lower in lex.CODE_CONDITIONS and self._conditions_code(index):
            # "STO 1 SPY 640p 12/18 @ 3 if SPY holds 600": the code's own clause is conditional
            self._veto(guard.HYPOTHETICAL, text)
            return
        if lower in lex.DELIBERATION_WORDS and self._deliberation_over(index):
            return  # "Thinking done. buy ...", "done waiting, sell ...": the decision is made
        if lower == "once" and self._once_idiom(index):
            return  # "slept like a log for once. STO ...", "once again": no condition
        if lower in lex.JUDGING_VERBS and self._judges_after_order(index):
            return  # "buy ... @ 2.40, chart looks toppy": a reason, not a hedge of the order
        if lower in lex.PAST_WORDS and self._names_repeated_trade(index):
            return  # "same as yesterday, one more time: buy ...": the trade it repeats
        for words, reason, frames in (
            (
                lex.PAST_WORDS,
                "past tense",
                lower not in lex.PAST_NOT_REPORTS and not self._before_gerund(index),
            ),
            (lex.HYPOTHETICAL_WORDS, "hypothetical", self._is_conditional(index)),
            (lex.NEGATION_WORDS, "negation", False),
            (lex.FLOW_WORDS, "flow report or recap", True),
        ):
            if lower in words:
                self._chatter(reason, text, frames=frames)
                return
        if lower not in lex.NOT_TICKERS and _RE_UPPER_TICKER.fullmatch(text):
            facts.tickers.append((1, index, text.replace(".", "/")))
            return
        if lower in lex.COMPANY_TICKERS and self._in_company_slot(index):
            # "buy 10 shares of Apple", "sell two tesla 400 calls": the company's ticker
            facts.tickers.append((2, index, lex.COMPANY_TICKERS[lower]))
            return
        if _RE_LOWER_TICKER.fullmatch(text) and lower not in lex.COMMON_LOWER_WORDS:
            previous = self._at(index - 1)
            after_action = previous is not None and (
                previous.label == "ACTION"
                or previous.lower in lex.CODES
                or previous.lower in lex.ACTION_WORDS
                or (is_first is False and index - 1 == facts.first_action)
                or (previous.label == "NUM" and facts.first_action == index - 2)
            )
            if after_action and self._before_order_detail(index + 1):
                facts.tickers.append((2, index, text.upper()))
                return
            if (
                self._is_strike_item(index + 1) and self._lower_ticker_lead(index)
            ) or self._after_contract_of(index):
                # "spxw 6850p 1dte bto 2 @ 6.40", "sell two uber 85 calls", "5 puts on tsla",
                # "a hundred shares of dis": a lower-case word right before the strike, or
                # after "shares of" / "puts on", names the ticker when the message has an action
                self.lower_openers.append(index)
                return
        if (
            _RE_PAST_FORM.fullmatch(lower)
            and lower not in lex.ED_NOT_PAST
            and lower not in lex.NOT_TICKERS
        ):
            self.past_forms.append(index)  # "skipped": a past form the lexicon lacks
        if lower not in lex.COMMON_LOWER_WORDS and len(text) > 1:
            facts.unknown.append(text)
            if text.isalpha() and not self._before_colon(index):  # "Symbol:" is a key
                facts.unknown_words.append(index)


# --- assembly ------------------------------------------------------------------------------------
def _choose_ticker(facts: _Facts, items: list[_Item], text: str) -> tuple[int, str] | None:
    """The underlying and the position it was read at (-1 inside an OCC symbol).

    The order's sentence owns the ticker: when the sentence of the action (else of the first
    strike) names one, a ticker in a lead-in sentence does not count ("VIX up again. in PLTR
    155p ..." is PLTR). Otherwise the best-ranked ticker, after the action when it has a choice.
    """
    anchor = facts.first_action
    if anchor < 0:
        anchor = next((strike.position for strike in facts.strikes if strike.position >= 0), -1)
    tickers = facts.tickers
    if anchor >= 0 and all(index >= 0 for _, index, _ in tickers):  # not an OCC root
        breaks = [match.end() for match in guard.SENTENCE_BREAK.finditer(text)]
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
    if strategy in ("vertical", "strangle", "roll"):
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


# A typed strike, an OCC symbol, or strikes named by their structure ("6475/6450 PCS").
_CONTRACT_ON_LINE = re.compile(
    r"\d(?:\.\d+)?\s?(?:c|p|calls?|puts?)\b|[A-Za-z]{1,6}\d{6}[CPcp]\d{8}"
    r"|\d/\d+(?:\.\d+)?(?:/[\d.]+)*\s?(?:pcs|ccs|pds|cds|ics?|iron|condors?|butterfl(?:y|ies)"
    r"|fly|flies|strangles?|straddles?|spreads?|verticals?)\b",
    re.IGNORECASE,
)
_PRICE_ON_LINE = re.compile(r"(?:@|\b(?:at|for|limit|lim|lmt|entry)\b)\s*\$?\.?\d", re.IGNORECASE)


# A line, a comma, a semicolon, a bar or a sentence's end ("... kept all of it. worst: BTO ...").
_CLAUSE_BREAK = re.compile(r"[\n,;|]|[.!?]+(?=\s)")
# A quoted span: quotes at word edges, so "I'm" and "Mar '27" open none.
_QUOTED = re.compile(r"""(?<![\w'"])(['"])([^'"\n]{4,300}?)\1(?![\w'"])""")
_ACTION_WORD = re.compile(
    rf"\b(?:{'|'.join(sorted(lex.ACTION_WORDS, key=len, reverse=True))})\b", re.IGNORECASE
)
_PROSE_WORD = re.compile(r"[A-Za-z]{2,}")
_PLACEHOLDER = re.compile(
    rf"[<\[{{](?:{'|'.join(re.escape(word) for word in lex.PLACEHOLDER_WORDS)})[>\]}}]",
    re.IGNORECASE,
)
_CODE = re.compile(rf"\b(?:{'|'.join(lex.CODES)})\b", re.IGNORECASE)
_CONTRACT_IN_CLAUSE = re.compile(rf"{_CONTRACT_ON_LINE.pattern}|\$[A-Za-z]|\d/\d", re.IGNORECASE)


def _trade_clauses(text: str) -> int:
    """How many clauses (lines, sentences, or parts between commas) quote an alert code with a
    contract.

    One message is one order: two or more such clauses are a list of trades, a recap
    ("EOD summary: STC ..., STC ..."), a scorecard or several alerts at once, and reading only
    the first would place part of what was meant.
    """
    count = 0
    for clause in _CLAUSE_BREAK.split(text):
        code = _CODE.search(clause)
        if code is not None and _CONTRACT_IN_CLAUSE.search(clause, code.end()):
            count += 1
    return count


def _headline(text: str) -> str:
    """The lines up to the first one that names a contract and a price; later lines are size,
    stops and reasoning ("1/2 size", "Stop: LOD", "(lotto)") that must not be read as the order.
    """
    if "\n" not in text:
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if _CONTRACT_ON_LINE.search(line) and _PRICE_ON_LINE.search(line):
            return "\n".join(lines[: number + 1])
    return text


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
        and (facts.strategy is None or not facts.strikes)
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
        return _none(
            "a stop order: only market and limit orders are read, give a limit price",
            unknown=unknown,
        )
    if strategy in ("single", "stock") and _both_sides_before_price(facts):
        # "buy 100 KO and sell 1 KO 70c @ 1.10" read as one leg would place half of it
        return _none(
            "both buy and sell: name the spread or write one leg per line", unknown=unknown
        )
    if strategy == "single" and len({strike.value for strike in facts.strikes}) > 1:
        # "buy SPY 600c and sell 610c" read as one leg would place half of what was meant
        return _none(
            "two strikes but no spread named: name the spread or write one leg per line",
            unknown=unknown,
        )
    explicit_side = facts.side
    direction = _closing_direction(facts, strategy) or facts.strategy_direction or facts.price_word
    if direction is None and explicit_side is not None and strategy not in ("single", "stock"):
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
        )
    )
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
        remarks=_remarks(unknown),
    )


_RE_UNREAD_NUMBER = re.compile(r"[$+-]?[\d.,/:%-]+", re.ASCII)


def _remarks(unknown: tuple[str, ...]) -> tuple[str, ...]:
    """The unread words that are talk: not courtesies or form labels, not numbers."""
    return tuple(
        word
        for word in unknown
        if word.lower() not in lex.COURTESY_AND_FORM_WORDS and not _RE_UNREAD_NUMBER.fullmatch(word)
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


def _quoted_order(text: str) -> bool:
    """True when the message quotes a complete order inside other words: a story, an example
    or a question about it ("my coworker thought 'STO 2 SPY 650p' meant stop-loss")."""
    for match in _QUOTED.finditer(text):
        body = match.group(2)
        if not (_CODE.search(body) or _ACTION_WORD.search(body)):
            continue
        if not _CONTRACT_IN_CLAUSE.search(body):
            continue
        outside = text[: match.start()] + " " + text[match.end() :]
        if _PROSE_WORD.search(outside):
            return True
    return False


# A fenced code block (```...```): text shown verbatim, the way a pinned message, a doc or a
# tutorial displays the form of an order; with prose outside it, the order is displayed, not
# sent (an alert room formats its own order inline, with single backticks).
_FENCED_BLOCK = re.compile(r"```(?:[a-z]*\n)?(.*?)```", re.DOTALL)


def _fenced_order(raw: str) -> bool:
    """True when an order stands in a fenced code block and prose stands outside it."""
    for match in _FENCED_BLOCK.finditer(raw):
        body = match.group(1)
        if not (_CODE.search(body) or _ACTION_WORD.search(body)):
            continue
        if not _CONTRACT_IN_CLAUSE.search(body):
            continue
        if _PROSE_WORD.search(raw[: match.start()] + " " + raw[match.end() :]):
            return True
    return False


# A program's data: a JSON object with quoted keys ('{"symbol": "MU", "side": "sell", ...}')
# with prose outside it is a developer's payload, a log line or a test fixture shown to the
# room, not an order typed in chat.
_JSON_OBJECT = re.compile(r"\{\s*\"[A-Za-z_][\w ]{0,30}\"\s*:[^{}]*\}")


def _json_payload(raw: str) -> bool:
    """True when a JSON object stands in the message and prose that names no contract stands
    outside it (an order written out beside a JSON note is still read)."""
    match = _JSON_OBJECT.search(raw)
    if match is None:
        return False
    outside = raw[: match.start()] + " " + raw[match.end() :]
    return bool(_PROSE_WORD.search(outside)) and not _CONTRACT_ON_LINE.search(outside)


# Lines opening with a clock time, two or more ("0:00 intro" / "4:12 why BTO ..." / "11:30
# Q&A"): a list of times, a video's chapters or a log of the day, where the trade is a topic
# or a line of the log. One line opening with a time ("3:55 now and it's green, sell ...") is
# the writer's moment.
_TIMED_LINE = re.compile(r"^[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}\b(?![:/.\d])[ \t]*\S", re.MULTILINE)


def _timed_list(raw: str) -> bool:
    """True when two lines or more open with a clock time."""
    return len(_TIMED_LINE.findall(raw)) >= 2


# A markdown table: a row between bars, a header and body rows of as many cells.
_TABLE_ROW = re.compile(r"^[ \t]*\|(.+)\|[ \t]*$", re.MULTILINE)
_TABLE_ROW_CELLS_MIN = 3


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _table_of_trades(raw: str) -> bool:
    """True for a table that weighs trades rather than places one: two body rows or more under
    one header that each name a contract ("Strategy | Entry | Credit" over "PCS | sell SPY
    580/575p ... | 0.95" and "IC | sell SPY ... | 1.60"), or a markdown row between bars whose
    one cell holds a whole order, action, contract and price, beside other cells ("| A | BTO 1
    NVDA 150c 6/25 @ 6.40 | max loss $640 | BE 156.40 |": a row of a comparison). A ticket
    pasted as a table names one field per cell ("Side | Qty | Contract | Limit" over "STO | 2 |
    SPY 680p 5/21/27 | 3.10") and is read."""
    if "|" not in raw:
        return False
    lines = [line for line in raw.split("\n") if line.strip()]
    for number, header in enumerate(lines):
        if header.count("|") < 1:
            continue
        width = len(_cells(header))
        body = []
        for line in lines[number + 1 :]:
            if "|" not in line or len(_cells(line)) != width:
                break
            body.append(line)
        if sum(1 for line in body if _CONTRACT_IN_CLAUSE.search(line)) >= 2:
            return True
    for row in _TABLE_ROW.finditer(raw):
        cells = [cell for cell in _cells(row.group(0)) if cell]
        if len(cells) < _TABLE_ROW_CELLS_MIN:
            continue
        for cell in cells:
            if (
                (_CODE.search(cell) or _ACTION_WORD.search(cell))
                and _CONTRACT_ON_LINE.search(cell)
                and _PRICE_ON_LINE.search(cell)
            ):
                return True
    return False


# A message opening with a command prefix ("/calc ...", "!journal add ...", "/remind me ..."):
# a command for the bot that owns it, handled by that command (this bot's own commands reach
# the parser as their arguments), never an order read from chat.
_COMMAND_LINE = re.compile(r"\A\s*[/!][A-Za-z][\w-]*(?=\s|\Z)")


# A "+1" vote: the reader seconds someone else's post ("+1 same as Tom's — STO ...", "... same
# here +1", "+1 on this"). The order in the message is the one voted for, relayed, not the
# writer's own. A "+1" before a contract is a leg's count ("+1 Mar 19 27 AAPL 270 C", "BUY +1
# VERTICAL ..."), and a "+1" after a price word or before a unit is a change, not a vote.
_VOTE = re.compile(
    r"(?:^|(?<=[\s(]))\+1[ \t]*[,!]*[ \t]*"
    r"(?=$|[\u2014\u2013]|-[ \t]|[\u2600-\u27bf\U0001f300-\U0001faff]"
    r"|(?:same|here|from|agreed|this|that|too|on|to)\b)",
    re.IGNORECASE | re.MULTILINE,
)


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


# A strategy named in words: legs that do not read one by one are read as that strategy.
_STRATEGY_NAMED = re.compile(
    r"\b(?:spreads?|verticals?|calendars?|diagonals?|condors?|(?:butter)?fly|flies|straddles?"
    r"|strangles?|pcs|ccs|pds|cds|ic)\b",
    re.IGNORECASE,
)
# A sentence that opens with a request to the bot: it asks for a trade, it reports none.
_REQUEST_OPENING = re.compile(
    r"\s*(?:(?:hey|hi|hello|ok|okay|so|bot)\W+)*(?:(?:could|can|will)\s+(?:you|u)\b|please\b|"
    r"kindly\b|pls\b)",
    re.IGNORECASE,
)


def _read_restart(
    text: str,
    start: int,
    facts: _Facts,
    today: date,
    pipeline: OrderPipeline,
    *,
    handed_over: bool = False,
) -> tuple[ParsedOrder, _Facts | None] | None:
    """The instruction in the sentence from ``start`` on, read on its own, when it reads as an
    order. A sentence before it that reports a trade (a past trade, someone else's) and names
    the same underlying is that trade's report, its details following: "Took profits on NVDA.
    STC 2 NVDA 140c ..." stays chatter, unless the writer's go clause hands over to the
    instruction (``handed_over``: "sold NFLX last week, I'm in again: BTO 1 NFLX ...")."""
    order, tail_facts = _read(text[start:], today, pipeline, after_aside=True)
    if order.kind != "order" or order.underlying is None:
        return None
    head = text[:start]
    # a trade reported: a past trade or someone else's that frames or vetoes; a soft past
    # ("SPY went up, buy 2 SPY ...") speaks of the market, not of a trade
    reports = not handed_over and any(
        cue.reason in guard.LOCAL_REASONS and cue.weight != guard.SOFT for cue in facts.cues
    )
    if _REQUEST_OPENING.match(text, start):
        reports = False  # "... decided to write some calls on DIS. could you sell 1 DIS ...?"
    symbol = re.escape(order.underlying.replace("/", "."))
    if (
        reports
        and re.search(rf"(?<![A-Za-z])\$?{symbol}(?![A-Za-z])", head)
        and not _new_trade(order, text[start:], head, facts, tail_facts)
    ):
        return None
    return order, tail_facts


_LETTERS = re.compile(r"[A-Za-z]+")
_INSTRUCTION_CLAUSE = re.compile(r"[^,;\n]*")
_SHORT_WORD = re.compile(r"\bshort\b", re.IGNORECASE)


def _new_trade(
    order: ParsedOrder, instruction: str, head: str, facts: _Facts, order_facts: _Facts | None
) -> bool:
    """True when the order after a report on its ticker is another trade than the one
    reported, not its details: it goes beyond it ("buy 50 more ...", "STC the other 3 ...")
    or it opens after a report that the trade ended ("stopped out of SPY. buy 3 SPY ...",
    "last week's TSLA puts paid. BTO 2 TSLA ...", "closed the NVDA spread earlier. sell 1
    NVDA 190/185 PCS ...": a credit spread sold opens one); "Took profits on NVDA. STC 2 NVDA
    ..." stays the report's details."""
    clause = _INSTRUCTION_CLAUSE.match(instruction)
    words = {word.lower() for word in _LETTERS.findall(clause.group(0) if clause else "")}
    if words & lex.BEYOND_WORDS:
        return True
    ended = any(
        cue.reason == guard.PAST and cue.text.split()[0].lower() in lex.CLOSING_REPORTS
        for cue in facts.cues
    )
    if not ended or not order.legs:
        return False
    effects = {leg.effect for leg in order.legs}
    if effects == {"open"} or _opens_structure(order, order_facts) or _other_contract(order, head):
        return True
    if _SHORT_WORD.search(head):
        return False  # "closed my short NVDA puts. buy 2 NVDA ...": buying them back
    return all(leg.side == "buy" and leg.effect is None for leg in order.legs)


# A contract named in a report: a strike typed ("240c") or a type word ("the IWM calls").
_REPORTED_CONTRACT = re.compile(
    r"(?<![\w.])(?:(\d+(?:\.\d+)?)([cp])|(call|put)s?)\b", re.IGNORECASE
)


def _other_contract(order: ParsedOrder, head: str) -> bool:
    """True when the trade reported in ``head`` is another contract than the order's: every
    contract it names has another type or another strike ("stopped out of the IWM calls at
    1.10 earlier. sell 3 IWM 240p ...": the calls ended, the puts are a new trade)."""
    named = [
        (match.group(1), (match.group(2) or match.group(3))[0].lower())
        for match in _REPORTED_CONTRACT.finditer(head)
    ]
    legs = {(leg.type[0], leg.strike) for leg in order.legs if leg.type in ("call", "put")}
    if not named or not legs:
        return False
    return not any(
        kind == leg_kind and (strike is None or Decimal(strike) == leg_strike)
        for strike, kind in named
        for leg_kind, leg_strike in legs
    )


def _restart_at_later_action(facts: _Facts, items: list[_Item], text: str) -> guard.Verdict | None:
    """A restart at a later action, when the first one stands in a lead-in sentence its cues
    govern ("nothing's moving, I'll sell the range. sell 2 SPY ..."): a full stop ends a modal
    and a statement like any other (guard.is_local), and the instruction is the action in the
    sentence after it."""
    for index, _, _ in facts.side_marks:
        if index <= facts.first_action:
            continue
        verdict = guard.decide(
            facts.cues,
            text=text,
            action_at=items[index].start,
            code_at=facts.code_at,
            restartable=True,
        )
        if verdict.kind == "restart":
            return verdict
    return None


def _opens_structure(order: ParsedOrder, facts: _Facts | None) -> bool:
    """True for a structure traded in the direction its name gives it ("sell 1 ... PCS": a
    credit spread sold for a credit), which opens it; closing it goes against that direction."""
    return (
        facts is not None
        and order.strategy not in ("single", "stock")
        and facts.strategy_direction is not None
        and order.price_effect == facts.strategy_direction
    )


def _read(
    normalized: str, today: date, pipeline: OrderPipeline, *, after_aside: bool = False
) -> tuple[ParsedOrder, _Facts | None]:
    """The best reading of a normalized message, with the facts it rests on (None when the
    message was refused before its numbers were placed). ``after_aside``: the text is already
    the sentence after an aside, so the reading does not restart again."""
    headline = _headline(normalized)
    extractor = _Extractor(_items(pipeline.nlp.make_doc(headline), pipeline), today)
    facts = extractor.run()
    unknown = tuple(dict.fromkeys(facts.unknown))[:20]
    action_at = extractor.items[facts.first_action].start if facts.first_action >= 0 else -1
    verdict = guard.decide(
        facts.cues,
        text=headline,
        action_at=action_at,
        code_at=facts.code_at,
        restartable=not after_aside,
    )
    if verdict.kind == "none" and not after_aside:
        verdict = _restart_at_later_action(facts, extractor.items, headline) or verdict
    disowned = guard.disowning_remark(normalized, action_at)
    if disowned is not None:
        return _none(f"{guard.DISOWNED}: {disowned}", unknown=unknown), None
    if verdict.kind != "order":
        end = guard.closed_order_end(facts.cues, headline, action_at)
        if end is not None:
            closed = _read(headline[:end], today, pipeline, after_aside=after_aside)
            if closed[0].kind == "order":
                return closed  # "BTO ... @ 2.05. anyone else playing earnings?": a remark after it
    if verdict.kind == "restart":
        restarted = _read_restart(
            headline, verdict.restart_at, facts, today, pipeline, handed_over=verdict.handed_over
        )
        if restarted is not None:
            return restarted
    if verdict.kind != "order":
        return _none(*verdict.notes, unknown=unknown), None
    chosen = _choose_ticker(facts, extractor.items, headline)
    if chosen is None:
        hint = "Name the ticker, e.g. 'buy 1 SPY 600c 12/18 @ 2.15'"
        return _none("no ticker", suggestions=(hint,) if facts.side else (), unknown=unknown), None
    ticker_position, underlying = chosen
    assignments = rank_assignments(facts.slots, _limits(facts, extractor.strikes_needed))
    best_score = assignments[0].score
    scored: list[tuple[float, int, ParsedOrder]] = []
    best_facts = facts
    for assignment in assignments:
        if best_score - assignment.score > CONFIDENCE_WINDOW:
            break
        placed = _apply(facts, assignment)
        placed_unknown = tuple(dict.fromkeys(placed.unknown))[:20]
        reading = _reading(placed, extractor, underlying, placed_unknown)
        if not scored:
            best_facts = placed
        scored.append((assignment.score, assignment.placed, reading))
    best = _with_confidence(scored)
    if facts.request_question and (best.missing or best.price is None):
        # "can you buy SPY calls after hours?": a question; a request names the whole order
        return _none(guard.QUESTION, unknown=unknown), None
    unread_verb = _side_to_ask(best, best_facts, ticker_position)
    if unread_verb is not None:
        as_sell = _reading(
            replace(best_facts, side="sell"), extractor, underlying, best.unknown_tokens
        )
        note = f"no buy or sell word I know ({unread_verb!r}): pick the side you meant"
        best = replace(
            best,
            confidence=min(best.confidence, SIDE_UNKNOWN_CONFIDENCE),
            alternatives=(as_sell, *best.alternatives)[:MAX_ALTERNATIVES],
            notes=(*best.notes, note),
        )
    return best, best_facts


def _instruction_allowed(normalized: str, today: date, pipeline: OrderPipeline) -> bool:
    """True when the guard lets the whole message stand as an instruction: a heading or a
    remark around legs read one by one still frames them ("trade idea: ...", "recap: ...")."""
    headline = _headline(normalized)
    extractor = _Extractor(_items(pipeline.nlp.make_doc(headline), pipeline), today)
    facts = extractor.run()
    action_at = extractor.items[facts.first_action].start if facts.first_action >= 0 else -1
    verdict = guard.decide(
        facts.cues, text=headline, action_at=action_at, code_at=facts.code_at, restartable=False
    )
    return verdict.kind == "order" and guard.disowning_remark(normalized, action_at) is None


def _read_part(today: date, pipeline: OrderPipeline) -> ReadPart:
    def read(part: str) -> LegReading:
        order, facts = _read(part, today, pipeline)
        side_stated = facts is not None and facts.side is not None
        price_word = facts.price_word if facts is not None else None
        return LegReading(order, side_stated, price_word)

    return read


_FIRST_WORD = re.compile(r"\A(?:\W*\b(?:hey|yo|hi|hello|oi|ok|okay)\b)?\W*([A-Za-z']+)", re.I)
_LEADING_VERBS = frozenset(
    {*lex.ACTION_WORDS, *lex.CODES, *(phrase.split()[0] for phrase in lex.ACTION_PHRASES)}
    | {"close", "closing", "open", "opening", "cover", "covering", "roll", "write", "long",
       "short"}
)  # fmt: skip


def _opens_with_action(text: str) -> bool:
    """True when ``text`` opens with an action or an alert code ("sell 2 IWM ...", "BTC ...")."""
    match = _FIRST_WORD.match(text)
    return match is not None and match.group(1).lower() in _LEADING_VERBS


def extract(text: str, *, today: date, pipeline: OrderPipeline) -> ParsedOrder:
    """Parse ``text`` (already length-checked) into a :class:`ParsedOrder`."""
    clean = strip_discord_noise(text)
    if clean.embed_title and any(
        word in clean.embed_title.lower() for word in lex.UPDATE_TITLE_WORDS
    ):
        return _none(f"embed update: {clean.embed_title}")
    if not clean.text:
        return _none("empty message")
    clean = replace(clean, text=apply_corrections(guard.drop_prefaces(clean.text)))
    if (
        clean.addressee is not None
        and clean.addressee.lower() not in lex.ROLE_NAMES
        and _opens_with_action(clean.text)
    ):
        # "@jen sell 2 IWM 240p ...", "@dave BTC your TSLA ...": an instruction addressed to
        # another person is advice to them, not the writer's order
        return _none(f"{guard.OTHER_SUBJECT}: advice to @{clean.addressee}")
    if _COMMAND_LINE.match(clean.text):
        return _none(f"a command for a bot: {clean.text.split()[0]}")
    if _fenced_order(text):
        return _none("an order shown in a code block (an example or a template)")
    if _json_payload(clean.text):
        return _none("a program's data (a JSON payload), not an order typed in chat")
    if _timed_list(clean.text):
        return _none("a list of times (a video's chapters or a log), not an order")
    if _table_of_trades(clean.text):
        return _none("a table weighing trades (a comparison), not an order")
    if _quoted_order(clean.text):
        return _none("a quoted order (a story, an example or a question about it)")
    if _VOTE.search(clean.text):
        return _none(f"{guard.OTHER_SUBJECT}: a +1 vote for someone else's order")
    if _PLACEHOLDER.search(clean.text):
        return _none("an example or a help text: it has placeholders such as <qty>")
    normalized = normalize(clean.text)
    headed = read_headed_legs(normalized, _read_part(today, pipeline))
    if headed is not None and _instruction_allowed(normalized, today, pipeline):
        return headed  # "put 1x2 on SPY 3/19: buy 1 660p / sell 2 640p @ 1.20 debit"
    legs = written_legs(normalized)
    if len(legs) >= 2:
        leg_list = read_leg_list(normalized, _read_part(today, pipeline))
        if leg_list is not None:
            return leg_list
    if _trade_clauses(normalized) >= 2:
        return _none("several trades in one message (a recap or a list): send one order at a time")
    if len(legs) >= 2:
        whole = (
            _read(normalized, today, pipeline)[0] if _STRATEGY_NAMED.search(normalized) else None
        )
        if (
            whole is not None
            and whole.kind == "order"
            and whole.strategy not in ("single", "stock")
        ):
            # "STO put spread:\n-1 ... 640 P\n+1 ... 635 P\n@ 1.05 cr", "calendar: sell ...
            # / buy ...": the legs of the strategy the message names
            return whole
        return _none("several legs that do not make one order: send one order at a time")
    return _read(normalized, today, pipeline)[0]
