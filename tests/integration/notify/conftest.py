"""A real SMTP server (aiosmtpd) on loopback that keeps every email it receives."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest_asyncio
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from aiosmtpd.controller import Controller

from services.status import StatusBoard
from web_status import create_app
from web_status._routes_email import add_email_routes

MAIL_WAIT_S = 10.0
Client = TestClient[web.Request, web.Application]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Inbox:
    """What the SMTP server received (the server runs in its own thread)."""

    host: str
    port: int
    loop: asyncio.AbstractEventLoop
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    async def wait_for(self, count: int) -> list[EmailMessage]:
        """Wait (with a deadline) until ``count`` emails arrived."""
        async with asyncio.timeout(MAIL_WAIT_S):
            while len(self.messages) < count:
                self.arrived.clear()
                if len(self.messages) < count:  # an email may land between check and clear
                    await self.arrived.wait()
        return self.messages


class _Keeper:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.inbox.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.inbox.messages.append(message)
        self.inbox.loop.call_soon_threadsafe(self.inbox.arrived.set)
        return "250 Message accepted for delivery"


@pytest_asyncio.fixture
async def smtp_server() -> AsyncIterator[Inbox]:
    """aiosmtpd's Controller (its own thread) on 127.0.0.1 and a free port; stopped after."""
    inbox = Inbox("127.0.0.1", free_port(), asyncio.get_running_loop())
    controller = Controller(_Keeper(inbox), hostname=inbox.host, port=inbox.port)
    # The server's thread logs each session (and the cancelled ones at stop) while pytest may
    # have closed the stream a handler writes to; what the test checks is the mail received.
    server_log = logging.getLogger("mail.log")
    saved = (server_log.level, server_log.propagate)
    server_log.setLevel(logging.CRITICAL)
    server_log.propagate = False
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
        server_log.setLevel(saved[0])
        server_log.propagate = saved[1]


async def _database_answers() -> bool:
    return True


@pytest_asyncio.fixture
async def client() -> AsyncIterator[Client]:
    """The real web app (security headers, limits, error pages) with the email route."""
    board = StatusBoard(version="test", environment="demo", database_kind="sqlite")
    app = create_app(board, db_check=_database_answers, features=[add_email_routes])
    async with TestClient(TestServer(app)) as test_client:
        yield test_client
