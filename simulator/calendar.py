"""NYSE trading calendar and listed-option expiration rules.

Holidays come from the ``holidays`` package's NYSE financial calendar. Early closes (13:00 ET)
follow the NYSE rules: the day after Thanksgiving, Christmas Eve when it is a trading day, and
July 3 when Independence Day falls on Tuesday-Friday.

Expiration rules (equity options as listed by the OCC/Cboe):

* monthly ("Regular"): the third Friday of the month, or the trading day before it when the
  Friday is a holiday (Good Friday 2025-04-18 -> Thursday 2025-04-17; Juneteenth 2026-06-19 ->
  2026-06-18);
* weekly: every Friday, or the trading day before it when the Friday is a holiday;
* daily: every trading day (SPY, QQQ, SPXW);
* end-of-month / quarterly: the last trading day of the month / of Mar, Jun, Sep, Dec.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

NYSE_TZ = ZoneInfo("America/New_York")
OPEN_TIME = time(9, 30)
CLOSE_TIME = time(16, 0)
EARLY_CLOSE_TIME = time(13, 0)
PRE_MARKET_TIME = time(4, 0)
EXTENDED_CLOSE_TIME = time(20, 0)


@lru_cache(maxsize=64)
def _holidays_for(year: int) -> frozenset[date]:
    return frozenset(holidays.financial_holidays("NYSE", years=[year]).keys())


def holiday_names(year: int) -> dict[date, str]:
    """The NYSE holidays of ``year`` with their names."""
    return dict(sorted(holidays.financial_holidays("NYSE", years=[year]).items()))


def is_holiday(day: date) -> bool:
    return day in _holidays_for(day.year)


def is_trading_day(day: date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def next_trading_day(day: date, *, inclusive: bool = False) -> date:
    """The first trading day after ``day`` (or ``day`` itself when ``inclusive`` and it trades)."""
    current = day if inclusive else day + timedelta(days=1)
    while not is_trading_day(current):
        current += timedelta(days=1)
    return current


def previous_trading_day(day: date, *, inclusive: bool = False) -> date:
    """The last trading day before ``day`` (or ``day`` itself when ``inclusive`` and it trades)."""
    current = day if inclusive else day - timedelta(days=1)
    while not is_trading_day(current):
        current -= timedelta(days=1)
    return current


def trading_days(start: date, end: date) -> list[date]:
    """All trading days in ``[start, end]``."""
    out: list[date] = []
    current = start
    while current <= end:
        if is_trading_day(current):
            out.append(current)
        current += timedelta(days=1)
    return out


@lru_cache(maxsize=64)
def half_days(year: int) -> tuple[date, ...]:
    """NYSE early-close (13:00 ET) days of ``year``."""
    out: list[date] = []
    july4 = date(year, 7, 4)
    if july4.weekday() in (1, 2, 3, 4):  # Tue-Fri: July 3 closes early
        out.append(date(year, 7, 3))
    thanksgiving = date(year, 11, 1)
    thanksgiving += timedelta(days=(3 - thanksgiving.weekday()) % 7 + 21)
    out.append(thanksgiving + timedelta(days=1))
    christmas_eve = date(year, 12, 24)
    if is_trading_day(christmas_eve):
        out.append(christmas_eve)
    return tuple(d for d in sorted(out) if is_trading_day(d))


def is_half_day(day: date) -> bool:
    return day in half_days(day.year)


def session_bounds(day: date) -> tuple[datetime, datetime]:
    """Regular session ``(open, close)`` of a trading day as aware UTC datetimes."""
    close = EARLY_CLOSE_TIME if is_half_day(day) else CLOSE_TIME
    return (
        datetime.combine(day, OPEN_TIME, NYSE_TZ).astimezone(UTC),
        datetime.combine(day, close, NYSE_TZ).astimezone(UTC),
    )


def at_eastern(day: date, moment: time) -> datetime:
    """``day`` at a New York wall-clock time, as an aware UTC datetime."""
    return datetime.combine(day, moment, NYSE_TZ).astimezone(UTC)


def third_friday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(4 - first.weekday()) % 7 + 14)


def monthly_expiration(year: int, month: int) -> date:
    """The standard monthly expiration: third Friday, or the trading day before a holiday."""
    return previous_trading_day(third_friday(year, month), inclusive=True)


def weekly_expiration(friday: date) -> date:
    """The weekly expiration of the week ending ``friday`` (Thursday when Friday is a holiday)."""
    return previous_trading_day(friday, inclusive=True)


def end_of_month(year: int, month: int) -> date:
    """The last trading day of the month."""
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return previous_trading_day(nxt)


def _per_month(start: date, count: int, pick: Callable[[int, int], date]) -> list[date]:
    """The first ``count`` dates ``pick(year, month)`` on or after ``start``, month by month."""
    out: list[date] = []
    year, month = start.year, start.month
    while len(out) < count:
        exp = pick(year, month)
        if exp >= start:
            out.append(exp)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def monthly_expirations(start: date, count: int) -> list[date]:
    """The next ``count`` monthly expirations on or after ``start``."""
    return _per_month(start, count, monthly_expiration)


def weekly_expirations(start: date, count: int) -> list[date]:
    """The next ``count`` weekly (Friday, or Thursday before a holiday) expirations."""
    out: list[date] = []
    friday = start + timedelta(days=(4 - start.weekday()) % 7)
    while len(out) < count:
        exp = weekly_expiration(friday)
        if exp >= start:
            out.append(exp)
        friday += timedelta(days=7)
    return out


def daily_expirations(start: date, end: date) -> list[date]:
    """Every trading day in ``[start, end]`` (dailies on SPY, QQQ and SPXW)."""
    return trading_days(start, end)


def end_of_month_expirations(start: date, count: int) -> list[date]:
    """The next ``count`` end-of-month expirations on or after ``start``."""
    return _per_month(start, count, end_of_month)


def quarterly_expirations(start: date, count: int) -> list[date]:
    """Last trading day of March, June, September and December."""
    return [d for d in end_of_month_expirations(start, count * 3 + 3) if d.month in (3, 6, 9, 12)][
        :count
    ]
