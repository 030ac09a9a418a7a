"""The in-app inbox: every notice a trader was sent, newest first; always scoped by the trader."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from services.db.models import Notification
from services.errors import NotFoundError, ValidationError
from services.notify.events import Event
from services.traders import existing_trader

PAGE_SIZE = 5
MAX_PAGE = 10_000


class DeliveryStatus(StrEnum):
    """Values of ``Notification.dm_status`` / ``email_status``."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class InboxItem:
    id: int
    event: Event | None
    title: str
    body: str
    created_at: datetime
    read: bool
    dm_status: str
    email_status: str


@dataclass(frozen=True)
class InboxPage:
    items: tuple[InboxItem, ...]
    page: int  # 1-based, clamped to the last page
    pages: int  # at least 1
    total: int
    unread: int


def _item(row: Notification) -> InboxItem:
    try:
        event: Event | None = Event(row.kind)
    except ValueError:
        event = None
    return InboxItem(
        id=row.id,
        event=event,
        title=row.title,
        body=row.body,
        created_at=row.created_at,
        read=row.read_at is not None,
        dm_status=row.dm_status,
        email_status=row.email_status,
    )


async def inbox_page(discord_id: int, page: int = 1, *, page_size: int = PAGE_SIZE) -> InboxPage:
    """One page of the trader's inbox, newest first (a page past the end shows the last)."""
    if not 1 <= page <= MAX_PAGE:
        raise ValidationError(f"Pages are numbered from 1 to {MAX_PAGE}.")
    trader = await existing_trader(discord_id)
    if trader is None:
        return InboxPage((), 1, 1, 0, 0)
    mine = Notification.filter(trader_id=trader.id)
    total = await mine.count()
    unread = await mine.filter(read_at__isnull=True).count()
    pages = max(1, -(-total // page_size))
    page = min(page, pages)
    rows = await mine.order_by("-created_at", "-id").offset((page - 1) * page_size).limit(page_size)
    return InboxPage(tuple(_item(row) for row in rows), page, pages, total, unread)


async def unread_count(discord_id: int) -> int:
    trader = await existing_trader(discord_id)
    if trader is None:
        return 0
    return await Notification.filter(trader_id=trader.id, read_at__isnull=True).count()


async def mark_read(discord_id: int, notification_id: int) -> None:
    """Mark one of the trader's notifications read; NotFoundError if it is not theirs."""
    trader = await existing_trader(discord_id)
    row = (
        await Notification.get_or_none(id=notification_id, trader_id=trader.id)
        if trader is not None and 0 < notification_id < 2**31
        else None
    )
    if row is None:
        raise NotFoundError(f"You have no notification #{notification_id}.")
    if row.read_at is None:
        row.read_at = datetime.now(UTC)
        await row.save(update_fields=["read_at"])


async def mark_many_read(discord_id: int, notification_ids: list[int]) -> int:
    """Mark those of ``notification_ids`` that belong to the trader read; returns how many."""
    trader = await existing_trader(discord_id)
    if trader is None or not notification_ids:
        return 0
    return await Notification.filter(
        trader_id=trader.id, id__in=notification_ids, read_at__isnull=True
    ).update(read_at=datetime.now(UTC))


async def mark_all_read(discord_id: int) -> int:
    """Mark every unread notification of the trader read; returns how many changed."""
    trader = await existing_trader(discord_id)
    if trader is None:
        return 0
    return await Notification.filter(trader_id=trader.id, read_at__isnull=True).update(
        read_at=datetime.now(UTC)
    )
