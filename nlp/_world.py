"""Orders written the way traders outside the US write them, rewritten to the US forms.

Run first by ``nlp._normalize.normalize``. Each rewrite is local and meaning-preserving:

- order words of other languages (``compra``, ``verkaufen``, ``contratos``, ``giugno``,
  ``bestens``...) become the English words the parser reads (``lexicon/languages.toml``), and a
  verb said last (Hinglish ``... 3 lots bech do @ 8.45``) moves to the front of its sentence;
  a vocative before the courtesy (``Sir kindly ...``) gets its comma;
- a day-first date becomes ``M/D``: only where it cannot be month-first (``24/03``,
  ``19/01/29``) or is written the German way with dots (``21.04.``, ``19.05.2028``);
- a contract's kind written before its ticker and strike (``4 puts STLA 17``) moves after them;
- a decimal comma in a strike (``27,5 puts``, ``22,5c``) becomes a point;
- a dot or a space between thousands becomes nothing where a point would be absurd: share
  counts (``1.000 shares``) and index strikes (``SPX 7.000/7.050``, ``SPX 6 950 put``, and
  ``6,500/6,525`` with commas).

Pure text in, text out. Every rewrite looks for a cheap sign first (a character or a word).
"""

from __future__ import annotations

import re

from nlp import _lexicon as lex

_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)


def _alternatives(words: dict[str, str] | list[str]) -> str:
    return "|".join(
        re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len, reverse=True)
    )


# Words of the foreign vocabulary, looked up before any regex runs: a phrase by its longest
# word ("a mercado" by "mercado", "per favore" by "favore": "a" and "per" are English too).
_FIRST_WORDS = frozenset(
    max(_LETTERS.findall(phrase.lower()), key=len)
    for table in (
        lex.FOREIGN_WORDS,
        lex.FOREIGN_AFTER_NUMBER,
        lex.FOREIGN_AFTER_STRIKE,
        lex.FOREIGN_CLAUSE_OPENERS,
        lex.FOREIGN_VERB_FINAL,
    )
    for phrase in table
) | frozenset(word for word in lex.FOREIGN_PRICE_WORDS if word != "a")
_FOREIGN = re.compile(rf"(?<![\w'])({_alternatives(lex.FOREIGN_WORDS)})(?![\w'])", re.IGNORECASE)
_AFTER_NUMBER = re.compile(
    rf"(\b\d{{1,2}}\.?\s*(?:(?:de|di|del)\s+)?)({_alternatives(lex.FOREIGN_AFTER_NUMBER)})(?![\w'])",
    re.IGNORECASE,
)
# ("SE 100c ..." in capitals is the ticker.)
_CLAUSE_OPENER = re.compile(
    rf"((?:\A|[.;!?\n])\s*)((?i:{'|'.join(lex.FOREIGN_CLAUSE_OPENERS)})(?<![A-Z]{{2}}))\s+(?=[^\s,])"
)
_TICKER_LENGTH = 5
_AFTER_STRIKE = re.compile(
    rf"(\b[A-Z][A-Z0-9&]{{0,9}}\s+\d{{1,6}}(?:\.\d{{1,2}})?\s*)({'|'.join(lex.FOREIGN_AFTER_STRIKE)})\b"
)
_VERB_FINAL = re.compile(
    rf"(?<![\w'])({_alternatives(lex.FOREIGN_VERB_FINAL)})(?![\w'])[ \t]*", re.IGNORECASE
)
_PRICE_WORD = re.compile(
    rf"(?<![\w'])({_alternatives([w for w in lex.FOREIGN_PRICE_WORDS if w != 'a'])})"
    r"\s+(?=[$€£]\s?\d|\d+[.,]\d{1,2}(?!\d))",
    re.IGNORECASE,
)
# "a 0,85", "a 38,00": the Romance "at" only before a decimal comma ("a 5.5 wide" is English).
_A_BEFORE_COMMA_DECIMAL = re.compile(r"(?<![\w'])a\s+(?=[$€]?\s?\d{1,4},\d{1,2}(?!\d|,\d))", re.I)
_MONTH_NAMES = lex.MONTH_NAMES
# "19 de mayo", "21 di aprile": the day's "of" before its month.
_DAY_OF_MONTH = re.compile(rf"\b(\d{{1,2}})\s+(?:de|di|del)\s+(?=(?:{_MONTH_NAMES})\b)", re.I)
# "5 contracts de AMD", "200 shares de NU": the "of" after a count's unit.
_UNIT_OF = re.compile(r"\b(contracts?|shares?)\s+(?:de|di|des|du|van|von)\b", re.IGNORECASE)


# "Sir kindly exit ...", "bhai please buy ...": the person addressed, opening the message before
# the courtesy (a vocative, not the subject of the order's verb).
_VOCATIVE = re.compile(
    r"\A(\s*(?:sir|sirji|madam|ma'?am|boss|bhai|bro)(?:\s+ji)?)\s+(?=(?:kindly|please|pls|plz)\b)",
    re.IGNORECASE,
)


_VOCATIVE_INITIALS = frozenset("sSmMbB")


def _translated(text: str) -> str:
    if text.lstrip()[:1] in _VOCATIVE_INITIALS:
        text = _VOCATIVE.sub(r"\1, ", text)
    words = set(_LETTERS.findall(text.lower()))
    if words & _FIRST_WORDS:
        text = _FOREIGN.sub(_foreign_word, text)
        text = _AFTER_NUMBER.sub(
            lambda match: match.group(1) + lex.FOREIGN_AFTER_NUMBER[_key(match.group(2))], text
        )
        text = _AFTER_STRIKE.sub(
            lambda match: match.group(1) + lex.FOREIGN_AFTER_STRIKE[match.group(2)], text
        )
        text = _CLAUSE_OPENER.sub(
            lambda match: match.group(1) + lex.FOREIGN_CLAUSE_OPENERS[match.group(2).lower()] + " ",
            text,
        )
        text = _verb_final(text)
        text = _PRICE_WORD.sub(
            lambda match: lex.FOREIGN_PRICE_WORDS[_key(match.group(1))] + " ", text
        )
        text = _DAY_OF_MONTH.sub(r"\1 ", text)
        text = _UNIT_OF.sub(r"\1 of", text)
    if "a" in words and "," in text:
        text = _A_BEFORE_COMMA_DECIMAL.sub("@ ", text)
    return text


def _foreign_word(match: re.Match[str]) -> str:
    word = match.group(1)
    if word.isupper() and len(word) <= _TICKER_LENGTH:
        return word  # "STK", "TRE": a ticker in capitals, not the foreign word
    return lex.FOREIGN_WORDS[_key(word)]


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


_SENTENCE_END = re.compile(r"\n|[.!?;:]+\s+")


def _verb_final(text: str) -> str:
    """The verb said last ("NVDA 170c 21 Apr 3 lots bech do @ 8.45") put first in its
    sentence."""
    match = _VERB_FINAL.search(text)
    if match is None:
        return text
    verb = lex.FOREIGN_VERB_FINAL[_key(match.group(1))]
    starts = [match_.end() for match_ in _SENTENCE_END.finditer(text, 0, match.start())]
    line_start = starts[-1] if starts else 0
    return text[:line_start] + f"{verb} " + text[line_start : match.start()] + text[match.end() :]


# --- day-first dates -------------------------------------------------------------------------
# "24/03", "31/03/28", "19/01/29": the day first, told by a day above twelve. Not strikes
# ("15/10 put spread") and not a fraction or a ratio glued to other numbers.
_DAY_FIRST_SLASH = re.compile(
    r"(?<![\w/.,$])(1[3-9]|2\d|3[01])/(0?[1-9]|1[0-2])(?:/(\d{4}|\d{2}))?"
    r"(?![\w/%]|[.,]\d)(?!\s*(?:c|p|calls?|puts?|spreads?|strikes?|pcs|ccs|wide|vertical)\b)",
    re.IGNORECASE,
)
# "21.04.", "15.12.", "19.05.2028", "21.04.28": the German way, a dot after the month.
_DAY_FIRST_DOTS = re.compile(
    r"(?<![\w.,/$€@])(0?[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])\.(\d{4}|\d{2})?(?=[\s,;)]|$)"
)
# A price word right before: "zu 21.04." is a price followed by a full stop (looked for in the
# few characters before the number).
_LOOK_BACK = 12
_PRICE_BEFORE = re.compile(
    r"(?:@|\b(?:at|for|limit|lmt|lim|net|credit|debit|cr|db|price|px|entry|avg|pt|sl|stop))\s*$",
    re.IGNORECASE,
)
# Another date written in the message (a month-first slash, a month name, an ISO date): then a
# dotted number without a year is not read as a date.
_OTHER_DATE = re.compile(
    rf"(?<![\w/.])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?![\d.])|\b\d{{4}}-\d\d-\d\d\b"
    rf"|\b(?:{_MONTH_NAMES})\b|\b\d+\s*dte\b",
    re.IGNORECASE,
)


def _slash_date(match: re.Match[str]) -> str:
    day, month, year = match.groups()
    if match.group(0) == "24/7":
        return "24/7"  # round the clock
    return f"{int(month)}/{int(day)}" + (f"/{year}" if year else "")


def _dotted_dates(text: str) -> str:
    if _DAY_FIRST_DOTS.search(text) is None:
        return text
    other_date = _OTHER_DATE.search(text) is not None

    def rewrite(match: re.Match[str]) -> str:
        day, month, year = match.groups()
        if _PRICE_BEFORE.search(text[max(0, match.start() - _LOOK_BACK) : match.start()]):
            return match.group(0)
        if year is None and (other_date or (int(day) <= 12 and len(day) < 2)):
            return match.group(0)  # "3.10." is a price and a full stop
        return f"{int(month)}/{int(day)}" + (f"/{year}" if year else "") + " "

    return _DAY_FIRST_DOTS.sub(rewrite, text)


# --- decimal commas and thousands ------------------------------------------------------------
# "27,5 puts", "22,5c", "6,5 Calls": a strike with a decimal comma (two decimals are read
# anywhere by the normalizer; "2,000 shares" and "6,950" keep their thousands).
_COMMA_STRIKE = re.compile(
    r"(?<![\d.,])(\d{1,4}),(\d)(?=\s?(?:c|p|calls?|puts?|strikes?)\b)", re.IGNORECASE
)
_COUNT_UNITS = r"shares?|sh|shs|contracts?|cons|lots?"
# "1.000 shares", "1.500 shares of PFE": a count with a dot between its thousands.
_DOT_THOUSANDS_HINT = re.compile(r"\d\.\d{3}\s")
_DOT_THOUSANDS_COUNT = re.compile(
    rf"(?<![\d.,])(\d{{1,3}})\.(\d{{3}})(?=\s+(?:{_COUNT_UNITS})\b)", re.IGNORECASE
)
# "7.000/7.050", "6,500/6,525/7,250/7,275": index strikes joined by slashes, their thousands
# set off by a dot or a comma.
_SEPARATED_STRIKES = re.compile(r"(?<![\d.,/])\d{1,2}([.,])\d{3}(?:/\d{1,2}\1\d{3})+(?![\d.,/])")
# "SPX 6 950 put": an index strike with a space between its thousands.
_INDEX_ROOTS = r"SPX|SPXW|NDX|NDXP|RUT|RUTW|DJX"
_INDEX_HINTS = ("SPX", "NDX", "RUT", "DJX", "spx", "ndx", "rut", "djx")
_SPACED_INDEX_STRIKE = re.compile(
    rf"\b((?:{_INDEX_ROOTS})\s+)(\d{{1,2}}) (\d{{3}})(?=\s*(?:c|p|calls?|puts?|strikes?)\b)",
    re.IGNORECASE,
)


# The Romance order of a contract, its kind before its ticker and strike ("4 puts STLA 17",
# "1 call TTE 80", "2 puts de SPY 1020" once translated): put back in the US order ("4 STLA 17
# puts").
_KIND_BEFORE_TICKER = re.compile(
    r"\b(\d{1,4})[ \t]+(calls?|puts?)[ \t]+(?:(?:de|of|on)[ \t]+)?\$?([A-Z]{1,5})[ \t]+"
    r"(\d{1,5}(?:[.,]\d{1,2})?)\b(?![/.,]\d|[ \t]*(?:calls?|puts?|[cp])\b)"
)


def rewrite_world_forms(text: str) -> str:
    """``text`` with foreign order words, day-first dates and European numbers in US forms."""
    text = _translated(text)
    if "call" in text or "put" in text:
        text = _KIND_BEFORE_TICKER.sub(r"\1 \3 \4 \2", text)
    if "/" in text:
        text = _DAY_FIRST_SLASH.sub(_slash_date, text)
    if "." in text:
        text = _dotted_dates(text)
        if _DOT_THOUSANDS_HINT.search(text):
            text = _DOT_THOUSANDS_COUNT.sub(r"\1\2", text)
    if "," in text:
        text = _COMMA_STRIKE.sub(r"\1.\2", text)
    if "/" in text and ("." in text or "," in text):
        text = _SEPARATED_STRIKES.sub(lambda match: re.sub(r"[.,]", "", match.group(0)), text)
    if any(root in text for root in _INDEX_HINTS):
        text = _SPACED_INDEX_STRIKE.sub(r"\1\2\3", text)
    return text
