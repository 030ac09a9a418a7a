"""Periods typed by a trader: years, months, ranges, and refusals."""

from __future__ import annotations

from datetime import date

import pytest

from services.errors import ValidationError
from services.reports.exports import Period, PeriodShape, parse_period

ALL = frozenset(PeriodShape)


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "2026"),
        (" 2024-02 ", date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
        ("2026-01-01..2026-03-31", date(2026, 1, 1), date(2026, 3, 31), "2026-01-01_2026-03-31"),
        ("2026-01-01 to 2026-03-31", date(2026, 1, 1), date(2026, 3, 31), "2026-01-01_2026-03-31"),
        ("2026-01-01 2026-12-31", date(2026, 1, 1), date(2026, 12, 31), "2026"),
    ],
)
def test_periods_parse(text: str, start: date, end: date, label: str) -> None:
    period = parse_period(text, accept=ALL)
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize(
    ("text", "accept", "says"),
    [
        ("2026-03", frozenset({PeriodShape.YEAR}), "a year like 2026"),
        ("2026", frozenset({PeriodShape.MONTH}), "a month like 2026-03"),
        ("1999", ALL, "from 2000"),
        ("2026-13", ALL, "1 to 12"),
        ("2026-02-30..2026-03-01", ALL, "not a date"),
        ("2026-03-31..2026-01-01", ALL, "end comes before"),
        ("last year", ALL, "Give"),
        ("2026" * 30, ALL, "Give"),
        ("", ALL, "Give"),
    ],
)
def test_bad_periods_are_refused_with_a_hint(
    text: str, accept: frozenset[PeriodShape], says: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_period(text, accept=accept)
    assert says in refused.value.user_message


def test_titles() -> None:
    assert Period.month(2026, 3).title == "March 2026"
    assert Period.year(2026).title == "2026"
