from datetime import date

from simulator import calendar as cal


def test_trading_days_and_holidays() -> None:
    assert cal.is_trading_day(date(2025, 6, 2))
    assert not cal.is_trading_day(date(2025, 6, 1))  # Sunday
    assert not cal.is_trading_day(date(2025, 4, 18))  # Good Friday
    assert not cal.is_trading_day(date(2025, 6, 19))  # Juneteenth
    assert not cal.is_trading_day(date(2025, 7, 4))
    assert not cal.is_trading_day(date(2026, 7, 3))  # July 4th observed on Friday
    assert cal.next_trading_day(date(2025, 7, 3)) == date(2025, 7, 7)
    assert cal.next_trading_day(date(2025, 7, 7), inclusive=True) == date(2025, 7, 7)
    assert cal.previous_trading_day(date(2025, 4, 21)) == date(2025, 4, 17)
    assert len(cal.trading_days(date(2025, 1, 1), date(2025, 12, 31))) == 250


def test_half_days() -> None:
    assert cal.half_days(2025) == (date(2025, 7, 3), date(2025, 11, 28), date(2025, 12, 24))
    assert date(2026, 7, 2) not in cal.half_days(2026)  # July 3 is the holiday itself
    assert cal.is_half_day(date(2026, 11, 27))
    open_at, close_at = cal.session_bounds(date(2025, 11, 28))
    assert (close_at - open_at).total_seconds() == 3.5 * 3600
    open_at, close_at = cal.session_bounds(date(2025, 6, 2))
    assert open_at.hour == 13 and open_at.minute == 30 and close_at.hour == 20  # EDT


def test_third_friday_and_monthly_shift() -> None:
    assert cal.third_friday(2025, 6) == date(2025, 6, 20)
    assert cal.third_friday(2025, 8) == date(2025, 8, 15)
    assert cal.monthly_expiration(2025, 4) == date(2025, 4, 17)  # Good Friday
    assert cal.monthly_expiration(2026, 6) == date(2026, 6, 18)  # Juneteenth
    assert cal.monthly_expiration(2025, 6) == date(2025, 6, 20)
    assert cal.monthly_expirations(date(2025, 6, 21), 2) == [date(2025, 7, 18), date(2025, 8, 15)]


def test_weekly_daily_and_eom() -> None:
    weeks = cal.weekly_expirations(date(2025, 6, 30), 3)
    assert weeks == [date(2025, 7, 3), date(2025, 7, 11), date(2025, 7, 18)]  # July 4 shift
    assert cal.weekly_expirations(date(2025, 6, 6), 1) == [date(2025, 6, 6)]
    dailies = cal.daily_expirations(date(2025, 6, 16), date(2025, 6, 20))
    assert dailies == [date(2025, 6, 16), date(2025, 6, 17), date(2025, 6, 18), date(2025, 6, 20)]
    assert cal.end_of_month(2025, 5) == date(2025, 5, 30)
    assert cal.quarterly_expirations(date(2025, 6, 2), 2) == [date(2025, 6, 30), date(2025, 9, 30)]
