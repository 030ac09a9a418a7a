"""Start-up failures are one line naming the cause and exit code 2, never a traceback, and the
web page stays observable (503) while the database is not there yet."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import discord.http
import pytest
from aiohttp import web

from bot.bot import BotOptions, Tastybot
from bot.cli import main
from bot.settings import load_settings
from services.errors import DatabaseUnavailableError
from services.vault import generate_key


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def real_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Safe real-mode settings with a SQLite database; each test breaks one thing."""
    monkeypatch.chdir(tmp_path)  # no .env here
    for name, value in {
        "TASTYBOT_MODE": "real",
        "DISCORD_TOKEN": "MTE4NzY1NDMyMTAxMjM0NTY3.GhIjKl.abcdefghijklmnopqrstuvwxyz012345",
        "TASTYBOT_SECRET_KEY": generate_key(),
        "PUBLIC_BASE_URL": "https://tastybot.example",
        "DATABASE_URL": f"sqlite://{tmp_path / 'tb.sqlite3'}",
        "TASTYBOT_DATA_DIR": str(tmp_path / "data"),
        "WEB_HOST": "127.0.0.1",
        "WEB_PORT": "0",
        "LOG_LEVEL": "ERROR",
        "DATABASE_WAIT_SECONDS": "1",
    }.items():
        monkeypatch.setenv(name, value)
    return tmp_path


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    return err


def test_a_database_on_a_closed_port_is_one_line_after_bounded_retries(
    real_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    port = closed_port()
    monkeypatch.setenv("DATABASE_URL", f"postgres://tb:pg-secret@127.0.0.1:{port}/tb")

    assert main(["run"]) == 2

    err = one_line(capsys)
    assert f"the database at 127.0.0.1:{port} did not answer within 1 s" in err
    assert "pg-secret" not in err


@pytest.mark.parametrize("port", ["notaport", "99999"])
def test_a_malformed_database_port_is_one_line(
    real_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], port: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"postgres://tb:pg-secret@127.0.0.1:{port}/tb")

    assert main(["run"]) == 2

    err = one_line(capsys)
    assert "DATABASE_URL has a malformed port" in err
    assert "pg-secret" not in err


def test_real_mode_without_a_key_or_https_is_refused(
    real_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TASTYBOT_SECRET_KEY")
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://tastybot.example")

    assert main(["run"]) == 2

    err = one_line(capsys)
    assert "TASTYBOT_SECRET_KEY must be set" in err
    assert "PUBLIC_BASE_URL must be an https://" in err
    assert not (real_env / "data" / "secret.key").exists()


def test_unreachable_discord_is_one_line(
    real_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{closed_port()}/api/v10")

    assert main(["run"]) == 2

    err = one_line(capsys)
    assert "Discord is unreachable" in err


@pytest.fixture
def refusing_discord() -> Iterator[str]:
    """A loopback stand-in for Discord's API that refuses every token (HTTP 401)."""

    async def unauthorized(request: web.Request) -> web.Response:
        return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", unauthorized)
    started = threading.Event()
    loop = asyncio.new_event_loop()
    holder: dict[str, object] = {}

    def serve() -> None:
        asyncio.set_event_loop(loop)
        runner = web.AppRunner(app)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        holder["runner"] = runner
        holder["port"] = runner.addresses[0][1]
        started.set()
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert started.wait(10)
    yield f"http://127.0.0.1:{holder['port']}/api/v10"
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def test_an_invalid_discord_token_is_one_line(
    real_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    refusing_discord: str,
) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", refusing_discord)

    assert main(["run"]) == 2

    err = one_line(capsys)
    assert "Discord refused DISCORD_TOKEN" in err
    assert "abcdefghijklmnop" not in err


async def test_the_web_page_answers_503_while_the_database_is_retried(tmp_path: Path) -> None:
    settings = load_settings(
        _env_file=None,
        TASTYBOT_MODE="demo",
        DATABASE_URL=f"postgres://tb@127.0.0.1:{closed_port()}/tb",
        DATABASE_WAIT_SECONDS=3,
        TASTYBOT_DATA_DIR=tmp_path,
        WEB_PORT=0,
    )
    bot = Tastybot(settings, BotOptions(start_web=True))
    preparing = asyncio.create_task(bot.prepare())
    try:
        async with asyncio.timeout(10):
            while bot.web is None:  # noqa: ASYNC110 - the bot offers no event to wait on
                await asyncio.sleep(0.01)
            async with (
                aiohttp.ClientSession() as http,
                http.get(str(bot.web.url) + "healthz") as response,
            ):
                assert response.status == 503
            assert not preparing.done()  # still retrying while the page answered
            with pytest.raises(DatabaseUnavailableError):
                await preparing
    finally:
        bot.ws = None  # type: ignore[assignment]  # never connected to a gateway
        await bot.close()
