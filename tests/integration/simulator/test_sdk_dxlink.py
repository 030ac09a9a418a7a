"""The unmodified SDK's DXLinkStreamer against the simulator's /dxlink."""

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import aiohttp
import pytest
from httpx2.websockets import WebSocketDisconnect
from support.sdk import dxlink_streamer, quote_token
from tastytrade import DXLinkStreamer, Session
from tastytrade.dxfeed import Candle, Event, Greeks, Profile, Quote, Summary, TheoPrice, Trade
from tastytrade.instruments import NestedOptionChain

from simulator import dxlink
from simulator.server import RunningSimulator

E = TypeVar("E", bound=Event)


async def next_event(streamer: DXLinkStreamer, cls: type[E], wait: float = 5.0) -> E:
    return await asyncio.wait_for(streamer.get_event(cls), wait)


async def option_symbols(session: Session, symbol: str, n: int) -> list[str]:
    chains = await NestedOptionChain.get(session, symbol)
    out: list[str] = []
    for exp in chains[-1].expirations[1:]:
        middle = len(exp.strikes) // 2
        for strike in exp.strikes[middle:] + exp.strikes[:middle]:  # near the money first
            out += [strike.call_streamer_symbol, strike.put_streamer_symbol]
            if len(out) >= n:
                return out
    return out


async def test_quotes_trades_greeks_summary(sim: RunningSimulator, prod_session: Session) -> None:
    symbols = await option_symbols(prod_session, "SPY", 4)
    async with dxlink_streamer(prod_session) as streamer:
        await streamer.subscribe(Quote, ["SPY", "AAPL", symbols[0]])
        quotes: dict[str, Quote] = {}
        while len(quotes) < 3:
            q = await next_event(streamer, Quote)
            quotes[q.event_symbol] = q
        spy = sim.market.quote("SPY")
        assert quotes["SPY"].bid_price == spy.bid and quotes["SPY"].ask_price == spy.ask
        assert quotes[symbols[0]].ask_price > quotes[symbols[0]].bid_price

        await streamer.subscribe(Trade, ["SPY"])
        trade = await next_event(streamer, Trade)
        assert trade.event_symbol == "SPY" and trade.price == spy.last

        await streamer.subscribe(Greeks, symbols[:2])
        g = await next_event(streamer, Greeks)
        assert g.event_symbol in symbols[:2] and g.gamma > 0

        await streamer.subscribe(Summary, [*symbols[:2], "SPY"])
        ois: dict[str, int] = {}
        while len(ois) < 3:
            s = await next_event(streamer, Summary)
            ois[s.event_symbol] = s.open_interest
        occ = sim.market.option(dxlink.streamer_to_occ(symbols[0]) or "")
        assert occ is not None and ois[symbols[0]] == sim.market.open_interest(occ.occ)
        assert ois["SPY"] == 0

        await streamer.subscribe(Profile, ["AAPL"])
        profile = await next_event(streamer, Profile)
        assert profile.description == "APPLE INC"
        await streamer.subscribe(TheoPrice, [symbols[1]])
        theo = await next_event(streamer, TheoPrice)
        assert theo.underlying_price > 0

        # live updates follow the market
        await sim.step_market(3)
        updated = await next_event(streamer, Quote)
        assert updated.event_symbol in quotes

        # unsubscribe: only AAPL keeps coming. MSFT's snapshot is a barrier: the server answers
        # in order, so every quote sent before it has arrived once MSFT's has
        await streamer.unsubscribe(Quote, ["SPY", symbols[0]])
        await streamer.subscribe(Quote, ["MSFT"])
        await events_until(streamer, Quote, "MSFT")
        await sim.step_market(1)
        after = {(await next_event(streamer, Quote)).event_symbol for _ in range(2)}
        assert after == {"AAPL", "MSFT"}

        await streamer.unsubscribe_all(Trade)  # CHANNEL_CANCEL -> CHANNEL_CLOSED handled
        await streamer.subscribe(Profile, ["MSFT"])  # a barrier behind CHANNEL_CLOSED
        await events_until(streamer, Profile, "MSFT")
        while streamer.get_event_nowait(Trade) is not None:  # trades from before the cancel
            pass
        await streamer.subscribe(Trade, ["QQQ"])  # channel can be reopened
        assert (await next_event(streamer, Trade)).event_symbol == "QQQ"


async def events_until(streamer: DXLinkStreamer, cls: type[E], symbol: str) -> list[E]:
    """Events of ``cls`` up to and including the first one for ``symbol`` (each has 5 s)."""
    seen = [await next_event(streamer, cls)]
    while seen[-1].event_symbol != symbol:
        seen.append(await next_event(streamer, cls))
    return seen


async def test_candles(sim: RunningSimulator, prod_session: Session) -> None:
    async with dxlink_streamer(prod_session) as streamer:
        start = datetime.now(UTC) - timedelta(days=10)
        await streamer.subscribe_candle(["AAPL"], "5m", start)
        first = await next_event(streamer, Candle)
        assert first.event_symbol == "AAPL{=5m,tho=true}"
        assert first.snapshot_begin
        candles = [first]
        while not candles[-1].snapshot_end:
            candles.append(await next_event(streamer, Candle))
        assert len(candles) > 100  # several frames (chunked)
        times = [c.time for c in candles]
        assert times == sorted(times, reverse=True)
        assert all(c.low <= c.open <= c.high and c.low <= c.close <= c.high for c in candles)
        await streamer.subscribe_candle(["SPY"], "1d")  # default fromTime: full history
        daily = [await next_event(streamer, Candle)]
        while not daily[-1].snapshot_end:
            daily.append(await next_event(streamer, Candle))
        assert len(daily) >= 252 and daily[0].event_symbol == "SPY{=1d,tho=true}"
        await sim.step_market(2)
        live = await next_event(streamer, Candle)
        assert live.close > 0


async def test_big_subscription_is_chunked(sim: RunningSimulator, prod_session: Session) -> None:
    symbols = await option_symbols(prod_session, "SPX", 500)
    assert len(symbols) == 500
    async with dxlink_streamer(prod_session) as streamer:
        await streamer.subscribe(Quote, symbols)
        await streamer.subscribe(Greeks, symbols)

        async def symbols_of(cls: type[Event]) -> set[str]:
            seen: set[str] = set()
            while len(seen) < len(symbols):
                seen.add((await streamer.get_event(cls)).event_symbol)
            return seen

        both = asyncio.gather(symbols_of(Quote), symbols_of(Greeks))
        seen_q, seen_g = await asyncio.wait_for(both, 15)
        assert seen_q == set(symbols) and seen_g == set(symbols)


async def test_sandbox_is_delayed(sim: RunningSimulator, sandbox_session: Session) -> None:
    async with dxlink_streamer(sandbox_session) as streamer:
        opening = sim.market.quote("SPY")
        await sim.step_market(5)
        await streamer.subscribe(Quote, ["SPY"])
        q = await next_event(streamer, Quote)
        assert q.bid_price == opening.bid  # 15 minutes delayed: still the opening quote


async def dxlink_auth(url: str, token: str) -> list[dict[str, Any]]:
    """SETUP then AUTH with ``token`` on a raw socket; the frames answered up to the verdict."""
    frames: list[dict[str, Any]] = []
    async with aiohttp.ClientSession() as http, http.ws_connect(url) as ws:
        await ws.send_json({"type": "SETUP", "channel": 0, "version": "test"})
        frames += [json.loads((await ws.receive(timeout=5)).data) for _ in range(2)]
        await ws.send_json({"type": "AUTH", "channel": 0, "token": token})
        frames.append(json.loads((await ws.receive(timeout=5)).data))
    return frames


async def test_a_quote_token_works_only_on_its_own_environment(
    sim: RunningSimulator, prod_session: Session, sandbox_session: Session
) -> None:
    creds = sim.credentials()
    prod = await quote_token(prod_session, creds["production"]["base_url"])
    sandbox = await quote_token(sandbox_session, creds["sandbox"]["base_url"])
    assert prod["level"] == "api" and sandbox["level"] == "demo"
    assert prod["dxlink-url"] != sandbox["dxlink-url"]
    for own, other in ((prod, sandbox), (sandbox, prod)):
        accepted = await dxlink_auth(own["dxlink-url"], own["token"])
        assert accepted[1] == {"type": "AUTH_STATE", "channel": 0, "state": "UNAUTHORIZED"}
        assert accepted[2]["type"] == "AUTH_STATE" and accepted[2]["state"] == "AUTHORIZED"
        # the other environment's token is refused with ERROR (which the SDK raises as fatal),
        # not answered with UNAUTHORIZED again (which the SDK would answer with AUTH forever)
        refused = await dxlink_auth(own["dxlink-url"], other["token"])
        assert refused[2]["type"] == "ERROR" and refused[2]["error"] == "UNAUTHORIZED"
        assert refused[2]["message"]


async def test_disconnect_fault(sim: RunningSimulator, prod_session: Session) -> None:
    actions: dict[str, int] = {}
    closed = pytest.RaisesExc(WebSocketDisconnect, check=lambda exc: exc.code == 1011)
    with pytest.RaisesGroup(closed, flatten_subgroups=True):
        async with dxlink_streamer(prod_session) as streamer:
            await streamer.subscribe(Quote, ["SPY"])
            await next_event(streamer, Quote)
            assert dxlink.open_dxlink_count(sim.production) == 1
            actions = await sim.set_faults([{"kind": "dxlink_disconnect"}])
            # the SDK cancels this block when the socket closes; 5 s is only the deadline
            await next_event(streamer, Quote, wait=5)
    assert actions.get("dxlink_disconnect") == 1
    assert dxlink.open_dxlink_count(sim.production) == 0
