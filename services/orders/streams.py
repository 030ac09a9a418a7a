"""Order statuses pushed by Tastytrade's account streamer, applied as they arrive.

``OrderStreams.follow(discord_id)`` keeps one account-streamer connection (the SDK's
``AlertStreamer``, on the trader's pooled production session) while the trader has production
orders working. Each pushed order is applied with :func:`tracking.apply_broker_order`, which
ignores repeats and stale updates. After every (re)connection the working orders are polled
once, so a status that changed while the socket was down is not missed; a dropped connection
is reopened with exponential backoff. Polling (``tracking.poll_working_orders``) remains the
fallback for everything else.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from decimal import Decimal
from typing import TYPE_CHECKING

from tastytrade.order import PlacedOrder
from tortoise.queryset import QuerySet

from services.broker.alerts import alert_streamer
from services.db.models import OrderRequest
from services.environment import Environment
from services.errors import TastybotError
from services.orders._model import TERMINAL_STATES, OrderState
from services.orders.broker_orders import account_ref
from services.orders.tracking import apply_broker_order, fill_of, poll_order, state_for

if TYPE_CHECKING:
    from services.orders._context import OrderContext

log = logging.getLogger(__name__)

WORKING = (OrderState.PLACED, OrderState.PARTIALLY_FILLED)
FIRST_RETRY_S = 1.0
MAX_RETRY_S = 30.0
LAST_SEEN_KEPT = 10_000  # orders whose last push is remembered (the oldest is forgotten)


def _working_query(discord_id: int) -> QuerySet[OrderRequest]:
    return OrderRequest.filter(
        trader__discord_id=discord_id,
        environment=Environment.PRODUCTION,
        state__in=WORKING,
        production_order_id__isnull=False,
    )


async def _working(discord_id: int) -> list[OrderRequest]:
    return await _working_query(discord_id)


async def _any_working(discord_id: int) -> bool:
    """Whether the trader still has a production order working (one indexed lookup, not
    the rows: it runs after pushed updates, and a busy trader has many orders working)."""
    return await _working_query(discord_id).exists()


class OrderStreams:
    """One streamer task per trader with working orders (see the module docstring)."""

    def __init__(self, context: OrderContext) -> None:
        self._context = context
        self._tasks: dict[int, asyncio.Task[None]] = {}
        # what the last push applied said per order: Tastytrade pushes Routed, In Flight and
        # Live in a row, all "placed" to us, and a push that says what the last one said cannot
        # move the request (states and fills only move forward), so it is not read for
        self._last_seen: OrderedDict[tuple[str, int], tuple[OrderState, Decimal]] = OrderedDict()

    def follow(self, discord_id: int) -> None:
        """Make sure the trader's working orders are being followed."""
        task = self._tasks.get(discord_id)
        if task is None or task.done():
            self._tasks[discord_id] = asyncio.create_task(
                self._run(discord_id), name=f"order-stream-{discord_id}"
            )

    def following(self, discord_id: int) -> bool:
        task = self._tasks.get(discord_id)
        return task is not None and not task.done()

    async def _run(self, discord_id: int) -> None:
        delay = FIRST_RETRY_S
        while await _any_working(discord_id):
            try:
                await self._listen(discord_id)
                delay = FIRST_RETRY_S
            except asyncio.CancelledError:
                raise
            except Exception as error:  # a dropped socket, an SDK error: reconnect later
                log.warning(
                    "account streamer of trader %s stopped (%s); reconnecting in %.0f s",
                    discord_id,
                    type(error).__name__,
                    delay,
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, MAX_RETRY_S)

    async def _catch_up(self, discord_id: int) -> bool:
        """Poll the working orders once; whether any are still working."""
        for request in await _working(discord_id):
            try:
                await poll_order(self._context, request)
            except TastybotError as error:
                log.info("catch-up poll of order %s failed: %s", request.id, type(error).__name__)
        return await _any_working(discord_id)

    async def _listen(self, discord_id: int) -> None:
        from services.orders._context import trader_client

        accounts = sorted(
            {r.account_number for r in await _working(discord_id) if r.account_number}
        )
        async with (
            trader_client(self._context, discord_id, Environment.PRODUCTION) as client,
            alert_streamer(client.session, accept=self._context.accept_push) as streamer,
        ):
            await streamer.subscribe_accounts([account_ref(n) for n in accounts])
            if not await self._catch_up(discord_id):
                return
            async for placed in streamer.listen(PlacedOrder):
                state = await self._apply(discord_id, placed)
                # only an order that left the working states can end the following
                if state not in WORKING and not await _any_working(discord_id):
                    return

    async def _apply(self, discord_id: int, placed: PlacedOrder) -> OrderState | None:
        """Apply a pushed order to its request; the request's state then (``None``: not an
        order of ours, such as one placed on Tastytrade's own platforms)."""
        fill = fill_of(placed)
        said = (state_for(placed, fill), fill.quantity)
        key = (placed.account_number, placed.id)
        if placed.replacing_order_id is None and self._last_seen.get(key) == said:
            return said[0]
        request = await OrderRequest.get_or_none(
            trader__discord_id=discord_id,
            environment=Environment.PRODUCTION,
            account_number=placed.account_number,
            production_order_id=placed.id,
        )
        if request is None:
            return None
        state = await apply_broker_order(self._context, request, placed, fresh=True)
        self._remember(key, said, ended=state in TERMINAL_STATES)
        return state

    def _remember(
        self, key: tuple[str, int], said: tuple[OrderState, Decimal], *, ended: bool
    ) -> None:
        self._last_seen.pop(key, None)
        if ended:
            return
        self._last_seen[key] = said
        while len(self._last_seen) > LAST_SEEN_KEPT:
            self._last_seen.popitem(last=False)

    async def close(self) -> None:
        tasks = list(self._tasks.values())
        self._tasks.clear()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
