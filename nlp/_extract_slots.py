"""The extractor's slot layer: whether a word or number stands in the ticker, quantity, price
or strike slot, and the strikes of a roll.
"""

from __future__ import annotations

import re
from decimal import Decimal

from spacy.lang.en.stop_words import STOP_WORDS

from nlp import _guard as guard
from nlp import _lexicon as lex
from nlp._extract_talk import _TalkReader
from nlp._roles import CUE_DECISIVE, CUE_MEDIUM, CUE_STRONG, CUE_WEAK, NumberSlot
from nlp._tokens import (
    _AMOUNT_UNITS,
    _RE_AMOUNT,
    _RE_CASED_TICKER,
    _RE_LOWER_TICKER,
    _RE_UPPER_TICKER,
    _decimal,
    _is_int_text,
    _Item,
)

# "sell my last 50 sofi", "close my other 2 ...": what is left of the position
_HELD_REMAINDER = frozenset({"last", "other", "remaining"})
_QUANTITY_FILLERS = (
    frozenset({"my", "all", "the", "another", "a", "an", "me", "|"}) | _HELD_REMAINDER
)  # ("BUY | 2 | MSFT ...": a ticket's cells)
# Words between the action and the count that say whose contracts they are ("sell my two ...").
_COUNT_OWNERS = frozenset({"my", "the", "our", "his", "her", "their", "those", "these", "all"})
_PRICE_MOVE = "a price move (a result, not an order)"
_COUNT_MAGNITUDE = 5  # "SPY 5 600": 5 is a count because the next number is this many times larger
_PLURAL_TYPES = frozenset({"calls", "puts", "cals", "callz"})
_RE_MONTH_DAY = re.compile(r"(\d{1,2})/\d{1,2}(?:/\d{2,4})?")
# Between "<part> of" and the total held: "sell 1 of my 3 SMCI 900c", "trim 1 of the 2 ...".
_HELD_TOTAL_FILLERS = frozenset({"my", "the", "our"})


# Trading words that keep their meaning even in the ticker's place ("BUY 2 CALLS", "SELL 5
# SHARES @ 10").
# Verbs that are also tickers (GRAB, DUMP, CUT, TAKE): in capitals after "shares of" they name one.
_ACTION_LIKE_TICKERS = (frozenset(lex.ACTION_WORDS) | frozenset(lex.WEAK_ACTION_WORDS)) - frozenset(
    lex.CODES
)
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

# The longest chat word read as a ticker in the ticker's slot ("smh": SMH).
_CHAT_TICKER_LETTERS = 4
# Below this, "the 2 puts" may count contracts held; from it, "the 720 calls" names a strike.
_HANDFUL = 10
# After a leading "in" that only joins a trade: "in for 2:", "in too -", "in as well:"
_JOINING_WORDS = frozenset({"for", "too", "also", "as", "well", "on", "this", "x"})

# Price words that are also tickers, in capitals right before a typed strike ("NET": Cloudflare).
_PRICE_WORD_TICKERS = frozenset(word for word in lex.PRICE_MARKERS if word.isalpha()) - STOP_WORDS

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


# "close my short 1 COST 850p": the side of the writer's position between "my" and its count
_HELD_SIDES = frozenset({"short", "long"})
# Words before the shares a call is written on (_Extractor._held_shares).
_COVER_WORDS = frozenset({"against", "covered", "vs", "versus", "for", "on"})


# Between the writer and a holding verb: "I still hold", "I've got", "I have held".
_WRITER_AUXILIARIES = frozenset({"still", "now", "already", "'ve", "ve", "have", "had"})


class _SlotReader(_TalkReader):
    """Slots: the role (ticker, quantity, price, strike) a word or number fills."""

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

    def _price_at(self, index: int) -> bool:
        """True for "at" or "@" at ``index`` with a number right after it."""
        marker, price = self._at(index), self._at(index + 1)
        return (
            marker is not None
            and marker.lower in ("at", "@")
            and price is not None
            and price.label == "NUM"
        )

    def _after_the_or_at(self, index: int) -> bool:
        """True after "the", "at" or a possessive's "'s" ("at the bid", "tuesday's bid never
        filled"): a price level or an order already sent, a noun."""
        previous = self._at(index - 1)
        return previous is not None and previous.lower in ("the", "at", "@", "'s", "\u2019s")

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
        message about options), "... against the 200 shs"; "sell my 200 shares of T" sells
        them."""
        item = self._at(index)
        if not self.has_type_word or item is None or item.lower not in lex.SHARE_WORDS:
            return False
        if self._shares_before_action_sentence(index):
            return True
        for offset in (1, 2, 3, 4):
            item = self._at(index - offset)
            if item is None or item.line_end:
                return False
            if offset < 4 and item.lower in lex.HOLDER_POSSESSIVES:
                return True
            if (
                offset < 4
                and item.lower in lex.HOLDING_VERBS
                and self._subject_is_writer(index - offset)
            ):
                return True  # "sell to open 1 VZ 44 call ... — I have 100 shares now"
            if item.lower in _COVER_WORDS:
                # "... 42c against the 200 shs", "against the T shares, STO ...", "STO 3 F
                # 12c ... (covered, 300 shs)", "... vs 200 sh"
                return True
        return False

    def _subject_is_writer(self, index: int) -> bool:
        """True for a verb whose subject right before it is the writer ("I have", "we own",
        "I've got", "I still hold")."""
        position = index - 1
        previous = self._at(position)
        if previous is not None and previous.lower in _WRITER_AUXILIARIES:
            position -= 1
            previous = self._at(position)
        return previous is not None and previous.lower in ("i", "we", "ive")

    def _shares_before_action_sentence(self, index: int) -> bool:
        """True for shares named in a sentence of their own before the order's, with no action
        in it ("400 MSFT shares and no calls on them. STO 4 MSFT 460c ..."): shares held."""
        if self.facts.first_action >= 0:
            return False
        for position in range(index + 1, len(self.items)):
            item = self.items[position]
            held = item.lower in ("long", "short") and self.items[position - 1].label == "NUM"
            if (self._action_at(position) and not held) or item.line_end:
                return False  # ("300 shares + 3 short 42c. ...": the calls held beside them)
            following = self._at(position + 1)
            if item.text in (".", "!", ";") or (
                # "300 INTC shares + 3 short 42c, so buying 3 INTC 36p ...": the reason given
                item.text == "," and following is not None and following.lower == "so"
            ):
                return any(self._action_at(later) for later in range(position + 1, len(self.items)))
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

    def _names_contract_at(self, index: int) -> bool:
        """True when a ticker, a strike or a strategy's strikes start at ``index``."""
        item = self._at(index)
        return item is not None and (
            self._before_ticker(index)
            or self._is_strike_item(index)
            or (item.label == "SLASH" and self._slash_date(item.text.split("/")) is None)
        )

    def _part_of_held(self, index: int) -> int | None:
        """The position of the total in "<part> of [my|the] <total> <contract>" ("Trim 2 of 5
        NVDA 215c", "STC half: 2 of 4 COIN 240c", "sell 1 of my 3 SMCI 900c"): the part is
        the count traded, the total the contracts held. None when the form is not there."""
        item, marker = self._at(index), self._at(index + 1)
        if item is None or marker is None or marker.lower != "of" or not _is_int_text(item.text):
            return None
        position = index + 2
        if (filler := self._at(position)) is not None and filler.lower in _HELD_TOTAL_FILLERS:
            position += 1
        total = self._at(position)
        if total is None or total.label != "NUM" or not _is_int_text(total.text):
            return None
        part, held = _decimal(item.text), _decimal(total.text)
        if part is None or held is None or not part < held:
            return None
        if not self._names_contract_at(position + 1):
            return None
        return position

    def _held_total(self, index: int) -> bool:
        """True for the total in "<part> of [my|the] <total> <contract>" (see above)."""
        before = self._at(index - 1)
        if before is None or (before.lower != "of" and before.lower not in _HELD_TOTAL_FILLERS):
            return False  # the fast test: no "of" or filler right before the number
        return any(self._part_of_held(index - back) == index for back in (2, 3))

    def _count_before_more(self, index: int) -> bool:
        """True for a count before "more", "additional" or "extra" and a contract ("adding to
        SHOP: 2 more 85c 5/24", "3 more AMD 150c"): the contracts added."""
        following = self._at(index + 1)
        return (
            following is not None
            and following.lower in lex.MORE_WORDS
            and self._names_contract_at(index + 2)
        )

    def _held_since_price(self, index: int) -> bool:
        """True for a price right after "since" ("since 3.05", "since $3.05", "since @ 1.10"):
        the price a position held was entered at, not a date or a time ("since 3/15")."""
        item = self._at(index)
        if item is not None and item.text in ("$", "@"):
            item = self._at(index + 1)
        return item is not None and item.label == "NUM" and not item.text.isdigit()

    def _stop_moved(self, index: int) -> bool:
        """True for a stop word after a verb that sets or moves it ("raise stop", "trail my
        stop", "new SL"), maybe past a determiner: a stop managed on a position held."""
        position = index - 1
        while (before := self._at(position)) is not None and before.lower in lex.STOP_MOVER_FILLERS:
            position -= 1
        return before is not None and before.lower in lex.STOP_MOVERS

    def _add_as_noun(self, index: int) -> bool:
        """True for "add" after a determiner or a possessive ("after the add", "my add"): the
        buy made, named as a noun, not the verb."""
        previous = self._at(index - 1)
        return previous is not None and previous.lower in lex.ADD_NOUN_MAKERS

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
        side (a short is bought back and sold further out); without short or long, its net
        debit or credit says which. Any other roll stays refused: one that says none of them,
        or that changes the strike without short or long, is sent as legs."""
        facts = self.facts
        if self.roll is None or facts.first_action >= 0 or facts.strategy is not None:
            return
        index, side = self.roll
        strikes = {strike.value for strike in facts.strikes}
        expirations = len(set(facts.expirations))
        same_contract_later = expirations == 2 and max(len(strikes), self._strike_items()) == 1
        if side is None and same_contract_later and facts.price_word is not None:
            # "roll my 2 SPY 870p May out to June for 2.90 debit": rolling one contract out in
            # time pays when it is held long (the later one bought), is paid when it is short
            side = "buy" if facts.price_word == "debit" else "sell"
        if side is None:
            return
        if same_contract_later:
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
        "in 1.10 out 2.30"): a trade's round trip reported, not an order. The round trip is
        one line ("client call in 5\nsell 100 sh PFE ...": the minutes end their line)."""
        price, marker = self._at(index - 1), self._at(index - 2)
        if price is not None and price.text == ",":
            price, marker = marker, self._at(index - 3)
        return (
            price is not None
            and price.label == "NUM"
            and not price.line_end
            and marker is not None
            and marker.lower in lex.ENTRY_MARKERS
            and lex.ACTION_WORDS[self.items[index].lower][0] == "sell"
        )

    def _joins_before_action(self, index: int) -> bool:
        """True for a leading "in" that only says the writer joins ("in for 2: sell 2 ...",
        "in too - STO ..."): a count or "too" at most, then a colon or a dash and the action
        the writer's own order opens with; that action, not "in", gives the side."""
        position = index + 1
        while (item := self._at(position)) is not None and (
            item.lower in _JOINING_WORDS or (item.label == "NUM" and _is_int_text(item.text))
        ):
            position += 1
        mark, action = self._at(position), self._at(position + 1)
        if mark is None or action is None or mark.text not in (":", "-", "—", "–"):
            return False
        return action.lower in lex.CODES or action.lower in lex.ACTION_WORDS

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

    def _after_key(self, index: int, keys: frozenset[str]) -> bool:
        """True for the value of a key-value line: "Qty: 2", "Ticker: AMD", "qty = 2"."""
        separator, key = self._at(index - 1), self._at(index - 2)
        return (
            separator is not None
            and separator.text in (":", "=", "-")
            and key is not None
            and key.lower in keys
        )

    def _price_word_ticker(self, index: int) -> bool:
        """True for a price word in capitals between the action's count and a strike that
        names its type ("BTO 1 NET 210c": Cloudflare): no price stands before a strike there
        ("sell 2 NET 2.15" keeps its price); or in the shares' ticker slot before "@"."""
        item = self.items[index]
        if item.lower not in _PRICE_WORD_TICKERS:
            return False
        following = self._at(index + 1)
        if not item.text.isupper() or following is None:
            return False
        if following.text == "@":
            # "buy 10 sh LMT @ 474.50", "buy 10 LMT @ ...": the price is marked after it, so
            # the word in the ticker's slot is no price word (Lockheed Martin)
            previous = self._at(index - 1)
            return (
                self._after_shares_of(index)
                or self._after_action_and_count(index)
                or (
                    previous is not None
                    and previous.lower in lex.SHARE_WORDS
                    and self._is_count(index - 2)
                )
            )
        return following.label in ("TYPED", "SLASH") and self._after_action_and_count(index)

    def _after_shares_of(self, index: int) -> bool:
        previous, before = self._at(index - 1), self._at(index - 2)
        return (
            previous is not None
            and previous.lower == "of"
            and before is not None
            and before.lower in lex.SHARE_WORDS
        )

    def _at_sign(self, index: int) -> bool:
        item = self._at(index)
        return item is not None and item.text == "@"

    def _after_counted_shares(self, index: int) -> bool:
        """True right after the action's count, or its count and a share word ("sell 100 sh
        ...")."""
        previous = self._at(index - 1)
        if previous is not None and previous.lower in lex.SHARE_WORDS:
            return self._is_count(index - 2) and self._action_at(index - 3)
        return self._is_count(index - 1) and self._action_at(index - 2)

    def _market_after(self, index: int) -> bool:
        """True when a market word or phrase stands at ``index``, or after a comma or "at"
        there ("..., market order", "at market", "at mkt")."""
        item = self._at(index)
        if item is not None and item.lower in (",", "at"):
            item = self._at(index + 1)
        return item is not None and (item.label == "MARKET" or item.lower in lex.MARKET_WORDS)

    def _in_ticker_slot(self, index: int) -> bool:
        """True for a chat word written in capitals where the ticker goes: after the action
        and its count ("buy 3 U 30c", "sell 75 LOW shares"), after "shares of", after a
        "Ticker:" key, or opening a verbless alert ("NOW 900c 12/18 @ 5")."""
        item = self.items[index]
        if self._price_word_ticker(index):
            return True
        if (
            item.text.isalpha()
            and item.lower in _ACTION_LIKE_TICKERS
            and _RE_UPPER_TICKER.fullmatch(item.text) is not None
            and (
                self._after_shares_of(index)
                or (
                    self._after_counted_shares(index)
                    and (
                        self._price_at(index + 1)
                        or self._strikes_follow(index + 1)
                        or self._at_sign(index + 1)
                        or self._market_after(index + 1)
                    )
                )
            )
        ):
            # "buy 1,000 shares of GRAB @ 5.05", "sell 100 sh COP @ 125.30", "buy 2,000 GRAB,
            # market order": a verb in capitals is the ticker
            return True
        if (
            _RE_UPPER_TICKER.fullmatch(item.text) is None
            or not item.text.isalpha()
            or (item.lower in _NEVER_IN_TICKER_SLOT and not self._letter_before_typed(index))
        ):
            return False
        if self._after_key(index, lex.TICKER_KEYS):
            return True
        if self._after_shares_of(index):
            return item.lower not in lex.DETERMINERS  # "100 shares of ALL", not "of THE"
        previous = self._at(index - 1)
        if (
            previous is not None
            and previous.lower in lex.SHARE_WORDS
            and self._is_count(index - 2)
            and item.lower not in lex.NOT_TICKERS_IN_SLOT
        ):
            return True  # "buy 10 shares COST mkt": the shares' ticker right after the count's unit
        following = self._at(index + 1)
        if following is None:
            return False
        contract_follows = (
            following.label in ("TYPED", "SLASH", "OCC")
            or (following.label == "NUM" and self._is_type_word(index + 2))
            # "STO 1 COST Jan 2041 950p": the month and its year, then the strike
            or (
                following.lower in lex.MONTHS
                and (self._strikes_follow(index + 2) or self._strikes_follow(index + 3))
            )
        )
        if item.lower in lex.NOT_TICKERS_IN_SLOT:
            # "sell 2 NOW 180p", "STO 5 ALL 200p": no plain word stands between a count and
            # its contract ("STC ALL 600C", "BUY 2 MORE 600C" keep their words)
            # "buy 1 NOW 900 3/16/29 @ ...": a strike and its date are a contract too
            dated_strike = following.label == "NUM" and self._month_day_at(index + 2)
            return (
                (contract_follows or dated_strike)
                and item.lower in lex.WORD_TICKERS_AFTER_COUNT
                and (self._after_action_and_count(index) or self._after_held_position(index))
            )
        if index == 0:
            return contract_follows
        detail_follows = (
            contract_follows
            or following.label == "NUM"
            or following.lower in lex.SHARE_WORDS
            # "@", or "at" and a price: "buy 30 COST at 1002.50" (a price word's capitals)
            or self._price_at(index + 1)
            or following.text == "@"
        )
        action = self.facts.first_action
        after_action = action >= 0 and (
            index == action + 1
            or (index == action + 2 and self.items[action + 1].lower in lex.HOLDER_POSSESSIVES)
            or self._after_action_and_count(index)
            or (
                index == action + 3
                and self._is_count(action + 1)
                and self.items[action + 2].lower in lex.MORE_WORDS
            )  # "add 2 more COST 1000 calls ..."
        )
        if not detail_follows and self._is_type_word(index + 1):
            # "BTO 2 GM calls, mkt": a type word right after it, between the count and the
            # type no chat word stands
            return self._after_action_and_count(index)
        return detail_follows and after_action

    def _month_day_at(self, index: int) -> bool:
        """True for a month and day written with slashes at ``index`` ("3/16", "12/18/26")."""
        item = self._at(index)
        if item is None or item.label != "SLASH":
            return False
        match = _RE_MONTH_DAY.fullmatch(item.text)
        return match is not None and 1 <= int(match.group(1)) <= 12

    def _after_held_position(self, index: int) -> bool:
        """True right after the side of the writer's position, with no count ("roll my short
        NOW 8/31 900c ...", "close our long NOW 900c")."""
        if index < 2:
            return False
        owner, side = self.items[index - 2], self.items[index - 1]
        return owner.lower in lex.HOLDER_POSSESSIVES and side.lower in _HELD_SIDES

    def _chat_word_as_ticker(self, index: int) -> bool:
        """True for a short lower-case chat word ("smh", "nice") right after the action and its
        count and right before a strike glued to its type: no word of chat stands there."""
        item, following = self.items[index], self._at(index + 1)
        lower = item.lower
        return (
            item.text.isalpha()
            and item.text.islower()
            and len(lower) <= _CHAT_TICKER_LETTERS
            and lower in lex.COMMON_LOWER_WORDS
            and lower not in lex.NOT_TICKERS
            and lower not in lex.NOT_TICKERS_IN_SLOT
            and lower not in lex.COUNT_MODIFIERS
            and following is not None
            and following.label == "TYPED"
            and self._after_action_and_count(index)
        )

    def _after_action_and_count(self, index: int) -> bool:
        """True right after the action and its count ("sell 2 ...", "BTO 5 ..."), or the count
        of the writer's position it names ("close my short 1 COST 850p ...")."""
        action = self.facts.first_action
        if action < 0 or index < action + 2 or not self._is_count(index - 1):
            return False
        between = self.items[action + 1 : index - 1]
        return len(between) <= 2 and all(
            (position == 0 and item.lower in lex.HOLDER_POSSESSIVES)
            or (position > 0 and item.lower in _HELD_SIDES | _HELD_REMAINDER)
            for position, item in enumerate(between)
        )

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

    def _before_percent(self, index: int) -> bool:
        following = self._at(index + 1)
        return following is not None and following.text.startswith("%")

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
        a date): "SPY 12/31 IC: 640/645/720/725"; or later strikes written with their type,
        two or more, none of them a date ("SPX 10/16 PCS: short 6600p / long 6590p", "SPY
        10/13 iron fly 670 center, 660/680 wings" counts the wings' pair)."""
        typed = 0
        for position in range(index + 1, len(self.items)):
            item = self.items[position]
            if item.label == "TYPED" or (item.label == "NUM" and self._after_held_side(position)):
                typed += 1  # "short 6600p", "long 6700, short 2x 6650": a strike held
                continue
            if item.label == "NUM" and self._names_wings(position + 1):
                width = _decimal(item.text)
                pair = [_decimal(part) for part in self.items[index].text.split("/")[:2]]
                gap = abs(pair[0] - pair[1]) if None not in pair else None  # type: ignore[operator]
                if width is not None and gap != width:
                    return True  # "XSP 10/30 put fly, 5-wide wings around 660": not 3 wide
            parts = item.text.split("/")
            if item.label == "SLASH" and self._slash_date(parts) is None:
                if len(parts) >= max(self.strikes_needed, 2):
                    return True
                typed += len(parts)
        return typed >= 2

    def _after_held_side(self, index: int) -> bool:
        """True for a number right after "long"/"short" (or after its count: "short 2x")."""
        previous = self._at(index - 1)
        if previous is not None and previous.label != "WORD" and "x" in previous.lower:
            previous = self._at(index - 2)  # "short 2x 6650"
        return previous is not None and previous.lower in ("long", "short")

    def _ticker_read_at(self, index: int) -> bool:
        return self._before_ticker(index) or any(at == index for _, at, _ in self.facts.tickers)

    def _cue_quantity(
        self, index: int, slot: NumberSlot, previous: _Item | None, following: _Item | None
    ) -> None:
        if previous is not None and previous.lower in ("only", "x", "qty", "quantity"):
            slot.cue("quantity", CUE_DECISIVE)  # "only 2", "600c 12/18 x 3", "qty 2"
        elif self._after_key(index, lex.QUANTITY_KEYS):
            slot.cue("quantity", CUE_DECISIVE)  # "Qty: 2", "Contracts: 3"
        elif self._all_of_them(index, previous, following):
            slot.cue("quantity", CUE_DECISIVE)  # "STC F 12.5c 3/24, all 25, @ .12"
        if self._held_shares(index + 1):
            pass  # "calls on my 300 shares of T": the shares held, not the count traded
        elif following is not None and following.lower in (
            lex.SHARE_WORDS | lex.CONTRACT_WORDS | {"x"}
        ):
            slot.cue("quantity", CUE_DECISIVE)
        elif (
            (
                (self._before_count_of(index) or self._part_of_held(index) is not None)
                # ("collar on 300 of them", "... 13.5c @ .24 on 200 of my 300 F": the shares
                # held the order goes on)
                and not (previous is not None and previous.lower in ("on", "against"))
            )
            or (previous is not None and previous.lower in lex.COUNT_VERBS)
            or self._count_before_more(index)
        ):
            slot.cue("quantity", CUE_DECISIVE)  # "5 of them", "4 of the SPY ...", "do 4 at 1.25"
        if self._in_quantity_slot(index):
            slot.cue("quantity", CUE_MEDIUM)
            if (
                following is not None
                and following.lower in _PLURAL_TYPES
                and (previous is None or previous.lower != "the" or slot.value < _HANDFUL)
            ):
                # "buy 10 calls": a count of contracts ("buy the 720 calls on SPY" names the
                # series: the article points at a strike; "close the 2 puts" may count the
                # ones held, and stays a question between the two)
                slot.cue("quantity", CUE_DECISIVE)
        if self._before_ticker(index + 1) or (
            self._at(index + 1) is not None and self._in_ticker_slot(index + 1)
        ):
            slot.cue("quantity", CUE_MEDIUM)  # "4 NVDA", "close our short 4 NOW 800p"
        elif self._is_strike_item(index + 1):
            slot.cue("quantity", CUE_MEDIUM)  # "AAPL 10 190 calls": a count before the strike
        elif self._after_ticker(index) and self._much_smaller_than_next(index, slot.value):
            slot.cue("quantity", CUE_WEAK)  # "SPY 5 600 12/18": a count, then the strike
        if previous is not None and previous.label == "NUM" and "." in previous.text:
            slot.cue("quantity", CUE_WEAK)  # "350c 4.20 2": a count after the premium

    def _all_of_them(self, index: int, previous: _Item | None, following: _Item | None) -> bool:
        """True for a whole number set off after the contract by "all" ("..., all 25, @ .12",
        "..., all 25 @ .12"): every contract held, counted."""
        before = self._at(index - 2)
        return (
            previous is not None
            and previous.lower == "all"
            and before is not None
            and before.text in (",", ";", "-", "—")
            and _is_int_text(self.items[index].text)
            and (following is None or following.text in (",", "@", ";") or following.lower == "at")
        )

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

    def _names_wings(self, index: int) -> bool:
        """True when the width word at ``index`` says how wide a structure is: "wide",
        "width", or "point(s)" before "wide" / "wings" (not "up 5 points")."""
        at = index + 1 if (dash := self._at(index)) is not None and dash.text == "-" else index
        item = self._at(at)
        if item is None:
            return False
        if item.lower in ("wide", "width"):
            return True
        after = self._at(at + 1)
        return after is not None and after.lower in lex.WING_WORDS

    def _before_strike_marker(self, index: int) -> bool:
        item = self._word_after_dash(index)
        return item is not None and item.lower in lex.STRIKE_MARKERS

    def _after_ticker(self, index: int) -> bool:
        return self._before_ticker(index - 1)

    def _much_smaller_than_next(self, index: int, value: Decimal) -> bool:
        """A number far below the bare number after it reads as a count, not a strike."""
        following = self._at(index + 1)
        if following is None or following.label != "NUM":
            return False
        next_value = _decimal(following.text)
        return next_value is not None and next_value >= value * _COUNT_MAGNITUDE

    def _after_name(self, index: int) -> bool:
        """True when the word before ``index`` is a capitalized name the lexicon does not know
        ("Berkshire B", "Brown-Forman B"): the letter after it is the name's share class."""
        previous = self._at(index - 1)
        return (
            previous is not None
            and not previous.glued
            and len(previous.text) > 2
            and previous.text.isalpha()
            and previous.text[0].isupper()
            and previous.text[1:].islower()
            and previous.lower not in lex.COMMON_LOWER_WORDS
            and previous.lower not in lex.ACTION_WORDS
            and previous.lower not in lex.CODES
        )

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

    def _before_greek(self, index: int) -> bool:
        """True at a greek's name after a number, maybe after a dash ("30 delta", "16-delta")."""
        item = self._at(index)
        if item is not None and item.text == "-" and self.items[index - 1].glued:
            item = self._at(index + 1)
        return item is not None and item.lower in lex.GREEK_WORDS

    def _cased_ticker(self, index: int) -> bool:
        """True for a ticker typed in mixed case, as one lower-case letter or with a lower-case
        class ("buy 1 aMZN 255c", "sell 1 Tsla 400p", "buy 10 f 13c", "sell 1 brk.b 490p"):
        only after "shares of", or right after the action and its count and right before the
        strike or the price, where no plain word can stand ("buy 2 a 600c" and the chat words
        stay words)."""
        text = self.items[index].text
        if (
            _RE_CASED_TICKER.fullmatch(text) is None
            or _RE_UPPER_TICKER.fullmatch(text) is not None
            or _RE_LOWER_TICKER.fullmatch(text) is not None
            or text.lower() in lex.COMMON_LOWER_WORDS
            or text.lower() in lex.COUNT_MODIFIERS
        ):
            return False
        if self._after_shares_of(index):
            return True  # "buy 10 shares of f at 11.92"
        before_count = self._at(index - 2)
        following = self._at(index + 1)
        return (
            self._is_count(index - 1)
            and (
                self._opening_action_at(index - 2)
                or (  # "Sell my two Spy 875 calls ...": the position's owner before its count
                    before_count is not None
                    and before_count.lower in _COUNT_OWNERS
                    and self._opening_action_at(index - 3)
                )
                or self._after_action_and_count(index)  # "Sell my last 50 Sofi ..."
            )
            # "sell 10 f at 12.25", "... at market": the shares' price right after it
            and (
                self._strikes_follow(index + 1)
                or self._price_at(index + 1)
                or (following is not None and following.label == "MARKET")
            )
        )

    def _opening_action_at(self, index: int) -> bool:
        """True for an action at ``index``, or a word that is one when it opens the line ("By
        one Spy 860 put ...", dictated)."""
        item = self._at(index)
        return self._action_at(index) or (
            item is not None and item.lower in lex.LEADING_ACTION_WORDS and self._opens_line(index)
        )

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

    def _counts_other_things(self, index: int) -> bool:
        """True for a whole number that counts something other than contracts or shares: a
        plural noun the lexicon lacks right after it ("14 kids in my house", "3 dogs"), not
        a lower-case ticker before its strike; or a day or week count opening the message
        or followed by "of" ("day 41 of not touching ...", "week 3 of ...")."""
        previous = self._at(index - 1)
        following = self._at(index + 1)
        if previous is not None and previous.lower in lex.COUNTED_PERIODS:
            return index == 1 or (following is not None and following.lower == "of")
        return (
            following is not None
            and following.label == "WORD"
            and following.text.isalpha()
            and following.text.islower()
            and following.lower not in lex.CONTRACT_WORDS | lex.SHARE_WORDS | lex.TYPE_WORDS.keys()
            and not self._is_type_word(index + 1)
            and len(following.text) > 3
            and following.text.endswith("s")
            and following.lower not in lex.COMMON_LOWER_WORDS
            and not self._is_strike_item(index + 2)
            and not self._is_type_word(index + 2)
        )
