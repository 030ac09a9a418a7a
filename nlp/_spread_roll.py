"""A credit spread rolled in plain English, written out as its four legs.

"roll my 2 XSP 905/900 PCS 2/19 down and out to 890/885 PCS 3/5 for a .10 credit", "roll my 3
IWM 250/245 PCS from 10/26 to 11/16 @ .40 cr", "rolling my last SPX 8450/8425 put spread from
11/21 down and out to 12/19, 8350/8325, for .65 credit": the spread held is bought back and the
new one sold, at one net price. :func:`spread_roll_block` rewrites the clause as the block of
lines a trader would write for it ("BTC 2 XSP 905/900 PCS 2/19⏎STO 2 XSP 890/885 PCS 3/5⏎net
.10 credit"), which the leg-block reader reads; the roll itself names no effect, so the caller
drops the block's.

A spread named without "credit" ("put spread") is read as a credit spread only when its first
strike is the one sold (the higher put, the lower call), as traders write a credit spread; any
other roll of a spread stays refused (send each leg).
"""

from __future__ import annotations

import re
from decimal import Decimal

_NUMBER = r"\d+(?:\.\d+)?"
_DATE = r"\d{1,2}/\d{1,2}(?:/\d{2,4})?"
_KIND = (
    r"pcs|ccs|(?:put|call)[ \t]+(?:credit[ \t]+)?spreads?|(?:bull[ \t]+put|bear[ \t]+call)"
    r"(?:[ \t]+spreads?)?"
)
# the new expiration may be a month's name ("... up and out to 9300/9250 March")
_NEW_DATE = (
    rf"{_DATE}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
    r"(?:[ \t]+\d{1,2}(?:st|nd|rd|th)?)?"
)
_ROLL = re.compile(
    r"(?:\A|(?<=[.!?:;\n])|(?<=,))[ \t]*(?:(?:i'?m|ok(?:ay)?|so|now)[ \t]+)*roll(?:ing)?[ \t]+"
    # one side of a condor held: "roll the put side of my SPX condor, 9200/9150 1/21, ..."
    r"(?:the[ \t]+(?P<side>put|call)[ \t]+side[ \t]+of[ \t]+)?"
    r"(?:my[ \t]+)?(?:last[ \t]+)?(?:(?P<count>\d{1,3})[ \t]+)?\$?(?P<ticker>[A-Za-z]{1,5})[ \t]+"
    rf"(?:(?P<a>{_NUMBER})/(?P<b>{_NUMBER})[ \t]+(?P<kind>{_KIND})"
    rf"|(?(side)(?:iron[ \t]+)?(?:condor|ic)s?,?[ \t]+(?P<sa>{_NUMBER})/(?P<sb>{_NUMBER}),?|(?!)))"
    r"[ \t]+(?:from[ \t]+)?"
    rf"(?P<old>{_DATE}),?[ \t]+(?:(?:down|up|out)(?:[ \t]+(?:and|&)[ \t]+(?:down|up|out))?[ \t]+)?"
    rf"to[ \t]+(?:(?P<c>{_NUMBER})/(?P<d>{_NUMBER})[ \t]+(?:(?:{_KIND})[ \t]+)?)?"
    rf"(?P<new>{_NEW_DATE})"
    rf"(?:,?[ \t]+(?P<e>{_NUMBER})/(?P<f>{_NUMBER}))?"
    r"[ \t]*,?[ \t]+(?:(?:for|@|at)[ \t]+)?(?:an?[ \t]+)?\$?(?P<price>\d*\.?\d+)[ \t]*"
    r"(?P<net>credit|debit|cr|db)\b[ \t]*[.!]?[ \t]*\Z",
    re.IGNORECASE,
)
_CREDIT_WORDS = frozenset({"credit", "cr"})


def spread_roll_block(text: str) -> tuple[str, str] | None:
    """The legs block of the credit spread ``text`` rolls in its last clause, and the text
    before that clause (the lead), or None when ``text`` ends with no such roll."""
    match = _ROLL.search(text.rstrip())
    if match is None:
        return None
    held_a, held_b = match["a"] or match["sa"], match["b"] or match["sb"]
    short, long = Decimal(held_a), Decimal(held_b)
    kind = (match["kind"] or match["side"]).lower()
    puts = kind == "pcs" or kind.startswith(("put", "bull"))
    if short == long or (short < long if puts else short > long):
        return None  # the first strike is not the one sold: not written as a credit spread
    code = "PCS" if puts else "CCS"
    new_short, new_long = match["c"] or match["e"], match["d"] or match["f"]
    if (new_short is None) != (new_long is None):
        return None
    if new_short is None:
        new_short, new_long = held_a, held_b  # "from 10/26 to 11/16": same strikes
    count = match["count"] or "1"
    ticker = match["ticker"].upper()
    net = "credit" if match["net"].lower() in _CREDIT_WORDS else "debit"
    block = (
        f"BTC {count} {ticker} {held_a}/{held_b} {code} {match['old']}\n"
        f"STO {count} {ticker} {new_short}/{new_long} {code} {match['new']}\n"
        f"net {match['price']} {net}"
    )
    return block, text[: match.start()]
