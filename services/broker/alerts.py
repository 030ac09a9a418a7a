"""The SDK's account streamer, opened and closed whole.

``AlertStreamer`` keeps one in-memory queue per alert type and never closes them; anyio warns
when an unclosed queue is collected. :func:`alert_streamer` closes them once the streamer's
reader has stopped (no new queue can appear after that), however the block ends.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tastytrade import AlertStreamer, Session


@asynccontextmanager
async def alert_streamer(session: Session) -> AsyncIterator[AlertStreamer]:
    """``async with alert_streamer(session) as streamer:``, an open ``AlertStreamer``."""
    streamer = AlertStreamer(session)
    try:
        async with streamer:
            yield streamer
    finally:
        for queue in streamer._queues.values():
            await queue.aclose()
