"""A "not" before a verb's -ing form and the contract it deals with declines that trade; a past
verb of the writer's right after the contract an action points at ("the ... I sold") tells
which contract, it reports nothing."""

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
        "I'm not touching the NFLX 90/100/110 fly, way too pricey",
        "not doing the AMD 200/210 call spread 12/18 today",
        "honestly not chasing the SMCI 45/50/55 butterfly",
        "we're not playing that TSLA 400/410/420 fly into earnings",
    ],
)
def test_a_trade_declined_is_talk(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_a_declined_trade_before_the_writers_order_leaves_the_order(parse: Parse) -> None:
    parsed = parse("not using the app today, typing it here: buy 3 KO 70 calls 12/18 at .95")
    assert parsed.kind == "order"
    assert parsed.legs[0].strike == Decimal("70")
    assert parsed.price == Decimal("0.95")


def test_not_before_a_word_that_is_no_verb_is_not_a_refusal(parse: Parse) -> None:
    # "anything" ends in -ing but is no verb: nothing is declined
    parsed = parse("BTO 2 GM 60c 12/18 @ 1.10, not anything the chat would like")
    assert parsed.kind == "order"


@pytest.mark.parametrize(
    ("text", "side", "price"),
    [
        ("buy to close the 3 KO 72c 12/18 i sold, .15 limit", "buy", "0.15"),
        ("sell the 2 DIS 120 calls 12/18 I bought @ 2.40", "sell", "2.40"),
        ("STC the 4 F 13c 1/15 that we bought, .55 limit", "sell", "0.55"),
    ],
)
def test_the_contract_i_sold_names_the_contract(
    parse: Parse, text: str, side: str, price: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].side == side
    assert parsed.price == Decimal(price)


@pytest.mark.parametrize(
    "text",
    [
        "i sold the 3 KO 72c 12/18, .15",  # the writer's past trade, reported
        "the 3 KO 72c 12/18 I sold, bought back @ .15",  # no action before the contract
        "buy to close the 3 KO 72c 12/18 i sold yesterday at .15",  # dated: a report
    ],
)
def test_past_verbs_that_report_still_report(parse: Parse, text: str) -> None:
    assert_talk(parse(text))
