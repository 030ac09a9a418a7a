"""Fixtures for the web status app: a board on a fake clock, a fake database probe, clients.

Tests run with ``--import-mode=importlib``, so test modules cannot import helpers by module
name at runtime; they import these classes for annotations only (under TYPE_CHECKING).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from services.status import DbCheck, StatusBoard
from web_status import create_app

START = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)

Client = TestClient[web.Request, web.Application]
ClientFactory = Callable[..., Awaitable[Client]]


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


class FakeDb:
    """Stands in for ``services.db.db_is_reachable``."""

    def __init__(self) -> None:
        self.reachable = True
        self.hang = False
        self.calls = 0

    async def __call__(self) -> bool:
        self.calls += 1
        if self.hang:
            await asyncio.Event().wait()
        return self.reachable


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def board(clock: FakeClock) -> StatusBoard:
    return StatusBoard(version="1.4.2", environment="demo", database_kind="sqlite", clock=clock)


@pytest.fixture
def db() -> FakeDb:
    return FakeDb()


@pytest.fixture
def make_client(
    aiohttp_client: Callable[..., Awaitable[Client]],
    board: StatusBoard,
    db: FakeDb,
) -> ClientFactory:
    """Build the app (options as keyword arguments) and a test client for it."""

    async def _make(
        *,
        db_check: DbCheck | None = None,
        status_board: StatusBoard | None = None,
        **options: object,
    ) -> Client:
        app = create_app(
            status_board or board,
            db_check=db_check or db,
            **options,  # type: ignore[arg-type]
        )
        return await aiohttp_client(app)

    return _make


@pytest.fixture
async def client(make_client: ClientFactory) -> Client:
    return await make_client()
