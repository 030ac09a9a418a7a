"""hours.py: the session state, the close and today's candles in "wall" and "open" market hours,
and their wiring into the market, the sessions route, the config and the CLI."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from simulator import calendar as cal
from simulator import wire
from simulator.app import SimConfig, Simulation
from simulator.hours import OPEN, WALL, MarketHours
from simulator.market import Market
from simulator.routes_market import session_json
from simulator.server import build_parser, config_from_args

MONDAY = date(2026, 11, 23)
SATURDAY = date(2026, 11, 28)
HALF_DAY = date(2026, 11, 27)  # the day after Thanksgiving closes at 13:00
HOLIDAY = date(2026, 11, 26)  # Thanksgiving


def eastern(day: date, hour: int, minute: int = 0) -> datetime:
    return cal.at_eastern(day, time(hour, minute))


WALL_HOURS = MarketHours(WALL)
OPEN_HOURS = MarketHours(OPEN)


@pytest.mark.parametrize(
    ("hour", "minute", "state"),
    [
        (3, 59, "Closed"),
        (4, 0, "Pre-market"),
        (9, 29, "Pre-market"),
        (9, 30, "Open"),
        (15, 59, "Open"),
        (16, 0, "Extended"),
        (19, 59, "Extended"),
        (20, 0, "Closed"),
    ],
)
def test_wall_hours_follow_the_nyse_day(hour: int, minute: int, state: str) -> None:
    assert WALL_HOURS.session_state("Equity", MONDAY, eastern(MONDAY, hour, minute)) == state


def test_wall_hours_close_early_on_a_half_day() -> None:
    assert WALL_HOURS.session_state("Equity", HALF_DAY, eastern(HALF_DAY, 12, 59)) == "Open"
    assert WALL_HOURS.session_state("Equity", HALF_DAY, eastern(HALF_DAY, 13, 0)) == "Extended"


@pytest.mark.parametrize("day", [SATURDAY, HOLIDAY])
def test_wall_hours_are_closed_all_day_without_a_session(day: date) -> None:
    assert WALL_HOURS.session_state("Equity", day, eastern(day, 11)) == "Closed"


def test_wall_hours_use_only_the_time_of_day_on_the_simulated_today() -> None:
    # the clock may be on another date (a WallClock moved to today keeps the time of day)
    elsewhere = eastern(date(2031, 1, 4), 10)  # a Saturday, 10:00 in New York
    assert WALL_HOURS.session_state("Equity", MONDAY, elsewhere) == "Open"


def test_wall_hours_read_the_simulation_clock_when_no_time_is_given() -> None:
    evening = MarketHours(WALL, clock=lambda: eastern(MONDAY, 21))
    morning = MarketHours(WALL, clock=lambda: eastern(MONDAY, 10))
    assert evening.session_state("Equity", MONDAY) == "Closed" and not evening.is_open(MONDAY)
    assert morning.session_state("Equity", MONDAY) == "Open" and morning.is_open(MONDAY)


@pytest.mark.parametrize(
    ("moment", "state"),
    [
        (eastern(date(2026, 11, 22), 18, 0), "Open"),  # Sunday evening opens Monday's session
        (eastern(date(2026, 11, 22), 17, 59), "Closed"),
        (eastern(MONDAY, 16, 59), "Open"),
        (eastern(MONDAY, 17, 0), "Closed"),
    ],
)
def test_futures_sessions_run_from_the_evening_before_to_17_00(
    moment: datetime, state: str
) -> None:
    today = moment.astimezone(cal.NYSE_TZ).date()
    assert WALL_HOURS.session_state("CME", today, moment) == state


def test_futures_are_closed_on_saturday() -> None:
    assert WALL_HOURS.session_state("CFE", SATURDAY, eastern(SATURDAY, 20)) == "Closed"


@pytest.mark.parametrize("day", [MONDAY, SATURDAY, HOLIDAY, HALF_DAY])
@pytest.mark.parametrize("hour", [0, 3, 9, 12, 16, 21, 23])
def test_open_hours_are_open_for_every_collection_at_any_time(day: date, hour: int) -> None:
    moment = eastern(day, hour)
    for collection in ("Equity", "CME", "CFE"):
        assert OPEN_HOURS.session_state(collection, day, moment) == "Open"
    assert OPEN_HOURS.is_open(day, moment)


def test_only_wall_hours_expire_orders_at_the_close() -> None:
    assert WALL_HOURS.orders_expire_at_close and not WALL_HOURS.always_open
    assert not OPEN_HOURS.orders_expire_at_close and OPEN_HOURS.always_open


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="market hours"):
        MarketHours("sometimes")


@pytest.mark.parametrize(
    ("hour", "expected"),
    [
        (3, eastern(MONDAY, 9, 31)),  # before the open: just after it
        (11, eastern(MONDAY, 11)),  # inside: unchanged
        (22, eastern(MONDAY, 15, 59)),  # after the close: just before it
    ],
)
def test_open_hours_hold_candles_inside_the_regular_session(hour: int, expected: datetime) -> None:
    assert OPEN_HOURS.candle_moment(MONDAY, eastern(MONDAY, hour)) == expected


def test_wall_hours_leave_the_candle_moment_at_the_time_of_day() -> None:
    assert WALL_HOURS.candle_moment(MONDAY, eastern(MONDAY, 3)) == eastern(MONDAY, 3)


def test_open_hours_give_today_intraday_candles_before_the_open() -> None:
    early = eastern(MONDAY, 5)
    wall = Market(7, MONDAY, hours=MarketHours(WALL, clock=lambda: early))
    opened = Market(7, MONDAY, hours=MarketHours(OPEN, clock=lambda: early))
    start_ms = int(cal.session_bounds(MONDAY)[0].timestamp() * 1000)
    assert wall.candles("SPY", "5m", start_ms) == []
    bars = opened.candles("SPY", "5m", start_ms)
    assert bars and bars[0].time_ms == start_ms


def test_the_sessions_route_reports_open_in_open_hours_with_the_calendar_times() -> None:
    market = Market(7, SATURDAY, hours=MarketHours(OPEN, clock=lambda: eastern(SATURDAY, 3)))
    equity = session_json(market, "Equity")
    assert equity["state"] == "Open"
    next_monday = date(2026, 11, 30)
    open_at, close_at = cal.session_bounds(next_monday)
    assert (equity["open-at"], equity["close-at"]) == (wire.iso(open_at), wire.iso(close_at))
    assert session_json(market, "CME")["state"] == "Open"


def test_the_sessions_route_follows_the_simulation_clock_in_wall_hours() -> None:
    moment = eastern(MONDAY, 8)
    market = Market(7, MONDAY, hours=MarketHours(WALL, clock=lambda: moment))
    assert session_json(market, "Equity")["state"] == "Pre-market"
    assert session_json(market, "Equity", eastern(MONDAY, 10))["state"] == "Open"


def test_a_simulation_shares_its_hours_and_clock_with_the_market() -> None:
    sim = Simulation(SimConfig(seed=3, market_tick=0, history=False, market_hours=OPEN))
    assert sim.market.hours.mode == OPEN and sim.production.market is sim.sandbox.market
    assert abs(sim.market.hours.now() - sim.clock.now()) < timedelta(seconds=5)
    assert sim.state()["market-hours"] == OPEN


def test_wall_is_the_default_market_hours() -> None:
    assert SimConfig().market_hours == WALL
    assert Simulation(SimConfig(seed=3, market_tick=0, history=False)).market.hours.mode == WALL


def test_config_refuses_unknown_market_hours() -> None:
    with pytest.raises(ValueError, match="market hours"):
        SimConfig(market_hours="always")


def test_cli_takes_market_hours() -> None:
    parser = build_parser()
    assert config_from_args(parser.parse_args(["--market-hours", "open"]))["market_hours"] == OPEN
    assert config_from_args(parser.parse_args([]))["market_hours"] == WALL


def test_cli_refuses_unknown_market_hours(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--market-hours", "24/7"])
    assert "--market-hours" in capsys.readouterr().err


def test_session_times_are_aware_utc() -> None:
    hours = MarketHours(OPEN, clock=lambda: datetime(2026, 11, 23, 8, tzinfo=UTC))
    start, close = hours.futures_bounds(MONDAY)
    assert start.tzinfo is UTC and close.tzinfo is UTC and start < close
