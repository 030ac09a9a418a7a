"""A line that corrects the order on the line above it: the corrected order is the one meant.

Traders fix a typo in a second line rather than edit the message: "BTO 1 ADBE 640 straddle
12/13 @ 48.50⏎*650 straddle, ADBE's 648 now", "STO 1 SPX 10300/10350 CCS 12/27 @ 4.20⏎
*10350/10400, 2.60", "BTC 1 IWM 325/320 PCS 12/27 @ .30⏎edit: .25", "STO 1 AAPL 345p @ 4.90⏎
edit: 1/17 exp, forgot it", "sell 200 F at 13.55⏎~~13.55~~ 13.60, it's right there". The
second line opens with a mark of correction (an asterisk, "edit:", "make that", "oops",
"wait", "nvm", "scratch that", a struck-through value, "3 → 6") and then gives new details:
a strike (typed, a pair, or before "straddle"), a price, a count, a date, a type, a time in
force. What it takes back ("not Jan", "not .25") is dropped, and the talk after the details
("ADBE's 648 now", "I have 75") is not read. The details replace the order's own, and the
order's line alone is read. A line with no new detail ("scratch that, letting it expire")
leaves the message as it is: a withdrawal is not a correction.
"""

from __future__ import annotations

import re

from nlp import _lexicon as lex

_FLAGS = re.IGNORECASE
_ACTION = r"(?:please[ \t]+)?(?:buy|sell|bto|sto|btc|stc)(?:[ \t]+to[ \t]+(?:open|close))?(?=[ \t])"
_GREETING = r"(?:(?:hi|hey|hello|yo|ok|okay|gm)\b[!,.]*[ \t]+)?"
# an alert's mark may open the line ("🚨 BTO $TSLA 570c 12/19 @ 9.40 🚨")
_LEAD_MARK = r"(?:[^\w\s$*~]{1,4}[ \t]*)?"
_ORDER_LINE = re.compile(rf"\A[ \t]*{_LEAD_MARK}{_GREETING}{_ACTION}[^\n]*\d[^\n]*\Z", _FLAGS)
_MARK = re.compile(
    r"\A[ \t]*(?:"
    r"\*+[ \t]*(?:edit[ \t]*:)?"
    r"|(?:edit|correction|fix|typo)[ \t]*:"
    r"|(?:oh[ \t]+)?(?:wait|oops|whoops|sorry|nvm|actually|agh|argh|ugh|dang|shoot)\b[ \t]*,?"
    r"|make[ \t]+(?:that|it)\b"
    r"|scratch[ \t]+that\b[ \t]*,?"
    r"|~~[^~\n]+~~"
    r"|(?=\d+(?:\.\d+)?[ \t]*(?:→|->)[ \t]*\d)"
    # the new detail, then the one it replaces: "1 not 2, ...", "910c not 908c"
    r"|(?=\S+[ \t]+not[ \t]+\S)"
    # a star after the new detail: "1009c* .38"
    r"|(?=[^\s*]+\*(?:[ \t]|\Z))"
    r")[ \t]*",
    _FLAGS,
)
_MAX_CORRECTION_CHARS = 160
_MAX_ORDER_CHARS = 200
_MAX_DETAILS = 6
_MAX_CORRECTION_LINES = 3
# The same correction on the order's own line: "... @ 1.40 make it two, holding 1".
_INLINE_MARK = re.compile(
    r"(?<=\d)[ \t]*[,;.\u2014\u2013-]?[ \t]+(?=(?:make[ \t]+(?:it|that)|edit[ \t]*:)[ \t])"
    # "... @ 1.05 *977c", "... 7/12 @ 11.80 *7/19 @ 14.30", "... @ 12.10, *650c @ 15.40"
    r"|(?<=\d)[ \t]*,?[ \t]+(?=\*(?:\d|\.\d))",
    _FLAGS,
)
_MONTH = rf"(?:{lex.MONTH_NAMES})\b"
_DATE = (
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\d/])"
    rf"|{_MONTH}(?:[ \t]+\d{{1,2}}(?:st|nd|rd|th)?\b)?(?:[ \t]+'?\d{{2,4}}\b)?"
    r"|(?:exp[ \t]+)?(?:tmrw|tomorrow|today)\b|[01]dte\b|eow\b|(?:next|this)[ \t]+week\b"
    r"|next[ \t]+month\b"
)
_STRIKE_PAIR = r"\d+(?:\.\d+)?/\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)*"
_DETAIL = re.compile(
    rf"(?P<pair>(?<![\w./]){_STRIKE_PAIR}(?![\w/]))"
    r"|(?P<typed>(?<![\w./])\d+(?:\.\d+)?[cp]\b)"
    r"|(?P<named>(?<![\w./])\d+(?:\.\d+)?)[ \t]+(?P<structure>straddles?|strangles?|calls?|puts?)\b"
    rf"|(?P<date>(?<![\w./])(?:{_DATE}))"
    r"|(?P<price>(?<![\w./])\$?\d*\.\d+(?![\w/]))"
    r"|(?P<count>(?<![\w./$])\d+(?:(?![\w/.])|(?=x\b))|\b(?:"
    + "|".join(sorted(lex.QUANTITY_WORDS, key=len, reverse=True))
    + r")\b)"
    r"|(?P<type>\b(?:calls?|puts?)\b)"
    r"|(?P<action>\b(?:bto|sto|btc|stc|buy|sell)\b)"
    r"|(?P<market>\b(?:mkt|market)\b)"
    r"|(?P<tif>\b(?:gtc|day)\b)",
    _FLAGS,
)
# Words that may stand between the details of a correction without being talk.
_FILLERS = frozenset(
    {"it's", "its", "it", "is", "now", "please", "pls", "there", "instead", "sorry", "the",
     "and", "for", "exp", "expiry", "contracts", "contract", "cts", "of", "them", "that", "make",
     "oh", "wait", "edit", "lol", "buying", "selling", "at", "limit", "lmt", "a", "one", "ones",
     "those", "these", "strike", "price", "i", "mean", "meant", "should", "be", "shares",
     "share", "shs", "sh", "order", "spreads", "spread", "x"}
)  # fmt: skip
_WORD = re.compile(r"[a-z']+", _FLAGS)
_TAKEN_BACK = re.compile(
    rf"\bnot[ \t]+(?:the[ \t]+)?(?:{_STRIKE_PAIR}|\$?\d*\.?\d+[cp]?|{_DATE}|calls?|puts?|[a-z]+)",
    _FLAGS,
)
_CLAUSE_BREAK = re.compile(r"[,;\u2014\u2013]|[ \t]-[ \t]|\band\b")
_ARROW = re.compile(r"\A(\d+(?:\.\d+)?)[ \t]*(?:→|->)[ \t]*")
_SENTENCE = re.compile(r"(?<!\d)[.!?]+(?:[ \t]+|\Z)|[.!?]+(?=[ \t]|\Z)")


def apply_correction_line(text: str) -> str:
    """``text`` as the order's line with the correction on the line below it applied (see
    above), or ``text`` unchanged. Corrections on lines of their own one under another
    ("*984c⏎ugh *983c. fat thumbs today") apply in turn."""
    lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
    if len(lines) == 1:
        lines = [part.strip() for part in _INLINE_MARK.split(lines[0], maxsplit=1)]
    if not 2 <= len(lines) <= _MAX_CORRECTION_LINES + 1:
        return text
    order = lines[0]
    for line in lines[1:]:
        corrected = _corrected(order, line)
        if corrected is None:
            return text
        order = corrected
    return order


def _corrected(order_line: str, line: str) -> str | None:
    """``order_line`` with the correction ``line`` applied, or None when ``line`` corrects
    nothing of it."""
    if len(line) > _MAX_CORRECTION_CHARS or len(order_line) > _MAX_ORDER_CHARS:
        return None  # a paragraph, not a correction typed under the order
    order = _ORDER_LINE.match(order_line)
    mark = _MARK.match(line)
    if order is None or mark is None:
        return None
    correction = line[mark.end() :]
    arrow = _ARROW.match(correction.replace("*", " ").strip())
    if arrow is not None and not re.search(
        rf"(?<![\d.]){re.escape(arrow.group(1))}(?![\d])", order_line
    ):
        return None  # "52 → 39.20 = -1,280" under an exit at 39.20: a result, not a value replaced
    details = _details(correction)
    if not details or len(details) > _MAX_DETAILS:
        return None
    corrected = _applied(order_line, details)
    if corrected is None:
        return None
    if corrected != order_line and not _taken_back_written(correction, order_line):
        return None  # "edit: 27p not 28p" under the 26p: it corrects another message
    return corrected  # ("1 not 2, not a typo" under a count of 1: the order confirmed)


def _details(correction: str) -> list[tuple[str, str]]:
    """The new details of ``correction`` in order, as (kind, value): the clauses of its first
    sentence that hold only details and fillers, up to the first that holds talk, then each
    later sentence that holds nothing else (".31 there")."""
    correction = _ARROW.sub("", correction.replace("*", " ").strip())
    found: list[tuple[str, str]] = []
    for number, sentence in enumerate(_SENTENCE.split(correction)):
        details: list[tuple[str, str]] = []
        for clause in _CLAUSE_BREAK.split(sentence):
            clause = _TAKEN_BACK.sub(" ", clause).strip()
            if not clause:
                continue
            read = [_kind(match) for match in _DETAIL.finditer(clause)]
            rest = _DETAIL.sub(" ", clause)
            if not read or any(word.lower() not in _FILLERS for word in _WORD.findall(rest)):
                if number > 0:
                    return found  # talk: the correction ended before this sentence
                break  # the talk after the details
            if found or details:  # a bare count only opens the correction ("*75, I have 75")
                read = [detail for detail in read if detail[0] != "count"]
            details += read
        found += details
        if number == 0 and not found:
            return []
    return found


def _taken_back_written(correction: str, order: str) -> bool:
    """True when every detail the correction takes back ("not 28p", "not EOW") stands in the
    order's line: "27p not 28p" under an order for the 26p corrects another message."""
    written = order.lower()
    for taken in _TAKEN_BACK.finditer(correction):
        value = re.sub(r"\A(?:not|the)\s+(?:the\s+)?", "", taken.group(0).lower()).lstrip("$")
        if any(char.isdigit() for char in value) or _ORDER_DATE.fullmatch(value):
            # (".25" may be the cents the writer corrects: "58.25 gtc⏎edit: 58.15, not .25")
            before = r"(?<![./])" if value.startswith(".") else r"(?<![\w./])"
            if not re.search(rf"{before}{re.escape(value)}(?![\w/]|\.\d)", written):
                return False
    return True


_KINDS = ("pair", "typed", "named", "date", "price", "count", "type", "action", "market", "tif")


def _kind(match: re.Match[str]) -> tuple[str, str]:
    """The kind and value of one detail ("650 straddle" is the strike before its structure
    word; a count in words is its number)."""
    kind = next(name for name in _KINDS if match.group(name) is not None)
    value = match.group(kind)
    if kind == "pair" and _is_date(value):
        kind = "date"  # "12/27": a date, not two strikes
    if kind == "count" and not value.isdigit():
        value = str(lex.QUANTITY_WORDS[value.lower()])
    return kind, value


# In the order's line: its count after the action, its strikes, its date, its price, its tif.
_ORDER_COUNT = re.compile(
    rf"\A([ \t]*{_LEAD_MARK}{_GREETING}{_ACTION}[ \t]+)(\d+)(?=[ \t]|x\b)", _FLAGS
)
_ORDER_ACTION = re.compile(rf"\A[ \t]*{_LEAD_MARK}{_GREETING}{_ACTION}", _FLAGS)
_ORDER_CODE = re.compile(
    r"\b(?:buy|sell|bto|sto|btc|stc)(?:[ \t]+to[ \t]+(?:open|close))?\b", _FLAGS
)
_ORDER_PAIR = re.compile(rf"(?<![\w./]){_STRIKE_PAIR}(?![\w/])")
_ORDER_TYPED = re.compile(r"(?<![\w./])(\d+(?:\.\d+)?)([cp])\b", _FLAGS)
_ORDER_NAMED = re.compile(
    r"(?<![\w./])(\d+(?:\.\d+)?)(?=[ \t]+(?:straddles?|strangles?|calls?|puts?)\b)", _FLAGS
)
_ORDER_DATE = re.compile(rf"(?<![\w./])(?:{_DATE})", _FLAGS)
_ORDER_PRICE = re.compile(r"(?:@|\bat\b|\bfor\b)[ \t]*\$?(\d*\.?\d+)(?![\w/])", _FLAGS)
_ORDER_TIF = re.compile(r"\b(?:gtc|day)\b", _FLAGS)
_ORDER_MARKET = re.compile(r"(?:\bat[ \t]+|@[ \t]*)?\b(?:the[ \t]+)?(?:market|mkt)\b", _FLAGS)


def _applied(order: str, details: list[tuple[str, str]]) -> str | None:
    """``order`` with each of ``details`` in place of its own, or None when one has no place
    (two dates, no strike to replace)."""
    for kind, value in details:
        changed = _apply(order, kind, value)
        if changed is None:
            return None
        order = changed
    return order


def _apply(order: str, kind: str, value: str) -> str | None:
    if kind == "count":
        strike = _one(_ORDER_TYPED, order) or _one(_ORDER_NAMED, order)
        number = float(value)
        if strike is not None and number > 20 and 0.7 <= number / float(strike.group(1)) <= 1.3:
            return _swap(order, strike, value, 1)  # "*650" for the 640 straddle: the strike
        count = _ORDER_COUNT.match(order)
        if count is not None:
            return _swap(order, count, value, 2)
        action = _ORDER_ACTION.match(order)
        assert action is not None  # the line opens with its action
        return f"{order[: action.end()]} {value}{order[action.end() :]}"
    if kind == "market":
        prices = list(_ORDER_PRICE.finditer(order))
        if not prices:
            return f"{order} at market"
        return order[: prices[-1].start()] + "at market" + order[prices[-1].end() :]
    if kind == "action":
        action = _ORDER_CODE.search(order)
        return None if action is None else order[: action.start()] + value + order[action.end() :]
    if kind == "pair":
        pairs = [pair for pair in _ORDER_PAIR.finditer(order) if not _is_date(pair.group(0))]
        if len(pairs) != 1:
            return None
        return order[: pairs[0].start()] + value + order[pairs[0].end() :]
    if kind == "typed":
        strike = _one(_ORDER_TYPED, order)
        if strike is not None:
            return _swap(order, strike, value, 0)
        named = _one(_ORDER_NAMED, order)
        return None if named is None else _swap(order, named, value[:-1], 1)
    if kind == "named":
        strike = _one(_ORDER_NAMED, order) or _one(_ORDER_TYPED, order)
        return None if strike is None else _swap(order, strike, value, 1)
    if kind == "type":
        typed = _one(_ORDER_TYPED, order)
        letter = value[0].lower()
        return order if typed is None else _swap(order, typed, letter, 2)
    if kind == "price":
        prices = list(_ORDER_PRICE.finditer(order))
        market = _ORDER_MARKET.search(order)
        if not prices and market is not None:
            # "... at market⏎*at 1.30 limit, not market": the limit in the market's place
            return f"{order[: market.start()]}@ {value.lstrip('$')}{order[market.end() :]}"
        if not prices:
            return f"{order} @ {value.lstrip('$')}"
        return _swap(order, prices[-1], value.lstrip("$"), 1)
    if kind == "date":
        dates = list(_ORDER_DATE.finditer(order))
        if len(dates) > 1:
            return None
        if dates:
            return order[: dates[0].start()] + value + order[dates[0].end() :]
        strike = _one(_ORDER_TYPED, order) or _one(_ORDER_NAMED, order)
        if strike is None:
            return None
        return f"{order[: strike.end()]} {value}{order[strike.end() :]}"
    tif = _ORDER_TIF.search(order)
    if tif is None:
        return f"{order} {value}"
    return order[: tif.start()] + value + order[tif.end() :]


def _is_date(value: str) -> bool:
    """True for "12/27" or "1/17/42" (a month and a day), not "10350/10400" or "12/13.5"."""
    parts = value.split("/")
    return (
        len(parts) in (2, 3)
        and all(part.isdigit() for part in parts)
        and 1 <= int(parts[0]) <= 12
        and 1 <= int(parts[1]) <= 31
    )


def _one(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The one match of ``pattern`` in ``text`` (None when there is none or more than one)."""
    found = list(pattern.finditer(text))
    return found[0] if len(found) == 1 else None


def _swap(text: str, match: re.Match[str], value: str, group: int) -> str:
    """``text`` with group ``group`` of ``match`` replaced by ``value``."""
    return text[: match.start(group)] + value + text[match.end(group) :]
