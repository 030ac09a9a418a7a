"""Chart rendering benchmark: the median time to render each chart to PNG on realistic data.

Seeded (``--seed``) data of the sizes traders have: a year of daily realized P&L over three
accounts, a year of daily balances over three accounts, P&L by 50 underlyings, a year's
calendar, an iron condor and a calendar spread (its payoff is searched numerically); and the
large cases the tests also render, five years of daily P&L and balances and 100 underlyings.

Prints ``{"charts": {name: {"median_ms", "cpu_median_ms", "png_kb"}}, "repeat",
"target_ms"}``: the wall-clock median of ``--repeat`` renders (target <= 250 ms each), the
median CPU time of the rendering thread (what the render costs when the machine is shared),
and the image size.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from services.reports.charts import (  # noqa: E402
    Breakdown,
    CalendarYear,
    ChartScope,
    CumulativePnL,
    EquityCurve,
    PayoffSpec,
    RenderedChart,
    Theme,
    render_breakdown,
    render_calendar,
    render_cumulative_pnl,
    render_equity_curve,
    render_payoff,
)
from services.strategies import Leg, LegSide, LegType  # noqa: E402

ACCOUNTS = ("5WT00001", "5WT00002", "5WT00003")
START = date(2022, 1, 3)
NOW = datetime(2026, 3, 2, 15, tzinfo=UTC)
TARGET_MS = 250


def trading_days(count: int) -> list[date]:
    days, day = [], START
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def cumulative(rng: random.Random, days: int) -> CumulativePnL:
    daily = {
        account: {
            day: Decimal(rng.randint(-150_000, 160_000)) / 100
            for day in trading_days(days)
            if rng.random() < 0.7
        }
        for account in ACCOUNTS
    }
    scope = ChartScope("all time", "production · " + ", ".join(ACCOUNTS))
    return CumulativePnL(scope, None, trading_days(days)[-1], daily)


def equity(rng: random.Random, days: int) -> EquityCurve:
    series = {}
    for index, account in enumerate(ACCOUNTS):
        value, points = Decimal(40_000 + 25_000 * index), []
        for day in trading_days(days):
            value += Decimal(rng.randint(-90_000, 95_000)) / 100
            points.append((datetime(day.year, day.month, day.day, 21, 0, index, tzinfo=UTC), value))
        series[account] = tuple(points)
    return EquityCurve(ChartScope("all time", "production · 3 accounts"), series)


def breakdown(rng: random.Random, count: int) -> Breakdown:
    rows = tuple(
        (f"SYM{index:03d}", Decimal(rng.randint(-500_000, 600_000)) / 100) for index in range(count)
    )
    return Breakdown(ChartScope("2026", "production · 3 accounts"), "underlying", rows)


def calendar(rng: random.Random) -> CalendarYear:
    daily = {
        day: Decimal(rng.randint(-150_000, 160_000)) / 100
        for day in trading_days(1300)
        if day.year == 2025 and rng.random() < 0.8
    }
    return CalendarYear(2025, "production · 3 accounts", daily, date(2025, 12, 31))


def iron_condor() -> PayoffSpec:
    expiry = date(2026, 4, 17)
    legs = tuple(
        Leg(kind, side, Decimal(2), Decimal(strike), expiry)
        for kind, side, strike in (
            (LegType.PUT, LegSide.LONG, 5400),
            (LegType.PUT, LegSide.SHORT, 5450),
            (LegType.CALL, LegSide.SHORT, 5750),
            (LegType.CALL, LegSide.LONG, 5800),
        )
    )
    return PayoffSpec(
        "SPX", legs, Decimal(3400), Decimal(5600), Decimal("0.16"), Decimal("0.04"), NOW
    )


def calendar_spread() -> PayoffSpec:
    legs = (
        Leg(LegType.CALL, LegSide.SHORT, Decimal(1), Decimal(450), date(2026, 3, 20)),
        Leg(LegType.CALL, LegSide.LONG, Decimal(1), Decimal(450), date(2026, 4, 17)),
    )
    return PayoffSpec(
        "SPY", legs, Decimal(-350), Decimal(452), Decimal("0.18"), Decimal("0.04"), NOW
    )


def measure(render: Callable[..., RenderedChart], data: Any, repeat: int) -> dict[str, float]:
    render(data, theme=Theme.DARK)  # warm the font cache and imports
    walls, cpus, size = [], [], 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.thread_time()
        chart = render(data, theme=Theme.DARK)
        cpus.append(time.thread_time() - cpu)
        walls.append(time.perf_counter() - wall)
        size = len(chart.png)
    return {
        "median_ms": round(statistics.median(walls) * 1000, 1),
        "cpu_median_ms": round(statistics.median(cpus) * 1000, 1),
        "png_kb": round(size / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases: dict[str, tuple[Callable[..., RenderedChart], Any]] = {
        "pnl_1y_3_accounts": (render_cumulative_pnl, cumulative(rng, 252)),
        "equity_1y_3_accounts": (render_equity_curve, equity(rng, 252)),
        "breakdown_50_underlyings": (render_breakdown, breakdown(rng, 50)),
        "calendar_1y": (render_calendar, calendar(rng)),
        "payoff_iron_condor": (render_payoff, iron_condor()),
        "payoff_calendar_spread": (render_payoff, calendar_spread()),
        "pnl_5y_3_accounts": (render_cumulative_pnl, cumulative(rng, 5 * 252)),
        "equity_5y_3_accounts": (render_equity_curve, equity(rng, 5 * 252)),
        "breakdown_100_underlyings": (render_breakdown, breakdown(rng, 100)),
    }
    results = {name: measure(render, data, args.repeat) for name, (render, data) in cases.items()}
    print(json.dumps({"charts": results, "repeat": args.repeat, "target_ms": TARGET_MS}, indent=2))


if __name__ == "__main__":
    main()
