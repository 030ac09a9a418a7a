"""Instructions that look like talk, and talk that looks like instructions.

Each class below is one general rule: a courtesy condition addressed to the reader ("if you
can, please buy ...") conditions nothing; a correction opening the message ("ignore my last
msg, ...") takes back what came before; an instruction opening with another person's handle is
advice to them; a question the writer answers at once is not asked; a fill negated or denied
reports none; a deliberation declared over is no longer a plan; a consequence after a comma
("..., so buy ...") is the writer's own clause; "not kidding" is in earnest; and the reverse
cases (a subject with a modal before a code, "no way I'm ...", a positions heading after "my",
help and bot words) stay chatter.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from support.parsing import assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    "text",
    [
        "if you can, please buy 3 QQQ 620c 12/18 at 4.00",
        "if you don't mind, buy 3 QQQ 620c 12/18 at 4.00",
        "when you get a sec, buy 3 QQQ 620c 12/18 at 4.00",
        "whenever you're ready, BTO 3 QQQ 620c 12/18 @ 4.00",
        "when you can, buy 3 QQQ 620c 12/18 at 4.00",
        "if possible, buy 3 QQQ 620c 12/18 at 4.00",
    ],
)
def test_a_courtesy_condition_to_the_reader_conditions_nothing(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.underlying == "QQQ"
    assert parsed.legs[0].quantity == 3
    assert parsed.price == Decimal("4.00")


@pytest.mark.parametrize(
    "text",
    [
        "if QQQ holds 600, buy 3 QQQ 620c 12/18 at 4.00",
        "if you're long, sell 3 QQQ 620c 12/18 at 4.00",
        "if you can get 4.00, sell 3 QQQ 620c 12/18",
        "if you don't mind, what's the IV on QQQ 620c 12/18?",
    ],
)
def test_a_condition_on_the_market_or_the_reader_s_position_stays_chatter(
    parse: Parse, text: str
) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    ("text", "strike"),
    [
        ("ignore my last msg, sell 2 MSFT 500c 1/15/27 @ 6.20", "500"),
        ("forget the 600c, sell 2 MSFT 605c 1/15/27 @ 6.20", "605"),
        ("scratch that. sell 2 MSFT 500c 1/15/27 @ 6.20", "500"),
    ],
)
def test_a_correction_opening_the_message_is_not_part_of_the_order(
    parse: Parse, text: str, strike: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].side == "sell"
    assert parsed.legs[0].strike == Decimal(strike)


@pytest.mark.parametrize(
    "text",
    [
        "ignore this, just testing the parser: sell 2 QQQ 580p 12/18",
        "test alert please ignore: sell 2 QQQ 580p 12/18 @ 3",
        "forget the 600c, I bought the 605c 12/18 @ 1.60",
    ],
)
def test_ignoring_the_message_itself_or_a_report_after_a_correction_stays_chatter(
    parse: Parse, text: str
) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "@jen sell 2 IWM 240p 12/18 at 1.95, it's free money",
        "@Jen sell 2 IWM 240p 12/18 at 1.95",
        "@dave BTC your TSLA 350p 12/18 @ .25",
        "@mike buy 2 SPY 600c, trust me",
    ],
)
def test_an_instruction_to_another_person_is_advice(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "none"
    assert "advice to @" in parsed.notes[0]


@pytest.mark.parametrize(
    "text",
    [
        "@Trader_Bot sell 2 IWM 240p 12/18 at 1.95",
        "@Lottos BTO 2 IWM 240p 12/18 @ 1.95",
        "@jen yeah agreed — sell 2 IWM 240p 12/18 at 1.95",
    ],
)
def test_a_bot_a_role_or_a_reply_before_the_writer_s_own_order_stays_an_order(
    parse: Parse, text: str
) -> None:
    assert parse(text).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "filled? nope. ok then buy 2 SPY 685c 12/18 @ 2.15",
        "not filled yet so replace it: buy 2 SPY 685c 12/18 @ 2.15",
        "Thinking done. buy 2 SPY 685c 12/18 @ 2.15",
        "done waiting, buy 2 SPY 685c 12/18 @ 2.15",
        "mods said it's fine, so buy 2 SPY 685c 12/18 @ 2.15",
        "no I'm not kidding, buy 2 SPY 685c 12/18 @ 2.15",
    ],
)
def test_talk_that_is_answered_denied_or_ended_leaves_the_order(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].strike == Decimal("685")
    assert parsed.price == Decimal("2.15")


@pytest.mark.parametrize(
    "text",
    [
        "filled? yes. sell 2 SPY 685c 12/18 @ 2.15",
        "filled? nope",
        "he said buy, so buy 2 SPY 685c 12/18 @ 2.15",
        "I'm thinking about buying 2 SPY 685c 12/18 @ 2.15",
        "kidding, buy 2 SPY 685c 12/18 @ 2.15 lol",
    ],
)
def test_a_fill_reported_or_a_plan_still_open_stays_chatter(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "sir this is a Wendy's, you can't STO 1 SPY 640p here",
        "you should BTO 2 SPY 600c 12/18 @ 2",
        "they won't STO 1 SPY 640p 12/18 @ 3",
        "no way I'm closing my QQQ 600c 12/18 at 7.25",
        "my book: short 1 AAPL 260p 12/18 @ 2.05, long 100 TSLA @ 455",
        "quoting @alex: sell 2 SPX 6400/6390 put credit spread 12/18 for 1.85",
        "for the glossary: 'STC' = sell to close, as in STC 3 TSLA 450c",
        "MACD cross detected: BTO SPY 675c 12/18 suggested",
        "RSI oversold -> BUY 1 AMD 180c 12/18 (automated, not advice)",
    ],
)
def test_talk_about_a_trade_stays_chatter(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_no_way_about_the_market_leaves_the_order(parse: Parse) -> None:
    parsed = parse("no way SPY holds 600, buy 2 SPY 590p 12/18 @ 3")
    assert parsed.kind == "order"
    assert parsed.legs[0].strike == Decimal("590")


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("please close out my 2 long DIS 115c 12/18 @ 1.90", "sell"),
        ("close out my 2 short DIS 115p 12/18 @ 1.90", "buy"),
    ],
)
def test_the_count_after_close_out_my_is_the_quantity(parse: Parse, text: str, side: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].quantity == 2
    assert parsed.legs[0].side == side


@pytest.mark.parametrize(
    "text",
    [
        "STO 1 SPY 640p 12/18 @ 3 if SPY holds 600",
        "if you can, STO 1 SPY 640p 12/18 @ 3 if SPY holds 600",
    ],
)
def test_a_condition_in_the_code_s_own_clause_makes_it_conditional(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "BTO 1 SPY 600c 12/18 @ 2, add more if it dips",
        "STO $TSLA 380p 12/18 @ 4.40\nWill roll if tested",
        "BTO 1 SPY 600c 12/18 @ 2 if possible",
    ],
)
def test_a_plan_for_the_position_after_the_code_leaves_it_an_order(parse: Parse, text: str) -> None:
    assert parse(text).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "BTO 1 AMD 180c 12/18 (automated)",
        "Stochastic oversold -> BTO 1 AMD 180c 12/18 (auto-generated)",
    ],
)
def test_a_message_made_by_a_machine_is_a_bot_s_post(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_a_fill_answered_not_yet_is_denied(parse: Parse) -> None:
    parsed = parse("filled? not yet. ok sell 2 SPY 600c 12/18 @ 3")
    assert parsed.kind == "order"
    assert parsed.legs[0].side == "sell"


@pytest.mark.parametrize(
    "text",
    [
        "no more waiting, buy 2 SPY 675c 12/18 @ 2.10",
        "after thinking it over, buy 2 SPY 675c 12/18 @ 2.10",
        "didn't fill. buy 2 SPY 675c 12/18 @ 2.10 instead",
    ],
)
def test_a_plan_ended_or_a_negated_statement_leaves_the_order(parse: Parse, text: str) -> None:
    assert parse(text).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "didn't you buy 2 SPY 675c 12/18 @ 2.10",
        "didn't fill, buy 2 SPY 675c 12/18 @ 2.10?",
        "after waiting I bought 2 SPY 675c 12/18 @ 2.10.",
    ],
)
def test_a_negated_question_or_a_past_trade_stays_chatter(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "hey @sara, sell your NVDA 190c 12/18 @ 6 now",
        "sam, sell your NVDA 190c 12/18 @ 6 before earnings",
        "BTC ur TSLA 350p 12/18 @ .25",
        "screenshot from discord: BTO 2 SPY 690c 12/11 @ 1.45",
        "copied from twitter: STO 1 SPX 6500p 12/18 @ 12",
        "Alert result: BTO 2 JPM 300p June @ 3.70 hit PT 1",
        "practice trade: buy 2 SPY 600c 12/18 @ 2",
        "in my demo account, buy 2 SPY 600c 12/18 @ 2",
        "testing: BTO 1 SPY 600c 12/18 @ 2",
        "just testing the bot, sell 2 QQQ 580p 12/18 @ 3",
        "bot test - buy 1 SPY 600c 12/18 @ 2",
        "leaning towards STO 1 SPY 640p 12/18 @ 3",
    ],
)
def test_advice_provenance_practice_and_tests_stay_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


@pytest.mark.parametrize(
    "text",
    [
        "sell my NVDA 190c 12/18 @ 6",
        "SPY testing 600, BTO 2 SPY 600c 12/18 @ 2",
        "BTO 2 SPY 675c 12/18 @ 2.10 (this one is real, not a test)",
        "not a test: buy 2 SPY 600c 12/18 @ 2",
        "ok @Trader_Bot sell 2 SPY 600c 12/18 @ 2",
    ],
)
def test_the_writer_s_position_a_market_test_or_a_real_alert_stays_an_order(
    parse: Parse, text: str
) -> None:
    assert parse(text).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "in case SPY drops below 590, buy 2 SPY 585p 12/18 @ 3",
        "provided QQQ holds 600, buy 2 QQQ 610c 12/18 @ 3",
        "as long as SPY stays above 600, STO 1 SPY 590p 12/18 @ 2",
        "assuming IV stays high, sell 1 SPY 640p 12/18 @ 3",
        "as soon as SPY hits 600, sell 2 SPY 600c 12/18 @ 3",
    ],
)
def test_a_condition_in_several_words_makes_it_conditional(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "in any case, buy 2 SPY 600c 12/18 @ 3",
        "buy 2 SPY 585p 12/18 @ 3 in case SPY drops below 590",
        "buy 2 SPY 600c 12/18 @ 3 just in case",
        "sell 2 SPY 600c 12/18 @ 3 as soon as possible",
        "as soon as you can, sell 2 SPY 600c 12/18 @ 3",
        "as a result, buy 2 SPY 600c 12/18 @ 3",
    ],
)
def test_a_precaution_urgency_or_connective_leaves_the_order(parse: Parse, text: str) -> None:
    assert parse(text).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "for instance: BTO 2 SPY 600c 12/18 @ 3",
        "like this: BTO 2 SPY 600c 12/18 @ 3",
        "that BTO 2 SPY 600c 12/18 @ 3 alert was fire",
        "newbies: buy 1 SPY 600c 12/18 @ 3 to learn",
    ],
)
def test_examples_and_a_code_pointed_at_stay_chatter(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_liking_a_setup_leaves_the_order(parse: Parse) -> None:
    assert parse("I like this setup, buy 2 SPY 600c 12/18 @ 3").kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "if you'd be so kind, sell 2 SPY 600c 12/18 @ 3",
        "if you could, STO 1 SPY 640p 12/18 @ 3 please",
        "sell 2 SPY 600c 12/18 @ 3 if you can",
        "oops ignore my last message. BTO 2 SPY 600c 12/18 @ 3",
        "never mind, sell 2 SPY 600c 12/18 @ 3",
    ],
)
def test_more_courtesies_and_corrections_leave_the_order(parse: Parse, text: str) -> None:
    assert parse(text).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "realized +120 on STC 2 SPY 600c 12/18 @ 3",
        "Fill: BTO 2 SPY 600c 12/18 @ 3",
        "Partial fill: 1 of 2 SPY 600c 12/18 @ 3",
        "Alert: your order to STO 1 SPY 640p 12/18 @ 3 expired",
        "Good morning! Position: short 1 SPY 640p 12/18 @ 3",
    ],
)
def test_fills_notices_and_positions_stay_chatter(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_fill_or_kill_after_the_order_is_not_a_fill(parse: Parse) -> None:
    assert parse("buy 2 SPY 600c 12/18 @ 3, fill or kill").kind == "order"
