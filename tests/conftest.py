"""Fixtures shared by every test: a real database, and the real bot on simulated Discord.

The database is Postgres when ``TEST_DATABASE_URL`` is set (each test gets a database of its
own, created and dropped around it), else a SQLite file in the test's temporary directory.
Either way each test's database is a copy of one migrated once per session.
No test reads the developer's environment or `.env`, nor leaves a file in the repository
(``support.isolation``); an unclosed socket, transport or stream fails the test.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import pytest_asyncio

from bot.bot import BotOptions, Tastybot
from bot.discord_sim import SimulatedDiscord
from bot.settings import RunMode, Settings, load_settings
from services.db import close_db, init_db

pytest_plugins = ["support.isolation", "pytester"]

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "").strip()


def pytest_configure(config: pytest.Config) -> None:
    # a leaked socket, transport or stream warns when it is collected (an "unraisable"
    # ResourceWarning that pytest reports as PytestUnraisableExceptionWarning): both fail
    config.addinivalue_line("filterwarnings", "error::ResourceWarning")
    config.addinivalue_line("filterwarnings", "error::pytest.PytestUnraisableExceptionWarning")


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


async def _admin(url: str, statement: str) -> None:
    import asyncpg

    dsn = urlsplit(url)._replace(scheme="postgresql").geturl()
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def _own_postgres_database(template: str | None) -> AsyncIterator[str]:
    """A Postgres database only this test uses (a copy of ``template`` when given), dropped
    after it."""
    name = f"tastybot_test_{secrets.token_hex(6)}"
    copy = f' TEMPLATE "{template}"' if template else ""
    await _admin(TEST_DATABASE_URL, f'CREATE DATABASE "{name}"{copy}')
    try:
        yield _with_database(TEST_DATABASE_URL, name)
    finally:
        await close_db()
        await _admin(TEST_DATABASE_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str | None]:
    """On Postgres, one database migrated once per session: each test's database is a copy of
    it (``CREATE DATABASE ... TEMPLATE``), which is far quicker than migrating every time."""
    if not TEST_DATABASE_URL:
        yield None
        return
    name = f"tastybot_template_{secrets.token_hex(6)}"

    async def create() -> None:
        await _admin(TEST_DATABASE_URL, f'CREATE DATABASE "{name}"')
        await init_db(_with_database(TEST_DATABASE_URL, name))
        await close_db()

    asyncio.run(create())
    try:
        yield name
    finally:
        asyncio.run(_admin(TEST_DATABASE_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """On SQLite, one database file migrated once per session: each test's database is a
    copy of the file (migrating takes seconds, copying milliseconds)."""
    if TEST_DATABASE_URL:
        return None
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"

    async def create() -> None:
        await init_db(f"sqlite://{path}")
        await close_db()

    asyncio.run(create())
    return path


@pytest_asyncio.fixture
async def db_url(
    tmp_path: Path, postgres_template: str | None, sqlite_template: Path | None
) -> AsyncIterator[str]:
    """A URL to a database that only this test uses, with the schema and no rows."""
    if not TEST_DATABASE_URL:
        path = tmp_path / "test.sqlite3"
        assert sqlite_template is not None
        await asyncio.to_thread(shutil.copyfile, sqlite_template, path)
        yield f"sqlite://{path}"
        return
    async for url in _own_postgres_database(postgres_template):
        yield url


@pytest_asyncio.fixture
async def empty_db_url(tmp_path: Path) -> AsyncIterator[str]:
    """A URL to a database with nothing in it, not even the schema."""
    if not TEST_DATABASE_URL:
        yield f"sqlite://{tmp_path / 'empty.sqlite3'}"
        return
    async for url in _own_postgres_database(None):
        yield url


@pytest_asyncio.fixture
async def database(db_url: str) -> AsyncIterator[str]:
    """The ORM connected to a migrated, empty database."""
    await init_db(db_url)
    try:
        yield db_url
    finally:
        await close_db()


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    """Settings for tests: nothing read from the developer's environment or `.env`."""
    return load_settings(
        _env_file=None,
        DATABASE_URL=db_url,
        TASTYBOT_DATA_DIR=tmp_path / "data",
        WEB_PORT=0,
        TASTYBOT_MODE=RunMode.DEMO.value,
    )


@pytest_asyncio.fixture
async def tastybot(settings: Settings) -> AsyncIterator[Tastybot]:
    """The real bot with every cog, its database ready, not yet attached to Discord."""
    bot = Tastybot(settings, BotOptions(start_web=False, simulated_discord=True))
    await bot._async_setup_hook()
    await bot.setup_hook()
    try:
        yield bot
    finally:
        bot.ws = None  # type: ignore[assignment]
        await bot.close()


@pytest_asyncio.fixture
async def discord_sim(
    tastybot: Tastybot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[SimulatedDiscord]:
    """Simulated Discord (dpytest) with the real bot: one guild, one channel, two members.

    Runs in ``tmp_path``: dpytest writes every sent file to ``./dpytest_<n>.dat``.
    """
    monkeypatch.chdir(tmp_path)
    sim = SimulatedDiscord(tastybot, members=["trader", "other"])
    try:
        yield sim
    finally:
        await sim.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that touches a database is a `db` test (CI runs them on both databases)."""
    for item in items:
        if {"db_url", "empty_db_url"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)
