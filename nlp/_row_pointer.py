"""An order that points at a row of the positions pasted with it.

Traders paste their positions (a broker's list, a sheet, a bot's post) and write the order under
it by pointing at a row: "STC the TSLA line, both @ 21.90", "sell the MSFT STK row, all 100 @
648.20 gtc", "BTC rows 3-4, all five @ .22", "BTC 3 of row 1 @ 1.50", "STC 1) @ 1.10", "cut #2,
all 3 mkt", or at what a row holds: "STC the 558s @ 1.60", "BTC the TSLA spread @ .05", "please
sell the put at .55", "buy it back @ .35" (the whole position above). Read alone, the pointer
names no contract ("the TSLA line" read as TSLA shares). :func:`pointed_order_text` finds the
rows pointed at, reads each row's contract and signed size, and writes the order line the parser
reads ("STC 2 TSLA 600c 11/18/2039 @ 21.90"). The count is the one written ("both", "all five",
"3 of", "1 more"), else the row's size. Whether the order closes the rows or adds to them comes
from the verb ("BTC", "close", "cut", "take profits": closes; "more", "add": adds), else from
the side written against the row's: selling a long row closes it. Closing a row trades it the
other way; adding trades it the same way, leg by leg; a row that holds a spread or a condor is
read leg by leg as held.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from nlp import _lexicon as lex
from nlp._models import ParsedOrder, format_decimal

ReadRow = Callable[[str], ParsedOrder]

_TICKER_POINTER = re.compile(
    r"\b(?:the|that)[ \t]+\$?(?P<ticker>[A-Z]{1,5})(?:[ \t]+STK)?[ \t]+(?:line|row|position)\b"
)
_NUMBER_POINTER = re.compile(
    r"(?:\b(?:rows?|lines?)[ \t]+|#|\bL(?=\d\b))(?P<first>\d)"
    r"(?:[ \t]*(?:-|\u2013|&|and)[ \t]*(?P<last>\d))?\b"
    r"|(?<![\w.$/])(?P<item>\d)\)(?=[ \t,]|\Z)",
    re.IGNORECASE,
)
# A row named by what it holds: "the 558s", "the TSLA 420s", "STC 2 of the 190s", "the XSP
# 630/625", "the TSLA spread", "the put", "the AAPL ones" (the one row that fits). A strike with
# a singular type ("dump the SPY 975 call") counts one contract: completed_order_text's.
_DESCRIBED_POINTER = re.compile(
    r"\bthe[ \t]+(?:\$?(?P<ticker>[A-Z]{1,5})[ \t]+)?"
    r"(?:\$?(?P<strikes>\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)*)(?:s\b|[ \t]*(?P<type>calls|puts)\b"
    r"|(?=[ \t]*(?:@|\bat\b|\bfor\b|,|\Z))|[ \t]+(?:line|row|position)\b)"
    r"|(?P<what>spreads?|condors?|ic|iron[ \t]+condor|fly|butterfly|strangle|straddle|ones"
    r"|calls?|puts?|shares)\b)"
)
_SHAPES = {  # the legs of each structure named
    "spread": 2,
    "spreads": 2,
    "strangle": 2,
    "straddle": 2,
    "condor": 4,
    "condors": 4,
    "ic": 4,
    "iron condor": 4,
    "fly": 3,
    "butterfly": 3,
}
# Every row above, as one position ("buy it back to close before the Fed @ .35 debit" under a
# spread's two lines, "close them @ 1.10"): rows of one ticker only
_PRONOUN_POINTER = re.compile(
    r"\b(?:buy(?:ing)?|sell(?:ing)?|close|closing|btc|stc|cut|dump)[ \t]+(?:it|them)\b",
    re.IGNORECASE,
)
# "from 09:44": the row of a fill log with that time
_TIME_POINTER = re.compile(r"\bfrom[ \t]+(?P<time>\d{1,2}:\d{2})\b")
# The pointer is the order's own rows only in an instruction that names no contract of its own
# ("STO 3 AAPL 375 calls Nov @ 3.20 against row 1") and says no plan, condition or report.
_OWN_CONTRACT = re.compile(
    r"\d(?:\.\d+)?[ \t]*(?:c|p|calls?|puts?)\b"
    r"|\d(?:/\d+(?:\.\d+)?)+[ \t]+(?:pcs|ccs|pds|cds|ic|bwb|spread|condor|fly)\b",
    re.IGNORECASE,
)
_TALK = re.compile(
    r"\?|\b(?:if|when|would|should|could|might|maybe|tomorrow|yesterday|sold|bought|closed"
    r"|against|was|were|did)\b",
    re.IGNORECASE,
)
_QUOTE_MARK = re.compile(r"\A[ \t]*>+[ \t]?")
_DASH_REMARK = re.compile(r"[ \t]+[\u2014\u2013][ \t]+")
_CLOSING = re.compile(
    r"\b(?:btc|stc|close|closing|cut|cutting|buy(?:ing)?[ \t]+back|take[ \t]+profits?"
    r"|taking[ \t]+(?:\d+[ \t]+)?off|dump|dumping|out[ \t]+of)\b",
    re.IGNORECASE,
)
# the effect the instruction writes: "STC", "buy to close", "close"; else none
_CLOSE_MARK = re.compile(r"\b(?:btc|stc|close|closing|to[ \t]+close)\b", re.IGNORECASE)
_OPEN_MARK = re.compile(r"\b(?:bto|sto|open|opening|to[ \t]+open)\b", re.IGNORECASE)
_ADDING = re.compile(r"\b(?:more|add|adding|another)\b", re.IGNORECASE)
_BUYING = re.compile(r"\b(?:bto|btc|buy|buying|add|adding)\b", re.IGNORECASE)
_SELLING = re.compile(r"\b(?:sto|stc|sell|selling|dump|dumping|cut|cutting)\b", re.IGNORECASE)
_PRICE = re.compile(
    r"(?:@|\bat\b|\bfor\b)[ \t]*(?P<price>\$?(?:\d+(?:\.\d+)?|\.\d+))(?![\d/:])"
    r"|\b(?P<market>mkt|market)\b",
    re.IGNORECASE,
)
_TIF = re.compile(
    r"\b(?:gtc|day|good[ \t]+(?:til|till|until|'?til)[ \t]+cancel+ed)\b", re.IGNORECASE
)
_COUNT = re.compile(
    r"\b(?:all[ \t]+(?P<all>\d+|[a-z]+)|(?P<of>\d+|[a-z]+)[ \t]+(?:more[ \t]+)?(?:of|off)\b"
    r"|(?P<more>\d+|[a-z]+)[ \t]+more\b|(?P<both>both)\b|(?<![\d:.])(?P<at>\d+)[ \t]*@"
    r"|\badd(?:ing)?[ \t]+(?P<add>\d+|[a-z]+)[ \t]+to\b)",
    re.IGNORECASE,
)
# A row's number: "| 1 |", " 1  NFLX ...", "2) QQQ ...", "#2 SPY ..."
_ROW_NUMBER = re.compile(r"\A[ \t]*(?:\|[ \t]*(\d)[ \t]*\||(\d)\)|#(\d)\b|L(\d)\b|(\d)[ \t]{2,})")
# A fill log's line: "10/21/39 09:44:10  BOT +2 AAPL 100 (Weeklys) 28 OCT 39 355 CALL @3.40"
_FILL_LOG = re.compile(
    r"\A[ \t]*\d{1,2}/\d{1,2}/\d{2,4}[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t]+(?P<side>BOT|SOLD)\b",
)
# a fill log line's status after its price
_FILL_STATUS = re.compile(r"[ \t]+(?:FILLED|FILL|EXECUTED|EXEC)[ \t]*\Z", re.IGNORECASE)
_CSV_ROW = re.compile(
    r"\A[ \t]*(?P<ticker>[A-Z]{1,5}),(?P<date>\d{4}-\d{2}-\d{2}),(?P<strike>\d+(?:\.\d+)?),"
    r"(?P<type>[CP]),(?P<size>[+-]?\d+),"
)
_SIGNED = re.compile(r"(?<![\w./:-])(?P<sign>[+-])(?P<size>\d{1,5})(?![\w./:,])")
_TIMES = re.compile(
    r"(?<![\w./])x(?P<size>\d{1,5})\b|\b(?P<count>\d{1,5})[ \t]+(?:contracts?|shares?)\b"
    r"|\b(?P<held>long|short)[ \t]+(?P<held_size>\d{1,5})\b",
    re.IGNORECASE,
)
# the fields of a card after its contract: "SPY 657c 7/24 · long 2 · avg 1.85"
_CARD_FIELD = " \u00b7 "
_CARD_DATE = re.compile(r"(?:exp[ \t]+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?", re.IGNORECASE)
_SOLD_WORD = re.compile(r"\b(?:sell|sold|short)\b", re.IGNORECASE)
# a table's cell holding only a whole number: "| 4 |"
_CELL = re.compile(r"\|[ \t]*(?P<size>\d{1,5})[ \t]*(?=\|)")
# an unsigned size of a row opened for a credit is held short
_CREDIT_HELD = re.compile(r"\b(?:cr|credit|sold|short|pcs|ccs|ic)\b", re.IGNORECASE)
_COLUMN = re.compile(r"(?<=\S)[ \t]{2,}(?P<size>[+-]?\d{1,5})(?=[ \t]{2,}|[ \t]*\Z)")
_MAX_ROWS = 12


@dataclass(frozen=True, slots=True)
class _Leg:
    contract: str  # as the parser reads it: "600c 11/18/2039", or "" for shares
    size: int  # signed: short legs are negative


@dataclass(frozen=True, slots=True)
class _Row:
    number: int  # its own number when it writes one, else its place among the rows
    line: str
    ticker: str
    legs: tuple[_Leg, ...]  # as held: a spread's row holds one long and one short leg

    @property
    def contract(self) -> str:
        """What the row holds, as the parser reads it: "600c 11/18/2039", "" for shares, the
        legs' contracts joined for a structure."""
        return " + ".join(leg.contract for leg in self.legs)

    @property
    def size(self) -> int:
        """The signed size of the row's first leg (of a single contract: the row's)."""
        return self.legs[0].size


def pointed_order_text(text: str, read_row: ReadRow) -> str | None:
    """The order line the message's last line means by pointing at rows above it (see the
    module docstring), or None when it points at none."""
    lines = [_QUOTE_MARK.sub("", line) for line in text.strip().split("\n") if line.strip()]
    if len(lines) < 2 or len(lines) > _MAX_ROWS + 4:
        return None
    instruction, table = lines[-1], lines[:-1]
    pointer = _pointer(instruction)
    if pointer is None:  # the instruction over the rows ("BTC 3 of row 1 @ 1.50 ... sheet:")
        instruction, table = lines[0], lines[1:]
        pointer = _pointer(instruction)
    if pointer is None:
        return None
    rest = instruction[: pointer.start()] + " " + instruction[pointer.end() :]
    # a remark after a dash is not the instruction's ("STC #2 at market — stop hit, the 430c
    # stays": the row it keeps)
    rest = _DASH_REMARK.split(rest, maxsplit=1)[0]
    if _OWN_CONTRACT.search(rest) or _TALK.search(rest):
        return None
    rows = _rows(table, read_row)
    if pointer.re is _TICKER_POINTER:
        chosen = [row for row in rows if row.ticker == pointer["ticker"]]
        if "STK" in pointer.group():
            chosen = [row for row in chosen if not row.contract]
        elif len(chosen) > 1:
            return None  # "the AMD row" over AMD shares and an AMD call
    elif pointer.re is _TIME_POINTER:
        chosen = [row for row in rows if pointer["time"] in row.line]
    elif pointer.re is _PRONOUN_POINTER:
        if not _PRICE.search(instruction):
            return None  # "that's the one, buy it" under an order ticket: the ticket's price
        chosen = _net(rows)
        rest = instruction  # the verb is the order's own: "buy it back"
    elif pointer.re is _DESCRIBED_POINTER:
        chosen = [row for row in _net(rows) if _fits(row, pointer)]
        if len(chosen) > 1:
            return None  # "the put" over two rows of puts: which one is the trader's to say
    else:
        first = int(pointer["first"] or pointer["item"])
        last = int(pointer["last"] or first)
        chosen = [row for row in rows if first <= row.number <= last]
    if not chosen or len(chosen) != len({row.contract for row in chosen}) or len(chosen) > 4:
        return None
    if len({row.ticker for row in chosen}) != 1:
        return None
    return _order_line(rest, chosen)


def _pointer(instruction: str) -> re.Match[str] | None:
    return (
        _TICKER_POINTER.search(instruction)
        or _TIME_POINTER.search(instruction)
        or _NUMBER_POINTER.search(instruction)
        or _DESCRIBED_POINTER.search(instruction)
        or _PRONOUN_POINTER.search(instruction)
    )


def _net(rows: list[_Row]) -> list[_Row]:
    """The rows with each single contract's rows summed, the flat ones left out: a fill log's
    buy and sell of the same call leave none of it ("BOT +4 SPY 906c 5/15", "SOLD -4 ...")."""
    held: dict[tuple[str, str], int] = {}
    for row in rows:
        if len(row.legs) == 1:
            key = (row.ticker, row.contract)
            held[key] = held.get(key, 0) + row.size
    netted: list[_Row] = []
    for row in rows:
        if len(row.legs) != 1:
            netted.append(row)
        elif (size := held.pop((row.ticker, row.contract), 0)) != 0:
            netted.append(_Row(row.number, row.line, row.ticker, (_Leg(row.contract, size),)))
    return netted


def _fits(row: _Row, pointer: re.Match[str]) -> bool:
    """Whether ``row`` holds what a described pointer names (see _DESCRIBED_POINTER)."""
    if pointer["ticker"] and pointer["ticker"] != row.ticker:
        return False
    contracts = [held.contract.split()[0] for held in row.legs if held.contract]
    strikes = {contract[:-1] for contract in contracts}
    types = {contract[-1] for contract in contracts}
    if pointer["strikes"] and not set(pointer["strikes"].split("/")) <= strikes:
        return False
    if pointer["type"] and types != {pointer["type"][0].lower()}:
        return False
    what = (pointer["what"] or "").lower()
    if what in _SHAPES:  # a structure's legs, each an option
        return len(contracts) == len(row.legs) == _SHAPES[what]
    if what.startswith(("call", "put")):
        return len(row.legs) == 1 and types == {what[0]}
    if what == "shares":
        return not contracts
    return bool(pointer["ticker"] or pointer["strikes"] or what == "ones")


def _rows(lines: list[str], read_row: ReadRow) -> list[_Row]:
    rows: list[_Row] = []
    for line in lines:
        row = _row(line, len(rows) + 1, read_row)
        if row is not None:
            rows.append(row)
    return rows


def _row(line: str, place: int, read_row: ReadRow) -> _Row | None:
    numbered = _ROW_NUMBER.match(line)
    number = int(next(group for group in numbered.groups() if group)) if numbered else place
    csv = _CSV_ROW.match(line)
    if csv is not None:
        kind = "c" if csv["type"] == "C" else "p"
        month, day, year = csv["date"][5:7], csv["date"][8:10], csv["date"][:4]
        contract = f"{csv['strike']}{kind} {int(month)}/{int(day)}/{year}"
        return _Row(number, line, csv["ticker"], (_Leg(contract, int(csv["size"])),))
    fill = _FILL_LOG.match(line)
    body = line[fill.start("side") :] if fill else line[numbered.end() :] if numbered else line
    if fill:
        body = _FILL_STATUS.sub("", body)  # "... CALL @9.80  FILLED": the fill's contract
        body = "BUY" + body[3:] if fill["side"] == "BOT" else "SELL" + body[4:]
        parsed = read_row(body)
        size = parsed.legs[0].quantity if len(parsed.legs) == 1 else None
        if fill["side"] == "SOLD" and size is not None:
            size = -size
    else:
        size = _size(body)
        if size is None and _CARD_FIELD in body:
            size = 1  # an alert board's row ("#7 TSLA 430c 7/24 · in 5.60 · now 13.40"): one
        # the row read as bought when held long, as sold when held short: a spread's legs
        # then come out as held ("SPY | 625/620 PCS | ... | -4": short the 625p, long the 620p)
        verb = "sell 1 " if size is not None and size < 0 else "buy 1 "
        parsed = read_row(verb + _card_contract(body).replace("|", " "))
    if parsed.kind != "order" or not parsed.legs or parsed.underlying is None:
        return None
    if size is None or size == 0 or (fill and len(parsed.legs) != 1):
        return None
    legs = []
    for leg in parsed.legs:
        if leg.type == "equity" and len(parsed.legs) == 1:
            contract = ""
        elif leg.strike is None or leg.type not in ("call", "put"):
            return None
        else:
            contract = f"{format_decimal(leg.strike)}{leg.type[0]}"
            if (expiration := leg.expiration) is not None:
                contract += f" {expiration.month}/{expiration.day}/{expiration.year}"
        held = abs(size) * leg.quantity // min(each.quantity for each in parsed.legs)
        legs.append(_Leg(contract, held if leg.side == "buy" else -held))
    if len(parsed.legs) == 1:
        legs = [_Leg(legs[0].contract, size)]
    return _Row(number, line, parsed.underlying, tuple(legs))


def _card_contract(body: str) -> str:
    """A card's contract: its first field and a date field after it ("SPY $645 Put · 7/22 ·
    1 contract · avg $1.05"); a line that is no card whole."""
    fields = body.split(_CARD_FIELD)
    dated = len(fields) > 1 and _CARD_DATE.fullmatch(fields[1].strip())
    return f"{fields[0]} {fields[1]}" if dated else fields[0]


def _size(body: str) -> int | None:
    """The signed size a row writes: "+1"/"-2", "x5", "2 contracts" (with "Sell" before it for
    a short row), or the first column holding only a whole number."""
    times = _TIMES.search(body)
    if times is not None:
        size = int(times["size"] or times["count"] or times["held_size"])
        short = (times["held"] or "").lower() == "short"
        return -size if short or _SOLD_WORD.search(body[: times.start()]) else size
    signed = _SIGNED.search(body)
    if signed is not None:
        size = int(signed["size"])
        return -size if signed["sign"] == "-" else size
    column = _COLUMN.search(body) or _CELL.search(body)
    if column is None:
        return None
    size = int(column["size"])
    return -size if _CREDIT_HELD.search(body) else size  # "| SPX 8800/8775 PCS | 4 | 1.75 cr |"


def _count(rest: str) -> int | None:
    found = _COUNT.search(rest)
    if found is None:
        return None
    if found["both"]:
        return 2
    groups = (found["all"], found["of"], found["more"], found["at"], found["add"])
    word = next(group for group in groups if group)
    if word.isdigit():
        return int(word)
    return lex.QUANTITY_WORDS.get(word.lower())


def _order_line(rest: str, rows: list[_Row]) -> str | None:
    closing = _CLOSING.search(rest) is not None
    adding = _ADDING.search(rest) is not None
    if closing == adding:
        buying, selling = _BUYING.search(rest), _SELLING.search(rest)
        if (buying is None) == (selling is None):
            return None
        # a side written against the first row's: selling a long row closes it
        closing = (selling is not None) == (rows[0].size > 0)
    count = _count(rest)
    prices = list(_PRICE.finditer(rest))
    price = next((found for found in prices if found.group().startswith("@")), None) or (
        prices[-1] if prices else None
    )
    tif = _TIF.search(rest)
    marked = "TC" if _CLOSE_MARK.search(rest) else "TO" if _OPEN_MARK.search(rest) else None
    if closing and count is not None and any(count > abs(row.size) for row in rows):
        return None  # "closing 5 of the AMD puts" over a row of 3: not what the row holds
    legs = []
    for row in rows:
        for held in row.legs:
            buys = (held.size < 0) if closing else (held.size > 0)
            side = "buy" if buys else "sell"
            code = ("B" if buys else "S") + marked if marked else side
            size = abs(held.size) if count is None else count * abs(held.size) // abs(row.size)
            what = f"{held.contract}" if held.contract else "shares"
            legs.append(f"{code} {size} {row.ticker} {what}")
    line = " / ".join(legs)
    if price is not None:
        line += " at market" if price["market"] else f" @ {price['price']}"
    if tif is not None:
        line += f" {tif.group().lower()}"
    return line


# The type word after the ticker of an order that names no strike ("sell 5 of the F calls").
_TYPE_AFTER = r"[ \t]+(?=(?:calls?|puts?)\b)"
# A date written in the order (it leaves out none): a cheap test before reading it.
_DATED = re.compile(
    rf"\d{{1,2}}/\d{{1,2}}|\d{{4}}-\d{{2}}-\d{{2}}|\b\d+dte\b|\b(?:exp|expiring|weekly|eow|"
    rf"{lex.MONTH_NAMES})\b",
    re.IGNORECASE,
)


def completed_order_text(text: str, read_row: ReadRow) -> str | None:
    """The last line's order with the expiration, and the strike, it leaves out taken from the
    one row above it that holds its ticker, type and strike ("sell 2 of the SPY 975 calls @
    8.20" under a list holding the SPY 975 call of 10/28); the last line alone when several rows
    hold them (which one is the trader's to say); else None."""
    lines = [_QUOTE_MARK.sub("", line) for line in text.strip().split("\n") if line.strip()]
    if len(lines) < 2 or len(lines) > _MAX_ROWS + 4:
        return None
    instruction = lines[-1]
    if _TALK.search(instruction) or _DATED.search(instruction):
        return None
    if not (_BUYING.search(instruction) or _SELLING.search(instruction)) and not _CLOSING.search(
        instruction
    ):
        return None
    order = read_row(instruction)
    if (
        order.kind != "order"
        or len(order.legs) != 1
        or not order.missing
        or not set(order.missing) <= {"expiration", "strike"}
        or order.underlying is None
    ):
        return None
    leg = order.legs[0]
    rows = [
        row
        for row in _rows(lines[:-1], read_row)
        if row.ticker == order.underlying
        and row.contract
        and row.contract.split()[0][-1] == (leg.type or "?")[0]
        and (leg.strike is None or row.contract.split()[0][:-1] == format_decimal(leg.strike))
        and len(row.contract.split()) == 2
    ]
    if len(rows) > 1:
        return instruction
    if not rows:
        return None
    unsided = _BUYING.search(instruction) is None and _SELLING.search(instruction) is None
    if unsided and leg.side != ("buy" if rows[0].size < 0 else "sell"):
        return None  # "closing 2 of the 3 AMD puts at 3.05" over a short row: the row's side
    strike, expiration = rows[0].contract.split()
    completed = instruction
    if leg.strike is None:
        ticker = re.compile(rf"\b\$?{re.escape(order.underlying)}{_TYPE_AFTER}", re.IGNORECASE)
        completed, written = ticker.subn(lambda found: f"{found.group()}{strike[:-1]} ", completed)
        if written != 1:
            return None
    if leg.expiration is None:
        completed += f" exp {expiration}"
    return completed
