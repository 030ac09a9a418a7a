"""What the rest of Tastybot tells traders, as plain values, and the port that delivers it.

Services that notice something (a sync, the order pipeline) build a :class:`Notice` and hand it
to a :class:`Notifier`; ``services.notify`` implements the port (inbox row, DM, email, by the
trader's preferences) and tests use a recording fake.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class Event(StrEnum):
    SYNC_FAILED = "sync_failed"
    SYNC_RECOVERED = "sync_recovered"
    CREDENTIALS_REJECTED = "credentials_rejected"
    OPTIONS_EXPIRING = "options_expiring"
    ASSIGNMENT = "assignment"
    LINKED = "linked"
    ORDER_FILLED = "order_filled"
    ORDER_UPDATE = "order_update"  # partially filled, rejected, cancelled, expired
    ORDER_ESCALATED = "order_escalated"
    SIGNAL_FIRED = "signal_fired"


@dataclass(frozen=True)
class Notice:
    """One thing to tell one trader. ``dedupe_key`` makes it a once-only notice (a second
    notice with the same key for the same trader is dropped)."""

    discord_id: int
    event: Event
    title: str
    body: str
    dedupe_key: str | None = None


class Notifier(Protocol):
    async def notify(self, notice: Notice) -> None:
        """Record and deliver ``notice``; delivery failures are recorded, never raised."""
        ...
