"""clock.py: the wall clock's day shift and the manual clock tests drive."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from simulator.clock import ManualClock, WallClock

START = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def test_the_wall_clock_moves_to_the_simulated_day() -> None:
    assert WallClock(date(2030, 1, 2)).now().date() == date(2030, 1, 2)
    assert abs(WallClock().now() - datetime.now(UTC)) < timedelta(seconds=5)


def test_a_manual_clock_needs_an_aware_start() -> None:
    with pytest.raises(ValueError, match="aware"):
        ManualClock(datetime(2026, 1, 1))


async def test_a_manual_clock_stands_still_until_advanced() -> None:
    clock = ManualClock(START)
    sleeper = asyncio.create_task(clock.sleep(5))
    await clock.settle()
    assert not sleeper.done() and clock.sleepers == 1 and clock.now() == START
    await clock.advance(4.9)
    assert not sleeper.done()
    await clock.advance(0.1)
    assert sleeper.done() and clock.now() == START + timedelta(seconds=5)


async def test_sleepers_wake_in_deadline_order_at_their_deadline() -> None:
    clock = ManualClock(START)
    woke: list[tuple[str, datetime]] = []

    async def nap(name: str, seconds: float) -> None:
        await clock.sleep(seconds)
        woke.append((name, clock.now()))

    tasks = [asyncio.create_task(nap("late", 3)), asyncio.create_task(nap("early", 1))]
    await clock.advance(10)
    assert woke == [
        ("early", START + timedelta(seconds=1)),
        ("late", START + timedelta(seconds=3)),
    ]
    assert clock.now() == START + timedelta(seconds=10)
    await asyncio.gather(*tasks)


async def test_a_chain_of_sleeps_runs_within_one_advance() -> None:
    clock = ManualClock(START)

    async def twice() -> datetime:
        await clock.sleep(1)
        await clock.sleep(1)
        return clock.now()

    task = asyncio.create_task(twice())
    await clock.advance(2)
    assert task.done() and task.result() == START + timedelta(seconds=2)


async def test_time_does_not_go_backwards() -> None:
    clock = ManualClock(START)
    with pytest.raises(ValueError):
        await clock.advance(-1)
    await clock.advance_to(START - timedelta(hours=1))
    assert clock.now() == START
