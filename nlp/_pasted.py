"""Text pasted into the chat from elsewhere (an e-mail, a push notification, another broker's
ticket, a forward, a chat export, a bot's post) and the writer's own line about it.

A pasted block is not the writer's talk: what it says (filled, cancelled, rejected, someone
else's trade) does not make the writer's instruction a report. The order is the writer's own
line after the block, or the one order in the block when the writer's line points back at it
("resubmit that one", "place 3 of those"). A pasted alert or bot post with no line of the
writer's stays chatter.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Callable
from decimal import Decimal

from nlp import _lexicon as lex
from nlp._chosen import SAYS_MARKET
from nlp._leg_block import FENCE_LINE, OCC_SYMBOL, occ_as_words
from nlp._models import ParsedOrder
from nlp._shapes import _ACTION_WORD, _CODE, _CONTRACT_IN_CLAUSE
from nlp._take_up import with_count, with_price

Parse = Callable[[str], ParsedOrder]

_SOURCE_WORDS = (
    r"fwd|forward(?:ed)?|copied|copy|pasted?|screenshot|e-?mail|emails?|text|texts|export|notes?"
    r"|reminder|comment|thread|letter|newsletter|alert|link|status|tab|plan|list|group|channel"
    r"|chat|template|review|lens|ocr|signals?|notification|ticket|confirmation|subject|from"
)
# The writer's line that introduces what is pasted: it names where the text comes from and ends
# with a colon or a pointing hand ("fwd from the telegram group:", "Orders tab:").
_INTRO = re.compile(rf"\b(?:{_SOURCE_WORDS})\b[^\n]*(?::|👇)\s*$", re.IGNORECASE)
# A line that a pasted text carries: a mail or status header, a chat export's stamp, a quote.
_HEADER_LINE = re.compile(
    r"^\s*(?:(?:from|to|subject|date|status|order status|sent|filled|forwarded from)\b"
    # a broker's order notice: "Order filled: Bought 100 ...", "Order rejected — ..."
    r"|order\s+(?:filled|executed|received|rejected|cancell?ed|expired|confirm(?:ed|ation))\b"
    # a broker's screen title alone on its line: "Review order", "Order preview"
    r"|(?:review|preview|confirm)\s+(?:your\s+)?order\s*$|order\s+(?:review|preview|summary)\s*$"
    r"|sent from my\b|\[[^\]\n]*\d{1,2}:\d{2}[^\]\n]*\]|\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}"
    r"|>|['\"‘“])",
    re.IGNORECASE,
)
_NOTICE_HEADER = re.compile(
    r"^\s*order\s+(?:filled|executed|received|rejected|cancell?ed|expired|confirm(?:ed|ation))\b",
    re.IGNORECASE,
)
# A copied chat post's header: "<name> APP — Today at 10:14 AM", "Nova BOT — Yesterday at ...".
_BOT_POST = re.compile(
    r"^[^\n]*\b(?:APP|BOT)\b\s*[—–-]\s*(?:today|yesterday)\s+at\s+\d{1,2}:\d{2}",
    re.IGNORECASE | re.MULTILINE,
)
# The header of a post relayed from an alert service: "🔁 Summit Alerts · #vip-alerts", "📨
# Gamma Scalps (Telegram)", "Gamma Scalps TG 👇".
_RELAY_HEADER = (
    r"|^[^\n]{1,40}·[ \t]*#[\w-]+[ \t]*$"
    r"|^[^\n]{1,40}\((?:telegram|tg|discord|twitter|signal|whatsapp)\)[ \t]*:?[ \t]*$"
    r"|^[^\n]{1,40}\b(?:tg|telegram)[ \t]*👇[ \t]*$"
)
# A mailing's footer or a chat client's reply banner: the text around is someone else's.
_FOREIGN_MARK = re.compile(
    r"\byou are receiving this\b|\bunsubscribe\s*$|\bjump to message\b|^\s*forwarded from\b"
    # a social post's header: its author's handle and how long ago ("@gammaqueen · 2m")
    r"|@\w{2,30}[ \t]*[·•][ \t]*\d{1,3}[ \t]*(?:s|m|h|d|min|mins|hr|hrs)\b" + _RELAY_HEADER,
    re.IGNORECASE | re.MULTILINE,
)
# The writer sends the order pasted above: "resubmit that one", "place 3 of those", "open it
# here, 2 spreads", "sending mine now", "put that on for me".
_POINTER = re.compile(
    r"\b(?:submit|send|place|enter)\s+#\d\b"
    # not "do", "take", "get" or "copy": "copy that", "I don't get it", "take that, bears" are
    # talk; nor "send it", which cheers a move on ("SPY send it")
    r"|\b(?:(?:place|placing|submit|resubmit|enter|renew|open|put)\s+it"
    r"|(?:place|placing|send|sending|submit|resubmit|enter|renew|open|put)"
    r"\s+(?:that|this|those|these|mine|the same))\b"
    # "their third IWM put this week": a time, not the order pointed at
    r"(?!\s+(?:week|month|year|morning|afternoon|time|day|quarter)\b)"
    r"(?:\s+(?:one|entry|order|trade))?"
    r"|\b(?:place|placing|send|sending|submit|resubmit|enter|renew|open|put)"
    r"\s+(?:\d{1,3})\s+(?:of\s+(?:those|these|them|that)|for\s+me)\b"
    # "place row 2 here": one row of a pasted sheet
    r"|\b(?:place|send|enter|submit)\s+row\s+\d{1,2}\b"
    # "same ticket here please", "mirror it here, same terms": asked for here, not talked about
    # ("same ticket as mine")
    r"|^(?=.*\bhere\b)(?!.*\bas\s+(?:mine|yours|his|hers|theirs)\b).*?"
    r"\b(?:same\s+(?:ticket|order|trade|terms)|mirror\s+(?:it|that|this))\b"
    # "fire it off here", "execute that", "re-enter it here", "do it here instead": a verb of
    # sending with the pasted order as its object ("do" only with a place or a time)
    r"|\b(?:fire|execute|re-?enter|re-?place|redo)\s+(?:it|that|this|those|these)\b"
    r"|\bdo\s+(?:it|that|this|the\s+same)\s+(?:here|now|again)\b"
    # the go word alone on the writer's line: "submit", "execute pls", "fire!"
    r"|^\W*(?:submit|execute|fire|transmit)(?:\s+(?:pls|please|now))?\W*$"
    # ... or as the clause opening it: "sending.", "sending ↑ last lotto", "placing:"
    r"|^\W*(?:sending|placing|submitting)(?:\s+(?:it|this|that|now|here))?\s*(?:[.!,:↑👆]|$)"
    # "send it" ending the line as a clause after the writer's words ("row 2 is go, send it");
    # alone or after a ticker ("SPY send it") it may cheer a move on
    r"|[,;.!]\s*send\s+it(?:\s+(?:here|now|pls|please))?\W*$"
    # opening the writer's line under the pasted ticket, as a clause of its own ("send it here
    # please", "send it, I'm at work"); not "send it to the moon", nor "send it" alone
    r"|^\W*send\s+it(?:(?:\s+(?:here|now|in|through|pls|please|for\s+me))+\s*(?:[,.!]|$)"
    r"|\s*,\s*(?=\w))"
    # the pasted order's own side with a pronoun for it: "buy it", "close those", "sell them"
    r"|\b(?P<side>buy|sell|close)\s+(?:it|those|these|them)\b"
    # "same order again today please": the pasted order asked for once more
    r"|^\W*(?:the\s+)?same\s+(?:ticket|order|trade)\s+again\b",
    re.IGNORECASE,
)
# The writer's words around the pointer that keep the order from being sent: a negation, a
# question, a modal, a condition, a plan for later ("don't place it", "should I submit it?",
# "I'd buy it if it dips", "fire it tomorrow").
_POINTER_DOUBT = re.compile(
    r"n't\b|\b(?:not|never|no|dont|would|should|could|might|maybe|if|unless|later|tomorrow"
    r"|did|was|were)\b|'d\b|\?",
    re.IGNORECASE,
)


def _points(line: str) -> re.Match[str] | None:
    """The writer's pointer at the pasted order in ``line`` when its clause sends it: no
    negation, question, modal, condition or plan for later in that clause."""
    pointer = _POINTER.search(line)
    if pointer is None:
        return None
    start = max((m.end() for m in re.finditer(r"[,;.!—–]", line[: pointer.start()])), default=0)
    end = re.search(r"[,;.!—–]", line[pointer.end() :])
    clause = line[start : pointer.end() + (end.start() if end else len(line))]
    return None if _POINTER_DOUBT.search(clause) else pointer


# The row of a pasted sheet the writer sends: "place row 2 here", "row 1 please".
_ROW_PICK = re.compile(
    r"\b(?:place|send|enter|submit|do)\s+row\s+(?P<row>\d{1,2})\b"
    r"|\brow\s+(?P<later>\d{1,2})\s+(?:here|please|pls|only|now)\b",
    re.IGNORECASE,
)
_POINTER_QUANTITY = re.compile(
    r"\b(\d{1,3})\s*(?:lots?|contracts?|spreads?|cons?|of\s+(?:those|these|them|that)|for\s+me)\b",
    re.IGNORECASE,
)
# A line's own marks before its text: a bullet, a check box, a number, a quote mark, a label.
_LINE_MARKS = re.compile(r"^\s*(?:[>•*\-]\s*)?(?:\[[ xX]\]\s*)?(?:\d{1,2}[.)]\s+)?")
_QUOTES = re.compile(r"^\s*['\"‘“](.*?)['\"’”]\s*$")
# Letter O read for a zero by OCR inside a number: "2O27", "$9.4O", "O.4O"; and a letter l
# for a one inside a date or a price ("12/2l/29", "2.l5").
_OCR_NUMBER = re.compile(
    r"(?<![A-Za-z])\$?(?=[\dOl./]*\d)[\dOl]+(?:[./][\dOl]+)+(?![A-Za-z])|"
    r"(?<![A-Za-z])(?=[\dO]*\d)(?=\d*O)[\dO]{2,}(?![A-Za-z])"
)


def fix_ocr_zeros(text: str) -> str:
    """Letter O for a zero inside a number, as OCR reads it off a screenshot ("11/19/2O27",
    "$9.4O"); a ticker or a word keeps its O."""
    if "O" not in text and not _OCR_ONE.search(text):
        return text
    return _OCR_NUMBER.sub(lambda match: match.group(0).replace("O", "0").replace("l", "1"), text)


_OCR_ONE = re.compile(r"\d[./]?l|l[./]?\d")


def foreign_post(text: str) -> bool:
    """True when the message is someone else's post copied in: a chat post's header naming a
    bot or an app, a mailing's footer, a reply banner."""
    # (a post's header needs its time's colon and a dash: a cheap look before the scan)
    bot_post = ":" in text and any(dash in text for dash in "—–-") and _BOT_POST.search(text)
    return bool(bot_post or _FOREIGN_MARK.search(text))


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _has_order_words(line: str) -> bool:
    return bool(
        (_CODE.search(line) or _ACTION_WORD.search(line)) and _CONTRACT_IN_CLAUSE.search(line)
    ) or bool(_CONTRACT_IN_CLAUSE.search(line) and re.search(r"\d\.\d", line))


# The writer's own order for shares: an action, a count and a ticker ("buy another 100 PLTR
# here, limit 24.05").
_SHARES_ORDER = re.compile(r"\b\d+\s+(?:shares?\s+(?:of\s+)?)?\$?[A-Z]{1,5}\b")


def _shares_order(line: str) -> bool:
    return bool((_CODE.search(line) or _ACTION_WORD.search(line)) and _SHARES_ORDER.search(line))


# A broker screen's title alone on the first line ("Portfolio", "Order history", "Filled today",
# "my positions (from the app)") or a table's header row naming three columns or more ("Symbol
# Qty Avg Mark P/L Open", "| spread | qty | opened | mark | exp |").
_SCREEN_TITLE = re.compile(
    r"^\W*(?:my\s+)?(?:portfolio|positions?|holdings|order\s+history|history|orders|fills"
    r"|filled\s+today|activity|transactions|working\s+orders|open\s+orders)"
    r"(?:\s*\([^)\n]*\))?\W*$",
    re.IGNORECASE,
)
_COLUMN_WORDS = frozenset(
    {"symbol", "qty", "quantity", "avg", "mark", "price", "p/l", "open", "last", "change", "status",
     "side", "time", "date", "strike", "exp", "spread", "opened", "cost", "value", "bid", "ask",
     "action", "type", "fill", "filled", "pnl", "position", "contracts", "expiration"}
)  # fmt: skip


# A contract with its type in the writer's line under a screen: "911c", "320 calls", "290/285".
_TYPED_CONTRACT = re.compile(r"\d(?:[cp]\b|\s*(?:calls?|puts?)\b|/\d)", re.IGNORECASE)


def _screen_heading(line: str) -> bool:
    """True for a broker screen's title or a table's header row (see above)."""
    cells = [cell.lower() for cell in re.split(r"[\s|]+", line) if cell]
    return _SCREEN_TITLE.match(line) is not None or (
        len(cells) >= 3 and sum(cell in _COLUMN_WORDS for cell in cells) >= 3
    )


def _pasted_head(head: list[str]) -> bool:
    """True when the lines before the writer's line are a pasted block: a source introduced,
    a header a pasted text carries, an intro that says to place what follows."""
    return bool(head) and (
        _INTRO.search(head[0]) is not None
        or _told_below(head[0])
        or any(_HEADER_LINE.match(line) for line in head)
        or re.match(rf"^[^\n:]*\b(?:{_SOURCE_WORDS})\b[^\n:]*:\s*\S", head[0], re.IGNORECASE)
        is not None
        # a broker's or app's name heading the block ("Merrill Edge:", "Firstrade — Options
        # Order Review"), or a program's record (a JSON object, a header row over a row)
        or (_BROKER_HEADING.match(head[0]) is not None and not _has_order_words(head[0]))
        or (len(head) >= 2 and _screen_heading(head[0]))
        or _record(head) is not None
    )


_BROKER_HEADING = re.compile(
    r"^\W*(?:robinhood|webull|ibkr|interactive\s+brokers|schwab|thinkorswim|fidelity|e\*?trade"
    r"|tastytrade|tastyworks|moomoo|firstrade|tradier|merrill(?:\s+edge)?|tradestation|sofi"
    r"|public)\b[^\n]{0,40}$",
    re.IGNORECASE,
)


def _writers_line(text: str) -> tuple[list[str], str] | None:
    """The pasted block and the writer's own last line after it, when the message has both:
    the last paragraph after a blank line, or the last line after a marked pasted line (a
    header, a quote) or after an intro that already says to place it."""
    paragraphs = [part for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    if len(paragraphs) >= 2 and len(_lines(paragraphs[-1])) == 1:
        head = _lines("\n".join(paragraphs[:-1]))
        return (head, paragraphs[-1].strip()) if _pasted_head(head) else None
    lines = _lines(text)
    if len(lines) < 2:
        return None
    head, last = lines[:-1], lines[-1].strip()
    if not _pasted_head(head):
        return None
    before = head[-1]
    marked = _HEADER_LINE.match(before) or _QUOTES.match(before.split(":", 1)[-1])
    told = _INTRO.search(head[0]) and _POINTER.search(head[0]) and len(head) <= 2
    quoted_in_intro = len(head) == 1 and re.search(r":\s*['\"‘“].+['\"’”]\s*$", head[0])
    pointing = _points(last) is not None and not _has_order_words(last)
    bare_header = all(
        _HEADER_LINE.match(line) and not _has_order_words(line) and not _NOTICE_HEADER.match(line)
        for line in head
    )
    if bare_header and not pointing:
        return None  # "Forwarded from X\nNEW TRADE: BTO ...": the line is the forward's own
    # the writer's own order under a broker's screen ("Portfolio\n...\nSTC 2 SPY 911c ...")
    screen = (
        len(head) >= 2
        and _screen_heading(head[0])
        and _has_order_words(last)
        and _TYPED_CONTRACT.search(last) is not None
    )
    if marked or told or quoted_in_intro or pointing or screen or _lead_in(last):
        return head, last
    return None


def _told_below(line: str) -> bool:
    """True for an intro line that tells the bot to place what is pasted below it ("submit it
    again please:", "I'm placing the same one:", "(copied) 👇 submit pls")."""
    told = bool(
        re.search(r"(?::|👇)\s*$|👇", line)
        and (
            _POINTER.search(line)
            or re.search(r"\b(?:submit|place|send)(?:ing)?\b|\bplacing\b", line, re.I)
        )
    ) or _sends_last(line)  # "... send it here" over a block
    return told and not _has_order_words(line)


def _sends_last(line: str) -> bool:
    """True when ``line`` ends on its own clause sending what follows ("send it here"), with
    no doubt in that clause."""
    match = _SEND_IT_LAST.search(line)
    if match is None:
        return False
    start = max((m.end() for m in re.finditer(r"[,;.!—–]", line[: match.start()])), default=0)
    return _POINTER_DOUBT.search(line[start:]) is None


# The intro line ending on the pointer itself: "... API key is still dead. send it here".
_SEND_IT_LAST = re.compile(
    r"\b(?:send|place|submit|enter)\s+(?:it|this|that)(?:\s+(?:here|now|pls|please|for\s+me"
    r"|as\s+is))*\W*$",
    re.IGNORECASE,
)


# Ticket fields that are not the order: the cost, fees, the broker's own prompts.
_TICKET_NOISE = re.compile(
    r"^\s*(?:estimated|est\.|total|swipe|commission|fees?|buying power|review)\b", re.IGNORECASE
)
_FIELD_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,15}?)\s*::?\s+(?=\S)")
_COUNT_LABEL = re.compile(r"^\s*(?:qty|quantity|contracts|size)\b\s*:*\s*", re.IGNORECASE)
_PRICE_LABEL = re.compile(r"^\s*(?:limit|limit price|price|lmt)\s*:*\s*", re.IGNORECASE)


# A count of the writer's own for the order pasted above: "make it 6 contracts", "3 instead".
_OWN_COUNT = re.compile(
    r"^\s*(?:(?:but\s+)?make\s+it\s+(\d{1,3})\b(?:\s+(?:contracts?|lots?|spreads?|shares))?"
    r"|(\d{1,3})\s+(?:contracts?|lots?|spreads?|shares)?\s*instead)\W*$",
    re.IGNORECASE,
)
# A ticket's price or time-in-force line under its order line: "Limit 2.90 Credit · GTC".
_PRICE_FIELDS = re.compile(
    r"^\s*(?:limit(?:\s+price)?|lmt|price|net)\s*:?\s*\$?\d*\.?\d+"
    r"(?:\s*(?:credit|debit|cr|db|dr))?(?:\s*[·|,]?\s*(?:gtc|day|good\s+for\s+day|good\s+til"
    r"\w*\s+cancell?ed))?\s*$",
    re.IGNORECASE,
)


def _own_count(line: str) -> int | None:
    match = _OWN_COUNT.match(line)
    if match is None:
        return None
    return int(match.group(1) or match.group(2))


def _with_price_fields(line: str | None, lines: list[str]) -> str | None:
    """The pasted order line with the price lines right under it ("Limit 2.90 Credit · GTC")."""
    if line is None:
        return None
    at = next((i for i, text in enumerate(lines) if line in text), None)
    if at is None:
        return line
    extra = []
    for text in lines[at + 1 :]:
        if not _PRICE_FIELDS.match(text):
            break
        extra.append(text.replace("·", " "))
    return " ".join([line, *extra])


# An option's OCC symbol, padded or as a broker writes it ("-KO330715P60", "PG 330819C00175000").
_OCC_SYMBOL = re.compile(r"\b[A-Z]{1,6}\s*\d{6}[CP]\d")
# A ticket's field that writes the order type and the side together: "Limit Buy", "Market Sell".
_TYPED_SIDE = re.compile(r"^\s*(limit|market|stop)\s+(buy|sell)\s*$", re.IGNORECASE)


def _unlabelled(line: str) -> str:
    """A ticket's field without its label ("Direction: Buy" -> "Buy", "Symbol: -PG330819C175"
    -> "-PG330819C175"): a label read as a word would be taken for the ticker ("Type", "Term");
    a label that is itself the order's action ("Buy to open: 2 ...") stays."""
    label = _FIELD_LABEL.match(line)
    if label is None or _CODE.match(label.group(1)) or _ACTION_WORD.match(label.group(1)):
        return line
    return line[label.end() :]


def _ticket(lines: list[str]) -> str | None:
    """A vertical ticket (one field a line, as a broker's screen or OCR gives it) as one line:
    the side first, the count and the limit kept as such, other labels dropped. An app's
    fields set apart by a middle dot on one line ("Limit Buy · 2 contracts") count apart."""
    lines = [part for line in lines for part in re.split(r"\s+·\s+", line) if part.strip()]
    fields = [line for line in lines if not _TICKET_NOISE.match(line)]
    if len(fields) < 2 or any(len(_unlabelled(line).split()) > 6 for line in fields):
        return None
    words: list[str] = []
    sides: list[str] = []
    for line in fields:
        typed = _TYPED_SIDE.match(line)
        if typed is not None and not sides:
            sides.append(typed.group(2))
            if typed.group(1).lower() == "market":
                words.append("market")
        elif _COUNT_LABEL.match(line):
            words.append("qty " + _COUNT_LABEL.sub("", line))
        elif _PRICE_LABEL.match(line):
            words.append("limit " + _PRICE_LABEL.sub("", line))
        else:
            body = _unlabelled(line)
            first = _CODE.match(body.strip()) or _ACTION_WORD.match(body.strip())
            (sides if first and not sides else words).append(body.strip())
    joined = " ".join(sides + words)
    return (
        joined
        if _CONTRACT_IN_CLAUSE.search(joined)
        or re.search(r"\bcall|\bput", joined, re.I)
        or _OCC_SYMBOL.search(joined)
        else None
    )


def _lead_in(line: str) -> bool:
    """True when the line opens with the writer's own words before the order ("renew it: buy
    ...", "it's above 70. sell ..."): no pasted alert reads that way."""
    action = _CODE.search(line) or _ACTION_WORD.search(line)
    if action is None or action.start() == 0:
        return False
    lead = line[: action.start()]
    return bool(re.search(r"[A-Za-z]{2,}.*[:.,]\s*$", lead))


# An order line's end: its price and a limit word after it; a notification goes on after it
# ("... @ $6.40 Limit was cancelled at your request.").
_PRICED = re.compile(r"(?:@|\b(?:limit|lmt|lim)\b)\s*\$?\d*\.?\d+(?:\s+(?:limit|lmt)\b)?", re.I)


# An order's status before it on a broker's screen: "WORKING — Buy 10 CCL ...".
_STATUS_MARK = re.compile(
    r"^\s*(?:working|pending|queued|open|filled|cancell?ed|rejected|expired)\s*[—–-]\s*",
    re.IGNORECASE,
)


_TIF_WORDS = re.compile(
    r"\bgood[\s-]+(?:til|till|until)[\s-]+cancell?ed\b|\bgood\s+for\s+day\b", re.I
)


def _pasted_order_line(lines: list[str]) -> str | None:
    """The one line in a pasted block that carries an order, cleaned of its marks."""
    found = []
    for line in lines:
        body = line.split(":", 1)[1] if re.match(r"^[^:\d]{2,40}:\s", line) else line
        quoted = _QUOTES.match(body) or _QUOTES.match(line)
        if quoted:
            body = quoted.group(1)
        body = _STATUS_MARK.sub("", _LINE_MARKS.sub("", body)).strip(" '\"")
        if _has_order_words(body):
            priced = _PRICED.search(body)
            tail = _TIF_WORDS.sub("", body[priced.end() :]) if priced else ""
            prose = len(re.findall(r"[A-Za-z]{2,}", tail)) >= 3
            found.append(body[: priced.end()] if priced and prose else body)
    return found[0] if len(found) == 1 else None


def _pointed_order(head: list[str], parse: Parse, row: int | None = None) -> ParsedOrder | None:
    """The order the writer's pointer sends: the pasted order line (with the price lines under
    it), the ticket written one field a line, or a program's record (a JSON object, a header row
    over one row); the reading that names the most of the order (a price, nothing missing)."""
    line = _pasted_order_line(head)
    cells = " ".join(line.replace("|", " ").split()) if line and " | " in line else None
    # a ticket row with a field a cell ("Buy | 2 | SPY | 12/28/2029 | 700 Call | Lmt 3.40")
    candidates = [_record(head, row), cells, _with_price_fields(line, head), _ticket(head[1:])]
    if line is not None and _NOTICE_AROUND.search(line):
        candidates.append(_NOTICE_AROUND.sub("", line))  # "Your order to Buy ... has expired."
    if 1 <= len(head) - 1 <= 3:
        candidates.append(" ".join(head[1:]).replace("·", " "))  # "Buy NVDA · 5 shares · ..."
    best: ParsedOrder | None = None
    for candidate in dict.fromkeys(c for c in candidates if c is not None):
        order = parse(candidate)
        if order.kind != "order":
            continue
        if (order.price is not None or SAYS_MARKET.search(candidate)) and not order.missing:
            return order  # a market order only when the ticket says so, not for want of a price
        if best is None:
            best = order
    return best


def _same_side(order: ParsedOrder, side: str | None) -> bool:
    """False when the pointer's own verb names the other side than the pasted order's ("buy
    it" under a sell ticket): the bot does not pick one."""
    if side is None or side.lower() == "close":
        return True
    return all(leg.side == side.lower() for leg in order.legs)


# A program's record pasted in: a JSON object, or a header row over one row of values (a CSV,
# a sheet's tab-separated row). The keys name the order's fields.
_RECORD_KEYS = {
    "ticker": ("sym", "symbol", "ticker", "underlying", "root", "stock"),
    "side": ("action", "side", "instruction", "buysell", "direction"),
    "qty": ("qty", "quantity", "contracts", "size", "shares", "count"),
    "strike": ("strike", "strikeprice"),
    "type": ("type", "right", "putcall", "callput", "optiontype", "cp"),
    "exp": ("exp", "expiry", "expiration", "expdate", "expirationdate", "expires"),
    "price": ("limit", "lmt", "price", "limitprice", "lmtprice", "px"),
    "order_type": ("ordertype",),
    "tif": ("tif", "duration", "timeinforce"),
}
_RECORD_FIELD = {key: field for field, keys in _RECORD_KEYS.items() for key in keys}
_RECORD_SPLIT = re.compile(r"\t|\s*,\s*|\s*\|\s*")
# A sheet exported with semicolons keeps its decimal commas ("2034-12-07;STO;2;SPY;...;0,55").
_SEMICOLONS = re.compile(r"\s*;\s*")
_DECIMAL_COMMA = re.compile(r"\A(\d+),(\d{1,2})\Z")
# A broker API's request body: "class=equity&symbol=JPM&side=buy&quantity=30&...".
_QUERY_STRING = re.compile(r"\A[\w\[\]]+=[^&\s]*(?:&[\w\[\]]+=[^&\s]*){2,}\Z")


def _record_fields(lines: list[str], row: int | None = None) -> dict[str, str] | None:
    """The first record in ``lines`` as its keys and values: a JSON object on one line, or a
    header row of three names or more over exactly one row of values (or over several, with
    ``row`` the one the writer picks: "place row 2"); None otherwise."""
    lines = [line for line in lines if not FENCE_LINE.match(line)]
    for at, line in enumerate(lines):
        text = line.strip()
        if _QUERY_STRING.match(text):
            return dict(urllib.parse.parse_qsl(text))  # a broker API's request body
        if text.startswith("{") and text.endswith("}"):
            try:
                data = json.loads(text)
            except ValueError:
                return None
            if not isinstance(data, dict):
                return None
            return {str(key): str(value) for key, value in data.items()}
        split = _SEMICOLONS if text.count(";") >= 2 else _RECORD_SPLIT
        cells = [cell for cell in split.split(text.strip("|")) if cell]
        if len(cells) >= 3 and all(re.fullmatch(r"[A-Za-z_ ]{1,20}", cell) for cell in cells):
            rows = lines[at + 1 :]
            if len(rows) != 1 and (row is None or not 1 <= row <= len(rows)):
                return None
            picked = rows[0] if len(rows) == 1 else rows[(row or 1) - 1]
            values = [cell.strip() for cell in split.split(picked.strip().strip("|"))]
            if split is _SEMICOLONS:
                values = [_DECIMAL_COMMA.sub(r"\1.\2", value) for value in values]
            return dict(zip(cells, values, strict=False)) if len(values) == len(cells) else None
    return None


def _record(lines: list[str], row: int | None = None) -> str | None:
    """A record's order written as an alert line ("STO 2 ORCL 170p 1/18/2030 @ 3.60"), or None
    when it names no side or no ticker."""
    if not any(mark in line for line in lines for mark in ("{", ",", ";", "\t", "&")):
        return None
    raw = _record_fields(lines, row)
    if raw is None:
        return None
    if "option_symbol[0]" in raw:
        return _multileg_record(raw)
    fields: dict[str, str] = {}
    for key, value in raw.items():
        field = _RECORD_FIELD.get(re.sub(r"[^a-z]", "", key.lower()))
        if field is not None and value and field not in fields:
            fields[field] = value.replace("_", " ").strip()
    kind = fields.get("type", "").lower()
    if kind in {"market", "limit", "mkt", "lmt"}:
        fields.setdefault("order_type", kind)
        kind = ""
    if "side" not in fields or "ticker" not in fields:
        return None
    words = [fields["side"], fields.get("qty", "")]
    if "strike" in fields and kind[:1] in {"c", "p"}:
        words += [fields["ticker"], fields["strike"] + kind[0], fields.get("exp", "")]
    elif "strike" in fields or "exp" in fields or kind:
        return None
    else:
        words += ["shares", fields["ticker"]]
    if "price" in fields:
        words += ["@", fields["price"]]
    elif fields.get("order_type", "").lower() in {"market", "mkt"}:
        words.append("at market")
    if fields.get("tif", "").lower() in {"day", "gtc"}:
        words.append(fields["tif"])
    return " ".join(word for word in words if word)


def _multileg_record(raw: dict[str, str]) -> str | None:
    """A multi-leg API body ("option_symbol[0]=IWM341215P00255000&side[0]=sell_to_open&...")
    written as its legs, a line each, over its net price."""
    legs: list[str] = []
    for index in range(4):
        symbol = OCC_SYMBOL.fullmatch(raw.get(f"option_symbol[{index}]", ""))
        side = raw.get(f"side[{index}]", "").replace("_", " ")
        if symbol is None:
            break
        if not side:
            return None
        legs.append(f"{side} {raw.get(f'quantity[{index}]', '')} {occ_as_words(symbol)}")
    effect = raw.get("type", "").lower()
    if len(legs) < 2 or effect not in ("credit", "debit") or not raw.get("price"):
        return None
    tif = raw.get("duration", "").lower()
    return "\n".join(
        [*legs, f"{raw['price']} {effect}{', ' + tif if tif in ('day', 'gtc') else ''}"]
    )


# A broker's positions table row: "JPM 1/18/36 300 Put   -3   5.83   4.20   +490.00" (the
# signed quantity held: short below zero).
_POSITION_ROW = re.compile(
    r"^\s*\$?(?P<ticker>[A-Z]{1,5})\s+(?P<date>\d{1,2}/\d{1,2}/\d{2,4})\s+\$?"
    r"(?P<strike>\d+(?:\.\d+)?)\s+(?P<type>(?i:put|call))s?\s+(?P<held>[+-]?\d{1,4})\s"
)
# The writer's line under it closing one ticker's row: "closing the whole JPM line at 4.20",
# "closing 2 of the 3 AMD puts at 3.05", "close the IWM position @ .30, rest stays".
_CLOSES_ROW = re.compile(
    r"^\W*clos(?:e|ing)(?:\s+out)?\s+(?:(?P<count>\d{1,4})\s+of\s+)?(?:(?:the|my)\s+)?"
    r"(?:whole\s+)?(?:\d{1,4}\s+)?(?P<ticker>[A-Z]{1,5})(?:\s+(?:line|position|row|puts?|calls?))?"
    r"\s+(?:at|@)\s*(?P<price>\$?\d*\.?\d+)\b",
)


def _closed_position(lines: list[str], parse: Parse) -> ParsedOrder | None:
    """The close of one row of a pasted positions table that the writer's last line names by
    its ticker (see above): the side opposite to the quantity held, all of it or the count
    said; None when the message is not of that form or no one row is the ticker's."""
    pick = _CLOSES_ROW.match(lines[-1])
    if pick is None:
        return None
    rows = [
        row
        for line in lines[:-1]
        if (row := _POSITION_ROW.match(line)) is not None and row["ticker"] == pick["ticker"]
    ]
    if len(rows) != 1:
        return None
    row = rows[0]
    held = int(row["held"])
    count = int(pick["count"] or abs(held))
    if held == 0 or count > abs(held):
        return None
    side = "buy" if held < 0 else "sell"
    order = parse(
        f"{side} to close {count} {row['ticker']} {row['strike']}{row['type'][0].lower()} "
        f"{row['date']} @ {pick['price']}"
    )
    return order if order.kind == "order" else None


def read_pasted(text: str, parse: Parse) -> ParsedOrder | None:
    """The order in a message that pastes text from elsewhere, read from the writer's own line
    (or from the pasted order it points at); None when the message is not of that form."""
    if "\n" not in text:
        return None
    lines = _lines(text)
    closed = _closed_position(lines, parse)
    if closed is not None:
        return closed
    if _told_below(lines[0]):
        body = lines[1:]
        count = _own_count(body[-1]) if len(body) >= 2 else None
        if count is not None:
            body = body[:-1]  # "... \nmake it 6 contracts": the writer's count for it
        line = _record(body) or _ticket(body) or _with_price_fields(_pasted_order_line(body), body)
        if line is not None:
            order = parse(line)
            if order.kind == "order":
                return with_count(order, count)
    split = _writers_line(text)
    if split is None:
        return None
    head, last = split
    pointer = _points(last)
    if pointer is not None and not _has_order_words(last):
        picked = _ROW_PICK.search(last)
        row = int(picked.group("row") or picked.group("later")) if picked else None
        pointed = _pointed_order(head, parse, row)
        if pointed is None or not _same_side(pointed, pointer.group("side")):
            return None
        quantity = _POINTER_QUANTITY.search(last)
        return with_count(pointed, int(quantity.group(1)) if quantity else None)
    if not (
        _has_order_words(last)
        or re.search(r"\b(?:at\s+)?(?:market|mkt)\b", last)
        or _shares_order(last)
    ):
        return None
    order = parse(last)
    return order if order.kind == "order" else None


# The writer's question about what is above it ("can someone explain why tos shows max loss
# 17.65 on this?", "is 2.10 too low?", "why does TS write it like that? confusing"): a question
# of its own words, not the order's, anywhere in the line.
# It points back at the order or names a number of it; "who else is in?" rallies the room to
# the writer's own alert instead.
_QUESTION_LINE = re.compile(r"\?(?=\s|$)")
_POINTS_AT = re.compile(r"\b(?:this|that|these|those|it)\b", re.IGNORECASE)
_POINTS_BACK = re.compile(rf"{_POINTS_AT.pattern}|\d", re.IGNORECASE)
# A line opening on another subject, pointing at nothing before it: "Also, what time is the
# Module 2 session tonight?" ("also, is this too much?" asks about the order).
_NEW_TOPIC = re.compile(
    r"\W*(?:also|btw|by\s+the\s+way|unrelated|off[\s-]topic|side\s+note|separate\s+q)\b",
    re.IGNORECASE,
)
_RALLY = re.compile(
    r"\b(?:who|anyone|any1|y'?all|you\s+guys)\b.*\b(?:in|join(?:ing)?|with\s+me|tail(?:ing)?"
    r"|follow(?:ing)?)\b",
    re.IGNORECASE,
)


# A question to the room or to one member about them, not about the order above it ("anyone
# else catch that flush?", "who's trading the open?", "what's everyone's TGT read?", "@dex you
# trading CPI next week?"); one that points at the order ("anyone else think this is dumb?")
# still asks about it.
_QUESTION_SENTENCE = re.compile(r"[^.!?\n]*\?")
_ROOM_QUESTION = re.compile(
    r"\s*(?:(?:is|does|did|has|can)\s+)?(?:anyone|any1|any\s+of\s+you|who(?:'s|\s+is|\s+else)?\b"
    r"|what(?:'s|\s+is|\s+are|\s+do)\s+(?:every(?:one|body)|y'?all|you\s+(?:all|guys))"
    r"|@\w+\s+(?:you|u)\b)",
    re.IGNORECASE,
)
_POINTS_AT_ORDER = re.compile(r"\b(?:this|it|these|those)\b", re.IGNORECASE)


def asks_the_room(line: str) -> bool:
    """True when every question in ``line`` asks the room or a member about them, pointing at
    nothing the writer posted (see above)."""
    questions = _QUESTION_SENTENCE.findall(line)
    return bool(questions) and all(
        _ROOM_QUESTION.match(question) and not _POINTS_AT_ORDER.search(question)
        for question in questions
    )


def _writers_own_words(line: str) -> bool:
    """True for a line of the writer's words only: no action, no alert code, no contract, no
    pointer back at the pasted order and no count of the writer's own for it. "buying power"
    names an amount, not an action."""
    line = re.sub(r"\b(?:buying|selling|purchasing)\s+power\b", "", line, flags=re.IGNORECASE)
    return not (
        _CODE.search(line)
        or _ACTION_WORD.search(line)
        or (_CONTRACT_IN_CLAUSE.search(line) and re.search(r"\d", line))
        or _points(line)
        or _POINTER_QUANTITY.search(line)
        or re.search(r"\b(?:same|mirror|copy|market|mkt|make\s+it)\b", line, re.IGNORECASE)
    )


# An intro that names a source elsewhere: a forward, a copy, a channel the writer quotes
# ("from Discord #alerts:", "copied from twitter:"), or a broker's own screen ("Fidelity trade
# ticket:", "tos order confirmation:"); not the writer's own alert's heading ("Swing alert:",
# "entry from my notes:").
_BROKERS = (
    r"robinhood|rh|webull|ibkr|interactive\s+brokers|schwab|tos|thinkorswim|fidelity|e\*?trade"
    r"|tastytrade|tasty|tastyworks|ally(?:\s+invest)?|vanguard|moomoo|firstrade|tradier|merrill"
    r"|tradestation|public"
)
_FOREIGN_INTRO = re.compile(
    r"^\s*(?:fwd|forwarded|copied|copy|pasted|screenshot|shared|from|via)\b"
    rf"|\b(?:{_BROKERS})\b[^\n]*\b(?:ticket|confirmation|notice|e-?mail|push|status|screen"
    r"|app|order|sms|text|notification)\b",
    re.IGNORECASE,
)
_OWN_RECORD = re.compile(
    r"\b(?:my|our)\s+(?:own\s+)?(?:notes?|plan|journal|watchlist|alerts?|list|sheet"
    r"|spreadsheet|log|trades?|entries|entry)\b",
    re.IGNORECASE,
)
_SIDE_FIELD = re.compile(r"^\s*(?:action|side)\s*:\s*(?:buy|sell)\b", re.IGNORECASE)


def _stock_ticket(lines: list[str]) -> bool:
    """True for a vertical ticket of shares ("Action: Sell / Symbol: CSCO / Quantity: 300")."""
    return any(_SIDE_FIELD.match(line) for line in lines) and any(
        _COUNT_LABEL.match(line) and re.search(r"\d", line) for line in lines
    )


def talked_about(text: str, go_words: Callable[[str], bool]) -> str | None:
    """Why a message that shows an order and then only talks about it is talk, or None: an
    order pasted under a source ("from Discord #alerts:\\nSTO 3 IWM ...\\nthey love IWM"), or
    any order followed by the writer's question about it ("...\\nwhy is max loss 17.65?")."""
    lines = _lines(text)
    if len(lines) < 2:
        return None
    last = lines[-1].strip()
    if not _writers_own_words(last) or go_words(last):
        return None
    block = lines[:-1]
    if (
        _QUESTION_LINE.search(last)
        and len(last.split()) >= 3
        and _POINTS_BACK.search(last)
        and not (_NEW_TOPIC.match(last) and not _POINTS_AT.search(last))
        and not _RALLY.search(last)
        and not asks_the_room(last)
        and any(_has_order_words(line) for line in block)
    ):
        return "an order shown, then a question about it"
    if (
        len(block) >= 2
        and _FOREIGN_INTRO.search(block[0])
        and not _OWN_RECORD.search(block[0])
        and _INTRO.search(block[0])
        and not _told_below(block[0])
        and not _POINTER.search(block[0])
        and not _has_order_words(block[0])
        and (_pasted_order_line(block[1:]) or _ticket(block[1:]) or _stock_ticket(block[1:]))
    ):
        return "an order pasted from elsewhere and talked about"
    return None


# A text relayed in one line before the writer's own order: a quote ("wife: '...' she's right,
# it's 110.20. sell 60 DIS @ 110.15"), a notice, a mail, a text or a pick that a source said
# ("Morning Brew Options said sell premium on LLY ... agreed, sell to open 1 LLY ..."). The
# writer's order is the sentence after it that opens with the action, behind the writer's own
# words that take it up ("still want it —", "I'll play it safer:", "yeah put me in:").
_OPEN_QUOTE = re.compile(r"(?<!\w)['\"‘“](?=\S)")
_RELAYED = re.compile(
    _OPEN_QUOTE.pattern
    + r"|\b(?:fwd|forward(?:ed)?|copied|copy|sms|texts?|e-?mail(?:ed)?|push|notification"
    r"|dm|newsletter|letter|said|says|suggested|recap|notice|screen|app)\b",
    re.IGNORECASE,
)
_RELAYED_QUOTE_END = re.compile(r"['\"’”](?=[\s.,;:!?…—–-]|$)")
_INSTRUCTION_EDGE = re.compile(r"(?:[.!…:;,]|\s[—–-])\s+(?=\S)")
# The writer's words between the relayed text and the order that keep it from being taken up:
# a negation, a question, a condition, a doubt, a plan for later.
_NOT_TAKEN = re.compile(
    r"n't\b|\b(?:not|no|never|nope|if|unless|would|might|maybe|perhaps|should|could|thinking"
    r"|considering|wondering|planning|plan|later|tomorrow|monday|tuesday|wednesday|thursday"
    r"|friday|next|instead|pass|skip|wait|waiting|lol|lmao|jk"
    # a report of what was done or is usually done, or of what someone else does or says
    r"|did|was|were|told|tells|means|meant|always|usual|usually|typical|typically|how|what"
    r"|happened|used|he|him|his|they|their|her)\b|\?",
    re.IGNORECASE,
)
# Agreeing with the relayed text is the writer's own ("she's right, it's 110.20.").
_AGREEING = re.compile(r"\b(?:she|he|they)(?:'s|'re|\s+is|\s+are|\s+was)\s+right\b", re.I)


# The writer's words that frame what follows as a report, a story or an example ("recap:",
# "preview:", "e.g."): the order after them is shown, not taken up.
_LEAD_FRAMES = lex.HEADING_FRAME_WORDS | lex.HELP_WORDS | lex.RECAP_WORDS | lex.STORY_WORDS


def own_order_after_relayed(text: str, opens_with_action: Callable[[str], bool]) -> list[str]:
    """The writer's own order after a text relayed in one line (see above): the readings to
    try, the longest first ("roll it: BTC ... and STO ...", then "BTC ... and STO ...")."""
    found: list[str] = []
    if "\n" in text or not _RELAYED.search(text):
        return found
    opens = [match.start() for match in _OPEN_QUOTE.finditer(text)]
    quote_ends = [
        match.end()
        for match in _RELAYED_QUOTE_END.finditer(text)
        if any(at < match.start() for at in opens)
    ]
    for edge in _INSTRUCTION_EDGE.finditer(text):
        rest = text[edge.end() :]
        if not opens_with_action(rest) or "?" in rest or _OPEN_QUOTE.search(rest):
            continue
        if any(at > edge.start() for at in opens) or (opens and not quote_ends):
            continue  # the order is inside the quote: the relayed text's, not the writer's
        head = text[: edge.end()]
        if not _RELAYED.search(head):
            return found
        lead_at = max([at for at in quote_ends if at <= edge.start()] or [0])
        lead = text[lead_at : edge.start()]
        if lead_at == 0:
            sentences = list(re.finditer(r"[.!…;]\s+", lead))
            if not sentences:
                continue  # the relayed sentence goes on up to here
            lead = lead[sentences[0].end() :]  # the relayed sentence is the first one
        words = set(re.findall(r"[a-z]+", lead.lower()))
        if _NOT_TAKEN.search(_AGREEING.sub("", lead)) or words & _LEAD_FRAMES:
            return found
        if not re.search(r"[A-Za-z]{2,}", lead):
            continue  # no words of the writer's own take the relayed text up
        found.append(rest)
    return found


# A block relayed from elsewhere above the writer's own paragraph: a quote ("> ..."), a forward
# ("⤷ Forwarded", "Fwd:", "reenviado de ..."), a mail's reply header ("On Fri, Nov 25, 2033 at
# 7:50 AM Lena K <...> wrote:"), a forum quote ("[quote=...]"), a post's byline ("Vince Ortega
# @VolVince · 2h", "@ravi.bsky.social: ..."), a text service's footer ("Reply STOP to end") or
# a channel's stamp ("#vip-alerts • Apex Flow • Today at 11:48 AM").
_RELAYED_BLOCK = re.compile(
    r"^\s*>"
    r"|^\W*(?:forwarded|fwd|reenviado|reenvoy[ée]|weitergeleitet)\b"
    r"|^on\s.{6,80}\swrote:\s*$"
    r"|\[quote\b"
    r"|@[\w.]+\s*·\s*\d+\s*[smhd]\b"
    r"|^\s*@[\w.]+:\s"
    r"|\breply\s+stop\b"
    r"|•\s*today\s+at\s+\d"
    r"|^\W*trade\s+confirmation\b|^\s*trade\s+date\b" + _RELAY_HEADER,  # a broker's confirmation
    re.IGNORECASE | re.MULTILINE,
)


# A line quoting the message replied to: "> STC ORCL 270c @ 17.80", "↪ Replying to @Marlo: BTO
# PLTR ...", "replying to marlo: BTO ORCL ...".
# A chat app's exported line, its stamp and its author before the message: "[12/7/34, 11:30 AM]
# Rick: sto 2 AVGO ...".
_CHAT_STAMP = re.compile(
    r"^\s*\[\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\]\s*[^:\n]{1,30}:\s*",
    re.IGNORECASE,
)
_REPLY_LINE = re.compile(
    rf"^\s*>|^\W*(?:↪\W*)?replying\s+to\b|^\s*↪|{_CHAT_STAMP.pattern[1:]}", re.IGNORECASE
)
# An alert card posted by a caller: its heading names an alert or a desk ("📣 MARLO ALERT",
# "🟢 OPEN · Marlo's Desk"), and "Ticker:"/"Contract:" lines follow.
_FORWARDED_HEADER = re.compile(r"^\W*(?:forwarded|fwd)\b", re.IGNORECASE)
_REPLY_HEADING_ALONE = re.compile(r"^\W*(?:↪\W*)?replying\s+to\s+@?[\w.]+\W*$", re.IGNORECASE)
_CARD_HEADING = re.compile(
    r"\A\W*[^\n]{0,40}\b(?:alert|desk)\b[^\n]{0,20}$", re.IGNORECASE | re.MULTILINE
)
_CARD_FIELD = re.compile(r"^\s*(?:ticker|symbol|contract|entry|exit|stop|target)\s*:", re.I | re.M)


def own_paragraph_after_relayed(text: str) -> str | None:
    """The writer's own last paragraph, when the paragraphs before it relay a block from
    elsewhere (see above) and it is a paragraph of its own words, not the block's; or the
    writer's lines after the lines quoting the message replied to ("↪ Replying to @Marlo: ..."
    over "STC 2 COIN 420c 9/22 @ 5.10, ouch")."""
    paragraphs = [part for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    if len(paragraphs) < 2:
        return _own_lines_after_reply(text)
    if _FORWARDED_HEADER.match(paragraphs[1]) and not _RELAYED_BLOCK.search(paragraphs[0]):
        # "Placing this one: sell 2 KO 62.5 puts March @ .85 gtc" over "---------- Forwarded
        # message ---------" and the mail: the writer's words come first
        return paragraphs[0].strip()
    last = paragraphs[-1].strip()
    if _RELAYED_BLOCK.search(last):
        return None
    before = "\n".join(paragraphs[:-1])
    if not _RELAYED_BLOCK.search(before) and not _alert_card(paragraphs[-2]):
        return None
    return last


def _alert_card(paragraph: str) -> bool:
    """True for a caller's alert card: a heading naming an alert or a desk, two fields."""
    return bool(_CARD_HEADING.match(paragraph)) and len(_CARD_FIELD.findall(paragraph)) >= 2


def _own_lines_after_reply(text: str) -> str | None:
    lines = text.strip().split("\n")
    if len(lines) >= 3 and _FORWARDED_HEADER.match(lines[0]) and _TAKE_UP.match(lines[-1]):
        # "Forwarded from 📢 Gamma Signals (Telegram):" over the post, "I'll take that one, 2
        # contracts" under it: the writer's last line takes the post's order up
        return lines[-1].strip()
    quoted = 0
    while quoted < len(lines) and _REPLY_LINE.match(lines[quoted]):
        quoted += 1
    own = lines[quoted:]
    if not quoted or not own or any(_REPLY_LINE.match(line) for line in own):
        return None
    if _REPLY_HEADING_ALONE.match(lines[0]):
        return None  # "replying to Marco" over the message replied to: not yet the writer's
    return "\n".join(own).strip() or None


# The writer taking up the one order of the relayed block in a few words, with a count or a
# price of their own: "in, x2", "in for 2, limit 3.35", "taking it but cheaper, 2 @ 5.90",
# "same as them but only 1". A closed form: any other word and the line is read as it is.
_TAKE_UP = re.compile(
    r"^\W*(?:(?:i'?m\s+)?(?:in|taking\s+(?:it|th(?:at|is)(?:\s+one)?))"
    r"|i'?ll\s+take\s+(?:it|th(?:at|is)(?:\s+one)?)"
    r"|same(?:\s+as\s+(?:them|him|her|[a-z]+'s))?|me\s+too"
    r"|mirroring(?:\s+it)?|copying(?:\s+it)?)"
    r"(?:\s+(?:but\s+)?(?:cheaper|smaller|too|here))?"
    r"(?:\s*[,:]\s*|\s+)(?:(?:but\s+)?only\s+)?"
    r"(?:x\s*(?P<times>\d{1,3})|for\s+(?P<for>\d{1,3})"
    r"|(?:all\s+)?(?P<count>\d{1,3})(?:\s+(?:contracts?|lots?|cons?|spreads?))?)"
    r"(?:\s*(?:,\s*)?(?:(?:@|at|limit|lmt)\s*\$?(?P<price>\d*\.\d+|\d+)"
    r"|(?:at\s+)?(?P<market>market|mkt)))?\W*$",
    re.IGNORECASE,
)


# The writer copying the relayed order as it is, in a sentence of its own: "same here", "copy
# that one for me too", "me too" ("copy that" alone acknowledges: talk).
_COPIES = re.compile(
    r"^\W*(?:same\s+(?:here|for\s+me)|copy\s+(?:that|this|it)(?:\s+one)?\s+for\s+me(?:\s+too)?"
    r"|copy\s+(?:that|this)\s+one(?:\s+too)?|me\s+too)\W*$",
    re.IGNORECASE,
)


def _last_sentence(paragraph: str) -> str:
    return re.split(r"(?<=[.!?])\s+", paragraph.strip())[-1]


def sends_relayed(paragraph: str) -> bool:
    """True when the writer's paragraph under a relayed block sends it or a count of it
    ("send it here", "place 2 of those", "make it 6 contracts")."""
    return any(_points(line) or _own_count(line) is not None for line in _lines(paragraph))


def take_up_after_relayed(text: str, last: str, parse: Parse) -> ParsedOrder | None:
    """The relayed block's one order as the writer takes it up in ``last``, the writer's own
    paragraph after it (own_paragraph_after_relayed; see above), or None."""
    match = _TAKE_UP.match(last)
    copies = None if match is not None else _COPIES.match(_last_sentence(last))
    if match is None and copies is None:
        return None
    head = [_CHAT_STAMP.sub("", line) for line in _lines(text[: text.rindex(last)]) if line.strip()]
    pointed = _pointed_order(["", *head], parse)  # the block has no intro line of its own
    if pointed is None or pointed.kind != "order":
        return None
    if match is None:
        return pointed  # "same here", "copy that one for me too": the relayed order as it is
    count = match.group("times") or match.group("for") or match.group("count")
    price = match.group("price")
    return with_price(
        with_count(pointed, int(count)),
        Decimal(price) if price is not None else None,
        market=bool(match.group("market")),
    )


# A notice's words around the order it names: "Your limit order for 2 COIN ... expired.",
# "Order received: Buy to Open ...", "... (insufficient buying power)".
_NOTICE_AROUND = re.compile(
    r"^\s*(?:your\s+(?:\w+\s+)?order\s+(?:#\d+\s+)?(?:for|to)\s+)"
    r"|\s*(?:\([^)]*\)|\b(?:(?:has\s+)?expired|was\s+cancell?ed|was\s+rejected|was\s+filled|unfilled"
    r"|is\s+working)\b)[\s\w]*[.…]*\s*$",
    re.IGNORECASE,
)
_OLD_PRICE = re.compile(r"(?:,\s*)?(?:@|\b(?:limit|lmt)\b)\s*\$?\d*\.?\d+", re.IGNORECASE)
_NEW_PRICE = re.compile(r"(?<![\d/])\$?(\d*\.\d+|\d+\.\d*)(?![\d/])")


def relayed_order_sent_again(text: str, parse: Parse) -> ParsedOrder | None:
    """The order a one-line relayed notice names, sent again by the writer's pointer after it
    ("RH push: 'Your limit order for 2 COIN $250 Calls 6/15 expired.' resubmit it here at the
    same 3.60", "Webull: Order Rejected — Buy 1 SPY ... moved cash, send the same here @ 1.30"),
    read with the writer's price and count; or None."""
    if "\n" in text or (not _RELAYED.search(text) and ":" not in text):
        return None
    pointers = list(_POINTER.finditer(text))
    if not pointers:
        return None
    pointer = pointers[-1]
    edges = [0] + [
        m.end() for m in re.finditer(r"[.!…;,]['\"’”]?\s+|\s[—–-]\s+", text[: pointer.start()])
    ]
    tail_at = edges[-1]
    tail = text[tail_at:]
    if _has_order_words(tail) or _NOT_TAKEN.search(tail):
        return None
    head = text[:tail_at]
    opens = [match.end() for match in _OPEN_QUOTE.finditer(head)]
    if opens:
        close = _RELAYED_QUOTE_END.search(head, opens[0])
        if close is None:
            return None
        between = head[close.end() :]
        if _NOT_TAKEN.search(between):
            return None
        head = head[opens[0] : close.start()]
    found = []
    for piece in re.split(r":\s+|\s[—–-]\s+|\.\s+", head):
        bare = _NOTICE_AROUND.sub("", piece).strip(" '\"‘’“”.")
        if _has_order_words(bare) or (bare != piece.strip() and _CONTRACT_IN_CLAUSE.search(bare)):
            found.append(bare)  # "Your limit order for 2 COIN $250 Calls 6/15 expired."
    if len(found) != 1:
        return None
    price = _NEW_PRICE.search(tail)
    line = found[0]
    if price is not None:
        line = f"{_OLD_PRICE.sub('', line).strip()} @ {price.group(1)}"
    order = parse(line)
    if order.kind != "order" or not order.sure or order.price is None:
        return None
    count = _POINTER_QUANTITY.search(tail)
    return with_count(order, int(count.group(1)) if count else None)
