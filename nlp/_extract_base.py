"""The extractor's base layer: its state, position look-ups, cue recorders, setters and the
token-shape predicates its constructor needs.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from nlp import _calendar as cal
from nlp import _guard as guard
from nlp import _lexicon as lex
from nlp._facts import _STRATEGY_NAMES, _STRIKES_NEEDED, _Facts, _Strike
from nlp._guard import Cue
from nlp._models import LegType, Side
from nlp._pipeline import STRATEGY_LABELS
from nlp._tokens import _MAX_QUANTITY, _RE_UPPER_TICKER, _is_int_text, _Item

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

# Before a weekday: the day something happens by, not an expiration ("before thursday").
# (and "ex": "XOM goes ex thursday" dates the dividend, no expiration)
_DEADLINE_WORDS = frozenset({"before", "until", "till", "til", "ex", "exdiv"})
# Built once, not per item (both lexicon sets are immutable frozensets).
_QUOTE_WORDS = lex.BID_WORDS | lex.ASK_WORDS
# After a structure named as a remark's subject: "straddle's gone", "the condor is safe".
REMARKED_LINKS = frozenset({"'s", "\u2019s", "is", "was", "are", "were"})
# The labels an item needs for _gives_option_context to be true.
_MAY_GIVE_OPTION_CONTEXT = _OPTION_CONTEXT_LABELS | {"SLASH", "WORD"}
# Punctuation that opens a new clause ("..., 150 is 2.6% away", "... — 150 is ...").
_CLAUSE_OPENERS = frozenset({",", ";", "—", "–", "-", "(", ":"})
_CLAUSE_BREAKS = _CLAUSE_OPENERS | {".", "!", "?", ")"}


# Words of time before "the open" / "the close" (see _market_session).
_SESSION_TIME_WORDS = frozenset(
    {"into", "at", "before", "after", "near", "till", "until", "by", "from", "on", "for"}
)


class _ExtractorBase:
    """The state of one pass over the items and the helpers every later layer uses."""

    def __init__(self, items: list[_Item], today: date) -> None:
        self.items = items
        self.today = today
        self.facts = _Facts()
        self.pending_price = False
        self.armed_now = False
        self.pending_strike = False
        self.ignore_window = 0
        self.effect_from_code = False  # whether the effect came from an alert code
        self.exit_plan = False  # inside a target or stop clause's action (_in_exit_plan)
        self.position = 0  # the item being read
        self.consumed: set[int] = set()
        self.wished_results: set[int] = set()  # participles of an outcome wished (_wishes_result)
        self.past_forms: list[int] = []  # unread words ending in "-ed" ("skipped", "passed")
        self.lower_openers: list[int] = []  # a lower-case word opening a line before a strike
        self.roll: tuple[int, Side | None] | None = None  # "roll my short ...": where, what side
        self.request_at = -1  # "could you", "can u" opening a request to the bot
        self.relative_dates: list[tuple[int, date]] = []  # "next week": where, which Friday
        self.questions: list[int] = []  # where each "?" asked a question
        self.strategy_before_action = False  # the strategy named before any action
        self.strategy_words: set[str] = set()  # its words ("iron", "fly")
        strategy_labels = [item.label for item in items if item.label in STRATEGY_LABELS]
        self.has_strategy = bool(strategy_labels)
        self.strikes_needed = _STRIKES_NEEDED.get(
            _STRATEGY_NAMES[strategy_labels[0]] if strategy_labels else "", 1
        )
        # (each test below skips at once the items that cannot pass it: numbers, symbols)
        self.option_context = any(
            self._gives_option_context(i)
            for i, item in enumerate(items)
            if item.label in _MAY_GIVE_OPTION_CONTEXT
        )
        self.has_type_word = any(
            item.label == "TYPED" or (item.lower in lex.TYPE_WORDS and self._is_type_word(i))
            for i, item in enumerate(items)
        )
        self.quote_layout = any(
            self._is_quote_side(i)
            for i, item in enumerate(items)
            if item.lower == "x" or item.lower in _QUOTE_WORDS
        )
        if self.quote_layout:
            self.facts.status.append("a quote (bid and ask)")

    # --- helpers ---------------------------------------------------------------------------------
    def _at(self, index: int) -> _Item | None:
        return self.items[index] if 0 <= index < len(self.items) else None

    def _clock_time_at(self, index: int) -> bool:
        """True for a clock time at ``index`` ("9:45", "at 9:58.", "LevelBot 12:00 ·"): a time
        of day, never a strike, a price or a count."""
        hour, colon, minute = self._at(index), self._at(index + 1), self._at(index + 2)
        return (
            hour is not None
            and colon is not None
            and minute is not None
            and hour.label == "NUM"
            and colon.text == ":"
            and minute.label == "NUM"
            and len(minute.text) == 2
        )

    def _gives_option_context(self, index: int) -> bool:
        item = self.items[index]
        if item.label in STRATEGY_LABELS and self._clause_subject_remarked(index):
            return False  # "buy to cover 400 SPY at market, straddle's gone": a position
        if item.label in _OPTION_CONTEXT_LABELS:
            return True
        if item.label == "SLASH":
            return not self._is_fraction(index)
        if item.label == "WORD" and item.lower == "may":
            return self._may_names_month(index)
        if item.label == "WORD" and item.lower in lex.TYPE_WORDS and self._held_after_order(index):
            return False  # "..., hedging my calls": the contracts held, not the order's
        if (
            item.label == "WORD"
            and item.lower in lex.WEEKDAYS
            and (self._deadline_day(index) or self._day_after_share_price(index))
        ):
            return False  # "..., before thursday's earnings": a time, no expiration
        return item.label == "WORD" and item.lower in _OPTION_CONTEXT_WORDS

    def _market_session(self, index: int) -> bool:
        """True for "the open" or "the close" after a word of time ("pin fly into the close:
        buy 2 ...", "sell at the open"): the session's start or end, no effect of a leg."""
        before, time_word = self._at(index - 1), self._at(index - 2)
        return (
            before is not None
            and before.lower == "the"
            and time_word is not None
            and time_word.lower in _SESSION_TIME_WORDS
        )

    def _deadline_day(self, index: int) -> bool:
        """True for a weekday that times something else: after "before" or "until", or
        owning a noun ("thursday's earnings")."""
        previous, following = self._at(index - 1), self._at(index + 1)
        return (previous is not None and previous.lower in _DEADLINE_WORDS) or (
            following is not None and following.lower == "'s"
        )

    def _day_after_share_price(self, index: int) -> bool:
        """True for a weekday in a clause after the price of an order that names no strike
        and no type ("short 200 $INTC @ 41.10, earnings thursday", "sell 100 XOM @ 142.10 gtc
        (the add from monday)"): when something happens, no expiration."""
        if self.facts.strikes or self.facts.types:
            return False
        broken = False
        for back in range(index - 1, 0, -1):
            item = self.items[back]
            if item.line_end:
                return False
            broken = broken or item.text in (",", "(", ";", "\u2014")
            if item.label == "NUM" and self.items[back - 1].lower in ("@", "at"):
                return broken
        return False

    def _may_names_month(self, index: int) -> bool:
        """True for "may" that can only be the month: before "monthly" or "expiry" ("the May
        monthly"), or after "for" that follows a number or a strike word ("RIVN 20 for May",
        "14 strike for May"); "you may want to ..." stays the modal."""
        following, marker, before = self._at(index + 1), self._at(index - 1), self._at(index - 2)
        if following is not None and following.lower in lex.MONTH_NOUNS:
            return True
        if following is not None and following.lower in ("be", "have", "not", "well"):
            return False
        if self._in_month_pair(index) or self._before_typed_strike(index):
            return True  # "Apr/May calendar", "WFC May 90 calls"
        price_word = self._at(index - 3)
        return (
            marker is not None
            and marker.lower == "for"
            and before is not None
            and (before.label in ("NUM", "TYPED") or before.lower in lex.STRIKE_MARKERS)
            and (price_word is None or price_word.lower not in lex.PRICE_MARKERS)
        )

    def _before_typed_strike(self, index: int) -> bool:
        """True for a word right before a strike that names its type ("WFC May 90 calls", "May
        90c", "CAT May 460/480 call spreads"), before the type alone, or between a ticker and a
        strike that is no day: the contract's month, as a desk writes it."""
        following = self._at(index + 1)
        if following is None:
            return False
        if following.label == "TYPED" or following.lower in ("calls", "puts"):
            return True  # ("GOOGL May calls at 6.40": the strike left out)
        previous = self._at(index - 1)
        if (
            following.label == "NUM"
            and following.text.isdigit()
            and int(following.text) > 31
            and previous is not None
            and _RE_UPPER_TICKER.fullmatch(previous.text) is not None
        ):
            return True  # "WFC May 90 at 1.15": no day, the strike after the ticker's month
        if following.label in ("NUM", "SLASH"):
            named = self._at(index + 2)
            return self._is_type_word(index + 2) or (
                named is not None and named.label in STRATEGY_LABELS
            )
        return False

    def _in_month_pair(self, index: int) -> bool:
        """True for a month written beside another with a slash ("Apr/May calendar", "May/Jun"):
        a calendar's two expirations, each a month."""
        for mark, month in ((index - 1, index - 2), (index + 1, index + 2)):
            slash, other = self._at(mark), self._at(month)
            if (
                slash is not None
                and slash.text == "/"
                and other is not None
                and other.lower in lex.MONTHS
                and other.lower != "may"
            ):
                return True
        return False

    def _is_quote_side(self, index: int) -> bool:
        """True for a side of a quoted market: "ask 6.35", "5.10 ask", "4.90 bid", "bid/ask",
        and the "x" of "3.20 x 3.40" (bid x ask; a count is whole: "600c x 3")."""
        item = self.items[index]
        if item.lower != "x" and (item.label != "WORD" or item.lower not in _QUOTE_WORDS):
            return False
        previous, following = self._at(index - 1), self._at(index + 1)
        if item.lower == "x":
            return all(
                near is not None and near.label == "NUM" and "." in near.text
                for near in (previous, following)
            )
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
        if (
            after is not None
            and int(parts[0]) <= int(parts[1]) <= 5
            and self._counts_tally(index + 1)
        ):
            return True  # "2/3 PDT used", "1/3 day trades left": a tally, not a date
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
            return (
                previous is not None
                and previous.label in ("NUM", "SLASH", "ISO")
                and not self._letter_ticker_before_strikes(index)
            )
        if self._held_after_order(index):
            return False
        following = self._at(index + 1)
        # "call wall 7000", "put wall": a dealer-positioning level, not an option
        return following is None or following.lower not in lex.LEVEL_NOUNS

    def _letter_ticker_before_strikes(self, index: int) -> bool:
        """True for a capital "C" or "P" right before its strikes ("open 3 C 122/120 PCS",
        "sell 2 C 60p") or its price after the count ("buy 40 C at 127.60"): Citigroup's
        ticker, not a type (a pair of strikes is no date)."""
        item, following = self.items[index], self._at(index + 1)
        if not item.text.isupper() or following is None:
            return False
        if following.label == "TYPED":
            return True
        if following.lower in ("at", "@") and index >= 2 and self._action_at(index - 2):
            return True  # "buy 40 C at 127.60": the count right after the action, then C
        parts = following.text.split("/")
        return (
            following.label == "SLASH"
            and all(part.replace(".", "", 1).isdigit() for part in parts)
            and any(float(part) > 31 for part in parts)
        )

    def _held_after_order(self, index: int) -> bool:
        """True for the writer's own contracts named in a hedge after the order's price
        ("short 50 AAPL @ 244.10 into the print, hedging my calls", "sell 100 KO @ 71 to
        protect my long calls"): the position it serves, not the type of what it trades."""
        position = index - 1
        previous = self._at(position)
        if previous is not None and previous.lower in lex.HELD_MODIFIERS:
            position -= 1
            previous = self._at(position)
        if (
            previous is not None
            and previous.lower == "for"
            and self.items[index - 1].lower == "covered"
        ):
            # "buy 75 more VZ at 41.90 so I have 100 for covered calls": what the shares are for
            return any(
                item.text == "@" or item.lower in lex.PRICE_MARKERS
                for item in self.items[:position]
            )
        if previous is None or previous.lower not in ("my", "our"):
            return False
        reason = self._at(position - 1)
        if reason is None or reason.lower not in lex.HEDGE_WORDS:
            return False
        return any(
            item.text == "@" or item.lower in lex.PRICE_MARKERS for item in self.items[:position]
        )

    def _clause_subject_remarked(self, index: int) -> bool:
        """True for a word opening a clause after a comma as the subject of a link ("...,
        straddle's gone", "..., the condor is safe")."""
        previous, following = self._at(index - 1), self._at(index + 1)
        if previous is not None and previous.lower in ("the", "my", "our"):
            previous = self._at(index - 2)
        return (
            previous is not None
            and previous.text == ","
            and following is not None
            and following.lower in REMARKED_LINKS
        )

    def _strategy_type_at(self, index: int) -> LegType | None:
        item = self._at(index)
        if item is None or item.label not in STRATEGY_LABELS:
            return None
        words = item.lower.split()
        return lex.TYPE_WORDS.get(words[0]) if words else None

    def _action_at(self, index: int) -> bool:
        item = self._at(index)
        return item is not None and (
            item.label in ("ACTION", "VERB")
            or item.lower in lex.CODES
            or item.lower in lex.ACTION_WORDS
            or item.lower in lex.REQUESTED_LEADS
        )

    def _opens_sentence(self, index: int) -> bool:
        """True at the start of a line or after a sentence's "." / "!" ("Good morning!
        Position: ...")."""
        previous = self._at(index - 1)
        return self._opens_line(index) or (previous is not None and previous.text in (".", "!"))

    def _opens_line(self, index: int) -> bool:
        previous = self._at(index - 1)
        return previous is None or previous.line_end

    def _before_colon(self, index: int) -> bool:
        following = self._at(index + 1)
        return following is not None and following.text == ":"

    def _arm_price(self) -> None:
        self.pending_price = True
        self.armed_now = True

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

    def _add_expiration(self, value: date | None) -> None:
        if value is not None:
            self.facts.expirations.append(value)

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

    def _strikes_follow(self, index: int) -> bool:
        """True for a strike ("150p", "150 put") or a strike pair ("600/605") at ``index``."""
        item = self._at(index)
        if item is not None and item.label == "SLASH":
            return self._slash_date(item.text.split("/")) is None
        return self._is_strike_item(index)

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

    def _is_strike_item(self, index: int) -> bool:
        item = self._at(index)
        if item is None:
            return False
        if item.label == "TYPED":
            return True
        return item.label == "NUM" and self._is_type_word(index + 1)

    def _ends_line(self, index: int) -> bool:
        return index == len(self.items) - 1 or self.items[index].line_end

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

    def _after_date_subject(self, index: int) -> bool:
        """True right after a month and its day opening the message before any action
        ("Jun 15 looks cheap: buy 2 XOM 120c Jun 15 ..."): the date judged, no trade quoted."""
        day, month = self._at(index - 1), self._at(index - 2)
        if day is None or month is None or day.label != "NUM" or month.lower not in lex.MONTHS:
            return False
        opener = self._at(index - 3)
        return opener is None or opener.line_end

    def _after_quoted_trade(self, index: int) -> bool:
        """True right after a number or contract: "STO 1 KO 60p 1/16 @ .50 is free money"."""
        previous = self._at(index - 1)
        return previous is not None and previous.label in ("NUM", "TYPED", "SLASH", "ISO", "OCC")

    def _number_states_measure(self, index: int) -> bool:
        """True for a copula whose subject is a number opening its own clause after the order
        and whose complement is a measure ("BTO ... @ 2.80 — 150 is 2.6% away", "..., 600 is
        $4 OTM", "...; 212.5 is ~3% out"): the distance of a strike or a level, a remark
        beside the order, not the order's trade made the subject of a statement."""
        subject, before, after = self._at(index - 1), self._at(index - 2), self._at(index + 1)
        if subject is None or subject.label != "NUM" or before is None or after is None:
            return False
        if before.text not in _CLAUSE_OPENERS and not before.line_end:
            return False
        if after.text in ("~", "$", "+", "-") or after.lower in ("about", "only", "just"):
            after = self._at(index + 2)
        return after is not None and after.label == "NUM"

    def _accepts_assignment(self, index: int) -> bool:
        """True for "if" opening a clause of its own after the order's price whose sentence
        says the writer would take the shares ("STO 2 DIS 120p ... @ .95 — if it drops there
        after the print, I'm happy to own it"): what the writer accepts if assigned, not a
        condition on the order."""
        first = self.facts.first_action
        before = self._at(index - 1)
        if (
            not 0 <= first < index
            or before is None
            or (before.text not in _CLAUSE_OPENERS and not before.line_end)
            or not any(item.lower in lex.PRICE_MARKERS for item in self.items[first:index])
        ):
            return False
        accepting = False
        for item in self.items[index + 1 :]:
            if item.text in (".", "!", "?"):
                break
            if item.lower in lex.ACCEPTING_WORDS:
                accepting = True
            elif accepting and item.lower in lex.OWNING_WORDS:
                return True
        return False

    def _return_at_outcome(self, index: int) -> bool:
        """True for "if" after the order's price and a figure in the same clause, before what
        becomes of the contract ("sell 10 RIVN 10p 4/5 @ .21 (2.1% if it expires)", "...,
        $420 if assigned"): the return the writer works out, not a condition on the order."""
        first = self.facts.first_action
        if not 0 <= first < index or not any(
            item.lower in lex.PRICE_MARKERS for item in self.items[first:index]
        ):
            return False
        figure = False
        position = index - 1
        while position > first and (item := self.items[position]).text not in _CLAUSE_BREAKS:
            if item.lower in lex.PRICE_MARKERS:
                return False  # "sell ... @ .21 if it expires": the order's own clause
            figure = figure or item.label == "NUM" or item.text == "%"
            position -= 1
        following = self._at(index + 1)
        if following is not None and following.lower in lex.OUTCOME_SUBJECTS:
            following = self._at(index + 2)
            if following is not None and following.lower in ("get", "gets", "are", "is"):
                following = self._at(index + 3)
        return figure and following is not None and following.lower in lex.OUTCOME_VERBS

    def _outcome_of_return(self, index: int) -> bool:
        """True for the outcome verb of a return worked out ("..., 2.5% if assigned"): a
        participle after "if", not a past trade."""
        for back in (1, 2, 3):
            item = self._at(index - back)
            if item is None:
                return False
            if item.lower == "if":
                return self._return_at_outcome(index - back)
            if item.lower not in lex.OUTCOME_SUBJECTS and item.lower not in ("get", "gets"):
                return False
        return False

    def _quotes_underlying(self, index: int) -> bool:
        """True for a number after the order's price that quotes the underlying in a clause of
        its own: the ticker restated or a spot word right before it ("buy 3 NKE calls 4/5 @
        1.10, NKE 71.40, earnings ...", "... (stock 71.40)", "...; spot at 146.20"). The
        stock's price, not a strike left out of the order."""
        following = self._at(index + 1)
        if (
            following is not None
            and not self._ends_line(index)
            and following.text not in _CLAUSE_BREAKS
        ):
            return False  # ("..., NKE 72.5 calls": the contract)
        first = self.facts.first_action
        if first < 0:
            return self._quote_leads(index)
        if first >= index:
            return False
        back = index - 1
        previous = self._at(back)
        if previous is not None and previous.lower in ("at", "@", "~", "$"):
            back -= 1
            previous = self._at(back)
        opener = self._at(back - 1)
        if previous is None or opener is None or opener.text not in _CLAUSE_OPENERS:
            return False
        names = previous.lower in lex.SPOT_WORDS or (
            _RE_UPPER_TICKER.fullmatch(previous.text) is not None
            and any(item.text == previous.text for item in self.items[first : back - 1])
        )
        return names and any(
            item.lower in lex.PRICE_MARKERS for item in self.items[first : back - 1]
        )

    def _quote_leads(self, index: int) -> bool:
        """True for the ticker and its price opening the message before the order on it ("NKE
        71.40, buy 3 NKE calls ...", "DIS 114.20. buy 2 DIS 117.5c ..."): the stock's quote."""
        previous, opener = self._at(index - 1), self._at(index - 2)
        if previous is None or _RE_UPPER_TICKER.fullmatch(previous.text) is None:
            return False
        if opener is not None and not opener.line_end:
            return False
        rest = self.items[index + 1 :]
        action = next(
            (
                at
                for at, item in enumerate(rest)
                if item.label == "ACTION"
                or item.lower in lex.ACTION_WORDS
                or item.lower in lex.CODES
            ),
            -1,
        )
        return action >= 0 and any(item.text == previous.text for item in rest[action:])

    def _after_relative_dated_contract(self, index: int) -> bool:
        """True right after a contract dated by a word ("my 1 NVDA 235c EOW is -.38", "BTO 2
        SPY 600c 0dte is a lottery ticket", "the AMD 180c weekly was .90"): like a quoted
        trade, the subject of a statement."""
        date_item, contract = self._at(index - 1), self._at(index - 2)
        if date_item is None or contract is None or contract.label not in ("TYPED", "NUM"):
            return False
        return (
            date_item.label.startswith("EXP_")
            or date_item.label == "DTE"
            or date_item.lower in lex.RELATIVE_DATE_WORDS
        )

    def _counts_tally(self, index: int) -> bool:
        """True for the word a fraction counts out of a limit (``lex.TALLY_WORDS``)."""
        item = self._at(index)
        if item is None:
            return False
        if item.lower in lex.DAY_WORDS:
            following = self._at(index + 1)
            return following is not None and following.lower in lex.TALLY_AFTER_DAY
        return item.lower in lex.TALLY_WORDS
