"""Talk about a trade that quotes its contract is not an order.

Each class below is one general reason a message names a contract (and often a price) without
asking for a trade: a profit or loss, a strategy named with no strikes, a past verb the lexicon
does not list, a contract as the subject of an opinion, a period-to-date recap, a past "added"
opening the message, an alert code owned by someone ("my STO ...", "Mike's BTO ..."), a position
entered "in at" a price, and a strategy's recipe. Each comes with near misses that stay orders.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    "text",
    [
        "up $850 on the AMZN iron condor this month",
        "down 2.5k on the COIN 300c 12/18 so far",
        "down $1,240 on my ROKU 90c 12/18",
    ],
)
def test_a_gain_or_loss_in_money_is_a_result(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "none"
    assert parsed.notes[0].startswith("a quote, position or update: a profit or loss")


def test_a_gain_or_loss_after_the_order_leaves_it_alone(parse: Parse) -> None:
    parsed = parse("buy 2 COIN 300c 12/18 @ 4.10, down 2k on the week")
    assert parsed.kind == "order"
    assert parsed.price == Decimal("4.10")


@pytest.mark.parametrize(
    "text",
    [
        "the SPY strangle into CPI is pricey",
        "NVDA straddle implying a 7% move",
        "QQQ iron condor this week, rough",
    ],
)
def test_a_strategy_without_an_action_or_strikes_is_talk(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    ("text", "legs"),
    [
        ("NFLX strangle 85 put 95 call 12/18 @ 3.10", 2),
        ("iron condor QQQ 480/470 put 560/570 call 12/18", 4),
        ("sell 1 SPY straddle", 2),
    ],
)
def test_a_strategy_with_its_strikes_or_an_action_is_an_order(
    parse: Parse, text: str, legs: int
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert len(parsed.legs) == legs


@pytest.mark.parametrize(
    "text",
    [
        "passed on the AMD 150/155 CCS 12/18, IV too low",
        "dodged the KRE 50p 12/18 @ 1.20 this week",
        "sidestepped the TSLA 300/310 call spread 12/18 for 4.20",
    ],
)
def test_an_unlisted_past_verb_without_an_action_is_a_report(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "none"
    assert parsed.notes[0].startswith("past tense")


@pytest.mark.parametrize(
    "text",
    [
        "skipped lunch. buy 2 AMD 150c 12/18 @ 3",
        "defined risk: AMD 150/145 PCS 12/18 @ 1.10",
        "pumped for this one: SPY 600c 12/18 @ 2.10",
        "expected move is 12, SPY 600c 12/18 @ 2.10",
    ],
)
def test_an_adjective_in_ed_or_a_past_verb_before_a_full_stop_leaves_the_order(
    parse: Parse, text: str
) -> None:
    assert parse(text).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "those GOOG 180c 1/15 seem rich at 6.40",
        "AMD 150p 12/18 feel cheap @ 2.05",
        "the IWM 230p 12/18 look juicy at 1.10",
        "these SOFI 20c 1/15 are a steal at .40",
    ],
)
def test_a_contract_as_the_subject_of_an_opinion_is_talk(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_a_verbless_alert_without_an_opinion_is_an_order(parse: Parse) -> None:
    parsed = parse("GOOG 180c 1/15 @ 6.40")
    assert parsed.kind == "order"
    assert parsed.price == Decimal("6.40")


@pytest.mark.parametrize(
    "text",
    [
        "MTD +12% just writing calls on KO",
        "ytd up 40% selling puts on F and T",
    ],
)
def test_a_period_to_date_result_is_a_recap(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "added 3 more MSFT 500c 1/15 @ 7.20, avg 7.90 now",
        "added 1 CRWD 400c 12/18 at 9.10 this morning",
    ],
)
def test_added_opening_the_message_reports_the_trade(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "none"
    assert parsed.notes[0].startswith("past tense")


@pytest.mark.parametrize(
    "text",
    [
        "add 3 more MSFT 500c 1/15 @ 7.20",
        "adding 2 CRWD 400c 12/18 at 9.10",
        "MSFT calls $500 $7.20 this week expiry added",
    ],
)
def test_add_and_an_alert_rooms_trailing_added_are_orders(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].side == "buy"


@pytest.mark.parametrize(
    "text",
    [
        "our BTC 2 TLT 90p 12/18 @ .40 saved the month",
        "Mike's BTO 5 RIVN 15c 12/18 alert doubled",
        "your STO 1 KO 60p 1/15 @ .55 is still open",
        "my BTO 3 UBER 80c 12/18 @ 2.10 is green",
    ],
)
def test_an_alert_code_after_a_possessive_is_a_trade_talked_about(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "none"
    assert parsed.notes[0].startswith("a trade talked about")


@pytest.mark.parametrize(
    "text",
    ["we BTC 2 TLT 90p 12/18 @ .40", "Mike here. BTO 5 RIVN 15c 12/18 @ .50"],
)
def test_an_alert_code_without_a_possessive_is_an_order(parse: Parse, text: str) -> None:
    assert parse(text).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "in at 2.30 on the SHOP 120c 1/15",
        "long @ 3.10 on the DIS 110c 12/18",
        "in at $4 on NVDA 150c 12/18",
    ],
)
def test_in_at_a_price_reports_a_position_entered(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "none"
    assert "a position entered" in parsed.notes[0]


@pytest.mark.parametrize(
    "text", ["in SHOP 120c 1/15 @ 2.30", "long DIS 110c 12/18 at 3.10", "in TSLA weekly 410c 5.80"]
)
def test_in_before_the_contract_is_a_buy(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].side == "buy"


@pytest.mark.parametrize(
    "text",
    [
        "wheel recipe: STO 1 F 11p 30 DTE @ .20",
        "my playbook in a line: STO 1 KO 60p 45 DTE @ .50",
        "STO 2 T 24p 30 DTE, take half at 50%, rinse and repeat",
    ],
)
def test_a_strategy_recipe_quoting_a_code_is_help_text(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"
