"""Expirations written day-first, glued, dashed, with ordinals, apostrophes and shorthand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    ("text", "expiration"),
    [
        ("BTO 1 MSFT 450c 16 Jan @ 5", date(2027, 1, 16)),
        ("BTO 1 MSFT 450c 21 MAY 27 @ 5", date(2027, 5, 21)),
        ("BTO 1 MSFT 450c 18DEC2026 @ 5", date(2026, 12, 18)),
        ("BTO 1 MSFT 450c 20feb27 @ 5", date(2027, 2, 20)),
        ("BTO 1 MSFT 450c Feb19'27 @ 5", date(2027, 2, 19)),
        ("BTO 1 MSFT 450c Feb. 20th @ 5", date(2027, 2, 20)),
        ("BTO 1 MSFT 450c the 19th of February @ 5", date(2027, 2, 19)),
        ("BTO 1 MSFT 450c Apr 16 '27 @ 5", date(2027, 4, 16)),
        ("BTO 1 MSFT 450c 2-19-2027 @ 5", date(2027, 2, 19)),
        ("BTO 1 MSFT 450c 2-19-27 @ 5", date(2027, 2, 19)),
        ("BTO 1 MSFT 450c tmrw @ 5", date(2026, 11, 24)),
        ("BTO 1 MSFT 450c next wk @ 5", date(2026, 12, 4)),
        ("BTO 1 MSFT 450c next fri @ 5", date(2026, 11, 27)),
        ("BTO 1 MSFT 450c 19-Feb-27 @ 5", date(2027, 2, 19)),
        ("BTO 1 MSFT 450c Feb-19-2027 @ 5", date(2027, 2, 19)),
        ("BTO 1 MSFT 450c 18-Dec @ 5", date(2026, 12, 18)),
    ],
)
def test_expiration_forms(parse: Parse, text: str, expiration: date) -> None:
    assert parse(text).legs[0].expiration == expiration


def test_a_trailing_two_digit_year_is_a_year_not_a_price(parse: Parse) -> None:
    parsed = parse("BTO 1 MSFT 450c Mar 19 27 @ 5")
    assert parsed.legs[0].expiration == date(2027, 3, 19)
    assert parsed.price == Decimal(5)


def test_a_two_digit_number_before_a_type_word_stays_a_strike(parse: Parse) -> None:
    parsed = parse("buy 1 F Jan 15 12 calls @ .40")
    assert parsed.legs[0].strike == Decimal(12)


def test_a_count_before_a_month_is_not_a_day(parse: Parse) -> None:
    parsed = parse("buy 3 jan 40 calls XLE @ 1")
    assert parsed.legs[0].quantity == 3


@pytest.mark.parametrize(
    ("text", "expiration"),
    [
        ("sell 2 KO 62.5p exp 1-15 @ .45", date(2027, 1, 15)),
        ("STO 1 ABBV 170p expiring 12-18 @ 1.30", date(2026, 12, 18)),
        ("buy 3 MU 110c 12-18 @ 2.75", date(2026, 12, 18)),
        ("BTO 2 LOW 12-18 250c @ 3.10", date(2026, 12, 18)),
        ("buy 1 DE 400 put 1-15 at 7.20", date(2027, 1, 15)),
        ("sell 1 NKE 70p expiring on 12-18 @ .95", date(2026, 12, 18)),
        ("sell 1 NKE 70p exp: 1-15 @ .95", date(2027, 1, 15)),
        ("buy 1 QQQ 12-18 600/605 call spread @ 1.95", date(2026, 12, 18)),
    ],
)
def test_a_dashed_month_and_day_beside_the_contract_is_the_expiration(
    parse: Parse, text: str, expiration: date
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order", parsed.notes
    assert parsed.legs[0].expiration == expiration


@pytest.mark.parametrize(
    "text",
    [
        "buy 2 MU 110c 1/15 @ 2.75, hold 2-3 days",
        "buy MU 110 calls 2-3 contracts 1/15 @ 2.75",
        "sell 2 MU 110c 1/15 @ 2.75 10-15 delta",
    ],
)
def test_a_dashed_range_is_not_a_date(parse: Parse, text: str) -> None:
    assert parse(text).legs[0].expiration == date(2027, 1, 15)


def test_an_impossible_dashed_month_and_day_is_no_date(parse: Parse) -> None:
    assert parse("buy 3 MU 110c 2-30 @ 2.75").legs[0].expiration is None
