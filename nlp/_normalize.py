"""Rewrite spelling variants into the forms the tokenizer and the tagger already read.

Each rewrite is local and meaning-preserving: glued and dashed dates become ``M/D/YYYY``,
thinkorswim order strings lose their multiplier and signed quantity, comma decimals after a
price marker become dots, a negative limit becomes a credit, shorthand relative dates are
spelled out. Pure text in, text out.
"""

from __future__ import annotations

import re
from decimal import Decimal

from rapidfuzz.distance import OSA

from nlp import _lexicon as lex
from nlp._amounts import rewrite_spoken_amounts, words_value
from nlp._spelling import correct_spelling
from nlp._world import rewrite_world_forms

_MONTH_NAMES = lex.MONTH_NAMES
_FLAGS = re.IGNORECASE | re.ASCII
# Every month name starts with one of these: a text without them names no month.
_MONTH_STEMS = frozenset(name[:3] for name in lex.MONTHS)

# thinkorswim: "BUY +2 QQQ 100 (Weeklys) 9 JAN 27 520 PUT @3.10 LMT"
# (and IBKR's fills, "BOT +3 SPY ...", "SLD -2 ...", which are reports, not orders)
_TOS_SIGNED_QUANTITY = re.compile(r"\b(BUY|SELL|BOT|SLD)\s+[+-](\d{1,3}(?:,\d{3})+|\d+)\b", _FLAGS)
_TOS_MULTIPLIER = re.compile(
    rf"\b([A-Z][A-Z0-9./]{{0,5}})\s+100\s+(?:\([A-Za-z ]+\)\s+)?"
    rf"(?=\d{{1,2}}\s+(?i:{_MONTH_NAMES})\b)",
    re.ASCII,
)
_SERIES_TAG = re.compile(r"\((?:weeklys?|weeklies|quarterlys?|monthlys?|am|pm|eom)\)", _FLAGS)
# Glued dates: "15JAN2027", "15jan27", "Jan15'27", "JAN15".
_GLUED_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})({_MONTH_NAMES})(\d{{4}}|\d{{2}})?\b", _FLAGS)
_GLUED_MONTH_DAY = re.compile(rf"\b({_MONTH_NAMES})(\d{{1,2}})(?:'(\d{{2}}))?\b", _FLAGS)
# ("for Nov. Adding a hedge: ...", "x3 Oct. close my 3 ...": a dot before a capitalised word or
# an action ends the sentence; kept)
# (words that follow a month in an order as often as they open a sentence)
_NOT_SENTENCE_OPENERS = frozenset({"get", "bid", "offer", "long", "short", "entry"})
_SENTENCE_VERBS = "|".join(
    sorted(
        {
            word
            for word in (*lex.CODES, *lex.LEADING_ACTION_WORDS, *lex.ACTION_WORDS)
            if word.isalpha() and len(word) > 2 and word not in _NOT_SENTENCE_OPENERS
        },
        key=len,
        reverse=True,
    )
)
_MONTH_DOT = re.compile(
    rf"\b({_MONTH_NAMES})\.(?![ \t]+(?-i:[A-Z][a-z])|[ \t]+(?:{_SENTENCE_VERBS})\b)", _FLAGS
)
# "0 DTE", "1-dte": days to expiration written apart from their count, glued ("0dte").
_SPACED_DTE = re.compile(r"\b(\d{1,3})(?:[ \t]*-[ \t]*|[ \t]+)(dte)\b", re.IGNORECASE | re.ASCII)
# "odte": the zero typed as the letter o on a phone.
_LETTER_O_DTE = re.compile(r"\b[Oo](?=dte\b)", re.ASCII)
# "bto 3spy 972c": the count glued to the ticker after an alert code or a verb, a strike after.
_GLUED_COUNT_TICKER = re.compile(
    r"(\b(?:bto|sto|btc|stc|buy|sell)[ \t]+)(\d{1,3})([A-Za-z]{1,5})(?=[ \t]+\d)",
    re.IGNORECASE | re.ASCII,
)
# A price with its credit or debit glued on ("@ .45cr", "2.10db", "@1.05credit"): the word
# apart, so that the price and its effect are both read.
_GLUED_PRICE_EFFECT = re.compile(
    r"((?:@|\bat)[ \t]*\$?(?:\d+(?:\.\d+)?|\.\d+)|(?<![\w.])\d*\.\d+)"
    r"(cr|cred|credit|db|dr|deb|debit)\b",
    re.IGNORECASE | re.ASCII,
)
_ORDINAL_OF_MONTH = re.compile(rf"\b(\d{{1,2}}(?:st|nd|rd|th))\s+of\s+({_MONTH_NAMES})\b", _FLAGS)
_APOSTROPHE_YEAR = re.compile(rf"(\b\d{{1,2}}|\b(?:{_MONTH_NAMES}))\s*'(\d{{2}})\b", _FLAGS)
_DASHED_DATE = re.compile(r"\b(\d{1,2})-(\d{1,2})-(\d{4}|\d{2})\b", re.ASCII)
# "20261218": a compact year-month-day, as some brokers export it.
_COMPACT_DATE = re.compile(r"\b(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\b", re.ASCII)
# "C600", "P582.5": the type written before the strike in some tickets.
_TYPE_BEFORE_STRIKE = re.compile(r"(?<![\w$./])([CP])(\d{2,5}(?:\.\d{1,3})?)(?![\w./])", re.ASCII)
# Words glued together in a hurry: "AMD180c" (ticker and strike), "650p10/30" and
# "puts11/20" (type and date), "bto1" (code and count), "@4.35pls" (price and a courtesy).
_GLUED_TICKER_STRIKE = re.compile(
    r"\b([A-Z]{1,5}|[a-z]{2,5})(\d{1,5}(?:\.\d{1,3})?(?:/\d{1,5}(?:\.\d{1,3})?)*[CPcp])\b",
    re.ASCII,
)
# "meta900/920 call debit spread", "xsp1110/1105pcs": a ticker glued to its pair of strikes
_GLUED_TICKER_PAIR = re.compile(
    r"\b([A-Z]{1,5}|[a-z]{2,5})(\d{2,5}(?:\.\d{1,3})?/\d{2,5}(?:\.\d{1,3})?)"
    r"(?=[ \t]|\Z|pcs|ccs|pds|cds|bps)",
    re.ASCII,
)
# "add 2 IWM 335/330 PCS 7/6 @ .55 to the 330/325s": more of a credit structure is sold
_ADDING_CREDIT = re.compile(
    r"\b(?:add|adding)(?=[ \t]+\d+[ \t]+\$?[A-Za-z]{1,5}[ \t]+\d[\d./]*[ \t]*"
    r"(?:pcs|ccs|credit[ \t]+spreads?|ic|iron[ \t]+condors?)\b)",
    re.IGNORECASE,
)
# "at three hundred forty-seven dollars and fifty cents" once its words are read: "347 and .50"
_AND_CENTS = re.compile(r"(?<=\b\d)(\d*)[ \t]+and[ \t]+\.(?=\d\d\b)")
# "sell my hundred shares": a hundred after a determiner, the count
_DETERMINED_HUNDRED = re.compile(r"\b(my|the|those|these|all|our)[ \t]+hundred\b", re.IGNORECASE)
# "zero dte": a day's own options, said as a word
_WORD_ZERO_DTE = re.compile(r"\bzero[ \t-]*(?=dte\b)", re.IGNORECASE)
_GLUED_TYPE_DATE = re.compile(
    r"(\d[cp]|\d\s?calls?|\d\s?puts?|\bcalls?|\bputs?)(\d{1,2}/\d{1,2}\b)", _FLAGS
)
# "buy5 uber92.5c", "stc2amd195c@3.35", "buy10 f13c": the action glued to its count, and the
# count to the ticker when a strike follows ("buy2" is no ticker, "bto1x" stays a count).
_GLUED_CODE_COUNT = re.compile(
    r"\b(bto|sto|btc|stc|buy|sell)(\d{1,4})(?:\b|(?=[a-z]{1,5}\d{1,5}(?:\.\d{1,3})?[cp/]))",
    _FLAGS,
)


def _glued_code_count(match: re.Match[str]) -> str:
    glued_after = match.string[match.end() : match.end() + 1].isalpha()
    return f"{match.group(1)} {match.group(2)}{' ' if glued_after else ''}"


# "buy 10 f13c": a one-letter ticker glued to its strike, right after the action and its count.
_GLUED_LETTER_STRIKE = re.compile(
    r"\b((?:bto|sto|btc|stc|buy|sell)\s+\d{1,4}\s+)([A-Za-z])(\d{1,5}(?:\.\d{1,3})?[CPcp])\b",
    _FLAGS,
)
_GLUED_COURTESY = re.compile(r"(\d)(pls|plz|please|thx|thanks|ty)\b", _FLAGS)
# Index spellings: "^SPX", "$SPX.X", "SPX.X" are SPX.
_INDEX_SYMBOL = re.compile(r"(?:\^|\$)?\b([A-Z]{2,5})\.X\b|\^([A-Z]{2,5})\b", re.ASCII)
# Polygon's option prefix: "O:SPY261218C00600000".
_OPTION_PREFIX = re.compile(r"\bO:(?=[A-Z]{1,6}\d{6}[CP]\d{8}\b)", re.ASCII)
# "GTC+EXT", "GTC_EXT": good till canceled, extended hours allowed.
_GTC_EXTENDED = re.compile(r"\bGTC[+_ ]?EXT(?:O)?\b", _FLAGS)
# A full stop after a rate's period ("y/y.", "q/q.", "m/m."), which the tokenizer would keep on
# the letter as an abbreviation ("y."), ends the sentence.
_RATE_PERIOD_STOP = re.compile(r"\b([a-z]/[a-z])\.(?=\s|$)", _FLAGS)
_TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}T[\d:.]+Z?", re.ASCII)
_RELATIVE = (
    (re.compile(r"\bnxt\b", _FLAGS), "next"),
    (re.compile(r"\b(?:tmrw|tmr|tmrow|tmw|tomo|tomorow|tommorow|tommorrow)\b", _FLAGS), "tomorrow"),
    (re.compile(r"\bnext\s+wk\b", _FLAGS), "next week"),
    (re.compile(r"\bthis\s+wk\b", _FLAGS), "this week"),
    (re.compile(r"\b(?:wkly|wkl|wkyl)\b", _FLAGS), "weekly"),
)
# A price noun names the number after it too ("with price 412,50", "priced at 12,35", "at a
# price of 88,10").
_PRICE_MARKER = (
    r"(?:@|\bat|\blimit|\blim|\blmt|\bfor|\bnet|\bpay|\bpaying|\bprice(?:d)?(?:\s+(?:of|at))?)"
)
_COMMA_DECIMAL = re.compile(rf"({_PRICE_MARKER}\s*\$?)(\d+),(\d{{1,2}})(?!\d|,\d)", _FLAGS)
# "1,95" glued, with a one- or two-digit whole part, is a comma decimal anywhere ("1,950" is not;
# a comma after it ends the clause: "a 0,85, thanks").
_BARE_COMMA_DECIMAL = re.compile(r"(?<![\d.,/])(\d{1,2}),(\d{2})(?!\d|,\d|/)", re.ASCII)
_NEGATIVE_PRICE = re.compile(rf"({_PRICE_MARKER}\s*)-\s?\$?(\d*\.\d+|\d+)\b", _FLAGS)
# "-0.92" standing alone (not "5-10", not "-0.9%"): alert shorthand for a 0.92 credit.
# Not a greek's value: "theta -0.11", "delta: -0.35", "net delta -.20".
_LONE_NEGATIVE = re.compile(
    r"(?<!\btheta )(?<!\bdelta )(?<!\bgamma )(?<!\bvega )(?<!\brho )"
    r"(?<!\btheta: )(?<!\bdelta: )(?<!\bgamma: )(?<!\bvega: )(?<!\brho: )"
    r"(?<![\w.,/-])-\s?\$?(\d*\.\d+)(?![\w.%/])",
    re.ASCII | re.IGNORECASE,
)
# A ticker's change over a span, not a credit: "SPY -1.2 today", "QQQ -0.85 on the day",
# "IWM +1.10 since the open" (read as "SPY down 1.2 today").
_DAY_CHANGE = re.compile(
    r"(\$?\b[A-Z]{1,5})[ \t]+([+-])[ \t]?\$?(\d*\.\d+|\d+)(?![\w.%/])"
    r"(?=[ \t]*,?[ \t]*(?:today|on[ \t]+the[ \t]+(?:day|week)|since|yesterday|this[ \t]+week"
    r"|wtd|mtd|ytd|pre-?market|after[ \t]*hours)\b)",
    re.ASCII,
)
# "@ 1..85": a decimal point typed twice after a price word.
_DOUBLE_POINT = re.compile(rf"({_PRICE_MARKER}\s*\$?)(\d{{1,4}})\.\.(\d{{1,2}})\b", _FLAGS)
# "4//21", "12//18/28": a date's slash typed twice.
_DOUBLE_SLASH_DATE = re.compile(
    r"(?<![\w/:])(0?[1-9]|1[0-2])//([12]\d|3[01]|0?[1-9])((?:/\d{2}|/\d{4})?)(?![\w/])", re.ASCII
)
# "bto bto 1 NET ...", "sell sell 2 ...": the action typed twice right before its count.
_DOUBLED_ACTION = re.compile(r"\b(bto|sto|btc|stc|buy|sell)\s+\1\b(?=\s+\d)", _FLAGS)
# "for 40 cents" is 0.40 ("40c" stays a strike: only the spelled-out unit is a price).
_CENTS = re.compile(r"\b(\d{1,2})\s?(?:cents|cent)\b", _FLAGS)
# "cts" is cents only after a price word ("@ 40 cts"); elsewhere it counts contracts ("BTO 5 cts
# $AMD 240C ...", "..., 2 cts").
_CTS_PRICE = re.compile(r"((?:@|\b(?:at|for|limit|lmt|pay|take))\s*)(\d{1,2})\s?cts\b", _FLAGS)
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
    rf"(?:(?:\s+and)?[\s-]+(?:({_CENT_ALTERNATIVES})(?:-?({_UNIT_ALTERNATIVES}))?"
    # "a buck five": a unit alone is that many cents (1.05)
    rf"|(?P<cents_unit>{_UNIT_ALTERNATIVES})(?![\s-]+(?:contracts?|lots?|shares?|times?)\b)))?\b",
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
# "buy 1 NVDA 150c 6/16, I'll pay up to 2.40": after an order that opens with its action, the
# writer's future "pay up to" is the order's ceiling, not a plan ("I'll pay up to 2 for SPY
# calls" alone, or after "if ...", stays a plan).
_WILL_PAY_UP_TO = re.compile(
    r"\A(\s*(?:buy|bto|btc|purchase)\b[^\n]*?(?:,|;|\s[-–—])\s*)"
    r"(?:i['’]?ll|i\s+will|will)\s+pay\s+(?:up\s+to|at\s+most|max)\b(?=\s*\$?\.?\d)",
    _FLAGS,
)
# "buy 3 AMD 150c up to 2.20": a ceiling on the premium, i.e. the limit ("up to 10 contracts"
# is a count, so only a decimal or a dollar amount follows).
_UP_TO_PRICE = re.compile(r"\bup\s+to(?=\s*(?:\$|\d*\.\d))", _FLAGS)
# "max 2.20", "min 4.40": a ceiling or floor on the premium ("max loss 2.20" is not one).
_MAX_MIN_PRICE = re.compile(r"\b(?:max|min)\s*(?=\$?\d*\.\d)", _FLAGS)
# "nothing above 3.15", "not over 2", "no higher than 1.80": a ceiling on the premium, the limit
# (the "nothing" is not a negation of the order).
_NOTHING_ABOVE = re.compile(
    r"\b(?:nothing|nothign|not|no)\s+(?:above|over|higher(?:\s+than)?)(?=\s*\$?\.?\d)", _FLAGS
)
# "won't pay above 24.80", "don't take less than 1.35", "not a penny over .95": a bound on the
# premium said as a refusal is the limit (the "won't" refuses a worse fill, not the order).
_REFUSED_BOUND = re.compile(
    r"\b(?:not\s+a\s+(?:penny|cent|nickel|dime)"
    r"|(?:won['’]?t|will\s+not|don['’]?t|do\s+not|not\s+gonna|not\s+going\s+to)\s+"
    r"(?:pay|take|accept|sell\s+(?:it\s+|them\s+)?for|go))"
    r"\s+(?:above|over|more\s+than|higher\s+than|below|under|less\s+than|lower\s+than)"
    r"(?=\s*\$?\.?\d)",
    _FLAGS,
)
# "place a buy order for 3 ...", "make a sell of 2 ...", "make for me buy of 3 puts ...": the
# order's side said as a noun.
_SIDE_AS_NOUN = re.compile(
    r"\b(?:make|do|place|submit|enter)\s+(?:for\s+)?(?:me\s+)?(?:a\s+|an\s+)?(?:limit\s+)?"
    r"(buy|sell|purchase)(?:\s+order)?\s+(?:of|for)\b",
    _FLAGS,
)
# "hello sir, make buy to open 4 contract BAC ...", "please do sell 2 ...": opening its clause,
# "make" or "do" right before the action and its count is the non-native (or emphatic) form of
# the action itself ("I do buy calls sometimes" and "do you buy ...?" are not at a clause start
# before a count).
_MAKE_ACTION = re.compile(
    r"(\A|[,.;:!\n][ \t]*|\b(?:please|pls|plz|kindly)[ \t]+)(?:make|do)[ \t]+"
    r"(?=(?:buy|sell)(?:[ \t]+to[ \t]+(?:open|close))?[ \t]+\d)",
    _FLAGS,
)
# "2 point 5": a decimal point said aloud.
_SPOKEN_POINT = re.compile(r"\b(\d{1,4}) point (\d{1,2})\b", _FLAGS)
# "two hundred shares", "seven hundred calls", "three hundred fifty": hundreds said in words
# ("a hundred", "one hundred" are quantity words already).
_UNIT_WORDS = {w: v for w, v in lex.QUANTITY_WORDS.items() if 1 <= v <= 9 and " " not in w}
_TENS_WORDS = {w: v for w, v in lex.QUANTITY_WORDS.items() if v in range(10, 100) and " " not in w}
# "twelve hundred shares", "fifteen hundred": the teens count hundreds too.
_HUNDRED_COUNTS = {w: v for w, v in _UNIT_WORDS.items() if w != "one"} | {
    w: v for w, v in lex.QUANTITY_WORDS.items() if 11 <= v <= 19 and " " not in w
}
_HUNDREDS = re.compile(
    rf"\b({'|'.join(sorted(_HUNDRED_COUNTS, key=len, reverse=True))})[ -]hundred"
    rf"(?:[ -](?:and[ -])?({'|'.join(sorted(_TENS_WORDS, key=len, reverse=True))})"
    rf"(?:[ -]({'|'.join(_UNIT_WORDS)}))?)?\b",
    _FLAGS,
)


# Amounts said the way they are dictated: "forty five cents" (0.45), "one dollar fifteen cents"
# (1.15), "four dollars and twenty cents" (4.20), "3 dollars 10" (3.10); "ten dollar calls" is
# the 10 strike. Only numbers below a hundred are read from words.
_SPOKEN_UNDER_100 = (
    rf"(?:(?:{'|'.join(lex.TENS)})(?:[\s-]+(?:{'|'.join(lex.UNITS)}))?"
    rf"|{'|'.join(sorted(_TENS_WORDS | _UNIT_WORDS, key=len, reverse=True))}|\d{{1,2}})"
)
_DOLLARS_AND_CENTS = re.compile(
    rf"\b(a|{_SPOKEN_UNDER_100})\s+dollars?(?:\s+and)?\s+({_SPOKEN_UNDER_100})"
    rf"(?:\s+cents?)?\b(?![\s-]+(?:calls?|puts?|strikes?|c|p|contracts?|cons|shares?|sh|lots?)\b)",
    _FLAGS,
)
# "at 2 dollars", "for three dollars": whole dollars after a price word.
_PRICE_DOLLARS = re.compile(
    rf"({_PRICE_MARKER}\s+)({_SPOKEN_UNDER_100}|\d{{1,4}}(?:\.\d{{1,2}})?)\s+dollars?\b"
    rf"(?![\s-]+(?:calls?|puts?|strikes?|c|p)\b)",
    _FLAGS,
)
_WORD_CENTS = re.compile(rf"\b({_SPOKEN_UNDER_100})\s+cents?\b", _FLAGS)
_DOLLAR_STRIKE = re.compile(
    rf"\b({_SPOKEN_UNDER_100}|\d{{1,4}}(?:\.\d{{1,2}})?)[\s-]+dollar[\s-]+(?=(?:calls?|puts?|strikes?)\b)",
    _FLAGS,
)


def _spoken_value(words: str) -> int:
    """The value of a number below a hundred said in words or digits ("forty five", "12")."""
    if words.isdigit():
        return int(words)
    if words.lower() == "a":
        return 1
    return words_value(words)


def _spoken_value_or_number(words: str) -> str:
    return words if words[0].isdigit() else str(_spoken_value(words))


def _dollars_and_cents(match: re.Match[str]) -> str:
    dollars, cents = _spoken_value(match.group(1)), _spoken_value(match.group(2))
    return f"{dollars}.{cents:02d}" if cents < 100 else match.group(0)


def _word_cents(match: re.Match[str]) -> str:
    cents = _spoken_value(match.group(1))
    return f".{cents:02d}" if 0 < cents < 100 else match.group(0)


def _hundreds(match: re.Match[str]) -> str:
    hundreds, tens, units = match.groups()
    value = _HUNDRED_COUNTS[hundreds.lower()] * 100
    value += _TENS_WORDS[tens.lower()] if tens else 0
    value += _UNIT_WORDS[units.lower()] if units else 0
    return str(value)


# "buy for me 5 call of AMD ...", "make for me buy of 3 puts ...": the courtesy, not a price.
_FOR_ME = re.compile(r"\b(buy|sell|purchase|get|make|do)\s+for\s+me\b", _FLAGS)
# "buy-write on KO: buy 100 shares and sell 1 ...": the strategy's name, not two actions.
_BUY_WRITE = re.compile(r"\bbuy[- ]writes?\b", _FLAGS)
# "roll ... up to the 420s", "buy the 600s": a strike named in the plural after "the".
_ROLL = re.compile(r"\broll", _FLAGS)
_PLURAL_STRIKE = re.compile(r"\b(the\s+)(\d{1,5}(?:\.\d{1,2})?)s\b", _FLAGS)
# "good-til-canceled", "good til cancelled": time in force GTC, however it is spelled.
# Also typed with a slip in the last word ("good til cancled", "good till cancleled").
_GOOD_TIL_CANCELED = re.compile(
    r"\bgood[\s-]+(?:'?till?|until|untill|to)[\s-]+(c[a-z]{4,9})\b", _FLAGS
)
_CANCELED_FORMS = ("cancel", "canceled", "cancelled")


def _good_til_canceled(match: re.Match[str]) -> str:
    word = match.group(1).lower()
    near = min(OSA.distance(word, form) for form in _CANCELED_FORMS)
    return "gtc" if near <= (1 if len(word) < 7 else 2) else match.group(0)


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
# "buy 1k KRLX @ 5.91": after the side, before a ticker and its price (shares).
_THOUSANDS_AFTER_SIDE = re.compile(
    r"(?:(?<=\bbuy )|(?<=\bsell )|(?<=\b[bs]t[oc] )|(?<=\bshort )|(?<=\bcover ))"
    r"(\d{1,3}(?:\.\d{1,3})?)k\s+(?=\$?(?-i:[A-Z]{1,5})\s+(?:@|at\b))",
    _FLAGS,
)
# "sell 1.5k SOFI shares": the same with the ticker between the count and its unit.
_THOUSANDS_BEFORE_TICKER = re.compile(
    r"\b(\d{1,3}(?:\.\d{1,3})?)k\s+(?=\$?(?-i:[A-Z]{1,5})\s+(?:sh|shs|shares?)\b)", _FLAGS
)
# "SPX 6.5k puts", "NDX 23k calls", "RUT 2.3k/2.25k put spread": an index strike in thousands,
# right after the ticker and before the type ("2k max risk" stays an amount).
_THOUSANDS_STRIKES = re.compile(
    r"(\b(?-i:[A-Z]{2,5})\s)(\d{1,2}(?:\.\d{1,3})?k(?:/\d{1,2}(?:\.\d{1,3})?k)*)"
    r"(?=\s*(?:calls?|puts?|c|p|strikes?)\b)",
    _FLAGS,
)


def _thousands_strikes(match: re.Match[str]) -> str:
    strikes = [Decimal(part[:-1]) * 1000 for part in match.group(2).split("/")]
    if any(strike != strike.to_integral_value() for strike in strikes):
        return match.group(0)
    return match.group(1) + "/".join(str(int(strike)) for strike in strikes)


# "a round lot of KO", "two round lots": a round lot is 100 shares.
_ROUND_LOT = re.compile(
    rf"\b(a|one|\d{{1,2}}|{'|'.join(w for w, v in lex.QUANTITY_WORDS.items() if 2 <= v <= 20)})"
    r"\s+round[\s-]+lots?(?:\s+of)?\b",
    _FLAGS,
)


def _round_lot(match: re.Match[str]) -> str:
    count = match.group(1).lower()
    lots = (
        1 if count in ("a", "one") else int(count) if count.isdigit() else lex.QUANTITY_WORDS[count]
    )
    return f"{lots * 100} shares of"


# "AAPL 235s 9/24", "my 5 SOFI 12.5s 9/17 (calls)": a strike named in the plural right after its
# ticker and before the expiration ("SPY back to the 600s" is a level, not after the ticker).
_TICKER_PLURAL_STRIKE = re.compile(
    r"(\b(?-i:[A-Z]{1,5})\s)(\d{1,5}(?:\.\d{1,2})?)s(?=\s+\d{1,2}/\d{1,2}\b)", _FLAGS
)
# "Fri 9/10", "exp Friday Sept 24", "Thurs 4/13/28": a weekday named before the full date is the
# date's weekday, not a date of its own.
_WEEKDAY_BEFORE_DATE = re.compile(
    rf"\b(?:mon|tues?|wed|thu|thurs?|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?,?\s+"
    rf"(?=\d{{1,2}}/\d{{1,2}}\b|(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}\b)",
    _FLAGS,
)
# "3rd friday of Nov", "the third Friday in December": the monthly expiration of that month.
_THIRD_FRIDAY = re.compile(
    rf"\b(?:the\s+)?(?:3rd|third)\s+fri(?:day)?\s+(?:of|in)\s+({_MONTH_NAMES})\b", _FLAGS
)
# "#AAPL #calls buy 2 240c ...": hashtags opening the message tag it, a heading before the order.
_OPENING_TAGS = re.compile(r"\A[ \t]*((?:#[A-Za-z]\w*[ \t]+)+)(?=[^#\s])", re.ASCII)


def _opening_tags(match: re.Match[str]) -> str:
    return " ".join(tag.lstrip("#") for tag in match.group(1).split()) + ": "


# "TSLA 300c 10/15 is 12.40 x 12.90", "quoting 2.38 x 2.46": the contract's bid and ask, the
# market stated before the order (the verb does not talk about a trade).
_QUOTE_STATED = re.compile(
    r"\b(?:is|was|quoting|quoted|quotes|showing|shows)\s+(?=(\d*\.\d{2})\s*x\s*(\d*\.\d{2})\b)",
    _FLAGS,
)


def _quote_stated(match: re.Match[str]) -> str:
    bid, ask = Decimal(match.group(1)), Decimal(match.group(2))
    return "" if bid < ask <= bid * 2 else match.group(0)


# "+2 AAPL 280c / -2 AAPL 290c @ 3.70": a signed count opening a leg is its side, as brokers
# write positions and tickets (read only when the message also names a price).
# tastytrade's tickets put the date first: "+1 Mar 19 27 AAPL 270 C", "sending: -2 Feb 19 27 QQQ".
_SIGNED_LEG = re.compile(
    rf"(^|\n|/ |:[ \t])[ \t]*([+-])(\d{{1,5}})[ \t]+"
    rf"(?=(?:(?i:{_MONTH_NAMES})[ \t]+\d{{1,2}}[ \t]+\d{{2,4}}[ \t]+)?\$?[A-Z]{{1,6}}\b"
    r"|\d{1,5}(?:\.\d{1,2})?[cCpP]\b)",
    re.ASCII,
)
# Signed legs written on one line ("+2 NVDA 200C -2 NVDA 210C 8/18 lmt 3.25", "COIN +1 340c -1
# 360c @ 6.80"): a signed count after a word, right before a ticker and its typed strike or a
# typed strike, opens a leg of its own. Read only when two signed legs or more are written.
_SIGNED_LEG_INLINE = re.compile(
    r"(?<=[\w.])[ \t]+([+-])(\d{1,5})[ \t]+"
    r"(?=(?:\$?[A-Z]{1,6}[ \t]+)?\d{1,5}(?:\.\d{1,2})?[cCpP]\b)",
    re.ASCII,
)
# Alert codes written on one line ("BTO 1 AAPL 240p STO 2 AAPL 225p 8/18 @ .55"): a code after
# a word, right before its count, ticker and typed strike, opens a leg of its own when two such
# legs or more are written.
_CODE_LEG_INLINE = re.compile(
    r"(?<=[\w.])[ \t]+(?=(?:BTO|STO|BTC|STC)[ \t]+\d{1,5}[ \t]+\$?[A-Z]{1,6}[ \t]+"
    r"\d{1,5}(?:\.\d{1,2})?[cCpP]\b)",
    re.ASCII | re.IGNORECASE,
)
_CODE_LEG = re.compile(
    r"\b(?:BTO|STO|BTC|STC)[ \t]+\d{1,5}[ \t]+\$?[A-Z]{1,6}[ \t]+\d{1,5}(?:\.\d{1,2})?[cCpP]\b",
    re.ASCII | re.IGNORECASE,
)
_RATIO_TAG = re.compile(r"\(\s*\d{1,2}\s*[x\u00d7]\s*\d{1,2}\s*\)", re.IGNORECASE)
_SIGNED_COUNT = re.compile(
    r"(?<![\w.+-])[+-]\d{1,5}[ \t]+(?:\$?[A-Z]{1,6}[ \t]+)?\d{1,5}(?:\.\d{1,2})?[cCpP]\b",
    re.ASCII,
)
_HAS_PRICE = re.compile(
    r"@|\b(?:limit|lmt|lim|net|for|at)\s*\$?\d*\.?\d|\d\s*(?:db|cr|debit|credit)\b"
    r"|\bnet[ \t]+(?:db|cr|debit|credit)[ \t]+\$?\d*\.?\d",  # "net debit .35"
    _FLAGS,
)
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


def _signed_leg_inline(match: re.Match[str]) -> str:
    side = "buy" if match.group(1) == "+" else "sell"
    return f" / {side} {match.group(2)} "


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
    if match.group("cents_unit"):
        cents = lex.UNITS[match.group("cents_unit").lower()]
    if tens_text:
        cents = _CENT_WORDS[" ".join(tens_text.lower().split())]
        if unit_text and tens_text.lower() in lex.TENS:
            cents += lex.UNITS[unit_text.lower()]
    return f"{dollars}.{cents:02d}"


# Month names typed with a slip ("Febuary", "Decmeber", "Janaury", "Septmber", "Novmber"): a
# word of six letters or more that starts like a long month name and is at most two edits
# (a transposition counts as one) from it. Short names (May, June, March ...) are left alone:
# too many English words lie near them.
_LONG_MONTHS = ("january", "february", "august", "september", "october", "november", "december")
_MONTH_SLIP = re.compile(r"\b(?:jan|feb|aug|sep|oct|nov|dec)[a-z]{3,8}\b", _FLAGS)
# Option types typed with a slip right after the strike ("125 calss", "40 clals", "90 ptus"):
# one edit from "calls", "call", "puts" or "put", keeping the first letter.
_TYPE_NAMES = ("calls", "call", "puts", "put")
_TYPE_SLIP = re.compile(r"(?<=\d )([cp][a-z]{2,5})\b", _FLAGS)


def _type_slip(match: re.Match[str]) -> str:
    word = match.group(1)
    lower = word.lower()
    if lower in lex.TYPE_WORDS or len(lower) < 4 or word.isupper():
        return word  # "100 CALM shares": a ticker in capitals, not a slip
    for name in _TYPE_NAMES:
        if name[0] == lower[0] and len(name) >= 4 and _edits(lower, name) == 1:
            return name
    for name in _TYPE_NAMES:  # "105 cllas", "90 ptus": the right letters, in a wrong order
        if name[0] == lower[0] and len(name) >= 4 and sorted(lower) == sorted(name):
            return name
    return word


# "35Oc", "1O5p": a letter O typed for a zero inside a strike that names its type.
_LETTER_O_STRIKE = re.compile(r"(?<![\w.$])(\d{1,4}[Oo]{1,2}\d{0,2})([cCpP])(?![\w.])", re.ASCII)


def _glued_count_ticker(match: re.Match[str]) -> str:
    """ "bto 3spy" -> "bto 3 spy"; not a count's unit ("buy 3k", "sell 2x", "buy 10pm")."""
    if match.group(3).lower() in _GLUED_UNITS:
        return match.group(0)
    return f"{match.group(1)}{match.group(2)} {match.group(3)}"


_GLUED_UNITS = frozenset(
    {"k", "m", "x", "am", "pm", "st", "nd", "rd", "th", "c", "p", "dte", "min", "lot", "lots"}
)


# Ordinal days written as words next to a month ("october sixteenth", "the twentieth of Nov").
_ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
         "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
         "seventeenth", "eighteenth", "nineteenth", "twentieth"],
        start=1,
    )
}  # fmt: skip
_ORDINAL_WORD = rf"(?:(?:twenty|thirty)[\s-]+)?(?:{'|'.join(_ORDINAL_WORDS)})|thirtieth"
# A day said as a number word right after its month ("december eighteen", "jan twenty one").
_CARDINAL_DAYS = {word: value for word, value in lex.QUANTITY_WORDS.items() if 1 <= value <= 31}
# ("may one day" is the modal; "jan one fifty calls" a strike said aloud, "jan five puts" a
# strike: no number word, type or strike word may follow.)
_NUMBER_WORDS = "|".join(sorted(lex.QUANTITY_WORDS, key=len, reverse=True))
_MONTH_CARDINAL_WORD = re.compile(
    rf"\b((?!may\b)(?:{_MONTH_NAMES}))\.?\s+((?:twenty|thirty)[\s-]+"
    rf"(?:{'|'.join(_CARDINAL_DAYS)})|{'|'.join(sorted(_CARDINAL_DAYS, key=len, reverse=True))})"
    rf"\b(?![\s-]+(?:{_NUMBER_WORDS}|calls?|puts?|c|p|strike|hundred)\b)",
    _FLAGS,
)
_DAY_WORD_HINT = re.compile(
    r"first|second|third|th\b|thirtieth|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|teen|twenty|thirty",
    _FLAGS,
)
_MONTH_ORDINAL_WORD = re.compile(
    rf"\b(?:({_MONTH_NAMES})\.?\s+(?:the\s+)?({_ORDINAL_WORD})"
    rf"|({_ORDINAL_WORD})\s+(?:of\s+)?({_MONTH_NAMES}))\b",
    _FLAGS,
)


# Order words typed with two letters swapped ("clsoe my 6 long HOOD ...", "slel", "strkie"):
# a swap of two inner letters keeps the first letter and the length, and no English word of
# these is one swap away from them.
_SWAPPED = {
    word[:i] + word[i + 1] + word[i] + word[i + 2 :]: word
    for word in (
        "close",
        "sell",
        "strike",
        "limit",
        "expiring",
        "shares",
        "contracts",
        "march",
        "april",
        "june",
        "july",
    )
    for i in range(1, len(word) - 1)
    if word[i] != word[i + 1]
}
_SWAPPED_WORD = re.compile(rf"\b(?:{'|'.join(sorted(_SWAPPED, key=len, reverse=True))})\b", _FLAGS)
# A whole word as long as a swapped one: looked up in _SWAPPED before the slower alternation runs.
_SWAP_CANDIDATE = re.compile(
    rf"\b[A-Za-z]{{{min(map(len, _SWAPPED))},{max(map(len, _SWAPPED))}}}\b", re.ASCII
)


# Dictation's homophones of the side opening the message, before a count ("Cell my three QQQ
# 765 puts ...", "By one Spy 860 put ..."); "cell service died" and "by Friday" stay words.
_DICTATED_SIDE = re.compile(
    r"\A(\s*)(cell|by)(?=\s+(?:(?:my|the)\s+)?(?:\d+|"
    + "|".join(sorted(lex.QUANTITY_WORDS, key=len, reverse=True))
    + r")\s+\S)",
    _FLAGS,
)
_DICTATED_WORDS = {"cell": "sell", "by": "buy"}


def _dictated_side(match: re.Match[str]) -> str:
    return match.group(1) + _DICTATED_WORDS[match.group(2).lower()]


def _may_swap(text: str) -> bool:
    """Whether ``text`` holds a word that _SWAPPED_WORD rewrites (a cheap test first)."""
    return any(word.lower() in _SWAPPED for word in _SWAP_CANDIDATE.findall(text))


def _edits(word: str, target: str) -> int:
    """The optimal-string-alignment distance (a transposition is one edit)."""
    rows = [list(range(len(target) + 1))]
    for i, char in enumerate(word, start=1):
        row = [i] + [0] * len(target)
        for j, other in enumerate(target, start=1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (char != other))
            if i > 1 and j > 1 and char == target[j - 2] and word[i - 2] == other:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _month_slip(match: re.Match[str]) -> str:
    word = match.group(0)
    lower = word.lower()
    if lower in lex.MONTHS or len(lower) < 6 or lower.startswith(_LONG_MONTHS):
        return word  # "Augusta": a name that starts with the month, not a slip
    for month in _LONG_MONTHS:
        if month[:3] == lower[:3] and _edits(lower, month) <= 2:
            return month
    return word


def _ordinal_value(words: str) -> str:
    parts = re.split(r"[\s-]+", words.lower())
    value = 30 if parts[-1] == "thirtieth" else _ORDINAL_WORDS[parts[-1]]
    if len(parts) == 2:
        value += 20 if parts[0] == "twenty" else 30
    return f"{value}th"


def _month_cardinal_word(match: re.Match[str]) -> str:
    month, day = match.groups()
    parts = re.split(r"[\s-]+", day.lower())
    value = sum(_CARDINAL_DAYS.get(part, 0) for part in parts)
    return f"{month} {value}" if 1 <= value <= 31 else match.group(0)


def _month_ordinal_word(match: re.Match[str]) -> str:
    month, day, day_first, month_after = match.groups()
    if month is not None:
        return f"{month} {_ordinal_value(day)}"
    return f"{_ordinal_value(day_first)} of {month_after}"


_TABLE_KEY = re.compile(r"[A-Za-z][A-Za-z ./#]{0,15}")


def _key_value_table(text: str) -> str:
    """A table pasted as rows of cells ("Side | Qty | Contract | Limit" over "STO | 2 | SPY
    680p 5/21/27 | 3.10"): each value under its key, one "Key: value" line per cell."""
    lines = text.split("\n")
    for row, header in enumerate(lines[:-1]):
        keys = [cell.strip() for cell in header.strip().strip("|").split("|")]
        values = [cell.strip() for cell in lines[row + 1].strip().strip("|").split("|")]
        if len(keys) < 2 or len(keys) != len(values):
            continue
        if not all(_TABLE_KEY.fullmatch(key) for key in keys) or not all(values):
            continue
        cells = [f"{key}: {value}" for key, value in zip(keys, values, strict=True)]
        return "\n".join([*lines[:row], *cells, *lines[row + 2 :]])
    return text


# Gates: a rewrite below runs only when the text holds a word or a character its pattern
# cannot match without (a substring test costs a fraction of a regex scan).
_ARROW_MARKS = ("->", "=>", "→", "⟶", "➡")
_THOUSANDS_HINT = re.compile(r"\dk", re.IGNORECASE | re.ASCII)
_WEEKDAY_STEMS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# "nxt", "tmrw"/"tomo"/"tommorow", "next wk"/"this wk": what the _RELATIVE patterns need.
_RELATIVE_MARKS = ("nxt", "tm", "tom", "wk")


def _holds(text: str, *words: str) -> bool:
    """Whether ``text`` holds one of the lower-case ``words``, in any case (a cheap gate before
    a case-insensitive pattern that needs one of them)."""
    lower = text.lower()
    return any(word in lower for word in words)


def _names_month(text: str) -> bool:
    """Whether ``text`` may name a month (a cheap test before the month patterns)."""
    lower = text.lower()
    return any(stem in lower for stem in _MONTH_STEMS)


# A call written against shares held ("SELL 5 NVDA 160C 07/21 vs 500 shs LMT 3.25"): desk
# notation for the stock that covers it, not a leg; dropped after an option contract.
_AGAINST_SHARES = re.compile(
    r"(\d[cp]\b|\b(?:calls?|puts?)\b)([^\n]*?)[ \t]+(?:vs\.?|versus|against)[ \t]+"
    r"\d[\d,]*(?:[ \t]*(?:shs|shares|sh)\b|[ \t]+long[ \t]+(?:shs|shares|stock)\b)",
    re.IGNORECASE,
)


# "115/120 cs", "600/590 ps": a call or put spread written as its initials after its strikes.
_SPREAD_INITIALS = re.compile(r"(\d/\$?\d+(?:\.\d+)?)[ \t]+([cp])s\b", re.IGNORECASE)


# "830/825pcs", "740/745CCS": a spread's initials glued to its strikes.
_GLUED_SPREAD_INITIALS = re.compile(r"(?<=\d)(pcs|ccs|pds|cds|bps)\b", re.IGNORECASE)


def _tos_ticker(match: re.Match[str]) -> str:
    """The ticker of a broker's order string without its multiplier; a ticker that is also a
    word ("SELL -1 STRANGLE LOW 100 ...": Lowe's) marked as one, its place is the ticker's."""
    ticker = match.group(1)
    return f"${ticker} " if ticker.lower() in lex.NOT_TICKERS else f"{ticker} "


def _glued_ticker_pair(match: re.Match[str]) -> str:
    letters, pair = match.group(1), match.group(2)
    if letters.lower() in lex.MONTHS or not any(float(part) > 31 for part in pair.split("/")):
        return match.group(0)  # "jun6/1", "t3/4": a month or a date
    return f"{letters} {pair} "


def _spread_initials(match: re.Match[str]) -> str:
    kind = "call" if match.group(2).lower() == "c" else "put"
    return f"{match.group(1)} {kind} spread"


# "closing bell fly", "opening bell scalp": the time of day, neither a closing order nor a
# ticker BELL.
_BELL = re.compile(r"\b(?:closing|opening)[ \t-]*(?=bell\b)", re.IGNORECASE)


def normalize(text: str) -> str:
    """``text`` with date, price and broker-string variants rewritten to the canonical forms."""
    if "-" in text:
        text = _TIMESTAMP.sub(" ", text)
    if "ell" in text:
        text = _BELL.sub("", text)
    text = rewrite_world_forms(text)
    if text.lstrip().startswith("#"):
        text = _OPENING_TAGS.sub(_opening_tags, text)
    if "|" in text and "\n" in text:
        text = _key_value_table(text)
    text = correct_spelling(text)
    if _holds(text, "dte"):
        text = _WORD_ZERO_DTE.sub("0", text)
        text = _SPACED_DTE.sub(r"\1\2", text)
        text = _LETTER_O_DTE.sub("0", text)
    text = _GLUED_COUNT_TICKER.sub(_glued_count_ticker, text)
    text = _GLUED_PRICE_EFFECT.sub(r"\1 \2", text)
    text = _DICTATED_SIDE.sub(_dictated_side, text)
    if _holds(text, "add"):
        text = _ADDING_CREDIT.sub("sell", text)
    if _names_month(text):
        text = _MONTH_SLIP.sub(_month_slip, text)
    if _may_swap(text):
        text = _SWAPPED_WORD.sub(lambda match: _SWAPPED[match.group(0).lower()], text)
    text = _TYPE_SLIP.sub(_type_slip, text)
    text = _LETTER_O_STRIKE.sub(
        lambda match: match.group(1).replace("O", "0").replace("o", "0") + match.group(2), text
    )
    # a cheap look first: most messages write days in digits
    if _names_month(text) and _DAY_WORD_HINT.search(text):
        text = _MONTH_ORDINAL_WORD.sub(_month_ordinal_word, text)
        text = _MONTH_CARDINAL_WORD.sub(_month_cardinal_word, text)
    if " x " in text:
        text = _QUOTE_STATED.sub(_quote_stated, text)
    if any(arrow in text for arrow in _ARROW_MARKS):
        text = _ARROW.sub(" → ", text)  # "2.15->3.40": an update from one price to another
    if "-" in text:
        text = _DASHED_ACTION.sub(r"\1 to \2", text)
    if _holds(text, "open", "close"):
        text = _ACTION_WITHOUT_TO.sub(r"\1 to \2", text)
    text = _SHORT_OPTION_SYMBOL.sub(_short_option_symbol, text)
    if _THOUSANDS_HINT.search(text):
        text = _THOUSANDS_COUNT.sub(_thousands, text)
        text = _THOUSANDS_BEFORE_TICKER.sub(_thousands, text)
        text = _THOUSANDS_AFTER_SIDE.sub(_thousands, text)
        text = _THOUSANDS_STRIKES.sub(_thousands_strikes, text)
    if "round" in text.lower():
        text = _ROUND_LOT.sub(_round_lot, text)
    if "/" in text:
        text = _TICKER_PLURAL_STRIKE.sub(r"\1\2 strike", text)
    if "fri" in text.lower():
        text = _THIRD_FRIDAY.sub(r"\1", text)
    if _holds(text, *_WEEKDAY_STEMS):
        text = _WEEKDAY_BEFORE_DATE.sub("", text)
    text = _GLUED_CODE_COUNT.sub(_glued_code_count, text)
    text = _DOUBLED_ACTION.sub(r"\1", text)
    if "//" in text:
        text = _DOUBLE_SLASH_DATE.sub(r"\1/\2\3", text)
    if ".." in text:
        text = _DOUBLE_POINT.sub(r"\1\2.\3", text)
    if "/" in text:
        text = _GLUED_TYPE_DATE.sub(r"\1 \2", text)
        text = _SPREAD_INITIALS.sub(_spread_initials, text)
        text = _GLUED_SPREAD_INITIALS.sub(r" \1", text)
    text = _GLUED_TICKER_STRIKE.sub(r"\1 \2", text)
    if "/" in text:
        text = _GLUED_TICKER_PAIR.sub(_glued_ticker_pair, text)
    text = _GLUED_LETTER_STRIKE.sub(r"\1\2 \3", text)
    text = _GLUED_COURTESY.sub(r"\1 \2", text)
    if _HAS_PRICE.search(text):
        if ("+" in text or "-" in text) and len(_SIGNED_COUNT.findall(text)) >= 2:
            text = _SIGNED_LEG_INLINE.sub(_signed_leg_inline, text)
        text = _SIGNED_LEG.sub(_signed_leg, text)
        if len(_CODE_LEG.findall(text)) >= 2:
            text = _CODE_LEG_INLINE.sub(" / ", text)
            # each leg writes its own count: a ratio tag after them only names it ("(1x2)")
            text = _RATIO_TAG.sub(" ", text)
    # Below, a rewrite whose pattern needs a character or word runs only when the text holds it
    # (a substring test costs a fraction of a regex scan; most messages hold few of them).
    if "+" in text or "-" in text:
        # the signed count is the quantity ("SELL -1,000 VALE @10.95": 1000)
        text = _TOS_SIGNED_QUANTITY.sub(
            lambda found: f"{found[1]} {found[2].replace(',', '')}x", text
        )
    if "100" in text:
        text = _TOS_MULTIPLIER.sub(_tos_ticker, text)
    if "(" in text:
        text = _SERIES_TAG.sub(" ", text)
    if "/" in text:
        text = _TOS_DATE_PAIR.sub(r"\1 ", text)
    if "/" in text:
        text = _RATE_PERIOD_STOP.sub(r"\1 .", text)  # "+6% y/y. buy ...": the sentence ends
    if _names_month(text):
        if "-" in text:
            text = _DASHED_DAY_MONTH.sub(_glued_day_month, text)
            text = _DASHED_MONTH_DAY.sub(_glued_month_day, text)
        text = _GLUED_DAY_MONTH.sub(_glued_day_month, text)
        text = _GLUED_MONTH_DAY.sub(_glued_month_day, text)
        if "." in text:
            text = _MONTH_DOT.sub(r"\1", text)
        if "of" in text.lower():
            text = _ORDINAL_OF_MONTH.sub(r"\1 \2", text)
    if "'" in text:
        text = _APOSTROPHE_YEAR.sub(r"\1 20\2", text)
    if "-" in text:
        text = _DASHED_DATE.sub(r"\1/\2/\3", text)
    if "20" in text:
        text = _COMPACT_DATE.sub(r"\1-\2-\3", text)
    if "C" in text or "P" in text:
        text = _TYPE_BEFORE_STRIKE.sub(lambda match: match.group(2) + match.group(1).lower(), text)
    if ".X" in text or "^" in text:
        text = _INDEX_SYMBOL.sub(lambda match: match.group(1) or match.group(2), text)
    if "O:" in text:
        text = _OPTION_PREFIX.sub("", text)
    if _holds(text, "gtc"):
        text = _GTC_EXTENDED.sub("gtc", text)
    if _holds(text, *_RELATIVE_MARKS):
        for pattern, replacement in _RELATIVE:
            text = pattern.sub(replacement, text)
    if "pay" in text:
        text = _WILL_PAY_UP_TO.sub(r"\1limit", text)
    if _holds(text, "pay"):
        text = _PAY_UP_TO.sub(r"\1", text)
    if _holds(text, "up"):
        text = _UP_TO_PRICE.sub("limit", text)
    if _holds(text, "max", "min"):
        text = _MAX_MIN_PRICE.sub("limit ", text)
    if _holds(text, "no"):
        text = _NOTHING_ABOVE.sub("limit", text)
    if _holds(text, "not", "won", "don"):
        text = _REFUSED_BOUND.sub("limit", text)
    if _ROLL.search(text):  # "roll ... up to the 420s" (elsewhere "back to the 600s" is a level)
        text = _PLURAL_STRIKE.sub(r"\1\2 strike", text)
    if _holds(text, "write"):
        text = _BUY_WRITE.sub("buywrite", text)
    if "vs" in text.lower() or "against" in text.lower():
        text = _AGAINST_SHARES.sub(r"\1\2", text)
    if _holds(text, "buy", "sell", "purchase"):
        text = _SIDE_AS_NOUN.sub(r"\1", text)
    lower = text.lower()
    if "make" in lower or "do" in lower:
        text = _MAKE_ACTION.sub(r"\1", text)
    if "for" in lower:
        text = _FOR_ME.sub(r"\1 me", text)
    if "hundred" in text.lower():
        text = _HUNDREDS.sub(_hundreds, text)
    if "point" in text.lower():
        text = _SPOKEN_POINT.sub(r"\1.\2", text)
    if _holds(text, "good"):
        text = _GOOD_TIL_CANCELED.sub(_good_til_canceled, text)
    if "," in text:
        text = _COMMA_DECIMAL.sub(r"\1\2.\3", text)
        text = _BARE_COMMA_DECIMAL.sub(r"\1.\2", text)
    lower = text.lower()
    if "and" in lower:
        text = _AND_A_FRACTION.sub(_and_a_fraction, text)
    if "buck" in lower:
        text = _HALF_BUCK.sub("0.50", text)
        text = _BUCKS.sub(_bucks, text)
    if any(coin in lower for coin in _COINS):
        text = _COIN_PRICE.sub(lambda match: match.group(1) + _COINS[match.group(2).lower()], text)
    if "dollar" in text.lower():
        text = _DOLLAR_STRIKE.sub(lambda match: f"{_spoken_value_or_number(match.group(1))} ", text)
        text = _DOLLARS_AND_CENTS.sub(_dollars_and_cents, text)
        text = _PRICE_DOLLARS.sub(
            lambda match: match.group(1) + _spoken_value_or_number(match.group(2)), text
        )
    if "cent" in text.lower():
        text = _CENTS.sub(lambda match: f".{int(match.group(1)):02d}", text)
    if "cent" in text.lower():
        text = _WORD_CENTS.sub(_word_cents, text)
    if "cts" in text.lower():
        text = _CTS_PRICE.sub(lambda match: f"{match.group(1)}.{int(match.group(2)):02d}", text)
    text = rewrite_spoken_amounts(text)
    if " and ." in text:
        text = _AND_CENTS.sub(r"\1.", text)
    if "hundred" in text.lower():
        text = _DETERMINED_HUNDRED.sub(r"\1 100", text)
    if "-" in text:
        text = _NEGATIVE_PRICE.sub(r"\g<1>\2 credit", text)
    if "-" not in text and "+" not in text:
        return text
    text = _DAY_CHANGE.sub(
        lambda match: (
            f"{match.group(1)} {'down' if match.group(2) == '-' else 'up'} {match.group(3)}"
        ),
        text,
    )
    return _LONE_NEGATIVE.sub(r"\1 credit", text)
