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

Every cue belongs to a *clause* and says who acts there (the writer, the reader addressed in
the imperative, or someone else) and when (now, or a past report, a plan, a condition not yet
met, a hypothetical, a question, a negation). An order is an instruction by the writer to act
now, so :func:`decide` asks how far each cue of a lead-in reaches. A cue reaches only its own
clause, except:

- a *heading* (a label before a colon or a line break: "Yesterday: STO ...", "Example: ...",
  "paper trade: ...") governs everything after it;
- a *condition still open* ("if SPY breaks 600, ...", "when it dips, ...", "should SPX open
  above 6900, ...") governs every clause after it, whatever the writer says next;
- a *question* asked with "?" governs the message;
- a cue in the instruction's own clause ("I'd STO ...", "going to BTO ...", "he's buying ...")
  is the instruction's.

The way past a cue is a clause of its own (a *restart*: the instruction is read again on its
own), in three forms, from the strongest:

1. *a go clause* (:func:`is_go_clause`): the lead-in's last clause, handing over to the
   instruction after a colon, a dash, a full stop or a line break, in which the writer acts now
   ("resending", "doing it now", "placing it myself", "here goes", "I will", "real", "for real
   now", "seriously", "..., so:"). It ends every clause before it back to the last heading,
   except open conditions and questions: "didn't fill yesterday so resending: STO ...", "sim
   was good, real: BTO ...", "I said I would and I will: STO ..." are orders. Its verb may be
   the writer's trade with a pronoun for its object ("buying it back now: BTO ...") or a
   reversal ("flipping:"); a *fresh heading* ("new one:", "next:") ends a past trade or a
   report before it, not a plan, a practice or a condition;
2. *a full stop* after cues that are all local (:func:`is_local`): statements about another
   trade or person (a past trade, someone else's, a negation, praise, an action talked about)
   and modals, which govern a verb in their own sentence ("sold my last ones yesterday. buy 2
   SPY ...", "I said I would. BTO ...", "I'm not going to let it expire. BTC ...");
3. after soft cues only (a joke, a mood, a remark), any sentence break, a comma before "but",
   "so", "then" or "please", and a comma right before the action when the cues are statements
   closed in their clause ("SPY broke 600 like I said, buying 2 ..."; "he said, buy ..." stays
   reported speech: the verb of saying takes the clause after it).

A restart that is not a go clause's is refused when the sentence before it reports a trade on
the order's ticker ("Took profits on NVDA. STC 2 NVDA ...": the report and its details).

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
# A question in a sentence of its own about the market, the room or the world, not about the
# order ("why is everyone so scared of banks? buy ...", "... @ 2.05. anyone else playing
# earnings?"): a remark, soft.
ASIDE_QUESTION = "a question aside (not about the order)"
# A condition whose main clause is a finished statement that is not the order ("if this goes
# to zero, I'm blaming Powell. BTO ..."): it conditions that statement, not the order; soft.
CLOSED_CONDITION = "a condition on a statement of its own"
RESULT = "a result (an entry and an exit)"

# A sentence of its own after the finished order that only comments on it, with a modal about
# something else than the trade ("... for 1.80. will post the result later") or laughing at
# itself ("... @ 0.25. what's everyone eating for lunch lol"): soft.
REMARK = "a remark after the order"

# Reasons that state something about another trade or person: a full stop ends their reach.
DREAMT = "a dream"
# An argument with someone settled: another person's opinion kept or their win conceded ("he
# can keep his opinion.", "fine, you win."): a statement about the other person, closed at
# its full stop like someone else's trade.
DISPUTE = "an argument with someone settled"
LOCAL_REASONS = frozenset({PAST, OTHER_SUBJECT, NEGATION, TALKED_ABOUT, PRAISE, DREAMT, DISPUTE})


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
    # the restart follows the writer's own go clause ("didn't fill yesterday so resending: ..."):
    # the clauses before it are closed, even when they name the order's ticker
    handed_over: bool = False


# Where a sentence ends in chat: sentence punctuation or a dash before a space, a line break, or
# an emoji before a space ("brb kids recital 🙃 sell to open ...": it closes the aside).
# A closing quote may follow the punctuation ("... says 'sell into strength.' Doing it: ...").
SENTENCE_BREAK = re.compile(
    r"(?:[.!;:…—–]+['\"\u2019\u201d]?|[\u2600-\u27bf\U0001f300-\U0001faff]\ufe0f?)[ \t]+"
    r"|[ \t]*\n\s*"
)
# A full stop: "." or "!" before a space. A colon, a dash, an emoji or a bare line break may end
# a heading ("Yesterday: STO ...", "Sweep 🧹 ...", "Closed trades\nSTC ..."), so they do not
# end the reach of a veto.
# After soft chatter, a contrast or a courtesy after a comma also starts the instruction's own
# clause: "I don't really know the lingo yet, but I'd like to buy ...", "still learning lol,
# please buy 1 SPY ...", and so does a consequence the writer draws after a comma ("mods said
# it's fine, so buy ...", "whatever, then sell ..."). A "?" ends a question aside, one not
# about the order ("why is everyone so scared of banks? buy ..."; any other "?" is a veto).
ASIDE_BREAK = re.compile(
    rf"{SENTENCE_BREAK.pattern}|\?+[ \t]+|,[ \t]*(?:but|so|then)[ \t]+"
    r"|,[ \t]*(?=(?:please|pls|kindly)\b)"
    # "can't believe I'm doing this but buy 50 GME ...": "but" right before the imperative
    r"|[ \t]+but[ \t]+(?=(?:buy|sell|bto|sto|btc|stc)[ \t]+\d)",
    re.IGNORECASE,
)
# A number may end the sentence ("I bought 50 DIS last month at 98. buy 50 more ..."), except
# one opening its line, which numbers a list ("1. BTO ...").
FULL_STOP = re.compile(r"(?<!\.)(?<!^\d)(?<!^\d\d)(?<!\s\d)(?:[.!…]+)[ \t]+(?=\S)", re.MULTILINE)
_PROSE_WORD = re.compile(r"[A-Za-z]{2,}")
# After a statement closed in its own clause, the consequence asked of the reader starts the
# instruction's clause as a full stop does ("The April call is closed, so please sell 1 JPM May
# 290 call ...").
LOCAL_BREAK = re.compile(
    rf"{FULL_STOP.pattern}|,[ \t]*so[ \t]+(?=(?:please|pls|kindly)\b)", re.MULTILINE | re.IGNORECASE
)


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
    reported = (
        _stop_after_reports(frames, text, code_at)
        if code_at >= 0 and frames and not vetoes
        else None
    )
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
    handover = _handover(cues, text, action_at, code_at)
    if handover is not None:
        return Verdict("restart", notes, handover, handed_over=True)
    shift = _shift_restart(cues, text, action_at)
    if shift is not None:
        return Verdict("restart", notes, shift)
    conceded = _concession_restart(cues, text, action_at)
    if conceded is not None:
        return Verdict("restart", notes, conceded)
    if reported is not None:
        return Verdict("restart", notes, reported)
    if vetoes or frames:
        restart = _local_restart(cues, text, action_at)
    else:
        restart = _aside_restart(talk, text, action_at)
    if restart is None:
        return Verdict("none", notes)
    return Verdict("restart", notes, restart)


# A shift of time or stance between talk and a new instruction: the writer's time now against
# a report's past ("now", "today", "rn"), or the talk before set aside ("anyway", "whatever",
# "meanwhile", "regardless"). As the lead-in's last clause before a break ("..., whatever.
# sell ...", "... anyway: sell ...", "... 🙏 Today: buy ...") or opening the instruction's
# clause after one ("... +60% 🎉 now BTO ..."), it ends the reports, past trades and remarks
# before it; not a condition still open, a question, a plan or a practice. Unlike a go clause
# it hands over nothing: an order on the ticker of a trade reported before it is still that
# report's details unless it is another trade (nlp._parser._new_trade).
SHIFT_WORDS = frozenset(
    {"now", "rn", "today", "anyway", "anyways", "anyhow", "whatever", "meanwhile", "regardless"}
)  # fmt: skip
SHIFT_FILLERS = frozenset({"right", "ok", "okay", "so", "and", "but", "then", "alright", "well"})


def is_shift(words: Sequence[str]) -> bool:
    """True when ``words`` (lower case) are a shift of time or stance (see above)."""
    return (
        bool(words) and set(words) <= SHIFT_WORDS | SHIFT_FILLERS and bool(SHIFT_WORDS & set(words))
    )


def _shift_restart(cues: Sequence[Cue], text: str, action_at: int) -> int | None:
    """Where the instruction's sentence starts when a shift (see above) stands right before
    its action, after the last break, or as the clause right before that break, and every cue
    before the shift is one it ends."""
    if action_at < 0:
        return None
    closing = _closing_shift(text, action_at)
    if closing is not None and _shift_ends_cues(cues, text, closing) is not None:
        return closing
    brk = None
    for match in SENTENCE_BREAK.finditer(text, 0, action_at):
        brk = match
    if brk is None:
        return None
    after = _GO_WORD.findall(text[brk.end() : action_at].lower())
    start = brk.end()
    if not is_shift(after):
        if after:
            return None
        start = max(
            (
                m.end()
                for m in _CLAUSE_EDGE.finditer(text, 0, brk.start())
                if m.end() <= brk.start()
            ),
            default=0,
        )
        lead = text[start : brk.start()]
        if not (is_shift(_GO_WORD.findall(lead.lower())) or marks_position_now(lead)):
            return None
    if _shift_ends_cues(cues, text, start) is None:
        return None
    return brk.end()


# The position's mark now as the lead-in's last clause ("bought at 2.10 on 3/2, up 80% here:
# STC ...", "shorted at 14.20, +$117.50 here: buy to cover ...", "sold them last week, -60%
# rn. BTC ..."): a profit or loss with "here", "now", "rn" or "today" dates the talk before it
# as past, like "now" alone.
_MARK_NOW = re.compile(
    r"[ \t]*(?:(?:up|down|green|red)[ \t]+)?[+-]?[ \t]?\$?(?:\d[\d,]*(?:\.\d+)?|\.\d+)[ \t]?%?"
    r"[ \t]+(?:here|now|rn|today|so[ \t]+far)[ \t]*",
    re.IGNORECASE,
)


def marks_position_now(lead: str) -> bool:
    """True when ``lead`` is a mark of the position now (see above)."""
    return _MARK_NOW.fullmatch(lead) is not None


# A concession closing the lead-in: "..., but" (or "but:") right before the action, after a
# guess or a doubt about the trade ("could be wrong, usually am, but buy 1 QQQ ...", "this will
# probably expire worthless, but: buy 5 SPY ..."). The modals and guesses before it are the
# writer's doubt, not the order's frame; a condition still open, a question, a plan or a
# heading before it keeps the message talk, as does any other frame.
_CONCESSION = re.compile(r",[ \t]*but[ \t]*:?[ \t]*\Z", re.IGNORECASE)


def _concession_restart(cues: Sequence[Cue], text: str, action_at: int) -> int | None:
    """Where the instruction's clause starts after a concession (see above), or None."""
    if action_at < 0 or "but" not in text[:action_at].lower():
        return None
    match = _CONCESSION.search(text, 0, action_at)
    if match is None or _HEADING_BREAK.search(text, 0, match.start()) is not None:
        return None
    before = [cue for cue in cues if cue.at < match.start()]
    if not before or any(cue.at >= match.end() for cue in cues):
        return None
    if any(
        cue.text.lower() in OPEN_CONDITIONS
        or not (cue.reason == HYPOTHETICAL or cue.weight == SOFT)
        for cue in before
    ):
        return None  # ("if I were you I'd wait, but buy ...": advice, even counterfactual)
    return match.end()


def _shift_ends_cues(cues: Sequence[Cue], text: str, start: int) -> int | None:
    """``start`` when every cue before it is one a shift ends (see above), else None."""
    before = [cue for cue in cues if cue.at < start]
    if not before or any(
        reaches_past_handover(cue, text)
        or not (cue.weight == SOFT or _fresh_ends(cue) or is_local(cue, text)
                or is_counterfactual(cue, text))
        for cue in before
    ):  # fmt: skip
        return None
    return start


# A stance shift closing the lead-in's last clause right before a comma and the action ("theta
# will eat it over the weekend anyway, sell to close ...", "he'll say I'm nuts regardless, buy
# ...", "I missed the open, whatever, buy ..."): the talk before it is set aside, like "...,
# whatever. sell ...". Only the words that
# set talk aside, not "now" or "today", which may date the clause itself; and not after a
# heading ("Yesterday: ..."), which governs everything after it.
CLOSING_SHIFT_WORDS = frozenset({"anyway", "anyways", "anyhow", "regardless", "whatever"})
_CLOSING_SHIFT = re.compile(r"\b([a-z]+)[ \t]*,[ \t]*\Z", re.IGNORECASE)


def _closing_shift(text: str, action_at: int) -> int | None:
    """Where the instruction's clause starts (after the comma) when a closing stance shift (see
    above) ends the clause right before the action."""
    match = _CLOSING_SHIFT.search(text, 0, action_at)
    if match is None or match.group(1).lower() not in CLOSING_SHIFT_WORDS:
        return None
    if _HEADING_BREAK.search(text, 0, match.start()) is not None:
        return None  # "Yesterday: it dropped anyway, BTO ...": the heading governs it all
    return match.end()


def _aside_restart(talk: Sequence[Cue], text: str, action_at: int) -> int | None:
    """After soft chatter only (a joke, a mood, a remark): the first sentence break after the
    last cue, when prose stands before it and the action (if any) after it; or the comma right
    before the action, when every cue is a statement closed in the clause before it."""
    last = max(cue.at for cue in talk)
    match = _break_after(ASIDE_BREAK, text, last, action_at)
    if match is None:
        return _comma_restart(talk, text, action_at)
    if _PROSE_WORD.search(text, 0, match.start()) is None:
        return None  # "😂 sell ...": no sentence before it, the emoji sets the tone
    return match.end() if text[match.end() :].strip() else None


# Statements about something else, in a clause of their own: a comma before the instruction's
# action ends them ("SPY went up, buy 2 ...", "SPY broke 600 like I said, buying 2 ...").
# A verb of saying that ends its clause takes the next clause as what was said ("he said,
# buy ..."), unless "as" or "like" makes it a comment on the writer's words ("like I said,",
# "as I said,").
STATEMENT_REASONS = frozenset({PAST, REPORTED})
_INSTRUCTION_COMMA = re.compile(r",[ \t]*\Z")
_COMMENT_CLAUSE = re.compile(r"\b(?:as|like)[ \t]+(?:i|we|you|u)[ \t]*\Z", re.IGNORECASE)


# A verdict ("looks smart", "seems fine"): "looks"/"seems" before an adjective, not before
# "like", "to", "as" or "if", which open what may still happen.
VERDICT_VERBS = frozenset({"looks", "seems"})
_VERDICT_COMPLEMENT = re.compile(
    r"[ \t]+(?:really[ \t]+|so[ \t]+|very[ \t]+|pretty[ \t]+)?"
    r"(?!(?:like|to|as|if|good[ \t]+to)\b)[a-z]+[ \t]*,",
    re.IGNORECASE,
)


def _closed_verdict(cue: Cue, text: str) -> bool:
    return (
        cue.reason == HYPOTHETICAL
        and cue.weight == SOFT
        and cue.text.lower() in VERDICT_VERBS
        and _VERDICT_COMPLEMENT.match(text, cue.at + len(cue.text)) is not None
    )


def _comma_restart(talk: Sequence[Cue], text: str, action_at: int) -> int | None:
    if action_at < 0 or _INSTRUCTION_COMMA.search(text, 0, action_at) is None:
        return None
    comma = text.rindex(",", 0, action_at)
    for cue in talk:
        if _closed_verdict(cue, text) and cue.at < comma:
            continue  # "his GLD call looks smart, buying 2 ...": a verdict in its own clause
        if cue.reason not in STATEMENT_REASONS or cue.at >= comma:
            return None
        said = cue.reason == REPORTED and not _PROSE_WORD.search(
            text, cue.at + len(cue.text), comma
        )
        if said and not _COMMENT_CLAUSE.search(text, 0, cue.at):
            return None  # "he said, buy ...": the clause after it is what was said
    return comma + 1


# What frames an alert code from a sentence of its own before it: a past trade, with or without
# a report ("closed the AMD puts for a loss yesterday. STO 5 F 11.5p ...", "thanks Tastybot for
# yesterday's fills. STO 1 XSP ..."). The code's sentence is read on its own; on the ticker
# the report names, it is that report's details (nlp._parser._read_restart: "Took profits on
# MSFT. STC 2 MSFT 500c ..."). A heading the code fills ("Loss: STC ...", "Closed out\nSTC
# ...", "Yesterday - BTO ...") ends at no full stop and still frames it.
_SENTENCE_REPORTS = frozenset({PAST, REPORT})
_POINTS_BACK = re.compile(r"\b(?:it|them|those|these|that|this)\b", re.IGNORECASE)


def _stop_after_reports(frames: Sequence[Cue], text: str, code_at: int) -> int | None:
    """Where the alert code's sentence starts, when every frame before it is a past trade or
    a report in an earlier sentence (see above)."""
    if any(cue.reason not in _SENTENCE_REPORTS or cue.at >= code_at for cue in frames):
        return None
    if all(cue.reason != PAST for cue in frames):
        return None  # "big win. BTO 1 KO ...": the win is the trade after it, told in its past
    stop = None
    for match in FULL_STOP.finditer(text, max(cue.at for cue in frames), code_at + 1):
        stop = match
    if stop is None or "\n" in text[stop.end() : code_at]:
        return None
    if _POINTS_BACK.search(text, 0, stop.start()):
        return None  # "closed it. STC 2 UBER 90c ...": the report points at the trade after it
    return stop.end()


def _local_restart(cues: Iterable[Cue], text: str, action_at: int) -> int | None:
    """After vetoes or frames: the first full stop (or ", so please") after the last cue, when
    every cue that is not soft has a local reason and an action comes after it."""
    cues = list(cues)
    if action_at < 0 or any(cue.weight != SOFT and not is_local(cue, text) for cue in cues):
        return None
    last = max(cue.at for cue in cues)
    match = _break_after(LOCAL_BREAK, text, last, action_at)
    if match is None:
        return None
    return match.end() if text[match.end() :].strip() else None


# --- clause scope: who acts, and when -------------------------------------------------------------
# A cue states something about its own clause: who acts there (the writer, the reader, someone
# else) and when (now, before, later, if, would, asked, not). It reaches the instruction only
# when its clause governs the instruction's: a heading the instruction fills ("Yesterday: STO
# ...", "Example: ..."), a condition still open ("if SPY breaks 600, buy ...", "when it dips,
# BTO ..."), a question, or the instruction's own clause ("I'd STO ...", "going to BTO ...").
#
# Auxiliaries and modals govern a verb in their own sentence ("I'd STO ...", "going to BTO
# ..."): a full stop ends them like a past trade ("I said I would. BTO ...", "I'm not going to
# let it expire. BTC ..."). "should" opening its clause is a condition ("should SPX open above
# 6900, buy ...").
MODAL_CUES = frozenset(
    {"would", "could", "should", "might", "will", "'ll", "'d", "gonna", "gon", "going to",
     "about to", "wanna", "shoulda", "coulda", "woulda", "must"}
)  # fmt: skip
# Conditions on the market or on time that stay open until it is met: they govern every clause
# after them, whatever the writer says next ("if NVDA breaks 200, doing it: BTO ...").
OPEN_CONDITIONS = frozenset(
    {"if", "when", "whenever", "unless", "once", "until", "till", "in case", "as long as",
     "so long as", "as soon as", "provided", "providing", "assuming", "supposing", "only if"}
)  # fmt: skip
_CLAUSE_OPENING = re.compile(r"(?:\A|[.!?;:,\n\u2014\u2013(]|\s-)\s*\Z")


def _opens_clause(cue: Cue, text: str) -> bool:
    return _CLAUSE_OPENING.search(text, 0, cue.at) is not None


# "should've bought", "should have waited", "should be fine": a regret or a statement, never
# the inverted condition "should SPX open above 6900, ...".
_PERFECT_AFTER = re.compile(r"(?:'|\u2019)?ve\b|[ \t]+(?:have|of|be|been)\b", re.IGNORECASE)


# "if I had a dollar for every time ...", "if only it were ...", "if I were you": the past
# subjunctive after "if" states what is not so, a counterfactual closed in itself, not a
# condition on the market still to be met ("if I had to guess" is an obligation: still open).
_COUNTERFACTUAL_IF = re.compile(
    r"[ \t]+(?:only[ \t]+)?(?:i|we|you|u|he|she|they|it)[ \t]+(?:had|were)\b(?![ \t]+to\b)",
    re.IGNORECASE,
)


def is_counterfactual(cue: Cue, text: str) -> bool:
    """True for "if" before a subject and its past subjunctive ("if I had a dollar ...")."""
    return (
        cue.text.lower() == "if"
        and _COUNTERFACTUAL_IF.match(text, cue.at + len(cue.text)) is not None
    )


def is_open_condition(cue: Cue, text: str) -> bool:
    """True for a condition not yet met: "if ...", "when ...", "as soon as ...", and "should"
    opening its clause ("should SPX open above 6900, ..."; not "should've bought ..."); not a
    counterfactual ("if I had a dollar for every time ...")."""
    word = cue.text.lower()
    if word == "should":
        after = cue.at + len(cue.text)
        return _opens_clause(cue, text) and _PERFECT_AFTER.match(text, after) is None
    return word in OPEN_CONDITIONS and not is_counterfactual(cue, text)


def is_local(cue: Cue, text: str) -> bool:
    """True for a cue whose reach a full stop ends: a statement about another trade or person
    (a past trade, someone else's, a negation, praise, an action talked about), or a modal or
    auxiliary, which governs a verb in its own sentence."""
    if cue.reason in LOCAL_REASONS:
        return True
    return (
        cue.reason in (HYPOTHETICAL, PLAN)
        and cue.text.lower() in MODAL_CUES
        and not is_open_condition(cue, text)
    )


def reaches_past_handover(cue: Cue, text: str) -> bool:
    """True for the cues a go clause does not end: a condition still open, and a question
    asked with "?" (its text is empty: the mark itself)."""
    return is_open_condition(cue, text) or (cue.reason == QUESTION and not cue.text)


# The writer's go clause: the last clause of a lead-in, handing over to the instruction after
# a colon, a dash, a full stop or a line break, in which the writer acts now. Its subject is
# the writer or none ("I", "we", "I'm", "here"), its verb the act of ordering itself (a verb of
# doing, placing or sending, present or bare: "doing it now", "placing it myself", "resending",
# "executing", "pulling the trigger", "here goes", "I'm in too"), an elided "will" ("I said I
# would and I will:"), a claim that the act is real ("real:", "for real now", "seriously",
# "going live"), the time of the act ("now:"), or a bare consequence ("..., so:"). It ends
# every clause before it: "didn't fill yesterday so resending: STO ...", "sim was good, real:
# BTO ...", "I know I joked about it earlier, but seriously: BTO ..." are orders. A negation
# in it makes it no go clause ("draft, don't send yet: BTO ..."), and a condition still open
# or a question asked before it is not ended ("if NVDA breaks 200, doing it: BTO ...").
GO_SUBJECTS = frozenset(
    {"i", "we", "im", "i'm", "we're", "ima", "imma", "ill", "i'll", "we'll", "let's", "lets",
     "here"}
)  # fmt: skip
GO_AUXILIARIES = frozenset(
    {"am", "'m", "are", "'re", "just", "finally", "actually", "really", "now", "also", "then",
     "officially", "def", "definitely"}
)  # fmt: skip
GO_COMMITMENTS = frozenset({"will", "'ll", "shall"})
GO_VERBS = frozenset(
    {"do", "doing", "place", "placing", "send", "sending", "resend", "resending", "submit",
     "submitting", "resubmit", "resubmitting", "execute", "executing", "enter", "entering",
     "take", "taking", "go", "goes", "going", "pull", "pulling", "fire", "firing", "copy",
     "copying", "follow", "following", "put", "putting", "retry", "retrying", "flip",
     "flipping", "reverse", "reversing"}
)  # fmt: skip
# Posting again is the writer's own act only when it names the place it moves to ("reposting
# in the right channel:", "reposting here:"); bare, it may relay someone's alert ("saw this in
# the discord, reposting: ...").
GO_REPOST_VERBS = frozenset({"repost", "reposting"})
GO_PLACES = frozenset({"here", "channel", "chat", "thread", "room", "server"})
# A place or a time the go clause may close with ("reposting in the right channel this time:",
# "I'll take it on SPX:", "doing it here on the main account:"): a preposition and words of
# the place, or "on" and one word (the ticker). Never a practice account ("doing it on paper:").
GO_ADJUNCT_PREPOSITIONS = frozenset({"on", "in", "at", "into", "via", "from"})
GO_ADJUNCT_WORDS = frozenset(
    {"the", "right", "main", "real", "live", "this", "that", "my", "our", "a", "channel", "chat",
     "room", "thread", "server", "group", "time", "here", "again", "account", "acct", "now",
     "today", "one", "proper", "correct", "on", "in", "at", "alerts"}
)  # fmt: skip
GO_ADJUNCT_UNREAL = frozenset(
    {"paper", "papertrade", "sim", "sims", "simulator", "demo", "practice", "backtest", "theory",
     "mock", "test", "testing", "dream", "dreams", "game", "spreadsheet"}
)  # fmt: skip
GO_ADJUNCT_MAX_WORDS = 6
# A trade verb whose object is only a pronoun or a particle ("buying it back now", "selling
# them", "adding more", "I'll take some"): the instruction after the colon is what "it" stands
# for, so the clause is the writer acting now, its details following.
GO_TRADE_VERBS = frozenset(
    {"buy", "buying", "sell", "selling", "add", "adding", "grab", "grabbing", "cover",
     "covering", "close", "closing", "open", "opening", "short", "shorting", "trim",
     "trimming", "load", "loading", "scoop", "scooping", "exit", "exiting", "write", "writing",
     "roll", "rolling", "take", "taking"}
)  # fmt: skip
# "mine", "ours": the writer's own of the trade the lead-in talks about ("writing mine now:").
GO_TRADE_OBJECTS = frozenset(
    {"back", "more", "some", "em", "'em", "those", "these", "out", "mine", "ours"}
)  # fmt: skip
# A heading that marks the trade after it as a new one ("new one:", "next:", "next up:", "new
# trade:"): the trades reported before it are other trades, so it ends a report or a past
# trade heading before it (not a plan, a practice or a condition).
FRESH_MARKERS = frozenset({"new", "next"})
FRESH_NOUNS = frozenset(
    {"one", "up", "trade", "position", "play", "entry", "alert", "setup", "idea", "ticket"}
)  # fmt: skip
# A verb of beginning after the fresh heading ("new one starts:", "next trade incoming:").
FRESH_STARTS = frozenset({"starts", "begins", "incoming", "coming", "now", "here", "is"})
# "today's:", "today's trade:": this day's trade against the ones reported before it ("framed
# my first ever fill last week lol. today's: BTO ..."); "Today's fills:" stays a report.
FRESH_DAYS = frozenset({"today's", "todays", "tonight's"})
FRESH_ENDS = LOCAL_REASONS | {RECAP, REPORT}
# Headings that look ahead, not back: a "new one" after them is still part of them.
FORWARD_HEADINGS = frozenset(
    {"plan", "plans", "idea", "ideas", "reminder", "reminders", "todo", "watchlist", "tomorrow",
     "setup", "setups", "targets", "levels", "pending", "working"}
)  # fmt: skip


def _fresh_ends(cue: Cue) -> bool:
    """True for a cue a fresh heading ends: a past trade or a report looking back."""
    return cue.reason in FRESH_ENDS and cue.text.lower() not in FORWARD_HEADINGS


GO_COMPLEMENTS = frozenset(
    {"it", "this", "that", "one", "them", "the", "order", "trade", "trigger", "in", "live",
     "myself", "ourselves", "too", "also", "again", "anyway", "anyways", "now", "today", "rn",
     "for", "real", "then", "instead", "through", "ahead", "all", "here", "first", "smaller",
     "bigger", "lighter", "heavier", "small", "big", "size"}
)  # fmt: skip
# "real:", "for real now", "seriously", "live money this time", "the real order"
EARNEST = frozenset({"real", "seriously", "live", "earnest"})
EARNEST_FILLERS = frozenset(
    {"for", "now", "this", "time", "the", "order", "money", "is", "it's", "its", "one", "a",
     "going", "trade", "ok", "okay", "right", "in", "then", "one's", "account", "acct", "cash"}
)  # fmt: skip
NOW_WORDS = frozenset({"now", "rn"})
NOW_FILLERS = frozenset({"right", "ok", "okay", "and", "so", "then", "alright"})
CONSEQUENCES = frozenset({"so", "then", "therefore", "hence", "thus"})
_GO_OPENERS = frozenset(
    {"so", "and", "but", "then", "ok", "okay", "alright", "well", "yes", "yeah", "yep",
     "anyway", "anyways", "whatever", "right", "fine", "welp", "bc", "because", "cuz", "coz"}
)  # fmt: skip
_GO_NEGATIONS = frozenset({"not", "n't", "never", "no", "dont", "don't", "nor", "cant", "can't"})
# Where the instruction's clause starts after its lead-in (a colon, a dash, a full stop, an
# emoji or a line break), and where the lead-in's last clause starts: a break, a comma or a
# bracket, then the last conjunct ("I said I would and I will", "didn't fill so resending").
HANDOVER = SENTENCE_BREAK
# An arrow also ends a clause ("Swing idea → taking it"): a premise and what the writer does.
_CLAUSE_EDGE = re.compile(rf"{SENTENCE_BREAK.pattern}|[,()\[\]][ \t]*|[ \t]*(?:→|->|=>)[ \t]*")
_HEADING_BREAK = re.compile(r"[ \t]*:[ \t]+|[ \t]*\n\s*")
# "... and I'm in:", "reposting his setup bc I'm in too:": the go clause after a conjunction or
# a reason's "because"
_LAST_CONJUNCT = re.compile(r"\b(?:and|but|so|bc|because|cuz|coz)\b[ \t]+(?=\S)", re.IGNORECASE)
_GO_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|'[a-z]+")


def _go_complements(words: Sequence[str], allowed: frozenset[str] = frozenset()) -> bool:
    """True when ``words`` are complements of the go verb (``allowed`` too), closed by at most
    one adjunct of place or time (see GO_ADJUNCT_WORDS)."""
    for at, word in enumerate(words):
        if word in GO_ADJUNCT_PREPOSITIONS and _go_adjunct(words[at:]):
            return True
        if word not in GO_COMPLEMENTS and word not in allowed:
            return False
    return True


def _go_adjunct(words: Sequence[str]) -> bool:
    """True for a preposition and the words of a place or a time (see GO_ADJUNCT_WORDS)."""
    rest = set(words[1:])
    if not rest or len(words) > GO_ADJUNCT_MAX_WORDS or rest & GO_ADJUNCT_UNREAL:
        return False
    return rest <= GO_ADJUNCT_WORDS or (words[0] == "on" and len(words) == 2)


def is_go_clause(words: Sequence[str]) -> bool:
    """True when ``words`` (lower case, in order) are a go clause (see above)."""
    if any(word in _GO_NEGATIONS or word.endswith("n't") for word in words):
        return False
    rest = list(words)
    opened: list[str] = []
    while rest and rest[0] in _GO_OPENERS:
        opened.append(rest.pop(0))
    if not rest:
        return any(word in CONSEQUENCES for word in opened)  # "I keep saying I should, so:"
    if set(rest) <= EARNEST | EARNEST_FILLERS and EARNEST & set(rest):
        return True  # "real:", "for real now", "seriously"
    if set(rest) <= NOW_WORDS | NOW_FILLERS and NOW_WORDS & set(rest):
        return True  # "now:", "right now:"
    if is_own_order(rest):
        return True  # "it's my order:", "my order:", "here's my actual order:"
    subject = bool(rest) and rest[0] in GO_SUBJECTS
    if subject:
        rest.pop(0)
    while rest and rest[0] in GO_AUXILIARIES:
        rest.pop(0)
    if subject and rest and rest[0] in GO_COMMITMENTS:
        rest.pop(0)
        if all(word in GO_COMPLEMENTS for word in rest):
            return True  # "I will:", "and I will:": the verb is the instruction that follows
    if subject and rest[:1] == ["in"] and all(word in GO_COMPLEMENTS for word in rest[1:]):
        return True  # "I'm in too:"
    if rest and rest[0] in GO_TRADE_VERBS:
        # "buying it back now:", "selling them:": the verb's object is the instruction after
        return _go_complements(rest[1:], GO_TRADE_OBJECTS)
    if rest and rest[0] in GO_REPOST_VERBS:
        return bool(GO_PLACES & set(rest[1:])) and _go_complements(rest[1:])
    return bool(rest) and rest[0] in GO_VERBS and _go_complements(rest[1:])


# The writer naming the order as their own ("my order:", "it's my order:", "here's our real
# order:"): a go clause, the instruction after it the writer's order, whatever the lead-in
# said (a template updated, a disclaimer). Only "order" is named: "my trade:", "my entry:" may
# head a report.
OWN_ORDER_LEADS = frozenset({"it's", "its", "this", "is", "here", "here's", "heres", "and"})
OWN_ORDER_OWNERS = frozenset({"my", "our"})
OWN_ORDER_FILLERS = frozenset({"actual", "real", "own", "live"})
OWN_ORDER_NOUNS = frozenset({"order"})


def is_own_order(words: Sequence[str]) -> bool:
    """True when ``words`` (lower case) name the order after them as the writer's own."""
    rest = list(words)
    while rest and rest[0] in OWN_ORDER_LEADS:
        rest.pop(0)
    return (
        len(rest) >= 2
        and rest[0] in OWN_ORDER_OWNERS
        and rest[-1] in OWN_ORDER_NOUNS
        and all(word in OWN_ORDER_FILLERS for word in rest[1:-1])
    )


# A purpose after the go clause, naming why or for whom the order is posted ("placing this
# now, for the log: buy ...", "doing it, for the record: ..."): the go clause stands before it,
# and a recap word in it ("log", "record", "journal") heads no recap.
PURPOSE_NOUNS = frozenset(
    {"log", "record", "records", "journal", "transparency", "accountability", "room",
     "visibility", "receipts", "team", "group", "tracker", "spreadsheet"}
)  # fmt: skip
PURPOSE_FILLERS = frozenset({"for", "the", "my", "our", "a", "of", "sake", "just", "all"})


def is_purpose(words: Sequence[str]) -> bool:
    """True when ``words`` (lower case) are a purpose ("for the log", "for transparency")."""
    return (
        len(words) >= 2
        and words[0] == "for"
        and set(words) <= PURPOSE_NOUNS | PURPOSE_FILLERS
        and bool(PURPOSE_NOUNS & set(words))
    )


def is_fresh_heading(words: Sequence[str]) -> bool:
    """True for a heading that marks the trade after it as a new one ("new one", "next",
    "next up", "new trade")."""
    rest = [word for word in words if word not in _GO_OPENERS]
    while len(rest) > 1 and rest[-1] in FRESH_STARTS:
        rest.pop()  # "new one starts:", "next trade incoming:"
    return (
        1 <= len(rest) <= 2
        and (rest[0] in FRESH_MARKERS or rest[0] in FRESH_DAYS)
        and all(word in FRESH_NOUNS for word in rest[1:])
    )


def _handover(cues: Sequence[Cue], text: str, action_at: int, code_at: int = -1) -> int | None:
    """Where the instruction's clause starts when the clause right before it is the writer's
    go clause and every cue stands before that clause and is one it ends (None otherwise).
    When the first action is the go clause's own verb ("buying it back now: BTO ...", "Swing
    idea → taking it\nBTO ..."), the instruction is the alert code after it."""
    found = _handover_before(cues, text, action_at)
    if found is None and code_at > action_at >= 0:
        found = _handover_before(cues, text, code_at)
    return found


def _handover_before(cues: Sequence[Cue], text: str, action_at: int) -> int | None:
    if action_at < 0 or not cues:
        return None
    handover = None
    for match in HANDOVER.finditer(text, 0, action_at):
        handover = match
    if handover is None:
        return None
    edges = [0] + [
        match.end()
        for match in _CLAUSE_EDGE.finditer(text, 0, handover.start())
        if match.end() <= handover.start()
    ]
    start = edges[-1]
    purpose_at = handover.start()
    if len(edges) >= 2 and is_purpose(_GO_WORD.findall(text[start : handover.start()].lower())):
        # "placing this now, for the log: buy ...": the go clause is the one before the purpose
        purpose_at, start = start, edges[-2]
        clause_end = text.rindex(",", start, purpose_at) if "," in text[start:purpose_at] else -1
        if clause_end < 0:
            return None
        clause = text[start:clause_end]
    else:
        clause = text[start : handover.start()]
    for match in _LAST_CONJUNCT.finditer(clause):
        start_in = match.start()
        if is_go_clause(_GO_WORD.findall(clause[start_in:].lower().replace("\u2019", "'"))):
            start, clause = start + start_in, clause[start_in:]
            break
    words = _GO_WORD.findall(clause.lower().replace("\u2019", "'"))
    fresh = (
        bool(words)
        and text[handover.start() : handover.end()].strip() == ":"
        and (is_fresh_heading(words))
    )
    if not words or not (fresh or is_go_clause(words)):
        return None
    # the go clause's own words passed its test ("I will", "going live"); the cues after the
    # handover are the instruction's, and the reading from there finds them again. A heading
    # before the go clause (a colon, a dash or a line break ends it) frames all that follows
    # it, the go clause too ("paper trade: doing it now: BTO ..." stays practice).
    heading_end = max((m.end() for m in _HEADING_BREAK.finditer(text, 0, start)), default=0)
    # a purpose after the go clause ("for the log") is the go clause's: its cues are ended too
    before = [cue for cue in cues if cue.at < start or purpose_at <= cue.at < handover.start()]
    if not before and not fresh and all(start <= cue.at < handover.start() for cue in cues):
        # "Sarah's short the NFLX 1000p, I'll go smaller: sell 1 ...": the go clause's own
        # modal is its only cue; the writer acts now
        return handover.end()
    if not before or any(
        (cue.at < heading_end and not (fresh and _fresh_ends(cue)))
        or reaches_past_handover(cue, text)
        for cue in before
    ):
        return None
    return handover.end()


# The go clause may close by naming the ticker ("I'll take it on SPX: sell 2 6000c ...", "doing
# this one on $AMD: buy 3 the 180c ..."): the instruction after it trades that ticker.
_GO_ON_TICKER = re.compile(r"[ \t]+on[ \t]+\$?([A-Z]{1,5})[ \t]*:[ \t]*(?=\S)")


def move_go_ticker(text: str) -> str | None:
    """``text`` with the ticker that closes the writer's go clause moved to the head of the
    instruction after it ("I'll take it on SPX: sell 2 6000c" -> "I'll take it: SPX sell 2
    6000c"), or None when no go clause names it or the instruction names a ticker of its own
    already."""
    match = _GO_ON_TICKER.search(text)
    if match is None or match.group(1).lower() in GO_ADJUNCT_WORDS:
        return None
    ticker = match.group(1)
    rest = text[match.end() :]
    if re.search(rf"(?<![\w$])\$?{ticker}\b", rest):
        return None
    edges = [0] + [edge.end() for edge in _CLAUSE_EDGE.finditer(text, 0, match.start())]
    clause = text[edges[-1] : match.end()]
    for conjunct in _LAST_CONJUNCT.finditer(clause):
        words = _GO_WORD.findall(clause[conjunct.start() :].lower().replace("\u2019", "'"))
        if is_go_clause(words):
            clause = clause[conjunct.start() :]
            break
    words = _GO_WORD.findall(clause.lower().replace("\u2019", "'"))
    if not words or not is_go_clause(words):
        return None
    return f"{text[: match.start()]}: {ticker} {rest}"


def go_clause_tail(text: str, start: int = 0) -> int | None:
    """Where the instruction starts after the writer's go clause found past ``start`` ("Mike's
    play: BTO 5 ... I'm in: buy 2 ...", "..., copying it: sell 1 ..."): the last handover
    whose clause before it is a go clause (None when there is none)."""
    found = None
    for handover in HANDOVER.finditer(text, start):
        edges = [start] + [
            match.end()
            for match in _CLAUSE_EDGE.finditer(text, start, handover.start())
            if match.end() <= handover.start()
        ]
        clause = text[edges[-1] : handover.start()]
        words = _GO_WORD.findall(clause.lower().replace("\u2019", "'"))
        if words and is_go_clause(words):
            found = handover.end()
    return found


# --- the instruction test for a verb ------------------------------------------------------------
# Words that open a clause without being its subject ("ok buy ...", "please sell ...").
INTERJECTIONS = frozenset(
    {"ok", "okay", "k", "alright", "aight", "ight", "please", "pls", "plz", "yes", "yeah", "yep",
     "yup", "now", "today", "here", "gm", "lfg", "so", "and", "then", "also", "just", "hey",
     "guys", "team", "fam", "folks", "boys", "gang", "everyone", "all", "btw", "fyi", "ty",
     "thanks", "finally", "again", "rn", "quick", "officially", "time", "to", "kindly",
     "bot", "tastybot", "hello", "hi", "there", "um", "uh", "basically", "actually",
     "seriously", "anyway", "anyways", "anyhow", "meanwhile", "regardless", "yo", "heya",
     "hiya", "sup", "welp", "aaand", "alrighty"}
)  # fmt: skip
# Times of two words that open the instruction's clause like an interjection ("...; right now
# buy 2 NVDA ...", "for now sell half", "this time buy the 705c ..."): when the act is done.
OPENING_TIMES = frozenset(
    {("right", "now"), ("for", "now"), ("right", "away"), ("this", "time"), ("at", "once"),
     ("first", "thing")}
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
    rest = _without_account(rest)  # "so for her custodial account please buy ..."
    while rest and (rest[0] in INTERJECTIONS or rest[0] in ALERT_TAGS):
        rest.pop(0)
    while tuple(rest[:2]) in OPENING_TIMES:
        del rest[:2]  # "...; right now buy 2 ...", "for now sell half": the time of the act
        while rest and rest[0] in INTERJECTIONS:
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
    if (
        len(rest) >= 5
        and rest[0] in REQUEST_MODALS | POLITE_MODALS
        and rest[1] in REQUEST_ADDRESSEES
        and rest[2:5] == ["be", "able", "to"]
    ):
        del rest[:5]  # "would you be able to sell ...": a request
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


# The account an order is for, named before it: "for her custodial account", "for my mother's
# IRA", "for the club account". It says where the trade goes, not whose trade is talked about.
ACCOUNT_NOUNS = frozenset(
    {"account", "acct", "ira", "roth", "401k", "hsa", "portfolio", "accounts", "utma", "ugma"}
)
_ACCOUNT_WORDS_MAX = 5


def _without_account(words: list[str]) -> list[str]:
    """``words`` without a leading "for ... <account>" phrase (see ACCOUNT_NOUNS)."""
    if not words or words[0] != "for":
        return words
    for end in range(1, min(len(words), _ACCOUNT_WORDS_MAX + 1)):
        if words[end] in ACCOUNT_NOUNS:
            return words[end + 1 :]
    return words


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


# A request to hear back about the fill, ending the message ("... @ 9.3 lmk when filled", ",
# let me know once it fills", ". ping me if it goes through pls"): it presupposes the order
# it follows, so it conditions nothing and reports no fill.
_FILL_NOTICE_TAIL = re.compile(
    # (tried from the start of a run of blanks and marks only: from inside it no match is new)
    r"(?<![ \t,.;!\u2014\u2013-])[ \t]*[,.;!\u2014\u2013-]*[ \t]*"
    r"(?:(?:pls|plz|please|and|&)[ \t]+)?"
    r"(?:lmk|let[ \t]+me[ \t]+know|let[ \t]+us[ \t]+know|ping[ \t]+me|tell[ \t]+me|"
    r"notify[ \t]+me|dm[ \t]+me|hmu)[ \t]+"
    r"(?:when|once|if|as[ \t]+soon[ \t]+as)[ \t]+"
    r"(?:(?:it|this|that|they|the[ \t]+order|it's|its|it\u2019s)[ \t]+)?(?:(?:is|gets?|got)[ \t]+)?"
    r"(?:fill(?:s|ed)?|executes?|executed|goes[ \t]+through|went[ \t]+through)"
    r"(?:[ \t,]+(?:pls|plz|please|thanks|thx|ty))?[ \t.!]*\Z",
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
    for pattern in (_FILL_NOTICE_TAIL, _COURTESY_TAIL):
        tail = pattern.search(text)
        if tail is not None and tail.start() > 0:
            text = text[: tail.start()]
    return text


# --- a remark after the finished order ----------------------------------------------------------
# A finished order sentence is closed: a remark after it, in a sentence or a line of its own,
# about the writer's mood, reasons or remaining size ("charts look tired, don't care what
# twitter says", "last one for the year probably", "anyone else playing earnings?") does not
# undo it. A remark that disowns the order still does, even after an alert code: a joke ("jk"),
# a negated act ("not doing this", a bare "don't"), or a counterfactual ("would have", "in my
# dreams"). The order's sentence ends at a full stop, a "?", an emoji or a line break after its
# action; a number, a price or a ticker after it belongs to the order, so no remark follows.
ORDER_CLOSE = re.compile(
    r"(?<!\.)(?<!\s\d)[.!?…]+[ \t]+(?=\S)|[ \t]*;[ \t]+(?=\S)|[ \t]*\n\s*(?=\S)"
    # a comma or a dash before the room asked who else joins ("..., anyone else in?")
    r"|(?:[ \t]*[,\u2014\u2013][ \t]*|[ \t]+-[ \t]+)"
    r"(?=(?i:who|any(?:one|body)|every(?:one|body)|some(?:one|body))[ \t]+(?i:else)\b"
    # ... or to join the writer ("..., who's with me?")
    r"|(?i:who(?:['\u2019]s|[ \t]+is)?|any(?:one|body))[ \t]+(?i:with|joining)[ \t]+(?i:me|us)"
    r"[ \t]*\?)"
    r"|[\u2600-\u27bf\U0001f300-\U0001faff]\ufe0f?[ \t]+(?=[^\s\u2600-\u27bf\U0001f300-\U0001faff])"
)
DISOWNED = "the order taken back"
_ORDER_DETAIL = re.compile(r"[\d@$]")
_WORD_REST = re.compile(r"\S*")
_REMARK_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_REMARK_CLAUSE_END = re.compile(r"[,.;:!?()\[\]\n]")
JOKE_MARKERS = frozenset({"jk", "kidding", "joking", "joke", "trolling", "troll"})
REMARK_NEGATIONS = frozenset(
    {"not", "never", "no", "nah", "nope", "dont", "wont", "cant", "didnt", "aint"}
)  # fmt: skip
# Between a negation and the act it negates ("not gonna do it", "not a real trade").
# Before a bare "not" ending a clause, these leave its verb out ("my fingers are not").
ELLIPTIC_AUXILIARIES = frozenset(
    {"are", "is", "am", "was", "were", "do", "does", "did", "can", "could", "should", "would"}
)  # fmt: skip
_NEGATION_FILLERS = frozenset(
    {"really", "actually", "even", "gonna", "going", "to", "be", "a", "an", "the", "my", "i",
     "am", "'m", "will", "gon", "na", "for", "ever", "at", "all"}
)  # fmt: skip
# What a negation in a remark takes back: the act of trading or doing, or its being real.
DISOWNED_ACTS = (
    GO_VERBS
    | GO_TRADE_VERBS
    | frozenset({"trade", "trading", "real", "serious", "happening", "mean", "meant", "it",
                 "this", "that", "did", "done", "order"})
)  # fmt: skip
# A "no" reported as said ("PPI said no", "the chart says no"): not the writer's.
_SAYING_VERBS = frozenset({"said", "says", "say", "saying"})
COUNTERFACTUAL_MODALS = frozenset({"would", "could", "should", "might"})
COUNTERFACTUAL_PERFECTS = frozenset({"have", "of", "'ve"})
COUNTERFACTUALS = frozenset(
    {"would've", "could've", "should've", "might've", "woulda", "coulda", "shoulda", "dream",
     "dreams", "dreaming", "wish", "wishing"}
)  # fmt: skip
# "wish me luck", "wishing you all green": a wish for someone, not a wish that it were so.
WISHED_PERSONS = frozenset({"me", "us", "you", "u", "y'all", "yall", "everyone", "all"})
# Words that hedge the remark they stand in ("last one for the year probably", "volume looks
# thin"); alone they hedge the order ("... @ 2.10. maybe").
HEDGES = frozenset(
    {"probably", "maybe", "perhaps", "likely", "possibly", "prob", "prolly", "looks", "seems"}
)  # fmt: skip
_HEDGED_REMARK_WORDS = 3
REMARK_REASONS = frozenset({ASIDE_QUESTION, NEWS, REPORTED, NEGATION, REMARK})


# A retraction takes back the message it stands in ("nvm", "never mind", "ignore that",
# "scratch that", "disregard", "cancel this", "delete", "wrong account", "not today"); one
# that points at another message ("nvm my last msg", "ignore the previous one") takes back
# that one, not the order beside it.
RETRACTING_INTERJECTIONS = frozenset({"nvm", "nevermind", "nvmd"})
# Verbs of retraction, with their object: "this", "that" or "it" ("scratch that", "cancel
# this"); the ones marked bare retract with no object too ("... please ignore", "disregard").
RETRACTING_VERBS = frozenset(
    {"ignore", "disregard", "scratch", "cancel", "delete", "forget", "undo"}
)
BARE_RETRACTING_VERBS = frozenset({"ignore", "disregard", "delete"})
RETRACTED_OBJECTS = frozenset({"this", "that", "it"})
# What points a retraction at another message ("nvm my last msg", "never mind the 600c").
OTHER_MESSAGE_POINTERS = frozenset(
    {"my", "the", "about", "what", "last", "previous", "prior", "earlier", "above"}
)  # fmt: skip
# "wrong account", "wrong chat", "wrong ticker": the message was sent or written by mistake.
MISTAKEN_PLACES = frozenset(
    {"account", "acct", "acc", "chat", "channel", "chan", "room", "server", "thread", "window",
     "tab", "dm", "group", "ticker", "strike", "contract", "one", "expiry", "date", "post",
     "message", "msg"}
)  # fmt: skip
# "not today", "not now": the time of the order denied, alone in its clause.
DENIED_TIMES = frozenset({"today", "now"})


def _order_close(text: str, action_at: int) -> re.Match[str] | None:
    """Where the sentence of the action at ``action_at`` ends (None: it ends the text)."""
    if action_at < 0:
        return None
    close = ORDER_CLOSE.search(text, action_at)
    return close if close is not None and text[close.end() :].strip() else None


def _remark_clauses(text: str) -> list[list[str]]:
    """The words of each clause of ``text`` (lower case, curly apostrophes straightened); a
    clause answering a question right before it is left out ("do I ever stop selling puts? no,
    but ...": the answer's "no" is not the order taken back)."""
    text = _ANSWER.sub("?", text.lower().replace("\u2019", "'"))
    text = _NEGATED_NUMBER.sub(" ", text)
    return [_REMARK_WORD.findall(clause) for clause in _REMARK_CLAUSE_END.split(text)]


# A bare yes or no answering a question before it in the same remark.
_ANSWER = re.compile(r"\?[ \t]*(?:no|nope|nah|yes|yep|yeah)\b")
# A number negated and corrected at once ("not 100, 10"): the act stands, only the number is
# denied ("make it 2 contracts, not 3" stays a correction of the order read before it).
_NEGATED_NUMBER = re.compile(r"\bnot[ \t]+\$?\d[\d,]*(?:\.\d+)?[ \t]*,[ \t]*(?=\$?\d)")


def _attached_tail(text: str, action_at: int, end: int) -> str:
    """The words after the order's last detail (a number, a price, a contract) in its own
    sentence, up to ``end``: what the writer adds right after it, with no sentence break or
    after a dash or a comma ("BTO ... @ 2.10 jk", "sell ... @ .80 — scratch that")."""
    details = [match.end() for match in _ORDER_DETAIL.finditer(text, action_at, end)]
    if not details:
        return ""
    word = _WORD_REST.match(text, details[-1])
    return text[word.end() if word else details[-1] : end]


def disowning_remark(text: str, action_at: int) -> str | None:
    """The words of a remark after the order's sentence that take the order back (see above),
    or of a joke, a counterfactual, a retraction or a negated act attached right after the
    order's details ("BTO ... @ 2.10 jk", "... @ .80 — nvm, ignore that, wrong account"); or
    None."""
    if action_at < 0:
        return None
    close = _order_close(text, action_at)
    end = close.start() if close is not None else len(text)
    for words in _remark_clauses(_attached_tail(text, action_at, end)):
        found = _disowning_words(words, bare_negation=False)
        if found is not None:
            return found
    if close is None:
        return None
    for words in _remark_clauses(text[close.end() :]):
        found = _disowning_words(words)
        if found is not None:
            return found
    return None


def _disowning_words(words: Sequence[str], *, bare_negation: bool = True) -> str | None:
    """The words of ``words`` (one clause) that take the order back, or None. A bare negation
    ("not", "don't") counts only in a remark of its own (``bare_negation``): attached to the
    order's details it may negate anything ("..., not all")."""
    for at, word in enumerate(words):
        following = words[at + 1] if at + 1 < len(words) else ""
        if word in JOKE_MARKERS | COUNTERFACTUALS and not (
            _negated_word(words, at) or following in WISHED_PERSONS
        ):
            return word
        if word in COUNTERFACTUAL_MODALS and following in COUNTERFACTUAL_PERFECTS:
            return f"{word} {following}"
        if word == "if" and following == "only":
            return "if only"
        retraction = _retraction(words, at)
        if retraction is not None:
            return retraction
        if word == "not" and at > 1 and words[at - 1] == "or":
            continue  # "Gridlock or not, I sleep better hedged": whichever way, no refusal
        if word == "not" and at > 0 and words[at - 1] == "why":
            continue  # "... @ .05 🚀 why not": a shrug that goes ahead, no refusal
        if word == "no" and at > 0 and words[at - 1] in _SAYING_VERBS:
            continue  # "... @ .62 😤 PPI said no": what the market said, not the writer
        if word in REMARK_NEGATIONS or word.endswith("n't"):
            rest = [w for w in words[at + 1 :] if w not in _NEGATION_FILLERS]
            if not rest and at > 0 and words[at - 1] in ELLIPTIC_AUXILIARIES:
                continue  # "I'm bullish, my fingers are not": the verb left out, no refusal
            if (not rest and bare_negation) or (
                rest and rest[0] in DISOWNED_ACTS and not _manner_of_going(rest)
            ):
                return " ".join(words[at : at + 3])
    return None


def _manner_of_going(rest: Sequence[str]) -> bool:
    """True for "go" with a word of manner after it ("don't go crazy", "don't go too big"):
    advice on how to trade, not the act taken back ("not going through with it")."""
    return rest[0] == "go" and len(rest) > 1 and rest[1] not in GO_COMPLEMENTS


def _negated_word(words: Sequence[str], at: int) -> bool:
    """True for a word right after a negation ("no joke", "not kidding"): said in earnest."""
    return at > 0 and (words[at - 1] in REMARK_NEGATIONS or words[at - 1].endswith("n't"))


def _retraction(words: Sequence[str], at: int) -> str | None:
    """The retraction starting at ``words[at]`` (see RETRACTING_VERBS above), or None."""
    word = words[at]
    following = words[at + 1] if at + 1 < len(words) else ""
    if word == "never" and following == "mind":
        word, following = "never mind", words[at + 2] if at + 2 < len(words) else ""
    if word in RETRACTING_INTERJECTIONS or word == "never mind":
        return None if following in OTHER_MESSAGE_POINTERS else word
    if word in RETRACTING_VERBS:
        if following in RETRACTED_OBJECTS or (not following and word in BARE_RETRACTING_VERBS):
            return f"{word} {following}".strip()
        return None
    if word == "wrong" and following in MISTAKEN_PLACES:
        return f"wrong {following}"
    if word == "not" and following in DENIED_TIMES and len(words) == at + 2:
        return f"not {following}"
    return None


def is_remark(cue: Cue, text: str) -> bool:
    """True for a cue after the order's sentence that only comments on it: a question aside,
    news, someone's words, a negation that takes back no act (``disowning_remark`` has
    checked), or a hedge in a remark of its own ("last one for the year probably")."""
    if cue.reason in REMARK_REASONS:
        return True
    if (
        cue.reason == PAST
        and cue.text.lower() == "been"
        and _PERFECT_BEFORE.search(text, 0, cue.at)
    ):
        return True  # "... @ 8.10. I've been wrong on this for 2 weeks": a state reaching now
    if cue.reason != HYPOTHETICAL or cue.text.lower() not in HEDGES:
        return False
    sentence = _REMARK_CLAUSE_END.split(text[cue.at :], maxsplit=1)[0]
    start = max((m.end() for m in ORDER_CLOSE.finditer(text, 0, cue.at + 1)), default=0)
    words = _REMARK_WORD.findall(text[start : cue.at].lower() + sentence.lower())
    return len(words) >= _HEDGED_REMARK_WORDS


# "I've been", "we have been", "it has been": the perfect, a state that reaches the present.
_PERFECT_BEFORE = re.compile(r"(?:(?:'|\u2019)ve|\b(?:have|has|ive))[ \t]+\Z", re.IGNORECASE)
# A span of time in a remark ("for 2 weeks", "3 days in a row"): a number that is no detail.
_DURATION = re.compile(
    r"\b\d+[ \t]*(?:days?|weeks?|wks?|months?|years?|yrs?|hours?|hrs?|mins?|minutes?)\b"
    # a share of something ("never again at 28%"): no price, count or strike
    r"|(?<![\d.$])[+-]?\d+(?:\.\d+)?[ \t]*%",
    re.IGNORECASE,
)


def closed_order_end(cues: Sequence[Cue], text: str, action_at: int) -> int | None:
    """Where the order's sentence ends when cues stand after it and every one is a remark (see
    above) and no number, price or ticker follows (a span of time or a percentage is no detail:
    "for 2 weeks", "at 28%"): the order is read up to there."""
    close = _order_close(text, action_at)
    if close is None or _ORDER_DETAIL.search(_DURATION.sub(" ", text[close.end() :])):
        return None
    after = [cue for cue in cues if cue.at >= close.start()]
    if not after or not all(is_remark(cue, text) for cue in after):
        return None
    return close.start()
