"""The SDK's account streamer, opened and closed whole, mapping only the alerts a caller reads.

``AlertStreamer`` parses every push into its model and keeps it in an unbounded in-memory queue
per alert type, read or not: a streamer that follows orders would also parse, and keep for as
long as it is open, every balance and position push the same account produces (several per
fill). :func:`alert_streamer` maps only the alert types asked for and drops the others unread.
A caller may narrow it further to the pushes ``accept`` takes (by their raw data, before any
parsing). It also closes the queues once the streamer's reader has stopped (anyio warns when an
unclosed queue is collected; no new queue can appear after that), however the block ends.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from tastytrade import AlertStreamer, Session
from tastytrade.order import PlacedOrder
from tastytrade.streamer import MAP_ALERTS

# the SDK hands each push to this method with its type name; there is no public filter
# a push's raw data (the JSON object) -> whether to parse and keep it
Accept = Callable[[dict[str, Any]], bool]

if not callable(getattr(AlertStreamer, "_map_message", None)):
    raise RuntimeError("tastytrade's AlertStreamer no longer has _map_message: review alerts.py")


class _SelectiveStreamer(AlertStreamer):
    """An ``AlertStreamer`` that maps only ``wanted`` alert types (by the SDK's type name), and
    of those only the pushes ``accept`` takes."""

    def __init__(
        self, session: Session, wanted: frozenset[str], accept: Accept | None = None
    ) -> None:
        super().__init__(session)
        self._wanted = wanted
        self._accept = accept

    async def _map_message(self, type_str: str, data: dict[str, Any]) -> None:
        if type_str in self._wanted and (self._accept is None or self._accept(data)):
            await super()._map_message(type_str, data)


@asynccontextmanager
async def alert_streamer(
    session: Session, *, alerts: tuple[type, ...] = (PlacedOrder,), accept: Accept | None = None
) -> AsyncIterator[AlertStreamer]:
    """``async with alert_streamer(session) as streamer:``, an open ``AlertStreamer`` whose
    ``listen`` yields the ``alerts`` types (orders, unless asked otherwise) that ``accept``
    takes (all, without it); other pushes are dropped unparsed."""
    wanted = frozenset(name for name, model in MAP_ALERTS.items() if model in alerts)
    if len(wanted) != len(set(alerts)):
        raise ValueError(f"not alert types of the account streamer: {alerts}")
    streamer = _SelectiveStreamer(session, wanted, accept)
    try:
        async with streamer:
            yield streamer
    finally:
        for queue in streamer._queues.values():
            await queue.aclose()
