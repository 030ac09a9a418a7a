"""The extractor's clause layer: sentences, conditions, asides, remarks, headings and speakers,
and the side setter that a clause's context can veto.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from nlp import _guard as guard
from nlp import _lexicon as lex
from nlp._extract_base import _ExtractorBase
from nlp._guard import Cue
from nlp._models import Effect, Side
from nlp._pipeline import STRATEGY_LABELS
from nlp._tokens import _RE_UPPER_TICKER, _Item

# An action's clause starts after these: numbers, contracts, tickers, dates, "market".
_CLAUSE_STARTS = STRATEGY_LABELS | {
    "NUM", "TYPED", "SLASH", "ISO", "OCC", "DTICKER", "QTYX", "PRICEQTY", "DTE", "ORD",
    "MARKET", "QTYWORDS", "ACTION", "VERB", "TAKE_OFF",
}  # fmt: skip
# How far before the owner of an idea its copula stands ("was the dog's idea").
_BLAME_REACH = 4
_ACTION_LABELS = frozenset({"ACTION", "VERB", "WISH", "TAKE_OFF"})
_CLAUSE_JOINS = frozenset({"and", "but", "so", "then", "&", "+", "or"})
_PARTICLES = frozenset({"off", "in", "up", "out", "down", "on"})
_MAX_CLAUSE_WORDS = 12
_CLAUSE_ENDS = frozenset({".", ";", "!", "|", "?"})
# What may end an answer to a question ("filled? nope. ok then ...").
_ANSWER_ENDS = frozenset({".", "!", ",", ";", "...", "…", "-", "—", "–", ":"})

# What may stand between a bot's name and its post: "FlowBot - ...", "📊 IVBot · KR ...".
_BOT_NAME_SEPARATORS = frozenset({"-", "·", "•", "|", "—", "–", "→", "->"})  # "TicketBot → deke:"


# The trade's own vocabulary: its action, contract, price and fill. A main clause after a
# condition that holds none of it is a statement of its own ("if this goes to zero, I'm blaming
# Powell."), not the order or a trade decided on ("if SPY breaks 600, I'm in.").
_TRADE_TALK = (
    frozenset(lex.CODES)
    | frozenset(lex.ACTION_WORDS)
    | frozenset(lex.LEADING_ACTION_WORDS)
    | frozenset(lex.WEAK_ACTION_WORDS)
    | frozenset(lex.EFFECT_WORDS)
    | frozenset(lex.TYPE_WORDS)
    | frozenset(lex.CREDIT_DEBIT)
    | lex.PRICE_MARKERS
    | lex.STRIKE_MARKERS
    | lex.EXPIRATION_MARKERS
    | lex.CONTRACT_WORDS
    | lex.SHARE_WORDS
    | lex.CLOSE_WORDS
    | lex.ROLL_WORDS
    | lex.TRADE_NOUNS
    | lex.DOING_VERBS
    | lex.FILL_WORDS
    | (lex.PAST_WORDS - lex.PAST_NOT_REPORTS)
    | guard.GO_VERBS
    | guard.GO_TRADE_VERBS
    | frozenset({"out"})
)
# A question with any of these is about the order (lex.ORDER_QUESTION_WORDS), or about the
# tool that places it ("is the bot up? ..."). "going" and "doing" tell how something goes
# ("how's everyone's week going?", "how is everyone doing?"); the writer or the reader going in
# is named by "I", "we", "you", and "going to" is a modal (see _Extractor._aside_question).
_PROGRESS_VERBS = frozenset({"going", "doing"})
_ORDER_QUESTION_TALK = (
    (_TRADE_TALK - _PROGRESS_VERBS) | lex.QUESTION_TAILS | lex.ORDER_QUESTION_WORDS
    | lex.TESTED_TOOLS | frozenset({"app", "apps", "broker", "account", "platform", "server"})
)  # fmt: skip
# A remark after the order (_Extractor._after_order_remark) holds none of the trade's words;
# "for" and "at" with no number after them are prepositions, not prices.
_REMARK_TALK = _TRADE_TALK - lex.PRICE_MARKERS
_LAUGHED_REMARK_WORDS = 4  # the laugh and three words of the remark's own
# A condition holds a subject, a verb and more before a main clause without its comma ("if
# 2026 taught me anything it's ..."): the main clause's subject stands this far on at least.
_CONDITION_WORDS_BEFORE_MAIN = 4
# In a question to the room (_Extractor._room_question), the words that make it one about
# the order: as in any question, less the world's timing ("is the CPI out yet?").
_ROOM_CLAUSE_TALK = _ORDER_QUESTION_TALK - lex.WORLD_TIMING_WORDS
_RELATIVE_TIME_LABELS = frozenset(
    {"EXP_THIS_WEEK", "EXP_NEXT_WEEK", "EXP_NEXT_FRIDAY", "EXP_THIS_FRIDAY", "EXP_NEXT_MONTH"}
)
# A question asking who else joins the writer's trade (_Extractor._joining_question): who
# asks, what may stand before the verb, and words that turn it into asking what to do.
_JOINING_ASKERS = lex.ROOM_ADDRESSEES | frozenset({"who"})
_JOINING_FILLERS = frozenset({"is", "are", "also", "here", "still", "been", "got", "gonna"})
# A call to join the writer ("who's with me?", "anyone in?"), its verb left out or a link.
_JOINING_LINKS = frozenset({"'s", "s", "is", "are", "else"})
# ("anyone in?" may ask who holds a trade posted, not join the writer's)
_RALLYING_CALLS = (["with", "me"], ["with", "us"], ["joining", "me"], ["joining", "us"])
_JOINING_JUDGEMENTS = lex.ORDER_QUESTION_WORDS - frozenset({"in", "this", "these", "those", "now"})
_CLAUSE_MARKS = frozenset({",", "—", "–", "-"})
_REMARK_BREAKS = _CLAUSE_MARKS | frozenset({".", ";", "!"})
# What a question aside no longer says: a question about the order, or someone else trading
# ("anyone else buying LUNR?" asks who joins the writer's trade).
_ASIDE_CLEARED = frozenset({guard.QUESTION, guard.OTHER_SUBJECT})
# An item that ends a sentence: its punctuation or an emoji.
_SENTENCE_END_ITEM = re.compile(r"[.!?…;]+|[\u2600-\u27bf\U0001f300-\U0001faff\ufe0f]+")
# Punctuation a remark may hold (no price, amount or ticker sign).
_REMARK_PUNCTUATION = re.compile(r"[,'\u2019\"()….!;:\-]+")

# The last words of the condition phrases: a cheap look before comparing each phrase.
_CONDITION_LAST_WORDS = frozenset(phrase[-1] for phrase in lex.CONDITION_PHRASES)


# Before an order named by its action, with "not doing" / "skipping" before them: the
# order refused ("NOT doing the STO 2 MSFT 480p ...", "skipping that BTO ...").
_NAMING_DETERMINERS = frozenset({"the", "that", "this", "my", "those"})
_SKIPPING_VERBS = frozenset({"skipping", "skip", "skipped", "passing", "pass"})


class _ClauseReader(_ExtractorBase):
    """Clause structure: conditions, asides, remarks, headings, and the side set in its clause."""

    def _before_idiom(self, index: int) -> str | None:
        """The object of a saying right after an action: "buy the dip", "sell the news",
        "selling premium"."""
        if self.items[index].line_end:
            return None  # "Side: Buy\nPremium: 2.15": the next line is another field
        article, noun = self._at(index + 1), self._at(index + 2)
        if article is not None and article.lower in lex.STRATEGY_OBJECTS:
            return article.text
        if article is None or noun is None or article.lower != "the":
            return None
        return noun.text if noun.lower in lex.IDIOM_OBJECTS else None

    def _remark_after_order(self, index: int) -> bool:
        """True for an action in a clause after the order's, its number read ("sell my 1000
        ONVX shares @ 1.42, taking the bounce and running"): a saying there remarks on the
        order."""
        first = self.facts.first_action
        if not 0 <= first < index:
            return False
        between = self.items[first:index]
        return any(item.label == "NUM" for item in between) and any(
            item.line_end or item.text in _REMARK_BREAKS for item in between
        )

    def _condition_phrase(self, index: int) -> str | None:
        """The condition ending at ``index`` ("in case", "as long as", "as soon as"), or None
        ("in any case" is not one)."""
        if self.items[index].lower not in _CONDITION_LAST_WORDS:
            return None  # no phrase ends here: each one needs its last word at index
        for phrase in lex.CONDITION_PHRASES:
            start = index - len(phrase) + 1
            if start < 0:
                continue
            words = tuple(item.lower for item in self.items[start : index + 1])
            following = self._at(index + 1)
            if words != phrase or following is None or following.text in _ANSWER_ENDS:
                continue  # ("... just in case": a precaution, not a condition)
            if phrase == ("in", "case") and (
                0 <= self.facts.first_action < start or self._acted_before(start)
            ):
                # "buy 2 SPY 585p ... in case SPY drops": a hedge bought now; "closing 2 of the
                # 4 in case TSLA drags everything up:" a precaution taken now
                continue
            if phrase[-1] in lex.MOMENT_NOUNS and not self._moment_clause(start):
                continue  # "at the moment", "the second leg": a time or an ordinal
            return " ".join(phrase)
        return None

    def _acted_before(self, start: int) -> bool:
        """True when the sentence before ``start`` holds an action or an effect word
        ("closing 2 of the 4", "rolling them"): the writer's own act."""
        return any(
            item.lower in lex.EFFECT_WORDS or item.lower in lex.ACTION_WORDS
            for item in self.items[self._sentence_start(start) : start]
        )

    def _moment_clause(self, start: int) -> bool:
        """True for "the moment" (or "minute", "second", "instant") at ``start`` opening a
        clause of time, "as soon as" said another way: not after a preposition ("at the
        moment"), and a subject and its verb follow ("the moment gold breaks 4200", "the
        second it dips")."""
        before = self._at(start - 1)
        if before is not None and before.lower in lex.TIME_PREPOSITIONS:
            return False
        subject, verb = self._at(start + 2), self._at(start + 3)
        if subject is None or verb is None or "WORD" not in (subject.label, verb.label):
            return False
        if subject.lower in lex.SUBJECT_PRONOUNS:
            return verb.label == "WORD"
        return (
            verb.label == "WORD"
            and subject.lower not in lex.TIMEFRAME_NOUNS
            and verb.lower.endswith("s")
            and not self._is_type_word(start + 3)
            and verb.lower not in lex.SHARE_WORDS | lex.CONTRACT_WORDS
        )

    def _connective(self, index: int) -> bool:
        """True for "as a result": a connective, not a report heading."""
        words = [item.lower for item in self.items[max(0, index - 2) : index]]
        return words == ["as", "a"]

    def _conditions_code(self, index: int) -> bool:
        """True for a condition in the clause of an alert code, after its details ("STO 1 SPY
        640p 12/18 @ 3 if SPY holds 600"); after a comma or on a line of its own it is the
        plan for the position ("..., add more if it dips", "Will roll if tested")."""
        position = index - 1
        while (item := self._at(position)) is not None:
            if item.line_end or item.text in _CLAUSE_ENDS or item.text == ",":
                return False
            if item.lower in lex.CODES:
                return True
            position -= 1
        return False

    def _negated_statement(self, index: int) -> bool:
        """True for an auxiliary opening the message with its negation and a sentence ended by
        a full stop, not a "?" ("didn't fill. buy ...", "doesn't matter. sell ..."): a
        statement with its subject left out, not a question."""
        following = self._at(index + 1)
        if following is None or following.lower not in ("n't", "nt"):
            return False
        for item in self.items[index + 2 :]:
            if item.text.startswith("?"):
                return False
            if item.text in (".", "!") or item.line_end:
                return True
        return False

    def _subjectless_modal(self, index: int) -> bool:
        """True for a modal opening the message right before a bare verb or a perfect ("would
        be nice to ...", "should've bought more", "could have waited"): a question puts its
        subject after the modal ("would you ...", "should I ..."), so this is a statement with
        its subject left out, a wish or a regret."""
        following = self._at(index + 1)
        return (
            self.items[index].lower in guard.MODAL_CUES
            and following is not None
            and following.lower in lex.BARE_AFTER_MODAL
        )

    def _self_answered(self, index: int) -> bool:
        """True when the question opening the message ends at a "?" the writer answers right
        after it ("Am I sure? yes. STO ...", "too late? nah. buy ..."): asked of oneself."""
        for position in range(index + 1, len(self.items)):
            item = self.items[position]
            if item.text.startswith("?"):
                return self._answered(position)
            if item.text in (".", "!") or item.line_end:
                return False
        return False

    def _frame_over(self, index: int) -> bool:
        """True for a frame word declared over or fired in its own clause ("quiz is over, now
        ...", "paper trading is done, going live: ...", "reminder to myself done, ...", "the
        reminder went off, ...", "price alert hit, so ..."): the quiz, the practice or the
        reminder has ended, and what follows is not part of it."""
        items = self.items[index + 1 : index + 6]
        for offset, item in enumerate(items):
            if item.text in _ANSWER_ENDS or item.label in ("ACTION", "VERB"):
                return False
            if item.lower in lex.DEFERRED_WORDS:
                if offset > 0 and items[offset - 1].lower in lex.UNTIL_WORDS:
                    return False  # "idea for later: ...": a plan for later, still a frame
                rest = items[offset + 1 :]
                return bool(rest) and rest[0].text in _ANSWER_ENDS  # "journal can wait, ..."
            if item.lower in lex.OVER_WORDS | lex.FIRED_WORDS:
                rest = items[offset + 1 :]
                if rest and item.lower in lex.FIRED_WORDS and rest[0].lower == "off":
                    rest = rest[1:]  # "the reminder went off, ..."
                return bool(rest) and rest[0].text in _ANSWER_ENDS
        return False

    def _frame_denied(self, index: int) -> bool:
        """True for a frame word negated in its own clause ("not a backtest:", "this isn't a
        tutorial,", "no reminder needed,"): the writer says the frame does not hold."""
        for position in range(index - 1, max(index - 4, -1), -1):
            item = self.items[position]
            if item.text in _ANSWER_ENDS:
                return False
            if item.lower in lex.NEGATING_ADVERBS or item.lower in {"n't", "nt"}:
                return True
        return False

    def _answer_at(self, index: int) -> str | None:
        """The answer word at ``index`` when a sentence break or the end follows it ("nope.",
        "yes,"), else None."""
        answer, after = self._at(index), self._at(index + 1)
        if answer is not None and answer.lower == "not" and after is not None:
            if after.lower != "yet":
                return None
            answer, after = after, self._at(index + 2)  # "filled? not yet. ..."
            return "not yet" if after is None or after.text in _ANSWER_ENDS else None
        if answer is None or answer.lower not in lex.ANSWER_WORDS:
            return None
        if after is not None and not answer.line_end and after.text not in _ANSWER_ENDS:
            return None
        return answer.lower

    def _settled_choice(self, index: int) -> bool:
        """True for a question between alternatives ending at ``index`` ("XLE 115c Aug or CVX
        195c Aug?", "sofi 25c 7/22 or 26c 8/19 🤔") that the writer settles later in the
        message with an order on one of them ("... so CVX. buy 2 CVX 195c ..."): asked of
        oneself and answered."""
        start = self._sentence_start(index)
        asked = self.items[start:index]
        if not any(item.lower == "or" for item in asked):
            return False
        named = {
            item.lower
            for item in asked
            if item.label == "TYPED" or (item.label == "WORD" and item.text.isupper())
        }
        for at in range(index + 1, len(self.items)):
            if self._action_at(at):
                return bool(named & {item.lower for item in self.items[at + 1 : at + 6]})
        return False

    def _answered(self, index: int) -> bool:
        """True for a "?" the writer answers right after it, with more after the answer
        ("filled? nope. ok then buy ..."): a question to oneself, not one asked."""
        if self._answer_at(index + 1) is None:
            return False
        rest = self.items[index + 2 :]
        return any(item.text not in _ANSWER_ENDS for item in rest)

    def _negated(self, index: int) -> bool:
        """True for a word right after a negation ("not kidding", "n't joking")."""
        previous = self._at(index - 1)
        return previous is not None and (
            previous.lower in lex.NEGATING_ADVERBS or previous.lower in lex.NEGATION_WORDS
        )

    def _subject_before(self, index: int) -> str | None:
        """The subject right before an action when it is not the writer ("you STO ...", "you
        can't STO ...", "you should BTO ...")."""
        position = index - 1
        while (item := self._at(position)) is not None and (
            item.lower in lex.SUBJECT_ADVERBS or item.lower in lex.SUBJECT_MODALS
        ):
            position -= 1
        item = self._at(position)
        if item is None or item.lower not in lex.OTHER_SUBJECTS:
            return None
        modal = self._at(position - 1)
        if (
            modal is not None
            and modal.lower in guard.REQUEST_MODALS
            and item.lower in guard.REQUEST_ADDRESSEES
        ):
            return None  # "could you grab me 2 ...": a request to the reader, not their trade
        return item.text

    def _praise_before(self, index: int) -> str | None:
        """The praise right before an action ("good job taking profits on ...", "kudos on
        cutting ..."): the action praised is a trade already made, and someone else's."""
        position = index - 1
        for skippable in (lex.PRAISE_LINKS, lex.PRAISE_ADDRESSEES):
            if (item := self._at(position)) is not None and item.lower in skippable:
                position -= 1
        item = self._at(position)
        if item is None or not (item.label == "PRAISE" or item.lower in lex.PRAISE_WORDS):
            return None
        return item.text

    def _after_preposition(self, index: int) -> bool:
        """True for a word right after a preposition ("for me", "as for me"): its object, not
        a speaker opening a caption."""
        previous = self._at(index - 1)
        return previous is not None and previous.lower in lex.OBJECT_PREPOSITIONS

    def _meme_opener(self, index: int) -> bool:
        """ "Me after BTO ...", "me watching my ...": a meme's caption, not "me too, BTO ...".
        The caption opens its sentence, also after a heading's colon ("caption for the pic: me
        after STO ...")."""
        following = self._at(index + 1)
        previous = self._at(index - 1)
        opens = self._opens_sentence(index) or (previous is not None and previous.text == ":")
        return opens and following is not None and following.lower in lex.MEME_CAPTIONS

    def _speaker_label(self, index: int) -> bool:
        """True for a person named as a speaker before a colon, opening the message ("wife:
        we have savings at home", "my boss: ..."): a dialogue, the words after it are that
        person's, not the writer's instruction."""
        if self.items[index].lower not in lex.SPEAKER_NOUNS or not self._before_colon(index):
            return False
        previous = self._at(index - 1)
        if previous is not None and previous.lower in lex.HOLDER_POSSESSIVES:
            index -= 1
        return index == 0

    def _self_speaker(self, index: int) -> bool:
        """True for a part of the writer named as a speaker in a heading opening the message
        (lex.SELF_SPEAKERS: "my last brain cell at the open: BTO ...", "my gut: sell ..."): the
        heading is the writer's possessive and a few words, the part's noun among them, before
        the colon; the words after it are the part's line, a meme."""
        first = self.items[0]
        if first.lower not in lex.HOLDER_POSSESSIVES or index > lex.SPEAKER_HEADING_WORDS:
            return False
        limit = min(len(self.items), index + lex.SPEAKER_HEADING_WORDS + 1)
        colon = next((at for at in range(index, limit) if self.items[at].text == ":"), None)
        return colon is not None and all(
            item.label == "WORD" and not item.line_end for item in self.items[:colon]
        )

    def _before_hypothesis(self, index: int) -> bool:
        """True for "in theory", "in principle": what follows is reasoned about, not done."""
        following = self._at(index + 1)
        return following is not None and following.lower in lex.HYPOTHESIS_NOUNS

    def _idea_not_posted(self, index: int) -> bool:
        """True for "idea" that heads no trade idea: the idea before applied to the writer's
        own ("same idea on my IWM:", "same idea for me:", "same idea as marco,"), or a blame
        in a statement ("this was her idea", "it's the dog's idea"): whose idea it was, not an
        idea posted."""
        previous = self._at(index - 1)
        following = self._at(index + 1)
        if previous is None:
            return False
        thanks = self._at(index - 3)
        if (
            previous.lower in ("the", "your", "ur")
            and (link := self._at(index - 2)) is not None
            and link.lower == "for"
            and thanks is not None
            and thanks.lower in lex.THANKS_WORDS
            and following is not None
            and following.text == ","
        ):
            return True  # "thanks for the idea, grabbing 10 ...": gratitude, the writer's own trade
        if previous.lower == "same":
            owner = self._at(index + 2)
            if following is not None and following.lower in lex.COMPARISON_LINKS:
                return True  # "same idea as marco, bto 1 amd ...": the writer takes it too
            return (
                following is not None
                and following.lower in lex.IDEA_APPLIED_LINKS
                and owner is not None
                and owner.lower in lex.IDEA_OWN_WORDS
            )
        if previous.lower not in lex.OTHER_POSSESSIVES:
            return False
        start = self._sentence_start(index)
        return any(
            item.lower in lex.BLAME_COPULAS
            for item in self.items[max(start, index - _BLAME_REACH) : index - 1]
        )

    def _bot_speaker(self, index: int) -> bool:
        """True for a bot's name heading the message ("AlgoBot:", "FlowBot -", "[DivBot]"): its
        post."""
        lower = self.items[index].lower
        if self._service_header(index):
            return True
        if not (len(lower) > 3 and lower.endswith("bot")):
            return False
        previous, following = self._at(index - 1), self._at(index + 1)
        bracketed = (
            previous is not None
            and previous.text == "["
            and following is not None
            and following.text == "]"
        )
        after = index + 1
        if self._clock_time_at(after):  # "📊 LevelBot 12:00 · SPX ...": the post's time
            after += 3
            if (zone := self._at(after)) is not None and zone.lower in ("et", "est", "edt"):
                after += 1
            following = self._at(after)
        separated = following is not None and following.text in _BOT_NAME_SEPARATORS
        alone = self.items[index].line_end  # "🤖 FillBot⏎dmitri · SELL TO CLOSE 2 QQQ ..."
        if not (bracketed or separated or alone or self._before_colon(index)):
            return False
        # "🤖 FlowBot: ...": only marks (an emoji, a bullet) may stand before the name
        return all(not any(ch.isalnum() for ch in item.text) for item in self.items[:index])

    def _service_header(self, index: int) -> bool:
        """True for a service's name after a mark opening the message, then a dot-separated
        header ending in a colon ("🔔 AlertRelay · KAlerts · Coach K: BTO ...", "🌐 Babel ·
        rafa (pt→en): BTO ..."): a relay's or a translator's post, not the writer's order."""
        item = self.items[index]
        if (
            index == 0
            or not item.text.isalpha()
            or not item.text[:1].isupper()
            or item.text.isupper()  # "🚀 NVDA · ...": a ticker, the writer's own heading
        ):
            return False
        following = self._at(index + 1)
        if following is None or following.text != "\u00b7":
            return False
        if any(any(ch.isalnum() for ch in before.text) for before in self.items[:index]):
            return False
        for later in self.items[index + 2 :]:
            if later.text == ":":
                return True
            if later.line_end:
                return False
        return False

    def _heading_opens_line(self, index: int) -> bool:
        """True for a heading word before its colon opening its line, alone or after the
        writer's possessive or a ticker ("Positions:", "my book:", "INTC position:")."""
        if not self._before_colon(index):
            return False
        previous = self._at(index - 1)
        if previous is not None and (
            previous.lower in lex.HOLDER_POSSESSIVES
            or _RE_UPPER_TICKER.fullmatch(previous.text.lstrip("$"))  # "INTC position:"
        ):
            return self._opens_sentence(index - 1)
        return self._opens_sentence(index)

    def _in_heading(self, index: int) -> bool:
        """True for a word in a heading before the order: a colon follows it within a few
        words, before any action ("schwab statement: 01/05 STC ...")."""
        if self.facts.first_action >= 0:
            return False
        for position in range(index + 1, index + 2 + lex.HEADING_WORDS_MAX):
            item = self._at(position)
            if item is None or self._action_at(position):
                return False
            if item.text == ":":
                return True
        return False

    def _company_before_infinitive(self, index: int) -> str | None:
        """The company in a headline's "AMD to acquire ...": the ticker is the one acting."""
        marker, company = self._at(index - 1), self._at(index - 2)
        if marker is None or company is None or marker.lower != "to":
            return None
        if company.label == "DTICKER" or self._before_ticker(index - 2):
            return company.text
        return None

    def _clause_before(self, index: int) -> list[str]:
        """The words of the action's clause before it, lower case and in order: back to the
        message or line start, punctuation, an emoji, a conjunction, a number, a contract or a
        ticker ("SPY buy 2 ...", "600c 12/18, buy ..." start a clause of their own)."""
        words: list[str] = []
        position = index - 1
        while len(words) < _MAX_CLAUSE_WORDS and (item := self._at(position)) is not None:
            if item.line_end or item.label in _CLAUSE_STARTS or item.lower in _CLAUSE_JOINS:
                break
            if item.label == "SYM" and not any(char.isalnum() for char in item.text):
                if item.text != "'":
                    break
            elif item.label == "SYM" and item.text[-1] in ".!" and item.text[-2:-1].isalnum():
                break  # "11W 3L. buy ...": a tally ending its sentence, its stop kept on it
            elif item.lower in lex.MONTHS and self._after_action(position):
                break  # "sell Dec buy Jan": the month is the date of the leg before
            elif item.label == "WORD" and (
                self._before_ticker(position)
                or (item.lower in lex.ACTION_WORDS and not guard.places_order([item.lower, *words]))
            ):
                break  # "SPY buy 2 ...", "buy to cover ...": the clause starts after it
                # ("enter an order to sell ...": "enter" places the order, the clause goes on)
            else:
                words[:0] = (item.phrase or item.lower).split()
            position -= 1
        return words

    def _after_action(self, index: int) -> bool:
        previous = self._at(index - 1)
        return previous is not None and previous.lower in lex.ACTION_WORDS

    def _refused_by_name(self, index: int) -> str | None:
        """The refusal of an order named with a determiner before its action ("not doing the
        STO 2 ...", "NOT placing that BTO ...", "skipping the BTO ..."), or None."""
        previous = self._at(index - 1)
        if previous is None or previous.lower not in _NAMING_DETERMINERS:
            return None
        verb = self._at(index - 2)
        if verb is None:
            return None
        if verb.lower in _SKIPPING_VERBS:
            return verb.text
        negation = self._at(index - 3)
        if (
            verb.lower in lex.DOING_VERBS
            and negation is not None
            and (negation.lower in lex.NEGATING_ADVERBS or negation.lower == "n't")
        ):
            return negation.text
        return None

    def _instruction_veto(self, index: int, rank: int) -> bool:
        """Record why the action at ``index`` is not an instruction, if it is not: someone
        else's trade, a negation, praise, or a clause that talks about the action ("people
        are buying ...", "I'm done selling ...", "worth buying ...", see guard.clause_reason).
        """
        subject = self._subject_before(index)
        if subject is not None:
            self._veto(guard.OTHER_SUBJECT, subject)
            return True
        previous = self._at(index - 1)
        if previous is not None and previous.lower in lex.NEGATING_ADVERBS:
            self._veto(guard.NEGATION, previous.text)  # "NOT buying the ..."
            return True
        before = self._at(index - 2)
        if (
            previous is not None
            and previous.lower in lex.DOING_VERBS
            and before is not None
            and before.lower in lex.NEGATING_ADVERBS
        ):
            self._veto(guard.NEGATION, before.text)  # "I'm NOT doing STO 4 MSTR ..."
            return True
        refused = self._refused_by_name(index)
        if refused is not None:
            self._veto(guard.NEGATION, refused)  # "NOT doing the STO 2 MSFT ...", "skipping
            return True  # the BTO ..."
        praise = self._praise_before(index)
        if praise is not None:
            self._veto(guard.PRAISE, praise)
            return True
        if self.items[index].lower in lex.CODES or rank < 2:
            # a code is an instruction wherever it stands (frames decide the rest), and so is
            # an alert room's "added" ("MU calls $850 $3.45 ... added")
            return False
        if (
            previous is not None
            and previous.lower == "by"
            and self.items[index].lower.endswith("ing")
            and self.facts.first_action >= 0
        ):
            return False  # "please close my AAPL 310 put ... by selling it at 1.40": the means
        words = self._clause_before(index)
        if words and words[-1] in ("a", "an"):
            # "fire off a sell for ...": the action is the noun of the verb before it
            words = words[:-1]
            if words and words[-1] in _PARTICLES:
                words.pop()
            if words:
                words.pop()
        reason = guard.clause_reason(words)
        if reason is not None:
            self._veto(reason, self.items[index].text)
            return True
        return False

    def _in_exit_plan(self, index: int) -> bool:
        """True for an action after the order's own, inside a target or stop clause: "BTO ...
        @ 1.10 target: sell 1 at 2.20", "..., stop loss sell at 1.60". It is the exit plan,
        not the order: neither its count nor its price is the order's."""
        if self.facts.first_action < 0 or self.items[index].lower in lex.CODES:
            return False
        if self.ignore_window:
            return True
        return any(word in lex.EXIT_PLAN_WORDS for word in self._clause_before(index))

    def _set_side(self, side: Side, effect: Effect | None, rank: int, index: int) -> None:
        facts = self.facts
        if self._in_exit_plan(index):
            self.exit_plan = True
            return
        if self._instruction_veto(index, rank):
            return
        company = self._company_before_infinitive(index)
        if company is not None:
            self._veto("news", f"{company} to {self.items[index].text}")
        if facts.first_action < 0:
            # "SPY is up. buy 2 ...": the order's count is not the level a lead-in spoke of; a
            # later action keeps the window ("... @ 1.10, stop loss sell at .60" is a stop)
            self.ignore_window = 0
        idiom = self._before_idiom(index)
        if idiom is not None and not self._remark_after_order(index):
            self._chatter("a saying", idiom, frames=False)
        if rank > facts.side_rank:
            facts.side, facts.side_rank = side, rank
        if effect is not None and (
            facts.effect is None or (rank >= 3 and not self.effect_from_code)
        ):
            # an alert code's effect outweighs a heading's word ("Open⏎SPY ... +2 ...⏎STC the
            # last 2 906c ...": the positions open, the code closes)
            facts.effect = effect
            self.effect_from_code = rank >= 3
        if facts.first_action < 0:
            facts.first_action = index
        facts.last_action = index
        if rank >= 2:
            facts.side_marks.append((index, side, rank >= 3))

    # --- asides closed in a sentence of their own --------------------------------------------
    def _ends_sentence(self, index: int) -> bool:
        item = self.items[index]
        return item.line_end or (
            item.label == "SYM" and _SENTENCE_END_ITEM.fullmatch(item.text) is not None
        )

    def _sentence_start(self, index: int) -> int:
        """The first item of the sentence holding ``index`` (after a line break, a sentence's
        punctuation or an emoji)."""
        start = index
        while start > 0 and not self._ends_sentence(start - 1):
            start -= 1
        return start

    def _is_remark(self, start: int, end: int, vocabulary: frozenset[str]) -> bool:
        """True when the items from ``start`` to ``end`` (exclusive) are prose of two words or
        more, with no number, price, contract or phrase of the order and no word of
        ``vocabulary``, and name no ticker named elsewhere in the message."""
        words = [item for item in self.items[start:end] if item.label == "WORD"]
        return (
            len(words) >= 2
            and self._plain(start, end, vocabulary, times=False)
            and not self._names_ticker_outside(start, end)
        )

    def _plain(self, start: int, end: int, vocabulary: frozenset[str], *, times: bool) -> bool:
        """True when the items from ``start`` to ``end`` are words and punctuation (and with
        ``times`` a relative time: "this week") with no word of ``vocabulary``."""
        return all(
            (self._remark_item(item) or (times and item.label in _RELATIVE_TIME_LABELS))
            and item.lower not in vocabulary
            for item in self.items[start:end]
        )

    def _names_ticker_outside(self, start: int, end: int) -> bool:
        """True when a word from ``start`` to ``end`` names a ticker named elsewhere."""
        words = [item for item in self.items[start:end] if item.label == "WORD"]
        named = {item.text.upper().replace(".", "/") for item in words}
        named |= {
            lex.COMPANY_TICKERS[item.lower] for item in words if item.lower in lex.COMPANY_TICKERS
        }
        outside = {symbol for _, at, symbol in self.facts.tickers if not start <= at < end}
        return bool(named & outside)

    @staticmethod
    def _remark_item(item: _Item) -> bool:
        """True for a word, punctuation or "market" talked about (not "at market")."""
        if item.label == "SYM":
            return _REMARK_PUNCTUATION.fullmatch(item.text) is not None
        return item.label == "WORD" or (item.label == "MARKET" and item.lower in lex.MARKET_WORDS)

    def _aside_question(self, index: int) -> int | None:
        """Where the question ending at the "?" at ``index`` starts, when it stands in a
        sentence of its own before or after the order's and is not about the order: no word of
        the order, no deciding, judging or pointing at it (lex.ORDER_QUESTION_WORDS), no ticker
        the order names ("why is everyone so scared of banks? buy 2 C ...", "... @ 2.05. anyone
        else playing earnings?"). None for a question about the order ("buy 2 C 110c @ 3.30?",
        "should I buy ...?", "thoughts on BTO ...?")."""
        first = self.facts.first_action
        start = self._sentence_start(index)
        if first < 0 or start <= first <= index:
            return None
        words = [item.lower for item in self.items[start:index]]
        if any(a == "going" and b == "to" for a, b in itertools.pairwise(words)):
            return None  # "is it going to rip?": what will happen, asked about the trade
        if self._is_remark(start, index, _ORDER_QUESTION_TALK) or self._room_question(start, index):
            return start
        return None

    def _room_question(self, start: int, end: int) -> bool:
        """True for a question to the room about the world, in the items from ``start`` to
        ``end``: a lead of plain words ("quick Q for the room, does"), the room addressed
        (lex.ROOM_ADDRESSEES, "else") with a verb asking what it knows or thinks, or "is it
        just me or", then a clause with no word of the order, no deciding or judging and no
        pointing at the trade (the world's timing and a relative time may stand in it: "...
        out yet?", "... this week?"). Asked what the room knows, the clause may name the
        order's ticker ("does anyone know when NFLX reports?"); asked what it thinks, it may
        not ("anyone else think NFLX is done?" asks about the trade), nor may a question about
        the trade itself ("anyone else buying this?", "anyone in NFLX 90p?")."""
        words = [item.lower for item in self.items[start:end]]
        for at, word in enumerate(words):
            if tuple(words[at : at + len(lex.ROOM_IDIOM)]) == lex.ROOM_IDIOM:
                verb_at, knowing = at + len(lex.ROOM_IDIOM) - 1, False
                break
            if word in lex.ROOM_ADDRESSEES:
                verb_at = at + 1 + (words[at + 1 : at + 2] == ["else"])
                verb = words[verb_at] if verb_at < len(words) else ""
                knowing = verb in lex.KNOWING_VERBS
                if knowing or verb in lex.OPINION_VERBS:
                    break
        else:
            return False
        lead_vocabulary = _ORDER_QUESTION_TALK - lex.PRICE_MARKERS
        clause = start + verb_at + 1
        return (
            self._plain(start, start + at, lead_vocabulary, times=False)
            and not self._names_ticker_outside(start, start + at)
            and clause < end
            and self._plain(clause, end, _ROOM_CLAUSE_TALK, times=True)
            and (knowing or not self._names_ticker_outside(clause, end))
        )

    def _joining_question(self, index: int) -> int | None:
        """Where the question ending at the "?" at ``index`` starts, when it asks the room
        who else does what the writer's order just did, in a clause of its own after the
        order (after a full stop, a line break, a comma or a dash): "... @ .40 — who else is
        playing the drift?", "buy 500 SHY @ 82.41, anyone else parking cash in SHY or just
        me?". The writer has acted; a question asking what to do ("... @ 3.20 — too
        aggressive?", "thoughts?") is no such clause."""
        start = index
        while start > 0 and not (self._ends_sentence(start - 1) or self._marks_clause(start - 1)):
            start -= 1
        if start <= max(self.facts.first_action, 0):
            return None
        words = [item.lower for item in self.items[start:index]]
        if words[-3:] == ["or", "just", "me"]:
            words = words[:-3]  # "..., anyone else parking cash in SHY or just me?"
        if words and words[0] in _JOINING_ASKERS:
            rallied = [word for word in words[1:] if word not in _JOINING_LINKS]
            if rallied in _RALLYING_CALLS:
                return start  # "... — round two, who's with me?"
        if len(words) < 3 or words[0] not in _JOINING_ASKERS or words[1] != "else":
            return None
        rest = words[2:]
        while rest and rest[0] in _JOINING_FILLERS:
            rest = rest[1:]
        joined = bool(rest) and (rest[0] in ("in", "on") or rest[0].endswith("ing"))
        return start if joined and not set(rest) & _JOINING_JUDGEMENTS else None

    def _marks_clause(self, index: int) -> bool:
        """True for a comma or a dash standing between words ("... @ .40 — who else ...",
        not the hyphen of "post-landing")."""
        item = self.items[index]
        if item.text not in _CLAUSE_MARKS:
            return False
        previous = self._at(index - 1)
        return item.text != "-" or not (item.glued or (previous is not None and previous.glued))

    def _close_asides(self) -> None:
        """Turn each question aside (_aside_question, _joining_question) from a veto into a
        soft remark."""
        for index in self.questions:
            start = self._aside_question(index)
            if start is None:
                start = self._joining_question(index)
            if start is None:
                continue
            begin, end = self.items[start].start, self.items[index].start
            self.facts.cues = [
                cue
                for cue in self.facts.cues
                if not (cue.reason in _ASIDE_CLEARED and begin <= cue.at <= end)
            ]
            self.facts.cues.append(Cue(guard.ASIDE_QUESTION, "", end, guard.SOFT))

    def _after_order_remark(self, index: int) -> bool:
        """True for the word at ``index`` standing in a remark of its own after the order's
        sentence: prose with no word of the trade (_REMARK_TALK), no number and no ticker the
        order names, and with laughter three words or more ("will post the result later",
        "what's everyone eating for lunch lol"; not "will do it later", "lol")."""
        first = self.facts.first_action
        if first < 0 or not any(self._ends_sentence(at) for at in range(first, index)):
            return False
        start = self._sentence_start(index)
        end = next((at for at in range(index, len(self.items)) if self._ends_sentence(at)), None)
        stop = len(self.items) if end is None else end + (self.items[end].label == "WORD")
        words = sum(item.label == "WORD" for item in self.items[start:stop])
        laughs = self.items[index].lower in lex.LAUGH_WORDS
        return (not laughs or words >= _LAUGHED_REMARK_WORDS) and self._is_remark(
            start, stop, _REMARK_TALK
        )

    def _close_remarks(self) -> None:
        """Turn a modal or a laugh in a remark after the order (_after_order_remark) soft."""
        candidates = [cue for cue in self.facts.cues if self._remark_candidate(cue)]
        if self.facts.first_action < 0 or not candidates:
            return
        at_item = {item.start: index for index, item in enumerate(self.items)}
        closed = {
            id(cue)
            for cue in candidates
            if cue.at in at_item and self._after_order_remark(at_item[cue.at])
        }
        self.facts.cues = [
            replace(cue, reason=guard.REMARK, weight=guard.SOFT) if id(cue) in closed else cue
            for cue in self.facts.cues
        ]

    @staticmethod
    def _remark_candidate(cue: Cue) -> bool:
        """True for a modal ("will") or a laugh ("lol"): a remark's, after the order."""
        word = cue.text.lower()
        return (cue.reason == guard.HYPOTHETICAL and word in guard.MODAL_CUES) or (
            cue.reason == guard.JOKE and word in lex.LAUGH_WORDS
        )

    def _closed_condition(self, index: int) -> bool:
        """True for a condition at ``index`` whose main clause, after its comma, is a finished
        statement that is not the order and names no trade ("if this goes to zero, I'm blaming
        Powell. BTO ..."): it conditions that statement, not the order. Not when the main clause
        is the order ("if SPY breaks 600, buy ..."), decides a trade or acts ("if it dips, I'm
        in.", "..., doing it:"), or is missing ("if NFLX holds 100. buy ...")."""
        first = self.facts.first_action
        comma = next(
            (
                at
                for at in range(index + 1, max(first, index + 1))
                if self.items[at].text == "," or self._ends_sentence(at)
            ),
            None,
        )
        if comma is None:
            return False
        marked = self.items[comma].text == "," and not self._ends_sentence(comma)
        main_at = comma + 1 if marked else self._unmarked_main_clause(index, comma)
        if main_at is None:
            return False
        if any(
            item.label in _ACTION_LABELS
            or item.lower in lex.CODES
            or item.lower in lex.ACTION_WORDS
            for item in self.items[index + 1 : main_at]
        ):
            return False  # "if you're buying, ...": the condition is a trade
        end = next((at for at in range(main_at, first) if self._ends_sentence(at)), None)
        if end is None:
            return False
        stop = end + 1 if self.items[end].line_end and self.items[end].label == "WORD" else end
        main = [item.lower for item in self.items[main_at:stop] if item.label == "WORD"]
        talk = _TRADE_TALK
        if any(
            self.items[at].lower in lex.IDEA_WORDS and self._idea_not_posted(at)
            for at in range(main_at, stop)
        ):
            talk = _TRADE_TALK - lex.IDEA_WORDS  # "..., this was her idea 😂": a blame
        return self._is_remark(main_at, stop, talk) and not guard.is_go_clause(main)

    def _unmarked_main_clause(self, index: int, end: int) -> int | None:
        """Where the main clause of the condition at ``index`` starts when no comma marks it,
        before the sentence end at ``end``: at a subject pronoun after the condition's own
        subject, verb and object ("if 2026 taught me anything it's that I never learn."); None
        when there is none ("if NFLX holds 100. buy ...")."""
        return next(
            (
                at
                for at in range(index + _CONDITION_WORDS_BEFORE_MAIN, end)
                if self.items[at].lower in lex.SUBJECT_PRONOUNS
            ),
            None,
        )

    def _close_conditions(self) -> None:
        """Turn each condition closed by its own main clause (_closed_condition) soft."""
        if self.facts.first_action < 0 or not any(
            cue.text.lower() in guard.OPEN_CONDITIONS for cue in self.facts.cues
        ):
            return
        at_item = {item.start: index for index, item in enumerate(self.items)}
        self.facts.cues = [
            replace(cue, reason=guard.CLOSED_CONDITION, weight=guard.SOFT)
            if cue.reason == guard.HYPOTHETICAL
            and cue.text.lower() in guard.OPEN_CONDITIONS
            and cue.at in at_item
            and self._closed_condition(at_item[cue.at])
            else cue
            for cue in self.facts.cues
        ]

    def _indirect_question(self, index: int) -> bool:
        """True for "if" after "not sure", "don't know", "wondering", and "when" after "know"
        ("does anyone know when NFLX reports?"): whether, when; not a condition."""
        previous = self._at(index - 1)
        return previous is not None and previous.lower in lex.DOUBT_WORDS

    def _ironic_tail(self, index: int) -> bool:
        """True for a mark of irony ending the message after the instruction ("sure, let me
        just BTO 50 SPY ... 🙄", "... /s"): it takes back what was said (opening the message, an
        eye-roll is a mood: "mondays man 🙄 anyway, buy ...")."""
        if not 0 <= self.facts.first_action < index:
            return False
        return all(item.label == "SYM" for item in self.items[index + 1 :])

    def _inverted_condition(self, index: int) -> bool:
        """True for an auxiliary before its subject after the order's details, in the order's
        sentence ("STO ... @ 1.00 should CPI come in cool", "..., were SPY to break 600", "...
        had it held 600"): a condition said without "if", not yet met. The subject is a name
        (a capital), a subject pronoun, or after "should" and "were" a determiner ("should the
        Fed cut"); "... should print", "... had a good run" and "... should be fine" have none."""
        first = self.facts.first_action
        if not 0 <= first < index or not (self.facts.slots or self.facts.strikes):
            return False
        if any(item.line_end or item.text in _CLAUSE_ENDS for item in self.items[first:index]):
            return False  # "... @ 2. should be fine": a remark in a sentence of its own
        subject, verb = self._at(index + 1), self._at(index + 2)
        if subject is None or verb is None or subject.label != "WORD" or verb.label != "WORD":
            return False
        if subject.lower in lex.SUBJECT_PRONOUNS:
            return True
        if self.items[index].lower == "had":
            return False
        return subject.lower in lex.INVERTED_DETERMINERS or subject.text[:1].isupper()

    def _is_conditional(self, index: int) -> bool:
        """A condition, modal or plan ("if", "I'd", "paper"), or any hypothetical word before
        "to" ("waiting to BTO ...", "hoping to sell ..."): an intention, not an order now."""
        following = self._at(index + 1)
        if following is not None and following.lower == "rather":
            return False  # "I'd rather not babysit the call side": a preference
        return self.items[index].lower in lex.CONDITIONAL_WORDS or (
            following is not None and following.lower == "to"
        )

    def _gerund_subject(self, index: int) -> bool:
        """True for a copula after a clause that an action in "-ing" opens ("buying 500 shares
        of GME @ 30.00 ... is how accounts die"): the gerund is the sentence's subject."""
        first = self.facts.first_action
        if not 0 <= first < index or not self.items[first].lower.endswith("ing"):
            return False
        before = self._at(first - 1)
        if (
            before is not None
            and before.text not in (":", ".", "!", "?", "\n")
            and not (before.line_end)
        ):
            return False
        return not any(
            item.text in (".", "!", "?", ";", ",") or item.line_end
            for item in self.items[first:index]
        )

    def _calendar_heading(self, index: int) -> bool:
        """True for a time heading over a list of tickers alone, closed by a full stop before
        the order ("next week: GOOGL, AMD, PLTR, UBER. starting: buy ...", "next month: NKE,
        FDX and MU. ..."): a calendar of who reports then, not the time of the order."""
        if not self._heading_opens_line(index):
            return False
        colon = index + 1
        while (item := self._at(colon)) is not None and item.text != ":":
            if item.line_end or colon > index + 3:
                return False
            colon += 1
        tickers = 0
        for item in self.items[colon + 1 :]:
            if item.text in (".", "!"):
                return tickers >= 2 and not item.line_end
            if item.text in (",", "&", "+", "/") or item.lower == "and":
                continue
            if _RE_UPPER_TICKER.fullmatch(item.text.lstrip("$")) is None or item.line_end:
                return False
            tickers += 1
        return False

    def _dating_heading(self, index: int) -> bool:
        """True for "next week" opening its line and a heading that ends in a colon before the
        first action ("next week: BTO ...", "next week, after CPI: buy ..."): the order is
        dated later. As an expiration ("... calls expiring next week") it follows the action."""
        if self._heading_opens_line(index):
            return True
        if not self._opens_sentence(index) or self.facts.first_action >= 0:
            return False
        for item in self.items[index + 1 :]:
            if item.label in ("ACTION", "VERB") or item.lower in lex.CODES or item.line_end:
                return False
            if item.text == ":":
                return True
        return False
