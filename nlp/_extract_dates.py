"""The extractor's date layer: month names, slashed and dashed dates, ordinals, years and
relative expirations.
"""

from __future__ import annotations

from datetime import date

from nlp import _calendar as cal
from nlp import _lexicon as lex
from nlp._extract_clauses import _CLAUSE_JOINS
from nlp._extract_slots import _SlotReader
from nlp._models import LegType
from nlp._pipeline import STRATEGY_LABELS
from nlp._roles import CUE_MEDIUM
from nlp._tokens import (
    _RE_DAY_NUMBER,
    _RE_IGNORE_WORD,
    _RE_ORDINAL,
    _RE_SUFFIXED_PART,
    _RE_UPPER_TICKER,
    _TYPE_BY_LETTER,
    _decimal,
    _is_int_text,
    _is_year,
    _Item,
)

# After "1-2", these make it a range of counts, widths or days, not a month and a day.
_RANGE_UNITS = (
    lex.SHARE_WORDS | lex.CONTRACT_WORDS | lex.WIDTH_WORDS | lex.SIZE_WORDS
    | frozenset({"x", "dte", "days", "day", "weeks", "months", "k"})
)  # fmt: skip
_LEAD_IN_BREAKS = frozenset({".", ";", "!", ",", ":", "—", "–", "-", "?"})
_MAX_DAY = 31
_YEARS_AHEAD = 3  # "Jan 15 27" reads 27 as a year only within this many years of today


class _DateReader(_SlotReader):
    """Dates: expirations read from months, slashes, ordinals and relative words."""

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
            or previous.label in STRATEGY_LABELS  # "950/945 pcs 4-22"
            or self._is_type_word(before)
            or (self._ticker_read_at(before) and self._strikes_follow(index + 3))
        )
        if not beside_contract:
            return None
        return cal.month_day(int(item.text), int(day.text), self.today)

    def _on_slash(self, index: int, item: _Item) -> None:
        if self._is_fraction(index):
            return
        if self._after_exit_word(index):
            return  # "... @ 1.10, targets: 1.60/2.00": targets, not a spread's strikes
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

    def _after_exit_word(self, index: int) -> bool:
        """True right after a target or stop word ("PT 1.60/2.00", "targets: 3/4", "TP1")."""
        previous = self._at(index - 1)
        if previous is not None and previous.text == ":":
            previous = self._at(index - 2)
        if previous is None:
            return False
        return (
            previous.lower in lex.EXIT_PLAN_WORDS
            or _RE_IGNORE_WORD.fullmatch(previous.lower) is not None
        )

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
                or contract.lower in lex.STRIKE_MARKERS  # "5 F 14 strike for May"
                or self._strike_after_ticker(index - 2)  # "a dozen RIVN 20 for May"
            )
        )

    def _strike_after_ticker(self, index: int) -> bool:
        """True for a bare number right after a ticker in capitals ("RIVN 20")."""
        number, ticker = self._at(index), self._at(index - 1)
        return (
            number is not None
            and number.label == "NUM"
            and ticker is not None
            and ticker.text.isalpha()
            and _RE_UPPER_TICKER.fullmatch(ticker.text) is not None
            and ticker.lower not in lex.NOT_TICKERS
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
                and not self._names_wings(index + 2)  # "AAPL Nov 5-wide call spread": a width
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
                or (previous.label in STRATEGY_LABELS and item.text == "May")
                # "... 9100/9150/10050/10100 ic may @15.40": the price right after it
                or (
                    previous.label in STRATEGY_LABELS
                    and (
                        following is None
                        or following.text == "@"
                        or following.lower in lex.PRICE_MARKERS
                    )
                )
                or self._contract_for_month(index)
                or self._in_month_pair(index)
                or self._before_typed_strike(index)
            )
            # "the May monthly", "May monthlies", "May expiry": never the modal
            context = context or (following is not None and following.lower in lex.MONTH_NOUNS)
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

    def _is_day_order(self, index: int) -> bool:
        """``day`` is a time in force beside the order: after a "tif" key, or after the
        order's action or details and not as a noun ("long day, buy ...", "rough day", "day
        trade", "50 day", "the 20-day"); "day order" and "good for the day" are matched as
        phrases."""
        following = self._at(index + 1)
        if following is not None and following.lower.startswith("trad"):
            return False
        previous = self._at(index - 1)
        if previous is not None and previous.text == ":":
            previous = self._at(index - 2)
        if previous is not None and previous.text in {"-", "\u2013"}:
            counted = self._at(index - 2)
            if counted is not None and counted.label == "NUM":
                return False  # "the 20-day is curling up": a moving average's period
            if (
                counted is not None
                and previous.glued
                and counted.text.isalpha()
                and counted.lower not in ("for", "the")
            ):
                return False  # "selling the Fed-day dip": a kind of day, a noun
        if previous is not None and previous.lower in lex.TIF_KEYS:
            return True  # "tif day", "TIF: DAY"
        facts = self.facts
        after_order = 0 <= facts.first_action < index or bool(facts.strikes or facts.slots)
        if not after_order or (previous is not None and previous.lower in lex.DAY_NOUN_LEADS):
            return False
        if (
            previous is not None
            and previous.label == "WORD"
            and previous.text.isalpha()
            and previous.lower not in lex.DAY_TIF_LEADS
        ):
            return False  # "..., pin day", "NVDA day so only one": a kind of day, a noun
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
