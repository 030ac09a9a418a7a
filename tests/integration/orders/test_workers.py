"""Order steps run in worker processes (``services.orders.workers``): real processes, each
with its own ORM connections and broker sessions, on the test's database and the simulator."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from support.orders import FAST, FAST_PLACEMENT, FAST_REHEARSAL

from bot.bootstrap import build_bot
from bot.bot import BotOptions, Tastybot
from bot.logging_setup import configure_logging
from bot.settings import RunMode, Settings, load_settings
from services.broker import broker_route
from services.db.models import OrderRequest
from services.errors import ConfigurationError, NotLinkedError, ValidationError
from services.orders._model import OrderState
from services.orders.confirmation import AlreadyHandledError
from services.orders.pipeline import Chatter, Previewed
from services.orders.workers import (
    OrderWorkers,
    WorkerSettings,
    WorkerUnavailableError,
    rebuilt_error,
)
from services.vault import generate_key
from simulator.server import RunningSimulator

from .conftest import RecordingNotifier, cancel_elsewhere, production_orders, set_faults

pytestmark = pytest.mark.db

RESTING = "buy 1 SPY 600 call expiring next month @ 0.05"  # far under the market: it rests


@pytest.fixture
async def workers(
    database: str, vault_key: str, sim: RunningSimulator, notifier: RecordingNotifier
) -> AsyncIterator[OrderWorkers]:
    settings = WorkerSettings(
        database_url=database,
        vault_keys=(vault_key,),
        route=broker_route(sim.url, demo_mode=True),
        retry=FAST,
        placement=FAST_PLACEMENT,
        rehearsal=FAST_REHEARSAL,
        configure_logging=configure_logging,
        log_level="WARNING",
    )
    running = OrderWorkers(settings, 2, notifier)
    await running.start()
    try:
        yield running
    finally:
        await running.close()


async def _eventually(check: Callable[[], bool], seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if check():
            return
        await asyncio.sleep(0.05)


async def test_a_chat_order_is_previewed_and_placed_by_the_workers_and_followed_there(
    workers: OrderWorkers, trader: int, sim: RunningSimulator, notifier: RecordingNotifier
) -> None:
    outcome = await workers.submit(trader, RESTING)
    assert isinstance(outcome, Previewed), outcome
    preview = outcome.preview
    assert preview.rehearsal.passed

    placement = await workers.confirm(trader, preview.order_id, preview.confirm_hash)

    assert placement.state is OrderState.PLACED
    request = await OrderRequest.get(id=preview.order_id)
    assert [order.id for order in await production_orders(sim, request.external_identifier)] == [
        placement.production_order_id
    ]
    # a replay is refused in the worker and raised here as the same error
    with pytest.raises(AlreadyHandledError):
        await workers.confirm(trader, preview.order_id, preview.confirm_hash)
    # the worker that placed it follows it: a cancel made elsewhere reaches this process's
    # notifier from there
    await asyncio.sleep(0.5)  # the worker's stream subscribes
    await cancel_elsewhere(sim, preview.order.account_number, placement.production_order_id or 0)
    await _eventually(lambda: any("cancelled" in n.title for n in notifier.notices))
    assert any(
        "cancelled" in notice.title and notice.discord_id == trader for notice in notifier.notices
    )


async def test_chatter_and_refusals_come_back_as_in_one_process(
    workers: OrderWorkers, trader: int
) -> None:
    assert isinstance(await workers.submit(trader, "SPY looks heavy today, no trade"), Chatter)
    with pytest.raises(NotLinkedError):
        await workers.submit(999_999, RESTING)
    outcome = await workers.submit(trader, RESTING)
    assert isinstance(outcome, Previewed)
    with pytest.raises(ValidationError, match="does not match"):
        await workers.confirm(trader, outcome.preview.order_id, "0" * 64)
    request = await OrderRequest.get(id=outcome.preview.order_id)
    assert request.state == OrderState.PREVIEWED  # a refused confirmation changed nothing


async def test_a_worker_that_dies_fails_its_steps_and_is_replaced(
    workers: OrderWorkers, trader: int, sim: RunningSimulator
) -> None:
    await set_faults(sim, [{"kind": "latency", "ms": 3000}])  # every answer takes 3 s
    step = asyncio.create_task(workers.submit(trader, RESTING))
    await _eventually(lambda: any(worker.pending for worker in workers._workers))
    busy = next(worker for worker in workers._workers if worker.pending)
    os.kill(busy.process.pid, signal.SIGKILL)

    with pytest.raises(WorkerUnavailableError):
        await step
    await set_faults(sim, [])
    # the replacement takes steps as before
    outcome = await workers.submit(trader, RESTING)
    assert isinstance(outcome, Previewed)
    assert all(worker.process.is_alive() for worker in workers._workers)


def test_an_error_crosses_the_pipe_as_its_class_with_its_safe_message_only() -> None:
    error = rebuilt_error("services.errors", "NotLinkedError", "Link your account first.")
    assert isinstance(error, NotLinkedError)
    assert error.user_message == "Link your account first."
    assert str(error) == "Link your account first."
    # anything that is not one of our errors, or not from our packages, is not rebuilt
    for module, name in (
        ("builtins", "ValueError"),
        ("os", "system"),
        ("services.errors", "log"),
        ("services.nowhere", "Nope"),
        (None, None),
    ):
        assert isinstance(rebuilt_error(module, name, "boom"), WorkerUnavailableError)


def _demo_settings(database: str, tmp_path: Path, **values: object) -> Settings:
    return load_settings(
        _env_file=None,
        DATABASE_URL=database,
        TASTYBOT_DATA_DIR=tmp_path / "data",
        TASTYBOT_MODE=RunMode.DEMO.value,
        **values,
    )


async def test_a_bot_built_with_order_workers_runs_its_steps_there_and_stops_them(
    database: str, tmp_path: Path
) -> None:
    settings = _demo_settings(
        database, tmp_path, TASTYBOT_SECRET_KEY=generate_key(), ORDER_WORKERS=1
    )
    bot = build_bot(settings, BotOptions(start_web=False))
    await bot.prepare()
    await bot.start_order_workers()
    try:
        steps = bot.orders()
        assert isinstance(steps, OrderWorkers)
        [pid] = steps.pids()
        with pytest.raises(NotLinkedError):  # the step ran in the worker, on the bot's vault
            await steps.submit(424242, RESTING)
    finally:
        await bot.close()
    assert steps.pids() == []
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


async def test_order_workers_without_the_vault_keys_stop_start_up(
    database: str, tmp_path: Path
) -> None:
    settings = _demo_settings(database, tmp_path, ORDER_WORKERS=2)
    bot = Tastybot(settings, BotOptions(start_web=False))  # built without a vault
    try:
        with pytest.raises(ConfigurationError, match="vault"):
            await bot.start_order_workers()
    finally:
        await bot.close()
