"""The simulator's clock: what time it is and how to wait.

The order engine reads the time and waits only through a :class:`Clock`, so a test can drive
it: :class:`WallClock` is real time (shifted to the simulated ``today``), :class:`ManualClock`
moves only when the test calls :meth:`ManualClock.advance` and wakes sleepers in deadline order.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

# loop turns a woken task gets to run until it waits again (pushes and bookkeeping take a few)
SETTLE_TURNS = 20


class Clock(Protocol):
    """The time source of an order engine."""

    def now(self) -> datetime:
        """The current aware UTC time."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` of this clock's time."""
        ...


def now_factory(today: date | None) -> Callable[[], datetime]:
    """``datetime.now`` shifted to ``today`` (keeping the wall-clock time of day)."""
    if today is None:
        return lambda: datetime.now(UTC)
    # one reading of the wall clock: two would differ by microseconds and lose a whole day
    shift = timedelta(days=(today - datetime.now(UTC).date()).days)
    return lambda: datetime.now(UTC) + shift


class WallClock:
    """Real time, moved by whole days to the simulated ``today``; sleeps are real."""

    def __init__(self, today: date | None = None) -> None:
        self._now = now_factory(today)

    def now(self) -> datetime:
        return self._now()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class ManualClock:
    """Time that stands still until :meth:`advance`; for tests that drive the order engine."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("a ManualClock starts at an aware datetime")
        self._now = start.astimezone(UTC)
        self._sleepers: list[tuple[datetime, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def now(self) -> datetime:
        return self._now

    @property
    def sleepers(self) -> int:
        """How many sleeps are waiting for time to move."""
        return sum(1 for _, _, future in self._sleepers if not future.done())

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        deadline = self._now + timedelta(seconds=seconds)
        heapq.heappush(self._sleepers, (deadline, next(self._order), future))
        await future

    async def advance(self, seconds: float) -> None:
        """Move time forward, waking each sleeper at its deadline (earliest first) and letting
        the woken tasks run before the next one wakes."""
        if seconds < 0:
            raise ValueError("time does not go backwards")
        target = self._now + timedelta(seconds=seconds)
        await self.settle()
        while self._sleepers and self._sleepers[0][0] <= target:
            deadline, _, future = heapq.heappop(self._sleepers)
            self._now = max(self._now, deadline)
            if not future.done():
                future.set_result(None)
                await self.settle()
        self._now = target
        await self.settle()

    async def advance_to(self, moment: datetime) -> None:
        """:meth:`advance` until ``moment`` (no-op when it is not in the future)."""
        await self.advance(max(0.0, (moment - self._now).total_seconds()))

    @staticmethod
    async def settle() -> None:
        """Give tasks that are ready a few loop turns to run."""
        for _ in range(SETTLE_TURNS):
            await asyncio.sleep(0)
