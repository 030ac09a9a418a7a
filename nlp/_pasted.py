"""Text pasted into the chat from elsewhere (an e-mail, a push notification, another broker's
ticket, a forward, a chat export, a bot's post) and the writer's own line about it.

A pasted block is not the writer's talk: what it says (filled, cancelled, rejected, someone
else's trade) does not make the writer's instruction a report. The order is the writer's own
line after the block, or the one order in the block when the writer's line points back at it
("resubmit that one", "place 3 of those"). A pasted alert or bot post with no line of the
writer's stays chatter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from nlp._models import ParsedOrder
from nlp._shapes import _ACTION_WORD, _CODE, _CONTRACT_IN_CLAUSE

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
    r"|sent from my\b|\[[^\]\n]*\d{1,2}:\d{2}[^\]\n]*\]|\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}"
    r"|>|['\"‘“])",
    re.IGNORECASE,
)
# A copied chat post's header: "<name> APP — Today at 10:14 AM", "Nova BOT — Yesterday at ...".
_BOT_POST = re.compile(
    r"^[^\n]*\b(?:APP|BOT)\b\s*[—–-]\s*(?:today|yesterday)\s+at\s+\d{1,2}:\d{2}",
    re.IGNORECASE | re.MULTILINE,
)
# A mailing's footer or a chat client's reply banner: the text around is someone else's.
_FOREIGN_MARK = re.compile(
    r"\byou are receiving this\b|\bunsubscribe\s*$|\bjump to message\b|^\s*forwarded from\b",
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
    r"\s+(?:that|this|those|these|mine|the same))\b(?:\s+(?:one|entry|order|trade))?"
    r"|\b(?:place|placing|send|sending|submit|resubmit|enter|renew|open|put)"
    r"\s+(?:\d{1,3})\s+(?:of\s+(?:those|these|them|that)|for\s+me)\b",
    re.IGNORECASE,
)
_POINTER_QUANTITY = re.compile(
    r"\b(\d{1,3})\s*(?:lots?|contracts?|spreads?|cons?|of\s+(?:those|these|them|that)|for\s+me)\b",
    re.IGNORECASE,
)
# A line's own marks before its text: a bullet, a check box, a number, a quote mark, a label.
_LINE_MARKS = re.compile(r"^\s*(?:[>•*\-]\s*)?(?:\[[ xX]\]\s*)?(?:\d{1,2}[.)]\s+)?")
_QUOTES = re.compile(r"^\s*['\"‘“](.*?)['\"’”]\s*$")
# Letter O read for a zero by OCR inside a number: "2O27", "$9.4O".
_OCR_NUMBER = re.compile(
    r"(?<![A-Za-z])\$?(?=[\dO]*\d)[\dO]+(?:[./][\dO]+)+(?![A-Za-z])|"
    r"(?<![A-Za-z])(?=[\dO]*\d)(?=\d*O)[\dO]{2,}(?![A-Za-z])"
)


def fix_ocr_zeros(text: str) -> str:
    """Letter O for a zero inside a number, as OCR reads it off a screenshot ("11/19/2O27",
    "$9.4O"); a ticker or a word keeps its O."""
    if "O" not in text:
        return text
    return _OCR_NUMBER.sub(lambda match: match.group(0).replace("O", "0"), text)


def foreign_post(text: str) -> bool:
    """True when the message is someone else's post copied in: a chat post's header naming a
    bot or an app, a mailing's footer, a reply banner."""
    return bool(_BOT_POST.search(text) or _FOREIGN_MARK.search(text))


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _has_order_words(line: str) -> bool:
    return bool(
        (_CODE.search(line) or _ACTION_WORD.search(line)) and _CONTRACT_IN_CLAUSE.search(line)
    ) or bool(_CONTRACT_IN_CLAUSE.search(line) and re.search(r"\d\.\d", line))


def _pasted_head(head: list[str]) -> bool:
    """True when the lines before the writer's line are a pasted block: a source introduced,
    a header a pasted text carries, an intro that says to place what follows."""
    return bool(head) and (
        _INTRO.search(head[0]) is not None
        or _told_below(head[0])
        or any(_HEADER_LINE.match(line) for line in head)
        or re.match(rf"^[^\n:]*\b(?:{_SOURCE_WORDS})\b[^\n:]*:\s*\S", head[0], re.IGNORECASE)
        is not None
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
    pointing = _POINTER.search(last) is not None and not _has_order_words(last)
    bare_header = all(_HEADER_LINE.match(line) and not _has_order_words(line) for line in head)
    if bare_header and not pointing:
        return None  # "Forwarded from X\nNEW TRADE: BTO ...": the line is the forward's own
    if marked or told or quoted_in_intro or pointing or _lead_in(last):
        return head, last
    return None


def _told_below(line: str) -> bool:
    """True for an intro line that tells the bot to place what is pasted below it ("submit it
    again please:", "I'm placing the same one:", "(copied) 👇 submit pls")."""
    return bool(
        re.search(r"(?::|👇)\s*$|👇", line)
        and (_POINTER.search(line) or re.search(r"\b(?:submit|place|send)\b", line, re.I))
        and not _has_order_words(line)
    )


# Ticket fields that are not the order: the cost, fees, the broker's own prompts.
_TICKET_NOISE = re.compile(
    r"^\s*(?:estimated|est\.|total|swipe|commission|fees?|buying power|review)\b", re.IGNORECASE
)
_FIELD_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,15}?)\s*::?\s+(?=\S)")
_COUNT_LABEL = re.compile(r"^\s*(?:qty|quantity|contracts|size)\b\s*:*\s*", re.IGNORECASE)
_PRICE_LABEL = re.compile(r"^\s*(?:limit|limit price|price|lmt)\s*:*\s*", re.IGNORECASE)


def _ticket(lines: list[str]) -> str | None:
    """A vertical ticket (one field a line, as a broker's screen or OCR gives it) as one line:
    the side first, the count and the limit kept as such, other labels dropped."""
    fields = [line for line in lines if not _TICKET_NOISE.match(line)]
    if len(fields) < 2 or any(len(line.split()) > 6 for line in fields):
        return None
    words: list[str] = []
    sides: list[str] = []
    for line in fields:
        if _COUNT_LABEL.match(line):
            words.append("qty " + _COUNT_LABEL.sub("", line))
        elif _PRICE_LABEL.match(line):
            words.append("limit " + _PRICE_LABEL.sub("", line))
        else:
            body = _FIELD_LABEL.sub("", line) if "::" in line else line
            first = _CODE.match(body.strip()) or _ACTION_WORD.match(body.strip())
            (sides if first and not sides else words).append(body.strip())
    joined = " ".join(sides + words)
    return (
        joined
        if _CONTRACT_IN_CLAUSE.search(joined) or re.search(r"\bcall|\bput", joined, re.I)
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


def _with_quantity(order: ParsedOrder, quantity: int | None) -> ParsedOrder:
    if quantity is None or not order.legs or len({leg.quantity for leg in order.legs}) != 1:
        return order
    legs = tuple(replace(leg, quantity=quantity) for leg in order.legs)
    return replace(order, legs=legs)


# An order line's end: its price and a limit word after it; a notification goes on after it
# ("... @ $6.40 Limit was cancelled at your request.").
_PRICED = re.compile(r"(?:@|\b(?:limit|lmt|lim)\b)\s*\$?\d*\.?\d+(?:\s+(?:limit|lmt)\b)?", re.I)


def _pasted_order_line(lines: list[str]) -> str | None:
    """The one line in a pasted block that carries an order, cleaned of its marks."""
    found = []
    for line in lines:
        body = line.split(":", 1)[1] if re.match(r"^[^:\d]{2,40}:\s", line) else line
        quoted = _QUOTES.match(body) or _QUOTES.match(line)
        if quoted:
            body = quoted.group(1)
        body = _LINE_MARKS.sub("", body).strip(" '\"")
        if _has_order_words(body):
            priced = _PRICED.search(body)
            tail = body[priced.end() :] if priced else ""
            prose = len(re.findall(r"[A-Za-z]{2,}", tail)) >= 3
            found.append(body[: priced.end()] if priced and prose else body)
    return found[0] if len(found) == 1 else None


def read_pasted(text: str, parse: Parse) -> ParsedOrder | None:
    """The order in a message that pastes text from elsewhere, read from the writer's own line
    (or from the pasted order it points at); None when the message is not of that form."""
    if "\n" not in text:
        return None
    lines = _lines(text)
    if _told_below(lines[0]):
        body = lines[1:]
        line = _ticket(body) or _pasted_order_line(body)
        if line is not None:
            order = parse(line)
            if order.kind == "order":
                return order
    split = _writers_line(text)
    if split is None:
        return None
    head, last = split
    pointer = _POINTER.search(last)
    if pointer is not None and not _has_order_words(last):
        line = _pasted_order_line(head) or _ticket(head[1:])
        if line is None:
            return None
        order = parse(line)
        if order.kind != "order":
            return None
        quantity = _POINTER_QUANTITY.search(last)
        return _with_quantity(order, int(quantity.group(1)) if quantity else None)
    if not _has_order_words(last) and not re.search(r"\b(?:at\s+)?(?:market|mkt)\b", last):
        return None
    order = parse(last)
    return order if order.kind == "order" else None
