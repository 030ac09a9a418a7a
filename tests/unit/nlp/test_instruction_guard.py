"""The chatter guard (nlp/_guard.py): an order needs an instruction, and cues of chatter veto it
unless the instruction stands in a sentence of its own."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from support.parsing import assert_talk

from nlp import ParsedOrder
from nlp import _guard as guard

Parse = Callable[..., ParsedOrder]


# --- the instruction test for a verb's clause ----------------------------------------------------
@pytest.mark.parametrize(
    "words",
    [
        [],
        ["ok"],
        ["please"],
        ["i", "'m"],
        ["we", "'re"],
        ["let", "'s"],
        ["i", "want", "to"],
        ["i", "'d", "like", "to"],
        ["gotta"],
        ["time", "to"],
        ["today", "i", "'m"],
    ],
)
def test_clauses_that_address_the_reader_are_instructions(words: list[str]) -> None:
    assert guard.clause_reason(words) is None


@pytest.mark.parametrize(
    ("words", "reason"),
    [
        (["people", "are"], guard.OTHER_SUBJECT),
        (["he", "'s"], guard.OTHER_SUBJECT),
        (["i", "'m", "not"], guard.NEGATION),
        (["no", "way", "i", "'m"], guard.NEGATION),
        (["i", "was"], guard.PAST),
        (["i", "'m", "done"], guard.TALKED_ABOUT),
        (["worth"], guard.TALKED_ABOUT),
        (["good", "time", "to"], guard.TALKED_ABOUT),
    ],
)
def test_clauses_that_talk_about_the_action_are_not(words: list[str], reason: str) -> None:
    assert guard.clause_reason(words) == reason


# --- orders stay orders --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "buy 3 MSFT 480c 1/15 @ 6.20",
        "ok sell 2 KO 70c 12/18 at .85",
        "please pick up 4 DIS 110c 1/15 @ 2.30",
        "I'm buying 2 ORCL 250c 12/18 @ 4.10",
        "we're selling 3 XLE 95c 12/18 at 1.05",
        "let's trim 2 AMD 180c 12/18 @ 5.40",
        "I want to buy 2 UBER 90c 1/15 @ 3.10",
        "time to sell 2 NKE 80c 12/18 @ 1.15",
        "gotta dump 3 SNAP 12c 12/18 @ .30",
        "CRM buy 2 300c 1/15 @ 7.40",
        "BTO 2 PFE 28c 1/15 @ .55",
        "WMT 105c 1/15 @ 2.20",
        "buy to cover 200 GME shares at 24.10",
        "fire off a buy for 3 INTC 25c 1/15 at .90",
        # an alert room's tags before the verb label the trade, they are not its subject
        "new position buy 2 CAT 400c 1/15 @ 8.20",
        "lotto buy 1 SPY 700c 12/18 @ .15",
        "quick scalp sell 2 QQQ 620p 12/18 @ 1.75",
    ],
)
def test_instructions_are_orders(parse: Parse, text: str) -> None:
    assert parse(text).kind == "order"


@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        # the cue stands in a sentence of its own, ended by a full stop
        ("sold my last ones on Friday. buy 2 HD 400c 1/15 @ 5.10", "HD"),
        ("people are panicking. buy 2 QQQ 600p 12/18 @ 3.30", "QQQ"),
        ("they bought the top. sell 2 RIVN 15c 1/15 @ .45", "RIVN"),
        ("not chasing NFLX anymore! BTO 1 ROKU 90c 1/15 @ 3.20", "ROKU"),
        ("great call yesterday, team. STC 2 COIN 300c 12/18 @ 9.10", "COIN"),
    ],
)
def test_an_instruction_in_its_own_sentence_stands_after_chatter(
    parse: Parse, text: str, ticker: str
) -> None:
    parsed = parse(text)
    assert (parsed.kind, parsed.underlying) == ("order", ticker), parsed.notes


# --- chatter becomes chatter ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # an action talked about, not addressed to the reader
        "people are buying HOOD 60c 12/18 @ 1.40",
        "everybody is selling SOFI 20c 1/15 at .75",
        "funds are loading AVGO 400c 1/15 @ 11.20",
        "institutions buying LLY 900c 12/18 @ 15 heavy",
        "I'm done buying SMCI 40c 12/18 @ 1.10",
        "stop selling PLTR 180c 12/18 @ 6 so early",
        "I love buying SPY 650p 12/18 @ 2.10 on green days",
        "before selling KO 72c 1/15 at .60 check the dividend date",
        "instead of buying AAPL 260c 12/18 @ 3.30 get shares",
        "worth buying MU 140c 12/18 @ 4.40 here",
        "good time to buy GOOGL 200c 1/15 @ 5.50",
        "he's buying BA 200c 1/15 @ 6.80",
        "my brother buys TSLA 500c 12/18 @ 8 every friday",
        "Fed to buy bonds, TLT 95c 1/15 @ 1.30",
        # negated intentions and regrets
        "no way I'm selling NVDA 200c 1/15 at 9.40",
        "there's no chance I buy ARM 150c 12/18 @ 4.10",
        "I refuse to sell CVX 160c 1/15 @ 2.20",
        "wasn't going to buy DKNG 45c 12/18 @ 1.05 anyway",
        # praise, watchlists, flow wording, results
        "nice call buying UNH 350p 12/18 @ 7.70",
        "shoutout to Sam for selling IWM 240c 12/18 @ 2.05",
        "radar: MRNA 40c 1/15 @ 1.15",
        "my list for tomorrow: SHOP 120c 12/18 @ 3.60",
        "Big print: META 700c 1/15 @ 21.40, 5k contracts",
        "ABNB 150c 1/15 @ 2.40 up 2x",
        # a past sentence that names the same ticker reports that trade, details after
    ],
)
def test_chatter_is_not_an_order(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "none", parsed.to_dict()


@pytest.mark.parametrize(
    "text",
    [
        # conditions, questions and headings reach past any break
        "if AMD holds 160. buy 2 AMD 170c 12/18 @ 3.10",
        "is this a good entry? buy 2 AMD 170c 12/18 @ 3.10",
        "Yesterday: buy 2 AMD 170c 12/18 @ 3.10",
        # a local cue before a heading break (colon, dash, line break) still frames the code
        "Sold this morning: STC 2 AMD 170c 12/18 @ 4.10",
        "Closed out\nSTC 2 AMD 170c 12/18 @ 4.10",
        # a cue after the instruction comments on it
        "buy 2 AMD 170c 12/18 @ 3.10. thoughts?",
    ],
)
def test_near_misses_stay_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


def test_a_talked_about_action_names_its_reason(parse: Parse) -> None:
    parsed = parse("I'm done buying SMCI 40c 12/18 @ 1.10")
    assert parsed.notes[0].startswith(guard.TALKED_ABOUT)


# --- the three misreadings -----------------------------------------------------------------------
def test_the_orders_sentence_owns_the_ticker(parse: Parse) -> None:
    parsed = parse("VIX up again. in PLTR 155p 12/18 @ 2.10")
    assert (parsed.kind, parsed.underlying, parsed.price) == ("order", "PLTR", Decimal("2.10"))


def test_a_dollar_ticker_in_a_lead_in_does_not_win(parse: Parse) -> None:
    assert parse("$VIX spiking. buy 2 IWM 230p 12/18 @ 3.40").underlying == "IWM"


@pytest.mark.parametrize(
    "text",
    [
        "BTO 2 AMD 150c 1/16 @ 1.10 target: sell 1 at 2.20",
        "BTO 2 AMD 150c 1/16 @ 1.10 PT: sell 1 at 2.20",
        "BTO 2 AMD 150c 1/16 @ 1.10 stop: sell at .60",
    ],
)
def test_an_exit_plan_is_not_the_entry(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert (parsed.kind, parsed.price) == ("order", Decimal("1.10")), parsed.notes
    assert parsed.legs[0].side == "buy"
    assert parsed.legs[0].quantity == 2


@pytest.mark.parametrize(
    "text",
    [
        "long day, buy 3 F 12 calls jan @ .40",
        "rough day. sell 2 KO 70c 12/18 @ .85",
        "wild day, BTO 1 SPY 650c 12/18 @ 2.10",
    ],
)
def test_day_as_a_noun_is_not_a_time_in_force(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert (parsed.kind, parsed.tif) == ("order", None)


@pytest.mark.parametrize(
    "text",
    [
        "buy 3 F 12 calls jan @ .40 day",
        "buy 3 F 12 calls jan @ .40 day order",
        "buy 3 F 12 calls jan @ .40 tif day",
        "buy 3 F 12 calls jan @ .40 good for the day",
    ],
)
def test_day_beside_the_order_is_a_time_in_force(parse: Parse, text: str) -> None:
    assert parse(text).tif == "day"
