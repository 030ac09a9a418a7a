"""Message-shape detectors: whole-message forms that are not an order typed in chat (quoted,
fenced, JSON, tables, timed lists, votes, commands) and the headline and clause splits.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from nlp import _lexicon as lex

# A typed strike, an OCC symbol, or strikes named by their structure ("6475/6450 PCS").
_CONTRACT_ON_LINE = re.compile(
    r"\d(?:\.\d+)?\s?(?:c|p|calls?|puts?)\b|[A-Za-z]{1,6}\d{6}[CPcp]\d{8}"
    r"|\d/\d+(?:\.\d+)?(?:/[\d.]+)*\s?(?:pcs|ccs|pds|cds|ics?|iron|condors?|butterfl(?:y|ies)"
    r"|fly|flies|strangles?|straddles?|spreads?|verticals?)\b",
    re.IGNORECASE,
)
_PRICE_ON_LINE = re.compile(r"(?:@|\b(?:at|for|limit|lim|lmt|entry)\b)\s*\$?\.?\d", re.IGNORECASE)


# A line, a comma, a semicolon, a bar or a sentence's end ("... kept all of it. worst: BTO ...").
_CLAUSE_BREAK = re.compile(r"[\n,;|]|[.!?]+(?=\s)")
# A quoted span: quotes at word edges, so "I'm" and "Mar '27" open none.
_QUOTED = re.compile(r"""(?<![\w'"])(['"])([^'"\n]{4,300}?)\1(?![\w'"])""")
_ACTION_WORD = re.compile(
    rf"\b(?:{'|'.join(sorted(lex.ACTION_WORDS, key=len, reverse=True))})\b", re.IGNORECASE
)
_PROSE_WORD = re.compile(r"[A-Za-z]{2,}")
_PLACEHOLDER = re.compile(
    rf"[<\[{{](?:{'|'.join(re.escape(word) for word in lex.PLACEHOLDER_WORDS)})[>\]}}]",
    re.IGNORECASE,
)
_CODE = re.compile(rf"\b(?:{'|'.join(lex.CODES)})\b", re.IGNORECASE)
_CONTRACT_IN_CLAUSE = re.compile(rf"{_CONTRACT_ON_LINE.pattern}|\$[A-Za-z]|\d/\d", re.IGNORECASE)


def _trade_clauses(text: str) -> int:
    """How many clauses (lines, sentences, or parts between commas) quote an alert code with a
    contract.

    One message is one order: two or more such clauses are a list of trades, a recap
    ("EOD summary: STC ..., STC ..."), a scorecard or several alerts at once, and reading only
    the first would place part of what was meant.
    """
    count = 0
    for clause in _CLAUSE_BREAK.split(text):
        code = _CODE.search(clause)
        if code is not None and _CONTRACT_IN_CLAUSE.search(clause, code.end()):
            count += 1
    return count


def _headline(text: str) -> str:
    """The lines up to the first one that names a contract and a price; later lines are size,
    stops and reasoning ("1/2 size", "Stop: LOD", "(lotto)") that must not be read as the order.
    """
    if "\n" not in text:
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if _CONTRACT_ON_LINE.search(line) and _PRICE_ON_LINE.search(line):
            return "\n".join(lines[: number + 1])
    return text


def _quoted_order(text: str) -> bool:
    """True when the message quotes a complete order inside other words: a story, an example
    or a question about it ("my coworker thought 'STO 2 SPY 650p' meant stop-loss")."""
    for match in _QUOTED.finditer(text):
        body = match.group(2)
        if not (_CODE.search(body) or _ACTION_WORD.search(body)):
            continue
        if not _CONTRACT_IN_CLAUSE.search(body):
            continue
        outside = text[: match.start()] + " " + text[match.end() :]
        if _PROSE_WORD.search(outside):
            return True
    return False


# After a quoted order, the writer's own act: the quote handed over to by a go clause before it
# ("copying this from #alerts: 'BTO 2 ...'"), or an instruction after it, behind a clause that
# takes the order or sends it again ("... 'BTO NVDA ...'. I want 2: BTO 2 NVDA ...", "broker:
# '... cancelled ...'. resend at 1.15: buy 5 NKE ...").
_AFTER_QUOTE_HANDOVER = re.compile(r"[ \t]*:[ \t]+(?=\S)")
_AFTER_QUOTE_EDGE = re.compile(r"[!?;\n\u2014\u2013]|[.,](?!\d)")
_TAKE_COUNT = re.compile(
    r"\A(?:i|we)(?:[ \t]+(?:just|only|really))?[ \t]+(?:want|need|'ll[ \t]+take|'ll[ \t]+do"
    r"|will[ \t]+take|will[ \t]+do)[ \t]+\d+(?:[ \t]+(?:of[ \t]+them|contracts?|cts))?\Z",
    re.IGNORECASE,
)
_PRICE_ADJUNCT = re.compile(r"[ \t]*(?:@|\bat\b)[ \t]*\$?(?:\d+(?:\.\d+)?|\.\d+)[ \t]*\Z")


def _quoted_orders(text: str) -> list[re.Match[str]]:
    return [
        match
        for match in _QUOTED.finditer(text)
        if (_CODE.search(match.group(2)) or _ACTION_WORD.search(match.group(2)))
        and _CONTRACT_IN_CLAUSE.search(match.group(2))
    ]


def _clause_before(text: str, end: int, start: int) -> str:
    """The clause that ends at ``end`` (after ``start``): from the last break before it."""
    edges = [start] + [m.end() for m in _AFTER_QUOTE_EDGE.finditer(text, start, end)]
    return text[edges[-1] : end].strip(" \t'\"")


def order_after_quote(text: str, is_go: Callable[[str], bool]) -> str | None:
    """The writer's own order in a message that quotes an order (see above): the quote's body
    or the instruction after it, or None. ``is_go`` tests a clause for a go clause."""
    quotes = _quoted_orders(text)
    if not quotes:
        return None
    last = quotes[-1]
    tail = text[last.end() :]
    if (
        len(quotes) == 1
        and not _PROSE_WORD.search(tail)
        and text[: last.start()].rstrip()[-1:] == ":"
    ):
        colon = text.rindex(":", 0, last.start())
        if is_go(_clause_before(text, colon, 0)):
            return last.group(2)  # "copying this from #alerts: 'BTO 2 LLY ...'"
    found = None
    for handover in _AFTER_QUOTE_HANDOVER.finditer(text, last.end()):
        if not _opens_with_action(text[handover.end() :]):
            continue
        clause = _clause_before(text, handover.start(), last.end())
        if _TAKE_COUNT.match(clause) or is_go(_PRICE_ADJUNCT.sub("", clause)):
            found = handover.end()
    return None if found is None else text[found:]


# A quote table pasted above the order ("strike | bid | ask" / "495 | 5.10 | 5.25" / ...): rows
# of numbers between bars, under a header of words, are the market the writer read the price
# off; the order is the line after them.
_QUOTE_ROW = re.compile(r"\A[ \t]*[\d$.,%]+(?:[ \t]*\|[ \t]*[\d$.,%]*)+[ \t]*\Z")
_QUOTE_HEADER = re.compile(r"\A[ \t]*[A-Za-z. ]+(?:[ \t]*\|[ \t]*[A-Za-z. ]+)+[ \t]*\Z")


def order_below_table(text: str) -> str | None:
    """The order written under a pasted quote table (see above), or None."""
    lines = text.split("\n")
    at = 1 if lines and _QUOTE_HEADER.match(lines[0]) else 0
    rows = 0
    while at < len(lines) and _QUOTE_ROW.match(lines[at]):
        at, rows = at + 1, rows + 1
    rest = "\n".join(lines[at:]).strip()
    if rows < 2 or not rest or not _opens_with_action(rest):
        return None
    return rest


# A fenced code block (```...```): text shown verbatim, the way a pinned message, a doc or a
# tutorial displays the form of an order; with prose outside it, the order is displayed, not
# sent (an alert room formats its own order inline, with single backticks).
_FENCED_BLOCK = re.compile(r"```(?:[a-z]*\n)?(.*?)```", re.DOTALL)


# Words after a fenced order that show it rather than send it ("swap in your own ticker", "is
# the date format right?", "this test keeps failing").
_SHOWN_AFTER_FENCE = re.compile(
    r"\?|\b(?:example|template|test|tests|format|syntax|swap|copilot|pinned|e\.g|how|should"
    r"|would|could|right|wrong|bot|parse|parser|paper|sim|backtest|yesterday|last|did|was"
    r"|filled|fill)\b",
    re.IGNORECASE,
)
_FENCE_REMARK_MAX_CHARS = 100


def fenced_line_before_remark(raw: str) -> str | None:
    """The one line of a fenced code block that opens the message, when one short line of
    remark follows it and shows nothing ("```⏎SELL -2 VERTICAL XSP ... @.34 LMT GTC⏎```⏎weekly
    put spread, same recipe as always"): a room that writes its orders in code blocks."""
    match = _FENCED_BLOCK.match(raw.lstrip())
    if match is None:
        return None
    body = match.group(1).strip()
    after = raw.lstrip()[match.end() :].strip()
    if not body or "\n" in body or "```" in after or "\n" in after:
        return None
    if not after or len(after) > _FENCE_REMARK_MAX_CHARS or _SHOWN_AFTER_FENCE.search(after):
        return None
    return body


def _fenced_order(raw: str) -> bool:
    """True when an order stands in a fenced code block and prose stands outside it."""
    for match in _FENCED_BLOCK.finditer(raw):
        body = match.group(1)
        if not (_CODE.search(body) or _ACTION_WORD.search(body)):
            continue
        if not _CONTRACT_IN_CLAUSE.search(body):
            continue
        if _PROSE_WORD.search(raw[: match.start()] + " " + raw[match.end() :]):
            return True
    return False


# A program's data: a JSON object with quoted keys ('{"symbol": "MU", "side": "sell", ...}')
# with prose outside it is a developer's payload, a log line or a test fixture shown to the
# room, not an order typed in chat.
_JSON_OBJECT = re.compile(r"\{\s*\"[A-Za-z_][\w ]{0,30}\"\s*:[^{}]*\}")


def _json_payload(raw: str) -> bool:
    """True when a JSON object stands in the message and prose that names no contract stands
    outside it (an order written out beside a JSON note is still read)."""
    match = _JSON_OBJECT.search(raw)
    if match is None:
        return False
    outside = raw[: match.start()] + " " + raw[match.end() :]
    return bool(_PROSE_WORD.search(outside)) and not _CONTRACT_ON_LINE.search(outside)


# Lines opening with a clock time, two or more ("0:00 intro" / "4:12 why BTO ..." / "11:30
# Q&A"): a list of times, a video's chapters or a log of the day, where the trade is a topic
# or a line of the log. One line opening with a time ("3:55 now and it's green, sell ...") is
# the writer's moment.
_TIMED_LINE = re.compile(r"^[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}\b(?![:/.\d])[ \t]*\S", re.MULTILINE)


def _timed_list(raw: str) -> bool:
    """True when two lines or more open with a clock time."""
    return len(_TIMED_LINE.findall(raw)) >= 2


# A markdown table: a row between bars, a header and body rows of as many cells.
_TABLE_ROW = re.compile(r"^[ \t]*\|(.+)\|[ \t]*$", re.MULTILINE)
_TABLE_ROW_CELLS_MIN = 3


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _table_of_trades(raw: str) -> bool:
    """True for a table that weighs trades rather than places one: two body rows or more under
    one header that each name a contract ("Strategy | Entry | Credit" over "PCS | sell SPY
    580/575p ... | 0.95" and "IC | sell SPY ... | 1.60"), or a markdown row between bars whose
    one cell holds a whole order, action, contract and price, beside other cells ("| A | BTO 1
    NVDA 150c 6/25 @ 6.40 | max loss $640 | BE 156.40 |": a row of a comparison). A ticket
    pasted as a table names one field per cell ("Side | Qty | Contract | Limit" over "STO | 2 |
    SPY 680p 5/21/27 | 3.10") and is read."""
    if "|" not in raw:
        return False
    lines = [line for line in raw.split("\n") if line.strip()]
    for number, header in enumerate(lines):
        if header.count("|") < 1:
            continue
        width = len(_cells(header))
        body = []
        for line in lines[number + 1 :]:
            if "|" not in line or len(_cells(line)) != width:
                break
            body.append(line)
        if sum(1 for line in body if _CONTRACT_IN_CLAUSE.search(line)) >= 2:
            return True
    for row in _TABLE_ROW.finditer(raw):
        cells = [cell for cell in _cells(row.group(0)) if cell]
        if len(cells) < _TABLE_ROW_CELLS_MIN:
            continue
        for cell in cells:
            if (
                (_CODE.search(cell) or _ACTION_WORD.search(cell))
                and _CONTRACT_ON_LINE.search(cell)
                and _PRICE_ON_LINE.search(cell)
            ):
                return True
    return False


# A message opening with a command prefix ("/calc ...", "!journal add ...", "/remind me ..."):
# a command for the bot that owns it, handled by that command (this bot's own commands reach
# the parser as their arguments), never an order read from chat. A future's root in capitals
# and its quote ("/ES 5,702, SPX 5,688 ...", "/NQ 20100 now") is market talk, not a command.
_COMMAND_LINE = re.compile(r"\A\s*(?!/[A-Z]{1,3}[ \t]+\d)[/!][A-Za-z][\w-]*(?=\s|\Z)")
# An order command ("!buy 3 AMD ...", "/order sell 1 QQQ ...", "/trade STO 2 ..."): the order
# typed for an order bot is the writer's order. "!order help", "/trade syntax: ..." stay commands.
_ORDER_COMMAND = re.compile(
    r"\A\s*[/!](?:(buy|sell|bto|sto|btc|stc)|order|trade)[ \t]+(?=\S)", re.IGNORECASE
)


def _order_command(text: str) -> str | None:
    """The order in an order command, the command word dropped (None for any other text)."""
    match = _ORDER_COMMAND.match(text)
    if match is None:
        return None
    rest = text[match.end() :]
    if match.group(1) is not None:
        return f"{match.group(1)} {rest}"
    return rest if _opens_with_action(rest) else None


# A "+1" vote: the reader seconds someone else's post ("+1 same as Tom's — STO ...", "... same
# here +1", "+1 on this"). The order in the message is the one voted for, relayed, not the
# writer's own. A "+1" before a contract is a leg's count ("+1 Mar 19 27 AAPL 270 C", "BUY +1
# VERTICAL ..."), and a "+1" after a price word or before a unit is a change, not a vote.
_VOTE = re.compile(
    r"(?:^|(?<=[\s(]))\+1[ \t]*[,!]*[ \t]*"
    r"(?=$|[\u2014\u2013]|-[ \t]|[\u2600-\u27bf\U0001f300-\U0001faff]"
    r"|(?:same|here|from|agreed|this|that|too|on|to)\b)",
    re.IGNORECASE | re.MULTILINE,
)


# A heading of someone else's trade opening the message (see lex.OTHERS_TRADE_NOUNS): "Mike's
# play today: +1 QQQ 560c -1 QQQ 575c @ 4.10" relays Mike's legs.
# A handle typed in lower case ("kev's post (edited): ...") is a person too, unless it is a word
# the parser knows (a company, a time, a common word: "everyone's", "spy's").
_OTHERS_HEADING = re.compile(
    r"\A[\W_]*([A-Z][a-z]{1,15}|[a-z]{2,15})(?:['\u2019]s|s')"
    r"[ \t]+((?:[A-Za-z]+[ \t]+){0,2}?[A-Za-z]+)\b[^:\n]{0,24}:"
)


def _others_heading(text: str) -> bool:
    """True when ``text`` opens with a person's trade as its heading ("Mike's play: ...")."""
    match = _OTHERS_HEADING.match(text)
    if match is None or match.group(1).lower() in lex.TIME_POSSESSORS:
        return False
    name = match.group(1)
    if name.islower() and (
        name in lex.COMMON_LOWER_WORDS
        or name in lex.COMPANY_TICKERS
        or re.search(rf"(?<![\w$])\$?{name.upper()}\b", text)  # "nvda's setup: BTO 1 NVDA ..."
    ):
        return False
    heading = match.group(0)[match.start(2) - match.start() : -1]  # "iron condor", "NVDA play"
    # "Dana's condor looks good, doing mine:": the colon heads the last clause, the writer's
    heading = re.split(r"[,;.!?]", heading)[-1] if re.search(r"[,;.!?]", heading) else heading
    return any(word.lower() in lex.OTHERS_TRADE_NOUNS for word in re.findall(r"[A-Za-z]+", heading))


# A message with no action that opens with a person's possessive and a trade's noun ("Vee's CCS
# on IWM 215/220 ... for .55 - brave", "my cousin's NVDA calls 200c 4/17 @ 3.10, lol"): that
# person's position talked about, not the writer's order (a time word's possessive stays the
# writer's: "today's play ...").
_OTHERS_OPENING = re.compile(
    r"\A[\W_]*(?:([A-Z][a-z]{1,15})|(?:my|his|her|their|our)[ \t]+[a-z]{2,15})(?:['\u2019]s|s')"
    r"[ \t]+((?:\S+[ \t]+){0,3}\S+)"
)


# A broker's status line under an order, with nothing after it ("sell 5 WFC 80p / buy 5 WFC
# 75p 5/18 @ .70 cr⏎status: working"): the order placed already, shown, not sent again.
_STATUS_LINE = re.compile(
    r"^[ \t]*(?:order[ \t]+)?status[ \t]*[:=][ \t]*(?:working|filled|open|pending|executed|"
    r"cancell?ed|rejected|expired|partial(?:ly[ \t]+filled)?|queued|received|placed)\b[^\n]*\Z",
    re.IGNORECASE | re.MULTILINE,
)


def _status_shown(text: str) -> bool:
    """True for a message that ends on a broker's status line (see above)."""
    return "tatus" in text and _STATUS_LINE.search(text.rstrip()) is not None


def _others_verbless(text: str) -> bool:
    """True for a verbless message about another person's trade (see above)."""
    match = _OTHERS_OPENING.match(text)
    if match is None or (match.group(1) or "").lower() in lex.TIME_POSSESSORS:
        return False
    nouns = lex.OTHERS_TRADE_NOUNS | lex.COMPARED_TRADE_WORDS
    if not any(word.lower() in nouns for word in re.findall(r"[A-Za-z]+", match.group(2))):
        return False
    return not (_ACTION_WORD.search(text) or _CODE.search(text))


# A heading that says the order is one leg of a structure ("legging into a call spread on SPY,
# first leg now: buy 1 SPY 650c ...", "second leg of my AMD call spread: sell 2 AMD 200c ...",
# "legging out of my NVDA iron condor, short put first: BTC 1 NVDA 170p ...", "closing the
# IWM fly one piece at a time, wings first: STC 1 IWM 240c ..."): the structure is
# its context, the order is the contract after the colon.
_ONE_LEG_HEADING = re.compile(
    r"\A(?P<head>[^:\n]{0,80}\b(?:legging|leg|piece)\b[^:\n]{0,60}):[ \t]*(?P<order>\S[^\n]*)\Z",
    re.IGNORECASE,
)


def _one_leg_order(text: str) -> str | None:
    """The order after a heading that names it one leg of a structure (see above), if any."""
    match = _ONE_LEG_HEADING.match(text)
    if match is None or not _opens_with_action(match.group("order")):
        return None
    return match.group("order")


# A strategy named in words: legs that do not read one by one are read as that strategy.
_STRATEGY_NAMED = re.compile(
    r"\b(?:spreads?|verticals?|calendars?|diagonals?|condors?|(?:butter)?fly|flies|straddles?"
    r"|strangles?|pcs|ccs|pds|cds|ic)\b",
    re.IGNORECASE,
)


_FIRST_WORD = re.compile(r"\A(?:\W*\b(?:hey|yo|hi|hello|oi|ok|okay)\b)?\W*([A-Za-z']+)", re.I)
_LEADING_VERBS = frozenset(
    {*lex.ACTION_WORDS, *lex.CODES, *(phrase.split()[0] for phrase in lex.ACTION_PHRASES)}
    | {"add", "adding", "close", "closing", "open", "opening", "cover", "covering", "roll",
       "write", "long", "short"}
)  # fmt: skip


def _opens_with_action(text: str) -> bool:
    """True when ``text`` opens with an action or an alert code ("sell 2 IWM ...", "BTC ...")."""
    match = _FIRST_WORD.match(text)
    return match is not None and match.group(1).lower() in _LEADING_VERBS


# A message headed as an advertisement ("Sponsored: trade the SPX ... with $0 fees", "[Ad] ...")
# or a giveaway ("🎉 GIVEAWAY 🎉 mods pay for 1 F 12c ...", "Raffle: ..."): a promotion, not an
# order ("giveaway's over, back to work. STC ..." has no heading).
_PROMOTION_HEADING = re.compile(
    r"\A\W*(?:sponsored|promoted|advertisement|ad|paid\s+promotion|giveaway|raffle|contest)"
    r"[ \t]*(?:[:!|\]\)\u2014\u2013]|[\u2600-\u27bf\U0001f300-\U0001faff])",
    re.IGNORECASE,
)
# Meeting minutes: "motion to BTO 4 XLE ...": a trade put to a vote, not placed.
_MOTION = re.compile(
    r"\bmotion(?:ed)?\s+to\s+(?:bto|sto|btc|stc|buy|sell|open|close|write|roll)\b",
    re.IGNORECASE,
)
# "... at 4.10 comes to about £620 with the fx fee": an order's cost converted into another
# currency, a calculation about the trade.
_COST_CONVERSION = re.compile(
    r"\b(?:comes?|came|works?|worked)\s+(?:out\s+)?to\s+(?:about\s+|around\s+|roughly\s+|like\s+)?"
    r"[~≈]?\s*(?:[£€¥₹]\s*\d|\d[\d,.]*\s*(?:gbp|eur|euros?|pounds|quid|cad|aud|jpy|yen)\b)",
    re.IGNORECASE,
)


def _promotion_or_minutes(text: str) -> str | None:
    """Why ``text`` is a promotion, a vote's minutes or a cost conversion (None otherwise)."""
    if _PROMOTION_HEADING.search(text):
        return "an advertisement or a giveaway, not an order"
    if _MOTION.search(text):
        return "a motion put to a vote (minutes), not an order"
    if _COST_CONVERSION.search(text):
        return "a trade's cost converted into another currency, not an order"
    return None
