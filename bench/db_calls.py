"""CPU per database call of the kinds the order pipeline makes, through the ORM and below it.

An order makes about twenty statements (``bench/orders.py`` profiles show the database layer
as the largest share of the pipeline's CPU). This prints, per kind of call, the CPU microseconds
one call costs this process (median of ``--rounds`` rounds of ``--calls`` calls each, after a
warm-up), so that a change to how the pipeline talks to the database can be judged by what each
call costs, not guessed:

- ``event_create``: ``OrderEvent.create`` as the audit log appends;
- ``request_save_all`` / ``request_save_fields``: ``OrderRequest.save()`` writing every column
  against ``save(update_fields=[...])`` writing two;
- ``request_get``: one ``OrderRequest`` read by id;
- ``credential_lookup``: the session pool's grant lookup (a join on the trader's Discord id),
  hand-written (:mod:`services.db.statements`), against ``credential_lookup_orm``, the same
  query through the ORM as it was before;
- ``owned_request``: a confirmation's read of the trader and their request, hand-written,
  against ``owned_request_orm``, the ORM's one read with the trader joined;
- ``driver_event_insert`` / ``driver_select_1``: the same insert as SQL through the ORM's own
  connection, and ``SELECT 1``: what a round trip costs below the ORM's query building.

Run ``python bench/db_calls.py [--database-url postgres://...]`` (default: SQLite in a
temporary directory). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tortoise import connections  # noqa: E402

from services import event_loop  # noqa: E402
from services.broker.pool import live_grants  # noqa: E402
from services.db.models import (  # noqa: E402
    BrokerCredential,
    CredentialKind,
    OrderEvent,
    OrderRequest,
    Trader,
)
from services.db.setup import close_db, init_db  # noqa: E402
from services.environment import Environment  # noqa: E402
from services.orders._model import OrderState  # noqa: E402
from services.orders.confirmation import owned_request  # noqa: E402

DISCORD_ID = 4242
INSERT_EVENT = (
    'INSERT INTO "order_event" ("kind","detail","prev_hash","entry_hash","created_at",'
    '"order_request_id") VALUES ({}) RETURNING "id"'
)


async def _cpu_us(call: Callable[[], Awaitable[Any]], calls: int, rounds: int) -> float:
    """Median CPU microseconds per call over ``rounds`` rounds of ``calls`` calls."""
    for _ in range(max(10, calls // 10)):  # warm-up: statement caches, pool connections
        await call()
    per_round = []
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(calls):
            await call()
        per_round.append((time.process_time() - started) / calls * 1e6)
    return round(statistics.median(per_round), 1)


async def measure(db_url: str, calls: int, rounds: int) -> dict[str, Any]:
    await init_db(db_url)
    try:
        trader = await Trader.create(discord_id=DISCORD_ID)
        for environment in (Environment.PRODUCTION, Environment.SANDBOX):
            await BrokerCredential.create(
                trader=trader,
                environment=environment,
                kind=CredentialKind.PERSONAL,
                refresh_token_encrypted="ciphertext",
            )
        request = await OrderRequest.create(
            trader=trader,
            source="chat",
            raw_text="BTO 1 SPY 600c 1/15/27 @ 2.15",
            parsed={"today": "2026-12-03", "answers": [], "reading": {"kind": "order"}},
            state=OrderState.RECEIVED,
            environment=Environment.PRODUCTION,
            external_identifier="tb-bench",
        )
        connection = connections.get("default")
        postgres = connection.capabilities.dialect == "postgres"
        placeholders = ",".join(f"${n}" if postgres else "?" for n in range(1, 7))
        appended = 0

        def next_hashes() -> tuple[str, str]:
            nonlocal appended
            appended += 1
            return f"{appended:064x}", f"{appended + 1:064x}"

        async def event_create() -> None:
            prev, entry = next_hashes()
            await OrderEvent.create(
                order_request_id=request.id,
                kind="status",
                detail={"status": "Live", "filled": "0"},
                prev_hash=prev,
                entry_hash=entry,
                created_at=datetime.now(UTC),
            )

        async def driver_event_insert() -> None:
            prev, entry = next_hashes()
            await connection.execute_insert(
                INSERT_EVENT.format(placeholders),
                [
                    "status",
                    json.dumps({"status": "Live", "filled": "0"}),
                    prev,
                    entry,
                    datetime.now(UTC),
                    request.id,
                ],
            )

        timed: dict[str, Callable[[], Awaitable[Any]]] = {
            "event_create": event_create,
            "driver_event_insert": driver_event_insert,
            "request_save_all": request.save,
            "request_save_fields": lambda: request.save(update_fields=["state", "updated_at"]),
            "request_get": lambda: OrderRequest.get(id=request.id),
            "credential_lookup": lambda: live_grants(
                DISCORD_ID, (Environment.PRODUCTION, Environment.SANDBOX)
            ),
            "credential_lookup_orm": lambda: BrokerCredential.filter(
                trader__discord_id=DISCORD_ID,
                environment__in=(Environment.PRODUCTION, Environment.SANDBOX),
                revoked_at=None,
            ).values_list("environment", "id", "refresh_token_encrypted"),
            "owned_request": lambda: owned_request(DISCORD_ID, request.id),
            "owned_request_orm": lambda: (
                OrderRequest.filter(id=request.id, trader__discord_id=DISCORD_ID)
                .select_related("trader")
                .first()
            ),
            "driver_select_1": lambda: connection.execute_query("SELECT 1"),
        }
        cpu_us = {name: await _cpu_us(call, calls, rounds) for name, call in timed.items()}
    finally:
        await close_db()
    return {
        "database": "postgres" if postgres else "sqlite",
        "calls": calls,
        "rounds": rounds,
        "cpu_us_per_call": cpu_us,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: SQLite in a temporary directory")
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        db_url = args.database_url or f"sqlite://{Path(scratch) / 'bench.sqlite3'}"
        result = event_loop.run(measure(db_url, args.calls, args.rounds))
        print(json.dumps({**result, "loop": event_loop.loop_name()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
