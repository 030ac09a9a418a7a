"""How long the bot takes to start (setup_hook: database, cogs, web page), and how long the
parser's pipeline takes to become ready in the background. Prints JSON.

    .venv/bin/python bench/startup.py
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import time
from pathlib import Path


async def measure() -> dict[str, float]:
    started = time.perf_counter()
    from bot.bootstrap import build_bot
    from bot.settings import load_settings
    from services.vault import generate_key

    imported = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            _env_file=None,
            DATABASE_URL=f"sqlite://{Path(tmp) / 'bench.sqlite3'}",
            TASTYBOT_DATA_DIR=tmp,
            WEB_PORT=0,
            # real mode as an operator runs it: a configured key and an https public URL
            TASTYBOT_SECRET_KEY=generate_key(),
            PUBLIC_BASE_URL="https://tastybot.example",
        )
        bot = build_bot(settings)
        hook_start = time.perf_counter()
        await bot._async_setup_hook()
        await bot.setup_hook()
        ready = time.perf_counter()
        await asyncio.gather(*bot._background)  # the parser warm-up thread
        parser_ready = time.perf_counter()
        await bot.close()
    return {
        "import_s": round(imported - started, 3),
        "setup_hook_s": round(ready - hook_start, 3),
        "ready_after_start_s": round(ready - started, 3),
        "parser_ready_after_start_s": round(parser_ready - started, 3),
    }


def main() -> None:
    print(json.dumps(asyncio.run(measure())))


if __name__ == "__main__":
    main()
