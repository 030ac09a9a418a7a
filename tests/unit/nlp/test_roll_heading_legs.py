"""A roll's heading names the contract once; the legs after its colon name only what changes
(a strike or a date) and take the rest from the heading's contract."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


def _legs(parsed: ParsedOrder) -> list[tuple[str, int, str | None, Decimal | None, date | None]]:
    return [(leg.side, leg.quantity, leg.type, leg.strike, leg.expiration) for leg in parsed.legs]


def test_legs_by_strike_take_the_headings_ticker_type_and_date(parse: Parse) -> None:
    parsed = parse("roll my MSFT 480c 12/18 up: STC the 480, BTO the 490, 1.15 debit")
    assert parsed.kind == "order"
    assert parsed.underlying == "MSFT"
    assert _legs(parsed) == [
        ("sell", 1, "call", Decimal("480"), date(2026, 12, 18)),
        ("buy", 1, "call", Decimal("490"), date(2026, 12, 18)),
    ]
    assert parsed.price == Decimal("1.15")
    assert parsed.price_effect == "debit"


def test_legs_by_date_take_the_headings_strike_and_type(parse: Parse) -> None:
    parsed = parse("roll my DIA 420p out: buy the 12/18, sell the 1/15, .65 credit")
    assert parsed.kind == "order"
    assert parsed.underlying == "DIA"
    assert _legs(parsed) == [
        ("buy", 1, "put", Decimal("420"), date(2026, 12, 18)),
        ("sell", 1, "put", Decimal("420"), date(2027, 1, 15)),
    ]
    assert parsed.price_effect == "credit"


def test_two_contracts_in_the_heading_each_leg_picks_its_own(parse: Parse) -> None:
    parsed = parse(
        "rolling 3 XOM 115c 12/4 up and out to the 1/15 120c: "
        "btc the 115, sto the 120 for .30 credit"
    )
    assert parsed.kind == "order"
    assert _legs(parsed) == [
        ("buy", 3, "call", Decimal("115"), date(2026, 12, 4)),
        ("sell", 3, "call", Decimal("120"), date(2027, 1, 15)),
    ]


def test_a_count_and_a_decimal_strike_in_the_heading(parse: Parse) -> None:
    parsed = parse("roll 2 of my PFE 27.5 calls 12/18 out: buy the 12/18 / sell the 1/15 @ .20 cr")
    assert parsed.kind == "order"
    assert _legs(parsed) == [
        ("buy", 2, "call", Decimal("27.5"), date(2026, 12, 18)),
        ("sell", 2, "call", Decimal("27.5"), date(2027, 1, 15)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a past roll, a question, a roll declined: talk about a roll, not one placed
        "rolled my DIA 420p out: buy the 12/18, sell the 1/15, .65 credit",
        "should I roll my DIA 420p out: buy the 12/18, sell the 1/15, .65 credit?",
        "not rolling my DIA 420p: buy the 12/18, sell the 1/15, .65 credit was the plan",
    ],
)
def test_talk_about_a_roll_stays_talk(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        # two strikes in the heading: which one a date goes with is not said
        "roll my DIA 420p and 410p out: buy the 12/18, sell the 1/15, .65 credit",
        # both legs sell: no roll
        "roll my MSFT 480c 12/18 up: sell the 480, sell the 490, 1.15 credit",
        # the strike's contract has no date anywhere
        "roll my MSFT 480c up: STC the 480, BTO the 490, 1.15 debit",
    ],
)
def test_legs_not_completed_when_the_heading_does_not_settle_them(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert not (parsed.kind == "order" and parsed.sure and len(parsed.legs) == 2)
