"""The trader's first minutes, end to end on simulated Discord with the real bot and the
simulator: `!link` with a personal grant in a DM, then `!sync`, then `!sync status` lists every
linked account with its outcome. Nothing is set up behind the bot's back."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import cast

import pytest

from bot.bot import Tastybot
from bot.discord_sim import Exchange, SimulatedDiscord, render_message
from services.broker import broker_route
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, transactions=200) as running:
        yield running


def text_of(exchange: Exchange) -> str:
    return "\n".join(render_message(message) for message in exchange.replies)


async def test_link_then_sync_then_status_shows_the_accounts(
    discord_sim: SimulatedDiscord, sim: RunningSimulator
) -> None:
    bot = cast(Tastybot, discord_sim.bot)
    bot.vault = Vault([generate_key()])
    bot.broker_route = broker_route(str(sim.url), demo_mode=True)
    grant = sim.credentials()["production"]

    linked = await discord_sim.send(
        f"!link production {grant['client_secret']} {grant['refresh_token']}", dm=True
    )
    synced = await discord_sim.send("!sync")
    status = await discord_sim.send("!sync status")

    assert "Linked 3 Tastytrade production accounts" in text_of(linked)
    assert synced.error is None and synced.replies
    report = text_of(status)
    assert "== Sync status ==" in report
    for number in ("5WT00001", "5WT00002", "5WT00003"):
        assert f"{number}" in report
    assert report.count("last outcome: succeeded") == 3
    assert grant["refresh_token"] not in text_of(linked) + text_of(synced) + report
