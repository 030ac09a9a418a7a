"""Alert-room shorthand through a trade's life, round 33.

Each test names one general form: a stop set or moved on a position held, a position held
since an entry price or a time, "the add" as a noun, a part of the contracts held ("2 of 4"),
a count before "more", and a roll's legs joined by a plus under a heading without a colon.
Talk that looks like them stays talk, and orders that look like the talk stay orders.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import LegKey, assert_chatter, assert_order, assert_sure_order

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]

ON = date(2030, 5, 15)
MAY24 = date(2030, 5, 24)
MAY31 = date(2030, 5, 31)
JUN7 = date(2030, 6, 7)
JUN21 = date(2030, 6, 21)
JUL19 = date(2030, 7, 19)


# A stop set or moved on a position held, with no action word: no order.
@pytest.mark.parametrize(
    "text",
    [
        "raise stop on AVGO 1500c to 40 🔒",
        "lowering my stop on the MSFT 450c 6/21 to 5.50",
        "tighten SL on NVDA 180c 6/21 to 3.20",
        "new SL for the TSLA 250c: 4.10",
        "moving the stop up to 3.20 on TSLA 250c 6/21",
        "setting stop on MSFT 450c 6/21 at 5.50",
        "trailing stop on COIN 240c to 4.80",
    ],
)
def test_stop_set_or_moved_is_no_order(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=ON))


# An order beside a stop moved stays the order.
@pytest.mark.parametrize(
    ("text", "underlying", "price", "side"),
    [
        ("raise the stop, sell 1 ROKU 70c 6/21 @ 2.60", "ROKU", "2.60", "sell"),
        ("STC 2 COIN 240c 5/17 @ 5.90, trail stop on the rest to 4.80", "COIN", "5.90", "sell"),
    ],
)
def test_order_beside_a_stop_moved_stays(
    parse: Parse, text: str, underlying: str, price: str, side: str
) -> None:
    assert_order(parse(text, on=ON), underlying, price, side=side)


# A position held since an entry price or a time: no order price, no order.
@pytest.mark.parametrize(
    "text",
    [
        "in TSLA 250c since 3.05 on monday",
        "still in NVDA 180c 6/21 since 2.10",
        "long AMD 150c 7/19 since 1.20",
        "in since 9:45 on the SPY 520c 5/17",
        "long since 10:05 on AMD 150c 7/19",
    ],
)
def test_position_held_since_is_no_order(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=ON))


# "since" as a reason, or an entry written with "@", leaves the order as it was.
@pytest.mark.parametrize(
    ("text", "underlying", "price"),
    [
        ("in NVDA 180c 6/21 @ 2.10", "NVDA", "2.10"),
        ("buy 2 TSLA 250c 6/21 @ 3.05 since it's cheap", "TSLA", "3.05"),
        ("since IV is low, BTO 3 AMD 150c 7/19 @ 1.15", "AMD", "1.15"),
    ],
)
def test_since_as_a_reason_keeps_the_order(
    parse: Parse, text: str, underlying: str, price: str
) -> None:
    assert_order(parse(text, on=ON), underlying, price, side="buy")


# "the add", "my add": the buy made, a noun, not the action.
@pytest.mark.parametrize(
    "text",
    [
        "I'm in QQQ 450c from 1.95, avg 1.80 after the add",
        "still long AMD 150c 7/19, avg 1.20 after my add",
        "in IWM 200p from 2.40, down to 2.15 avg with that add",
    ],
)
def test_the_add_as_a_noun_is_no_order(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=ON))


@pytest.mark.parametrize(
    ("text", "underlying", "price", "quantity"),
    [
        ("add 2 NVDA 180c 6/21 @ 3", "NVDA", "3", 2),
        ("the add: buy 2 NVDA 180c 6/21 @ 3", "NVDA", "3", 2),
    ],
)
def test_add_as_the_verb_stays_an_order(
    parse: Parse, text: str, underlying: str, price: str, quantity: int
) -> None:
    assert_order(parse(text, on=ON), underlying, price, side="buy", quantity=quantity)


# A part of the contracts held: "<part> of [my|the] <total> <contract>" trades the part.
@pytest.mark.parametrize(
    ("text", "underlying", "side", "quantity", "strike", "expiration", "price"),
    [
        ("STC half: 2 of 4 COIN 240c 5/17 @ 5.90", "COIN", "sell", 2, "240", None, "5.90"),
        ("trim: 3 of 6 NVDA 180c 6/21 @ 4.10", "NVDA", "sell", 3, "180", JUN21, "4.10"),
        ("sell 4 of my 10 PLTR 30c 7/19 at 2.45", "PLTR", "sell", 4, "30", JUL19, "2.45"),
        ("Trim 1 of 3 META 600p 6/7 @ 7.80", "META", "sell", 1, "600", JUN7, "7.80"),
    ],
)
def test_part_of_contracts_held_is_the_count(
    parse: Parse,
    text: str,
    underlying: str,
    side: str,
    quantity: int,
    strike: str,
    expiration: date | None,
    price: str,
) -> None:
    parsed = parse(text, on=ON)
    assert_order(parsed, underlying, price, side=side, quantity=quantity)
    assert parsed.legs[0].strike == Decimal(strike)
    if expiration is not None:
        assert parsed.legs[0].expiration == expiration


@pytest.mark.parametrize(
    "text",
    [
        "trimmed 2 of my 5 META 780c, letting the rest ride",
        "Partial fill: 3 of 10 XSP 700c 6/21 @ .85, rest still working",
        "62 of the 80 people in here hold the SPY 700c 1/31. that's 77.5% of the server lol",
    ],
)
def test_part_of_held_in_talk_stays_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=ON))


# A count before "more", "additional" or "extra" and the contract counts the contracts added.
@pytest.mark.parametrize(
    ("text", "underlying", "quantity", "price"),
    [
        ("adding to SHOP: 2 more 85c 5/24 @ 1.70", "SHOP", 2, "1.70"),
        ("adding: 3 more AMD 150c 6/21 @ 1.10", "AMD", 3, "1.10"),
        ("add to the GOOG position - 4 additional 180c 7/19 @ 2.25", "GOOG", 4, "2.25"),
    ],
)
def test_count_before_more_is_the_count(
    parse: Parse, text: str, underlying: str, quantity: int, price: str
) -> None:
    assert_order(parse(text, on=ON), underlying, price, side="buy", quantity=quantity)


@pytest.mark.parametrize(
    "text",
    [
        "added 2 more SHOP 85c yesterday at 1.70",
        "might add 2 more AMD 150c if it dips to 1.10",
    ],
)
def test_more_added_in_talk_stays_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=ON))


# A roll's legs joined by a plus, under "ROLL"/"rolling" with or without a colon.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "ROLL 🔁 STC 4 SPY 530c 5/24 + BTO 4 SPY 535c 5/31 for 0.40 credit",
            "SPY",
            [
                ("sell", "close", 4, "call", Decimal("530"), MAY24),
                ("buy", "open", 4, "call", Decimal("535"), MAY31),
            ],
            Decimal("0.40"),
        ),
        (
            "roll: BTC 2 AAPL 200p 6/21 + STO 2 AAPL 195p 7/19 @ 1.10 cr",
            "AAPL",
            [
                ("buy", "close", 2, "put", Decimal("200"), JUN21),
                ("sell", "open", 2, "put", Decimal("195"), JUL19),
            ],
            Decimal("1.10"),
        ),
        (
            "Rolling 🔄 BTC 1 TSLA 240p 6/7 / STO 1 TSLA 230p 6/21 @ .95 cr",
            "TSLA",
            [
                ("buy", "close", 1, "put", Decimal("240"), JUN7),
                ("sell", "open", 1, "put", Decimal("230"), JUN21),
            ],
            Decimal("0.95"),
        ),
    ],
)
def test_roll_legs_joined_by_a_plus(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


@pytest.mark.parametrize(
    "text",
    [
        "rolled STC 4 SPY 530c 5/24 + BTO 4 SPY 535c 5/31 for 0.40 credit yesterday",
        "rolling question: is BTC 1 AAPL 230p 6/21 + STO 1 AAPL 225p 7/19 a good roll for .40?",
        "someone asked what a roll looks like: BTC 3 SPY 540p 6/7 + STO 3 SPY 530p 6/21 = one"
        " ticket, net .45 cr. that's what I did thursday",
    ],
)
def test_roll_with_a_plus_in_talk_stays_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=ON))
