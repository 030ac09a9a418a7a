"""The chatter guard: one decision on whether a message's instruction is an order.

An order needs an *instruction*: an action addressed to the reader or the bot (``buy ...``,
``BTO ...``, ``I want to sell ...``, ``let's buy ...``) or a shorthand alert line (ticker,
contract and price). While the extractor reads a message it records *cues* of chatter (a past
trade, a question, someone else's trade, a negation, a regret, news or flow, a watchlist, a
result, praise ...), each with a named reason, where it stands and how far it reaches:

- ``VETO``: the message is chatter, whatever else it says ("?", "he bought ...", "not
  buying ...");
- ``FRAME``: before an alert code it makes the code reported or conditional ("Yesterday: STO
  ...", "if SPY breaks 600, BTO ..."); after it, or with no code, it is like ``SOFT``;
- ``SOFT``: chatter an explicit alert code outweighs ("I was waiting for this... BTO ...").

:func:`decide` turns the cues into one verdict. The one way past a cue is a sentence of its own:
when every cue stands in sentences before the instruction's sentence, the instruction is read
again on its own (a *restart*). A soft cue (a joke, a mood) gives way at any sentence break; a
veto or a frame gives way only at a full stop, and only when its reason is *local*, a statement
about something else (a past trade, someone else's trade, a negation, praise, an action talked
about): "sold my last ones yesterday. buy 2 SPY ..." is an order. Conditions, questions, report
and flow headings, notices, help texts and stories reach past any break ("if NFLX holds 100.
buy ...", "Yesterday: buy ...").

:func:`clause_reason` is the instruction test for a verb: the words before it in its clause
must be nothing, an interjection, or a first-person subject with its intention ("I'm", "we",
"let's", "I want to", "going to"); anything else makes the verb talked about ("people are
buying ...", "I'm done buying ...", "no way I'm selling ...", "good time to buy ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

Weight = Literal["veto", "frame", "soft"]
VETO: Weight = "veto"
FRAME: Weight = "frame"
SOFT: Weight = "soft"

# --- named reasons (the note's prefix; nlp._describe explains the common ones) ---------------
QUESTION = "question"
PAST = "past tense"
OTHER_SUBJECT = "someone else's trade"
NEGATION = "negation"
TALKED_ABOUT = "an action talked about, not an instruction"
PRAISE = "praise of a trade already made"
HYPOTHETICAL = "hypothetical"
PLAN = "a plan"
FLOW = "flow report or recap"
NEWS = "news or an indicator"
REPORT = "a report"
RECAP = "recap"
NOTICE = "a broker notice"
STORY = "a story, an opinion or a test"
HELP = "an example or a help text"
SIMULATED = "not a real trade"
JOKE = "a joke"
SAYING = "a saying"
REPORTED = "someone's words reported"
ROLL = "a roll (close one contract, open another): send each leg"
LATER = "a plan for later"
CODE_FRAMED = "an alert code reported or conditional"

# Reasons that state something about another trade or person: a full stop ends their reach.
LOCAL_REASONS = frozenset({PAST, OTHER_SUBJECT, NEGATION, TALKED_ABOUT, PRAISE})


@dataclass(frozen=True, slots=True)
class Cue:
    """One sign of chatter: its reason, the words that gave it, where it starts (a character
    offset into the text read) and how far it reaches."""

    reason: str
    text: str
    at: int
    weight: Weight

    @property
    def note(self) -> str:
        return f"{self.reason}: {self.text}" if self.text else self.reason


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the guard decided: ``order`` (read on), ``none`` (chatter, with its notes) or
    ``restart`` (read the text from ``restart_at`` on its own)."""

    kind: Literal["order", "none", "restart"]
    notes: tuple[str, ...] = ()
    restart_at: int = -1


# Where a sentence ends in chat: sentence punctuation or a dash before a space, a line break, or
# an emoji before a space ("brb kids recital 🙃 sell to open ...": it closes the aside).
SENTENCE_BREAK = re.compile(
    r"(?:[.!;:…—–]+|[\u2600-\u27bf\U0001f300-\U0001faff]\ufe0f?)[ \t]+|[ \t]*\n\s*"
)
# A full stop: "." or "!" before a space. A colon, a dash, an emoji or a bare line break may end
# a heading ("Yesterday: STO ...", "Sweep 🧹 ...", "Closed trades\nSTC ..."), so they do not
# end the reach of a veto.
# After soft chatter, a contrast or a courtesy after a comma also starts the instruction's own
# clause: "I don't really know the lingo yet, but I'd like to buy ...", "still learning lol,
# please buy 1 SPY ...", and so does a consequence the writer draws after a comma ("mods said
# it's fine, so buy ...", "whatever, then sell ...").
ASIDE_BREAK = re.compile(
    rf"{SENTENCE_BREAK.pattern}|,[ \t]*(?:but|so|then)[ \t]+"
    r"|,[ \t]*(?=(?:please|pls|kindly)\b)",
    re.IGNORECASE,
)
FULL_STOP = re.compile(r"(?<![.\d])(?:[.!…]+)[ \t]+(?=\S)")
_PROSE_WORD = re.compile(r"[A-Za-z]{2,}")


def _break_after(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The first break of ``pattern`` at or after ``start`` that starts by ``end`` (any when
    ``end`` is negative)."""
    match = pattern.search(text, start)
    if match is None or (end >= 0 and match.start() > end):
        return None
    return match


def decide(
    cues: Sequence[Cue], *, text: str, action_at: int, code_at: int, restartable: bool
) -> Verdict:
    """The one decision: is the instruction in ``text`` an order, chatter, or an instruction
    in a sentence of its own after chatter (a restart)?

    ``action_at`` is where the first action starts (-1 when there is none: a shorthand alert
    line), ``code_at`` where the first explicit alert code (BTO/STO/BTC/STC) starts (-1: none),
    and ``restartable`` whether a restart may be offered (not when ``text`` is one already).
    A frame before the code turns into a veto: the code is reported or conditional.
    """
    frames = [cue for cue in cues if cue.weight == FRAME]
    vetoes = [cue for cue in cues if cue.weight == VETO]
    if code_at >= 0 and frames:
        framed = Cue(CODE_FRAMED, "", code_at, VETO)
        vetoes = sorted([*vetoes, replace(framed, reason=f"{CODE_FRAMED} ({frames[0].note})")],
                        key=lambda cue: cue.at)  # fmt: skip
    talk = [cue for cue in cues if cue.weight != VETO]
    if not vetoes and (not talk or code_at >= 0):
        return Verdict("order")
    notes = tuple(cue.note for cue in (vetoes or talk))
    if not restartable:
        return Verdict("none", notes)
    if vetoes or frames:
        restart = _local_restart(cues, text, action_at)
    else:
        restart = _aside_restart(talk, text, action_at)
    if restart is None:
        return Verdict("none", notes)
    return Verdict("restart", notes, restart)


def _aside_restart(talk: Sequence[Cue], text: str, action_at: int) -> int | None:
    """After soft chatter only (a joke, a mood, a remark): the first sentence break after the
    last cue, when prose stands before it and the action (if any) after it."""
    last = max(cue.at for cue in talk)
    match = _break_after(ASIDE_BREAK, text, last, action_at)
    if match is None or _PROSE_WORD.search(text, 0, match.start()) is None:
        return None  # "😂 sell ...": no sentence before it, the emoji sets the tone
    return match.end() if text[match.end() :].strip() else None


def _local_restart(cues: Iterable[Cue], text: str, action_at: int) -> int | None:
    """After vetoes or frames: the first full stop after the last cue, when every cue that is
    not soft has a local reason and an action comes after the stop."""
    cues = list(cues)
    if action_at < 0 or any(cue.weight != SOFT and cue.reason not in LOCAL_REASONS for cue in cues):
        return None
    last = max(cue.at for cue in cues)
    match = _break_after(FULL_STOP, text, last, action_at)
    if match is None:
        return None
    return match.end() if text[match.end() :].strip() else None


# --- the instruction test for a verb ------------------------------------------------------------
# Words that open a clause without being its subject ("ok buy ...", "please sell ...").
INTERJECTIONS = frozenset(
    {"ok", "okay", "k", "alright", "aight", "ight", "please", "pls", "plz", "yes", "yeah", "yep",
     "yup", "now", "today", "here", "gm", "lfg", "so", "and", "then", "also", "just", "hey",
     "guys", "team", "fam", "folks", "boys", "gang", "everyone", "all", "btw", "fyi", "ty",
     "thanks", "finally", "again", "rn", "quick", "officially", "time", "to", "kindly",
     "bot", "tastybot", "hello", "hi", "there", "um", "uh", "basically", "actually",
     "seriously"}
)  # fmt: skip
# An alert room's tags before its verb ("new position buy ...", "lotto buy ...", "quick scalp
# buy ..."): labels of the trade, not a subject.
ALERT_TAGS = frozenset(
    {"new", "position", "pos", "quick", "scalp", "lotto", "lottos", "starter", "alert", "alerts",
     "entry", "small", "size", "swing", "trade", "daytrade", "play", "risky", "yolo", "half",
     "full", "leap", "leaps", "hedge", "runner", "momentum", "earnings", "spec", "0dte", "odte",
     "weekly", "long", "short", "term", "add", "adding", "re", "reentry", "re-entry"}
)  # fmt: skip
# A first-person subject, and what may stand between it and its verb ("I'm", "we're gonna",
# "let's", "I want to", "I'd like to", "I need to", "gotta").
FIRST_PERSON = frozenset({"i", "we", "im", "i'm", "let", "lets", "let's", "ima", "imma", "ill"})
INTENTION = frozenset(
    {"'m", "am", "'re", "are", "'ll", "will", "going", "gon", "na", "gonna", "to", "wanna",
     "want", "'d", "d", "would", "like", "need", "needs", "have", "got", "gotta", "ta", "me",
     "us", "'s", "just", "also", "now", "really", "def", "definitely", "gladly", "about",
     "finally", "officially", "still", "all", "wish", "trying", "try", "tryna", "ready"}
)  # fmt: skip
# A request to the reader: "could you grab me 2 ...", "can u sell ...", "will you buy ..." (a
# question mark still makes it a question: the "?" is a cue of its own).
REQUEST_MODALS = frozenset({"can", "could", "will"})
# "would you please sell ...": a request only with the courtesy ("would you sell ...?" asks an
# opinion).
POLITE_MODALS = frozenset({"would"})
COURTESIES = frozenset({"please", "pls", "plz", "kindly"})
REQUEST_ADDRESSEES = frozenset({"you", "u", "ya"})
# "place an order to", "put in an order to", "submit an order to": the request's own verb.
ORDER_PLACING = frozenset({"place", "put", "submit", "enter", "send"})
ORDER_PLACING_FILLERS = frozenset(
    {"in", "an", "a", "the", "me", "for", "limit", "market", "day", "gtc", "new", "buy", "sell"}
)


def places_order(words: Sequence[str]) -> bool:
    """True for words that are "place an order to" (any of the forms above)."""
    return (
        len(words) >= 3
        and words[0] in ORDER_PLACING
        and words[-2:] == ["order", "to"]
        and all(word in ORDER_PLACING_FILLERS for word in words[1:-2])
    )


# "what I want is to sell ...", "all we need is to buy ...": a wish of the writer's, cleft.
_CLEFT = re.compile(
    r"(?:(?:what|all) )?(?:i|we) (?:really )?(?:want|need|'d like|would like|wanna do) "
    r"(?:to do )?is to"
)
# "I want you to buy ...", "I need u to sell ...", "could you help me sell ...": asked of the
# bot.
_ASKED_OF_READER = re.compile(
    r"(?:(?:i|we) (?:really )?(?:want|need|'d like|d like|would like) (?:you|u) to"
    r"|(?:(?:can|could|will) (?:you|u) )?(?:please )?help me(?: to)?)"
)
COUNTED_PRONOUNS = frozenset({"them", "those", "these", "em", "'em"})
NEGATIONS = frozenset({"not", "never", "n't", "nt", "dont", "no", "nothing", "nobody", "refuse"})
PAST_AUXILIARIES = frozenset({"was", "were", "been", "had", "did"})
THIRD_PERSON = frozenset(
    {"he", "she", "they", "it", "he's", "she's", "they're", "people", "someone", "somebody",
     "everybody", "anyone", "anybody", "nobody", "who", "whoever", "you", "u", "ya", "y'all",
     "yall", "guy", "buddy", "friend", "wife", "husband", "bro", "funds", "whales", "whale",
     "insiders", "institutions", "retail", "smart", "money", "traders", "everyone's",
     "somebody's", "someone's", "is", "are", "'s", "'re", "keeps", "kept"}
)  # fmt: skip


def clause_reason(words: Sequence[str]) -> str | None:
    """Why a verb whose clause starts with ``words`` (lower case, in order, up to the verb) is
    not an instruction, or None when it is one.

    An instruction's clause holds nothing before the verb but interjections ("ok", "please",
    "today", "hey bot"), a request to the reader ("could you", "can u", "would you please",
    "could you help me", "could you place an order to"), a first-person subject with its
    intention ("I'm", "we", "let's", "I want to", "I wish to", "I'm trying to", "gonna"), the
    writer's wish said another way ("what I want is to", "I want you to"), or no subject at all
    ("gotta sell ..."). A negation anywhere in the clause, a past
    auxiliary, another subject, or any other word ("done", "stop", "love", "before", "worth")
    makes the verb something talked about.
    """
    if any(word in NEGATIONS for word in words):
        return NEGATION
    if any(word in PAST_AUXILIARIES for word in words):
        return PAST
    rest = list(words)
    if rest[:1] == ["of"] and len(rest) >= 2 and rest[1] in COUNTED_PRONOUNS:
        del rest[:2]  # "... all 4 of them sell at 11.40": the tail of the count before it
    while rest and (rest[0] in INTERJECTIONS or rest[0] in ALERT_TAGS):
        rest.pop(0)
    if (
        len(rest) >= 3
        and rest[0] in POLITE_MODALS
        and rest[1] in REQUEST_ADDRESSEES
        and rest[2] in COURTESIES
    ):
        del rest[:3]  # "would you please sell ...": a request
        while rest and rest[0] in INTERJECTIONS:
            rest.pop(0)
    if len(rest) >= 2 and rest[0] in REQUEST_MODALS and rest[1] in REQUEST_ADDRESSEES:
        del rest[:2]  # "could you (please) grab ...": a request, addressed to the reader
        while rest and rest[0] in INTERJECTIONS:
            rest.pop(0)
    if _CLEFT.fullmatch(" ".join(rest)) or _ASKED_OF_READER.fullmatch(" ".join(rest)):
        return None  # "what I want is to sell ...", "I want you to buy ...": the writer's wish
    if rest and rest[0] in FIRST_PERSON:
        rest.pop(0)
    for start in range(len(rest)):
        if places_order(rest[start:]):
            del rest[start:]  # "could you place an order to buy ...", "I want to put in an ..."
            break
    if all(word in INTENTION for word in rest):
        return None
    if any(word in THIRD_PERSON for word in rest):
        return OTHER_SUBJECT
    return TALKED_ABOUT


# --- prefaces and tails that are not part of the instruction ------------------------------------
# A courtesy condition addressed to the reader ("if you can, please buy ...", "if you don't
# mind, sell ...", "when you get a sec, buy ...", "whenever you're ready, BTO ...", "... if you
# can"): it asks when the reader is free, not what the market must do, so it conditions nothing
# ("if QQQ holds 600, buy ..." and "if you're long, sell ..." stay conditions).
_COURTESY = (
    r"(?:(?:if|when|whenever|once) (?:you|u|ya)(?: (?:"
    r"can|could|would|get a (?:sec|second|chance|moment|minute)"
    r"|get the chance|have a (?:sec|second|moment|minute)|have time|get time"
    r"|don'?t mind|do not mind)|(?: ?'re| are| r| re) (?:ready|able))"
    r"|if possible|when possible|at your convenience|if it's not too much trouble"
    r"|as soon as (?:possible|you can|u can)|if (?:you|u)(?: would| ?'d) be so kind)"
)
_COURTESY_PREFACE = re.compile(
    r"\A(?:(?:ok|okay|hey|yo|hi|bot|tastybot|please|pls|plz|kindly)[ ,]+)*"
    rf"{_COURTESY}(?:[ \t]*[,:\u2014\u2013][ \t]*|[ \t]+(?=(?:please|pls|plz|kindly)\b))(?=\S)",
    re.IGNORECASE,
)
_COURTESY_TAIL = re.compile(
    rf"[ \t]*,?[ \t]+{_COURTESY}(?:[ \t,]+(?:please|pls|plz|thanks|thx|ty))?[ \t.!]*\Z",
    re.IGNORECASE,
)
# A correction opening the message ("ignore my last msg, sell ...", "forget the 600c, buy
# ...", "scratch that. buy ...", "never mind, sell ..."): it takes back what was written
# before; the instruction follows it. ("test alert please ignore", "ignore this, just testing
# ..." ask to ignore the message itself: no preface.)
_CORRECTION_PREFACE = re.compile(
    r"\A(?:(?:ok|okay|oops|sorry|wait|actually)[ ,]+)*"
    r"(?:(?:ignore|disregard|forget|scratch)(?: about)? (?:my|the|that|what)\b"
    r"|(?:never ?mind|nvm)\b(?= *(?:my|the|that|what)\b|[ \t]*[,.;!:\u2014\u2013]))"
    r"(?:[^,.;!?\n]|\.\d){0,40}?[ \t]*[,.;!:\u2014\u2013]+[ \t]+(?=\S)",
    re.IGNORECASE,
)


# A change of mind ("was going to wait, changed my mind. BTO ...", "change of plans: sell
# ..."): what stood before it is taken back, and the instruction follows it.
_CHANGE_OF_MIND = re.compile(
    r"\A(?:[^.!?\n]{0,60}?[,;\u2014\u2013][ \t]+)?(?:(?:ok|okay|nah|actually|so)[ ,]+)*"
    r"(?:(?:i(?:'ve| have)? )?changed my mind|change of plans?)"
    r"[ \t]*[,.;!:\u2014\u2013]+[ \t]+(?=\S)",
    re.IGNORECASE,
)


def drop_prefaces(text: str) -> str:
    """``text`` without a courtesy condition, a correction or a change of mind opening it,
    or a courtesy condition ending it (see above)."""
    for _ in range(2):
        for pattern in (_COURTESY_PREFACE, _CORRECTION_PREFACE, _CHANGE_OF_MIND):
            match = pattern.match(text)
            if match is not None:
                text = text[match.end() :]
    tail = _COURTESY_TAIL.search(text)
    if tail is not None and tail.start() > 0:
        text = text[: tail.start()]
    return text
