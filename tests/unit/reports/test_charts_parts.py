"""The figures behind the pictures: drawdowns, the equity total per sync, which bars are shown,
where a day sits on the calendar, and how amounts are written."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from services.reports.charts._breakdown import MAX_BARS, bar_rows, figure_height
from services.reports.charts._calendar import cell_of, monthly_totals
from services.reports.charts._model import CalendarYear
from services.reports.charts._style import (
    drawn,
    filename,
    fit_width,
    money_tick,
    price_text,
    signed_dollars,
    text_width_in,
)
from services.reports.charts._timeseries import largest_drawdown, total_equity

D = Decimal
SYNC = datetime(2026, 3, 2, 21, tzinfo=UTC)


def test_the_largest_drawdown_is_the_deepest_fall_from_a_running_high() -> None:
    values = [D(0), D(100), D(40), D(120), D(30), D(90)]

    fall = largest_drawdown(values)

    assert (fall.amount, fall.peak, fall.trough) == (D(-90), 3, 4)
    assert largest_drawdown([D(1), D(2), D(3)]).amount == 0


def test_the_equity_total_is_summed_once_per_sync() -> None:
    series = {
        "A": ((SYNC, D(100)), (SYNC + timedelta(days=1), D(110))),
        "B": ((SYNC + timedelta(seconds=3), D(50)), (SYNC + timedelta(days=1, seconds=2), D(40))),
    }

    totals = total_equity(series)

    assert totals == [
        (SYNC + timedelta(seconds=3), D(150)),
        (SYNC + timedelta(days=1, seconds=2), D(150)),
    ]


def test_two_quick_syncs_are_two_points_and_a_new_account_joins_the_total() -> None:
    series = {
        "A": ((SYNC, D(100)), (SYNC + timedelta(minutes=1), D(101))),
        "B": ((SYNC + timedelta(days=2), D(7)),),
    }

    assert [value for _, value in total_equity(series)] == [D(100), D(101), D(108)]


def test_bars_run_from_the_largest_gain_to_the_largest_loss() -> None:
    bars, others = bar_rows([("QQQ", D(-5)), ("SPY", D(10)), ("IWM", D(2)), ("SPY", D(1))])

    assert bars == [("SPY", D(11)), ("IWM", D(2)), ("QQQ", D(-5))] and others == 0


def test_past_the_limit_the_smallest_groups_are_summed_as_others() -> None:
    rows = [(f"U{index:03d}", D(index - 50)) for index in range(100)]

    bars, others = bar_rows(rows)

    assert len(bars) == MAX_BARS and others == 100 - MAX_BARS + 1
    name, amount = bars[-1]
    kept = {bar for bar, _ in bars[:-1]}
    assert name == f"{others} others"
    assert amount == sum((value for bar, value in rows if bar not in kept), start=D(0))
    assert "U000" in kept and "U050" not in kept  # -50 is large, 0 is not
    assert figure_height(MAX_BARS) > figure_height(10) == 4.5


def test_each_day_has_its_own_calendar_cell() -> None:
    cells = set()
    day = date(2026, 1, 1)
    while day.year == 2026:
        cells.add(cell_of(day))
        day += timedelta(days=1)

    assert len(cells) == 365
    assert cell_of(date(2026, 1, 1)) == (2, 3)  # a Thursday, first week of January
    assert cell_of(date(2026, 12, 31))[1] == 3 * 8 + 3


def test_months_add_up_only_their_year() -> None:
    data = CalendarYear(
        2026,
        "production",
        {date(2026, 1, 5): D(3), date(2026, 1, 9): D(-1), date(2025, 12, 31): D(100)},
        date(2026, 3, 1),
    )

    assert monthly_totals(data) == {1: D(2)}


def test_text_is_cut_to_a_width_with_an_ellipsis() -> None:
    short = "production · 5WT00001"
    source = "production · " + "5WT00001, " * 30
    cut = fit_width(source, 9.5, 3.0)

    assert fit_width(short, 9.5, 3.0) == short
    assert cut.endswith("…") and text_width_in(cut, 9.5) <= 3.0
    longer = source[: len(cut)] + "…"  # one more character does not fit
    assert source.startswith(cut[:-1]) and text_width_in(longer, 9.5) > 3.0
    assert text_width_in("WWW", 13, bold=True) > text_width_in("WWW", 13) > text_width_in("iii", 13)


def test_amounts_are_written_with_thousands_separators() -> None:
    assert money_tick(1234.0) == "$1,234" and money_tick(-56.0) == "-$56"
    assert money_tick(12_345_678.0) == "$12.3M" and money_tick(2.5) == "$2.5"
    assert signed_dollars(D("1234.5")) == "+$1,234.50" and signed_dollars(D("-3")) == "-$3.00"
    assert signed_dollars(D(0)) == "$0.00"
    assert price_text(452.85) == "$452.85" and price_text(5600.0) == "$5,600"
    assert drawn("$5 to $6") == r"\$5 to \$6"
    assert filename("pnl-by", "underlying", "year to date") == "pnl-by-underlying-year-to-date.png"
    assert filename("payoff", "../../etc", "") == "payoff-etc.png"
