"""Periods an export covers: a year, a month, or an inclusive range of dates.

``parse_period`` reads what a trader types (``2026``, ``2026-03``, ``2026-01-01..2026-03-31``)
and refuses anything else with a ``ValidationError`` that says what would work.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from services.errors import ValidationError

FIRST_YEAR = 2000  # Tastytrade (and tastyworks before it) has no earlier history
LAST_YEAR = 2100
MAX_PERIOD_TEXT = 64

_YEAR = re.compile(r"(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_DAY = r"\d{4}-\d{1,2}-\d{1,2}"
_RANGE = re.compile(rf"({_DAY})\s*(?:\.\.|to|–|/|\s)\s*({_DAY})", re.IGNORECASE)


class PeriodShape(StrEnum):
    """Which shapes a command accepts."""

    YEAR = "year"
    MONTH = "month"
    RANGE = "range"


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive range of calendar dates (exchange dates, as Tastytrade books them)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError("A period's end comes before its start.")

    @classmethod
    def year(cls, year: int) -> Period:
        _check_year(year)
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        _check_year(year)
        if not 1 <= month <= 12:
            raise ValidationError("A month is 1 to 12.")
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))

    @property
    def is_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (
            1,
            1,
            12,
            31,
        ) and self.start.year == self.end.year

    @property
    def is_month(self) -> bool:
        return (
            self.start.day == 1
            and (self.start.year, self.start.month) == (self.end.year, self.end.month)
            and (self.end + timedelta(days=1)).day == 1
        )

    @property
    def label(self) -> str:
        """``2026``, ``2026-03`` or ``2026-01-01_2026-03-31`` (also used in file names)."""
        if self.is_year:
            return f"{self.start.year}"
        if self.is_month:
            return f"{self.start.year}-{self.start.month:02d}"
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    @property
    def title(self) -> str:
        """For people: ``2026``, ``March 2026`` or ``2026-01-01 to 2026-03-31``."""
        if self.is_year:
            return f"{self.start.year}"
        if self.is_month:
            return f"{calendar.month_name[self.start.month]} {self.start.year}"
        return f"{self.start.isoformat()} to {self.end.isoformat()}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"Choose a year from {FIRST_YEAR} to {LAST_YEAR}.")


def _day(text: str) -> date:
    try:
        year, month, day = (int(part) for part in text.split("-"))
        _check_year(year)
        return date(year, month, day)
    except ValueError:
        raise ValidationError(f"{text} is not a date (YYYY-MM-DD).") from None


def parse_period(text: str, *, accept: frozenset[PeriodShape]) -> Period:
    """The period ``text`` names, if its shape is one of ``accept``.

    ``2026`` is a year, ``2026-03`` a month, ``2026-01-01..2026-03-31`` (or ``to``, or a
    space, between the dates) an inclusive range.
    """
    cleaned = " ".join(text.split()) if isinstance(text, str) else ""
    expected = _expected(accept)
    if not cleaned or len(cleaned) > MAX_PERIOD_TEXT:
        raise ValidationError(f"Give {expected}.")
    if PeriodShape.YEAR in accept and (match := _YEAR.fullmatch(cleaned)):
        return Period.year(int(match.group(1)))
    if PeriodShape.MONTH in accept and (match := _MONTH.fullmatch(cleaned)):
        return Period.month(int(match.group(1)), int(match.group(2)))
    if PeriodShape.RANGE in accept and (match := _RANGE.fullmatch(cleaned)):
        return Period(_day(match.group(1)), _day(match.group(2)))
    raise ValidationError(f"Give {expected}.")


_EXAMPLES = {
    PeriodShape.YEAR: "a year like 2026",
    PeriodShape.MONTH: "a month like 2026-03",
    PeriodShape.RANGE: "a range like 2026-01-01..2026-03-31",
}


def _expected(accept: frozenset[PeriodShape]) -> str:
    names = [_EXAMPLES[shape] for shape in PeriodShape if shape in accept]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
