"""Prices and strikes said the way traders say them, rewritten to plain numbers.

Run by ``nlp._normalize.normalize`` after its own spoken forms (``a buck twenty``, ``45 cents``).
Each rewrite is local and needs a price word or a contract beside it:

- fractions: ``½``, ``¾``, ``47½`` (which NFKC has made ``1⁄2``, ``3⁄4``, ``471⁄2``) and ``at 2
  1/2`` after a price word;
- cents: ``60¢`` anywhere, ``for 85c`` after a price word once the contract has its strike and
  type (``85c`` before that is a strike);
- dollars per contract: ``$240 a contract``, ``limit $520 per contract`` (2.40, 5.20);
- a price in words after a price word: ``at one forty`` (1.40), ``for eleven fifty`` (11.50);
- ``2 even``, ``3 flat``, ``a dollar flat`` after a price word: the round price;
- a strike in words between the ticker and its type after a count: ``buy 10 F eleven calls``,
  ``BTO 4 SOFI twenty five calls``, ``sell 2 AMZN two ten puts`` (210).
"""

from __future__ import annotations

import re
from decimal import Decimal

from nlp import _lexicon as lex

_FLAGS = re.IGNORECASE | re.ASCII
_PRICE = (
    r"(?:@|\bat|\bfor|\blimit|\blmt|\bnet|\bpay|\bpaying|\bcollect(?:ing)?"
    r"|\btake\s+in|\btaking\s+in)"
)

# --- fractions ---------------------------------------------------------------------------------
_VULGAR = re.compile("(\\d*)([1-9])\u2044(\\d{1,2})(?!\\d)")
_SPOKEN_FRACTION = re.compile(
    rf"({_PRICE}\s*\$?)(\d{{1,3}}\s+)?([1357])/([248])(?![\d/])"
    r"(?!\s*(?:size|sized|of|position|pos|exp|expiry|expiration)\b)",
    _FLAGS,
)
_FRACTION_HINT = re.compile(r"(?<![\w/.])[1357]/[248](?![\d/])")


def _number(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _vulgar(match: re.Match[str]) -> str:
    whole, numerator, denominator = match.groups()
    if int(denominator) <= int(numerator):
        return match.group(0)
    return _number(Decimal(whole or 0) + Decimal(numerator) / Decimal(denominator))


def _spoken_fraction(match: re.Match[str]) -> str:
    marker, whole, numerator, denominator = match.groups()
    if whole is None and match.string[match.end() : match.end() + 1] not in ("", ",", " ", "\n"):
        return match.group(0)
    if int(denominator) <= int(numerator):
        return match.group(0)
    value = Decimal(whole.strip() if whole else 0) + Decimal(numerator) / Decimal(denominator)
    return marker + _number(value)


# --- cents and dollars per contract ------------------------------------------------------------
_CENT_SIGN = re.compile(r"(?<![\d.])(\d{1,2})\s?¢")
_CENTS_C = re.compile(
    rf"({_PRICE}\s*)(\d{{1,2}})c\b(?!\s*(?:calls?|puts?|strikes?|exp\w*)\b|\s+\d{{1,2}}/\d)", _FLAGS
)
# A contract with its strike and type already written before the price.
_TYPED_CONTRACT = re.compile(
    r"\d(?:c|p|\s?calls?|\s?puts?)\b|\b(?:spreads?|condors?|butterfly|flys?|straddles?|strangles?"
    r"|pcs|ccs|ic)\b",
    _FLAGS,
)
_PER_CONTRACT = re.compile(
    rf"(\$|{_PRICE}\s*\$?)(\d{{1,2}},\d{{3}}|\d{{1,4}})(?:\.00)?\s+(?:per|a|each|/)\s*"
    r"(?:contract|con|ct)\b",
    _FLAGS,
)


# One strike traded for another: "roll the 12c for 13c", "swap my 40c for 45c".
_STRIKE_CHANGE = re.compile(r"\b(?:roll|swap|switch|exchange|trade|move|replace)", _FLAGS)


# Cheap looks first: a price word right before a small number and "c"; a unit "per contract".
_CENTS_C_HINT = re.compile(
    r"(?:@|\b(?:at|for|limit|lmt|net|pay|paying|collect|collecting|in))\s*\d{1,2}c\b"
)
_PER_CONTRACT_HINT = re.compile(
    r"\b(?:per|a|each)\s*(?:contract|con|ct)\b|/\s*(?:contract|con|ct)\b"
)


def _cents_c(match: re.Match[str]) -> str:
    if _STRIKE_CHANGE.search(match.string) or not _TYPED_CONTRACT.search(
        match.string, 0, match.start()
    ):
        return match.group(0)  # a new strike ("roll the 12c for 13c"), or no contract yet
    return f"{match.group(1)}.{int(match.group(2)):02d}"


def _per_contract(match: re.Match[str]) -> str:
    marker = "" if match.group(1) == "$" else match.group(1).rstrip("$")
    dollars = Decimal(match.group(2).replace(",", "")) / 100
    return f"{marker}{dollars:.2f}"


# --- prices and strikes in words ---------------------------------------------------------------
_UNITS = {word: value for word, value in lex.UNITS.items()}
_TEENS = {w: v for w, v in lex.QUANTITY_WORDS.items() if 10 <= v <= 19}
_TENS = dict(lex.TENS)
_DOLLAR_WORD = "|".join(sorted(_UNITS | _TEENS, key=len, reverse=True))
_CENTS_WORD = (
    rf"(?:{'|'.join(_TENS)})(?:[\s-]+(?:{'|'.join(_UNITS)}))?"
    rf"|{'|'.join(sorted(_TEENS, key=len, reverse=True))}"
)
_NOT_AFTER = r"(?![\s-]+(?:calls?|puts?|c|p|strikes?|dollars?|bucks?|cents?|hundred|and|of)\b)"
# "at one forty", "for eleven fifty", "at two ten": dollars and cents in words after a price word.
# The dollars may be said with a hyphen and up to ninety-nine ("at five-twenty", "for
# sixty-eight fifty", "@ fourteen-ten"); "for sixty-two even" is the round price.
_WORD_PRICE = re.compile(
    rf"({_PRICE}\s+)({_DOLLAR_WORD}|{_CENTS_WORD})[\s-]+({_CENTS_WORD})\b{_NOT_AFTER}", _FLAGS
)
_WORD_ROUND_PRICE = re.compile(
    rf"({_PRICE}\s+)({_DOLLAR_WORD}|{_CENTS_WORD})\s+(?:even|flat)\b", _FLAGS
)
_ROUND_PRICE = re.compile(rf"({_PRICE}\s*\$?\d{{1,4}}(?:\.\d{{1,2}})?)\s+(?:flat|even)\b", _FLAGS)
_A_DOLLAR = re.compile(
    rf"({_PRICE}\s+)(?:a|one)\s+dollar\b(?!\s+(?:calls?|puts?|strikes?)\b)", _FLAGS
)
# "buy 10 F eleven calls", "BTO 4 SOFI twenty five calls", "sell 2 AMZN two ten puts": a strike
# in words between a count's ticker (in capitals) and the type (or a date: "buy two SOFI eleven
# 3/15 at ten cents").
# The count may be said too ("Buy three NVDA two-seventy calls"), and a half added ("fifteen F
# twelve-and-a-half calls": 12.5).
# The ticker may follow a held position's words instead of a count ("sell my WMT one-twenty
# straddle", "sell both QQQ eight-sixty puts", "a couple of F thirteen calls").
_WORD_STRIKE = re.compile(
    rf"(\b(?:\d{{1,4}}x?|{_DOLLAR_WORD}|{_CENTS_WORD}|my|the|both|of|dozen)\s+"
    r"\$?(?-i:[A-Z]{1,5})\s+)"
    rf"((?:{_DOLLAR_WORD}|{_CENTS_WORD})(?:[\s-]+(?:{_CENTS_WORD}))?)"
    r"(?P<half>[\s-]+and[\s-]+a[\s-]+half)?"
    r"(?=\s+(?:calls?|puts?|strikes?|straddles?|strangles?)\b|\s+\d{1,2}/\d{1,2}\b)",
    _FLAGS,
)


_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TEENS) | frozenset(_TENS)
_LOWER_WORDS = re.compile(r"[a-z]+")


def words_value(words: str) -> int:
    """The value of a number below a hundred said in words ("forty five", "twelve")."""
    parts = [part for part in re.split(r"[\s-]+", words.lower()) if part]
    return sum(_UNITS.get(part, 0) + _TEENS.get(part, 0) + _TENS.get(part, 0) for part in parts)


def _word_price(match: re.Match[str]) -> str:
    dollars = words_value(match.group(2))
    cents = words_value(match.group(3))
    return f"{match.group(1)}{dollars}.{cents:02d}"


def _word_strike(match: re.Match[str]) -> str:
    parts = [part for part in re.split(r"[\s-]+", match.group(2).lower()) if part]
    if len(parts) >= 2 and parts[0] in _UNITS and parts[1] in _TENS | _TEENS:
        value = _UNITS[parts[0]] * 100 + words_value(" ".join(parts[1:]))  # "three fifty": 350
    elif (len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS) or len(parts) == 1:
        value = words_value(match.group(2))  # "twenty five", "eleven"
    else:
        return match.group(0)
    return f"{match.group(1)}{value}{'.5' if match.group('half') else ''}"


def rewrite_spoken_amounts(text: str) -> str:
    """``text`` with fractions, cents, per-contract dollars and prices in words as numbers."""
    if "\u2044" in text:
        text = _VULGAR.sub(_vulgar, text)
    if "/" in text and _FRACTION_HINT.search(text):
        text = _SPOKEN_FRACTION.sub(_spoken_fraction, text)
    if "¢" in text:
        text = _CENT_SIGN.sub(lambda match: f".{int(match.group(1)):02d}", text)
    lower = text.lower()
    if _CENTS_C_HINT.search(text):
        text = _CENTS_C.sub(_cents_c, text)
    if ("contract" in lower or " con" in lower or " ct" in lower) and _PER_CONTRACT_HINT.search(
        lower
    ):
        text = _PER_CONTRACT.sub(_per_contract, text)
    if "flat" in lower or "even" in lower:
        text = _ROUND_PRICE.sub(r"\1", text)
    if "dollar" in lower:
        text = _A_DOLLAR.sub(r"\g<1>1", text)
    if _NUMBER_WORDS.intersection(_LOWER_WORDS.findall(lower)):
        text = _WORD_PRICE.sub(_word_price, text)
        if "even" in lower or "flat" in lower:
            text = _WORD_ROUND_PRICE.sub(
                lambda match: f"{match.group(1)}{words_value(match.group(2))}", text
            )
        text = _WORD_STRIKE.sub(_word_strike, text)
    return text
