"""Email end to end: /email's service sends a real verification email to an SMTP server on
loopback, the link in it opens the web route, the address is verified, and then a sync
failure reaches both the inbox and that address."""

from __future__ import annotations

import asyncio
import re
import socket
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest

from services.db.models import Trader
from services.notify import Event, Notice, NotificationService, SmtpMailer, parse_smtp_url
from services.notify.addresses import (
    EmailNotSentError,
    email_status,
    request_verification,
)
from services.notify.inbox import inbox_page
from services.notify.mailer import MailError
from services.preferences import Channel, set_channel

if TYPE_CHECKING:
    from conftest import Client, Inbox

pytestmark = pytest.mark.usefixtures("database")

TRADER = 424242
BASE_URL = "http://127.0.0.1:8080"
SENDER = "Tastybot <bot@tastybot.example>"


def _mailer(smtp_server: Inbox) -> SmtpMailer:
    return SmtpMailer(parse_smtp_url(smtp_server.url), SENDER, step_timeout=5, deadline=10)


def _link(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    match = re.search(r"https?://\S+/email/verify\?token=\S+", body.get_content())
    assert match is not None
    return match.group(0)


def _path(link: str) -> str:
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}"


async def test_verification_link_then_sync_failure_email(
    smtp_server: Inbox, client: Client
) -> None:
    mailer = _mailer(smtp_server)

    pending = await request_verification(
        TRADER, "Trader@Example.com", mailer=mailer, base_url=BASE_URL
    )

    [verification] = await smtp_server.wait_for(1)
    assert pending.address == "Trader@example.com"
    assert verification["To"] == "Trader@example.com"
    assert verification["From"] == SENDER
    assert smtp_server.envelopes[0] == ("bot@tastybot.example", ["Trader@example.com"])
    link = _link(verification)
    assert link.startswith(f"{BASE_URL}/email/verify?token=")
    token = parse_qs(urlsplit(link).query)["token"][0]
    stored = await Trader.get(discord_id=TRADER)
    assert stored.email_token_hash is not None and token not in stored.email_token_hash
    assert (await email_status(TRADER)).verified is False

    response = await client.get(_path(link))

    assert response.status == 200
    assert "Email address confirmed" in await response.text()
    status = await email_status(TRADER)
    assert (status.address, status.verified, status.pending) == ("Trader@example.com", True, None)

    await set_channel(TRADER, Event.SYNC_FAILED, Channel.EMAIL, True)
    service = NotificationService(messenger=None, mailer=mailer, base_url=BASE_URL)
    delivery = await service.deliver(
        Notice(
            TRADER,
            Event.SYNC_FAILED,
            "Sync failed for 5WT00001",
            "Tastytrade answered HTTP 503 three times. Run /sync again in a few minutes.",
        )
    )

    [_, failure] = await smtp_server.wait_for(2)
    assert failure["Subject"] == "Sync failed for 5WT00001"
    assert failure["To"] == "Trader@example.com"
    failure_body = failure.get_body(preferencelist=("plain",))
    assert failure_body is not None and "Run /sync again" in failure_body.get_content()
    assert delivery is not None and delivery.email_status == "sent"
    [item] = (await inbox_page(TRADER)).items
    assert item.title == "Sync failed for 5WT00001" and item.email_status == "sent"


async def test_a_used_link_says_so(smtp_server: Inbox, client: Client) -> None:
    await request_verification(
        TRADER, "t@example.com", mailer=_mailer(smtp_server), base_url=BASE_URL
    )
    link = _link((await smtp_server.wait_for(1))[0])

    assert (await client.get(_path(link))).status == 200
    again = await client.get(_path(link))

    assert again.status == 409
    assert "already used" in await again.text()


async def test_an_expired_link_says_so_and_verifies_nothing(
    smtp_server: Inbox, client: Client
) -> None:
    yesterday = datetime.now(UTC) - timedelta(hours=25)
    await request_verification(
        TRADER, "t@example.com", mailer=_mailer(smtp_server), base_url=BASE_URL, now=yesterday
    )
    link = _link((await smtp_server.wait_for(1))[0])

    response = await client.get(_path(link))

    assert response.status == 410
    assert "expired" in await response.text()
    assert (await email_status(TRADER)).verified is False


async def test_a_newer_link_replaces_the_older_one(smtp_server: Inbox, client: Client) -> None:
    mailer = _mailer(smtp_server)
    long_ago = datetime.now(UTC) - timedelta(minutes=5)
    await request_verification(
        TRADER, "old@example.com", mailer=mailer, base_url=BASE_URL, now=long_ago
    )
    await request_verification(TRADER, "new@example.com", mailer=mailer, base_url=BASE_URL)
    old_mail, new_mail = await smtp_server.wait_for(2)

    assert (await client.get(_path(_link(old_mail)))).status == 404
    assert (await client.get(_path(_link(new_mail)))).status == 200
    assert (await email_status(TRADER)).address == "new@example.com"


async def test_asking_again_within_a_minute_is_refused(smtp_server: Inbox) -> None:
    from services.errors import ValidationError

    mailer = _mailer(smtp_server)
    await request_verification(TRADER, "a@example.com", mailer=mailer, base_url=BASE_URL)

    with pytest.raises(ValidationError, match="wait a minute"):
        await request_verification(TRADER, "b@example.com", mailer=mailer, base_url=BASE_URL)
    assert len(await smtp_server.wait_for(1)) == 1


async def test_an_unreachable_server_leaves_nothing_pending() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailer = SmtpMailer(
        parse_smtp_url(f"smtp://127.0.0.1:{port}"), SENDER, step_timeout=2, deadline=5
    )

    with pytest.raises(EmailNotSentError):
        await request_verification(TRADER, "t@example.com", mailer=mailer, base_url=BASE_URL)

    assert (await email_status(TRADER)).pending is None


async def test_a_server_that_never_answers_fails_at_the_deadline() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # never sends the SMTP greeting
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    mailer = SmtpMailer(
        parse_smtp_url(f"smtp://127.0.0.1:{port}"), SENDER, step_timeout=0.3, deadline=0.6
    )
    try:
        with pytest.raises(MailError):
            await mailer.send_mail("t@example.com", "subject", "body")
    finally:
        server.close()
        await server.wait_closed()
