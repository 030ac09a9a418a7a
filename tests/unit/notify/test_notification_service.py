"""NotificationService: the inbox row always, DM and email by preference, once per dedupe key,
and delivery failures recorded, never raised."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest

from services.db.models import Notification, Trader
from services.notify import Event, Notice, NotificationService
from services.notify.inbox import DeliveryStatus, inbox_page
from services.preferences import Channel, set_channel

if TYPE_CHECKING:
    from conftest import FakeMailer, FakeMessenger

pytestmark = pytest.mark.usefixtures("database")

TRADER = 1001
OTHER = 2002


def _notice(discord_id: int = TRADER, *, key: str | None = None) -> Notice:
    return Notice(
        discord_id,
        Event.SYNC_FAILED,
        "Sync failed for 5WT00001",
        "Tastytrade did not answer (HTTP 503). Try /sync again in a few minutes.",
        dedupe_key=key,
    )


def _service(messenger: FakeMessenger | None, mailer: FakeMailer | None) -> NotificationService:
    return NotificationService(
        messenger=messenger, mailer=mailer, base_url="http://127.0.0.1:8080", dm_deadline=0.2
    )


async def _verify_email(discord_id: int, address: str) -> None:
    trader, _ = await Trader.get_or_create(discord_id=discord_id)
    trader.email = address
    trader.email_verified = True
    await trader.save()


async def test_defaults_write_the_inbox_and_dm_but_no_email(
    messenger: FakeMessenger, mailer: FakeMailer
) -> None:
    await _verify_email(TRADER, "trader@example.com")

    delivery = await _service(messenger, mailer).deliver(_notice())

    assert delivery is not None
    assert (delivery.dm_status, delivery.email_status) == (
        DeliveryStatus.SENT,
        DeliveryStatus.SKIPPED,
    )
    assert messenger.sent == [(TRADER, "Sync failed for 5WT00001", _notice().body)]
    assert mailer.sent == []
    page = await inbox_page(TRADER)
    assert [item.title for item in page.items] == ["Sync failed for 5WT00001"]
    assert page.items[0].dm_status == "sent" and page.items[0].email_status == "skipped"


async def test_dm_turned_off_still_writes_the_inbox(
    messenger: FakeMessenger, mailer: FakeMailer
) -> None:
    await set_channel(TRADER, Event.SYNC_FAILED, Channel.DM, False)

    delivery = await _service(messenger, mailer).deliver(_notice())

    assert delivery is not None and delivery.dm_status is DeliveryStatus.SKIPPED
    assert messenger.sent == []
    assert (await inbox_page(TRADER)).total == 1


async def test_preferences_are_per_event(messenger: FakeMessenger, mailer: FakeMailer) -> None:
    await set_channel(TRADER, Event.SYNC_RECOVERED, Channel.DM, False)

    await _service(messenger, mailer).notify(_notice())

    assert len(messenger.sent) == 1  # sync_failed still goes by DM


async def test_email_goes_to_the_verified_address_when_chosen(
    messenger: FakeMessenger, mailer: FakeMailer
) -> None:
    await _verify_email(TRADER, "trader@example.com")
    await set_channel(TRADER, Event.SYNC_FAILED, Channel.EMAIL, True)

    delivery = await _service(messenger, mailer).deliver(_notice())

    assert delivery is not None and delivery.email_status is DeliveryStatus.SENT
    [(to, subject, body)] = mailer.sent
    assert (to, subject) == ("trader@example.com", "Sync failed for 5WT00001")
    assert "Try /sync again" in body


async def test_email_is_skipped_without_a_verified_address(
    messenger: FakeMessenger, mailer: FakeMailer
) -> None:
    trader, _ = await Trader.get_or_create(discord_id=TRADER)
    trader.email_pending = "pending@example.com"  # asked for, never confirmed
    await trader.save()
    await set_channel(TRADER, Event.SYNC_FAILED, Channel.EMAIL, True)

    delivery = await _service(messenger, mailer).deliver(_notice())

    assert delivery is not None and delivery.email_status is DeliveryStatus.SKIPPED
    assert mailer.sent == []


async def test_email_is_skipped_when_smtp_is_not_configured(messenger: FakeMessenger) -> None:
    await _verify_email(TRADER, "trader@example.com")
    await set_channel(TRADER, Event.SYNC_FAILED, Channel.EMAIL, True)

    delivery = await _service(messenger, None).deliver(_notice())

    assert delivery is not None and delivery.email_status is DeliveryStatus.SKIPPED


async def test_a_second_notice_with_the_same_key_creates_and_sends_nothing(
    messenger: FakeMessenger, mailer: FakeMailer
) -> None:
    await _verify_email(TRADER, "trader@example.com")
    await set_channel(TRADER, Event.SYNC_FAILED, Channel.EMAIL, True)
    service = _service(messenger, mailer)

    first = await service.deliver(_notice(key="assignment:5WT00001:12345"))
    second = await service.deliver(_notice(key="assignment:5WT00001:12345"))

    assert first is not None and second is None
    assert await Notification.all().count() == 1
    assert len(messenger.sent) == 1 and len(mailer.sent) == 1


async def test_dedupe_is_per_trader(messenger: FakeMessenger, mailer: FakeMailer) -> None:
    service = _service(messenger, mailer)

    await service.notify(_notice(TRADER, key="expiry:SPY:2026-12-18"))
    await service.notify(_notice(OTHER, key="expiry:SPY:2026-12-18"))

    assert (await inbox_page(TRADER)).total == 1
    assert (await inbox_page(OTHER)).total == 1
    assert [discord_id for discord_id, _, _ in messenger.sent] == [TRADER, OTHER]


async def test_notices_without_a_key_are_never_deduplicated(
    messenger: FakeMessenger, mailer: FakeMailer
) -> None:
    service = _service(messenger, mailer)

    await service.notify(_notice())
    await service.notify(_notice())

    assert (await inbox_page(TRADER)).total == 2


async def test_a_very_long_dedupe_key_still_dedupes(
    messenger: FakeMessenger, mailer: FakeMailer
) -> None:
    service = _service(messenger, mailer)
    key = "expiry:" + "X" * 500

    assert await service.deliver(_notice(key=key)) is not None
    assert await service.deliver(_notice(key=key)) is None
    assert await service.deliver(_notice(key=key + "Y")) is not None


async def test_closed_dms_are_recorded_as_failed(
    messenger: FakeMessenger, mailer: FakeMailer
) -> None:
    messenger.deliverable = False

    delivery = await _service(messenger, mailer).deliver(_notice())

    assert delivery is not None and delivery.dm_status is DeliveryStatus.FAILED
    assert (await inbox_page(TRADER)).items[0].dm_status == "failed"


async def test_a_dm_error_is_logged_redacted_and_not_raised(
    messenger: FakeMessenger, mailer: FakeMailer, caplog: pytest.LogCaptureFixture
) -> None:
    messenger.error = RuntimeError("gateway said access_token=abc123secret")
    caplog.set_level(logging.WARNING, logger="services.notify")

    delivery = await _service(messenger, mailer).deliver(_notice())

    assert delivery is not None and delivery.dm_status is DeliveryStatus.FAILED
    assert "DM to 1001 failed" in caplog.text
    assert "abc123secret" not in caplog.text


async def test_a_hanging_dm_gives_up_at_its_deadline(
    messenger: FakeMessenger, mailer: FakeMailer
) -> None:
    messenger.hang = True

    delivery = await _service(messenger, mailer).deliver(_notice())

    assert delivery is not None and delivery.dm_status is DeliveryStatus.FAILED


async def test_an_email_failure_is_recorded_and_the_dm_still_goes(
    messenger: FakeMessenger, mailer: FakeMailer
) -> None:
    mailer.fail = True
    await _verify_email(TRADER, "trader@example.com")
    await set_channel(TRADER, Event.SYNC_FAILED, Channel.EMAIL, True)

    delivery = await _service(messenger, mailer).deliver(_notice())

    assert delivery is not None
    assert (delivery.dm_status, delivery.email_status) == (
        DeliveryStatus.SENT,
        DeliveryStatus.FAILED,
    )
    assert (await inbox_page(TRADER)).items[0].email_status == "failed"


async def test_without_a_dm_port_the_dm_is_skipped(mailer: FakeMailer) -> None:
    delivery = await _service(None, mailer).deliver(_notice())

    assert delivery is not None and delivery.dm_status is DeliveryStatus.SKIPPED


async def test_secrets_in_a_notice_are_masked_everywhere(
    messenger: FakeMessenger, mailer: FakeMailer
) -> None:
    await _verify_email(TRADER, "trader@example.com")
    await set_channel(TRADER, Event.SYNC_FAILED, Channel.EMAIL, True)
    notice = Notice(
        TRADER, Event.SYNC_FAILED, "Sync failed", "refused: refresh_token=rt-very-secret-1"
    )

    await _service(messenger, mailer).notify(notice)

    stored = (await inbox_page(TRADER)).items[0].body
    assert "rt-very-secret-1" not in stored
    assert "rt-very-secret-1" not in messenger.sent[0][2]
    assert "rt-very-secret-1" not in mailer.sent[0][2]


async def test_oversized_notices_are_trimmed_to_what_the_inbox_holds(
    messenger: FakeMessenger, mailer: FakeMailer
) -> None:
    notice = Notice(TRADER, Event.SYNC_FAILED, "T" * 1000, "B" * 100_000)

    await _service(messenger, mailer).notify(notice)

    item = (await inbox_page(TRADER)).items[0]
    assert len(item.title) == 256 and len(item.body) == 4000
