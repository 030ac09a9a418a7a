"""A vertical spread rolled in plain English, written out as its four legs.

"roll my 2 XSP 905/900 PCS 2/19 down and out to 890/885 PCS 3/5 for a .10 credit", "roll my 3
IWM 250/245 PCS from 10/26 to 11/16 @ .40 cr", "rolling my last SPX 8450/8425 put spread from
11/21 down and out to 12/19, 8350/8325, for .65 credit": the spread held is bought back and the
new one sold, at one net price. :func:`spread_roll_block` rewrites the clause as the block of
lines a trader would write for it ("BTC 2 XSP 905/900 PCS 2/19⏎STO 2 XSP 890/885 PCS 3/5⏎net
.10 credit"), which the leg-block reader reads; the roll itself names no effect, so the caller
drops the block's.

A spread is read only when its first strike is the one further in the money (the higher put,
the lower call), as traders write one: the strike sold of a credit spread, the strike bought
of a debit spread; any other roll of a spread stays refused (send each leg). A spread named
without "debit" ("put spread") is read as a credit spread, bought back and the new one sold; a
debit spread ("PDS", "CDS", "debit spread", or one the writer holds "long") is sold and the new
one bought ("roll my 4 long SPX 9700/9500 PDS 7/20 out to the 9800/9600 PDS Aug for
26.10 debit").
"""

from __future__ import annotations

import re
from decimal import Decimal

_NUMBER = r"\d+(?:\.\d+)?"
_DATE = r"\d{1,2}/\d{1,2}(?:/\d{2,4})?"
_KIND = (
    r"pcs|ccs|pds|cds|(?:put|call)[ \t]+(?:(?:credit|debit)[ \t]+)?spreads?"
    r"|(?:bull[ \t]+put|bear[ \t]+call)(?:[ \t]+spreads?)?"
)
# the new expiration may be a month's name ("... up and out to 9300/9250 March")
_NEW_DATE = (
    rf"{_DATE}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
    r"(?:[ \t]+\d{1,2}(?:st|nd|rd|th)?)?"
)
_ROLL = re.compile(
    r"(?:\A|(?<=[.!?:;\n▸»→])|(?<=,))[ \t]*(?:(?:i'?m|ok(?:ay)?|so|now)[ \t]+)*roll(?:ing)?[ \t]+"
    # one side of a condor held: "roll the put side of my SPX condor, 9200/9150 1/21, ..."
    r"(?:the[ \t]+(?P<side>put|call)[ \t]+side[ \t]+of[ \t]+)?"
    r"(?:(?:my|the)[ \t]+)?(?:last[ \t]+)?(?:(?P<count>\d{1,3})[ \t]+)?"
    r"(?:(?:(?P<long>long)|short)[ \t]+)?"
    r"\$?(?P<ticker>[A-Za-z]{1,5})[ \t]+"
    rf"(?:(?P<a>{_NUMBER})/(?P<b>{_NUMBER})[ \t]+(?P<kind>{_KIND})"
    rf"|(?(side)(?:iron[ \t]+)?(?:condor|ic)s?,?[ \t]+(?P<sa>{_NUMBER})/(?P<sb>{_NUMBER}),?|(?!)))"
    r"[ \t]+(?:from[ \t]+)?"
    rf"(?P<old>{_NEW_DATE}),?[ \t]+"
    r"(?:(?:down|up|out)(?:[ \t]+(?:and|&)[ \t]+(?:down|up|out))?[ \t]+)?"
    rf"to[ \t]+(?:the[ \t]+)?(?:(?P<c>{_NUMBER})/(?P<d>{_NUMBER})[ \t]+(?:(?:{_KIND})[ \t]+)?)?"
    rf"(?P<new>{_NEW_DATE})"
    rf"(?:,?[ \t]+(?P<e>{_NUMBER})/(?P<f>{_NUMBER}))?"
    r"[ \t]*,?[ \t]+(?:(?:for|@|at)[ \t]+)?(?:an?[ \t]+)?\$?(?P<price>\d*\.?\d+)[ \t]*"
    r"(?P<net>credit|debit|cr|db)\b[ \t]*[.!]?[ \t]*\Z",
    re.IGNORECASE,
)
_CREDIT_WORDS = frozenset({"credit", "cr"})


def spread_roll_block(text: str) -> tuple[str, str] | None:
    """The legs block of the vertical spread ``text`` rolls in its last clause, and the text
    before that clause (the lead), or None when ``text`` ends with no such roll."""
    match = _ROLL.search(text.rstrip())
    if match is None:
        return None
    held_a, held_b = match["a"] or match["sa"], match["b"] or match["sb"]
    kind = (match["kind"] or match["side"]).lower()
    puts = kind in ("pcs", "pds") or kind.startswith(("put", "bull"))
    debit = kind in ("pds", "cds") or "debit" in kind or match["long"] is not None
    first, second = Decimal(held_a), Decimal(held_b)
    if first == second or (first < second if puts else first > second):
        return None  # the first strike is not the one further in the money: unclear
    code = ("PDS" if puts else "CDS") if debit else ("PCS" if puts else "CCS")
    close, open_ = ("STC", "BTO") if debit else ("BTC", "STO")
    new_short, new_long = match["c"] or match["e"], match["d"] or match["f"]
    if (new_short is None) != (new_long is None):
        return None
    if new_short is None:
        new_short, new_long = held_a, held_b  # "from 10/26 to 11/16": same strikes
    count = match["count"] or "1"
    ticker = match["ticker"].upper()
    net = "credit" if match["net"].lower() in _CREDIT_WORDS else "debit"
    block = (
        f"{close} {count} {ticker} {held_a}/{held_b} {code} {match['old']}\n"
        f"{open_} {count} {ticker} {new_short}/{new_long} {code} {match['new']}\n"
        f"net {match['price']} {net}"
    )
    return block, text[: match.start()]


# A roll written as its two spreads on one line, apart by " / ", the net price after the
# second ("roll: BTC 2 AAPL 335/330 PCS 2/3 / STO 2 AAPL 345/340 PCS 2/17 @ .65 credit").
_PAIR_PART = re.compile(
    rf"\A(?:btc|stc|bto|sto)[ \t]+\d{{1,3}}[ \t]+\$?[A-Za-z]{{1,5}}[ \t]+{_NUMBER}/{_NUMBER}"
    rf"[ \t]+(?:{_KIND})[ \t]+(?:{_NEW_DATE})",
    re.IGNORECASE,
)
_PAIR_PRICE = re.compile(
    r"[ \t]*(?:@|\bfor|\bat)[ \t]*(?:an?[ \t]+)?\$?(?P<price>\d*\.?\d+)[ \t]*"
    r"(?P<net>credit|debit|cr|db)?\b[ \t]*[.!]?[ \t]*\Z",
    re.IGNORECASE,
)
_PAIR_LEAD = re.compile(r"\A[ \t]*(?:roll(?:ing)?[ \t]*:?[ \t]*)?", re.IGNORECASE)
_PAIR_SPLIT = re.compile(r"[ \t]+/[ \t]+")


def spread_pair_block(text: str) -> str | None:
    """The legs block of a roll written as two spreads apart by " / " (see above), or None."""
    parts = _PAIR_SPLIT.split(_PAIR_LEAD.sub("", text, count=1).strip())
    if len(parts) != 2:
        return None
    price = _PAIR_PRICE.search(parts[1])
    if price is None:
        return None
    first, second = parts[0], parts[1][: price.start()]
    if not all(_PAIR_PART.fullmatch(part.strip()) for part in (first, second)):
        return None
    net = f" {price['net']}" if price["net"] else ""
    return f"{first}\n{second.strip()}\nnet {price['price']}{net}"
