"""Order statuses the account streamer pushes for a session's accounts, for a step that waits on
one order (the sandbox rehearsal), with polling as the fallback.

A :class:`StatusFeed` keeps one ``AlertStreamer`` open on a pooled session while steps use it,
and for ``idle_s`` after the last one (a busy trader's next rehearsal finds it open); it closes
then, or when the socket drops (the next use opens it again). Each pushed order is kept, newest
first, in a bounded mailbox: a step that asks after the push arrived still finds it. A step asks
with :meth:`StatusFeed.after`, which answers a pushed status newer than the one the step holds,
or ``None`` when none came within the wait; the step then polls, as it would without a feed.
A feed that is not subscribed yet (the first use, a reconnection) answers ``None`` at once.

:class:`StatusFeeds` holds one feed per session (per trader, environment and grant, as the
pool does) and closes them with the order context.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from tastytrade import AlertStreamer
from tastytrade.order import OrderStatus, PlacedOrder

from services.broker.alerts import Accept, alert_streamer
from services.broker.client import BrokerClient
from services.orders.broker_orders import TERMINAL_STATUSES, account_ref

log = logging.getLogger(__name__)

IDLE_S = 120.0  # how long a feed stays open after its last use
KEPT = 2_000  # pushed orders remembered per feed (the oldest is forgotten)
_Order = tuple[str, int]  # (account number, order id)


def _stage(order: PlacedOrder) -> int:
    if order.status in TERMINAL_STATUSES:
        return 3
    return {OrderStatus.RECEIVED: 0, OrderStatus.LIVE: 2}.get(order.status, 1)


def _newer(pushed: PlacedOrder, held: PlacedOrder) -> bool:
    """Whether ``pushed`` says more than ``held``: a later update of the same order (two in
    the same millisecond, such as Live then Filled, are told apart by how far they got)."""
    if pushed.updated_at != held.updated_at:
        return pushed.updated_at > held.updated_at
    return pushed.status != held.status and _stage(pushed) >= _stage(held)


class StatusFeed:
    """One account-streamer connection on ``client``'s session (see the module docstring)."""

    def __init__(
        self,
        client: BrokerClient,
        *,
        idle_s: float = IDLE_S,
        clock: Callable[[], float] = time.monotonic,
        accept: Accept | None = None,
    ) -> None:
        self.client = client
        self.idle_s = idle_s
        self._accept = accept  # which pushes the streamer reads (None: all)
        self._clock = clock
        self._accounts: set[str] = set()  # the accounts the open connection is subscribed to
        self._wanted: set[str] = set()
        self._latest: OrderedDict[_Order, PlacedOrder] = OrderedDict()
        self._waiting: dict[_Order, set[asyncio.Future[None]]] = {}
        self._users = 0
        self._last_used = clock()
        self._task: asyncio.Task[None] | None = None
        self._subscribe_now = asyncio.Event()

    @property
    def open(self) -> bool:
        return self._task is not None and not self._task.done()

    def subscribed(self, account_number: str) -> bool:
        return self.open and account_number in self._accounts

    @asynccontextmanager
    async def use(self, account_number: str) -> AsyncIterator[StatusFeed]:
        """Use the feed for ``account_number``'s orders (it opens or subscribes in the
        background: until then :meth:`after` answers ``None``)."""
        self._users += 1
        self._wanted.add(account_number)
        if not self.open:
            self._task = asyncio.create_task(self._run(), name="order-status-feed")
        elif account_number not in self._accounts:
            self._subscribe_now.set()
        try:
            yield self
        finally:
            self._users -= 1
            self._last_used = self._clock()

    async def after(
        self, account_number: str, held: PlacedOrder, *, wait_s: float
    ) -> PlacedOrder | None:
        """A pushed status of ``held``'s order newer than ``held``, waiting up to ``wait_s``
        for one; ``None`` when none came (or the feed is not subscribed to the account)."""
        key = (account_number, held.id)

        def newer() -> PlacedOrder | None:
            pushed = self._latest.get(key)
            return pushed if pushed is not None and _newer(pushed, held) else None

        if not self.subscribed(account_number):
            return None
        while (found := newer()) is None and wait_s > 0 and self.subscribed(account_number):
            # woken by the next push of this order only (or the feed closing)
            arrived = asyncio.get_running_loop().create_future()
            self._waiting.setdefault(key, set()).add(arrived)
            started = self._clock()
            try:
                async with asyncio.timeout(wait_s):
                    await arrived
            except TimeoutError:
                return newer()
            finally:
                waiting = self._waiting.get(key)
                if waiting is not None:
                    waiting.discard(arrived)
                    if not waiting:
                        del self._waiting[key]
            wait_s -= self._clock() - started
        return found

    def _wake(self, key: _Order | None = None) -> None:
        """Wake the steps waiting on ``key``'s order (every step when ``None``)."""
        keys = list(self._waiting) if key is None else [key]
        for one in keys:
            for arrived in self._waiting.get(one, ()):
                if not arrived.done():
                    arrived.set_result(None)

    async def _run(self) -> None:
        try:
            async with alert_streamer(self.client.session, accept=self._accept) as streamer:
                listening = asyncio.create_task(self._listen(streamer))
                try:
                    await self._follow_subscriptions(streamer)
                finally:
                    listening.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await listening
        except asyncio.CancelledError:
            raise
        except Exception as error:  # a dropped socket, a refused subscription: poll instead
            log.info("order status feed stopped (%s); steps poll", type(error).__name__)
        finally:
            self._accounts.clear()
            self._wake()  # waiters stop waiting for a feed that is gone

    async def _follow_subscriptions(self, streamer: AlertStreamer) -> None:
        """Subscribe to every wanted account; return once idle for ``idle_s``."""
        while True:
            self._subscribe_now.clear()
            missing = self._wanted - self._accounts
            if missing:
                # the streamer takes the whole list each time: the accounts it follows
                wanted = sorted(self._accounts | missing)
                await streamer.subscribe_accounts([account_ref(n) for n in wanted])
                self._accounts.update(missing)
                continue
            idle_for = self._clock() - self._last_used
            if self._users == 0 and idle_for >= self.idle_s:
                return
            wait_s = self.idle_s if self._users else self.idle_s - idle_for
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(max(0.05, wait_s)):
                    await self._subscribe_now.wait()

    async def _listen(self, streamer: AlertStreamer) -> None:
        async for placed in streamer.listen(PlacedOrder):
            key = (placed.account_number, placed.id)
            kept = self._latest.get(key)
            if kept is not None and not _newer(placed, kept):
                continue  # pushes can arrive out of order: keep the newest
            self._latest[key] = placed
            self._latest.move_to_end(key)
            while len(self._latest) > KEPT:
                self._latest.popitem(last=False)
            self._wake(key)

    async def close(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


class StatusFeeds:
    """One :class:`StatusFeed` per pooled session, closed with the order context."""

    def __init__(self, *, idle_s: float = IDLE_S, accept: Accept | None = None) -> None:
        self.idle_s = idle_s
        self._accept = accept
        self._feeds: dict[int, StatusFeed] = {}

    def feed(self, client: BrokerClient) -> StatusFeed:
        """The feed on ``client``'s session (feeds of sessions no longer open are dropped)."""
        for key, kept in list(self._feeds.items()):
            if not kept.open and kept.client is not client:
                del self._feeds[key]
        found = self._feeds.get(id(client))
        if found is None or found.client is not client:
            found = self._feeds[id(client)] = StatusFeed(
                client, idle_s=self.idle_s, accept=self._accept
            )
        return found

    async def close(self) -> None:
        feeds = list(self._feeds.values())
        self._feeds.clear()
        for feed in feeds:
            await feed.close()
