"""``GET /dxlink``: a DXLink (dxFeed) WebSocket speaking what the tastytrade SDK expects.

Protocol (spec section 6): ``SETUP`` -> ``SETUP`` + ``AUTH_STATE UNAUTHORIZED``; ``AUTH`` with a
token issued by ``/api-quote-tokens`` of the same environment -> ``AUTH_STATE AUTHORIZED``, any
other token -> ``ERROR`` (never a second UNAUTHORIZED, which would make the SDK loop);
``CHANNEL_REQUEST`` -> ``CHANNEL_OPENED``; ``FEED_SETUP`` -> ``FEED_CONFIG`` echoing the fields;
``FEED_SUBSCRIPTION`` add/remove/reset; ``CHANNEL_CANCEL`` -> ``CHANNEL_CLOSED``; ``KEEPALIVE``
-> ``KEEPALIVE``. A connection that sends nothing for ``KEEPALIVE_TIMEOUT`` seconds is closed.

Data: ``FEED_DATA`` frames in the format the channel asked for (COMPACT by default), one event
type per frame, values in the order of ``acceptEventFields`` ("NaN" for fields the simulator
does not model), each frame below ``MAX_FRAME_BYTES``. Supported events: Quote, Trade, Greeks,
TheoPrice (options), Summary (open interest for options, 0 for underlyings), Profile, Underlying
(underlyings) and Candle (underlyings; history from ``fromTime`` then the live bar). A snapshot is
sent on subscription; afterwards, whenever the market has stepped, every subscription of a
channel gets fresh Quote/Trade/Greeks/TheoPrice/Candle events (at most once per aggregation
period); Summary/Profile/Underlying are re-sent every ``SLOW_EVERY`` market steps.

The sandbox (``env.market_data_enabled`` False) streams the same events priced from the spot
``SANDBOX_DELAY`` seconds (15 minutes) ago: tastytrade's sandbox only offers a delayed feed.

Faults: :func:`drop_all_dxlink` (one environment or all) and :func:`drop_dxlink_by_name` (what
the fault runner calls) close open sockets.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

from simulator.market import Market, parse_period
from simulator.routes_market import quote_tokens
from simulator.state import ENV_KEY, Environment
from simulator.symbols import streamer_to_occ

MAX_FRAME_BYTES = 60_000
KEEPALIVE_TIMEOUT = 60.0
SANDBOX_DELAY = 900.0
MIN_AGGREGATION = 0.05
DEFAULT_AGGREGATION = 0.1
SLOW_EVERY = 30
SERVER_VERSION = "1.0.2-sim"
SNAPSHOT_BEGIN = 0x4
SNAPSHOT_END = 0x8
NAN = "NaN"
LIVE_TYPES = ("Quote", "Trade", "Greeks", "TheoPrice", "Candle")

DEFAULT_FIELDS: dict[str, list[str]] = {
    "Quote": [
        "eventSymbol",
        "eventTime",
        "sequence",
        "timeNanoPart",
        "bidTime",
        "bidExchangeCode",
        "askTime",
        "askExchangeCode",
        "bidPrice",
        "askPrice",
        "bidSize",
        "askSize",
    ],
    "Trade": [
        "eventSymbol",
        "eventTime",
        "time",
        "timeNanoPart",
        "sequence",
        "exchangeCode",
        "dayId",
        "tickDirection",
        "extendedTradingHours",
        "price",
        "change",
        "size",
        "dayVolume",
        "dayTurnover",
    ],
    "Greeks": [
        "eventSymbol",
        "eventTime",
        "eventFlags",
        "index",
        "time",
        "sequence",
        "price",
        "volatility",
        "delta",
        "gamma",
        "theta",
        "rho",
        "vega",
    ],
    "Summary": [
        "eventSymbol",
        "eventTime",
        "dayId",
        "dayClosePriceType",
        "prevDayId",
        "prevDayClosePriceType",
        "openInterest",
        "dayOpenPrice",
        "dayHighPrice",
        "dayLowPrice",
        "dayClosePrice",
        "prevDayClosePrice",
        "prevDayVolume",
    ],
    "Candle": [
        "eventSymbol",
        "eventTime",
        "eventFlags",
        "index",
        "time",
        "sequence",
        "count",
        "volume",
        "vwap",
        "bidVolume",
        "askVolume",
        "impVolatility",
        "openInterest",
        "open",
        "high",
        "low",
        "close",
    ],
    "Profile": [
        "eventSymbol",
        "eventTime",
        "description",
        "shortSaleRestriction",
        "tradingStatus",
        "haltStartTime",
        "haltEndTime",
        "exDividendDayId",
        "statusReason",
        "high52WeekPrice",
        "low52WeekPrice",
        "beta",
        "shares",
        "highLimitPrice",
        "lowLimitPrice",
        "earningsPerShare",
        "exDividendAmount",
        "dividendFrequency",
        "freeFloat",
    ],
    "TheoPrice": [
        "eventSymbol",
        "eventTime",
        "eventFlags",
        "index",
        "time",
        "sequence",
        "price",
        "underlyingPrice",
        "delta",
        "gamma",
        "dividend",
        "interest",
    ],
    "Underlying": [
        "eventSymbol",
        "eventTime",
        "eventFlags",
        "index",
        "time",
        "sequence",
        "volatility",
        "frontVolatility",
        "backVolatility",
        "callVolume",
        "putVolume",
        "optionVolume",
        "putCallRatio",
    ],
}
_CANDLE_RE = re.compile(r"^(?P<base>[^{]+)(?:\{(?P<attrs>[^}]*)\})?$")

_CONNECTIONS: set[_Connection] = set()


# ----------------------------------------------------------------------------- fault hooks


async def drop_all_dxlink(env: Environment | None = None, code: int = 1011) -> int:
    """Close every open DXLink socket (of ``env``, or of every environment); returns how many."""
    victims = [c for c in list(_CONNECTIONS) if env is None or c.env is env]
    for conn in victims:
        await conn.close(code)
    return len(victims)


async def drop_dxlink_by_name(name: str | None = None) -> int:
    """Fault hook: close DXLink sockets of the environment named ``name`` (``*``/empty = all)."""
    victims = [c for c in list(_CONNECTIONS) if name in (None, "", "*") or c.env.name == name]
    for conn in victims:
        await conn.close(1011)
    return len(victims)


def open_dxlink_count(env: Environment | None = None) -> int:
    return sum(1 for c in _CONNECTIONS if env is None or c.env is env)


# ----------------------------------------------------------------------------- event builders


def _f(value: Any) -> Any:
    if value is None:
        return NAN
    number = float(value)
    return number if math.isfinite(number) else NAN


def _day_id(moment: datetime) -> int:
    return int(moment.timestamp() // 86400)


@dataclass
class _Sub:
    symbol: str  # as subscribed (streamer symbol, or candle symbol)
    event_type: str
    target: str  # underlying symbol or OCC
    is_option: bool
    from_time: int = 0
    period: str = ""
    candle_index: dict[int, int] = field(default_factory=dict)


@dataclass
class _Channel:
    number: int
    fields: dict[str, list[str]] = field(default_factory=dict)
    aggregation: float = DEFAULT_AGGREGATION
    data_format: str = "COMPACT"
    subs: dict[tuple[str, str], _Sub] = field(default_factory=dict)


class _Connection:
    def __init__(self, ws: web.WebSocketResponse, env: Environment) -> None:
        self.ws = ws
        self.env = env
        self.market: Market = env.market
        self.delay = 0.0 if env.market_data_enabled else SANDBOX_DELAY
        self.authorized = False
        self.channels: dict[int, _Channel] = {}
        self.sequence = 0
        self.pusher: asyncio.Task[None] | None = None
        self.lock = asyncio.Lock()

    async def close(self, code: int = 1000) -> None:
        with contextlib.suppress(Exception):
            await self.ws.close(code=code, message=b"dxlink closed by simulator")

    async def send(self, payload: dict[str, Any]) -> None:
        await self.ws.send_str(json.dumps(payload, separators=(",", ":")))

    # ------------------------------------------------------------------ protocol

    async def handle(self, msg: dict[str, Any]) -> None:
        kind = msg.get("type")
        channel = int(msg.get("channel", 0) or 0)
        if kind == "SETUP":
            await self.send(
                {
                    "type": "SETUP",
                    "channel": 0,
                    "keepaliveTimeout": 60,
                    "acceptKeepaliveTimeout": 60,
                    "version": SERVER_VERSION,
                }
            )
            await self.send(
                {
                    "type": "AUTH_STATE",
                    "channel": 0,
                    "state": "AUTHORIZED" if self.authorized else "UNAUTHORIZED",
                }
            )
        elif kind == "KEEPALIVE":
            await self.send({"type": "KEEPALIVE", "channel": 0})
        elif kind == "AUTH":
            if str(msg.get("token", "")) in quote_tokens(self.env):
                self.authorized = True
                await self.send(
                    {
                        "type": "AUTH_STATE",
                        "channel": 0,
                        "state": "AUTHORIZED",
                        "userId": f"sim-{self.env.name}",
                    }
                )
            else:
                await self.error(0, "UNAUTHORIZED", "Invalid or expired quote token")
        elif not self.authorized:
            await self.error(channel, "UNAUTHORIZED", "Send AUTH with a valid token first")
        elif kind == "CHANNEL_REQUEST":
            self.channels[channel] = _Channel(channel)
            params = dict(msg.get("parameters") or {})
            params.setdefault("contract", "AUTO")
            params["subFormat"] = "LIST"
            await self.send(
                {
                    "type": "CHANNEL_OPENED",
                    "channel": channel,
                    "service": msg.get("service", "FEED"),
                    "parameters": params,
                }
            )
        elif kind == "CHANNEL_CANCEL":
            if self.channels.pop(channel, None) is not None:
                await self.send({"type": "CHANNEL_CLOSED", "channel": channel})
        elif kind in ("FEED_SETUP", "FEED_SUBSCRIPTION"):
            ch = self.channels.get(channel)
            if ch is None:
                await self.error(channel, "BAD_ACTION", f"channel {channel} is not open")
            elif kind == "FEED_SETUP":
                await self.feed_setup(ch, msg)
            else:
                await self.feed_subscription(ch, msg)
        # unknown message types are ignored, like the real server

    async def error(self, channel: int, error: str, message: str) -> None:
        await self.send({"type": "ERROR", "channel": channel, "error": error, "message": message})

    async def feed_setup(self, ch: _Channel, msg: dict[str, Any]) -> None:
        fields = msg.get("acceptEventFields")
        if isinstance(fields, dict):
            for event_type, names in fields.items():
                if isinstance(names, list):
                    ch.fields[str(event_type)] = [str(n) for n in names]
        if "acceptAggregationPeriod" in msg:
            with contextlib.suppress(TypeError, ValueError):
                ch.aggregation = max(MIN_AGGREGATION, float(msg["acceptAggregationPeriod"]))
        if msg.get("acceptDataFormat") in ("COMPACT", "FULL"):
            ch.data_format = str(msg["acceptDataFormat"])
        await self.send(
            {
                "type": "FEED_CONFIG",
                "channel": ch.number,
                "aggregationPeriod": ch.aggregation,
                "dataFormat": ch.data_format,
                "eventFields": ch.fields,
            }
        )

    async def feed_subscription(self, ch: _Channel, msg: dict[str, Any]) -> None:
        if msg.get("reset"):
            ch.subs.clear()
        for item in msg.get("remove") or []:
            ch.subs.pop((str(item.get("type")), str(item.get("symbol"))), None)
        added: list[_Sub] = []
        for item in msg.get("add") or []:
            sub = self._resolve(
                str(item.get("type", "")), str(item.get("symbol", "")), item.get("fromTime")
            )
            if sub is not None:
                ch.subs[(sub.event_type, sub.symbol)] = sub
                added.append(sub)
        if added:
            await self.push(ch, added, snapshot=True, slow=True)
        self._ensure_pusher()

    def _resolve(self, event_type: str, symbol: str, from_time: Any) -> _Sub | None:
        if event_type not in DEFAULT_FIELDS:
            return None
        if event_type == "Candle":
            m = _CANDLE_RE.match(symbol)
            if m is None:
                return None
            period = "1d"
            for attr in (m.group("attrs") or "").split(","):
                if attr.startswith("="):
                    period = attr[1:]
            try:
                parse_period(period)
            except ValueError:
                return None
            base = m.group("base")
            if not self.market.is_underlying(base):
                return None
            try:
                start = int(from_time) if from_time is not None else 0
            except (TypeError, ValueError):
                start = 0
            return _Sub(symbol, event_type, base, False, start, period)
        if self.market.is_underlying(symbol):
            return _Sub(symbol, event_type, symbol, False)
        occ = streamer_to_occ(symbol)
        if occ is None:
            return None
        try:
            self.market.quote(occ)
        except KeyError:
            return None
        return _Sub(symbol, event_type, occ, True)

    # ------------------------------------------------------------------ data

    def _ensure_pusher(self) -> None:
        if self.pusher is None or self.pusher.done():
            self.pusher = asyncio.create_task(self._push_loop())

    async def _push_loop(self) -> None:
        seen = self.market.version
        while not self.ws.closed:
            period = min(
                (c.aggregation for c in self.channels.values()), default=DEFAULT_AGGREGATION
            )
            await asyncio.sleep(period)
            version = self.market.version
            if version == seen:
                continue
            slow = version // SLOW_EVERY != seen // SLOW_EVERY
            seen = version
            for ch in list(self.channels.values()):
                subs = [s for s in ch.subs.values() if slow or s.event_type in LIVE_TYPES]
                if subs:
                    await self.push(ch, subs, snapshot=False, slow=slow)

    async def push(self, ch: _Channel, subs: list[_Sub], *, snapshot: bool, slow: bool) -> None:
        now = datetime.now(UTC)
        by_type: dict[str, list[dict[str, Any]]] = {}
        for sub in subs:
            events = self._events(sub, now, snapshot)
            if events:
                by_type.setdefault(sub.event_type, []).extend(events)
        async with self.lock:
            for event_type, events in by_type.items():
                await self._send_events(ch, event_type, events)

    async def _send_events(
        self, ch: _Channel, event_type: str, events: list[dict[str, Any]]
    ) -> None:
        if ch.data_format == "FULL":
            rows = [
                json.dumps({"eventType": event_type, **e}, separators=(",", ":")) for e in events
            ]
        else:
            fields = ch.fields.get(event_type) or DEFAULT_FIELDS[event_type]
            rows = [
                json.dumps([e.get(f, NAN) for f in fields], separators=(",", ":"))[1:-1]
                for e in events
            ]
        prefix = f'{{"type":"FEED_DATA","channel":{ch.number},"data":'
        if ch.data_format == "FULL":
            head, tail = prefix + "[", "]}"
        else:
            head, tail = prefix + f'["{event_type}",[', "]]}"
        parts: list[str] = []
        size = len(head) + len(tail)
        for row in rows:
            if parts and size + len(row) + 1 > MAX_FRAME_BYTES:
                await self.ws.send_str(head + ",".join(parts) + tail)
                parts, size = [], len(head) + len(tail)
            parts.append(row)
            size += len(row) + 1
        if parts:
            await self.ws.send_str(head + ",".join(parts) + tail)

    def _events(self, sub: _Sub, now: datetime, snapshot: bool) -> list[dict[str, Any]]:
        builder: Callable[[_Sub, datetime], dict[str, Any] | None] | None = {
            "Quote": self._quote,
            "Trade": self._trade,
            "Greeks": self._greeks,
            "Summary": self._summary,
            "Profile": self._profile,
            "TheoPrice": self._theo,
            "Underlying": self._underlying,
        }.get(sub.event_type)
        if sub.event_type == "Candle":
            return self._candles(sub, now, snapshot)
        if builder is None:
            return []
        event = builder(sub, now)
        return [event] if event is not None else []

    def _quote(self, sub: _Sub, now: datetime) -> dict[str, Any]:
        q = self.market.quote(sub.target, delay=self.delay)
        ms = int(now.timestamp() * 1000)
        code = "C" if sub.is_option else "Q"
        self.sequence += 1
        return {
            "eventSymbol": sub.symbol,
            "eventTime": 0,
            "sequence": 0,
            "timeNanoPart": 0,
            "bidTime": ms,
            "bidExchangeCode": code,
            "askTime": ms,
            "askExchangeCode": code,
            "bidPrice": _f(q.bid),
            "askPrice": _f(q.ask),
            "bidSize": q.bid_size,
            "askSize": q.ask_size,
        }

    def _prev_close(self, sub: _Sub) -> float:
        if not sub.is_option:
            return float(self.market.day_stats(sub.target).prev_close)
        contract = self.market.option(sub.target)
        if contract is None:
            return math.nan
        return float(
            self.market.option_price_on(
                contract.underlying,
                contract.expiration,
                contract.option_type,
                contract.strike,
                self.market.day_stats(contract.underlying).prev_close_date,
            )
        )

    def _trade(self, sub: _Sub, now: datetime) -> dict[str, Any]:
        q = self.market.quote(sub.target, delay=self.delay)
        price = float(q.last)
        prev = self._prev_close(sub)
        volume = (
            self.market.option_volume(sub.target)
            if sub.is_option
            else self.market.day_stats(sub.target).volume
        )
        return {
            "eventSymbol": sub.symbol,
            "eventTime": 0,
            "time": int(now.timestamp() * 1000),
            "timeNanoPart": 0,
            "sequence": 0,
            "exchangeCode": "C" if sub.is_option else "Q",
            "dayId": _day_id(now),
            "tickDirection": "ZERO",
            "extendedTradingHours": False,
            "price": price,
            "change": _f(round(price - prev, 4)),
            "size": 1 if sub.is_option else 100,
            "dayVolume": volume,
            "dayTurnover": _f(round(volume * price, 2)),
        }

    def _greeks(self, sub: _Sub, now: datetime) -> dict[str, Any] | None:
        if not sub.is_option:
            return None
        g = self.market.greeks(sub.target, delay=self.delay)
        return {
            "eventSymbol": sub.symbol,
            "eventTime": 0,
            "eventFlags": 0,
            "index": 0,
            "time": int(now.timestamp() * 1000),
            "sequence": 0,
            "price": _f(g.price),
            "volatility": _f(g.volatility),
            "delta": _f(g.delta),
            "gamma": _f(g.gamma),
            "theta": _f(g.theta),
            "rho": _f(g.rho),
            "vega": _f(g.vega),
        }

    def _theo(self, sub: _Sub, now: datetime) -> dict[str, Any] | None:
        if not sub.is_option:
            return None
        g = self.market.greeks(sub.target, delay=self.delay)
        contract = self.market.option(sub.target)
        underlying = contract.underlying if contract else self.market._rec(sub.target).underlying
        return {
            "eventSymbol": sub.symbol,
            "eventTime": 0,
            "eventFlags": 0,
            "index": 0,
            "time": int(now.timestamp() * 1000),
            "sequence": 0,
            "price": _f(g.price),
            "underlyingPrice": self.market.spot_float(underlying, self.delay),
            "delta": _f(g.delta),
            "gamma": _f(g.gamma),
            "dividend": 0.0,
            "interest": 0.0425,
        }

    def _summary(self, sub: _Sub, now: datetime) -> dict[str, Any]:
        day_id = _day_id(now)
        event: dict[str, Any] = {
            "eventSymbol": sub.symbol,
            "eventTime": 0,
            "dayId": day_id,
            "dayClosePriceType": "REGULAR",
            "prevDayId": day_id - 1,
            "prevDayClosePriceType": "FINAL",
            "dayClosePrice": NAN,
        }
        if sub.is_option:
            mark = float(self.market.quote(sub.target, delay=self.delay).mark)
            prev = self._prev_close(sub)
            event.update(
                {
                    "openInterest": self.market.open_interest(sub.target),
                    "dayOpenPrice": _f(prev),
                    "dayHighPrice": _f(max(prev, mark)),
                    "dayLowPrice": _f(min(prev, mark)),
                    "prevDayClosePrice": _f(prev),
                    "prevDayVolume": self.market.option_volume(sub.target),
                }
            )
        else:
            stats = self.market.day_stats(sub.target)
            event.update(
                {
                    "openInterest": 0,
                    "dayOpenPrice": _f(stats.open),
                    "dayHighPrice": _f(stats.high),
                    "dayLowPrice": _f(stats.low),
                    "prevDayClosePrice": _f(stats.prev_close),
                    "prevDayVolume": int(self.market.spec(sub.target).avg_volume),
                }
            )
        return event

    def _profile(self, sub: _Sub, now: datetime) -> dict[str, Any]:
        event: dict[str, Any] = {
            "eventSymbol": sub.symbol,
            "eventTime": 0,
            "shortSaleRestriction": "INACTIVE",
            "tradingStatus": "ACTIVE",
            "haltStartTime": 0,
            "haltEndTime": 0,
            "exDividendDayId": 0,
            "statusReason": "",
        }
        if sub.is_option:
            event["description"] = sub.target
            return event
        spec = self.market.spec(sub.target)
        low, high = self.market.year_range(sub.target)
        event.update(
            {
                "description": spec.description,
                "high52WeekPrice": _f(high),
                "low52WeekPrice": _f(low),
                "beta": spec.beta,
                "shares": spec.shares_outstanding or NAN,
            }
        )
        divs = self.market.dividends(sub.target)
        if divs:
            event["exDividendDayId"] = divs[-1].occurred_date.toordinal() - 719163
            event["exDividendAmount"] = _f(divs[-1].amount)
            event["dividendFrequency"] = len(spec.dividend_months)
        return event

    def _underlying(self, sub: _Sub, now: datetime) -> dict[str, Any] | None:
        if sub.is_option:
            return None
        iv = self.market.atm_iv(sub.target)
        volume = self.market.spec(sub.target).oi_base * 20
        return {
            "eventSymbol": sub.symbol,
            "eventTime": 0,
            "eventFlags": 0,
            "index": 0,
            "time": int(now.timestamp() * 1000),
            "sequence": 0,
            "volatility": iv,
            "frontVolatility": self.market.atm_iv(sub.target, 7),
            "backVolatility": self.market.atm_iv(sub.target, 60),
            "callVolume": volume * 0.55,
            "putVolume": volume * 0.45,
            "optionVolume": volume,
            "putCallRatio": round(0.45 / 0.55, 4),
        }

    def _candles(self, sub: _Sub, now: datetime, snapshot: bool) -> list[dict[str, Any]]:
        if snapshot:
            bars = self.market.candles(sub.target, sub.period, sub.from_time, now)
        else:
            last = max(sub.candle_index, default=sub.from_time)
            bars = self.market.candles(sub.target, sub.period, last, now)
        events: list[dict[str, Any]] = []
        for bar in bars:
            index = sub.candle_index.setdefault(bar.time_ms, (bar.time_ms // 1000) << 32)
            events.append(
                {
                    "eventSymbol": sub.symbol,
                    "eventTime": 0,
                    "eventFlags": 0,
                    "index": index,
                    "time": bar.time_ms,
                    "sequence": 0,
                    "count": max(1, int(bar.volume // 100)),
                    "volume": round(bar.volume),
                    "vwap": round(bar.vwap, 4),
                    "bidVolume": NAN,
                    "askVolume": NAN,
                    "impVolatility": NAN,
                    "openInterest": NAN,
                    "open": round(bar.open, 4),
                    "high": round(bar.high, 4),
                    "low": round(bar.low, 4),
                    "close": round(bar.close, 4),
                }
            )
        if snapshot and events:
            events.reverse()  # dxFeed sends indexed-event snapshots newest first
            events[0]["eventFlags"] |= SNAPSHOT_BEGIN
            events[-1]["eventFlags"] |= SNAPSHOT_END
        return events


async def dxlink_handler(request: web.Request) -> web.WebSocketResponse:
    env = request.app[ENV_KEY]
    ws = web.WebSocketResponse(autoping=True, max_msg_size=4 * 1024 * 1024)
    await ws.prepare(request)
    conn = _Connection(ws, env)
    _CONNECTIONS.add(conn)
    try:
        while not ws.closed:
            try:
                msg = await ws.receive(timeout=KEEPALIVE_TIMEOUT)
            except TimeoutError:
                await conn.close(1001)
                break
            if msg.type != WSMsgType.TEXT:
                if msg.type in (
                    WSMsgType.CLOSE,
                    WSMsgType.CLOSING,
                    WSMsgType.CLOSED,
                    WSMsgType.ERROR,
                ):
                    break
                continue
            try:
                payload = json.loads(msg.data)
            except ValueError:
                await conn.error(0, "INVALID_MESSAGE", "message is not JSON")
                continue
            if isinstance(payload, dict):
                await conn.handle(payload)
    except ConnectionResetError:
        pass
    finally:
        _CONNECTIONS.discard(conn)
        if conn.pusher is not None:
            conn.pusher.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await conn.pusher
        await conn.close()
    return ws


async def _close_on_shutdown(app: web.Application) -> None:
    env = app.get(ENV_KEY)
    if env is not None:
        await drop_all_dxlink(env, code=1001)


def add_dxlink_route(app: web.Application) -> None:
    """Register ``GET /dxlink`` (and closing its sockets on shutdown) on an env's app."""
    app.router.add_get("/dxlink", dxlink_handler, name="dxlink")
    app.on_shutdown.append(_close_on_shutdown)
