"""A process of its own that confirms one previewed order, for the test that two processes
confirming the same order place it once (``tests/integration/orders/test_two_processes.py``).

Run as ``python -m support.confirm_process DISCORD_ID ORDER_ID CONFIRM_HASH`` with
``pytest``'s ``pythonpath`` (``tests/``) and the repository on ``PYTHONPATH``. The database URL,
the simulator's URL and the vault key come from the environment (``CONFIRM_DATABASE_URL``,
``CONFIRM_SIMULATOR_URL``, ``CONFIRM_VAULT_KEY``): a key is not put on a command line, where
any user of the machine could read it.

The process connects the ORM, prints ``ready``, waits for a line on its standard input (so
that the test can release every process at once), confirms, and prints one JSON line: the
placement (``{"placed": ...}``) or the refusal's class and message (``{"refused": ...}``).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys

from services.db import close_db, init_db
from services.errors import TastybotError
from services.orders.confirmation import confirm_order
from services.vault import Vault
from support.orders import fast_order_context


async def _confirm(discord_id: int, order_id: int, confirm_hash: str) -> dict[str, object]:
    await init_db(os.environ["CONFIRM_DATABASE_URL"], migrate=False)
    context = fast_order_context(
        Vault([os.environ["CONFIRM_VAULT_KEY"]]), os.environ["CONFIRM_SIMULATOR_URL"]
    )
    try:
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        try:
            placement = await confirm_order(context, discord_id, order_id, confirm_hash)
        except TastybotError as error:
            return {"refused": type(error).__name__, "message": error.user_message}
        return {"placed": placement.state.value, "order": placement.production_order_id}
    finally:
        await context.close()
        await close_db()


def main(argv: list[str]) -> None:
    discord_id, order_id, confirm_hash = argv
    print(json.dumps(asyncio.run(_confirm(int(discord_id), int(order_id), confirm_hash))))


if __name__ == "__main__":
    main(sys.argv[1:])
