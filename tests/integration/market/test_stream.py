"""The shared DXLink feed against the simulator over the unmodified SDK: snapshots of a few
symbols, reconnecting after the simulator drops the socket with every subscription restored,
and a large chain subscribed in batches under the frame size limit."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from decimal import Decimal

import pytest
from integration.market.conftest import FAST_STREAM, TRADER, eventually
from support.sync_world import link_grant

from services.broker import broker_route
from services.broker.pool import ClientPool
from services.db.models import BrokerCredential
from services.environment import Environment
from services.errors import BrokerUnavailableError, NotLinkedError
from services.market.stream import MAX_MESSAGE_BYTES, MAX_SUBSCRIPTION_BYTES, MarketStreams
from services.vault import Vault
from simulator import dxlink
from simulator.server import RunningSimulator, free_port


def option_symbols(sim: RunningSimulator, underlying: str, count: int) -> list[str]:
    """Streamer symbols of ``count`` listed options of ``underlying``, nearest expiry first."""
    symbols: list[str] = []
    for expiration in sim.market.expirations(underlying)[1:]:
        symbols += [c.streamer_symbol for c in sim.market.chain(underlying, expiration)]
        if len(symbols) >= count:
            break
    return symbols[:count]


async def test_a_snapshot_holds_quotes_greeks_and_open_interest(
    sim: RunningSimulator, streams: MarketStreams
) -> None:
    options = option_symbols(sim, "SPY", 4)

    snapshot = await streams.snapshot(TRADER, ["SPY", "AAPL", *options])

    assert not snapshot.missing
    spy = sim.market.quote("SPY")
    assert snapshot.underlyings["SPY"].bid == spy.bid
    assert snapshot.underlyings["SPY"].ask == spy.ask
    assert snapshot.underlyings["SPY"].price == (spy.bid + spy.ask) / 2
    assert snapshot.underlyings["SPY"].last == spy.last
    for symbol in options:
        occ = dxlink.streamer_to_occ(symbol)
        assert occ is not None
        got = snapshot.options[symbol]
        assert got.open_interest == sim.market.open_interest(occ)
        assert Decimal(str(got.gamma)) == sim.market.greeks(occ).gamma
        assert Decimal(str(got.iv)) == sim.market.greeks(occ).volatility
    assert snapshot.as_of.tzinfo is not None


async def test_a_second_snapshot_reuses_the_feed_and_its_data(
    sim: RunningSimulator, streams: MarketStreams
) -> None:
    await streams.snapshot(TRADER, ["SPY"])
    again = await streams.snapshot(TRADER, ["SPY"], wait_s=0)

    assert "SPY" in again.underlyings and not again.missing
    state = streams.state(TRADER)
    assert state is not None and state.connects == 1 and state.connected
    assert dxlink.open_dxlink_count(sim.production) == 1


def subscribed(sim: RunningSimulator) -> set[tuple[str, str]]:
    """(event type, symbol) of every subscription the simulator holds for production."""
    [connection] = [c for c in dxlink._CONNECTIONS if c.env is sim.production]
    return {key for channel in connection.channels.values() for key in channel.subs}


async def test_the_feed_reconnects_after_a_drop_and_restores_its_subscriptions(
    sim: RunningSimulator, streams: MarketStreams
) -> None:
    await streams.snapshot(TRADER, ["QQQ", "AAPL"])

    actions = await sim.set_faults([{"kind": "dxlink_disconnect"}])
    assert actions.get("dxlink_disconnect") == 1

    def reconnected() -> bool:
        state = streams.state(TRADER)
        connected = state is not None and state.connects == 2 and state.connected
        return connected and dxlink.open_dxlink_count(sim.production) == 1

    await eventually(reconnected)
    # nobody asked again: the new socket carries the same subscriptions, and the quotes
    # follow the market on it
    expected = {(kind, symbol) for kind in ("Quote", "Trade") for symbol in ("QQQ", "AAPL")}
    await eventually(lambda: subscribed(sim) == expected)
    await sim.step_market(3)
    moved = sim.market.quote("QQQ")

    async def followed() -> bool:
        snapshot = await streams.snapshot(TRADER, ["QQQ"], wait_s=0)
        return snapshot.underlyings["QQQ"].bid == moved.bid

    await eventually(followed)


async def test_options_refreshing_when_the_socket_drops_are_subscribed_again(
    sim: RunningSimulator, streams: MarketStreams
) -> None:
    options = option_symbols(sim, "SPX", 4_000)
    await streams.watch(TRADER, ["SPX", *options])

    def under_way() -> bool:
        state = streams.state(TRADER)
        return state is not None and state.connected and 0 < state.refreshing < len(options)

    await eventually(under_way)
    await sim.set_faults([{"kind": "dxlink_disconnect"}])
    snapshot = await streams.snapshot(TRADER, ["SPX", *options])

    assert not snapshot.missing and len(snapshot.options) == len(options)
    state = streams.state(TRADER)
    assert state is not None and state.connects == 2 and state.refreshing == 0


async def test_a_refreshed_option_is_unsubscribed_and_refreshed_again_once_old(
    sim: RunningSimulator, pool: ClientPool
) -> None:
    options = option_symbols(sim, "QQQ", 6)
    streams = MarketStreams(pool, replace(FAST_STREAM, option_max_age_s=0.5))
    try:
        first = await streams.snapshot(TRADER, ["QQQ", *options])
        assert not first.missing
        # the flood stops: only the underlying stays subscribed
        await eventually(lambda: subscribed(sim) == {("Quote", "QQQ"), ("Trade", "QQQ")})
        state = streams.state(TRADER)
        assert state is not None
        sent = state.subscription_messages

        again = await streams.snapshot(TRADER, ["QQQ", *options], wait_s=0)

        assert again.options == first.options  # fresh enough: from memory, nothing sent
        state = streams.state(TRADER)
        assert state is not None and state.subscription_messages == sent
        await asyncio.sleep(0.6)
        await sim.step_market(2)
        later = await streams.snapshot(TRADER, ["QQQ", *options])

        for symbol in options:
            assert later.options[symbol].updated_at > first.options[symbol].updated_at
            occ = dxlink.streamer_to_occ(symbol)
            assert occ is not None
            assert Decimal(str(later.options[symbol].gamma)) == sim.market.greeks(occ).gamma
    finally:
        await streams.close()


async def test_a_large_chain_is_subscribed_in_batches_under_the_frame_limit(
    sim: RunningSimulator, pool: ClientPool
) -> None:
    options = option_symbols(sim, "SPX", 6_000)
    assert len(options) == 6_000
    streams = MarketStreams(pool, replace(FAST_STREAM, max_in_flight=1_500))
    peak = 0

    async def watch_the_simulator() -> None:
        nonlocal peak
        while True:
            if dxlink.open_dxlink_count(sim.production):
                peak = max(peak, len(subscribed(sim)))
            await asyncio.sleep(0.005)

    watcher = asyncio.create_task(watch_the_simulator())
    try:
        snapshot = await streams.snapshot(TRADER, ["SPX", *options])
        state = streams.state(TRADER)
    finally:
        watcher.cancel()
        await streams.close()

    assert not snapshot.missing and len(snapshot.options) == 6_000
    for symbol in options[::500]:
        occ = dxlink.streamer_to_occ(symbol)
        assert occ is not None
        assert snapshot.options[symbol].open_interest == sim.market.open_interest(occ)
    assert state is not None
    # Greeks and Summary for 6,000 options, a Quote and a Trade for SPX: several messages each
    assert state.subscription_messages >= 2 * 4 + 2
    assert 0 < state.largest_subscription_bytes <= MAX_SUBSCRIPTION_BYTES < MAX_MESSAGE_BYTES
    # never more than 1,500 options (two subscriptions each) at once, plus SPX's two
    assert 2 < peak <= 2 * 1_500 + 2


async def test_symbols_nobody_asks_for_are_dropped_and_an_idle_feed_closes(
    sim: RunningSimulator, pool: ClientPool
) -> None:
    policy = replace(FAST_STREAM, keep_s=0.3, idle_s=0.6, sweep_s=0.05)
    streams = MarketStreams(pool, policy)
    try:
        await streams.snapshot(TRADER, ["SPY", "AAPL"])
        [connection] = [c for c in dxlink._CONNECTIONS if c.env is sim.production]

        await eventually(lambda: not any(c.subs for c in connection.channels.values()))
        state = streams.state(TRADER)
        assert state is not None and state.symbols == 0

        await eventually(lambda: dxlink.open_dxlink_count(sim.production) == 0)
        # asking again opens a new feed
        again = await streams.snapshot(TRADER, ["SPY"])
        assert "SPY" in again.underlyings
    finally:
        await streams.close()


async def test_a_stream_that_never_answers_is_a_clear_error_not_a_hang(
    database: str, vault: Vault, sim: RunningSimulator
) -> None:
    await link_grant(vault, TRADER, sim, Environment.PRODUCTION)
    nowhere = ClientPool(vault, broker_route(f"http://127.0.0.1:{free_port()}", demo_mode=True))
    streams = MarketStreams(nowhere, FAST_STREAM)
    try:
        with pytest.raises(BrokerUnavailableError, match="market data stream"):
            await streams.snapshot(TRADER, ["SPY"], wait_s=0.5)
        state = streams.state(TRADER)
        assert state is not None and not state.connected and state.connects == 0
        assert state.last_error  # what went wrong is kept (and logged), without secrets
    finally:
        await streams.close()
        await nowhere.close()


async def test_a_forgotten_grant_stops_the_stream_and_a_relinked_one_starts_anew(
    sim: RunningSimulator, streams: MarketStreams, vault: Vault
) -> None:
    await streams.snapshot(TRADER, ["SPY"])
    await BrokerCredential.filter(trader__discord_id=TRADER).delete()
    with pytest.raises(NotLinkedError):
        await streams.snapshot(TRADER, ["SPY"])
    # a forgotten grant's stream stops at once
    await eventually(lambda: dxlink.open_dxlink_count(sim.production) == 0)
    assert streams.state(TRADER) is None
    await link_grant(vault, TRADER, sim, Environment.PRODUCTION)

    again = await streams.snapshot(TRADER, ["SPY"])

    assert "SPY" in again.underlyings
    await eventually(lambda: dxlink.open_dxlink_count(sim.production) == 1)
