"""The bot's lifecycle: setup_hook starts database, cogs and web page; close stops them."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest

from bot.bot import BotOptions, Tastybot, discover_cog_extensions
from bot.settings import Settings


def test_every_cog_package_is_discovered() -> None:
    cogs_dir = Path(__file__).resolve().parents[2] / "cogs"
    packages = sorted(
        f"cogs.{path.parent.name}"
        for path in cogs_dir.glob("*/__init__.py")
        if "async def setup(" in path.read_text(encoding="utf-8")
    )

    assert discover_cog_extensions() == packages
    assert {"cogs.errors", "cogs.meta", "cogs.parsing", "cogs.linking", "cogs.sync"} <= set(
        packages
    )


async def test_setup_hook_starts_the_web_page_and_close_stops_it(settings: Settings) -> None:
    bot = Tastybot(settings, BotOptions(start_web=True, warm_ups=[lambda: None]))
    await bot._async_setup_hook()
    await bot.setup_hook()
    assert bot.web is not None
    url = str(bot.web.url)
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(url + "healthz") as response:
                assert response.status == 200
                assert (await response.json())["database"] == "ok"
            async with http.get(url) as response:
                assert "Tastybot status" in await response.text()
        assert set(bot.extensions) == set(discover_cog_extensions())
    finally:
        bot.ws = None  # type: ignore[assignment]  # never connected to a gateway
        await bot.close()

    assert bot.web is None
    async with aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.ClientConnectionError):
            await http.get(url + "healthz")


async def test_failing_background_work_is_recorded_not_lost(settings: Settings) -> None:
    def explode() -> None:
        raise RuntimeError("warm-up failed")

    bot = Tastybot(settings, BotOptions(start_web=False, warm_ups=[explode]))
    await bot._async_setup_hook()
    await bot.setup_hook()
    try:
        await asyncio.gather(*bot._background)
        assert bot.status_board.snapshot().last_error_at is not None
    finally:
        bot.ws = None  # type: ignore[assignment]
        await bot.close()


class _RecordingTree:
    def __init__(self) -> None:
        self.calls: list[object] = []
        self.copied: list[object] = []

    def copy_global_to(self, *, guild: object) -> None:
        self.copied.append(guild)

    async def sync(self, *, guild: object = None) -> list[object]:
        self.calls.append(guild)
        return ["help", "about", "parse"]


@pytest.mark.parametrize("guild_id", [None, 4242])
async def test_slash_commands_sync_globally_or_to_the_dev_server(
    settings: Settings, guild_id: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = Tastybot(settings.model_copy(update={"discord_guild_id": guild_id}))
    tree = _RecordingTree()
    bot._connection.application_id = 1  # as after login
    # `Bot.tree` is a read-only property over this (name-mangled) attribute; no HTTP here
    monkeypatch.setattr(bot, "_BotBase__tree", tree)

    await bot.sync_slash_commands()

    if guild_id is None:
        assert tree.calls == [None] and tree.copied == []
    else:
        assert [g.id for g in tree.copied] == [guild_id]  # type: ignore[attr-defined]
        assert [g.id for g in tree.calls] == [guild_id]  # type: ignore[union-attr]


async def test_slash_commands_are_not_synced_before_login(settings: Settings) -> None:
    bot = Tastybot(settings)

    await bot.sync_slash_commands()  # no application id yet: nothing to do, no error

    assert bot.application_id is None
