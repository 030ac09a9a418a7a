"""Run the simulator: in-process (``run_simulator``) or from the command line (``main``).

In-process::

    async with run_simulator(seed=7) as sim:
        creds = sim.credentials()          # {"production": {...}, "sandbox": {...}}
        sim.url, sim.port, sim.production, sim.sandbox
        sim.accepted_orders("production", external_identifier="req-1")   # ground truth

CLI: ``python -m simulator --port 8700 --seed 7`` (also ``tastybot simulator``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import json
import signal
import socket
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

from aiohttp import web

from simulator.app import SimConfig, Simulation
from simulator.clock import Clock
from simulator.faults import Faults
from simulator.ground_truth import AcceptedOrder
from simulator.hours import MARKET_HOURS, WALL
from simulator.state import Environment


class RunningSimulator:
    """A simulator serving on ``url`` (``http://127.0.0.1:PORT``)."""

    def __init__(self, simulation: Simulation, runner: web.AppRunner, host: str, port: int):
        self.simulation = simulation
        self.runner = runner
        self.host = host
        self.port = port
        self.url = f"http://{host}:{port}"
        simulation.base_url = self.url

    @property
    def production(self) -> Environment:
        return self.simulation.production

    @property
    def sandbox(self) -> Environment:
        return self.simulation.sandbox

    @property
    def app(self) -> web.Application:
        return self.simulation.app

    @property
    def faults(self) -> Faults:
        return self.simulation.faults

    @property
    def clock(self) -> Clock:
        """The order engines' clock (a ``ManualClock`` when the config passed one)."""
        return self.simulation.clock

    @property
    def market(self) -> Any:
        return self.simulation.market

    def credentials(self) -> dict[str, dict[str, str]]:
        return self.simulation.credentials(self.url)

    def state(self) -> dict[str, Any]:
        return self.simulation.state()

    def accepted_orders(
        self,
        environment: str | None = None,
        account: str | None = None,
        external_identifier: str | None = None,
    ) -> list[AcceptedOrder]:
        """Every order the simulator accepted (see ``simulator.ground_truth``), oldest first."""
        return self.simulation.accepted_orders(environment, account, external_identifier)

    async def set_faults(self, spec: Any) -> dict[str, int]:
        immediate = self.simulation.faults.configure(spec)
        return await self.simulation.apply_immediate(immediate)

    async def step_market(self, steps: int = 1) -> int:
        return await self.simulation.step_market(steps)

    def reset_sandbox(self) -> dict[str, int]:
        from simulator.app import reset_sandbox

        return reset_sandbox(self.sandbox)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


@asynccontextmanager
async def run_simulator(**config: Any) -> AsyncIterator[RunningSimulator]:
    """Start the simulator on a loopback port (``port=0``/omitted: a free one) and stop it after.

    Keyword arguments are :class:`simulator.app.SimConfig` fields (``seed``, ``today``,
    ``fill_model``, ``transactions``, ``scenario``, ``redirect_uris``, ``access_token_ttl``,
    ``faults``, ``market_tick``, ``market_hours``...).
    """
    cfg = SimConfig(**config)
    simulation = Simulation(cfg)
    runner = web.AppRunner(simulation.app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, cfg.host, cfg.port, backlog=2048, reuse_address=True)
    await site.start()
    port = cfg.port
    server = getattr(site, "_server", None)
    if server is not None and server.sockets:
        port = server.sockets[0].getsockname()[1]
    running = RunningSimulator(simulation, runner, cfg.host, port)
    try:
        yield running
    finally:
        await runner.cleanup()


# CLI ---------------------------------------------------------------------------------------
def loopback_host(value: str) -> str:
    """argparse type: the simulator hands out credentials to anyone who asks, so it listens on
    loopback only (``localhost``, ``127.0.0.0/8``, ``::1``)."""
    if value != "localhost":
        try:
            loopback = ipaddress.ip_address(value).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise argparse.ArgumentTypeError(f"{value!r} is not a loopback address")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="simulator", description="Local Tastytrade API simulator (production + sandbox)"
    )
    p.add_argument("--host", type=loopback_host, default="127.0.0.1", help="loopback only")
    p.add_argument("--port", type=int, default=8700)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--scenario", help="JSON scenario file in Tastytrade wire format")
    p.add_argument("--fill-model", choices=("legacy", "quote"), help="both environments")
    p.add_argument("--transactions", type=int, help="transactions of generated history")
    p.add_argument("--today", type=date.fromisoformat, help="simulated date YYYY-MM-DD")
    p.add_argument(
        "--redirect-uri",
        action="append",
        dest="redirect_uris",
        help="registered OAuth redirect URI (repeatable)",
    )
    p.add_argument("--access-token-ttl", type=float, default=900.0, help="seconds")
    p.add_argument("--faults", help="fault rules as JSON (see simulator/faults.py)")
    p.add_argument("--market-tick", type=float, default=1.0, help="seconds per market step")
    p.add_argument(
        "--market-hours",
        choices=MARKET_HOURS,
        default=WALL,
        help="wall: the NYSE session at the current time of day; open: the regular session "
        "stays open whatever the time and nothing expires at a close",
    )
    p.add_argument("--json", action="store_true", help="print the startup info as JSON")
    return p


def config_from_args(args: argparse.Namespace) -> dict[str, Any]:
    config: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "seed": args.seed,
        "scenario": args.scenario,
        "fill_model": args.fill_model,
        "transactions": args.transactions,
        "today": args.today,
        "access_token_ttl": args.access_token_ttl,
        "faults": json.loads(args.faults) if args.faults else None,
        "market_tick": args.market_tick,
        "market_hours": args.market_hours,
    }
    if args.redirect_uris:
        config["redirect_uris"] = args.redirect_uris
    return config


def banner(sim: RunningSimulator) -> str:
    creds = sim.credentials()
    lines = [
        f"Tastytrade simulator listening on {sim.url}",
        f"  production REST  {sim.url}            alerts ws://{sim.host}:{sim.port}/alerts",
        f"  sandbox REST     {sim.url}/sandbox    alerts ws://{sim.host}:{sim.port}/sandbox/alerts",
        f"  OAuth login      {sim.url}/auth.html  (sandbox: {sim.url}/sandbox/auth.html)",
        f"  credentials      {sim.url}/_sim/credentials   ground truth {sim.url}/_sim/state",
        "",
    ]
    for env_name, c in creds.items():
        lines += [
            f"[{env_name}] personal grant",
            f"  base_url        {c['base_url']}",
            f"  client_id       {c['oauth_client_id']}",
            f"  client_secret   {c['client_secret']}",
            f"  refresh_token   {c['refresh_token']}",
            f"  login           {c['username']} / {c['password']}",
        ]
    return "\n".join(lines)


async def serve(config: dict[str, Any], as_json: bool = False) -> None:
    async with run_simulator(**config) as sim:
        if as_json:
            print(json.dumps({"url": sim.url, "credentials": sim.credentials()}), flush=True)
        else:
            print(banner(sim), flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        await stop.wait()


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point (``python -m simulator`` / ``tastybot simulator``); returns an exit code."""
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    try:
        config = config_from_args(args)
        asyncio.run(serve(config, as_json=args.json))
    except (ValueError, OSError) as exc:
        print(f"simulator: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    return 0
