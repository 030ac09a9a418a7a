"""Two processes confirming the same order at the same moment place it once.

The bot's confirmation is one conditional UPDATE (``services.orders.confirmation``): whichever
process's UPDATE moves the request from ``previewed`` to ``confirmed`` places it, and every
other one is told it was already handled. Here that is shown with real processes, each with
its own ORM connections and broker sessions, released together against one database and the
simulator, whose order book is the ground truth.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from services.db.models import OrderEvent, OrderRequest
from services.orders._context import OrderContext
from services.orders._model import OrderState
from services.orders.audit import verify_chain
from simulator.server import RunningSimulator

from .conftest import previewed, production_orders

pytestmark = pytest.mark.db

CALLS = "buy 10 calls for SPY at strike 600 expiring next month @ 1.00"
PROCESSES = 3
TESTS = Path(__file__).resolve().parents[2]
STARTUP_S = 60  # an interpreter importing the SDK and the ORM on a busy CI machine


async def _confirm_in_processes(
    count: int, arguments: list[str], environment: dict[str, str]
) -> list[dict[str, Any]]:
    """Start ``count`` confirming processes, wait until each is ready, release them together
    and return what each printed."""
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "support.confirm_process",
            *arguments,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
        )
        for _ in range(count)
    ]
    try:
        for process in processes:
            assert process.stdout is not None
            line = await asyncio.wait_for(process.stdout.readline(), STARTUP_S)
            assert line.strip() == b"ready", line
        finished = await asyncio.wait_for(
            asyncio.gather(*(process.communicate(b"go\n") for process in processes)), STARTUP_S
        )
    finally:
        for process in processes:
            if process.returncode is None:
                process.kill()
                await process.wait()
    outcomes = []
    for process, (out, err) in zip(processes, finished, strict=True):
        assert process.returncode == 0, err.decode()
        outcomes.append(json.loads(out.decode().strip().splitlines()[-1]))
    return outcomes


async def test_two_processes_confirming_the_same_order_place_it_once(
    database: str,
    vault_key: str,
    context: OrderContext,
    trader: int,
    sim: RunningSimulator,
) -> None:
    preview = (await previewed(context, trader, CALLS)).preview
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.pathsep.join((str(TESTS), str(TESTS.parent))),
        "CONFIRM_DATABASE_URL": database,
        "CONFIRM_SIMULATOR_URL": sim.url,
        "CONFIRM_VAULT_KEY": vault_key,
    }

    outcomes = await _confirm_in_processes(
        PROCESSES, [str(trader), str(preview.order_id), preview.confirm_hash], environment
    )

    placed = [outcome for outcome in outcomes if "placed" in outcome]
    refused = [outcome for outcome in outcomes if "refused" in outcome]
    assert len(placed) == 1, outcomes
    assert [outcome["refused"] for outcome in refused] == ["AlreadyHandledError"] * (PROCESSES - 1)
    request = await OrderRequest.get(id=preview.order_id)
    assert request.state in (OrderState.PLACED, OrderState.FILLED)
    orders = await production_orders(sim, request.external_identifier)
    assert [order.id for order in orders] == [placed[0]["order"]]
    confirmations = await OrderEvent.filter(order_request_id=preview.order_id, kind="confirmed")
    assert len(confirmations) == 1
    assert await verify_chain(preview.order_id)
