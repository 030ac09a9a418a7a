"""A short reply that takes up the one order of the alert above it, with the writer's changes.

Alert rooms answer a caller's alert in a line of their own under it: "in, 3 @ 3.40", "me too
x3, holding overnight", "same but 10/7/39, 2 @ 4.70", "same for my 215s, 2 @ 4.60", "out too,
my 1 at market", "same but 835/830 for .75, 3 of them", and with the count and price in the
other forms traders use ("2 for me, 4.00 limit", "same x3, -1.05", "3 @ .90", "my 2 as well,
1.65 gtc", see _REWRITES). The reply names no ticker: the
contract is the alert's, changed where the reply says so (another expiration, strike or pair of
strikes), with the reply's own count and price (the alert's price when it names none). The
alert's code (BTO, STC ...) gives the effect, since the reply writes no verb of its own.

:func:`reply_changes` reads the reply alone; :func:`apply_changes` applies it to the alert's
order, reading a new expiration with the parser itself (``parse``) so that every date form the
parser knows is read the same way here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from nlp._models import LegType, ParsedOrder, Side, TimeInForce

Parse = Callable[[str], ParsedOrder]

# The words that take the alert up; "out" only an alert that closes.
_TAKE_WORDS = (
    r"(?:i'?m\s+)?in|same(?:\s+(?:here|strikes?|idea))?|me\s+too|mine\s+too|out(?:\s+too)?"
    r"|copying(?:\s+(?:it|this))?|mirroring(?:\s+it)?|taking\s+(?:it|this|that)(?:\s+one)?"
    r"|my\s+turn|following(?:\s+(?:it|this))?|ditto"
)
# ("STC mine too, 1 @ 2.85": the alert's own code before the take-up)
_REPLY = re.compile(
    rf"\A\W*(?:(?:stc|btc|bto|sto)\s+(?=mine\b))?(?P<word>{_TAKE_WORDS})\b(?P<rest>[^\n]*)\Z",
    re.IGNORECASE,
)
_TIF: dict[str, TimeInForce] = {"gtc": "gtc", "day": "day"}
_SIDES: dict[str, Side] = {"buy": "buy", "sell": "sell"}
_TYPES: dict[str, LegType] = {"c": "call", "p": "put"}
_NUMBER_WORDS = {"a couple": 2, "both": 2, "two": 2, "three": 3, "four": 4, "five": 5}
_PRICE_TEXT = r"\$?(?:\d*\.\d+|\d+(?:\.\d+)?)(?![\d/])"
# The rest of the reply, in the order traders write it: words that go with the take-up ("too",
# "w/ the bot", "please"), a change ("but the 425c", "for my 215s"), the count and the price,
# then a remark after a comma, a dash or a bracket.
_REST = re.compile(
    r"\A(?:\s*(?:too|here|as\s+well|please|pls|w/\s*(?:it|the\s+bot)"
    r"|with\s+(?:it|the\s+bot|you|ya|u))\b)*"
    r"\s*[,:—–-]?\s*"
    r"(?:(?:(?:but|for|on)\s+|(?=(?:exp\s+)?(?:tmrw|tomorrow|next\s+week|this\s+week|next\s+friday)\b))"
    r"(?P<change>[^,]+?)(?:\s*,\s*|\s+(?=x\s*\d|\d|a\s+couple|my\s|another\s)))?"
    r"(?:(?P<counted>x\s*(?P<x>\d{1,3})"
    r"|(?:my\s+|another\s+|all\s+)?(?P<n>\d{1,4})(?:\s+of\s+my\s+\d{1,4})?"
    r"(?:\s+(?:contracts?|cons?|lots?|spreads?|shs?|shares|more|of\s+them))?"
    r"|(?P<word>a\s+couple|both|two|three|four|five)(?:\s+of\s+them)?)"
    rf"(?:\s*,?\s*(?:@|at|for)\s*(?P<price>{_PRICE_TEXT})|\s*,?\s*(?:at\s+)?(?P<market>market|mkt))?"
    rf"|(?:@|at|for)\s*(?P<price_only>{_PRICE_TEXT}))"
    r"(?:\s+(?P<tif>gtc|day))?"
    r"(?P<remark>(?:\s*[,(—–-].*|\s+(?:lol|lmao|pls|please)\b.*)?)\Z",
    re.IGNORECASE,
)
_CHANGE_MAX_CHARS = 40
_CHANGE_PRICE = re.compile(rf"\b(?:for|@|at)\s*(?P<price>{_PRICE_TEXT})", re.IGNORECASE)
_STRIKE = re.compile(
    r"\b(?:the\s+|my\s+)?(?<![\d/])(?P<strike>\d+(?:\.\d+)?)(?:(?P<type>[cp])|s)\b", re.IGNORECASE
)
_PAIR = re.compile(r"(?<![\d/])(?P<a>\d+(?:\.\d+)?)/(?P<b>\d+(?:\.\d+)?)(?![\d/])")
_DATE_WORDS = re.compile(
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"|\b(?:this|next)\s+(?:week|friday|month)\b|\beow\b|\b[01]dte\b|\bexp\s+tmrw\b|\btomorrow\b"
    r"|\btmrw\b",
    re.IGNORECASE,
)
# Talk in the reply that leaves the alert not taken: a question, a condition, a hedge, a
# take-back ("in, 2 @ 1.10 if it dips", "same x2? or too late").
_NOT_TAKEN = re.compile(
    r"\?|\b(?:if|when|once|unless|maybe|would|could|should|nvm|jk|later|not\s+yet)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ReplyChanges:
    """What a reply keeps of the alert and what it changes."""

    word: str
    count: int | None
    price: Decimal | None
    market: bool
    strike: Decimal | None = None
    option_type: str | None = None
    pair: tuple[Decimal, Decimal] | None = None
    date_text: str | None = None
    tif: TimeInForce | None = None
    side: Side | None = None  # the reply's own verb ("please sell my 1 too at 2.55")
    # the writer takes the other side of the alert ("I'll take the other side, 1 @ 9.60",
    # "fading this. sell 2 at .90", "selling into the IV, 1 @ 4.50")
    opposite: bool = False


# Other ways replies write their count and price, each rewritten to the form _REST reads
# (see _canonical_reply), in this order.
_PRICE_VALUE = r"\$?(?:\d*\.\d+|\d+(?:\.\d+)?)"
_COUNT = r"\d{1,3}|two|three|four|five"
_REWRITES = (
    # "3.40" written "3,40"
    (re.compile(r"@\s*(\d+),(\d{2})\b"), r"@ \1.\2"),
    # "3 for me, 4.00 limit", "1 for me at mkt", "my 2 as well, 1.65 gtc": the count first
    (
        re.compile(
            rf"\A\W*((?:my\s+)?(?:{_COUNT}))\s+(?:for\s+me|as\s+well)\b(?!\s+too)",
            re.I,
        ),
        r"in \1",
    ),
    # "3 @ .90", "two @ 3,40", "2 @ 1.55 day only": a count and a price alone
    (re.compile(rf"\A\W*({_COUNT})(?=\s*@)", re.I), r"in \1"),
    # "in for 1", "same, all 3", "same for my 2": the count after a word that takes it
    (
        re.compile(
            r"\A(\W*(?:in|same|out))\s*,?\s+(?:for\s+(?:my\s+)?|all\s+)(\d{1,3})\b(?!\s*[cps/.])",
            re.I,
        ),
        r"\1 \2",
    ),
    # "out of all 6, mkt": the count of what the writer holds
    (re.compile(r"\A(\W*out)\s+of\s+(?:all\s+)?(?:my\s+)?(\d{1,3})\b", re.I), r"\1 \2"),
    # "same, five, up to 1.55": the count between commas
    (re.compile(rf"\A(\W*(?:in|same))\s*,\s*({_COUNT})\s*,", re.I), r"\1 \2,"),
    # "lim 5.00", "up to 1.55", "4.00 limit", "7.90 lmt": the price
    (re.compile(rf"[,\s]\s*(?:lim|limit|lmt|up\s+to)\s+({_PRICE_VALUE})\b", re.I), r" @ \1"),
    (re.compile(rf"[,\s]\s*({_PRICE_VALUE})\s+(?:limit|lmt)\b", re.I), r" @ \1"),
    # "same x3, -1.05", "out, 2.25", "same for my 2, 3.15": a bare price after a comma, last
    (re.compile(rf"\s*,\s*-?({_PRICE_VALUE})(?=\s*(?:gtc|day(?:\s+only)?)?\s*\Z)", re.I), r" @ \1"),
    # "3 for me, same price": the alert's price
    (re.compile(r"\s*,?\s*(?:same|alert|his|their)\s+price\b", re.I), ""),
    (re.compile(r"\bday\s+only\b", re.I), "day"),
)
# A reply is a few words; a longer last line is no take-up (and would cost _REST dearly).
_REPLY_MAX_CHARS = 120
_OWN_ACTION = re.compile(r"\b(?:buy|sell|bto|sto|btc|stc|bought|sold)\b", re.IGNORECASE)


# A reply with its own verb but no contract: the alert's, on the same side ("please sell my 1
# too at 2.55", "sell 2 of my 4 at 9.80" under "trim NVDA 420c 3/16 @ 9.80").
_ACTION_REPLY = re.compile(
    rf"\A\W*(?:(?:please|pls|kindly)\s+)?(?P<verb>buy|sell)\s+(?:my\s+)?(?P<count>{_COUNT})"
    r"(?:\s+of\s+(?:my|the)\s+\d{1,3})?(?:\s+(?:too|as\s+well))?"
    rf"(?P<price>\s*(?:@|at)\s*{_PRICE_VALUE})?(?P<tail>\s*(?:,.*)?)\Z",
    re.IGNORECASE,
)


def _canonical_reply(reply: str) -> tuple[str, Side | None]:
    """``reply`` with its count and price rewritten to the forms _REST reads (see
    _REWRITES): "2 for me, 4.00 limit" reads as "in 2 @ 4.00"; with the side its own verb
    names, if any ("please sell my 1 too at 2.55" reads as "in 1 @ 2.55", a sale). A reply
    that writes its own action and contract ("in for 2, buy 2 NVDA 235c 5/18 @ 2.15") is its
    own order and left as it is."""
    action = _ACTION_REPLY.match(reply)
    if action is not None:
        rewritten = f"in {action['count']}{action['price'] or ''}{action['tail']}"
        return rewritten, _SIDES[action["verb"].lower()]
    if _OWN_ACTION.search(reply):
        return reply, None
    for pattern, replacement in _REWRITES:
        reply = pattern.sub(replacement, reply, count=1)
    return reply, None


# A take-up in the reply's last clause, after a sentence of the writer's own ("missed this
# friday. 2 at 6.90", "late to the party, in for 2 at 9.40", "opex lotto 🎰 1 at mkt",
# "first time following an alert 😅 please buy 1 at 4.10", "stc 2 @ .40, ouch", "two of these
# at 3.10, let's go"); a strike or a date in that sentence changes the alert's ("I'll take the
# 960s instead, 1 @ 14.90", "same strike, july ones. 1 @ 19.40").
_TAIL_BREAK = re.compile(r"\A|[.!;,]\s+|\s*[\u2600-\u27bf\U0001f300-\U0001faff]\ufe0f?\s*")
_TAIL_TAKE = re.compile(
    r"\s*(?:(?:please|pls)\s+)?"
    r"(?:(?P<verb>buy|sell|bto|sto|btc|stc|buying|selling|in(?:\s+for)?)\s+)?"
    rf"(?:(?:my|another)\s+)?(?P<count>{_COUNT})"
    r"(?:\s+(?P<of_these>of\s+(?:these|them|those)|shares?)|\s+of\s+my\s+\d{1,4}"
    r"|\s+(?:contracts?|more))?"
    r"(?:\s+(?:too|as\s+well))?"
    rf"\s*(?:@|at)\s*(?:(?P<price>{_PRICE_VALUE})|(?P<market>mkt|market))"
    r"(?:\s+(?:too|as\s+well))?(?:\s+(?P<tif>gtc|day))?"
    r"(?:\s*[,!]\s*[^\d@\n]{0,30})?[\W_]*\Z",
    re.IGNORECASE,
)
_VERB_SIDES: dict[str, Side] = {
    "buy": "buy", "bto": "buy", "btc": "buy", "buying": "buy",
    "sell": "sell", "sto": "sell", "stc": "sell", "selling": "sell",
}  # fmt: skip
_LEAD_MAX_CHARS = 80
_OPPOSITE = re.compile(r"\bother\s+side\b|\bfad(?:e|ing)\b", re.IGNORECASE)
_LEAD_VERB = re.compile(r"\A\W*(?:buying|selling)\b", re.IGNORECASE)
# "missed this friday. 2 at 6.90": the day the writer missed the alert, not a new date
_MISSED = re.compile(r"\A\W*missed\b", re.IGNORECASE)


def _tail_take_up(reply: str) -> ReplyChanges | None:
    """The take-up in ``reply``'s last clause after a lead of the writer's own (see above)."""
    for brk in _TAIL_BREAK.finditer(reply):
        lead, tail = reply[: brk.start()], reply[brk.end() :]
        take = _TAIL_TAKE.fullmatch(tail)
        if take is None:
            continue
        if len(lead) > _LEAD_MAX_CHARS or _NOT_TAKEN.search(lead) or _OWN_ACTION.search(lead):
            return None
        if not lead.strip() and not (take["verb"] or take["of_these"]):
            return None  # "1 contract at $11.48" under a ticket: the ticket's own line
        count = take["count"].lower()
        lead_verb = _LEAD_VERB.search(lead)
        side = _VERB_SIDES.get((take["verb"] or (lead_verb and lead_verb[0]) or "").lower())
        changes = ReplyChanges(
            word="in",
            count=int(count) if count.isdigit() else _NUMBER_WORDS[count],
            price=Decimal(take["price"].lstrip("$")) if take["price"] else None,
            market=bool(take["market"]),
            tif=_TIF.get((take["tif"] or "").lower()),
            side=side,
            opposite=bool(_OPPOSITE.search(lead) or lead_verb),
        )
        return changes if _MISSED.match(lead) else _lead_changes(lead, changes)
    return None


def _lead_changes(lead: str, changes: ReplyChanges) -> ReplyChanges:
    """``changes`` with the strike, pair of strikes or date the lead names, if any."""
    pair_match = _PAIR.search(lead)
    if pair_match is not None and not _month_day(pair_match["a"], pair_match["b"]):
        return replace(changes, pair=(Decimal(pair_match["a"]), Decimal(pair_match["b"])))
    strike_match = _STRIKE.search(lead)
    if strike_match is not None:
        changes = replace(
            changes,
            strike=Decimal(strike_match["strike"]),
            option_type=(strike_match["type"] or "").lower() or None,
        )
    dated = _DATE_WORDS.search(lead)
    if dated is not None:
        changes = replace(changes, date_text=dated.group(0))
    return changes


def reply_changes(reply: str) -> ReplyChanges | None:
    """The changes ``reply`` makes to the alert it takes up, or None when it is no take-up
    with a count or a price of its own (a bare "me too" is left to the caller's other rules)."""
    reply = reply.strip()
    if len(reply) > _REPLY_MAX_CHARS:
        return None
    return _reply_changes(reply) or _tail_take_up(reply)


def _reply_changes(reply: str) -> ReplyChanges | None:
    reply, side = _canonical_reply(reply)
    match = _REPLY.match(reply)
    if match is None or _NOT_TAKEN.search(reply):
        return None
    rest = _REST.match(match["rest"])
    if rest is None:
        return None
    word = " ".join(match["word"].lower().split())
    if rest["price_only"] and word.endswith("in"):
        return None  # "in @ 9.80, marked 11.40 now": where the writer got in, a report
    count = None
    if rest["counted"]:
        written = rest["word"]
        count = (
            _NUMBER_WORDS[" ".join(written.lower().split())]
            if written
            else int(rest["x"] or rest["n"])
        )
    price_text = rest["price"] or rest["price_only"]
    change_text = rest["change"] or ""
    if price_text is None and not rest["market"] and change_text:
        changed_price = _CHANGE_PRICE.search(change_text)  # "but 835/830 for .75, 3 of them"
        if changed_price is not None:
            price_text = changed_price["price"]
            change_text = change_text[: changed_price.start()]
    if len(change_text) > _CHANGE_MAX_CHARS:
        return None  # a change is a few words ("but the 425c", "but this week for me")
    strike = option_type = pair = date_text = None
    if change_text:
        pair_match = _PAIR.search(change_text)
        if pair_match is not None and not _month_day(pair_match["a"], pair_match["b"]):
            pair = (Decimal(pair_match["a"]), Decimal(pair_match["b"]))
        strike_match = _STRIKE.search(change_text)
        if strike_match is not None and pair is None:
            strike = Decimal(strike_match["strike"])
            option_type = (strike_match["type"] or "").lower() or None
        dated = _DATE_WORDS.search(change_text)
        if dated is not None and (pair is None or not _PAIR.fullmatch(dated.group(0))):
            date_text = change_text[dated.start() :].strip()
        if strike is None and pair is None and date_text is None:
            return None  # "same but smaller": a change the bot cannot make
    return ReplyChanges(
        word=word,
        count=count,
        price=Decimal(price_text.lstrip("$")) if price_text else None,
        market=bool(rest["market"]),
        strike=strike,
        option_type=option_type,
        pair=pair,
        date_text=date_text,
        tif=_TIF.get((rest["tif"] or "").lower()),
        side=side,
    )


def _month_day(first: str, second: str) -> bool:
    return first.isdigit() and second.isdigit() and 1 <= int(first) <= 12 and 1 <= int(second) <= 31


def apply_changes(alert: ParsedOrder, changes: ReplyChanges, parse: Parse) -> ParsedOrder | None:
    """``alert`` as the reply takes it up (see :func:`reply_changes`), or None when the reply
    changes what the alert cannot change (a strike of a share order, "out" of an opening)."""
    if alert.kind != "order" or not alert.legs or alert.underlying is None:
        return None
    if changes.word.startswith("out") and any(leg.effect != "close" for leg in alert.legs):
        return None  # "out too" under an entry: the writer's exit, not the alert's order
    flipped = changes.side is not None and _alert_side(alert) != changes.side
    if flipped and not changes.opposite:
        return None  # "sell my 1 at 2.55" under a buy: not the alert's order taken up
    if changes.opposite and changes.side is None:
        flipped = True  # "I'll take the other side, 1 @ 9.60"
    if flipped:
        alert = _other_side(alert)
    legs = list(alert.legs)
    options = all(leg.type in ("call", "put") for leg in legs)
    if changes.strike is not None:
        if len(legs) != 1 or not options:
            return None
        option_type = _TYPES.get(changes.option_type or "", legs[0].type)
        legs[0] = replace(legs[0], strike=changes.strike, type=option_type)
    if changes.pair is not None:
        if len(legs) != 2 or not options or legs[0].type != legs[1].type:
            return None
        low, high = sorted(changes.pair)
        ordered = sorted(range(2), key=lambda at: legs[at].strike or Decimal(0))
        legs[ordered[0]] = replace(legs[ordered[0]], strike=low)
        legs[ordered[1]] = replace(legs[ordered[1]], strike=high)
    missing = alert.missing
    if changes.date_text is not None:
        if not options:
            return None
        dated = parse(f"buy 1 {alert.underlying} 100c {changes.date_text} @ 1")
        expiration = dated.legs[0].expiration if dated.kind == "order" and dated.legs else None
        if expiration is None:
            return None
        legs = [replace(leg, expiration=expiration) for leg in legs]
        missing = tuple(field for field in missing if field != "expiration")
    order = replace(
        alert,
        legs=tuple(legs),
        missing=missing,
        remarks=(),
        notes=(),
        tif=changes.tif or alert.tif,
    )
    return with_price(with_count(order, changes.count), changes.price, market=changes.market)


def _other_side(alert: ParsedOrder) -> ParsedOrder:
    """``alert`` taken on the other side: each leg's side turned, no effect of its own."""
    sides: dict[str, Side] = {"buy": "sell", "sell": "buy"}
    effects = {"credit": "debit", "debit": "credit"}
    return replace(
        alert,
        legs=tuple(replace(leg, side=sides[leg.side], effect=None) for leg in alert.legs),
        price_effect=effects.get(alert.price_effect or "", alert.price_effect),  # type: ignore[arg-type]
    )


def _alert_side(alert: ParsedOrder) -> Side | None:
    """The side of a one-leg alert, or of a spread by its price (a credit is sold)."""
    if len(alert.legs) == 1:
        return alert.legs[0].side
    return {"credit": "sell", "debit": "buy"}.get(alert.price_effect or "")  # type: ignore[return-value]


def with_count(order: ParsedOrder, count: int | None) -> ParsedOrder:
    """``order`` with ``count`` on every leg; unchanged when no count is given or the legs
    have counts of their own (a butterfly's 1-2-1)."""
    if count is None or not order.legs or len({leg.quantity for leg in order.legs}) != 1:
        return order
    return replace(order, legs=tuple(replace(leg, quantity=count) for leg in order.legs))


def with_price(order: ParsedOrder, price: Decimal | None, *, market: bool) -> ParsedOrder:
    """``order`` at the reply's price ("@ 2.35") or at market; unchanged when it names
    neither. A single leg's price is a debit when bought, a credit when sold."""
    if market:
        return replace(order, order_type="market", price=None, price_effect=None)
    if price is None:
        return order
    effect = order.price_effect
    if effect is None and len(order.legs) == 1:
        effect = "debit" if order.legs[0].side == "buy" else "credit"
    return replace(order, order_type="limit", price=price, price_effect=effect)
