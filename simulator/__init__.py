"""A local Tastytrade API server (production at ``/``, sandbox at ``/sandbox``) that the
unmodified tastytrade SDK talks to over real HTTP and WebSockets. See ``INTERFACES.md``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.server import RunningSimulator, run_simulator

__all__ = ["RunningSimulator", "main", "run_simulator"]


def __getattr__(name: str) -> Any:
    # lazy, so ``import simulator.state`` does not pull in the whole server
    if name in ("run_simulator", "RunningSimulator", "main"):
        from simulator import server

        return getattr(server, name)
    raise AttributeError(name)
