"""`/export` on simulated Discord with the real bot: a private answer with a single-use link,
the file attached in DM when small, the link downloading through the real web app once, and
trader B getting nothing of trader A's (no export, no use of A's link)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date

import discord
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from support.sync_world import link_grant

from bot.bot import Tastybot
from bot.discord_sim import SimulatedDiscord
from services.broker import broker_route
from services.broker.client import RetryPolicy
from services.db.models import Transaction
from services.environment import Environment
from services.reports.exports import InvalidLinkError, LinkSigner, redeem_download
from services.status import StatusBoard
from services.sync import SyncStatus, SyncTrigger, sync_trader
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator
from web_status import create_app
from web_status._routes_download import DownloadWeb, download_routes

FAST = RetryPolicy(attempts=3, initial_wait=0.01, max_wait=0.02, jitter=0.01, request_timeout=5)
LINK = re.compile(r"\((https?://[^)\s]+/download/([A-Za-z0-9_.-]+))\)")
Client = TestClient[web.Request, web.Application]


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, transactions=300) as running:
        yield running


@pytest.fixture
async def synced_bot(
    tastybot: Tastybot, sim: RunningSimulator, discord_sim: SimulatedDiscord
) -> Tastybot:
    """The bot with a vault; member 0 linked to the simulator and synced."""
    tastybot.vault = Vault([generate_key()])
    trader = discord_sim.member(0).id
    for environment in Environment:
        await link_grant(tastybot.vault, trader, sim, environment)
    result = await sync_trader(
        trader,
        trigger=SyncTrigger.MANUAL,
        vault=tastybot.vault,
        route=broker_route(sim.url, demo_mode=True),
        policy=FAST,
    )
    assert result.status is SyncStatus.SUCCEEDED
    return tastybot


@pytest.fixture
async def web_client(
    synced_bot: Tastybot, aiohttp_client: Callable[..., Awaitable[Client]]
) -> Client:
    assert synced_bot.vault is not None

    async def reachable() -> bool:
        return True

    signer = LinkSigner.from_vault(synced_bot.vault)
    board = StatusBoard(version="test", environment="demo", database_kind="sqlite")
    app = create_app(board, db_check=reachable, features=[download_routes(DownloadWeb(signer))])
    return await aiohttp_client(app)


def is_dm(message: discord.Message) -> bool:
    return isinstance(message.channel, discord.DMChannel)


def link_in(messages: list[discord.Message]) -> tuple[str, str]:
    for message in messages:
        for embed in message.embeds:
            found = LINK.search(embed.description or "")
            if found:
                return found.group(1), found.group(2)
    raise AssertionError("no download link in the replies")


async def busiest_year(discord_id: int) -> int:
    dates = await Transaction.filter(account__trader__discord_id=discord_id).values_list(
        "transaction_date", flat=True
    )
    years = [date.fromisoformat(str(day)).year for day in dates]
    return max(set(years), key=years.count)


async def test_export_transactions_answers_privately_with_link_and_file(
    discord_sim: SimulatedDiscord, synced_bot: Tastybot, web_client: Client
) -> None:
    trader = discord_sim.member(0).id
    year = await busiest_year(trader)

    exchange = await discord_sim.send(f"!export transactions {year}")

    public = [m for m in exchange.replies if not is_dm(m)]
    private = [m for m in exchange.replies if is_dm(m)]
    assert [m.content for m in public] == ["I answered in your DMs (it is private)."]
    assert not any(m.embeds or m.attachments for m in public)
    url, token = link_in(private)
    assert url.startswith(synced_bot.public_url())
    files = [a for m in private for a in m.attachments]
    assert [a.filename for a in files] == [f"tastybot-transactions-{year}.csv"]
    attached = (await files[0].read()).decode("utf-8")

    response = await web_client.get(f"/download/{token}")
    assert response.status == 200
    downloaded = await response.text()
    assert downloaded == attached
    assert len(list(csv.DictReader(io.StringIO(downloaded, newline="")))) > 0
    assert (await web_client.get(f"/download/{token}")).status == 403  # single use


async def test_export_pnl_8949_and_report(
    discord_sim: SimulatedDiscord, synced_bot: Tastybot
) -> None:
    year = await busiest_year(discord_sim.member(0).id)
    form = await discord_sim.send(f"!export pnl {year} 8949", dm=True)
    files = [a for m in form.replies for a in m.attachments]
    assert [a.filename for a in files] == [f"tastybot-form-8949-{year}.csv"]
    header = (await files[0].read()).decode("utf-8").splitlines()[0]
    assert "NOT COMPUTED" in header and "Gain or (loss) (h)" in header

    lots = await discord_sim.send(f"!export pnl {year} --format csv", dm=True)
    assert [a.filename for m in lots.replies for a in m.attachments] == [
        f"tastybot-pnl-lots-{year}.csv"
    ]

    report = await discord_sim.send(f"!export report {year}", dm=True)
    pdfs = [a for m in report.replies for a in m.attachments]
    assert [a.filename for a in pdfs] == [f"tastybot-report-{year}.pdf"]
    assert (await pdfs[0].read()).startswith(b"%PDF-")
    link_in(report.replies)


async def test_bad_periods_and_formats_are_explained(
    discord_sim: SimulatedDiscord, synced_bot: Tastybot
) -> None:
    cases = {
        "!export transactions last year": "a year like 2026",
        "!export pnl 2026-03": "a year like 2026",
        "!export pnl 2026 xlsx": "`csv` or `8949`",
        "!export report 2026-01-01..2026-02-01": "a month like 2026-03",
        "!export transactions " + "9" * 200: "a year like 2026",
    }
    for command, says in cases.items():
        exchange = await discord_sim.send(command, dm=True)
        assert says in exchange.replies[-1].content, command


async def test_another_trader_gets_nothing_and_cannot_use_the_link(
    discord_sim: SimulatedDiscord, synced_bot: Tastybot
) -> None:
    year = await busiest_year(discord_sim.member(0).id)
    mine = await discord_sim.send(f"!export transactions {year}", dm=True)
    _, token = link_in(mine.replies)

    theirs = await discord_sim.send(f"!export transactions {year}", member=1, dm=True)
    assert "no synced accounts" in theirs.replies[-1].content
    assert not any(m.attachments or m.embeds for m in theirs.replies)

    assert synced_bot.vault is not None
    signer = LinkSigner.from_vault(synced_bot.vault)
    with pytest.raises(InvalidLinkError):
        await redeem_download(signer, token, discord_id=discord_sim.member(1).id)
