"""Corrections the writer makes inside the message: the corrected order is the one meant.

Two forms are read, both over one detail of the contract (a count or price, a strike with its
type, a type word, a date):

- inline, right after the detail: the detail, a correction marker ("I mean", "wait no", "no,
  make it", "sorry", "actually"), and the new detail of the same kind, closed by a comma, a
  dash, a full stop or the end ("buy 2 - no, make it 3 - SPY ...", "205c 5/7, wait no, 210c,
  @ 1.95", "150 puts, I mean calls, 5/7"). The new detail replaces the last detail of its
  kind before the marker, and the marker goes;
- a correction line or sentence after the order ("correction: 5/21 expiry, not 5/14", "edit:
  210c not 205c"): the detail it takes back must stand once in the text before it; it is
  replaced by the new one, and the correction goes.

A marker followed by anything else ("..., I mean it's cheap", "..., no stop") is left alone,
and so is a correction whose old detail is not in the order.
"""

from __future__ import annotations

import re

# The kinds of detail, each a pattern for one token.
_DATE = r"\d{1,2}/\d{1,2}(?:/\d{2,4})?"
_TYPED = r"\d+(?:\.\d+)?[cp]"
_TYPE = r"calls?|puts?"
_DECIMAL = r"\d*\.\d+"
_INT = r"\d+"
_KINDS = (_DATE, _TYPED, _TYPE, _DECIMAL, _INT)
_FLAGS = re.IGNORECASE | re.ASCII

_DETAIL = rf"(?:{_DATE}|{_TYPED}|{_TYPE}|{_DECIMAL}|{_INT})"
_DASHES = "\u2014\u2013"
# "I mean", "I meant", "wait", "no", "sorry", "make it", "make that", "actually", "err", "oops",
# "typo", in a row
_MARKER_WORD = (
    r"(?:i\s+mean|i\s+meant|wait|no|nope|sorry|make\s+it|make\s+that|actually|err|oops|typo)"
)
_INLINE = re.compile(
    rf"(?P<pre>[ \t]*(?:[,;{_DASHES}]|[ \t]-)[ \t]*|[ \t]+)"
    rf"(?P<marker>{_MARKER_WORD}(?:[ \t]*,?[ \t]*{_MARKER_WORD})*)[ \t]*,?[ \t]*"
    rf"\$?(?P<new>{_DETAIL})"
    rf"(?=[ \t]*(?:[,;{_DASHES}]|-[ \t]|\.(?:\s|\Z)|\Z|\n))"
    rf"(?P<post>[ \t]*[{_DASHES}-](?=[ \t]))?",
    _FLAGS,
)
# "correction: 5/21 expiry, not 5/14", "edit: 210c not 205c", "typo - should be 3, not 2"
_NOUNS = r"(?:expiry|exp|expiration|date|strike|calls?|puts?|price|limit|contracts?|cts|qty)"
# A marker with its colon may also follow the order on its line ("... @ 3.20 *edit: 3.25 not
# 3.20", Discord's habit of starring a correction).
_LINE = re.compile(
    rf"(?:\A|(?<=[.!])[ \t]+|[ \t]*\n\s*"
    rf"|[ \t]+(?=(?:correction|corrected|edit|fix|typo)[ \t]*:))"
    rf"(?:correction|corrected|edit|fix|typo)[ \t]*[:,{_DASHES}-]?[ \t]*"
    rf"(?:(?:it'?s|should\s+be|meant|i\s+meant)[ \t]+)?"
    rf"\$?(?P<new>{_DETAIL})(?:[ \t]+{_NOUNS})?[ \t]*[,;]?[ \t]*(?:not|instead\s+of)[ \t]+"
    rf"\$?(?P<old>{_DETAIL})(?:[ \t]+{_NOUNS})?[ \t.!]*(?=\n|\Z)",
    _FLAGS,
)


# The same line with the detail taken back first: "edit: not 12/7, make it 12/14 @ 5.90",
# "correction - not 205c, it's 210c". A price after the new detail replaces the order's.
_LINE_NOT_FIRST = re.compile(
    rf"(?:(?<=[.!])[ \t]+|[ \t]*\n\s*|[ \t]+(?=(?:correction|corrected|edit|fix|typo)[ \t]*:))"
    rf"(?:correction|corrected|edit|fix|typo)[ \t]*[:,{_DASHES}-]?[ \t]*"
    rf"not[ \t]+(?:the[ \t]+)?\$?(?P<old>{_DETAIL})(?:[ \t]+{_NOUNS})?[ \t]*[,;]?[ \t]*"
    rf"(?:(?:make[ \t]+it|it'?s|it[ \t]+is|should[ \t]+be|but)[ \t]+)?(?:the[ \t]+)?"
    rf"\$?(?P<new>{_DETAIL})(?:[ \t]+{_NOUNS})?"
    rf"(?:[ \t]*(?:@|\bat\b)[ \t]*\$?(?P<price>\d+(?:\.\d+)?|\.\d+))?[ \t.!]*(?=\n|\Z)",
    _FLAGS,
)
_ORDER_PRICE = re.compile(r"(?:@|\bat\b)[ \t]*\$?(\d+(?:\.\d+)?|\.\d+)", _FLAGS)


def _line_not_first(text: str) -> str:
    """``text`` with a correction line that takes the old detail back first applied."""
    match = _LINE_NOT_FIRST.search(text)
    if match is None:
        return text
    new, old, price = match.group("new"), match.group("old"), match.group("price")
    kind = _kind(new)
    if kind is None or kind != _kind(old) or new.lower() == old.lower():
        return text
    head = text[: match.start()].rstrip(f" \t-{_DASHES}")
    found = [m for m in _token(kind).finditer(head) if m.group(1).lower() == old.lower()]
    prices = list(_ORDER_PRICE.finditer(head))
    if len(found) != 1 or (price is not None and len(prices) != 1):
        return text
    edits = [(found[0].start(1), found[0].end(1), new)]
    if price is not None:
        if prices[0].start(1) < found[0].end(1) and found[0].start(1) < prices[0].end(1):
            return text  # the detail is the price itself: one change, two values
        edits.append((prices[0].start(1), prices[0].end(1), price))
    for start, end, value in sorted(edits, reverse=True):  # the later span first
        head = head[:start] + value + head[end:]
    return head + text[match.end() :]


def _kind(detail: str) -> str | None:
    for kind in _KINDS:
        if re.fullmatch(kind, detail, _FLAGS):
            return kind
    return None


def _token(kind: str) -> re.Pattern[str]:
    """One token of ``kind`` standing alone (not part of a longer number, date or word)."""
    return re.compile(rf"(?<![\w./])\$?({kind})(?![\w/]|\.\d)", _FLAGS)


def _replace_last(text: str, kind: str, new: str) -> str | None:
    """``text`` with its last token of ``kind`` replaced by ``new`` (None: there is none)."""
    found = None
    for match in _token(kind).finditer(text):
        found = match
    if found is None:
        return None
    return text[: found.start(1)] + new + text[found.end(1) :]


def _inline(text: str) -> str:
    for _ in range(3):
        for match in _INLINE.finditer(text):
            new = match.group("new")
            kind = _kind(new)
            head = text[: match.start()]
            sentence_start = max(head.rfind("\n"), head.rfind(". "), head.rfind("? ")) + 1
            if kind is None or not head[sentence_start:].strip():
                continue
            corrected = _replace_last(head[sentence_start:], kind, new)
            if corrected is None:
                continue
            tail = text[match.end() :]
            if match.group("post"):
                tail = " " + tail.lstrip()
            text = head[:sentence_start] + corrected + tail
            break
        else:
            return text
    return text


def _line(text: str) -> str:
    match = _LINE.search(text)
    if match is None or match.start() == 0:
        return text
    new, old = match.group("new"), match.group("old")
    kind = _kind(new)
    if kind is None or kind != _kind(old):
        return text
    head = text[: match.start()]
    found = [m for m in _token(kind).finditer(head) if m.group(1).lower() == old.lower()]
    if len(found) != 1:
        return text
    at = found[0]
    return head[: at.start(1)] + new + head[at.end(1) :] + text[match.end() :]


# A whole contract restated after a correction marker, with its own price: "buy 1 MSFT 480c
# 7/21 @ 7.30, hold on, make it 1 MSFT 490c 7/21 @ 4.60", "BTO 3 AAPL 225c 7/14 @ 3.10...
# actually no, make it 3 of the 7/21 225c @ 3.85", "buy 10 SOFI 15c 7/21 @ .60 no wait, Aug, 10
# SOFI 15c Aug @ .85". The order is the action with the restated contract; a restatement that
# writes its own action is read by the chosen-contract reading instead.
_ACTION = r"(?:buy|sell|bto|sto|btc|stc)(?:[ \t]+to[ \t]+(?:open|close))?"
_PRICED = r"(?:@|\bat\b)[ \t]*\$?(?:\d+(?:\.\d+)?|\.\d+)"
_RESTATED = re.compile(
    rf"\A[ \t]*(?P<action>{_ACTION})[ \t]+(?P<old>[^\n]*?{_PRICED})"
    r"(?:\.{2,}|[ \t]*[,;.\u2014\u2013-])?[ \t]*"
    r"(?:actually[ \t]*,?[ \t]*no|hold[ \t]+on|no[ \t]*,?[ \t]*wait|wait[ \t]*,?[ \t]*no"
    r"|scratch[ \t]+that|sorry)\b[ \t]*[,.:!\u2014\u2013-]*[ \t]*"
    r"(?:make[ \t]+it[ \t]+|(?:change|switch)[ \t]+(?:it|that)[ \t]+to[ \t]+)?"
    rf"(?!{_ACTION}\b)(?P<new>[^\n]*?\d[^\n]*?{_PRICED})[ \t.!]*\Z",
    _FLAGS,
)
_CAPS_TICKER = re.compile(r"(?<![\w$])\$?[A-Z]{1,5}\b(?![/.]\d)")


def _restated(text: str) -> str:
    match = _RESTATED.match(text)
    if match is None:
        return text
    action, old, new = match.group("action"), match.group("old"), match.group("new")
    if re.search(rf"\b{_ACTION}\b|[.!?][ \t]", new, _FLAGS):
        return text  # "... @ 3 sorry wrong chat. buy 1 QQQ ...": another sentence, not a fix
    if not re.search(_TYPED + r"|\b\d+(?:\.\d+)?[ \t]*(?:calls?|puts?)\b", new, _FLAGS):
        return text  # no contract restated ("..., hold on, make it @ 3.20" is the inline form)
    if _CAPS_TICKER.search(new) is None:
        ticker = _CAPS_TICKER.search(old)
        if ticker is None:
            return text
        # "make it 3 of the 7/21 225c @ 3.85"; "make it the 770c @ 1.15" keeps the count and
        # the date the restatement leaves out
        return f"{action} {_kept_count(old, new)}{ticker.group(0)} {_kept_date(old, new)}"
    return f"{action} {new}"


_OLD_COUNT = re.compile(r"\A[ \t]*(\d+)(?:[ \t]*x)?[ \t]+(?![\d/])", _FLAGS)
_NEW_COUNT = re.compile(r"\A[ \t]*(?:\d+(?![\d/.]|[cp]\b)|x\d)", _FLAGS)


def _kept_count(old: str, new: str) -> str:
    """The old order's count, when the restated contract ``new`` writes none ("" otherwise)."""
    count = _OLD_COUNT.match(old)
    if count is None or _NEW_COUNT.match(new):
        return ""
    return f"{count.group(1)} "


def _kept_date(old: str, new: str) -> str:
    """``new`` with the old order's date after its strike, when ``new`` names no date."""
    if re.search(_DATE, new) or re.search(
        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
        r"|\b(?:today|tomorrow|weekly|eow|friday|next[ \t]+week|\d+dte)\b",
        new,
        _FLAGS,
    ):
        return new
    date = re.search(rf"(?<![\w./]){_DATE}(?![\w/])", old)
    strike = re.search(rf"(?<![\w./])\$?{_TYPED}\b", new, _FLAGS)
    if date is None or strike is None:
        return new
    return f"{new[: strike.end()]} {date.group(0)}{new[strike.end() :]}"


# A correction heading the message, before the order it corrects: "not 2 contracts, 4: sell 4
# T 27p ...", "not 1.10, 1.15 - buy 5 NKE 80c ... @ 1.15". The detail taken back is not the
# order's: the heading goes when the order writes the new detail, and the old detail the order
# still writes once becomes the new one.
_LEADING = re.compile(
    rf"\A[ \t]*not[ \t]+(?:the[ \t]+)?\$?(?P<old>{_DETAIL})(?:[ \t]+{_NOUNS})?[ \t]*,[ \t]*"
    rf"(?:(?:it'?s|but|make[ \t]+it)[ \t]+)?(?:the[ \t]+)?\$?(?P<new>{_DETAIL})"
    rf"(?:[ \t]+{_NOUNS})?[ \t]*[:{_DASHES}-][ \t]*(?=\S)",
    _FLAGS,
)


def _leading(text: str) -> str:
    match = _LEADING.match(text)
    if match is None:
        return text
    new, old = match.group("new"), match.group("old")
    kind = _kind(new)
    if kind is None or kind != _kind(old) or new.lower() == old.lower():
        return text
    rest = text[match.end() :]
    pattern = _token(kind)
    written = [m.group(1).lower() for m in pattern.finditer(rest)]
    if new.lower() in written and old.lower() not in written:
        return rest
    if written.count(old.lower()) == 1 and new.lower() not in written:
        corrected = _replace_last(rest, kind, new) if written[-1] == old.lower() else None
        return text if corrected is None else corrected
    return text


# A side taken back for the other before the rest of the order: "sell... I mean buy 2 WMT ...",
# "STO, wait, BTO 1 ...": the first side and the marker go.
_SIDE = r"(?:buy|sell|bto|sto|btc|stc)"
_SIDE_TAKEN_BACK = re.compile(
    rf"\b{_SIDE}(?:\.{{2,}}|\u2026|[ \t]*,)?[ \t]*"
    r"(?:i\s+mean|i\s+meant|no\s+wait|wait|sorry|err|oops)[ \t]*[,.\u2026]*[ \t]*"
    rf"(?={_SIDE}[ \t]+\d)",
    _FLAGS,
)


# A detail corrected with an asterisk right after it, the chat convention for a typo fixed in
# place ("@ 296.40 *269.40", "8/17 *8/24", "985p *985c"): the starred detail, of the same
# kind, replaces the one before it.
_STARRED = re.compile(
    "|".join(
        rf"(?<![\w./])(?:{kind})[ \t]+\*[ \t]?(?P<new{number}>{kind})(?![\w/]|\.\d)"
        for number, kind in enumerate((_DATE, _TYPED, _DECIMAL))
    ),
    _FLAGS,
)


def _starred(match: re.Match[str]) -> str:
    return next(value for value in match.groupdict().values() if value is not None)


def apply_starred(text: str) -> str:
    """``text`` with each detail corrected by an asterisk replaced (see _STARRED); read before
    the markdown goes, which takes the asterisk with it."""
    return _STARRED.sub(_starred, text) if "*" in text else text


def apply_corrections(text: str) -> str:
    """``text`` with the writer's own corrections applied (see above)."""
    if not re.search(
        r"\b(?:mean|meant|wait|no|nope|sorry|make|actually|err|oops|correction|"
        r"corrected|edit|fix|typo|not)\b",
        text,
        re.IGNORECASE,
    ):
        return text
    text = _SIDE_TAKEN_BACK.sub("", _leading(text))
    if text.count("@") + text.lower().count(" at ") >= 2:
        text = _restated(text)
    return _inline(_line(_line_not_first(text)))
