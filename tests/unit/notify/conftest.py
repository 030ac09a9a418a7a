"""Fakes for the notification ports: they subclass nothing but keep the ports' shapes and
record what they were asked to deliver."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import pytest

from services.notify.mailer import MailError


@dataclass
class FakeMessenger:
    """A DirectMessenger: ``deliverable`` False acts like closed DMs, ``error`` raises,
    ``hang`` never answers."""

    deliverable: bool = True
    error: Exception | None = None
    hang: bool = False
    sent: list[tuple[int, str, str]] = field(default_factory=list)

    async def send_dm(self, discord_id: int, title: str, body: str) -> bool:
        if self.hang:
            await asyncio.Event().wait()
        if self.error is not None:
            raise self.error
        if self.deliverable:
            self.sent.append((discord_id, title, body))
        return self.deliverable


@dataclass
class FakeMailer:
    """A Mailer that keeps the emails; ``fail`` makes it raise MailError."""

    fail: bool = False
    sent: list[tuple[str, str, str]] = field(default_factory=list)

    async def send_mail(self, to: str, subject: str, body: str) -> None:
        if self.fail:
            raise MailError("SMTP failure: 554 refused")
        self.sent.append((to, subject, body))


@pytest.fixture
def messenger() -> FakeMessenger:
    return FakeMessenger()


@pytest.fixture
def mailer() -> FakeMailer:
    return FakeMailer()
