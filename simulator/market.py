"""The simulated market: universe, seeded prices, listed options, Black-Scholes quotes and greeks.

Everything is deterministic for ``(seed, today)``:

* Today's opening spot of each underlying is its base level times a seeded ``exp(N(0, 5%))``.
  ``price_on`` walks two years of daily closes backwards from there (one market factor plus
  idiosyncratic noise, so names are correlated with SPY). SPX is always 10x-ish SPY.
* ``step()`` advances every underlying one intraday tick (``step_seconds`` of trading time each,
  default 60) with the same factor model; the n-th step is the same for a given seed.
* Options are valued at a fixed moment (today 12:00 New York) so prices only move with the spot.
  Implied volatility comes from a smile that is fixed per strike (sticky strike): an ATM term
  structure ``base * (0.9 + 0.15 * (1 - exp(-T / 0.25)))`` and a skew/curvature in normalised
  moneyness ``x = ln(K / S0) / (atm * sqrt(T))``: ``atm * (1 + skew * x + curvature * x^2)``.
* Quotes: theo (floored at intrinsic for American-style options) +/- a half spread, rounded out
  to the option tick schedule (see ``option_tick_sizes``); sizes are pseudo-random per symbol
  and step. ``quote(.., delay=seconds)`` prices from the spot as it was ``seconds`` ago (used by
  the sandbox's delayed DXLink feed).

Money values are ``Decimal``; internal maths uses floats.
"""

from __future__ import annotations

import itertools
import math
import random
import re
import time as _time
import zlib
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from simulator import calendar as cal
from simulator.hours import MarketHours
from simulator.symbols import occ_symbol, parse_occ, streamer_symbol

RISK_FREE_RATE = 0.0425
RISK_FREE_RATE_DECIMAL = Decimal("0.0425")
TRADING_DAYS_PER_YEAR = 252
SECONDS_PER_YEAR = 365.0 * 86400.0
HISTORY_TRADING_DAYS = 2 * TRADING_DAYS_PER_YEAR
DAILY_EXPIRATION_HORIZON_DAYS = 60
WEEKLY_COUNT = 8
MONTHLY_COUNT = 12
MIDDAY = time(12, 0)
# strike grids list spot x (1 +/- width): about 3 sigma of the expiration's move, held between
# these bounds; monthlies and quarterlies (like the real ones) also list far from the money
# (SPY near 600: 360-840 at the wide step), weeklies and dailies stay near it
MIN_STRIKE_WIDTH = 0.06
MAX_STRIKE_WIDTH = 0.7
WIDE_STRIKE_WIDTH = 0.4
WIDE_EXPIRATION_TYPES = frozenset({"Regular", "Quarterly"})
PM_SETTLE_TIME = time(16, 0)
AM_SETTLE_TIME = time(9, 30)
_SQRT2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)

# option tick schedules: ((threshold, tick), ...) -- tick applies to prices below threshold
PENNY_ALL: tuple[tuple[float | None, Decimal], ...] = ((None, Decimal("0.01")),)
PENNY: tuple[tuple[float | None, Decimal], ...] = ((3.0, Decimal("0.01")), (None, Decimal("0.05")))
NICKEL: tuple[tuple[float | None, Decimal], ...] = ((3.0, Decimal("0.05")), (None, Decimal("0.10")))


@dataclass(frozen=True)
class UnderlyingSpec:
    symbol: str
    description: str
    base_price: float
    vol: float  # ATM implied volatility (annualised)
    kind: str  # "ETF" | "Stock" | "Index"
    cusip: str | None
    listed_market: str
    roots: tuple[str, ...]
    dailies: bool
    option_ticks: tuple[tuple[float | None, Decimal], ...]
    dividend_yield: float
    dividend_months: tuple[int, ...]
    beta: float
    correlation: float  # with the market factor (SPY)
    shares_outstanding: float
    avg_volume: float
    oi_base: float
    spread_pct: float  # option half-spread as a fraction of theo, before widening
    skew: float
    curvature: float
    eps: float  # trailing quarterly EPS level (0 for funds/indices)
    earnings_month_offset: int = 1  # earnings in months offset, offset+3, ...
    strike_steps: tuple[float, float] | None = None  # (near, far); None = by price level

    @property
    def is_index(self) -> bool:
        return self.kind == "Index"

    @property
    def is_etf(self) -> bool:
        return self.kind == "ETF"


UNIVERSE: dict[str, UnderlyingSpec] = {
    s.symbol: s
    for s in (
        UnderlyingSpec(
            "SPY",
            "SPDR S&P 500 ETF TRUST",
            600.0,
            0.16,
            "ETF",
            "78462F103",
            "ARCX",
            ("SPY",),
            True,
            PENNY_ALL,
            0.012,
            (3, 6, 9, 12),
            1.0,
            1.0,
            1.0e9,
            6.0e7,
            30000,
            0.005,
            -0.11,
            0.025,
            0.0,
            strike_steps=(1, 5),
        ),
        UnderlyingSpec(
            "QQQ",
            "INVESCO QQQ TRUST, SERIES 1",
            520.0,
            0.20,
            "ETF",
            "46090E103",
            "XNAS",
            ("QQQ",),
            True,
            PENNY_ALL,
            0.006,
            (3, 6, 9, 12),
            1.15,
            0.92,
            6.0e8,
            4.0e7,
            18000,
            0.006,
            -0.10,
            0.025,
            0.0,
            strike_steps=(1, 5),
        ),
        UnderlyingSpec(
            "IWM",
            "ISHARES RUSSELL 2000 ETF",
            220.0,
            0.22,
            "ETF",
            "464287655",
            "ARCX",
            ("IWM",),
            False,
            PENNY_ALL,
            0.011,
            (3, 6, 9, 12),
            1.2,
            0.82,
            3.0e8,
            3.0e7,
            12000,
            0.008,
            -0.09,
            0.025,
            0.0,
            strike_steps=(1, 5),
        ),
        UnderlyingSpec(
            "SPX",
            "S&P 500 INDEX",
            6000.0,
            0.15,
            "Index",
            None,
            "XCBO",
            ("SPX", "SPXW"),
            True,
            NICKEL,
            0.013,
            (),
            1.0,
            1.0,
            0.0,
            0.0,
            8000,
            0.006,
            -0.12,
            0.025,
            0.0,
            strike_steps=(5, 25),
        ),
        UnderlyingSpec(
            "AAPL",
            "APPLE INC",
            230.0,
            0.26,
            "Stock",
            "037833100",
            "XNAS",
            ("AAPL",),
            False,
            PENNY,
            0.0045,
            (2, 5, 8, 11),
            1.2,
            0.7,
            1.5e10,
            5.5e7,
            9000,
            0.015,
            -0.06,
            0.035,
            1.6,
            1,
        ),
        UnderlyingSpec(
            "MSFT",
            "MICROSOFT CORP",
            430.0,
            0.24,
            "Stock",
            "594918104",
            "XNAS",
            ("MSFT",),
            False,
            PENNY,
            0.0075,
            (2, 5, 8, 11),
            1.05,
            0.72,
            7.43e9,
            2.2e7,
            6000,
            0.015,
            -0.06,
            0.035,
            3.2,
            1,
        ),
        UnderlyingSpec(
            "TSLA",
            "TESLA INC",
            340.0,
            0.55,
            "Stock",
            "88160R101",
            "XNAS",
            ("TSLA",),
            False,
            PENNY,
            0.0,
            (),
            2.0,
            0.45,
            3.2e9,
            9.0e7,
            14000,
            0.012,
            -0.02,
            0.03,
            0.6,
            1,
        ),
        UnderlyingSpec(
            "NVDA",
            "NVIDIA CORP",
            140.0,
            0.48,
            "Stock",
            "67066G104",
            "XNAS",
            ("NVDA",),
            False,
            PENNY,
            0.0003,
            (3, 6, 9, 12),
            1.7,
            0.62,
            2.44e10,
            2.5e8,
            16000,
            0.012,
            -0.04,
            0.03,
            0.8,
            2,
        ),
        UnderlyingSpec(
            "AMD",
            "ADVANCED MICRO DEVICES INC",
            150.0,
            0.45,
            "Stock",
            "007903107",
            "XNAS",
            ("AMD",),
            False,
            PENNY,
            0.0,
            (),
            1.8,
            0.55,
            1.62e9,
            4.5e7,
            8000,
            0.015,
            -0.04,
            0.03,
            0.9,
            1,
        ),
        UnderlyingSpec(
            "AMZN",
            "AMAZON.COM INC",
            210.0,
            0.32,
            "Stock",
            "023135106",
            "XNAS",
            ("AMZN",),
            False,
            PENNY,
            0.0,
            (),
            1.3,
            0.66,
            1.05e10,
            4.0e7,
            9000,
            0.015,
            -0.05,
            0.03,
            1.3,
            1,
        ),
    )
}
ROOT_TO_UNDERLYING = {root: s.symbol for s in UNIVERSE.values() for root in s.roots}


@dataclass(frozen=True)
class Quote:
    bid: Decimal
    ask: Decimal
    mark: Decimal
    last: Decimal
    bid_size: int
    ask_size: int


@dataclass(frozen=True)
class Expiration:
    date: date
    expiration_type: str  # "Regular" | "Weekly" | "Quarterly"
    settlement_type: str  # "PM" | "AM"
    root: str


@dataclass(frozen=True)
class OptionContract:
    occ: str
    streamer_symbol: str
    root: str
    underlying: str
    expiration: date
    option_type: str  # "C" | "P"
    strike: Decimal
    expiration_type: str = "Regular"
    settlement_type: str = "PM"
    exercise_style: str = "American"


class ChainError(ValueError):
    """A pinned option chain given to :meth:`Market.override_chain` is malformed."""


EXPIRATION_TYPES = frozenset({"Regular", "Weekly", "Quarterly", "End-Of-Month"})
SETTLEMENT_TYPES = frozenset({"AM", "PM"})
MAX_STRIKE = Decimal("99999.999")  # the OCC symbol has 8 digits of strike x 1000


@dataclass(frozen=True)
class _PinnedChain:
    """An underlying's listed chain as pinned by :meth:`Market.override_chain`."""

    roots: tuple[str, ...]
    expirations: list[Expiration]  # sorted by (date, root)
    index: dict[tuple[str, date], Expiration]
    strikes: dict[tuple[str, date], list[Decimal]]  # ascending
    contracts: dict[str, OptionContract]  # OCC -> contract


@dataclass(frozen=True)
class Greeks:
    price: Decimal
    volatility: Decimal
    delta: Decimal
    gamma: Decimal
    theta: Decimal
    rho: Decimal
    vega: Decimal


@dataclass(frozen=True)
class DayStats:
    open: Decimal
    high: Decimal
    low: Decimal
    prev_close: Decimal
    prev_close_date: date
    volume: int


@dataclass(frozen=True)
class CorporateEvent:
    occurred_date: date
    amount: Decimal  # dividend per share, or EPS for earnings


@dataclass(frozen=True)
class CandleBar:
    time_ms: int
    open: float
    high: float
    low: float
    close: float
    volume: float

    @property
    def vwap(self) -> float:
        return (self.high + self.low + 2.0 * self.close) / 4.0


@dataclass
class _OptRec:
    """Parsed, pre-computed static data for one option symbol (cached by OCC)."""

    underlying: str
    root: str
    expiration: date
    is_call: bool
    strike: float
    strike_dec: Decimal
    t: float
    vol: float
    x: float
    american: bool
    ticks: tuple[tuple[float | None, Decimal], ...]
    tick_cents: tuple[tuple[float, int], ...]
    spread_pct: float
    h: int
    oi: int = -1


# ----------------------------------------------------------------------------- pricing maths


def norm_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / _SQRT2))


def black_scholes(
    spot: float,
    strike: float,
    t: float,
    vol: float,
    is_call: bool,
    rate: float = RISK_FREE_RATE,
    div_yield: float = 0.0,
) -> tuple[float, float, float, float, float, float]:
    """European price and greeks ``(price, delta, gamma, theta/day, vega/vol-pt, rho/rate-pt)``."""
    if t <= 0.0 or vol <= 0.0:
        intrinsic = max(spot - strike, 0.0) if is_call else max(strike - spot, 0.0)
        itm = (spot > strike) if is_call else (spot < strike)
        delta = (1.0 if is_call else -1.0) if itm else 0.0
        return intrinsic, delta, 0.0, 0.0, 0.0, 0.0
    sqrt_t = math.sqrt(t)
    sig = vol * sqrt_t
    d1 = (math.log(spot / strike) + (rate - div_yield + 0.5 * vol * vol) * t) / sig
    d2 = d1 - sig
    dfq = math.exp(-div_yield * t)
    dfr = math.exp(-rate * t)
    pdf = _INV_SQRT_2PI * math.exp(-0.5 * d1 * d1)
    decay = -spot * dfq * pdf * vol / (2.0 * sqrt_t)
    if is_call:
        n1, n2 = norm_cdf(d1), norm_cdf(d2)
        price = spot * dfq * n1 - strike * dfr * n2
        delta = dfq * n1
        theta = decay - rate * strike * dfr * n2 + div_yield * spot * dfq * n1
        rho = strike * t * dfr * n2
    else:
        n1, n2 = norm_cdf(-d1), norm_cdf(-d2)
        price = strike * dfr * n2 - spot * dfq * n1
        delta = -dfq * n1
        theta = decay + rate * strike * dfr * n2 - div_yield * spot * dfq * n1
        rho = -strike * t * dfr * n2
    gamma = dfq * pdf / (spot * sig)
    vega = spot * dfq * pdf * sqrt_t
    return max(price, 0.0), delta, gamma, theta / 365.0, vega / 100.0, rho / 100.0


def atm_vol(base_vol: float, t: float) -> float:
    """ATM term structure: slightly upward sloping, 90% of base at T=0 rising to 105%."""
    return base_vol * (0.9 + 0.15 * (1.0 - math.exp(-t / 0.25)))


def smile_vol(
    spec: UnderlyingSpec, ref_spot: float, strike: float, t: float
) -> tuple[float, float]:
    """``(implied vol, normalised moneyness)`` for a strike; sticky to ``ref_spot``."""
    atm = atm_vol(spec.vol, t)
    x = math.log(strike / ref_spot) / (atm * math.sqrt(max(t, 1.0 / 365.0)))
    xc = max(-4.0, min(4.0, x))
    vol = atm * (1.0 + spec.skew * xc + spec.curvature * xc * xc)
    return max(vol, 0.3 * atm), x


def _h(*parts: object) -> int:
    return zlib.crc32(":".join(str(p) for p in parts).encode())


def _unit(h: int) -> float:
    """A uniform (0, 1) number from a 32-bit hash."""
    return ((h & 0xFFFFFFFF) + 0.5) / 4294967296.0


def _gauss(h: int) -> float:
    """A standard normal number from a 32-bit hash (Box-Muller on two derived uniforms)."""
    u1 = _unit(h)
    u2 = _unit(zlib.crc32(h.to_bytes(4, "little"), 0x9E3779B9))
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def _cents(value: int) -> Decimal:
    return Decimal(value).scaleb(-2)


def _dec(value: float, places: int = 2) -> Decimal:
    return Decimal(f"{value:.{places}f}")


def tick_for(ticks: tuple[tuple[float | None, Decimal], ...], price: float) -> Decimal:
    for threshold, tick in ticks:
        if threshold is None or price < threshold:
            return tick
    return ticks[-1][1]


# ----------------------------------------------------------------------------- pinned chains

_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _need(obj: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in obj:
        raise ChainError(f"{where}: missing {key!r}")
    value = obj[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ChainError(f"{where}: {key!r} must be a {kind.__name__}, not {type(value).__name__}")
    return value


def _need_dict(obj: object, where: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise ChainError(f"{where}: expected a JSON object, not {type(obj).__name__}")
    return obj


def _chain_date(raw: dict[str, Any], where: str) -> date:
    text = _need(raw, "expiration-date", str, where)
    try:
        if not _ISO_DATE_RE.match(text):
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError:
        raise ChainError(f"{where}: expiration-date {text!r} is not a YYYY-MM-DD date") from None
    if not cal.is_trading_day(day):
        raise ChainError(f"{where}: expiration-date {text} is not an NYSE trading day")
    return day


def _chain_strike(row: dict[str, Any], where: str) -> Decimal:
    if "strike-price" not in row:
        raise ChainError(f"{where}: missing 'strike-price'")
    raw = row["strike-price"]
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise ChainError(f"{where}: strike-price must be a decimal string, not {raw!r}")
    try:
        strike = Decimal(str(raw))
    except ArithmeticError:
        raise ChainError(f"{where}: strike-price {raw!r} is not a number") from None
    if not strike.is_finite() or strike <= 0 or strike > MAX_STRIKE:
        raise ChainError(f"{where}: strike-price {raw!r} must be in (0, {MAX_STRIKE}]")
    milli = strike * 1000
    if milli != milli.to_integral_value():
        raise ChainError(f"{where}: strike-price {raw!r} has more than 3 decimal places")
    return Decimal(int(milli)) / 1000  # the model's representation (600 -> "600")


def parse_nested_chain(
    underlying: str, items: object, *, today: date | None = None
) -> _PinnedChain:
    """Validate the wire JSON of ``GET /option-chains/{underlying}/nested``'s ``data.items``.

    Required: ``root-symbol`` (one of the underlying's roots, each root once) and
    ``expirations`` per item; ``expiration-date`` (an NYSE trading day, not before ``today``),
    ``expiration-type``, ``settlement-type`` and a non-empty ``strikes`` per expiration;
    ``strike-price``, ``call`` and ``put`` per strike, the OCC symbols matching the root,
    expiration, type and strike. Checked when present: ``underlying-symbol``,
    ``call-/put-streamer-symbol``, ``option-chain-type`` (``Standard``) and
    ``shares-per-contract`` (100). ``days-to-expiration``, ``tick-sizes`` and ``deliverables``
    are derived when served. Raises :class:`ChainError` naming the offending element.
    """
    spec = UNIVERSE.get(underlying)
    if spec is None:
        raise ChainError(
            f"{underlying!r} is not an underlying of the simulated market "
            f"(known: {', '.join(UNIVERSE)})"
        )
    if not isinstance(items, list):
        raise ChainError(
            f"{underlying}: a chain is a list of NestedOptionChain objects, "
            f"not {type(items).__name__}"
        )
    style = "European" if underlying == "SPX" else "American"
    roots: list[str] = []
    expirations: list[Expiration] = []
    index: dict[tuple[str, date], Expiration] = {}
    strikes: dict[tuple[str, date], list[Decimal]] = {}
    contracts: dict[str, OptionContract] = {}
    for i, raw_item in enumerate(items):
        where = f"{underlying}[{i}]"
        item = _need_dict(raw_item, where)
        named = item.get("underlying-symbol", underlying)
        if named != underlying:
            raise ChainError(f"{where}: underlying-symbol {named!r} is not {underlying!r}")
        root = _need(item, "root-symbol", str, where)
        if root not in spec.roots:
            raise ChainError(
                f"{where}: root-symbol {root!r} is not a root of {underlying} "
                f"(roots: {', '.join(spec.roots)})"
            )
        if root in roots:
            raise ChainError(f"{where}: root-symbol {root!r} is listed twice")
        roots.append(root)
        where = f"{underlying} root {root}"
        chain_type = item.get("option-chain-type", "Standard")
        if chain_type != "Standard":
            raise ChainError(f"{where}: option-chain-type {chain_type!r} is not supported")
        shares = item.get("shares-per-contract", 100)
        if isinstance(shares, bool) or str(shares) not in ("100", "100.0"):
            raise ChainError(f"{where}: shares-per-contract {shares!r} is not supported (100)")
        for j, raw_exp in enumerate(_need(item, "expirations", list, where)):
            exp_where = f"{where} expirations[{j}]"
            raw = _need_dict(raw_exp, exp_where)
            day = _chain_date(raw, exp_where)
            exp_where = f"{where} {day}"
            if today is not None and day < today:
                raise ChainError(f"{exp_where}: expiration-date is before the market's today")
            if (root, day) in index:
                raise ChainError(f"{exp_where}: expiration listed twice")
            kind = _need(raw, "expiration-type", str, exp_where)
            if kind not in EXPIRATION_TYPES:
                raise ChainError(
                    f"{exp_where}: expiration-type {kind!r} is not one of "
                    f"{', '.join(sorted(EXPIRATION_TYPES))}"
                )
            settlement = _need(raw, "settlement-type", str, exp_where)
            if settlement not in SETTLEMENT_TYPES:
                raise ChainError(f"{exp_where}: settlement-type {settlement!r} is not AM or PM")
            rows = _need(raw, "strikes", list, exp_where)
            if not rows:
                raise ChainError(f"{exp_where}: strikes is empty")
            listing = Expiration(day, kind, settlement, root)
            seen: set[Decimal] = set()
            for k, raw_row in enumerate(rows):
                row = _need_dict(raw_row, f"{exp_where} strikes[{k}]")
                strike = _chain_strike(row, f"{exp_where} strikes[{k}]")
                row_where = f"{exp_where} strike {strike}"
                if strike in seen:
                    raise ChainError(f"{row_where}: duplicate strike")
                seen.add(strike)
                for option_type, key in (("C", "call"), ("P", "put")):
                    occ = _need(row, key, str, row_where)
                    want = occ_symbol(root, day, option_type, strike)
                    if occ != want:
                        raise ChainError(
                            f"{row_where}: {key} {occ!r} does not match the root, expiration, "
                            f"type and strike (expected {want!r})"
                        )
                    streamer = streamer_symbol(root, day, option_type, strike)
                    given = row.get(f"{key}-streamer-symbol", streamer)
                    if given != streamer:
                        raise ChainError(
                            f"{row_where}: {key}-streamer-symbol {given!r} does not match "
                            f"(expected {streamer!r})"
                        )
                    contracts[want] = OptionContract(
                        occ=want,
                        streamer_symbol=streamer,
                        root=root,
                        underlying=underlying,
                        expiration=day,
                        option_type=option_type,
                        strike=strike,
                        expiration_type=kind,
                        settlement_type=settlement,
                        exercise_style=style,
                    )
            strikes[(root, day)] = sorted(seen)
            index[(root, day)] = listing
            expirations.append(listing)
    expirations.sort(key=lambda e: (e.date, e.root))
    return _PinnedChain(tuple(roots), expirations, index, strikes, contracts)


# ----------------------------------------------------------------------------- the market


@dataclass
class _Live:
    spot: float
    open: float
    high: float
    low: float
    volume: float


@dataclass
class Market:
    """The simulated market. See the module docstring for the model."""

    seed: int
    today: date
    step_seconds: float = 60.0
    hours: MarketHours = field(default_factory=MarketHours)  # session rules (simulator.hours)
    version: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self.last_session = cal.previous_trading_day(self.today, inclusive=True)
        self._spot0: dict[str, float] = {}
        self._history: dict[str, list[float]] = {}
        self._history_days: list[date] = []
        self._live: dict[str, _Live] = {}
        self._expirations: dict[str, list[Expiration]] = {}
        self._expiration_index: dict[tuple[str, date], Expiration] = {}
        self._strikes: dict[tuple[str, date], tuple[list[int], frozenset[int]]] = {}
        self._opts: dict[str, _OptRec | None] = {}
        self._contracts: dict[str, OptionContract | None] = {}
        self._step_rng = random.Random(f"{self.seed}:steps")
        self._tape: deque[tuple[float, dict[str, float]]] = deque(maxlen=20000)
        self._overrides: dict[str, Quote] = {}
        self._pinned_chains: dict[str, _PinnedChain] = {}
        # free-form memo space for route renderers; cleared when a chain is (un)pinned
        self.cache: dict[object, object] = {}
        self._build_history()
        self.valuation_time = cal.at_eastern(self.today, MIDDAY)

    # ---------------------------------------------------------------- universe & prices

    def underlyings(self) -> list[str]:
        return list(UNIVERSE)

    def is_underlying(self, sym: str) -> bool:
        return sym in UNIVERSE

    def spec(self, sym: str) -> UnderlyingSpec:
        return UNIVERSE[sym]

    def _build_history(self) -> None:
        days: list[date] = []
        day = self.last_session
        while len(days) < HISTORY_TRADING_DAYS:
            days.append(day)
            day = cal.previous_trading_day(day)
        days.reverse()
        self._history_days = days
        n = len(days)
        dt = 1.0 / TRADING_DAYS_PER_YEAR
        market_rng = random.Random(f"{self.seed}:market")
        market_z = [market_rng.gauss(0.0, 1.0) for _ in range(n)]
        for sym, spec in UNIVERSE.items():
            if sym == "SPX":
                continue
            rng = random.Random(f"{self.seed}:{sym}:walk")
            spot0 = round(spec.base_price * math.exp(0.05 * rng.gauss(0.0, 1.0)), 2)
            self._spot0[sym] = spot0
            realised = spec.vol * 0.85
            rho = spec.correlation
            drift = (0.08 - 0.5 * realised * realised) * dt
            closes = [0.0] * n
            closes[-1] = spot0
            for i in range(n - 1, 0, -1):
                z = rho * market_z[i] + math.sqrt(max(0.0, 1.0 - rho * rho)) * rng.gauss(0, 1)
                closes[i - 1] = closes[i] / math.exp(drift + realised * math.sqrt(dt) * z)
            self._history[sym] = closes
        ratio = 10.0 * math.exp(0.002 * random.Random(f"{self.seed}:SPX").gauss(0.0, 1.0))
        self._spx_ratio = ratio
        self._spot0["SPX"] = round(self._spot0["SPY"] * ratio, 2)
        self._history["SPX"] = [c * ratio for c in self._history["SPY"]]
        for sym, spot0 in self._spot0.items():
            self._live[sym] = _Live(spot0, spot0, spot0, spot0, UNIVERSE[sym].avg_volume * 0.05)

    def spot(self, sym: str) -> Decimal:
        """Current (live) spot of an underlying; ``KeyError`` for unknown symbols."""
        return _dec(self._live[sym].spot)

    def spot_float(self, sym: str, delay: float = 0.0) -> float:
        """Live spot as a float, or the spot ``delay`` seconds ago (opening spot if older)."""
        if delay <= 0.0:
            return self._live[sym].spot
        cutoff = _time.monotonic() - delay
        for stamp, spots in reversed(self._tape):
            if stamp <= cutoff:
                return spots[sym]
        return self._spot0[sym]

    def opening_spot(self, sym: str) -> Decimal:
        return _dec(self._spot0[sym])

    def step(self) -> None:
        """Advance every underlying one intraday random-walk tick (``step_seconds`` of time)."""
        dt = self.step_seconds / (TRADING_DAYS_PER_YEAR * 6.5 * 3600.0)
        rng = self._step_rng
        zm = rng.gauss(0.0, 1.0)
        for sym, spec in UNIVERSE.items():
            if sym == "SPX":
                continue
            live = self._live[sym]
            rho = spec.correlation
            z = rho * zm + math.sqrt(max(0.0, 1.0 - rho * rho)) * rng.gauss(0.0, 1.0)
            if sym in self._overrides:
                continue  # pinned; the draw above keeps other symbols' paths unchanged
            live.spot = max(0.01, live.spot * math.exp(spec.vol * 0.85 * math.sqrt(dt) * z))
            self._touch(live, spec)
        if "SPX" not in self._overrides:
            spx = self._live["SPX"]
            spx.spot = self._live["SPY"].spot * self._spx_ratio
            self._touch(spx, UNIVERSE["SPX"])
        self.version += 1
        self._tape.append((_time.monotonic(), {s: v.spot for s, v in self._live.items()}))

    def _touch(self, live: _Live, spec: UnderlyingSpec) -> None:
        live.high = max(live.high, live.spot)
        live.low = min(live.low, live.spot)
        minutes = self.step_seconds / 60.0
        live.volume += spec.avg_volume / 390.0 * minutes * (0.5 + self._step_rng.random())

    def price_on(self, sym: str, day: date) -> Decimal:
        """Close of ``sym`` on ``day`` (the last session on or before it); today = opening spot."""
        return _dec(self._close_on(sym, day))

    def _close_on(self, sym: str, day: date) -> float:
        closes = self._history[sym]
        if day >= self.last_session:
            return closes[-1]
        idx = bisect_right(self._history_days, day) - 1
        return closes[max(idx, 0)]

    def history(self, sym: str) -> list[tuple[date, Decimal]]:
        """The seeded daily closes (two years of sessions, ending at the last session)."""
        return [(d, _dec(c)) for d, c in zip(self._history_days, self._history[sym], strict=True)]

    def history_floats(self, sym: str) -> tuple[list[date], list[float]]:
        return self._history_days, self._history[sym]

    def day_stats(self, sym: str) -> DayStats:
        live = self._live[sym]
        prev = cal.previous_trading_day(self.last_session)
        return DayStats(
            open=_dec(live.open),
            high=_dec(live.high),
            low=_dec(live.low),
            prev_close=_dec(self._close_on(sym, prev)),
            prev_close_date=prev,
            volume=int(live.volume),
        )

    def year_range(self, sym: str) -> tuple[Decimal, Decimal]:
        closes = [*self._history[sym][-TRADING_DAYS_PER_YEAR:], self._live[sym].spot]
        return _dec(min(closes)), _dec(max(closes))

    def historical_volatility(self, sym: str, days: int) -> float:
        closes = self._history[sym][-(days + 1) :]
        rets = [math.log(b / a) for a, b in itertools.pairwise(closes)]
        mean = sum(rets) / len(rets)
        var = sum((r - mean) ** 2 for r in rets) / max(1, len(rets) - 1)
        return math.sqrt(var * TRADING_DAYS_PER_YEAR)

    def correlation(self, sym: str, other: str = "SPY", days: int = 63) -> float:
        a = self._history[sym][-(days + 1) :]
        b = self._history[other][-(days + 1) :]
        ra = [math.log(y / x) for x, y in itertools.pairwise(a)]
        rb = [math.log(y / x) for x, y in itertools.pairwise(b)]
        ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
        cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
        va = sum((x - ma) ** 2 for x in ra)
        vb = sum((y - mb) ** 2 for y in rb)
        return cov / math.sqrt(va * vb) if va and vb else 0.0

    def atm_iv(self, sym: str, days: float = 30.0) -> float:
        return atm_vol(UNIVERSE[sym].vol, days / 365.0)

    def iv_history(self, sym: str) -> list[float]:
        """A year of daily 30-day IV index values (from rolling realised vol), ending today."""
        key = ("iv_history", sym)
        cached = self.cache.get(key)
        if isinstance(cached, list):
            return cached
        closes = self._history[sym]
        rets = [math.log(b / a) for a, b in itertools.pairwise(closes)]
        window = 21
        series: list[float] = []
        for end in range(len(rets) - TRADING_DAYS_PER_YEAR + 1, len(rets) + 1):
            chunk = rets[end - window : end]
            mean = sum(chunk) / window
            hv = math.sqrt(sum((r - mean) ** 2 for r in chunk) / (window - 1) * 252)
            series.append(0.55 * UNIVERSE[sym].vol + 0.55 * hv)
        scale = self.atm_iv(sym) / series[-1]
        series = [v * scale for v in series]
        self.cache[key] = series
        return series

    def iv_rank(self, sym: str) -> tuple[float, float, float]:
        """``(rank, percentile, 5-day change)`` of today's IV index within its one-year range."""
        series = self.iv_history(sym)
        now, lo, hi = series[-1], min(series), max(series)
        rank = (now - lo) / (hi - lo) if hi > lo else 0.5
        percentile = sum(1 for v in series if v < now) / len(series)
        return rank, percentile, now - series[-6]

    # ---------------------------------------------------------------- candles

    def market_now(self, wall: datetime | None = None) -> datetime:
        """``today`` at the New York time of day of ``wall`` (default: the simulation clock),
        aware UTC; in ``"open"`` market hours held inside today's regular session."""
        return self.hours.candle_moment(self.today, wall)

    def _daily_bar(self, sym: str, idx: int) -> CandleBar:
        closes = self._history[sym]
        day = self._history_days[idx]
        close = closes[idx]
        prev = closes[idx - 1] if idx > 0 else close
        spec = UNIVERSE[sym]
        sd = spec.vol * 0.85 / math.sqrt(TRADING_DAYS_PER_YEAR)
        h = _h(self.seed, sym, day, "bar")
        if sym == "SPX":
            h = _h(self.seed, "SPY", day, "bar")
        open_ = prev * math.exp(0.3 * sd * _gauss(h))
        high = max(open_, close) * (1.0 + abs(_gauss(h >> 1)) * sd * 0.5)
        low = min(open_, close) * (1.0 - abs(_gauss(h >> 2)) * sd * 0.5)
        volume = spec.avg_volume * math.exp(0.3 * _gauss(h >> 3))
        stamp = int(datetime.combine(day, time(0), cal.NYSE_TZ).timestamp() * 1000)
        return CandleBar(stamp, open_, high, low, close, volume)

    def _today_bar(self, sym: str) -> CandleBar:
        live = self._live[sym]
        stamp = int(datetime.combine(self.today, time(0), cal.NYSE_TZ).timestamp() * 1000)
        return CandleBar(stamp, live.open, live.high, live.low, live.spot, live.volume)

    def _minute_path(
        self, sym: str, day: date, open_: float, end: float, minutes: int, total: int
    ) -> list[float]:
        """Seeded minute closes from ``open_`` bridged to ``end`` after ``minutes`` minutes."""
        rng = random.Random(f"{self.seed}:{'SPY' if sym == 'SPX' else sym}:{day}:intraday")
        sd = UNIVERSE[sym].vol * 0.85 / math.sqrt(TRADING_DAYS_PER_YEAR * 390)
        walk = [0.0]
        for _ in range(total):
            walk.append(walk[-1] + sd * rng.gauss(0.0, 1.0))
        target = math.log(end / open_)
        m = max(1, minutes)
        return [open_ * math.exp(walk[i] - (i / m) * (walk[m] - target)) for i in range(m + 1)]

    def _intraday_bars(
        self, sym: str, day: date, period: int, open_: float, end: float, until: datetime | None
    ) -> list[CandleBar]:
        open_at, close_at = cal.session_bounds(day)
        total = int((close_at - open_at).total_seconds() // 60)
        minutes = total
        if until is not None:
            minutes = min(total, int((until - open_at).total_seconds() // 60))
            if minutes <= 0:
                return []
        path = self._minute_path(sym, day, open_, end, minutes, total)
        step = max(1, period // 60)
        base_ms = int(open_at.timestamp() * 1000)
        avg = UNIVERSE[sym].avg_volume / total if UNIVERSE[sym].avg_volume else 0.0
        bars: list[CandleBar] = []
        for start in range(0, minutes, step):
            chunk = path[start : min(start + step, minutes) + 1]
            shape = 1.0 + 1.5 * ((start - total / 2) / (total / 2)) ** 2  # U-shaped volume
            bars.append(
                CandleBar(
                    base_ms + start * 60_000,
                    chunk[0],
                    max(chunk),
                    min(chunk),
                    chunk[-1],
                    avg * len(chunk[1:]) * shape,
                )
            )
        return bars

    def candles(
        self, sym: str, period: str, from_ms: int, now: datetime | None = None
    ) -> list[CandleBar]:
        """Bars of an underlying for a dxFeed period (``"5m"``, ``"1h"``, ``"1d"``, ``"1w"``,
        ``"1mo"``...) with ``time >= from_ms`` (floored to the bar), ascending. Intraday history
        covers the last 5 sessions (20 for hourly and longer bars); today's bars run from the
        open to ``market_now()`` and end at the live spot."""
        seconds, unit = parse_period(period)
        if sym not in self._live:
            return []
        moment = self.market_now(now)
        bars: list[CandleBar] = []
        today_trades = cal.is_trading_day(self.today)
        if unit in ("d", "w", "mo", "y"):
            daily = [self._daily_bar(sym, i) for i in range(len(self._history_days))]
            if today_trades:
                daily[-1] = self._today_bar(sym)
            bars = daily if unit == "d" else _group_bars(daily, unit)
        elif seconds >= 60:
            days = 20 if seconds >= 3600 else 5
            for idx in range(len(self._history_days) - days, len(self._history_days)):
                day = self._history_days[idx]
                if day == self.today:
                    bars += self._intraday_bars(
                        sym, day, seconds, self._live[sym].open, self._live[sym].spot, moment
                    )
                else:
                    prev = self._history[sym][idx - 1]
                    bar = self._daily_bar(sym, idx)
                    bars += self._intraday_bars(
                        sym, day, seconds, bar.open or prev, self._history[sym][idx], None
                    )
        return [b for b in bars if b.time_ms >= from_ms]

    # ---------------------------------------------------------------- corporate events

    def dividends(self, sym: str) -> list[CorporateEvent]:
        """Seeded quarterly cash dividends with ex-dates in the last two years, ascending."""
        spec = UNIVERSE[sym]
        if not spec.dividend_months or spec.dividend_yield <= 0:
            return []
        out: list[CorporateEvent] = []
        start = self._history_days[0]
        for year in range(start.year, self.today.year + 1):
            for month in spec.dividend_months:
                if spec.is_etf:
                    ex = cal.monthly_expiration(year, month)
                else:
                    ex = cal.next_trading_day(
                        date(year, month, 8 + _h(sym, "div") % 7), inclusive=True
                    )
                if start <= ex <= self.today:
                    price = self._close_on(sym, ex)
                    amount = price * spec.dividend_yield / 4.0
                    amount *= 1.0 + 0.03 * _gauss(_h(self.seed, sym, ex))
                    out.append(CorporateEvent(ex, _dec(amount, 4 if amount < 0.1 else 2)))
        return out

    def next_dividend(self, sym: str) -> date | None:
        spec = UNIVERSE[sym]
        if not spec.dividend_months or spec.dividend_yield <= 0:
            return None
        for year in (self.today.year, self.today.year + 1):
            for month in spec.dividend_months:
                ex = (
                    cal.monthly_expiration(year, month)
                    if spec.is_etf
                    else cal.next_trading_day(
                        date(year, month, 8 + _h(sym, "div") % 7), inclusive=True
                    )
                )
                if ex > self.today:
                    return ex
        return None

    def _earnings_dates(self, sym: str, years: range) -> list[date]:
        spec = UNIVERSE[sym]
        out = []
        for year in years:
            for q in range(4):
                month = spec.earnings_month_offset + 3 * q
                day = 20 + _h(sym, "earn", q) % 8
                out.append(cal.next_trading_day(date(year, month, day), inclusive=True))
        return out

    def earnings(self, sym: str) -> list[CorporateEvent]:
        """Seeded quarterly EPS reports over the last two years (stocks only), ascending."""
        spec = UNIVERSE[sym]
        if spec.eps <= 0:
            return []
        start = self._history_days[0]
        out: list[CorporateEvent] = []
        dates = self._earnings_dates(sym, range(start.year, self.today.year + 1))
        for i, day in enumerate(d for d in dates if start <= d <= self.today):
            growth = 1.0 + 0.02 * i
            eps = spec.eps * growth * (1.0 + 0.08 * _gauss(_h(self.seed, sym, day, "eps")))
            out.append(CorporateEvent(day, _dec(eps)))
        return out

    def next_earnings(self, sym: str) -> date | None:
        if UNIVERSE[sym].eps <= 0:
            return None
        dates = self._earnings_dates(sym, range(self.today.year, self.today.year + 2))
        return next((d for d in dates if d > self.today), None)

    # ---------------------------------------------------------------- listings

    def expirations(self, underlying: str) -> list[Expiration]:
        """Listed expirations (today included when it trades), sorted by ``(date, root)``."""
        pinned = self._pinned_chains.get(underlying)
        if pinned is not None:
            return list(pinned.expirations)
        cached = self._expirations.get(underlying)
        if cached is not None:
            return cached
        spec = UNIVERSE[underlying]
        start = cal.next_trading_day(self.today, inclusive=True)
        monthlies = cal.monthly_expirations(start, MONTHLY_COUNT)
        monthly_set = set(monthlies)
        leap_years = (1, 2, 3) if underlying in ("SPY", "SPX") else (1, 2)
        leaps = [cal.monthly_expiration(self.today.year + k, 1) for k in leap_years]
        leaps += [cal.monthly_expiration(self.today.year + 1, 6)]
        monthly_set.update(d for d in leaps if d >= start)
        short: set[date] = set(cal.weekly_expirations(start, WEEKLY_COUNT))
        if spec.dailies:
            short.update(
                cal.daily_expirations(
                    start, self.today + timedelta(days=DAILY_EXPIRATION_HORIZON_DAYS)
                )
            )
        quarterlies: set[date] = set()
        if spec.kind != "Stock":
            quarterlies = set(cal.quarterly_expirations(start, 4)) - monthly_set
        out: list[Expiration] = []
        if underlying == "SPX":
            for d in sorted(monthly_set):
                out.append(Expiration(d, "Regular", "AM", "SPX"))
            for d in sorted(short | quarterlies | monthly_set):
                kind = "Quarterly" if d in quarterlies else "Weekly"
                out.append(Expiration(d, kind, "PM", "SPXW"))
        else:
            for d in sorted(short | quarterlies | monthly_set):
                if d in monthly_set:
                    kind = "Regular"
                elif d in quarterlies:
                    kind = "Quarterly"
                else:
                    kind = "Weekly"
                out.append(Expiration(d, kind, "PM", underlying))
        out.sort(key=lambda e: (e.date, e.root))
        self._expirations[underlying] = out
        for e in out:
            self._expiration_index[(e.root, e.date)] = e
        return out

    def expiration_for(self, root: str, expiration: date) -> Expiration | None:
        underlying = ROOT_TO_UNDERLYING.get(root)
        if underlying is None:
            return None
        pinned = self._pinned_chains.get(underlying)
        if pinned is not None:
            return pinned.index.get((root, expiration))
        self.expirations(underlying)
        return self._expiration_index.get((root, expiration))

    def roots(self, underlying: str) -> tuple[str, ...]:
        """The option roots listed for an underlying (a pinned chain's roots, in its order)."""
        pinned = self._pinned_chains.get(underlying)
        return pinned.roots if pinned is not None else UNIVERSE[underlying].roots

    def override_chain(self, underlying: str, chain_items: object) -> None:
        """List exactly the chain ``chain_items`` for ``underlying`` until
        :meth:`clear_chain_overrides`.

        ``chain_items`` is the wire JSON of ``GET /option-chains/{underlying}/nested``'s
        ``data.items`` (see :func:`parse_nested_chain` for what is required and checked; a
        malformed chain raises :class:`ChainError` and changes nothing). Afterwards
        ``expirations``, ``strikes``, ``chain``, ``expiration_for``, ``roots`` and ``option``
        answer from the pinned chain only (``option`` is ``None`` for anything else, so orders
        on other contracts are rejected); quotes and greeks still come from the model or from
        :meth:`override_quote`. The route cache (``self.cache``) is cleared.
        """
        pinned = parse_nested_chain(underlying, chain_items, today=self.today)
        self._pinned_chains[underlying] = pinned
        self._forget_listings(underlying)

    def clear_chain_overrides(self, underlying: str | None = None) -> None:
        """Back to the model's listings for ``underlying`` (every underlying when ``None``)."""
        names = list(self._pinned_chains) if underlying is None else [underlying]
        for name in names:
            if self._pinned_chains.pop(name, None) is not None:
                self._forget_listings(name)

    def pinned_chains(self) -> list[str]:
        """Underlyings whose chain is pinned by :meth:`override_chain`."""
        return list(self._pinned_chains)

    def _forget_listings(self, underlying: str) -> None:
        roots = set(UNIVERSE[underlying].roots)
        for occ in [o for o in self._contracts if o[:6].strip() in roots]:
            del self._contracts[occ]
        for occ in [o for o, rec in self._opts.items() if rec is not None and rec.root in roots]:
            del self._opts[occ]
        self.cache.clear()
        self.version += 1

    def _years_to(
        self, expiration: date, settlement_type: str = "PM", moment: datetime | None = None
    ) -> float:
        settle = cal.at_eastern(
            expiration, AM_SETTLE_TIME if settlement_type == "AM" else PM_SETTLE_TIME
        )
        start = moment or self.valuation_time
        return max((settle - start).total_seconds(), 0.0) / SECONDS_PER_YEAR

    def strike_steps(self, underlying: str) -> tuple[float, float]:
        spec = UNIVERSE[underlying]
        if spec.strike_steps is not None:
            return spec.strike_steps
        price = self._spot0[underlying]
        if price < 50:
            return (1.0, 2.5)
        if price < 200:
            return (2.5, 5.0)
        return (5.0, 10.0)

    def _strike_grid(self, underlying: str, expiration: date) -> tuple[list[int], frozenset[int]]:
        key = (underlying, expiration)
        grid = self._strikes.get(key)
        if grid is not None:
            return grid
        spec = UNIVERSE[underlying]
        s0 = self._spot0[underlying]
        t = self._years_to(expiration)
        near, far = self.strike_steps(underlying)
        near_m, far_m = round(near * 1000), round(far * 1000)
        width = min(
            MAX_STRIKE_WIDTH, max(MIN_STRIKE_WIDTH, 3.0 * atm_vol(spec.vol, t) * math.sqrt(t))
        )
        if self._lists_wide(underlying, expiration):
            width = max(width, WIDE_STRIKE_WIDTH)
        near_band = min(width, 0.08 if t < 0.25 else 0.05)
        if t > 0.75:
            near_m = far_m
        s0_m = s0 * 1000
        lo, hi = s0_m * (1 - width), s0_m * (1 + width)
        near_lo, near_hi = s0_m * (1 - near_band), s0_m * (1 + near_band)
        strikes: set[int] = set()
        k = math.ceil(lo / far_m) * far_m
        while k <= hi:
            if k > 0:
                strikes.add(k)
            k += far_m
        k = math.ceil(near_lo / near_m) * near_m
        while k <= near_hi:
            if k > 0:
                strikes.add(k)
            k += near_m
        ordered = sorted(strikes)
        grid = (ordered, frozenset(ordered))
        self._strikes[key] = grid
        return grid

    def _lists_wide(self, underlying: str, expiration: date) -> bool:
        """Whether a monthly or quarterly expires on ``expiration`` (those list far strikes)."""
        self.expirations(underlying)  # fills the index
        return any(
            listing.expiration_type in WIDE_EXPIRATION_TYPES
            for root in UNIVERSE[underlying].roots
            if (listing := self._expiration_index.get((root, expiration))) is not None
        )

    def strikes(self, underlying: str, expiration: date) -> list[Decimal]:
        """Listed strikes of an expiration (empty if the date is not listed)."""
        pinned = self._pinned_chains.get(underlying)
        if pinned is not None:
            found = {
                k
                for e in pinned.expirations
                if e.date == expiration
                for k in pinned.strikes[(e.root, e.date)]
            }
            return sorted(found)
        if not any(e.date == expiration for e in self.expirations(underlying)):
            return []
        return [Decimal(m) / 1000 for m in self._strike_grid(underlying, expiration)[0]]

    def option(self, occ: str) -> OptionContract | None:
        """The listed contract for an OCC symbol, or ``None`` if it is not listed."""
        if self._pinned_chains:
            pinned = self._pinned_chains.get(ROOT_TO_UNDERLYING.get(occ[:6].strip(), ""))
            if pinned is not None:
                return pinned.contracts.get(occ)
        if occ in self._contracts:
            return self._contracts[occ]
        contract: OptionContract | None = None
        parsed = parse_occ(occ)
        if parsed is not None:
            root, exp, kind, strike = (
                parsed.root,
                parsed.expiration,
                parsed.option_type,
                parsed.strike,
            )
            listing = self.expiration_for(root, exp)
            if listing is not None:
                underlying = ROOT_TO_UNDERLYING[root]
                if int(strike * 1000) in self._strike_grid(underlying, exp)[1]:
                    contract = OptionContract(
                        occ=occ_symbol(root, exp, kind, strike),
                        streamer_symbol=streamer_symbol(root, exp, kind, strike),
                        root=root,
                        underlying=underlying,
                        expiration=exp,
                        option_type=kind,
                        strike=strike,
                        expiration_type=listing.expiration_type,
                        settlement_type=listing.settlement_type,
                        exercise_style="European" if underlying == "SPX" else "American",
                    )
        self._contracts[occ] = contract
        return contract

    def chain(self, underlying: str, expiration: Expiration) -> list[OptionContract]:
        """All listed contracts of one expiration (per strike: call then put)."""
        out: list[OptionContract] = []
        root, exp = expiration.root, expiration.date
        pinned = self._pinned_chains.get(underlying)
        if pinned is not None:
            for strike in pinned.strikes.get((root, exp), []):
                for kind in ("C", "P"):
                    out.append(pinned.contracts[occ_symbol(root, exp, kind, strike)])
            return out
        style = "European" if underlying == "SPX" else "American"
        for m in self._strike_grid(underlying, exp)[0]:
            strike = Decimal(m) / 1000
            for kind in ("C", "P"):
                occ = occ_symbol(root, exp, kind, strike)
                contract = self._contracts.get(occ)
                if contract is None:
                    contract = OptionContract(
                        occ=occ,
                        streamer_symbol=streamer_symbol(root, exp, kind, strike),
                        root=root,
                        underlying=underlying,
                        expiration=exp,
                        option_type=kind,
                        strike=strike,
                        expiration_type=expiration.expiration_type,
                        settlement_type=expiration.settlement_type,
                        exercise_style=style,
                    )
                    self._contracts[occ] = contract
                out.append(contract)
        return out

    # ---------------------------------------------------------------- option valuation

    def _rec(self, occ: str) -> _OptRec:
        rec = self._opts.get(occ)
        if rec is not None:
            return rec
        parsed = parse_occ(occ)
        if parsed is None:
            raise KeyError(occ)
        root, exp, kind, strike = parsed.root, parsed.expiration, parsed.option_type, parsed.strike
        underlying = ROOT_TO_UNDERLYING.get(root)
        if underlying is None:
            raise KeyError(occ)
        spec = UNIVERSE[underlying]
        listing = self.expiration_for(root, exp)
        settlement = listing.settlement_type if listing else ("AM" if root == "SPX" else "PM")
        t = self._years_to(exp, settlement) if exp >= self.today else 0.0
        k = float(strike)
        vol, x = smile_vol(spec, self._spot0[underlying], k, max(t, 1e-6))
        ticks = spec.option_ticks
        tick_cents = tuple((math.inf if th is None else th, int(tick * 100)) for th, tick in ticks)
        rec = _OptRec(
            underlying=underlying,
            root=root,
            expiration=exp,
            is_call=kind == "C",
            strike=k,
            strike_dec=strike,
            t=t,
            vol=vol,
            x=x,
            american=underlying != "SPX",
            ticks=ticks,
            tick_cents=tick_cents,
            spread_pct=spec.spread_pct,
            h=_h(self.seed, occ),
        )
        self._opts[occ] = rec
        return rec

    def _theo(self, rec: _OptRec, spot: float) -> tuple[float, float, float, float, float, float]:
        return black_scholes(
            spot,
            rec.strike,
            rec.t,
            rec.vol,
            rec.is_call,
            RISK_FREE_RATE,
            UNIVERSE[rec.underlying].dividend_yield,
        )

    def quote(self, symbol: str, *, delay: float = 0.0) -> Quote:
        """Bid/ask/mark/last for an underlying or an OCC option symbol; ``KeyError`` if unknown.

        ``delay`` prices from the spot ``delay`` seconds ago (sandbox delayed feed).
        """
        if self._overrides:
            pinned = self._overrides.get(symbol)
            if pinned is not None:
                return pinned
        live = self._live.get(symbol)
        if live is not None:
            return self._underlying_quote(symbol, self.spot_float(symbol, delay))
        rec = self._rec(symbol)
        spot = self.spot_float(rec.underlying, delay)
        theo = self._theo(rec, spot)[0]
        if rec.american:
            intrinsic = spot - rec.strike if rec.is_call else rec.strike - spot
            theo = max(theo, intrinsic)
        theo_c = theo * 100.0
        tick = rec.tick_cents[-1][1]
        for threshold, tc in rec.tick_cents:
            if theo < threshold:
                tick = tc
                break
        widen = 1.0 + 0.35 * min(abs(rec.x), 4.0)
        # spreads grow with price, but sub-linearly for deep in-the-money contracts
        half = max(
            tick * 0.5,
            rec.spread_pct * widen * min(theo_c, 300.0) + 0.002 * max(theo_c - 300.0, 0.0),
        )
        bid_c = math.floor((theo_c - half) / tick) * tick
        ask_c = math.ceil((theo_c + half) / tick) * tick
        bid_c = max(bid_c, 0)
        if ask_c <= bid_c:
            ask_c = bid_c + tick
        last_c = min(max(round(theo_c / tick) * tick, bid_c), ask_c)
        mix = (rec.h * 2654435761 + self.version * 40503) & 0xFFFFFFFF
        bid_size = 1 + mix % 250 if bid_c > 0 else 0
        ask_size = 1 + (mix >> 12) % 250
        return Quote(
            bid=_cents(bid_c),
            ask=_cents(ask_c),
            mark=_cents(bid_c + ask_c) / 2,
            last=_cents(last_c),
            bid_size=bid_size,
            ask_size=ask_size,
        )

    def override_quote(
        self,
        symbol: str,
        *,
        bid: Decimal,
        ask: Decimal,
        last: Decimal | None = None,
        mark: Decimal | None = None,
        bid_size: int | None = None,
        ask_size: int | None = None,
    ) -> None:
        """Pin the quote of an underlying or OCC option until :meth:`clear_quote_overrides`.

        Pinning an underlying also pins its spot (at ``last`` or the mid): ``step()`` leaves it
        alone and its options are priced from it.
        """
        mid = mark if mark is not None else (bid + ask) / 2
        if symbol in self._live:
            live = self._live[symbol]
            live.spot = float(last if last is not None else mid)
            self._touch(live, UNIVERSE[symbol])
        else:
            self._rec(symbol)  # KeyError for unknown symbols
        self._overrides[symbol] = Quote(
            bid=bid,
            ask=ask,
            mark=mid,
            last=last if last is not None else mid,
            bid_size=bid_size if bid_size is not None else 10,
            ask_size=ask_size if ask_size is not None else 10,
        )
        self.version += 1

    def clear_quote_overrides(self) -> None:
        self._overrides.clear()
        self.version += 1

    def _underlying_quote(self, sym: str, spot: float) -> Quote:
        spec = UNIVERSE[sym]
        spot_c = round(spot * 100)
        if spec.is_index:
            width = max(2, int(spot * 0.0002 * 100))
        elif spec.is_etf:
            width = 1
        else:
            width = max(1, round(spot * 0.0001 * (1 + spec.vol) * 100))
        bid_c = spot_c - width // 2
        ask_c = bid_c + width
        mix = (_h(self.seed, sym) * 2654435761 + self.version * 40503) & 0xFFFFFFFF
        if spec.is_index:
            bid_size = ask_size = 0
        else:
            bid_size = 100 * (1 + mix % 20)
            ask_size = 100 * (1 + (mix >> 8) % 20)
        return Quote(
            bid=_cents(bid_c),
            ask=_cents(ask_c),
            mark=_cents(bid_c + ask_c) / 2,
            last=_cents(spot_c),
            bid_size=bid_size,
            ask_size=ask_size,
        )

    def greeks(self, occ: str, *, delay: float = 0.0) -> Greeks:
        """Black-Scholes (European) value and greeks at the current spot and smile vol."""
        rec = self._rec(occ)
        price, delta, gamma, theta, vega, rho = self._theo(
            rec, self.spot_float(rec.underlying, delay)
        )
        return Greeks(
            price=_dec(price, 4),
            volatility=_dec(rec.vol, 6),
            delta=_dec(delta, 6),
            gamma=_dec(gamma, 6),
            theta=_dec(theta, 6),
            rho=_dec(rho, 6),
            vega=_dec(vega, 6),
        )

    def implied_volatility(self, occ: str) -> float:
        return self._rec(occ).vol

    def open_interest(self, occ: str) -> int:
        """Seeded open interest: peaked near the money and at round strikes; monthlies heavier."""
        rec = self._rec(occ)
        if rec.oi >= 0:
            return rec.oi
        spec = UNIVERSE[rec.underlying]
        listing = self.expiration_for(rec.root, rec.expiration)
        if listing is None or rec.expiration < self.today:
            rec.oi = 0
            return 0
        t_eff = max(rec.t, 7.0 / 365.0)
        x = math.log(rec.strike / self._spot0[rec.underlying]) / (
            atm_vol(spec.vol, t_eff) * math.sqrt(t_eff)
        )
        shape = math.exp(-0.5 * (x / 1.3) ** 2) + 0.04 * math.exp(-abs(x) / 3.0)
        otm = (x > 0) if rec.is_call else (x < 0)
        if otm:
            shape *= 1.0 if rec.is_call else 1.35
        else:
            shape *= 0.55
        _near, far = self.strike_steps(rec.underlying)
        strike_m = round(rec.strike * 1000)
        if strike_m % round(far * 10 * 1000) == 0:
            shape *= 2.6
        elif strike_m % round(far * 1000) == 0:
            shape *= 1.5
        kind = {"Regular": 3.0, "Quarterly": 2.0}.get(listing.expiration_type, 1.0)
        if rec.t > 0.6:
            kind *= 0.6
        noise = math.exp(0.45 * _gauss(rec.h))
        rec.oi = int(spec.oi_base * shape * kind * noise)
        return rec.oi

    def option_volume(self, occ: str) -> int:
        """Seeded day volume of an option (a fraction of open interest, heavier near expiry)."""
        rec = self._rec(occ)
        boost = 3.0 if rec.t < 3.0 / 365.0 else 1.0
        return int(self.open_interest(occ) * 0.2 * boost * _unit(rec.h >> 3) * 2)

    def option_price_on(
        self,
        underlying: str,
        expiration: date,
        option_type: str,
        strike: Decimal,
        day: date,
    ) -> Decimal:
        """Black-Scholes value at the close of ``day`` (historical spot and the seeded smile)."""
        spec = UNIVERSE[underlying]
        spot = self._close_on(underlying, day)
        close = cal.at_eastern(day, PM_SETTLE_TIME)
        settlement = "AM" if (underlying == "SPX" and self._is_am(expiration)) else "PM"
        t = self._years_to(expiration, settlement, close) if expiration >= day else 0.0
        k = float(strike)
        vol, _ = smile_vol(spec, spot, k, max(t, 1e-6))
        price = black_scholes(
            spot, k, t, vol, option_type == "C", RISK_FREE_RATE, spec.dividend_yield
        )[0]
        if underlying != "SPX":
            price = max(price, spot - k if option_type == "C" else k - spot)
        return _dec(max(price, 0.0))

    @staticmethod
    def _is_am(expiration: date) -> bool:
        return expiration == cal.monthly_expiration(expiration.year, expiration.month)

    def occ_symbol(self, root: str, expiration: date, option_type: str, strike: Decimal) -> str:
        return occ_symbol(root, expiration, option_type, strike)

    def streamer_symbol(
        self,
        root: str,
        expiration: date,
        option_type: str,
        strike: Decimal,
    ) -> str:
        return streamer_symbol(root, expiration, option_type, strike)

    def option_ticks(self, underlying: str) -> tuple[tuple[float | None, Decimal], ...]:
        return UNIVERSE[underlying].option_ticks

    def now(self) -> datetime:
        return datetime.now(UTC)


_PERIOD_RE = re.compile(r"^(\d*(?:\.\d+)?)(s|m|h|d|w|mo|y)$")
_UNIT_SECONDS = {
    "s": 1,
    "m": 60,
    "h": 3600,
    "d": 86400,
    "w": 7 * 86400,
    "mo": 30 * 86400,
    "y": 365 * 86400,
}


def parse_period(period: str) -> tuple[int, str]:
    """``("5m") -> (300, "m")``; ``"d"`` alone means one day. ``ValueError`` if malformed."""
    m = _PERIOD_RE.match(period.strip().lower())
    if m is None:
        raise ValueError(f"bad candle period {period!r}")
    count = float(m.group(1)) if m.group(1) else 1.0
    unit = m.group(2)
    return max(1, int(count * _UNIT_SECONDS[unit])), unit


def _group_bars(daily: list[CandleBar], unit: str) -> list[CandleBar]:
    groups: dict[tuple[int, int], list[CandleBar]] = {}
    for bar in daily:
        day = datetime.fromtimestamp(bar.time_ms / 1000, cal.NYSE_TZ).date()
        if unit == "w":
            iso = day.isocalendar()
            key = (iso.year, iso.week)
        elif unit == "mo":
            key = (day.year, day.month)
        else:
            key = (day.year, 0)
        groups.setdefault(key, []).append(bar)
    return [
        CandleBar(
            g[0].time_ms,
            g[0].open,
            max(b.high for b in g),
            min(b.low for b in g),
            g[-1].close,
            sum(b.volume for b in g),
        )
        for g in groups.values()
    ]
