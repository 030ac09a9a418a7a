"""Order extraction: spaCy tokens and Matcher spans in, a :class:`ParsedOrder` out."""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import replace
from datetime import date
from decimal import Decimal
from itertools import pairwise

from nlp import _chosen as chosen
from nlp import _guard as guard
from nlp import _lexicon as lex
from nlp._assembly import (
    CONFIDENCE_WINDOW,
    MAX_ALTERNATIVES,
    SIDE_UNKNOWN_CONFIDENCE,
    STOP_ORDER_NOTE,
    TWO_STRIKES,
    _apply,
    _choose_ticker,
    _limits,
    _none,
    _reading,
    _side_to_ask,
    _with_confidence,
)
from nlp._correction_line import apply_correction_line
from nlp._corrections import apply_corrections, apply_starred
from nlp._extractor import _Extractor
from nlp._facts import _Facts
from nlp._leg_block import read_leg_block
from nlp._leg_list import (
    LegReading,
    ReadPart,
    headed_by_other_person,
    read_headed_legs,
    read_leg_list,
    strategy_of,
    written_legs,
)
from nlp._models import ParsedOrder
from nlp._noise import shorten_repeats, strip_discord_noise
from nlp._normalize import normalize
from nlp._pasted import (
    asks_the_room,
    fix_ocr_zeros,
    foreign_post,
    own_order_after_relayed,
    own_paragraph_after_relayed,
    read_pasted,
    relayed_order_sent_again,
    sends_relayed,
    take_up_after_relayed,
    talked_about,
)
from nlp._pipeline import OrderPipeline
from nlp._roles import rank_assignments
from nlp._roll_heading import complete_roll_legs
from nlp._row_pointer import completed_order_text, pointed_order_text
from nlp._second_opinion import second_opinion
from nlp._shapes import (
    _COMMAND_LINE,
    _PLACEHOLDER,
    _PROSE_WORD,
    _STRATEGY_NAMED,
    _VOTE,
    _fenced_order,
    _headline,
    _json_payload,
    _one_leg_order,
    _opens_with_action,
    _order_command,
    _others_heading,
    _others_verbless,
    _promotion_or_minutes,
    _quoted_order,
    _status_shown,
    _table_of_trades,
    _timed_list,
    _trade_clauses,
    fenced_line_before_remark,
    order_after_quote,
    order_below_table,
)
from nlp._spread_roll import spread_pair_block, spread_roll_block
from nlp._table_row import table_order_text
from nlp._take_up import apply_changes, reply_changes
from nlp._tokens import _Item, _items

MAX_INPUT_CHARS = 2000

# Set while the parser reads a message a second time because the second opinion
# (nlp._kind_model) is sure it is an order the talk rules turned away: a cue of talk then no
# longer makes the reading chatter (see extract).
_OVERRULE_TALK: ContextVar[bool] = ContextVar("overrule_talk", default=False)
# Set while the rules read a message the first time: a note for each reading refused as talk
# that the second opinion could rescue (one with a side from the writer's verb). A message
# refused only otherwise (a code block, a table, no ticker) is not read again: its second
# reading would be the first.
_TALK_REFUSALS: ContextVar[list[str] | None] = ContextVar("talk_refusals", default=None)
# Set for the length of one message's parse: the extractor's run over each text read, by text
# and day. The parts of a message are read more than once (a heading with each leg, a clause
# alone after the whole, the second opinion's reading with talk set aside) and a run depends on
# nothing else, so each text is run once.
_RUNS: ContextVar[dict[tuple[str, date], tuple[_Extractor, _Facts]] | None] = ContextVar(
    "runs", default=None
)
# The refusals no second opinion overrules: the writer's own word that the trade is not real
# (see _TALK_REFUSALS).
_KEPT_REFUSALS = (guard.SIMULATED,)
# A heading that names what follows as an earlier order ("old order: BTO 4 IWM ...", "previous
# trade:", "last night's alert:"): the writer's own word that it is past, which no second
# opinion overrules.
_PAST_HEADING = re.compile(
    r"\A\W*(?:my\s+)?(?:(?:old|previous|prior|earlier)"
    r"|(?:last\s+(?:night|week)|yesterday|this\s+morning|(?:mon|tues|wednes|thurs|fri)day)'?s)"
    r"\s+(?:orders?|trades?|alerts?|entry|entries)\s*:",
    re.IGNORECASE,
)
# A sentence that opens with a request to the bot: it asks for a trade, it reports none.
_REQUEST_OPENING = re.compile(
    r"\s*(?:(?:hey|hi|hello|ok|okay|so|bot)\W+)*(?:(?:could|can|will)\s+(?:you|u)\b|please\b|"
    r"kindly\b|pls\b)",
    re.IGNORECASE,
)


def _read_restart(
    text: str,
    start: int,
    facts: _Facts,
    today: date,
    pipeline: OrderPipeline,
    *,
    handed_over: bool = False,
) -> tuple[ParsedOrder, _Facts | None] | None:
    """The instruction in the sentence from ``start`` on, read on its own, when it reads as an
    order. A sentence before it that reports a trade (a past trade, someone else's) and names
    the same underlying is that trade's report, its details following: "Took profits on NVDA.
    STC 2 NVDA 140c ..." stays chatter, unless the writer's go clause hands over to the
    instruction (``handed_over``: "sold NFLX last week, I'm in again: BTO 1 NFLX ...")."""
    order, tail_facts = _read(text[start:], today, pipeline, after_aside=True)
    if order.kind != "order" or order.underlying is None:
        return None
    head = text[:start]
    # a trade reported: a past trade or someone else's that frames or vetoes; a soft past
    # ("SPY went up, buy 2 SPY ...") speaks of the market, not of a trade
    reports = not handed_over and any(
        cue.reason in guard.LOCAL_REASONS and cue.weight != guard.SOFT for cue in facts.cues
    )
    if _REQUEST_OPENING.match(text, start):
        reports = False  # "... decided to write some calls on DIS. could you sell 1 DIS ...?"
    symbol = re.escape(order.underlying.replace("/", "."))
    if (
        reports
        and re.search(rf"(?<![A-Za-z])\$?{symbol}(?![A-Za-z])", head)
        and not _new_trade(order, text[start:], head, facts, tail_facts)
    ):
        return None
    return order, tail_facts


_LETTERS = re.compile(r"[A-Za-z]+")
_INSTRUCTION_CLAUSE = re.compile(r"[^,;\n]*")
_SHORT_WORD = re.compile(r"\bshort\b", re.IGNORECASE)


def _new_trade(
    order: ParsedOrder, instruction: str, head: str, facts: _Facts, order_facts: _Facts | None
) -> bool:
    """True when the order after a report on its ticker is another trade than the one
    reported, not its details: it goes beyond it ("buy 50 more ...", "STC the other 3 ...")
    or it opens after a report that the trade ended ("stopped out of SPY. buy 3 SPY ...",
    "last week's TSLA puts paid. BTO 2 TSLA ...", "closed the NVDA spread earlier. sell 1
    NVDA 190/185 PCS ...": a credit spread sold opens one); "Took profits on NVDA. STC 2 NVDA
    ..." stays the report's details."""
    clause = _INSTRUCTION_CLAUSE.match(instruction)
    words = {word.lower() for word in _LETTERS.findall(clause.group(0) if clause else "")}
    if words & lex.BEYOND_WORDS:
        return True
    if _other_contract(order, head) and _TYPED_IN_HEAD.search(head):
        # "I'm short 2 AAPL 240p 10/27 from last week. buy 2 AAPL 230p ...": the report names
        # its own contract, strike and type; an order on another one is not its details
        return True
    past = [cue.text.split()[0].lower() for cue in facts.cues if cue.reason == guard.PAST]
    ended = any(word in lex.CLOSING_REPORTS for word in past)
    ended = ended or _BOUGHT_BACK.search(head) is not None
    if not ended and _MARKED_NOW.search(head) and any(w in lex.OPENING_REPORTS for w in past):
        # "SOFI 22.30, the 20p I sold at .36 are .12. BTC 10 SOFI 20p 9/16 @ .12": the position
        # the report opened, marked at its price now and closed now by an explicit code ("bought
        # 2 IWM 220p last week. STC 2 IWM 220p @ 3" stays the report of a round trip)
        return bool(order.legs) and all(leg.effect == "close" for leg in order.legs)
    if not ended or not order.legs:
        return False
    effects = {leg.effect for leg in order.legs}
    if effects == {"open"} or _opens_structure(order, order_facts) or _other_contract(order, head):
        return True
    if _SHORT_WORD.search(head):
        return False  # "closed my short NVDA puts. buy 2 NVDA ...": buying them back
    return all(leg.side == "buy" and leg.effect is None for leg in order.legs)


# A contract named in a report: a strike typed ("240c") or a type word ("the IWM calls").
_REPORTED_CONTRACT = re.compile(
    r"(?<![\w.])(?:(\d+(?:\.\d+)?)([cp])|(call|put)s?)\b", re.IGNORECASE
)


# The position's price now: "are .12", "now .41", "is 1.10", "rn .30".
_MARKED_NOW = re.compile(r"\b(?:now|rn|are|is)\s+\$?(?:\d+)?\.\d+\b", re.IGNORECASE)
# "bought them back", "bought back the 20p": a close reported, not an opening
_BOUGHT_BACK = re.compile(r"\bbought\s+(?:\S+\s+){0,3}?back\b", re.IGNORECASE)
_TYPED_IN_HEAD = re.compile(r"(?<![\w./$-])\d+(?:\.\d+)?[cp]\b", re.IGNORECASE)


def _other_contract(order: ParsedOrder, head: str) -> bool:
    """True when the trade reported in ``head`` is another contract than the order's: every
    contract it names has another type or another strike ("stopped out of the IWM calls at
    1.10 earlier. sell 3 IWM 240p ...": the calls ended, the puts are a new trade)."""
    named = [
        (match.group(1), (match.group(2) or match.group(3))[0].lower())
        for match in _REPORTED_CONTRACT.finditer(head)
    ]
    legs = {(leg.type[0], leg.strike) for leg in order.legs if leg.type in ("call", "put")}
    if not named or not legs:
        return False
    return not any(
        kind == leg_kind and (strike is None or Decimal(strike) == leg_strike)
        for strike, kind in named
        for leg_kind, leg_strike in legs
    )


def _restart_at_later_action(facts: _Facts, items: list[_Item], text: str) -> guard.Verdict | None:
    """A restart at a later action, when the first one stands in a lead-in sentence its cues
    govern ("nothing's moving, I'll sell the range. sell 2 SPY ..."): a full stop ends a modal
    and a statement like any other (guard.is_local), and the instruction is the action in the
    sentence after it."""
    for index, _, _ in facts.side_marks:
        if index <= facts.first_action:
            continue
        verdict = guard.decide(
            facts.cues,
            text=text,
            action_at=items[index].start,
            code_at=facts.code_at,
            restartable=True,
        )
        if verdict.kind == "restart":
            return verdict
    return None


# An order's own clause after number-dense lead-in sentences: sizing arithmetic, P&L,
# levels, percentages, times or greeks ("rule is 5% of a 48k account = 2400. BTO 3 NVDA
# 200c 2/18 @ 7.90", "SPX 6,912 now, 6,900 is support. BTO 2 SPX 6925c ..."). The clause
# opens with an action or an alert code and its count after a full stop or a colon; the
# statements before it only quote numbers (a statement, a price move, a recap or report
# figure, arithmetic, a past move of the market), never a condition, a question, a plan or a
# story, and a heading right before a colon ("Closed: STC ...", "P/L today: ...") still frames.
# Before a colon a past trade reported is detailed after it, unless the clause before the
# colon announces a fresh one ("my 10:15 order expired, new one at 10:40: buy ...").
_COUNTED_INSTRUCTION = re.compile(
    r"(?:(?<!\.)[.!]+[ \t]+|[ \t]*:[ \t]+|[ \t]*\n\s*)"
    r"(?=(?:(?:buy|sell)(?:[ \t]+to[ \t]+(?:open|close))?|bto|sto|btc|stc)[ \t]+\d)",
    re.IGNORECASE,
)
_DIGIT_RUN = re.compile(r"\d+")
_NUMBER_LEAD_MIN_NUMBERS = 2
_NUMBER_STATEMENTS = frozenset(
    {
        "a statement about a trade",
        guard.RECAP,
        guard.REPORT,
        guard.PAST,
    }
)
_NUMBER_STATEMENT_PREFIXES = ("a price move", "an explanation of a trade")
# Cues that head the clause right before a colon ("Closed: ...", "recap: ..."), framing it.
_HEADING_REASONS = frozenset({guard.RECAP, guard.REPORT, guard.PAST, guard.OTHER_SUBJECT})
_LAST_CLAUSE_EDGE = re.compile(r"[,;!?\n]|\.(?=\s)")  # not a decimal point


# A past verb right after a ticker, its subject: the market's move ("AAPL rejected 268.50
# twice", "NVDA closed at 140"), not a trade of the writer's ("I closed NVDA ...").
_TICKER_SUBJECT = re.compile(r"(?:\$[A-Za-z]{1,5}|\b[A-Z]{2,5})[ \t]+\Z")


def _market_past(cue: guard.Cue, text: str) -> bool:
    return cue.reason == guard.PAST and _TICKER_SUBJECT.search(text, 0, cue.at) is not None


# The wheel: a lead-in reporting an assignment ("assigned on the F 11p, so sell 3 F 12c ...",
# "writing calls on the 500 NU I got put: sell 5 ...", "got called away. sell 2 ... puts")
# ends that trade; the option sold after it is the next one, not its report.
_ASSIGNMENT = re.compile(
    r"\b(?:assigned|got[ \t]+(?:put|assigned|called(?:[ \t]+away)?|exercised)"
    r"|called[ \t]+away|put[ \t]+to[ \t]+me)\b",
    re.IGNORECASE,
)
_ASSIGNMENT_WORDS = frozenset({"assigned", "got", "called", "put"})
_AFTER_ASSIGNMENT = re.compile(
    r"(?:(?<!\.)[.!]+[ \t]+|[ \t]*:[ \t]+|[ \t]*\n\s*|,[ \t]*(?:so|then|now)[ \t]+)"
    r"(?=(?:sell(?:[ \t]+to[ \t]+open)?|sto|write)[ \t]+\d)",
    re.IGNORECASE,
)


def _read_after_assignment(
    text: str, facts: _Facts, today: date, pipeline: OrderPipeline
) -> tuple[ParsedOrder, _Facts | None] | None:
    """The option sold after a lead-in that reports an assignment (see above)."""
    if not facts.cues or not all(
        cue.reason == guard.PAST and cue.text.split()[0].lower() in _ASSIGNMENT_WORDS
        for cue in facts.cues
    ):
        return None
    last = max(cue.at for cue in facts.cues)
    match = _AFTER_ASSIGNMENT.search(text, last)
    if match is None or not _ASSIGNMENT.search(text, 0, match.start()):
        return None
    restarted = _read_restart(text, match.end(), facts, today, pipeline, handed_over=True)
    if restarted is None:
        return None
    order, tail_facts = restarted
    if tail_facts is None or tail_facts.cues or order.missing:
        return None
    if not all(leg.side == "sell" and leg.type in ("call", "put") for leg in order.legs):
        return None
    return restarted


_PRICE_MOVE_REASON = "a price move (a result, not an order)"
_SENTENCE_END = re.compile(r"(?<!\.)[.!?]+(?=\s)|\n")


def _dates_price_move(cue: guard.Cue, facts: _Facts, text: str) -> bool:
    """True for a past verb or time in the sentence of a price move ("QQQ 560p 9/15 went 1.10
    → 3.85 this morning."): the market's move, dated, not a trade reported."""
    if cue.reason != guard.PAST:
        return False
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, cue.at)), default=0)
    end_match = _SENTENCE_END.search(text, cue.at)
    end = end_match.start() if end_match else len(text)
    return any(
        other.reason == _PRICE_MOVE_REASON and start <= other.at <= end for other in facts.cues
    )


def _number_statement(cue: guard.Cue) -> bool:
    return cue.reason in _NUMBER_STATEMENTS or cue.reason.startswith(_NUMBER_STATEMENT_PREFIXES)


def _number_lead_start(text: str, facts: _Facts) -> int | None:
    """Where the order's own clause starts after number-dense lead-in statements (see
    above), or None."""
    match = None
    for candidate in _COUNTED_INSTRUCTION.finditer(text):
        if all(cue.at < candidate.start() for cue in facts.cues):
            match = candidate
            break
    if match is None or not facts.cues:
        return None
    head = text[: match.start()]
    if len(_DIGIT_RUN.findall(head)) < _NUMBER_LEAD_MIN_NUMBERS:
        return None
    if not any(_number_statement(cue) for cue in facts.cues) or not all(
        _number_statement(cue) or cue.weight == guard.SOFT for cue in facts.cues
    ):
        return None  # soft talk beside the statements ("coach says ..., was eyeing ...")
    if ":" in match.group(0):
        edges = [edge.end() for edge in _LAST_CLAUSE_EDGE.finditer(head)]
        clause_at = edges[-1] if edges else 0
        if any(
            cue.at >= clause_at and cue.weight != guard.SOFT and cue.reason in _HEADING_REASONS
            for cue in facts.cues
        ):
            return None
        fresh = guard.FRESH_MARKERS & set(_LETTERS.findall(head[clause_at:].lower()))
        if not fresh and any(
            cue.reason == guard.PAST and cue.weight != guard.SOFT and not _market_past(cue, text)
            for cue in facts.cues
        ):
            return None  # "closed 3 at 1.40, 2.10 avg: sell 3 ...": the trade closed, detailed
    return match.end()


def _read_after_number_lead(
    text: str, facts: _Facts, today: date, pipeline: OrderPipeline
) -> tuple[ParsedOrder, _Facts | None] | None:
    """The order's own clause after number-dense lead-in statements, read on its own when it
    is a whole order (every field, a price or a market order)."""
    start = _number_lead_start(text, facts)
    if start is None:
        return None
    market = [
        cue for cue in facts.cues if _market_past(cue, text) or _dates_price_move(cue, facts, text)
    ]
    if market:
        facts = replace(facts, cues=[cue for cue in facts.cues if cue not in market])
    restarted = _read_restart(text, start, facts, today, pipeline)
    if restarted is None:
        return None
    order, tail_facts = restarted
    if order.missing or (order.price is None and order.order_type != "market"):
        return None
    if tail_facts is None or tail_facts.cues:
        return None
    return restarted


# A theme sentence before the order: a short remark on the writer's day, the season or a
# reason, ended by a colon, a full stop or an emoji, then the order's own clause opening with
# an action or an alert code and its count ("tax loss harvest time. sell 200 shares of ...",
# "tax loss season is here: sell 75 PATH ...").
# The theme names no number, no trade noun and not the order's ticker, holds no question, and
# its only cues are soft or a report noun in another sense, in a compound with the noun after
# it ("loss" in "tax loss harvest"). A heading of one or two words ("Loss:") still frames the
# order, and so does a time of the past ("PDT counter reset this morning:" is left: a past time
# before an alert code is a report's heading, "last night: BTO ...").
_THEME_BREAK = re.compile(
    r"(?:(?<!\.)[.!]+[ \t]+|[ \t]*:[ \t]+|[ \t]*[\u2600-\u27bf\U0001f300-\U0001faff]\ufe0f?[ \t]+)"
    r"(?=(?:(?:buy|sell)(?:[ \t]+to[ \t]+(?:open|close))?|bto|sto|btc|stc)[ \t]+\d)",
    re.IGNORECASE,
)
_THEME_REASONS = frozenset({guard.REPORT})
_THEME_MIN_WORDS = 3
# Words that make the sentence before the order about a trade after all ("my entry this
# morning:", "loss on this one:"): a trade noun, or a report noun before a preposition.
_THEME_TRADE_WORDS = lex.TRADE_NOUNS | lex.THEME_TRADE_WORDS
_THEME_COMPOUND = re.compile(r"[ \t]+([A-Za-z]+)")


def _theme_cue(cue: guard.Cue, text: str) -> bool:
    """True for a cue a theme sentence (see above) may give."""
    if cue.weight == guard.SOFT:
        return True
    if cue.reason not in _THEME_REASONS:
        return False
    words = set(cue.text.lower().split())
    if words & (lex.RECAP_WORDS | lex.FILL_WORDS):
        return False
    # a report noun in a compound with the noun after it ("tax loss harvest", "old countdown")
    following = _THEME_COMPOUND.match(text, cue.at + len(cue.text))
    return following is not None and following.group(1).lower() not in lex.THEME_LINKS


def _read_after_theme(
    text: str, facts: _Facts, today: date, pipeline: OrderPipeline
) -> tuple[ParsedOrder, _Facts | None] | None:
    """The order's own clause after a theme sentence (see above), read alone when it is a
    whole order on a ticker the theme does not name, or None."""
    if not facts.cues:
        return None
    match = _THEME_BREAK.search(text)
    if match is None or any(cue.at >= match.start() for cue in facts.cues):
        return None
    head = text[: match.start()]
    words = [word.lower() for word in _LETTERS.findall(head)]
    if (
        any(char.isdigit() or char == "?" for char in head)
        or len(words) < _THEME_MIN_WORDS
        or set(words) & _THEME_TRADE_WORDS
        or not all(_theme_cue(cue, text) for cue in facts.cues)
    ):
        return None
    restarted = _read(text[match.end() :], today, pipeline, after_aside=True)
    order, tail_facts = restarted
    if not _whole_order(order, tail_facts) or order.underlying is None:
        return None
    if re.search(rf"(?<![A-Za-z]){re.escape(order.underlying)}(?![A-Za-z])", head, re.IGNORECASE):
        return None
    return restarted


def _opens_structure(order: ParsedOrder, facts: _Facts | None) -> bool:
    """True for a structure traded in the direction its name gives it ("sell 1 ... PCS": a
    credit spread sold for a credit), which opens it; closing it goes against that direction."""
    return (
        facts is not None
        and order.strategy not in ("single", "stock")
        and facts.strategy_direction is not None
        and order.price_effect == facts.strategy_direction
    )


def _run(text: str, today: date, pipeline: OrderPipeline) -> tuple[_Extractor, _Facts]:
    """The extractor over ``text`` and the facts its run found, run once per text in a parse
    (see _RUNS)."""
    runs = _RUNS.get()
    found = runs.get((text, today)) if runs is not None else None
    if found is None:
        extractor = _Extractor(_items(pipeline.make_doc(text), pipeline), today)
        found = (extractor, extractor.run())
        if runs is not None:
            runs[(text, today)] = found
    return found


def _read(
    normalized: str, today: date, pipeline: OrderPipeline, *, after_aside: bool = False
) -> tuple[ParsedOrder, _Facts | None]:
    """The best reading of a normalized message, with the facts it rests on (None when the
    message was refused before its numbers were placed). ``after_aside``: the text is already
    the sentence after an aside, so the reading does not restart again."""
    headline = _headline(normalized)
    extractor, facts = _run(headline, today, pipeline)
    unknown = tuple(dict.fromkeys(facts.unknown))[:20]
    action_at = extractor.items[facts.first_action].start if facts.first_action >= 0 else -1
    verdict = guard.decide(
        facts.cues,
        text=headline,
        action_at=action_at,
        code_at=facts.code_at,
        restartable=not after_aside,
    )
    if verdict.kind == "none" and not after_aside:
        verdict = _restart_at_later_action(facts, extractor.items, headline) or verdict
    disowned = guard.disowning_remark(normalized, action_at)
    if disowned is not None:
        return _none(f"{guard.DISOWNED}: {disowned}", unknown=unknown), None
    if verdict.kind != "order":
        end = guard.closed_order_end(facts.cues, headline, action_at)
        if end is not None:
            closed = _read(headline[:end], today, pipeline, after_aside=after_aside)
            if closed[0].kind == "order":
                return closed  # "BTO ... @ 2.05. anyone else playing earnings?": a remark after it
    if verdict.kind == "restart":
        restarted = _read_restart(
            headline, verdict.restart_at, facts, today, pipeline, handed_over=verdict.handed_over
        )
        if restarted is not None:
            return restarted
    if verdict.kind != "order":
        if not after_aside:
            lead = (
                _read_after_number_lead(headline, facts, today, pipeline)
                or _read_after_assignment(headline, facts, today, pipeline)
                or _read_after_theme(headline, facts, today, pipeline)
            )
            if lead is not None:
                return lead
        if not _OVERRULE_TALK.get() or facts.side is None:
            # a reading with its talk set aside must take its side from the writer's own verb:
            # the verb read as talk ("lol sell 2 MRNA ...": a joke) sets none, and the alert
            # convention's buy could buy what the writer meant to sell
            refusals = _TALK_REFUSALS.get()
            if (
                refusals is not None
                and facts.side is not None
                and not _PAST_HEADING.match(headline)
                # ("theoretically BTO ...": the writer's own word that it is not real)
                and not any(note.startswith(_KEPT_REFUSALS) for note in verdict.notes)
            ):
                refusals.append(headline)
            return _none(*verdict.notes, unknown=unknown), None
    chosen = _choose_ticker(facts, extractor.items, headline)
    if chosen is None:
        hint = "Name the ticker, e.g. 'buy 1 SPY 600c 12/18 @ 2.15'"
        return _none("no ticker", suggestions=(hint,) if facts.side else (), unknown=unknown), None
    ticker_position, underlying = chosen
    assignments = rank_assignments(facts.slots, _limits(facts, extractor.strikes_needed))
    best_score = assignments[0].score
    scored: list[tuple[float, int, ParsedOrder]] = []
    best_facts = facts
    for assignment in assignments:
        if best_score - assignment.score > CONFIDENCE_WINDOW:
            break
        placed = _apply(facts, assignment)
        placed_unknown = tuple(dict.fromkeys(placed.unknown))[:20]
        reading = _reading(placed, extractor, underlying, placed_unknown)
        if not scored:
            best_facts = placed
        scored.append((assignment.score, assignment.placed, reading))
    best = _with_confidence(scored)
    if facts.request_question and (best.missing or best.price is None):
        # "can you buy SPY calls after hours?": a question; a request names the whole order
        return _none(guard.QUESTION, unknown=unknown), None
    unread_verb = _side_to_ask(best, best_facts, ticker_position)
    if unread_verb is not None:
        as_sell = _reading(
            replace(best_facts, side="sell"), extractor, underlying, best.unknown_tokens
        )
        note = f"no buy or sell word I know ({unread_verb!r}): pick the side you meant"
        best = replace(
            best,
            confidence=min(best.confidence, SIDE_UNKNOWN_CONFIDENCE),
            alternatives=(as_sell, *best.alternatives)[:MAX_ALTERNATIVES],
            notes=(*best.notes, note),
        )
    if not after_aside:
        own = _own_clause_reading(headline, best, today, pipeline)
        if own is not None:
            return own
    return best, best_facts


# What the order's own clause fixes for itself: the fields compared with the whole message's
# reading.
_OWN_CLAUSE_FIELDS = ("underlying", "legs", "order_type", "price", "price_effect")


def _own_clause_reading(
    text: str, whole: ParsedOrder, today: date, pipeline: OrderPipeline
) -> tuple[ParsedOrder, _Facts | None] | None:
    """The order's own clause read alone, after number-dense sentences that hold no talk
    ("CPI 1/12, FOMC 1/26. buy 1 MSFT 520c 2/4 @ 7.90"), when it names a whole order (every
    field and a price) that the sentences before it changed: their dates and numbers are not
    its expiration, strike, count or price."""
    match = max(_COUNTED_INSTRUCTION.finditer(text), key=lambda found: found.start(), default=None)
    if match is None or not any(stop in match.group(0) for stop in ".!"):
        return None  # a full stop, not a heading's colon or a line of legs
    if len(_DIGIT_RUN.findall(text, 0, match.start())) < _NUMBER_LEAD_MIN_NUMBERS:
        return None
    own, own_facts = _read(text[match.end() :], today, pipeline, after_aside=True)
    if own.kind != "order" or own.missing or own.price is None or own.underlying is None:
        return None
    if own_facts is None or own_facts.cues or own.underlying != whole.underlying:
        return None
    mine, theirs = own.to_dict(), whole.to_dict()
    if all(mine[field] == theirs[field] for field in _OWN_CLAUSE_FIELDS):
        return None
    return own, own_facts


def _instruction_allowed(normalized: str, today: date, pipeline: OrderPipeline) -> bool:
    """True when the guard lets the whole message stand as an instruction: a heading or a
    remark around legs read one by one still frames them ("trade idea: ...", "recap: ...")."""
    headline = _headline(normalized)
    extractor, facts = _run(headline, today, pipeline)
    action_at = extractor.items[facts.first_action].start if facts.first_action >= 0 else -1
    verdict = guard.decide(
        facts.cues, text=headline, action_at=action_at, code_at=facts.code_at, restartable=False
    )
    return verdict.kind == "order" and guard.disowning_remark(normalized, action_at) is None


def _lets_block_stand(around: str, today: date, pipeline: OrderPipeline) -> bool:
    """True when the lines around legs written as a block (``read_leg_block``) hold no talk
    that vetoes an order: a question, an example, a help text. Their soft cues (a roll, a time
    such as "earnings tonight") belong to the block's own heading."""
    cues = _run(around, today, pipeline)[1].cues
    return all(cue.weight not in (guard.VETO, guard.FRAME) for cue in cues)


def _block_order(text: str, today: date, pipeline: OrderPipeline) -> ParsedOrder | None:
    """The order of a message written as a block of lines (``read_leg_block``), or None."""
    if "\n" not in text:
        return None
    return read_leg_block(
        text,
        _read_part(today, pipeline),
        lambda around: _lets_block_stand(around, today, pipeline),
    )


def _read_part(today: date, pipeline: OrderPipeline) -> ReadPart:
    """A reader of a message's parts (legs, probes), each part read once: a leg block or a
    list reads the same leg again when it fills in what the heading shares."""
    readings: dict[str, LegReading] = {}

    def read(part: str) -> LegReading:
        reading = readings.get(part)
        if reading is None:
            order, facts = _read(part, today, pipeline)
            side_stated = facts is not None and facts.side is not None
            price_word = facts.price_word if facts is not None else None
            reading = readings[part] = LegReading(order, side_stated, price_word)
        return reading

    return read


def _is_go_text(clause: str) -> bool:
    words = re.findall(r"[a-z]+(?:'[a-z]+)?|'[a-z]+", clause.lower().replace("\u2019", "'"))
    return bool(words) and guard.is_go_clause(words)


# A sentence that opens with the action after sentences of market numbers ("NOW 884, 1.8% under
# the strike, 7 DTE. buy 1 NOW 900 3/16/29 @ 12.60"): when that sentence alone writes the whole
# order on the same ticker, its numbers are the order's, not the lead-in's quotes.
_SENTENCE_START = re.compile(r"(?:[.!?:]+[ \t]+|[ \t]*\n\s*)(?=\S)")


# A request opening the last sentence's own clause: "..., so please buy 50 more JNJ ...", "In
# addition, please buy 20 shares of PG ...".
_PLEASE_CLAUSE = re.compile(r"[,;][ \t]*(?:(?:so|and|then)[ \t]+)?please[ \t]+(?=\w)", re.I)
# A consequence opening the last sentence's own clause: "300 INTC shares + 3 short 42c, so
# buying 3 INTC 36p ...".
_SO_CLAUSE = re.compile(
    r"[,;][ \t]*so[ \t]+(?:(?:i'?m|i[ \t]+am|i'll|i[ \t]+will)[ \t]+)?(?=\w)", re.I
)


def _acting_sentence(sentence: str) -> bool:
    return _opens_with_action(sentence) and any(char.isdigit() for char in sentence)


def _acting_sentence_reading(
    text: str, order: ParsedOrder, today: date, pipeline: OrderPipeline
) -> ParsedOrder:
    """``order`` (the whole message's reading) or, when one sentence alone writes the whole
    order on the same ticker, that sentence's reading: the numbers and contracts of the talk
    around it ("my SPY 900p from friday is worth .02. ...⏎sell 1 TGT 160c 5/22 @ 1.25⏎...",
    "not a 0dte person, I'd rather sell time:⏎STO 2 XSP 885/880 PCS 7/24 @ .52") are not the
    order's. What only the talk says (a count in a heading, "closing the spread:") is kept."""
    if apply_corrections(text) != text:
        return order  # "not 1.10, 1.25: sell 2 KO 70c 12/18 @ 1.10": the whole reading applied it
    sentence = _instruction_sentence(text)
    if sentence is not None:
        own = _extract(sentence, today=today, pipeline=pipeline)
        if (
            _whole_and_sure(own)
            and own.underlying == order.underlying
            and ((own.price is not None and order.price is None) or order.missing)
        ):
            # "ORCL 308 into the bell ...⏎sell 1 ORCL 305 straddle 3/12 @ 24.40": the whole
            # reading took the talk's contract as an alert and lost the order's price; "adding
            # the call side, my first condor: STO 1 XSP 985/990 CCS ...": it took the talk's
            # structure and lacks strikes
            return replace(own, remarks=order.remarks)
        if (
            _whole_and_sure(own)
            and own.underlying == order.underlying
            and own.price == order.price
            and len(own.legs) < len(order.legs)
            and set(_shapes(own, exact=True)) < set(_shapes(order, exact=True))
        ):
            # "I hold 300 INTC shares + 3 short 42c 11/21. buying 3 INTC 36p 11/21 @ .55": the
            # whole reading added the contract the talk holds to the order's
            return replace(own, remarks=order.remarks)
        if not (
            _whole(own)
            and own.underlying == order.underlying
            and [leg.side for leg in own.legs] == [leg.side for leg in order.legs]
        ):
            return order
        own = _with_heading_details(own, order, sentence)
        if _shapes(own, exact=True) != _shapes(order, exact=True) or own.price != order.price:
            return replace(own, remarks=order.remarks)
        return order
    # the order's sentence inside the message, talk after it too: taken only when the two
    # readings agree on the price (a later sentence may still change the count: "make that 3
    # contracts", or correct a detail)
    sentence = _acting_sentence_inside(text)
    if sentence is None:
        return order
    own = _extract(sentence, today=today, pipeline=pipeline)
    if not (
        _whole_and_sure(own)
        and own.underlying == order.underlying
        and own.price is not None
        and (
            (own.price == order.price and _shapes(own, exact=False) != _shapes(order, exact=False))
            # "STO 4 F 12.5p Aug @ .31. F at 13.10": the price read is the talk's quote (not a
            # correction: "... @ 3.20 *edit: 3.25 not 3.20")
            or (
                own.price != order.price
                and _shapes(own, exact=False) == _shapes(order, exact=False)
                and order.price is not None
                and str(order.price) not in sentence
                and not _REMARK_VETO.search(text)
                and not _REMARK_FATE.search(text)
            )
        )
    ):
        return order
    own = _with_heading_details(own, order, sentence)
    return replace(own, remarks=order.remarks, doubt=order.doubt)


def _shapes(order: ParsedOrder, *, exact: bool) -> list[tuple[object, ...]]:
    """The order's legs in a comparable form: every field (``exact``), or without the count
    and the effect."""
    return sorted(
        (leg.side, leg.type, str(leg.strike), str(leg.expiration))
        + ((str(leg.effect), leg.quantity) if exact else ())
        for leg in order.legs
    )


# A count in the order's sentence: after the action ("trim 1 NVDA", "SELL -1 VERTICAL", "buy
# to open two"), or marked ("x3", "3x", "2 contracts").
_WRITTEN_COUNT = re.compile(
    rf"\A\W*[a-z]+(?:[ \t]+to[ \t]+(?:open|close))?[ \t]+(?:[-+]?\d|(?:{chosen.COUNT_WORDS})\b)"
    r"|\bx[ \t]?\d|\b\d+[ \t]?x\b|\b\d+[ \t]+(?:contracts?|cons?|lots?|shares?)\b",
    re.IGNORECASE,
)


def _with_heading_details(own: ParsedOrder, whole: ParsedOrder, sentence: str) -> ParsedOrder:
    """``own`` with the effect and the count the rest of the message gives its legs when the
    sentence gives none ("closing the January spread:⏎SELL -1 VERTICAL MU ...", "me too, 2
    contracts: buy AMZN 300c 12/9 @ 5.20")."""
    effects = {leg.effect for leg in whole.legs}
    counts = {leg.quantity for leg in whole.legs}
    effect = effects.pop() if len(effects) == 1 else None
    count = counts.pop() if len(counts) == 1 else None
    if all(leg.effect is not None for leg in own.legs):
        effect = None
    if _WRITTEN_COUNT.search(sentence):
        count = None
    if effect is None and count is None:
        return own
    legs = tuple(
        replace(
            leg,
            effect=leg.effect if effect is None or leg.effect is not None else effect,
            quantity=leg.quantity if count is None else count,
        )
        for leg in own.legs
    )
    return replace(own, legs=legs)


def _acting_sentence_inside(text: str) -> str | None:
    """The one sentence of ``text`` that opens with an action and holds a number, when a
    sentence follows it; else None."""
    starts = [0, *(match.end() for match in _SENTENCE_START.finditer(text)), len(text)]
    sentences = [text[start:end].strip() for start, end in pairwise(starts)]
    acting = [at for at, sentence in enumerate(sentences) if _acting_sentence(sentence)]
    if len(acting) != 1 or acting[0] == len(sentences) - 1:
        return None
    return sentences[acting[0]]


_QUOTE_MARK = re.compile(r"(?<![A-Za-z])'|'(?![A-Za-z])")


def _instruction_sentence(text: str) -> str | None:
    """The last sentence or clause after a colon of ``text`` (or its clause a request opens)
    when it opens with an action and none before it writes a trade (an action and a number);
    None also when a quotation mark stands before it (an apostrophe inside a word is none)."""
    starts = [match.end() for match in _SENTENCE_START.finditer(text)]
    polite = _POLITE_LEAD.match(text, starts[-1]) if starts else None
    if polite is not None and _opens_with_action(text[polite.end() :]):
        starts[-1] = polite.end()  # "... worthless I expect. Please sell 3 KO 90 calls ..."
    if not _opens_with_action(text[starts[-1] if starts else 0 :]):
        at = starts[-1] if starts else 0
        request = _PLEASE_CLAUSE.search(text, at) or _SO_CLAUSE.search(text, at)
        if request is not None and _opens_with_action(text[request.end() :]):
            starts.append(request.end())
    if not starts or not _opens_with_action(text[starts[-1] :]):
        return None
    lead = [0, *starts[:-1]]
    if any(_acting_sentence(text[at:end]) for at, end in zip(lead, starts, strict=True)):
        return None
    if _QUOTE_MARK.search(text, 0, starts[-1]):
        return None
    return text[starts[-1] :]


def _whole_and_sure(order: ParsedOrder) -> bool:
    """True for an order the parser is sure of that names everything it needs and its price
    (or "at market")."""
    return _priced_and_sure(order) and not order.missing


def _priced_and_sure(order: ParsedOrder) -> bool:
    """True for an order the parser is sure of, priced (or "at market"), that lacks at most
    its expiration ("please sell my AMD 280c at 2.95": the bot asks for the date)."""
    return (
        order.kind == "order"
        and order.sure
        and set(order.missing) <= {"expiration"}
        and (order.price is not None or order.order_type == "market")
    )


def _whole(order: ParsedOrder) -> bool:
    return (
        order.kind == "order"
        and order.price is not None
        and bool(order.legs)
        and all(
            leg.type == "equity" or (leg.strike is not None and leg.expiration is not None)
            for leg in order.legs
        )
    )


# A mail or phone app's signature closing the message ("...\n-- sent from my iPad"): no words
# of the writer's.
_SIGNATURE = re.compile(
    r"\n[ \t]*(?:-{1,2}|\u2014|\u2013)?[ \t]*(?:sent[ \t]+(?:from|via|with)[ \t]+(?:my[ \t]+)?"
    r"(?:iphone|ipad|android|galaxy|samsung|pixel|phone|mobile|blackberry|outlook|gmail|yahoo)"
    r"|get[ \t]+outlook[ \t]+for[ \t]+(?:ios|android))\b[^\n]*\s*\Z",
    re.IGNORECASE,
)


# A stop, stop-limit or trailing-stop order: the stop (its trigger) written before any price
# of the order's ("sell 70 PLTR stop 218 gtc, moving it up from 212.40", "buy 60 TSLA stop 562
# limit 565 gtc", "sell 50 GOOGL on a 3% trailing stop gtc"). Read as a limit or a market order
# it would trade now, at the wrong price; the bot asks for a limit price instead. A stop after
# the price is the exit plan of a limit order ("BTO 60 PLTR @ 214.30, stop 208 under the base").
_STOP_ORDER = re.compile(
    r"\b(?:buy|sell|bto|sto|btc|stc)\b[^@\n.!?;]{0,60}?"
    r"(?:\b(?:stop|stp)(?:[ -]?(?:loss|limit|market))?[ \t]+(?:at[ \t]+|@[ \t]*)?\$?\d"
    r"|\btrailing[ \t]+stop\b)",
    re.IGNORECASE,
)


# A heading that says the order under it is not to be sent ("not sending this one:", "dont send
# yet -", "sheet row I'm not sending, just logging it:"): the writer's own word, which no second
# opinion overrules. Not a heading that turns down a trade of its own ("not taking 500 F at
# 13.50:" over a put sold to close).
_UNSENT_HEADING = re.compile(
    r"\A[^\n]{0,40}?(?:\bnot|n't|\bdont|\bnever)[ \t]+(?:gonna[ \t]+|going[ \t]+to[ \t]+)?"
    r"(?:send|sending|place|placing|submit|submitting|enter|entering|fire|firing)\b"
    r"(?:[ \t]+(?:this|it|these|that|the[ \t]+following)(?:[ \t]+one)?)?"
    r"(?:[ \t]+(?:yet|today|now|just[ \t]+yet))?[ \t]*(?:[,:.!\u2014-][^\n]{0,30})?\n",
    re.IGNORECASE,
)
UNSENT_NOTE = "the message says the order under it is not to be sent"
# A heading that puts the order under it off to a later day ("tomorrow after CPI, not
# today:⏎[Buy to Open ▾] [2] [IWM ...]"): a plan, not an order now.
_LATER_HEADING = re.compile(
    r"\A[^\n:]{0,40}?\bnot[ \t]+(?:today|now|yet)\b[^\n]{0,20}:[ \t]*\n", re.IGNORECASE
)
LATER_NOTE = "the message puts the order under it off to later"


# A roll's new contract with its month first ("... up and out to the May 460c for 2.40 cr"):
# written strike first, as the parser reads a contract.
_ROLL_TARGET_MONTH_FIRST = re.compile(
    r"(?P<to>\bto[ \t]+(?:the[ \t]+)?)"
    rf"(?P<month>(?:{lex.MONTH_NAMES})\b)[ \t]+"
    r"(?P<strike>\d+(?:\.\d+)?[cp])\b",
    re.IGNORECASE,
)


# A bid or an offer on a count of contracts ("bid 1.10 on 4 INSM 135c 3/21 (.85 x 1.45)",
# "offer 2.40 on 3 XBI 95c 3/21"): a limit order to buy (bid) or to sell (offer) at that price.
_BID_ON = re.compile(
    r"\A(?P<lead>\s*)(?P<verb>bid(?:ding)?|offer(?:ing)?)\s+\$?(?P<price>\d*\.?\d+)\s+"
    r"(?:on|for)\s+(?P<count>\d{1,4})\s+"
    r"(?P<contract>[A-Za-z$](?:[^\n.(]|\.(?=\d))*?\d(?:[^\n.(]|\.(?=\d))*?)"
    r"(?=\s*(?:\(|[.,;]\s|\n|\Z))",
    re.IGNORECASE,
)


# A single option and a credit spread sold together, a jade lizard ("STO 1 QQQ 5/15 jade lizard:
# 880p + 990/1000 CCS @ 10.40", "BTC 1 TSLA 5/15 jade lizard 520p + 700/720 CCS @ 9.60"): the
# three legs, written one by one as the parser reads a structure's legs. Read whole, the single
# and the spread's first strike made a vertical (an 880/990 call spread sold).
_SINGLE_PLUS_SPREAD = re.compile(
    r"(?P<code>\b(?:bto|sto|btc|stc|buy|sell)(?:[ \t]+to[ \t]+(?:open|close))?)[ \t]+"
    r"(?P<count>\d{1,3})[ \t]+\$?(?P<ticker>[A-Za-z]{1,5})\b(?P<mid>[^\n+]{0,40}?)"
    r"(?<![\w./])(?P<single>\d+(?:\.\d+)?)(?P<single_type>[cp])(?P<between>[ \t]+[\w/]+)??"
    r"[ \t]*(?:\+|plus)[ \t]*"
    r"(?:the[ \t]+)?(?P<first>\d+(?:\.\d+)?)/(?P<second>\d+(?:\.\d+)?)[ \t]*"
    r"(?P<spread>ccs|pcs|(?:call|put)[ \t]+credit[ \t]+spread)\b(?P<tail>[^\n]*)",
    re.IGNORECASE,
)
_SPREAD_DATE = re.compile(
    r"(?<![\w./])(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|0dte"
    rf"|(?:{lex.MONTH_NAMES})\b(?:[ \t]+\d{{1,2}}\b)?)",
    re.IGNORECASE,
)
_OTHER_CODE = {"bto": "sto", "sto": "bto", "btc": "stc", "stc": "btc", "buy": "sell", "sell": "buy"}


def _short_code(written: str) -> str:
    """A side written as a code or a verb, as the code ("sell to open": "sto", "buy": "buy")."""
    words = written.lower().split()
    return words[0] if len(words) == 1 else f"{words[0][0]}t{words[-1][0]}"


def _legs_then_tail(
    code: str, contract: str, same: tuple[str, ...], other: str, date_text: str, tail: str
) -> str:
    """A structure's legs written out one after another (``same`` traded on the order's side,
    ``other`` the other way), then the rest of its line, with the net effect its side makes
    when the line writes none (sold: a credit; bought: a debit)."""
    legs = [f"{code} {contract} {strike}{date_text}" for strike in same]
    legs.append(f"{_OTHER_CODE[code]} {contract} {other}{date_text}")
    written = re.search(r"\b(?:credit|debit|cr|db)\b", tail, re.IGNORECASE)
    effect = "" if written else " cr" if code[0] == "s" else " db"
    return " / ".join(legs) + tail.rstrip() + effect


def _single_plus_spread(found: re.Match[str]) -> str:
    tail = found["tail"]
    dated = _SPREAD_DATE.search(found["mid"]) or _SPREAD_DATE.search(found["between"] or "")
    if dated is None:
        dated = _SPREAD_DATE.search(tail)
        if dated is not None:
            tail = tail[: dated.start()] + tail[dated.end() :]
    # (no date written: the legs leave it out, and the bot asks for it)
    date_text = f" {dated.group()}" if dated is not None else ""
    code = _short_code(found["code"])
    calls = found["spread"].lower().startswith("c")
    low, high = sorted((found["first"], found["second"]), key=Decimal)
    short, long_ = (low, high) if calls else (high, low)  # the strike nearer the money is sold
    kind = "c" if calls else "p"
    contract = f"{found['count']} {found['ticker']}"
    sold = (f"{found['single']}{found['single_type']}", f"{short}{kind}")
    return _legs_then_tail(code, contract, sold, f"{long_}{kind}", date_text, tail)


# A collar named by its two strikes ("buy 4 AAPL 290/320 collar 5/19 @ .40 debit"): the
# lower strike's put bought and the higher strike's call sold (sold and bought when the
# collar is sold), leg by leg.
_COLLAR = re.compile(
    r"(?P<code>\b(?:bto|sto|btc|stc|buy|sell)(?:[ \t]+to[ \t]+(?:open|close))?)[ \t]+"
    r"(?P<count>\d{1,3})[ \t]+\$?(?P<ticker>[A-Za-z]{1,5})[ \t]+"
    r"(?P<first>\d+(?:\.\d+)?)/(?P<second>\d+(?:\.\d+)?)[ \t]+collars?\b(?P<tail>[^\n]*)",
    re.IGNORECASE,
)


def _collar(found: re.Match[str]) -> str:
    tail = found["tail"]
    dated = _SPREAD_DATE.search(tail)
    if dated is None:
        return found.group()
    tail = tail[: dated.start()] + tail[dated.end() :]
    code = _short_code(found["code"])
    low, high = sorted((found["first"], found["second"]), key=Decimal)
    contract = f"{found['count']} {found['ticker']}"
    put = f"{code} {contract} {low}p {dated.group()}"
    call = f"{_OTHER_CODE[code]} {contract} {high}c {dated.group()}"
    return f"{put} / {call}{tail}"


# A jade lizard named by its three strikes ("STO 1 NVDA 420/500/505 jade lizard 12/21 @ 7.90
# cr"): the put at the first strike and the call at the second sold, the call at the third
# bought (each the other way when it is bought back), leg by leg.
_JADE_LIZARD = re.compile(
    r"(?P<code>\b(?:bto|sto|btc|stc|buy|sell)(?:[ \t]+to[ \t]+(?:open|close))?)[ \t]+"
    r"(?P<count>\d{1,3})[ \t]+\$?(?P<ticker>[A-Za-z]{1,5})[ \t]+"
    r"(?P<put>\d+(?:\.\d+)?)/(?P<short>\d+(?:\.\d+)?)/(?P<long>\d+(?:\.\d+)?)[ \t]+"
    r"jade[ \t]+lizards?\b(?P<tail>[^\n]*)",
    re.IGNORECASE,
)
_SAME_DAY = re.compile(r"\b(?:(?:expiring|exp)[ \t]+today|0dte)\b", re.IGNORECASE)


def _jade_lizard(found: re.Match[str]) -> str:
    tail = found["tail"]
    dated = _SPREAD_DATE.search(tail) or _SAME_DAY.search(tail)
    date_text = ""
    if dated is not None:
        tail = tail[: dated.start()] + tail[dated.end() :]
        date_text = " 0dte" if "today" in dated.group().lower() else f" {dated.group()}"
    code = _short_code(found["code"])
    contract = f"{found['count']} {found['ticker']}"
    sold = (f"{found['put']}p", f"{found['short']}c")
    return _legs_then_tail(code, contract, sold, f"{found['long']}c", date_text, tail)


def _bid_order(found: re.Match[str]) -> str:
    side = "buy" if found["verb"].lower().startswith("bid") else "sell"
    return f"{found['lead']}{side} {found['count']} {found['contract'].strip()} @ {found['price']}"


def _stop_order(text: str) -> bool:
    """True when ``text`` writes a stop order (see above)."""
    found = _STOP_ORDER.search(text)
    if found is None:
        return False
    before_stop = found.group(0)[: max(found.group(0).lower().rfind("stop"), 0)]
    return not chosen.PRICED.search(before_stop)


# A broker preview's line of the order's total ("Estimated credit $210.00"): the price times
# the multiplier, never the price (the "Limit price $2.10" line above it is).
_ESTIMATED_TOTAL = re.compile(
    r"^[ \t]*(?:estimated|est\.)[ \t]+(?:credit|debit|cost|total|proceeds|amount)\b[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)


def extract(text: str, *, today: date, pipeline: OrderPipeline) -> ParsedOrder:
    """Parse ``text`` (already length-checked) into a :class:`ParsedOrder`, the rules' reading
    weighed against the second opinion on whether it is an order at all (``_second_opinion``)."""
    text = apply_correction_line(_SIGNATURE.sub("", apply_starred(shorten_repeats(text))))
    if "estimated" in text.lower() or "est." in text.lower():
        text = _ESTIMATED_TOTAL.sub("", text)
    if ("stop" in text.lower() or "stp" in text.lower()) and _stop_order(text):
        return _none(STOP_ORDER_NOTE)
    if _UNSENT_HEADING.match(text):
        return _none(UNSENT_NOTE)
    if _LATER_HEADING.match(text):
        return _none(LATER_NOTE)
    if "roll" in text.lower():
        text = _ROLL_TARGET_MONTH_FIRST.sub(r"\g<to>\g<strike> \g<month>", text)
    if "+" in text or "plus" in text.lower():
        text = _SINGLE_PLUS_SPREAD.sub(_single_plus_spread, text, count=1)
    if "collar" in text.lower():
        text = _COLLAR.sub(_collar, text, count=1)
    if "lizard" in text.lower():
        text = _JADE_LIZARD.sub(_jade_lizard, text, count=1)
    if text.lstrip()[:3].lower() in ("bid", "off"):
        text = _BID_ON.sub(_bid_order, text, count=1)
    refusals: list[str] = []
    token = _TALK_REFUSALS.set(refusals)
    runs_token = _RUNS.set({})
    try:
        try:
            order = _one_side(_extract_message(text, today=today, pipeline=pipeline), text)
        finally:
            _TALK_REFUSALS.reset(token)
        if not refusals:
            return second_opinion(order, text, None)
        return second_opinion(order, text, lambda: _read_overruling_talk(text, today, pipeline))
    finally:
        _RUNS.reset(runs_token)


# One side of a structure the writer holds, named in words ("close the put side of my TSLA
# 370/380/560/570 IC Feb for 1.20", "buy back my 3 IWM 305p 1/21 at market, the 345 calls
# stay", "..., leaving the calls"): the structure's legs of the other type are not traded.
_SIDE_TRADED = re.compile(
    r"\b(?:close|closing|buy(?:ing)?[ \t]+back|sell(?:ing)?|roll(?:ing)?|take|taking)[ \t]+"
    r"(?:off[ \t]+)?(?:the[ \t]+|my[ \t]+)?(put|call)[ \t]+side\b",
    re.IGNORECASE,
)
_SIDE_KEPT = re.compile(
    r"\b(?:the[ \t]+)?(?:\d+(?:\.\d+)?[ \t]+)?(put|call)s[ \t]+(?:stay|stays|ride|remain)\b"
    r"|\bleaving[ \t]+the[ \t]+(put|call)s\b",
    re.IGNORECASE,
)


def _one_side(order: ParsedOrder, text: str) -> ParsedOrder:
    """``order`` with only the legs of the side the writer trades (see above)."""
    if order.kind != "order" or len({leg.type for leg in order.legs}) != 2:
        return order
    traded = {match.group(1).lower() for match in _SIDE_TRADED.finditer(text)}
    kept = {(match.group(1) or match.group(2)).lower() for match in _SIDE_KEPT.finditer(text)}
    sides = traded | {"put" if type_ == "call" else "call" for type_ in kept}
    if len(sides) != 1:
        return order
    side = sides.pop()
    legs = [leg for leg in order.legs if leg.type == side]
    if not legs:
        return order
    return replace(
        order, legs=tuple(legs), strategy=strategy_of(legs) if len(legs) > 1 else "single"
    )


def _read_overruling_talk(text: str, today: date, pipeline: OrderPipeline) -> ParsedOrder:
    """The reading of ``text`` with its cues of talk set aside (see _OVERRULE_TALK)."""
    token = _OVERRULE_TALK.set(True)
    try:
        return _extract_message(text, today=today, pipeline=pipeline)
    finally:
        _OVERRULE_TALK.reset(token)


def _pointed_order(text: str, today: date, pipeline: OrderPipeline) -> ParsedOrder | None:
    """The order the last line writes by pointing at rows above it (nlp._row_pointer), when
    it reads as an order; else None."""

    def read_row(row: str) -> ParsedOrder:
        return _extract(row, today=today, pipeline=pipeline)

    line = pointed_order_text(text, read_row)
    if line is not None:
        order = _extract(line, today=today, pipeline=pipeline)
        return order if order.kind == "order" else None
    line = completed_order_text(text, read_row)  # "sell 2 of the SPY 975 calls @ 8.20"
    if line is None:
        return None
    order = _extract(line, today=today, pipeline=pipeline)
    if order.kind == "order" and order.missing and line == text.strip().rsplit("\n", 1)[-1]:
        return order  # two rows hold the contract named: the bot asks for what is left out
    return order if _whole_and_sure(order) else None


def _extract_message(text: str, *, today: date, pipeline: OrderPipeline) -> ParsedOrder:
    """The rules' reading of ``text``."""
    taken = _alert_taken_up(text, today, pipeline)
    if taken is not None:
        return taken  # "> Ray: BTO NVDA 430c 9/23 @ 3.40⏎same but the 425c, 2 @ 4.60"
    if "\n" in text.strip() and (pointed := _pointed_order(text, today, pipeline)) is not None:
        # "TSLA $600 Call 11/18 · 2 contracts · ...⏎STC the TSLA line, both @ 21.90", under a
        # bot's quoted post too ("> 📋 PosBot ...⏎> 1  XSP ...⏎BTC rows 1-2, all 5 @ .18")
        return pointed
    paragraph = own_paragraph_after_relayed(text)
    if paragraph is not None:
        own = _extract_message(paragraph, today=today, pipeline=pipeline)
        if _whole_and_sure(own) or _whole(own):
            # "> Apex Flow: BTO NVDA 330C ...\n\nclosing mine: STC 1 NVDA 330c ...": the writer's
            # own whole order, not the relayed one (asked about when the parser is unsure)
            return own
        taken = take_up_after_relayed(
            text, paragraph, lambda line: _extract(line, today=today, pipeline=pipeline)
        )
        if taken is not None:
            return taken  # "APEXFLOW: 🚨 ALERT BTO XSP 11/21 785P @ 2.30 ...\n\nin, x2"
        if own.kind != "order":
            clause = _last_own_clause(paragraph, today, pipeline)
            if clause is not None:
                return clause  # "> how long do you hold ...?⏎... today they paid me: STC 2 ..."
        if own.kind != "order" and not sends_relayed(paragraph):
            # "APEXFLOW: 🚨 ALERT BTO ...\n\nthe SMS is slower than discord lol": the order is
            # the relayed block's, and the writer's own words neither take it up nor send it
            return _none(
                "an order relayed from elsewhere, not taken up", unknown=own.unknown_tokens
            )
    order = _extract(text, today=today, pipeline=pipeline)
    if order.kind != "order" and (bot_alert := _bot_alert(text, order, today, pipeline)):
        return bot_alert
    if ("|" in text or "\t" in text or text.count(",") >= 4) and (
        tabled := table_order_text(text)
    ) is not None:
        row = _extract_message(tabled, today=today, pipeline=pipeline)
        if row.kind == "order" or order.kind != "order":
            return row  # "| STO | 2 | IWM | 330/325 PCS | 9/27 | 0.58 |": the row's order
    if order.kind != "order" and TWO_STRIKES in order.notes:
        # "KO  -4  Jun 20  80 P  1.30 cr ...⏎same KO trade one strike lower: STO 2 KO 77.5p ...",
        # "AMD 161.90, IV 44 / IVR 38. 3 CSPs = $48k collateral ... STO 3 AMD 160p 9/2 @ 2.45":
        # rows or numbers before it, the writer's own whole order in the last clause
        last = _last_own_clause(text.strip().rsplit("\n", 1)[-1], today, pipeline)
        if last is not None:
            return last
    if not (order.kind == "order" and order.sure) and (
        between := _order_line_between_paragraphs(text, today, pipeline)
    ):
        return between  # (a reading the parser is unsure of took numbers from the paragraphs)
    remarked = _order_before_remark(text, order, today, pipeline)
    if remarked is not None and not (order.kind == "order" and order.sure):
        return remarked
    if remarked is not None and (
        _shapes(remarked, exact=True) != _shapes(order, exact=True)
        or _price_from_remark(text, remarked.price, order.price)
    ):
        # "STO 3 QQQ 1000c 5/20 @ 5.60, collar on 300 of them": the sure whole reading took
        # numbers from the remark; the order's own clause is whole alone (asked about)
        return replace(remarked, doubt=_REMARK_AFTER)
    if (
        order.kind == "order"
        and "|" not in text
        and (order.sure or _talk_around_order_sentence(text))
        and apply_corrections(text) == text
        and (sentence := _last_order_sentence(text, today, pipeline)) is not None
        and _contracts(sentence) != _contracts(order)
    ):
        # "JPM 330 straddle 7/22: paid 13.10, ... C 110/115 strangle flat. taking JPM off
        # before the print: sell 1 JPM 330 straddle 7/22 @ 14.55": the whole reading took
        # strikes from the talk; the one order sentence is whole alone (asked about, unless
        # the whole reading left fields out: "my DAL strangle paid me, now sell 100 DAL at
        # market" is no strangle without strikes; a reading already unsure stays asked:
        # "... straddle math: ... so I sell wings, not the straddle:⏎STO 1 JPM ... IC")
        sure = order.sure and order.missing
        return replace(sentence, doubt=None if sure else order.doubt or _REMARK_AFTER)
    if (
        order.kind == "order"
        and order.sure
        and "|" not in text
        and _talk_around_order_sentence(text)
        and apply_corrections(text) == text
        and (sentence := _one_order_sentence(text, today, pipeline, sure=False)) is not None
        and (sentence.price is not None or _says_market(text))
        and (sentence.underlying, _contracts(sentence)) != (order.underlying, _contracts(order))
    ):
        # "VIX 14.6 ... the 1000 strike is 4% under.⏎STO 2 XSP 1000/995 PCS 4/26 @ .62⏎if CPI
        # runs hot I roll it down ...", "selling the vol spike, VIX 19⏎SELL -1 IRON CONDOR SPX
        # ...": the whole reading took numbers or a ticker from the talk around the one order
        # sentence, which is whole alone (asked about: the talk may still change it)
        return replace(sentence, doubt=_REMARK_AFTER)
    if not (order.kind == "order" and order.sure) and (
        after_status := _order_after_status(text, today, pipeline)
    ):
        return after_status
    if order.kind != "order" and (after_lead := _order_after_closed_lead(text, today, pipeline)):
        return after_lead
    if not (order.kind == "order" and order.sure) and (
        inside := _order_clause_in_reasoning(text, today, pipeline)
    ):
        return inside
    if " / " in text and (block := spread_pair_block(text)) is not None:
        pair = _extract(block, today=today, pipeline=pipeline)
        if _whole_and_sure(pair) and len(pair.legs) == 4:
            return replace(pair, notes=())  # "roll: BTC 2 AAPL 335/330 PCS 2/3 / STO 2 ..."
    if order.kind != "order" and (paired := _ticker_first_pair(text)) is not None:
        pair = _extract(paired, today=today, pipeline=pipeline)
        if _whole_and_sure(pair):
            return pair  # "AAPL x3 BTC 3/14 342.5c STO 3/21 347.5c for .35 cr"
    if order.kind != "order" and "roll" in text.lower():
        rolled = _spread_roll(text, today, pipeline)
        if rolled is not None:
            return rolled  # "roll my 2 XSP 905/900 PCS 2/19 down and out to 890/885 PCS 3/5 ..."
    if order.kind != "order":
        for own_text in own_order_after_relayed(text, _opens_with_action):
            own = _extract(own_text, today=today, pipeline=pipeline)
            if (
                own.kind == "order"
                and own.sure
                and (own.price is not None or own.order_type == "market")
            ):
                return own  # "etrade sms: '... expired unfilled.' still want it — buy 20 V ..."
        again = relayed_order_sent_again(
            text, lambda line: _extract(line, today=today, pipeline=pipeline)
        )
        if again is not None:
            return again  # "RH push: 'Your limit order for 2 COIN ... expired.' resubmit it"
        if (
            len(text) >= _LONG_POST
            and "\n" not in text.strip()
            and (sentence := _one_order_sentence(text, today, pipeline)) is not None
            and not _EXAMPLE_LEAD.search(_sentence_lead(text))
        ):
            # "XOM ran 8% in two weeks ... I'm not selling shares, ..., but I'll rent out some
            # upside: sell to open 2 XOM 170 calls Oct @ 1.15. If they get called ...": a long
            # post's talk refused the whole, its one order sentence is whole alone (asked)
            return replace(sentence, doubt=_REMARK_AFTER)
        return order
    if not order.sure:
        for own_text in own_order_after_relayed(text, _opens_with_action):
            own = _extract(own_text, today=today, pipeline=pipeline)
            if own.kind == "order" and own.sure and own.underlying == order.underlying:
                return own  # "ChatGPT suggested a put credit spread on QQQ; I'm taking ..."
    if "|" in text or not any(mark in text for mark in ".!?\n"):
        return order
    if (
        not order.sure
        and "\n" not in text.strip()
        and apply_corrections(text) == text
        and (sentence := _one_order_sentence(text, today, pipeline)) is not None
        and _contract_of(sentence) != _contract_of(order)
    ):
        # "... VIX popped to 15.9 ... STO 1 XSP 1130/1135 CCS 5/30 @ .55. That's 3.2% above
        # ...": the reading of the whole post took numbers and tickers from its talk
        return replace(sentence, doubt=order.doubt or _REMARK_AFTER)
    return _acting_sentence_reading(text, order, today, pipeline)


def _contracts(order: ParsedOrder) -> list[tuple[str, Decimal, date]]:
    """The contracts an order's legs trade (type, strike, expiration), in a fixed order; not
    the counts or the price, which talk before an order may give it ("me too, 3 contracts:
    buy AMZN 300c 5/16 @ 5.20")."""
    return sorted(
        (leg.type or "", leg.strike or Decimal(0), leg.expiration or date.min) for leg in order.legs
    )


def _talk_around_order_sentence(text: str) -> bool:
    """Whether ``text`` holds words besides its one order sentence (see _order_sentence_span)
    and a request's opening ("please"): a message that is that sentence alone has no talk to
    take numbers from."""
    span = _order_sentence_span(text)
    if span is None:
        return False
    lead = text[: span[0]]
    polite = _POLITE_LEAD.match(lead)
    if polite is not None and polite.end() == len(lead):
        lead = ""  # "please buy ...": a request's words, no talk
    return bool(lead.strip() or text[span[1] :].strip(" \t\n.!"))


def _says_market(text: str) -> bool:
    """Whether the one order sentence of ``text`` (see _order_sentence_span) says "market"."""
    span = _order_sentence_span(text)
    return span is not None and chosen.SAYS_MARKET.search(text, *span) is not None


def _last_order_sentence(text: str, today: date, pipeline: OrderPipeline) -> ParsedOrder | None:
    """The reading of the one sentence of ``text`` that opens with an action and a count, when
    it ends the text after a sentence of talk and is whole, priced and sure alone (a price in
    the lead is the order's: "27.62 limit, day: buy 500 T shares"); None otherwise."""
    span = _order_sentence_span(text)
    if span is None or not text[: span[0]].strip() or text[span[1] :].strip(" \t\n.!"):
        return None
    own = _extract(text[span[0] :], today=today, pipeline=pipeline)
    priced = own.price is not None or chosen.SAYS_MARKET.search(text[span[0] :]) is not None
    return own if priced and _whole_and_sure(own) else None


def _order_sentence_span(text: str) -> tuple[int, int] | None:
    """Where the one sentence of ``text`` that opens with an action and a count starts and
    ends; None when no sentence or several open so."""
    starts = _order_starts(text)
    if len(starts) != 1:
        return None
    end = _ORDER_SENTENCE_END.search(text, starts[0])
    return starts[0], end.start() if end else len(text)


def _order_starts(text: str) -> list[int]:
    """Where each clause of ``text`` that opens with an action and a count starts; the text's
    own start counts as a break ("Please buy 100 more shares of JNJ at 183.10, good till
    cancelled. I should like a round 200 shares ...")."""
    return [match.end() - 1 for match in chosen.ORDER_START.finditer("\n" + text)]


def _one_order_sentence(
    text: str, today: date, pipeline: OrderPipeline, *, sure: bool = True
) -> ParsedOrder | None:
    """The reading of the one sentence of ``text`` that opens with an action and a count, when
    it is whole and sure alone (whole and priced, when not ``sure``); None otherwise."""
    span = _order_sentence_span(text)
    if span is None:
        return None
    own = _extract(text[span[0] : span[1]], today=today, pipeline=pipeline)
    if not sure:
        return own if _whole(own) and not own.missing else None
    return own if _whole_and_sure(own) else None


def _contract_of(order: ParsedOrder) -> tuple[object, ...]:
    """What an order trades and at what price (its legs as ``_shapes`` compares them)."""
    return (order.underlying, _shapes(order, exact=False), order.price, order.order_type)


_ORDER_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?=\s)|(?<=\d\.\d\d)\.(?=\s)|[.!?](?=\s+[A-Z])|\n")
# A post this long that the rules refuse may still hold one order sentence (see above), unless
# its own sentence leads it in as an example or a supposition ("Example (not an alert): own
# 100 T at 29, STO 1 T 31c 3/19 @ .35.").
_LONG_POST = 200
_EXAMPLE_LEAD = re.compile(
    r"\b(?:example|e\.g|say|like|such as|if|suppose|hypothetically|not an alert)\b", re.IGNORECASE
)
_SENTENCE_BREAK = re.compile(r"(?<!\d)[.!?](?=\s)|(?<=\d\.\d\d)\.(?=\s)")


def _sentence_lead(text: str) -> str:
    """The words of the sentence before the one order sentence of ``text`` begins (see
    _one_order_sentence), from the last sentence end before it."""
    start = _order_starts(text)[0]
    ends = [found.end() for found in _SENTENCE_BREAK.finditer(text, 0, start)]
    return text[ends[-1] if ends else 0 : start]


# Where a relayed alert's own line starts: after a quote mark, a reply arrow, a screenshot's
# tag or the caller's name ("> Ray: BTO ...", "[OCR] ...", "↪ Ray: ...").
_ALERT_LINE_LEAD = re.compile(r"\A[\s>↪]*(?:\[[^\]]*\]\s*)?(?:[^:|\n]{1,40}:\s+)?")
_SEPARATOR_LINE = re.compile(r"\A[\s\-—–_=*·]*\Z")
_HALF_SIZE = re.compile(r"(?<=\b(?:STC|BTC|STO|BTO) )[1-3]/[2-4] (?=[A-Z$])", re.IGNORECASE)


def _alert_taken_up(text: str, today: date, pipeline: OrderPipeline) -> ParsedOrder | None:
    """The one order of the alert above the message's last line, as that line takes it up
    (see nlp._take_up), or None."""
    lines = [line for line in text.strip().split("\n") if not _SEPARATOR_LINE.match(line)]
    if len(lines) < 2:
        return None
    taken = _reply_taken_up(lines[:-1], lines[-1], today, pipeline)
    if taken is None and len(lines) > 2 and not _QUOTED_LINE.match(lines[-2]):
        # "> 🚨 BTO SPY 1045c 0dte @ .85⏎fading this.⏎sell 2 at .90": the reply on two lines
        reply = f"{lines[-2].strip()} {lines[-1].strip()}"
        taken = _reply_taken_up(lines[:-2], reply, today, pipeline)
    return taken


# An alert bot's trade posted to copy ("🎯 ZeroBot | Tomas | BTO SPX 10480c 0DTE @ 3.90 | gap
# fill long", "🚨 AlertBot · Rae⏎STC LEN 165p 6/20 @ 5.10⏎+59% · done before the fed"): the
# bot's cell or line that opens with an alert code, whole and sure alone, asked about first (a
# bot's post may be a copy to take or only the room's record of it). A bot's data (flow, levels,
# P&L) writes no alert code and stays talk.
_BOT_NAME = re.compile(r"\b\w*bot\b", re.IGNORECASE)
_ALERT_CELL = re.compile(r"(?:\A|\n|\|)[ \t]*(?=(?:bto|sto|btc|stc)[ \t])", re.IGNORECASE)
_BOT_DATE_CELL = re.compile(r"\b[0-7]dte\b", re.IGNORECASE)
_BOT_ALERT = "a bot's alert: placed only if it is yours to copy."


def _bot_alert(
    text: str, order: ParsedOrder, today: date, pipeline: OrderPipeline
) -> ParsedOrder | None:
    if not any(guard.NEWS in note and _BOT_NAME.search(note) for note in order.notes):
        return None
    starts = [found.end() for found in _ALERT_CELL.finditer(text)]
    if len(starts) != 1 or _QUOTED_LINE.search(text):
        return None
    line_start = text.rfind("\n", 0, starts[0]) + 1
    if _BOT_NAME.search(text, line_start, starts[0]) and text[starts[0] :].strip().count("\n"):
        return None  # "🔔 AlertBot | ... | BTO ...⏎stopped at .45 lol": a member's line under it
    cell = re.split(r"[|\n]", text[starts[0] :], maxsplit=1)[0]
    own = _extract(cell, today=today, pipeline=pipeline)
    dated = _BOT_DATE_CELL.search(text[: starts[0]])
    if own.missing == ("expiration",) and dated is not None:
        # "🔔 AlertBot | SPY 1DTE | BTO SPY 985C @ 2.05": the date in the bot's header
        own = _extract(f"{cell} {dated.group(0)}", today=today, pipeline=pipeline)
    if not _whole_and_sure(own):
        return None
    return replace(own, doubt=_BOT_ALERT)


# A reply that writes a whole contract of its own: an action code or verb and strikes with
# their type ("... BUY +1 VERTICAL SPX 100 (Weeklys) 24 OCT 42 9850/9830 PUT @.45 LMT").
_OWN_CONTRACT_IN_REPLY = re.compile(
    r"\b(?:bto|sto|btc|stc|buy|sell)\b.*?\d(?:[cp]\b|[ \t]*(?:calls?|puts?)\b)", re.I
)


def _reply_taken_up(
    lines: list[str], reply: str, today: date, pipeline: OrderPipeline
) -> ParsedOrder | None:
    """The one order of the alert in ``lines`` as ``reply`` takes it up, or None."""
    changes = reply_changes(reply)
    if changes is None:
        return None
    if _OWN_CONTRACT_IN_REPLY.search(reply):
        written = _extract(reply, today=today, pipeline=pipeline)
        if _whole_and_sure(written):
            return written  # "same for the 10/24 one: BUY +1 VERTICAL SPX ... 9850/9830 PUT"
    found: dict[tuple[object, ...], ParsedOrder] = {}
    for line in lines:
        alert_line = _HALF_SIZE.sub("", line)  # "STC 1/2 NVDA 430c 9/23": half its size
        lead = _ALERT_LINE_LEAD.match(alert_line)
        own = alert_line[lead.end() :] if lead else alert_line
        # "> 🔔 AlertBot | marlow | BTO COIN 440c 6/21 @ 7.50": the bot's last cell
        cell = own.rsplit(" | ", 1)[-1] if " | " in own else own
        for candidate in dict.fromkeys((alert_line, own, cell)):
            read = _extract_message(candidate, today=today, pipeline=pipeline)
            if candidate is cell and cell is not own and read.missing:
                break  # "| QQQ 0DTE | STC QQQ 875C @ .70": the other cells held the rest
            if read.kind == "order" and read.legs:
                found.setdefault((read.underlying, *_shapes(read, exact=False)), read)
                break
    if len(found) != 1:
        return None  # no alert above the reply, or several: which one it takes up is unsaid
    (alert,) = found.values()
    return apply_changes(
        alert, changes, lambda candidate: _extract(candidate, today=today, pipeline=pipeline)
    )


# The writer's order on a line of its own between paragraphs of their reasoning ("VIX 14.1 after
# CPI. ... That's a condor week.⏎STO 1 SPX 8850/8875/9250/9275 IC 5/22 @ 4.60⏎manage at 50%.
# anyone else selling the crush?"): the one line that opens with an action, whole and sure
# alone, after a line whose last sentence holds no talk that governs it (a condition, a plan, a
# question, an example: "if it breaks 900:", "this would be the trade:"), before lines whose
# talk only reports, states or asks the room, or as the last line under a paragraph with no
# question in it ("pfe at 27.90 so the 31 call is almost free to buy back. locking it in⏎buy
# to close 1 pfe 31 call 10/16 @ .03"). The rules read the whole message as talk.
_SENTENCE_END = re.compile(r"[.!?]+[ \t]+(?=\S)")
_QUOTED_LINE = re.compile(r"^[ \t]*>", re.MULTILINE)
_PARAGRAPH_MIN_WORDS = 8
# What the last sentence before it may state, closed by its line's end as by a full stop: a
# past trade or the market's move, a statement, someone else's act ("range 898.20-899.60, broke
# up at 10:42", "Small caps are getting bid on rates").
_CLOSED_REASONS = guard.LOCAL_REASONS | {"a statement about a trade"}
# Above an order on a line of its own, a paragraph may also close on a report or a recap ("the
# last two prints both beat the implied"): the line below is the writer's decision.
_CLOSED_ABOVE_LINE = _CLOSED_REASONS | {guard.FLOW, guard.RECAP, guard.REPORT, guard.RESULT}
_TALK_AFTER = "a question or a condition follows the order."
# Talk after it that may be about what the trade does next or about the order itself: the
# order is asked about.
_TAIL_MAYBES = frozenset({guard.HYPOTHETICAL, guard.PLAN, guard.FLOW})
# A line that opens with the writer's action, or asks for it politely ("Please buy to close 3
# JNJ 175 calls ...", "I'd like to sell 3 JNJ 180 calls ...").
_POLITE_LEAD = re.compile(
    rf"(?:{_REQUEST_OPENING.pattern}|\s*i(?:'?d|\s+would)\s+like\s+to\b|\s*i\s+want\s+to\b)\s+",
    re.IGNORECASE,
)


def _last_sentence(text: str) -> str:
    return text[max((end.end() for end in _SENTENCE_END.finditer(text)), default=0) :]


def _last_sentence_cues(lead: str, today: date, pipeline: OrderPipeline) -> list[guard.Cue]:
    """The cues of talk in the last sentence of ``lead`` (none for an empty one)."""
    last_sentence = _last_sentence(lead)
    if not last_sentence.strip():
        return []
    return _run(normalize(last_sentence), today, pipeline)[1].cues


def _governing(cues: list[guard.Cue], closed: frozenset[str] = _CLOSED_REASONS) -> bool:
    """True when a cue may govern the trade after it (a condition, a plan, a question, an
    example); a soft cue or a closed statement (``closed``) does not."""
    return any(cue.weight != guard.SOFT and cue.reason not in closed for cue in cues)


def _short_lead_reports(lead: str, cues: list[guard.Cue]) -> bool:
    """True when a short sentence before an order reports a trade of the writer's ("Took
    profits on MSFT. STC 2 MSFT 500c ...") or someone else's ("he did this. btc 1 dis ..."):
    the order is its detail, not a new one."""
    return bool(_OTHERS_LEAD.match(lead)) or any(
        cue.reason == guard.PAST and cue.weight != guard.SOFT for cue in cues
    )


_OTHERS_LEAD = re.compile(
    r"\W*(?:he|she|they|someone|somebody|everyone|everybody)\b(?!['\u2019]s)", re.IGNORECASE
)


def _past_result(cues: list[guard.Cue]) -> bool:
    """True for a line that reports a trade closed before ("last week's alert AMD 255c 3/18:
    in 2.40, out 7.60"): a result in the past, closed, not a heading over the order below."""
    reasons = {cue.reason for cue in cues}
    return guard.RESULT in reasons and guard.PAST in reasons


def _acting_line(line: str) -> bool:
    polite = _POLITE_LEAD.match(line)
    return _opens_with_action(line[polite.end() :] if polite else line)


# What the lines after it may hold besides soft talk (a question only to the room: a line with
# any other "?" keeps the message talk).
_TAIL_REASONS = frozenset(
    {guard.PAST, guard.REPORT, guard.RECAP, guard.QUESTION, "a statement about a trade", "a result"}
)


# A short line of the market's status over the order's line, naming its ticker and a level
# ("XOM broke 112⏎sell 100 XOM at market", "XLE 99, the draw did it⏎sell 100 XLE at 99.10"):
# the writer's reason, typed on a phone, not a heading (no colon, bullet, bar, tag or mention).
_STATUS_HEADING_MARK = re.compile(r"[:·|#@>\[\]]")


def _status_line(line: str, order_line: str) -> bool:
    """True when ``line`` is a short status naming a ticker of ``order_line`` and a number."""
    if _STATUS_HEADING_MARK.search(line) or not any(ch.isdigit() for ch in line):
        return False
    tickers = set(_STATUS_TICKER.findall(order_line))
    return bool(tickers & set(_STATUS_TICKER.findall(line)))


_STATUS_TICKER = re.compile(r"(?<![\w$])\$?([A-Z]{1,5})\b")


def _order_line_between_paragraphs(
    text: str, today: date, pipeline: OrderPipeline
) -> ParsedOrder | None:
    """The writer's order on its own line between or under paragraphs (see above), or None."""
    if "`" in text or _QUOTED_LINE.search(text):
        return None  # a code block or a quote: an order shown or relayed
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    acting = [at for at, line in enumerate(lines) if _acting_line(line)]
    if len(acting) != 1 or acting[0] == 0:
        return None
    at = acting[0]
    if at == len(lines) - 1 and any("?" in line for line in lines[:at]):
        return None  # the last line under a question: an order asked about or shown
    before = lines[at - 1]
    cues = _last_sentence_cues(before, today, pipeline)
    if (
        len(_PROSE_WORD.findall(before)) < _PARAGRAPH_MIN_WORDS
        and not _past_result(cues)
        and not _status_line(before, lines[at])
    ):
        return None  # a heading, a header or a ticket's line, not the writer's reasoning
    if (
        before.endswith("?")
        or _governing(cues, _CLOSED_ABOVE_LINE)
        or (before.endswith(":") and cues)  # a heading with any talk in it heads the order
    ):
        return None
    asked = False
    for line in lines[at + 1 :]:
        asked = asked or ("?" in line and not asks_the_room(line))
        cues = _run(normalize(line), today, pipeline)[1].cues
        hard = [cue for cue in cues if cue.weight != guard.SOFT and cue.reason not in _TAIL_REASONS]
        if any(cue.reason not in _TAIL_MAYBES for cue in hard):
            return None
        asked = asked or bool(hard)
    own = _extract(lines[at], today=today, pipeline=pipeline)
    if not _whole_and_sure(own):
        return None
    # a question about the order after the writer's reasoning and decision ("is .62 too much
    # to pay the day before?") may still be a question whether to place it, and a condition
    # after it ("if it pops 10% these print") may still be one on it: the bot asks
    return replace(own, doubt=_TALK_AFTER) if asked else own


# An order written whole in the message's first clause, then a remark of the writer's own
# after a break ("STC 2 SPY 915c 0dte @ 3.05. +330, CPI day gods are kind", "BTO 1 MSFT 620c
# 10/30 @ 8.90 — watching the 640c too but 3.10 is too rich for a lotto", "buy 30 JPM at
# 317.90. @mara congrats on the straddle ... lol"): the remark's talk and numbers are not the
# order's. Not when the remark takes the order back, conditions it, asks about it or reports
# its fill ("— nvm", ", if it closes above 390", ". good idea or dumb?", ", filled at 9:47").
# The clause runs on over breaks while it reads the same order ("..., good til canceled."); a
# remark may open with "and", "with" or "but" ("... @ .78 and that's the last new risk").
_REMARK_BREAK = re.compile(
    # (a run of blanks is tried from its start only: from inside it no match is new, and a
    # message of 2,000 blanks took 0.1 s of retries)
    r"(?:[.!;]+(?=\s)|,(?=\s)|(?<![ \t])[ \t]+(?:\u2014|\u2013|-|\u2026|\.\.\.)"
    r"|(?<![ \t])[ \t]*\n"
    r"|(?<![ \t])[ \t]+(?=(?:and|with|but|against|on[ \t]+(?:my|the))[ \t])"
    r"|(?<![ \t])[ \t]+[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]+(?=[ \t]))[ \t]*(?=\S)",
    re.IGNORECASE,
)
_REMARK_VETO = re.compile(
    # taken back, corrected or put off
    r"\b(?:nvm|nevermind|never\s+mind|(?<!a\s)scratch|cancel(?:led)?|forget|ignore|disregard|"
    r"kidding|jk|oops|typo|wait|actually|nah|nope|or\s+not|not\s+today|not\s+yet|dreams?|later|"
    # (paper trading; a gain "on paper" is no take-back)
    r"not\s+placing|not\s+doing|no\s+trade|(?<!on\s)paper|i\s+mean|i\s+meant|make\s+(?:it|that)|"
    r"sorry|correction|edit|instead|will|gonna|"
    # conditioned, hedged or asked about
    r"if|unless|contingent|only\s+(?:if|when|once|on|above|below|under|over|after|before)|"
    r"when|once|maybe|perhaps|might|looks|seems|need|needs|"
    # (a regret about an earlier trade does not hedge this one: "should have sold all 5")
    r"example|e\.g|hypothetically|would|should(?!\s+have|'ve)|could|thoughts|wdyt|opinions?|"
    # its own fate reported: filled, stopped, assigned
    r"filled|fill|fills|executed|working|pending|expired|stopped|assigned|exercised)\b"
    r"|\A\W*(?:does|do|is|are|am|was|did|can)\b|[?]",
    re.IGNORECASE,
)
# ... or sold or bought by the writer ("..., sold at 1.60", "... sold it 2 days ago"); not the
# entry of the position the order closes, dated in the past ("sell 100 KO at 83.60 gtc. bought
# them at 79.90 in january"): the position's story.
_REMARK_FATE = re.compile(
    r"\bi\s+(?:sold|bought|closed|opened|got)\b"
    r"|\A\W*(?:and[ \t]+)?(?:sold|bought|closed|opened|got|cut|took|rolled|added|trimmed)\b",
    re.IGNORECASE,
)
# (a share order's remark that opens with its own trade reports a swap made with it: "sell 100
# sh COIN @ 327.40, bought 2 COIN 300c at 4")
_OPENS_WITH_FATE = re.compile(
    r"\A\W*(?:and[ \t]+)?(?:sold|bought|closed|opened|got|cut|took|rolled|added|trimmed)\b",
    re.IGNORECASE,
)
_PAST_ENTRY = {
    "sell": re.compile(r"\A\W*(?:and[ \t]+)?bought\b", re.IGNORECASE),
    "buy": re.compile(r"\A\W*(?:and[ \t]+)?sold\b", re.IGNORECASE),
}
_PAST_TIME = re.compile(
    r"\b(?:yesterday|ago|last[ \t]+(?:week|month|year|quarter|mon|tue|wed|thu|fri)[a-z]*"
    r"|(?:in|back[ \t]+in|since)[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"|(?:on[ \t]+)?(?:monday|tuesday|wednesday|thursday|friday))\b",
    re.IGNORECASE,
)
# An exit plan in the remark is conditional by nature ("initial stop 92.80, then I trail it 5%
# once it's up 5%"): it manages the order, it does not govern whether it is placed.
_EXIT_PLAN = re.compile(
    r"\b(?:stop|stops|stoploss|sl|tp|pt|pts|ts|tsl|target|targets|trail|trailing)\b", re.I
)
# A condition with an outcome of its own, closed in its sentence ("If 956 breaks this could
# run.", "if it doesn't fill I'll try again Thursday", "if it never comes back down, I'll live
# with that"): what the trade may do, not a condition on placing it ("if it breaks 701 I'm in").
_OWN_OUTCOME = re.compile(
    r"\A\W*(?:(?:and|but|so)[ \t]+)?(?:if|once|when)[ \t]+\S+(?:[ \t]+[^\s,!?;]+)*?"
    r"(?:,[ \t]*|[ \t]+)"
    r"(?:i(?:'ll|'m|[ \t]+will|[ \t]+am)?|this|that|it(?:'s|[ \t]+will)?|we|you|they)[ \t]+"
    r"(?!(?:in|send|place|enter|execute|pull|take[ \t]+it|do[ \t]+it|go|buy|sell|try[ \t]+it)\b)"
    r"[a-z]"
    # or a step on the order's fill: "if it doesn't fill, walk it down a nickel at a time"
    r"|\A\W*(?:(?:and|but|so)[ \t]+)?if[ \t]+(?:it|this|that)[ \t][^,.!?;]*,[ \t]*"
    r"(?:walk|move|bump|raise|lower|drop|cancel|leave|let|adjust|chase|reprice)\b"
    # or the writer's own step on it: "pulling it if it's not filled before the event"
    r"|\A\W*(?:(?:and|but|so)[ \t]+)?(?:i'?ll[ \t]+)?"
    r"(?:pull|pulling|cancel|canceling|cancelling|walk|walking|kill|killing)[ \t]+it\b"
    # or what a market, a level or a price would be then: "If they cut, OXY is the high-beta
    # way to play it", "If it breaks up, 11,040 is the next wall", "If not, 360 is the price"
    r"|\A\W*(?:(?:and|but|so)[ \t]+)?if[ \t][^,.!?;]*,[ \t]*"
    r"(?:(?:[\w$.%-]+[ \t]+){1,4}?(?:is|are|was|were)\b|(?:that|it|this)['\u2019]s\b)",
    re.IGNORECASE,
)
_REMARK_MIN_WORDS = 5  # a remark of its own, not a word tacked on ("maybe", "assigned")
# A remark joined to the order's clause ("..., one lot for the weekend and next week"): it may
# be short, but not the order's own story ("... and it tanked the next day").
_JOINED = re.compile(r"(?:and|with|but|against|on[ \t]+(?:my|the))[ \t]", re.IGNORECASE)
# what the order is written against ("... @ .24 against the 200 I bought yesterday", "... on my
# 100 BAC"): the shares' story, not the order's
_COVERING = re.compile(r"(?:against|on)[ \t]", re.IGNORECASE)
# the joined clause's own verb in the past, within its first words ("and it tanked the next
# day"), not a past form further on ("and that's +375 on a trade that lasted a day")
_PAST_FORM = re.compile(r"(?:\S+[ \t]+){1,3}?[a-z]{3,}ed\b", re.IGNORECASE)
_REMARK_SOFT_REASONS = frozenset({guard.JOKE})
_REMARK_AFTER = "talk follows the order: it may be about it."
# The order's clause names its price or the market ("... @ 3.05", "at market").
# A question to the room closing the remark ("... that's my month, anyone else catch the CPI
# flush?", "... or am I early?" after "anyone else buying the yield"): the others' trades.
_ROOM_QUESTION = re.compile(
    r"(?:(?<=[.!,;])|\A)[ \t]*(?:anyone|anybody|who[ \t]+else|any[ \t]+of[ \t]+you)\b[^?\n]*\?"
    r"[ \t]*\Z",
    re.IGNORECASE,
)
_PRICED_HEAD = re.compile(
    r"(?:@|\bat\b|\bfor(?:[ \t]+an?\b)?|\blimit\b|\blmt\b)[ \t]*\$?\.?\d|\b(?:market|mkt)\b",
    re.I,
)


def _room_question_only(remark: str, room_questions: int, written: str) -> bool:
    """True when the remark after the order was only a question to the room about trades of
    their own (see _ROOM_QUESTION), pointing at nothing of the order's (``written``)."""
    return bool(room_questions) and not _PROSE_WORD.search(remark) and not _POINTER.search(written)


_POINTER = re.compile(r"\b(?:this|it|that|these|those|them|mine|me|my)\b", re.IGNORECASE)


def _remark_words(remark: str) -> int:
    """The words of ``remark``, its numbers counted ("+375. SPY 1008.70, the 1005p did .18 →
    .45, meh" is a remark of its own, not a word tacked on)."""
    return len(_PROSE_WORD.findall(remark)) + len(_REMARK_NUMBER.findall(remark))


_REMARK_NUMBER = re.compile(r"(?<![\w.])[-+$]?\.?\d[\d,.]*[a-z%]?(?![\w.])", re.IGNORECASE)


# A remark's part about another contract ("STO 3 SOFI 20c ... @ .41. the 19c I bought back
# thursday for .12 would be .55 now"): its story, hedged or reported, unless it takes
# something back or puts it off.
_OTHER_CONTRACT_STORY = re.compile(
    r"\b(?:nvm|nevermind|never\s+mind|scratch|cancel(?:led)?|forget|ignore|disregard|kidding|jk|"
    r"oops|typo|wait|actually|nah|nope|instead|sorry|correction|edit|i\s+mean|i\s+meant|"
    r"make\s+(?:it|that)|if|unless|only|rather)\b|[?]",
    re.IGNORECASE,
)


_LONG_REMARK_SENTENCES = 2
# A later trade of the writer's own, planned in the remark ("I'll buy this lot back under 29.50
# if it comes back", "I'll add another 30 under 93 if ...", "I'll write calls against it"):
# another order to come, not a condition on this one.
_LATER_TRADE = re.compile(
    r"\bi(?:'ll|\s+will)\s+(?:buy|sell|add|write|roll|trim)\b(?![^,.;!?]*\b(?:it|this|these|them)\b"
    r"[^,.;!?]*\bif\b)",
    re.IGNORECASE,
)
_TAKE_BACK = re.compile(
    r"\b(?:nvm|nevermind|never\s+mind|scratch\s+(?:that|it|this)|cancel(?:led)?|forget\s+(?:it|that)"
    r"|ignore|disregard|kidding|jk|oops|typo|not\s+placing|not\s+doing\s+(?:it|this|that)"
    r"|no\s+trade|(?<!on\s)paper\s+trad\w*|correction|edit|nah|nope|not\s+today|not\s+yet"
    r"|wait|actually|or\s+not|dreams?|sorry|i\s+mean|i\s+meant|make\s+(?:it|that)|instead)\b|[?]",
    re.IGNORECASE,
)


def _names_other_contracts(part: str, strikes: frozenset[Decimal]) -> bool:
    """True when ``part`` names contracts, none of them at the order's ``strikes``, and takes
    nothing back (see _OTHER_CONTRACT_STORY)."""
    named = chosen.contracts(part)
    if not named or _OTHER_CONTRACT_STORY.search(part):
        return False
    return not any(Decimal(strike) in strikes for strike in named)


def _remark_vetoed(
    remark: str, side: str | None = None, strikes: frozenset[Decimal] = frozenset()
) -> bool:
    """True when a part of ``remark`` takes the order back, conditions it, asks about it or
    reports its fill (_REMARK_VETO, _REMARK_FATE), an exit plan aside; a condition with an
    outcome of its own closes the rest of its sentence (_OWN_OUTCOME). ``side`` is the order's:
    the past entry of the position it closes is no fate of its own (_PAST_ENTRY). A part that
    names only contracts other than the order's (``strikes``) tells their story, not its own,
    unless it takes something back (_OTHER_CONTRACT_STORY)."""
    entry = _PAST_ENTRY.get(side or "")
    sentences = _SENTENCE_START.split(remark)
    # in a long remark, reasoning sentences after the first hedge the writer's view, not the
    # order: only a take-back or a question there still counts ("... buy 30 WMT at 97.10.
    # That brings me to 130 shares, and I'll add another 30 under 93 if the market keeps
    # panicking about it. Birch is selling the volatility, I'm buying the company.")
    long_remark = len(sentences) >= _LONG_REMARK_SENTENCES
    for number, sentence in enumerate(sentences):
        at = 0
        veto = _TAKE_BACK if long_remark and number > 0 else _REMARK_VETO
        for brk in [*_REMARK_BREAK.finditer(sentence), None]:
            end = len(sentence) if brk is None else brk.start()
            if _OWN_OUTCOME.match(sentence[at:]):
                break
            part = sentence[at:end]
            # (a share order's remark names only other contracts: "sell 100 F at 13.75 gtc,
            # ... the 2 F 14c April I sold at .24 are .19 now")
            if (
                _names_other_contracts(part, strikes)
                and (strikes or not _OPENS_WITH_FATE.match(part))
            ) or _LATER_TRADE.search(part):
                at = end if brk is None else brk.end()
                continue
            if (
                veto.search(part)
                or (
                    _REMARK_FATE.search(part)
                    and not (entry and entry.match(part) and _PAST_TIME.search(part))
                )
            ) and not _EXIT_PLAN.search(part):
                return True
            at = end if brk is None else brk.end()
    return False


_WRITTEN_NUMBER = re.compile(r"(?<![\d.])\d*\.?\d+")


def _price_from_remark(text: str, own: Decimal | None, whole: Decimal | None) -> bool:
    """True when the whole reading's price is written after the order clause's own ("STC 2
    SPY 950p 0dte @ 1.55, if it won't fill in 15 min I'll take 1.40"), not a price the clause
    cut short ("@ 1 and a quarter")."""
    if own is None or whole is None or own == whole:
        return False
    numbers = [(Decimal(found.group()), found.start()) for found in _WRITTEN_NUMBER.finditer(text)]
    own_at = next((at for value, at in numbers if value == own), None)
    whole_at = max((at for value, at in numbers if value == whole), default=-1)
    return own_at is not None and whole_at > own_at


def _order_before_remark(
    text: str, order: ParsedOrder, today: date, pipeline: OrderPipeline
) -> ParsedOrder | None:
    """The order in the message's first clause when a remark follows it (see above), or None."""
    if (
        not text[:1].isalnum()
        or "`" in text
        or _QUOTED_LINE.search(text)
        or apply_corrections(text) != text
    ):
        return None
    polite = _POLITE_LEAD.match(text)
    body_at = polite.end() if polite else 0
    if not _opens_with_action(text[body_at:]):
        return None
    first_line_end = text.find("\n") % (len(text) + 1)
    # where the first price ends: a head before it names none (found once, not per head)
    priced_end = min((found.end() for found in _PRICED_HEAD.finditer(text)), default=len(text) + 1)
    own: ParsedOrder | None = None
    remark_at = first_remark_at = 0
    for brk in _REMARK_BREAK.finditer(text, body_at):
        if brk.start() > first_line_end:
            break
        head = text[: brk.start()]
        if own is None and priced_end > brk.start():
            continue
        if own is not None and _opens_with_action(text[remark_at:]):
            break  # "..., hedge for christmas. btc trades tomorrow": another act's clause
        read = _extract(head, today=today, pipeline=pipeline)
        if not _priced_and_sure(read) or (
            own is not None and (read.legs != own.legs or read.price != own.price)
        ):
            break  # the order's clause ended at the break before
        own, remark_at = read, brk.end()
        first_remark_at = first_remark_at or remark_at
    if own is None:
        return None
    # a question to the room after it asks about others' trades, not about this one
    remark, room_questions = _ROOM_QUESTION.subn("", text[remark_at:])
    if _remark_words(remark) < _REMARK_MIN_WORDS:
        # "... @ 8.40 — the Nov one from monday is at 7.90 already, +190 on paper": the
        # reading ran on into the remark
        remark, room_questions = _ROOM_QUESTION.subn("", text[first_remark_at:])
    remark = remark.rstrip()
    # ("buy 200 T at 27.80 day order. anyone else buying the yield, or am I early?", not
    # "... @ .40, anyone else think it runs?": a question about this order)
    room_only = _room_question_only(remark, room_questions, text[remark_at:])
    if (
        (_remark_words(remark) < _REMARK_MIN_WORDS and not _JOINED.match(remark) and not room_only)
        or any(_acting_sentence(part) for part in _SENTENCE_START.split(remark))
        or "?" in remark
        or _remark_vetoed(
            remark,
            own.legs[0].side if own.legs else None,
            frozenset(leg.strike for leg in own.legs if leg.strike is not None),
        )
    ):
        return None
    cues = _run(normalize(remark), today, pipeline)[1].cues
    joined = _SENTENCE_START.split(remark, maxsplit=1)[0]
    if (
        _JOINED.match(remark)
        and not _COVERING.match(remark)
        and (
            _PAST_FORM.match(joined)
            or any(
                cue.reason == guard.PAST and cue.weight != guard.SOFT
                for cue in _run(normalize(joined), today, pipeline)[1].cues
            )
        )
    ):
        return None  # "STO 1 SPY 600p 12/18 @ 2.00 and it tanked the next day": its story
    if order.kind == "order":
        return replace(own, doubt=order.doubt, remarks=order.remarks)  # as unsure as before
    if room_only:
        return replace(own, doubt=_REMARK_AFTER)  # the room may be asked about this one
    # the rules turned the message away for its remark: the bot asks unless the remark holds
    # no talk but a laugh ("... @ .30 … theo sold his shares so somebody has to hold the coke")
    if any(cue.reason not in _REMARK_SOFT_REASONS for cue in cues) or (
        len(_SENTENCE_START.split(remark)) >= _LONG_REMARK_SENTENCES
    ):
        return replace(own, doubt=_REMARK_AFTER)  # (a long remark is asked about too)
    return own


def _order_after_closed_lead(text: str, today: date, pipeline: OrderPipeline) -> ParsedOrder | None:
    """The last sentence, an order whole and sure alone, after statements of eight words or
    more that hold no question, head nothing (no colon) and govern no trade in their last
    sentence, and name none of its contracts ("KO got me 300 shares at 80 back in December, PFE
    never did. buy 200 PFE at 28.90 gtc"), asked about: the rules read the statements as talk.
    None otherwise."""
    sentence = _instruction_sentence(text)
    if sentence is None or "`" in text or _QUOTED_LINE.search(text):
        return None
    lead = text[: len(text) - len(sentence)]
    if (
        "?" in _SELF_ANSWERED.sub(".", lead)
        or lead.rstrip().endswith(":")
        or len(_PROSE_WORD.findall(lead))
        < (_CLOSED_LEAD_MIN_WORDS if _SENTENCE_CLOSED.search(lead) else _PARAGRAPH_MIN_WORDS)
    ):
        return None
    last_sentence = _last_sentence(lead.rstrip().rsplit("\n", 1)[-1])
    # a sentence of prose closing on a report or a recap ("just following the tape with a hard
    # stop at 863.") governs no trade after it; a table's recap ("Open P/L") may head one
    closed = (
        _CLOSED_ABOVE_LINE
        if len(_PROSE_WORD.findall(last_sentence)) >= _PARAGRAPH_MIN_WORDS
        else _CLOSED_REASONS
    )
    cues = _last_sentence_cues(lead, today, pipeline)
    if _governing(cues, closed) or (
        len(_PROSE_WORD.findall(lead)) < _PARAGRAPH_MIN_WORDS and _short_lead_reports(lead, cues)
    ):
        return None
    if set(chosen.contracts(lead)) & set(chosen.contracts(sentence)) and _TRADED.search(lead):
        # "sold the SOFI 20p at .36 and bought them back. BTC 10 SOFI 20p ...": its report (a
        # quote of the contract is not: "The 190s for September are 1.05, ... sell 2 PG 190c")
        return None
    own = _extract(sentence, today=today, pipeline=pipeline)
    if not _whole_and_sure(own):
        return None
    return replace(own, doubt=_REMARK_AFTER)


# A short status before the order, then a remark after it ("NFLX +11%. STC 1 NFLX 1300c 10/17
# at market. the 1200p are worthless, letting them expire", "f 12.25. sell 10 f at 12.25, +3.30
# lol but green is green"): the status is the market's, closed by a full stop and holding no
# talk; the order and its remark are read as when the order opens the message.
_STATUS_MAX_WORDS = 6
_STATUS_END = re.compile(r"(?<!\.)[.!]+[ \t]+(?=\S)")


def _order_after_status(text: str, today: date, pipeline: OrderPipeline) -> ParsedOrder | None:
    """The order after a short status and before a remark (see above), or None."""
    end = _STATUS_END.search(text)
    if end is None or "\n" in text[: end.start()] or not _acting_sentence(text[end.end() :]):
        return None
    status = text[: end.start()]
    if "?" in status or len(_PROSE_WORD.findall(status)) > _STATUS_MAX_WORDS:
        return None
    if any(cue.weight != guard.SOFT for cue in _run(normalize(status), today, pipeline)[1].cues):
        return None
    return _order_before_remark(text[end.end() :], _none("talk"), today, pipeline)


_TRADED = re.compile(
    r"\b(?:sold|bought|closed|opened|paid|filled|took|got|rolled|added|trimmed|entered|exited)\b",
    re.IGNORECASE,
)


# The order as one clause inside a paragraph of the writer's reasoning ("... That's a lower
# high on the 5-minute and the 957 level is next, so BTO 3 SPY 957p exp today @ 1.20 with a
# stop over 959.50.", "... It's just the rule, so sell 15 MSFT at 624.00 day, a touch over the
# market"): the one clause that opens with an action and a count after a break, whole and sure
# alone, after reasoning with no question and no talk that governs it, before a remark that
# neither takes it back nor conditions it (as after an order opening the message).
_REASONING_MIN_WORDS = 20
_CLOSED_LEAD_MIN_WORDS = 3
# A roll of the writer's position opening a sentence ("... are in the money now. roll my 5
# short F 11.5p 4/12 down and out to the 11p 4/26 for a .04 credit").
_ROLL_START = re.compile(
    r"(?:(?<!\.)[.!]+[ \t]+|(?<![ \t])[ \t]*\n\s*)(?=roll[ \t]+(?:my|the|all|\d)\b)", re.I
)
# A question the writer answers at once ("should I have sold the hedge yesterday? yes.", "Q:
# is selling puts on a soda company exciting? A: no."): no question left to the room.
_SELF_ANSWERED = re.compile(
    r"\?[ \t]*(?:a:[ \t]*)?(?:yes|yep|yeah|yup|no|nope|nah)\b[.!]*(?=\s|\Z)", re.IGNORECASE
)
_SENTENCE_CLOSED = re.compile(r"(?<!\.)[.!]+\s*\Z")
_CLOSED_LEAD = re.compile(r"(?<!\.)[.!]+[ \t]*\n?\s*\Z|\n\s*\Z")


def _order_clause_in_reasoning(
    text: str, today: date, pipeline: OrderPipeline
) -> ParsedOrder | None:
    """The order clause inside the writer's reasoning (see above), or None."""
    starts = [match.end() for match in chosen.ORDER_START.finditer(text)]
    starts += [match.end() for match in _ROLL_START.finditer(text)]
    if len(starts) != 1 or "`" in text or _QUOTED_LINE.search(text):
        return None
    lead, clause = text[: starts[0]], text[starts[0] :]
    closed = _CLOSED_LEAD.search(lead) is not None and not lead.rstrip().endswith(":")
    if "?" in _SELF_ANSWERED.sub(".", lead) or len(_PROSE_WORD.findall(lead)) < (
        _CLOSED_LEAD_MIN_WORDS if closed else _REASONING_MIN_WORDS
    ):
        return None
    cues = _last_sentence_cues(lead, today, pipeline)
    if _governing(cues) or (
        len(_PROSE_WORD.findall(lead)) < _REASONING_MIN_WORDS and _short_lead_reports(lead, cues)
    ):
        return None
    own = _order_before_remark(clause, _none("talk"), today, pipeline)
    if own is None:
        return None
    return replace(own, doubt=_REMARK_AFTER)


# A roll written ticker first, each leg its code, date and strike ("AAPL x3 BTC 3/14 342.5c
# STO 3/21 347.5c for .35 cr", "MSFT x2⏎BTC 4/3 720c⏎STO 4/18 730c⏎.35 cr"): the two legs
# written out in the order the parser reads them, the ticker and count on each.
_DATED_LEG = r"(?P<code{n}>bto|sto|btc|stc)\s+(?P<date{n}>\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?)\s+"
_DATED_LEG += r"(?P<strike{n}>\d+(?:\.\d+)?[cp])"
_TICKER_FIRST_PAIR = re.compile(
    r"\A\s*\$?(?P<ticker>[A-Z]{1,5})(?:\s+x\s*(?P<count>\d{1,3}))?\s+"
    + _DATED_LEG.format(n=1)
    + r"\s*[,/]?\s+"
    + _DATED_LEG.format(n=2)
    + r"\s*(?P<price>(?:for\s+|@\s*)?\$?\d*\.?\d+\s*(?:cr|credit|db|debit)?)\s*\Z",
    re.IGNORECASE,
)


def _ticker_first_pair(text: str) -> str | None:
    """The roll written ticker first (see above) as two legs the parser reads, or None."""
    found = _TICKER_FIRST_PAIR.match(text)
    if found is None:
        return None
    count, ticker = found["count"] or "1", found["ticker"]
    price = found["price"].strip()
    if not price.lower().startswith(("for", "@")):
        price = f"for {price}"
    return (
        f"{found['code1']} {count} {ticker} {found['strike1']} {found['date1']} / "
        f"{found['code2']} {count} {ticker} {found['strike2']} {found['date2']} {price}"
    )


def _spread_roll(text: str, today: date, pipeline: OrderPipeline) -> ParsedOrder | None:
    """The vertical spread the message's last clause rolls, read as its four legs (see
    ``_spread_roll``), when the talk before it governs no trade; else None."""
    found = spread_roll_block(text)
    if found is None:
        return None
    block, lead = found
    if "?" in lead:
        return None
    if _governing(_last_sentence_cues(lead, today, pipeline)):
        return None  # "if it breaks 900, roll my ...": a condition on the roll
    legs = _extract(block, today=today, pipeline=pipeline)
    if not _whole_and_sure(legs) or len(legs.legs) != 4:
        return None
    # the roll names no effect of its own: the block's BTC and STO are the reader's
    return replace(legs, legs=tuple(replace(leg, effect=None) for leg in legs.legs), notes=())


# Where a clause of the writer's own starts: after a sentence's end or a colon.
_OWN_CLAUSE_START = re.compile(r"(?:[.!?]+|:)[ \t]+(?=\S)|\A\s*")


def _last_own_clause(paragraph: str, today: date, pipeline: OrderPipeline) -> ParsedOrder | None:
    """The writer's own whole order in the last clause of ``paragraph`` that opens with an
    action, read alone when the paragraph as a whole was turned away (under a quoted question:
    "until they pay me. today they paid me: STC 2 IWM 295c 12/21 @ 8.60"; after rows or numbers
    that read as a second strike): returned only when sure and whole, else None."""
    starts = [match.end() for match in _OWN_CLAUSE_START.finditer(paragraph)]
    for start in reversed(starts):
        if _opens_with_action(paragraph[start:]):
            head = paragraph[:start]
            if "?" in head or _ACTING_WORD.search(head):
                return None  # a question or another trade before it: not the writer's one order
            own = _extract(paragraph[start:], today=today, pipeline=pipeline)
            return own if _whole_and_sure(own) else None
    return None


def _extract(text: str, *, today: date, pipeline: OrderPipeline) -> ParsedOrder:
    clean = strip_discord_noise(text)
    if clean.embed_title and any(
        word in clean.embed_title.lower() for word in lex.UPDATE_TITLE_WORDS
    ):
        return _none(f"embed update: {clean.embed_title}")
    if not clean.text:
        return _none("empty message")
    clean = replace(clean, text=apply_corrections(guard.drop_prefaces(clean.text)))
    if (
        clean.addressee is not None
        and clean.addressee.lower() not in lex.ROLE_NAMES
        and _opens_with_action(clean.text)
    ):
        # "@jen sell 2 IWM 240p ...", "@dave BTC your TSLA ...": an instruction addressed to
        # another person is advice to them, not the writer's order
        return _none(f"{guard.OTHER_SUBJECT}: advice to @{clean.addressee}")
    clean = replace(clean, text=fix_ocr_zeros(clean.text))
    below_table = order_below_table(clean.text) if "|" in clean.text else None
    if below_table is not None:
        clean = replace(clean, text=below_table)  # "strike | bid | ask\n495 | 5.10 | ...\nbuy ..."
    pasted = read_pasted(
        clean.text, lambda line: _extract_message(line, today=today, pipeline=pipeline)
    )
    if pasted is not None:
        return (
            pasted  # "Status: Rejected ...\nBUY 1 ...\n\ntry again: buy 1 ...", "resubmit that one"
        )
    if foreign_post(text) or foreign_post(clean.text):
        return _none("someone else's post copied in (a bot's, a mailing's, a reply)")
    shown = talked_about(clean.text, _is_go_text) if "\n" in clean.text else None
    if shown is not None:
        return _none(shown)
    command_order = _order_command(clean.text)
    if command_order is not None:
        clean = replace(clean, text=command_order)
    if _COMMAND_LINE.match(clean.text):
        return _none(f"a command for a bot: {clean.text.split()[0]}")
    # legs laid out in a code block or a table between a heading and the price are an order,
    # not a template shown or trades weighed
    laid_out = "```" in text or "|" in clean.text
    laid_out_block = _block_order(clean.text, today, pipeline) if laid_out else None
    if _fenced_order(text) and laid_out_block is None:
        fenced = fenced_line_before_remark(text)
        fenced_order = (
            _extract(fenced, today=today, pipeline=pipeline) if fenced is not None else None
        )
        if fenced_order is not None and _whole_and_sure(fenced_order):
            # "```⏎SELL -2 VERTICAL XSP ... @.34 LMT GTC⏎```⏎weekly put spread, same recipe
            # as always": the room's way of writing an order (asked about first)
            return replace(fenced_order, doubt=_REMARK_AFTER)
        return _none("an order shown in a code block (an example or a template)")
    if _json_payload(clean.text):
        return _none("a program's data (a JSON payload), not an order typed in chat")
    if _timed_list(clean.text):
        return _none("a list of times (a video's chapters or a log), not an order")
    if _table_of_trades(clean.text) and laid_out_block is None:
        last = clean.text.strip().rsplit("\n", 1)[-1]
        if "|" not in last and _opens_with_action(last):
            under = _extract(last, today=today, pipeline=pipeline)
            if _whole_and_sure(under):
                # "monday book, opex friday:⏎| position | exp | qty | ...⏎put side first:⏎BTC 3
                # XSP 1080/1075 PCS 4/20 @ .18": the writer's own line under the table (asked)
                return replace(under, doubt=_REMARK_AFTER)
        return _none("a table weighing trades (a comparison), not an order")
    if _quoted_order(clean.text):
        own = order_after_quote(clean.text, _is_go_text)
        if own is not None:
            mine = _extract_message(own, today=today, pipeline=pipeline)
            if mine.kind == "order":
                return mine
        return _none("a quoted order (a story, an example or a question about it)")
    promotion = _promotion_or_minutes(clean.text)
    if promotion is not None:
        return _none(promotion)
    if _VOTE.search(clean.text):
        return _none(f"{guard.OTHER_SUBJECT}: a +1 vote for someone else's order")
    if ("'" in clean.text[:40] or "\u2019" in clean.text[:40]) and _others_heading(clean.text):
        # "Mike's play: BTO 5 AMD ... I'm in: buy 2 AMD ...": after the writer's go clause, the
        # writer's own order follows the post
        tail_at = guard.go_clause_tail(clean.text, clean.text.index(":") + 1)
        if tail_at is not None and _opens_with_action(clean.text[tail_at:]):
            tail = _extract_message(clean.text[tail_at:], today=today, pipeline=pipeline)
            if tail.kind == "order":
                return tail
        return _none(f"{guard.OTHER_SUBJECT}: a heading that posts another person's trade")
    if _others_verbless(clean.text):
        return _none(f"{guard.OTHER_SUBJECT}: a person's position talked about")
    if _status_shown(clean.text):
        return _none("an order already placed, shown with its status")
    if _PLACEHOLDER.search(clean.text):
        return _none("an example or a help text: it has placeholders such as <qty>")
    block = laid_out_block if laid_out else _block_order(clean.text, today, pipeline)
    if block is not None:
        return block  # "CSCO earnings tonight, iron condor" over "1- sell 4 CSCO 66p" ...
    normalized = normalize(clean.text)
    if ":" in normalized and " on " in normalized:
        # "I'll take it on SPX: sell 2 6000c ...": the ticker the go clause names heads the
        # instruction after it
        normalized = guard.move_go_ticker(normalized) or normalized
    if (":" in normalized or "\n" in normalized) and "roll" in normalized.lower():
        # "roll my AAPL 260c 11/17 up: STC the 260, BTO the 270, ...": the legs written out
        normalized = complete_roll_legs(normalized) or normalized
    headed = read_headed_legs(normalized, _read_part(today, pipeline))
    if headed is not None and _instruction_allowed(normalized, today, pipeline):
        return headed  # "put 1x2 on SPY 3/19: buy 1 660p / sell 2 640p @ 1.20 debit"
    legs = written_legs(normalized)
    if len(legs) >= 2:
        if headed_by_other_person(normalized):
            return _none(f"{guard.OTHER_SUBJECT}: legs under a heading about another person")
        leg_list = read_leg_list(normalized, _read_part(today, pipeline))
        if leg_list is not None:
            return leg_list
    if len(legs) == 1 and (quiet := _legs_after_quiet_lead(normalized, today, pipeline)):
        return quiet
    if "roll" in normalized.lower() and ":" in normalized:
        rolled = _roll_after_lead_in(normalized, today, pipeline)
        if rolled is not None:
            return rolled
    if _trade_clauses(normalized) >= 2:
        picked = _chosen_reading(normalized, today, pipeline)
        if picked is not None:
            return picked  # "from #alerts: STO ... / STO .... I'm taking the first: STO ..."
        return _none("several trades in one message (a recap or a list): send one order at a time")
    if len(legs) >= 2:
        if _HELD_THE.match(normalized):
            # "long the AMZN 210c ... and short the 230c ... (on since May). separate trade:
            # buy 3 AMZN 200p ...": the legs opening the message are a position described
            picked = _chosen_reading(normalized, today, pipeline)
            if picked is not None:
                return picked
        whole = (
            _read(normalized, today, pipeline)[0] if _STRATEGY_NAMED.search(normalized) else None
        )
        if (
            whole is not None
            and whole.kind == "order"
            and whole.strategy not in ("single", "stock")
        ):
            # "STO put spread:\n-1 ... 640 P\n+1 ... 635 P\n@ 1.05 cr", "calendar: sell ...
            # / buy ...": the legs of the strategy the message names
            return whole
        picked = _chosen_reading(normalized, today, pipeline)
        if picked is not None:
            return picked
        return _none("several legs that do not make one order: send one order at a time")
    lowered = normalized.lower()
    one_leg = _one_leg_order(normalized) if "leg" in lowered or "piece" in lowered else None
    allowed_text = normalized
    if one_leg is not None and (apart := chosen.set_apart_end(one_leg)) is not None:
        # "first leg only: buy 2 AMD 170c ... @ 8.10. Will sell the 180s later.": the other
        # leg's plan is set apart after the order's sentence
        allowed_text = normalized[: len(normalized) - len(one_leg) + apart]
        one_leg = one_leg[:apart]
    if one_leg is not None and _instruction_allowed(allowed_text, today, pipeline):
        alone = _read(one_leg, today, pipeline)[0]
        if alone.kind == "order" and len(alone.legs) == 1 and alone.strategy == "single":
            return alone  # "second leg of my AMD call spread: sell 2 AMD 200c 8/25 @ 2.15"
    whole = _read(normalized, today, pipeline)[0]
    if whole.kind == "order" and len(whole.legs) == 1:
        if whole.legs[0].type in ("call", "put") and chosen.SHARES.search(normalized):
            # "I'm long 50 HOOD + 1 HOOD 55p ... as a hedge. adding shares: buy 50 HOOD @ 58.20":
            # the contract held in the head is not the shares the order's clause buys
            picked = _chosen_reading(normalized, today, pipeline)
            if picked is not None and picked.legs and picked.legs[0].type == "equity":
                return picked
        if whole.legs[0].type == "equity" and chosen.contracts(normalized):
            # "holding 300 sh of T since forever, sell 3 T 28c 12/21 @ .22 against them": the
            # shares held in the head are not the contract the order's clause sells
            picked = _chosen_reading(normalized, today, pipeline)
            if picked is not None and picked.legs and picked.legs[0].type in ("call", "put"):
                return picked
        return whole
    if whole.kind == "order" and one_leg is None and _LEGGING.search(normalized):
        # "tomorrow: legging into the AMD 180/200 call spread, long leg first": a structure
        # entered leg by leg is never one order; each leg is sent on its own
        return _none("legging into or out of a structure: send each leg as its own order")
    # "not the 100 puts, the 95 puts: sell 2 WMT 95p ...": one order among several contracts
    return _chosen_reading(normalized, today, pipeline) or whole


_HELD_THE = re.compile(r"\s*(?:long|short)[ \t]+the\b", re.IGNORECASE)

# A roll written leg by leg after a lead-in about the position ("my short 2 TSLA 300p 9/22 are
# getting tested. roll them: BTC 2 ... / STO 2 ..., net 1.10 credit", "covered calls on KO
# about to get assigned, rolling: buy 3 ... and sell 3 ... for .40 credit"): the clause right
# before the colon rolls now (it opens with "roll"/"rolling", after "I'm", "so", "ok", "time
# to"; or it applies a roll just described to the writer's own position: "same on my short
# PEP calls:"), every cue after it is soft, and the ones before it are statements about the
# position (a past, a statement about a trade); a condition, a plan, a question, a practice
# or someone else's roll keeps it talk.
_LEG_LIST_COLON = re.compile(r":[ \t]+")
_LEAD_CLAUSE_EDGE = re.compile(r"(?:[.!?;,\n]|\s[-\u2014\u2013])\s*")
_ROLL_CLAUSE = re.compile(
    r"(?:(?:i'?m|we'?re|ok(?:ay)?|so|now|time[ \t]+to|let'?s)[ \t]+)*roll(?:ing)?\b"
    r"|same[ \t]+(?:thing[ \t]+)?(?:on|for|with)[ \t]+(?:my|mine)\b",
    re.IGNORECASE,
)
_ROLL_LEAD_REASONS = frozenset({guard.PAST, "a statement about a trade"})


# A roll's lead-in naming the ticker its legs leave out ("roll the TSLA 280p I'm short: buy to
# close 1 8/24 280p, sell to open 1 9/7 270p, .95 cr"): the first leg's first contract word (a
# date or a typed strike) takes the ticker, and the later legs share it.
_LEAD_TICKER = re.compile(r"(?<![\w$/.])\$?([A-Z]{1,5})\b(?![/.]\d)")
_FIRST_CONTRACT_WORD = re.compile(
    r"(?<![\w/.$])(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,5}(?:\.\d{1,2})?[cp])(?![\w/])", re.I
)


def _lend_lead_ticker(lead: str, body: str) -> str | None:
    """``body`` with the one ticker the roll's ``lead`` names written into its first leg, or
    None when the lead names none or several, or the body writes a word in capitals itself."""
    tickers = {
        match.group(1)
        for match in _LEAD_TICKER.finditer(lead)
        if match.group(1).lower() not in lex.NOT_TICKERS
    }
    if len(tickers) != 1 or _LEAD_TICKER.search(body):
        return None
    first = _FIRST_CONTRACT_WORD.search(body)
    if first is None:
        return None
    return f"{body[: first.start()]}{tickers.pop()} {body[first.start() :]}"


def _roll_after_lead_in(
    normalized: str, today: date, pipeline: OrderPipeline
) -> ParsedOrder | None:
    """The roll written leg by leg after a lead-in about the position (see above), or None."""
    for colon in _LEG_LIST_COLON.finditer(normalized):
        body = normalized[colon.end() :]
        if len(written_legs(body)) < 2 or len(written_legs(normalized[: colon.start()])) > 0:
            continue
        lead = normalized[: colon.start()]
        edges = [0] + [edge.end() for edge in _LEAD_CLAUSE_EDGE.finditer(lead)]
        clause_at = next((at for at in reversed(edges) if _ROLL_CLAUSE.match(lead, at)), None)
        if clause_at is None:
            return None
        cues = _run(lead, today, pipeline)[1].cues
        if any(
            cue.weight != guard.SOFT
            and (cue.at >= clause_at or cue.reason not in _ROLL_LEAD_REASONS)
            for cue in cues
        ):
            return None
        order = read_leg_list(body, _read_part(today, pipeline))
        if order is None:
            lent = _lend_lead_ticker(lead[clause_at:], body)
            order = read_leg_list(lent, _read_part(today, pipeline)) if lent else None
        if (
            order is None
            or order.price is None
            or len(order.legs) != 2
            or {leg.side for leg in order.legs} != {"buy", "sell"}
        ):
            return None
        return order
    return None


# A sentence's end or a colon before legs written one by one, in a lead-in that holds no talk
# ("ok fixing it. btc 1 dis 5/15 140c / sto 1 dis 5/15 145c, .38 db", "MSFT 561, same thing on
# the 5/15 580c: BTC ... / STO ..."): the legs are the message's order, as they are alone.
_QUIET_LEAD_END = re.compile(r"[.!:][ \t]+(?=\S)")


def _legs_after_quiet_lead(
    normalized: str, today: date, pipeline: OrderPipeline
) -> ParsedOrder | None:
    """The order written leg by leg after the last break with two legs or more after it, when
    the lead-in before it holds no cue of talk at all; else None."""
    ends = [
        match
        for match in _QUIET_LEAD_END.finditer(normalized)
        if len(written_legs(normalized[match.end() :])) >= 2
    ]
    if not ends:
        return None
    lead, body = normalized[: ends[-1].start() + 1], normalized[ends[-1].end() :]
    if written_legs(lead) or _run(lead, today, pipeline)[1].cues:
        return None
    return read_leg_list(body, _read_part(today, pipeline))


_LEGGING = re.compile(r"\blegg(?:ing|ed)\s+(?:in|into|out)\b", re.IGNORECASE)


# Cues a head before the chosen order may hold: statements about other contracts and people
# (past trades, positions held, someone else's alert, a negation, marks, a watchlist, a
# recap) and a question settled by the writer's pick after it. A condition still open, a
# plan, a practice, a story or a hypothetical governs the order and keeps it talk.
_HEAD_REASONS = frozenset(
    {
        *guard.LOCAL_REASONS,
        "a statement about a trade",
        "a watchlist",
        guard.RECAP,
        guard.REPORT,
        guard.QUESTION,
        guard.ASIDE_QUESTION,
        guard.CLOSED_CONDITION,
        guard.REMARK,
        guard.JOKE,
        _PRICE_MOVE_REASON,
    }
)
_PICK_NEEDED = frozenset({guard.QUESTION, guard.OTHER_SUBJECT, "a watchlist"})


# A chain's heading: the ticker and its date before a colon ("F Sept:", "QQQ next fri:").
_CHAIN_HEADING = re.compile(r"\A[ \t]*(\$?[A-Z]{1,5})(?:[ \t]+[\w/]+){1,2}[ \t]*:(?=[ \t])")
_PICK_MODALS = frozenset({"'ll", "\u2019ll", "will", "ll"})
_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z]+)")


def _picks_with_modal(cue: guard.Cue, text: str) -> bool:
    """True for the modal of the pick's own verb ("I'll take the cheaper one, buy 3 ..."):
    the writer choosing now, not a plan."""
    if cue.text.lower() not in _PICK_MODALS:
        return False
    following = _NEXT_WORD.match(text, cue.at + len(cue.text))
    return following is not None and following.group(1).lower() in lex.CHOICE_WORDS


def _watch_heading(cue: guard.Cue, text: str) -> bool:
    """True for "watch" heading a list ("Dec monthly watch: XOM 120c, CVX 165c, ..."): in a
    head, a watchlist like "watchlist:", settled by the writer's pick after it."""
    return cue.text.lower() == "watch" and text.startswith(":", cue.at + len(cue.text))


def _head_allows(head: str, lead: str, facts: _Facts, text: str, choice: bool) -> bool:
    """True when the head's cues (see above) leave the order after it the writer's own."""
    lead_at = len(head) - len(lead)
    for cue in facts.cues:
        if cue.at >= len(head):
            continue
        if guard.is_open_condition(cue, text) or cue.reason.startswith(guard.CODE_FRAMED):
            return False
        if cue.at >= lead_at:
            # in the clause handing over: only the pick's own verb ("I'm taking the GOOGL one")
            if (
                not (choice and cue.text.lower() in lex.CHOICE_WORDS)
                and cue.weight != guard.SOFT
                and not (choice and _picks_with_modal(cue, text))
            ):
                return False
            continue
        if (
            cue.reason not in _HEAD_REASONS
            and cue.weight != guard.SOFT  # "ORCL tonight. ...": a time ahead, no condition
            and not guard.is_local(cue, text)
            and not _watch_heading(cue, text)
        ):
            return False
        # a recap needs a pick too when the head writes its trade like an order ("got filled
        # STO 2 IWM 250p ... @ 1.15. next week: STO ..."), not when it reports in words ("The
        # INTC 28 puts filled at .52. ... Please buy to close 3 KO 75 calls ...")
        needs_pick = cue.reason in _PICK_NEEDED or (
            cue.reason == guard.RECAP and _ACTING_WORD.search(head) is not None
        )
        if (needs_pick and not choice and cue.weight != guard.SOFT) or (
            not choice and _watch_heading(cue, text)
        ):
            return False
    return True


def _whole_order(order: ParsedOrder, facts: _Facts | None) -> bool:
    return (
        order.kind == "order"
        and order.underlying is not None
        and not order.missing
        and (order.price is not None or order.order_type == "market")
        and facts is not None
        and not facts.cues
        and order.confidence >= 0.8
    )


def _whole_facts(text: str, today: date, pipeline: OrderPipeline) -> tuple[_Facts, int]:
    """The whole message's facts and where its first action starts (-1: none); the chosen
    reading's head test reuses the run of the whole message's reading (see _RUNS)."""
    extractor, facts = _run(text, today, pipeline)
    return facts, extractor.items[facts.first_action].start if facts.first_action >= 0 else -1


# A strike with its type ("95p", "700C", "12.5 calls") or a month and day ("6/30"): numbers
# that cannot be a price.
_NO_PRICE_NUMBER = re.compile(
    r"\$?\d+(?:\.\d+)?(?:[cp]\b|[ \t]*(?:calls?|puts?)\b)|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",
    re.IGNORECASE,
)


# A head that lists what the writer holds ("short 600c Feb 6.80, long 540p and 530p Feb", "still
# long 200 SPY / 100 QQQ"): long and short, no action, no alert code.
_HELD_WORD = re.compile(r"\b(?:long|short)\b", re.IGNORECASE)
_ACTING_WORD = re.compile(
    rf"\b(?:{'|'.join(sorted({*lex.CODES, *lex.ACTION_WORDS}, key=len, reverse=True))})\b",
    re.IGNORECASE,
)


def _holdings_only(head: str) -> bool:
    """True for a head that only lists positions held or marks of contracts (see above):
    long and short, or two contracts by their typed strikes ("SPY 745p Sep 8.60, QQQ 610p Aug
    1.10"), with no action and no alert code."""
    return _ACTING_WORD.search(head) is None and (
        bool(_HELD_WORD.search(head)) or len(_TYPED_STRIKE.findall(head)) >= 2
    )


def _head_may_order(head: str, facts: _Facts, action_at: int) -> bool:
    """False when the head cannot read as an order on its own (its action and alert code taken
    from the whole message's facts): with no action and no alert code it is at most a verbless
    alert, which needs a price or a strategy with its strikes (nlp._assembly._reading)."""
    if 0 <= action_at < len(head) or 0 <= facts.code_at < len(head):
        return True
    # every number a typed strike or a date: no price; and no strategy named
    return bool(_STRATEGY_NAMED.search(head)) or any(
        char.isdigit() for char in _NO_PRICE_NUMBER.sub(" ", head)
    )


_HEAD_TICKERS = re.compile(r"(?<![\w$])\$?([A-Z]{1,5})\b(?![/.]\d)")
_TYPED_STRIKE = re.compile(r"(?<![\w./$-])(\d+(?:\.\d+)?)([cp])\b", re.IGNORECASE)
_DATED = r"[ \t]+(\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b"
_HAS_DATE = re.compile(r"\b\d{1,2}/\d{1,2}\b")


def _held_contract(head: str, instruction: str) -> str | None:
    """The instruction completed from the head that lists the contracts held under one ticker
    ("I hold AMZN 240c 11/17 x5 and 250c 11/17 x5; sell to close the 5 250c @ 4.60": AMZN and
    the 250c's date), when the instruction names one typed strike the head lists; else None."""
    tickers = {
        match.group(1)
        for match in _HEAD_TICKERS.finditer(head)
        if match.group(1).lower() not in lex.NOT_TICKERS
    }
    named = _TYPED_STRIKE.findall(instruction)
    if len(tickers) != 1 or len(named) != 1:
        return None
    strike, kind = named[0]
    held = re.search(rf"(?<![\w./$-]){re.escape(strike)}{kind}\b(?:{_DATED})?", head, re.IGNORECASE)
    if held is None:
        return None
    completed = f"{tickers.pop()} {instruction}"
    if held.group(1) and not _HAS_DATE.search(instruction):
        completed = re.sub(
            rf"(?<![\w./$-]){re.escape(strike)}{kind}\b",
            lambda match: f"{match.group(0)} {held.group(1)}",
            completed,
            count=1,
        )
    return completed


def _own_starts(text: str) -> list[int]:
    """Where the writer's own clause ("..., I'm buying 2 ...") starts its action."""
    if "buying" not in text and "selling" not in text:
        return []
    return [match.end() for match in chosen.OWN_START.finditer(text)]


def _settles_comparison(order: ParsedOrder, head: str, instruction: str) -> bool:
    """True when the order names one of the contracts the head weighs (nlp._chosen)."""
    shares = len(order.legs) == 1 and order.legs[0].type == "equity"
    return order.underlying is not None and chosen.settles_comparison(
        head, instruction, order.underlying, shares
    )


def _chosen_reading(normalized: str, today: date, pipeline: OrderPipeline) -> ParsedOrder | None:
    """The one order of a message that names several contracts (nlp/_chosen.py): the clause
    where the writer's action governs one complete contract, the others in clauses of their
    own before it (a head the order does not hang on) or set apart after it. None when no
    clause is clearly the order: the message is then read whole, as before."""
    text = _headline(normalized)
    if not chosen.names_several(text):
        return None
    starts = [match.end() for match in chosen.ORDER_START.finditer(text)]
    own = _own_starts(text)
    if own:
        starts = sorted({*starts, *own})
    opening = chosen.ORDER_OPENING.match(text)
    if opening is not None:
        starts.insert(0, opening.end())
    if not starts:
        return None
    start = starts[-1]
    head = text[:start]
    lead = chosen.lead_clause(head)
    correction = chosen.is_correction(lead)
    choice = (
        correction
        or chosen.is_choice(lead)
        or chosen.is_next_heading(lead)
        or start in own  # "he did the QQQ 700p 11/23, I'm buying 2 QQQ 690p ...": the writer's
    )
    # "XSP 760p or 755p exp tmrw? 755p has the better ratio. buy 3 XSP 755p ...": a comparison
    # in the head may be settled by the order (tested once the order is read)
    compared = not choice and chosen.compares(head)
    shift = (
        len(starts) > 1
        and lead.rstrip().endswith(":")
        and guard.is_shift(chosen.WORD.findall(lead.lower()))
    )
    if len(starts) > 1 and not correction and not shift:
        # "BTC 1 KO 70c 12/18, STO 1 KO 72.5c ...": several orders, not one pick ("yesterday:
        # STO ... (filled). today: STO ...": a report, then the order of today; the head is
        # still read below and must not be an order)
        return None
    if head.rstrip().endswith("?") and not compared:
        return None  # an order right after a question answers it only when it picks
    if head.rstrip().endswith(",") and not choice and not compared:
        return None  # a clause joined by a comma hangs on the one before unless it is a pick
    instruction = text[start:]
    if correction:
        instruction = chosen.without_fix_note(instruction)
    end = chosen.set_apart_end(instruction)
    if end is not None:
        instruction = instruction[:end]
    if not chosen.names_other_trade(head) and end is None:
        return None
    if not chosen.PRICED.search(instruction):
        return None  # cheap: the pick is a whole order with its price
    if end is not None and guard.disowning_remark(text, start) is not None:
        return None
    order, order_facts = _read(instruction, today, pipeline, after_aside=True)
    if order.underlying is None and (chain := _CHAIN_HEADING.match(text)) is not None:
        # "F Sept: 12c .55, 13c .24, 14c .09. buy 20 of the 13c @ .24": the pick after a
        # chain's rows takes the ticker and the date of the chain's heading
        order, order_facts = _read(
            f"{chain.group(0)} {instruction}", today, pipeline, after_aside=True
        )
        if order.underlying != chain.group(1).lstrip("$"):
            return None
    elif order.underlying is None and (held := _held_contract(head, instruction)) is not None:
        # "I hold AMZN 240c 11/17 x5 and 250c 11/17 x5; sell to close the 5 250c @ 4.60": the
        # pick names a contract the head lists under its one ticker
        order, order_facts = _read(held, today, pipeline, after_aside=True)
    if not _whole_order(order, order_facts):
        return None
    if len(order.legs) > 1 and not _STRATEGY_NAMED.search(instruction):
        return None
    if not head.strip():
        return order
    if compared:
        choice = _settles_comparison(order, head, instruction)
        if not choice and head.rstrip().endswith((",", "?")):
            return None
    facts, action_at = _whole_facts(text, today, pipeline)
    if not _head_allows(head, lead, facts, text, choice):
        return None
    probe = head
    announced = False  # a lead-in announcing the order after its colon, no action before it
    if (
        not shift
        and lead.rstrip().endswith(":")
        and not chosen.contracts(lead)
        and head.strip() != lead.strip()
    ):
        # "holding DIS 110c ... (x3). add one more put: buy 1 DIS 105p ...": the lead-in
        # announces the order after its colon; the clauses before it are what is tested
        probe = head[: len(head) - len(lead)]
        announced = _ACTING_WORD.search(probe) is None
    if shift or (
        not correction
        and not announced
        and _head_may_order(probe, facts, action_at)
        and not _holdings_only(probe)
    ):
        head_order, _ = _read(probe, today, pipeline, after_aside=True)
        if head_order.kind == "order":
            return None  # two orders, or a position written like one: not one pick
    if not choice:
        reports = any(cue.reason in guard.LOCAL_REASONS for cue in facts.cues)
        symbol = re.escape((order.underlying or "").replace("/", "."))
        if (
            reports
            and re.search(rf"(?<![A-Za-z])\$?{symbol}(?![A-Za-z])", head)
            and not _new_trade(order, instruction, head, facts, order_facts)
            and not chosen.contracts(head)
        ):
            return None
    return order
