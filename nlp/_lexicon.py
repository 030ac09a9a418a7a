"""Word lists: trading vocabulary, chatter markers and words that are never tickers."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, cast

from spacy.lang.en.stop_words import STOP_WORDS

from nlp._models import Effect, LegType, PriceEffect, Side

# --- actions -------------------------------------------------------------------------------
# The verbs live in lexicon/verbs.toml (one line per verb); see _load_verbs for the format.
_LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"
SideEffect = tuple[Side, Effect | None]


def _read_toml(name: str) -> dict[str, Any]:
    with (_LEXICON_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


def _side_effect(spec: str) -> SideEffect:
    side, _, effect = spec.partition(":")
    if side not in ("buy", "sell") or effect not in ("", "open", "close"):
        raise ValueError(f"bad verb entry in lexicon/verbs.toml: {spec!r}")
    return cast(Side, side), cast(Effect, effect) if effect else None


def _load_verbs(section: str) -> dict[str, SideEffect]:
    table = _VERBS.get(section, {})
    return {phrase.lower(): _side_effect(spec) for phrase, spec in table.items()}


_VERBS = _read_toml("verbs.toml")
_EFFECT_ONLY_SECTIONS = ("leading_effects",)
_ALL_VERBS = {
    section: _load_verbs(section) for section in _VERBS if section not in _EFFECT_ONLY_SECTIONS
}
# Every one-word verb of the lexicon, whatever its section: where the second opinion's model
# (nlp/_kind_model.py) splits a message into the words before its first verb and after it.
VERB_WORDS = frozenset(
    word.lower() for table in _VERBS.values() for word in table if " " not in word
)
# word -> (side, effect); effect None means "not stated".
CODES: dict[str, tuple[Side, Effect]] = {
    word: (side, effect)
    for word, (side, effect) in _ALL_VERBS["codes"].items()
    if effect is not None
}
_ACTIONS = _ALL_VERBS["actions"] | _ALL_VERBS["price_actions"]
ACTION_WORDS: dict[str, SideEffect] = {w: v for w, v in _ACTIONS.items() if " " not in w}
# Multi-word verbs ("pick up", "scale out of") are matched as one span by the pipeline.
ACTION_PHRASES: dict[str, SideEffect] = {w: v for w, v in _ACTIONS.items() if " " in w}
# Verbs that also announce a price: "bid 1.15 for 6 SOFI 20 calls".
PRICE_ACTION_WORDS = frozenset(_ALL_VERBS["price_actions"])
# Only an action when they open the message ("in TSLA 410c", "long MSFT", "close my ...").
LEADING_ACTION_WORDS: dict[str, SideEffect] = _ALL_VERBS["leading"]
# A leading "in", "long" or "short" right before "at <price>" reports a position entered at that
# price ("in at 1.45 on the AMD 200c 11/20"), not an order ("in AMD 200c 11/20 @ 1.45" is one).
ENTERED_WORDS = frozenset({"in", "long", "short"})
# Weak actions: "added" in alert channels means "I am buying more now".
WEAK_ACTION_WORDS: dict[str, SideEffect] = _ALL_VERBS["weak"]
# Only an effect, and only when they open the message: "open 4 IWM 200/195 PCS", "Opening $COIN".
LEADING_EFFECT_WORDS: dict[str, Effect] = {
    word.lower(): cast(Effect, effect) for word, effect in _VERBS["leading_effects"].items()
}
if not set(LEADING_EFFECT_WORDS.values()) <= {"open", "close"}:
    raise ValueError("bad entry in lexicon/verbs.toml [leading_effects]")
# Wishes ("I want", "I'd like", "need"): a buy before a count, or before "to" and a verb;
# otherwise a wish about the market ("I want SPY to hold 600"), which is chatter.
WISH_PHRASES: dict[str, SideEffect] = _ALL_VERBS["wishes"]

# --- quantities written as words (lexicon/numbers.toml) ---------------------------------------
_NUMBERS = _read_toml("numbers.toml")
_QUANTITY_TABLE: dict[str, int] = {
    phrase.lower(): int(value) for phrase, value in _NUMBERS["quantity_words"].items()
}
# Tens and units that make compound counts: "twenty-five" (three tokens), "thirty two".
TENS: dict[str, int] = {word.lower(): int(value) for word, value in _NUMBERS["tens"].items()}
UNITS: dict[str, int] = {
    word: value for word, value in _QUANTITY_TABLE.items() if 1 <= value <= 9 and " " not in word
}
QUANTITY_WORDS: dict[str, int] = {w: v for w, v in _QUANTITY_TABLE.items() if " " not in w}
QUANTITY_PHRASES: dict[str, int] = {w: v for w, v in _QUANTITY_TABLE.items() if " " in w}
EFFECT_WORDS: dict[str, Effect] = {"opening": "open", "closing": "close"}


def phrase_count(phrase: str) -> int | None:
    """The count a matched phrase names: "a couple of" is 2, "twenty - five" is 25."""
    if phrase in QUANTITY_PHRASES:
        return QUANTITY_PHRASES[phrase]
    words = [word for word in phrase.split() if word != "-"]
    if len(words) == 2 and words[0] in TENS and words[1] in UNITS:
        return TENS[words[0]] + UNITS[words[1]]
    return None


# --- contract vocabulary ---------------------------------------------------------------------
TYPE_WORDS: dict[str, LegType] = {
    "call": "call",
    "calls": "call",
    "put": "put",
    "puts": "put",
    "cals": "call",  # a common typo, and slang
    "callz": "call",
    "c": "call",
    "p": "put",
    # a cash-secured put: "selling a CSP on HOOD, 38 strike, ..."
    "csp": "put",
    "csps": "put",
}
MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
# The month names above as one regex alternation, the longest first ("september" before "sep").
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# Words after a month name that make it the expiration's month ("the May monthly", "May expiry").
MONTH_NOUNS = frozenset({"monthly", "monthlies", "monthlys", "expiry", "expiration", "opex"})
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
}  # fmt: skip
# Relative expiration words handled one token at a time.
RELATIVE_DATE_WORDS = frozenset({"today", "tomorrow", "weekly", "weeklys", "weeklies", "eow"})
EXPIRATION_MARKERS = frozenset(
    {"exp", "expiring", "expiration", "expiry", "expires", "expire", "expirations", "expiring."}
)
# What becomes of a contract sold or bought ("2.1% if it expires", "12% annualized if
# assigned", "$420 if called away"): after a figure, "if" and one of these state the trade's
# return at that outcome, not a condition on placing it.
OUTCOME_VERBS = frozenset(
    {"expires", "expire", "expiring", "assigned", "called", "exercised", "pinned", "held"}
)
# In a clause after the order, "if ... I'm happy to own it" says what the writer accepts if
# assigned ("STO 2 DIS 120p ... @ .95 — if it drops there after the print, I'm happy to own
# it"), not a condition on the order.
ACCEPTING_WORDS = frozenset({"happy", "fine", "glad", "content", "willing", "ok", "okay"})
OWNING_WORDS = frozenset({"own", "owning", "assigned", "assignment", "shares", "wheel"})
# Words that name the underlying's price in a clause of its own after the order ("..., stock
# 71.40", "(spot at 146.20)").
SPOT_WORDS = frozenset({"stock", "spot", "underlying", "px", "last"})
OUTCOME_SUBJECTS = frozenset({"it", "they", "these", "those", "them", "shares", "puts", "calls"})
PRICE_MARKERS = frozenset(
    {"@", "at", "for", "limit", "lim", "lmt", "entry", "price", "net", "pay", "paying", "premium"}
)
STRIKE_MARKERS = frozenset({"strike", "strikes", "strk", "strik"})
CREDIT_DEBIT: dict[str, PriceEffect] = {"credit": "credit", "debit": "debit"}
SHARE_WORDS = frozenset({"share", "shares", "shs", "sh", "stock", "stocks"})
CONTRACT_WORDS = frozenset({"contract", "contracts", "cons", "lots", "lot", "cts", "ct", "contr"})
# "covered calls on my INTC shares": whose shares are held, not traded.
HOLDER_POSSESSIVES = frozenset({"my", "our"})
# Words of an alert's heading besides its tags ("Stock alert:", "Options alert:").
ALERT_KINDS = frozenset({"stock", "stocks", "option", "options", "equity", "shares", "call"})
# Before a lower-case ticker and its strike: "close my long nvda 190 calls", "the spy 600c".
LOWER_TICKER_LEADS = frozenset({"my", "the", "long", "short", "of", "on", "open", "last"})
# "at 1.40 or better", "or less": the price's tolerance, not an alternative asked about.
PRICE_TOLERANCES = frozenset({"better", "less", "lower", "higher", "more", "so", "best"})
# "I'd want at least 1.15": a modal before the price asked.
WISH_MODALS = frozenset({"'d", "d", "would"})
# "can I get 3 AAPL 250 calls ...?", "may I have 2 ...": a request for a buy.
GET_MODALS = frozenset({"can", "could", "may"})
GET_VERBS = frozenset({"get", "have", "grab"})
# Right after the order's price these put it off: "... at 5 later", "... at 2 someday".
LATER_WORDS = frozenset({"later", "someday", "eventually", "sometime"})
# A time to come after a recap's word announces it: "recap tonight", "review later".
TIMES_TO_COME = LATER_WORDS | frozenset({"tonight", "tomorrow", "tmrw", "soon", "eod"})
# Headings of advice to others ("my advice: buy ...", "Suggestion: sell ...").
ADVICE_HEADINGS = frozenset({"advice", "suggestion", "suggestions", "recommendation"})
# "..., max I want to pay is 3.20": a wish to pay is the price.
PAY_VERBS = frozenset({"pay", "spend"})
# Actions that are leading words ("short", "long", "close") read after a request to the bot:
# "can you short 100 shares of TSLA at 410", "could you close my 2 ...".
REQUESTED_LEADS = frozenset({"short", "close"})
# "entry 6.40 exit 11.20": the entry's price before an exit reports a round trip.
ENTRY_MARKERS = frozenset({"entry", "entered", "in", "bought", "avg", "from"})
# Company names written where the ticker goes ("buy 10 shares of Apple"): lexicon/companies.toml.
COMPANY_TICKERS: dict[str, str] = dict(_read_toml("companies.toml")["companies"])
# "add 2 more COST ...": between the count and the ticker.
MORE_WORDS = frozenset({"more", "additional", "extra"})
# After "call"/"put" these make a level, not an option ("call wall 7000", "put wall").
LEVEL_NOUNS = frozenset({"wall", "walls", "gex", "flip", "level", "levels", "resistance"})
# Right after an alert code these make it a bot's signal ("STO signal SPX ...", "BUY signals").
SIGNAL_NOUNS = frozenset({"signal", "signals"})
# "5-wide", "10 points wide": a number before these is a spread's width.
WIDTH_WORDS = frozenset({"wide", "width", "point", "points"})
# "15-point wings", "10 points wide": after "point(s)" these make the number a fly's width.
WING_WORDS = frozenset({"wide", "wing", "wings"})
SIZE_WORDS = frozenset({"size", "sized", "position", "pos", "of", "risk"})
# What a fraction counts out of a limit ("2/3 PDT used", "1/3 day trades left", "2/4 slots"):
# a tally, not a date. "day" counts only before "trade(s)" ("4/5 day" is a day order).
TALLY_WORDS = frozenset(
    {"pdt", "pdts", "daytrades", "daytrade", "dt", "dts", "trades", "slots", "positions"}
)
TALLY_AFTER_DAY = frozenset({"trade", "trades"})
MARKET_WORDS = frozenset({"market", "mkt"})
GTC_WORDS = frozenset({"gtc"})
DAY_WORDS = frozenset({"day"})
TIF_KEYS = frozenset({"tif", "duration", "validity", "timing"})
# Before "day" these make it a noun, not a time in force ("long day", "rough day, sell ...").
DAY_NOUN_LEADS = frozenset(
    {"long", "good", "great", "bad", "rough", "tough", "whole", "every", "all", "one", "a", "the",
     "this", "that", "per", "each", "green", "red", "big", "slow", "first", "last", "same",
     "next", "trading", "any", "some", "nice", "crazy", "wild", "busy", "of", "my", "our",
     "your", "boring", "huge", "best", "worst", "another", "what", "strong", "weak", "flat",
     "chop", "choppy", "fomc", "cpi", "payday", "pay", "opex", "expiration", "expiry", "up",
     "down", "half", "full", "by", "mid", "in", "to", "other", "single", "prime", "election",
     "earnings", "jobs", "fed", "game", "launch", "inauguration", "memorial", "labor", "moving",
     "quad", "witching", "rebalance", "d", "judgment", "judgement"}
)  # fmt: skip
# The words after which "day" is still the order's time in force ("lmt day", "1.20 cr day"):
# after any other word it names a kind of day ("pin day", "NVDA day", "trend day").
DAY_TIF_LEADS = frozenset(
    {"lmt", "limit", "mkt", "market", "cr", "db", "dr", "credit", "debit", "cred", "deb", "net",
     "or", "and", "order", "stp", "stop", "tif", "force"}
)  # fmt: skip
# Before a whole number opening the message (or before "of"), these make it a count of days
# ("day 41 of not touching ...", "week 3 of holding ..."), not a quantity or a price.
COUNTED_PERIODS = frozenset({"day", "week", "month"})
# A number shortly after these is a target, stop or average, never the order price.
# A number right before a greek picks the strike by that greek ("30 delta", "16-delta"): it
# names no strike, price or count.
GREEK_WORDS = frozenset({"delta", "deltas", "Δ", "δ", "theta", "gamma", "vega"})
IGNORE_NUMBER_WORDS = frozenset(
    {"pt", "pts", "tp", "sl", "stop", "stops", "stoploss", "sl's", "avg", "average", "from",
     "target", "targets", "ts", "trailing", "tsl", "be", "breakeven", "under", "above", "below",
     "over", "cost", "basis", "up", "down", "max", "loss", "profit", "wall", "walls"}
)  # fmt: skip
# An action after the order's own, in a clause with these, is its exit plan ("target: sell 1
# at 2.20", "stop loss sell at 1.60"), not a second order.
EXIT_PLAN_WORDS = frozenset(
    {"pt", "pts", "tp", "sl", "stop", "stops", "stoploss", "target", "targets", "ts", "trailing",
     "tsl", "loss", "profit"}
)  # fmt: skip

# --- chatter markers ----------------------------------------------------------------------------
QUESTION_STARTERS = frozenset(
    {"what", "whats", "how", "why", "when", "where", "who", "which", "should", "would", "could",
     "can", "is", "are", "am", "do", "does", "did", "anyone", "anybody", "any", "shall", "wdyt",
     "thoughts", "whos", "hows"}
)  # fmt: skip
# An auxiliary opening a later sentence, before one of these subjects, asks a question even
# without its "?" ("... entry 3.80 on the QQQ 635c. is that 1:2.4 or am I bad at math").
TAIL_QUESTION_AUXILIARIES = frozenset({"is", "am", "are", "does", "do", "did", "was", "were"})
QUESTION_SUBJECTS = frozenset(
    {"that", "this", "it", "i", "these", "those", "you", "we", "my", "ur", "u", "anyone"}
)  # fmt: skip
# After a modal opening a message, a bare verb or a perfect shows the subject was left out: a
# statement ("would be nice ...", "should've bought ...", "could have waited"), not a question.
BARE_AFTER_MODAL = frozenset({"be", "'ve", "ve", "have", "of", "been"})
PAST_WORDS = frozenset(
    {"bought", "sold", "closed", "trimmed", "posted", "exited", "entered", "took", "got",
     "gotten", "was",
     "were", "had", "did", "missed", "expired", "stopped", "filled", "opened", "recovered",
     "yesterday", "knew", "made", "lost", "hit", "ran", "printed", "paid", "cashed", "sent",
     "grabbed", "snagged", "scooped", "dumped", "unloaded", "liquidated", "purchased",
     "yoloed", "yolo'd",
     "acquired", "picked", "loaded", "scaled", "wrote", "written", "offered", "rolled",
     "scalped", "flipped", "shorted", "booked", "banked", "locked", "chased", "caught",
     "swung", "held", "went", "executed", "cancelled", "canceled", "rejected", "assigned",
     "exercised", "copped", "nabbed", "yoinked", "ditched", "offloaded", "bailed", "peeled",
     "placed", "submitted", "routed", "queued", "received", "accepted", "crossed", "sld",
     "been", "tried", "replaced", "modified", "amended", "played"}
    | {f"{code}{suffix}" for code in ("bto", "sto", "btc", "stc") for suffix in ("'d", "d", "ed")}
)  # fmt: skip
# Past forms that describe the writer or the market, not a trade ("I was waiting for this...
# BTO ...", "SPY hit 600, BTO ..."): unlike "Closed trades:" or "Yesterday:", they do not make
# a following alert code a report.
PAST_NOT_REPORTS = frozenset(
    {"was", "were", "had", "did", "hit", "ran", "went", "knew", "made", "recovered", "held",
     "crossed", "been"}
)  # fmt: skip
HYPOTHETICAL_WORDS = frozenset(
    {"if", "plan", "plans", "planning", "thinking", "think", "considering", "consider", "eyeing",
     "eye", "watching", "watch", "watchlist", "might", "maybe", "possibly", "probably", "perhaps",
     "hoping", "hope", "wish", "want", "wanna", "gonna", "will", "would", "could", "should",
     "'ll", "likely", "waiting", "wait", "unless", "once", "tonight", "looks", "seems",
     "shoulda", "coulda", "woulda", "regret", "regrets", "kicking", "ugh", "wishing",
     "gon", "'d", "when", "whenever", "zone", "zones", "remember", "remind", "imagine",
     "imagining", "suppose", "pretend", "leaning", "tempted", "provided", "providing",
     "assuming", "supposing"}
)  # fmt: skip
# Conditions, modals and plans: written before an alert code they make it conditional or
# hypothetical ("if SPY breaks 600, BTO ...", "I'd STO ..."), unlike mood words such as
# "waiting", "hoping" or "looks", which often precede a real alert.
CONDITIONAL_WORDS = frozenset(
    {"if", "unless", "once", "when", "whenever", "would", "could", "should", "might", "'d",
     "'ll", "will", "gonna", "gon", "maybe", "possibly", "probably", "perhaps", "likely",
     "shoulda", "coulda", "woulda", "wish", "wishing", "regret", "regrets", "plan", "plans",
     "planning", "considering", "consider", "wanna", "remember", "remind", "imagine",
     "imagining", "suppose", "pretend", "thinking", "leaning", "tempted", "provided",
     "providing", "assuming", "supposing"}
)  # fmt: skip
if not CONDITIONAL_WORDS <= HYPOTHETICAL_WORDS:
    raise ValueError("CONDITIONAL_WORDS must be hypothetical words")
# After the order's action, these before a number ask that price: "..., want 1.60 or better".
PRICE_WISHES = frozenset({"want", "wants", "wanna", "need", "needs", "looking"})
# Between a wish and its price: "I'd like at least 9.50", "want around 2.10".
PRICE_BOUND_WORDS = frozenset({"at", "least", "most", "around", "about", "roughly", "like"})
# A wish for someone ("wish me luck", "wishing you all green"): these words and what they wish.
WELL_WISHES = frozenset({"wish", "wishing"})
WISHED_GOODS = frozenset(
    {"luck", "well", "the", "all", "a", "green", "gains", "profit", "profits", "happy", "good",
     "godspeed", "success"}
)  # fmt: skip
# A wish of the writer's own right before its verb: "I am want to buy", "i wish to acquire".
FIRST_PERSON_WISHES = frozenset({"want", "wish", "wanna"})
# Before "if" these make it "whether" ("not sure if I'm doing this right", "someone asked if I
# learned anything"), not a condition.
DOUBT_WORDS = frozenset(
    {"sure", "know", "wonder", "wondering", "wondered", "unsure", "idea", "clue", "ask", "asks",
     "asked", "asking"}
)  # fmt: skip
# Words that open an indirect question after a doubt or a verb of knowing ("not sure if ...",
# "does anyone know when NFLX reports?"): whether, when; not a condition.
COMPLEMENTIZERS = frozenset({"if", "whether", "when"})
# A question put to the room: to whom (the indefinite and universal persons and the plural
# "you": "anyone else ...", "does everybody ...", "y'all ..."), and what it asks of them: what
# they know or have seen ("does anyone know when NFLX reports?", "anyone notice ...") or what
# they think ("anyone else think the Fed holds tomorrow?"). "is it just me or ..." asks the
# room whether it shares what the writer thinks.
ROOM_ADDRESSEES = frozenset(
    {"anyone", "anybody", "everyone", "everybody", "someone", "somebody", "y'all", "yall",
     "ya'll", "folks", "guys"}
)  # fmt: skip
KNOWING_VERBS = frozenset(
    {"know", "knows", "remember", "remembers", "recall", "hear", "heard", "see", "seen", "saw",
     "seeing", "notice", "noticed", "noticing", "catch", "caught", "understand"}
)  # fmt: skip
OPINION_VERBS = frozenset(
    {"think", "thinks", "thinking", "feel", "feels", "feeling", "reckon", "believe", "expect",
     "expecting", "agree", "find", "finding"}
)  # fmt: skip
ROOM_IDIOM = ("just", "me", "or")  # "is it just me or ...": an opinion put to the room
# When something happens, asked of the room ("... out yet?", "... reports soon?"): in a
# question to the room these ask about the world, not when to trade.
WORLD_TIMING_WORDS = frozenset(
    {"yet", "now", "soon", "time", "moment", "early", "late", "in", "out"}
)  # fmt: skip
# "5 of them", "4 of the SPY 660/665 call spreads": the number before these is a count.
COUNTED_OBJECTS = frozenset({"them", "those", "these", "the", "em", "'em"})
# "do 4 at 1.25 credit", "let's do 4 of ...": a count after these verbs.
COUNT_VERBS = frozenset({"do", "doing"})
NEGATION_WORDS = frozenset({"n't", "dont", "never", "avoid", "nt", "nothing"})
# Past verbs of talking about a contract, and the "was ..." forms of them, in "this is the one I
# mentioned" / "that's the one I was talking about" after the order: the order pointed at.
POINTING_PAST_VERBS = frozenset({"mentioned", "talked", "posted", "flagged", "said", "showed"})
POINTING_PAST_AUXILIARIES = frozenset({"was", "were"})
POINTING_GERUNDS = frozenset(
    {"talking", "telling", "saying", "watching", "eyeing", "looking", "thinking"}
)
# Verbs a negation after the order's details asks the readers not to do, an aside that leaves
# the order standing ("buy ... @ 3.05 ||don't tell my wife||", "... (dont judge me)").
ASIDE_NEGATED_VERBS = frozenset({"tell", "judge", "laugh", "snitch", "hate", "roast"})
# "here's what I want to do", "this is what I'd like", "heres what we need": the clause
# points at the order after it (nlp._extract_talk._announces_order).
ANNOUNCING_LINKS = frozenset({"'s", "is", "heres", "\u2019s"})
# In a question, these make it one about the order: the writer or the reader deciding, an
# opinion or a judgement asked, its price, size, fill or timing, or the trade pointed at
# ("should I ...?", "too late?", "is it time?", "is this a good entry?", "what do you think?",
# "why not?": a negation elides the act). A question without them or the order's words is
# about the market, the room or the world ("why is everyone so scared of banks?", "anyone else
# playing earnings?").
ORDER_QUESTION_WORDS = frozenset(
    {"i", "i'm", "im", "we", "we're", "my", "our", "us", "you", "u", "your", "ya", "y'all",
     "yall", "this", "that", "these", "those", "should", "would", "could", "shall", "must",
     "order", "orders", "entry", "exit", "price", "premium", "size", "sizing", "stop", "target",
     "risk", "setup", "good", "bad", "right", "wrong", "correct", "ok", "okay", "smart", "dumb",
     "stupid", "crazy", "wise", "worth", "fair", "cheap", "expensive", "pricey", "late",
     "early", "safe", "risky", "too", "enough", "sense", "yes", "no", "think", "opinion",
     "go", "hold", "holding", "wait", "chase", "fomo", "in", "out", "fills", "send", "it's",
     "time", "now", "yet", "ready", "soon", "moment", "not", "n't"}
)  # fmt: skip
# Asking for opinions at the end of a line ("BTO ... @ 2.10, thoughts"): a question.
QUESTION_TAILS = frozenset({"thoughts", "wdyt", "opinions", "nah", "yay", "nay", "agree"})
# Sayings: "buy the dip", "sell the news" are advice, not orders.
IDIOM_OBJECTS = frozenset(
    {"dip", "dips", "rip", "rips", "news", "rumor", "rumors", "rumour", "top", "bottom", "fear",
     "hype", "pullback", "pullbacks", "bounce", "strength", "weakness", "open", "close"}
)  # fmt: skip
FLOW_WORDS = frozenset(
    {"flow", "flows", "sweep", "sweeps", "unusual", "tape", "whale", "whales", "buyer", "buyers",
     "seller", "sellers", "signal", "signals", "triggered", "confirmed", "indicator",
     "crossover", "block", "blocks", "darkpool", "print", "prints", "detected"}
)  # fmt: skip
# Adverbs that date their own sentence in the past ("sorry for the spam earlier."): like
# "yesterday", a full stop ends them; written as a heading ("Earlier: STC ...") they are a recap.
PAST_ADVERBS = frozenset({"earlier"})
# Between a past verb and the noun it takes ("took the loss", "booked a win", "hit my target").
OBJECT_DETERMINERS = frozenset({"the", "a", "an", "my", "our", "that", "this", "some"})
# Watchlists and radars ("radar: TSLA 400p ...", "my list for tomorrow: ..."): contracts to
# watch, not to trade; before an alert code they frame it.
WATCHLIST_WORDS = frozenset({"radar", "watchlist", "watchlists", "list", "lists", "watchlisted"})
# Lists of another kind ("restricted list", "grocery list", "mailing list"): a
# compliance list or a chore, not contracts to watch. The rule reads these words, so they are
# known words (COMMON_LOWER_WORDS), not talk left unexplained.
OTHER_LIST_KINDS = frozenset(
    {"restricted", "restriction", "grocery", "mailing", "guest", "naughty", "packing", "chore",
     "chores", "blackout"}
)  # fmt: skip
# Another person recommending a trade before any action ("the newsletter recommends the COIN
# 340/360 call spread ..."): their pick, not the writer's order.
# What befalls a position held ("about to get assigned", "going to be called away").
BEFALLEN_WORDS = frozenset(
    {"assigned", "called", "exercised", "tested", "breached", "pinned", "challenged"}
)
MAKING_VERBS = frozenset({"make", "making", "makes", "turn", "turning", "turns"})
THANKS_WORDS = frozenset({"thanks", "thank", "thx", "ty", "tysm", "props"})
RECOMMEND_VERBS = frozenset({"recommends", "touts"})
# Liking a trade ("the newsletter likes the MSFT 450/460 call spread ..."): a pick only when a
# contract or a strategy is the object ("IV likes a big move here" is about the market).
LIKING_VERBS = frozenset({"likes", "pitches", "favors", "favours"})
# An action in the third person ("my friend buys ...", "he sells ..."): someone else's trade.
THIRD_PERSON_VERBS = frozenset(
    {"buys", "sells", "grabs", "scoops", "loads", "dumps", "trims", "unloads", "purchases",
     "acquires", "snags", "exits", "enters", "shorts", "writes", "covers", "adds"}
)  # fmt: skip
# Recaps, journals, fills and trade ideas report or suggest a trade; they are not one, even
# when they quote an alert code ("Trade log 11/13: STC ...", "Trade idea: BTO ...").
RECAP_WORDS = frozenset(
    {"recap", "recaps", "log", "journal", "p/l", "pnl", "p&l", "yesterday's", "realized",
     "unrealized",
     "earlier", "filled", "idea", "ideas", "reminder", "plan", "summary", "scorecard", "todo",
     "reminders",
     "ytd", "mtd", "wtd", "qtd"}
)  # fmt: skip
# "idea" that heads no trade idea (nlp._extract_clauses._idea_not_posted): "same idea on my
# IWM:", "this was her idea".
IDEA_WORDS = frozenset({"idea"})
IDEA_APPLIED_LINKS = frozenset({"on", "for", "with", "in"})
IDEA_OWN_WORDS = frozenset({"my", "me", "our", "us", "mine"})
OTHER_POSSESSIVES = frozenset({"her", "his", "their", "'s", "s'"})
BLAME_COPULAS = frozenset({"was", "is", "'s", "were", "totally", "all"})
# Roles an alert room pings by name ("@Lottos BTO ...", "@Options"): the room's members, not a
# person given advice.
ROLE_NAMES = frozenset(
    {"lottos", "lotto", "leaps", "options", "option", "alerts", "alert", "swing", "swings",
     "scalps", "scalp", "traders", "members", "vip", "premium", "subscribers", "stocks",
     "daytrades", "daytrade", "0dte", "spx", "futures", "entries", "signals", "room", "all",
     "team", "channel", "here", "everyone"}
)  # fmt: skip
# Conditions that, in an alert code's own clause after its details, make the code conditional
# ("STO 1 SPY 640p 12/18 @ 3 if SPY holds 600").
CODE_CONDITIONS = frozenset(
    {"if", "unless", "once", "when", "whenever", "provided", "providing", "assuming",
     "supposing"}
)  # fmt: skip
# Auxiliaries put before their subject make a condition without "if" ("... should CPI come in
# cool", "... were SPY to break 600", "... had it held 600"): the inverted conditional.
INVERTED_CONDITION_AUXILIARIES = frozenset({"should", "were", "had"})
# The subject after an inverted auxiliary, besides a name (a word with a capital: "should CPI
# ...", "had Powell ..."): a subject pronoun, or for "should" and "were" a determiner opening a
# noun phrase ("should the Fed cut", "were this to fill"). "had" keeps its object after a
# determiner ("... had a good run"), and "should" its bare verb ("... should print").
INVERTED_DETERMINERS = frozenset(
    {"the", "this", "that", "these", "those", "its", "their", "our", "my", "his", "her", "a", "an"}
)  # fmt: skip
# "only" before these, after the order, restricts when it may go ("buy ... but only on a break
# of 225", "sell ... only after earnings", "only above 600"): a condition not yet met.
RESTRICTED_TIMES = frozenset(
    {"on", "after", "above", "below", "under", "over", "once", "if", "when", "upon", "into",
     "near", "in"}
)  # fmt: skip
# What happens to a trade once placed ("BTO ... @ 1.35, expired worthless", "STO ... @ .50 —
# assigned", "... @ 3.00 went to zero", "... @ 4.00 kept all of it"): right after the order's
# details they tell its outcome, so the order is a trade reported. ("..., bought at 2.00",
# "(entered 3.10)" recall an entry and stay out.)
TRADE_OUTCOMES = frozenset(
    {"expired", "assigned", "exercised", "stopped", "executed", "rejected", "cancelled",
     "canceled", "filled", "worked", "failed", "went", "kept", "lost", "printed", "paid",
     "doubled", "tripled", "died", "ran", "returned"}
)  # fmt: skip
# Headings of a result after the order ("BTO ... — result: -100%"): the trade is over.
RESULT_HEADINGS = frozenset({"result", "results", "outcome", "verdict"})
# "already" before these, opening the message, reports a position held ("already in from the
# open: BTO ...", "already long: ..."): the trade was made before now.
HELD_AFTER_ALREADY = frozenset(
    {"in", "long", "short", "holding", "filled", "positioned", "own", "entered", "loaded"}
)
# In an order after a report on the same ticker, these make it a trade beyond the one reported
# ("I bought 50 DIS last month. buy 50 more ...", "STC'd half. STC the other 3 ...", "... for
# round two", "reload"): a repetition or a continuation of it.
BEYOND_WORDS = frozenset(
    {"more", "another", "other", "rest", "additional", "extra", "again", "round", "reentry",
     "re-entry", "reload", "rebuy"}
)  # fmt: skip
# Reports that a trade ended ("closed", "took profits", "stopped out", "paid", "expired"): an
# order after them that opens is a new trade, not the ended one's details.
CLOSING_REPORTS = frozenset(
    {"closed", "took", "stopped", "exited", "cashed", "paid", "expired", "booked", "banked",
     "locked", "assigned", "exercised"}
)  # fmt: skip
# Past verbs that report a position opened ("the 20p I sold at .36 are .12"): an explicit close
# of it after the report is the trade now, not the report's detail.
OPENING_REPORTS = frozenset({"sold", "bought", "opened", "entered", "shorted", "wrote"})
# Marks of irony ending a message ("sure, let me just BTO 50 SPY ... 🙄", "... /s"): said, not
# meant. Opening a message, an eye-roll is a mood ("mondays man 🙄 anyway, buy ...").
SARCASM_MARKS = ("🙄", "/s")
# A message that says it was made by a machine ("... (automated, not advice)", "auto-generated
# signal"): a bot's post, never the writer's instruction, wherever the word stands.
MACHINE_WORDS = frozenset({"automated", "autogenerated", "autogen"})
# Words of an impersonation ("*puts on WSB voice*", "my best Cramer impression:"): after the
# name of whom they imitate, what follows is a performance, not the writer's instruction.
ROLE_PLAY_WORDS = frozenset({"voice", "impression", "impersonation", "accent"})
# Before "voice" these make it the writer's own voice or a dictation ("my voice", "by voice").
VOICE_OWNERS = frozenset({"my", "our", "the", "a", "by", "via", "with", "using", "in", "own"})
# Verbs and prepositions that introduce an impersonation ("puts on his Cramer voice", "doing
# my best Buffett impression", "in a Wolf of Wall Street voice").
IMPERSONATION_LEADS = frozenset({"puts", "put", "putting", "doing", "does", "do", "in"})
# The reader's own position after an action ("sell your NVDA 190c ...", "BTC ur TSLA 350p
# ..."): advice to the reader, who holds it; the writer says "my".
READER_POSSESSIVES = frozenset({"your", "ur", "yr", "yours"})
# "your order to STO 1 SPY ... expired", "Your position in ...": a broker's notice to its user.
# "Your option ABNB ... expires today": the same notice about the reader's contract.
NOTICE_OBJECTS = frozenset(
    {"order", "orders", "position", "positions", "fill", "fills", "option", "options"}
)
# A test of the tool ("testing the bot, sell ...", "bot test - buy ...", "testing: BTO ..."):
# the words of "test", and what is tested.
TEST_WORDS = frozenset({"test", "tests", "testing", "tested"})
TESTED_TOOLS = frozenset(
    {"bot", "bots", "parser", "alert", "alerts", "order", "orders", "command", "commands",
     "feature", "message", "msg", "post", "system", "integration", "webhook", "tastybot",
     "setup", "connection", "channel"}
)  # fmt: skip
# Conditions written in two or three words: "in case SPY drops ...", "as long as QQQ holds
# ...", "as soon as it breaks ...", "so long as ..." (the last word, and the words before it).
CONDITION_PHRASES = (("in", "case"), ("as", "long", "as"), ("so", "long", "as"),
                     ("as", "soon", "as"), ("the", "moment"), ("the", "minute"),
                     ("the", "second"), ("the", "instant"), ("contingent", "on"),
                     ("contingent", "upon"), ("only", "after"),
                     ("pending", "on"))  # fmt: skip
# "the moment gold breaks 4200", "the second it dips": a noun of time made a subordinator
# ("as soon as"), when a clause with its own subject and verb follows it; after a preposition
# it is a time ("at the moment", "for the moment"), before a noun an ordinal ("the second leg").
MOMENT_NOUNS = frozenset({"moment", "minute", "second", "instant"})
TIME_PREPOSITIONS = frozenset({"at", "for", "in", "of", "by", "from", "on", "to", "until", "till"})
SUBJECT_PRONOUNS = frozenset({"i", "we", "it", "he", "she", "they", "you", "u"})
# After "the minute" these make a timeframe ("the minute chart looks toppy"), not a subject.
TIMEFRAME_NOUNS = frozenset({"chart", "charts", "candle", "candles", "bar", "bars", "timeframe"})
# Deliberation declared over ("thinking done.", "done waiting,", "enough thinking."): the plan
# word no longer frames what follows.
DELIBERATION_WORDS = frozenset({"thinking", "waiting", "considering", "deliberating"})
OVER_WORDS = frozenset({"done", "over", "enough", "finished"})
# A reminder or an alert that has fired ("the reminder went off, ...", "price alert hit, so
# ..."): like a deliberation declared over, it no longer frames what follows.
FIRED_WORDS = frozenset({"hit", "triggered", "fired", "went", "rang", "popped"})
# The bot addressed by name before its instruction ("bot, short 100 SPY ...").
BOT_NAMES = frozenset({"bot", "tastybot"})
# A frame put off ("journal can wait, ...", "screenshot later, first the order: ..."): it
# frames nothing now; after "for" or "until" it is a plan for later ("idea for later: ...").
DEFERRED_WORDS = frozenset({"later", "wait"})
UNTIL_WORDS = frozenset({"for", "till", "til", "until", "til'"})
# Words that report a fill; negated ("not filled yet") or denied ("filled? nope") they report
# none.
FILL_WORDS = frozenset({"filled", "fill"})
# Answers a writer gives to their own question ("filled? nope. ok then buy ...").
NEGATIVE_ANSWERS = frozenset({"no", "nope", "nah", "negative", "nada", "not yet"})
ANSWER_WORDS = NEGATIVE_ANSWERS | frozenset({"yes", "yep", "yup", "yeah", "ya", "yea"})
# Headings of a report ("Today's fills:", "Morning trades:", "Position update:"): before the
# first action they make what follows a report, after it they are just words.
REPORT_WORDS = frozenset(
    {"fills", "trades", "results", "update", "updates", "review", "stats", "performance",
     "executions", "receipts", "targets", "levels", "win", "wins", "winner", "winners", "loss",
     "losses", "loser", "losers", "congrats", "congratulations", "status", "previous", "prior",
     "old", "pending", "working", "resting", "notice", "notification", "notifications",
     "confirmation", "confirmations", "receipt", "result", "fill", "partial"}
)  # fmt: skip
# Of those, the ones that only describe what follows them ("old order:", not "old futures
# guy"): a report when a trade's word follows (nlp._extract_talk._describes_no_trade).
REPORT_ADJECTIVES = frozenset({"old", "previous", "prior"})
# An update heading its own line before an alert code ("Runner update\nSTC 1 ...", "update for
# the room\nSTO 5 ..."): the alert is the update (nlp._extract_talk._update_posts_code).
UPDATE_HEADINGS = frozenset({"update", "updates"})
ROOM_ADDRESS_WORDS = frozenset(
    {"for", "to", "the", "room", "everyone", "all", "group", "team", "chat", "y'all", "yall",
     "fam", "guys", "members", "folks", "gang", "crew", "squad", "channel"}
)  # fmt: skip
# Help texts and examples quote a complete order to show its form ("Usage: /order BTO ...",
# "Example: 'BTO 1 XYZ 50c ...'"): never an instruction, even with a code.
HELP_WORDS = frozenset(
    {"example", "examples", "e.g.", "e.g", "eg", "usage", "syntax", "template", "tutorial",
     "format", "formats", "formatting", "tip", "tips", "protip", "recipe", "recipes",
     "playbook", "rinse", "repeat", "explainer", "cheatsheet", "howto", "glossary",
     "definition", "definitions", "acronym", "acronyms", "abbreviation", "abbreviations",
     "instance", "newbies", "newbie", "beginners", "noobs", "noob", "sample", "samples",
     "explaining", "illustrate", "illustrates", "illustrating", "illustration"}
)  # fmt: skip
# "for reference: BTC 1 IWM ...", "(for ref)": an order shown to look at, not one placed.
REFERENCE_WORDS = frozenset({"reference", "ref"})
# Verbs whose object is text ("for a put spread, type: sell 1 IWM ..."): the order after
# their colon is the words to type, a mention of an order in a help text, not one placed.
TYPING_VERBS = frozenset({"type", "typing", "paste", "pasting"})
# News and indicator bots ("BREAKING: AMD to acquire ...", "... crosses its 50 SMA |
# TradingView"): without an alert code they report the market, they do not place a trade.
NEWS_WORDS = frozenset(
    {"breaking", "headline", "headlines", "reportedly", "announces", "announced",
     "announcement", "acquisition", "merger", "buyout", "crosses", "crossing", "crossunder",
     "tradingview", "disclosed", "disclosure", "disclosures", "newswire", "newsflash"}
)  # fmt: skip
REFLEXIVES = frozenset({"self", "myself", "ourselves"})
# "look at this guy: STO ...", "some dude: BTO ...": a heading that points at another person.
PERSON_NOUNS = frozenset({"guy", "dude", "gal", "lady", "person", "fella", "kid"})
POINTING_DETERMINERS = frozenset({"this", "that", "some", "a", "one"})
# A contract's last word before a relative clause ("sell the 2 SPY 500 calls I bought").
RELATIVE_CONTRACT_NOUNS = frozenset(
    {"call", "calls", "put", "puts", "spread", "spreads", "contract", "contracts", "condor",
     "fly", "butterfly", "strangle", "straddle", "pcs", "ccs", "cc", "csp", "leaps", "shares"}
)  # fmt: skip
# Words in -ing that are no verb's form: "not anything the ...", "not something my ...".
NOT_DEALING_INGS = frozenset(
    {"anything", "something", "nothing", "everything", "morning", "evening"}
)  # fmt: skip
# "not my trade, it's Mike's: BTO ...": the writer disowns the trade quoted.
TRADE_NOUNS = frozenset({"trade", "trades", "play", "plays", "call", "idea", "position", "alert"})
# Words that keep a sentence before the order about a trade, not a theme of the day
# (nlp._parser._read_after_theme): what a trade is called, its parts and its result.
THEME_TRADE_WORDS = frozenset(
    {"entry", "entries", "exit", "exits", "order", "orders", "fill", "fills", "position",
     "positions", "contract", "contracts", "calls", "puts", "shares", "setup", "ticket", "one",
     "ones", "alerts", "ideas", "lotto", "scalp", "swing", "result", "results", "example",
     "paper", "practice", "test", "demo", "sim", "mock", "hypothetically", "template"}
)  # fmt: skip
# Words after a report noun that tie it to a trade ("loss on ...", "win for ..."), not a
# compound ("tax loss harvest").
THEME_LINKS = frozenset(
    {"on", "in", "of", "for", "from", "with", "at", "to", "today", "yesterday", "this", "was",
     "is", "and", "but", "so"}
)  # fmt: skip
# "... @ 6.00 and it ripped to 470": subjects of what a quoted trade did next.
QUOTED_TRADE_SUBJECTS = frozenset({"it", "that", "he", "she", "they"})
# Between a negation and an alert code, verbs of doing ("NOT doing STO 4 MSTR ...", "never
# placing BTO ..."): the code is negated all the same.
DOING_VERBS = frozenset(
    {"doing", "do", "placing", "place", "taking", "take", "sending", "send", "entering",
     "making", "putting", "executing", "execute"}
)  # fmt: skip
# Right before an action these say it is not being done ("NOT buying the ORCL 280c ...").
NEGATING_ADVERBS = frozenset({"not", "never", "no", "nor"})
# Words that are never the ticker even in the ticker's place ("sell ALL 600c", "BUY 2 MORE
# 600C"); other chat words written in capitals there are tickers ("buy 3 U 30c", "sell 75
# LOW shares").
NOT_TICKERS_IN_SLOT = frozenset(
    {"a", "an", "the", "my", "our", "your", "his", "her", "their", "its", "it", "them", "this",
     "that", "these", "those", "all", "some", "any", "more", "another", "extra", "half",
     "rest", "few", "couple", "of", "each", "every", "both", "same", "other", "one", "em",
     "i", "in", "out", "be", "pt", "sl", "tp", "ts", "ath", "atl", "itm", "otm", "atm", "vwap",
     "lod", "hod", "eow", "eod", "eom", "fd", "fds", "dte", "iv", "ivr", "lol", "lmao", "risky",
     "risk", "yolo", "dd", "oi", "ema", "sma", "rsi", "macd", "leaps", "leap", "odte", "zdte",
     "pcs", "ccs", "pds", "cds", "ic", "db", "lotto", "lottos", "swing", "scalp", "runner",
     "runners", "new", "avg", "size", "full", "entry", "exit", "stop", "target", "alert",
     "update", "note", "gap", "limit", "mkt", "lmt", "net", "mid", "bid", "ask", "spread",
     "now", "here", "asap", "again", "too", "also", "back", "off", "up", "down", "soon",
     "later", "mine", "yours", "ours", "hers", "theirs"}
)  # fmt: skip
# Words that point at something already named; never a ticker, even after "shares of".
DETERMINERS = frozenset(
    {"the", "my", "our", "your", "his", "her", "their", "its", "it", "them", "this", "that",
     "these", "those", "each", "both", "em"}
)  # fmt: skip
# What may modify a count before its contract ("BUY 2 MORE 600C", "STC 2 OTHER 600C", "sell 2
# OF THE 600c"): determiners, quantifiers and pronouns.
COUNT_MODIFIERS = (
    (DETERMINERS - {"it"})
    | MORE_WORDS
    | frozenset(
        {"a", "an", "another", "any", "every", "few", "full", "half", "i", "mine", "of",
         "one", "other", "ours", "rest", "same", "some", "theirs", "yours", "hers"}
    )
)  # fmt: skip
# A plain English word written in capitals between a count and its contract cannot be a word
# there, so it is the ticker ("sell 2 NOW 180p": ServiceNow, "STO 5 ALL 200p": Allstate, "BTO 3
# IT 300c"); trading jargon ("ITM", "LOTTO") and the count's modifiers stay words.
WORD_TICKERS_AFTER_COUNT = (
    frozenset(word for word in NOT_TICKERS_IN_SLOT if word in STOP_WORDS) - COUNT_MODIFIERS
)
# Before a premium they accept a price rather than buy ("ditch the 5 RIVN 14p, take 0.30").
# The stock or the market as a subject ("it ran 20%", "it's gonna pull back", "the market
# was ..."): its verbs tell what the price did or will do, not a trade. What may stand between
# the subject and its verb:
MARKET_SUBJECTS = frozenset({"it", "market", "stock", "price", "chart", "tape", "index"})
# What a company or its stock did around its earnings or in the market, after such a subject
# ("IBM printed", "T reported this morning", "ARM dipped after earnings", "NVDA beat and
# popped"): news about the stock, a reason for the order, not a trade the writer made.
# After a past time and its possessive ("after this morning's report", "yesterday's CPI"):
# the time of a market event, not of a trade.
MARKET_EVENT_NOUNS = frozenset(
    {"report", "print", "numbers", "data", "cpi", "ppi", "jobs", "earnings", "call", "fomc",
     "news", "close", "open", "move", "selloff", "rally", "drop", "dip", "pop", "gap", "miss",
     "beat", "guidance", "announcement", "speech", "minutes"}
)  # fmt: skip
MARKET_EVENT_VERBS = frozenset(
    {"printed", "reported", "reports", "reporting", "beat", "beats", "missed", "misses",
     "guided", "dipped", "dropped", "fell", "tanked", "dumped", "popped", "jumped", "rallied",
     "spiked", "gapped", "settled", "faded", "bounced", "crushed", "collapsed", "soared",
     "sank", "slid", "plunged", "surged", "ripped", "cratered", "mooned", "paid"}
)  # fmt: skip
# A price level a stock lost or took back ("IWM lost 300", "SPY reclaimed the 600 level"):
# the market, not a trade.
LEVEL_VERBS = frozenset({"lost", "reclaimed", "regained"})
# After "paid", the trade's outcome ("the straddle paid me", "paid off"), not a price paid.
PAYOFF_OBJECTS = frozenset(
    {"me", "us", "off", "out", "well", "nicely", "big", "handsomely"}
)  # fmt: skip
# A strategy held as the subject of an outcome ("IBM straddle paid me").
STRATEGY_NOUNS_HELD = frozenset(
    {"straddle", "strangle", "condor", "ic", "fly", "butterfly", "spread", "calls", "puts",
     "position", "trade", "play"}
)  # fmt: skip
# Before "credit"/"debit" they make it the premium as a noun ("took 80% of the credit", "my
# debit was 2.10"), not the side of the order's price.
PREMIUM_NOUN_DETERMINERS = frozenset({"the", "my", "our", "your", "his", "her", "their", "that"})
# Between two market events of one subject ("T reported, beat on subs", "beat and popped").
EVENT_JOINERS = frozenset({",", "and", "&", "then", "but"})
# Opening the order, the price offered and the contract bought ("paying up to 2.20 for 2 ARM
# 160c ...", "pay 1.10 for the 5 KO 70c"): a bid; after another action ("buy ..., willing to
# pay up to 7.80") only its price.
PAYING_WORDS = frozenset({"pay", "paying"})
PAYING_FILLERS = frozenset({"up", "to", "max", "at", "most", "$", "no", "more", "than"})
# Another person holding a position ("he's in the NVDA 150c", "she is in 2 ...").
THIRD_PERSON_PRONOUNS = frozenset({"he", "she", "they"})
# Between "my" and the type of contracts held ("my short puts", "my long calls").
HELD_MODIFIERS = frozenset({"long", "short", "existing", "other", "covered", "naked", "leaps"})
# Before the writer's contracts in a reason after the order: the order hedges them.
HEDGE_WORDS = frozenset(
    {"hedging", "hedge", "hedges", "against", "protecting", "protect", "protects", "offsetting",
     "offset", "offsets"}
)  # fmt: skip
# Volatility as a subject ("IV got crushed", "vol collapsed after the print"): the market too.
VOLATILITY_SUBJECTS = frozenset({"iv", "vol", "volatility", "vix", "premiums"})
# "print" as an earnings or data release ("into the print", "after the big tech prints",
# "post-print"), not a trade seen on the tape ("dark pool print: ...", "3 prints over $1M"):
# the time words that lead to it and the determiners before its modifiers.
EVENT_PRINTS = frozenset({"print", "prints"})
EVENT_PRINT_PREFIXES = frozenset({"post", "pre"})
EVENT_PRINT_LEADS = frozenset(
    {"into", "before", "after", "through", "thru", "for", "around", "post", "pre", "till",
     "until", "since", "over", "across", "ahead", "on"}
)  # fmt: skip
EVENT_PRINT_DETERMINERS = frozenset(
    {"the", "its", "their", "his", "her", "tonight's", "tomorrow's", "today's", "this", "next"}
)  # fmt: skip
# The days whose possessive stands for the determiner ("for tomorrow's print", "Monday's print").
EVENT_PRINT_TIMES = frozenset(
    {"today", "tonight", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday"}
)
# When a company's print comes, right after it ("MSFT prints tuesday", "print after the close").
EVENT_PRINT_WHEN = frozenset(
    {"today", "tonight", "tomorrow", "tmrw", "monday", "tuesday", "wednesday", "thursday",
     "friday", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "next", "this", "after",
     "before", "amc", "bmo", "on"}
)  # fmt: skip
SUBJECT_LINKS = frozenset(
    {"'s", "is", "just", "already", "really", "finally", "probably", "def", "definitely",
     "totally", "literally", "also", "then"}
)  # fmt: skip
# A forecast's modal after such a subject ("it's gonna", "it will", "it'll").
FORECAST_MODALS = frozenset({"gon", "gonna", "will", "'ll", "would", "'d", "might", "could"})
# Gerunds of trading the action lexicon lacks: after a past verb they still report trades
# ("stopped trading", "started scalping").
PAST_AFTER_GERUND_TRADES = frozenset(
    {"trading", "scalping", "closing", "opening", "rolling", "holding", "writing", "shorting",
     "covering", "averaging", "hedging", "swinging", "playing", "betting", "gambling"}
)  # fmt: skip
# "I'll take 5 ...", "we will take 2 ...": the future of ordering, an acceptance made now.
OFFER_TAKING_MODALS = frozenset({"'ll", "will", "ll"})
ACCEPT_WORDS = frozenset({"take", "taking", "accept", "accepting"})
# Stop words that, with a number and no limit price, make a stop order ("sell 50 AAPL stop 240").
STOP_ORDER_WORDS = frozenset({"stop", "stops", "stoploss", "trailing", "tsl"})
# "I'm short 2 SPY 580p", "still long 3 AMD 230c": a position held, not an order.
HOLDER_WORDS = frozenset(
    {"i'm", "im", "'m", "am", "we're", "are", "still", "currently", "was", "were", "been",
     "stay", "staying", "remain", "remaining", "is"}
)  # fmt: skip
POSITION_HEADINGS = frozenset(
    {"position", "positions", "holding", "holdings", "book", "portfolio", "portfolios"}
)  # fmt: skip
# "in:", "out:" heading a line: the writer's state ("I'm in", "I'm out") with the position
# entered or left after the colon, a report ("in: STO 1 SPX 6650p 0dte @ 2.10"); without the
# colon "in" is the alert room's buy ("in TSLA 410c 12/18 @ 5.80").
POSITION_STATES = frozenset({"in", "out"})
# After an amount they make it the order's whole cost ("for $215 total"), not a price.
TOTAL_WORDS = frozenset({"total", "totals", "overall"})
# Headings and words that make a quoted trade a story, an opinion, a game or a test ("Story:
# ...", "Dear diary, today I BTO ...", "Rate my trade: BTO ...", "test alert please ignore").
STORY_WORDS = frozenset(
    {"story", "stories", "storytime", "diary", "footage", "challenge",
     "opinion", "quiz", "homework", "lesson", "universe", "ignore",
     "unclear", "anecdote", "screenshot", "screenshots", "forwarded", "crossposted",
     "crosspost", "reposted", "repost", "copied", "ss", "crossposting", "reposting", "archive",
     "draft", "drafts", "leaderboard", "standings", "relay", "relayed", "relaying", "fwd",
     "forwarding", "xpost", "spreadsheet", "spreadsheets", "tracker", "trackers", "ledger",
     "caption", "captions"}
)  # fmt: skip
# Story words that name where an order's numbers were read: inside brackets after the order
# they are its source, an aside ("buy ... @ 5.55 (from the chain screenshot: bid 5.40 ...)");
# the other story words stay cues there ("(test, please ignore)").
SCREENSHOT_WORDS = frozenset({"screenshot", "screenshots", "ss"})
# A screenshot promised for after the order ("..., screenshot to follow", "screenshot coming
# once it fills 📸 BTC ...", "..., screenshot for the group after"): the proof is to come, the
# order is placed now (nlp._extract_talk._screenshot_to_come).
TO_COME_WORDS = frozenset(
    {"follow", "follows", "after", "afterwards", "afterward", "later", "coming", "soon",
     "incoming", "tbd", "tonight"}
)  # fmt: skip
TO_COME_CONDITIONS = frozenset({"once", "when", "after", "if"})
# A trade entered in a contest ("my entry for the February contest: BTO ...", "for the
# stock-picking contest I'm submitting: buy ...", "contest entry #2: ..."): a game's pick, not an
# order; a contest won or over names none ("won the chart contest, spending the prize: buy
# ...") (nlp._extract_talk._enters_contest).
CONTEST_WORDS = frozenset(
    {"contest", "contests", "competition", "competitions", "tournament", "tourney"}
)  # fmt: skip
CONTEST_ENTRY_WORDS = frozenset(
    {"entry", "entries", "submission", "submissions", "submit", "submitting", "submitted",
     "enter", "entering", "pick", "picks"}
)  # fmt: skip
# Music notes around the order ("🎶 sell 1 NVDA 150p ... at 1.20, theta pays rent ... 🎶"): a
# song's line, not an order; an order after the closing note is read ("🎵 never gonna give
# you up 🎵 ... anyway buy ...") (nlp._extractor, nlp._extract_talk._closes_song).
SONG_MARKS = ("🎶", "🎵", "🎼", "♪", "♫")
# Indifference ("don't care about the fill: sell ...", "idc about the price, buy ..."): the
# writer's attitude to a detail, neither a negated action nor a fill reported
# (nlp._extract_talk._indifference).
CARE_WORDS = frozenset({"care"})
CARE_NEGATIONS = frozenset({"n't", "nt", "dont", "not", "doesnt", "didnt"})
CARE_FILLERS = frozenset({"really", "even", "much"})
INDIFFERENCE_WORDS = frozenset({"idc", "idgaf"})
# A fill predicted ("it'll fill", "should fill"), not reported.
PREDICTING_MODALS = frozenset({"'ll", "ll", "will", "gonna", "should", "shall"})
# An argument settled with someone before the order: another person's opinion ("his opinion",
# "has an opinion") or their win conceded ("you win", "she wins")
# (nlp._extract_talk._settles_dispute).
DISPUTE_OPINIONS = frozenset({"opinion", "opinions"})
DISPUTE_HOLDERS = frozenset({"his", "her", "their", "your", "ur", "yours"})
DISPUTE_WINS = frozenset({"win", "wins"})
DISPUTE_WINNERS = frozenset({"you", "u", "ya", "he", "she", "they", "y'all", "yall"})
# A contract held "with" and "open" after it, with no action ("3 day weekend with 2 AAPL 225c
# 7/9 open"): a position held (nlp._extract_talk._held_open).
HELD_OPEN_WORDS = frozenset({"open"})
HELD_OPEN_LEADS = frozenset({"with"})
HELD_OPEN_FILLERS = frozenset({"still", "all", "wide"})
# Words that frame an order only in a heading that ends in a colon before its action: a record
# pasted ("schwab statement: 01/05 STC ...", "tasty statement line: ..."), an example
# ("textbook covered call: own 100 KO, then sell ..."). Elsewhere they are news or a remark
# ("buy ... before the Fed statement", "textbook setup here, BTO ...").
# "row 3 of my comparison: covered call — STO ...", "Solution: BTC ...", "trivia: ...": a
# comparison's row and a quiz's answer head the same way; so does an order preview shown back
# ("the bot read it right. preview: BUY 5 ...").
HEADING_FRAME_WORDS = frozenset(
    {"statement", "statements", "textbook", "comparison", "comparisons", "answers", "solution",
     "solutions", "trivia", "preview", "previews", "fact", "facts", "lecture", "lectures",
     "seminar", "webinar", "classroom", "students"}
)  # fmt: skip
# Words an order message carries that no rule reads but that say nothing against it: greetings,
# courtesies, the bot's name and the labels of an order form ("hey bot, ... expiring 4/16,
# thanks", "Ticker: MSFT | Qty: 2") and of a quote screen ("chain", "vol", "OI"). Any other
# unread word is a remark (ParsedOrder.remarks).
COURTESY_AND_FORM_WORDS = frozenset(
    {"hi", "hello", "hey", "heya", "yo", "greetings", "morning", "afternoon", "evening",
     "thanks", "thank", "thx", "ty", "please", "pls", "plz", "kindly", "regards", "sir", "maam",
     "bot", "tastybot", "expiring", "expiry", "expiration", "expirations", "expire", "expires",
     "exp", "qty", "quantity", "ticker", "symbol", "type", "action", "strike", "strikes",
     "price", "contract", "contracts", "position", "positions", "account", "cr", "dr", "let",
     "lets", "lemme", "going", "chain", "vol", "volume", "oi",
     # greeting a room ("Morning folks", "Hi everyone", "good afternoon"), a limit's "or
     # better", and what a short put or call is ("cash secured", "covered call vs my 100")
     "folks", "everyone", "everybody", "guys", "gang", "fam", "team", "good", "better",
     "cash", "secured", "covered",
     # a holiday wished to the room ("happy valentine's day 💘 BTO ...", "merry xmas all")
     "happy", "merry", "new", "year", "valentine", "valentine's", "valentines", "christmas",
     "xmas", "holiday", "holidays", "thanksgiving", "easter", "halloween", "day"}
)  # fmt: skip
HEADING_WORDS_MAX = 6  # tokens between such a word and its heading's colon
# "price alert set: ...", "set an alert on TSLA 400p ...": a notification on a price, not an
# order.
ALERT_NOUNS = frozenset({"alert", "alerts", "alarm", "alarms", "notification"})
ALERT_SETTERS = frozenset({"set", "setting", "create", "creating", "add", "adding", "made"})
# Where an alert was seen or copied from, named in a heading before it ("saw on twitter: BTO
# ...", "via stocktwits —", "from reddit\nbuy ..."): someone else's trade relayed, like
# "copied from" and "fwd:".
SOURCE_PLATFORMS = frozenset(
    {"twitter", "reddit", "stocktwits", "tiktok", "youtube", "yt", "telegram", "instagram",
     "insta", "facebook", "fb", "discord", "cnbc", "fintwit", "substack", "bluesky", "wsb",
     "twitch"}
)  # fmt: skip
SOURCE_LINKS = frozenset({"on", "from", "via", "off", "in"})
# Another world than this one ("in another timeline I STC ...", "in a parallel universe,
# BTO ...", "in a perfect world: ..."): what the writer would do there, a counterfactual.
COUNTERFACTUAL_WORLDS = frozenset(
    {"timeline", "timelines", "universe", "universes", "reality", "dimension", "life", "world"}
)
COUNTERFACTUAL_WORLD_MARKERS = frozenset(
    {"another", "alternate", "alternative", "parallel", "different", "perfect", "other", "ideal"}
)
# "keeps saying", "he's been saying", "is always saying": someone else's words repeated (the
# writer's own "I keep saying I should, so: ..." has a first-person subject).
REPEATED_SAYING_LINKS = frozenset(
    {"keeps", "kept", "is", "'s", "are", "'re", "been", "always", "constantly", "still"}
)
# Market-data words: a level 2 / order-book row or a quote montage ("MMID CBOE 09:41:02"),
# prices shown on a screen, not an order.
MARKET_DATA_WORDS = frozenset({"mmid", "nbbo", "level2", "orderbook"})
# Reported speech ("Bro really said BTO 50 SPY ..."): someone's words, not an order.
REPORTED_SPEECH = frozenset(
    {"said", "says", "told", "tells", "claims", "claimed", "quoting", "quotes"}
)  # fmt: skip
# Nouns an action word before them only modifies ("need the buying power", "selling pressure",
# "the buy side", "purchasing power", "short interest", "buy volume", "a buying opportunity"):
# the compound is a noun, not the action. Joined by a hyphen the particles make one too
# ("a sell-off", "the buy-in"), where "sell off 2 ..." stays the verb.
ACTION_COMPOUND_HEADS = frozenset(
    {"power", "pressure", "side", "sides", "volume", "volumes", "opportunity", "opportunities",
     "program", "programs", "rating", "ratings", "spree", "climax", "zone", "zones", "interest",
     "imbalance", "imbalances", "flow", "flows", "wall", "walls", "squeeze", "squeezes",
     # spans of time ("long weekend", "long term I like ...", "short week", "buy time")
     "term", "weekend", "weekends", "day", "days", "week", "weeks", "time", "haul", "run",
     # a trader's rules ("21 DTE is my exit rule", "my sell plan", "the exit criteria")
     "rule", "rules", "plan", "plans", "criteria", "strategy"}
)  # fmt: skip
HYPHENED_ACTION_HEADS = frozenset({"off", "offs", "in", "ins", "side", "sides"})
# What an order frees or raises ("close my 3 MSFT ..., need the buying power for something
# else", "..., need the cash"): after the order, a wish for these gives its reason, not a
# condition on it ("..., need more IV" stays one).
CAPITAL_NOUNS = frozenset(
    {"cash", "money", "capital", "funds", "margin", "liquidity", "collateral", "bp", "dough"}
)
CAPITAL_DETERMINERS = frozenset({"the", "my", "our", "some", "that", "this"})
# The outcome an order brings, wished after it with its participle ("..., I want the loss
# booked this year", "..., need it done before the close", "..., want the gains realized"):
# the order's reason. Pronouns for the position, and participles beside the past trade words.
RESULT_PRONOUNS = frozenset({"it", "this", "that", "them", "these", "those", "everything"})
RESULT_NOUNS_MAX = 2
RESULT_WISHES = frozenset({"want", "need", "wants", "needs"})
RESULT_PARTICIPLES = frozenset(
    {"done", "gone", "taken", "realized", "realised", "harvested", "recorded", "recognized",
     "settled", "cleared", "counted", "off", "out", "finished", "handled", "squared", "in",
     "working"}
)  # fmt: skip
# Words for the trade a relative clause after the order describes ("first spread I picked
# myself"): nlp._extract_talk._describes_order.
DESCRIBED_TRADE_NOUNS = frozenset(
    {"spread", "trade", "play", "one", "order", "position", "setup", "entry", "contract",
     "call", "put", "condor", "fly", "butterfly", "straddle", "strangle", "roll", "idea"}
)  # fmt: skip
# The past verbs of such a clause: choosing or finding the trade, not making it.
CHOOSING_VERBS = frozenset(
    {"picked", "chose", "found", "built", "designed", "planned", "spotted", "liked", "wanted",
     "researched", "figured", "mentioned", "made"}
)  # fmt: skip
# Before a past form, a passive: what was done ("were added", "got added").
PASSIVE_LINKS = frozenset({"was", "were", "been", "being", "got", "gets", "is", "are"})
# After "back in the": a time past ("back in the day"), not a place ("back in the range").
PAST_PERIOD_NOUNS = frozenset(
    {"day", "days", "spring", "summer", "fall", "autumn", "winter", "90s", "80s", "2000s",
     "2010s", "2020s", "covid", "crash", "past", "olden", "old"}
)  # fmt: skip
# Verbs that are nouns after these ("rate cut", "a trim", "the dump"): not an action there.
NOUN_LIKE_ACTIONS = frozenset({"cut", "cuts", "dump", "trim", "exit", "shed", "offering", "buy"})
# "buy" is a noun only in a heading of its own after these: "dip buy 🛒", "earnings buy:".
BUY_NOUNS = frozenset({"buy"})
BUY_NOUN_MODIFIERS = frozenset({"dip", "earnings", "breakout", "swing", "lotto", "starter"})
NOUN_MODIFIERS = frozenset(
    {"a", "an", "the", "rate", "rates", "tax", "price", "fed", "dividend", "jobs", "budget",
     "spending", "hair", "this", "that", "first", "clean", "quick", "secondary", "public",
     "dilutive", "stock", "share"}
)  # fmt: skip
# Keys of a key-value alert ("Ticker: AMD", "Qty: 2") that name the next value's role.
TICKER_KEYS = frozenset({"ticker", "symbol", "underlying", "sym"})
QUANTITY_KEYS = frozenset({"qty", "quantity", "contracts", "cons", "lots", "size"})
# "@ 3.70 db", "1.18 cr": credit and debit abbreviated right after a price.
PRICE_EFFECT_ABBREVIATIONS: dict[str, PriceEffect] = {
    "cr": "credit", "cred": "credit", "db": "debit", "dr": "debit", "deb": "debit"
}  # fmt: skip
# Someone other than the writer placing the trade ("POV: you STO ...", "everyone who BTO'd
# ..."): a story or a hypothetical, not an instruction. "I" and "we" are left out: alert
# rooms write "we BTO ..." for their own trades.
OTHER_SUBJECTS = frozenset(
    {"you", "u", "ya", "y'all", "yall", "they", "he", "she", "who", "someone", "somebody",
     "everyone", "everybody", "anyone", "anybody", "people", "guy", "guys"}
)  # fmt: skip
# Adverbs between a subject and its verb ("you just BTO ...", "they all sold ...").
SUBJECT_ADVERBS = frozenset({"just", "all", "also", "already", "really", "actually", "literally"})
# Modals and their negations between a subject and its verb ("you can't STO ...", "you should
# BTO ...", "they won't sell ..."): the subject's trade is still talked about.
SUBJECT_MODALS = frozenset(
    {"can", "ca", "cannot", "cant", "could", "should", "would", "will", "wo", "wont", "must",
     "may", "might", "shall", "n't", "nt", "not", "never"}
)  # fmt: skip
# Praise right before an action ("good job taking profits on ...", "props for cutting ..."): the
# action is the one praised, someone's trade already made, not an instruction. Praise in a
# sentence of its own ("Nice job all! BTO ...") leaves the order after it alone.
PRAISE_PHRASES = frozenset(
    {"good job", "great job", "nice job", "good work", "great work", "nice work", "well done",
     "nicely done", "way to go", "nice trade", "great trade", "good trade", "nice play",
     "great play", "nice move", "great move", "smart move", "good move"}
)  # fmt: skip
PRAISE_WORDS = frozenset(
    {"props", "kudos", "gj", "congrats", "congratulations", "bravo", "shoutout", "nice", "great",
     "solid", "beautiful"}
)  # fmt: skip
# Between the praise and the action praised: "kudos on cutting ...", "props for taking ...",
# and whom it is addressed to ("good job team taking profits ...").
PRAISE_LINKS = frozenset({"on", "for", "with", "in"})
PRAISE_ADDRESSEES = frozenset(
    {"team", "all", "fam", "bro", "bros", "man", "dude", "folks", "boss", "mate", "gang",
     "squad", "king", "sir", "again"}
)  # fmt: skip
# Trades that are not real wherever these words appear: paper trading, backtests, hypotheticals.
SIMULATED_WORDS = frozenset(
    {"paper", "papertrade", "papertrading", "backtest", "backtested", "backtesting",
     "simulated", "simulation", "hypothetically", "hypothetical", "practice", "demo",
     "simulator", "papermoney", "sim", "sims", "theoretically"}
)  # fmt: skip
# Between the writer and a past participle in a relative clause: "the 100 ABBV I got assigned".
PASSIVE_AUXILIARIES = frozenset({"got", "was", "were", "been", "had"})
# Greetings before a name addressed ("Morning Ledger!", "hey Journal,").
GREETING_WORDS = frozenset(
    {"hi", "hello", "hey", "heya", "yo", "morning", "gm", "evening", "afternoon", "thanks",
     "ty", "thx"}
)  # fmt: skip
# Nouns of a group that make the word before them the room's name: "gm flow fam", "theta gang".
GROUP_NOUNS = frozenset({"fam", "gang", "crew", "squad", "family", "team", "nation", "army"})
# Where an order is to be filled at the market: "sell ... on the bid".
MARKET_SIDES = frozenset({"on the bid", "on the ask"})
# The writer's verbs of holding shares ("I have 100 shares now", "we own 300 shs"): held, no count.
HOLDING_VERBS = frozenset({"have", "own", "hold", "got", "holding", "owning", "held", "owned"})
# Before the order's price, its bound: "..., max 9.80" (paid), "min 1.20" (taken).
PRICE_BOUNDS = frozenset({"max", "min"})
# Past verbs stating what the position cost, in a clause after the order: "sell 300 IBIT @
# 100.40, bought at 118 in nov", "..., paid 4.10 for them", "..., got in at 2.05".
BASIS_VERBS = frozenset({"bought", "paid", "entered", "got"})
# What may stand between such a verb and its price: the position ("it", "them") or "in".
BASIS_OBJECTS = frozenset({"it", "them", "these", "those", "em", "in", "mine"})
# After "BTC" these make it bitcoin, not buying to close ("btc ripped", "BTC back over 170k").
BITCOIN_MOVES = frozenset(
    {"is", "was", "at", "over", "above", "under", "below", "back", "near", "just", "and", "up",
     "down", "ripped", "ripping", "rips", "dumped", "dumping", "dumps", "pumped", "pumping",
     "pumps", "trades", "traded", "trading", "broke", "breaking", "hit", "hits", "crashed",
     "crashing", "rallied", "rallying", "mooning", "etf", "etfs", "price", "miners", "treasury",
     "halving", "dominance", "holders", "weekend", "futures", "spot", "chart", "did", "does",
     "went", "ran", "moved", "moves", "bounced", "held", "holds", "fell", "dropped", "jumped",
     "overnight", "today", "itself", "'s", "volatility", "vol", "rally", "dump", "pump"}
)  # fmt: skip
# Before one of those, the trade is placed for real: "live demo", "real-money practice".
REAL_MONEY_WORDS = frozenset({"live", "real"})
# After a price: "3.80 each", "1.10 per", "2.05 ea".
PER_CONTRACT_WORDS = frozenset({"each", "ea", "per", "apiece"})
# What a remark explaining an order's price names: "that's the premium, not the strike".
PRICE_TERMS = frozenset(
    {"premium", "strike", "price", "cost", "total", "each", "per", "contract", "contracts",
     "debit", "credit", "limit", "bucks", "dollars", "cents"}
)  # fmt: skip
# Laughter and irony: the message is a joke ("BTO ramen noodles lol"), not an instruction.
JOKE_WORDS = frozenset(
    {"lol", "lmao", "lmfao", "rofl", "haha", "hahaha", "jk", "kidding", "pov", "meme"}
)
# ("😭" is a mood, often a loss taken: "close out my 2 MSTR 400p ..., sell @ 6.90 😭")
JOKE_SYMBOLS = ("😂", "🤣", "💀", "🤡", "🙃")
# Laughter (not a joke declared: "jk", "kidding"): in a remark of its own after the order it
# laughs at the remark ("... @ 0.25. what's everyone eating for lunch lol"), alone at the order.
LAUGH_WORDS = frozenset({"lol", "lmao", "lmfao", "rofl", "haha", "hahaha"})
# A meme's speaker: before a colon ("Nobody:", "Me: BTO ...") or opening it ("Me after BTO ...").
MEME_SPEAKERS = frozenset({"me", "nobody"})
# Prepositions whose object "me" is ("wider wings for me:", "same for me:"): the writer's own
# choice, not a meme's speaker ("Me: BTO ...").
OBJECT_PREPOSITIONS = frozenset(
    {"for", "to", "with", "like", "than", "by", "on", "against", "from", "about", "of", "at",
     "without", "behind", "around"}
)  # fmt: skip
MEME_CAPTIONS = frozenset(
    {"after", "when", "watching", "seeing", "trying", "explaining", "looking", "every",
     "realizing", "checking", "opening", "waking", "at"}
)  # fmt: skip
# People named as speakers before a colon opening a message ("wife: we have savings at home.
# savings at home: BTO ..."): a dialogue, the words after the colon are theirs.
SPEAKER_NOUNS = frozenset(
    {"wife", "husband", "gf", "bf", "girlfriend", "boyfriend", "mom", "mum", "dad", "mother",
     "father", "boss", "friend", "buddy", "bro", "brother", "sister", "son", "daughter",
     "therapist", "accountant", "advisor", "teacher", "landlord", "partner", "spouse"}
)  # fmt: skip
# Parts of the writer personified as a meme's speaker in a heading opening the message ("my
# last brain cell at the open: BTO ...", "my gut: ...", "my inner degen: ..."): the words after
# the colon are the part's line, a joke, not the writer's instruction.
SELF_SPEAKERS = frozenset(
    {"brain", "brains", "cell", "cells", "neuron", "neurons", "gut", "heart", "soul", "ego",
     "inner", "subconscious", "intrusive", "thoughts", "instincts"}
)  # fmt: skip
# A speaker heading is short: the possessive and a few words before and after its noun.
SPEAKER_HEADING_WORDS = 4
# Things one owns or is, never a security: sold or bought in a message they are hyperbole ("let
# me sell my house and BTO ...", "I'd sell my kidney for a 0dte ...").
HYPERBOLE_OBJECTS = frozenset(
    {"house", "home", "car", "cars", "kidney", "kidneys", "soul", "wife", "husband", "kids",
     "kid", "firstborn", "dog", "cat", "furniture", "organs", "blood", "body", "clothes",
     "belongings", "apartment", "condo", "couch", "tv", "watch", "liver", "plasma"}
)  # fmt: skip
# "in theory", "in principle": a lead that makes what follows reasoning, not an instruction.
HYPOTHETICAL_LEADS = frozenset({"in"})
HYPOTHESIS_NOUNS = frozenset({"theory", "principle"})
# Placeholders of a command's help text ("BTO <qty> <ticker> <strike><c|p> @ <price>").
PLACEHOLDER_WORDS = frozenset(
    {"qty", "quantity", "ticker", "symbol", "strike", "exp", "expiry", "expiration", "price",
     "premium", "credit", "debit", "date", "side", "action", "type", "c/p", "c|p", "count",
     "size", "limit", "contracts", "underlying"}
)  # fmt: skip
# "Out of AMD 160c at 4.20", "I'm out of ...": a position already left, reported.
OUT_SUBJECTS = frozenset({"i'm", "im", "'m", "all", "fully", "we're", "am", "i", "we"})
# Verbs that make a quoted trade the subject of a sentence ("STO ... @ .50 is free money").
COPULAS = frozenset(
    {"is", "was", "are", "were", "looks", "seems", "sounds", "feels", "look", "seem", "sound",
     "feel"}
)  # fmt: skip
# "wife just did STO ...": a past auxiliary after a person names the person's trade.
DONE_AUXILIARIES = frozenset({"did", "does"})
# "Step 1: BTO ...\nStep 2: ???": numbered steps, a recipe or a meme, not an order.
STEP_WORDS = frozenset({"step", "steps"})
# ... and modals that make it a hypothetical ("STO ... @ 2.10 would be a good trade").
COUNTERFACTUALS = frozenset({"would", "could", "might", "would've", "could've"})
# Days already past: after an alert code they make it a report ("BTO ... @ 5 yesterday").
PAST_DAYS = frozenset({"yesterday", "last week", "last night", "the other day", "last month"})
# A heading opening the message with a person's possessive and a trade noun ("Mike's play
# today: ...", "Dana's trade idea: ...") posts that person's trade; the legs after it are theirs.
# A time word's possessive ("Today's play: ...", "Friday's trade: ...") stays the writer's.
OTHERS_TRADE_NOUNS = frozenset(
    {"play", "plays", "trade", "trades", "alert", "alerts", "pick", "picks", "idea", "ideas",
     "setup", "setups", "entry", "entries", "position", "spread", "order", "ticket",
     "condor", "condors", "fly", "butterfly", "straddle", "strangle", "calendar", "collar",
     "vertical", "strangles", "straddles", "spreads", "calls", "puts", "lotto", "lottos",
     "post", "posts", "signal", "signals"}
)  # fmt: skip
TIME_POSSESSORS = frozenset(
    {"today", "tonight", "tomorrow", "yesterday", "week", "weekend", "morning", "afternoon",
     "month", "year", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
     "sunday", "everyone", "everybody", "nobody", "somebody", "someone",
     # months that are no one's name ("October's spread:"; not May, June, April or August)
     "january", "february", "march", "july", "september", "october", "november", "december"}
)  # fmt: skip
# A possessive before an alert code makes the code a noun, a trade talked about ("my STO ... got
# assigned", "Jay's BTO ... alert is up 80%"), not one placed.
POSSESSIVES = frozenset({"my", "our", "your", "his", "her", "their", "'s", "s'", "ur"})
# Before an alert code a demonstrative pointing back makes it a noun too ("that BTO ... alert was
# fire", "those STO ... fills"): a trade pointed at, not placed ("waiting for this BTO ..."
# introduces the alert itself).
CODE_DETERMINERS = frozenset({"that", "those"})
# A preposition before an alert code makes the code its object, a trade talked about
# ("insufficient buying power for STO 5 NVDA ...", "thinking about BTO ...").
CODE_PREPOSITIONS = frozenset({"for", "about"})
# Words ending in "-ed" that are adjectives or moods, not a past verb ("defined risk", "expected
# move", "excited for this one"): an unread "-ed" word is otherwise a past form (see
# _Extractor.run: "skipped the IWM 240/235 PCS today" reports, it does not order).
ED_NOT_PAST = frozenset(
    {"expected", "unexpected", "limited", "unlimited", "defined", "undefined", "hedged",
     "unhedged", "leveraged", "based", "weighted", "related", "detailed", "sized", "needed",
     "interested", "excited", "pumped", "stoked", "hyped", "tired", "bored", "scared",
     "worried", "confused", "annoyed", "blessed", "ped", "red", "bed", "fed", "wed", "ted",
     "naked", "wicked", "covered", "uncovered", "advanced", "dated", "embed", "speed", "seed",
     "feed", "greed", "need", "reed", "weed", "heed", "shed", "united", "guaranteed",
     "indeed", "biased", "skewed", "oversold", "overbought", "undervalued", "overvalued",
     "rated", "elevated", "crowded", "inverted", "extended", "compressed", "depressed"}
)  # fmt: skip
# "roll the KO 65p 12/18 to 1/15": two orders (close, then open) the parser does not build.
ROLL_WORDS = frozenset({"roll", "rolling"})
# "roll my short ...", "roll the long ...": the side that opens the new contract of the roll.
ROLLED_POSITIONS: dict[str, Side] = {"short": "sell", "long": "buy"}
# Between "roll" and "short"/"long": "roll down and out my 2 short ...", "roll up & out my ...".
ROLL_FILLERS = frozenset(
    {"my", "the", "our", "up", "down", "and", "&", "out", "over", "in", "it", "last", "remaining"}
)
# "close my ...", "close out ...", "closing the ...": closing the position named, wherever its
# clause is an instruction ("please close my 2 ...", "I need to close my ..."); the words that
# may stand between "close" and "short"/"long" ("close out my short 3 XLE ..." buys them back).
CLOSE_WORDS = frozenset({"close", "closing"})
CLOSE_OBJECTS = frozenset({"my", "out", "position", "positions", "the", "all", "our"})
CLOSE_FILLERS = CLOSE_OBJECTS | frozenset({"of", "these", "those", "them"})
# Objects that make an action a strategy statement, not an order ("selling premium").
STRATEGY_OBJECTS = frozenset({"premium", "volatility", "vol", "theta", "gamma", "vega"})
# An entry price already paid ("from 2.10", "avg 2.10"): with no order price and no verb
# beyond "long"/"short"/"in", the message describes a position held.
ENTRY_REFERENCE_WORDS = frozenset({"from", "avg", "average", "basis", "cost"})
# Without an action word, a message naming a contract and a price is an alert, unless these
# say it is a quote, a position or an update ("SPY 600c 12/18 now 3.10", "holding 10 AMD ...").
STATUS_WORDS = frozenset(
    {"now", "currently", "trading", "mid", "last", "holding", "positions", "potential",
     "nice", "congrats", "interest", "volume", "printing", "running", "ripping", "→", "priced",
     "implies", "implied", "quote", "quoted", "mark", "oi", "iv", "delta", "update", "updates",
     "looking", "great", "loving", "love", "solid", "beautiful", "already", "doubled",
     "tripled", "quadrupled", "halved", "costs", "costing", "pinning", "pinned", "pins",
     "prices", "pricing", "afford", "ride", "riding", "legged", "carrying", "sitting",
     "breakeven", "breakevens", "pays"}
)  # fmt: skip
# ("letting it ride", "riding it into expiry", "a spread I legged into": a position held)
# "2x" after these is a multiple of the premium ("at 2x", "already 2x", "up 3x"), not a count.
MULTIPLE_LEADS = frozenset(
    {"at", "@", "already", "now", "is", "was", "to", "up", "over", "by", "a", "hit", "hits",
     "went", "almost", "nearly", "about", "around", "than", "like", "near", "~"}
)  # fmt: skip
# ... and before these ("2x credit", "3x the premium", "a 10x return", "3x avg volume").
MULTIPLE_NOUNS = frozenset(
    {"credit", "debit", "premium", "return", "returns", "gain", "gains", "bagger", "baggers",
     "profit", "profits", "leverage", "risk", "the", "what", "money", "entry", "cost", "from",
     # volume against its norm: "on 3x avg volume", "2x normal vol", "5x rvol"
     "avg", "average", "normal", "usual", "volume", "vol", "rvol"}
)  # fmt: skip
# "up 40%", "down 12%": with a number and a percent sign, a result ("+62%" is one too).
CHANGE_WORDS = frozenset({"up", "down"})
# A quote layout names both sides of the market ("bid 6.20 / ask 6.35", "4.90 bid, 5.10 ask"):
# there "bid" is the best bid, not the verb of "bid 1.15 for 6 SOFI 20 calls".
BID_WORDS = frozenset({"bid", "bids"})
ASK_WORDS = frozenset({"ask", "asks"})
# A number after a comparison is a trigger level ("$HOOD 125c > 121"), never the order price.
TRIGGER_SIGNS = frozenset({">", "<", ">=", "<=", "≥", "≤"})
UPDATE_TITLE_WORDS = ("update", "recap", "watchlist", "news", "commentary")

# --- words that never name a ticker ---------------------------------------------------------
TRADING_JARGON = frozenset(
    {"in", "all", "out", "be", "pt", "pt1", "pt2", "pt3", "sl", "tp", "ts", "ath", "atl", "itm",
     "otm", "atm", "vwap", "lod", "hod", "eow", "eod", "eom", "fd", "fds", "dte", "iv", "ivr", "rr",
     "dd", "yolo", "bto", "sto", "btc", "stc", "gtc", "gtd", "day", "exp", "oi", "ema", "sma",
     "rsi", "macd", "cpi", "ppi", "fomc", "gdp", "fed", "er", "eps", "pm", "am", "ceo", "cfo",
     "usa", "us", "etf", "lol", "lmao", "imo", "fyi", "nfa", "mkt", "lmt", "limit", "market",
     "call", "calls", "put", "puts", "share", "shares", "new", "avg", "trim", "risk", "risky",
     "high", "low", "lotto", "lottos", "swing", "update", "updates", "alert", "alerts", "note",
     "notes", "entry", "exit", "stop", "target", "buy", "sell", "long", "short", "open", "close",
     "here", "now", "add", "added", "size", "half", "full", "ok", "okay", "yes", "no", "not",
     "and", "or", "the", "pcs", "ccs", "pds", "cds", "ic", "pmcc", "pmcp", "bwb", "p&l", "pnl",
     "tldr", "asap", "btw",
     "gm", "gn", "ny", "nyc", "nyse", "sec", "irs", "est", "pst", "et", "utc", "x", "wtf", "omg",
     "idk", "imho", "tbh", "ftw", "hype", "moon", "dip", "rip", "gap", "gaps", "ipo", "ipos",
     "spread", "spreads", "debit", "credit", "net", "mid", "bid", "ask", "fill", "filled",
     "contract", "contracts", "strike", "strikes", "weekly", "weeklies", "monthly", "leaps", "opex",
     "leap", "odte", "zdte", "breakout", "breakdown", "support", "resistance", "trend", "news",
     "earnings", "pre", "post", "ah", "ahs", "premarket", "aftermarket", "daytrade", "swingtrade",
     "scalp", "runner", "runners", "bull", "bear", "bullish", "bearish", "today", "tomorrow",
     "friday", "for", "at", "on", "to", "of", "is", "it", "me", "my", "we", "so", "do", "go",
     "up", "down", "i", "a", "an", "im", "ive", "u", "ur", "pls", "plz", "thx", "ty", "db",
     "lfg", "gg", "wsb", "ta", "tl", "dr", "faq", "tos", "rh", "tt", "ibkr", "nvm", "rn",
     "otc", "iron", "condor", "fly", "butterfly", "straddle", "strangle", "calendar",
     "vertical", "verticals", "width", "wide", "max", "min", "loss", "gain", "gains", "profit",
     "usd", "eur", "cad", "gbp", "jpy", "hkd", "from", "only", "some", "more", "less", "sized"}
)  # fmt: skip
NOT_TICKERS: frozenset[str] = frozenset(
    {word.lower() for word in STOP_WORDS}
    | TRADING_JARGON
    | set(MONTHS)
    | set(WEEKDAYS)
    | set(PAST_WORDS)
    | set(HYPOTHETICAL_WORDS)
    | set(QUESTION_STARTERS)
    | set(FLOW_WORDS)
    | WATCHLIST_WORDS
    | THIRD_PERSON_VERBS
    | set(RECAP_WORDS)
    | set(REPORT_WORDS)
    | SIMULATED_WORDS
    | OTHER_SUBJECTS
    | JOKE_WORDS
    | set(STATUS_WORDS)
    | HELP_WORDS
    | NEWS_WORDS
    | STORY_WORDS
    | REPORTED_SPEECH
)
# Lower-case words that are never read as a lower-case ticker ("buy some puts", "sell all").
COMMON_LOWER_WORDS: frozenset[str] = NOT_TICKERS | frozenset(
    {"lotto", "super", "just", "random", "text", "come", "such", "aids", "darn", "lol", "kinda",
     "buywrite",
     "wish", "good", "bad", "big", "small", "nice", "great", "huge", "quick", "few", "couple",
     "them", "these", "those", "this", "that", "there", "their", "your", "our", "his", "her",
     "play", "plays", "trade", "trades", "order", "orders", "again", "back", "next", "last",
     "first", "one", "two", "three", "four", "five", "ten", "cheap", "safe", "lots",
     "meh", "hmm", "hmmm", "welp", "bruh", "yo", "oof", "yikes", "damn", "wow", "ugh", "whoa",
     "nah", "lmk", "idc", "smh", "ngl", "fwiw", "iirc", "afaik"}
) | OTHER_LIST_KINDS  # fmt: skip
# --- artefacts and asides (tests/unit/nlp/test_artefacts_and_asides.py) -------------------------
# "once" in an idiom is no condition: "slept well for once. STO ...", "all at once", "just this
# once", "once again", "once more" ("once SPY holds 600, buy ..." stays one).
ONCE_IDIOM_BEFORE = frozenset({"for", "at", "this"})
ONCE_IDIOM_AFTER = frozenset({"again", "more"})
# "once a year", "once-a-month hedge": how often, no condition.
FREQUENCY_PERIODS = frozenset({"day", "week", "month", "quarter", "year", "decade"})
# "the iron condor wins on theta.", "B wins.": a verdict of a comparison, "wins" the verb of a
# strategy or an option's label ("3 wins today", "big wins" stay a report's nouns). What may
# stand before it besides a strategy or a one-letter label, and after it:
VERDICT_SUBJECTS = frozenset(
    {"spread", "spreads", "straddle", "strangle", "condor", "fly", "butterfly", "calendar",
     "diagonal", "csp", "pcs", "ccs", "option", "one", "it", "this", "that", "wheel", "collar",
     "call", "put", "calls", "puts", "shares", "stock"}
)  # fmt: skip
VERDICT_TAILS = frozenset({"on", "by", "here", "again", "easily", "overall", "out", "hands"})
# "BTO 1 MSFT 460c ... @ 5.90 vs a 460/470 call debit spread ...": a trade weighed against
# another one, a comparison and not an order ("CPI at 2.9% vs 3.0%" weighs no trade).
COMPARISON_WORDS = frozenset({"vs", "vs.", "versus", "v."})
COMPARED_TRADE_WORDS = frozenset(
    {"call", "calls", "put", "puts", "shares", "spread", "spreads", "straddle", "strangle",
     "condor", "fly", "butterfly", "calendar", "diagonal", "csp", "pcs", "ccs", "pds", "cds",
     "covered", "collar", "stock"}
)  # fmt: skip
COMPARED_TRADE_REACH = 8  # items after "vs" in which the other trade is named
# A dream before the order, in its sentence ("recurring dream where I try to submit BTC ...",
# "had a nightmare I STO'd 100 ..."): what the writer dreamt, not an order. A full stop or a
# go clause ends it ("dreamt about it all week, doing it for real: BTO ..."), and "no dreams"
# dreams nothing.
DREAM_WORDS = frozenset(
    {"dream", "dreams", "dreamt", "dreamed", "dreaming", "nightmare", "nightmares", "daydream",
     "daydreaming"}
)  # fmt: skip
# "one year ago today: BTO ...", "3 years ago:": a heading dating the trade in the past.
AGO_WORDS = frozenset({"ago"})
# Where an order's text is kept to be sent later or by a key, named before the colon that
# opens it ("saved preset #3: STO ...", "pinned a snippet ... so I can copy it later: sell
# ..."): the stored text, not an order sent ("preset saved, and firing the first one now:
# BTO ..." sends it; "not using the hotkey this time, ...: buy ..." keeps none).
STORED_TEXT_WORDS = frozenset(
    {"preset", "presets", "snippet", "snippets", "hotkey", "hotkeys", "macro", "macros",
     "keybind", "keybinds", "shortcut", "shortcuts", "clipboard", "autotext", "boilerplate"}
)  # fmt: skip
STORED_TEXT_NEGATIONS = frozenset({"not", "no", "without", "n't", "skip", "skipping"})
# A quiz's answers and a puzzle's solution heading the trade ("Answer key #7: BTC ...",
# "Solution: STO ...", "trivia: ..."): a lesson, like "quiz".
ANSWER_KEYS = frozenset({"key", "keys", "sheet"})
# "said no to STO 5 JPM ...", "vetoed the BTO ...": a trade refused by the writer's risk desk,
# spouse or buddy, not placed.
VETO_WORDS = frozenset({"veto", "vetoed", "veto'd", "vetoes", "vetoing", "nixed"})
VETO_FILLERS = frozenset({"on", "the", "my", "his", "her", "their", "your", "our", "that", "this"})
# Between a dream and the order dreamt, the dreamer or the dream's clause ("dream where I ...",
# "nightmare that I ...", "dreamt about ..."); "living the dream, BTO ..." is a mood.
DREAM_LINKS = frozenset(
    {"i", "i'm", "im", "we", "where", "that", "about", "of", "in", "my", "i'd", "'d"}
)  # fmt: skip
# A record as the subject of a verb of saying ("spreadsheet says covered call beats CSP here.
# sell ..."): a verdict in a sentence of its own, the writer's reason for the order after it.
RECORD_SUBJECTS = frozenset({"spreadsheet", "spreadsheets", "tracker", "ledger"})
RECORD_VERBS = frozenset({"says", "said", "shows", "showed", "suggests", "agrees", "thinks"})
# A verb of judging with a subject of its own in a clause after the order's details ("buy ...
# @ 2.40, chart looks toppy", "..., IV seems cheap"): the writer's reason, not a hedge of the
# order. Followed by these it still hedges ("looks like", "seems to", "looks as if").
JUDGING_VERBS = frozenset({"looks", "seems"})
HEDGING_COMPLEMENTS = frozenset({"like", "to", "as", "if", "though", "ok", "okay", "right"})
# Persons as that subject make it about someone ("..., he seems sure"), and a pronoun may
# point at the order itself ("..., this looks right?"): neither is a judged market.
UNJUDGED_SUBJECTS = frozenset(
    {"i", "you", "u", "he", "she", "we", "they", "y'all", "yall", "it", "this", "that", "which"}
)  # fmt: skip
JUDGED_SUBJECT_WORDS = 2  # words a judged subject may take ("the chart", "daily RSI")
# The market's news as the subject of a past copula after the order ("sell ... @ 7.80, earnings
# were great 🎉", "..., CPI was hot"): a remark on the news, the writer's reason, not a trade
# reported. The order's own nouns ("fill", "order", "entry") are not among them.
NEWS_SUBJECTS = frozenset(
    {"earnings", "er", "cpi", "ppi", "jobs", "nfp", "fomc", "fed", "powell", "guidance",
     "numbers", "results", "report", "call", "news", "data", "market", "markets", "tape",
     "futures", "premarket", "macro", "quarter", "iv", "vix"}
)  # fmt: skip
PAST_COPULAS = frozenset({"was", "were"})
# "..., this tape is trash", "..., the flow was awful": a judged subject's copula and determiner
JUDGING_COPULAS = frozenset({"is", "'s", "are", "was", "were", "looks", "feels", "seems"})
SUBJECT_DETERMINERS = frozenset({"this", "the", "that", "today's", "todays"})
# Copying the writer's own order from another place of theirs ("copied from my other broker:
# BUY +1 ...", "pasted from my schwab account —"): the writer's own order, entered again here,
# unlike a trade copied from someone else ("copied from twitter: ...").
COPY_VERBS = frozenset({"copied", "pasted", "copying", "pasting", "copy", "paste"})
COPY_LINKS = frozenset({"from", "off", "outta"})
OWN_ORDER_SOURCES = frozenset(
    {"broker", "brokerage", "account", "acct", "app", "platform", "ticket", "tos",
     "thinkorswim", "webull", "schwab", "fidelity", "ibkr", "robinhood", "etrade", "tasty",
     "tastytrade", "ira", "phone", "laptop", "desktop"}
)  # fmt: skip
OWN_SOURCE_MODIFIERS = frozenset(
    {"other", "old", "main", "second", "2nd", "work", "roth", "margin", "cash", "personal",
     "live", "real", "trading", "order", "broker", "brokerage", "mobile"}
)  # fmt: skip
# "same as yesterday, one more time: buy ...", "same trade as last week: STO ...": the time
# named after "same ... as" is the earlier trade the order repeats, not this order's time.
SAME_WORDS = frozenset({"same"})
COMPARISON_LINKS = frozenset({"as", "like"})
SAME_GAP_WORDS = 2  # words between "same" and "as" ("same trade as", "same exact play as")
# Order words of other languages and the English words they are read as (lexicon/languages.toml,
# applied by nlp._world before anything else reads the message).
_LANGUAGES = _read_toml("languages.toml")
FOREIGN_WORDS: dict[str, str] = {
    phrase.lower(): english
    for section in ("words", "phrases")
    for phrase, english in _LANGUAGES[section].items()
}
FOREIGN_AFTER_NUMBER: dict[str, str] = {w.lower(): e for w, e in _LANGUAGES["after_number"].items()}
FOREIGN_CLAUSE_OPENERS: dict[str, str] = dict(_LANGUAGES["clause_openers"])
FOREIGN_AFTER_STRIKE: dict[str, str] = dict(_LANGUAGES["after_strike"])
FOREIGN_VERB_FINAL: dict[str, str] = {w.lower(): e for w, e in _LANGUAGES["verb_final"].items()}
FOREIGN_PRICE_WORDS: dict[str, str] = {w.lower(): e for w, e in _LANGUAGES["price_words"].items()}
# --- the one contract ordered among several named (nlp/_chosen.py) ----------------------------
# The writer's pick in the clause right before the order, after other contracts were named
# ("taking the 185c:", "going with the 175s:", "copying just the AAPL one:", "playing the 165:",
# "keep it simple:", "separate trade:", "280c it is:"): it hands over to the order.
CHOICE_WORDS = frozenset(
    {"taking", "take", "going", "playing", "play", "copying", "copy", "doing", "picking", "pick",
     "choosing", "chose", "prefer", "adding", "add", "closing", "close", "buying", "selling",
     "keep", "keeping", "hold", "holding", "separate", "simple", "instead", "only", "winner",
     "entering", "enter", "now", "today", "rn"}
)  # fmt: skip
# A clause after the order that names another contract and sets it apart ("..., keep the 290",
# "... rather than the 45p", "the 685p I sold stays on", "the LULU 320c is for after earnings",
# "not bothering with the 690p hedge"): that contract is not part of the order.
SET_APART_WORDS = frozenset(
    {"keep", "keeping", "hold", "holding", "stays", "stay", "staying", "rather", "not", "skip",
     "skipping", "without", "after", "later", "separately", "leave", "leaving", "untouched"}
)  # fmt: skip
# Words taking back or changing what was written before them ("actually", "make it", "no
# wait", "scratch that", "hold on"): the contract after them is the one meant, never the one
# before; after the order they change it, so no clause after it is set apart.
CORRECTION_WORDS = frozenset(
    {"actually", "make", "wait", "scratch", "correction", "meant", "mean", "oops", "sorry",
     "instead", "nvm", "nevermind", "edit", "change"}
)  # fmt: skip
# Words that withdraw an order written before them ("... nah, not today", "... nope", "...
# forget it"): a clause after the order holding one is never merely set apart.
WITHDRAWAL_WORDS = frozenset(
    {"nah", "nope", "nvm", "nevermind", "cancel", "cancelled", "canceled", "forget", "ignore",
     "kidding", "jk", "scratch", "today", "now", "pass", "passing", "lol", "maybe", "tomorrow"}
)  # fmt: skip
# A stop set or moved on a position ("raise stop on AVGO 1500c to 40", "new SL for ROKU 70c:
# 2.60", "trail stop on COIN 240c to 4.80"): a stop word after one of these verbs (or "new"),
# maybe past a determiner, manages a position held; with no action word it is no order.
STOP_NOUNS = frozenset({"stop", "stops", "stoploss", "sl", "sls", "tsl"})
STOP_MOVERS = frozenset(
    {"raise", "raising", "raised", "move", "moving", "moved", "trail", "trailing", "trailed",
     "tighten", "tightening", "tightened", "lower", "lowering", "lowered", "bump", "bumping",
     "bumped", "adjust", "adjusting", "adjusted", "update", "updating", "updated", "new", "set",
     "setting", "widen", "widening", "widened", "hard", "mental", "shift", "shifting"}
)  # fmt: skip
STOP_MOVER_FILLERS = frozenset({"my", "the", "our", "your", "a", "up", "down"})
# "in TSLA 250c since 3.05": a price after "since" is the one a position was entered at.
SINCE_WORDS = frozenset({"since"})
# "after the add", "my add at 1.80": "add" after these is a noun (the buy made), no action.
ADD_NOUNS = frozenset({"add", "adds"})
ADD_NOUN_MAKERS = frozenset(
    {"a", "an", "the", "this", "that", "my", "our", "his", "her", "their", "each", "every"}
)  # fmt: skip
