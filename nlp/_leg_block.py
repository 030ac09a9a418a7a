"""Orders written as a block of lines: a heading, one line per leg, a closing line with the price.

Alert rooms and traders' own notes lay a spread out over several lines, each in its own way::

    CSCO earnings tonight, iron condor        SMH March IC
    1- sell 4 CSCO 66p                        ```
    2- buy 4 CSCO 64p                         -3 SMH   340317P00290000
    3- sell 4 CSCO 75c                        +3 SMH   340317P00280000
    4- buy 4 CSCO 77c                         ```
    exp this week, .62 credit                 LMT 2.40 CR, sending now

    PFE 30p roll down and out                 XLF March IC
    OUT ➜ buy to close 4 PFE 30p 2/17         side  qty  type  strike
    IN ➜ sell to open 4 PFE 29p 3/17          sell   5   put    52
    .12 cr                                    ...

The legs are the lines that open (after a bullet, a number, an emoji or a label such as "OUT ➜",
"long:") with a side: an alert code, buy/sell, long/short or a sign ("+2", "-4"); a table's
rows are legs too, their cells named by the header row. The lines before the legs are the
heading, the lines after them the close; between them they may lend every leg the ticker, the
date, the count ("2 spreads") and the effect ("closing"), and must hold exactly one net price
(or say "mkt"). Each leg is read by the ordinary parser; the block is one order only when every
leg is one complete option on one underlying (or the shares of a buy-write) and the guard lets
the words around the legs stand. One leg under a heading, its price below, is read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from nlp import _lexicon as lex
from nlp._leg_list import (
    HEAD_TICKER,
    MAX_LEGS,
    OWN_COUNT,
    SHARES,
    LegReading,
    ReadPart,
    SharedFields,
    completed_leg,
    context_effect,
    is_buy_write,
    names_no_ticker,
    net_direction,
    option_leg,
    share_leg,
    shared_expiration,
    strategy_of,
)
from nlp._models import Effect, Leg, ParsedOrder, PriceEffect, TimeInForce

# At most this many lines of heading before the legs and of close after them.
MAX_HEAD_LINES = 2
MAX_TAIL_LINES = 3

FENCE_LINE = re.compile(r"\A\s*```\w*\s*\Z")
_TABLE_RULE = re.compile(r"\A\s*\|?(?:\s*:?-{2,}:?\s*\|?)+\s*\Z")
# What may stand before a leg's side: bullets, emoji, arrows, a leg number ("1.", "2)", "3-").
_DECORATION = re.compile(
    r"\A(?:[^\w+\-]|[+-](?!\d)|_)*"
    r"(?:(?:leg\s*\d\s*[.):-]?|\d\s*[.):-])\s*(?:[^\w+\-]|-(?!\d))*)?",
    re.IGNORECASE,
)
# ... and a courtesy before it: "Please buy 3 QQQ August 600 puts and sell 3 ...".
_POLITE = re.compile(r"\A(?:please|pls|plz|kindly)[ \t,]+", re.IGNORECASE)
# A label naming the leg's role, closed by a colon or an arrow: "OUT ➜", "IN:", "long:".
_LABEL = re.compile(
    r"\A(?P<label>out|in|close|open|old|new|long|short)\s*(?::|[➜→⟶>]+|-+>|=>)\s*",
    re.IGNORECASE,
)
_LABEL_EFFECT: dict[str, Effect] = {
    "out": "close", "close": "close", "old": "close", "in": "open", "open": "open", "new": "open"
}  # fmt: skip
_LABEL_SIDE = {"long": "buy", "short": "sell"}
_CODES = frozenset({"bto", "sto", "btc", "stc"})
_CONTRACT = re.compile(
    r"\d(?:\.\d+)?\s?(?:c|p|calls?|puts?)\b|\b[A-Z]{1,6}\s*\d{6}[CP]\d{8}\b"
    # a spread by its strikes and initials ("8325/8300 PCS"), one line of a roll
    r"|\d/\d+(?:\.\d+)?\s*(?:pcs|ccs|pds|cds|bps)\b",
    re.IGNORECASE,
)
# An OCC symbol: root, yymmdd, C/P, strike times 1000 in eight digits.
OCC_SYMBOL = re.compile(
    r"\b(?P<root>[A-Z]{1,6})\s*(?P<yy>\d\d)(?P<mm>\d\d)(?P<dd>\d\d)(?P<cp>[CP])(?P<strike>\d{8})\b"
)
_SIDE = re.compile(
    r"\A(?:(?P<code>bto|sto|btc|stc)\b|(?P<word>buy(?:ing)?|sell(?:ing)?|long|short)\b"
    r"(?P<to>\s+to\s+(?:open|close)\b)?|(?P<sign>[+-])(?=\d))\s*",
    re.IGNORECASE,
)


# A broker's leg line with the side last: "SPY 2029-12-28 Put 680 Sell to Open x2".
_TRAILING_SIDE = re.compile(
    r"\s+(?P<side>(?:buy|sell)(?:\s+to\s+(?:open|close))?|bto|sto|btc|stc)"
    r"(?:\s+x\s?(?P<count>\d{1,4}))?\s*\Z",
    re.IGNORECASE,
)
# The type before the strike ("Put 680"): written the way the parser reads it, "680 Put".
_TYPE_FIRST = re.compile(
    r"\b(?P<type>calls?|puts?)\s+(?P<strike>\d{1,5}(?:\.\d{1,2})?)\b(?![./]\d|\s*(?:calls?|puts?)\b)",
    re.IGNORECASE,
)
_BARE_STRIKE = re.compile(r"\A\d{1,5}(?:\.\d{1,2})?[ \t]+(?:calls?|puts?)\b", re.IGNORECASE)


def occ_as_words(match: re.Match[str]) -> str:
    """An OCC symbol as a trader writes the contract ("SMH 290p 2034-03-17")."""
    strike = Decimal(match.group("strike")) / 1000
    day = f"20{match.group('yy')}-{match.group('mm')}-{match.group('dd')}"
    return f"{match.group('root')} {strike.normalize():f}{match.group('cp').lower()} {day}"


# A broker's date: day, month, two-digit year ("17MAR34").
_DAY_MONTH_YEAR = re.compile(
    r"\b(?P<day>\d{1,2})(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?P<year>\d\d)\b",
    re.IGNORECASE,
)


def _iso_day(match: re.Match[str]) -> str:
    month = lex.MONTHS[match.group("month").lower()]
    return f"20{match.group('year')}-{month:02d}-{int(match.group('day')):02d}"


# Shares written as a count and a ticker alone ("buy 100 NVDA" over "sell 1 NVDA 310c 8/15").
_COUNTED_TICKER = re.compile(r"[ \t]*\d{2,5}[ \t]+\$?[A-Z]{1,5}[ \t]*")


def _leg_text(part: str, effect: Effect | None, labelled_side: str | None) -> str | None:
    """One leg as the ordinary parser reads it ("buy to close 4 PFE 30p 2/17"): its side made a
    word, the effect of its label written in; None when ``part`` is no leg."""
    side = _SIDE.match(part)
    trailing = _TRAILING_SIDE.search(part) if side is None else None
    if trailing is not None:
        # "SPY 2029-12-28 Put 680 Sell to Open x2": the side and the count after the contract
        count = f" {trailing.group('count')}" if trailing.group("count") else ""
        part = f"{trailing.group('side')}{count} {part[: trailing.start()]}"
        side = _SIDE.match(part)
    if side is None and labelled_side is None:
        return None
    rest = part[side.end() :] if side is not None else part
    if not (_CONTRACT.search(rest) or SHARES.search(rest) or _COUNTED_TICKER.fullmatch(rest)):
        return None  # (the shares of a buy-write: "buy 200 F shares", "buy 100 NVDA")
    rest = _DAY_MONTH_YEAR.sub(_iso_day, OCC_SYMBOL.sub(occ_as_words, rest))
    rest = _TYPE_FIRST.sub(r"\g<strike> \g<type>", rest)
    if _BARE_STRIKE.match(rest):
        rest = f"the {rest}"  # "- 195 put" under "buying the 2/24 strangle:": a strike, no count
    if side is not None and side.group("code"):
        return f"{side.group('code')} {rest}"
    if side is None:
        word = labelled_side or ""
        if word.lower() in _CODES:
            return f"{word} {rest}"
    elif side.group("sign"):
        word = "buy" if side.group("sign") == "+" else "sell"
    else:
        said = side.group("word").lower()
        word = "buy" if said.startswith(("buy", "long")) else "sell"
        if side.group("to"):
            return f"{word}{side.group('to')} {rest}"
    return f"{word} to {effect} {rest}" if effect else f"{word} {rest}"


# Legs written on one line: "BTC 4 CSCO 66p / STC 4 CSCO 64p", "buying the 400 put, selling
# the 380 put", "selling 835 put and 890 call" (the second leg sold too).
_SAME_LINE = re.compile(r"\s+/\s+|,\s+|\s+(?:and|&)\s+", re.IGNORECASE)


def _line_legs(line: str, heading_side: str | None = None) -> list[str] | None:
    """The legs one line writes, or None for a line that is no leg. ``heading_side`` is the
    side of a heading line over bare legs ("buying the 2/24 strangle:" over "- 195 put")."""
    body = _POLITE.sub("", _DECORATION.sub("", line, count=1))
    effect: Effect | None = None
    labelled_side = heading_side
    label = _LABEL.match(body)
    if label is not None:
        name = label.group("label").lower()
        effect = _LABEL_EFFECT.get(name)
        labelled_side = _LABEL_SIDE.get(name, labelled_side)
        body = _DECORATION.sub("", body[label.end() :], count=1)
    if _SAME_LINE.search(body):
        legs: list[str] = []
        side = labelled_side
        for part in _SAME_LINE.split(body):
            leg = _leg_text(part.strip(), effect, side)
            if leg is None:
                break
            legs.append(leg)
            side = leg.split(maxsplit=1)[0]  # "selling 835 put and 890 call": both sold
        else:
            return legs
    leg = _leg_text(body.strip(), effect, labelled_side)
    return None if leg is None else [leg]


# --- tables: a header row naming the columns, a row per leg ---------------------------------------
_COLUMNS = {
    "side": "side", "action": "side", "qty": "count", "quantity": "count", "size": "count",
    "contracts": "count", "strike": "strike", "type": "type", "c/p": "type", "exp": "date",
    "expiration": "date", "expiry": "date", "date": "date", "leg": "leg", "#": "number",
}  # fmt: skip


def _cells(line: str) -> list[str]:
    if "|" in line:
        return [cell.strip() for cell in line.strip().strip("|").split("|")]
    return line.split()


def _header(line: str) -> list[str] | None:
    """The role of each column of a table's header row, or None for a line that is none."""
    roles = [_COLUMNS.get(cell.lower()) for cell in _cells(line)]
    if len(roles) < 3 or None in roles or "strike" not in roles:
        return None
    return [role for role in roles if role is not None]


def _row_leg(cells: list[str], roles: list[str]) -> list[str] | None:
    """A table row as the leg it writes ("sell 5 52p"), or None."""
    row = dict(zip(roles, cells, strict=True))
    leg_words = row.get("leg", "").lower().split()
    effect = next((_LABEL_EFFECT[word] for word in leg_words if word in _LABEL_EFFECT), None)
    side = row.get("side") or next(
        (_LABEL_SIDE[word] for word in leg_words if word in _LABEL_SIDE), ""
    )
    option_type = row.get("type", "") or next(
        (word for word in leg_words if word in ("put", "call")), ""
    )
    strike = row["strike"]
    letter = option_type[:1].lower() if option_type[:1].lower() in ("c", "p") else ""
    if letter and strike[-1:].lower() in ("c", "p"):
        letter = ""
    words = [side, row.get("count", ""), f"{strike}{letter}", row.get("date", "")]
    leg = _leg_text(" ".join(word for word in words if word), effect, None)
    return None if leg is None else [leg]


# --- the block: heading lines, leg lines, closing lines ------------------------------------------
@dataclass(frozen=True, slots=True)
class _Block:
    head: list[str]
    legs: list[str]
    tail: list[str]

    @property
    def context(self) -> str:
        """The lines around the legs."""
        return "\n".join([*self.head, *self.tail])


# An alert code heading the block ("STO put spread:" over "-1 ... 640 P" and "+1 ... 635 P"):
# the effect of every leg; the legs' own signs or words say their sides.
_HEADING_CODE = re.compile(r"\A\W*(?P<code>bto|sto|btc|stc)\b", re.IGNORECASE)


def _heading_code_effect(head: list[str]) -> Effect | None:
    effects: set[Effect] = {
        "open" if match.group("code").lower().endswith("o") else "close"
        for line in head
        if (match := _HEADING_CODE.match(line)) is not None
    }
    return effects.pop() if len(effects) == 1 else None


# A heading line over bare legs, its side for all of them: "buying the 2/24 strangle:".
_SIDE_HEADING = re.compile(r"\b(buy(?:ing)?|sell(?:ing)?)\b[^:\n]*:\s*\Z", re.IGNORECASE)


def _rows(text: str) -> list[tuple[str, list[str] | None]]:
    """Each line of ``text`` that is not a code fence, a blank or a table's rule, with the legs
    it writes (a table's header row names the columns and is no row of its own)."""
    rows: list[tuple[str, list[str] | None]] = []
    roles: list[str] | None = None
    heading_side: str | None = None
    for line in text.split("\n"):
        if not line.strip() or FENCE_LINE.match(line) or _TABLE_RULE.match(line):
            continue
        if roles is not None:
            cells = _cells(line)
            if len(cells) == len(roles):
                rows.append((line, _row_leg(cells, roles)))
                continue
            roles = None
        roles = _header(line)
        if roles is not None:
            continue
        legs = _line_legs(line, heading_side)
        rows.append((line, legs))
        side = _SIDE_HEADING.search(line) if legs is None else None
        if side is not None:
            heading_side = "buy" if side.group(1).lower().startswith("buy") else "sell"
    return rows


def _block(text: str) -> _Block | None:
    """The heading, the legs and the close of ``text``, or None when its leg lines are not one
    run of two to four legs with a heading or a close beside them."""
    rows = _rows(text)
    at = [index for index, (_, legs) in enumerate(rows) if legs]
    if not at or at != list(range(at[0], at[-1] + 1)):
        return None
    legs = [leg for _, written in rows[at[0] : at[-1] + 1] for leg in written or ()]
    head = [line for line, _ in rows[: at[0]]]
    tail = [line for line, _ in rows[at[-1] + 1 :]]
    if not 1 <= len(legs) <= MAX_LEGS or not (head or tail):
        return None
    if len(head) > MAX_HEAD_LINES or len(tail) > MAX_TAIL_LINES:
        return None
    return _Block(head, legs, tail)


# --- what the lines around the legs lend them ----------------------------------------------------
_NUMBER = r"\$?(?:\d{1,5}(?:\.\d{1,2})?|\.\d{1,2})(?![\d/])"
_PRICE = re.compile(
    r"(?:(?<![\w.])(?P<lead>limit|lmt|net|credit|debit|pay(?:ing)?|collect(?:ing)?|receive|@|at|for)"
    rf"(?:[ \t]+(?P<lead_word>credit|debit|cr|db|dr))?[ \t]*[:=]?[ \t]*(?P<lead_number>{_NUMBER})"
    r"|(?<![\w./])(?P<number>" + _NUMBER + r"))"
    r"(?:[ \t]*(?P<word>cr|credit|db|dr|debit)\b)?",
    re.IGNORECASE,
)
_CREDIT = frozenset({"cr", "credit", "collect", "collecting", "receive"})
_DEBIT = frozenset({"db", "dr", "debit", "pay", "paying"})


@dataclass(frozen=True, slots=True)
class _Price:
    value: Decimal
    effect: PriceEffect | None


def _net_price(context: str) -> _Price | None:
    """The one net price the lines around the legs write ("limit 6.20", ".12 cr", "pay 1.70",
    "net debit 9.80"); one said as a credit or a debit wins over other numbers ("3.60 credit
    (in at 1.20)"). None when there is none or more than one."""
    marked: list[_Price] = []
    unmarked: list[_Price] = []
    for match in _PRICE.finditer(_DATE_FRAGMENT.sub(" ", _COUNT.sub(" ", context))):
        number = match.group("lead_number") or match.group("number")
        words = {(match.group(name) or "").lower() for name in ("lead", "lead_word", "word")} - {""}
        if match.group("number") and not match.group("word"):
            continue  # a bare number ("in at", a level, a size) is no price
        effect: PriceEffect | None = (
            "credit" if words & _CREDIT else "debit" if words & _DEBIT else None
        )
        price = _Price(Decimal(number.lstrip("$")), effect)
        (marked if effect else unmarked).append(price)
    found = marked or unmarked
    if len({price.value for price in found}) != 1 or found[0].value <= 0:
        return None
    return found[0]


_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# A date the lines around the legs lend them: "3/17", "march 17", "March", "17MAR34", "this
# week", "0DTE", "expires today". Not "1/2 size".
_DATE_FRAGMENT = re.compile(
    r"(?<![\w/.$])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\w/.])(?![ \t]*(?:size|pos|risk))"
    rf"|\b(?:{_MONTH}|may(?=[ \t]+\d)|(?-i:May)(?![ \t]+(?:i|we|you|be|have)\b))\.?"
    r"(?:[ \t]+\d{1,2}(?:st|nd|rd|th)?\b)?(?:[ \t]+exp\w*)?"
    rf"|\b\d{{1,2}}[ \t]*(?:{_MONTH}|may)(?:\d\d)?\b"
    r"|\b(?:this|next)[ \t]+(?:week|fri(?:day)?)\b|\b\d{1,3}[ \t]?dte\b"
    r"|\b(?:expir\w*|exp)[ \t]+(?:today|tomorrow|tmrw|tmr|tom)\b",
    re.IGNORECASE,
)
_TOMORROW = re.compile(r"\b(?:tmrw|tmr|tom)\b", re.IGNORECASE)
# A count for every leg said once: "2 spreads", "3 each", "x2", "5 lots".
_COUNT = re.compile(
    r"(?<![\w./$])(?:(?P<count>\d{1,3})[ \t]*(?:x\b|each\b|spreads?\b|lots?\b|contracts?\b|cts\b"
    r"|condors?\b|fl(?:y|ies|ys)\b|sets?\b|of[ \t]+each\b)|x[ \t]?(?P<xcount>\d{1,3})\b)",
    re.IGNORECASE,
)
# A market order said as its own part of a line: "mkt", "💵 mkt", "at market".
_AT_MARKET = re.compile(
    r"(?:^|[,;·]|[^\w\s]|\bat)[ \t]*(?:mkt|market)(?:[ \t]+order)?[ \t]*(?:$|[,;.!·])",
    re.IGNORECASE | re.MULTILINE,
)
# A time in force said as its own part of a closing line: "3.15 cr, day", "1.05 credit · Day".
_TIF = re.compile(
    r"(?:^|[,;·]|\b(?:credit|debit|cr|db)|\d)[ \t]*"
    r"(?P<tif>day|gtc|good[ \t]+(?:til+|until)[ \t]+cancel+ed|good[ \t]+for[ \t]+the[ \t]+day)"
    r"(?:[ \t]+order)?"
    r"[ \t]*(?:$|[,;.!·])",
    re.IGNORECASE | re.MULTILINE,
)
_FIRST_WORD = re.compile(r"\A\W*([a-z]{1,5})\b")
# Capital words of headings that name no ticker.
_NOT_TICKERS = frozenset(
    {"IC", "BWB", "PCS", "CCS", "DTE", "ODTE", "OUT", "IN", "LMT", "CR", "DB", "DR", "ALERT",
     "TRADE", "IV", "ATM", "OTM", "ITM", "EOD", "GTC", "DAY", "NET", "CPI", "PCE", "FOMC", "PPI",
     "NFP", "GDP", "OPEN", "CLOSE", "BTO", "STO", "BTC", "STC", "PM", "AM", "ET", "EXP", "A", "I"}
)  # fmt: skip


def _ticker(block: _Block, read_part: ReadPart) -> str | None:
    """The underlying: the one the first leg names, else a word of the heading or the close
    that the first leg reads as its ticker ("SPX March condor" over "BTC 2 9000c / ...")."""
    first = read_part(block.legs[0])
    if first.order.underlying is not None and not names_no_ticker(first):
        return first.order.underlying
    capitals = (word.lstrip("$") for word in HEAD_TICKER.findall(block.context))
    words = [word for word in capitals if word not in _NOT_TICKERS]
    lower = _FIRST_WORD.match(block.head[0]) if block.head else None
    if lower is not None and lower.group(1) not in lex.COMMON_LOWER_WORDS:
        words.append(lower.group(1).upper())  # "tsla looks weak after cpi 📉"
    for word in dict.fromkeys(words):
        shared = SharedFields(word, None, None, None)
        if completed_leg(block.legs[0], shared, read_part).order.underlying == word:
            return word
    return None


def _expirations(context: str, ticker: str, read_part: ReadPart) -> set[date]:
    """The dates the lines around the legs name, each read as the parser reads a leg's date."""
    found: set[date] = set()
    for match in _DATE_FRAGMENT.finditer(context):
        fragment = _TOMORROW.sub("tomorrow", match.group(0))
        probe = read_part(f"buy 1 {ticker} 100c {fragment}").order
        if probe.kind == "order" and probe.legs and probe.legs[0].expiration is not None:
            found.add(probe.legs[0].expiration)
    return found


def _counted(block: _Block, legs: list[Leg]) -> list[Leg]:
    """Legs that write no count take the one the close or the heading says ("2 spreads")."""
    if any(OWN_COUNT.match(leg) for leg in block.legs) or {leg.quantity for leg in legs} != {1}:
        return legs
    counts = {
        int(match.group("count") or match.group("xcount"))
        for match in _COUNT.finditer(block.context)
    }
    if len(counts) != 1:
        return legs
    (count,) = counts
    return [replace(leg, quantity=count) for leg in legs]


def _undated(reading: LegReading) -> bool:
    order = reading.order
    return (
        order.kind == "order"
        and len(order.legs) == 1
        and order.legs[0].type in ("call", "put")
        and order.legs[0].expiration is None
    )


def _rolled_spreads(readings: list[LegReading]) -> list[Leg] | None:
    """The four legs of a spread rolled line by line ("BTC 2 SPX 8325/8300 PCS 11/21" over
    "STO 2 SPX 8450/8425 PCS 11/21"): two lines, each a whole two-leg spread with its dates,
    one closed and one opened. None for any other block."""
    if len(readings) != 2:
        return None
    legs: list[Leg] = []
    effects: list[str | None] = []
    for reading in readings:
        order = reading.order
        if order.kind != "order" or order.alternatives or not reading.side_stated:
            return None
        if len(order.legs) != 2 or order.price is not None:
            return None
        if any(leg.strike is None or leg.expiration is None for leg in order.legs):
            return None
        effects.append(order.legs[0].effect)
        legs.extend(order.legs)
    return legs if sorted(effects, key=str) == ["close", "open"] else None


def read_leg_block(
    text: str, read_part: ReadPart, allowed: Callable[[str], bool]
) -> ParsedOrder | None:
    """One order from a message written as a block of lines (see above), or None when it is
    not one. ``allowed`` is the guard's word on the lines around the legs."""
    block = _block(text)
    if block is None:
        return None
    price = _net_price(block.context)
    at_market = price is None and _AT_MARKET.search(block.context) is not None
    if price is None and not at_market:
        return None
    ticker = _ticker(block, read_part)
    if ticker is None:
        return None
    bare = SharedFields(ticker, None, None, None)
    readings = [completed_leg(leg, bare, read_part) for leg in block.legs]
    if any(_undated(reading) for reading in readings):
        # the legs that write no date take the one the lines around them name
        dates = _expirations(block.context, ticker, read_part)
        if len(dates) != 1:
            return None
        shared = SharedFields(ticker, None, None, next(iter(dates)))
        readings = [
            completed_leg(leg, shared, read_part) if _undated(reading) else reading
            for leg, reading in zip(block.legs, readings, strict=True)
        ]
    rolled = _rolled_spreads(readings)
    found = [option_leg(reading) or share_leg(reading) for reading in readings]
    legs = rolled or [leg for leg in found if leg is not None]
    if rolled is None and len(legs) != len(found):
        return None
    if {reading.order.underlying for reading in readings} != {ticker}:
        return None
    if any(leg.type == "equity" for leg in legs) and not is_buy_write(legs):
        return None  # shares beside options only as a buy-write
    if any(reading.order.price is not None for reading in readings):
        return None  # a leg priced on its own line: trades listed one by one
    if len({(leg.type, leg.strike, leg.expiration) for leg in legs}) != len(legs):
        return None
    if any(leg.expiration is None and leg.type != "equity" for leg in legs):
        return None  # no date anywhere: the ordinary reading says what is missing
    if not allowed(block.context):
        return None
    effect = context_effect(block.context) or _heading_code_effect(block.head)
    if effect is not None:
        legs = [leg if leg.effect else replace(leg, effect=effect) for leg in legs]
    legs = shared_expiration(_counted(block, legs))
    tif_match = _TIF.search(block.context)
    tif: TimeInForce | None = None
    if tif_match is not None:
        said = tif_match.group("tif").lower()
        tif = "gtc" if said == "gtc" or "cancel" in said else "day"
    return ParsedOrder(
        kind="order",
        underlying=ticker,
        legs=tuple(legs),
        order_type="market" if price is None else "limit",
        price=None if price is None else price.value,
        price_effect=None if price is None else price.effect or net_direction(legs),
        tif=tif,
        missing=(),
        strategy=strategy_of(legs) if len(legs) > 1 else "single",
        notes=("written as a block of lines",),
    )
