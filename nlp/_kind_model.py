"""A second opinion on whether a message is an order at all: a logistic regression over the
message's words and word pairs, trained on labelled chat (``tools/train_kind_model.py``) and
shipped as data (``nlp/data/kind_model.json``: a bias and one weight per feature).

The rules read the order; this model only says how much the message as a whole reads like one.
It is read with the standard library (a dict lookup per feature), so it adds no dependency and
a few microseconds per message. The features are the same function at training time and here,
so the shipped weights mean what they meant when they were fitted.

Tokens are lower-cased words, numbers reduced to their shape (``#`` an integer, ``#.#`` a
decimal, ``#/#`` a fraction or date, ``#c``/``#p`` a strike glued to its type, ``$#`` an amount)
and punctuation marks that carry meaning in chat (``@ ? ! : / + - = ( ) |``). A word written in
capitals (a ticker or an alert code) adds the token ``CAPS``. Features are every token, every
pair of neighbouring tokens (with start and end marks), and a few of the message's shapes
(several lines, a question mark, its length in words). Where a word stands matters as much as
what it is ("filled" before the verb is a report, after it a tail): the tokens before the first
verb of the lexicon and the first ones after it count again as such, with the word right before
the verb, and each line's first token counts again, the last line's on its own.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from functools import cache
from itertools import pairwise
from pathlib import Path

from nlp._lexicon import VERB_WORDS

MODEL_PATH = Path(__file__).with_name("data") / "kind_model.json"

_TOKEN = re.compile(
    r"""
    (?P<amount>\$\d[\d,]*(?:\.\d+)?)            # $2.15, $1,200
    | (?P<typed>\d+(?:\.\d+)?[cp])(?![a-z])     # 450c, 22.5p
    | (?P<fraction>\d+/\d+(?:/\d+)?)            # 1/15, 12/18/27, 5/10 (a spread's strikes)
    | (?P<decimal>\d*\.\d+)                     # 2.15, .65
    | (?P<integer>\d+)                          # 3, 450, 2027
    | (?P<word>[a-z]+(?:'[a-z]+)?)              # words, alert codes, tickers
    | (?P<mark>[@?!:/+\-=()|%])                 # marks that carry meaning in chat
    """,
    re.VERBOSE,
)
_CAPS = re.compile(r"\b[A-Z]{2,5}\b")
_SHAPES = {"amount": "$#", "fraction": "#/#", "decimal": "#.#", "integer": "#"}
# length buckets, in words: a bare alert is short, a story long
_LENGTHS = ((4, "len:tiny"), (10, "len:short"), (25, "len:medium"), (60, "len:long"))


def tokens(text: str) -> list[str]:
    """The message's tokens (see the module's docstring), in order."""
    lowered = text.lower()
    found: list[str] = []
    for match in _TOKEN.finditer(lowered):
        kind = match.lastgroup
        if kind == "typed":
            found.append("#" + match.group()[-1])
        elif kind in _SHAPES:
            found.append(_SHAPES[kind])
        else:
            found.append(match.group())
    return found


def features(text: str) -> list[str]:
    """The features the model weighs for ``text`` (a feature may repeat; each counts once)."""
    words = tokens(text)
    marked = ["<s>", *words, "</s>"]
    found = [*words]
    found.extend(f"{first} {second}" for first, second in pairwise(marked))
    if _CAPS.search(text):
        found.append("CAPS")
    if "\n" in text.strip():
        found.append("lines:several")
    count = sum(1 for word in words if word[0].isalpha())
    found.append(next((name for limit, name in _LENGTHS if count <= limit), "len:huge"))
    found.extend(_around_verb(words))
    found.extend(_line_openings(text))
    return found


# how many tokens after the first verb count as its tail, and the longest lead-in told apart
_TAIL_TOKENS = 12
_LEAD_LENGTHS = 6


def _around_verb(words: list[str]) -> list[str]:
    """The tokens before the message's first verb and the first ones after it, marked as such."""
    at = next((index for index, word in enumerate(words) if word in VERB_WORDS), None)
    if at is None:
        return ["verb:none"]
    lead, tail = words[:at], words[at + 1 : at + 1 + _TAIL_TOKENS]
    return [
        *(f"lead:{word}" for word in lead),
        *(f"tail:{word}" for word in tail),
        f"lead:len{min(len(lead), _LEAD_LENGTHS)}",
        "before:" + (lead[-1] if lead else "<s>"),
        "before:" + " ".join(lead[-2:]),
    ]


def _line_openings(text: str) -> list[str]:
    """Each line's first token, the last line's marked apart, and whether a verb opens it."""
    lines = [tokens(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    found: list[str] = []
    for number, line in enumerate(lines, start=1):
        where = "last" if number == len(lines) else "line"
        found.append(f"{where}:{line[0]}")
        if line[0] in VERB_WORDS:
            found.append(f"{where}:verb")
    return found


@cache
def _weights(path: Path = MODEL_PATH) -> tuple[float, Mapping[str, float]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return float(data["bias"]), {str(k): float(v) for k, v in data["weights"].items()}


def order_probability(text: str) -> float:
    """How much ``text`` as a whole reads like an order (0..1), by the shipped model."""
    bias, weights = _weights()
    # fsum: exact, so the score does not depend on the order a set is iterated in (which
    # changes with the interpreter's hash seed) and a message near a threshold reads the same
    score = bias + math.fsum(weights.get(feature, 0.0) for feature in set(features(text)))
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    odds = math.exp(score)
    return odds / (1.0 + odds)
