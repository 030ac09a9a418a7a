"""The unmodified SDK's DXLinkStreamer against the simulator's /dxlink."""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pytest
from tastytrade import DXLinkStreamer, Session
from tastytrade.dxfeed import Candle, Event, Greeks, Profile, Quote, Summary, TheoPrice, Trade
from tastytrade.instruments import NestedOptionChain
from tastytrade.utils import TastytradeError

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
    async with DXLinkStreamer(prod_session) as streamer:
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

        # unsubscribe: only AAPL keeps coming
        await streamer.unsubscribe(Quote, ["SPY", symbols[0]])
        await asyncio.sleep(0.2)
        while streamer.get_event_nowait(Quote) is not None:
            pass
        await sim.step_market(1)
        after = await next_event(streamer, Quote)
        assert after.event_symbol == "AAPL"

        await streamer.unsubscribe_all(Trade)  # CHANNEL_CANCEL -> CHANNEL_CLOSED handled
        await asyncio.sleep(0.1)
        while streamer.get_event_nowait(Trade) is not None:
            pass
        await streamer.subscribe(Trade, ["QQQ"])  # channel can be reopened
        assert (await next_event(streamer, Trade)).event_symbol == "QQQ"


async def test_candles(sim: RunningSimulator, prod_session: Session) -> None:
    async with DXLinkStreamer(prod_session) as streamer:
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
    async with DXLinkStreamer(prod_session) as streamer:
        await streamer.subscribe(Quote, symbols)
        await streamer.subscribe(Greeks, symbols)
        seen_q: set[str] = set()
        seen_g: set[str] = set()
        while len(seen_q) < 500 or len(seen_g) < 500:
            q = streamer.get_event_nowait(Quote)
            g = streamer.get_event_nowait(Greeks)
            if q is not None:
                seen_q.add(q.event_symbol)
            if g is not None:
                seen_g.add(g.event_symbol)
            if q is None and g is None:
                await asyncio.sleep(0.01)
        assert seen_q == set(symbols)


async def test_sandbox_is_delayed_and_bad_token_errors(
    sim: RunningSimulator, sandbox_session: Session, prod_session: Session
) -> None:
    async with DXLinkStreamer(sandbox_session) as streamer:
        opening = sim.market.quote("SPY")
        await sim.step_market(5)
        await streamer.subscribe(Quote, ["SPY"])
        q = await next_event(streamer, Quote)
        assert q.bid_price == opening.bid  # 15 minutes delayed: still the opening quote

    # a token from the other environment is refused with ERROR (no UNAUTHORIZED loop)
    prod_token = await prod_session._get("/api-quote-tokens")
    sandbox_env = sim.sandbox
    sandbox_tokens = dxlink.quote_tokens(sandbox_env)
    assert prod_token["token"] not in sandbox_tokens


async def test_disconnect_fault(sim: RunningSimulator, prod_session: Session) -> None:
    caught: list[BaseException] = []
    before = -1
    actions: dict[str, int] = {}
    try:
        async with DXLinkStreamer(prod_session) as streamer:
            await streamer.subscribe(Quote, ["SPY"])
            await next_event(streamer, Quote)
            before = dxlink.open_dxlink_count(sim.production)
            actions = await sim.set_faults([{"kind": "dxlink_disconnect"}])
            await asyncio.sleep(0.5)
            await next_event(streamer, Quote, wait=3)
    except BaseException as exc:  # the SDK surfaces the closed socket as an exception group
        caught.append(exc)
    assert before == 1 and actions.get("dxlink_disconnect") == 1
    assert caught and not isinstance(caught[0], AssertionError | TimeoutError), caught
    assert dxlink.open_dxlink_count(sim.production) == 0


async def test_bad_token_gets_error(
    sim: RunningSimulator, prod_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    dxlink.quote_tokens(sim.production).clear()
    original = prod_session._get

    async def fake_get(path: str, **kwargs: Any) -> dict[str, Any]:
        data = await original(path, **kwargs)
        if path == "/api-quote-tokens":
            data = {**data, "token": "forged"}
        return data

    monkeypatch.setattr(prod_session, "_get", fake_get)
    with pytest.raises(BaseException) as info:
        async with DXLinkStreamer(prod_session):
            pass
    assert "Fatal streamer error" in repr(info.value) or isinstance(info.value, TastytradeError), (
        info.value
    )
