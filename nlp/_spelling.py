"""Typing slips in order words, read back to the lexicon word before anything else reads them.

A hurried trader types "selll", "sodl", "opne", "stradle", "Spetember". A word of four letters
or more that keeps its first letter and is one edit (optimal string alignment: a swap of two
letters is one edit) from a word of ``lexicon/spelling.toml`` is rewritten to that word, unless
it is listed there as a real word to keep ("self", "chose", "oven", "solid"). A semicolon typed
inside a word ("sel;l": the key beside "l") is dropped. Pure text in, text out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from nlp import _lexicon as lex

_DATA = lex._read_toml("spelling.toml")
TARGETS: dict[str, str] = {word.lower(): to.lower() for word, to in _DATA["targets"].items()}
KEEP: frozenset[str] = frozenset(word.lower() for word in _DATA["keep"]["words"])
MIN_LETTERS = 4
_BY_INITIAL: dict[str, tuple[str, ...]] = {}
for _target in TARGETS:
    _BY_INITIAL[_target[0]] = (*_BY_INITIAL.get(_target[0], ()), _target)
# Every word the parser already knows stays as it is.
_KNOWN = (
    frozenset(TARGETS)
    | KEEP
    | frozenset(lex.ACTION_WORDS)
    | frozenset(lex.CODES)
    | frozenset(lex.MONTHS)
    | frozenset(lex.TYPE_WORDS)
    | frozenset(lex.COMPANY_TICKERS)
    | lex.MONTH_NOUNS  # "opex day STC ...": expiration's jargon, no slip of "open"
)
_WORD = re.compile(r"(?<![\w$.@/#'-])[A-Za-z]{4,12}(?![\w'])", re.ASCII)
# "sel;l", "se;ll", "clo;se": a semicolon between letters, a slip of the finger beside "l"
# (dropped only when the word it splits is an order word: "done;buy" keeps its clauses).
_INNER_SEMICOLON = re.compile(r"\b[A-Za-z]+;[A-Za-z]+\b", re.ASCII)
_INITIALS = frozenset(_BY_INITIAL)


@lru_cache(maxsize=8192)
def corrected(word: str) -> str | None:
    """The lexicon word ``word`` is a slip of, or None when it is no slip of one."""
    lower = word.lower()
    if len(lower) < MIN_LETTERS or lower in _KNOWN:
        return None
    candidates = _BY_INITIAL.get(lower[0])
    if not candidates:
        return None
    best = extractOne(lower, candidates, scorer=OSA.distance, score_cutoff=1)
    if best is None:
        return None
    return TARGETS[best[0]]


def _replace(match: re.Match[str]) -> str:
    word = match.group(0)
    if word[0].lower() not in _INITIALS:
        return word
    return corrected(word) or word


def _joined(match: re.Match[str]) -> str:
    word = match.group(0).replace(";", "")
    lower = word.lower()
    known = lower in lex.ACTION_WORDS or lower in lex.CODES or lower in TARGETS
    return word if known or corrected(word) is not None else match.group(0)


def correct_spelling(text: str) -> str:
    """``text`` with order words typed with a slip rewritten to the lexicon word."""
    if ";" in text:
        text = _INNER_SEMICOLON.sub(_joined, text)
    return _WORD.sub(_replace, text)
