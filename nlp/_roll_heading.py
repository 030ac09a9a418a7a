"""A roll's heading and legs that refer back to it.

A trader rolling a position often names the contract once, in the heading, and then writes
each leg by the one thing that changes: "roll my AAPL 260c 11/17 up: STC the 260, BTO the 270,
.90 debit" (the strikes; the ticker, type and date are the heading's), "roll my IWM 230p: buy
the 7/21, sell the 8/18, .40 credit" (the dates; the ticker, strike and type are the
heading's), "roll 1 AAPL 260c 10/27 up and out to the 11/17 270c: STC the 260, BTO the 270"
(both contracts named in the heading, each leg picks one by its strike).

:func:`complete_roll_legs` writes such legs out in full ("STC 1 AAPL 260c 11/17") so the
message reads as a roll written leg by leg. It only completes the legs; whether the message is
an order at all (a question, a condition, a roll already done) is left to the rest of the
parser, which reads the completed text as it would the one written in full.
"""

from __future__ import annotations

import re

from nlp import _lexicon as lex

# The clause right before the colon rolls now: "roll", "rolling", after "I'm", "so", "ok",
# "time to", "let's" (a question, a condition or a past roll opens with other words).
_ROLL_HEADING = re.compile(
    r"(?:\A|(?<=[.!?;,\n])[ \t]*)"
    r"((?:(?:i'?m|we'?re|ok(?:ay)?|so|now|time[ \t]+to|let'?s)[ \t]+)*roll(?:ing)?\b"
    r"(?:[^:.!?;\n]|\.(?=\d))*)"
    r":[ \t]+(?=\S)",
    re.IGNORECASE,
)
_TICKER = re.compile(r"(?<![\w$/.])\$?([A-Z]{1,5})\b(?![/.]\d)")
_NUMBER = r"\d+(?:\.\d+)?"
_DATE = r"\d{1,2}/\d{1,2}(?:/\d{2,4})?"
# A contract in the heading: a strike with its type ("260c", "230 put", "50 covered call"),
# its date right before or after it when written ("260c 10/27", "the 11/17 270c").
_HEAD_CONTRACT = re.compile(
    rf"(?<![\w./$-])(?:({_DATE})[ \t]+)?({_NUMBER})"
    rf"(?:([cp])\b|[ \t]+(?:covered[ \t]+)?(call|put)s?\b)(?:[ \t]+({_DATE})\b)?",
    re.IGNORECASE,
)
# A count before the ticker: "roll 1 AAPL ...", "roll 2 of my IWM ...", "roll my 3 KO ...".
_HEAD_COUNT = re.compile(
    r"\broll(?:ing)?[ \t]+(?:(?:my|the|out|up|down)[ \t]+)*(\d+)[ \t]+(?:x[ \t]+)?"
    r"(?:of[ \t]+)?(?:(?:my|the)[ \t]+)?\$?[A-Z]{1,5}\b"
    r"|\broll(?:ing)?[ \t]+(?:(?:my|the|out|up|down)[ \t]+)*\$?[A-Z]{1,5}[ \t]+x(\d+)\b",
    re.IGNORECASE,
)
_ACTION = (
    r"(?:bto|sto|btc|stc|buy(?:[ \t]+to[ \t]+(?:open|close)|[ \t]+back)?"
    r"|sell(?:[ \t]+to[ \t]+(?:open|close))?)"
)
_MONTH = "|".join(sorted(lex.MONTHS, key=len, reverse=True))
# A leg that names only a strike ("STC the 260", "BTO the 270c") or only a date ("buy the
# 7/21", "sell the 8/18 one", or the month of a date the heading writes: "sell the Dec, buy the
# March"), its price after it or nothing ("sto the 8/18 for .35 credit").
_SHORT_LEG = re.compile(
    rf"\A[ \t]*({_ACTION})[ \t]+the[ \t]+(?:({_DATE})|({_MONTH})\b|({_NUMBER})([cp])?s?)"
    r"(?:[ \t]+one)?"
    r"(?=[ \t]*\Z|[ \t]*@|[ \t]+(?:for|at)[ \t]+[$.\d])",
    re.IGNORECASE,
)
_LEG_SPLIT = re.compile(r"([ \t]*(?:,|;|(?<!\d)/(?!\d)|\band\b|\bthen\b)[ \t]*)", re.IGNORECASE)


def _heading_contracts(heading: str) -> list[tuple[str, str, str | None]]:
    """(strike, "c"/"p", date or None) for each contract the heading names."""
    found = []
    for match in _HEAD_CONTRACT.finditer(heading):
        before, strike, letter, word, after = match.groups()
        kind = (letter or word[0]).lower()
        found.append((strike, kind, after or before))
    return found


def _heading_date(heading: str, month: int) -> str | None:
    """The one date the heading writes in ``month`` ("12/15" for "the Dec"), or None."""
    dates = {match.group(0) for match in re.finditer(_DATE, heading)}
    found = [date for date in dates if int(date.split("/")[0]) == month]
    return found[0] if len(found) == 1 else None


# A leg that names only its code and its count, the heading naming both contracts: "roll XSP
# 540c 5/29 to 5/31: STC 6 / BTO 6 @ .25 db", "roll AAPL 210p 9/13 down and out to the 205p
# 10/4⏎BTC 1 / STO 1 for .30 credit". The closing code takes the contract rolled from, the
# opening code the one rolled to.
_COUNT_LEG = re.compile(
    r"\A[ \t]*(bto|sto|btc|stc)(?:[ \t]+(\d{1,4})(?:[ \t]*x)?)?"
    r"(?=[ \t]*\Z|[ \t]*@|[ \t]+(?:for|at)[ \t]+[$.\d])",
    re.IGNORECASE,
)
# ... and its heading may be a line of its own, with no colon (also the line that announces legs
# written out in full: nlp._leg_list).
ROLL_HEADING_LINE = re.compile(
    r"\A[\W_]*((?:(?:i'?m|we'?re|ok(?:ay)?|so|now|time[ \t]+to|let'?s)[ \t]+)*"
    # the ticker and its price or a mood may come first: "NIO 4.98 😬 rolling", "NVDA roll ↗️"
    r"(?:\$?[A-Z]{1,5}\b[^\n:?a-z]*?)?roll(?:ing)?\b"
    r"[^:\n?]*?):?[ \t]*\n\s*(?=\S)",
    re.IGNORECASE,
)
_TO = re.compile(r"\bto\b", re.IGNORECASE)


def _roll_contracts(heading: str) -> tuple[tuple[str, str, str], tuple[str, str, str]] | None:
    """The contract a roll's heading rolls from and the one it rolls to, each (strike, "c"/"p",
    date); the second takes from the first what it does not write ("540c 5/29 to 5/31")."""
    cut = [match.start() for match in _TO.finditer(heading)]
    if not cut:
        return None
    before, after = heading[: cut[-1]], heading[cut[-1] :]
    rolled = _heading_contracts(before)
    if len(rolled) != 1:
        return None
    strike, kind, when = rolled[0]
    if when is None:
        return None
    target = _heading_contracts(after)
    if len(target) == 1:
        to_strike, to_kind, to_when = target[0]
        if to_kind != kind:
            return None
        to = (to_strike, kind, to_when or when)
    else:
        dates = re.findall(_DATE, after)
        if target or len(dates) != 1:
            return None
        to = (strike, kind, dates[0])
    return ((strike, kind, when), to) if to != (strike, kind, when) else None


def _complete_count_legs(text: str, heading_end: int, heading: str, ticker: str) -> str | None:
    """``text`` with the two legs after the heading that name only a code and a count written
    out in full (see _COUNT_LEG), or None."""
    contracts = _roll_contracts(heading)
    if contracts is None:
        return None
    count_match = _HEAD_COUNT.search(heading)
    head_count = (count_match.group(1) or count_match.group(2)) if count_match else None
    parts = _LEG_SPLIT.split(text[heading_end:])
    legs = [
        (index, match)
        for index, part in enumerate(parts)
        if (match := _COUNT_LEG.match(part)) is not None
    ]
    if len(legs) != 2 or legs[1][0] - legs[0][0] != 2:
        return None
    closing = {code.lower() in ("btc", "stc") for code in (m.group(1) for _, m in legs)}
    if closing != {True, False}:
        return None  # one leg closes the contract rolled from, the other opens the new one
    for index, match in legs:
        code, count = match.group(1), match.group(2) or head_count
        strike, kind, when = contracts[0] if code.lower() in ("btc", "stc") else contracts[1]
        size = f"{count} " if count else ""
        parts[index] = f"{code} {size}{ticker} {strike}{kind} {when}" + parts[index][match.end() :]
    head = text[:heading_end].rstrip()
    return f"{head if head.endswith(':') else head + ':'} {''.join(parts)}"


def complete_roll_legs(text: str) -> str | None:
    """``text`` with the short legs after a roll's heading written out in full (see the module
    docstring), or None when the message holds no such heading and legs."""
    heading_match = _ROLL_HEADING.search(text)
    line_match = ROLL_HEADING_LINE.match(text)
    if line_match is not None and (heading_match is None or line_match.end() < heading_match.end()):
        heading_match = line_match
    if heading_match is None:
        return None
    heading = heading_match.group(1)
    tickers = {
        match.group(1)
        for match in _TICKER.finditer(heading)
        if match.group(1).lower() not in lex.NOT_TICKERS
    }
    if len(tickers) != 1:
        return None
    ticker = tickers.pop()
    contracts = _heading_contracts(heading)
    if not contracts:
        return None
    if _COUNT_LEG.match(_LEG_SPLIT.split(text[heading_match.end() :], maxsplit=1)[0]):
        return _complete_count_legs(text, heading_match.end(), heading, ticker)
    count_match = _HEAD_COUNT.search(heading)
    count = (count_match.group(1) or count_match.group(2)) if count_match else None
    body = text[heading_match.end() :]
    parts = _LEG_SPLIT.split(body)
    legs = [
        (index, match)
        for index, part in enumerate(parts)
        if (match := _SHORT_LEG.match(part)) is not None
    ]
    if len(legs) != 2 or legs[1][0] - legs[0][0] != 2:
        return None  # two legs, one right after the other
    sides = set()
    for index, match in legs:
        action, date, month, strike, letter = match.groups()
        sides.add("buy" if action.lower().startswith("b") else "sell")
        if month is not None:
            date = _heading_date(heading, lex.MONTHS[month.lower()])
            if date is None:
                return None  # the heading writes no date, or several, in that month
        if date is not None:
            if len({(s, k) for s, k, _ in contracts}) != 1:
                return None  # which strike the date goes with is not said
            strike, kind = contracts[0][0], contracts[0][1]
        else:
            same = [
                c
                for c in contracts
                if c[0] == strike and (letter is None or c[1] == letter.lower())
            ]
            source = same[0] if same else (contracts[0] if len(contracts) == 1 else None)
            if source is None or source[2] is None:
                return None
            kind, date = source[1], source[2]
            if letter is not None and letter.lower() != kind:
                return None
        size = f"{count} " if count else ""
        written = f"{action} {size}{ticker} {strike}{kind} {date}"
        parts[index] = written + parts[index][match.end() :]
    if sides != {"buy", "sell"}:
        return None
    return text[: heading_match.end()] + "".join(parts)
