"""Help texts, quoted orders, broker notices, headlines, indicator bots and memes that quote a
complete contract are not orders."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.parsing import assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    "text",
    [
        "Example: BTO 2 WMT 100c 1/15/27 @ 3.30 buys two calls",
        "to trade it write it like this, e.g. STO 1 PG 150p 12/18 @ 1.20",
        "Usage: !trade <side> <qty> <ticker> <strike> @ <price>",
        "Template: BTO [qty] [ticker] [strike]c [exp] @ [price]",
        "Pro tip: BTO 1 KR 70c 12/18 @ .90 beats chasing at the open",
    ],
)
def test_help_texts_and_examples_are_not_orders(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "my roommate read 'STC 3 WBD 12c 12/18' as a stock ticker, classic",
        'the bot turned "sell 2 HAL 30p 1/16 @ .70" into a buy?? weird',
    ],
)
def test_an_order_quoted_inside_other_words_is_not_one(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_a_message_that_is_only_a_quoted_order_is_still_read(parse: Parse) -> None:
    assert parse("'STC 3 WBD 12c 12/18 @ .45'").kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "Order placed: Buy 4 MRK 105 Call 1/15/2027 Limit $2.10",
        "Order submitted ✅ SELL 2 ABT 130 PUT 12/18 LMT 1.85",
        "Your order to buy 30 shares of PEP has been received",
        "BOT +2 LLY 19DEC26 900 CALL @ 21.30",
        "Working order: STO 1 MO 55p 12/18 @ .60",
        "Margin call: add $5,000 or sell 20 shares of ADBE",
        "Replaced: STO 1 MO 55p 12/18 @ .65 (was .60)",
        "tried to BTO 2 SQ 80c 12/18 @ 2 and the app crashed",
    ],
)
def test_broker_notices_are_not_orders(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "BREAKING: CSCO to buy security firm for $2.1B in cash",
        "ALERT: MSFT crosses above its 200 SMA @ 512.40 | TradingView",
        "QCOM announces $10B buyback, shares +3%",
    ],
)
def test_headlines_and_indicator_bots_are_not_orders(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "NOT selling the LULU 200p 12/18 at 6.40, holding through earnings",
        "never buying 5 RIVN 20c 12/18 @ .30 again",
    ],
)
def test_a_negated_action_is_not_an_order(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "Nobody:\nMe: BTO 20 IWM 260c 0dte @ .03",
        "me: STO 1 TSLA 300p 12/18 @ 4. also me: panic",
        "Me watching my BTO 3 SNAP 10c 12/18 @ .50 expire 📉",
    ],
)
def test_meme_dialogues_are_jokes(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "great call on the BTO CRM 300c 12/18 @ 4.50 yesterday",
        "STO 1 KO 62.5p 1/16 @ .55 would have been free money",
        "imagine selling 10 SHOP 150c 12/18 at 9",
        "Out of PANW 200c at 7.10",
        "I'm out of the 3 UBER 90c 12/18 @ 4.20",
        "Out 3 UBER 90c 12/18 @ 4.20",
        "PYPL 75c 1/16 looking cheap at 1.45",
    ],
)
def test_reports_plans_and_rolls_are_not_orders(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_a_target_word_does_not_swallow_a_typed_strike(parse: Parse) -> None:
    parsed = parse("Hit PT2 on IBM 300c, STC 2 @ 6.80")
    assert parsed.kind == "order" and parsed.legs[0].strike is not None


@pytest.mark.parametrize(
    "text",
    ["+$860 on 3 NFLX 100c 12/18 this week", "-$410 on the 2 PLTR 200p 12/18, ouch"],
)
def test_a_signed_dollar_amount_is_a_result_not_a_price(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_a_thinking_emoji_makes_it_a_question(parse: Parse) -> None:
    assert_talk(parse("BTO 2 DAL 60c 12/18 @ 1.40 🤔"))


@pytest.mark.parametrize(
    "text",
    [
        "Story: my cousin STO 4 NVDA 160p 12/18 @ 2.80 and got assigned",
        "Dear diary, today I BTO 2 ORCL 250c 12/18 @ 6.30",
        "Rate my trade: BTO 2 ORCL 250c 12/18 @ 6.30",
        "Unpopular opinion: STO 1 COIN 250p 12/18 @ 7",
        "test alert please ignore: BTO 1 ORCL 250c 12/18 @ 6.30",
        "my buddy said BTO 20 SMCI 60c 12/18 @ .15, lol no",
        "Last year I did BTO 5 F 15c @ .30 and it went to zero",
        "Math: STO 1 IWM 230p 12/18 @ 1.90 = $190 credit",
    ],
)
def test_stories_opinions_tests_and_explanations_are_not_orders(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_agreeing_before_a_code_is_not_a_meme(parse: Parse) -> None:
    assert parse("me too, STO 1 XOM 105p 12/18 @ 1.15").kind == "order"
