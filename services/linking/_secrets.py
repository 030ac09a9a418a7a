"""Spotting a Tastytrade secret pasted into chat, precisely enough to leave chat and orders be.

A message is a secret when it holds one of:

* a JSON Web Token (``eyJ...``, three dot-separated base64url parts): Tastytrade refresh and
  access tokens, OAuth id tokens;
* a Tastytrade client secret: 40 hex digits (also 32 to 64), with letters *and* digits, so a
  long number such as an order id is not one;
* a value after a secret's name (``refresh token: ...``, ``client_secret=...``) that looks
  random: at least 16 characters, letters and digits mixed;
* the simulator's tokens (``sim-rt-...``), or any long random-looking word: 32 or more
  characters of base64url with lower case, upper case and digits and high character entropy;
* a Discord bot token.

Web addresses are ignored (a CDN link carries a long hex signature), except for a secret named
in their query string. Order syntax (``BTO SPY 12/18 450C @ 2.15``), OCC symbols, account
numbers, ids and prose never match: none has 32 characters of mixed-case random text.
"""

from __future__ import annotations

import math
import re
from collections import Counter

_URL = re.compile(r"(?i)\b(?:https?://|www\.)\S+")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")
_HEX = re.compile(r"(?<![A-Za-z0-9_-])[0-9a-fA-F]{32,64}(?![A-Za-z0-9_-])")
_SIM_TOKEN = re.compile(r"\bsim-(?:rt|at|id)-[A-Za-z0-9_-]{16,}")
_DISCORD_TOKEN = re.compile(r"\b[A-Za-z\d_-]{23,28}\.[A-Za-z\d_-]{6,7}\.[A-Za-z\d_-]{27,40}\b")
_NAMED_VALUE = re.compile(
    r"(?i)(?:(?:refresh|access)[ _-]?token|(?:client|provider|oauth)[ _-]?secret|"
    r"tt_(?:secret|refresh))"
    r"""["']?\s*(?:[:=]|%3D|\bis\b)?\s*["']?(?P<value>[A-Za-z0-9._~+/=-]{16,})"""
)
_WORD = re.compile(r"[A-Za-z0-9_+/=-]{32,}")
# Bits per character below which a long word reads as language, not randomness: English
# stays under about 3.8, while 32 random base64url characters stay above about 3.9 (and 40
# or more above 4.2).
SHORT_RANDOM_BITS, LONG_RANDOM_BITS, LONG_WORD = 3.9, 4.1, 40


def _entropy(text: str) -> float:
    """Shannon entropy in bits per character of ``text``."""
    counts = Counter(text)
    total = len(text)
    return -sum(count / total * math.log2(count / total) for count in counts.values())


def _mixed(text: str) -> bool:
    return any(c.isdigit() for c in text) and any(c.isalpha() for c in text)


def _random_word(word: str) -> bool:
    has_lower = any(c.islower() for c in word)
    has_upper = any(c.isupper() for c in word)
    has_other = any(c.isdigit() or c in "-_" for c in word)
    floor = LONG_RANDOM_BITS if len(word) >= LONG_WORD else SHORT_RANDOM_BITS
    return has_lower and has_upper and has_other and _entropy(word) >= floor


def looks_like_secret(text: str) -> bool:
    """Whether ``text`` (a chat message) holds something that looks like a Tastytrade token
    or client secret (see the module docstring for the exact rules)."""
    if not text:
        return False
    for match in _NAMED_VALUE.finditer(text):
        if _mixed(match.group("value")):
            return True
    prose = _URL.sub(" ", text)
    if _JWT.search(prose) or _SIM_TOKEN.search(prose) or _DISCORD_TOKEN.search(prose):
        return True
    if any(_mixed(match.group()) for match in _HEX.finditer(prose)):
        return True
    return any(_random_word(match.group()) for match in _WORD.finditer(prose))
