"""Rewrite spelling variants into the forms the tokenizer and the tagger already read.

Each rewrite is local and meaning-preserving: glued and dashed dates become ``M/D/YYYY``,
thinkorswim order strings lose their multiplier and signed quantity, comma decimals after a
price marker become dots, a negative limit becomes a credit, shorthand relative dates are
spelled out. Pure text in, text out.
"""

from __future__ import annotations

import re
from decimal import Decimal

from nlp import _lexicon as lex

_MONTH_NAMES = "|".join(sorted(lex.MONTHS, key=len, reverse=True))
_FLAGS = re.IGNORECASE | re.ASCII

# thinkorswim: "BUY +2 QQQ 100 (Weeklys) 9 JAN 27 520 PUT @3.10 LMT"
# (and IBKR's fills, "BOT +3 SPY ...", "SLD -2 ...", which are reports, not orders)
_TOS_SIGNED_QUANTITY = re.compile(r"\b(BUY|SELL|BOT|SLD)\s+[+-](\d+)\b", _FLAGS)
_TOS_MULTIPLIER = re.compile(
    rf"\b([A-Z][A-Z0-9./]{{0,5}})\s+100\s+(?:\([A-Za-z ]+\)\s+)?"
    rf"(?=\d{{1,2}}\s+(?i:{_MONTH_NAMES})\b)",
    re.ASCII,
)
_SERIES_TAG = re.compile(r"\((?:weeklys?|weeklies|quarterlys?|monthlys?|am|pm|eom)\)", _FLAGS)
# Glued dates: "15JAN2027", "15jan27", "Jan15'27", "JAN15".
_GLUED_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})({_MONTH_NAMES})(\d{{4}}|\d{{2}})?\b", _FLAGS)
_GLUED_MONTH_DAY = re.compile(rf"\b({_MONTH_NAMES})(\d{{1,2}})(?:'(\d{{2}}))?\b", _FLAGS)
_MONTH_DOT = re.compile(rf"\b({_MONTH_NAMES})\.", _FLAGS)
_ORDINAL_OF_MONTH = re.compile(rf"\b(\d{{1,2}}(?:st|nd|rd|th))\s+of\s+({_MONTH_NAMES})\b", _FLAGS)
_APOSTROPHE_YEAR = re.compile(rf"(\b\d{{1,2}}|\b(?:{_MONTH_NAMES}))\s*'(\d{{2}})\b", _FLAGS)
_DASHED_DATE = re.compile(r"\b(\d{1,2})-(\d{1,2})-(\d{4}|\d{2})\b", re.ASCII)
# "20261218": a compact year-month-day, as some brokers export it.
_COMPACT_DATE = re.compile(r"\b(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\b", re.ASCII)
# "C600", "P582.5": the type written before the strike in some tickets.
_TYPE_BEFORE_STRIKE = re.compile(r"(?<![\w$./])([CP])(\d{2,5}(?:\.\d{1,3})?)(?![\w./])", re.ASCII)
# Words glued together in a hurry: "AMD180c" (ticker and strike), "650p10/30" and
# "puts11/20" (type and date), "bto1" (code and count), "@4.35pls" (price and a courtesy).
_GLUED_TICKER_STRIKE = re.compile(r"\b([A-Z]{1,5})(\d{1,5}(?:\.\d{1,3})?[CPcp])\b", re.ASCII)
_GLUED_TYPE_DATE = re.compile(
    r"(\d[cp]|\d\s?calls?|\d\s?puts?|\bcalls?|\bputs?)(\d{1,2}/\d{1,2}\b)", _FLAGS
)
_GLUED_CODE_COUNT = re.compile(r"\b(bto|sto|btc|stc)(\d{1,4})\b", _FLAGS)
_GLUED_COURTESY = re.compile(r"(\d)(pls|plz|please|thx|thanks|ty)\b", _FLAGS)
# Index spellings: "^SPX", "$SPX.X", "SPX.X" are SPX.
_INDEX_SYMBOL = re.compile(r"(?:\^|\$)?\b([A-Z]{2,5})\.X\b|\^([A-Z]{2,5})\b", re.ASCII)
# Polygon's option prefix: "O:SPY261218C00600000".
_OPTION_PREFIX = re.compile(r"\bO:(?=[A-Z]{1,6}\d{6}[CP]\d{8}\b)", re.ASCII)
# "GTC+EXT", "GTC_EXT": good till canceled, extended hours allowed.
_GTC_EXTENDED = re.compile(r"\bGTC[+_ ]?EXT(?:O)?\b", _FLAGS)
_TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}T[\d:.]+Z?", re.ASCII)
_RELATIVE = (
    (re.compile(r"\bnxt\b", _FLAGS), "next"),
    (re.compile(r"\b(?:tmrw|tmr|tmrow|tmw|tomo|tomorow|tommorow|tommorrow)\b", _FLAGS), "tomorrow"),
    (re.compile(r"\bnext\s+wk\b", _FLAGS), "next week"),
    (re.compile(r"\bthis\s+wk\b", _FLAGS), "this week"),
)
_PRICE_MARKER = r"(?:@|\bat|\blimit|\blim|\blmt|\bfor|\bnet|\bpay|\bpaying)"
_COMMA_DECIMAL = re.compile(rf"({_PRICE_MARKER}\s*\$?)(\d+),(\d{{1,2}})(?![\d,])", _FLAGS)
# "1,95" glued, with a one- or two-digit whole part, is a comma decimal anywhere ("1,950" is not).
_BARE_COMMA_DECIMAL = re.compile(r"(?<![\d.,/])(\d{1,2}),(\d{2})(?![\d,/])", re.ASCII)
_NEGATIVE_PRICE = re.compile(rf"({_PRICE_MARKER}\s*)-\s?\$?(\d*\.\d+|\d+)\b", _FLAGS)
# "-0.92" standing alone (not "5-10", not "-0.9%"): alert shorthand for a 0.92 credit.
_LONE_NEGATIVE = re.compile(r"(?<![\w.,/-])-\s?\$?(\d*\.\d+)(?![\w.%/])", re.ASCII)
# "for 40 cents" is 0.40 ("40c" stays a strike: only the spelled-out unit is a price).
_CENTS = re.compile(r"\b(\d{1,2})\s?(?:cents|cent|cts)\b", _FLAGS)
# "a buck twenty" is 1.20, "two bucks fifty" 2.50, "4 bucks" 4: dollars said the way traders
# say them. Only counts up to twenty dollars are spelled out; digits cover the rest.
_DOLLAR_WORDS = {w: v for w, v in lex.QUANTITY_WORDS.items() if v <= 20} | {"a": 1}
_CENT_WORDS = (
    {w: v for w, v in lex.QUANTITY_WORDS.items() if 10 <= v <= 19}
    | lex.TENS
    | {"a quarter": 25, "a half": 50}
)
_WORD_ALTERNATIVES = "|".join(sorted(_DOLLAR_WORDS, key=len, reverse=True))
_CENT_ALTERNATIVES = "|".join(sorted(_CENT_WORDS, key=len, reverse=True)).replace(" ", r"\s+")
_UNIT_ALTERNATIVES = "|".join(sorted(lex.UNITS, key=len, reverse=True))
_BUCKS = re.compile(
    rf"\b({_WORD_ALTERNATIVES}|\d{{1,4}})\s+bucks?"
    rf"(?:(?:\s+and)?[\s-]+({_CENT_ALTERNATIVES})(?:-?({_UNIT_ALTERNATIVES}))?)?\b",
    _FLAGS,
)
# "for two and a quarter", "@ 3 and a half": dollars and a fraction after a price word.
_AND_A_FRACTION = re.compile(
    rf"({_PRICE_MARKER}\s+)({_WORD_ALTERNATIVES}|\d{{1,3}})\s+and\s+a\s+(quarter|half)\b", _FLAGS
)
_FRACTION_CENTS = {"quarter": 25, "half": 50}
_HALF_BUCK = re.compile(r"\bhalf\s+(?:a\s+)?buck\b", _FLAGS)
# "@ a dime", "for a nickel": coins after a price word.
_COINS = {"penny": "0.01", "nickel": "0.05", "dime": "0.10", "quarter": "0.25"}
_COIN_PRICE = re.compile(rf"({_PRICE_MARKER}\s*)(?:a|one)\s+({'|'.join(_COINS)})\b", _FLAGS)
_ARROW = re.compile(r"\s*(?:->|=>|→|⟶|➡️?)\s*")
_PAY_UP_TO = re.compile(r"\b(pay|paying)\s+up\s+to\b", _FLAGS)
# "buy 3 AMD 150c up to 2.20": a ceiling on the premium, i.e. the limit ("up to 10 contracts"
# is a count, so only a decimal or a dollar amount follows).
_UP_TO_PRICE = re.compile(r"\bup\s+to(?=\s*(?:\$|\d*\.\d))", _FLAGS)
# "max 2.20", "min 4.40": a ceiling or floor on the premium ("max loss 2.20" is not one).
_MAX_MIN_PRICE = re.compile(r"\b(?:max|min)\s*(?=\$?\d*\.\d)", _FLAGS)
# "good-til-canceled", "good til cancelled": time in force GTC, however it is spelled.
_GOOD_TIL_CANCELED = re.compile(r"\bgood[\s-]+(?:'?till?|until|to)[\s-]+cancel(?:l?ed)?\b", _FLAGS)
# "18-Dec-26", "Dec-18-2026", "18-Dec": a month name between dashes.
_DASHED_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})-({_MONTH_NAMES})(?:-(\d{{4}}|\d{{2}}))?\b", _FLAGS)
_DASHED_MONTH_DAY = re.compile(rf"\b({_MONTH_NAMES})-(\d{{1,2}})(?:-(\d{{4}}|\d{{2}}))?\b", _FLAGS)
# "sell-to-open", "Buy-To-Close": the dashed spelling of an action with its effect; E*TRADE's
# "Buy Open 2 ..." / "Sell Close 1 ..." leave out the "to" (only before a count).
_DASHED_ACTION = re.compile(r"\b(buy|sell)-to-(open|close)\b", _FLAGS)
_ACTION_WITHOUT_TO = re.compile(r"\b(buy|sell)\s+(open|close)\b(?=\s+\d)", _FLAGS)
# Older broker option symbols: ".TSLA270115C450", "-AAPL270115P187.5", "TSLA270115C450" (root,
# YYMMDD, C/P, the strike as written; the OCC form with an eight-digit strike is read elsewhere).
_SHORT_OPTION_SYMBOL = re.compile(
    r"(?<![\w.])[.-]?([A-Z]{1,6})[ \t]*(\d{2})(\d{2})(\d{2})([CP])(\d{1,5}(?:\.\d{1,3})?)(?![\w.])",
    re.ASCII,
)
# "1k sh", "2.5k shares": thousands of shares or contracts (a "k" elsewhere is an amount).
_THOUSANDS_COUNT = re.compile(
    r"\b(\d{1,3}(?:\.\d{1,3})?)k\s+(?=(?:sh|shs|shares?|contracts?|cons)\b)", _FLAGS
)
# "+2 AAPL 280c / -2 AAPL 290c @ 3.70": a signed count opening a leg is its side, as brokers
# write positions and tickets (read only when the message also names a price).
_SIGNED_LEG = re.compile(r"(^|\n|/ )[ \t]*([+-])(\d{1,5})[ \t]+(?=\$?[A-Z]{1,6}\b)", re.ASCII)
_HAS_PRICE = re.compile(r"@|\b(?:limit|lmt|lim|net|for|at)\s*\$?\d*\.?\d", _FLAGS)
# thinkorswim calendars: "18 DEC 26/15 JAN 27", two day-month-year dates joined by a slash.
_TOS_DATE_PAIR = re.compile(
    rf"\b(\d{{1,2}}\s+(?:{_MONTH_NAMES})\s+\d{{2}})/(?=\d{{1,2}}\s+(?:{_MONTH_NAMES})\b)",
    _FLAGS,
)


def _short_option_symbol(match: re.Match[str]) -> str:
    root, yy, mm, dd, flag, strike = match.groups()
    if not (1 <= int(mm) <= 12 and 1 <= int(dd) <= 31):
        return match.group(0)
    return f"{root} {int(mm)}/{int(dd)}/20{yy} {strike}{flag.lower()}"


def _thousands(match: re.Match[str]) -> str:
    count = Decimal(match.group(1)) * 1000
    return f"{int(count)} " if count == count.to_integral_value() else match.group(0)


def _and_a_fraction(match: re.Match[str]) -> str:
    dollars_text = match.group(2).lower()
    dollars = int(dollars_text) if dollars_text.isdigit() else _DOLLAR_WORDS[dollars_text]
    return f"{match.group(1)}{dollars}.{_FRACTION_CENTS[match.group(3).lower()]:02d}"


def _signed_leg(match: re.Match[str]) -> str:
    side = "buy" if match.group(2) == "+" else "sell"
    return f"{match.group(1)}{side} {match.group(3)} "


def _month_number(name: str) -> int:
    return lex.MONTHS[name.lower()]


def _year(text: str | None) -> str:
    if not text:
        return ""
    return "/" + (text if len(text) == 4 else "20" + text)


def _glued_day_month(match: re.Match[str]) -> str:
    day, month, year = match.group(1), match.group(2), match.group(3)
    return f"{_month_number(month)}/{int(day)}{_year(year)}"


def _glued_month_day(match: re.Match[str]) -> str:
    month, day, year = match.group(1), match.group(2), match.group(3)
    return f"{_month_number(month)}/{int(day)}{_year(year)}"


def _bucks(match: re.Match[str]) -> str:
    dollars_text, tens_text, unit_text = match.group(1).lower(), match.group(2), match.group(3)
    dollars = int(dollars_text) if dollars_text.isdigit() else _DOLLAR_WORDS[dollars_text]
    cents = 0
    if tens_text:
        cents = _CENT_WORDS[" ".join(tens_text.lower().split())]
        if unit_text and tens_text.lower() in lex.TENS:
            cents += lex.UNITS[unit_text.lower()]
    return f"{dollars}.{cents:02d}"


def normalize(text: str) -> str:
    """``text`` with date, price and broker-string variants rewritten to the canonical forms."""
    text = _TIMESTAMP.sub(" ", text)
    text = _ARROW.sub(" → ", text)  # "2.15->3.40": an update from one price to another
    text = _DASHED_ACTION.sub(r"\1 to \2", text)
    text = _ACTION_WITHOUT_TO.sub(r"\1 to \2", text)
    text = _SHORT_OPTION_SYMBOL.sub(_short_option_symbol, text)
    text = _THOUSANDS_COUNT.sub(_thousands, text)
    text = _GLUED_TICKER_STRIKE.sub(r"\1 \2", text)
    text = _GLUED_TYPE_DATE.sub(r"\1 \2", text)
    text = _GLUED_CODE_COUNT.sub(r"\1 \2", text)
    text = _GLUED_COURTESY.sub(r"\1 \2", text)
    if _HAS_PRICE.search(text):
        text = _SIGNED_LEG.sub(_signed_leg, text)
    text = _TOS_SIGNED_QUANTITY.sub(r"\1 \2", text)
    text = _TOS_MULTIPLIER.sub(r"\1 ", text)
    text = _SERIES_TAG.sub(" ", text)
    text = _TOS_DATE_PAIR.sub(r"\1 ", text)
    text = _DASHED_DAY_MONTH.sub(_glued_day_month, text)
    text = _DASHED_MONTH_DAY.sub(_glued_month_day, text)
    text = _GLUED_DAY_MONTH.sub(_glued_day_month, text)
    text = _GLUED_MONTH_DAY.sub(_glued_month_day, text)
    text = _MONTH_DOT.sub(r"\1", text)
    text = _ORDINAL_OF_MONTH.sub(r"\1 \2", text)
    text = _APOSTROPHE_YEAR.sub(r"\1 20\2", text)
    text = _DASHED_DATE.sub(r"\1/\2/\3", text)
    text = _COMPACT_DATE.sub(r"\1-\2-\3", text)
    text = _TYPE_BEFORE_STRIKE.sub(lambda match: match.group(2) + match.group(1).lower(), text)
    text = _INDEX_SYMBOL.sub(lambda match: match.group(1) or match.group(2), text)
    text = _OPTION_PREFIX.sub("", text)
    text = _GTC_EXTENDED.sub("gtc", text)
    for pattern, replacement in _RELATIVE:
        text = pattern.sub(replacement, text)
    text = _PAY_UP_TO.sub(r"\1", text)
    text = _UP_TO_PRICE.sub("limit", text)
    text = _MAX_MIN_PRICE.sub("limit ", text)
    text = _GOOD_TIL_CANCELED.sub("gtc", text)
    text = _COMMA_DECIMAL.sub(r"\1\2.\3", text)
    text = _BARE_COMMA_DECIMAL.sub(r"\1.\2", text)
    text = _AND_A_FRACTION.sub(_and_a_fraction, text)
    text = _HALF_BUCK.sub("0.50", text)
    text = _BUCKS.sub(_bucks, text)
    text = _COIN_PRICE.sub(lambda match: match.group(1) + _COINS[match.group(2).lower()], text)
    text = _CENTS.sub(lambda match: f".{int(match.group(1)):02d}", text)
    text = _NEGATIVE_PRICE.sub(r"\g<1>\2 credit", text)
    return _LONE_NEGATIVE.sub(r"\1 credit", text)
