"""The spaCy pipeline: a blank English tokenizer tuned for trading text plus its rule matchers.

The phrase rules are run by two spaCy matchers that together act as one ``Matcher`` with
``greedy="LONGEST"`` per label: every pattern whose tokens are fixed words, sets of words or
optional tokens is expanded into plain phrases for a ``PhraseMatcher`` (a trie walk, about
twenty times cheaper than the token-pattern ``Matcher``, which was a third of a long message's
parse); only the patterns that need a repeated token stay in a ``Matcher``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from nlp import _lexicon as lex

# Whole words the tokenizer must never split.
_KEEP_WHOLE = re.compile(
    r"""
    \$?[A-Za-z]{1,6}\d{6}[CPcp]\d{8}              # OCC symbol: SPY261218C00450000
    | \d{4}-\d{1,2}-\d{1,2}                        # ISO date
    | (?:\d+(?:\.\d+)?|\.\d+)[CPcp]?(?:/(?:\d+(?:\.\d+)?|\.\d+)[CPcp]?)+   # 4500/4490, 3/20/26
    | \$[A-Za-z]{1,6}(?:[./][A-Za-z]{1,2})?        # $SPY, $BRK.B
    | [A-Z]{1,5}[./][A-Z]{1,2}                     # BRK.B, BRK/B
    | (?:\d+(?:\.\d+)?|\.\d+)x\d+                  # 1.85x10
    """,
    re.VERBOSE | re.ASCII,
)
_EXTRA_PREFIXES = [r"@", r"\$", r"~", r"#"]
_EXTRA_SUFFIXES = [r"%", r"\+", r"!+", r"\?+", r":"]
_EXTRA_INFIXES = [
    r"@",  # HTZ@2.50, 11/13@1.77
    r"(?<=[0-9])%",  # 85%TS10%
    r"%(?=[A-Za-z0-9])",
    r"(?<=[A-Za-z0-9]):(?=[0-9.$])",  # PT3:5.96
    r"(?<=[Ll][Ii][Mm])(?=[0-9.])",  # lim0.65
    r"(?<=[0-9])(?=[/][A-Za-z])",  # 1/2size
    r"(?<=[A-Za-z]),(?=[0-9])",
    r"(?<=[0-9]),(?=[A-Za-z])",
]


# Exact strings with a fixed split: "@m" is "at market", "P&L" is one word, not a ticker.
_SPECIAL_CASES: dict[str, list[dict[int, str]]] = {
    "@m": [{ORTH: "@"}, {ORTH: "m"}],
    "@M": [{ORTH: "@"}, {ORTH: "M"}],
    "@mkt": [{ORTH: "@"}, {ORTH: "mkt"}],
    "P&L": [{ORTH: "P&L"}],
    "p&l": [{ORTH: "p&l"}],
    # in chat "wed" is Wednesday ("ARM reports wed. buy ..."), not "we'd" split in two
    **{day: [{ORTH: day}] for day in ("wed", "Wed", "WED")},
    **{f"{day}.": [{ORTH: day}, {ORTH: "."}] for day in ("wed", "Wed", "WED")},
}


def _phrase(text: str) -> list[dict[str, Any]]:
    return [{"LOWER": word} for word in text.split()]


def _one_of(*words: str, optional: bool = False) -> dict[str, Any]:
    token: dict[str, Any] = {"LOWER": {"IN": list(words)}}
    if optional:
        token["OP"] = "?"
    return token


_TYPES = ("call", "calls", "put", "puts")
_TAKE_OFF_FILLERS = (
    "some", "half", "a", "few", "little", "bit", "more", "it", "them", "the", "rest", "of",
    "my", "these", "those", "partial", "partials", "profit", "profits", "1/2", "1/3", "1/4",
)  # fmt: skip
_VERTICAL_NOUNS = ("spread", "spreads", "vertical", "verticals")

# label -> Matcher patterns (matched on lower-case text, longest match wins).
PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    "ACTION": [
        [_one_of("buy", "buying", "bought"), _phrase("to")[0], _one_of("open", "close")],
        [_one_of("sell", "selling", "sold"), _phrase("to")[0], _one_of("open", "close")],
    ],
    "EFFECT": [_phrase("to open"), _phrase("to close")],
    "VERB": [_phrase(phrase) for phrase in lex.ACTION_PHRASES],
    "WISH": [_phrase(phrase) for phrase in lex.WISH_PHRASES],
    "QTYWORDS": [_phrase(phrase) for phrase in lex.QUANTITY_PHRASES]
    + [[_one_of(*lex.TENS), {"ORTH": "-", "OP": "?"}, _one_of(*lex.UNITS)]],
    "TIF_GTC": [
        [
            {"LOWER": "good"},
            _one_of("til", "till", "until", "'til", "'till", "'til"),
            _one_of("cancel", "canceled", "cancelled", "cancels"),
        ],
        [
            {"LOWER": "good"},
            {"LOWER": "'"},
            _one_of("til", "till"),
            _one_of("canceled", "cancelled"),
        ],
        _phrase("good till cancel"),
    ],
    "TIF_DAY": [
        _phrase("day order"),
        _phrase("good for day"),
        _phrase("good for the day"),
        _phrase("day only"),
    ],
    "MARKET": [
        [_one_of("@", "at"), {"LOWER": "the", "OP": "?"}, _one_of("market", "mkt", "m")],
        [_one_of("market", "mkt"), {"LOWER": "order", "OP": "?"}],
    ],
    "EXP_THIS_WEEK": [_phrase("this week"), _phrase("end of week"), _phrase("end of the week")],
    "EXP_NEXT_WEEK": [_phrase("next week")],
    "EXP_NEXT_FRIDAY": [_phrase("next friday"), _phrase("next fri")],
    "EXP_THIS_FRIDAY": [_phrase("this friday"), _phrase("this fri")],
    "EXP_NEXT_MONTH": [_phrase("next month")],
    # Plans and watches: before an alert code they make it something to do later, not now.
    "PLAN": [
        _phrase("thinking about"),
        _phrase("on watch"),
        _phrase("on my radar"),
        _phrase("looking to"),
        _phrase("going to"),
        _phrase("about to"),
        _phrase("next time"),
        _phrase("plan on"),
        _phrase("eyes on"),
    ],
    # Selling part or all of a position with "take", which alone is a buy ("take some off",
    # "take half off the table", "take the money on ...").
    "TAKE_OFF": [
        [
            _one_of("take", "taking", "takin"),
            {"LOWER": {"IN": list(_TAKE_OFF_FILLERS)}, "OP": "*"},
            {"LOWER": "off"},
        ],
        [
            _one_of("take", "taking", "takin"),
            {"LOWER": "the", "OP": "?"},
            _one_of("money", "gains", "win", "w", "chips"),
        ],
    ],
    # Asking for a rating frames the trade after it ("Rate my trade: BTO ..."); "rate" alone is
    # macro talk ("rate cut, BTO TLT ...").
    "STORY": [_phrase("rate my"), _phrase("rate this"), _phrase("rate the")],
    # Praise of a trade ("good job taking profits on ..."): see lex.PRAISE_PHRASES.
    "PRAISE": [_phrase(phrase) for phrase in sorted(lex.PRAISE_PHRASES)],
    # Broker notices that name an order to place without being one ("Margin call: ... sell").
    "NOTICE": [_phrase("margin call"), _phrase("maintenance call"), _phrase("house call")],
    # Chatter that often sits beside a real alert ("not financial advice: BTO ...").
    "CHATTER": [
        _phrase("looking at"),
        _phrase("do not"),
        _phrase("how much"),
        _phrase("not financial"),
    ],
    # Times already past: before an alert code they make it a report ("this morning's BTO ...").
    "PAST_TIME": [
        _phrase("this morning"),
        _phrase("last week"),
        _phrase("last night"),
        _phrase("earlier today"),
        _phrase("the other day"),
        _phrase("stopped out"),
        _phrase("last year"),
        _phrase("last month"),
        _phrase("back in"),
    ],
    # Options-flow reports: a trade seen on the tape, not one to place.
    "FLOW": [_phrase("on the bid"), _phrase("on the ask"), _phrase("dark pool")],
    "RECAP": [_phrase("p / l"), _phrase("trade log")],
    "STATUS": [_phrase("my position"), _phrase("my positions"), _phrase("current position")],
    "VERTICAL": [
        [
            _one_of("bull", "bear", "bullish", "bearish", optional=True),
            _one_of(*_TYPES, optional=True),
            _one_of("credit", "debit", optional=True),
            _one_of(*_VERTICAL_NOUNS),
        ],
        # ("bps": a bull put spread, a put credit spread; "bcs" is left out: bull or bear)
        [_one_of("pcs", "ccs", "pds", "cds", "bps")],
    ],
    "IRON_CONDOR": [
        [{"LOWER": "iron"}, _one_of("condor", "condors")],
        [_one_of("condor", "condors", "ic", "ics")],
    ],
    "IRON_FLY": [[{"LOWER": "iron"}, _one_of("fly", "flies", "butterfly", "butterflies")]],
    "STRADDLE": [[_one_of("straddle", "straddles")]],
    "STRANGLE": [[_one_of("strangle", "strangles")]],
    "BUTTERFLY": [
        [_one_of(*_TYPES, optional=True), _one_of("butterfly", "butterflies", "fly", "flies")],
        [_one_of("bwb", "bwbs")],  # a broken-wing butterfly
    ],
    # a put calendar and a call calendar, each at its own strike ("670p/720c double calendar")
    "DOUBLE_CALENDAR": [
        [
            {"LOWER": "double"},
            _one_of("calendar", "calendars", "cal", "cals"),
            _one_of("spread", "spreads", optional=True),
        ],
    ],
    "CALENDAR": [
        [
            _one_of(*_TYPES, optional=True),
            _one_of("calendar", "calendars"),
            _one_of("spread", "spreads", optional=True),
        ],
        [_one_of(*_TYPES, optional=True), _phrase("time spread")[0], _phrase("time spread")[1]],
    ],
}
STRATEGY_LABELS = frozenset(
    {
        "VERTICAL",
        "IRON_CONDOR",
        "IRON_FLY",
        "STRADDLE",
        "STRANGLE",
        "BUTTERFLY",
        "CALENDAR",
        "DOUBLE_CALENDAR",
    }
)


Match = tuple[int, int, int]  # (label's string id, start token, end token)


def _as_phrases(pattern: list[dict[str, Any]]) -> list[list[str]] | None:
    """Every word sequence a token pattern matches, or None when it needs the Matcher.

    A token may name one word (``LOWER`` or ``ORTH``), a set of words (``{"IN": [...]}``) and
    be optional (``"OP": "?"``); anything else (``*``, ``+``, other attributes) is left to the
    Matcher.
    """
    choices: list[list[str | None]] = []
    for token in pattern:
        operator = token.get("OP")
        if set(token) - {"LOWER", "ORTH", "OP"} or operator not in (None, "?"):
            return None
        value: Any = token.get("LOWER", token.get("ORTH"))
        words: list[str | None] = [value] if isinstance(value, str) else list(value["IN"])
        choices.append([*words, None] if operator == "?" else words)
    combos = itertools.product(*choices)
    phrases = ([word for word in combo if word is not None] for combo in combos)
    return [phrase for phrase in phrases if phrase]


# spaCy's tokenizer peels a chunk's prefixes and suffixes one at a time, searching the whole
# chunk again for each: 2,000 commas or "@" with no space took three seconds. A chunk with no
# space longer than this (no word, number or contract of an order is) is cut into pieces of this
# length before it reaches the tokenizer.
LONGEST_CHUNK = 64
_LONG_CHUNK = re.compile(rf"\S{{{LONGEST_CHUNK + 1},}}")


@dataclass(frozen=True, slots=True)
class OrderPipeline:
    """The tokenizer-only spaCy pipeline and the rule matchers run over its output."""

    nlp: Language
    phrase_matcher: PhraseMatcher
    matcher: Matcher  # the patterns a PhraseMatcher cannot hold
    label_order: dict[int, int]  # label id -> its place in PATTERNS (ties between labels)

    def make_doc(self, text: str) -> Doc:
        """``text`` tokenized, each chunk longer than ``LONGEST_CHUNK`` cut into pieces of that
        length (the doc's text is ``text`` all the same)."""
        if _LONG_CHUNK.search(text) is None:
            return self.nlp.make_doc(text)
        docs: list[Doc] = []
        done = 0
        for chunk in _LONG_CHUNK.finditer(text):
            if chunk.start() > done:
                docs.append(self.nlp.make_doc(text[done : chunk.start()]))
            pieces = [
                chunk.group()[at : at + LONGEST_CHUNK]
                for at in range(0, len(chunk.group()), LONGEST_CHUNK)
            ]
            docs.append(Doc(self.nlp.vocab, words=pieces, spaces=[False] * len(pieces)))
            done = chunk.end()
        if done < len(text):
            docs.append(self.nlp.make_doc(text[done:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def matches(self, doc: Doc) -> list[Match]:
        """Each label's longest non-overlapping matches, as ``Matcher(greedy="LONGEST")`` gives.

        Per label, the longest match wins, then the leftmost, and a match overlapping one
        already kept is dropped; labels follow PATTERNS' order.
        """
        by_label: dict[int, list[tuple[int, int]]] = {}
        for key, start, end in itertools.chain(self.phrase_matcher(doc), self.matcher(doc)):
            by_label.setdefault(key, []).append((start, end))
        kept: list[Match] = []
        for key in sorted(by_label, key=self.label_order.__getitem__):
            taken: set[int] = set()
            for start, end in sorted(set(by_label[key]), key=lambda m: (m[0] - m[1], m[0])):
                if taken.isdisjoint(range(start, end)):
                    taken.update(range(start, end))
                    kept.append((key, start, end))
        return kept


def _build_tokenizer(nlp: Language) -> Tokenizer:
    defaults = nlp.Defaults
    prefixes = list(defaults.prefixes or []) + _EXTRA_PREFIXES
    suffixes = list(defaults.suffixes or []) + _EXTRA_SUFFIXES
    infixes = list(defaults.infixes or []) + _EXTRA_INFIXES
    return Tokenizer(
        nlp.vocab,
        rules={**dict(defaults.tokenizer_exceptions), **_SPECIAL_CASES},
        prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=_KEEP_WHOLE.fullmatch,
        url_match=None,
    )


# spaCy keeps every string it has tokenized in its vocabulary, so a bot that reads chat for
# months would grow without bound (about half a kilobyte per new word, number or price). Past
# this many lexemes the shared pipeline is built afresh (a few hundred milliseconds, once in
# tens of thousands of messages); the old one goes with its vocabulary.
VOCAB_LIMIT = 100_000


def shared_pipeline() -> OrderPipeline:
    """The cached pipeline (``build_pipeline``), built afresh once its vocabulary has grown
    past ``VOCAB_LIMIT``."""
    pipeline = build_pipeline()
    if len(pipeline.nlp.vocab) > VOCAB_LIMIT:
        build_pipeline.cache_clear()
        pipeline = build_pipeline()
    return pipeline


@cache
def build_pipeline() -> OrderPipeline:
    """Build the pipeline once (blank English, no model download) and cache it."""
    nlp = spacy.blank("en")
    nlp.tokenizer = _build_tokenizer(nlp)
    phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher = Matcher(nlp.vocab)
    label_order: dict[int, int] = {}
    for place, (label, patterns) in enumerate(PATTERNS.items()):
        label_order[nlp.vocab.strings.add(label)] = place
        phrases: list[list[str]] = []
        for pattern in patterns:
            expanded = _as_phrases(pattern)
            if expanded is None:
                matcher.add(label, [pattern])
            else:
                phrases += expanded
        if phrases:
            phrase_matcher.add(label, [Doc(nlp.vocab, words=words) for words in phrases])
    return OrderPipeline(nlp, phrase_matcher, matcher, label_order)
