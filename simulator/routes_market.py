"""Market REST routes: instruments, option chains, market data, metrics, quote tokens, sessions.

Shapes follow the tastytrade SDK 13.2.3 models (``Equity``, ``Option``, ``NestedOptionChain``,
``MarketData``, ``MarketMetricInfo``, ``MarketSession``, ``MarketCalendar``, ``SymbolData``).

Sandbox behaviour (``env.market_data_enabled`` is False): tastytrade documents that market
metrics and real-time market data do not exist in the sandbox and that sandbox quote tokens have
level ``demo``. So in the sandbox:

* ``/market-data/*`` and everything under ``/market-metrics`` answer HTTP 403 with
  ``{"error": {"code": "market_data_unavailable", ...}}`` (the SDK raises ``TastytradeError``);
* ``/api-quote-tokens`` works and returns ``level: "demo"``; the sandbox's DXLink streams data
  delayed by 15 minutes (see ``simulator.dxlink``);
* instruments, option chains, sessions, holidays, symbol search and the public margin
  configuration work as in production.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from aiohttp import web

from simulator import calendar as cal
from simulator import wire
from simulator.hours import FUTURES_COLLECTIONS
from simulator.market import (
    RISK_FREE_RATE_DECIMAL,
    UNIVERSE,
    Expiration,
    Market,
    OptionContract,
    UnderlyingSpec,
)
from simulator.state import ENV_KEY, Environment

MAX_MARKET_DATA_SYMBOLS = 100
SANDBOX_QUOTE_DELAY = 900.0
QUOTE_TOKEN_TTL = timedelta(hours=24)
EQUITY_TICK_SIZES = [{"value": "0.0001", "threshold": "1.0"}, {"value": "0.01"}]
INSTRUMENT_TYPES = {
    "equity": "Equity",
    "equity option": "Equity Option",
    "equity-option": "Equity Option",
    "index": "Index",
}
_IDS = {sym: 1000 + i * 7 for i, sym in enumerate(UNIVERSE)}


# ----------------------------------------------------------------------------- helpers


def quote_tokens(env: Environment) -> set[str]:
    """The DXLink tokens issued in ``env`` (``env.quote_tokens`` if core adds it, else extra)."""
    tokens = getattr(env, "quote_tokens", None)
    if isinstance(tokens, set):
        return tokens
    store = env.extra.setdefault("quote_tokens", set())
    assert isinstance(store, set)
    return store


def _unavailable() -> web.Response:
    return wire.api_error(
        403, "market_data_unavailable", "Market data is not available in the sandbox environment"
    )


def _not_found(what: str) -> web.Response:
    return wire.api_error(404, "record_not_found", f"{what} not found")


def _dec(value: float, places: int = 2) -> str:
    return f"{value:.{places}f}"


def _ticks(ticks: Iterable[tuple[float | None, Decimal]]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for threshold, tick in ticks:
        row = {"value": str(tick)}
        if threshold is not None:
            row["threshold"] = f"{threshold:.1f}"
        out.append(row)
    return out


def _cached(market: Market, key: object, build: Callable[[], Any]) -> Any:
    if key not in market.cache:
        market.cache[key] = build()
    return market.cache[key]


def equity_json(market: Market, sym: str) -> dict[str, Any]:
    spec = market.spec(sym)
    data: dict[str, Any] = {
        "id": _IDS[sym],
        "symbol": sym,
        "instrument-type": "Equity",
        "short-description": spec.description,
        "is-index": spec.is_index,
        "listed-market": spec.listed_market,
        "description": spec.description,
        "lendability": "Easy To Borrow",
        "borrow-rate": "0.0",
        "market-time-instrument-collection": "Equity",
        "is-closing-only": False,
        "is-options-closing-only": False,
        "active": True,
        "is-fractional-quantity-eligible": not spec.is_index,
        "is-illiquid": False,
        "is-etf": spec.is_etf,
        "streamer-symbol": sym,
        "tick-sizes": EQUITY_TICK_SIZES,
        "option-tick-sizes": _ticks(spec.option_ticks),
    }
    if spec.cusip:
        data["cusip"] = spec.cusip
    return data


def _stops_trading_at(contract: OptionContract) -> datetime:
    if contract.settlement_type == "AM":
        return cal.at_eastern(cal.previous_trading_day(contract.expiration), time(16, 0))
    late = contract.underlying in ("SPY", "QQQ", "IWM", "SPX")
    close = (
        time(13, 15 if late else 0)
        if cal.is_half_day(contract.expiration)
        else (time(16, 15 if late else 0))
    )
    return cal.at_eastern(contract.expiration, close)


def option_json(market: Market, contract: OptionContract) -> dict[str, Any]:
    stops = _stops_trading_at(contract)
    expires = (
        cal.at_eastern(contract.expiration, time(9, 30))
        if contract.settlement_type == "AM"
        else stops
    )
    return {
        "symbol": contract.occ,
        "instrument-type": "Equity Option",
        "active": True,
        "strike-price": str(contract.strike),
        "root-symbol": contract.root,
        "underlying-symbol": contract.underlying,
        "expiration-date": contract.expiration.isoformat(),
        "exercise-style": contract.exercise_style,
        "shares-per-contract": 100,
        "option-type": contract.option_type,
        "option-chain-type": "Standard",
        "expiration-type": contract.expiration_type,
        "settlement-type": contract.settlement_type,
        "stops-trading-at": wire.iso(stops),
        "market-time-instrument-collection": "Equity",
        "days-to-expiration": (contract.expiration - market.today).days,
        "expires-at": wire.iso(expires),
        "is-closing-only": False,
        "streamer-symbol": contract.streamer_symbol,
        "listed-market": "XCBO",
    }


def _deliverables(spec: UnderlyingSpec, root: str) -> list[dict[str, Any]]:
    if spec.is_index:
        return [
            {
                "id": _IDS[spec.symbol] + 1,
                "root-symbol": root,
                "deliverable-type": "Cash",
                "description": "Cash Settled",
                "amount": "100.0",
                "percent": "100",
            }
        ]
    return [
        {
            "id": _IDS[spec.symbol],
            "root-symbol": root,
            "deliverable-type": "Shares",
            "description": f"100 shares of {spec.symbol}",
            "amount": "100.0",
            "symbol": spec.symbol,
            "instrument-type": "Equity",
            "percent": "100",
        }
    ]


def nested_chain_json(market: Market, sym: str) -> list[dict[str, Any]]:
    spec = market.spec(sym)
    out: list[dict[str, Any]] = []
    for root in market.roots(sym):
        expirations: list[dict[str, Any]] = []
        for exp in market.expirations(sym):
            if exp.root != root:
                continue
            strikes: list[dict[str, str]] = []
            contracts = market.chain(sym, exp)
            for call, put in zip(contracts[::2], contracts[1::2], strict=True):
                strikes.append(
                    {
                        "strike-price": str(call.strike),
                        "call": call.occ,
                        "call-streamer-symbol": call.streamer_symbol,
                        "put": put.occ,
                        "put-streamer-symbol": put.streamer_symbol,
                    }
                )
            expirations.append(
                {
                    "expiration-type": exp.expiration_type,
                    "expiration-date": exp.date.isoformat(),
                    "days-to-expiration": (exp.date - market.today).days,
                    "settlement-type": exp.settlement_type,
                    "strikes": strikes,
                }
            )
        out.append(
            {
                "underlying-symbol": sym,
                "root-symbol": root,
                "option-chain-type": "Standard",
                "shares-per-contract": 100,
                "tick-sizes": _ticks(spec.option_ticks),
                "deliverables": _deliverables(spec, root),
                "expirations": expirations,
            }
        )
    return out


def _instrument(symbol: str, instrument_type: str, underlying: str, root: str) -> dict[str, Any]:
    return {
        "symbol": symbol,
        "instrument-type": instrument_type,
        "instrument-key": {"symbol": symbol, "instrument-type": instrument_type},
        "underlying-instrument": underlying,
        "root-symbol": root,
        "exchange": "Equity",
    }


def market_data_json(market: Market, symbol: str, instrument_type: str) -> dict[str, Any] | None:
    """A ``MarketData`` object, or ``None`` when the symbol is unknown for that type."""
    now = datetime.now(UTC)
    today = market.today
    summary_date = cal.previous_trading_day(today, inclusive=True)
    prev_date = cal.previous_trading_day(summary_date)
    if instrument_type in ("Equity", "Index"):
        if not market.is_underlying(symbol):
            return None
        spec = market.spec(symbol)
        if (instrument_type == "Index") != spec.is_index:
            return None
        q = market.quote(symbol)
        stats = market.day_stats(symbol)
        low, high = market.year_range(symbol)
        data: dict[str, Any] = {
            "open": str(stats.open),
            "day-open": str(stats.open),
            "day-high-price": str(stats.high),
            "day-low-price": str(stats.low),
            "prev-close": str(stats.prev_close),
            "prev-day-close": str(stats.prev_close),
            "volume": str(stats.volume),
            "beta": _dec(spec.beta),
            "year-low-price": str(low),
            "year-high-price": str(high),
            "instrument": _instrument(symbol, instrument_type, symbol, symbol),
        }
        divs = market.dividends(symbol)
        if divs:
            data["dividend-amount"] = str(divs[-1].amount)
            data["dividend-frequency"] = str(len(spec.dividend_months))
        prev_date = stats.prev_close_date
    elif instrument_type == "Equity Option":
        contract = market.option(symbol)
        if contract is None:
            return None
        q = market.quote(symbol)
        prev_close = market.option_price_on(
            contract.underlying,
            contract.expiration,
            contract.option_type,
            contract.strike,
            prev_date,
        )
        data = {
            "open": str(prev_close),
            "day-open": str(prev_close),
            "day-high-price": str(max(prev_close, q.mark)),
            "day-low-price": str(min(prev_close, q.mark)),
            "prev-close": str(prev_close),
            "prev-day-close": str(prev_close),
            "volume": str(market.option_volume(symbol)),
            "open-interest": str(market.open_interest(symbol)),
            "instrument": _instrument(symbol, instrument_type, contract.underlying, contract.root),
        }
    else:
        return None
    data.update(
        {
            "symbol": symbol,
            "instrument-type": instrument_type,
            "updated-at": wire.iso(now),
            "bid": str(q.bid),
            "bid-size": str(q.bid_size),
            "ask": str(q.ask),
            "ask-size": str(q.ask_size),
            "mid": str(q.mark),
            "mark": str(q.mark),
            "last": str(q.last),
            "last-mkt": str(q.last),
            "last-trade-time": wire.epoch_ms(now),
            "close-price-type": "Unknown" if summary_date == today else "Regular",
            "prev-close-price-type": "Final",
            "summary-date": summary_date.isoformat(),
            "prev-close-date": prev_date.isoformat(),
            "trading-halted": False,
            "halt-start-time": -1,
            "halt-end-time": -1,
        }
    )
    return data


def _quarter_end(day: date) -> date:
    month = ((day.month - 1) // 3) * 3 + 3
    nxt = date(day.year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def metrics_json(market: Market, sym: str) -> dict[str, Any]:
    spec = market.spec(sym)
    now = datetime.now(UTC)
    iv = market.atm_iv(sym)
    rank, percentile, change5 = market.iv_rank(sym)
    hv30 = market.historical_volatility(sym, 21)
    hv60 = market.historical_volatility(sym, 42)
    hv90 = market.historical_volatility(sym, 63)
    spot = float(market.spot(sym))
    market_cap = spot * spec.shares_outstanding
    data: dict[str, Any] = {
        "symbol": sym,
        "implied-volatility-index": _dec(iv, 4),
        "implied-volatility-index-5-day-change": _dec(change5, 4),
        "implied-volatility-index-rank": _dec(rank, 4),
        "tos-implied-volatility-index-rank": _dec(rank, 4),
        "tw-implied-volatility-index-rank": _dec(rank, 4),
        "tos-implied-volatility-index-rank-updated-at": wire.iso(now),
        "implied-volatility-index-rank-source": "tos",
        "implied-volatility-percentile": _dec(percentile, 4),
        "implied-volatility-updated-at": wire.iso(now),
        "liquidity-rating": 5 if spec.kind != "Stock" else 4,
        "liquidity-rank": _dec(min(1.0, spec.oi_base / 30000), 4),
        "liquidity-value": _dec(spec.avg_volume * spot / 1e6, 2),
        "updated-at": wire.iso(now),
        "created-at": wire.iso(now),
        "beta": _dec(spec.beta, 4),
        "beta-updated-at": wire.iso(now),
        "corr-spy-3month": _dec(market.correlation(sym), 4),
        "market-cap": _dec(market_cap, 0),
        "implied-volatility-30-day": _dec(iv * 100, 2),
        "historical-volatility-30-day": _dec(hv30 * 100, 2),
        "historical-volatility-60-day": _dec(hv60 * 100, 2),
        "historical-volatility-90-day": _dec(hv90 * 100, 2),
        "iv-hv-30-day-difference": _dec((iv - hv30) * 100, 2),
        "lendability": "Easy To Borrow",
        "borrow-rate": "0.0",
        "listed-market": spec.listed_market,
        "option-expiration-implied-volatilities": [
            {
                "expiration-date": exp.date.isoformat(),
                "settlement-type": exp.settlement_type,
                "option-chain-type": "Standard",
                "implied-volatility": _dec(
                    market.atm_iv(sym, max((exp.date - market.today).days, 0.5)), 4
                ),
            }
            for exp in market.expirations(sym)
        ],
    }
    earnings = market.earnings(sym)
    if earnings:
        ttm = sum(float(e.amount) for e in earnings[-4:])
        data["earnings-per-share"] = _dec(ttm, 2)
        data["price-earnings-ratio"] = _dec(spot / ttm, 2) if ttm > 0 else None
    nxt = market.next_earnings(sym)
    if nxt is not None:
        data["earnings"] = {
            "visible": True,
            "expected-report-date": nxt.isoformat(),
            "estimated": True,
            "late-flag": 0,
            "quarter-end-date": _quarter_end(nxt - timedelta(days=30)).isoformat(),
            "actual-eps": None,
            "consensus-estimate": _dec(spec.eps * 1.05, 2),
            "time-of-day": "AMC",
            "updated-at": wire.iso(now),
        }
    divs = market.dividends(sym)
    if divs:
        annual = sum(float(d.amount) for d in divs[-len(spec.dividend_months) :])
        data["dividend-rate-per-share"] = _dec(annual, 4)
        data["dividend-yield"] = _dec(annual / spot, 4)
        data["dividend-ex-date"] = divs[-1].occurred_date.isoformat()
        data["dividend-pay-date"] = (divs[-1].occurred_date + timedelta(days=14)).isoformat()
        data["dividend-updated-at"] = wire.iso(now)
        nxt_div = market.next_dividend(sym)
        if nxt_div is not None:
            data["dividend-next-date"] = nxt_div.isoformat()
    return data


def _session_snapshot(collection: str, day: date) -> dict[str, Any]:
    open_at, close_at = cal.session_bounds(day)
    return {
        "instrument-collection": collection,
        "session-date": day.isoformat(),
        "open-at": wire.iso(open_at),
        "close-at": wire.iso(close_at),
        "close-at-ext": wire.iso(cal.at_eastern(day, cal.EXTENDED_CLOSE_TIME)),
        "start-at": wire.iso(cal.at_eastern(day, cal.PRE_MARKET_TIME)),
    }


def session_json(market: Market, collection: str, now: datetime | None = None) -> dict[str, Any]:
    """The current ``MarketSession`` of a collection on the market's ``today``: its state from
    ``market.hours`` (the calendar at ``now``, default the simulation clock, or always
    ``Open`` in ``"open"`` mode) and the calendar's session times."""
    hours = market.hours
    state = hours.session_state(collection, market.today, now)
    session_day = hours.session_day(market.today)
    after = _session_snapshot(collection, cal.next_trading_day(session_day))
    before = _session_snapshot(collection, cal.previous_trading_day(session_day))
    if collection in FUTURES_COLLECTIONS:
        start, close = hours.futures_bounds(market.today)
        return {
            "instrument-collection": collection,
            "state": state,
            "open-at": wire.iso(start),
            "start-at": wire.iso(start),
            "close-at": wire.iso(close),
            "close-at-ext": wire.iso(close),
            "next-session": after,
            "previous-session": before,
        }
    snap = _session_snapshot(collection, session_day)
    return {
        "instrument-collection": collection,
        "state": state,
        "open-at": snap["open-at"],
        "close-at": snap["close-at"],
        "close-at-ext": snap["close-at-ext"],
        "start-at": snap["start-at"],
        "next-session": after,
        "previous-session": before,
    }


def calendar_json(market: Market) -> dict[str, Any]:
    years = (market.today.year, market.today.year + 1)
    return {
        "market-half-days": [d.isoformat() for y in years for d in cal.half_days(y)],
        "market-holidays": [
            d.isoformat() for y in years for d in cal.holiday_names(y) if d.weekday() < 5
        ],
    }


# ----------------------------------------------------------------------------- handlers


def _env(request: web.Request) -> Environment:
    return request.app[ENV_KEY]


async def get_equity(request: web.Request) -> web.Response:
    market = _env(request).market
    sym = request.match_info["symbol"].upper()
    if not market.is_underlying(sym):
        return _not_found(f"Equity {sym}")
    return wire.ok(request, equity_json(market, sym))


def _equity_filter(request: web.Request, symbols: Iterable[str]) -> list[dict[str, Any]]:
    market = _env(request).market
    flags = {k: request.query.get(k) for k in ("is-index", "is-etf")}
    lendability = request.query.get("lendability")
    rows = []
    for sym in symbols:
        if not market.is_underlying(sym):
            continue
        row = equity_json(market, sym)
        if any(v is not None and str(row[k]).lower() != v.lower() for k, v in flags.items()):
            continue
        if lendability and row["lendability"] != lendability:
            continue
        rows.append(row)
    return rows


async def list_equities(request: web.Request) -> web.Response:
    symbols = [s.upper() for s in wire.query_list(request, "symbol")]
    return wire.paginated(request, _equity_filter(request, symbols))


async def active_equities(request: web.Request) -> web.Response:
    market = _env(request).market
    return wire.paginated(request, _equity_filter(request, market.underlyings()))


async def get_equity_option(request: web.Request) -> web.Response:
    market = _env(request).market
    occ = request.match_info["symbol"]
    contract = market.option(occ)
    if contract is None:
        return _not_found(f"Equity option {occ.strip()}")
    return wire.ok(request, option_json(market, contract))


async def list_equity_options(request: web.Request) -> web.Response:
    market = _env(request).market
    rows = []
    for occ in wire.query_list(request, "symbol"):
        contract = market.option(occ)
        if contract is not None:
            rows.append(option_json(market, contract))
    return wire.items(request, rows)


def _chain_rows(market: Market, sym: str) -> list[dict[str, Any]]:
    def build() -> list[dict[str, Any]]:
        return [
            option_json(market, c)
            for exp in market.expirations(sym)
            for c in market.chain(sym, exp)
        ]

    rows: list[dict[str, Any]] = _cached(market, ("option-chain", sym), build)
    return rows


async def option_chain(request: web.Request) -> web.Response:
    market = _env(request).market
    sym = request.match_info["symbol"].upper()
    if not market.is_underlying(sym):
        return wire.items(request, [])
    body: str = _cached(
        market,
        ("option-chain-body", sym, request.path),
        lambda: wire.dumps({"data": {"items": _chain_rows(market, sym)}, "context": request.path}),
    )
    return web.Response(text=body, content_type="application/json")


async def nested_option_chain(request: web.Request) -> web.Response:
    market = _env(request).market
    sym = request.match_info["symbol"].upper()
    if not market.is_underlying(sym):
        return wire.items(request, [])
    rows = _cached(market, ("nested-chain", sym), lambda: nested_chain_json(market, sym))
    return wire.items(request, rows)


async def compact_option_chain(request: web.Request) -> web.Response:
    market = _env(request).market
    sym = request.match_info["symbol"].upper()
    if not market.is_underlying(sym):
        return wire.items(request, [])
    spec = market.spec(sym)
    rows = []
    for root in market.roots(sym):
        exps: list[Expiration] = [e for e in market.expirations(sym) if e.root == root]
        contracts = [c for e in exps for c in market.chain(sym, e)]
        rows.append(
            {
                "underlying-symbol": sym,
                "root-symbol": root,
                "option-chain-type": "Standard",
                "settlement-type": exps[0].settlement_type if exps else "PM",
                "shares-per-contract": 100,
                "expiration-type": "Regular" if root == "SPX" else "Weekly",
                "deliverables": _deliverables(spec, root),
                "symbols": [c.occ for c in contracts],
                "streamer-symbols": [c.streamer_symbol for c in contracts],
            }
        )
    return wire.items(request, rows)


async def market_data_by_type(request: web.Request) -> web.Response:
    env = _env(request)
    if not env.market_data_enabled:
        return _unavailable()
    wanted: list[tuple[str, str]] = []
    for key, kind in (
        ("index", "Index"),
        ("equity", "Equity"),
        ("equity-option", "Equity Option"),
        ("future", "Future"),
        ("future-option", "Future Option"),
        ("cryptocurrency", "Cryptocurrency"),
    ):
        wanted.extend((kind, s) for s in wire.query_list(request, key))
    if len(wanted) > MAX_MARKET_DATA_SYMBOLS:
        return wire.api_error(
            400,
            "too_many_symbols",
            f"At most {MAX_MARKET_DATA_SYMBOLS} symbols may be requested at once",
        )
    rows = []
    for kind, sym in wanted:
        row = market_data_json(env.market, sym if kind == "Equity Option" else sym.upper(), kind)
        if row is not None:
            rows.append(row)
    return wire.items(request, rows)


async def market_data_single(request: web.Request) -> web.Response:
    env = _env(request)
    if not env.market_data_enabled:
        return _unavailable()
    kind = INSTRUMENT_TYPES.get(request.match_info["instrument_type"].lower())
    sym = request.match_info["symbol"]
    row = None
    if kind is not None:
        row = market_data_json(env.market, sym if kind == "Equity Option" else sym.upper(), kind)
    if row is None:
        return _not_found(f"Market data for {sym}")
    return wire.ok(request, row)


async def market_metrics(request: web.Request) -> web.Response:
    env = _env(request)
    if not env.market_data_enabled:
        return _unavailable()
    rows = [
        metrics_json(env.market, s.upper())
        for s in wire.query_list(request, "symbols")
        if env.market.is_underlying(s.upper())
    ]
    return wire.items(request, rows)


async def dividends(request: web.Request) -> web.Response:
    env = _env(request)
    if not env.market_data_enabled:
        return _unavailable()
    sym = request.match_info["symbol"].upper()
    if not env.market.is_underlying(sym):
        return wire.items(request, [])
    rows = [
        {"occurred-date": d.occurred_date.isoformat(), "amount": str(d.amount)}
        for d in reversed(env.market.dividends(sym))
    ]
    return wire.items(request, rows)


async def earnings_reports(request: web.Request) -> web.Response:
    env = _env(request)
    if not env.market_data_enabled:
        return _unavailable()
    sym = request.match_info["symbol"].upper()
    if not env.market.is_underlying(sym):
        return wire.items(request, [])
    start: date | None = None
    if "start-date" in request.query:
        try:
            start = date.fromisoformat(request.query["start-date"])
        except ValueError:
            return wire.api_error(400, "invalid_parameter", "start-date must be YYYY-MM-DD")
    rows = [
        {"occurred-date": e.occurred_date.isoformat(), "eps": str(e.amount)}
        for e in env.market.earnings(sym)
        if start is None or e.occurred_date >= start
    ]
    return wire.items(request, rows)


async def api_quote_tokens(request: web.Request) -> web.Response:
    env = _env(request)
    token = "dxlink-" + secrets.token_urlsafe(18)
    quote_tokens(env).add(token)
    prefix = request.path[: -len("/api-quote-tokens")]
    scheme = "wss" if request.scheme == "https" else "ws"
    now = datetime.now(UTC)
    return wire.ok(
        request,
        {
            "token": token,
            "dxlink-url": f"{scheme}://{request.host}{prefix}/dxlink",
            "level": "api" if env.market_data_enabled else "demo",
            "issued-at": wire.iso(now),
            "expires-at": wire.iso(now + QUOTE_TOKEN_TTL),
        },
    )


async def sessions_current(request: web.Request) -> web.Response:
    market = _env(request).market
    collections = wire.query_list(request, "instrument-collections") or ["Equity"]
    return wire.items(request, [session_json(market, c) for c in collections])


async def equity_holidays(request: web.Request) -> web.Response:
    return wire.ok(request, calendar_json(_env(request).market))


async def futures_holidays(request: web.Request) -> web.Response:
    return wire.ok(request, calendar_json(_env(request).market))


async def symbol_search(request: web.Request) -> web.Response:
    market = _env(request).market
    needle = request.match_info["prefix"].upper()
    starts = [s for s in market.underlyings() if s.startswith(needle)]
    contains = [
        s
        for s in market.underlyings()
        if s not in starts and needle and needle in market.spec(s).description.upper()
    ]
    return wire.items(
        request,
        [{"symbol": s, "description": market.spec(s).description} for s in starts + contains],
    )


async def margin_public_configuration(request: web.Request) -> web.Response:
    return wire.ok(
        request,
        {
            "risk-free-rate": str(RISK_FREE_RATE_DECIMAL),
            "dividend-yield-default": "0.0",
        },
    )


def add_market_routes(app: web.Application) -> None:
    """Register the market REST routes on an environment's app."""
    r = app.router
    r.add_get("/instruments/equities/active", active_equities)
    r.add_get("/instruments/equities", list_equities)
    r.add_get("/instruments/equities/{symbol:.+}", get_equity)
    r.add_get("/instruments/equity-options", list_equity_options)
    r.add_get("/instruments/equity-options/{symbol:.+}", get_equity_option)
    r.add_get("/option-chains/{symbol}/nested", nested_option_chain)
    r.add_get("/option-chains/{symbol}/compact", compact_option_chain)
    r.add_get("/option-chains/{symbol}", option_chain)
    r.add_get("/market-data/by-type", market_data_by_type)
    r.add_get("/market-data/{instrument_type}/{symbol:.+}", market_data_single)
    r.add_get("/market-metrics", market_metrics)
    r.add_get("/market-metrics/historic-corporate-events/dividends/{symbol:.+}", dividends)
    r.add_get(
        "/market-metrics/historic-corporate-events/earnings-reports/{symbol:.+}",
        earnings_reports,
    )
    r.add_get("/api-quote-tokens", api_quote_tokens)
    r.add_get("/market-time/sessions/current", sessions_current)
    r.add_get("/market-time/equities/holidays", equity_holidays)
    r.add_get("/market-time/futures/holidays/{exchange}", futures_holidays)
    r.add_get("/symbols/search/{prefix:.*}", symbol_search)
    r.add_get("/margin-requirements-public-configuration", margin_public_configuration)
