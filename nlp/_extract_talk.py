"""The extractor's trade-talk layer: predicates that tell chatter (reports, verdicts, wishes,
requests, positions held) from an order.
"""

from __future__ import annotations

import re

from nlp import _guard as guard
from nlp import _lexicon as lex
from nlp._extract_clauses import _ANSWER_ENDS, _CLAUSE_ENDS, _REMARK_TALK, _ClauseReader
from nlp._models import Side
from nlp._pipeline import STRATEGY_LABELS
from nlp._tokens import _RE_UPPER_TICKER, _decimal, _Item

# "adding on dips", "buying more on any pullback", "I buy them on red days": a habit for whenever
# the price falls.
# Words for a trade or its parts: after "old", "previous" they head a report ("old order:").
_TRADE_WORDS = lex.THEME_TRADE_WORDS | lex.TRADE_NOUNS
# Leading actions that open a later sentence as they open the message (before a count).
_SENTENCE_LEADS = frozenset({"short", "close", "closing"})
_DIP_FILLERS = frozenset({"more", "some", "a", "bit", "little", "them", "those", "these", "shares"})
_DIP_DETERMINERS = frozenset({"any", "the", "every", "all", "big", "red", "down"})
_DIP_NOUNS = frozenset(
    {"dips", "dip", "pullbacks", "pullback", "weakness", "red", "drops", "selloffs", "sell-offs",
     "days"}
)  # fmt: skip


# A price in thousands ("172k", "98.5K") and bitcoin's least plausible price in dollars.
_RE_THOUSANDS = re.compile(r"\d+(?:\.\d+)?[kK]")
_BITCOIN_FLOOR = 1000


# Before a ticker that makes the action word after it a noun ("the KO trim:", "my NVDA add,").
_TICKER_NOUN_DETERMINERS = frozenset({"the", "my", "that", "this", "our"})


class _TalkReader(_ClauseReader):
    """Trade talk: the words that mark a message as chatter rather than an order."""

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

    def _shows_form(self, index: int) -> bool:
        """True for "like this:" / "like so:" before a colon: the form of an example."""
        what, colon = self._at(index + 1), self._at(index + 2)
        return (
            what is not None
            and what.lower in ("this", "so", "these")
            and colon is not None
            and colon.text == ":"
        )

    def _after_auto(self, index: int) -> bool:
        """True for "generated" written "auto-generated" or "auto generated"."""
        words = [item.lower for item in self.items[max(0, index - 2) : index]]
        return words[-1:] == ["auto"] or words == ["auto", "-"]

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

    def _verb_subject(self, index: int) -> tuple[int, _Item | None]:
        """The subject right before the verb at ``index``, past auxiliaries and adverbs, and
        where it stands."""
        position = index - 1
        while (item := self._at(position)) is not None and item.lower in lex.SUBJECT_LINKS:
            position -= 1
        return position, self._at(position)

    def _market_subject(self, index: int) -> bool:
        """True when the subject right before ``index`` (past an auxiliary or an adverb) is the
        stock or the market ("it ran", "it's gonna", "SPY was", "the market will"), not a
        person: its verb tells what the price did or will do."""
        _, subject = self._verb_subject(index)
        if subject is None:
            return False
        if subject.lower in lex.MARKET_SUBJECTS:
            return True
        return subject.label == "DTICKER" or (
            subject.lower not in lex.NOT_TICKERS
            and _RE_UPPER_TICKER.fullmatch(subject.text) is not None
            and len(subject.text) >= 2
        )

    def _event_subject(self, index: int) -> bool:
        """True when the subject right before the verb at ``index`` is a stock, the market or
        its volatility ("IBM printed", "T reported ...", "IV got crushed", "the NFLX straddle
        paid"): a one-letter ticker counts when it opens its sentence ("T reported ...")."""
        if self._market_subject(index):
            return True
        position, subject = self._verb_subject(index)
        if subject is None:
            return False
        if subject.lower in lex.VOLATILITY_SUBJECTS:
            return True
        if subject.lower in lex.STRATEGY_NOUNS_HELD and position > 0:
            return self._event_subject(position)  # "IBM straddle paid": the ticker's trade
        return (
            len(subject.text) == 1
            and subject.text.isupper()
            and subject.text.isalpha()
            and self._opens_sentence(position)
        )

    def _market_event(self, index: int) -> bool:
        """True for what a stock did around its earnings or in the market, after it as the
        subject ("IBM printed", "T reported this morning", "ARM dipped after earnings",
        "IV got crushed", "the straddle paid me"): news, a reason for the order, not a trade
        the writer reports."""
        item = self.items[index]
        lower = item.lower
        following = self._at(index + 1)
        if lower in ("got", "get", "gets", "getting"):
            # a passive: "IV got crushed", "TSLA got smoked"
            if following is None or not following.lower.endswith("ed"):
                return False
        elif lower == "paid":
            # an outcome ("paid me", "paid off", "paid well"), not a price paid ("paid 2.10")
            if following is not None and following.lower not in lex.PAYOFF_OBJECTS:
                return False
        elif lower in lex.LEVEL_VERBS:
            # a level the stock lost or took back ("IWM lost 300", "SPY lost the 600 level");
            # a position that lost money has no ticker for its subject ("my straddle lost 300")
            level = (
                self._at(index + 2)
                if following is not None and following.lower == "the"
                else following
            )
            return level is not None and level.label == "NUM" and self._market_subject(index)
        elif lower not in lex.MARKET_EVENT_VERBS:
            return False
        return self._event_subject(index) or self._joins_market_event(index)

    def _joins_market_event(self, index: int) -> bool:
        """True when the verb at ``index`` goes on, after a comma or "and", from a market event
        with its subject ("T reported, beat on subs", "NVDA beat and popped")."""
        previous = self._at(index - 1)
        if previous is None or previous.lower not in lex.EVENT_JOINERS:
            return False
        for position in range(index - 2, max(index - 8, 0) - 1, -1):
            item = self.items[position]
            if item.lower in lex.MARKET_EVENT_VERBS and self._event_subject(position):
                return True
        return False

    def _simile(self, index: int) -> bool:
        """True for a noun after "like a" ("chasing like a noob"): the writer likened to
        one, not one addressed or shown an example."""
        article, like = self._at(index - 1), self._at(index - 2)
        return (
            article is not None
            and like is not None
            and article.lower in ("a", "an", "the", "some")
            and like.lower == "like"
        )

    def _describes_no_trade(self, index: int) -> bool:
        """True for a report's adjective ("old", "previous") before a word that is no trade
        ("old futures guy"); "old order:", "previous trade", "Pending:" head a report."""
        if self.items[index].lower not in lex.REPORT_ADJECTIVES:
            return False
        following = self._at(index + 1)
        return (
            following is not None
            and following.label == "WORD"
            and following.lower not in _TRADE_WORDS
        )

    def _names_bitcoin(self, index: int) -> bool:
        """True for "BTC" naming bitcoin, not buying to close: before its price in thousands
        ("BTC 172k", "BTC $172,000") or before a word of the market's moves ("btc ripped",
        "BTC back over 170k", "btc trades tomorrow"); a count or a ticker follows the code."""
        following = self._at(index + 1)
        if following is None:
            return False
        if _RE_THOUSANDS.fullmatch(following.text):
            return True
        after = self._at(index + 2)
        if (
            following.label == "NUM"
            and following.glued
            and after is not None
            and after.lower == "k"
        ):
            return True  # "BTC 300K": the tokens split the thousands' mark off
        if following.text == "$" and after is not None and after.label == "NUM":
            amount = _decimal(after.text)
            return amount is not None and amount >= _BITCOIN_FLOOR
        return following.lower in lex.BITCOIN_MOVES

    def _announced_later(self, index: int) -> bool:
        """True for a recap's word after the order, a time to come right after it ("STC 2 NVDA
        ... — target hit. Lesson recap tonight."): the recap is announced, not given."""
        following = self._at(index + 1)
        return (
            0 <= self.facts.first_action < index
            and following is not None
            and following.lower in lex.TIMES_TO_COME
        )

    def _bounds_price(self, index: int) -> bool:
        """True for "max" or "min" right before the order's price after its contract ("...,
        max 9.80", "... min 1.20"): the limit paid or taken. Not before a count ("max 2
        contracts"), a loss or a gain ("max loss 200"), nor ahead of the contract."""
        following, after = self._at(index + 1), self._at(index + 2)
        if following is None or following.label != "NUM" or "." not in following.text:
            return False
        if after is not None and (
            after.lower in lex.CONTRACT_WORDS or after.lower in lex.SHARE_WORDS or after.text == "%"
        ):
            return False
        return 0 <= self.facts.first_action < index and any(
            item.label in ("TYPED", "SLASH", "NUM")
            for item in self.items[self.facts.first_action : index]
        )

    def _prices_own_order(self, index: int) -> bool:
        """True for "on the bid" or "on the ask" after the contract of an order the writer's
        action opens ("Sell 10 GE May 250 calls on the bid"): where it is to be filled, at the
        market. A flow print names no action of the writer's ("10k GE 250c on the bid")."""
        first = self.facts.first_action
        if self.items[index].phrase not in lex.MARKET_SIDES or not 0 <= first < index:
            return False
        opener = self.items[first]
        return (
            all(item.lower in guard.INTERJECTIONS for item in self.items[:first])
            and (opener.label == "ACTION" or opener.lower in lex.ACTION_WORDS)
            and any(
                item.label in ("TYPED", "SLASH") or self._is_type_word(at)
                for at, item in enumerate(self.items[first:index], start=first)
            )
        )

    def _not_held(self, index: int) -> bool:
        """True for "not held" after the order's action, ending its clause ("... MKT, NOT
        HELD"): a desk's instruction to its broker."""
        following, after = self._at(index + 1), self._at(index + 2)
        return (
            0 <= self.facts.first_action < index
            and following is not None
            and following.lower == "held"
            and (after is None or after.label == "SYM" or after.line_end or following.line_end)
        )

    def _names_room(self, index: int) -> bool:
        """True for a word naming the room with a noun of a group right after it ("gm flow
        fam", "morning theta gang"): an address, nothing reported."""
        following = self._at(index + 1)
        return following is not None and following.lower in lex.GROUP_NOUNS

    def _greeted_by_name(self, index: int) -> bool:
        """True for a name in capitals greeted at the start of the message ("Morning Ledger!
        please buy ...", "hey Journal, sell ..."): the bot or a person addressed by name."""
        previous, following = self._at(index - 1), self._at(index + 1)
        return (
            index <= 2
            and self.items[index].text[:1].isupper()
            and previous is not None
            and previous.lower in lex.GREETING_WORDS
            and following is not None
            and following.text in ("!", ",", ":")
        )

    def _structure_remarked(self, index: int) -> bool:
        """True for a structure named as the subject of a remark after the order's clause
        ("buy to cover 400 SPY at market, straddle's gone"): a position talked about, not what
        the order trades."""
        return 0 <= self.facts.first_action < index and (
            self._clause_subject_remarked(index) or self._held_structure_after_price(index)
        )

    def _held_structure_after_price(self, index: int) -> bool:
        """True for a structure named with "the" or "my" after the order's "@" price ("buy 2
        MU 245c Mar 25 @ 1.15, cheap upside on top of the straddle"): one already held."""
        previous = self._at(index - 1)
        return (
            previous is not None
            and previous.lower in ("the", "my", "our")
            and any(item.text == "@" for item in self.items[self.facts.first_action : index])
        )

    def _bracketed(self, index: int) -> bool:
        """True for a word alone in brackets ("Costco (COST)")."""
        previous, following = self._at(index - 1), self._at(index + 1)
        return (
            previous is not None
            and previous.text == "("
            and following is not None
            and following.text == ")"
        )

    def _names_tax_loss(self, index: int) -> bool:
        """True for "loss" after "tax" ("last tax-loss of the year: sell ...", "tax loss
        harvesting"): the kind of sale, no loss reported."""
        if self.items[index].lower not in ("loss", "losses"):
            return False
        before = self._at(index - 1)
        if before is not None and before.text == "-":
            before = self._at(index - 2)
        return before is not None and before.lower == "tax"

    def _after_passive_link(self, index: int) -> bool:
        """True for a past form after a passive's link ("100 shares of CCL were added to your
        account"): what was done, reported."""
        previous = self._at(index - 1)
        return previous is not None and previous.lower in lex.PASSIVE_LINKS

    def _back_in_place(self, index: int) -> bool:
        """True for "back in" before a place, not a time ("TSLA back in the middle", "back in
        the range"; a time is "back in March", "back in 2029", "back in '29", "back in the
        day")."""
        if self.items[index].phrase != "back in":
            return False
        following, after = self._at(index + 1), self._at(index + 2)
        if following is None:
            return False
        if following.label in ("NUM", "SYM") or following.lower.rstrip(".") in lex.MONTHS:
            return False
        if following.lower == "the" and after is not None:
            return not (after.label == "NUM" or after.lower in lex.PAST_PERIOD_NOUNS)
        return True

    def _dates_market_event(self, index: int) -> bool:
        """True for a past time right after a market event ("T reported this morning",
        "IBM printed last night") or before one's name ("after this morning's report",
        "yesterday's CPI"): when the company reported, not a trade made."""
        previous = self._at(index - 1)
        possessive, event = self._at(index + 1), self._at(index + 2)
        if (
            possessive is not None
            and possessive.lower in ("'s", "\u2019s")
            and event is not None
            and event.lower in lex.MARKET_EVENT_NOUNS
        ):
            return True
        return (
            previous is not None
            and previous.lower in lex.MARKET_EVENT_VERBS
            and self._market_event(index - 1)
        )

    def _pays_for(self, index: int) -> bool:
        """True for "pay"/"paying" before a price and "for" a count ("paying up to 2.20 for 2
        ARM 160c ..."): the price offered for what is bought."""
        position = index + 1
        while (item := self._at(position)) is not None and item.lower in lex.PAYING_FILLERS:
            position += 1
        price, marker = self._at(position), self._at(position + 1)
        return (
            price is not None
            and price.label == "NUM"
            and marker is not None
            and marker.lower == "for"
            and self._is_count(position + 2)
        )

    def _event_print(self, index: int) -> bool:
        """True for "print" as an earnings or data release (lexicon EVENT_PRINTS): after
        "post"/"pre" ("post-print"), or after a time word and a determiner, with at most two
        modifiers between ("into the print", "after the big tech prints", "ahead of the CPI
        print")."""
        position = index - 1
        previous = self._at(position)
        if previous is not None and previous.text in ("-", "–"):
            position -= 1
            previous = self._at(position)
        if previous is not None and previous.lower in lex.EVENT_PRINT_PREFIXES:
            return True
        following = self._at(index + 1)
        if (
            previous is not None
            and _RE_UPPER_TICKER.fullmatch(previous.text.lstrip("$"))
            and following is not None
            and following.lower in lex.EVENT_PRINT_WHEN
        ):
            return True  # "MSFT prints tuesday", "NFLX print after the close": its earnings
        owner = self._at(position - 1)
        if (
            previous is not None
            and previous.lower in ("'s", "’s")
            and owner is not None
            and owner.lower in lex.EVENT_PRINT_TIMES
        ):
            # "for tomorrow's print", "for Monday's print": a day's possessive as the determiner
            lead = self._at(position - 2)
            return lead is not None and lead.lower in lex.EVENT_PRINT_LEADS
        for _ in range(3):
            if previous is None or previous.lower in lex.EVENT_PRINT_DETERMINERS:
                break
            if not previous.text.isalpha():
                return False
            position -= 1
            previous = self._at(position)
        if previous is None or previous.lower not in lex.EVENT_PRINT_DETERMINERS:
            return False
        lead = self._at(position - 1)
        if lead is not None and lead.lower == "of":
            lead = self._at(position - 2)
        return lead is not None and lead.lower in lex.EVENT_PRINT_LEADS

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

    def _points_at_order(self, index: int) -> bool:
        """True for a past verb of the writer in a clause after the order's details that points
        at the order ("buy 3 BAC ... @ 0.62 - this is the one I was talking about", "..., that's
        the one we mentioned"): the order named as one talked about before, no trade reported."""
        verb, following = self._at(index), self._at(index + 1)
        if verb is None or not (
            verb.lower in lex.POINTING_PAST_VERBS
            or (
                verb.lower in lex.POINTING_PAST_AUXILIARIES
                and following is not None
                and following.lower in lex.POINTING_GERUNDS
            )
        ):
            return False
        head = self._relative_head(index)
        if head is None:
            return False
        one, the = self._at(head), self._at(head - 1)
        link, pointer = self._at(head - 2), self._at(head - 3)
        if one is None or the is None or link is None or pointer is None:
            return False
        if one.lower != "one" or the.lower != "the" or link.lower not in ("is", "'s"):
            return False
        facts = self.facts
        return (
            pointer.lower in ("this", "that", "it")
            and 0 <= facts.first_action < head - 3
            and bool(facts.strikes or facts.slots)
        )

    def _relative_head(self, index: int) -> int | None:
        """Where the noun stands that a relative clause of the writer's ends on at ``index``
        ("the 100 shares I bought", "the SPY 500c that we sold"): the item before "I" or
        "we" (and "that"); None when no such subject stands right before ``index``."""
        position = index - 1
        subject = self._at(position)
        if subject is not None and subject.lower in lex.PASSIVE_AUXILIARIES:
            position -= 1  # "the 100 ABBV I got assigned", "the shares we were assigned"
            subject = self._at(position)
        if subject is None or subject.lower not in ("i", "we"):
            return None
        if (word := self._at(position - 1)) is not None and word.lower == "that":
            position -= 1
        return position - 1

    def _states_basis(self, index: int) -> bool:
        """True for a past verb of buying in a remark after the order that states what the
        position cost ("sell 300 IBIT shares @ 100.40, bought at 118 in nov", "..., tax loss,
        bought it at 410 in august"): its price right after it (after "it", "them" or "in"),
        and no contract, ticker or action after that."""
        if not self._remark_after_order(index):
            return False
        at = index + 1
        while (item := self._at(at)) is not None and item.lower in lex.BASIS_OBJECTS:
            at += 1
        if self.items[index].lower == "got" and at == index + 1:
            return False  # "got 2 more": a trade reported; "got in at 2.05": what it cost
        marker, price = self._at(at), self._at(at + 1)
        if marker is None or marker.lower not in ("at", "@", "for") or price is None:
            return False
        if price.label != "NUM":
            return False
        return not any(
            item.label in ("TYPED", "SLASH", "OCC", "ACTION")
            or item.lower in lex.CODES
            or _RE_UPPER_TICKER.fullmatch(item.text) is not None
            for item in self.items[at + 2 :]
        )

    def _describes_held_shares(self, index: int) -> bool:
        """True for a past verb of the writer's right after the shares it tells of, after the
        order ("sell to open 1 KO 72.5 call ... It is covered by the 100 shares I bought
        last week."): which shares cover it, not a trade reported."""
        if not 0 <= self.facts.first_action < index:
            return False
        head = self._relative_head(index)
        shares = None if head is None else self._at(head)
        if shares is None or head is None:
            return False
        if shares.lower in lex.SHARE_WORDS:
            return True
        # "... the 100 ABBV i got assigned last week": a count of shares and their ticker
        return _RE_UPPER_TICKER.fullmatch(shares.text) is not None and self._is_count(head - 1)

    def _describes_order(self, index: int) -> bool:
        """True for a past verb of the writer's in a remark after the order, ending a relative
        clause on a word for the trade ("buy 1 AAPL 270/280 call debit spread ... — first spread
        I picked myself 😅"): the order described, not a trade reported."""
        head = self._relative_head(index)
        if head is None or self.items[index].lower not in lex.CHOOSING_VERBS:
            return False  # ("... — this is the one I bought": a trade made, reported)
        noun = self._at(head)
        return (
            noun is not None
            and noun.lower in lex.DESCRIBED_TRADE_NOUNS
            and self._remark_after_order(head)
        )

    def _relative_to_contract(self, index: int) -> bool:
        """True for a past verb of the writer's right after the contract an action points at
        with "the" ("buy to close the 2 WMT 100c 12/22 I sold", "sell the SPY 500c 12/15 that
        we bought, ..."): a relative clause that tells which contract, not a trade reported. The
        verb must end its clause (a comma, the price or the end follows)."""
        position = self._relative_head(index)
        if position is None:
            return False
        contract = self._at(position)
        if contract is None or not (
            contract.label in ("TYPED", "SLASH") or contract.lower in lex.RELATIVE_CONTRACT_NOUNS
        ):
            return False
        following = self._at(index + 1)
        if following is not None and following.label not in ("SYM", "NUM"):
            return False
        while position > 0:
            position -= 1
            item = self.items[position]
            if item.label == "SYM" and item.text not in ("/", "$"):
                return False
            if item.lower in ("the", "those") and position > 0:
                action = self.items[position - 1]
                return (
                    action.label == "ACTION"
                    or action.lower in lex.ACTION_WORDS
                    or action.lower in lex.CODES
                )
        return False

    def _laughs_at_explanation(self, index: int) -> bool:
        """True for a laugh that ends a remark explaining the price just written, set apart,
        opening with "that's" and naming a number or a price's term ("@ 3.80 each (that's the
        premium, not the strike lol)", "@ 2.20 — that's ~R$ 11 each lol"): the writer laughs
        at the explanation, the order before it stands ("(that's how you go broke lol)" names
        no term: a joke about the order)."""
        if self.facts.first_action < 0 or self.facts.first_action >= index:
            return False
        for position in range(index - 1, max(index - 12, 2), -1):
            item = self.items[position]
            if item.lower in lex.ACTION_WORDS or item.label == "ACTION":
                return False
            if item.lower != "that" or self._at(position + 1) is None:
                continue
            if self.items[position + 1].lower not in ("'s", "is", "\u2019s"):
                return False
            mark, priced = self.items[position - 1], self.items[position - 2]
            remark = self.items[position + 2 : index]
            return (
                mark.text in ("(", "-", "\u2014", "\u2013", ",")
                and (priced.label == "NUM" or priced.lower in lex.PER_CONTRACT_WORDS)
                and any(item.label == "NUM" or item.lower in lex.PRICE_TERMS for item in remark)
            )
        return False

    def _negates_dealing(self, index: int) -> bool:
        """True for "not" before a verb's -ing form and the object it deals with ("not
        touching the ...", "not doing my ...", "not playing that ..."): the writer declines it."""
        following, after = self._at(index + 1), self._at(index + 2)
        return (
            following is not None
            and after is not None
            and len(following.lower) > 4
            and following.lower.endswith("ing")
            and following.lower.isalpha()
            and following.lower not in lex.NOT_DEALING_INGS
            and after.lower in lex.OBJECT_DETERMINERS
        )

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

    def _opens_poem(self, index: int) -> bool:
        """True for "roses are red" or "violets are blue": the nursery rhyme's formula, which
        turns whatever follows into a verse."""
        copula, colour = self._at(index + 1), self._at(index + 2)
        return (
            copula is not None
            and copula.lower == "are"
            and colour is not None
            and colour.lower == ("red" if self.items[index].lower == "roses" else "blue")
        )

    def _screenshot_to_come(self, index: int) -> bool:
        """True for a screenshot promised for after the order ("..., screenshot to follow",
        "screenshot coming once it fills 📸 BTC ...", "..., screenshot for the group after"): a
        word of what is to come in its clause, ending the clause or before a subordinator of
        time. It frames nothing now ("screenshot after the fill: ..." still shows a fill)."""
        for position in range(index + 1, min(index + 6, len(self.items))):
            item = self.items[position]
            if item.text in _ANSWER_ENDS or self._action_at(position):
                return False
            if item.lower in lex.TO_COME_WORDS:
                following = self._at(position + 1)
                if following is not None and following.lower in lex.TO_COME_WORDS:
                    continue  # "screenshot later tonight."
                return (
                    item.line_end
                    or following is None
                    or following.text in _ANSWER_ENDS
                    or following.lower in lex.TO_COME_CONDITIONS
                    or not any(char.isalnum() for char in following.text)
                )
            if item.line_end:
                return False
        return False

    def _skip_screenshot_condition(self, index: int) -> None:
        """After a screenshot promised for later, its own condition ("screenshot coming once it
        fills 📸 BTC ...") conditions the screenshot, not the order: its words are passed over,
        up to the clause's end (a break, an emoji or an action)."""
        for position in range(index + 1, min(index + 6, len(self.items))):
            if self.items[position].lower in lex.TO_COME_WORDS:
                break
        else:
            return
        condition = self._at(position + 1)
        if condition is None or condition.lower not in lex.TO_COME_CONDITIONS:
            return
        for inner in range(position + 1, min(position + 8, len(self.items))):
            item = self.items[inner]
            if (
                item.text in _ANSWER_ENDS
                or not any(char.isalnum() for char in item.text)
                or self._action_at(inner)
            ):
                return
            self.consumed.add(inner)
            if item.line_end:
                return

    def _indifference(self, index: int) -> bool:
        """True for a word of "don't care" ("do" and "n't" before "care", "dont care", "do not
        really care"): the writer's indifference to a detail, no negated action and no
        question."""
        at = index + 1
        if self.items[index].lower in {"do", "does"}:
            following = self._at(at)
            if following is None or following.lower not in lex.CARE_NEGATIONS:
                return False
            at += 1
        elif self.items[index].lower not in lex.CARE_NEGATIONS:
            return False
        while (word := self._at(at)) is not None and word.lower in lex.CARE_FILLERS:
            at += 1
        word = self._at(at)
        return word is not None and word.lower in lex.CARE_WORDS

    def _cared_about(self, index: int) -> bool:
        """True for a word in the object of indifference ("don't care about the fill", "idc
        about the fill"): a detail the writer does not mind, nothing reported."""
        for position in range(index - 1, max(index - 5, -1), -1):
            item = self.items[position]
            if item.text in _ANSWER_ENDS or item.line_end:
                return False
            if item.lower in lex.INDIFFERENCE_WORDS:
                return True
            if item.lower in lex.CARE_WORDS:
                at = position - 1
                while (negation := self._at(at)) is not None and negation.lower in lex.CARE_FILLERS:
                    at -= 1  # "don't really care about ..."
                return negation is not None and negation.lower in lex.CARE_NEGATIONS
        return False

    def _holding_filled(self, index: int) -> bool:
        """True for a fill of the shares held, in a sentence after the order ("Please sell 1
        KO 80 call ... at .62. My shares filled yesterday"): how the position came to be, not
        the order's own fill reported."""
        return self._in_holding_sentence(index)

    def _in_holding_sentence(self, index: int) -> bool:
        """True for a word in a sentence after the order's that opens on the shares held ("...
        at .62. My shares filled yesterday, and this is my first covered call.")."""
        first = self.facts.first_action
        if first < 0 or not any(self._ends_sentence(at) for at in range(first, index)):
            return False
        start = self._sentence_start(index)
        owner, shares = self._at(start), self._at(start + 1)
        return (
            start > first
            and owner is not None
            and owner.lower in lex.HOLDER_POSSESSIVES | {"the"}
            and shares is not None
            and shares.lower in lex.SHARE_WORDS
        )

    def _fill_predicted(self, index: int) -> bool:
        """True for a fill after a modal of the future ("it'll fill", "this should fill"): a
        prediction, no fill reported."""
        previous = self._at(index - 1)
        return previous is not None and previous.lower in lex.PREDICTING_MODALS

    def _enters_contest(self, index: int) -> bool:
        """True for a contest named with an entry to it in its clause ("my entry for the
        February contest:", "contest entry #2 ...", "for the stock-picking contest I'm
        submitting:") or right after "for" and its determiner: the trade is a game's pick. A
        contest won or over enters nothing ("won the chart contest, spending the prize: ...")."""
        for step in (-1, 1):
            position = index + step
            while 0 <= position < len(self.items) and abs(position - index) <= 5:
                item = self.items[position]
                if item.text in _ANSWER_ENDS or self._action_at(position):
                    break
                if step < 0 and item.line_end:
                    break
                if item.lower in lex.CONTEST_ENTRY_WORDS or (step < 0 and item.lower == "for"):
                    return True
                if step > 0 and item.line_end:
                    break
                position += step
        return False

    def _closes_song(self, index: int) -> bool:
        """True for a music note closing a line of song that holds an action ("🎶 sell 1 NVDA
        150p ... at 1.20, theta pays rent 🎶"): the order is sung, not placed."""
        for position in range(index - 1, -1, -1):
            item = self.items[position]
            if any(mark in item.text for mark in lex.SONG_MARKS):
                return any(self._action_at(inner) for inner in range(position + 1, index))
        return False

    def _holds_the(self, index: int) -> bool:
        """True for "long" or "short" opening the message before "the" and a contract, with
        no price in its sentence ("long the AMZN 210c 7/21 and short the 230c 7/21", "short
        the TSLA 300p, fine so far"): the position the writer holds, described. An order
        names its count ("long 2 SPY 600c") or its price ("long the SPY 600c @ 3.10")."""
        following = self._at(index + 1)
        if following is None or following.lower != "the":
            return False
        for position in range(index + 2, len(self.items)):
            item = self.items[position]
            if item.text in _CLAUSE_ENDS or item.text == ":" or item.line_end:
                break
            if item.text == "@" or (item.lower in lex.PRICE_MARKERS and item.lower != "for"):
                return False
            following = self._at(position + 1)
            if item.label == "NUM" and not (
                following is not None
                and (
                    following.lower in lex.TYPE_WORDS
                    or following.lower in lex.STRIKE_MARKERS
                    or following.label in STRATEGY_LABELS  # "the IWM 225 put calendar"
                )
            ):
                return False  # "short the QQQ 500p 12/18 1.05 credit": a price, not a strike
            if following is not None and following.text == "$":
                following = self._at(position + 2)
            if item.lower == "for" and following is not None and following.label == "NUM":
                return False  # "short the SPY 600c 12/18 for 3.10"
        return True

    def _on_dips(self, index: int) -> bool:
        """True for an action followed by "on dips" ("adding on dips", "buying more on
        pullbacks", "I'll add on any dip"): a standing habit for whenever the price falls, not
        an order now. The verb must be followed by the phrase itself, so "buy 2 SPY 600c on the
        dip @ 3" (the contract named first) stays an order."""
        position = index + 1
        while (item := self._at(position)) is not None and item.lower in _DIP_FILLERS:
            position += 1
        on = self._at(position)
        if on is None or on.lower != "on":
            return False
        position += 1
        while (item := self._at(position)) is not None and item.lower in _DIP_DETERMINERS:
            position += 1
        noun = self._at(position)
        return noun is not None and noun.lower in _DIP_NOUNS

    def _modifies_noun(self, index: int) -> bool:
        """True for an action word that only modifies the noun after it ("the buying power",
        "selling pressure", "a sell-off"): a compound noun, not the action."""
        following = self._at(index + 1)
        if following is None or self.items[index].line_end:
            return False  # "Action: closing⏎Strategy: ...": the noun is the next line's key
        if following.text == "-" and self.items[index].glued and following.glued:
            head = self._at(index + 2)
            heads = lex.HYPHENED_ACTION_HEADS | lex.ACTION_COMPOUND_HEADS
            return head is not None and head.lower in heads
        return following.lower in lex.ACTION_COMPOUND_HEADS

    def _after_noun_modifier(self, index: int) -> bool:
        """True for a noun-like action after a word that makes it a noun ("rate cut", "a
        trim", "secondary offering") or alone in brackets ("BNGO -18% 0.41 (offering)")."""
        if self._bracketed(index):
            return True
        previous, following = self._at(index - 1), self._at(index + 1)
        if self.items[index].lower in lex.BUY_NOUNS:
            # "post-fed dip buy 🛒⏎BTO ...": a heading naming the trade below it
            return (
                previous is not None
                and previous.lower in lex.BUY_NOUN_MODIFIERS
                and (self.items[index].line_end or following is None or following.label == "SYM")
            )
        if (
            previous is not None
            and previous.text.isalpha()
            and previous.text.isupper()
            and (before := self._at(index - 2)) is not None
            and before.lower in _TICKER_NOUN_DETERMINERS
            and (following is None or following.text in (":", ",") or self.items[index].line_end)
        ):
            return True  # "buy back the KO trim: buy 25 KO ...": the trade made, a noun
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

    def _opens_counted_sentence(self, index: int) -> bool:
        """True for "short" or "closing" opening a later sentence before a count ("squeeze is
        over. short 30 GME at 40.50", "no roll:⏎closing 2 SPXW 9350/9375 CCS ..."): the
        instruction starts there, as at the message's start."""
        return (
            self.items[index].lower in _SENTENCE_LEADS
            and index > 0
            and self._ends_sentence(index - 1)
            and self._is_count(index + 1)
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
        words = [item.lower for item in self.items[position : position + 3]]
        if words == ["be", "able", "to"]:
            polite = True  # "would you be able to sell 2 KO 72 calls ...?": a request
            position += 3
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

    def _asks_price(self, index: int) -> bool:
        """True for "want 1.60", "need $2" after the order's action: the price asked."""
        position = index + 1
        while (item := self._at(position)) is not None and (
            item.text == "$" or item.lower in lex.PRICE_BOUND_WORDS
        ):
            position += 1  # "I'd like at least 9.50", "want $2"
        following = self._at(position)
        return self.facts.first_action >= 0 and following is not None and following.label == "NUM"

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

    def _reports_leaving(self, index: int, is_first: bool) -> bool:
        """ "Out of AMD 160c at 4.20", "I'm out of ...", "all out": a position already left."""
        previous = self._at(index - 1)
        leads = is_first or (previous is not None and previous.lower in lex.OUT_SUBJECTS)
        following = self._at(index + 1)
        names_what = following is not None and (
            following.lower == "of" or self._before_ticker(index + 1) or self._is_count(index + 1)
        )
        return (
            leads
            and names_what
            and self.facts.first_action < 0
            and not self._clause_before_counted_action(index)
        )

    def _clause_before_counted_action(self, index: int) -> bool:
        """True when the short clause from ``index`` ends at a comma, a colon or a dash before
        an action and its count ("out of the QQQ, selling 2 QQQ 570c ..."): it heads the
        order that does what it says."""
        for position in range(index + 1, min(index + 7, len(self.items))):
            item = self.items[position]
            if item.line_end:
                return False
            if item.text in (",", ":", "\u2014", "-"):
                return self._action_at(position + 1) and self._is_count(position + 2)
        return False

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

    def _announces_order(self, index: int) -> bool:
        """True for a wish in a clause that points at the order after it ("here's what I want
        to do today, sell 1 ...", "this is what I'd like:"): "what" after "here's" or "this
        is" right before the wish, before any action."""
        if self.facts.first_action >= 0 or index < 2:
            return False
        what, linked = self.items[index - 1], self.items[index - 2]
        return what.lower == "what" and linked.lower in lex.ANNOUNCING_LINKS

    def _wishes_result(self, index: int) -> bool:
        """True for a wish after the order's action whose object is the order's outcome, with
        its participle ("..., I want the loss booked this year", "..., need it done before the
        close", "..., want the gains locked in"): why the order is sent, not a wish in place of
        it. The participle is marked so that it reports no past trade."""
        if not 0 <= self.facts.first_action < index:
            return False
        at = index + 1
        word = self._at(at)
        if word is not None and word.lower == "in" and self._remark_after_order(index):
            return True  # "..., I want in before the run-up": being in the trade
        if word is not None and word.lower in lex.RESULT_PRONOUNS:
            at += 1  # "need it done"
        else:
            while (word := self._at(at)) is not None and word.lower in lex.CAPITAL_DETERMINERS:
                at += 1
            if at == index + 1:
                return False
            nouns = 0
            while (
                (word := self._at(at)) is not None
                and nouns < lex.RESULT_NOUNS_MAX
                and word.text.isalpha()
                and not self._is_result_participle(at)
                and word.lower not in lex.ACTION_WORDS
            ):
                at += 1
                nouns += 1
            if nouns == 0:
                return False
        if not self._is_result_participle(at):
            return False
        self.wished_results.add(at)
        return True

    def _is_result_participle(self, index: int) -> bool:
        word = self._at(index)
        return word is not None and (
            word.lower in lex.RESULT_PARTICIPLES
            or (word.lower in lex.PAST_WORDS and word.lower not in lex.PAST_NOT_REPORTS)
        )

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

    def _well_wish(self, index: int) -> bool:
        """True for "wish" before a person and a good wish or the clause's end ("wish me
        luck", "wishing you all green", "wish us well"): a wish for someone, not a wish that
        things were otherwise ("I wish I had bought ...")."""
        person, wished = self._at(index + 1), self._at(index + 2)
        if person is None or person.lower not in guard.WISHED_PERSONS:
            return False
        return wished is None or wished.label == "SYM" or wished.lower in lex.WISHED_GOODS

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
        same sentence ("BTO 1 MSFT 460c @ 5.90 vs a 460/470 call debit spread @ 3.80"), or
        between two strategies named ("straddle vs strangle on TSLA: ..."): weighed, not
        traded."""
        before, after = self._at(index - 1), self._at(index + 1)
        if (
            before is not None
            and after is not None
            and before.label in STRATEGY_LABELS
            and after.label in STRATEGY_LABELS
        ):
            return True
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
        """True for "once" in an idiom ("for once", "at once", "this once", "once again") or
        a frequency ("once a year", "once-a-month hedge")."""
        previous, following = self._at(index - 1), self._at(index + 1)
        if (previous is not None and previous.lower in lex.ONCE_IDIOM_BEFORE) or (
            following is not None and following.lower in lex.ONCE_IDIOM_AFTER
        ):
            return True
        words = [item.lower for item in self.items[index + 1 : index + 5] if item.text != "-"]
        return words[:1] == ["a"] and len(words) > 1 and words[1] in lex.FREQUENCY_PERIODS

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

    def _market_judged_after_order(self, index: int) -> bool:
        """True for the market's flow word as the subject of a copula in a clause after the
        order's details ("close my 10 IWM 230c ... at mkt, this tape is trash"): the writer's
        judgement of the market, not a flow report."""
        following = self._at(index + 1)
        if following is None or following.lower not in lex.JUDGING_COPULAS:
            return False
        return self._subject_after_order(index)

    def _news_after_order(self, index: int) -> bool:
        """True for a past copula whose subject is the market's news ("earnings", "the CPI")
        opening a clause after the order's details ("sell ... @ 7.80, earnings were great"):
        the writer's remark on the news, not a trade reported."""
        subject = self._at(index - 1)
        if subject is None or subject.lower not in lex.NEWS_SUBJECTS:
            return False
        return self._subject_after_order(index - 1)

    def _subject_after_order(self, index: int) -> bool:
        """True for a subject at ``index``, after its determiner if it has one ("this tape",
        "the CPI"), opening a clause right after the order's details."""
        before = self._at(index - 1)
        if before is not None and before.lower in lex.SUBJECT_DETERMINERS:
            index -= 1
        return self._after_order_details(index)

    def _negates_aside(self, index: int) -> bool:
        """True for a negation opening a clause right after the order's details, before a verb
        the readers are asked not to do ("buy ... @ 3.05 ||don't tell my wife||", "..., (dont
        judge me)"): an aside to them, not the order taken back."""
        following = self._at(index + 1)
        if following is None or following.lower not in lex.ASIDE_NEGATED_VERBS:
            return False
        previous = self._at(index - 1)
        position = index - 2 if previous is not None and previous.lower == "do" else index - 1
        while (item := self._at(position)) is not None and item.text in ("(", "[", ","):
            position -= 1
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
        ???\nStep 3: lambo"), or a later step with more after it: a list of steps, a recipe or
        a meme."""
        number, colon = self._at(index + 1), self._at(index + 2)
        if number is None or colon is None or number.label != "NUM" or colon.text != ":":
            return False
        if number.text != "1" and not any(
            item.lower in lex.STEP_WORDS for item in self.items[index + 3 :]
        ):
            return False  # "step 2: BTO 1 COST ...": the step of a plan taken now, no list
        return index == 0 and self._action_follows(index + 1)

    def _tells_outcome(self, index: int) -> bool:
        """True when "and" after a quoted trade goes on to what happened: "and it ripped",
        "and got roasted", "and it's up 80%"."""
        following, after = self._at(index + 1), self._at(index + 2)
        if following is None:
            return False
        if following.lower in lex.PAST_WORDS or following.lower == "got":
            return True
        if following.lower not in lex.QUOTED_TRADE_SUBJECTS or after is None:
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

    def _unmarked_tail_question(self, index: int) -> bool:
        """True for a last sentence that asks without its "?" ("... on the QQQ 635c 2/4. is
        that 1:2.4 or am I bad at math"): an auxiliary opening a sentence after a full stop,
        its subject a pronoun, and no action or "?" after it to the end of the message. With
        the mark it would be a question; without it, it still is."""
        previous = self._at(index - 1)
        following = self._at(index + 1)
        if (
            index == 0
            or previous is None
            or not (previous.text in (".", "!") or previous.line_end)
            or following is None
            or following.lower not in lex.QUESTION_SUBJECTS
        ):
            return False
        return not any(
            item.lower in lex.ACTION_WORDS or item.lower in lex.CODES or "?" in item.text
            for item in self.items[index + 1 :]
        )
