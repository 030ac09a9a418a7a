"""Expiration rules on the NYSE calendar (holidays from the ``holidays`` package)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from nlp import ParsedOrder
from nlp import _calendar as cal

Parse = Callable[..., ParsedOrder]


def _expiration(parse: Parse, text: str, on: date | None = None) -> date | None:
    parsed = parse(text, on=on)
    assert parsed.kind == "order", parsed.notes
    return parsed.legs[0].expiration


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2026, 12, date(2026, 12, 18)),
        (2027, 1, date(2027, 1, 15)),
        (2026, 6, date(2026, 6, 18)),  # Juneteenth falls on the third Friday
        (2027, 6, date(2027, 6, 17)),  # Juneteenth observed on Friday 2027-06-18
        (2025, 4, date(2025, 4, 17)),  # Good Friday is the third Friday
    ],
)
def test_monthly_is_third_friday_or_the_thursday_before_a_holiday(
    year: int, month: int, expected: date
) -> None:
    assert cal.monthly_expiration(year, month) == expected


def test_holidays_come_from_the_nyse_calendar() -> None:
    assert not cal.is_trading_day(date(2027, 3, 26))  # Good Friday
    assert not cal.is_trading_day(date(2026, 11, 26))  # Thanksgiving
    assert cal.is_trading_day(date(2026, 11, 27))


@pytest.mark.parametrize("word", ["0dte", "today"])
def test_zero_dte_is_today(parse: Parse, word: str) -> None:
    assert _expiration(parse, f"buy SPY 600c {word} @ 1") == date(2026, 11, 23)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2026, 11, 23), date(2026, 11, 24)),
        (date(2026, 11, 25), date(2026, 11, 27)),  # skips Thanksgiving
        (date(2026, 11, 27), date(2026, 11, 30)),  # skips the weekend
    ],
)
@pytest.mark.parametrize("word", ["1dte", "tomorrow"])
def test_one_dte_is_the_next_trading_day(parse: Parse, word: str, on: date, expected: date) -> None:
    assert _expiration(parse, f"buy SPY 600c {word} @ 1", on) == expected


@pytest.mark.parametrize("words", ["this week", "weekly", "eow", "EOW"])
def test_this_week_is_friday(parse: Parse, words: str) -> None:
    assert _expiration(parse, f"buy SPY 600c {words} @ 1") == date(2026, 11, 27)


def test_this_week_moves_to_thursday_for_christmas(parse: Parse) -> None:
    assert _expiration(parse, "buy SPY 600c this week @ 1", date(2026, 12, 21)) == date(
        2026, 12, 24
    )


def test_weekly_moves_to_thursday_for_good_friday(parse: Parse) -> None:
    assert _expiration(parse, "buy SPY 600c weekly @ 1", date(2027, 3, 22)) == date(2027, 3, 25)


def test_next_week_is_next_weeks_friday(parse: Parse) -> None:
    assert _expiration(parse, "buy SPY 600c next week @ 1") == date(2026, 12, 4)


@pytest.mark.parametrize(
    ("on", "expected"),
    [(date(2026, 11, 23), date(2026, 11, 27)), (date(2026, 11, 27), date(2026, 12, 4))],
)
def test_next_friday_is_the_first_friday_after_today(
    parse: Parse, on: date, expected: date
) -> None:
    assert _expiration(parse, "buy SPY 600c next friday @ 1", on) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("buy SPY 600c 12/18 @ 1", date(2026, 12, 18)),
        ("buy SPY 600c 11/23 @ 1", date(2026, 11, 23)),  # today is not past
        ("buy SPY 600c 11/20 @ 1", date(2027, 11, 20)),  # past: next year
        ("buy SPY 600c 12/18/26 @ 1", date(2026, 12, 18)),
        ("buy SPY 600c 7/21/2023 @ 1", date(2023, 7, 21)),  # as given, even if past
        ("buy SPY 600c exp 2026-06-19 @ 1", date(2026, 6, 19)),
        ("buy SPY 600c dec 18 @ 1", date(2026, 12, 18)),
        ("buy SPY 600c December 18th @ 1", date(2026, 12, 18)),
        ("buy SPY 600c 18th dec @ 1", date(2026, 12, 18)),
        ("buy SPY 600c jan 15, 2027 @ 1", date(2027, 1, 15)),
        ("buy SPY 600c nov 20 @ 1", date(2027, 11, 20)),
    ],
)
def test_explicit_dates(parse: Parse, text: str, expected: date) -> None:
    assert _expiration(parse, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("buy SPY 600c december @ 1", date(2026, 12, 18)),
        ("buy SPY 600c jan @ 1", date(2027, 1, 15)),
        ("buy SPY 600c june @ 1", date(2027, 6, 17)),
        ("buy SPY 600c nov @ 1", date(2027, 11, 19)),  # this month's monthly has passed
        ("buy SPY 600c june 2026 @ 1", date(2026, 6, 18)),
        ("buy SPY 600c expiring in may @ 1", date(2027, 5, 21)),
        ("buy SPY 600c next month @ 1", date(2026, 12, 18)),
    ],
)
def test_month_alone_is_the_monthly_expiration(parse: Parse, text: str, expected: date) -> None:
    assert _expiration(parse, text) == expected


def test_next_month_in_december_rolls_the_year(parse: Parse) -> None:
    assert _expiration(parse, "buy SPY 600c next month @ 1", date(2026, 12, 2)) == date(2027, 1, 15)


def test_may_as_a_verb_is_not_a_month(parse: Parse) -> None:
    parsed = parse("buy SPY 600c @ 1, it may run")
    assert parsed.legs[0].expiration is None


def test_absent_expiration_is_missing(parse: Parse) -> None:
    parsed = parse("buying QQQ 400C")
    assert parsed.legs[0].expiration is None
    assert parsed.missing == ("expiration",)
    assert parsed.suggestions[0] == "Add an expiration, e.g. 12/18"


def test_stock_orders_ignore_dates(parse: Parse) -> None:
    parsed = parse("buy 100 shares of AAPL at 150 today")
    assert parsed.legs[0].expiration is None
    assert parsed.missing == ()


def test_a_written_date_wins_over_today_in_the_sentence(parse: Parse) -> None:
    parsed = parse("today I'm buying 2 KO 70c 12/18 @ .85")
    assert parsed.legs[0].expiration == date(2026, 12, 18)
