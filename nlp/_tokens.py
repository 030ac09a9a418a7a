"""Tokens for the order extractor: the token regexes and classes, :class:`_Item` and how a
spaCy doc becomes items, and small number helpers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc

from nlp._models import LegType
from nlp._pipeline import OrderPipeline

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_RE_NUM = re.compile(_NUM, re.ASCII)
_RE_INT = re.compile(r"[0-9]+(?:,[0-9]{3})*", re.ASCII)
_RE_TYPED = re.compile(rf"({_NUM})(c|p|call|put|calls|puts)", re.IGNORECASE | re.ASCII)
_RE_SLASH = re.compile(
    r"(?:\d+(?:\.\d+)?|\.\d+)[cp]?(?:/(?:\d+(?:\.\d+)?|\.\d+)[cp]?)+", re.IGNORECASE | re.ASCII
)
_RE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_RE_SIGNED_NUMBER = re.compile(r"[+-]\d+(?:\.\d+)?", re.ASCII)  # "+62" of "+62%"
_RE_QTY_X = re.compile(r"(\d{1,6})x|x(\d{1,6})", re.IGNORECASE | re.ASCII)
_RE_PRICE_QTY = re.compile(r"(\d+(?:\.\d+)?|\.\d+)x(\d{1,6})", re.IGNORECASE | re.ASCII)
_RE_DTE = re.compile(r"(\d{1,3})dte", re.IGNORECASE | re.ASCII)
_RE_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)", re.IGNORECASE | re.ASCII)
_RE_OCC = re.compile(r"\$?([A-Za-z]{1,6})(\d{2})(\d{2})(\d{2})([CPcp])(\d{8})", re.ASCII)
_RE_DOLLAR_TICKER = re.compile(r"\$([A-Za-z]{1,6}(?:[./][A-Za-z]{1,2})?)", re.ASCII)
_RE_UPPER_TICKER = re.compile(r"[A-Z]{1,5}(?:[./][A-Z]{1,2})?", re.ASCII)
_RE_LOWER_TICKER = re.compile(r"[a-z]{2,5}", re.ASCII)
# A ticker typed in any case ("aMZN", "Tsla", "brk.b", "f"): read only between the action's
# count and the strike (see _Extractor._cased_ticker).
_RE_CASED_TICKER = re.compile(r"[A-Za-z]{1,5}(?:[./][A-Za-z]{1,2})?", re.ASCII)
_RE_IGNORE_WORD = re.compile(r"(?:pt|tp|sl)\d{0,2}", re.IGNORECASE | re.ASCII)
_RE_SUFFIXED_PART = re.compile(r"(\d+(?:\.\d+)?|\.\d+)([cp]?)", re.IGNORECASE | re.ASCII)
_AMOUNT_UNITS = frozenset({"k", "m", "b", "mm", "bn"})
_RE_PAST_FORM = re.compile(r"[a-z]{3,}ed", re.ASCII)
_RE_AMOUNT = re.compile(r"(?:\d+(?:\.\d+)?|\.\d+)(?:k|m|b|mm|bn)", re.IGNORECASE | re.ASCII)
_RE_DAY_NUMBER = re.compile(r"\d{1,2}", re.ASCII)  # a month or a day of "11-20"
_MAX_QUANTITY = 1_000_000
_TYPE_BY_LETTER: dict[str, LegType] = {"c": "call", "p": "put"}

TokenClass = Literal[
    "NUM", "TYPED", "SLASH", "ISO", "QTYX", "PRICEQTY", "DTE", "ORD", "OCC", "DTICKER", "WORD",
    "SYM",
]  # fmt: skip


_NUMERIC_CLASSES: tuple[tuple[re.Pattern[str], TokenClass], ...] = (
    (_RE_TYPED, "TYPED"),
    (_RE_SLASH, "SLASH"),
    (_RE_ISO, "ISO"),
    (_RE_PRICE_QTY, "PRICEQTY"),
    (_RE_QTY_X, "QTYX"),
    (_RE_DTE, "DTE"),
    (_RE_ORDINAL, "ORD"),
    (_RE_OCC, "OCC"),
    (_RE_DOLLAR_TICKER, "DTICKER"),
)


@lru_cache(maxsize=4096)
def _classify(text: str) -> TokenClass:
    if _RE_NUM.fullmatch(text):
        return "NUM"
    if text[0].isdigit() or text[0] in ".$":
        for pattern, name in _NUMERIC_CLASSES:
            if pattern.fullmatch(text):
                return name
        return "SYM"
    if _RE_QTY_X.fullmatch(text):
        return "QTYX"
    if _RE_OCC.fullmatch(text):
        return "OCC"
    if any(char.isalpha() for char in text):
        return "WORD"
    return "SYM"


@dataclass(frozen=True, slots=True)
class _Item:
    text: str
    lower: str
    label: str  # a Matcher label for phrases, else the token class
    glued: bool  # no whitespace before the next item
    line_end: bool = False  # the last item of its line
    phrase: str = ""  # a Matcher span's lower-case tokens joined by one space ("twenty - five")
    start: int = 0  # where the item starts in the text (a character offset)


def _items(doc: Doc, pipeline: OrderPipeline) -> list[_Item]:
    spans = {}
    matches = pipeline.matches(doc)
    # Longest match first, then leftmost; overlapping shorter matches are dropped.
    taken: set[int] = set()
    for match_id, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
        if taken.intersection(range(start, end)):
            continue
        taken.update(range(start, end))
        spans[start] = (pipeline.nlp.vocab.strings[match_id], end)
    items: list[_Item] = []
    index = 0
    while index < len(doc):
        token = doc[index]
        if index in spans:
            label, end = spans[index]
            span = doc[index:end]
            phrase = " ".join(token.lower_ for token in span)
            glued = not doc[end - 1].whitespace_
            items.append(
                _Item(
                    span.text, span.text.lower(), label, glued, phrase=phrase, start=span.start_char
                )
            )
            index = end
            continue
        index += 1
        if token.is_space:
            if "\n" in token.text and items:
                items[-1] = replace(items[-1], line_end=True)
            continue
        items.append(
            _Item(
                token.text,
                token.lower_,
                _classify(token.text),
                not token.whitespace_,
                start=token.idx,
            )
        )
    return items


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _is_int_text(text: str) -> bool:
    return _RE_INT.fullmatch(text) is not None


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 2000 <= int(text) <= 2100
