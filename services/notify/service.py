"""The :class:`Notifier` Tastybot uses: an inbox row, then DM and email by the trader's choice."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import dataclass
from typing import Protocol

from tortoise.exceptions import IntegrityError

from services.db.models import Notification
from services.notify.events import Notice
from services.notify.inbox import DeliveryStatus
from services.notify.mailer import Mailer, MailError
from services.preferences import Channel, preferences_of
from services.redaction import redact
from services.traders import trader_for

log = logging.getLogger(__name__)

DM_DEADLINE_S = 15.0
MAX_TITLE_CHARS = 256  # Notification.title
MAX_BODY_CHARS = 4_000  # a Discord embed description holds 4,096
MAX_DEDUPE_CHARS = 128  # Notification.dedupe_key


class DirectMessenger(Protocol):
    async def send_dm(self, discord_id: int, title: str, body: str) -> bool:
        """DM the user; False when Discord will not deliver it (DMs closed, unknown user)."""
        ...


@dataclass(frozen=True)
class Delivery:
    """What became of one notice (None from :meth:`NotificationService.deliver` = a duplicate)."""

    notification_id: int
    dm_status: DeliveryStatus
    email_status: DeliveryStatus


def _dedupe_key(key: str | None) -> str | None:
    if key is None or len(key) <= MAX_DEDUPE_CHARS:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


async def _skipped() -> DeliveryStatus:
    return DeliveryStatus.SKIPPED


def _email_body(notice: Notice) -> str:
    return f"{notice.body}\n\n-- \nTastybot. Change what reaches you by email with /settings.\n"


class NotificationService:
    """Implements :class:`~services.notify.events.Notifier` (the inbox is always written; DM
    and email follow the trader's preferences; email only to a verified address).

    ``messenger`` is the DM port (``bot.notify_dm`` in production); ``mailer`` is None when
    ``SMTP_URL`` is not set. ``base_url`` is where ``web_status`` serves the email link.
    """

    def __init__(
        self,
        *,
        messenger: DirectMessenger | None,
        mailer: Mailer | None,
        base_url: str,
        dm_deadline: float = DM_DEADLINE_S,
    ) -> None:
        self.messenger = messenger
        self.mailer = mailer
        self.base_url = base_url
        self.dm_deadline = dm_deadline

    @property
    def email_configured(self) -> bool:
        return self.mailer is not None

    async def notify(self, notice: Notice) -> None:
        await self.deliver(notice)

    async def deliver(self, notice: Notice) -> Delivery | None:
        """Write the inbox row and deliver; None when ``dedupe_key`` was already told."""
        title = redact(notice.title)[:MAX_TITLE_CHARS]
        body = redact(notice.body)[:MAX_BODY_CHARS]
        trader = await trader_for(notice.discord_id)
        try:
            row = await Notification.create(
                trader=trader,
                kind=notice.event.value,
                title=title,
                body=body,
                dm_status=DeliveryStatus.PENDING.value,
                email_status=DeliveryStatus.PENDING.value,
                dedupe_key=_dedupe_key(notice.dedupe_key),
            )
        except IntegrityError:
            if notice.dedupe_key is None:
                raise
            log.debug("notice %s already told to trader %s", notice.dedupe_key, trader.id)
            return None
        preferences = await preferences_of(notice.discord_id)
        email = preferences.email if preferences.email_verified else None
        dm_status, email_status = await asyncio.gather(
            self._send_dm(notice.discord_id, title, body)
            if preferences.wants(notice.event, Channel.DM)
            else _skipped(),
            self._send_email(email, title, notice)
            if email and preferences.wants(notice.event, Channel.EMAIL)
            else _skipped(),
        )
        row.dm_status = dm_status.value
        row.email_status = email_status.value
        await row.save(update_fields=["dm_status", "email_status"])
        return Delivery(row.id, dm_status, email_status)

    async def _send_dm(self, discord_id: int, title: str, body: str) -> DeliveryStatus:
        if self.messenger is None:
            return DeliveryStatus.SKIPPED
        try:
            async with asyncio.timeout(self.dm_deadline):
                delivered = await self.messenger.send_dm(discord_id, title, body)
        except Exception as exc:  # delivery is best effort: the inbox row is the record
            log.warning("DM to %s failed: %s", discord_id, redact(f"{type(exc).__name__}: {exc}"))
            return DeliveryStatus.FAILED
        if not delivered:
            log.info("DM to %s not delivered (DMs closed or user unknown)", discord_id)
        return DeliveryStatus.SENT if delivered else DeliveryStatus.FAILED

    async def _send_email(self, address: str, title: str, notice: Notice) -> DeliveryStatus:
        if self.mailer is None:
            return DeliveryStatus.SKIPPED
        try:
            await self.mailer.send_mail(address, title, redact(_email_body(notice)))
        except MailError as exc:
            log.warning("email to trader %s failed: %s", notice.discord_id, redact(str(exc)))
            return DeliveryStatus.FAILED
        except Exception as exc:  # a mailer bug must not lose the notice either
            log.warning(
                "email to trader %s failed: %s",
                notice.discord_id,
                redact(f"{type(exc).__name__}: {exc}"),
            )
            return DeliveryStatus.FAILED
        return DeliveryStatus.SENT
