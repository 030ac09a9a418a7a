"""The inbox: newest first, paginated, unread counted, marked read only by its owner."""

from __future__ import annotations

import pytest

from services.errors import NotFoundError, ValidationError
from services.notify import Event, Notice, NotificationService
from services.notify.inbox import (
    inbox_page,
    mark_all_read,
    mark_many_read,
    mark_read,
    unread_count,
)

pytestmark = pytest.mark.usefixtures("database")

OWNER = 11
STRANGER = 22


async def _fill(discord_id: int, count: int) -> None:
    service = NotificationService(messenger=None, mailer=None, base_url="http://127.0.0.1")
    for number in range(count):
        await service.notify(Notice(discord_id, Event.SYNC_FAILED, f"notice {number}", "body"))


async def test_pages_list_newest_first() -> None:
    await _fill(OWNER, 7)

    first = await inbox_page(OWNER, 1, page_size=5)
    second = await inbox_page(OWNER, 2, page_size=5)

    assert [item.title for item in first.items] == [f"notice {n}" for n in (6, 5, 4, 3, 2)]
    assert [item.title for item in second.items] == ["notice 1", "notice 0"]
    assert (first.pages, first.total, first.unread) == (2, 7, 7)


async def test_a_page_past_the_end_shows_the_last() -> None:
    await _fill(OWNER, 3)

    page = await inbox_page(OWNER, 99, page_size=2)

    assert page.page == 2 and [item.title for item in page.items] == ["notice 0"]


async def test_an_unknown_trader_has_an_empty_inbox_and_no_row_is_made() -> None:
    page = await inbox_page(12345)

    assert (page.items, page.page, page.pages, page.total) == ((), 1, 1, 0)
    assert await unread_count(12345) == 0


@pytest.mark.parametrize("page", [0, -1, 10_001])
async def test_page_numbers_out_of_range_are_refused(page: int) -> None:
    with pytest.raises(ValidationError):
        await inbox_page(OWNER, page)


async def test_marking_one_read_lowers_the_unread_count() -> None:
    await _fill(OWNER, 2)
    newest = (await inbox_page(OWNER)).items[0]

    await mark_read(OWNER, newest.id)
    await mark_read(OWNER, newest.id)  # twice is harmless

    assert await unread_count(OWNER) == 1
    assert (await inbox_page(OWNER)).items[0].read


async def test_nobody_marks_another_traders_notice_read() -> None:
    await _fill(OWNER, 1)
    await _fill(STRANGER, 1)
    owners = (await inbox_page(OWNER)).items[0]

    with pytest.raises(NotFoundError):
        await mark_read(STRANGER, owners.id)
    assert await mark_many_read(STRANGER, [owners.id]) == 0
    assert await mark_all_read(STRANGER) == 1  # only the stranger's own

    assert await unread_count(OWNER) == 1


@pytest.mark.parametrize("notification_id", [0, -5, 2**31, 10**30, 999_999])
async def test_absurd_ids_are_not_found(notification_id: int) -> None:
    await _fill(OWNER, 1)

    with pytest.raises(NotFoundError):
        await mark_read(OWNER, notification_id)


async def test_mark_all_read_counts_what_changed() -> None:
    await _fill(OWNER, 3)

    assert await mark_all_read(OWNER) == 3
    assert await mark_all_read(OWNER) == 0
    assert await unread_count(OWNER) == 0
