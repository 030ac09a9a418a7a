"""Expiration arithmetic on the NYSE calendar (holidays come from the ``holidays`` package)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache, lru_cache

import holidays

_FRIDAY = 4
_MIN_YEAR = 1900
_MAX_YEAR = 2199


@cache
def _nyse_holidays(year: int) -> frozenset[date]:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return frozenset()
    return frozenset(holidays.financial_holidays("NYSE", years=year).keys())


def is_trading_day(day: date) -> bool:
    """True when the NYSE is open on ``day`` (a weekday that is not an exchange holiday)."""
    return day.weekday() < 5 and day not in _nyse_holidays(day.year)


def on_or_before_trading_day(day: date) -> date:
    """``day`` itself when the exchange is open, else the closest earlier trading day."""
    for _ in range(10):
        if is_trading_day(day):
            return day
        day -= timedelta(days=1)
    return day


def next_trading_day(day: date) -> date:
    """The first NYSE trading day strictly after ``day``."""
    candidate = day + timedelta(days=1)
    for _ in range(10):
        if is_trading_day(candidate):
            return candidate
        candidate += timedelta(days=1)
    return candidate


@lru_cache(maxsize=4096)  # most messages ask for a handful of months; a year holds twelve
def monthly_expiration(year: int, month: int) -> date:
    """Standard monthly expiration: the third Friday, or the trading day before it if a holiday."""
    first = date(year, month, 1)
    first_friday = first + timedelta(days=(_FRIDAY - first.weekday()) % 7)
    return on_or_before_trading_day(first_friday + timedelta(days=14))


def upcoming_monthly(month: int, today: date) -> date:
    """The monthly expiration of ``month`` this year, or next year once it has passed."""
    expiry = monthly_expiration(today.year, month)
    if expiry < today:
        expiry = monthly_expiration(today.year + 1, month)
    return expiry


def next_monthly_after(today: date) -> date:
    """The first standard monthly expiration strictly after ``today``."""
    expiry = monthly_expiration(today.year, today.month)
    return expiry if expiry > today else next_month_expiration(today)


def next_month_expiration(today: date) -> date:
    """The monthly expiration of the calendar month after ``today``'s."""
    if today.month == 12:
        return monthly_expiration(today.year + 1, 1)
    return monthly_expiration(today.year, today.month + 1)


def this_week_friday(today: date) -> date:
    """This week's Friday (the Thursday before when a holiday); weekends roll to next week."""
    days = _FRIDAY - today.weekday()
    if days < 0:
        days += 7
    return on_or_before_trading_day(today + timedelta(days=days))


def next_week_friday(today: date) -> date:
    """Next week's Friday, adjusted back to a trading day."""
    days = _FRIDAY - today.weekday()
    if days < 0:
        days += 7
    return on_or_before_trading_day(today + timedelta(days=days + 7))


def next_weekday(today: date, weekday: int, *, strictly_after: bool) -> date:
    """The next ``weekday`` (0=Monday) on or after ``today`` (or strictly after)."""
    days = (weekday - today.weekday()) % 7
    if days == 0 and strictly_after:
        days = 7
    return on_or_before_trading_day(today + timedelta(days=days))


def days_to_expiration(today: date, dte: int) -> date:
    """``0dte`` is today, ``1dte`` the next trading day, larger values count calendar days."""
    if dte <= 0:
        return today
    if dte == 1:
        return next_trading_day(today)
    return on_or_before_trading_day(today + timedelta(days=dte))


def month_day(month: int, day: int, today: date, year: int | None = None) -> date | None:
    """``M/D`` resolved against ``today`` (this year unless already past); None if impossible."""
    try:
        if year is not None:
            return date(year, month, day)
        resolved = date(today.year, month, day)
        if resolved < today:
            resolved = date(today.year + 1, month, day)
        return resolved
    except ValueError:
        return None
