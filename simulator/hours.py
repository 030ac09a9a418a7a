"""Market hours: whether the simulated regular session is open, and whether it ever closes.

One :class:`MarketHours` per simulation (``Market.hours``, shared by production and the
sandbox) answers every question about the session, so ``/market-time/sessions/current``, the
order engine's expiry at the close and today's intraday candles agree. Its mode is
``SimConfig.market_hours`` (CLI ``--market-hours``):

* ``"wall"`` (the default): the NYSE calendar at the simulation clock's New York time of day,
  on the simulated ``today``. Pre-market from 04:00, Open 09:30-16:00 (13:00 on half days),
  Extended until 20:00, Closed otherwise and all day on weekends and holidays; futures
  collections (CME, CFE) trade from 18:00 the evening before to 17:00. Day orders expire at the
  close of their session, GTD orders at the close of their ``gtc-date``. What a test sees
  therefore depends on when it runs unless it drives a ``ManualClock``.
* ``"open"``: the regular session is open for as long as the simulator runs, whatever the wall
  time, weekday or holiday. Every collection's session state is ``Open`` (``open-at`` and
  ``close-at`` still show the calendar's next regular session, for display only); the close
  never comes, so nothing expires at a close: Day and GTD orders keep working until they fill,
  are cancelled or the simulator stops (GTC as always); today's intraday candles run to the
  clock's time of day held inside the regular session. Timestamps (``received-at``, fills,
  transactions) still come from the clock, unchanged. Expiry at the close is tested in
  ``"wall"`` mode with a ``ManualClock``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from simulator import calendar as cal

WALL = "wall"
OPEN = "open"
MARKET_HOURS = (WALL, OPEN)

# session states as /market-time/sessions/current spells them (the SDK's MarketStatus)
STATE_OPEN = "Open"
STATE_CLOSED = "Closed"
STATE_PRE_MARKET = "Pre-market"
STATE_EXTENDED = "Extended"

FUTURES_COLLECTIONS = frozenset({"CME", "CFE"})
FUTURES_OPEN_TIME = time(18, 0)  # the evening before the session day
FUTURES_CLOSE_TIME = time(17, 0)
# how far inside the regular session "open" mode holds today's intraday candles
CANDLE_MARGIN = timedelta(minutes=1)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class MarketHours:
    """The session rules of one simulation: ``mode`` is ``"wall"`` or ``"open"`` (see the
    module docstring) and ``clock`` the simulation clock's ``now`` (aware UTC)."""

    mode: str = WALL
    clock: Callable[[], datetime] = field(default=_utc_now, compare=False)

    def __post_init__(self) -> None:
        if self.mode not in MARKET_HOURS:
            raise ValueError(f"market hours must be one of {MARKET_HOURS}, not {self.mode!r}")

    @property
    def always_open(self) -> bool:
        """True in ``"open"`` mode: the regular session is open whatever the time."""
        return self.mode == OPEN

    @property
    def orders_expire_at_close(self) -> bool:
        """Whether Day and GTD orders expire at a session's close (not in ``"open"`` mode,
        where the close never comes while the simulator runs)."""
        return not self.always_open

    def now(self) -> datetime:
        """The simulation clock's current time (aware UTC)."""
        return self.clock()

    def market_moment(self, today: date, now: datetime | None = None) -> datetime:
        """``today`` at the New York time of day of ``now`` (default: the clock), aware UTC."""
        et = (now or self.now()).astimezone(cal.NYSE_TZ)
        return datetime.combine(today, et.time(), cal.NYSE_TZ).astimezone(UTC)

    def session_day(self, today: date) -> date:
        """The regular session ``today`` belongs to: today when it trades, else the next one."""
        return cal.next_trading_day(today, inclusive=True)

    def futures_bounds(self, today: date) -> tuple[datetime, datetime]:
        """``(start, close)`` of the futures session of :meth:`session_day`."""
        day = self.session_day(today)
        # Globex opens the evening before (Sunday evening for a Monday, not Friday's)
        return (
            cal.at_eastern(day - timedelta(days=1), FUTURES_OPEN_TIME),
            cal.at_eastern(day, FUTURES_CLOSE_TIME),
        )

    def session_state(self, collection: str, today: date, now: datetime | None = None) -> str:
        """The state ``/market-time/sessions/current`` reports for ``collection``."""
        if self.always_open:
            return STATE_OPEN
        moment = self.market_moment(today, now)
        if collection in FUTURES_COLLECTIONS:
            start, close = self.futures_bounds(today)
            return STATE_OPEN if start <= moment < close else STATE_CLOSED
        if not cal.is_trading_day(today):
            return STATE_CLOSED
        open_at, close_at = cal.session_bounds(today)
        if open_at <= moment < close_at:
            return STATE_OPEN
        if cal.at_eastern(today, cal.PRE_MARKET_TIME) <= moment < open_at:
            return STATE_PRE_MARKET
        if close_at <= moment < cal.at_eastern(today, cal.EXTENDED_CLOSE_TIME):
            return STATE_EXTENDED
        return STATE_CLOSED

    def is_open(self, today: date, now: datetime | None = None) -> bool:
        """Whether the equity regular session is open (pre-market and extended hours are not)."""
        return self.session_state("Equity", today, now) == STATE_OPEN

    def candle_moment(self, today: date, now: datetime | None = None) -> datetime:
        """How far today's intraday candles reach: :meth:`market_moment`, held inside the
        regular session in ``"open"`` mode (a session that is open has begun and not ended)."""
        moment = self.market_moment(today, now)
        if not self.always_open or not cal.is_trading_day(today):
            return moment
        open_at, close_at = cal.session_bounds(today)
        return min(max(moment, open_at + CANDLE_MARGIN), close_at - CANDLE_MARGIN)
