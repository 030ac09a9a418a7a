"""The event loop the bot runs on: uvloop where it is installed (Linux, the production image),
else asyncio's own.

uvloop (libuv under asyncio's interface, by the authors of asyncpg) runs the same coroutines
with less CPU per socket event and callback; ``bench/orders.py`` measures the order pipeline on
the loop the bot uses. Tests run on pytest-asyncio's default loop: nothing here depends on which.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def loop_name() -> str:
    """``"uvloop"`` or ``"asyncio"``: which loop :func:`run` uses here."""
    try:
        import uvloop  # noqa: F401
    except ImportError:
        return "asyncio"
    return "uvloop"


def run(main: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(main)`` on the loop :func:`loop_name` names."""
    if loop_name() == "uvloop":
        import uvloop

        return uvloop.run(main)
    return asyncio.run(main)
