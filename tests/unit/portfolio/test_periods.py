"""Periods typed by a trader become exchange-date ranges; malformed or oversized input is
refused with the accepted forms."""

from __future__ import annotations

from datetime import date

import pytest

from services.errors import ValidationError
from services.portfolio import parse_day, parse_period

TODAY = date(2026, 11, 18)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("today", TODAY, TODAY),
        ("week", date(2026, 11, 16), TODAY),
        ("month", date(2026, 11, 1), TODAY),
        ("MTD", date(2026, 11, 1), TODAY),
        ("ytd", date(2026, 1, 1), TODAY),
        (None, date(2026, 1, 1), TODAY),
        ("year 2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("2026", date(2026, 1, 1), TODAY),
        ("last 30d", date(2026, 10, 20), TODAY),
        ("  LAST   7 days ", date(2026, 11, 12), TODAY),
        ("30d", date(2026, 10, 20), TODAY),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2026-11", date(2026, 11, 1), TODAY),
        ("all", None, TODAY),
    ],
)
def test_each_form_names_its_range(text: str | None, start: date | None, end: date) -> None:
    period = parse_period(text, TODAY)

    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "yesterday-ish",
        "last 0d",
        "last 99999d",
        "2026-13",
        "2026-12",  # has not started yet
        "year 2031",
        "1899",
        "x" * 41,
        "<@&1>",
        "ｙｔｄ",
        "2026-11; DROP TABLE",
    ],
)
def test_malformed_future_or_oversized_periods_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_period(text, TODAY)


def test_contains_is_inclusive_and_open_ended_for_all_time() -> None:
    month = parse_period("2026-02", TODAY)
    everything = parse_period("all", TODAY)

    assert month.contains(date(2026, 2, 1)) and month.contains(date(2026, 2, 28))
    assert not month.contains(date(2026, 3, 1))
    assert everything.contains(date(2001, 1, 1)) and not everything.contains(date(2026, 11, 19))


def test_days_are_iso_dates_only() -> None:
    assert parse_day(" 2026-03-31 ", "since") == date(2026, 3, 31)
    for bad in ("2026-02-30", "03/31/2026", "2026-3-1", "9" * 40, "1800-01-01"):
        with pytest.raises(ValidationError, match="since"):
            parse_day(bad, "since")
