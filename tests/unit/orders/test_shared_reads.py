"""Reads shared between orders: one read per key while fresh, concurrent misses wait for the
same read, failures are not kept, and the session state expires when the session changes."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from services.orders import market
from services.orders.market import LiveReads, SessionCache, SessionState, SharedReads

NOON = datetime(2026, 12, 2, 17, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_fresh_value_is_read_once_and_concurrent_misses_share_the_read() -> None:
    clock = Clock()
    reads: SharedReads[str, int] = SharedReads(lambda _, now: now + 10, clock)
    calls = 0
    gate = asyncio.Event()

    async def load() -> int:
        nonlocal calls
        calls += 1
        await gate.wait()
        return 42

    waiting = [asyncio.create_task(reads.read("SPY", load)) for _ in range(5)]
    await asyncio.sleep(0)
    gate.set()
    assert await asyncio.gather(*waiting) == [42] * 5
    assert await reads.read("SPY", load) == 42
    assert reads.peek("SPY") == 42
    assert calls == 1

    clock.now += 11  # stale: read again
    assert reads.peek("SPY") is None
    assert await reads.read("SPY", load) == 42
    assert calls == 2


async def test_a_failed_read_is_not_kept() -> None:
    reads: SharedReads[str, int] = SharedReads(lambda _, now: now + 10, Clock())
    answers: list[Any] = [RuntimeError("down"), 7]

    async def load() -> int:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return int(answer)

    with pytest.raises(RuntimeError):
        await reads.read("SPY", load)
    assert reads.peek("SPY") is None
    assert await reads.read("SPY", load) == 7


def _client(is_test: bool = False) -> Any:
    return SimpleNamespace(session=SimpleNamespace(is_test=is_test))


async def test_the_session_state_expires_when_the_session_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = Clock()
    wall = [NOON]
    cache = SessionCache(ttl_s=30, clock=clock, wall_clock=lambda: wall[0])
    states = [
        SessionState(True, NOON + timedelta(seconds=5)),  # closes in 5 s
        SessionState(False, NOON + timedelta(hours=16)),
    ]
    read = 0

    async def market_session(client: Any) -> SessionState:
        nonlocal read
        read += 1
        return states[read - 1]

    monkeypatch.setattr("services.orders.market.market_session", market_session)

    assert await cache.is_open(_client()) is True
    clock.now += 4
    assert await cache.is_open(_client()) is True  # still before the close: kept
    clock.now += 2
    wall[0] = NOON + timedelta(seconds=6)
    assert await cache.is_open(_client()) is False  # past the close: read again
    assert read == 2


async def test_the_session_state_is_kept_per_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = SessionCache(clock=Clock(), wall_clock=lambda: NOON)
    seen: list[bool] = []

    async def market_session(client: Any) -> SessionState:
        seen.append(client.session.is_test)
        return SessionState(not client.session.is_test)

    monkeypatch.setattr("services.orders.market.market_session", market_session)

    assert await cache.is_open(_client(False)) is True
    assert await cache.is_open(_client(True)) is False
    assert await cache.is_open(_client(False)) is True
    assert seen == [False, True]


class FakeQuotes:
    """Stands in for ``market.quotes``: counts reads, answers when the gate opens."""

    def __init__(self) -> None:
        self.reads: list[tuple[bool, tuple[str, ...]]] = []
        self.gate = asyncio.Event()
        self.failure: Exception | None = None
        self.revoked: list[Any] = []  # clients whose reads fail as a revoked grant's would

    async def __call__(self, client: Any, symbols: Any) -> dict[str, Any]:
        self.reads.append((client.session.is_test, tuple(symbols)))
        await self.gate.wait()
        if self.failure is not None:
            raise self.failure
        if any(client is revoked for revoked in self.revoked):
            raise RuntimeError("their grant was revoked")
        return {symbol: f"quote of {symbol}" for symbol in symbols}


@pytest.fixture
def fake_quotes(monkeypatch: pytest.MonkeyPatch) -> FakeQuotes:
    fake = FakeQuotes()
    monkeypatch.setattr(market, "quotes", fake)
    return fake


async def test_asks_for_the_same_quotes_while_a_read_is_on_its_way_share_it(
    fake_quotes: FakeQuotes,
) -> None:
    shared = LiveReads()
    asks = [
        asyncio.create_task(shared.quotes(_client(), symbols))
        for symbols in (["SPY", "SPY 261218C00600000"], ["SPY 261218C00600000", "SPY", "SPY"])
    ]
    await asyncio.sleep(0)
    fake_quotes.gate.set()
    first, second = await asyncio.gather(*asks)

    assert fake_quotes.reads == [(False, ("SPY", "SPY 261218C00600000"))]
    assert (
        first
        == second
        == {
            "SPY": "quote of SPY",
            "SPY 261218C00600000": "quote of SPY 261218C00600000",
        }
    )
    first.clear()  # each asker has its own answer
    assert second


async def test_an_answer_is_never_kept_for_a_later_ask(fake_quotes: FakeQuotes) -> None:
    shared = LiveReads()
    fake_quotes.gate.set()
    await shared.quotes(_client(), ["SPY"])
    await shared.quotes(_client(), ["SPY"])

    assert len(fake_quotes.reads) == 2


async def test_other_symbols_or_the_other_environment_read_on_their_own(
    fake_quotes: FakeQuotes,
) -> None:
    shared = LiveReads()
    asks = [
        asyncio.create_task(shared.quotes(_client(), ["SPY"])),
        asyncio.create_task(shared.quotes(_client(), ["QQQ"])),
        asyncio.create_task(shared.quotes(_client(is_test=True), ["SPY"])),
    ]
    await asyncio.sleep(0)
    fake_quotes.gate.set()
    await asyncio.gather(*asks)

    assert sorted(fake_quotes.reads) == [(False, ("QQQ",)), (False, ("SPY",)), (True, ("SPY",))]


async def test_a_failed_shared_read_reaches_every_asker_and_is_not_kept(
    fake_quotes: FakeQuotes,
) -> None:
    shared = LiveReads()
    fake_quotes.failure = RuntimeError("market data down")
    client = _client()
    asks = [asyncio.create_task(shared.quotes(client, ["SPY"])) for _ in range(3)]
    await asyncio.sleep(0)
    fake_quotes.gate.set()
    results = await asyncio.gather(*asks, return_exceptions=True)

    assert all(isinstance(result, RuntimeError) for result in results)
    fake_quotes.failure = None
    assert await shared.quotes(_client(), ["SPY"]) == {"SPY": "quote of SPY"}
    assert len(fake_quotes.reads) == 2


async def test_a_value_stale_on_arrival_is_not_kept() -> None:
    reads: SharedReads[str, int] = SharedReads(lambda _, now: now, Clock())

    async def load() -> int:
        return 7

    assert await reads.read("SPY", load) == 7
    assert reads.peek("SPY") is None
    assert reads._entries == {}  # nothing grows with every key ever read


async def test_positions_are_shared_only_through_the_same_session(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = asyncio.Event()
    reads: list[tuple[Any, str]] = []

    async def positions(client: Any, account: str) -> tuple[str, ...]:
        reads.append((client, account))
        await gate.wait()
        return (f"{account} holds SPY",)

    monkeypatch.setattr(market, "broker_positions", positions)
    live = LiveReads()
    mine, theirs = _client(), _client()
    asks = [
        asyncio.create_task(live.positions(mine, "5WT00001")),
        asyncio.create_task(live.positions(mine, "5WT00001")),
        asyncio.create_task(live.positions(theirs, "5WT00001")),  # another trader's session
        asyncio.create_task(live.positions(mine, "5WT00002")),
    ]
    await asyncio.sleep(0)
    gate.set()
    answers = await asyncio.gather(*asks)

    assert answers[0] == answers[1] == answers[2] == ("5WT00001 holds SPY",)
    assert sorted((id(client), account) for client, account in reads) == sorted(
        [(id(mine), "5WT00001"), (id(theirs), "5WT00001"), (id(mine), "5WT00002")]
    )
    await live.positions(mine, "5WT00001")  # answered: the next ask reads again
    assert len(reads) == 4


async def test_a_shared_read_failing_through_another_traders_session_is_asked_again(
    fake_quotes: FakeQuotes,
) -> None:
    shared = LiveReads()
    theirs, mine = _client(), _client()
    fake_quotes.revoked.append(theirs)
    first = asyncio.create_task(shared.quotes(theirs, ["SPY"]))
    second = asyncio.create_task(shared.quotes(mine, ["SPY"]))  # joins their read
    await asyncio.sleep(0)
    fake_quotes.gate.set()

    with pytest.raises(RuntimeError, match="revoked"):
        await first
    assert await second == {"SPY": "quote of SPY"}
    assert len(fake_quotes.reads) == 2  # the shared read, then mine alone
