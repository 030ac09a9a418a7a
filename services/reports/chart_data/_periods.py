"""The periods and years a chart covers, as typed by a trader, and the accounts in its title."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from services.environment import Environment
from services.errors import ValidationError
from services.portfolio import PERIOD_HELP, Period, parse_day, parse_period
from services.portfolio.periods import FIRST_YEAR

CHART_PERIOD_HELP = PERIOD_HELP.rstrip(".") + ", or a range like `2026-01-01..2026-03-31`."
MAX_PERIOD_CHARS = 40
ACCOUNTS_IN_LABEL = 3  # more accounts than this are counted, not listed
_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\s*(?:\.\.|to)\s*(\d{4}-\d{2}-\d{2})")
_YEAR = re.compile(r"(?:year\s*)?(\d{4})")


def chart_period(text: str | None, today: date) -> Period:
    """The period ``text`` names (``ytd`` by default): every form ``/pnl`` takes, or an
    inclusive range ``2026-01-01..2026-03-31`` (cut at ``today``)."""
    raw = (text or "ytd").strip().lower()
    if len(raw) > MAX_PERIOD_CHARS or not raw.isascii():
        raise ValidationError(CHART_PERIOD_HELP)
    if match := _RANGE.fullmatch(raw):
        start, end = parse_day(match.group(1), "from"), parse_day(match.group(2), "to")
        if end < start:
            raise ValidationError("The range's end comes before its start.")
        if start > today:
            raise ValidationError("Choose a range that has started.")
        end = min(end, today)
        return Period(f"{start:%Y-%m-%d} to {end:%Y-%m-%d}", start, end)
    try:
        return parse_period(raw, today)
    except ValidationError as error:
        if error.user_message == PERIOD_HELP:
            raise ValidationError(CHART_PERIOD_HELP) from None
        raise


def chart_year(text: str | None, today: date) -> int:
    """The calendar's year: ``2026`` (or ``year 2026``, ``ytd``); this year by default."""
    raw = " ".join((text or str(today.year)).strip().lower().split())
    if raw in ("ytd", "year", "this year"):
        return today.year
    match = _YEAR.fullmatch(raw) if len(raw) <= MAX_PERIOD_CHARS else None
    if match is None:
        raise ValidationError("The calendar takes a year, like `2026`.")
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= today.year:
        raise ValidationError(f"Choose a year from {FIRST_YEAR} to {today.year}.")
    return year


def accounts_label(environment: Environment, numbers: Sequence[str]) -> str:
    """``production · 5WT00001, 5WT00002``, or ``production · 5 accounts``."""
    if len(numbers) <= ACCOUNTS_IN_LABEL:
        return f"{environment.value} · {', '.join(numbers)}"
    return f"{environment.value} · {len(numbers)} accounts"
