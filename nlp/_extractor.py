"""The extractor's pass: :meth:`_Extractor.run` and the token handlers (``_on_word``,
``_on_number``, ...), on top of the layers in ``_extract_*``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from decimal import Decimal

from nlp import _calendar as cal
from nlp import _guard as guard
from nlp import _lexicon as lex
from nlp._extract_clauses import _CLAUSE_ENDS
from nlp._extract_dates import _DateReader
from nlp._extract_slots import _PRICE_MOVE
from nlp._facts import _STRATEGY_NAMES, _Facts
from nlp._guard import Cue
from nlp._models import PriceEffect, Side
from nlp._pipeline import STRATEGY_LABELS
from nlp._roles import CUE_DECISIVE, CUE_HINT, CUE_MEDIUM, CUE_STRONG, CUE_WEAK, NumberSlot
from nlp._tokens import (
    _AMOUNT_UNITS,
    _RE_DTE,
    _RE_IGNORE_WORD,
    _RE_ISO,
    _RE_LOWER_TICKER,
    _RE_OCC,
    _RE_PAST_FORM,
    _RE_PRICE_QTY,
    _RE_QTY_X,
    _RE_SIGNED_NUMBER,
    _RE_TYPED,
    _RE_UPPER_TICKER,
    _TYPE_BY_LETTER,
    _decimal,
    _is_int_text,
    _Item,
)

# A limit word right after a number makes it the limit price ("..., 9.50 limit").
_TRAILING_LIMIT_WORDS = frozenset({"limit", "lmt", "lim"})
_PASS_THROUGH = frozenset({"$", ":", "~", "=", "-"})
_PROFIT_OR_LOSS = re.compile(r"[+\-\u2212]\$?\d{2,3}(?:,\d{3})*|[+\-\u2212]\$?\d{2,}")
_AFTER_PROFIT_OR_LOSS = frozenset(
    {"on", "today", "for", "in", "and", "with", "so", "this", "since", "total", "net", "na", "en"}
)
# A copula inside a target's or stop's window names its level: "my target for PLTR is 55".
# "roses are red, violets are blue, STO ...": the rhyme's formula makes the order a joke.
_POEM_OPENERS = frozenset({"roses", "violets"})
_LEVEL_COPULAS = frozenset({"is", "was", "'s", "are", "sits", "stays"})

# "buy 2 iron condors on SPX ...": a number this small before a strategy and its ticker counts
# the strategies ("buy 160 straddle NVDA" stays a strike).
_STRATEGY_COUNT_MAX = 50

# Unions of the lexicon's frozensets, built once instead of on every word (the sets are
# immutable, so each is the same set the handler built before).
_POSITION_HEADS = lex.POSITION_HEADINGS | lex.POSITION_STATES
_CODE_NOUN_MAKERS = lex.COPULAS | lex.POSSESSIVES | lex.CODE_DETERMINERS | lex.CODE_PREPOSITIONS
_QUOTE_WORDS = lex.BID_WORDS | lex.ASK_WORDS
# Waiting denied ("not waiting for 102", "done waiting", "no waiting"): the writer acts now.
_WAIT_WORDS = frozenset({"waiting", "wait"})
_WAIT_DENIALS = frozenset({"not", "no", "done", "n't", "dont", "stop", "stopped", "quit"})
_REQUEST_OPENERS = guard.REQUEST_MODALS | guard.POLITE_MODALS | lex.GET_MODALS
_FRAME_WORDS = lex.RECAP_WORDS | lex.STORY_WORDS | lex.HELP_WORDS | lex.SIMULATED_WORDS
_STATEMENT_VERBS = lex.COPULAS | lex.COUNTERFACTUALS
_MARKET_VERBS = lex.PAST_NOT_REPORTS | lex.FORECAST_MODALS


_RE_INLINE_RATIO = re.compile(r"([1-5])x([1-5])", re.IGNORECASE)

# The parts a structure is written with: an iron fly's body is a straddle, an iron condor's a
# strangle, and either's sides are verticals ("iron fly: sell the straddle, buy the wings").
_STRATEGY_PARTS: dict[str, frozenset[str]] = {
    "iron_fly": frozenset({"straddle", "vertical"}),
    "iron_condor": frozenset({"strangle", "vertical"}),
}
_WING_NOUNS = frozenset({"wing", "wings"})
# "... @ 2.30 hedge for the condors", "... against my strangle": the structure the order serves
_PURPOSE_LINKS = frozenset({"for", "against"})
_HELD_DETERMINERS = frozenset({"the", "my", "our"})
# Before a past participle, a present or future passive ("I am assigned", "gets filled").
# ("are" is left out: "my orders are placed half asleep", "the calls are closed" report.)
# Before "gtc" when it names another order's time in force, or denies this one's.
_TIF_TALK_DETERMINERS = frozenset({"the", "no", "my", "that", "your", "his", "her", "their"})
# Before "a gtc": the contract named first is an order already working.
_WORKING_COPULAS = frozenset({"is", "'s", "are", "was", "still"})
_PRESENT_PASSIVE_AUXILIARIES = frozenset({"am", "be", "get", "gets", "getting", "being"})
# Between an entry and an exit written in a row ("in 4.45 · out 7.40").
_ROUND_TRIP_MARKS = frozenset({",", "·", "|", "/", "-", "•", ";"})
_ROUND_TRIP_AT = re.compile(
    r"\bout (?:of (?:\S+ ){1,4})?(?:at|@) \$?[\d.,]+ (?:, )?(?:and )?in (?:at|@) \$?\.?\d"
    r"|\bin (?:at|@) \$?[\d.,]+ (?:, )?(?:and )?out (?:at|@) \$?\.?\d"
)
# Before "if", an apology ("sorry if this is dumb"), not a condition.
_APOLOGIES = frozenset({"sorry", "apologies", "forgive", "pardon"})
# The object of an action that leads in to the order after it ("taking it: sell 2 ...").
_LEAD_OBJECTS = frozenset({"it", "this", "that", "them"})


# Words naming a position the writer holds, between the action and a lower-case ticker.
_POSITION_WORDS = frozenset({"my", "the", "other", "last", "remaining", "our", "all"})


_TYPED_STRIKE = re.compile(r"\d+(?:\.\d+)?[cp]", re.IGNORECASE)


# The calls or the order as the subject of "cover" ("This covers the 100 shares").
_COVERING_SUBJECTS = frozenset({"this", "that", "they", "it", "these", "those", "which"})

# Opening a message, these withdraw a working order: "cancel the QQQ 905p".
_CANCEL_VERBS = frozenset(
    {"cancel", "cxl", "canceling", "cancelling", "cancelled", "canceled", "pulled"}
)


class _Extractor(_DateReader):
    """One left-to-right pass over the items, filling :class:`_Facts`."""

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
            if self.ignore_window and item.lower not in _LEVEL_COPULAS:
                self.ignore_window -= 1  # ("my target for PLTR is 55": "is" names the level)
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
        elif label in STRATEGY_LABELS and self._purpose_structure(index):
            return  # "buy 2 ... 230p @ .65 to turn it into a spread": what the order makes
        elif label in STRATEGY_LABELS and self._structure_remarked(index):
            return  # "buy to cover 400 SPY at market, straddle's gone": the position it ends
        elif label in STRATEGY_LABELS:
            if label == "BUTTERFLY" and self._broken_wing(index):
                self.facts.broken_wing = True
            self._on_strategy(item)
        else:
            self._on_other(index, item)

    def _in_aside_after_action(self, index: int) -> bool:
        """True for a word inside brackets opened after the message's action: the writer's
        aside on the order already written (where its numbers came from)."""
        start = self.facts.first_action
        if start < 0 or start >= index:
            return False
        for position in range(index - 1, start, -1):
            text = self.items[position].text
            if text == ")":
                return False
            if text == "(":
                return True
        return False

    def _on_other(self, index: int, item: _Item) -> None:
        facts, label = self.facts, item.label
        if label == "SYM" and facts.first_action < 0 and self._profit_or_loss(index):
            facts.status.append(f"a profit or loss: {item.text}")  # "SPY 1120c +75, ..."
            return
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
        elif label == "FLOW" and self._prices_own_order(index):
            return  # "Sell 10 GE May 250 calls on the bid": at the market, on the bid's side
        elif label == "FLOW":
            self._chatter("flow report or recap", item.text, frames=True)
        elif label == "PAST_TIME" and self._names_repeated_trade(index):
            pass  # "same trade as last week: STO ...": the trade it repeats, not a report
        elif label == "PAST_TIME" and self._dates_market_event(index):
            pass  # "T reported this morning, ...": when the company reported, not a trade
        elif label == "PAST_TIME" and self._describes_held_shares(index - 1):
            pass  # "... covered by the 100 shares I bought last week": when they were bought
        elif label == "PAST_TIME" and self._back_in_place(index):
            pass  # "TSLA back in the middle": where the price is again, not a time past
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
            facts.tif = facts.tif if self._other_orders_tif(index) else "gtc"
        elif label == "TIF_DAY":
            facts.tif = "day"
        elif label == "MARKET":
            facts.market = facts.market or self._names_order_type(index, item)
        elif label == "CHATTER":
            self._chatter("hypothetical", item.text, frames=False)
        elif label == "PLAN" and self._befalls_position(index):
            facts.status.append(f"a position held: {item.text}")  # "about to get assigned"
        elif label == "PLAN":
            if not self._thinks_of_no_trade(index):  # "woke up thinking about rates lol."
                self._chatter("a plan", item.text, frames=True)
        elif label == "EXP_THIS_WEEK":
            self._add_relative_expiration(index, cal.this_week_friday(self.today))
        elif label in ("EXP_NEXT_WEEK", "EXP_NEXT_MONTH") and self._calendar_heading(index):
            pass  # "next week: GOOGL, AMD, PLTR. buy ...": who reports then, not the order's date
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
            elif match and self._fly_body_count(index, int(match.group(1) or match.group(2))):
                return  # "BWB ...: long 6700, short 2x 6650, long 6580": the body's ratio
            elif match:
                self._set_quantity(int(match.group(1) or match.group(2)), strong=True)
        elif label == "PRICEQTY" and (ratio := self._inline_ratio(index)) is not None:
            self.facts.ratio = ratio  # "buy 1 IWM 11/17 250/240 1x2 put spread for .15 debit"
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
        elif (item.text.startswith("?") or "🤔" in item.text) and self._settled_choice(index):
            return  # "XLE 115c Aug or CVX 195c Aug? CVX lagged, so CVX. buy 2 CVX 195c ..."
        elif item.text == "?" or item.text.startswith("?") or "🤔" in item.text:
            self._veto(guard.QUESTION, "")
            if item.text.startswith("?"):
                self.questions.append(index)
        elif item.text == "@":
            self._arm_price()
        elif any(mark in item.text for mark in lex.SARCASM_MARKS) and self._ironic_tail(index):
            self._veto(guard.JOKE, f"sarcasm {item.text}")  # "sure, let me just BTO ... 🙄"
        elif any(mark in item.text for mark in lex.SONG_MARKS) and self._closes_song(index):
            self._veto(guard.JOKE, f"a song {item.text}")  # "🎶 sell ... at 1.20, ... 🎶"
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

    def _on_wish(self, index: int, item: _Item) -> None:
        """ "I want 10 PYPL ...", "need 800 F shares": a buy; "I want SPY to hold 600": a wish.
        After the order's action, a number is the price asked ("..., need 1.60 or better")."""
        if self._asks_price(index):
            self._arm_price()
        elif self._in_cleft(index):
            return  # "what I want is to sell ...": the verb decides
        elif (article := self._at(index - 1)) is not None and article.lower in ("the", "a", "no"):
            return  # "I no longer feel the need for insurance": the noun, no wish
        elif self._is_count(index + 1):
            phrase_side, phrase_effect = lex.WISH_PHRASES[item.phrase]
            self._set_side(phrase_side, phrase_effect, 2, index)
        elif self._wishes_capital(index):
            return  # "close my 3 MSFT ... @ 6.30, need the buying power for ...": the reason
        elif self._wishes_result(index):
            return  # "sell 40 INTC ..., I want the loss booked this year": the reason
        elif self._announces_order(index):
            return  # "here's what I want to do today, sell 1 ...": the order follows
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

    def _on_occ(self, item: _Item) -> None:
        match = _RE_OCC.fullmatch(item.text)
        if not match:
            return
        root, yy, mm, dd, flag, strike = match.groups()
        self.facts.tickers.append((0, -1, root.upper()))
        self._add_expiration(cal.month_day(int(mm), int(dd), self.today, 2000 + int(yy)))
        self._add_strike(Decimal(int(strike)) / 1000, _TYPE_BY_LETTER[flag.lower()], -1)

    def _after_first_person_be(self, index: int) -> bool:
        """True right after "I'm" / "we're" ("I'm in the NVDA 150c"): a position held."""
        previous = self._at(index - 1)
        if previous is not None and previous.lower in ("'m", "'re"):
            previous = self._at(index - 2)
            return previous is not None and previous.lower in ("i", "we")
        return previous is not None and previous.lower in ("i'm", "im", "we're")

    def _other_person_in(self, index: int) -> str | None:
        """The holder before "is in" / "'s in" when it is another person ("Sarah is in 2 MSFT
        530c ...", "he's in the NVDA 150c"): a named person (a capitalised word that is no
        ticker) or a third-person pronoun; else None."""
        link, subject = self._at(index - 1), self._at(index - 2)
        if link is None or subject is None or link.lower not in ("is", "'s", "was"):
            return None
        if subject.lower in lex.THIRD_PERSON_PRONOUNS or (
            subject.text.istitle()
            and len(subject.text) > 2
            and subject.lower not in lex.COMMON_LOWER_WORDS
            and subject.lower not in lex.NOT_TICKERS
        ):
            return f"{subject.text} {link.text}"
        return None

    def _inline_ratio(self, index: int) -> tuple[int, int] | None:
        """The ratio "1x2" written beside a type or a spread ("250/240 1x2 put spread", "put
        1x2"), not a price and a count ("1.85x10"), else None."""
        match = _RE_INLINE_RATIO.fullmatch(self.items[index].text)
        if match is None:
            return None
        following, previous = self._at(index + 1), self._at(index - 1)
        beside = (
            following is not None
            and (
                following.lower in lex.TYPE_WORDS
                or following.lower in ("ratio", "spread", "spreads")
                or following.label in STRATEGY_LABELS
            )
        ) or (previous is not None and previous.lower in lex.TYPE_WORDS)
        if not beside:
            return None
        first, second = int(match.group(1)), int(match.group(2))
        return (first, second) if first != second else None

    def _fly_body_count(self, index: int, count: int) -> bool:
        """True for "short 2x" in a butterfly's legs: the body's two contracts per fly, not
        the order's count."""
        previous = self._at(index - 1)
        return (
            count == 2
            and self.facts.strategy == "butterfly"
            and previous is not None
            and previous.lower == "short"
        )

    def _broken_wing(self, index: int) -> bool:
        """True for a broken-wing butterfly ("broken wing put fly", "broken-wing fly", "BWB",
        "skip strike fly")."""
        if self.items[index].lower in ("bwb", "bwbs"):
            return True
        before = " ".join(item.lower for item in self.items[max(0, index - 3) : index])
        return before.endswith(("broken wing", "broken - wing", "broken-wing", "skip strike"))

    def _present_passive(self, index: int) -> bool:
        """True for a past participle after a present or future "be" or "get" ("I am
        assigned", "if it gets filled", "will be exercised"): what may happen, not a report."""
        previous = self._at(index - 1)
        return previous is not None and previous.lower in _PRESENT_PASSIVE_AUXILIARIES

    def _before_pronoun(self, index: int) -> bool:
        following = self._at(index + 1)
        return following is not None and following.lower in _LEAD_OBJECTS

    def _round_trip_in_prices(self, index: int) -> bool:
        """True for "out" in an entry and an exit written with "in" and their prices ("4.80 in,
        17.10 out", ".75 in .05 out", "in 4.45 · out 7.40", "in .85, out .10"): a trade's
        round trip reported."""
        return (  # the prices before their words, then after them
            self._label_at(index - 1, "NUM")
            and self._word_at(at := self._past_mark(index - 2, (",",)), "in")
            and self._label_at(at - 1, "NUM")
        ) or (
            self._label_at(index + 1, "NUM")
            and self._label_at(at := self._past_mark(index - 1, _ROUND_TRIP_MARKS), "NUM")
            and self._word_at(self._before_entry_prices(at), "in")
        )

    def _before_entry_prices(self, at: int) -> int:
        """The item before the prices ending at ``at`` ("in 134.00 and 131.20, out ...": the
        "in"), over at most four prices joined by "and", "&" or commas."""
        for _ in range(4):
            if not self._label_at(at, "NUM"):
                return at
            link = self._at(at - 1)
            if link is None or link.lower not in ("and", "&", ","):
                return at - 1
            at -= 2
        return at

    def _past_mark(self, at: int, marks: Collection[str]) -> int:
        """``at``, or the item before it when the item at ``at`` is one of ``marks``."""
        item = self._at(at)
        return at - 1 if item is not None and item.text in marks else at

    def _label_at(self, at: int, label: str) -> bool:
        item = self._at(at)
        return item is not None and item.label == label

    def _word_at(self, at: int, word: str) -> bool:
        item = self._at(at)
        return item is not None and item.lower == word

    def _round_trip_at_prices(self, index: int) -> bool:
        """True for an exit and an entry each at its price, either way round ("straddle out at
        31.80, in at 28.50", "in at 1.45, out at 3.20", "out of the DAL calls at 3.20, in at
        1.45"): a trade's result reported."""
        if self.facts.first_action >= 0:
            return False  # "STC 2 NFLX 1300c out at 88, in at 31.50": an exit alert, its entry
        words = " ".join(item.lower for item in self.items[max(0, index - 4) : index + 12])
        return _ROUND_TRIP_AT.search(words) is not None

    def _price_moved(self, index: int) -> bool:
        """True for "from" a price "to" a price with no action before it ("TSLA 350p from 11.40
        to 14.60 ✅", "PLTR 160 calls from 2,15 to 4,40"): how a contract's price moved."""
        low, link, high = self._at(index + 1), self._at(index + 2), self._at(index + 3)
        return (
            self.facts.first_action < 0
            and low is not None
            and low.label == "NUM"
            and link is not None
            and link.lower == "to"
            and high is not None
            and high.label == "NUM"
        )

    def _code_at(self, index: int) -> bool:
        item = self._at(index)
        return item is not None and item.lower in lex.CODES

    def _profit_or_loss(self, index: int) -> bool:
        """True for a signed whole amount of two digits or more that ends its clause ("SPY
        1120c +75, ...", "+3,550 🙏", "−110, pero ..."): a result in dollars (a signed count
        names what follows: "+10 VERTICAL SPY ...", "-2 SPY ...")."""
        if _PROFIT_OR_LOSS.fullmatch(self.items[index].text) is None:
            return False
        following = self._at(index + 1)
        return (
            following is None
            or (
                following.label == "SYM"
                and not following.text[:1].isalnum()
                and not following.text.startswith("%")  # "stop -30%": a level, no result
            )
            or following.lower in _AFTER_PROFIT_OR_LOSS
        )

    def _mark_from_entry(self, index: int) -> bool:
        """True for "from" between two prices, the first after "at" or "@" ("at 4.10 from
        8.20"), with no action before: a mark set against the entry price."""
        mark, marker, entry = self._at(index - 1), self._at(index - 2), self._at(index + 1)
        return (
            mark is not None
            and marker is not None
            and entry is not None
            and marker.lower in ("at", "@")
            and mark.label == entry.label == "NUM"
            and "." in mark.text
            and "." in entry.text
        )

    def _structure_entered(self, index: int) -> bool:
        """True for "in" right after a structure or a contract, before any action, and before
        the price it was entered at ("NVDA PCS in for 2.35", "the SPX fly in at 3.10", "GOOGL
        Jan 2045 400c in at 71.40", "NVDA 500c 1/15 in at 2.10"): a report."""
        marker, price = self._at(index + 1), self._at(index + 2)
        return (
            self.facts.first_action < 0
            and self._contract_just_before(index)
            and marker is not None
            and marker.lower in ("at", "for", "@")
            and price is not None
            and price.label == "NUM"
            and "." in price.text
        )

    def _contract_just_before(self, index: int) -> bool:
        """True when a structure, a strike with its type ("400c") or a type word stands among
        the three items before ``index``, a date after it at most ("500c 1/15 in")."""
        for back in range(1, 4):
            item = self._at(index - back)
            if item is None:
                return False
            if (
                item.label in STRATEGY_LABELS
                or item.lower in ("call", "calls", "put", "puts")
                or _TYPED_STRIKE.fullmatch(item.text) is not None
            ):
                return True
        return False

    def _own_words_recalled(self, index: int) -> bool:
        """True for "like I said", "as I said", "like I told you": the writer recalls their
        own words, nobody else's are reported."""
        subject, link = self._at(index - 1), self._at(index - 2)
        return (
            subject is not None
            and subject.lower == "i"
            and link is not None
            and link.lower in ("like", "as")
        )

    def _names_the_next_order(self, index: int) -> bool:
        """True for an action on "it"/"this"/"that" closed by a colon or a comma before the
        order's own verb ("taking it: sell 2 JPM ...", "fading it: buy 5 RIVN 15p ..."): the
        words lead in to the order, whose verb says the side."""
        words = [item.lower for item in self.items[index + 1 : index + 5]]
        if words[:2] == ["this", "one"]:
            del words[1]
        if len(words) < 3 or words[0] not in _LEAD_OBJECTS or words[1] not in (":", ","):
            return False
        return words[2] in lex.ACTION_WORDS or words[2] in lex.CODES

    def _price_heading_end(self, index: int) -> int:
        """Where the heading a price verb opens ends, at a colon before the order's own verb,
        when its words hold no number ("bid under the market: buy 40 AAPL limit 240.00": how
        the order below it is priced, not a second order); else -1."""
        for position in range(index + 1, min(index + 6, len(self.items))):
            item = self.items[position]
            if item.text == ":":
                following = self._at(position + 1)
                heads = (
                    position > index + 1
                    and following is not None
                    and (following.lower in lex.ACTION_WORDS or following.lower in lex.CODES)
                )
                return position if heads else -1
            if item.label not in ("WORD", "MARKET") or not item.text.islower():
                return -1
        return -1

    def _names_working_order(self, index: int) -> bool:
        """True for "gtc" after "is a" (or "'s a") with no action before it: the contract
        before it is an order already placed and working."""
        article, copula = self._at(index - 1), self._at(index - 2)
        return (
            self.facts.first_action < 0
            and article is not None
            and article.lower == "a"
            and copula is not None
            and copula.lower in _WORKING_COPULAS
        )

    def _other_orders_tif(self, index: int) -> bool:
        """True for "gtc" that names another order, or none ("forgot the gtc on the IWM one",
        "no gtc on this one", "gtc filled"): a determiner before it or a fill after it."""
        previous, following = self._at(index - 1), self._at(index + 1)
        return (previous is not None and previous.lower in _TIF_TALK_DETERMINERS) or (
            following is not None and following.lower in lex.FILL_WORDS
        )

    def _places_order_at(self, index: int) -> bool:
        """True for "enter an order to", "enter a GTC order to" starting at ``index``."""
        words = [item.lower for item in self.items[index : index + 6]]
        return any(guard.places_order(words[:length]) for length in range(3, 7))

    def _purpose_structure(self, index: int) -> bool:
        """True for a structure the order turns a position into ("... to turn it into a
        spread", "making it a fly") or is placed for ("BTO 1 SPY 505p ... @ 2.30 hedge for the
        condors"): the purpose, not the structure traded."""
        article, link = self._at(index - 1), self._at(index - 2)
        if article is None or link is None:
            return False
        if (
            article.lower in _HELD_DETERMINERS
            and link.lower in _PURPOSE_LINKS
            and self.facts.strikes
            and any(self._after_order_details(at) for at in range(max(0, index - 5), index - 1))
        ):
            return True
        if article.lower not in ("a", "an"):
            return False
        if link.lower == "into":
            return True
        verb = self._at(index - 3)
        return link.lower == "it" and verb is not None and verb.lower in lex.MAKING_VERBS

    def _trade_object(self, index: int) -> bool:
        """True when the verb's object, in its clause, names a contract or a strategy ("likes
        the MSFT 450/460 call spread", "pitches the KO 62.5c")."""
        for position in range(index + 1, index + 9):
            item = self._at(position)
            if item is None or item.text in _CLAUSE_ENDS or item.text in (":", ","):
                return False
            if (
                item.label in STRATEGY_LABELS
                or item.label == "TYPED"
                or item.lower in lex.TYPE_WORDS
            ):
                return True
        return False

    def _befalls_position(self, index: int) -> bool:
        """True for "about to" / "going to" before what befalls a position held ("about to
        get assigned", "going to be called away"): its state, not the writer's plan."""
        following, then = self._at(index + 1), self._at(index + 2)
        return (
            following is not None
            and then is not None
            and following.lower in ("get", "be")
            and then.lower in lex.BEFALLEN_WORDS
        )

    def _part_with_wings(self, name: str) -> bool:
        """True when the strategy named with the action is the body of the structure named
        before it, its wings written too ("iron fly 10/20: sell the 6800 straddle, buy the
        6750p and 6850c wings"): one part of the heading's structure, which stays."""
        return name in _STRATEGY_PARTS.get(self.facts.strategy or "", ()) and any(
            item.lower in _WING_NOUNS for item in self.items
        )

    def _on_strategy(self, item: _Item) -> None:
        facts = self.facts
        words = item.lower.split()
        name = _STRATEGY_NAMES[item.label]
        if self.strategy_before_action and facts.first_action >= 0:
            # "skip the TSLA straddle, a strangle is cheaper: buy 1 TSLA 280p/330c strangle
            # ...": the strategy the action trades replaces one talked about before it (its
            # short name repeats it: "iron fly on SPX: sell the 7125 fly")
            self.strategy_before_action = False
            if (
                name != facts.strategy
                and not set(words) <= self.strategy_words
                and not self._part_with_wings(name)
            ):
                facts.strategy = facts.strategy_type = facts.strategy_direction = None
        if facts.strategy is None:
            facts.strategy = name
            self.strategy_before_action = facts.first_action < 0
            self.strategy_words = set(words)
        option_type = next((lex.TYPE_WORDS[w] for w in words if w in lex.TYPE_WORDS), None)
        if words and words[0] in ("pcs", "pds", "bps"):
            option_type = "put"
        elif words and words[0] in ("ccs", "cds"):
            option_type = "call"
        if option_type is not None and facts.strategy_type is None:
            facts.strategy_type = option_type
        direction: PriceEffect | None = None
        if "credit" in words or (words and words[0] in ("pcs", "ccs", "bps")):
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
        if item.text.isdigit() and int(item.text) < 24 and self._clock_time_at(index):
            self.consumed.update((index + 1, index + 2))  # "at 9:58.": a time, no strike
            return
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
        if self._quotes_underlying(index):
            self.facts.status.append(f"a quote of the underlying: {item.text}")
            return
        if (
            previous is not None
            and previous.lower in lex.HOLDING_VERBS
            and self._subject_is_writer(index - 1)
            and 0 <= self.facts.first_action < index
        ):
            return  # "buy 75 more VZ at 41.90 so I have 100 for covered calls": shares held
        if self._before_width(index + 1):
            if self.facts.width is None and self._names_wings(index + 1):
                self.facts.width = value  # "25 wide", "15-point wings" (a fly's wings)
            return  # "a 5-wide PCS", "10 points wide": the spread's width, not a role
        if self._before_greek(index + 1):
            return  # "30 delta", "a 16-delta put": the strike chosen by its greek, not one named
        if self.ignore_window:
            self.ignore_window = 0
            return
        if is_int and self._counts_other_things(index):
            return  # "14 kids in my house", "day 41 of holding ...": a count, not a role
        if is_int and self._held_total(index):
            return  # "Trim 2 of 5 NVDA 215c": the 5 held, not the count traded
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
        elif (
            following is not None
            and following.label in STRATEGY_LABELS
            and is_int
            and value <= _STRATEGY_COUNT_MAX
            and self._in_quantity_slot(index)
            and self._strategy_before_ticker(index + 1)
        ):
            slot.cue("quantity", CUE_STRONG)  # "buy 1 straddle NVDA 160 ...": straddles counted
        elif following is not None and following.label in STRATEGY_LABELS:
            slot.cue("strike", CUE_STRONG)
            slot.strong_strike = True
            slot.strike_type = self._strategy_type_at(index + 1)
        if self._before_strike_marker(index + 1):
            slot.cue("strike", CUE_DECISIVE)  # "35 strike", "600-strike calls"
            slot.strong_strike = True
        if following is not None and following.lower in _TRAILING_LIMIT_WORDS:
            slot.cue("price", CUE_STRONG)  # "9.50 limit", "2.15 lmt": the limit named after it
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

    def _strategy_before_ticker(self, index: int) -> bool:
        """True when the strategy at ``index`` names its ticker next ("straddle NVDA", "iron
        condors on SPX"): the number before it counts the strategies."""
        after = self._at(index + 1)
        if after is not None and after.lower in ("on", "in", "of", "for"):
            return self._before_ticker(index + 2)
        return self._before_ticker(index + 1)

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

    def _on_word(self, index: int, item: _Item, is_first: bool) -> None:
        facts, lower = self.facts, item.lower
        if lower in ("cover", "covers") and self._covers_held_shares(index):
            return  # "... at 1.60. This covers the 100 shares I bought": the calls' purpose
        if lower == "not" and self._not_held(index):
            self.consumed.add(index + 1)  # "BUY 5 NVDA MAY 220 CALLS MKT, NOT HELD": a desk's
            return  # instruction (the broker may take time over the fill), no negation
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
        if lower == "in" and self._after_first_person_be(index):
            facts.status.append("a position held: in")  # "I'm in the AAPL 250/260 call spread"
            return
        if lower == "in" and (holder := self._other_person_in(index)) is not None:
            self._veto(guard.OTHER_SUBJECT, f"{holder} in")  # "Sarah is in 2 MSFT 530c ..."
            return
        if (
            lower in ("long", "short")
            and (is_first or self._opens_sentence(index))
            and self._holds_the(index)
        ):
            facts.status.append(f"a position held: {item.text} the")  # "long the AMZN 210c"
            return
        if lower in _POSITION_HEADS and self._heading_opens_line(index):
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
        if lower in lex.PAYING_WORDS and facts.first_action < 0 and self._pays_for(index):
            self._set_side("buy", None, 2, index)  # "paying up to 2.20 for 2 ARM 160c ..."
            self._arm_price()
            return
        if lower in lex.EVENT_PRINTS and self._event_print(index):
            return  # "into the print", "post-print": the earnings release, not a flow print
        if (
            lower in lex.MARKET_EVENT_VERBS or lower in lex.LEVEL_VERBS or lower in ("got", "paid")
        ) and self._market_event(index):
            facts.status.append(f"the market: {item.text}")  # "IBM printed", "T reported"
            return
        if (
            lower in lex.ACTION_WORDS
            or lower in lex.LEADING_ACTION_WORDS
            or lower in lex.WEAK_ACTION_WORDS
        ) and self._modifies_noun(index):
            return  # "need the buying power for ...", "selling pressure", "a sell-off"
        if (lower in lex.ACTION_WORDS or lower in lex.WEAK_ACTION_WORDS) and self._on_dips(index):
            self._chatter(guard.PLAN, f"{item.text} on dips", frames=True)  # "adding on dips"
        if lower in ("open", "close") and self._market_session(index):
            return  # "pin fly into the close: buy 2 SPY ...": the session's end, no effect
        if lower == "btc" and self._names_bitcoin(index):
            facts.status.append(f"bitcoin: {item.text}")  # "BTC 172k", "btc ripped overnight"
            return
        if lower in lex.CODES:
            previous = self._at(index - 1)
            if previous is not None and previous.lower in _CODE_NOUN_MAKERS:
                # "is BTO ...", "my STO ... got assigned", "Jay's BTO ... alert", "that BTO ...
                # alert was fire", "buying power for STO ...": a trade talked about (a
                # possessive, a determiner or a preposition makes the code a noun)
                self._veto("a trade talked about", f"{previous.text} {item.text}")
            if not facts.explicit_code:
                facts.code_at = item.start
            side, effect = lex.CODES[lower]
            facts.explicit_code = True
            self._set_side(side, effect, 3, index)
        elif lower == "in" and is_first and self._joins_before_action(index):
            return  # "+1, in for 2: sell 2 HOOD 60/55 PCS ...": the order after it is the side
        elif is_first and lower in lex.ENTERED_WORDS and self._entry_price_follows(index + 1):
            facts.status.append(f"a position entered: {item.text}")  # "in at 1.45 on the ..."
        elif lower == "in" and self._structure_entered(index):
            facts.status.append(f"a position entered: {item.text}")  # "NVDA PCS in for 2.35"
        elif lower == "out" and self._structure_entered(index):
            # "IWM 270c 2/19 x2 out at 4.60 from 2.85, +350": a position left, reported
            facts.status.append(f"a position closed: {item.text}")
        elif lower in lex.CLOSE_WORDS and self._heads_action(index):
            facts.effect = facts.effect or "close"  # "closing: buy back 4 XOM ...": a heading
        elif lower in lex.LEADING_ACTION_WORDS and (
            is_first
            or self._after_alert_heading(index)
            or self._after_request(index)
            or self._after_bot_address(index)
            or self._opens_counted_sentence(index)
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
        elif self.quote_layout and lower in _QUOTE_WORDS:
            facts.status.append(item.text)  # "bid 6.20 / ask 6.35": a quote, not a bid to buy
        elif lower in lex.PRICE_ACTION_WORDS and self._after_the_or_at(index):
            return  # "sell ... at the bid", "hit on the offer": a price level, not an action
        elif lower in lex.ACCEPT_WORDS and self._before_price(index + 1):
            self._arm_price()  # "..., take 0.30": accepting a price, not buying
        elif lower in lex.NOUN_LIKE_ACTIONS and self._after_noun_modifier(index):
            return  # "rate cut", "a trim": a noun, not an action
        elif lower in guard.ORDER_PLACING and self._places_order_at(index):
            return  # "Enter a GTC order to sell ...": the order placed, its verb comes next
        elif lower in lex.ACTION_WORDS and self._names_the_next_order(index):
            return  # "taking it: sell 2 JPM 325/330 call debit spread ...": a lead-in
        elif lower in lex.PRICE_ACTION_WORDS and (colon := self._price_heading_end(index)) > 0:
            # "bid under the market: buy 40 AAPL limit 240.00": how the order is priced (its
            # "market" is no market order)
            self.consumed.update(range(index + 1, colon))
        elif lower in lex.ACTION_WORDS and self._after_entry_price(index):
            self._veto(guard.RESULT, item.text)  # "entry 6.40 exit 11.20"
        elif lower in lex.ACTION_WORDS:
            self._set_side(*lex.ACTION_WORDS[lower], 2, index)
            if lower in lex.PRICE_ACTION_WORDS:
                self._arm_price()  # "bid 1.15 for ...": the verb is also a price marker
        elif (
            lower in lex.WEAK_ACTION_WORDS
            and lower.endswith("ed")
            and (is_first or self._after_passive_link(index))
        ):
            # "added 2 more NVDA 210c ... at 5.10": opening the message, a past form reports
            # the trade (an alert room's "added" tag follows the contract: "... 12/18 added")
            self._chatter("past tense", item.text, frames=True)
        elif lower in lex.ADD_NOUNS and self._add_as_noun(index):
            return  # "avg 1.80 after the add", "my add at 1.80 filled": the buy made, a noun
        elif lower in lex.WEAK_ACTION_WORDS:
            self._set_side(*lex.WEAK_ACTION_WORDS[lower], 1, index)
        elif lower in lex.EFFECT_WORDS:
            facts.effect = lex.EFFECT_WORDS[lower]
        elif self._is_type_word(index):
            facts.types.append(lex.TYPE_WORDS[lower])
        elif lower in lex.MONTHS:
            self._on_month(index, item)
        elif lower in lex.WEEKDAYS:
            if self._deadline_day(index) or self._day_after_share_price(index):
                return  # "..., half the position before thursday's earnings": a time, no expiry
            self._add_relative_expiration(
                index, cal.next_weekday(self.today, lex.WEEKDAYS[lower], strictly_after=False)
            )
        elif lower in lex.RELATIVE_DATE_WORDS:
            self._on_relative(index, item)
        elif lower in lex.PRICE_MARKERS:
            self._arm_price()
        elif lower in lex.PRICE_BOUNDS and self._bounds_price(index):
            self._arm_price()  # "buy 1 straddle NVDA 210 for 16/07, max 9.80": the limit
        elif lower in lex.STRIKE_MARKERS:
            previous = self._at(index - 1)
            if previous is not None and previous.text == "-":
                previous = self._at(index - 2)
            following = self._at(index + 1)
            if following is not None and following.text in (",", ";", ".", ":"):
                # "1.8% under the strike, 7 DTE": the clause ends with the strike word; "new
                # strikes: STO 1 SPX ...": a heading
                return
            if previous is None or previous.label != "NUM":  # "35 strike" names it already
                self.pending_strike, self.pending_price = True, False
        elif lower in lex.CREDIT_DEBIT:
            previous = self._at(index - 1)
            if previous is not None and previous.lower in lex.PREMIUM_NOUN_DETERMINERS:
                return  # "took 80% of the credit", "my debit": the premium, not the price's side
            facts.price_word = facts.price_word or lex.CREDIT_DEBIT[lower]
            self._arm_price()
        elif lower in lex.SHARE_WORDS:
            facts.shares = facts.shares or self._counts_shares(index)
        elif lower in lex.CONTRACT_WORDS:
            return  # "contracts" only tells us this is about options (see option_context)
        elif lower in lex.GTC_WORDS:
            if self._names_working_order(index):
                # "TSLA 480/500 call spread Feb is a gtc at 7.85": an order already working
                self._chatter("a report: an order working", item.text, frames=True)
            facts.tif = facts.tif if self._other_orders_tif(index) else "gtc"
        elif lower in lex.DAY_WORDS:
            if self._is_day_order(index):
                facts.tif = "day"
        elif self.roll is not None and lower in lex.ROLL_FILLERS:
            return  # "roll ... up to the 420 strike": the roll's direction, not a target
        elif lower in lex.SINCE_WORDS and self._held_since_price(index + 1):
            self.ignore_window = 4  # "in TSLA 250c since 3.05": the entry, not the order price
            facts.entry_reference = True
        elif lower in lex.SINCE_WORDS and self._clock_time_at(index + 1):
            self.consumed.update((index + 1, index + 3))  # "in since 9:45 on the SPY 520c"
            facts.entry_reference = True
        elif lower in lex.IGNORE_NUMBER_WORDS and self._before_pronoun(index):
            return  # "selling a put under it: sell to open ...": a preposition, no level
        elif lower in lex.IGNORE_NUMBER_WORDS and item.text.isupper() and self._bracketed(index):
            return  # "Costco (COST) at 1,078.00": the ticker beside the name, no price word
        elif lower in lex.IGNORE_NUMBER_WORDS or _RE_IGNORE_WORD.fullmatch(lower):
            reported = (
                facts.first_action < 0
                and not self._past_object(index)
                and not self._names_tax_loss(index)  # "last tax-loss of the year: sell ..."
            )
            if lower in lex.REPORT_WORDS and reported and self._settles_dispute(index):
                self._veto(guard.DISPUTE, item.text)  # "fine, you win. buy ...": conceded
            elif lower in lex.REPORT_WORDS and reported:
                self._chatter("a report", item.text, frames=True)  # "Loss: STC ...", "Targets:"
            if lower in lex.CHANGE_WORDS and self._amount_follows(index + 1):
                facts.status.append(f"a profit or loss: {item.text}")  # "down 1.2k on ..."
                if self._result_on(index):
                    self._chatter("a result", item.text, frames=True)  # "down 2k on STO ..."
            self.ignore_window = 4
            if self._clock_time_at(index + 1):
                # "sell the 2 TSLA from 09:35 @ 12.40": a time of day, the price after it
                self.consumed.update((index + 1, index + 3))
                self.ignore_window = 0
            facts.entry_reference = facts.entry_reference or lower in lex.ENTRY_REFERENCE_WORDS
            facts.stop_level = facts.stop_level or (
                lower in lex.STOP_ORDER_WORDS and self._level_follows(index + 1)
            )
            if lower in lex.STOP_NOUNS and self._stop_moved(index):
                facts.status.append(f"a stop set or moved: {item.text}")
            if lower == "from" and self._price_moved(index):
                facts.status.append("a price move: from ... to ...")  # "350p from 11.40 to 14.60"
            elif lower == "from" and facts.first_action < 0 and self._mark_from_entry(index):
                # "SPX 10700/10750 CCS at 4.10 from 8.20": where a position stands now
                facts.status.append("a mark against the entry: at ... from ...")
        elif lower in lex.QUANTITY_WORDS:
            self._on_quantity_word(index, item, lex.QUANTITY_WORDS[lower])
        else:
            self._on_other_word(index, item, is_first)

    def _covers_held_shares(self, index: int) -> bool:
        """True for "cover" after a pronoun, with shares after it ("This covers the 100
        shares", "They cover my 200 shares"): what the calls sold cover, no buy to cover."""
        previous = self._at(index - 1)
        if previous is None or previous.lower not in _COVERING_SUBJECTS:
            return False
        return any(item.lower in lex.SHARE_WORDS for item in self.items[index + 1 : index + 5])

    def _action_reported_done(self, index: int) -> bool:
        """True for "done" right after the message's action word, ending its clause ("PLTR
        160 calls from 2,15 to 4,40, exit done ✅"): the trade reported made."""
        if index < 1 or self.facts.first_action != index - 1:
            return False
        following = self._at(index + 1)
        return (
            self.items[index].line_end
            or following is None
            or (following.label == "SYM" and not following.text[:1].isalnum())
        )

    def _as_planned(self, index: int) -> bool:
        """True for "plan" after "per", "as per" or "according to" ("per the plan", "as per my
        plan"): the order follows a plan, it recaps none."""
        if self.items[index].lower not in ("plan", "plans"):
            return False
        back = index - 1
        if (word := self._at(back)) is not None and word.lower in ("the", "my", "our"):
            back -= 1
        word = self._at(back)
        return word is not None and word.lower in ("per", "to")

    def _heads_action(self, index: int) -> bool:
        """True for a word ended by a colon right before an action or an alert code."""
        colon = self._at(index + 1)
        return (
            colon is not None
            and colon.text == ":"
            and (self._action_at(index + 2) or self._code_at(index + 2))
        )

    def _position_words_after_action(self, index: int) -> bool:
        """True when only words naming a held position ("my", "the other", "last") and maybe
        a count stand between the message's first action and ``index``."""
        first = self.facts.first_action
        if first < 0 or not 2 <= index - first <= 4:
            return False
        counts = [at for at in range(first + 1, index) if self._is_count(at)]
        words = [self.items[at].lower for at in range(first + 1, index) if at not in counts]
        return (
            len(counts) <= 1
            and (not counts or counts[0] == index - 1)
            and bool(words)
            and all(word in _POSITION_WORDS for word in words)
        )

    def _on_other_word(self, index: int, item: _Item, is_first: bool) -> None:
        facts, lower, text = self.facts, item.lower, item.text
        if index in self.wished_results:
            return  # "..., I want the loss booked": the outcome wished, no past trade
        if (
            is_first
            and lower in lex.QUESTION_STARTERS
            and not self._opens_request(index)
            and not self._in_cleft(index + 1)  # "what I want is to sell ...": a statement
            and not self._negated_statement(index)  # "didn't fill. buy ...": a statement
            and not self._subjectless_modal(index)  # "would be nice to see a bounce. BTO ..."
            and not self._self_answered(index)  # "Am I sure? yes. STO ...": answered at once
            and not self._indifference(index)  # "don't care, sell ...": no question
        ):
            self._veto(guard.QUESTION, text)
            return
        if lower in ("done", "complete", "completed") and self._action_reported_done(index):
            self._veto(guard.REPORT, f"{self.items[index - 1].text} {text}")  # "exit done ✅"
            return
        if is_first and lower in _CANCEL_VERBS and facts.first_action < 0:
            # "cancel the QQQ 905p, wrong strike": a working order withdrawn, none placed ("...
            # it's gone. BTO 2 SPY ..." after it is one, in a sentence of its own)
            self._veto("a cancel request, not an order", text)
            return
        if lower == "out" and (
            self._round_trip_in_prices(index) or self._round_trip_at_prices(index)
        ):
            self._veto(guard.RESULT, "in ... out")  # "4.80 in, 17.10 out"
            return
        if lower in lex.TAIL_QUESTION_AUXILIARIES and self._unmarked_tail_question(index):
            self._veto(guard.QUESTION, text)  # "... 635c 2/4. is that right or am I off"
            return
        if lower in _REQUEST_OPENERS and self._opens_request(index):
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

        if lower in _FRAME_WORDS and (self._frame_over(index) or self._frame_denied(index)):
            # "quiz is over, now the real order: ...", "not a backtest: sell ...": the frame
            # has ended or is denied
            return
        if lower in _POEM_OPENERS and self._opens_poem(index):
            self._chatter(guard.JOKE, f"{text} are ...", frames=True)  # "roses are red, ..."
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
        if lower == "not" and self._negates_dealing(index):
            # "I'm not touching the COIN 250/270/290 fly", "not doing the ...": the writer
            # declines the trade named (as "never touching the ..." does)
            self._chatter(guard.NEGATION, f"not {self.items[index + 1].text}", frames=False)
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
        if lower in lex.FILL_WORDS and (
            self._cared_about(index) or self._fill_predicted(index) or self._holding_filled(index)
        ):
            return  # "don't care about the fill: sell ...", "it'll fill. buy ...": no fill
        if lower in lex.RECAP_WORDS:
            if self._as_planned(index):
                return  # "per the plan, half off: sell 1 NVDA ...": the plan carried out now
            if lower in lex.FILL_WORDS and self._after_chart_gap(index):
                return  # "gap filled on QQQ": the price closed a chart gap, no order filled
            if self._announced_later(index):
                return  # "STC ... Lesson recap tonight.": a recap to come, none given
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
        if lower in lex.SCREENSHOT_WORDS and self._in_aside_after_action(index):
            return  # "buy 1 ORCL 170c ... @ 5.55 (from the chain screenshot: bid ...)": a source
        if lower in lex.SCREENSHOT_WORDS and self._screenshot_to_come(index):
            self._skip_screenshot_condition(index)  # ("screenshot coming once it fills 📸 ...")
            return  # "..., screenshot to follow": the proof comes after the order
        if lower in lex.CONTEST_WORDS and self._enters_contest(index):
            self._chatter(guard.STORY, f"a contest entry: {text}", frames=True)
            return
        if (
            lower in lex.STORY_WORDS
            or (lower in lex.HEADING_FRAME_WORDS and self._in_heading(index))
        ) and not self._greeted_by_name(index):
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
        if lower in lex.REPORTED_SPEECH and self._own_words_recalled(index):
            return  # "out before Powell like I said: STC 3 SPY ...": the writer's own plan
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
        if (
            lower in lex.HELP_WORDS
            and not (following is not None and following.lower == "size")
            and not self._simile(index)
        ):
            # ("small sample size, but BTO ...": a statistic; "chasing like a noob 🤦\nbuy
            # ...": the writer likened to one)
            self._veto(guard.HELP, text)
            return
        if (
            lower in lex.REFERENCE_WORDS
            and (before := self._at(index - 1)) is not None
            and before.lower == "for"
        ):
            self._veto(guard.HELP, f"for {text}")  # "for reference: BTC 1 IWM ...": shown
            return
        if lower in lex.WATCHLIST_WORDS:
            previous_word = self._at(index - 1)
            if previous_word is not None and previous_word.lower in lex.OTHER_LIST_KINDS:
                return  # "restricted list cleared AMZN today", "grocery list": no watchlist
            self._chatter("a watchlist", text, frames=True)
            return
        if (
            (
                lower in lex.RECOMMEND_VERBS
                or (lower in lex.LIKING_VERBS and self._trade_object(index))
            )
            and facts.first_action < 0
            and not facts.explicit_code
        ):
            self._veto(guard.OTHER_SUBJECT, text)  # "the newsletter recommends the COIN ..."
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
            # "newswire: Berkshire added ...": a news heading frames what it posts
            frames = self._before_colon(index) and self._opens_sentence(index)
            self._chatter("news or an indicator", text, frames=frames)
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
            and not self._describes_no_trade(index)  # "old futures guy"
        ):
            if self._settles_dispute(index):
                self._veto(guard.DISPUTE, text)  # "fine, you win. buy ...": a win conceded
                return
            self._chatter("a report", text, frames=True)  # "Today's fills: BTO ..."
            return
        if lower in lex.JOKE_WORDS:
            if lower in lex.LAUGH_WORDS and self._laughs_at_explanation(index):
                return  # "... 3.80 each (that's the premium, not the strike lol)"
            if not self._negated(index):  # "no I'm not kidding, buy ...": in earnest
                self._chatter("a joke", text, frames=False)
            return
        if lower == "no" and self._refuses(index):
            self._veto(guard.NEGATION, "no way")  # "no way I'm closing my QQQ 600c ..."
            return
        if lower in lex.SIMULATED_WORDS:
            before = self._at(index - 1)
            if before is not None and before.lower in lex.REAL_MONEY_WORDS:
                return  # "Module 5 live demo": the trade shown is placed for real
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
        if (
            lower in _STATEMENT_VERBS
            and (self._after_quoted_trade(index) or self._after_relative_dated_contract(index))
            and not self._after_date_subject(index)
            and not self._number_states_measure(index)
        ):
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
        if lower in _MARKET_VERBS and self._market_subject(index):
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
        if (
            lower == "if"
            and (previous_word := self._at(index - 1)) is not None
            and (previous_word.lower in _APOLOGIES)
        ):
            return  # "sorry if dumb: I want the opex lottery. BTO ...": an apology, no condition
        if lower == "if" and (self._return_at_outcome(index) or self._accepts_assignment(index)):
            # "sell ... @ .21 (2.1% if it expires)": the return worked out; "... — if it drops
            # there, I'm happy to own it": the assignment accepted; no condition on the order
            return
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
        if lower in lex.RESULT_WISHES and self._wishes_result(index):
            return  # "sell ... @ 4.10, want the gains locked in": the reason, no wish instead
        if lower in lex.OUTCOME_VERBS and self._outcome_of_return(index):
            return  # "sell ... @ .30, 2.5% if assigned": the outcome a return is worked out at
        if lower in lex.FLOW_WORDS and self._names_room(index):
            return  # "gm flow fam ☕ BTO ...": the room greeted by its name
        if lower in lex.FLOW_WORDS and self._market_judged_after_order(index):
            return  # "close my 10 IWM 230c ... at mkt, this tape is trash": the market judged
        if lower in lex.PAST_COPULAS and self._news_after_order(index):
            return  # "sell ... @ 7.80, earnings were great 🎉": the news remarked on, no report
        if lower in lex.BASIS_VERBS and self._states_basis(index):
            return  # "sell 300 IBIT shares @ 100.40, bought at 118 in nov": what it cost
        if lower in lex.PAST_WORDS and self._in_holding_sentence(index):
            return  # "... at .62. My shares filled yesterday": how the position came to be
        if lower in lex.PAST_WORDS and self._describes_held_shares(index):
            return  # "... call ... covered by the 100 shares I bought": which shares
        if (
            lower == "yesterday"
            and (verb := self._at(index - 1)) is not None
            and verb.lower in lex.PAST_WORDS
            and self._describes_held_shares(index - 1)
        ):
            return  # "..., against the shares I bought yesterday": when they were bought
        if lower in lex.PAST_WORDS and self._describes_order(index):
            return  # "buy 1 AAPL ... — first spread I picked myself": the order described
        if lower in lex.PAST_WORDS and self._relative_to_contract(index):
            return  # "buy to close the 2 WMT 100c 12/22 I sold, ...": which contract, no report
        if lower in lex.PAST_WORDS and self._present_passive(index):
            return  # "... in case I am assigned", "if it gets filled": no past trade
        if lower in lex.PAST_WORDS and self._points_at_order(index):
            return  # "buy ... @ 0.62 - this is the one I was talking about": the order named
        if lower in lex.PAST_WORDS and self._names_repeated_trade(index):
            return  # "same as yesterday, one more time: buy ...": the trade it repeats
        if lower in lex.NEGATION_WORDS and self._negates_aside(index):
            return  # "buy ... @ 3.05 ||don't tell my wife||": an aside to the readers
        if lower in lex.CARE_NEGATIONS and self._indifference(index):
            return  # "don't care about the fill: sell ...": indifference, no negated action
        if (
            lower in _WAIT_WORDS
            and (before := self._at(index - 1)) is not None
            and before.lower in _WAIT_DENIALS
        ):
            return  # "sell 100 XLE at 99.10⏎not waiting for 102": no wait, the order now
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
            # "Berkshire B, BRK.B ...": a letter right after a company's name is its share class
            rank = 3 if len(text) == 1 and self._after_name(index) else 1
            facts.tickers.append((rank, index, text.replace(".", "/")))
            return
        if lower in lex.COMPANY_TICKERS and self._in_company_slot(index):
            # "buy 10 shares of Apple", "sell two tesla 400 calls": the company's ticker
            facts.tickers.append((2, index, lex.COMPANY_TICKERS[lower]))
            return
        if self._cased_ticker(index):
            # "buy 1 aMZN 255c", "sell 1 Tsla 400p", "sell 1 brk.b 490p", "buy 10 f 13c": a
            # word in any case between the action's count and the strike is the ticker
            facts.tickers.append((2, index, text.upper().replace(".", "/")))
            return
        if self._chat_word_as_ticker(index):
            # "bto 5 smh 300p eow @ 3.80": between the count and a typed strike, a short chat
            # word can only be the ticker (SMH)
            facts.tickers.append((2, index, text.upper()))
            return
        if _RE_LOWER_TICKER.fullmatch(text) and lower not in lex.COMMON_LOWER_WORDS:
            previous = self._at(index - 1)
            after_action = previous is not None and (
                previous.label == "ACTION"
                or previous.lower in lex.CODES
                or previous.lower in lex.ACTION_WORDS
                or (is_first is False and index - 1 == facts.first_action)
                or (self._is_count(index - 1) and facts.first_action == index - 2)
                # "adding a strangle⏎bto 1 nvda 340/280 ...": an alert code and its count
                or (previous.label == "NUM" and self._code_at(index - 2))
                # "adding 1 more spy 866c ...": the count and "more" after the action
                or (
                    previous.lower in ("more", "extra")
                    and self._is_count(index - 2)
                    and facts.first_action == index - 3
                )
                # "sell my last 50 sofi at market", "sell the other nvda 390c": the position's
                # owner, a count or both between the action and the ticker
                or self._position_words_after_action(index)
            )
            if after_action and self._before_order_detail(index + 1):
                # right after the action and its count, before the strike, it is as sure a
                # ticker as a word in capitals ("stc 20 spy 880c 0dte @ 1.45 LETS GOOO 🚀")
                rank = 1 if self._after_action_and_count(index) else 2
                facts.tickers.append((rank, index, text.upper()))
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
