"""Fixtures for export tests: two traders synced from the simulator, a vault and its link
signer, and a web app serving ``/download/<token>``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from support.sync_world import link_and_sync

from services.broker.client import RetryPolicy
from services.reports.exports import LinkSigner
from services.status import StatusBoard
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator
from web_status import create_app
from web_status._routes_download import DownloadWeb, download_routes

TRADER = 1001
OTHER = 2002
FAST = RetryPolicy(attempts=3, initial_wait=0.01, max_wait=0.02, jitter=0.01, request_timeout=5)

Client = TestClient[web.Request, web.Application]


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, transactions=300) as running:
        yield running


@pytest.fixture
def vault() -> Vault:
    return Vault([generate_key()])


@pytest.fixture
def signer(vault: Vault) -> LinkSigner:
    return LinkSigner.from_vault(vault)


@pytest.fixture
async def synced(database: str, vault: Vault, sim: RunningSimulator) -> int:
    """TRADER linked to both simulated environments and synced once."""
    await link_and_sync(vault, sim, TRADER, FAST)
    return TRADER


@pytest.fixture
async def download_client(
    aiohttp_client: Callable[..., Awaitable[Client]], signer: LinkSigner, database: str
) -> Client:
    """The real web app with the download route (status board and db probe are trivial)."""

    async def reachable() -> bool:
        return True

    board = StatusBoard(version="test", environment="demo", database_kind="sqlite")
    app = create_app(board, db_check=reachable, features=[download_routes(DownloadWeb(signer))])
    return await aiohttp_client(app)
