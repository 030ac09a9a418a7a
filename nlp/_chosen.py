"""The one contract ordered among several a message names.

A trader often names contracts that are not the order around it: a rejected alternative ("not
the 100 puts, the 95 puts: sell 2 WMT 95p ..."), the positions held ("I have TSLA 290c and 300c
6/30. sell to close 1 TSLA 300c ..., keep the 290"), a chain row or marks before the pick, a
watchlist with one pick, someone else's alert copied in part, a hedge not placed, a plan for a
contract later. Read as one message, the contracts make one order of several strikes (refused:
no spread named) or, worse, a spread of contracts nobody ordered.

The order is the clause where the writer's action governs one complete contract (or one
multi-leg order): an action and its count opening a clause after a colon, a full stop, a
semicolon, a comma or an arrow, read on its own. The other contracts stand in clauses of their
own before it (the *head*) or after it (a clause *set apart*: "keep", "hold", "not", "rather
than", "instead of", "stays on", "is for after"). The patterns here find those clauses; the
decision (what the head may hold) is :func:`nlp._parser._chosen_reading`'s.
"""

from __future__ import annotations

import re

from nlp import _lexicon as lex

# A contract named by its strike: "95p", "700C", "the 95 puts", "12.5 calls", "the 260s", "the
# 290" (a bare strike after "the").
_CONTRACT = re.compile(
    r"(?<![\w./$-])\$?(\d+(?:\.\d+)?)(?:[cp]\b|[ \t]*(?:calls?|puts?)\b|s\b)"
    r"|\bthe[ \t]+(\d+(?:\.\d+)?)\b(?![./]\d)",
    re.IGNORECASE,
)
COUNT_WORDS = "|".join(sorted((re.escape(word) for word in lex.QUANTITY_WORDS), key=len)[::-1])
# The imperative verbs that open such a clause besides buy and sell ("grab 10 sofi 26c ...").
_PICK_VERBS = "grab|snag|scoop|nab|cop|dump|unload|trim|cut|close(?:[ \t]+out)?"
# What follows the action: a count ("buy 2x", "sell two"), or after a verb (not an alert
# code, which relays post their contracts with) a ticker and a typed strike ("sell OXY 68p
# next month x4 @ .25").
_COUNTED = rf"(?:(?:the|my)[ \t]+)?(?:[-+]?\d|(?:{COUNT_WORDS})\b|a[ \t]+(?:couple|few|pair)\b)"
_TICKER_STRIKE = r"\$?[A-Za-z]{1,5}[ \t]+\d+(?:\.\d+)?[cp]\b"
# An action and its count opening a clause after a break, an arrow, a pointing hand or a dash:
# the order's own clause (after a question only when the order settles a comparison the
# question makes: "XSP 760p or 755p? buy 3 XSP 755p ...").
ORDER_START = re.compile(
    # (a run of blanks is tried from its start only: from inside it no match is new)
    r"(?:(?<!\.)[.!?;:|]+[ \t]+|,[ \t]+|(?<![ \t])[ \t]*\n\s*"
    r"|(?<![ \t])[ \t]+(?:→|👉|➡️?|->|=>|—|–|-)[ \t]+)"
    r"(?:(?:right[ \t]+)?now[ \t]+|then[ \t]+|so[ \t]+|just[ \t]+|please[ \t]+)?"
    rf"(?=(?:(?:buy|sell)(?:[ \t]+to[ \t]+(?:open|close))?|{_PICK_VERBS})[ \t]+"
    rf"(?:{_COUNTED}|{_TICKER_STRIKE})|(?:bto|sto|btc|stc)[ \t]+{_COUNTED})",
    re.IGNORECASE,
)
# The same clause with the writer as its subject ("he did the QQQ 700p 11/23, I'm buying 2
# QQQ 690p ..."): the writer's own trade set against the one named before it, a pick.
OWN_START = re.compile(
    r"(?:(?<!\.)[.!;:|]+[ \t]+|,[ \t]+|[ \t]*\n\s*)(?:i'?m|i[ \t]+am)[ \t]+"
    r"(?=(?:buying|selling)(?:[ \t]+to[ \t]+(?:open|close))?[ \t]+"
    rf"(?:\d|(?:{COUNT_WORDS})\b))",
    re.IGNORECASE,
)
# The same clause opening the message.
ORDER_OPENING = re.compile(
    r"\s*(?=(?:(?:buy|sell)(?:[ \t]+to[ \t]+(?:open|close))?|bto|sto|btc|stc)[ \t]+"
    rf"(?:\d|(?:{COUNT_WORDS})\b))",
    re.IGNORECASE,
)
# Where a clause set apart may start after the order: a break, or "rather than" / "instead of".
_TAIL_BREAK = re.compile(
    r"(?<!\.)[.!;,]+[ \t]+(?=\S)|[ \t]+(?=(?:rather[ \t]+than|instead[ \t]+of)\b)",
    re.IGNORECASE,
)
# The lead-in's last clause ends at one of these (a decimal point is not one).
# A price or a market order in the order's clause (a cheap test before reading it).
PRICED = re.compile(r"@|\b(?:at|for|limit|lmt|mkt|market)\b", re.IGNORECASE)
# A market order written as one ("... at market", "mkt"), not one only because no price is.
SAYS_MARKET = re.compile(r"\b(?:market|mkt)\b", re.IGNORECASE)
_CLAUSE_EDGE = re.compile(r"[,;:!?\n|→]|\.(?=\s)")
WORD = re.compile(r"[a-z]+")
_IT_IS = re.compile(r"\bit[ \t]+is\b|\bit'?s[ \t]+(?:the|this|that)\b", re.IGNORECASE)
_INSTEAD_OF = re.compile(r"\binstead[ \t]+of\b", re.IGNORECASE)


def contracts(text: str) -> list[str]:
    """The strikes of the contracts ``text`` names, in order (see ``_CONTRACT``)."""
    return [match.group(1) or match.group(2) for match in _CONTRACT.finditer(text)]


# A structure named in words ("the butterfly", "the 660/655 put spread", "the iron condor"):
# in a head, another trade than the one contract the order's clause names.
STRUCTURE = re.compile(
    r"\b(?:spreads?|verticals?|calendars?|diagonals?|condors?|(?:butter)?fly|flies|straddles?"
    r"|strangles?|collars?|pcs|ccs|pds|cds)\b",
    re.IGNORECASE,
)


# Shares named beside a contract ("long 50 HOOD + 1 HOOD 55p ... adding shares: buy 50 ...").
SHARES = re.compile(r"\b(?:shares?|shs|sh)\b", re.IGNORECASE)


# A structure's strikes joined by slashes ("265/270", "760/765/770"): not a date (three
# strikes, a decimal, or a first number above 12 or a second above 31).
_STRIKE_GROUP = re.compile(
    r"(?<![\w./$-])\$?\d+(?:\.\d+)?(?:/\$?\d+(?:\.\d+)?){2,}(?![\w/])"
    r"|(?<![\w./$-])\$?(?:\d*\.\d+|1[3-9]|[2-9]\d|\d{3,})/\$?\d+(?:\.\d+)?(?![\w/.]\d)"
    r"|(?<![\w./$-])\$?\d+(?:\.\d+)?/\$?(?:\d*\.\d+|3[2-9]|[4-9]\d|\d{3,})(?![\w/.]\d)",
)


def names_several(text: str) -> bool:
    """Cheap test: does ``text`` name two contracts or more (a structure named in words counts
    as one: "butterfly is too fiddly. just buy 1 SPX 6850c ...", and so do shares; two
    structures by their strikes count too: "265/270 for 1.85 or 270/275 for 1.10?")?"""
    found = len(_CONTRACT.findall(text))
    if found < 2 and "/" in text and len(_STRIKE_GROUP.findall(text)) >= 2:
        return True
    return found >= 2 or (
        found == 1 and (STRUCTURE.search(text) is not None or SHARES.search(text) is not None)
    )


def names_other_trade(head: str) -> bool:
    """True when a head names a contract or a structure of its own (or shares held: "holding
    300 sh of T since forever, sell 3 T 28c ...")."""
    return (
        bool(contracts(head))
        or STRUCTURE.search(head) is not None
        or SHARES.search(head) is not None
    )


def words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def lead_clause(head: str) -> str:
    """The lead-in's last clause: the text after its last clause edge."""
    edges = [edge.end() for edge in _CLAUSE_EDGE.finditer(head.rstrip(" \t.:;,!→|"))]
    return head[edges[-1] if edges else 0 :]


def is_choice(clause: str) -> bool:
    """True when ``clause`` is the writer's pick ("taking the 185c", "280c it is")."""
    return bool(words(clause) & lex.CHOICE_WORDS) or _IT_IS.search(clause) is not None


# A correction said as what was wrong ("wrong one!!", "wrong strike:") or as the change made
# to the structure ("hmm, go wider:", "go further out:").
_CORRECTED = re.compile(
    r"\bwrong[ \t]+(?:one|date|day|strike|ticker|symbol|expiry|expiration|month|side|contract"
    r"|price|order|leg|qty|quantity|size)\b|\bwrong[ \t]*!"
    r"|\bgo[ \t]+(?:a[ \t]+bit[ \t]+)?(?:wider|narrower|tighter|higher|lower|further|farther"
    r"|closer|cheaper)\b(?=[^.?!]*:)",
    re.IGNORECASE,
)


def is_correction(clause: str) -> bool:
    """True when ``clause`` takes back or changes what came before ("actually no, make it",
    "wrong one!!", "go wider:")."""
    return (
        bool(words(_INSTEAD_OF.sub(" ", clause)) & lex.CORRECTION_WORDS)
        or _CORRECTED.search(clause) is not None
    )


# The corrected order's own note on what it fixes ("correction: BTO ... @ 2.90 (wrong date)"):
# after a correction it explains the change, it does not take the order back.
_FIX_NOTE = re.compile(
    r"[ \t]*\((?:[ \t]*(?:was|the|a)?[ \t]*)wrong[ \t]+\w+[ \t]*\)[ \t.!]*\Z", re.I
)


def without_fix_note(instruction: str) -> str:
    """``instruction`` without a closing note on what the correction fixes (see above)."""
    return _FIX_NOTE.sub("", instruction)


# A clause heading the order as the next one after a report or a fill ("next:", "next up:",
# "next trade:"): it hands over like a pick.
_NEXT_HEADING = re.compile(
    r"\A[ \t]*(?:(?:and|ok|okay|now)[ \t]+)?next"
    r"(?:[ \t]+(?:up|one|trade|order|entry))?[ \t]*:[ \t]*\Z",
    re.IGNORECASE,
)


def is_next_heading(clause: str) -> bool:
    """True for a heading naming the order the next one ("next:"; see above)."""
    return "next" in clause.lower() and _NEXT_HEADING.match(clause) is not None


# Two contracts weighed: "or", "vs", "versus" between them in one sentence.
_WEIGHED = re.compile(r"\b(?:or|vs\.?|versus)[ \t]+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.?!](?:\s|\Z)")


def compares(head: str) -> bool:
    """Cheap test: does ``head`` weigh two things with "or" / "vs" after a contract named?"""
    return _WEIGHED.search(head) is not None and (
        _CONTRACT.search(head) is not None or _STRIKE_GROUP.search(head) is not None
    )


def settles_comparison(head: str, instruction: str, underlying: str, shares: bool) -> bool:
    """True when the order's clause settles a comparison the head makes: a sentence of the head
    weighs contracts with "or" / "vs" ("XSP 760p or 755p exp tmrw?", "NFLX 1200c Dec 7 at 14 vs
    the 1250c at 6.50") and the order names one of them (its strikes, or shares when it buys
    shares), on the ticker the head names if it names one."""
    symbol = underlying.replace("/", ".")
    tickers = set(re.findall(r"(?<![\w$])\$?([A-Z]{1,5}(?:\.[A-Z])?)\b(?![/.]\d)", head))
    tickers = {ticker for ticker in tickers if ticker.lower() not in lex.NOT_TICKERS}
    if tickers and symbol not in tickers:
        return False
    start = 0
    for end in [match.end() for match in _SENTENCE_END.finditer(head)] + [len(head)]:
        sentence = head[start:end]
        start = end
        weighed = _WEIGHED.search(sentence)
        if weighed is None:
            continue
        before, after = sentence[: weighed.start()], sentence[weighed.end() :]
        if not (contracts(before) or _STRIKE_GROUP.search(before)):
            continue
        if shares:
            return SHARES.search(after) is not None
        named = _STRIKE_GROUP.findall(instruction) or contracts(instruction)
        if named and any(
            re.search(rf"(?<![\w./]){re.escape(strike.lstrip('$'))}(?![\d/]|\.\d)", sentence)
            for strike in named
        ):
            return True
    return False


def set_apart_end(instruction: str) -> int | None:
    """Where the order's clause ends when a clause after it names another contract and sets it
    apart ("..., keep the 290", "... rather than the 45p"), or None."""
    for match in _TAIL_BREAK.finditer(instruction):
        tail = instruction[match.end() :]
        if "?" in tail or not _CONTRACT.search(tail) or is_correction(tail):
            continue
        if words(tail) & lex.WITHDRAWAL_WORDS:
            return None  # "..., not the 320c. nah, not today": the order itself withdrawn
        if words(tail) & lex.SET_APART_WORDS:
            return match.start()
    return None
