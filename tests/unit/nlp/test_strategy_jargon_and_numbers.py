"""Number-dense messages: counts of other things and questions asked without their "?" stay
chatter, and near misses with the same words are still read as orders."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.parsing import assert_chatter, assert_order

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


# --- a last sentence that asks without its "?" ------
@pytest.mark.parametrize(
    "text",
    [
        "entry 2.10 on the IWM 240c 3/20, stop 1.50. is that too tight or fine",
        "sell 2 KO 70c 3/20 @ 0.85. does that make sense for a first covered call",
        "stop 1.20, target 4.00 on the AMD 180c 3/20. am I reading the chart right",
        "buy 1 DIS 110p 3/20 @ 2.40. is this dumb",
    ],
)
def test_unmarked_question_after_the_contract_is_chatter(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        # a sentence after the order that is not an auxiliary before a subject
        ("buy 1 IWM 240c 3/20 @ 2.10. it is what it is", "IWM", "2.10"),
        # an auxiliary at a sentence start, but an order after it
        ("sounds good. do it, buy 2 KO 70c 3/20 @ 0.85", "KO", "0.85"),
        # an auxiliary at a sentence start before no subject
        ("tested 70 twice. is what it is, buy 2 KO 70c 3/20 @ 0.85", "KO", "0.85"),
    ],
)
def test_statement_or_later_order_is_still_read(
    parse: Parse, text: str, ticker: str, price: str
) -> None:
    assert_order(parse(text), ticker, price)


# --- a whole number that counts something else ------
@pytest.mark.parametrize(
    "text",
    [
        "6 meetings today and I'm staring at the 2 MSFT 500c 3/20 between them",
        "day 12 of holding the 4 PLTR 90c 3/20 through the chop",
        "week 3 of babysitting the 2 IWM 230p 3/20",
    ],
)
def test_count_of_other_things_is_no_price(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


@pytest.mark.parametrize(
    ("text", "ticker", "price", "quantity"),
    [
        # a count of contracts under another name, a lower-case ticker, a strategy in plural
        ("buy 3 cons MSFT 500c 3/20 @ 4.10", "MSFT", "4.10", 3),
        ("sell 2 ups 100c 3/20 @ 1.15", "UPS", "1.15", 2),
        ("buy 2 NFLX 110 straddles 3/20 @ 14.20", "NFLX", "14.20", 2),
        # "day" as the time in force, after the order
        ("buy 4 PLTR 90c 3/20 @ 2.05 day", "PLTR", "2.05", 4),
    ],
)
def test_counts_of_contracts_stay_quantities(
    parse: Parse, text: str, ticker: str, price: str, quantity: int
) -> None:
    parsed = parse(text)
    assert_order(parsed, ticker, price)
    assert parsed.legs[0].quantity == quantity
