"""Periods typed by a trader ("ytd", "last 30d", "2026-11") as date ranges on the exchange's
calendar (New York). Pure: ``today`` is passed in, nothing reads the clock here."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from services.errors import ValidationError

MAX_PERIOD_CHARS = 40
MAX_LAST_DAYS = 3_660  # "last Nd": ten years is the longest window we read back
FIRST_YEAR = 2000  # Tastytrade's history does not go further back
LAST_YEAR = 2100
PERIOD_HELP = (
    "Say a period like `today`, `week`, `month` (`mtd`), `ytd`, `year`, `year 2026`, "
    "`last 30d`, a month like `2026-11`, or `all`."
)

_LAST_DAYS = re.compile(r"(?:last\s*)?(\d{1,5})\s*d(?:ays?)?")
_YEAR = re.compile(r"(?:year\s*)?(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


@dataclass(frozen=True)
class Period:
    """An inclusive range of exchange dates; ``start`` is None for all of history."""

    label: str
    start: date | None
    end: date

    def contains(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and day <= self.end


def _year(text: str, today: date) -> int:
    year = int(text)
    if not FIRST_YEAR <= year <= min(LAST_YEAR, today.year):
        raise ValidationError(f"Choose a year from {FIRST_YEAR} to {today.year}.")
    return year


def parse_period(text: str | None, today: date) -> Period:
    """The period ``text`` names, ending no later than ``today``; malformed, oversized or
    future input raises ``ValidationError`` with the accepted forms."""
    raw = (text or "ytd").strip().lower()
    if len(raw) > MAX_PERIOD_CHARS or not raw.isascii():
        raise ValidationError(PERIOD_HELP)
    cleaned = " ".join(raw.split())
    if cleaned == "today":
        return Period("today", today, today)
    if cleaned in ("week", "this week", "wtd"):
        return Period("this week", today - timedelta(days=today.weekday()), today)
    if cleaned in ("month", "this month", "mtd"):
        return Period("month to date", today.replace(day=1), today)
    if cleaned in ("ytd", "year", "this year"):
        return Period("year to date", today.replace(month=1, day=1), today)
    if cleaned in ("all", "all time", "everything"):
        return Period("all time", None, today)
    if match := _LAST_DAYS.fullmatch(cleaned):
        days = int(match.group(1))
        if not 1 <= days <= MAX_LAST_DAYS:
            raise ValidationError(f"Choose from 1 to {MAX_LAST_DAYS} days.")
        return Period(f"last {days} days", today - timedelta(days=days - 1), today)
    if match := _YEAR.fullmatch(cleaned):
        year = _year(match.group(1), today)
        return Period(str(year), date(year, 1, 1), min(date(year, 12, 31), today))
    if match := _MONTH.fullmatch(cleaned):
        year, month = _year(match.group(1), today), int(match.group(2))
        if not 1 <= month <= 12 or date(year, month, 1) > today:
            raise ValidationError("Choose a month that has started, like `2026-11`.")
        last = date(year, month, calendar.monthrange(year, month)[1])
        return Period(
            f"{calendar.month_name[month]} {year}", date(year, month, 1), min(last, today)
        )
    raise ValidationError(PERIOD_HELP)


def parse_day(text: str, what: str) -> date:
    """An ISO date (``2026-03-31``) typed for ``what`` (e.g. "since")."""
    cleaned = text.strip()
    if len(cleaned) > len("2026-03-31") or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
        raise ValidationError(f"`{what}` takes a date like 2026-03-31.")
    try:
        day = date.fromisoformat(cleaned)
    except ValueError:
        raise ValidationError(f"`{what}` takes a real date like 2026-03-31.") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError(f"`{what}` takes a date from {FIRST_YEAR} to {LAST_YEAR}.")
    return day
